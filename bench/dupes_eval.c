/*
 * dupes_eval — scores syndicated-copy detection (dupes.h) on labelled pairs
 * and times lg_minhash_of.
 *
 *   dupes_eval [-v] DIR [FILE...]
 *
 * DIR/pairs.tsv has lines "fileA<TAB>fileB<TAB>copy|distinct" naming texts
 * in DIR. "copy" labels are closed under transitivity (connected
 * components); every pair of texts in one component is a copy, every
 * other pair of the texts is distinct, and a "distinct" label inside a
 * component is an error. A pair is called a copy when both texts are
 * groupable and the estimated similarity is >= the threshold.
 *
 * Each text is scored twice: as written ("raw") and as the indexer sees it
 * (page from text, lg_clean, kept blocks: "clean"). Printed per mode:
 * precision and recall at LG_DUP_THRESHOLD over the labelled pairs and
 * over all pairs (also counting only pairs that share an LSH band key, and
 * after grouping those transitively, as an index would), the closest copy
 * and distinct pairs, how far the MinHash estimate is from the exact
 * Jaccard of the shingle sets, how many copies share a band key, and a
 * threshold sweep as Markdown tables.
 * -v lists every labelled pair. Speed: lg_minhash_of and lg_tokenize alone
 * over the raw texts, then over each FILE as one text.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyze.h"
#include "clean.h"
#include "dupes.h"
#include "page.h"
#include "strbuf.h"

enum { RAW, CLEAN, MODES };
static const char *const mode_name[MODES] = {"raw", "clean"};

typedef struct {
    uint64_t *v;
    size_t n, cap;
} u64vec;

typedef struct {
    char *name;
    char *text[MODES];
    size_t len[MODES];
    lg_minhash sig[MODES];
    u64vec shingles[MODES]; /* exact set, sorted: for the estimate's error */
} text;

typedef struct {
    size_t a, b;
    int copy;
} pair;

typedef struct {
    text *t;
    size_t nt, tcap;
    pair *labelled, *all;
    size_t nl, lcap, na;
} corpus;

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("dupes_eval: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

#define XGROW(arr, n, cap)                  \
    do {                                    \
        if (LG_GROW(arr, n, cap)) {         \
            fputs("dupes_eval: out of memory\n", stderr); \
            exit(2);                        \
        }                                   \
    } while (0)

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    lg_sb sb = LG_SB_INIT;
    char buf[65536];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0)
        lg_sb_add(&sb, buf, got);
    fclose(f);
    return lg_sb_detach(&sb, len);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- exact shingle sets: the truth the MinHash estimates --------------- */

typedef struct {
    u64vec *set;
    uint64_t last[5];
    size_t tokens;
} exact_ctx;

/* Independent of dupes.c on purpose: FNV-1a of the five folded words
 * joined by a space. */
static uint64_t fnv(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 0x100000001b3ull;
    return h;
}

static int exact_token(void *ctx, const lg_token *tok)
{
    exact_ctx *c = ctx;
    c->last[c->tokens++ % 5] = fnv(0xcbf29ce484222325ull, tok->term, tok->len);
    if (c->tokens < 5)
        return 0;
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = c->tokens - 5; i < c->tokens; i++)
        h = fnv(fnv(h, &c->last[i % 5], 8), " ", 1);
    XGROW(c->set->v, c->set->n, c->set->cap);
    c->set->v[c->set->n++] = h;
    return 0;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void exact_shingles(const char *s, size_t len, u64vec *set)
{
    exact_ctx c = {.set = set};
    lg_tokenize(s, len, exact_token, &c);
    qsort(set->v, set->n, sizeof *set->v, cmp_u64);
    size_t w = 0;
    for (size_t i = 0; i < set->n; i++)
        if (!w || set->v[w - 1] != set->v[i])
            set->v[w++] = set->v[i];
    set->n = w;
}

static double exact_jaccard(const u64vec *a, const u64vec *b)
{
    size_t i = 0, j = 0, both = 0;
    while (i < a->n && j < b->n) {
        if (a->v[i] == b->v[j])
            both++, i++, j++;
        else if (a->v[i] < b->v[j])
            i++;
        else
            j++;
    }
    size_t either = a->n + b->n - both;
    return either ? (double)both / (double)either : 1.0;
}

/* ---- reading the corpus ------------------------------------------------ */

static char *cleaned(const char *raw, size_t len, size_t *out_len)
{
    lg_page page = {0};
    if (lg_page_from_text(raw, len, &page)) {
        fputs("dupes_eval: out of memory\n", stderr);
        exit(2);
    }
    lg_clean(&page, NULL, NULL);
    char *kept = lg_page_kept_text(&page, out_len);
    lg_page_free(&page);
    return kept;
}

