/*
 * xs_query.cc — building Xapian::Query trees from C values.
 *
 * Queries are built as objects, never as query strings, so user input can
 * never be reparsed as syntax. Constructors return NULL only on failure
 * (with xs_last_error set); a NULL input makes the combination fail too, so
 * callers may build a whole tree and check once at the end.
 */
#include "xs_internal.h"

#include <algorithm>
#include <limits>

using Q = Xapian::Query;

/* Runs `build` (returning a pointer); on failure NULL and xs_last_error. */
template <class F>
static auto or_null(F &&build) noexcept -> decltype(build())
{
    try {
        return build();
    } catch (...) {
        xs_map_error(xs_thread_error());
        return nullptr;
    }
}

template <class F>
static xs_query *make(F &&build) noexcept
{
    return or_null([&] { return new xs_query{build()}; });
}

/* A NULL handle (a failed constructor upstream) fails the whole build. */
static const Q &unwrap(const xs_query *q)
{
    if (!q)
        throw Xapian::InvalidArgumentError("NULL query (an earlier constructor failed?)");
    return q->q;
}

static Q::op xapian_op(xs_op op)
{
    switch (op) {
    case XS_OP_AND: return Q::OP_AND;
    case XS_OP_OR: return Q::OP_OR;
    case XS_OP_AND_NOT: return Q::OP_AND_NOT;
    case XS_OP_FILTER: return Q::OP_FILTER;
    case XS_OP_AND_MAYBE: return Q::OP_AND_MAYBE;
    case XS_OP_NEAR: return Q::OP_NEAR;
    case XS_OP_PHRASE: return Q::OP_PHRASE;
    case XS_OP_SYNONYM: return Q::OP_SYNONYM;
    }
    throw Xapian::InvalidArgumentError("unknown xs_op " + std::to_string(op));
}

static Q combine(xs_op op, xs_query *const *subs, size_t n, unsigned window)
{
    std::vector<Q> qs;
    for (size_t i = 0; i < n; i++)
        qs.push_back(unwrap(subs[i]));
    /* Xapian's n-ary forms (a AND_NOT b AND_NOT c, a FILTER b FILTER c)
     * mean the same; nesting makes the tree read as our contract does. */
    if (n > 2 && (op == XS_OP_AND_NOT || op == XS_OP_FILTER || op == XS_OP_AND_MAYBE)) {
        Q::op rest = op == XS_OP_FILTER ? Q::OP_AND : Q::OP_OR;
        return Q(xapian_op(op), qs[0], Q(rest, qs.begin() + 1, qs.end()));
    }
    /* Xapian rejects a window on other operators; ours ignore it */
    bool windowed = op == XS_OP_NEAR || op == XS_OP_PHRASE;
    return Q(xapian_op(op), qs.begin(), qs.end(), windowed ? window : 0);
}

static bool open_end(const char *s)
{
    return !s || !*s;
}

static Q value_range(int slot, const char *lo, const char *hi)
{
    Xapian::valueno v = xs_slot(slot);
    if (open_end(lo) && open_end(hi))
        return Q::MatchAll;
    if (open_end(hi))
        return Q(Q::OP_VALUE_GE, v, lo);
    if (open_end(lo))
        return Q(Q::OP_VALUE_LE, v, hi);
    return Q(Q::OP_VALUE_RANGE, v, lo, hi);
}

namespace {

/* Every document with a docid in [lo, hi], walked on the all-documents
 * list: Xapian has no docid range operator. */
class DocidRange : public Xapian::PostingSource {
    Xapian::docid lo, hi;
    Xapian::Database db;
    Xapian::PostingIterator it, end;
    bool started = false;
    Xapian::doccount most = 0;

