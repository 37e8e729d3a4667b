/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_burden.c: the burden-sharing game against its closed forms
** (Olson & Zeckhauser 1966; Sandler 1977) and the dynamics of the stage.
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "ent_test.h"
#include "sim/run_int.h"
#include "models/burden_inline.h"
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_rng.h>
#include "entente/entente.h"

/* ---- closed forms against hand computation ------------------------------ */

/* Identical a, contributor set C: G = a W_C / (a + |C| (1 - a)), g_i = w_i - k G. */
static void test_oz_equal_weights_interior(void **state)
{
    (void)state;
    double Y[3] = { 100, 60, 20 }, a[3] = { 0.5, 0.5, 0.5 }, m[3];
    size_t work[3];
    double S = ent_burden_nash_pure(3, Y, a, m, work);
    /* by hand: C = {1,2} (ally 3 has w = 20 < k G), W_C = 160 */
    double G = 0.5 * 160.0 / (0.5 + 2 * 0.5);
    assert_double_equal(S, G, 1e-12);
    assert_double_equal(m[0], 100.0 - G, 1e-12);
    assert_double_equal(m[1], 60.0 - G, 1e-12);
    assert_double_equal(m[2], 0.0, 0.0);
    assert_true(20.0 <= G);     /* the corner condition that keeps ally 3 out */
}

static void test_oz_two_allies_corner(void **state)
{
    (void)state;
    double Y[2] = { 100, 20 }, a[2] = { 0.5, 0.5 }, m[2];
    size_t work[2];
    double S = ent_burden_nash_pure(2, Y, a, m, work);
    /* only the rich ally pays: g = a w = 50, and the poor one's w = 20 < k G = 50 */
    assert_double_equal(S, 50.0, 1e-12);
    assert_double_equal(m[0], 50.0, 1e-12);
    assert_double_equal(m[1], 0.0, 0.0);
}

static void test_oz_unequal_weights(void **state)
{
    (void)state;
    /* a poorer but keener ally can pay more (theory.md, heterogeneous case) */
    double Y[3] = { 100, 60, 20 }, a[3] = { 0.4, 0.6, 0.5 }, m[3];
    size_t work[3];
    double S = ent_burden_nash_pure(3, Y, a, m, work);
    double k1 = 0.6 / 0.4, k2 = 0.4 / 0.6;
    double G = (100.0 + 60.0) / (1.0 + k1 + k2);
    assert_double_equal(S, G, 1e-12);
    assert_double_equal(m[0], 100.0 - k1 * G, 1e-12);
    assert_double_equal(m[1], 60.0 - k2 * G, 1e-12);
    assert_double_equal(m[2], 0.0, 0.0);
    assert_true(m[1] > m[0]);
}

/* Every ally's equilibrium spending is its best response to the others'. */
static void check_mutual_best_responses(size_t n, const double *Y, const double *a,
                                        const double *psi, const double *m, double tol)
{
    double S = 0.0;
    for (size_t i = 0; i < n; i++)
        S += m[i];
    for (size_t i = 0; i < n; i++) {
        double br = ent_burden_best_response(Y[i], a[i], psi[i], S - m[i]);
        assert_double_equal(br, m[i], tol * (1.0 + m[i]));
    }
}

static void test_general_solver_matches_closed_form(void **state)
{
    (void)state;
    double Y[5] = { 300, 120, 80, 40, 10 }, a[5] = { 0.3, 0.45, 0.5, 0.6, 0.2 };
    double psi[5] = { 0 }, m1[5], m2[5];
    size_t work[5];
    double S1 = ent_burden_nash_pure(5, Y, a, m1, work);
    double S2 = ent_burden_nash(5, Y, a, psi, m2);
    assert_double_equal(S1, S2, 1e-9 * S1);
    for (int i = 0; i < 5; i++)
        assert_double_equal(m1[i], m2[i], 1e-9 * (1.0 + m1[i]));
    check_mutual_best_responses(5, Y, a, psi, m1, 1e-12);
}

/* The quadratic best response maximises the utility: check with GSL's
** Brent minimiser on -U, independently of the closed form. */
typedef struct { double Y, a, psi, s_other; } br_params;

static double neg_utility(double m, void *vp)
{
    const br_params *p = vp;
    return -ent_burden_utility(p->Y, p->a, p->psi, m, p->s_other);
}

static void test_best_response_maximises_utility(void **state)
{
    (void)state;
    const double cases[][4] = {
        { 100, 0.3, 0.2, 50 }, { 100, 0.5, 0.5, 10 }, { 20, 0.2, 0.8, 300 }, { 500, 0.1, 0.05, 40 },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        br_params p = { cases[c][0], cases[c][1], cases[c][2], cases[c][3] };
        double br = ent_burden_best_response(p.Y, p.a, p.psi, p.s_other);
        gsl_function F = { neg_utility, &p };
        gsl_min_fminimizer *s = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
        double lo = 1e-9 * p.Y, hi = p.Y * (1 - 1e-9), x = br;
        if (x <= lo || x >= hi) x = 0.5 * p.Y;
        assert_int_equal(gsl_min_fminimizer_set(s, &F, x, lo, hi), GSL_SUCCESS);
        for (int it = 0; it < 200; it++) {
            gsl_min_fminimizer_iterate(s);
            if (gsl_min_test_interval(gsl_min_fminimizer_x_lower(s), gsl_min_fminimizer_x_upper(s),
                                      1e-10, 0.0) == GSL_SUCCESS)
                break;
        }
        double xm = gsl_min_fminimizer_x_minimum(s);
        gsl_min_fminimizer_free(s);
        assert_double_equal(br, xm, 1e-6 * p.Y);
    }
}

