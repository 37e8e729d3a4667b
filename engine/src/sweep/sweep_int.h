/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** sweep_int.h: internal interfaces of the sweep modules: the per-point
** summary accumulator, the checkpoint, the processes, and the manifest writer
** (numbers and files are written with io/numfmt.h and io/atomic.h).
*/
#ifndef ENT_SWEEP_INT_H
#define ENT_SWEEP_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "entente/sweep.h"
#include "io/atomic.h"
#include "io/numfmt.h"
#include "io/resdir.h"

/* ---- summary statistics per point ----------------------------------------- */

typedef struct ent_summ ent_summ;

/* An accumulator for `n_out` outcomes over `replicates` runs per point.
** Exact (every value kept, quantiles by selection) when n_out x replicates
** values fit in ENT_SWEEP_EXACT_BUDGET bytes, else a fixed-size accumulator
** per outcome (its share of the budget): running sums and a quantile sketch.
** NULL on no memory. One slot (see ent_i_summ_slots). */
ent_summ *ent_i_summ_alloc(size_t n_out, uint64_t replicates);
/* The same with another budget, in bytes (the tests' small ones). */
ent_summ *ent_i_summ_alloc_budget(size_t n_out, uint64_t replicates, uint64_t budget);
/* Whether the values of n_out outcomes over `replicates` runs fit in budget bytes. */
bool ent_i_summ_fits(size_t n_out, uint64_t replicates, uint64_t budget);
void ent_i_summ_free(ent_summ *s);
bool ent_i_summ_exact(const ent_summ *s);
/* Sketch mode: a bound t on the rank error of each quantile of an outcome
** with n values, exceeded with probability below delta (0 when exact); and
** the sketch's size per outcome in doubles (0 when exact). */
double ent_i_summ_rank_bound(const ent_summ *s, uint64_t n, double delta);
size_t ent_i_summ_sketch_size(const ent_summ *s);
/* Give the accumulator n working slots (one per thread that may call
** ent_i_summ_stats_slot at once): 0 or -1 on no memory. */
int ent_i_summ_slots(ent_summ *s, unsigned n);
/* Start a new point (forgets what was fed). */
void ent_i_summ_reset(ent_summ *s);
/* Feed one run's outcomes, in run order. */
void ent_i_summ_add(ent_summ *s, const double *out);
/* The statistics of outcome o over what was fed: n (finite values), mean,
** sd, 95% t interval, median, 5% and 95% quantiles (NaN where undefined). */
void ent_i_summ_stats(ent_summ *s, size_t o, double st[8]);
/* The same for outcomes [lo, hi) only, so that threads can share the
** outcomes: a new point; replicate r's outcomes (out has all n_out), fed
** in run order; the statistics of o over the first `fed` replicates, with
** working slot `slot`. Calls on disjoint ranges and slots may run at once. */
void ent_i_summ_reset_range(ent_summ *s, size_t lo, size_t hi);
void ent_i_summ_add_range(ent_summ *s, uint64_t r, const double *out, size_t lo, size_t hi);
void ent_i_summ_stats_slot(ent_summ *s, unsigned slot, size_t o, uint64_t fed, double st[8]);
/* Exact mode only: the statistics of o over m replicates whose outcomes are
** rows[0..m) (not fed), the same as feeding them would give. */
void ent_i_summ_stats_rows(ent_summ *s, unsigned slot, size_t o, const double *const *rows, uint64_t m,
                           double st[8]);
