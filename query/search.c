#include "search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "carriers.h"
#include "collapse.h"
#include "context.h"
#include "docdata.h"
#include "fields.h"
#include "keyset.h"
#include "parse.h"
#include "ranked.h"
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

/* A column of a target's view as an expression over the view's tables. */
typedef struct {
    const char *column, *expr;
} column_expr;

/* What differs between searching articles and searching quotations. */
typedef struct {
    const char *kind;       /* the kind term's value */
    unsigned columns;       /* the field flag of the output columns */
    const char *view;       /* the view whose columns `column` (fields.h) names */
    const char *id_column;
    const char *extra;      /* columns read after the output ones */
    /* The view's tables, joined as the view joins them, and the view's
     * columns read here as expressions over them: a result's row is read
     * from the tables, as preparing a statement on the view expands all
     * of it (600,000 instructions for article_view, 150,000 from the
     * tables: a fifth of a rare word's search past start-up).
     * tests/integration/formats.sh checks both give the same rows. */
    const char *tables;
    const column_expr *exprs;
    int quote_docids;       /* Xapian docid = lg_quote_docid_base() + id */
    int collapse_slot;      /* copies of one statement share this value */
    lg_field_id copies_field; /* how many matching copies a result stands for */
    const char *copies_sql; /* every copy's outlet, date and id (carriers.h) */
    /* A result without a group value has no copy, so its outlets are its
     * own and copies_sql need not run (articles: README, "Only copies
     * carry a collapse key"; a quotation always has a key). */
    int keyless_alone;
    const char *members_sql; /* lg_collapse_target.members_sql */
} target_desc;

static const column_expr article_exprs[] = {
    {"id", "a.id"},         {"date", "a.date"},   {"date_precision", "a.date_precision"},
    {"outlet", "o.name"},   {"speaker", "s.name"}, {"title", "a.title"},
    {"source", "a.source"}, {"lang", "a.lang"},   {"text", "a.text"},
    {"dup_group", "coalesce(a.dup_group, a.id)"}, {NULL, NULL}};

static const column_expr quote_exprs[] = {
    {"quote_id", "q.id"},   {"article_id", "q.article_id"}, {"quote", "q.text"},
    {"speaker", "s.name"},  {"speaker_confidence", "q.speaker_confidence"},
    {"partial", "CASE q.partial WHEN 1 THEN 'true' ELSE 'false' END"},
    {"date", "a.date"},     {"outlet", "o.name"},   {"title", "a.title"},
    {"source", "a.source"}, {"qkey", "q.qkey"},     {"start", "q.start"},
    {"end", "q.end"},       {NULL, NULL}};

