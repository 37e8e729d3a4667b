/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_design.c: the sweep designs and distributions. The grid enumerates
** its product, a Latin hypercube has one point per stratum, the Sobol points
** match the published sequence, Saltelli rows are built from A and B, and
** sample moments match the closed forms.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <string.h>
#include <stdlib.h>
#include <cmocka.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_randist.h>
#include "entente/design.h"
#include "entente/rng.h"

/* |a - b| <= eps, with both values in the message */
#define assert_near(a, b, eps) do { \
        double a_ = (a), b_ = (b); \
        if (!(fabs(a_ - b_) <= (eps))) \
            fail_msg("%s = %.17g, expected %.17g (within %g)", #a, a_, b_, (double)(eps)); \
    } while (0)

static void set_uniform(ent_dist *d, double lo, double hi)
{
    memset(d, 0, sizeof *d);
    d->kind = ENT_DIST_UNIFORM;
    d->a = lo;
    d->b = hi;
}

static void test_grid_product(void **state)
{
    (void)state;
    ent_dist d[3];
    const double a[2] = { 1, 2 }, b[3] = { 10, 20, 30 }, c[4] = { 0.1, 0.2, 0.3, 0.4 };
    assert_int_equal(ent_dist_set_values(&d[0], ENT_DIST_VALUES, a, NULL, 2), 0);
    assert_int_equal(ent_dist_set_values(&d[1], ENT_DIST_VALUES, b, NULL, 3), 0);
    assert_int_equal(ent_dist_set_values(&d[2], ENT_DIST_VALUES, c, NULL, 4), 0);
    ent_design *g = ent_design_alloc(ENT_DESIGN_GRID, 3, d, 0, 1);
    assert_non_null(g);
    assert_int_equal(ent_design_points(g), 24);
    int seen[2][3][4];
    memset(seen, 0, sizeof seen);
    for (uint64_t p = 0; p < 24; p++) {
        double x[3];
        ent_design_point(g, p, x);
        int i = -1, j = -1, k = -1;
        for (int q = 0; q < 2; q++) if (x[0] == a[q]) i = q;
        for (int q = 0; q < 3; q++) if (x[1] == b[q]) j = q;
        for (int q = 0; q < 4; q++) if (x[2] == c[q]) k = q;
        assert_true(i >= 0 && j >= 0 && k >= 0);
        /* nested loops in the order given: the last parameter varies fastest */
        assert_int_equal((uint64_t)(i * 12 + j * 4 + k), p);
        seen[i][j][k]++;
    }
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 3; j++)
            for (int k = 0; k < 4; k++)
                assert_int_equal(seen[i][j][k], 1);
    ent_design_free(g);
    /* a grid over a distribution is refused */
    ent_dist u;
    set_uniform(&u, 0, 1);
    assert_null(ent_design_alloc(ENT_DESIGN_GRID, 1, &u, 0, 1));
    for (int i = 0; i < 3; i++)
        ent_dist_free(&d[i]);
}

/* Each dimension's strata floor(F(x) n) form a permutation of 0..n-1. */
static void test_lhs_strata(void **state)
{
    (void)state;
    enum { N = 97, K = 3 };
    ent_dist d[K];
    set_uniform(&d[0], 0, 1);
    set_uniform(&d[1], -5, 3);
    memset(&d[2], 0, sizeof d[2]);
    d[2].kind = ENT_DIST_NORMAL;
    d[2].a = 2.0;
    d[2].b = 0.5;
    for (uint64_t seed = 1; seed <= 5; seed++) {
        ent_design *g = ent_design_alloc(ENT_DESIGN_LHS, K, d, N, seed);
        assert_non_null(g);
        int count[K][N];
        memset(count, 0, sizeof count);
        for (uint64_t p = 0; p < N; p++) {
            double x[K];
            ent_design_point(g, p, x);
            double f[K] = { x[0], (x[1] + 5) / 8, gsl_cdf_gaussian_P(x[2] - 2.0, 0.5) };
            for (int j = 0; j < K; j++) {
                int s = (int)floor(f[j] * N);
                assert_true(s >= 0 && s < N);
                count[j][s]++;
            }
        }
        for (int j = 0; j < K; j++)
            for (int s = 0; s < N; s++)
                assert_int_equal(count[j][s], 1);
        ent_design_free(g);
    }
}