/* Exact mode only: the same for m replicates that all have the bits of v
** (the runs of a point of a deterministic scenario), without rows. */
void ent_i_summ_stats_repeated(ent_summ *s, unsigned slot, double v, uint64_t m, double st[8]);
/* The runs of a point whose vectors are a few kinds, each kind's runs with
** the same bits (runs that took an earlier run's outcomes): kind j's vector
** reps[j] and count[j] runs of it, run r of kind kind_of[r]. */
#define ENT_I_SUMM_KINDS_MAX 16
typedef struct {
    size_t k;
    const double *reps[ENT_I_SUMM_KINDS_MAX];
    uint64_t count[ENT_I_SUMM_KINDS_MAX];
    const uint8_t *kind_of;
} ent_i_summ_kinds;
/* Whether the m runs rows[0..m) (n_out outcomes each) are at most
** ENT_I_SUMM_KINDS_MAX kinds, and which: into *kd and kind_of[0..m). With
** ids (not NULL, and none 0), a kind is the runs of one id, which the
** caller vouches have the same bits (a memo's stamp); else the runs whose
** vectors have the same bits, compared. 0 if a row is NULL or there are
** more kinds. */
int ent_i_summ_find_kinds(const double *const *rows, const uint64_t *ids, uint64_t m, size_t n_out,
                          ent_i_summ_kinds *kd, uint8_t *kind_of);
/* Exact mode only: ent_i_summ_stats_rows of m runs rows[0..m) that are
** such kinds, the same bits, for outcomes lo to hi - 1, into st_all + 8 o,
** from the kinds' vectors alone (the means' sums still in run order, the
** outcomes' sums side by side; the quantiles from the kinds' counts). */
void ent_i_summ_stats_kinds(ent_summ *s, unsigned slot, const ent_i_summ_kinds *kd, const double *const *rows,
                            uint64_t m, size_t lo, size_t hi, double *st_all);
/* Whether the statistics of one value v alone (a point of one replicate)
** are n 1, mean = median = q05 = q95 = v, sd and the interval undefined:
** so for a finite v but -0 (whose mean is +0; an infinity's mean is
** undefined). Undefined v: n 0, everything else undefined
** (ent_i_summ_stats_rows says both). */
int ent_i_summ_single_is_value(double v);
/* Names of the statistics, in the order of st[]. */
extern const char *const ent_i_summ_columns[8];

/* ---- files ---------------------------------------------------------------- */

/* What a sweep has safely on disk, written after a block (see checkpoint_due
** in sweep_run.c). */
typedef struct {
    char settings[65];          /* digest of everything that must match to resume */
    uint64_t runs_done;         /* runs in runs.csv.partial */
    uint64_t runs_bytes;        /* its length in bytes */
    uint64_t point_bytes;       /* where the point in progress starts in it */
    uint64_t summary_bytes;     /* length of summary.csv.partial */
    uint64_t agent_rounds, clamped;
    double wall;                /* seconds spent so far */
} ent_checkpoint;

/* (its file name, ENT_CHECKPOINT_FILE, is in io/resdir.h) */
/* Write DIR/sweep.checkpoint atomically (temporary file, then rename). */
int ent_i_checkpoint_write(const char *dir, const ent_checkpoint *c);
/* 0 read; -1 no checkpoint; -2 unreadable. */
int ent_i_checkpoint_read(const char *dir, ent_checkpoint *c);
/* SHA-256 of a text, in hex. */
void ent_i_digest(const char *text, size_t len, char out[65]);

/* The counts a sweep (or a share of it) reports, for the checks of counts
** read back from its files. */
typedef struct {
    uint64_t runs;              /* runs done */
    uint64_t points;            /* points whose first run is among them */
    uint64_t agents, rounds;    /* agents of a run; the scenario's rounds */
    bool random_end;            /* runs may end before `rounds` */
    uint64_t params;            /* parameters drawn a point */
} ent_i_tally_frame;
/* Whether agent_rounds and clamped can be the tallies of those runs: each
** run plays at least one round and at most `rounds` (exactly `rounds`
** without a random end), every agent each round; each point clamps each
** parameter at most once. */
bool ent_i_tallies_possible(const ent_i_tally_frame *f, uint64_t agent_rounds, uint64_t clamped);

/* ---- the rows a resumed sweep keeps (sweep_kept.c) ---------------------------- */

