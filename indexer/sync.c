#include "sync.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "docbuild.h"

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

static int apply_one(void *vctx, int64_t id)
{
    sync_ctx *c = vctx;
    lg_stored a;
    int found = lg_store_load(c->store, id, &a, c->e);
    if (found < 0)
        return -1;
    c->applied++;
    if (!found)
        return xs_db_delete(c->xdb, (uint64_t)id) == XS_OK ? 0 : xapian_fail(c->xdb, c->e, "delete");
    xs_doc *doc;
    if (lg_docbuild(&a, c->stemmer, &doc, c->e) != 0)
        return -1;
    xs_status st = xs_db_replace(c->xdb, (uint64_t)id, doc);
    xs_doc_free(doc);
    return st == XS_OK ? 0 : xapian_fail(c->xdb, c->e, "replace");
}

int lg_sync_applied_seq(xs_db *xdb, int64_t *seq, lg_err *e)
{
    char *value;
    if (xs_db_get_metadata(xdb, LG_APPLIED_SEQ_KEY, &value) != XS_OK)
        return xapian_fail(xdb, e, "read applied seq");
    *seq = strtoll(value, NULL, 10);
    free(value);
    return 0;
}

int lg_sync(lg_store *s, xs_db *xdb, lg_stemmer *st, uint64_t *applied, lg_err *e)
{
    sync_ctx c = {s, xdb, st, e, 0};
    int64_t from, to;
    if (lg_sync_applied_seq(xdb, &from, e) != 0)
        return -1;
    /* Read in one SQLite transaction so the articles match the outbox. */
    if (lg_store_begin(s, e) != 0)
        return -1;
    int rc = lg_store_outbox(s, from, apply_one, &c, &to, e);
    lg_store_rollback(s);
    if (rc != 0)
        return -1;
    if (applied)
        *applied = c.applied;
    if (to == from)
        return 0;
    char seq[32];
    snprintf(seq, sizeof seq, "%" PRId64, to);
    if (xs_db_set_metadata(xdb, LG_APPLIED_SEQ_KEY, seq) != XS_OK)
        return xapian_fail(xdb, e, "store applied seq");
    if (xs_db_commit(xdb) != XS_OK)
        return xapian_fail(xdb, e, "commit");
    if (lg_store_begin(s, e) != 0 || lg_store_outbox_trim(s, to, e) != 0 || lg_store_commit(s, e) != 0) {
        lg_store_rollback(s);
        return -1;
    }
    return 0;
}
