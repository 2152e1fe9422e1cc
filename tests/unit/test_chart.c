#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "testutil.h"

/* ---- helpers ------------------------------------------------------ */

static const char *const months[] = {
    "2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06",
    "2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12",
};
static const char *const unnamed[] = {NULL};

/* Runs a writer into memory; returns the malloc()ed bytes and *len. */
static char *render(const lg_chart *c, int svg, int width, int height, int color, size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *out = open_memstream(&buf, &n);
    ck_assert_ptr_nonnull(out);
    int rc = svg ? lg_chart_svg(c, out, width, height) : lg_chart_text(c, out, width, color);
    ck_assert_int_eq(rc, 0);
    fclose(out);
    if (len)
        *len = n;
    return buf;
}

static char *text(const lg_chart *c, int width, int color)
{
    return render(c, 0, width, 0, color, NULL);
}

static lg_chart chart(const char *const *periods, size_t n_periods, const char *const *series,
                      size_t n_series, const uint64_t *counts)
{
    return (lg_chart){"test", periods, n_periods, series, n_series, counts};
}

/* ---- text --------------------------------------------------------- */

START_TEST(test_text_unsplit)
{
    const uint64_t counts[] = {4, 8, 0};
    lg_chart c = chart(months, 3, unnamed, 1, counts);
    char *out = text(&c, 8, 0);
    ck_assert_str_eq(out, "2024-01  ████     4\n"
                          "2024-02  ████████ 8\n"
                          "2024-03           0\n");
    free(out);
}
END_TEST

/* Eighth blocks carry the fraction; a count far below the maximum still
 * shows; the counts line up on the right. */
START_TEST(test_text_scaling)
{
    const uint64_t counts[] = {3, 8, 1, 400};
    lg_chart c = chart(months, 2, unnamed, 1, counts);
    char *out = text(&c, 4, 0);
    ck_assert_str_eq(out, "2024-01  █▌   3\n"
                          "2024-02  ████ 8\n");
    free(out);
    c = chart(months, 2, unnamed, 1, counts + 2);
    out = text(&c, 10, 0);
    ck_assert_str_eq(out, "2024-01  ▏            1\n"
                          "2024-02  ██████████ 400\n");
    free(out);
}
END_TEST

START_TEST(test_text_split)
{
    const char *const names[] = {"Lavrov", "Zakharova", "other"};
    const uint64_t counts[] = {2, 4, 1, 2, 1, 2};
    lg_chart c = chart(months, 2, names, 3, counts);
    char *out = text(&c, 8, 0);
    ck_assert_str_eq(out, "█ Lavrov  ▓ Zakharova  ▒ other\n"
                          "2024-01  ██▓▒     4\n"
                          "2024-02  ████▓▓▒▒ 8\n");
    free(out);
}
END_TEST

/* Past the four shades, series are told apart by letters. */
START_TEST(test_text_many_series)
{
    const char *const names[] = {"a", "b", "c", "d", "e"};
    const uint64_t counts[] = {1, 1, 1, 1, 1};
    lg_chart c = chart(months, 1, names, 5, counts);
    char *out = text(&c, 5, 0);
    ck_assert_str_eq(out, "█ a  ▓ b  ▒ c  ░ d  A e\n"
                          "2024-01  █▓▒░A 5\n");
    free(out);
}
END_TEST

START_TEST(test_text_color)
{
    const char *const names[] = {"Lavrov", "Zakharova"};
    const uint64_t counts[] = {2, 2};
    lg_chart c = chart(months, 1, names, 2, counts);
    char *out = text(&c, 4, 1);
    ck_assert_str_eq(out, "\033[38;5;32m█\033[0m Lavrov  \033[38;5;214m█\033[0m Zakharova\n"
                          "2024-01  \033[38;5;32m██\033[0m\033[38;5;214m██\033[0m 4\n");
    free(out);
}
END_TEST

START_TEST(test_text_zero)
{
    const uint64_t counts[] = {0, 0};
    lg_chart c = chart(months, 2, unnamed, 1, counts);
    char *out = text(&c, 3, 0);
    ck_assert_str_eq(out, "2024-01      0\n"
                          "2024-02      0\n");
    free(out);
}
END_TEST

/* Labels are padded by the columns they take on screen, not bytes:
 * Cyrillic is one column a letter, CJK two. */
