#include "dupes.h"
#include "testutil.h"

#include <stdio.h>
#include <string.h>

/* One story in parts, so that outlets' versions of it are built from the
 * same words without repeating them here. */
#define HEADLINE "Vorontsov says Moscow ready to resume Black Sea shipping talks\n\n"
#define DATELINE "ISTANBUL, March 4. /TASS/. "
#define LEAD \
    "Russia is prepared to return to talks on the safety of commercial shipping in the Black Sea " \
    "without preconditions, provided that Ankara keeps its role as guarantor, Russian Foreign " \
    "Minister Sergey Vorontsov told reporters after meeting his Turkish counterpart on Tuesday.\n\n"
#define QUOTE_STRAIGHT \
    "\"We have never closed the door to a shipping arrangement. The question is whether our " \
    "partners are ready to honour what they sign, and not only what suits them this season,\" "
#define QUOTE_CURLY \
    "\u201cWe have never closed the door to a shipping arrangement. The question is whether our " \
    "partners are ready to honour what they sign, and not only what suits them this season,\u201d "
#define BODY \
    "Vorontsov said.\n\n" \
    "The minister said the two delegations had spent most of the three-hour meeting on the " \
    "technical side of inspections at the Bosporus, including the number of inspection teams and " \
    "the lists of ports covered. According to him, Moscow proposes that joint inspection teams work " \
    "around the clock, with Turkish officers in charge of each team.\n\n" \
    "Vorontsov also said that Russia expected the United Nations to play a more honest role in any " \
    "new arrangement than it had under the 2022 grain deal. The secretariat promised us that our " \
    "fertiliser and food exports would be unblocked, he added.\n\n" \
    "The 2022 Black Sea Grain Initiative, brokered by Turkey and the UN, allowed Ukrainian grain " \
    "exports from three ports until Russia withdrew in July 2023, citing unmet commitments on its " \
    "own agricultural exports. Since then, Kyiv has shipped grain through a corridor along the " \
    "western coast, and Turkey has repeatedly offered to host new talks.\n\n" \
    "Vorontsov is expected to travel to Antalya later this week for a regional security forum.\n"

static const char original[] = HEADLINE DATELINE LEAD QUOTE_STRAIGHT BODY;

static lg_minhash sig(const char *text)
{
    lg_minhash m;
    lg_minhash_of(text, strlen(text), &m);
    return m;
}

static double sim(const char *a, const char *b)
{
    lg_minhash x = sig(a), y = sig(b);
    return lg_minhash_similarity(&x, &y);
}

/* "w0 w1 w2 ..." with n distinct words, or n words cycling through
 * `cycle` distinct ones. */
static void words(char *buf, size_t cap, int n, int cycle)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; i < n; i++)
        len += (size_t)snprintf(buf + len, cap - len, "w%d ", cycle ? i % cycle : i);
    ck_assert_uint_lt(len, cap);
}

START_TEST(identical_texts_are_one)
{
    lg_minhash a = sig(original), b = sig(original);
    ck_assert(lg_minhash_similarity(&a, &b) == 1.0);
    ck_assert_mem_eq(&a, &b, sizeof a);
    ck_assert(lg_minhash_groupable(&a));
}
END_TEST

START_TEST(boilerplate_differences_are_copies)
{
    /* Another outlet's reprint: its own headline in capitals, no
     * dateline but its own credit, typographic quotes, a furniture
     * paragraph in the middle and a footer. */
    static const char reprint[] =
        "RUSSIA READY TO RETURN TO BLACK SEA TALKS, SAYS MINISTER\n\n"
        "(MENAFN- Trend News Agency) BAKU, Azerbaijan, March 4. " LEAD QUOTE_CURLY
        "Vorontsov said.\n\nFollow us on Telegram and X for the latest news from the region, "
        "and sign up for our free morning newsletter.\n\n" BODY
        "Legal Disclaimer: MENAFN provides the information as is without warranty of any kind.\n";
    double s = sim(original, reprint);
    ck_assert_msg(s >= LG_DUP_THRESHOLD, "reprint similarity %.3f", s);
    /* Case, marks and quote styles alone change nothing. */
    ck_assert(sim(HEADLINE LEAD QUOTE_STRAIGHT, HEADLINE LEAD QUOTE_CURLY) == 1.0);
    ck_assert(sim("Café Lavrov met Sergeï in Zürich on Tuesday", "CAFE lavrov met SERGEI in zurich, on tuesday!") == 1.0);
}
END_TEST

