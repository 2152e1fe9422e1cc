/*
 * writer.h — a write session on a database: the writer lock (wlock.h:
 * the only writer), SQLite, its store, the Xapian writer and a stemmer.
 *
 * Opening finishes any change an interrupted session committed to SQLite
 * only (sync), so every session starts from consistent stores.
 */
#ifndef LEGATE_WRITER_H
#define LEGATE_WRITER_H

#include "analyze.h"
#include "dbdir.h"
#include "err.h"
#include "store.h"
#include "wlock.h"
#include "xs.h"

typedef struct {
    lg_wlock lock;
    lg_dbdir db;
    lg_store *store;
    xs_db *xdb;
    lg_stemmer *stemmer;
    /* The open's sync rewrote most of the index: at least half as many
     * rows waited as were ever applied (a migration queues every article). */
    int rewrote_most;
} lg_writer;

/* create: make the database if missing (else it must exist). rebuild:
 * empty the Xapian index and write every article again. wait: how long to
 * wait for another writer (NULL: fail at once). */
int lg_writer_open(lg_writer *w, const char *dir, int create, int rebuild, const lg_wait *wait,
                   lg_err *e);
/* Applies the outbox to Xapian (sync.h): call after each SQLite commit.
 * The test hook "between-commits" (testhook.h) is here. */
int lg_writer_sync(lg_writer *w, lg_err *e);
void lg_writer_close(lg_writer *w);

#endif
