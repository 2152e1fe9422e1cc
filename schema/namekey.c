#include "analyze.h"
#include "analyze_internal.h"

/*
 * Name keys. After NFKC, case folding and stripping every combining mark,
 * Cyrillic is transliterated with a fixed table and the output goes
 * through three variant folds, chosen from how Russian and Ukrainian names
 * are actually spelled in English sources:
 *  - y -> i: Sergey/Sergei, Zelensky/Zelenskiy, Mariya/Maria, and ы, й;
 *  - a run of i collapses to one i: Zelenskyy and Зеленский (-skii) give
 *    "zelenski", Мария (mariya -> mariia) gives "maria", Dmitriy "dmitri";
 *  - x -> ks: Alexei/Алексей, Maxim/Максим.
 * "kh" stays (Zakharova, Захарова, Mikhail all spell it so). й, ё and ї
 * arrive as и, е and і once marks are stripped: й then reads like its
 * usual spellings (y, i), ї like yi; ё reads e, so Фёдор gives "fedor"
 * and does not meet Fyodor.
 * Apostrophes vanish (O'Brien = OBrien, Мар'яна); '.' stays between
 * letters or digits (caliber.az); anything else separates words.
 */

typedef struct {
    char *out;
    size_t cap, len;
    int overflow;
    int in_word, pending_space, pending_dot;
} key;

/* а..я, U+0430..U+044F; "" for the hard and soft signs. */
static const char *const cyrillic_latin[32] = {
    "a", "b", "v", "g", "d", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p",
    "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
};

static const char *transliterate(int32_t cp)
{
    if (cp >= 0x430 && cp <= 0x44F)
        return cyrillic_latin[cp - 0x430];
    switch (cp) {
    case 0x454: return "ye"; /* є */
    case 0x456: return "i";  /* і */
    case 0x491: return "g";  /* ґ */
    default: return NULL;
    }
}

static void put_byte(key *k, char c)
{
    if (k->len + 1 >= k->cap) {
        k->overflow = 1;
        return;
    }
    k->out[k->len++] = c;
}

static void put_latin(key *k, char c)
{
    if (c == 'x') {
        put_byte(k, 'k');
        c = 's';
    } else if (c == 'y')
        c = 'i';
    if (c == 'i' && k->len && k->out[k->len - 1] == 'i')
        return;
    put_byte(k, c);
}

/* Writes the separators owed before the next letter or digit. */
static void open_word(key *k)
{
    if (k->pending_space)
        put_byte(k, ' ');
    else if (k->pending_dot)
        put_byte(k, '.');
    k->pending_space = k->pending_dot = 0;
    k->in_word = 1;
}

static void put_alnum(key *k, int32_t cp)
{
    const char *latin = transliterate(cp);
    open_word(k);
    cp = lg_latin_unstroke(cp);
    if (latin)
        for (; *latin; latin++)
            put_latin(k, *latin);
    else if (cp < 0x80)
        put_latin(k, (char)cp);
    else {
        utf8proc_uint8_t buf[4];
        utf8proc_ssize_t n = utf8proc_encode_char(cp, buf);
        for (utf8proc_ssize_t i = 0; i < n; i++)
            put_byte(k, (char)buf[i]);
    }
}

static int is_alnum(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

static void put_folded(key *k, int32_t cp)
{
    if (is_alnum(cp))
        put_alnum(k, cp);
    else if (cp == '.' && k->in_word)
        k->pending_dot = 1;
    else if (!lg_is_apostrophe(cp) && k->in_word) {
        k->pending_space = 1;
        k->in_word = 0;
    }
}

int lg_name_key(const char *name, size_t len, char *out, size_t cap)
{
    /* Enough for any single codepoint's NFKD (U+FDFA gives 18). */
    enum { DECOMP_MAX = 32 };
    key k = {.out = out, .cap = cap};
    for (size_t i = 0; i < len;) {
        int32_t cp, d[DECOMP_MAX];
        utf8proc_int32_t boundclass = 0;
        i += lg_utf8_next(name, len, i, &cp);
        utf8proc_ssize_t n = utf8proc_decompose_char(cp, d, DECOMP_MAX,
            UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE | UTF8PROC_STRIPMARK,
            &boundclass);
        for (utf8proc_ssize_t j = 0; j < n && j < DECOMP_MAX; j++)
            put_folded(&k, d[j]);
    }
    if (cap == 0)
        return -1;
    out[k.len] = '\0';
    return k.overflow ? -1 : (int)k.len;
}
