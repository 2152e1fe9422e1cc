/*
 * test_shim.c — the C API over Xapian (shim/xs.h), on real glass databases
 * in temporary directories.
 */
#include "testutil.h"
#include "xs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *tmp;
static char dbpath[4096];

static void setup(void)
{
    tmp = lg_test_tmpdir();
    ck_assert_ptr_nonnull(tmp);
    snprintf(dbpath, sizeof dbpath, "%s/db", tmp);
}

static void teardown(void)
{
    lg_test_rmdir(tmp);
    free(tmp);
}

static xs_db *open_ok(int flags)
{
    xs_db *db = NULL;
    xs_status st = xs_db_open(dbpath, flags, &db);
    ck_assert_msg(st == XS_OK, "open: %s: %s", xs_status_name(st), xs_db_error(db));
    return db;
}

static void st_ok(xs_db *db, xs_status st)
{
    ck_assert_msg(st == XS_OK, "%s: %s", xs_status_name(st), xs_db_error(db));
}

/* A document whose words (space-separated) are postings at 1, 2, ...;
 * value slot 0 and a boolean term when given. */
static xs_doc *make_doc(const char *text, const char *value0, const char *boolean)
{
    xs_doc *doc = NULL;
    ck_assert_int_eq(xs_doc_new(&doc), XS_OK);
    uint32_t pos = 1;
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, " ");
        if (n)
            ck_assert_int_eq(xs_doc_add_posting(doc, p, n, pos++), XS_OK);
        p += n + (p[n] == ' ');
    }
    if (value0)
        ck_assert_int_eq(xs_doc_set_value(doc, 0, value0, strlen(value0)), XS_OK);
    if (boolean)
        ck_assert_int_eq(xs_doc_add_boolean(doc, boolean, strlen(boolean)), XS_OK);
    return doc;
}

static void put(xs_db *db, uint64_t id, const char *text, const char *value0, const char *boolean)
{
    xs_doc *doc = make_doc(text, value0, boolean);
    st_ok(db, xs_db_replace(db, id, doc));
    xs_doc_free(doc);
}

static int has_doc(xs_db *db, uint64_t id)
{
    int exists = -1;
    st_ok(db, xs_db_has_doc(db, id, &exists));
    return exists;
}

static uint64_t doccount(xs_db *db)
{
    uint64_t n = 0;
    st_ok(db, xs_db_doccount(db, &n));
    return n;
}

static xs_query *T(const char *term)
{
    return xs_query_term(term, strlen(term));
}

/* Describes q, then frees it. */
static void describe_is(xs_query *q, const char *expected)
{
    ck_assert_ptr_nonnull(q);
    char *s = xs_query_describe(q);
    ck_assert_str_eq(s, expected);
    free(s);
    xs_query_free(q);
}

/* Combines up to three fresh terms (NULL for fewer) with op. */
static xs_query *comb(xs_op op, unsigned window, const char *t1, const char *t2, const char *t3)
{
    xs_query *subs[3] = {T(t1), t2 ? T(t2) : NULL, t3 ? T(t3) : NULL};
    size_t n = t3 ? 3 : t2 ? 2 : 1;
    xs_query *q = xs_query_combine(op, subs, n, window);
    for (size_t i = 0; i < n; i++)
        xs_query_free(subs[i]);
    return q;
}

/* Runs q (then frees it) and returns the docids as "1 2 3". */
static const char *ids_of(xs_db *db, xs_query *q, const xs_search_opts *opts)
{
    static char buf[256];
    xs_results *r = NULL;
    ck_assert_ptr_nonnull(q);
    st_ok(db, xs_db_search(db, q, opts, &r));
    xs_query_free(q);
    buf[0] = '\0';
    for (size_t i = 0; i < xs_results_size(r); i++)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%llu", i ? " " : "",
                 (unsigned long long)xs_results_docid(r, i));
    xs_results_free(r);
    return buf;
}

/* The score of the single match of q (then frees q). */
static double only_score(xs_db *db, xs_query *q)
{
    xs_results *r = NULL;
    st_ok(db, xs_db_search(db, q, NULL, &r));
    xs_query_free(q);
    ck_assert_uint_eq(xs_results_size(r), 1);
    double s = xs_results_score(r, 0);
    xs_results_free(r);
    return s;
}

/* ---- errors and opening ---------------------------------------------- */

START_TEST(test_status_names)
{
    ck_assert_str_eq(xs_status_name(XS_OK), "ok");
    ck_assert_str_eq(xs_status_name(XS_LOCKED), "locked");
    ck_assert_str_eq(xs_status_name(XS_CORRUPT), "corrupt");
    ck_assert_str_eq(xs_status_name(XS_QUERY_ERROR), "query error");
    for (int a = XS_OK; a <= XS_INTERNAL; a++)
        for (int b = a + 1; b <= XS_INTERNAL; b++)
            ck_assert_str_ne(xs_status_name(a), xs_status_name(b));
}
END_TEST

START_TEST(test_create_open_close)
{
    xs_db *db = open_ok(XS_OPEN_CREATE | XS_OPEN_NO_SYNC);
    uint64_t last = 99;
    ck_assert_uint_eq(doccount(db), 0);
    st_ok(db, xs_db_lastdocid(db, &last));
    ck_assert_uint_eq(last, 0);
    put(db, 3, "hello", NULL, NULL);
    xs_db_close(db);

    db = open_ok(XS_OPEN_WRITE | XS_OPEN_WAIT_LOCK);
    ck_assert_uint_eq(doccount(db), 1); /* closing the writer committed */
    xs_db_close(db);
    db = open_ok(XS_OPEN_READ);
    st_ok(db, xs_db_lastdocid(db, &last));
    ck_assert_uint_eq(last, 3);
    xs_db_close(db);
    xs_db_close(NULL);
}
END_TEST

