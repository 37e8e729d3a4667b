/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** fault_shim.c: an LD_PRELOAD library for tests/cli/test_faults.sh that
** makes one file-system call fail, as a full or failing disk would.
**
** Only calls on paths under $ENTENTE_FAULT_DIR count: creating a file
** (fopen for writing, open with O_CREAT, mkdir), writing it (write, writev,
** pwrite, pwritev and the buffer flushes of stdio streams), fsync, fdatasync,
** closing a file open for writing, and rename, renameat, renameat2. The
** n-th counted call, n = $ENTENTE_FAULT_N, fails with ENOSPC (odd n) or EIO
** (even n) and does nothing (a failing close still releases the descriptor).
** Without
** ENTENTE_FAULT_N nothing fails. At exit the number of counted calls, and
** the call that was failed, are written to $ENTENTE_FAULT_LOG, with the
** counts of two kinds of call: fdatasync, and renames onto a sweep's
** checkpoint (sweep.checkpoint). With
** ENTENTE_FAULT_NOEXCHANGE set, renameat2 refuses RENAME_EXCHANGE (EINVAL)
** as some file systems do, so that the program's other way is tested. With
** ENTENTE_FAULT_FREE set to a number of bytes, statvfs on a path under the
** folder reports that much free to unprivileged users (a nearly full disk,
** for the sweep's check of its free space). Programs the process starts
** (gnuplot) run without the library.
**
** stdio writes through internal calls that cannot be wrapped, so streams
** opened for writing under the folder are made with fopencookie over a
** descriptor: their flushes come through here, and fileno() gives the
** descriptor so that fsync and ftruncate work on them as usual.
*/
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static long fail_at;            /* 0: count only */
static long calls;
static long syncs, checkpoints;     /* counted calls of two kinds */
static char dir[PATH_MAX];
static size_t dir_len;
static char failed[PATH_MAX + 64];
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

#define REAL(name) static __typeof__(name) *real_##name; \
    if (!real_##name) real_##name = (__typeof__(name) *)dlsym(RTLD_NEXT, #name)

/* the stream table: cookie streams and their descriptors */
#define MAX_STREAMS 256
static struct { FILE *f; int fd; } streams[MAX_STREAMS];

static void write_log(void)
{
    const char *log = getenv("ENTENTE_FAULT_LOG");
    if (!log || !dir_len)
        return;
    FILE *f = fdopen(open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644), "w");
    if (!f)
        return;
    fprintf(f, "calls %ld\nsyncs %ld\ncheckpoints %ld\n", calls, syncs, checkpoints);
    if (failed[0])
        fprintf(f, "failed %s\n", failed);
    fclose(f);
}

__attribute__((constructor)) static void init(void)
{
    const char *d = getenv("ENTENTE_FAULT_DIR"), *n = getenv("ENTENTE_FAULT_N");
    if (d && *d && strlen(d) < sizeof dir) {
        strcpy(dir, d);
        dir_len = strlen(dir);
        while (dir_len > 1 && dir[dir_len - 1] == '/')
            dir[--dir_len] = 0;
    }
    fail_at = n ? atol(n) : 0;
    atexit(write_log);
    unsetenv("LD_PRELOAD");     /* this process only, not the programs it runs */
}

static int under(const char *path)
{
    if (!dir_len || !path)
        return 0;
    char abs[PATH_MAX * 2];
    if (path[0] != '/') {
        char cwd[PATH_MAX];
        if (!getcwd(cwd, sizeof cwd))
            return 0;
        snprintf(abs, sizeof abs, "%s/%s", cwd, path);
        path = abs;
    }
    return !strncmp(path, dir, dir_len) && (path[dir_len] == '/' || !path[dir_len]);
}

static int fd_under(int fd, int writable_only)
{
    if (!dir_len || fd < 0)
        return 0;
    if (writable_only) {
        int fl = fcntl(fd, F_GETFL);
        if (fl < 0 || (fl & O_ACCMODE) == O_RDONLY)
            return 0;
    }
    char link[64], target[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n <= 0)
        return 0;
    target[n] = 0;
    return under(target);
}

/* Count a call; 1 if it is the one to fail (errno is then set). */
static int hit(const char *what, const char *path)
{
    pthread_mutex_lock(&mu);
    long k = ++calls;
    if (!strcmp(what, "fdatasync"))
        syncs++;
    size_t n = path ? strlen(path) : 0, m = strlen("/sweep.checkpoint");
    if (!strncmp(what, "rename", 6) && n >= m && !strcmp(path + n - m, "/sweep.checkpoint"))
        checkpoints++;
    int fail = fail_at && k == fail_at;
    if (fail)
        snprintf(failed, sizeof failed, "%ld %s %s", k, what, path ? path : "");
    pthread_mutex_unlock(&mu);
    if (fail)
        errno = k % 2 ? ENOSPC : EIO;
    return fail;
}

static int fd_hit(const char *what, int fd)
{
    char link[64], target[PATH_MAX] = "";
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, sizeof target - 1);
    target[n > 0 ? n : 0] = 0;
    return hit(what, target);
}

