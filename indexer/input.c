#include "input.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "analyze.h"
#include "strbuf.h"

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

lg_input_type lg_input_type_of(const char *path)
{
    if (has_suffix(path, ".jsonl") || has_suffix(path, ".ndjson"))
        return LG_INPUT_JSONL;
    if (has_suffix(path, ".txt") || has_suffix(path, ".text"))
        return LG_INPUT_TEXT;
    if (has_suffix(path, ".html") || has_suffix(path, ".htm"))
        return LG_INPUT_HTML;
    return LG_INPUT_UNKNOWN;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the visible entries of `dir`, sorted, in *out (*n of them;
 * the caller frees each and the array). -1 with errno set on failure. */
static int list_dir(const char *dir, char ***out, size_t *n)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    size_t cap = 0;
    char **names = NULL;
    *n = 0;
    struct dirent *ent;
    int failed = 0;
    while (!failed && (ent = readdir(d))) {
        if (ent->d_name[0] == '.')
            continue;
        failed = LG_GROW(names, *n, cap) != 0 || !(names[*n] = strdup(ent->d_name));
        *n += !failed;
    }
    closedir(d);
    if (failed) {
        while (*n)
            free(names[--*n]);
        free(names);
        errno = ENOMEM;
        return -1;
    }
    if (*n)
        qsort(names, *n, sizeof *names, by_name);
    *out = names;
    return 0;
}

/* A walk: what it reports to, the directory it was asked for, and the
 * directories being walked (their device and inode), for loops. */
typedef struct {
    lg_file_fn fn;
    lg_warn_fn warn;
    void *ctx;
    int follow;
    char root[PATH_MAX];
    struct stat *open;
    size_t depth, cap;
} walker;

static void report(walker *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void report(walker *w, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    lg_sb_vsay(w->warn, w->ctx, fmt, ap);
    va_end(ap);
}

static int walk_dir(walker *w, const char *dir, const struct stat *st);

/* Whether the link `path` stays inside the walk's directory. */
static int inside_root(const walker *w, const char *path)
{
    char real[PATH_MAX];
    size_t n = strlen(w->root);
    return realpath(path, real) && strncmp(real, w->root, n) == 0 &&
           (real[n] == '/' || real[n] == '\0' || (n == 1 && w->root[0] == '/'));
}

static int visit_entry(walker *w, const char *path)
{
    struct stat st, lst;
    if (lstat(path, &lst) != 0 || stat(path, &st) != 0)
        return 0;
    lg_input_type type = lg_input_type_of(path);
    int wanted = S_ISDIR(st.st_mode) || (S_ISREG(st.st_mode) && type != LG_INPUT_UNKNOWN);
    if (!wanted)
        return 0;
    if (S_ISLNK(lst.st_mode) && !w->follow) {
        if (!inside_root(w, path)) {
            report(w, "%s: symbolic link out of %s, skipped (--follow-symlinks follows it)",
                   path, w->root);
            return 0;
        }
        if (S_ISDIR(st.st_mode))
            return 0; /* its files are walked where they are */
    }
    return S_ISDIR(st.st_mode) ? walk_dir(w, path, &st) : w->fn(w->ctx, path, type);
}

static int walk_dir(walker *w, const char *dir, const struct stat *st)
{
    for (size_t i = 0; i < w->depth; i++)
        if (w->open[i].st_dev == st->st_dev && w->open[i].st_ino == st->st_ino) {
            report(w, "%s: symbolic link loop, skipped", dir);
            return 0;
        }
    size_t n = 0;
    char **names = NULL;
    if (LG_GROW(w->open, w->depth, w->cap) != 0 || list_dir(dir, &names, &n) != 0) {
        report(w, "%s: cannot read directory: %s", dir, strerror(errno));
        return 0;
    }
    w->open[w->depth++] = *st;
    int rc = 0;
    lg_sb path = LG_SB_INIT;
    for (size_t i = 0; i < n; i++) {
        if (rc == 0) {
            lg_sb_reset(&path);
            lg_sb_addf(&path, "%s/%s", dir, names[i]);
            rc = visit_entry(w, path.buf);
        }
        free(names[i]);
    }
    free(names);
    lg_sb_release(&path);
    w->depth--;
    return rc;
}

int lg_walk(const char *path, int follow_links, lg_file_fn fn, lg_warn_fn warn, void *ctx,
            lg_err *e)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return lg_err_set(e, LG_EXIT_USAGE, "%s: %s", path, strerror(errno));
    if (!S_ISDIR(st.st_mode)) {
        lg_input_type type = lg_input_type_of(path);
        return fn(ctx, path, type == LG_INPUT_UNKNOWN ? LG_INPUT_TEXT : type);
    }
    walker w = {fn, warn, ctx, follow_links, "", NULL, 0, 0};
    if (!realpath(path, w.root))
        return lg_err_set(e, LG_EXIT_USAGE, "%s: %s", path, strerror(errno));
    int rc = walk_dir(&w, path, &st);
    free(w.open);
    return rc;
}

