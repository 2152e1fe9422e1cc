/*
 * alias.h — `legate alias`: teaching Legate that two spellings name one
 * outlet or speaker, and re-deriving the affected articles (from SQLite;
 * no input is read again).
 *
 * Alias files have one entity per line: KIND<TAB>CANONICAL<TAB>ALIAS...
 * where KIND is "speaker" or "outlet"; blank lines and lines starting
 * with '#' are ignored.
 */
#ifndef LEGATE_ALIAS_H
#define LEGATE_ALIAS_H

#include <stddef.h>

#include "err.h"
#include "store.h"

/* "speaker" or "outlet" to a kind; -1 for anything else. */
int lg_entity_parse(const char *name, lg_entity *out);

/* Adds aliases to the database in `dir` in one transaction, then updates
 * Xapian. *merged counts articles re-pointed from merged entities. */
int lg_alias_add(const char *dir, lg_entity kind, const char *canonical,
                 const char *const *aliases, size_t n, unsigned long *merged, lg_err *e);
/* The same for every line of an alias file; errors name file:line. */
int lg_alias_add_file(const char *dir, const char *path, unsigned long *merged, lg_err *e);

/* Lists the aliases of one kind: fn(ctx, entity name, alias key). */
int lg_alias_list(const char *dir, lg_entity kind, lg_alias_fn fn, void *ctx, lg_err *e);

#endif
