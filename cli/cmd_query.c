/*
 * cmd_query.c — the commands that run a query: search, quotes, export,
 * count and timeline. They share the query language, the filter options and the
 * database opening; each mode adds its own options and output.
 */
#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dbdir.h"
#include "lag.h"
#include "err.h"
#include "fields.h"
#include "count.h"
#include "timeline.h"
#include "format.h"
#include "search.h"
#include "strbuf.h"
#include "sync.h"

#define SNIPPET_CHARS 240
/* How long a remote shard may take to connect or answer. */
#define SHARD_TIMEOUT_MS 10000

/* Help text pieces: the query syntax, the filters every mode takes, and
 * the listing and output options only the listing modes take. */
#define QUERY_HELP \
    "Query: words, \"phrases\", AND, OR, NOT, -word, (groups), a NEAR/5 b, negot*,\n" \
    "  outlet:NAME, speaker:NAME, speaker:\"Sergey Lavrov\", lang:CODE, title:WORD,\n" \
    "  quote:WORD, date:2024, date:2024-05, date:2024-06-01..2024-12-31,\n" \
    "  date:2024-06.., date:..2024, date:none (undated)\n" \
    "\n" \
    "  --since DATE       on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)\n" \
    "  --until DATE       on or before the end of DATE's period\n" \
    "  --outlet NAME      only this outlet (repeat for any of several)\n" \
    "  --speaker NAME     only this speaker (repeat for any of several)\n" \
    "  --lang CODE        only this language (repeat for any of several)\n" \
    "  --db DIR           database directory (default $LEGATE_DB or ./legate.db)\n"

#define SHARDS_HELP \
    "  --shards FILE      search the shards FILE lists (Xapian stub: `auto PATH`,\n" \
    "                     `remote HOST:PORT` lines) as one database, not --db\n" \
    "  --allow-partial    with --shards: a shard that is down is left out (named on\n" \
    "                     stderr) instead of failing with exit 3\n"

#define UNDATED_HELP "  --undated          only articles whose date is unknown\n"

#define LIST_HELP \
    "  --sort ORDER       relevance | newest | oldest | id (default: relevance\n" \
    "                     with words, newest with filters only)\n" \
    "  --limit N          at most N results (default 10; 0 for all)\n" \
    "  --offset N         skip the first N results\n" \
    "  --format F         text | json | ndjson | csv | tsv (default text, or\n" \
    "                     $LEGATE_FORMAT)\n" \
    "  --format-version N the output contract version (only 1 exists)\n" \
    "  --output WHAT      ids | sources: only that, one per line\n" \
    "  -0, --null         with --output: end each with NUL, for xargs -0\n" \
    "  --hl-pre S, --hl-post S  mark matched words in machine-format snippets\n" \
    "  --color WHEN       auto | always | never (text; NO_COLOR honoured)\n"

#define EXACT_HELP \
    "  --exact            count every match for the total; by default a total past\n" \
    "                     10,000 is Xapian's estimate (\"about N\", json total_exact)\n"

#define EXIT_HELP \
    "Exit: 0 results, 1 no results, 2 usage or query error, 3 database error,\n" \
    "4 output error.\n"

static const char search_help[] =
    "usage: legate search [OPTIONS] [QUERY...]\n"
    "\n"
    "Finds articles. Words are stemmed (negotiate finds negotiations); \"quoted\n"
    "phrases\" are exact. Bare words rank articles with any of them, those with\n"
    "all of them first; a AND b (or +a +b) requires both. quote:WORD finds\n"
    "articles with a quotation that matches. Syndicated copies of one story are\n"
    "one result (dup_count, outlets) unless --no-collapse.\n"
    "\n" QUERY_HELP SHARDS_HELP UNDATED_HELP LIST_HELP
    "  --no-collapse      one result per copy of a reprinted story\n"
    EXACT_HELP
    "\n"
    "Fields of json/ndjson/csv/tsv: id, rank, score, date, date_precision, outlet,\n"
    "speaker, title, source, lang, snippet, dup_count, outlets (see README,\n"
    "\"Output formats\").\n" EXIT_HELP;

