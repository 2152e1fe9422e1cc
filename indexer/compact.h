/*
 * compact.h — after a bulk build, the Xapian index is replaced by a
 * compacted copy of itself: Xapian's writer leaves its B-tree blocks part
 * empty, and compaction halves the index (bench/README.md, "Where indexing
 * time goes").
 *
 * The copy is made from the committed revision while the caller still
 * holds the writer (so nothing else can write in between), made durable,
 * then swapped in by two renames: xapian/ -> xapian.old/, xapian.compact/
 * -> xapian/, and the old one removed. A crash between the renames leaves
 * no xapian/, which the next index run rebuilds from SQLite (writer.h); a
 * reader that opened the old index keeps reading it.
 */
#ifndef LEGATE_COMPACT_H
#define LEGATE_COMPACT_H

#include "err.h"
#include "xs.h"

/* Whether a run that leaves `after` documents, from `before`, built most
 * of the index (so compacting pays for itself). */
int lg_compact_pays(unsigned long long before, unsigned long long after);

/* Replaces the index at `path`, open as writer `xdb`, by its compacted
 * copy. `xdb` still reads the old files until closed. */
int lg_compact_xapian(xs_db *xdb, const char *path, lg_err *e);

#endif
