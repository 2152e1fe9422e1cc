#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "snippet.h"
#include "testutil.h"

static lg_stemmer *st;
static lg_hlset *set;

/* One snippet's result. */
static char *out;
static lg_span *hl;
static size_t n_hl;

static void setup(void)
{
    st = lg_stemmer_new();
    set = lg_hlset_new();
    ck_assert_ptr_nonnull(st);
    ck_assert_ptr_nonnull(set);
    out = NULL;
    hl = NULL;
}

static void teardown(void)
{
    free(out);
    free(hl);
    lg_hlset_free(set);
    lg_stemmer_free(st);
}

static int add_token(void *ctx, const lg_token *tok)
{
    (void)ctx;
    size_t len;
    const char *stem = lg_stem(st, tok, &len);
    lg_hlset_add(set, tok->term, tok->len, 0);
    if (stem)
        lg_hlset_add(set, stem, len, 1);
    return 0;
}

/* Highlights `word` the way the query compiler does: its folded terms
 * and their stems. */
static void add_word(const char *word)
{
    ck_assert_int_eq(lg_tokenize(word, strlen(word), add_token, NULL), 0);
}

static void snip(const char *text, size_t max_chars)
{
    free(out);
    free(hl);
    ck_assert_int_eq(lg_snippet(text, strlen(text), set, st, max_chars, &out, &hl, &n_hl), 0);
    ck_assert_ptr_nonnull(out);
    ck_assert(n_hl == 0 || hl != NULL);
}

/* The output text of span i must be `word`. */
static void check_span(size_t i, const char *word)
{
    ck_assert_uint_lt(i, n_hl);
    ck_assert_uint_le(hl[i].end, strlen(out));
    ck_assert_uint_eq(hl[i].end - hl[i].start, strlen(word));
    ck_assert_msg(memcmp(out + hl[i].start, word, strlen(word)) == 0, "span %zu is \"%.*s\" in \"%s\"",
                  i, (int)(hl[i].end - hl[i].start), out + hl[i].start, out);
}

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* `count` copies of `word` and a space, in a malloc()ed string. */
static char *repeat(const char *word, int count)
{
    size_t len = strlen(word);
    char *s = malloc((len + 1) * (size_t)count + 1);
    for (int i = 0; i < count; i++) {
        memcpy(s + (len + 1) * (size_t)i, word, len);
        s[(len + 1) * (size_t)i + len] = ' ';
    }
    s[(len + 1) * (size_t)count] = '\0';
    return s;
}

START_TEST(test_short_text_whole)
{
    add_word("geneva");
    snip("Talks in Geneva.", 200);
    ck_assert_str_eq(out, "Talks in Geneva.");
    ck_assert_uint_eq(n_hl, 1);
    check_span(0, "Geneva");
}
END_TEST

START_TEST(test_whitespace_collapsed)
{
    add_word("geneva");
    add_word("talks");
    snip("  Talks\n\n in \t Geneva\xc2\xa0 today\r\n", 200);
    ck_assert_str_eq(out, "Talks in Geneva today");
    ck_assert_uint_eq(n_hl, 2);
    check_span(0, "Talks");
    check_span(1, "Geneva");
}
END_TEST

START_TEST(test_no_match_start)
{
    add_word("nowhere");
    char *text = repeat("alpha beta", 20);
    snip(text, 30);
    ck_assert_str_eq(out, "alpha beta alpha beta alpha \xe2\x80\xa6");
    ck_assert_uint_eq(n_hl, 0);
    free(text);
}
END_TEST

START_TEST(test_empty_set_and_text)
{
    snip("Nothing to see here.", 8);
    ck_assert_str_eq(out, "Nothing \xe2\x80\xa6");
    snip(" \n\t ", 8);
    ck_assert_str_eq(out, "");
    ck_assert_uint_eq(n_hl, 0);
}
END_TEST

START_TEST(test_distinct_window_wins)
{
    add_word("sanctions");
    add_word("security");
    char *filler = repeat("filler", 30);
    char text[2048];
    snprintf(text, sizeof text, "Sanctions sanctions sanctions. %s We discussed sanctions and security. %s",
             filler, filler);
    snip(text, 60);
    ck_assert_msg(strstr(out, "sanctions and security") != NULL, "%s", out);
    ck_assert(starts_with(out, "\xe2\x80\xa6 "));
    ck_assert(ends_with(out, " \xe2\x80\xa6"));
    ck_assert_uint_le(utf8_chars(out), 60 + 4);
    ck_assert_uint_eq(n_hl, 2);
    check_span(0, "sanctions");
    check_span(1, "security");
    free(filler);
}
END_TEST

START_TEST(test_earliest_on_ties)
{
    add_word("talks");
    char *filler = repeat("filler", 30);
    char text[2048];
    snprintf(text, sizeof text, "%s first talks %s second talks %s", filler, filler, filler);
    snip(text, 40);
    ck_assert_msg(strstr(out, "first talks") != NULL, "%s", out);
    free(filler);
}
END_TEST

