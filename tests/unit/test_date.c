#include "date.h"
#include "testutil.h"

#include <string.h>

static lg_date parse_ok(const char *s)
{
    lg_date d;
    size_t err = 12345;
    ck_assert_msg(lg_date_parse_iso(s, strlen(s), &d, &err) == 0, "%s rejected at %zu", s, err);
    return d;
}

static void assert_rejected(const char *s, size_t want_at)
{
    lg_date d;
    size_t err = 12345;
    ck_assert_msg(lg_date_parse_iso(s, strlen(s), &d, &err) == -1, "%s accepted", s);
    ck_assert_msg(err == want_at, "%s: err_at %zu, want %zu", s, err, want_at);
    ck_assert_int_eq(d.precision, LG_DATE_UNKNOWN);
}

START_TEST(year_month_day)
{
    lg_date d = parse_ok("2024");
    ck_assert_int_eq(d.precision, LG_DATE_YEAR);
    ck_assert_int_eq(d.year, 2024);
    ck_assert_int_eq(d.month, 0);
    ck_assert_int_eq(d.day, 0);
    ck_assert_int_eq(d.hour, -1);
    ck_assert_int_eq(d.minute, -1);

    d = parse_ok("2024-05");
    ck_assert_int_eq(d.precision, LG_DATE_MONTH);
    ck_assert_int_eq(d.month, 5);
    ck_assert_int_eq(d.day, 0);

    d = parse_ok("2024-05-21");
    ck_assert_int_eq(d.precision, LG_DATE_DAY);
    ck_assert_int_eq(d.year, 2024);
    ck_assert_int_eq(d.month, 5);
    ck_assert_int_eq(d.day, 21);
    ck_assert_int_eq(d.hour, -1);
}
END_TEST

START_TEST(with_time)
{
    static const char *const forms[] = {
        "2024-05-21T17:40", "2024-05-21 17:40", "2024-05-21T17:40:00Z", "2024-05-21 17:40:00+03:00",
        "2024-05-21T17:40:59.123Z", "2024-05-21T17:40+0300", "2024-05-21T17:40-05:30", "2024-05-21T17:40:00.5",
        "2024-05-21T17:40+03",
    };
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        lg_date d = parse_ok(forms[i]);
        ck_assert_int_eq(d.precision, LG_DATE_MINUTE);
        ck_assert_int_eq(d.day, 21);
        ck_assert_int_eq(d.hour, 17);
        ck_assert_int_eq(d.minute, 40);
    }
}
END_TEST

START_TEST(leap_years)
{
    ck_assert_int_eq(parse_ok("2024-02-29").day, 29);
    ck_assert_int_eq(parse_ok("2000-02-29").day, 29);
    ck_assert_int_eq(parse_ok("2023-12-31").day, 31);
    assert_rejected("2023-02-29", 8);
    assert_rejected("1900-02-29", 8);
    assert_rejected("2024-02-30", 8);
    assert_rejected("2024-04-31", 8);
}
END_TEST

START_TEST(rejections)
{
    assert_rejected("", 0);
    assert_rejected("garbage", 0);
    assert_rejected("0000", 0);
    assert_rejected("202", 3);
    assert_rejected("20245", 4);
    assert_rejected("2024-13", 5);
    assert_rejected("2024-00", 5);
    assert_rejected("2024-5-1", 6);
    assert_rejected("2024-05-1", 9);
    assert_rejected("2024-05-00", 8);
    assert_rejected("2024-05-21x", 10);
    assert_rejected("2024-05-21T", 11);
    assert_rejected("2024-05-21T24:00", 11);
    assert_rejected("2024-05-21T17:60", 14);
    assert_rejected("2024-05-21T1740", 13);
    assert_rejected("2024-05-21T17:40:61", 17);
    assert_rejected("2024-05-21T17:40:00.", 20);
    assert_rejected("2024-05-21T17:40.5", 16);
    assert_rejected("2024-05-21T17:40:00+3", 21);
    assert_rejected("2024-05-21T17:40:00+03:", 23);
    assert_rejected("2024-05-21T17:40Z ", 17);
    assert_rejected("2024/05/21", 4);
}
END_TEST

START_TEST(length_bounds_input)
{
    lg_date d;
    size_t err;
    ck_assert_int_eq(lg_date_parse_iso("2024-05-21", 7, &d, &err), 0);
    ck_assert_int_eq(d.precision, LG_DATE_MONTH);
    ck_assert_int_eq(lg_date_parse_iso("2024\0", 5, &d, &err), -1);
    ck_assert_uint_eq(err, 4);
}
END_TEST

START_TEST(precision_names)
{
    ck_assert_str_eq(lg_date_precision_name(LG_DATE_MINUTE), "minute");
    ck_assert_str_eq(lg_date_precision_name(LG_DATE_DAY), "day");
    ck_assert_str_eq(lg_date_precision_name(LG_DATE_MONTH), "month");
    ck_assert_str_eq(lg_date_precision_name(LG_DATE_YEAR), "year");
    ck_assert_str_eq(lg_date_precision_name(LG_DATE_UNKNOWN), "unknown");
}
END_TEST

/* format, slot and period of the date parsed from `s` ("" = unknown). */
static void assert_forms(const char *s, const char *text, const char *slot, const char *lo, const char *hi)
{
    lg_date d = {0, 0, 0, -1, -1, LG_DATE_UNKNOWN};
    if (*s)
        d = parse_ok(s);
    char f[11], sl[9], l[9], h[9];
    memset(f, 'x', sizeof f);
    memset(sl, 'x', sizeof sl);
    lg_date_format(&d, f);
    lg_date_slot(&d, sl);
    lg_date_period(&d, l, h);
    ck_assert_str_eq(f, text);
    ck_assert_str_eq(sl, slot);
    ck_assert_str_eq(l, lo);
    ck_assert_str_eq(h, hi);
}

START_TEST(outputs)
{
    assert_forms("2024", "2024", "20240000", "20240000", "20249999");
    assert_forms("2024-05", "2024-05", "20240500", "20240500", "20240599");
    assert_forms("2024-05-21", "2024-05-21", "20240521", "20240521", "20240521");
    assert_forms("2024-05-21T17:40+03:00", "2024-05-21", "20240521", "20240521", "20240521");
    assert_forms("0987-01-02", "0987-01-02", "09870102", "09870102", "09870102");
    assert_forms("", "", "", "", "");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("date");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, year_month_day);
    tcase_add_test(tc, with_time);
    tcase_add_test(tc, leap_years);
    tcase_add_test(tc, rejections);
    tcase_add_test(tc, length_bounds_input);
    tcase_add_test(tc, precision_names);
    tcase_add_test(tc, outputs);
    suite_add_tcase(s, tc);
    return lg_test_run(s);
}
