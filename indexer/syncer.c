#include "syncer.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "analyze.h"
#include "store.h"
#include "sync.h"

struct lg_syncer {
    sqlite3 *db;
    lg_store *store;
    lg_stemmer *stemmer;
    xs_db *xdb;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake, idle;
    int pending, busy, quit, failed;
    int64_t applied;
    lg_err err;
};

static void *run(void *arg)
{
    lg_syncer *s = arg;
    pthread_mutex_lock(&s->lock);
    for (;;) {
        while (!s->pending && !s->quit)
            pthread_cond_wait(&s->wake, &s->lock);
        if (!s->pending)
            break;
        s->pending = 0;
        pthread_mutex_unlock(&s->lock);
        int64_t to = 0;
        lg_err e = {0};
        int rc = lg_sync_apply(s->store, s->xdb, s->stemmer, &to, NULL, &e);
        pthread_mutex_lock(&s->lock);
        if (rc != 0 && !s->failed) {
            s->failed = 1;
            s->err = e;
        } else if (rc == 0) {
            s->applied = to;
        }
        s->busy = 0;
        pthread_cond_broadcast(&s->idle);
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

/* Called with the lock held. */
static int wait_idle(lg_syncer *s, lg_err *e)
{
    while (s->busy)
        pthread_cond_wait(&s->idle, &s->lock);
    if (s->failed) {
        *e = s->err;
        return -1;
    }
    return 0;
}

static void release(lg_syncer *s)
{
    lg_store_free(s->store);
    sqlite3_close(s->db);
    lg_stemmer_free(s->stemmer);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->wake);
    pthread_cond_destroy(&s->idle);
    free(s);
}

static int open_reader(lg_syncer *s, const char *path, lg_err *e)
{
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        return lg_err_set(e, LG_EXIT_DB, "%s: %s", path, sqlite3_errmsg(s->db));
    sqlite3_busy_timeout(s->db, 10000);
    if (sqlite3_exec(s->db, "PRAGMA query_only = ON", NULL, NULL, NULL) != SQLITE_OK)
        return lg_err_set(e, LG_EXIT_DB, "%s: %s", path, sqlite3_errmsg(s->db));
    return lg_store_new(s->db, &s->store, e);
}

int lg_syncer_start(lg_syncer **out, const char *sqlite_path, xs_db *xdb, lg_err *e)
{
    *out = NULL;
    lg_syncer *s = calloc(1, sizeof *s);
    if (!s)
        return lg_err_set(e, LG_EXIT_DB, "out of memory");
    s->xdb = xdb;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->wake, NULL);
    pthread_cond_init(&s->idle, NULL);
    if (open_reader(s, sqlite_path, e) != 0) {
        release(s);
        return -1;
    }
    s->stemmer = lg_stemmer_new();
    if (!s->stemmer || pthread_create(&s->thread, NULL, run, s) != 0) {
        release(s);
        return lg_err_set(e, LG_EXIT_DB, "cannot start the sync thread");
    }
    *out = s;
    return 0;
}

int lg_syncer_kick(lg_syncer *s, lg_err *e)
{
    pthread_mutex_lock(&s->lock);
    int rc = wait_idle(s, e);
    if (rc == 0) {
        s->pending = s->busy = 1;
        pthread_cond_signal(&s->wake);
    }
    pthread_mutex_unlock(&s->lock);
    return rc;
}

int64_t lg_syncer_applied(const lg_syncer *s)
{
    return s->applied;
}

int lg_syncer_stop(lg_syncer *s, int64_t *applied, lg_err *e)
{
    if (!s)
        return 0;
    pthread_mutex_lock(&s->lock);
    int rc = wait_idle(s, e);
    s->quit = 1;
    pthread_cond_signal(&s->wake);
    pthread_mutex_unlock(&s->lock);
    pthread_join(s->thread, NULL);
    if (applied)
        *applied = s->applied;
    release(s);
    return rc;
}
