#include "analyze.h"
#include "extract.h"
#include "quotes.h"
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#define NAMES(...) ((const char *const[]){__VA_ARGS__, NULL})
#define NO_NAMES ((const char *const[]){NULL})

typedef struct {
    const char *text;
    lg_quote *v;
    size_t n;
} found;

static found extract(const char *text, const char *const *names)
{
    lg_speaker_hit hits[8];
    size_t n = 0;
    for (; names[n]; n++)
        hits[n] = (lg_speaker_hit){(char *)names[n], 1};
    found f = {text, NULL, 99};
    ck_assert_int_eq(lg_extract_quotes(text, strlen(text), hits, n, &f.v, &f.n), 0);
    return f;
}

static void release(found *f)
{
    lg_quotes_free(f->v, f->n);
}

/* The quotation whose text contains `words`; it must exist. */
static const lg_quote *quote_with(const found *f, const char *words)
{
    for (size_t i = 0; i < f->n; i++)
        if (strstr(f->v[i].text, words))
            return &f->v[i];
    ck_abort_msg("no quotation with \"%s\" among %zu", words, f->n);
    return NULL;
}

static size_t count_with(const found *f, const char *words)
{
    size_t k = 0;
    for (size_t i = 0; i < f->n; i++)
        k += strstr(f->v[i].text, words) != NULL;
    return k;
}

/* Checks speaker (NULL: none, confidence 0) and partial. */
static void assert_quote(const found *f, const char *words, const char *speaker, int partial)
{
    const lg_quote *q = quote_with(f, words);
    if (speaker) {
        ck_assert_msg(q->speaker && !strcmp(q->speaker, speaker), "\"%s\": speaker %s, want %s", words,
            q->speaker ? q->speaker : "NULL", speaker);
        ck_assert_msg(q->confidence > 0 && q->confidence <= 1, "\"%s\": confidence %g", words, q->confidence);
    } else {
        ck_assert_msg(!q->speaker, "\"%s\": speaker %s, want none", words, q->speaker);
        ck_assert_msg(q->confidence == 0, "\"%s\": confidence %g without a speaker", words, q->confidence);
    }
    ck_assert_msg(q->partial == partial, "\"%s\": partial %d, want %d", words, q->partial, partial);
}

static void assert_text(const found *f, const char *words, const char *text)
{
    const lg_quote *q = quote_with(f, words);
    ck_assert_str_eq(q->text, text);
}

/* The span starts with the opening mark and ends with `closing`. */
static void assert_span(const found *f, const char *words, const char *opening, const char *closing)
{
    const lg_quote *q = quote_with(f, words);
    size_t lo = strlen(opening), lc = strlen(closing);
    ck_assert_msg(q->end <= strlen(f->text) && q->start + lo + lc <= q->end, "\"%s\": span %zu-%zu", words, q->start,
        q->end);
    ck_assert_msg(!memcmp(f->text + q->start, opening, lo), "\"%s\": span starts at \"%.8s\"", words,
        f->text + q->start);
    ck_assert_msg(!memcmp(f->text + q->end - lc, closing, lc), "\"%s\": span ends at \"%.*s\"", words, (int)lc,
        f->text + q->end - lc);
}

/* ---- marks ---- */

START_TEST(every_kind_of_mark)
{
    found f = extract("Minister Anna Varga said on Friday that the offer was “generous by any measure”.\n\n"
                      "She added that Budapest wanted \"a settlement, not a truce\" and «guarantees on paper», "
                      "that partners spoke of „a new phase“ and of a ‘balance of interests’, and that a "
                      "‚technical pause‘ was over.",
        NAMES("Anna Varga"));
    ck_assert_uint_eq(f.n, 6);
    assert_text(&f, "generous", "generous by any measure");
    assert_text(&f, "settlement", "a settlement, not a truce");
    assert_text(&f, "guarantees", "guarantees on paper");
    assert_text(&f, "new phase", "a new phase");
    assert_text(&f, "balance", "balance of interests");
    assert_text(&f, "technical", "technical pause");
    assert_span(&f, "generous", "“", "”");
    assert_span(&f, "settlement", "\"", "\"");
    assert_span(&f, "guarantees", "«", "»");
    assert_span(&f, "new phase", "„", "“");
    assert_span(&f, "balance", "‘", "’");
    release(&f);
}
END_TEST

