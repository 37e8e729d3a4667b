/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_bulkfile.c: the bulk output file (runs.csv's writer) holds exactly the
** bytes appended, in any pattern of writes, with direct I/O and without:
** when a sync's action runs (on the file's writer thread in direct mode),
** the file on disk is the whole prefix appended before the sync, and the
** actions run in order; an action's error stops the ones after it and shows
** at the next call; a file reopened at an unaligned length keeps that prefix
** and grows from it; a file shorter than the length asked for is refused.
** Two files (runs.csv and summary.csv): an action of one that waits for a
** sync of the other sees both files whole, and fails, without hanging, when
** the other file failed. Where the file system takes direct I/O, the direct
** path is exercised.
*/
#define _GNU_SOURCE             /* O_DIRECT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "io/bulkfile.h"

static char dir[PATH_MAX];
static char path[PATH_MAX + 16], path2[PATH_MAX + 16];

/* The stream appended: bytes of a fixed xorshift sequence, so that any
** misplaced or doubled piece shows. */
static unsigned char stream_byte(uint64_t i)
{
    uint64_t x = i * UINT64_C(0x9E3779B97F4A7C15) + 1;
    x ^= x >> 29;
    x *= UINT64_C(0xBF58476D1CE4E5B9);
    x ^= x >> 32;
    return (unsigned char)x;
}

static uint64_t rng_state = 88172645463325252ull;
static uint64_t rnd(uint64_t n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state % n;
}

/* Whether the file p on disk is stream bytes [0, len) (from `from` on:
** `from` is where a reopened file's second stream began, `shift` its offset
** in the stream). No assertion: the writer threads call it too. */
static int file_at_is(const char *p, uint64_t len, uint64_t from, uint64_t shift)
{
    FILE *f = fopen(p, "rb");
    if (!f)
        return 0;
    static unsigned char buf[1 << 16];
    uint64_t at = 0;
    size_t got;
    int same = 1;
    while (same && (got = fread(buf, 1, sizeof buf, f)) > 0)
        for (size_t j = 0; j < got && same; j++, at++)
            same = buf[j] == (at < from ? stream_byte(at) : stream_byte(at + shift));
    fclose(f);
    return same && at == len;
}

static int file_is(uint64_t len, uint64_t from, uint64_t shift)
{
    return file_at_is(path, len, from, shift);
}

/* Whether the file p on disk begins with stream bytes [0, len) (it may
** have more: its writer thread goes on). */
static int file_begins(const char *p, uint64_t len)
{
    FILE *f = fopen(p, "rb");
    if (!f)
        return 0;
    static unsigned char buf[1 << 16];
    uint64_t at = 0;
    int same = 1;
    while (same && at < len) {
        size_t want = len - at < sizeof buf ? (size_t)(len - at) : sizeof buf;
        size_t got = fread(buf, 1, want, f);
        if (got == 0)
            break;
        for (size_t j = 0; j < got && same; j++, at++)
            same = buf[j] == stream_byte(at);
    }
    fclose(f);
    return same && at == len;
}

static void assert_file_is(uint64_t len, uint64_t from, uint64_t shift)
{
    if (!file_is(len, from, shift))
        fail_msg("the file is not the %llu bytes appended", (unsigned long long)len);
}

/* What the sync actions saw: each one's length, and whether the file on
** disk was the stream up to it. */
typedef struct {
    uint64_t from, shift;
    int n, bad, out_of_order;
    uint64_t last;
} seen_log;

typedef struct {
    uint64_t len;
    int fail;               /* the action fails (EIO) */
} sync_note;

static int on_sync(void *ctx, const void *snap)
{
    seen_log *log = ctx;
    const sync_note *note = snap;
    log->n++;
    if (!file_is(note->len, log->from, log->shift))
        log->bad++;
    if (note->len < log->last)
        log->out_of_order++;
    log->last = note->len;
    return note->fail ? EIO : 0;
}

/* Whether this folder's file system takes a direct write at all. */
static int fs_takes_direct(void)
{
    char probe[PATH_MAX + 16];
    snprintf(probe, sizeof probe, "%s/probe", dir);
    int fd = open(probe, O_WRONLY | O_CREAT | O_TRUNC | O_DIRECT, 0644);
    void *buf = NULL;
    int ok = fd >= 0 && !posix_memalign(&buf, 4096, 4096);
    if (ok) {
        memset(buf, 'x', 4096);
        ok = pwrite(fd, buf, 4096, 0) == 4096;
    }
    free(buf);
    if (fd >= 0)
        close(fd);
    unlink(probe);
    return ok;
}