static void test_calibration_inverts_best_response(void **state)
{
    (void)state;
    const double Y = 4710, m = 99.85, others = 1400;
    for (double psi = 0.0; psi < 0.95; psi += 0.2) {
        double a = ent_burden_calibrate_alpha(Y, psi, m, others);
        assert_true(a > 0.0 && a < 1.0);
        assert_double_equal(ent_burden_best_response(Y, a, psi, others), m, 1e-9 * m);
    }
    /* all of GDP would reveal a = 1 (undefined odds): capped, and a finite
    ** payoff follows */
    for (double psi = 0.0; psi < 0.95; psi += 0.2) {
        double a = ent_burden_calibrate_alpha(Y, psi, Y, others);
        assert_double_equal(a, ENT_BURDEN_ALPHA_MAX, 0);
        assert_true(isfinite(ent_burden_alpha(a, 1.5, 0.7)));
        assert_true(isfinite(ent_burden_utility(Y, ent_burden_alpha(a, 1.5, 0.7), psi, Y, others)));
    }
}

static void test_threat_raises_weight(void **state)
{
    (void)state;
    double a0 = 0.2;
    assert_double_equal(ent_burden_alpha(a0, 1.5, 0.0), a0, 1e-15);
    double prev = a0;
    for (double th = 0.1; th <= 1.0; th += 0.1) {
        double a = ent_burden_alpha(a0, 1.5, th);
        assert_true(a > prev && a < 1.0);
        /* the logit shifts by exactly gamma * theta */
        assert_double_equal(log(a / (1 - a)) - log(a0 / (1 - a0)), 1.5 * th, 1e-12);
        prev = a;
    }
}

/* ---- the stage: best-response dynamics converge to the closed form -------- */

/* Run `yaml` and return final spending per agent in m (n entries). */
static void run_final_spending(const char *yaml, double *m, size_t n)
{
    ent_scenario *s = ent_test_load(yaml);
    assert_int_equal(s->n_agents, n);
    ent_run *run = ent_run_alloc(s, 0);
    assert_non_null(run);
    ent_run_exec(run, s->seed, 0, 0);
    for (size_t i = 0; i < n; i++)
        m[i] = ent_run_agent_value(run, i, "spending");
    ent_run_free(run);
    ent_scenario_free(s);
}

static void test_dynamics_reach_pure_nash_equal_weights(void **state)
{
    (void)state;
    const char *yaml =
        "name: oz\nrounds: 400\n"
        "stages: [{stage: burden_sharing, threat_sensitivity: 0}]\n"
        "patron: {code: P, gdp: 100, defence_share: 0.3, alpha: 0.5, strategies: {burden_sharing: nash}}\n"
        "allies:\n"
        "  - {code: A, gdp: 60, defence_share: 0.02, alpha: 0.5}\n"
        "  - {code: B, gdp: 20, defence_share: 0.2, alpha: 0.5}\n";
    double m[3], Y[3] = { 100, 60, 20 }, a[3] = { 0.5, 0.5, 0.5 }, mc[3];
    size_t work[3];
    run_final_spending(yaml, m, 3);
    ent_burden_nash_pure(3, Y, a, mc, work);
    for (int i = 0; i < 3; i++)
        assert_double_equal(m[i], mc[i], 1e-9);
}

static void test_dynamics_reach_pure_nash_unequal_weights(void **state)
{
    (void)state;
    /* six agents, several corners, weights unequal */
    const char *yaml =
        "name: oz6\nrounds: 2000\n"
        "stages: [{stage: burden_sharing, threat_sensitivity: 0}]\n"
        "patron: {code: P, gdp: 500, defence_share: 0.05, alpha: 0.15, strategies: {burden_sharing: nash}}\n"
        "allies:\n"
        "  - {code: A, gdp: 200, defence_share: 0.02, alpha: 0.3}\n"
        "  - {code: B, gdp: 120, defence_share: 0.03, alpha: 0.45}\n"
        "  - {code: C, gdp: 60, defence_share: 0.01, alpha: 0.3}\n"
        "  - {code: D, gdp: 30, defence_share: 0.05, alpha: 0.45}\n"
        "  - {code: E, gdp: 10, defence_share: 0.02, alpha: 0.1}\n";
    double Y[6] = { 500, 200, 120, 60, 30, 10 }, a[6] = { 0.15, 0.3, 0.45, 0.3, 0.45, 0.1 };
    double m[6], mc[6];
    size_t work[6];
    run_final_spending(yaml, m, 6);
    double S = ent_burden_nash_pure(6, Y, a, mc, work);
    int corners = 0;
    for (int i = 0; i < 6; i++) {
        assert_double_equal(m[i], mc[i], 1e-9);
        corners += mc[i] == 0.0;
    }
    /* by hand: Y/k is 88.2, 85.7, 98.2, 25.7, 24.5, 1.1; adding allies in that
    ** order S = 54.0, 78.6, 80.2, and 25.7 < 80.2 stops it: three pay, three do not */
    assert_int_equal(corners, 3);
    assert_double_equal(S, 820.0 / (1.0 + 0.55 / 0.45 + 0.85 / 0.15 + 0.7 / 0.3), 1e-9);
    assert_true(S > 0.0);
}

