#include "ranked.h"

#include <stdio.h>
#include <stdlib.h>

struct lg_ranked {
    sqlite3 *sql;
    uint64_t page;
    int64_t cache;          /* main's cache_size before, restored after */
    sqlite3_stmt *rows;
    uint64_t total;
};

static int db_error(sqlite3 *sql, lg_err *e)
{
    return lg_err_set(e, LG_EXIT_DB, "database: %s", sqlite3_errmsg(sql));
}

static int xapian_error(xs_db *xdb, lg_err *e)
{
    return lg_err_set(e, LG_EXIT_DB, "xapian: %s", xs_db_error(xdb));
}

/* q restricted to docids [lo, hi] (hi 0: no end). */
static xs_query *in_range(const xs_query *q, uint64_t lo, uint64_t hi)
{
    xs_query *range = xs_query_docid_range(lo, hi);
    xs_query *subs[2] = {(xs_query *)q, range};
    xs_query *r = range ? xs_query_combine(XS_OP_FILTER, subs, 2, 0) : NULL;
    xs_query_free(range);
    return r;
}

static int search(xs_db *xdb, const xs_query *q, const xs_search_opts *o, xs_results **r,
                  lg_err *e)
{
    if (!q)
        return lg_err_set(e, LG_EXIT_DB, "out of memory");
    return xs_db_search(xdb, q, o, r) == XS_OK ? 0 : xapian_error(xdb, e);
}

static int store_rows(sqlite3_stmt *ins, const xs_results *r, int grouped, lg_err *e)
{
    for (size_t i = 0; i < xs_results_size(r); i++) {
        size_t glen = 0;
        const char *g = grouped ? xs_results_value(r, i, 0, &glen) : NULL;
        sqlite3_reset(ins);
        sqlite3_bind_double(ins, 1, xs_results_score(r, i));
        sqlite3_bind_int64(ins, 2, (sqlite3_int64)xs_results_docid(r, i));
        if (glen)
            sqlite3_bind_blob(ins, 3, g, (int)glen, SQLITE_STATIC);
        else
            sqlite3_bind_null(ins, 3);
        if (sqlite3_step(ins) != SQLITE_DONE)
            return db_error(sqlite3_db_handle(ins), e);
    }
    return 0;
}

/* Weighs the matches after docid *cursor, one page: the page's docids in
 * docid order (Xapian stops at the page's end), then the same matches
 * weighed. *cursor moves to the page's last docid; *more is 0 after the
 * last page. */
static int weigh_page(const lg_ranked *r, xs_db *xdb, const xs_query *q,
                      const xs_search_opts *weigh, sqlite3_stmt *ins, uint64_t *cursor, int *more,
                      lg_err *e)
{
    xs_search_opts ids;
    xs_search_opts_init(&ids);
    ids.sort = XS_SORT_DOCID;
    ids.limit = r->page;
    xs_results *page = NULL, *weighed = NULL;
    xs_query *after = in_range(q, *cursor + 1, 0), *span = NULL;
    int st = search(xdb, after, &ids, &page, e);
    size_t n = xs_results_size(page);
    *more = st == 0 && n == r->page;
    if (st == 0 && n > 0) {
        uint64_t lo = xs_results_docid(page, 0), hi = xs_results_docid(page, n - 1);
        xs_search_opts o = *weigh;
        o.limit = n;
        span = in_range(q, lo, hi);
        st = search(xdb, span, &o, &weighed, e);
        if (st == 0)
            st = store_rows(ins, weighed, o.value_slots[0] >= 0, e);
        *cursor = hi;
    }
    xs_results_free(page);
    xs_results_free(weighed);
    xs_query_free(after);
    xs_query_free(span);
    return st;
}