static const char export_help[] =
    "usage: legate export [OPTIONS] [QUERY...]\n"
    "\n"
    "Writes every match (articles, or quotations with --quotes), streaming, then\n"
    "\"exported N of N\" on stderr. It never stops short silently: a failed write\n"
    "is an error (exit 4). Memory stays flat whatever the count, in every order\n"
    "(relevance, the default with words, sorts through temporary files); over\n"
    "--shards it grows with depth.\n"
    "\n" QUERY_HELP SHARDS_HELP UNDATED_HELP LIST_HELP
    "  --quotes           export quotations instead of articles\n"
    "  --fields A,B,...   only these columns, in this order\n"
    "  --after ID         start after the result with this id, in the same order\n"
    "                     (resume a cut export; --shards: with --sort id only)\n"
    "  --no-collapse      one row per copy of a reprinted story or quotation\n"
    "\n"
    "Default format ndjson; default limit: every match. Columns are those of\n"
    "search (or quotes with --quotes); see README, \"Output formats\".\n" EXIT_HELP;

static const char count_help[] =
    "usage: legate count --by outlet|speaker|lang|month|year [OPTIONS] [QUERY...]\n"
    "\n"
    "Exact counts of the matching articles (or quotations with --quotes), grouped.\n"
    "The counts sum to the total `search` (or `quotes`) gives for the same query\n"
    "and filters; statements reprinted by several outlets count once unless\n"
    "--no-collapse. Results without the property count under (none).\n"
    "\n" QUERY_HELP SHARDS_HELP UNDATED_HELP
    "  --by WHAT          outlet | speaker | lang | month | year (required)\n"
    "  --format F         text | json | ndjson | csv | tsv (default text)\n"
    "  --format-version N the output contract version (only 1 exists)\n"
    "  --quotes           count quotations instead of articles\n"
    "  --no-collapse      count every copy of a reprinted story or quotation\n"
    "\n"
    "json: {query, by, total, collapsed, counts: [{value, count}]}; ndjson: one\n"
    "{value, count} per line; csv/tsv: a <by>,count header, then rows.\n"
    "Exit: 0 counted (even zero), 2 usage or query error, 3 database error,\n"
    "4 output error.\n";

static const char timeline_help[] =
    "usage: legate timeline [OPTIONS] [QUERY...]\n"
    "\n"
    "How often the matching articles (or quotations with --quotes) occur over\n"
    "time: a bar chart on the terminal, and with --svg a chart for a report.\n"
    "Periods run without gaps; undated matches are counted on stderr.\n"
    "\n" QUERY_HELP SHARDS_HELP
    "  --by PERIOD        week | month | year (default month)\n"
    "  --format F         text (bars) | json (default text)\n"
    "  --format-version N the output contract version (only 1 exists)\n"
    "  --color WHEN       auto | always | never (NO_COLOR honoured)\n"
    "  --split WHAT       speaker | outlet: a series each for the 8 most frequent\n"
    "  --svg FILE         also write the chart as SVG (960x540)\n"
    "  --quotes           quotations instead of articles\n"
    "  --no-collapse      count every copy of a reprinted story or quotation\n"
    "\n"
    "--format json: {query, by, split, total, undated, periods: [...], series:\n"
    "[{name, counts: [...]}]}.\n"
    "Exit: 0 drawn, 1 nothing dated matched, 2 usage or query error, 3 database\n"
    "error, 4 output error.\n";

static const char quotes_help[] =
    "usage: legate quotes [OPTIONS] [QUERY...]\n"
    "\n"
    "Finds quotations, each attributed to its speaker, ranked by relevance. With\n"
    "no query, every quotation that passes the filters. A quotation carried by\n"
    "several articles is one result with its occurrences and outlets.\n"
    "\n" QUERY_HELP SHARDS_HELP UNDATED_HELP LIST_HELP
    "  --context N        add N sentences before and after each quotation\n"
    "  --no-collapse      one result per article carrying a quotation\n"
    EXACT_HELP
    "\n"
    "Fields of json/ndjson/csv/tsv: quote_id, article_id, rank, score, date,\n"
    "outlet, speaker, speaker_confidence, quote, partial, context, title, source,\n"
    "occurrences, outlets (see README, \"Output formats\").\n" EXIT_HELP;