START_TEST(test_text_wide_labels)
{
    const char *const labels[] = {"Май 2024", "Сентябрь 2024", "二〇二四"};
    const uint64_t counts[] = {1, 2, 2};
    lg_chart c = chart(labels, 3, unnamed, 1, counts);
    char *out = text(&c, 2, 0);
    ck_assert_str_eq(out, "Май 2024       █  1\n"
                          "Сентябрь 2024  ██ 2\n"
                          "二〇二四       ██ 2\n");
    free(out);
}
END_TEST

/* Scraped names cannot smuggle escape sequences onto the terminal. */
START_TEST(test_text_control_chars)
{
    const char *const names[] = {"Evil\033[2J", "ok"};
    const uint64_t counts[] = {1, 1};
    lg_chart c = chart(months, 1, names, 2, counts);
    char *out = text(&c, 2, 0);
    ck_assert_ptr_null(strchr(out, '\033'));
    ck_assert_ptr_nonnull(strstr(out, "Evil [2J"));
    free(out);
}
END_TEST

/* ---- SVG ---------------------------------------------------------- */

/* A parsed SVG and an XPath context with the prefix s for its namespace. */
typedef struct {
    char *buf;
    xmlDocPtr doc;
    xmlXPathContextPtr xp;
} svg_doc;

static svg_doc svg_parse(const lg_chart *c, int width, int height)
{
    svg_doc d;
    size_t len;
    d.buf = render(c, 1, width, height, 0, &len);
    d.doc = xmlReadMemory(d.buf, (int)len, "chart.svg", NULL, XML_PARSE_NONET);
    ck_assert_msg(d.doc != NULL, "not well-formed XML:\n%s", d.buf);
    d.xp = xmlXPathNewContext(d.doc);
    xmlXPathRegisterNs(d.xp, BAD_CAST "s", BAD_CAST "http://www.w3.org/2000/svg");
    return d;
}

static void svg_free(svg_doc *d)
{
    xmlXPathFreeContext(d->xp);
    xmlFreeDoc(d->doc);
    free(d->buf);
}

static double xpath_number(svg_doc *d, const char *expr)
{
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, d->xp);
    ck_assert_ptr_nonnull(o);
    double v = xmlXPathCastToNumber(o);
    xmlXPathFreeObject(o);
    return v;
}

/* The number of elements `path` (in the svg namespace) whose text is s;
 * s is a literal without double quotes. */
static int count_text(svg_doc *d, const char *path, const char *s)
{
    char expr[512];
    snprintf(expr, sizeof expr, "count(%s[. = \"%s\"])", path, s);
    return (int)xpath_number(d, expr);
}

static int count(svg_doc *d, const char *path)
{
    char expr[512];
    snprintf(expr, sizeof expr, "count(%s)", path);
    return (int)xpath_number(d, expr);
}

static size_t nonzero(const uint64_t *counts, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += counts[i] != 0;
    return k;
}

START_TEST(test_svg_unsplit)
{
    const uint64_t counts[] = {3, 8, 0, 12, 5, 7, 0, 1, 9, 4, 6, 2};
    lg_chart c = chart(months, 12, unnamed, 1, counts);
    c.title = "sanctions since:2024";
    svg_doc d = svg_parse(&c, 800, 400);
    ck_assert_int_eq(count_text(&d, "/s:svg/s:title", "sanctions since:2024"), 1);
    ck_assert_int_eq(count_text(&d, "//s:text", "sanctions since:2024"), 1);
    for (size_t p = 0; p < 12; p++)
        ck_assert_int_eq(count_text(&d, "//s:g[@class='x-axis']/s:text", months[p]), 1);
    ck_assert_int_eq(count(&d, "//s:g[@class='bars']/s:rect"), (int)nonzero(counts, 12));
    ck_assert_int_eq(count(&d, "//s:g[@class='legend']"), 0);
    ck_assert_int_eq(count_text(&d, "//s:text", "statements"), 1);
    ck_assert_int_eq(count_text(&d, "//s:text", "month"), 1);
    ck_assert_int_eq(count_text(&d, "//s:text", "no statements"), 0);
    svg_free(&d);
}
END_TEST

