#include "collection.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "shard.h"
#include "strbuf.h"

static char *shard_dir(const char *dir, unsigned k)
{
    lg_sb sb = LG_SB_INIT;
    lg_sb_addf(&sb, "%s/shard-%u", dir, k);
    return lg_sb_detach(&sb, NULL);
}

static int make_dir(const char *path, lg_err *e)
{
    if (mkdir(path, 0777) == 0 || errno == EEXIST)
        return 0;
    return lg_err_set(e, LG_EXIT_DB, "%s: cannot create: %s", path, strerror(errno));
}

/* The count an existing collection was made with (0: none yet), refusing
 * a plain database. */
static int existing_count(const char *dir, unsigned *count, lg_err *e)
{
    lg_sb sb = LG_SB_INIT;
    lg_sb_addf(&sb, "%s/legate.sqlite", dir);
    struct stat st;
    int plain = stat(sb.buf, &st) == 0;
    lg_sb_release(&sb);
    if (plain)
        return lg_err_set(e, LG_EXIT_USAGE, "%s is a single database, not a collection of shards",
                          dir);
    char *first = shard_dir(dir, 0);
    lg_shard_id id = {0, 0};
    int rc = first ? lg_shard_read(first, &id, e) : -1;
    free(first);
    *count = rc > 0 ? id.count : 0;
    return rc < 0 ? -1 : 0;
}

static int write_stub(const char *dir, unsigned count, lg_err *e)
{
    lg_sb path = LG_SB_INIT;
    lg_sb_addf(&path, "%s/shards", dir);
    FILE *f = fopen(path.buf, "w");
    int ok = f != NULL;
    for (unsigned k = 0; ok && k < count; k++)
        ok = fprintf(f, "auto shard-%u/xapian\n", k) > 0;
    if (f && fclose(f) != 0)
        ok = 0;
    int rc = ok ? 0 : lg_err_set(e, LG_EXIT_DB, "%s: %s", path.buf, strerror(errno));
    lg_sb_release(&path);
    return rc;
}

static int open_shard(const char *dir, unsigned k, unsigned count, int rebuild,
                      const lg_wait *wait, lg_writer *w, lg_err *e)
{
    char *path = shard_dir(dir, k);
    if (!path)
        return lg_err_set(e, LG_EXIT_DB, "out of memory");
    int rc = make_dir(path, e);
    if (rc == 0)
        rc = lg_shard_write(path, (lg_shard_id){k, count}, e);
    if (rc == 0)
        rc = lg_writer_open(w, path, 1, rebuild, wait, e);
    free(path);
    return rc;
}

int lg_collection_open(const char *dir, unsigned count, int rebuild, const lg_wait *wait,
                       lg_writer **out, lg_err *e)
{
    unsigned had = 0;
    *out = NULL;
    if (make_dir(dir, e) != 0 || existing_count(dir, &had, e) != 0)
        return -1;
    if (had && had != count)
        return lg_err_set(e, LG_EXIT_USAGE,
                          "%s holds %u shards, not %u: the partition cannot change; index "
                          "into a new directory to re-shard", dir, had, count);
    lg_writer *w = calloc(count, sizeof *w);
    if (!w)
        return lg_err_set(e, LG_EXIT_DB, "out of memory");
    *out = w;
    for (unsigned k = 0; k < count; k++)
        if (open_shard(dir, k, count, rebuild, wait, &w[k], e) != 0)
            return -1;
    return write_stub(dir, count, e);
}

void lg_collection_close(lg_writer *w, unsigned count)
{
    for (unsigned k = 0; w && k < count; k++)
        lg_writer_close(&w[k]);
    free(w);
}

