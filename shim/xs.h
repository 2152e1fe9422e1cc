/*
 * xs.h — the C API over Xapian. The only door between Legate's C code and
 * C++; everything behind it lives in shim/xs_*.cc.
 *
 * Contract:
 *  - Every handle is opaque. Every function that can fail returns an
 *    xs_status and hands results back through out-parameters; no C++
 *    exception ever crosses this boundary.
 *  - Each xs_db keeps the message of its last failure: xs_db_error() returns
 *    it (owned by the handle, valid until the next call on that handle).
 *    Functions without a db handle (query building) report through the
 *    returned status and xs_last_error(), a per-thread buffer.
 *  - Destructors accept NULL.
 *  - Strings are UTF-8, NUL-terminated unless a length is given. Strings
 *    returned through `char **` are malloc()ed: the caller free()s them.
 *  - Handles are not thread-safe: one handle per thread.
 */
#ifndef LEGATE_XS_H
#define LEGATE_XS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    XS_OK = 0,
    XS_NOT_FOUND,    /* database (or document) does not exist */
    XS_LOCKED,       /* another writer holds the lock */
    XS_CORRUPT,      /* database unreadable or damaged */
    XS_MODIFIED,     /* a reader fell too far behind the writer; read-only
                        handles reopen and retry by themselves first, so
                        a call returns this only if the writer kept
                        outrunning it */
    XS_QUERY_ERROR,  /* query rejected (e.g. wildcard expands too far) */
    XS_READ_ONLY,    /* a write on a read-only handle or filesystem */
    XS_NOMEM,
    XS_INTERNAL      /* anything else; see the message */
} xs_status;

/* A short English name for a status ("locked", "corrupt", ...). Static. */
const char *xs_status_name(xs_status st);

/* The per-thread message of the last failure of a function that has no
 * db handle. Static per-thread storage; valid until the next such failure. */
const char *xs_last_error(void);

/* ---- databases ---------------------------------------------------- */

typedef struct xs_db xs_db;

enum {
    XS_OPEN_READ = 0,       /* read-only; the database must exist */
    XS_OPEN_WRITE = 1,      /* writable; the database must exist */
    XS_OPEN_CREATE = 2,     /* writable; created if missing */
    XS_OPEN_WAIT_LOCK = 4,  /* with WRITE/CREATE: wait for the writer lock */
    XS_OPEN_NO_SYNC = 8,    /* with WRITE/CREATE: skip fsync on commit */
    XS_OPEN_OVERWRITE = 16  /* writable; emptied (or created) on open */
};

/* Opens the Xapian database at `path`. On failure *out is still set to a
 * handle that only carries the message (xs_db_error), so the caller can
 * print it; the caller must xs_db_close() it either way. */
xs_status xs_db_open(const char *path, int flags, xs_db **out);
void xs_db_close(xs_db *db);
const char *xs_db_error(const xs_db *db);

/* Readers: move to the newest committed revision. */
xs_status xs_db_reopen(xs_db *db);

xs_status xs_db_doccount(xs_db *db, uint64_t *count);
xs_status xs_db_lastdocid(xs_db *db, uint64_t *docid);
/* The lowest and highest values in `slot` over the database, into lo and
 * hi (cut to cap - 1 bytes; "" when no document has one): kept in the
 * database's statistics, so free to ask. */
xs_status xs_db_value_bounds(xs_db *db, int slot, char *lo, char *hi, size_t cap);
/* Whether a document with this docid exists. */
xs_status xs_db_has_doc(xs_db *db, uint64_t docid, int *exists);
/* The docids >= `from`, ascending, at most `cap` of them into out[]; *n
 * gets how many (fewer than cap: there are no more). For `check`. */
xs_status xs_db_docids(xs_db *db, uint64_t from, uint64_t *out, size_t cap, size_t *n);

/* Writers only. commit() makes everything durable; a transaction groups
 * changes atomically and durably (begin commits what came before). */
xs_status xs_db_commit(xs_db *db);
xs_status xs_db_begin(xs_db *db);
xs_status xs_db_commit_transaction(xs_db *db);
xs_status xs_db_cancel_transaction(xs_db *db);
/* Writers: the documents replaced or deleted since the last commit, and
 * the terms of the replaced ones: what the next commit writes, and about
 * what Xapian holds in memory until then. */
xs_status xs_db_pending(xs_db *db, uint64_t *docs, uint64_t *terms);

