/*
 * analyze.h — the one text analysis chain. The indexer and the query
 * compiler both call it, so a document's terms and a query's terms are
 * made by the same code and can never disagree.
 *
 * A token is a run of letters, digits and combining marks, after Unicode
 * NFKC normalization and case folding (utf8proc). Rules:
 *  - Latin letters lose their diacritics (café -> cafe); Cyrillic keeps
 *    them except ё -> е (Russian search convention); й stays й.
 *  - Apostrophes (' ’ ʼ ′) between letters stay in the token as ASCII '
 *    (Russia’s -> russia's), so the English stemmer sees its own form.
 *  - Hyphens and dashes split tokens (anti-constitutional -> anti,
 *    constitutional); the query compiler turns a hyphenated query word into
 *    a phrase, so it matches exactly the indexed positions.
 *  - '.' or ',' between two digits stays (5.22, 1,000); other punctuation,
 *    typographic quotes and dashes separate tokens.
 *  - Tokens longer than LG_MAX_TERM_BYTES bytes are dropped (no term).
 *  - Positions count tokens from 1, dropped tokens included.
 *  - Script: LG_SCRIPT_CYRILLIC if the token has a Cyrillic letter, else
 *    LG_SCRIPT_LATIN if it has a Latin letter or a digit, else
 *    LG_SCRIPT_OTHER (Greek, CJK...). Latin tokens are stemmed in English,
 *    Cyrillic ones in Russian; digits-only and other-script tokens are not
 *    stemmed.
 */
#ifndef LEGATE_ANALYZE_H
#define LEGATE_ANALYZE_H

#include <stddef.h>
#include <stdint.h>

#define LG_MAX_TERM_BYTES 64

typedef enum { LG_SCRIPT_LATIN, LG_SCRIPT_CYRILLIC, LG_SCRIPT_OTHER } lg_script;

typedef struct {
    const char *term;   /* folded form, NUL-terminated; valid during callback */
    size_t len;         /* bytes in term */
    uint32_t pos;       /* 1-based token position */
    size_t start, end;  /* byte span [start, end) in the input text */
    lg_script script;
    int numeric;        /* only digits (and inner . ,) */
} lg_token;

/* Called once per token, in order. Return non-zero to stop early; that
 * value is then returned by lg_tokenize. */
typedef int (*lg_token_fn)(void *ctx, const lg_token *tok);

/* Offset of the first byte that is not valid UTF-8, or (size_t)-1 if the
 * whole buffer is valid. NUL bytes count as invalid. */
size_t lg_utf8_invalid_at(const char *s, size_t len);

/* Tokenizes `text` (len bytes, must be valid UTF-8: check first).
 * Returns 0, the callback's non-zero stop value, or -1 on allocation
 * failure. */
int lg_tokenize(const char *text, size_t len, lg_token_fn fn, void *ctx);

/* ---- stemming (libstemmer) ---------------------------------------- */

typedef struct lg_stemmer lg_stemmer;

/* NULL on allocation failure. Not thread-safe: one per thread. */
lg_stemmer *lg_stemmer_new(void);
void lg_stemmer_free(lg_stemmer *st);

/* The stem of a folded token, or NULL when it is not stemmed (numbers,
 * other scripts). The result is owned by `st`, valid until its next call;
 * *out_len gets its length. */
const char *lg_stem(lg_stemmer *st, const lg_token *tok, size_t *out_len);

/* ---- name keys ---------------------------------------------------- */

/* Fills `out` (NUL-terminated, at most cap bytes) with the matching key of
 * a person's or outlet's name, so that spellings of one name share a key:
 * NFKC, case folded, Cyrillic transliterated to Latin, Latin diacritics
 * dropped, punctuation except '.' removed, words separated by one space,
 * and transliteration variants folded (y -> i, so Sergey, Sergei and
 * Сергей all give "sergei"; "lavrov" for Лавров). Returns the key length,
 * 0 for a name with no letters or digits, or -1 if it would not fit. */
int lg_name_key(const char *name, size_t len, char *out, size_t cap);

#endif
