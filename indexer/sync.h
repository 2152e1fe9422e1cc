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
/* The applied seq from which every dated document carries its year and
 * month terms (docbuild.c); absent from an index written before them. */
#define LG_DATE_TERMS_KEY "legate.date_terms_from"

/* Applies pending outbox rows to the writable `xdb` and commits it (with
 * anything lg_sync_apply_built left uncommitted).
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
 * the article), without committing. *held_max (NULL or -1: unknown) is an
 * article id above which `xdb` has never held an article, so that an
 * article above it has no old quotations to look for (a Xapian lookup per
 * article, 3 % of a build from empty); it is raised to b->id. */
int lg_sync_write(xs_db *xdb, const lg_built *b, int64_t *held_max, lg_err *e);
void lg_built_clear(lg_built *b);

/* lg_sync_apply with the documents built by the writer before it
 * committed: docs[] are the outbox rows (from, to], one each, in order.
 * Returns 1, writing nothing, unless Xapian's applied seq is `from` and
 * there are to - from documents: then lg_sync_apply must do the work.
 * It writes the documents and the applied seq `to` but commits them only
 * when lg_sync_commit_due says so (*committed = 1); until a commit, the
 * outbox rows stay (Xapian's committed seq is what a crash replays from)
 * and the writer reads the uncommitted seq as its own. held_max is
 * lg_sync_write's. */
int lg_sync_apply_built(xs_db *xdb, const lg_built *docs, size_t n, int64_t from, int64_t to,
                        int64_t *held_max, int *committed, lg_err *e);

/* Whether the writes pending in `xdb` are due to be committed. Xapian
 * keeps postings and positions keyed by term, so a commit rewrites every
 * block that any of its new terms lands in: on a large index, fewer and
 * bigger commits write several times less (20,000 articles added to 1M:
 * 8.2 GB written per batch, 3.1 GB per five batches, the run a fifth
 * shorter; on 21k, where the blocks are few, it only costs memory). So a
 * commit is due once the pending documents reach 1/LG_COMMIT_SHARE of the
 * index, within [LG_COMMIT_MIN_DOCS, LG_COMMIT_MAX_DOCS], or the pending
 * terms, which Xapian holds in memory, reach LG_COMMIT_MAX_TERMS (about
 * 100 MB). */
#define LG_COMMIT_SHARE 64
#define LG_COMMIT_MIN_DOCS 1000
#define LG_COMMIT_MAX_DOCS 8000
#define LG_COMMIT_MAX_TERMS 1000000
int lg_sync_commit_due(xs_db *xdb, int *due, lg_err *e);
/* Commits what lg_sync_apply_built left pending, if anything. */
int lg_sync_commit_pending(xs_db *xdb, lg_err *e);

/* Xapian's applied seq (0 for a new index). */
int lg_sync_applied_seq(xs_db *xdb, int64_t *seq, lg_err *e);

/* For a writer: an index without LG_DATE_TERMS_KEY gets it at `last`, the
 * newest outbox seq (migration 008 queued every article of an older index;
 * a new or emptied one has no document written without the terms), and is
 * committed. */
int lg_sync_mark_date_terms(xs_db *xdb, int64_t last, lg_err *e);
/* Whether a search may use the date terms: the key is set and Xapian has
 * applied up to it. 0 on any doubt (the value range is always right). */
int lg_sync_date_terms(xs_db *xdb);

#endif
