/* Cleaning: pages written for this suite in the shape of the user's seeds
 * (different stories, the same kinds of junk), repeats, and furniture
 * seen on other pages of a site. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "strbuf.h"
#include "testutil.h"

static lg_page page;

static void clean_text(const char *text, lg_seen_fn seen, void *ctx)
{
    ck_assert_int_eq(lg_page_from_text(text, strlen(text), &page), 0);
    lg_clean(&page, seen, ctx);
}

static const lg_block *block(const char *prefix)
{
    for (size_t i = 0; i < page.n; i++)
        if (strncmp(page.blocks[i].text, prefix, strlen(prefix)) == 0)
            return &page.blocks[i];
    ck_abort_msg("no block starts with '%s'", prefix);
    return NULL;
}

/* The n-th block (0-based) starting with prefix. */
static const lg_block *nth_block(const char *prefix, int nth)
{
    for (size_t i = 0; i < page.n; i++)
        if (strncmp(page.blocks[i].text, prefix, strlen(prefix)) == 0 && nth-- == 0)
            return &page.blocks[i];
    ck_abort_msg("no block %d starting with '%s'", nth, prefix);
    return NULL;
}

static void kept(const char *prefix)
{
    const lg_block *b = block(prefix);
    ck_assert_msg(b->keep && !b->why, "'%s' dropped (%s)", prefix, b->why ? b->why : "no reason");
}

static void dropped(const char *prefix, const char *why)
{
    const lg_block *b = block(prefix);
    ck_assert_msg(!b->keep, "'%s' kept", prefix);
    ck_assert_ptr_nonnull(b->why);
    ck_assert_msg(strcmp(b->why, why) == 0, "'%s' dropped as '%s', not '%s'", prefix, b->why, why);
}

static void teardown(void)
{
    lg_page_free(&page);
}

/* An agency story on an error-page shell, pasted twice, with a disclaimer
 * and a list of unrelated headlines under it. */
static const char *wire_page =
    " date 2025-03-02 404\n"
    "Sorry!!\n"
    "Error! We're sorry, but the page you were looking for doesn't exist.\n"
    "Wang Yi says Beijing ready to host talks between Kyiv and Moscow\n"
    "(NEWSWIRE) Chinese Foreign Minister Wang Yi said on Monday that Beijing stands ready to host direct "
    "talks between Ukraine and Russia, telling reporters that \"dialogue is the only way out\" of the "
    "conflict. He said China had been in contact with both capitals over recent weeks.\n"
    "Wang added that any ceasefire would need guarantees acceptable to both sides, and he urged "
    "European governments to take part in preparing the ground. He declined to say whether Chinese "
    "envoys had already travelled to Moscow.\n"
    "Analysts in the region said the offer was the most concrete one Beijing had made so far, although "
    "officials in Kyiv responded cautiously, saying they would study any proposal that respected the "
    "country's borders.\n"
    "Wang added that any ceasefire would need guarantees acceptable to both sides, and he urged "
    "European governments to take part in preparing the ground. He declined to say whether Chinese "
    "envoys had already travelled to Moscow.\n"
    "Analysts in the region said the offer was the most concrete one Beijing had made so far, although "
    "officials in Kyiv responded cautiously, saying they would study any proposals that respected the "
    "country's borders.\n"
    "Legal Disclaimer:\n"
    "NEWSWIRE provides the information \xE2\x80\x9C" "as is\xE2\x80\x9D without warranty of any kind. We "
    "accept no liability for the accuracy or completeness of the material in this article.\n"
    "Most popular stories\n"
    "Market Research\n"
    "- Exchange Lists New Token For Retail Traders\n"
    "- Solar Firm Opens Third Factory In Gujarat\n"
    "- Shipping Group Reports Record Quarter\n"
    "CommentsNo comment";

