#include "clean.h"
#include "extract.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>


/* A page of text blocks, one per string; "# " makes an h1 and "- " a
 * list item. */
static void page_of(lg_page *page, const char *const *lines)
{
    memset(page, 0, sizeof *page);
    for (; *lines; lines++) {
        const char *s = *lines;
        lg_block_kind kind = LG_BLOCK_TEXT;
        if (!strncmp(s, "# ", 2) || !strncmp(s, "- ", 2)) {
            kind = *s == '#' ? LG_BLOCK_HEADING : LG_BLOCK_LIST_ITEM;
            s += 2;
        }
        ck_assert_int_eq(lg_page_add(page, s, strlen(s), kind), 0);
        if (kind == LG_BLOCK_HEADING)
            page->blocks[page->n - 1].level = 1;
    }
}

/* The title of `lines`, checked against want (NULL: none) and its source. */
static void assert_title(const char *const *lines, const char *want, lg_source want_src)
{
    lg_page page;
    lg_source src = LG_SRC_FLAG;
    page_of(&page, lines);
    char *t = lg_extract_title(&page, &src);
    if (want)
        ck_assert_msg(t && !strcmp(t, want), "title \"%s\", want \"%s\"", t ? t : "(null)", want);
    else
        ck_assert_msg(!t, "title \"%s\", want none", t);
    ck_assert_int_eq(src, want_src);
    free(t);
    lg_page_free(&page);
}

#define LINES(...) ((const char *const[]){__VA_ARGS__, NULL})

static const char *const body =
    "The two delegations met for four hours in a lakeside villa on Tuesday and agreed to hold "
    "a second round of consultations before the end of the month, officials from both sides confirmed.";

START_TEST(source_names)
{
    ck_assert_str_eq(lg_source_name(LG_SRC_NONE), "");
    ck_assert_str_eq(lg_source_name(LG_SRC_FLAG), "flag");
    ck_assert_str_eq(lg_source_name(LG_SRC_JSON), "json");
    ck_assert_str_eq(lg_source_name(LG_SRC_META), "meta");
    ck_assert_str_eq(lg_source_name(LG_SRC_HEADER), "header");
    ck_assert_str_eq(lg_source_name(LG_SRC_DATELINE), "dateline");
    ck_assert_str_eq(lg_source_name(LG_SRC_BODY), "body");
    ck_assert_str_eq(lg_source_name(LG_SRC_URL), "url");
    ck_assert_str_eq(lg_source_name((lg_source)99), "");
}
END_TEST

/* A markup title on a page, with its site name. */
static void assert_markup(const char *og, const char *html, const char *site, const char *want)
{
    lg_page page;
    lg_source src = LG_SRC_NONE;
    page_of(&page, LINES("A text headline that must lose to markup"));
    page.og_title = og ? strdup(og) : NULL;
    page.html_title = html ? strdup(html) : NULL;
    page.site_name = site ? strdup(site) : NULL;
    char *t = lg_extract_title(&page, &src);
    ck_assert_msg(t && !strcmp(t, want), "title \"%s\", want \"%s\"", t ? t : "(null)", want);
    ck_assert_int_eq(src, LG_SRC_META);
    free(t);
    lg_page_free(&page);
}

START_TEST(og_title_before_html_title)
{
    assert_markup("Envoys agree to resume grain talks", "Grain talks | Harbour Gazette", NULL,
        "Envoys agree to resume grain talks");
    assert_markup(NULL, "Envoys agree to resume grain talks", NULL, "Envoys agree to resume grain talks");
}
END_TEST

START_TEST(site_name_stripped)
{
    const char *want = "Envoys agree to resume grain talks";
    assert_markup("Envoys agree to resume grain talks | Harbour Gazette", NULL, "Harbour Gazette", want);
    assert_markup("Envoys agree to resume grain talks - harbour gazette", NULL, "Harbour Gazette", want);
    assert_markup("Envoys agree to resume grain talks — Harbour Gazette", NULL, "Harbour Gazette", want);
    assert_markup("Harbour Gazette | Envoys agree to resume grain talks", NULL, "Harbour Gazette", want);
    assert_markup("Harbour Gazette: Envoys agree to resume grain talks", NULL, "Harbour Gazette", want);
    /* A segment that is not the site's name stays. */
    assert_markup("Ceasefire - what the envoys agreed", NULL, "Harbour Gazette", "Ceasefire - what the envoys agreed");
}
END_TEST

START_TEST(last_segment_without_site_name)
{
    assert_markup(NULL, "Envoys agree to resume grain talks | Harbour Gazette", NULL,
        "Envoys agree to resume grain talks");
    /* Too little would be left. */
    assert_markup(NULL, "Grain talks | Gazette", NULL, "Grain talks | Gazette");
    /* No longer than the "site": a headline with a dash. */
    assert_markup(NULL, "Grain talks resume - Oslo and Ankara agree", NULL, "Grain talks resume - Oslo and Ankara agree");
    /* Too long for a site's name. */
    assert_markup(NULL, "Envoys from Oslo and Ankara agree to resume grain talks - after a long cold hard winter", NULL,
        "Envoys from Oslo and Ankara agree to resume grain talks - after a long cold hard winter");
    /* Prefixes are only stripped when they are the known site name. */
    assert_markup(NULL, "Grain: envoys agree to resume talks", NULL, "Grain: envoys agree to resume talks");
}
END_TEST

