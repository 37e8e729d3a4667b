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
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include "entente/sweep.h"
#include "sweep/sweep_int.h"

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
                    void (*between)(void *ctx), char *err, size_t cap)
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

enum { TAG_WORK = 1, TAG_DONE, TAG_FAIL, TAG_STOP };
enum { DEPTH = 2 };             /* chunks in flight per rank */

static int g_on, g_rank, g_size, g_stopped;
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

/* Waiting costs no core: naps from 10 us, doubling up to 1 ms (a chunk
** takes tens of milliseconds, and each process has the next one queued). */
static void nap(long *ns)
{
    struct timespec t = { 0, *ns };
    nanosleep(&t, NULL);
    if (*ns < 1000000)
        *ns *= 2;
}

/* The header of every work and result message. */
typedef struct {
    uint64_t first, count, replay_end, lines_bytes;
    double comm_s;              /* the sender's CPU seconds in MPI so far */
    double cpu_s;               /* the sender's CPU seconds so far */
    char settings[72];
} msg_head;
/* the outcomes that follow it in a message are read in place */
_Static_assert(sizeof(msg_head) % sizeof(double) == 0, "msg_head keeps doubles aligned");

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

/* Wait for the next message to this rank; its size in bytes. */
static int wait_msg(MPI_Status *st)
{
    int flag = 0;
    long ns = 10000;
    for (;;) {
        MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, g_comm, &flag, st);
        if (flag)
            break;
        nap(&ns);
    }
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

/* Wait, napping, for a send of this rank to complete. */
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

/* Between runs: let MPI move the last result along (every 200 us at most). */
typedef struct {
    MPI_Request *req;
    double last;
} poll_send;

static double wall_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void send_progress(void *pctx)
{
    poll_send *ps = pctx;
    double t = wall_s();
    if (t - ps->last < 2e-4)
        return;
    ps->last = t;
    int done;
    MPI_Test(ps->req, &done, MPI_STATUS_IGNORE);
}

