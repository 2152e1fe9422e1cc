/*
 * xs_doc.cc — building documents, storing, deleting and reading them back.
 *
 * An xs_doc is a Xapian::Document either being built or read from a
 * database; Xapian answers values and terms for both, so the getters do not
 * care which. Document functions have no db handle and report through the
 * per-thread message.
 */
#include "xs_internal.h"

template <class F>
static xs_status doc_guard(F &&body) noexcept
{
    return xs_guard(xs_thread_error(), body);
}

extern "C" xs_status xs_doc_new(xs_doc **out)
{
    *out = nullptr;
    return doc_guard([&] { *out = new xs_doc; });
}

extern "C" void xs_doc_free(xs_doc *doc)
{
    delete doc;
}

extern "C" xs_status xs_doc_add_posting(xs_doc *doc, const char *term, size_t len, uint32_t pos)
{
    return doc_guard([&] { doc->doc.add_posting(std::string(term, len), pos); });
}

extern "C" xs_status xs_doc_add_term(xs_doc *doc, const char *term, size_t len, uint32_t wdf)
{
    return doc_guard([&] { doc->doc.add_term(std::string(term, len), wdf); });
}

extern "C" xs_status xs_doc_add_boolean(xs_doc *doc, const char *term, size_t len)
{
    return doc_guard([&] { doc->doc.add_boolean_term(std::string(term, len)); });
}

extern "C" xs_status xs_doc_set_value(xs_doc *doc, int slot, const char *value, size_t len)
{
    return doc_guard([&] { doc->doc.add_value(xs_slot(slot), std::string(value, len)); });
}

extern "C" xs_status xs_doc_set_data(xs_doc *doc, const char *data, size_t len)
{
    return doc_guard([&] { doc->doc.set_data(std::string(data, len)); });
}

extern "C" xs_status xs_doc_get_value(const xs_doc *doc, int slot, char **value)
{
    *value = nullptr;
    return doc_guard([&] { *value = xs_strdup(doc->doc.get_value(xs_slot(slot))); });
}

extern "C" xs_status xs_doc_has_term(const xs_doc *doc, const char *term, int *has)
{
    return doc_guard([&] {
        /* the termlist is sorted: skip_to lands on the term or past it */
        Xapian::TermIterator it = doc->doc.termlist_begin();
        it.skip_to(term);
        *has = it != doc->doc.termlist_end() && *it == term;
    });
}

extern "C" xs_status xs_db_replace(xs_db *db, uint64_t docid, const xs_doc *doc)
{
    return xs_with_writer(db, [&](Xapian::WritableDatabase &w) {
        w.replace_document(xs_docid(docid), doc->doc);
        db->pending_docs++;
        db->pending_terms += doc->doc.termlist_count();
    });
}

extern "C" xs_status xs_db_delete(xs_db *db, uint64_t docid)
{
    return xs_with_writer(db, [&](Xapian::WritableDatabase &w) {
        try {
            w.delete_document(xs_docid(docid));
            db->pending_docs++;
        } catch (const Xapian::DocNotFoundError &) {
            /* deleting what is gone already is success: replays stay idempotent */
        }
    });
}

extern "C" xs_status xs_db_delete_term(xs_db *db, const char *term)
{
    return xs_with_writer(db, [&](Xapian::WritableDatabase &w) {
        if (!term)
            throw Xapian::InvalidArgumentError("NULL term");
        w.delete_document(std::string(term));
    });
}

extern "C" xs_status xs_db_get_doc(xs_db *db, uint64_t docid, xs_doc **out)
{
    *out = nullptr;
    return xs_with_db(db, [&](Xapian::Database &d) {
        auto doc = std::make_unique<xs_doc>();
        doc->doc = d.get_document(xs_docid(docid));
        *out = doc.release();
    });
}