START_TEST(wire_story_blocks)
{
    clean_text(wire_page, NULL, NULL);
    dropped("date 2025-03-02 404", "error page");
    dropped("Sorry!!", "error page");
    dropped("Error! We're sorry", "error page");
    kept("Wang Yi says Beijing");
    kept("(NEWSWIRE) Chinese Foreign Minister");
    ck_assert_int_eq(nth_block("Wang added", 0)->keep, 1);
    ck_assert_int_eq(nth_block("Analysts in the region", 0)->keep, 1);
    ck_assert_str_eq(nth_block("Wang added", 1)->why, "repeat");
    ck_assert_str_eq(nth_block("Analysts in the region", 1)->why, "repeat");
    dropped("Legal Disclaimer:", "legal");
    dropped("NEWSWIRE provides", "legal");
    dropped("Most popular stories", "headline list");
    dropped("Market Research", "headline list");
    dropped("Exchange Lists", "headline list");
    dropped("Shipping Group", "headline list");
    dropped("CommentsNo comment", "comments");
}
END_TEST

/* A blog post with its bullets of credits and the theme's tail. */
static const char *blog_page =
    "Diplomacy\n"
    "\n"
    "Kuleba says Ukraine will not trade territory for a ceasefire\n"
    "\n"
    "Ukrainian Foreign Minister Dmytro Kuleba said on Thursday that Kyiv would not accept any ceasefire "
    "that left Russian troops on Ukrainian land, speaking at a press conference in Vilnius after meeting "
    "his Baltic counterparts.\n"
    "\n"
    "\xE2\x80\x9C" "Freezing the war would only give Moscow time to regroup,\xE2\x80\x9D Kuleba said, adding "
    "that Ukraine needed more air defence systems before the winter.\n"
    "\n"
    "The minister also thanked Lithuania for its latest aid package and said that talks on joint arms "
    "production were moving forward.\n"
    "\n"
    "  \xE2\x80\xA2 For more: visit the Newsline website and for social networking, you can follow us on Facebook\n"
    "  \xE2\x80\xA2 Source of information and images \xE2\x80\x9Creuters\xE2\x80\x9D\n"
    "\n"
    "Related Articles\n"
    "\n"
    "Leave a Reply\n"
    "\n"
    "Back to top button\n"
    "\n"
    "Discover more from Newsline\n"
    "\n"
    "Subscribe now to keep reading and get access to the full archive.\n"
    "\n"
    "Continue reading";

START_TEST(blog_post)
{
    clean_text(blog_page, NULL, NULL);
    ck_assert_int_eq(block("Diplomacy")->keep, 0);
    kept("Kuleba says Ukraine");
    kept("Ukrainian Foreign Minister");
    kept("\xE2\x80\x9C" "Freezing the war");
    kept("The minister also");
    dropped("For more: visit", "share");
    ck_assert_int_eq(block("For more")->kind, LG_BLOCK_LIST_ITEM);
    dropped("Source of information", "credit");
    dropped("Related Articles", "headline list");
    dropped("Leave a Reply", "comments");
    dropped("Back to top button", "menu");
    dropped("Discover more from", "subscribe");
    dropped("Subscribe now", "subscribe");
    dropped("Continue reading", "subscribe");
}
END_TEST

/* A regional site: its menus, a Russian line on an English page, the
 * byline, the counter and the share bar. */
