/*
 * ranked.h — every match of a query in relevance order, in bounded memory:
 * what a relevance-ordered export streams.
 *
 * Xapian's matcher keeps the best offset + page results to hand out a
 * page, so paging an export by offset grows with its depth, and relevance
 * has no key to start a page after. Instead every match is weighed once,
 * a page of docids at a time (the next page of matching docids, cheap in
 * docid order, then their BM25 weights from the query restricted to that
 * docid range: a weight depends only on the document and the collection's
 * statistics, so it is the one a whole-index search gives), and its
 * (weight, docid, group) row goes to a SQLite temporary table. SQLite
 * sorts it in bounded memory, spilling to temporary files, in Xapian's
 * order: weight descending, ties by ascending docid. Collapsing keeps each
 * group's first row and counts the group's matching rows.
 *
 * The table (temp.lg_ranked) lives as long as the lg_ranked: one at a time
 * per connection. Xapian docids throughout.
 */
#ifndef LEGATE_QUERY_RANKED_H
#define LEGATE_QUERY_RANKED_H

#include <sqlite3.h>
#include <stdint.h>

#include "err.h"
#include "xs.h"

typedef struct lg_ranked lg_ranked;

/* Weighs every match of q with the weighting of `bm25` (its k1, k2, k3,
 * b, min_normlen; the rest is ignored). group_slot >= 0 collapses on that
 * value slot (documents without a value stand alone). The rows start after
 * the one with docid `after` (0: at the first). Matches are weighed
 * `page` at a time (0: LG_RANKED_PAGE), which bounds what Xapian holds.
 * Borrows sql, xdb and q
 * during the call only. 0 on success; 1 when `after` is not a match; -1
 * with e set on failure (*out NULL unless 0). */
#define LG_RANKED_PAGE 10000
int lg_ranked_new(sqlite3 *sql, xs_db *xdb, const xs_query *q, const xs_search_opts *bm25,
                  int group_slot, uint64_t after, uint64_t page, lg_ranked **out, lg_err *e);

/* Results in all (after collapsing; `after` does not change it). */
uint64_t lg_ranked_total(const lg_ranked *r);

/* The next result: 1 with its docid, weight and matching copies (1 when
 * not collapsing), 0 at the end, -1 with e set on error. */
int lg_ranked_next(lg_ranked *r, uint64_t *docid, double *weight, uint64_t *copies, lg_err *e);

/* Drops the table. NULL is fine. */
void lg_ranked_free(lg_ranked *r);

#endif
