#include "extract.h"
#include "extract_internal.h"

#include "analyze.h"
#include "analyze_internal.h"

#include <stdlib.h>
#include <string.h>

const char *lg_source_name(lg_source s)
{
    static const char *const names[] = {
        [LG_SRC_NONE] = "", [LG_SRC_FLAG] = "flag", [LG_SRC_JSON] = "json",
        [LG_SRC_META] = "meta", [LG_SRC_HEADER] = "header", [LG_SRC_DATELINE] = "dateline",
        [LG_SRC_BODY] = "body", [LG_SRC_URL] = "url",
    };
    if ((unsigned)s >= sizeof names / sizeof *names)
        return "";
    return names[s];
}

/* Single words only: the scanner compares one token at a time. */
const char *const lg_agencies[] = {
    "tass", "reuters", "afp", "ap", "xinhua", "interfax", "sputnik", "ria", "anadolu",
    "irna", "menafn", "pti", "ians", "bloomberg", "kyodo", "yonhap", "efe", "ansa", "dpa",
    "ukrinform", "belta", "тасс", "риа", "интерфакс", NULL,
};

/* ---- the scanner ---- */

/* utf8proc_category, with ASCII letters and digits (most of what is
 * scanned, one call per character) answered without its tables. */
static utf8proc_category_t category(int32_t cp)
{
    if (cp >= 'a' && cp <= 'z')
        return UTF8PROC_CATEGORY_LL;
    if (cp >= 'A' && cp <= 'Z')
        return UTF8PROC_CATEGORY_LU;
    if (cp >= '0' && cp <= '9')
        return UTF8PROC_CATEGORY_ND;
    return utf8proc_category(cp);
}

static int is_word_cp(int32_t cp)
{
    switch (category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}

static int is_letter_cp(int32_t cp)
{
    utf8proc_category_t c = category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

static int word_cp_at(const char *s, size_t len, size_t i)
{
    if (i >= len)
        return 0;
    int32_t cp;
    lg_utf8_next(s, len, i, &cp);
    return is_word_cp(cp);
}

static int is_space_cp(int32_t cp)
{
    if (cp <= ' ')
        return 1;
    utf8proc_category_t c = category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP;
}

/* Characters that stay inside a word when a word character follows:
 * Russia’s, anti-constitutional, night_theme, Caliber.az, 5.22. */
static int is_joiner_cp(int32_t cp)
{
    return lg_is_apostrophe(cp) || cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == '_' || cp == '.';
}

static int is_upper_cp(int32_t cp)
{
    utf8proc_category_t c = category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

/* Scans the word at s[i] into t; returns the offset after it. */
static size_t scan_word(const char *s, size_t len, size_t i, lg_etok *t)
{
    int32_t cp, prev = 0, before_prev = 0;
    int lower_seen = 0, steps = 0;
    t->start = i;
    t->punct = 0;
    t->flags = 0;
    while (i < len) {
        size_t n = lg_utf8_next(s, len, i, &cp);
        if (!is_word_cp(cp)) {
            if (!is_joiner_cp(cp) || !word_cp_at(s, len, i + n))
                break;
            if (cp == '.')
                t->flags |= LG_W_DOT;
        } else if (category(cp) == UTF8PROC_CATEGORY_ND) {
            t->flags |= LG_W_DIGIT;
        } else if (is_letter_cp(cp)) {
            t->flags |= LG_W_LETTER;
            if (i == t->start && is_upper_cp(cp))
                t->flags |= LG_W_CAP;
            if (is_upper_cp(cp) && prev && category(prev) == UTF8PROC_CATEGORY_LL)
                steps++;
            lower_seen |= !is_upper_cp(cp);
        }
        before_prev = prev;
        prev = cp;
        i += n;
    }
    t->end = i;
    if ((t->flags & LG_W_LETTER) && !lower_seen)
        t->flags |= LG_W_UPPER;
    if (steps >= 2)
        t->flags |= LG_W_CAMEL;
    if ((prev == 's' || prev == 'S') && lg_is_apostrophe(before_prev))
        t->flags |= LG_W_POSS;
    return i;
}

static int push(lg_etoks *ts, const lg_etok *t)
{
    if (ts->n == ts->cap) {
        size_t cap = ts->cap ? 2 * ts->cap : 64;
        lg_etok *v = realloc(ts->v, cap * sizeof *v);
        if (!v)
            return -1;
        ts->v = v;
        ts->cap = cap;
    }
    ts->v[ts->n++] = *t;
    return 0;
}

int lg_etoks_scan(lg_etoks *ts, const char *s, size_t len)
{
    ts->n = 0;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        size_t n = lg_utf8_next(s, len, i, &cp);
        lg_etok t = {i, i + n, cp, 0};
        if (is_space_cp(cp)) {
            i += n;
            continue;
        }
        i = is_word_cp(cp) ? scan_word(s, len, i, &t) : i + n;
        if (push(ts, &t) < 0)
            return -1;
    }
    return 0;
}

void lg_etoks_free(lg_etoks *ts)
{
    free(ts->v);
    ts->v = NULL;
    ts->n = ts->cap = 0;
}

/* ---- comparisons ---- */

/* utf8proc's tables cost a lookup per character; ASCII, most of the text
 * compared here, folds by arithmetic. */
static int32_t fold_cp(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
    return utf8proc_tolower(cp);
}

int lg_spans_equal(const char *a, size_t as, size_t ae, const char *b, size_t bs, size_t be)
{
    while (as < ae && bs < be) {
        int32_t ca, cb;
        as += lg_utf8_next(a, ae, as, &ca);
        bs += lg_utf8_next(b, be, bs, &cb);
        if (ca != cb && fold_cp(ca) != fold_cp(cb))
            return 0;
    }
    return as == ae && bs == be;
}

int lg_span_is(const char *s, size_t start, size_t end, const char *word)
{
    return lg_spans_equal(s, start, end, word, 0, strlen(word));
}

size_t lg_span_fold(const char *s, size_t start, size_t end, char buf[LG_FOLD_CAP])
{
    size_t n = 0;
    while (start < end) {
        int32_t cp;
        start += lg_utf8_next(s, end, start, &cp);
        cp = fold_cp(cp);
        if (cp < 0x80 && n + 1 < LG_FOLD_CAP) {
            buf[n++] = (char)cp;
            continue;
        }
        if (n + 4 >= LG_FOLD_CAP)
            return 0;
        n += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)buf + n);
    }
    buf[n] = '\0';
    return n;
}

