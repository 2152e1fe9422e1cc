/* JSON Lines records: fields, sources, and every error naming its line. */
#include <stdlib.h>
#include <string.h>

#include "jsonl.h"
#include "testutil.h"

static lg_err e;

static int parse(const char *line, lg_article *a)
{
    return lg_jsonl_record(line, strlen(line), "/f/feed.jsonl", 7, a, &e);
}

START_TEST(all_fields)
{
    lg_article a;
    ck_assert_int_eq(parse("{\"url\":\"https://x/1\",\"id\":\"a\",\"date\":\"2024-05-21T17:40:00Z\","
                           "\"outlet\":\"TASS\",\"speaker\":\"Сергей Лавров\",\"title\":\"T\","
                           "\"lang\":\"ru\",\"text\":\"Слова\",\"extra\":[1,2]}", &a), 0);
    ck_assert_str_eq(a.source, "https://x/1");
    ck_assert_str_eq(a.origin, "/f/feed.jsonl");
    ck_assert_str_eq(a.outlet, "TASS");
    ck_assert_str_eq(a.speaker, "Сергей Лавров");
    ck_assert_str_eq(a.title, "T");
    ck_assert_str_eq(a.lang, "ru");
    ck_assert_str_eq(a.text, "Слова");
    ck_assert_uint_eq(a.text_len, strlen("Слова"));
    ck_assert_int_eq(a.date.year, 2024);
    ck_assert_int_eq(a.date.precision, LG_DATE_MINUTE);
    lg_article_clear(&a);
}
END_TEST

START_TEST(sources)
{
    lg_article a;
    ck_assert_int_eq(parse("{\"id\":\"x-1\",\"text\":\"t\"}", &a), 0);
    ck_assert_str_eq(a.source, "/f/feed.jsonl#x-1");
    lg_article_clear(&a);
    ck_assert_int_eq(parse("{\"id\":42,\"text\":\"t\"}", &a), 0);
    ck_assert_str_eq(a.source, "/f/feed.jsonl#42");
    lg_article_clear(&a);
    ck_assert_int_eq(parse("{\"text\":\"t\",\"outlet\":null}", &a), 0);
    ck_assert_str_eq(a.source, "/f/feed.jsonl#L7");
    ck_assert_ptr_null(a.outlet);
    ck_assert_int_eq(a.date.precision, LG_DATE_UNKNOWN);
    lg_article_clear(&a);
}
END_TEST

static void expect_error(const char *line, const char *msg)
{
    lg_article a;
    ck_assert_int_eq(parse(line, &a), -1);
    ck_assert_msg(strstr(e.msg, msg) != NULL, "'%s' not in '%s'", msg, e.msg);
    ck_assert_ptr_null(a.text);
}

START_TEST(errors)
{
    expect_error("{\"text\": 5}", "/f/feed.jsonl:7: field \"text\" must be a string");
    expect_error("{\"title\": \"x\"}", "field \"text\" is missing or empty");
    expect_error("{\"text\": \"\"}", "field \"text\" is missing or empty");
    expect_error("{\"text\": \"t\", \"id\": [1]}", "field \"id\" must be a string or an integer");
    expect_error("{\"text\": \"t\", \"date\": \"2024-13-01\"}", "bad date \"2024-13-01\" at character 6");
    expect_error("{\"text\": \"t\",", "/f/feed.jsonl:7:");
    expect_error("[1, 2]", "must be a JSON object");
    expect_error("{\"text\": \"t\", \"text\": \"u\"}", "invalid JSON");
    expect_error("{\"text\": \"caf\xc3\"}", "/f/feed.jsonl:7:14: invalid UTF-8");
}
END_TEST

/* A record of exactly LG_MAX_RECORD_BYTES is read; one byte more is an
 * error naming the line and the limit, before any parsing. */
START_TEST(record_limit)
{
    size_t max = LG_MAX_RECORD_BYTES;
    char *line = malloc(max + 2);
    ck_assert_ptr_nonnull(line);
    memcpy(line, "{\"text\":\"", 9);
    memset(line + 9, 'a', max + 1 - 9 - 2);
    memcpy(line + max + 1 - 2, "\"}", 2);
    lg_article a;
    ck_assert_int_eq(lg_jsonl_record(line, max + 1, "/f/feed.jsonl", 7, &a, &e), -1);
    ck_assert_str_eq(e.msg, "/f/feed.jsonl:7: line longer than 16 MiB, the limit for a record");
    memcpy(line + max - 2, "\"}", 2);
    ck_assert_int_eq(lg_jsonl_record(line, max, "/f/feed.jsonl", 7, &a, &e), 0);
    ck_assert_uint_eq(a.text_len, max - 11);
    lg_article_clear(&a);
    free(line);
}
END_TEST

START_TEST(hash_covers_metadata)
{
    lg_article a, b;
    ck_assert_int_eq(parse("{\"text\":\"same\",\"outlet\":\"A\"}", &a), 0);
    ck_assert_int_eq(parse("{\"text\":\"same\",\"outlet\":\"B\"}", &b), 0);
    lg_article_hash(&a);
    lg_article_hash(&b);
    ck_assert_uint_eq(strlen(a.sha256), 64);
    ck_assert_str_ne(a.sha256, b.sha256);
    free(b.outlet);
    b.outlet = strdup("A");
    lg_article_hash(&b);
    ck_assert_str_eq(a.sha256, b.sha256);
    lg_article_clear(&a);
    lg_article_clear(&b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("jsonl");
    TCase *tc = tcase_create("records");
    tcase_add_test(tc, all_fields);
    tcase_add_test(tc, sources);
    tcase_add_test(tc, errors);
    tcase_add_test(tc, hash_covers_metadata);
    tcase_add_test(tc, record_limit);
    suite_add_tcase(s, tc);
    return lg_test_run(s);
}
