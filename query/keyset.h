/*
 * keyset.h — positions in the result orders that do not depend on weight
 * (id, newest, oldest), so a page can start strictly after the last result
 * written instead of at an offset: Xapian then never holds more than one
 * page, however deep the export.
 *
 * A result's key is its date value (LG_SLOT_DATE, "" when undated) and its
 * docid. newest: dated first, date descending; oldest: undated first, date
 * ascending; ties (and id order) by ascending docid: exactly Xapian's
 * orders (xs.h), so the keys of consecutive results always increase.
 */
#ifndef LEGATE_QUERY_KEYSET_H
#define LEGATE_QUERY_KEYSET_H

#include <stddef.h>
#include <stdint.h>

#include "search.h"
#include "xs.h"

typedef struct {
    char date[16];      /* NUL-terminated; "" when undated */
    uint64_t docid;
} lg_key;

/* A key from a date value (not NUL-terminated; longer ones are cut). */
void lg_key_set(lg_key *k, const char *date, size_t len, uint64_t docid);

/* <0 when a comes before b in `sort` (LG_SORT_ID, NEWEST or OLDEST), 0 when
 * equal, >0 after. */
int lg_key_cmp(lg_sort sort, const lg_key *a, const lg_key *b);

/* How far past the cursor a page of newest or oldest order looks. Every
 * page sorts its candidates by date value, so a page over all the results
 * after the cursor costs as much as the rest of the export: quadratic in
 * its length. A window stops the candidates at a date `bound` chosen to
 * hold about two pages (from the dates the last page spanned), so a page
 * weighs about a page. The documents after the cursor up to the bound are
 * a prefix of the order, so a page from the window is the next page of
 * the whole; a window holding less than a page is widened (four times
 * each time) until the window is unbounded. */
typedef struct {
    int bounded;
    char bound[16];     /* newest: the earliest date in; oldest: the latest;
                         * "" in oldest order: only undated documents */
    long span;          /* the window's width in days, from the cursor */
    char lo[16], hi[16]; /* the lowest and highest date values ("": not known) */
} lg_window;

/* The window of the first page, from the date values' bounds over the
 * database (lo, hi) and its number of documents: the dates about two
 * pages take if they spread evenly from the first date of the order.
 * Unbounded when the bounds are not YYYYMMDD dates. */
void lg_window_first(lg_window *w, lg_sort sort, const char *lo, const char *hi, uint64_t docs,
                     size_t limit);

/* The documents from the start of the order up to w's bound, as a filter
 * (caller frees; NULL when out of memory): a first page. */
xs_query *lg_key_first(lg_sort sort, const lg_window *w);

/* The window of the page after a page of `n` results (of `limit` asked)
 * from `first` to `last`, the cursor now (NULL while no result has been
 * seen: an empty first window, so a wider first window): unbounded in id
 * order, after an unbounded page that was short (there is no more), when
 * the bound would pass the last date of the order (w->lo or w->hi), or
 * when dates are not YYYYMMDD. */
void lg_window_next(lg_window *w, lg_sort sort, const lg_key *first, const lg_key *last,
                    size_t n, size_t limit);

/* The documents strictly after k in `sort`, as a filter (caller frees),
 * within window w (NULL or unbounded: all of them). NULL when out of
 * memory. */
xs_query *lg_key_after(lg_sort sort, const lg_key *k, const lg_window *w);

#endif
