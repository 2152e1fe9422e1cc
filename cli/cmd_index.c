#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyze.h"
#include "cli.h"
#include "dbdir.h"
#include "err.h"
#include "index.h"

static const char help[] =
    "usage: legate index [OPTIONS] PATH...\n"
    "\n"
    "Adds files and folders (recursively: .txt, .text, .html, .htm, .jsonl,\n"
    ".ndjson) to the database, creating it if needed. Pages are cleaned and their\n"
    "title, date, outlet, speakers and quotations extracted. Unchanged inputs are\n"
    "skipped, changed ones replace their article under the same id.\n"
    "\n"
    "  --outlet NAME     outlet of every input (overrides the feed)\n"
    "  --speaker NAME    speaker of every input\n"
    "  --date DATE       publication date: YYYY, YYYY-MM, YYYY-MM-DD[THH:MM]\n"
    "  --title TEXT      title of every input\n"
    "  --lang CODE       language (ISO 639-1) of every input\n"
    "  --prune           remove articles whose files under PATH are gone\n"
    "  --full            rewrite every input and rebuild the Xapian index\n"
    "  --follow-symlinks follow symbolic links that lead out of a folder\n"
    "  --quiet           no progress or summary on stderr (errors still shown)\n"
    "  --shards N        --db DIR is a collection of N shards (DIR/shard-K, each a\n"
    "                    database; DIR/shards lists them for search --shards);\n"
    "                    an article goes to shard FNV-1a(source) mod N\n"
    "  --shard K/N       --db DIR is shard K (0 to N-1) of N, built on its own\n"
    "                    (e.g. on its own machine, from the same inputs): only\n"
    "                    that shard's articles are indexed, with ids from its own\n"
    "                    range; list the shards in a stub file for search --shards\n"
    "  --wait SECONDS    wait at most this long for another writer, then fail\n"
    "                    with exit 3 (default: wait as long as it takes)\n"
    "  --db DIR          database directory (default $LEGATE_DB or ./legate.db)\n"
    "\n"
    "JSON Lines fields: text (required), id or url, date, outlet, speaker, title, lang.\n"
    "Exit: 0 all indexed, 1 some inputs failed (named on stderr; the rest indexed),\n"
    "2 usage error, 3 database error.\n";

static void on_warn(void *ctx, const char *msg)
{
    (void)ctx;
    lg_cli_error("%s", msg);
}

static void on_progress(void *ctx, const lg_index_summary *s)
{
    (void)ctx;
    fprintf(stderr, "\rlegate: %lu added, %lu updated, %lu unchanged...", s->added, s->updated,
            s->unchanged);
}

enum {
    O_OUTLET = 1, O_SPEAKER, O_DATE, O_TITLE, O_LANG, O_PRUNE, O_FULL, O_QUIET, O_SHARDS, O_SHARD,
    O_WAIT, O_FOLLOW
};

/* More shards than this would push quotation docids below 2^20 (shard.h). */
#define MAX_SHARDS 1024

static const lg_cli_opt options[] = {
    {"outlet", 1, O_OUTLET}, {"speaker", 1, O_SPEAKER}, {"date", 1, O_DATE},
    {"title", 1, O_TITLE},   {"lang", 1, O_LANG},       {"prune", 0, O_PRUNE},
    {"full", 0, O_FULL},     {"quiet", 0, O_QUIET},     {"shards", 1, O_SHARDS},
    {"shard", 1, O_SHARD},   {"wait", 1, O_WAIT},
    {"follow-symlinks", 0, O_FOLLOW},
    {NULL, 0, 0}};

typedef struct {
    lg_index_opts o;
    int quiet;
    int many;   /* --shards given */
    const char **paths;
    size_t n_paths;
} index_args;

static int shard_count(const char *opt, const char *v, unsigned *out)
{
    uint64_t n;
    if (lg_cli_uint("index", opt, v, &n) != 0)
        return -1;
    if (n < 1 || n > MAX_SHARDS) {
        lg_cli_usage("index", "%s: %s is not between 1 and %d", opt, v, MAX_SHARDS);
        return -1;
    }
    *out = (unsigned)n;
    return 0;
}