static const char *portal_page =
    "twitter\nyoutube\nfacebook\ntelegram\napple store\nplay market\nnight_theme\nru\nen\nsearch\n"
    "WHAT ARE YOU LOOKING FOR ?\n\n\n"
    "Any use of materials is allowed only if there is a hyperlink to Ledger.az\n"
    "Ledger.az \xC2\xA9 2025. .\n"
    "POLITICS\n"
    "A+\n"
    "A-\n"
    "\n"
    "Baku and Yerevan agree to resume border commission talks\n"
    "\n"
    "14 March 2025 11:20\n"
    "\n"
    "Azerbaijan and Armenia have agreed to resume the work of their border delimitation commissions next "
    "month, the foreign ministries of both countries said in a joint statement on Friday.\n"
    "\n"
    "The statement said the commissions would meet in a third country and would start with the northern "
    "section of the border, where most of the work had already been done, Ledger.az reports.\n"
    "\n"
    "\"We expect this round to be practical and short,\" a senior diplomat told reporters, declining to be "
    "named because the talks were confidential.\n"
    "\n"
    "By Aysel Mammadova\n"
    "\n"
    "Ledger.az\n"
    "Views: 245\n"
    "\n"
    "share-lineLiked the story? Share it on social media!\n"
    "print\n"
    "copy link\n"
    "\xD0\xA1\xD1\x81\xD1\x8B\xD0\xBB\xD0\xBA\xD0\xB0 \xD1\x81\xD0\xBA\xD0\xBE\xD0\xBF\xD0\xB8\xD1\x80\xD0\xBE"
    "\xD0\xB2\xD0\xB0\xD0\xBD\xD0\xB0\n"
    "instagram\n"
    "Follow us on Instagram\n"
    "POLITICS\n"
    "The latest news from the South Caucasus and Central Asia";

START_TEST(portal_page_junk)
{
    clean_text(portal_page, NULL, NULL);
    static const char *menus[] = {"twitter", "youtube", "facebook", "telegram", "apple store", "play market",
                                  "night_theme", "ru", "en", "search", "WHAT ARE YOU LOOKING", "A+", "A-"};
    for (size_t i = 0; i < sizeof menus / sizeof menus[0]; i++)
        dropped(menus[i], "menu");
    dropped("Any use of materials", "legal");
    dropped("Ledger.az \xC2\xA9", "legal");
    dropped("14 March 2025", "date");
    dropped("By Aysel", "byline");
    dropped("Views: 245", "counter");
    dropped("share-line", "share");
    dropped("print", "share");
    dropped("copy link", "share");
    dropped("\xD0\xA1\xD1\x81\xD1\x8B\xD0\xBB\xD0\xBA\xD0\xB0", "other script");
    dropped("Follow us on", "share");
    ck_assert_int_eq(block("The latest news from")->keep, 0);
    ck_assert_int_eq(nth_block("POLITICS", 1)->keep, 0);
}
END_TEST

START_TEST(portal_page_story)
{
    clean_text(portal_page, NULL, NULL);
    kept("Baku and Yerevan agree");
    kept("Azerbaijan and Armenia");
    kept("The statement said");
    kept("\"We expect this round");
}
END_TEST

/* A date line and a breadcrumb glued to the headline above the story. */
static const char *news_page =
    "Tuesday, May 21, 2024\n"
    "HomeEuropeBerlin and Paris call for a joint defence fund\n"
    "\n"
    "Berlin and Paris call for a joint defence fund\n"
    "\n"
    "The ministers met in Berlin on Monday. / Reuters\n"
    "\n"
    "The foreign ministers of Germany and France called on Monday for a joint European defence fund, "
    "saying the continent had to be able to pay for its own security in the coming decade.\n"
    "\n"
    "\xC2\xAB" "We cannot wait for the next crisis to start planning\xC2\xBB, the French minister said at a news "
    "conference, adding that the proposal would go to the other member states this summer.\n"
    "\n"
    "Officials said the fund could be modelled on the recovery facility set up during the pandemic, with "
    "joint borrowing repaid over several decades.\n"
    "\n"
    "Recent posts";

START_TEST(news_page_furniture)
{
    clean_text(news_page, NULL, NULL);
    dropped("Tuesday, May 21, 2024", "date");
    dropped("HomeEurope", "menu");
    dropped("Recent posts", "headline list");
    kept("The foreign ministers of Germany");
    kept("\xC2\xAB" "We cannot wait");
    kept("Officials said the fund");
}
END_TEST

