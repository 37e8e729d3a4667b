/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** sweep_mpi.c: a sweep shared among the processes of `mpirun -np K` (built
** with `make MPI=1`; without it, the functions below describe one process
** and refuse to be started as several).
**
** Rank 0 hands out chunks of runs (their design points) to the other ranks,
** at most DEPTH chunks in flight per rank, a new one as each comes back
** (dynamic load balancing); it also plays chunks itself, in small pieces so
** that it answers quickly, and writes every file, in run order, as a single
** process does. A rank returns each run's outcomes (binary doubles, exact)
** and its formatted runs.csv row, so the files are the same bytes for any
** number of processes and threads. A rank that cannot play answers with a
** message; rank 0 then collects every chunk still out and stops the sweep
** with that message (its work folder stays resumable; DIR is untouched).
*/
#define _DEFAULT_SOURCE         /* MAP_POPULATE */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include "entente/sweep.h"
#include "sweep/sweep_int.h"
#include "core/hugemem.h"

/* Launched as one of several processes by mpirun (Open MPI, MPICH) or srun? */
static long launched_size(void)
{
    static const char *const vars[] = { "OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE", "MPI_LOCALNRANKS" };
    for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return strtol(v, NULL, 10);
    }
    return getenv("PMIX_RANK") ? 2 : 0;
}

double ent_i_cpu_seconds(void)
{
    struct rusage u;
    if (getrusage(RUSAGE_SELF, &u) != 0)
        return 0;
    return (double)u.ru_utime.tv_sec + 1e-6 * (double)u.ru_utime.tv_usec + (double)u.ru_stime.tv_sec +
           1e-6 * (double)u.ru_stime.tv_usec;
}

#ifndef ENT_MPI

int ent_i_mpi_rank(void) { return 0; }
int ent_i_mpi_size(void) { return 1; }
ent_i_mpi *ent_i_mpi_begin(const ent_i_mpi_job *job) { (void)job; return NULL; }
int ent_i_mpi_block(ent_i_mpi *m, ent_i_block *now, ent_i_block *next, uint64_t replay_end,
                    void (*between)(void *ctx, const ent_i_between_hooks *hooks), char *err, size_t cap)
{
    (void)m; (void)now; (void)next; (void)replay_end; (void)between;
    snprintf(err, cap, "built without MPI");
    return -1;
}
void ent_i_mpi_end(ent_i_mpi *m, ent_i_mpi_stats *st) { (void)m; memset(st, 0, sizeof *st); }
int ent_i_mpi_serve(const ent_i_mpi_job *job, ent_i_block *b, uint64_t cap_runs)
{
    (void)job; (void)b; (void)cap_runs;
    return -1;
}

int ent_i_mpi_batch(const ent_i_batches *b, size_t n, const double *theta, const uint64_t *stream,
                    double *out, char *err, size_t cap)
{
    if (b->play(b->ctx, n, theta, stream, 0, n * b->R, out)) {
        snprintf(err, cap, "out of memory");
        return -1;
    }
    return 0;
}
void ent_i_mpi_batch_serve(const ent_i_batches *b, int broken) { (void)b; (void)broken; }
void ent_i_mpi_batch_end(void) {}

int ent_sweep_mpi_start(int *argc, char ***argv, char *err, size_t cap)
{
    (void)argc; (void)argv;
    if (launched_size() > 1) {
        snprintf(err, cap, "this entente was built without MPI but started as one of %ld processes "
                 "(by mpirun or srun); build it with 'make MPI=1', or run it alone", launched_size());
        return -1;
    }
    return 0;
}
void ent_sweep_mpi_end(void) {}
void ent_sweep_mpi_refuse(const char *msg) { (void)msg; }
bool ent_sweep_mpi_built(void) { return false; }

#else

#include <mpi.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>

enum { TAG_WORK = 1, TAG_DONE, TAG_FAIL, TAG_STOP, TAG_HELLO, TAG_DONE_SHARED };
enum { DEPTH = 2 };             /* chunks in flight per rank */
#define SEG_ALIGN ENT_HUGE_PAGE     /* message buffers in whole (huge) pages */
/* Seconds between polls while a process plays (rank 0 adapts it to how long
** a chunk takes): each poll costs microseconds, MPI's state being out of
** the cache after runs. */
#define POLL_S 1e-3

static int g_on, g_rank, g_size, g_stopped;
static double g_start_s;        /* CPU seconds of this process's first exchange */
static MPI_Comm g_comm = MPI_COMM_NULL;

int ent_i_mpi_rank(void) { return g_on ? g_rank : 0; }
int ent_i_mpi_size(void) { return g_on ? g_size : 1; }
bool ent_sweep_mpi_built(void) { return true; }

/* CPU seconds of the calling thread (the one that calls MPI): what the
** messages cost, not how long a loaded machine made them wait. */
static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Waiting costs no core: naps from 10 us (50 us for work), doubling, so
** that a process oversleeps by less than it has waited already. Each wake-up and look
** costs tens of microseconds of CPU, so the other ranks, idle while rank 0
** writes, nap up to 16 ms; rank 0, on whom every rank waits, up to 1 ms. */
static void nap(long *ns)
{
    struct timespec t = { 0, *ns };
    nanosleep(&t, NULL);
    long most = g_rank == 0 ? 1000000L : 16000000L;
    if (*ns < most)
        *ns = 2 * *ns < most ? 2 * *ns : most;
}

/* Wait, napping, for a request of this rank to complete. */
static void wait_send(MPI_Request *req)
{
    long ns = 10000;
    int done = 0;
    for (;;) {
        MPI_Test(req, &done, MPI_STATUS_IGNORE);
        if (done)
            return;
        nap(&ns);
    }
}

/* The header of every work and result message. */
typedef struct {
    uint64_t first, count, replay_end, lines_bytes;
    uint64_t points;            /* work: 0, or its points each once and their runs (send_chunk) */
    double comm_s;              /* the sender's CPU seconds in MPI so far */
    double start_s;             /* the sender's CPU seconds getting ready (before its first chunk) */
    double cpu_s;               /* the sender's CPU seconds so far */
    uint64_t reused;            /* the sender's runs so far that took an earlier run's outcomes */
    char settings[72];
    /* results through shared memory (shared_seg): in a result, the name and
    ** size of the sender's segment until rank 0 has it; in work, whether
    ** rank 0 has it (then the result may come through it) */
    char shared_name[40];
    uint64_t shared_size, shared_ok;
} msg_head;
/* the outcomes that follow it in a message are read in place */
_Static_assert(sizeof(msg_head) % sizeof(double) == 0, "msg_head keeps doubles aligned");

/* MPI connects two processes on their first message (shared memory mapped,
** queues set up), which would otherwise fall on the first chunks: one
** byte each way between rank 0 and every other rank, now. Its CPU time is
** the start-up figure of timing.json, apart from the per-run overhead. */
static void connect_all(void)
{
    double t0 = now_s();
    MPI_Request *req = malloc(2 * (size_t)g_size * sizeof *req);
    unsigned char *b = calloc(2 * (size_t)g_size, 1);
    if (!req || !b) {
        free(req);
        free(b);
        return;                 /* then the first chunks pay for it */
    }
    int n = 0;
    for (int r = g_rank ? 0 : 1; r < (g_rank ? 1 : g_size); r++) {
        MPI_Irecv(b + 2 * r, 1, MPI_BYTE, r, TAG_HELLO, g_comm, &req[n++]);
        MPI_Isend(b + 2 * r + 1, 1, MPI_BYTE, r, TAG_HELLO, g_comm, &req[n++]);
    }
    for (int i = 0; i < n; i++)
        wait_send(&req[i]);
    free(req);
    free(b);
    g_start_s = now_s() - t0;
}

