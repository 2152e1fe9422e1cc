/*
 * parse.c — Legate's query language: a lexer with one token of lookahead
 * and a recursive-descent parser for the grammar in parse.h.
 *
 * The lexer tracks the character column of every token so that each error,
 * including those found while lexing, names where the user must look.
 */
#include "parse.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "strbuf.h"

#define NEAR_DEFAULT 10
#define NEAR_MAX 100
/* Bytes of user text quoted in a message, so " at column N" always fits. */
#define QUOTE_MAX 40

typedef enum {
    T_END, T_WORD, T_PHRASE, T_FIELD, T_LPAREN, T_RPAREN,
    T_AND, T_OR, T_NOT, T_NEAR, T_MINUS, T_PLUS
} ttype;

typedef struct {
    ttype type;
    const char *text;      /* WORD/PHRASE/FIELD: the value; ops: as typed */
    size_t len;
    size_t col;            /* column of the token's first character */
    size_t vcol;           /* column of text[0] */
    int wild;              /* WORD/FIELD: ended in '*' (not in text) */
    int quoted;            /* FIELD: the value was a "quoted phrase" */
    const lg_field *field; /* FIELD */
    unsigned window;       /* NEAR */
} token;

typedef struct {
    const char *q;
    size_t pos, col;       /* lexer position: byte offset and its column */
    token cur, prev;       /* lookahead and the last token consumed */
    int depth;
    lg_qerror *err;
} parser;

/* ---- errors ---------------------------------------------------------- */

static void fail(parser *p, size_t column, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void fail(parser *p, size_t column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err->message, sizeof p->err->message, fmt, ap);
    va_end(ap);
    p->err->column = column;
}

/* How many bytes of s (len) to quote: at most QUOTE_MAX, never cutting a
 * UTF-8 character in two. */
static int quote_len(const char *s, size_t len)
{
    if (len <= QUOTE_MAX)
        return (int)len;
    size_t n = QUOTE_MAX;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return (int)n;
}

/* ---- characters -------------------------------------------------------- */

static int is_lead(char c)
{
    return ((unsigned char)c & 0xC0) != 0x80;
}

/* The column of byte `to`, given that byte `from` of s is at column col. */
static size_t column_at(const char *s, size_t from, size_t to, size_t col)
{
    for (size_t i = from; i < to; i++)
        col += is_lead(s[i]);
    return col;
}

/* Bytes of the white-space character at s, 0 if s is not one. Besides
 * ASCII, the Unicode spaces that text pasted from web pages carries. */
static size_t space_len(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (strchr(" \t\n\r\v\f", u[0]) && u[0])
        return 1;
    if (u[0] == 0xC2 && u[1] == 0xA0)                             /* U+00A0 */
        return 2;
    if (u[0] == 0xE2 && u[1] == 0x80 && ((u[2] >= 0x80 && u[2] <= 0x8A) || u[2] == 0xAF))
        return 3;                                      /* U+2000-200A, 202F */
    if ((u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0x9F) ||         /* U+205F */
        (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80))           /* U+3000 */
        return 3;
    return 0;
}

/* Whether a bare word (or field value) ends at s. */
static int ends_word(const char *s)
{
    return !*s || strchr("()\"", *s) || space_len(s);
}

static int is_blank(const char *s, size_t len)
{
    for (size_t i = 0, n; i < len; i += n)
        if (!(n = space_len(s + i)))
            return 0;
    return 1;
}

/* ---- lexer ----------------------------------------------------------- */

static void advance(parser *p, size_t bytes)
{
    p->col = column_at(p->q, p->pos, p->pos + bytes, p->col);
    p->pos += bytes;
}

/* A "quoted" run starting at the '"' under the lexer; `what` names it in
 * the error ("phrase", "value"). */