/* The list is lower case (extract_internal.h), so folding the span once
 * and comparing bytes answers as lg_span_is on each word would. */
int lg_span_in(const char *s, size_t start, size_t end, const char *const *list)
{
    char folded[LG_FOLD_CAP];
    if (!lg_span_fold(s, start, end, folded))
        return 0;
    for (; *list; list++)
        if ((*list)[0] == folded[0] && strcmp(*list, folded) == 0)
            return 1;
    return 0;
}

size_t lg_etok_bare_end(const char *s, const lg_etok *t)
{
    if (!(t->flags & LG_W_POSS))
        return t->end;
    size_t e = t->end - 1; /* the s */
    do
        e--;
    while (e > t->start && ((unsigned char)s[e] & 0xC0) == 0x80);
    return e;
}

int lg_etok_is(const char *s, const lg_etok *t, const char *word)
{
    return lg_etok_word(t) && lg_span_is(s, t->start, t->end, word);
}

int lg_etok_in(const char *s, const lg_etok *t, const char *const *list)
{
    return lg_etok_word(t) && lg_span_in(s, t->start, t->end, list);
}

size_t lg_phrase_at(const char *s, const lg_etoks *ts, size_t i, const char *phrase)
{
    char word[64];
    size_t k = 0;
    while (*phrase) {
        size_t n = strcspn(phrase, " ");
        if (n >= sizeof word || i + k >= ts->n)
            return 0;
        memcpy(word, phrase, n);
        word[n] = '\0';
        if (!lg_etok_is(s, &ts->v[i + k], word))
            return 0;
        k++;
        phrase += n + (phrase[n] == ' ');
    }
    return k;
}

size_t lg_word_count(const lg_etoks *ts)
{
    size_t n = 0;
    for (size_t i = 0; i < ts->n; i++)
        n += lg_etok_word(&ts->v[i]);
    return n;
}

char *lg_span_dup(const char *s, size_t start, size_t end)
{
    return strndup(s + start, end - start);
}

/* ---- names ---- */

/* Lower-case words a masthead may have: "Voice of America". */
static const char *const connectors[] = {"of", "the", "and", NULL};

int lg_title_case(const char *s, const lg_etoks *ts)
{
    for (size_t i = 0; i < ts->n; i++) {
        const lg_etok *t = &ts->v[i];
        if (lg_etok_word(t) && (t->flags & LG_W_LETTER) && !(t->flags & LG_W_CAP) && !lg_etok_in(s, t, connectors))
            return 0;
    }
    return 1;
}

int lg_same_name(const char *a, size_t alen, const char *b, size_t blen)
{
    char ka[256], kb[256];
    int na = lg_name_key(a, alen, ka, sizeof ka);
    int nb = lg_name_key(b, blen, kb, sizeof kb);
    return na > 0 && na == nb && memcmp(ka, kb, (size_t)na) == 0;
}
