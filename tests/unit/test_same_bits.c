/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_same_bits.c: the shortcuts taken for speed give the very bits of the
** code they replace: the burden-sharing best response (GSL's quadratic
** solver written out), the nash strategy's share without inertia, and the
** hedging logit step (its softmax target kept while the payoffs stand
** still, its mix written out for the three options) and the beliefs
** stage's Bayes update without a tremble, on random and edge inputs; the
** logit step that takes a memo's target as it is when the memo holds the
** step's inputs, the optimal commitment step as one inline function, and
** the burden strategies the stage plays inline against their decide().
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_poly.h>
#include <gsl/gsl_rng.h>
#include "entente/burden.h"
#include "entente/hedging.h"
#include "entente/rng.h"
#include "models/hedging_inline.h"
#include "stages/beliefs/bayes_inline.h"
#include "stages/burden_sharing/burden_sharing.h"

/* n random cases, a fiftieth under a runner such as valgrind (make valgrind
** sets ENTENTE_RUNNER) */
static int cases(int n)
{
    const char *runner = getenv("ENTENTE_RUNNER");
    return runner && *runner ? n / 50 : n;
}

static int same(double x, double y)
{
    return memcmp(&x, &y, sizeof x) == 0 || (isnan(x) && isnan(y));
}

/* The best response as it was: GSL's solver, the larger root, floored at 0. */
static double best_response_gsl(double Y, double a, double psi, double s_other)
{
    if (psi <= 0.0) {
        double m = a * Y - (1.0 - a) * s_other;
        return m > 0.0 ? m : 0.0;
    }
    double b = s_other * (1.0 - a + a * psi) - a * Y;
    double c = -a * psi * s_other * Y;
    double x0, x1;
    int nr = gsl_poly_solve_quadratic(1.0, b, c, &x0, &x1);
    if (nr == 0)
        return 0.0;
    double r = nr == 2 ? (x0 > x1 ? x0 : x1) : x0;
    return r > 0.0 ? r : 0.0;
}

static void check_br(double Y, double a, double psi, double s)
{
    double got = ent_burden_best_response(Y, a, psi, s), want = best_response_gsl(Y, a, psi, s);
    if (!same(got, want))
        fail_msg("best response (%a, %a, %a, %a): %a, GSL's solver %a", Y, a, psi, s, got, want);
}

static void test_best_response_bits(void **state)
{
    (void)state;
    gsl_rng *r = ent_rng_alloc();
    ent_rng_stream(r, 21, 22, 23);
    for (int i = 0; i < cases(1000000); i++) {
        double Y = pow(10.0, -2.0 + 7.0 * gsl_rng_uniform(r));
        double a = gsl_rng_uniform(r), psi = gsl_rng_uniform(r) < 0.1 ? 0.0 : gsl_rng_uniform(r);
        double s = gsl_rng_uniform(r) < 0.05 ? 0.0 : Y * pow(10.0, -3.0 + 6.0 * gsl_rng_uniform(r));
        check_br(Y, a, psi, s);
    }
    /* zero, negative and non-finite inputs: every branch of the solver */
    const double v[] = { 0.0, -0.0, 1.0, -1.0, 0.5, 1e-300, 1e300, INFINITY, -INFINITY, NAN };
    size_t nv = sizeof v / sizeof v[0];
    for (size_t i = 0; i < nv; i++)
        for (size_t j = 0; j < nv; j++)
            for (size_t k = 0; k < nv; k++)
                for (size_t l = 0; l < nv; l++)
                    check_br(v[i], v[j], v[k], v[l]);
    gsl_rng_free(r);
}

/* The nash strategy's share without inertia skips the formula's product and
** sum: the same bits for every best response m >= 0, GDP and share in [0, 1]
** (the stage keeps shares there). */
static void test_nash_share_bits(void **state)
{
    (void)state;
    gsl_rng *r = ent_rng_alloc();
    ent_rng_stream(r, 27, 28, 29);
    volatile double inertia = 0.0;      /* read at run time: no folding */
    double p[1] = { inertia };
    for (int i = 0; i < cases(1000000); i++) {
        double gdp = pow(10.0, -3.0 + 8.0 * gsl_rng_uniform(r));
        double m = gsl_rng_uniform(r) < 0.05 ? 0.0 : gdp * pow(10.0, -6.0 + 6.0 * gsl_rng_uniform(r));
        double share = gsl_rng_uniform(r) < 0.05 ? (gsl_rng_uniform(r) < 0.5 ? 0.0 : -0.0)
                                                 : gsl_rng_uniform(r);
        double want = (1.0 - p[0]) * (m / gdp) + p[0] * share;
        double got = ent_i_burden_nash_share(p, m, gdp, share);
        if (!same(got, want))
            fail_msg("nash share (m %a, gdp %a, share %a): %a, the formula %a", m, gdp, share, got, want);
    }
    gsl_rng_free(r);
}

