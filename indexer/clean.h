/*
 * clean.h — deciding which blocks of a page are the article.
 *
 * Sets block->keep and block->why for every block. Dropped: navigation and
 * menu words, share/subscribe/comment furniture, legal and copyright
 * notices, photo captions, lists of unrelated headlines, error-page text,
 * counters, lines in scripts other than the article's, blocks the HTML
 * marks as furniture or that are mostly links; and every exact or near-exact repeat of a kept
 * paragraph. A block seen on many other pages of the same site is
 * furniture too (trafilatura's cross-document duplicate segments): the
 * caller supplies that count.
 */
#ifndef LEGATE_CLEAN_H
#define LEGATE_CLEAN_H

#include <stdint.h>

#include "page.h"

/* How many earlier pages of this site had a block with this hash (0 when
 * unknown). May be NULL. */
typedef unsigned (*lg_seen_fn)(void *ctx, uint64_t block_hash);

/* The hash of a block's text as lg_seen_fn and the furniture table see it
 * (case- and space-insensitive). */
uint64_t lg_block_hash(const char *text, size_t len);

void lg_clean(lg_page *page, lg_seen_fn seen, void *ctx);

#endif
