/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_hedging.c: Bayes updates, DeGroot diffusion and its consensus,
** Friedkin-Johnsen, hedging portfolios on the simplex, Snyder's commitment.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_min.h>
#include "ent_test.h"
#include "entente/hedging.h"

/* theory.md section 13, recomputed here from the formula: prior P(committed)
** mu = 0.7; a transactional patron honours with probability 0.6; observing
** an honour gives mu' = mu / (mu + (1 - mu) 0.6). In our notation p = 1 - mu. */
static void test_bayes_honour(void **state)
{
    (void)state;
    double mu = 0.7, sigma = 0.6;
    double mu_post = mu / (mu + (1 - mu) * sigma);
    double p_post = ent_bayes_update(1 - mu, sigma, 1.0, 0.0, 2);
    assert_double_equal(1 - p_post, mu_post, 1e-15);
    assert_double_equal(1 - p_post, 0.7 / 0.88, 1e-15);
    /* reneging is impossible for the committed type: without tremble mu' = 0 */
    assert_double_equal(ent_bayes_update(1 - mu, 1 - sigma, 0.0, 0.0, 2), 1.0, 1e-15);
}

static void test_bayes_threat_signal(void **state)
{
    (void)state;
    /* P(threat | C) = 0.1, P(threat | T) = 0.6, mu = 0.7: mu' = 0.07 / 0.25 = 0.28 */
    double p = ent_bayes_update(0.3, 0.6, 0.1, 0.0, 2);
    assert_double_equal(1 - p, 0.07 / (0.07 + 0.18), 1e-15);
    assert_double_equal(1 - p, 0.28, 1e-12);
}

static void test_bayes_tremble(void **state)
{
    (void)state;
    /* with tremble eps over 4 event kinds: L' = 0.9 L + 0.025, by hand */
    double eps = 0.1;
    double lt = 0.9 * 0.0 + 0.025, lc = 0.9 * 1.0 + 0.025;
    double p = ent_bayes_update(0.4, 0.0, 1.0, eps, 4);
    assert_double_equal(p, 0.4 * lt / (0.4 * lt + 0.6 * lc), 1e-15);
    /* no event can drive the belief to 0 or 1, however often it is seen */
    double b = 0.5;
    for (int t = 0; t < 200; t++) {
        b = ent_bayes_update(b, 1.0, 0.0, eps, 4);
        assert_true(b > 0.0 && b < 1.0);
    }
    for (int t = 0; t < 400; t++) {
        b = ent_bayes_update(b, 0.0, 1.0, eps, 4);
        assert_true(b > 0.0 && b < 1.0);
    }
}

static const double W3[9] = { .7, .2, .1, .4, .4, .2, .3, .3, .4 };

static void test_degroot_influence_closed_form(void **state)
{
    (void)state;
    double pi[3];
    assert_int_equal(ent_degroot_influence(3, W3, pi), 0);
    /* pi W = pi by hand: pi = (6/11, 3/11, 2/11) */
    assert_double_equal(pi[0], 6.0 / 11, 1e-12);
    assert_double_equal(pi[1], 3.0 / 11, 1e-12);
    assert_double_equal(pi[2], 2.0 / 11, 1e-12);
}

static void test_degroot_converges_to_consensus(void **state)
{
    (void)state;
    double p[3] = { .2, .5, .8 }, q[3], open[3] = { 1, 1, 1 }, pi[3];
    ent_degroot_influence(3, W3, pi);
    double consensus = pi[0] * .2 + pi[1] * .5 + pi[2] * .8;
    assert_double_equal(consensus, (6 * .2 + 3 * .5 + 2 * .8) / 11, 1e-15);
    for (int t = 0; t < 200; t++) {
        ent_degroot_step(3, W3, open, p, q);
        memcpy(p, q, sizeof p);
    }
    for (int i = 0; i < 3; i++)
        assert_double_equal(p[i], consensus, 1e-9);
}