static void test_dynamics_reach_joint_product_nash(void **state)
{
    (void)state;
    const char *yaml =
        "name: jp\nrounds: 600\n"
        "stages: [{stage: burden_sharing, psi: 0.3, threat_sensitivity: 0}]\n"
        "patron: {code: P, gdp: 400, defence_share: 0.05, alpha: 0.2, strategies: {burden_sharing: nash}}\n"
        "allies:\n"
        "  - {code: A, gdp: 150, defence_share: 0.02, alpha: 0.25}\n"
        "  - {code: B, gdp: 50, defence_share: 0.03, alpha: 0.3, psi: 0.6}\n"
        "  - {code: C, gdp: 20, defence_share: 0.01, alpha: 0.2}\n";
    double Y[4] = { 400, 150, 50, 20 }, a[4] = { 0.2, 0.25, 0.3, 0.2 }, psi[4] = { 0.3, 0.3, 0.6, 0.3 };
    double m[4], mc[4];
    run_final_spending(yaml, m, 4);
    double S = ent_burden_nash(4, Y, a, psi, mc);
    assert_false(isnan(S));
    check_mutual_best_responses(4, Y, a, psi, mc, 1e-9);
    for (int i = 0; i < 4; i++) {
        assert_true(mc[i] > 0.0);   /* a private benefit makes everyone contribute */
        assert_double_equal(m[i], mc[i], 1e-9);
    }
}

/* ---- the exploitation hypothesis ---------------------------------------- */

#define NX 12
static const double xY[NX] = { 5000, 3200, 2400, 1800, 1300, 900, 600, 420, 300, 150, 80, 40 };
/* weights vary around 0.3 without following size */
static const double xa[NX] = { 0.30, 0.33, 0.27, 0.31, 0.29, 0.34, 0.26, 0.32, 0.28, 0.35, 0.30, 0.27 };

static double exploitation_rho(double psi_all, double *slope)
{
    double psi[NX], m[NX], share[NX], work[2 * NX], lnY[NX];
    for (int i = 0; i < NX; i++)
        psi[i] = psi_all;
    double S = ent_burden_nash(NX, xY, xa, psi, m);
    assert_false(isnan(S));
    double mx = 0, my = 0;
    for (int i = 0; i < NX; i++) {
        share[i] = m[i] / xY[i];
        lnY[i] = log(xY[i]);
        mx += lnY[i] / NX;
        my += share[i] / NX;
    }
    double sxy = 0, sxx = 0;
    for (int i = 0; i < NX; i++) {
        sxy += (lnY[i] - mx) * (share[i] - my);
        sxx += (lnY[i] - mx) * (lnY[i] - mx);
    }
    *slope = sxy / sxx;     /* change of burden per log point of GDP */
    return ent_spearman(NX, xY, share, work);
}

static void test_exploitation_emerges(void **state)
{
    (void)state;
    double slope;
    double rho = exploitation_rho(0.0, &slope);
    assert_true(rho > 0.5);
    assert_true(slope > 0.0);
}

static void test_private_share_weakens_exploitation(void **state)
{
    (void)state;
    /* with psi = 0 most small allies sit at the zero corner (ties), so the rank
    ** statistic is compared where everyone contributes; the burden-size
    ** gradient is compared from psi = 0 on */
    double s0, s1, s2, s3, s4;
    exploitation_rho(0.0, &s0);
    double r1 = exploitation_rho(0.2, &s1);
    double r2 = exploitation_rho(0.4, &s2);
    double r3 = exploitation_rho(0.6, &s3);
    double r4 = exploitation_rho(0.8, &s4);
    assert_true(s0 > s1 && s1 > s2 && s2 > s3 && s3 > s4);
    assert_true(r1 > r2 && r2 > r3 && r3 > r4);
}

static void test_spearman_matches_hand_ranks(void **state)
{
    (void)state;
    double x[5] = { 10, 20, 30, 40, 50 }, y[5] = { 1, 3, 2, 5, 4 }, work[10];
    /* d = (0,-1,1,-1,1): rho = 1 - 6*4/(5*24) = 0.8 */
    assert_double_equal(ent_spearman(5, x, y, work), 0.8, 1e-12);
    double z[5] = { 5, 4, 3, 2, 1 };
    assert_double_equal(ent_spearman(5, x, z, work), -1.0, 1e-12);
}

/* The memoised utility of the round loop is the plain one to the last bit,
** whatever the memos hold, including a stale argument and a free rider. */
static void test_memoised_utility_is_exact(void **state)
{
    (void)state;
    double rest[2] = { NAN, NAN }, total[2] = { NAN, NAN }, own[2] = { NAN, NAN };
    const double cases[][5] = {
        { 100, 0.3, 0.2, 5, 50 }, { 100, 0.3, 0.2, 5, 50 }, { 100, 0.3, 0.2, 6, 50 },
        { 4710, 0.08, 0.0, 99.85, 1400 }, { 20, 0.5, 0.5, 0, 300 }, { 20, 0.5, 0.5, 0, 300 },
        { 1e6, 0.9, 0.99, 1e5, 1e-3 },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        const double *k = cases[c];
        double plain = ent_burden_utility(k[0], k[1], k[2], k[3], k[4]);
        double memo = ent_burden_utility_memo(k[0], k[1], k[2], k[3], k[4], rest, total, own);
        assert_memory_equal(&plain, &memo, sizeof plain);
        double none = ent_burden_utility_memo(k[0], k[1], k[2], k[3], k[4], NULL, NULL, NULL);
        assert_memory_equal(&plain, &none, sizeof plain);
    }
}

