/*
 * test_keyset.c — keyset positions (query/keyset.h): the order of keys,
 * and "after k" filters that return exactly the documents after k, on a
 * real Xapian database with undated documents, tied dates and dates at
 * the ends of the digit range.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "keyset.h"
#include "testutil.h"

/* docid i+1 has date dates[i] ("" undated) */
static const char *dates[] = {"20240501", "", "20240501", "00000000", "20240430",
                              "99999999", "", "20240502", "20240501", "20231231"};
#define N_DOCS (sizeof dates / sizeof *dates)

static char *tmp;
static xs_db *db;

static void setup(void)
{
    char path[4096];
    tmp = lg_test_tmpdir();
    ck_assert_ptr_nonnull(tmp);
    snprintf(path, sizeof path, "%s/db", tmp);
    ck_assert_int_eq(xs_db_open(path, XS_OPEN_CREATE, &db), XS_OK);
    for (size_t i = 0; i < N_DOCS; i++) {
        xs_doc *d;
        ck_assert_int_eq(xs_doc_new(&d), XS_OK);
        ck_assert_int_eq(xs_doc_add_term(d, "x", 1, 1), XS_OK);
        if (*dates[i])
            xs_doc_set_value(d, lg_field_get(LG_F_DATE)->slot, dates[i], strlen(dates[i]));
        ck_assert_int_eq(xs_db_replace(db, i + 1, d), XS_OK);
        xs_doc_free(d);
    }
    ck_assert_int_eq(xs_db_commit(db), XS_OK);
}

static void teardown(void)
{
    xs_db_close(db);
    lg_test_rmdir(tmp);
    free(tmp);
}

static lg_key key_of(uint64_t docid)
{
    lg_key k;
    lg_key_set(&k, dates[docid - 1], strlen(dates[docid - 1]), docid);
    return k;
}

/* The docids of q, ascending, as "1 2 3" (frees q). */
static const char *ids(xs_query *q)
{
    static char buf[256];
    xs_search_opts o;
    xs_search_opts_init(&o);
    o.sort = XS_SORT_DOCID;
    o.limit = 100;
    xs_results *r = NULL;
    ck_assert_ptr_nonnull(q);
    ck_assert_int_eq(xs_db_search(db, q, &o, &r), XS_OK);
    xs_query_free(q);
    buf[0] = '\0';
    for (size_t i = 0; i < xs_results_size(r); i++)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%llu", i ? " " : "",
                 (unsigned long long)xs_results_docid(r, i));
    xs_results_free(r);
    return buf;
}

/* The docids after k by comparing keys: what the filter must return. */
static const char *ids_after(lg_sort sort, const lg_key *k)
{
    static char buf[256];
    buf[0] = '\0';
    for (uint64_t d = 1; d <= N_DOCS; d++) {
        lg_key other = key_of(d);
        if (lg_key_cmp(sort, &other, k) > 0)
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%llu", *buf ? " " : "",
                     (unsigned long long)d);
    }
    return buf;
}

START_TEST(orders)
{
    lg_key a = key_of(1), b = key_of(2), c = key_of(3), d = key_of(8);
    ck_assert_int_lt(lg_key_cmp(LG_SORT_ID, &a, &b), 0);
    ck_assert_int_eq(lg_key_cmp(LG_SORT_ID, &a, &a), 0);
    /* newest: later dates first, undated last, ties by docid */
    ck_assert_int_lt(lg_key_cmp(LG_SORT_NEWEST, &d, &a), 0);
    ck_assert_int_lt(lg_key_cmp(LG_SORT_NEWEST, &a, &c), 0);
    ck_assert_int_gt(lg_key_cmp(LG_SORT_NEWEST, &b, &a), 0);
    /* oldest: undated first */
    ck_assert_int_lt(lg_key_cmp(LG_SORT_OLDEST, &b, &a), 0);
    ck_assert_int_lt(lg_key_cmp(LG_SORT_OLDEST, &a, &d), 0);
    ck_assert_int_lt(lg_key_cmp(LG_SORT_OLDEST, &a, &c), 0);
}
END_TEST

