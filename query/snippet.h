/*
 * snippet.h — a short excerpt of a document around the words a query
 * matched, with the matched words marked.
 *
 * The text is tokenized with the shared analyzer; a token matches when its
 * folded form equals an exact term, or its stem equals a stemmed term, of
 * the set. The excerpt is the window of about `max_chars` characters with
 * the most distinct matches (earliest on ties), cut at token boundaries,
 * with "…" where text was cut off; runs of white space become one space.
 * With no match it is the start of the text. Never splits a UTF-8 sequence.
 */
#ifndef LEGATE_QUERY_SNIPPET_H
#define LEGATE_QUERY_SNIPPET_H

#include <stddef.h>

#include "analyze.h"
#include "hit.h"

typedef struct lg_hlset lg_hlset;

/* An empty set of terms to highlight. NULL on allocation failure. */
lg_hlset *lg_hlset_new(void);
void lg_hlset_free(lg_hlset *set);
/* Adds a folded term (stemmed = 0) or a stem (stemmed = 1). Copies it. */
void lg_hlset_add(lg_hlset *set, const char *term, size_t len, int stemmed);

/* Builds the snippet of `text` into a malloc()ed string (*out, caller
 * frees) and its highlight spans (*hl, malloc()ed, caller frees; *n_hl
 * entries). Returns 0, or -1 on allocation failure. */
int lg_snippet(const char *text, size_t len, const lg_hlset *set, lg_stemmer *st,
               size_t max_chars, char **out, lg_span **hl, size_t *n_hl);

#endif