/* The stage's utility with a second memo behind each agent's (its memo of
** the same round in the run before) is the plain one to the last bit, over
** random inputs whose spending repeats, returns to an earlier value or
** moves, with both memos stale, one of them or neither. */
static void test_two_level_memo_utility_is_exact(void **state)
{
    (void)state;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 11);
    double rest[2] = { NAN, NAN }, total[2] = { NAN, NAN }, own[2] = { NAN, NAN };
    double back[8][2][2];
    for (int k = 0; k < 8; k++)
        back[k][0][0] = back[k][0][1] = back[k][1][0] = back[k][1][1] = NAN;
    const double ms[] = { 0.0, 1e-12, 3.0, 99.85, 1400.0 };
    for (int c = 0; c < 20000; c++) {
        double Y = gsl_rng_uniform(r) < 0.5 ? 4710.0 : 1.0 + 1e4 * gsl_rng_uniform(r);
        double a = gsl_rng_uniform(r), psi = gsl_rng_uniform(r) < 0.3 ? 0.0 : 0.99 * gsl_rng_uniform(r);
        double m = gsl_rng_uniform(r) < 0.5 ? ms[gsl_rng_uniform_int(r, 5)] : Y * gsl_rng_uniform(r);
        double s_other = gsl_rng_uniform(r) < 0.5 ? 1400.0 : 1e5 * gsl_rng_uniform(r);
        int k = (int)gsl_rng_uniform_int(r, 8);
        double plain = ent_burden_utility(Y, a, psi, m, s_other);
        double memo = ent_i_burden_utility(Y, a, psi, m, s_other, rest, total, own, back[k][0], back[k][1]);
        assert_memory_equal(&plain, &memo, sizeof plain);
        if (gsl_rng_uniform(r) < 0.1)
            rest[0] = own[0] = NAN;     /* an agent's memo cleared, as at a run's start */
    }
    gsl_rng_free(r);
}

/* The allies of the replay tests: every strategy the stage plays inline. */
#define REPLAY_ALLIES \
    "allies:\n" \
    "  - {code: A, gdp: 4700, defence_share: 0.021, threat: 0.45,\n" \
    "     strategies: {burden_sharing: reciprocal}}\n" \
    "  - {code: B, gdp: 1700, defence_share: 0.013, threat: 0.25}\n" \
    "  - {code: C, gdp: 860, defence_share: 0.041, threat: 0.85, strategies: {burden_sharing: comply}}\n" \
    "  - {code: D, gdp: 650, defence_share: 0.013, threat: 0.3,\n" \
    "     strategies: {burden_sharing: {name: comply, speed: 0.5}}}\n" \
    "  - {code: E, gdp: 250, defence_share: 0.031, threat: 0.4,\n" \
    "     strategies: {burden_sharing: {name: nash, inertia: 0.5}}}\n" \
    "  - {code: F, gdp: 90, defence_share: 0.02, threat: 0.3, strategies: {burden_sharing: free_ride}}\n"

/* Runs a (a run object used before) and b (a new one) of the same run
** ended alike: rounds, the trace (if kept) and every outcome, bit for bit.
** Their outcomes go to out (256 at most); returns how many. */
static size_t assert_runs_same(const ent_run *a, const ent_run *b, int traced, double *out)
{
    assert_int_equal(a->rounds_played, b->rounds_played);
    for (int t = 1; traced && t <= b->rounds_played; t++)
        for (size_t i = 0; i < b->n; i++)
            assert_memory_equal(ent_run_trace_row(a, t, i), ent_run_trace_row(b, t, i),
                                b->n_trace * sizeof(double));
    size_t n_out = b->n_run_out + b->n_agent_out * b->n;
    double other[256];
    assert_true(n_out <= 256);
    ent_i_run_outcome_vector(a, out);
    ent_i_run_outcome_vector(b, other);
    assert_memory_equal(out, other, n_out * sizeof(double));
    return n_out;
}

/* A round the stage replays (a run object's record of the round before, in
** a sweep's replicates) ends with the bits of the round played: runs on one
** run object, replayed where the replicates repeat, give every trace and
** outcome bit that runs on fresh objects give, with the patron's random type
** steering replicates apart and together, and after a point's GDP changed. */
static void test_replayed_rounds_are_exact(void **state)
{
    (void)state;
    ent_scenario *s = ent_test_load(
        "name: replay\nrounds: 12\nseed: 5\ndiscount: 0.95\n"
        "stages:\n  - stage: burden_sharing\n    psi: 0.2\n  - stage: exit_leverage\n"
        "  - stage: bargaining\n  - stage: ratification\n  - stage: beliefs\n"
        "patron: {code: P, gdp: 29000, defence_share: 0.034, threat: 0.3,\n"
        "         strategies: {burden_sharing: fixed}}\n"
        REPLAY_ALLIES);
    ent_run *reused = ent_run_alloc(s, ENT_RUN_TRACE);
    assert_non_null(reused);
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1)
            s->agents[2].gdp *= 1.5;    /* a new point: the records are dropped */
        for (uint64_t rep = 0; rep < 40; rep++) {
            ent_run *fresh = ent_run_alloc(s, ENT_RUN_TRACE);
            assert_non_null(fresh);
            ent_run_exec(reused, 5, 0, rep);
            ent_run_exec(fresh, 5, 0, rep);
            double out[256];
            assert_runs_same(reused, fresh, 1, out);
            ent_run_free(fresh);
        }
    }
    ent_run_free(reused);
    ent_scenario_free(s);
}