/* A German site: a menu on one line, a labelled date, a form field from a
 * text browser, an inline link to another story, an author box and a
 * list of further stories. */
START_TEST(german_site)
{
    clean_text("Startseite | Politik | Wirtschaft | Kultur\n"
               "[                    ][SUBMIT]\n"
               "Regierung beschlie\xC3\x9Ft neues Klimapaket\n"
               "Aktualisiert: 12. M\xC3\xA4rz 2025, 10:15 Uhr\n"
               "Die Bundesregierung hat am Mittwoch ein neues Klimapaket beschlossen, das den Ausbau der "
               "Windkraft an Land beschleunigen und die Genehmigungsverfahren f\xC3\xBCr neue Anlagen deutlich "
               "verk\xC3\xBCrzen soll, wie ein Regierungssprecher in Berlin mitteilte.\n"
               "Read more: Minister resigns after a row over the budget for next year's defence spending\n"
               "Die Opposition kritisierte das Paket als unzureichend und verwies darauf, dass die Ziele f\xC3\xBCr "
               "das kommende Jahrzehnt damit nicht zu erreichen seien. Umweltverb\xC3\xA4nde forderten zudem "
               "eine Abgabe auf Flugreisen und einen schnelleren Ausstieg aus der Kohle, der bisher f\xC3\xBCr das "
               "Ende des Jahrzehnts geplant ist.\n"
               "About the author\n"
               "Jana Berger covers energy policy for the paper and has reported from climate conferences in "
               "Paris, Glasgow and Dubai.\n"
               "Mehr zum Thema\n"
               "Kohleausstieg: L\xC3\xA4nder fordern Hilfen\n"
               "Windkraft: Neue Fl\xC3\xA4" "chen im Norden\n",
               NULL, NULL);
    dropped("Startseite | Politik", "menu");
    dropped("[ ][SUBMIT]", "markup");
    kept("Regierung beschlie");
    dropped("Aktualisiert: 12.", "date");
    kept("Die Bundesregierung hat");
    dropped("Read more: Minister", "headline list");
    kept("Die Opposition kritisierte");
    dropped("About the author", "byline");
    dropped("Jana Berger covers", "byline");
    dropped("Mehr zum Thema", "headline list");
    dropped("Kohleausstieg", "headline list");
    dropped("Windkraft: Neue", "headline list");
}
END_TEST

/* Captions outside <figcaption>: a figure label in front, a credit at the
 * end; a colon in prose or a label with nothing after it is not one. */
START_TEST(captions)
{
    clean_text("Harbour talks resume after a week of delays\n"
               "Negotiators returned to the harbour city on Monday after a week in which the talks had "
               "stalled over the question of who would inspect the cargo, two people close to the talks said.\n"
               "The delegations meet at the old customs house. (Photo: Harbour Agency)\n"
               "Figure 2: Cargo volumes by month, in tonnes\n"
               "A spokesman put it plainly: the inspections must start within a month or the deal would be "
               "off, and neither side wanted that after so many rounds of negotiation in the same building.\n"
               "Sources close to the talks: none would comment on the timetable for the next round.\n"
               "Asked who had told him, he named his source: the ambassador.\n"
               "The two sides are expected to sign a first text next week, the spokesman added in a statement.\n",
               NULL, NULL);
    kept("Harbour talks resume");
    kept("Negotiators returned");
    dropped("The delegations meet", "credit");
    dropped("Figure 2:", "credit");
    kept("A spokesman put it plainly");
    kept("Sources close to the talks");
    kept("Asked who had told him");
    kept("The two sides");
}
END_TEST

/* More headings of story lists: "Discover more", "might also interest
 * you", "Upcoming events", "Most searched". */
