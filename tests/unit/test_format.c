#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "testutil.h"

/* "????-??-??" spelled so that C11 sees no trigraph. */
#define NO_DATE "?\?\?\?-\?\?-\?\?"
#define HEADER "id,rank,score,date,date_precision,outlet,speaker,title,source,lang,snippet,dup_count,outlets"

static const char *const output_keys[] = {
    "id", "rank", "score", "date", "date_precision", "outlet",
    "speaker", "title", "source", "lang", "snippet", "dup_count", "outlets",
};

/* A hit owning copies of its strings; NULL leaves a value absent. */
static void hit_fill(lg_hit *h, uint64_t id, uint64_t rank, double score, const char *title,
                     const char *snippet)
{
    memset(h, 0, sizeof *h);
    h->id = id;
    h->rank = rank;
    h->score = score;
    h->values[LG_F_DATE] = strdup("2024-12-26");
    h->values[LG_F_DATE_PRECISION] = strdup("day");
    h->values[LG_F_OUTLET] = strdup("caliber.az");
    h->values[LG_F_SPEAKER] = strdup("Sergei Lavrov");
    h->values[LG_F_TITLE] = title ? strdup(title) : NULL;
    h->values[LG_F_LANG] = strdup("en");
    h->snippet = snippet ? strdup(snippet) : NULL;
}

/* Runs a whole writer over n hits into memory; returns the bytes. */
static char *render(lg_format f, const char *query, int color, const lg_hit *hits, size_t n,
                    uint64_t total, uint64_t offset)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(out);
    lg_fmt *w = lg_fmt_new(f, out, query, color);
    ck_assert_ptr_nonnull(w);
    ck_assert_int_eq(lg_fmt_begin(w, total, 1, offset), 0);
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(lg_fmt_hit(w, &hits[i]), 0);
    ck_assert_int_eq(lg_fmt_end(w), 0);
    lg_fmt_free(w);
    fclose(out);
    return buf;
}

static char *render_one(lg_format f, int color, const char *title, const char *snippet)
{
    lg_hit h;
    hit_fill(&h, 42, 1, 12.5, title, snippet);
    char *out = render(f, "talks", color, &h, 1, 1, 0);
    lg_hit_clear(&h);
    return out;
}

START_TEST(test_parse)
{
    lg_format f;
    const char *names[] = {"text", "json", "ndjson", "csv", "tsv"};
    for (int i = 0; i < 5; i++) {
        ck_assert_int_eq(lg_format_parse(names[i], &f), 0);
        ck_assert_int_eq(f, i);
    }
    ck_assert_int_eq(lg_format_parse("xml", &f), -1);
    ck_assert_int_eq(lg_format_parse("JSON", &f), -1);
}
END_TEST

START_TEST(test_hit_clear)
{
    lg_hit h;
    hit_fill(&h, 1, 1, 1, "t", "s");
    h.hl = calloc(1, sizeof *h.hl);
    h.n_hl = 1;
    lg_hit_clear(&h);
    ck_assert_ptr_null(h.snippet);
    ck_assert_ptr_null(h.hl);
    ck_assert_ptr_null(h.values[LG_F_TITLE]);
    ck_assert_uint_eq(h.n_hl, 0);
}
END_TEST

START_TEST(test_csv_quoting)
{
    char *out = render_one(LG_FMT_CSV, 0, "Lavrov: \"talks\", maybe", "line one\nline two");
    ck_assert_str_eq(out, HEADER "\r\n"
                          "42,1,12.5,2024-12-26,day,caliber.az,Sergei Lavrov,"
                          "\"Lavrov: \"\"talks\"\", maybe\",,en,\"line one\nline two\",,\r\n");
    free(out);
}
END_TEST

START_TEST(test_csv_empty)
{
    char *out = render(LG_FMT_CSV, NULL, 0, NULL, 0, 0, 0);
    ck_assert_str_eq(out, HEADER "\r\n");
    free(out);
}
END_TEST

