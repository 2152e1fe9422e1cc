/*
 * test_parse.c — the query language: one golden tree per syntax form and
 * one exact message and column per error.
 */
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "testutil.h"

typedef struct {
    const char *query;
    const char *tree;
} golden;

static const golden goldens[] = {
    /* terms */
    {"talks", "(word \"talks\")"},
    {"Lavrov talks", "(any (word \"Lavrov\") (word \"talks\"))"},
    {"\"peace talks\"", "(phrase \"peace talks\")"},
    {"  \"peace  talks\"  ", "(phrase \"peace  talks\")"},
    {"negot*", "(wild \"negot\")"},
    {"anti-constitutional", "(word \"anti-constitutional\")"},
    {"Russia's Russia’s-backed", "(any (word \"Russia's\") (word \"Russia’s-backed\"))"},
    {"Лавров переговоры", "(any (word \"Лавров\") (word \"переговоры\"))"},
    {"and or not near", "(any (word \"and\") (word \"or\") (word \"not\") (word \"near\"))"},
    {"C++ 5.22", "(any (word \"C++\") (word \"5.22\"))"},
    {"a\"b c\"d", "(any (word \"a\") (phrase \"b c\") (word \"d\"))"},
    {"a\xc2\xa0" "b\xe3\x80\x80" "c", "(any (word \"a\") (word \"b\") (word \"c\"))"},
    {"—", "(word \"—\")"},
    /* words with a colon that are not fields */
    {"12:30", "(word \"12:30\")"},
    {"http://x.org/a", "(word \"http://x.org/a\")"},
    {"Note:x", "(word \"Note:x\")"},
    {"note: x", "(any (word \"note:\") (word \"x\"))"},
    {"Лавров:x", "(word \"Лавров:x\")"},
    /* AND, OR, NOT, -, + */
    {"a AND b", "(and (word \"a\") (word \"b\"))"},
    {"a OR b", "(or (word \"a\") (word \"b\"))"},
    {"NOT a", "(not (word \"a\"))"},
    {"-a", "(not (word \"a\"))"},
    {"+a b", "(any +(word \"a\") (word \"b\"))"},
    {"+(a b) c", "(any +(any (word \"a\") (word \"b\")) (word \"c\"))"},
    {"a b AND c", "(any (word \"a\") (and (word \"b\") (word \"c\")))"},
    {"a NOT b", "(any (word \"a\") (not (word \"b\")))"},
    {"a AND NOT b", "(and (word \"a\") (not (word \"b\")))"},
    {"a -b -c", "(any (word \"a\") (not (word \"b\")) (not (word \"c\")))"},
    {"NOT NOT a", "(not (not (word \"a\")))"},
    {"-\"peace talks\"", "(not (phrase \"peace talks\"))"},
    {"a OR -b", "(or (word \"a\") (not (word \"b\")))"},
    /* precedence and parentheses */
    {"a b OR c", "(or (any (word \"a\") (word \"b\")) (word \"c\"))"},
    {"a OR b c", "(or (word \"a\") (any (word \"b\") (word \"c\")))"},
    {"a OR b AND c OR d", "(or (word \"a\") (and (word \"b\") (word \"c\")) (word \"d\"))"},
    {"a (b OR c)", "(any (word \"a\") (or (word \"b\") (word \"c\")))"},
    {"(a b) c (d AND e)", "(any (word \"a\") (word \"b\") (word \"c\") (and (word \"d\") (word \"e\")))"},
    {"a OR (b OR c) OR d", "(or (word \"a\") (word \"b\") (word \"c\") (word \"d\"))"},
    {"((a))", "(word \"a\")"},
    {"(a) NEAR (\"b c\")", "(near 10 (word \"a\") (phrase \"b c\"))"},
    {"-(a OR b)", "(not (or (word \"a\") (word \"b\")))"},
    {"NOT (a b)", "(not (any (word \"a\") (word \"b\")))"},
    /* NEAR */
    {"a NEAR b", "(near 10 (word \"a\") (word \"b\"))"},
    {"a NEAR/5 b", "(near 5 (word \"a\") (word \"b\"))"},
    {"a NEAR/1 b", "(near 1 (word \"a\") (word \"b\"))"},
    {"a NEAR/100 b", "(near 100 (word \"a\") (word \"b\"))"},
    {"a NEAR/3 b NEAR/3 c", "(near 3 (word \"a\") (word \"b\") (word \"c\"))"},
    {"\"peace talks\" NEAR/5 Ukraine", "(near 5 (phrase \"peace talks\") (word \"Ukraine\"))"},
    {"x a NEAR b y", "(any (word \"x\") (near 10 (word \"a\") (word \"b\")) (word \"y\"))"},
    {"a NEAR b OR c", "(or (near 10 (word \"a\") (word \"b\")) (word \"c\"))"},
    {"-a NEAR b", "(not (near 10 (word \"a\") (word \"b\")))"},
    {"title:a NEAR/2 title:\"b c\"", "(near 2 (word title \"a\") (phrase title \"b c\"))"},
    /* fields */
    {"outlet:tass", "(filter outlet \"tass\")"},
    {"speaker:lavrov", "(filter speaker \"lavrov\")"},
    {"speaker:\"Sergey Lavrov\"", "(filter speaker \"Sergey Lavrov\")"},
    {"lang:en", "(filter lang \"en\")"},
    {"title:talks", "(word title \"talks\")"},
    {"title:\"peace talks\"", "(phrase title \"peace talks\")"},
    {"title:negot*", "(wild title \"negot\")"},
    {"title:anti-war", "(word title \"anti-war\")"},
    {"talks (outlet:tass OR outlet:ria) -ceasefire",
     "(any (word \"talks\") (or (filter outlet \"tass\") (filter outlet \"ria\")) "
     "(not (word \"ceasefire\")))"},
    {"outlet:tass lang:ru", "(any (filter outlet \"tass\") (filter lang \"ru\"))"},
    /* dates */
    {"date:2024", "(date 2024 2024)"},
    {"date:none", "(date none)"},
    {"date:2024-05", "(date 2024-05 2024-05)"},
    {"date:2024-05-21", "(date 2024-05-21 2024-05-21)"},
    {"date:2024-06-01..2024-12-31", "(date 2024-06-01 2024-12-31)"},
    {"date:2024..2025-03", "(date 2024 2025-03)"},
    {"date:2024-06..", "(date 2024-06 ..)"},
    {"date:..2024-12", "(date .. 2024-12)"},
    {"date:2024-06..2024-06", "(date 2024-06 2024-06)"},
    {"date:2024-06..2024-06-01", "(date 2024-06 2024-06-01)"},
    {"date:\"2024-05\"", "(date 2024-05 2024-05)"},
    {"(date:2024-05)", "(date 2024-05 2024-05)"},
    {"talks date:2024-06..", "(any (word \"talks\") (date 2024-06 ..))"},
    /* strings are escaped */
    {"C:\\path", "(word \"C:\\\\path\")"},
};