int ent_sweep_mpi_start(int *argc, char ***argv, char *err, size_t cap)
{
    if (launched_size() <= 0)
        return 0;               /* alone: no MPI at all */
    int provided = 0;
    if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS ||
        provided < MPI_THREAD_FUNNELED) {
        snprintf(err, cap, "MPI did not start (MPI_Init_thread)");
        return -1;
    }
    MPI_Comm_dup(MPI_COMM_WORLD, &g_comm);
    MPI_Comm_rank(g_comm, &g_rank);
    MPI_Comm_size(g_comm, &g_size);
    g_on = 1;
    connect_all();
    return g_rank;
}

void ent_sweep_mpi_end(void)
{
    if (!g_on)
        return;
    if (g_rank == 0 && !g_stopped)
        for (int r = 1; r < g_size; r++)
            MPI_Send(NULL, 0, MPI_BYTE, r, TAG_STOP, g_comm);
    g_stopped = 1;
    MPI_Comm_free(&g_comm);
    MPI_Finalize();
    g_on = 0;
}

static double wall_s(void);

/* Wait for the next message to this rank; its size in bytes. The other
** ranks wait for chunks of milliseconds, and, when rank 0's writing sets
** the pace, for tens of them each time: their first nap is an eighth of
** their last wait that needed one, so that a long wait takes a few naps,
** not a dozen (each wake-up costs tens of microseconds of CPU). */
static int wait_msg(MPI_Status *st)
{
    static long last_wait_ns;
    int flag = 0;
    long ns = g_rank == 0 ? 10000 : 50000;
    if (g_rank > 0 && last_wait_ns / 8 > ns)
        ns = last_wait_ns / 8 < 16000000L ? last_wait_ns / 8 : 16000000L;
    double w0 = 0;
    for (;;) {
        MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, g_comm, &flag, st);
        if (flag)
            break;
        if (w0 == 0)
            w0 = wall_s();
        nap(&ns);
    }
    if (w0 != 0)
        last_wait_ns = (long)(1e9 * (wall_s() - w0));
    int n = 0;
    MPI_Get_count(st, MPI_BYTE, &n);
    return n;
}

static int grow(unsigned char **buf, size_t *cap, size_t need)
{
    if (need <= *cap)
        return 0;
    unsigned char *p = realloc(*buf, need);
    if (!p)
        return -1;
    *buf = p;
    *cap = need;
    return 0;
}

/* A buffer that messages use whole, in whole huge pages (n is rounded
** up): a fresh page is what a message costs most (the kernel clears it on
** first touch), and a huge page takes one fault per 2 MB, not 512. */
static unsigned char *seg_alloc(size_t *n)
{
    return ent_i_huge_alloc(n);
}

/* Fault in the pages of p[0, n) now rather than at their first message. */
static void touch(unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i += 4096)
        ((volatile unsigned char *)p)[i] = 0;
}

/* ---- results through shared memory ----------------------------------------------- */

/* A rank on rank 0's node plays its results into memory that both map (a
** POSIX shared-memory object it makes) and sends rank 0 only where a result
** lies (TAG_DONE_SHARED); rank 0 copies it with memcpy, which costs half or
** less of the CPU of Open MPI's copy between processes (process_vm_readv),
** the largest part of the MPI time. The object's name goes with the rank's
** first results, sent as messages; rank 0 maps it if it can (on another
** node the name is unknown), unlinks the name, and says so in the next work
** messages. A result is copied before the rank is sent the chunk that
** reuses its buffer (at most DEPTH chunks in flight), so no flag is needed.
** The segment's first word counts the results (and failures) the rank has
** sent: rank 0 reads it rather than asking MPI whether a message came, a
** look that costs 10-20 us and mostly finds nothing. ENTENTE_MPI_SHARED=no
** keeps every result in messages. */
#define SHARED_HEAD 64              /* the count, then the result buffers */
typedef struct {
    unsigned char *base;
    size_t size;
    char name[40];
    int live;                   /* mapped by this process */
} shared_seg;

static void shared_drop(shared_seg *g)
{
    if (!g->live)
        return;
    munmap(g->base, g->size);
    shm_unlink(g->name);        /* rank 0 may have unlinked it already */
    g->live = 0;
    g->base = NULL;
}

/* One more message sent to rank 0 (a result or a failure), for rank 0's
** looks (shared_news). */
static void shared_count(shared_seg *g)
{
    if (g->live)
        __atomic_add_fetch((uint64_t *)(void *)g->base, 1, __ATOMIC_RELEASE);
}

/* Make a segment of `size` bytes, its pages reserved (a full /dev/shm is
** refused here rather than a SIGBUS at the first store) and mapped. */
static int shared_make(shared_seg *g, size_t size)
{
    const char *off = getenv("ENTENTE_MPI_SHARED");
    if (off && !strcmp(off, "no"))
        return -1;
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    unsigned long long nonce = (unsigned long long)t.tv_nsec * 2654435761u ^ (unsigned long long)t.tv_sec;
    snprintf(g->name, sizeof g->name, "/entente-%ld-%d-%llx", (long)getpid(), g_rank, nonce & 0xffffffffffull);
    int fd = shm_open(g->name, O_RDWR | O_CREAT | O_EXCL, 0600);
    if (fd < 0)
        return -1;
    void *p = MAP_FAILED;
    if (ftruncate(fd, (off_t)size) == 0 && posix_fallocate(fd, 0, (off_t)size) == 0)
        p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED) {
        shm_unlink(g->name);
        return -1;
    }
    g->base = p;
    g->size = size;
    g->live = 1;
    return 0;
}

/* Rank 0: map rank r's segment, named in its result (untrusted: the name
** must be one shared_make makes, and the object as large as it says), and
** unlink the name, so that nothing is left behind. -1 if it cannot. */
static int shared_map(shared_seg *g, const char *name, uint64_t size)
{
    size_t len = strnlen(name, sizeof g->name);
    if (len == sizeof g->name || strncmp(name, "/entente-", 9) || strchr(name + 1, '/') || size == 0 ||
        size > SIZE_MAX / 2)
        return -1;
    int fd = shm_open(name, O_RDONLY, 0);
    if (fd < 0)
        return -1;
    struct stat sb;
    void *p = MAP_FAILED;
    if (fstat(fd, &sb) == 0 && (uint64_t)sb.st_size == size)
        p = mmap(NULL, (size_t)size, PROT_READ, MAP_SHARED | MAP_POPULATE, fd, 0);
    close(fd);
    shm_unlink(name);
    if (p == MAP_FAILED)
        return -1;
    memcpy(g->name, name, len + 1);
    g->base = p;
    g->size = (size_t)size;
    g->live = 1;
    return 0;
}

/* ---- the other ranks ---------------------------------------------------------- */

static void refuse_loop(const char *msg)
{
    unsigned char *buf = NULL;
    size_t cap = 0;
    for (;;) {
        MPI_Status st;
        int n = wait_msg(&st);
        if (grow(&buf, &cap, (size_t)n + 1))
            MPI_Abort(g_comm, 1);
        MPI_Recv(buf, n, MPI_BYTE, 0, st.MPI_TAG, g_comm, MPI_STATUS_IGNORE);
        if (st.MPI_TAG == TAG_STOP)
            break;
        MPI_Send(msg, (int)strlen(msg) + 1, MPI_CHAR, 0, TAG_FAIL, g_comm);
    }
    free(buf);
}