typedef struct {
    const char *cmd;   /* "search", "quotes" or "export", for messages */
    int count;        /* count mode: group by `by` */
    lg_by by;
    int by_set;
    int timeline;     /* timeline mode */
    int list;         /* --output: 0 none, else the field */
    lg_field_id list_field;
    char list_sep;
    const char *hl_pre, *hl_post;
    lg_period period;
    lg_split split;
    const char *svg;
    lg_field_id fields[LG_F__COUNT];
    lg_search_req req;
    lg_format format;
    const char *color;
    const char *shards;   /* --shards FILE */
    int allow_partial;
    lg_sb query;
} search_args;

enum { O_SINCE = 1, O_UNTIL, O_UNDATED, O_OUTLET, O_SPEAKER, O_LANG, O_LIMIT, O_OFFSET, O_SORT,
       O_FORMAT, O_COLOR, O_CONTEXT, O_NO_COLLAPSE, O_EXACT, O_QUOTES, O_FIELDS, O_AFTER, O_BY,
       O_PERIOD, O_SPLIT, O_SVG, O_FORMAT_VERSION, O_OUTPUT, O_NULL, O_HL_PRE, O_HL_POST,
       O_SHARDS, O_ALLOW_PARTIAL };

#define SHARD_OPTIONS {"shards", 1, O_SHARDS}, {"allow-partial", 0, O_ALLOW_PARTIAL}

#define COMMON_OPTIONS \
    {"since", 1, O_SINCE},     {"until", 1, O_UNTIL},   {"undated", 0, O_UNDATED}, \
    {"outlet", 1, O_OUTLET},   {"speaker", 1, O_SPEAKER}, {"lang", 1, O_LANG},     \
    {"limit", 1, O_LIMIT},     {"offset", 1, O_OFFSET}, {"sort", 1, O_SORT},       \
    {"format", 1, O_FORMAT},   {"color", 1, O_COLOR},   {"format-version", 1, O_FORMAT_VERSION}, \
    {"output", 1, O_OUTPUT},   {"null", 0, O_NULL},     {"hl-pre", 1, O_HL_PRE},   \
    {"hl-post", 1, O_HL_POST}, SHARD_OPTIONS

static const char *const shorts[] = {"-0", "--null", NULL};

static const lg_cli_opt search_options[] = {
    COMMON_OPTIONS, {"no-collapse", 0, O_NO_COLLAPSE}, {"exact", 0, O_EXACT}, {NULL, 0, 0}};
static const lg_cli_opt quotes_options[] = {
    COMMON_OPTIONS, {"context", 1, O_CONTEXT}, {"no-collapse", 0, O_NO_COLLAPSE},
    {"exact", 0, O_EXACT}, {NULL, 0, 0}};
static const lg_cli_opt count_options[] = {
    {"since", 1, O_SINCE},   {"until", 1, O_UNTIL},     {"undated", 0, O_UNDATED},
    {"outlet", 1, O_OUTLET}, {"speaker", 1, O_SPEAKER}, {"lang", 1, O_LANG},
    {"format", 1, O_FORMAT}, {"by", 1, O_BY},           {"quotes", 0, O_QUOTES},
    {"format-version", 1, O_FORMAT_VERSION}, SHARD_OPTIONS,
    {"no-collapse", 0, O_NO_COLLAPSE}, {NULL, 0, 0}};
static const lg_cli_opt timeline_options[] = {
    {"since", 1, O_SINCE},   {"until", 1, O_UNTIL},     {"outlet", 1, O_OUTLET},
    {"speaker", 1, O_SPEAKER}, {"lang", 1, O_LANG},     {"format", 1, O_FORMAT},
    {"color", 1, O_COLOR},   {"by", 1, O_PERIOD},       {"split", 1, O_SPLIT},
    {"svg", 1, O_SVG},       {"quotes", 0, O_QUOTES},   {"no-collapse", 0, O_NO_COLLAPSE},
    {"format-version", 1, O_FORMAT_VERSION}, SHARD_OPTIONS,
    {NULL, 0, 0}};
static const lg_cli_opt export_options[] = {
    COMMON_OPTIONS, {"quotes", 0, O_QUOTES}, {"fields", 1, O_FIELDS}, {"after", 1, O_AFTER},
    {"no-collapse", 0, O_NO_COLLAPSE}, {NULL, 0, 0}};

/* --fields a,b,c: names from the field table, each a column of the
 * target; checked once the target is known (--quotes may come later). */