START_TEST(test_golden)
{
    const golden *g = &goldens[_i];
    lg_qnode *n = NULL;
    lg_qerror err;
    int rc = lg_query_parse(g->query, &n, &err);
    ck_assert_msg(rc == 0, "%s: %s", g->query, err.message);
    ck_assert_ptr_nonnull(n);
    char *d = lg_qnode_describe(n);
    ck_assert_str_eq(d, g->tree);
    free(d);
    lg_qnode_free(n);
}
END_TEST

typedef struct {
    const char *query;
    size_t column;
    const char *message;
} bad;

static const bad errors[] = {
    /* parentheses */
    {"(a b", 1, "unbalanced '(' opened at column 1"},
    {"a (b (c)", 3, "unbalanced '(' opened at column 3"},
    {"((", 2, "unbalanced '(' opened at column 2"},
    {"(", 1, "unbalanced '(' opened at column 1"},
    {"a b)", 4, "unexpected ')' at column 4"},
    {")", 1, "unexpected ')' at column 1"},
    {"()", 2, "unexpected ')' at column 2"},
    {"Лавров (talks", 8, "unbalanced '(' opened at column 8"},
    {"«Лавров» a)", 11, "unexpected ')' at column 11"},
    /* phrases */
    {"\"peace talks", 1, "missing closing '\"' for the phrase at column 1"},
    {"talk \"peace", 6, "missing closing '\"' for the phrase at column 6"},
    {"\"a\" \"b\" \"c", 9, "missing closing '\"' for the phrase at column 9"},
    {"\"\"", 1, "empty phrase at column 1"},
    {"a \"  \"", 3, "empty phrase at column 3"},
    /* fields */
    {"a foo:bar", 3, "unknown field 'foo' at column 3 (fields: date, outlet, speaker, quote, title, lang)"},
    {"text:x", 1, "unknown field 'text' at column 1 (fields: date, outlet, speaker, quote, title, lang)"},
    {"id:\"5\"", 1, "unknown field 'id' at column 1 (fields: date, outlet, speaker, quote, title, lang)"},
    {"Лавров foo:x", 8, "unknown field 'foo' at column 8 (fields: date, outlet, speaker, quote, title, lang)"},
    {"outlet:", 1, "empty field value at column 1"},
    {"outlet: tass", 1, "empty field value at column 1"},
    {"a speaker:\"\"", 3, "empty field value at column 3"},
    {"(title:)", 2, "empty field value at column 2"},
    {"date:", 1, "empty field value at column 1"},
    {"speaker:\"Sergey", 9, "missing closing '\"' for the value at column 9"},
    {"outlet:tass*", 12, "'*' is not allowed in 'outlet:' values at column 12"},
    {"outlet:ria.ru)", 14, "unexpected ')' at column 14"},
    /* dates */
    {"date:2024-13", 11, "bad date '2024-13' at column 11: month out of range"},
    {"date:2024-02-30", 14, "bad date '2024-02-30' at column 14: day out of range"},
    {"date:2023-02-29..", 14, "bad date '2023-02-29' at column 14: day out of range"},
    {"date:2024-06..2024-13", 20, "bad date '2024-13' at column 20: month out of range"},
    {"date:0000", 6, "bad date '0000' at column 6: year out of range"},
    {"date:24", 8, "bad date '24' at column 8: expected YYYY, YYYY-MM or YYYY-MM-DD"},
    {"date:2024-5", 12, "bad date '2024-5' at column 12: expected YYYY, YYYY-MM or YYYY-MM-DD"},
    {"date:may", 6, "bad date 'may' at column 6: expected YYYY, YYYY-MM or YYYY-MM-DD"},
    {"date:2024...2025", 12, "bad date '.2025' at column 12: expected YYYY, YYYY-MM or YYYY-MM-DD"},
    {"Лавров date:2024-13", 18, "bad date '2024-13' at column 18: month out of range"},
    {"date:2024-06..2024-05", 6, "date range starts after it ends at column 6"},
    {"date:2024-06-02..2024-06-01", 6, "date range starts after it ends at column 6"},
    {"date:..", 6, "date range needs a start or an end at column 6"},
    {"date:2024*", 10, "'*' is not allowed in 'date:' values at column 10"},
    /* NEAR */
    {"a NEAR", 3, "'NEAR' needs a word or phrase on both sides at column 3"},
    {"NEAR a", 1, "'NEAR' needs a word or phrase on both sides at column 1"},
    {"(a b) NEAR c", 7, "'NEAR' needs a word or phrase on both sides at column 7"},
    {"a NEAR (b OR c)", 3, "'NEAR' needs a word or phrase on both sides at column 3"},
    {"a NEAR outlet:tass", 3, "'NEAR' needs a word or phrase on both sides at column 3"},
    {"a NEAR b*", 3, "'NEAR' needs a word or phrase on both sides at column 3"},
    {"a NEAR -b", 3, "'NEAR' needs a word or phrase on both sides at column 3"},
    {"a NEAR/5)", 3, "'NEAR' needs a word or phrase on both sides at column 3"},
    {"a NEAR/0 b", 8, "NEAR distance must be 1..100 at column 8"},
    {"a NEAR/101 b", 8, "NEAR distance must be 1..100 at column 8"},
    {"a NEAR/x b", 8, "NEAR distance must be 1..100 at column 8"},
    {"a NEAR/ b", 8, "NEAR distance must be 1..100 at column 8"},
    {"Лавров NEAR/-1 b", 13, "NEAR distance must be 1..100 at column 13"},
    {"a NEAR/5 b NEAR c", 12, "chained NEAR operators must use one distance at column 12"},
    {"title:a NEAR b", 9, "'NEAR' terms must all be in the same field at column 9"},
    /* AND, OR, NOT, -, + */
    {"a OR", 3, "'OR' needs a term on both sides at column 3"},
    {"OR a", 1, "'OR' needs a term on both sides at column 1"},
    {"OR", 1, "'OR' needs a term on both sides at column 1"},
    {"a OR OR b", 6, "'OR' needs a term on both sides at column 6"},
    {"(a OR) b", 4, "'OR' needs a term on both sides at column 4"},
    {"a AND", 3, "'AND' needs a term on both sides at column 3"},
    {"AND b", 1, "'AND' needs a term on both sides at column 1"},
    {"a AND OR b", 7, "'OR' needs a term on both sides at column 7"},
    {"NOT", 1, "'NOT' needs a term after it at column 1"},
    {"a NOT", 3, "'NOT' needs a term after it at column 3"},
    {"(NOT)", 2, "'NOT' needs a term after it at column 2"},
    {"a OR NOT", 6, "'NOT' needs a term after it at column 6"},
    {"a -", 3, "'-' needs a term after it at column 3"},
    {"a - b", 3, "'-' needs a term after it at column 3"},
    {"(a -)", 4, "'-' needs a term after it at column 4"},
    {"+", 1, "'+' needs a term after it at column 1"},
    /* wildcards */
    {"a*b", 2, "'*' is allowed only at the end of a word at column 2"},
    {"a **", 3, "'*' is allowed only at the end of a word at column 3"},
    {"*", 1, "'*' needs a word before it at column 1"},
    {"Лавров *", 8, "'*' needs a word before it at column 8"},
    /* encoding */
    {"ab \xff", 4, "invalid UTF-8 at column 4"},
    {"Лав\xd0", 4, "invalid UTF-8 at column 4"},
    {"a \xed\xa0\x80", 3, "invalid UTF-8 at column 3"},
};

