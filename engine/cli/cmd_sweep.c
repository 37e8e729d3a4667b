/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** cmd_sweep.c: `entente sweep FILE`: run a Monte Carlo sweep with a progress
** display, stop cleanly on Ctrl-C, continue with --resume, and optionally
** compute Sobol indices afterwards.
*/
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "longrun.h"
#include "filekind.h"
#include "entente/sensitivity.h"
#include "entente/sweep.h"

const char ent_usage_sweep[] =
    "usage: entente sweep FILE [--threads N] [--points N] [--replicates N] [--seed N]\n"
    "                     [--rounds N] [--out DIR] [--resume] [--sensitivity]\n"
    "                     [--bootstrap N] [--runs-csv all|run|none] [--shard I/N]\n"
    "                     [--direct-io yes|no] [--reuse yes|no] [--space-check yes|no]\n"
    "                     [--quiet]\n"
    "\n"
    "Run every (point, replicate) of the sweep in FILE: a scenario with a 'sweep:'\n"
    "section, a sweep file with 'scenario: PATH' and 'sweep:', or a plain scenario\n"
    "(then only its replicates vary). Writes into DIR (default results/<FILE name>/sweep/):\n"
    "  runs.csv       one row per run: point, replicate, parameter values, outcomes\n"
    "  summary.csv    one row per point and outcome: n, mean, sd, 95% CI, median, q05, q95\n"
    "  manifest.json  version, digests, seed, design, parameters, counts\n"
    "  timing.json    processes, threads, wall time, speed\n"
    "The first three are the same for any number of threads or (built with MPI=1,\n"
    "under mpirun) processes. They grow in DIR.partial/,\n"
    "which replaces DIR when the sweep is complete; DIR is locked meanwhile. Ctrl-C\n"
    "stops after the runs in flight and keeps them; --resume continues (also after\n"
    "a crash or a write error such as a full disk).\n"
    "A sweep whose files cannot fit in the disk's free space is refused at the\n"
    "start, or stopped (resumably) once its first rows show what the rest will take.\n"
    "\n"
    "options:\n"
    "  --threads N      threads (default: all cores, or OMP_NUM_THREADS)\n"
    "  --points N       points of a random, lhs, sobol or saltelli design\n"
    "                   (saltelli: base samples; the design has N (k + 2) points)\n"
    "  --replicates N   runs per point\n"
    "  --seed N         seed of all random streams (default: the sweep's, else the scenario's)\n"
    "  --rounds N       rounds per run (default: the scenario's)\n"
    "  --out DIR        output folder\n"
    "  --resume         continue the interrupted sweep in DIR\n"
    "  --sensitivity    then write sensitivity.csv (saltelli design only)\n"
    "  --bootstrap N    bootstrap resamples for the sensitivity intervals (default 1000)\n"
    "  --runs-csv WHAT  what runs.csv holds: all outcomes (default), run-level outcomes\n"
    "                   only ('run'), or no runs.csv at all ('none'); summary.csv\n"
    "                   always has every outcome\n"
    "  --shard I/N      run only share I of N (a contiguous block of the points) into\n"
    "                   DIR; 'entente merge' joins the N folders into the sweep's files\n"
    "  --direct-io yes|no  write runs.csv with direct I/O where the file system\n"
    "                   takes it (default yes): the kernel then does not copy it\n"
    "                   into its cache, which is most of the CPU the file costs;\n"
    "                   the bytes are the same either way\n"
    "  --reuse yes|no   a run that would play again what an earlier run of its point\n"
    "                   played (the same draws at its start, say the patron's type,\n"
    "                   and none after) takes that run's outcomes (default yes);\n"
    "                   'no' plays every run, to time the model; the bytes are the\n"
    "                   same either way (timing.json counts the runs reused)\n"
    "  --space-check yes|no  refuse or stop a sweep whose files will not fit in the\n"
    "                   free space of DIR's disk (default yes); 'no' writes until\n"
    "                   the disk is full (then --resume goes on once there is room)\n"
    "  --quiet          print nothing on success, show no progress\n"
    "See engine/docs/sweeps.md for the sweep section.\n";

typedef struct {
    size_t bootstrap;
} sens_ctx;

