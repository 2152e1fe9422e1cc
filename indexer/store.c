#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "docdata.h"
#include "dupes.h"
#include "strbuf.h"
#include "views.h"

/* Outlets and speakers are the same kind of thing: a named entity found
 * through the keys of its spellings. One set of statements per table. */
typedef struct {
    sqlite3_stmt *by_alias, *insert, *by_key, *add_alias;
} entity_stmts;

enum { ENT_OUTLET = LG_ENTITY_OUTLET, ENT_SPEAKER = LG_ENTITY_SPEAKER, ENT__COUNT };

struct lg_store {
    sqlite3 *db;
    entity_stmts ent[ENT__COUNT];
    sqlite3_stmt *find, *upsert, *outbox_add, *del, *load, *outbox_scan, *outbox_trim;
    sqlite3_stmt *speakers_clear, *speaker_add, *site_seen, *site_add;
    sqlite3_stmt *quotes_clear, *quote_add, *quotes_of;
    sqlite3_stmt *text_of, *text_by_source, *key_add, *key_del[2], *keys_new, *candidates,
        *group_of, *group_set,
        *group_mark;
    sqlite3_stmt *seen, *failed, *outbox_last;
    sqlite3_stmt *data[2];  /* document data (docdata.h), prepared on first use */
};

#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ','now')"

