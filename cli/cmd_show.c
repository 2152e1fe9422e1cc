#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dbdir.h"
#include "err.h"
#include "fields.h"

static const char help[] =
    "usage: legate show [OPTIONS] ID\n"
    "\n"
    "Prints one article: its metadata, then its text.\n"
    "\n"
    "  --format F    text | json (default text)\n"
    "  --db DIR      database directory (default $LEGATE_DB or ./legate.db)\n"
    "\n"
    "JSON fields: the search fields (id, date, date_precision, outlet, speaker,\n"
    "title, source, lang) and text, origin, sha256, first_indexed, last_indexed.\n"
    "Exit: 0 shown, 1 no such article, 2 usage error, 3 database error.\n";

/* Columns beyond the field table that only `show` prints. */
static const char *const extra[] = {"origin", "sha256", "first_indexed", "last_indexed"};

typedef struct {
    const char *id;
    int json;
} show_args;

static int on_opt(void *ctx, int id, const char *v)
{
    show_args *a = ctx;
    (void)id;
    if (strcmp(v, "json") == 0 || strcmp(v, "text") == 0) {
        a->json = v[0] == 'j';
        return 0;
    }
    lg_cli_usage("show", "--format: '%s' is not text or json", v);
    return -1;
}

static int on_word(void *ctx, const char *word)
{
    show_args *a = ctx;
    if (a->id) {
        lg_cli_usage("show", "one ID at a time ('%s' is extra)", word);
        return -1;
    }
    a->id = word;
    return 0;
}

/* Adds column `name` of the row to obj (null when NULL). */
static void put(json_t *obj, sqlite3_stmt *st, int col, const char *name)
{
    const char *v = (const char *)sqlite3_column_text(st, col);
    json_object_set_new(obj, name, v ? json_string(v) : json_null());
}

static int print_json(sqlite3_stmt *st, int ncols)
{
    json_t *obj = json_object();
    json_object_set_new(obj, "id", json_integer(sqlite3_column_int64(st, 0)));
    for (int i = 1; i < ncols; i++)
        put(obj, st, i, sqlite3_column_name(st, i));
    int rc = json_dumpf(obj, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(obj);
    return rc == 0 && fputc('\n', stdout) != EOF ? 0 : -1;
}

static int print_text(sqlite3_stmt *st, int ncols)
{
    int text_col = -1;
    for (int i = 0; i < ncols; i++) {
        const char *name = sqlite3_column_name(st, i);
        const char *v = (const char *)sqlite3_column_text(st, i);
        if (strcmp(name, "text") == 0)
            text_col = i;
        else if (printf("%-15s %s\n", name, v ? v : "-") < 0)
            return -1;
    }
    const char *text = (const char *)sqlite3_column_text(st, text_col);
    return printf("\n%s\n", text ? text : "") < 0 ? -1 : 0;
}

static int prepare(sqlite3 *sql, sqlite3_stmt **st)
{
    char q[1024] = "SELECT id";
    for (int i = 0; i < LG_F__COUNT; i++) {
        const lg_field *f = lg_field_get((lg_field_id)i);
        if (f->column && f->kind != LG_KIND_ID) {
            strcat(q, ", ");
            strcat(q, f->column);
        }
    }
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++) {
        strcat(q, ", ");
        strcat(q, extra[i]);
    }
    strcat(q, " FROM article_view WHERE id = ?");
    return sqlite3_prepare_v2(sql, q, -1, st, NULL) == SQLITE_OK ? 0 : -1;
}

static int show(show_args *a, sqlite3 *sql)
{
    char *end;
    long long id = strtoll(a->id, &end, 10);
    if (*end || id <= 0)
        return lg_cli_usage("show", "'%s' is not an article id", a->id);
    sqlite3_stmt *st;
    if (prepare(sql, &st) != 0) {
        lg_cli_error("database: %s", sqlite3_errmsg(sql));
        return LG_EXIT_DB;
    }
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        int ncols = sqlite3_column_count(st);
        rc = (a->json ? print_json(st, ncols) : print_text(st, ncols)) == 0 && fflush(stdout) == 0
                 ? LG_EXIT_OK : LG_EXIT_OUTPUT;
        if (rc == LG_EXIT_OUTPUT)
            lg_cli_error("cannot write output");
    } else if (rc == SQLITE_DONE) {
        lg_cli_error("no article with id %lld", id);
        rc = LG_EXIT_NONE;
    } else {
        lg_cli_error("database: %s", sqlite3_errmsg(sql));
        rc = LG_EXIT_DB;
    }
    sqlite3_finalize(st);
    return rc;
}

int cmd_show(int argc, char **argv)
{
    static const lg_cli_opt options[] = {{"format", 1, 1}, {NULL, 0, 0}};
    show_args a = {NULL, 0};
    lg_cli_spec spec = {"show", help, options, on_opt, on_word, &a};
    int rc = lg_cli_parse(&spec, argc, argv);
    if (rc != 0)
        return rc > 0 ? LG_EXIT_OK : LG_EXIT_USAGE;
    if (!a.id)
        return lg_cli_usage("show", "no ID given");
    lg_dbdir db;
    lg_err e;
    if (lg_dbdir_open(lg_dbdir_default(lg_cli_db), LG_DB_READ, &db, &e) != 0) {
        lg_cli_error("%s", e.msg);
        return e.code;
    }
    rc = show(&a, db.sql);
    lg_dbdir_close(&db);
    return rc;
}
