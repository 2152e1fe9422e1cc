/*
 * test_carriers.c — the outlets of a result grouped in C (query/carriers.h)
 * are those SQLite's GROUP BY name ORDER BY min(date), min(id) gives:
 * repeated outlets once, undated copies last, ties on the date broken by
 * the earliest copy, the earliest date and the earliest copy of an outlet
 * taken apart.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "carriers.h"
#include "testutil.h"

static const char *rows =
    "INSERT INTO c(name, date, id) VALUES ('TASS', '2024-05-02', 7), ('AFP', '2024-05-01', 9),"
    " ('TASS', '2024-05-01', 12), ('Reuters', NULL, 3), ('RIA \"N\"', '2024-05-01', 8),"
    " ('Xinhua', NULL, 2), ('AFP', NULL, 1), ('Kyiv Ledger', '2023-12-31', 20);";

/* The names, as the old query ordered them, as compact JSON. */
static char *by_sql(sqlite3 *db, int group)
{
    sqlite3_stmt *st;
    const char *q = "SELECT name FROM c WHERE grp = ?1 OR ?1 = 0 GROUP BY name"
                    " ORDER BY min(coalesce(date, '9999')), min(id)";
    ck_assert_int_eq(sqlite3_prepare_v2(db, q, -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_int(st, 1, group);
    json_t *arr = json_array();
    while (sqlite3_step(st) == SQLITE_ROW)
        json_array_append_new(arr, json_string((const char *)sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    char *s = json_dumps(arr, JSON_COMPACT);
    json_decref(arr);
    return s;
}

static char *by_c(sqlite3 *db, int group)
{
    sqlite3_stmt *st;
    const char *q = "SELECT name, coalesce(date, '9999'), id FROM c WHERE grp = ?1 OR ?1 = 0";
    ck_assert_int_eq(sqlite3_prepare_v2(db, q, -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_int(st, 1, group);
    char *s = lg_carriers_json(st);
    sqlite3_finalize(st);
    return s;
}

START_TEST(same_as_group_by)
{
    sqlite3 *db;
    ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(db, "CREATE TABLE c(name TEXT, date TEXT, id INTEGER,"
                                      " grp INTEGER DEFAULT 1)", NULL, NULL, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(db, rows, NULL, NULL, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(db, "INSERT INTO c VALUES ('Solo', NULL, 5, 2)", NULL, NULL,
                                  NULL), SQLITE_OK);
    for (int g = 0; g <= 3; g++) {
        char *want = by_sql(db, g), *got = by_c(db, g);
        ck_assert_str_eq(got, want);
        free(want);
        free(got);
    }
    char *one = by_c(db, 1);
    /* 2024-05-01 ties: AFP (copy 1), TASS (copy 7), RIA (copy 8). */
    ck_assert_str_eq(one, "[\"Kyiv Ledger\",\"AFP\",\"TASS\",\"RIA \\\"N\\\"\",\"Xinhua\","
                          "\"Reuters\"]");
    free(one);
    sqlite3_close(db);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("carriers");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, same_as_group_by);
    suite_add_tcase(s, tc);
    return lg_test_run(s);
}