/* What the rows of runs.csv or summary.csv must be: row i (after the
** header) belongs to point first + i / per, and in runs.csv to replicate
** i % per; in summary.csv field name_field is outcome i % per's name. */
typedef struct {
    uint64_t rows;              /* rows after the header */
    uint64_t first;             /* the first row's point */
    uint64_t per;               /* rows a point */
    int replicates;             /* field 1 is the replicate (runs.csv) */
    size_t fields;              /* fields a row */
    size_t name_field;          /* SIZE_MAX: none */
    char *const *names;         /* per names and their lengths, for name_field */
    const size_t *name_len;
    size_t line_max;            /* no row is longer */
} ent_i_kept_frame;
/* Whether s[0..n) is a number as the program writes it in its CSV files:
** NA, or an optional minus, then inf, or digits (no leading zero) with an
** optional fraction and exponent (no plus sign, no hex, no spaces). */
int ent_i_number_text(const char *s, size_t n);
/* Whether the first len bytes of path are the header `head` (with its
** newline) and exactly f->rows rows of the frame, every other field a
** number as the program writes it. If not, *bad_line is the first line
** found wrong (0: unreadable, or too few rows). */
int ent_i_kept_rows_ok(const char *path, uint64_t len, const char *head, const ent_i_kept_frame *f,
                       uint64_t *bad_line);

/* ---- free space (sweep_space.c) ---------------------------------------------- */

/* What a share of a sweep has left to write: runs and points, at so many
** bytes a run (runs.csv) and a point (summary.csv). */
typedef struct {
    uint64_t runs, points;
    uint64_t per_run, per_point;
} ent_i_space_left;

/* The bytes `left` comes to (UINT64_MAX if more than a uint64_t counts). */
uint64_t ent_i_space_need(const ent_i_space_left *left);
/* The bytes free to an unprivileged user on the file system of path, or of
** the nearest folder above it that exists (path may be yet to be made):
** 0, or -1 with errno (ENOTSUP: the file system reports no size). */
int ent_i_free_bytes(const char *path, uint64_t *out);
/* n bytes as people read them: "812 bytes", "3.6 kB", "79.0 GB", ... */
void ent_i_human_bytes(char *buf, size_t cap, uint64_t n);

/* ---- manifest --------------------------------------------------------------- */

typedef struct {
    const ent_scenario *scn;
    const ent_sweep_spec *sp;
    const ent_sweep_result *res;
    uint64_t seed;
    size_t n_outcomes;
    int runs_columns;           /* ENT_RUNS_* */
    const char *settings;       /* the digest of the whole sweep's settings */
    uint64_t shard, shards;     /* shards = 0: not a shard */
} ent_manifest_info;

/* ---- processes (sweep_mpi.c; without MPI=1 a single process) -------------- */

/* Room for a row's point and replicate and the formatter's slack. */
#define ENT_I_HEAD_ROOM 64
_Static_assert(2 * (ENT_NUM_MAX + 1) + 1 <= ENT_I_HEAD_ROOM, "a row's head fits its room");

