/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_bargain.c: the bargaining closed forms against exact fractions, hand
** computations and independent numerical solutions (backward induction of a
** long finite-horizon Rubinstein game; direct maximisation of Nash products).
*/
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <gsl/gsl_errno.h>
#include "entente/bargain.h"

#define TOL 1e-12

static void near(double got, double want, double tol)
{
    if (!(fabs(got - want) <= tol))
        fail_msg("got %.17g, want %.17g (tolerance %g)", got, want, tol);
}

/* Proposer's share in a T-period alternating-offers game in which the last
** proposer takes everything, by backward induction. Player 1 proposes first. */
static double finite_horizon_share(double d1, double d2, int T)
{
    double x = 1.0;                 /* share of the proposer in the last period */
    for (int t = T - 1; t >= 1; t--) {
        /* the proposer at t is player 1 if t is odd; it offers the responder
        ** exactly the discounted value of being the proposer at t + 1 */
        double d_resp = (t % 2 == 1) ? d2 : d1;
        x = 1.0 - d_resp * x;
    }
    return x;
}

static void test_rubinstein_exact(void **state)
{
    (void)state;
    /* exact fractions of (1 - d2)/(1 - d1 d2), worked by hand */
    near(ent_rubinstein_share(0.9, 0.9), 10.0 / 19.0, TOL);
    near(ent_rubinstein_share(0.95, 0.8), 5.0 / 6.0, TOL);
    near(ent_rubinstein_share(0.8, 0.95), 5.0 / 24.0, TOL);
    near(ent_rubinstein_share(0.99, 0.99), 100.0 / 199.0, TOL);
    near(ent_rubinstein_share(0.5, 0.5), 2.0 / 3.0, TOL);
    near(ent_rubinstein_share(0.6, 0.3), 35.0 / 41.0, TOL);
    near(ent_rubinstein_share(0.0, 0.7), 0.3, TOL);
    near(ent_rubinstein_share(0.7, 0.0), 1.0, TOL);
}

static void test_rubinstein_backward_induction(void **state)
{
    (void)state;
    const double pairs[][2] = { { 0.9, 0.9 }, { 0.95, 0.8 }, { 0.8, 0.95 }, { 0.99, 0.99 },
                                { 0.5, 0.5 }, { 0.6, 0.3 } };
    for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
        double d1 = pairs[k][0], d2 = pairs[k][1];
        double x1 = ent_rubinstein_share(d1, d2);
        /* an odd horizon long enough that (d1 d2)^(T/2) is far below 1e-12 */
        near(x1, finite_horizon_share(d1, d2, 6001), TOL);
        /* stationarity: each responder is indifferent between accepting and
        ** proposing next period */
        double x2 = ent_rubinstein_share(d2, d1);
        near(1.0 - x1, d2 * x2, TOL);
        near(1.0 - x2, d1 * x1, TOL);
    }
}

static void test_outside_option_principle(void **state)
{
    (void)state;
    const double pairs[][2] = { { 0.9, 0.9 }, { 0.95, 0.8 }, { 0.8, 0.95 }, { 0.5, 0.5 }, { 0.6, 0.3 } };
    for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
        double d1 = pairs[k][0], d2 = pairs[k][1];
        double star = ent_rubinstein_share(d1, d2);
        double resp = 1.0 - star;       /* the responder's equilibrium payoff */
        double x;
        /* an option below the responder's share does not bind */
        assert_int_equal(ent_rubinstein_outside(d1, d2, -1.0, 0.5 * resp, &x), 1);
        near(x, star, TOL);
        assert_int_equal(ent_rubinstein_outside(d1, d2, -1.0, resp - 1e-6, &x), 1);
        near(x, star, TOL);
        /* above it, the responder gets exactly its option */
        double b = resp + 0.5 * (1.0 - resp);
        assert_int_equal(ent_rubinstein_outside(d1, d2, -1.0, b, &x), 1);
        near(1.0 - x, b, TOL);
    }
    /* hand case: (0.9, 0.9), responder option 0.6 > 9/19: proposer 0.4 */
    double x;
    assert_int_equal(ent_rubinstein_outside(0.9, 0.9, 0.0, 0.6, &x), 1);
    near(x, 0.4, TOL);
    /* the proposer's own option 0.5 beats the 0.4 left to it: no agreement */
    x = -7.0;
    assert_int_equal(ent_rubinstein_outside(0.9, 0.9, 0.5, 0.6, &x), 0);
    near(x, -7.0, 0.0);
}

