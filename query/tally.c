#include "tally.h"

#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s, size_t len)
{
    uint64_t h = 14695981039346656037u; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

/* The bucket holding key, or the empty one where it would go. cap is a
 * power of two and never full. */
static lg_tally_entry *find(const lg_tally_entry *v, size_t cap, const char *key, size_t len)
{
    size_t i = (size_t)hash(key, len) & (cap - 1);
    while (v[i].key && (v[i].len != len || memcmp(v[i].key, key, len) != 0))
        i = (i + 1) & (cap - 1);
    return (lg_tally_entry *)&v[i];
}

static int grow(lg_tally *t)
{
    size_t cap = t->cap ? t->cap * 2 : 16;
    lg_tally_entry *v = calloc(cap, sizeof *v);
    if (!v)
        return -1;
    for (size_t i = 0; i < t->cap; i++)
        if (t->v[i].key)
            *find(v, cap, t->v[i].key, t->v[i].len) = t->v[i];
    free(t->v);
    t->v = v;
    t->cap = cap;
    return 0;
}

int lg_tally_add(lg_tally *t, const char *key, size_t len, uint64_t n)
{
    /* At most 3/4 full, so probes stay short and an empty bucket exists. */
    if ((t->n + 1) * 4 > t->cap * 3 && grow(t) != 0)
        return -1;
    lg_tally_entry *b = find(t->v, t->cap, key, len);
    if (!b->key) {
        if (!(b->key = malloc(len + 1)))
            return -1;
        memcpy(b->key, key, len);
        b->key[len] = '\0';
        b->len = len;
        t->n++;
    }
    b->count += n;
    return 0;
}

uint64_t lg_tally_get(const lg_tally *t, const char *key, size_t len)
{
    return t->cap ? find(t->v, t->cap, key, len)->count : 0;
}

void lg_tally_free(lg_tally *t)
{
    for (size_t i = 0; i < t->cap; i++)
        free(t->v[i].key);
    free(t->v);
    *t = (lg_tally)LG_TALLY_INIT;
}
