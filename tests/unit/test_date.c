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

START_TEST(zones_and_days)
{
    int m = 99;
    ck_assert_int_eq(lg_date_zone("2019-10-18T22:04:00Z", 20, &m), 1);
    ck_assert_int_eq(m, 0);
    ck_assert_int_eq(lg_date_zone("2023-11-02T10:12:16-04:00", 25, &m), 1);
    ck_assert_int_eq(m, -240);
    ck_assert_int_eq(lg_date_zone("2019-10-18T16:06:50+0200", 24, &m), 1);
    ck_assert_int_eq(m, 120);
    ck_assert_int_eq(lg_date_zone("2022-01-27T12:45:36.270+01", 26, &m), 1);
    ck_assert_int_eq(m, 60);
    ck_assert_int_eq(lg_date_zone("2020-01-10 09:00:04", 19, &m), 0);
    ck_assert_int_eq(lg_date_zone("2024-05-21", 10, &m), 0);
    ck_assert_int_eq(lg_date_zone("2024-05-21-04:00", 16, &m), 0);  /* no time before it */
    lg_date a = {1970, 1, 1, -1, -1, LG_DATE_DAY}, b = {2000, 3, 1, -1, -1, LG_DATE_DAY};
    lg_date c = {2000, 2, 29, -1, -1, LG_DATE_DAY}, e = {1969, 12, 31, -1, -1, LG_DATE_DAY};
    ck_assert_int_eq(lg_date_days(&a), 0);
    ck_assert_int_eq(lg_date_days(&b) - lg_date_days(&c), 1);
    ck_assert_int_eq(lg_date_days(&b), 11017);
    ck_assert_int_eq(lg_date_days(&e), -1);
}
END_TEST

/* ---- free text ---- */

/* Parses `s` expecting the date `want` ("YYYY-MM-DD" or "YYYY-MM"), the
 * precision, hh:mm (or -1) and the span `span` (a substring of s). */
static void assert_text(const char *s, const char *want, lg_date_precision p, int hh, int mm, const char *span)
{
    lg_date d;
    size_t a = 999, b = 999;
    ck_assert_msg(lg_date_parse_text(s, strlen(s), &d, &a, &b) == 0, "no date in \"%s\"", s);
    char f[11];
    lg_date_format(&d, f);
    ck_assert_msg(strcmp(f, want) == 0, "\"%s\": %s, want %s", s, f, want);
    ck_assert_msg(d.precision == p, "\"%s\": precision %s", s, lg_date_precision_name(d.precision));
    ck_assert_int_eq(d.hour, hh);
    ck_assert_int_eq(d.minute, mm);
    const char *at = strstr(s, span);
    ck_assert_ptr_nonnull(at);
    ck_assert_msg(a == (size_t)(at - s) && b == a + strlen(span), "\"%s\": span [%zu, %zu), want \"%s\"", s, a, b, span);
}

static void assert_no_text_date(const char *s)
{
    lg_date d = {2000, 1, 1, 1, 1, LG_DATE_MINUTE};
    size_t a = 999, b = 999;
    ck_assert_msg(lg_date_parse_text(s, strlen(s), &d, &a, &b) == -1, "date found in \"%s\" at %zu", s, a);
    ck_assert_int_eq(d.precision, LG_DATE_UNKNOWN);
    ck_assert_int_eq(d.year, 0);
    ck_assert_uint_eq(a, 999);
}

START_TEST(text_iso)
{
    assert_text("date 2025-05-14 403", "2025-05-14", LG_DATE_DAY, -1, -1, "2025-05-14");
    assert_text("at 2024-05-21T17:40:00+03:00.", "2024-05-21", LG_DATE_MINUTE, 17, 40, "2024-05-21T17:40:00+03:00");
    assert_text("2024-05-21 17:40:00Z", "2024-05-21", LG_DATE_MINUTE, 17, 40, "2024-05-21 17:40:00Z");
    assert_text("(2024-05-21 09:05)", "2024-05-21", LG_DATE_MINUTE, 9, 5, "2024-05-21 09:05");
    /* A time is attached once: the second clock is not the date's. */
    assert_text("2024-05-21T17:40 18:00", "2024-05-21", LG_DATE_MINUTE, 17, 40, "2024-05-21T17:40");
    assert_text("filed 2024/05/21", "2024-05-21", LG_DATE_DAY, -1, -1, "2024/05/21");
    assert_text("2020.10.26 13:44", "2020-10-26", LG_DATE_MINUTE, 13, 44, "2020.10.26 13:44");
}
END_TEST

