/*
 * xs_search.cc — running a query: BM25 parameters, ordering, paging.
 *
 * Results are copied out of the MSet into plain vectors, so they stay valid
 * whatever happens to the database afterwards. Ties are always broken by
 * ascending docid, so output is deterministic for tests and paging.
 */
#include "xs_internal.h"

#include <algorithm>
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

static xs_results *run(const Xapian::Database &d, const Xapian::Query &q, const xs_search_opts &o)
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
        for (int k = 0; k < XS_MAX_VALUES; k++)
            if (o.value_slots[k] >= 0)
                r->values[k].push_back(it.get_document().get_value(xs_slot(o.value_slots[k])));
        if (o.want_data)
            r->data.push_back(it.get_document().get_data());
    }
    /* With every match checked the lower bound is exact; the estimate is
     * not when collapsing (1.4.22 counted 10 of 9 collapsed matches). */
    r->total = o.check_at_least ? mset.get_matches_lower_bound() : mset.get_matches_estimated();
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
        *out = run(d, q->q, opts ? *opts : defaults);
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
