/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_calibrate.c: calibration. The ABC core on a conjugate Normal model
** agrees with the closed-form posterior; ABC-SMC does too; msm finds the
** optimum of a smooth simulated objective with the standard errors of the
** formula; the 90% intervals of a small scenario cover the truth in 80-98%
** of 50 synthetic data sets; the files are the same for any thread count and
** after an interrupted run is resumed; bad sections are refused at LINE:COL.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <gsl/gsl_randist.h>
#include "ent_test.h"
#include "entente/calibrate.h"
#include "entente/rng.h"
#include "entente/run.h"

static char tmpdir[256];

static void make_tmp(void)
{
    if (!tmpdir[0]) {
        const char *t = getenv("TMPDIR");
        snprintf(tmpdir, sizeof tmpdir, "%s/ent_calXXXXXX", t && *t && strlen(t) < 200 ? t : "/tmp");
        assert_non_null(mkdtemp(tmpdir));
    }
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return b;
}

/* The four files of two result folders are byte for byte the same. */
static void assert_same_files(const char *a, const char *b)
{
    const char *names[] = { "posterior.csv", "calibration.csv", "fit.csv", "manifest.json" };
    for (int i = 0; i < 4; i++) {
        char pa[512], pb[512];
        snprintf(pa, sizeof pa, "%s/%s", a, names[i]);
        snprintf(pb, sizeof pb, "%s/%s", b, names[i]);
        size_t la, lb;
        char *x = slurp(pa, &la), *y = slurp(pb, &lb);
        assert_non_null(x);
        assert_non_null(y);
        if (la != lb || memcmp(x, y, la))
            fail_msg("%s and %s differ", pa, pb);
        free(x);
        free(y);
    }
}

/* ---- the core on closed-form models ---------------------------------------------- */

/* y = theta + 0.5 z: the mean of 4 observations of sd 1, z from the stream */
static int normal_model(void *ctx, size_t n, const double *theta, const uint64_t *stream, double *out)
{
    (void)ctx;
    gsl_rng *r = ent_rng_alloc();
    if (!r)
        return -1;
    for (size_t i = 0; i < n; i++) {
        ent_rng_stream(r, 7, stream[i], 0);
        out[i] = theta[i] + 0.5 * gsl_ran_ugaussian(r);
    }
    gsl_rng_free(r);
    return 0;
}

/* prior N(0, 1), one observation 0.8 with sd 0.5: the posterior is
** N(0.8 x 4/5, 1/5) = N(0.64, 0.2) */
static void conjugate(ent_cal_method method, uint64_t budget, double tol_mean, double tol_var)
{
    make_tmp();
    ent_dist prior = { .kind = ENT_DIST_NORMAL, .a = 0.0, .b = 1.0 };
    const char *pn[] = { "mu" }, *tn[] = { "ybar" };
    const double obs = 0.8, se = 0.5;
    ent_cal_problem pb = { 1, 1, pn, &prior, NULL, NULL, tn, &obs, &se, 1, normal_model, NULL, false, NULL };
    char dir[300];
    snprintf(dir, sizeof dir, "%s/conj_%d", tmpdir, (int)method);
    ent_cal_options o = { .method = method, .design = ENT_DESIGN_SOBOL, .budget = budget, .seed = 3,
                          .accept = 0.01, .particles = 1000, .out_dir = dir };
    ent_cal_result res;
    char err[512] = "";
    int rc = ent_calibrate_core(&pb, &o, &res, err, sizeof err);
    if (rc)
        fail_msg("%s", err);
    /* Monte Carlo error of the mean with ~1000 draws: sqrt(0.2/1000) = 0.014 */
    print_message("%s: posterior mean %.4f (exact 0.64), variance %.4f (exact 0.2), %llu runs\n",
                  ent_cal_method_names[method], res.mean[0], res.sd[0] * res.sd[0], (unsigned long long)res.runs);
    assert_double_equal(res.mean[0], 0.64, tol_mean);
    assert_double_equal(res.sd[0] * res.sd[0], 0.2, tol_var);
    assert_double_equal(res.prior_sd[0], 1.0, 1e-3);
    ent_cal_result_free(&res);
}

