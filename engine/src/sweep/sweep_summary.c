/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** sweep_summary.c: statistics of each outcome over the replicates of a
** point, with GSL. Values arrive in run order and are combined in that
** order, so the figures do not depend on the number of threads. NaN values
** (outcomes undefined in a run) are left out and not counted in n.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rstat.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include "sweep/sweep_int.h"

const char *const ent_i_summ_columns[8] = {
    "n", "mean", "sd", "ci_low", "ci_high", "median", "q05", "q95",
};

struct ent_summ {
    size_t n_out;
    uint64_t replicates;
    bool exact;
    uint64_t fed;
    double *vals;                       /* exact: n_out x replicates */
    double *work;                       /* exact: replicates */
    gsl_rstat_workspace **rs;           /* estimated: per outcome */
    gsl_rstat_quantile_workspace **q05, **q95;
    size_t t_n;                         /* the t quantile below is for n = t_n */
    double t975;
};

void ent_i_summ_free(ent_summ *s)
{
    if (!s)
        return;
    free(s->vals);
    free(s->work);
    for (size_t o = 0; s->rs && o < s->n_out; o++) {
        if (s->rs[o]) gsl_rstat_free(s->rs[o]);
        if (s->q05[o]) gsl_rstat_quantile_free(s->q05[o]);
        if (s->q95[o]) gsl_rstat_quantile_free(s->q95[o]);
    }
    free(s->rs);
    free(s->q05);
    free(s->q95);
    free(s);
}

ent_summ *ent_i_summ_alloc(size_t n_out, uint64_t replicates)
{
    ent_summ *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->n_out = n_out;
    s->replicates = replicates;
    s->exact = replicates <= ENT_SWEEP_EXACT_MAX;
    if (s->exact) {
        s->vals = malloc((n_out * replicates + 1) * sizeof *s->vals);
        s->work = malloc((replicates + 1) * sizeof *s->work);
        if (!s->vals || !s->work)
            goto fail;
        return s;
    }
    s->rs = calloc(n_out + 1, sizeof *s->rs);
    s->q05 = calloc(n_out + 1, sizeof *s->q05);
    s->q95 = calloc(n_out + 1, sizeof *s->q95);
    if (!s->rs || !s->q05 || !s->q95)
        goto fail;
    for (size_t o = 0; o < n_out; o++) {
        s->rs[o] = gsl_rstat_alloc();
        s->q05[o] = gsl_rstat_quantile_alloc(0.05);
        s->q95[o] = gsl_rstat_quantile_alloc(0.95);
        if (!s->rs[o] || !s->q05[o] || !s->q95[o])
            goto fail;
    }
    return s;
fail:
    ent_i_summ_free(s);
    return NULL;
}

bool ent_i_summ_exact(const ent_summ *s)
{
    return s->exact;
}

void ent_i_summ_reset(ent_summ *s)
{
    s->fed = 0;
    if (s->exact)
        return;
    for (size_t o = 0; o < s->n_out; o++) {
        gsl_rstat_reset(s->rs[o]);
        gsl_rstat_quantile_reset(s->q05[o]);
        gsl_rstat_quantile_reset(s->q95[o]);
    }
}

void ent_i_summ_add(ent_summ *s, const double *out)
{
    if (s->exact) {
        if (s->fed < s->replicates)
            for (size_t o = 0; o < s->n_out; o++)
                s->vals[o * s->replicates + s->fed] = out[o];
    } else {
        for (size_t o = 0; o < s->n_out; o++)
            if (!isnan(out[o])) {
                gsl_rstat_add(out[o], s->rs[o]);
                gsl_rstat_quantile_add(out[o], s->q05[o]);
                gsl_rstat_quantile_add(out[o], s->q95[o]);
            }
    }
    s->fed++;
}

/* Mean and standard deviation (n - 1 in the denominator) of x[0..n-1], n >= 1:
** two passes of sums in a fixed order, accumulated in long double like GSL's
** gsl_stats_mean and gsl_stats_sd_m, but without their division per value
** (whose latency made the summary of a point cost as much as many of its
** runs). The mean is x0 + sum(x - x0)/n: shifted by the first value, so that
** a constant outcome gets its own value as mean and an sd of exactly 0 at any
** n, and a count (whole numbers) an exact sum. */
static void mean_sd(const double *x, size_t n, double *mean, double *sd)
{
    long double x0 = x[0], d = 0.0L;
    for (size_t i = 0; i < n; i++)
        d += x[i] - x0;
    double m = (double)(x0 + d / (long double)n);
    *mean = m;
    if (n < 2)
        return;
    long double ss = 0.0L;
    for (size_t i = 0; i < n; i++) {
        long double e = x[i] - (long double)m;
        ss += e * e;
    }
    *sd = sqrt((double)(ss / (long double)(n - 1)));
}

/* Sort x ascending; many outcomes are constant or already in order over the
** replicates, so check that first (one pass) before GSL's heapsort. */
static void sort_values(double *x, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (x[i] < x[i - 1]) {
            gsl_sort(x, 1, n);
            return;
        }
}

/* The half-width of the 95% t interval of the mean (the quantile is kept:
** every outcome of a point usually has the same n). */
static double half_width(ent_summ *s, double sd, size_t n)
{
    if (n < 2)
        return NAN;
    if (s->t_n != n) {
        s->t975 = gsl_cdf_tdist_Pinv(0.975, (double)(n - 1));
        s->t_n = n;
    }
    return s->t975 * sd / sqrt((double)n);
}

void ent_i_summ_stats(ent_summ *s, size_t o, double st[8])
{
    for (int i = 0; i < 8; i++)
        st[i] = NAN;
    size_t n = 0;
    if (s->exact) {
        const double *v = s->vals + o * s->replicates;
        uint64_t m = s->fed < s->replicates ? s->fed : s->replicates;
        for (uint64_t r = 0; r < m; r++)
            if (!isnan(v[r]))
                s->work[n++] = v[r];
        st[0] = (double)n;
        if (n == 0)
            return;
        mean_sd(s->work, n, &st[1], &st[2]);
        sort_values(s->work, n);
        st[5] = gsl_stats_median_from_sorted_data(s->work, 1, n);
        st[6] = gsl_stats_quantile_from_sorted_data(s->work, 1, n, 0.05);
        st[7] = gsl_stats_quantile_from_sorted_data(s->work, 1, n, 0.95);
    } else {
        n = gsl_rstat_n(s->rs[o]);
        st[0] = (double)n;
        if (n == 0)
            return;
        st[1] = gsl_rstat_mean(s->rs[o]);
        if (n >= 2)
            st[2] = gsl_rstat_sd(s->rs[o]);
        st[5] = gsl_rstat_median(s->rs[o]);
        st[6] = gsl_rstat_quantile_get(s->q05[o]);
        st[7] = gsl_rstat_quantile_get(s->q95[o]);
    }
    double h = half_width(s, st[2], n);
    st[3] = st[1] - h;
    st[4] = st[1] + h;
}