static size_t text_index(corpus *c, const char *dir, const char *name)
{
    for (size_t i = 0; i < c->nt; i++)
        if (!strcmp(c->t[i].name, name))
            return i;
    XGROW(c->t, c->nt, c->tcap);
    text *t = &c->t[c->nt];
    memset(t, 0, sizeof *t);
    t->name = strdup(name);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    t->text[RAW] = slurp(path, &t->len[RAW]);
    if (!t->name || !t->text[RAW] || lg_utf8_invalid_at(t->text[RAW], t->len[RAW]) != (size_t)-1) {
        fprintf(stderr, "dupes_eval: cannot read %s as UTF-8 text\n", path);
        exit(2);
    }
    t->text[CLEAN] = cleaned(t->text[RAW], t->len[RAW], &t->len[CLEAN]);
    for (int m = 0; m < MODES; m++) {
        lg_minhash_of(t->text[m], t->len[m], &t->sig[m]);
        exact_shingles(t->text[m], t->len[m], &t->shingles[m]);
    }
    return c->nt++;
}

/* ---- union-find: copies are closed under transitivity ----------------- */

static size_t *singletons(size_t n)
{
    size_t *parent = xmalloc(n * sizeof *parent);
    for (size_t i = 0; i < n; i++)
        parent[i] = i;
    return parent;
}

static size_t find(size_t *parent, size_t i)
{
    while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
    return i;
}

static void join(size_t *parent, size_t a, size_t b)
{
    parent[find(parent, a)] = find(parent, b);
}

static void read_pairs(corpus *c, const char *dir)
{
    char path[4096], line[8192];
    snprintf(path, sizeof path, "%s/pairs.tsv", dir);
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "dupes_eval: cannot open %s\n", path);
        exit(2);
    }
    for (int ln = 1; fgets(line, sizeof line, f); ln++) {
        char *a = strtok(line, "\t\r\n"), *b = strtok(NULL, "\t\r\n"), *label = strtok(NULL, "\t\r\n");
        if (!a || !b || !label || (strcmp(label, "copy") && strcmp(label, "distinct"))) {
            fprintf(stderr, "%s:%d: want fileA<TAB>fileB<TAB>copy|distinct\n", path, ln);
            exit(2);
        }
        XGROW(c->labelled, c->nl, c->lcap);
        pair *p = &c->labelled[c->nl++];
        *p = (pair){text_index(c, dir, a), text_index(c, dir, b), !strcmp(label, "copy")};
    }
    fclose(f);
}

/* Every pair of texts, copy when in one component; exits when a labelled
 * "distinct" pair contradicts the transitive closure. */
static void close_pairs(corpus *c)
{
    size_t *parent = singletons(c->nt);
    for (size_t i = 0; i < c->nl; i++)
        if (c->labelled[i].copy)
            join(parent, c->labelled[i].a, c->labelled[i].b);
    for (size_t i = 0; i < c->nl; i++) {
        const pair *p = &c->labelled[i];
        if (!p->copy && find(parent, p->a) == find(parent, p->b)) {
            fprintf(stderr, "dupes_eval: %s and %s are labelled distinct but copies by transitivity\n",
                c->t[p->a].name, c->t[p->b].name);
            exit(2);
        }
    }
    c->all = xmalloc(c->nt * c->nt / 2 * sizeof *c->all);
    for (size_t a = 0; a < c->nt; a++)
        for (size_t b = a + 1; b < c->nt; b++)
            c->all[c->na++] = (pair){a, b, find(parent, a) == find(parent, b)};
    free(parent);
}

/* ---- scoring ----------------------------------------------------------- */

typedef struct {
    size_t tp, fp, fn;
} counts;

static void tally(counts *k, int said, int copy)
{
    k->tp += said && copy;
    k->fp += said && !copy;
    k->fn += !said && copy;
}

static double similarity(const corpus *c, const pair *p, int m)
{
    return lg_minhash_similarity(&c->t[p->a].sig[m], &c->t[p->b].sig[m]);
}

static int called_copy(const corpus *c, const pair *p, int m, double threshold)
{
    return lg_minhash_groupable(&c->t[p->a].sig[m]) && lg_minhash_groupable(&c->t[p->b].sig[m]) &&
           similarity(c, p, m) >= threshold;
}

static int share_band(const corpus *c, const pair *p, int m)
{
    return lg_minhash_share_band(&c->t[p->a].sig[m], &c->t[p->b].sig[m]);
}

/* With `lsh`, a pair must also share a band key, as it must to be found
 * among many texts without comparing every pair. */
