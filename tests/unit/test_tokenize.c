#include "analyze.h"
#include "testutil.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define MAX_TOKENS 32

typedef struct {
    char term[LG_MAX_TERM_BYTES + 1];
    uint32_t pos;
    size_t start, end;
    lg_script script;
    int numeric;
} seen_token;

typedef struct {
    seen_token tok[MAX_TOKENS];
    int n;
    int stop_after; /* stop with 42 after this many tokens; 0 = never */
} seen;

static int collect_cb(void *ctx, const lg_token *tok)
{
    seen *s = ctx;
    ck_assert_int_lt(s->n, MAX_TOKENS);
    ck_assert_uint_eq(strlen(tok->term), tok->len);
    seen_token *t = &s->tok[s->n++];
    memcpy(t->term, tok->term, tok->len + 1);
    t->pos = tok->pos;
    t->start = tok->start;
    t->end = tok->end;
    t->script = tok->script;
    t->numeric = tok->numeric;
    return s->stop_after && s->n == s->stop_after ? 42 : 0;
}

static seen collect(const char *text)
{
    seen s = {.n = 0};
    ck_assert_int_eq(lg_tokenize(text, strlen(text), collect_cb, &s), 0);
    return s;
}

/* Asserts the folded terms of `text`, "|"-separated. */
static void assert_terms(const char *text, const char *expected)
{
    seen s = collect(text);
    char joined[1024] = "";
    for (int i = 0; i < s.n; i++) {
        if (i)
            strcat(joined, "|");
        strcat(joined, s.tok[i].term);
    }
    ck_assert_msg(strcmp(joined, expected) == 0, "%s: got \"%s\", want \"%s\"", text, joined, expected);
}

START_TEST(latin_words_positions_spans)
{
    seen s = collect("  Lavrov met\tBlinken.");
    ck_assert_int_eq(s.n, 3);
    ck_assert_str_eq(s.tok[0].term, "lavrov");
    ck_assert_str_eq(s.tok[1].term, "met");
    ck_assert_str_eq(s.tok[2].term, "blinken");
    for (int i = 0; i < 3; i++) {
        ck_assert_uint_eq(s.tok[i].pos, (uint32_t)i + 1);
        ck_assert_int_eq(s.tok[i].script, LG_SCRIPT_LATIN);
        ck_assert_int_eq(s.tok[i].numeric, 0);
    }
    ck_assert_uint_eq(s.tok[0].start, 2);
    ck_assert_uint_eq(s.tok[0].end, 8);
    ck_assert_uint_eq(s.tok[2].start, 13);
    ck_assert_uint_eq(s.tok[2].end, 20);
}
END_TEST

START_TEST(cyrillic)
{
    const char *text = "Сергей Лавров заявил";
    seen s = collect(text);
    ck_assert_int_eq(s.n, 3);
    ck_assert_str_eq(s.tok[0].term, "сергей");
    ck_assert_str_eq(s.tok[1].term, "лавров");
    ck_assert_str_eq(s.tok[2].term, "заявил");
    ck_assert_int_eq(s.tok[1].script, LG_SCRIPT_CYRILLIC);
    ck_assert_uint_eq(s.tok[1].pos, 2);
    /* Spans are bytes of the original: Сергей is 12 bytes, then a space. */
    ck_assert_uint_eq(s.tok[1].start, 13);
    ck_assert_uint_eq(s.tok[1].end, 25);
    ck_assert_uint_eq(s.tok[2].end, strlen(text));
}
END_TEST

START_TEST(mixed_scripts)
{
    seen s = collect("МИД РФ and NATO, Ελλάδα 東京");
    ck_assert_int_eq(s.n, 6);
    ck_assert_str_eq(s.tok[0].term, "мид");
    ck_assert_int_eq(s.tok[0].script, LG_SCRIPT_CYRILLIC);
    ck_assert_str_eq(s.tok[3].term, "nato");
    ck_assert_int_eq(s.tok[3].script, LG_SCRIPT_LATIN);
    /* Greek keeps its accent: only Latin letters lose diacritics. */
    ck_assert_str_eq(s.tok[4].term, "ελλάδα");
    ck_assert_int_eq(s.tok[4].script, LG_SCRIPT_OTHER);
    ck_assert_int_eq(s.tok[5].script, LG_SCRIPT_OTHER);
    /* A Cyrillic letter makes the whole token Cyrillic. */
    seen m = collect("Xамас");
    ck_assert_int_eq(m.n, 1);
    ck_assert_int_eq(m.tok[0].script, LG_SCRIPT_CYRILLIC);
}
END_TEST

