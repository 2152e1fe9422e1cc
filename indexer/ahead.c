#include "ahead.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "derive.h"
#include "jsonl.h"

struct lg_ahead {
    const char *path, *buf;
    size_t len;
    const lg_ahead_hooks *hooks;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t filled, drained;
    lg_ahead_item ring[LG_AHEAD_DEPTH];
    size_t head, n;    /* the oldest waiting item, and how many wait */
    int done, quit;
};

static void read_line(const lg_ahead *h, const char *line, size_t len, size_t lineno,
                      lg_ahead_item *it)
{
    memset(it, 0, sizeof *it);
    if (lg_jsonl_record(line, len, h->path, lineno, &it->a, &it->err) != 0) {
        it->kind = LG_AHEAD_BAD_LINE;
        return;
    }
    if (h->hooks->prepare)
        h->hooks->prepare(h->hooks->ctx, &it->a);
    if (h->hooks->skip && h->hooks->skip(h->hooks->ctx, &it->a))
        return;
    if (lg_derive(&it->a, NULL, &it->err) != 0)
        it->kind = LG_AHEAD_FAILED;
    else
        it->derived = 1;
}

/* Waits for room, then queues *it. 0: the run stopped us (it is freed). */
static int push(lg_ahead *h, lg_ahead_item *it)
{
    pthread_mutex_lock(&h->lock);
    while (h->n == LG_AHEAD_DEPTH && !h->quit)
        pthread_cond_wait(&h->drained, &h->lock);
    int room = !h->quit;
    if (room) {
        h->ring[(h->head + h->n) % LG_AHEAD_DEPTH] = *it;
        h->n++;
        pthread_cond_signal(&h->filled);
    }
    pthread_mutex_unlock(&h->lock);
    if (!room)
        lg_article_clear(&it->a);
    return room;
}

static void *run(void *arg)
{
    lg_ahead *h = arg;
    const char *p = h->buf, *end = h->buf + h->len;
    size_t lineno = 0;
    int go = 1;
    while (go && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl : end;
        lineno++;
        if (strspn(p, " \t\r") < (size_t)(stop - p)) {
            lg_ahead_item it;
            read_line(h, p, (size_t)(stop - p), lineno, &it);
            go = push(h, &it) && it.kind != LG_AHEAD_FAILED;
        }
        p = stop + 1;
    }
    pthread_mutex_lock(&h->lock);
    h->done = 1;
    pthread_cond_signal(&h->filled);
    pthread_mutex_unlock(&h->lock);
    return NULL;
}

int lg_ahead_start(lg_ahead **out, const char *path, const char *buf, size_t len,
                   const lg_ahead_hooks *hooks, lg_err *e)
{
    lg_ahead *h = calloc(1, sizeof *h);
    *out = NULL;
    if (!h)
        return lg_err_set(e, LG_EXIT_DB, "out of memory");
    *h = (lg_ahead){.path = path, .buf = buf, .len = len, .hooks = hooks};
    pthread_mutex_init(&h->lock, NULL);
    pthread_cond_init(&h->filled, NULL);
    pthread_cond_init(&h->drained, NULL);
    if (pthread_create(&h->thread, NULL, run, h) != 0) {
        pthread_mutex_destroy(&h->lock);
        pthread_cond_destroy(&h->filled);
        pthread_cond_destroy(&h->drained);
        free(h);
        return lg_err_set(e, LG_EXIT_DB, "cannot start the feed reader thread");
    }
    *out = h;
    return 0;
}

int lg_ahead_next(lg_ahead *h, lg_ahead_item *item)
{
    pthread_mutex_lock(&h->lock);
    while (h->n == 0 && !h->done)
        pthread_cond_wait(&h->filled, &h->lock);
    int got = h->n > 0;
    if (got) {
        *item = h->ring[h->head];
        h->head = (h->head + 1) % LG_AHEAD_DEPTH;
        h->n--;
        pthread_cond_signal(&h->drained);
    }
    pthread_mutex_unlock(&h->lock);
    return got;
}

void lg_ahead_stop(lg_ahead *h)
{
    if (!h)
        return;
    pthread_mutex_lock(&h->lock);
    h->quit = 1;
    pthread_cond_signal(&h->drained);
    pthread_mutex_unlock(&h->lock);
    pthread_join(h->thread, NULL);
    for (; h->n > 0; h->n--, h->head = (h->head + 1) % LG_AHEAD_DEPTH)
        lg_article_clear(&h->ring[h->head].a);
    pthread_mutex_destroy(&h->lock);
    pthread_cond_destroy(&h->filled);
    pthread_cond_destroy(&h->drained);
    free(h);
}