static int fail(lg_store *s, lg_err *e, const char *what)
{
    int code = sqlite3_errcode(s->db), os = sqlite3_system_errno(s->db);
    /* A full disk or an unwritable file is about the file, not the statement. */
    if (code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_READONLY)
        return lg_err_set(e, LG_EXIT_DB, "%s: %s%s%s%s", sqlite3_db_filename(s->db, "main"),
                          sqlite3_errmsg(s->db), os ? " (" : "", os ? strerror(os) : "",
                          os ? ")" : "");
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

sqlite3 *lg_store_sql(const lg_store *s)
{
    return s->db;
}

/* The articles other than ?(LG_MINHASH_BANDS + 1) that have any of the
 * band keys ?1 .. ?LG_MINHASH_BANDS in either table of keys, earliest
 * group first. */
static const char *candidates_sql(char buf[static 2048])
{
    int n = snprintf(buf, 2048, "SELECT id, coalesce(dup_group, id) AS g FROM articles WHERE id IN (");
    for (int t = 0; t < 2; t++) {
        n += snprintf(buf + n, 2048 - (size_t)n, "%sSELECT article_id FROM %s WHERE key IN (?1",
                      t ? " UNION ALL " : "", t ? "minhash_new" : "minhash_keys");
        for (int b = 2; b <= LG_MINHASH_BANDS; b++)
            n += snprintf(buf + n, 2048 - (size_t)n, ", ?%d", b);
        n += snprintf(buf + n, 2048 - (size_t)n, ") AND article_id <> ?%d", LG_MINHASH_BANDS + 1);
    }
    snprintf(buf + n, 2048 - (size_t)n, ") ORDER BY g, id");
    return buf;
}

int lg_store_new(sqlite3 *db, lg_store **out, lg_err *e)
{
    char candidates[2048];
    lg_store *s = calloc(1, sizeof *s);
    if (!s)
        return lg_err_set(e, LG_EXIT_DB, "out of memory");
    s->db = db;
    *out = s;
    if (lg_views_create(db, e) != 0 ||
        prepare_entity(s, &s->ent[ENT_OUTLET], "outlet", e) != 0 ||
        prepare_entity(s, &s->ent[ENT_SPEAKER], "speaker", e) != 0)
        return -1;
    struct { sqlite3_stmt **st; const char *sql; } all[] = {
        {&s->find, "SELECT id, sha256 FROM articles WHERE source = ?"},
        {&s->upsert,
         "INSERT INTO articles(source, origin, sha256, date, date_precision, outlet_id,"
         " speaker_id, title, lang, text, raw, format, title_source, date_source,"
         " outlet_source, speaker_source, via_id, first_indexed, last_indexed)"
         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
         " " NOW ", " NOW ")"
         " ON CONFLICT(source) DO UPDATE SET origin = excluded.origin, sha256 = excluded.sha256,"
         " date = excluded.date, date_precision = excluded.date_precision,"
         " outlet_id = excluded.outlet_id, speaker_id = excluded.speaker_id,"
         " title = excluded.title, lang = excluded.lang, text = excluded.text,"
         " raw = excluded.raw, format = excluded.format, title_source = excluded.title_source,"
         " date_source = excluded.date_source, outlet_source = excluded.outlet_source,"
         " speaker_source = excluded.speaker_source, via_id = excluded.via_id,"
         " last_indexed = excluded.last_indexed RETURNING id"},
        {&s->speakers_clear, "DELETE FROM article_speakers WHERE article_id = ?"},
        {&s->speaker_add,
         "INSERT INTO article_speakers(article_id, speaker_id, mentions) VALUES (?1, ?2, ?3)"
         " ON CONFLICT DO UPDATE SET mentions = mentions + excluded.mentions"},
        {&s->site_seen, "SELECT pages FROM site_blocks WHERE site = ? AND hash = ?"},
        {&s->quotes_clear, "DELETE FROM quotes WHERE article_id = ?"},
        {&s->text_of, "SELECT id, text FROM articles WHERE id = ?"},
        {&s->text_by_source, "SELECT id, text FROM articles WHERE source = ?"},
        {&s->key_add, "INSERT OR IGNORE INTO minhash_new(key, article_id) VALUES (?, ?)"},
        {&s->key_del[0], "DELETE FROM minhash_keys WHERE key = ? AND article_id = ?"},
        {&s->key_del[1], "DELETE FROM minhash_new WHERE key = ? AND article_id = ?"},
        {&s->keys_new, "SELECT count(*) FROM minhash_new"},
        {&s->candidates, candidates_sql(candidates)},
        {&s->group_of, "SELECT coalesce(dup_group, id) FROM articles WHERE id = ?"},
        {&s->group_set, "UPDATE articles SET dup_group = ? WHERE id = ?"},
        {&s->group_mark, "UPDATE articles SET dup_group = id WHERE id = ? AND dup_group IS NULL"},
        {&s->quote_add,
         "INSERT INTO quotes(article_id, seq, text, start, end, partial, speaker_id,"
         " speaker_confidence, qkey) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"},
        {&s->quotes_of,
         "SELECT quote_id, quote, speaker_key, qkey FROM quote_view WHERE article_id = ?"
         " ORDER BY seq"},
        {&s->site_add,
         "INSERT INTO site_blocks(site, hash, pages) VALUES (?, ?, 1)"
         " ON CONFLICT DO UPDATE SET pages = pages + 1"},
        {&s->outbox_add, "INSERT INTO outbox(article_id) VALUES (?)"},
        {&s->del, "DELETE FROM articles WHERE id = ?"},
        {&s->load,
         "SELECT v.id, v.title, v.text, v.date, v.lang, v.outlet_key, v.speaker_key,"
         " v.speaker_keys, a.dup_group FROM article_view v JOIN articles a ON a.id = v.id"
         " WHERE v.id = ?"},
        {&s->outbox_scan,
         "SELECT article_id, max(seq) AS last FROM outbox WHERE seq > ? GROUP BY article_id"
         " ORDER BY last"},
        {&s->outbox_trim, "DELETE FROM outbox WHERE seq <= ?"},
        {&s->outbox_last, "SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'outbox'"},
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
                          s->outbox_scan, s->outbox_trim, s->seen, s->failed,
                          s->speakers_clear, s->speaker_add, s->site_seen, s->site_add,
                          s->quotes_clear, s->quote_add, s->quotes_of, s->text_of,
                          s->text_by_source, s->key_add, s->key_del[0], s->key_del[1],
                          s->keys_new, s->candidates, s->group_of,
                          s->group_set, s->group_mark, s->outbox_last, s->data[0], s->data[1]};
    for (size_t i = 0; i < sizeof st / sizeof st[0]; i++)
        sqlite3_finalize(st[i]);
    free(s);
}

int lg_store_open_reader(const char *path, sqlite3 **db, lg_store **out, lg_err *e)
{
    *out = NULL;
    int rc = sqlite3_open_v2(path, db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK ? 0 : -1;
    if (rc != 0)
        lg_err_set(e, LG_EXIT_DB, "%s: %s", path, sqlite3_errmsg(*db));
    else {
        sqlite3_busy_timeout(*db, 10000);
        rc = lg_store_new(*db, out, e);
    }
    /* After lg_store_new: query_only refuses its TEMP views too. */
    if (rc == 0 && sqlite3_exec(*db, "PRAGMA query_only = ON", NULL, NULL, NULL) != SQLITE_OK)
        rc = lg_err_set(e, LG_EXIT_DB, "%s: %s", path, sqlite3_errmsg(*db));
    if (rc != 0) {
        lg_store_free(*out);
        *out = NULL;
        sqlite3_close(*db);
        *db = NULL;
    }
    return rc;
}

int lg_store_docdata(lg_store *s, int quote, int64_t id, char **out, lg_err *e)
{
    lg_data_kind kind = quote ? LG_DATA_QUOTE : LG_DATA_ARTICLE;
    if (!s->data[kind] && lg_docdata_prepare(s->db, kind, &s->data[kind], e) != 0)
        return -1;
    return lg_docdata_encode(s->data[kind], id, out, e);
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

int lg_store_begin_read(lg_store *s, lg_err *e)
{
    return exec(s, "BEGIN DEFERRED", e);
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

static const char *col_text(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

static void bind_optional_id(sqlite3_stmt *st, int i, int64_t id)
{
    if (id)
        sqlite3_bind_int64(st, i, id);
    else
        sqlite3_bind_null(st, i);
}

static int add_speaker(lg_store *s, int64_t article, const char *name, unsigned mentions,
                       lg_err *e)
{
    int64_t speaker;
    if (resolve_entity(s, &s->ent[ENT_SPEAKER], name, &speaker, e) != 0)
        return -1;
    if (!speaker)
        return 0;
    sqlite3_bind_int64(s->speaker_add, 1, article);
    sqlite3_bind_int64(s->speaker_add, 2, speaker);
    sqlite3_bind_int64(s->speaker_add, 3, mentions);
    return step_int(s, s->speaker_add, NULL, e);
}

/* The article's speakers: everyone extracted, plus the main speaker (who
 * may come from a flag and not be among them). */
static int put_speakers(lg_store *s, int64_t id, const lg_article *a, lg_err *e)
{
    sqlite3_bind_int64(s->speakers_clear, 1, id);
    if (step_int(s, s->speakers_clear, NULL, e) != 0)
        return -1;
    char main_key[512], key[512];
    int main_len = a->speaker ? lg_name_key(a->speaker, strlen(a->speaker), main_key, sizeof main_key) : 0;
    int main_listed = 0;
    for (size_t i = 0; i < a->n_speakers; i++) {
        const char *name = a->speakers[i].name;
        int len = lg_name_key(name, strlen(name), key, sizeof key);
        main_listed |= main_len > 0 && len == main_len && memcmp(key, main_key, (size_t)len) == 0;
        if (add_speaker(s, id, name, a->speakers[i].mentions, e) != 0)
            return -1;
    }
    return main_listed || main_len <= 0 ? 0 : add_speaker(s, id, a->speaker, 1, e);
}

static int add_term(void *ctx, const lg_token *tok)
{
    lg_sb *sb = ctx;
    if (sb->len)
        lg_sb_addc(sb, ' ');
    lg_sb_add(sb, tok->term, tok->len);
    return 0;
}

/* Copies of one quotation in different articles share this key: its folded
 * words, so marks, case and spacing do not matter. */
static char *quote_key(const char *text)
{
    lg_sb sb = LG_SB_INIT;
    lg_tokenize(text, strlen(text), add_term, &sb);
    return lg_sb_detach(&sb, NULL);
}

static int put_quote(lg_store *s, int64_t article, int seq, const lg_quote *q, lg_err *e)
{
    int64_t speaker;
    if (resolve_entity(s, &s->ent[ENT_SPEAKER], q->speaker, &speaker, e) != 0)
        return -1;
    char *key = quote_key(q->text);
    sqlite3_stmt *st = s->quote_add;
    sqlite3_bind_int64(st, 1, article);
    sqlite3_bind_int(st, 2, seq);
    bind_text(st, 3, q->text);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)q->start);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)q->end);
    sqlite3_bind_int(st, 6, q->partial != 0);
    bind_optional_id(st, 7, speaker);
    if (speaker)
        sqlite3_bind_double(st, 8, q->confidence);
    sqlite3_bind_text(st, 9, key, -1, SQLITE_TRANSIENT);
    free(key);
    return step_int(s, st, NULL, e);
}

static int put_quotes(lg_store *s, int64_t id, const lg_article *a, lg_err *e)
{
    sqlite3_bind_int64(s->quotes_clear, 1, id);
    if (step_int(s, s->quotes_clear, NULL, e) != 0)
        return -1;
    for (size_t i = 0; i < a->n_quotes; i++)
        if (put_quote(s, id, (int)i + 1, &a->quotes[i], e) != 0)
            return -1;
    return 0;
}

void lg_store_load_done(lg_store *s)
{
    sqlite3_reset(s->load);
}

int lg_store_quotes(lg_store *s, int64_t id, lg_quote_fn fn, void *ctx, lg_err *e)
{
    sqlite3_stmt *st = s->quotes_of;
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, id);
    int rc, stop = 0;
    while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        lg_stored_quote q = {sqlite3_column_int64(st, 0), col_text(st, 1), col_text(st, 2),
                             col_text(st, 3), (size_t)sqlite3_column_bytes(st, 1)};
        stop = fn(ctx, &q);
    }
    sqlite3_reset(st);
    if (stop)
        return stop;
    return rc == SQLITE_DONE ? 0 : fail(s, e, "read quotes");
}

