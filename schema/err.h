/*
 * err.h — how Legate reports failures up the call chain, and its exit codes.
 *
 * A function that can fail takes an lg_err * and returns -1 after filling
 * it (code = the exit status the CLI should use, msg = one line naming the
 * file, line or column at fault). The CLI prints "legate: <msg>".
 */
#ifndef LEGATE_ERR_H
#define LEGATE_ERR_H

/* Exit codes: a contract documented in the README. */
enum {
    LG_EXIT_OK = 0,
    LG_EXIT_NONE = 1,     /* search: no results; index: some inputs failed */
    LG_EXIT_USAGE = 2,    /* bad option or query */
    LG_EXIT_DB = 3,       /* database missing, corrupt, locked or unwritable */
    LG_EXIT_OUTPUT = 4    /* writing the output failed */
};

typedef struct {
    int code;
    char msg[1024];
} lg_err;

/* Sets code and msg; returns -1 so callers can `return lg_err_set(...)`. */
int lg_err_set(lg_err *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