static int lex_quoted(parser *p, token *t, const char *what)
{
    size_t open_col = p->col;
    const char *s = p->q + p->pos + 1;
    const char *close = strchr(s, '"');
    if (!close) {
        fail(p, open_col, "missing closing '\"' for the %s at column %zu", what, open_col);
        return -1;
    }
    advance(p, 1);
    t->text = s;
    t->len = (size_t)(close - s);
    t->vcol = p->col;
    t->quoted = 1;
    advance(p, t->len + 1);
    return 0;
}

/* A run of word characters; its '*' are checked later by split_wild. */
static void lex_bare(parser *p, token *t)
{
    size_t start = p->pos;
    t->vcol = p->col;
    while (!ends_word(p->q + p->pos))
        advance(p, 1);
    t->text = p->q + start;
    t->len = p->pos - start;
}

/* Moves a trailing '*' of t's text to t->wild; any other '*' is an error.
 * `where` is NULL for words, else the field whose values take no '*'. */
static int split_wild(parser *p, token *t, const char *where)
{
    const char *star = memchr(t->text, '*', t->len);
    if (!star)
        return 0;
    size_t col = column_at(t->text, 0, (size_t)(star - t->text), t->vcol);
    if (where) {
        fail(p, col, "'*' is not allowed in '%s:' values at column %zu", where, col);
        return -1;
    }
    if (star != t->text + t->len - 1) {
        fail(p, col, "'*' is allowed only at the end of a word at column %zu", col);
        return -1;
    }
    if (t->len == 1) {
        fail(p, col, "'*' needs a word before it at column %zu", col);
        return -1;
    }
    t->len--;
    t->wild = 1;
    return 0;
}

/* NEAR or NEAR/n (n in 1..NEAR_MAX). */
static int lex_near(parser *p, token *t)
{
    t->type = T_NEAR;
    t->window = NEAR_DEFAULT;
    if (t->len == 4)
        return 0;
    const char *d = t->text + 5;
    size_t nd = t->len - 5;
    unsigned n = 0;
    for (size_t i = 0; i < nd && n <= NEAR_MAX; i++)
        n = d[i] >= '0' && d[i] <= '9' ? n * 10 + (unsigned)(d[i] - '0') : NEAR_MAX + 1;
    if (nd == 0 || n < 1 || n > NEAR_MAX) {
        size_t col = t->col + 5;
        fail(p, col, "NEAR distance must be 1..%d at column %zu", NEAR_MAX, col);
        return -1;
    }
    t->window = n;
    return 0;
}

static int is_text(const token *t, const char *op)
{
    return t->len == strlen(op) && memcmp(t->text, op, t->len) == 0;
}

/* A word, or an operator spelled in upper case. */
static int lex_word(parser *p, token *t)
{
    static const struct { const char *text; ttype type; } ops[] = {
        {"AND", T_AND}, {"OR", T_OR}, {"NOT", T_NOT}, {"NEAR", T_NEAR}};
    lex_bare(p, t);
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (is_text(t, ops[i].text)) {
            t->type = ops[i].type;
            return t->type == T_NEAR ? lex_near(p, t) : 0;
        }
    if (t->len >= 5 && memcmp(t->text, "NEAR/", 5) == 0)
        return lex_near(p, t);
    t->type = T_WORD;
    return split_wild(p, t, NULL);
}

static int lex_field_value(parser *p, token *t)
{
    const lg_field *f = t->field;
    if (p->q[p->pos] == '"') {
        if (lex_quoted(p, t, "value") < 0)
            return -1;
    } else {
        lex_bare(p, t);
        if (split_wild(p, t, f->kind == LG_KIND_TEXT ? NULL : f->name) < 0)
            return -1;
    }
    if (is_blank(t->text, t->len)) {
        fail(p, t->col, "empty field value at column %zu", t->col);
        return -1;
    }
    return 0;
}

/* `name:value`: returns 1 for a field, 0 when the text is an ordinary
 * word (12:30, http://x, "note:" followed by a space), -1 on error. */
