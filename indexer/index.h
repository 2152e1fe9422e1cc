/*
 * index.h — `legate index`: read inputs into the store, then sync Xapian.
 *
 * Incremental: an input whose hash (text + metadata) is unchanged is
 * skipped; a changed one replaces its article under the same id. With
 * prune, articles read from files under the given paths that were not seen
 * in this run (file deleted, record gone from a feed) are removed; articles
 * of inputs that failed this run are kept. With full, every input is
 * rewritten and Xapian rebuilt from SQLite.
 * Work is committed in batches (SQLite, then Xapian via sync), so an
 * interrupted run keeps what it committed and the next run carries on.
 */
#ifndef LEGATE_INDEX_H
#define LEGATE_INDEX_H

#include <stddef.h>

#include "date.h"
#include "err.h"
#include "wlock.h"

typedef struct lg_index_summary {
    unsigned long added, updated, unchanged, removed, failed;
    unsigned long elsewhere;  /* --shard K/N: articles of the other shards, skipped */
} lg_index_summary;

typedef struct {
    /* Metadata for every input, overriding what the input says (borrowed). */
    const char *outlet, *speaker, *title, *lang;
    lg_date date;   /* precision LG_DATE_UNKNOWN: not given */
    int prune;
    int follow_links;  /* follow symbolic links out of folders (input.h) */
    int full;
    size_t batch;   /* articles per commit; 0: the default */
    /* > 0: dbdir is a collection of this many shards (collection.h),
     * each article written to the shard of its source. */
    unsigned shards;
    /* With shards: build shard `shard` of them only, on its own: dbdir is
     * that shard (lg_collection_open_alone); articles of the other shards
     * are skipped. */
    int alone;
    unsigned shard;
    lg_wait wait;   /* for another writer (zeroed: fail at once) */
    /* Called with one line per broken input ("path:line: why"). */
    void (*warn)(void *ctx, const char *msg);
    /* Called now and then with the running counts (NULL: none). */
    void (*progress)(void *ctx, const lg_index_summary *sum);
    void *ctx;
} lg_index_opts;

/* Indexes `paths` into the database directory `dbdir` (created if
 * missing). Returns 0 when the run completed (even if some inputs failed:
 * see sum->failed), -1 with *e set when it could not (database locked,
 * unwritable, a path missing...). */
int lg_index_run(const char *dbdir, const char *const *paths, size_t n_paths,
                 const lg_index_opts *opts, lg_index_summary *sum, lg_err *e);

#endif
