/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_evolution.c: replicator dynamics against closed-form solutions
** (logistic growth; the conserved product of rock-paper-scissors; the
** Hawk-Dove interior rest point) and the Moran process against the
** fixation probability (1 - 1/r)/(1 - 1/r^N) of constant fitness r.
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <cmocka.h>
#include <gsl/gsl_errno.h>
#include "entente/game_tournament.h"
#include "entente/rng.h"

/* Strategy 1 earns 1 and strategy 2 earns 0 against everyone: dx/dt = x(1-x),
** so x(t) = x0 e^t / (1 - x0 + x0 e^t). */
static void test_replicator_logistic(void **state)
{
    (void)state;
    const double A[4] = { 1, 1, 0, 0 };
    const double x0[2] = { 0.1, 0.9 };
    double traj[11 * 2];
    assert_int_equal(ent_replicator(2, A, x0, 5.0, 10, traj), 0);
    for (int k = 0; k <= 10; k++) {
        double t = 0.5 * k;
        double x = 0.1 * exp(t) / (0.9 + 0.1 * exp(t));
        assert_float_equal(traj[k * 2], x, 1e-8);
        assert_float_equal(traj[k * 2] + traj[k * 2 + 1], 1.0, 1e-9);
    }
}

/* Zero-sum rock-paper-scissors: x1 x2 x3 is a constant of motion. */
static void test_replicator_rps(void **state)
{
    (void)state;
    const double A[9] = { 0, -1, 1, 1, 0, -1, -1, 1, 0 };
    const double x0[3] = { 0.5, 0.3, 0.2 };
    double traj[51 * 3];
    assert_int_equal(ent_replicator(3, A, x0, 50.0, 50, traj), 0);
    double h0 = 0.5 * 0.3 * 0.2;
    for (int k = 0; k <= 50; k++)
        assert_float_equal(traj[k * 3] * traj[k * 3 + 1] * traj[k * 3 + 2], h0, 1e-8);
}

/* Hawk-Dove with V = 2, C = 4: hawks against hawks (V-C)/2 = -1, hawk vs dove
** V = 2, dove vs hawk 0, doves V/2 = 1; the stable mix has V/C = 1/2 hawks. */
static void test_replicator_hawk_dove(void **state)
{
    (void)state;
    const double A[4] = { -1, 2, 0, 1 };
    const double x0[2] = { 0.05, 0.95 };
    double traj[2 * 2];
    assert_int_equal(ent_replicator(2, A, x0, 60.0, 1, traj), 0);
    assert_float_equal(traj[2], 0.5, 1e-6);
}

/* Mutant fitness r, resident 1 (payoffs r and 1 whatever the partner, w = 1). */
static void test_moran_closed_form(void **state)
{
    (void)state;
    const int sizes[] = { 2, 5, 10, 30 };
    const double rs[] = { 0.8, 1.1, 1.5, 3.0 };
    for (size_t a = 0; a < 4; a++)
        for (size_t b = 0; b < 4; b++) {
            int N = sizes[a];
            double r = rs[b];
            double exact = (1 - 1 / r) / (1 - pow(r, -N));
            assert_float_equal(ent_moran_fixation(N, 1.0, 1, 1, r, r), exact, 1e-12);
        }
    /* neutral: 1/N */
    assert_float_equal(ent_moran_fixation(10, 0.5, 2, 2, 2, 2), 0.1, 1e-12);
}

static void test_moran_simulation(void **state)
{
    (void)state;
    gsl_rng *g = ent_rng_alloc();
    const int N[] = { 10, 20 };
    const double rs[] = { 1.5, 0.9 };
    for (int k = 0; k < 2; k++) {
        int trials = 40000;
        double r = rs[k];
        double exact = (1 - 1 / r) / (1 - pow(r, -N[k]));
        ent_rng_stream(g, 31, (uint64_t)k, 0);
        double sim = ent_moran_simulate(N[k], 1.0, 1, 1, r, r, trials, g);
        double se = sqrt(exact * (1 - exact) / trials);
        if (fabs(sim - exact) >= 4 * se)
            print_error("N %d r %g: simulated %g, exact %g, se %g\n", N[k], r, sim, exact, se);
        assert_true(fabs(sim - exact) < 4 * se);     /* inside the 99.99% interval */
    }
    /* a fitness that is not positive is refused */
    assert_true(isnan(ent_moran_simulate(5, 1.0, -1, -1, 1, 1, 10, g)));
    assert_true(isnan(ent_moran_fixation(5, 1.0, -1, -1, 1, 1)));
    gsl_rng_free(g);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_replicator_logistic),
        cmocka_unit_test(test_replicator_rps),
        cmocka_unit_test(test_replicator_hawk_dove),
        cmocka_unit_test(test_moran_closed_form),
        cmocka_unit_test(test_moran_simulation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