/* A larger random strongly connected aperiodic network: iteration meets the
** eigenvector consensus; an ally nobody links it to (zero row) keeps its belief. */
static void test_degroot_network(void **state)
{
    (void)state;
    enum { N = 6 };
    double W[N * N] = {
        .5, .5, 0, 0, 0, 0,
        0, .4, .3, .3, 0, 0,
        .2, 0, .6, 0, .2, 0,
        0, 0, .5, .5, 0, 0,
        .3, 0, 0, .3, .4, 0,
        0, 0, 0, 0, 0, 0,       /* ally 5 watches no one */
    };
    double p[N] = { .9, .1, .5, .3, .7, .25 }, q[N], open[N] = { 1, .5, .8, 1, .6, 1 };
    double pi[N - 1], Wsub[(N - 1) * (N - 1)];
    for (int i = 0; i < N - 1; i++)
        for (int j = 0; j < N - 1; j++)
            Wsub[i * (N - 1) + j] = W[i * N + j];
    /* openness below 1 is a lazy walk: W' = (1-w) I + w W shares the consensus only
    ** weighted by 1/w; compute the consensus of the effective matrix instead */
    double Weff[(N - 1) * (N - 1)];
    for (int i = 0; i < N - 1; i++)
        for (int j = 0; j < N - 1; j++)
            Weff[i * (N - 1) + j] = (i == j ? 1 - open[i] : 0) + open[i] * Wsub[i * (N - 1) + j];
    assert_int_equal(ent_degroot_influence(N - 1, Weff, pi), 0);
    double consensus = 0;
    for (int i = 0; i < N - 1; i++) consensus += pi[i] * p[i];
    for (int t = 0; t < 2000; t++) {
        ent_degroot_step(N, W, open, p, q);
        memcpy(p, q, sizeof p);
    }
    for (int i = 0; i < N - 1; i++)
        assert_double_equal(p[i], consensus, 1e-9);
    assert_double_equal(p[5], .25, 0);
}

static void test_friedkin_johnsen(void **state)
{
    (void)state;
    double lam[3] = { .5, .5, .5 }, own[3] = { .2, .5, .8 }, out[3];
    assert_int_equal(ent_friedkin_johnsen(3, W3, lam, own, out), 0);
    /* check the fixed point equation p = L W p + (I - L) own directly */
    for (int i = 0; i < 3; i++) {
        double wp = 0;
        for (int j = 0; j < 3; j++) wp += W3[i * 3 + j] * out[j];
        assert_double_equal(out[i], .5 * wp + .5 * own[i], 1e-14);
    }
    /* and by iteration */
    double p[3] = { .2, .5, .8 };
    for (int t = 0; t < 200; t++) {
        double q[3];
        for (int i = 0; i < 3; i++) {
            double wp = 0;
            for (int j = 0; j < 3; j++) wp += W3[i * 3 + j] * p[j];
            q[i] = .5 * wp + .5 * own[i];
        }
        memcpy(p, q, sizeof p);
    }
    for (int i = 0; i < 3; i++)
        assert_double_equal(p[i], out[i], 1e-12);
}

static void assert_on_simplex(const double *w)
{
    double s = 0;
    for (int k = 0; k < ENT_HEDGE_N; k++) {
        assert_true(w[k] >= 0.0 && w[k] <= 1.0);
        s += w[k];
    }
    assert_double_equal(s, 1.0, 1e-12);
}

static void test_portfolios_stay_on_simplex(void **state)
{
    (void)state;
    double w1[3] = { 1, 0, 0 }, w2[3] = { 0.2, 0.3, 0.5 };
    const double u[][3] = { { 1, -2, 0.5 }, { -50, 80, 3 }, { 700, -700, 0 }, { 0, 0, 0 } };
    for (int r = 0; r < 200; r++) {
        const double *ur = u[r % 4];
        ent_hedge_logit(w1, ur, 3.0, 0.3);
        ent_hedge_replicator(w2, ur, 0.5, 1e-9);
        assert_on_simplex(w1);
        assert_on_simplex(w2);
    }
}