void ent_sweep_mpi_refuse(const char *msg)
{
    if (g_on && g_rank > 0)
        refuse_loop(msg);
}

static double wall_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Between runs: let MPI move the last result along, after POLL_S, then
** twice as long each time (rank 0 takes it when it looks, often after
** writing a block), until it is gone. */
typedef struct {
    MPI_Request *req;
    double last, every, *comm;
    int done;                   /* then no more calls until the next chunk */
} poll_send;

static void send_progress(void *pctx)
{
    poll_send *ps = pctx;
    double t = wall_s();
    if (ps->done || t - ps->last < ps->every)
        return;
    ps->last = t;
    ps->every *= 2;
    double t0 = now_s();
    MPI_Test(ps->req, &ps->done, MPI_STATUS_IGNORE);
    *ps->comm += now_s() - t0;
}

/* A work message's points, each with its number of runs, into x (h->count
** runs of k values); -1 if the runs do not add up. */
static int unpack_points(const unsigned char *p, const msg_head *h, size_t k, double *x)
{
    size_t row = k * sizeof(double);
    const unsigned char *u = p + h->points * row;
    uint64_t at = 0;
    for (uint64_t j = 0; j < h->points; j++) {
        uint32_t runs;
        memcpy(&runs, u + j * sizeof runs, sizeof runs);
        if (runs == 0 || runs > h->count - at)
            return -1;
        for (uint32_t i = 0; i < runs; i++)
            memcpy(x + (at + i) * k, p + j * row, row);
        at += runs;
    }
    return at == h->count ? 0 : -1;
}

/* What a result holds per run between its outcomes and its row: with late
** values, the run's values; rounds and row length; with late values, the
** counts of values clamped and bad. */
static size_t result_per_run(const ent_i_mpi_job *job)
{
    size_t per = 2 * sizeof(uint32_t);
    if (job->late_values)
        per += job->k * sizeof(double) + 2 * sizeof(uint32_t);
    return per;
}

/* The runs [*wf, *wf + *nw R) of a chunk of runs [first, first + count):
** the points that lie whole in it, which the process that plays them
** summarises when the sweep has that many replicates (point_stats_R);
** else none. */
static void whole_points(const ent_i_mpi_job *job, uint64_t first, uint64_t count, uint64_t *wf, uint64_t *nw)
{
    uint64_t R = job->point_stats_R;
    *wf = *nw = 0;
    if (!R || job->texts_only)
        return;
    uint64_t a = (R - first % R) % R;   /* the first run of a point begun in the chunk */
    if (a < count) {
        *wf = a;
        *nw = (count - a) / R;
    }
}

/* The bytes of a result's outcomes: none when the rows hold them all and
** suffice (texts_only); else the runs' outside whole points, and for each
** whole point its statistics (8 a outcome). */
static size_t outcome_bytes(const ent_i_mpi_job *job, uint64_t count, uint64_t nw)
{
    if (job->texts_only)
        return 0;
    uint64_t R = job->point_stats_R;
    return ((count - nw * R) * job->n_out + nw * 8 * job->n_out) * sizeof(double);
}

/* The largest result of a chunk of n runs: head, outcomes, the per-run
** part and rows (at most line_cap bytes each). */
static size_t result_max(const ent_i_mpi_job *job, uint64_t n)
{
    return sizeof(msg_head) + n * (job->n_out * sizeof(double) + result_per_run(job) + job->line_cap);
}

/* The worker's two result buffers, one region: out[1] = out[0] + half; the
** region is a shared segment when one could be made. */
typedef struct {
    unsigned char *out[2];
    size_t half;
    MPI_Request req[2];
    shared_seg shared;
    uint64_t where[2][2];       /* a result's offset and length in the segment, while sent */
} results;

/* Room for results of n runs in each buffer; -1 on no memory. */
static int results_room(results *R, size_t need)
{
    if (need <= R->half)
        return 0;
    wait_send(&R->req[0]);
    wait_send(&R->req[1]);
    /* the first region is a shared segment if it can be; a later, larger
    ** one (never, while chunks keep their size) is private */
    int first = R->half == 0;
    if (R->shared.live)
        shared_drop(&R->shared);
    else
        free(R->out[0]);
    R->half = (need + 63) & ~(size_t)63;   /* out[1]'s doubles aligned too */
    size_t n = 2 * R->half;
    if (first && shared_make(&R->shared, SHARED_HEAD + n) == 0)
        R->out[0] = R->shared.base + SHARED_HEAD;
    else
        R->out[0] = seg_alloc(&n);
    R->out[1] = R->out[0] ? R->out[0] + R->half : NULL;
    if (!R->out[0])
        R->half = 0;
    return R->out[0] ? 0 : -1;
}

