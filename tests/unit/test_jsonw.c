/*
 * test_jsonw.c — JSON text written directly (query/jsonw.h) is byte for
 * byte what jansson dumps: every control byte, quotes, backslashes, slashes
 * and multi-byte UTF-8, invalid UTF-8 refused the same way, and whole
 * results in ndjson and json equal to the objects jansson would dump.
 */
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "jsonw.h"
#include "testutil.h"

/* What jansson writes for s as a JSON string (NULL when it refuses s). */
static char *jansson_string(const char *s)
{
    json_t *v = json_string(s);
    char *out = v ? json_dumps(v, JSON_ENCODE_ANY) : NULL;
    json_decref(v);
    return out;
}

static void same_string(const char *s)
{
    lg_sb sb = LG_SB_INIT;
    char *want = jansson_string(s);
    ck_assert_ptr_nonnull(want);
    ck_assert_int_eq(lg_jsonw_string(&sb, s), 0);
    ck_assert_str_eq(sb.buf, want);
    free(want);
    lg_sb_release(&sb);
}

START_TEST(strings_as_jansson)
{
    char all[128];
    for (int c = 1; c < 128; c++)
        all[c - 1] = (char)c;
    all[127] = '\0';
    same_string(all);
    same_string("");
    same_string("plain text, nothing to escape");
    same_string("\"quoted\" \\ back/slash\x7f");
    same_string("Лавров: «переговоры» — 中文 \xf0\x9f\x98\x80 \xe2\x80\xa8 end\n");
}
END_TEST

START_TEST(invalid_utf8_refused)
{
    static const char *bad[] = {"\xc0\x80", "a\xed\xa0\x80", "\xf5\x80\x80\x80", "cut \xe2\x80",
                                "\x80 lone", "\xf4\x90\x80\x80"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        lg_sb sb = LG_SB_INIT;
        ck_assert_ptr_null(jansson_string(bad[i]));
        errno = 0;
        ck_assert_int_eq(lg_jsonw_string(&sb, bad[i]), -1);
        ck_assert_int_eq(errno, EILSEQ);
        ck_assert_uint_eq(sb.len, 0);
        lg_sb_release(&sb);
    }
}
END_TEST

START_TEST(integers_as_printf)
{
    static const long long v[] = {0, 1, -1, 9, 10, -10, 99, 100, 1234567890123LL, LLONG_MAX,
                                  LLONG_MIN};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
        lg_sb sb = LG_SB_INIT;
        char want[32];
        snprintf(want, sizeof want, "%lld", v[i]);
        lg_jsonw_int(&sb, v[i]);
        ck_assert_str_eq(sb.buf, want);
        lg_sb_release(&sb);
    }
}
END_TEST

/* A result with every JSON type, as the formatter writes it. */
static void hit_fill(lg_hit *h)
{
    memset(h, 0, sizeof *h);
    h->id = 12;
    h->rank = 3;
    h->score = 7.123456789;
    h->values[LG_F_DATE] = strdup("2024-12-26");
    h->values[LG_F_OUTLET] = strdup("caliber\t\"az\"");
    h->values[LG_F_TITLE] = strdup("Лавров\n\x01 end");
    h->values[LG_F_DUP_COUNT] = strdup("4");
    h->values[LG_F_OUTLETS] = strdup("[\"TASS\", \"RIA \\\"N\\\"\", \"\\u00e9\"]");
    h->snippet = strdup("a \\ snippet");
}

/* The object jansson would have built for h over the default columns. */
static json_t *jansson_hit(const lg_hit *h)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer((json_int_t)h->id));
    json_object_set_new(o, "rank", json_integer((json_int_t)h->rank));
    json_object_set_new(o, "score", json_real(7.123457));
    json_object_set_new(o, "date", json_string(h->values[LG_F_DATE]));
    json_object_set_new(o, "date_precision", json_null());
    json_object_set_new(o, "outlet", json_string(h->values[LG_F_OUTLET]));
    json_object_set_new(o, "speaker", json_null());
    json_object_set_new(o, "title", json_string(h->values[LG_F_TITLE]));
    json_object_set_new(o, "source", json_null());
    json_object_set_new(o, "lang", json_null());
    json_object_set_new(o, "snippet", json_string(h->snippet));
    json_object_set_new(o, "dup_count", json_integer(4));
    json_object_set_new(o, "outlets", json_loads(h->values[LG_F_OUTLETS], 0, NULL));
    return o;
}

static char *render(lg_format f, const lg_hit *h)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    lg_fmt *w = lg_fmt_new(f, out, "q\x7f", 0);
    ck_assert_int_eq(lg_fmt_begin(w, 1, 1, 0), 0);
    ck_assert_int_eq(lg_fmt_hit(w, h), 0);
    ck_assert_int_eq(lg_fmt_end(w), 0);
    lg_fmt_free(w);
    fclose(out);
    return buf;
}

START_TEST(results_as_jansson)
{
    lg_hit h;
    hit_fill(&h);
    json_t *o = jansson_hit(&h);
    size_t flags = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15);
    char *line = json_dumps(o, flags | JSON_COMPACT), *pretty = json_dumps(o, flags | JSON_INDENT(2));
    char *out = render(LG_FMT_NDJSON, &h);
    lg_sb want = LG_SB_INIT;
    lg_sb_addf(&want, "%s\n", line);
    ck_assert_str_eq(out, want.buf);
    free(out);
    /* json: the object indented two levels into the document. */
    lg_sb_reset(&want);
    lg_sb_adds(&want, "{\n  \"query\": \"q\x7f\",\n  \"total\": 1,\n  \"total_exact\": true,\n  \"offset\": 0,\n  \"results\": [\n    ");
    for (const char *p = pretty; *p; p++)
        lg_sb_adds(&want, *p == '\n' ? "\n    " : (char[]){*p, 0});
    lg_sb_adds(&want, "\n  ]\n}\n");
    out = render(LG_FMT_JSON, &h);
    ck_assert_str_eq(out, want.buf);
    free(out);
    lg_sb_release(&want);
    free(line);
    free(pretty);
    json_decref(o);
    lg_hit_clear(&h);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("jsonw");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, strings_as_jansson);
    tcase_add_test(tc, invalid_utf8_refused);
    tcase_add_test(tc, integers_as_printf);
    tcase_add_test(tc, results_as_jansson);
    suite_add_tcase(s, tc);
    return lg_test_run(s);
}