static void test_conjugate_abc(void **state)
{
    (void)state;
    /* 100000 draws, 1000 accepted: 4 Monte Carlo errors on the mean, 15% on the variance */
    conjugate(ENT_CAL_ABC, 100000, 0.056, 0.03);
}

static void test_conjugate_smc(void **state)
{
    (void)state;
    conjugate(ENT_CAL_SMC, 30000, 0.06, 0.04);
}

/* three moments linear in two parameters, with a fixed noise per stream:
** common random numbers make the objective a smooth quadratic */
static int linear_model(void *ctx, size_t n, const double *theta, const uint64_t *stream, double *out)
{
    (void)ctx;
    gsl_rng *r = ent_rng_alloc();
    if (!r)
        return -1;
    for (size_t i = 0; i < n; i++) {
        ent_rng_stream(r, 9, stream[i], 0);
        const double *t = theta + 2 * i;
        out[3 * i + 0] = t[0] + 0.01 * gsl_ran_ugaussian(r);
        out[3 * i + 1] = t[1] + 0.01 * gsl_ran_ugaussian(r);
        out[3 * i + 2] = t[0] + t[1] + 0.01 * gsl_ran_ugaussian(r);
    }
    gsl_rng_free(r);
    return 0;
}

static void test_msm_optimum(void **state)
{
    (void)state;
    make_tmp();
    ent_dist pri[2] = { { .kind = ENT_DIST_UNIFORM, .a = 0, .b = 1 }, { .kind = ENT_DIST_UNIFORM, .a = 0, .b = 1 } };
    const char *pn[] = { "a", "b" }, *tn[] = { "m1", "m2", "m3" };
    const double obs[3] = { 0.3, 0.6, 0.9 }, se[3] = { 0.1, 0.1, 0.1 };
    const double lo[2] = { 0, 0 }, hi[2] = { 1, 1 };
    ent_cal_problem pb = { 2, 3, pn, pri, lo, hi, tn, obs, se, 1, linear_model, NULL, false, NULL };
    char dir[300];
    snprintf(dir, sizeof dir, "%s/msm", tmpdir);
    ent_cal_options o = { .method = ENT_CAL_MSM, .budget = 2000, .seed = 1, .out_dir = dir };
    ent_cal_result res;
    char err[512] = "";
    int rc = ent_calibrate_core(&pb, &o, &res, err, sizeof err);
    if (rc)
        fail_msg("%s", err);
    assert_true(res.converged);
    /* the optimum of the noisy quadratic is within the noise (0.01) of (0.3, 0.6) */
    assert_double_equal(res.estimate[0], 0.3, 0.03);
    assert_double_equal(res.estimate[1], 0.6, 0.03);
    /* J = [1 0; 0 1; 1 1], W = 100 I: (J'WJ)^-1 = [2 -1; -1 2]/300; R = 1: x 2 */
    assert_double_equal(res.se[0], sqrt(2.0 * 2.0 / 300.0), 1e-4);
    assert_double_equal(res.se[1], sqrt(2.0 * 2.0 / 300.0), 1e-4);
    ent_cal_result_free(&res);
}

/* ---- on scenarios ---------------------------------------------------------------- */

static const char small_yaml[] =
    "name: cal_small\n"
    "rounds: 3\n"
    "seed: 5\n"
    "stages:\n"
    "  - stage: burden_sharing\n"
    "    demand: 0.02\n"
    "patron: {code: USA, gdp: 29000, defence_share: 0.034}\n"
    "allies:\n"
    "  - {code: DEU, gdp: 4700, defence_share: 0.015, threat: 0.4}\n";