START_TEST(test_open_missing)
{
    xs_db *db = NULL;
    ck_assert_int_eq(xs_db_open(dbpath, XS_OPEN_READ, &db), XS_NOT_FOUND);
    ck_assert_ptr_nonnull(db);
    ck_assert_ptr_nonnull(strstr(xs_db_error(db), "DatabaseNotFoundError: "));
    ck_assert_ptr_nonnull(strstr(xs_db_error(db), dbpath));
    /* the failed handle refuses work and keeps its message */
    uint64_t n;
    ck_assert_int_ne(xs_db_doccount(db, &n), XS_OK);
    ck_assert_ptr_nonnull(strstr(xs_db_error(db), "DatabaseNotFoundError: "));
    xs_db_close(db);

    ck_assert_int_eq(xs_db_open(dbpath, XS_OPEN_WRITE, &db), XS_NOT_FOUND);
    xs_db_close(db);
}
END_TEST

START_TEST(test_second_writer_locked)
{
    xs_db *w1 = open_ok(XS_OPEN_CREATE);
    xs_db *w2 = NULL;
    ck_assert_int_eq(xs_db_open(dbpath, XS_OPEN_WRITE, &w2), XS_LOCKED);
    ck_assert_ptr_nonnull(strstr(xs_db_error(w2), "DatabaseLockError: "));
    xs_db_close(w2);
    xs_db *r = open_ok(XS_OPEN_READ); /* readers are not locked out */
    xs_db_close(r);
    xs_db_close(w1);
    w2 = open_ok(XS_OPEN_WRITE); /* the lock went with the first writer */
    xs_db_close(w2);
}
END_TEST

START_TEST(test_write_on_reader)
{
    xs_db_close(open_ok(XS_OPEN_CREATE));
    xs_db *db = open_ok(XS_OPEN_READ);
    xs_doc *doc = make_doc("x", NULL, NULL);
    ck_assert_int_eq(xs_db_replace(db, 1, doc), XS_READ_ONLY);
    ck_assert_ptr_nonnull(strstr(xs_db_error(db), "read-only"));
    ck_assert_int_eq(xs_db_delete(db, 1), XS_READ_ONLY);
    ck_assert_int_eq(xs_db_commit(db), XS_READ_ONLY);
    ck_assert_int_eq(xs_db_begin(db), XS_READ_ONLY);
    ck_assert_int_eq(xs_db_set_metadata(db, "k", "v"), XS_READ_ONLY);
    ck_assert_uint_eq(doccount(db), 0);
    xs_doc_free(doc);
    xs_db_close(db);
}
END_TEST

START_TEST(test_bad_arguments)
{
    xs_db *db = open_ok(XS_OPEN_CREATE);
    xs_doc *doc = make_doc("x", NULL, NULL);
    ck_assert_int_eq(xs_doc_set_value(doc, -1, "v", 1), XS_INTERNAL);
    ck_assert_ptr_nonnull(strstr(xs_last_error(), "negative value slot"));
    ck_assert_int_eq(xs_doc_add_term(doc, "", 0, 1), XS_INTERNAL); /* Xapian: empty term */
    ck_assert_int_eq(xs_db_replace(db, (uint64_t)1 << 33, doc), XS_INTERNAL);
    ck_assert_ptr_nonnull(strstr(xs_db_error(db), "32-bit"));
    ck_assert_int_eq(xs_db_replace(db, 0, doc), XS_INTERNAL);
    ck_assert_ptr_nonnull(strstr(xs_db_error(db), "InvalidArgumentError: "));
    ck_assert_uint_eq(doccount(db), 0);
    xs_doc_free(doc);
    xs_db_close(db);
}
END_TEST

/* ---- documents --------------------------------------------------------- */

START_TEST(test_doc_roundtrip)
{
    xs_db *db = open_ok(XS_OPEN_CREATE);
    xs_doc *doc = make_doc("quick brown", "2024-01-02", "Kbook");
    ck_assert_int_eq(xs_doc_add_term(doc, "Zfox", 4, 2), XS_OK);
    ck_assert_int_eq(xs_doc_set_value(doc, 5, "five", 4), XS_OK);
    ck_assert_int_eq(xs_doc_set_data(doc, "{}", 2), XS_OK);
    int has = -1;
    ck_assert_int_eq(xs_doc_has_term(doc, "Kbook", &has), XS_OK); /* being built */
    ck_assert_int_eq(has, 1);
    st_ok(db, xs_db_replace(db, 7, doc));
    xs_doc_free(doc);
    st_ok(db, xs_db_commit(db));

    xs_doc *back = NULL;
    st_ok(db, xs_db_get_doc(db, 7, &back));
    char *v = NULL;
    ck_assert_int_eq(xs_doc_get_value(back, 0, &v), XS_OK);
    ck_assert_str_eq(v, "2024-01-02");
    free(v);
    ck_assert_int_eq(xs_doc_get_value(back, 5, &v), XS_OK);
    ck_assert_str_eq(v, "five");
    free(v);
    ck_assert_int_eq(xs_doc_get_value(back, 1, &v), XS_OK);
    ck_assert_str_eq(v, "");
    free(v);
    const char *present[] = {"quick", "brown", "Kbook", "Zfox"};
    for (size_t i = 0; i < 4; i++) {
        ck_assert_int_eq(xs_doc_has_term(back, present[i], &has), XS_OK);
        ck_assert_msg(has == 1, "term %s missing", present[i]);
    }
    const char *absent[] = {"quic", "quickly", "a", "zzz", ""};
    for (size_t i = 0; i < 5; i++) {
        ck_assert_int_eq(xs_doc_has_term(back, absent[i], &has), XS_OK);
        ck_assert_msg(has == 0, "term '%s' unexpectedly present", absent[i]);
    }
    xs_doc_free(back);

    ck_assert_int_eq(has_doc(db, 7), 1);
    ck_assert_int_eq(has_doc(db, 6), 0);
    ck_assert_int_eq(xs_db_get_doc(db, 6, &back), XS_NOT_FOUND);
    ck_assert_ptr_null(back);
    ck_assert_ptr_nonnull(strstr(xs_db_error(db), "DocNotFoundError: "));
    xs_db_close(db);
}
END_TEST

