#include "analyze.h"
#include "analyze_internal.h"

#include <string.h>

/*
 * Tokens are folded in UTF-32. A decomposition that needs more room than
 * this would still be far over LG_MAX_TERM_BYTES after dropping marks and
 * recomposing (only hundreds of marks stacked on one letter could shrink
 * back under it, and that is not a word), so it is dropped as too long.
 */
#define FOLD_CPS (8 * LG_MAX_TERM_BYTES)
#define TOO_LONG ((size_t)-1)

/* What a codepoint does to token boundaries. Joiners (apostrophe, point,
 * ignorable) only continue a token when the characters around them fit. */
typedef enum {
    CL_SEP,
    CL_LETTER,
    CL_DIGIT,  /* decimal digit (Nd) */
    CL_NUMBER, /* other numbers: Ⅻ, ², ① */
    CL_MARK,
    CL_APOS,
    CL_POINT, /* . or , */
    CL_IGNORE /* default-ignorable: soft hyphen, ZWJ... */
} char_class;

typedef struct {
    lg_token_fn fn;
    void *ctx;
    lg_token tok;
    char term[LG_MAX_TERM_BYTES + 1];
    utf8proc_int32_t cps[FOLD_CPS];
} tokenizer;

typedef struct {
    int32_t lo, hi;
} cp_range;

static int in_ranges(int32_t cp, const cp_range *r, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (cp >= r[i].lo && cp <= r[i].hi)
            return 1;
    return 0;
}

/* Only blocks whose letters survive NFKC and case folding. */
int lg_is_latin(int32_t cp)
{
    static const cp_range latin[] = {
        {'a', 'z'}, {0xAA, 0xAA}, {0xBA, 0xBA}, {0xDF, 0x2AF},
        {0x1D00, 0x1D25}, {0x1E00, 0x1EFF}, {0x2C60, 0x2C7F},
        {0xA720, 0xA7FF}, {0xAB30, 0xAB64},
    };
    return in_ranges(cp, latin, sizeof latin / sizeof *latin);
}

int lg_is_cyrillic(int32_t cp)
{
    static const cp_range cyrillic[] = {
        {0x400, 0x52F}, {0x1C80, 0x1C8F}, {0x2DE0, 0x2DFF}, {0xA640, 0xA69F},
    };
    return in_ranges(cp, cyrillic, sizeof cyrillic / sizeof *cyrillic);
}

int lg_is_apostrophe(int32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x02BC || cp == 0x2032 || cp == 0xFF07;
}

int32_t lg_latin_unstroke(int32_t cp)
{
    switch (cp) {
    case 0x142: return 'l'; /* ł */
    case 0xF8: return 'o';  /* ø */
    case 0x111: return 'd'; /* đ */
    case 0x127: return 'h'; /* ħ */
    case 0x131: return 'i'; /* ı */
    default: return cp;
    }
}

static char_class classify(int32_t cp)
{
    if (cp < 0x80) {
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
            return CL_LETTER;
        if (cp >= '0' && cp <= '9')
            return CL_DIGIT;
        if (cp == '\'')
            return CL_APOS;
        return cp == '.' || cp == ',' ? CL_POINT : CL_SEP;
    }
    /* Before the category: ʼ is a modifier letter (Lm). */
    if (lg_is_apostrophe(cp))
        return CL_APOS;
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    switch (p->category) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
        return CL_LETTER;
    case UTF8PROC_CATEGORY_ND:
        return CL_DIGIT;
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return CL_NUMBER;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        return CL_MARK;
    default:
        return p->ignorable ? CL_IGNORE : CL_SEP;
    }
}

static int starts_token(char_class c)
{
    return c == CL_LETTER || c == CL_DIGIT || c == CL_NUMBER;
}

/* Whether joiner `j` stays in a token whose last base character was of
 * class `prev` when `next` follows it. */
static int joins(char_class j, char_class prev, char_class next)
{
    switch (j) {
    case CL_APOS: return prev == CL_LETTER && next == CL_LETTER;
    case CL_POINT: return prev == CL_DIGIT && next == CL_DIGIT;
    case CL_IGNORE: return starts_token(next) || next == CL_MARK;
    default: return 0;
    }
}

/* End of the token whose first character (of class prev) ends at s[i];
 * clears *ascii if the token has a non-ASCII byte. */
static size_t token_end(const char *s, size_t len, size_t i, char_class prev, int *ascii)
{
    while (i < len) {
        int32_t cp, next;
        size_t n = lg_utf8_next(s, len, i, &cp);
        char_class c = classify(cp);
        if (starts_token(c))
            prev = c;
        else if (c != CL_MARK) {
            if (i + n == len)
                break;
            lg_utf8_next(s, len, i + n, &next);
            if (!joins(c, prev, classify(next)))
                break;
        }
        *ascii &= cp < 0x80;
        i += n;
    }
    return i;
}