/* The same when the stage plays alone, where a round whose run followed a
** record the round before replays the record made right after it without
** comparing inputs: points that differ only in what the rounds start from
** (the demand, an ally's threat, the patron's share) or only in constants
** that no round's inputs show (psi, the threat sensitivity, a strategy's
** inertia: the records are dropped), visited in an order
** that returns to each after others overwrote its records and goes from
** one point to two others (a record made after a run's last round is no
** link for the next run's first), give the bits of a fresh run object
** every time. Without a trace the rounds' payoffs are cleared as a round
** closes rather than as the next opens: the same outcomes and end state. */
static void test_chained_replays_are_exact(void **state)
{
    (void)state;
    ent_scenario *s = ent_test_load(
        "name: chain\nrounds: 9\nseed: 3\ndiscount: 0.9\n"
        "stages:\n  - stage: burden_sharing\n    psi: 0.2\n    demand: 0.02\n"
        "patron: {code: P, gdp: 29000, defence_share: 0.034, threat: 0.3}\n"
        REPLAY_ALLIES);
    const ent_param_desc *d;
    double *demand = ent_i_scenario_param(s, "stages.burden_sharing.demand", &d);
    double *threat = ent_i_scenario_param(s, "allies.B.threat", &d);
    double *share = ent_i_scenario_param(s, "patron.defence_share", &d);
    /* constants of the run, which its rounds' inputs do not show: the
    ** records are dropped when one moves */
    double *psi = ent_i_scenario_param(s, "stages.burden_sharing.psi", &d);
    double *gamma = ent_i_scenario_param(s, "stages.burden_sharing.threat_sensitivity", &d);
    double *inertia = ent_i_scenario_param(s, "allies.E.strategy.burden_sharing.inertia", &d);
    assert_non_null(demand);
    assert_non_null(threat);
    assert_non_null(share);
    assert_non_null(psi);
    assert_non_null(gamma);
    assert_non_null(inertia);
    const double points[7][6] = { { 0.02, 0.25, 0.034, 0.2, 1.0, 0.5 }, { 0.035, 0.25, 0.034, 0.2, 1.0, 0.5 },
                                  { 0.035, 0.6, 0.034, 0.2, 1.0, 0.5 }, { 0.035, 0.6, 0.02, 0.2, 1.0, 0.5 },
                                  { 0.02, 0.25, 0.034, 0.3, 1.0, 0.5 }, { 0.02, 0.25, 0.034, 0.2, 1.5, 0.5 },
                                  { 0.02, 0.25, 0.034, 0.2, 1.0, 0.25 } };
    const int visit[] = { 0, 0, 1, 0, 2, 1, 1, 2, 0, 3, 2, 2, 3, 0, 1, 3, 3, 0, 4, 4, 0, 5, 0, 6, 6, 0 };
    enum { RUNS = 3 * sizeof visit / sizeof *visit };
    static double untraced[RUNS][256];
    static ent_agent_state untraced_end[RUNS][7];
    for (int traced = 0; traced < 2; traced++) {
        unsigned flags = traced ? ENT_RUN_TRACE : 0;
        ent_run *reused = ent_run_alloc(s, flags);
        assert_non_null(reused);
        for (size_t v = 0; v < sizeof visit / sizeof *visit; v++) {
            *demand = points[visit[v]][0];
            *threat = points[visit[v]][1];
            *share = points[visit[v]][2];
            *psi = points[visit[v]][3];
            *gamma = points[visit[v]][4];
            *inertia = points[visit[v]][5];
            for (uint64_t rep = 0; rep < 3; rep++) {
                ent_run *fresh = ent_run_alloc(s, flags);
                assert_non_null(fresh);
                ent_run_exec(reused, 3, (uint64_t)visit[v], rep);
                ent_run_exec(fresh, 3, (uint64_t)visit[v], rep);
                double a[256];
                size_t n_out = assert_runs_same(reused, fresh, traced, a), k = 3 * v + rep;
                assert_int_equal(fresh->n, 7);
                if (!traced) {
                    memcpy(untraced[k], a, n_out * sizeof(double));
                    memcpy(untraced_end[k], fresh->agent, 7 * sizeof(ent_agent_state));
                } else {
                    assert_memory_equal(untraced[k], a, n_out * sizeof(double));
                    for (size_t i = 0; i < fresh->n; i++)
                        assert_memory_equal(&untraced_end[k][i], &fresh->agent[i],
                                            offsetof(ent_agent_state, stage_payoff) + sizeof(double));
                }
                for (size_t i = 0; i < fresh->n; i++) {
                    assert_memory_equal(&reused->agent[i], &fresh->agent[i],
                                        offsetof(ent_agent_state, stage_payoff));
                    assert_memory_equal(&reused->agent[i].stage_payoff[0], &fresh->agent[i].stage_payoff[0],
                                        sizeof(double));
                }
                ent_run_free(fresh);
            }
        }
        ent_run_free(reused);
    }
    ent_scenario_free(s);
}

