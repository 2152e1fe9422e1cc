#include "index.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "analyze.h"
#include "compact.h"
#include "derive.h"
#include "input.h"
#include "jsonl.h"
#include "store.h"
#include "strbuf.h"
#include "sync.h"
#include "syncer.h"
#include "writer.h"

#define DEFAULT_BATCH 1000

typedef struct {
    const lg_index_opts *o;
    lg_index_summary *sum;
    lg_err *e;
    lg_writer w;
    lg_store *store;  /* w.store */
    lg_syncer *syncer; /* applies each committed batch while the next is read */
    /* The batch's Xapian documents, built in its transaction for the
     * outbox rows after `from`, so the sync thread only writes them. */
    struct {
        lg_built *v;
        size_t n, cap;
        int64_t from;
    } built;
    size_t in_batch;
} run;

static void warn(run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(run *r, const char *fmt, ...)
{
    lg_sb sb = LG_SB_INIT;
    va_list ap;
    va_start(ap, fmt);
    lg_sb_vaddf(&sb, fmt, ap);
    va_end(ap);
    if (r->o->warn)
        r->o->warn(r->o->ctx, sb.buf);
    lg_sb_release(&sb);
}

/* An explicit value (a flag) replaces whatever the input said. */
static void override(char **dst, lg_source *src, const char *value)
{
    if (!value)
        return;
    free(*dst);
    *dst = strdup(value);
    if (src)
        *src = LG_SRC_FLAG;
}

/* Values a feed record states are explicit too. */
static void mark_json(lg_article *a)
{
    a->title_src = a->title ? LG_SRC_JSON : LG_SRC_NONE;
    a->outlet_src = a->outlet ? LG_SRC_JSON : LG_SRC_NONE;
    a->speaker_src = a->speaker ? LG_SRC_JSON : LG_SRC_NONE;
    a->date_src = a->date.precision != LG_DATE_UNKNOWN ? LG_SRC_JSON : LG_SRC_NONE;
}

typedef struct {
    size_t latin, cyrillic;
} script_count;

static int count_script(void *ctx, const lg_token *tok)
{
    script_count *c = ctx;
    c->latin += tok->script == LG_SCRIPT_LATIN && !tok->numeric;
    c->cyrillic += tok->script == LG_SCRIPT_CYRILLIC;
    return 0;
}

/* A language guess from the script of the words, used only when neither
 * flags nor the feed say: Cyrillic-majority text is "ru", Latin "en". */
static const char *guess_lang(const lg_article *a)
{
    script_count c = {0, 0};
    lg_tokenize(a->text, a->text_len, count_script, &c);
    if (c.cyrillic > c.latin)
        return "ru";
    return c.latin ? "en" : NULL;
}

static void apply_overrides(const lg_index_opts *o, lg_article *a)
{
    override(&a->outlet, &a->outlet_src, o->outlet);
    override(&a->speaker, &a->speaker_src, o->speaker);
    override(&a->title, &a->title_src, o->title);
    override(&a->lang, NULL, o->lang);
    if (o->date.precision != LG_DATE_UNKNOWN) {
        a->date = o->date;
        a->date_src = LG_SRC_FLAG;
    }
}

static void settle_lang(lg_article *a)
{
    if (!a->lang) {
        const char *guess = guess_lang(a);
        a->lang = guess ? strdup(guess) : NULL;
    }
    /* Codes are matched as lang:en; "EN" in a feed means the same. */
    for (char *p = a->lang; p && *p; p++)
        *p = (char)tolower((unsigned char)*p);
}

/* Opens a batch's transaction. What the sync thread's last pass applied
 * leaves the outbox in it. */
static int begin_batch(run *r)
{
    if (lg_store_begin(r->store, r->e) != 0 ||
        lg_store_outbox_trim(r->store, lg_syncer_applied(r->syncer), r->e) != 0)
        return -1;
    return lg_store_outbox_last(r->store, &r->built.from, r->e);
}

static void free_built(run *r)
{
    for (size_t i = 0; i < r->built.n; i++)
        lg_built_clear(&r->built.v[i]);
    free(r->built.v);
    r->built.v = NULL;
    r->built.n = r->built.cap = 0;
}

/* Commits the batch and hands its documents to the sync thread. */
static int commit_and_kick(run *r)
{
    int64_t to;
    if (lg_store_outbox_last(r->store, &to, r->e) != 0 || lg_store_commit(r->store, r->e) != 0)
        return -1;
    r->in_batch = 0;
    int rc = lg_syncer_kick_built(r->syncer, r->built.v, r->built.n, r->built.from, to, r->e);
    r->built.v = NULL; /* the syncer's now */
    r->built.n = r->built.cap = 0;
    return rc;
}

static int commit_batch(run *r)
{
    if (commit_and_kick(r) != 0)
        return -1;
    if (r->o->progress)
        r->o->progress(r->o->ctx, r->sum);
    return begin_batch(r);
}

/* The article's documents, read back in this transaction as sync would. */
static int build(run *r, int64_t id)
{
    if (LG_GROW(r->built.v, r->built.n, r->built.cap) != 0)
        return lg_err_set(r->e, LG_EXIT_DB, "out of memory");
    if (lg_sync_build(r->store, r->w.stemmer, id, &r->built.v[r->built.n], r->e) != 0)
        return -1;
    r->built.n++;
    return 0;
}

static unsigned site_seen(void *ctx, const char *site, uint64_t hash)
{
    run *r = ctx;
    return lg_store_site_seen(r->store, site, hash);
}

static int site_record(void *ctx, const char *site, const uint64_t *hashes, size_t n)
{
    run *r = ctx;
    return lg_store_site_add(r->store, site, hashes, n, r->e);
}

static int ingest(run *r, lg_article *a)
{
    apply_overrides(r->o, a);
    lg_article_hash(a);
    int64_t id;
    char old_sha[65];
    if (lg_store_find(r->store, a->source, &id, old_sha, r->e) != 0)
        return -1;
    if (id && !r->o->full && strcmp(old_sha, a->sha256) == 0) {
        r->sum->unchanged++;
        return lg_store_mark_seen(r->store, id, r->e);
    }
    lg_site_memory memory = {site_seen, site_record, r};
    if (lg_derive(a, &memory, r->e) != 0)
        return -1;
    settle_lang(a);
    if (id)
        r->sum->updated++;
    else
        r->sum->added++;
    if (lg_store_put(r->store, a, &id, r->e) != 0 || lg_store_mark_seen(r->store, id, r->e) != 0 ||
        build(r, id) != 0)
        return -1;
    size_t batch = r->o->batch ? r->o->batch : DEFAULT_BATCH;
    return ++r->in_batch >= batch ? commit_batch(r) : 0;
}

static int input_failed(run *r, const char *origin)
{
    r->sum->failed++;
    return lg_store_mark_failed(r->store, origin, r->e);
}

/* A text or HTML file: one article, cleaned and derived from its bytes.
 * Takes ownership of buf. */
static int index_page_file(run *r, const char *path, char *buf, size_t len, lg_input_type type)
{
    if (len == 0) {
        free(buf);
        warn(r, "%s: empty file, skipped", path);
        return input_failed(r, path);
    }
    /* libxml2 decodes HTML in any declared encoding; text must be UTF-8. */
    size_t bad = type == LG_INPUT_TEXT ? lg_utf8_invalid_at(buf, len) : (size_t)-1;
    if (bad != (size_t)-1) {
        free(buf);
        warn(r, "%s: invalid UTF-8 at byte %zu, skipped", path, bad);
        return input_failed(r, path);
    }
    lg_article a = {0};
    a.source = strdup(path);
    a.origin = strdup(path);
    a.format = type == LG_INPUT_HTML ? LG_FORMAT_HTML : LG_FORMAT_TEXT;
    a.raw = buf;
    a.raw_len = len;
    int rc = ingest(r, &a);
    if (rc != 0 && r->e->code == LG_EXIT_NONE) {
        /* The input itself could not be read (not the database): skip it. */
        warn(r, "%s, skipped", r->e->msg);
        rc = input_failed(r, path);
    }
    lg_article_clear(&a);
    return rc;
}

static int index_jsonl_file(run *r, const char *path, const char *buf, size_t len)
{
    const char *p = buf, *end = buf + len;
    size_t lineno = 0;
    int rc = 0;
    while (rc == 0 && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl : end;
        lineno++;
        if (strspn(p, " \t\r") < (size_t)(stop - p)) {
            lg_article a;
            lg_err le;
            if (lg_jsonl_record(p, (size_t)(stop - p), path, lineno, &a, &le) != 0) {
                warn(r, "%s, skipped", le.msg);
                rc = input_failed(r, path);
            } else {
                mark_json(&a);
                rc = ingest(r, &a);
                lg_article_clear(&a);
            }
        }
        p = stop + 1;
    }
    return rc;
}

static int index_file(void *ctx, const char *path, lg_input_type type)
{
    run *r = ctx;
    char real[PATH_MAX];
    if (!realpath(path, real)) {
        warn(r, "%s: %s, skipped", path, strerror(errno));
        r->sum->failed++;
        return 0;
    }
    char *buf;
    size_t len;
    lg_err le;
    if (lg_read_file(real, &buf, &len, &le) != 0) {
        warn(r, "%s, skipped", le.msg);
        return input_failed(r, real);
    }
    if (type != LG_INPUT_JSONL)
        return index_page_file(r, real, buf, len, type);
    int rc = index_jsonl_file(r, real, buf, len);
    free(buf);
    return rc;
}

static void walk_warn(void *ctx, const char *msg)
{
    run *r = ctx;
    warn(r, "%s", msg);
    r->sum->failed++;
}

static int index_paths(run *r, const char *const *paths, size_t n)
{
    if (begin_batch(r) != 0)
        return -1;
    if (r->o->prune && lg_store_prune_begin(r->store, r->e) != 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(paths[i], &st) != 0) {
            warn(r, "%s: %s", paths[i], strerror(errno));
            r->sum->failed++;
        } else if (lg_walk(paths[i], index_file, walk_warn, r, r->e) != 0) {
            return -1;
        }
    }
    for (size_t i = 0; r->o->prune && i < n; i++) {
        char real[PATH_MAX];
        if (realpath(paths[i], real) &&
            lg_store_prune(r->store, real, &r->sum->removed, r->e) != 0)
            return -1;
    }
    /* Pruned articles are outbox rows without documents: that pass reads
     * SQLite. The last sync finds nothing left, or what a failed pass left. */
    if (commit_and_kick(r) != 0)
        return -1;
    int rc = lg_syncer_stop(r->syncer, NULL, r->e);
    r->syncer = NULL;
    return rc == 0 ? lg_writer_sync(&r->w, r->e) : -1;
}

