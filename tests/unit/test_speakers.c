#include "analyze.h"
#include "clean.h"
#include "extract.h"
#include "testutil.h"

#include <stdarg.h>
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

/* Checks the speakers of a page against a NULL-terminated list of
 * (name, mentions) pairs, in order. */
static void assert_page_speakers(const lg_page *page, va_list ap)
{
    lg_speaker_hit junk, *h = &junk; /* the call must overwrite both */
    size_t n = 99, i = 0;
    ck_assert_int_eq(lg_extract_speakers(page, &h, &n), 0);
    for (const char *name; (name = va_arg(ap, const char *)); i++) {
        unsigned mentions = va_arg(ap, unsigned);
        ck_assert_msg(i < n, "speaker %zu missing: want %s", i, name);
        ck_assert_msg(!strcmp(h[i].name, name) && h[i].mentions == mentions, "speaker %zu: %s x%u, want %s x%u", i,
            h[i].name, h[i].mentions, name, mentions);
    }
    ck_assert_msg(n == i, "%zu speakers, want %zu (first extra: %s)", n, i, n > i ? h[i].name : "");
    if (!n)
        ck_assert_ptr_null(h);
    lg_speakers_free(h, n);
}

static void assert_speakers(const char *const *lines, ...)
{
    lg_page page;
    va_list ap;
    page_of(&page, lines);
    va_start(ap, lines);
    assert_page_speakers(&page, ap);
    va_end(ap);
    lg_page_free(&page);
}

START_TEST(name_then_verb)
{
    assert_speakers(LINES("Anna Lindqvist said the vote would be held in May."), "Anna Lindqvist", 1u, NULL);
    assert_speakers(LINES("Anna Lindqvist has also firmly insisted that the vote was fair."), "Anna Lindqvist", 1u, NULL);
}
END_TEST

START_TEST(verb_then_name)
{
    assert_speakers(LINES("“We are ready,” said Anna Lindqvist."), "Anna Lindqvist", 1u, NULL);
    assert_speakers(LINES("The vote was fair, according to Anna Lindqvist."), "Anna Lindqvist", 1u, NULL);
    assert_speakers(LINES("Anna Lindqvist said the vote was fair.", "It was calm too, according to her."), "Anna Lindqvist",
        2u, NULL);
    /* The name's aide spoke, not the name. */
    assert_speakers(LINES("“We are ready,” said Ivan Petrov's aide."), NULL);
    /* Inverted only after a quote or a comma: here the name is the object. */
    assert_speakers(LINES("The clerks told Anna Lindqvist nothing."), NULL);
}
END_TEST

START_TEST(titles_and_surnames)
{
    assert_speakers(LINES("Russian Foreign Minister Ivan Petrov said on Monday that the talks would go on.",
                        "Petrov added that the next round was planned for June."),
        "Ivan Petrov", 2u, NULL);
    /* The surname may come first. */
    assert_speakers(LINES("Petrov said the talks would go on.", "Later, Ivan Petrov stressed the point."), "Ivan Petrov",
        2u, NULL);
}
END_TEST

START_TEST(name_keys_merge)
{
    assert_speakers(LINES("Sergey Orlov stated that the border was calm.", "Sergei Orlov added that it would stay so."),
        "Sergey Orlov", 2u, NULL);
    /* The longest form names the person. */
    assert_speakers(LINES("Sergey Orlov said the border was calm.", "Sergey Viktorovich Orlov added more."),
        "Sergey Viktorovich Orlov", 2u, NULL);
    /* A surname stands for the full name, even one given later. */
    assert_speakers(LINES("Orlov said the border was calm.", "Sergei Orlov added more."), "Sergei Orlov", 2u, NULL);
    /* A surname written first. */
    assert_speakers(LINES("Chinese Foreign Minister Wang Liqun arrived.", "Wang said the talks were useful."), "Wang Liqun",
        1u, NULL);
    /* Of two people sharing it, the one named last. */
    assert_speakers(LINES("Anna Holm arrived.", "Lars Holm met reporters.", "Holm said the talks were useful."),
        "Lars Holm", 1u, NULL);
}
END_TEST

