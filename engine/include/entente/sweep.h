/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** sweep.h: Monte Carlo sweeps. A sweep runs every (point, replicate) pair of
** a design over scenario parameters, in parallel, and streams the results in
** run order, so that its files are the same for any number of threads and
** its memory does not grow with the number of runs.
*/
#ifndef ENT_SWEEP_H
#define ENT_SWEEP_H

#include "entente/export.h"
ENT_BEGIN_DECLS

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "entente/design.h"
#include "entente/diag.h"
#include "entente/game_tournament.h"
#include "entente/param.h"
#include "entente/scenario.h"
#include "entente/status.h"

typedef struct {
    char *path;                     /* e.g. "allies.DEU.threat" */
    const ent_param_desc *desc;     /* of the scenario slot (type and range) */
    ent_dist dist;                  /* values or a distribution */
    unsigned line, col;             /* of the path in the sweep file */
} ent_sweep_param;

typedef struct {
    char *file;                     /* the file holding the sweep section */
    char sha256[65];                /* of that file */
    char *scenario_file;            /* the scenario it sweeps (the same file, or named) */
    ent_design_kind design;
    uint64_t points;                /* requested points (saltelli: base samples); 0 = not given */
    uint64_t replicates;            /* runs per point */
    uint64_t seed;
    bool has_seed;                  /* else the scenario's seed */
    ent_sweep_param *params;
    size_t n_params;
    char **outcomes;                /* the outcomes to look at first (plots, reports), */
    size_t n_outcomes;              /* as the sweep's `outcomes:` names them; 0: none */
    unsigned line, col;             /* of the sweep section, for messages */
} ent_sweep_spec;

/* Read FILE: a scenario with a `sweep:` section (or none: replicates of the
** scenario alone), or a sweep file with `scenario: PATH` (relative to the
** file) and `sweep:`. On success returns the spec and the loaded scenario in
** *scn; on failure NULL, with the sweep file's errors in d and the
** scenario's in scn_d (both FILE:LINE:COL). The scenario's path is written
** into scn_path (capacity scn_cap), which scn_d->file then points to. */
ent_sweep_spec *ent_sweep_load(const char *path, char *scn_path, size_t scn_cap,
                               ent_scenario **scn, ent_diags *d, ent_diags *scn_d);
/* What `validate` checks, reading and parsing FILE once: a classic game
** file (*game set, errors in d), or else what ent_sweep_load reads (*sp and
** *scn set). 0 on success; -1 with the errors in d and scn_d. */
int ent_check_load(const char *path, ent_classic **game, ent_sweep_spec **sp, ent_scenario **scn,
                   char *scn_path, size_t scn_cap, ent_diags *d, ent_diags *scn_d);
/* Parse a sweep section from a buffer against a loaded scenario (tests). */
ent_sweep_spec *ent_sweep_parse(const char *name, const char *buf, size_t len,
                                const ent_scenario *s, ent_diags *d);
/* Check what can only be checked once command-line overrides are applied
** (points given where the design needs them, design sizes). Errors into d. */
int ent_sweep_check(const ent_sweep_spec *sp, ent_diags *d);
void ent_sweep_spec_free(ent_sweep_spec *sp);
/* Total points of the spec's design. */
uint64_t ent_sweep_points(const ent_sweep_spec *sp);

/* One run of a sweep, replayed: the scenario of design point `point` (a copy
** of s with the point's values set as the sweep's runs use them) and in
** *seed the seed of the sweep's runs. ent_run_exec(run, *seed, point,
** replicate) on it is then the run of that row of runs.csv, bit for bit.
** NULL if the point is past the design or one of its values cannot be used
** (or memory runs out). */
ent_scenario *ent_sweep_point_scenario(const ent_scenario *s, const ent_sweep_spec *sp, uint64_t point,
                                       uint64_t *seed);

/* ---- running ------------------------------------------------------------- */

typedef struct {
    uint64_t runs_total;
    uint64_t runs_done;             /* including those done before a resume */
    uint64_t runs_at_start;         /* done before this invocation */
    double elapsed;                 /* seconds in this invocation */
} ent_sweep_progress;

