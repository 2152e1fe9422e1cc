/*
 * cli.h — the `legate` command line: dispatch and the helpers every
 * command shares. No search or indexing logic lives in cli/.
 *
 * Conventions: results go to stdout, everything else (errors, warnings,
 * progress, summaries) to stderr as "legate: ...". Exit codes are those of
 * err.h.
 */
#ifndef LEGATE_CLI_H
#define LEGATE_CLI_H

#include <stdint.h>

#include "date.h"
#include "wlock.h"

int cmd_index(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_quotes(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_count(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_alias(int argc, char **argv);
int cmd_serve_shard(int argc, char **argv);
int cmd_check(int argc, char **argv);

/* Prints "legate: <message>" on one line of stderr, control characters and
 * bytes that are not UTF-8 escaped as \xNN (file names, queries). */
void lg_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints the message and a hint to `legate CMD --help`; returns LG_EXIT_USAGE. */
int lg_cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* --since/--until/--date values: ISO dates, any precision. 0 or -1 after
 * reporting the error. */
int lg_cli_date(const char *cmd, const char *opt, const char *value, lg_date *out);

/* A non-negative integer option, at most UINT64_MAX; 0 or -1 after
 * reporting (a larger number is a usage error, never wrapped). */
int lg_cli_uint(const char *cmd, const char *opt, const char *value, uint64_t *out);

/* Writers wait for another writer as long as it takes by default, saying
 * so once on stderr; --wait SECONDS bounds it (then exit 3). */
void lg_cli_waiting(void *ctx, const char *dir, long holder);
void lg_cli_catching_up(void *ctx, const char *dir, int64_t pending);
#define LG_CLI_WAIT_DEFAULT ((lg_wait){-1, lg_cli_waiting, lg_cli_catching_up, NULL})
/* --wait SECONDS into w->seconds; 0 or -1 after reporting. */
int lg_cli_wait(const char *cmd, const char *value, lg_wait *w);

/* --color auto|always|never; auto means stdout is a terminal and NO_COLOR
 * is unset. Returns 0/1, or -1 after reporting a bad value. */
int lg_cli_color(const char *cmd, const char *when);

/* The database directory: --db, else $LEGATE_DB, else ./legate.db. */
extern const char *lg_cli_db;

/* Options are long ("--name value" or "--name=value"), plus a few exact
 * two-character short forms ("-0"); any other word, including
 * "-ceasefire", is an operand: a query's NOT term reads as users type it.
 * "--" ends the options. --db and --help are handled
 * here for every command. */
typedef struct {
    const char *name;
    int has_arg;
    int id;
} lg_cli_opt;

typedef struct {
    const char *cmd;
    const char *help;
    const lg_cli_opt *opts;  /* ends with a {NULL} entry */
    /* Each returns 0, or -1 after reporting a usage error. */
    int (*on_opt)(void *ctx, int id, const char *value);
    int (*on_word)(void *ctx, const char *word);
    void *ctx;
    /* Short forms: pairs {"-0", "--null"}, ending with NULL; may be NULL. */
    const char *const *shorts;
} lg_cli_spec;

/* Returns 0 to run the command, 1 after printing --help, or -1 after a
 * usage error was reported. */
int lg_cli_parse(const lg_cli_spec *spec, int argc, char **argv);

#endif
