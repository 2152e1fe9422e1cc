#include "extract.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A text page of the given blocks (NULL-terminated), with HTML metadata
 * `published` when not NULL. */
static lg_page make_page(const char *published, const char *const *blocks)
{
    lg_page p;
    memset(&p, 0, sizeof p);
    for (size_t i = 0; blocks[i]; i++)
        ck_assert_int_eq(lg_page_add(&p, blocks[i], strlen(blocks[i]), LG_BLOCK_TEXT), 0);
    if (published)
        ck_assert_ptr_nonnull(p.published = strdup(published));
    return p;
}

/* The date lg_extract_date finds on the page, as "YYYY-MM-DD hh:mm" when
 * minute precise, "YYYY-MM-DD", "YYYY-MM" or "" (unknown), and where from. */
static void assert_date(lg_page *p, const char *want, lg_source want_src)
{
    lg_source src = (lg_source)-1;
    lg_date d = lg_extract_date(p, &src);
    char got[32], day[11];
    lg_date_format(&d, day);
    if (d.precision == LG_DATE_MINUTE)
        snprintf(got, sizeof got, "%s %02d:%02d", day, d.hour, d.minute);
    else
        snprintf(got, sizeof got, "%s", day);
    ck_assert_str_eq(got, want);
    ck_assert_int_eq(src, want_src);
    if (!*want)
        ck_assert_int_eq(d.precision, LG_DATE_UNKNOWN);
    lg_page_free(p);
}

#define PAGE(published, ...) make_page(published, (const char *const[]){__VA_ARGS__, NULL})

/* Body paragraphs long enough to read as article text. */
#define PARA_1 "The deputy foreign minister told reporters that the consultations had covered the grain corridor, prisoner exchanges and the security of the nuclear plant."
#define PARA_2 "Both delegations agreed to meet again at expert level, although neither side would say when, and the ministry declined to give further details on the agenda."

START_TEST(header_line)
{
    lg_page p = PAGE(NULL, "date 2023-03-09 200", "Page not found", "Envoys trade proposals on the grain deal", PARA_1, PARA_2);
    assert_date(&p, "2023-03-09", LG_SRC_HEADER);
}
END_TEST

START_TEST(header_run_into_first_paragraph)
{
    lg_page p = PAGE(NULL, "  date 2022-11-30 (WIRE) " PARA_1, PARA_2);
    assert_date(&p, "2022-11-30", LG_SRC_HEADER);
}
END_TEST

START_TEST(header_needs_the_word_and_a_date)
{
    /* "dated" is not the header word; a header without a date is none. */
    lg_page p = PAGE(NULL, "dated 2023-03-09", "date2023-03-09", "time 2023-03-09 200", PARA_1, PARA_2);
    assert_date(&p, "", LG_SRC_NONE);
}
END_TEST

START_TEST(dateline_after_menus)
{
    lg_page p = PAGE(NULL, "facebook", "telegram", "search", "ru", "en", "Any reuse needs a link to the source", "WORLD",
                     "A+", "A-", "menu", "login", "subscribe", "POLITICS", "Minister calls for renewed contacts with Washington",
                     "14 March 2023 09:15", PARA_1, PARA_2);
    assert_date(&p, "2023-03-14 09:15", LG_SRC_DATELINE);
}
END_TEST

START_TEST(weekday_dateline_on_top)
{
    lg_page p = PAGE(NULL, "Friday, March 3, 2023", "HomeWorldTalks to resume", "Talks to resume", PARA_1, PARA_2);
    assert_date(&p, "2023-03-03", LG_SRC_DATELINE);
}
END_TEST

