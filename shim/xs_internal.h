/*
 * xs_internal.h — what the shim's C++ files share, never seen by C.
 *
 * The handles are plain structs around Xapian objects. Every exported body
 * runs inside xs_guard(), whose catch-all hands the exception to the single
 * mapper xs_map_error(): one place decides which status a Xapian exception
 * becomes, and no exception can reach C.
 */
#ifndef LEGATE_XS_INTERNAL_H
#define LEGATE_XS_INTERNAL_H

#include "xs.h"

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct xs_db {
    /* The open database (reader or writer); empty on a failed open, whose
     * handle only carries last_error. */
    std::unique_ptr<Xapian::Database> db;
    /* The same object when opened writable, so writes need no downcast. */
    Xapian::WritableDatabase *writer = nullptr;
    /* Shards (xs_db_open_stub): remote ones have no value streams. */
    bool shards = false;
    /* Writers: what the next commit writes (xs_db_pending). */
    uint64_t pending_docs = 0, pending_terms = 0;
    std::string last_error;
};

struct xs_doc {
    Xapian::Document doc;
};

struct xs_query {
    Xapian::Query q;
};

/* Copied out of the MSet so results depend on nothing once returned. */
struct xs_results {
    std::vector<uint64_t> docids;
    std::vector<double> scores;
    std::vector<uint64_t> collapsed;
    std::vector<std::string> values[XS_MAX_VALUES];
    std::vector<std::string> data; /* with want_data */
    uint64_t total = 0;
    bool exact = false;
};

/* Call only from inside a catch handler: classifies the exception being
 * handled, writes its message to `msg` and returns the status. */
xs_status xs_map_error(std::string &msg) noexcept;

/* The per-thread message behind xs_last_error(). */
std::string &xs_thread_error() noexcept;

/* Sets `msg` and returns `st`: for failures we detect ourselves. */
xs_status xs_fail(std::string &msg, xs_status st, const char *text) noexcept;

/* A malloc()ed copy for C callers; throws std::bad_alloc on failure. */
char *xs_strdup(const std::string &s);

/* C ints and uint64s to Xapian's narrower types, rejecting what would wrap. */
Xapian::valueno xs_slot(int slot);
Xapian::docid xs_docid(uint64_t docid);

/* Runs `body` (returning void); any exception becomes a status and a
 * message in `msg`. */
template <class F>
xs_status xs_guard(std::string &msg, F &&body) noexcept
{
    try {
        body();
        return XS_OK;
    } catch (...) {
        return xs_map_error(msg);
    }
}

/* Times a reader outrun by the writer (its revision recycled) moves to
 * the newest revision and runs the call again before giving up. Xapian
 * 1.4 says so with DatabaseModifiedError, or with DatabaseCorruptError
 * when it meets a recycled block reused at another level ("Expected block
 * 26 to be level 1, not 0": an open under ASan in
 * tests/integration/concurrency.sh); a database really damaged fails
 * every time, and says so. */
#define XS_READER_RETRIES 5
static inline bool xs_outrun(xs_status st)
{
    return st == XS_MODIFIED || st == XS_CORRUPT;
}

/* xs_guard for functions on a db handle: body(Xapian::Database &). Bodies
 * only assign their outputs, so a reader can safely run one again. */
template <class F>
xs_status xs_with_db(xs_db *db, F &&body) noexcept
{
    if (!db)
        return xs_fail(xs_thread_error(), XS_INTERNAL, "NULL database handle");
    if (!db->db)
        return XS_INTERNAL; /* a failed open: keep its message */
    xs_status st = xs_guard(db->last_error, [&] { body(*db->db); });
    for (int i = 0; xs_outrun(st) && !db->writer && i < XS_READER_RETRIES; i++)
        st = xs_guard(db->last_error, [&] {
            db->db->reopen();
            body(*db->db);
        });
    return st;
}

/* xs_with_db for writes: body(Xapian::WritableDatabase &). */
template <class F>
xs_status xs_with_writer(xs_db *db, F &&body) noexcept
{
    if (db && db->db && !db->writer)
        return xs_fail(db->last_error, XS_READ_ONLY,
                       "read-only: the database was opened with XS_OPEN_READ");
    return xs_with_db(db, [&](Xapian::Database &) { body(*db->writer); });
}

#endif
