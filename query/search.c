#include "search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "context.h"
#include "docdata.h"
#include "fields.h"
#include "parse.h"
#include "shards.h"
#include "snippet.h"
#include "strbuf.h"

int lg_sort_parse(const char *name, lg_sort *out)
{
    static const char *names[] = {"relevance", "newest", "oldest", "id"};
    static const lg_sort sorts[] = {LG_SORT_RELEVANCE, LG_SORT_NEWEST, LG_SORT_OLDEST, LG_SORT_ID};
    for (size_t i = 0; i < 4; i++)
        if (strcmp(name, names[i]) == 0) {
            *out = sorts[i];
            return 0;
        }
    return -1;
}

/* What differs between searching articles and searching quotations. */
typedef struct {
    const char *kind;       /* the kind term's value */
    unsigned columns;       /* the field flag of the output columns */
    const char *view;       /* where display fields come from */
    const char *id_column;
    const char *extra;      /* columns read after the output ones */
    int quote_docids;       /* Xapian docid = lg_quote_docid_base() + id */
    int collapse_slot;      /* copies of one statement share this value */
    lg_field_id copies_field; /* how many matching copies a result stands for */
    const char *copies_sql; /* the outlets of every copy, first published first */
} target_desc;

static const target_desc targets[] = {
    [LG_TARGET_ARTICLES] = {"article", LG_OUTPUT, "article_view", "id", "text, dup_group", 0,
                            LG_SLOT_DUP_GROUP, LG_F_DUP_COUNT,
                            /* dup_group is NULL for the group's first article: both
                             * arms use an index. */
                            "SELECT o.name FROM articles a JOIN outlets o ON o.id = a.outlet_id"
                            " WHERE a.dup_group = ?1 OR a.id = ?1"
                            " GROUP BY o.name ORDER BY min(coalesce(a.date, '9999')), min(a.id)"},
    [LG_TARGET_QUOTES] = {"quote", LG_QUOTE_OUTPUT, "quote_view", "quote_id",
                          "quote, qkey, article_id, start, end", 1,
                          LG_SLOT_QUOTE_KEY, LG_F_OCCURRENCES,
                          "SELECT outlet FROM quote_copies WHERE qkey = ? AND outlet IS NOT NULL"
                          " GROUP BY outlet ORDER BY min(coalesce(date, '9999')), min(article_id)"},
};

/* Extra columns: 0 the text snippets are cut from, 1 the copies' group
 * key; for quotations also 2 article_id, 3 start, 4 end. */
enum { X_TEXT, X_GROUP, X_ARTICLE, X_START, X_END };

/* The display columns of the output fields (from the field table), then
 * the target's extra columns. cols[] maps result columns to field ids. */
typedef struct {
    sqlite3_stmt *st;
    lg_field_id cols[LG_F__COUNT];
    int ncols;
} fetcher;

static int prepare(sqlite3 *sql, const char *q, sqlite3_stmt **st, lg_err *e)
{
    if (sqlite3_prepare_v2(sql, q, -1, st, NULL) != SQLITE_OK)
        return lg_err_set(e, LG_EXIT_DB, "database: %s", sqlite3_errmsg(sql));
    return 0;
}

static int fetcher_init(fetcher *f, sqlite3 *sql, const target_desc *t, lg_err *e)
{
    lg_sb q = LG_SB_INIT;
    lg_sb_adds(&q, "SELECT ");
    f->ncols = 0;
    for (int i = 0; i < LG_F__COUNT; i++) {
        const lg_field *fd = lg_field_get((lg_field_id)i);
        if (!(fd->flags & t->columns) || !fd->column || fd->kind == LG_KIND_ID)
            continue;
        lg_sb_addf(&q, "%s, ", fd->column);
        f->cols[f->ncols++] = fd->id;
    }
    lg_sb_addf(&q, "%s FROM %s WHERE %s = ?", t->extra, t->view, t->id_column);
    int rc = prepare(sql, q.buf, &f->st, e);
    lg_sb_release(&q);
    return rc;
}

static char *dup_col(sqlite3_stmt *st, int i)
{
    const unsigned char *v = sqlite3_column_text(st, i);
    return v ? strdup((const char *)v) : NULL;
}