/* ---- syndicated copies (dupes.h) ---- */

/* The key band `band` is stored under: the low 32 bits of its hash,
 * sign-extended so that SQLite stores 4 bytes. Migration 006 derives the
 * same from the 64-bit keys of schema 5. */
static int64_t band_key(const lg_minhash *m, int band)
{
    return (int64_t)((lg_minhash_band(m, band) & 0xffffffffu) ^ 0x80000000u) - 0x80000000;
}

/* The signature of text column `col` of st's row: what lg_derive computed
 * when the article was stored, since the column is the text it hashed. */
static void stored_minhash(sqlite3_stmt *st, int col, lg_minhash *m)
{
    const char *text = col_text(st, col);
    lg_minhash_of(text ? text : "", (size_t)sqlite3_column_bytes(st, col), m);
}

/* Runs st (key_add or key_del: ?1 a key, ?2 the article) for each band key
 * of article id with signature m; a text too short to group has none. */
static int each_key(lg_store *s, sqlite3_stmt *st, int64_t id, const lg_minhash *m, lg_err *e)
{
    if (!lg_minhash_groupable(m))
        return 0;
    for (int b = 0; b < LG_MINHASH_BANDS; b++) {
        sqlite3_bind_int64(st, 1, band_key(m, b));
        sqlite3_bind_int64(st, 2, id);
        if (step_int(s, st, NULL, e) != 0)
            return -1;
    }
    return 0;
}