START_TEST(labelled_and_byline_datelines)
{
    lg_page p = PAGE(NULL, "Talks to resume", "By Anna Petrova | 8 March 2023", PARA_1, PARA_2);
    assert_date(&p, "2023-03-08", LG_SRC_DATELINE);
    p = PAGE(NULL, "Talks to resume", "Published: 08.03.2023, 16:05 GMT", PARA_1);
    assert_date(&p, "2023-03-08 16:05", LG_SRC_DATELINE);
    p = PAGE(NULL, "Переговоры продолжатся", "Опубликовано 26 декабря 2024 г. 17:40", PARA_1);
    assert_date(&p, "2024-12-26 17:40", LG_SRC_DATELINE);
    p = PAGE(NULL, "Talks to resume", "Posted by Anna Petrova 8 March 2023", PARA_1);
    assert_date(&p, "2023-03-08", LG_SRC_DATELINE);
    /* Published, then updated: w3m puts both on one line. */
    p = PAGE(NULL, "Talks to resume", "Sep 24, 2020 at 10:04 AM Sep 25, 2020 at 8:00 AM", PARA_1);
    assert_date(&p, "2020-09-24 10:04", LG_SRC_DATELINE);
}
END_TEST

/* Teasers (single long blocks) come before the article; a labelled date
 * line is taken below them, a bare one only above the body. */
START_TEST(labelled_dateline_below_teasers)
{
    lg_page p = PAGE(NULL, "menu", "news", "sport", "weather", "video", "podcasts", "contact", "about", "jobs",
                     "shop", "archive", "login", "Teaser: " PARA_2, "Envoys meet in Geneva",
                     PARA_1, PARA_2, PARA_1, PARA_2, "5 March 2023", "Updated 9 March 2023, 10:00", PARA_1);
    assert_date(&p, "2023-03-09 10:00", LG_SRC_DATELINE);
}
END_TEST

/* A lone long block (a teaser, a notice) is not the body: a bare date line
 * below it still counts. */
START_TEST(bare_dateline_below_lone_teaser)
{
    lg_page p = PAGE(NULL, "menu", "news", "sport", "weather", "video", "podcasts", "contact", "about", "jobs",
                     "shop", "archive", "login", "Teaser: " PARA_2, "Envoys meet in Geneva", "9 March 2023", PARA_1,
                     PARA_2);
    assert_date(&p, "2023-03-09", LG_SRC_DATELINE);
}
END_TEST

/* Among the first blocks a date line may follow the standfirst. */
START_TEST(dateline_below_standfirst)
{
    lg_page p = PAGE(NULL, "Envoys meet in Geneva", PARA_2, PARA_1, "Share", "Post", "Email", "Print",
                     "9 March 2023", PARA_1);
    assert_date(&p, "2023-03-09", LG_SRC_DATELINE);
}
END_TEST

/* A standfirst and a long photo caption look like the start of the body;
 * the date line just below them still counts. */
START_TEST(dateline_below_caption)
{
    lg_page p = PAGE(NULL, "menu", "news", "sport", "weather", "video", "podcasts", "contact", "about", "jobs",
                     "shop", "archive", "login", "Envoys meet in Geneva", PARA_2, PARA_1, "Anna Li, in Geneva",
                     "Fri Mar 3 2023 - 07:33", PARA_1, PARA_2);
    assert_date(&p, "2023-03-03 07:33", LG_SRC_DATELINE);
}
END_TEST

/* Without a body to place it by, the first date line: the last ones may
 * be comments. */
START_TEST(no_body_first_dateline)
{
    lg_page p = PAGE(NULL, "Envoys meet in Geneva", "1 March 2023", PARA_1, "Comments", "Anna: agreed",
                     "2 March 2023");
    assert_date(&p, "2023-03-01", LG_SRC_DATELINE);
}
END_TEST

/* Teasers listed above the article carry their own dates; the article's
 * date line is the one nearest its body. */
START_TEST(nearest_dateline_above_body)
{
    lg_page p = PAGE(NULL, "Latest", "Envoy visits Ankara", "Wednesday, 1 March 2023, 16:34 \xE2\x80\xA2 Anna Li",
                     "Sanctions talks stall", "Thursday, 2 March 2023, 09:00 \xE2\x80\xA2 Ivan Petrov", "Weather",
                     "Envoys meet in Geneva", "3 March 2023, 18:47 \xE2\x80\xA2 Olga Sidorova", PARA_1, PARA_2);
    assert_date(&p, "2023-03-03 18:47", LG_SRC_DATELINE);
}
END_TEST

