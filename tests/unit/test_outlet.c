#include "clean.h"
#include "extract.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define LINES(...) ((const char *const[]){__VA_ARGS__, NULL})

static void page_of(lg_page *page, const char *const *lines)
{
    memset(page, 0, sizeof *page);
    for (; *lines; lines++)
        ck_assert_int_eq(lg_page_add(page, *lines, strlen(*lines), LG_BLOCK_TEXT), 0);
}

static int same(const char *got, const char *want)
{
    return want ? got && !strcmp(got, want) : !got;
}

/* The outlet and agency of a page, checked against want (NULL: none). */
static void assert_page(lg_page *page, const char *want, const char *want_via, lg_source want_src)
{
    char *via = (char *)"junk";
    lg_source src = LG_SRC_FLAG;
    char *o = lg_extract_outlet(page, &via, &src);
    ck_assert_msg(same(o, want), "outlet \"%s\", want \"%s\"", o ? o : "(null)", want ? want : "(null)");
    ck_assert_msg(same(via, want_via), "via \"%s\", want \"%s\"", via ? via : "(null)", want_via ? want_via : "(null)");
    ck_assert_int_eq(src, want_src);
    free(o);
    free(via);
}

static void assert_outlet(const char *const *lines, const char *want, const char *want_via, lg_source want_src)
{
    lg_page page;
    page_of(&page, lines);
    assert_page(&page, want, want_via, want_src);
    lg_page_free(&page);
}

static const char *const story = "The envoys met for four hours and agreed to meet again in June.";

START_TEST(agency_dateline)
{
    assert_outlet(LINES("Talks resume", "(NORDWIRE) The envoys met for four hours."), "NORDWIRE", NULL, LG_SRC_DATELINE);
    assert_outlet(LINES("date 2025-03-03 (NORDWIRE) The envoys met."), "NORDWIRE", NULL, LG_SRC_DATELINE);
    assert_outlet(LINES("OSLO, March 3 (Reuters) - The envoys met."), "Reuters", NULL, LG_SRC_DATELINE);
    assert_outlet(LINES("Bergen [Norway], March 3 (NORDWIRE): The envoys met."), "NORDWIRE", NULL, LG_SRC_DATELINE);
    assert_outlet(LINES("ОСЛО, 3 марта. /ТАСС/. Посланники встретились."), "ТАСС", NULL, LG_SRC_DATELINE);
}
END_TEST

START_TEST(parentheses_that_are_no_dateline)
{
    /* Inside a sentence, an acronym is the story's. */
    assert_outlet(LINES("The European Union (EU) said the envoys met."), NULL, NULL, LG_SRC_NONE);
    assert_outlet(LINES("- The European Union (EU) said the envoys met."), NULL, NULL, LG_SRC_NONE);
    /* Lower-case words are a sentence, not a dateline. */
    assert_outlet(LINES("NATO and the union (EU) met."), NULL, NULL, LG_SRC_NONE);
    /* Neither capitals nor an agency. */
    assert_outlet(LINES("(Photo) The envoys met."), NULL, NULL, LG_SRC_NONE);
    /* A photo credit names the picture's agency, not the outlet. */
    assert_outlet(LINES("Envoys shake hands in Oslo. / Reuters", story), NULL, NULL, LG_SRC_NONE);
}
END_TEST

START_TEST(copyright_lines)
{
    assert_outlet(LINES(story, "Harbour.example © 2025. ."), "Harbour.example", NULL, LG_SRC_BODY);
    assert_outlet(LINES(story, "© 2024-2025 Harbour Gazette. All rights reserved."), "Harbour Gazette", NULL, LG_SRC_BODY);
    assert_outlet(LINES(story, "Copyright 2025 Nordpost"), "Nordpost", NULL, LG_SRC_BODY);
    assert_outlet(LINES(story, "© «Северный вестник»"), "Северный вестник", NULL, LG_SRC_BODY);
    assert_outlet(LINES(story, "© 2025 Harbour Gazette Publishers Limited"), "Harbour Gazette", NULL, LG_SRC_BODY);
    assert_outlet(LINES(story, "Fjord Times, 2025. All rights reserved."), "Fjord Times", NULL, LG_SRC_BODY);
    assert_outlet(LINES(story, "Северный вестник | Все права защищены"), "Северный вестник", NULL, LG_SRC_BODY);
    /* A sentence before the phrase is no name. */
    assert_outlet(LINES(story, "Reproduction is forbidden and all rights reserved"), NULL, NULL, LG_SRC_NONE);
    assert_outlet(LINES(story, "Fjord Times and partners. All rights reserved"), NULL, NULL, LG_SRC_NONE);
    assert_outlet(LINES(story, "Fjord Times: our partners hold all rights reserved."), NULL, NULL, LG_SRC_NONE);
    assert_outlet(LINES(story, "© 2025 Harbour Gazette All rights reserved"), "Harbour Gazette", NULL, LG_SRC_BODY);
    /* Lower case: the word, not a signature. */
    assert_outlet(LINES("Write to us about copyright questions regarding this piece"), NULL, NULL, LG_SRC_NONE);
    /* A sentence before the mark is no name. */
    assert_outlet(LINES("Everything published here belongs to the people who wrote it ©"), NULL, NULL, LG_SRC_NONE);
}
END_TEST