/* Deletes the band keys of each article st yields (id, text), before its
 * text changes or goes: the keys are found again from the text, as there
 * is no index by article. Resets st. */
static int drop_keys(lg_store *s, sqlite3_stmt *st, lg_err *e)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        lg_minhash m;
        stored_minhash(st, 1, &m);
        int64_t id = sqlite3_column_int64(st, 0);
        if (each_key(s, s->key_del[0], id, &m, e) != 0 || each_key(s, s->key_del[1], id, &m, e) != 0)
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        fail(s, e, "read article text");
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Whether article `other` is a copy of a text with signature m: its
 * signature, recomputed from its text, shares a whole 64-bit band with m
 * (the stored keys are 32 bits) and is similar enough. */
static int is_copy(lg_store *s, int64_t other, const lg_minhash *m, lg_err *e)
{
    sqlite3_bind_int64(s->text_of, 1, other);
    int rc = sqlite3_step(s->text_of), copy = 0;
    if (rc == SQLITE_ROW) {
        lg_minhash o;
        stored_minhash(s->text_of, 1, &o);
        copy = lg_minhash_groupable(&o) && lg_minhash_share_band(m, &o) &&
               lg_minhash_similarity(m, &o) >= LG_DUP_THRESHOLD;
    } else if (rc != SQLITE_DONE) {
        copy = fail(s, e, "read article text");
    }
    sqlite3_reset(s->text_of);
    return copy;
}

