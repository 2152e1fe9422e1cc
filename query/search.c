#include "search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "collapse.h"
#include "context.h"
#include "fields.h"
#include "keyset.h"
#include "parse.h"
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
    uint64_t docid_base;    /* Xapian docid = base + id */
    int collapse_slot;      /* copies of one statement share this value */
    lg_field_id copies_field; /* how many matching copies a result stands for */
    const char *copies_sql; /* the outlets of every copy, first published first */
    const char *members_sql; /* lg_collapse_target.members_sql */
} target_desc;

static const target_desc targets[] = {
    [LG_TARGET_ARTICLES] = {"article", LG_OUTPUT, "article_view", "id", "text, dup_group", 0,
                            LG_SLOT_DUP_GROUP, LG_F_DUP_COUNT,
                            /* dup_group is NULL for the group's first article: both
                             * arms use an index. */
                            "SELECT o.name FROM articles a JOIN outlets o ON o.id = a.outlet_id"
                            " WHERE a.dup_group = ?1 OR a.id = ?1"
                            " GROUP BY o.name ORDER BY min(coalesce(a.date, '9999')), min(a.id)",
                            "SELECT id FROM articles WHERE (dup_group = CAST(?1 AS INTEGER)"
                            " OR id = CAST(?1 AS INTEGER)) AND id <> ?2"},
    [LG_TARGET_QUOTES] = {"quote", LG_QUOTE_OUTPUT, "quote_view", "quote_id",
                          "quote, qkey, article_id, start, end", LG_QUOTE_DOCID_BASE,
                          LG_SLOT_QUOTE_KEY, LG_F_OCCURRENCES,
                          "SELECT outlet FROM quote_copies WHERE qkey = ? AND outlet IS NOT NULL"
                          " GROUP BY outlet ORDER BY min(coalesce(date, '9999')), min(article_id)",
                          "SELECT id FROM quotes WHERE qkey = ?1 AND id <> ?2"},
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
    sqlite3 *sql;
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
    if (a->snippet_chars) {
        const char *text = (const char *)sqlite3_column_text(st, a->f.ncols + X_TEXT);
        size_t len = (size_t)sqlite3_column_bytes(st, a->f.ncols + X_TEXT);
        if (text && lg_snippet(text, len, a->hl, a->stemmer, a->snippet_chars, &h->snippet,
                               &h->hl, &h->n_hl) != 0)
            return lg_err_set(e, LG_EXIT_DB, "out of memory");
    }
    assemble_copies(a, st, collapsed, h);
    return 1;
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

/* The order a request runs in: AUTO is relevance with words to rank by,
 * else newest. */
static lg_sort resolve_sort(lg_sort sort, int ranked)
{
    if (sort == LG_SORT_AUTO)
        return ranked ? LG_SORT_RELEVANCE : LG_SORT_NEWEST;
    return sort;
}

static xs_sort xapian_sort(lg_sort sort)
{
    switch (sort) {
    case LG_SORT_NEWEST: return XS_SORT_VALUE_DESC;
    case LG_SORT_OLDEST: return XS_SORT_VALUE_ASC;
    case LG_SORT_ID: return XS_SORT_DOCID;
    default: return XS_SORT_RELEVANCE;
    }
}

static int write_failed(lg_err *e)
{
    return lg_err_set(e, LG_EXIT_OUTPUT, "cannot write output");
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

/* Each page's SQLite reads share one read transaction: a statement on
 * its own takes and drops the file locks each time, which cost more than
 * the lookups. Committed after the page, so writers' WAL checkpoints are
 * never held back for a whole export. 1 when this call opened it. */
static int page_begin(sqlite3 *sql)
{
    return sqlite3_get_autocommit(sql) && sqlite3_exec(sql, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
}

static void page_end(sqlite3 *sql, int opened)
{
    if (opened)
        sqlite3_exec(sql, "COMMIT", NULL, NULL, NULL);
}

/* A compiled request being run: its query, order, and the collapser when
 * copies are collapsed (NULL otherwise). */
typedef struct {
    sqlite3 *sql;
    xs_db *xdb;
    const lg_search_req *req;
    const xs_query *q;
    lg_sort sort;
    lg_collapse *col;
} run_ctx;

/* Page values: the group (for collapsing), the date (for the key), then
 * the caller's. */
enum { V_GROUP, V_DATE, V_CALLER };

/* Called for each result kept, with its page and index and the number of
 * matching copies it stands for; returns 0 to go on, 1 to stop, -1 on
 * error. */
typedef int (*result_fn)(void *ctx, const xs_results *r, size_t i, uint64_t copies, lg_err *e);

/* Whether result i of page r stands for its group (always, without
 * collapsing), and how many matching copies it has. */
static int kept(run_ctx *rc, const xs_results *r, size_t i, const lg_key *k, uint64_t *copies,
                int *first, lg_err *e)
{
    *copies = 1;
    *first = 1;
    if (!rc->col)
        return 0;
    size_t glen;
    const char *g = xs_results_value(r, i, V_GROUP, &glen);
    int st = lg_collapse_check(rc->col, k, g, glen, copies, first, e);
    /* In relevance order Xapian's collapse key already chose it. */
    if (rc->sort == LG_SORT_RELEVANCE)
        *first = 1;
    return st;
}

/* The query filtered to the results after `cursor`. */
static xs_query *after_cursor(const run_ctx *rc, const lg_key *cursor)
{
    xs_query *after = lg_key_after(rc->sort, cursor);
    xs_query *subs[2] = {(xs_query *)rc->q, after};
    xs_query *q = after ? xs_query_combine(XS_OP_FILTER, subs, 2, 0) : NULL;
    xs_query_free(after);
    return q;
}

/* Hands the results of page r that stand for their group to fn, moving
 * *cursor to each result seen. Returns fn's stop (1) or error (-1). */
static int walk_page(run_ctx *rc, const xs_results *r, lg_key *cursor, result_fn fn, void *ctx,
                     lg_err *e)
{
    int stop = 0, tx = page_begin(rc->sql);
    for (size_t i = 0; i < xs_results_size(r) && !stop; i++) {
        size_t dlen;
        const char *d = xs_results_value(r, i, V_DATE, &dlen);
        lg_key_set(cursor, d, dlen, xs_results_docid(r, i));
        uint64_t copies;
        int first;
        stop = kept(rc, r, i, cursor, &copies, &first, e);
        if (stop == 0 && first)
            stop = fn(ctx, r, i, copies, e);
    }
    page_end(rc->sql, tx);
    return stop;
}

/* Walks every result in keyset order, `page` at a time, starting after
 * *from (NULL: the first): each page is the query filtered to keys after
 * the last result seen, offset 0, so Xapian holds one page whatever the
 * depth. Values of `slots` (-1: none) come with each page. */
static int walk(run_ctx *rc, const lg_key *from, uint64_t page, const int slots[2], result_fn fn,
                void *ctx, lg_err *e)
{
    xs_search_opts o;
    xs_search_opts_init(&o);
    o.sort = xapian_sort(rc->sort);
    o.sort_slot = lg_field_get(LG_F_DATE)->slot;
    o.limit = page;
    /* Each value costs a lookup per result: only those needed. */
    o.value_slots[V_GROUP] = rc->col ? targets[rc->req->target].collapse_slot : -1;
    o.value_slots[V_DATE] = rc->sort != LG_SORT_ID ? lg_field_get(LG_F_DATE)->slot : -1;
    for (int k = 0; k < 2; k++)
        o.value_slots[V_CALLER + k] = slots ? slots[k] : -1;
    lg_key cursor = {"", 0};
    if (from)
        cursor = *from;
    for (int started = from != NULL, stop = 0; !stop; started = 1) {
        xs_query *q = started ? after_cursor(rc, &cursor) : NULL;
        if (started && !q)
            return lg_err_set(e, LG_EXIT_DB, "out of memory");
        xs_results *r = NULL;
        stop = search_page(rc->xdb, started ? q : rc->q, &o, &r, e);
        xs_query_free(q);
        if (stop == 0)
            stop = walk_page(rc, r, &cursor, fn, ctx, e);
        if (stop == 0 && xs_results_size(r) < page)
            stop = 1;
        xs_results_free(r);
        if (stop < 0)
            return -1;
    }
    return 0;
}

static int count_one(void *ctx, const xs_results *r, size_t i, uint64_t copies, lg_err *e)
{
    (void)r, (void)i, (void)copies, (void)e;
    ++*(uint64_t *)ctx;
    return 0;
}

static uint64_t visit_page(const lg_search_req *req)
{
    return req->page ? req->page : LG_VISIT_PAGE;
}

/* The exact number of results. Collapsed, it is counted by walking them
 * in id order (the cheapest: Xapian stops at each page's end), as Xapian's
 * own collapsed count would hold every group in memory. */
static int count_total(run_ctx *rc, uint64_t *total, lg_err *e)
{
    *total = 0;
    if (rc->col) {
        run_ctx by_id = *rc;
        by_id.sort = LG_SORT_ID;
        lg_collapse *col = NULL;
        lg_collapse_target t = {targets[rc->req->target].members_sql,
                                targets[rc->req->target].docid_base,
                                targets[rc->req->target].collapse_slot};
        int st = lg_collapse_new(rc->sql, rc->xdb, rc->q, LG_SORT_ID, &t, &col, e);
        by_id.col = col;
        if (st == 0)
            st = walk(&by_id, NULL, visit_page(rc->req), NULL, count_one, total, e);
        lg_collapse_free(col);
        return st;
    }
    uint64_t doccount = 0;
    if (xs_db_doccount(rc->xdb, &doccount) != XS_OK)
        return lg_err_set(e, LG_EXIT_DB, "xapian: %s", xs_db_error(rc->xdb));
    xs_search_opts o;
    xs_search_opts_init(&o);
    o.sort = XS_SORT_DOCID;
    o.limit = 0;
    o.check_at_least = doccount;
    xs_results *r = NULL;
    if (search_page(rc->xdb, rc->q, &o, &r, e) != 0)
        return -1;
    *total = xs_results_total(r);
    xs_results_free(r);
    return 0;
}

/* Writes results to the formatter: skips `skip` first, stops after
 * req->limit written. */
typedef struct {
    assembler *as;
    const lg_search_req *req;
    lg_fmt *w;
    lg_search_res *res;
    uint64_t skip, rank;
} emitter;

static int emit_one(void *ctx, const xs_results *r, size_t i, uint64_t copies, lg_err *e)
{
    emitter *m = ctx;
    m->rank++;
    if (m->skip) {
        m->skip--;
        return 0;
    }
    lg_hit h = {0};
    uint64_t id = xs_results_docid(r, i) - m->as->t->docid_base;
    int got = assemble(m->as, id, copies - 1, &h, e);
    if (got > 0) {
        h.rank = m->rank;
        h.score = xs_results_score(r, i);
        m->res->shown++;
        got = lg_fmt_hit(m->w, &h) == 0 ? 1 : write_failed(e);
    }
    lg_hit_clear(&h);
    if (got < 0)
        return -1;
    return m->res->shown >= m->req->limit ? 1 : 0;
}

/* Where a resumed export starts: the key of result `after`. */
static int after_key(run_ctx *rc, lg_key *k, lg_err *e)
{
    uint64_t docid = targets[rc->req->target].docid_base + rc->req->after;
    lg_key_set(k, "", 0, docid);
    if (rc->sort == LG_SORT_ID)
        return 0;
    xs_doc *doc = NULL;
    char *date = NULL;
    xs_status st = xs_db_get_doc(rc->xdb, docid, &doc);
    if (st == XS_NOT_FOUND)
        return lg_err_set(e, LG_EXIT_USAGE, "--after %llu: no such result",
                          (unsigned long long)rc->req->after);
    if (st == XS_OK)
        st = xs_doc_get_value(doc, lg_field_get(LG_F_DATE)->slot, &date);
    xs_doc_free(doc);
    if (st != XS_OK)
        return lg_err_set(e, LG_EXIT_DB, "xapian: %s", xs_db_error(rc->xdb));
    lg_key_set(k, date, strlen(date), docid);
    free(date);
    return 0;
}

/* Orders by key: keyset pages after the resume cursor, offset by skipping. */
static int run_keyset(run_ctx *rc, emitter *m, lg_err *e)
{
    lg_key from;
    if (rc->req->after && after_key(rc, &from, e) != 0)
        return -1;
    uint64_t want = rc->req->offset + rc->req->limit;
    uint64_t page = rc->req->page ? rc->req->page : want < LG_VISIT_PAGE ? want : LG_VISIT_PAGE;
    m->skip = rc->req->offset;
    m->rank = 0;
    return walk(rc, rc->req->after ? &from : NULL, page, NULL, emit_one, m, e);
}

/* Relevance has no key to start after (a weight is not a filter), so its
 * pages go by offset, with Xapian's collapsing: page k keeps the best
 * k x page results. */
static int run_ranked(run_ctx *rc, emitter *m, lg_err *e)
{
    xs_search_opts o;
    xs_search_opts_init(&o);
    if (rc->col) {
        o.collapse_slot = targets[rc->req->target].collapse_slot;
        o.value_slots[V_GROUP] = o.collapse_slot;
    }
    const lg_search_req *req = rc->req;
    uint64_t page = req->page ? req->page : req->limit, done = 0;
    m->rank = req->offset;
    for (;;) {
        xs_results *r = NULL;
        o.offset = req->offset + done;
        o.limit = req->limit - done < page ? req->limit - done : page;
        if (search_page(rc->xdb, rc->q, &o, &r, e) != 0)
            return -1;
        size_t got = xs_results_size(r);
        lg_key unused;
        int st = walk_page(rc, r, &unused, emit_one, m, e);
        xs_results_free(r);
        done += got;
        if (st < 0)
            return -1;
        if (st > 0 || got < o.limit || done >= req->limit)
            return 0;
    }
}

/* The total first (json writes it before the results), then the results
 * page by page, so memory stays the same whatever the count. */
static int run_compiled(sqlite3 *sql, xs_db *xdb, const lg_search_req *req, const xs_query *q,
                        int ranked, assembler *as, lg_fmt *w, lg_search_res *res, lg_err *e)
{
    run_ctx rc = {sql, xdb, req, q, resolve_sort(req->sort, ranked), NULL};
    lg_collapse_target t = {as->t->members_sql, as->t->docid_base, as->t->collapse_slot};
    int st = req->collapse ? lg_collapse_new(sql, xdb, q, rc.sort, &t, &rc.col, e) : 0;
    if (st == 0)
        st = count_total(&rc, &res->total, e);
    if (st == 0 && lg_fmt_begin(w, res->total, req->offset) != 0)
        st = write_failed(e);
    emitter m = {as, req, w, res, 0, 0};
    if (st == 0 && req->limit > 0)
        st = rc.sort == LG_SORT_RELEVANCE ? run_ranked(&rc, &m, e) : run_keyset(&rc, &m, e);
    lg_collapse_free(rc.col);
    if (st != 0)
        return -1;
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

static int compile_request(sqlite3 *sql, const lg_search_req *req, compiled *c, lg_err *e)
{
    lg_qerror qe = {0, ""};
    memset(c, 0, sizeof *c);
    if (req->query && lg_query_parse(req->query, &c->root, &qe) != 0)
        return query_error(e, &qe);
    lg_filters filters = req->filters;
    filters.resolve = resolve_alias;
    filters.resolve_ctx = sql;
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
    assembler as = {.snippet_chars = req->snippet_chars};
    int rc = -1;
    if (compile_request(sql, req, &c, e) == 0 && (as.hl = lg_hlset_new()) &&
        assembler_init(&as, sql, req, e) == 0) {
        as.stemmer = c.stemmer;
        lg_query_highlight_terms(c.root, c.stemmer, add_hl, as.hl);
        lg_fmt_set_columns(w, as.t->columns);
        if (req->fields) {
            lg_fmt_set_fields(w, req->fields, req->n_fields);
            if (!shows(req, LG_F_SNIPPET) && req->target == LG_TARGET_ARTICLES)
                as.snippet_chars = 0;
        }
        rc = run_compiled(sql, xdb, req, c.q, c.ranked, &as, w, res, e);
    }
    assembler_free(&as);
    lg_hlset_free(as.hl);
    compiled_free(&c);
    return rc;
}

typedef struct {
    lg_value_fn fn;
    void *ctx;
    uint64_t *total;
} visitor;

static int visit_one(void *ctx, const xs_results *r, size_t i, uint64_t copies, lg_err *e)
{
    visitor *v = ctx;
    lg_value vals[2];
    (void)copies, (void)e;
    for (int k = 0; k < 2; k++)
        vals[k].s = xs_results_value(r, i, V_CALLER + k, &vals[k].len);
    v->fn(v->ctx, vals);
    ++*v->total;
    return 0;
}

int lg_search_each(sqlite3 *sql, xs_db *xdb, const lg_search_req *req, const int slots[2],
                   lg_value_fn fn, void *ctx, uint64_t *total, lg_err *e)
{
    compiled c;
    *total = 0;
    int rc = compile_request(sql, req, &c, e);
    if (rc == 0) {
        run_ctx r = {sql, xdb, req, c.q, LG_SORT_ID, NULL};
        const target_desc *t = &targets[req->target];
        lg_collapse_target ct = {t->members_sql, t->docid_base, t->collapse_slot};
        if (req->collapse)
            rc = lg_collapse_new(sql, xdb, c.q, LG_SORT_ID, &ct, &r.col, e);
        visitor v = {fn, ctx, total};
        if (rc == 0)
            rc = walk(&r, NULL, visit_page(req), slots, visit_one, &v, e);
        lg_collapse_free(r.col);
    }
    compiled_free(&c);
    return rc;
}