/* A teaser's headline ending in a hyphen and a date is no byline. */
START_TEST(teaser_title_with_date_not_labelled)
{
    lg_page p = PAGE(NULL, "menu", "news", "sport", "weather", "video", "podcasts", "contact", "about", "jobs",
                     "shop", "archive", "login", "Envoys meet in Geneva", PARA_1, PARA_2,
                     "Ten ideas for a winter summit - October 23, 2020", "Karsten Meyer / 22.04.2020");
    assert_date(&p, "2020-04-22", LG_SRC_DATELINE);
}
END_TEST

START_TEST(bare_date_in_body_not_taken)
{
    lg_page p = PAGE(NULL, "menu", "news", "sport", "weather", "video", "podcasts", "contact", "about", "jobs",
                     "shop", "archive", "login", "Envoys meet in Geneva", PARA_1, PARA_2, PARA_1, PARA_2,
                     "5 March 2023", PARA_1);
    assert_date(&p, "", LG_SRC_NONE);
}
END_TEST

START_TEST(wire_dateline)
{
    lg_page p = PAGE(NULL, "Envoys meet in Geneva", "GENEVA, March 7, 2023 (Wire) - " PARA_1, PARA_2);
    assert_date(&p, "2023-03-07", LG_SRC_DATELINE);
    p = PAGE(NULL, "Переговоры продолжатся", "МОСКВА, 26 декабря 2024. /ТАСС/. " PARA_1, PARA_2);
    assert_date(&p, "2024-12-26", LG_SRC_DATELINE);
    p = PAGE(NULL, "Envoys meet", "New York, 7 March 2023 \xE2\x80\x94 " PARA_1);
    assert_date(&p, "2023-03-07", LG_SRC_DATELINE);
}
END_TEST

START_TEST(wire_dateline_needs_year_place_and_tail)
{
    /* No year: the year would be a guess. */
    lg_page p = PAGE(NULL, "Envoys meet in Geneva", "GENEVA, March 7 (Wire) - " PARA_1, PARA_2);
    assert_date(&p, "", LG_SRC_NONE);
    /* A sentence, not a place. */
    p = PAGE(NULL, "Envoys meet", "after the talks, March 7, 2023 (Wire) - " PARA_1, PARA_2);
    assert_date(&p, "", LG_SRC_NONE);
    /* The date goes on into a sentence. */
    p = PAGE(NULL, "Envoys meet", "Geneva, March 7, 2023 was the day the envoys " PARA_1, PARA_2);
    assert_date(&p, "", LG_SRC_NONE);
}
END_TEST

START_TEST(meta_beats_everything)
{
    lg_page p = PAGE("2023-01-02T08:00:00+03:00", "date 2023-03-09 200", "Friday, March 3, 2023", PARA_1);
    assert_date(&p, "2023-01-02 08:00", LG_SRC_META);
    p = PAGE(" Mon, 02 Jan 2023 08:30:00 GMT ", "Friday, March 3, 2023", PARA_1);
    assert_date(&p, "2023-01-02 08:30", LG_SRC_META);
    p = PAGE("2023-01", PARA_1);
    assert_date(&p, "2023-01", LG_SRC_META);
    /* Metadata without a date gives way. */
    p = PAGE("yesterday", "Friday, March 3, 2023", PARA_1);
    assert_date(&p, "2023-03-03", LG_SRC_DATELINE);
}
END_TEST

/* A page read from HTML (markup metadata included). */
static lg_page html_page(const char *html)
{
    lg_page p;
    lg_err e = {0};
    ck_assert_int_eq(lg_page_from_html(html, strlen(html), "test.html", &p, &e), 0);
    return p;
}

#define BODY "<p>" PARA_1 "</p><p>" PARA_2 "</p>"

