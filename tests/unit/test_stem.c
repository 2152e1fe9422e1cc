#include "analyze.h"
#include "testutil.h"

#include <string.h>

static lg_stemmer *st;

static void setup(void)
{
    st = lg_stemmer_new();
    ck_assert_ptr_nonnull(st);
}

static void teardown(void)
{
    lg_stemmer_free(st);
}

typedef struct {
    lg_token tok;
    char term[LG_MAX_TERM_BYTES + 1];
} kept_token;

/* Keeps the first token; its term is only valid during the callback. */
static int first_token(void *ctx, const lg_token *tok)
{
    kept_token *k = ctx;
    k->tok = *tok;
    memcpy(k->term, tok->term, tok->len + 1);
    k->tok.term = k->term;
    return 1;
}

/* The stem of the first token of `word` as the tokenizer makes it, copied
 * to `out`; "" when it is not stemmed. */
static const char *stem_of(const char *word, char out[LG_MAX_TERM_BYTES + 1])
{
    kept_token k;
    size_t len = 0;
    ck_assert_int_eq(lg_tokenize(word, strlen(word), first_token, &k), 1);
    const char *stem = lg_stem(st, &k.tok, &len);
    if (!stem)
        return strcpy(out, "");
    ck_assert_uint_eq(strlen(stem), len);
    ck_assert_uint_le(len, LG_MAX_TERM_BYTES);
    return memcpy(out, stem, len + 1);
}

static void assert_same_stem(const char *a, const char *b)
{
    char sa[LG_MAX_TERM_BYTES + 1], sb[LG_MAX_TERM_BYTES + 1];
    stem_of(a, sa);
    stem_of(b, sb);
    ck_assert_str_ne(sa, "");
    ck_assert_msg(strcmp(sa, sb) == 0, "%s -> %s but %s -> %s", a, sa, b, sb);
}

START_TEST(english_possessive)
{
    char out[LG_MAX_TERM_BYTES + 1];
    ck_assert_str_eq(stem_of("Russia's", out), "russia");
    ck_assert_str_eq(stem_of("Russia’s", out), "russia");
}
END_TEST

START_TEST(english_pairs)
{
    assert_same_stem("negotiations", "negotiate");
    assert_same_stem("sanctions", "sanctioned");
    char a[LG_MAX_TERM_BYTES + 1], b[LG_MAX_TERM_BYTES + 1];
    ck_assert_str_ne(stem_of("peace", a), stem_of("piece", b));
}
END_TEST

START_TEST(russian_pairs)
{
    assert_same_stem("переговоры", "переговоров");
    assert_same_stem("санкции", "санкций");
    char out[LG_MAX_TERM_BYTES + 1];
    /* Russian words go to the Russian stemmer, which strips the ending. */
    ck_assert_str_eq(stem_of("переговоры", out), "переговор");
}
END_TEST

START_TEST(numbers_not_stemmed)
{
    char out[LG_MAX_TERM_BYTES + 1];
    ck_assert_str_eq(stem_of("2024", out), "");
    ck_assert_str_eq(stem_of("1,000", out), "");
    /* Not numeric: goes through the stemmer like any Latin token. */
    ck_assert_str_eq(stem_of("G20", out), "g20");
}
END_TEST

START_TEST(other_scripts_not_stemmed)
{
    char out[LG_MAX_TERM_BYTES + 1];
    ck_assert_str_eq(stem_of("Ελλάδα", out), "");
}
END_TEST

START_TEST(result_owned_by_stemmer)
{
    lg_token tok = {.term = "running", .len = 7, .script = LG_SCRIPT_LATIN};
    const char *first = lg_stem(st, &tok, NULL);
    ck_assert_str_eq(first, "run");
    lg_token ru = {.term = "странами", .len = strlen("странами"), .script = LG_SCRIPT_CYRILLIC};
    size_t len;
    const char *second = lg_stem(st, &ru, &len);
    ck_assert_str_eq(second, "стран");
    ck_assert_uint_eq(len, strlen("стран"));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("stem");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, english_possessive);
    tcase_add_test(tc, english_pairs);
    tcase_add_test(tc, russian_pairs);
    tcase_add_test(tc, numbers_not_stemmed);
    tcase_add_test(tc, other_scripts_not_stemmed);
    tcase_add_test(tc, result_owned_by_stemmer);
    suite_add_tcase(s, tc);
    return lg_test_run(s);
}
