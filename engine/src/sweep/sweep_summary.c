/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** sweep_summary.c: statistics of each outcome over the replicates of a
** point, with GSL. Each outcome's values arrive in run order and are
** combined in that order, so the figures do not depend on the number of
** threads; outcomes are independent of each other, so disjoint ranges of
** them can be fed and summarised by different threads at once. NaN values
** (outcomes undefined in a run) are left out and not counted in n.
**
** Memory is bounded by a budget, not by the number of replicates: when the
** values of every outcome over a point's replicates fit in
** ENT_SWEEP_EXACT_BUDGET bytes they are kept, and the quantiles are exact
** (order statistics found by selection, not a full sort); otherwise each
** outcome has a fixed-size accumulator (gsl_rstat: running moments and P²
** estimates of the three quantiles), whatever the number of replicates.
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

/* What one thread needs to summarise an outcome. */
typedef struct {
    double *work;                       /* exact: replicates */
    size_t t_n;                         /* the t quantile below is for n = t_n */
    double t975;
} summ_slot;

struct ent_summ {
    size_t n_out;
    uint64_t replicates;
    bool exact;
    uint64_t fed;                       /* runs fed through ent_i_summ_add */
    double *vals;                       /* exact: n_out x replicates */
    gsl_rstat_workspace **rs;           /* estimated: per outcome */
    gsl_rstat_quantile_workspace **q05, **q95;
    summ_slot *slot;
    unsigned n_slots;
};

static void free_slots(ent_summ *s)
{
    for (unsigned t = 0; s->slot && t < s->n_slots; t++)
        free(s->slot[t].work);
    free(s->slot);
    s->slot = NULL;
    s->n_slots = 0;
}