static int parse_fields(search_args *a, const char *list)
{
    a->req.n_fields = 0;
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        const lg_field *f = lg_field_by_name(p, n);
        if (!f || a->req.n_fields == LG_F__COUNT) {
            lg_cli_usage(a->cmd, "--fields: unknown field '%.*s'", (int)n, p);
            return -1;
        }
        a->fields[a->req.n_fields++] = f->id;
        p += n + (p[n] == ',');
    }
    a->req.fields = a->fields;
    return 0;
}

static int check_fields(const search_args *a)
{
    unsigned flag = a->req.target == LG_TARGET_QUOTES ? LG_QUOTE_OUTPUT : LG_OUTPUT;
    for (size_t i = 0; i < a->req.n_fields; i++) {
        const lg_field *f = lg_field_get(a->fields[i]);
        if (!(f->flags & flag)) {
            lg_cli_usage(a->cmd, "--fields: '%s' is not a column of %s (they are: %s)", f->name,
                         a->req.target == LG_TARGET_QUOTES ? "quotations" : "articles",
                         lg_field_names(flag));
            return -1;
        }
    }
    return 0;
}

static int on_opt(void *ctx, int id, const char *v)
{
    search_args *a = ctx;
    lg_filters *f = &a->req.filters;
    uint64_t n;
    switch (id) {
    case O_SINCE: return lg_cli_date(a->cmd, "--since", v, &f->since);
    case O_UNTIL: return lg_cli_date(a->cmd, "--until", v, &f->until);
    case O_NO_COLLAPSE: a->req.collapse = 0; return 0;
    case O_EXACT: a->req.exact_up_to = 0; return 0;
    case O_QUOTES: a->req.target = LG_TARGET_QUOTES; return 0;
    case O_FIELDS: return parse_fields(a, v);
    case O_AFTER: return lg_cli_uint(a->cmd, "--after", v, &a->req.after);
    case O_SVG: a->svg = v; return 0;
    case O_NULL: a->list_sep = '\0'; return 0;
    case O_HL_PRE: a->hl_pre = v; return 0;
    case O_HL_POST: a->hl_post = v; return 0;
    case O_SHARDS: a->shards = v; return 0;
    case O_ALLOW_PARTIAL: a->allow_partial = 1; return 0;
    case O_FORMAT_VERSION:
        if (strcmp(v, "1") == 0)
            return 0;
        lg_cli_usage(a->cmd, "--format-version: this legate writes version 1 only, not '%s'", v);
        return -1;
    case O_OUTPUT:
        if (strcmp(v, "ids") == 0 || strcmp(v, "sources") == 0) {
            a->list = 1;
            a->list_field = v[0] == 'i' ? LG_F_ID : LG_F_SOURCE;
            return 0;
        }
        lg_cli_usage(a->cmd, "--output: '%s' is not ids or sources", v);
        return -1;
    case O_PERIOD:
        if (lg_period_parse(v, &a->period) == 0)
            return 0;
        lg_cli_usage(a->cmd, "--by: '%s' is not week, month or year", v);
        return -1;
    case O_SPLIT:
        if (lg_split_parse(v, &a->split) == 0)
            return 0;
        lg_cli_usage(a->cmd, "--split: '%s' is not speaker or outlet", v);
        return -1;
    case O_BY:
        a->by_set = lg_by_parse(v, &a->by) == 0;
        if (a->by_set)
            return 0;
        lg_cli_usage(a->cmd, "--by: '%s' is not outlet, speaker, lang, month or year", v);
        return -1;
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
        lg_cli_usage(a->cmd, "--sort: '%s' is not relevance, newest, oldest or id", v);
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

/* Results come from Xapian's last commit and are shown from SQLite (a
 * result whose row is gone is skipped). Lag that no running writer is
 * about to apply means an interrupted index: say so, and go on. A search
 * that showed nothing opens SQLite only now: finding nothing is when an
 * interrupted index matters most. */
static void warn_lag(lg_dbdir *db, xs_db *xdb)
{
    lg_lag lag;
    lg_err e;
    char msg[400];
    if (!db->dir || !lg_dbdir_sql(db, &e) || lg_lag_read(db->sql, xdb, &lag, &e) != 0 ||
        lag.applied == lag.generation || lg_wlock_holder(db->dir) != 0)
        return;
    lg_lag_describe(&lag, msg, sizeof msg);
    lg_cli_error("warning: %s", msg);
}

/* SQLite is opened when first needed (lg_dbdir_open_lazy). */
static int open_db(lg_dbdir *db, xs_db **xdb)
{
    lg_err e;
    if (lg_dbdir_open_lazy(lg_dbdir_default(lg_cli_db), db, &e) != 0) {
        lg_cli_error("%s", e.msg);
        return -1;
    }
    xs_status st = xs_db_open(db->xapian_path, XS_OPEN_READ, xdb);
    if (st != XS_OK) {
        lg_cli_error("%s: %s (`legate check --repair` rebuilds it)", db->xapian_path,
                     xs_db_error(*xdb));
        lg_dbdir_close(db);
        return -1;
    }
    return 0;
}

/* --shards: one database over every shard the stub lists, without SQLite
 * (hits come from document data). A missing shard is an error unless
 * --allow-partial, which names it and goes on. */
static int open_shards(const search_args *a, xs_db **xdb)
{
    char *missing = NULL;
    xs_status st = xs_db_open_stub(a->shards, SHARD_TIMEOUT_MS, a->allow_partial, xdb, &missing);
    if (st != XS_OK) {
        lg_cli_error("%s", xs_db_error(*xdb));
        return -1;
    }
    for (char *line = missing; line && *line;) {
        size_t n = strcspn(line, "\n");
        lg_cli_error("warning: %.*s; results are from the other shards", (int)n, line);
        line += n + (line[n] == '\n');
    }
    free(missing);
    return 0;
}

static int run_count(search_args *a, sqlite3 *sql, xs_db *xdb)
{
    lg_counts c;
    lg_err e;
    if (lg_count(sql, xdb, &a->req, a->by, &c, &e) != 0) {
        lg_cli_error("%s", e.msg);
        return e.code;
    }
    int collapsed = a->req.collapse;
    int rc = lg_counts_write(&c, a->format, a->req.query, a->by, collapsed, stdout);
    lg_counts_free(&c);
    if (rc != 0) {
        lg_cli_error("cannot write output");
        return LG_EXIT_OUTPUT;
    }
    return LG_EXIT_OK;
}

static json_t *timeline_json(const search_args *a, const lg_timeline *t)
{
    static const char *const periods[] = {"week", "month", "year"};
    static const char *const splits[] = {NULL, "speaker", "outlet"};
    json_t *labels = json_array(), *series = json_array();
    for (size_t p = 0; p < t->n_periods; p++)
        json_array_append_new(labels, json_string(t->periods[p]));
    for (size_t s = 0; s < t->n_series; s++) {
        json_t *counts = json_array();
        for (size_t p = 0; p < t->n_periods; p++)
            json_array_append_new(counts, json_integer((json_int_t)t->counts[s * t->n_periods + p]));
        json_array_append_new(series, json_pack("{s:o, s:o}", "name",
                                                t->series[s] ? json_string(t->series[s]) : json_null(),
                                                "counts", counts));
    }
    return json_pack("{s:o, s:s, s:o, s:I, s:I, s:o, s:o}", "query",
                     a->req.query ? json_string(a->req.query) : json_null(), "by",
                     periods[a->period], "split",
                     splits[a->split] ? json_string(splits[a->split]) : json_null(), "total",
                     (json_int_t)t->total, "undated", (json_int_t)t->undated, "periods", labels,
                     "series", series);
}

static int write_svg(const char *path, const lg_chart *c)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        lg_cli_error("%s: %s", path, strerror(errno));
        return LG_EXIT_OUTPUT;
    }
    int rc = lg_chart_svg(c, f, 960, 540);
    if (fclose(f) != 0 || rc != 0) {
        lg_cli_error("%s: cannot write the chart", path);
        return LG_EXIT_OUTPUT;
    }
    return LG_EXIT_OK;
}