static const char small_cal[] =
    "calibrate:\n"
    "  method: abc\n"
    "  budget: 4000\n"
    "  accept: 0.02\n"
    "  parameters:\n"
    "    allies.DEU.threat: {distribution: uniform, min: 0.4, max: 0.9}\n"
    "  targets:\n"
    "    final_share.DEU: {observed: 0.05, se: 0.01}\n";

static ent_cal_spec *parse(const char *text, const ent_scenario *s)
{
    ent_diags d;
    ent_diags_init(&d, "c.yaml");
    ent_cal_spec *sp = ent_cal_parse("c.yaml", text, strlen(text), s, &d);
    if (!sp)
        ent_diags_print(&d, stderr);
    return sp;
}

/* final_share.DEU of the small scenario at threat x (deterministic) */
static double small_sim(const ent_scenario *s, const ent_cal_spec *sp, double x)
{
    ent_scenario *c = ent_scenario_clone(s);
    const ent_param_desc *d;
    double *slot = ent_i_scenario_param(c, "allies.DEU.threat", &d);
    *slot = x;
    ent_run *run = ent_run_alloc(c, 0);
    ent_run_exec(run, s->seed, 0, 0);
    (void)sp;   /* its one target: final_share.DEU */
    double v = ent_run_agent_outcome(run, (size_t)ent_scenario_agent_index(c, "DEU"), "burden_sharing",
                                     "final_share");
    ent_run_free(run);
    ent_scenario_free(c);
    return v;
}

/* Coverage: 50 data sets, each simulated at a truth drawn from the prior
** plus Normal noise of the target's se, each calibrated by abc (4000 points,
** 2% accepted). If the 90% intervals are right, the number covering the
** truth is Binomial(50, 0.9), and the test (40 to 49 of 50, 80-98%) fails
** by chance with probability 0.0094 + 0.0052 = 1.5%; the seed is fixed, so
** the outcome is the same on every machine. */
static void test_coverage(void **state)
{
    (void)state;
    make_tmp();
    ent_scenario *s = ent_test_load(small_yaml);
    assert_non_null(s);
    ent_cal_spec *sp = parse(small_cal, s);
    assert_non_null(sp);
    gsl_rng *r = ent_rng_alloc();
    int covered = 0, sets = 50;
    double width = 0;
    for (int i = 0; i < sets; i++) {
        ent_rng_stream(r, 2024, (uint64_t)i, 0);
        double truth = 0.4 + 0.5 * gsl_rng_uniform(r);
        sp->targets[0].observed = small_sim(s, sp, truth) + sp->targets[0].se * gsl_ran_ugaussian(r);
        sp->seed = (uint64_t)i;
        sp->has_seed = true;
        ent_cal_options o = { .out_dir = NULL };     /* no files: the summaries only */
        ent_cal_result res;
        char err[512] = "";
        int rc = ent_calibrate_run(s, sp, 0, &o, &res, err, sizeof err);
        if (rc)
            fail_msg("%s", err);
        covered += res.q05[0] <= truth && truth <= res.q95[0];
        width += res.q95[0] - res.q05[0];
        ent_cal_result_free(&res);
    }
    print_message("coverage of the 90%% intervals: %d of %d (%.0f%%), mean width %.3f of a prior width 0.5\n",
                  covered, sets, 100.0 * covered / sets, width / sets);
    assert_in_range(covered, 40, 49);
    gsl_rng_free(r);
    ent_cal_spec_free(sp);
    ent_scenario_free(s);
}

static const char korea_cal[] =
    "calibrate:\n"
    "  replicates: 3\n"
    "  particles: 40\n"
    "  parameters:\n"
    "    allies.KOR.support: {distribution: uniform, min: 0.85, max: 1.0}\n"
    "    allies.KOR.backlash: {distribution: uniform, min: 0, max: 0.1}\n"
    "  targets:\n"
    "    final_support.KOR: {observed: 0.96, se: 0.02}\n"
    "    deals.KOR: {observed: 1, se: 0.5}\n";

