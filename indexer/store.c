#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"

/* Outlets and speakers are the same kind of thing: a named entity found
 * through the keys of its spellings. One set of statements per table. */
typedef struct {
    sqlite3_stmt *by_alias, *insert, *by_key, *add_alias;
} entity_stmts;

enum { ENT_OUTLET, ENT_SPEAKER, ENT__COUNT };

struct lg_store {
    sqlite3 *db;
    entity_stmts ent[ENT__COUNT];
    sqlite3_stmt *find, *upsert, *outbox_add, *del, *load, *outbox_scan, *outbox_trim;
    sqlite3_stmt *seen, *failed;
};

#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ','now')"

static int fail(lg_store *s, lg_err *e, const char *what)
{
    return lg_err_set(e, LG_EXIT_DB, "database: %s: %s", what, sqlite3_errmsg(s->db));
}

static int prepare(lg_store *s, sqlite3_stmt **st, const char *sql, lg_err *e)
{
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
        return fail(s, e, sql);
    return 0;
}

static int prepare_entity(lg_store *s, entity_stmts *es, const char *table, lg_err *e)
{
    char sql[4][256];
    snprintf(sql[0], sizeof sql[0], "SELECT %s_id FROM %s_aliases WHERE alias_key = ?", table, table);
    snprintf(sql[1], sizeof sql[1], "INSERT INTO %ss(name, key) VALUES (?, ?) ON CONFLICT(key) DO NOTHING", table);
    snprintf(sql[2], sizeof sql[2], "SELECT id FROM %ss WHERE key = ?", table);
    snprintf(sql[3], sizeof sql[3], "INSERT OR IGNORE INTO %s_aliases(alias_key, %s_id) VALUES (?, ?)", table, table);
    sqlite3_stmt **st[4] = {&es->by_alias, &es->insert, &es->by_key, &es->add_alias};
    for (int i = 0; i < 4; i++)
        if (prepare(s, st[i], sql[i], e) != 0)
            return -1;
    return 0;
}

int lg_store_new(sqlite3 *db, lg_store **out, lg_err *e)
{
    lg_store *s = calloc(1, sizeof *s);
    if (!s)
        return lg_err_set(e, LG_EXIT_DB, "out of memory");
    s->db = db;
    *out = s;
    if (prepare_entity(s, &s->ent[ENT_OUTLET], "outlet", e) != 0 ||
        prepare_entity(s, &s->ent[ENT_SPEAKER], "speaker", e) != 0)
        return -1;
    struct { sqlite3_stmt **st; const char *sql; } all[] = {
        {&s->find, "SELECT id, sha256 FROM articles WHERE source = ?"},
        {&s->upsert,
         "INSERT INTO articles(source, origin, sha256, date, date_precision, outlet_id,"
         " speaker_id, title, lang, text, first_indexed, last_indexed)"
         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, " NOW ", " NOW ")"
         " ON CONFLICT(source) DO UPDATE SET origin = excluded.origin, sha256 = excluded.sha256,"
         " date = excluded.date, date_precision = excluded.date_precision,"
         " outlet_id = excluded.outlet_id, speaker_id = excluded.speaker_id,"
         " title = excluded.title, lang = excluded.lang, text = excluded.text,"
         " last_indexed = excluded.last_indexed RETURNING id"},
        {&s->outbox_add, "INSERT INTO outbox(article_id) VALUES (?)"},
        {&s->del, "DELETE FROM articles WHERE id = ?"},
        {&s->load,
         "SELECT id, title, text, date, lang, outlet_key, speaker_key FROM article_view WHERE id = ?"},
        {&s->outbox_scan,
         "SELECT article_id, max(seq) AS last FROM outbox WHERE seq > ? GROUP BY article_id"
         " ORDER BY last"},
        {&s->outbox_trim, "DELETE FROM outbox WHERE seq <= ?"},
    };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (prepare(s, all[i].st, all[i].sql, e) != 0)
            return -1;
    return 0;
}

void lg_store_free(lg_store *s)
{
    if (!s)
        return;
    for (int i = 0; i < ENT__COUNT; i++) {
        sqlite3_finalize(s->ent[i].by_alias);
        sqlite3_finalize(s->ent[i].insert);
        sqlite3_finalize(s->ent[i].by_key);
        sqlite3_finalize(s->ent[i].add_alias);
    }
    sqlite3_stmt *st[] = {s->find, s->upsert, s->outbox_add, s->del, s->load,
                          s->outbox_scan, s->outbox_trim, s->seen, s->failed};
    for (size_t i = 0; i < sizeof st / sizeof st[0]; i++)
        sqlite3_finalize(st[i]);
    free(s);
}