int ent_i_mpi_serve(const ent_i_mpi_job *job, ent_i_block *b, uint64_t cap_runs)
{
    /* results go out from one buffer while the next chunk plays into the
    ** other; the chunk plays in pieces, between which MPI moves the last
    ** result along */
    double s0 = now_s(), cpu0 = ent_i_cpu_seconds();
    unsigned char *in = NULL;
    size_t in_cap = 0;
    results R = { { NULL, NULL }, 0, { MPI_REQUEST_NULL, MPI_REQUEST_NULL }, { NULL, 0, "", 0 }, { { 0 } } };
    int shared_ok = 0;          /* rank 0 has mapped R.shared */
    int cur = 0;
    double comm = 0;
    char why[256] = "";
    /* the result buffers of a chunk's size, their pages faulted in before
    ** the first chunk: once per sweep, reported as start-up */
    if (results_room(&R, result_max(job, job->chunk)) == 0)
        touch(R.out[0], 2 * R.half);
    double start = g_start_s + now_s() - s0;
    int first = 1;
    double *keep_x = b->x, *keep_out = b->out;
    char *keep_lines = b->lines;
    uint32_t *keep_rounds = b->rounds, *keep_len = b->len, *keep_clamped = b->clamped, *keep_bad = b->bad;
    /* a result's rows go whole (packed below), none pointing into another */
    const char **keep_tail = b->tail;
    b->tail = NULL;
    /* nor does rank 0 read which runs repeat the one before */
    unsigned char *keep_repeats = b->repeats;
    b->repeats = NULL;
    uint64_t *keep_kind = b->kind;
    b->kind = NULL;
    for (;;) {
        MPI_Status st;
        double t0 = now_s();
        int n = wait_msg(&st);
        if (first) {
            /* waiting for rank 0 to make the first chunk: start-up too */
            start += now_s() - t0;
            t0 = now_s();
            first = 0;
        }
        if (grow(&in, &in_cap, (size_t)n + sizeof(msg_head))) {
            snprintf(why, sizeof why, "out of memory");
            break;
        }
        MPI_Recv(in, n, MPI_BYTE, 0, st.MPI_TAG, g_comm, MPI_STATUS_IGNORE);
        if (st.MPI_TAG == TAG_STOP)
            break;
        msg_head h;
        memcpy(&h, in, sizeof h);
        h.settings[sizeof h.settings - 1] = 0;
        if (strcmp(h.settings, job->settings)) {
            snprintf(why, sizeof why, "it read another sweep than rank 0 (a different FILE, options or "
                     "file contents; settings %.12s..., rank 0's %.12s...)", job->settings, h.settings);
            break;
        }
        shared_ok = h.shared_ok == 1;
        size_t row = job->k * sizeof(double);
        if (h.count == 0 || h.count > cap_runs || h.points > h.count ||
            (size_t)n != sizeof h + (h.points ? h.points * (row + sizeof(uint32_t)) : h.count * row) ||
            (h.points && unpack_points(in + sizeof h, &h, job->k, keep_x))) {
            snprintf(why, sizeof why, "a malformed work message");
            break;
        }
        /* the runs read their points in the message, and write their
        ** outcomes, rounds, row lengths and rows straight into the result
        ** (rows line_cap apart, packed in place after) */
        wait_send(&R.req[cur]);
        if (results_room(&R, result_max(job, h.count))) {
            snprintf(why, sizeof why, "out of memory");
            break;
        }
        unsigned char *o = R.out[cur];
        uint64_t wf, nw;
        whole_points(job, h.first, h.count, &wf, &nw);
        size_t no = outcome_bytes(job, h.count, nw);
        size_t nu = h.count * sizeof(uint32_t);
        size_t nx = job->late_values ? h.count * row : 0, nl = job->late_values ? 2 * nu : 0;
        b->x = h.points ? keep_x : (double *)(void *)(in + sizeof h);
        if (job->late_values) {
            /* the runs make their values in the result, for rank 0 */
            memcpy(o + sizeof h + no, b->x, nx);
            b->x = (double *)(void *)(o + sizeof h + no);
            b->clamped = (uint32_t *)(void *)(o + sizeof h + no + nx + 2 * nu);
            b->bad = (uint32_t *)(void *)(o + sizeof h + no + nx + 3 * nu);
        }
        b->first = h.first;
        b->count = h.count;
        /* outcomes the rows hold, or that whole points' statistics stand
        ** for, are played into this process's block */
        b->out = job->texts_only || nw ? keep_out : (double *)(void *)(o + sizeof h);
        b->rounds = (uint32_t *)(void *)(o + sizeof h + no + nx);
        b->len = (uint32_t *)(void *)(o + sizeof h + no + nx + nu);
        b->lines = (char *)(o + sizeof h + no + nx + 2 * nu + nl);
        comm += now_s() - t0;
        poll_send ps = { &R.req[1 - cur], wall_s(), POLL_S, &comm, 0 };
        b->pack = job->one_thread ? b->lines : NULL;
        job->play(job->ctx, b, 0, h.count, h.replay_end, send_progress, &ps);
        size_t per = job->n_out * sizeof(double), after = h.count - wf - nw * job->point_stats_R;
        if (nw && !job->failed(job->ctx)) {
            /* the whole points' statistics (work rank 0 is spared, not
            ** MPI's), between the runs before the first and after the last */
            unsigned char *q = o + sizeof h + wf * per;
            for (uint64_t j = 0; j < nw; j++, q += 8 * per)
                job->point_stats(job->ctx, keep_out + (wf + j * job->point_stats_R) * job->n_out,
                                 (double *)(void *)q);
        }
        t0 = now_s();
        if (job->failed(job->ctx)) {   /* then some row lengths were not written */
            snprintf(why, sizeof why, "out of memory");
            break;
        }
        if (nw) {
            memcpy(o + sizeof h, keep_out, wf * per);
            memcpy(o + sizeof h + wf * per + nw * 8 * per, keep_out + (h.count - after) * job->n_out, after * per);
        }
        /* row i moves down to where the rows before it end (never up),
        ** unless one thread made them so */
        uint64_t lb = 0;
        if (b->pack) {
            lb = (uint64_t)(b->pack - b->lines);
            b->pack = NULL;
        } else {
            for (uint64_t i = 0; i < h.count; i++) {
                if (lb != i * job->line_cap)
                    memmove(b->lines + lb, b->lines + i * job->line_cap, b->len[i]);
                lb += b->len[i];
            }
        }
        size_t need = sizeof h + no + nx + 2 * nu + nl + lb;
        h.lines_bytes = lb;
        comm += now_s() - t0;
        h.comm_s = comm;
        h.start_s = start;
        h.cpu_s = ent_i_cpu_seconds() - cpu0;
        h.reused = job->reused ? job->reused(job->ctx) : 0;
        int through = R.shared.live && shared_ok && o >= R.shared.base + SHARED_HEAD &&
                      o + need <= R.shared.base + R.shared.size;
        memset(h.shared_name, 0, sizeof h.shared_name);
        h.shared_size = h.shared_ok = 0;
        if (R.shared.live && !shared_ok) {
            memcpy(h.shared_name, R.shared.name, sizeof h.shared_name);
            h.shared_size = R.shared.size;
        }
        memcpy(o, &h, sizeof h);
        t0 = now_s();
        if (through) {
            /* the result is in the segment: rank 0 reads it there once it
            ** has this, after every store above */
            R.where[cur][0] = (uint64_t)(o - R.shared.base);
            R.where[cur][1] = need;
            __atomic_thread_fence(__ATOMIC_RELEASE);
            MPI_Isend(R.where[cur], (int)sizeof R.where[cur], MPI_BYTE, 0, TAG_DONE_SHARED, g_comm, &R.req[cur]);
        } else {
            MPI_Isend(o, (int)need, MPI_BYTE, 0, TAG_DONE, g_comm, &R.req[cur]);
        }
        shared_count(&R.shared);
        comm += now_s() - t0;
        cur = 1 - cur;
    }
    b->x = keep_x;
    b->out = keep_out;
    b->lines = keep_lines;
    b->rounds = keep_rounds;
    b->len = keep_len;
    b->clamped = keep_clamped;
    b->bad = keep_bad;
    b->tail = keep_tail;
    b->repeats = keep_repeats;
    b->kind = keep_kind;
    wait_send(&R.req[0]);
    wait_send(&R.req[1]);
    free(in);
    if (why[0])
        shared_count(&R.shared);    /* the failure's message, sent below */
    if (R.shared.live)
        shared_drop(&R.shared);
    else
        free(R.out[0]);
    if (!why[0])
        return 0;
    char msg[320];
    snprintf(msg, sizeof msg, "%s", why);
    MPI_Send(msg, (int)strlen(msg) + 1, MPI_CHAR, 0, TAG_FAIL, g_comm);
    refuse_loop(msg);
    return -1;
}

/* ---- rank 0 --------------------------------------------------------------------- */

typedef struct {
    ent_i_block *b;
    uint64_t off, cnt;
    unsigned char *buf;         /* the work message, until sent */
    size_t cap;
    MPI_Request req;
} slot;

typedef struct {
    ent_i_block *b;
    uint64_t disp, done;        /* runs handed out (or played here), runs back */
} track;

struct ent_i_mpi {
    ent_i_mpi_job job;
    int size;
    slot *slots;                /* size x DEPTH: rank r's FIFO at r * DEPTH */
    int *head, *fly;
    track t[2];
    int n_track, next_ok;
    uint64_t replay_end;
    unsigned char *rbuf;        /* messages that are not results */
    size_t rcap;
    size_t msg_max, seg;        /* the largest result of a chunk; a pool segment's least size */
    unsigned char *spare[2];    /* ready segments, for the blocks' first */
    int failed;
    char why[400];
    double comm, start, *wcomm, *wcpu, *wstart;
    uint64_t *wreused;
    double setup;               /* of start: new segments, faulted in after the start */
    uint64_t bytes, messages, remote_runs;
    double last_poll, poll_s;   /* when rank 0 last looked for results; how often it does */
    shared_seg *shared;         /* each rank's segment, once mapped */
    unsigned char *shared_tried;
    uint64_t shared_bytes;      /* of bytes, those read from the segments */
    uint64_t *heard;            /* results and failures received from each rank */
    int all_shared;             /* every other rank's segment is mapped */
};

