/*
 * check.h — invariants the harnesses assert on what the code under test
 * returns (a broken invariant aborts, which libFuzzer reports as a finding).
 */
#ifndef LEGATE_FUZZ_CHECK_H
#define LEGATE_FUZZ_CHECK_H

#include <stddef.h>

#include "article.h"

/* Aborts with `what` on stderr unless `ok`. */
void fz_require(int ok, const char *what);

/* NULL, or a NUL-terminated string of valid UTF-8. */
void fz_require_utf8(const char *s, const char *what);

/* The quotations lie inside a text of len bytes and are valid UTF-8 (quotes.h). */
void fz_check_quotes(size_t len, const lg_quote *q, size_t n);

/* Everything lg_derive promises about a derived article (article.h,
 * extract.h): valid UTF-8 strings, a known date, quotations in the text. */
void fz_check_article(const lg_article *a);

/* Derives an article from `size` bytes read as a file of `format` (text,
 * html) as `legate index` would, with a site memory that claims some
 * blocks were seen before, then checks it. */
void fz_derive_file(const unsigned char *data, size_t size, lg_format_kind format);

#endif
