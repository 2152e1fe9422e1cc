#include "snippet.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "strbuf.h"

/* ---- the term set --------------------------------------------------- */

typedef struct {
    char *term;
    size_t len;
    uint32_t hash;
    int stemmed;
} hl_term;

/* Open addressing over indexes into terms[]; the index of a term is also
 * its identity when snippets count distinct matches. */
struct lg_hlset {
    hl_term *terms;
    size_t n, n_stemmed;
    int32_t *slots;     /* -1 when empty */
    size_t cap;         /* power of two, or 0 */
    /* The first bytes of the stems, and whether one is empty: the English
     * and Russian stemmers only change a word's ending, so a token whose
     * first byte starts no stem need not be stemmed (most of a text). */
    uint8_t stem_first[32];
    int empty_stem;
};

lg_hlset *lg_hlset_new(void)
{
    return calloc(1, sizeof(lg_hlset));
}

void lg_hlset_free(lg_hlset *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->n; i++)
        free(set->terms[i].term);
    free(set->terms);
    free(set->slots);
    free(set);
}

/* FNV-1a, with the flag mixed in so a term and an equal stem differ. */
static uint32_t term_hash(const char *s, size_t len, int stemmed)
{
    uint32_t h = stemmed ? 0x811c9dc5u ^ 0x9e3779b9u : 0x811c9dc5u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* The slot holding the term, or the empty slot where it would go. */
static size_t find_slot(const lg_hlset *set, const char *s, size_t len, int stemmed,
                        uint32_t h)
{
    size_t mask = set->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        int32_t k = set->slots[i];
        if (k < 0)
            return i;
        const hl_term *t = &set->terms[k];
        if (t->hash == h && t->stemmed == stemmed && t->len == len
            && memcmp(t->term, s, len) == 0)
            return i;
    }
}

/* Term index, or -1. */
static int32_t lookup(const lg_hlset *set, const char *s, size_t len, int stemmed)
{
    if (!set->cap)
        return -1;
    return set->slots[find_slot(set, s, len, stemmed, term_hash(s, len, stemmed))];
}

/* Keeps the load at most one half. */
static int rehash(lg_hlset *set, size_t cap)
{
    int32_t *slots = malloc(cap * sizeof *slots);
    if (!slots)
        return -1;
    memset(slots, 0xff, cap * sizeof *slots);
    free(set->slots);
    set->slots = slots;
    set->cap = cap;
    for (size_t k = 0; k < set->n; k++) {
        const hl_term *t = &set->terms[k];
        slots[find_slot(set, t->term, t->len, t->stemmed, t->hash)] = (int32_t)k;
    }
    return 0;
}

/* The contract gives add no way to report failure: a term that cannot be
 * stored is simply not highlighted, which only makes a snippet plainer. */
void lg_hlset_add(lg_hlset *set, const char *term, size_t len, int stemmed)
{
    stemmed = stemmed != 0;
    if (lookup(set, term, len, stemmed) >= 0)
        return;
    if (2 * (set->n + 1) > set->cap && rehash(set, set->cap ? 2 * set->cap : 16) != 0)
        return;
    hl_term *terms = realloc(set->terms, (set->n + 1) * sizeof *terms);
    char *copy = malloc(len + 1);
    if (terms)
        set->terms = terms;
    if (!terms || !copy) {
        free(copy);
        return;
    }
    memcpy(copy, term, len);
    copy[len] = '\0';
    uint32_t h = term_hash(term, len, stemmed);
    set->terms[set->n] = (hl_term){copy, len, h, stemmed};
    set->slots[find_slot(set, term, len, stemmed, h)] = (int32_t)set->n;
    set->n++;
    set->n_stemmed += (size_t)stemmed;
    if (stemmed && len)
        set->stem_first[(unsigned char)term[0] >> 3] |= (uint8_t)(1u << (term[0] & 7));
    set->empty_stem |= stemmed && !len;
}

static int may_stem_to_a_term(const lg_hlset *set, const lg_token *tok)
{
    unsigned char c = tok->len ? (unsigned char)tok->term[0] : 0;
    return set->empty_stem || (tok->len && (set->stem_first[c >> 3] >> (c & 7) & 1));
}

/* ---- pieces: the text without its white space ----------------------- */

/* A run of non-space characters. Runs longer than PIECE_MAX characters
 * (URLs, scripts written without spaces) are split so that a window can
 * still be cut near max_chars; such pieces join without a space. */
#define PIECE_MAX 32

typedef struct {
    size_t start, end;  /* bytes in the text */
    size_t cpos;        /* characters before it in the collapsed text */
    size_t chars;
    int space_before;   /* white space separates it from the previous piece */
    size_t out;         /* its byte offset in the snippet */
} piece;

typedef struct {
    piece *v;
    size_t n, alloc;
} piece_list;

