/*
 * collapse.h — collapsing the copies of a statement (syndicated copies of
 * an article, a quotation repeated in several articles) one result at a
 * time, so that keyset pages collapse exactly.
 *
 * A keyset page only holds the results after the last one written, so
 * Xapian's collapse key would see only the copies inside the page: a copy
 * of a statement already written would come back as a new result. Instead
 * each result asks which documents share its group (SQLite knows the
 * members), which of them match the query (one Xapian query on their id
 * terms), and whether it comes first among them in the order: only the
 * first stands for the group, with the number of matching copies. Memory
 * holds one group at a time.
 */
#ifndef LEGATE_QUERY_COLLAPSE_H
#define LEGATE_QUERY_COLLAPSE_H

#include <sqlite3.h>
#include <stdint.h>

#include "err.h"
#include "keyset.h"
#include "xs.h"

typedef struct {
    /* The other members' ids: ?1 the group value (text), ?2 the result's
     * own id. */
    const char *members_sql;
    uint64_t docid_base;    /* Xapian docid = base + id */
    int group_slot;         /* the group value's slot */
} lg_collapse_target;

typedef struct lg_collapse lg_collapse;

/* Borrows sql, xdb and q (the query whose matches are collapsed) for its
 * lifetime. -1 with e set on failure. */
int lg_collapse_new(sqlite3 *sql, xs_db *xdb, const xs_query *q, const lg_collapse_target *t,
                    lg_collapse **out, lg_err *e);
void lg_collapse_free(lg_collapse *c);

/* For the result at `row` whose group value is group[0..glen): *count gets
 * the number of matching documents in its group (1 when it has no copy,
 * or no group), *first whether `row` comes first among them in `sort`
 * (LG_SORT_ID, NEWEST or OLDEST; it then stands for the group; ignore it
 * in relevance order). */
int lg_collapse_check(lg_collapse *c, lg_sort sort, const lg_key *row, const char *group,
                      size_t glen, uint64_t *count, int *first, lg_err *e);

#endif
