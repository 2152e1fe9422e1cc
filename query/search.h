/*
 * search.h — running a search: parse, compile, rank in Xapian, fetch what
 * is shown from SQLite, build snippets, hand each hit to a formatter.
 *
 * Everything that filters or orders happens inside Xapian, so totals,
 * offsets and limits are exact; SQLite only supplies display fields.
 *
 * Paging. Two ways, one walker, and a sort:
 * - keyset pages (an export from one database in id, newest or oldest
 *   order; count and timeline on one database, in id order): each page is
 *   the query filtered to results after the last one seen (keyset.h), so
 *   memory is one page whatever the depth; copies are collapsed result by
 *   result (collapse.h) and the collapsed total is counted by walking the
 *   results in id order (Xapian's own count would hold every group).
 * - offset pages (search and quotes, which show a top-N page; every run
 *   over shards, which have neither SQLite nor the docid-range filter on
 *   remote servers):
 *   Xapian's collapse key collapses, and the first page checks every match
 *   for an exact total and exact copy counts (one C++ match walk). Page k
 *   makes Xapian keep the best k x page results, so an export this way
 *   grows with depth. Copies on later pages are counted from SQLite
 *   (collapse.h), over shards by one query each (shards.h).
 * - an export from one database in relevance order, which has no key to
 *   start after, weighs every match in docid pages and sorts them in a
 *   SQLite temporary table (ranked.h): memory bounded whatever the depth.
 * All give the same results, ranks, totals and copy counts.
 */
#ifndef LEGATE_QUERY_SEARCH_H
#define LEGATE_QUERY_SEARCH_H

#include <sqlite3.h>
#include <stdint.h>

#include "compile.h"
#include "dbdir.h"
#include "err.h"
#include "format.h"
#include "xs.h"

typedef enum { LG_SORT_AUTO, LG_SORT_RELEVANCE, LG_SORT_NEWEST, LG_SORT_OLDEST, LG_SORT_ID } lg_sort;

/* Parses "relevance", "newest", "oldest", "id"; -1 for anything else. */
int lg_sort_parse(const char *name, lg_sort *out);

typedef enum { LG_TARGET_ARTICLES, LG_TARGET_QUOTES } lg_target;

typedef struct {
    lg_target target;       /* what is searched and shown */
    const char *query;      /* NULL or blank: every article (quotation) */
    lg_filters filters;
    lg_sort sort;           /* AUTO: relevance with words, else newest */
    uint64_t offset, limit;
    size_t snippet_chars;   /* 0: no snippets */
    /* One result per statement however many outlets carry it: syndicated
     * copies of an article (dup_count), or a quotation in several articles
     * (occurrences): how many matched; outlets: every outlet carrying it,
     * first published first. Quotations: `context` sentences around each. */
    int collapse;
    unsigned context;
    /* The columns, in order (--fields); NULL: the target's own. */
    const lg_field_id *fields;
    size_t n_fields;
    /* Results fetched from Xapian at a time (0: on keyset pages, offset +
     * limit, at most LG_VISIT_PAGE in id order or the date page below in
     * date order; LG_RANKED_PAGE weighed in relevance order; offset pages:
     * LG_VISIT_PAGE for an export, all at once for a search). */
    uint64_t page;
    /* An export (every match, streamed): keyset pages or the sort where
     * they apply (see Paging). Otherwise a search: offset pages. */
    int stream;
    /* Start after the result with this id (0: at the start), in the same
     * order: resumes an export where it stopped. Over shards only in id
     * order (the ids are read from the results). */
    uint64_t after;
    /* A search (not stream): count matches exactly up to this many; past
     * it the total is Xapian's estimate (lg_search_res.exact 0). 0: always
     * exact. Weighing every match of a common word was most of its time. */
    uint64_t exact_up_to;
} lg_search_req;

/* A search counts its total exactly up to this many matches (--exact:
 * always), as Elasticsearch's track_total_hits does. */
#define LG_EXACT_UP_TO 10000

typedef struct {
    uint64_t total;         /* number of matches: exact, or estimated if !exact */
    int exact;
    uint64_t shown;
} lg_search_res;

/* Runs `req` against the Xapian reader `xdb` and the database `db`
 * (NULL for a database of shards: hits are then built from the document
 * data, docdata.h, and outlet/speaker aliases are not resolved), writing
 * through `w` (begin, one hit per result, end). Query errors give
 * LG_EXIT_USAGE with the column, database errors LG_EXIT_DB, write errors
 * LG_EXIT_OUTPUT. SQLite is opened (lg_dbdir_sql) only when needed: by an
 * export, for the first result shown, or for an outlet or speaker alias;
 * a search that matches nothing leaves db->sql as it was. */
int lg_search_run(lg_dbdir *db, xs_db *xdb, const lg_search_req *req, lg_fmt *w,
                  lg_search_res *res, lg_err *e);

/* Calls fn for every result of req (its query, filters, target and
 * collapsing: copies collapsed into one result are visited once; order,
 * offset, limit, stream and after ignored) with the result's values in
 * slots[0] and slots[1] (-1: unused; "" when the document has none), in id
 * order, req->page (default LG_VISIT_PAGE) at a time. *total gets the
 * number of results visited, which is the search total. Exact; in constant
 * memory on one database (keyset pages), not over shards (offset pages):
 * used by count and timeline. */
#define LG_VISIT_PAGE 10000
/* Keyset pages in date order hold 1/LG_DATE_PAGE_SHARE of the index, from
 * LG_VISIT_PAGE up to LG_DATE_PAGE_MAX results: Xapian tests a date range
 * against the date of every document in the slot, whatever the window,
 * so each page costs a pass over the index's dates (an export of 1M
 * articles in pages of 10,000: 11.1 s; of 50,000: 6.5 s, 21 MB). */
#define LG_DATE_PAGE_SHARE 32
#define LG_DATE_PAGE_MAX 50000
typedef struct {
    const char *s;  /* not NUL-terminated; valid during the call */
    size_t len;
} lg_value;
typedef void (*lg_value_fn)(void *ctx, const lg_value v[2]);
/* sql may be NULL as for lg_search_run. */
int lg_search_each(sqlite3 *sql, xs_db *xdb, const lg_search_req *req, const int slots[2],
                   lg_value_fn fn, void *ctx, uint64_t *total, lg_err *e);

#endif
