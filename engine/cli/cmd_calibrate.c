/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** cmd_calibrate.c: `entente calibrate FILE`: fit a scenario's parameters to
** observed outcomes (rejection ABC, ABC-SMC or the simulated method of
** moments) with a progress display, a clean stop on Ctrl-C, and --resume.
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
#include "entente/calibrate.h"

const char ent_usage_calibrate[] =
    "usage: entente calibrate FILE [--method abc|smc|msm] [--budget RUNS] [--replicates N]\n"
    "                         [--particles N] [--accept FRACTION] [--tolerance D]\n"
    "                         [--design sobol|lhs] [--threads N] [--seed N] [--out DIR]\n"
    "                         [--resume] [--quiet]\n"
    "\n"
    "Fit the parameters named in the 'calibrate:' section of FILE (a scenario, or a\n"
    "file with 'scenario: PATH') to the observed targets, each an outcome as runs.csv\n"
    "names it with its standard error. The distance of a parameter set is\n"
    "sqrt(sum(((simulated - observed)/se)^2)), the simulated value the mean of its\n"
    "replicates. Writes into DIR (default results/<FILE name>/calibrate/):\n"
    "  posterior.csv    the accepted parameter sets, weights, distances, simulated targets\n"
    "  calibration.csv  per parameter: posterior mean, median, sd, 90% interval (q05, q95),\n"
    "                   prior mean and sd; msm: estimate and standard error\n"
    "  fit.csv          per target: observed, se, simulated mean and 90% interval\n"
    "  manifest.json    version, digests, method, seed, budget, parameters, targets\n"
    "The files are the same for any number of threads. They grow in DIR.partial/,\n"
    "which replaces DIR when complete; Ctrl-C stops at the next chunk (abc),\n"
    "generation (smc) or iteration (msm) and --resume continues with the same\n"
    "final files.\n"
    "\n"
    "options (each overrides the section's own):\n"
    "  --method M       abc: rejection ABC on a design over the priors (default);\n"
    "                   smc: ABC sequential Monte Carlo (population Monte Carlo);\n"
    "                   msm: simulated method of moments (Nelder-Mead, common random\n"
    "                   numbers, standard errors from the Jacobian)\n"
    "  --budget RUNS    runs at most (evaluations x replicates; default 2000)\n"
    "  --replicates N   runs per evaluation, averaged (default 1)\n"
    "  --particles N    smc: population size (default 200)\n"
    "  --accept F       abc: accept the closest fraction F of the design (default 0.05)\n"
    "  --tolerance D    abc: accept every distance <= D instead\n"
    "  --design D       abc: sobol (default) or lhs\n"
    "  --threads N      threads (default: all cores, or OMP_NUM_THREADS)\n"
    "  --seed N         seed of all random streams (default: the section's, else the scenario's)\n"
    "  --out DIR        output folder\n"
    "  --resume         continue the interrupted calibration in DIR\n"
    "  --quiet          print nothing on success, show no progress\n"
    "See engine/docs/calibration.md.\n";

static int opt_real(const ent_option *opts, const char *name, double lo, double hi, int open_lo, double *out)
{
    const char *v = ent_opt(opts, name);
    if (!v)
        return 0;
    double x = NAN;
    if (ent_cli_number(v, &x) || (open_lo ? !(x > lo) : !(x >= lo)) || !(x <= hi)) {
        fprintf(stderr, "entente calibrate: option '--%s' expects a number in %s%g, %g], got '%s'\n", name,
                open_lo ? "(" : "[", lo, hi, v);
        return -1;
    }
    *out = x;
    return 0;
}

