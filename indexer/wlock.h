/*
 * wlock.h — one writer at a time per database directory.
 *
 * A writer (index, alias add, check --repair) holds a POSIX write lock on
 * DIR/legate.lock for its whole session; the kernel drops it when the
 * process dies, so a killed writer never leaves a stale lock. Readers never
 * take it: lg_wlock_holder only asks who holds it.
 *
 * POSIX locks belong to the process and vanish when the process closes ANY
 * descriptor of the file: a process holds at most one lg_wlock, and never
 * calls lg_wlock_holder while holding it.
 */
#ifndef LEGATE_WLOCK_H
#define LEGATE_WLOCK_H

#include <stdint.h>
#include <sys/types.h>

#include "err.h"

/* How long to wait for another writer. */
typedef struct {
    long seconds;   /* <0: as long as it takes; 0: not at all */
    /* Called once, when waiting starts, with the holder's pid (NULL: none). */
    void (*waiting)(void *ctx, const char *dir, long holder);
    /* Called once, when the lock is taken, if Xapian has `pending`
     * articles to rewrite first (after an upgrade, a rebuild or an
     * interrupted run: long on a large index). NULL: say nothing. */
    void (*catching_up)(void *ctx, const char *dir, int64_t pending);
    void *ctx;
} lg_wait;

typedef struct {
    int fd;  /* -1 when nothing is held */
} lg_wlock;

enum {
    LG_WLOCK_CREATE = 1,  /* create the database directory if missing */
    LG_WLOCK_QUIESCE = 2  /* a reader waiting for writers to finish (check):
                             creates no file; a read-only directory, which
                             nobody can write, takes nothing and returns 0 */
};

/* Takes the lock of database `dir`. A missing database without
 * LG_WLOCK_CREATE takes nothing and returns 0: opening it reports that.
 * `wait` NULL: fail at once. Fails with LG_EXIT_DB and a message naming
 * the holder when the wait runs out, or when the directory is read-only. */
int lg_wlock_acquire(lg_wlock *l, const char *dir, int flags, const lg_wait *wait, lg_err *e);
void lg_wlock_release(lg_wlock *l);

/* The pid of the process writing to `dir`, or 0 when none is. */
long lg_wlock_holder(const char *dir);

#endif