/* Maximise w ln(u1 - d1) + (1 - w) ln(pie - u1 - d2) by golden-section search. */
static double nash_numeric(double w, double d1, double d2, double pie)
{
    double lo = d1, hi = pie - d2, g = (sqrt(5.0) - 1.0) / 2.0;
    for (int it = 0; it < 200; it++) {
        double a = hi - g * (hi - lo), b = lo + g * (hi - lo);
        double fa = w * log(a - d1) + (1 - w) * log(pie - a - d2);
        double fb = w * log(b - d1) + (1 - w) * log(pie - b - d2);
        if (fa < fb) lo = a; else hi = b;
    }
    return 0.5 * (lo + hi);
}

static void test_nash_split(void **state)
{
    (void)state;
    double u;
    /* hand-computed u1 = d1 + w (1 - d1 - d2) */
    assert_int_equal(ent_nash_split(0.5, 0.3, 0.1, 1.0, &u), 1);
    near(u, 0.6, TOL);
    assert_int_equal(ent_nash_split(0.8, 0.3, 0.1, 1.0, &u), 1);
    near(u, 0.78, TOL);
    assert_int_equal(ent_nash_split(0.25, 0.0, 0.0, 1.0, &u), 1);
    near(u, 0.25, TOL);
    assert_int_equal(ent_nash_split(0.6, -0.2, 0.4, 1.0, &u), 1);
    near(u, 0.28, TOL);
    assert_int_equal(ent_nash_split(0.3, 2.0, 1.0, 10.0, &u), 1);
    near(u, 4.1, TOL);
    /* each against a direct maximisation of the Nash product */
    const double cases[][4] = { { 0.5, 0.3, 0.1, 1.0 }, { 0.8, 0.3, 0.1, 1.0 }, { 0.25, 0.0, 0.0, 1.0 },
                                { 0.6, -0.2, 0.4, 1.0 }, { 0.3, 2.0, 1.0, 10.0 } };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        ent_nash_split(cases[k][0], cases[k][1], cases[k][2], cases[k][3], &u);
        near(u, nash_numeric(cases[k][0], cases[k][1], cases[k][2], cases[k][3]), 1e-7);
    }
    /* no gain from agreement */
    u = -1.0;
    assert_int_equal(ent_nash_split(0.5, 0.7, 0.4, 1.0, &u), 0);
    near(u, -1.0, 0.0);
}

static void test_nash_transfer_and_power(void **state)
{
    (void)state;
    /* theory 3: t* = w Xa - (1 - w) Xu; beta = 1/2 gives (Xa - Xu)/2 */
    near(ent_nash_transfer(0.5, 10.0, 4.0), 3.0, TOL);
    near(ent_nash_transfer(0.7, 10.0, 4.0), 5.8, TOL);
    /* the transfer maximises (Xa - t)^(1-w) (Xu + t)^w: compare with the split of
    ** the pie Xa + Xu with disagreement (0, 0) shifted by -Xu */
    double u;
    ent_nash_split(0.7, 0.0, 0.0, 14.0, &u);
    near(ent_nash_transfer(0.7, 10.0, 4.0), u - 4.0, TOL);
    /* the less dependent side has more power */
    near(ent_power_interdependence(30.0, 10.0), 0.75, TOL);
    near(ent_power_interdependence(0.0, 0.0), 0.5, TOL);
    assert_true(ent_power_interdependence(30.0, 10.0) > ent_power_interdependence(20.0, 10.0));
    /* with that power the transfer is the whole dependence gap: H^2/(H+X) - X^2/(H+X) = H - X */
    double w = ent_power_interdependence(30.0, 10.0);
    near(ent_nash_transfer(w, 30.0, 10.0), 20.0, TOL);
}