/* Reference Sobol generator (Gray-code construction, Antonov & Saleev 1979)
** for dimensions 1 and 2: direction numbers v_k = m_k / 2^k with m_k = 1 in
** dimension 1 and, for the primitive polynomial x + 1, m_1 = 1,
** m_k = 2 m_{k-1} xor m_{k-1} in dimension 2 (Bratley & Fox 1988). */
static void sobol_ref(int n, double out[][2])
{
    uint32_t v[2][31];
    uint32_t m = 1;
    for (int k = 1; k <= 30; k++) {
        v[0][k] = 1u << (31 - k);                   /* m_k = 1 */
        if (k > 1)
            m = (m << 1) ^ m;
        v[1][k] = m << (31 - k);
    }
    uint32_t x[2] = { 0, 0 };
    for (int i = 1; i <= n; i++) {
        /* c: position of the lowest zero bit of i - 1 */
        int c = 1;
        for (uint32_t t = (uint32_t)(i - 1); t & 1u; t >>= 1)
            c++;
        for (int j = 0; j < 2; j++) {
            x[j] ^= v[j][c];
            out[i - 1][j] = (double)x[j] / 2147483648.0;
        }
    }
}

static void test_sobol_published(void **state)
{
    (void)state;
    /* the first points of the two-dimensional Sobol sequence (zero skipped) */
    static const double published[8][2] = {
        { 0.5, 0.5 }, { 0.75, 0.25 }, { 0.25, 0.75 }, { 0.375, 0.375 },
        { 0.875, 0.875 }, { 0.625, 0.125 }, { 0.125, 0.625 }, { 0.1875, 0.3125 },
    };
    ent_dist d[2];
    set_uniform(&d[0], 0, 1);
    set_uniform(&d[1], 0, 1);
    ent_design *g = ent_design_alloc(ENT_DESIGN_SOBOL, 2, d, 256, 7);
    assert_non_null(g);
    double ref[256][2];
    sobol_ref(256, ref);
    for (int i = 0; i < 8; i++) {
        assert_near(ref[i][0], published[i][0], 0.0);
        assert_near(ref[i][1], published[i][1], 0.0);
    }
    for (int i = 0; i < 256; i++) {
        double u[2], x[2];
        ent_design_unit(g, (uint64_t)i, u);
        ent_design_point(g, (uint64_t)i, x);
        assert_near(u[0], ref[i][0], 0.0);
        assert_near(u[1], ref[i][1], 0.0);
        assert_near(x[0], ref[i][0], 1e-15);
        assert_near(x[1], ref[i][1], 1e-15);
    }
    /* going back restarts the sequence */
    double u[2];
    ent_design_unit(g, 3, u);
    assert_near(u[0], 0.375, 0.0);
    ent_design_free(g);
}

/* Saltelli rows: A_j, B_j, then A_j with column i from B_j. */
static void test_saltelli_rows(void **state)
{
    (void)state;
    enum { K = 3, N = 16 };
    ent_dist d[K];
    for (int j = 0; j < K; j++)
        set_uniform(&d[j], 0, 1);
    ent_design *g = ent_design_alloc(ENT_DESIGN_SALTELLI, K, d, N, 1);
    assert_non_null(g);
    assert_int_equal(ent_design_points(g), N * (K + 2));
    for (uint64_t j = 0; j < N; j++) {
        double a[K], b[K], ab[K];
        ent_design_unit(g, j * (K + 2), a);
        ent_design_unit(g, j * (K + 2) + 1, b);
        for (int i = 0; i < K; i++) {
            ent_design_unit(g, j * (K + 2) + 2 + (uint64_t)i, ab);
            for (int c = 0; c < K; c++)
                assert_near(ab[c], c == i ? b[c] : a[c], 0.0);
        }
        if (j == 0) {
            /* the first Sobol point of 2K dimensions is all 1/2 */
            for (int c = 0; c < K; c++) {
                assert_near(a[c], 0.5, 0.0);
                assert_near(b[c], 0.5, 0.0);
            }
        }
    }
    ent_design_free(g);
    assert_null(ent_design_alloc(ENT_DESIGN_SALTELLI, 21, d, N, 1));   /* 42 > 40 dimensions */
}

