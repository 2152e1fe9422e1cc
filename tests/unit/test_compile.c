/*
 * test_compile.c — queries as Xapian sees them (golden descriptions), and
 * real searches over a small database indexed with the same term scheme.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "strbuf.h"
#include "testutil.h"

static lg_stemmer *stemmer;

static void stemmer_setup(void)
{
    stemmer = lg_stemmer_new();
    ck_assert_ptr_nonnull(stemmer);
}

static void stemmer_teardown(void)
{
    lg_stemmer_free(stemmer);
    stemmer = NULL;
}

static lg_qnode *parse(const char *q)
{
    lg_qnode *n = NULL;
    lg_qerror err;
    ck_assert_msg(lg_query_parse(q, &n, &err) == 0, "%s: %s", q, err.message);
    return n;
}

/* The compiled query for q (NULL: none) and f; *ranked if asked. */
static xs_query *compile(const char *q, const lg_filters *f, int *ranked)
{
    lg_qnode *n = q ? parse(q) : NULL;
    xs_query *x = NULL;
    lg_qerror err;
    int r;
    ck_assert_msg(lg_query_compile(n, f, stemmer, &x, &r, &err) == 0, "%s: %s", q ? q : "(no query)", err.message);
    lg_qnode_free(n);
    if (ranked)
        *ranked = r;
    return x;
}

static void assert_compiles_to(const char *q, const lg_filters *f, const char *want)
{
    xs_query *x = compile(q, f, NULL);
    char *d = xs_query_describe(x);
    ck_assert_msg(strcmp(d, want) == 0, "%s:\n got  %s\n want %s", q ? q : "(null)", d, want);
    free(d);
    xs_query_free(x);
}

/* ---- golden descriptions --------------------------------------------- */

typedef struct {
    const char *query;
    const char *xapian;
} golden;

/* A word without a field: in all the text, and in the title weighted
 * LG_TITLE_WEIGHT (0.2, as Xapian prints it). */
#define TW "0.2000000000000000111 * "
#define W(stem) "(Z" stem " OR " TW "ZXT:" stem ")"