/* ---- zero stays zero; calibration at the scenario's threat ----------------- */

/* An agent that starts at zero: under the joint product zero is never a best
** response (psi ln m has infinite marginal utility at 0), so revealed
** preference gives it psi = 0 and the largest alpha with zero a best response,
** the corner of the closed form m = max(0, a Y - (1 - a) s). */
static void test_zero_calibration_is_the_corner(void **state)
{
    (void)state;
    const double Y = 30, s = 1500;
    double psi = 0.2, a0;
    double a = ent_burden_weights(Y, 0.0, s, NAN, 1.0, 0.4, 0.4, &psi, &a0);
    assert_double_equal(psi, 0.0, 0.0);
    assert_double_equal(a, s / (Y + s), 1e-15);     /* a Y = (1 - a) s by hand */
    assert_double_equal(ent_burden_best_response(Y, a, psi, s), 0.0, 1e-12 * Y);
    /* with the stage's psi kept, zero would not be a best response (the old jump) */
    assert_true(ent_burden_best_response(Y, a, 0.2, s) > 0.1 * Y);
    /* an interior agent: the calibrated weight makes its spending the root of
    ** m^2 + [s (1 - a + a psi) - a Y] m - a psi s Y = 0, checked by hand */
    const double Y2 = 100, m2 = 2, s2 = 50;
    psi = 0.2;
    a = ent_burden_weights(Y2, m2, s2, NAN, 1.0, 0.4, 0.4, &psi, &a0);
    assert_double_equal(psi, 0.2, 0.0);
    double K = 0.8 / 52.0 + 0.2 / 2.0;
    assert_double_equal(a, 1.0 / (1.0 + 98.0 * K), 1e-15);
    double b = s2 * (1 - a + a * psi) - a * Y2, c = -a * psi * s2 * Y2;
    assert_double_equal(m2 * m2 + b * m2 + c, 0.0, 1e-12);
    assert_double_equal(ent_burden_best_response(Y2, a, psi, s2), m2, 1e-12);
}

static const char *zero_yaml =
    "name: zero\nrounds: 10\n"
    "stages: [{stage: burden_sharing, psi: 0.2}]\n"
    "patron: {code: P, gdp: 1000, defence_share: 0.03, threat: 0.3}\n"
    "allies:\n"
    "  - {code: A, gdp: 500, defence_share: 0.02, threat: 0.5, strategies: {burden_sharing: fixed}}\n"
    "  - {code: Z, gdp: 30, defence_share: 0, threat: 0.4}\n";

static void test_zero_stays_zero(void **state)
{
    (void)state;
    double m[3];
    run_final_spending(zero_yaml, m, 3);
    assert_double_equal(m[2], 0.0, 1e-12 * 30);
    /* every round, not only the last */
    ent_scenario *s = ent_test_load(zero_yaml);
    s->rounds = 1;
    ent_run *run = ent_run_alloc(s, 0);
    ent_run_exec(run, s->seed, 0, 0);
    assert_double_equal(ent_run_agent_value(run, 2, "share"), 0.0, 1e-12);
    assert_double_equal(ent_run_agent_value(run, 2, "psi"), 0.0, 0.0);
    ent_run_free(run);
    ent_scenario_free(s);
}

/* Run `yaml` with agent k's threat replaced (as --set or a sweep does) and
** return agent k's final share and its weight. */
static double share_at_threat(const char *yaml, size_t k, double threat, double gamma, double *alpha)
{
    ent_scenario *s = ent_test_load(yaml);
    s->agents[k].threat = threat;
    const ent_param_desc *d;
    double *g = ent_i_scenario_param(s, "stages.burden_sharing.threat_sensitivity", &d);
    assert_non_null(g);
    *g = gamma;
    ent_run *run = ent_run_alloc(s, 0);
    ent_run_exec(run, s->seed, 0, 0);
    double x = ent_run_agent_value(run, k, "share");
    *alpha = ent_run_agent_value(run, k, "alpha");
    ent_run_free(run);
    ent_scenario_free(s);
    return x;
}

