/* The SQLite store with its outbox, and sync into a real Xapian index. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbdir.h"
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
    tcase_add_test(tc, prune_removes_only_unseen);
    tcase_add_test(tc, prune_keeps_failed_origins);
    tcase_add_test(tc, sync_applies_puts_and_deletes);
    tcase_add_test(tc, sync_replays_after_a_lost_xapian_commit);
    suite_add_tcase(s, tc);
    return lg_test_run(s);
}
