/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** bulkfile.c: an output file appended with direct I/O in aligned pieces by
** a writer thread of its own (see bulkfile.h for what and why).
*/
#define _GNU_SOURCE             /* O_DIRECT */
#include "bulkfile.h"
#include "core/hugemem.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Direct I/O wants the buffer, the file offset and the length aligned to the
** device's logical block; 4096 covers the usual 512 and 4096. */
#define ALIGN ((size_t)4096)
/* A piece: one huge page (fewer pages to pin for each direct write), large
** enough that a write's fixed cost is small beside its bytes; smaller for a
** file expected to be smaller (the pieces are faulted in at the start: 12 MB
** cleared cost a small sweep a third of its time). */
#define PIECE ((size_t)2 << 20)
/* Pieces in all, at most: what the writer thread may lag behind the caller
** (the caller says how many, within its memory budget). */
#define PIECES_MAX 8

/* Work for the writer thread, done in the order handed over: a piece to
** write directly, then (a sync) the bytes short of alignment through the
** page cache, fdatasync, and the caller's action. */
typedef struct job {
    struct job *next;
    char *piece;                /* NULL: no direct write */
    size_t len;
    uint64_t at;
    int sync;
    char tail[ALIGN];           /* sync: fewer than ALIGN bytes at tail_at */
    size_t tail_len;
    uint64_t tail_at;
    int (*then)(void *, const void *);
    void *ctx;
    void *snap;
    uint64_t ticket;            /* sync: its number (1, 2, ...) */
} job;

struct ent_bulkfile {
    int fd;             /* plain: the tails, fdatasync, the plain mode */
    int dfd;            /* O_DIRECT, or -1 (plain mode, no thread) */
    /* the caller's side */
    char *cur;          /* the piece being filled */
    size_t used;        /* bytes in cur */
    uint64_t base;      /* file offset of cur[0] (a multiple of ALIGN), or of
                        ** the file's end (plain mode) */
    /* shared with the writer thread, under mu */
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    job *head, *tail;   /* handed over, not yet taken */
    unsigned pending;   /* handed over, not yet done */
    uint64_t tickets;   /* syncs handed over (the caller's side) */
    uint64_t synced;    /* the last sync done */
    char *free_piece[PIECES_MAX];
    int n_free;
    int err;            /* the first error */
    int quit;
    bool refused;       /* the file system refused direct I/O */
    bool thread;        /* the writer thread runs */
    pthread_t tid;
    char *pieces;       /* n_pieces x piece, one allocation, faulted in at the start */
    int n_pieces;
    size_t piece;       /* bytes a piece: PIECE, or less (a multiple of ALIGN) */
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

/* ---- the writer thread --------------------------------------------------- */

/* A piece written directly; plainly if the file system refuses direct I/O
** (then and from then on) or a short write leaves the rest unaligned. */
static int write_piece(ent_bulkfile *f, const char *p, size_t n, uint64_t at)
{
    size_t done = 0;
    while (done < n && !f->refused) {
        ssize_t w = pwrite(f->dfd, p + done, n - done, (off_t)(at + done));
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0 && errno == EINVAL && done == 0) {
            pthread_mutex_lock(&f->mu);
            f->refused = true;
            pthread_mutex_unlock(&f->mu);
            break;
        }
        if (w <= 0)
            return w < 0 ? err_or(EIO) : EIO;
        done += (size_t)w;
        if (done % ALIGN)
            break;
    }
    return done < n ? put_all(f->fd, p + done, n - done, at + done) : 0;
}

static int do_job(ent_bulkfile *f, job *j)
{
    int e = j->piece && j->len ? write_piece(f, j->piece, j->len, j->at) : 0;
    if (!e && j->sync) {
        if (j->tail_len)
            e = put_all(f->fd, j->tail, j->tail_len, j->tail_at);
        if (!e && fdatasync(f->fd))
            e = err_or(EIO);
        if (!e && j->then)
            e = j->then(j->ctx, j->snap);
    }
    return e;
}

static void *writer(void *arg)
{
    ent_bulkfile *f = arg;
    pthread_mutex_lock(&f->mu);
    for (;;) {
        while (!f->head && !f->quit)
            pthread_cond_wait(&f->work, &f->mu);
        if (!f->head)
            break;
        job *j = f->head;
        f->head = j->next;
        if (!f->head)
            f->tail = NULL;
        int skip = f->err != 0;        /* after an error nothing more is written */
        pthread_mutex_unlock(&f->mu);
        int e = skip ? 0 : do_job(f, j);
        pthread_mutex_lock(&f->mu);
        if (e && !f->err)
            f->err = e;
        if (j->sync && !f->err)
            f->synced = j->ticket;
        if (j->piece)
            f->free_piece[f->n_free++] = j->piece;
        free(j->snap);
        free(j);
        f->pending--;
        pthread_cond_broadcast(&f->done);
    }
    pthread_mutex_unlock(&f->mu);
    return NULL;
}

/* ---- the caller's side ----------------------------------------------------- */