/* Reads at most `max` bytes; more is an error naming `what` has the limit. */
static int read_capped(const char *path, size_t max, const char *what, char **buf, size_t *len,
                       lg_err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return lg_err_set(e, LG_EXIT_NONE, "%s: %s", path, strerror(errno));
    struct stat st;
    int over = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max;
    lg_sb sb = LG_SB_INIT;
    char chunk[65536];
    size_t got;
    while (!over && (got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        over = got > max - sb.len;
        if (!over)
            lg_sb_add(&sb, chunk, got);
    }
    int failed = ferror(f);
    fclose(f);
    if (failed || over) {
        lg_sb_release(&sb);
        if (over)
            return lg_err_set(e, LG_EXIT_NONE, "%s: larger than %zu MiB, the limit for %s", path,
                              max >> 20, what);
        return lg_err_set(e, LG_EXIT_NONE, "%s: read error", path);
    }
    *buf = lg_sb_detach(&sb, len);
    return 0;
}

int lg_read_file(const char *path, char **buf, size_t *len, lg_err *e)
{
    return read_capped(path, LG_MAX_FEED_BYTES, "a file", buf, len, e);
}

/* The first line longer than LG_MAX_LINE_BYTES is an error. */
static int check_lines(const char *path, const char *text, size_t len, lg_err *e)
{
    const char *p = text, *end = text + len;
    for (size_t lineno = 1; p < end; lineno++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl : end;
        if ((size_t)(stop - p) > LG_MAX_LINE_BYTES)
            return lg_err_set(e, LG_EXIT_NONE,
                              "%s:%zu: line longer than %zu MiB, the limit for a text page", path,
                              lineno, LG_MAX_LINE_BYTES >> 20);
        p = stop + 1;
    }
    return 0;
}

/* The path becomes the article's source, and the store holds UTF-8. */
static int check_name(const char *path, lg_err *e)
{
    size_t bad = lg_utf8_invalid_at(path, strlen(path));
    if (bad != (size_t)-1)
        return lg_err_set(e, LG_EXIT_NONE, "%s: file name is not valid UTF-8 at byte %zu", path,
                          bad);
    return 0;
}

int lg_open_feed(const char *path, FILE **f, lg_err *e)
{
    if (check_name(path, e) != 0)
        return -1;
    *f = fopen(path, "rb");
    return *f ? 0 : lg_err_set(e, LG_EXIT_NONE, "%s: %s", path, strerror(errno));
}

int lg_read_input(const char *path, lg_input_type type, char **buf, size_t *len, lg_err *e)
{
    if (check_name(path, e) != 0)
        return -1;
    int feed = type == LG_INPUT_JSONL;
    if (read_capped(path, feed ? LG_MAX_FEED_BYTES : LG_MAX_PAGE_BYTES,
                    feed ? "a feed" : "a page", buf, len, e) != 0)
        return -1;
    if (type != LG_INPUT_TEXT || check_lines(path, *buf, *len, e) == 0)
        return 0;
    free(*buf);
    return -1;
}
