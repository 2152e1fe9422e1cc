#include "search.h"

#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "parse.h"
#include "snippet.h"
#include "strbuf.h"

int lg_sort_parse(const char *name, lg_sort *out)
{
    static const char *names[] = {"relevance", "newest", "oldest"};
    static const lg_sort sorts[] = {LG_SORT_RELEVANCE, LG_SORT_NEWEST, LG_SORT_OLDEST};
    for (size_t i = 0; i < 3; i++)
        if (strcmp(name, names[i]) == 0) {
            *out = sorts[i];
            return 0;
        }
    return -1;
}

/* The display columns of the output fields (from the field table), then
 * the text for snippets. cols[] maps result columns to field ids. */
typedef struct {
    sqlite3_stmt *st;
    lg_field_id cols[LG_F__COUNT];
    int ncols;
} fetcher;

static int fetcher_init(fetcher *f, sqlite3 *sql, lg_err *e)
{
    lg_sb q = LG_SB_INIT;
    lg_sb_adds(&q, "SELECT ");
    f->ncols = 0;
    for (int i = 0; i < LG_F__COUNT; i++) {
        const lg_field *fd = lg_field_get((lg_field_id)i);
        if (!(fd->flags & LG_OUTPUT) || !fd->column || fd->kind == LG_KIND_ID)
            continue;
        lg_sb_addf(&q, "%s, ", fd->column);
        f->cols[f->ncols++] = fd->id;
    }
    lg_sb_addf(&q, "%s FROM article_view WHERE id = ?", lg_field_get(LG_F_TEXT)->column);
    int rc = sqlite3_prepare_v2(sql, q.buf, -1, &f->st, NULL);
    lg_sb_release(&q);
    if (rc != SQLITE_OK)
        return lg_err_set(e, LG_EXIT_DB, "database: %s", sqlite3_errmsg(sql));
    return 0;
}

static char *dup_col(sqlite3_stmt *st, int i)
{
    const unsigned char *v = sqlite3_column_text(st, i);
    return v ? strdup((const char *)v) : NULL;
}

typedef struct {
    fetcher f;
    lg_hlset *hl;
    lg_stemmer *stemmer;
    size_t snippet_chars;
} assembler;

/* Fills *h for article `id`; 0 when the article is gone from SQLite (a
 * writer deleted it after Xapian answered), 1 when filled, -1 on error. */
static int assemble(assembler *a, sqlite3 *sql, uint64_t id, lg_hit *h, lg_err *e)
{
    sqlite3_stmt *st = a->f.st;
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, (sqlite3_int64)id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE)
        return 0;
    if (rc != SQLITE_ROW)
        return lg_err_set(e, LG_EXIT_DB, "database: %s", sqlite3_errmsg(sql));
    h->id = id;
    for (int i = 0; i < a->f.ncols; i++)
        h->values[a->f.cols[i]] = dup_col(st, i);
    if (a->snippet_chars) {
        const char *text = (const char *)sqlite3_column_text(st, a->f.ncols);
        size_t len = (size_t)sqlite3_column_bytes(st, a->f.ncols);
        if (text && lg_snippet(text, len, a->hl, a->stemmer, a->snippet_chars, &h->snippet,
                               &h->hl, &h->n_hl) != 0)
            return lg_err_set(e, LG_EXIT_DB, "out of memory");
    }
    return 1;
}

static void add_hl(void *ctx, const char *term, size_t len, int stemmed)
{
    lg_hlset_add(ctx, term, len, stemmed);
}

static int query_error(lg_err *e, const lg_qerror *qe)
{
    if (qe->column)
        return lg_err_set(e, LG_EXIT_USAGE, "query error at column %zu: %s", qe->column,
                          qe->message);
    return lg_err_set(e, LG_EXIT_USAGE, "query error: %s", qe->message);
}

