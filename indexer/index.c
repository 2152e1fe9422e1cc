#include "index.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ahead.h"
#include "analyze.h"
#include "collection.h"
#include "compact.h"
#include "derive.h"
#include "input.h"
#include "jsonl.h"
#include "shard.h"
#include "store.h"
#include "strbuf.h"
#include "sync.h"
#include "syncer.h"
#include "writer.h"

#define DEFAULT_BATCH 1000

/* What one writer (the database, or one shard) does beside its store: a
 * sync thread applying each committed batch while the next is read, and
 * the batch's Xapian documents, built in its transaction for the outbox
 * rows after `from`, so that thread only writes them. */
typedef struct {
    lg_syncer *syncer;
    struct {
        lg_built *v;
        size_t n, cap;
        int64_t from;
    } built;
    uint64_t before;  /* Xapian documents when the run began */
    sqlite3 *rdb;     /* the feed reader's view of the store (ahead.h) */
    lg_store *reader;
} lane;

typedef struct {
    const lg_index_opts *o;
    lg_index_summary *sum;
    lg_err *e;
    lg_writer *w;     /* one writer, or one per shard (collection.h) */
    lane *lanes;      /* one per writer */
    unsigned n_w;
    unsigned cur;     /* the current article's shard */
    lg_store *store;  /* its store: w[cur].store */
    size_t in_batch;
} run;

/* Every store's transaction (or sync) at once: shards commit together. */
static int each_store(run *r, int (*fn)(lg_store *, lg_err *))
{
    for (unsigned k = 0; k < r->n_w; k++)
        if (fn(r->w[k].store, r->e) != 0)
            return -1;
    return 0;
}

/* Points r->store at the shard of `source`, its id counters raised to the
 * collection's (collection.h). 1: the source belongs to another shard
 * than the one built alone. */
static int route(run *r, const char *source)
{
    if (!r->o->shards)
        return 0;
    if (r->o->alone)
        return lg_shard_of(source, r->o->shards) != r->o->shard;
    r->cur = lg_shard_of(source, r->n_w);
    r->store = r->w[r->cur].store;
    return lg_collection_share_ids(r->w, r->n_w, r->cur, r->e);
}

static int begin_batch(run *r)
{
    for (unsigned k = 0; k < r->n_w; k++) {
        lg_store *s = r->w[k].store;
        if (lg_store_begin(s, r->e) != 0 || lg_store_fold_keys(s, LG_FOLD_KEYS_AT, r->e) != 0 ||
            lg_store_outbox_trim(s, lg_syncer_applied(r->lanes[k].syncer), r->e) != 0 ||
            lg_store_outbox_last(s, &r->lanes[k].built.from, r->e) != 0)
            return -1;
    }
    return 0;
}

static void free_built(lane *l)
{
    for (size_t i = 0; i < l->built.n; i++)
        lg_built_clear(&l->built.v[i]);
    free(l->built.v);
    l->built.v = NULL;
    l->built.n = l->built.cap = 0;
}

static int check_range(run *r)
{
    lg_shard_id id = {r->o->shard, r->o->shards};
    return r->o->alone ? lg_collection_check_range(r->w, id, r->e) : 0;
}

/* Commits every store's batch and hands its documents to its sync thread. */
static int commit_and_kick(run *r)
{
    if (check_range(r) != 0)
        return -1;
    for (unsigned k = 0; k < r->n_w; k++) {
        lane *l = &r->lanes[k];
        int64_t to;
        lg_store *s = r->w[k].store;
        if (lg_store_outbox_last(s, &to, r->e) != 0 || lg_store_commit(s, r->e) != 0)
            return -1;
        int rc = lg_syncer_kick_built(l->syncer, l->built.v, l->built.n, l->built.from, to, r->e);
        l->built.v = NULL; /* the syncer's now */
        l->built.n = l->built.cap = 0;
        if (rc != 0)
            return -1;
    }
    r->in_batch = 0;
    return 0;
}

