/*
 * store.h — the SQLite side of the index: articles, outlets and speakers
 * with their aliases, and the outbox that tells sync what Xapian must
 * redo. SQLite is the truth; every change goes through here.
 *
 * Invariant: every put or delete adds an outbox row in the same SQLite
 * transaction as the change itself, so a committed change is never
 * forgotten by Xapian (see sync.h).
 * The store borrows the sqlite3 handle (owned by lg_dbdir).
 */
#ifndef LEGATE_STORE_H
#define LEGATE_STORE_H

#include <sqlite3.h>
#include <stdint.h>

#include "article.h"
#include "err.h"

typedef struct lg_store lg_store;

/* The statements over `db` (not owned), after creating its TEMP views
 * (views.h). On failure *out may be set: lg_store_free() it. */
int lg_store_new(sqlite3 *db, lg_store **out, lg_err *e);
void lg_store_free(lg_store *s);
/* A store for a thread beside the writer's: its own read-only connection
 * to `path` (WAL: it sees the last commit and never waits for the writer),
 * owned by the caller: lg_store_free(*out), then sqlite3_close(*db). On
 * failure both are NULL. */
int lg_store_open_reader(const char *path, sqlite3 **db, lg_store **out, lg_err *e);
/* The borrowed SQLite handle, for readers of the store's views. */
sqlite3 *lg_store_sql(const lg_store *s);
/* The document data (docdata.h) of article `id`, or of quotation `id`
 * when `quote`: 1 with *out malloc()ed (caller frees), 0 when there is no
 * such row, -1 with *e. */
int lg_store_docdata(lg_store *s, int quote, int64_t id, char **out, lg_err *e);

int lg_store_begin(lg_store *s, lg_err *e);
/* A read transaction: one snapshot, never waiting for a writer (WAL). */
int lg_store_begin_read(lg_store *s, lg_err *e);
int lg_store_commit(lg_store *s, lg_err *e);
void lg_store_rollback(lg_store *s);

/* The article with this source: *id (0 if none) and its sha256 (hex). */
int lg_store_find(lg_store *s, const char *source, int64_t *id, char sha256[65], lg_err *e);

/* Inserts the article, or updates the one with the same source keeping
 * its id and first_indexed. Outlet, via and speaker names are resolved
 * through their alias tables (created on first sight); the article's
 * speakers list is replaced and always includes its main speaker, its
 * quotations are replaced, and it joins the group of its syndicated copies
 * (the earliest group among the articles its signature matches). *id
 * receives the id. a->minhash must be the signature of a->text (as
 * lg_derive computes it): the article's band keys are found again from
 * its stored text when it is replaced or deleted (no index by article). */
int lg_store_put(lg_store *s, const lg_article *a, int64_t *id, lg_err *e);

/* Groups of copies. An article's dup_group is NULL while it has no copy,
 * its own id when it is the first of a group, the first's id otherwise:
 * only articles with copies carry a collapse key in Xapian, which halves
 * a collapsed search's cost (bench/README.md). lg_store_put puts an
 * article in the earliest group among its copies in its store; then the
 * group's first article must be marked (lg_store_mark_first) wherever it
 * lies, and in a collection the copies in the other shards (ids are
 * shared, collection.h) joined:
 * - lg_store_copies_group lowers *group to the earliest group among the
 *   copies in `s` of article `id` (signature m), and sets *found to 1 if
 *   it found any;
 * - lg_store_set_group puts article `id` of `s` in `group` (0: none);
 * - lg_store_group_of gives its group (its own id when it has none);
 * - lg_store_mark_first makes article `id`, if `s` holds it without a
 *   group, the first of its own: *marked 1 then, and it is queued for
 *   Xapian. */
/* In a transaction: once minhash_new holds `at` band keys or more, moves
 * them into minhash_keys in key order (migration 007: new keys land on a
 * small table, and each fold writes the big one's pages once). */
#define LG_FOLD_KEYS_AT 524288
int lg_store_fold_keys(lg_store *s, int64_t at, lg_err *e);
int lg_store_copies_group(lg_store *s, int64_t id, const lg_minhash *m, int64_t *group,
                          int *found, lg_err *e);
