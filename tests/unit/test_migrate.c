/* Schema migrations and opening a database directory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbdir.h"
#include "migrate.h"
#include "testutil.h"
#include "views.h"

static int user_version(sqlite3 *db)
{
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    int v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

START_TEST(fresh_database_reaches_newest_version)
{
    sqlite3 *db;
    char err[256];
    ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
    ck_assert_int_eq(lg_migrate(db, err, sizeof err), 0);
    ck_assert_int_eq(user_version(db), lg_schema_version());
    /* Running again is a no-op. */
    ck_assert_int_eq(lg_migrate(db, err, sizeof err), 0);
    sqlite3_close(db);
}
END_TEST

static int stored_views(sqlite3 *db)
{
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'view'",
                                        -1, &st, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    int n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

static int readable(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK;
}

/* The views are no part of the stored schema (an upgrade drops the old
 * ones): a connection that asks for them has them, read-only too, and
 * no other connection does. */
START_TEST(views_on_demand)
{
    sqlite3 *db;
    char err[256];
    ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
    ck_assert_int_eq(lg_migrate(db, err, sizeof err), 0);
    ck_assert_int_eq(stored_views(db), 0);
    ck_assert_int_eq(sqlite3_exec(db, "PRAGMA user_version = 8; CREATE VIEW article_view AS"
                                  " SELECT 1; CREATE VIEW quote_copies AS SELECT 2",
                                  NULL, NULL, NULL), SQLITE_OK);
    ck_assert_int_eq(lg_migrate(db, err, sizeof err), 0);
    ck_assert_int_eq(stored_views(db), 0);
    sqlite3_close(db);

    char *tmp = lg_test_tmpdir();
    lg_dbdir d, other;
    lg_err e;
    ck_assert_int_eq(lg_dbdir_open(tmp, LG_DB_CREATE, &d, &e), 0);
    lg_dbdir_close(&d);
    ck_assert_int_eq(lg_dbdir_open_lazy(tmp, &d, &e), 0);
    ck_assert_int_eq(lg_dbdir_open_lazy(tmp, &other, &e), 0);
    sqlite3 *sql = lg_dbdir_sql(&d, &e), *sql2 = lg_dbdir_sql(&other, &e);
    ck_assert_ptr_nonnull(sql);
    ck_assert_ptr_nonnull(sql2);
    const char *article = "SELECT id, source, outlet, speaker, speakers, dup_group FROM article_view";
    const char *quote = "SELECT quote_id, quote, speaker, partial, qkey FROM quote_view";
    ck_assert(!readable(sql, article));
    ck_assert_int_eq(lg_views_create(sql, &e), 0);
    ck_assert_int_eq(lg_views_create(sql, &e), 0);
    ck_assert(readable(sql, article));
    ck_assert(readable(sql, quote));
    ck_assert(!readable(sql2, article));
    ck_assert(!readable(sql2, quote));
    ck_assert_int_eq(stored_views(sql2), 0);
    lg_dbdir_close(&other);
    lg_dbdir_close(&d);
    lg_test_rmdir(tmp);
    free(tmp);
}
END_TEST

START_TEST(newer_database_is_refused)
{
    sqlite3 *db;
    char err[256], pragma[64];
    ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", lg_schema_version() + 1);
    sqlite3_exec(db, pragma, NULL, NULL, NULL);
    ck_assert_int_eq(lg_migrate(db, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "newer than this legate"));
    sqlite3_close(db);
}
END_TEST

START_TEST(failed_migration_rolls_back)
{
    sqlite3 *db;
    char err[256];
    ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
    /* A table in the way makes 001 fail half-way: nothing of it may stay. */
    sqlite3_exec(db, "CREATE TABLE articles(x)", NULL, NULL, NULL);
    ck_assert_int_eq(lg_migrate(db, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "001-init.sql"));
    ck_assert_int_eq(user_version(db), 0);
    ck_assert_int_ne(sqlite3_exec(db, "SELECT * FROM outlets", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}
END_TEST

START_TEST(dbdir_modes)
{
    char *tmp = lg_test_tmpdir();
    char path[4096];
    snprintf(path, sizeof path, "%s/db", tmp);
    lg_dbdir d;
    lg_err e;
    ck_assert_int_eq(lg_dbdir_open(path, LG_DB_READ, &d, &e), -1);
    ck_assert_int_eq(e.code, LG_EXIT_DB);
    ck_assert_ptr_nonnull(strstr(e.msg, "no Legate database"));
    ck_assert_int_eq(lg_dbdir_open(path, LG_DB_WRITE, &d, &e), -1);
    ck_assert_int_eq(lg_dbdir_open(path, LG_DB_CREATE, &d, &e), 0);
    ck_assert_ptr_nonnull(strstr(d.sqlite_path, "/db/legate.sqlite"));
    ck_assert_ptr_nonnull(strstr(d.xapian_path, "/db/xapian"));
    lg_dbdir_close(&d);
    ck_assert_int_eq(lg_dbdir_open(path, LG_DB_READ, &d, &e), 0);
    ck_assert_int_eq(user_version(d.sql), lg_schema_version());
    lg_dbdir_close(&d);
    lg_test_rmdir(tmp);
    free(tmp);
}
END_TEST

START_TEST(not_a_database)
{
    char *tmp = lg_test_tmpdir();
    char path[4096];
    snprintf(path, sizeof path, "%s/legate.sqlite", tmp);
    FILE *f = fopen(path, "w");
    fputs("this is not sqlite at all, just some text that is long enough to look like a header\n", f);
    fclose(f);
    lg_dbdir d;
    lg_err e;
    ck_assert_int_eq(lg_dbdir_open(tmp, LG_DB_READ, &d, &e), -1);
    ck_assert_int_eq(e.code, LG_EXIT_DB);
    ck_assert_ptr_nonnull(strstr(e.msg, "legate.sqlite"));
    lg_test_rmdir(tmp);
    free(tmp);
}
END_TEST

/* A lazy reader checks the header now and opens SQLite when asked. */
START_TEST(lazy_reader)
{
    char *tmp = lg_test_tmpdir();
    lg_dbdir d;
    lg_err e;
    ck_assert_int_eq(lg_dbdir_open_lazy(tmp, &d, &e), -1);
    ck_assert_ptr_nonnull(strstr(e.msg, "no Legate database"));
    ck_assert_int_eq(lg_dbdir_open(tmp, LG_DB_CREATE, &d, &e), 0);
    lg_dbdir_close(&d);
    ck_assert_int_eq(lg_dbdir_open_lazy(tmp, &d, &e), 0);
    ck_assert_ptr_null(d.sql);
    sqlite3 *sql = lg_dbdir_sql(&d, &e);
    ck_assert_ptr_nonnull(sql);
    ck_assert_ptr_eq(lg_dbdir_sql(&d, &e), sql);
    ck_assert_int_eq(user_version(sql), lg_schema_version());
    /* An old schema fails at once, with the reader's error. */
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", lg_schema_version() - 1);
    ck_assert_int_eq(sqlite3_exec(sql, pragma, NULL, NULL, NULL), SQLITE_READONLY);
    lg_dbdir_close(&d);
    ck_assert_int_eq(lg_dbdir_open(tmp, LG_DB_WRITE, &d, &e), 0);
    ck_assert_int_eq(sqlite3_exec(d.sql, pragma, NULL, NULL, NULL), SQLITE_OK);
    lg_dbdir_close(&d);
    ck_assert_int_eq(lg_dbdir_open_lazy(tmp, &d, &e), -1);
    ck_assert_int_eq(e.code, LG_EXIT_DB);
    ck_assert_ptr_nonnull(strstr(e.msg, "run `legate index` to upgrade"));
    lg_test_rmdir(tmp);
    free(tmp);
}
END_TEST

/* A file that is not SQLite fails the lazy open as it fails the eager one. */
START_TEST(lazy_reader_not_a_database)
{
    char *tmp = lg_test_tmpdir();
    char path[4096];
    snprintf(path, sizeof path, "%s/legate.sqlite", tmp);
    FILE *f = fopen(path, "w");
    fputs("this is not sqlite at all, just some text that is long enough to look like a header\n"
          "and a little more, so that the first hundred bytes are all there\n", f);
    fclose(f);
    lg_dbdir d;
    lg_err e, eager;
    ck_assert_int_eq(lg_dbdir_open_lazy(tmp, &d, &e), -1);
    ck_assert_int_eq(lg_dbdir_open(tmp, LG_DB_READ, &d, &eager), -1);
    ck_assert_int_eq(e.code, LG_EXIT_DB);
    ck_assert_str_eq(e.msg, eager.msg);
    lg_test_rmdir(tmp);
    free(tmp);
}
END_TEST

START_TEST(default_location)
{
    unsetenv("LEGATE_DB");
    ck_assert_str_eq(lg_dbdir_default(NULL), "legate.db");
    setenv("LEGATE_DB", "/x/env.db", 1);
    ck_assert_str_eq(lg_dbdir_default(NULL), "/x/env.db");
    ck_assert_str_eq(lg_dbdir_default("/y/flag.db"), "/y/flag.db");
    unsetenv("LEGATE_DB");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("migrate");
    TCase *tc = tcase_create("migrations");
    tcase_add_test(tc, fresh_database_reaches_newest_version);
    tcase_add_test(tc, views_on_demand);
    tcase_add_test(tc, newer_database_is_refused);
    tcase_add_test(tc, failed_migration_rolls_back);
    tcase_add_test(tc, dbdir_modes);
    tcase_add_test(tc, not_a_database);
    tcase_add_test(tc, default_location);
    tcase_add_test(tc, lazy_reader);
    tcase_add_test(tc, lazy_reader_not_a_database);
    suite_add_tcase(s, tc);
    return lg_test_run(s);
}
