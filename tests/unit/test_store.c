/* The SQLite store with its outbox, and sync into a real Xapian index. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbdir.h"
#include "dupes.h"
#include "store.h"
#include "sync.h"
#include "testutil.h"

static char *tmp;
static lg_dbdir db;
static lg_store *store;
static lg_err e;

static void setup(void)
{
    tmp = lg_test_tmpdir();
    ck_assert_int_eq(lg_dbdir_open(tmp, LG_DB_CREATE, &db, &e), 0);
    ck_assert_int_eq(lg_store_new(db.sql, &store, &e), 0);
}

static void teardown(void)
{
    lg_store_free(store);
    lg_dbdir_close(&db);
    lg_test_rmdir(tmp);
    free(tmp);
}

static int64_t put(const char *source, const char *text, const char *speaker, const char *outlet)
{
    lg_article a = {0};
    a.source = strdup(source);
    a.origin = strdup("/in/feed.jsonl");
    a.text = strdup(text);
    a.text_len = strlen(text);
    a.speaker = speaker ? strdup(speaker) : NULL;
    a.outlet = outlet ? strdup(outlet) : NULL;
    lg_date_parse_iso("2024-05", 7, &a.date, &(size_t){0});
    lg_article_hash(&a);
    lg_minhash_of(a.text, a.text_len, &a.minhash);  /* as lg_derive does */
    int64_t id;
    ck_assert_int_eq(lg_store_begin(store, &e), 0);
    ck_assert_int_eq(lg_store_put(store, &a, &id, &e), 0);
    ck_assert_int_eq(lg_store_commit(store, &e), 0);
    lg_article_clear(&a);
    return id;
}

static int64_t count(const char *sql)
{
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_prepare_v2(db.sql, sql, -1, &st, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

START_TEST(put_find_update_keep_the_id)
{
    int64_t id = put("s1", "first text", NULL, NULL);
    ck_assert_int_gt(id, 0);
    int64_t found;
    char sha[65];
    ck_assert_int_eq(lg_store_find(store, "s1", &found, sha, &e), 0);
    ck_assert_int_eq(found, id);
    ck_assert_uint_eq(strlen(sha), 64);
    ck_assert_int_eq(put("s1", "second text", NULL, NULL), id);
    ck_assert_int_eq(count("SELECT count(*) FROM articles"), 1);
    ck_assert_int_eq(count("SELECT count(*) FROM outbox"), 2);
    ck_assert_int_eq(lg_store_find(store, "nope", &found, sha, &e), 0);
    ck_assert_int_eq(found, 0);
}
END_TEST

START_TEST(aliases_fold_spellings)
{
    put("a", "t", "Sergey Lavrov", "Caliber.Az");
    put("b", "t", "Sergei Lavrov", "caliber.az");
    put("c", "t", "Сергей Лавров", "CALIBER.AZ");
    put("d", "t", "Maria Zakharova", NULL);
    ck_assert_int_eq(count("SELECT count(*) FROM speakers"), 2);
    ck_assert_int_eq(count("SELECT count(*) FROM outlets"), 1);
    ck_assert_int_eq(count("SELECT count(DISTINCT speaker_id) FROM articles WHERE source IN ('a','b','c')"), 1);
    ck_assert_int_eq(count("SELECT count(*) FROM articles WHERE outlet_id IS NULL"), 1);
    lg_stored s;
    ck_assert_int_eq(lg_store_load(store, 3, &s, &e), 1);
    ck_assert_str_eq(s.speaker_key, "sergei lavrov");
    ck_assert_str_eq(s.outlet_key, "caliber.az");
    ck_assert_str_eq(s.date, "2024-05");
    ck_assert_int_eq(lg_store_load(store, 99, &s, &e), 0);
}
END_TEST

START_TEST(prune_removes_only_unseen)
{
    int64_t keep = put("keep", "t", NULL, NULL);
    put("gone", "t", NULL, NULL);
    ck_assert_int_eq(lg_store_begin(store, &e), 0);
    ck_assert_int_eq(lg_store_prune_begin(store, &e), 0);
    ck_assert_int_eq(lg_store_mark_seen(store, keep, &e), 0);
    unsigned long removed = 0;
    ck_assert_int_eq(lg_store_prune(store, "/elsewhere", &removed, &e), 0);
    ck_assert_int_eq(removed, 0);
    ck_assert_int_eq(lg_store_prune(store, "/in", &removed, &e), 0);
    ck_assert_int_eq(removed, 1);
    ck_assert_int_eq(lg_store_commit(store, &e), 0);
    ck_assert_int_eq(count("SELECT count(*) FROM articles WHERE source = 'keep'"), 1);
    ck_assert_int_eq(count("SELECT count(*) FROM articles"), 1);
}
END_TEST

START_TEST(prune_keeps_failed_origins)
{
    put("x", "t", NULL, NULL);
    ck_assert_int_eq(lg_store_begin(store, &e), 0);
    ck_assert_int_eq(lg_store_prune_begin(store, &e), 0);
    ck_assert_int_eq(lg_store_mark_failed(store, "/in/feed.jsonl", &e), 0);
    unsigned long removed = 0;
    ck_assert_int_eq(lg_store_prune(store, "/in", &removed, &e), 0);
    ck_assert_int_eq(removed, 0);
    lg_store_rollback(store);
}
END_TEST

/* A story of 60 words told `seed`'s way; `edit` rewrites its last words,
 * which keeps it a copy. */
static const char *story(int seed, int edit)
{
    static char buf[2048];
    size_t n = 0;
    for (int i = 0; i < 60; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%sw%dx%d", i ? " " : "",
                              i >= 57 && edit ? edit : seed, i);
    return buf;
}

/* Band keys live in two tables (migration 007). */
#define ALL_KEYS "(SELECT key, article_id FROM minhash_keys UNION ALL SELECT key, article_id FROM minhash_new)"

static int64_t keys_of(int64_t id)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM " ALL_KEYS " WHERE article_id = %lld",
             (long long)id);
    return count(sql);
}