START_TEST(test_error)
{
    const bad *b = &errors[_i];
    lg_qnode *n = (lg_qnode *)1;
    lg_qerror err;
    ck_assert_msg(lg_query_parse(b->query, &n, &err) == -1, "%s parsed", b->query);
    ck_assert_ptr_null(n);
    ck_assert_str_eq(err.message, b->message);
    ck_assert_uint_eq(err.column, b->column);
}
END_TEST

static lg_qnode *parse_ok(const char *q)
{
    lg_qnode *n = NULL;
    lg_qerror err;
    ck_assert_msg(lg_query_parse(q, &n, &err) == 0, "%s: %s", q, err.message);
    return n;
}

static void assert_parse_error(const char *q, size_t column, const char *message)
{
    lg_qnode *n = NULL;
    lg_qerror err;
    ck_assert_int_eq(lg_query_parse(q, &n, &err), -1);
    ck_assert_ptr_null(n);
    ck_assert_str_eq(err.message, message);
    ck_assert_uint_eq(err.column, column);
}

START_TEST(test_blank)
{
    const char *blanks[] = {"", "   ", "\t\n\r ", "\xc2\xa0\xe2\x80\x83"};
    for (size_t i = 0; i < sizeof blanks / sizeof blanks[0]; i++) {
        lg_qnode *n = (lg_qnode *)1;
        lg_qerror err;
        ck_assert_int_eq(lg_query_parse(blanks[i], &n, &err), 0);
        ck_assert_ptr_null(n);
    }
    char *d = lg_qnode_describe(NULL);
    ck_assert_str_eq(d, "");
    free(d);
}
END_TEST

