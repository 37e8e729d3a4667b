/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** bulkfile.c: an output file appended with direct I/O in aligned pieces
** (see bulkfile.h for what and why).
*/
#define _GNU_SOURCE             /* O_DIRECT */
#include "bulkfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* Direct I/O wants the buffer, the file offset and the length aligned to the
** device's logical block; 4096 covers the usual 512 and 4096. */
#define ALIGN ((size_t)4096)
/* Bytes gathered before a direct write: large enough that a write's fixed
** cost is small beside its bytes, small enough to stay out of the memory
** budget. */
#define PIECE ((size_t)4 << 20)
#define HUGE ((size_t)2 << 20)

struct ent_bulkfile {
    int fd;             /* plain: the tail at a sync, fdatasync, the plain mode */
    int dfd;            /* O_DIRECT, or -1 (plain mode) */
    char *buf;          /* PIECE bytes aligned to ALIGN (direct mode) */
    size_t used;        /* bytes in buf */
    uint64_t base;      /* file offset of buf[0] (a multiple of ALIGN), or of
                        ** the file's end (plain mode) */
};

static int err_or(int fallback)
{
    return errno ? errno : fallback;
}

/* n bytes from p at offset `at` through descriptor fd, however many calls
** it takes. */
static int put_all(int fd, const char *p, size_t n, uint64_t at)
{
    while (n) {
        ssize_t w = pwrite(fd, p, n, (off_t)at);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return w < 0 ? err_or(EIO) : EIO;
        p += w;
        n -= (size_t)w;
        at += (uint64_t)w;
    }
    return 0;
}

/* Plain mode: iov[0..n) at the end of the file, in as few calls as the
** kernel takes. */
static int put_plain(ent_bulkfile *f, const struct iovec *iov, int n)
{
    int i = 0;
    while (i < n) {
        ssize_t w = pwritev(f->fd, iov + i, n - i, (off_t)f->base);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return w < 0 ? err_or(EIO) : EIO;
        f->base += (uint64_t)w;
        size_t left = (size_t)w;
        while (i < n && left >= iov[i].iov_len)
            left -= iov[i++].iov_len;
        if (left) {     /* a short write ended inside iov[i]: finish it alone */
            int e = put_all(f->fd, (const char *)iov[i].iov_base + left, iov[i].iov_len - left, f->base);
            if (e)
                return e;
            f->base += iov[i].iov_len - left;
            i++;
        }
    }
    return 0;
}

/* Leave direct I/O (the file system refused it): what buf holds goes
** plainly, and so does everything after it. */
static int leave_direct(ent_bulkfile *f)
{
    close(f->dfd);
    f->dfd = -1;
    int e = put_all(f->fd, f->buf, f->used, f->base);
    f->base += f->used;
    f->used = 0;
    return e;
}

/* The first n bytes of buf (a multiple of ALIGN) written directly at base;
** the rest of buf moves to its start. */
static int put_direct(ent_bulkfile *f, size_t n)
{
    size_t done = 0;
    while (done < n) {
        ssize_t w = pwrite(f->dfd, f->buf + done, n - done, (off_t)(f->base + done));
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0 && errno == EINVAL && done == 0)
            return leave_direct(f);
        if (w <= 0)
            return w < 0 ? err_or(EIO) : EIO;
        done += (size_t)w;
        if (done % ALIGN) {     /* a short write out of alignment: the rest plainly */
            int e = put_all(f->fd, f->buf + done, n - done, f->base + done);
            if (e)
                return e;
            done = n;
        }
    }
    memmove(f->buf, f->buf + n, f->used - n);
    f->used -= n;
    f->base += n;
    return 0;
}