int ent_i_mpi_serve(const ent_i_mpi_job *job, ent_i_block *b, uint64_t cap_runs)
{
    /* results go out while the next chunk plays (two buffers); the chunk
    ** plays in pieces, between which MPI moves the last result along */
    unsigned char *in = NULL, *out[2] = { NULL, NULL };
    size_t in_cap = 0, out_cap[2] = { 0, 0 };
    MPI_Request req[2] = { MPI_REQUEST_NULL, MPI_REQUEST_NULL };
    int cur = 0;
    double comm = 0, cpu0 = ent_i_cpu_seconds();
    char why[256] = "";
    for (;;) {
        MPI_Status st;
        int n = wait_msg(&st);
        double t0 = now_s();
        if (grow(&in, &in_cap, (size_t)n + sizeof(msg_head))) {
            snprintf(why, sizeof why, "out of memory");
            break;
        }
        MPI_Recv(in, n, MPI_BYTE, 0, st.MPI_TAG, g_comm, MPI_STATUS_IGNORE);
        if (st.MPI_TAG == TAG_STOP) {
            wait_send(&req[0]);
            wait_send(&req[1]);
            free(in);
            free(out[0]);
            free(out[1]);
            return 0;
        }
        msg_head h;
        memcpy(&h, in, sizeof h);
        h.settings[sizeof h.settings - 1] = 0;
        if (strcmp(h.settings, job->settings)) {
            snprintf(why, sizeof why, "it read another sweep than rank 0 (a different FILE, options or "
                     "file contents; settings %.12s..., rank 0's %.12s...)", job->settings, h.settings);
            break;
        }
        if (h.count == 0 || h.count > cap_runs ||
            (size_t)n != sizeof h + h.count * job->k * sizeof(double)) {
            snprintf(why, sizeof why, "a malformed work message");
            break;
        }
        memcpy(b->x, in + sizeof h, h.count * job->k * sizeof(double));
        b->first = h.first;
        b->count = h.count;
        /* the runs write their outcomes, rounds and row lengths straight into
        ** the message (no copy); only the rows are packed after */
        wait_send(&req[cur]);
        size_t no = h.count * job->n_out * sizeof(double), nu = h.count * sizeof(uint32_t);
        if (grow(&out[cur], &out_cap[cur], sizeof h + no + 2 * nu + h.count * job->line_cap)) {
            snprintf(why, sizeof why, "out of memory");
            break;
        }
        double *keep_out = b->out;
        uint32_t *keep_rounds = b->rounds, *keep_len = b->len;
        b->out = (double *)(void *)(out[cur] + sizeof h);
        b->rounds = (uint32_t *)(void *)(out[cur] + sizeof h + no);
        b->len = (uint32_t *)(void *)(out[cur] + sizeof h + no + nu);
        comm += now_s() - t0;
        poll_send ps = { &req[1 - cur], 0 };
        job->play(job->ctx, b, 0, h.count, h.replay_end, send_progress, &ps);
        t0 = now_s();
        unsigned char *p = out[cur] + sizeof h + no + 2 * nu;
        uint64_t lb = 0;
        for (uint64_t i = 0; i < h.count; i++) {
            memcpy(p + lb, b->lines + i * job->line_cap, b->len[i]);
            lb += b->len[i];
        }
        b->out = keep_out;
        b->rounds = keep_rounds;
        b->len = keep_len;
        if (job->failed(job->ctx)) {
            snprintf(why, sizeof why, "out of memory");
            break;
        }
        size_t need = sizeof h + no + 2 * nu + lb;
        h.lines_bytes = lb;
        comm += now_s() - t0;
        h.comm_s = comm;
        h.cpu_s = ent_i_cpu_seconds() - cpu0;
        memcpy(out[cur], &h, sizeof h);
        MPI_Isend(out[cur], (int)need, MPI_BYTE, 0, TAG_DONE, g_comm, &req[cur]);
        cur = 1 - cur;
    }
    wait_send(&req[0]);
    wait_send(&req[1]);
    free(in);
    free(out[0]);
    free(out[1]);
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
    unsigned char *rbuf;
    size_t rcap;
    int failed;
    char why[400];
    double comm, *wcomm, *wcpu;
    uint64_t bytes, messages;
    double last_poll;
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
    if (!m->slots || !m->head || !m->fly || !m->wcomm || !m->wcpu) {
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
    uint64_t cnt = t->b->count - t->disp < m->job.chunk ? t->b->count - t->disp : m->job.chunk;
    slot *s = &m->slots[r * DEPTH + (m->head[r] + m->fly[r]) % DEPTH];
    double t0 = now_s();
    MPI_Wait(&s->req, MPI_STATUS_IGNORE);   /* its earlier message: long received */
    size_t k = m->job.k, n = sizeof(msg_head) + cnt * k * sizeof(double);
    if (grow(&s->buf, &s->cap, n))
        return -1;
    msg_head h;
    memset(&h, 0, sizeof h);
    h.first = t->b->first + t->disp;
    h.count = cnt;
    h.replay_end = m->replay_end;
    snprintf(h.settings, sizeof h.settings, "%s", m->job.settings);
    memcpy(s->buf, &h, sizeof h);
    memcpy(s->buf + sizeof h, t->b->x + t->disp * k, cnt * k * sizeof(double));
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

/* Make room for one more message in block b's pool. -1 on no memory. */
static int pool_slot(ent_i_block *b)
{
    if (b->pool_used < b->pool_n)
        return 0;
    size_t n = b->pool_n ? 2 * b->pool_n : 8;
    unsigned char **p = realloc(b->pool, n * sizeof *p);
    if (p)
        b->pool = p;
    size_t *c = p ? realloc(b->pool_cap, n * sizeof *c) : NULL;
    if (!c)
        return -1;
    b->pool_cap = c;
    for (size_t i = b->pool_n; i < n; i++) {
        b->pool[i] = NULL;
        b->pool_cap[i] = 0;
    }
    b->pool_n = n;
    return 0;
}

/* Receive one message if there is one (wait: block until one comes). */
static int receive(ent_i_mpi *m, int wait)
{
    MPI_Status st;
    int flag = 0, n = 0;
    if (wait) {
        n = wait_msg(&st);
    } else {
        MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, g_comm, &flag, &st);
        if (!flag)
            return 0;
        MPI_Get_count(&st, MPI_BYTE, &n);
    }
    double t0 = now_s();
    int r = st.MPI_SOURCE;
    /* a result stays in its message, which its block keeps until written */
    unsigned char **buf = &m->rbuf;
    size_t *cap = &m->rcap;
    ent_i_block *pb = r >= 1 && r < m->size && m->fly[r] ? m->slots[r * DEPTH + m->head[r]].b : NULL;
    if (st.MPI_TAG == TAG_DONE && pb && find(m, pb)) {
        if (pool_slot(pb))
            MPI_Abort(g_comm, 1);   /* cannot even take the message in */
        buf = &pb->pool[pb->pool_used];
        cap = &pb->pool_cap[pb->pool_used];
        pb->pool_used++;
    }
    if (grow(buf, cap, (size_t)n + 1)) {
        MPI_Abort(g_comm, 1);   /* cannot even take the message in */
        return 0;
    }
    unsigned char *rb = *buf;
    MPI_Recv(rb, n, MPI_BYTE, r, st.MPI_TAG, g_comm, MPI_STATUS_IGNORE);
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
    if ((size_t)n < sizeof h) {
        m->failed = 1;
        snprintf(m->why, sizeof m->why, "rank %d sent a malformed result", r);
        return 1;
    }
    memcpy(&h, rb, sizeof h);
    size_t no = m->job.n_out, fixed = sizeof h + s->cnt * (no * sizeof(double) + 2 * sizeof(uint32_t));
    if (!t || h.count != s->cnt || h.first != s->b->first + s->off || (size_t)n != fixed + h.lines_bytes) {
        if (!m->failed)
            snprintf(m->why, sizeof m->why, "rank %d sent a result that does not match its work", r);
        m->failed = 1;
        return 1;
    }
    ent_i_block *b = s->b;
    const unsigned char *p = rb + sizeof h;
    for (uint64_t i = 0; i < s->cnt; i++)
        b->outv[s->off + i] = (const double *)(const void *)(p + i * no * sizeof(double));
    p += s->cnt * no * sizeof(double);
    memcpy(b->rounds + s->off, p, s->cnt * sizeof(uint32_t));
    p += s->cnt * sizeof(uint32_t);
    memcpy(b->len + s->off, p, s->cnt * sizeof(uint32_t));
    p += s->cnt * sizeof(uint32_t);
    uint64_t used = 0;
    for (uint64_t i = 0; i < s->cnt; i++) {
        uint32_t l = b->len[s->off + i];
        if (l > m->job.line_cap || used + l > h.lines_bytes) {
            m->failed = 1;
            snprintf(m->why, sizeof m->why, "rank %d sent a malformed result", r);
            return 1;
        }
        b->row[s->off + i] = (const char *)p;
        p += l;
        used += l;
    }
    t->done += s->cnt;
    m->wcomm[r] = h.comm_s;
    m->wcpu[r] = h.cpu_s;
    m->comm += now_s() - t0;
    return 1;
}

/* Between rank 0's own runs (every 200 us at most): take in what came back
** and hand out more. Only the chunks of other ranks are touched. */
static void serve_others(void *pctx)
{
    ent_i_mpi *m = pctx;
    double t = wall_s();
    if (t - m->last_poll < 2e-4)
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

int ent_i_mpi_block(ent_i_mpi *m, ent_i_block *now, ent_i_block *next, uint64_t replay_end,
                    void (*between)(void *ctx), char *err, size_t cap)
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
        now->pool_used = 0;
    refill(m);
    between(m->job.ctx);
    if (next) {
        next->pool_used = 0;
        m->t[1] = (track){ next, 0, 0 };
        m->n_track = 2;
        m->next_ok = 1;
    }
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
            m->job.play(m->job.ctx, c->b, lo, hi, replay_end, serve_others, m);
            c->done += hi - lo;
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
    for (int r = 1; r < m->size; r++) {
        st->comm_s += m->wcomm[r];
        st->cpu_s += m->wcpu[r];
    }
    st->bytes = m->bytes;
    st->messages = m->messages;
    for (int i = 0; i < m->size * DEPTH; i++) {
        MPI_Wait(&m->slots[i].req, MPI_STATUS_IGNORE);
        free(m->slots[i].buf);
    }
    free(m->slots);
    free(m->head);
    free(m->fly);
    free(m->wcomm);
    free(m->wcpu);
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