/* A block of runs in memory: its design points in, its results out. */
typedef struct {
    uint64_t first, count;      /* runs [first, first + count) */
    double *x;                  /* count x k parameter values */
    uint32_t *clamped;          /* values clamped for the point (at its replicate 0) */
    uint32_t *bad;              /* 0, or 1 + the parameter whose value was not finite
                                ** (the late values of sweep_run.c only) */
    double *out;                /* count x n_out outcomes */
    char *lines;                /* count x line_cap: the runs.csv rows */
    uint32_t *len;
    uint32_t *rounds;           /* rounds played */
    /* where run i's row and outcomes are: in lines and out when played
    ** here, in a message from another process otherwise */
    const char **row;
    const double **outv;        /* NULL: a run of a point summarised by the process
                                ** that played it (see pstat) */
    /* at the last run of a point summarised by the process that played it,
    ** its statistics (n_out x 8, in a message), else NULL */
    const double **pstat;
    /* 1: run i ended with every outcome bit of the run its thread played
    ** last, which was of the same point in this block; 0: unknown (a point
    ** whose runs are all so has its statistics from one vector). NULL: not
    ** kept (a block in a message) */
    unsigned char *repeats;
    /* run i's kind: runs of a point with the same kind ended with the same
    ** bits (the thread that played them and the memo's stamp of the
    ** outcomes they took); 0: not known. NULL: not kept (as repeats) */
    uint64_t *kind;
    /* the rest of run i's row, when it is that of an earlier row of the
    ** same block (tail[i] points into that row; NULL: row[i] is whole).
    ** NULL arrays: every row whole (a block in a message) */
    const char **tail;
    uint32_t *tail_len;
    /* where such a row's point and replicate are written (ENT_I_HEAD_ROOM
    ** bytes a run, side by side: not lines' first bytes, a page apart) */
    char *heads;
    /* NULL, or where the next row goes when one thread plays the runs in
    ** order: each row right after the one before (a result's rows packed
    ** as they are made) */
    char *pack;
    unsigned char **pool;       /* segments of the block's messages (rank 0), reused */
    size_t *pool_cap, pool_n, pool_used, pool_fill;
} ent_i_block;

/* How a process plays runs [lo, hi) of a block (with its threads, in one
** parallel region); the rows of runs below replay_end are not formatted.
** If poll is given, the calling thread (the one that may call MPI) calls
** poll(pctx) between its runs. */
typedef void (*ent_i_play_fn)(void *ctx, ent_i_block *b, uint64_t lo, uint64_t hi, uint64_t replay_end,
                              void (*poll)(void *pctx), void *pctx);

typedef struct {
    size_t k, n_out, line_cap;  /* the block layout */
    const char *settings;       /* the sweep's digest: every process must have read the same */
    uint64_t chunk;             /* runs per message */
    int late_values;            /* the runs make their values from unit points: results carry
                                ** the values, counts clamped and bad values */
    int (*values_ok)(void *ctx, const double *x);   /* a run's k values could be the runs' */
    int one_thread;             /* this process plays with one thread: rows packed as made */
    /* R >= this: a process summarises the points that lie whole in its
    ** chunk and sends their statistics instead of their runs' outcomes
    ** (0: never) */
    uint64_t point_stats_R;
    /* the statistics (n_out x 8) of a point's R runs (outcomes n_out apart) */
    void (*point_stats)(void *ctx, const double *outs, double *st);
    int texts_only;             /* one run a point, rows with every outcome, exact summary: the
                                ** summary reads the outcomes from the rows, results carry none */
    ent_i_play_fn play;
    int (*failed)(void *ctx);   /* non-zero: this process cannot play (out of memory) */
    uint64_t (*reused)(void *ctx);  /* this process's runs so far that took an earlier run's
                                    ** outcomes (timing.json); may be NULL */
    void *ctx;
} ent_i_mpi_job;

typedef struct {
    double comm_s;              /* CPU seconds in MPI calls and packing, all processes */
    double cpu_s;               /* CPU seconds of the other processes */
    double rank0_s;             /* rank 0's part of comm_s */
    double start_s;             /* CPU seconds getting ready, all processes: connecting, buffers
                                ** faulted in; once per sweep, not in comm_s */
    uint64_t bytes, messages;   /* exchanged with rank 0 */
    uint64_t shared_bytes;      /* of bytes, those read from shared memory (not sent) */
    uint64_t remote_runs;       /* played by the other processes */
    uint64_t reused;            /* of which took an earlier run's outcomes */
} ent_i_mpi_stats;

typedef struct ent_i_mpi ent_i_mpi;

