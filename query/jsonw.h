/*
 * jsonw.h — JSON values appended to a buffer as text, byte for byte as
 * jansson 2.14 dumps them (no JSON_ENSURE_ASCII, no JSON_ESCAPE_SLASH), so
 * a result written this way reads exactly as one dumped from json_t
 * objects: the output contract does not depend on which is used. Writing
 * directly skips a json_t per value, which cost more than the rest of an
 * export.
 */
#ifndef LEGATE_QUERY_JSONW_H
#define LEGATE_QUERY_JSONW_H

#include <jansson.h>

#include "strbuf.h"

/* A string: quoted, with " \ and control characters escaped as jansson
 * does (\n, \t, …, else \u00XX). -1 with errno EILSEQ, and nothing
 * appended, when s is not valid UTF-8 (jansson refuses it too). */
int lg_jsonw_string(lg_sb *sb, const char *s);

/* An integer in decimal, as printf's %lld writes it (no snprintf per
 * number). */
void lg_jsonw_int(lg_sb *sb, long long v);

/* Line breaks of pretty-printed output (indent > 0): a newline and `depth`
 * levels of `indent` spaces; nothing when compact. */
void lg_jsonw_newline(lg_sb *sb, int indent, int depth);

/* Any value dumped by jansson with `flags`, its lines moved `depth` levels
 * of `indent` spaces right, as it would sit at that depth of a document.
 * -1 when jansson cannot dump it. */
int lg_jsonw_dump(lg_sb *sb, const json_t *v, size_t flags, int indent, int depth);

#endif
