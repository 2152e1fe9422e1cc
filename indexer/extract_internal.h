/*
 * extract_internal.h — the word scanner, word lists and name comparisons
 * that title.c, outlet.c and speakers.c share (defined in extract.c), so
 * the three agree on what a word, a masthead, a name or an agency is.
 */
#ifndef LEGATE_EXTRACT_INTERNAL_H
#define LEGATE_EXTRACT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "page.h"

/* Word flags. */
enum {
    LG_W_LETTER = 1 << 0, /* has a letter */
    LG_W_DIGIT = 1 << 1,  /* has a digit */
    LG_W_CAP = 1 << 2,    /* starts with an upper-case letter */
    LG_W_UPPER = 1 << 3,  /* has letters, all upper case (NATO, MENAFN) */
    LG_W_DOT = 1 << 4,    /* has an inner '.' (Caliber.az, U.S) */
    LG_W_POSS = 1 << 5,   /* ends in 's or ’s (Trump’s) */
    LG_W_CAMEL = 1 << 6   /* two or more lower-to-upper steps (HomeGlobalRussia) */
};

/* A word — letters, digits and marks, with apostrophes, hyphens,
 * underscores and points inside it — or one other non-space character. */
typedef struct {
    size_t start, end; /* byte span in the scanned text */
    int32_t punct;     /* that character for punctuation, 0 for a word */
    unsigned flags;    /* LG_W_* (words only) */
} lg_etok;

typedef struct {
    lg_etok *v;
    size_t n, cap;
} lg_etoks;

/* Replaces ts's tokens with those of s. Returns 0, or -1 on allocation
 * failure. Free with lg_etoks_free. */
int lg_etoks_scan(lg_etoks *ts, const char *s, size_t len);
void lg_etoks_free(lg_etoks *ts);

static inline int lg_etok_word(const lg_etok *t)
{
    return t->punct == 0;
}

/* Whether a[as, ae) and b[bs, be) are the same text ignoring case. */
int lg_spans_equal(const char *a, size_t as, size_t ae, const char *b, size_t bs, size_t be);
/* Whether s[start, end) is `word` ignoring case. */
int lg_span_is(const char *s, size_t start, size_t end, const char *word);
/* s[start, end) lower-cased into buf as UTF-8, NUL-terminated, one
 * codepoint at a time as lg_spans_equal compares; 0 when it does not fit
 * (then it is none of the listed words, all shorter). */
enum { LG_FOLD_CAP = 64 };
size_t lg_span_fold(const char *s, size_t start, size_t end, char buf[LG_FOLD_CAP]);
/* Whether it is one of a NULL-terminated list of lower-case words. */
int lg_span_in(const char *s, size_t start, size_t end, const char *const *list);

/* The token's text without a possessive 's, so "Russia’s" is "russia". */
size_t lg_etok_bare_end(const char *s, const lg_etok *t);
int lg_etok_is(const char *s, const lg_etok *t, const char *word);
int lg_etok_in(const char *s, const lg_etok *t, const char *const *list);

/* Number of tokens from i that spell `phrase` (lower-case words separated
 * by single spaces), or 0 when they do not. */
size_t lg_phrase_at(const char *s, const lg_etoks *ts, size_t i, const char *phrase);

/* The number of words among ts's tokens. */
size_t lg_word_count(const lg_etoks *ts);

/* A block of this many words is article text: headlines, mastheads and
 * labels sit above it. */
#define LG_BODY_WORDS 25

/* Whether the words of a line are all capitalised, bar a few connectors
 * ("Global Affairs Wire", "Voice of America"): a masthead's shape. */
int lg_title_case(const char *s, const lg_etoks *ts);

/* Whether two names are one once case and punctuation are folded
 * (lg_name_key: "Caliber.Az" = "caliber.az"). */
int lg_same_name(const char *a, size_t alen, const char *b, size_t blen);

/* A malloc()ed copy of s[start, end), NULL on allocation failure. */
char *lg_span_dup(const char *s, size_t start, size_t end);

/* News agencies as they sign and are cited (lower case), for outlet
 * signatures and so that no agency is taken for a person. */
extern const char *const lg_agencies[];

/* Whether a block is article text: kept by cleaning, or cleaning has not
 * run (a dropped block always has a reason). */
static inline int lg_block_is_text(const lg_block *b)
{
    return b->keep || !b->why;
}

#endif
