/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_sweep.c: the sweep section's reader (errors with their positions),
** the per-point statistics (hand-computed values, interval coverage), and
** the runner: identical files for 1, 2 and 4 threads, and an interrupted
** sweep that resumes to the same files.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <dirent.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "ent_test.h"
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include "entente/rng.h"
#include "entente/run.h"
#include "entente/sweep.h"
#include "scenario/scenario_int.h"
#include "sweep/sweep_int.h"

#define FIXTURE "tests/fixtures/sweep_small.yaml"

#define assert_near(a, b, eps) do { \
        double a_ = (a), b_ = (b); \
        if (!(fabs(a_ - b_) <= (eps))) \
            fail_msg("%s = %.17g, expected %.17g (within %g)", #a, a_, b_, (double)(eps)); \
    } while (0)

static ent_scenario *fixture(void)
{
    return ent_test_load_file(FIXTURE);
}

/* Parse `text` as a sweep file; expect an error at (line, col) whose message
** contains `words`. */
static void expect_error(const ent_scenario *s, const char *text, unsigned line, unsigned col,
                         const char *words)
{
    ent_diags d;
    ent_diags_init(&d, "t.yaml");
    ent_sweep_spec *sp = ent_sweep_parse("t.yaml", text, strlen(text), s, &d);
    if (sp && ent_sweep_check(sp, &d) == 0) {
        ent_sweep_spec_free(sp);
        fail_msg("no error for:\n%s", text);
    }
    ent_sweep_spec_free(sp);
    for (size_t i = 0; i < d.n; i++)
        if (d.items[i].line == line && d.items[i].col == col && strstr(d.items[i].msg, words))
            return;
    ent_diags_print(&d, stderr);
    fail_msg("expected an error at %u:%u containing '%s'", line, col, words);
}

static void test_bad_sections(void **state)
{
    (void)state;
    ent_scenario *s = fixture();
    expect_error(s, "sweep:\n  parameters:\n    allies.DEU.treat: [0.1]\n", 3, 5,
                 "did you mean 'allies.DEU.threat'");
    expect_error(s, "sweep:\n  parameters:\n    allies.XYZ.threat: [0.1]\n", 3, 5, "unknown parameter");
    expect_error(s, "sweep:\n  parameters:\n    stages.burden_sharing.demand: {from: 0.05, to: 0.02, step: 0.01}\n",
                 3, 35, "empty range");
    expect_error(s, "sweep:\n  parameters:\n    stages.burden_sharing.demand: {from: 0.01, to: 0.02, step: 0}\n",
                 3, 64, "'step' must be positive");
    expect_error(s, "sweep:\n  parameters:\n    stages.burden_sharing.demand: []\n", 3, 35, "empty");
    expect_error(s, "sweep:\n  replicates: -3\n", 2, 15, "'replicates' must be at least 1");
    expect_error(s, "sweep:\n  replicates: 0\n", 2, 15, "'replicates' must be between 1");
    expect_error(s, "sweep:\n  design: random\n  points: 5\n  parameters:\n"
                    "    allies.DEU.threat: {distribution: gaussian, mean: 0.5, sd: 0.1}\n",
                 5, 39, "unknown distribution 'gaussian'");
    expect_error(s, "sweep:\n  design: random\n  points: 5\n  parameters:\n"
                    "    allies.DEU.threat: {distribution: unifrom, min: 0, max: 1}\n",
                 5, 39, "did you mean 'uniform'");
    expect_error(s, "sweep:\n  design: random\n  points: 5\n  parameters:\n"
                    "    allies.DEU.threat: {distribution: uniform, min: 0.5, max: 1.5}\n",
                 5, 24, "outside the parameter's range");
    expect_error(s, "sweep:\n  parameters:\n    allies.DEU.threat: [0.2, 1.4]\n", 3, 30,
                 "'threat' must be between 0 and 1");
    expect_error(s, "sweep:\n  design: grid\n  parameters:\n"
                    "    allies.DEU.threat: {distribution: uniform, min: 0, max: 1}\n",
                 4, 5, "grid design needs a list");
    expect_error(s, "sweep:\n  design: lhs\n  parameters:\n"
                    "    allies.DEU.threat: {distribution: uniform, min: 0, max: 1}\n",
                 2, 3, "needs 'points'");
    expect_error(s, "sweep:\n  design: latin\n", 2, 11, "unknown design");
    expect_error(s, "sweep:\n  desing: lhs\n", 2, 3, "did you mean 'design'");
    expect_error(s, "sweep:\n  design: random\n  points: 3\n  parameters:\n"
                    "    allies.DEU.threat: {distribution: normal, mean: 0.5}\n",
                 5, 24, "needs 'sd'");
    expect_error(s, "sweep:\n  design: random\n  points: 3\n  parameters:\n"
                    "    allies.DEU.threat: {distribution: triangular, min: 0.1, mode: 0.9, max: 0.5}\n",
                 5, 24, "'mode' must lie between 'min' and 'max'");
    expect_error(s, "sweep:\n  design: saltelli\n  points: 8\n", 2, 3, "takes 1 to 20 parameters");
    ent_scenario_free(s);
}