/* Fills temp.lg_ranked; each page's rows in one transaction. */
static int weigh_all(lg_ranked *r, xs_db *xdb, const xs_query *q, const xs_search_opts *weigh,
                     lg_err *e)
{
    sqlite3_stmt *ins;
    if (sqlite3_prepare_v2(r->sql, "INSERT INTO temp.lg_ranked (w, id, g) VALUES (?, ?, ?)", -1,
                           &ins, NULL) != SQLITE_OK)
        return db_error(r->sql, e);
    uint64_t cursor = 0;
    int st = 0;
    for (int more = 1; st == 0 && more;) {
        int tx = sqlite3_get_autocommit(r->sql) &&
                 sqlite3_exec(r->sql, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
        st = weigh_page(r, xdb, q, weigh, ins, &cursor, &more, e);
        if (tx && sqlite3_exec(r->sql, "COMMIT", NULL, NULL, NULL) != SQLITE_OK && st == 0)
            st = db_error(r->sql, e);
    }
    sqlite3_finalize(ins);
    return st;
}

/* A row's group: its own docid (negated, so never a group value) when it
 * has none. */
#define GROUP "coalesce(g, -id)"
#define AFTER "(?1 IS NULL OR w < ?1 OR (w = ?1 AND id > ?2))"

static const char *const rows_sql[2] = {
    "SELECT id, w, 1 FROM temp.lg_ranked WHERE " AFTER " ORDER BY w DESC, id",
    "SELECT id, w, n FROM (SELECT id, w, count(*) OVER grp AS n,"
    " row_number() OVER (grp ORDER BY w DESC, id) AS k FROM temp.lg_ranked"
    " WINDOW grp AS (PARTITION BY " GROUP ")) WHERE k = 1 AND " AFTER " ORDER BY w DESC, id",
};
static const char *const total_sql[2] = {
    "SELECT count(*) FROM temp.lg_ranked",
    "SELECT count(DISTINCT " GROUP ") FROM temp.lg_ranked",
};

static int one_value(sqlite3 *sql, const char *q, sqlite3_int64 arg, sqlite3_value **out,
                     sqlite3_stmt **st)
{
    if (sqlite3_prepare_v2(sql, q, -1, st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(*st, 1, arg);
    int rc = sqlite3_step(*st);
    *out = rc == SQLITE_ROW ? sqlite3_column_value(*st, 0) : NULL;
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* Counts the results and prepares their rows, starting after `after`. */
static int open_rows(lg_ranked *r, int grouped, uint64_t after, lg_err *e)
{
    sqlite3_stmt *st = NULL;
    sqlite3_value *v;
    int rc = one_value(r->sql, total_sql[grouped], 0, &v, &st);
    if (rc == 0)
        r->total = v ? (uint64_t)sqlite3_value_int64(v) : 0;
    sqlite3_finalize(st);
    if (rc == 0 && sqlite3_prepare_v2(r->sql, rows_sql[grouped], -1, &r->rows, NULL) != SQLITE_OK)
        rc = -1;
    if (rc != 0)
        return db_error(r->sql, e);
    if (!after)
        return 0;
    st = NULL;
    rc = one_value(r->sql, "SELECT w FROM temp.lg_ranked WHERE id = ?", (sqlite3_int64)after, &v,
                   &st);
    if (rc == 0 && v)
        sqlite3_bind_value(r->rows, 1, v);
    sqlite3_bind_int64(r->rows, 2, (sqlite3_int64)after);
    sqlite3_finalize(st);
    if (rc != 0)
        return db_error(r->sql, e);
    return v ? 0 : 1;
}

int lg_ranked_new(sqlite3 *sql, xs_db *xdb, const xs_query *q, const xs_search_opts *bm25,
                  int group_slot, uint64_t after, uint64_t page, lg_ranked **out, lg_err *e)
{
    lg_ranked *r = calloc(1, sizeof *r);
    *out = NULL;
    if (!r)
        return lg_err_set(e, LG_EXIT_DB, "out of memory");
    r->sql = sql;
    r->page = page ? page : LG_RANKED_PAGE;
    xs_search_opts weigh;
    xs_search_opts_init(&weigh);
    weigh.k1 = bm25->k1, weigh.k2 = bm25->k2, weigh.k3 = bm25->k3;
    weigh.b = bm25->b, weigh.min_normlen = bm25->min_normlen;
    weigh.value_slots[0] = group_slot;
    /* A file, whatever SQLite was built with: its page cache is all the
     * table holds in memory. SQLite's sorter takes as much memory as the
     * main database's page cache (at least 1 MB): kept small during the
     * export (a 200,000-row export then peaks as high as a 1,000-row one,
     * bench/README.md), as fast. */
    sqlite3_stmt *cache = NULL;
    sqlite3_value *v;
    int st = one_value(sql, "PRAGMA main.cache_size", 0, &v, &cache);
    r->cache = st == 0 && v ? sqlite3_value_int64(v) : 0;
    sqlite3_finalize(cache);
    if (st == 0)
        st = sqlite3_exec(sql, "PRAGMA temp_store = FILE; PRAGMA temp.cache_size = -512;"
                               " PRAGMA main.cache_size = -256;"
                               " CREATE TEMP TABLE lg_ranked (w REAL, id INTEGER, g BLOB)",
                          NULL, NULL, NULL);
    st = st == SQLITE_OK ? 0 : db_error(sql, e);
    if (st == 0)
        st = weigh_all(r, xdb, q, &weigh, e);
    if (st == 0)
        st = open_rows(r, group_slot >= 0, after, e);
    if (st != 0) {
        lg_ranked_free(r);
        return st;
    }
    *out = r;
    return 0;
}

uint64_t lg_ranked_total(const lg_ranked *r)
{
    return r->total;
}

int lg_ranked_next(lg_ranked *r, uint64_t *docid, double *weight, uint64_t *copies, lg_err *e)
{
    int rc = sqlite3_step(r->rows);
    if (rc == SQLITE_DONE)
        return 0;
    if (rc != SQLITE_ROW)
        return db_error(r->sql, e);
    *docid = (uint64_t)sqlite3_column_int64(r->rows, 0);
    *weight = sqlite3_column_double(r->rows, 1);
    *copies = (uint64_t)sqlite3_column_int64(r->rows, 2);
    return 1;
}

void lg_ranked_free(lg_ranked *r)
{
    if (!r)
        return;
    sqlite3_finalize(r->rows);
    sqlite3_exec(r->sql, "DROP TABLE IF EXISTS temp.lg_ranked", NULL, NULL, NULL);
    if (r->cache) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA main.cache_size = %lld", (long long)r->cache);
        sqlite3_exec(r->sql, pragma, NULL, NULL, NULL);
    }
    free(r);
}
