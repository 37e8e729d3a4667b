/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_sensitivity.c: Sobol indices on functions whose indices are known in
** closed form: the Ishigami function (a = 7, b = 0.1; Ishigami & Homma 1990,
** Saltelli et al. 2008 section 4.x) and a linear model, evaluated on the
** engine's own Saltelli design.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include "entente/design.h"
#include "entente/rng.h"
#include "entente/sensitivity.h"

#define assert_near(a, b, eps) do { \
        double a_ = (a), b_ = (b); \
        if (!(fabs(a_ - b_) <= (eps))) \
            fail_msg("%s = %.17g, expected %.17g (within %g)", #a, a_, b_, (double)(eps)); \
    } while (0)

#define assert_within(v, lo, hi, what) do { \
        double v_ = (v), l_ = (lo), h_ = (hi); \
        if (!(v_ >= l_ && v_ <= h_)) \
            fail_msg("%s = %.6f outside its bootstrap interval [%.6f, %.6f]", what, v_, l_, h_); \
    } while (0)

typedef double (*model)(const double *x);

static double ishigami(const double *x)
{
    const double a = 7.0, b = 0.1;
    return sin(x[0]) + a * sin(x[1]) * sin(x[1]) + b * pow(x[2], 4) * sin(x[0]);
}

static double linear(const double *x)
{
    return 1.0 * x[0] + 2.0 * x[1] + 3.0 * x[2] + 100.0;   /* the offset must not matter */
}

/* Evaluate f on a Saltelli design of n base rows over U(lo, hi)^3. */
static void evaluate(model f, size_t n, double lo, double hi, double *fa, double *fb, double *fab)
{
    enum { K = 3 };
    ent_dist d[K];
    memset(d, 0, sizeof d);
    for (int j = 0; j < K; j++) {
        d[j].kind = ENT_DIST_UNIFORM;
        d[j].a = lo;
        d[j].b = hi;
    }
    ent_design *g = ent_design_alloc(ENT_DESIGN_SALTELLI, K, d, n, 1);
    assert_non_null(g);
    for (size_t j = 0; j < n; j++) {
        double x[K];
        ent_design_point(g, j * (K + 2), x);
        fa[j] = f(x);
        ent_design_point(g, j * (K + 2) + 1, x);
        fb[j] = f(x);
        for (size_t i = 0; i < K; i++) {
            ent_design_point(g, j * (K + 2) + 2 + i, x);
            fab[i * n + j] = f(x);
        }
    }
    ent_design_free(g);
}

static void test_ishigami(void **state)
{
    (void)state;
    /* closed forms (Sobol' & Levitan 1999; Saltelli et al. 2008):
    ** V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2, V1 = (1 + b pi^4/5)^2 / 2,
    ** V2 = a^2/8, V3 = 0, V13 = b^2 pi^8 (1/18 - 1/50) */
    const double a = 7.0, b = 0.1, p4 = pow(M_PI, 4), p8 = pow(M_PI, 8);
    double V = a * a / 8 + b * p4 / 5 + b * b * p8 / 18 + 0.5;
    double V1 = 0.5 * (1 + b * p4 / 5) * (1 + b * p4 / 5), V2 = a * a / 8;
    double V13 = b * b * p8 * (1.0 / 18 - 1.0 / 50);
    const double S[3] = { V1 / V, V2 / V, 0.0 };
    const double ST[3] = { (V1 + V13) / V, V2 / V, V13 / V };
    /* the published figures, as a check of the formulas above */
    assert_near(S[0], 0.3139, 5e-5);
    assert_near(S[1], 0.4424, 5e-5);
    assert_near(ST[0], 0.5576, 5e-5);
    assert_near(ST[2], 0.2437, 5e-5);

    enum { N = 4096 };
    double *fa = malloc(N * 5 * sizeof *fa), *fb = fa + N, *fab = fa + 2 * N;
    evaluate(ishigami, N, -M_PI, M_PI, fa, fb, fab);
    gsl_rng *r = ent_rng_alloc();
    ent_rng_stream(r, 5, 0, ENT_STREAM_BOOT);
    ent_sobol_index idx[3];
    double var;
    assert_int_equal(ent_sobol_indices(N, 3, fa, fb, fab, 500, 0.95, r, idx, &var), 0);
    assert_near(var, V, 0.05 * V);
    const char *names[3] = { "S1", "S2", "S3" }, *tnames[3] = { "ST1", "ST2", "ST3" };
    for (int i = 0; i < 3; i++) {
        assert_within(S[i], idx[i].s1_low, idx[i].s1_high, names[i]);
        assert_within(ST[i], idx[i].st_low, idx[i].st_high, tnames[i]);
        assert_near(idx[i].s1, S[i], 0.03);
        assert_near(idx[i].st, ST[i], 0.03);
        /* intervals are informative, not merely wide */
        assert_true(idx[i].s1_high - idx[i].s1_low < 0.1);
        assert_true(idx[i].st_high - idx[i].st_low < 0.1);
    }
    gsl_rng_free(r);
    free(fa);
}

static void test_linear(void **state)
{
    (void)state;
    /* y = sum c_i x_i with independent x_i: S_i = ST_i = c_i^2 Var x / sum_j c_j^2 Var x */
    enum { N = 2048 };
    double *fa = malloc(N * 5 * sizeof *fa), *fb = fa + N, *fab = fa + 2 * N;
    evaluate(linear, N, 0.0, 1.0, fa, fb, fab);
    ent_sobol_index idx[3];
    assert_int_equal(ent_sobol_indices(N, 3, fa, fb, fab, 0, 0.95, NULL, idx, NULL), 0);
    const double want[3] = { 1.0 / 14, 4.0 / 14, 9.0 / 14 };
    for (int i = 0; i < 3; i++) {
        assert_near(idx[i].s1, want[i], 0.01);
        assert_near(idx[i].st, want[i], 0.01);
        assert_true(isnan(idx[i].s1_low));      /* no bootstrap asked */
    }
    free(fa);
}

static void test_degenerate(void **state)
{
    (void)state;
    double fa[4] = { 2, 2, 2, 2 }, fb[4] = { 2, 2, 2, 2 }, fab[4] = { 2, 2, 2, 2 };
    ent_sobol_index idx[1];
    double var = 0;
    assert_int_equal(ent_sobol_indices(4, 1, fa, fb, fab, 10, 0.95, NULL, idx, &var), -1);
    assert_true(isnan(idx[0].s1) && isnan(idx[0].st) && isnan(var));
    fa[1] = NAN;
    assert_int_equal(ent_sobol_indices(4, 1, fa, fb, fab, 0, 0.95, NULL, idx, NULL), -1);
    assert_int_equal(ent_sobol_indices(1, 1, fa, fb, fab, 0, 0.95, NULL, idx, NULL), -1);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ishigami),
        cmocka_unit_test(test_linear),
        cmocka_unit_test(test_degenerate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