/* Random points depend only on (seed, point), not on the order of requests. */
static void test_random_order_free(void **state)
{
    (void)state;
    ent_dist d[2];
    set_uniform(&d[0], 0, 1);
    memset(&d[1], 0, sizeof d[1]);
    d[1].kind = ENT_DIST_NORMAL;
    d[1].a = 0;
    d[1].b = 1;
    ent_design *g1 = ent_design_alloc(ENT_DESIGN_RANDOM, 2, d, 100, 42);
    ent_design *g2 = ent_design_alloc(ENT_DESIGN_RANDOM, 2, d, 100, 42);
    ent_design *g3 = ent_design_alloc(ENT_DESIGN_RANDOM, 2, d, 100, 43);
    double x[100][2], y[2], z[2];
    for (int p = 0; p < 100; p++)
        ent_design_point(g1, (uint64_t)p, x[p]);
    int differ = 0;
    for (int p = 99; p >= 0; p--) {
        ent_design_point(g2, (uint64_t)p, y);
        ent_design_point(g3, (uint64_t)p, z);
        assert_near(x[p][0], y[0], 0.0);
        assert_near(x[p][1], y[1], 0.0);
        differ += z[0] != y[0];
    }
    assert_true(differ > 95);
    ent_design_free(g1);
    ent_design_free(g2);
    ent_design_free(g3);
}

/* ---- distributions: moments against closed forms ---------------------- */

typedef struct {
    ent_dist d;
    double mean, var;
} moment_case;

static void make_cases(moment_case *c, size_t *n)
{
    size_t k = 0;
    memset(c, 0, 8 * sizeof *c);
    c[k].d.kind = ENT_DIST_UNIFORM; c[k].d.a = 0.2; c[k].d.b = 0.9;
    c[k].mean = 0.55; c[k].var = 0.49 / 12; k++;
    c[k].d.kind = ENT_DIST_NORMAL; c[k].d.a = 3; c[k].d.b = 0.7;
    c[k].mean = 3; c[k].var = 0.49; k++;
    {
        /* truncated normal: mu + sigma (phi(a) - phi(b)) / Z, and its variance */
        double mu = 0.3, s = 0.2, lo = 0.0, hi = 1.0, al = (lo - mu) / s, be = (hi - mu) / s;
        double Z = gsl_cdf_ugaussian_P(be) - gsl_cdf_ugaussian_P(al);
        double pa = gsl_ran_ugaussian_pdf(al), pb = gsl_ran_ugaussian_pdf(be);
        c[k].d.kind = ENT_DIST_TRUNCNORMAL; c[k].d.a = mu; c[k].d.b = s; c[k].d.c = lo; c[k].d.d = hi;
        c[k].mean = mu + s * (pa - pb) / Z;
        c[k].var = s * s * (1 + (al * pa - be * pb) / Z - ((pa - pb) / Z) * ((pa - pb) / Z));
        k++;
    }
    c[k].d.kind = ENT_DIST_LOGNORMAL; c[k].d.a = 1.0; c[k].d.b = 0.4;
    c[k].mean = exp(1.0 + 0.08); c[k].var = (exp(0.16) - 1) * exp(2.0 + 0.16); k++;
    c[k].d.kind = ENT_DIST_BETA; c[k].d.a = 2; c[k].d.b = 5; c[k].d.c = 0.1; c[k].d.d = 0.6;
    c[k].mean = 0.1 + 0.5 * 2.0 / 7.0; c[k].var = 0.25 * 10.0 / (49.0 * 8.0); k++;
    c[k].d.kind = ENT_DIST_TRIANGULAR; c[k].d.a = 1; c[k].d.b = 2; c[k].d.c = 5;
    c[k].mean = 8.0 / 3.0; c[k].var = (1 + 4 + 25 - 2 - 5 - 10) / 18.0; k++;
    {
        const double v[3] = { 1, 2, 4 }, w[3] = { 1, 1, 2 };
        ent_dist_set_values(&c[k].d, ENT_DIST_DISCRETE, v, w, 3);
        c[k].mean = (1 + 2 + 8) / 4.0;
        c[k].var = (1 + 4 + 32) / 4.0 - c[k].mean * c[k].mean;
        k++;
        ent_dist_set_values(&c[k].d, ENT_DIST_VALUES, v, NULL, 3);
        c[k].mean = 7.0 / 3.0;
        c[k].var = 21.0 / 3.0 - 49.0 / 9.0;
        k++;
    }
    *n = k;
}

