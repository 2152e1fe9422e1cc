#include "verify.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbdir.h"
#include "docbuild.h"
#include "lag.h"
#include "sync.h"
#include "writer.h"

/* Docids read from Xapian at a time. */
#define DOCID_PAGE 4096

typedef struct {
    lg_dbdir db;
    lg_store *store;
    xs_db *xdb;
    lg_stemmer *stemmer;
    lg_problem_fn fn;
    void *ctx;
    lg_check_summary *sum;
    lg_err *e;
} checker;

static void report(checker *c, const char *what, const char *object, int64_t id,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void report(checker *c, const char *what, const char *object, int64_t id,
                   const char *fmt, ...)
{
    char detail[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    lg_problem p = {what, object, id, detail};
    c->sum->problems++;
    c->fn(c->ctx, &p);
}

static int sql_fail(checker *c)
{
    return lg_err_set(c->e, LG_EXIT_DB, "%s: %s", c->db.sqlite_path, sqlite3_errmsg(c->db.sql));
}

/* MinHash band keys have no foreign key (store.c deletes them by key,
 * migration 006): the same verdict for them. */
static int check_band_keys(checker *c)
{
    static const char gone[] = "SELECT count(*) FROM (SELECT article_id FROM minhash_keys"
                               " UNION ALL SELECT article_id FROM minhash_new)"
                               " WHERE article_id NOT IN (SELECT id FROM articles)";
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(c->db.sql, gone, -1, &st, NULL) != SQLITE_OK)
        return sql_fail(c);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0)
        report(c, "sqlite", "database", 0, "%lld row(s) of minhash_keys refer to articles rows that are gone",
               (long long)sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : sql_fail(c);
}

/* SQLite's own verdict: its structure, then rows whose parent is gone
 * (written without foreign keys on, e.g. by hand). */
static int check_sqlite(checker *c)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(c->db.sql, "PRAGMA quick_check", -1, &st, NULL) != SQLITE_OK)
        return sql_fail(c);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *line = (const char *)sqlite3_column_text(st, 0);
        if (line && strcmp(line, "ok") != 0)
            report(c, "sqlite", "database", 0, "%s", line);
    }
    sqlite3_finalize(st);
    static const char dangling[] = "SELECT \"table\", parent, count(*) FROM pragma_foreign_key_check"
                                   " GROUP BY 1, 2 ORDER BY 1, 2";
    if (rc != SQLITE_DONE || sqlite3_prepare_v2(c->db.sql, dangling, -1, &st, NULL) != SQLITE_OK)
        return sql_fail(c);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        report(c, "sqlite", "database", 0, "%lld row(s) of %s refer to %s rows that are gone",
               (long long)sqlite3_column_int64(st, 2), (const char *)sqlite3_column_text(st, 0),
               (const char *)sqlite3_column_text(st, 1));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? check_band_keys(c) : sql_fail(c);
}

/* Ascending Xapian docids in [lo, hi), a page at a time. */
typedef struct {
    xs_db *xdb;
    uint64_t buf[DOCID_PAGE];
    size_t n, i;
    uint64_t next, hi;
    int done;
} docid_cursor;

/* 1 with *docid, 0 at the end, -1 on error. */
static int next_docid(checker *c, docid_cursor *k, uint64_t *docid)
{
    if (k->i == k->n) {
        if (k->done)
            return 0;
        if (xs_db_docids(k->xdb, k->next, k->buf, DOCID_PAGE, &k->n) != XS_OK)
            return lg_err_set(c->e, LG_EXIT_DB, "%s: %s", c->db.xapian_path,
                              xs_db_error(k->xdb));
        k->i = 0;
        k->done = k->n < DOCID_PAGE;
        if (k->n)
            k->next = k->buf[k->n - 1] + 1;
    }
    if (k->i == k->n || k->buf[k->i] >= k->hi)
        return k->done = 1, k->i = k->n, 0;
    *docid = k->buf[k->i++];
    return 1;
}

/* Ascending ids from a one-column statement: 1, 0 at the end, -1. */
static int next_row(checker *c, sqlite3_stmt *st, int64_t *id)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        return 1;
    }
    return rc == SQLITE_DONE ? 0 : sql_fail(c);
}

/* Holds Xapian's document `docid` up against `want`, the one sync would
 * write for article (quotation) `id`. */
static void compare(checker *c, const char *object, int64_t id, uint64_t docid,
                    const xs_doc *want)
{
    xs_doc *got = NULL;
    xs_status st = xs_db_get_doc(c->xdb, docid, &got);
    char *diff = NULL;
    if (st == XS_NOT_FOUND)
        report(c, "missing", object, id, "no Xapian document %llu",
               (unsigned long long)docid);
    else if (st != XS_OK)
        report(c, "xapian", object, id, "document %llu: %s", (unsigned long long)docid,
               xs_db_error(c->xdb));
    else if (xs_doc_compare(want, got, &diff) != XS_OK)
        report(c, "xapian", object, id, "%s", xs_last_error());
    else if (diff)
        report(c, "mismatch", object, id, "Xapian document %llu: %s",
               (unsigned long long)docid, diff);
    free(diff);
    xs_doc_free(got);
}

/* The article's document and its quotations' documents, as sync would
 * write them now. */