static int lex_field(parser *p, token *t)
{
    const char *s = p->q + p->pos;
    size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz_");
    if (n == 0 || s[n] != ':' || strncmp(s + n + 1, "//", 2) == 0)
        return 0;
    const lg_field *f = lg_field_by_name(s, n);
    int empty = ends_word(s + n + 1) && s[n + 1] != '"';
    if (!f || !(f->flags & LG_QUERYABLE)) {
        if (empty)
            return 0;
        fail(p, t->col, "unknown field '%.*s' at column %zu (fields: %s)", quote_len(s, n), s,
             t->col, lg_field_names(LG_QUERYABLE));
        return -1;
    }
    if (empty) {
        fail(p, t->col, "empty field value at column %zu", t->col);
        return -1;
    }
    advance(p, n + 1);
    t->type = T_FIELD;
    t->field = f;
    return lex_field_value(p, t) < 0 ? -1 : 1;
}

/* An operator sign: only directly before a term, so a dash standing
 * alone is reported instead of silently negating the next word. */
static int lex_sign(parser *p, token *t)
{
    char c = p->q[p->pos];
    t->type = c == '-' ? T_MINUS : T_PLUS;
    t->text = p->q + p->pos;
    t->len = 1;
    advance(p, 1);
    const char *next = p->q + p->pos;
    if (!*next || *next == ')' || space_len(next)) {
        fail(p, t->col, "'%c' needs a term after it at column %zu", c, t->col);
        return -1;
    }
    return 0;
}

static int lex_punct(parser *p, token *t, ttype type)
{
    t->type = type;
    t->text = p->q + p->pos;
    t->len = 1;
    advance(p, 1);
    return 0;
}

static int lex(parser *p, token *t)
{
    size_t n;
    while ((n = space_len(p->q + p->pos)))
        advance(p, n);
    memset(t, 0, sizeof *t);
    t->col = p->col;
    switch (p->q[p->pos]) {
    case '\0':
        t->type = T_END;
        return 0;
    case '(':
        return lex_punct(p, t, T_LPAREN);
    case ')':
        return lex_punct(p, t, T_RPAREN);
    case '"':
        t->type = T_PHRASE;
        if (lex_quoted(p, t, "phrase") < 0)
            return -1;
        if (is_blank(t->text, t->len)) {
            fail(p, t->col, "empty phrase at column %zu", t->col);
            return -1;
        }
        return 0;
    case '-':
    case '+':
        return lex_sign(p, t);
    }
    int r = lex_field(p, t);
    return r ? (r < 0 ? -1 : 0) : lex_word(p, t);
}

static int consume(parser *p)
{
    p->prev = p->cur;
    return lex(p, &p->cur);
}

/* ---- nodes ----------------------------------------------------------- */

void lg_qnode_free(lg_qnode *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->nkids; i++)
        lg_qnode_free(n->kids[i]);
    free(n->kids);
    free(n->text);
    free(n);
}

static lg_qnode *node_new(parser *p, lg_qkind kind, size_t column)
{
    lg_qnode *n = calloc(1, sizeof *n);
    if (!n) {
        fail(p, 0, "out of memory");
        return NULL;
    }
    n->kind = kind;
    n->column = column;
    return n;
}

/* Makes `kid` a kid of `n`; for AND, ANY and OR a kid of the same
 * operator gives its kids instead (a b (c d) is one ANY of four), unless
 * it is required (+(c d) stays a group). Takes ownership of kid, freeing
 * it on failure. */
static int adopt(parser *p, lg_qnode *n, lg_qnode *kid)
{
    int same = kid->kind == n->kind && !kid->required &&
               (n->kind == LG_Q_AND || n->kind == LG_Q_ANY || n->kind == LG_Q_OR);
    size_t add = same ? kid->nkids : 1;
    lg_qnode **kids = realloc(n->kids, (n->nkids + add) * sizeof *kids);
    if (!kids) {
        fail(p, 0, "out of memory");
        lg_qnode_free(kid);
        return -1;
    }
    n->kids = kids;
    if (same) {
        memcpy(kids + n->nkids, kid->kids, add * sizeof *kids);
        kid->nkids = 0;
        lg_qnode_free(kid);
    } else {
        kids[n->nkids] = kid;
    }
    n->nkids += add;
    return 0;
}

