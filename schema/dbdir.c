#include "dbdir.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "docdata.h"
#include "fields.h"
#include "migrate.h"
#include "shard.h"
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

/* "file:PATH?mode=ro&immutable=1", PATH percent-encoded where URIs need it. */
static char *immutable_uri(const char *path)
{
    lg_sb sb = LG_SB_INIT;
    lg_sb_adds(&sb, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#' || *p < 0x20)
            lg_sb_addf(&sb, "%%%02X", *p);
        else
            lg_sb_addc(&sb, (char)*p);
    }
    lg_sb_adds(&sb, "?mode=ro&immutable=1");
    return lg_sb_detach(&sb, NULL);
}

/* immutable: a reader of a WAL database in a directory it cannot write,
 * with no -shm file to share (no writer is running): SQLite cannot set up
 * WAL reading there, so it reads the file as it stands. */
static int exists_shm(const lg_dbdir *db)
{
    char path[4096];
    snprintf(path, sizeof path, "%s-shm", db->sqlite_path);
    return exists(path);
}

/* SQLite's default is to allocate 20 cache pages (86 KB) in one block for
 * each connection and to thread its free list through all of them, so a
 * search that reads a handful of pages also touched (and page-faulted)
 * the rest: pages are allocated as they are needed instead. Must come
 * before SQLite's first use; later calls are refused, harmlessly. */
static void configure_sqlite(void)
{
    static int done;
    if (!done)
        sqlite3_config(SQLITE_CONFIG_PAGECACHE, (void *)0, 0, 0);
    done = 1;
}

static int open_sqlite(lg_dbdir *db, lg_db_mode mode, int immutable, lg_err *e)
{
    configure_sqlite();
    int flags = mode == LG_DB_READ ? SQLITE_OPEN_READONLY
                                   : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    char *uri = immutable ? immutable_uri(db->sqlite_path) : NULL;
    int rc = sqlite3_open_v2(uri ? uri : db->sqlite_path, &db->sql,
                             flags | (uri ? SQLITE_OPEN_URI : 0), NULL);
    free(uri);
    if (rc != SQLITE_OK)
        return lg_err_set(e, LG_EXIT_DB, "%s: %s", db->sqlite_path, sqlite3_errmsg(db->sql));
    /* Writers wait for each other rather than fail at once; readers never
     * wait in WAL mode. A writer's page cache is 64 MiB, not 2: indexing
     * inserts at random places in the MinHash band index, and every miss
     * is a read (bench/README.md, "Where indexing time goes"). */
    sqlite3_busy_timeout(db->sql, 10000);
    if (mode == LG_DB_READ)
        return 0; /* a reader writes nothing: foreign keys have nothing to check */
    const char *pragmas =
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
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

/* A shard numbers its quotations from a lower base (shard.h), and its
 * documents carry their data (docdata.h). */
static int apply_shard(const char *dir, lg_err *e)
{
    lg_shard_id id;
    int rc = lg_shard_read(dir, &id, e);
    if (rc < 0)
        return -1;
    lg_quote_docid_base_set(rc ? lg_shard_quote_base(id.count) : LG_QUOTE_DOCID_BASE);
    lg_docdata_set_wanted(rc);
    return 0;
}

/* A reader of a database in a directory it cannot write, with no -shm
 * file left by a writer, cannot open WAL normally; as immutable it can,
 * since no writer can be changing it. Returns 0 when that worked. */
static int reopen_immutable(lg_dbdir *db, lg_db_mode mode, lg_err *e)
{
    if (mode != LG_DB_READ || sqlite3_errcode(db->sql) != SQLITE_READONLY || exists_shm(db))
        return -1;
    sqlite3_close(db->sql);
    db->sql = NULL;
    return open_sqlite(db, mode, 1, e) == 0 && check_schema(db, mode, e) == 0 ? 0 : -1;
}

static void set_paths(const char *dir, lg_dbdir *db)
{
    memset(db, 0, sizeof *db);
    db->dir = strdup(dir);
    db->sqlite_path = join(dir, "legate.sqlite");
    db->xapian_path = join(dir, "xapian");
}

/* Opens SQLite with the schema checked (migrated, for a writer). */
static int open_checked(lg_dbdir *db, lg_db_mode mode, lg_err *e)
{
    if (mode != LG_DB_CREATE && !exists(db->sqlite_path))
        return lg_err_set(e, LG_EXIT_DB,
                          "%s: no Legate database here (create one with `legate index`)", db->dir);
    if (open_sqlite(db, mode, 0, e) != 0)
        return -1;
    if (check_schema(db, mode, e) != 0 && reopen_immutable(db, mode, e) != 0)
        return -1;
    return 0;
}

int lg_dbdir_open(const char *dir, lg_db_mode mode, lg_dbdir *db, lg_err *e)
{
    set_paths(dir, db);
    if (mode == LG_DB_CREATE && ensure_dir(dir, e) != 0)
        goto fail;
    if (open_checked(db, mode, e) == 0 && apply_shard(dir, e) == 0)
        return 0;
fail:
    lg_dbdir_close(db);
    return -1;
}

/* Whether the file's first 100 bytes are a SQLite header of this schema
 * version (user_version, big-endian at offset 60). */
static int header_current(const char *path)
{
    unsigned char h[100];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t n = pread(fd, h, sizeof h, 0);
    close(fd);
    if (n != (ssize_t)sizeof h || memcmp(h, "SQLite format 3", 16) != 0)
        return 0;
    long version = (long)h[60] << 24 | (long)h[61] << 16 | (long)h[62] << 8 | (long)h[63];
    return version == lg_schema_version();
}

int lg_dbdir_open_lazy(const char *dir, lg_dbdir *db, lg_err *e)
{
    set_paths(dir, db);
    if (!header_current(db->sqlite_path) && open_checked(db, LG_DB_READ, e) != 0)
        goto fail;
    if (apply_shard(dir, e) == 0)
        return 0;
fail:
    lg_dbdir_close(db);
    return -1;
}

sqlite3 *lg_dbdir_sql(lg_dbdir *db, lg_err *e)
{
    if (!db->sql && open_checked(db, LG_DB_READ, e) != 0) {
        sqlite3_close(db->sql);
        db->sql = NULL;
    }
    return db->sql;
}

void lg_dbdir_close(lg_dbdir *db)
{
    sqlite3_close(db->sql);
    free(db->dir);
    free(db->sqlite_path);
    free(db->xapian_path);
    memset(db, 0, sizeof *db);
}