START_TEST(masthead_named_again)
{
    assert_outlet(LINES("FJORD OBSERVER", "News | World", "Talks resume", story, "Fjord Observer - independent since 1990"),
        "Fjord Observer", NULL, LG_SRC_BODY);
    /* Named once: a section, not a site. */
    assert_outlet(LINES("FJORD OBSERVER", "Talks resume", story), NULL, NULL, LG_SRC_NONE);
    /* One word is too easily a section named in the story. */
    assert_outlet(LINES("POLITICS", "Talks resume", "The envoys talked politics."), NULL, NULL, LG_SRC_NONE);
    /* Not capitalised: a sentence. */
    assert_outlet(LINES("Talks are over", story, "Talks are over, they said."), NULL, NULL, LG_SRC_NONE);
    /* Below the body it is no masthead. */
    assert_outlet(LINES("Talks resume", "The two delegations met for four hours in a lakeside villa on Tuesday and agreed "
                                        "to hold a second round of consultations before the end of the month, officials said.",
                      "Fjord Observer", "Fjord Observer thanks its readers."),
        NULL, NULL, LG_SRC_NONE);
}
END_TEST

START_TEST(newsletter_box)
{
    assert_outlet(LINES(story, "Discover more from Nordpost", "Subscribe now"), "Nordpost", NULL, LG_SRC_BODY);
}
END_TEST

START_TEST(self_citation)
{
    assert_outlet(LINES("The envoys met, Nordpost.info reports via Interfax."), "Nordpost.info", "Interfax", LG_SRC_BODY);
    assert_outlet(LINES("The envoys met, Harbour Gazette reports citing NORDWIRE."), "Harbour Gazette", "NORDWIRE",
        LG_SRC_BODY);
    assert_outlet(LINES("The envoys met as Nordpost.info reports via Interfax."), "Nordpost.info", "Interfax", LG_SRC_BODY);
    /* Four capitalised words are no outlet's name. */
    assert_outlet(LINES("Our Harbour Gazette Nordpost.info reports."), NULL, NULL, LG_SRC_NONE);
    /* A capitalised name that does not look like an outlet. */
    assert_outlet(LINES("The ministry, Smith reports, is closed."), NULL, NULL, LG_SRC_NONE);
}
END_TEST

START_TEST(relayed_agencies)
{
    assert_outlet(LINES("The envoys met on Monday, according to Xinhua."), NULL, "Xinhua", LG_SRC_NONE);
    assert_outlet(LINES("The envoys met on Monday, according to Smith."), NULL, NULL, LG_SRC_NONE);
    assert_outlet(LINES(story, "• Source of information and images “harbour.example”"), NULL, "harbour.example",
        LG_SRC_NONE);
    assert_outlet(LINES(story, "Source: Interfax"), NULL, "Interfax", LG_SRC_NONE);
    assert_outlet(LINES("The envoys met, reports via TASS say."), NULL, "TASS", LG_SRC_NONE);
    assert_outlet(LINES("The envoys met on Monday, TASS reported."), NULL, "TASS", LG_SRC_NONE);
    assert_outlet(LINES("The envoys met on Monday, Smith reported."), NULL, NULL, LG_SRC_NONE);
    assert_outlet(LINES("Source: agencies and wire reports"), NULL, NULL, LG_SRC_NONE);
    assert_outlet(LINES("Посланники встретились, передаёт РИА Новости."), NULL, "РИА Новости", LG_SRC_NONE);
    assert_outlet(LINES("Посланники встретились, сообщает агентство Синьхуа."), NULL, "Синьхуа", LG_SRC_NONE);
    assert_outlet(LINES("Посланники встретились, сообщает «Интерфакс»."), NULL, "Интерфакс", LG_SRC_NONE);
    assert_outlet(LINES("Посланники встретились, сообщает пресс-служба."), NULL, NULL, LG_SRC_NONE);
    /* The first named wins. */
    assert_outlet(LINES("The envoys met, according to Xinhua.", "Source: Interfax"), NULL, "Xinhua", LG_SRC_NONE);
}
END_TEST

