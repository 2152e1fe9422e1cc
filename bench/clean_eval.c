/*
 * clean_eval — scores cleaning (clean.h) on the trafilatura evaluation set
 * with its own rule: whitespace-normalise the kept text and every gold
 * segment (\s+ -> one space, as Python's re does), then a "with" segment
 * found is a true positive, missed a false negative; a "without" segment
 * found is a false positive, missed a true negative. Summed over pages.
 *
 *   clean_eval [-v] [-p ID] GOLD.json HTML_DIR TEXT_DIR
 *
 * Pages are read as HTML (HTML_DIR/ID.html) and as text dumps
 * (TEXT_DIR/ID.txt); either directory may be "-" to skip that mode. -v
 * lists every miss with the reason the block holding it was dropped, and
 * totals misses per reason; -p prints one page's blocks and decisions.
 * Blocks seen on earlier pages of the same host feed lg_clean's seen
 * callback, as the indexer does.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "clean.h"
#include "input.h"
#include "page.h"
#include "strbuf.h"

typedef struct {
    size_t tp, fn, fp, tn;
} score;

/* ---- whitespace normalisation, as Python's str.isspace() sees it ---- */

static int is_py_space(utf8proc_int32_t cp)
{
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    return p->category == UTF8PROC_CATEGORY_ZS || p->bidi_class == UTF8PROC_BIDI_CLASS_WS ||
           p->bidi_class == UTF8PROC_BIDI_CLASS_B || p->bidi_class == UTF8PROC_BIDI_CLASS_S;
}

static char *normalize(const char *s, size_t len)
{
    lg_sb sb = LG_SB_INIT;
    size_t i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) {
            lg_sb_addc(&sb, s[i++]);
            continue;
        }
        if (!is_py_space(cp))
            lg_sb_add(&sb, s + i, (size_t)n);
        else if (!sb.len || sb.buf[sb.len - 1] != ' ')
            lg_sb_addc(&sb, ' ');
        i += (size_t)n;
    }
    return lg_sb_detach(&sb, NULL);
}

/* ---- seen: blocks on earlier pages of the same host ------------------- */

typedef struct {
    uint64_t host, hash;
    unsigned pages;
    size_t last_page;
} seen_entry;

typedef struct {
    seen_entry *slots;
    size_t cap, used;
    uint64_t host;    /* the current page's host */
    size_t page_no;
} seen_table;

/* The slot of (host, hash): its entry, or the empty slot where it goes. */
static seen_entry *seen_slot(const seen_table *t, uint64_t host, uint64_t hash)
{
    size_t i = (size_t)((hash ^ (host * 0x9E3779B97F4A7C15ULL)) & (t->cap - 1));
    while (t->slots[i].pages && !(t->slots[i].host == host && t->slots[i].hash == hash))
        i = (i + 1) & (t->cap - 1);
    return &t->slots[i];
}

static void seen_grow(seen_table *t)
{
    seen_entry *old = t->slots;
    size_t old_cap = t->cap;
    t->cap = old_cap ? old_cap * 2 : 1024;
    t->slots = calloc(t->cap, sizeof *t->slots);
    if (!t->slots) {
        fputs("clean_eval: out of memory\n", stderr);
        exit(1);
    }
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].pages)
            *seen_slot(t, old[i].host, old[i].hash) = old[i];
    free(old);
}

static unsigned seen_cb(void *ctx, uint64_t hash)
{
    const seen_table *t = ctx;
    return t->cap ? seen_slot(t, t->host, hash)->pages : 0;
}

/* Counts each distinct block of the page once for its host. */
static void seen_record(seen_table *t, const lg_page *page)
{
    for (size_t i = 0; i < page->n; i++) {
        if (2 * (t->used + 1) > t->cap)
            seen_grow(t);
        uint64_t hash = lg_block_hash(page->blocks[i].text, page->blocks[i].len);
        seen_entry *e = seen_slot(t, t->host, hash);
        if (!e->pages) {
            *e = (seen_entry){t->host, hash, 0, (size_t)-1};
            t->used++;
        }
        if (e->last_page != t->page_no) {
            e->pages++;
            e->last_page = t->page_no;
        }
    }
    t->page_no++;
}