START_TEST(test_tsv_escaping)
{
    char *out = render_one(LG_FMT_TSV, 0, "a\tb\\c", "x\r\ny");
    ck_assert_str_eq(out, "id\trank\tscore\tdate\tdate_precision\toutlet\tspeaker\ttitle\tsource\t"
                          "lang\tsnippet\tdup_count\toutlets\n"
                          "42\t1\t12.5\t2024-12-26\tday\tcaliber.az\tSergei Lavrov\t"
                          "a\\tb\\\\c\t\ten\tx\\r\\ny\t\t\n");
    free(out);
}
END_TEST

/* Checks one parsed result object: keys in table order, types, nulls. */
static void check_result(json_t *obj, uint64_t id, uint64_t rank)
{
    ck_assert(json_is_object(obj));
    ck_assert_uint_eq(json_object_size(obj), sizeof output_keys / sizeof output_keys[0]);
    size_t i = 0;
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
        ck_assert_str_eq(key, output_keys[i++]);
    ck_assert_int_eq(json_integer_value(json_object_get(obj, "id")), (json_int_t)id);
    ck_assert_int_eq(json_integer_value(json_object_get(obj, "rank")), (json_int_t)rank);
    ck_assert(json_is_number(json_object_get(obj, "score")));
    ck_assert(json_is_null(json_object_get(obj, "source")));
    ck_assert(json_is_string(json_object_get(obj, "outlet")));
}

START_TEST(test_ndjson_lines)
{
    lg_hit hits[2];
    hit_fill(&hits[0], 7, 1, 3.25, "first", "snip");
    hit_fill(&hits[1], 9, 2, 1.0, NULL, NULL);
    char *out = render(LG_FMT_NDJSON, "q", 0, hits, 2, 2, 0);
    char *second = strchr(out, '\n') + 1;
    ck_assert_ptr_nonnull(strchr(second, '\n'));
    ck_assert_str_eq(strchr(second, '\n'), "\n");
    ck_assert_ptr_null(strstr(out, ": ")); /* compact */
    json_error_t err;
    json_t *a = json_loadb(out, (size_t)(second - out), 0, &err);
    json_t *b = json_loads(second, 0, &err);
    check_result(a, 7, 1);
    check_result(b, 9, 2);
    ck_assert_str_eq(json_string_value(json_object_get(a, "snippet")), "snip");
    ck_assert(json_is_null(json_object_get(b, "snippet")));
    ck_assert(json_is_null(json_object_get(b, "title")));
    json_decref(a);
    json_decref(b);
    free(out);
    lg_hit_clear(&hits[0]);
    lg_hit_clear(&hits[1]);
}
END_TEST

START_TEST(test_json_empty)
{
    char *out = render(LG_FMT_JSON, NULL, 0, NULL, 0, 0, 0);
    ck_assert_str_eq(out, "{\n  \"query\": null,\n  \"total\": 0,\n  \"total_exact\": true,\n"
                          "  \"offset\": 0,\n"
                          "  \"results\": []\n}\n");
    free(out);
}
END_TEST

START_TEST(test_json_two_hits)
{
    lg_hit hits[2];
    hit_fill(&hits[0], 7, 11, 3.25, "first", "snip");
    hit_fill(&hits[1], 9, 12, 1.0, NULL, NULL);
    char *out = render(LG_FMT_JSON, "lavrov \"talks\"", 0, hits, 2, 57, 10);
    json_error_t err;
    json_t *doc = json_loads(out, 0, &err);
    ck_assert_msg(doc != NULL, "invalid JSON: %s\n%s", err.text, out);
    ck_assert_str_eq(json_string_value(json_object_get(doc, "query")), "lavrov \"talks\"");
    ck_assert_int_eq(json_integer_value(json_object_get(doc, "total")), 57);
    ck_assert_int_eq(json_integer_value(json_object_get(doc, "offset")), 10);
    json_t *results = json_object_get(doc, "results");
    ck_assert_uint_eq(json_array_size(results), 2);
    check_result(json_array_get(results, 0), 7, 11);
    check_result(json_array_get(results, 1), 9, 12);
    /* Results are indented inside the document, not at column 0. */
    ck_assert_ptr_nonnull(strstr(out, "\n    {\n      \"id\": 7,"));
    json_decref(doc);
    free(out);
    lg_hit_clear(&hits[0]);
    lg_hit_clear(&hits[1]);
}
END_TEST

