/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** sensitivity.c: Sobol indices from the A, B and A_B^(i) evaluations of a
** Saltelli design, with percentile bootstrap intervals over the rows.
** Estimators: Saltelli et al. (2010), Table 2 (b) for first order, (f)
** Jansen (1999) for total effects; V(Y) from the 2n values of A and B.
*/
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include "entente/sensitivity.h"

/* Sums over rows idx[0..n) (or 0..n when idx is NULL) of centred values:
** out[2i] = S_i, out[2i + 1] = ST_i. Returns V(Y). */
static double estimate(size_t n, size_t k, const double *a, const double *b, const double *ab,
                       const uint32_t *idx, double *s1, double *st)
{
    double sum = 0.0, sumsq = 0.0;
    for (size_t i = 0; i < k; i++)
        s1[i] = st[i] = 0.0;
    for (size_t r = 0; r < n; r++) {
        size_t j = idx ? idx[r] : r;
        double fa = a[j], fb = b[j];
        sum += fa + fb;
        sumsq += fa * fa + fb * fb;
        for (size_t i = 0; i < k; i++) {
            double fab = ab[i * n + j];
            s1[i] += fb * (fab - fa);
            st[i] += (fa - fab) * (fa - fab);
        }
    }
    double m = sum / (double)(2 * n);
    double v = sumsq / (double)(2 * n) - m * m;
    for (size_t i = 0; i < k; i++) {
        s1[i] = s1[i] / (double)n / v;
        st[i] = st[i] / (double)(2 * n) / v;
    }
    return v;
}

static void all_nan(size_t k, ent_sobol_index *out, double *variance)
{
    for (size_t i = 0; i < k; i++)
        out[i] = (ent_sobol_index){ NAN, NAN, NAN, NAN, NAN, NAN };
    if (variance)
        *variance = NAN;
}

int ent_sobol_indices(size_t n, size_t k, const double *fA, const double *fB, const double *fAB,
                      size_t n_boot, double level, gsl_rng *r, ent_sobol_index *out,
                      double *variance)
{
    all_nan(k, out, variance);
    if (n < 2 || k == 0)
        return -1;
    size_t total = n * (k + 2);
    double *c = malloc(total * sizeof *c);
    double *s1 = malloc(2 * k * sizeof *s1);
    if (!c || !s1)
        goto fail;
    /* centre on the mean of A and B: the estimators keep their expectation
    ** (E f(A_B) = E f(A)) and lose the variance a large mean adds */
    double f0 = 0.0;
    for (size_t j = 0; j < n; j++) {
        if (!isfinite(fA[j]) || !isfinite(fB[j]))
            goto fail;
        f0 += fA[j] + fB[j];
    }
    f0 /= (double)(2 * n);
    double *a = c, *b = c + n, *ab = c + 2 * n;
    for (size_t j = 0; j < n; j++) {
        a[j] = fA[j] - f0;
        b[j] = fB[j] - f0;
    }
    for (size_t i = 0; i < k * n; i++) {
        if (!isfinite(fAB[i]))
            goto fail;
        ab[i] = fAB[i] - f0;
    }
    double *st = s1 + k;
    double v = estimate(n, k, a, b, ab, NULL, s1, st);
    if (!(v > 1e-300 * (1.0 + f0 * f0)))
        goto fail;
    if (variance)
        *variance = v;
    for (size_t i = 0; i < k; i++) {
        out[i].s1 = s1[i];
        out[i].st = st[i];
    }
    if (n_boot > 0) {
        double *bs = malloc(2 * k * n_boot * sizeof *bs);
        uint32_t *idx = malloc(n * sizeof *idx);
        double *t1 = malloc(2 * k * sizeof *t1);
        if (!bs || !idx || !t1) {
            free(bs); free(idx); free(t1);
            goto fail;
        }
        for (size_t rep = 0; rep < n_boot; rep++) {
            for (size_t j = 0; j < n; j++)
                idx[j] = (uint32_t)gsl_rng_uniform_int(r, n);
            estimate(n, k, a, b, ab, idx, t1, t1 + k);
            for (size_t i = 0; i < 2 * k; i++)
                bs[i * n_boot + rep] = t1[i];
        }
        double lo = (1.0 - level) / 2.0, hi = 1.0 - lo;
        for (size_t i = 0; i < 2 * k; i++) {
            double *col = bs + i * n_boot;
            gsl_sort(col, 1, n_boot);
            double l = gsl_stats_quantile_from_sorted_data(col, 1, n_boot, lo);
            double h = gsl_stats_quantile_from_sorted_data(col, 1, n_boot, hi);
            if (i < k) { out[i].s1_low = l; out[i].s1_high = h; }
            else { out[i - k].st_low = l; out[i - k].st_high = h; }
        }
        free(bs); free(idx); free(t1);
    }
    free(c);
    free(s1);
    return 0;
fail:
    free(c);
    free(s1);
    all_nan(k, out, variance);
    return -1;
}
