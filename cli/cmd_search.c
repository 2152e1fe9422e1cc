#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dbdir.h"
#include "err.h"
#include "format.h"
#include "search.h"
#include "strbuf.h"

#define SNIPPET_CHARS 240

#define QUERY_HELP \
    "Query: words, \"phrases\", AND, OR, NOT, -word, (groups), a NEAR/5 b, negot*,\n" \
    "  outlet:NAME, speaker:NAME, speaker:\"Sergey Lavrov\", lang:CODE, title:WORD,\n" \
    "  quote:WORD, date:2024, date:2024-05, date:2024-06-01..2024-12-31,\n" \
    "  date:2024-06.., date:..2024, date:none (undated)\n" \
    "\n" \
    "  --since DATE       on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)\n" \
    "  --until DATE       on or before the end of DATE's period\n" \
    "  --undated          only articles whose date is unknown\n" \
    "  --outlet NAME      only this outlet (repeat for any of several)\n" \
    "  --speaker NAME     only this speaker (repeat for any of several)\n" \
    "  --lang CODE        only this language (repeat for any of several)\n" \
    "  --sort ORDER       relevance | newest | oldest (default: relevance with\n" \
    "                     words, newest with filters only)\n" \
    "  --limit N          at most N results (default 10; 0 for all)\n" \
    "  --offset N         skip the first N results\n" \
    "  --format F         text | json | ndjson | csv | tsv (default text)\n" \
    "  --color WHEN       auto | always | never (text; NO_COLOR honoured)\n" \
    "  --db DIR           database directory (default $LEGATE_DB or ./legate.db)\n"

#define EXIT_HELP \
    "Exit: 0 results, 1 no results, 2 usage or query error, 3 database error,\n" \
    "4 output error.\n"

static const char search_help[] =
    "usage: legate search [OPTIONS] [QUERY...]\n"
    "\n"
    "Finds articles. Words are stemmed (negotiate finds negotiations); \"quoted\n"
    "phrases\" are exact. Bare words must all match (AND). quote:WORD finds\n"
    "articles with a quotation that matches.\n"
    "\n" QUERY_HELP "\n"
    "Fields of json/ndjson/csv/tsv: id, rank, score, date, date_precision, outlet,\n"
    "speaker, title, source, lang, snippet (see README, \"Output formats\").\n" EXIT_HELP;

static const char quotes_help[] =
    "usage: legate quotes [OPTIONS] [QUERY...]\n"
    "\n"
    "Finds quotations, each attributed to its speaker, ranked by relevance. With\n"
    "no query, every quotation that passes the filters. A quotation carried by\n"
    "several articles is one result with its occurrences and outlets.\n"
    "\n" QUERY_HELP
    "  --context N        add N sentences before and after each quotation\n"
    "  --no-collapse      one result per article carrying a quotation\n"
    "\n"
    "Fields of json/ndjson/csv/tsv: quote_id, article_id, rank, score, date,\n"
    "outlet, speaker, speaker_confidence, quote, partial, context, title, source,\n"
    "occurrences, outlets (see README, \"Output formats\").\n" EXIT_HELP;

typedef struct {
    const char *cmd;   /* "search" or "quotes", for messages */
    lg_search_req req;
    lg_format format;
    const char *color;
    lg_sb query;
} search_args;

enum { O_SINCE = 1, O_UNTIL, O_UNDATED, O_OUTLET, O_SPEAKER, O_LANG, O_LIMIT, O_OFFSET, O_SORT,
       O_FORMAT, O_COLOR, O_CONTEXT, O_NO_COLLAPSE };

#define COMMON_OPTIONS \
    {"since", 1, O_SINCE},     {"until", 1, O_UNTIL},   {"undated", 0, O_UNDATED}, \
    {"outlet", 1, O_OUTLET},   {"speaker", 1, O_SPEAKER}, {"lang", 1, O_LANG},     \
    {"limit", 1, O_LIMIT},     {"offset", 1, O_OFFSET}, {"sort", 1, O_SORT},       \
    {"format", 1, O_FORMAT},   {"color", 1, O_COLOR}

static const lg_cli_opt search_options[] = {COMMON_OPTIONS, {NULL, 0, 0}};
static const lg_cli_opt quotes_options[] = {
    COMMON_OPTIONS, {"context", 1, O_CONTEXT}, {"no-collapse", 0, O_NO_COLLAPSE}, {NULL, 0, 0}};