/* CPU seconds (user + system) of this process so far. */
double ent_i_cpu_seconds(void);
/* This process's rank and the number of processes (0 and 1 without MPI). */
int ent_i_mpi_rank(void);
int ent_i_mpi_size(void);
/* What rank 0's step between plays (writing the block before, making the
** next) calls so that the other processes are not left idle while it runs:
** next_ready(ctx) once the next block's points are made, serve(ctx) now and
** then (takes their results in and hands out more). */
typedef struct {
    void (*next_ready)(void *ctx);
    void (*serve)(void *ctx);
    void *ctx;
} ent_i_between_hooks;

/* Rank 0 of several: start sharing the runs (NULL on no memory). */
ent_i_mpi *ent_i_mpi_begin(const ent_i_mpi_job *job);
/* Rank 0: play block `now` with every process (rank 0 too), runs below
** replay_end without their rows. Once the first chunks are out, calls
** between(ctx, hooks) (writing the block before, making `next`); `next` (may
** be NULL) is handed out from hooks->next_ready on, or after between.
** Returns when all of `now` is back: 0, or -1 when a process failed (message
** in err). */
int ent_i_mpi_block(ent_i_mpi *m, ent_i_block *now, ent_i_block *next, uint64_t replay_end,
                    void (*between)(void *ctx, const ent_i_between_hooks *hooks), char *err, size_t cap);
/* Rank 0: wait for every chunk still out, then free; the statistics. */
void ent_i_mpi_end(ent_i_mpi *m, ent_i_mpi_stats *st);
/* The other ranks: play the chunks rank 0 sends into b (capacity cap_runs
** runs) until it says stop. 0, or -1 if this process failed. */
int ent_i_mpi_serve(const ent_i_mpi_job *job, ent_i_block *b, uint64_t cap_runs);

/* A calibration's batches over the processes (calibrate_run.c). Rank 0
** sends each batch of evaluations to every rank; each plays its contiguous
** share of the batch's n x R runs (evaluation i's replicate r is run i R + r)
** and rank 0 gathers their outcomes in run order, so that the averages, and
** every file, are those of one process. Workers wait without using a core. */
typedef int (*ent_i_batch_play_fn)(void *ctx, size_t n, const double *theta, const uint64_t *stream,
                                   uint64_t first, uint64_t count, double *out);
typedef struct {
    size_t k, m;                /* parameters per evaluation, outcomes per run */
    uint64_t R;                 /* runs per evaluation */
    const char *settings;       /* what every process must have read the same (< 160 bytes) */
    ent_i_batch_play_fn play;   /* runs [first, first + count), count x m outcomes into out */
    void *ctx;
} ent_i_batches;
/* Rank 0: the outcomes of every run of the batch into out (n R m values, run
** order): 0, or -1 with the reason in err (a process could not play, or
** read other files). Alone (or without MPI) it plays them all itself. */
int ent_i_mpi_batch(const ent_i_batches *b, size_t n, const double *theta, const uint64_t *stream,
                    double *out, char *err, size_t cap);
/* The other ranks: play their shares of rank 0's batches until it ends
** them. `broken` non-zero: this process could not set up, and says so to
** each batch. */
void ent_i_mpi_batch_serve(const ent_i_batches *b, int broken);
/* Rank 0: end the batches; every ent_i_mpi_batch_serve returns. */
void ent_i_mpi_batch_end(void);

/* Write the manifest JSON to f. A shard's manifest is the whole sweep's
** with a "shard" line before "clamped_values", and its own counts. */
void ent_i_sweep_manifest(FILE *f, const ent_manifest_info *m);
/* The "shard" line of a shard's manifest, with its newline (`entente merge`
** compares it); buf needs 512 bytes. */
void ent_i_shard_line(char *buf, size_t cap, uint64_t shard, uint64_t shards, uint64_t first_point,
                      uint64_t points, uint64_t replicates);
/* Write timing.json: command ("sweep" or "merge"), processes, threads,
** resumed (shards = 0) or the number of shards merged, runs, wall time and
** speed. */
void ent_i_sweep_timing(FILE *f, const char *command, const ent_sweep_result *r, uint64_t shards);

#endif