static void test_good_section(void **state)
{
    (void)state;
    ent_scenario *s = fixture();
    const char *text =
        "sweep:\n  replicates: 4\n  seed: 99\n  parameters:\n"
        "    stages.burden_sharing.demand: {from: 0.02, to: 0.035, step: 0.005}\n"
        "    allies.DEU.threat: [0.2, 0.8]\n"
        "    allies.ITA.gdp: 2300\n";
    ent_diags d;
    ent_diags_init(&d, "t.yaml");
    ent_sweep_spec *sp = ent_sweep_parse("t.yaml", text, strlen(text), s, &d);
    assert_non_null(sp);
    assert_int_equal(ent_sweep_check(sp, &d), 0);
    assert_int_equal(sp->design, ENT_DESIGN_GRID);        /* all value lists */
    assert_int_equal(sp->replicates, 4);
    assert_true(sp->has_seed && sp->seed == 99);
    assert_int_equal(sp->n_params, 3);
    const ent_dist *dm = &sp->params[0].dist;
    assert_int_equal(dm->n_values, 4);
    /* decimal values exactly as typed, not 0.034999999999999996 */
    const double want[4] = { 0.02, 0.025, 0.03, 0.035 };
    for (int i = 0; i < 4; i++)
        assert_true(dm->values[i] == want[i]);
    assert_int_equal(ent_sweep_points(sp), 8);
    ent_sweep_spec_free(sp);
    ent_scenario_free(s);
}

/* ---- statistics -------------------------------------------------------------- */

static void test_summary_hand(void **state)
{
    (void)state;
    ent_summ *sm = ent_i_summ_alloc(2, 21);
    assert_non_null(sm);
    ent_i_summ_reset(sm);
    for (int i = 1; i <= 21; i++) {
        /* outcome 0: 1..20 and one undefined value; outcome 1: constant */
        double o[2] = { i <= 20 ? (double)i : NAN, 3.5 };
        ent_i_summ_add(sm, o);
    }
    double st[8];
    ent_i_summ_stats(sm, 0, st);
    assert_near(st[0], 20, 0);
    assert_near(st[1], 10.5, 1e-12);
    assert_near(st[2], sqrt(35.0), 1e-12);               /* sum (i - 10.5)^2 / 19 = 35 */
    /* t(0.975, 19) = 2.093024 (published tables) */
    double h = 2.093024 * sqrt(35.0) / sqrt(20.0);
    assert_near(st[3], 10.5 - h, 1e-5);
    assert_near(st[4], 10.5 + h, 1e-5);
    assert_near(st[5], 10.5, 1e-12);
    assert_near(st[6], 1 + 0.05 * 19, 1e-12);             /* linear interpolation (R type 7) */
    assert_near(st[7], 1 + 0.95 * 19, 1e-12);
    ent_i_summ_stats(sm, 1, st);
    assert_near(st[0], 21, 0);
    assert_near(st[2], 0, 0);
    assert_near(st[3], 3.5, 0);
    ent_i_summ_free(sm);
}