/* How many bands of `text` article id has under the key migration 006
 * derives from a whole band hash: the same keys, fresh or migrated. */
static int bands_stored(int64_t id, const char *text)
{
    lg_minhash m;
    lg_minhash_of(text, strlen(text), &m);
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_prepare_v2(db.sql,
                                        "SELECT count(*) FROM " ALL_KEYS " WHERE article_id = ?1 AND"
                                        " key = (((?2 & 4294967295) + 2147483648) & 4294967295) - 2147483648",
                                        -1, &st, NULL), SQLITE_OK);
    int found = 0;
    for (int b = 0; b < LG_MINHASH_BANDS; b++) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)lg_minhash_band(&m, b));
        ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
        found += sqlite3_column_int(st, 0);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return found;
}

static int64_t group_of(int64_t id)
{
    int64_t g;
    ck_assert_int_eq(lg_store_group_of(store, id, &g, &e), 0);
    return g;
}

/* Band keys belong to the text: a copy finds its group through them, a
 * replaced text takes its old keys away, a deleted or pruned article
 * leaves none behind (they have no foreign key to cascade). */
START_TEST(band_keys_follow_the_text)
{
    int64_t a = put("a", story(1, 0), NULL, NULL);
    int64_t b = put("b", story(1, 9), NULL, NULL);
    int64_t c = put("c", story(2, 0), NULL, NULL);
    ck_assert_int_eq(group_of(b), a);
    ck_assert_int_eq(group_of(c), c);
    ck_assert_int_eq(count("SELECT dup_group IS NULL FROM articles WHERE id = 3"), 1);
    ck_assert_int_eq(bands_stored(a, story(1, 0)), LG_MINHASH_BANDS);
    ck_assert_int_eq(keys_of(a), LG_MINHASH_BANDS);

    put("a", story(3, 0), NULL, NULL);
    ck_assert_int_eq(bands_stored(a, story(3, 0)), LG_MINHASH_BANDS);
    ck_assert_int_eq(keys_of(a), LG_MINHASH_BANDS);
    ck_assert_int_eq(bands_stored(a, story(1, 0)), 0);
    /* A copy of the old text joins b, whose group is still a. */
    ck_assert_int_eq(group_of(put("d", story(1, 8), NULL, NULL)), a);

    ck_assert_int_eq(lg_store_begin(store, &e), 0);
    ck_assert_int_eq(lg_store_delete(store, c, &e), 0);
    ck_assert_int_eq(lg_store_prune_begin(store, &e), 0);
    ck_assert_int_eq(lg_store_mark_seen(store, a, &e), 0);
    unsigned long removed = 0;
    ck_assert_int_eq(lg_store_prune(store, "/in", &removed, &e), 0);
    ck_assert_int_eq(lg_store_commit(store, &e), 0);
    ck_assert_int_eq(removed, 2);
    ck_assert_int_eq(keys_of(c), 0);
    ck_assert_int_eq(keys_of(b), 0);
    ck_assert_int_eq(count("SELECT count(*) FROM " ALL_KEYS), LG_MINHASH_BANDS);
}
END_TEST

