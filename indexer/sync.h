/*
 * sync.h — bringing Xapian up to date with SQLite.
 *
 * Protocol (README "Design notes"): each SQLite transaction that changes
 * articles adds outbox rows. lg_sync reads Xapian's metadata key
 * LG_APPLIED_SEQ_KEY, rewrites or deletes the document of every article
 * changed after it (whichever SQLite now says) with its quotation
 * documents, stores the new applied seq
 * in the same Xapian commit, and only then trims the outbox. A crash at any
 * point leaves either the old or the new applied seq in Xapian, and the
 * rewrites are idempotent, so running lg_sync again converges.
 *
 * An index run (syncer.h) may build the documents earlier, in the very
 * transaction that adds the outbox rows, reading the articles back through
 * the same lg_sync_build; they are applied only after that transaction
 * commits, under the same applied-seq rule, so the guarantee is the same.
 */
#ifndef LEGATE_SYNC_H
#define LEGATE_SYNC_H

#include <stdint.h>

#include "analyze.h"
#include "err.h"
#include "store.h"
#include "xs.h"

#define LG_APPLIED_SEQ_KEY "legate.applied_seq"

/* Applies pending outbox rows to the writable `xdb` and commits it.
 * *applied (may be NULL) receives how many articles were rewritten or
 * deleted. The store must not be inside a transaction. */
int lg_sync(lg_store *s, xs_db *xdb, lg_stemmer *st, uint64_t *applied, lg_err *e);

/* lg_sync in two steps, so that a thread with its own read connection can
 * apply while the writer's connection trims: lg_sync_apply reads (in a
 * read transaction) and commits Xapian, *to receiving the seq now applied;
 * lg_sync_trim drops the outbox rows up to it (in its own transaction:
 * `s` must not be inside one). */
int lg_sync_apply(lg_store *s, xs_db *xdb, lg_stemmer *st, int64_t *to, uint64_t *applied,
                  lg_err *e);
int lg_sync_trim(lg_store *s, int64_t to, lg_err *e);

/* An article's Xapian documents, built from what SQLite holds (doc NULL:
 * the article is gone, its documents are deleted). Owns the documents. */
typedef struct {
    int64_t id;
    xs_doc *doc;
    xs_doc **quotes;
    uint64_t *quote_docids;
    size_t n_quotes;
} lg_built;

/* Builds article `id` as `s` reads it now (inside the writer's own
 * transaction it sees that transaction's writes). */
int lg_sync_build(lg_store *s, lg_stemmer *st, int64_t id, lg_built *b, lg_err *e);
/* Deletes the article's old quotation documents and writes b (or deletes
 * the article), without committing. */
int lg_sync_write(xs_db *xdb, const lg_built *b, lg_err *e);
void lg_built_clear(lg_built *b);

/* lg_sync_apply with the documents built by the writer before it
 * committed: docs[] are the outbox rows (from, to], one each, in order.
 * Returns 1, writing nothing, unless Xapian's applied seq is `from` and
 * there are to - from documents: then lg_sync_apply must do the work. */
int lg_sync_apply_built(xs_db *xdb, const lg_built *docs, size_t n, int64_t from, int64_t to,
                        lg_err *e);

/* Xapian's applied seq (0 for a new index). */
int lg_sync_applied_seq(xs_db *xdb, int64_t *seq, lg_err *e);

#endif