/* A node of `kind` with `kid` as its first kid. Frees kid on failure. */
static lg_qnode *wrap(parser *p, lg_qkind kind, lg_qnode *kid, size_t column)
{
    lg_qnode *n = node_new(p, kind, column);
    if (!n) {
        lg_qnode_free(kid);
        return NULL;
    }
    if (adopt(p, n, kid) < 0) {
        lg_qnode_free(n);
        return NULL;
    }
    return n;
}

/* left `kind` right, flattened. Takes ownership of both. */
static lg_qnode *join(parser *p, lg_qkind kind, lg_qnode *left, lg_qnode *right)
{
    int extend = left->kind == kind && !left->required;
    lg_qnode *n = extend ? left : wrap(p, kind, left, left->column);
    if (!n) {
        lg_qnode_free(right);
        return NULL;
    }
    if (adopt(p, n, right) < 0) {
        lg_qnode_free(n);
        return NULL;
    }
    return n;
}

static lg_qnode *leaf(parser *p, const token *t, lg_qkind kind, const lg_field *field)
{
    lg_qnode *n = node_new(p, kind, t->col);
    if (!n)
        return NULL;
    n->field = field;
    if (!(n->text = strndup(t->text, t->len))) {
        fail(p, 0, "out of memory");
        free(n);
        return NULL;
    }
    return n;
}

/* ---- dates ----------------------------------------------------------- */

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Whether exactly `width` digits stand at s[at]. */
static int digits_at(const char *s, size_t len, size_t at, size_t width)
{
    size_t n = 0;
    while (at + n < len && is_digit(s[at + n]))
        n++;
    return n == width;
}

/* lg_date_parse_iso says only where a date went wrong: a whole number
 * where a year, month, day, hour or minute goes was out of range. */
static const char *date_reason(const char *s, size_t len, size_t at)
{
    static const struct { size_t at, width; const char *why; } parts[] = {
        {0, 4, "year out of range"}, {5, 2, "month out of range"}, {8, 2, "day out of range"},
        {11, 2, "hour out of range"}, {14, 2, "minute out of range"}};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (parts[i].at == at && digits_at(s, len, at, parts[i].width))
            return parts[i].why;
    return "expected YYYY, YYYY-MM or YYYY-MM-DD";
}

/* The date in bytes [off, off+len) of t's value; empty is an open end. */
static int parse_date_end(parser *p, const token *t, size_t off, size_t len, lg_date *d)
{
    memset(d, 0, sizeof *d);
    d->hour = d->minute = -1;
    const char *s = t->text + off;
    size_t at;
    if (len == 0 || lg_date_parse_iso(s, len, d, &at) == 0)
        return 0;
    size_t col = column_at(t->text, 0, off + at, t->vcol);
    fail(p, col, "bad date '%.*s' at column %zu: %s", quote_len(s, len), s, col,
         date_reason(s, len, at));
    return -1;
}

/* Whether the period `lo` names starts no later than the one `hi` ends. */
static int date_order_ok(const lg_date *lo, const lg_date *hi)
{
    if (lo->precision == LG_DATE_UNKNOWN || hi->precision == LG_DATE_UNKNOWN)
        return 1;
    char lo_lo[9], lo_hi[9], hi_lo[9], hi_hi[9];
    lg_date_period(lo, lo_lo, lo_hi);
    lg_date_period(hi, hi_lo, hi_hi);
    return strcmp(lo_lo, hi_hi) <= 0;
}

/* The first ".." in s (len bytes), or NULL. */
static const char *find_dots(const char *s, size_t len)
{
    for (size_t i = 0; i + 1 < len; i++)
        if (s[i] == '.' && s[i + 1] == '.')
            return s + i;
    return NULL;
}

/* date:A..B, date:A.., date:..B, date:A (one whole period: lo = hi), or
 * date:none (articles whose date is unknown: both ends unknown). */
