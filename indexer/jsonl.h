/*
 * jsonl.h — JSON Lines feeds: one article per line.
 *
 * Fields: "text" (required, a non-empty string), "id" or "url" (the source
 * is the url, else "<path>#<id>", else "<path>#L<line>"), "date" (ISO 8601,
 * see date.h), "outlet", "speaker", "title", "lang". Other fields are
 * ignored; a field of the wrong type is an error. Blank lines are skipped.
 * A line longer than LG_MAX_RECORD_BYTES is an error (README "Limits").
 */
#ifndef LEGATE_JSONL_H
#define LEGATE_JSONL_H

#include <stddef.h>

#include "article.h"
#include "err.h"

#define LG_MAX_RECORD_BYTES ((size_t)16 << 20)

/* Parses line `lineno` (1-based) of feed `path` into *out (cleared first;
 * the caller lg_article_clear()s it). Errors name path:line[:column]. */
int lg_jsonl_record(const char *line, size_t len, const char *path, size_t lineno,
                    lg_article *out, lg_err *e);

#endif
