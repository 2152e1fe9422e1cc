/*
 * compile.c — a parsed query and the command-line filters as one Xapian
 * query, with the indexer's term scheme (fields.def):
 *
 *   text field with prefix P:  positional P+token, and "Z"+P+stem
 *   outlet:   prefix + lg_name_key(value)
 *   speaker:  prefix + each word of lg_name_key(value), all required
 *   lang:     prefix + the value in lower case
 *   other boolean fields (kind): prefix + the value as given
 *   date:     the value slot, compared with lg_date_period() bounds
 *
 * Filters are scaled by 0 and applied with FILTER, so they restrict the
 * matches without changing any score.
 */
#include "compile.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

/* Stems of a text field live under "Z" + its prefix (fields.def). */
#define STEM_PREFIX "Z"
/* Room for a name key; a longer one could not be an indexed term. */
#define KEY_MAX 512

typedef struct {
    lg_stemmer *st;
    lg_qerror *err;
    const lg_filters *filters;  /* for the alias resolver; may be NULL */
} compiler;

static void fail(compiler *c, size_t column, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The message, then " at column N" for an error inside the query. */
static void fail(compiler *c, size_t column, const char *fmt, ...)
{
    char what[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    c->err->column = column;
    if (column)
        snprintf(c->err->message, sizeof c->err->message, "%s at column %zu", what, column);
    else
        snprintf(c->err->message, sizeof c->err->message, "%s", what);
}

/* The shim returns NULL only on failure: report it once, here. */
static xs_query *check(compiler *c, xs_query *q)
{
    if (!q)
        fail(c, 0, "cannot build the query: %s", xs_last_error());
    return q;
}

/* ---- analysis -------------------------------------------------------- */

/* Tokens of a query text, copied out of lg_tokenize's callback. */
typedef struct {
    lg_token *v;
    size_t n, cap;
} tokens;

static void tokens_free(tokens *t)
{
    for (size_t i = 0; i < t->n; i++)
        free((char *)t->v[i].term);
    free(t->v);
    memset(t, 0, sizeof *t);
}

static int collect(void *ctx, const lg_token *tok)
{
    tokens *t = ctx;
    if (LG_GROW(t->v, t->n, t->cap) != 0)
        return -1;
    char *term = strndup(tok->term, tok->len);
    if (!term)
        return -1;
    t->v[t->n] = *tok;
    t->v[t->n++].term = term;
    return 0;
}

/* Appends the tokens of node n's text to t (freeing t on failure); a text
 * without any is an error, since it would silently match nothing. */
static int analyze(compiler *c, const lg_qnode *n, tokens *t)
{
    size_t before = t->n;
    if (lg_tokenize(n->text, strlen(n->text), collect, t) != 0)
        fail(c, 0, "out of memory");
    else if (t->n == before)
        fail(c, n->column, "nothing to search for (no letters or digits)");
    else
        return 0;
    tokens_free(t);
    return -1;
}

/* ---- query lists ----------------------------------------------------- */

/* Queries to combine; the list owns them. */
typedef struct {
    xs_query **v;
    size_t n, cap;
} qlist;

static void ql_free(qlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        xs_query_free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* Takes q (NULL: an error already reported, passed on). */
static int ql_push(compiler *c, qlist *l, xs_query *q)
{
    if (!q)
        return -1;
    if (LG_GROW(l->v, l->n, l->cap) != 0) {
        xs_query_free(q);
        fail(c, 0, "out of memory");
        return -1;
    }
    l->v[l->n++] = q;
    return 0;
}

/* One query from the list (the only one, or all combined by op); empties
 * the list either way. */
static xs_query *ql_combine(compiler *c, qlist *l, xs_op op, unsigned window)
{
    xs_query *q;
    if (l->n == 1) {
        q = l->v[0];
        l->n = 0;
    } else {
        q = check(c, xs_query_combine(op, l->v, l->n, window));
    }
    ql_free(l);
    return q;
}

/* lead op (the list...): lead first, then the list; takes lead. */
static xs_query *ql_lead(compiler *c, xs_query *lead, qlist *l, xs_op op)
{
    if (ql_push(c, l, lead) < 0) {
        ql_free(l);
        return NULL;
    }
    memmove(l->v + 1, l->v, (l->n - 1) * sizeof *l->v);
    l->v[0] = lead;
    return ql_combine(c, l, op, 0);
}

/* ---- terms ----------------------------------------------------------- */

static xs_query *term(compiler *c, const char *stem_prefix, const char *prefix, const char *s,
                      size_t len)
{
    lg_sb sb = LG_SB_INIT;
    lg_sb_adds(&sb, stem_prefix);
    lg_sb_adds(&sb, prefix);
    lg_sb_add(&sb, s, len);
    xs_query *q = check(c, xs_query_term(sb.buf, sb.len));
    lg_sb_release(&sb);
    return q;
}

static xs_query *exact(compiler *c, const char *prefix, const lg_token *tok)
{
    return term(c, "", prefix, tok->term, tok->len);
}

/* The prefix of a WORD/PHRASE/WILDCARD/NEAR's field; no field: the body. */
static const char *text_prefix(const lg_qnode *n)
{
    return (n->field ? n->field : lg_field_get(LG_F_TEXT))->xprefix;
}

/* The exact terms of t combined by op (one token: its term alone). */
static xs_query *positional(compiler *c, const char *prefix, const tokens *t, xs_op op,
                            unsigned window)
{
    qlist l = {0};
    for (size_t i = 0; i < t->n; i++)
        if (ql_push(c, &l, exact(c, prefix, &t->v[i])) < 0) {
            ql_free(&l);
            return NULL;
        }
    return ql_combine(c, &l, op, window);
}

/* The positions a phrase's tokens span: more than their number when the
 * tokenizer dropped an over-long one, which keeps its place in documents
 * too. */
static unsigned phrase_window(const tokens *t)
{
    return t->v[t->n - 1].pos - t->v[0].pos + 1;
}

/* ---- text nodes ------------------------------------------------------ */

/* A word is searched by its stem when it is one stemmable token. */
static const char *word_stem(lg_stemmer *st, const tokens *t, size_t *len)
{
    return t->n == 1 ? lg_stem(st, &t->v[0], len) : NULL;
}

/* One token: its stem (or exactly, if unstemmed); several (a hyphenated
 * word): the exact phrase, as the indexer split it. Under `prefix`. */
static xs_query *word_in(compiler *c, const tokens *t, const char *prefix)
{
    size_t len = 0;
    const char *stem = word_stem(c->st, t, &len);
    return stem ? term(c, STEM_PREFIX, prefix, stem, len)
                : positional(c, prefix, t, XS_OP_PHRASE, phrase_window(t));
}

/* A word with no field is searched in all the text, and again in the
 * title with LG_TITLE_WEIGHT: a title match ranks higher. */
static xs_query *compile_word(compiler *c, const lg_qnode *n)
{
    tokens t = {0};
    if (analyze(c, n, &t) < 0)
        return NULL;
    qlist l = {0};
    int ok = ql_push(c, &l, word_in(c, &t, text_prefix(n))) == 0;
    if (ok && !n->field) {
        xs_query *title = word_in(c, &t, lg_field_get(LG_F_TITLE)->xprefix);
        ok = ql_push(c, &l, title ? check(c, xs_query_scale(title, LG_TITLE_WEIGHT)) : NULL) == 0;
        xs_query_free(title);
    }
    tokens_free(&t);
    if (!ok) {
        ql_free(&l);
        return NULL;
    }
    return ql_combine(c, &l, XS_OP_OR, 0);
}

static xs_query *compile_phrase(compiler *c, const lg_qnode *n)
{
    tokens t = {0};
    if (analyze(c, n, &t) < 0)
        return NULL;
    xs_query *q = positional(c, text_prefix(n), &t, XS_OP_PHRASE, phrase_window(&t));
    tokens_free(&t);
    return q;
}

static xs_query *compile_wildcard(compiler *c, const lg_qnode *n)
{
    tokens t = {0};
    if (analyze(c, n, &t) < 0)
        return NULL;
    xs_query *q = NULL;
    if (t.n > 1) {
        fail(c, n->column, "a wildcard must be one word");
    } else {
        lg_sb pattern = LG_SB_INIT;
        lg_sb_adds(&pattern, text_prefix(n));
        lg_sb_add(&pattern, t.v[0].term, t.v[0].len);
        xs_db *in = c->filters ? c->filters->expand : NULL;
        q = check(c, in ? xs_query_wildcard_in(in, pattern.buf, LG_WILDCARD_MAX_EXPANSION)
                        : xs_query_wildcard(pattern.buf, LG_WILDCARD_MAX_EXPANSION));
        lg_sb_release(&pattern);
    }
    tokens_free(&t);
    return q;
}

/*
 * NEAR/n: every kid's exact words (a phrase gives its words, no longer
 * held adjacent) within a window of n + (number of words) - 1 positions.
 * So for two words, at most n - 1 other words come between them, in either
 * order: a NEAR/1 b means adjacent, a NEAR/3 b allows two words between.
 */
static xs_query *compile_near(compiler *c, const lg_qnode *n)
{
    tokens t = {0};
    for (size_t i = 0; i < n->nkids; i++)
        if (analyze(c, n->kids[i], &t) < 0)
            return NULL;
    xs_query *q = positional(c, text_prefix(n->kids[0]), &t, XS_OP_NEAR,
                             n->window + (unsigned)t.n - 1);
    tokens_free(&t);
    return q;
}

/* ---- filters --------------------------------------------------------- */

/* The filter as the indexer's name key makes it: the whole key (outlet)
 * or, by_word, one term per word of it, all required (speaker:lavrov
 * matches "Sergey Lavrov"). */
static xs_query *name_terms(compiler *c, const lg_field *f, const char *value, size_t column,
                            int by_word)
{
    char key[KEY_MAX], canon[KEY_MAX];
    int len = lg_name_key(value, strlen(value), key, sizeof key);
    if (len <= 0) {
        fail(c, column, len ? "%s value too long" : "%s value has no letters or digits", f->name);
        return NULL;
    }
    const lg_filters *fl = c->filters;
    if (fl && fl->resolve && fl->resolve(fl->resolve_ctx, f->id, key, canon, sizeof canon) == 1) {
        memcpy(key, canon, sizeof key);
        len = (int)strlen(key);
    }
    if (!by_word)
        return term(c, "", f->xprefix, key, (size_t)len);
    qlist l = {0};
    for (const char *w = key, *end; *w; w = *end ? end + 1 : end) {
        end = w + strcspn(w, " ");
        if (ql_push(c, &l, term(c, "", f->xprefix, w, (size_t)(end - w))) < 0) {
            ql_free(&l);
            return NULL;
        }
    }
    return ql_combine(c, &l, XS_OP_AND, 0);
}

static xs_query *lower_term(compiler *c, const lg_field *f, const char *value)
{
    lg_sb sb = LG_SB_INIT;
    for (const char *s = value; *s; s++)
        lg_sb_addc(&sb, *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s);
    xs_query *q = term(c, "", f->xprefix, sb.buf, sb.len);
    lg_sb_release(&sb);
    return q;
}

/* The terms a boolean field's value gives, made as the indexer makes them. */
static xs_query *filter_value(compiler *c, const lg_field *f, const char *value, size_t column)
{
    switch (f->id) {
    case LG_F_OUTLET:
        return name_terms(c, f, value, column, 0);
    case LG_F_SPEAKER:
        return name_terms(c, f, value, column, 1);
    case LG_F_LANG:
        return lower_term(c, f, value);
    default:
        return term(c, "", f->xprefix, value, strlen(value));
    }
}

/* The first (last) slot value of the period d names; NULL (an open end)
 * for an unknown date. */
static const char *period_end(const lg_date *d, int last, char out[9])
{
    char other[9];
    if (d->precision == LG_DATE_UNKNOWN)
        return NULL;
    if (last)
        lg_date_period(d, other, out);
    else
        lg_date_period(d, out, other);
    return out;
}

/* Articles with no date: every document minus those with a date value
 * (slot values are digits, so all of them are >= "0"). */
static xs_query *undated(compiler *c, const lg_field *f)
{
    qlist l = {0};
    if (ql_push(c, &l, check(c, xs_query_match_all())) < 0 ||
        ql_push(c, &l, check(c, xs_query_value_range(f->slot, "0", NULL))) < 0) {
        ql_free(&l);
        return NULL;
    }
    return ql_combine(c, &l, XS_OP_AND_NOT, 0);
}

/* Adds to l the part of period [plo, phi] (slot values of a year or a
 * month) that lies in [from, to]: the period's term when it lies inside,
 * the term filtered by the range when they overlap, nothing when they do
 * not meet. -1 on failure. */
static int add_period(compiler *c, qlist *l, const lg_field *f, const char *plo, const char *phi,
                      size_t digits, const char *from, const char *to)
{
    if (strcmp(phi, from) < 0 || strcmp(plo, to) > 0)
        return 0;
    xs_query *t = term(c, "", f->xprefix, plo, digits);
    if (!t || (strcmp(from, plo) <= 0 && strcmp(phi, to) <= 0))
        return ql_push(c, l, t);
    qlist both = {0};
    if (ql_push(c, &both, t) < 0 ||
        ql_push(c, &both, check(c, xs_query_value_range(f->slot, strcmp(from, plo) > 0 ? from : plo,
                                                        strcmp(to, phi) < 0 ? to : phi))) < 0) {
        ql_free(&both);
        return -1;
    }
    return ql_push(c, l, ql_combine(c, &both, XS_OP_FILTER, 0));
}

/* [from, to] as year and month terms, as omindex does: posting lists
 * instead of a date read for every match (a common word over two months
 * at 1M articles: 40 -> 8 ms). NULL with c->err unset when the range takes
 * more than LG_DATE_TERMS_MAX of them: the caller uses the value range. */
#define LG_DATE_TERMS_MAX 64
static xs_query *date_terms(compiler *c, const lg_field *f, const char *from, const char *to)
{
    qlist l = {0};
    int y0 = atoi(from) / 10000, y1 = atoi(to) / 10000, rc = 0;
    for (int y = y0; y <= y1 && rc == 0 && l.n <= LG_DATE_TERMS_MAX; y++) {
        char lo[16], hi[16];
        snprintf(lo, sizeof lo, "%04d0000", y);
        snprintf(hi, sizeof hi, "%04d9999", y);
        if (strcmp(from, lo) <= 0 && strcmp(hi, to) <= 0) {
            rc = add_period(c, &l, f, lo, hi, 4, from, to);
            continue;
        }
        /* Month 00 holds the dates known to the year only. */
        for (int m = 0; m <= 12 && rc == 0; m++) {
            snprintf(lo, sizeof lo, "%04d%02d00", y, m);
            snprintf(hi, sizeof hi, "%04d%02d99", y, m);
            rc = add_period(c, &l, f, lo, hi, 6, from, to);
        }
    }
    if (rc != 0 || l.n == 0 || l.n > LG_DATE_TERMS_MAX) {
        ql_free(&l);
        return NULL;
    }
    return ql_combine(c, &l, XS_OP_OR, 0);
}

/* Dated from the start of lo's period to the end of hi's; both ends
 * unknown means date:none. */
static xs_query *date_range(compiler *c, const lg_field *f, const lg_date *lo, const lg_date *hi)
{
    char from[9], to[9];
    if (lo->precision == LG_DATE_UNKNOWN && hi->precision == LG_DATE_UNKNOWN)
        return undated(c, f);
    const char *a = period_end(lo, 0, from), *b = period_end(hi, 1, to);
    xs_query *q = a && b && c->filters && c->filters->date_terms ? date_terms(c, f, a, b) : NULL;
    if (q || c->err->message[0])
        return q;
    return check(c, xs_query_value_range(f->slot, a, b));
}

/* q with weight 0: it can restrict, never score. Takes q. */
static xs_query *unweighted(compiler *c, xs_query *q)
{
    if (!q)
        return NULL;
    xs_query *scaled = check(c, xs_query_scale(q, 0));
    xs_query_free(q);
    return scaled;
}

/* ---- the tree -------------------------------------------------------- */

static int is_ranked(const lg_qnode *n)
{
    switch (n->kind) {
    case LG_Q_AND:
    case LG_Q_ANY:
    case LG_Q_OR:
        for (size_t i = 0; i < n->nkids; i++)
            if (is_ranked(n->kids[i]))
                return 1;
        return 0;
    case LG_Q_NOT:
    case LG_Q_FILTER:
    case LG_Q_DATE:
        return 0;
    default:
        return 1;
    }
}

static xs_query *compile(compiler *c, const lg_qnode *n);

/* All documents but the kid's: what a NOT means standing alone or in OR. */
static xs_query *compile_not(compiler *c, const lg_qnode *n)
{
    qlist nots = {0};
    if (ql_push(c, &nots, compile(c, n->kids[0])) < 0)
        return NULL;
    return ql_lead(c, check(c, xs_query_match_all()), &nots, XS_OP_AND_NOT);
}

/* The kids of an AND or ANY by role: every `required` one must match (all
 * of an AND's, the +x of an ANY); `optional` (an ANY's other terms) rank;
 * `filters` restrict without weight; `nots` exclude. */
typedef struct {
    qlist required, optional, filters, nots;
} parts;

static void parts_free(parts *p)
{
    ql_free(&p->required);
    ql_free(&p->optional);
    ql_free(&p->filters);
    ql_free(&p->nots);
}

static int split(compiler *c, const lg_qnode *n, parts *p)
{
    for (size_t i = 0; i < n->nkids; i++) {
        const lg_qnode *k = n->kids[i];
        qlist *to = k->kind == LG_Q_NOT ? &p->nots
                  : !is_ranked(k)       ? &p->filters
                  : n->kind == LG_Q_AND || k->required ? &p->required
                                                       : &p->optional;
        if (ql_push(c, to, compile(c, k->kind == LG_Q_NOT ? k->kids[0] : k)) < 0)
            return -1;
    }
    return 0;
}

/* Any of the terms, ranked by BM25; a document with every one of them is
 * weighted once more (their AND is added), so it ranks above documents
 * with only some unless those match far better. Empties the list. */
static xs_query *ranked_any(compiler *c, qlist *l)
{
    if (l->n == 1)
        return ql_combine(c, l, XS_OP_OR, 0);
    qlist both = {0};
    if (ql_push(c, &both, check(c, xs_query_combine(XS_OP_AND, l->v, l->n, 0))) < 0 ||
        ql_push(c, &both, ql_combine(c, l, XS_OP_OR, 0)) < 0) {
        ql_free(l);
        ql_free(&both);
        return NULL;
    }
    return ql_combine(c, &both, XS_OP_OR, 0);
}

/* The ranked part: required AND_MAYBE ranked_any(optional); NULL when there
 * is none (*none set) or on failure. */
static xs_query *scored_part(compiler *c, parts *p, int *none)
{
    *none = p->required.n == 0 && p->optional.n == 0;
    if (p->optional.n == 0)
        return *none ? NULL : ql_combine(c, &p->required, XS_OP_AND, 0);
    xs_query *any = ranked_any(c, &p->optional);
    if (p->required.n == 0)
        return any;
    return ql_push(c, &p->optional, any) == 0
               ? ql_lead(c, ql_combine(c, &p->required, XS_OP_AND, 0), &p->optional,
                         XS_OP_AND_MAYBE)
               : NULL;
}

/* scored FILTER (filters) AND_NOT (nots): a query of only filters leads
 * with its first; a query of only NOTs with all documents. */
static xs_query *compile_parts(compiler *c, const lg_qnode *n)
{
    parts p = {0};
    int none = 0;
    xs_query *q = split(c, n, &p) == 0 ? scored_part(c, &p, &none) : NULL;
    if (q || none) {
        if (!q && p.filters.n)
            q = ql_combine(c, &p.filters, XS_OP_FILTER, 0);
        else if (!q)
            q = check(c, xs_query_match_all());
        if (q && p.filters.n)
            q = ql_lead(c, q, &p.filters, XS_OP_FILTER);
        if (q && p.nots.n)
            q = ql_lead(c, q, &p.nots, XS_OP_AND_NOT);
    }
    parts_free(&p);
    return q;
}

static xs_query *compile_or(compiler *c, const lg_qnode *n)
{
    qlist l = {0};
    for (size_t i = 0; i < n->nkids; i++)
        if (ql_push(c, &l, compile(c, n->kids[i])) < 0) {
            ql_free(&l);
            return NULL;
        }
    return ql_combine(c, &l, XS_OP_OR, 0);
}

static xs_query *compile(compiler *c, const lg_qnode *n)
{
    switch (n->kind) {
    case LG_Q_WORD:
        return compile_word(c, n);
    case LG_Q_PHRASE:
        return compile_phrase(c, n);
    case LG_Q_WILDCARD:
        return compile_wildcard(c, n);
    case LG_Q_NEAR:
        return compile_near(c, n);
    case LG_Q_FILTER:
        return unweighted(c, filter_value(c, n->field, n->text, n->column));
    case LG_Q_DATE:
        return unweighted(c, date_range(c, n->field, &n->lo, &n->hi));
    case LG_Q_AND:
    case LG_Q_ANY:
        return compile_parts(c, n);
    case LG_Q_OR:
        return compile_or(c, n);
    case LG_Q_NOT:
        return compile_not(c, n);
    }
    fail(c, n->column, "unknown query node %d", (int)n->kind);
    return NULL;
}

/* ---- command-line filters -------------------------------------------- */

/* One list of values for field `id`: any of them, without weight. */
static int any_of(compiler *c, qlist *out, lg_field_id id, const char *const *values, size_t n)
{
    if (n == 0)
        return 0;
    qlist l = {0};
    for (size_t i = 0; i < n; i++)
        if (ql_push(c, &l, filter_value(c, lg_field_get(id), values[i], 0)) < 0) {
            ql_free(&l);
            return -1;
        }
    return ql_push(c, out, unweighted(c, ql_combine(c, &l, XS_OP_OR, 0)));
}

static int since_until(compiler *c, qlist *out, const lg_filters *f)
{
    if (f->undated)
        return ql_push(c, out, unweighted(c, undated(c, lg_field_get(LG_F_DATE))));
    if (f->since.precision == LG_DATE_UNKNOWN && f->until.precision == LG_DATE_UNKNOWN)
        return 0;
    return ql_push(c, out, unweighted(c, date_range(c, lg_field_get(LG_F_DATE), &f->since,
                                                    &f->until)));
}

static int has_date_filter(const lg_filters *f)
{
    return f->undated || f->since.precision != LG_DATE_UNKNOWN ||
           f->until.precision != LG_DATE_UNKNOWN;
}

/* The kind by the other one, for a query with words and no date filter
 * (compile.h). With a date range FILTER kind is cheaper: it turns the
 * other kind's matches away before their date value is read (13.4 against
 * 14.2 M instructions for "profit --since 1987-04 --until 1987-05"). */
static int by_other_kind(const lg_qnode *root, const lg_filters *f)
{
    return root && f && f->kind && f->other_kind && !has_date_filter(f);
}

static int cmdline_filters(compiler *c, const lg_qnode *root, const lg_filters *f, qlist *out)
{
    if (!f)
        return 0;
    int kind = f->kind && !by_other_kind(root, f);
    if (any_of(c, out, LG_F_OUTLET, f->outlets, f->n_outlets) < 0 ||
        any_of(c, out, LG_F_SPEAKER, f->speakers, f->n_speakers) < 0 ||
        any_of(c, out, LG_F_LANG, f->langs, f->n_langs) < 0 ||
        any_of(c, out, LG_F_KIND, &f->kind, (size_t)kind) < 0)
        return -1;
    return since_until(c, out, f);
}

/* q without the documents of f->other_kind. */
static xs_query *without_other_kind(compiler *c, xs_query *q, const lg_filters *f)
{
    qlist other = {0};
    if (ql_push(c, &other, filter_value(c, lg_field_get(LG_F_KIND), f->other_kind, 0)) < 0) {
        xs_query_free(q);
        return NULL;
    }
    return ql_lead(c, q, &other, XS_OP_AND_NOT);
}

int lg_query_compile(const lg_qnode *root, const lg_filters *f, lg_stemmer *st,
                     xs_query **out, int *ranked, lg_qerror *err)
{
    compiler c = {st, err, f};
    qlist filters = {0};
    memset(err, 0, sizeof *err);
    *out = NULL;
    *ranked = root && is_ranked(root);
    if (cmdline_filters(&c, root, f, &filters) < 0) {
        ql_free(&filters);
        return -1;
    }
    xs_query *q = root ? compile(&c, root) : check(&c, xs_query_match_all());
    if (filters.n)
        q = ql_lead(&c, q, &filters, XS_OP_FILTER);
    ql_free(&filters);
    if (q && by_other_kind(root, f))
        q = without_other_kind(&c, q, f);
    *out = q;
    return q ? 0 : -1;
}

/* ---- highlighting ---------------------------------------------------- */

typedef struct {
    lg_stemmer *st;
    lg_hl_term_fn fn;
    void *ctx;
} highlighter;

/* The tokens of n as the compiler searches them: a one-token WORD by its
 * stem when `stem` is set, everything else exactly. */
static void hl_tokens(highlighter *h, const lg_qnode *n, int stem)
{
    tokens t = {0};
    size_t len = 0;
    if (lg_tokenize(n->text, strlen(n->text), collect, &t) != 0)
        tokens_free(&t); /* out of memory: no highlights rather than no search */
    const char *s = stem ? word_stem(h->st, &t, &len) : NULL;
    if (s)
        h->fn(h->ctx, s, len, 1);
    for (size_t i = 0; !s && i < t.n; i++)
        h->fn(h->ctx, t.v[i].term, t.v[i].len, 0);
    tokens_free(&t);
}

static void hl_walk(highlighter *h, const lg_qnode *n)
{
    switch (n->kind) {
    case LG_Q_WORD:
        hl_tokens(h, n, 1);
        break;
    case LG_Q_PHRASE:
    case LG_Q_WILDCARD:
        hl_tokens(h, n, 0);
        break;
    case LG_Q_NEAR:
        for (size_t i = 0; i < n->nkids; i++)
            hl_tokens(h, n->kids[i], 0);
        break;
    case LG_Q_AND:
    case LG_Q_ANY:
    case LG_Q_OR:
        for (size_t i = 0; i < n->nkids; i++)
            hl_walk(h, n->kids[i]);
        break;
    case LG_Q_NOT:      /* what a match does not contain */
    case LG_Q_FILTER:   /* not in the text */
    case LG_Q_DATE:
        break;
    }
}

void lg_query_highlight_terms(const lg_qnode *root, lg_stemmer *st, lg_hl_term_fn fn, void *ctx)
{
    highlighter h = {st, fn, ctx};
    if (root)
        hl_walk(&h, root);
}