static void test_threat_moves_calibrated_shares(void **state)
{
    (void)state;
    const char *yaml =
        "name: th\nrounds: 1\n"
        "stages: [{stage: burden_sharing, psi: 0.2}]\n"
        "patron: {code: P, gdp: 1000, defence_share: 0.03, threat: 0.3, strategies: {burden_sharing: fixed}}\n"
        "allies:\n"
        "  - {code: A, gdp: 500, defence_share: 0.02, threat: 0.5}\n"
        "  - {code: B, gdp: 200, defence_share: 0.015, threat: 0.5, strategies: {burden_sharing: fixed}}\n";
    double a_base, a_hi, a_lo, a_g;
    /* at the threat it was written with, the starting share is a best response */
    double x = share_at_threat(yaml, 1, 0.5, 1.0, &a_base);
    assert_double_equal(x, 0.02, 1e-12);
    double hi = share_at_threat(yaml, 1, 0.9, 1.0, &a_hi);
    double lo = share_at_threat(yaml, 1, 0.1, 1.0, &a_lo);
    assert_true(hi > 0.02 + 1e-4 && lo < 0.02 - 1e-4);   /* more threat, higher share */
    /* the logit of the weight moves by gamma (theta - theta_cal) */
    assert_double_equal(log(a_hi / (1 - a_hi)) - log(a_base / (1 - a_base)), 0.4, 1e-12);
    assert_double_equal(log(a_lo / (1 - a_lo)) - log(a_base / (1 - a_base)), -0.4, 1e-12);
    /* and threat_sensitivity scales the move */
    double hg = share_at_threat(yaml, 1, 0.9, 3.0, &a_g);
    assert_true(hg > hi);
    assert_double_equal(log(a_g / (1 - a_g)) - log(a_base / (1 - a_base)), 1.2, 1e-12);
}

/* ---- reciprocal above the demand ------------------------------------------ */

static void test_reciprocal_moves_above_demand(void **state)
{
    (void)state;
    /* the patron cuts in round 1 (from 3% to 2%), then keeps faith */
    const char *yaml =
        "name: rc\nrounds: 4\n"
        "stages: [{stage: burden_sharing, demand: 0.02}]\n"
        "patron: {code: P, gdp: 1000, defence_share: 0.03, strategies: {burden_sharing: {name: fixed, share: 0.02}}}\n"
        "allies:\n"
        "  - {code: A, gdp: 500, defence_share: 0.03, strategies: {burden_sharing: {name: reciprocal, step: 0.001}}}\n";
    ent_scenario *s = ent_test_load(yaml);
    ent_run *run = ent_run_alloc(s, 0);
    double want[5] = { 0, 0.03, 0.029, 0.030, 0.031 };
    for (int r = 1; r <= 4; r++) {
        s->rounds = r;
        ent_run_exec(run, s->seed, 0, 0);
        assert_double_equal(ent_run_agent_value(run, 1, "share"), want[r], 1e-12);
    }
    ent_run_free(run);
    ent_scenario_free(s);
}

/* ---- the exploitation statistic ------------------------------------------ */

static void test_exploitation_statistic_by_hand(void **state)
{
    (void)state;
    /* ranks of GDP 1..5, of share (1,3,2,5,4): sum d^2 = 4, rho = 1 - 6*4/(5*24) = 0.8 */
    double gdp[5] = { 10, 20, 30, 40, 50 }, share[5] = { 0.01, 0.03, 0.02, 0.05, 0.04 };
    /* GDP per head ranked (2,1,3,5,4): with GDP sum d^2 = 4 (0.8), with share 6 (0.7) */
    double ph[5] = { 2, 1, 3, 5, 4 }, work[10], p, q, qp;
    double rho = ent_exploitation(5, gdp, share, ph, work, &p, &q, &qp);
    assert_double_equal(rho, 0.8, 1e-12);
    /* five agents: the exact permutation p-value. Of the 120 orderings, rho >= 0.8
    ** (sum d^2 <= 4) for the identity, the 4 adjacent swaps and the 3 pairs of
    ** disjoint adjacent swaps: p = 8/120 */
    assert_double_equal(p, 8.0 / 120.0, 1e-15);
    assert_double_equal(ent_rank_p_exact(5, gdp, share), 8.0 / 120.0, 1e-15);
    /* the t approximation for the same rho and n: t = 0.8 sqrt(3 / 0.36) = 2.3094
    ** on 3 df, p = 0.0521 (t table: t(0.95, 3) = 2.353) */
    assert_double_equal(ent_rank_p_greater(0.8, 3.0), gsl_cdf_tdist_Q(0.8 * sqrt(3.0 / 0.36), 3.0), 1e-15);
    assert_true(ent_rank_p_greater(0.8, 3.0) > 0.05 && ent_rank_p_greater(0.8, 3.0) < 0.055);
    /* exact: a perfect ordering has p = 1/n!, its reverse p = 1; ties use mid-ranks
    ** (y = 1, 1, 2: rho = 0.866 reached by the 2 orderings of the tied pair, p = 2/6) */
    double up[5] = { 1, 2, 3, 4, 5 }, down[5] = { 5, 4, 3, 2, 1 }, tie[3] = { 1, 1, 2 };
    assert_double_equal(ent_rank_p_exact(5, gdp, up), 1.0 / 120.0, 1e-15);
    assert_double_equal(ent_rank_p_exact(5, gdp, down), 1.0, 1e-15);
    assert_double_equal(ent_rank_p_exact(3, gdp, tie), 2.0 / 6.0, 1e-15);
    /* beyond eight agents, the t approximation (n - 2 df): ten agents */
    double g10[10], s10[10], w20[20], p10, q10, qp10;
    for (int i = 0; i < 10; i++) {
        g10[i] = i + 1;
        s10[i] = (i * 7) % 10;      /* 0 7 4 1 8 5 2 9 6 3 */
    }
    double r10 = ent_exploitation(10, g10, s10, NULL, w20, &p10, &q10, &qp10);
    assert_double_equal(p10, gsl_cdf_tdist_Q(r10 * sqrt(8.0 / (1 - r10 * r10)), 8.0), 1e-15);
    /* partial: (0.8 - 0.8*0.7) / sqrt((1 - 0.64)(1 - 0.49)) = 0.24 / sqrt(0.1836) */
    double r = 0.24 / sqrt(0.1836);
    assert_double_equal(q, r, 1e-12);
    assert_double_equal(qp, gsl_cdf_tdist_Q(r * sqrt(2.0 / (1 - r * r)), 2.0), 1e-12);
    /* a known rho and n: rho = 0.5, n = 12, t = 0.5 sqrt(10 / 0.75) = 1.8257, 10 df */
    assert_double_equal(ent_rank_p_greater(0.5, 10.0), gsl_cdf_tdist_Q(sqrt(10.0 / 3.0), 10.0), 1e-15);
    assert_true(ent_rank_p_greater(0.5, 10.0) > 0.045 && ent_rank_p_greater(0.5, 10.0) < 0.05);
    assert_true(ent_rank_p_greater(-0.5, 10.0) > 0.95);
    /* fewer than four allies: no p-value, no partial */
    rho = ent_exploitation(4, gdp, share, ph, work, &p, &q, &qp);
    assert_true(isfinite(rho) && isnan(p) && isnan(q) && isnan(qp));
    /* without population, no partial */
    ent_exploitation(5, gdp, share, NULL, work, &p, &q, &qp);
    assert_true(isfinite(p) && isnan(q) && isnan(qp));
}

