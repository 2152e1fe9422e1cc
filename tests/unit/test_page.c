/* Pages: text lines and bullets, HTML blocks with what the markup says,
 * the metadata, encodings and broken markup. */
#include <stdlib.h>
#include <string.h>

#include "page.h"
#include "testutil.h"

static lg_page page;
static lg_err err;

static void from_text(const char *text)
{
    ck_assert_int_eq(lg_page_from_text(text, strlen(text), &page), 0);
}

static void from_html(const char *html)
{
    ck_assert_int_eq(lg_page_from_html(html, strlen(html), "t.html", &page, &err), 0);
}

/* The block whose text starts with `prefix`; fails the test if none. */
static const lg_block *block(const char *prefix)
{
    for (size_t i = 0; i < page.n; i++)
        if (strncmp(page.blocks[i].text, prefix, strlen(prefix)) == 0)
            return &page.blocks[i];
    ck_abort_msg("no block starts with '%s'", prefix);
    return NULL;
}

static int has_block(const char *prefix)
{
    for (size_t i = 0; i < page.n; i++)
        if (strncmp(page.blocks[i].text, prefix, strlen(prefix)) == 0)
            return 1;
    return 0;
}

static void teardown(void)
{
    lg_page_free(&page);
}

/* ---- text ---------------------------------------------------------------- */

START_TEST(text_lines)
{
    from_text("Ministers meet in Geneva\r\n\n\n   The talks   opened\ton Monday.  \nSecond\xC2\xA0paragraph here.");
    ck_assert_uint_eq(page.n, 3);
    ck_assert_str_eq(page.blocks[0].text, "Ministers meet in Geneva");
    ck_assert_str_eq(page.blocks[1].text, "The talks opened on Monday.");
    ck_assert_uint_eq(page.blocks[1].len, strlen("The talks opened on Monday."));
    ck_assert_str_eq(page.blocks[2].text, "Second paragraph here.");
    ck_assert_int_eq(page.blocks[0].kind, LG_BLOCK_TEXT);
    ck_assert_int_eq(page.blocks[0].keep, 1);
    ck_assert_ptr_null(page.html_title);
}
END_TEST

START_TEST(text_bullets)
{
    from_text("- First item\n\xE2\x80\xA2 Second item\n* Third item\n\xC2\xB7 Fourth item\n"
              "-no space\n  \xE2\x80\xA2   Indented item\n");
    ck_assert_uint_eq(page.n, 6);
    static const char *items[] = {"First item", "Second item", "Third item", "Fourth item"};
    for (int i = 0; i < 4; i++) {
        ck_assert_str_eq(page.blocks[i].text, items[i]);
        ck_assert_int_eq(page.blocks[i].kind, LG_BLOCK_LIST_ITEM);
    }
    ck_assert_str_eq(page.blocks[4].text, "-no space");
    ck_assert_int_eq(page.blocks[4].kind, LG_BLOCK_TEXT);
    ck_assert_str_eq(page.blocks[5].text, "Indented item");
    ck_assert_int_eq(page.blocks[5].kind, LG_BLOCK_LIST_ITEM);
}
END_TEST

START_TEST(text_invalid_utf8)
{
    from_text("caf\xE9 au lait\nok\x00line");
    ck_assert_str_eq(page.blocks[0].text, "caf\xEF\xBF\xBD au lait");
    ck_assert_str_eq(page.blocks[1].text, "ok");
}
END_TEST

/* A text browser's dump wraps paragraphs at a fixed column: the lines of
 * one paragraph become one block again. */