/* Bytes of the character at s[0] (valid UTF-8, len > 0) and whether it is
 * white space: ASCII space or control white space, or a Unicode space or
 * line/paragraph separator (no-break spaces included). */
static size_t char_at(const char *s, size_t len, int *space)
{
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80) {
        *space = c == ' ' || (c >= '\t' && c <= '\r');
        return 1;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &cp);
    if (n <= 0) {
        *space = 0;
        return 1;
    }
    utf8proc_category_t cat = utf8proc_category(cp);
    *space = cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL
             || cat == UTF8PROC_CATEGORY_ZP || cp == 0x85;
    return (size_t)n;
}

static size_t count_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static int piece_push(piece_list *l, size_t start, int space_before, size_t cpos)
{
    if (LG_GROW(l->v, l->n, l->alloc) != 0)
        return -1;
    l->v[l->n++] = (piece){start, start, cpos, 0, space_before, 0};
    return 0;
}

/* One pass over the text: its pieces with their collapsed positions, up
 * to the first that starts after character `limit` (SIZE_MAX: all). */
static int split_pieces(const char *text, size_t len, size_t limit, piece_list *l)
{
    size_t cpos = 0;
    int space = 0, in_piece = 0;
    for (size_t i = 0; i < len;) {
        int is_space;
        size_t n = char_at(text + i, len - i, &is_space);
        if (is_space) {
            space = l->n > 0;   /* leading white space is dropped */
            in_piece = 0;
        } else {
            if (!in_piece || l->v[l->n - 1].chars == PIECE_MAX) {
                cpos += (size_t)space;
                if (piece_push(l, i, space, cpos) != 0)
                    return -1;
                if (cpos > limit)
                    return 0;
                space = 0;
                in_piece = 1;
            }
            l->v[l->n - 1].end = i + n;
            l->v[l->n - 1].chars++;
            cpos++;
        }
        i += n;
    }
    return 0;
}

/* ---- matches -------------------------------------------------------- */

typedef struct {
    size_t start, end;    /* bytes in the text */
    int32_t id;           /* the set term it matched */
    size_t first, last;   /* pieces holding its first and last byte */
    size_t cstart, cend;  /* collapsed character positions */
} match;

typedef struct {
    const lg_hlset *set;
    lg_stemmer *st;
    match *v;
    size_t n, alloc;
} match_ctx;

/* A token matching both ways counts as its stem, so "negotiate" and
 * "negotiations" are one distinct match, not two. */
static int32_t token_match(match_ctx *m, const lg_token *tok)
{
    if (m->st && m->set->n_stemmed && may_stem_to_a_term(m->set, tok)) {
        size_t slen;
        const char *stem = lg_stem(m->st, tok, &slen);
        int32_t id = stem ? lookup(m->set, stem, slen, 1) : -1;
        if (id >= 0)
            return id;
    }
    return lookup(m->set, tok->term, tok->len, 0);
}

static int on_token(void *ctx, const lg_token *tok)
{
    match_ctx *m = ctx;
    int32_t id = token_match(m, tok);
    if (id < 0)
        return 0;
    if (LG_GROW(m->v, m->n, m->alloc) != 0)
        return -1;
    m->v[m->n++] = (match){tok->start, tok->end, id, 0, 0, 0, 0};
    return 0;
}

/* Places each match (in text order) in the pieces, one merged walk. */
static void locate_matches(const char *text, const piece_list *l, match *v, size_t n)
{
    size_t p = 0;
    for (size_t i = 0; i < n; i++) {
        while (p + 1 < l->n && l->v[p].end <= v[i].start)
            p++;
        size_t q = p;
        while (q + 1 < l->n && l->v[q].end < v[i].end)
            q++;
        v[i].first = p;
        v[i].last = q;
        v[i].cstart = l->v[p].cpos + count_chars(text + l->v[p].start, v[i].start - l->v[p].start);
        v[i].cend = l->v[q].cpos + count_chars(text + l->v[q].start, v[i].end - l->v[q].start);
    }
}

/* The run of matches [*lo, *hi] spanning at most max_chars characters with
 * the most distinct terms, earliest on ties: a sliding window. A single
 * match longer than max_chars still forms a run. */
static int best_run(const match *v, size_t n, size_t n_terms, size_t max_chars, size_t *lo,
                    size_t *hi)
{
    size_t *count = calloc(n_terms, sizeof *count);
    if (!count)
        return -1;
    size_t distinct = 0, best = 0, j = 0;
    for (size_t i = 0; i < n; i++) {
        while (j < n && (j == i || v[j].cend - v[i].cstart <= max_chars))
            distinct += (count[v[j++].id]++ == 0);
        if (distinct > best) {
            best = distinct;
            *lo = i;
            *hi = j - 1;
        }
        distinct -= (--count[v[i].id] == 0);
    }
    free(count);
    return 0;
}

