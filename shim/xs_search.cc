/*
 * xs_search.cc — running a query: BM25 parameters, ordering, paging.
 *
 * Results are copied out of the MSet into plain vectors, so they stay valid
 * whatever happens to the database afterwards. Ties are always broken by
 * ascending docid, so output is deterministic for tests and paging.
 */
#include "xs_internal.h"

#include <algorithm>
#include <numeric>
#include <limits>

/* uint64 counts to Xapian's 32-bit doccount, saturating. */
static Xapian::doccount clamp_count(uint64_t n)
{
    return static_cast<Xapian::doccount>(
        std::min<uint64_t>(n, std::numeric_limits<Xapian::doccount>::max()));
}

static void set_order(Xapian::Enquire &enq, const xs_search_opts &o)
{
    enq.set_docid_order(Xapian::Enquire::ASCENDING);
    switch (o.sort) {
    case XS_SORT_RELEVANCE:
        enq.set_sort_by_relevance();
        break;
    case XS_SORT_VALUE_DESC:
        enq.set_sort_by_value(xs_slot(o.sort_slot), true);
        break;
    case XS_SORT_VALUE_ASC:
        enq.set_sort_by_value(xs_slot(o.sort_slot), false);
        break;
    case XS_SORT_DOCID:
        enq.set_weighting_scheme(Xapian::BoolWeight());
        enq.set_sort_by_relevance();
        break;
    }
}

/* The values in `slot` of the documents `docids` (in any order), read
 * along the slot's value stream in docid order: Document::get_value
 * decodes the value chunk from its start for each document, which cost
 * more than the match. */
static void stream_values(const Xapian::Database &d, Xapian::valueno slot,
                          const std::vector<uint64_t> &docids, std::vector<std::string> &out)
{
    std::vector<size_t> order(docids.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return docids[a] < docids[b]; });
    out.assign(docids.size(), std::string());
    Xapian::ValueIterator v = d.valuestream_begin(slot), end = d.valuestream_end(slot);
    for (size_t i : order) {
        if (v != end)
            v.skip_to(static_cast<Xapian::docid>(docids[i]));
        if (v == end)
            return;
        if (v.get_docid() == docids[i])
            out[i] = *v;
    }
}

/* Result values of one slot: the sort key when the results are sorted by
 * it (free), else from the value stream. */
static void result_values(const Xapian::Database &d, bool shards, const Xapian::MSet &mset,
                          const xs_search_opts &o, Xapian::valueno slot,
                          const std::vector<uint64_t> &docids, std::vector<std::string> &out)
{
    out.clear();
    if ((o.sort == XS_SORT_VALUE_DESC || o.sort == XS_SORT_VALUE_ASC) &&
        slot == xs_slot(o.sort_slot)) {
        for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it)
            out.push_back(it.get_sort_key());
        return;
    }
    if (!shards) {
        stream_values(d, slot, docids, out);
        return;
    }
    /* Remote shards have no value streams. */
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it)
        out.push_back(it.get_document().get_value(slot));
}

static xs_results *run(const Xapian::Database &d, bool shards, const Xapian::Query &q,
                       const xs_search_opts &o)
{
    Xapian::Enquire enq(d);
    enq.set_query(q);
    enq.set_weighting_scheme(Xapian::BM25Weight(o.k1, o.k2, o.k3, o.b, o.min_normlen));
    set_order(enq, o);
    if (o.collapse_slot >= 0)
        enq.set_collapse_key(xs_slot(o.collapse_slot));
    Xapian::MSet mset =
        enq.get_mset(clamp_count(o.offset), clamp_count(o.limit), clamp_count(o.check_at_least));
    /* No MSet::fetch(): in 1.4.22 it crashes when `first` is not 0. */
    auto r = std::make_unique<xs_results>();
    r->docids.reserve(mset.size());
    r->scores.reserve(mset.size());
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
        r->docids.push_back(*it);
        r->scores.push_back(it.get_weight());
        r->collapsed.push_back(it.get_collapse_count());
        if (o.want_data)
            r->data.push_back(it.get_document().get_data());
    }
    for (int k = 0; k < XS_MAX_VALUES; k++)
        if (o.value_slots[k] >= 0)
            result_values(d, shards, mset, o, xs_slot(o.value_slots[k]), r->docids, r->values[k]);
    /* With every match checked the lower bound is exact; the estimate is
     * not when collapsing (1.4.22 counted 10 of 9 collapsed matches), so
     * one short of that is kept within the bounds. Every match was checked
     * when no more can match than check_at_least: collapsing leaves the
     * upper bound above the count even then ("bank": 3,388 of at most
     * 3,833 after all 3,596 matches were seen). */
    Xapian::doccount lo = mset.get_matches_lower_bound(), hi = mset.get_matches_upper_bound();
    r->exact = lo == hi || (o.check_at_least &&
                            (o.check_at_least >= d.get_doccount() ||
                             o.check_at_least >= mset.get_uncollapsed_matches_upper_bound()));
    if (r->exact)
        r->total = lo;
    else if (o.check_at_least)
        r->total = std::clamp(mset.get_matches_estimated(), lo, hi);
    else
        r->total = mset.get_matches_estimated();
    return r.release();
}

extern "C" void xs_search_opts_init(xs_search_opts *opts)
{
    *opts = xs_search_opts{};
    opts->k1 = 1;
    opts->k2 = 0;
    opts->k3 = 1;
    opts->b = 0.5;
    opts->min_normlen = 0.5;
    opts->sort = XS_SORT_RELEVANCE;
    opts->limit = 10;
    opts->collapse_slot = -1;
    for (int k = 0; k < XS_MAX_VALUES; k++)
        opts->value_slots[k] = -1;
}

extern "C" xs_status xs_db_search(xs_db *db, const xs_query *q, const xs_search_opts *opts,
                                  xs_results **out)
{
    *out = nullptr;
    return xs_with_db(db, [&](Xapian::Database &d) {
        if (!q)
            throw Xapian::InvalidArgumentError("NULL query");
        xs_search_opts defaults;
        xs_search_opts_init(&defaults);
        *out = run(d, db->shards, q->q, opts ? *opts : defaults);
    });
}

extern "C" void xs_results_free(xs_results *r)
{
    delete r;
}

extern "C" size_t xs_results_size(const xs_results *r)
{
    return r ? r->docids.size() : 0;
}

extern "C" uint64_t xs_results_docid(const xs_results *r, size_t i)
{
    return r && i < r->docids.size() ? r->docids[i] : 0;
}

extern "C" double xs_results_score(const xs_results *r, size_t i)
{
    return r && i < r->scores.size() ? r->scores[i] : 0.0;
}

extern "C" uint64_t xs_results_total(const xs_results *r)
{
    return r ? r->total : 0;
}

extern "C" int xs_results_exact(const xs_results *r)
{
    return r && r->exact;
}

extern "C" uint64_t xs_results_collapsed(const xs_results *r, size_t i)
{
    return r && i < r->collapsed.size() ? r->collapsed[i] : 0;
}

extern "C" const char *xs_results_value(const xs_results *r, size_t i, int k, size_t *len)
{
    if (!r || k < 0 || k >= XS_MAX_VALUES || i >= r->values[k].size()) {
        *len = 0;
        return "";
    }
    *len = r->values[k][i].size();
    return r->values[k][i].data();
}

extern "C" const char *xs_results_data(const xs_results *r, size_t i, size_t *len)
{
    if (!r || i >= r->data.size()) {
        *len = 0;
        return "";
    }
    *len = r->data[i].size();
    return r->data[i].data();
}