START_TEST(pronouns)
{
    /* He is the last speaker, not the last name. */
    assert_speakers(LINES("Ivan Petrov said the talks would go on.", "He welcomed President Mark Dunn's efforts.",
                        "He noted that progress had been made."),
        "Ivan Petrov", 2u, NULL);
    /* Before anyone has spoken, the last named office holder. */
    assert_speakers(LINES("Observers met Russian Foreign Minister Ivan Petrov.", "He said the talks would go on."),
        "Ivan Petrov", 1u, NULL);
    assert_speakers(LINES("He said the talks would go on."), NULL);
    assert_speakers(LINES("Ivan Petrov said the talks were useful, and he added that more would follow."), "Ivan Petrov",
        2u, NULL);
}
END_TEST

START_TEST(titles_resolve_to_holders)
{
    assert_speakers(LINES("Russian Foreign Minister Ivan Petrov met spokeswoman Olga Markova.",
                        "The spokeswoman insisted that the visit was routine.",
                        "The minister countered that it was not.", "Russia's top diplomat warned against haste."),
        "Ivan Petrov", 2u, "Olga Markova", 1u, NULL);
    /* The foreign minister is not the prime minister named after him. */
    assert_speakers(LINES("Russian Foreign Minister Ivan Petrov met Prime Minister Lars Holm.",
                        "The foreign minister said the visit was routine.", "The prime minister added nothing."),
        "Ivan Petrov", 1u, "Lars Holm", 1u, NULL);
    /* Of two holders, the one who just spoke. */
    assert_speakers(LINES("Egyptian Foreign Minister Omar Farid met Israeli Foreign Minister Yoav Adler.",
                        "Farid said the talks were useful.", "The foreign minister added that more would follow."),
        "Omar Farid", 2u, NULL);
    /* Titles with "of" and "and"; "External Affairs" is foreign affairs. */
    assert_speakers(LINES("Minister of International Relations and Cooperation Thandiwe Mokoena told reporters so.",
                        "The minister added more."),
        "Thandiwe Mokoena", 2u, NULL);
    assert_speakers(LINES("Indian External Affairs Minister Anand Raghavan met Finance Minister Ravi Iyer.",
                        "The foreign minister said more."),
        "Anand Raghavan", 1u, NULL);
    /* "President-elect" is a title, not a first name. */
    assert_speakers(LINES("US President-elect Mark Dunn arrived.", "The president said the visit was useful."),
        "Mark Dunn", 1u, NULL);
    /* An office nobody was named to. */
    assert_speakers(LINES("Ivan Petrov arrived.", "The spokeswoman said the visit was routine."), NULL);
    /* Not definite: any diplomat. */
    assert_speakers(LINES("Russian Foreign Minister Ivan Petrov arrived.", "A Russian diplomat said the visit was routine."),
        NULL);
}
END_TEST

START_TEST(appositions_and_asides)
{
    assert_speakers(LINES("The Russian Foreign Minister, Ivan Petrov, has assured reporters that the talks go on.",
                        "The foreign minister explained why."),
        "Ivan Petrov", 2u, NULL);
    assert_speakers(LINES("Their host, Ivan Petrov, has assured reporters that the talks go on."), "Ivan Petrov", 1u, NULL);
    assert_speakers(LINES("President Mark Dunn arrived.", "Dunn, in a televised address, declared that sanctions stay."),
        "Mark Dunn", 1u, NULL);
    assert_speakers(LINES("President Mark Dunn arrived.", "Dunn has, in a televised address, declared that sanctions stay."),
        "Mark Dunn", 1u, NULL);
    assert_speakers(LINES("Mark Dunn, asked about the remarks during a stop in Warsaw on Monday, said sanctions stay."),
        "Mark Dunn", 1u, NULL);
    assert_speakers(LINES("Ivan Petrov, however, said so."), "Ivan Petrov", 1u, NULL);
    assert_speakers(LINES("He met Mark Dunn, who had called the plan a “dead end”."), "Mark Dunn", 1u, NULL);
}
END_TEST

