#include "writer.h"

#include <string.h>
#include <sys/stat.h>

#include "lag.h"
#include "sync.h"
#include "testhook.h"

static int dir_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A new Xapian index beside existing articles (its directory was lost), or
 * a rebuild: every article must be written again. Queued before the Xapian
 * index is emptied, so a crash in between loses nothing. */
static int queue_rebuild(lg_writer *w, int rebuild, lg_err *e)
{
    if (dir_exists(w->db.xapian_path) && !rebuild)
        return 0;
    if (lg_store_begin(w->store, e) != 0 || lg_store_outbox_all(w->store, e) != 0)
        return -1;
    return lg_store_commit(w->store, e);
}

static int open_xapian_as(lg_writer *w, const char *dir, int flags, lg_err *e)
{
    xs_db_close(w->xdb);
    xs_status st = xs_db_open(w->db.xapian_path, flags, &w->xdb);
    if (st == XS_LOCKED)
        return lg_err_set(e, LG_EXIT_DB, "%s: locked: another legate process is writing to it",
                          dir);
    if (st != XS_OK)
        return lg_err_set(e, LG_EXIT_DB, "%s: %s", w->db.xapian_path, xs_db_error(w->xdb));
    return 0;
}

/* A Xapian index that applied more than SQLite ever generated belongs to
 * another SQLite file (replaced by an older copy, or lost and started
 * over): it is rebuilt, never trusted. */
static int open_xapian(lg_writer *w, const char *dir, int rebuild, lg_err *e)
{
    if (open_xapian_as(w, dir, rebuild ? XS_OPEN_OVERWRITE : XS_OPEN_CREATE, e) != 0)
        return -1;
    if (rebuild)
        return 0;
    lg_lag lag;
    if (lg_lag_read(w->db.sql, w->xdb, &lag, e) != 0)
        return -1;
    if (lag.applied <= lag.generation)
        return 0;
    if (queue_rebuild(w, 1, e) != 0)
        return -1;
    return open_xapian_as(w, dir, XS_OPEN_OVERWRITE, e);
}

int lg_writer_open(lg_writer *w, const char *dir, int create, int rebuild, const lg_wait *wait,
                   lg_err *e)
{
    memset(w, 0, sizeof *w);
    w->lock.fd = -1;
    if (lg_wlock_acquire(&w->lock, dir, create ? LG_WLOCK_CREATE : 0, wait, e) != 0 ||
        lg_dbdir_open(dir, create ? LG_DB_CREATE : LG_DB_WRITE, &w->db, e) != 0 ||
        lg_store_new(w->db.sql, &w->store, e) != 0 || queue_rebuild(w, rebuild, e) != 0)
        return -1;
    w->stemmer = lg_stemmer_new();
    if (!w->stemmer)
        return lg_err_set(e, LG_EXIT_DB, "cannot create the stemmers");
    int64_t last, applied;
    if (open_xapian(w, dir, rebuild, e) != 0 || lg_store_outbox_last(w->store, &last, e) != 0 ||
        lg_sync_applied_seq(w->xdb, &applied, e) != 0 ||
        lg_sync_mark_date_terms(w->xdb, last, e) != 0)
        return -1;
    if (wait && wait->catching_up && last > applied)
        wait->catching_up(wait->ctx, dir, last - applied);
    w->rewrote_most = applied > 0 && 2 * (last - applied) >= applied;
    return lg_sync(w->store, w->xdb, w->stemmer, NULL, e);
}

int lg_writer_sync(lg_writer *w, lg_err *e)
{
    lg_test_pause("between-commits");
    return lg_sync(w->store, w->xdb, w->stemmer, NULL, e);
}

void lg_writer_close(lg_writer *w)
{
    if (w->store)
        lg_store_rollback(w->store);
    lg_store_free(w->store);
    lg_stemmer_free(w->stemmer);
    xs_db_close(w->xdb);
    lg_dbdir_close(&w->db);
    lg_wlock_release(&w->lock);
    memset(w, 0, sizeof *w);
    w->lock.fd = -1;
}
