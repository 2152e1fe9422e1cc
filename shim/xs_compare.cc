/*
 * xs_compare.cc — is a stored document exactly the one we would build?
 * Used by `legate check`: terms with wdf and positions, values, data.
 * Both term lists and value lists are sorted, so one merge walk finds the
 * first difference.
 */
#include "xs_internal.h"

#include <vector>

static std::string show(const std::string &s)
{
    return "'" + (s.size() > 60 ? s.substr(0, 60) + "..." : s) + "'";
}

static std::vector<Xapian::termpos> positions(const Xapian::TermIterator &it)
{
    return std::vector<Xapian::termpos>(it.positionlist_begin(), it.positionlist_end());
}

static std::string term_diff(const Xapian::Document &want, const Xapian::Document &got)
{
    Xapian::TermIterator w = want.termlist_begin(), we = want.termlist_end();
    Xapian::TermIterator g = got.termlist_begin(), ge = got.termlist_end();
    for (; w != we && g != ge; ++w, ++g) {
        if (*w < *g)
            return "term " + show(*w) + " missing";
        if (*g < *w)
            return "term " + show(*g) + " not expected";
        if (w.get_wdf() != g.get_wdf())
            return "term " + show(*w) + " wdf " + std::to_string(g.get_wdf()) + ", expected " +
                   std::to_string(w.get_wdf());
        if (positions(w) != positions(g))
            return "term " + show(*w) + " positions differ";
    }
    if (w != we)
        return "term " + show(*w) + " missing";
    if (g != ge)
        return "term " + show(*g) + " not expected";
    return "";
}

static std::string value_diff(const Xapian::Document &want, const Xapian::Document &got)
{
    Xapian::ValueIterator w = want.values_begin(), we = want.values_end();
    Xapian::ValueIterator g = got.values_begin(), ge = got.values_end();
    for (; w != we && g != ge; ++w, ++g) {
        if (w.get_valueno() != g.get_valueno() || *w != *g)
            break;
    }
    if (w == we && g == ge)
        return "";
    if (w != we && (g == ge || w.get_valueno() <= g.get_valueno()))
        return "value " + std::to_string(w.get_valueno()) + " is " +
               show(got.get_value(w.get_valueno())) + ", expected " + show(*w);
    return "value " + std::to_string(g.get_valueno()) + " is " + show(*g) + ", expected " +
           show(want.get_value(g.get_valueno()));
}

extern "C" xs_status xs_doc_compare(const xs_doc *want, const xs_doc *got, char **diff)
{
    *diff = nullptr;
    return xs_guard(xs_thread_error(), [&] {
        std::string d = term_diff(want->doc, got->doc);
        if (d.empty())
            d = value_diff(want->doc, got->doc);
        /* Data a database does not want (docdata.h) is never read. */
        if (d.empty() && !want->doc.get_data().empty() &&
            want->doc.get_data() != got->doc.get_data())
            d = "stored data differs";
        if (!d.empty())
            *diff = xs_strdup(d);
    });
}
