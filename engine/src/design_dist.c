/*
** design_dist.c: the distributions a swept parameter may follow. Random
** draws use GSL's samplers; the structured designs (lhs, sobol, saltelli)
** map a point of the unit cube through the inverse distribution function.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include "entente/design.h"

const char *const ent_dist_names[ENT_DIST_COUNT] = {
    "values", "uniform", "normal", "truncated_normal", "lognormal", "beta", "triangular",
    "discrete",
};

int ent_dist_set_values(ent_dist *d, ent_dist_kind kind, const double *values,
                        const double *weights, size_t n)
{
    memset(d, 0, sizeof *d);
    d->kind = kind;
    if (n == 0)
        return -1;
    d->values = malloc(n * sizeof *d->values);
    d->cum = malloc(n * sizeof *d->cum);
    if (!d->values || !d->cum) {
        ent_dist_free(d);
        return -1;
    }
    memcpy(d->values, values, n * sizeof *values);
    d->n_values = n;
    double total = 0.0;
    for (size_t i = 0; i < n; i++) {
        double w = weights ? weights[i] : 1.0;
        if (!(w >= 0.0) || !isfinite(w)) {
            ent_dist_free(d);
            return -1;
        }
        total += w;
        d->cum[i] = total;
    }
    if (!(total > 0.0)) {
        ent_dist_free(d);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        d->cum[i] /= total;
    d->cum[n - 1] = 1.0;
    return 0;
}

void ent_dist_free(ent_dist *d)
{
    free(d->values);
    free(d->cum);
    d->values = d->cum = NULL;
    d->n_values = 0;
}

/* Standard normal quantile restricted to [za, zb], computed on the side of
** the tail that keeps precision (upper tail through Q when za > 0). */
static double truncnorm_z(double za, double zb, double u)
{
    double z;
    if (za > 0.0) {
        double qa = gsl_cdf_ugaussian_Q(za), qb = gsl_cdf_ugaussian_Q(zb);
        z = gsl_cdf_ugaussian_Qinv(qa - u * (qa - qb));
    } else {
        double pa = gsl_cdf_ugaussian_P(za), pb = gsl_cdf_ugaussian_P(zb);
        z = gsl_cdf_ugaussian_Pinv(pa + u * (pb - pa));
    }
    if (!(z >= za)) z = za;     /* also NaN from an exhausted tail */
    if (z > zb) z = zb;
    return z;
}

static double triangular_quantile(double lo, double mode, double hi, double u)
{
    double f = (mode - lo) / (hi - lo);
    if (u < f)
        return lo + sqrt(u * (hi - lo) * (mode - lo));
    return hi - sqrt((1.0 - u) * (hi - lo) * (hi - mode));
}

/* Index of the first cumulative probability above u. */
static size_t discrete_index(const ent_dist *d, double u)
{
    size_t lo = 0, hi = d->n_values - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (u < d->cum[mid]) hi = mid;
        else lo = mid + 1;
    }
    return lo;
}

double ent_dist_quantile(const ent_dist *d, double u)
{
    switch (d->kind) {
    case ENT_DIST_VALUES: {
        size_t i = (size_t)(u * (double)d->n_values);
        return d->values[i < d->n_values ? i : d->n_values - 1];
    }
    case ENT_DIST_UNIFORM:
        return gsl_cdf_flat_Pinv(u, d->a, d->b);
    case ENT_DIST_NORMAL:
        return d->a + gsl_cdf_gaussian_Pinv(u, d->b);
    case ENT_DIST_TRUNCNORMAL:
        return d->a + d->b * truncnorm_z((d->c - d->a) / d->b, (d->d - d->a) / d->b, u);
    case ENT_DIST_LOGNORMAL:
        return gsl_cdf_lognormal_Pinv(u, d->a, d->b);
    case ENT_DIST_BETA:
        return d->c + (d->d - d->c) * gsl_cdf_beta_Pinv(u, d->a, d->b);
    case ENT_DIST_TRIANGULAR:
        return triangular_quantile(d->a, d->b, d->c, u);
    case ENT_DIST_DISCRETE:
        return d->values[discrete_index(d, u)];
    default:
        return NAN;
    }
}

double ent_dist_sample(const ent_dist *d, gsl_rng *r)
{
    switch (d->kind) {
    case ENT_DIST_VALUES:
        return d->values[gsl_rng_uniform_int(r, d->n_values)];
    case ENT_DIST_UNIFORM:
        return gsl_ran_flat(r, d->a, d->b);
    case ENT_DIST_NORMAL:
        return d->a + gsl_ran_gaussian_ziggurat(r, d->b);
    case ENT_DIST_LOGNORMAL:
        return gsl_ran_lognormal(r, d->a, d->b);
    case ENT_DIST_BETA:
        return d->c + (d->d - d->c) * gsl_ran_beta(r, d->a, d->b);
    case ENT_DIST_TRUNCNORMAL:
    case ENT_DIST_TRIANGULAR:
    case ENT_DIST_DISCRETE:
        /* GSL has no sampler for these: invert the distribution function */
        return ent_dist_quantile(d, gsl_rng_uniform_pos(r));
    default:
        return NAN;
    }
}

void ent_dist_support(const ent_dist *d, double *lo, double *hi)
{
    switch (d->kind) {
    case ENT_DIST_VALUES:
    case ENT_DIST_DISCRETE:
        *lo = *hi = d->values[0];
        for (size_t i = 1; i < d->n_values; i++) {
            if (d->values[i] < *lo) *lo = d->values[i];
            if (d->values[i] > *hi) *hi = d->values[i];
        }
        return;
    case ENT_DIST_UNIFORM: *lo = d->a; *hi = d->b; return;
    case ENT_DIST_TRUNCNORMAL:
    case ENT_DIST_BETA: *lo = d->c; *hi = d->d; return;
    case ENT_DIST_TRIANGULAR: *lo = d->a; *hi = d->c; return;
    case ENT_DIST_LOGNORMAL: *lo = 0.0; *hi = INFINITY; return;
    default: *lo = -INFINITY; *hi = INFINITY; return;
    }
}