/* Lowers *group to the smallest group among the copies of article `id`
 * the band keys lead to (the first story of the group). Candidates come
 * earliest group first, so the first copy decides; only candidates are
 * checked, never every pair. */
int lg_store_copies_group(lg_store *s, int64_t id, const lg_minhash *m, int64_t *group,
                          int *found, lg_err *e)
{
    if (!lg_minhash_groupable(m))
        return 0;
    sqlite3_stmt *st = s->candidates;
    for (int b = 0; b < LG_MINHASH_BANDS; b++)
        sqlite3_bind_int64(st, b + 1, band_key(m, b));
    sqlite3_bind_int64(st, LG_MINHASH_BANDS + 1, id);
    int rc = SQLITE_DONE, copy = 0;
    while (!copy && (rc = sqlite3_step(st)) == SQLITE_ROW)
        copy = is_copy(s, sqlite3_column_int64(st, 0), m, e);
    if (copy > 0) {
        int64_t g = sqlite3_column_int64(st, 1);
        *found = 1;
        if (g < *group)
            *group = g;
    }
    if (copy == 0 && rc != SQLITE_DONE)
        copy = fail(s, e, "find copies");
    sqlite3_reset(st);
    return copy < 0 ? -1 : 0;
}

int lg_store_fold_keys(lg_store *s, int64_t at, lg_err *e)
{
    int64_t n;
    if (step_int(s, s->keys_new, &n, e) != 0)
        return -1;
    if (n < at)
        return 0;
    static const char fold[] =
        "INSERT OR IGNORE INTO minhash_keys SELECT key, article_id FROM minhash_new"
        " ORDER BY key, article_id; DELETE FROM minhash_new";
    return sqlite3_exec(s->db, fold, NULL, NULL, NULL) == SQLITE_OK ? 0
                                                                    : fail(s, e, "fold band keys");
}

int lg_store_set_group(lg_store *s, int64_t id, int64_t group, lg_err *e)
{
    bind_optional_id(s->group_set, 1, group);
    sqlite3_bind_int64(s->group_set, 2, id);
    return step_int(s, s->group_set, NULL, e);
}

int lg_store_mark_first(lg_store *s, int64_t id, int *marked, lg_err *e)
{
    sqlite3_bind_int64(s->group_mark, 1, id);
    if (step_int(s, s->group_mark, NULL, e) != 0)
        return -1;
    *marked = sqlite3_changes(s->db) > 0;
    return *marked ? queue(s, id, e) : 0;
}

int lg_store_group_of(lg_store *s, int64_t id, int64_t *group, lg_err *e)
{
    sqlite3_bind_int64(s->group_of, 1, id);
    return step_int(s, s->group_of, group, e);
}

static int put_group(lg_store *s, int64_t id, const lg_minhash *m, lg_err *e)
{
    int64_t group = id;
    int found = 0;
    if (each_key(s, s->key_add, id, m, e) != 0 ||
        lg_store_copies_group(s, id, m, &group, &found, e) != 0)
        return -1;
    return lg_store_set_group(s, id, found ? group : 0, e);
}

static void bind_source(sqlite3_stmt *st, int i, lg_source src)
{
    bind_text(st, i, lg_source_name(src));
}

