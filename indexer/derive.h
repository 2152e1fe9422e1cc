/*
 * derive.h — from an input to the article it holds: cleaning, then title,
 * publication date, outlet, via, speakers, quotations and language, each
 * with the place it came from; and the text's MinHash signature, which
 * finds its syndicated copies.
 *
 * Precedence: a value already set on the article (a flag or a feed field)
 * is kept; otherwise markup, then the page's text. Unknown stays unknown.
 * Files (a->raw set) are cleaned; feed records (a->text set) are taken as
 * clean, and only their speakers are read from the text.
 * Deterministic: the same input and metadata give the same article, which
 * is why index.c hashes before deriving and skips unchanged inputs.
 */
#ifndef LEGATE_DERIVE_H
#define LEGATE_DERIVE_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "err.h"

/* Blocks seen on other pages of the same site (cross-page furniture). */
typedef struct {
    unsigned (*seen)(void *ctx, const char *site, uint64_t hash);
    int (*record)(void *ctx, const char *site, const uint64_t *hashes, size_t n);
    void *ctx;
} lg_site_memory;

/* Derives the article in place. `memory` may be NULL. Returns 0, or -1
 * with *e set: code LG_EXIT_NONE when the input cannot be read at all
 * (HTML no parser can make sense of: skip it), LG_EXIT_DB when a store
 * callback or an allocation failed. */
int lg_derive(lg_article *a, const lg_site_memory *memory, lg_err *e);

#endif
