#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dbdir.h"
#include "err.h"
#include "fields.h"
#include "strbuf.h"
#include "views.h"

static const char help[] =
    "usage: legate show [OPTIONS] ID\n"
    "\n"
    "Prints one article: its metadata, then its text.\n"
    "\n"
    "  --format F    text | json (default text)\n"
    "  --raw         print the input exactly as it was read instead (a file's\n"
    "                bytes; a feed record's text)\n"
    "  --db DIR      database directory (default $LEGATE_DB or ./legate.db)\n"
    "\n"
    "JSON fields: id, date, date_precision, date_source, outlet, outlet_source,\n"
    "via, speaker, speaker_source, speakers (an array), title, title_source,\n"
    "source, lang, format, origin, sha256, first_indexed, last_indexed, text.\n"
    "*_source says where a value came from: flag, json, meta, header, dateline,\n"
    "body, url, or \"\" when unknown.\n"
    "Exit: 0 shown, 1 no such article, 2 usage error, 3 database error.\n";

typedef struct {
    const char *id;
    int json;
    int raw;
} show_args;

static int on_opt(void *ctx, int id, const char *v)
{
    show_args *a = ctx;
    if (id == 2) {
        a->raw = 1;
        return 0;
    }
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

/* The LG_SHOW fields of the table, in order: column i of the query is
 * shown[i]. */
static const lg_field *shown[LG_F__COUNT];
static int n_shown;

/* --raw: the stored input, written byte for byte. */
static int prepare_raw(sqlite3 *sql, sqlite3_stmt **st)
{
    return sqlite3_prepare_v2(sql, "SELECT coalesce(raw, text) FROM articles WHERE id = ?", -1, st,
                              NULL) == SQLITE_OK ? 0 : -1;
}

static int print_raw(sqlite3_stmt *st)
{
    size_t len = (size_t)sqlite3_column_bytes(st, 0);
    const void *raw = sqlite3_column_blob(st, 0);
    return len && fwrite(raw, 1, len, stdout) != len ? -1 : 0;
}

/* The statement reading an article's shown columns; on failure
 * sqlite3_errmsg(sql) says why. */
static int prepare(sqlite3 *sql, sqlite3_stmt **st)
{
    lg_err e;
    if (lg_views_create(sql, &e) != 0)
        return -1;
    lg_sb q = LG_SB_INIT;
    n_shown = 0;
    for (int i = 0; i < LG_F__COUNT; i++) {
        const lg_field *f = lg_field_get((lg_field_id)i);
        if (!(f->flags & LG_SHOW) || !f->column)
            continue;
        lg_sb_addf(&q, "%s%s", n_shown ? ", " : "SELECT ", f->column);
        shown[n_shown++] = f;
    }
    lg_sb_adds(&q, " FROM article_view WHERE id = ?");
    int rc = sqlite3_prepare_v2(sql, q.buf, -1, st, NULL);
    lg_sb_release(&q);
    return rc == SQLITE_OK ? 0 : -1;
}

static json_t *column_json(sqlite3_stmt *st, int i)
{
    const char *v = (const char *)sqlite3_column_text(st, i);
    if (!v)
        return json_null();
    if (shown[i]->kind == LG_KIND_ID)
        return json_integer(sqlite3_column_int64(st, i));
    if (shown[i]->flags & LG_JSON_ARRAY) {
        json_t *arr = json_loads(v, 0, NULL);
        return arr ? arr : json_array();
    }
    return json_string(v);
}

static int print_json(sqlite3_stmt *st)
{
    json_t *obj = json_object();
    for (int i = 0; i < n_shown; i++)
        json_object_set_new(obj, shown[i]->name, column_json(st, i));
    int rc = json_dumpf(obj, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(obj);
    return rc == 0 && fputc('\n', stdout) != EOF ? 0 : -1;
}

/* An array of strings as "a, b, c" (malloc()ed). */
static char *joined(json_t *arr)
{
    lg_sb sb = LG_SB_INIT;
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) {
        if (i)
            lg_sb_adds(&sb, ", ");
        lg_sb_adds(&sb, json_is_string(v) ? json_string_value(v) : "");
    }
    return lg_sb_detach(&sb, NULL);
}

/* "name  value" lines, arrays joined by commas, then the text. */
static int print_text(sqlite3_stmt *st)
{
    const char *text = NULL;
    for (int i = 0; i < n_shown; i++) {
        if (shown[i]->id == LG_F_TEXT) {
            text = (const char *)sqlite3_column_text(st, i);
            continue;
        }
        json_t *v = column_json(st, i);
        char *s = json_is_string(v) ? strdup(json_string_value(v))
                : json_is_null(v)   ? strdup("-")
                : json_is_array(v)  ? joined(v)
                                    : json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
        int rc = printf("%-15s %s\n", shown[i]->name, s ? s : "");
        free(s);
        json_decref(v);
        if (rc < 0)
            return -1;
    }
    return printf("\n%s\n", text ? text : "") < 0 ? -1 : 0;
}

static int show(show_args *a, sqlite3 *sql)
{
    char *end;
    long long id = strtoll(a->id, &end, 10);
    if (*end || id <= 0)
        return lg_cli_usage("show", "'%s' is not an article id", a->id);
    sqlite3_stmt *st;
    if ((a->raw ? prepare_raw(sql, &st) : prepare(sql, &st)) != 0) {
        lg_cli_error("database: %s", sqlite3_errmsg(sql));
        return LG_EXIT_DB;
    }
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        rc = (a->raw ? print_raw(st) : a->json ? print_json(st) : print_text(st)) == 0 &&
                     fflush(stdout) == 0
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
    static const lg_cli_opt options[] = {{"format", 1, 1}, {"raw", 0, 2}, {NULL, 0, 0}};
    show_args a = {NULL, 0, 0};
    lg_cli_spec spec = {"show", help, options, on_opt, on_word, &a, NULL};
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