static lg_qnode *parse_date(parser *p, const token *t)
{
    lg_date lo, hi;
    if (t->len == 4 && memcmp(t->text, "none", 4) == 0) {
        lg_qnode *n = node_new(p, LG_Q_DATE, t->col);
        if (n) {
            n->field = t->field;
            memset(&n->lo, 0, sizeof n->lo);
            memset(&n->hi, 0, sizeof n->hi);
        }
        return n;
    }
    const char *dots = find_dots(t->text, t->len);
    size_t lo_len = dots ? (size_t)(dots - t->text) : t->len;
    size_t hi_off = dots ? lo_len + 2 : 0;
    if (parse_date_end(p, t, 0, lo_len, &lo) < 0 ||
        parse_date_end(p, t, hi_off, t->len - hi_off, &hi) < 0)
        return NULL;
    if (dots && lo.precision == LG_DATE_UNKNOWN && hi.precision == LG_DATE_UNKNOWN) {
        fail(p, t->vcol, "date range needs a start or an end at column %zu", t->vcol);
        return NULL;
    }
    if (!date_order_ok(&lo, &hi)) {
        fail(p, t->vcol, "date range starts after it ends at column %zu", t->vcol);
        return NULL;
    }
    lg_qnode *n = node_new(p, LG_Q_DATE, t->col);
    if (n) {
        n->field = t->field;
        n->lo = lo;
        n->hi = hi;
    }
    return n;
}

/* ---- grammar --------------------------------------------------------- */

static lg_qnode *parse_or(parser *p);

/* The message for an operator that lacks its term(s). */
static void op_error(parser *p, const token *op)
{
    int n = (int)op->len;
    switch (op->type) {
    case T_AND:
    case T_OR:
        fail(p, op->col, "'%.*s' needs a term on both sides at column %zu", n, op->text, op->col);
        break;
    case T_NEAR:
        fail(p, op->col, "'NEAR' needs a word or phrase on both sides at column %zu", op->col);
        break;
    default:
        fail(p, op->col, "'%.*s' needs a term after it at column %zu", n, op->text, op->col);
    }
}

static int is_op(ttype t)
{
    return t >= T_AND;
}

/* A term was expected but the lookahead cannot start one. */
static void primary_error(parser *p)
{
    ttype t = p->cur.type;
    if (t == T_AND || t == T_OR || t == T_NEAR)
        op_error(p, &p->cur);       /* its left side is missing */
    else if (is_op(p->prev.type))
        op_error(p, &p->prev);      /* ... NOT ) or ... OR <end> */
    else if (t == T_RPAREN)
        fail(p, p->cur.col, "unexpected ')' at column %zu", p->cur.col);
    else
        fail(p, p->prev.col, "unbalanced '(' opened at column %zu", p->prev.col);
}

/* Bounds the recursion of groups and unary operators, and so the depth of
 * every walk over the tree. */
static int enter(parser *p, const token *t)
{
    if (++p->depth <= LG_QUERY_MAX_DEPTH)
        return 0;
    fail(p, t->col, "query nested deeper than %d levels at column %zu", LG_QUERY_MAX_DEPTH,
         t->col);
    return -1;
}

static lg_qnode *parse_group(parser *p)
{
    token open = p->cur;
    if (enter(p, &open) < 0 || consume(p) < 0)
        return NULL;
    lg_qnode *n = parse_or(p);
    p->depth--;
    if (n && p->cur.type != T_RPAREN)
        fail(p, open.col, "unbalanced '(' opened at column %zu", open.col);
    if (n && (p->cur.type != T_RPAREN || consume(p) < 0)) {
        lg_qnode_free(n);
        return NULL;
    }
    return n;
}

static lg_qkind text_kind(const token *t)
{
    return t->quoted ? LG_Q_PHRASE : t->wild ? LG_Q_WILDCARD : LG_Q_WORD;
}

