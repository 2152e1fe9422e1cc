/* The analysis chain (schema/tokenize.c, stem.c, namekey.c) on any bytes:
 * tokens in order, inside the text, within the term limit; name keys fit. */
#include <string.h>

#include "analyze.h"
#include "check.h"
#include "fuzz.h"

typedef struct {
    lg_stemmer *st;
    size_t size, last_end;
    uint32_t last_pos;
} walk;

static int on_token(void *ctx, const lg_token *t)
{
    walk *w = ctx;
    fz_require(t->start < t->end && t->end <= w->size, "token span inside the text");
    fz_require(t->start >= w->last_end, "tokens in order, not overlapping");
    fz_require(t->pos > w->last_pos, "positions increase");
    fz_require(t->len > 0 && t->len <= LG_MAX_TERM_BYTES && strlen(t->term) == t->len,
               "term length");
    fz_require(lg_utf8_invalid_at(t->term, t->len) == (size_t)-1, "term is UTF-8");
    size_t n;
    const char *stem = lg_stem(w->st, t, &n);
    fz_require(!stem || strlen(stem) == n, "stem length");
    w->last_end = t->end;
    w->last_pos = t->pos;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static lg_stemmer *st;
    if (!st)
        st = lg_stemmer_new();
    const char *text = (const char *)data;
    if (lg_utf8_invalid_at(text, size) != (size_t)-1)
        return 0;
    walk w = {st, size, 0, 0};
    fz_require(lg_tokenize(text, size, on_token, &w) == 0, "tokenize succeeds");
    char key[256];
    int n = lg_name_key(text, size, key, sizeof key);
    fz_require(n >= -1 && n < (int)sizeof key && (n <= 0 || strlen(key) == (size_t)n),
               "name key fits");
    return 0;
}
