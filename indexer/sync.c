#include "sync.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docbuild.h"
#include "docdata.h"
#include "fields.h"
#include "strbuf.h"

typedef struct {
    lg_store *store;
    xs_db *xdb;
    lg_stemmer *stemmer;
    lg_err *e;
    uint64_t applied;
} sync_ctx;

static int xapian_fail(xs_db *xdb, lg_err *e, const char *what)
{
    return lg_err_set(e, LG_EXIT_DB, "xapian: %s: %s", what, xs_db_error(xdb));
}

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

/* Gives a built document what a search shows of it (docdata.h), so that
 * a shard served without its SQLite can still display its hits. */
static int add_data(lg_store *s, int quote, int64_t id, xs_doc *doc, lg_err *e)
{
    if (!lg_docdata_wanted())
        return 0;
    char *data = NULL;
    int found = lg_store_docdata(s, quote, id, &data, e);
    xs_status st = found > 0 ? xs_doc_set_data(doc, data, strlen(data)) : XS_OK;
    free(data);
    if (found < 0)
        return -1;
    return st == XS_OK ? 0 : lg_err_set(e, LG_EXIT_DB, "xapian: document data: %s", xs_last_error());
}

static int build_all(lg_store *s, const lg_stored *a, const quote_list *quotes, lg_stemmer *st,
                     lg_built *b, lg_err *e)
{
    if (lg_docbuild(a, quotes->v, quotes->n, st, &b->doc, e) != 0 ||
        add_data(s, 0, a->id, b->doc, e) != 0)
        return -1;
    b->quotes = calloc(quotes->n ? quotes->n : 1, sizeof *b->quotes);
    b->quote_docids = calloc(quotes->n ? quotes->n : 1, sizeof *b->quote_docids);
    if (!b->quotes || !b->quote_docids)
        return lg_err_set(e, LG_EXIT_DB, "out of memory");
    for (size_t i = 0; i < quotes->n; i++) {
        const lg_stored_quote *q = &quotes->v[i];
        b->quote_docids[i] = lg_quote_docid(q->id);
        if (lg_docbuild_quote(a, q, st, &b->quotes[i], e) != 0)
            return -1;
        b->n_quotes++;
        if (add_data(s, 1, q->id, b->quotes[i], e) != 0)
            return -1;
    }
    return 0;
}

int lg_sync_build(lg_store *s, lg_stemmer *st, int64_t id, lg_built *b, lg_err *e)
{
    memset(b, 0, sizeof *b);
    b->id = id;
    lg_stored a;
    int found = lg_store_load(s, id, &a, e);
    if (found <= 0)
        return found;
    quote_list quotes = {0};
    int rc = lg_store_quotes(s, id, collect_quote, &quotes, e);
    if (rc > 0)
        rc = lg_err_set(e, LG_EXIT_DB, "out of memory");
    if (rc == 0)
        rc = build_all(s, &a, &quotes, st, b, e);
    lg_store_load_done(s);
    quotes_free(&quotes);
    if (rc != 0)
        lg_built_clear(b);
    return rc;
}

void lg_built_clear(lg_built *b)
{
    xs_doc_free(b->doc);
    for (size_t i = 0; i < b->n_quotes; i++)
        xs_doc_free(b->quotes[i]);
    free(b->quotes);
    free(b->quote_docids);
    memset(b, 0, sizeof *b);
}

/* Whether the index may hold quotations of article b (held_max: lg_sync_write's). */
static int may_have_quotes(const lg_built *b, int64_t *held_max)
{
    if (!held_max || *held_max < 0 || b->id <= *held_max)
        return 1;
    *held_max = b->id;
    return !b->doc;
}

/* Old quotation documents go first, found by their parent term: their ids
 * change when the article is rewritten. */
int lg_sync_write(xs_db *xdb, const lg_built *b, int64_t *held_max, lg_err *e)
{
    char parent[48];
    snprintf(parent, sizeof parent, "%s%lld", lg_field_get(LG_F_PARENT)->xprefix, (long long)b->id);
    if (may_have_quotes(b, held_max) && xs_db_delete_term(xdb, parent) != XS_OK)
        return xapian_fail(xdb, e, "delete quotes");
    if (!b->doc)
        return xs_db_delete(xdb, (uint64_t)b->id) == XS_OK ? 0 : xapian_fail(xdb, e, "delete");
    if (xs_db_replace(xdb, (uint64_t)b->id, b->doc) != XS_OK)
        return xapian_fail(xdb, e, "replace");
    for (size_t i = 0; i < b->n_quotes; i++)
        if (xs_db_replace(xdb, b->quote_docids[i], b->quotes[i]) != XS_OK)
            return xapian_fail(xdb, e, "replace");
    return 0;
}

/* Rewrites (or deletes) article `id` and its quotations. */
static int apply_one(void *vctx, int64_t id)
{
    sync_ctx *c = vctx;
    lg_built b;
    if (lg_sync_build(c->store, c->stemmer, id, &b, c->e) != 0)
        return -1;
    c->applied++;
    int rc = lg_sync_write(c->xdb, &b, NULL, c->e);
    lg_built_clear(&b);
    return rc;
}

static int read_seq(xs_db *xdb, const char *key, int64_t *seq, int *present)
{
    char *value;
    if (xs_db_get_metadata(xdb, key, &value) != XS_OK)
        return -1;
    *present = *value != '\0';
    *seq = strtoll(value, NULL, 10);
    free(value);
    return 0;
}