static int64_t seq_of(sqlite3 *sql, const char *table)
{
    sqlite3_stmt *st;
    int64_t seq = 0;
    if (sqlite3_prepare_v2(sql, "SELECT seq FROM sqlite_sequence WHERE name = ?", -1, &st,
                           NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        seq = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return seq;
}

static int set_seq(sqlite3 *sql, const char *table, int64_t seq)
{
    sqlite3_stmt *st;
    const char *q = "UPDATE sqlite_sequence SET seq = ?2 WHERE name = ?1";
    for (int pass = 0; pass < 2; pass++) {
        if (sqlite3_prepare_v2(sql, q, -1, &st, NULL) != SQLITE_OK)
            return -1;
        sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, seq);
        int rc = sqlite3_step(st);
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE)
            return -1;
        if (sqlite3_changes(sql) > 0)
            return 0;
        q = "INSERT INTO sqlite_sequence(name, seq) VALUES (?1, ?2)";
    }
    return 0;
}

/* The tables whose ids a collection keeps unique (lg_shard_id_range's
 * `quotes` is the index). */
static const char *const id_tables[] = {"articles", "quotes"};

static int db_error(lg_writer *w, lg_err *e)
{
    return lg_err_set(e, LG_EXIT_DB, "%s: %s", w->db.dir, sqlite3_errmsg(w->db.sql));
}

int lg_collection_share_ids(lg_writer *w, unsigned count, unsigned into, lg_err *e)
{
    for (size_t t = 0; t < 2; t++) {
        int64_t top = 0;
        for (unsigned k = 0; k < count; k++) {
            int64_t seq = seq_of(w[k].db.sql, id_tables[t]);
            if (seq < 0)
                return db_error(&w[k], e);
            top = seq > top ? seq : top;
        }
        if (set_seq(w[into].db.sql, id_tables[t], top) != 0)
            return db_error(&w[into], e);
    }
    return 0;
}

/* `dir` may become shard `id`: new, or already that shard. */
static int may_be_alone(const char *dir, lg_shard_id id, lg_err *e)
{
    lg_shard_id had;
    int rc = lg_shard_read(dir, &had, e);
    if (rc < 0)
        return -1;
    if (rc > 0 && (had.index != id.index || had.count != id.count))
        return lg_err_set(e, LG_EXIT_USAGE, "%s is shard %u of %u, not %u of %u", dir, had.index,
                          had.count, id.index, id.count);
    lg_sb sb = LG_SB_INIT;
    lg_sb_addf(&sb, "%s/legate.sqlite", dir);
    struct stat st;
    int plain = rc == 0 && stat(sb.buf, &st) == 0;
    lg_sb_release(&sb);
    return plain ? lg_err_set(e, LG_EXIT_USAGE, "%s is a database, not a shard", dir) : 0;
}

int lg_collection_open_alone(const char *dir, lg_shard_id id, int rebuild, const lg_wait *wait,
                             lg_writer *w, lg_err *e)
{
    memset(w, 0, sizeof *w);
    w->lock.fd = -1; /* closable whatever fails */
    if (make_dir(dir, e) != 0 || may_be_alone(dir, id, e) != 0 ||
        lg_shard_write(dir, id, e) != 0 || lg_writer_open(w, dir, 1, rebuild, wait, e) != 0)
        return -1;
    for (int t = 0; t < 2; t++) {
        uint64_t lo, hi;
        lg_shard_id_range(id, t, &lo, &hi);
        int64_t seq = seq_of(w->db.sql, id_tables[t]);
        if (seq < 0 || (seq < (int64_t)lo && set_seq(w->db.sql, id_tables[t], (int64_t)lo) != 0))
            return db_error(w, e);
    }
    return 0;
}

int lg_collection_check_range(lg_writer *w, lg_shard_id id, lg_err *e)
{
    for (int t = 0; t < 2; t++) {
        uint64_t lo, hi;
        lg_shard_id_range(id, t, &lo, &hi);
        int64_t seq = seq_of(w->db.sql, id_tables[t]);
        if (seq < 0)
            return db_error(w, e);
        if ((uint64_t)seq > hi)
            return lg_err_set(e, LG_EXIT_DB,
                              "%s: shard %u of %u has used up its %s ids (%llu to %llu): build "
                              "it into more shards",
                              w->db.dir, id.index, id.count, id_tables[t],
                              (unsigned long long)lo + 1, (unsigned long long)hi);
    }
    return 0;
}