/* The stage reports the partial correlation when every agent gives its
** population, and not otherwise. */
static void test_stage_partial_with_population(void **state)
{
    (void)state;
    const char *base =
        "name: pop\nrounds: 1\n"
        "stages: [{stage: burden_sharing, ally_strategy: fixed}]\n"
        "patron: {code: P, gdp: 50, defence_share: 0.04%s}\n"
        "allies:\n"
        "  - {code: A, gdp: 10, defence_share: 0.01%s}\n"
        "  - {code: B, gdp: 20, defence_share: 0.03%s}\n"
        "  - {code: C, gdp: 30, defence_share: 0.02%s}\n"
        "  - {code: D, gdp: 40, defence_share: 0.05%s}\n";
    /* GDP per head: 5, 2, 1, 3, 5 (a tie at the top) */
    char yaml[1024];
    const char *pop[2][5] = { { "", "", "", "", "" },
                              { ", population: 10", ", population: 5", ", population: 20",
                                ", population: 10", ", population: 8" } };
    for (int k = 0; k < 2; k++) {
        snprintf(yaml, sizeof yaml, base, pop[k][0], pop[k][1], pop[k][2], pop[k][3], pop[k][4]);
        ent_scenario *s = ent_test_load(yaml);
        ent_run *run = ent_run_alloc(s, 0);
        ent_run_exec(run, s->seed, 0, 0);
        double gdp[5] = { 50, 10, 20, 30, 40 }, share[5] = { 0.04, 0.01, 0.03, 0.02, 0.05 };
        double ph[5] = { 5, 2, 1, 3, 5 }, work[10], p, q, qp;
        double rho = ent_exploitation(5, gdp, share, k ? ph : NULL, work, &p, &q, &qp);
        size_t c = run->run_out_stage_col[0];
        assert_double_equal(run->run_out[c + 0], rho, 1e-15);
        assert_double_equal(run->run_out[c + 1], p, 1e-15);
        if (k) {
            assert_true(isfinite(run->run_out[c + 2]));
            assert_double_equal(run->run_out[c + 2], q, 1e-15);
            assert_double_equal(run->run_out[c + 3], qp, 1e-15);
        } else {
            assert_true(isnan(run->run_out[c + 2]) && isnan(run->run_out[c + 3]));
        }
        ent_run_free(run);
        ent_scenario_free(s);
    }
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_oz_equal_weights_interior),
        cmocka_unit_test(test_oz_two_allies_corner),
        cmocka_unit_test(test_oz_unequal_weights),
        cmocka_unit_test(test_general_solver_matches_closed_form),
        cmocka_unit_test(test_best_response_maximises_utility),
        cmocka_unit_test(test_calibration_inverts_best_response),
        cmocka_unit_test(test_threat_raises_weight),
        cmocka_unit_test(test_dynamics_reach_pure_nash_equal_weights),
        cmocka_unit_test(test_dynamics_reach_pure_nash_unequal_weights),
        cmocka_unit_test(test_dynamics_reach_joint_product_nash),
        cmocka_unit_test(test_exploitation_emerges),
        cmocka_unit_test(test_private_share_weakens_exploitation),
        cmocka_unit_test(test_spearman_matches_hand_ranks),
        cmocka_unit_test(test_memoised_utility_is_exact),
        cmocka_unit_test(test_two_level_memo_utility_is_exact),
        cmocka_unit_test(test_replayed_rounds_are_exact),
        cmocka_unit_test(test_chained_replays_are_exact),
        cmocka_unit_test(test_zero_calibration_is_the_corner),
        cmocka_unit_test(test_zero_stays_zero),
        cmocka_unit_test(test_threat_moves_calibrated_shares),
        cmocka_unit_test(test_reciprocal_moves_above_demand),
        cmocka_unit_test(test_exploitation_statistic_by_hand),
        cmocka_unit_test(test_stage_partial_with_population),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