static void test_distribution_moments(void **state)
{
    (void)state;
    moment_case c[8];
    size_t nc;
    make_cases(c, &nc);
    gsl_rng *r = ent_rng_alloc();
    enum { N = 200000 };
    for (size_t i = 0; i < nc; i++) {
        /* random draws (gsl_ran_*) for a fixed seed: within 5 standard errors */
        ent_rng_stream(r, 2024, i, 0);
        double s = 0, ss = 0, lo, hi;
        ent_dist_support(&c[i].d, &lo, &hi);
        for (int t = 0; t < N; t++) {
            double x = ent_dist_sample(&c[i].d, r);
            assert_true(x >= lo && x <= hi);
            s += x;
            ss += x * x;
        }
        double m = s / N, v = ss / N - m * m, se = sqrt(c[i].var / N);
        if (fabs(m - c[i].mean) > 5 * se || fabs(v - c[i].var) > 0.03 * c[i].var)
            fail_msg("%s sample: mean %g (want %g), var %g (want %g)", ent_dist_names[c[i].d.kind],
                     m, c[i].mean, v, c[i].var);
        /* the inverse distribution function on a fine midpoint grid */
        s = ss = 0;
        for (int t = 0; t < N; t++) {
            double x = ent_dist_quantile(&c[i].d, (t + 0.5) / N);
            s += x;
            ss += x * x;
        }
        m = s / N;
        v = ss / N - m * m;
        double tol = c[i].d.kind == ENT_DIST_VALUES || c[i].d.kind == ENT_DIST_DISCRETE ? 1e-5 : 2e-3;
        if (fabs(m - c[i].mean) > tol * (1 + fabs(c[i].mean)) || fabs(v - c[i].var) > 10 * tol * c[i].var)
            fail_msg("%s quantile: mean %g (want %g), var %g (want %g)", ent_dist_names[c[i].d.kind],
                     m, c[i].mean, v, c[i].var);
        ent_dist_free(&c[i].d);
    }
    gsl_rng_free(r);
}

static void test_bad_weights(void **state)
{
    (void)state;
    ent_dist d;
    const double v[2] = { 1, 2 }, neg[2] = { -1, 2 }, zero[2] = { 0, 0 };
    assert_int_equal(ent_dist_set_values(&d, ENT_DIST_DISCRETE, v, neg, 2), -1);
    assert_int_equal(ent_dist_set_values(&d, ENT_DIST_DISCRETE, v, zero, 2), -1);
    assert_int_equal(ent_dist_set_values(&d, ENT_DIST_DISCRETE, v, NULL, 0), -1);
}

/* Weights whose sum overflows a double give the distribution of their
** ratios: [1e308, 1e308] is a fair coin, [1e308, 1] all but the first. */
static void test_huge_weights(void **state)
{
    (void)state;
    ent_dist d;
    const double v[2] = { 1, 2 }, even[2] = { 1e308, 1e308 }, lopsided[2] = { 1e308, 1 };
    assert_int_equal(ent_dist_set_values(&d, ENT_DIST_DISCRETE, v, even, 2), 0);
    assert_true(d.cum[0] == 0.5 && d.cum[1] == 1.0);
    assert_true(ent_dist_quantile(&d, 0.25) == 1 && ent_dist_quantile(&d, 0.75) == 2);
    ent_dist_free(&d);
    assert_int_equal(ent_dist_set_values(&d, ENT_DIST_DISCRETE, v, lopsided, 2), 0);
    assert_true(d.cum[0] == 1.0 && ent_dist_quantile(&d, 0.999) == 1);
    ent_dist_free(&d);
}

/* Q(z) / phi(z) by its continued fraction (Laplace), for z > 5: a
** reference independent of the code under test. */
static double mills_ratio(double z)
{
    double f = z;
    for (int k = 200; k >= 1; k--)
        f = z + k / f;
    return 1.0 / f;
}

static void set_truncnorm(ent_dist *d, double mean, double sd, double lo, double hi)
{
    memset(d, 0, sizeof *d);
    d->kind = ENT_DIST_TRUNCNORMAL;
    d->a = mean;
    d->b = sd;
    d->c = lo;
    d->d = hi;
}