static counts score(const corpus *c, const pair *p, size_t n, int m, double threshold, int lsh)
{
    counts k = {0, 0, 0};
    for (size_t i = 0; i < n; i++)
        tally(&k, called_copy(c, &p[i], m, threshold) && (!lsh || share_band(c, &p[i], m)), p[i].copy);
    return k;
}

/* As an index would group: the copies called among LSH candidates joined
 * transitively, then every pair of texts in one group is a copy. */
static counts grouped(const corpus *c, int m, double threshold)
{
    size_t *parent = singletons(c->nt);
    for (size_t i = 0; i < c->na; i++)
        if (called_copy(c, &c->all[i], m, threshold) && share_band(c, &c->all[i], m))
            join(parent, c->all[i].a, c->all[i].b);
    counts k = {0, 0, 0};
    for (size_t i = 0; i < c->na; i++)
        tally(&k, find(parent, c->all[i].a) == find(parent, c->all[i].b), c->all[i].copy);
    free(parent);
    return k;
}

static double precision(counts k)
{
    return k.tp + k.fp ? 100.0 * k.tp / (k.tp + k.fp) : 100.0;
}

static double recall(counts k)
{
    return k.tp + k.fn ? 100.0 * k.tp / (k.tp + k.fn) : 100.0;
}

static double f1(counts k)
{
    return k.tp ? 200.0 * k.tp / (2.0 * k.tp + k.fp + k.fn) : 0.0;
}

/* The copy pair with the lowest and the distinct pair with the highest
 * similarity among all pairs: the margin a threshold has. */
static void print_margins(const corpus *c, int m)
{
    const pair *low = NULL, *high = NULL;
    for (size_t i = 0; i < c->na; i++) {
        const pair *p = &c->all[i];
        if (p->copy && (!low || similarity(c, p, m) < similarity(c, low, m)))
            low = p;
        if (!p->copy && (!high || similarity(c, p, m) > similarity(c, high, m)))
            high = p;
    }
    if (low)
        printf("  lowest copy:      %.3f  %s  %s\n", similarity(c, low, m), c->t[low->a].name, c->t[low->b].name);
    if (high)
        printf("  highest distinct: %.3f  %s  %s\n", similarity(c, high, m), c->t[high->a].name, c->t[high->b].name);
}

static void print_estimate_error(const corpus *c, int m)
{
    double sum = 0, worst = 0;
    for (size_t i = 0; i < c->nl; i++) {
        const pair *p = &c->labelled[i];
        double d = similarity(c, p, m) - exact_jaccard(&c->t[p->a].shingles[m], &c->t[p->b].shingles[m]);
        d = d < 0 ? -d : d;
        sum += d;
        worst = d > worst ? d : worst;
    }
    printf("  MinHash vs exact Jaccard, labelled pairs: mean |error| %.3f, max %.3f\n", sum / c->nl, worst);
}

static void print_lsh(const corpus *c, int m)
{
    size_t copies = 0, found = 0, candidates = 0;
    for (size_t i = 0; i < c->na; i++) {
        int shared = share_band(c, &c->all[i], m);
        candidates += shared;
        copies += c->all[i].copy;
        found += shared && c->all[i].copy;
    }
    printf("  LSH (%d bands of %d rows): %zu/%zu copy pairs share a band key; %zu of %zu pairs are candidates\n",
        LG_MINHASH_BANDS, LG_MINHASH_N / LG_MINHASH_BANDS, found, copies, candidates, c->na);
}

static void print_at_threshold(const corpus *c, int m)
{
    counts l = score(c, c->labelled, c->nl, m, LG_DUP_THRESHOLD, 0);
    counts a = score(c, c->all, c->na, m, LG_DUP_THRESHOLD, 0);
    counts f = score(c, c->all, c->na, m, LG_DUP_THRESHOLD, 1), g = grouped(c, m, LG_DUP_THRESHOLD);
    printf("%s texts, threshold %.2f:\n", mode_name[m], LG_DUP_THRESHOLD);
    printf("  labelled pairs (%zu): P %.1f R %.1f (tp %zu fp %zu fn %zu)\n", c->nl, precision(l), recall(l), l.tp, l.fp, l.fn);
    printf("  all pairs (%zu):      P %.1f R %.1f (tp %zu fp %zu fn %zu)\n", c->na, precision(a), recall(a), a.tp, a.fp, a.fn);
    printf("  all pairs, found by LSH: P %.1f R %.1f; grouped transitively: P %.1f R %.1f\n", precision(f),
        recall(f), precision(g), recall(g));
    print_margins(c, m);
    print_estimate_error(c, m);
    print_lsh(c, m);
}