START_TEST(test_replace_is_idempotent)
{
    xs_db *db = open_ok(XS_OPEN_CREATE);
    put(db, 4, "old words", NULL, NULL);
    put(db, 4, "new words", NULL, NULL);
    put(db, 4, "new words", NULL, NULL);
    ck_assert_uint_eq(doccount(db), 1);
    xs_doc *back = NULL;
    st_ok(db, xs_db_get_doc(db, 4, &back));
    int has = -1;
    ck_assert_int_eq(xs_doc_has_term(back, "old", &has), XS_OK);
    ck_assert_int_eq(has, 0);
    ck_assert_int_eq(xs_doc_has_term(back, "new", &has), XS_OK);
    ck_assert_int_eq(has, 1);
    xs_doc_free(back);
    xs_db_close(db);
}
END_TEST

START_TEST(test_delete)
{
    xs_db *db = open_ok(XS_OPEN_CREATE);
    put(db, 1, "a", NULL, NULL);
    put(db, 2, "b", NULL, NULL);
    st_ok(db, xs_db_delete(db, 1));
    ck_assert_int_eq(has_doc(db, 1), 0);
    ck_assert_int_eq(has_doc(db, 2), 1);
    st_ok(db, xs_db_delete(db, 1));  /* already gone */
    st_ok(db, xs_db_delete(db, 99)); /* never existed */
    ck_assert_uint_eq(doccount(db), 1);
    xs_db_close(db);
}
END_TEST

static void pending(xs_db *db, uint64_t docs, uint64_t terms)
{
    uint64_t d = 99, t = 99;
    st_ok(db, xs_db_pending(db, &d, &t));
    ck_assert_uint_eq(d, docs);
    ck_assert_uint_eq(t, terms);
}

START_TEST(test_pending)
{
    xs_db *db = open_ok(XS_OPEN_CREATE);
    pending(db, 0, 0);
    put(db, 1, "a b c b", NULL, NULL); /* three distinct terms */
    put(db, 2, "d e", NULL, "Kx");    /* a boolean term counts too */
    pending(db, 2, 6);
    st_ok(db, xs_db_commit(db));
    pending(db, 0, 0);
    st_ok(db, xs_db_delete(db, 1));
    st_ok(db, xs_db_delete(db, 99)); /* nothing to delete: nothing pending */
    pending(db, 1, 0);
    st_ok(db, xs_db_begin(db));      /* commits what came before */
    pending(db, 0, 0);
    put(db, 3, "f", NULL, NULL);
    pending(db, 1, 1);
    st_ok(db, xs_db_cancel_transaction(db));
    pending(db, 0, 0);
    xs_db_close(db);

    xs_db *r = open_ok(XS_OPEN_READ);
    uint64_t d, t;
    ck_assert_int_eq(xs_db_pending(r, &d, &t), XS_READ_ONLY);
    xs_db_close(r);
}
END_TEST

START_TEST(test_docids)
{
    xs_db *db = open_ok(XS_OPEN_CREATE);
    const uint64_t ids[] = {1, 2, 7, 100, ((uint64_t)1 << 31) + 1, ((uint64_t)1 << 31) + 5};
    for (size_t i = 0; i < 6; i++)
        put(db, ids[i], "w", NULL, NULL);
    uint64_t out[4];
    size_t n = 99;
    st_ok(db, xs_db_docids(db, 1, out, 4, &n)); /* a full page: there may be more */
    ck_assert_uint_eq(n, 4);
    ck_assert_uint_eq(out[0], 1);
    ck_assert_uint_eq(out[3], 100);
    st_ok(db, xs_db_docids(db, 101, out, 4, &n));
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(out[0], ((uint64_t)1 << 31) + 1);
    ck_assert_uint_eq(out[1], ((uint64_t)1 << 31) + 5);
    st_ok(db, xs_db_docids(db, ((uint64_t)1 << 31) + 6, out, 4, &n));
    ck_assert_uint_eq(n, 0);
    xs_db_close(db);
}
END_TEST

/* The first difference, or "" when equal. */
static const char *compare(const xs_doc *want, const xs_doc *got)
{
    static char buf[256];
    char *diff = NULL;
    ck_assert_int_eq(xs_doc_compare(want, got, &diff), XS_OK);
    snprintf(buf, sizeof buf, "%s", diff ? diff : "");
    free(diff);
    return buf;
}