int lg_store_put(lg_store *s, const lg_article *a, int64_t *id, lg_err *e)
{
    int64_t outlet, speaker, via;
    if (resolve_entity(s, &s->ent[ENT_OUTLET], a->outlet, &outlet, e) != 0 ||
        resolve_entity(s, &s->ent[ENT_OUTLET], a->via, &via, e) != 0 ||
        resolve_entity(s, &s->ent[ENT_SPEAKER], a->speaker, &speaker, e) != 0)
        return -1;
    bind_text(s->text_by_source, 1, a->source);
    if (drop_keys(s, s->text_by_source, e) != 0)
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
    if (a->raw)
        sqlite3_bind_text(st, 11, a->raw, (int)a->raw_len, SQLITE_STATIC);
    bind_text(st, 12, lg_format_name(a->format));
    bind_source(st, 13, a->title_src);
    bind_source(st, 14, a->date_src);
    bind_source(st, 15, a->outlet_src);
    bind_source(st, 16, a->speaker_src);
    bind_optional_id(st, 17, via);
    if (step_int(s, st, id, e) != 0 || put_speakers(s, *id, a, e) != 0 ||
        put_quotes(s, *id, a, e) != 0 || put_group(s, *id, &a->minhash, e) != 0)
        return -1;
    return queue(s, *id, e);
}

unsigned lg_store_site_seen(lg_store *s, const char *site, uint64_t hash)
{
    int64_t pages = 0;
    lg_err ignored;
    bind_text(s->site_seen, 1, site);
    sqlite3_bind_int64(s->site_seen, 2, (sqlite3_int64)hash);
    if (step_int(s, s->site_seen, &pages, &ignored) != 0)
        return 0;
    return (unsigned)pages;
}

int lg_store_site_add(lg_store *s, const char *site, const uint64_t *hashes, size_t n, lg_err *e)
{
    for (size_t i = 0; i < n; i++) {
        bind_text(s->site_add, 1, site);
        sqlite3_bind_int64(s->site_add, 2, (sqlite3_int64)hashes[i]);
        if (step_int(s, s->site_add, NULL, e) != 0)
            return -1;
    }
    return 0;
}

int lg_store_delete(lg_store *s, int64_t id, lg_err *e)
{
    sqlite3_bind_int64(s->text_of, 1, id);
    if (drop_keys(s, s->text_of, e) != 0)
        return -1;
    sqlite3_bind_int64(s->del, 1, id);
    if (step_int(s, s->del, NULL, e) != 0)
        return -1;
    return queue(s, id, e);
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
    out->speaker_keys = col_text(s->load, 7);
    out->dup_group = sqlite3_column_int64(s->load, 8);
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

int lg_store_outbox_last(lg_store *s, int64_t *seq, lg_err *e)
{
    return step_int(s, s->outbox_last, seq, e);
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
    char sql[3][512];
    snprintf(sql[0], sizeof sql[0], "SELECT id, text%s", where);
    snprintf(sql[1], sizeof sql[1], "INSERT INTO outbox(article_id) SELECT id%s", where);
    snprintf(sql[2], sizeof sql[2], "DELETE%s", where);
    for (int i = 0; i < 3; i++) {
        sqlite3_stmt *st;
        if (prepare(s, &st, sql[i], e) != 0)
            return -1;
        bind_text(st, 1, root);
        int rc = i == 0 ? drop_keys(s, st, e) : step_int(s, st, NULL, e);
        sqlite3_finalize(st);
        if (rc != 0)
            return -1;
    }
    *removed += (unsigned long)sqlite3_changes(s->db);
    return 0;
}

/* Runs one statement of a merge with ?1 = the entity merged away and
 * ?2 = the entity kept. */
static int merge_step(lg_store *s, const char *sql, int64_t from, int64_t to, lg_err *e)
{
    sqlite3_stmt *st;
    if (prepare(s, &st, sql, e) != 0)
        return -1;
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, to);
    int rc = step_int(s, st, NULL, e);
    sqlite3_finalize(st);
    return rc;
}