/* The node for a WORD, PHRASE or FIELD token. */
static lg_qnode *term_node(parser *p, const token *t)
{
    const lg_field *f = t->field;
    if (!f || f->kind == LG_KIND_TEXT)
        return leaf(p, t, text_kind(t), f);
    if (f->kind == LG_KIND_DATE)
        return parse_date(p, t);
    return leaf(p, t, LG_Q_FILTER, f);
}

static lg_qnode *parse_primary(parser *p)
{
    token t = p->cur;
    if (t.type == T_LPAREN)
        return parse_group(p);
    if (t.type != T_WORD && t.type != T_PHRASE && t.type != T_FIELD) {
        primary_error(p);
        return NULL;
    }
    lg_qnode *n = term_node(p, &t);
    if (n && consume(p) < 0) {
        lg_qnode_free(n);
        return NULL;
    }
    return n;
}

/* Whether `kid` may be an operand of the NEAR node `n` (its first kid
 * sets the field for all). */
static int near_check(parser *p, const lg_qnode *n, const lg_qnode *kid, const token *op)
{
    if (kid->kind != LG_Q_WORD && kid->kind != LG_Q_PHRASE) {
        op_error(p, op);
        return -1;
    }
    if (kid->field != n->kids[0]->field) {
        fail(p, op->col, "'NEAR' terms must all be in the same field at column %zu", op->col);
        return -1;
    }
    return 0;
}

/* One NEAR operator and its right operand, added to `n`. */
static int near_step(parser *p, lg_qnode *n)
{
    token op = p->cur;
    if (op.window != n->window) {
        fail(p, op.col, "chained NEAR operators must use one distance at column %zu", op.col);
        return -1;
    }
    if (consume(p) < 0)
        return -1;
    lg_qnode *kid = parse_primary(p);
    if (!kid || adopt(p, n, kid) < 0)
        return -1;
    return near_check(p, n, kid, &op);
}

/* a NEAR b NEAR c is one node with three kids. */
static lg_qnode *parse_near(parser *p)
{
    lg_qnode *left = parse_primary(p);
    if (!left || p->cur.type != T_NEAR)
        return left;
    lg_qnode *n = wrap(p, LG_Q_NEAR, left, left->column);
    if (!n)
        return NULL;
    n->window = p->cur.window;
    if (near_check(p, n, left, &p->cur) < 0) {
        lg_qnode_free(n);
        return NULL;
    }
    while (p->cur.type == T_NEAR)
        if (near_step(p, n) < 0) {
            lg_qnode_free(n);
            return NULL;
        }
    return n;
}

/* NOT x, -x (the same) and +x (x, required among terms side by side). */
static lg_qnode *parse_unary(parser *p)
{
    token op = p->cur;
    if (op.type != T_NOT && op.type != T_MINUS && op.type != T_PLUS)
        return parse_near(p);
    if (enter(p, &op) < 0 || consume(p) < 0)
        return NULL;
    lg_qnode *kid = parse_unary(p);
    p->depth--;
    if (kid && op.type == T_PLUS)
        kid->required = 1;
    if (!kid || op.type == T_PLUS)
        return kid;
    return wrap(p, LG_Q_NOT, kid, op.col);
}

static int starts_term(ttype t)
{
    return t == T_WORD || t == T_PHRASE || t == T_FIELD || t == T_LPAREN || t == T_NOT ||
           t == T_MINUS || t == T_PLUS;
}

/* sub (op sub)*; op T_END: terms side by side, with no operator. */
static lg_qnode *parse_chain(parser *p, lg_qkind kind, ttype op, lg_qnode *(*sub)(parser *))
{
    lg_qnode *n = sub(p);
    while (n && (op == T_END ? starts_term(p->cur.type) : p->cur.type == op)) {
        lg_qnode *right = NULL;
        if (op == T_END || consume(p) == 0)
            right = sub(p);
        if (!right) {
            lg_qnode_free(n);
            return NULL;
        }
        n = join(p, kind, n, right);
    }
    return n;
}

