/*
 * ahead.h — a JSON Lines feed read and derived on a thread of its own,
 * ahead of the run that stores it, so that the analysis of records
 * (speakers, quotations, MinHash: half of the run's own thread) uses the
 * core that SQLite and Xapian's writer leave.
 *
 * The thread reads the feed a line at a time (memory holds a line, not the
 * file, so a feed may be any size; a line past LG_MAX_RECORD_BYTES is
 * refused as lg_jsonl_record refuses it). Each non-blank line is parsed
 * (lg_jsonl_record), handed to hooks.prepare, then derived
 * (lg_derive, which reads nothing but the record) unless hooks.skip says
 * the run will not need it (an unchanged record). The run takes the items
 * in feed order with lg_ahead_next; at most LG_AHEAD_DEPTH wait, so memory
 * stays bounded. The hooks run on the thread: they may only touch what
 * the run does not use meanwhile.
 */
#ifndef LEGATE_AHEAD_H
#define LEGATE_AHEAD_H

#include <stddef.h>
#include <stdio.h>

#include "article.h"
#include "err.h"

#define LG_AHEAD_DEPTH 64

typedef struct lg_ahead lg_ahead;

typedef struct {
    void (*prepare)(void *ctx, lg_article *a);
    int (*skip)(void *ctx, const lg_article *a); /* 1: do not derive (may be NULL) */
    void *ctx;
} lg_ahead_hooks;

typedef enum {
    LG_AHEAD_RECORD,   /* a holds the record; derived says whether lg_derive ran */
    LG_AHEAD_BAD_LINE, /* the line is no record, or the file could not be read
                        * on: err says why (a is empty) */
    LG_AHEAD_FAILED,   /* lg_derive failed (out of memory): err, fatal */
} lg_ahead_kind;

typedef struct {
    lg_ahead_kind kind;
    int derived;
    lg_article a;      /* the receiver's: lg_article_clear() it */
    lg_err err;
} lg_ahead_item;

/* Starts the thread reading f (the feed at `path`, from where f stands);
 * f, path and hooks must outlive the lg_ahead, and only it reads f. */
int lg_ahead_start(lg_ahead **out, const char *path, FILE *f, const lg_ahead_hooks *hooks,
                   lg_err *e);

/* Waits for the next item in feed order. 1: *item is it; 0: the feed is
 * done. */
int lg_ahead_next(lg_ahead *h, lg_ahead_item *item);

/* Stops the thread (at once if the feed is not done), frees the items
 * never taken and h. NULL is a no-op. */
void lg_ahead_stop(lg_ahead *h);

#endif