/* What runs.csv holds besides point, replicate and parameter values. */
enum {
    ENT_RUNS_ALL = 0,               /* every outcome, per-agent ones as NAME.CODE */
    ENT_RUNS_RUN,                   /* run-level outcomes only */
    ENT_RUNS_NONE                   /* no runs.csv (summary.csv still has every outcome) */
};

typedef struct {
    unsigned threads;               /* 0: OpenMP's default */
    int runs_columns;               /* ENT_RUNS_* */
    const char *out_dir;
    bool resume;                    /* continue the interrupted sweep in out_dir */
    const volatile sig_atomic_t *stop;  /* non-zero: stop after the block in flight */
    void (*progress)(void *ctx, const ent_sweep_progress *p);  /* may be NULL */
    void *progress_ctx;
    double progress_every;          /* seconds between progress calls */
    uint64_t block_runs;            /* runs per block; 0 = automatic (tests set it) */
    /* --shard I/N: run only share `shard` (1..shards) of the points, a
    ** contiguous block (ent_sweep_shard_points); shards = 0: the whole sweep */
    uint64_t shard, shards;
    /* may be NULL: called with the finished folder (runs.csv, summary.csv,
    ** manifest.json) before it replaces out_dir, to add files to it; non-zero
    ** (with a message in err) fails the sweep, which --resume finishes;
    ** ENT_EINTR (it saw options.stop) ends it as interrupted */
    int (*before_commit)(void *ctx, const char *dir, char *err, size_t cap);
    void *commit_ctx;
    /* true: runs.csv through the page cache. false (the default): with
    ** direct I/O where the file system takes it, which spares the kernel
    ** copying every byte (most of the CPU the file costs); the bytes are
    ** the same either way. (Last, so that the fields before keep their
    ** offsets.) */
    bool buffered_io;
    /* false (the default): a run that would play again what an earlier run
    ** of its point played (the same coins at its start, no other draw:
    ** sim/run_memo.h) takes that run's outcomes. true: every run plays
    ** (to time the model). The bytes are the same either way. */
    bool play_every_run;
    /* false (the default): a sweep whose files cannot fit in the free space
    ** of out_dir's disk is refused at the start (at the least a row can
    ** take), or stopped at a checkpoint once its rows show what the rest
    ** will take (ENT_SWEEP_EIO, resumable; the message gives the figures).
    ** true: it writes until the disk is full, and fails there (resumable). */
    bool ignore_free_space;
} ent_sweep_options;

typedef struct {
    uint64_t points;                /* of the whole design */
    uint64_t design_runs;           /* points x replicates of the whole design */
    uint64_t runs_total, runs_done, runs_at_start;  /* of this share (all of it unless sharded) */
    uint64_t first_point, shard_points;  /* the points of this share */
    uint64_t agent_rounds;          /* sum over runs of agents x rounds played */
    uint64_t clamped;               /* sampled values moved into the parameter's range */
    unsigned threads;
    unsigned ranks;                 /* MPI processes (1 without MPI) */
    double cpu_s;                   /* CPU seconds of every process of this invocation */
    double mpi_comm_s;              /* of which in MPI calls and packing messages */
    double mpi_rank0_s;             /* of which rank 0's */
    double mpi_start_s;             /* CPU seconds getting ready for the messages (connecting,
                                    ** buffers), once per sweep; in cpu_s, not in mpi_comm_s */
    double serial_cpu_s;            /* of which the serial step: writing the files, design points */
    uint64_t mpi_bytes, mpi_messages;  /* exchanged with rank 0 */
    double wall;                    /* seconds, including earlier invocations */
    bool interrupted, resumed, exact_quantiles;
    bool direct_io;                 /* runs.csv was written with direct I/O */
    uint64_t mpi_remote_runs;       /* runs played by processes other than rank 0 */
    uint64_t runs_reused;           /* runs of this invocation that took an earlier run's
                                    ** outcomes (ent_sweep_options.play_every_run) */
    uint64_t mpi_shared_bytes;      /* of mpi_bytes, those rank 0 read from shared memory
                                    ** (processes on its node), not from messages */
} ent_sweep_result;

