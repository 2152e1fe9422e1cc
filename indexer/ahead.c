#include "ahead.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "derive.h"
#include "jsonl.h"
#include "strbuf.h"

struct lg_ahead {
    const char *path;
    FILE *f;
    char chunk[65536];
    size_t at, end;    /* what of chunk is read and not yet taken */
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

/* The next line of the file into *line (its '\n' dropped), at most
 * LG_MAX_RECORD_BYTES + 1 bytes of it: enough for lg_jsonl_record to
 * refuse a longer one. 0 at the end of the file, -1 on a read error. */
static int next_line(lg_ahead *h, lg_sb *line)
{
    lg_sb_reset(line);
    for (int any = 0;; any = 1) {
        if (h->at == h->end) {
            h->at = 0;
            h->end = fread(h->chunk, 1, sizeof h->chunk, h->f);
            if (h->end == 0)
                return ferror(h->f) ? -1 : any;
        }
        const char *p = h->chunk + h->at;
        const char *nl = memchr(p, '\n', h->end - h->at);
        size_t n = nl ? (size_t)(nl - p) : h->end - h->at;
        size_t room = LG_MAX_RECORD_BYTES + 1 - line->len;
        lg_sb_add(line, p, n < room ? n : room);
        h->at += n + (nl != NULL);
        if (nl)
            return 1;
    }
}

static void *run(void *arg)
{
    lg_ahead *h = arg;
    lg_sb line = LG_SB_INIT;
    size_t lineno = 0;
    int go = 1, got;
    while (go && (got = next_line(h, &line)) != 0) {
        lineno++;
        lg_ahead_item it = {.kind = LG_AHEAD_BAD_LINE};
        if (got < 0) {
            lg_err_set(&it.err, LG_EXIT_NONE, "%s:%zu: read error", h->path, lineno);
            go = 0;
        } else if (strspn(line.buf, " \t\r") < line.len) {
            read_line(h, line.buf, line.len, lineno, &it);
        } else {
            continue;
        }
        go = push(h, &it) && go && it.kind != LG_AHEAD_FAILED;
    }
    lg_sb_release(&line);
    pthread_mutex_lock(&h->lock);
    h->done = 1;
    pthread_cond_signal(&h->filled);
    pthread_mutex_unlock(&h->lock);
    return NULL;
}

int lg_ahead_start(lg_ahead **out, const char *path, FILE *f, const lg_ahead_hooks *hooks,
                   lg_err *e)
{
    lg_ahead *h = calloc(1, sizeof *h);
    *out = NULL;
    if (!h)
        return lg_err_set(e, LG_EXIT_DB, "out of memory");
    h->path = path;
    h->f = f;
    h->hooks = hooks;
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