static ent_scenario *korea(void)
{
    ent_diags d;
    ent_diags_init(&d, "scenarios/korea_sma.yaml");
    ent_scenario *s = ent_scenario_load("scenarios/korea_sma.yaml", &d);
    if (!s)
        ent_diags_print(&d, stderr);
    return s;
}

static int run_into(const ent_scenario *s, const ent_cal_spec *sp, unsigned threads, const char *dir,
                    uint64_t stop_after, int resume)
{
    ent_cal_options o = { .out_dir = dir, .stop_after = stop_after, .resume = resume, .chunk = 32 };
    ent_cal_result res;
    char err[512] = "";
    int rc = ent_calibrate_run(s, sp, threads, &o, &res, err, sizeof err);
    if (rc && rc != ENT_EINTR && rc != ENT_ERESUME)
        print_error("%s\n", err);
    ent_cal_result_free(&res);
    return rc;
}

static void test_threads_identical(void **state)
{
    (void)state;
    make_tmp();
    ent_scenario *s = korea();
    assert_non_null(s);
    ent_cal_spec *sp = parse(korea_cal, s);
    assert_non_null(sp);
    const uint64_t budgets[3] = { 600, 1200, 600 };
    for (int m = 0; m < 3; m++) {
        sp->method = (ent_cal_method)m;
        sp->budget = budgets[m];
        char a[300], b[300];
        snprintf(a, sizeof a, "%s/thr1_%d", tmpdir, m);
        snprintf(b, sizeof b, "%s/thr3_%d", tmpdir, m);
        assert_int_equal(run_into(s, sp, 1, a, 0, 0), ENT_OK);
        assert_int_equal(run_into(s, sp, 3, b, 0, 0), ENT_OK);
        assert_same_files(a, b);
    }
    ent_cal_spec_free(sp);
    ent_scenario_free(s);
}

/* abc stops after a chunk, smc after a generation, msm after a Nelder-Mead
** iteration: resumed, the files are those of the run that was never stopped */
static void test_resume_identical(void **state)
{
    (void)state;
    make_tmp();
    ent_scenario *s = korea();
    assert_non_null(s);
    ent_cal_spec *sp = parse(korea_cal, s);
    assert_non_null(sp);
    for (int m = 0; m < 3; m++) {
        sp->method = (ent_cal_method)m;
        sp->budget = m == 1 ? 1500 : 600;
        char a[300], b[300];
        snprintf(a, sizeof a, "%s/whole_%d", tmpdir, m);
        snprintf(b, sizeof b, "%s/resumed_%d", tmpdir, m);
        assert_int_equal(run_into(s, sp, 2, a, 0, 0), ENT_OK);
        assert_int_equal(run_into(s, sp, 2, b, 200, 0), ENT_EINTR);
        assert_int_equal(run_into(s, sp, 2, b, 500, 1), ENT_EINTR);     /* a second interruption */
        assert_int_equal(run_into(s, sp, 1, b, 0, 1), ENT_OK);
        assert_same_files(a, b);
        /* nothing left to resume */
        assert_int_equal(run_into(s, sp, 1, b, 0, 1), ENT_ERESUME);
    }
    ent_cal_spec_free(sp);
    ent_scenario_free(s);
}