START_TEST(site_name_alone_falls_back)
{
    assert_markup("Harbour Gazette", "Envoys agree to resume grain talks | Harbour Gazette", "Harbour Gazette",
        "Envoys agree to resume grain talks");
}
END_TEST

START_TEST(headline_block)
{
    assert_title(LINES("Envoys agree to resume grain talks", body), "Envoys agree to resume grain talks", LG_SRC_BODY);
}
END_TEST

START_TEST(menu_words_and_labels_skipped)
{
    const char *want = "Envoys agree to resume grain talks";
    assert_title(LINES("telegram", "dark_mode", "en", "Politics", "WORLD NEWS", want, body), want, LG_SRC_BODY);
    assert_title(LINES("WHERE DO YOU WANT TO GO ?", want, body), want, LG_SRC_BODY);
    /* Capitals in a longer headline are not a label. */
    assert_title(LINES("ENVOYS AGREE TO RESUME GRAIN TALKS AFTER A LONG WINTER", body),
        "ENVOYS AGREE TO RESUME GRAIN TALKS AFTER A LONG WINTER", LG_SRC_BODY);
}
END_TEST

START_TEST(mastheads_and_menus_skipped)
{
    const char *want = "Envoys agree to resume grain talks";
    assert_title(LINES("Fjord Morning Ledger", want), want, LG_SRC_BODY);
    assert_title(LINES("Voice of the Fjords", want), want, LG_SRC_BODY);
    assert_title(LINES("Fjord and Harbour Times", want), want, LG_SRC_BODY);
    assert_title(LINES("News | Analysis | Opinion", want), want, LG_SRC_BODY);
    assert_title(LINES("Politics · Economy · Region", want), want, LG_SRC_BODY);
    assert_title(LINES("08:41 Markets open lower in Oslo", want), want, LG_SRC_BODY);
    assert_title(LINES("Breaking: Parliament postpones the budget vote", want), want, LG_SRC_BODY);
    assert_title(LINES("Поиск по сайту", "Print this page", "Enter your email", want), want, LG_SRC_BODY);
    /* A section named in a menu above. */
    assert_title(LINES("Регион | Россия и мир | Спорт", "Россия и мир", want), want, LG_SRC_BODY);
    /* A menu's item repeated as a rubric. */
    assert_title(LINES("- Россия и мир", "Россия и мир", want), want, LG_SRC_BODY);
    /* Capitalised but five words, one separator, a colon after a name: headlines. */
    assert_title(LINES("Envoys Agree To Resume Talks"), "Envoys Agree To Resume Talks", LG_SRC_BODY);
    assert_title(LINES("Oslo | envoys agree to resume grain talks"), "Oslo | envoys agree to resume grain talks", LG_SRC_BODY);
    assert_title(LINES("Petrov: envoys agree to resume grain talks"), "Petrov: envoys agree to resume grain talks",
        LG_SRC_BODY);
    /* A long line with an interface word is a headline. */
    assert_title(LINES("Divers search the harbour for the missing envoy's car"),
        "Divers search the harbour for the missing envoy's car", LG_SRC_BODY);
}
END_TEST

START_TEST(date_lines_skipped)
{
    const char *want = "Envoys agree to resume grain talks";
    assert_title(LINES("Monday, March 3, 2025", want), want, LG_SRC_BODY);
    assert_title(LINES("date 2025-03-03 200", want), want, LG_SRC_BODY);
    assert_title(LINES("3 March 2025 09:15", want), want, LG_SRC_BODY);
    assert_title(LINES("From the March 2025 issue", want), want, LG_SRC_BODY);
    assert_title(LINES("Updated 3 hours ago", want), want, LG_SRC_BODY);
    assert_title(LINES("Обновлено 3 часа назад", want), want, LG_SRC_BODY);
    /* A headline that mentions a date is still a headline. */
    assert_title(LINES("Envoys meet on 3 March 2025 in a lakeside villa"), "Envoys meet on 3 March 2025 in a lakeside villa",
        LG_SRC_BODY);
}
END_TEST

START_TEST(error_debris_skipped)
{
    const char *want = "Envoys agree to resume grain talks";
    assert_title(LINES("Oops!! Something broke on our side", want), want, LG_SRC_BODY);
    assert_title(LINES("Error! That address leads nowhere", want), want, LG_SRC_BODY);
    assert_title(LINES("Ошибка! Страница не существует", want), want, LG_SRC_BODY);
    assert_title(LINES("Страница не найдена", want), want, LG_SRC_BODY);
    assert_title(LINES("The address you typed leads nowhere.", want), want, LG_SRC_BODY);
}
END_TEST