START_TEST(url_date)
{
    lg_page p = html_page("<html><head><link rel=canonical href='https://example.org/world/2019/10/18/talks-resume/'>"
                          "</head><body>" BODY "</body></html>");
    assert_date(&p, "2019-10-18", LG_SRC_URL);
    p = html_page("<html><head><meta property='og:url' content='https://example.org/news/2020-05-16-envoys-meet'>"
                  "</head><body>" BODY "</body></html>");
    assert_date(&p, "2020-05-16", LG_SRC_URL);
    p = html_page("<html><head><link rel=canonical href='http://example.cn/detail/20200102/1000.html'></head><body>" BODY
                  "</body></html>");
    assert_date(&p, "2020-01-02", LG_SRC_URL);
    /* An archived copy: the archive's 14-digit stamp is not the day; the page's path is. */
    p = html_page("<html><head><link rel=canonical href='https://web.archive.org/web/20140109030403/"
                  "http://blog.example.com/2013/12/09/reblog/'></head><body>" BODY "</body></html>");
    assert_date(&p, "2013-12-09", LG_SRC_URL);
    /* A month alone, a day that cannot be, a number inside a slug: no day. */
    p = html_page("<html><head><link rel=canonical href='https://example.org/2020/05/safe-browsing.html'></head><body>" BODY
                  "</body></html>");
    assert_date(&p, "", LG_SRC_NONE);
    p = html_page("<html><head><link rel=canonical href='https://example.org/2020/13/45/x'></head><body>" BODY
                  "</body></html>");
    assert_date(&p, "", LG_SRC_NONE);
    p = html_page("<html><head><link rel=canonical href='https://example.org/story-20200102/x'></head><body>" BODY
                  "</body></html>");
    assert_date(&p, "", LG_SRC_NONE);
}
END_TEST

START_TEST(utc_stamp_takes_the_local_day)
{
    /* The same moment written in the page's zone elsewhere in the markup. */
    lg_page p = html_page("<html><head><meta property='article:published_time' content='2020-12-24T23:59:50+00:00'>"
                          "<script type='application/ld+json'>{\"datePublished\": \"2020-12-25T01:59:50+02:00\"}</script>"
                          "</head><body>" BODY "</body></html>");
    assert_date(&p, "2020-12-25 01:59", LG_SRC_META);
    /* A day one apart in the URL, or in the date line. */
    p = html_page("<html><head><meta property='article:published_time' content='2023-11-09T01:09:55Z'>"
                  "<link rel=canonical href='https://example.com/2023/11/08/playoffs/'></head><body>" BODY "</body></html>");
    assert_date(&p, "2023-11-08", LG_SRC_META);
    p = html_page("<html><head><meta property='article:published_time' content='2023-11-09T04:15:00Z'></head><body>"
                  "<h1>Debate takeaways</h1><p>November 8, 2023, 11:15 PM</p>" BODY "</body></html>");
    assert_date(&p, "2023-11-08 23:15", LG_SRC_META);
    /* Nothing to say otherwise, or a zone that is not UTC: the stated day stays. */
    p = html_page("<html><head><meta property='article:published_time' content='2020-05-02T02:54:29.000Z'></head><body>"
                  BODY "</body></html>");
    assert_date(&p, "2020-05-02 02:54", LG_SRC_META);
    p = html_page("<html><head><meta property='article:published_time' content='2023-11-09T04:15:00+01:00'></head><body>"
                  "<h1>Debate takeaways</h1><p>November 8, 2023, 11:15 PM</p>" BODY "</body></html>");
    assert_date(&p, "2023-11-09 04:15", LG_SRC_META);
    /* A date line further off than a day is another date: not taken. */
    p = html_page("<html><head><meta property='article:published_time' content='2023-11-09T04:15:00Z'></head><body>"
                  "<h1>Debate takeaways</h1><p>November 6, 2023</p>" BODY "</body></html>");
    assert_date(&p, "2023-11-09 04:15", LG_SRC_META);
}
END_TEST