/* Far from its centre a truncated normal still lies in its bounds, rises
** with u, and has the right mean: E[Z | a < Z < b] = 1 / mills(a) when the
** mass above b is negligible (and mirrored below 0). */
static void test_truncnorm_far_tails(void **state)
{
    (void)state;
    struct { double mean, sd, lo, hi, want; } c[] = {
        { 0, 1, 30, 31, 1.0 / mills_ratio(30) },
        { 0, 1, -40, -39, -1.0 / mills_ratio(39) },
        { 0, 1, 8, 9, NAN },
        { 0, 1, -9, -8, NAN },
        { 0, 1, 30, 1e6, 1.0 / mills_ratio(30) },
        { 0.3, 0.01, 0.6, 0.61, NAN },          /* z 30 to 31, scaled: rounding at the bounds */
        { 5, 2, -75, -73, NAN },
        { 0, 1, -1e-9, 1e-9, 0 },
    };
    enum { N = 100000 };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        ent_dist d;
        set_truncnorm(&d, c[i].mean, c[i].sd, c[i].lo, c[i].hi);
        assert_null(ent_dist_check(&d));
        double prev = -INFINITY, sum = 0;
        for (int t = 0; t <= N + 1; t++) {
            /* midpoints, and the extremes of (0, 1) */
            double u = t == 0 ? 1e-300 : t == N + 1 ? 1 - 1e-16 : (t - 0.5) / N;
            double x = ent_dist_quantile(&d, u);
            if (!(x >= c[i].lo && x <= c[i].hi) || x < prev)
                fail_msg("truncated normal (%g, %g) on [%g, %g]: u = %g gives %.17g (previous %.17g)",
                         c[i].mean, c[i].sd, c[i].lo, c[i].hi, u, x, prev);
            prev = x;
            if (t >= 1 && t <= N)
                sum += (x - c[i].mean) / c[i].sd;
        }
        if (!isnan(c[i].want))
            assert_near(sum / N, c[i].want, 1e-4);
        /* draws too */
        gsl_rng *r = ent_rng_alloc();
        ent_rng_stream(r, 7, i, 0);
        for (int t = 0; t < 10000; t++) {
            double x = ent_dist_sample(&d, r);
            if (!(x >= c[i].lo && x <= c[i].hi))
                fail_msg("truncated normal draw %.17g outside [%g, %g]", x, c[i].lo, c[i].hi);
        }
        gsl_rng_free(r);
    }
    /* the median of the far tail: Q(z) = (Q(30) + Q(31)) / 2, i.e. about
    ** Q(z) = Q(30) / 2: by Mills' ratio, z = 30 + ln 2 / 30.03... */
    ent_dist d;
    set_truncnorm(&d, 0, 1, 30, 31);
    double z = ent_dist_quantile(&d, 0.5);
    double ratio = exp(-0.5 * (z * z - 900.0)) * mills_ratio(z) / mills_ratio(30);
    assert_near(ratio, 0.5, 1e-9);
}

static void set4(ent_dist *d, ent_dist_kind kind, double a, double b, double c, double dd)
{
    memset(d, 0, sizeof *d);
    d->kind = kind;
    d->a = a;
    d->b = b;
    d->c = c;
    d->d = dd;
}

