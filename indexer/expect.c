#include "expect.h"

#include <stdlib.h>
#include <string.h>

#include "docbuild.h"
#include "docdata.h"
#include "strbuf.h"

/* An article's quotations, copied out of the store's statement. */
typedef struct {
    lg_stored_quote *v;
    size_t n, cap;
} quote_list;

/* Returns 1 (stopping the scan) when out of memory. */
static int collect_quote(void *ctx, const lg_stored_quote *q)
{
    quote_list *l = ctx;
    if (LG_GROW(l->v, l->n, l->cap) != 0)
        return 1;
    lg_stored_quote *c = &l->v[l->n++];
    *c = *q;
    c->text = strdup(q->text ? q->text : "");
    c->speaker_key = q->speaker_key ? strdup(q->speaker_key) : NULL;
    c->qkey = strdup(q->qkey ? q->qkey : "");
    return c->text && c->qkey ? 0 : 1;
}

static void quotes_free(quote_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free((char *)l->v[i].text);
        free((char *)l->v[i].speaker_key);
        free((char *)l->v[i].qkey);
    }
    free(l->v);
}

/* Gives `doc` its document data and keeps it (or frees it on failure). */
static int push(lg_expected *x, lg_data_kind kind, uint64_t docid, int64_t id, xs_doc *doc,
                lg_err *e)
{
    char *data = NULL;
    int found = lg_docdata_encode(x->data[kind], id, &data, e);
    xs_status st = found > 0 ? xs_doc_set_data(doc, data, strlen(data)) : XS_OK;
    free(data);
    if (found < 0 || st != XS_OK || LG_GROW(x->v, x->n, x->cap) != 0) {
        xs_doc_free(doc);
        return found < 0 ? -1 : lg_err_set(e, LG_EXIT_DB, "out of memory");
    }
    x->v[x->n++] = (lg_expected_doc){docid, id, doc};
    return 0;
}

static int build(const lg_stored *a, const quote_list *q, lg_stemmer *st, lg_expected *x,
                 lg_err *e)
{
    xs_doc *doc;
    if (lg_docbuild(a, q->v, q->n, st, &doc, e) != 0 || push(x, LG_DATA_ARTICLE, (uint64_t)a->id, a->id, doc, e) != 0)
        return -1;
    for (size_t i = 0; i < q->n; i++)
        if (lg_docbuild_quote(a, &q->v[i], st, &doc, e) != 0 ||
            push(x, LG_DATA_QUOTE, lg_quote_docid(q->v[i].id), q->v[i].id, doc, e) != 0)
            return -1;
    return 0;
}

int lg_expect(lg_store *s, lg_stemmer *st, int64_t id, lg_expected *out, lg_err *e)
{
    lg_expected_clear(out);
    for (int k = 0; k < 2; k++)
        if (!out->data[k] && lg_docdata_prepare(lg_store_sql(s), (lg_data_kind)k, &out->data[k], e) != 0)
            return -1;
    quote_list quotes = {0};
    int rc = lg_store_quotes(s, id, collect_quote, &quotes, e);
    if (rc > 0)
        rc = lg_err_set(e, LG_EXIT_DB, "out of memory");
    lg_stored a;
    int found = rc == 0 ? lg_store_load(s, id, &a, e) : -1;
    if (found > 0 && build(&a, &quotes, st, out, e) != 0)
        found = -1;
    lg_store_load_done(s);
    quotes_free(&quotes);
    return found;
}

void lg_expected_clear(lg_expected *x)
{
    for (size_t i = 0; i < x->n; i++)
        xs_doc_free(x->v[i].doc);
    x->n = 0;
}

void lg_expected_free(lg_expected *x)
{
    lg_expected_clear(x);
    free(x->v);
    sqlite3_finalize(x->data[0]);
    sqlite3_finalize(x->data[1]);
    memset(x, 0, sizeof *x);
}