START_TEST(called_needs_a_quote)
{
    assert_speakers(LINES("Mark Dunn called the meeting productive."), NULL);
    assert_speakers(LINES("Mark Dunn called the meeting “productive”."), "Mark Dunn", 1u, NULL);
}
END_TEST

START_TEST(not_people)
{
    assert_speakers(LINES("Moscow said the border was calm.", "The Kremlin said the same.", "NATO stated otherwise.",
                        "TASS said nothing.", "Ukraine argued that it was not."),
        NULL);
    /* A capital at a sentence's start proves nothing; inside one it does. */
    assert_speakers(LINES("Officials said the border was calm."), NULL);
    assert_speakers(LINES("The delegation was led by Haugen.", "Haugen said the border was calm."), "Haugen", 1u, NULL);
    /* "Mr." and initials end no sentence, so Haugen is inside one. */
    assert_speakers(LINES("The delegation was led by Mr. Haugen and J. Berg.", "Haugen said the border was calm.",
                        "Berg said the same."),
        "Haugen", 1u, "Berg", 1u, NULL);
    /* Capitals are an acronym, not a name. */
    assert_speakers(LINES("Observers from the OSCE said the vote was fair."), NULL);
    /* Four capitalised words are a headline, not a name, nor a full name
     * for its last word. */
    assert_speakers(LINES("The report by Kari Nordmann Haugen Berg said little."), NULL);
    assert_speakers(LINES("The report by Kari Nordmann Haugen Berg was read.", "Berg said little."), NULL);
}
END_TEST

START_TEST(quotes_are_not_attributions)
{
    assert_speakers(LINES("President Mark Dunn arrived.",
                        "“As Dunn said last year, we will not give up,” Ivan Petrov said."),
        "Ivan Petrov", 1u, NULL);
    assert_speakers(LINES("«Как сказал Марк Данн, мы не сдадимся», — заявил Иван Петров."), "Иван Петров", 1u, NULL);
}
END_TEST

START_TEST(no_speech)
{
    assert_speakers(LINES("Ivan Petrov's remarks drew criticism."), NULL);
    assert_speakers(LINES("Ivan Petrov responded to Mark Dunn's comment."), "Ivan Petrov", 1u, NULL);
    /* Capitalised, "Remarks" is a headline's noun. */
    assert_speakers(LINES("Anna Lindqvist Remarks on the Vote"), NULL);
    assert_speakers(LINES(NULL), NULL);
}
END_TEST

START_TEST(russian)
{
    /* A declined surname is the full name learnt for it. */
    assert_speakers(LINES("Министр иностранных дел России Иван Петров заявил, что переговоры продолжатся.",
                        "Он отметил, что сроков нет.",
                        "«Мы готовы», — сказала официальный представитель МИД России Ольга Маркова.",
                        "По словам Петрова, встреча прошла хорошо."),
        "Иван Петров", 3u, "Ольга Маркова", 1u, NULL);
    /* With none learnt, it stays as written. */
    assert_speakers(LINES("Встреча прошла в Осло.", "По словам Сидорова, она прошла хорошо."), "Сидорова", 1u, NULL);
    /* A name in the instrumental is no subject: the clause's first is. */
    assert_speakers(LINES("Министр иностранных дел КНР Ван Лицюнь по итогам переговоров с коллегой Иваном Петровым "
                        "заявил, что встреча прошла хорошо.",
                        "По словам Вана, сроков нет."),
        "Ван Лицюнь", 2u, NULL);
    assert_speakers(LINES("Он прокомментировал слова министра Ивана Петрова, который накануне говорил о сроках."),
        "Ивана Петрова", 1u, NULL);
    /* Titles put their head first; Russian needs no article. */
    assert_speakers(LINES("Глава МИД России Иван Петров прибыл в Анкару.", "Министр иностранных дел подчеркнул, что сроков нет."),
        "Иван Петров", 1u, NULL);
    /* Russian puts the name after the verb anywhere. */
    assert_speakers(LINES("Об этом заявил Иван Петров."), "Иван Петров", 1u, NULL);
}
END_TEST

