#include "lag.h"

#include <stdio.h>

#include "sync.h"

int lg_lag_read(sqlite3 *sql, xs_db *xdb, lg_lag *out, lg_err *e)
{
    if (lg_sync_applied_seq(xdb, &out->applied, e) != 0)
        return -1;
    /* One statement, one snapshot: the generation and the pending rows agree. */
    static const char q[] =
        "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0),"
        " (SELECT count(DISTINCT article_id) FROM outbox WHERE seq > ?1)";
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(sql, q, -1, &st, NULL) != SQLITE_OK)
        return lg_err_set(e, LG_EXIT_DB, "database: %s", sqlite3_errmsg(sql));
    sqlite3_bind_int64(st, 1, out->applied);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->generation = sqlite3_column_int64(st, 0);
        out->pending = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return lg_err_set(e, LG_EXIT_DB, "database: %s", sqlite3_errmsg(sql));
    return 0;
}

void lg_lag_describe(const lg_lag *l, char *buf, size_t cap)
{
    if (l->applied == l->generation)
        snprintf(buf, cap, "%s", "");
    else if (l->applied < l->generation)
        snprintf(buf, cap,
                 "the search index lags the database: %lld article change(s) not yet applied "
                 "(generation %lld, applied %lld); `legate index` or `legate check --repair` "
                 "applies them",
                 (long long)l->pending, (long long)l->generation, (long long)l->applied);
    else
        snprintf(buf, cap,
                 "the search index is ahead of the database (applied %lld, generation %lld): "
                 "was legate.sqlite replaced by an older copy? `legate check --repair` rebuilds it",
                 (long long)l->applied, (long long)l->generation);
}
