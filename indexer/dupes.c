/*
 * dupes.c — MinHash signatures of word 5-shingles (contract in dupes.h).
 *
 * One pass over the tokens of the shared analyzer: each folded token is
 * hashed once (FNV-1a), a ring holds the hashes of the last five, and each
 * window of five is combined into one 64-bit shingle hash x. Min i is the
 * least top half of mix(x ^ seed_i) over the shingles: mix is a bijection
 * whose every output bit depends on every input bit, so each seed orders
 * the shingles as an independent random permutation would, at the cost of
 * one finalizer per function and shingle instead of rehashing the words.
 * Nothing is allocated.
 *
 * Distinct shingles are counted exactly in a fixed table while there are
 * at most EXACT_MAX of them (the count matters most around
 * LG_DUP_MIN_SHINGLES); past that the count is estimated from the
 * signature itself (relative error about 1/sqrt(LG_MINHASH_N), 9 %), which
 * keeps the memory fixed for texts of any length.
 */
#include "dupes.h"

#include "analyze.h"

#include <assert.h>

#define SHINGLE 5
#define ROWS (LG_MINHASH_N / LG_MINHASH_BANDS)
#define EXACT_SLOTS 512 /* power of two */
#define EXACT_MAX (EXACT_SLOTS / 2)

/* Fixed forever: changing any of these changes every band key stored in
 * SQLite, which store.c finds again from the article's text to delete it. */
#define SEED_BASE 0x6c65676174652d31ull  /* "legate-1" */
#define SHINGLE_BASE 0x5348494e474c4535ull
#define BAND_BASE 0x42414e444b455931ull
#define GOLDEN 0x9e3779b97f4a7c15ull

_Static_assert(LG_MINHASH_N % LG_MINHASH_BANDS == 0, "bands must split the signature evenly");

typedef struct {
    lg_minhash *out;
    uint64_t seed[LG_MINHASH_N];
    uint64_t ring[SHINGLE];       /* hashes of the last SHINGLE tokens */
    uint64_t tokens;
    uint64_t windows;             /* shingles seen, repeats included */
    uint64_t seen[EXACT_SLOTS];   /* distinct shingle hashes; 0 = free */
    uint32_t distinct;
    int overflow;                 /* more than EXACT_MAX distinct */
} hasher;

/* The splitmix64 / murmur3 finalizer: every input bit flips each output
 * bit with probability near 1/2, so xor-ed seeds give unrelated orders. */
static uint64_t mix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

static uint64_t fnv1a(const char *s, size_t len)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

/* The hash of the last n tokens, oldest first: mixing after each token
 * makes the order matter and keeps token boundaries, as a separator
 * would in a joined string. */
static uint64_t window_hash(const hasher *h, uint64_t n)
{
    uint64_t x = SHINGLE_BASE;
    for (uint64_t t = h->tokens - n; t < h->tokens; t++)
        x = mix(x ^ h->ring[t % SHINGLE]);
    return x;
}

/* Counts x if it is new, until the table is half full. */
static void count_distinct(hasher *h, uint64_t x)
{
    if (h->overflow)
        return;
    uint64_t key = x ? x : 1;
    size_t i = (size_t)key & (EXACT_SLOTS - 1);
    while (h->seen[i] && h->seen[i] != key)
        i = (i + 1) & (EXACT_SLOTS - 1);
    if (h->seen[i])
        return;
    if (h->distinct == EXACT_MAX) {
        h->overflow = 1;
        return;
    }
    h->seen[i] = key;
    h->distinct++;
}

static void add_shingle(hasher *h, uint64_t x)
{
    uint32_t *min = h->out->min;
    for (int i = 0; i < LG_MINHASH_N; i++) {
        uint32_t v = (uint32_t)(mix(x ^ h->seed[i]) >> 32);
        if (v < min[i])
            min[i] = v;
    }
    h->windows++;
    count_distinct(h, x);
}

static int add_token(void *ctx, const lg_token *tok)
{
    hasher *h = ctx;
    h->ring[h->tokens % SHINGLE] = fnv1a(tok->term, tok->len);
    h->tokens++;
    if (h->tokens >= SHINGLE)
        add_shingle(h, window_hash(h, SHINGLE));
    return 0;
}

/* n distinct shingles put each min at about 2^32 / (n + 1); the mean of
 * LG_MINHASH_N of them gives n. Kept within what was counted for sure
 * (more than EXACT_MAX) and what was seen at all (windows). */
static uint32_t estimate_distinct(const hasher *h)
{
    double sum = 0;
    for (int i = 0; i < LG_MINHASH_N; i++)
        sum += ((double)h->out->min[i] + 0.5) / 4294967296.0;
    double n = (LG_MINHASH_N - 1) / sum;
    if (n < EXACT_MAX + 1)
        n = EXACT_MAX + 1;
    if (n > (double)h->windows)
        n = (double)h->windows;
    return n >= UINT32_MAX ? UINT32_MAX : (uint32_t)(n + 0.5);
}

void lg_minhash_of(const char *text, size_t len, lg_minhash *out)
{
    hasher h = {.out = out};
    for (int i = 0; i < LG_MINHASH_N; i++) {
        h.seed[i] = mix(SEED_BASE + (uint64_t)i * GOLDEN);
        out->min[i] = UINT32_MAX;
    }
    /* add_token never stops the tokenizer; should it fail (-1, no
     * memory) the signature of the words read so far is the best there is,
     * and the contract has no error to report. */
    (void)lg_tokenize(text, len, add_token, &h);
    if (h.tokens > 0 && h.tokens < SHINGLE)
        add_shingle(&h, window_hash(&h, h.tokens));
    out->shingles = h.overflow ? estimate_distinct(&h) : h.distinct;
}

/* Texts without shingles keep every min at UINT32_MAX and so compare as
 * 1.0: lg_minhash_groupable is what keeps them out of groups. */
double lg_minhash_similarity(const lg_minhash *a, const lg_minhash *b)
{
    int equal = 0;
    for (int i = 0; i < LG_MINHASH_N; i++)
        equal += a->min[i] == b->min[i];
    return (double)equal / LG_MINHASH_N;
}

uint64_t lg_minhash_band(const lg_minhash *m, int band)
{
    assert(band >= 0 && band < LG_MINHASH_BANDS);
    uint64_t h = mix(BAND_BASE ^ (uint64_t)band);
    for (int r = 0; r < ROWS; r++)
        h = mix(h ^ m->min[band * ROWS + r]);
    return h;
}

int lg_minhash_share_band(const lg_minhash *x, const lg_minhash *y)
{
    for (int b = 0; b < LG_MINHASH_BANDS; b++)
        if (lg_minhash_band(x, b) == lg_minhash_band(y, b))
            return 1;
    return 0;
}

int lg_minhash_groupable(const lg_minhash *m)
{
    return m->shingles >= LG_DUP_MIN_SHINGLES;
}
