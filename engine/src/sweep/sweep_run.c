/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** sweep_run.c: the parallel core of a sweep, and the only place with OpenMP.
** Runs are numbered run = point * replicates + replicate and processed in
** blocks: while the threads play one block (dynamic schedule, each thread on
** its own scenario copy and run object), one of them first writes the block
** before, in run order, and prepares the design points of the block after.
** Every run draws from its own stream (seed, point, replicate), and every
** sum is taken in run order, so the files are the same for any thread count.
** The files grow in DIR.partial (with a checkpoint every 2 seconds) while
** DIR is locked, and that folder replaces DIR only when complete.
*/
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>
#include <omp.h>
#include "entente/run.h"
#include "entente/stage.h"
#include "io/bulkfile.h"
#include "io/resdir.h"
#include "sweep/sweep_int.h"
#include "sim/run_int.h"
#include "sim/run_memo.h"

/* Where something a thread made lies in a block: valid while that block
** is the one being played with the same first run (blocks are reused). */
typedef struct {
    const void *at;
    const ent_i_block *block;
    uint64_t first;             /* that block's first run then */
} block_place;

static block_place place_in(const ent_i_block *b, const void *at)
{
    return (block_place){ at, b, b->first };
}

static int lies_in(const block_place *pl, const ent_i_block *b)
{
    return pl->block == b && pl->first == b->first;
}

/* A row's text after its point and replicate, kept to be written again. */
typedef struct {
    char *text;                 /* line_cap bytes */
    size_t len;                 /* 0: none yet */
    uint64_t stamp;             /* the memo's stamp of the run it is of, or 0 */
    /* where the text also lies in the block being played (a row this
    ** thread wrote whole), for later rows to point to rather than copy */
    block_place also;
} row_text;

/* Where the outcomes of a memo's stamp lie in a block. */
typedef struct {
    uint64_t stamp;
    block_place place;
} kept_place;

typedef struct {
    ent_scenario *scn;          /* private copy the overrides go into */
    double **slot;              /* k addresses in scn */
    ent_run *run;
    size_t *sizes;              /* state and workspace sizes the run was allocated for */
    uint64_t point;             /* point whose values are in scn, or UINT64_MAX */
    int failed;
    /* the numbers of the runs.csv row this thread made last, column by
    ** column (the design values, then the outcomes): the double and its text */
    uint64_t *fbits;
    char *ftxt;                 /* FMT_SLOT bytes a column */
    unsigned char *flen;
    /* texts of rows after their point and replicate, to be written again:
    ** at s % ENT_I_RUN_MEMO_WAYS the text of the run of memo stamp s (a run
    ** with that stamp has its numbers), at ENT_I_RUN_MEMO_WAYS the last one
    ** made of a run without a stamp */
    row_text texts[ENT_I_RUN_MEMO_WAYS + 1];
    /* the text of the numbers the column cache above holds (NULL: none
    ** yet): a run ending with every number of it (a deterministic
    ** scenario's replicates) has that text */
    row_text *numbers_text;
    /* the outcomes of the run this thread played last, where they lie in
    ** the block being played (see ent_i_block.repeats), and their stamp */
    block_place last;
    uint64_t last_point, last_stamp;
    /* runs of the point being played that later ones take the outcomes of
    ** (NULL with --reuse no); and how many took them */
    ent_i_run_memo *memo;
    uint64_t reused;
    /* at s % ENT_I_RUN_MEMO_WAYS, where the outcomes of stamp s lie in the
    ** block being played: a run that takes them points there (its outv)
    ** rather than copying them */
    kept_place kept_at[ENT_I_RUN_MEMO_WAYS];
} worker;

/* Room for a number's text in the worker's cache, copied whole (the row's
** buffer has that much slack past its last number). */
#define FMT_SLOT 32

typedef ent_i_block block;

typedef struct {
    const ent_scenario *s;
    const ent_sweep_spec *sp;
    const ent_sweep_options *o;
    size_t k, n, n_run_out, n_agent_out, n_out, line_cap, n_sizes;
    size_t n_line_out;          /* outcomes written in runs.csv rows */
    uint64_t replay_end;        /* runs below this are on disk: replayed for the summary only */
    uint64_t P, R, N, seed, block_runs;
    uint64_t lo, hi;            /* the runs of this share: [lo, hi) (all N unless sharded) */
    uint64_t shard, shards;     /* --shard shard/shards; shards = 0: the whole sweep */
    char settings_all[65];      /* digest of the whole sweep's settings (the manifest's) */
    unsigned threads;
    ent_dist *dists;
    ent_design *design;
    double *gen_x;              /* the point last generated */
    uint64_t gen_point;
    uint32_t gen_clamped;
    ent_summ *summ;
    char *rows_buf;             /* the summary rows of one point */
    size_t rows_cap;            /* its capacity */
    char *chunk_buf;            /* chunk_points x rows_cap: rows made by the threads */
    int note_repeats;           /* the runs note whether they repeat (ent_i_block.repeats):
                                ** small_point reads it, with more than one replicate */
    size_t *chunk_len, chunk_points;
    double *pt_stats;           /* statistics of the points a block ends (shared summary), or NULL */
    double *kind_stats;         /* per thread slot, a point of kinds' statistics (n_out x 8) */
    /* shared summary, exact: the kinds of each point whole in the block
    ** being summarised, by its place among the block's points (NULL: not
    ** a few kinds), and each run's kind, by its place in the block */
    const ent_i_summ_kinds **blk_kinds;
    ent_i_summ_kinds *blk_kinds_store;
    uint8_t *blk_kind_of;
    const double **pt_rows;     /* R: a point's vectors (point_stats) */
    double *point_x;            /* values of the point in progress (for summary rows) */
    char **names;               /* n_out outcome names */
    size_t *name_len;           /* and their lengths */
    /* per thread slot, one run's outcomes read from its row (another
    ** process's run of a point of one replicate: see texts_only) */
    double *text_runs;
    const double **text_run_ptr;
    char *name_field;           /* n_out x FIELD: the names, when all are shorter (else NULL) */
    /* runs.csv and summary.csv: hundreds of MB each, direct I/O where taken;
    ** summary.csv is closed last (runs.csv's checkpoints wait for its syncs) */
    ent_bulkfile *runs, *summary;
    struct iovec *iov;          /* runs.csv rows waiting, written from the blocks */
    int n_iov, iov_cap;
    char runs_path[4500], summary_path[4500];
    char work[4200];            /* DIR.partial */
    ent_dirlock lock;
    ent_staged st;
    int ready;                  /* work holds a finished sweep not yet moved in */
    int work_made;              /* this sweep made its work folder (fresh start) */
    ent_checkpoint cp;
    int io_error;
    int bad_value;              /* a design value was not a finite number */
    /* one replicate a point and a design by unit points: the serial step
    ** makes each point's unit point only, and the run's player (thread or
    ** process) its values, the costly inverse distribution functions */
    int late_values;
    int sets_strategies;        /* a parameter picks a strategy (patron.strategy.STAGE) */
    uint64_t bad_point;
    size_t bad_param;           /* k: values that do not go together (bad_why) */
    /* the tables of swept parameters whose values are checked together (a
    ** range's ends, a stage's check_params), as a file or --set is: each
    ** point's values on a scenario of their own, chk, before any run */
    ent_scenario *chk;
    double **chk_slot;          /* k slots of chk */
    unsigned char *chk_param;   /* k flags: parameter j lies in one of the tables */
    int *chk_st;                /* n_chk tables: stage, and agent (-1: the stage's own) */
    long *chk_agent;
    size_t n_chk;
    char bad_why[512];
    double t0, t_start, last_progress;  /* t0: last checkpoint; t_start: this invocation */
    unsigned block_checkpoints;         /* checkpoints after a block, this invocation */
    char *err;
    size_t cap;
    worker *ws;                 /* one per thread */
    size_t **tmp;               /* scratch per thread */
    ent_i_mpi *mpi;             /* rank 0 of several processes, else NULL */
    int n_blocks;               /* blocks in turn: 2, or 3 with several processes */
    /* the block loop's step between plays (see run_blocks) */
    block *b_prev, *b_next;
    uint64_t b_first, b_count, b_done;
    double serial_s;            /* CPU seconds of the serial step (writing, design points) */
    const ent_i_between_hooks *hooks;   /* during rank 0's step between, else NULL */
    /* the last look at the disk's free space (space_short): what was left
    ** to write, the bytes it came to, the bytes free; out_of_space: more
    ** than free, so the sweep stops as if asked to */
    ent_i_space_left space;
    uint64_t space_need, space_free, space_at;  /* space_at: runs done at that look */
    int out_of_space;
} ctx;

/* Replicates per point from which the threads share the summary of a block
** (below, the points are small and the writer summarises them as it goes). */
#define SUMM_SHARED_MIN 256

/* The 2 MB pieces the files' writer threads may lag behind by (resident
** throughout): about a block of runs.csv's rows; summary.csv's rows are
** fewer (a point's, not a run's). */
enum { RUNS_PIECES = 4, SUMMARY_PIECES = 2 };


/* ---- per-thread workers ----------------------------------------------------- */

/* The buffer sizes a run of the worker's scenario needs (strategy states and
** stage workspaces); they can depend on swept parameters. */
static void worker_free(worker *w)
{
    ent_run_free(w->run);
    ent_scenario_free(w->scn);
    free(w->slot);
    free(w->sizes);
    free(w->fbits);
    free(w->ftxt);
    free(w->flen);
    for (int j = 0; j <= ENT_I_RUN_MEMO_WAYS; j++)
        free(w->texts[j].text);
    ent_i_run_memo_free(w->memo);
}

static int worker_init(ctx *c, worker *w)
{
    memset(w, 0, sizeof *w);
    w->point = UINT64_MAX;
    w->scn = ent_scenario_clone(c->s);
    w->slot = calloc(c->k + 1, sizeof *w->slot);
    w->sizes = calloc(c->n_sizes + 1, sizeof *w->sizes);
    size_t cols = c->k + c->n_line_out + 1;
    w->fbits = calloc(cols, sizeof *w->fbits);
    w->ftxt = malloc(cols * FMT_SLOT);
    w->flen = malloc(cols);
    if (!c->o->play_every_run && c->R > 1 && !(w->memo = ent_i_run_memo_alloc(c->n_out)))
        return -1;
    /* the stamped texts only with a memo to give stamps */
    for (int j = w->memo ? 0 : ENT_I_RUN_MEMO_WAYS; j <= ENT_I_RUN_MEMO_WAYS; j++)
        if (!(w->texts[j].text = malloc(c->line_cap)))
            return -1;
    if (!w->scn || !w->slot || !w->sizes || !w->fbits || !w->ftxt || !w->flen)
        return -1;
    for (size_t j = 0; j < cols; j++)       /* every column holds 0.0 (bits 0) */
        w->flen[j] = (unsigned char)ent_i_fmt_num(w->ftxt + j * FMT_SLOT, 0.0);
    for (size_t j = 0; j < c->k; j++) {
        const ent_param_desc *d;
        if (!(w->slot[j] = ent_i_scenario_param(w->scn, c->sp->params[j].path, &d)))
            return -1;
    }
    if (!(w->run = ent_run_alloc(w->scn, 0)))
        return -1;
    ent_i_run_layout(w->run, w->sizes);
    return 0;
}

/* Put point values into the worker's scenario; reallocate its run object when
** the buffers it needs have changed size (allocation between runs only). */
static void worker_apply(ctx *c, worker *w, const double *x, uint64_t point, size_t *tmp)
{
    if (w->point == point)
        return;
    for (size_t j = 0; j < c->k; j++)
        *w->slot[j] = x[j];
    w->point = point;
    /* another strategy: a new run object, whose records assume none */
    int new_strategy = c->sets_strategies && ent_i_scenario_apply_choices(w->scn, c->s);
    ent_i_run_layout(w->run, tmp);
    if (!new_strategy && !memcmp(tmp, w->sizes, c->n_sizes * sizeof *tmp))
        return;
    ent_run_free(w->run);
    w->run = ent_run_alloc(w->scn, 0);
    if (!w->run) {
        w->failed = 1;
        return;
    }
    memcpy(w->sizes, tmp, c->n_sizes * sizeof *tmp);
}

static inline int same_bits(uint64_t bits, double v)
{
    uint64_t u;
    memcpy(&u, &v, sizeof u);
    return u == bits;
}