/* Tick values start at 0, step by 1, 2 or 5 × 10^k and reach the top. */
START_TEST(test_svg_nice_ticks)
{
    const uint64_t counts[] = {37, 1234};
    for (size_t i = 0; i < 2; i++) {
        lg_chart c = chart(months, 1, unnamed, 1, counts + i);
        svg_doc d = svg_parse(&c, 600, 400);
        xmlXPathObjectPtr o = xmlXPathEvalExpression(
            BAD_CAST "//s:g[@class='y-axis']/s:text[. != 'statements']", d.xp);
        xmlNodeSetPtr ns = o->nodesetval;
        ck_assert_int_ge(ns->nodeNr, 3);
        long step = 0, v = 0;
        for (int k = 0; k < ns->nodeNr; k++) {
            xmlChar *t = xmlNodeGetContent(ns->nodeTab[k]);
            v = strtol((const char *)t, NULL, 10);
            xmlFree(t);
            step = k == 1 ? v : step;
            ck_assert_int_eq(v, step * k);
        }
        ck_assert_int_ge(v, (long)counts[i]);
        long mag = 1;
        while (step / mag >= 10)
            mag *= 10;
        ck_assert_msg(step % mag == 0 && strchr("125", (int)('0' + step / mag)), "step %ld", step);
        xmlXPathFreeObject(o);
        svg_free(&d);
    }
}
END_TEST

START_TEST(test_svg_split)
{
    const char *const names[] = {"Sergey Lavrov", "Maria Zakharova", "Vasily Nebenzya", NULL};
    const uint64_t counts[] = {
        5, 0, 3, 2, /* Lavrov */
        1, 4, 0, 0, /* Zakharova */
        0, 0, 0, 7, /* Nebenzya */
        2, 2, 2, 2, /* nobody named */
    };
    lg_chart c = chart(months, 4, names, 4, counts);
    svg_doc d = svg_parse(&c, 800, 400);
    ck_assert_int_eq(count(&d, "//s:g[@class='legend']/s:text"), 4);
    for (size_t s = 0; s < 3; s++)
        ck_assert_int_eq(count_text(&d, "//s:g[@class='legend']/s:text", names[s]), 1);
    ck_assert_int_eq(count_text(&d, "//s:g[@class='legend']/s:text", "(unnamed)"), 1);
    ck_assert_int_eq(count(&d, "//s:g[@class='bars']/s:rect"), (int)nonzero(counts, 16));
    /* Each series has its own color. */
    ck_assert_int_eq(count(&d, "//s:g[@class='legend']/s:rect[@fill='#0072B2']"), 1);
    ck_assert_int_eq(count(&d, "//s:g[@class='legend']/s:rect[@fill='#E69F00']"), 1);
    svg_free(&d);
}
END_TEST

START_TEST(test_svg_escaping)
{
    const char *const names[] = {"A&B <x>", "it's \"q\""};
    const uint64_t counts[] = {1, 2};
    lg_chart c = chart(months, 1, names, 2, counts);
    c.title = "war <&> peace";
    svg_doc d = svg_parse(&c, 600, 300);
    ck_assert_ptr_nonnull(strstr(d.buf, "war &lt;&amp;&gt; peace"));
    ck_assert_ptr_nonnull(strstr(d.buf, "it&apos;s &quot;q&quot;"));
    ck_assert_int_eq(count_text(&d, "/s:svg/s:title", "war <&> peace"), 1);
    ck_assert_int_eq(count_text(&d, "//s:g[@class='legend']/s:text", "A&B <x>"), 1);
    svg_free(&d);
}
END_TEST

/* Scraped names may hold bytes XML cannot carry; the document must
 * still parse. */
START_TEST(test_svg_bad_bytes)
{
    const char *const names[] = {"bad\xff\x01name", "ok"};
    const uint64_t counts[] = {1, 2};
    lg_chart c = chart(months, 1, names, 2, counts);
    svg_doc d = svg_parse(&c, 600, 300);
    ck_assert_int_eq(count(&d, "//s:g[@class='legend']/s:text"), 2);
    svg_free(&d);
}
END_TEST

