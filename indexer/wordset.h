/*
 * wordset.h — whether a word is in one of the extractors' static word
 * lists, by hashing instead of scanning.
 *
 * A list is a NULL-terminated array of NUL-terminated words (or phrases,
 * words separated by one space) with static storage: its address names
 * it. The first lookup in a list builds a hash set of its words (of its
 * phrases' first words, for lg_wordset_has_lead), kept for the life of
 * the process and shared by every thread (built under a lock, published
 * with release/acquire, never changed after). Past LG_WORDSETS_MAX sets,
 * or when memory runs out, a lookup scans the list instead: the answer is
 * the same either way. Scanning lists, phrases and titles was 12 % of
 * indexing's instructions (bench/README.md, "Word lists hashed").
 */
#ifndef LEGATE_WORDSET_H
#define LEGATE_WORDSET_H

#include <stdint.h>

#define LG_WORDSETS_MAX 64

/* The hash the lookups expect for `word`: FNV-1a (32 bits) of its bytes
 * up to its end or its first space. */
uint32_t lg_word_hash(const char *word);

/* Whether `word` (hash: lg_word_hash(word)) is one of the list's words;
 * never for "". */
int lg_wordset_has(const char *const *list, const char *word, uint32_t hash);
/* Whether `word` is the first word (up to a space) of one of the list's
 * phrases; never for "". */
int lg_wordset_has_lead(const char *const *list, const char *word, uint32_t hash);

#endif
