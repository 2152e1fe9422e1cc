#include "extract.h"
#include "extract_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/*
 * The outlet is the site that publishes the page; an agency's dateline
 * ("(MENAFN) …", "WASHINGTON (AP) —") names the wire that wrote the copy.
 * On a wire's own page they are one; on a site that carries wire copy
 * the site signs elsewhere — a copyright line, a newsletter box ("Discover
 * more from X"), a self-citation ("X reports via TASS"), a masthead named
 * again lower down — and the dateline's agency is what it relays.
 * Signatures are read in every block, kept or not: they live in the
 * furniture cleaning drops.
 */

/* A site's own signatures, strongest first. */
typedef enum { SIG_COPYRIGHT, SIG_DISCOVER, SIG_REPORTS, SIG_MASTHEAD, SIG_NONE } sig_rank;

enum { MAX_LEAD = 10, MAX_NAME_WORDS = 4, MAX_QUOTE_GAP = 4 };

typedef struct {
    size_t start, end;
} span;

static const char *const relay_words[] = {"via", "citing", NULL};
/* Russian relays: "передаёт РИА Новости", "сообщает агентство Синьхуа". */
static const char *const relay_verbs_ru[] = {"передает", "передаёт", "сообщает", "пишет", NULL};

/* Where an outlet's name ends in a copyright line: the rights, and the
 * owning company's form ("Harbour City Post Publishers Limited"). */
static const char *const name_stops[] = {
    "all", "rights", "reserved", "inc", "ltd", "llc", "limited", "kft", "gmbh", "plc", "publishers",
    "publishing", "media", "holdings", "group", "website", NULL,
};

static int is_digits(const lg_etok *t)
{
    return (t->flags & LG_W_DIGIT) && !(t->flags & LG_W_LETTER);
}

static int is_opening_quote(const lg_etok *t)
{
    return t->punct == '"' || t->punct == 0x201C || t->punct == 0xAB || t->punct == 0x201E;
}

/* Up to MAX_NAME_WORDS adjacent words from ts->v[j] ("Caliber.Az",
 * "RIA Novosti"); caps_only stops at a word without a capital. */
static int take_name(const char *s, const lg_etoks *ts, size_t j, int caps_only, span *out)
{
    size_t k = j;
    while (k < ts->n && k - j < MAX_NAME_WORDS && lg_etok_word(&ts->v[k]) && !is_digits(&ts->v[k])
           && !lg_etok_in(s, &ts->v[k], name_stops) && (!caps_only || (ts->v[k].flags & LG_W_CAP)))
        k++;
    if (k == j)
        return 0;
    out->start = ts->v[j].start;
    out->end = ts->v[k - 1].end;
    return 1;
}

/* The first word's index, past bullets. */
static size_t first_word(const lg_etoks *ts)
{
    size_t i = 0;
    while (i < ts->n && !lg_etok_word(&ts->v[i]))
        i++;
    return i;
}

/* ---- datelines ---- */

static int is_agency(const char *s, const lg_etok *t)
{
    int acronym = (t->flags & LG_W_UPPER) && !(t->flags & LG_W_DIGIT) && t->end - t->start >= 2;
    return lg_etok_word(t) && (acronym || lg_etok_in(s, t, lg_agencies));
}

static int is_lead_punct(int32_t c)
{
    return c == ',' || c == '-' || c == '.' || c == ':' || c == '[' || c == ']';
}

/* Capitalised words, numbers, a month after its day ("12 марта"). */
static int is_lead_token(const char *s, const lg_etoks *ts, size_t i)
{
    const lg_etok *t = &ts->v[i];
    if (!lg_etok_word(t))
        return is_lead_punct(t->punct);
    if ((t->flags & (LG_W_CAP | LG_W_DIGIT)) || lg_etok_is(s, t, "date"))
        return 1;
    return i > 0 && is_digits(&ts->v[i - 1]);
}

/* What may precede an agency's mark at a paragraph's start: a scraper's
 * "date 2024-04-23" or a dateline "MOSCOW, May 21", "New Delhi [India],
 * July 4", "МОСКВА, 12 марта.". It must open with the header's word or a
 * city in capitals, or hold a date, so "The European Union (EU)" is no
 * dateline. */
static int is_lead(const char *s, const lg_etoks *ts, size_t n)
{
    int dated = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_lead_token(s, ts, i))
            return 0;
        dated |= is_digits(&ts->v[i]);
    }
    size_t w = first_word(ts);
    return n == 0 || dated || (w < n && ((ts->v[w].flags & LG_W_UPPER) || lg_etok_is(s, &ts->v[w], "date")));
}