START_TEST(text_hard_wrapped)
{
    const char *text =
        "Headline of the dump\n"
        "\n"
        "The delegation arrived late on Sunday evening and went straight into\n"
        "a closed session with the hosts, officials said after the meeting\n"
        "ended without a statement.\n"
        "\n"
        "A second paragraph follows here, and it is also long enough that the\n"
        "dumper had to wrap it before the end of the sentence it carries on\n"
        "with.\n"
        "  \xE2\x80\xA2 A list item that stays on its own line\n"
        "Short line\n";
    from_text(text);
    ck_assert_uint_eq(page.n, 5);
    ck_assert_str_eq(page.blocks[1].text, "The delegation arrived late on Sunday evening and went straight into "
                                          "a closed session with the hosts, officials said after the meeting "
                                          "ended without a statement.");
    ck_assert(strncmp(page.blocks[2].text, "A second paragraph", 18) == 0);
    ck_assert(strcmp(page.blocks[2].text + page.blocks[2].len - 5, "with.") == 0);
    ck_assert_int_eq(page.blocks[3].kind, LG_BLOCK_LIST_ITEM);
    ck_assert_str_eq(page.blocks[4].text, "Short line");
}
END_TEST

/* A scrape with a paragraph per line has no wrap column: nothing joins. */
START_TEST(text_paragraph_lines_stay)
{
    from_text("A first paragraph that runs to some length, as scraped articles do, before it ends.\n"
              "A second one that is about as long as the first, and so on for the page here.\n"
              "A third one, shorter.\n"
              "And a fourth paragraph, this one rather a lot longer than the others, so that the "
              "lines have no common right edge at all.\n");
    ck_assert_uint_eq(page.n, 4);
    lg_page_free(&page);
    /* Lines of nearly one width that end their sentences are paragraphs. */
    from_text("The ministers met for an hour on Monday and agreed to meet again next week in Rome.\n"
              "Their deputies will prepare a text on the border and on trade before that meeting.\n"
              "Neither side would say what the text might contain or when it could be signed.\n");
    ck_assert_uint_eq(page.n, 3);
}
END_TEST

START_TEST(add_and_kept_text)
{
    memset(&page, 0, sizeof page);
    ck_assert_int_eq(lg_page_add(&page, "  one \n two ", 12, LG_BLOCK_HEADING), 0);
    ck_assert_int_eq(lg_page_add(&page, " \t\n", 3, LG_BLOCK_TEXT), 0);
    ck_assert_int_eq(lg_page_add(&page, "three", 5, LG_BLOCK_TEXT), 0);
    ck_assert_int_eq(lg_page_add(&page, "four", 4, LG_BLOCK_TEXT), 0);
    ck_assert_uint_eq(page.n, 3);
    ck_assert_str_eq(page.blocks[0].text, "one two");
    ck_assert_int_eq(page.blocks[0].kind, LG_BLOCK_HEADING);
    page.blocks[1].keep = 0;
    size_t len;
    char *kept = lg_page_kept_text(&page, &len);
    ck_assert_str_eq(kept, "one two\n\nfour");
    ck_assert_uint_eq(len, strlen("one two\n\nfour"));
    free(kept);
}
END_TEST

/* ---- HTML blocks ------------------------------------------------------------ */

START_TEST(html_blocks)
{
    from_html("<html><body><h2>Talks <em>resume</em></h2><p>The envoy <b>said</b> it was\n time.<br>"
              "After the break.</p><ul><li>One</li><li>Two</li></ul><table><tr><td>Cell text</td></tr></table>"
              "<div>Loose text<p>inner</p>tail</div></body></html>");
    ck_assert_str_eq(block("Talks")->text, "Talks resume");
    ck_assert_int_eq(block("Talks")->kind, LG_BLOCK_HEADING);
    ck_assert_int_eq(block("Talks")->level, 2);
    ck_assert_str_eq(block("The envoy")->text, "The envoy said it was time.");
    ck_assert_int_eq(block("The envoy")->kind, LG_BLOCK_TEXT);
    ck_assert_int_eq(block("After")->kind, LG_BLOCK_TEXT);
    ck_assert_int_eq(block("One")->kind, LG_BLOCK_LIST_ITEM);
    ck_assert_int_eq(block("Two")->kind, LG_BLOCK_LIST_ITEM);
    ck_assert_int_eq(block("Cell")->kind, LG_BLOCK_CELL);
    ck_assert_str_eq(block("Loose")->text, "Loose text");
    ck_assert_str_eq(block("inner")->text, "inner");
    ck_assert_str_eq(block("tail")->text, "tail");
    ck_assert_int_eq(block("Talks")->level, 2);
    ck_assert_int_eq(block("One")->level, 0);
}
END_TEST

