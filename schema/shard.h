/*
 * shard.h — a database that is one shard of a collection (`legate index
 * --shards N`): its directory holds a file `shard` reading "shard K of N".
 *
 * Xapian numbers the documents of N combined shards (local-1)*N + K + 1
 * in 32 bits, so every local docid must stay below 2^32/N: a shard's
 * quotations start at lg_shard_quote_base(N) instead of 2^31 (articles
 * keep docid = id below that). Opening a database directory applies its
 * base process-wide (lg_quote_docid_base in fields.h); every shard of one
 * collection has the same base.
 */
#ifndef LEGATE_SHARD_H
#define LEGATE_SHARD_H

#include <stdint.h>

#include "err.h"

typedef struct {
    unsigned index, count;  /* K of N: 0 <= K < N */
} lg_shard_id;

/* 1 and *out when `dir` is a shard, 0 when it is not, -1 with *e when its
 * shard file is malformed. */
int lg_shard_read(const char *dir, lg_shard_id *out, lg_err *e);
/* Marks `dir` (which must exist) as shard id.index of id.count. */
int lg_shard_write(const char *dir, lg_shard_id id, lg_err *e);

/* The first quotation docid in a collection of `count` shards: 2^31 for
 * one, halved for each doubling of the count. */
uint64_t lg_shard_quote_base(unsigned count);

/* The ids, (*lo, *hi], that shard id.index takes for articles (quotes 0)
 * or quotations (1) when it is built on its own (`legate index --shard
 * K/N`, e.g. on its own machine): N disjoint ranges that split the docids
 * below the bounds above, so shards built apart never give one id twice
 * and a collection built in one process (whose ids are shared, below the
 * first range's end while it holds fewer) can go on being built apart. */
void lg_shard_id_range(lg_shard_id id, int quotes, uint64_t *lo, uint64_t *hi);

/* The shard a source belongs to: FNV-1a (64-bit) of its bytes mod count.
 * Stable across runs, machines and versions. */
unsigned lg_shard_of(const char *source, unsigned count);

#endif
