#include "extract.h"
#include "extract_internal.h"

#include "date.h"

#include <stdlib.h>
#include <string.h>

/* A headline has a few words and fits a line. */
enum {
    MIN_WORDS = 3, MAX_CHARS = 200, MAX_SITE_WORDS = 4, MAX_LABEL_WORDS = 6,
    MAX_DATE_OTHERS = 3 /* headlines seldom state a dated year; date lines add a word or three */
};

/* What sites put between a headline and their name. */
static const char *const separators[] = {" | ", " - ", " – ", " — ", " · ", " • ", " » ", " :: ", NULL};

/* Lines that are furniture, not headlines, even when they look like one. */
static const char *const notices[] = {
    "copyright", "all rights reserved", "use of materials", "hyperlink", "follow us",
    "subscribe", "sign in", "sign up", "log in", "cookies", "share it", "read more",
    "what are you looking for", "you were looking for", "page not found", "most popular",
    "recent posts", "related articles", "leave a reply", "back to top", "страница не найдена", NULL,
};
static const char *const error_words[] = {"error", "sorry", "oops", "404", "ошибка", NULL};
/* In a short line, an interface's words: "Print this page", "Поиск по сайту". */
static const char *const interface_words[] = {
    "search", "print", "login", "menu", "newsletter", "email", "e-mail", "поиск", "вход", "войти", "меню", NULL,
};
/* "Updated 3 hours ago". */
static const char *const relative_time[] = {"ago", "назад", NULL};
/* "Breaking: …", "Related: …": a line pointing at another story. */
static const char *const kickers[] = {
    "breaking", "related", "live", "watch", "video", "read", "also", "sponsored", "advertisement", NULL,
};

static int same_name(const char *a, size_t alen, const char *b)
{
    return lg_same_name(a, alen, b, strlen(b));
}

static size_t words_in(lg_etoks *ts, const char *s, size_t len)
{
    return lg_etoks_scan(ts, s, len) < 0 ? 0 : lg_word_count(ts);
}

/* ---- markup titles ---- */

/* The span of a separator in t: the first one or the last one. */
static int find_separator(const char *t, int last, size_t *at, size_t *len)
{
    int found = 0;
    for (const char *const *sep = separators; *sep; sep++)
        for (const char *p = strstr(t, *sep); p; p = strstr(p + 1, *sep)) {
            size_t pos = (size_t)(p - t);
            if (!found || (last ? pos > *at : pos < *at)) {
                *at = pos;
                *len = strlen(*sep);
                found = 1;
            }
            if (!last)
                break;
        }
    return found;
}

/* A last segment with no site name to compare reads as the site's when it
 * is short and the rest is a longer headline ("Talks resume | Daily Sabah"). */
static int looks_like_site(lg_etoks *ts, const char *seg, size_t seglen, const char *rest, size_t restlen)
{
    size_t sw = words_in(ts, seg, seglen), rw = words_in(ts, rest, restlen);
    return sw > 0 && sw <= MAX_SITE_WORDS && rw >= MIN_WORDS && rw > sw;
}

/* Narrows [*start, *end) of t to the headline: drops "| Site", "- Site",
 * "Site | " and "Site: " where Site is the page's site name, or a short
 * last segment when the page names no site. */
static void strip_site(const char *t, const char *site, lg_etoks *ts, size_t *start, size_t *end)
{
    size_t at = 0, len = 0;
    if (find_separator(t, 1, &at, &len)) {
        const char *tail = t + at + len;
        if (site ? same_name(tail, strlen(tail), site) : looks_like_site(ts, tail, strlen(tail), t, at)) {
            *end = at;
            return;
        }
    }
    if (!site)
        return;
    if (find_separator(t, 0, &at, &len) && same_name(t, at, site))
        *start = at + len;
    else if ((at = strcspn(t, ":")) < *end && same_name(t, at, site))
        *start = at + 1;
}

static char *trimmed_dup(const char *s, size_t start, size_t end)
{
    while (start < end && s[start] == ' ')
        start++;
    while (end > start && s[end - 1] == ' ')
        end--;
    return start < end ? lg_span_dup(s, start, end) : NULL;
}

static char *markup_title(const lg_page *page, lg_etoks *ts)
{
    const char *const cands[] = {page->og_title, page->html_title};
    for (size_t i = 0; i < sizeof cands / sizeof *cands; i++) {
        const char *t = cands[i];
        if (!t || (page->site_name && same_name(t, strlen(t), page->site_name)))
            continue;
        size_t start = 0, end = strlen(t);
        strip_site(t, page->site_name, ts, &start, &end);
        char *title = trimmed_dup(t, start, end);
        if (title)
            return title;
    }
    return NULL;
}

/* ---- headline blocks ---- */