START_TEST(test_doc_compare)
{
    xs_db *db = open_ok(XS_OPEN_CREATE);
    put(db, 1, "talks on grain", "20240101", "XK:article");
    xs_doc *got = NULL;
    st_ok(db, xs_db_get_doc(db, 1, &got));
    xs_doc *want = make_doc("talks on grain", "20240101", "XK:article");
    ck_assert_str_eq(compare(want, got), "");
    xs_doc_free(want);
    want = make_doc("talks on grain", "20240102", "XK:article");
    ck_assert_str_eq(compare(want, got), "value 0 is '20240101', expected '20240102'");
    xs_doc_free(want);
    want = make_doc("talks on grain", NULL, "XK:article");
    ck_assert_str_eq(compare(want, got), "value 0 is '20240101', expected ''");
    xs_doc_free(want);
    want = make_doc("talks grain on", "20240101", "XK:article");
    ck_assert_str_eq(compare(want, got), "term 'grain' positions differ");
    xs_doc_free(want);
    want = make_doc("talks on grain", "20240101", "XK:quote");
    ck_assert_str_eq(compare(want, got), "term 'XK:article' not expected");
    xs_doc_free(want);
    want = make_doc("talks on grain talks", "20240101", "XK:article");
    ck_assert_str_eq(compare(want, got), "term 'talks' wdf 1, expected 2");
    xs_doc_free(want);
    want = make_doc("talks on grain", "20240101", "XK:article");
    ck_assert_int_eq(xs_doc_set_data(want, "x", 1), XS_OK);
    ck_assert_str_eq(compare(want, got), "stored data differs");
    xs_doc_free(want);
    xs_doc_free(got);
    xs_db_close(db);
}
END_TEST

START_TEST(test_metadata)
{
    xs_db *db = open_ok(XS_OPEN_CREATE);
    char *v = NULL;
    st_ok(db, xs_db_get_metadata(db, "applied_seq", &v));
    ck_assert_str_eq(v, "");
    free(v);
    st_ok(db, xs_db_set_metadata(db, "applied_seq", "42"));
    st_ok(db, xs_db_set_metadata(db, "other", "x"));
    st_ok(db, xs_db_get_metadata(db, "applied_seq", &v));
    ck_assert_str_eq(v, "42");
    free(v);
    st_ok(db, xs_db_set_metadata(db, "other", "")); /* deletes */
    st_ok(db, xs_db_commit(db));

    xs_db *r = open_ok(XS_OPEN_READ);
    st_ok(r, xs_db_get_metadata(r, "applied_seq", &v));
    ck_assert_str_eq(v, "42");
    free(v);
    st_ok(r, xs_db_get_metadata(r, "other", &v));
    ck_assert_str_eq(v, "");
    free(v);
    xs_db_close(r);
    xs_db_close(db);
}
END_TEST

/* ---- transactions and revisions --------------------------------------- */

START_TEST(test_transaction_cancel)
{
    xs_db *db = open_ok(XS_OPEN_CREATE);
    put(db, 1, "kept", NULL, NULL);
    st_ok(db, xs_db_begin(db));
    put(db, 2, "dropped", NULL, NULL);
    st_ok(db, xs_db_set_metadata(db, "applied_seq", "2"));
    ck_assert_int_eq(has_doc(db, 2), 1);
    st_ok(db, xs_db_cancel_transaction(db));
    ck_assert_int_eq(has_doc(db, 2), 0);
    ck_assert_int_eq(has_doc(db, 1), 1); /* begin committed it */
    char *v = NULL;
    st_ok(db, xs_db_get_metadata(db, "applied_seq", &v));
    ck_assert_str_eq(v, "");
    free(v);
    /* outside a transaction: an error, not a crash */
    ck_assert_int_eq(xs_db_cancel_transaction(db), XS_INTERNAL);
    ck_assert_ptr_nonnull(strstr(xs_db_error(db), "InvalidOperationError: "));
    xs_db_close(db);
}
END_TEST

START_TEST(test_transaction_commit)
{
    xs_db *db = open_ok(XS_OPEN_CREATE);
    st_ok(db, xs_db_begin(db));
    put(db, 1, "one", NULL, NULL);
    put(db, 2, "two", NULL, NULL);
    st_ok(db, xs_db_set_metadata(db, "applied_seq", "2"));
    xs_db *r = open_ok(XS_OPEN_READ);
    ck_assert_uint_eq(doccount(r), 0); /* not yet visible */
    st_ok(db, xs_db_commit_transaction(db));
    ck_assert_uint_eq(doccount(r), 0); /* a reader stays on its revision... */
    st_ok(r, xs_db_reopen(r));
    ck_assert_uint_eq(doccount(r), 2); /* ...until reopened */
    xs_db_close(r);

    r = open_ok(XS_OPEN_READ); /* writer still open: the commit is on disk */
    ck_assert_int_eq(has_doc(r, 1), 1);
    ck_assert_int_eq(has_doc(r, 2), 1);
    char *v = NULL;
    st_ok(r, xs_db_get_metadata(r, "applied_seq", &v));
    ck_assert_str_eq(v, "2");
    free(v);
    xs_db_close(r);
    xs_db_close(db);
}
END_TEST

/* Rewrites every document, each round a different vocabulary. */
static void rewrite_all(xs_db *db, int round)
{
    char text[1024] = "";
    for (int i = 0; i < 50; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text), "r%dw%d ", round, i);
    for (uint64_t id = 1; id <= 200; id++)
        put(db, id, text, NULL, NULL);
    st_ok(db, xs_db_commit(db));
}