/* --sensitivity: sensitivity.csv joins the sweep's files before they replace
** the folder, so the folder never holds a sweep without the file asked for. */
static int add_sensitivity(void *ctx, const char *dir, char *err, size_t cap)
{
    const sens_ctx *sc = ctx;
    int rc = ent_sensitivity_dir_stoppable(dir, sc->bootstrap, 0.95, &cli_stop_requested, err, cap);
    return rc == ENT_EINTR ? ENT_EINTR : rc ? -1 : 0;
}

static int64_t small_count(const char **p)
{
    int64_t v = 0;
    int k = 0;
    while (**p >= '0' && **p <= '9' && k < 8) {
        v = v * 10 + (**p - '0');
        (*p)++;
        k++;
    }
    return k == 0 || k > 7 ? -1 : v;
}

/* --shard I/N: 1 <= I <= N <= 10^6. -1 (with a message) if bad. */
static int parse_shard(const char *v, uint64_t *i, uint64_t *n)
{
    const char *p = v;
    int64_t x = small_count(&p), y = -1;
    if (x >= 0 && *p == '/') {
        p++;
        y = small_count(&p);
    }
    if (x >= 1 && y >= 1 && !*p && x <= y && y <= 1000000) {
        *i = (uint64_t)x;
        *n = (uint64_t)y;
        return 0;
    }
    fprintf(stderr, "entente sweep: option '--shard' expects I/N with 1 <= I <= N <= 1000000, got '%s'\n", v);
    return -1;
}