static const golden goldens[] = {
    /* words: the stem, or exactly when not stemmed */
    {"negotiate", "Query(" W("negoti") ")"},
    {"Negotiations", "Query(" W("negoti") ")"},
    {"2024", "Query((2024 OR " TW "XT:2024))"},
    {"Russia's", "Query(" W("russia") ")"},
    {"переговоры", "Query(" W("переговор") ")"},
    {"title:talks", "Query(ZXT:talk)"},
    /* a hyphenated word is the phrase of its exact parts */
    {"anti-constitutional",
     "Query(((anti PHRASE 2 constitutional) OR " TW "(XT:anti PHRASE 2 XT:constitutional)))"},
    {"Russia’s-backed", "Query(((russia's PHRASE 2 backed) OR " TW "(XT:russia's PHRASE 2 XT:backed)))"},
    /* phrases: exact, adjacent, in order */
    {"\"peace talks\"", "Query((peace PHRASE 2 talks))"},
    {"\"Talks\"", "Query(talks)"},
    {"title:\"peace talks\"", "Query((XT:peace PHRASE 2 XT:talks))"},
    /* wildcards */
    {"Negot*", "Query(WILDCARD MAX negot)"},
    {"title:negot*", "Query(WILDCARD MAX XT:negot)"},
    /* NEAR/n: window n + words - 1 */
    {"peace NEAR/1 talks", "Query((peace NEAR 2 talks))"},
    {"peace NEAR talks", "Query((peace NEAR 11 talks))"},
    {"\"peace talks\" NEAR/3 Ukraine", "Query((peace NEAR 5 talks NEAR 5 ukraine))"},
    {"title:a NEAR/2 title:b", "Query((XT:a NEAR 3 XT:b))"},
    /* side by side: any, and all of them weighted again; AND, OR, NOT, + */
    {"peace talks", "Query(((" W("peac") " AND " W("talk") ") OR (" W("peac") " OR " W("talk") ")))"},
    {"peace AND talks", "Query((" W("peac") " AND " W("talk") "))"},
    {"+peace talks", "Query((" W("peac") " AND_MAYBE " W("talk") "))"},
    {"+peace +talks", "Query((" W("peac") " AND " W("talk") "))"},
    {"+peace +talks war",
     "Query(((" W("peac") " AND " W("talk") ") AND_MAYBE " W("war") "))"},
    {"peace OR talks", "Query((" W("peac") " OR " W("talk") "))"},
    {"peace -talks", "Query((" W("peac") " AND_NOT " W("talk") "))"},
    {"peace -talks -war", "Query((" W("peac") " AND_NOT (" W("talk") " OR " W("war") ")))"},
    {"NOT talks", "Query((<alldocuments> AND_NOT " W("talk") "))"},
    {"-talks -war", "Query((<alldocuments> AND_NOT (" W("talk") " OR " W("war") ")))"},
    {"peace OR -talks", "Query((" W("peac") " OR (<alldocuments> AND_NOT " W("talk") ")))"},
    /* filters weigh nothing */
    {"outlet:TASS", "Query(0 * XO:tass)"},
    {"outlet:ТАСС", "Query(0 * XO:tass)"},
    {"outlet:\"RIA Novosti\"", "Query(0 * XO:ria novosti)"},
    {"speaker:\"Сергей Лавров\"", "Query(0 * (XS:sergei AND XS:lavrov))"},
    {"lang:EN", "Query(0 * XL:en)"},
    {"talks outlet:tass", "Query((" W("talk") " FILTER 0 * XO:tass))"},
    {"outlet:tass talks -war", "Query(((" W("talk") " FILTER 0 * XO:tass) AND_NOT " W("war") "))"},
    {"outlet:tass lang:ru", "Query((0 * XO:tass FILTER 0 * XL:ru))"},
    {"-war outlet:tass", "Query((0 * XO:tass AND_NOT " W("war") "))"},
    {"talks (outlet:tass OR outlet:ria)", "Query((" W("talk") " FILTER (0 * XO:tass OR 0 * XO:ria)))"},
    /* dates: the periods' bounds in the date slot (Xapian drops the scale
     * from a value range, which has no weight to scale) */
    {"date:2024-05", "Query(VALUE_RANGE 0 20240500 20240599)"},
    {"date:2024-06-01..2024-12", "Query(VALUE_RANGE 0 20240601 20241299)"},
    {"date:2024..", "Query(VALUE_GE 0 20240000)"},
    {"date:..2024-12-31", "Query(VALUE_LE 0 20241231)"},
    {"talks date:2024", "Query((" W("talk") " FILTER VALUE_RANGE 0 20240000 20249999))"},
    /* undated: everything without a date value */
    {"date:none", "Query(0 * (<alldocuments> AND_NOT VALUE_GE 0 0))"},
    /* quotations within articles */
    {"quote:talks", "Query(ZXQ:talk)"},
};

START_TEST(test_golden)
{
    assert_compiles_to(goldens[_i].query, NULL, goldens[_i].xapian);
}
END_TEST

START_TEST(test_cmdline_filters)
{
    const char *outlets[] = {"TASS", "RIA Novosti"};
    const char *speakers[] = {"Sergey Lavrov"};
    const char *langs[] = {"RU"};
    lg_filters f = {.outlets = outlets, .n_outlets = 2, .speakers = speakers, .n_speakers = 1,
                    .langs = langs, .n_langs = 1, .kind = "article"};
    lg_date_parse_iso("2024-06", 7, &f.since, NULL);
    lg_date_parse_iso("2024-12", 7, &f.until, NULL);
    assert_compiles_to("talks", &f,
                       "Query((" W("talk") " FILTER (0 * (XO:tass OR XO:ria novosti) AND "
                       "0 * (XS:sergei AND XS:lavrov) AND 0 * XL:ru AND 0 * XK:article AND "
                       "VALUE_RANGE 0 20240600 20241299)))");

    lg_filters only_until = {0};
    lg_date_parse_iso("2024", 4, &only_until.until, NULL);
    assert_compiles_to(NULL, &only_until, "Query((<alldocuments> FILTER VALUE_LE 0 20249999))");
    assert_compiles_to(NULL, NULL, "Query(<alldocuments>)");
    lg_filters none = {0};
    assert_compiles_to("talks", &none, "Query(" W("talk") ")");
}
END_TEST

/* With the other kind given, a query with words leaves that kind out
 * (cheap: its docids lie past every match); without words, or with a date
 * filter, it keeps its own kind. */