/* The 95% interval covers a known mean in about 95% of samples. */
static void test_summary_coverage(void **state)
{
    (void)state;
    enum { TRIALS = 4000, N = 12 };
    ent_summ *sm = ent_i_summ_alloc(1, N);
    gsl_rng *r = ent_rng_alloc();
    int cover = 0;
    for (int t = 0; t < TRIALS; t++) {
        ent_rng_stream(r, 77, (uint64_t)t, 0);
        ent_i_summ_reset(sm);
        for (int i = 0; i < N; i++) {
            double x = 5.0 + gsl_ran_gaussian(r, 2.0);
            ent_i_summ_add(sm, &x);
        }
        double st[8];
        ent_i_summ_stats(sm, 0, st);
        cover += st[3] <= 5.0 && 5.0 <= st[4];
    }
    /* binomial sd sqrt(.95 .05 / 4000) = 0.0034: allow 4 sd */
    assert_near((double)cover / TRIALS, 0.95, 0.014);
    gsl_rng_free(r);
    ent_i_summ_free(sm);
}

/* Beyond the memory budget: sketch estimates, close to exact. */
static void test_summary_estimated(void **state)
{
    (void)state;
    enum { N = 50000 };
    ent_summ *sm = ent_i_summ_alloc_budget(1, N, 1 << 15);
    assert_false(ent_i_summ_exact(sm));
    gsl_rng *r = ent_rng_alloc();
    ent_rng_stream(r, 3, 0, 0);
    ent_i_summ_reset(sm);
    for (int i = 0; i < N; i++) {
        double x = gsl_rng_uniform(r);
        ent_i_summ_add(sm, &x);
    }
    double st[8];
    ent_i_summ_stats(sm, 0, st);
    assert_near(st[1], 0.5, 0.01);
    assert_near(st[2], sqrt(1.0 / 12), 0.01);
    assert_near(st[5], 0.5, 0.01);
    assert_near(st[6], 0.05, 0.01);
    assert_near(st[7], 0.95, 0.01);
    gsl_rng_free(r);
    ent_i_summ_free(sm);
}

/* ---- the runner ------------------------------------------------------------ */

static ent_sweep_spec *random_spec(const ent_scenario *s)
{
    /* random draws per run (random_end) and per point (a distribution) */
    const char *text =
        "sweep:\n  design: lhs\n  points: 23\n  replicates: 7\n  parameters:\n"
        "    stages.burden_sharing.demand: {distribution: uniform, min: 0.015, max: 0.04}\n"
        "    allies.DEU.threat: {distribution: truncated_normal, mean: 0.5, sd: 0.5, min: 0, max: 1}\n";
    return ent_test_sweep_spec(s, text);
}

static void run_into(const ent_scenario *s, const ent_sweep_spec *sp, const char *dir,
                     unsigned threads, uint64_t block, int resume, const volatile sig_atomic_t *stop,
                     int want, ent_sweep_result *res)
{
    ent_sweep_options o = { .threads = threads, .out_dir = dir, .resume = resume, .stop = stop,
                            .block_runs = block };
    char err[512] = "";
    int rc = ent_sweep_run(s, sp, &o, res, err, sizeof err);
    if (rc != want)
        fail_msg("sweep into %s returned %d (want %d): %s", dir, rc, want, err);
}