/* Append `total` stream bytes from stream offset `at` (file offset
** `file_at`), in writes of 1 to 40 pieces of random sizes (sometimes a
** piece larger than the writer's pieces), from a buffer overwritten at once,
** syncing now and then with an action that checks the file. */
static void append_random(ent_bulkfile *f, uint64_t at, uint64_t file_at, uint64_t total, uint64_t from,
                          uint64_t shift)
{
    seen_log log = { from, shift, 0, 0, 0, 0 };
    int syncs = 0;
    enum { MAXV = 40 };
    static unsigned char data[12u << 20];
    uint64_t end = file_at + total;
    while (file_at < end) {
        struct iovec iov[MAXV];
        int n = 1 + (int)rnd(MAXV);
        size_t off = 0;
        int k = 0;
        for (; k < n && file_at + off < end; k++) {
            size_t len = rnd(8) == 0 ? (size_t)rnd(9u << 20) : (size_t)rnd(5000);
            if (len > end - file_at - off)
                len = (size_t)(end - file_at - off);
            if (off + len > sizeof data)
                break;
            for (size_t j = 0; j < len; j++)
                data[off + j] = stream_byte(at + off + j);
            iov[k].iov_base = data + off;
            iov[k].iov_len = len;
            off += len;
        }
        assert_int_equal(ent_bulkfile_writev(f, iov, k), 0);
        at += off;
        file_at += off;
        if (rnd(4) == 0) {
            sync_note note = { file_at, 0 };
            assert_int_equal(ent_bulkfile_sync_then(f, on_sync, &log, &note, sizeof note), 0);
            syncs++;
        }
    }
    assert_int_equal(ent_bulkfile_drain(f), 0);
    assert_int_equal(log.n, syncs);
    assert_int_equal(log.bad, 0);
    assert_int_equal(log.out_of_order, 0);
}

/* An action that fails: its error shows at the next call and from then on,
** and the actions after it do not run. */
static void check_failing_action(bool direct)
{
    ent_bulkfile *f;
    assert_int_equal(ent_bulkfile_open(&f, path, 0, true, direct, 4, 0), 0);
    seen_log log = { UINT64_MAX, 0, 0, 0, 0, 0 };
    static unsigned char data[5u << 20];
    for (size_t j = 0; j < sizeof data; j++)
        data[j] = stream_byte(j);
    struct iovec iov = { data, sizeof data };
    assert_int_equal(ent_bulkfile_writev(f, &iov, 1), 0);
    sync_note bad = { sizeof data, 1 }, good = { sizeof data, 0 };
    int e = ent_bulkfile_sync_then(f, on_sync, &log, &bad, sizeof bad);
    if (!e)
        e = ent_bulkfile_drain(f);
    assert_int_equal(e, EIO);
    assert_int_equal(ent_bulkfile_sync_then(f, on_sync, &log, &good, sizeof good), EIO);
    assert_int_equal(ent_bulkfile_writev(f, &iov, 1), EIO);
    assert_int_equal(ent_bulkfile_close(f, NULL), EIO);
    assert_int_equal(log.n, 1);
    assert_int_equal(log.bad, 0);       /* the failing action still saw the whole file */
}

/* Two files, each synced on its own thread; the second's action waits for
** the first's sync (a ticket) before it looks at both. */
typedef struct {
    ent_bulkfile *first;
    int n, bad, wait_err;
    _Atomic uint64_t first_done;    /* the first file's syncs whose actions are done */
} pair_log;

/* The first file's action: slow, so that a wait that does not wait shows. */
static int on_first_sync(void *ctx, const void *snap)
{
    pair_log *log = ctx;
    (void)snap;
    usleep(2000);
    log->first_done++;
    return 0;
}

typedef struct {
    uint64_t ticket, first_len, second_len;
} pair_note;

static int on_second_sync(void *ctx, const void *snap)
{
    pair_log *log = ctx;
    const pair_note *note = snap;
    int e = ent_bulkfile_wait(log->first, note->ticket);
    if (e) {
        log->wait_err = e;
        return e;
    }
    log->n++;
    if (log->first_done < note->ticket)     /* its action too */
        log->bad++;
    /* the first file's sync is done: its bytes are on disk (and perhaps
    ** more, appended since); the second's own sync is done before its
    ** action, and nothing after it */
    if (!file_begins(path, note->first_len) || !file_at_is(path2, note->second_len, UINT64_MAX, 0))
        log->bad++;
    return 0;
}

/* Append n stream bytes from `at` to f. */
static void append_stream(ent_bulkfile *f, uint64_t at, size_t n)
{
    static unsigned char data[3u << 20];
    assert_true(n <= sizeof data);
    for (size_t j = 0; j < n; j++)
        data[j] = stream_byte(at + j);
    struct iovec iov = { data, n };
    assert_int_equal(ent_bulkfile_writev(f, &iov, 1), 0);
}