/* "(MENAFN) Russian…", "date 2024-04-23 (MENAFN) …", "MOSCOW, May 21
 * (Reuters) -", "МОСКВА, 12 марта. /ТАСС/.": the agency. */
static int dateline(const char *s, const lg_etoks *ts, span *out)
{
    for (size_t i = 0; i + 2 < ts->n && i <= MAX_LEAD; i++) {
        int32_t open = ts->v[i].punct, close = open == '(' ? ')' : '/';
        if (open != '(' && open != '/')
            continue;
        if (!is_lead(s, ts, i) || !is_agency(s, &ts->v[i + 1]) || ts->v[i + 2].punct != close)
            return 0;
        *out = (span){ts->v[i + 1].start, ts->v[i + 1].end};
        return 1;
    }
    return 0;
}

/* ---- the site's signatures ---- */

/* "Steppe Times, 2024. All rights reserved": a capitalised name of up
 * to three words, then only punctuation and years before the phrase. */
static int rights_reserved(const char *s, const lg_etoks *ts, span *out)
{
    size_t w = first_word(ts);
    if (w == ts->n || !(ts->v[w].flags & LG_W_CAP) || !take_name(s, ts, w, 0, out))
        return 0;
    if (w + MAX_NAME_WORDS - 1 < ts->n && ts->v[w + MAX_NAME_WORDS - 1].end == out->end)
        return 0; /* four words: a sentence */
    for (size_t i = w; i < ts->n; i++) {
        if (lg_phrase_at(s, ts, i, "all rights reserved") || lg_phrase_at(s, ts, i, "все права защищены"))
            return 1;
        if (ts->v[i].start >= out->end && lg_etok_word(&ts->v[i]) && !is_digits(&ts->v[i]))
            return 0;
    }
    return 0;
}

/* "Caliber.az © 2024", "© 2024 MENAFN. All rights reserved", "Copyright
 * Elrisala", "© «Голос Балтики»": the name after the mark and year, else
 * the short line before it. */
static int copyright(const char *s, const lg_etoks *ts, span *out)
{
    for (size_t i = 0; i < ts->n; i++) {
        const lg_etok *t = &ts->v[i];
        /* A capital: "complaints or copyright issues" is not a signature. */
        if (t->punct != 0xA9 && !(lg_etok_is(s, t, "copyright") && (t->flags & LG_W_CAP)))
            continue;
        size_t j = i + 1;
        while (j < ts->n && (ts->v[j].punct == 0xA9 || is_digits(&ts->v[j]) || ts->v[j].punct == '-'
                             || ts->v[j].punct == 0x2013 || ts->v[j].punct == ',' || is_opening_quote(&ts->v[j])))
            j++;
        if (take_name(s, ts, j, 0, out))
            return 1;
        size_t k = i;
        while (k > 0 && i - k < MAX_NAME_WORDS && lg_etok_word(&ts->v[k - 1]) && !is_digits(&ts->v[k - 1]))
            k--;
        if (k < i && (k == 0 || !lg_etok_word(&ts->v[k - 1])))
            return take_name(s, ts, k, 0, out);
    }
    return rights_reserved(s, ts, out);
}

static int discover(const char *s, const lg_etoks *ts, span *out)
{
    size_t i = first_word(ts), n = lg_phrase_at(s, ts, i, "discover more from");
    return n && take_name(s, ts, i + n, 0, out);
}

/* "…, Caliber.Az reports via TASS": a name that looks like an outlet
 * (a domain, an acronym, an agency) or that names its own source. */
