#include <ftw.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "dbdir.h"
#include "err.h"
#include "sync.h"
#include "xs.h"

static const char help[] =
    "usage: legate stats [OPTIONS]\n"
    "\n"
    "Counts, sizes and when the database was last indexed.\n"
    "\n"
    "  --format F    text | json (default text)\n"
    "  --db DIR      database directory (default $LEGATE_DB or ./legate.db)\n"
    "\n"
    "JSON fields: articles, quotes, outlets, speakers, pending_changes,\n"
    "xapian_documents (articles + quotes), sqlite_bytes, xapian_bytes,\n"
    "first_date, last_date, last_indexed.\n";

/* Integer statistics, in output order; the SQL gives each one. */
static const struct {
    const char *name;
    const char *sql;
} counts[] = {
    {"articles", "SELECT count(*) FROM articles"},
    {"quotes", "SELECT count(*) FROM quotes"},
    {"outlets", "SELECT count(*) FROM outlets"},
    {"speakers", "SELECT count(*) FROM speakers"},
    {"pending_changes", "SELECT count(DISTINCT article_id) FROM outbox WHERE seq > ?"},
};

static const struct {
    const char *name;
    const char *sql;
} texts[] = {
    {"first_date", "SELECT min(date) FROM articles"},
    {"last_date", "SELECT max(date) FROM articles"},
    {"last_indexed", "SELECT max(last_indexed) FROM articles"},
};

static json_t *scalar(sqlite3 *sql, const char *q, int64_t arg)
{
    sqlite3_stmt *st;
    json_t *v = NULL;
    if (sqlite3_prepare_v2(sql, q, -1, &st, NULL) != SQLITE_OK)
        return NULL;
    if (sqlite3_bind_parameter_count(st))
        sqlite3_bind_int64(st, 1, arg);
    if (sqlite3_step(st) == SQLITE_ROW) {
        if (sqlite3_column_type(st, 0) == SQLITE_INTEGER)
            v = json_integer(sqlite3_column_int64(st, 0));
        else if (sqlite3_column_type(st, 0) == SQLITE_NULL)
            v = json_null();
        else
            v = json_string((const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    return v;
}

static uintmax_t tree_bytes;

static int add_size(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)path;
    (void)ftw;
    if (flag == FTW_F)
        tree_bytes += (uintmax_t)sb->st_size;
    return 0;
}

static json_t *dir_bytes(const char *path)
{
    tree_bytes = 0;
    nftw(path, add_size, 16, FTW_PHYS);
    return json_integer((json_int_t)tree_bytes);
}

/* Fills obj; -1 with a message on a database error. */
static int collect(lg_dbdir *db, xs_db *xdb, json_t *obj)
{
    int64_t applied = 0;
    uint64_t docs = 0;
    lg_err e;
    if (lg_sync_applied_seq(xdb, &applied, &e) != 0 || xs_db_doccount(xdb, &docs) != XS_OK) {
        lg_cli_error("%s: %s", db->xapian_path, xs_db_error(xdb));
        return -1;
    }
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        json_t *v = scalar(db->sql, counts[i].sql, applied);
        if (!v) {
            lg_cli_error("database: %s", sqlite3_errmsg(db->sql));
            return -1;
        }
        json_object_set_new(obj, counts[i].name, v);
    }
    json_object_set_new(obj, "xapian_documents", json_integer((json_int_t)docs));
    struct stat st;
    json_object_set_new(obj, "sqlite_bytes",
                        json_integer(stat(db->sqlite_path, &st) == 0 ? st.st_size : 0));
    json_object_set_new(obj, "xapian_bytes", dir_bytes(db->xapian_path));
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        json_object_set_new(obj, texts[i].name, scalar(db->sql, texts[i].sql, 0));
    return 0;
}

static int print(json_t *obj, int as_json)
{
    if (as_json)
        return json_dumpf(obj, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 &&
               fputc('\n', stdout) != EOF ? 0 : -1;
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        char *s = json_is_string(v) ? strdup(json_string_value(v))
                                    : json_dumps(v, JSON_ENCODE_ANY);
        int rc = printf("%-17s %s\n", key, json_is_null(v) ? "-" : s);
        free(s);
        if (rc < 0)
            return -1;
    }
    return 0;
}

static int on_opt(void *ctx, int id, const char *v)
{
    (void)id;
    if (strcmp(v, "json") == 0 || strcmp(v, "text") == 0) {
        *(int *)ctx = v[0] == 'j';
        return 0;
    }
    lg_cli_usage("stats", "--format: '%s' is not text or json", v);
    return -1;
}

static int on_word(void *ctx, const char *word)
{
    (void)ctx;
    lg_cli_usage("stats", "unexpected argument '%s'", word);
    return -1;
}

int cmd_stats(int argc, char **argv)
{
    static const lg_cli_opt options[] = {{"format", 1, 1}, {NULL, 0, 0}};
    int as_json = 0;
    lg_cli_spec spec = {"stats", help, options, on_opt, on_word, &as_json, NULL};
    int rc = lg_cli_parse(&spec, argc, argv);
    if (rc != 0)
        return rc > 0 ? LG_EXIT_OK : LG_EXIT_USAGE;
    lg_dbdir db;
    lg_err e;
    if (lg_dbdir_open(lg_dbdir_default(lg_cli_db), LG_DB_READ, &db, &e) != 0) {
        lg_cli_error("%s", e.msg);
        return e.code;
    }
    xs_db *xdb = NULL;
    json_t *obj = json_object();
    rc = LG_EXIT_DB;
    if (xs_db_open(db.xapian_path, XS_OPEN_READ, &xdb) != XS_OK)
        lg_cli_error("%s: %s", db.xapian_path, xs_db_error(xdb));
    else if (collect(&db, xdb, obj) == 0)
        rc = print(obj, as_json) == 0 && fflush(stdout) == 0 ? LG_EXIT_OK : LG_EXIT_OUTPUT;
    json_decref(obj);
    xs_db_close(xdb);
    lg_dbdir_close(&db);
    return rc;
}
