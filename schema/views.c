#include "views.h"

#include <stddef.h>

/* schema/views.sql, embedded by sql2c. */
extern const char lg_views_sql[];

int lg_views_create(sqlite3 *sql, lg_err *e)
{
    char *msg = NULL;
    if (sqlite3_exec(sql, lg_views_sql, NULL, NULL, &msg) == SQLITE_OK)
        return 0;
    lg_err_set(e, LG_EXIT_DB, "database: creating the views: %s", msg ? msg : "out of memory");
    sqlite3_free(msg);
    return -1;
}