static int exec(lg_store *s, const char *sql, lg_err *e)
{
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return fail(s, e, sql);
    return 0;
}

int lg_store_begin(lg_store *s, lg_err *e)
{
    return exec(s, "BEGIN IMMEDIATE", e);
}

int lg_store_commit(lg_store *s, lg_err *e)
{
    return exec(s, "COMMIT", e);
}

void lg_store_rollback(lg_store *s)
{
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Runs a statement that returns at most one row; its first column as an
 * integer in *val (0 when no row). Resets it for reuse. */
static int step_int(lg_store *s, sqlite3_stmt *st, int64_t *val, lg_err *e)
{
    int rc = sqlite3_step(st);
    if (val)
        *val = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    if (rc == SQLITE_ROW)
        rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? 0 : fail(s, e, sqlite3_sql(st));
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

int lg_store_find(lg_store *s, const char *source, int64_t *id, char sha256[65], lg_err *e)
{
    bind_text(s->find, 1, source);
    *id = 0;
    sha256[0] = '\0';
    int rc = sqlite3_step(s->find);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(s->find, 0);
        const unsigned char *h = sqlite3_column_text(s->find, 1);
        snprintf(sha256, 65, "%s", h ? (const char *)h : "");
        rc = SQLITE_DONE;
    }
    sqlite3_reset(s->find);
    return rc == SQLITE_DONE ? 0 : fail(s, e, "find article");
}

/* The id of the entity named `name` (0 for NULL or a name without
 * letters), created with this spelling if no alias of it is known. */
static int resolve_entity(lg_store *s, entity_stmts *es, const char *name, int64_t *id, lg_err *e)
{
    char key[512];
    *id = 0;
    int n = name ? lg_name_key(name, strlen(name), key, sizeof key) : 0;
    if (n <= 0)
        return 0;
    bind_text(es->by_alias, 1, key);
    if (step_int(s, es->by_alias, id, e) != 0 || *id)
        return *id ? 0 : -1;
    bind_text(es->insert, 1, name);
    bind_text(es->insert, 2, key);
    if (step_int(s, es->insert, NULL, e) != 0)
        return -1;
    bind_text(es->by_key, 1, key);
    if (step_int(s, es->by_key, id, e) != 0)
        return -1;
    bind_text(es->add_alias, 1, key);
    sqlite3_bind_int64(es->add_alias, 2, *id);
    return step_int(s, es->add_alias, NULL, e);
}

static int queue(lg_store *s, int64_t id, lg_err *e)
{
    sqlite3_bind_int64(s->outbox_add, 1, id);
    return step_int(s, s->outbox_add, NULL, e);
}

static void bind_optional_id(sqlite3_stmt *st, int i, int64_t id)
{
    if (id)
        sqlite3_bind_int64(st, i, id);
    else
        sqlite3_bind_null(st, i);
}

int lg_store_put(lg_store *s, const lg_article *a, int64_t *id, lg_err *e)
{
    int64_t outlet, speaker;
    if (resolve_entity(s, &s->ent[ENT_OUTLET], a->outlet, &outlet, e) != 0 ||
        resolve_entity(s, &s->ent[ENT_SPEAKER], a->speaker, &speaker, e) != 0)
        return -1;
    char date[11];
    lg_date_format(&a->date, date);
    sqlite3_stmt *st = s->upsert;
    bind_text(st, 1, a->source);
    bind_text(st, 2, a->origin);
    bind_text(st, 3, a->sha256);
    bind_text(st, 4, date[0] ? date : NULL);
    bind_text(st, 5, lg_date_precision_name(a->date.precision));
    bind_optional_id(st, 6, outlet);
    bind_optional_id(st, 7, speaker);
    bind_text(st, 8, a->title);
    bind_text(st, 9, a->lang);
    sqlite3_bind_text(st, 10, a->text, (int)a->text_len, SQLITE_STATIC);
    if (step_int(s, st, id, e) != 0)
        return -1;
    return queue(s, *id, e);
}

int lg_store_delete(lg_store *s, int64_t id, lg_err *e)
{
    sqlite3_bind_int64(s->del, 1, id);
    if (step_int(s, s->del, NULL, e) != 0)
        return -1;
    return queue(s, id, e);
}

static const char *col_text(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

int lg_store_load(lg_store *s, int64_t id, lg_stored *out, lg_err *e)
{
    sqlite3_reset(s->load);
    sqlite3_bind_int64(s->load, 1, id);
    int rc = sqlite3_step(s->load);
    if (rc == SQLITE_DONE)
        return 0;
    if (rc != SQLITE_ROW)
        return fail(s, e, "load article");
    out->id = sqlite3_column_int64(s->load, 0);
    out->title = col_text(s->load, 1);
    out->text = col_text(s->load, 2);
    out->text_len = (size_t)sqlite3_column_bytes(s->load, 2);
    out->date = col_text(s->load, 3);
    out->lang = col_text(s->load, 4);
    out->outlet_key = col_text(s->load, 5);
    out->speaker_key = col_text(s->load, 6);
    return 1;
}

int lg_store_outbox(lg_store *s, int64_t after, lg_outbox_fn fn, void *ctx, int64_t *last,
                    lg_err *e)
{
    sqlite3_stmt *st = s->outbox_scan;
    sqlite3_bind_int64(st, 1, after);
    *last = after;
    int rc, stop = 0;
    while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t seq = sqlite3_column_int64(st, 1);
        stop = fn(ctx, sqlite3_column_int64(st, 0));
        if (!stop && seq > *last)
            *last = seq;
    }
    sqlite3_reset(st);
    if (stop)
        return stop;
    return rc == SQLITE_DONE ? 0 : fail(s, e, "read outbox");
}

int lg_store_outbox_trim(lg_store *s, int64_t seq, lg_err *e)
{
    sqlite3_bind_int64(s->outbox_trim, 1, seq);
    return step_int(s, s->outbox_trim, NULL, e);
}

int lg_store_outbox_all(lg_store *s, lg_err *e)
{
    return exec(s, "INSERT INTO outbox(article_id) SELECT id FROM articles ORDER BY id", e);
}

int lg_store_prune_begin(lg_store *s, lg_err *e)
{
    if (exec(s, "CREATE TEMP TABLE IF NOT EXISTS seen(id INTEGER PRIMARY KEY);"
                "CREATE TEMP TABLE IF NOT EXISTS failed(origin TEXT PRIMARY KEY);"
                "DELETE FROM temp.seen; DELETE FROM temp.failed", e) != 0)
        return -1;
    if (!s->seen && prepare(s, &s->seen, "INSERT OR IGNORE INTO temp.seen(id) VALUES (?)", e) != 0)
        return -1;
    if (!s->failed &&
        prepare(s, &s->failed, "INSERT OR IGNORE INTO temp.failed(origin) VALUES (?)", e) != 0)
        return -1;
    return 0;
}

int lg_store_mark_seen(lg_store *s, int64_t id, lg_err *e)
{
    if (!s->seen)
        return 0;
    sqlite3_bind_int64(s->seen, 1, id);
    return step_int(s, s->seen, NULL, e);
}

int lg_store_mark_failed(lg_store *s, const char *origin, lg_err *e)
{
    if (!s->failed)
        return 0;
    bind_text(s->failed, 1, origin);
    return step_int(s, s->failed, NULL, e);
}

int lg_store_prune(lg_store *s, const char *root, unsigned long *removed, lg_err *e)
{
    static const char *const where =
        " FROM articles WHERE (origin = ?1 OR substr(origin, 1, length(?1) + 1) = ?1 || '/')"
        " AND id NOT IN (SELECT id FROM temp.seen)"
        " AND origin NOT IN (SELECT origin FROM temp.failed)";
    char sql[2][512];
    snprintf(sql[0], sizeof sql[0], "INSERT INTO outbox(article_id) SELECT id%s", where);
    snprintf(sql[1], sizeof sql[1], "DELETE%s", where);
    for (int i = 0; i < 2; i++) {
        sqlite3_stmt *st;
        if (prepare(s, &st, sql[i], e) != 0)
            return -1;
        bind_text(st, 1, root);
        int rc = step_int(s, st, NULL, e);
        sqlite3_finalize(st);
        if (rc != 0)
            return -1;
    }
    *removed += (unsigned long)sqlite3_changes(s->db);
    return 0;
}