/* Column j's number v at q, from the worker's cache when the column held
** the same double in the last row this thread made (the replicates of a
** point mostly end alike, and a point's values are the same in all its
** rows), else formatted and kept. Returns the end of the text. */
static char *put_num(worker *w, size_t j, char *q, double v)
{
    uint64_t u;
    memcpy(&u, &v, sizeof u);
    char *t = w->ftxt + j * FMT_SLOT;
    if (u != w->fbits[j]) {
        w->fbits[j] = u;
        w->flen[j] = (unsigned char)ent_i_fmt_num(t, v);
    }
    memcpy(q, t, FMT_SLOT);                 /* a fixed size: one move, no call */
    return q + w->flen[j];
}

/* Whether the design values x[0..k) and outcomes out[0..m) are, bit for
** bit, the numbers of the worker's last row (its column cache holds them). */
static int same_numbers(const worker *w, size_t k, const double *x, size_t m, const double *out)
{
    for (size_t j = 0; j < k; j++)
        if (!same_bits(w->fbits[j], x[j]))
            return 0;
    const uint64_t *f = w->fbits + k;
    for (size_t o = 0; o < m; o++)
        if (!same_bits(f[o], out[o]))
            return 0;
    return 1;
}

/* ---- design values (any thread) ---------------------------------------------- */

/* A design value as the runs use it: whole numbers rounded. */
static double run_value(const ent_param_desc *d, double v)
{
    return d->type != ENT_P_REAL ? round(v) : v;
}

/* A point's design values x made the values the runs use, in place:
** whole numbers rounded, values outside the parameter's range clamped into
** it (counted in *clamped). Returns 0, or 1 + the first parameter whose
** value is not a finite number (the loader bounds every distribution so
** this cannot happen; if it does, the sweep stops rather than play with
** NaN). Reads c only: any thread may call it. */
static uint32_t settle_values(const ctx *c, double *x, uint32_t *clamped)
{
    uint32_t bad = 0;
    *clamped = 0;
    for (size_t j = 0; j < c->k; j++) {
        const ent_param_desc *d = c->sp->params[j].desc;
        double v = run_value(d, x[j]);
        if (!isfinite(v)) {
            if (!bad)
                bad = (uint32_t)j + 1;
            v = d->min;
        } else if (v < d->min || v > d->max) {
            v = v < d->min ? d->min : d->max;
            ++*clamped;
        }
        x[j] = v;
    }
    return bad;
}

/* With one replicate a point, a design by unit points (see late_values)
** leaves run i's unit point in b->x; the run's player makes it its
** values. */
static void late_point(const ctx *c, block *b, uint64_t i)
{
    double *x = b->x + i * c->k;
    ent_design_from_unit(c->design, x);
    b->bad[i] = settle_values(c, x, &b->clamped[i]);
}

/* The statistics (n_out x 8) of a point's R runs, outcomes n_out apart, as
** summ_chunk makes them (another process's, for the points whole in its
** chunk: see ent_i_mpi_job.point_stats_R). */
static void point_stats(void *vc, const double *outs, double *st)
{
    ctx *c = vc;
    if (c->pt_rows) {
        /* a few kinds (runs reused): from the kinds, the same bits */
        for (uint64_t r = 0; r < c->R; r++)
            c->pt_rows[r] = outs + r * c->n_out;
        ent_i_summ_kinds kd;
        if (ent_i_summ_find_kinds(c->pt_rows, NULL, c->R, c->n_out, &kd, c->blk_kind_of)) {
            ent_i_summ_stats_kinds(c->summ, 0, &kd, c->pt_rows, c->R, 0, c->n_out, st);
            return;
        }
    }
    ent_i_summ_reset_range(c->summ, 0, c->n_out);
    for (uint64_t r = 0; r < c->R; r++)
        ent_i_summ_add_range(c->summ, r, outs + r * c->n_out, 0, c->n_out);
    for (size_t o = 0; o < c->n_out; o++)
        ent_i_summ_stats_slot(c->summ, 0, o, c->R, st + o * 8);
}

/* Whether x could be a run's values: each within its parameter's range
** (what settle_values makes of any number). For values from another
** process. */
static int values_ok(void *vc, const double *x)
{
    const ctx *c = vc;
    for (size_t j = 0; j < c->k; j++) {
        const ent_param_desc *d = c->sp->params[j].desc;
        if (!(x[j] >= d->min && x[j] <= d->max) || run_value(d, x[j]) != x[j])
            return 0;
    }
    return 1;
}

/* Play run b->first + i and format its row. */
static void play(ctx *c, worker *w, block *b, uint64_t i, size_t *tmp, uint64_t replay_end)
{
    uint64_t run_id = b->first + i, p = run_id / c->R, r = run_id % c->R;
    if (c->late_values)
        late_point(c, b, i);
    const double *x = b->x + i * c->k;
    worker_apply(c, w, x, p, tmp);
    if (w->failed)
        return;
    ent_run *run = w->run;
    double *own = b->out + i * c->n_out;
    const double *out = own;
    b->outv[i] = out;
    b->pstat[i] = NULL;
    char *line = b->pack ? b->pack : b->lines + i * c->line_cap, *q = line;
    b->row[i] = line;
    int rounds;
    uint64_t stamp = 0;
    const double *kept = w->memo ? ent_i_run_memo_find(w->memo, run, c->seed, p, r, &rounds, &stamp) : NULL;
    if (kept) {
        /* pointed to where an earlier run of this block holds them; not in
        ** a block sent to another process (b->kind NULL), which carries
        ** each run's own */
        kept_place *ka = &w->kept_at[stamp % ENT_I_RUN_MEMO_WAYS];
        if (b->kind && ka->stamp == stamp && lies_in(&ka->place, b)) {
            out = b->outv[i] = ka->place.at;
        } else {
            memcpy(own, kept, c->n_out * sizeof *own);
            if (b->kind)
                *ka = (kept_place){ stamp, place_in(b, own) };
        }
        w->reused++;
    } else {
        ent_i_run_start(run, c->seed, p, r);
        ent_i_run_rounds(run);
        ent_i_run_outcome_vector(run, own);
        rounds = run->rounds_played;
        if (w->memo)
            stamp = ent_i_run_memo_keep(w->memo, run, p, own);
        if (stamp && b->kind) {
            kept_place *ka = &w->kept_at[stamp % ENT_I_RUN_MEMO_WAYS];
            *ka = (kept_place){ stamp, place_in(b, own) };
        }
    }
    if (b->repeats && c->note_repeats) {
        /* both vectors are in the cache now, not when the point is summarised;
        ** one stamp twice is one memo entry's outcomes twice */
        b->repeats[i] = lies_in(&w->last, b) && w->last_point == p &&
                        ((stamp && stamp == w->last_stamp) || !memcmp(out, w->last.at, c->n_out * sizeof *out));
        w->last = place_in(b, out);
        w->last_point = p;
        w->last_stamp = stamp;
    }
    if (b->kind) {
        /* a stamp is one memo's, and each thread has its own */
        uint64_t t = (uint64_t)(w - c->ws);
        b->kind[i] = stamp && stamp < (UINT64_C(1) << 40) && t < (UINT64_C(1) << 23) ? stamp | (t + 1) << 40 : 0;
    }
    b->rounds[i] = (uint32_t)rounds;
    if (b->tail)
        b->tail[i] = NULL;
    if (c->o->runs_columns == ENT_RUNS_NONE || run_id < replay_end) {
        b->len[i] = 0;
        return;
    }
    /* where this run's text is kept, and a text of its numbers if there is
    ** one: the kept one of its stamp (the same point and outcomes, not
    ** compared), or that of the numbers last formatted, compared */
    row_text *slot = &w->texts[stamp ? stamp % ENT_I_RUN_MEMO_WAYS : ENT_I_RUN_MEMO_WAYS];
    row_text *same = stamp && slot->len && slot->stamp == stamp ? slot : NULL;
    if (!same && w->numbers_text && same_numbers(w, c->k, x, c->n_line_out, out))
        same = w->numbers_text;
    int pointed = same && b->tail && lies_in(&same->also, b);
    if (pointed && !b->pack)
        b->row[i] = line = q = b->heads + i * ENT_I_HEAD_ROOM;
    q += ent_i_fmt_num(q, (double)p);
    *q++ = ',';
    q += ent_i_fmt_num(q, (double)r);
    if (same) {
        if (pointed) {
            /* the rest lies whole in an earlier row of this block: pointed
            ** to, not copied (the writer gathers it from there); the point
            ** and replicate beside the other rows' heads, since writing
            ** into a row of lines, a page from the last, costs a TLB miss */
            b->tail[i] = same->also.at;
            b->tail_len[i] = (uint32_t)same->len;
            b->len[i] = (uint32_t)(q - line);
            if (b->pack)
                b->pack = q;
        } else {
            memcpy(q, same->text, same->len);
            same->also = place_in(b, q);
            b->len[i] = (uint32_t)(q + same->len - line);
            if (b->pack)
                b->pack = q + same->len;
        }
        if (stamp && same != slot) {
            /* a new stamp with the numbers last formatted: kept as its own */
            memcpy(slot->text, same->text, same->len);
            *slot = (row_text){ slot->text, same->len, stamp, same->also };
        }
        return;
    }
    char *t = q;
    for (size_t j = 0; j < c->k; j++) {
        *q++ = ',';
        q = put_num(w, j, q, x[j]);
    }
    for (size_t o = 0; o < c->n_line_out; o++) {
        *q++ = ',';
        q = put_num(w, c->k + o, q, out[o]);
    }
    *q++ = '\n';
    memcpy(slot->text, t, (size_t)(q - t));
    *slot = (row_text){ slot->text, (size_t)(q - t), stamp, place_in(b, t) };
    w->numbers_text = slot;
    b->len[i] = (uint32_t)(q - line);
    if (b->pack)
        b->pack = q;
}

/* How many of n runs a thread takes at a time: one at a time, a run of a
** microsecond costs a fifth more in the taking; 32 shares a thread still
** leave the last thread at most a 32nd of the runs to play alone. */
static int64_t run_chunk(int64_t n, unsigned threads)
{
    int64_t chunk = n / (32 * (int64_t)threads);
    return chunk < 1 ? 1 : chunk;
}

/* Runs [lo, hi) of block b on every thread of this process. */
static void play_range(void *vc, block *b, uint64_t lo, uint64_t hi, uint64_t replay_end,
                       void (*poll)(void *pctx), void *pctx)
{
    ctx *c = vc;
    int64_t l = (int64_t)lo, h = (int64_t)hi;
    int64_t chunk = run_chunk(h - l, c->threads);
#pragma omp parallel for schedule(dynamic, chunk) num_threads(c->threads)
    for (int64_t i = l; i < h; i++) {
        int t = omp_get_thread_num();
        play(c, &c->ws[t], b, (uint64_t)i, c->tmp[t], replay_end);
        if (poll && t == 0)     /* the thread that called: it may call MPI */
            poll(pctx);
    }
}

static uint64_t runs_reused(void *vc)
{
    ctx *c = vc;
    uint64_t n = 0;
    for (unsigned t = 0; t < c->threads; t++)
        n += c->ws[t].reused;
    return n;
}

static int any_failed(void *vc)
{
    ctx *c = vc;
    for (unsigned t = 0; t < c->threads; t++)
        if (c->ws[t].failed)
            return 1;
    return 0;
}

/* ---- design points (serial) ------------------------------------------------ */

static uint64_t sweep_seed(const ent_scenario *s, const ent_sweep_spec *sp)
{
    return sp->has_seed ? sp->seed : s->seed;
}

ent_scenario *ent_sweep_point_scenario(const ent_scenario *s, const ent_sweep_spec *sp, uint64_t point,
                                       uint64_t *seed)
{
    size_t k = sp->n_params;
    if (point >= ent_sweep_points(sp))
        return NULL;
    *seed = sweep_seed(s, sp);
    ent_dist *dists = malloc((k + 1) * sizeof *dists);
    double *x = malloc((k + 1) * sizeof *x);
    ent_design *g = NULL;
    ent_scenario *out = NULL;
    if (!dists || !x)
        goto done;
    for (size_t j = 0; j < k; j++)
        dists[j] = sp->params[j].dist;
    /* the design the sweep builds, asked for the one point */
    if (!(g = ent_design_alloc(sp->design, k, dists, sp->points, *seed)))
        goto done;
    ent_design_point(g, point, x);
    if (!(out = ent_scenario_clone(s)))
        goto done;
    for (size_t j = 0; j < k; j++) {
        const ent_param_desc *d;
        double *slot = ent_i_scenario_param(out, sp->params[j].path, &d);
        double v = run_value(d ? d : sp->params[j].desc, x[j]);
        if (!slot || !isfinite(v) || v < d->min || v > d->max) {
            ent_scenario_free(out);
            out = NULL;
            goto done;
        }
        *slot = v;
    }
    if (out)
        ent_i_scenario_apply_choices(out, s);
done:
    ent_design_free(g);
    free(dists);
    free(x);
    return out;
}