START_TEST(strongest_signature_wins)
{
    /* A wire's dateline on a site that signs is what the site relays. */
    assert_outlet(LINES("(NORDWIRE) The envoys met.", "Harbour.example © 2025"), "Harbour.example", "NORDWIRE",
        LG_SRC_BODY);
    assert_outlet(LINES("(NORDWIRE) The envoys met.", "Harbour.example © 2025", "Source: Interfax"), "Harbour.example",
        "Interfax", LG_SRC_BODY);
    /* The wire's own page. */
    assert_outlet(LINES("(NORDWIRE) The envoys met.", "© 2025 Nordwire"), "Nordwire", NULL, LG_SRC_BODY);
    assert_outlet(LINES("Discover more from Nordpost", "Harbour.example © 2025"), "Harbour.example", NULL, LG_SRC_BODY);
    assert_outlet(LINES("The envoys met, Nordpost.info reports.", "Discover more from Nordpost"), "Nordpost", NULL,
        LG_SRC_BODY);
}
END_TEST

START_TEST(markup)
{
    lg_page page;
    page_of(&page, LINES("(NORDWIRE) The envoys met.", "Source: Interfax"));
    page.site_name = strdup("Harbour Gazette");
    page.canonical = strdup("https://www.harbour.example/a/1");
    assert_page(&page, "Harbour Gazette", "Interfax", LG_SRC_META);
    free(page.site_name);
    page.site_name = NULL;
    assert_page(&page, "NORDWIRE", "Interfax", LG_SRC_DATELINE);
    lg_page_free(&page);
    page_of(&page, LINES("(NORDWIRE) The envoys met."));
    page.site_name = strdup("Harbour Gazette");
    assert_page(&page, "Harbour Gazette", "NORDWIRE", LG_SRC_META);
    lg_page_free(&page);
}
END_TEST

static void assert_domain(const char *url, const char *want)
{
    lg_page page;
    page_of(&page, LINES(story));
    page.canonical = strdup(url);
    assert_page(&page, want, NULL, want ? LG_SRC_URL : LG_SRC_NONE);
    lg_page_free(&page);
}

START_TEST(canonical_domain)
{
    assert_domain("https://www.Harbour.example/a/1?x=2", "harbour.example");
    assert_domain("http://news.harbour.example:8080/", "news.harbour.example");
    assert_domain("https://wwwnews.example/a", "wwwnews.example");
    assert_domain("/a/1", NULL);
    assert_domain("https://localhost/a", NULL);
}
END_TEST

START_TEST(dropped_blocks_still_read)
{
    lg_page page;
    page_of(&page, LINES(story, "Discover more from Nordpost"));
    page.blocks[1].keep = 0;
    page.blocks[1].why = "subscribe";
    assert_page(&page, "Nordpost", NULL, LG_SRC_BODY);
    lg_page_free(&page);
}
END_TEST

START_TEST(nothing)
{
    assert_outlet(LINES(story), NULL, NULL, LG_SRC_NONE);
}
END_TEST

START_TEST(seeds)
{
    static const struct {
        const char *file, *outlet, *via;
        lg_source src;
    } want[] = {
        {"000_ab6bb1f29b8f6bc5.txt", "MENAFN", NULL, LG_SRC_DATELINE},
        {"001_62f661980b8ad871.txt", "Elrisala", "economictimes.indiatimes", LG_SRC_BODY},
        {"002_f61def2bc9a4bed0.txt", NULL, NULL, LG_SRC_NONE},
        {"003_44361a8531b9948d.txt", "Caliber.az", "TASS", LG_SRC_BODY},
        {"004_e8c721404cd4e219.txt", "MENAFN", NULL, LG_SRC_DATELINE},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        lg_page page;
        if (lg_test_seed_page(want[i].file, 1, &page) != 0)
            return;
        assert_page(&page, want[i].outlet, want[i].via, want[i].src);
        lg_page_free(&page);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("outlet");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, agency_dateline);
    tcase_add_test(tc, parentheses_that_are_no_dateline);
    tcase_add_test(tc, copyright_lines);
    tcase_add_test(tc, masthead_named_again);
    tcase_add_test(tc, newsletter_box);
    tcase_add_test(tc, self_citation);
    tcase_add_test(tc, relayed_agencies);
    tcase_add_test(tc, strongest_signature_wins);
    tcase_add_test(tc, markup);
    tcase_add_test(tc, canonical_domain);
    tcase_add_test(tc, dropped_blocks_still_read);
    tcase_add_test(tc, nothing);
    tcase_add_test(tc, seeds);
    suite_add_tcase(s, tc);
    return lg_test_run(s);
}
