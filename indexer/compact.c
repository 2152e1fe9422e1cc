#include "compact.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strbuf.h"

int lg_compact_pays(unsigned long long before, unsigned long long after)
{
    return after > before && after >= 2 * before;
}

static int sync_path(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

/* Calls fn on each entry of directory `dir` (a Xapian index holds plain
 * files only), then on `dir` itself. */
static int each_file(const char *dir, int (*fn)(const char *path))
{
    DIR *d = opendir(dir);
    if (!d)
        return errno == ENOENT ? 0 : -1;
    int rc = 0;
    struct dirent *ent;
    lg_sb path = LG_SB_INIT;
    while (rc == 0 && (ent = readdir(d))) {
        if (!strcmp(ent->d_name, ".") || !strcmp(ent->d_name, ".."))
            continue;
        lg_sb_reset(&path);
        lg_sb_addf(&path, "%s/%s", dir, ent->d_name);
        rc = fn(path.buf);
    }
    closedir(d);
    lg_sb_release(&path);
    return rc == 0 ? fn(dir) : rc;
}

static int remove_path(const char *path)
{
    return remove(path) == 0 || errno == ENOENT ? 0 : -1;
}

static char *parent_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? strndup(path, (size_t)(slash - path) + (slash == path)) : strdup(".");
}

static int swap_in(const char *path, const char *fresh, const char *old, lg_err *e)
{
    if (each_file(fresh, sync_path) != 0)
        return lg_err_set(e, LG_EXIT_DB, "%s: cannot sync: %s", fresh, strerror(errno));
    if (rename(path, old) != 0 || rename(fresh, path) != 0)
        return lg_err_set(e, LG_EXIT_DB, "%s: cannot replace by its compacted copy: %s", path,
                          strerror(errno));
    char *parent = parent_of(path);
    int rc = parent ? sync_path(parent) : -1;
    free(parent);
    if (rc != 0)
        return lg_err_set(e, LG_EXIT_DB, "%s: cannot sync its directory: %s", path, strerror(errno));
    each_file(old, remove_path); /* best effort: it is no longer used */
    return 0;
}

int lg_compact_xapian(xs_db *xdb, const char *path, lg_err *e)
{
    lg_sb fresh = LG_SB_INIT, old = LG_SB_INIT;
    lg_sb_addf(&fresh, "%s.compact", path);
    lg_sb_addf(&old, "%s.old", path);
    int rc = 0;
    /* Leftovers of an interrupted compaction are of no use. */
    if (each_file(fresh.buf, remove_path) != 0 || each_file(old.buf, remove_path) != 0)
        rc = lg_err_set(e, LG_EXIT_DB, "%s: cannot remove an old compaction: %s", path,
                        strerror(errno));
    else if (xs_db_compact(xdb, fresh.buf) != XS_OK)
        rc = lg_err_set(e, LG_EXIT_DB, "xapian: compact: %s", xs_db_error(xdb));
    else
        rc = swap_in(path, fresh.buf, old.buf, e);
    if (rc != 0)
        each_file(fresh.buf, remove_path);
    lg_sb_release(&fresh);
    lg_sb_release(&old);
    return rc;
}