/* One entity as a shard knows it: its key, its spelling there and the
 * first article mentioning it there. */
typedef struct {
    char *key, *name;
    int64_t first;
} spelling;

static int by_key_first(const void *a, const void *b)
{
    const spelling *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->first > y->first) - (x->first < y->first);
}

static const struct {
    const char *list, *rename, *requeue;
} entity_sql[] = {
    {"SELECT key, name, (SELECT min(id) FROM articles WHERE outlet_id = e.id OR via_id = e.id)"
     " AS first FROM outlets e WHERE first IS NOT NULL",
     "UPDATE outlets SET name = ?2 WHERE key = ?1 AND name <> ?2",
     "INSERT INTO outbox(article_id) SELECT a.id FROM articles a JOIN outlets e"
     " ON e.id IN (a.outlet_id, a.via_id) WHERE e.key = ?1"},
    {"SELECT key, name, min(coalesce((SELECT min(article_id) FROM article_speakers"
     " WHERE speaker_id = e.id), 1e18), coalesce((SELECT min(article_id) FROM quotes"
     " WHERE speaker_id = e.id), 1e18)) AS first FROM speakers e WHERE first < 1e18",
     "UPDATE speakers SET name = ?2 WHERE key = ?1 AND name <> ?2",
     "INSERT INTO outbox(article_id) SELECT article_id FROM article_speakers x JOIN speakers e"
     " ON e.id = x.speaker_id WHERE e.key = ?1 UNION SELECT q.article_id FROM quotes q"
     " JOIN speakers e ON e.id = q.speaker_id WHERE e.key = ?1"},
};

static int collect(sqlite3 *sql, const char *q, spelling **v, size_t *n, size_t *cap)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(sql, q, -1, &st, NULL) != SQLITE_OK)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && LG_GROW(*v, *n, *cap) == 0)
        (*v)[(*n)++] = (spelling){strdup((const char *)sqlite3_column_text(st, 0)),
                                  strdup((const char *)sqlite3_column_text(st, 1)),
                                  sqlite3_column_int64(st, 2)};
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Gives `key` the spelling `name` in this shard; when that changes it,
 * queues the articles showing it so Xapian's document data follows. */
static int respell(sqlite3 *sql, size_t kind, const char *key, const char *name)
{
    sqlite3_stmt *st;
    for (int step = 0; step < 2; step++) {
        if (sqlite3_prepare_v2(sql, step ? entity_sql[kind].requeue : entity_sql[kind].rename,
                               -1, &st, NULL) != SQLITE_OK)
            return -1;
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        if (!step)
            sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
        int rc = sqlite3_step(st);
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE)
            return -1;
        if (!step && sqlite3_changes(sql) == 0)
            return 0;
    }
    return 0;
}

static int unify_kind(lg_writer *w, unsigned count, size_t kind)
{
    spelling *v = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    for (unsigned k = 0; rc == 0 && k < count; k++)
        rc = collect(w[k].db.sql, entity_sql[kind].list, &v, &n, &cap);
    if (rc == 0)
        qsort(v, n, sizeof *v, by_key_first);
    /* The first row of each key is the spelling seen first overall. */
    for (size_t i = 0, best = 0; rc == 0 && i < n; i++) {
        if (strcmp(v[i].key, v[best].key) != 0)
            best = i;
        for (unsigned k = 0; rc == 0 && k < count && i == best + 1; k++)
            rc = respell(w[k].db.sql, kind, v[best].key, v[best].name);
    }
    for (size_t i = 0; i < n; i++) {
        free(v[i].key);
        free(v[i].name);
    }
    free(v);
    return rc;
}

int lg_collection_unify_names(lg_writer *w, unsigned count, lg_err *e)
{
    for (size_t kind = 0; kind < 2; kind++)
        if (unify_kind(w, count, kind) != 0)
            return lg_err_set(e, LG_EXIT_DB, "cannot unify names across shards: %s",
                              sqlite3_errmsg(w[0].db.sql));
    return 0;
}