START_TEST(html_link_density)
{
    from_html("<body><p>Read <a href='/x'>this link</a></p><p><a href='/y'>All linked</a></p>"
              "<p>No links at all</p></body>");
    /* "Read" 4 visible bytes, "thislink" 8: 8/12. */
    ck_assert_double_eq_tol(block("Read")->link_density, 8.0 / 12.0, 1e-9);
    ck_assert_double_eq_tol(block("All linked")->link_density, 1.0, 1e-9);
    ck_assert_double_eq_tol(block("No links")->link_density, 0.0, 1e-9);
}
END_TEST

START_TEST(html_furniture)
{
    from_html("<body><header><a href='/'>SiteLogo</a></header><nav><ul><li>World</li></ul></nav>"
              "<div class='content-sidebar-wrap'><article><header><h1>Headline here</h1></header>"
              "<p>Body paragraph of the story, long enough to be the article's text for the container "
              "choice that needs a couple of hundred visible characters before it is trusted as one, so "
              "this sentence goes on for a while longer.</p>"
              "<div class='shareBar'>Share this</div><div id='comments'>Reader says hi</div>"
              "<p style='display: none'>Hidden text</p><p aria-hidden='true'>Aria hidden</p>"
              "<div class='tagstyle_x1'>Generated class</div>"
              "<div class='elementor-widget elementor-widget-text-editor'>Elementor box</div>"
              "<div class='widget widget_text'>Widget box</div>"
              "<figure><img src='a.jpg'><figcaption>The envoys on Tuesday. Photo: Agency</figcaption></figure></article>"
              "<aside>Sidebar box</aside><form><label>Search</label></form></div>"
              "<footer>Footer text</footer><div class='sharedaddy'>Share daddy</div></body>");
    ck_assert_int_eq(block("SiteLogo")->furniture_markup, 1);
    ck_assert_int_eq(block("World")->furniture_markup, 1);
    ck_assert_int_eq(block("Headline")->furniture_markup, 0);
    ck_assert_int_eq(block("Body paragraph")->furniture_markup, 0);
    ck_assert_int_eq(block("Share this")->furniture_markup, 1);
    ck_assert_int_eq(block("Reader says")->furniture_markup, 1);
    ck_assert_int_eq(block("Hidden text")->furniture_markup, 1);
    ck_assert_int_eq(block("Aria hidden")->furniture_markup, 1);
    ck_assert_int_eq(block("Generated class")->furniture_markup, 0);
    ck_assert_int_eq(block("Elementor box")->furniture_markup, 0);
    ck_assert_int_eq(block("Widget box")->furniture_markup, 1);
    ck_assert_int_eq(block("The envoys on")->furniture_markup, 1);
    ck_assert_int_eq(block("Sidebar box")->furniture_markup, 1);
    ck_assert_int_eq(block("Search")->furniture_markup, 1);
    ck_assert_int_eq(block("Footer text")->furniture_markup, 1);
    ck_assert_int_eq(block("Share daddy")->furniture_markup, 1);
}
END_TEST

/* A class word after "no", "has", "category"... says what a box holds,
 * not what it is; the same word first in another class still counts. */
START_TEST(html_class_qualifiers)
{
    from_html("<body><div class='no-share post category-social-issues'><p>Post without a share bar</p></div>"
              "<div class='entry-head has-sharing'><p>Standfirst of the post</p></div>"
              "<div class='post tag-menu-ideas'><p>Tagged post</p></div>"
              "<div class='share-bar no-print'><p>Print-free share bar</p></div></body>");
    ck_assert_int_eq(block("Post without")->furniture_markup, 0);
    ck_assert_int_eq(block("Standfirst")->furniture_markup, 0);
    ck_assert_int_eq(block("Tagged post")->furniture_markup, 0);
    ck_assert_int_eq(block("Print-free")->furniture_markup, 1);
}
END_TEST

#define LONG_TEXT                                                                                         \
    "The foreign ministers met for three hours and agreed to meet again next month, a spokesman said, "  \
    "adding that the two sides had exchanged proposals on the border and on trade, and that both had "   \
    "asked their deputies to prepare a joint text before the next round of talks."