/* ---- the window ----------------------------------------------------- */

/* Pieces [*a, *b], holding the chosen run, grown by whole pieces to about
 * max_chars: half the room before the run, the rest after, and any room
 * left at the end of the text goes before. */
static void grow_window(const piece_list *l, size_t cs, size_t ce, size_t max_chars, size_t *a,
                        size_t *b)
{
    size_t room = ce - cs < max_chars ? max_chars - (ce - cs) : 0;
    size_t ws = cs > room / 2 ? cs - room / 2 : 0;
    while (*a > 0 && l->v[*a - 1].cpos >= ws)
        (*a)--;
    while (*b + 1 < l->n && l->v[*b + 1].cpos + l->v[*b + 1].chars - l->v[*a].cpos <= max_chars)
        (*b)++;
    while (*a > 0 && l->v[*b].cpos + l->v[*b].chars - l->v[*a - 1].cpos <= max_chars)
        (*a)--;
}

#define ELLIPSIS "\xe2\x80\xa6"

/* Writes pieces [a, b] joined by single spaces, with "…" where text was
 * cut, into a malloc()ed string; records each piece's output offset. */
static char *render(const char *text, piece_list *l, size_t a, size_t b)
{
    /* Collapsing never lengthens the text; two "… " fit beside it. */
    char *out = malloc(l->v[b].end - l->v[a].start + 2 * (sizeof ELLIPSIS) + 1);
    if (!out)
        return NULL;
    size_t n = 0;
    if (a > 0) {
        memcpy(out, ELLIPSIS, sizeof ELLIPSIS - 1);
        n = sizeof ELLIPSIS - 1;
        if (l->v[a].space_before)
            out[n++] = ' ';
    }
    for (size_t k = a; k <= b; k++) {
        if (k > a && l->v[k].space_before)
            out[n++] = ' ';
        l->v[k].out = n;
        memcpy(out + n, text + l->v[k].start, l->v[k].end - l->v[k].start);
        n += l->v[k].end - l->v[k].start;
    }
    if (b + 1 < l->n) {
        if (l->v[b + 1].space_before)
            out[n++] = ' ';
        memcpy(out + n, ELLIPSIS, sizeof ELLIPSIS - 1);
        n += sizeof ELLIPSIS - 1;
    }
    out[n] = '\0';
    return out;
}

/* The spans, in the output, of the matches inside pieces [a, b]; *hl
 * stays NULL when there are no matches at all. */
static int spans(const piece_list *l, const match *v, size_t n, size_t a, size_t b, lg_span **hl,
                 size_t *n_hl)
{
    if (!n)
        return 0;
    *hl = malloc(n * sizeof **hl);
    if (!*hl)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (v[i].first < a || v[i].last > b)
            continue;
        const piece *p = &l->v[v[i].first], *q = &l->v[v[i].last];
        (*hl)[(*n_hl)++] = (lg_span){p->out + (v[i].start - p->start), q->out + (v[i].end - q->start)};
    }
    return 0;
}

static int find_matches(const char *text, size_t len, match_ctx *m)
{
    if (!m->set || !m->set->n)
        return 0;
    return lg_tokenize(text, len, on_token, m) == 0 ? 0 : -1;
}

int lg_snippet(const char *text, size_t len, const lg_hlset *set, lg_stemmer *st,
               size_t max_chars, char **out, lg_span **hl, size_t *n_hl)
{
    piece_list l = {0};
    match_ctx m = {set, st, NULL, 0, 0};
    size_t lo = 0, hi = 0, a = 0, b = 0, cs = 0, ce = 0;
    int rc = -1;
    *out = NULL;
    *hl = NULL;
    *n_hl = 0;
    /* Without a match the window is the start of the text: the pieces
     * past max_chars (all but the one saying the text goes on) are never
     * looked at, and long texts cost no more than short ones. */
    if (find_matches(text, len, &m) != 0 ||
        split_pieces(text, len, m.n ? SIZE_MAX : max_chars, &l) != 0)
        goto done;
    if (l.n == 0) {
        *out = calloc(1, 1);
        rc = *out ? 0 : -1;
        goto done;
    }
    if (m.n) {
        locate_matches(text, &l, m.v, m.n);
        if (best_run(m.v, m.n, set->n, max_chars, &lo, &hi) != 0)
            goto done;
        a = m.v[lo].first;
        b = m.v[hi].last;
        cs = m.v[lo].cstart;
        ce = m.v[hi].cend;
    }
    grow_window(&l, cs, ce, max_chars, &a, &b);
    *out = render(text, &l, a, b);
    if (*out && spans(&l, m.v, m.n, a, b, hl, n_hl) != 0) {
        free(*out);
        *out = NULL;
    }
    rc = *out ? 0 : -1;
done:
    free(l.v);
    free(m.v);
    return rc;
}