/* The strategies the burden stage plays inline (comply, reciprocal, fixed,
** free_ride): their decide() through a view filled as the stage fills it
** gives the share the stage computes from the agent's fields without one,
** on random views (NaN demand of the patron, the caps, every patron act). */
static void test_burden_inline_strategies_bits(void **state)
{
    (void)state;
    gsl_rng *r = ent_rng_alloc();
    ent_rng_stream(r, 30, 31, 32);
    const ent_strategy_type *types[] = { &ent_i_burden_comply, &ent_i_burden_reciprocal,
                                         &ent_i_burden_fixed, &ent_i_burden_free_ride };
    for (int c = 0; c < cases(200000); c++) {
        const ent_strategy_type *t = types[gsl_rng_uniform_int(r, 4)];
        double p[3];
        for (int k = 0; k < 3; k++)
            p[k] = gsl_rng_uniform(r) < 0.1 ? 0.0 : gsl_rng_uniform(r) * (k == 2 ? 1.0 : 0.1);
        if (t == &ent_i_burden_fixed && gsl_rng_uniform(r) < 0.5)
            p[0] = NAN;                         /* the initial share */
        ent_burden_view v;
        memset(&v, 0, sizeof v);
        v.round = 1 + (int)gsl_rng_uniform_int(r, 4);
        v.is_patron = gsl_rng_uniform(r) < 0.1;
        v.gdp = 1.0 + 1e4 * gsl_rng_uniform(r);
        v.share = gsl_rng_uniform(r) < 0.05 ? 0.0 : 0.06 * gsl_rng_uniform(r);
        v.share0 = 0.06 * gsl_rng_uniform(r);
        v.demand = v.is_patron ? NAN : 0.06 * gsl_rng_uniform(r);
        v.patron_act = (int)gsl_rng_uniform_int(r, ENT_ACT_EXECUTED + 1);
        ent_burden_decision d = { v.share };
        t->decide(p, NULL, &v, &d, r);
        double want = d.share;
        double got = t == &ent_i_burden_comply ? ent_i_burden_comply_share(p, v.demand, v.share)
                     : t == &ent_i_burden_reciprocal
                         ? ent_i_burden_reciprocal_share(p, v.round, v.patron_act, v.share)
                         : ent_i_burden_fixed_share(p, v.share0);
        if (!same(got, want))
            fail_msg("%s (share %a, demand %a): %a, decide() %a", t->name, v.share, v.demand, got, want);
    }
    gsl_rng_free(r);
}

/* The start of a random path of logit steps: both weight vectors at start,
** beta (0 one time in ten), rate and the payoffs drawn, the memo empty. */
static void logit_path_start(gsl_rng *r, const double *start, double *w1, double *w2, double *u, double *beta,
                             double *rate, ent_hedge_logit_memo *memo)
{
    memcpy(w1, start, ENT_HEDGE_N * sizeof *w1);
    memcpy(w2, start, ENT_HEDGE_N * sizeof *w2);
    *beta = gsl_rng_uniform(r) < 0.1 ? 0.0 : 100.0 * gsl_rng_uniform(r);
    *rate = gsl_rng_uniform(r);
    for (int k = 0; k < ENT_HEDGE_N; k++)
        u[k] = gsl_rng_uniform(r) - 0.5;
    memo->valid = 0;
}