/* Article id's documents in shard k, read back in this transaction as
 * sync would. */
static int build(run *r, unsigned k, int64_t id)
{
    lane *l = &r->lanes[k];
    if (LG_GROW(l->built.v, l->built.n, l->built.cap) != 0)
        return lg_err_set(r->e, LG_EXIT_DB, "out of memory");
    if (lg_sync_build(r->w[k].store, r->w[k].stemmer, id, &l->built.v[l->built.n], r->e) != 0)
        return -1;
    l->built.n++;
    return 0;
}

static void warn(run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(run *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    lg_sb_vsay(r->o->warn, r->o->ctx, fmt, ap);
    va_end(ap);
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

static int commit_batch(run *r)
{
    if (commit_and_kick(r) != 0)
        return -1;
    if (r->o->progress)
        r->o->progress(r->o->ctx, r->sum);
    return begin_batch(r);
}

/* Cross-page furniture is remembered by the first store (shard 0) for the
 * whole collection, so pages clean as they would in one database. */
static unsigned site_seen(void *ctx, const char *site, uint64_t hash)
{
    run *r = ctx;
    return lg_store_site_seen(r->w[0].store, site, hash);
}

static int site_record(void *ctx, const char *site, const uint64_t *hashes, size_t n)
{
    run *r = ctx;
    return lg_store_site_add(r->w[0].store, site, hashes, n, r->e);
}

/* The first article of a group that just got a copy, in whichever shard
 * holds it, now carries the group's key: rewritten in Xapian too. */
static int mark_first(run *r, int64_t first)
{
    for (unsigned k = 0; k < r->n_w; k++) {
        int marked;
        if (lg_store_mark_first(r->w[k].store, first, &marked, r->e) != 0)
            return -1;
        if (marked)
            return build(r, k, first);
    }
    return 0;
}

/* After lg_store_put: in a collection the article joins the earliest group
 * among its copies in every shard, as in one database (ids are shared: a
 * story reprinted by outlets whose sources land in different shards is
 * still one statement); then the group's first article is marked
 * (store.h, "Groups of copies"). */
static int join_group(run *r, int64_t id, const lg_minhash *m)
{
    int64_t mine, group;
    int found = 0;
    if (lg_store_group_of(r->store, id, &mine, r->e) != 0)
        return -1;
    group = mine;
    for (unsigned k = 0; k < r->n_w; k++)
        if (k != r->cur && lg_store_copies_group(r->w[k].store, id, m, &group, &found, r->e) != 0)
            return -1;
    /* Moved to an earlier group, or first of copies found only elsewhere. */
    if ((group != mine || found) && lg_store_set_group(r->store, id, group, r->e) != 0)
        return -1;
    return group == id ? 0 : mark_first(r, group);
}

static void prepare(const lg_index_opts *o, lg_article *a)
{
    apply_overrides(o, a);
    lg_article_hash(a);
}

/* Stores prepared article a, derived first unless `derived` (ahead.h). */
static int ingest(run *r, lg_article *a, int derived)
{
    int64_t id;
    char old_sha[65];
    int routed = route(r, a->source);
    if (routed > 0) {
        r->sum->elsewhere++;
        return 0;
    }
    if (routed < 0 || lg_store_find(r->store, a->source, &id, old_sha, r->e) != 0)
        return -1;
    if (id && !r->o->full && strcmp(old_sha, a->sha256) == 0) {
        r->sum->unchanged++;
        return lg_store_mark_seen(r->store, id, r->e);
    }
    lg_site_memory memory = {site_seen, site_record, r};
    if (!derived && lg_derive(a, &memory, r->e) != 0)
        return -1;
    settle_lang(a);
    if (id)
        r->sum->updated++;
    else
        r->sum->added++;
    if (lg_store_put(r->store, a, &id, r->e) != 0 || join_group(r, id, &a->minhash) != 0 ||
        lg_store_mark_seen(r->store, id, r->e) != 0 || build(r, r->cur, id) != 0)
        return -1;
    size_t batch = r->o->batch ? r->o->batch : DEFAULT_BATCH;
    return ++r->in_batch >= batch ? commit_batch(r) : 0;
}

/* Any shard may hold articles of a failed input: every shard keeps them. */
static int input_failed(run *r, const char *origin)
{
    r->sum->failed++;
    for (unsigned k = 0; k < r->n_w; k++)
        if (lg_store_mark_failed(r->w[k].store, origin, r->e) != 0)
            return -1;
    return 0;
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
    prepare(r->o, &a);
    int rc = ingest(r, &a, 0);
    if (rc != 0 && r->e->code == LG_EXIT_NONE) {
        /* The input itself could not be read (not the database): skip it. */
        warn(r, "%s, skipped", r->e->msg);
        rc = input_failed(r, path);
    }
    lg_article_clear(&a);
    return rc;
}

/* On the feed reader's thread (ahead.h). */
static void prepare_record(void *ctx, lg_article *a)
{
    run *r = ctx;
    mark_json(a);
    prepare(r->o, a);
}

/* On the feed reader's thread: a record for another shard, or one the
 * last commit holds unchanged, needs no analysis. A guess: ingest checks
 * again in its transaction and derives what was not. */
static int needless(void *ctx, const lg_article *a)
{
    run *r = ctx;
    unsigned k = 0;
    if (r->o->shards) {
        unsigned shard = lg_shard_of(a->source, r->o->shards);
        if (r->o->alone && shard != r->o->shard)
            return 1;
        k = r->o->alone ? 0 : shard;
    }
    int64_t id;
    char sha[65];
    lg_err ignored;
    return !r->o->full && lg_store_find(r->lanes[k].reader, a->source, &id, sha, &ignored) == 0 &&
           id && strcmp(sha, a->sha256) == 0;
}

static int index_jsonl_file(run *r, const char *path, FILE *f)
{
    lg_ahead_hooks hooks = {prepare_record, needless, r};
    lg_ahead *h;
    if (lg_ahead_start(&h, path, f, &hooks, r->e) != 0)
        return -1;
    lg_ahead_item it;
    int rc = 0;
    while (rc == 0 && lg_ahead_next(h, &it)) {
        if (it.kind == LG_AHEAD_BAD_LINE) {
            warn(r, "%s, skipped", it.err.msg);
            rc = input_failed(r, path);
        } else if (it.kind == LG_AHEAD_FAILED) {
            *r->e = it.err;
            rc = -1;
        } else {
            rc = ingest(r, &it.a, it.derived);
        }
        lg_article_clear(&it.a);
    }
    lg_ahead_stop(h);
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
    FILE *feed = NULL;
    lg_err le;
    if (type == LG_INPUT_JSONL ? lg_open_feed(real, &feed, &le)
                               : lg_read_input(real, type, &buf, &len, &le)) {
        warn(r, "%s, skipped", le.msg);
        return input_failed(r, real);
    }
    if (type != LG_INPUT_JSONL)
        return index_page_file(r, real, buf, len, type);
    int rc = index_jsonl_file(r, real, feed);
    fclose(feed);
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
    if (r->o->prune && each_store(r, lg_store_prune_begin) != 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(paths[i], &st) != 0) {
            warn(r, "%s: %s", paths[i], strerror(errno));
            r->sum->failed++;
        } else if (lg_walk(paths[i], r->o->follow_links, index_file, walk_warn, r, r->e) != 0) {
            return -1;
        }
    }
    for (size_t i = 0; r->o->prune && i < n; i++) {
        char real[PATH_MAX];
        for (unsigned k = 0; k < r->n_w && realpath(paths[i], real); k++)
            if (lg_store_prune(r->w[k].store, real, &r->sum->removed, r->e) != 0)
                return -1;
    }
    if (r->n_w > 1 && lg_collection_unify_names(r->w, r->n_w, r->e) != 0)
        return -1;
    /* Pruned articles and renamed names are outbox rows without built
     * documents: that pass reads SQLite. The last sync finds nothing left,
     * or what a failed pass left. */
    if (commit_and_kick(r) != 0)
        return -1;
    for (unsigned k = 0; k < r->n_w; k++) {
        int rc = lg_syncer_stop(r->lanes[k].syncer, NULL, r->e);
        r->lanes[k].syncer = NULL;
        if (rc != 0 || lg_writer_sync(&r->w[k], r->e) != 0)
            return -1;
    }
    return 0;
}

static int doccount(run *r, lg_writer *w, uint64_t *n)
{
    if (xs_db_doccount(w->xdb, n) != XS_OK)
        return lg_err_set(r->e, LG_EXIT_DB, "xapian: %s", xs_db_error(w->xdb));
    return 0;
}

/* Each writer's Xapian document count, and its sync thread started. */
static int start_lanes(run *r)
{
    r->lanes = calloc(r->n_w, sizeof *r->lanes);
    if (!r->lanes)
        return lg_err_set(r->e, LG_EXIT_DB, "out of memory");
    for (unsigned k = 0; k < r->n_w; k++)
        if (doccount(r, &r->w[k], &r->lanes[k].before) != 0 ||
            lg_syncer_start(&r->lanes[k].syncer, r->w[k].db.sqlite_path, r->w[k].xdb, r->e) != 0 ||
            lg_store_open_reader(r->w[k].db.sqlite_path, &r->lanes[k].rdb, &r->lanes[k].reader,
                                 r->e) != 0)
            return -1;
    return 0;
}

/* A writer whose run wrote most of its index (or all of it: --full)
 * compacts it. */
static int compact_if_built(run *r, unsigned k)
{
    uint64_t after;
    if (doccount(r, &r->w[k], &after) != 0)
        return -1;
    /* A bulk build, or the open rewrote most of the index. */
    if (!r->o->full && !r->w[k].rewrote_most && !lg_compact_pays(r->lanes[k].before, after))
        return 0;
    return lg_compact_xapian(r->w[k].xdb, r->w[k].db.xapian_path, r->e);
}

/* After a failure the threads must end before their writers close. */
static int stop_lanes(run *r, int rc)
{
    for (unsigned k = 0; r->lanes && k < r->n_w; k++) {
        lg_err ignored;
        lg_syncer_stop(r->lanes[k].syncer, NULL, &ignored);
        free_built(&r->lanes[k]);
        lg_store_free(r->lanes[k].reader);
        sqlite3_close(r->lanes[k].rdb);
        if (rc == 0)
            rc = compact_if_built(r, k);
    }
    free(r->lanes);
    return rc;
}

int lg_index_run(const char *dbdir, const char *const *paths, size_t n_paths,
                 const lg_index_opts *opts, lg_index_summary *sum, lg_err *e)
{
    lg_writer one;
    run r = {.o = opts, .sum = sum, .e = e, .w = &one, .n_w = 1};
    memset(sum, 0, sizeof *sum);
    int rc;
    int many = opts->shards > 0 && !opts->alone;
    if (many) {
        r.n_w = opts->shards;
        rc = lg_collection_open(dbdir, opts->shards, opts->full, &opts->wait, &r.w, e);
    } else if (opts->alone) {
        lg_shard_id id = {opts->shard, opts->shards};
        rc = lg_collection_open_alone(dbdir, id, opts->full, &opts->wait, &one, e);
    } else {
        rc = lg_writer_open(&one, dbdir, 1, opts->full, &opts->wait, e);
    }
    r.store = r.w ? r.w[0].store : NULL;
    if (rc == 0)
        rc = start_lanes(&r);
    if (rc == 0)
        rc = index_paths(&r, paths, n_paths);
    rc = stop_lanes(&r, rc);
    if (many)
        lg_collection_close(r.w, r.n_w);
    else
        lg_writer_close(&one);
    return rc;
}