/* Folded into minhash_keys, band keys still find copies and still go with
 * their article; below the threshold nothing moves. */
START_TEST(folded_keys)
{
    int64_t a = put("a", story(1, 0), NULL, NULL);
    int64_t c = put("c", story(2, 0), NULL, NULL);
    ck_assert_int_eq(lg_store_begin(store, &e), 0);
    ck_assert_int_eq(lg_store_fold_keys(store, 3 * LG_MINHASH_BANDS, &e), 0);
    ck_assert_int_eq(count("SELECT count(*) FROM minhash_keys"), 0);
    ck_assert_int_eq(lg_store_fold_keys(store, 2 * LG_MINHASH_BANDS, &e), 0);
    ck_assert_int_eq(lg_store_commit(store, &e), 0);
    ck_assert_int_eq(count("SELECT count(*) FROM minhash_new"), 0);
    ck_assert_int_eq(count("SELECT count(*) FROM minhash_keys"), 2 * LG_MINHASH_BANDS);
    ck_assert_int_eq(bands_stored(a, story(1, 0)), LG_MINHASH_BANDS);
    /* A copy finds its group through the folded keys, one through both. */
    int64_t b = put("b", story(1, 9), NULL, NULL);
    ck_assert_int_eq(group_of(b), a);
    ck_assert_int_eq(group_of(put("d", story(1, 8), NULL, NULL)), a);
    ck_assert_int_eq(count("SELECT count(*) FROM minhash_new"), 2 * LG_MINHASH_BANDS);
    /* A new text takes its folded keys away. */
    put("a", story(3, 0), NULL, NULL);
    ck_assert_int_eq(bands_stored(a, story(1, 0)), 0);
    ck_assert_int_eq(keys_of(a), LG_MINHASH_BANDS);
    ck_assert_int_eq(lg_store_begin(store, &e), 0);
    ck_assert_int_eq(lg_store_delete(store, c, &e), 0);
    ck_assert_int_eq(lg_store_commit(store, &e), 0);
    ck_assert_int_eq(count("SELECT count(*) FROM minhash_keys"), 0);
}
END_TEST

static xs_db *open_xapian(void)
{
    xs_db *x;
    ck_assert_int_eq(xs_db_open(db.xapian_path, XS_OPEN_CREATE, &x), XS_OK);
    return x;
}

static int has_term(xs_db *x, uint64_t id, const char *term)
{
    xs_doc *d;
    int has = 0;
    if (xs_db_get_doc(x, id, &d) != XS_OK)
        return -1;
    xs_doc_has_term(d, term, &has);
    xs_doc_free(d);
    return has;
}

