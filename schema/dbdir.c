#include "dbdir.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "migrate.h"
#include "strbuf.h"

const char *lg_dbdir_default(const char *flag)
{
    if (flag && *flag)
        return flag;
    const char *env = getenv("LEGATE_DB");
    return env && *env ? env : "legate.db";
}

static char *join(const char *dir, const char *name)
{
    lg_sb sb = LG_SB_INIT;
    lg_sb_addf(&sb, "%s/%s", dir, name);
    return lg_sb_detach(&sb, NULL);
}

static int ensure_dir(const char *dir, lg_err *e)
{
    if (mkdir(dir, 0777) == 0 || errno == EEXIST)
        return 0;
    return lg_err_set(e, LG_EXIT_DB, "%s: cannot create database directory: %s", dir,
                      strerror(errno));
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static int open_sqlite(lg_dbdir *db, lg_db_mode mode, lg_err *e)
{
    int flags = mode == LG_DB_READ ? SQLITE_OPEN_READONLY
                                   : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(db->sqlite_path, &db->sql, flags, NULL) != SQLITE_OK)
        return lg_err_set(e, LG_EXIT_DB, "%s: %s", db->sqlite_path, sqlite3_errmsg(db->sql));
    /* Writers wait for each other rather than fail at once; readers never
     * wait in WAL mode. A writer's page cache is 64 MiB, not 2: indexing
     * inserts at random places in the MinHash band index, and every miss
     * is a read (bench/README.md, "Where indexing time goes"). */
    sqlite3_busy_timeout(db->sql, 10000);
    const char *pragmas = mode == LG_DB_READ
        ? "PRAGMA foreign_keys = ON"
        : "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
          " PRAGMA cache_size = -65536";
    char *msg = NULL;
    if (sqlite3_exec(db->sql, pragmas, NULL, NULL, &msg) != SQLITE_OK) {
        lg_err_set(e, LG_EXIT_DB, "%s: %s", db->sqlite_path, msg ? msg : "cannot configure");
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static int check_schema(lg_dbdir *db, lg_db_mode mode, lg_err *e)
{
    char msg[512];
    if (mode != LG_DB_READ) {
        if (lg_migrate(db->sql, msg, sizeof msg) != 0)
            return lg_err_set(e, LG_EXIT_DB, "%s: %s", db->sqlite_path, msg);
        return 0;
    }
    sqlite3_stmt *st;
    int version = -1;
    if (sqlite3_prepare_v2(db->sql, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            version = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    if (version < 0)
        return lg_err_set(e, LG_EXIT_DB, "%s: not a Legate database (%s)", db->sqlite_path,
                          sqlite3_errmsg(db->sql));
    if (version != lg_schema_version())
        return lg_err_set(e, LG_EXIT_DB,
                          "%s: schema version %d, this legate reads %d (run `legate index` to upgrade)",
                          db->sqlite_path, version, lg_schema_version());
    return 0;
}

int lg_dbdir_open(const char *dir, lg_db_mode mode, lg_dbdir *db, lg_err *e)
{
    memset(db, 0, sizeof *db);
    db->dir = strdup(dir);
    db->sqlite_path = join(dir, "legate.sqlite");
    db->xapian_path = join(dir, "xapian");
    if (mode == LG_DB_CREATE) {
        if (ensure_dir(dir, e) != 0)
            goto fail;
    } else if (!exists(db->sqlite_path)) {
        lg_err_set(e, LG_EXIT_DB, "%s: no Legate database here (create one with `legate index`)",
                   dir);
        goto fail;
    }
    if (open_sqlite(db, mode, e) != 0 || check_schema(db, mode, e) != 0)
        goto fail;
    return 0;
fail:
    lg_dbdir_close(db);
    return -1;
}

void lg_dbdir_close(lg_dbdir *db)
{
    sqlite3_close(db->sql);
    free(db->dir);
    free(db->sqlite_path);
    free(db->xapian_path);
    memset(db, 0, sizeof *db);
}