static int print_timeline(search_args *a, const lg_timeline *t, int color)
{
    lg_chart c = lg_timeline_chart(t, a->req.query ? a->req.query : "all statements");
    int rc = 0;
    if (a->format == LG_FMT_JSON) {
        json_t *doc = timeline_json(a, t);
        rc = json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 &&
             fputc('\n', stdout) != EOF ? 0 : -1;
        json_decref(doc);
    } else if (t->n_periods) {
        rc = lg_chart_text(&c, stdout, 60, color);
    }
    if (rc != 0 || fflush(stdout) != 0) {
        lg_cli_error("cannot write output");
        return LG_EXIT_OUTPUT;
    }
    if (a->svg && write_svg(a->svg, &c) != LG_EXIT_OK)
        return LG_EXIT_OUTPUT;
    fprintf(stderr, "legate: %llu matches, %llu undated not shown\n",
            (unsigned long long)t->total, (unsigned long long)t->undated);
    return t->n_periods ? LG_EXIT_OK : LG_EXIT_NONE;
}

static int run_timeline(search_args *a, sqlite3 *sql, xs_db *xdb, int color)
{
    lg_timeline t;
    lg_err e;
    if (lg_timeline_build(sql, xdb, &a->req, a->period, a->split, &t, &e) != 0) {
        lg_cli_error("%s", e.msg);
        return e.code;
    }
    int rc = print_timeline(a, &t, color);
    lg_timeline_free(&t);
    return rc;
}

