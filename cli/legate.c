/*
 * legate — full-text search over diplomatic statements.
 * Dispatch only: each subcommand lives in cmd_<name>.c.
 */
#include <getopt.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "err.h"

#ifndef LEGATE_VERSION
#define LEGATE_VERSION "0.1.0"
#endif

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"index", cmd_index, "add files, folders and JSON Lines feeds to the database"},
    {"search", cmd_search, "find articles, ranked by relevance or date"},
    {"quotes", cmd_quotes, "find quotations, attributed to their speakers"},
    {"export", cmd_export, "write every match (articles or quotations) for scripts"},
    {"count", cmd_count, "exact counts of the matches by outlet, speaker, month..."},
    {"timeline", cmd_timeline, "how often the matches occur over time, as a chart"},
    {"show", cmd_show, "print one article: metadata and text"},
    {"stats", cmd_stats, "counts, sizes and when the database was last indexed"},
    {"alias", cmd_alias, "add or list other spellings of a speaker or outlet"},
    {"serve-shard", cmd_serve_shard, "serve the Xapian index read-only to search --shards"},
    {"check", cmd_check, "verify the search index agrees with the database; --repair"},
};

static void usage(FILE *out)
{
    fputs("usage: legate [--db DIR] COMMAND [OPTIONS] [ARGS]\n\ncommands:\n", out);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fputs("\nThe database is a directory: --db DIR, else $LEGATE_DB, else ./legate.db.\n"
          "Run 'legate COMMAND --help' for a command's options.\n"
          "Exit codes: 0 ok, 1 no results (index: some inputs failed; check: inconsistent),\n"
          "2 usage or query error, 3 database missing/corrupt/locked/read-only, 4 output\n"
          "error.\n",
          out);
}

int main(int argc, char **argv)
{
    /* SQLite's allocation statistics (sqlite3_memory_used) are never read,
     * and keeping them takes a global mutex on every allocation. */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return LG_EXIT_OK;
        } else if (strcmp(argv[i], "--version") == 0) {
            puts("legate " LEGATE_VERSION);
            return LG_EXIT_OK;
        } else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
            lg_cli_db = argv[++i];
        } else if (strncmp(argv[i], "--db=", 5) == 0) {
            lg_cli_db = argv[i] + 5;
        } else {
            fprintf(stderr, "legate: unknown option '%s'\n", argv[i]);
            usage(stderr);
            return LG_EXIT_USAGE;
        }
    }
    if (i == argc) {
        usage(stderr);
        return LG_EXIT_USAGE;
    }
    for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
        if (strcmp(argv[i], commands[c].name) == 0)
            return commands[c].run(argc - i, argv + i);
    fprintf(stderr, "legate: unknown command '%s'\n", argv[i]);
    usage(stderr);
    return LG_EXIT_USAGE;
}