static void test_threads_identical(void **state)
{
    (void)state;
    ent_scenario *s = fixture();
    s->random_end = true;
    s->discount = 0.85;
    ent_sweep_spec *sp = random_spec(s);
    char base[] = "/tmp/entente-test-sweep-XXXXXX";
    assert_non_null(mkdtemp(base));
    char d1[600], d2[600], d4[600];
    snprintf(d1, sizeof d1, "%s/t1", base);
    snprintf(d2, sizeof d2, "%s/t2", base);
    snprintf(d4, sizeof d4, "%s/t4", base);
    ent_sweep_result r1, r2, r4;
    run_into(s, sp, d1, 1, 0, 0, NULL, ENT_SWEEP_OK, &r1);
    run_into(s, sp, d2, 2, 5, 0, NULL, ENT_SWEEP_OK, &r2);     /* small blocks: many boundaries */
    run_into(s, sp, d4, 4, 13, 0, NULL, ENT_SWEEP_OK, &r4);
    assert_int_equal(r1.runs_total, 23 * 7);
    assert_int_equal(r1.runs_done, 23 * 7);
    assert_int_equal(r1.clamped, 0);             /* every draw lies in the range */
    assert_int_equal(r4.clamped, 0);
    assert_int_equal(r1.agent_rounds, r2.agent_rounds);
    ent_test_assert_same_file(d1, d2, "runs.csv");
    ent_test_assert_same_file(d1, d4, "runs.csv");
    ent_test_assert_same_file(d1, d2, "summary.csv");
    ent_test_assert_same_file(d1, d4, "summary.csv");
    /* the runs really are random: the replicates of a point differ */
    size_t len;
    char *sum = ent_test_slurp(d1, "summary.csv", &len);
    char *row = strstr(sum, ",rounds_played,");
    assert_non_null(row);
    double n, mean, sd;
    assert_int_equal(sscanf(row, ",rounds_played,%lf,%lf,%lf", &n, &mean, &sd), 3);
    assert_near(n, 7, 0);
    assert_true(sd > 0);
    free(sum);
    ent_sweep_spec_free(sp);
    ent_scenario_free(s);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
    assert_int_equal(system(cmd), 0);
}

static void test_stop_and_resume(void **state)
{
    (void)state;
    ent_scenario *s = fixture();
    s->random_end = true;
    s->discount = 0.85;
    ent_sweep_spec *sp = random_spec(s);
    char base[] = "/tmp/entente-test-sweep-XXXXXX";
    assert_non_null(mkdtemp(base));
    char whole[600], part[600];
    snprintf(whole, sizeof whole, "%s/whole", base);
    snprintf(part, sizeof part, "%s/part", base);
    ent_sweep_result r;
    run_into(s, sp, whole, 2, 0, 0, NULL, ENT_SWEEP_OK, &r);
    /* stopped at once: one block of 10 runs is done and kept */
    volatile sig_atomic_t stop = 1;
    run_into(s, sp, part, 2, 10, 0, &stop, ENT_SWEEP_EINTR, &r);
    assert_true(r.interrupted);
    assert_int_equal(r.runs_done, 10);
    size_t len;
    char work[700];
    ent_sweep_partial_dir(part, work, sizeof work);
    assert_string_equal(work + strlen(part), ".partial");
    char *cp = ent_test_slurp(work, "sweep.checkpoint", &len);
    assert_non_null(cp);
    free(cp);
    assert_null(ent_test_slurp(part, "runs.csv", &len));              /* not final yet */
    /* resume in two more steps with other thread counts and block sizes */
    run_into(s, sp, part, 1, 17, 1, &stop, ENT_SWEEP_EINTR, &r);
    assert_int_equal(r.runs_at_start, 10);
    /* the point in progress (runs 7..13) is replayed from its first run:
    ** one block of 17 covers runs 7..23 */
    assert_int_equal(r.runs_done, 24);
    stop = 0;
    run_into(s, sp, part, 4, 0, 1, &stop, ENT_SWEEP_OK, &r);
    assert_true(r.resumed);
    ent_test_assert_same_file(whole, part, "runs.csv");
    ent_test_assert_same_file(whole, part, "summary.csv");
    assert_null(ent_test_slurp(part, "sweep.checkpoint", &len));
    assert_null(opendir(work));                               /* the work folder became part */
    /* nothing left to resume */
    run_into(s, sp, part, 1, 0, 1, NULL, ENT_SWEEP_ERESUME, &r);
    /* other settings refuse to resume */
    snprintf(part, sizeof part, "%s/other", base);
    stop = 1;
    run_into(s, sp, part, 1, 10, 0, &stop, ENT_SWEEP_EINTR, &r);
    sp->replicates = 8;
    run_into(s, sp, part, 1, 0, 1, NULL, ENT_SWEEP_ERESUME, &r);
    ent_sweep_spec_free(sp);
    ent_scenario_free(s);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
    assert_int_equal(system(cmd), 0);
}

