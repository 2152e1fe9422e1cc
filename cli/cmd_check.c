#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "verify.h"
#include "cli.h"
#include "dbdir.h"
#include "err.h"

static const char help[] =
    "usage: legate check [--repair] [--format text|json] [--wait SECONDS]\n"
    "\n"
    "Verifies that the search index (Xapian) agrees with the database (SQLite):\n"
    "SQLite's integrity, every article and quotation has its search document with\n"
    "the right terms and values, no document without its row, equal counts, and\n"
    "no change left unapplied by an interrupted `legate index`. Read-only.\n"
    "Problems go to stdout, one a line (WHAT OBJECT ID: DETAIL); a summary to\n"
    "stderr. It first waits for a running writer to finish.\n"
    "\n"
    "  --repair          when there are problems, rebuild the search index from\n"
    "                    SQLite, then check again (SQLite damage is only reported)\n"
    "  --format F        text (default) or json: one object with the counts and\n"
    "                    the problems\n"
    "  --wait SECONDS    wait at most this long for a writer, then exit 3\n"
    "                    (default: as long as it takes)\n"
    "  --db DIR          database directory (default $LEGATE_DB or ./legate.db)\n"
    "\n"
    "Exit: 0 consistent, 1 inconsistent (after --repair: still inconsistent),\n"
    "2 usage error, 3 the database cannot be opened, 4 output error.\n";

enum { O_REPAIR = 1, O_FORMAT, O_WAIT };

static const lg_cli_opt options[] = {
    {"repair", 0, O_REPAIR}, {"format", 1, O_FORMAT}, {"wait", 1, O_WAIT}, {NULL, 0, 0}};

typedef struct {
    int repair, json;
    lg_wait wait;
    json_t *problems;  /* json: the problems of the last check */
    int out_failed;
} check_args;

static int on_opt(void *ctx, int id, const char *v)
{
    check_args *a = ctx;
    switch (id) {
    case O_REPAIR: a->repair = 1; return 0;
    case O_WAIT: return lg_cli_wait("check", v, &a->wait);
    }
    if (strcmp(v, "json") == 0 || strcmp(v, "text") == 0) {
        a->json = v[0] == 'j';
        return 0;
    }
    lg_cli_usage("check", "--format: '%s' is not text or json", v);
    return -1;
}

static int on_word(void *ctx, const char *word)
{
    (void)ctx;
    lg_cli_usage("check", "unexpected argument '%s'", word);
    return -1;
}

static void on_problem(void *ctx, const lg_problem *p)
{
    check_args *a = ctx;
    if (a->json) {
        json_array_append_new(a->problems, json_pack("{s:s, s:s, s:I, s:s}", "what", p->what,
                                                     "object", p->object, "id",
                                                     (json_int_t)p->id, "detail", p->detail));
        return;
    }
    int rc = p->id ? printf("%s %s %lld: %s\n", p->what, p->object, (long long)p->id, p->detail)
                   : printf("%s %s: %s\n", p->what, p->object, p->detail);
    if (rc < 0)
        a->out_failed = 1;
}

/* One check; -1 (after reporting) when the database cannot be opened. */
static int run_check(check_args *a, lg_check_summary *sum)
{
    lg_err e;
    json_decref(a->problems);
    a->problems = json_array();
    if (lg_check_run(lg_dbdir_default(lg_cli_db), &a->wait, on_problem, a, sum, &e) == 0)
        return 0;
    lg_cli_error("%s", e.msg);
    return -1;
}

static int write_json(check_args *a, const lg_check_summary *s, uint64_t repaired)
{
    json_t *doc = json_pack("{s:b, s:I, s:I, s:I, s:I, s:I, s:I, s:o}", "consistent",
                            s->problems == 0, "articles", (json_int_t)s->articles, "quotes",
                            (json_int_t)s->quotes, "documents", (json_int_t)s->documents,
                            "generation", (json_int_t)s->generation, "applied",
                            (json_int_t)s->applied, "repaired", (json_int_t)repaired,
                            "problems", json_incref(a->problems));
    int rc = json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 &&
             fputc('\n', stdout) != EOF ? 0 : -1;
    json_decref(doc);
    return rc;
}

static void summarize(const lg_check_summary *s)
{
    if (s->problems == 0)
        lg_cli_error("consistent: %llu articles, %llu quotations, %llu search documents, "
                     "generation %lld",
                     (unsigned long long)s->articles, (unsigned long long)s->quotes,
                     (unsigned long long)s->documents, (long long)s->generation);
    else
        lg_cli_error("inconsistent: %llu problem(s)%s", (unsigned long long)s->problems,
                     " (`legate check --repair` rebuilds the search index from SQLite)");
}

static int run(check_args *a)
{
    lg_check_summary sum;
    uint64_t repaired = 0;
    if (run_check(a, &sum) != 0)
        return LG_EXIT_DB;
    if (a->repair && sum.problems) {
        lg_err e;
        repaired = sum.problems;
        lg_cli_error("%llu problem(s); rebuilding the search index from SQLite",
                     (unsigned long long)repaired);
        if (lg_check_repair(lg_dbdir_default(lg_cli_db), &a->wait, &e) != 0) {
            lg_cli_error("%s", e.msg);
            return e.code;
        }
        if (run_check(a, &sum) != 0)
            return LG_EXIT_DB;
    }
    if ((a->json && write_json(a, &sum, repaired) != 0) || a->out_failed ||
        fflush(stdout) != 0) {
        lg_cli_error("cannot write output");
        return LG_EXIT_OUTPUT;
    }
    summarize(&sum);
    return sum.problems ? LG_EXIT_NONE : LG_EXIT_OK;
}

int cmd_check(int argc, char **argv)
{
    check_args a = {.wait = LG_CLI_WAIT_DEFAULT};
    lg_cli_spec spec = {"check", help, options, on_opt, on_word, &a, NULL};
    int rc = lg_cli_parse(&spec, argc, argv);
    rc = rc < 0 ? LG_EXIT_USAGE : rc > 0 ? LG_EXIT_OK : run(&a);
    json_decref(a.problems);
    return rc;
}
