/*
 * collection.h — a collection of N shards (`legate index --shards N`):
 * DIR/shard-0 ... DIR/shard-(N-1), each a complete Legate database (its
 * directory marked "shard K of N", shard.h), and DIR/shards, the Xapian
 * stub file listing their indexes ("auto shard-K/xapian") for
 * `legate search --shards DIR/shards`.
 *
 * An article goes to shard lg_shard_of(source, N). Ids stay unique across
 * shards: before each write into a shard its AUTOINCREMENT counters
 * (articles, quotes) are raised to the highest of any shard, so a run
 * gives the ids one database would give for the same inputs in the same
 * order; outlets and speakers are spelled as one database would spell
 * them (lg_collection_unify_names). N is fixed when the collection is
 * created; another N is refused. A shard can also be built on its own
 * (lg_collection_open_alone): its ids then come from its own range, and
 * names are spelled as that shard first saw them.
 */
#ifndef LEGATE_COLLECTION_H
#define LEGATE_COLLECTION_H

#include "err.h"
#include "shard.h"
#include "writer.h"

/* Opens (creating if needed) the collection in `dir` with `count` shards:
 * *out gets `count` open writers (lg_collection_close them). rebuild as
 * and wait (each shard's writer lock) as for lg_writer_open. A directory that is a plain database, or a
 * collection of another count, is refused with LG_EXIT_USAGE. */
int lg_collection_open(const char *dir, unsigned count, int rebuild, const lg_wait *wait,
                       lg_writer **out, lg_err *e);
void lg_collection_close(lg_writer *w, unsigned count);

/* Raises shard `into`'s id counters to the collection's highest. Call
 * inside the store transactions, before a put into that shard. */
int lg_collection_share_ids(lg_writer *w, unsigned count, unsigned into, lg_err *e);

/* Shard `id` of a collection built on its own (`legate index --shard
 * K/N`, e.g. on its own machine): `dir` is that shard, a complete database
 * marked "shard K of N" (created if needed; another mark, or a plain
 * database, is refused with LG_EXIT_USAGE), opened into *w
 * (lg_writer_close it). Its id counters start at its own range
 * (lg_shard_id_range), so shards built apart never give one id twice. */
int lg_collection_open_alone(const char *dir, lg_shard_id id, int rebuild, const lg_wait *wait,
                             lg_writer *w, lg_err *e);

/* For a shard built on its own: fails (LG_EXIT_DB) when the transaction
 * gave an id past its range, before it is committed. */
int lg_collection_check_range(lg_writer *w, lg_shard_id id, lg_err *e);

/* An outlet or speaker is shown as first spelled in the whole collection:
 * the spelling of the shard whose article mentioning it has the lowest id
 * is given to every shard that spells it otherwise, and their articles are
 * queued for Xapian. Call inside the store transactions, before the last
 * sync of a run. */
int lg_collection_unify_names(lg_writer *w, unsigned count, lg_err *e);

#endif