START_TEST(nested_quotations_stay_inside)
{
    found f = extract("“They told us ‘no deal before the summer’, and we listened,” Varga said.\n\n"
                      "«Нам предлагают „дорожную карту“ без дорог», — сказал Петров.",
        NAMES("Anna Varga", "Иван Петров"));
    ck_assert_uint_eq(f.n, 2);
    assert_text(&f, "They told", "They told us ‘no deal before the summer’, and we listened");
    assert_text(&f, "Нам", "Нам предлагают „дорожную карту“ без дорог");
    assert_quote(&f, "They told", "Anna Varga", 0);
    assert_quote(&f, "Нам", "Иван Петров", 0);
    release(&f);
}
END_TEST

START_TEST(quotation_over_paragraphs)
{
    const char *text = "Foreign Minister Anna Varga told the assembly: “The first thing I want to say is thank you.\n\n"
                       "“The second is that the work is not finished, and we will need you again.\n\n"
                       "“The third is that we will not forget.”\n\n"
                       "The session then moved to the budget.";
    found f = extract(text, NAMES("Anna Varga"));
    ck_assert_uint_eq(f.n, 1);
    assert_text(&f, "first thing",
        "The first thing I want to say is thank you. The second is that the work is not finished, and we will need you "
        "again. The third is that we will not forget.");
    assert_quote(&f, "first thing", "Anna Varga", 0);
    assert_span(&f, "first thing", "“The first", "forget.”");
    release(&f);

    f = extract("Министр Иван Петров выступил с речью.\n\n"
                "«Мы готовы к диалогу.\n\n"
                "«Но не к ультиматумам».\n\n"
                "Зал аплодировал.",
        NAMES("Иван Петров"));
    ck_assert_uint_eq(f.n, 1);
    assert_text(&f, "Мы готовы", "Мы готовы к диалогу. Но не к ультиматумам");
    release(&f);
}
END_TEST

START_TEST(unclosed_quotation_ends_with_its_paragraph)
{
    found f = extract("Asked about the talks, Varga said: \"We will go to Vienna, and we will stay there as long "
                      "as it takes\n\n"
                      "In Kyiv, officials were more cautious about the \"next round\".",
        NAMES("Anna Varga"));
    ck_assert_uint_eq(f.n, 2);
    assert_text(&f, "Vienna", "We will go to Vienna, and we will stay there as long as it takes");
    assert_quote(&f, "Vienna", "Anna Varga", 0);
    assert_span(&f, "Vienna", "\"We", "takes");
    assert_quote(&f, "next round", NULL, 1);
    release(&f);
}
END_TEST

START_TEST(misplaced_closing_mark)
{
    const char *text = "Foreign Minister Anna Varga spoke to reporters on Monday.\n\n"
                       "«We have said it many times (…), and today I say it again: there is still a chance »of "
                       "reaching a deal, she has stressed.";
    found f = extract(text, NAMES("Anna Varga"));
    ck_assert_uint_eq(f.n, 1);
    assert_text(&f, "said it",
        "We have said it many times (…), and today I say it again: there is still a chance of reaching a deal");
    assert_quote(&f, "said it", "Anna Varga", 0);
    assert_span(&f, "said it", "«We", "a deal");
    release(&f);

    /* Glued to its tag, a closing mark is no stray. */
    f = extract("«We are closer than the headlines suggest »said Varga, adding that a text was ready.\n\n"
                "\"The door is open,\"Varga said.",
        NAMES("Anna Varga"));
    ck_assert_uint_eq(f.n, 2);
    assert_text(&f, "closer", "We are closer than the headlines suggest");
    assert_quote(&f, "closer", "Anna Varga", 0);
    assert_quote(&f, "door", "Anna Varga", 0);
    release(&f);
}
END_TEST