/* head n times, then mid, then tail m times; malloc()ed. */
static char *repeat(const char *head, size_t n, const char *mid, const char *tail, size_t m)
{
    size_t len = strlen(head) * n + strlen(mid) + strlen(tail) * m + 1;
    char *s = calloc(1, len);
    for (size_t i = 0; i < n; i++)
        strcat(s, head);
    strcat(s, mid);
    for (size_t i = 0; i < m; i++)
        strcat(s, tail);
    return s;
}

START_TEST(test_depth)
{
    char *q = repeat("(", LG_QUERY_MAX_DEPTH, "a", ")", LG_QUERY_MAX_DEPTH);
    lg_qnode *n = parse_ok(q);
    char *d = lg_qnode_describe(n);
    ck_assert_str_eq(d, "(word \"a\")");
    free(d);
    lg_qnode_free(n);
    free(q);

    q = repeat("(", LG_QUERY_MAX_DEPTH + 1, "a", ")", LG_QUERY_MAX_DEPTH + 1);
    assert_parse_error(q, 33, "query nested deeper than 32 levels at column 33");
    free(q);

    q = repeat("NOT ", LG_QUERY_MAX_DEPTH, "a", "", 0);
    lg_qnode_free(parse_ok(q));
    free(q);

    q = repeat("-", LG_QUERY_MAX_DEPTH + 1, "a", "", 0);
    assert_parse_error(q, 33, "query nested deeper than 32 levels at column 33");
    free(q);
}
END_TEST

