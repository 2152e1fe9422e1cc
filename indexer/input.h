/*
 * input.h — finding and reading input files.
 *
 * lg_walk visits a file, or every file under a directory recursively, in
 * byte order of names (so runs are reproducible), skipping hidden entries
 * (names starting with '.') and symbolic links to directories (no loops).
 * Inside directories only known input types are visited; a file named on
 * the command line is always visited.
 */
#ifndef LEGATE_INPUT_H
#define LEGATE_INPUT_H

#include <stddef.h>

#include "err.h"

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
int lg_walk(const char *path, lg_file_fn fn, lg_warn_fn warn, void *ctx, lg_err *e);

/* Reads a whole file into a malloc()ed, NUL-terminated buffer. */
int lg_read_file(const char *path, char **buf, size_t *len, lg_err *e);

#endif