ent_i_mpi *ent_i_mpi_begin(const ent_i_mpi_job *job)
{
    ent_i_mpi *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->job = *job;
    m->size = g_size;
    m->slots = calloc((size_t)g_size * DEPTH, sizeof *m->slots);
    m->head = calloc((size_t)g_size, sizeof *m->head);
    m->fly = calloc((size_t)g_size, sizeof *m->fly);
    m->wcomm = calloc((size_t)g_size, sizeof *m->wcomm);
    m->wcpu = calloc((size_t)g_size, sizeof *m->wcpu);
    m->wstart = calloc((size_t)g_size, sizeof *m->wstart);
    m->wreused = calloc((size_t)g_size, sizeof *m->wreused);
    m->shared = calloc((size_t)g_size, sizeof *m->shared);
    m->shared_tried = calloc((size_t)g_size, 1);
    m->heard = calloc((size_t)g_size, sizeof *m->heard);
    if (!m->slots || !m->head || !m->fly || !m->wcomm || !m->wcpu || !m->wstart || !m->wreused || !m->shared ||
        !m->shared_tried || !m->heard) {
        free(m->heard);
        free(m->shared);
        free(m->shared_tried);
        free(m->wreused);
        free(m->wstart);
        free(m->wcpu);
        free(m->slots);
        free(m->head);
        free(m->fly);
        free(m->wcomm);
        free(m);
        return NULL;
    }
    for (int i = 0; i < g_size * DEPTH; i++)
        m->slots[i].req = MPI_REQUEST_NULL;
    /* the first segment of each of the two blocks in play is made ready
    ** (faulted in) now: start-up, not per run */
    double t0 = now_s();
    m->msg_max = result_max(job, job->chunk);
    m->seg = SEG_ALIGN;
    for (int i = 0; i < 2; i++) {
        size_t n = m->seg;
        if ((m->spare[i] = seg_alloc(&n)))
            touch(m->spare[i], n);
    }
    m->start = g_start_s + now_s() - t0;
    m->poll_s = POLL_S;
    return m;
}

static track *find(ent_i_mpi *m, const ent_i_block *b)
{
    for (int i = 0; i < m->n_track; i++)
        if (m->t[i].b == b)
            return &m->t[i];
    return NULL;
}

/* Send rank r its next chunk from block t. -1 on no memory. */
static int send_chunk(ent_i_mpi *m, int r, track *t)
{
    uint64_t left = t->b->count - t->disp, cnt = left < m->job.chunk ? left : m->job.chunk;
    uint64_t R = m->job.point_stats_R;
    if (R && R <= m->job.chunk && !m->job.texts_only && cnt < left) {
        /* end on a point's end, so that the points in it lie whole (the
        ** rank summarises them) */
        uint64_t at = t->b->first + t->disp, end = (at + cnt) / R * R;
        if (end > at)
            cnt = end - at;
    }
    slot *s = &m->slots[r * DEPTH + (m->head[r] + m->fly[r]) % DEPTH];
    double t0 = now_s();
    MPI_Wait(&s->req, MPI_STATUS_IGNORE);   /* its earlier message: long received */
    size_t k = m->job.k, row = k * sizeof(double);
    const double *x = t->b->x + t->disp * k;
    /* the replicates of a point share its values: each point once with its
    ** number of runs, when that is shorter (and a message this short goes
    ** in one piece, without MPI's rendezvous) */
    uint64_t pts = cnt ? 1 : 0;
    for (uint64_t i = 1; i < cnt; i++)
        pts += memcmp(x + i * k, x + (i - 1) * k, row) != 0;
    int packed = cnt <= UINT32_MAX && pts * (row + sizeof(uint32_t)) < cnt * row;
    size_t n = sizeof(msg_head) + (packed ? pts * (row + sizeof(uint32_t)) : cnt * row);
    if (grow(&s->buf, &s->cap, n))
        return -1;
    msg_head h;
    memset(&h, 0, sizeof h);
    h.first = t->b->first + t->disp;
    h.count = cnt;
    h.replay_end = m->replay_end;
    h.points = packed ? pts : 0;
    h.shared_ok = m->shared[r].live ? 1 : 0;
    snprintf(h.settings, sizeof h.settings, "%s", m->job.settings);
    memcpy(s->buf, &h, sizeof h);
    if (!packed) {
        memcpy(s->buf + sizeof h, x, cnt * row);
    } else {
        unsigned char *v = s->buf + sizeof h, *u = v + pts * row;
        uint32_t runs = 0;
        for (uint64_t i = 0, j = 0; i < cnt; i++) {
            if (i == 0 || memcmp(x + i * k, x + (i - 1) * k, row)) {
                if (i > 0) {
                    memcpy(u + (j - 1) * sizeof runs, &runs, sizeof runs);
                    runs = 0;
                }
                memcpy(v + j++ * row, x + i * k, row);
            }
            runs++;
        }
        memcpy(u + (pts - 1) * sizeof runs, &runs, sizeof runs);
    }
    s->b = t->b;
    s->off = t->disp;
    s->cnt = cnt;
    MPI_Isend(s->buf, (int)n, MPI_BYTE, r, TAG_WORK, g_comm, &s->req);
    t->disp += cnt;
    m->fly[r]++;
    m->bytes += n;
    m->messages++;
    m->comm += now_s() - t0;
    return 0;
}

/* Keep every rank DEPTH chunks busy, from `now`, then (once made) `next`. */
static void refill(ent_i_mpi *m)
{
    if (m->failed)
        return;
    for (int r = 1; r < m->size; r++)
        while (m->fly[r] < DEPTH) {
            track *t = NULL;
            for (int i = 0; i < m->n_track && !t; i++)
                if ((i == 0 || m->next_ok) && m->t[i].disp < m->t[i].b->count)
                    t = &m->t[i];
            if (!t)
                return;
            if (send_chunk(m, r, t)) {
                m->failed = 1;
                snprintf(m->why, sizeof m->why, "rank 0: out of memory");
                return;
            }
        }
}

/* Rank 0 keeps each result in its message until the block is written: the
** messages of a block lie one after another in segments (b->pool[i] of
** b->pool_cap[i] bytes, filled up to segment pool_used, pool_fill bytes
** into it) that the block keeps and reuses, rather than fresh memory for
** each. Where block b takes a message of n bytes; NULL on no memory. */
static unsigned char *pool_take(ent_i_mpi *m, ent_i_block *b, size_t n)
{
    if (b->pool_used < b->pool_n && b->pool_fill && b->pool_fill + n > b->pool_cap[b->pool_used]) {
        b->pool_used++;
        b->pool_fill = 0;
    }
    /* messages vary in size (rows differ in length, a block's last chunk is
    ** short): new segments are made as big as the largest message so far and
    ** a bit, and a reused one too small for this message is replaced, so that
    ** a message never runs past its segment */
    if (n > m->seg)
        m->seg = n + n / 4;
    if (b->pool_used < b->pool_n && n > b->pool_cap[b->pool_used]) {
        size_t cap = m->seg;
        unsigned char *seg = seg_alloc(&cap);
        if (!seg)
            return NULL;
        free(b->pool[b->pool_used]);
        b->pool[b->pool_used] = seg;
        b->pool_cap[b->pool_used] = cap;
        double t0 = now_s();
        touch(seg, cap);
        m->setup += now_s() - t0;
    }
    if (b->pool_used == b->pool_n) {
        size_t k = b->pool_n + 1, cap = m->seg;
        unsigned char **p = realloc(b->pool, k * sizeof *p);
        if (p)
            b->pool = p;
        size_t *c = p ? realloc(b->pool_cap, k * sizeof *c) : NULL;
        if (!c)
            return NULL;
        b->pool_cap = c;
        unsigned char *seg = NULL;
        for (int i = 0; i < 2 && !seg; i++)
            if (m->spare[i] && n <= SEG_ALIGN) {    /* the spares are one SEG_ALIGN each */
                seg = m->spare[i];
                m->spare[i] = NULL;
                cap = SEG_ALIGN;
            }
        if (!seg) {
            /* the first two blocks make the pool the later ones reuse:
            ** faulting in a new segment is a cost once per sweep */
            if (!(seg = seg_alloc(&cap)))
                return NULL;
            double t0 = now_s();
            touch(seg, cap);
            m->setup += now_s() - t0;
        }
        b->pool[b->pool_n] = seg;
        b->pool_cap[b->pool_n] = cap;
        b->pool_n = k;
        b->pool_fill = 0;
    }
    unsigned char *at = b->pool[b->pool_used] + b->pool_fill;
    b->pool_fill += (n + 63) & ~(size_t)63;  /* the next message's doubles aligned */
    return at;
}