START_TEST(apostrophes)
{
    assert_terms("Russia's", "russia's");
    assert_terms("Russia’s", "russia's");
    assert_terms("RUSSIAʼS", "russia's");
    assert_terms("Russia′s", "russia's");
    /* Not between two letters: the apostrophe separates. */
    assert_terms("'quoted' the 90's", "quoted|the|90|s");
    assert_terms("rock’n’roll", "rock'n'roll");
    assert_terms("a''b", "a|b");
    seen s = collect("Russia’s x");
    ck_assert_uint_eq(s.tok[0].end, strlen("Russia’s"));
}
END_TEST

START_TEST(hyphens_split)
{
    seen s = collect("anti-constitutional move");
    ck_assert_int_eq(s.n, 3);
    ck_assert_str_eq(s.tok[0].term, "anti");
    ck_assert_str_eq(s.tok[1].term, "constitutional");
    ck_assert_uint_eq(s.tok[0].pos, 1);
    ck_assert_uint_eq(s.tok[1].pos, 2);
    ck_assert_uint_eq(s.tok[2].pos, 3);
    assert_terms("Северо-Западный", "северо|западный");
    assert_terms("pro‐Western – pro—Kiev", "pro|western|pro|kiev");
}
END_TEST

START_TEST(numbers)
{
    seen s = collect("In 2024, 5.22 and 1,000 over a 90-minute talk.");
    ck_assert_int_eq(s.n, 10);
    ck_assert_str_eq(s.tok[1].term, "2024");
    ck_assert_str_eq(s.tok[2].term, "5.22");
    ck_assert_str_eq(s.tok[4].term, "1,000");
    ck_assert_str_eq(s.tok[7].term, "90");
    ck_assert_str_eq(s.tok[8].term, "minute");
    ck_assert_int_eq(s.tok[1].numeric, 1);
    ck_assert_int_eq(s.tok[2].numeric, 1);
    ck_assert_int_eq(s.tok[4].numeric, 1);
    ck_assert_int_eq(s.tok[2].script, LG_SCRIPT_LATIN);
    ck_assert_int_eq(s.tok[8].numeric, 0);
    /* Points not between digits separate. */
    assert_terms("end.5 5. 1..2 v2.0", "end|5|5|1|2|v2.0");
    seen g = collect("5G");
    ck_assert_int_eq(g.tok[0].numeric, 0);
}
END_TEST

START_TEST(typographic_punctuation)
{
    assert_terms("«Да» — “yes” „ja“ (no) [x] ¿qué? ‹a›", "да|yes|ja|no|x|que|a");
}
END_TEST

START_TEST(diacritics)
{
    assert_terms("Café Señor Dvořák Øresund Łódź İstanbul", "cafe|senor|dvorak|oresund|lodz|istanbul");
    /* Decomposed input gives the same term as precomposed. */
    assert_terms("cafe\xcc\x81", "cafe");
}
END_TEST

START_TEST(cyrillic_yo_and_short_i)
{
    assert_terms("Ёлка ещё", "елка|еще");
    assert_terms("Зеленский ЙОД", "зеленский|йод");
    /* й typed as и + combining breve still comes out as й. */
    assert_terms("\xd0\xb8\xcc\x86", "й");
    /* Ukrainian ї keeps its diaeresis. */
    assert_terms("Київ", "київ");
}
END_TEST

START_TEST(nfkc)
{
    assert_terms("ﬁnance", "finance");
    seen s = collect("ＮＡＴＯ ２０２４");
    ck_assert_int_eq(s.n, 2);
    ck_assert_str_eq(s.tok[0].term, "nato");
    ck_assert_str_eq(s.tok[1].term, "2024");
    ck_assert_int_eq(s.tok[1].numeric, 1);
    ck_assert_uint_eq(s.tok[1].start, strlen("ＮＡＴＯ "));
    assert_terms("STRASSE Straße", "strasse|strasse");
    /* A soft hyphen inside a word is ignored. */
    assert_terms("nego\xc2\xadtiations", "negotiations");
}
END_TEST

