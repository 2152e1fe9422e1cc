/*
 * pubdate.c — the publication date a page states about itself.
 *
 * Only places where a page dates itself are read: its markup, a scraper's
 * header line, a short date line at the top, a wire dateline opening the
 * body. A date inside a sentence ("talks held on 5 May 2024") is what the
 * story is about, not when it was published, so body text is never
 * searched.
 */
#include "extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

/* A date line sits among the first blocks, anywhere above the body (menus
 * can push the headline and its date far down), or just below what looked
 * like its start (a standfirst, a long photo caption). */
#define TOP_BLOCKS 12
#define BELOW_BODY_START 4
#define MAX_BLOCKS 400
/* A block this long is body text; a date line is shorter than this one. */
#define PARAGRAPH_CHARS 100
#define DATELINE_CHARS 60
/* A scraper's header line is among the first few blocks. */
#define HEADER_BLOCKS 3
/* Wire datelines open one of the first paragraphs. */
#define WIRE_PARAGRAPHS 3
/* "MOSCOW", "NEW YORK", "Rio de Janeiro": a place is short. */
#define PLACE_BYTES 40

static const lg_date unknown = {0, 0, 0, -1, -1, LG_DATE_UNKNOWN};

/* Characters (code points) in a block. */
static size_t chars(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

static size_t skip_spaces(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

/* A date starting exactly at s. */
static int date_opens(const char *s, size_t n, lg_date *d, size_t *end)
{
    size_t start;
    return lg_date_parse_text(s, n, d, &start, end) == 0 && start == 0;
}

/* A date as markup states it: ISO as it should be, else whatever date the
 * value holds ("Tue, 21 May 2024 17:40:00 GMT"). */
static int parse_stated(const char *s, lg_date *d)
{
    size_t n = strlen(s), i = skip_spaces(s, n, 0);
    while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return lg_date_parse_iso(s + i, n - i, d, NULL) == 0 || lg_date_parse_text(s + i, n - i, d, NULL, NULL) == 0;
}

static int is_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int atoi_n(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* A path segment run "2019/10/18", "2019-10-18" or "20191018" at s (after
 * a slash), followed by a slash, a hyphen, a dot or the end: a day. */
static int url_day(const char *s, size_t n, lg_date *d)
{
    char ymd[11];
    if (n >= 10 && is_digits(s, 4) && (s[4] == '/' || s[4] == '-') && s[7] == s[4] && is_digits(s + 5, 2) &&
        is_digits(s + 8, 2) && (n == 10 || memchr("/-._", s[10], 4))) {
        memcpy(ymd, s, 10);
    } else if (n >= 8 && is_digits(s, 8) && (n == 8 || memchr("/._", s[8], 3))) {
        snprintf(ymd, sizeof ymd, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
    } else {
        return 0;
    }
    ymd[4] = ymd[7] = '-';
    ymd[10] = '\0';
    int y = atoi_n(ymd, 4);
    return y >= 1995 && y <= 2099 && lg_date_parse_iso(ymd, 10, d, NULL) == 0;
}

/* The day a canonical URL's path is filed under ("/2019/10/18/slug",
 * "/news/2020-05-16-slug", "/detail/20200102/"); never a month alone. */
static int from_url(const lg_page *page, lg_date *d)
{
    const char *u = page->canonical, *path;
    if (!u || !(path = strstr(u, "://")) || !(path = strchr(path + 3, '/')))
        return 0;
    size_t n = strlen(path);
    for (size_t i = 0; i < n; i++)
        if (path[i] == '/' && url_day(path + i + 1, n - i - 1, d))
            return 1;
    return 0;
}

static int from_dateline(const lg_page *page, lg_date *d);

/* Minutes since 1970 of a minute-precise date written at `zone`. */
static long instant(const lg_date *d, int zone)
{
    return lg_date_days(d) * 1440 + d->hour * 60 + d->minute - zone;
}

/* A timestamp in UTC ("…T22:04:00Z") names the day in Greenwich; the page's
 * readers may have seen the day before or after. The page says which: the
 * same moment written in its own zone in other markup, else a day one
 * apart in its URL or its date line. */
static void local_day(const lg_page *page, const char *stated, lg_date *d)
{
    int zone;
    if (d->precision != LG_DATE_MINUTE || !lg_date_zone(stated, strlen(stated), &zone) || zone != 0)
        return;
    lg_date other;
    for (size_t i = 0; i < page->n_zoned; i++) {
        const char *z = page->zoned[i];
        if (parse_stated(z, &other) && other.precision == LG_DATE_MINUTE && lg_date_zone(z, strlen(z), &zone) &&
            labs(instant(&other, zone) - instant(d, 0)) <= 1) {
            *d = other;
            return;
        }
    }
    if ((from_url(page, &other) || from_dateline(page, &other)) && other.precision >= LG_DATE_DAY &&
        labs(lg_date_days(&other) - lg_date_days(d)) == 1)
        *d = other;
}

/* HTML metadata stating the publication, its day as the page's readers saw it. */
static int from_meta(const lg_page *page, lg_date *d)
{
    if (!page->published || !parse_stated(page->published, d))
        return 0;
    local_day(page, page->published, d);
    return 1;
}

/* Weaker markup: a <time> not marked as the publication, a video's upload. */
static int from_stamp(const lg_page *page, lg_date *d)
{
    if (!page->stamp || !parse_stated(page->stamp, d))
        return 0;
    local_day(page, page->stamp, d);
    return 1;
}

/* "date 2025-05-14 403" as the first line of a scrape, or run into the
 * first paragraph: "date 2024-04-23 (MENAFN) Russian ...". */
static int from_header(const lg_page *page, lg_date *d)
{
    for (size_t b = 0; b < page->n && b < HEADER_BLOCKS; b++) {
        const char *s = page->blocks[b].text;
        size_t n = page->blocks[b].len, i = skip_spaces(s, n, 0), end;
        if (n - i < 5 || strncasecmp(s + i, "date", 4) != 0)
            continue;
        size_t at = skip_spaces(s, n, i + 4);
        if (at > i + 4 && date_opens(s + at, n - at, d, &end))
            return 1;
    }
    return 0;
}

/* Whether the n bytes at s are one of `words` in any case. */
static int word_in(const char *s, size_t n, const char *const *words, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strlen(words[i]) == n && strncasecmp(s, words[i], n) == 0)
            return 1;
    return 0;
}

/* "GMT", "MSK": a zone after the time. */
static int is_zone(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'A' || s[i] > 'Z')
            return 0;
    return n >= 2 && n <= 5;
}

static int is_word_cp(utf8proc_int32_t cp)
{
    utf8proc_category_t cat = utf8proc_category(cp);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) || (cp >= '0' && cp <= '9');
}

/* Bytes of the word (letters and digits) at s, 0 if none. */
static size_t word_len(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k < 1 || !is_word_cp(cp))
            break;
        i += (size_t)k;
    }
    return i;
}

