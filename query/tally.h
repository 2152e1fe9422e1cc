/*
 * tally.h — a running count per distinct value: a hash map from byte
 * strings to counts, for count and timeline. Memory is proportional to the
 * distinct values, never to the number of results counted.
 *
 * Keys are copied (NUL-terminated, so they read as C strings when they
 * hold no NUL); the tally owns them until lg_tally_free.
 */
#ifndef LEGATE_QUERY_TALLY_H
#define LEGATE_QUERY_TALLY_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    char *key;          /* NULL: an empty bucket */
    size_t len;
    uint64_t count;
} lg_tally_entry;

typedef struct {
    lg_tally_entry *v;  /* cap buckets; iterate and skip NULL keys */
    size_t n, cap;
} lg_tally;

#define LG_TALLY_INIT {NULL, 0, 0}

/* Adds n to key's count (a new key starts at 0). -1 when out of memory. */
int lg_tally_add(lg_tally *t, const char *key, size_t len, uint64_t n);
/* key's count (0 when absent). */
uint64_t lg_tally_get(const lg_tally *t, const char *key, size_t len);
void lg_tally_free(lg_tally *t);

#endif
