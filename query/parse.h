/*
 * parse.h — Legate's query language, parsed in C into a tree so that every
 * error can name its column.
 *
 *   query   := or
 *   or      := any ("OR" any)*
 *   any     := and (and)*                      terms side by side (ANY)
 *   and     := unary ("AND" unary)*
 *   unary   := "NOT" unary | "-" unary | "+" unary | near
 *   near    := primary ("NEAR" ["/" n] primary)*    n: 1..100, default 10
 *   primary := "(" or ")" | FIELD ":" value | WORD | WORD* | "PHRASE"
 *
 * Terms side by side (ANY) rank documents that match any of them, all of
 * them first (compile.h); `+x` marks x required there, `-x` excluded.
 * Operators are recognised only in upper case (AND, OR, NOT, NEAR);
 * "and" is a word. A field is `name:` directly followed by a value
 * (a word, a "quoted phrase", or for date: a range `A..B`, `A..`, `..B`,
 * one period `2024`, `2024-05`, `2024-05-21`, or `none` for undated). Only fields flagged
 * LG_QUERYABLE in fields.def are accepted. A word that merely contains ':'
 * after a non-field (12:30, http://x) is an error only if the part before
 * the colon looks like a field name (letters and '_').
 *
 * Limits: nesting depth LG_QUERY_MAX_DEPTH; query length 64 KiB.
 * Columns in errors are 1-based and count characters (not bytes).
 */
#ifndef LEGATE_QUERY_PARSE_H
#define LEGATE_QUERY_PARSE_H

#include <stddef.h>

#include "date.h"
#include "fields.h"

#define LG_QUERY_MAX_DEPTH 32
#define LG_QUERY_MAX_BYTES 65536

typedef enum {
    LG_Q_WORD,      /* text: one word as typed (may hold '-', '\'') */
    LG_Q_PHRASE,    /* text: the words between the quotes */
    LG_Q_WILDCARD,  /* text: the word before the '*' */
    LG_Q_FILTER,    /* field (boolean kind), text: the value */
    LG_Q_DATE,      /* lo/hi: open end has precision LG_DATE_UNKNOWN;
                       both unknown: date:none, the undated articles */
    LG_Q_AND,       /* explicit AND: every kid */
    LG_Q_ANY,       /* terms side by side: any kid, ranked */
    LG_Q_OR,
    LG_Q_NOT,       /* one kid */
    LG_Q_NEAR       /* window: n; kids are WORD or PHRASE nodes */
} lg_qkind;

typedef struct lg_qnode {
    lg_qkind kind;
    char *text;                /* owned; NUL-terminated; NULL if unused */
    const lg_field *field;     /* FILTER: the field; WORD/PHRASE/WILDCARD:
                                  a text field (title:) or NULL for all text */
    lg_date lo, hi;            /* DATE */
    unsigned window;           /* NEAR */
    struct lg_qnode **kids;    /* owned */
    size_t nkids;
    size_t column;             /* 1-based column where the node starts */
    int required;              /* written +x: required inside an ANY */
} lg_qnode;

typedef struct {
    size_t column;             /* 1-based character column, 0 if none */
    char message[256];         /* "unbalanced '(' opened at column 1" */
} lg_qerror;

/* Parses `q`. Returns 0 and a tree in *out (NULL for a query with no
 * terms: empty or blank), or -1 with *err filled. The caller frees the
 * tree with lg_qnode_free. */
int lg_query_parse(const char *q, lg_qnode **out, lg_qerror *err);

void lg_qnode_free(lg_qnode *n);

/* A one-line S-expression of the tree, for tests and --debug:
 * (any (word "talks") (not (word "ceasefire")) (filter outlet "tass")
 *  (date 2024-06 ..) (near 5 (word "a") (phrase "b c")) +(word "c")); a
 * required node is written with a '+' before it. malloc()ed. */
char *lg_qnode_describe(const lg_qnode *n);

#endif