START_TEST(publication_markup_precedence)
{
    /* An embedded post's <time> is not the article's date; a <time> marked as the publication is. */
    lg_page p = html_page("<html><body><blockquote><time datetime='2018-03-12T19:30:12+00:00'>Mar 12, 2018</time>"
                          "</blockquote><time class='entry-date published' datetime='2019-01-29'>29. Januar 2019</time>"
                          BODY "</body></html>");
    assert_date(&p, "2019-01-29", LG_SRC_META);
    p = html_page("<html><body><abbr class='published' title='2011-03-30T21:05:00-07:00'>9:05 PM</abbr>" BODY
                  "</body></html>");
    assert_date(&p, "2011-03-30 21:05", LG_SRC_META);
    /* A <time> alone still dates the page; publication metadata beats it. */
    p = html_page("<html><body><time datetime='2021-11-25 16:11'>25.11.2021</time>" BODY "</body></html>");
    assert_date(&p, "2021-11-25 16:11", LG_SRC_META);
    p = html_page("<html><head><meta name='DC.date.issued' content='2020-12-06'></head><body>"
                  "<time datetime='2020-12-04'>4.12.2020</time>" BODY "</body></html>");
    assert_date(&p, "2020-12-06", LG_SRC_META);
    /* An update is not the publication. */
    p = html_page("<html><body><time class='entry-date updated' datetime='2022-01-25'>25.1.2022</time>"
                  "<time class='published' datetime='2022-01-21'>21.1.2022</time>" BODY "</body></html>");
    assert_date(&p, "2022-01-21", LG_SRC_META);
    /* A video page's upload date, when nothing else dates it. */
    p = html_page("<html><head><meta itemprop='uploadDate' content='2019-10-16T18:15:00+02:00'></head><body>" BODY
                  "</body></html>");
    assert_date(&p, "2019-10-16 18:15", LG_SRC_META);
}
END_TEST

START_TEST(european_datelines)
{
    lg_page p = PAGE(NULL, "Menü", "Laufen im Winter", "Veröffentlicht am 10. Februar 2019", PARA_1, PARA_2);
    assert_date(&p, "2019-02-10", LG_SRC_DATELINE);
    p = PAGE(NULL, "Pressemitteilung", "Datum:26. Januar 2022", PARA_1, PARA_2);
    assert_date(&p, "2022-01-26", LG_SRC_DATELINE);
    p = PAGE(NULL, "Album der Woche", "Veröffentlichung: 04.02.2022", PARA_1, PARA_2);
    assert_date(&p, "2022-02-04", LG_SRC_DATELINE);
    p = PAGE(NULL, "Sport", "19.10.2019, 15:30 Uhr", PARA_1, PARA_2);
    assert_date(&p, "2019-10-19 15:30", LG_SRC_DATELINE);
    p = PAGE(NULL, "Accueil | Par Loïc Le Clerc | 30 septembre 2018", PARA_1, PARA_2);
    assert_date(&p, "2018-09-30", LG_SRC_DATELINE);
    p = PAGE(NULL, "Publicado el 16 de mayo de 2020", PARA_1, PARA_2);
    assert_date(&p, "2020-05-16", LG_SRC_DATELINE);
    /* The end of a range is no date line ("Wochenbericht 14. - 20. Januar 2022"). */
    p = PAGE(NULL, "Wochenbericht 14. - 20. Januar 2022", PARA_1, PARA_2);
    assert_date(&p, "", LG_SRC_NONE);
}
END_TEST

START_TEST(date_opening_first_paragraph)
{
    lg_page p = PAGE(NULL, "Gedenken", "27.1.2022 - " PARA_1, PARA_2);
    assert_date(&p, "2022-01-27", LG_SRC_DATELINE);
    /* Without a dash it opens a sentence; a month alone is no day. */
    p = PAGE(NULL, "Gedenken", "27.1.2022 was the day when " PARA_1, PARA_2);
    assert_date(&p, "", LG_SRC_NONE);
    p = PAGE(NULL, "Gedenken", "January 2022 - " PARA_1, PARA_2);
    assert_date(&p, "", LG_SRC_NONE);
}
END_TEST

START_TEST(story_dates_never_taken)
{
    lg_page p = PAGE(NULL, "Military", "Minister says no deal yet on key issues",
                     "In an interview published on Tuesday, the minister said the coup in the capital in 2014 had "
                     "triggered the confrontation, and that the president had set out the terms in June this year.",
                     "Last Friday, the envoy travelled to the former imperial capital for a third meeting, "
                     "after the failed talks in the spring of 2022.",
                     "Talks resumed on 4 May 2021 in Vienna.", "In May 2024 talks stalled.", "On 12 March 2023.",
                     "7 March 2023, the envoys met in Geneva again",
                     "The delegations met on 12 March 2023, 10:00, the ministry said in a statement issued later.");
    assert_date(&p, "", LG_SRC_NONE);
}
END_TEST

/* A date line is short: 60 characters and more are a sentence or a
 * list. */