/* Words a dateline puts around its date. The first N_LEADS can open a
 * byline ("Posted by Anna Li 21.10.2019"); the last N_LINKS only join
 * ("Published on"): alone, as in "On 7 March 2023, the envoys met", they
 * label nothing. In English, Russian, German ("Veröffentlicht am", "Stand:"),
 * French, Spanish, Italian and Dutch. strncasecmp folds ASCII only: Russian
 * labels come in both cases, and others match when their first letter is
 * the only capital ("Veröffentlicht"). */
static const char *const labels[] = {
    /* leads */
    "by", "posted", "published", "updated", "Опубликовано", "опубликовано", "Обновлено", "обновлено",
    "von", "veröffentlicht", "erstellt", "aktualisiert", "publiziert", "par", "publié", "por",
    "publicado", "actualizado", "pubblicato", "aggiornato", "gepubliceerd",
    /* labels */
    "date", "modified", "Дата", "дата", "last", "datum", "stand", "veröffentlichung", "zuletzt",
    "geändert", "publication", "fecha", "data",
    /* links */
    "on", "at", "am", "um", "vom", "uhr", "le", "à", "el", "il", "op",
};
#define N_LABELS (sizeof labels / sizeof *labels)
#define N_LEADS 21
#define N_LINKS 11

/* How many words of s name the date ("Updated", "Опубликовано"), or -1
 * when a word is not a label, a link word or a zone ("GMT"). Digits are
 * words: "3 comments" is no label. */
static int label_words(const char *s, size_t n)
{
    int naming = 0;
    for (size_t i = 0; i < n;) {
        size_t k = word_len(s + i, n - i);
        if (k && word_in(s + i, k, labels, N_LABELS - N_LINKS))
            naming++;
        else if (k && !word_in(s + i, k, labels + N_LABELS - N_LINKS, N_LINKS) && !is_zone(s + i, k))
            return -1;
        i += k ? k : 1;
    }
    return naming;
}

/* What separates a date from a byline or a section: "By Anna Li | ",
 * "Anna Li / ", "World — ", "Moscow, ". Whatever stands before a bar, a
 * slash or a dash is a byline or a section ("Ein Artikel von Anna Li |").
 * A comma or a hyphen, the last ones, can also end a headline ("Results:
 * relay, Aalen, 19.5.2007", "20 Baby Shower Ideas - October 23, 2020") or
 * go on into a sentence, so only a few words may stand beside them. */
static const char *const separators[] = {"|", "/", "\u2022", "\u00B7", "\u2013", "\u2014", ",", "-"};
#define N_SEPARATORS (sizeof separators / sizeof *separators)
#define N_STRONG (N_SEPARATORS - 2)
#define SIDE_WORDS 4