static int reports(const char *s, const lg_etoks *ts, size_t i, span *out)
{
    size_t k = i;
    while (k > 0 && i - k < 3 && lg_etok_word(&ts->v[k - 1]) && (ts->v[k - 1].flags & LG_W_CAP))
        k--;
    if (k == i || (k > 0 && lg_etok_word(&ts->v[k - 1]) && (ts->v[k - 1].flags & LG_W_CAP)))
        return 0; /* no name, or one of more than three words */
    int outletish = i + 1 < ts->n && lg_etok_in(s, &ts->v[i + 1], relay_words);
    for (size_t j = k; j < i; j++)
        outletish |= (ts->v[j].flags & (LG_W_DOT | LG_W_UPPER)) || lg_etok_in(s, &ts->v[j], lg_agencies);
    if (!outletish)
        return 0;
    *out = (span){ts->v[k].start, ts->v[i - 1].end};
    return 1;
}

/* The strongest of the site's signatures in one block. */
static sig_rank site_signature(const char *s, const lg_etoks *ts, span *out)
{
    if (copyright(s, ts, out))
        return SIG_COPYRIGHT;
    if (discover(s, ts, out))
        return SIG_DISCOVER;
    for (size_t i = 0; i < ts->n; i++)
        if (lg_etok_is(s, &ts->v[i], "reports") && !(ts->v[i].flags & LG_W_CAP) && reports(s, ts, i, out))
            return SIG_REPORTS;
    return SIG_NONE;
}

/* Where block m names the masthead line (text, words in top) again, its
 * words as written there. */
static int named_again(const char *text, const lg_etoks *top, const lg_block *m, lg_etoks *ts, span *out)
{
    size_t n = top->n;
    if (lg_etoks_scan(ts, m->text, m->len) < 0)
        return 0;
    for (size_t i = 0; i + n <= ts->n; i++) {
        size_t k = 0;
        while (k < n && lg_spans_equal(m->text, ts->v[i + k].start, ts->v[i + k].end, text, top->v[k].start,
                            top->v[k].end))
            k++;
        if (k == n) {
            *out = (span){ts->v[i].start, ts->v[i + n - 1].end};
            return 1;
        }
    }
    return 0;
}

/* A masthead: a line of two to four capitalised words above the body
 * ("PLANALTO OBSERVER", "Global Affairs Wire") that the page names again
 * further down ("Planalto Observer - independent journalism since
 * 1998"), which tells a site's name from a section's. Its later spelling
 * is kept: mastheads are often in capitals. */
static char *masthead(const lg_page *page)
{
    lg_etoks top = {0}, other = {0};
    char *name = NULL;
    for (size_t i = 0; i < page->n && !name; i++) {
        const lg_block *b = &page->blocks[i];
        if (lg_etoks_scan(&top, b->text, b->len) < 0)
            break;
        size_t words = lg_word_count(&top);
        if (words >= LG_BODY_WORDS)
            break;
        if (words < 2 || words > MAX_NAME_WORDS || words != top.n || !lg_title_case(b->text, &top))
            continue;
        span sp;
        for (size_t j = i + 1; j < page->n && !name; j++)
            if (named_again(b->text, &top, &page->blocks[j], &other, &sp))
                name = lg_span_dup(page->blocks[j].text, sp.start, sp.end);
    }
    lg_etoks_free(&top);
    lg_etoks_free(&other);
    return name;
}

/* ---- relays ---- */

/* "Source of information and images “economictimes.indiatimes”",
 * "Source: TASS" — a name, not "Source: agencies and wire reports". */
static int source_line(const char *s, const lg_etoks *ts, span *out)
{
    size_t i = first_word(ts), n = lg_phrase_at(s, ts, i, "source of information");
    if (!n && !(n = lg_phrase_at(s, ts, i, "source")))
        return 0;
    for (size_t j = i + n; j < ts->n && j <= i + n + MAX_QUOTE_GAP; j++)
        if (!lg_etok_word(&ts->v[j]))
            return j + 1 < ts->n && (ts->v[j + 1].flags & (LG_W_CAP | LG_W_DOT)) && take_name(s, ts, j + 1, 0, out);
    return 0;
}