START_TEST(text_numeric_day_first)
{
    assert_text("Stand: 21.05.2024", "2024-05-21", LG_DATE_DAY, -1, -1, "21.05.2024");
    assert_text("1.2.2024", "2024-02-01", LG_DATE_DAY, -1, -1, "1.2.2024");
    assert_text("21/05/2024", "2024-05-21", LG_DATE_DAY, -1, -1, "21/05/2024");
    /* A second number above 12 makes the first the month. */
    assert_text("05/21/2024", "2024-05-21", LG_DATE_DAY, -1, -1, "05/21/2024");
    /* Both could be months: day first. */
    assert_text("05/06/2024", "2024-06-05", LG_DATE_DAY, -1, -1, "05/06/2024");
    /* Dots are always day first, even when that cannot be. */
    assert_no_text_date("05.21.2024");
    assert_text("21.05.2024, 17:40", "2024-05-21", LG_DATE_MINUTE, 17, 40, "21.05.2024, 17:40");
}
END_TEST

START_TEST(text_day_month_year)
{
    assert_text("26 December 2024 17:40", "2024-12-26", LG_DATE_MINUTE, 17, 40, "26 December 2024 17:40");
    assert_text("on 26 Dec 2024.", "2024-12-26", LG_DATE_DAY, -1, -1, "26 Dec 2024");
    assert_text("26 Dec. 2024", "2024-12-26", LG_DATE_DAY, -1, -1, "26 Dec. 2024");
    assert_text("Published 29th Oct 2023, 12:47 GMT", "2023-10-29", LG_DATE_MINUTE, 12, 47, "29th Oct 2023, 12:47");
    assert_text("3 SEPT 2024", "2024-09-03", LG_DATE_DAY, -1, -1, "3 SEPT 2024");
    assert_text("3. August 2015 \xC2\xB7 Filed", "2015-08-03", LG_DATE_DAY, -1, -1, "3. August 2015");
    assert_text("26 декабря 2024", "2024-12-26", LG_DATE_DAY, -1, -1, "26 декабря 2024");
    assert_text("от 26 декабря 2024 г. сообщил", "2024-12-26", LG_DATE_DAY, -1, -1, "26 декабря 2024 г.");
    assert_text("1 ДЕКАБРЯ 2020 14:02", "2020-12-01", LG_DATE_MINUTE, 14, 2, "1 ДЕКАБРЯ 2020 14:02");
    assert_text("Вторник, 21 мая 2024 года в 09:30", "2024-05-21", LG_DATE_MINUTE, 9, 30,
                "Вторник, 21 мая 2024 года в 09:30");
}
END_TEST

START_TEST(text_month_day_year)
{
    assert_text("December 26, 2024", "2024-12-26", LG_DATE_DAY, -1, -1, "December 26, 2024");
    assert_text("Tuesday, May 21, 2024", "2024-05-21", LG_DATE_DAY, -1, -1, "Tuesday, May 21, 2024");
    assert_text("Tue. May 21 2024 x", "2024-05-21", LG_DATE_DAY, -1, -1, "Tue. May 21 2024");
    assert_text("May 21, 2024 5:40 PM", "2024-05-21", LG_DATE_MINUTE, 17, 40, "May 21, 2024 5:40 PM");
    assert_text("May 21st, 2024 at 12:05 a.m. EST", "2024-05-21", LG_DATE_MINUTE, 0, 5,
                "May 21st, 2024 at 12:05 a.m.");
    assert_text("Dec. 26, 2024", "2024-12-26", LG_DATE_DAY, -1, -1, "Dec. 26, 2024");
    assert_text("Sept 5, 2024", "2024-09-05", LG_DATE_DAY, -1, -1, "Sept 5, 2024");
    assert_text("Posted: Nov 8, 2023 / 02:40 PM CST", "2023-11-08", LG_DATE_MINUTE, 14, 40, "Nov 8, 2023 / 02:40 PM");
    assert_text("november 8 2023, 12:30 pm", "2023-11-08", LG_DATE_MINUTE, 12, 30, "november 8 2023, 12:30 pm");
}
END_TEST