int lg_sync_applied_seq(xs_db *xdb, int64_t *seq, lg_err *e)
{
    int present;
    return read_seq(xdb, LG_APPLIED_SEQ_KEY, seq, &present) == 0
               ? 0
               : xapian_fail(xdb, e, "read applied seq");
}

int lg_sync_mark_date_terms(xs_db *xdb, int64_t last, lg_err *e)
{
    int64_t from;
    int present;
    char seq[32];
    if (read_seq(xdb, LG_DATE_TERMS_KEY, &from, &present) != 0)
        return xapian_fail(xdb, e, "read the date terms' seq");
    if (present)
        return 0;
    snprintf(seq, sizeof seq, "%" PRId64, last);
    if (xs_db_set_metadata(xdb, LG_DATE_TERMS_KEY, seq) != XS_OK || xs_db_commit(xdb) != XS_OK)
        return xapian_fail(xdb, e, "store the date terms' seq");
    return 0;
}

int lg_sync_date_terms(xs_db *xdb)
{
    int64_t from, applied;
    int present, any;
    return read_seq(xdb, LG_DATE_TERMS_KEY, &from, &present) == 0 && present &&
           read_seq(xdb, LG_APPLIED_SEQ_KEY, &applied, &any) == 0 && applied >= from;
}

/* Stores the applied seq with the rows it applies, so whichever commit
 * writes them writes it too. */
static int store_seq(xs_db *xdb, int64_t to, lg_err *e)
{
    char seq[32];
    snprintf(seq, sizeof seq, "%" PRId64, to);
    return xs_db_set_metadata(xdb, LG_APPLIED_SEQ_KEY, seq) == XS_OK
               ? 0
               : xapian_fail(xdb, e, "store applied seq");
}

static int commit_seq(xs_db *xdb, int64_t to, lg_err *e)
{
    if (store_seq(xdb, to, e) != 0)
        return -1;
    return xs_db_commit(xdb) == XS_OK ? 0 : xapian_fail(xdb, e, "commit");
}

int lg_sync_commit_pending(xs_db *xdb, lg_err *e)
{
    uint64_t docs, terms;
    if (xs_db_pending(xdb, &docs, &terms) != XS_OK)
        return xapian_fail(xdb, e, "pending writes");
    return docs == 0 || xs_db_commit(xdb) == XS_OK ? 0 : xapian_fail(xdb, e, "commit");
}

int lg_sync_commit_due(xs_db *xdb, int *due, lg_err *e)
{
    uint64_t docs, terms, total;
    if (xs_db_pending(xdb, &docs, &terms) != XS_OK || xs_db_doccount(xdb, &total) != XS_OK)
        return xapian_fail(xdb, e, "pending writes");
    uint64_t every = total / LG_COMMIT_SHARE;
    if (every < LG_COMMIT_MIN_DOCS)
        every = LG_COMMIT_MIN_DOCS;
    if (every > LG_COMMIT_MAX_DOCS)
        every = LG_COMMIT_MAX_DOCS;
    *due = docs >= every || terms >= LG_COMMIT_MAX_TERMS;
    return 0;
}

int lg_sync_apply(lg_store *s, xs_db *xdb, lg_stemmer *st, int64_t *to, uint64_t *applied,
                  lg_err *e)
{
    sync_ctx c = {s, xdb, st, e, 0};
    int64_t from;
    if (lg_sync_applied_seq(xdb, &from, e) != 0)
        return -1;
    /* Read in one SQLite transaction so the articles match the outbox. */
    if (lg_store_begin_read(s, e) != 0)
        return -1;
    int rc = lg_store_outbox(s, from, apply_one, &c, to, e);
    lg_store_rollback(s);
    if (rc != 0)
        return -1;
    if (applied)
        *applied = c.applied;
    return *to != from ? commit_seq(xdb, *to, e) : lg_sync_commit_pending(xdb, e);
}

int lg_sync_apply_built(xs_db *xdb, const lg_built *docs, size_t n, int64_t from, int64_t to,
                        int64_t *held_max, int *committed, lg_err *e)
{
    int64_t applied;
    *committed = 0;
    if (lg_sync_applied_seq(xdb, &applied, e) != 0)
        return -1;
    if (applied != from || to - from != (int64_t)n)
        return 1;
    for (size_t i = 0; i < n; i++)
        if (lg_sync_write(xdb, &docs[i], held_max, e) != 0)
            return -1;
    if (to == from)
        return 0;
    if (store_seq(xdb, to, e) != 0 || lg_sync_commit_due(xdb, committed, e) != 0)
        return -1;
    if (*committed && xs_db_commit(xdb) != XS_OK)
        return xapian_fail(xdb, e, "commit");
    return 0;
}

int lg_sync_trim(lg_store *s, int64_t to, lg_err *e)
{
    if (lg_store_begin(s, e) != 0 || lg_store_outbox_trim(s, to, e) != 0 || lg_store_commit(s, e) != 0) {
        lg_store_rollback(s);
        return -1;
    }
    return 0;
}

int lg_sync(lg_store *s, xs_db *xdb, lg_stemmer *st, uint64_t *applied, lg_err *e)
{
    int64_t to;
    if (lg_sync_apply(s, xdb, st, &to, applied, e) != 0)
        return -1;
    return lg_sync_trim(s, to, e);
}