START_TEST(test_reader_modified)
{
    xs_db *w = open_ok(XS_OPEN_CREATE | XS_OPEN_NO_SYNC);
    rewrite_all(w, 0);
    xs_db *r = open_ok(XS_OPEN_READ);
    for (int round = 1; round <= 4; round++) /* glass reuses blocks two revisions on */
        rewrite_all(w, round);
    /* The reader's revision is gone: it moves to the newest and retries
     * by itself (XS_READER_RETRIES) instead of failing with XS_MODIFIED. */
    ck_assert_str_eq(ids_of(r, T("r0w3"), NULL), "");
    ck_assert_str_eq(ids_of(r, T("r4w3"), NULL), "1 2 3 4 5 6 7 8 9 10");
    xs_db_close(r);
    xs_db_close(w);
}
END_TEST

/* ---- query building ---------------------------------------------------- */

START_TEST(test_describe_ops)
{
    describe_is(comb(XS_OP_AND, 0, "a", "b", NULL), "Query((a AND b))");
    describe_is(comb(XS_OP_AND, 0, "a", "b", "c"), "Query((a AND b AND c))");
    describe_is(comb(XS_OP_OR, 0, "a", "b", NULL), "Query((a OR b))");
    describe_is(comb(XS_OP_AND_NOT, 0, "a", "b", NULL), "Query((a AND_NOT b))");
    describe_is(comb(XS_OP_AND_NOT, 0, "a", "b", "c"), "Query((a AND_NOT (b OR c)))");
    describe_is(comb(XS_OP_FILTER, 0, "a", "b", NULL), "Query((a FILTER b))");
    describe_is(comb(XS_OP_FILTER, 0, "a", "b", "c"), "Query((a FILTER (b AND c)))");
    describe_is(comb(XS_OP_NEAR, 3, "a", "b", "c"), "Query((a NEAR 3 b NEAR 3 c))");
    describe_is(comb(XS_OP_PHRASE, 2, "a", "b", NULL), "Query((a PHRASE 2 b))");
    describe_is(comb(XS_OP_PHRASE, 0, "a", "b", NULL), "Query((a PHRASE 2 b))");
    describe_is(comb(XS_OP_SYNONYM, 0, "a", "b", NULL), "Query((a SYNONYM b))");
    /* a window on an operator without one is ignored, not an error */
    describe_is(comb(XS_OP_SYNONYM, 5, "a", "b", NULL), "Query((a SYNONYM b))");
    describe_is(comb(XS_OP_OR, 0, "a", NULL, NULL), "Query(a)");
    describe_is(xs_query_combine(XS_OP_AND, NULL, 0, 0), "Query()");
    describe_is(xs_query_combine(XS_OP_OR, NULL, 0, 0), "Query()");
    describe_is(xs_query_match_all(), "Query(<alldocuments>)");
    describe_is(xs_query_match_nothing(), "Query()");
    describe_is(xs_query_term("a\0b", 3), "Query(a\\x00b)");
}
END_TEST

START_TEST(test_describe_values_wildcard_scale)
{
    describe_is(xs_query_value_range(1, "a", "m"), "Query(VALUE_RANGE 1 a m)");
    describe_is(xs_query_value_range(1, "a", ""), "Query(VALUE_GE 1 a)");
    describe_is(xs_query_value_range(1, NULL, "m"), "Query(VALUE_LE 1 m)");
    describe_is(xs_query_value_range(1, "", NULL), "Query(<alldocuments>)");
    describe_is(xs_query_wildcard("negoti", 5), "Query(WILDCARD MAX negoti)");
    xs_query *a = T("a");
    describe_is(xs_query_scale(a, 2.5), "Query(2.5 * a)");
    xs_query_free(a);
}
END_TEST

START_TEST(test_query_failures)
{
    xs_query *a = T("a");
    xs_query *subs[] = {a, NULL};
    ck_assert_ptr_null(xs_query_combine(XS_OP_AND, subs, 2, 0));
    ck_assert_ptr_nonnull(strstr(xs_last_error(), "NULL query"));
    ck_assert_ptr_null(xs_query_scale(a, -1));
    ck_assert_ptr_nonnull(strstr(xs_last_error(), "InvalidArgumentError: "));
    ck_assert_ptr_null(xs_query_value_range(-2, "a", "b"));
    ck_assert_ptr_null(xs_query_describe(NULL));
    xs_query_free(a);
    xs_query_free(NULL);
}
END_TEST

/* ---- searching --------------------------------------------------------- */

START_TEST(test_relevance_order)
{
    xs_db *db = open_ok(XS_OPEN_CREATE);
    put(db, 1, "apple pie with cream and many other long words here", NULL, NULL);
    put(db, 2, "apple apple apple", NULL, NULL);
    put(db, 3, "banana split", NULL, NULL);
    put(db, 4, "apple tart", NULL, NULL);
    xs_results *r = NULL;
    xs_query *q = T("apple");
    st_ok(db, xs_db_search(db, q, NULL, &r));
    xs_query_free(q);
    ck_assert_uint_eq(xs_results_size(r), 3);
    ck_assert_uint_eq(xs_results_docid(r, 0), 2);
    ck_assert_uint_eq(xs_results_docid(r, 1), 4);
    ck_assert_uint_eq(xs_results_docid(r, 2), 1);
    ck_assert(xs_results_score(r, 0) > xs_results_score(r, 1));
    ck_assert(xs_results_score(r, 1) > xs_results_score(r, 2));
    ck_assert_uint_eq(xs_results_total(r), 3);
    ck_assert_uint_eq(xs_results_docid(r, 3), 0); /* out of range */
    xs_results_free(r);
    xs_results_free(NULL);
    xs_db_close(db);
}
END_TEST