START_TEST(dateline_is_short)
{
    lg_page p = PAGE(NULL, "Envoys meet", "Published 8 March 2023 | Politics, diplomacy, sanctions, grain", PARA_1);
    assert_date(&p, "", LG_SRC_NONE);
}
END_TEST

START_TEST(date_only_inside_long_paragraph)
{
    lg_page p = PAGE(NULL, "Envoys meet", "The consultations held in Geneva on March 7, 2023 covered the grain corridor, "
                                          "prisoner exchanges and the security of the nuclear plant, officials said.",
                     PARA_2);
    assert_date(&p, "", LG_SRC_NONE);
}
END_TEST

START_TEST(archive_month_not_a_dateline)
{
    lg_page p = PAGE(NULL, "Archive", "March 2023", "February 2023", "Envoys meet", PARA_1, PARA_2);
    assert_date(&p, "", LG_SRC_NONE);
    p = PAGE(NULL, "Published: March 2023", PARA_1, PARA_2);
    assert_date(&p, "2023-03", LG_SRC_DATELINE);
}
END_TEST

START_TEST(headline_with_date_not_a_dateline)
{
    /* A headline ending in a comma is not a byline. */
    lg_page p = PAGE(NULL, "Results of the regional relay race in Aalen, 19.5.2007", PARA_1, PARA_2);
    assert_date(&p, "", LG_SRC_NONE);
}
END_TEST

START_TEST(empty_page)
{
    lg_page p;
    memset(&p, 0, sizeof p);
    assert_date(&p, "", LG_SRC_NONE);
}
END_TEST

/* ---- the user's seed pages ---- */

START_TEST(seeds)
{
    static const struct {
        const char *file, *want;
        lg_source src;
    } cases[] = {
        {"000_ab6bb1f29b8f6bc5.txt", "2025-05-14", LG_SRC_HEADER},
        {"001_62f661980b8ad871.txt", "", LG_SRC_NONE},
        {"002_f61def2bc9a4bed0.txt", "2024-05-21", LG_SRC_DATELINE},
        {"003_44361a8531b9948d.txt", "2024-12-26 17:40", LG_SRC_DATELINE},
        {"004_e8c721404cd4e219.txt", "2024-04-23", LG_SRC_HEADER},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        lg_page p;
        if (lg_test_seed_page(cases[i].file, 0, &p) != 0)
            return;
        assert_date(&p, cases[i].want, cases[i].src);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("pubdate");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, header_line);
    tcase_add_test(tc, header_run_into_first_paragraph);
    tcase_add_test(tc, header_needs_the_word_and_a_date);
    tcase_add_test(tc, dateline_after_menus);
    tcase_add_test(tc, weekday_dateline_on_top);
    tcase_add_test(tc, labelled_and_byline_datelines);
    tcase_add_test(tc, labelled_dateline_below_teasers);
    tcase_add_test(tc, bare_dateline_below_lone_teaser);
    tcase_add_test(tc, dateline_below_standfirst);
    tcase_add_test(tc, dateline_below_caption);
    tcase_add_test(tc, no_body_first_dateline);
    tcase_add_test(tc, nearest_dateline_above_body);
    tcase_add_test(tc, teaser_title_with_date_not_labelled);
    tcase_add_test(tc, bare_date_in_body_not_taken);
    tcase_add_test(tc, wire_dateline);
    tcase_add_test(tc, wire_dateline_needs_year_place_and_tail);
    tcase_add_test(tc, meta_beats_everything);
    tcase_add_test(tc, url_date);
    tcase_add_test(tc, utc_stamp_takes_the_local_day);
    tcase_add_test(tc, publication_markup_precedence);
    tcase_add_test(tc, european_datelines);
    tcase_add_test(tc, date_opening_first_paragraph);
    tcase_add_test(tc, story_dates_never_taken);
    tcase_add_test(tc, dateline_is_short);
    tcase_add_test(tc, date_only_inside_long_paragraph);
    tcase_add_test(tc, archive_month_not_a_dateline);
    tcase_add_test(tc, headline_with_date_not_a_dateline);
    tcase_add_test(tc, empty_page);
    tcase_add_test(tc, seeds);
    suite_add_tcase(s, tc);
    return lg_test_run(s);
}