/* The sweep's statuses: the library's ent_status values (status.h) under
** the names sweeps have always used. */
enum {
    ENT_SWEEP_OK = ENT_OK,
    ENT_SWEEP_EIO = ENT_EIO,            /* cannot write (or read back) the output */
    ENT_SWEEP_ENOMEM = ENT_ENOMEM,
    ENT_SWEEP_EINTR = ENT_EINTR,        /* stopped by options.stop; resumable */
    ENT_SWEEP_ERESUME = ENT_ERESUME,    /* nothing to resume, or different settings */
    ENT_SWEEP_ELOCKED = ENT_ELOCKED,    /* another process is writing out_dir */
    ENT_SWEEP_EDESIGN = ENT_EDESIGN,    /* the design gave a value that is not finite */
    ENT_SWEEP_EPROC = ENT_EPROC         /* another MPI process failed; resumable */
};

/* Run the sweep of `sp` over scenario `s` (whose seed and rounds are used)
** and write DIR/runs.csv, summary.csv and manifest.json. While running, DIR
** is locked and the files grow in the folder DIR.partial with a
** sweep.checkpoint; when complete that folder replaces DIR as a whole, so
** DIR always holds an older complete result or the new one.
** Returns ENT_SWEEP_*; on error a message in err. */
int ent_sweep_run(const ent_scenario *s, const ent_sweep_spec *sp, const ent_sweep_options *o,
                  ent_sweep_result *res, char *err, size_t cap);

/* ---- several processes (built with `make MPI=1`, started by mpirun) -------- */

/* Call once, first: when the program was built with MPI and started by
** mpirun (or srun), start MPI; ent_sweep_run then shares its runs among all
** the processes, and only rank 0 writes. Returns this process's rank (0
** when alone), or -1 with a message in err (started as several processes
** by a build without MPI, or MPI failed). */
int ent_sweep_mpi_start(int *argc, char ***argv, char *err, size_t cap);
/* Call once, last, on every rank and every path (rank 0 releases the others). */
void ent_sweep_mpi_end(void);
/* A rank other than 0 that cannot take part (its FILE did not load):
** answer rank 0's work with msg, which rank 0 reports, until it stops. */
void ent_sweep_mpi_refuse(const char *msg);
/* Whether this library was built with MPI. */
bool ent_sweep_mpi_built(void);

/* The points [*first, *first + *count) of shard i (1..n) of a design of P
** points: contiguous blocks whose sizes differ by at most one. */
void ent_sweep_shard_points(uint64_t P, uint64_t i, uint64_t n, uint64_t *first, uint64_t *count);

/* `entente merge`: check the shard folders dirs[0..n) (each written by
** `sweep --shard I/N`; every number in them is checked) and write the
** folder a single run would have written into out_dir (staged, locked,
** swapped in whole). Returns ENT_SWEEP_OK, ENT_SWEEP_ERESUME (the shards do
** not make one sweep: the message says why), ENT_SWEEP_ELOCKED, ENT_SWEEP_EIO
** or ENT_SWEEP_ENOMEM, with a message in err. */
int ent_sweep_merge(const char *const *dirs, size_t n, const char *out_dir, uint64_t *runs,
                    char *err, size_t cap);

/* The folder a sweep into out_dir works in until it is complete. */
void ent_sweep_partial_dir(const char *out_dir, char *buf, size_t cap);
/* Whether that folder holds a sweep that options.resume can go on with (a
** checkpoint, or a finished sweep not yet moved in). */
bool ent_sweep_resumable(const char *out_dir);

/* Bytes a sweep may keep for the values of a point's outcomes over its
** replicates: when the values fit (outcomes x replicates x 8 bytes), summary
** quantiles are exact; beyond, each outcome has an equal share of it for a
** quantile sketch, whatever the replicates. */
#define ENT_SWEEP_EXACT_BUDGET (20u << 20)

ENT_END_DECLS

#endif