START_TEST(test_relevance_ties_by_docid)
{
    xs_db *db = open_ok(XS_OPEN_CREATE);
    put(db, 9, "same words", NULL, NULL);
    put(db, 2, "same words", NULL, NULL);
    put(db, 5, "same words", NULL, NULL);
    ck_assert_str_eq(ids_of(db, T("same"), NULL), "2 5 9");
    xs_db_close(db);
}
END_TEST

START_TEST(test_filter_keeps_scores)
{
    xs_db *db = open_ok(XS_OPEN_CREATE);
    put(db, 1, "apple pie", NULL, "Kbook");
    put(db, 2, "apple apple", NULL, "Kfilm");
    put(db, 3, "pear", NULL, "Kbook");
    double plain = 0;
    {
        xs_results *r = NULL;
        xs_query *q = T("apple");
        st_ok(db, xs_db_search(db, q, NULL, &r));
        xs_query_free(q);
        ck_assert_uint_eq(xs_results_docid(r, 1), 1);
        plain = xs_results_score(r, 1);
        xs_results_free(r);
    }
    double filtered = only_score(db, comb(XS_OP_FILTER, 0, "apple", "Kbook", NULL));
    ck_assert_double_eq_tol(filtered, plain, 1e-12);
    /* the filter selects: more filters narrow, a failing one empties */
    ck_assert_str_eq(ids_of(db, comb(XS_OP_FILTER, 0, "apple", "Kbook", NULL), NULL), "1");
    ck_assert_str_eq(ids_of(db, comb(XS_OP_FILTER, 0, "apple", "Kbook", "pie"), NULL), "1");
    ck_assert_str_eq(ids_of(db, comb(XS_OP_FILTER, 0, "apple", "Kbook", "pear"), NULL), "");
    xs_db_close(db);
}
END_TEST

START_TEST(test_and_not_and_filter_semantics)
{
    xs_db *db = open_ok(XS_OPEN_CREATE);
    put(db, 1, "a", NULL, NULL);
    put(db, 2, "a b", NULL, NULL);
    put(db, 3, "a c", NULL, NULL);
    put(db, 4, "a b c", NULL, NULL);
    ck_assert_str_eq(ids_of(db, comb(XS_OP_AND_NOT, 0, "a", "b", "c"), NULL), "1");
    ck_assert_str_eq(ids_of(db, comb(XS_OP_AND_NOT, 0, "a", "b", NULL), NULL), "1 3");
    ck_assert_str_eq(ids_of(db, comb(XS_OP_FILTER, 0, "a", "b", "c"), NULL), "4");
    ck_assert_str_eq(ids_of(db, comb(XS_OP_OR, 0, "b", "c", NULL), NULL), "4 2 3");
    xs_db_close(db);
}
END_TEST

START_TEST(test_phrase_near_synonym)
{
    xs_db *db = open_ok(XS_OPEN_CREATE);
    put(db, 1, "the quick brown fox", NULL, NULL);
    put(db, 2, "brown quick", NULL, NULL);
    put(db, 3, "quick red brown", NULL, NULL);
    ck_assert_str_eq(ids_of(db, comb(XS_OP_PHRASE, 0, "quick", "brown", NULL), NULL), "1");
    ck_assert_str_eq(ids_of(db, comb(XS_OP_PHRASE, 3, "quick", "brown", NULL), NULL), "3 1");
    ck_assert_str_eq(ids_of(db, comb(XS_OP_NEAR, 2, "brown", "quick", NULL), NULL), "2 1");
    ck_assert_str_eq(ids_of(db, comb(XS_OP_SYNONYM, 0, "fox", "red", NULL), NULL), "3 1");
    xs_db_close(db);
}
END_TEST

static void put_values(xs_db *db)
{
    /* ties: docids 2, 5 (value b) and 1, 4 (value a), inserted out of order */
    put(db, 5, "x", "b", NULL);
    put(db, 1, "x", "a", NULL);
    put(db, 3, "x", "c", NULL);
    put(db, 4, "x", "a", NULL);
    put(db, 2, "x", "b", NULL);
    put(db, 6, "y", "", NULL); /* no value at all */
}

START_TEST(test_sort_by_value)
{
    xs_db *db = open_ok(XS_OPEN_CREATE);
    put_values(db);
    xs_search_opts o;
    xs_search_opts_init(&o);
    o.sort_slot = 0;
    o.sort = XS_SORT_VALUE_DESC;
    ck_assert_str_eq(ids_of(db, T("x"), &o), "3 2 5 1 4");
    o.sort = XS_SORT_VALUE_ASC;
    ck_assert_str_eq(ids_of(db, T("x"), &o), "1 4 2 5 3");
    /* the empty value sorts first ascending, last descending */
    ck_assert_str_eq(ids_of(db, xs_query_match_all(), &o), "6 1 4 2 5 3");
    o.sort = XS_SORT_VALUE_DESC;
    ck_assert_str_eq(ids_of(db, xs_query_match_all(), &o), "3 2 5 1 4 6");
    o.sort_slot = -1;
    xs_results *r = NULL;
    xs_query *q = T("x");
    ck_assert_int_eq(xs_db_search(db, q, &o, &r), XS_INTERNAL);
    ck_assert_ptr_null(r);
    xs_query_free(q);
    xs_db_close(db);
}
END_TEST

