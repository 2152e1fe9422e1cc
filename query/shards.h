/*
 * shards.h — what a hit needs beyond its own document when the database
 * is a set of shards (`--shards FILE`) and no SQLite is at hand: every
 * answer is read from Xapian document data (docdata.h) across all shards.
 *
 * Results equal those of the SQLite queries they replace in search.c
 * (copies_sql, the article text) and count.c (entity names).
 */
#ifndef LEGATE_QUERY_SHARDS_H
#define LEGATE_QUERY_SHARDS_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "fields.h"
#include "xs.h"

/* The outlets carrying a statement, as JSON array text (malloc()ed):
 * every document of `kind` ("article" or "quote") whose value in
 * `slot` (the collapse key) is `key`, one entry per outlet name, ordered by
 * the earliest date (undated last) then the lowest article id. An article
 * without copies carries no key: then its own outlet `own` (NULL: none).
 * NULL with *e on error. */
char *lg_shards_outlets(xs_db *xdb, const char *kind, int slot, const char *key, const char *own,
                        lg_err *e);

/* How many documents match `q` with `key` in `slot`: the copies a
 * collapsed result stands for. Xapian's own collapse count is a lower
 * bound when remote shards each collapse before their results merge. */
int lg_shards_count(xs_db *xdb, const xs_query *q, int slot, const char *key, uint64_t *n,
                    lg_err *e);

/* The clean text of article `id` (malloc()ed, *len bytes); NULL if it is
 * in no shard, or on error (*e set). */
char *lg_shards_article_text(xs_db *xdb, int64_t id, size_t *len, lg_err *e);

/* The display name of the outlet or speaker (`field`) whose key is `key`,
 * as an article of its lowest docid shows it; NULL if none (malloc()ed). */
char *lg_shards_name(xs_db *xdb, lg_field_id field, const char *key);

#endif
