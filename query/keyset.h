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

/* The documents strictly after k in `sort`, as a filter (caller frees).
 * NULL when out of memory. */
xs_query *lg_key_after(lg_sort sort, const lg_key *k);

#endif