START_TEST(test_value_range_search)
{
    xs_db *db = open_ok(XS_OPEN_CREATE);
    put(db, 1, "x", "2001", NULL);
    put(db, 2, "x", "2005", NULL);
    put(db, 3, "x", "2010", NULL);
    put(db, 4, "x", NULL, NULL);
    ck_assert_str_eq(ids_of(db, xs_query_value_range(0, "2004", ""), NULL), "2 3");
    ck_assert_str_eq(ids_of(db, xs_query_value_range(0, NULL, "2005"), NULL), "1 2");
    ck_assert_str_eq(ids_of(db, xs_query_value_range(0, "2002", "2009"), NULL), "2");
    ck_assert_str_eq(ids_of(db, xs_query_value_range(0, "2005", "2005"), NULL), "2");
    ck_assert_str_eq(ids_of(db, xs_query_value_range(0, "", ""), NULL), "1 2 3 4");
    ck_assert_str_eq(ids_of(db, xs_query_value_range(1, "0", NULL), NULL), "");
    xs_db_close(db);
}
END_TEST

START_TEST(test_docid_range)
{
    xs_db *db = open_ok(XS_OPEN_CREATE);
    for (uint64_t id = 1; id <= 6; id++)
        put(db, id, id % 2 ? "x odd" : "x", NULL, NULL);
    ck_assert_int_eq(xs_db_delete(db, 4), XS_OK);
    ck_assert_str_eq(ids_of(db, xs_query_docid_range(3, 0), NULL), "3 5 6");
    ck_assert_str_eq(ids_of(db, xs_query_docid_range(2, 5), NULL), "2 3 5");
    ck_assert_str_eq(ids_of(db, xs_query_docid_range(0, 1), NULL), "1");
    ck_assert_str_eq(ids_of(db, xs_query_docid_range(7, 0), NULL), "");
    ck_assert_str_eq(ids_of(db, xs_query_docid_range((uint64_t)1 << 40, 0), NULL), "");
    /* as a filter: where a keyset page starts */
    xs_query *subs[2] = {T("odd"), xs_query_docid_range(2, 0)};
    ck_assert_str_eq(ids_of(db, xs_query_combine(XS_OP_FILTER, subs, 2, 0), NULL), "3 5");
    xs_query *either[2] = {xs_query_docid_range(1, 1), xs_query_docid_range(5, 0)};
    ck_assert_str_eq(ids_of(db, xs_query_combine(XS_OP_OR, either, 2, 0), NULL), "1 5 6");
    for (int i = 0; i < 2; i++) {
        xs_query_free(subs[i]);
        xs_query_free(either[i]);
    }
    xs_db_close(db);
}
END_TEST

START_TEST(test_wildcard)
{
    xs_db *db = open_ok(XS_OPEN_CREATE);
    put(db, 1, "negotiate", NULL, NULL);
    put(db, 2, "negotiation negotiator", NULL, NULL);
    put(db, 3, "negative", NULL, NULL);
    /* A match weighs as its best expansion (OP_MAX), so the shorter
     * document with one expansion ranks above the one with two. */
    ck_assert_str_eq(ids_of(db, xs_query_wildcard("negoti", 3), NULL), "1 2");
    ck_assert_str_eq(ids_of(db, xs_query_wildcard("nego", 0), NULL), "1 2");
    ck_assert_str_eq(ids_of(db, xs_query_wildcard("zzz", 3), NULL), "");

    /* Expanded now: the same matches; too many terms is an error at once. */
    ck_assert_str_eq(ids_of(db, xs_query_wildcard_in(db, "negoti", 3), NULL), "1 2");
    ck_assert_ptr_null(xs_query_wildcard_in(db, "negoti", 2));
    ck_assert_ptr_nonnull(strstr(xs_last_error(), "expands to more than 2 terms"));
    xs_db_close(db);
}
END_TEST

START_TEST(test_scale)
{
    xs_db *db = open_ok(XS_OPEN_CREATE);
    put(db, 1, "apple pie", NULL, NULL);
    put(db, 2, "pear", NULL, NULL);
    double base = only_score(db, T("apple"));
    ck_assert(base > 0);
    xs_query *a = T("apple");
    ck_assert_double_eq_tol(only_score(db, xs_query_scale(a, 2)), 2 * base, 1e-9);
    ck_assert_double_eq_tol(only_score(db, xs_query_scale(a, 0)), 0, 1e-12);
    xs_query_free(a);
    xs_db_close(db);
}
END_TEST