START_TEST(clause_subjects)
{
    /* "and said" shares the clause's subject. */
    assert_speakers(LINES("In Oslo, ministry spokesman Nils Berg dismissed the remarks and said the border was calm."),
        "Nils Berg", 1u, NULL);
    assert_speakers(LINES("Russian Foreign Minister Ivan Petrov arrived.",
                        "The minister wanted allies to list Norway's Coastal Guard and said it was time."),
        "Ivan Petrov", 1u, NULL);
    /* Not a name after an article or a preposition. */
    assert_speakers(LINES("Ivan Petrov said the talks were useful.",
                        "He added that the Black Sea was calm and said more."),
        "Ivan Petrov", 3u, NULL);
    assert_speakers(LINES("After talks with Mark Dunn in Oslo and said nothing."), NULL);
    assert_speakers(LINES("In the Black Sea, officials waited and said nothing."), NULL);
    /* A pronoun is the clause's subject before the last speaker. */
    assert_speakers(LINES("Anna Lindqvist said the deal was fair.", "Ivan Petrov praised what he called “a fair deal”."),
        "Anna Lindqvist", 1u, "Ivan Petrov", 1u, NULL);
    /* …and the last sentence's subject before the last speaker. */
    assert_speakers(LINES("Mark Dunn said the deal was fair.", "Ivan Petrov rejected that.", "He said it was not."),
        "Mark Dunn", 1u, "Ivan Petrov", 1u, NULL);
    /* The speaker, not a name before it, nor an earlier subject. */
    assert_speakers(LINES("After meeting Mark Dunn, Ivan Petrov said the deal was fair.", "He added more."),
        "Ivan Petrov", 2u, NULL);
    assert_speakers(LINES("Mark Dunn said the deal was fair.", "Observers were told: “It is not,” said Ivan Petrov.",
                        "He added more."),
        "Ivan Petrov", 2u, "Mark Dunn", 1u, NULL);
    /* A lone capitalised word is no antecedent. */
    assert_speakers(LINES("Mark Dunn said the deal was fair.", "Also: Monsoon covers the whole country early.",
                        "He said it was not."),
        "Mark Dunn", 2u, NULL);
}
END_TEST

START_TEST(interviews)
{
    const char *q = "The Fjord Review: Minister, what has changed since last year in the north?";
    assert_speakers(LINES("An interview with Annette Brauer", q, "Annette Brauer: What has changed is that we now read "
                                                                 "the documents."),
        "Annette Brauer", 1u, NULL);
    /* Named only there: a heading, not a person. */
    assert_speakers(LINES(q, "Annette Brauer: What has changed is that we now read the documents."), NULL);
    /* No answer after it. */
    assert_speakers(LINES("An interview with Annette Brauer", "Annette Brauer: Yes."), NULL);
    /* A surname alone stands for the full name. */
    assert_speakers(LINES("An interview with Annette Brauer", "Brauer: What has changed is that we now read them."),
        "Annette Brauer", 1u, NULL);
}
END_TEST

START_TEST(ranking)
{
    assert_speakers(LINES("Anna Lindqvist said the vote was fair.", "Ivan Petrov said it was not.",
                        "Mark Dunn said nothing.", "Ivan Petrov added a warning."),
        "Ivan Petrov", 2u, "Anna Lindqvist", 1u, "Mark Dunn", 1u, NULL);
    /* Ties go to the first to speak, not the first named. */
    assert_speakers(LINES("President Mark Dunn arrived.", "Anna Lindqvist said the vote was fair.", "Dunn said it was not."),
        "Anna Lindqvist", 1u, "Mark Dunn", 1u, NULL);
}
END_TEST