static int doccount(run *r, uint64_t *n)
{
    if (xs_db_doccount(r->w.xdb, n) != XS_OK)
        return lg_err_set(r->e, LG_EXIT_DB, "xapian: %s", xs_db_error(r->w.xdb));
    return 0;
}

/* A run that wrote most of the index (or all of it: --full) compacts it. */
static int compact_if_built(run *r, uint64_t before)
{
    uint64_t after;
    if (doccount(r, &after) != 0)
        return -1;
    if (!r->o->full && !lg_compact_pays(before, after))
        return 0;
    return lg_compact_xapian(r->w.xdb, r->w.db.xapian_path, r->e);
}

int lg_index_run(const char *dbdir, const char *const *paths, size_t n_paths,
                 const lg_index_opts *opts, lg_index_summary *sum, lg_err *e)
{
    run r = {.o = opts, .sum = sum, .e = e};
    memset(sum, 0, sizeof *sum);
    uint64_t before = 0;
    int rc = lg_writer_open(&r.w, dbdir, 1, opts->full, e);
    r.store = r.w.store;
    if (rc == 0)
        rc = doccount(&r, &before);
    if (rc == 0)
        rc = lg_syncer_start(&r.syncer, r.w.db.sqlite_path, r.w.xdb, e);
    if (rc == 0)
        rc = index_paths(&r, paths, n_paths);
    lg_err ignored;
    lg_syncer_stop(r.syncer, NULL, &ignored); /* after a failure: the thread must end first */
    free_built(&r);
    if (rc == 0)
        rc = compact_if_built(&r, before);
    lg_writer_close(&r.w);
    return rc;
}
