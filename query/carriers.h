/*
 * carriers.h — the outlets carrying a statement (its syndicated copies, or
 * the articles quoting it), each once, first published first: the
 * `outlets` of a result, as JSON array text.
 *
 * The rows come from a statement giving (outlet name, date or '9999' when
 * undated, copy id) for every copy, in any order; the names are grouped
 * and ordered here, by their earliest date then their earliest copy id
 * (what GROUP BY name ORDER BY min(date), min(id) gives), because SQLite
 * builds two temporary b-trees for that on every result, which cost more
 * than the lookups.
 */
#ifndef LEGATE_QUERY_CARRIERS_H
#define LEGATE_QUERY_CARRIERS_H

#include <sqlite3.h>

/* Steps `st` (bound, reset by the caller) to its end and returns the names
 * as a compact JSON array text (malloc()ed; caller frees), or NULL when
 * out of memory. A name that is not valid UTF-8 is left out. */
char *lg_carriers_json(sqlite3_stmt *st);

#endif
