#include "keyset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"

void lg_key_set(lg_key *k, const char *date, size_t len, uint64_t docid)
{
    if (len >= sizeof k->date)
        len = sizeof k->date - 1;
    memcpy(k->date, date, len);
    k->date[len] = '\0';
    k->docid = docid;
}

int lg_key_cmp(lg_sort sort, const lg_key *a, const lg_key *b)
{
    if (sort == LG_SORT_NEWEST || sort == LG_SORT_OLDEST) {
        /* "" (undated) is the smallest value: last when descending. */
        int c = strcmp(a->date, b->date);
        c = (c > 0) - (c < 0);
        if (c)
            return sort == LG_SORT_NEWEST ? -c : c;
    }
    return (a->docid > b->docid) - (a->docid < b->docid);
}

/* Combines and frees a and b (either NULL: NULL). */
static xs_query *both(xs_op op, xs_query *a, xs_query *b)
{
    xs_query *subs[2] = {a, b};
    xs_query *q = a && b ? xs_query_combine(op, subs, 2, 0) : NULL;
    xs_query_free(a);
    xs_query_free(b);
    return q;
}

static int date_slot(void)
{
    return lg_field_get(LG_F_DATE)->slot;
}

/* Every date value starts with a digit, so "0" and up is every dated one. */
static xs_query *undated(void)
{
    return both(XS_OP_AND_NOT, xs_query_match_all(), xs_query_value_range(date_slot(), "0", NULL));
}

/* k's date (or undatedness), with a docid up to k's: what comes before
 * k among the documents of its date. */
static xs_query *same_date_to_id(const lg_key *k)
{
    xs_query *same = *k->date ? xs_query_value_range(date_slot(), k->date, k->date) : undated();
    return both(XS_OP_FILTER, same, xs_query_docid_range(1, k->docid));
}

/* k's date and every one after it in the order up to `bound` (NULL: all
 * of them, undated ones included where they come after; see lg_window). */
static xs_query *from_date(lg_sort sort, const lg_key *k, const char *bound)
{
    if (!*k->date && (sort == LG_SORT_NEWEST || (bound && !*bound)))
        return undated();
    if (!*k->date)
        return both(XS_OP_OR, undated(), xs_query_value_range(date_slot(), "0", bound));
    if (sort == LG_SORT_OLDEST)
        return xs_query_value_range(date_slot(), k->date, bound);
    if (bound)
        return xs_query_value_range(date_slot(), bound, k->date);
    return both(XS_OP_OR, xs_query_value_range(date_slot(), NULL, k->date), undated());
}

/* One scan of the date values where the window holds the page: the
 * documents of k's date up to k are taken out by AND_NOT, which only asks
 * about the documents the window holds. */
xs_query *lg_key_after(lg_sort sort, const lg_key *k, const lg_window *w)
{
    if (sort == LG_SORT_ID)
        return xs_query_docid_range(k->docid + 1, 0);
    const char *bound = w && w->bounded ? w->bound : NULL;
    return both(XS_OP_AND_NOT, from_date(sort, k, bound), same_date_to_id(k));
}

/* A YYYYMMDD value as a number that grows with it (13 months of 32 days a
 * year: gaps, no overlaps, so day_date(day_of(d)) is d), or -1 when it is
 * not such a date. */
#define DAYS_MAX (9999L * 416 + 12 * 32 + 31)
static long digits(const char *s, int n)
{
    long v = 0;
    while (n-- > 0)
        v = v * 10 + (*s++ - '0');
    return v;
}

static long day_of(const char *d)
{
    if (strlen(d) != 8 || strspn(d, "0123456789") != 8)
        return -1;
    long m = digits(d + 4, 2), day = digits(d + 6, 2);
    return m <= 12 && day <= 31 ? (digits(d, 4) * 13 + m) * 32 + day : -1;
}

static void day_date(long n, char out[16])
{
    snprintf(out, 16, "%04ld%02ld%02ld", n / 416, n / 32 % 13, n % 32);
}

/* Bounds w `w->span` days on from day `at` in the order, or leaves it
 * unbounded when that passes the last date there is. */
static void set_bound(lg_window *w, lg_sort sort, long at)
{
    long to = sort == LG_SORT_NEWEST ? at - w->span : at + w->span;
    if (to < 0 || to > DAYS_MAX)
        return;
    char b[16];
    day_date(to, b);
    if (*w->lo && (sort == LG_SORT_NEWEST ? strcmp(b, w->lo) <= 0 : strcmp(b, w->hi) >= 0))
        return;
    w->bounded = 1;
    memcpy(w->bound, b, sizeof b);
}

void lg_window_next(lg_window *w, lg_sort sort, const lg_key *first, const lg_key *last,
                    size_t n, size_t limit)
{
    int was = w->bounded;
    w->bounded = 0;
    if (sort == LG_SORT_ID || (n < limit && !was))
        return;
    if (!last) { /* nothing yet: a wider first window */
        w->span = 4 * w->span + 1;
        set_bound(w, sort, day_of(sort == LG_SORT_NEWEST ? w->hi : w->lo));
        return;
    }
    if (!*last->date) {
        /* Undated: the end in newest order; oldest order starts with them,
         * a window of undated documents only while pages fill. */
        w->bounded = sort == LG_SORT_OLDEST && n == limit;
        w->bound[0] = '\0';
        return;
    }
    long at = day_of(last->date), from = day_of(first->date);
    if (at < 0)
        return;
    w->span = n == limit ? 2 * (from >= 0 ? labs(at - from) : 0) + 1 : 4 * w->span + 1;
    set_bound(w, sort, at);
}

void lg_window_first(lg_window *w, lg_sort sort, const char *lo, const char *hi, uint64_t docs,
                     size_t limit)
{
    long a = day_of(lo), b = day_of(hi);
    memset(w, 0, sizeof *w);
    if (sort == LG_SORT_ID || a < 0 || b < 0 || docs == 0)
        return;
    snprintf(w->lo, sizeof w->lo, "%s", lo);
    snprintf(w->hi, sizeof w->hi, "%s", hi);
    double share = 2.0 * (double)limit / (double)docs;
    w->span = share >= 1 ? DAYS_MAX : (long)((double)(b - a) * share) + 1;
    set_bound(w, sort, sort == LG_SORT_NEWEST ? b : a);
}

xs_query *lg_key_first(lg_sort sort, const lg_window *w)
{
    if (sort == LG_SORT_NEWEST)
        return xs_query_value_range(date_slot(), w->bound, NULL);
    if (!*w->bound)
        return undated();
    return both(XS_OP_OR, undated(), xs_query_value_range(date_slot(), NULL, w->bound));
}