/* ---- cookie streams ----------------------------------------------------- */

static ssize_t ck_read(void *c, char *buf, size_t len)
{
    REAL(read);
    return real_read((int)(intptr_t)c, buf, len);
}

static ssize_t ck_write(void *c, const char *buf, size_t len)
{
    REAL(write);
    int fd = (int)(intptr_t)c;
    if (fd_hit("write", fd))
        return 0;               /* fopencookie: 0 is an error, errno says which */
    size_t done = 0;
    while (done < len) {
        ssize_t n = real_write(fd, buf + done, len - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return done ? (ssize_t)done : 0;
        }
        done += (size_t)n;
    }
    return (ssize_t)done;
}

static int ck_seek(void *c, off64_t *off, int whence)
{
    off_t r = lseek((int)(intptr_t)c, (off_t)*off, whence);
    if (r < 0)
        return -1;
    *off = r;
    return 0;
}

static int ck_close(void *c)
{
    REAL(close);
    int fd = (int)(intptr_t)c;
    pthread_mutex_lock(&mu);
    for (int i = 0; i < MAX_STREAMS; i++)
        if (streams[i].f && streams[i].fd == fd)
            streams[i].f = NULL;
    pthread_mutex_unlock(&mu);
    int fail = fd_hit("close", fd);
    int e = errno;
    int rc = real_close(fd);
    if (fail) {
        errno = e;
        return -1;
    }
    return rc;
}

static FILE *open_stream(const char *path, const char *mode)
{
    int flags = 0;
    switch (mode[0]) {
    case 'w': flags = O_CREAT | O_TRUNC; break;
    case 'a': flags = O_CREAT | O_APPEND; break;
    default: flags = 0;
    }
    flags |= strchr(mode, '+') ? O_RDWR : O_WRONLY;
    if (strchr(mode, 'x')) flags |= O_EXCL;
    if (strchr(mode, 'e')) flags |= O_CLOEXEC;
    if ((flags & O_CREAT) && hit("fopen", path))
        return NULL;
    REAL(open);
    int fd = real_open(path, flags, 0666);
    if (fd < 0)
        return NULL;
    cookie_io_functions_t io = { ck_read, ck_write, ck_seek, ck_close };
    FILE *f = fopencookie((void *)(intptr_t)fd, mode, io);
    if (!f) {
        REAL(close);
        real_close(fd);
        return NULL;
    }
    pthread_mutex_lock(&mu);
    for (int i = 0; i < MAX_STREAMS; i++)
        if (!streams[i].f) {
            streams[i].f = f;
            streams[i].fd = fd;
            break;
        }
    pthread_mutex_unlock(&mu);
    return f;
}

static int writing(const char *mode)
{
    return mode && (strchr(mode, 'w') || strchr(mode, 'a') || strchr(mode, '+'));
}

FILE *fopen(const char *path, const char *mode)
{
    if (writing(mode) && under(path))
        return open_stream(path, mode);
    REAL(fopen);
    return real_fopen(path, mode);
}

FILE *fopen64(const char *path, const char *mode)
{
    if (writing(mode) && under(path))
        return open_stream(path, mode);
    REAL(fopen64);
    return real_fopen64(path, mode);
}

int fileno(FILE *f)
{
    pthread_mutex_lock(&mu);
    for (int i = 0; i < MAX_STREAMS; i++)
        if (streams[i].f == f) {
            int fd = streams[i].fd;
            pthread_mutex_unlock(&mu);
            return fd;
        }
    pthread_mutex_unlock(&mu);
    REAL(fileno);
    return real_fileno(f);
}