  public:
    DocidRange(Xapian::docid lo_, Xapian::docid hi_) : lo(lo_), hi(hi_) {}
    Xapian::PostingSource *clone() const override { return new DocidRange(lo, hi); }
    void init(const Xapian::Database &d) override
    {
        db = d;
        it = db.postlist_begin("");
        end = db.postlist_end("");
        started = false;
        Xapian::docid last = db.get_lastdocid();
        Xapian::doccount n = db.get_doccount();
        Xapian::doccount span = lo > last ? 0 : std::min<Xapian::docid>(hi, last) - lo + 1;
        most = std::min<Xapian::doccount>(n, span);
        set_maxweight(0);
    }
    Xapian::doccount get_termfreq_min() const override { return 0; }
    Xapian::doccount get_termfreq_est() const override { return most; }
    Xapian::doccount get_termfreq_max() const override { return most; }
    Xapian::docid get_docid() const override { return *it; }
    void next(double) override
    {
        if (started)
            ++it;
        else
            it.skip_to(lo);
        started = true;
    }
    void skip_to(Xapian::docid did, double) override
    {
        it.skip_to(std::max(did, lo));
        started = true;
    }
    bool at_end() const override { return started && (it == end || *it > hi); }
};

} // namespace

static Q docid_range(uint64_t lo, uint64_t hi)
{
    const uint64_t top = std::numeric_limits<Xapian::docid>::max();
    if (lo > top)
        return Q::MatchNothing;
    auto *src = new DocidRange(static_cast<Xapian::docid>(std::max<uint64_t>(lo, 1)),
                               static_cast<Xapian::docid>(hi && hi < top ? hi : top));
    return Q(src->release());
}

extern "C" xs_query *xs_query_docid_range(uint64_t lo, uint64_t hi)
{
    return make([&] { return docid_range(lo, hi); });
}

extern "C" xs_query *xs_query_term(const char *term, size_t len)
{
    return make([&] { return Q(std::string(term, len)); });
}

extern "C" xs_query *xs_query_match_all(void)
{
    return make([] { return Q::MatchAll; });
}

extern "C" xs_query *xs_query_match_nothing(void)
{
    return make([] { return Q::MatchNothing; });
}

extern "C" xs_query *xs_query_combine(xs_op op, xs_query *const *subs, size_t n, unsigned window)
{
    return make([&] { return combine(op, subs, n, window); });
}

extern "C" xs_query *xs_query_value_range(int slot, const char *lo, const char *hi)
{
    return make([&] { return value_range(slot, lo, hi); });
}

extern "C" xs_query *xs_query_wildcard(const char *pattern, unsigned max_expansion)
{
    /* over-expansion is detected by Xapian at search time (WildcardError) */
    return make([&] {
        return Q(Q::OP_WILDCARD, pattern, max_expansion, Q::WILDCARD_LIMIT_ERROR, Q::OP_MAX);
    });
}

extern "C" xs_query *xs_query_wildcard_in(xs_db *db, const char *pattern, unsigned max_expansion)
{
    return make([&] {
        if (!db || !db->db)
            throw Xapian::InvalidArgumentError("NULL database");
        std::vector<std::string> terms;
        const Xapian::Database &d = *db->db;
        for (auto t = d.allterms_begin(pattern); t != d.allterms_end(pattern); ++t) {
            if (terms.size() == max_expansion)
                throw Xapian::WildcardError("Wildcard " + std::string(pattern) +
                                            "* expands to more than " +
                                            std::to_string(max_expansion) + " terms");
            terms.push_back(*t);
        }
        return Q(Q::OP_MAX, terms.begin(), terms.end());
    });
}

extern "C" xs_query *xs_query_scale(const xs_query *q, double factor)
{
    return make([&] { return Q(Q::OP_SCALE_WEIGHT, unwrap(q), factor); });
}

extern "C" void xs_query_free(xs_query *q)
{
    delete q;
}

extern "C" char *xs_query_describe(const xs_query *q)
{
    return or_null([&] { return xs_strdup(unwrap(q).get_description()); });
}
