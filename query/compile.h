/*
 * compile.h — turns a parsed query and the command-line filters into one
 * Xapian query through the shim, using the same analysis as the indexer.
 *
 * Semantics (documented for users in README "Query language"):
 *  - WORD: one token -> its stem ("Z"+prefix+stem; numbers and unstemmable
 *    tokens match exactly); several tokens (anti-constitutional) -> the
 *    exact phrase of their unstemmed forms. A word without a field also
 *    matches the same way in the title, weighted LG_TITLE_WEIGHT, ORed in.
 *  - PHRASE: the exact unstemmed tokens, adjacent and in order; a one-word
 *    phrase is that exact word, unstemmed.
 *  - WILDCARD: unstemmed terms beginning with the folded word.
 *  - NEAR/n: the unstemmed words within n words of each other, any order.
 *  - FILTER/DATE and every command-line filter restrict without weight;
 *    outlet and speaker values go through the alias resolver first.
 *  - date:none (and --undated): articles with no date value.
 *  - ANY (terms side by side): the ranked kids ORed, plus their AND so a
 *    document with all of them is weighted again; +x kids are required
 *    (required AND_MAYBE the rest). AND: every ranked kid. In both, NOT
 *    kids -> AND_NOT and filter kids -> FILTER; a query of only NOTs is
 *    all documents minus them. OR keeps NOT kids as (all AND_NOT kid).
 *  - A WORD/PHRASE that analyses to no token at all (punctuation) is an
 *    error naming its column.
 */
#ifndef LEGATE_QUERY_COMPILE_H
#define LEGATE_QUERY_COMPILE_H

#include <stddef.h>

#include "analyze.h"
#include "date.h"
#include "parse.h"
#include "xs.h"

#define LG_WILDCARD_MAX_EXPANSION 1000
/* The extra weight of a word's match in the title (bench/README.md,
 * "Relevance": measured on Cranfield). */
#define LG_TITLE_WEIGHT 0.2

/* Command-line filters; each list is ORed within itself, and the lists are
 * ANDed with each other and the query. Strings are borrowed. */
typedef struct {
    const char **outlets;  size_t n_outlets;
    const char **speakers; size_t n_speakers;
    const char **langs;    size_t n_langs;
    lg_date since, until;  /* precision LG_DATE_UNKNOWN: no bound */
    /* Every dated document has its year and month terms (fields.def):
     * a range with both ends compiles to them, else to a value range. */
    int date_terms;
    int undated;           /* only articles without a date */
    const char *kind;      /* "article" or "quote"; NULL: any */
    /* The kind of every other document (every document has one of two),
     * or NULL. Set, a query with words leaves those out (AND_NOT) instead
     * of keeping `kind` (FILTER): the same matches, and as the kinds'
     * docids do not interleave (articles below 2^31, quotations above) the
     * AND_NOT's list lies past or before every match and costs nothing
     * per match, where FILTER walked a list nearly as long as the
     * collection. Without words (every document), or with a date filter
     * (the other kind's matches would have their date read), FILTER is
     * the cheaper. */
    const char *other_kind;
    /* Maps the name key of an outlet or speaker value to its entity's
     * canonical key when it is a known alias ("s lavrov" -> "sergei
     * lavrov"): returns 1 and fills out, or 0 to use the key as it is.
     * NULL: no alias table. */
    int (*resolve)(void *ctx, lg_field_id field, const char *key, char *out, size_t cap);
    void *resolve_ctx;
    /* When set, wildcards are expanded against it at compile time
     * (xs_query_wildcard_in), as every search does; NULL leaves them to
     * Xapian at search time (xs_query_wildcard). */
    xs_db *expand;
} lg_filters;

/* Builds the query for `root` (NULL: every document) restricted by `f`
 * (NULL: none). Returns 0 and *out (caller xs_query_free()s), or -1 with
 * *err filled. Whether the query has words to rank by is returned in
 * *ranked (0 for filters only). */
int lg_query_compile(const lg_qnode *root, const lg_filters *f, lg_stemmer *st,
                     xs_query **out, int *ranked, lg_qerror *err);

/* The terms a matching document may contain for `root`, for highlighting
 * snippets: calls fn(ctx, term, len, stemmed) for each WORD/PHRASE/NEAR
 * token (stemmed = 1 when `term` is a stem to compare with stems). */
typedef void (*lg_hl_term_fn)(void *ctx, const char *term, size_t len, int stemmed);
void lg_query_highlight_terms(const lg_qnode *root, lg_stemmer *st,
                              lg_hl_term_fn fn, void *ctx);

#endif
