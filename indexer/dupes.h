/*
 * dupes.h — near-duplicate articles: the same story reprinted by several
 * outlets (syndicated copies), to be grouped and shown once.
 *
 * MinHash over the word 5-shingles of the clean text (folded tokens from
 * the shared analyzer, so case, marks and spacing do not matter), with
 * LG_MINHASH_N hash functions; locality-sensitive hashing with
 * LG_MINHASH_BANDS bands of LG_MINHASH_N / LG_MINHASH_BANDS rows finds
 * candidate pairs without comparing every pair. Two articles whose
 * estimated Jaccard similarity is at least LG_DUP_THRESHOLD are copies.
 * Deterministic: fixed seeds, so a text gives tomorrow the band keys
 * stored for it today (the store deletes them by recomputing them).
 */
#ifndef LEGATE_DUPES_H
#define LEGATE_DUPES_H

#include <stddef.h>
#include <stdint.h>

#define LG_MINHASH_N 128
#define LG_MINHASH_BANDS 32
#define LG_DUP_THRESHOLD 0.5

typedef struct {
    uint32_t min[LG_MINHASH_N];
    uint32_t shingles;  /* how many distinct shingles the text had (exact up
                         * to 256, estimated from the signature beyond) */
} lg_minhash;

/* The signature of `text`. A text with fewer than 5 words is hashed on
 * its words alone (shingles of what there is). */
void lg_minhash_of(const char *text, size_t len, lg_minhash *out);

/* The estimated Jaccard similarity of two texts, 0..1. */
double lg_minhash_similarity(const lg_minhash *a, const lg_minhash *b);

/* The LSH key of band `band` (0 .. LG_MINHASH_BANDS-1): texts sharing any
 * band key are candidates. */
uint64_t lg_minhash_band(const lg_minhash *m, int band);

/* Whether a and b have the same key in some band: LSH's candidate pair. */
int lg_minhash_share_band(const lg_minhash *a, const lg_minhash *b);

/* A text too short to group reliably (fewer than LG_DUP_MIN_SHINGLES
 * shingles) is never called a copy. */
#define LG_DUP_MIN_SHINGLES 30
int lg_minhash_groupable(const lg_minhash *m);

#endif