START_TEST(test_json_score)
{
    lg_hit hits[3];
    hit_fill(&hits[0], 1, 1, 12.3456789, NULL, NULL);
    hit_fill(&hits[1], 2, 2, NAN, NULL, NULL);
    hit_fill(&hits[2], 3, 3, 0.1, NULL, NULL);
    char *out = render(LG_FMT_NDJSON, NULL, 0, hits, 3, 3, 0);
    ck_assert_ptr_nonnull(strstr(out, "\"score\":12.345679,"));
    ck_assert_ptr_nonnull(strstr(out, "\"score\":0.0,"));
    ck_assert_ptr_nonnull(strstr(out, "\"score\":0.1,"));
    free(out);
    for (int i = 0; i < 3; i++)
        lg_hit_clear(&hits[i]);
}
END_TEST

START_TEST(test_utf8_unescaped)
{
    const char *ru = "Лавров: переговоры";
    char *nd = render_one(LG_FMT_NDJSON, 0, ru, NULL);
    char *js = render_one(LG_FMT_JSON, 0, ru, NULL);
    ck_assert_ptr_nonnull(strstr(nd, ru));
    ck_assert_ptr_nonnull(strstr(js, ru));
    ck_assert_ptr_null(strstr(nd, "\\u"));
    free(nd);
    free(js);
}
END_TEST

static lg_hit text_hit_fixture(void)
{
    lg_hit h;
    hit_fill(&h, 42, 3, 1, "Press conference", "we discussed the talks today");
    h.hl = malloc(sizeof *h.hl);
    h.hl[0] = (lg_span){17, 22}; /* "talks" */
    h.n_hl = 1;
    return h;
}

START_TEST(test_text_plain)
{
    lg_hit h = text_hit_fixture();
    char *out = render(LG_FMT_TEXT, "talks", 0, &h, 1, 1, 0);
    ck_assert_str_eq(out, "  3. 2024-12-26  caliber.az  Sergei Lavrov\n"
                          "     Press conference\n"
                          "     we discussed the talks today\n");
    free(out);
    lg_hit_clear(&h);
}
END_TEST

START_TEST(test_text_color)
{
    lg_hit h = text_hit_fixture();
    char *out = render(LG_FMT_TEXT, "talks", 1, &h, 1, 1, 0);
    ck_assert_ptr_nonnull(strstr(out, "the \033[1mtalks\033[0m today"));
    ck_assert_ptr_nonnull(strstr(out, "\033[1mPress conference\033[0m"));
    free(out);
    lg_hit_clear(&h);
}
END_TEST

START_TEST(test_text_missing_and_blank_line)
{
    lg_hit hits[2];
    memset(hits, 0, sizeof hits);
    hits[0].rank = 1;
    hits[1].rank = 2;
    hits[1].values[LG_F_OUTLET] = strdup("tass\033[2J");
    char *out = render(LG_FMT_TEXT, NULL, 0, hits, 2, 2, 0);
    ck_assert_str_eq(out, "  1. " NO_DATE "  -  -\n\n  2. " NO_DATE "  tass [2J  -\n");
    free(out);
    lg_hit_clear(&hits[1]);
}
END_TEST

/* Each line of s is at most max terminal columns (every char below is one
 * column wide, so counting UTF-8 lead bytes counts columns). */
static void check_line_widths(const char *s, size_t max)
{
    size_t col = 0;
    for (; *s; s++) {
        if (*s == '\n')
            col = 0;
        else if (((unsigned char)*s & 0xC0) != 0x80)
            ck_assert_uint_le(++col, max);
    }
}