typedef struct {
    sqlite3 *sql;           /* NULL: hits from document data (shards) */
    xs_db *xdb;
    const xs_query *q;      /* shards: to count the copies of a result */
    int collapse;
    const target_desc *t;
    fetcher f;
    sqlite3_stmt *copies;   /* the outlets of every copy */
    sqlite3_stmt *article;  /* quotations with context: the article's text */
    lg_hlset *hl;
    lg_stemmer *stemmer;
    size_t snippet_chars;
    unsigned context;
} assembler;

static int assembler_init(assembler *a, sqlite3 *sql, const lg_search_req *req, lg_err *e)
{
    a->sql = sql;
    a->t = &targets[req->target];
    a->context = req->context;
    if (!sql)
        return 0;
    if (fetcher_init(&a->f, sql, a->t, e) != 0)
        return -1;
    if (req->target == LG_TARGET_QUOTES &&
        prepare(sql, "SELECT text FROM articles WHERE id = ?", &a->article, e) != 0)
        return -1;
    return prepare(sql, a->t->copies_sql, &a->copies, e);
}

static void assembler_free(assembler *a)
{
    sqlite3_finalize(a->f.st);
    sqlite3_finalize(a->copies);
    sqlite3_finalize(a->article);
}

/* The outlets carrying a statement (its copies share `key`), as a JSON
 * array text. */
static char *copies_of(assembler *a, sqlite3_stmt *row)
{
    json_t *arr = json_array();
    sqlite3_reset(a->copies);
    sqlite3_bind_value(a->copies, 1, sqlite3_column_value(row, a->f.ncols + X_GROUP));
    while (sqlite3_step(a->copies) == SQLITE_ROW)
        json_array_append_new(arr, json_string((const char *)sqlite3_column_text(a->copies, 0)));
    char *s = json_dumps(arr, JSON_COMPACT);
    json_decref(arr);
    return s;
}

/* The sentences around a quotation in its article. */
static char *context_of(assembler *a, int64_t article, size_t start, size_t end)
{
    sqlite3_reset(a->article);
    sqlite3_bind_int64(a->article, 1, article);
    if (sqlite3_step(a->article) != SQLITE_ROW)
        return NULL;
    const char *text = (const char *)sqlite3_column_text(a->article, 0);
    size_t len = (size_t)sqlite3_column_bytes(a->article, 0);
    return text ? lg_context(text, len, start, end, a->context) : NULL;
}

/* How many matching copies the result stands for and where they appeared;
 * for quotations also the context asked for. */
static void assemble_copies(assembler *a, sqlite3_stmt *st, uint64_t collapsed, lg_hit *h)
{
    int x = a->f.ncols;
    char num[32];
    snprintf(num, sizeof num, "%llu", (unsigned long long)collapsed + 1);
    h->values[a->t->copies_field] = strdup(num);
    h->values[LG_F_OUTLETS] = copies_of(a, st);
    if (a->context)
        h->values[LG_F_CONTEXT] = context_of(a, sqlite3_column_int64(st, x + X_ARTICLE),
                                             (size_t)sqlite3_column_int64(st, x + X_START),
                                             (size_t)sqlite3_column_int64(st, x + X_END));
}

static int add_snippet(assembler *a, const char *text, size_t len, lg_hit *h, lg_err *e)
{
    if (a->snippet_chars && text &&
        lg_snippet(text, len, a->hl, a->stemmer, a->snippet_chars, &h->snippet, &h->hl,
                   &h->n_hl) != 0)
        return lg_err_set(e, LG_EXIT_DB, "out of memory");
    return 0;
}

/* Fills *h for result `id`; 0 when it is gone from SQLite (a writer
 * deleted it after Xapian answered), 1 when filled, -1 on error. */
static int assemble(assembler *a, uint64_t id, uint64_t collapsed, lg_hit *h, lg_err *e)
{
    sqlite3_stmt *st = a->f.st;
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, (sqlite3_int64)id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE)
        return 0;
    if (rc != SQLITE_ROW)
        return lg_err_set(e, LG_EXIT_DB, "database: %s", sqlite3_errmsg(a->sql));
    h->id = id;
    for (int i = 0; i < a->f.ncols; i++)
        h->values[a->f.cols[i]] = dup_col(st, i);
    if (add_snippet(a, (const char *)sqlite3_column_text(st, a->f.ncols + X_TEXT),
                    (size_t)sqlite3_column_bytes(st, a->f.ncols + X_TEXT), h, e) != 0)
        return -1;
    assemble_copies(a, st, collapsed, h);
    return 1;
}

