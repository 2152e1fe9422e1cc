/*
 * xs_db.cc — opening databases, counts, commits, transactions, metadata.
 *
 * One handle type serves readers and writers: it owns a Xapian::Database,
 * which for writers is a WritableDatabase (keeping a typed pointer for
 * writes), so reads need no branching and writes on a reader are refused
 * before Xapian sees them. A failed open still yields a handle so that the
 * caller can read the reason from it.
 */
#include "xs_internal.h"

#include <algorithm>

#include <new>

/* XS_OPEN_* to Xapian's flags for a writer. Created databases are always
 * glass, whatever Xapian's default backend might become. */
static int writer_flags(int flags)
{
    int xf = (flags & XS_OPEN_OVERWRITE) ? Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS
           : (flags & XS_OPEN_CREATE)  ? Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS
                                       : Xapian::DB_OPEN;
    if (flags & XS_OPEN_WAIT_LOCK)
        xf |= Xapian::DB_RETRY_LOCK;
    if (flags & XS_OPEN_NO_SYNC)
        xf |= Xapian::DB_NO_SYNC;
    return xf;
}

static void open_into(xs_db &h, const char *path, int flags)
{
    if (!path)
        throw Xapian::InvalidArgumentError("NULL database path");
    if (!(flags & (XS_OPEN_WRITE | XS_OPEN_CREATE | XS_OPEN_OVERWRITE))) {
        h.db = std::make_unique<Xapian::Database>(path);
        return;
    }
    auto w = std::make_unique<Xapian::WritableDatabase>(path, writer_flags(flags));
    h.writer = w.get();
    h.db = std::move(w);
}

extern "C" xs_status xs_db_open(const char *path, int flags, xs_db **out)
{
    xs_db *h = new (std::nothrow) xs_db;
    *out = h;
    if (!h)
        return xs_fail(xs_thread_error(), XS_NOMEM, "out of memory");
    auto open = [&] { open_into(*h, path, flags); };
    xs_status st = xs_guard(h->last_error, open);
    bool reader = !(flags & (XS_OPEN_WRITE | XS_OPEN_CREATE | XS_OPEN_OVERWRITE));
    for (int i = 0; reader && xs_outrun(st) && i < XS_READER_RETRIES; i++)
        st = xs_guard(h->last_error, open);
    return st;
}

extern "C" void xs_db_close(xs_db *db)
{
    delete db; /* a writer's destructor commits, or cancels an open transaction */
}

extern "C" const char *xs_db_error(const xs_db *db)
{
    return db ? db->last_error.c_str() : xs_last_error();
}

extern "C" xs_status xs_db_reopen(xs_db *db)
{
    return xs_with_db(db, [](Xapian::Database &d) { d.reopen(); });
}

extern "C" xs_status xs_db_doccount(xs_db *db, uint64_t *count)
{
    return xs_with_db(db, [&](Xapian::Database &d) { *count = d.get_doccount(); });
}

extern "C" xs_status xs_db_lastdocid(xs_db *db, uint64_t *docid)
{
    return xs_with_db(db, [&](Xapian::Database &d) { *docid = d.get_lastdocid(); });
}

static void copy_cut(const std::string &v, char *out, size_t cap)
{
    size_t n = std::min(v.size(), cap - 1);
    v.copy(out, n);
    out[n] = '\0';
}

extern "C" xs_status xs_db_value_bounds(xs_db *db, int slot, char *lo, char *hi, size_t cap)
{
    return xs_with_db(db, [&](Xapian::Database &d) {
        copy_cut(d.get_value_lower_bound(xs_slot(slot)), lo, cap);
        copy_cut(d.get_value_upper_bound(xs_slot(slot)), hi, cap);
    });
}

extern "C" xs_status xs_db_has_doc(xs_db *db, uint64_t docid, int *exists)
{
    return xs_with_db(db, [&](Xapian::Database &d) {
        try {
            d.get_document(xs_docid(docid)); /* checks existence, unlike DOC_ASSUME_VALID */
            *exists = 1;
        } catch (const Xapian::DocNotFoundError &) {
            *exists = 0;
        }
    });
}

extern "C" xs_status xs_db_docids(xs_db *db, uint64_t from, uint64_t *out, size_t cap, size_t *n)
{
    *n = 0;
    return xs_with_db(db, [&](Xapian::Database &d) {
        size_t got = 0;
        Xapian::PostingIterator it = d.postlist_begin(""), end = d.postlist_end("");
        if (from > 1)
            it.skip_to(xs_docid(from));
        for (; it != end && got < cap; ++it)
            out[got++] = *it;
        *n = got;
    });
}

/* After a commit, or a transaction's end either way. */
static void nothing_pending(xs_db *db)
{
    db->pending_docs = db->pending_terms = 0;
}

extern "C" xs_status xs_db_commit(xs_db *db)
{
    return xs_with_writer(db, [&](Xapian::WritableDatabase &w) {
        w.commit();
        nothing_pending(db);
    });
}

extern "C" xs_status xs_db_begin(xs_db *db)
{
    /* flushed: commits what came before, and commit_transaction is durable */
    return xs_with_writer(db, [&](Xapian::WritableDatabase &w) {
        w.begin_transaction(true);
        nothing_pending(db);
    });
}

extern "C" xs_status xs_db_commit_transaction(xs_db *db)
{
    return xs_with_writer(db, [&](Xapian::WritableDatabase &w) {
        w.commit_transaction();
        nothing_pending(db);
    });
}

extern "C" xs_status xs_db_pending(xs_db *db, uint64_t *docs, uint64_t *terms)
{
    return xs_with_writer(db, [&](Xapian::WritableDatabase &) {
        *docs = db->pending_docs;
        *terms = db->pending_terms;
    });
}

extern "C" xs_status xs_db_cancel_transaction(xs_db *db)
{
    return xs_with_writer(db, [&](Xapian::WritableDatabase &w) {
        w.cancel_transaction();
        nothing_pending(db);
    });
}

extern "C" xs_status xs_db_compact(xs_db *db, const char *dest)
{
    return xs_with_writer(db, [&](Xapian::WritableDatabase &w) {
        if (!dest)
            throw Xapian::InvalidArgumentError("NULL compaction target");
        /* docids are article ids: never renumbered */
        w.compact(dest, Xapian::DBCOMPACT_NO_RENUMBER);
    });
}

extern "C" xs_status xs_db_get_metadata(xs_db *db, const char *key, char **value)
{
    *value = nullptr;
    return xs_with_db(db, [&](Xapian::Database &d) { *value = xs_strdup(d.get_metadata(key)); });
}

extern "C" xs_status xs_db_set_metadata(xs_db *db, const char *key, const char *value)
{
    return xs_with_writer(db, [&](Xapian::WritableDatabase &w) {
        w.set_metadata(key, value ? value : "");
    });
}