/* Rank r's result cannot be read: the sweep stops with that reason. */
static int malformed(ent_i_mpi *m, int r)
{
    m->failed = 1;
    snprintf(m->why, sizeof m->why, "rank %d sent a malformed result", r);
    return 1;
}

/* Runs [lo, hi) of a chunk at block offset off read their outcomes (no a
** run) from p on; where they end. */
static const unsigned char *outcomes_at(ent_i_block *b, uint64_t off, uint64_t lo, uint64_t hi, size_t no,
                                        const unsigned char *p)
{
    for (uint64_t i = lo; i < hi; i++, p += no * sizeof(double))
        b->outv[off + i] = (const double *)(const void *)p;
    return p;
}

/* Whether a rank has sent a message rank 0 has not taken in, by the counts
** in their segments (all mapped). A count is only a hint: a rank's own
** word, read but never trusted beyond deciding whether to look. */
static int shared_news(const ent_i_mpi *m)
{
    for (int r = 1; r < m->size; r++)
        if (__atomic_load_n((const uint64_t *)(const void *)m->shared[r].base, __ATOMIC_ACQUIRE) != m->heard[r])
            return 1;
    return 0;
}

/* Receive one message if there is one (wait: block until one comes). */
static int receive(ent_i_mpi *m, int wait)
{
    MPI_Status st;
    int flag = 0, n = 0;
    double t0 = now_s();
    if (wait) {
        n = wait_msg(&st);
    } else {
        if (m->all_shared && !shared_news(m)) {
            m->comm += now_s() - t0;
            return 0;
        }
        MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, g_comm, &flag, &st);
        if (!flag) {
            m->comm += now_s() - t0;
            return 0;
        }
        MPI_Get_count(&st, MPI_BYTE, &n);
    }
    int r = st.MPI_SOURCE, bad_where = 0;
    /* a result stays in its message, which its block keeps until written */
    unsigned char *rb = NULL;
    ent_i_block *pb = r >= 1 && r < m->size && m->fly[r] ? m->slots[r * DEPTH + m->head[r]].b : NULL;
    if (st.MPI_TAG == TAG_DONE_SHARED) {
        /* where the result lies in r's segment, read from there into the
        ** block's pool as a message would be */
        uint64_t where[2] = { 0, 0 };
        if ((size_t)n == sizeof where) {
            MPI_Recv(where, n, MPI_BYTE, r, TAG_DONE_SHARED, g_comm, MPI_STATUS_IGNORE);
        } else {
            if (grow(&m->rbuf, &m->rcap, (size_t)n + 1))
                MPI_Abort(g_comm, 1);
            MPI_Recv(m->rbuf, n, MPI_BYTE, r, TAG_DONE_SHARED, g_comm, MPI_STATUS_IGNORE);
        }
        const shared_seg *g = r >= 1 && r < m->size ? &m->shared[r] : NULL;
        if (g && g->live && pb && find(m, pb) && where[1] >= sizeof(msg_head) && where[1] <= m->msg_max &&
            where[0] >= SHARED_HEAD && where[0] <= g->size && where[1] <= g->size - where[0]) {
            double setup = m->setup;
            if (!(rb = pool_take(m, pb, (size_t)where[1])))
                MPI_Abort(g_comm, 1);
            t0 += m->setup - setup;
            __atomic_thread_fence(__ATOMIC_ACQUIRE);
            memcpy(rb, g->base + where[0], (size_t)where[1]);
            n = (int)where[1];
            m->shared_bytes += where[1];
        } else {
            bad_where = 1;
            rb = m->rbuf;
            n = 0;
        }
        st.MPI_TAG = TAG_DONE;
    } else if (st.MPI_TAG == TAG_DONE && pb && find(m, pb) && (size_t)n <= m->msg_max) {
        double setup = m->setup;
        if (!(rb = pool_take(m, pb, (size_t)n)))
            MPI_Abort(g_comm, 1);   /* cannot even take the message in */
        t0 += m->setup - setup;     /* counted as start-up, not here */
        MPI_Recv(rb, n, MPI_BYTE, r, st.MPI_TAG, g_comm, MPI_STATUS_IGNORE);
    } else {
        /* a failure's message, or too big for a result (refused below) */
        if (grow(&m->rbuf, &m->rcap, (size_t)n + 1))
            MPI_Abort(g_comm, 1);
        rb = m->rbuf;
        MPI_Recv(rb, n, MPI_BYTE, r, st.MPI_TAG, g_comm, MPI_STATUS_IGNORE);
    }
    m->bytes += (uint64_t)n;
    m->messages++;
    if (r < 1 || r >= m->size || m->fly[r] == 0) {
        if (!m->failed)
            snprintf(m->why, sizeof m->why, "rank %d sent a message it was not asked for", r);
        m->failed = 1;
        return 1;
    }
    slot *s = &m->slots[r * DEPTH + m->head[r]];
    m->head[r] = (m->head[r] + 1) % DEPTH;
    m->fly[r]--;
    m->heard[r]++;
    if (bad_where)
        return malformed(m, r);
    track *t = find(m, s->b);
    if (st.MPI_TAG == TAG_FAIL) {
        rb[n] = 0;
        if (!m->failed)
            snprintf(m->why, sizeof m->why, "process %d of %d (MPI rank %d) failed: %s", r + 1, m->size, r,
                     (char *)rb);
        m->failed = 1;
        return 1;
    }
    msg_head h;
    if ((size_t)n < sizeof h)
        return malformed(m, r);
    memcpy(&h, rb, sizeof h);
    uint64_t wf, nw, R = m->job.point_stats_R;
    whole_points(&m->job, s->b->first + s->off, s->cnt, &wf, &nw);
    size_t no = m->job.n_out, k = m->job.k;
    size_t fixed = sizeof h + outcome_bytes(&m->job, s->cnt, nw) + s->cnt * result_per_run(&m->job);
    if (!t || h.count != s->cnt || h.first != s->b->first + s->off || (size_t)n != fixed + h.lines_bytes) {
        if (!m->failed)
            snprintf(m->why, sizeof m->why, "rank %d sent a result that does not match its work", r);
        m->failed = 1;
        return 1;
    }
    ent_i_block *b = s->b;
    const unsigned char *p = rb + sizeof h;
    /* texts only: the summary reads the outcomes from the rows; a whole
    ** point summarised by its process: its statistics, at its last run */
    for (uint64_t i = 0; i < s->cnt; i++) {
        b->outv[s->off + i] = NULL;
        if (b->pstat)
            b->pstat[s->off + i] = NULL;
        if (b->repeats)
            b->repeats[s->off + i] = 0;     /* not known: compared when summarised */
        if (b->kind)
            b->kind[s->off + i] = 0;
    }
    if (!m->job.texts_only) {
        /* the runs before the first whole point, the whole points'
        ** statistics, the runs after the last (as the rank packed them) */
        p = outcomes_at(b, s->off, 0, wf, no, p);
        for (uint64_t j = 0; j < nw; j++, p += 8 * no * sizeof(double)) {
            const double *pts = (const double *)(const void *)p;
            for (size_t o = 0; o < no; o++)     /* n: a whole number of runs */
                if (!(pts[o * 8] >= 0 && pts[o * 8] <= (double)R && pts[o * 8] == floor(pts[o * 8])))
                    return malformed(m, r);
            b->pstat[s->off + wf + (j + 1) * R - 1] = pts;
        }
        p = outcomes_at(b, s->off, wf + nw * R, s->cnt, no, p);
    }
    if (m->job.late_values) {
        memcpy(b->x + s->off * k, p, s->cnt * k * sizeof(double));
        p += s->cnt * k * sizeof(double);
    }
    memcpy(b->rounds + s->off, p, s->cnt * sizeof(uint32_t));
    p += s->cnt * sizeof(uint32_t);
    memcpy(b->len + s->off, p, s->cnt * sizeof(uint32_t));
    p += s->cnt * sizeof(uint32_t);
    if (m->job.late_values) {
        memcpy(b->clamped + s->off, p, s->cnt * sizeof(uint32_t));
        p += s->cnt * sizeof(uint32_t);
        memcpy(b->bad + s->off, p, s->cnt * sizeof(uint32_t));
        p += s->cnt * sizeof(uint32_t);
        for (uint64_t i = 0; i < s->cnt; i++)
            if (b->clamped[s->off + i] > k || b->bad[s->off + i] > k ||
                !m->job.values_ok(m->job.ctx, b->x + (s->off + i) * k))
                return malformed(m, r);
    }
    uint64_t used = 0;
    for (uint64_t i = 0; i < s->cnt; i++) {
        uint32_t l = b->len[s->off + i];
        if (l > m->job.line_cap || used + l > h.lines_bytes || (m->job.texts_only && l == 0))
            return malformed(m, r);
        b->row[s->off + i] = (const char *)p;
        if (b->tail)
            b->tail[s->off + i] = NULL;     /* whole, from the message */
        p += l;
        used += l;
    }
    t->done += s->cnt;
    m->remote_runs += s->cnt;
    m->wcomm[r] = h.comm_s;
    m->wcpu[r] = h.cpu_s;
    m->wreused[r] = h.reused;
    m->wstart[r] = h.start_s;
    m->comm += now_s() - t0;
    if (h.shared_name[0] && !m->shared_tried[r]) {
        /* once per rank, start-up rather than per run */
        double t1 = now_s();
        m->shared_tried[r] = 1;
        h.shared_name[sizeof h.shared_name - 1] = 0;
        shared_map(&m->shared[r], h.shared_name, h.shared_size);
        m->all_shared = 1;
        for (int q = 1; q < m->size; q++)
            m->all_shared &= m->shared[q].live;
        m->setup += now_s() - t1;
    }
    return 1;
}