static void note_bad(ctx *c, uint64_t p, uint32_t bad)
{
    if (bad && !c->bad_value) {
        c->bad_value = 1;
        c->bad_point = p;
        c->bad_param = bad - 1;
    }
}

/* Whether a point's settled values x go together (ent_i_scenario_check_table
** on the tables the sweep reaches); if not, the reason in c->bad_why unless
** an earlier point was bad. Serial: chk is the sweep's own. */
static int values_agree(ctx *c, const double *x)
{
    if (!c->n_chk)
        return 1;
    for (size_t j = 0; j < c->k; j++)
        *c->chk_slot[j] = x[j];
    if (c->sets_strategies)
        ent_i_scenario_apply_choices(c->chk, c->s);
    char why[sizeof c->bad_why];
    for (size_t t = 0; t < c->n_chk; t++)
        if (ent_i_scenario_check_table(c->chk, c->chk_st[t], c->chk_agent[t], why, sizeof why)) {
            if (!c->bad_value)
                snprintf(c->bad_why, sizeof c->bad_why, "%s", why);
            return 0;
        }
    return 1;
}

/* Whether the values checked together agree at every corner of the swept
** ranges that reach their tables (each such parameter at the low or the
** high end of its distribution's support, the others anywhere): a range's
** two ends that can cross are refused before any run, rather than at the
** first point where they do. More than 16 such parameters: left to the
** check of each point. */
static int ranges_agree(ctx *c)
{
    size_t idx[16], m = 0;
    for (size_t j = 0; j < c->k; j++)
        if (c->chk_param && c->chk_param[j]) {
            if (m == sizeof idx / sizeof *idx)
                return 1;
            idx[m++] = j;
        }
    if (m == 0)
        return 1;
    double *x = malloc(c->k * sizeof *x), lo, hi;
    if (!x)
        return 1;               /* each point is still checked */
    for (size_t j = 0; j < c->k; j++) {
        ent_dist_support(&c->sp->params[j].dist, &lo, &hi);
        x[j] = run_value(c->sp->params[j].desc, lo);
    }
    int agree = 1;
    for (uint64_t mask = 0; agree && mask < (UINT64_C(1) << m); mask++) {
        for (size_t b = 0; b < m; b++) {
            ent_dist_support(&c->sp->params[idx[b]].dist, &lo, &hi);
            x[idx[b]] = run_value(c->sp->params[idx[b]].desc, (mask >> b) & 1 ? hi : lo);
        }
        agree = values_agree(c, x);
    }
    free(x);
    return agree;
}

/* The tables of the swept parameters that have values checked together:
** chk, its slots and the tables, when there are any. 0, or -1 out of memory. */
static int find_checked_tables(ctx *c)
{
    if (!(c->chk_param = calloc(c->k + 1, 1)))
        return -1;
    for (size_t j = 0; j < c->k; j++) {
        const ent_param_desc *d;
        int st;
        long ag;
        double *slot = ent_i_scenario_param((ent_scenario *)(uintptr_t)c->s, c->sp->params[j].path, &d);
        if (!slot || !ent_i_scenario_slot_table(c->s, slot, &st, &ag))
            continue;
        c->chk_param[j] = 1;
        size_t t = 0;
        while (t < c->n_chk && !(c->chk_st[t] == st && c->chk_agent[t] == ag))
            t++;
        if (t < c->n_chk)
            continue;
        int *ns = realloc(c->chk_st, (c->n_chk + 1) * sizeof *ns);
        if (ns)
            c->chk_st = ns;
        long *na = ns ? realloc(c->chk_agent, (c->n_chk + 1) * sizeof *na) : NULL;
        if (!na)
            return -1;
        c->chk_agent = na;
        c->chk_st[c->n_chk] = st;
        c->chk_agent[c->n_chk++] = ag;
    }
    if (!c->n_chk)
        return 0;
    c->chk = ent_scenario_clone(c->s);
    c->chk_slot = malloc(c->k * sizeof *c->chk_slot);
    if (!c->chk || !c->chk_slot)
        return -1;
    for (size_t j = 0; j < c->k; j++) {
        const ent_param_desc *d;
        if (!(c->chk_slot[j] = ent_i_scenario_param(c->chk, c->sp->params[j].path, &d)))
            return -1;
    }
    return 0;
}

/* Values of point p as the runs use them (settle_values). */
static void gen_point(ctx *c, uint64_t p)
{
    if (c->gen_point == p)
        return;
    ent_design_point(c->design, p, c->gen_x);
    uint32_t bad = settle_values(c, c->gen_x, &c->gen_clamped);
    note_bad(c, p, bad ? bad : values_agree(c, c->gen_x) ? 0 : (uint32_t)c->k + 1);
    c->gen_point = p;
}

/* After block b has played: the first bad value among its late points. */
static void note_late_bad(ctx *c, const block *b)
{
    for (uint64_t i = 0; c->late_values && i < b->count && !c->bad_value; i++)
        note_bad(c, (b->first + i) / c->R,
                 b->bad[i] ? b->bad[i] : values_agree(c, b->x + i * c->k) ? 0 : (uint32_t)c->k + 1);
}

/* CPU seconds of the calling thread. */
static double thread_cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* During rank 0's step between plays: let the other processes have their
** results taken in and more work (its CPU time is MPI's, not the step's). */
static void serve_others(ctx *c)
{
    if (!c->hooks)
        return;
    double t0 = thread_cpu();
    c->hooks->serve(c->hooks->ctx);
    c->serial_s -= thread_cpu() - t0;
}

static void gen_block(ctx *c, block *b, uint64_t first, uint64_t count)
{
    b->first = first;
    b->count = count;
    if (c->late_values) {
        for (uint64_t i = 0; i < count; i++)
            ent_design_unit(c->design, first + i, b->x + i * c->k);
        return;
    }
    for (uint64_t i = 0; i < count; i++) {
        uint64_t run_id = first + i, p = run_id / c->R;
        gen_point(c, p);
        memcpy(b->x + i * c->k, c->gen_x, c->k * sizeof(double));
        b->clamped[i] = run_id % c->R == 0 ? c->gen_clamped : 0;
        if (i % 16 == 15)
            serve_others(c);
    }
}

/* ---- writing (serial, in run order) ---------------------------------------- */

/* Text for summary.csv (copied before the call returns). */
static void put_summary(ctx *c, const char *s, size_t len)
{
    if (c->io_error)
        return;
    struct iovec v = { (void *)(uintptr_t)s, len };
    int e = len ? ent_bulkfile_writev(c->summary, &v, 1) : 0;
    if (e)
        c->io_error = e;
    c->cp.summary_bytes += len;
}

/* The runs.csv rows gathered by put_row, handed over straight from the
** blocks (no copy into a stdio buffer). */
static void flush_rows(ctx *c)
{
    int n = c->n_iov;
    c->n_iov = 0;
    if (!n || c->io_error)
        return;
    int e = ent_bulkfile_writev(c->runs, c->iov, n);
    if (e)
        c->io_error = e;
}

/* A row of runs.csv, written by flush_rows (the row stays in its block
** until then: every block's rows are flushed before the block is reused). */
static void put_row(ctx *c, const char *s, size_t len)
{
    if (!c->runs)
        return;
    if (len) {
        c->iov[c->n_iov].iov_base = (void *)s;
        c->iov[c->n_iov].iov_len = len;
        if (++c->n_iov == c->iov_cap)
            flush_rows(c);
    }
    c->cp.runs_bytes += len;
}

/* A number whose text is at hand (a field of a run's runs.csv row, made
** by the same formatter). */
typedef struct {
    double v;
    const char *text;
    size_t len;
} known_text;

/* The eight statistics of a summary row, each after a comma. A statistic
** with the bits of the known number (may be NULL) or of an earlier one in
** the row takes that text: a copy of a few bytes instead of formatting the
** number again (a point of one replicate, or an outcome its replicates
** share, has mean = median = q05 = q95). */
static char *put_stats(char *q, const double st[8], const known_text *known)
{
    char *text[8];
    size_t len[8];
    for (int i = 0; i < 8; i++) {
        *q++ = ',';
        const char *from = NULL;
        size_t n = 0;
        if (known && !memcmp(&known->v, &st[i], sizeof st[i])) {
            from = known->text;
            n = known->len;
        }
        for (int j = 0; !from && j < i; j++)
            if (!memcmp(&st[j], &st[i], sizeof st[i])) {
                from = text[j];
                n = len[j];
            }
        text[i] = q;
        if (from)
            memcpy(q, from, n);
        else
            n = ent_i_fmt_num(q, st[i]);
        len[i] = n;
        q += n;
    }
    return q;
}

/* The end of the field at `f` in a runs.csv row ending at `end` (its
** comma, or the row's newline), and its length. */
static const char *next_field(const char *f, const char *end, size_t *len)
{
    const char *e = memchr(f, ',', (size_t)(end - f));
    if (!e)
        e = end > f && end[-1] == '\n' ? end - 1 : end;
    *len = (size_t)(e - f);
    return e;
}

/* The summary rows of a point of one replicate are mostly copies of a few
** short fields (a point's 200-odd rows are the serial step's main work):
** each is copied as FIELD bytes at once, a fixed-size copy without a call,
** and the output moves on by the field's length. The bytes beyond it are
** written over by what follows, or fall in the slack that every point's
** row buffer has at its end (ROWS_SLACK). So are a row's head (point and
** values) when it is at most HEAD_COPY bytes, and names of less than FIELD. */
enum { FIELD = 64, HEAD_COPY = 128, ROWS_SLACK = HEAD_COPY };

typedef struct {
    char text[FIELD];
    size_t len;
} field;

static char *put_field(char *q, const field *f)
{
    memcpy(q, f->text, FIELD);
    return q + f->len;
}

/* A field of the texts of the numbers v[0..n), each after a comma. */
static void field_of(field *f, const double *v, int n)
{
    char num[ENT_NUM_MAX + 1];
    memset(f->text, 0, FIELD);
    f->len = 0;
    for (int i = 0; i < n; i++) {
        size_t l = ent_i_fmt_num(num, v[i]);
        f->text[f->len++] = ',';
        memcpy(f->text + f->len, num, l);
        f->len += l;
    }
}

/* The statistics a point of one replicate can have besides its value, as
** fields: n = 1, then sd, ci_low and ci_high undefined; or, when the value
** is undefined, n = 0 and all seven others undefined. */
typedef struct {
    field one, na3, none;
} single_texts;

static void single_texts_init(single_texts *t)
{
    const double one = 1.0, na3[3] = { NAN, NAN, NAN },
                 none[8] = { 0.0, NAN, NAN, NAN, NAN, NAN, NAN, NAN };
    field_of(&t->one, &one, 1);
    field_of(&t->na3, na3, 3);
    field_of(&t->none, none, 8);
}

/* The statistics of a point of one replicate whose value is undefined or
** a value as ent_i_summ_single_is_value says (else NULL: the caller
** formats them): written from the texts, with nothing worked out. */
static char *put_single(char *q, const known_text *k, const single_texts *t)
{
    if (isnan(k->v))
        return put_field(q, &t->none);
    if (!ent_i_summ_single_is_value(k->v) || k->len > ENT_NUM_MAX)
        return NULL;
    field v;
    v.text[0] = ',';
    memcpy(v.text + 1, k->text, k->len);
    v.len = k->len + 1;
    q = put_field(q, &t->one);                  /* n */
    q = put_field(q, &v);                       /* mean */
    q = put_field(q, &t->na3);                  /* sd, ci_low, ci_high */
    q = put_field(q, &v);                       /* median, q05, q95 */
    q = put_field(q, &v);
    return put_field(q, &v);
}

