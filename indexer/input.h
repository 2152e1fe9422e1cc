/*
 * input.h — finding and reading input files.
 *
 * lg_walk visits a file, or every file under a directory recursively, in
 * byte order of names (so runs are reproducible), skipping hidden entries
 * (names starting with '.'). Inside directories only known input types are
 * visited; a file named on the command line is always visited (a symbolic
 * link named there is followed).
 * Symbolic links inside a directory: by default a link to a file is
 * followed only when the file lies inside the directory named on the
 * command line, and links to directories are not followed; a link leading
 * out is reported through warn and skipped. With follow_links every link is
 * followed, and a directory already being walked (a loop) is reported and
 * skipped.
 *
 * Limits (README "Limits"): reading stops with an error naming the limit
 * when a file is larger than its type allows, or a line of a text page is
 * longer than LG_MAX_LINE_BYTES.
 */
#ifndef LEGATE_INPUT_H
#define LEGATE_INPUT_H

#include <stddef.h>
#include <stdio.h>

#include "err.h"

#define LG_MAX_PAGE_BYTES ((size_t)16 << 20)    /* a text or HTML file */
#define LG_MAX_FEED_BYTES ((size_t)1 << 30)     /* a file read whole (a JSON
                                                   Lines feed is streamed:
                                                   its lines, jsonl.h) */
#define LG_MAX_LINE_BYTES ((size_t)1 << 20)     /* a line of a text page */

typedef enum { LG_INPUT_TEXT, LG_INPUT_HTML, LG_INPUT_JSONL, LG_INPUT_UNKNOWN } lg_input_type;

/* The type a file name says it is (.txt/.text -> TEXT, .html/.htm ->
 * HTML, .jsonl/.ndjson -> JSONL); UNKNOWN otherwise. */
lg_input_type lg_input_type_of(const char *path);

/* fn gets each file's path (valid during the call) and its type (UNKNOWN
 * is mapped to TEXT for files named directly). A non-zero return stops
 * the walk and is returned. Unreadable directories are reported through
 * warn and skipped. Returns -1 with *e set if `path` itself is missing. */
typedef int (*lg_file_fn)(void *ctx, const char *path, lg_input_type type);
typedef void (*lg_warn_fn)(void *ctx, const char *msg);
int lg_walk(const char *path, int follow_links, lg_file_fn fn, lg_warn_fn warn, void *ctx,
            lg_err *e);

/* Reads a whole file into a malloc()ed, NUL-terminated buffer. Files over
 * LG_MAX_FEED_BYTES are refused (LG_EXIT_NONE). */
int lg_read_file(const char *path, char **buf, size_t *len, lg_err *e);

/* lg_read_file within the limits of an input of `type` (TEXT, HTML: the
 * page limits; JSONL, read whole: the feed limit), for a path that is valid UTF-8 (it
 * is stored as the source). Errors (LG_EXIT_NONE) name the path and the
 * limit, and for a long line its number. */
int lg_read_input(const char *path, lg_input_type type, char **buf, size_t *len, lg_err *e);
/* A JSON Lines feed, opened to be read a line at a time (ahead.h), so its
 * size is not limited; *f is the caller's to fclose. Errors as
 * lg_read_input's. */
int lg_open_feed(const char *path, FILE **f, lg_err *e);

#endif