/* runs.csv with run-level outcomes only, or none: summary.csv is unchanged,
** also across an interruption. */
static void test_runs_columns(void **state)
{
    (void)state;
    ent_scenario *s = fixture();
    s->random_end = true;
    ent_sweep_spec *sp = random_spec(s);
    char base[] = "/tmp/entente-test-sweep-XXXXXX";
    assert_non_null(mkdtemp(base));
    char all[600], run[600], none[600];
    snprintf(all, sizeof all, "%s/all", base);
    snprintf(run, sizeof run, "%s/run", base);
    snprintf(none, sizeof none, "%s/none", base);
    ent_sweep_result r;
    ent_sweep_options o = { .threads = 2, .out_dir = all };
    char err[256];
    assert_int_equal(ent_sweep_run(s, sp, &o, &r, err, sizeof err), ENT_SWEEP_OK);
    volatile sig_atomic_t stop = 1;
    o = (ent_sweep_options){ .threads = 2, .out_dir = run, .runs_columns = ENT_RUNS_RUN,
                             .stop = &stop, .block_runs = 12 };
    assert_int_equal(ent_sweep_run(s, sp, &o, &r, err, sizeof err), ENT_SWEEP_EINTR);
    o.resume = true;
    o.stop = NULL;
    assert_int_equal(ent_sweep_run(s, sp, &o, &r, err, sizeof err), ENT_SWEEP_OK);
    o = (ent_sweep_options){ .threads = 1, .out_dir = none, .runs_columns = ENT_RUNS_NONE };
    assert_int_equal(ent_sweep_run(s, sp, &o, &r, err, sizeof err), ENT_SWEEP_OK);
    ent_test_assert_same_file(all, run, "summary.csv");
    ent_test_assert_same_file(all, none, "summary.csv");
    size_t len;
    assert_null(ent_test_slurp(none, "runs.csv", &len));
    char *a = ent_test_slurp(all, "runs.csv", &len), *b = ent_test_slurp(run, "runs.csv", &len);
    /* the run-level rows are the first columns of the full rows */
    char *ea = a, *eb = b;
    int rows = 0;
    while (*eb) {
        size_t lb = strcspn(eb, "\n");
        assert_memory_equal(ea, eb, lb);
        assert_true(ea[lb] == ',');
        ea += strcspn(ea, "\n") + 1;
        eb += lb + 1;
        rows++;
    }
    assert_int_equal(rows, 1 + 23 * 7);
    free(a);
    free(b);
    ent_sweep_spec_free(sp);
    ent_scenario_free(s);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
    assert_int_equal(system(cmd), 0);
}

/* With random ending, rounds played has the known mean (1 - d^T) / (1 - d);
** the per-point intervals of the real engine cover it at about the nominal rate. */
static void test_known_mean(void **state)
{
    (void)state;
    ent_scenario *s = fixture();
    s->random_end = true;
    s->discount = 0.8;
    s->rounds = 30;
    const char *text = "sweep:\n  design: random\n  points: 300\n  replicates: 60\n";
    ent_diags d;
    ent_diags_init(&d, "t.yaml");
    ent_sweep_spec *sp = ent_sweep_parse("t.yaml", text, strlen(text), s, &d);
    assert_non_null(sp);
    char base[] = "/tmp/entente-test-sweep-XXXXXX";
    assert_non_null(mkdtemp(base));
    ent_sweep_result r;
    run_into(s, sp, base, 2, 0, 0, NULL, ENT_SWEEP_OK, &r);
    double mu = (1 - pow(0.8, 30)) / (1 - 0.8);
    size_t len;
    char *sum = ent_test_slurp(base, "summary.csv", &len);
    assert_non_null(sum);
    int points = 0, cover = 0;
    double grand = 0;
    for (char *line = strstr(sum, "\n"); line && line[1]; line = strchr(line + 1, '\n')) {
        unsigned p;
        double n, mean, sd, lo, hi;
        if (sscanf(line + 1, "%u,rounds_played,%lf,%lf,%lf,%lf,%lf", &p, &n, &mean, &sd, &lo, &hi) == 6) {
            assert_near(n, 60, 0);
            points++;
            cover += lo <= mu && mu <= hi;
            grand += mean;
        }
    }
    free(sum);
    assert_int_equal(points, 300);
    /* the overall mean of 18000 runs: sd of rounds played is about 4.5 */
    assert_near(grand / points, mu, 4 * 4.5 / sqrt(18000.0));
    /* skewed outcome, n = 60: coverage near 0.95 (binomial sd 0.0126) */
    assert_near((double)cover / points, 0.95, 0.05);
    ent_sweep_spec_free(sp);
    ent_scenario_free(s);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
    assert_int_equal(system(cmd), 0);
}

