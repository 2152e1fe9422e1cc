/*
 * names.h — what users read for an outlet or speaker key: the name the
 * database spells it with (SQLite's outlets/speakers tables, or over
 * shards, which serve no SQLite, the document data of an article showing
 * it). Shared by count and timeline.
 */
#ifndef LEGATE_QUERY_NAMES_H
#define LEGATE_QUERY_NAMES_H

#include <sqlite3.h>

#include "fields.h"
#include "xs.h"

/* The name of `key` for `field` (LG_F_OUTLET or LG_F_SPEAKER), malloc()ed;
 * NULL when unknown. sql NULL: a database of shards, xdb asked. */
char *lg_entity_name(sqlite3 *sql, xs_db *xdb, lg_field_id field, const char *key);

#endif