/* The name of extra column k of the target ("text, dup_group": 1 is
 * dup_group), as docdata.h keys it. */
static void extra_column(const target_desc *t, int k, char *out, size_t cap)
{
    const char *p = t->extra;
    for (; k > 0 && p; k--)
        p = strchr(p, ',') ? strchr(p, ',') + 2 : NULL;
    snprintf(out, cap, "%.*s", p ? (int)strcspn(p, ",") : 0, p ? p : "");
}

static char *data_extra(const assembler *a, const json_t *o, int k)
{
    char key[32];
    extra_column(a->t, k, key, sizeof key);
    return lg_docdata_dup(o, key);
}

/* assemble() for a database of shards: the same hit from the document
 * data (docdata.h), copies and context looked up across the shards. */
static int assemble_data(assembler *a, const char *data, size_t len, uint64_t collapsed,
                         lg_hit *h, lg_err *e)
{
    json_t *o = lg_docdata_parse(data, len);
    if (!o)
        return lg_err_set(e, LG_EXIT_DB, "a shard has documents without Legate data: "
                          "re-index it with `legate index --full`");
    h->id = (uint64_t)lg_docdata_int(o, a->t->id_column);
    for (int i = 0; i < LG_F__COUNT; i++) {
        const lg_field *fd = lg_field_get((lg_field_id)i);
        if ((fd->flags & a->t->columns) && fd->column && fd->kind != LG_KIND_ID)
            h->values[i] = lg_docdata_dup(o, fd->column);
    }
    char *text = data_extra(a, o, X_TEXT), *group = data_extra(a, o, X_GROUP);
    uint64_t copies = collapsed + 1;
    int rc = a->collapse ? lg_shards_count(a->xdb, a->q, a->t->collapse_slot, group ? group : "",
                                           &copies, e) : 0;
    char num[32];
    snprintf(num, sizeof num, "%llu", (unsigned long long)copies);
    h->values[a->t->copies_field] = strdup(num);
    if (rc == 0)
        rc = add_snippet(a, text, text ? strlen(text) : 0, h, e);
    if (rc == 0 && !(h->values[LG_F_OUTLETS] = lg_shards_outlets(
                         a->xdb, a->t->kind, a->t->collapse_slot, group ? group : "", e)))
        rc = -1;
    if (rc == 0 && a->context) {
        size_t tlen;
        char *article = lg_shards_article_text(a->xdb, lg_docdata_int(o, "article_id"), &tlen, e);
        h->values[LG_F_CONTEXT] = article ? lg_context(article, tlen,
                                                       (size_t)lg_docdata_int(o, "start"),
                                                       (size_t)lg_docdata_int(o, "end"), a->context)
                                          : NULL;
        free(article);
    }
    free(text);
    free(group);
    json_decref(o);
    return rc == 0 ? 1 : -1;
}