START_TEST(apostrophes_are_no_quotes)
{
    found f = extract("Hungary’s minister said the allies' position hadn't changed since the '90s and that "
                      "Budapest's view was known.\n\n"
                      "She added that the lake ‘should not become anyone’s property’.",
        NAMES("Anna Varga"));
    ck_assert_uint_eq(f.n, 1);
    assert_text(&f, "anyone", "should not become anyone’s property");
    release(&f);
}
END_TEST

START_TEST(names_in_marks_are_no_quotations)
{
    found f = extract("Министр Иван Петров заявил в интервью телеканалу «Евразия-24», что переговоры «не исключены».",
        NAMES("Иван Петров"));
    ck_assert_uint_eq(f.n, 1);
    assert_quote(&f, "не исключены", "Иван Петров", 1);
    release(&f);
}
END_TEST

START_TEST(repeated_quotation_once)
{
    const char *text = "Varga wants a “fair settlement” with Kyiv\n\n"
                       "Foreign Minister Anna Varga said Budapest wanted a \"fair settlement\" for all sides.\n\n"
                       "“No, we are not neutral, we are honest,” Varga said.\n\n"
                       "“No, we are not neutral, we are honest,” Varga said.";
    found f = extract(text, NAMES("Anna Varga"));
    ck_assert_uint_eq(f.n, 2);
    ck_assert_uint_eq(count_with(&f, "fair settlement"), 1);
    ck_assert_uint_eq(count_with(&f, "not neutral"), 1);
    assert_quote(&f, "fair settlement", "Anna Varga", 1);
    release(&f);
}
END_TEST

/* ---- partial ---- */

START_TEST(partial_and_whole)
{
    const char *text = "Foreign Minister Anna Varga said the plan was \"dead on arrival\" in its current form. "
                       "She said the aim was “a text with dates in it.” "
                       "\"We will not sign a paper that changes nothing for the people of the region,\" she said. "
                       "Varga said: \"No.\"\n\n"
                       "\"Nothing works.\"\n\n"
                       "\"That is why we are going to Geneva with our own proposal and our own map.\"";
    found f = extract(text, NAMES("Anna Varga"));
    assert_quote(&f, "dead on arrival", "Anna Varga", 1);
    assert_quote(&f, "text with dates", "Anna Varga", 1);
    assert_quote(&f, "will not sign", "Anna Varga", 0);
    assert_quote(&f, "No.", "Anna Varga", 0);
    /* Short, alone, framed by nothing: a fragment. Long enough: a statement. */
    ck_assert(quote_with(&f, "Nothing works")->partial);
    ck_assert(!quote_with(&f, "Geneva")->partial);
    release(&f);
}
END_TEST

/* ---- attribution ---- */

START_TEST(tags_after_and_before)
{
    const char *text = "\"We are ready,\" Anna Varga said.\n\n"
                       "\"We were ready yesterday too,\" said Varga.\n\n"
                       "Varga told reporters: \"And we will be ready tomorrow.\"\n\n"
                       "According to Varga, \"the ball is in their court.\"";
    found f = extract(text, NAMES("Anna Varga"));
    ck_assert_uint_eq(f.n, 4);
    for (size_t i = 0; i < f.n; i++) {
        ck_assert_str_eq(f.v[i].speaker, "Anna Varga");
        ck_assert(f.v[i].confidence >= 0.9);
    }
    assert_quote(&f, "ball", "Anna Varga", 0);
    release(&f);
}
END_TEST

START_TEST(surname_completed_to_longest_name)
{
    found f = extract("\"It was a useful meeting,\" Varga said.", NAMES("Varga", "Anna Varga"));
    assert_quote(&f, "useful", "Anna Varga", 0);
    release(&f);
}
END_TEST

START_TEST(pronouns_and_titles)
{
    const char *text = "Hungarian Foreign Minister Anna Varga met reporters in Vienna on Monday, with Foreign "
                       "Ministry spokeswoman Eva Kiss at her side.\n\n"
                       "Varga said the two countries disagreed on transit fees.\n\n"
                       "\"We will find a solution before the winter,\" she said.\n\n"
                       "\"The fees are not a weapon,\" the spokeswoman said.\n\n"
                       "\"We do not negotiate under pressure,\" Hungary's top diplomat said.";
    found f = extract(text, NAMES("Anna Varga", "Eva Kiss"));
    assert_quote(&f, "before the winter", "Anna Varga", 0);
    assert_quote(&f, "not a weapon", "Eva Kiss", 0);
    assert_quote(&f, "under pressure", "Anna Varga", 0);
    const lg_quote *q = quote_with(&f, "before the winter");
    ck_assert(q->confidence >= 0.6 && q->confidence <= 0.8);
    release(&f);
}
END_TEST