static void check_two_files(bool direct)
{
    ent_bulkfile *a, *b;
    assert_int_equal(ent_bulkfile_open(&a, path, 0, true, direct, 4, 0), 0);
    assert_int_equal(ent_bulkfile_open(&b, path2, 0, true, direct, 2, 0), 0);   /* as summary.csv: 2 pieces */
    pair_log log = { a, 0, 0, 0, 0 };
    uint64_t la = 0, lb = 0, last = 0;
    enum { SYNCS = 24 };
    for (int i = 0; i < SYNCS; i++) {
        size_t na = (size_t)rnd(3u << 20), nb = (size_t)rnd(1u << 20);
        append_stream(a, la, na);
        append_stream(b, lb, nb);
        la += na;
        lb += nb;
        pair_note note = { 0, la, lb };
        assert_int_equal(ent_bulkfile_sync_ticket(a, on_first_sync, &log, NULL, 0, &note.ticket), 0);
        assert_true(note.ticket > last);            /* tickets grow */
        last = note.ticket;
        assert_int_equal(ent_bulkfile_sync_then(b, on_second_sync, &log, &note, sizeof note), 0);
    }
    assert_int_equal(ent_bulkfile_drain(b), 0);
    assert_int_equal(ent_bulkfile_wait(a, last), 0);
    assert_int_equal(log.n, SYNCS);
    assert_int_equal(log.bad, 0);
    assert_int_equal(log.wait_err, 0);

    /* the first file fails (its sync's action): the second's action waiting
    ** for it gets the error instead of waiting for ever */
    seen_log seen = { UINT64_MAX, 0, 0, 0, 0, 0 };
    sync_note fails = { la, 1 };
    pair_note note = { 0, la, lb };
    int e = ent_bulkfile_sync_ticket(a, on_sync, &seen, &fails, sizeof fails, &note.ticket);
    assert_true(e == 0 || e == EIO);
    if (e == 0)
        assert_int_equal(ent_bulkfile_sync_then(b, on_second_sync, &log, &note, sizeof note), 0);
    else    /* plain mode: the action ran in the call; the ticket is 0 */
        note.ticket = last + 1;
    if (e == EIO)
        assert_int_equal(ent_bulkfile_sync_then(b, on_second_sync, &log, &note, sizeof note), EIO);
    else
        assert_int_equal(ent_bulkfile_drain(b), EIO);
    assert_int_equal(log.wait_err, EIO);
    assert_int_equal(ent_bulkfile_wait(a, note.ticket), EIO);
    assert_int_equal(ent_bulkfile_close(b, NULL), EIO);
    assert_int_equal(ent_bulkfile_close(a, NULL), EIO);
    unlink(path2);
}

/* expect: what the file is said to take (0: unknown); the file takes
** more, whatever is said (pieces smaller than 2 MB cost speed, not bytes) */
static void check_mode(bool direct, uint64_t expect)
{
    ent_bulkfile *f;
    assert_int_equal(ent_bulkfile_open(&f, path, 0, true, direct, 4, expect), 0);
    uint64_t total = (uint64_t)(13u << 20) + 1234;
    append_random(f, 0, 0, total, UINT64_MAX, 0);
    bool was_direct;
    assert_int_equal(ent_bulkfile_close(f, &was_direct), 0);
    if (direct && fs_takes_direct())
        assert_true(was_direct);
    if (!direct)
        assert_false(was_direct);
    assert_file_is(total, UINT64_MAX, 0);

    /* reopened at an unaligned length inside the file, it keeps that
    ** prefix; what follows is another part of the stream */
    uint64_t keep = (uint64_t)(7u << 20) + 777, shift = 5555;
    assert_int_equal(ent_bulkfile_open(&f, path, keep, false, direct, 4, expect), 0);
    append_random(f, keep + shift, keep, (uint64_t)(6u << 20) + 99, keep, shift);
    assert_int_equal(ent_bulkfile_close(f, NULL), 0);
    assert_file_is(keep + (6u << 20) + 99, keep, shift);

    /* a file shorter than its record says is refused, and left as it is */
    assert_int_equal(ent_bulkfile_open(&f, path, UINT64_C(1) << 40, false, direct, 4, expect), ERANGE);
    assert_null(f);
    assert_file_is(keep + (6u << 20) + 99, keep, shift);
}

static void test_direct(void **state)
{
    (void)state;
    check_mode(true, 0);
    /* pieces of 4 KB (one block each), of 28 KB, and of 2 MB less 4 KB */
    check_mode(true, 1);
    check_mode(true, 100000);
    check_mode(true, (UINT64_C(8) << 20) - 16384);
    check_failing_action(true);
    check_two_files(true);
}

static void test_buffered(void **state)
{
    (void)state;
    check_mode(false, 0);
    check_mode(false, 100000);
    check_failing_action(false);
    check_two_files(false);
}

/* A missing file is refused when reopened; nothing is created. */
static void test_missing(void **state)
{
    (void)state;
    char missing[PATH_MAX + 16];
    snprintf(missing, sizeof missing, "%s/missing.csv", dir);
    ent_bulkfile *f;
    assert_int_equal(ent_bulkfile_open(&f, missing, 10, false, true, 4, 0), ENOENT);
    assert_null(f);
    assert_int_equal(access(missing, F_OK), -1);
}

/* The files go beside the test program: a build folder is on the file
** system the results go to, where /tmp may be one without direct I/O. */
static int setup(void **state)
{
    (void)state;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return -1;
    exe[n] = '\0';
    snprintf(dir, sizeof dir, "%s/bulkfile.XXXXXX", dirname(exe));
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/runs.csv", dir);
    snprintf(path2, sizeof path2, "%s/summary.csv", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(path);
    return rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_direct),
        cmocka_unit_test(test_buffered),
        cmocka_unit_test(test_missing),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