/* ---- descriptors and names ------------------------------------------------ */

static int open_common(const char *path, int flags)
{
    return (flags & O_CREAT) && under(path) && hit("open", path);
}

int open(const char *path, int flags, ...)
{
    mode_t m = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        m = (mode_t)va_arg(ap, int);
        va_end(ap);
    }
    if (open_common(path, flags))
        return -1;
    REAL(open);
    return real_open(path, flags, m);
}

int open64(const char *path, int flags, ...)
{
    mode_t m = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        m = (mode_t)va_arg(ap, int);
        va_end(ap);
    }
    if (open_common(path, flags))
        return -1;
    REAL(open64);
    return real_open64(path, flags, m);
}

int mkdir(const char *path, mode_t m)
{
    if (under(path) && hit("mkdir", path))
        return -1;
    REAL(mkdir);
    return real_mkdir(path, m);
}

ssize_t write(int fd, const void *buf, size_t len)
{
    if (fd_under(fd, 0) && fd_hit("write", fd))
        return -1;
    REAL(write);
    return real_write(fd, buf, len);
}

ssize_t writev(int fd, const struct iovec *iov, int n)
{
    if (fd_under(fd, 0) && fd_hit("writev", fd))
        return -1;
    REAL(writev);
    return real_writev(fd, iov, n);
}

ssize_t pwrite(int fd, const void *buf, size_t len, off_t at)
{
    if (fd_under(fd, 0) && fd_hit("pwrite", fd))
        return -1;
    REAL(pwrite);
    return real_pwrite(fd, buf, len, at);
}

ssize_t pwrite64(int fd, const void *buf, size_t len, off64_t at)
{
    if (fd_under(fd, 0) && fd_hit("pwrite", fd))
        return -1;
    REAL(pwrite64);
    return real_pwrite64(fd, buf, len, at);
}

ssize_t pwritev(int fd, const struct iovec *iov, int n, off_t at)
{
    if (fd_under(fd, 0) && fd_hit("pwritev", fd))
        return -1;
    REAL(pwritev);
    return real_pwritev(fd, iov, n, at);
}

ssize_t pwritev64(int fd, const struct iovec *iov, int n, off64_t at)
{
    if (fd_under(fd, 0) && fd_hit("pwritev", fd))
        return -1;
    REAL(pwritev64);
    return real_pwritev64(fd, iov, n, at);
}

int fsync(int fd)
{
    if (fd_under(fd, 0) && fd_hit("fsync", fd))
        return -1;
    REAL(fsync);
    return real_fsync(fd);
}

int fdatasync(int fd)
{
    if (fd_under(fd, 0) && fd_hit("fdatasync", fd))
        return -1;
    REAL(fdatasync);
    return real_fdatasync(fd);
}

int close(int fd)
{
    int fail = fd_under(fd, 1) && fd_hit("close", fd);
    int e = errno;
    REAL(close);
    int rc = real_close(fd);
    if (fail) {
        errno = e;
        return -1;
    }
    return rc;
}

int rename(const char *a, const char *b)
{
    if ((under(a) || under(b)) && hit("rename", b))
        return -1;
    REAL(rename);
    return real_rename(a, b);
}

int renameat(int da, const char *a, int db, const char *b)
{
    /* the program passes AT_FDCWD or absolute names */
    if ((under(a) || under(b)) && hit("renameat", b))
        return -1;
    REAL(renameat);
    return real_renameat(da, a, db, b);
}

int renameat2(int da, const char *a, int db, const char *b, unsigned flags)
{
    if ((flags & RENAME_EXCHANGE) && getenv("ENTENTE_FAULT_NOEXCHANGE")) {
        errno = EINVAL;
        return -1;
    }
    if ((under(a) || under(b)) && hit("renameat2", b))
        return -1;
    REAL(renameat2);
    return real_renameat2(da, a, db, b, flags);
}

int statvfs(const char *path, struct statvfs *v)
{
    REAL(statvfs);
    int r = real_statvfs(path, v);
    const char *free_b = getenv("ENTENTE_FAULT_FREE");
    if (r == 0 && free_b && under(path)) {
        unsigned long unit = v->f_frsize ? v->f_frsize : v->f_bsize;
        v->f_bavail = (fsblkcnt_t)(strtoull(free_b, NULL, 10) / (unit ? unit : 1));
    }
    return r;
}