static int sweep_main(int argc, char **argv, int rank)
{
    ent_option opts[] = {
        { "threads", 1, NULL }, { "points", 1, NULL }, { "replicates", 1, NULL },
        { "seed", 1, NULL }, { "rounds", 1, NULL }, { "out", 1, NULL }, { "resume", 0, NULL },
        { "sensitivity", 0, NULL }, { "bootstrap", 1, NULL }, { "runs-csv", 1, NULL },
        { "quiet", 0, NULL }, { "shard", 1, NULL }, { "direct-io", 1, NULL }, { "reuse", 1, NULL },
        { "space-check", 1, NULL }, { NULL, 0, NULL }
    };
    const char *pos[4];
    size_t n_pos;
    int rc = ent_parse_options("sweep", argc, argv, opts, pos, 4, &n_pos);
    if (rc == 1) {
        fputs(ent_usage_sweep, stdout);
        return ENT_EXIT_OK;
    }
    if (rc < 0)
        return ENT_EXIT_USAGE;
    if (n_pos != 1) {
        fprintf(stderr, "entente sweep: expected one FILE, got %zu\n%s", n_pos, ent_usage_sweep);
        return ENT_EXIT_USAGE;
    }
    uint64_t threads = 0, points = 0, reps = 0, seed = 0, rounds = 0, boot = 1000;
    if (ent_opt_count("sweep", opts, "threads", 1, 1024, &threads) ||
        ent_opt_count("sweep", opts, "points", 1, UINT64_C(1) << 40, &points) ||
        ent_opt_count("sweep", opts, "replicates", 1, UINT64_C(1) << 40, &reps) ||
        ent_opt_count("sweep", opts, "seed", 0, UINT64_MAX, &seed) ||
        ent_opt_count("sweep", opts, "rounds", 1, 100000, &rounds) ||
        ent_opt_count("sweep", opts, "bootstrap", 0, 1000000, &boot))
        return ENT_EXIT_USAGE;
    int quiet = ent_opt(opts, "quiet") != NULL || rank > 0;
    int runs_columns = ENT_RUNS_ALL;
    const char *rcv = ent_opt(opts, "runs-csv");
    if (rcv) {
        if (!strcmp(rcv, "all")) runs_columns = ENT_RUNS_ALL;
        else if (!strcmp(rcv, "run")) runs_columns = ENT_RUNS_RUN;
        else if (!strcmp(rcv, "none")) runs_columns = ENT_RUNS_NONE;
        else {
            fprintf(stderr, "entente sweep: option '--runs-csv' expects all, run or none, got '%s'\n", rcv);
            return ENT_EXIT_USAGE;
        }
    }

    const char *dio = ent_opt(opts, "direct-io");
    if (dio && strcmp(dio, "yes") && strcmp(dio, "no")) {
        fprintf(stderr, "entente sweep: option '--direct-io' expects yes or no, got '%s'\n", dio);
        return ENT_EXIT_USAGE;
    }

    const char *reuse = ent_opt(opts, "reuse");
    if (reuse && strcmp(reuse, "yes") && strcmp(reuse, "no")) {
        fprintf(stderr, "entente sweep: option '--reuse' expects yes or no, got '%s'\n", reuse);
        return ENT_EXIT_USAGE;
    }

    const char *space = ent_opt(opts, "space-check");
    if (space && strcmp(space, "yes") && strcmp(space, "no")) {
        fprintf(stderr, "entente sweep: option '--space-check' expects yes or no, got '%s'\n", space);
        return ENT_EXIT_USAGE;
    }

    uint64_t shard = 0, shards = 0;
    const char *shv = ent_opt(opts, "shard");
    if (shv && parse_shard(shv, &shard, &shards))
        return ENT_EXIT_USAGE;

    if (ent_file_expect("sweep", pos[0], ENT_FILE_SCENARIO | ENT_FILE_SCENARIO_SWEEP | ENT_FILE_SWEEP))
        return ENT_EXIT_USAGE;
    char scn_path[4096];
    ent_diags d, sd;
    ent_diags_init(&d, pos[0]);
    ent_diags_init(&sd, pos[0]);
    ent_scenario *s = NULL;
    ent_sweep_spec *sp = ent_sweep_load(pos[0], scn_path, sizeof scn_path, &s, &d, &sd);
    if (!sp) {
        ent_diags_print(&d, stderr);
        ent_diags_print(&sd, stderr);
        ent_sweep_mpi_refuse("it could not read the sweep file");
        return ENT_EXIT_USAGE;
    }
    if (points) sp->points = points;
    if (reps) sp->replicates = reps;
    if (ent_opt(opts, "seed")) {
        sp->seed = seed;
        sp->has_seed = true;
    }
    if (rounds) ent_scenario_set_rounds(s, (int)rounds);   /* in its range: checked above */
    int status = ENT_EXIT_USAGE;
    if (ent_sweep_check(sp, &d)) {
        ent_diags_print(&d, stderr);
        goto done;
    }
    if (ent_opt(opts, "sensitivity") && sp->design != ENT_DESIGN_SALTELLI) {
        fprintf(stderr, "entente sweep: --sensitivity needs the saltelli design (this sweep uses %s)\n",
                ent_design_names[sp->design]);
        goto done;
    }
    /* what --sensitivity needs, known before any run: the whole sweep, and
    ** at least 2 base samples (rows of A and B) to estimate a variance */
    if (ent_opt(opts, "sensitivity") && shards) {
        fprintf(stderr, "entente sweep: --sensitivity needs the whole sweep, not shard %s; merge the shards "
                "(entente merge), then run 'entente sensitivity DIR'\n", shv);
        goto done;
    }
    if (ent_opt(opts, "sensitivity") && ent_sweep_points(sp) / (sp->n_params + 2) < 2) {
        fprintf(stderr, "entente sweep: --sensitivity needs at least 2 base points of the saltelli design "
                "(this sweep has %llu)\n", (unsigned long long)(ent_sweep_points(sp) / (sp->n_params + 2)));
        goto done;
    }
    if (shards && shards > ent_sweep_points(sp)) {
        fprintf(stderr, "entente sweep: --shard %s: the sweep has %llu points, fewer than %llu shards\n",
                shv, (unsigned long long)ent_sweep_points(sp), (unsigned long long)shards);
        goto done;
    }
    char dir[4096];
    if (ent_opt(opts, "out"))
        snprintf(dir, sizeof dir, "%s", ent_opt(opts, "out"));
    else
        cli_default_dir(dir, sizeof dir, pos[0], "sweep");
    if (shards && !ent_opt(opts, "out")) {
        size_t l = strlen(dir);
        snprintf(dir + l, sizeof dir - l, "-%llu-of-%llu", (unsigned long long)shard,
                 (unsigned long long)shards);
    }

    cli_progress ps;
    cli_progress_init(&ps, "sweep", 0);
    sens_ctx sc = { (size_t)boot };
    ent_sweep_options o = {
        .threads = (unsigned)threads, .runs_columns = runs_columns, .out_dir = dir, .resume = ent_opt(opts, "resume") != NULL,
        .stop = &cli_stop_requested, .progress = quiet ? NULL : cli_progress_show, .progress_ctx = &ps,
        .progress_every = ps.tty ? 0.5 : 1.0,
        .before_commit = ent_opt(opts, "sensitivity") ? add_sensitivity : NULL, .commit_ctx = &sc,
        .shard = shard, .shards = shards, .buffered_io = dio && !strcmp(dio, "no"),
        .play_every_run = reuse && !strcmp(reuse, "no"),
        .ignore_free_space = space && !strcmp(space, "no"),
    };
    cli_interrupt ci;
    cli_interrupt_begin(&ci);
    ent_sweep_result res;
    char err[512] = "";
    rc = ent_sweep_run(s, sp, &o, &res, err, sizeof err);
    cli_interrupt_end(&ci);
    if (!quiet)
        cli_progress_end(&ps);
    if (rc == ENT_SWEEP_EINTR) {
        char work[4200];
        ent_sweep_partial_dir(dir, work, sizeof work);
        fprintf(stderr, "entente sweep: interrupted after %llu of %llu runs; they are kept in %s/.\n"
                        "Continue with: ", (unsigned long long)res.runs_done,
                (unsigned long long)res.runs_total, work);
        cli_print_resume_command(stderr, "sweep", pos[0], opts);
        status = 130;
        goto done;
    }
    if (rc != ENT_SWEEP_OK) {
        fprintf(stderr, "entente sweep: %s\n", err);
        status = rc == ENT_SWEEP_ERESUME ? ENT_EXIT_USAGE : ENT_EXIT_FAIL;
        /* a write error, a full disk or a failed process keep what was done */
        if ((rc == ENT_SWEEP_EIO || rc == ENT_SWEEP_EPROC) && rank == 0 && !ent_opt(opts, "resume") &&
            ent_sweep_resumable(dir)) {
            fprintf(stderr, "Continue with: ");
            cli_print_resume_command(stderr, "sweep", pos[0], opts);
        }
        goto done;
    }
    if (rank > 0) {
        status = ENT_EXIT_OK;
        goto done;
    }
    if (!quiet && shards)
        printf("shard %llu of %llu: points %llu to %llu of %llu\n", (unsigned long long)shard,
               (unsigned long long)shards, (unsigned long long)res.first_point,
               (unsigned long long)(res.first_point + res.shard_points - 1), (unsigned long long)res.points);
    if (!quiet) {
        char procs[48] = "", reused[64] = "";
        if (res.ranks > 1)
            snprintf(procs, sizeof procs, "%u processes x ", res.ranks);
        if (res.runs_reused)    /* runs that took an earlier run's outcomes (--reuse) */
            snprintf(reused, sizeof reused, " (%llu reused)", (unsigned long long)res.runs_reused);
        printf("%s: %llu points x %llu replicates = %llu runs%s on %s%u thread%s, %.2f s "
               "(%.0f runs/s, %.3g agent-rounds/s) -> %s/\n",
               ent_scenario_name(s), (unsigned long long)res.shard_points, (unsigned long long)sp->replicates,
               (unsigned long long)res.runs_total, reused, procs, res.threads, res.threads == 1 ? "" : "s", res.wall,
               res.wall > 0 ? (double)res.runs_total / res.wall : 0.0,
               res.wall > 0 ? (double)res.agent_rounds / res.wall : 0.0, dir);
        if (res.clamped)
            printf("note: %llu sampled values fell outside their parameter's range and were clamped "
                   "to it (see manifest.json)\n", (unsigned long long)res.clamped);
    }
    status = ENT_EXIT_OK;
done:
    ent_sweep_spec_free(sp);
    ent_scenario_free(s);
    return status;
}

int ent_cmd_sweep(int argc, char **argv)
{
    return cli_mpi_main("sweep", argc, argv, sweep_main);
}