static int first_error(ent_bulkfile *f)
{
    pthread_mutex_lock(&f->mu);
    int e = f->err;
    pthread_mutex_unlock(&f->mu);
    return e;
}

/* e, kept as the file's error if it is the first (plain mode: no thread). */
static int keep_error(ent_bulkfile *f, int e)
{
    if (e && !f->err)
        f->err = e;
    return f->err;
}

static void hand_over(ent_bulkfile *f, job *j)
{
    pthread_mutex_lock(&f->mu);
    if (f->tail)
        f->tail->next = j;
    else
        f->head = j;
    f->tail = j;
    f->pending++;
    pthread_cond_signal(&f->work);
    pthread_mutex_unlock(&f->mu);
}

/* The next piece to fill, once the thread has given one back. */
static char *take_piece(ent_bulkfile *f)
{
    pthread_mutex_lock(&f->mu);
    while (!f->n_free)
        pthread_cond_wait(&f->done, &f->mu);
    char *p = f->free_piece[--f->n_free];
    pthread_mutex_unlock(&f->mu);
    return p;
}

/* The first `whole` bytes of cur (a multiple of ALIGN) go with job j (made
** here if NULL); a fresh piece takes over the rest. */
static int hand_over_whole(ent_bulkfile *f, size_t whole, job *j)
{
    if (!j && !(j = calloc(1, sizeof *j)))
        return ENOMEM;
    char *next = NULL;
    if (whole) {
        next = take_piece(f);
        memcpy(next, f->cur + whole, f->used - whole);
        j->piece = f->cur;
        j->len = whole;
        j->at = f->base;
        f->cur = next;
        f->used -= whole;
        f->base += whole;
    }
    hand_over(f, j);
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

int ent_bulkfile_writev(ent_bulkfile *f, const struct iovec *iov, int n)
{
    if (!f->thread)
        return keep_error(f, f->err ? f->err : put_plain(f, iov, n));
    int e = first_error(f);
    for (int i = 0; i < n && !e; i++) {
        const char *p = iov[i].iov_base;
        size_t len = iov[i].iov_len;
        while (len && !e) {
            size_t take = f->piece - f->used < len ? f->piece - f->used : len;
            memcpy(f->cur + f->used, p, take);
            f->used += take;
            p += take;
            len -= take;
            if (f->used == f->piece)
                e = hand_over_whole(f, f->piece, NULL);
        }
    }
    return e;
}

int ent_bulkfile_sync_then(ent_bulkfile *f, int (*then)(void *ctx, const void *snap), void *ctx,
                           const void *snap, size_t size)
{
    uint64_t ticket;
    return ent_bulkfile_sync_ticket(f, then, ctx, snap, size, &ticket);
}

int ent_bulkfile_sync_ticket(ent_bulkfile *f, int (*then)(void *ctx, const void *snap), void *ctx,
                             const void *snap, size_t size, uint64_t *ticket)
{
    *ticket = 0;
    if (!f->thread) {
        if (f->err)
            return f->err;
        if (fdatasync(f->fd))
            return keep_error(f, err_or(EIO));
        int e = keep_error(f, then ? then(ctx, snap) : 0);
        if (!e) {
            pthread_mutex_lock(&f->mu);
            f->synced = *ticket = ++f->tickets;
            pthread_mutex_unlock(&f->mu);
        }
        return e;
    }
    int e = first_error(f);
    if (e)
        return e;
    job *j = calloc(1, sizeof *j);
    if (!j || (then && !(j->snap = malloc(size ? size : 1)))) {
        free(j);
        return ENOMEM;
    }
    j->sync = 1;
    j->ticket = *ticket = ++f->tickets;
    j->then = then;
    j->ctx = ctx;
    if (then && size)
        memcpy(j->snap, snap, size);
    size_t whole = f->used / ALIGN * ALIGN;
    /* the bytes short of alignment: copied, as they stay in the piece that
    ** goes on filling */
    j->tail_len = f->used - whole;
    j->tail_at = f->base + whole;
    memcpy(j->tail, f->cur + whole, j->tail_len);
    return hand_over_whole(f, whole, j);
}

int ent_bulkfile_wait(ent_bulkfile *f, uint64_t ticket)
{
    pthread_mutex_lock(&f->mu);
    while (f->synced < ticket && !f->err)
        pthread_cond_wait(&f->done, &f->mu);
    int e = f->err;
    pthread_mutex_unlock(&f->mu);
    return e;
}

int ent_bulkfile_drain(ent_bulkfile *f)
{
    pthread_mutex_lock(&f->mu);
    while (f->pending)
        pthread_cond_wait(&f->done, &f->mu);
    int e = f->err;
    pthread_mutex_unlock(&f->mu);
    return e;
}

bool ent_bulkfile_is_direct(ent_bulkfile *f)
{
    if (!f->thread)
        return false;
    pthread_mutex_lock(&f->mu);
    bool refused = f->refused;
    pthread_mutex_unlock(&f->mu);
    return !refused;
}

/* ---- opening and closing ---------------------------------------------------- */

static void stop_thread(ent_bulkfile *f)
{
    if (!f->thread)
        return;
    ent_bulkfile_drain(f);
    pthread_mutex_lock(&f->mu);
    f->quit = 1;
    pthread_cond_signal(&f->work);
    pthread_mutex_unlock(&f->mu);
    pthread_join(f->tid, NULL);
    f->thread = false;
}

static void release(ent_bulkfile *f)
{
    if (f->dfd >= 0)
        close(f->dfd);
    if (f->fd >= 0)
        close(f->fd);
    free(f->pieces);
    pthread_cond_destroy(&f->work);
    pthread_cond_destroy(&f->done);
    pthread_mutex_destroy(&f->mu);
    free(f);
}

void ent_bulkfile_discard(ent_bulkfile *f)
{
    if (!f)
        return;
    stop_thread(f);
    release(f);
}

int ent_bulkfile_close(ent_bulkfile *f, bool *direct)
{
    if (direct)
        *direct = false;
    if (!f)
        return 0;
    int e = ent_bulkfile_sync_then(f, NULL, NULL, NULL, 0);
    int e2 = ent_bulkfile_drain(f);
    if (direct)
        *direct = ent_bulkfile_is_direct(f);
    stop_thread(f);
    if (!e)
        e = e2;
    if (f->dfd >= 0 && close(f->dfd) && !e)
        e = err_or(EIO);
    f->dfd = -1;
    if (close(f->fd) && !e)
        e = err_or(EIO);
    f->fd = -1;
    release(f);
    return e;
}

/* Direct mode from offset keep: the pieces, the writer thread, and the
** first piece starting at the aligned offset below keep, holding the bytes
** of the file between the two (read back). */
static int start_direct(ent_bulkfile *f, const char *path, uint64_t keep)
{
    f->dfd = open(path, O_WRONLY | O_DIRECT | O_CLOEXEC);
    if (f->dfd < 0)
        return 0;               /* refused: plain mode */
    size_t bytes = (size_t)f->n_pieces * f->piece;
    void *p = NULL;
    if (bytes >= ENT_HUGE_PAGE)
        p = ent_i_huge_alloc(&bytes);
    else if (posix_memalign(&p, ALIGN, bytes))
        p = NULL;               /* smaller than a huge page: plain pages */
    if (!p)
        return ENOMEM;
    /* resident now, whatever the file's length and the writer's pace later:
    ** the memory a sweep holds does not grow with its runs, nor depend on
    ** how far the disk lags (a small file's pieces are small) */
    memset(p, 0, bytes);
    f->pieces = p;
    for (int i = 0; i < f->n_pieces; i++)
        f->free_piece[f->n_free++] = f->pieces + (size_t)i * f->piece;
    f->cur = f->free_piece[--f->n_free];
    f->base = keep / ALIGN * ALIGN;
    f->used = (size_t)(keep - f->base);
    for (size_t got = 0; got < f->used;) {
        ssize_t r = pread(f->fd, f->cur + got, f->used - got, (off_t)(f->base + got));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return r < 0 ? err_or(EIO) : EIO;
        got += (size_t)r;
    }
    if (pthread_create(&f->tid, NULL, writer, f)) {
        /* no thread to be had: plain mode, as if direct I/O were refused */
        close(f->dfd);
        f->dfd = -1;
        free(f->pieces);
        f->pieces = f->cur = NULL;
        f->n_free = 0;
        f->used = 0;
        f->base = keep;
        return 0;
    }
    f->thread = true;
    return 0;
}

/* The size of each of n pieces for a file expected to take `expect` bytes
** more (0: unknown): PIECE, or a share of expect, whole blocks of ALIGN. */
static size_t piece_size(int n, uint64_t expect)
{
    if (expect == 0 || expect / (uint64_t)n >= PIECE)
        return PIECE;
    uint64_t share = (expect + (uint64_t)n - 1) / (uint64_t)n;
    return (size_t)((share + ALIGN - 1) / ALIGN * ALIGN);
}

int ent_bulkfile_open(ent_bulkfile **out, const char *path, uint64_t keep, bool fresh, bool direct, int pieces,
                      uint64_t expect)
{
    *out = NULL;
    ent_bulkfile *f = calloc(1, sizeof *f);
    if (!f)
        return ENOMEM;
    f->n_pieces = pieces < 2 ? 2 : pieces > PIECES_MAX ? PIECES_MAX : pieces;
    f->piece = piece_size(f->n_pieces, expect);
    f->dfd = -1;
    pthread_mutex_init(&f->mu, NULL);
    pthread_cond_init(&f->work, NULL);
    pthread_cond_init(&f->done, NULL);
    f->fd = open(path, O_RDWR | O_CLOEXEC | (fresh ? O_CREAT | O_TRUNC : 0), 0666);
    if (f->fd < 0) {
        int e = err_or(EIO);
        release(f);
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