/* The text of the summary rows of point p, whose values are x, into out
** (c->rows_cap bytes); the statistics from st_all (n_out x 8) when given,
** else from rows (the point's R runs' outcomes; exact mode), else from the
** accumulator, with working slot `slot`. run_text (may be NULL): the row
** of the point's one run when it holds every outcome, whose fields give the
** texts of statistics equal to the run's values. Returns the length. */
static size_t format_summary_rows(ctx *c, uint64_t p, const double *x, const double *st_all,
                                  const double *const *rows, int repeated, unsigned slot,
                                  const char *run_text, size_t run_len, char *out)
{
    const char *f = NULL, *end = run_text ? run_text + run_len : NULL;
    for (size_t skip = 0; run_text && skip < 2 + c->k; skip++) {   /* point, replicate, values */
        size_t l;
        f = next_field(f ? f : run_text, end, &l) + 1;
    }
    single_texts single;
    if (run_text)
        single_texts_init(&single);
    char head[4096 + HEAD_COPY];
    size_t hl = ent_i_fmt_num(head, (double)p);
    for (size_t j = 0; j < c->k && hl + ENT_NUM_MAX + 2 < sizeof head; j++) {
        head[hl++] = ',';
        hl += ent_i_fmt_num(head + hl, x[j]);
    }
    head[hl++] = ',';
    char *q = out;
    for (size_t o = 0; o < c->n_out; o++) {
        if (hl <= HEAD_COPY)
            memcpy(q, head, HEAD_COPY);
        else
            memcpy(q, head, hl);
        q += hl;
        if (c->name_field)
            memcpy(q, c->name_field + o * FIELD, FIELD);
        else
            memcpy(q, c->names[o], c->name_len[o]);
        q += c->name_len[o];
        known_text k, *kp = NULL;
        /* the point's runs, or (outcomes in the row only) its one run as
        ** read from the row into this slot's own vector */
        const double *const *rows_o = rows;
        if (rows && !rows[0]) {
            double *own_run = c->text_runs + (size_t)slot * c->n_out;
            own_run[o] = NAN;   /* no text (a row cut short): undefined */
            rows_o = (const double *const *)&c->text_run_ptr[slot];
        }
        if (f && rows && f < end) {
            k.text = f;
            f = next_field(f, end, &k.len) + 1;
            if (rows[0]) {
                k.v = rows[0][o];
            } else if (ent_i_num_text_ordinary(k.text, k.len)) {
                k.v = 1.0;      /* a stand-in: its text is the statistics' */
            } else {
                /* NA, -0 or an infinity */
                double *own_run = c->text_runs + (size_t)slot * c->n_out;
                const char *e;
                if (ent_i_parse_num(k.text, &e, &own_run[o]) || e != k.text + k.len)
                    own_run[o] = NAN;
                k.v = own_run[o];
            }
            kp = &k;
            char *done = put_single(q, kp, &single);
            if (done) {
                q = done;
                *q++ = '\n';
                continue;
            }
        }
        double own[8];
        const double *st = st_all ? st_all + o * 8 : own;
        if (!st_all) {
            if (repeated)
                ent_i_summ_stats_repeated(c->summ, slot, rows[0][o], c->R, own);
            else if (rows_o)
                ent_i_summ_stats_rows(c->summ, slot, o, rows_o, c->R, own);
            else
                ent_i_summ_stats_slot(c->summ, slot, o, c->R, own);
        }
        q = put_stats(q, st, kp);
        *q++ = '\n';
    }
    return (size_t)(q - out);
}

static void write_summary_rows(ctx *c, uint64_t p, const double *x, const double *st_all)
{
    size_t len = format_summary_rows(c, p, x, st_all, NULL, 0, 0, NULL, 0, c->rows_buf);
    put_summary(c, c->rows_buf, len);
}

/* Whether point p's runs all lie in block b. */
static int point_whole(const ctx *c, const block *b, uint64_t p)
{
    return p * c->R >= b->first && (p + 1) * c->R <= b->first + b->count;
}

/* Whether the R runs of the point from run i0 of block b are a few kinds,
** and which: into *kd and kind_of[0..R). A kind is the runs of one memo
** stamp when every run's is known; else (runs played by another process,
** or with --reuse no) the runs whose vectors have the same bits. */
static int point_kinds(const ctx *c, const block *b, uint64_t i0, ent_i_summ_kinds *kd, uint8_t *kind_of)
{
    if (!b->kind || !c->kind_stats || c->R >= SUMM_SHARED_MIN)
        return 0;
    return ent_i_summ_find_kinds(b->outv + i0, b->kind + i0, c->R, c->n_out, kd, kind_of);
}

/* Point j of a chunk of the points that lie whole in block b (exact mode,
** few replicates): its rows formatted into the chunk's buffer j. */
static void small_point(ctx *c, const block *b, uint64_t i0, size_t j)
{
    unsigned slot = (unsigned)omp_get_thread_num();
    uint64_t p = (b->first + i0) / c->R;
    /* whether the point's runs all ended with the same numbers (a
    ** deterministic scenario's replicates): then each outcome's statistics
    ** are those of one value repeated, and its rows need not be read again.
    ** Run r is run 0's if it repeats its thread's run before it (one of
    ** runs 0 to r - 1, each found equal to run 0 already), else if its
    ** vector is run 0's. */
    const double *const *rows = b->outv + i0;
    int repeated = c->R > 1 && rows[0];
    for (uint64_t r = 1; r < c->R && repeated; r++)
        repeated = rows[r] && ((b->repeats && b->repeats[i0 + r]) ||
                               !memcmp(rows[r], rows[0], c->n_out * sizeof(double)));
    /* else whether they are a few kinds (runs that took the outcomes of
    ** an earlier one: the replicates that differ only in the patron's
    ** type): then each outcome's statistics need only the kinds' vectors */
    ent_i_summ_kinds kinds;
    uint8_t kind_of[SUMM_SHARED_MIN];
    int by_kind = !repeated && c->R > 1 && point_kinds(c, b, i0, &kinds, kind_of);
    /* else the statistics read each outcome across the runs, whose vectors
    ** lie kilobytes and pages apart: a stride the hardware does not
    ** prefetch, and the block's vectors are out of the cache by now. Each
    ** vector is read once in order first, a line at a time, which the
    ** hardware does prefetch: this halves the time of the statistics. (The
    ** sum is kept only so that the reads are made.) */
    double sum = 0;
    for (uint64_t r = 0; r < c->R && c->R > 1 && !repeated && !by_kind; r++)
        if (rows[r])
            for (size_t o = 0; o < c->n_out; o += 8)
                sum += rows[r][o];
    volatile double keep = sum;
    (void)keep;
    /* one replicate: its row (if written, with every outcome) has the texts */
    int text = c->R == 1 && c->n_line_out == c->n_out && b->len[i0] > 0 && !(b->tail && b->tail[i0]);
    /* a point of kinds: every outcome's statistics at once, their sums side by side */
    double *st_all = NULL;
    if (by_kind) {
        st_all = c->kind_stats + (size_t)slot * c->n_out * 8;
        ent_i_summ_stats_kinds(c->summ, slot, &kinds, rows, c->R, 0, c->n_out, st_all);
    }
    c->chunk_len[j] = format_summary_rows(c, p, b->x + i0 * c->k, st_all, rows, repeated, slot,
                                          text ? b->row[i0] : NULL, text ? b->len[i0] : 0,
                                          c->chunk_buf + j * c->rows_cap);
}

/* The summary rows of the points that lie whole in block b and end after
** replay_end (exact mode, few replicates): statistics and text made by the
** threads (tasks inside the plays' parallel region, else a parallel loop),
** chunk by chunk, and written in point order. */
static void small_points(ctx *c, const block *b)
{
    uint64_t R = c->R, i0 = (R - b->first % R) % R;
    while (i0 + R <= b->count && b->first + i0 + R - 1 < c->replay_end)
        i0 += R;
    while (i0 + R <= b->count) {
        int64_t cnt = 0;
        while (cnt < (int64_t)c->chunk_points && i0 + (uint64_t)(cnt + 1) * R <= b->count)
            cnt++;
        if (omp_in_parallel()) {
#pragma omp taskloop grainsize(1)
            for (uint64_t j = 0; j < (uint64_t)cnt; j++)    /* unsigned: clang's taskloop compares so */
                small_point(c, b, i0 + j * R, (size_t)j);
        } else {
#pragma omp parallel for schedule(dynamic, 1) num_threads(c->threads)
            for (int64_t j = 0; j < cnt; j++)
                small_point(c, b, i0 + (uint64_t)j * R, (size_t)j);
        }
        for (int64_t j = 0; j < cnt; j++)
            put_summary(c, c->chunk_buf + (size_t)j * c->rows_cap, c->chunk_len[j]);
        i0 += (uint64_t)cnt * R;
        serve_others(c);
    }
}

/* Outcomes [lo, hi) of block b fed to the summary in run order, and their
** statistics for every point that ends in b (the pe-th such point's in
** pt_stats + pe x n_out x 8); a point whole in b whose runs are a few kinds
** (block_kinds) from its kinds, not fed. Ranges of outcomes are
** independent: threads share them without changing a bit of the result. */
static void summ_chunk(ctx *c, const block *b, size_t lo, size_t hi)
{
    unsigned slot = (unsigned)omp_get_thread_num();
    size_t pe = 0;
    uint64_t p0 = b->first / c->R;
    for (uint64_t i = 0; i < b->count; i++) {
        uint64_t run_id = b->first + i, r = run_id % c->R;
        const ent_i_summ_kinds *kd = c->blk_kinds ? c->blk_kinds[run_id / c->R - p0] : NULL;
        if (kd) {
            if (r == c->R - 1)  /* written: block_kinds skips the points replayed */
                ent_i_summ_stats_kinds(c->summ, slot, kd, b->outv + i + 1 - c->R, c->R, lo, hi,
                                       c->pt_stats + pe++ * c->n_out * 8);
            continue;
        }
        if (r == 0)
            ent_i_summ_reset_range(c->summ, lo, hi);
        if (b->outv[i])         /* else its point is summarised already (pstat) */
            ent_i_summ_add_range(c->summ, r, b->outv[i], lo, hi);
        if (r == c->R - 1 && run_id >= c->replay_end) {
            double *st = c->pt_stats + pe * c->n_out * 8;
            if (b->pstat[i])
                memcpy(st + lo * 8, b->pstat[i] + lo * 8, (hi - lo) * 8 * sizeof *st);
            else
                for (size_t o = lo; o < hi; o++)
                    ent_i_summ_stats_slot(c->summ, slot, o, c->R, st + o * 8);
            pe++;
        }
    }
}

/* Which points whole in block b, to be written, are a few kinds (exact
** mode): c->blk_kinds, before the threads share the block's outcomes. */
static void block_kinds(ctx *c, const block *b)
{
    if (!c->blk_kinds)
        return;
    uint64_t R = c->R, p0 = b->first / R, p1 = (b->first + b->count - 1) / R;
    for (uint64_t p = p0; p <= p1; p++) {
        c->blk_kinds[p - p0] = NULL;
        if (!b->kind || !point_whole(c, b, p) || (p + 1) * R <= c->replay_end)
            continue;
        uint64_t i0 = p * R - b->first;
        ent_i_summ_kinds *kd = &c->blk_kinds_store[p - p0];
        if (ent_i_summ_find_kinds(b->outv + i0, b->kind + i0, R, c->n_out, kd, c->blk_kind_of + i0))
            c->blk_kinds[p - p0] = kd;
    }
}

/* The summary work of block b on every thread: inside the parallel region
** of a block's plays (the step between blocks), as tasks that the thread
** writing does while the others play and that they join when their runs are
** done; outside it, a parallel loop. */
static void summ_block(ctx *c, const block *b)
{
    block_kinds(c, b);
    size_t parts = 4u * c->threads;
    size_t per = (c->n_out + parts - 1) / parts;
    if (per < 1)
        per = 1;
    int64_t nch = (int64_t)((c->n_out + per - 1) / per);
    if (omp_in_parallel()) {
#pragma omp taskloop grainsize(1)
        for (uint64_t ch = 0; ch < (uint64_t)nch; ch++) {
            size_t lo = (size_t)ch * per, hi = lo + per < c->n_out ? lo + per : c->n_out;
            summ_chunk(c, b, lo, hi);
        }
    } else {
#pragma omp parallel for schedule(dynamic, 1) num_threads(c->threads)
        for (int64_t ch = 0; ch < nch; ch++) {
            size_t lo = (size_t)ch * per, hi = lo + per < c->n_out ? lo + per : c->n_out;
            summ_chunk(c, b, lo, hi);
        }
    }
}

