#include "shards.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "docdata.h"
#include "strbuf.h"

/* Documents of `kind` restricted by `extra` (not freed here). */
static xs_query *of_kind(const char *kind, xs_query *extra)
{
    lg_sb term = LG_SB_INIT;
    lg_sb_addf(&term, "%s%s", lg_field_get(LG_F_KIND)->xprefix, kind);
    xs_query *subs[2] = {xs_query_term(term.buf, term.len), extra};
    xs_query *q = subs[0] && extra ? xs_query_combine(XS_OP_FILTER, subs, 2, 0) : NULL;
    xs_query_free(subs[0]);
    lg_sb_release(&term);
    return q;
}

/* Every match of q in docid order, with data; limit 0 for all. */
static xs_results *fetch(xs_db *xdb, xs_query *q, uint64_t limit, lg_err *e)
{
    xs_search_opts o;
    xs_search_opts_init(&o);
    o.sort = XS_SORT_DOCID;
    o.limit = limit ? limit : UINT32_MAX;
    o.want_data = 1;
    xs_results *r = NULL;
    if (!q)
        lg_err_set(e, LG_EXIT_DB, "out of memory");
    else if (xs_db_search(xdb, q, &o, &r) != XS_OK)
        lg_err_set(e, LG_EXIT_DB, "xapian: %s", xs_db_error(xdb));
    xs_query_free(q);
    return r;
}

typedef struct {
    char *outlet, *date;  /* date: the earliest, "9999" when undated */
    int64_t id;           /* the lowest article id */
} carrier;

static int by_first(const void *a, const void *b)
{
    const carrier *x = a, *y = b;
    int c = strcmp(x->date, y->date);
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* Folds one copy into the carrier of its outlet (min date, min id). */
static int add_copy(carrier **v, size_t *n, size_t *cap, const json_t *o, const char *id_key)
{
    const char *outlet = json_string_value(json_object_get(o, "outlet"));
    const char *date = json_string_value(json_object_get(o, "date"));
    int64_t id = lg_docdata_int(o, id_key);
    if (!outlet)
        return 0;
    date = date ? date : "9999";
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*v)[i].outlet, outlet) == 0) {
            carrier *c = &(*v)[i];
            if (strcmp(date, c->date) < 0) {
                free(c->date);
                c->date = strdup(date);
            }
            c->id = id < c->id ? id : c->id;
            return c->date ? 0 : -1;
        }
    if (LG_GROW(*v, *n, *cap) != 0)
        return -1;
    (*v)[*n] = (carrier){strdup(outlet), strdup(date), id};
    return (*v)[(*n)++].date ? 0 : -1;
}

char *lg_shards_outlets(xs_db *xdb, const char *kind, int slot, const char *key, const char *own,
                        lg_err *e)
{
    xs_query *range = xs_query_value_range(slot, key, key);
    xs_results *r = fetch(xdb, of_kind(kind, range), 0, e);
    xs_query_free(range);
    if (!r)
        return NULL;
    const char *id_key = strcmp(kind, "quote") == 0 ? "article_id" : "id";
    carrier *v = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < xs_results_size(r); i++) {
        size_t len;
        const char *data = xs_results_data(r, i, &len);
        json_t *o = lg_docdata_parse(data, len);
        rc = o ? add_copy(&v, &n, &cap, o, id_key) : 0;
        json_decref(o);
    }
    xs_results_free(r);
    if (n > 1)
        qsort(v, n, sizeof *v, by_first);
    json_t *arr = json_array();
    if (n == 0 && own)
        json_array_append_new(arr, json_string(own));
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, json_string(v[i].outlet));
        free(v[i].outlet);
        free(v[i].date);
    }
    free(v);
    char *s = rc == 0 ? json_dumps(arr, JSON_COMPACT) : NULL;
    json_decref(arr);
    if (!s)
        lg_err_set(e, LG_EXIT_DB, "out of memory");
    return s;
}

/* The data of the first article matching `extra`, parsed; NULL if none. */
static json_t *first_article(xs_db *xdb, xs_query *extra, lg_err *e)
{
    xs_results *r = fetch(xdb, of_kind("article", extra), 1, e);
    xs_query_free(extra);
    size_t len = 0;
    const char *data = xs_results_size(r) ? xs_results_data(r, 0, &len) : "";
    json_t *o = lg_docdata_parse(data, len);
    xs_results_free(r);
    return o;
}

char *lg_shards_article_text(xs_db *xdb, int64_t id, size_t *len, lg_err *e)
{
    lg_sb term = LG_SB_INIT;
    lg_sb_addf(&term, "%s%lld", lg_field_get(LG_F_ID)->xprefix, (long long)id);
    json_t *o = first_article(xdb, xs_query_term(term.buf, term.len), e);
    lg_sb_release(&term);
    char *text = lg_docdata_dup(o, lg_field_get(LG_F_TEXT)->column);
    json_decref(o);
    *len = text ? strlen(text) : 0;
    return text;
}

char *lg_shards_name(xs_db *xdb, lg_field_id field, const char *key)
{
    const lg_field *f = lg_field_get(field);
    lg_err ignored;
    json_t *o = first_article(xdb, xs_query_value_range(f->slot, key, key), &ignored);
    char *name = lg_docdata_dup(o, f->column);
    json_decref(o);
    return name;
}

int lg_shards_count(xs_db *xdb, const xs_query *q, int slot, const char *key, uint64_t *n,
                    lg_err *e)
{
    xs_query *subs[2] = {(xs_query *)q, xs_query_value_range(slot, key, key)};
    xs_query *both = subs[1] ? xs_query_combine(XS_OP_FILTER, subs, 2, 0) : NULL;
    xs_query_free(subs[1]);
    uint64_t docs = 0;
    xs_search_opts o;
    xs_search_opts_init(&o);
    o.sort = XS_SORT_DOCID;
    o.limit = 0;
    xs_results *r = NULL;
    int rc = 0;
    if (!both)
        rc = lg_err_set(e, LG_EXIT_DB, "out of memory");
    else if (xs_db_doccount(xdb, &docs) != XS_OK ||
             (o.check_at_least = docs, xs_db_search(xdb, both, &o, &r)) != XS_OK)
        rc = lg_err_set(e, LG_EXIT_DB, "xapian: %s", xs_db_error(xdb));
    *n = xs_results_total(r);
    xs_results_free(r);
    xs_query_free(both);
    return rc;
}