START_TEST(test_offset_limit_total)
{
    xs_db *db = open_ok(XS_OPEN_CREATE);
    for (uint64_t id = 1; id <= 30; id++)
        put(db, id, "common", NULL, NULL);
    put(db, 31, "rare", NULL, NULL);
    xs_search_opts o;
    xs_search_opts_init(&o);
    ck_assert_uint_eq(o.limit, 10);
    ck_assert_str_eq(ids_of(db, T("common"), &o), "1 2 3 4 5 6 7 8 9 10");
    o.offset = 3;
    o.limit = 2;
    o.check_at_least = 100;
    ck_assert_str_eq(ids_of(db, T("common"), &o), "4 5");
    o.offset = 29;
    ck_assert_str_eq(ids_of(db, T("common"), &o), "30");
    o.offset = 40;
    ck_assert_str_eq(ids_of(db, T("common"), &o), "");

    xs_results *r = NULL;
    xs_query *q = T("common");
    o.offset = 0;
    o.limit = 1;
    st_ok(db, xs_db_search(db, q, &o, &r));
    ck_assert_uint_eq(xs_results_size(r), 1);
    ck_assert_uint_eq(xs_results_total(r), 30); /* exact: check_at_least 100 */
    xs_results_free(r);
    o.limit = 0;
    st_ok(db, xs_db_search(db, q, &o, &r));
    ck_assert_uint_eq(xs_results_size(r), 0);
    ck_assert_uint_eq(xs_results_total(r), 30);
    xs_results_free(r);
    xs_query_free(q);
    xs_db_close(db);
}
END_TEST

START_TEST(test_search_on_reader)
{
    xs_db *w = open_ok(XS_OPEN_CREATE);
    put(w, 1, "alpha", NULL, NULL);
    put(w, 2, "alpha beta", NULL, NULL);
    st_ok(w, xs_db_commit(w));
    put(w, 3, "alpha uncommitted", NULL, NULL);
    xs_db *r = open_ok(XS_OPEN_READ);
    ck_assert_str_eq(ids_of(r, T("beta"), NULL), "2");
    ck_assert_str_eq(ids_of(r, xs_query_match_all(), NULL), "1 2");
    ck_assert_str_eq(ids_of(w, xs_query_match_all(), NULL), "1 2 3"); /* a writer sees its own */
    xs_db_close(r);
    xs_db_close(w);
}
END_TEST

/* Quotes are deleted with their article through a shared parent term. */
START_TEST(test_delete_term)
{
    xs_db *db = open_ok(XS_OPEN_CREATE);
    put(db, 1, "a", NULL, "XA:7");
    put(db, 2, "b", NULL, "XA:7");
    put(db, 3, "c", NULL, "XA:8");
    st_ok(db, xs_db_delete_term(db, "XA:7"));
    ck_assert_int_eq(has_doc(db, 1), 0);
    ck_assert_int_eq(has_doc(db, 2), 0);
    ck_assert_int_eq(has_doc(db, 3), 1);
    st_ok(db, xs_db_delete_term(db, "XA:absent"));
    ck_assert_uint_eq(doccount(db), 1);
    xs_db_close(db);
}
END_TEST

/* One result per value, the best ranked, with how many it stands for. */
START_TEST(test_collapse)
{
    xs_db *db = open_ok(XS_OPEN_CREATE);
    put_values(db);
    xs_search_opts o;
    xs_search_opts_init(&o);
    ck_assert_int_eq(o.collapse_slot, -1);
    o.collapse_slot = 0;
    o.sort_slot = 0;
    o.sort = XS_SORT_VALUE_ASC;
    o.check_at_least = 100;
    xs_results *r = NULL;
    xs_query *q = T("x");
    st_ok(db, xs_db_search(db, q, &o, &r));
    xs_query_free(q);
    ck_assert_uint_eq(xs_results_size(r), 3);
    ck_assert_uint_eq(xs_results_total(r), 3);
    ck_assert_uint_eq(xs_results_docid(r, 0), 1);
    ck_assert_uint_eq(xs_results_collapsed(r, 0), 1);
    ck_assert_uint_eq(xs_results_docid(r, 2), 3);
    ck_assert_uint_eq(xs_results_collapsed(r, 2), 0);
    xs_results_free(r);
    xs_db_close(db);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("shim");
    TCase *tc = tcase_create("xs");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_status_names);
    tcase_add_test(tc, test_create_open_close);
    tcase_add_test(tc, test_open_missing);
    tcase_add_test(tc, test_second_writer_locked);
    tcase_add_test(tc, test_write_on_reader);
    tcase_add_test(tc, test_bad_arguments);
    tcase_add_test(tc, test_doc_roundtrip);
    tcase_add_test(tc, test_replace_is_idempotent);
    tcase_add_test(tc, test_delete);
    tcase_add_test(tc, test_pending);
    tcase_add_test(tc, test_docids);
    tcase_add_test(tc, test_doc_compare);
    tcase_add_test(tc, test_delete_term);
    tcase_add_test(tc, test_collapse);
    tcase_add_test(tc, test_metadata);
    tcase_add_test(tc, test_transaction_cancel);
    tcase_add_test(tc, test_transaction_commit);
    tcase_add_test(tc, test_reader_modified);
    tcase_add_test(tc, test_describe_ops);
    tcase_add_test(tc, test_describe_values_wildcard_scale);
    tcase_add_test(tc, test_query_failures);
    tcase_add_test(tc, test_relevance_order);
    tcase_add_test(tc, test_relevance_ties_by_docid);
    tcase_add_test(tc, test_filter_keeps_scores);
    tcase_add_test(tc, test_and_not_and_filter_semantics);
    tcase_add_test(tc, test_phrase_near_synonym);
    tcase_add_test(tc, test_sort_by_value);
    tcase_add_test(tc, test_value_range_search);
    tcase_add_test(tc, test_docid_range);
    tcase_add_test(tc, test_wildcard);
    tcase_add_test(tc, test_scale);
    tcase_add_test(tc, test_offset_limit_total);
    tcase_add_test(tc, test_search_on_reader);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return lg_test_run(suite());
}