/* Parameters that hang or break GSL are refused; the extremes accepted give
** finite values everywhere. */
static void test_dist_bounds(void **state)
{
    (void)state;
    ent_dist d;
    struct { ent_dist_kind k; double a, b, c, d; } bad[] = {
        { ENT_DIST_BETA, 1e300, 1e300, 0, 1 },      /* GSL's inverse does not return */
        { ENT_DIST_BETA, 1e-300, 1e-300, 0, 1 },    /* ... or gives NaN */
        { ENT_DIST_BETA, 1e6, 1e6, 0, 1 },         /* its distribution function gives NaN */
        { ENT_DIST_BETA, 2, 0, 0, 1 },
        { ENT_DIST_BETA, 2, 2, 1, 1 },
        { ENT_DIST_BETA, NAN, 2, 0, 1 },
        { ENT_DIST_NORMAL, 0, 0, 0, 0 },
        { ENT_DIST_NORMAL, 0, 1e300, 0, 0 },
        { ENT_DIST_NORMAL, 1e300, 1, 0, 0 },
        { ENT_DIST_NORMAL, 0, NAN, 0, 0 },
        { ENT_DIST_TRUNCNORMAL, 0, 1, 2, 1 },
        { ENT_DIST_TRUNCNORMAL, 0, 1e-300, 0, 1 },
        { ENT_DIST_TRUNCNORMAL, 0, 1, -1e300, 1 },
        { ENT_DIST_LOGNORMAL, 1000, 1, 0, 0 },
        { ENT_DIST_LOGNORMAL, 0, 100, 0, 0 },
        { ENT_DIST_LOGNORMAL, 0, -1, 0, 0 },
        { ENT_DIST_UNIFORM, 1, 1, 0, 0 },
        { ENT_DIST_UNIFORM, -1e300, 1e300, 0, 0 },
        { ENT_DIST_TRIANGULAR, 0, 2, 1, 0 },
        { ENT_DIST_TRIANGULAR, 1, 1, 0, 0 },
        { ENT_DIST_TRIANGULAR, 0, NAN, 1, 0 },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        set4(&d, bad[i].k, bad[i].a, bad[i].b, bad[i].c, bad[i].d);
        if (!ent_dist_check(&d))
            fail_msg("%s (%g, %g, %g, %g) accepted", ent_dist_names[bad[i].k], bad[i].a, bad[i].b,
                     bad[i].c, bad[i].d);
    }
    struct { ent_dist_kind k; double a, b, c, d; } good[] = {
        { ENT_DIST_BETA, 1e-3, 1e-3, 0, 1 },
        { ENT_DIST_BETA, 1e4, 1e4, 0, 1 },
        { ENT_DIST_BETA, 1e-3, 1e4, -1e12, 1e12 },
        { ENT_DIST_BETA, 1e4, 1e-3, 0, 1 },
        { ENT_DIST_BETA, 0.01, 0.01, 0, 1 },
        { ENT_DIST_NORMAL, 1e12, 1e12, 0, 0 },
        { ENT_DIST_NORMAL, -1e12, 1e-12, 0, 0 },
        { ENT_DIST_TRUNCNORMAL, 0, 1e-12, 1e12 - 1, 1e12 },
        { ENT_DIST_LOGNORMAL, 100, 10, 0, 0 },
        { ENT_DIST_LOGNORMAL, -100, 10, 0, 0 },
        { ENT_DIST_UNIFORM, -1e12, 1e12, 0, 0 },
        { ENT_DIST_TRIANGULAR, 0, 0, 1, 0 },
    };
    gsl_rng *r = ent_rng_alloc();
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        set4(&d, good[i].k, good[i].a, good[i].b, good[i].c, good[i].d);
        const char *why = ent_dist_check(&d);
        if (why)
            fail_msg("%s (%g, %g, %g, %g) refused: %s", ent_dist_names[good[i].k], good[i].a,
                     good[i].b, good[i].c, good[i].d, why);
        double lo, hi;
        ent_dist_support(&d, &lo, &hi);
        for (int t = 0; t <= 2000; t++) {
            /* 0 and 1 too: a design's u may round to them */
            double u = t / 2000.0;
            double x = ent_dist_quantile(&d, u);
            if (!isfinite(x) || !(x >= lo && x <= hi))
                fail_msg("%s quantile at %g: %g", ent_dist_names[good[i].k], u, x);
        }
        ent_rng_stream(r, 3, i, 0);
        for (int t = 0; t < 2000; t++) {
            double x = ent_dist_sample(&d, r);
            if (!isfinite(x) || !(x >= lo && x <= hi))
                fail_msg("%s draw: %g", ent_dist_names[good[i].k], x);
        }
    }
    gsl_rng_free(r);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grid_product),
        cmocka_unit_test(test_lhs_strata),
        cmocka_unit_test(test_sobol_published),
        cmocka_unit_test(test_saltelli_rows),
        cmocka_unit_test(test_random_order_free),
        cmocka_unit_test(test_distribution_moments),
        cmocka_unit_test(test_bad_weights),
        cmocka_unit_test(test_huge_weights),
        cmocka_unit_test(test_truncnorm_far_tails),
        cmocka_unit_test(test_dist_bounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