/* msm resumes from its journal of evaluations: one whose first parameter
** set is not the one Nelder-Mead asks for again is another calibration's,
** and is refused rather than mixed in */
static void test_msm_foreign_journal(void **state)
{
    (void)state;
    make_tmp();
    ent_scenario *s = korea();
    assert_non_null(s);
    ent_cal_spec *sp = parse(korea_cal, s);
    assert_non_null(sp);
    sp->method = ENT_CAL_MSM;
    sp->budget = 600;
    char dir[300], work[400], path[500];
    snprintf(dir, sizeof dir, "%s/foreign", tmpdir);
    assert_int_equal(run_into(s, sp, 2, dir, 200, 0), ENT_EINTR);
    ent_sweep_partial_dir(dir, work, sizeof work);
    snprintf(path, sizeof path, "%s/calibrate.evals", work);
    FILE *f = fopen(path, "r+");
    assert_non_null(f);
    char first[64];
    assert_int_equal(fscanf(f, "%63s", first), 1);
    /* the same width, another number: 0x1.8p-1 written over the start */
    assert_true(strlen(first) >= 8);
    rewind(f);
    fputs("0x1.8p-1", f);
    for (size_t i = 8; i < strlen(first); i++)
        fputc(' ', f);
    fclose(f);
    assert_int_equal(run_into(s, sp, 2, dir, 0, 1), ENT_ERESUME);
    ent_cal_spec_free(sp);
    ent_scenario_free(s);
}

/* a bad section: the error at `line:col` contains `want` */
static void refused(const ent_scenario *s, const char *text, const char *at, const char *want)
{
    ent_diags d;
    ent_diags_init(&d, "c.yaml");
    ent_cal_spec *sp = ent_cal_parse("c.yaml", text, strlen(text), s, &d);
    assert_null(sp);
    char buf[8192];
    FILE *f = fmemopen(buf, sizeof buf, "w");
    ent_diags_print(&d, f);
    fclose(f);
    if (!strstr(buf, at) || !strstr(buf, want))
        fail_msg("expected '%s' ... '%s' in:\n%s", at, want, buf);
}

static void test_bad_sections(void **state)
{
    (void)state;
    ent_scenario *s = ent_test_load(small_yaml);
    assert_non_null(s);
    refused(s, "calibrate:\n  parameters:\n    allies.DEU.threat: {distribution: uniform, min: 0.4, max: 0.9}\n"
               "  targets:\n    final_shar.DEU: {observed: 0.05, se: 0.01}\n",
            "c.yaml:5:5", "did you mean 'final_share.DEU'");
    refused(s, "calibrate:\n  parameters:\n    allies.DEU.threat: {distribution: uniform, min: 0.4, max: 1.5}\n"
               "  targets:\n    final_share.DEU: {observed: 0.05, se: 0.01}\n",
            "c.yaml:3:24", "outside the parameter's range");
    refused(s, "calibrate:\n  parameters:\n    allies.DEU.threat: {distribution: uniform, min: 0.4, max: 0.9}\n"
               "  targets:\n    final_share.DEU: {observed: 0.05, se: 0}\n",
            "c.yaml:5:43", "'se' of 'final_share.DEU' must be positive");
    refused(s, "calibrate:\n  parameters:\n    allies.DEU.threet: {distribution: uniform, min: 0.4, max: 0.9}\n"
               "  targets:\n    final_share.DEU: {observed: 0.05, se: 0.01}\n",
            "c.yaml:3:5", "did you mean 'allies.DEU.threat'");
    refused(s, "calibrate:\n  method: abd\n  parameters:\n    allies.DEU.threat: {distribution: uniform, min: 0.4, max: 0.9}\n"
               "  targets:\n    final_share.DEU: {observed: 0.05, se: 0.01, round: 2}\n",
            "c.yaml:2:11", "did you mean 'abc'");
    ent_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_conjugate_abc),
        cmocka_unit_test(test_conjugate_smc),
        cmocka_unit_test(test_msm_optimum),
        cmocka_unit_test(test_coverage),
        cmocka_unit_test(test_threads_identical),
        cmocka_unit_test(test_resume_identical),
        cmocka_unit_test(test_msm_foreign_journal),
        cmocka_unit_test(test_bad_sections),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    if (tmpdir[0]) {
        char cmd[300];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
        if (system(cmd) != 0)
            fprintf(stderr, "cannot remove %s\n", tmpdir);
    }
    return rc;
}