/* The relayed agency named at token i, if any. */
static int relay_at(const char *s, const lg_etoks *ts, size_t i, span *out)
{
    size_t n = lg_phrase_at(s, ts, i, "reports via");
    if (!n)
        n = lg_phrase_at(s, ts, i, "reports citing");
    if (n)
        return take_name(s, ts, i + n, 1, out);
    if ((n = lg_phrase_at(s, ts, i, "according to")))
        return i + n < ts->n && lg_etok_in(s, &ts->v[i + n], lg_agencies) && take_name(s, ts, i + n, 1, out);
    if (lg_etok_is(s, &ts->v[i], "reported")) /* ", TASS reported." */
        return i > 0 && lg_etok_in(s, &ts->v[i - 1], lg_agencies) && take_name(s, ts, i - 1, 1, out);
    if (!lg_etok_in(s, &ts->v[i], relay_verbs_ru))
        return 0;
    size_t j = i + 1;
    j += j < ts->n && lg_etok_is(s, &ts->v[j], "агентство");
    j += j < ts->n && is_opening_quote(&ts->v[j]);
    return take_name(s, ts, j, 1, out);
}

/* The first agency a block says the page relays. */
static int relayed(const char *s, const lg_etoks *ts, span *out)
{
    for (size_t i = 0; i < ts->n; i++)
        if (relay_at(s, ts, i, out))
            return 1;
    return source_line(s, ts, out);
}

/* ---- the page ---- */

typedef struct {
    sig_rank rank;
    char *site;   /* the strongest site signature */
    char *agency; /* the first dateline's */
    char *via;    /* the first relay statement's */
} found;

static void keep_first(char **dst, const char *s, span sp)
{
    if (!*dst)
        *dst = lg_span_dup(s, sp.start, sp.end);
}

static void scan_blocks(const lg_page *page, found *f)
{
    lg_etoks ts = {0};
    for (size_t b = 0; b < page->n; b++) {
        const char *s = page->blocks[b].text;
        span sp;
        if (lg_etoks_scan(&ts, s, page->blocks[b].len) < 0)
            break;
        sig_rank r = site_signature(s, &ts, &sp);
        if (r < f->rank) {
            free(f->site);
            f->site = lg_span_dup(s, sp.start, sp.end);
            f->rank = r;
        }
        if (dateline(s, &ts, &sp))
            keep_first(&f->agency, s, sp);
        if (relayed(s, &ts, &sp))
            keep_first(&f->via, s, sp);
    }
    lg_etoks_free(&ts);
    if (!f->site)
        f->site = masthead(page);
}

/* "https://www.Caliber.az/post/1" -> "caliber.az"; NULL without a host. */
static char *url_domain(const char *url)
{
    const char *p = strstr(url, "://");
    if (!p)
        return NULL;
    p += 3;
    size_t n = strcspn(p, "/?#:");
    if (n > 4 && strncasecmp(p, "www.", 4) == 0) {
        p += 4;
        n -= 4;
    }
    if (!memchr(p, '.', n))
        return NULL;
    char *d = lg_span_dup(p, 0, n);
    for (char *c = d; c && *c; c++)
        *c = (char)tolower((unsigned char)*c);
    return d;
}

/* Moves *from to the result. */
static char *take(char **from)
{
    char *s = *from;
    *from = NULL;
    return s;
}

static char *outlet_of(const lg_page *page, found *f, lg_source *src)
{
    *src = LG_SRC_META;
    if (page->site_name && *page->site_name)
        return strdup(page->site_name);
    *src = LG_SRC_BODY;
    if (f->site)
        return take(&f->site);
    *src = LG_SRC_DATELINE;
    if (f->agency)
        return take(&f->agency);
    char *domain = page->canonical ? url_domain(page->canonical) : NULL;
    *src = domain ? LG_SRC_URL : LG_SRC_NONE;
    return domain;
}

char *lg_extract_outlet(const lg_page *page, char **via, lg_source *src)
{
    found f = {SIG_NONE, NULL, NULL, NULL};
    scan_blocks(page, &f);
    char *outlet = outlet_of(page, &f, src);
    /* A wire's dateline on another outlet's page names what it relays. */
    if (!f.via && f.agency && !(outlet && lg_same_name(outlet, strlen(outlet), f.agency, strlen(f.agency))))
        f.via = take(&f.agency);
    *via = take(&f.via);
    free(f.site);
    free(f.agency);
    return outlet;
}