START_TEST(kept_blocks_only)
{
    lg_page page;
    page_of(&page, LINES("Anna Lindqvist said the vote was fair.", "Ivan Petrov said it was not."));
    page.blocks[0].keep = 0;
    page.blocks[0].why = "related";
    lg_speaker_hit *h;
    size_t n;
    ck_assert_int_eq(lg_extract_speakers(&page, &h, &n), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(h[0].name, "Ivan Petrov");
    lg_speakers_free(h, n);
    /* keep 0 without a reason: cleaning has not run. */
    page.blocks[0].why = NULL;
    ck_assert_int_eq(lg_extract_speakers(&page, &h, &n), 0);
    ck_assert_uint_eq(n, 2);
    lg_speakers_free(h, n);
    lg_page_free(&page);
}
END_TEST

static int has_key(const char *name, const char *key)
{
    char k[128];
    return lg_name_key(name, strlen(name), k, sizeof k) > 0 && !strcmp(k, key);
}

/* The index of the speaker with this key, or n. */
static size_t find(const lg_speaker_hit *h, size_t n, const char *key)
{
    size_t i = 0;
    while (i < n && !has_key(h[i].name, key))
        i++;
    return i;
}

START_TEST(seeds)
{
    static const struct {
        const char *file, *also; /* a second speaker's key, or NULL */
    } want[] = {
        {"000_ab6bb1f29b8f6bc5.txt", "donald trump"}, {"001_62f661980b8ad871.txt", NULL},
        {"002_f61def2bc9a4bed0.txt", NULL},           {"003_44361a8531b9948d.txt", "keith kellogg"},
        {"004_e8c721404cd4e219.txt", NULL},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        lg_page page;
        lg_speaker_hit *h;
        size_t n;
        if (lg_test_seed_page(want[i].file, 1, &page) != 0)
            return;
        ck_assert_int_eq(lg_extract_speakers(&page, &h, &n), 0);
        ck_assert_msg(n > 0 && has_key(h[0].name, "sergei lavrov"), "%s: top speaker %s", want[i].file,
            n ? h[0].name : "(none)");
        size_t also = want[i].also ? find(h, n, want[i].also) : 1;
        ck_assert_msg(also < n || !want[i].also, "%s: no %s", want[i].file, want[i].also);
        ck_assert_msg(also >= n || h[also].mentions < h[0].mentions, "%s: %s as often as Lavrov", want[i].file,
            want[i].also);
        /* The host who asked, the president he met and the photo agency never speak. */
        ck_assert_uint_eq(find(h, n, "margaret brennan"), n);
        ck_assert_uint_eq(find(h, n, "vladimir putin"), n);
        ck_assert_uint_eq(find(h, n, "reuters"), n);
        ck_assert_uint_eq(n, 1 + (want[i].also != NULL));
        lg_speakers_free(h, n);
        lg_page_free(&page);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("speakers");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, name_then_verb);
    tcase_add_test(tc, verb_then_name);
    tcase_add_test(tc, titles_and_surnames);
    tcase_add_test(tc, name_keys_merge);
    tcase_add_test(tc, pronouns);
    tcase_add_test(tc, titles_resolve_to_holders);
    tcase_add_test(tc, appositions_and_asides);
    tcase_add_test(tc, called_needs_a_quote);
    tcase_add_test(tc, not_people);
    tcase_add_test(tc, quotes_are_not_attributions);
    tcase_add_test(tc, no_speech);
    tcase_add_test(tc, russian);
    tcase_add_test(tc, clause_subjects);
    tcase_add_test(tc, interviews);
    tcase_add_test(tc, ranking);
    tcase_add_test(tc, kept_blocks_only);
    tcase_add_test(tc, seeds);
    suite_add_tcase(s, tc);
    return lg_test_run(s);
}