static void search_options(const lg_search_req *req, int ranked, uint64_t doccount,
                           xs_search_opts *o)
{
    xs_search_opts_init(o);
    lg_sort sort = req->sort;
    if (sort == LG_SORT_AUTO)
        sort = ranked ? LG_SORT_RELEVANCE : LG_SORT_NEWEST;
    o->sort = sort == LG_SORT_RELEVANCE ? XS_SORT_RELEVANCE
            : sort == LG_SORT_NEWEST    ? XS_SORT_VALUE_DESC
                                        : XS_SORT_VALUE_ASC;
    o->sort_slot = lg_field_get(LG_F_DATE)->slot;
    o->offset = req->offset;
    o->limit = req->limit;
    /* Counting every match makes `total` exact, which scripts rely on. */
    o->check_at_least = doccount;
}

static int emit(sqlite3 *sql, assembler *as, const xs_results *r, uint64_t offset, lg_fmt *w,
                lg_search_res *res, lg_err *e)
{
    if (lg_fmt_begin(w, res->total, offset) != 0)
        return lg_err_set(e, LG_EXIT_OUTPUT, "cannot write output");
    for (size_t i = 0; i < xs_results_size(r); i++) {
        lg_hit h = {0};
        int got = assemble(as, sql, xs_results_docid(r, i), &h, e);
        if (got > 0) {
            h.rank = offset + i + 1;
            h.score = xs_results_score(r, i);
            res->shown++;
            got = lg_fmt_hit(w, &h) == 0 ? 1 : lg_err_set(e, LG_EXIT_OUTPUT, "cannot write output");
        }
        lg_hit_clear(&h);
        if (got < 0)
            return -1;
    }
    if (lg_fmt_end(w) != 0)
        return lg_err_set(e, LG_EXIT_OUTPUT, "cannot write output");
    return 0;
}

static int run_compiled(sqlite3 *sql, xs_db *xdb, const lg_search_req *req, const xs_query *q,
                        int ranked, assembler *as, lg_fmt *w, lg_search_res *res, lg_err *e)
{
    uint64_t doccount = 0;
    if (xs_db_doccount(xdb, &doccount) != XS_OK)
        return lg_err_set(e, LG_EXIT_DB, "xapian: %s", xs_db_error(xdb));
    xs_search_opts o;
    search_options(req, ranked, doccount, &o);
    xs_results *r = NULL;
    xs_status st = xs_db_search(xdb, q, &o, &r);
    if (st != XS_OK)
        return lg_err_set(e, st == XS_QUERY_ERROR ? LG_EXIT_USAGE : LG_EXIT_DB, "%s: %s",
                          st == XS_QUERY_ERROR ? "query error" : "xapian", xs_db_error(xdb));
    res->total = xs_results_total(r);
    int rc = emit(sql, as, r, req->offset, w, res, e);
    xs_results_free(r);
    return rc;
}

int lg_search_run(sqlite3 *sql, xs_db *xdb, const lg_search_req *req, lg_fmt *w,
                  lg_search_res *res, lg_err *e)
{
    memset(res, 0, sizeof *res);
    lg_qnode *root = NULL;
    lg_qerror qe = {0, ""};
    if (req->query && lg_query_parse(req->query, &root, &qe) != 0)
        return query_error(e, &qe);
    assembler as = {.snippet_chars = req->snippet_chars};
    as.stemmer = lg_stemmer_new();
    as.hl = lg_hlset_new();
    xs_query *q = NULL;
    int ranked = 0, rc = -1;
    if (!as.stemmer || !as.hl)
        lg_err_set(e, LG_EXIT_DB, "out of memory");
    else if (lg_query_compile(root, &req->filters, as.stemmer, &q, &ranked, &qe) != 0)
        query_error(e, &qe);
    else if (fetcher_init(&as.f, sql, e) == 0) {
        lg_query_highlight_terms(root, as.stemmer, add_hl, as.hl);
        rc = run_compiled(sql, xdb, req, q, ranked, &as, w, res, e);
        sqlite3_finalize(as.f.st);
    }
    xs_query_free(q);
    lg_hlset_free(as.hl);
    lg_stemmer_free(as.stemmer);
    lg_qnode_free(root);
    return rc;
}