/* A design value that is not finite (a spec changed after its checks, as a
** program linking the library could) stops the sweep with an error; no run
** plays with NaN and no complete-looking result appears. */
static void test_nonfinite_design_value(void **state)
{
    (void)state;
    ent_scenario *s = fixture();
    ent_sweep_spec *sp = random_spec(s);
    for (size_t j = 0; j < sp->n_params; j++)
        if (!strcmp(sp->params[j].path, "allies.DEU.threat"))
            sp->params[j].dist.b = NAN;          /* the normal's sd */
    char base[] = "/tmp/entente-test-sweep-XXXXXX";
    assert_non_null(mkdtemp(base));
    char dir[600], manifest[700];
    snprintf(dir, sizeof dir, "%s/nan", base);
    snprintf(manifest, sizeof manifest, "%s/manifest.json", dir);
    ent_sweep_result r;
    ent_sweep_options o = { .threads = 2, .out_dir = dir, .block_runs = 11 };
    char err[512] = "";
    assert_int_equal(ent_sweep_run(s, sp, &o, &r, err, sizeof err), ENT_SWEEP_EDESIGN);
    assert_non_null(strstr(err, "allies.DEU.threat"));
    assert_int_equal(access(manifest, F_OK), -1);
    ent_sweep_spec_free(sp);
    ent_scenario_free(s);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
    assert_int_equal(system(cmd), 0);
}

/* --shard I/N: contiguous blocks covering every point once, sizes within one,
** also near 2^64 points (no overflow). */
static void test_shard_points(void **state)
{
    (void)state;
    static const uint64_t Ps[] = { 1, 2, 7, 10, 100, 1000003, UINT64_MAX - 3 };
    static const uint64_t Ns[] = { 1, 2, 3, 7, 64, 1000 };
    for (size_t a = 0; a < sizeof Ps / sizeof *Ps; a++)
        for (size_t b = 0; b < sizeof Ns / sizeof *Ns; b++) {
            uint64_t P = Ps[a], n = Ns[b], next = 0, lo = UINT64_MAX, hi = 0;
            if (n > P)
                continue;
            for (uint64_t i = 1; i <= n; i++) {
                uint64_t f, c;
                ent_sweep_shard_points(P, i, n, &f, &c);
                assert_true(f == next);
                assert_true(c >= 1);
                lo = c < lo ? c : lo;
                hi = c > hi ? c : hi;
                next = f + c;
            }
            assert_true(next == P);
            assert_true(hi - lo <= 1);
        }
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_sections),
        cmocka_unit_test(test_good_section),
        cmocka_unit_test(test_summary_hand),
        cmocka_unit_test(test_summary_coverage),
        cmocka_unit_test(test_summary_estimated),
        cmocka_unit_test(test_threads_identical),
        cmocka_unit_test(test_stop_and_resume),
        cmocka_unit_test(test_runs_columns),
        cmocka_unit_test(test_known_mean),
        cmocka_unit_test(test_nonfinite_design_value),
        cmocka_unit_test(test_shard_points),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