START_TEST(long_tokens_dropped)
{
    char text[256];
    char longword[LG_MAX_TERM_BYTES + 2];
    memset(longword, 'a', sizeof longword - 1);
    longword[sizeof longword - 1] = '\0';
    snprintf(text, sizeof text, "before %s after", longword);
    seen s = collect(text);
    ck_assert_int_eq(s.n, 2);
    ck_assert_str_eq(s.tok[1].term, "after");
    ck_assert_uint_eq(s.tok[1].pos, 3);

    /* Exactly the limit is kept; the limit counts folded bytes. */
    longword[LG_MAX_TERM_BYTES] = '\0';
    ck_assert_int_eq(collect(longword).n, 1);
    char cyr[2 * (LG_MAX_TERM_BYTES / 2 + 1) + 1] = "";
    for (int i = 0; i < LG_MAX_TERM_BYTES / 2 + 1; i++)
        strcat(cyr, "д");
    ck_assert_int_eq(collect(cyr).n, 0);
    cyr[LG_MAX_TERM_BYTES] = '\0';
    ck_assert_int_eq(collect(cyr).n, 1);
}
END_TEST

START_TEST(empty_input)
{
    seen s = {.n = 0};
    ck_assert_int_eq(lg_tokenize("", 0, collect_cb, &s), 0);
    ck_assert_int_eq(lg_tokenize(" ,.-— «»", strlen(" ,.-— «»"), collect_cb, &s), 0);
    ck_assert_int_eq(s.n, 0);
}
END_TEST

START_TEST(early_stop)
{
    seen s = {.n = 0, .stop_after = 2};
    const char *text = "one two three four";
    ck_assert_int_eq(lg_tokenize(text, strlen(text), collect_cb, &s), 42);
    ck_assert_int_eq(s.n, 2);
}
END_TEST

START_TEST(length_not_nul)
{
    seen s = {.n = 0};
    ck_assert_int_eq(lg_tokenize("alpha beta", 7, collect_cb, &s), 0);
    ck_assert_int_eq(s.n, 2);
    ck_assert_str_eq(s.tok[1].term, "b");
}
END_TEST

START_TEST(invalid_utf8)
{
    static const struct {
        const char *s;
        size_t len, at;
    } cases[] = {
        {"plain ascii", 11, (size_t)-1},
        {"ok \xd0\x9b\xe2\x80\x99\xf0\x9f\x98\x80", 12, (size_t)-1},
        {"ab\x80", 3, 2},             /* stray continuation */
        {"ab\xc0\x80", 4, 2},         /* overlong NUL */
        {"\xe0\x80\xaf", 3, 0},       /* overlong '/' */
        {"x\xed\xa0\x80", 4, 1},      /* surrogate D800 */
        {"xy\xf4\x90\x80\x80", 6, 2}, /* U+110000 */
        {"abc\xe2\x82", 5, 3},        /* truncated at the end */
        {"a\xe2\x82z", 4, 1},         /* truncated in the middle */
        {"a\0b", 3, 1},               /* NUL */
        {"\xff", 1, 0},
        {"\xf8\x88\x80\x80\x80", 5, 0}, /* 5-byte form */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        ck_assert_msg(lg_utf8_invalid_at(cases[i].s, cases[i].len) == cases[i].at,
            "case %zu: got %zu", i, lg_utf8_invalid_at(cases[i].s, cases[i].len));
}
END_TEST

START_TEST(invalid_bytes_separate)
{
    /* Callers are told to validate first; if they do not, a bad byte
     * still only separates tokens. */
    seen s = {.n = 0};
    ck_assert_int_eq(lg_tokenize("ab\xff" "cd\xe2", 6, collect_cb, &s), 0);
    ck_assert_int_eq(s.n, 2);
    ck_assert_str_eq(s.tok[1].term, "cd");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tokenize");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, latin_words_positions_spans);
    tcase_add_test(tc, cyrillic);
    tcase_add_test(tc, mixed_scripts);
    tcase_add_test(tc, apostrophes);
    tcase_add_test(tc, hyphens_split);
    tcase_add_test(tc, numbers);
    tcase_add_test(tc, typographic_punctuation);
    tcase_add_test(tc, diacritics);
    tcase_add_test(tc, cyrillic_yo_and_short_i);
    tcase_add_test(tc, nfkc);
    tcase_add_test(tc, long_tokens_dropped);
    tcase_add_test(tc, empty_input);
    tcase_add_test(tc, early_stop);
    tcase_add_test(tc, length_not_nul);
    tcase_add_test(tc, invalid_utf8);
    tcase_add_test(tc, invalid_bytes_separate);
    suite_add_tcase(s, tc);
    return lg_test_run(s);
}