START_TEST(list_headings)
{
    clean_text("Neue Radwege f\xC3\xBCr die Innenstadt\n"
               "Die Stadt will bis zum Herbst drei neue Radwege durch die Innenstadt bauen, wie die "
               "Verkehrsdezernentin am Dienstag im Rathaus ank\xC3\xBCndigte; die Kosten tr\xC3\xA4gt zum "
               "gr\xC3\xB6\xC3\x9Ften Teil das Land, der Rest kommt aus dem laufenden Haushalt der Stadt.\n"
               "Das Thema k\xC3\xB6nnte Sie auch interessieren:\n"
               "Parkgeb\xC3\xBChren steigen ab Mai\n"
               "Upcoming events\n"
               "Stadtradeln im Juni\n",
               NULL, NULL);
    kept("Neue Radwege");
    kept("Die Stadt will");
    dropped("Das Thema k", "headline list");
    dropped("Parkgeb", "headline list");
    dropped("Upcoming events", "headline list");
    ck_assert_int_eq(block("Stadtradeln")->keep, 0);
}
END_TEST

/* Near-equal paragraphs go, short labels that repeat stay. */
START_TEST(repeats)
{
    clean_text("Grain deal summit ends with a statement\n"
               "The summit ended with a statement on grain exports through the Black Sea, which both sides "
               "said they would put to their governments before the end of the month.\n"
               "Key points\n"
               "Diplomats said the text left open how the ships would be inspected and who would pay for the "
               "insurance, two questions that had held up the talks for weeks.\n"
               "Key points\n"
               "The summit ended with a statement on grain exports through the Black Sea, which both sides "
               "said they would put to their governments before the end of this month.\n"
               "THE SUMMIT ENDED with a statement on grain exports through the Black Sea, which both sides "
               "said   they would put to their governments before the end of the month.\n"
               "A different closing paragraph about the next meeting, planned for the autumn in Istanbul, "
               "where the same delegations are expected to return with their experts.\n",
               NULL, NULL);
    kept("Grain deal summit");
    ck_assert_int_eq(nth_block("Key points", 0)->keep, 1);
    ck_assert_int_eq(nth_block("Key points", 1)->keep, 1);
    ck_assert_int_eq(nth_block("The summit ended", 0)->keep, 1);
    ck_assert_str_eq(nth_block("The summit ended", 1)->why, "repeat");
    dropped("THE SUMMIT ENDED", "repeat");
    kept("Diplomats said the text");
    kept("A different closing");
}
END_TEST

/* A paragraph of made-up words that no other n shares. */
static void distinct_paragraph(lg_sb *sb, unsigned n)
{
    for (unsigned k = 0; k < 24; k++) {
        unsigned v = n * 131u + k * 7u + 1u;
        lg_sb_addc(sb, ' ');
        for (; v; v /= 26)
            lg_sb_addc(sb, (char)('a' + v % 26));
    }
    lg_sb_adds(sb, " and so on.\n");
}

/* An exact repeat is found however far down the page it comes. */
START_TEST(far_repeat)
{
    lg_sb sb = LG_SB_INIT;
    const char *first = "The opening paragraph of a very long report, which a careless scraper pasted again at the end.\n";
    lg_sb_adds(&sb, first);
    for (unsigned n = 0; n < 600; n++)
        distinct_paragraph(&sb, n);
    lg_sb_adds(&sb, first);
    clean_text(sb.buf, NULL, NULL);
    lg_sb_release(&sb);
    ck_assert_uint_eq(page.n, 602);
    ck_assert_msg(page.blocks[0].keep, "first dropped: %s", page.blocks[0].why);
    ck_assert_int_eq(page.blocks[300].keep, 1);
    ck_assert_int_eq(page.blocks[601].keep, 0);
    ck_assert_str_eq(page.blocks[601].why, "repeat");
}
END_TEST

/* ---- site furniture ---------------------------------------------------- */

typedef struct {
    uint64_t hash;
    unsigned count;
} seen_one;

static unsigned seen_fn(void *ctx, uint64_t hash)
{
    const seen_one *s = ctx;
    return hash == s->hash ? s->count : 0;
}

