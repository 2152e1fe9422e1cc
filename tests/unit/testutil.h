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

#endif
