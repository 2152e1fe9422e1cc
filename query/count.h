/*
 * count.h — exact counts of a matching set grouped by one property, for
 * `legate count` (and the periods of `legate timeline`).
 *
 * The set is exactly what `search` (or `quotes`) would list for the same
 * request, collapsed the same way, so the counts sum to its total.
 * Outlets and speakers are shown by name, dates grouped into periods;
 * results without the property form one row whose value is NULL.
 */
#ifndef LEGATE_QUERY_COUNT_H
#define LEGATE_QUERY_COUNT_H

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>

#include "err.h"
#include "format.h"
#include "search.h"
#include "xs.h"

typedef enum { LG_BY_OUTLET, LG_BY_SPEAKER, LG_BY_LANG, LG_BY_YEAR, LG_BY_MONTH } lg_by;

/* "outlet", "speaker", "lang", "year", "month"; -1 for anything else. */
int lg_by_parse(const char *name, lg_by *out);
const char *lg_by_name(lg_by by);

typedef struct {
    char *value;      /* display value; NULL: results without one */
    uint64_t count;
} lg_count_row;

typedef struct {
    lg_count_row *rows;
    size_t n, cap;
    uint64_t total;   /* the sum of the counts: the search total */
} lg_counts;

/* sql NULL: a database of shards (names from document data, shards.h).
 * Rows: periods in time order; otherwise by count, most first, ties by
 * value; the NULL row last. */
int lg_count(sqlite3 *sql, xs_db *xdb, const lg_search_req *req, lg_by by, lg_counts *out,
             lg_err *e);
void lg_counts_free(lg_counts *c);

/* Writes the counts: text ("COUNT  VALUE" lines), json ({query, by, total,
 * collapsed, counts: [{value, count}]}), ndjson ({value, count} lines),
 * csv/tsv (header "<by>,count"). Returns 0, or -1 on a write error. */
int lg_counts_write(const lg_counts *c, lg_format f, const char *query, lg_by by, int collapsed,
                    FILE *out);

#endif
