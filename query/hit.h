/*
 * hit.h — one search result as the formatters see it.
 *
 * A hit owns all its strings. values[] is indexed by lg_field_id and holds
 * the stored fields (LG_KIND_STORED/BOOLEAN/DATE/TEXT with a column) as
 * display text, NULL when absent (output as JSON null / empty CSV cell).
 * id, rank and score are numbers. The snippet is plain text; hl[] marks the
 * matched words in it as byte spans, in order and non-overlapping.
 */
#ifndef LEGATE_QUERY_HIT_H
#define LEGATE_QUERY_HIT_H

#include <stddef.h>
#include <stdint.h>

#include "fields.h"

typedef struct {
    size_t start, end;
} lg_span;

typedef struct {
    uint64_t id;
    uint64_t rank;          /* 1-based, counting from the first result overall */
    double score;           /* BM25 weight; 0 when not ranked by relevance */
    char *values[LG_F__COUNT];
    char *snippet;          /* NULL when there is none */
    lg_span *hl;
    size_t n_hl;
} lg_hit;

/* Frees everything the hit owns (not the hit itself) and zeroes it. */
void lg_hit_clear(lg_hit *h);

#endif
