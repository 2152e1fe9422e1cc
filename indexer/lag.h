/*
 * lag.h — how far Xapian is behind SQLite.
 *
 * The generation of the database is the highest outbox seq SQLite ever
 * assigned (AUTOINCREMENT: never reused, never lowered). Xapian stores the
 * generation it has applied (sync.h) in the same commit as the documents.
 * Equal: the two stores agree. Applied below generation: a writer is
 * between its SQLite and Xapian commits, or was interrupted there (the
 * next writer replays the outbox). Applied above generation cannot happen
 * unless the SQLite file was replaced by an older one: rebuild Xapian.
 *
 * Read Xapian's half first: SQLite commits before Xapian, so a reader that
 * does sees applied <= generation whatever a writer does meanwhile.
 */
#ifndef LEGATE_LAG_H
#define LEGATE_LAG_H

#include <sqlite3.h>
#include <stdint.h>

#include "err.h"
#include "xs.h"

typedef struct {
    int64_t applied;     /* Xapian's legate.applied_seq */
    int64_t generation;  /* SQLite's highest outbox seq */
    int64_t pending;     /* articles changed after `applied` */
} lg_lag;

int lg_lag_read(sqlite3 *sql, xs_db *xdb, lg_lag *out, lg_err *e);

/* A one-line description for a warning or `check` ("" when in step). */
void lg_lag_describe(const lg_lag *l, char *buf, size_t cap);

#endif