/* Runs below replay_end were written before an interruption: they only
** rebuild the summary of the point in progress. With many replicates per
** point the summary is shared among the threads by outcomes (summ_block);
** with few, by points: the writer feeds the accumulator run by run for a
** point begun in an earlier block, and the threads summarise the points
** that lie whole in the block from its rows (small_points). */
static void write_block(ctx *c, const block *b)
{
    int par = c->pt_stats != NULL, small = !par && ent_i_summ_exact(c->summ);
    if (par)
        summ_block(c, b);
    size_t pe = 0;
    for (uint64_t i = 0; i < b->count; i++) {
        uint64_t run_id = b->first + i, p = run_id / c->R, r = run_id % c->R;
        int replay = run_id < c->replay_end;
        if (r == 0) {
            if (!replay)
                c->cp.point_bytes = c->cp.runs_bytes;
            if (!par) {
                memcpy(c->point_x, b->x + i * c->k, c->k * sizeof(double));
                ent_i_summ_reset_range(c->summ, 0, c->n_out);
            }
        }
        /* the accumulator: for points begun in an earlier block or going
        ** on into the next (never so with one run a point, whose outcomes
        ** may be in its row only); the threads summarise the points whole
        ** in the block from their rows (small_points) */
        if (!par && !(small && (c->R == 1 || point_whole(c, b, p))))
            ent_i_summ_add_range(c->summ, r, b->outv[i], 0, c->n_out);
        if (i % 64 == 63)
            serve_others(c);
        if (replay)
            continue;
        put_row(c, b->row[i], b->len[i]);
        if (b->tail && b->tail[i])
            put_row(c, b->tail[i], b->tail_len[i]);
        c->cp.agent_rounds += (uint64_t)b->rounds[i] * c->n;
        c->cp.clamped += b->clamped[i];
        if (r == c->R - 1) {
            if (par)
                write_summary_rows(c, p, b->x + i * c->k, c->pt_stats + pe++ * c->n_out * 8);
            else if (!small || i < c->R - 1)
                write_summary_rows(c, p, c->point_x, NULL);
            /* else: a point whole in the block, below */
        }
    }
    flush_rows(c);
    /* the points whole in the block end after the one begun before it */
    if (small)
        small_points(c, b);
    if (b->first + b->count > c->cp.runs_done)
        c->cp.runs_done = b->first + b->count;
}

/* A checkpoint as handed to a writer thread: the record, and the sync of
** summary.csv that must be done before it is written (0: none). */
typedef struct {
    ent_checkpoint cp;
    uint64_t summary_sync;
} checkpoint_job;

/* The checkpoint, once the bytes it counts are on disk: on runs.csv's
** writer thread (else summary.csv's) while the next block plays. */
static int write_checkpoint(void *vc, const void *snap)
{
    const ctx *c = vc;
    const checkpoint_job *j = snap;
    int e = j->summary_sync ? ent_bulkfile_wait(c->summary, j->summary_sync) : 0;
    if (e)
        return e;
    if (ent_i_checkpoint_write(c->work, &j->cp))
        return errno ? errno : EIO;
    return 0;
}

static void checkpoint(ctx *c)
{
    c->cp.wall += omp_get_wtime() - c->t0;
    c->t0 = omp_get_wtime();
    flush_rows(c);
    if (c->io_error)
        return;
    checkpoint_job j = { c->cp, 0 };
    int e;
    if (c->runs) {
        /* both files synced on their own threads; runs.csv's then waits for
        ** summary.csv's before it writes the checkpoint */
        e = ent_bulkfile_sync_ticket(c->summary, NULL, NULL, NULL, 0, &j.summary_sync);
        if (!e)
            e = ent_bulkfile_sync_then(c->runs, write_checkpoint, c, &j, sizeof j);
    } else {
        e = ent_bulkfile_sync_then(c->summary, write_checkpoint, c, &j, sizeof j);
    }
    if (e)
        c->io_error = e;
}

/* Seconds between checkpoints after the first block's: each one syncs both
** files (a device flush, and direct writes cut short at the sync), about a
** tenth of a cheap sweep's CPU when taken after every block; an interrupted
** sweep loses at most this much of its work. */
#define CHECKPOINT_EVERY_S 2.0

/* Whether the block just written is checkpointed: the first of this
** invocation (some runs safely on disk at once), then every
** CHECKPOINT_EVERY_S seconds. The last block, and the one at a stop, are
** always checkpointed (run_blocks). */
static int checkpoint_due(const ctx *c)
{
    return c->block_checkpoints == 0 || omp_get_wtime() - c->t0 >= CHECKPOINT_EVERY_S;
}

/* ---- free space ------------------------------------------------------------- */

/* The bytes the files' writer threads may hold that are not on disk yet,
** which the free space does not show: their pieces. */
#define SPACE_IN_FLIGHT ((uint64_t)(RUNS_PIECES + SUMMARY_PIECES) << 21)

/* What is left to write from run `done` on, at the least a row can take (a
** character and a separator a field): before any row shows its length. */
static ent_i_space_left space_least(const ctx *c, uint64_t done)
{
    uint64_t points_done = (done - c->lo) / c->R;
    return (ent_i_space_left){
        .runs = c->hi - done,
        .points = (c->hi - c->lo) / c->R - points_done,
        .per_run = c->runs ? 2 * (2 + c->k + c->n_line_out) : 0,
        .per_point = 2 * (uint64_t)c->n_out * (c->k + 10),
    };
}

/* What is left to write, at the bytes a run and a point have taken so far
** (the least a point can take while none is done). */
static ent_i_space_left space_so_far(const ctx *c)
{
    ent_i_space_left left = space_least(c, c->cp.runs_done);
    uint64_t runs = c->cp.runs_done - c->lo, points = runs / c->R;
    if (runs)
        left.per_run = c->cp.runs_bytes / runs;
    if (points)
        left.per_point = c->cp.summary_bytes / points;
    return left;
}

/* Whether `left`, with `margin` bytes more, exceeds the free space of the
** disk the sweep writes to (noted in c). Unknown free space, or the check
** turned off: no (a full disk still fails the write, resumably). */
static int space_short(ctx *c, ent_i_space_left left, uint64_t margin)
{
    uint64_t free_b;
    if (c->o->ignore_free_space || ent_i_free_bytes(c->work, &free_b))
        return 0;
    c->space = left;
    c->space_at = c->cp.runs_done - c->lo;
    c->space_need = ent_i_space_need(&left);
    c->space_free = free_b;
    return c->space_need > free_b || margin > free_b - c->space_need;
}

/* The message of a sweep stopped for want of space (at the start: nothing
** to show but the least it needs). */
static int space_fail(ctx *c, int at_start)
{
    char need[32], free_b[32], run[32], point[32];
    ent_i_human_bytes(need, sizeof need, c->space_need);
    ent_i_human_bytes(free_b, sizeof free_b, c->space_free);
    ent_i_human_bytes(run, sizeof run, c->space.per_run);
    ent_i_human_bytes(point, sizeof point, c->space.per_point);
    if (at_start && !c->o->resume)
        snprintf(c->err, c->cap, "the sweep's %llu runs need at least %s of files, and the disk of '%s' "
                 "has %s free; nothing was written (fewer points or replicates, or fewer runs.csv columns, "
                 "make less)", (unsigned long long)c->space.runs, need, c->o->out_dir, free_b);
    else if (at_start)
        snprintf(c->err, c->cap, "the sweep's %llu runs left need at least %s of files, and the disk of "
                 "'%s' has %s free; the runs done are kept in %s/: free some space, then resume",
                 (unsigned long long)c->space.runs, need, c->o->out_dir, free_b, c->work);
    else
        snprintf(c->err, c->cap, "after %llu runs the disk of '%s' had %s free, and the %llu runs left "
                 "would need about %s more (%s a run in runs.csv and %s a point in summary.csv so far): "
                 "the sweep stopped after %llu of %llu runs, kept in %s/; free some space, then resume",
                 (unsigned long long)c->space_at, c->o->out_dir, free_b, (unsigned long long)c->space.runs,
                 need, run, point, (unsigned long long)(c->cp.runs_done - c->lo),
                 (unsigned long long)(c->hi - c->lo), c->work);
    return ENT_SWEEP_EIO;
}

/* Everything handed to the writer threads done (the first error in
** io_error). */
static void drain(ctx *c)
{
    int e = c->runs ? ent_bulkfile_drain(c->runs) : 0;
    int es = c->summary ? ent_bulkfile_drain(c->summary) : 0;
    if (!e)
        e = es;
    if (e && !c->io_error)
        c->io_error = e;
}

static void progress(ctx *c, uint64_t at_start, int force)
{
    if (!c->o->progress)
        return;
    double now = omp_get_wtime();
    if (!force && now - c->last_progress < c->o->progress_every)
        return;
    c->last_progress = now;
    ent_sweep_progress pr = { c->hi - c->lo, c->cp.runs_done - c->lo, at_start - c->lo, now - c->t_start };
    c->o->progress(c->o->progress_ctx, &pr);
}

/* ---- setup ------------------------------------------------------------------ */

static int fail(ctx *c, int code, const char *fmt, const char *a, const char *b)
{
    snprintf(c->err, c->cap, fmt, a, b);
    return code;
}

static int block_alloc(ctx *c, block *b)
{
    uint64_t m = c->block_runs;
    b->x = malloc((m * c->k + 1) * sizeof *b->x);
    b->clamped = malloc(m * sizeof *b->clamped);
    b->bad = malloc(m * sizeof *b->bad);
    b->out = malloc(m * c->n_out * sizeof *b->out + 8);
    b->lines = malloc(m * c->line_cap);
    b->len = malloc(m * sizeof *b->len);
    b->rounds = malloc(m * sizeof *b->rounds);
    b->row = malloc(m * sizeof *b->row);
    b->tail = malloc(m * sizeof *b->tail);
    b->tail_len = malloc(m * sizeof *b->tail_len);
    b->outv = malloc(m * sizeof *b->outv);
    b->pstat = malloc(m * sizeof *b->pstat);
    b->repeats = calloc(m, 1);
    b->kind = calloc(m, sizeof *b->kind);
    b->heads = malloc(m * ENT_I_HEAD_ROOM);
    return b->heads && b->repeats && b->kind && b->pstat && b->x && b->clamped && b->bad && b->out && b->lines && b->len && b->rounds && b->row && b->outv && b->tail &&
           b->tail_len ? 0 : -1;
}

static void block_free(block *b)
{
    free(b->x);
    free(b->clamped);
    free(b->bad);
    free(b->out);
    free(b->lines);
    free(b->len);
    free(b->rounds);
    free(b->row);
    free(b->tail);
    free(b->tail_len);
    free(b->outv);
    free(b->pstat);
    free(b->repeats);
    free(b->kind);
    free(b->heads);
    for (size_t i = 0; i < b->pool_n; i++)
        free(b->pool[i]);
    free(b->pool);
    free(b->pool_cap);
}

/* Column names and the header lines; the settings digest covers everything a
** resumed sweep must share with the one it continues. */
static int headers(ctx *c, const ent_run *probe, char **runs_head, char **summ_head)
{
    size_t n_names = 0;
    c->names = ent_i_run_outcome_names(probe, &n_names);
    if (!c->names || n_names != c->n_out) {
        ent_i_names_free(c->names, n_names);
        c->names = NULL;
        return -1;
    }
    size_t total = 64;
    for (size_t o = 0; o < c->n_out; o++)
        total += strlen(c->names[o]) + 1;
    for (size_t j = 0; j < c->k; j++)
        total += strlen(c->sp->params[j].path) + 1;
    *runs_head = malloc(total + 64);
    *summ_head = malloc(total + 256);
    if (!*runs_head || !*summ_head)
        return -1;
    char *p = *runs_head, *q = *summ_head;
    p += sprintf(p, "point,replicate");
    q += sprintf(q, "point");
    for (size_t j = 0; j < c->k; j++) {
        p += sprintf(p, ",%s", c->sp->params[j].path);
        q += sprintf(q, ",%s", c->sp->params[j].path);
    }
    for (size_t o = 0; o < c->n_line_out; o++)
        p += sprintf(p, ",%s", c->names[o]);
    strcpy(p, "\n");
    q += sprintf(q, ",outcome");
    for (int i = 0; i < 8; i++)
        q += sprintf(q, ",%s", ent_i_summ_columns[i]);
    strcpy(q, "\n");

    size_t sl = strlen(*runs_head) + 512;
    char *set = malloc(sl);
    if (!set)
        return -1;
    snprintf(set, sl, "scenario %s\nsweep %s\nseed %llu\ndesign %d\npoints %llu\nreplicates %llu\n"
                      "rounds %d\ndiscount %a\nrandom_end %d\nquantiles %d\nruns_csv %d\ncolumns %s",
             c->s->sha256, c->sp->sha256, (unsigned long long)c->seed, (int)c->sp->design,
             (unsigned long long)c->sp->points, (unsigned long long)c->R, c->s->rounds,
             c->s->discount, (int)c->s->random_end, (int)ent_i_summ_exact(c->summ),
             (int)c->o->runs_columns, *runs_head);
    ent_i_digest(set, strlen(set), c->settings_all);
    /* a shard resumes only into its own work folder */
    if (c->shards) {
        size_t l = strlen(set);
        snprintf(set + l, sl - l, "\nshard %llu/%llu", (unsigned long long)c->shard,
                 (unsigned long long)c->shards);
    }
    ent_i_digest(set, strlen(set), c->cp.settings);
    free(set);
    return 0;
}