static lg_qnode *parse_and(parser *p)
{
    return parse_chain(p, LG_Q_AND, T_AND, parse_unary);
}

static lg_qnode *parse_any(parser *p)
{
    return parse_chain(p, LG_Q_ANY, T_END, parse_and);
}

static lg_qnode *parse_or(parser *p)
{
    return parse_chain(p, LG_Q_OR, T_OR, parse_any);
}

/* Length and encoding, checked before lexing so the lexer can trust both. */
static int check_input(parser *p)
{
    size_t len = strnlen(p->q, LG_QUERY_MAX_BYTES + 1);
    if (len > LG_QUERY_MAX_BYTES) {
        fail(p, 0, "query longer than %d bytes", LG_QUERY_MAX_BYTES);
        return -1;
    }
    size_t bad = lg_utf8_invalid_at(p->q, len);
    if (bad != (size_t)-1) {
        size_t col = column_at(p->q, 0, bad, 1);
        fail(p, col, "invalid UTF-8 at column %zu", col);
        return -1;
    }
    return 0;
}

int lg_query_parse(const char *q, lg_qnode **out, lg_qerror *err)
{
    parser p = {.q = q, .col = 1, .err = err};
    *out = NULL;
    memset(err, 0, sizeof *err);
    if (check_input(&p) < 0 || lex(&p, &p.cur) < 0)
        return -1;
    if (p.cur.type == T_END)
        return 0;
    lg_qnode *n = parse_or(&p);
    if (n && p.cur.type != T_END) {
        /* parse_or stops only at the end or at a ')' it did not open */
        fail(&p, p.cur.col, "unexpected ')' at column %zu", p.cur.col);
        lg_qnode_free(n);
        return -1;
    }
    *out = n;
    return n ? 0 : -1;
}

/* ---- describe -------------------------------------------------------- */

static void add_quoted(lg_sb *sb, const char *s)
{
    lg_sb_addc(sb, '"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            lg_sb_addc(sb, '\\');
        lg_sb_addc(sb, *s);
    }
    lg_sb_addc(sb, '"');
}

static void add_date(lg_sb *sb, const lg_date *d)
{
    char text[11];
    lg_date_format(d, text);
    lg_sb_addc(sb, ' ');
    lg_sb_adds(sb, text[0] ? text : "..");
}

static void describe(lg_sb *sb, const lg_qnode *n)
{
    static const char *const names[] = {
        [LG_Q_WORD] = "word", [LG_Q_PHRASE] = "phrase", [LG_Q_WILDCARD] = "wild",
        [LG_Q_FILTER] = "filter", [LG_Q_DATE] = "date", [LG_Q_AND] = "and",
        [LG_Q_ANY] = "any", [LG_Q_OR] = "or", [LG_Q_NOT] = "not", [LG_Q_NEAR] = "near"};
    lg_sb_addf(sb, "%s(%s", n->required ? "+" : "", names[n->kind]);
    if (n->kind == LG_Q_NEAR)
        lg_sb_addf(sb, " %u", n->window);
    if (n->kind == LG_Q_DATE && n->lo.precision == LG_DATE_UNKNOWN &&
        n->hi.precision == LG_DATE_UNKNOWN) {
        lg_sb_adds(sb, " none");
    } else if (n->kind == LG_Q_DATE) {
        add_date(sb, &n->lo);
        add_date(sb, &n->hi);
    } else if (n->field) {
        lg_sb_addf(sb, " %s", n->field->name);
    }
    if (n->text) {
        lg_sb_addc(sb, ' ');
        add_quoted(sb, n->text);
    }
    for (size_t i = 0; i < n->nkids; i++) {
        lg_sb_addc(sb, ' ');
        describe(sb, n->kids[i]);
    }
    lg_sb_addc(sb, ')');
}

char *lg_qnode_describe(const lg_qnode *n)
{
    lg_sb sb = LG_SB_INIT;
    if (n)
        describe(&sb, n);
    return lg_sb_detach(&sb, NULL);
}