/* Writers: writes a compacted copy of the last committed revision (blocks
 * filled, docids kept) into the new directory `dest`: about half the size,
 * and faster to read. Replacing the database by it is the caller's job. */
xs_status xs_db_compact(xs_db *db, const char *dest);

/* User metadata. get: *value is malloc()ed, "" when the key is absent.
 * set: an empty value deletes the key. */
xs_status xs_db_get_metadata(xs_db *db, const char *key, char **value);
xs_status xs_db_set_metadata(xs_db *db, const char *key, const char *value);

/* ---- documents ---------------------------------------------------- */

typedef struct xs_doc xs_doc;

xs_status xs_doc_new(xs_doc **out);
void xs_doc_free(xs_doc *doc);
/* A term at a position (positions start at 1). */
xs_status xs_doc_add_posting(xs_doc *doc, const char *term, size_t len, uint32_t pos);
/* A term without a position, its wdf raised by `wdf`. */
xs_status xs_doc_add_term(xs_doc *doc, const char *term, size_t len, uint32_t wdf);
/* A term with wdf 0: it filters and is never weighted. */
xs_status xs_doc_add_boolean(xs_doc *doc, const char *term, size_t len);
xs_status xs_doc_set_value(xs_doc *doc, int slot, const char *value, size_t len);
xs_status xs_doc_set_data(xs_doc *doc, const char *data, size_t len);

/* Stores `doc` under `docid`, replacing any document there (idempotent). */
xs_status xs_db_replace(xs_db *db, uint64_t docid, const xs_doc *doc);
/* Deletes the document with `docid`; a missing one is not an error. */
xs_status xs_db_delete(xs_db *db, uint64_t docid);
/* Deletes every document indexed by `term` (none is not an error). */
xs_status xs_db_delete_term(xs_db *db, const char *term);

/* Reads a stored document back (for tests and `check`). Returns
 * XS_NOT_FOUND if absent. The caller xs_doc_free()s *out. */
xs_status xs_db_get_doc(xs_db *db, uint64_t docid, xs_doc **out);
/* Value in `slot` of a document read back; *value malloc()ed ("" if none). */
xs_status xs_doc_get_value(const xs_doc *doc, int slot, char **value);
/* Whether a document read back (or being built) has `term`. */
xs_status xs_doc_has_term(const xs_doc *doc, const char *term, int *has);
/* Compares `got` (read back) with `want` (built): terms, their wdf and
 * positions, values, and data when `want` has some. *diff: NULL when
 * equal, else a malloc()ed line naming the first difference. */
xs_status xs_doc_compare(const xs_doc *want, const xs_doc *got, char **diff);

/* ---- queries ------------------------------------------------------ */

typedef struct xs_query xs_query;

typedef enum {
    XS_OP_AND,
    XS_OP_OR,
    XS_OP_AND_NOT,    /* first AND NOT (second OR third ...) */
    XS_OP_FILTER,     /* first, restricted by the rest without their weight */
    XS_OP_AND_MAYBE,  /* first; the rest (any of them) only add weight */
    XS_OP_NEAR,       /* within `window` positions, any order */
    XS_OP_PHRASE,     /* in order, within `window` (0 = adjacent) */
    XS_OP_SYNONYM     /* OR, weighted as if one term */
} xs_op;

/* Every constructor returns a new handle (NULL only on allocation failure,
 * with xs_last_error set). Combining copies its inputs: the caller still
 * owns and frees them. */
xs_query *xs_query_term(const char *term, size_t len);
xs_query *xs_query_match_all(void);
xs_query *xs_query_match_nothing(void);
xs_query *xs_query_combine(xs_op op, xs_query *const *subs, size_t n, unsigned window);
/* Documents whose value in `slot` is within [lo, hi] (byte-wise); an empty
 * lo or hi leaves that end open. */
xs_query *xs_query_value_range(int slot, const char *lo, const char *hi);
/* Documents whose docid is within [lo, hi] (hi 0: no upper end), never
 * weighted: with a value range, where a keyset page starts. */
xs_query *xs_query_docid_range(uint64_t lo, uint64_t hi);
/* Terms starting with `prefix_and_stem` (e.g. "negoti"): expands to at most
 * max_expansion terms; more is an XS_QUERY_ERROR at search time. A match
 * weighs as its best-weighted expansion (OP_MAX): unlike OP_SYNONYM, whose
 * statistics are estimates that differ with how documents are split into
 * shards, that weight is the same over shards as over one database. */