START_TEST(sync_applies_puts_and_deletes)
{
    lg_stemmer *st = lg_stemmer_new();
    int64_t a = put("a", "Negotiations continue", "Sergey Lavrov", "TASS");
    int64_t b = put("b", "Other words", NULL, NULL);
    xs_db *x = open_xapian();
    uint64_t applied, docs;
    ck_assert_int_eq(lg_sync(store, x, st, &applied, &e), 0);
    ck_assert_int_eq(applied, 2);
    ck_assert_int_eq(has_term(x, (uint64_t)a, "negotiations"), 1);
    ck_assert_int_eq(has_term(x, (uint64_t)a, "Znegoti"), 1);
    ck_assert_int_eq(has_term(x, (uint64_t)a, "XS:lavrov"), 1);
    ck_assert_int_eq(has_term(x, (uint64_t)a, "XO:tass"), 1);
    ck_assert_int_eq(has_term(x, (uint64_t)a, "XK:article"), 1);
    int64_t seq;
    ck_assert_int_eq(lg_sync_applied_seq(x, &seq, &e), 0);
    ck_assert_int_eq(seq, 2);
    ck_assert_int_eq(count("SELECT count(*) FROM outbox"), 0);

    ck_assert_int_eq(lg_store_begin(store, &e), 0);
    ck_assert_int_eq(lg_store_delete(store, b, &e), 0);
    ck_assert_int_eq(lg_store_commit(store, &e), 0);
    ck_assert_int_eq(lg_sync(store, x, st, &applied, &e), 0);
    ck_assert_int_eq(applied, 1);
    ck_assert_int_eq(xs_db_doccount(x, &docs), XS_OK);
    ck_assert_int_eq(docs, 1);
    ck_assert_int_eq(has_term(x, (uint64_t)b, "other"), -1);
    /* Nothing pending: a no-op. */
    ck_assert_int_eq(lg_sync(store, x, st, &applied, &e), 0);
    ck_assert_int_eq(applied, 0);
    xs_db_close(x);
    lg_stemmer_free(st);
}
END_TEST

/* A crash after the SQLite commit and before Xapian's: the next sync
 * converges, and replaying already applied rows changes nothing. */
START_TEST(sync_replays_after_a_lost_xapian_commit)
{
    lg_stemmer *st = lg_stemmer_new();
    int64_t a = put("a", "alpha", NULL, NULL);
    xs_db *x = open_xapian();
    ck_assert_int_eq(lg_sync(store, x, st, NULL, &e), 0);
    xs_db_close(x);
    put("a", "beta", NULL, NULL);  /* committed to SQLite only */
    x = open_xapian();
    ck_assert_int_eq(has_term(x, (uint64_t)a, "alpha"), 1);
    ck_assert_int_eq(lg_sync(store, x, st, NULL, &e), 0);
    ck_assert_int_eq(has_term(x, (uint64_t)a, "beta"), 1);
    ck_assert_int_eq(has_term(x, (uint64_t)a, "alpha"), 0);
    /* Replaying everything from scratch is idempotent. */
    ck_assert_int_eq(lg_store_begin(store, &e), 0);
    ck_assert_int_eq(lg_store_outbox_all(store, &e), 0);
    ck_assert_int_eq(lg_store_commit(store, &e), 0);
    ck_assert_int_eq(lg_sync(store, x, st, NULL, &e), 0);
    uint64_t docs;
    ck_assert_int_eq(xs_db_doccount(x, &docs), XS_OK);
    ck_assert_int_eq(docs, 1);
    ck_assert_int_eq(has_term(x, (uint64_t)a, "beta"), 1);
    xs_db_close(x);
    lg_stemmer_free(st);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("store");
    TCase *tc = tcase_create("store");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, put_find_update_keep_the_id);
    tcase_add_test(tc, aliases_fold_spellings);
    tcase_add_test(tc, band_keys_follow_the_text);
    tcase_add_test(tc, folded_keys);
    tcase_add_test(tc, prune_removes_only_unseen);
    tcase_add_test(tc, prune_keeps_failed_origins);
    tcase_add_test(tc, sync_applies_puts_and_deletes);
    tcase_add_test(tc, sync_replays_after_a_lost_xapian_commit);
    suite_add_tcase(s, tc);
    return lg_test_run(s);
}