/* ---- pages ------------------------------------------------------------ */

static int load_page(const char *dir, const char *id, int html, lg_page *page)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.%s", dir, id, html ? "html" : "txt");
    size_t len;
    char *data;
    lg_err e;
    if (lg_read_file(path, &data, &len, &e) != 0) {
        fprintf(stderr, "clean_eval: %s\n", e.msg);
        return -1;
    }
    int rc = html ? lg_page_from_html(data, len, path, page, &e) : lg_page_from_text(data, len, page);
    if (rc != 0)
        fprintf(stderr, "clean_eval: %s\n", html ? e.msg : "out of memory");
    free(data);
    return rc;
}

/* The site a page belongs to: its URL's host, or for an archived copy the
 * host of the archived URL. 0 when the URL names none. */
static uint64_t host_hash(const char *url)
{
    const char *p = url ? strstr(url, "://") : NULL;
    if (!p)
        return 0;
    p += 3;
    if (strncmp(p, "web.archive.org/", 16) == 0 && strstr(p, "://"))
        return host_hash(strstr(p, "://"));
    size_t n = strcspn(p, "/");
    return n ? lg_block_hash(p, n) : 0;
}

/* ---- verbose: why each miss happened ------------------------------------ */

typedef struct {
    const char *why[64];
    size_t count[64], n;
} tally;

static void tally_add(tally *t, const char *why)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->why[i] == why || (why && t->why[i] && strcmp(t->why[i], why) == 0)) {
            t->count[i]++;
            return;
        }
    if (t->n < 64) {
        t->why[t->n] = why;
        t->count[t->n++] = 1;
    }
}

/* The block holding a segment, or NULL when it spans blocks or is absent. */
static const lg_block *holder(const lg_page *page, const char *seg)
{
    for (size_t i = 0; i < page->n; i++) {
        char *norm = normalize(page->blocks[i].text, page->blocks[i].len);
        int found = strstr(norm, seg) != NULL;
        free(norm);
        if (found)
            return &page->blocks[i];
    }
    return NULL;
}

static void report_miss(const char *id, const char *what, const char *seg, const lg_page *page, tally *t)
{
    const lg_block *b = holder(page, seg);
    const char *why = b ? (b->keep ? "kept" : b->why) : "(split or absent)";
    tally_add(t, why);
    fprintf(stderr, "%s %s [%s] %.100s\n", id, what, why ? why : "?", seg);
}

/* ---- scoring ------------------------------------------------------------ */

typedef struct {
    const char *dir;
    int html, verbose, clean;
    score s;
    tally fn, fp;
    seen_table seen;
} run;

static void score_segments(run *r, const char *id, json_t *segs, int wanted, const char *text, const lg_page *page)
{
    size_t i;
    json_t *seg;
    json_array_foreach(segs, i, seg) {
        char *norm = normalize(json_string_value(seg), json_string_length(seg));
        int found = strstr(text, norm) != NULL;
        if (wanted) {
            r->s.tp += found;
            r->s.fn += !found;
        } else {
            r->s.fp += found;
            r->s.tn += !found;
        }
        if (r->verbose && found != wanted)
            report_miss(id, wanted ? "FN" : "FP", norm, page, wanted ? &r->fn : &r->fp);
        free(norm);
    }
}