/* Between rank 0's own runs (every poll_s at most): take in what came back
** and hand out more. Only the chunks of other ranks are touched. */
static void serve_others(void *pctx)
{
    ent_i_mpi *m = pctx;
    double t = wall_s();
    if (t - m->last_poll < m->poll_s)
        return;
    m->last_poll = t;
    while (receive(m, 0))
        refill(m);
}

static int in_flight(const ent_i_mpi *m)
{
    int n = 0;
    for (int r = 1; r < m->size; r++)
        n += m->fly[r];
    return n;
}

/* `next` may be handed out: its points are made. */
static void next_ready(void *pctx)
{
    ent_i_mpi *m = pctx;
    if (m->n_track == 2 && !m->next_ok) {
        m->next_ok = 1;
        refill(m);
    }
}

int ent_i_mpi_block(ent_i_mpi *m, ent_i_block *now, ent_i_block *next, uint64_t replay_end,
                    void (*between)(void *ctx, const ent_i_between_hooks *hooks), char *err, size_t cap)
{
    m->replay_end = replay_end;
    /* `now` may have started as the `next` of the call before */
    track keep = { now, 0, 0 }, *t = find(m, now);
    if (t)
        keep = *t;
    m->t[0] = keep;
    m->n_track = 1;
    m->next_ok = 0;
    if (!t)
        now->pool_used = now->pool_fill = 0;
    refill(m);
    if (next) {
        next->pool_used = next->pool_fill = 0;
        m->t[1] = (track){ next, 0, 0 };
        m->n_track = 2;
    }
    /* the step between is rank 0's alone and long (every file, the next
    ** points): the others are served during it, `next` once it is made */
    ent_i_between_hooks hooks = { next_ready, serve_others, m };
    between(m->job.ctx, &hooks);
    next_ready(m);
    /* rank 0 plays chunks as the others do, answering them between its runs */
    uint64_t piece = m->job.chunk;
    for (;;) {
        track *c = &m->t[0];
        if (m->failed ? in_flight(m) == 0 : c->done == c->b->count)
            break;
        if (receive(m, 0)) {
            refill(m);
            continue;
        }
        if (!m->failed && c->disp < c->b->count) {
            uint64_t lo = c->disp, hi = lo + piece < c->b->count ? lo + piece : c->b->count;
            c->disp = hi;
            double w0 = wall_s();
            m->job.play(m->job.ctx, c->b, lo, hi, replay_end, serve_others, m);
            /* a rank has a chunk queued when it sends a result, so it stays
            ** busy if rank 0 looks twice a chunk; each look that finds
            ** nothing costs 10-20 microseconds (MPI's state is out of the
            ** cache after runs), so no more often than that */
            double each = (wall_s() - w0) / (double)(hi - lo) * (double)m->job.chunk / 2;
            m->poll_s = each < 1e-4 ? 1e-4 : each > 8e-3 ? 8e-3 : each;
            c->done += hi - lo;
            if (m->job.failed(m->job.ctx)) {
                m->failed = 1;
                snprintf(m->why, sizeof m->why, "rank 0: out of memory");
            }
            continue;
        }
        track *nx = m->n_track == 2 && m->next_ok ? &m->t[1] : NULL;
        if (!m->failed && nx && nx->disp < nx->b->count) {
            /* all of `now` is out: play some of `next` rather than wait idle,
            ** in short pieces, so that `now` is written soon after it is back */
            uint64_t q = piece / 4 ? piece / 4 : 1, lo = nx->disp;
            uint64_t hi = lo + q < nx->b->count ? lo + q : nx->b->count;
            nx->disp = hi;
            m->job.play(m->job.ctx, nx->b, lo, hi, replay_end, serve_others, m);
            nx->done += hi - lo;
            if (m->job.failed(m->job.ctx)) {
                m->failed = 1;
                snprintf(m->why, sizeof m->why, "rank 0: out of memory");
            }
            continue;
        }
        receive(m, 1);
        refill(m);
    }
    if (m->failed) {
        snprintf(err, cap, "%s; the sweep stopped (continue it with --resume)", m->why);
        return -1;
    }
    return 0;
}