static size_t fold_ascii(tokenizer *t, const char *s, size_t n)
{
    int letters = 0;
    if (n > LG_MAX_TERM_BYTES)
        return TOO_LONG;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c += 'a' - 'A';
        letters |= c >= 'a' && c <= 'z';
        t->term[i] = c;
    }
    t->tok.script = LG_SCRIPT_LATIN;
    t->tok.numeric = !letters;
    return n;
}

static utf8proc_int32_t map_apostrophe(utf8proc_int32_t cp, void *data)
{
    (void)data;
    return lg_is_apostrophe(cp) ? '\'' : cp;
}

/* In decomposed, case-folded text: drops the marks of Latin letters and
 * the diaeresis of ё (е + U+0308), unstrokes Latin letters. Other marks
 * stay, so й recomposes. */
static utf8proc_ssize_t drop_marks(utf8proc_int32_t *cps, utf8proc_ssize_t n)
{
    utf8proc_int32_t base = 0;
    utf8proc_ssize_t w = 0;
    for (utf8proc_ssize_t r = 0; r < n; r++) {
        utf8proc_int32_t cp = cps[r];
        if (utf8proc_category(cp) != UTF8PROC_CATEGORY_MN)
            base = cp = lg_latin_unstroke(cp);
        else if (lg_is_latin(base) || (base == 0x435 && cp == 0x308))
            continue;
        cps[w++] = cp;
    }
    return w;
}

/* Encodes the folded codepoints as the term and sets script and numeric
 * from them (after NFKC, so ① counts as a digit and ﬁ as Latin). */
static size_t encode_term(tokenizer *t, const utf8proc_int32_t *cps, utf8proc_ssize_t n)
{
    size_t len = 0;
    int cyrillic = 0, latin = 0, numeric = 1;
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        utf8proc_uint8_t buf[4];
        utf8proc_ssize_t k = utf8proc_encode_char(cps[i], buf);
        if (len + (size_t)k > LG_MAX_TERM_BYTES)
            return TOO_LONG;
        memcpy(t->term + len, buf, (size_t)k);
        len += (size_t)k;
        utf8proc_category_t cat = utf8proc_category(cps[i]);
        if (cat == UTF8PROC_CATEGORY_ND)
            latin = 1;
        else if (cps[i] != '.' && cps[i] != ',')
            numeric = 0;
        cyrillic |= lg_is_cyrillic(cps[i]) && cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
        latin |= lg_is_latin(cps[i]);
    }
    t->tok.script = cyrillic ? LG_SCRIPT_CYRILLIC : latin ? LG_SCRIPT_LATIN : LG_SCRIPT_OTHER;
    t->tok.numeric = numeric;
    return len;
}

static size_t fold_unicode(tokenizer *t, const char *s, size_t n)
{
    utf8proc_ssize_t k = utf8proc_decompose_custom((const utf8proc_uint8_t *)s,
        (utf8proc_ssize_t)n, t->cps, FOLD_CPS,
        UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE,
        map_apostrophe, NULL);
    if (k < 0 || k > FOLD_CPS)
        return TOO_LONG;
    k = utf8proc_normalize_utf32(t->cps, drop_marks(t->cps, k), UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    return k < 0 ? TOO_LONG : encode_term(t, t->cps, k);
}

/* Folds text[start, end) and hands it to the callback. A dropped token
 * still takes its position, so phrases do not match across it. */
static int emit(tokenizer *t, const char *text, size_t start, size_t end, int ascii)
{
    const char *s = text + start;
    size_t len = ascii ? fold_ascii(t, s, end - start) : fold_unicode(t, s, end - start);
    t->tok.pos++;
    if (len == 0 || len > LG_MAX_TERM_BYTES)
        return 0;
    t->term[len] = '\0';
    t->tok.term = t->term;
    t->tok.len = len;
    t->tok.start = start;
    t->tok.end = end;
    return t->fn(t->ctx, &t->tok);
}

int lg_tokenize(const char *text, size_t len, lg_token_fn fn, void *ctx)
{
    tokenizer t = {.fn = fn, .ctx = ctx};
    size_t i = 0;
    while (i < len) {
        int32_t cp;
        size_t n = lg_utf8_next(text, len, i, &cp);
        char_class c = classify(cp);
        if (!starts_token(c)) {
            i += n;
            continue;
        }
        int ascii = cp < 0x80;
        size_t end = token_end(text, len, i + n, c, &ascii);
        int rc = emit(&t, text, i, end, ascii);
        if (rc)
            return rc;
        i = end;
    }
    return 0;
}