static void test_portfolio_moves_to_best_option(void **state)
{
    (void)state;
    double u[3] = { 0.1, 0.0, 0.5 };   /* binding pays most */
    double w[3] = { 0.8, 0.1, 0.1 }, v[3] = { 0.8, 0.1, 0.1 };
    for (int t = 0; t < 500; t++) {
        ent_hedge_logit(w, u, 50.0, 0.2);
        ent_hedge_replicator(v, u, 1.0, 1e-12);
    }
    assert_true(w[ENT_HEDGE_BIND] > 0.99);
    assert_true(v[ENT_HEDGE_BIND] > 0.99);
    /* logit's fixed point is the softmax itself */
    double e0 = exp(50 * 0.1), e1 = 1.0, e2 = exp(50 * 0.5);
    assert_double_equal(w[2], e2 / (e0 + e1 + e2), 1e-9);
}

static void test_hedging_index(void **state)
{
    (void)state;
    double pure[3] = { 1, 0, 0 }, bal[3] = { 0, 1, 0 }, mix[3] = { 0.5, 0.25, 0.25 };
    assert_double_equal(ent_hedging_index(pure), 0.0, 0);
    assert_double_equal(ent_hedging_index(bal), 1.0, 1e-15);
    assert_double_equal(ent_hedging_index(mix), sqrt((0.25 + 0.0625 + 0.0625) / 2), 1e-15);
}

/* Snyder: with A = alpha, rho = 1, E = eps the optimum is min(1, alpha / eps);
** alpha = 0.6, eps = 1 gives 0.6 (theory.md section 9), and a minimiser agrees. */
typedef struct { double A, rho, E; } loss_p;
static double loss(double k, void *vp)
{
    const loss_p *p = vp;
    return ent_abandonment_fear(p->A, p->rho, k) + ent_entrapment_fear(p->E, k);
}

static void test_commitment_optimum(void **state)
{
    (void)state;
    assert_double_equal(ent_commitment_optimum(0.6, 1.0, 1.0), 0.6, 1e-15);
    assert_double_equal(ent_commitment_optimum(2.0, 1.0, 1.0), 1.0, 0);
    const loss_p cases[] = { { 0.6, 1.0, 1.0 }, { 0.3, 0.8, 0.9 }, { 0.05, 0.5, 2.0 } };
    for (size_t c = 0; c < 3; c++) {
        loss_p p = cases[c];
        gsl_function F = { loss, &p };
        gsl_min_fminimizer *s = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
        double k0 = ent_commitment_optimum(p.A, p.rho, p.E);
        gsl_min_fminimizer_set(s, &F, k0 > 0.02 && k0 < 0.98 ? k0 : 0.5, 0.0, 1.0);
        for (int it = 0; it < 100; it++) {
            gsl_min_fminimizer_iterate(s);
            if (gsl_min_test_interval(gsl_min_fminimizer_x_lower(s), gsl_min_fminimizer_x_upper(s),
                                      1e-10, 0) == GSL_SUCCESS)
                break;
        }
        assert_double_equal(gsl_min_fminimizer_x_minimum(s), p.rho * p.A / p.E, 1e-7);
        gsl_min_fminimizer_free(s);
    }
    /* comparative statics: more abandonment risk, more commitment; more entrapment cost, less */
    assert_true(ent_commitment_optimum(0.5, 1, 1) > ent_commitment_optimum(0.4, 1, 1));
    assert_true(ent_commitment_optimum(0.5, 1, 1.2) < ent_commitment_optimum(0.5, 1, 1));
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bayes_honour),
        cmocka_unit_test(test_bayes_threat_signal),
        cmocka_unit_test(test_bayes_tremble),
        cmocka_unit_test(test_degroot_influence_closed_form),
        cmocka_unit_test(test_degroot_converges_to_consensus),
        cmocka_unit_test(test_degroot_network),
        cmocka_unit_test(test_friedkin_johnsen),
        cmocka_unit_test(test_portfolios_stay_on_simplex),
        cmocka_unit_test(test_portfolio_moves_to_best_option),
        cmocka_unit_test(test_hedging_index),
        cmocka_unit_test(test_commitment_optimum),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