/* A <br> makes lines of a paragraph; the paragraphs around it are not. */
START_TEST(html_br_lines)
{
    from_html("<body><p>Before</p><p>Main Street 1<br>Springfield<br/>Open daily</p><p>After</p>"
              "<div>One<br></div><div>Two</div><div>Three<br>Four<p>Five</p></div></body>");
    ck_assert_int_eq(block("Before")->line, 0);
    ck_assert_int_eq(block("Main Street")->line, 1);
    ck_assert_int_eq(block("Springfield")->line, 1);
    ck_assert_int_eq(block("Open daily")->line, 1);
    ck_assert_int_eq(block("After")->line, 0);
    ck_assert_int_eq(block("One")->line, 1);
    ck_assert_int_eq(block("Two")->line, 0);
    ck_assert_int_eq(block("Three")->line, 1);
    ck_assert_int_eq(block("Four")->line, 1);
    ck_assert_int_eq(block("Five")->line, 0);
}
END_TEST

START_TEST(html_article_container)
{
    from_html("<body><div class='teaser'><article><p>A teaser in an article element</p></article></div>"
              "<div class='post'><h1>Title outside</h1><div class='entry-content'><p>" LONG_TEXT "</p>"
              "<p>Second paragraph inside</p></div><p>After the container</p></div></body>");
    ck_assert_int_eq(block("The foreign ministers")->in_article, 1);
    ck_assert_int_eq(block("Second paragraph")->in_article, 1);
    ck_assert_int_eq(block("A teaser")->in_article, 0);
    ck_assert_int_eq(block("Title outside")->in_article, 0);
    ck_assert_int_eq(block("After the container")->in_article, 0);
    lg_page_free(&page);

    from_html("<body><div itemprop='articleBody'><p>" LONG_TEXT "</p></div><p>Outside</p></body>");
    ck_assert_int_eq(block("The foreign")->in_article, 1);
    ck_assert_int_eq(block("Outside")->in_article, 0);
    lg_page_free(&page);

    /* Too little text for a container: nothing is marked. */
    from_html("<body><article><p>Short</p></article><p>" LONG_TEXT "</p></body>");
    ck_assert_int_eq(block("Short")->in_article, 0);
    ck_assert_int_eq(block("The foreign")->in_article, 0);
}
END_TEST

START_TEST(html_not_text)
{
    from_html("<html><head><title>T</title><style>p{color:red}</style></head><body>"
              "<script>var x = 'script text';</script><p>Visible</p><noscript>Enable JavaScript</noscript>"
              "<template><p>Template text</p></template><svg><text>Svg text</text></svg>"
              "<p>\xE6\xBC\xA2<rt>\xE3\x81\x8B\xE3\x82\x93</rt>\xE5\xAD\x97</p><!-- a comment --></body></html>");
    ck_assert_uint_eq(page.n, 2);
    ck_assert_str_eq(page.blocks[0].text, "Visible");
    ck_assert_str_eq(page.blocks[1].text, "\xE6\xBC\xA2\xE5\xAD\x97");
}
END_TEST

/* Blogger puts the post in a <noscript> fallback: a long one is read. */
START_TEST(html_long_noscript)
{
    from_html("<body><noscript><p>" LONG_TEXT "</p></noscript></body>");
    ck_assert_uint_eq(page.n, 1);
    ck_assert(strncmp(page.blocks[0].text, "The foreign ministers", 21) == 0);
}
END_TEST

START_TEST(html_broken)
{
    from_html("<p>First <b>bold<p>Second<div>Third</span></div><li>Item<td>Cell");
    ck_assert(has_block("First bold"));
    ck_assert(has_block("Second"));
    ck_assert(has_block("Third"));
    ck_assert(has_block("Item"));
    ck_assert(has_block("Cell"));
}
END_TEST

START_TEST(html_nul_bytes)
{
    const char html[] = "<body><p>Before</p>\0\0<p>After the padding</p></body>";
    ck_assert_int_eq(lg_page_from_html(html, sizeof html - 1, "t.html", &page, &err), 0);
    ck_assert(has_block("Before"));
    ck_assert(has_block("After the padding"));
}
END_TEST

