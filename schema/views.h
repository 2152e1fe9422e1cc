/*
 * views.h — article_view and quote_view: an article's (a quotation's)
 * columns as the field table names them (fields.def, `column`), over the
 * tables.
 *
 * They are TEMP views (schema/views.sql), created on the connection that
 * asks for them, not part of the stored schema: every connection parses
 * the stored schema on its first statement, and the views were a third of
 * it, read by every search that never uses them (bench/README.md, "Views
 * on demand").
 * Only the writer (reading documents back), `show` and shard document
 * data read them. Schema 9 dropped the stored ones.
 */
#ifndef LEGATE_VIEWS_H
#define LEGATE_VIEWS_H

#include <sqlite3.h>

#include "err.h"

/* Creates both views on `sql` unless they exist. Returns 0, or -1 with *e
 * (LG_EXIT_DB). */
int lg_views_create(sqlite3 *sql, lg_err *e);

#endif
