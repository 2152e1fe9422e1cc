#include "syncer.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "analyze.h"
#include "store.h"
#include "sync.h"
#include "testhook.h"

struct lg_syncer {
    sqlite3 *db;
    lg_store *store;
    lg_stemmer *stemmer;
    xs_db *xdb;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake, idle;
    int pending, busy, quit, failed;
    lg_built *docs; /* the pending pass's documents, or NULL */
    size_t n_docs;
    /* The last pass's documents, written: freed by the thread that built
     * them when it hands over the next pass, not by this one, which is an
     * index run's bottleneck (bench/README.md, "Documents freed where
     * they were built"). */
    lg_built *spent;
    size_t n_spent;
    int64_t from, to;
    int64_t held_max; /* lg_sync_write's: 0 for an index begun empty, -1 unknown */
    int64_t applied; /* committed */
    int64_t written; /* written, maybe not yet committed: applied <= written */
    lg_err err;
};

static void free_docs(lg_built *docs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        lg_built_clear(&docs[i]);
    free(docs);
}

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
        lg_built *docs = s->docs;
        size_t n = s->n_docs;
        int64_t from = s->from, to = s->to;
        s->docs = NULL;
        pthread_mutex_unlock(&s->lock);
        lg_test_pause("between-commits");
        lg_err e = {0};
        int committed = 1;
        int rc = docs ? lg_sync_apply_built(s->xdb, docs, n, from, to, &s->held_max, &committed, &e)
                      : 1;
        if (rc == 1) {
            committed = 1;
            s->held_max = -1; /* what SQLite's pass writes is not followed */
            rc = lg_sync_apply(s->store, s->xdb, s->stemmer, &to, NULL, &e);
        }
        pthread_mutex_lock(&s->lock);
        s->spent = docs;
        s->n_spent = n;
        if (rc != 0 && !s->failed) {
            s->failed = 1;
            s->err = e;
        } else if (rc == 0) {
            s->written = to;
            if (committed)
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
    free_docs(s->spent, s->n_spent);
    lg_store_free(s->store);
    sqlite3_close(s->db);
    lg_stemmer_free(s->stemmer);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->wake);
    pthread_cond_destroy(&s->idle);
    free(s);
}

int lg_syncer_start(lg_syncer **out, const char *sqlite_path, xs_db *xdb, lg_err *e)
{
    *out = NULL;
    lg_syncer *s = calloc(1, sizeof *s);
    if (!s)
        return lg_err_set(e, LG_EXIT_DB, "out of memory");
    s->xdb = xdb;
    uint64_t docs;
    if (xs_db_doccount(xdb, &docs) != XS_OK)
        docs = 1;
    s->held_max = docs ? -1 : 0;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->wake, NULL);
    pthread_cond_init(&s->idle, NULL);
    if (lg_store_open_reader(sqlite_path, &s->db, &s->store, e) != 0) {
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

int lg_syncer_kick_built(lg_syncer *s, lg_built *docs, size_t n, int64_t from, int64_t to,
                         lg_err *e)
{
    pthread_mutex_lock(&s->lock);
    int rc = wait_idle(s, e);
    lg_built *spent = s->spent;
    size_t n_spent = s->n_spent;
    s->spent = NULL;
    s->n_spent = 0;
    if (rc == 0) {
        s->docs = docs;
        s->n_docs = n;
        s->from = from;
        s->to = to;
        s->pending = s->busy = 1;
        pthread_cond_signal(&s->wake);
    }
    pthread_mutex_unlock(&s->lock);
    free_docs(spent, n_spent);
    if (rc != 0)
        free_docs(docs, n);
    return rc;
}

int lg_syncer_kick(lg_syncer *s, lg_err *e)
{
    return lg_syncer_kick_built(s, NULL, 0, 0, 0, e);
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
    if (rc == 0 && s->written > s->applied) {
        rc = lg_sync_commit_pending(s->xdb, e);
        if (rc == 0)
            s->applied = s->written;
    }
    if (applied)
        *applied = s->applied;
    release(s);
    return rc;
}
