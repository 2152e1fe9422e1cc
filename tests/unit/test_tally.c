/*
 * test_tally.c — the running count per distinct value (query/tally.h).
 */
#include <stdio.h>
#include <string.h>

#include "tally.h"
#include "testutil.h"

START_TEST(counts_distinct_keys)
{
    lg_tally t = LG_TALLY_INIT;
    ck_assert_int_eq(lg_tally_add(&t, "tass", 4, 1), 0);
    ck_assert_int_eq(lg_tally_add(&t, "tass", 4, 2), 0);
    ck_assert_int_eq(lg_tally_add(&t, "", 0, 1), 0);
    ck_assert_int_eq(lg_tally_add(&t, "tassx", 4, 1), 0); /* only the first 4 bytes */
    ck_assert_int_eq(lg_tally_add(&t, "a\0b", 3, 5), 0);
    ck_assert_uint_eq(t.n, 3);
    ck_assert_uint_eq(lg_tally_get(&t, "tass", 4), 4);
    ck_assert_uint_eq(lg_tally_get(&t, "", 0), 1);
    ck_assert_uint_eq(lg_tally_get(&t, "a\0b", 3), 5);
    ck_assert_uint_eq(lg_tally_get(&t, "a", 1), 0);
    lg_tally_free(&t);
    ck_assert_uint_eq(lg_tally_get(&t, "tass", 4), 0);
}
END_TEST

/* Growing keeps every count; memory follows the keys, not the adds. */
START_TEST(grows)
{
    lg_tally t = LG_TALLY_INIT;
    char key[32];
    for (int round = 0; round < 3; round++)
        for (int i = 0; i < 5000; i++) {
            snprintf(key, sizeof key, "k%d", i);
            ck_assert_int_eq(lg_tally_add(&t, key, strlen(key), (uint64_t)i), 0);
        }
    ck_assert_uint_eq(t.n, 5000);
    ck_assert_uint_le(t.cap, 16384);
    uint64_t sum = 0, entries = 0;
    for (size_t i = 0; i < t.cap; i++)
        if (t.v[i].key) {
            sum += t.v[i].count;
            entries++;
        }
    ck_assert_uint_eq(entries, 5000);
    ck_assert_uint_eq(sum, 3ull * 4999 * 5000 / 2);
    ck_assert_uint_eq(lg_tally_get(&t, "k4321", 5), 3 * 4321);
    lg_tally_free(&t);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tally");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, counts_distinct_keys);
    tcase_add_test(tc, grows);
    suite_add_tcase(s, tc);
    return lg_test_run(s);
}
