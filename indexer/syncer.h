/*
 * syncer.h — sync (sync.h) on a thread of its own, so that Xapian's writes
 * use the second core while an index run analyses and stores the next
 * batch.
 *
 * The thread writes the documents the run built for the batch
 * (lg_sync_apply_built), or reads SQLite through a connection of its own
 * (WAL: a reader sees the last commit and never waits for the writer) and
 * applies the outbox with lg_sync_apply; it never writes SQLite. The run trims the
 * outbox rows it applied (lg_syncer_applied) in its own transactions. The
 * protocol is unchanged: SQLite commits a batch, then Xapian applies it
 * with its applied seq in the same Xapian commit, then the outbox is
 * trimmed; a crash anywhere replays from Xapian's applied seq.
 *
 * Between lg_syncer_start and lg_syncer_stop the thread alone uses the
 * Xapian writer `xdb` (borrowed, not freed). At most one batch is in
 * flight: lg_syncer_kick first waits for the previous pass.
 */
#ifndef LEGATE_SYNCER_H
#define LEGATE_SYNCER_H

#include <stdint.h>

#include "err.h"
#include "sync.h"
#include "xs.h"

typedef struct lg_syncer lg_syncer;

/* Opens its own connection to the SQLite file and starts the thread. */
int lg_syncer_start(lg_syncer **out, const char *sqlite_path, xs_db *xdb, lg_err *e);

/* Waits for the pass in flight, then starts one over everything SQLite has
 * committed. Fails with the error of the finished pass, if any. */
int lg_syncer_kick(lg_syncer *s, lg_err *e);

/* lg_syncer_kick with the documents of the batch, built by the writer in
 * its transaction (lg_sync_build) for the outbox rows (from, to]: the pass
 * only writes them (lg_sync_apply_built), or reads SQLite as
 * lg_syncer_kick does when they do not fit Xapian's applied seq. Takes
 * docs (malloc()ed, n entries) in every case. */
int lg_syncer_kick_built(lg_syncer *s, lg_built *docs, size_t n, int64_t from, int64_t to,
                         lg_err *e);

/* The outbox seq Xapian has committed, as of the last finished pass (0
 * before any): the outbox may be trimmed up to it. Passes commit only
 * when due (sync.h), so it may lag the batches handed over. Only read
 * between passes (after kick or stop returned). */
int64_t lg_syncer_applied(const lg_syncer *s);

/* Waits for the pass in flight, commits what the passes left pending
 * (sync.h: lg_sync_apply_built), stops the thread and frees everything.
 * *applied (may be NULL) gets lg_syncer_applied. Fails with the error of
 * the last pass, if any. NULL is a no-op. */
int lg_syncer_stop(lg_syncer *s, int64_t *applied, lg_err *e);

#endif