/* Xapian's own orders agree with lg_key_cmp. */
START_TEST(orders_match_xapian)
{
    static const xs_sort xs[] = {XS_SORT_DOCID, XS_SORT_VALUE_DESC, XS_SORT_VALUE_ASC};
    static const lg_sort ls[] = {LG_SORT_ID, LG_SORT_NEWEST, LG_SORT_OLDEST};
    for (int s = 0; s < 3; s++) {
        xs_search_opts o;
        xs_search_opts_init(&o);
        o.sort = xs[s];
        o.sort_slot = lg_field_get(LG_F_DATE)->slot;
        o.limit = 100;
        xs_results *r = NULL;
        xs_query *q = xs_query_match_all();
        ck_assert_int_eq(xs_db_search(db, q, &o, &r), XS_OK);
        xs_query_free(q);
        ck_assert_uint_eq(xs_results_size(r), N_DOCS);
        for (size_t i = 1; i < N_DOCS; i++) {
            lg_key prev = key_of(xs_results_docid(r, i - 1)), cur = key_of(xs_results_docid(r, i));
            ck_assert_int_lt(lg_key_cmp(ls[s], &prev, &cur), 0);
        }
        xs_results_free(r);
    }
}
END_TEST

/* For every document as the cursor, in every order, the filter returns
 * exactly the documents after it. */
START_TEST(after_is_exact)
{
    static const lg_sort sorts[] = {LG_SORT_ID, LG_SORT_NEWEST, LG_SORT_OLDEST};
    for (int s = 0; s < 3; s++)
        for (uint64_t d = 1; d <= N_DOCS; d++) {
            lg_key k = key_of(d);
            char want[256];
            snprintf(want, sizeof want, "%s", ids_after(sorts[s], &k));
            ck_assert_msg(strcmp(ids(lg_key_after(sorts[s], &k, NULL)), want) == 0,
                          "sort %d after doc %llu: wanted %s", s, (unsigned long long)d, want);
        }
}
END_TEST

/* Whether document d lies within bound b in `sort` ("" in oldest order:
 * undated only). */
static int within(lg_sort sort, uint64_t d, const char *b)
{
    const char *date = dates[d - 1];
    if (sort == LG_SORT_NEWEST)
        return *date && strcmp(date, b) >= 0;
    return !*date || (*b && strcmp(date, b) <= 0);
}

/* A window keeps exactly the documents after the cursor up to its bound:
 * a prefix of the order. */
START_TEST(window_is_exact)
{
    static const lg_sort sorts[] = {LG_SORT_NEWEST, LG_SORT_OLDEST};
    static const char *bounds[] = {"", "00000000", "20240430", "20240501", "20240502", "99999999"};
    for (int s = 0; s < 2; s++)
        for (size_t b = 0; b < sizeof bounds / sizeof *bounds; b++)
            for (uint64_t d = 1; d <= N_DOCS; d++) {
                lg_key k = key_of(d);
                lg_window w = {.bounded = 1};
                snprintf(w.bound, sizeof w.bound, "%s", bounds[b]);
                /* A window never starts before the cursor. */
                if (!within(sorts[s], d, bounds[b]))
                    continue;
                char want[256] = "";
                for (uint64_t o = 1; o <= N_DOCS; o++) {
                    lg_key other = key_of(o);
                    if (lg_key_cmp(sorts[s], &other, &k) > 0 && within(sorts[s], o, bounds[b]))
                        snprintf(want + strlen(want), sizeof want - strlen(want), "%s%llu",
                                 *want ? " " : "", (unsigned long long)o);
                }
                ck_assert_msg(strcmp(ids(lg_key_after(sorts[s], &k, &w)), want) == 0,
                              "sort %d bound '%s' after doc %llu: wanted %s", s, bounds[b],
                              (unsigned long long)d, want);
            }
}
END_TEST

/* Windows follow the pages: about twice the last full page's dates
 * (counted in 32-day months),
 * widened after a short one, none in id order or once a page without
 * one came back short (the end). */