static int configure_writer(const search_args *a, lg_fmt *w)
{
    if (a->list) {
        /* Quotations are listed by their own id. */
        lg_field_id f = a->list_field == LG_F_ID && a->req.target == LG_TARGET_QUOTES
                            ? LG_F_QUOTE_ID : a->list_field;
        lg_fmt_set_list(w, f, a->list_sep);
    }
    return lg_fmt_set_markers(w, a->hl_pre, a->hl_post);
}

static int run(search_args *a)
{
    int color = lg_cli_color(a->cmd, a->color);
    if (color < 0)
        return LG_EXIT_USAGE;
    lg_dbdir db = {0};
    xs_db *xdb = NULL;
    if (a->shards ? open_shards(a, &xdb) != 0 : open_db(&db, &xdb) != 0) {
        xs_db_close(xdb);
        return LG_EXIT_DB;
    }
    a->req.query = a->query.len ? a->query.buf : NULL;
    /* Shards may have been indexed by different versions: ranges there
     * stay value ranges. */
    a->req.filters.date_terms = !a->shards && lg_sync_date_terms(xdb);
    if (a->count || a->timeline) {
        /* Both visit every match through SQLite (collapse.h). */
        lg_err e;
        if (!a->shards && !lg_dbdir_sql(&db, &e)) {
            lg_cli_error("%s", e.msg);
            xs_db_close(xdb);
            lg_dbdir_close(&db);
            return e.code;
        }
        warn_lag(&db, xdb);
        int rc = a->count ? run_count(a, db.sql, xdb) : run_timeline(a, db.sql, xdb, color);
        xs_db_close(xdb);
        lg_dbdir_close(&db);
        return rc;
    }
    /* A quotation is shown whole, its matched words highlighted. */
    a->req.snippet_chars = a->req.target == LG_TARGET_QUOTES ? SIZE_MAX / 2 : SNIPPET_CHARS;
    if (a->req.limit == 0)
        a->req.limit = UINT64_MAX / 2;
    lg_fmt *w = lg_fmt_new(a->format, stdout, a->req.query, color);
    if (w && configure_writer(a, w) != 0) {
        lg_fmt_free(w);
        w = NULL;
    }
    lg_search_res res;
    lg_err e;
    int rc = w ? lg_search_run(a->shards ? NULL : &db, xdb, &a->req, w, &res, &e) : -1;
    if (!w)
        lg_err_set(&e, LG_EXIT_OUTPUT, "out of memory");
    lg_fmt_free(w);
    warn_lag(&db, xdb);
    xs_db_close(xdb);
    lg_dbdir_close(&db);
    if (rc != 0) {
        lg_cli_error("%s", e.msg);
        return e.code;
    }
    if (a->req.stream)
        fprintf(stderr, "legate: exported %llu of %llu\n", (unsigned long long)res.shown,
                (unsigned long long)res.total);
    else if (a->format == LG_FMT_TEXT)
        fprintf(stderr, "legate: %llu of %s%llu results\n", (unsigned long long)res.shown,
                res.exact ? "" : "about ", (unsigned long long)res.total);
    return res.total ? LG_EXIT_OK : LG_EXIT_NONE;
}

typedef enum { MODE_SEARCH, MODE_QUOTES, MODE_EXPORT, MODE_COUNT, MODE_TIMELINE } mode;

static const struct {
    const char *help;
    const lg_cli_opt *options;
} modes[] = {
    [MODE_SEARCH] = {search_help, search_options},
    [MODE_QUOTES] = {quotes_help, quotes_options},
    [MODE_EXPORT] = {export_help, export_options},
    [MODE_COUNT] = {count_help, count_options},
    [MODE_TIMELINE] = {timeline_help, timeline_options},
};