START_TEST(test_text_wraps_utf8)
{
    char snippet[4096] = "";
    for (int i = 0; i < 60; i++)
        strcat(snippet, "переговоры ");
    char *out = render_one(LG_FMT_TEXT, 0, NULL, snippet);
    check_line_widths(out, 100);
    ck_assert_ptr_nonnull(strstr(out, "\n     переговоры"));
    free(out);
}
END_TEST

/* Wide characters take two columns, and a control character inside a
 * word is shown as a space: 19 words of four columns fit a line (5 of
 * indent, then 4 + 18 * 5 = 94 columns). */
START_TEST(test_text_wraps_wide_and_control)
{
    char snippet[4096] = "ab\001cd ";
    for (int i = 0; i < 40; i++)
        strcat(snippet, "中文 ");
    char *out = render_one(LG_FMT_TEXT, 0, NULL, snippet);
    const char *line = strstr(out, "     ab cd 中文");
    ck_assert_ptr_nonnull(line);
    line = strchr(line, '\n') + 1;
    const char *end = strchr(line, '\n');
    int words = 0;
    for (const char *p = line; (p = strstr(p, "中文")) && p < end; p++)
        words++;
    ck_assert_int_eq(words, 19);
    ck_assert_int_eq((int)(end - line), 5 + 19 * 6 + 18);
    free(out);
}
END_TEST

START_TEST(test_write_failure)
{
    for (lg_format f = LG_FMT_TEXT; f <= LG_FMT_TSV; f++) {
        FILE *full = fopen("/dev/full", "w");
        ck_assert_ptr_nonnull(full);
        lg_fmt *w = lg_fmt_new(f, full, NULL, 0);
        lg_hit h;
        hit_fill(&h, 1, 1, 1, "title", "snippet");
        int rc = lg_fmt_begin(w, 1, 1, 0);
        /* Buffered writes fail at the latest when flushed, then stay failed. */
        for (int i = 0; i < 2000 && rc == 0; i++)
            rc = lg_fmt_hit(w, &h);
        ck_assert_int_eq(rc, -1);
        ck_assert_int_eq(errno, ENOSPC);
        ck_assert_int_eq(lg_fmt_hit(w, &h), -1);
        ck_assert_int_eq(lg_fmt_end(w), -1);
        lg_fmt_free(w);
        lg_hit_clear(&h);
        fclose(full);
    }
}
END_TEST

START_TEST(test_write_failure_at_end)
{
    FILE *full = fopen("/dev/full", "w");
    ck_assert_ptr_nonnull(full);
    lg_fmt *w = lg_fmt_new(LG_FMT_JSON, full, "q", 0);
    ck_assert_int_eq(lg_fmt_begin(w, 0, 1, 0), 0);
    ck_assert_int_eq(lg_fmt_end(w), -1);
    lg_fmt_free(w);
    fclose(full);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("format");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_parse);
    tcase_add_test(tc, test_hit_clear);
    tcase_add_test(tc, test_csv_quoting);
    tcase_add_test(tc, test_csv_empty);
    tcase_add_test(tc, test_tsv_escaping);
    tcase_add_test(tc, test_ndjson_lines);
    tcase_add_test(tc, test_json_empty);
    tcase_add_test(tc, test_json_two_hits);
    tcase_add_test(tc, test_json_score);
    tcase_add_test(tc, test_utf8_unescaped);
    tcase_add_test(tc, test_text_plain);
    tcase_add_test(tc, test_text_color);
    tcase_add_test(tc, test_text_missing_and_blank_line);
    tcase_add_test(tc, test_text_wraps_utf8);
    tcase_add_test(tc, test_text_wraps_wide_and_control);
    tcase_add_test(tc, test_write_failure);
    tcase_add_test(tc, test_write_failure_at_end);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return lg_test_run(suite());
}