START_TEST(test_svg_empty)
{
    const uint64_t counts[12] = {0};
    lg_chart c = chart(months, 12, unnamed, 1, counts);
    svg_doc d = svg_parse(&c, 600, 300);
    ck_assert_int_eq(count_text(&d, "//s:text", "no statements"), 1);
    ck_assert_int_eq(count(&d, "//s:g[@class='bars']/s:rect"), 0);
    ck_assert_int_eq(count_text(&d, "//s:g[@class='y-axis']/s:text", "0"), 1);
    ck_assert_int_ge(count(&d, "//s:g[@class='x-axis']/s:line"), 2);
    svg_free(&d);
    c = chart(months, 0, unnamed, 1, counts);
    d = svg_parse(&c, 600, 300);
    ck_assert_int_eq(count_text(&d, "//s:text", "no statements"), 1);
    svg_free(&d);
}
END_TEST

/* Labels that do not fit are thinned to every k-th, from the first. */
START_TEST(test_svg_thinned)
{
    enum { N = 48 };
    char names[N][16];
    const char *labels[N];
    uint64_t counts[N];
    for (int p = 0; p < N; p++) {
        snprintf(names[p], sizeof names[p], "%d-W%02d", 2023 + p / 52, p % 52 + 1);
        labels[p] = names[p];
        counts[p] = (uint64_t)p % 7;
    }
    lg_chart c = chart(labels, N, unnamed, 1, counts);
    svg_doc d = svg_parse(&c, 400, 300);
    int shown = count(&d, "//s:g[@class='x-axis']/s:text[. != 'week']");
    ck_assert_int_gt(shown, 2);
    ck_assert_int_lt(shown, N);
    size_t every = (size_t)(N + shown - 1) / (size_t)shown;
    for (size_t p = 0; p < N; p++)
        ck_assert_int_eq(count_text(&d, "//s:g[@class='x-axis']/s:text", labels[p]),
                         p % every == 0);
    ck_assert_int_eq(count(&d, "//s:g[@class='bars']/s:rect"), (int)nonzero(counts, N));
    svg_free(&d);
}
END_TEST

START_TEST(test_svg_lines)
{
    enum { N = 61 };
    const char *labels[N];
    uint64_t counts[2 * N];
    for (int i = 0; i < 2 * N; i++) {
        labels[i % N] = months[i % 12];
        counts[i] = (uint64_t)(i % 5);
    }
    const char *const names[] = {"a", "b"};
    lg_chart c = chart(labels, N, names, 2, counts);
    svg_doc d = svg_parse(&c, 800, 400);
    ck_assert_int_eq(count(&d, "//s:polyline"), 2);
    ck_assert_int_eq(count(&d, "//s:g[@class='bars']"), 0);
    svg_free(&d);
}
END_TEST

/* ---- errors ------------------------------------------------------- */

START_TEST(test_write_error)
{
    const uint64_t counts[] = {1, 2};
    lg_chart c = chart(months, 2, unnamed, 1, counts);
    FILE *full = fopen("/dev/full", "w");
    if (!full)
        return; /* no /dev/full here: nothing to check */
    ck_assert_int_eq(lg_chart_text(&c, full, 20, 0), -1);
    ck_assert_int_eq(lg_chart_svg(&c, full, 600, 300), -1);
    fclose(full);
}
END_TEST

static Suite *chart_suite(void)
{
    Suite *s = suite_create("chart");
    TCase *tc = tcase_create("text");
    tcase_add_test(tc, test_text_unsplit);
    tcase_add_test(tc, test_text_scaling);
    tcase_add_test(tc, test_text_split);
    tcase_add_test(tc, test_text_many_series);
    tcase_add_test(tc, test_text_color);
    tcase_add_test(tc, test_text_zero);
    tcase_add_test(tc, test_text_wide_labels);
    tcase_add_test(tc, test_text_control_chars);
    suite_add_tcase(s, tc);
    tc = tcase_create("svg");
    tcase_add_test(tc, test_svg_unsplit);
    tcase_add_test(tc, test_svg_nice_ticks);
    tcase_add_test(tc, test_svg_split);
    tcase_add_test(tc, test_svg_escaping);
    tcase_add_test(tc, test_svg_bad_bytes);
    tcase_add_test(tc, test_svg_empty);
    tcase_add_test(tc, test_svg_thinned);
    tcase_add_test(tc, test_svg_lines);
    tcase_add_test(tc, test_write_error);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return lg_test_run(chart_suite());
}