START_TEST(text_month_precision)
{
    assert_text("talks in May 2024 stalled", "2024-05", LG_DATE_MONTH, -1, -1, "May 2024");
    assert_text("декабрь 2024", "2024-12", LG_DATE_MONTH, -1, -1, "декабрь 2024");
    assert_text("Декабрь 2024 г.", "2024-12", LG_DATE_MONTH, -1, -1, "Декабрь 2024 г.");
    assert_text("Jan. 2023", "2023-01", LG_DATE_MONTH, -1, -1, "Jan. 2023");
}
END_TEST

START_TEST(text_european_months)
{
    assert_text("[Samstag, 19. Juli 2014]", "2014-07-19", LG_DATE_DAY, -1, -1, "Samstag, 19. Juli 2014");
    assert_text("Veröffentlicht am 3. März 2021", "2021-03-03", LG_DATE_DAY, -1, -1, "3. März 2021");
    assert_text("Derniere 12.Mai 2015)", "2015-05-12", LG_DATE_DAY, -1, -1, "12.Mai 2015");
    assert_text("Mär 12, 2018 um 12:30 PDT", "2018-03-12", LG_DATE_DAY, -1, -1, "Mär 12, 2018");
    assert_text("21. Okt. 2014", "2014-10-21", LG_DATE_DAY, -1, -1, "21. Okt. 2014");
    assert_text("jeudi 13 juin 2019", "2019-06-13", LG_DATE_DAY, -1, -1, "jeudi 13 juin 2019");
    assert_text("le 1er mai 2019,", "2019-05-01", LG_DATE_DAY, -1, -1, "1er mai 2019");
    assert_text("7 févr. 2020", "2020-02-07", LG_DATE_DAY, -1, -1, "7 févr. 2020");
    assert_text("sábado, 16 de mayo de 2020", "2020-05-16", LG_DATE_DAY, -1, -1, "sábado, 16 de mayo de 2020");
    assert_text("Domingo, Diciembre 6, 2020 - 07:32", "2020-12-06", LG_DATE_MINUTE, 7, 32,
                "Domingo, Diciembre 6, 2020 - 07:32");
    assert_text("10 de dezembro de 2020", "2020-12-10", LG_DATE_DAY, -1, -1, "10 de dezembro de 2020");
    assert_text("giovedì 3 settembre 2020", "2020-09-03", LG_DATE_DAY, -1, -1, "giovedì 3 settembre 2020");
    assert_text("Zaterdag 26 september 2020", "2020-09-26", LG_DATE_DAY, -1, -1, "Zaterdag 26 september 2020");
    assert_text("3 maj 2020", "2020-05-03", LG_DATE_DAY, -1, -1, "3 maj 2020");
    assert_text("Unica.md, 20 septembrie 2020 16:20", "2020-09-20", LG_DATE_MINUTE, 16, 20,
                "20 septembrie 2020 16:20");
    assert_text("Oktober 2015", "2015-10", LG_DATE_MONTH, -1, -1, "Oktober 2015");
}
END_TEST

START_TEST(text_marked_year_month_day)
{
    assert_text("2020年7月15日 11時00分", "2020-07-15", LG_DATE_DAY, -1, -1, "2020年7月15日");
    assert_text("于2019年12月3日发布", "2019-12-03", LG_DATE_DAY, -1, -1, "2019年12月3日");
    assert_text("2020년 9월 2일", "2020-09-02", LG_DATE_DAY, -1, -1, "2020년 9월 2일");
    assert_no_text_date("2020年13月1日");
}
END_TEST

START_TEST(text_time_needs_a_clock)
{
    /* What follows a date but is no time leaves it at day precision. */
    assert_text("21 May 2024 5 people", "2024-05-21", LG_DATE_DAY, -1, -1, "21 May 2024");
    assert_text("21 May 2024 25:10", "2024-05-21", LG_DATE_DAY, -1, -1, "21 May 2024");
    assert_text("21 May 2024 17:4", "2024-05-21", LG_DATE_DAY, -1, -1, "21 May 2024");
    assert_text("21 May 2024 at noon", "2024-05-21", LG_DATE_DAY, -1, -1, "21 May 2024");
    /* The time may come first. */
    assert_text("14:05, 3 марта 2025", "2025-03-03", LG_DATE_MINUTE, 14, 5, "14:05, 3 марта 2025");
    /* Glued to a word, the time is not read. */
    assert_text("Updated08:47, 3 NOV 2023", "2023-11-03", LG_DATE_DAY, -1, -1, "3 NOV 2023");
    assert_text("at 9:30 24.11.2020", "2020-11-24", LG_DATE_MINUTE, 9, 30, "9:30 24.11.2020");
    /* ... but a date that already has its own keeps it. */
    assert_text("9:30 24.11.2020 10:15", "2020-11-24", LG_DATE_MINUTE, 10, 15, "24.11.2020 10:15");
    /* A clock alone, or before a month, is no date. */
    assert_text("open 9:30, May 2024", "2024-05", LG_DATE_MONTH, -1, -1, "May 2024");
    /* A meridiem on a 24-hour clock is not read. */
    assert_text("21 May 2024 17:40 PM", "2024-05-21", LG_DATE_MINUTE, 17, 40, "21 May 2024 17:40");
}
END_TEST