void ent_i_mpi_end(ent_i_mpi *m, ent_i_mpi_stats *st)
{
    memset(st, 0, sizeof *st);
    if (!m)
        return;
    m->failed = 1;              /* hand out nothing more */
    while (in_flight(m))
        receive(m, 1);
    st->comm_s = m->comm;
    st->rank0_s = m->comm;
    st->start_s = m->start + m->setup;
    for (int r = 1; r < m->size; r++) {
        st->comm_s += m->wcomm[r];
        st->cpu_s += m->wcpu[r];
        st->reused += m->wreused[r];
        st->start_s += m->wstart[r];
    }
    st->bytes = m->bytes;
    st->shared_bytes = m->shared_bytes;
    st->messages = m->messages;
    st->remote_runs = m->remote_runs;
    for (int i = 0; i < m->size * DEPTH; i++) {
        MPI_Wait(&m->slots[i].req, MPI_STATUS_IGNORE);
        free(m->slots[i].buf);
    }
    for (int r = 0; r < m->size; r++)
        if (m->shared[r].live) {
            munmap(m->shared[r].base, m->shared[r].size);
            m->shared[r].live = 0;
        }
    free(m->shared);
    free(m->shared_tried);
    free(m->heard);
    free(m->slots);
    free(m->head);
    free(m->fly);
    free(m->wcomm);
    free(m->wcpu);
    free(m->wstart);
    free(m->wreused);
    free(m->spare[0]);
    free(m->spare[1]);
    free(m->rbuf);
    free(m);
}

/* ---- a calibration's batches ------------------------------------------------------ */

/* What rank 0 broadcasts first: the batch's size (0 ends the batches) and
** its settings, which each rank compares with its own. */
typedef struct {
    uint64_t n;
    char settings[160];
} batch_head;

enum { BATCH_OK = 0, BATCH_BROKEN, BATCH_OTHER_FILES, BATCH_FAILED };

/* A broadcast from rank 0 that waits, napping, rather than spinning. */
static void bcast_napping(void *buf, int count, MPI_Datatype type)
{
    MPI_Request req;
    MPI_Ibcast(buf, count, type, 0, g_comm, &req);
    wait_send(&req);
}

/* Runs [share(r), share(r + 1)) of N are rank r's. */
static uint64_t share(uint64_t N, int r)
{
    return (uint64_t)(((unsigned __int128)N * (unsigned)r) / (unsigned)g_size);
}

/* One batch on every rank: rank 0's arguments are broadcast to the others;
** each plays its share and rank 0 gathers the outcomes and the statuses. */
static int batch_round(const ent_i_batches *b, batch_head *h, double **theta, uint64_t **stream,
                       double *out, int broken, int *status)
{
    bcast_napping(h, (int)sizeof *h, MPI_BYTE);
    if (h->n == 0)
        return 1;
    size_t n = (size_t)h->n;
    uint64_t N = n * b->R, first = share(N, g_rank), count = share(N, g_rank + 1) - first;
    int st = broken ? BATCH_BROKEN : BATCH_OK;
    double *mine = NULL;
    if (g_rank > 0) {
        double *t = realloc(*theta, (n * b->k + 1) * sizeof *t);
        uint64_t *sv = t ? realloc(*stream, (n + 1) * sizeof *sv) : NULL;
        if (t)
            *theta = t;
        if (sv)
            *stream = sv;
        if (!t || !sv)
            MPI_Abort(g_comm, 1);   /* cannot even take part in the broadcast */
        mine = malloc((count * b->m + 1) * sizeof *mine);
        if (!mine)
            MPI_Abort(g_comm, 1);
        if (strncmp(h->settings, b->settings, sizeof h->settings))
            st = BATCH_OTHER_FILES;
    }
    bcast_napping(*theta, (int)(n * b->k), MPI_DOUBLE);
    bcast_napping(*stream, (int)n, MPI_UINT64_T);
    double *dst = g_rank == 0 ? out + first * b->m : mine;
    if (st == BATCH_OK && b->play(b->ctx, n, *theta, *stream, first, count, dst))
        st = BATCH_FAILED;
    if (st != BATCH_OK)
        memset(dst, 0, count * b->m * sizeof *dst);
    int *counts = NULL, *displs = NULL;
    if (g_rank == 0) {
        counts = malloc((size_t)g_size * sizeof *counts);
        displs = malloc((size_t)g_size * sizeof *displs);
        if (!counts || !displs)
            MPI_Abort(g_comm, 1);
        for (int r = 0; r < g_size; r++) {
            counts[r] = (int)((share(N, r + 1) - share(N, r)) * b->m);
            displs[r] = (int)(share(N, r) * b->m);
        }
    }
    MPI_Request req;
    MPI_Igatherv(g_rank == 0 ? MPI_IN_PLACE : mine, (int)(count * b->m), MPI_DOUBLE, out, counts, displs,
                 MPI_DOUBLE, 0, g_comm, &req);
    wait_send(&req);
    MPI_Igather(&st, 1, MPI_INT, status, 1, MPI_INT, 0, g_comm, &req);
    wait_send(&req);
    free(counts);
    free(displs);
    free(mine);
    return 0;
}

int ent_i_mpi_batch(const ent_i_batches *b, size_t n, const double *theta, const uint64_t *stream,
                    double *out, char *err, size_t cap)
{
    if (!g_on || g_size == 1 || n == 0) {
        if (b->play(b->ctx, n, theta, stream, 0, n * b->R, out)) {
            snprintf(err, cap, "out of memory");
            return -1;
        }
        return 0;
    }
    /* the counts travel as int: a batch beyond that is played in parts */
    size_t most = (size_t)(INT32_MAX / 2) / (b->m * b->R + b->k + 1);
    if (n > most) {
        for (size_t i = 0; i < n; i += most) {
            size_t c = n - i < most ? n - i : most;
            if (ent_i_mpi_batch(b, c, theta + i * b->k, stream + i, out + i * b->R * b->m, err, cap))
                return -1;
        }
        return 0;
    }
    batch_head h;
    memset(&h, 0, sizeof h);
    h.n = n;
    snprintf(h.settings, sizeof h.settings, "%s", b->settings);
    int *status = calloc((size_t)g_size, sizeof *status);
    if (!status) {
        snprintf(err, cap, "out of memory");
        return -1;
    }
    double *t = (double *)theta;        /* only read: rank 0 is the broadcast's root */
    uint64_t *sv = (uint64_t *)stream;
    batch_round(b, &h, &t, &sv, out, 0, status);
    int rc = 0;
    for (int r = 0; r < g_size && !rc; r++) {
        if (status[r] == BATCH_OK)
            continue;
        rc = -1;
        snprintf(err, cap, "process %d of %d (MPI rank %d) failed: %s", r + 1, g_size, r,
                 status[r] == BATCH_OTHER_FILES ? "it read another calibration than rank 0 (scenario, "
                                                  "calibration file, seed or rounds); every process must "
                                                  "read the same"
                 : status[r] == BATCH_BROKEN ? "it could not start (out of memory)"
                                             : "it could not play (out of memory)");
    }
    free(status);
    return rc;
}

void ent_i_mpi_batch_serve(const ent_i_batches *b, int broken)
{
    if (!g_on || g_rank == 0)
        return;
    double *theta = NULL;
    uint64_t *stream = NULL;
    batch_head h;
    while (batch_round(b, &h, &theta, &stream, NULL, broken, NULL) == 0)
        ;
    free(theta);
    free(stream);
    g_stopped = 1;              /* the batches' end was the last word */
}

void ent_i_mpi_batch_end(void)
{
    if (!g_on || g_rank != 0 || g_size == 1)
        return;
    batch_head h;
    memset(&h, 0, sizeof h);
    bcast_napping(&h, (int)sizeof h, MPI_BYTE);
    g_stopped = 1;              /* no sweep's stop to send */
}

#endif
