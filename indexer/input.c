#include "input.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

static int walk_dir(const char *dir, lg_file_fn fn, lg_warn_fn warn, void *ctx);

static int visit_entry(const char *path, lg_file_fn fn, lg_warn_fn warn, void *ctx)
{
    struct stat st, lst;
    if (stat(path, &st) != 0 || lstat(path, &lst) != 0)
        return 0;
    if (S_ISDIR(st.st_mode))
        return S_ISLNK(lst.st_mode) ? 0 : walk_dir(path, fn, warn, ctx);
    lg_input_type type = lg_input_type_of(path);
    if (!S_ISREG(st.st_mode) || type == LG_INPUT_UNKNOWN)
        return 0;
    return fn(ctx, path, type);
}

static int walk_dir(const char *dir, lg_file_fn fn, lg_warn_fn warn, void *ctx)
{
    size_t n = 0;
    char **names = NULL;
    if (list_dir(dir, &names, &n) != 0) {
        lg_sb msg = LG_SB_INIT;
        lg_sb_addf(&msg, "%s: cannot read directory: %s", dir, strerror(errno));
        warn(ctx, msg.buf);
        lg_sb_release(&msg);
        return 0;
    }
    int rc = 0;
    lg_sb path = LG_SB_INIT;
    for (size_t i = 0; i < n; i++) {
        if (rc == 0) {
            lg_sb_reset(&path);
            lg_sb_addf(&path, "%s/%s", dir, names[i]);
            rc = visit_entry(path.buf, fn, warn, ctx);
        }
        free(names[i]);
    }
    free(names);
    lg_sb_release(&path);
    return rc;
}

int lg_walk(const char *path, lg_file_fn fn, lg_warn_fn warn, void *ctx, lg_err *e)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return lg_err_set(e, LG_EXIT_USAGE, "%s: %s", path, strerror(errno));
    if (S_ISDIR(st.st_mode))
        return walk_dir(path, fn, warn, ctx);
    lg_input_type type = lg_input_type_of(path);
    return fn(ctx, path, type == LG_INPUT_UNKNOWN ? LG_INPUT_TEXT : type);
}

int lg_read_file(const char *path, char **buf, size_t *len, lg_err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return lg_err_set(e, LG_EXIT_NONE, "%s: %s", path, strerror(errno));
    lg_sb sb = LG_SB_INIT;
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        lg_sb_add(&sb, chunk, got);
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        lg_sb_release(&sb);
        return lg_err_set(e, LG_EXIT_NONE, "%s: read error", path);
    }
    *buf = lg_sb_detach(&sb, len);
    return 0;
}