/* The logit step with its memo against the plain step, along paths where the
** payoffs stand still for a few rounds and then move (also by a sign of zero
** or to NaN), and beta or rate change under a valid memo. */
static void test_logit_memo_bits(void **state)
{
    (void)state;
    gsl_rng *r = ent_rng_alloc();
    ent_rng_stream(r, 24, 25, 26);
    for (int path = 0; path < cases(20000); path++) {
        static const double start[ENT_HEDGE_N] = { 1.0 / 3, 1.0 / 3, 1.0 / 3 };
        double w1[ENT_HEDGE_N], w2[ENT_HEDGE_N], u[ENT_HEDGE_N], beta, rate;
        ent_hedge_logit_memo memo;
        logit_path_start(r, start, w1, w2, u, &beta, &rate, &memo);
        for (int t = 0; t < 40; t++) {
            double x = gsl_rng_uniform(r);
            int k = (int)gsl_rng_uniform_int(r, ENT_HEDGE_N);
            if (x < 0.1)
                u[k] = gsl_rng_uniform(r) - 0.5;
            else if (x < 0.12)
                u[k] = u[k] == 0.0 ? -u[k] : 0.0;
            else if (x < 0.13)
                u[k] = NAN;
            else if (x < 0.15)
                beta = 100.0 * gsl_rng_uniform(r);
            else if (x < 0.17)
                rate = gsl_rng_uniform(r);
            ent_hedge_logit(w1, u, beta, rate);
            ent_hedge_logit_memo_step(w2, u, beta, rate, &memo);
            for (int j = 0; j < ENT_HEDGE_N; j++)
                if (!same(w1[j], w2[j]))
                    fail_msg("path %d round %d: weight %d is %a with the memo, %a without", path, t, j,
                             w2[j], w1[j]);
        }
    }
    gsl_rng_free(r);
}

/* The step with a memo that holds its inputs (the hedging stage's, when an
** ally's payoffs are last round's) against the plain step: along paths where
** u, beta and rate stand still for a few rounds and then move, the held step
** is taken whenever they have not moved since the memo's last step. */
static void test_logit_memo_held_bits(void **state)
{
    (void)state;
    gsl_rng *r = ent_rng_alloc();
    ent_rng_stream(r, 51, 52, 53);
    for (int path = 0; path < cases(20000); path++) {
        static const double start[ENT_HEDGE_N] = { 0.6, 0.3, 0.1 };
        double w1[ENT_HEDGE_N], w2[ENT_HEDGE_N], u[ENT_HEDGE_N], beta, rate;
        ent_hedge_logit_memo memo;
        logit_path_start(r, start, w1, w2, u, &beta, &rate, &memo);
        int moved = 1, held = 0;
        for (int t = 0; t < 40; t++) {
            double x = gsl_rng_uniform(r);
            int k = (int)gsl_rng_uniform_int(r, ENT_HEDGE_N);
            if (x < 0.1)
                u[k] = gsl_rng_uniform(r) - 0.5, moved = 1;
            else if (x < 0.12)
                u[k] = u[k] == 0.0 ? -u[k] : 0.0, moved = 1;
            else if (x < 0.13)
                u[k] = NAN, moved = 1;
            else if (x < 0.15)
                beta = 100.0 * gsl_rng_uniform(r), moved = 1;
            else if (x < 0.17)
                rate = gsl_rng_uniform(r), moved = 1;
            ent_hedge_logit(w1, u, beta, rate);
            if (moved) {
                ent_i_hedge_logit_memo_step(w2, u, beta, rate, &memo);
            } else {
                ent_i_hedge_logit_memo_step_held(w2, w2, rate, &memo);
                held++;
            }
            moved = 0;
            for (int j = 0; j < ENT_HEDGE_N; j++)
                if (!same(w1[j], w2[j]))
                    fail_msg("path %d round %d: weight %d is %a with the memo, %a without", path, t, j,
                             w2[j], w1[j]);
        }
        assert_true(held > 0);
    }
    gsl_rng_free(r);
}

/* The optimal strategy's commitment step against its formula as the
** strategy wrote it, on random and edge inputs. */
static void test_commitment_step_bits(void **state)
{
    (void)state;
    static const double edge[] = { 0.0, -0.0, 1.0, 0.5, 1e-300, 1e300, -1.0, NAN, INFINITY };
    const size_t ne = sizeof edge / sizeof edge[0];
    gsl_rng *r = ent_rng_alloc();
    ent_rng_stream(r, 61, 62, 63);
    for (int c = 0; c < cases(300000); c++) {
        double x[5];
        for (int k = 0; k < 5; k++)
            x[k] = c % 3 == 0 ? edge[gsl_rng_uniform_int(r, ne)] : 10.0 * gsl_rng_uniform(r) - 1.0;
        double inertia = x[0], A = x[1], rho = x[2], E = x[3], prev = x[4];
        int round = 1 + (int)gsl_rng_uniform_int(r, 3);
        double k = ent_commitment_optimum(A, rho, E);
        double want = round == 1 ? k : (1.0 - inertia) * k + inertia * prev;
        double got = ent_i_commitment_optimal_step(inertia, round, A, rho, E, prev);
        if (!same(got, want))
            fail_msg("case %d: %a, the formula %a", c, got, want);
    }
    gsl_rng_free(r);
}

