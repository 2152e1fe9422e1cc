/*
 * dbdir.h — a Legate database is a directory holding the SQLite file
 * (legate.sqlite, the truth) and the Xapian index (xapian/, derived).
 *
 * lg_dbdir_open resolves the directory (--db, else $LEGATE_DB, else
 * ./legate.db), and opens SQLite with WAL, foreign keys on, a busy
 * timeout, and the schema migrated. Only LG_DB_CREATE creates anything;
 * the other modes refuse a missing database with LG_EXIT_DB. Opening
 * applies the directory's quotation docid base (shard.h).
 *
 * lg_dbdir_open_lazy is a reader that opens SQLite only when asked
 * (lg_dbdir_sql): a search that shows nothing never parses its schema.
 */
#ifndef LEGATE_DBDIR_H
#define LEGATE_DBDIR_H

#include <sqlite3.h>

#include "err.h"

typedef enum { LG_DB_READ, LG_DB_WRITE, LG_DB_CREATE } lg_db_mode;

typedef struct {
    char *dir;          /* owned */
    char *sqlite_path;  /* owned: dir/legate.sqlite */
    char *xapian_path;  /* owned: dir/xapian */
    sqlite3 *sql;       /* owned; closed by lg_dbdir_close */
} lg_dbdir;

/* The directory a command should use: `flag` if non-NULL, else $LEGATE_DB,
 * else "./legate.db". Static or borrowed storage. */
const char *lg_dbdir_default(const char *flag);

/* Opens (or with LG_DB_CREATE creates) the database in `dir`. On failure
 * returns -1 with e->code LG_EXIT_DB and *db zeroed. */
int lg_dbdir_open(const char *dir, lg_db_mode mode, lg_dbdir *db, lg_err *e);
void lg_dbdir_close(lg_dbdir *db);

/* As lg_dbdir_open(dir, LG_DB_READ), but db->sql stays NULL until
 * lg_dbdir_sql. What it checks now is one read of the file's header (a
 * SQLite database of this schema version); a header that does not say so
 * is opened with SQLite at once, so a missing, foreign, unreadable or old
 * database fails here with lg_dbdir_open's error. (A header newer in the
 * WAL than in the file is caught by lg_dbdir_sql.) */
int lg_dbdir_open_lazy(const char *dir, lg_dbdir *db, lg_err *e);
/* db->sql, opened and its schema version checked on first use; NULL with
 * e set (LG_EXIT_DB) when that fails. */
sqlite3 *lg_dbdir_sql(lg_dbdir *db, lg_err *e);

#endif
