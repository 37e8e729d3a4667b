/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** calibrate.h: calibration, fitting a scenario's parameters to observed
** values with honest uncertainty. A `calibrate:` section names parameters
** (each with a prior, a sweep distribution) and targets (an outcome, its
** observed value and standard error). Three methods: rejection ABC on a
** Sobol or Latin hypercube design, ABC sequential Monte Carlo (population
** Monte Carlo, Beaumont, Cornuet, Marin & Robert 2009), and the simulated
** method of moments (Nelder-Mead with common random numbers, standard
** errors from the numerical Jacobian). The core is independent of scenarios:
** it calls a batch evaluator, so tests can calibrate a closed-form model.
*/
#ifndef ENT_CALIBRATE_H
#define ENT_CALIBRATE_H

#include "entente/export.h"
ENT_BEGIN_DECLS

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "entente/design.h"
#include "entente/diag.h"
#include "entente/scenario.h"
#include "entente/sweep.h"

typedef enum { ENT_CAL_ABC, ENT_CAL_SMC, ENT_CAL_MSM, ENT_CAL_METHOD_COUNT } ent_cal_method;
extern const char *const ent_cal_method_names[ENT_CAL_METHOD_COUNT];

typedef struct {
    char *name;                     /* as runs.csv names it: "mean_ally_share", "final_support.KOR" */
    size_t index;                   /* in the run's outcome vector (run-level, then NAME.CODE) */
    double observed, se;            /* se > 0 */
    unsigned line, col;
} ent_cal_target;

typedef struct {
    char *file;                     /* the file holding the calibrate section */
    char sha256[65];
    char *scenario_file;
    ent_sweep_param *params;        /* each with its prior in dist */
    size_t n_params;
    ent_cal_target *targets;
    size_t n_targets;
    ent_cal_method method;
    ent_design_kind design;         /* abc: sobol (default) or lhs */
    uint64_t budget;                /* runs (evaluations x replicates) */
    uint64_t replicates;            /* runs per evaluation, averaged */
    uint64_t particles;             /* smc population */
    double accept;                  /* abc: accepted fraction */
    double tolerance;               /* abc: accept distances <= tolerance (0: use accept) */
    uint64_t seed;
    bool has_seed;
    unsigned line, col;
} ent_cal_spec;

/* Read FILE: a scenario with a `calibrate:` section, or a file with
** `scenario: PATH` and `calibrate:`. As ent_sweep_load: on failure NULL with
** FILE:LINE:COL errors in d (and the scenario's in scn_d). */
ent_cal_spec *ent_cal_load(const char *path, char *scn_path, size_t scn_cap, ent_scenario **scn,
                           ent_diags *d, ent_diags *scn_d);
/* The same from a buffer against a loaded scenario (tests). */
ent_cal_spec *ent_cal_parse(const char *name, const char *buf, size_t len, const ent_scenario *s,
                            ent_diags *d);
void ent_cal_spec_free(ent_cal_spec *sp);
/* Whether FILE (YAML) has a top-level `calibrate:` section (`validate`). */
int ent_cal_has_section(const char *path);

/* ---- the core ---------------------------------------------------------------- */

/* Evaluate n parameter sets (theta: n x k) on evaluation streams stream[n]
** and write the targets' simulated values (out: n x m), each the mean of the
** evaluation's replicates. Must be a pure function of (theta, stream): the
** same for any thread count. 0, or -1 on failure (no memory). */
typedef int (*ent_cal_eval_fn)(void *ctx, size_t n, const double *theta, const uint64_t *stream,
                               double *out);

typedef struct {
    size_t k, m;                    /* parameters, targets */
    const char *const *param_names; /* k */
    const ent_dist *priors;         /* k */
    const double *lo, *hi;          /* k: the parameters' ranges (draws are kept inside) */
    const char *const *target_names;/* m */
    const double *observed, *se;    /* m */
    uint64_t replicates;            /* runs per evaluation */
    ent_cal_eval_fn eval;
    void *eval_ctx;
    /* abc, smc: the se of each target is the error of the observation, which
    ** the model does not simulate: each simulated value gets a Normal error
    ** of sd se (on the evaluation's own stream) before the distance is taken
    ** (noisy ABC, Wilkinson 2013), so that a small tolerance gives the
    ** posterior of observed = simulated + error. false: eval simulates the
    ** observation itself (as a model of the data with its noise does). */
    bool observation_error;
    /* optional: why eval failed, when it was not for want of memory (a
    ** process of an MPI job could not play); NULL or "" otherwise */
    const char *(*eval_why)(void *ctx);
} ent_cal_problem;

typedef struct {
    ent_cal_method method;
    ent_design_kind design;         /* abc: ENT_DESIGN_SOBOL or ENT_DESIGN_LHS */
    uint64_t budget;                /* runs at most */
    uint64_t seed;
    double accept, tolerance;       /* abc */
    uint64_t particles;             /* smc: population size */
    double quantile;                /* smc: next tolerance = this quantile of the distances (0: 0.5) */
    const char *out_dir;            /* NULL: write nothing, the summaries in the result only */
    bool resume;
    const volatile sig_atomic_t *stop;  /* non-zero: stop at the next chunk or generation */
    void (*progress)(void *ctx, const ent_sweep_progress *p);
    void *progress_ctx;
    uint64_t chunk;                 /* evaluations per chunk (0: automatic); also when to check stop */
    uint64_t stop_after;            /* tests: stop once this many runs are done (0: never) */
    /* lines added to manifest.json (each "  \"key\": value,\n"), may be NULL */
    void (*manifest_extra)(void *ctx, FILE *f);
    void *manifest_ctx;
    const char *settings;           /* what else a resume must match (scenario digests), may be NULL */
} ent_cal_options;

typedef struct {
    uint64_t runs, evaluations, accepted;
    unsigned generations;           /* smc */
    double tolerance;               /* the final tolerance (abc, smc) */
    double objective;               /* msm: the distance squared at the estimate */
    bool interrupted, resumed, converged;
    /* per parameter (k each, owned; freed by ent_cal_result_free) */
    double *mean, *median, *sd, *q05, *q95, *prior_mean, *prior_sd, *estimate, *se;
} ent_cal_result;

/* Run the calibration and write out_dir/posterior.csv, calibration.csv,
** fit.csv and manifest.json (staged in out_dir.partial, which replaces
** out_dir when complete; out_dir is locked meanwhile). Each method resumes
** (options.resume) with identical files: abc at a chunk, smc at a
** generation, msm at a Nelder-Mead iteration (replaying its journal).
** Returns ENT_OK, ENT_EINTR (stopped; resumable), ENT_ERESUME, ENT_ELOCKED,
** ENT_EIO, ENT_ENOMEM or ENT_EINVAL (message in err). */
int ent_calibrate_core(const ent_cal_problem *pb, const ent_cal_options *o, ent_cal_result *res,
                       char *err, size_t cap);
void ent_cal_result_free(ent_cal_result *r);

/* The density of a prior at x (0 outside its support). */
double ent_cal_prior_pdf(const ent_dist *d, double x);

/* ---- on a scenario --------------------------------------------------------------- */

/* Calibrate scenario s with spec sp (method, budget, replicates and seed from
** sp; options' method is ignored), its runs on `threads` threads (0: all). */
int ent_calibrate_run(const ent_scenario *s, const ent_cal_spec *sp, unsigned threads,
                      const ent_cal_options *o, ent_cal_result *res, char *err, size_t cap);

ENT_END_DECLS

#endif
