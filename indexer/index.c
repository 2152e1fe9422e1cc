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
#include "dbdir.h"
#include "input.h"
#include "jsonl.h"
#include "store.h"
#include "strbuf.h"
#include "sync.h"
#include "xs.h"

#define DEFAULT_BATCH 1000
#define TITLE_MAX 300

typedef struct {
    const lg_index_opts *o;
    lg_index_summary *sum;
    lg_err *e;
    lg_dbdir db;
    lg_store *store;
    xs_db *xdb;
    lg_stemmer *stemmer;
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

static void replace_str(char **dst, const char *src)
{
    if (!src)
        return;
    free(*dst);
    *dst = strdup(src);
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
    replace_str(&a->outlet, o->outlet);
    replace_str(&a->speaker, o->speaker);
    replace_str(&a->title, o->title);
    replace_str(&a->lang, o->lang);
    if (o->date.precision != LG_DATE_UNKNOWN)
        a->date = o->date;
    if (!a->lang)
        replace_str(&a->lang, guess_lang(a));
    /* Codes are matched as lang:en; "EN" in a feed means the same. */
    for (char *p = a->lang; p && *p; p++)
        *p = (char)tolower((unsigned char)*p);
}

static int commit_batch(run *r)
{
    if (lg_store_commit(r->store, r->e) != 0)
        return -1;
    r->in_batch = 0;
    if (lg_sync(r->store, r->xdb, r->stemmer, NULL, r->e) != 0)
        return -1;
    if (r->o->progress)
        r->o->progress(r->o->ctx, r->sum);
    return lg_store_begin(r->store, r->e);
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
    if (id)
        r->sum->updated++;
    else
        r->sum->added++;
    if (lg_store_put(r->store, a, &id, r->e) != 0 || lg_store_mark_seen(r->store, id, r->e) != 0)
        return -1;
    size_t batch = r->o->batch ? r->o->batch : DEFAULT_BATCH;
    return ++r->in_batch >= batch ? commit_batch(r) : 0;
}

static int input_failed(run *r, const char *origin)
{
    r->sum->failed++;
    return lg_store_mark_failed(r->store, origin, r->e);
}

/* The first non-blank line, trimmed, when it is short enough to be one. */
static char *first_line(const char *text, size_t len)
{
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl : end;
        while (p < stop && (*p == ' ' || *p == '\t' || *p == '\r'))
            p++;
        const char *q = stop;
        while (q > p && (q[-1] == ' ' || q[-1] == '\t' || q[-1] == '\r'))
            q--;
        if (q > p)
            return (size_t)(q - p) <= TITLE_MAX ? strndup(p, (size_t)(q - p)) : NULL;
        p = stop + 1;
    }
    return NULL;
}

static int index_text_file(run *r, const char *path, char *buf, size_t len)
{
    if (len == 0) {
        warn(r, "%s: empty file, skipped", path);
        return input_failed(r, path);
    }
    size_t bad = lg_utf8_invalid_at(buf, len);
    if (bad != (size_t)-1) {
        warn(r, "%s: invalid UTF-8 at byte %zu, skipped", path, bad);
        return input_failed(r, path);
    }
    lg_article a = {0};
    a.source = strdup(path);
    a.origin = strdup(path);
    a.title = first_line(buf, len);
    a.text = buf;
    a.text_len = len;
    int rc = ingest(r, &a);
    a.text = NULL; /* still the caller's buffer */
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
    int rc = type == LG_INPUT_JSONL ? index_jsonl_file(r, real, buf, len)
                                    : index_text_file(r, real, buf, len);
    free(buf);
    return rc;
}

static void walk_warn(void *ctx, const char *msg)
{
    run *r = ctx;
    warn(r, "%s", msg);
    r->sum->failed++;
}

static int dir_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A new Xapian index beside existing articles (its directory was lost), or
 * a full rebuild: every article must be written again. Queued before the
 * Xapian index is emptied, so a crash in between loses nothing. */
static int queue_rebuild(run *r)
{
    if (dir_exists(r->db.xapian_path) && !r->o->full)
        return 0;
    if (lg_store_begin(r->store, r->e) != 0 || lg_store_outbox_all(r->store, r->e) != 0)
        return -1;
    return lg_store_commit(r->store, r->e);
}

static int open_stores(run *r, const char *dbdir)
{
    if (lg_dbdir_open(dbdir, LG_DB_CREATE, &r->db, r->e) != 0 ||
        lg_store_new(r->db.sql, &r->store, r->e) != 0 || queue_rebuild(r) != 0)
        return -1;
    r->stemmer = lg_stemmer_new();
    if (!r->stemmer)
        return lg_err_set(r->e, LG_EXIT_DB, "cannot create the stemmers");
    int flags = r->o->full ? XS_OPEN_OVERWRITE : XS_OPEN_CREATE;
    xs_status st = xs_db_open(r->db.xapian_path, flags, &r->xdb);
    if (st == XS_LOCKED)
        return lg_err_set(r->e, LG_EXIT_DB, "%s: locked: another `legate index` is writing to it",
                          dbdir);
    if (st != XS_OK)
        return lg_err_set(r->e, LG_EXIT_DB, "%s: %s", r->db.xapian_path, xs_db_error(r->xdb));
    /* Finish whatever an interrupted run committed to SQLite only. */
    return lg_sync(r->store, r->xdb, r->stemmer, NULL, r->e);
}

static int index_paths(run *r, const char *const *paths, size_t n)
{
    if (lg_store_begin(r->store, r->e) != 0)
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
    if (lg_store_commit(r->store, r->e) != 0)
        return -1;
    return lg_sync(r->store, r->xdb, r->stemmer, NULL, r->e);
}

int lg_index_run(const char *dbdir, const char *const *paths, size_t n_paths,
                 const lg_index_opts *opts, lg_index_summary *sum, lg_err *e)
{
    run r = {.o = opts, .sum = sum, .e = e};
    memset(sum, 0, sizeof *sum);
    int rc = open_stores(&r, dbdir);
    if (rc == 0)
        rc = index_paths(&r, paths, n_paths);
    if (r.store)
        lg_store_rollback(r.store);
    lg_store_free(r.store);
    lg_stemmer_free(r.stemmer);
    xs_db_close(r.xdb);
    lg_dbdir_close(&r.db);
    return rc;
}