xs_query *xs_query_wildcard(const char *pattern, unsigned max_expansion);
/* The same, expanded now against `db`'s terms (NULL, with xs_last_error,
 * past max_expansion). Searches use this one: Xapian 1.4 expands a
 * wildcard in each shard separately, and when the expansion exceeds its
 * limit at search time Xapian 1.4.22 leaks the expanded terms' weights. */
xs_query *xs_query_wildcard_in(xs_db *db, const char *pattern, unsigned max_expansion);
/* The same query with every weight multiplied by `factor` (0: pure filter). */
xs_query *xs_query_scale(const xs_query *q, double factor);
void xs_query_free(xs_query *q);
/* Xapian's get_description(), malloc()ed; for tests and --debug. */
char *xs_query_describe(const xs_query *q);

/* ---- searching ---------------------------------------------------- */

typedef enum {
    XS_SORT_RELEVANCE,   /* BM25, ties by ascending docid */
    XS_SORT_VALUE_DESC,  /* value slot descending, ties by ascending docid */
    XS_SORT_VALUE_ASC,   /* value slot ascending, ties by ascending docid */
    XS_SORT_DOCID        /* ascending docid, no weighting: cheapest to page */
} xs_sort;

#define XS_MAX_VALUES 4

typedef struct {
    double k1, k2, k3, b, min_normlen;  /* BM25Weight parameters */
    xs_sort sort;
    int sort_slot;
    uint64_t offset;
    uint64_t limit;
    /* Count at least this many matches exactly (0: Xapian's estimate). */
    uint64_t check_at_least;
    /* Keep one match per distinct value in this slot (the best ranked);
     * -1 for none. total then counts the kept matches. */
    int collapse_slot;
    /* Return each result's values in these slots too (-1: none). */
    int value_slots[XS_MAX_VALUES];
    /* Return each result's document data too (xs_results_data). */
    int want_data;
} xs_search_opts;

/* Xapian's BM25 defaults (k1 1, k2 0, k3 1, b 0.5, min_normlen 0.5),
 * relevance order, offset 0, limit 10, no collapsing, no values. */
void xs_search_opts_init(xs_search_opts *opts);

typedef struct xs_results xs_results;

xs_status xs_db_search(xs_db *db, const xs_query *q, const xs_search_opts *opts,
                       xs_results **out);
void xs_results_free(xs_results *r);
size_t xs_results_size(const xs_results *r);
uint64_t xs_results_docid(const xs_results *r, size_t i);
double xs_results_score(const xs_results *r, size_t i);
/* Matches estimated in the whole database; exact when check_at_least
 * reached every match. */
uint64_t xs_results_total(const xs_results *r);
/* 1 when total is exact: Xapian's bounds met, or check_at_least was the
 * whole database. Otherwise total is the estimate, within the bounds. */
int xs_results_exact(const xs_results *r);
/* With collapsing: how many other matches result i stands for. */
uint64_t xs_results_collapsed(const xs_results *r, size_t i);
/* With value_slots[k]: result i's value in that slot (bytes in *len,
 * owned by r; "" when the document has none). */
const char *xs_results_value(const xs_results *r, size_t i, int k, size_t *len);

/* With want_data: result i's document data (bytes in *len, owned by r;
 * "" when it has none). */
const char *xs_results_data(const xs_results *r, size_t i, size_t *len);

/* ---- shards ------------------------------------------------------- */

/* Opens the shards a stub file lists as one read-only database: Xapian
 * combines their statistics, so ranking is that of one index. Lines:
 * "auto PATH" / "glass PATH" (relative to the stub's folder) and "remote
 * HOST:PORT" (xapian-tcpsrv; timeout_ms bounds the connection and every
 * later request). A shard that cannot be opened fails the open with a
 * message naming it, unless allow_partial: then it is left out and named
 * in *missing (malloc()ed lines "shard NAME unavailable: WHY\n", caller
 * frees; NULL when every shard opened). No shard at all is an error.
 * Like xs_db_open, *out is set even on failure (it carries the message). */
xs_status xs_db_open_stub(const char *stub, unsigned timeout_ms, int allow_partial, xs_db **out,
                          char **missing);

#ifdef __cplusplus
}
#endif

#endif