static const char *site_page =
    "Ceasefire talks to resume in Doha next week\n"
    "Negotiators from both sides will return to Doha next week to resume talks on a ceasefire, mediators "
    "said on Sunday, after a pause of almost a month.\n"
    "Our weekly letter from the Gulf desk\n"
    "The mediators said the new round would focus on the exchange of prisoners and on humanitarian "
    "access, two issues on which the sides had come closest to agreement before the pause, and that "
    "both delegations had been asked to bring officials who could sign.\n";

static void site_case(const char *line, unsigned count)
{
    seen_one s = {lg_block_hash(line, strlen(line)), count};
    clean_text(site_page, seen_fn, &s);
}

START_TEST(site_furniture_seen)
{
    site_case("our weekly LETTER from the gulf desk", 3);
    dropped("Our weekly letter", "site furniture");
    kept("Negotiators from both sides");
}
END_TEST

START_TEST(site_furniture_rare)
{
    site_case("Our weekly letter from the Gulf desk", 2);
    kept("Our weekly letter");
}
END_TEST

/* A long paragraph is never taken for furniture, however often seen. */
START_TEST(site_furniture_long)
{
    site_case("The mediators said the new round would focus on the exchange of prisoners and on humanitarian "
              "access, two issues on which the sides had come closest to agreement before the pause, and that "
              "both delegations had been asked to bring officials who could sign.",
              9);
    kept("The mediators said");
}
END_TEST

START_TEST(block_hash)
{
    /* FNV-1a 64 of "a". */
    ck_assert_uint_eq(lg_block_hash("a", 1), 0xaf63dc4c8601ec8cULL);
    ck_assert_uint_eq(lg_block_hash("", 0), 0xcbf29ce484222325ULL);
    uint64_t h = lg_block_hash("Hello World", 11);
    ck_assert_uint_eq(lg_block_hash("hello  world", 12), h);
    ck_assert_uint_eq(lg_block_hash("HELLOWORLD\n", 11), h);
    ck_assert_uint_ne(lg_block_hash("Hello Worlds", 12), h);
    ck_assert_uint_ne(lg_block_hash("\xC3\x89t\xC3\xA9", 5), lg_block_hash("\xC3\xA9t\xC3\xA9", 5));
}
END_TEST

/* HTML: what the markup says decides first. */
START_TEST(html_markup)
{
    static const char html[] =
        "<html><body><nav><a href='/'>World</a> <a href='/b'>Business</a></nav>"
        "<article><h1>Envoys agree on a prisoner exchange</h1>"
        "<p>Envoys from both countries agreed on Tuesday to exchange two hundred prisoners each, the "
        "mediating government said, in the largest such deal since the war began two years ago.</p>"
        "<p>The exchange is expected to take place within ten days at a crossing point on the northern "
        "border, officials said, and will include a number of civilians held since the first months.</p>"
        "<div class='share-buttons'>Share on X</div>"
        "<ul><li><a href='/1'>Another story</a></li><li><a href='/2'>Yet another story</a></li></ul>"
        "</article><footer>Contact the newsroom</footer></body></html>";
    lg_err e;
    ck_assert_int_eq(lg_page_from_html(html, sizeof html - 1, "t.html", &page, &e), 0);
    lg_clean(&page, NULL, NULL);
    kept("Envoys agree on");
    kept("Envoys from both");
    kept("The exchange is expected");
    ck_assert_int_eq(block("World")->keep, 0);
    dropped("Share on X", "markup");
    dropped("Another story", "link list");
    ck_assert_int_eq(block("Contact the newsroom")->keep, 0);
}
END_TEST

/* Table cells in the article container are its data (specifications,
 * prices); a "Notas relacionadas" heading takes the list under it. */