START_TEST(same_quote_in_different_reports_is_distinct)
{
    /* An independent report of the same press conference: the quotation
     * and the names are shared, every other sentence is the agency's own. */
    static const char other[] =
        "Turkish, Russian foreign ministers discuss Black Sea navigation in Istanbul\n\n"
        "ISTANBUL (AA) - Turkish Foreign Minister Mehmet Aydinoglu hosted his Russian counterpart "
        "Sergey Vorontsov at the Dolmabahce Office on Tuesday for talks focused on navigation safety "
        "in the Black Sea and the war in Ukraine.\n\n"
        "Speaking at a joint news conference after the meeting, Aydinoglu said the talks had been "
        "frank and useful and that Turkish experts would share a written proposal with Moscow and "
        "Kyiv within two weeks.\n\n"
        "Vorontsov, for his part, said: " QUOTE_STRAIGHT "\n\n"
        "Aydinoglu said the sides also discussed energy cooperation, including the operation of the "
        "TurkStream pipeline, and the construction of the Akkuyu nuclear power plant, which he said "
        "was expected to deliver its first electricity to the grid next year.\n\n"
        "Turkiye, which borders both Russia and Ukraine across the Black Sea, has maintained dialogue "
        "with both sides since the start of the war and has hosted several rounds of talks.\n";
    double s = sim(original, other);
    ck_assert_msg(s < LG_DUP_THRESHOLD, "independent report similarity %.3f", s);
    ck_assert_msg(s > 0.0, "the shared quotation should show: %.3f", s);
}
END_TEST

START_TEST(short_texts_are_not_groupable)
{
    char buf[256];
    words(buf, sizeof buf, 4 + LG_DUP_MIN_SHINGLES - 1, 0);
    lg_minhash m = sig(buf);
    ck_assert_uint_eq(m.shingles, LG_DUP_MIN_SHINGLES - 1);
    ck_assert(!lg_minhash_groupable(&m));
    words(buf, sizeof buf, 4 + LG_DUP_MIN_SHINGLES, 0);
    m = sig(buf);
    ck_assert_uint_eq(m.shingles, LG_DUP_MIN_SHINGLES);
    ck_assert(lg_minhash_groupable(&m));

    /* Under five words: one shingle of what there is. */
    m = sig("Lavrov: no comment.");
    ck_assert_uint_eq(m.shingles, 1);
    ck_assert(!lg_minhash_groupable(&m));
    ck_assert(sim("Lavrov: no comment.", "LAVROV - No comment") == 1.0);
    ck_assert(sim("Lavrov: no comment.", "No comment: Lavrov") < 1.0);

    m = sig(" .,;: -- ");
    ck_assert_uint_eq(m.shingles, 0);
    ck_assert(!lg_minhash_groupable(&m));
}
END_TEST

START_TEST(distinct_shingles_counted)
{
    static char buf[65536];
    /* Repeats count once: 50 words cycling through 5 make 5 shingles. */
    words(buf, sizeof buf, 50, 5);
    ck_assert_uint_eq(sig(buf).shingles, 5);
    /* Exact while at most 256, bounded by what was seen just past it. */
    words(buf, sizeof buf, 260, 0);
    ck_assert_uint_eq(sig(buf).shingles, 256);
    words(buf, sizeof buf, 261, 0);
    ck_assert_uint_eq(sig(buf).shingles, 257);
    /* Estimated from the signature for long texts (9 % error expected):
     * 6000 words cycling through 3000 make 3000 shingles seen twice. */
    words(buf, sizeof buf, 6000, 3000);
    uint32_t n = sig(buf).shingles;
    ck_assert_msg(n > 3000 * 3 / 4 && n < 3000 * 5 / 4, "3000 shingles estimated as %u", n);
}
END_TEST

START_TEST(band_keys)
{
    lg_minhash a = sig(original), b = sig(original);
    static char buf[4096];
    words(buf, sizeof buf, 300, 0);
    lg_minhash other = sig(buf);
    int same = 0;
    for (int band = 0; band < LG_MINHASH_BANDS; band++) {
        ck_assert_uint_eq(lg_minhash_band(&a, band), lg_minhash_band(&b, band));
        same += lg_minhash_band(&a, band) == lg_minhash_band(&other, band);
    }
    ck_assert_int_le(same, 1);
    /* Equal rows in two different bands still give two keys. */
    lg_minhash flat = {.shingles = 100};
    ck_assert_uint_ne(lg_minhash_band(&flat, 0), lg_minhash_band(&flat, 1));
}
END_TEST

/* Signatures are stored: a change to seeds or hashing must show here. */
START_TEST(signatures_are_stable)
{
    lg_minhash m = sig(original);
    ck_assert_uint_eq(m.min[0], 5697308u);
    ck_assert_uint_eq(m.min[1], 16459514u);
    ck_assert_uint_eq(m.min[2], 110895u);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("dupes");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, identical_texts_are_one);
    tcase_add_test(tc, boilerplate_differences_are_copies);
    tcase_add_test(tc, same_quote_in_different_reports_is_distinct);
    tcase_add_test(tc, short_texts_are_not_groupable);
    tcase_add_test(tc, distinct_shingles_counted);
    tcase_add_test(tc, band_keys);
    tcase_add_test(tc, signatures_are_stable);
    suite_add_tcase(s, tc);
    return lg_test_run(s);
}