START_TEST(window_follows_pages)
{
    lg_key a, b, u;
    lg_key_set(&a, "20240510", 8, 1);
    lg_key_set(&b, "20240505", 8, 2);
    lg_key_set(&u, "", 0, 3);
    lg_window w = {0};
    lg_window_next(&w, LG_SORT_NEWEST, &a, &b, 10, 10);
    ck_assert(w.bounded);
    ck_assert_str_eq(w.bound, "20240426");
    lg_window_next(&w, LG_SORT_NEWEST, &b, &b, 0, 10);
    ck_assert(w.bounded);
    ck_assert_str_lt(w.bound, "20240426");
    lg_window_next(&w, LG_SORT_OLDEST, &b, &a, 10, 10);
    ck_assert_str_eq(w.bound, "20240521");
    lg_window_next(&w, LG_SORT_OLDEST, &u, &u, 10, 10);
    ck_assert(w.bounded);
    ck_assert_str_eq(w.bound, "");
    lg_window_next(&w, LG_SORT_ID, &a, &b, 10, 10);
    ck_assert(!w.bounded);
    lg_window_next(&w, LG_SORT_NEWEST, &a, &b, 3, 10);
    ck_assert(!w.bounded);
    lg_key_set(&b, "0000", 4, 2);
    lg_window_next(&w, LG_SORT_NEWEST, &a, &b, 10, 10);
    ck_assert(!w.bounded);
}
END_TEST

/* A first window keeps exactly the documents from the start of the order
 * up to its bound; it starts at the first date of the order, widens when
 * it found nothing, and is unbounded when it would hold every date. */
START_TEST(first_window)
{
    static const lg_sort sorts[] = {LG_SORT_NEWEST, LG_SORT_OLDEST};
    static const char *bounds[] = {"", "20231231", "20240430", "20240501", "20240502"};
    for (int s = 0; s < 2; s++)
        for (size_t b = 0; b < sizeof bounds / sizeof *bounds; b++) {
            if (sorts[s] == LG_SORT_NEWEST && !*bounds[b])
                continue;
            lg_window w = {.bounded = 1};
            snprintf(w.bound, sizeof w.bound, "%s", bounds[b]);
            char want[256] = "";
            for (uint64_t o = 1; o <= N_DOCS; o++)
                if (within(sorts[s], o, bounds[b]))
                    snprintf(want + strlen(want), sizeof want - strlen(want), "%s%llu",
                             *want ? " " : "", (unsigned long long)o);
            ck_assert_msg(strcmp(ids(lg_key_first(sorts[s], &w)), want) == 0,
                          "sort %d first window to '%s': wanted %s", s, bounds[b], want);
        }
    lg_window w;
    lg_window_first(&w, LG_SORT_NEWEST, "20240101", "20240501", 1000, 10);
    ck_assert(w.bounded);
    ck_assert_str_eq(w.bound, "20240430");
    lg_window_next(&w, LG_SORT_NEWEST, NULL, NULL, 0, 10);
    ck_assert(w.bounded);
    ck_assert_str_lt(w.bound, "20240430");
    lg_window_first(&w, LG_SORT_OLDEST, "20240101", "20240501", 1000, 10);
    ck_assert_str_eq(w.bound, "20240104"); /* 3 days: 2 x 10 of 1,000 over 128 */
    lg_window_first(&w, LG_SORT_OLDEST, "20240101", "20240501", 10, 10);
    ck_assert(!w.bounded);
    lg_window_first(&w, LG_SORT_NEWEST, "", "", 1000, 10);
    ck_assert(!w.bounded);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("keyset");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, orders);
    tcase_add_test(tc, orders_match_xapian);
    tcase_add_test(tc, after_is_exact);
    tcase_add_test(tc, window_is_exact);
    tcase_add_test(tc, window_follows_pages);
    tcase_add_test(tc, first_window);
    suite_add_tcase(s, tc);
    return lg_test_run(s);
}