static int on_opt(void *ctx, int id, const char *v)
{
    search_args *a = ctx;
    lg_filters *f = &a->req.filters;
    uint64_t n;
    switch (id) {
    case O_SINCE: return lg_cli_date(a->cmd, "--since", v, &f->since);
    case O_UNTIL: return lg_cli_date(a->cmd, "--until", v, &f->until);
    case O_NO_COLLAPSE: a->req.collapse = 0; return 0;
    case O_CONTEXT:
        if (lg_cli_uint(a->cmd, "--context", v, &n) != 0)
            return -1;
        a->req.context = n > 100 ? 100 : (unsigned)n;
        return 0;
    case O_UNDATED: f->undated = 1; return 0;
    case O_OUTLET: f->outlets[f->n_outlets++] = v; return 0;
    case O_SPEAKER: f->speakers[f->n_speakers++] = v; return 0;
    case O_LANG: f->langs[f->n_langs++] = v; return 0;
    case O_LIMIT: return lg_cli_uint(a->cmd, "--limit", v, &a->req.limit);
    case O_OFFSET: return lg_cli_uint(a->cmd, "--offset", v, &a->req.offset);
    case O_COLOR: a->color = v; return 0;
    case O_SORT:
        if (lg_sort_parse(v, &a->req.sort) == 0)
            return 0;
        lg_cli_usage(a->cmd, "--sort: '%s' is not relevance, newest or oldest", v);
        return -1;
    default:
        if (lg_format_parse(v, &a->format) == 0)
            return 0;
        lg_cli_usage(a->cmd, "--format: '%s' is not text, json, ndjson, csv or tsv", v);
        return -1;
    }
}

static int on_word(void *ctx, const char *word)
{
    search_args *a = ctx;
    if (a->query.len)
        lg_sb_addc(&a->query, ' ');
    lg_sb_adds(&a->query, word);
    return 0;
}

static int open_db(lg_dbdir *db, xs_db **xdb)
{
    lg_err e;
    if (lg_dbdir_open(lg_dbdir_default(lg_cli_db), LG_DB_READ, db, &e) != 0) {
        lg_cli_error("%s", e.msg);
        return -1;
    }
    xs_status st = xs_db_open(db->xapian_path, XS_OPEN_READ, xdb);
    if (st != XS_OK) {
        lg_cli_error("%s: %s (run `legate index` to rebuild it)", db->xapian_path,
                     xs_db_error(*xdb));
        lg_dbdir_close(db);
        return -1;
    }
    return 0;
}

static int run(search_args *a)
{
    int color = lg_cli_color(a->cmd, a->color);
    if (color < 0)
        return LG_EXIT_USAGE;
    lg_dbdir db;
    xs_db *xdb = NULL;
    if (open_db(&db, &xdb) != 0) {
        xs_db_close(xdb);
        return LG_EXIT_DB;
    }
    a->req.query = a->query.len ? a->query.buf : NULL;
    /* A quotation is shown whole, its matched words highlighted. */
    a->req.snippet_chars = a->req.target == LG_TARGET_QUOTES ? SIZE_MAX / 2 : SNIPPET_CHARS;
    if (a->req.limit == 0)
        a->req.limit = UINT64_MAX / 2;
    lg_fmt *w = lg_fmt_new(a->format, stdout, a->req.query, color);
    lg_search_res res;
    lg_err e;
    int rc = w ? lg_search_run(db.sql, xdb, &a->req, w, &res, &e) : -1;
    if (!w)
        lg_err_set(&e, LG_EXIT_OUTPUT, "out of memory");
    lg_fmt_free(w);
    xs_db_close(xdb);
    lg_dbdir_close(&db);
    if (rc != 0) {
        lg_cli_error("%s", e.msg);
        return e.code;
    }
    if (a->format == LG_FMT_TEXT)
        fprintf(stderr, "legate: %llu of %llu results\n", (unsigned long long)res.shown,
                (unsigned long long)res.total);
    return res.total ? LG_EXIT_OK : LG_EXIT_NONE;
}

static int run_command(int argc, char **argv, lg_target target)
{
    int quotes = target == LG_TARGET_QUOTES;
    search_args a = {.cmd = argv[0], .format = LG_FMT_TEXT, .query = LG_SB_INIT};
    a.req.target = target;
    a.req.limit = 10;
    a.req.collapse = 1;
    /* Each list can hold at most one entry per argument. */
    const char **lists = calloc(3 * (size_t)argc, sizeof *lists);
    if (!lists)
        return LG_EXIT_OUTPUT;
    a.req.filters.outlets = lists;
    a.req.filters.speakers = lists + argc;
    a.req.filters.langs = lists + 2 * argc;
    lg_cli_spec spec = {a.cmd, quotes ? quotes_help : search_help,
                        quotes ? quotes_options : search_options, on_opt, on_word, &a};
    int rc = lg_cli_parse(&spec, argc, argv);
    rc = rc < 0 ? LG_EXIT_USAGE : rc > 0 ? LG_EXIT_OK : run(&a);
    free(lists);
    lg_sb_release(&a.query);
    return rc;
}

int cmd_search(int argc, char **argv)
{
    return run_command(argc, argv, LG_TARGET_ARTICLES);
}

int cmd_quotes(int argc, char **argv)
{
    return run_command(argc, argv, LG_TARGET_QUOTES);
}
