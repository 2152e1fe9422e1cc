/*
 * testutil.h — helpers shared by the Check suites.
 */
#ifndef LEGATE_TESTUTIL_H
#define LEGATE_TESTUTIL_H

#include <check.h>

/* A fresh empty directory under $TMPDIR (or /tmp); malloc()ed path. The
 * directory is removed recursively by lg_test_rmdir. */
char *lg_test_tmpdir(void);
void lg_test_rmdir(const char *path);

/* Runs one suite with CK_NORMAL output; returns the process exit status
 * (0 when every test passed). */
int lg_test_run(Suite *s);

struct lg_page;

/* Reads the user's seed page `name` from $LEGATE_SEEDS, else from
 * ../shared/seeds beside the source tree, as `legate index` reads it;
 * cleaned with lg_clean when `clean` is set. Returns 0, or -1 when the
 * seeds are not there (a fresh clone without ../shared: the caller checks
 * nothing more and the test says so on stderr). Fails the test if the
 * directory exists but the page cannot be read. */
int lg_test_seed_page(const char *name, int clean, struct lg_page *page);

#endif
