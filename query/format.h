/*
 * format.h — writing results in every output format. The machine formats
 * are a contract (README "Output formats"): field names and order come
 * from the field table (LG_OUTPUT fields, in fields.def order), never from
 * here.
 *
 *  text    a human list: rank, date, outlet, speaker, title, then the
 *          snippet; matched words highlighted with ANSI bold when color is
 *          on. Not a contract.
 *  json    one object {"query":…, "total":N, "offset":N, "results":[…]},
 *          streamed: opened by lg_fmt_begin, a result per lg_fmt_hit,
 *          closed by lg_fmt_end, so memory stays constant.
 *  ndjson  one result object per line.
 *  csv     RFC 4180: header row, CRLF line ends, fields quoted when they
 *          contain , " CR or LF, quotes doubled.
 *  tsv     header row, LF line ends; tab, CR, LF and backslash in values
 *          escaped as \t \r \n \\.
 * A value absent from a hit is JSON null and an empty cell. id and rank
 * are integers, score a number with up to 6 decimals; other values take
 * the JSON type the field table gives them (LG_JSON_*), arrays being
 * joined by "; " in csv, tsv and text.
 */
#ifndef LEGATE_QUERY_FORMAT_H
#define LEGATE_QUERY_FORMAT_H

#include <stdint.h>
#include <stdio.h>

#include "hit.h"
#include "strbuf.h"

/* LG_FMT_LIST is set with lg_fmt_set_list, never parsed from a name. */
typedef enum { LG_FMT_TEXT, LG_FMT_JSON, LG_FMT_NDJSON, LG_FMT_CSV, LG_FMT_TSV, LG_FMT_LIST } lg_format;

/* Parses a --format name; returns 0 or -1 for an unknown name. */
int lg_format_parse(const char *name, lg_format *out);

typedef struct lg_fmt lg_fmt;

/* A writer on `out` (borrowed). `query` is echoed in json (NULL -> null).
 * `color` applies to text only. NULL on allocation failure. */
lg_fmt *lg_fmt_new(lg_format f, FILE *out, const char *query, int color);
/* The columns to write: the fields having `flag` (default LG_OUTPUT, the
 * search results; LG_QUOTE_OUTPUT for quotations), in table order. */
void lg_fmt_set_columns(lg_fmt *w, unsigned flag);
/* Exactly these columns, in this order (--fields). */
void lg_fmt_set_fields(lg_fmt *w, const lg_field_id *ids, size_t n);
/* --output ids|sources: only `field`, each value followed by `sep`
 * ('\n', or '\0' for -0), no header: for xargs and shell loops. */
void lg_fmt_set_list(lg_fmt *w, lg_field_id field, char sep);
/* --hl-pre/--hl-post: markers around the matched words of snippets in
 * json, ndjson, csv and tsv (text mode highlights with color instead).
 * Copies them; -1 on allocation failure. */
int lg_fmt_set_markers(lg_fmt *w, const char *pre, const char *post);
/* Whether lg_fmt_begin writes the total (json): the other formats never
 * show it, so a caller may learn it only after the last hit. */
int lg_fmt_needs_total(const lg_fmt *w);
/* Each returns 0, or -1 when writing failed (errno set): exit code 4.
 * exact: 0 when total is an estimate (json "total_exact": false). */
int lg_fmt_begin(lg_fmt *w, uint64_t total, int exact, uint64_t offset);
int lg_fmt_hit(lg_fmt *w, const lg_hit *h);
int lg_fmt_end(lg_fmt *w);
void lg_fmt_free(lg_fmt *w);

/* One csv cell (RFC 4180 quoting) or tsv cell (escapes), appended to sb:
 * for other tables that must quote the same way. */
void lg_csv_cell(lg_sb *sb, const char *s);
void lg_tsv_cell(lg_sb *sb, const char *s);

#endif
