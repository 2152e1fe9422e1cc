#include "wordset.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *const *list;
    int lead;           /* keyed by each entry's first word */
    const char **slot;  /* open addressing, linear probing; NULL: empty */
    uint32_t mask;      /* slots - 1; at most half the slots are used */
} wordset;

/* The sets, and a table from a list's address to its sets: open
 * addressing over twice as many slots as sets, each published once. */
#define SLOTS (2 * LG_WORDSETS_MAX)
static wordset sets[LG_WORDSETS_MAX];
static size_t n_sets; /* under `building` */
static _Atomic(const wordset *) by_list[SLOTS];
static pthread_mutex_t building = PTHREAD_MUTEX_INITIALIZER;

uint32_t lg_word_hash(const char *word)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)word; *p && *p != ' '; p++)
        h = (h ^ *p) * 16777619u;
    return h;
}

/* Whether entry e (up to its first space, for a lead set) is `word`. */
static int same(const wordset *s, const char *e, const char *word)
{
    if (e[0] != word[0])
        return 0;
    if (!s->lead)
        return strcmp(e, word) == 0;
    size_t n = strcspn(e, " ");
    return strncmp(e, word, n) == 0 && word[n] == '\0';
}

static int build(wordset *s, const char *const *list, int lead)
{
    size_t n = 0;
    while (list[n])
        n++;
    uint32_t cap = 8;
    while (cap < 2 * n)
        cap *= 2;
    s->slot = calloc(cap, sizeof *s->slot);
    if (!s->slot)
        return -1;
    s->mask = cap - 1;
    s->lead = lead;
    for (size_t k = 0; k < n; k++) {
        uint32_t i = lg_word_hash(list[k]) & s->mask;
        while (s->slot[i])
            i = (i + 1) & s->mask;
        s->slot[i] = list[k];
    }
    s->list = list;
    return 0;
}

static size_t slot_of(const char *const *list, int lead)
{
    return (size_t)((((uintptr_t)list >> 3) * 2 + (unsigned)lead) * 2654435761u) % SLOTS;
}

/* The list's set if it has one; else *free_slot (may be NULL) gets where
 * it would go. */
static const wordset *find(const char *const *list, int lead, size_t *free_slot)
{
    for (size_t i = slot_of(list, lead);; i = (i + 1) % SLOTS) {
        const wordset *s = atomic_load_explicit(&by_list[i], memory_order_acquire);
        if (!s || (s->list == list && s->lead == lead)) {
            if (free_slot)
                *free_slot = i;
            return s;
        }
    }
}

/* The list's set, built now if it is new; NULL: scan the list. */
static const wordset *set_of(const char *const *list, int lead)
{
    const wordset *s = find(list, lead, NULL);
    if (s)
        return s;
    pthread_mutex_lock(&building);
    size_t slot;
    s = find(list, lead, &slot);
    if (!s && n_sets < LG_WORDSETS_MAX && build(&sets[n_sets], list, lead) == 0) {
        s = &sets[n_sets++];
        atomic_store_explicit(&by_list[slot], s, memory_order_release);
    }
    pthread_mutex_unlock(&building);
    return s;
}

static int has(const char *const *list, int lead, const char *word, uint32_t hash)
{
    if (!*word)
        return 0;
    const wordset *s = set_of(list, lead);
    if (!s) {
        const wordset scan = {.lead = lead};
        for (; *list; list++)
            if (same(&scan, *list, word))
                return 1;
        return 0;
    }
    for (uint32_t i = hash & s->mask; s->slot[i]; i = (i + 1) & s->mask)
        if (same(s, s->slot[i], word))
            return 1;
    return 0;
}

int lg_wordset_has(const char *const *list, const char *word, uint32_t hash)
{
    return has(list, 0, word, hash);
}

int lg_wordset_has_lead(const char *const *list, const char *word, uint32_t hash)
{
    return has(list, 1, word, hash);
}