START_TEST(html_cells_and_related)
{
    static const char html[] =
        "<html><body><nav><a href='/'>World</a></nav><div class='entry-content'>"
        "<p>The new model weighs less than its predecessor and charges faster, the maker said on Tuesday, "
        "while the price stays the same in every market where the phone is sold this year.</p>"
        "<table><tr><td>Weight</td><td>172 g</td></tr><tr><td>Battery</td><td>4,500 mAh</td></tr>"
        "<tr><td>Screen</td><td>6.1 in</td></tr><tr><td>Camera</td><td>50 MP</td></tr>"
        "<tr><td>Memory</td><td>8 GB</td></tr><tr><td>Storage</td><td>256 GB</td></tr>"
        "<tr><td>Colours</td><td>Black, blue</td></tr><tr><td>Charging</td><td>Wired, wireless</td></tr></table>"
        "<p>Reviewers praised the screen and the camera, though several found the speakers weaker than "
        "those of last year's model and the software updates slower than promised by the company.</p>"
        "<h3>Notas relacionadas</h3><ul><li>Otro modelo barato</li><li>Las ventas caen</li></ul>"
        "</div></body></html>";
    lg_err e;
    ck_assert_int_eq(lg_page_from_html(html, sizeof html - 1, "t.html", &page, &e), 0);
    lg_clean(&page, NULL, NULL);
    kept("Weight");
    kept("Battery");
    kept("Wired, wireless");
    kept("Reviewers praised");
    dropped("Notas relacionadas", "headline list");
    ck_assert_int_eq(block("Otro modelo")->keep, 0);
}
END_TEST

/* A list at the edge of the article, inside its container, belongs to it:
 * the recipe's ingredients after the method, and the lines of a paragraph
 * broken by <br> before it. */
START_TEST(html_list_at_the_edge)
{
    static const char html[] =
        "<html><body><nav><a href='/'>Recipes</a></nav><div class='entry-content'>"
        "<p>Serves four people<br>Takes a night<br>Oven very hot</p>"
        "<p>This bread needs no kneading: mix the dough in the evening, leave it covered overnight, and "
        "bake it in a hot pot in the morning for a crust that crackles as it cools on the rack.</p>"
        "<p>The long rest does the work that kneading would do, and a little more salt than usual keeps "
        "the flavour from tasting flat after the slow rise at room temperature in a warm kitchen.</p>"
        "<h3>You need</h3><ul><li>500 g flour</li><li>10 g salt</li><li>2 g yeast</li><li>400 ml water</li></ul>"
        "</div><div class='site-info'><p>A small kitchen blog since 2009</p></div></body></html>";
    lg_err e;
    ck_assert_int_eq(lg_page_from_html(html, sizeof html - 1, "t.html", &page, &e), 0);
    lg_clean(&page, NULL, NULL);
    kept("Serves four");
    kept("Takes a night");
    kept("This bread");
    kept("500 g flour");
    kept("400 ml water");
    ck_assert_int_eq(block("A small kitchen")->keep, 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("clean");
    TCase *tc = tcase_create("pages");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_test(tc, wire_story_blocks);
    tcase_add_test(tc, blog_post);
    tcase_add_test(tc, portal_page_junk);
    tcase_add_test(tc, portal_page_story);
    tcase_add_test(tc, news_page_furniture);
    tcase_add_test(tc, german_site);
    tcase_add_test(tc, captions);
    tcase_add_test(tc, list_headings);
    tcase_add_test(tc, repeats);
    tcase_add_test(tc, far_repeat);
    tcase_add_test(tc, html_markup);
    tcase_add_test(tc, html_cells_and_related);
    tcase_add_test(tc, html_list_at_the_edge);
    suite_add_tcase(s, tc);
    TCase *site = tcase_create("site");
    tcase_add_checked_fixture(site, NULL, teardown);
    tcase_add_test(site, site_furniture_seen);
    tcase_add_test(site, site_furniture_rare);
    tcase_add_test(site, site_furniture_long);
    tcase_add_test(site, block_hash);
    suite_add_tcase(s, site);
    return lg_test_run(s);
}
