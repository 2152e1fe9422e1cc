/*
 * article.h — one article on its way into the store.
 *
 * Every string is owned by the article (malloc()ed) and freed by
 * lg_article_clear; NULL means unknown. text is valid UTF-8.
 */
#ifndef LEGATE_ARTICLE_H
#define LEGATE_ARTICLE_H

#include <stddef.h>

#include "date.h"

typedef struct {
    char *source;     /* unique: file path, record url, or path#id */
    char *origin;     /* the input file it was read from */
    char *title;
    char *outlet;
    char *speaker;
    char *lang;
    lg_date date;
    char *text;
    size_t text_len;
    char sha256[65];  /* hex, of the input bytes and the metadata */
} lg_article;

void lg_article_clear(lg_article *a);

/* Fills a->sha256 from the text and every metadata field, so a change of
 * either makes the article "updated" on the next index run. */
void lg_article_hash(lg_article *a);

#endif