static int file_exists(const char *dir, const char *name)
{
    char path[4500];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &st) == 0;
}

/* At most how many bytes `rows` rows of at most `cap` bytes and a header of
** `head` take (0: more than a uint64_t counts): a file's pieces need be no
** larger (ent_bulkfile_open). */
static uint64_t most_bytes(uint64_t rows, size_t cap, size_t head)
{
    if (cap && rows > (UINT64_MAX - head) / cap)
        return 0;
    return rows * cap + head;
}

/* The bulk files of this share, appended from keep_runs and keep_summary
** bytes (fresh: created empty). */
static int open_files(ctx *c, bool fresh, uint64_t keep_runs, uint64_t keep_summary, size_t runs_head,
                      size_t summ_head)
{
    uint64_t points = c->hi == c->lo ? 0 : (c->hi - 1) / c->R - c->lo / c->R + 1;
    int e = c->o->runs_columns == ENT_RUNS_NONE ? 0
          : ent_bulkfile_open(&c->runs, c->runs_path, keep_runs, fresh, !c->o->buffered_io, RUNS_PIECES,
                              most_bytes(c->hi - c->lo, c->line_cap, runs_head));
    if (!e)
        e = ent_bulkfile_open(&c->summary, c->summary_path, keep_summary, fresh, !c->o->buffered_io,
                              SUMMARY_PIECES, most_bytes(points, c->rows_cap, summ_head));
    return e;
}

/* A new work folder; the result in DIR stays as it is until the end. */
static int start_fresh(ctx *c, const char *runs_head, const char *summ_head)
{
    const char *dir = c->work;
    static const char *const ours[] = { "runs.csv", "summary.csv", ENT_CHECKPOINT_FILE, "timing.json",
                                        "manifest.json", "sensitivity.csv", NULL };
    char why[4700];
    if (ent_workdir_clear(dir, ours, why, sizeof why))
        return fail(c, ENT_SWEEP_EIO, "%s%s", why, "");
    if (mkdir(dir, 0777) != 0)
        return fail(c, ENT_SWEEP_EIO, "cannot create the folder '%s': %s", dir, strerror(errno));
    c->work_made = 1;
    int e = open_files(c, true, 0, 0, strlen(runs_head), strlen(summ_head));
    if (e)
        return fail(c, ENT_SWEEP_EIO, "cannot write in '%s': %s", dir, strerror(e));
    put_row(c, runs_head, strlen(runs_head));
    put_summary(c, summ_head, strlen(summ_head));
    c->cp.point_bytes = c->cp.runs_bytes;
    c->cp.runs_done = c->lo;
    checkpoint(c);
    drain(c);       /* a failure before the first checkpoint leaves nothing to resume */
    return c->io_error ? fail(c, ENT_SWEEP_EIO, "cannot write in '%s': %s", dir, strerror(c->io_error))
                       : ENT_SWEEP_OK;
}

/* Lines in the first len bytes of path, which must end a line; UINT64_MAX
** if the file is shorter or the bytes end inside a line. In the same pass,
** unless lines_mid is NULL, *lines_mid: the lines in the first mid bytes
** (mid <= len), UINT64_MAX if they end inside a line. */
static uint64_t lines_upto(const char *path, uint64_t len, uint64_t mid, uint64_t *lines_mid)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return UINT64_MAX;
    char buf[65536];
    uint64_t lines = 0, left = len, at = 0;
    int last = '\n';
    uint64_t at_mid = mid == 0 ? 0 : UINT64_MAX;
    while (left > 0) {
        size_t want = left < sizeof buf ? (size_t)left : sizeof buf;
        size_t got = fread(buf, 1, want, f);
        if (got == 0)
            break;
        for (size_t i = 0; i < got; i++) {
            lines += buf[i] == '\n';
            /* mid must end a line too */
            if (at + i + 1 == mid && buf[i] == '\n')
                at_mid = lines;
        }
        last = (unsigned char)buf[got - 1];
        left -= got;
        at += got;
    }
    fclose(f);
    if (lines_mid)
        *lines_mid = at_mid;
    return left == 0 && last == '\n' ? lines : UINT64_MAX;
}

/* Whether the checkpoint's tallies can be those of its runs (they reach
** the manifest, so a tampered file is refused rather than believed). */
static int tallies_possible(const ctx *c, const ent_checkpoint *cp)
{
    uint64_t done = cp->runs_done - c->lo;
    ent_i_tally_frame f = { .runs = done, .points = done / c->R + (done % c->R != 0), .agents = c->n,
                            .rounds = (uint64_t)ent_scenario_rounds(c->s),
                            .random_end = ent_scenario_random_end(c->s), .params = c->k };
    return ent_i_tallies_possible(&f, cp->agent_rounds, cp->clamped);
}

/* Whether DIR/manifest.json records the settings digest `want` (the
** manifest is the file this program wrote last; anything else is refused). */
static int manifest_has_settings(const char *dir, const char *want, const char *shard_line)
{
    enum { HEAD = 1 << 16 };    /* the digest follows the two paths, before any parameter */
    char path[4500], key[128];
    snprintf(path, sizeof path, "%s/manifest.json", dir);
    snprintf(key, sizeof key, "\n  \"settings_digest\": \"%s\",\n", want);
    char *buf = malloc(HEAD + 1);
    FILE *f = buf ? fopen(path, "rb") : NULL;
    if (!f) {
        free(buf);
        return 0;
    }
    size_t n = fread(buf, 1, HEAD, f);
    fclose(f);
    buf[n] = 0;
    int found = strstr(buf, key) != NULL;
    if (found && shard_line)
        found = *shard_line ? strstr(buf, shard_line) != NULL : strstr(buf, "\n  \"shard\": ") == NULL;
    free(buf);
    return found;
}

/* Fields of a CSV header line (sweep headers quote nothing). */
static size_t header_fields(const char *head)
{
    size_t n = 1;
    for (const char *p = head; *p && *p != '\n'; p++)
        n += *p == ',';
    return n;
}

/* Whether the first runs_len bytes of runs.csv and summary_len of
** summary.csv hold the rows of runs [lo, done) and of the points they
** finish, as this sweep writes them (ent_i_kept_rows_ok); else a message
** naming the file and line, and ENT_SWEEP_ERESUME. */
static int kept_rows(ctx *c, const char *runs_head, const char *summ_head, uint64_t done,
                     uint64_t runs_len, uint64_t summary_len)
{
    uint64_t runs = done - c->lo, bad = 0;
    const char *which = NULL;
    if (c->o->runs_columns != ENT_RUNS_NONE) {
        ent_i_kept_frame f = { .rows = runs, .first = c->lo / c->R, .per = c->R, .replicates = 1,
                               .fields = header_fields(runs_head), .name_field = SIZE_MAX,
                               .line_max = c->line_cap };
        if (!ent_i_kept_rows_ok(c->runs_path, runs_len, runs_head, &f, &bad))
            which = c->runs_path;
    }
    if (!which) {
        size_t fields = header_fields(summ_head);
        ent_i_kept_frame f = { .rows = runs / c->R * c->n_out, .first = c->lo / c->R, .per = c->n_out,
                               .fields = fields, .name_field = fields - 9, .names = c->names,
                               .name_len = c->name_len, .line_max = c->rows_cap };
        if (fields < 10 || !ent_i_kept_rows_ok(c->summary_path, summary_len, summ_head, &f, &bad))
            which = c->summary_path;
    }
    if (!which)
        return ENT_SWEEP_OK;
    char line[64] = "";
    if (bad)
        snprintf(line, sizeof line, " (line %llu)", (unsigned long long)bad);
    char what[4600];
    snprintf(what, sizeof what, "'%s'%s", which, line);
    return fail(c, ENT_SWEEP_ERESUME, "%s is not the rows this sweep wrote (damaged, or changed since); "
                "run without --resume to start over%s", what, "");
}

/* The length of path's file, or UINT64_MAX. */
static uint64_t file_length(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) ? (uint64_t)st.st_size : UINT64_MAX;
}

static int resume(ctx *c, const char *runs_head, const char *summ_head)
{
    const char *dir = c->o->out_dir, *work = c->work;
    ent_checkpoint cp;
    int rc = ent_i_checkpoint_read(work, &cp);
    if (rc == -1 && file_exists(work, "manifest.json")) {
        /* stopped between finishing and moving in: move it in only if it is
        ** the sweep asked for */
        char line[512] = "";
        if (c->shards)
            ent_i_shard_line(line, sizeof line, c->shard, c->shards, c->lo / c->R, (c->hi - c->lo) / c->R,
                             c->R);
        if (!manifest_has_settings(work, c->settings_all, line))
            return fail(c, ENT_SWEEP_ERESUME, "the finished sweep in '%s' was made with other settings "
                        "(scenario, sweep section, seed, design, points, replicates, rounds, --runs-csv or --shard); run "
                        "without --resume to start over%s", work, "");
        /* its files whole: every run's row and every point's summary */
        uint64_t rl = c->o->runs_columns == ENT_RUNS_NONE ? 0 : file_length(c->runs_path);
        uint64_t sl = file_length(c->summary_path);
        if (rl == UINT64_MAX || sl == UINT64_MAX || !file_exists(work, "timing.json"))
            return fail(c, ENT_SWEEP_ERESUME, "the finished sweep in '%s' lacks some of its files; run "
                        "without --resume to start over%s", work, "");
        int rc2 = kept_rows(c, runs_head, summ_head, c->hi, rl, sl);
        if (rc2 != ENT_SWEEP_OK)
            return rc2;
        c->ready = 1;
        return ENT_SWEEP_OK;
    }
    if (rc == -1 && file_exists(dir, "manifest.json"))
        return fail(c, ENT_SWEEP_ERESUME, "nothing to resume: '%s' holds a complete result and no "
                    "sweep into it was interrupted (no %s)", dir, work);
    if (rc == -1 && access(work, F_OK) == 0)
        return fail(c, ENT_SWEEP_ERESUME, "nothing to resume: the sweep into '%s' stopped before its "
                    "first checkpoint ('%s' holds no " ENT_CHECKPOINT_FILE "); run without --resume to start over",
                    dir, work);
    if (rc == -1)
        return fail(c, ENT_SWEEP_ERESUME, "nothing to resume: no sweep into '%s' was interrupted (no %s)",
                    dir, work);
    if (rc == -2)
        return fail(c, ENT_SWEEP_ERESUME, "cannot read '%s/%s'; run without --resume to start over",
                    work, ENT_CHECKPOINT_FILE);
    if (strcmp(cp.settings, c->cp.settings))
        return fail(c, ENT_SWEEP_ERESUME, "the sweep in '%s' was started with other settings (scenario, "
                    "sweep section, seed, design, points, replicates, rounds, --runs-csv or --shard); run without --resume "
                    "to start over%s", work, "");
    /* the checkpoint is untrusted: its counts must agree with each other and
    ** with the partial files (a header, one line per run done, and the
    ** summary rows of every finished point) before they are used */
    if (cp.runs_done > c->hi || cp.runs_done < c->lo || cp.point_bytes > cp.runs_bytes ||
        !tallies_possible(c, &cp))
        return fail(c, ENT_SWEEP_ERESUME, "'%s/%s' is inconsistent; run without --resume to start over",
                    work, ENT_CHECKPOINT_FILE);
    int e = open_files(c, false, cp.runs_bytes, cp.summary_bytes, 0, 0);
    if (e)
        return fail(c, ENT_SWEEP_ERESUME, "the partial files in '%s' are missing or shorter than its "
                    "checkpoint; run without --resume to start over%s", work, "");
    /* the runs of the point in progress begin at point_bytes: the header
    ** and a line for each run of the points before it */
    uint64_t point_first = cp.runs_done == c->lo ? c->lo : (cp.runs_done - 1) - (cp.runs_done - 1) % c->R;
    if (point_first < c->lo)
        point_first = c->lo;
    uint64_t at_point = 0;
    int bad = c->o->runs_columns != ENT_RUNS_NONE &&
              (lines_upto(c->runs_path, cp.runs_bytes, cp.point_bytes, &at_point) != cp.runs_done - c->lo + 1 ||
               at_point != point_first - c->lo + 1);
    if (bad || lines_upto(c->summary_path, cp.summary_bytes, 0, NULL) !=
                   1 + (cp.runs_done - c->lo) / c->R * c->n_out)
        return fail(c, ENT_SWEEP_ERESUME, "'%s/%s' does not match the partial files beside it; run "
                    "without --resume to start over", work, ENT_CHECKPOINT_FILE);
    int kept = kept_rows(c, runs_head, summ_head, cp.runs_done, cp.runs_bytes, cp.summary_bytes);
    if (kept != ENT_SWEEP_OK)
        return kept;
    c->cp = cp;
    /* the point in progress is played again from its first run (runs are
    ** pure functions of their stream) to rebuild its summary */
    c->replay_end = cp.runs_done;
    return ENT_SWEEP_OK;
}

