/*
 * migrate.h — the SQLite schema, as numbered migration files
 * (schema/migrations/NNN-name.sql) embedded at build time.
 *
 * lg_migrate() brings a database to the newest version in one transaction:
 * each migration newer than PRAGMA user_version runs, then user_version is
 * set to the last one. A database newer than this binary is refused.
 */
#ifndef LEGATE_MIGRATE_H
#define LEGATE_MIGRATE_H

#include <sqlite3.h>
#include <stddef.h>

typedef struct {
    int version;
    const char *name;
    const char *sql;
} lg_migration;

extern const lg_migration lg_migrations[];
extern const int lg_migration_count;

/* Returns 0, or -1 with a message in err (cap bytes). */
int lg_migrate(sqlite3 *db, char *err, size_t cap);

/* The newest version this binary knows. */
int lg_schema_version(void);

#endif
