/*
 * docdata.h — the Xapian document data: everything a search shows about a
 * hit, so that a shard served by xapian-tcpsrv (which serves Xapian only,
 * never SQLite) can still be searched and displayed.
 *
 * Encoding (format 1): a compact JSON object whose keys are the columns of
 * article_view / quote_view that the field table marks as output columns
 * of the kind (LG_OUTPUT for articles, LG_QUOTE_OUTPUT for quotations),
 * plus the id and what snippets, copies and context need:
 *   article:   id, the output columns, text, dup_group
 *   quotation: quote_id, the output columns, qkey, start, end
 * Each value is SQLite's text for the column (numbers as SQLite prints
 * them) or null, so a hit built from the data is byte-identical to one
 * built from SQLite.
 *
 * Only shards carry it: a database searched beside its SQLite never reads
 * it, and the text it holds would nearly double Xapian's size and cost a
 * deflate per document. Opening a database directory says which it is,
 * process-wide (lg_docdata_set_wanted), as it does for the quotation base.
 */
#ifndef LEGATE_DOCDATA_H
#define LEGATE_DOCDATA_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdint.h>

#include "err.h"

typedef enum { LG_DATA_ARTICLE, LG_DATA_QUOTE } lg_data_kind;

/* Whether documents written now carry their data (default: no). */
void lg_docdata_set_wanted(int wanted);
int lg_docdata_wanted(void);

/* The statement reading one article's (quotation's) data; bind ?1 = id.
 * `sql` must have the views (views.h). The caller sqlite3_finalize()s it. */
int lg_docdata_prepare(sqlite3 *sql, lg_data_kind kind, sqlite3_stmt **st, lg_err *e);

/* The data of `id`: 1 with *out malloc()ed (caller frees), 0 when there is
 * no such row, -1 with *e on error. */
int lg_docdata_encode(sqlite3_stmt *st, int64_t id, char **out, lg_err *e);

/* Decoding: the object, or NULL when the data is not an object (a
 * database indexed before document data existed). json_decref() it. */
json_t *lg_docdata_parse(const char *data, size_t len);
/* A malloc()ed copy of the value under `key` (its column), NULL when
 * absent or null. */
char *lg_docdata_dup(const json_t *o, const char *key);
/* The integer under `key` (text or number), 0 when absent. */
int64_t lg_docdata_int(const json_t *o, const char *key);

#endif