static size_t words(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n;) {
        size_t k = word_len(s + i, n - i);
        count += k > 0;
        i += k ? k : 1;
    }
    return count;
}

/* The separator s (spaces trimmed) ends (at_end) or starts with: its
 * index in `separators` plus one, else 0. */
static size_t separated(const char *s, size_t n, int at_end)
{
    size_t i = skip_spaces(s, n, 0);
    while (n > i && s[n - 1] == ' ')
        n--;
    for (size_t k = 0; k < N_SEPARATORS; k++) {
        size_t m = strlen(separators[k]);
        if (n - i >= m && memcmp(at_end ? s + n - m : s + i, separators[k], m) == 0)
            return k + 1;
    }
    return 0;
}

typedef enum { NOT_DATELINE, BARE_DATELINE, LABELLED_DATELINE } dateline_kind;

/* What precedes the date says what the line is. Nothing, or a place before
 * a comma ("Moscow, "): a bare date line. Labels ("Published on"), a short
 * byline ("Posted by Anna Li", "By Anna Li,") or a byline or section before
 * a bar ("Politics | "): a labelled one. Anything else: a sentence or a
 * headline. */
/* Whether a dash stands at s (spaces first), or at its end (at_end); its
 * bytes with the spaces before it, else 0. */
static size_t dash(const char *s, size_t n, int at_end)
{
    static const char *const dashes[] = {"-", "\u2013", "\u2014"};
    size_t i = at_end ? 0 : skip_spaces(s, n, 0);
    if (at_end)
        while (n > 0 && s[n - 1] == ' ')
            n--;
    for (size_t k = 0; k < 3; k++) {
        size_t m = strlen(dashes[k]);
        if (n - i >= m && memcmp(at_end ? s + n - m : s + i, dashes[k], m) == 0)
            return at_end ? m : i + m;
    }
    return 0;
}

/* "14. - 20. Januar 2022", "1 – 5 May 2024": the date ends a range. */
static int ends_range(const char *s, size_t n)
{
    size_t m = dash(s, n, 1);
    if (!m)
        return 0;
    while (n > 0 && s[n - 1] == ' ')
        n--;
    n -= m;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '.'))
        n--;
    return n > 0 && s[n - 1] >= '0' && s[n - 1] <= '9';
}

static dateline_kind dateline_prefix(const char *s, size_t n)
{
    size_t w = words(s, n), sep = separated(s, n, 1), i = skip_spaces(s, n, 0), lead = word_len(s + i, n - i);
    if (ends_range(s, n))
        return NOT_DATELINE;
    if (w == 0)
        return BARE_DATELINE;
    if (label_words(s, n) > 0 || (sep && sep <= N_STRONG))
        return LABELLED_DATELINE;
    if (w > SIDE_WORDS)
        return NOT_DATELINE;
    if (lead && word_in(s + i, lead, labels, N_LEADS))
        return LABELLED_DATELINE;
    return sep ? BARE_DATELINE : NOT_DATELINE;
}

/* What may follow the date: labels ("GMT"), a separator and an author,
 * a section or a count ("| World", "- Anna Li", "/ 3 comments"), or a
 * second date, when the page was updated (w3m puts "Sep 24, 2020 at 10:04
 * AM Sep 24, 2020 at 10:04 AM" on one line). */
static int dateline_suffix(const char *s, size_t n)
{
    lg_date other;
    size_t end, i = skip_spaces(s, n, 0), sep = separated(s, n, 0);
    if (i < n && date_opens(s + i, n - i, &other, &end))
        return dateline_suffix(s + i + end, n - i - end);
    return label_words(s, n) >= 0 || (sep && (sep <= N_STRONG || words(s, n) <= SIDE_WORDS));
}

/* A short block that is a date with at most labels, a byline or a section
 * name beside it: "Tuesday, May 21, 2024", "26 December 2024 17:40"
 * (bare), "Published: 21.05.2024 GMT", "By Anna Li | May 21, 2024"
 * (labelled). */
static dateline_kind dateline(const char *s, size_t n, lg_date *d)
{
    size_t a, b;
    if (chars(s, n) >= DATELINE_CHARS || lg_date_parse_text(s, n, d, &a, &b) != 0 || !dateline_suffix(s + b, n - b))
        return NOT_DATELINE;
    dateline_kind kind = dateline_prefix(s, a);
    /* "October 2019" alone is an archive link, not a date line. */
    return kind == BARE_DATELINE && d->precision < LG_DATE_DAY ? NOT_DATELINE : kind;
}

static int is_paragraph(const lg_block *b)
{
    return chars(b->text, b->len) >= PARAGRAPH_CHARS;
}

/* Where the article body begins: the first two paragraphs in a row. A
 * lone long block is a teaser, a notice or the standfirst, and the date
 * line often comes after it. */