START_TEST(test_stem_counts_once)
{
    /* "negotiate" and "negotiations" are one query word, so the window
     * with "negotiate" and "sanctions" has more distinct matches. */
    add_word("negotiate");
    add_word("sanctions");
    char *filler = repeat("filler", 30);
    char text[2048];
    snprintf(text, sizeof text, "They negotiate negotiations. %s negotiate sanctions %s", filler, filler);
    snip(text, 40);
    ck_assert_msg(strstr(out, "negotiate sanctions") != NULL, "%s", out);
    free(filler);
}
END_TEST

START_TEST(test_stemmed_match)
{
    add_word("negotiate");
    snip("The negotiations resumed on Monday.", 200);
    ck_assert_uint_eq(n_hl, 1);
    check_span(0, "negotiations");
}
END_TEST

START_TEST(test_exact_match)
{
    lg_hlset_add(set, "talks", 5, 0);
    snip("talk, Talks and talking", 200);
    ck_assert_uint_eq(n_hl, 1);
    check_span(0, "Talks");
}
END_TEST

START_TEST(test_cyrillic)
{
    add_word("переговоры");
    snip("Лавров провёл Переговоры в Москве; о переговорах с Киевом.", 200);
    ck_assert_uint_eq(n_hl, 2);
    check_span(0, "Переговоры");
    check_span(1, "переговорах");
}
END_TEST

START_TEST(test_spans_after_cut)
{
    add_word("geneva");
    char *filler = repeat("слово", 40);
    char text[4096];
    snprintf(text, sizeof text, "%s Talks in Geneva, then Vienna. %s", filler, filler);
    snip(text, 50);
    ck_assert(starts_with(out, "\xe2\x80\xa6 "));
    ck_assert_uint_eq(n_hl, 1);
    check_span(0, "Geneva");
    free(filler);
}
END_TEST

/* Every UTF-8 sequence in s is whole. */
static int utf8_whole(const char *s)
{
    return lg_utf8_invalid_at(s, strlen(s)) == (size_t)-1;
}

START_TEST(test_utf8_boundaries)
{
    char *words = repeat("Министерство", 30);
    snip(words, 50);
    ck_assert(utf8_whole(out));
    ck_assert_uint_le(utf8_chars(out), 50 + 2);
    /* A long run without spaces is still cut, between characters. */
    char *longrun = repeat("ДДДДДДДДДДДДДДДДДДДДДДДДДДДДДДДДДДДДДДДДДДДДДДДД", 8);
    for (char *p = longrun; *p; p++)
        if (*p == ' ')
            *p = '-';
    snip(longrun, 50);
    ck_assert(utf8_whole(out));
    ck_assert_uint_le(utf8_chars(out), 50 + 2);
    ck_assert(ends_with(out, "\xe2\x80\xa6"));
    free(words);
    free(longrun);
}
END_TEST

START_TEST(test_long_article)
{
    add_word("ceasefire");
    char *filler = repeat("The minister spoke at length about many things.", 1100);
    size_t n = strlen(filler);
    char *text = malloc(n + 64);
    memcpy(text, filler, n);
    strcpy(text + n, "Finally a ceasefire was announced.");
    for (int i = 0; i < 10; i++)
        snip(text, 200);
    ck_assert_uint_eq(n_hl, 1);
    check_span(0, "ceasefire");
    ck_assert(ends_with(out, "announced."));
    free(filler);
    free(text);
}
END_TEST

/* Without a match only the start of the text is split into pieces: the
 * snippet is the one a match on the first word gives (the window then
 * grows from the start over the whole split text), at every length around
 * the cut, with runs of white space, over-long words and multi-byte text. */
START_TEST(test_no_match_stops_early)
{
    static const char *texts[] = {
        "alpha  beta\tgamma \n delta epsilon zeta eta theta iota kappa lambda mu nu xi",
        "alpha beta xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx gamma delta",
        "alpha Лавров сказал, что переговоры «возможны» \xe2\x80\x83 но не сейчас и не так",
        "alpha", "  alpha  ",
    };
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++)
        for (size_t max = 1; max < 90; max++) {
            lg_hlset_free(set);
            set = lg_hlset_new();
            snip(texts[t], max);
            char *plain = strdup(out);
            ck_assert_uint_eq(n_hl, 0);
            add_word("alpha");
            snip(texts[t], max);
            ck_assert_uint_eq(n_hl, 1);
            ck_assert_msg(strcmp(plain, out) == 0, "text %zu at %zu: '%s' != '%s'", t, max, plain,
                          out);
            free(plain);
        }
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("snippet");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_short_text_whole);
    tcase_add_test(tc, test_whitespace_collapsed);
    tcase_add_test(tc, test_no_match_start);
    tcase_add_test(tc, test_empty_set_and_text);
    tcase_add_test(tc, test_distinct_window_wins);
    tcase_add_test(tc, test_earliest_on_ties);
    tcase_add_test(tc, test_stem_counts_once);
    tcase_add_test(tc, test_stemmed_match);
    tcase_add_test(tc, test_exact_match);
    tcase_add_test(tc, test_cyrillic);
    tcase_add_test(tc, test_spans_after_cut);
    tcase_add_test(tc, test_utf8_boundaries);
    tcase_add_test(tc, test_long_article);
    tcase_add_test(tc, test_no_match_stops_early);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return lg_test_run(suite());
}