START_TEST(test_other_kind)
{
    lg_filters f = {.kind = "article", .other_kind = "quote"};
    assert_compiles_to("talks", &f, "Query((" W("talk") " AND_NOT XK:quote))");
    const char *langs[] = {"ru"};
    f.langs = langs, f.n_langs = 1;
    assert_compiles_to("talks", &f, "Query(((" W("talk") " FILTER 0 * XL:ru) AND_NOT XK:quote))");
    assert_compiles_to(NULL, &f, "Query((<alldocuments> FILTER (0 * XL:ru AND 0 * XK:article)))");
    lg_filters dated = {.kind = "article", .other_kind = "quote"};
    lg_date_parse_iso("2024", 4, &dated.since, NULL);
    assert_compiles_to("talks", &dated,
                       "Query((" W("talk") " FILTER (0 * XK:article AND VALUE_GE 0 20240000)))");
}
END_TEST

START_TEST(test_ranked)
{
    static const struct {
        const char *query;
        int ranked;
    } cases[] = {
        {"talks", 1}, {"\"peace talks\"", 1}, {"negot*", 1}, {"a NEAR b", 1},
        {"outlet:tass", 0}, {"date:2024", 0}, {"NOT talks", 0}, {"-talks outlet:tass", 0},
        {"outlet:tass OR talks", 1}, {"-(talks OR peace) lang:en", 0}, {NULL, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int ranked = -1;
        xs_query_free(compile(cases[i].query, NULL, &ranked));
        ck_assert_msg(ranked == cases[i].ranked, "%s", cases[i].query);
    }
}
END_TEST

static void assert_compile_error(const char *q, const lg_filters *f, size_t column,
                                 const char *message)
{
    lg_qnode *n = q ? parse(q) : NULL;
    xs_query *x = (xs_query *)1;
    lg_qerror err;
    int ranked;
    ck_assert_int_eq(lg_query_compile(n, f, stemmer, &x, &ranked, &err), -1);
    ck_assert_ptr_null(x);
    ck_assert_str_eq(err.message, message);
    ck_assert_uint_eq(err.column, column);
    lg_qnode_free(n);
}

START_TEST(test_errors)
{
    assert_compile_error("—", NULL, 1, "nothing to search for (no letters or digits) at column 1");
    assert_compile_error("Лавров «»", NULL, 8,
                         "nothing to search for (no letters or digits) at column 8");
    assert_compile_error("a (b OR \"« »\")", NULL, 9,
                         "nothing to search for (no letters or digits) at column 9");
    assert_compile_error("a NEAR/2 ...", NULL, 10,
                         "nothing to search for (no letters or digits) at column 10");
    assert_compile_error("x anti-war*", NULL, 3, "a wildcard must be one word at column 3");
    assert_compile_error("outlet:--", NULL, 1, "outlet value has no letters or digits at column 1");
    const char *speakers[] = {"Lavrov", "!!!"};
    lg_filters f = {.speakers = speakers, .n_speakers = 2};
    assert_compile_error("talks", &f, 0, "speaker value has no letters or digits");
}
END_TEST

/* ---- highlighting ---------------------------------------------------- */

static void add_hl(void *ctx, const char *term, size_t len, int stemmed)
{
    lg_sb *sb = ctx;
    lg_sb_addf(sb, "%s%.*s/%d", sb->len ? " " : "", (int)len, term, stemmed);
}

static void assert_highlights(const char *q, const char *want)
{
    lg_qnode *n = q ? parse(q) : NULL;
    lg_sb sb = LG_SB_INIT;
    lg_query_highlight_terms(n, stemmer, add_hl, &sb);
    ck_assert_str_eq(sb.buf, want);
    lg_sb_release(&sb);
    lg_qnode_free(n);
}

START_TEST(test_highlight)
{
    assert_highlights("Negotiations", "negoti/1");
    assert_highlights("2024 переговоры", "2024/0 переговор/1");
    assert_highlights("anti-war \"Peace talks\"", "anti/0 war/0 peace/0 talks/0");
    assert_highlights("negot* OR talks NEAR/3 \"peace deal\"",
                      "negot/0 talks/0 peace/0 deal/0");
    assert_highlights("talks -ceasefire NOT (war OR truce) outlet:tass date:2024", "talk/1");
    assert_highlights("title:Talks", "talk/1");
    assert_highlights(NULL, "");
}
END_TEST

/* ---- real searches --------------------------------------------------- */

typedef struct {
    const char *title, *text, *outlet, *speaker, *lang, *date;
} article;

/* Ids 1..4. */
static const article articles[] = {
    {"Lavrov on talks",
     "Russia is ready for negotiations with Ukraine, Lavrov said. The peace talks will resume.",
     "TASS", "Sergey Lavrov", "en", "2024-05-21"},
    {NULL, "Talks about peace were not held. The anti-constitutional coup was condemned.",
     "RIA Novosti", "Maria Zakharova", "en", "2024-06"},
    {NULL, "Лавров заявил о готовности к переговорам с Украиной.",
     "ТАСС", "Сергей Лавров", "ru", "2024-07-02"},
    {NULL, "The ceasefire talks stalled; negotiators blamed the West for the peace deal failure.",
     "RIA Novosti", "Maria Zakharova", "en", "2023-12-01"},
};

/* Title positions are kept apart from the body's, as the indexer does. */
#define BODY_BASE 100

typedef struct {
    xs_doc *doc;
    const char *prefix;
    uint32_t base;
} text_ctx;

static void add(xs_doc *doc, const char *a, const char *b, const char *c, size_t clen,
                uint32_t pos)
{
    lg_sb sb = LG_SB_INIT;
    lg_sb_adds(&sb, a);
    lg_sb_adds(&sb, b);
    lg_sb_add(&sb, c, clen);
    xs_status st = pos ? xs_doc_add_posting(doc, sb.buf, sb.len, pos)
                       : xs_doc_add_term(doc, sb.buf, sb.len, 1);
    ck_assert_int_eq(st, XS_OK);
    lg_sb_release(&sb);
}

/* The scheme of fields.def: P+token at its position, "Z"+P+stem. */
static int index_token(void *ctx, const lg_token *tok)
{
    text_ctx *t = ctx;
    add(t->doc, "", t->prefix, tok->term, tok->len, t->base + tok->pos);
    size_t len;
    const char *stem = lg_stem(stemmer, tok, &len);
    if (stem)
        add(t->doc, "Z", t->prefix, stem, len, 0);
    return 0;
}

static void index_text(xs_doc *doc, lg_field_id id, const char *text, uint32_t base)
{
    text_ctx t = {doc, lg_field_get(id)->xprefix, base};
    if (text)
        ck_assert_int_eq(lg_tokenize(text, strlen(text), index_token, &t), 0);
}

static void add_boolean(xs_doc *doc, lg_field_id id, const char *value, size_t len)
{
    lg_sb sb = LG_SB_INIT;
    lg_sb_adds(&sb, lg_field_get(id)->xprefix);
    lg_sb_add(&sb, value, len);
    ck_assert_int_eq(xs_doc_add_boolean(doc, sb.buf, sb.len), XS_OK);
    lg_sb_release(&sb);
}

static void add_filters(xs_doc *doc, const article *a)
{
    char key[256], slot[9];
    int n = lg_name_key(a->outlet, strlen(a->outlet), key, sizeof key);
    add_boolean(doc, LG_F_OUTLET, key, (size_t)n);
    n = lg_name_key(a->speaker, strlen(a->speaker), key, sizeof key);
    for (char *w = strtok(key, " "); w; w = strtok(NULL, " "))
        add_boolean(doc, LG_F_SPEAKER, w, strlen(w));
    add_boolean(doc, LG_F_LANG, a->lang, strlen(a->lang));
    add_boolean(doc, LG_F_KIND, "article", 7);
    lg_date d;
    ck_assert_int_eq(lg_date_parse_iso(a->date, strlen(a->date), &d, NULL), 0);
    lg_date_slot(&d, slot);
    ck_assert_int_eq(xs_doc_set_value(doc, lg_field_get(LG_F_DATE)->slot, slot, 8), XS_OK);
}

static char *dbdir;
static xs_db *db;

static void db_setup(void)
{
    stemmer_setup();
    dbdir = lg_test_tmpdir();
    ck_assert_ptr_nonnull(dbdir);
    ck_assert_int_eq(xs_db_open(dbdir, XS_OPEN_CREATE, &db), XS_OK);
    for (size_t i = 0; i < sizeof articles / sizeof articles[0]; i++) {
        const article *a = &articles[i];
        xs_doc *doc;
        ck_assert_int_eq(xs_doc_new(&doc), XS_OK);
        index_text(doc, LG_F_TITLE, a->title, 0);
        index_text(doc, LG_F_TEXT, a->title, 0);
        index_text(doc, LG_F_TEXT, a->text, BODY_BASE);
        add_filters(doc, a);
        ck_assert_int_eq(xs_db_replace(db, i + 1, doc), XS_OK);
        xs_doc_free(doc);
    }
    ck_assert_int_eq(xs_db_commit(db), XS_OK);
}

static void db_teardown(void)
{
    xs_db_close(db);
    db = NULL;
    lg_test_rmdir(dbdir);
    free(dbdir);
    dbdir = NULL;
    stemmer_teardown();
}

static xs_results *search(const char *q, const lg_filters *f)
{
    xs_query *x = compile(q, f, NULL);
    xs_search_opts opts;
    xs_search_opts_init(&opts);
    opts.limit = 100;
    xs_results *r;
    ck_assert_int_eq(xs_db_search(db, x, &opts, &r), XS_OK);
    xs_query_free(x);
    return r;
}

/* The matching ids, ascending: "1 3". */
static void assert_finds(const char *q, const lg_filters *f, const char *want)
{
    xs_results *r = search(q, f);
    char ids[64] = "";
    for (uint64_t id = 1; id <= 4; id++)
        for (size_t i = 0; i < xs_results_size(r); i++)
            if (xs_results_docid(r, i) == id)
                snprintf(ids + strlen(ids), sizeof ids - strlen(ids), "%s%llu",
                         ids[0] ? " " : "", (unsigned long long)id);
    ck_assert_msg(strcmp(ids, want) == 0, "%s: found \"%s\", want \"%s\"", q, ids, want);
    xs_results_free(r);
}

START_TEST(test_stemming)
{
    assert_finds("negotiate", NULL, "1 4");
    assert_finds("переговоры", NULL, "3");
    assert_finds("Украина готовность", NULL, "3");
    assert_finds("talk", NULL, "1 2 4");
}
END_TEST

START_TEST(test_phrases)
{
    assert_finds("peace talks", NULL, "1 2 4");
    assert_finds("\"peace talks\"", NULL, "1");
    assert_finds("\"talks peace\"", NULL, "");
    assert_finds("\"negotiation\"", NULL, "");
    assert_finds("anti-constitutional", NULL, "2");
    assert_finds("constitutional-anti", NULL, "");
}
END_TEST

START_TEST(test_near)
{
    /* 4: ceasefire(2) talks(3) stalled(4) ... West(8) for the peace(11) deal(12);
     * 1: peace talks; 2: Talks about peace */
    assert_finds("ceasefire NEAR/1 talks", NULL, "4");
    assert_finds("talks NEAR/1 ceasefire", NULL, "4");
    assert_finds("ceasefire NEAR/1 stalled", NULL, "");
    assert_finds("ceasefire NEAR/2 stalled", NULL, "4");
    assert_finds("stalled NEAR/2 ceasefire", NULL, "4");
    assert_finds("talks NEAR/7 peace", NULL, "1 2");
    assert_finds("talks NEAR/8 peace", NULL, "1 2 4");
    /* a phrase's second word counts in the window too */
    assert_finds("\"peace deal\" NEAR/3 West", NULL, "4");
    assert_finds("\"peace deal\" NEAR/2 West", NULL, "");
}
END_TEST

START_TEST(test_wildcard)
{
    assert_finds("negot*", NULL, "1 4");
    assert_finds("переговор*", NULL, "3");
    assert_finds("title:lav*", NULL, "1");
    assert_finds("zzz*", NULL, "");
}
END_TEST

START_TEST(test_fields)
{
    assert_finds("title:talks", NULL, "1");
    assert_finds("speaker:lavrov", NULL, "1 3");
    assert_finds("speaker:\"Sergei Lavrov\"", NULL, "1 3");
    assert_finds("speaker:\"Sergei Zakharova\"", NULL, "");
    assert_finds("outlet:tass", NULL, "1 3");
    assert_finds("outlet:\"RIA Novosti\" talks", NULL, "2 4");
    assert_finds("lang:RU", NULL, "3");
    assert_finds("date:2024-06", NULL, "2");
    assert_finds("date:2024", NULL, "1 2 3");
    assert_finds("date:2024-06..", NULL, "2 3");
    assert_finds("date:..2024-05-20", NULL, "4");
    assert_finds("NOT talks", NULL, "3");
    assert_finds("-outlet:tass", NULL, "2 4");
    assert_finds("peace OR -outlet:tass", NULL, "1 2 4");
}
END_TEST

/* An alias table maps a spelling's key to its entity's canonical key. */
static int resolve(void *ctx, lg_field_id field, const char *key, char *out, size_t cap)
{
    (void)ctx;
    if (field == LG_F_SPEAKER && strcmp(key, "m v zakharova") == 0) {
        snprintf(out, cap, "maria zakharova");
        return 1;
    }
    return 0;
}

START_TEST(test_aliases_and_undated)
{
    const char *speakers[] = {"M. V. Zakharova"};
    lg_filters f = {.speakers = speakers, .n_speakers = 1, .resolve = resolve};
    assert_compiles_to(NULL, &f, "Query((<alldocuments> FILTER 0 * (XS:maria AND XS:zakharova)))");
    assert_compiles_to("speaker:\"M. V. Zakharova\"", &f,
                       "Query((0 * (XS:maria AND XS:zakharova) FILTER "
                       "0 * (XS:maria AND XS:zakharova)))");
    assert_compiles_to("speaker:lavrov", &f, "Query((0 * XS:lavrov FILTER 0 * (XS:maria AND XS:zakharova)))");
    lg_filters undated = {.undated = 1};
    assert_compiles_to(NULL, &undated,
                       "Query((<alldocuments> FILTER 0 * (<alldocuments> AND_NOT VALUE_GE 0 0)))");
}
END_TEST

START_TEST(test_cmdline)
{
    const char *outlets[] = {"ТАСС", "nonexistent"};
    const char *langs[] = {"EN"};
    lg_filters f = {.outlets = outlets, .n_outlets = 2};
    assert_finds(NULL, &f, "1 3");
    f.langs = langs;
    f.n_langs = 1;
    assert_finds(NULL, &f, "1");
    lg_filters dates = {.kind = "article"};
    lg_date_parse_iso("2024-06", 7, &dates.since, NULL);
    assert_finds(NULL, &dates, "2 3");
    lg_date_parse_iso("2024-06", 7, &dates.until, NULL);
    assert_finds("peace", &dates, "2");
}
END_TEST

static double score_of(xs_results *r, uint64_t id)
{
    for (size_t i = 0; i < xs_results_size(r); i++)
        if (xs_results_docid(r, i) == id)
            return xs_results_score(r, i);
    ck_abort_msg("document %llu not found", (unsigned long long)id);
    return 0;
}

/* A filter restricts the matches and leaves every score as it was. */
START_TEST(test_filter_keeps_scores)
{
    const char *outlets[] = {"RIA Novosti"};
    lg_filters f = {.outlets = outlets, .n_outlets = 1, .kind = "article"};
    xs_results *plain = search("peace talks", NULL);
    xs_results *inline_filter = search("peace talks outlet:\"RIA Novosti\" date:2023..2024", NULL);
    xs_results *cmdline = search("peace talks", &f);
    ck_assert_uint_eq(xs_results_size(plain), 3);
    ck_assert_uint_eq(xs_results_size(inline_filter), 2);
    ck_assert_uint_eq(xs_results_size(cmdline), 2);
    for (uint64_t id = 2; id <= 4; id += 2) {
        ck_assert(score_of(plain, id) > 0);
        ck_assert_double_eq_tol(score_of(inline_filter, id), score_of(plain, id), 1e-9);
        ck_assert_double_eq_tol(score_of(cmdline, id), score_of(plain, id), 1e-9);
    }
    xs_results_free(plain);
    xs_results_free(inline_filter);
    xs_results_free(cmdline);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("compile");
    TCase *tc = tcase_create("compile");
    tcase_add_checked_fixture(tc, stemmer_setup, stemmer_teardown);
    tcase_add_loop_test(tc, test_golden, 0, sizeof goldens / sizeof goldens[0]);
    tcase_add_test(tc, test_cmdline_filters);
    tcase_add_test(tc, test_other_kind);
    tcase_add_test(tc, test_aliases_and_undated);
    tcase_add_test(tc, test_ranked);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_highlight);
    suite_add_tcase(s, tc);

    TCase *db_tc = tcase_create("search");
    tcase_add_checked_fixture(db_tc, db_setup, db_teardown);
    tcase_add_test(db_tc, test_stemming);
    tcase_add_test(db_tc, test_phrases);
    tcase_add_test(db_tc, test_near);
    tcase_add_test(db_tc, test_wildcard);
    tcase_add_test(db_tc, test_fields);
    tcase_add_test(db_tc, test_cmdline);
    tcase_add_test(db_tc, test_filter_keeps_scores);
    suite_add_tcase(s, db_tc);
    return s;
}

int main(void)
{
    return lg_test_run(suite());
}