static int shows(const lg_search_req *req, lg_field_id id)
{
    for (size_t i = 0; i < req->n_fields; i++)
        if (req->fields[i] == id)
            return 1;
    return 0;
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

static xs_sort xapian_sort(lg_sort sort, int ranked)
{
    switch (sort) {
    case LG_SORT_AUTO:
        return ranked ? XS_SORT_RELEVANCE : XS_SORT_VALUE_DESC;
    case LG_SORT_RELEVANCE:
        return XS_SORT_RELEVANCE;
    case LG_SORT_NEWEST:
        return XS_SORT_VALUE_DESC;
    case LG_SORT_OLDEST:
        return XS_SORT_VALUE_ASC;
    case LG_SORT_ID:
        return XS_SORT_DOCID;
    }
    return XS_SORT_RELEVANCE;
}

static void search_options(const lg_search_req *req, int ranked, uint64_t doccount,
                           xs_search_opts *o)
{
    xs_search_opts_init(o);
    /* BM25's usual k1 and b (Robertson; Lucene's too) over Xapian's 1 and
     * 0.5: +0.01 MAP on Cranfield (bench/README.md, "Relevance"). */
    o->k1 = 1.2;
    o->b = 0.75;
    if (req->collapse)
        o->collapse_slot = targets[req->target].collapse_slot;
    o->sort = xapian_sort(req->sort, ranked);
    o->sort_slot = lg_field_get(LG_F_DATE)->slot;
    /* Counting every match makes `total` exact, which scripts rely on. */
    o->check_at_least = doccount;
}

static int write_failed(lg_err *e)
{
    return lg_err_set(e, LG_EXIT_OUTPUT, "cannot write output");
}

/* Hands one page of results to the formatter. Results at or below the
 * resume cursor are skipped (id order only; from shards the id is known
 * once the hit is read from its data). */
static int emit_page(assembler *as, const xs_results *r, const lg_search_req *req,
                     uint64_t first_rank, lg_fmt *w, lg_search_res *res, lg_err *e)
{
    for (size_t i = 0; i < xs_results_size(r); i++) {
        lg_hit h = {0};
        uint64_t id = xs_results_docid(r, i) - (as->t->quote_docids ? lg_quote_docid_base() : 0);
        if (as->sql && req->sort == LG_SORT_ID && id <= req->after)
            continue;
        size_t len;
        const char *data = xs_results_data(r, i, &len);
        int got = as->sql ? assemble(as, id, xs_results_collapsed(r, i), &h, e)
                          : assemble_data(as, data, len, xs_results_collapsed(r, i), &h, e);
        if (got > 0 && req->sort == LG_SORT_ID && h.id <= req->after)
            got = 0;
        if (got > 0) {
            h.rank = first_rank + i;
            h.score = xs_results_score(r, i);
            res->shown++;
            got = lg_fmt_hit(w, &h) == 0 ? 1 : write_failed(e);
        }
        lg_hit_clear(&h);
        if (got < 0)
            return -1;
    }
    return 0;
}

static int search_page(xs_db *xdb, const xs_query *q, const xs_search_opts *o, xs_results **r,
                       lg_err *e)
{
    xs_status st = xs_db_search(xdb, q, o, r);
    if (st == XS_OK)
        return 0;
    return lg_err_set(e, st == XS_QUERY_ERROR ? LG_EXIT_USAGE : LG_EXIT_DB, "%s: %s",
                      st == XS_QUERY_ERROR ? "query error" : "xapian", xs_db_error(xdb));
}

/* Fetches and writes the results page by page, so memory stays the same
 * whatever the count; the first page also gives the exact total. */
static int run_compiled(xs_db *xdb, const lg_search_req *req, const xs_query *q,
                        int ranked, assembler *as, lg_fmt *w, lg_search_res *res, lg_err *e)
{
    uint64_t doccount = 0;
    if (xs_db_doccount(xdb, &doccount) != XS_OK)
        return lg_err_set(e, LG_EXIT_DB, "xapian: %s", xs_db_error(xdb));
    xs_search_opts o;
    search_options(req, ranked, doccount, &o);
    o.want_data = !as->sql;
    uint64_t page = req->page ? req->page : req->limit, done = 0;
    for (;;) {
        xs_results *r = NULL;
        o.offset = req->offset + done;
        o.limit = req->limit - done < page ? req->limit - done : page;
        if (search_page(xdb, q, &o, &r, e) != 0)
            return -1;
        int rc = 0;
        if (done == 0) {
            res->total = xs_results_total(r);
            rc = lg_fmt_begin(w, res->total, req->offset) == 0 ? 0 : write_failed(e);
        }
        size_t got = xs_results_size(r);
        if (rc == 0)
            rc = emit_page(as, r, req, o.offset + 1, w, res, e);
        xs_results_free(r);
        done += got;
        if (rc != 0)
            return -1;
        if (got < o.limit || done >= req->limit)
            break;
        /* Later pages need no exact total: let Xapian stop early. */
        o.check_at_least = 0;
    }
    return lg_fmt_end(w) == 0 ? 0 : write_failed(e);
}

/* lg_filters.resolve over the alias tables: a spelling registered for an
 * outlet or speaker searches as that entity's canonical key. */
static int resolve_alias(void *ctx, lg_field_id field, const char *key, char *out, size_t cap)
{
    static const char *const sql_for[] = {
        [LG_F_OUTLET] = "SELECT o.key FROM outlet_aliases a JOIN outlets o ON o.id = a.outlet_id"
                        " WHERE a.alias_key = ?",
        [LG_F_SPEAKER] = "SELECT s.key FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id"
                         " WHERE a.alias_key = ?",
    };
    if (field != LG_F_OUTLET && field != LG_F_SPEAKER)
        return 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(ctx, sql_for[field], -1, &st, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int found = sqlite3_step(st) == SQLITE_ROW;
    if (found)
        snprintf(out, cap, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return found;
}

/* The parsed and compiled request: the query tree (for highlighting), the
 * Xapian query with every filter, and whether it has words to rank by. */
typedef struct {
    lg_qnode *root;
    xs_query *q;
    int ranked;
    lg_stemmer *stemmer;
} compiled;

static int compile_request(sqlite3 *sql, xs_db *xdb, const lg_search_req *req, compiled *c,
                           lg_err *e)
{
    lg_qerror qe = {0, ""};
    memset(c, 0, sizeof *c);
    if (req->query && lg_query_parse(req->query, &c->root, &qe) != 0)
        return query_error(e, &qe);
    lg_filters filters = req->filters;
    /* Shards have no alias tables to ask: names are matched by their key. */
    filters.resolve = sql ? resolve_alias : NULL;
    filters.resolve_ctx = sql;
    filters.expand = sql ? NULL : xdb;
    filters.kind = targets[req->target].kind;
    c->stemmer = lg_stemmer_new();
    if (!c->stemmer)
        return lg_err_set(e, LG_EXIT_DB, "out of memory");
    if (lg_query_compile(c->root, &filters, c->stemmer, &c->q, &c->ranked, &qe) != 0)
        return query_error(e, &qe);
    return 0;
}

static void compiled_free(compiled *c)
{
    xs_query_free(c->q);
    lg_stemmer_free(c->stemmer);
    lg_qnode_free(c->root);
}

int lg_search_run(sqlite3 *sql, xs_db *xdb, const lg_search_req *req, lg_fmt *w,
                  lg_search_res *res, lg_err *e)
{
    memset(res, 0, sizeof *res);
    compiled c;
    assembler as = {.snippet_chars = req->snippet_chars, .xdb = xdb};
    int rc = -1;
    if (compile_request(sql, xdb, req, &c, e) == 0 && (as.hl = lg_hlset_new()) &&
        assembler_init(&as, sql, req, e) == 0) {
        as.stemmer = c.stemmer;
        as.q = c.q;
        as.collapse = req->collapse;
        lg_query_highlight_terms(c.root, c.stemmer, add_hl, as.hl);
        lg_fmt_set_columns(w, as.t->columns);
        if (req->fields) {
            lg_fmt_set_fields(w, req->fields, req->n_fields);
            if (!shows(req, LG_F_SNIPPET) && req->target == LG_TARGET_ARTICLES)
                as.snippet_chars = 0;
        }
        rc = run_compiled(xdb, req, c.q, c.ranked, &as, w, res, e);
    }
    assembler_free(&as);
    lg_hlset_free(as.hl);
    compiled_free(&c);
    return rc;
}

/* Pages through every match in docid order (cheap: no weighting, early
 * termination) with its value in `slot`. */
static int visit_all(xs_db *xdb, const lg_search_req *req, const xs_query *q, const int *slots,
                     lg_value_fn fn, void *ctx, uint64_t *total, lg_err *e)
{
    uint64_t doccount = 0;
    if (xs_db_doccount(xdb, &doccount) != XS_OK)
        return lg_err_set(e, LG_EXIT_DB, "xapian: %s", xs_db_error(xdb));
    xs_search_opts o;
    search_options(req, 0, doccount, &o);
    o.sort = XS_SORT_DOCID;
    o.value_slots[0] = slots[0];
    o.value_slots[1] = slots[1];
    o.limit = LG_VISIT_PAGE;
    *total = 0;
    for (o.offset = 0;; o.offset += o.limit) {
        xs_results *r = NULL;
        if (search_page(xdb, q, &o, &r, e) != 0)
            return -1;
        size_t n = xs_results_size(r);
        for (size_t i = 0; i < n; i++) {
            lg_value v[2];
            for (int k = 0; k < 2; k++)
                v[k].s = xs_results_value(r, i, k, &v[k].len);
            fn(ctx, v);
        }
        xs_results_free(r);
        *total += n;
        if (n < o.limit)
            return 0;
    }
}

int lg_search_each(sqlite3 *sql, xs_db *xdb, const lg_search_req *req, const int slots[2],
                   lg_value_fn fn, void *ctx, uint64_t *total, lg_err *e)
{
    compiled c;
    int rc = compile_request(sql, xdb, req, &c, e);
    if (rc == 0)
        rc = visit_all(xdb, req, c.q, slots, fn, ctx, total, e);
    compiled_free(&c);
    return rc;
}