START_TEST(fragment_is_its_speakers)
{
    const char *text = "Varga also responded to comments by the EU envoy, Pieter Jansen, who had called the plan a "
                       "\"risky gamble\" for the region. Varga countered that the plan had been \"agreed by all.\"";
    found f = extract(text, NAMES("Anna Varga", "Pieter Jansen"));
    assert_quote(&f, "risky gamble", "Pieter Jansen", 1);
    assert_quote(&f, "agreed by all", "Anna Varga", 1);
    release(&f);
}
END_TEST

START_TEST(speech_goes_on_in_the_paragraph)
{
    const char *text = "\"The talks were long,\" Varga explained. \"They were also useful, and we will go on.\"\n\n"
                       "She said Budapest would not wait forever. \"There is a limit to patience, even ours.\"";
    found f = extract(text, NAMES("Anna Varga"));
    assert_quote(&f, "useful", "Anna Varga", 0);
    assert_quote(&f, "limit", "Anna Varga", 0);
    ck_assert(quote_with(&f, "useful")->confidence < quote_with(&f, "long")->confidence);
    release(&f);
}
END_TEST

START_TEST(russian_attribution)
{
    const char *text = "Министр иностранных дел Иван Петров заявил: «Мы не будем торговаться».\n\n"
                       "«Безопасность не продаётся», — сказал Петров.\n\n"
                       "«Ответ последует», — заявил министр.\n\n"
                       "По словам Петрова, Москва ждёт «конкретных предложений».";
    found f = extract(text, NAMES("Иван Петров"));
    assert_quote(&f, "торговаться", "Иван Петров", 0);
    assert_quote(&f, "Безопасность", "Иван Петров", 0);
    assert_quote(&f, "Ответ", "Иван Петров", 0);
    assert_quote(&f, "конкретных", "Иван Петров", 1);
    ck_assert(quote_with(&f, "Безопасность")->confidence >= 0.9);
    release(&f);
}
END_TEST

START_TEST(no_speaker_found)
{
    const char *text = "Russia's \"special operation\" entered its third year.\n\n"
                       "\"The border is closed until further notice,\" the ministry said.\n\n"
                       "Anna Varga spoke about the so-called \"security belt\" on Monday.";
    found f = extract(text, NAMES("Anna Varga"));
    assert_quote(&f, "special operation", NULL, 1);
    assert_quote(&f, "border is closed", NULL, 0);
    assert_quote(&f, "security belt", NULL, 1);
    release(&f);

    f = extract("\"We are ready,\" he said.", NO_NAMES);
    assert_quote(&f, "ready", NULL, 0);
    release(&f);
}
END_TEST

START_TEST(empty_and_quoteless)
{
    found f = extract("", NO_NAMES);
    ck_assert_uint_eq(f.n, 0);
    ck_assert_ptr_null(f.v);
    f = extract("No quotation here, only Russia’s view.", NO_NAMES);
    ck_assert_uint_eq(f.n, 0);
    ck_assert_ptr_null(f.v);
    lg_quote *v = (lg_quote *)&f;
    size_t n = 7;
    ck_assert_int_eq(lg_extract_quotes("\"x y\"", 5, NULL, 3, &v, &n), 0);
    ck_assert_uint_eq(n, 1);
    lg_quotes_free(v, n);
}
END_TEST

/* ---- the user's seed pages, through the indexer's pipeline ---- */

typedef struct {
    char *text;
    found f;
} seed;

/* A seed page through the indexer's pipeline: cleaning, kept text,
 * speakers, quotations. 0, or -1 when the seeds are not there. */