START_TEST(html_latin1)
{
    from_html("<html><head><meta charset=\"iso-8859-1\"><title>Caf\xE9</title></head>"
              "<body><p>Men\xFC und Stra\xDF" "e</p></body></html>");
    ck_assert_str_eq(page.html_title, "Caf\xC3\xA9");
    ck_assert_str_eq(page.blocks[0].text, "Men\xC3\xBC und Stra\xC3\x9F" "e");
}
END_TEST

START_TEST(html_windows1252_http_equiv)
{
    from_html("<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>"
              "</head><body><p>\x93Quoted\x94</p></body></html>");
    ck_assert_str_eq(page.blocks[0].text, "\xE2\x80\x9CQuoted\xE2\x80\x9D");
}
END_TEST

/* No charset: UTF-8; declared UTF-8 with a stray byte: only that byte is
 * lost. */
START_TEST(html_utf8)
{
    from_html("<p>Caf\xC3\xA9 cr\xC3\xA8me</p>");
    ck_assert_str_eq(page.blocks[0].text, "Caf\xC3\xA9 cr\xC3\xA8me");
    lg_page_free(&page);
    from_html("<html><head><meta charset='utf-8'></head><body><p>bad \xE9 then caf\xC3\xA9</p></body></html>");
    ck_assert_str_eq(page.blocks[0].text, "bad \xEF\xBF\xBD then caf\xC3\xA9");
}
END_TEST

START_TEST(html_no_document)
{
    memset(&page, 0xAB, sizeof page);
    ck_assert_int_eq(lg_page_from_html("", 0, "/in/empty.html", &page, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "/in/empty.html"));
    ck_assert_uint_eq(page.n, 0);
    ck_assert_ptr_null(page.blocks);
}
END_TEST

/* ---- HTML metadata ------------------------------------------------------------ */

START_TEST(meta_head)
{
    from_html("<html lang='en-US'><head><title> Talks resume |\n Wire </title>"
              "<meta property='og:title' content='Talks resume'>"
              "<meta name='twitter:title' content='Twitter title'>"
              "<meta property='og:site_name' content='The Wire'>"
              "<meta name='application-name' content='App name'>"
              "<meta property='article:published_time' content='2024-05-21T17:40:00Z'>"
              "<meta name='date' content='2020-01-01'>"
              "<link rel='canonical' href='https://wire.example/talks'>"
              "<meta property='og:url' content='https://wire.example/og'>"
              "<meta name='author' content='Jane Roe'></head>"
              "<body><time datetime='2019-02-02'>Feb 2</time><p>Text</p></body></html>");
    ck_assert_str_eq(page.html_title, "Talks resume | Wire");
    ck_assert_str_eq(page.og_title, "Talks resume");
    ck_assert_str_eq(page.site_name, "The Wire");
    ck_assert_str_eq(page.published, "2024-05-21T17:40:00Z");
    ck_assert_str_eq(page.stamp, "2019-02-02");
    ck_assert_str_eq(page.canonical, "https://wire.example/talks");
    ck_assert_str_eq(page.author, "Jane Roe");
    ck_assert_str_eq(page.lang, "en");
}
END_TEST