int ent_bulkfile_writev(ent_bulkfile *f, const struct iovec *iov, int n)
{
    for (int i = 0; i < n; i++) {
        if (f->dfd < 0)
            return put_plain(f, iov + i, n - i);
        const char *p = iov[i].iov_base;
        size_t len = iov[i].iov_len;
        while (len) {
            size_t take = PIECE - f->used < len ? PIECE - f->used : len;
            memcpy(f->buf + f->used, p, take);
            f->used += take;
            p += take;
            len -= take;
            if (f->used == PIECE) {
                int e = put_direct(f, PIECE);
                if (e)
                    return e;
                if (f->dfd < 0 && len) {    /* direct I/O just refused */
                    struct iovec rest = { (void *)p, len };
                    int e2 = put_plain(f, &rest, 1);
                    if (e2)
                        return e2;
                    len = 0;
                }
            }
        }
    }
    return 0;
}

int ent_bulkfile_sync(ent_bulkfile *f)
{
    if (f->dfd >= 0) {
        size_t whole = f->used / ALIGN * ALIGN;
        int e = whole ? put_direct(f, whole) : 0;
        if (e)
            return e;
        /* the tail through the page cache; it stays in buf, to go again
        ** directly once its piece is whole */
        if (f->dfd >= 0 && (e = put_all(f->fd, f->buf, f->used, f->base)))
            return e;
    }
    return fdatasync(f->fd) ? err_or(EIO) : 0;
}

void ent_bulkfile_discard(ent_bulkfile *f)
{
    if (!f)
        return;
    if (f->dfd >= 0)
        close(f->dfd);
    close(f->fd);
    free(f->buf);
    free(f);
}

int ent_bulkfile_close(ent_bulkfile *f)
{
    if (!f)
        return 0;
    int e = ent_bulkfile_sync(f);
    if (f->dfd >= 0 && close(f->dfd) && !e)
        e = err_or(EIO);
    f->dfd = -1;
    if (close(f->fd) && !e)
        e = err_or(EIO);
    f->fd = -1;
    free(f->buf);
    free(f);
    return e;
}

bool ent_bulkfile_is_direct(const ent_bulkfile *f)
{
    return f->dfd >= 0;
}

/* Direct mode from offset keep: buf starts at the aligned offset below it,
** holding the bytes of the file between the two (read back). */
static int start_direct(ent_bulkfile *f, const char *path, uint64_t keep)
{
    f->dfd = open(path, O_WRONLY | O_DIRECT | O_CLOEXEC);
    if (f->dfd < 0)
        return 0;               /* refused: plain mode */
    /* in huge pages where the kernel gives them: fewer pages to pin for
    ** each direct write and fewer TLB misses filling it */
    void *p = NULL;
    if (posix_memalign(&p, HUGE, PIECE))
        return ENOMEM;
#ifdef MADV_HUGEPAGE
    madvise(p, PIECE, MADV_HUGEPAGE);   /* a hint only */
#endif
    f->buf = p;
    f->base = keep / ALIGN * ALIGN;
    f->used = (size_t)(keep - f->base);
    for (size_t got = 0; got < f->used;) {
        ssize_t r = pread(f->fd, f->buf + got, f->used - got, (off_t)(f->base + got));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return r < 0 ? err_or(EIO) : EIO;
        got += (size_t)r;
    }
    return 0;
}

int ent_bulkfile_open(ent_bulkfile **out, const char *path, uint64_t keep, bool fresh, bool direct)
{
    *out = NULL;
    ent_bulkfile *f = calloc(1, sizeof *f);
    if (!f)
        return ENOMEM;
    f->dfd = -1;
    f->fd = open(path, O_RDWR | O_CLOEXEC | (fresh ? O_CREAT | O_TRUNC : 0), 0666);
    if (f->fd < 0) {
        int e = err_or(EIO);
        free(f);
        return e;
    }
    struct stat st;
    int e = 0;
    if (fresh)
        keep = 0;
    else if (fstat(f->fd, &st) != 0)
        e = err_or(EIO);
    else if ((uint64_t)st.st_size < keep)
        e = ERANGE;             /* shorter than its record says */
    else if (ftruncate(f->fd, (off_t)keep) != 0)
        e = err_or(EIO);
    f->base = keep;
    if (!e && direct)
        e = start_direct(f, path, keep);
    if (e) {
        ent_bulkfile_discard(f);
        return e;
    }
    *out = f;
    return 0;
}