void ent_i_summ_free(ent_summ *s)
{
    if (!s)
        return;
    free(s->vals);
    free_slots(s);
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

int ent_i_summ_slots(ent_summ *s, unsigned n)
{
    free_slots(s);
    if (n < 1)
        n = 1;
    s->slot = calloc(n, sizeof *s->slot);
    if (!s->slot)
        return -1;
    s->n_slots = n;
    for (unsigned t = 0; t < n; t++)
        if (s->exact && !(s->slot[t].work = malloc((s->replicates + 1) * sizeof(double))))
            return -1;
    return 0;
}

bool ent_i_summ_fits(size_t n_out, uint64_t replicates, uint64_t budget)
{
    uint64_t per = (uint64_t)(n_out ? n_out : 1) * sizeof(double);
    return replicates <= budget / per;
}

ent_summ *ent_i_summ_alloc_budget(size_t n_out, uint64_t replicates, uint64_t budget)
{
    ent_summ *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->n_out = n_out;
    s->replicates = replicates;
    s->exact = ent_i_summ_fits(n_out, replicates, budget);
    if (s->exact) {
        if (!(s->vals = malloc((n_out * replicates + 1) * sizeof *s->vals)))
            goto fail;
    } else {
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
    }
    if (ent_i_summ_slots(s, 1))
        goto fail;
    return s;
fail:
    ent_i_summ_free(s);
    return NULL;
}

ent_summ *ent_i_summ_alloc(size_t n_out, uint64_t replicates)
{
    return ent_i_summ_alloc_budget(n_out, replicates, ENT_SWEEP_EXACT_BUDGET);
}

bool ent_i_summ_exact(const ent_summ *s)
{
    return s->exact;
}

void ent_i_summ_reset_range(ent_summ *s, size_t lo, size_t hi)
{
    if (s->exact)
        return;
    for (size_t o = lo; o < hi; o++) {
        gsl_rstat_reset(s->rs[o]);
        gsl_rstat_quantile_reset(s->q05[o]);
        gsl_rstat_quantile_reset(s->q95[o]);
    }
}

void ent_i_summ_add_range(ent_summ *s, uint64_t r, const double *out, size_t lo, size_t hi)
{
    if (s->exact) {
        if (r < s->replicates)
            for (size_t o = lo; o < hi; o++)
                s->vals[o * s->replicates + r] = out[o];
        return;
    }
    for (size_t o = lo; o < hi; o++)
        if (!isnan(out[o])) {
            gsl_rstat_add(out[o], s->rs[o]);
            gsl_rstat_quantile_add(out[o], s->q05[o]);
            gsl_rstat_quantile_add(out[o], s->q95[o]);
        }
}

void ent_i_summ_reset(ent_summ *s)
{
    s->fed = 0;
    ent_i_summ_reset_range(s, 0, s->n_out);
}

void ent_i_summ_add(ent_summ *s, const double *out)
{
    ent_i_summ_add_range(s, s->fed, out, 0, s->n_out);
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

/* ---- quantiles by selection ------------------------------------------------ */

static void swap(double *a, double *b)
{
    double t = *a;
    *a = *b;
    *b = t;
}

/* Rearrange x[lo..hi) so that x[k] is the value a sort would put there, with
** no larger value before it and no smaller one after it (quickselect with a
** median-of-three pivot; expected linear time). */
static void select_k(double *x, size_t lo, size_t hi, size_t k)
{
    while (hi - lo > 3) {
        size_t mid = lo + (hi - lo) / 2, last = hi - 1;
        /* order x[lo], x[mid], x[last]; the median goes to lo + 1 as pivot */
        if (x[mid] < x[lo]) swap(&x[mid], &x[lo]);
        if (x[last] < x[lo]) swap(&x[last], &x[lo]);
        if (x[last] < x[mid]) swap(&x[last], &x[mid]);
        swap(&x[mid], &x[lo + 1]);
        double p = x[lo + 1];
        size_t i = lo + 1, j = last;
        for (;;) {
            do i++; while (x[i] < p);
            do j--; while (x[j] > p);
            if (i >= j)
                break;
            swap(&x[i], &x[j]);
        }
        swap(&x[lo + 1], &x[j]);
        /* x[lo..j) <= p = x[j] <= x(j..hi) */
        if (j == k)
            return;
        if (k < j)
            hi = j;
        else
            lo = j + 1;
    }
    /* three values or fewer: insertion sort */
    for (size_t i = lo + 1; i < hi; i++)
        for (size_t j = i; j > lo && x[j] < x[j - 1]; j--)
            swap(&x[j], &x[j - 1]);
}

static double min_of(const double *x, size_t lo, size_t hi)
{
    double m = x[lo];
    for (size_t i = lo + 1; i < hi; i++)
        if (x[i] < m)
            m = x[i];
    return m;
}

/* The order statistics a sort would give at ranks a and a + 1 (a + 1 only if
** a + 1 < n) of x[0..n), given that x is partitioned at m (x[0..m) <= x[m]
** <= x(m..n)); a search in the side of m that holds a. */
static void pair_at(double *x, size_t n, size_t m, size_t a, double *va, double *vb)
{
    if (a == m) {
        *va = x[m];
        *vb = a + 1 < n ? min_of(x, m + 1, n) : NAN;
    } else if (a < m) {
        select_k(x, 0, m, a);
        *va = x[a];
        *vb = a + 1 < m ? min_of(x, a + 1, m) : x[m];
    } else {
        select_k(x, m + 1, n, a);
        *va = x[a];
        *vb = a + 1 < n ? min_of(x, a + 1, n) : NAN;
    }
}

/* GSL's gsl_stats_quantile_from_sorted_data at f, given the order statistics
** at its rank lhs = (int)(f (n - 1)) and lhs + 1. */
static double quantile_of(double f, size_t n, double lo, double hi)
{
    const double index = f * (n - 1);
    const size_t lhs = (int)index;
    const double delta = index - lhs;
    if (lhs == n - 1)
        return lo;
    return (1 - delta) * lo + delta * hi;
}

static size_t quantile_rank(double f, size_t n)
{
    const double index = f * (n - 1);
    return (size_t)(int)index;
}

/* Median, 5% and 95% quantiles of x[0..n), n >= 1, the same bits as GSL's
** gsl_stats_median_from_sorted_data and gsl_stats_quantile_from_sorted_data
** on x sorted, found by selection (x is rearranged). Returns -1 (and does
** not answer) when one of the order statistics used is a zero: a sort may
** put -0 and +0 in either order, and only a sort says which it does. */
static int quantiles_select(double *x, size_t n, double q[3])
{
    size_t m1 = (n - 1) / 2, m2 = n / 2;
    select_k(x, 0, n, m1);
    double a = x[m1], b = m2 != m1 ? min_of(x, m1 + 1, n) : a;
    double l05, h05, l95, h95;
    pair_at(x, n, m1, quantile_rank(0.05, n), &l05, &h05);
    pair_at(x, n, m1, quantile_rank(0.95, n), &l95, &h95);
    if (a == 0 || b == 0 || l05 == 0 || h05 == 0 || l95 == 0 || h95 == 0)
        return -1;
    q[0] = m1 == m2 ? a : (a + b) / 2.0;
    q[1] = quantile_of(0.05, n, l05, h05);
    q[2] = quantile_of(0.95, n, l95, h95);
    return 0;
}

static int is_sorted(const double *x, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (x[i] < x[i - 1])
            return 0;
    return 1;
}

static void quantiles_sorted(const double *x, size_t n, double q[3])
{
    q[0] = gsl_stats_median_from_sorted_data(x, 1, n);
    q[1] = gsl_stats_quantile_from_sorted_data(x, 1, n, 0.05);
    q[2] = gsl_stats_quantile_from_sorted_data(x, 1, n, 0.95);
}

/* The finite values of outcome o over its first m replicates, in run order. */
static size_t gather(const ent_summ *s, size_t o, uint64_t m, double *w)
{
    const double *v = s->vals + o * s->replicates;
    size_t n = 0;
    for (uint64_t r = 0; r < m; r++)
        if (!isnan(v[r]))
            w[n++] = v[r];
    return n;
}

/* The half-width of the 95% t interval of the mean (the quantile is kept:
** every outcome of a point usually has the same n). */
static double half_width(summ_slot *t, double sd, size_t n)
{
    if (n < 2)
        return NAN;
    if (t->t_n != n) {
        t->t975 = gsl_cdf_tdist_Pinv(0.975, (double)(n - 1));
        t->t_n = n;
    }
    return t->t975 * sd / sqrt((double)n);
}

void ent_i_summ_stats_slot(ent_summ *s, unsigned slot, size_t o, uint64_t fed, double st[8])
{
    summ_slot *t = &s->slot[slot < s->n_slots ? slot : 0];
    for (int i = 0; i < 8; i++)
        st[i] = NAN;
    size_t n = 0;
    if (s->exact) {
        uint64_t m = fed < s->replicates ? fed : s->replicates;
        n = gather(s, o, m, t->work);
        st[0] = (double)n;
        if (n == 0)
            return;
        mean_sd(t->work, n, &st[1], &st[2]);
        double q[3];
        if (is_sorted(t->work, n)) {
            quantiles_sorted(t->work, n, q);
        } else if (quantiles_select(t->work, n, q)) {
            /* zeros among the order statistics: as the sort does it */
            gather(s, o, m, t->work);
            gsl_sort(t->work, 1, n);
            quantiles_sorted(t->work, n, q);
        }
        st[5] = q[0];
        st[6] = q[1];
        st[7] = q[2];
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
    double h = half_width(t, st[2], n);
    st[3] = st[1] - h;
    st[4] = st[1] + h;
}

void ent_i_summ_stats(ent_summ *s, size_t o, double st[8])
{
    ent_i_summ_stats_slot(s, 0, o, s->fed, st);
}