/* Complete the work folder (manifest last, then whatever before_commit
** adds), drop its checkpoint, and swap it in as DIR. A failure before the
** checkpoint is gone is finished by --resume; after it, the work folder is a
** whole result that --resume moves in. */
static int finish(ctx *c, ent_sweep_result *res)
{
    const char *work = c->work;
    int e = 0;
    if (!c->ready) {
        flush_rows(c);
        e = c->io_error;
        bool runs_direct = false, summary_direct = false;
        int er = ent_bulkfile_close(c->runs, &runs_direct);
        if (!e)
            e = er;
        er = ent_bulkfile_close(c->summary, &summary_direct);
        if (!e)
            e = er;
        res->direct_io = c->runs ? runs_direct : summary_direct;
        c->runs = NULL;
        c->summary = NULL;
        if (e)
            return fail(c, ENT_SWEEP_EIO, "cannot write in '%s': %s", work, strerror(e));
        char path[4500], tmp[4520];
        snprintf(path, sizeof path, "%s/timing.json", work);
        snprintf(tmp, sizeof tmp, "%s/.timing.json.tmp", work);
        FILE *f = fopen(tmp, "w");
        if (!f)
            return fail(c, ENT_SWEEP_EIO, "cannot write '%s': %s", path, strerror(errno));
        ent_i_sweep_timing(f, "sweep", res, 0);
        if ((e = ent_i_file_commit(f, tmp, path)))
            return fail(c, ENT_SWEEP_EIO, "cannot write '%s': %s", path, strerror(e));
        snprintf(path, sizeof path, "%s/manifest.json", work);
        snprintf(tmp, sizeof tmp, "%s/.manifest.json.tmp", work);
        f = fopen(tmp, "w");
        if (!f)
            return fail(c, ENT_SWEEP_EIO, "cannot write '%s': %s", path, strerror(errno));
        ent_manifest_info m = { c->s, c->sp, res, c->seed, c->n_out, c->o->runs_columns, c->settings_all,
                                c->shard, c->shards };
        ent_i_sweep_manifest(f, &m);
        if ((e = ent_i_file_commit(f, tmp, path)))
            return fail(c, ENT_SWEEP_EIO, "cannot write '%s': %s", path, strerror(e));
        int bc = c->o->before_commit ? c->o->before_commit(c->o->commit_ctx, work, c->err, c->cap) : 0;
        if (bc == ENT_EINTR) {
            res->interrupted = true;
            return ENT_SWEEP_EINTR;
        }
        if (bc)
            return ENT_SWEEP_EIO;
        char cpath[4500];
        snprintf(cpath, sizeof cpath, "%s/%s", work, ENT_CHECKPOINT_FILE);
        if (unlink(cpath) != 0)
            return fail(c, ENT_SWEEP_EIO, "cannot remove '%s': %s", cpath, strerror(errno));
    }
    if (ent_staged_commit(&c->st, work, c->err, c->cap))
        return ENT_SWEEP_EIO;
    return ENT_SWEEP_OK;
}

/* ---- the sweep ------------------------------------------------------------- */

/* What one thread does while the others play a block: write the block
** before it (in run order), checkpoint, and make the design points of the
** block after it. With three blocks in turn (several processes) the next
** is made first and handed out (hooks->next_ready) while this one writes;
** with two, it is the block before, made once that is written. */
static void between(void *vc, const ent_i_between_hooks *hooks)
{
    ctx *c = vc;
    double t0 = thread_cpu();
    c->hooks = hooks;
    int next_first = c->b_next && c->b_next != c->b_prev;
    if (next_first) {
        gen_block(c, c->b_next, c->b_first, c->b_count);
        if (hooks)
            hooks->next_ready(hooks->ctx);
    }
    if (c->b_prev) {
        write_block(c, c->b_prev);
        if (checkpoint_due(c)) {
            checkpoint(c);
            c->block_checkpoints++;
            /* the rows so far tell what the rest will take */
            if (!c->out_of_space && c->cp.runs_done < c->hi)
                c->out_of_space = space_short(c, space_so_far(c), SPACE_IN_FLIGHT);
        }
        progress(c, c->b_done, 0);
    }
    if (c->b_next && !next_first)
        gen_block(c, c->b_next, c->b_first, c->b_count);
    c->hooks = NULL;
    c->serial_s += thread_cpu() - t0;
}

static int run_blocks(ctx *c, block *blk, ent_sweep_result *res)
{
    uint64_t done = c->cp.runs_done;
    uint64_t start = c->replay_end ? c->replay_end / c->R * c->R : done, next = start;
    int cur = 0, have_prev = 0, stopped = 0, proc_failed = 0;
    if (next < c->hi) {
        uint64_t cnt = c->hi - next < c->block_runs ? c->hi - next : c->block_runs;
        gen_block(c, &blk[0], next, cnt);
        next += cnt;
    }
    while (start < c->hi) {
        int nb = c->n_blocks;
        block *now = &blk[cur], *prev = have_prev ? &blk[(cur + nb - 1) % nb] : NULL;
        stopped = (c->o->stop && *c->o->stop) || c->out_of_space;
        int more = next < c->hi && !stopped;
        uint64_t ncount = more ? (c->hi - next < c->block_runs ? c->hi - next : c->block_runs) : 0;
        c->b_prev = prev;
        c->b_next = more ? &blk[(cur + 1) % nb] : NULL;
        c->b_first = next;
        c->b_count = ncount;
        c->b_done = done;
        if (c->mpi) {
            /* every process plays `now`; rank 0 also does the step between */
            if (ent_i_mpi_block(c->mpi, now, c->b_next, c->replay_end, between, c->err, c->cap)) {
                proc_failed = 1;
                break;
            }
        } else {
            int64_t count = (int64_t)now->count;
            int64_t chunk = run_chunk(count, c->threads);
#pragma omp parallel num_threads(c->threads)
            {
#pragma omp single nowait
                between(c, NULL);
                int t = omp_get_thread_num();
#pragma omp for schedule(dynamic, chunk)
                for (int64_t i = 0; i < count; i++)
                    play(c, &c->ws[t], now, (uint64_t)i, c->tmp[t], c->replay_end);
            }
        }
        if (any_failed(c))
            return fail(c, ENT_SWEEP_ENOMEM, "out of memory%s%s", "", "");
        note_late_bad(c, now);
        if (c->io_error || c->bad_value)
            break;
        if (!more) {
            double t0 = thread_cpu();
            write_block(c, now);
            checkpoint(c);
            c->serial_s += thread_cpu() - t0;
            break;
        }
        next += ncount;
        have_prev = 1;
        cur = (cur + 1) % c->n_blocks;
    }
    drain(c);
    progress(c, done, 1);
    if (c->bad_value && c->bad_param == c->k) {
        char point[600];
        snprintf(point, sizeof point, "%llu (%s)", (unsigned long long)c->bad_point, c->bad_why);
        return fail(c, ENT_SWEEP_EDESIGN, "the design gave values that do not go together at point %s; the "
                    "sweep stopped before that point%s", point, "");
    }
    if (c->bad_value) {
        char point[32];
        snprintf(point, sizeof point, "%llu", (unsigned long long)c->bad_point);
        return fail(c, ENT_SWEEP_EDESIGN, "the design gave '%s' a value that is not a finite number "
                    "at point %s; the sweep stopped before that point", c->sp->params[c->bad_param].path,
                    point);
    }
    if (c->io_error)
        return fail(c, ENT_SWEEP_EIO, "cannot write in '%s': %s", c->o->out_dir, strerror(c->io_error));
    if (proc_failed)
        return ENT_SWEEP_EPROC;
    if (c->out_of_space && c->cp.runs_done < c->hi)
        return space_fail(c, 0);
    res->interrupted = c->cp.runs_done < c->hi;
    return res->interrupted ? ENT_SWEEP_EINTR : ENT_SWEEP_OK;
}

/* Rank 0 of several: wait for every chunk still out, and the processes'
** figures into res. */
static void end_mpi(ctx *c, ent_sweep_result *res)
{
    if (!c->mpi)
        return;
    ent_i_mpi_stats ms;
    ent_i_mpi_end(c->mpi, &ms);
    c->mpi = NULL;
    res->mpi_comm_s = ms.comm_s;
    res->mpi_bytes = ms.bytes;
    res->mpi_shared_bytes = ms.shared_bytes;
    res->mpi_messages = ms.messages;
    res->mpi_remote_runs = ms.remote_runs;
    res->mpi_rank0_s = ms.rank0_s;
    res->mpi_start_s = ms.start_s;
    res->cpu_s += ms.cpu_s;
    res->runs_reused += ms.reused;
}

void ent_sweep_shard_points(uint64_t P, uint64_t i, uint64_t n, uint64_t *first, uint64_t *count)
{
    /* P / n points each, the first P % n shards one more; no overflow */
    uint64_t q = P / n, r = P % n, k = i - 1;
    *first = k * q + (k < r ? k : r);
    *count = q + (k < r ? 1 : 0);
}

void ent_sweep_partial_dir(const char *out_dir, char *buf, size_t cap)
{
    char nd[4096];
    if (ent_resdir_norm(out_dir, nd, sizeof nd))
        snprintf(nd, sizeof nd, "%s", out_dir);
    snprintf(buf, cap, "%s.partial", nd);
}

bool ent_sweep_resumable(const char *out_dir)
{
    char work[4200];
    ent_sweep_partial_dir(out_dir, work, sizeof work);
    return file_exists(work, ENT_CHECKPOINT_FILE) || file_exists(work, "manifest.json");
}

