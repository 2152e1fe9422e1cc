#include "migrate.h"

#include <stdio.h>

int lg_schema_version(void)
{
    return lg_migrations[lg_migration_count - 1].version;
}

static int user_version(sqlite3 *db, int *version)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return -1;
    int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : -1;
    *version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return rc;
}

static int apply_pending(sqlite3 *db, int from, char *err, size_t cap)
{
    char *msg = NULL;
    for (int i = 0; i < lg_migration_count; i++) {
        const lg_migration *m = &lg_migrations[i];
        if (m->version <= from)
            continue;
        if (sqlite3_exec(db, m->sql, NULL, NULL, &msg) != SQLITE_OK) {
            snprintf(err, cap, "migration %s failed: %s", m->name, msg ? msg : "?");
            sqlite3_free(msg);
            return -1;
        }
    }
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", lg_schema_version());
    if (sqlite3_exec(db, pragma, NULL, NULL, NULL) != SQLITE_OK) {
        snprintf(err, cap, "cannot set schema version: %s", sqlite3_errmsg(db));
        return -1;
    }
    return 0;
}

int lg_migrate(sqlite3 *db, char *err, size_t cap)
{
    int version;
    if (user_version(db, &version) != 0) {
        snprintf(err, cap, "cannot read schema version: %s", sqlite3_errmsg(db));
        return -1;
    }
    if (version == lg_schema_version())
        return 0;
    if (version > lg_schema_version()) {
        snprintf(err, cap, "database schema version %d is newer than this legate (%d)",
                 version, lg_schema_version());
        return -1;
    }
    /* IMMEDIATE: two processes migrating at once must not both apply. */
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        snprintf(err, cap, "cannot start migration: %s", sqlite3_errmsg(db));
        return -1;
    }
    /* Re-read inside the lock: another process may have migrated meanwhile. */
    if (user_version(db, &version) != 0 || apply_pending(db, version, err, cap) != 0) {
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        snprintf(err, cap, "cannot commit migration: %s", sqlite3_errmsg(db));
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return 0;
}