/* Each field's later sources, when the earlier ones are absent. */
START_TEST(meta_fallbacks)
{
    from_html("<html><head><meta name='twitter:title' content='Twitter title'>"
              "<meta name='application-name' content='App name'>"
              "<meta property='og:url' content='https://wire.example/og'>"
              "<meta name='DC.date' content='2020-01-01'></head>"
              "<body><p itemprop='datePublished' content='2021-03-03'>March</p>"
              "<time datetime='2019-02-02'>Feb 2</time><time datetime='2018-01-01'>x</time></body></html>");
    ck_assert_str_eq(page.og_title, "Twitter title");
    ck_assert_str_eq(page.site_name, "App name");
    ck_assert_str_eq(page.canonical, "https://wire.example/og");
    /* A <time> not marked as the publication is only a stamp. */
    ck_assert_str_eq(page.published, "2021-03-03");
    ck_assert_str_eq(page.stamp, "2019-02-02");
    ck_assert_uint_eq(page.n_zoned, 0);
    ck_assert_ptr_null(page.author);
    ck_assert_ptr_null(page.lang);
    ck_assert_ptr_null(page.html_title);
    lg_page_free(&page);

    from_html("<head><meta name='pubdate' content='2020-01-01'></head><body>"
              "<span itemprop='datePublished'>2021-03-03</span></body>");
    ck_assert_str_eq(page.published, "2021-03-03");
    lg_page_free(&page);

    from_html("<head><meta name='publishdate' content='2020-01-01'></head><body><p>x</p></body>");
    ck_assert_str_eq(page.published, "2020-01-01");
}
END_TEST

START_TEST(meta_json_ld)
{
    from_html("<head><script type='application/ld+json'>[{\"@type\":\"WebSite\",\"name\":\"x\"},"
              "{\"@type\":\"NewsArticle\",\"datePublished\":\"2024-06-30T08:00:00+03:00\","
              "\"author\":[{\"@type\":\"Person\",\"name\":\"Ivan Petrov\"},{\"name\":\"B\"}],"
              "\"publisher\":{\"@type\":\"Organization\",\"name\":\"Daily Wire\"}}]</script>"
              "<meta name='date' content='2020-01-01'></head><body><time datetime='2019-01-01'>x</time></body>");
    ck_assert_str_eq(page.published, "2024-06-30T08:00:00+03:00");
    ck_assert_uint_eq(page.n_zoned, 1); /* dates written with a zone other than UTC */
    ck_assert_str_eq(page.zoned[0], "2024-06-30T08:00:00+03:00");
    ck_assert_str_eq(page.author, "Ivan Petrov");
    ck_assert_str_eq(page.site_name, "Daily Wire");
    lg_page_free(&page);

    from_html("<head><script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":["
              "{\"@type\":\"WebPage\"},{\"@type\":\"Article\",\"datePublished\":\"2023-01-02\","
              "\"author\":{\"name\":\"Ann Lee\"},\"publisher\":{\"name\":\"Graph News\"}}]}</script>"
              "<script type='application/ld+json'>{not json</script></head><body></body>");
    ck_assert_str_eq(page.published, "2023-01-02");
    ck_assert_str_eq(page.author, "Ann Lee");
    ck_assert_str_eq(page.site_name, "Graph News");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("page");
    TCase *text = tcase_create("text");
    tcase_add_checked_fixture(text, NULL, teardown);
    tcase_add_test(text, text_lines);
    tcase_add_test(text, text_bullets);
    tcase_add_test(text, text_invalid_utf8);
    tcase_add_test(text, text_hard_wrapped);
    tcase_add_test(text, text_paragraph_lines_stay);
    tcase_add_test(text, add_and_kept_text);
    suite_add_tcase(s, text);
    TCase *html = tcase_create("html");
    tcase_add_checked_fixture(html, NULL, teardown);
    tcase_add_test(html, html_blocks);
    tcase_add_test(html, html_link_density);
    tcase_add_test(html, html_furniture);
    tcase_add_test(html, html_class_qualifiers);
    tcase_add_test(html, html_br_lines);
    tcase_add_test(html, html_article_container);
    tcase_add_test(html, html_not_text);
    tcase_add_test(html, html_long_noscript);
    tcase_add_test(html, html_broken);
    tcase_add_test(html, html_nul_bytes);
    tcase_add_test(html, html_latin1);
    tcase_add_test(html, html_windows1252_http_equiv);
    tcase_add_test(html, html_utf8);
    tcase_add_test(html, html_no_document);
    suite_add_tcase(s, html);
    TCase *meta = tcase_create("metadata");
    tcase_add_checked_fixture(meta, NULL, teardown);
    tcase_add_test(meta, meta_head);
    tcase_add_test(meta, meta_fallbacks);
    tcase_add_test(meta, meta_json_ld);
    suite_add_tcase(s, meta);
    return lg_test_run(s);
}