static size_t char_count(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* Short lines of capitals ("WHAT ARE YOU LOOKING FOR ?", "REGION") or of
 * capitalised words, a masthead ("Global Affairs Wire"). */
static int is_label(const char *s, const lg_etoks *ts, size_t words)
{
    int caps = words <= MAX_LABEL_WORDS;
    for (size_t i = 0; i < ts->n && caps; i++)
        if (lg_etok_word(&ts->v[i]) && (ts->v[i].flags & LG_W_LETTER))
            caps = !!(ts->v[i].flags & LG_W_UPPER);
    return caps || (words <= MAX_SITE_WORDS && lg_title_case(s, ts));
}

static int is_interface(const char *s, const lg_etoks *ts, size_t words)
{
    for (size_t i = 0; i < ts->n && words <= MAX_LABEL_WORDS; i++)
        if (lg_etok_in(s, &ts->v[i], interface_words))
            return 1;
    return 0;
}

static int is_bar(const lg_etok *t)
{
    return t->punct == '|' || t->punct == 0xB7 || t->punct == 0x2022 || t->punct == '/';
}

/* A menu ("News | Analysis | Economy"), a ticker item ("08:41 Markets
 * open lower") or a kicker ("Breaking: …"). */
static int is_menu(const char *s, const lg_etoks *ts)
{
    const lg_etok *t = ts->v;
    size_t bars = 0;
    for (size_t i = 0; i < ts->n; i++)
        bars += is_bar(&t[i]);
    if (bars >= 2)
        return 1;
    if ((t[0].flags & LG_W_DIGIT) && t[1].punct == ':' && (t[2].flags & LG_W_DIGIT))
        return 1;
    return lg_etok_in(s, &t[0], kickers) && t[1].punct == ':';
}

/* Menu items glued to the headline ("HomeGlobalRussia sees…") or a trail
 * ("Home > World > …"). */
static int is_breadcrumb(const char *s, const lg_etoks *ts)
{
    const lg_etok *t = ts->v;
    if (t[0].flags & LG_W_CAMEL)
        return 1;
    return lg_etok_is(s, &t[0], "home") && ts->n > 1 && !lg_etok_word(&t[1]);
}

static int is_notice(const char *s, const lg_etoks *ts)
{
    if (lg_etok_in(s, &ts->v[0], error_words))
        return 1;
    for (size_t i = 0; i < ts->n; i++) {
        if (ts->v[i].punct == 0xA9) /* © */
            return 1;
        for (const char *const *p = notices; *p; p++)
            if (lg_phrase_at(s, ts, i, *p))
                return 1;
    }
    return 0;
}

/* A date with at most MAX_DATE_OTHERS other words ("date 2025-05-14 403",
 * "Tuesday, May 21, 2024", "From the March 2024 issue"), or a short
 * relative time ("Updated 3 hours ago"). */
static int is_date_line(const char *s, size_t len, const lg_etoks *ts, size_t words)
{
    lg_date d;
    size_t start, end, others = 0;
    for (size_t i = 0; i < ts->n && words <= MAX_LABEL_WORDS; i++)
        if (lg_etok_in(s, &ts->v[i], relative_time))
            return 1;
    if (lg_date_parse_text(s, len, &d, &start, &end) < 0)
        return 0;
    for (size_t i = 0; i < ts->n; i++)
        others += lg_etok_word(&ts->v[i]) && (ts->v[i].start < start || ts->v[i].start >= end);
    return others <= MAX_DATE_OTHERS;
}

static int is_headline(const lg_page *page, const lg_block *b, const lg_etoks *ts, size_t words)
{
    if (words < MIN_WORDS || char_count(b->text, b->len) > MAX_CHARS)
        return 0;
    if (ts->v[ts->n - 1].punct == '.') /* a sentence */
        return 0;
    if (b->kind == LG_BLOCK_LIST_ITEM || b->kind == LG_BLOCK_CELL)
        return 0;
    if (page->site_name && same_name(b->text, b->len, page->site_name))
        return 0;
    return !is_label(b->text, ts, words) && !is_interface(b->text, ts, words) && !is_menu(b->text, ts)
        && !is_breadcrumb(b->text, ts) && !is_notice(b->text, ts) && !is_date_line(b->text, b->len, ts, words);
}

/* Whether block b repeats a line above it or an item of a menu above it:
 * a section's name ("Россия и мир" under "Регион | Россия и мир |
 * Происшествия"). */
static int repeats_menu(const lg_page *page, const lg_block *b, lg_etoks *ts)
{
    for (const lg_block *m = page->blocks; m < b; m++) {
        if (lg_etoks_scan(ts, m->text, m->len) < 0)
            return 0;
        for (size_t i = 0, seg = 0; i <= ts->n; i++) {
            if (i < ts->n && !is_bar(&ts->v[i]))
                continue;
            if (seg < i && ts->v[i - 1].end - ts->v[seg].start == b->len
                && !memcmp(m->text + ts->v[seg].start, b->text, b->len))
                return 1;
            seg = i + 1;
        }
    }
    return 0;
}

/* The first headline-like block above the body; an h1 among them wins. */
static char *headline_block(const lg_page *page, lg_etoks *ts, lg_etoks *above)
{
    const lg_block *first = NULL;
    for (size_t i = 0; i < page->n; i++) {
        const lg_block *b = &page->blocks[i];
        size_t words = words_in(ts, b->text, b->len);
        if (words >= LG_BODY_WORDS)
            break;
        if (!is_headline(page, b, ts, words) || repeats_menu(page, b, above))
            continue;
        if (b->kind == LG_BLOCK_HEADING && b->level == 1) {
            first = b;
            break;
        }
        if (!first)
            first = b;
    }
    return first ? lg_span_dup(first->text, 0, first->len) : NULL;
}

char *lg_extract_title(const lg_page *page, lg_source *src)
{
    lg_etoks ts = {0}, above = {0};
    char *title = markup_title(page, &ts);
    *src = LG_SRC_META;
    if (!title) {
        title = headline_block(page, &ts, &above);
        *src = title ? LG_SRC_BODY : LG_SRC_NONE;
    }
    lg_etoks_free(&ts);
    lg_etoks_free(&above);
    return title;
}