int lg_store_set_group(lg_store *s, int64_t id, int64_t group, lg_err *e);
int lg_store_group_of(lg_store *s, int64_t id, int64_t *group, lg_err *e);
int lg_store_mark_first(lg_store *s, int64_t id, int *marked, lg_err *e);

int lg_store_delete(lg_store *s, int64_t id, lg_err *e);

/* What Xapian needs to index one article, read back from SQLite. Strings
 * are owned by the store and valid until its next call. */
typedef struct {
    int64_t id;
    const char *title, *text, *date, *lang, *outlet_key;
    const char *speaker_key;   /* the main speaker */
    const char *speaker_keys;  /* every speaker's key, joined by '|' */
    size_t text_len;
    int64_t dup_group;         /* its group of syndicated copies; 0 while it has none */
} lg_stored;

/* 1 and *out filled if the article exists, 0 if it does not, -1 on error.
 * The strings stay valid until lg_store_load_done. */
int lg_store_load(lg_store *s, int64_t id, lg_stored *out, lg_err *e);
/* Ends a load: its read snapshot must not outlive the article, or WAL
 * checkpoints cannot complete and the log grows for the whole run. */
void lg_store_load_done(lg_store *s);

/* One quotation as Xapian needs it (strings valid during the callback). */
typedef struct {
    int64_t id;
    const char *text, *speaker_key, *qkey;
    size_t text_len;
} lg_stored_quote;

/* Calls fn for each quotation of article `id`, in order. A non-zero return
 * from fn stops and is returned. */
typedef int (*lg_quote_fn)(void *ctx, const lg_stored_quote *q);
int lg_store_quotes(lg_store *s, int64_t id, lg_quote_fn fn, void *ctx, lg_err *e);

/* Outbox: calls fn for each distinct article id changed after `after`, in
 * order of their last change; *last gets the highest seq seen (or
 * `after`). A non-zero return from fn stops and is returned. */
typedef int (*lg_outbox_fn)(void *ctx, int64_t article_id);
int lg_store_outbox(lg_store *s, int64_t after, lg_outbox_fn fn, void *ctx, int64_t *last,
                    lg_err *e);
/* The seq of the last outbox row ever added (0 if none): the next row's
 * seq is higher (AUTOINCREMENT), whatever was trimmed. */
int lg_store_outbox_last(lg_store *s, int64_t *seq, lg_err *e);
/* Drops outbox rows up to `seq` (Xapian has applied them). */
int lg_store_outbox_trim(lg_store *s, int64_t seq, lg_err *e);
/* Queues every article (a full rebuild of Xapian). */
int lg_store_outbox_all(lg_store *s, lg_err *e);

/* Aliases: registers `alias` as a spelling of the outlet or speaker named
 * `canonical` (created if new). If the alias already named another entity,
 * that entity is merged into this one: its articles re-pointed (and queued
 * for Xapian), its aliases moved, the entity deleted; *merged counts the
 * articles affected. Re-derives without re-reading any input. */
typedef enum { LG_ENTITY_OUTLET, LG_ENTITY_SPEAKER } lg_entity;
int lg_store_alias_add(lg_store *s, lg_entity kind, const char *canonical, const char *alias,
                       unsigned long *merged, lg_err *e);
/* Calls fn for each (entity name, alias key) pair, by name then key. */
typedef int (*lg_alias_fn)(void *ctx, const char *name, const char *alias_key);
int lg_store_aliases(lg_store *s, lg_entity kind, lg_alias_fn fn, void *ctx, lg_err *e);

/* Cross-page furniture (clean.h): how many pages of `site` had a block
 * with this hash, and recording the distinct hashes of one more page. */
unsigned lg_store_site_seen(lg_store *s, const char *site, uint64_t hash);
int lg_store_site_add(lg_store *s, const char *site, const uint64_t *hashes, size_t n, lg_err *e);

/* Pruning: mark articles seen during this run, note origins that failed
 * (their articles are kept), then remove the unseen articles whose origin
 * lies under `root` (a file or a directory). *removed counts them. */
int lg_store_prune_begin(lg_store *s, lg_err *e);
int lg_store_mark_seen(lg_store *s, int64_t id, lg_err *e);
int lg_store_mark_failed(lg_store *s, const char *origin, lg_err *e);
int lg_store_prune(lg_store *s, const char *root, unsigned long *removed, lg_err *e);

#endif