static int check_article(checker *c, int64_t id)
{
    lg_built b;
    if (lg_sync_build(c->store, c->stemmer, id, &b, c->e) != 0)
        return -1;
    if (b.doc)
        compare(c, "article", id, (uint64_t)id, b.doc);
    for (size_t i = 0; i < b.n_quotes; i++)
        compare(c, "quote", (int64_t)(b.quote_docids[i] - lg_quote_docid_base()),
                b.quote_docids[i], b.quotes[i]);
    lg_built_clear(&b);
    return 0;
}

/* Walks SQLite's ids (`rows`) and Xapian's docids in [base+1, hi) side by
 * side. A row without a document is missing (articles only: quotations
 * are compared with their article), a document without a row an orphan. */
static int merge(checker *c, const char *object, const char *rows_sql, uint64_t base,
                 uint64_t hi, uint64_t *n_rows)
{
    sqlite3_stmt *rows;
    if (sqlite3_prepare_v2(c->db.sql, rows_sql, -1, &rows, NULL) != SQLITE_OK)
        return sql_fail(c);
    docid_cursor k = {.xdb = c->xdb, .next = base + 1, .hi = hi};
    int64_t id = 0;
    uint64_t docid = 0;
    int has_row = next_row(c, rows, &id), has_doc = next_docid(c, &k, &docid);
    int articles = base == 0, rc = 0;
    while (rc == 0 && has_row >= 0 && has_doc >= 0 && (has_row || has_doc)) {
        int64_t doc_id = has_doc ? (int64_t)(docid - base) : INT64_MAX;
        if (has_row && id <= doc_id) {
            ++*n_rows;
            if (articles)
                rc = check_article(c, id);
            if (id == doc_id)
                has_doc = next_docid(c, &k, &docid);
            has_row = next_row(c, rows, &id);
        } else {
            report(c, "orphan", object, doc_id, "Xapian document %llu has no row in SQLite",
                   (unsigned long long)docid);
            has_doc = next_docid(c, &k, &docid);
        }
    }
    sqlite3_finalize(rows);
    return rc < 0 || has_row < 0 || has_doc < 0 ? -1 : 0;
}

static void check_counts(checker *c)
{
    lg_check_summary *s = c->sum;
    if (xs_db_doccount(c->xdb, &s->documents) != XS_OK)
        report(c, "xapian", "database", 0, "document count: %s", xs_db_error(c->xdb));
    else if (s->documents != s->articles + s->quotes)
        report(c, "count", "database", 0, "Xapian holds %llu documents, SQLite %llu articles + %llu quotes",
               (unsigned long long)s->documents, (unsigned long long)s->articles,
               (unsigned long long)s->quotes);
}

static int check_lag(checker *c)
{
    lg_lag lag;
    if (lg_lag_read(c->db.sql, c->xdb, &lag, c->e) != 0)
        return -1;
    c->sum->applied = lag.applied;
    c->sum->generation = lag.generation;
    char msg[400];
    lg_lag_describe(&lag, msg, sizeof msg);
    if (*msg)
        report(c, "lag", "database", 0, "%s", msg);
    return 0;
}

/* Everything after SQLite opened, inside one read transaction. */
static int check_stores(checker *c)
{
    if (check_sqlite(c) != 0)
        return -1;
    xs_status st = xs_db_open(c->db.xapian_path, XS_OPEN_READ, &c->xdb);
    if (st != XS_OK) {
        report(c, "xapian", "database", 0, "%s: cannot open (%s): %s", c->db.xapian_path,
               xs_status_name(st), xs_db_error(c->xdb));
        return 0;
    }
    c->stemmer = lg_stemmer_new();
    if (!c->stemmer)
        return lg_err_set(c->e, LG_EXIT_DB, "out of memory");
    if (check_lag(c) != 0 ||
        merge(c, "article", "SELECT id FROM articles ORDER BY id", 0, lg_quote_docid_base(),
              &c->sum->articles) != 0 ||
        merge(c, "quote",
              "SELECT q.id FROM quotes q JOIN articles a ON a.id = q.article_id ORDER BY q.id", lg_quote_docid_base(), UINT64_MAX,
              &c->sum->quotes) != 0)
        return -1;
    check_counts(c);
    return 0;
}

int lg_check_run(const char *dir, const lg_wait *wait, lg_problem_fn fn, void *ctx,
                 lg_check_summary *sum, lg_err *e)
{
    memset(sum, 0, sizeof *sum);
    checker c = {.fn = fn, .ctx = ctx, .sum = sum, .e = e};
    lg_wlock lock;
    if (lg_wlock_acquire(&lock, dir, LG_WLOCK_QUIESCE, wait, e) != 0)
        return -1;
    int rc = lg_dbdir_open(dir, LG_DB_READ, &c.db, e);
    if (rc == 0)
        rc = lg_store_new(c.db.sql, &c.store, e);
    if (rc == 0 && sqlite3_exec(c.db.sql, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        rc = sql_fail(&c);
    if (rc == 0)
        rc = check_stores(&c);
    if (c.db.sql)
        sqlite3_exec(c.db.sql, "COMMIT", NULL, NULL, NULL);
    lg_stemmer_free(c.stemmer);
    xs_db_close(c.xdb);
    lg_store_free(c.store);
    lg_dbdir_close(&c.db);
    lg_wlock_release(&lock);
    return rc;
}

int lg_check_repair(const char *dir, const lg_wait *wait, lg_err *e)
{
    lg_writer w;
    int rc = lg_writer_open(&w, dir, 0, 1, wait, e);
    lg_writer_close(&w);
    return rc;
}
