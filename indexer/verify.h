/*
 * verify.h — do SQLite and Xapian agree? (`legate check [--repair]`; not
 * check.h, which is the Check unit-test framework's header.)
 *
 * Checks, read-only: SQLite's own integrity (PRAGMA quick_check, rows
 * whose parent row is gone, MinHash band keys of gone articles); Xapian
 * opens; Xapian's applied generation equals SQLite's (lag.h); every
 * article row has its Xapian document and every quotation row its quote
 * document, each exactly as sync would write it now (expect.h: terms,
 * wdf, positions, values, data); no Xapian document without its row
 * (orphans, articles or quotes); document count = articles + quotes.
 *
 * It first waits for a running writer to finish (wlock.h, QUIESCE) so it
 * never reports a batch in flight as damage.
 */
#ifndef LEGATE_VERIFY_H
#define LEGATE_VERIFY_H

#include <stdint.h>

#include "err.h"
#include "wlock.h"

/* One problem. Strings valid during the callback only. */
typedef struct {
    const char *what;    /* sqlite, xapian, lag, count, missing, orphan, mismatch */
    const char *object;  /* "article", "quote" or "database" */
    int64_t id;          /* the article's or quotation's id; 0 for "database" */
    const char *detail;  /* one line */
} lg_problem;

typedef void (*lg_problem_fn)(void *ctx, const lg_problem *p);

typedef struct {
    uint64_t articles, quotes;  /* rows in SQLite */
    uint64_t documents;         /* documents in Xapian */
    int64_t applied, generation;
    uint64_t problems;
} lg_check_summary;

/* Checks database `dir`, calling fn for each problem. Returns 0 when the
 * check ran (sum->problems == 0: consistent), -1 with e (LG_EXIT_DB) when
 * SQLite cannot be opened or read at all. */
int lg_check_run(const char *dir, const lg_wait *wait, lg_problem_fn fn, void *ctx,
                 lg_check_summary *sum, lg_err *e);

/* Re-derives the Xapian index from SQLite (a rebuilding write session).
 * SQLite itself is never changed: its damage can only be reported. */
int lg_check_repair(const char *dir, const lg_wait *wait, lg_err *e);

#endif
