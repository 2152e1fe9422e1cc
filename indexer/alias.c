#include "alias.h"

#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "writer.h"

int lg_entity_parse(const char *name, lg_entity *out)
{
    if (strcmp(name, "speaker") == 0)
        *out = LG_ENTITY_SPEAKER;
    else if (strcmp(name, "outlet") == 0)
        *out = LG_ENTITY_OUTLET;
    else
        return -1;
    return 0;
}

static int add_all(lg_store *s, lg_entity kind, const char *canonical, const char *const *aliases,
                   size_t n, unsigned long *merged, lg_err *e)
{
    for (size_t i = 0; i < n; i++)
        if (lg_store_alias_add(s, kind, canonical, aliases[i], merged, e) != 0)
            return -1;
    return 0;
}

/* One line of an alias file, split in place at tabs. */
static int add_line(lg_store *s, char *line, const char *path, size_t lineno,
                    unsigned long *merged, lg_err *e)
{
    char *fields[64];
    size_t n = 0;
    for (char *f = strtok(line, "\t\r"); f && n < 64; f = strtok(NULL, "\t\r"))
        fields[n++] = f;
    lg_entity kind;
    if (n < 3 || lg_entity_parse(fields[0], &kind) != 0)
        return lg_err_set(e, LG_EXIT_USAGE,
                          "%s:%zu: expected speaker|outlet<TAB>canonical<TAB>alias...", path, lineno);
    if (add_all(s, kind, fields[1], (const char *const *)fields + 2, n - 2, merged, e) != 0) {
        char why[sizeof e->msg];
        memcpy(why, e->msg, sizeof why);
        return lg_err_set(e, e->code, "%s:%zu: %s", path, lineno, why);
    }
    return 0;
}

static int add_lines(lg_store *s, char *text, const char *path, unsigned long *merged, lg_err *e)
{
    size_t lineno = 0;
    for (char *line = text, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
        if (*line && *line != '#' && strspn(line, " \t\r") < strlen(line) &&
            add_line(s, line, path, lineno, merged, e) != 0)
            return -1;
    }
    return 0;
}

typedef struct {
    lg_entity kind;
    const char *canonical;
    const char *const *aliases;
    size_t n;
    char *file_text;
    const char *path;
} alias_job;

/* One write session: all aliases in one SQLite transaction, then sync. */
static int run_job(const char *dir, const alias_job *job, unsigned long *merged, lg_err *e)
{
    lg_writer w;
    *merged = 0;
    int rc = lg_writer_open(&w, dir, 0, 0, NULL, e);
    if (rc == 0)
        rc = lg_store_begin(w.store, e);
    if (rc == 0)
        rc = job->file_text ? add_lines(w.store, job->file_text, job->path, merged, e)
                            : add_all(w.store, job->kind, job->canonical, job->aliases, job->n,
                                      merged, e);
    if (rc == 0)
        rc = lg_store_commit(w.store, e);
    if (rc == 0)
        rc = lg_writer_sync(&w, e);
    lg_writer_close(&w);
    return rc;
}

int lg_alias_add(const char *dir, lg_entity kind, const char *canonical,
                 const char *const *aliases, size_t n, unsigned long *merged, lg_err *e)
{
    alias_job job = {kind, canonical, aliases, n, NULL, NULL};
    return run_job(dir, &job, merged, e);
}

int lg_alias_add_file(const char *dir, const char *path, unsigned long *merged, lg_err *e)
{
    alias_job job = {LG_ENTITY_SPEAKER, NULL, NULL, 0, NULL, path};
    size_t len;
    if (lg_read_file(path, &job.file_text, &len, e) != 0) {
        e->code = LG_EXIT_USAGE;
        return -1;
    }
    int rc = run_job(dir, &job, merged, e);
    free(job.file_text);
    return rc;
}

int lg_alias_list(const char *dir, lg_entity kind, lg_alias_fn fn, void *ctx, lg_err *e)
{
    lg_dbdir db;
    lg_store *s = NULL;
    if (lg_dbdir_open(dir, LG_DB_READ, &db, e) != 0)
        return -1;
    int rc = lg_store_new(db.sql, &s, e);
    if (rc == 0)
        rc = lg_store_aliases(s, kind, fn, ctx, e);
    lg_store_free(s);
    lg_dbdir_close(&db);
    return rc;
}
