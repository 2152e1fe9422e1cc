#include "names.h"

#include <stdlib.h>
#include <string.h>

#include "shards.h"

char *lg_entity_name(sqlite3 *sql, xs_db *xdb, lg_field_id field, const char *key)
{
    if (!sql)
        return lg_shards_name(xdb, field, key);
    sqlite3_stmt *st;
    const char *q = field == LG_F_OUTLET ? "SELECT name FROM outlets WHERE key = ?"
                                         : "SELECT name FROM speakers WHERE key = ?";
    char *name = NULL;
    if (sqlite3_prepare_v2(sql, q, -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        name = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return name;
}
