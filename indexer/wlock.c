#include "wlock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define LOCK_NAME "legate.lock"

static void lock_path(const char *dir, const char *name, char *out, size_t cap)
{
    snprintf(out, cap, "%s/%s", dir, name);
}

/* The pid holding a write lock on fd, 0 if none. */
static long holder_of(int fd)
{
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    if (fcntl(fd, F_GETLK, &fl) != 0 || fl.l_type == F_UNLCK)
        return 0;
    return fl.l_pid > 0 ? (long)fl.l_pid : -1;
}

long lg_wlock_holder(const char *dir)
{
    char path[4096];
    lock_path(dir, LOCK_NAME, path, sizeof path);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    long pid = holder_of(fd);
    close(fd);
    return pid;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int open_lock_file(const char *dir, int flags, int *fd, lg_err *e)
{
    char path[4096];
    int create = flags & LG_WLOCK_CREATE;
    if (create && mkdir(dir, 0777) != 0 && errno != EEXIST)
        return lg_err_set(e, LG_EXIT_DB, "%s: cannot create database directory: %s", dir,
                          strerror(errno));
    lock_path(dir, "legate.sqlite", path, sizeof path);
    *fd = -1;
    if (!create && access(path, F_OK) != 0)
        return 0;
    lock_path(dir, LOCK_NAME, path, sizeof path);
    /* A reader creates nothing: no lock file, no writer ever ran here. */
    int quiesce = flags & LG_WLOCK_QUIESCE;
    *fd = open(path, O_RDWR | O_CLOEXEC | (quiesce ? 0 : O_CREAT), 0666);
    if (*fd >= 0)
        return 0;
    if (errno == EROFS || errno == EACCES || errno == EPERM || (quiesce && errno == ENOENT)) {
        if (quiesce)
            return 0;
        return lg_err_set(e, LG_EXIT_DB, "%s: the database is read-only (%s): it can be searched "
                          "but not written", dir, strerror(errno));
    }
    return lg_err_set(e, LG_EXIT_DB, "%s: %s", path, strerror(errno));
}

static int try_lock(int fd)
{
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    return fcntl(fd, F_SETLK, &fl);
}

static int gave_up(int fd, const char *dir, long waited, lg_err *e)
{
    long pid = holder_of(fd);
    close(fd);
    return lg_err_set(e, LG_EXIT_DB,
                      "%s: locked: another legate process (pid %ld) is writing to it; "
                      "gave up after %ld s (--wait)", dir, pid, waited);
}

int lg_wlock_acquire(lg_wlock *l, const char *dir, int flags, const lg_wait *wait, lg_err *e)
{
    int fd;
    l->fd = -1;
    if (open_lock_file(dir, flags, &fd, e) != 0)
        return -1;
    if (fd < 0)
        return 0;
    long limit = wait ? wait->seconds : 0;
    double start = now();
    int told = 0;
    while (try_lock(fd) != 0) {
        if (errno != EAGAIN && errno != EACCES && errno != EINTR) {
            lg_err_set(e, LG_EXIT_DB, "%s/%s: cannot lock: %s", dir, LOCK_NAME, strerror(errno));
            close(fd);
            return -1;
        }
        if (limit >= 0 && now() - start >= (double)limit)
            return gave_up(fd, dir, limit, e);
        if (!told++ && wait && wait->waiting)
            wait->waiting(wait->ctx, dir, holder_of(fd));
        struct timespec pause = {0, 100 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
    l->fd = fd;
    return 0;
}

void lg_wlock_release(lg_wlock *l)
{
    if (l->fd >= 0)
        close(l->fd);  /* closing drops the lock */
    l->fd = -1;
}
