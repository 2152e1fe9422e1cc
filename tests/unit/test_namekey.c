#include "analyze.h"
#include "testutil.h"

#include <string.h>

static const char *key(const char *name, char out[128])
{
    int n = lg_name_key(name, strlen(name), out, 128);
    ck_assert_int_ge(n, 0);
    ck_assert_uint_eq(strlen(out), (size_t)n);
    return out;
}

/* Every name in the NULL-terminated list gets the key `want`. */
static void assert_keys(const char *want, const char *const *names)
{
    char out[128];
    for (; *names; names++)
        ck_assert_msg(strcmp(key(*names, out), want) == 0, "%s -> \"%s\", want \"%s\"", *names, out, want);
}

START_TEST(russian_names)
{
    assert_keys("sergei", (const char *const[]){"Sergey", "Sergei", "Сергей", "SERGEY", NULL});
    assert_keys("lavrov", (const char *const[]){"Lavrov", "Лавров", NULL});
    assert_keys("sergei lavrov", (const char *const[]){"Sergey Lavrov", "  Сергей   Лавров ", "Sergei, Lavrov", NULL});
    assert_keys("maria zakharova",
        (const char *const[]){"Maria Zakharova", "Mariya Zakharova", "Мария Захарова", NULL});
    assert_keys("dmitri peskov", (const char *const[]){"Dmitry Peskov", "Dmitriy Peskov", "Дмитрий Песков", NULL});
    assert_keys("aleksei", (const char *const[]){"Alexei", "Alexey", "Aleksey", "Алексей", NULL});
}
END_TEST

START_TEST(ukrainian_names)
{
    assert_keys("volodimir zelenski", (const char *const[]){"Volodymyr Zelensky", "Volodymyr Zelenskyy",
        "Volodymyr Zelenskiy", "Володимир Зеленський", NULL});
    assert_keys("zelenski", (const char *const[]){"Зеленский", "Zelenskyy", NULL});
    assert_keys("kiv", (const char *const[]){"Kyiv", "Київ", NULL});
}
END_TEST

START_TEST(distinct_names_stay_distinct)
{
    char a[128], b[128];
    ck_assert_str_ne(key("Lavrov", a), key("Lavrova", b));
    ck_assert_str_ne(key("Zakharova", a), key("Zaharova", b));
}
END_TEST

START_TEST(latin_diacritics_and_punctuation)
{
    assert_keys("jose manuel albares", (const char *const[]){"José Manuel Albares", "JOSE-MANUEL ALBARES", NULL});
    assert_keys("radoslaw sikorski", (const char *const[]){"Radosław Sikorski", NULL});
    assert_keys("obrien", (const char *const[]){"O'Brien", "O’Brien", "OBrien", NULL});
    char out[128];
    ck_assert_str_eq(key("ﬁnn", out), "finn");
}
END_TEST

START_TEST(outlets)
{
    assert_keys("caliber.az", (const char *const[]){"Caliber.Az", "caliber.az", "«Caliber.az»", NULL});
    assert_keys("www.tass.ru", (const char *const[]){"www.tass.ru", "WWW.TASS.RU.", NULL});
    assert_keys("ria novosti", (const char *const[]){"RIA Novosti", "РИА Новости", "RIA-Novosti", NULL});
    assert_keys("rt 24", (const char *const[]){"RT 24", "RT (24)", "RT ... 24", NULL});
}
END_TEST

START_TEST(no_letters)
{
    char out[16] = "junk";
    ck_assert_int_eq(lg_name_key("", 0, out, sizeof out), 0);
    ck_assert_str_eq(out, "");
    strcpy(out, "junk");
    ck_assert_int_eq(lg_name_key(" -- «» ...", strlen(" -- «» ..."), out, sizeof out), 0);
    ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(buffer_too_small)
{
    char out[8];
    ck_assert_int_eq(lg_name_key("Lavrov", 6, out, 7), 6);
    ck_assert_str_eq(out, "lavrov");
    ck_assert_int_eq(lg_name_key("Lavrov", 6, out, 6), -1);
    ck_assert_int_eq(lg_name_key("Щукин", strlen("Щукин"), out, sizeof out), -1);
    ck_assert_int_eq(lg_name_key("", 0, out, 0), -1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("namekey");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, russian_names);
    tcase_add_test(tc, ukrainian_names);
    tcase_add_test(tc, distinct_names_stay_distinct);
    tcase_add_test(tc, latin_diacritics_and_punctuation);
    tcase_add_test(tc, outlets);
    tcase_add_test(tc, no_letters);
    tcase_add_test(tc, buffer_too_small);
    suite_add_tcase(s, tc);
    return lg_test_run(s);
}
