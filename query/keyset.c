#include "keyset.h"

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

/* The date value one step up (dir 1) or down (-1) as a digit string: the
 * nearest value strictly beyond d, since every date value has the same
 * length. A C string cannot hold the NUL that "d + \0" would need. 0 when
 * there is none (all nines up, all zeros down). */
static int step(const char *d, int dir, char out[16])
{
    size_t n = strlen(d);
    memcpy(out, d, n + 1);
    for (size_t i = n; i-- > 0;) {
        char edge = dir > 0 ? '9' : '0';
        if (out[i] != edge) {
            out[i] = (char)(out[i] + dir);
            return 1;
        }
        out[i] = dir > 0 ? '0' : '9';
    }
    return 0;
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

/* k's date (or undatedness), with a docid above k's. */
static xs_query *same_date_later_id(const lg_key *k)
{
    xs_query *same = *k->date ? xs_query_value_range(date_slot(), k->date, k->date) : undated();
    return both(XS_OP_FILTER, same, xs_query_docid_range(k->docid + 1, 0));
}

/* Every date after k's in the order, undated ones included where they
 * come after. */
static xs_query *later_dates(lg_sort sort, const lg_key *k)
{
    char d[16];
    if (sort == LG_SORT_NEWEST) {
        if (!*k->date)
            return xs_query_match_nothing();
        if (!step(k->date, -1, d))
            return undated();
        return both(XS_OP_OR, xs_query_value_range(date_slot(), NULL, d), undated());
    }
    if (!*k->date)
        return xs_query_value_range(date_slot(), "0", NULL);
    if (!step(k->date, 1, d))
        return xs_query_match_nothing();
    return xs_query_value_range(date_slot(), d, NULL);
}

xs_query *lg_key_after(lg_sort sort, const lg_key *k)
{
    if (sort == LG_SORT_ID)
        return xs_query_docid_range(k->docid + 1, 0);
    return both(XS_OP_OR, later_dates(sort, k), same_date_later_id(k));
}