int ent_sweep_run(const ent_scenario *s, const ent_sweep_spec *sp, const ent_sweep_options *o,
                  ent_sweep_result *res, char *err, size_t cap)
{
    memset(res, 0, sizeof *res);
    int rank = ent_i_mpi_rank(), size = ent_i_mpi_size(), setup_done = 0;
    double cpu0 = ent_i_cpu_seconds();
    ctx c;
    memset(&c, 0, sizeof c);
    c.lock.fd = -1;
    c.s = s;
    c.sp = sp;
    c.o = o;
    c.err = err;
    c.cap = cap;
    c.k = sp->n_params;
    c.n = s->n_agents;
    c.P = ent_sweep_points(sp);
    c.R = sp->replicates;
    c.N = c.P * c.R;
    c.lo = 0;
    c.hi = c.N;
    if (o->shards) {
        uint64_t fp, np;
        ent_sweep_shard_points(c.P, o->shard, o->shards, &fp, &np);
        c.shard = o->shard;
        c.shards = o->shards;
        c.lo = fp * c.R;
        c.hi = (fp + np) * c.R;
        res->first_point = fp;
        res->shard_points = np;
    } else {
        res->shard_points = c.P;
    }
    c.seed = sweep_seed(s, sp);
    c.threads = o->threads ? o->threads : (unsigned)omp_get_max_threads();
    c.gen_point = UINT64_MAX;
    c.n_sizes = ent_i_run_layout_len(s);
    ent_sweep_partial_dir(o->out_dir, c.work, sizeof c.work);
    snprintf(c.runs_path, sizeof c.runs_path, "%s/runs.csv", c.work);
    snprintf(c.summary_path, sizeof c.summary_path, "%s/summary.csv", c.work);
    res->points = c.P;
    res->design_runs = c.N;
    res->runs_total = c.hi - c.lo;
    res->threads = c.threads;
    res->ranks = 1;

    int rc = ENT_SWEEP_ENOMEM;
    worker *ws = NULL;
    block blk[3];
    memset(blk, 0, sizeof blk);
    char *runs_head = NULL, *summ_head = NULL;
    ent_run *probe = ent_run_alloc(s, 0);
    c.dists = malloc((c.k + 1) * sizeof *c.dists);
    c.gen_x = malloc((c.k + 1) * sizeof *c.gen_x);
    c.point_x = malloc((c.k + 1) * sizeof *c.point_x);
    if (!probe || !c.dists || !c.gen_x || !c.point_x)
        goto out;
    for (size_t j = 0; j < c.k; j++)
        c.dists[j] = sp->params[j].dist;
    c.n_run_out = probe->n_run_out;
    c.n_agent_out = probe->n_agent_out;
    c.n_out = c.n_run_out + c.n * c.n_agent_out;
    c.n_line_out = o->runs_columns == ENT_RUNS_ALL ? c.n_out
                 : o->runs_columns == ENT_RUNS_RUN ? c.n_run_out : 0;
    c.line_cap = (2 + c.k + c.n_line_out) * (ENT_NUM_MAX + 1) + 2 + FMT_SLOT;
    c.design = ent_design_alloc(sp->design, c.k, c.dists, sp->points, c.seed);
    c.late_values = c.design && c.R == 1 && ent_design_by_unit(c.design);
    for (size_t j = 0; j < c.k; j++)
        c.sets_strategies |= ent_i_is_strategy_choice(sp->params[j].desc);
    if (find_checked_tables(&c))
        goto out;
    if (!ranges_agree(&c)) {
        rc = fail(&c, ENT_SWEEP_EDESIGN, "the sweep's ranges let values that do not go together meet (%s, "
                  "at the ends of the ranges); narrow them. Nothing was run%s", c.bad_why, "");
        goto out;
    }
    c.summ = ent_i_summ_alloc(c.n_out, c.R);
    if (!c.design || !c.summ || headers(&c, probe, &runs_head, &summ_head))
        goto out;
    res->exact_quantiles = ent_i_summ_exact(c.summ);
    /* blocks of about 8 MB of rows, at least a few runs per thread */
    c.block_runs = o->block_runs;
    if (!c.block_runs) {
        uint64_t per = c.line_cap + c.n_out * sizeof(double) + c.k * sizeof(double) + 16;
        c.block_runs = (UINT64_C(8) << 20) / per;
        if (c.block_runs > 4096) c.block_runs = 4096;
        /* the same on every process, whatever its threads */
        uint64_t least = size > 1 ? 256 : 16ull * c.threads;
        if (c.block_runs < least)
            c.block_runs = least;
        /* whole points a block: a point summarised from one block takes the
        ** shortcuts of small_point (a few kinds of runs, one repeated), a
        ** point across two the general way */
        if (c.R > 1 && c.block_runs - c.block_runs % c.R >= least)
            c.block_runs -= c.block_runs % c.R;
    }
    if (block_alloc(&c, &blk[0]) || block_alloc(&c, &blk[1]))
        goto out;
    {
        long iov_max = sysconf(_SC_IOV_MAX);
        c.iov_cap = iov_max > 1024 ? 1024 : iov_max >= 16 ? (int)iov_max : 16;
        if (!(c.iov = malloc((size_t)c.iov_cap * sizeof *c.iov)))
            goto out;
    }
    if (ent_i_summ_slots(c.summ, c.threads))
        goto out;
    c.text_runs = malloc(((size_t)c.threads * c.n_out + 1) * sizeof *c.text_runs);
    c.text_run_ptr = malloc(c.threads * sizeof *c.text_run_ptr);
    if (!c.text_runs || !c.text_run_ptr)
        goto out;
    for (unsigned t = 0; t < c.threads; t++)
        c.text_run_ptr[t] = c.text_runs + (size_t)t * c.n_out;
    {
        /* the longest summary row: the point's head (at most 4160 bytes),
        ** a name, eight numbers and the newline */
        size_t head = (1 + c.k) * (ENT_NUM_MAX + 1) + 1, name = 0;
        if (head > 4096 + 64)
            head = 4096 + 64;
        if (!(c.name_len = malloc((c.n_out + 1) * sizeof *c.name_len)))
            goto out;
        for (size_t o2 = 0; o2 < c.n_out; o2++) {
            c.name_len[o2] = strlen(c.names[o2]);
            if (c.name_len[o2] > name)
                name = c.name_len[o2];
        }
        if (name < FIELD) {
            if (!(c.name_field = calloc(c.n_out + 1, FIELD)))
                goto out;
            for (size_t o2 = 0; o2 < c.n_out; o2++)
                memcpy(c.name_field + o2 * FIELD, c.names[o2], c.name_len[o2]);
        }
        c.rows_cap = c.n_out * (head + name + 8 * (ENT_NUM_MAX + 1) + 1) + 1 + ROWS_SLACK;
        /* chunks of points of about 4 MB of rows */
        c.chunk_points = ((size_t)4 << 20) / c.rows_cap;
        if (c.chunk_points > 256) c.chunk_points = 256;
        if (c.chunk_points < 2u * c.threads) c.chunk_points = 2u * c.threads;
    }
    c.rows_buf = malloc(c.rows_cap);
    if (!c.rows_buf)
        goto out;
    /* points whose runs are a few kinds (runs reused, or found equal) */
    if (c.R > 1 && c.R < SUMM_SHARED_MIN &&
        !(c.kind_stats = malloc(c.threads * (c.n_out + 1) * 8 * sizeof *c.kind_stats)))
        goto out;
    if (c.R >= SUMM_SHARED_MIN) {
        /* many replicates per point: the threads share the summary of a
        ** block by outcomes; a block ends at most block_runs / R + 1 points */
        size_t ends = (size_t)(c.block_runs / c.R) + 2;
        if (!(c.pt_stats = malloc(ends * c.n_out * 8 * sizeof *c.pt_stats)))
            goto out;
        /* the points whole in a block are summarised from their kinds
        ** when they are a few (runs reused), exactly as from their runs */
        if (ent_i_summ_exact(c.summ) &&
            (!(c.blk_kinds = malloc(ends * sizeof *c.blk_kinds)) ||
             !(c.blk_kinds_store = malloc(ends * sizeof *c.blk_kinds_store)) ||
             !(c.blk_kind_of = malloc(c.block_runs))))
            goto out;
        /* another process's whole points (point_stats) lie in a block */
        if (c.blk_kinds && c.R <= c.block_runs && !(c.pt_rows = malloc(c.R * sizeof *c.pt_rows)))
            goto out;
    } else if (ent_i_summ_exact(c.summ)) {
        /* few: the threads share the points that lie whole in a block */
        c.chunk_buf = malloc(c.chunk_points * c.rows_cap);
        c.chunk_len = malloc(c.chunk_points * sizeof *c.chunk_len);
        if (!c.chunk_buf || !c.chunk_len)
            goto out;
        c.note_repeats = c.R > 1;
    }
    ws = c.ws = calloc(c.threads, sizeof *ws);
    c.tmp = calloc(c.threads, sizeof *c.tmp);
    if (!ws || !c.tmp)
        goto out;
    for (unsigned t = 0; t < c.threads; t++)
        if (worker_init(&c, &ws[t]) || !(c.tmp[t] = calloc(c.n_sizes + 1, sizeof **c.tmp)))
            goto out;
    ent_i_mpi_job job = { .k = c.k, .n_out = c.n_out, .line_cap = c.line_cap, .settings = c.cp.settings,
                          .late_values = c.late_values, .values_ok = values_ok, .play = play_range,
                          .failed = any_failed, .reused = runs_reused, .ctx = &c };
    job.texts_only = c.R == 1 && c.n_line_out == c.n_out && ent_i_summ_exact(c.summ);
    job.one_thread = c.threads == 1;
    job.point_stats_R = c.pt_stats ? c.R : 0;
    job.point_stats = point_stats;
    /* each rank holds two chunks: about its share of a block; each message
    ** costs rank 0 and the rank tens of microseconds besides its bytes */
    job.chunk = c.block_runs / (2u * (unsigned)size);
    if (job.chunk < 1)
        job.chunk = 1;
    if (rank > 0) {
        /* another process: play what rank 0 sends; it writes everything */
        rc = ent_i_mpi_serve(&job, &blk[0], c.block_runs) ? ENT_SWEEP_EPROC : ENT_SWEEP_OK;
        setup_done = 1;
        goto out;
    }
    if (size > 1 && !(c.mpi = ent_i_mpi_begin(&job)))
        goto out;
    /* rank 0 of several keeps a third block: the next is made and handed
    ** out before the one before is written, so that the others do not wait
    ** for the writing */
    c.n_blocks = c.mpi ? 3 : 2;
    if (c.mpi && block_alloc(&c, &blk[2]))
        goto out;
    res->ranks = (unsigned)size;

    /* one writer at a time for DIR and DIR.partial, for the whole sweep */
    if (ent_dirlock_take(&c.lock, o->out_dir, err, cap)) {
        rc = errno == EWOULDBLOCK ? ENT_SWEEP_ELOCKED : ENT_SWEEP_EIO;
        goto out;
    }
    if (ent_staged_begin(&c.st, o->out_dir, 1, 0, err, cap)) {
        rc = ENT_SWEEP_EIO;
        goto out;
    }
    c.t0 = c.t_start = omp_get_wtime();
    c.last_progress = c.t0;
    rc = o->resume ? resume(&c, runs_head, summ_head) : start_fresh(&c, runs_head, summ_head);
    /* a sweep whose files cannot fit, whatever its rows' length, goes no further */
    if (rc == ENT_SWEEP_OK && !c.ready && space_short(&c, space_least(&c, c.cp.runs_done), 0))
        rc = space_fail(&c, 1);
    if (rc != ENT_SWEEP_OK) {
        if (!o->resume) {
            /* nothing worth resuming yet */
            ent_bulkfile_discard(c.runs);
            ent_bulkfile_discard(c.summary);
            c.runs = NULL;
            c.summary = NULL;
            if (c.work_made)
                ent_rmtree(c.work);
        }
        goto out;
    }
    res->resumed = o->resume;
    if (c.ready) {
        res->runs_at_start = res->runs_done = c.hi - c.lo;
        rc = finish(&c, res);
        goto out;
    }
    res->runs_at_start = c.cp.runs_done - c.lo;
    rc = run_blocks(&c, blk, res);
    res->runs_done = c.cp.runs_done - c.lo;
    res->agent_rounds = c.cp.agent_rounds;
    res->clamped = c.cp.clamped;
    res->wall = c.cp.wall;
    res->cpu_s = ent_i_cpu_seconds() - cpu0;
    res->serial_cpu_s = c.serial_s;
    res->runs_reused = runs_reused(&c);
    /* every chunk back before the files are finished */
    end_mpi(&c, res);
    if (rc == ENT_SWEEP_OK)
        rc = finish(&c, res);
out:
    if (rc == ENT_SWEEP_ENOMEM)
        snprintf(err, cap, "out of memory");
    if (rank > 0 && !setup_done) {
        /* this process could not start: rank 0 hears why when it asks */
        char why[600];
        snprintf(why, sizeof why, "%s", err);
        ent_sweep_mpi_refuse(why);
        rc = ENT_SWEEP_EPROC;
    }
    end_mpi(&c, res);
    ent_bulkfile_discard(c.runs);
    ent_bulkfile_discard(c.summary);
    ent_staged_discard(&c.st);
    ent_dirlock_release(&c.lock);
    for (unsigned t = 0; ws && t < c.threads; t++)
        worker_free(&ws[t]);
    free(ws);
    for (unsigned t = 0; c.tmp && t < c.threads; t++)
        free(c.tmp[t]);
    free(c.tmp);
    block_free(&blk[0]);
    block_free(&blk[1]);
    block_free(&blk[2]);
    ent_i_names_free(c.names, c.names ? c.n_out : 0);
    free(c.name_len);
    free(c.text_runs);
    free(c.text_run_ptr);
    free(c.name_field);
    free(runs_head);
    free(summ_head);
    ent_scenario_free(c.chk);
    free(c.chk_slot);
    free(c.chk_param);
    free(c.chk_st);
    free(c.chk_agent);
    ent_i_summ_free(c.summ);
    free(c.pt_stats);
    free(c.kind_stats);
    free(c.blk_kinds);
    free(c.blk_kinds_store);
    free(c.blk_kind_of);
    free(c.pt_rows);
    free(c.iov);
    free(c.rows_buf);
    free(c.chunk_buf);
    free(c.chunk_len);
    ent_design_free(c.design);
    free(c.dists);
    free(c.gen_x);
    free(c.point_x);
    ent_run_free(probe);
    return rc;
}