/* The logit step as it was written, with loops over the options (the step
** now writes the mix out for the three options). */
static void logit_step_loops(double *w, const double *u, double beta, double rate)
{
    double mx = u[0];
    for (int k = 1; k < ENT_HEDGE_N; k++)
        if (u[k] > mx) mx = u[k];
    double e[ENT_HEDGE_N], sum = 0.0, t[ENT_HEDGE_N];
    for (int k = 0; k < ENT_HEDGE_N; k++) {
        double x = beta * (u[k] - mx);
        e[k] = x == 0.0 ? 1.0 : exp(x);
        sum += e[k];
    }
    for (int k = 0; k < ENT_HEDGE_N; k++)
        t[k] = rate * e[k] / sum;
    double total = 0.0;
    for (int k = 0; k < ENT_HEDGE_N; k++) {
        w[k] = (1.0 - rate) * w[k] + t[k];
        total += w[k];
    }
    for (int k = 0; k < ENT_HEDGE_N; k++)
        w[k] /= total;
}

/* The step against it on random and edge weights, payoffs, beta and rate. */
static void test_logit_mix_bits(void **state)
{
    (void)state;
    static const double edge[] = { 0.0, -0.0, 1.0, 0.5, 1e-300, 1e300, NAN, INFINITY };
    const size_t ne = sizeof edge / sizeof edge[0];
    gsl_rng *r = ent_rng_alloc();
    ent_rng_stream(r, 31, 32, 33);
    for (int c = 0; c < cases(200000); c++) {
        double w1[ENT_HEDGE_N], w2[ENT_HEDGE_N], u[ENT_HEDGE_N];
        for (int k = 0; k < ENT_HEDGE_N; k++) {
            w1[k] = c % 5 == 0 ? edge[gsl_rng_uniform_int(r, ne)] : gsl_rng_uniform(r);
            u[k] = c % 7 == 0 ? edge[gsl_rng_uniform_int(r, ne)] : 10.0 * gsl_rng_uniform(r) - 5.0;
        }
        memcpy(w2, w1, sizeof w1);
        double beta = c % 11 == 0 ? edge[gsl_rng_uniform_int(r, ne)] : 100.0 * gsl_rng_uniform(r);
        double rate = c % 13 == 0 ? edge[gsl_rng_uniform_int(r, ne)] : gsl_rng_uniform(r);
        ent_hedge_logit(w1, u, beta, rate);
        logit_step_loops(w2, u, beta, rate);
        for (int k = 0; k < ENT_HEDGE_N; k++)
            if (!same(w1[k], w2[k]))
                fail_msg("case %d: weight %d is %a, with the loops %a", c, k, w1[k], w2[k]);
    }
    gsl_rng_free(r);
}

/* The beliefs stage's update without a tremble against ent_bayes_update. */
static void test_bayes_exact_bits(void **state)
{
    (void)state;
    static const double edge[] = { 0.0, -0.0, 1.0, 0.5, 1e-300, 4.9e-324, 1.0 - 1e-16, 2.0, -1.0, NAN,
                                   INFINITY };
    const size_t ne = sizeof edge / sizeof edge[0];
    gsl_rng *r = ent_rng_alloc();
    ent_rng_stream(r, 41, 42, 43);
    for (int c = 0; c < cases(300000); c++) {
        double x[3];
        for (int k = 0; k < 3; k++)
            x[k] = c % 3 == 0 ? edge[gsl_rng_uniform_int(r, ne)] : gsl_rng_uniform(r);
        double got = ent_i_bayes_update_exact(x[0], x[1], x[2]), want = ent_bayes_update(x[0], x[1], x[2], 0.0, 2);
        if (!same(got, want))
            fail_msg("case %d: (%a, %a, %a): %a, ent_bayes_update %a", c, x[0], x[1], x[2], got, want);
    }
    gsl_rng_free(r);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_best_response_bits),
        cmocka_unit_test(test_logit_memo_bits),
        cmocka_unit_test(test_nash_share_bits),
        cmocka_unit_test(test_logit_mix_bits),
        cmocka_unit_test(test_bayes_exact_bits),
        cmocka_unit_test(test_logit_memo_held_bits),
        cmocka_unit_test(test_commitment_step_bits),
        cmocka_unit_test(test_burden_inline_strategies_bits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