static void set_defaults(search_args *a, mode m)
{
    a->req.target = m == MODE_QUOTES ? LG_TARGET_QUOTES : LG_TARGET_ARTICLES;
    a->req.limit = m == MODE_EXPORT ? 0 : 10;
    a->req.collapse = 1;
    a->req.stream = m == MODE_EXPORT;
    a->req.exact_up_to = m == MODE_SEARCH || m == MODE_QUOTES ? LG_EXACT_UP_TO : 0;
    a->count = m == MODE_COUNT;
    a->timeline = m == MODE_TIMELINE;
    a->period = LG_PERIOD_MONTH;
    /* Undocumented, for tests: results fetched per page (paging edges);
     * otherwise 0, and each way of paging picks its own (search.h). */
    const char *page = getenv("LEGATE_PAGE");
    if (page && *page)
        a->req.page = strtoull(page, NULL, 10);
    /* Undocumented, for tests: where a search's exact count stops. */
    const char *up_to = getenv("LEGATE_EXACT_UP_TO");
    if (up_to && *up_to && a->req.exact_up_to)
        a->req.exact_up_to = strtoull(up_to, NULL, 10);
    /* Scripts read exports: a machine format unless told otherwise. */
    a->format = m == MODE_EXPORT ? LG_FMT_NDJSON : LG_FMT_TEXT;
    a->list_sep = '\n';
    /* $LEGATE_FORMAT sets the default; --format wins. */
    const char *env = getenv("LEGATE_FORMAT");
    lg_format f;
    if (env && *env && lg_format_parse(env, &f) == 0 &&
        (m != MODE_TIMELINE || f == LG_FMT_JSON))
        a->format = f;
}

static int run_command(int argc, char **argv, mode m)
{
    search_args a = {.cmd = argv[0], .query = LG_SB_INIT};
    set_defaults(&a, m);
    /* Each list can hold at most one entry per argument. */
    const char **lists = calloc(3 * (size_t)argc, sizeof *lists);
    if (!lists)
        return LG_EXIT_OUTPUT;
    a.req.filters.outlets = lists;
    a.req.filters.speakers = lists + argc;
    a.req.filters.langs = lists + 2 * argc;
    lg_cli_spec spec = {a.cmd, modes[m].help, modes[m].options, on_opt, on_word, &a, shorts};
    int rc = lg_cli_parse(&spec, argc, argv);
    if (rc == 0 && check_fields(&a) != 0)
        rc = -1;
    /* Shards have no key filter: a cursor is found by reading ids in order. */
    if (rc == 0 && a.req.after && a.shards && a.req.sort != LG_SORT_ID)
        rc = -1, lg_cli_usage(a.cmd, "--after with --shards needs --sort id");
    if (rc == 0 && a.count && !a.by_set)
        rc = -1, lg_cli_usage(a.cmd, "--by is required");
    if (rc == 0 && a.timeline && a.format != LG_FMT_TEXT && a.format != LG_FMT_JSON)
        rc = -1, lg_cli_usage(a.cmd, "--format: a timeline is text or json");
    if (rc == 0 && a.allow_partial && !a.shards)
        rc = -1, lg_cli_usage(a.cmd, "--allow-partial goes with --shards");
    if (rc == 0 && a.list_sep == '\0' && !a.list)
        rc = -1, lg_cli_usage(a.cmd, "-0/--null goes with --output ids|sources");
    rc = rc < 0 ? LG_EXIT_USAGE : rc > 0 ? LG_EXIT_OK : run(&a);
    free(lists);
    lg_sb_release(&a.query);
    return rc;
}

int cmd_search(int argc, char **argv)
{
    return run_command(argc, argv, MODE_SEARCH);
}

int cmd_quotes(int argc, char **argv)
{
    return run_command(argc, argv, MODE_QUOTES);
}

int cmd_export(int argc, char **argv)
{
    return run_command(argc, argv, MODE_EXPORT);
}

int cmd_count(int argc, char **argv)
{
    return run_command(argc, argv, MODE_COUNT);
}

int cmd_timeline(int argc, char **argv)
{
    return run_command(argc, argv, MODE_TIMELINE);
}