static const target_desc targets[] = {
    [LG_TARGET_ARTICLES] = {"article", LG_OUTPUT, "article_view", "id", "text, dup_group",
                            "articles a LEFT JOIN outlets o ON o.id = a.outlet_id"
                            " LEFT JOIN speakers s ON s.id = a.speaker_id",
                            article_exprs, 0,
                            LG_SLOT_DUP_GROUP, LG_F_DUP_COUNT,
                            /* dup_group is NULL for the group's first article, so
                             * the arms never meet; each is one index lookup. */
                            "SELECT o.name, coalesce(a.date, '9999'), a.id FROM articles a"
                            " JOIN outlets o ON o.id = a.outlet_id WHERE a.id = ?1"
                            " UNION ALL SELECT o.name, coalesce(a.date, '9999'), a.id"
                            " FROM articles a JOIN outlets o ON o.id = a.outlet_id"
                            " WHERE a.dup_group = ?1",
                            1,
                            "SELECT id FROM articles WHERE (dup_group = CAST(?1 AS INTEGER)"
                            " OR id = CAST(?1 AS INTEGER)) AND id <> ?2"},
    [LG_TARGET_QUOTES] = {"quote", LG_QUOTE_OUTPUT, "quote_view", "quote_id",
                          "quote, qkey, article_id, start, end",
                          "quotes q JOIN articles a ON a.id = q.article_id"
                          " LEFT JOIN speakers s ON s.id = q.speaker_id"
                          " LEFT JOIN outlets o ON o.id = a.outlet_id",
                          quote_exprs, 1,
                          LG_SLOT_QUOTE_KEY, LG_F_OCCURRENCES,
                          "SELECT o.name, coalesce(a.date, '9999'), a.id FROM quotes q"
                          " JOIN articles a ON a.id = q.article_id"
                          " JOIN outlets o ON o.id = a.outlet_id WHERE q.qkey = ?",
                          0,
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

/* The expression of view column name[0..len) over t->tables; NULL when
 * it has none. */
static const char *column_expr_of(const target_desc *t, const char *name, size_t len)
{
    for (const column_expr *c = t->exprs; c->column; c++)
        if (strlen(c->column) == len && memcmp(c->column, name, len) == 0)
            return c->expr;
    return NULL;
}

/* Adds view column name[0..len) after `sep`, as its expression over the
 * tables; -1 (with e set) when it has none: a column added to the field
 * table needs its expression here. */
static int add_column(lg_sb *q, const char *sep, const target_desc *t, const char *name,
                      size_t len, lg_err *e)
{
    const char *expr = column_expr_of(t, name, len);
    if (!expr)
        return lg_err_set(e, LG_EXIT_DB, "search: no expression for %s column '%.*s'", t->view,
                          (int)len, name);
    lg_sb_adds(q, sep);
    lg_sb_adds(q, expr);
    return 0;
}

/* SELECT <output columns>, <extra> FROM <tables> WHERE <id> = ? */
static int fetch_sql(fetcher *f, const target_desc *t, lg_sb *q, lg_err *e)
{
    lg_sb_adds(q, "SELECT");
    f->ncols = 0;
    for (int i = 0; i < LG_F__COUNT; i++) {
        const lg_field *fd = lg_field_get((lg_field_id)i);
        if (!(fd->flags & t->columns) || !fd->column || fd->kind == LG_KIND_ID)
            continue;
        if (add_column(q, f->ncols ? ", " : " ", t, fd->column, strlen(fd->column), e) != 0)
            return -1;
        f->cols[f->ncols++] = fd->id;
    }
    for (const char *p = t->extra; *p; p += strspn(p, ", ")) {
        size_t n = strcspn(p, ",");
        if (add_column(q, ", ", t, p, n, e) != 0)
            return -1;
        p += n;
    }
    lg_sb_addf(q, " FROM %s", t->tables);
    if (add_column(q, " WHERE ", t, t->id_column, strlen(t->id_column), e) != 0)
        return -1;
    lg_sb_adds(q, " = ?");
    return 0;
}

static int fetcher_init(fetcher *f, sqlite3 *sql, const target_desc *t, lg_err *e)
{
    lg_sb q = LG_SB_INIT;
    int rc = fetch_sql(f, t, &q, e) == 0 ? prepare(sql, q.buf, &f->st, e) : -1;
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
    const target_desc *t;
    fetcher f;
    sqlite3_stmt *copies;   /* the outlets of every copy */
    sqlite3_stmt *article;  /* quotations with context: the article's text */
    lg_hlset *hl;
    lg_stemmer *stemmer;
    size_t snippet_chars;
    unsigned context;
    int alone;              /* the result being assembled has no copy (keyless_alone) */
} assembler;

static void assembler_init(assembler *a, const lg_search_req *req)
{
    a->t = &targets[req->target];
    a->context = req->context;
}

/* The statements, prepared for the first hit: a search that shows
 * nothing prepares none. */
static int assembler_prepare(assembler *a, sqlite3 *sql, lg_err *e)
{
    a->sql = sql;
    if (fetcher_init(&a->f, sql, a->t, e) != 0)
        return -1;
    if (a->t == &targets[LG_TARGET_QUOTES] &&
        prepare(sql, "SELECT text FROM articles WHERE id = ?", &a->article, e) != 0)
        return -1;
    return 0;
}

static void assembler_free(assembler *a)
{
    sqlite3_finalize(a->f.st);
    sqlite3_finalize(a->copies);
    sqlite3_finalize(a->article);
}

/* The outlets carrying a statement (its copies share the group of `row`;
 * one without a copy has its own outlet, `outlet`), as a JSON array text
 * in *out. copies_sql is prepared for the first result with copies. */
static int copies_of(assembler *a, sqlite3_stmt *row, const char *outlet, char **out, lg_err *e)
{
    if (a->alone) { /* no copy: its own outlet */
        json_t *arr = json_array();
        if (outlet)
            json_array_append_new(arr, json_string(outlet));
        *out = json_dumps(arr, JSON_COMPACT);
        json_decref(arr);
        return *out ? 0 : lg_err_set(e, LG_EXIT_DB, "out of memory");
    }
    if (!a->copies && prepare(a->sql, a->t->copies_sql, &a->copies, e) != 0)
        return -1;
    sqlite3_reset(a->copies);
    sqlite3_bind_value(a->copies, 1, sqlite3_column_value(row, a->f.ncols + X_GROUP));
    *out = lg_carriers_json(a->copies);
    return *out ? 0 : lg_err_set(e, LG_EXIT_DB, "out of memory");
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

/* The copies field: how many matching copies the result stands for. */
static void set_copies(assembler *a, uint64_t copies, lg_hit *h)
{
    char num[32];
    snprintf(num, sizeof num, "%llu", (unsigned long long)copies);
    h->values[a->t->copies_field] = strdup(num);
}

/* How many matching copies the result stands for and where they appeared;
 * for quotations also the context asked for. */
static int assemble_copies(assembler *a, sqlite3_stmt *st, uint64_t copies, lg_hit *h, lg_err *e)
{
    int x = a->f.ncols;
    set_copies(a, copies, h);
    if (copies_of(a, st, h->values[LG_F_OUTLET], &h->values[LG_F_OUTLETS], e) != 0)
        return -1;
    if (a->context)
        h->values[LG_F_CONTEXT] = context_of(a, sqlite3_column_int64(st, x + X_ARTICLE),
                                             (size_t)sqlite3_column_int64(st, x + X_START),
                                             (size_t)sqlite3_column_int64(st, x + X_END));
    return 0;
}

static int add_snippet(assembler *a, const char *text, size_t len, lg_hit *h, lg_err *e)
{
    if (a->snippet_chars && text &&
        lg_snippet(text, len, a->hl, a->stemmer, a->snippet_chars, &h->snippet, &h->hl,
                   &h->n_hl) != 0)
        return lg_err_set(e, LG_EXIT_DB, "out of memory");
    return 0;
}

/* Fills *h for result `id`, which stands for `copies` matching copies; 0
 * when it is gone from SQLite (a writer deleted it after Xapian answered),
 * 1 when filled, -1 on error. */
static int assemble(assembler *a, uint64_t id, uint64_t copies, lg_hit *h, lg_err *e)
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
    return assemble_copies(a, st, copies, h, e) == 0 ? 1 : -1;
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
 * data (docdata.h), outlets and context looked up across the shards. */
static int assemble_data(assembler *a, const char *data, size_t len, uint64_t copies, lg_hit *h,
                         lg_err *e)
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
    set_copies(a, copies, h);
    int rc = add_snippet(a, text, text ? strlen(text) : 0, h, e);
    if (rc == 0 && !(h->values[LG_F_OUTLETS] =
                         lg_shards_outlets(a->xdb, a->t->kind, a->t->collapse_slot,
                                           group ? group : "", h->values[LG_F_OUTLET], e)))
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

/* Xapian docid = base + id. */
static uint64_t docid_base(const target_desc *t)
{
    return t->quote_docids ? lg_quote_docid_base() : 0;
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
    return sql && sqlite3_get_autocommit(sql) &&
           sqlite3_exec(sql, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
}

static void page_end(sqlite3 *sql, int opened)
{
    if (opened)
        sqlite3_exec(sql, "COMMIT", NULL, NULL, NULL);
}

/* A compiled request being run, and how its pages go (search.h, "Paging"). */
typedef struct {
    sqlite3 *sql;           /* NULL: a database of shards */
    xs_db *xdb;
    const lg_search_req *req;
    const xs_query *q;
    lg_sort sort;           /* resolved: never AUTO */
    /* Keyset pages start after the last result seen, and col collapses
     * copies result by result. Offset pages start at `offset` and stop
     * after `want` results; Xapian's collapse key collapses. */
    int keyset;
    /* Relevance-ordered export from one database: every match weighed and
     * sorted in bounded memory (ranked.h). */
    int ranked;
    uint64_t offset, want;
    uint64_t page;          /* results fetched at a time, at least 1 */
    int hits;               /* results become hits: copies counted, shards' data fetched */
    /* Offset pages: the first checks every match, so Xapian's total (set
     * in `total`) and its copy counts for that page are exact. */
    int exact_first;
    uint64_t doccount;
    uint64_t total;
    int page_exact;         /* the page being walked was checked to the end */
    int total_exact;        /* total is exact, not Xapian's estimate */
    lg_collapse *col;       /* one database, collapsing: copies from SQLite */
    /* lg_search_run on one database: sql is opened from here when a page
     * has results to show (or an alias to resolve), so that a search that
     * finds nothing never reads SQLite. NULL: sql is given, or shards. */
    lg_dbdir *db;
} run_ctx;

/* A database of shards: no SQLite, hits from document data. */
static int over_shards(const run_ctx *rc)
{
    return !rc->sql && !rc->db;
}

/* rc->sql, opened now if it is not yet. */
static int open_sql(run_ctx *rc, lg_err *e)
{
    if (rc->sql || !rc->db)
        return 0;
    rc->sql = lg_dbdir_sql(rc->db, e);
    return rc->sql ? 0 : -1;
}

static int collapser(sqlite3 *sql, xs_db *xdb, const lg_search_req *req, const xs_query *q,
                     lg_collapse **out, lg_err *e);

/* Page values: the group (for collapsing), the date (for the key), then
 * the caller's. */
enum { V_GROUP, V_DATE, V_CALLER };

/* Called for each result kept, with its page and index and the number of
 * matching copies it stands for (1 unless rc->hits); returns 0 to go on,
 * 1 to stop, -1 on error. */
typedef int (*result_fn)(void *ctx, const xs_results *r, size_t i, uint64_t copies, lg_err *e);

/* Shards: lg_shards_count, which needs the group as a C string. */
static int shards_copies(run_ctx *rc, const char *g, size_t glen, uint64_t *copies, lg_err *e)
{
    char *group = strndup(g, glen);
    if (!group)
        return lg_err_set(e, LG_EXIT_DB, "out of memory");
    int st = lg_shards_count(rc->xdb, rc->q, targets[rc->req->target].collapse_slot, group,
                             copies, e);
    free(group);
    return st;
}

/* Whether result i of page r (at key k) stands for its group (always,
 * without collapsing or on offset pages: Xapian chose it), and, for hits,
 * how many matching copies it has. Xapian's own count is exact only on a
 * page checked to the end, and from one database: remote shards each
 * collapse before their results merge. */
static int kept(run_ctx *rc, const xs_results *r, size_t i, const lg_key *k, uint64_t *copies,
                int *first, lg_err *e)
{
    *copies = 1;
    *first = 1;
    if (!rc->req->collapse || (!rc->keyset && !rc->hits))
        return 0;
    size_t glen;
    const char *g = xs_results_value(r, i, V_GROUP, &glen);
    if (glen == 0) /* Xapian never collapses a document without a group */
        return 0;
    if (!rc->sql)
        return shards_copies(rc, g, glen, copies, e);
    if (rc->page_exact) {
        *copies = xs_results_collapsed(r, i) + 1;
        return 0;
    }
    /* Offset pages need it only past a page checked to the end. */
    if (!rc->col && collapser(rc->sql, rc->xdb, rc->req, rc->q, &rc->col, e) != 0)
        return -1;
    int st = lg_collapse_check(rc->col, rc->sort, k, g, glen, copies, first, e);
    if (!rc->keyset)
        *first = 1;
    return st;
}

/* The query filtered to the results after `cursor` (NULL: from the
 * first), within window w. */
static xs_query *keyset_page(const run_ctx *rc, const lg_key *cursor, const lg_window *w)
{
    xs_query *after = cursor ? lg_key_after(rc->sort, cursor, w) : lg_key_first(rc->sort, w);
    xs_query *subs[2] = {(xs_query *)rc->q, after};
    xs_query *q = after ? xs_query_combine(XS_OP_FILTER, subs, 2, 0) : NULL;
    xs_query_free(after);
    return q;
}

/* The key of result i of page r. */
static void key_at(const xs_results *r, size_t i, lg_key *k)
{
    size_t dlen;
    const char *d = xs_results_value(r, i, V_DATE, &dlen);
    lg_key_set(k, d, dlen, xs_results_docid(r, i));
}

/* Hands the results of page r that stand for their group to fn, moving
 * *cursor to each result seen. Returns fn's stop (1) or error (-1). */
static int walk_page(run_ctx *rc, const xs_results *r, lg_key *cursor, result_fn fn, void *ctx,
                     lg_err *e)
{
    int stop = 0, tx = page_begin(rc->sql);
    for (size_t i = 0; i < xs_results_size(r) && !stop; i++) {
        key_at(r, i, cursor);
        uint64_t copies;
        int first;
        stop = kept(rc, r, i, cursor, &copies, &first, e);
        if (stop == 0 && first)
            stop = fn(ctx, r, i, copies, e);
    }
    page_end(rc->sql, tx);
    return stop;
}

/* Xapian's defaults but BM25's usual k1 and b (Robertson; Lucene's too)
 * over Xapian's 1 and 0.5: +0.01 MAP on Cranfield (bench/README.md,
 * "Relevance"). */
static void bm25_options(xs_search_opts *o)
{
    xs_search_opts_init(o);
    o->k1 = 1.2;
    o->b = 0.75;
}

/* What every page of rc asks Xapian for, besides where it starts. */
static void page_options(const run_ctx *rc, const int slots[2], xs_search_opts *o)
{
    bm25_options(o);
    o->sort = xapian_sort(rc->sort);
    o->sort_slot = lg_field_get(LG_F_DATE)->slot;
    o->limit = rc->page;
    int slot = targets[rc->req->target].collapse_slot;
    if (rc->req->collapse && !rc->keyset)
        o->collapse_slot = slot;
    /* Each value costs a lookup per result: only those needed. */
    o->value_slots[V_GROUP] = rc->req->collapse && (rc->keyset || rc->hits) ? slot : -1;
    o->value_slots[V_DATE] = rc->keyset && rc->sort != LG_SORT_ID ? lg_field_get(LG_F_DATE)->slot
                                                                  : -1;
    for (int k = 0; k < 2; k++)
        o->value_slots[V_CALLER + k] = slots ? slots[k] : -1;
    o->want_data = rc->hits && over_shards(rc);
}

/* The window of a keyset walk's first page in date order, from the
 * date values' bounds (left unbounded if Xapian cannot say). */
static void first_window(const run_ctx *rc, uint64_t limit, lg_window *w)
{
    char lo[16], hi[16];
    if (rc->sort != LG_SORT_ID &&
        xs_db_value_bounds(rc->xdb, lg_field_get(LG_F_DATE)->slot, lo, hi, sizeof lo) == XS_OK)
        lg_window_first(w, rc->sort, lo, hi, rc->doccount, (size_t)limit);
}

/* check_at_least for a page checked to the end: the whole database, or a
 * search's exact_up_to (search.h; an export always counts exactly). */
static uint64_t exact_bound(const run_ctx *rc)
{
    uint64_t up_to = rc->req->stream ? 0 : rc->req->exact_up_to;
    return up_to && up_to < rc->doccount ? up_to : rc->doccount;
}

/* The one page walker: every result of rc in its order, page by page,
 * each page's kept results handed to fn until it stops. Keyset pages
 * start after *from (NULL: at the first): the query filtered to keys after
 * the last result seen, offset 0, so Xapian holds one page whatever the
 * depth. Offset pages go from rc->offset up to rc->want results. Values of
 * `slots` (-1: none) come with each result. */
static int walk(run_ctx *rc, const lg_key *from, const int slots[2], result_fn fn, void *ctx,
                lg_err *e)
{
    xs_search_opts o;
    page_options(rc, slots, &o);
    lg_key cursor = {"", 0};
    if (from)
        cursor = *from;
    uint64_t done = 0;
    lg_window win = {0};
    if (rc->keyset && !from)
        first_window(rc, o.limit, &win);
    /* Started: a cursor, from `from` or the last result seen. */
    for (int started = from != NULL, stop = 0; !stop;) {
        xs_query *q = NULL;
        if (rc->keyset && (started || win.bounded) &&
            !(q = keyset_page(rc, started ? &cursor : NULL, &win)))
            return lg_err_set(e, LG_EXIT_DB, "out of memory");
        if (!rc->keyset) {
            o.offset = rc->offset + done;
            o.limit = rc->want - done < rc->page ? rc->want - done : rc->page;
            rc->page_exact = rc->exact_first && done == 0;
            o.check_at_least = rc->page_exact ? exact_bound(rc) : 0;
        }
        xs_results *r = NULL;
        stop = search_page(rc->xdb, q ? q : rc->q, &o, &r, e);
        xs_query_free(q);
        if (stop == 0 && rc->hits && xs_results_size(r) > 0)
            stop = open_sql(rc, e);
        if (stop == 0 && rc->page_exact) {
            rc->total = xs_results_total(r);
            /* Xapian stopped counting at the bound: copies come from SQLite. */
            rc->page_exact = rc->total_exact = xs_results_exact(r);
        }
        lg_key first = cursor;
        if (stop == 0 && xs_results_size(r) > 0)
            key_at(r, 0, &first);
        if (stop == 0)
            stop = walk_page(rc, r, &cursor, fn, ctx, e);
        size_t n = xs_results_size(r);
        done += n;
        if (stop == 0 && ((n < o.limit && !win.bounded) || (!rc->keyset && done >= rc->want)))
            stop = 1;
        started = started || n > 0;
        if (rc->keyset)
            lg_window_next(&win, rc->sort, &first, started ? &cursor : NULL, n, o.limit);
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

/* Sets rc->total for a keyset run, exact and in flat memory. Collapsed,
 * it is counted by walking the results in id order (the cheapest: Xapian
 * stops at each page's end), as Xapian's own collapsed count would hold
 * every group in memory; otherwise Xapian counts. */
static int count_total(run_ctx *rc, lg_err *e)
{
    run_ctx c = *rc;
    c.sort = LG_SORT_ID;
    c.hits = 0;
    c.page = visit_page(rc->req);
    rc->total = 0;
    if (rc->col)
        return walk(&c, NULL, NULL, count_one, &rc->total, e);
    c.keyset = 0;
    c.offset = c.want = 0;
    c.exact_first = 1;
    uint64_t none = 0;
    int st = walk(&c, NULL, NULL, count_one, &none, e);
    rc->total = c.total;
    return st;
}

/* Writes results to the formatter, the total first (json writes it before
 * the results): drops those up to `after` (offset pages in id order, where
 * no key filter can), then skips `skip`, and stops after req->limit
 * written. */
typedef struct {
    run_ctx *rc;
    assembler *as;
    lg_fmt *w;
    lg_search_res *res;
    uint64_t after, skip, rank;
    uint64_t seen;          /* results the walk kept (written or not) */
    int begun;
} emitter;

static int emit_begin(emitter *m, lg_err *e)
{
    if (m->begun)
        return 0;
    m->begun = 1;
    m->res->total = m->rc->total;
    m->res->exact = m->rc->total_exact;
    return lg_fmt_begin(m->w, m->res->total, m->res->exact, m->rc->req->offset) == 0
               ? 0 : write_failed(e);
}

/* The result with Xapian docid `docid` (document data `data`, over
 * shards) as a hit: 1 when filled, 0 when it is gone (a writer deleted it
 * after Xapian answered) or at or before `after`, -1 on error. */
static int hit_of(emitter *m, uint64_t docid, const char *data, size_t len, uint64_t copies,
                  lg_hit *h, lg_err *e)
{
    uint64_t id = docid - docid_base(m->as->t);
    if (m->rc->sql && !m->as->sql && assembler_prepare(m->as, m->rc->sql, e) != 0)
        return -1;
    int got = m->as->sql ? assemble(m->as, id, copies, h, e)
                         : assemble_data(m->as, data, len, copies, h, e);
    return got > 0 && h->id <= m->after ? 0 : got;
}

/* Writes one result, after the skipped ones; 1 once req->limit are
 * written. */
static int emit_hit(emitter *m, uint64_t docid, double score, const char *data, size_t len,
                    uint64_t copies, lg_err *e)
{
    if (emit_begin(m, e) != 0)
        return -1;
    if (m->skip && !m->after) {
        m->skip--, m->rank++;
        return 0;
    }
    lg_hit h = {0};
    int got = hit_of(m, docid, data, len, copies, &h, e);
    if (got > 0 && m->skip) {
        m->skip--, m->rank++;
        got = 0;
    } else if (got > 0) {
        h.rank = ++m->rank;
        h.score = score;
        m->res->shown++;
        got = lg_fmt_hit(m->w, &h) == 0 ? 1 : write_failed(e);
    }
    lg_hit_clear(&h);
    if (got < 0)
        return -1;
    return m->res->shown >= m->rc->req->limit ? 1 : 0;
}

static int emit_one(void *ctx, const xs_results *r, size_t i, uint64_t copies, lg_err *e)
{
    emitter *m = ctx;
    m->seen++;
    size_t len, glen;
    const char *data = xs_results_data(r, i, &len);
    /* Collapsing, each result comes with its group value (page_options). */
    xs_results_value(r, i, V_GROUP, &glen);
    m->as->alone = m->as->t->keyless_alone && m->rc->req->collapse && glen == 0;
    int st = emit_hit(m, xs_results_docid(r, i), xs_results_score(r, i), data, len, copies, e);
    m->as->alone = 0;
    return st;
}

/* Where a resumed export starts: the key of result `after`. */
static int after_key(run_ctx *rc, lg_key *k, lg_err *e)
{
    uint64_t docid = docid_base(&targets[rc->req->target]) + rc->req->after;
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

/* Results per keyset page when none is asked for (search.h). */
static uint64_t keyset_page_size(const run_ctx *rc)
{
    if (rc->sort == LG_SORT_ID)
        return LG_VISIT_PAGE;
    uint64_t share = rc->doccount / LG_DATE_PAGE_SHARE;
    return share < LG_VISIT_PAGE ? LG_VISIT_PAGE : share > LG_DATE_PAGE_MAX ? LG_DATE_PAGE_MAX : share;
}

/* How lg_search_run pages (search.h, "Paging"). */
static void plan_run(run_ctx *rc, emitter *m)
{
    const lg_search_req *req = rc->req;
    rc->keyset = rc->sql && req->stream && rc->sort != LG_SORT_RELEVANCE;
    rc->ranked = rc->sql && req->stream && rc->sort == LG_SORT_RELEVANCE;
    if (rc->ranked) {
        m->skip = req->offset;
        return;
    }
    if (rc->keyset) {
        uint64_t want = req->offset + req->limit, most = keyset_page_size(rc);
        rc->page = req->page ? req->page : want < most ? want : most;
        m->skip = req->offset;
        return;
    }
    rc->exact_first = 1;
    /* With a cursor from shards the ids are read from the results. */
    if (req->after && rc->sort == LG_SORT_ID) {
        m->after = req->after;
        m->skip = req->offset;
        rc->want = UINT64_MAX;
    } else {
        rc->offset = m->rank = req->offset;
        rc->want = req->limit;
    }
    rc->page = req->page ? req->page : req->stream ? LG_VISIT_PAGE : rc->want ? rc->want : 1;
}

/* A ranked run (ranked.h): the rows in order, SQLite's reads for each
 * LG_VISIT_PAGE of them in one read transaction, as walk_page does. */
static int run_ranked(run_ctx *rc, emitter *m, lg_err *e)
{
    const lg_search_req *req = rc->req;
    xs_search_opts bm25;
    bm25_options(&bm25);
    uint64_t base = docid_base(&targets[req->target]);
    lg_ranked *rk;
    int st = lg_ranked_new(rc->sql, rc->xdb, rc->q, &bm25,
                           req->collapse ? targets[req->target].collapse_slot : -1,
                           req->after ? base + req->after : 0, req->page, &rk, e);
    if (st == 1)
        return lg_err_set(e, LG_EXIT_USAGE, "--after %llu: no such result",
                          (unsigned long long)req->after);
    if (st != 0)
        return -1;
    rc->total = lg_ranked_total(rk);
    st = req->limit > 0 ? 0 : 1;
    int tx = 0;
    uint64_t docid, copies, n = 0;
    double w;
    while (st == 0 && (st = lg_ranked_next(rk, &docid, &w, &copies, e)) == 1) {
        if (n++ % LG_VISIT_PAGE == 0) {
            page_end(rc->sql, tx);
            tx = page_begin(rc->sql);
        }
        st = emit_hit(m, docid, w, NULL, 0, copies, e);
    }
    page_end(rc->sql, tx);
    lg_ranked_free(rk);
    return st < 0 ? -1 : 0;
}

static int run_compiled(run_ctx *rc, assembler *as, lg_fmt *w, lg_search_res *res, lg_err *e)
{
    const lg_search_req *req = rc->req;
    emitter m = {.rc = rc, .as = as, .w = w, .res = res};
    int st = xs_db_doccount(rc->xdb, &rc->doccount) == XS_OK
                 ? 0 : lg_err_set(e, LG_EXIT_DB, "xapian: %s", xs_db_error(rc->xdb));
    plan_run(rc, &m);
    lg_key from;
    /* A keyset walk from the start that is not cut short visits every
     * result: a format that writes the total only at the end (all but
     * json) gets it from the walk, not from a counting walk before it. */
    int later = rc->keyset && !req->after && req->limit > 0 && !lg_fmt_needs_total(w);
    if (st == 0 && rc->ranked)
        st = run_ranked(rc, &m, e);
    else if (st == 0 && rc->keyset && req->after)
        st = after_key(rc, &from, e);
    if (st == 0 && rc->keyset && !later)
        st = count_total(rc, e);
    if (st == 0 && !rc->ranked && (!rc->keyset || req->limit > 0))
        st = walk(rc, rc->keyset && req->after ? &from : NULL, NULL, emit_one, &m, e);
    if (st == 0 && later && res->shown < req->limit)
        rc->total = m.seen;
    else if (st == 0 && later)
        st = count_total(rc, e);
    if (st == 0)
        st = emit_begin(&m, e);
    res->total = rc->total;
    res->exact = rc->total_exact;
    if (st != 0)
        return -1;
    return lg_fmt_end(w) == 0 ? 0 : write_failed(e);
}

/* lg_filters.resolve's context: the run, whose SQLite the first alias
 * looked up opens; a failure to open is kept for after the compilation. */
typedef struct {
    run_ctx *rc;
    lg_err e;
    int failed;
} alias_ctx;

/* lg_filters.resolve over the alias tables: a spelling registered for an
 * outlet or speaker searches as that entity's canonical key. */
static int resolve_alias(void *ctx, lg_field_id field, const char *key, char *out, size_t cap)
{
    alias_ctx *a = ctx;
    static const char *const sql_for[] = {
        [LG_F_OUTLET] = "SELECT o.key FROM outlet_aliases a JOIN outlets o ON o.id = a.outlet_id"
                        " WHERE a.alias_key = ?",
        [LG_F_SPEAKER] = "SELECT s.key FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id"
                         " WHERE a.alias_key = ?",
    };
    if ((field != LG_F_OUTLET && field != LG_F_SPEAKER) || a->failed)
        return 0;
    if (open_sql(a->rc, &a->e) != 0) {
        a->failed = 1;
        return 0;
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(a->rc->sql, sql_for[field], -1, &st, NULL) != SQLITE_OK)
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

static int compile_request(run_ctx *rc, compiled *c, lg_err *e)
{
    const lg_search_req *req = rc->req;
    lg_qerror qe = {0, ""};
    memset(c, 0, sizeof *c);
    if (req->query && lg_query_parse(req->query, &c->root, &qe) != 0)
        return query_error(e, &qe);
    lg_filters filters = req->filters;
    /* Shards have no alias tables to ask: names are matched by their key. */
    alias_ctx aliases = {rc, {0, ""}, 0};
    filters.resolve = over_shards(rc) ? NULL : resolve_alias;
    filters.resolve_ctx = &aliases;
    /* Wildcards expand now, against the index searched: the same terms
     * over shards as over one database, and an over-long expansion is an
     * error before Xapian's matcher (which leaks when it finds one). */
    filters.expand = rc->xdb;
    filters.kind = targets[req->target].kind;
    filters.other_kind = targets[req->target == LG_TARGET_ARTICLES ? LG_TARGET_QUOTES
                                                                   : LG_TARGET_ARTICLES].kind;
    c->stemmer = lg_stemmer_new();
    if (!c->stemmer)
        return lg_err_set(e, LG_EXIT_DB, "out of memory");
    int st = lg_query_compile(c->root, &filters, c->stemmer, &c->q, &c->ranked, &qe);
    if (aliases.failed) {
        *e = aliases.e;
        return -1;
    }
    return st == 0 ? 0 : query_error(e, &qe);
}

static void compiled_free(compiled *c)
{
    xs_query_free(c->q);
    lg_stemmer_free(c->stemmer);
    lg_qnode_free(c->root);
}

/* The collapser a run on one database uses when collapsing (else NULL). */
static int collapser(sqlite3 *sql, xs_db *xdb, const lg_search_req *req, const xs_query *q,
                     lg_collapse **out, lg_err *e)
{
    const target_desc *t = &targets[req->target];
    lg_collapse_target ct = {t->members_sql, docid_base(t), t->collapse_slot};
    *out = NULL;
    return sql && req->collapse ? lg_collapse_new(sql, xdb, q, &ct, out, e) : 0;
}

int lg_search_run(lg_dbdir *db, xs_db *xdb, const lg_search_req *req, lg_fmt *w,
                  lg_search_res *res, lg_err *e)
{
    memset(res, 0, sizeof *res);
    compiled c;
    assembler as = {.snippet_chars = req->snippet_chars, .xdb = xdb};
    run_ctx rc = {.db = db, .xdb = xdb, .req = req, .hits = 1, .total_exact = 1};
    assembler_init(&as, req);
    /* An export pages through SQLite (keyset.h, ranked.h) from the start;
     * a search opens it for its first result (walk). */
    int st = req->stream ? open_sql(&rc, e) : 0;
    if (st == 0)
        st = compile_request(&rc, &c, e);
    else
        memset(&c, 0, sizeof c);
    if (st == 0 && req->stream)
        st = collapser(rc.sql, xdb, req, c.q, &rc.col, e);
    if (st == 0 && !(as.hl = lg_hlset_new()))
        st = lg_err_set(e, LG_EXIT_DB, "out of memory");
    if (st == 0) {
        as.stemmer = c.stemmer;
        lg_query_highlight_terms(c.root, c.stemmer, add_hl, as.hl);
        lg_fmt_set_columns(w, as.t->columns);
        if (req->fields) {
            lg_fmt_set_fields(w, req->fields, req->n_fields);
            if (!shows(req, LG_F_SNIPPET) && req->target == LG_TARGET_ARTICLES)
                as.snippet_chars = 0;
        }
        rc.q = c.q;
        rc.sort = resolve_sort(req->sort, c.ranked);
        st = run_compiled(&rc, &as, w, res, e);
    }
    lg_collapse_free(rc.col);
    assembler_free(&as);
    lg_hlset_free(as.hl);
    compiled_free(&c);
    return st;
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
    /* One database: keyset pages in flat memory; shards: offset pages. */
    run_ctx r = {.sql = sql, .xdb = xdb, .req = req, .sort = LG_SORT_ID, .keyset = sql != NULL,
                 .want = UINT64_MAX, .page = visit_page(req)};
    int rc = compile_request(&r, &c, e);
    if (rc == 0)
        rc = collapser(sql, xdb, req, c.q, &r.col, e);
    if (rc == 0) {
        r.q = c.q;
        visitor v = {fn, ctx, total};
        rc = walk(&r, NULL, slots, visit_one, &v, e);
    }
    lg_collapse_free(r.col);
    compiled_free(&c);
    return rc;
}