START_TEST(text_rejections)
{
    assert_no_text_date("");
    assert_no_text_date("the coup in Kiev in 2014, he added");
    assert_no_text_date("President Putin said in June this year");
    assert_no_text_date("the failed talks in the spring of 2022");
    assert_no_text_date("Last Friday, the envoy travelled");
    assert_no_text_date("on May 5 talks were held");
    assert_no_text_date("Caliber.az \xC2\xA9 2024. .");
    assert_no_text_date("Feb 30, 2024");
    assert_no_text_date("30 Feb 2024");  /* not "Feb 2024" either */
    assert_no_text_date("29 February 2023");
    assert_no_text_date("31/04/2024");
    assert_no_text_date("13/13/2024");
    assert_no_text_date("2024-13-01");
    assert_no_text_date("2024-02-30");
    assert_no_text_date("2024-05-21T");        /* a T promises a time */
    assert_no_text_date("x2024-05-21");        /* inside a word */
    assert_no_text_date("[Screenshot-2019-07-29-at-12.png]"); /* a file name */
    assert_no_text_date("https://example.org/2018/02/11/story");
    assert_no_text_date("v3.1.5.2024");
    assert_no_text_date("2024-05-21abc");
    assert_no_text_date("126 May 2024");
    assert_no_text_date("May 20245");
    assert_no_text_date("May 2024abc");
    assert_no_text_date("Mayor 2024");     /* a month name inside a word */
    assert_no_text_date("Maison 8 pièces 230 m²");
    assert_no_text_date("2018年半月谈");     /* a year alone, in Chinese */
    assert_no_text_date("1 May 1850");         /* outside 1900-2099 */
    assert_no_text_date("Tuesday talks");
    assert_no_text_date("ДЕКАБРЯ");
}
END_TEST

START_TEST(text_first_of_several)
{
    assert_text("updated 2 June 2024, first published 1 June 2024", "2024-06-02", LG_DATE_DAY, -1, -1, "2 June 2024");
    assert_text("in 2014 and then on 03.04.2015 and May 2016", "2015-04-03", LG_DATE_DAY, -1, -1, "03.04.2015");
    assert_text("Feb 30, 2024 or rather March 1, 2024", "2024-03-01", LG_DATE_DAY, -1, -1, "March 1, 2024");
}
END_TEST

START_TEST(text_bounds_and_null_span)
{
    lg_date d;
    const char *s = "26 December 2024 17:40";
    /* The length bounds the text: the time is cut off, then the year. */
    ck_assert_int_eq(lg_date_parse_text(s, 16, &d, NULL, NULL), 0);
    ck_assert_int_eq(d.precision, LG_DATE_DAY);
    ck_assert_int_eq(lg_date_parse_text(s, 15, &d, NULL, NULL), -1);
    ck_assert_int_eq(lg_date_parse_text("May 2024", 8, &d, NULL, NULL), 0);
    ck_assert_int_eq(d.month, 5);
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
    tcase_add_test(tc, zones_and_days);
    suite_add_tcase(s, tc);
    TCase *text = tcase_create("text");
    tcase_add_test(text, text_iso);
    tcase_add_test(text, text_numeric_day_first);
    tcase_add_test(text, text_day_month_year);
    tcase_add_test(text, text_month_day_year);
    tcase_add_test(text, text_month_precision);
    tcase_add_test(text, text_european_months);
    tcase_add_test(text, text_marked_year_month_day);
    tcase_add_test(text, text_time_needs_a_clock);
    tcase_add_test(text, text_rejections);
    tcase_add_test(text, text_first_of_several);
    tcase_add_test(text, text_bounds_and_null_span);
    suite_add_tcase(s, text);
    return lg_test_run(s);
}