START_TEST(test_length)
{
    char *q = malloc(LG_QUERY_MAX_BYTES + 2);
    memset(q, 'a', LG_QUERY_MAX_BYTES + 1);
    q[LG_QUERY_MAX_BYTES + 1] = '\0';
    assert_parse_error(q, 0, "query longer than 65536 bytes");
    q[LG_QUERY_MAX_BYTES] = '\0';
    lg_qnode_free(parse_ok(q));
    free(q);
}
END_TEST

/* Node columns count characters, so callers can point at any node. */
START_TEST(test_columns)
{
    lg_qnode *n = parse_ok("Лавров «talks» (outlet:tass OR -x)");
    ck_assert_int_eq(n->kind, LG_Q_ANY);
    ck_assert_uint_eq(n->column, 1);
    ck_assert_uint_eq(n->kids[1]->column, 8);
    const lg_qnode *or = n->kids[2];
    ck_assert_uint_eq(or->column, 17);
    ck_assert_uint_eq(or->kids[0]->column, 17);
    ck_assert_uint_eq(or->kids[1]->column, 32);
    ck_assert_uint_eq(or->kids[1]->kids[0]->column, 33);
    lg_qnode_free(n);
}
END_TEST

/* The tree carries what the compiler needs: fields and dates. */
START_TEST(test_node_fields)
{
    lg_qnode *n = parse_ok("title:a outlet:b date:2024-05..2024-06-02 a NEAR/7 b");
    ck_assert_ptr_eq(n->kids[0]->field, lg_field_get(LG_F_TITLE));
    ck_assert_ptr_eq(n->kids[1]->field, lg_field_get(LG_F_OUTLET));
    const lg_qnode *d = n->kids[2];
    ck_assert_ptr_eq(d->field, lg_field_get(LG_F_DATE));
    ck_assert_int_eq(d->lo.precision, LG_DATE_MONTH);
    ck_assert_int_eq(d->lo.month, 5);
    ck_assert_int_eq(d->hi.precision, LG_DATE_DAY);
    ck_assert_int_eq(d->hi.day, 2);
    ck_assert_uint_eq(n->kids[3]->window, 7);
    ck_assert_ptr_null(n->kids[3]->kids[0]->field);
    lg_qnode_free(n);

    n = parse_ok("date:..2024");
    ck_assert_int_eq(n->lo.precision, LG_DATE_UNKNOWN);
    ck_assert_int_eq(n->hi.year, 2024);
    lg_qnode_free(n);
}
END_TEST

/* Quotes and backslashes in node text are escaped in the description. */
START_TEST(test_describe_escapes)
{
    lg_qnode *n = parse_ok("x");
    free(n->text);
    n->text = strdup("say \"no\" \\ now");
    char *d = lg_qnode_describe(n);
    ck_assert_str_eq(d, "(word \"say \\\"no\\\" \\\\ now\")");
    free(d);
    lg_qnode_free(n);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("parse");
    TCase *tc = tcase_create("parse");
    tcase_add_loop_test(tc, test_golden, 0, sizeof goldens / sizeof goldens[0]);
    tcase_add_loop_test(tc, test_error, 0, sizeof errors / sizeof errors[0]);
    tcase_add_test(tc, test_blank);
    tcase_add_test(tc, test_depth);
    tcase_add_test(tc, test_length);
    tcase_add_test(tc, test_columns);
    tcase_add_test(tc, test_node_fields);
    tcase_add_test(tc, test_describe_escapes);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return lg_test_run(suite());
}