static int read_seed(const char *name, seed *s)
{
    lg_page page;
    if (lg_test_seed_page(name, 1, &page) != 0)
        return -1;
    size_t len, n_sp;
    s->text = lg_page_kept_text(&page, &len);
    ck_assert_ptr_nonnull(s->text);
    lg_speaker_hit *sp;
    ck_assert_int_eq(lg_extract_speakers(&page, &sp, &n_sp), 0);
    s->f.text = s->text;
    ck_assert_int_eq(lg_extract_quotes(s->text, len, sp, n_sp, &s->f.v, &s->f.n), 0);
    lg_speakers_free(sp, n_sp);
    lg_page_free(&page);
    return 0;
}

static void free_seed(seed *s)
{
    release(&s->f);
    free(s->text);
}

/* Sergey and Sergei are one name. */
static void assert_person(const lg_quote *q, const char *name)
{
    char want[128], got[128];
    ck_assert_msg(q->speaker != NULL, "\"%.30s\": no speaker, want %s", q->text, name);
    lg_name_key(name, strlen(name), want, sizeof want);
    lg_name_key(q->speaker, strlen(q->speaker), got, sizeof got);
    ck_assert_msg(!strcmp(want, got), "\"%.30s\": speaker %s, want %s", q->text, q->speaker, name);
}

START_TEST(seeds)
{
    seed s;
    if (read_seed("000_ab6bb1f29b8f6bc5.txt", &s) != 0)
        return;
    ck_assert_uint_eq(count_with(&s.f, "brief answer"), 1);
    assert_person(quote_with(&s.f, "balance of interests"), "Sergey Lavrov");
    ck_assert(quote_with(&s.f, "balance of interests")->partial);
    free_seed(&s);

    ck_assert_int_eq(read_seed("001_62f661980b8ad871.txt", &s), 0);
    assert_person(quote_with(&s.f, "Unlike EU countries"), "Sergey Lavrov");
    ck_assert(!quote_with(&s.f, "Unlike EU countries")->partial);
    free_seed(&s);

    ck_assert_int_eq(read_seed("002_f61def2bc9a4bed0.txt", &s), 0);
    const lg_quote *q = quote_with(&s.f, "We have already said it");
    ck_assert_ptr_nonnull(strstr(q->text, "possibility"));
    ck_assert_ptr_nonnull(strstr(q->text, "of reaching an agreement"));
    ck_assert_ptr_null(strstr(q->text, "qualified"));
    assert_person(q, "Sergei Lavrov");
    free_seed(&s);

    ck_assert_int_eq(read_seed("003_44361a8531b9948d.txt", &s), 0);
    assert_person(quote_with(&s.f, "diplomats communicate"), "Sergei Lavrov");
    assert_person(quote_with(&s.f, "Perhaps Mr. Kellogg"), "Sergei Lavrov");
    q = quote_with(&s.f, "failed attempt");
    assert_person(q, "Keith Kellogg");
    ck_assert(q->partial);
    ck_assert(quote_with(&s.f, "trampled on")->partial);
    free_seed(&s);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("quotes");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, every_kind_of_mark);
    tcase_add_test(tc, nested_quotations_stay_inside);
    tcase_add_test(tc, quotation_over_paragraphs);
    tcase_add_test(tc, unclosed_quotation_ends_with_its_paragraph);
    tcase_add_test(tc, misplaced_closing_mark);
    tcase_add_test(tc, apostrophes_are_no_quotes);
    tcase_add_test(tc, names_in_marks_are_no_quotations);
    tcase_add_test(tc, repeated_quotation_once);
    tcase_add_test(tc, partial_and_whole);
    tcase_add_test(tc, tags_after_and_before);
    tcase_add_test(tc, surname_completed_to_longest_name);
    tcase_add_test(tc, pronouns_and_titles);
    tcase_add_test(tc, fragment_is_its_speakers);
    tcase_add_test(tc, speech_goes_on_in_the_paragraph);
    tcase_add_test(tc, russian_attribution);
    tcase_add_test(tc, no_speaker_found);
    tcase_add_test(tc, empty_and_quoteless);
    tcase_add_test(tc, seeds);
    suite_add_tcase(s, tc);
    return lg_test_run(s);
}