static void score_page(run *r, const char *id, json_t *entry)
{
    lg_page page;
    if (load_page(r->dir, id, r->html, &page) != 0)
        return;
    if (r->clean) {
        r->seen.host = host_hash(json_string_value(json_object_get(entry, "url")));
        lg_clean(&page, r->seen.host ? seen_cb : NULL, &r->seen);
        if (r->seen.host)
            seen_record(&r->seen, &page);
    }
    size_t len;
    char *kept = lg_page_kept_text(&page, &len);
    char *text = normalize(kept, len);
    score_segments(r, id, json_object_get(entry, "with"), 1, text, &page);
    score_segments(r, id, json_object_get(entry, "without"), 0, text, &page);
    free(text);
    free(kept);
    lg_page_free(&page);
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void print_tally(const char *name, const tally *t)
{
    fprintf(stderr, "%s by reason:", name);
    for (size_t i = 0; i < t->n; i++)
        fprintf(stderr, " %s=%zu", t->why[i] ? t->why[i] : "?", t->count[i]);
    fputc('\n', stderr);
}

static void print_score(const char *name, const score *s)
{
    double p = s->tp + s->fp ? (double)s->tp / (double)(s->tp + s->fp) : 0;
    double r = s->tp + s->fn ? (double)s->tp / (double)(s->tp + s->fn) : 0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    double acc = (double)(s->tp + s->tn) / (double)(s->tp + s->tn + s->fp + s->fn);
    printf("%-22s precision %.3f  recall %.3f  F1 %.3f  accuracy %.3f  (TP %zu FN %zu FP %zu TN %zu)\n", name, p,
           r, f, acc, s->tp, s->fn, s->fp, s->tn);
}

static void run_mode(json_t *gold, const char **ids, size_t n, const char *dir, int html, int clean, int verbose)
{
    run r = {.dir = dir, .html = html, .verbose = verbose && clean, .clean = clean};
    for (size_t i = 0; i < n; i++)
        score_page(&r, ids[i], json_object_get(gold, ids[i]));
    char name[64];
    snprintf(name, sizeof name, "%s %s", html ? "HTML" : "text", clean ? "cleaned" : "keep-all");
    print_score(name, &r.s);
    if (r.verbose) {
        print_tally("FN", &r.fn);
        print_tally("FP", &r.fp);
    }
    free(r.seen.slots);
}

static const char *or_none(const char *s)
{
    return s ? s : "-";
}

static void dump_page(const char *dir, const char *id, int html)
{
    lg_page page;
    if (load_page(dir, id, html, &page) != 0)
        return;
    lg_clean(&page, NULL, NULL);
    static const char kinds[] = "THLC";
    for (size_t i = 0; i < page.n; i++) {
        const lg_block *b = &page.blocks[i];
        printf("%4zu %c %-14s %c%d ld=%.2f %c%c %.160s\n", i, b->keep ? '+' : '-', b->why ? b->why : "",
               kinds[b->kind], b->level, b->link_density, b->furniture_markup ? 'F' : '.',
               b->in_article ? 'A' : '.', b->text);
    }
    if (html)
        printf("title=%s\nog_title=%s\nsite=%s\npublished=%s\ncanonical=%s\nauthor=%s\nlang=%s\n",
               or_none(page.html_title), or_none(page.og_title), or_none(page.site_name), or_none(page.published),
               or_none(page.canonical), or_none(page.author), or_none(page.lang));
    lg_page_free(&page);
}

int main(int argc, char **argv)
{
    int verbose = 0, arg = 1;
    const char *only = NULL;
    for (; arg < argc && argv[arg][0] == '-' && argv[arg][1]; arg++) {
        if (strcmp(argv[arg], "-v") == 0)
            verbose = 1;
        else if (strcmp(argv[arg], "-p") == 0 && arg + 1 < argc)
            only = argv[++arg];
        else
            break;
    }
    if (argc - arg != 3) {
        fputs("usage: clean_eval [-v] [-p ID] GOLD.json HTML_DIR|- TEXT_DIR|-\n", stderr);
        return 2;
    }
    const char *dirs[2] = {argv[arg + 1], argv[arg + 2]};
    if (only) {
        for (int m = 0; m < 2; m++)
            if (strcmp(dirs[m], "-") != 0)
                dump_page(dirs[m], only, m == 0);
        return 0;
    }
    json_error_t err;
    json_t *gold = json_load_file(argv[arg], 0, &err);
    if (!json_is_object(gold)) {
        fprintf(stderr, "clean_eval: %s:%d: %s\n", argv[arg], err.line, err.text);
        return 1;
    }
    size_t n = json_object_size(gold), k = 0;
    const char **ids = malloc(n * sizeof *ids);
    const char *key;
    json_t *value;
    json_object_foreach(gold, key, value)
        ids[k++] = key;
    qsort(ids, n, sizeof *ids, by_string);
    for (int m = 0; m < 2; m++)
        if (strcmp(dirs[m], "-") != 0)
            for (int clean = 0; clean < 2; clean++)
                run_mode(gold, ids, n, dirs[m], m == 0, clean, verbose);
    free(ids);
    json_decref(gold);
    return 0;
}
