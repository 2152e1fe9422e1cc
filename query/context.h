/*
 * context.h — the sentences around a span of an article's clean text, for
 * `legate quotes --context N`.
 *
 * A sentence ends after '.', '!', '?' or '…' (and any closing quote marks
 * or brackets) followed by white space, or at a paragraph break (a blank
 * line); the context never crosses a paragraph break. White space runs in
 * the result are folded to one space.
 */
#ifndef LEGATE_QUERY_CONTEXT_H
#define LEGATE_QUERY_CONTEXT_H

#include <stddef.h>

/* The sentences holding [start, end) plus up to n before and n after,
 * malloc()ed; NULL on allocation failure. Offsets past len are clamped. */
char *lg_context(const char *text, size_t len, size_t start, size_t end, unsigned n);

#endif