static void test_fearon_and_linkage(void **state)
{
    (void)state;
    double lo, hi;
    ent_fearon_range(0.7, 0.1, 0.15, &lo, &hi);
    near(lo, 0.6, TOL);
    near(hi, 0.85, TOL);
    /* theory 11: beta 1/2, tau 0.2, kappa 0.05: -0.1 + 0.025 */
    near(ent_linkage_ally_change(0.5, 0.2, 0.05), -0.075, TOL);
    /* coercion pays iff w tau > (1 - w) kappa */
    assert_true(ent_linkage_ally_change(0.5, 0.04, 0.05) > 0.0);
}

static void test_expected_utility_threshold(void **state)
{
    (void)state;
    /* harm 50, cost 10, sovereignty 5: threshold belief 15/50 = 0.3 */
    near(ent_eu_threshold(50.0, 10.0, 5.0), 0.3, TOL);
    assert_true(ent_eu_complies(0.3, 50.0, 10.0, 5.0));
    assert_false(ent_eu_complies(0.2999, 50.0, 10.0, 5.0));
    assert_true(ent_eu_complies(0.9, 50.0, 10.0, 5.0));
    assert_true(isinf(ent_eu_threshold(0.0, 1.0, 0.0)));
}

static void test_ratify_fail_prob(void **state)
{
    (void)state;
    near(ent_ratify_fail_prob(0.9, 1.0, 2.0), 0.0, 0.0);
    near(ent_ratify_fail_prob(1.0, 1.0, 2.0), 0.0, 0.0);
    near(ent_ratify_fail_prob(1.5, 1.0, 2.0), 1.0 - exp(-1.0), TOL);
    near(ent_ratify_fail_prob(3.0, 1.0, 0.5), 1.0 - exp(-1.0), TOL);
    near(ent_ratify_fail_prob(0.1, 0.0, 2.0), 1.0, 0.0);
    /* strictly rising in the gap, bounded by 1 */
    double prev = 0.0;
    for (int k = 1; k <= 200; k++) {
        double q = ent_ratify_fail_prob(2.0 + 0.05 * k, 2.0, 1.5);
        assert_true(q > prev);
        assert_true(q < 1.0);
        prev = q;
    }
}

static void test_winset_deal(void **state)
{
    (void)state;
    double deal = -1.0;
    assert_int_equal(ent_winset_deal(10.0, 12.0, 4.0, &deal), 1);
    near(deal, 10.0, 0.0);
    assert_int_equal(ent_winset_deal(10.0, 6.0, 4.0, &deal), 1);
    near(deal, 6.0, 0.0);
    /* Schelling: a smaller win-set, a better deal for the ally ... */
    double d1, d2;
    ent_winset_deal(10.0, 8.0, 4.0, &d1);
    ent_winset_deal(10.0, 5.0, 4.0, &d2);
    assert_true(d2 < d1);
    /* ... until it falls below the patron's reservation: no deal */
    deal = -1.0;
    assert_int_equal(ent_winset_deal(10.0, 3.0, 4.0, &deal), 0);
    near(deal, -1.0, 0.0);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rubinstein_exact),
        cmocka_unit_test(test_rubinstein_backward_induction),
        cmocka_unit_test(test_outside_option_principle),
        cmocka_unit_test(test_nash_split),
        cmocka_unit_test(test_nash_transfer_and_power),
        cmocka_unit_test(test_fearon_and_linkage),
        cmocka_unit_test(test_expected_utility_threshold),
        cmocka_unit_test(test_ratify_fail_prob),
        cmocka_unit_test(test_winset_deal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