static int calibrate_main(int argc, char **argv, int rank)
{
    ent_option opts[] = {
        { "method", 1, NULL }, { "budget", 1, NULL }, { "replicates", 1, NULL }, { "particles", 1, NULL },
        { "accept", 1, NULL }, { "tolerance", 1, NULL }, { "design", 1, NULL }, { "threads", 1, NULL },
        { "seed", 1, NULL }, { "out", 1, NULL }, { "resume", 0, NULL }, { "quiet", 0, NULL },
        { NULL, 0, NULL }
    };
    const char *pos[4];
    size_t n_pos;
    int rc = ent_parse_options("calibrate", argc, argv, opts, pos, 4, &n_pos);
    if (rc == 1) {
        fputs(ent_usage_calibrate, stdout);
        return ENT_EXIT_OK;
    }
    if (rc < 0)
        return ENT_EXIT_USAGE;
    if (n_pos != 1) {
        fprintf(stderr, "entente calibrate: expected one FILE, got %zu\n%s", n_pos, ent_usage_calibrate);
        return ENT_EXIT_USAGE;
    }
    uint64_t budget = 0, reps = 0, particles = 0, threads = 0, seed = 0;
    double accept = 0, tol = 0;
    int method = -1, design = -1;
    const char *mv = ent_opt(opts, "method"), *dv = ent_opt(opts, "design");
    if (mv) {
        for (int i = 0; i < ENT_CAL_METHOD_COUNT; i++)
            if (!strcmp(mv, ent_cal_method_names[i]))
                method = i;
        if (method < 0) {
            fprintf(stderr, "entente calibrate: option '--method' expects abc, smc or msm, got '%s'\n", mv);
            return ENT_EXIT_USAGE;
        }
    }
    if (dv) {
        design = !strcmp(dv, "sobol") ? ENT_DESIGN_SOBOL : !strcmp(dv, "lhs") ? ENT_DESIGN_LHS : -1;
        if (design < 0) {
            fprintf(stderr, "entente calibrate: option '--design' expects sobol or lhs, got '%s'\n", dv);
            return ENT_EXIT_USAGE;
        }
    }
    if (ent_opt_count("calibrate", opts, "budget", 2, UINT64_C(1) << 40, &budget) ||
        ent_opt_count("calibrate", opts, "replicates", 1, 1000000, &reps) ||
        ent_opt_count("calibrate", opts, "particles", 4, 1000000, &particles) ||
        ent_opt_count("calibrate", opts, "threads", 1, 1024, &threads) ||
        ent_opt_count("calibrate", opts, "seed", 0, UINT64_MAX, &seed) ||
        opt_real(opts, "accept", 0, 1, 1, &accept) ||
        opt_real(opts, "tolerance", 0, 1e300, 1, &tol))
        return ENT_EXIT_USAGE;
    int quiet = ent_opt(opts, "quiet") != NULL;

    char scn_path[4096];
    ent_diags d, sd;
    if (ent_file_expect("calibrate", pos[0], ENT_FILE_SCENARIO | ENT_FILE_SCENARIO_SWEEP | ENT_FILE_CALIBRATE))
        return ENT_EXIT_USAGE;
    ent_diags_init(&d, pos[0]);
    ent_diags_init(&sd, pos[0]);
    ent_scenario *s = NULL;
    ent_cal_spec *sp = ent_cal_load(pos[0], scn_path, sizeof scn_path, &s, &d, &sd);
    if (!sp) {
        ent_diags_print(&d, stderr);
        ent_diags_print(&sd, stderr);
        return ENT_EXIT_USAGE;
    }
    if (method >= 0) sp->method = (ent_cal_method)method;
    if (design >= 0) sp->design = (ent_design_kind)design;
    if (budget) sp->budget = budget;
    if (reps) sp->replicates = reps;
    if (particles) sp->particles = particles;
    if (ent_opt(opts, "accept")) {
        sp->accept = accept;
        sp->tolerance = 0;
    }
    if (ent_opt(opts, "tolerance")) sp->tolerance = tol;
    if (ent_opt(opts, "seed")) {
        sp->seed = seed;
        sp->has_seed = true;
    }
    char dir[4096];
    if (ent_opt(opts, "out"))
        snprintf(dir, sizeof dir, "%s", ent_opt(opts, "out"));
    else
        cli_default_dir(dir, sizeof dir, pos[0], "calibrate");

    cli_progress ps;
    cli_progress_init(&ps, "calibrate", 1);
    ent_cal_options o = {
        .out_dir = dir, .resume = ent_opt(opts, "resume") != NULL, .stop = &cli_stop_requested,
        .progress = quiet ? NULL : cli_progress_show, .progress_ctx = &ps,
    };
    cli_interrupt ci;
    cli_interrupt_begin(&ci);
    ent_cal_result res;
    char err[1024] = "";
    rc = ent_calibrate_run(s, sp, (unsigned)threads, &o, &res, err, sizeof err);
    cli_interrupt_end(&ci);
    if (!quiet)
        cli_progress_end(&ps);
    int status = ENT_EXIT_OK;
    if (rank > 0) {
        /* another process of mpirun: it played its shares; rank 0 reports */
        status = rc == ENT_OK ? ENT_EXIT_OK : ENT_EXIT_FAIL;
    } else if (rc == ENT_EINTR) {
        char work[4200];
        ent_sweep_partial_dir(dir, work, sizeof work);
        fprintf(stderr, "entente calibrate: interrupted after %llu runs; they are kept in %s/.\n"
                        "Continue with: ", (unsigned long long)res.runs, work);
        cli_print_resume_command(stderr, "calibrate", pos[0], opts);
        status = 130;
    } else if (rc != ENT_OK) {
        fprintf(stderr, "entente calibrate: %s\n", err);
        status = rc == ENT_ERESUME || rc == ENT_EINVAL ? ENT_EXIT_USAGE : ENT_EXIT_FAIL;
    } else if (!quiet) {
        printf("%s: %s calibration of %zu parameter%s to %zu target%s, %llu runs -> %s/\n", ent_scenario_name(s),
               ent_cal_method_names[sp->method], sp->n_params, sp->n_params == 1 ? "" : "s", sp->n_targets,
               sp->n_targets == 1 ? "" : "s", (unsigned long long)res.runs, dir);
        int none = sp->method != ENT_CAL_MSM && res.accepted == 0;
        if (none)
            printf("note: no parameter set was accepted: raise --tolerance or use --accept\n");
        /* without an accepted set there is no posterior to show (calibration.csv says NA) */
        for (size_t j = 0; j < sp->n_params && !none; j++) {
            if (sp->method == ENT_CAL_MSM)
                printf("  %-40s estimate %.4g (se %.3g)\n", sp->params[j].path, res.estimate[j], res.se[j]);
            else
                printf("  %-40s mean %.4g, 90%% interval [%.4g, %.4g]%s\n", sp->params[j].path, res.mean[j],
                       res.q05[j], res.q95[j],
                       res.sd[j] >= 0.9 * res.prior_sd[j] ? " (not identified: posterior ~ prior)" : "");
        }
    }
    ent_cal_result_free(&res);
    ent_cal_spec_free(sp);
    ent_scenario_free(s);
    return status;
}

int ent_cmd_calibrate(int argc, char **argv)
{
    return cli_mpi_main("calibrate", argc, argv, calibrate_main);
}
