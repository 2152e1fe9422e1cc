/*
 * testhook.h — where fault-injection tests may stop a writer. Test-only.
 *
 * When $LEGATE_TEST_PAUSE names a point, the process reaching it prints
 * "legate: test pause at POINT (pid N)" on stderr and sleeps until it is
 * killed, so a test can SIGKILL it exactly there; "POINT@N" stops the Nth
 * time the process reaches it instead of the first. Unset (always, outside
 * tests), a hook costs one getenv.
 *
 * Points: "between-commits" — a batch is committed to SQLite, its Xapian
 * commit (sync, on the index run's sync thread or in the writer) has not
 * started.
 */
#ifndef LEGATE_TESTHOOK_H
#define LEGATE_TESTHOOK_H

void lg_test_pause(const char *point);

#endif
