#include "collapse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "strbuf.h"

struct lg_collapse {
    sqlite3 *sql;
    sqlite3_stmt *members;
    xs_db *xdb;
    const xs_query *q;
    lg_collapse_target t;
    xs_query **terms;       /* the members' id terms, reused */
    size_t n, cap;
};

int lg_collapse_new(sqlite3 *sql, xs_db *xdb, const xs_query *q, const lg_collapse_target *t,
                    lg_collapse **out, lg_err *e)
{
    lg_collapse *c = calloc(1, sizeof *c);
    *out = c;
    if (!c)
        return lg_err_set(e, LG_EXIT_DB, "out of memory");
    *c = (lg_collapse){.sql = sql, .xdb = xdb, .q = q, .t = *t};
    if (sqlite3_prepare_v2(sql, t->members_sql, -1, &c->members, NULL) != SQLITE_OK)
        return lg_err_set(e, LG_EXIT_DB, "database: %s", sqlite3_errmsg(sql));
    return 0;
}

static void drop_terms(lg_collapse *c)
{
    for (size_t i = 0; i < c->n; i++)
        xs_query_free(c->terms[i]);
    c->n = 0;
}

void lg_collapse_free(lg_collapse *c)
{
    if (!c)
        return;
    drop_terms(c);
    free(c->terms);
    sqlite3_finalize(c->members);
    free(c);
}

/* The id terms of the group's other members, from SQLite. */
static int member_terms(lg_collapse *c, const lg_key *row, const char *group, size_t glen,
                        lg_err *e)
{
    drop_terms(c);
    sqlite3_reset(c->members);
    sqlite3_bind_text(c->members, 1, group, (int)glen, SQLITE_STATIC);
    sqlite3_bind_int64(c->members, 2, (sqlite3_int64)(row->docid - c->t.docid_base));
    int rc;
    while ((rc = sqlite3_step(c->members)) == SQLITE_ROW) {
        char term[48];
        snprintf(term, sizeof term, "%s%llu", lg_field_get(LG_F_ID)->xprefix,
                 (unsigned long long)(c->t.docid_base +
                                      (uint64_t)sqlite3_column_int64(c->members, 0)));
        if (LG_GROW(c->terms, c->n, c->cap) != 0 ||
            !(c->terms[c->n] = xs_query_term(term, strlen(term))))
            return lg_err_set(e, LG_EXIT_DB, "out of memory");
        c->n++;
    }
    if (rc != SQLITE_DONE)
        return lg_err_set(e, LG_EXIT_DB, "database: %s", sqlite3_errmsg(c->sql));
    return 0;
}

/* The members that match the query, with their group and date values. */
static int matching_members(lg_collapse *c, lg_sort sort, xs_results **r, lg_err *e)
{
    xs_query *any = xs_query_combine(XS_OP_OR, c->terms, c->n, 0);
    xs_query *subs[2] = {(xs_query *)c->q, any};
    xs_query *q = any ? xs_query_combine(XS_OP_FILTER, subs, 2, 0) : NULL;
    xs_query_free(any);
    if (!q)
        return lg_err_set(e, LG_EXIT_DB, "out of memory");
    xs_search_opts o;
    xs_search_opts_init(&o);
    o.sort = XS_SORT_DOCID;
    o.limit = c->n;
    o.value_slots[0] = c->t.group_slot;
    if (sort != LG_SORT_ID)
        o.value_slots[1] = lg_field_get(LG_F_DATE)->slot;
    xs_status st = xs_db_search(c->xdb, q, &o, r);
    xs_query_free(q);
    if (st != XS_OK)
        return lg_err_set(e, LG_EXIT_DB, "xapian: %s", xs_db_error(c->xdb));
    return 0;
}

int lg_collapse_check(lg_collapse *c, lg_sort sort, const lg_key *row, const char *group,
                      size_t glen, uint64_t *count, int *first, lg_err *e)
{
    *count = 1;
    *first = 1;
    /* Xapian never collapses a document without a group value either. */
    if (glen == 0)
        return 0;
    if (member_terms(c, row, group, glen, e) != 0)
        return -1;
    if (c->n == 0)
        return 0;
    xs_results *r = NULL;
    if (matching_members(c, sort, &r, e) != 0)
        return -1;
    for (size_t i = 0; i < xs_results_size(r); i++) {
        size_t len, dlen;
        const char *g = xs_results_value(r, i, 0, &len);
        /* SQLite may be a commit ahead of Xapian: Xapian's group decides. */
        if (len != glen || memcmp(g, group, glen) != 0)
            continue;
        lg_key k;
        const char *d = xs_results_value(r, i, 1, &dlen);
        lg_key_set(&k, d, dlen, xs_results_docid(r, i));
        (*count)++;
        if (lg_key_cmp(sort, &k, row) < 0)
            *first = 0;
    }
    xs_results_free(r);
    return 0;
}