static int merge_entity(lg_store *s, lg_entity kind, int64_t from, int64_t to,
                        unsigned long *merged, lg_err *e)
{
    static const char *const outlet_sql[] = {
        "INSERT INTO outbox(article_id) SELECT id FROM articles WHERE outlet_id = ?1 OR via_id = ?1",
        "UPDATE articles SET outlet_id = ?2 WHERE outlet_id = ?1",
        "UPDATE articles SET via_id = ?2 WHERE via_id = ?1",
        "UPDATE outlet_aliases SET outlet_id = ?2 WHERE outlet_id = ?1",
        "DELETE FROM outlets WHERE id = ?1",
    };
    static const char *const speaker_sql[] = {
        "INSERT INTO outbox(article_id) SELECT id FROM articles WHERE speaker_id = ?1"
        " UNION SELECT article_id FROM article_speakers WHERE speaker_id = ?1",
        "UPDATE articles SET speaker_id = ?2 WHERE speaker_id = ?1",
        "INSERT INTO article_speakers(article_id, speaker_id, mentions)"
        " SELECT article_id, ?2, mentions FROM article_speakers WHERE speaker_id = ?1 AND true"
        " ON CONFLICT DO UPDATE SET mentions = mentions + excluded.mentions",
        "DELETE FROM article_speakers WHERE speaker_id = ?1",
        "UPDATE speaker_aliases SET speaker_id = ?2 WHERE speaker_id = ?1",
        "DELETE FROM speakers WHERE id = ?1",
    };
    const char *const *sql = kind == LG_ENTITY_OUTLET ? outlet_sql : speaker_sql;
    size_t n = kind == LG_ENTITY_OUTLET ? sizeof outlet_sql / sizeof *outlet_sql
                                        : sizeof speaker_sql / sizeof *speaker_sql;
    for (size_t i = 0; i < n; i++) {
        if (merge_step(s, sql[i], from, to, e) != 0)
            return -1;
        if (i == 0)
            *merged += (unsigned long)sqlite3_changes(s->db);
    }
    return 0;
}

int lg_store_alias_add(lg_store *s, lg_entity kind, const char *canonical, const char *alias,
                       unsigned long *merged, lg_err *e)
{
    entity_stmts *es = &s->ent[kind];
    char key[512];
    int64_t target, current;
    if (lg_name_key(alias, strlen(alias), key, sizeof key) <= 0)
        return lg_err_set(e, LG_EXIT_USAGE, "alias '%s' has no letters or digits", alias);
    if (resolve_entity(s, es, canonical, &target, e) != 0)
        return -1;
    if (!target)
        return lg_err_set(e, LG_EXIT_USAGE, "name '%s' has no letters or digits", canonical);
    bind_text(es->by_alias, 1, key);
    if (step_int(s, es->by_alias, &current, e) != 0)
        return -1;
    if (current == target)
        return 0;
    if (current)
        return merge_entity(s, kind, current, target, merged, e);
    bind_text(es->add_alias, 1, key);
    sqlite3_bind_int64(es->add_alias, 2, target);
    return step_int(s, es->add_alias, NULL, e);
}

int lg_store_aliases(lg_store *s, lg_entity kind, lg_alias_fn fn, void *ctx, lg_err *e)
{
    const char *sql = kind == LG_ENTITY_OUTLET
        ? "SELECT o.name, a.alias_key FROM outlet_aliases a JOIN outlets o ON o.id = a.outlet_id"
          " ORDER BY o.name, a.alias_key"
        : "SELECT p.name, a.alias_key FROM speaker_aliases a JOIN speakers p ON p.id = a.speaker_id"
          " ORDER BY p.name, a.alias_key";
    sqlite3_stmt *st;
    if (prepare(s, &st, sql, e) != 0)
        return -1;
    int rc, stop = 0;
    while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
        stop = fn(ctx, col_text(st, 0), col_text(st, 1));
    sqlite3_finalize(st);
    if (stop)
        return stop;
    return rc == SQLITE_DONE ? 0 : fail(s, e, "list aliases");
}
