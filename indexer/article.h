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
#include "dupes.h"
#include "extract.h"
#include "quotes.h"

typedef enum { LG_FORMAT_TEXT, LG_FORMAT_HTML, LG_FORMAT_JSONL } lg_format_kind;

typedef struct {
    char *source;     /* unique: file path, record url, or path#id */
    char *origin;     /* the input file it was read from */
    lg_format_kind format;
    char *raw;        /* the input as read (files); NULL for feed records */
    size_t raw_len;
    char *title;
    char *outlet;
    char *via;        /* an agency the article relays */
    char *speaker;    /* the main speaker */
    char *lang;
    lg_date date;
    /* Where title, date, outlet and speaker came from. */
    lg_source title_src, date_src, outlet_src, speaker_src;
    lg_speaker_hit *speakers;  /* everyone reported speaking */
    size_t n_speakers;
    lg_quote *quotes;          /* the quotations of the clean text */
    size_t n_quotes;
    char *text;       /* the clean text */
    size_t text_len;
    lg_minhash minhash;  /* of the clean text: finds syndicated copies */
    char sha256[65];  /* hex, of the input and the explicit metadata */
} lg_article;

/* "text", "html", "jsonl". */
const char *lg_format_name(lg_format_kind f);

void lg_article_clear(lg_article *a);

/* Fills a->sha256 from the raw input (or the text when there is none) and
 * the metadata set so far, so a change of either makes the article
 * "updated" on the next run. Call it before extraction, which is
 * deterministic, so unchanged inputs are never extracted again. */
void lg_article_hash(lg_article *a);

#endif