START_TEST(breadcrumbs_skipped)
{
    const char *want = "Envoys agree to resume grain talks";
    assert_title(LINES("HomeWorldEnvoys agree to resume grain talks", want), want, LG_SRC_BODY);
    assert_title(LINES("Home > World > Envoys agree", want), want, LG_SRC_BODY);
    /* One inner capital is a name, not glued menu items. */
    assert_title(LINES("McAllister agrees to resume grain talks"), "McAllister agrees to resume grain talks", LG_SRC_BODY);
}
END_TEST

START_TEST(notices_skipped)
{
    const char *want = "Envoys agree to resume grain talks";
    assert_title(LINES("Reprints need a hyperlink to harbour.example", want), want, LG_SRC_BODY);
    assert_title(LINES("all content on this site © 2025 by its authors", want), want, LG_SRC_BODY);
    assert_title(LINES("Follow us on Mastodon today", want), want, LG_SRC_BODY);
}
END_TEST

START_TEST(list_items_and_site_name_skipped)
{
    const char *want = "Envoys agree to resume grain talks";
    assert_title(LINES("- Markets close higher on Friday", want), want, LG_SRC_BODY);
    lg_page page;
    lg_source src;
    page_of(&page, LINES("the harbour gazette online edition", want));
    page.site_name = strdup("The Harbour Gazette Online Edition");
    char *t = lg_extract_title(&page, &src);
    ck_assert_str_eq(t, want);
    free(t);
    lg_page_free(&page);
}
END_TEST

START_TEST(too_long_for_a_headline)
{
    /* Over 200 characters in fewer words than a body paragraph. */
    const char *longline = "Envoys representing neighbouring governments unanimously agree to resume comprehensive "
                           "grain negotiations following extraordinarily complicated consultations throughout "
                           "unprecedented international diplomatic turbulence surrounding agricultural exports";
    assert_title(LINES(longline, "Envoys agree to resume grain talks"), "Envoys agree to resume grain talks", LG_SRC_BODY);
}
END_TEST

START_TEST(nothing_above_the_body)
{
    assert_title(LINES(body, "Other stories from today"), NULL, LG_SRC_NONE);
    assert_title(LINES("Politics", "en"), NULL, LG_SRC_NONE);
}
END_TEST

START_TEST(h1_wins)
{
    assert_title(LINES("Subscribers get more from every story", "# Envoys agree to resume grain talks", body),
        "Envoys agree to resume grain talks", LG_SRC_BODY);
}
END_TEST

START_TEST(dropped_blocks_still_read)
{
    lg_page page;
    lg_source src;
    page_of(&page, LINES("Envoys agree to resume grain talks", body));
    page.blocks[0].keep = 0;
    page.blocks[0].why = "menu";
    char *t = lg_extract_title(&page, &src);
    ck_assert_str_eq(t, "Envoys agree to resume grain talks");
    free(t);
    lg_page_free(&page);
}
END_TEST

START_TEST(seeds)
{
    static const struct {
        const char *file, *title;
    } want[] = {
        {"000_ab6bb1f29b8f6bc5.txt", "Lavrov announces Moscow willing to look for ‘balance of interests’ with Ukraine, US"},
        {"001_62f661980b8ad871.txt", "Russia yet to reach agreement with US on key issues on resolving Ukraine crisis: Sergey Lavrov"},
        {"002_f61def2bc9a4bed0.txt", "Russia sees an agreement with the US and NATO as possible"},
        {"003_44361a8531b9948d.txt", "Russia urges US to act on diplomatic relations, ready for meaningful negotiations"},
        {"004_e8c721404cd4e219.txt", NULL},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        lg_page page;
        lg_source src;
        if (lg_test_seed_page(want[i].file, 1, &page) != 0)
            return;
        char *t = lg_extract_title(&page, &src);
        if (want[i].title) {
            ck_assert_msg(t && !strcmp(t, want[i].title), "%s: \"%s\"", want[i].file, t ? t : "(null)");
            ck_assert_int_eq(src, LG_SRC_BODY);
        } else {
            ck_assert_msg(!t, "%s: \"%s\", want none", want[i].file, t);
            ck_assert_int_eq(src, LG_SRC_NONE);
        }
        free(t);
        lg_page_free(&page);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("title");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, source_names);
    tcase_add_test(tc, og_title_before_html_title);
    tcase_add_test(tc, site_name_stripped);
    tcase_add_test(tc, last_segment_without_site_name);
    tcase_add_test(tc, site_name_alone_falls_back);
    tcase_add_test(tc, headline_block);
    tcase_add_test(tc, menu_words_and_labels_skipped);
    tcase_add_test(tc, mastheads_and_menus_skipped);
    tcase_add_test(tc, date_lines_skipped);
    tcase_add_test(tc, error_debris_skipped);
    tcase_add_test(tc, breadcrumbs_skipped);
    tcase_add_test(tc, notices_skipped);
    tcase_add_test(tc, list_items_and_site_name_skipped);
    tcase_add_test(tc, too_long_for_a_headline);
    tcase_add_test(tc, nothing_above_the_body);
    tcase_add_test(tc, h1_wins);
    tcase_add_test(tc, dropped_blocks_still_read);
    tcase_add_test(tc, seeds);
    suite_add_tcase(s, tc);
    return lg_test_run(s);
}
