/*
 * writer.h — a write session on a database: SQLite, its store, the Xapian
 * writer (whose lock makes this the only writer) and a stemmer.
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
#include "xs.h"

typedef struct {
    lg_dbdir db;
    lg_store *store;
    xs_db *xdb;
    lg_stemmer *stemmer;
} lg_writer;

/* create: make the database if missing (else it must exist). rebuild:
 * empty the Xapian index and write every article again. */
int lg_writer_open(lg_writer *w, const char *dir, int create, int rebuild, lg_err *e);
/* Applies the outbox to Xapian (sync.h). */
int lg_writer_sync(lg_writer *w, lg_err *e);
void lg_writer_close(lg_writer *w);

#endif