/* --shard K/N */
static int shard_of(const char *v, lg_index_opts *o)
{
    const char *slash = strchr(v, '/');
    char k[32];
    if (!slash || (size_t)(slash - v) >= sizeof k) {
        lg_cli_usage("index", "--shard: '%s' is not K/N (e.g. 0/4)", v);
        return -1;
    }
    memcpy(k, v, (size_t)(slash - v));
    k[slash - v] = '\0';
    uint64_t index;
    if (lg_cli_uint("index", "--shard", k, &index) != 0 || shard_count("--shard", slash + 1, &o->shards) != 0)
        return -1;
    if (index >= o->shards) {
        lg_cli_usage("index", "--shard: K is 0 to %u, not %s", o->shards - 1, k);
        return -1;
    }
    o->shard = (unsigned)index;
    return 0;
}

static int on_opt(void *ctx, int id, const char *v)
{
    index_args *a = ctx;
    /* Values are stored as given, and the store holds UTF-8. */
    for (const lg_cli_opt *o = options; v && o->name; o++) {
        if (o->id == id && lg_utf8_invalid_at(v, strlen(v)) != (size_t)-1) {
            lg_cli_usage("index", "--%s: '%s' is not valid UTF-8", o->name, v);
            return -1;
        }
    }
    switch (id) {
    case O_OUTLET: a->o.outlet = v; break;
    case O_SPEAKER: a->o.speaker = v; break;
    case O_TITLE: a->o.title = v; break;
    case O_LANG: a->o.lang = v; break;
    case O_PRUNE: a->o.prune = 1; break;
    case O_FULL: a->o.full = 1; break;
    case O_QUIET: a->quiet = 1; break;
    case O_FOLLOW: a->o.follow_links = 1; break;
    case O_DATE: return lg_cli_date("index", "--date", v, &a->o.date);
    case O_SHARDS: a->many = 1; return shard_count("--shards", v, &a->o.shards);
    case O_SHARD: a->o.alone = 1; return shard_of(v, &a->o);
    case O_WAIT: return lg_cli_wait("index", v, &a->o.wait);
    }
    return 0;
}

static int on_word(void *ctx, const char *word)
{
    index_args *a = ctx;
    a->paths[a->n_paths++] = word;
    return 0;
}

static int run(index_args *a)
{
    int tty = isatty(STDERR_FILENO) && !a->quiet;
    if (tty)
        a->o.progress = on_progress;
    if (a->quiet)
        a->o.wait.catching_up = NULL;
    lg_index_summary s;
    lg_err e;
    /* Undocumented, for tests: articles per batch (runs of several batches
     * from a small input). */
    const char *batch = getenv("LEGATE_BATCH");
    if (batch && *batch)
        a->o.batch = strtoull(batch, NULL, 10);
    int rc = lg_index_run(lg_dbdir_default(lg_cli_db), a->paths, a->n_paths, &a->o, &s, &e);
    if (tty)
        fputs("\r\033[K", stderr);
    if (rc != 0) {
        lg_cli_error("%s", e.msg);
        return e.code;
    }
    if (!a->quiet && a->o.alone)
        fprintf(stderr, "legate: shard %u of %u: %lu added, %lu updated, %lu unchanged, %lu removed,"
                " %lu failed, %lu for other shards\n", a->o.shard, a->o.shards, s.added, s.updated,
                s.unchanged, s.removed, s.failed, s.elsewhere);
    else if (!a->quiet)
        fprintf(stderr, "legate: %lu added, %lu updated, %lu unchanged, %lu removed, %lu failed\n",
                s.added, s.updated, s.unchanged, s.removed, s.failed);
    return s.failed ? LG_EXIT_NONE : LG_EXIT_OK;
}

int cmd_index(int argc, char **argv)
{
    index_args a = {.o = {.warn = on_warn, .wait = LG_CLI_WAIT_DEFAULT}};
    a.paths = calloc((size_t)argc, sizeof *a.paths);
    if (!a.paths)
        return LG_EXIT_DB;
    lg_cli_spec spec = {"index", help, options, on_opt, on_word, &a, NULL};
    int rc = lg_cli_parse(&spec, argc, argv);
    if (rc == 0 && a.many && a.o.alone)
        rc = -1, lg_cli_usage("index", "--shards N builds every shard, --shard K/N one: not both");
    if (rc == 0 && a.n_paths == 0)
        rc = -1, lg_cli_usage("index", "no PATH given");
    rc = rc < 0 ? LG_EXIT_USAGE : rc > 0 ? LG_EXIT_OK : run(&a);
    free(a.paths);
    return rc;
}