static void print_sweep(const corpus *c, int m)
{
    printf("\n%s texts:\n\n| threshold | labelled P | R | F1 | all pairs P | R | F1 | found by LSH R "
           "| grouped P | R |\n|---|---|---|---|---|---|---|---|---|---|\n", mode_name[m]);
    for (int step = 0; step <= 10; step++) {
        double t = 0.40 + 0.05 * step;
        counts l = score(c, c->labelled, c->nl, m, t, 0), a = score(c, c->all, c->na, m, t, 0);
        counts g = grouped(c, m, t);
        printf("| %.2f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |\n", t, precision(l),
            recall(l), f1(l), precision(a), recall(a), f1(a), recall(score(c, c->all, c->na, m, t, 1)),
            precision(g), recall(g));
    }
}

static void list_pairs(const corpus *c)
{
    puts("label     raw est/exact  clean est/exact  pair");
    for (size_t i = 0; i < c->nl; i++) {
        const pair *p = &c->labelled[i];
        printf("%-9s", p->copy ? "copy" : "distinct");
        for (int m = 0; m < MODES; m++)
            printf("  %.3f/%.3f  ", similarity(c, p, m),
                exact_jaccard(&c->t[p->a].shingles[m], &c->t[p->b].shingles[m]));
        printf(" %s  %s\n", c->t[p->a].name, c->t[p->b].name);
    }
    putchar('\n');
}

/* ---- speed ------------------------------------------------------------- */

static int no_token(void *ctx, const lg_token *tok)
{
    (void)ctx;
    (void)tok;
    return 0;
}

/* MB/s of lg_minhash_of (minhash) or of lg_tokenize alone over the texts,
 * repeated for at least half a second. */
static double throughput(char *const *texts, const size_t *lens, size_t n, int minhash)
{
    double start = now(), elapsed;
    size_t bytes = 0;
    lg_minhash sig;
    do {
        for (size_t i = 0; i < n; i++) {
            if (minhash)
                lg_minhash_of(texts[i], lens[i], &sig);
            else
                lg_tokenize(texts[i], lens[i], no_token, NULL);
            bytes += lens[i];
        }
    } while ((elapsed = now() - start) < 0.5);
    return bytes / elapsed / 1e6;
}

static void print_speed(const char *what, char *const *texts, const size_t *lens, size_t n)
{
    size_t bytes = 0;
    for (size_t i = 0; i < n; i++)
        bytes += lens[i];
    printf("speed, %s (%zu bytes): lg_minhash_of %.1f MB/s, lg_tokenize alone %.1f MB/s\n", what, bytes,
        throughput(texts, lens, n, 1), throughput(texts, lens, n, 0));
}

static void speed(const corpus *c, char **files, int nfiles)
{
    char **texts = xmalloc(c->nt * sizeof *texts);
    size_t *lens = xmalloc(c->nt * sizeof *lens);
    for (size_t i = 0; i < c->nt; i++)
        texts[i] = c->t[i].text[RAW], lens[i] = c->t[i].len[RAW];
    print_speed("labelled texts", texts, lens, c->nt);
    free(texts);
    free(lens);
    for (int i = 0; i < nfiles; i++) {
        size_t len;
        char *s = slurp(files[i], &len);
        if (!s || lg_utf8_invalid_at(s, len) != (size_t)-1)
            fprintf(stderr, "dupes_eval: cannot read %s as UTF-8 text\n", files[i]);
        else
            print_speed(files[i], &s, &len, 1);
        free(s);
    }
}

static void corpus_free(corpus *c)
{
    for (size_t i = 0; i < c->nt; i++) {
        free(c->t[i].name);
        for (int m = 0; m < MODES; m++) {
            free(c->t[i].text[m]);
            free(c->t[i].shingles[m].v);
        }
    }
    free(c->t);
    free(c->labelled);
    free(c->all);
}

int main(int argc, char **argv)
{
    int verbose = argc > 1 && !strcmp(argv[1], "-v");
    if (argc < 2 + verbose) {
        fputs("usage: dupes_eval [-v] DIR [FILE...]\n", stderr);
        return 2;
    }
    corpus c = {0};
    read_pairs(&c, argv[1 + verbose]);
    close_pairs(&c);
    size_t copies = 0;
    for (size_t i = 0; i < c.na; i++)
        copies += c.all[i].copy;
    printf("%zu texts, %zu labelled pairs, %zu pairs of which %zu copies by transitivity\n\n", c.nt, c.nl, c.na, copies);
    if (verbose)
        list_pairs(&c);
    for (int m = 0; m < MODES; m++)
        print_at_threshold(&c, m);
    for (int m = 0; m < MODES; m++)
        print_sweep(&c, m);
    putchar('\n');
    speed(&c, argv + 2 + verbose, argc - 2 - verbose);
    corpus_free(&c);
    return 0;
}