static size_t body_start(const lg_page *page)
{
    for (size_t i = 0; i + 1 < page->n; i++)
        if (is_paragraph(&page->blocks[i]) && is_paragraph(&page->blocks[i + 1]))
            return i;
    return page->n;
}

/* The last date line above the body: teasers listed before an article
 * carry dates too, and the article's own comes last. */
static int nearest_above(const lg_page *page, size_t body, lg_date *d)
{
    int found = 0;
    lg_date line;
    for (size_t i = 0; i < body && i < MAX_BLOCKS; i++) {
        if (dateline(page->blocks[i].text, page->blocks[i].len, &line) != NOT_DATELINE) {
            *d = line;
            found = 1;
        }
    }
    return found;
}

/* The first date line from block `from` on: a labelled one ("Posted: ...")
 * anywhere menus and teasers may have pushed it, a bare one only before
 * block `bare_until` (further down, dates alone on a line list related
 * stories or comments). */
static int first_below(const lg_page *page, size_t from, size_t bare_until, lg_date *d)
{
    for (size_t i = from; i < page->n && i < MAX_BLOCKS; i++) {
        dateline_kind kind = dateline(page->blocks[i].text, page->blocks[i].len, d);
        if (kind == LABELLED_DATELINE || (kind == BARE_DATELINE && i < bare_until))
            return 1;
    }
    return 0;
}

static int from_dateline(const lg_page *page, lg_date *d)
{
    size_t body = body_start(page);
    if (body == page->n) /* no body to place it by: the first date line */
        return first_below(page, 0, page->n, d);
    size_t bare_until = body + BELOW_BODY_START > TOP_BLOCKS ? body + BELOW_BODY_START : TOP_BLOCKS;
    return nearest_above(page, body, d) || first_below(page, body, bare_until, d);
}

/* Bytes of the place opening a wire dateline, through its comma
 * ("MOSCOW, "), else 0: words that each start with a capital letter. */
static size_t place_end(const char *s, size_t n)
{
    int word_start = 1;
    for (size_t i = 0; i < n && i < PLACE_BYTES;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k < 1)
            return 0;
        if (cp == ',')
            return word_start ? 0 : i + 1;
        utf8proc_category_t cat = utf8proc_category(cp);
        if (word_start && cat != UTF8PROC_CATEGORY_LU)
            return 0;
        if (cp == ' ')
            word_start = 1;
        else if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO)
            word_start = 0;
        else if (cp >= 128 || !memchr(".-'", cp, 3))
            return 0;
        i += (size_t)k;
    }
    return 0;
}

/* "MOSCOW, December 26, 2024. /TASS/." or "PARIS, May 21, 2024 (Reuters) -":
 * a place, a comma, a date with its year, then the agency, a dash or a
 * comma ("LONDON, 21 May 2024, the minister said"). A date without a year
 * ("MOSCOW, May 21 (Reuters)") is not taken: the year would be a guess. */
static int wire_dateline(const char *s, size_t n, lg_date *d)
{
    size_t at = place_end(s, n), end;
    int placed = at > 0;
    at = skip_spaces(s, n, at);
    if (!date_opens(s + at, n - at, d, &end))
        return 0;
    at = skip_spaces(s, n, at + end);
    /* Without a place, a dash must follow: "27.1.2022 - Bei der ...". */
    if (!placed)
        return d->precision >= LG_DATE_DAY && dash(s + at, n - at, 0) && at + 1 < n;
    return at == n || memchr("(.:", s[at], 3) || separated(s + at, n - at, 0);
}

static int from_wire(const lg_page *page, lg_date *d)
{
    size_t seen = 0;
    for (size_t i = 0; i < page->n && seen < WIRE_PARAGRAPHS; i++) {
        const lg_block *b = &page->blocks[i];
        if (chars(b->text, b->len) < PARAGRAPH_CHARS)
            continue;
        seen++;
        if (wire_dateline(b->text, b->len, d))
            return 1;
    }
    return 0;
}

lg_date lg_extract_date(const lg_page *page, lg_source *src)
{
    static const struct {
        int (*find)(const lg_page *, lg_date *);
        lg_source src;
    } steps[] = {
        {from_meta, LG_SRC_META},
        {from_url, LG_SRC_URL},
        /* A page's own date line beats a scraper's header, which is as
         * likely the day of the crawl as the day of publication. */
        {from_stamp, LG_SRC_META},
        {from_dateline, LG_SRC_DATELINE},
        {from_wire, LG_SRC_DATELINE},
        {from_header, LG_SRC_HEADER},
    };
    lg_date d;
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        if (steps[i].find(page, &d)) {
            *src = steps[i].src;
            return d;
        }
    }
    *src = LG_SRC_NONE;
    return unknown;
}
