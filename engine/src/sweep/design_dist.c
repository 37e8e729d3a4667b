/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** design_dist.c: the distributions a swept parameter may follow. Random
** draws use GSL's samplers; the structured designs (lhs, sobol, saltelli)
** map a point of the unit cube through the inverse distribution function.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_erf.h>
#include "entente/design.h"
#include "core/gsl_quiet.h"

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
    double most = 0.0;
    for (size_t i = 0; weights && i < n; i++) {
        if (!(weights[i] >= 0.0) || !isfinite(weights[i])) {
            ent_dist_free(d);
            return -1;
        }
        if (weights[i] > most)
            most = weights[i];
    }
    /* weights whose sum overflows count in units of the largest (weights of
    ** 1e308 each are as good as weights of 1) */
    double total = 0.0, unit = 1.0;
    for (int pass = 0; pass < 2; pass++) {
        total = 0.0;
        for (size_t i = 0; i < n; i++) {
            total += weights ? weights[i] / unit : 1.0;
            d->cum[i] = total;
        }
        if (isfinite(total))
            break;
        unit = most;
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

/* log Q(z), the log of the standard normal upper tail, accurate far out
** (Q itself underflows beyond z = 38). */
static double log_q(double z)
{
    return -M_LN2 + gsl_sf_log_erfc(z * M_SQRT1_2);
}

/* The z in [za, zb], za >= 0, with Q(z) = Q(za) - u (Q(za) - Q(zb)): solved
** in log space by Newton's method, kept in a shrinking bracket (bisection
** when a step leaves it), so that it is accurate and in bounds however far
** out the interval lies. */
static double upper_tail_z(double za, double zb, double u)
{
    /* beyond za + 60 lies less than e^-1800 of the mass above za */
    if (zb > za + 60.0)
        zb = za + 60.0;
    double lqa = log_q(za), lqb = log_q(zb);
    double t = lqa + log1p(-u * -expm1(lqb - lqa));
    double lo = za, hi = zb, z;
    double q = exp(t);
    z = q > 1e-300 ? gsl_cdf_ugaussian_Qinv(q) : sqrt(-2.0 * t - log(-2.0 * t) - log(2.0 * M_PI));
    if (!(z > lo && z < hi))
        z = 0.5 * (lo + hi);
    for (int i = 0; i < 200; i++) {
        double lq = log_q(z), f = lq - t;
        if (f > 0) lo = z;          /* log Q decreases in z */
        else hi = z;
        /* d log Q / dz = -phi(z) / Q(z) */
        double slope = -exp(-0.5 * z * z - 0.5 * log(2.0 * M_PI) - lq);
        double next = z - f / slope;
        if (!(next > lo && next < hi))
            next = 0.5 * (lo + hi);
        if (fabs(next - z) <= 1e-15 * fmax(1.0, fabs(z)) || hi - lo <= 1e-15 * fmax(1.0, fabs(z)))
            return next;
        z = next;
    }
    return z;
}

/* Standard normal quantile restricted to [za, zb]. A one-sided interval is
** solved in its tail (mirrored when below 0); one around 0 through P. */
static double truncnorm_z(double za, double zb, double u)
{
    if (!(u > 0.0)) return za;
    if (!(u < 1.0)) return zb;
    if (za >= 0.0)
        return upper_tail_z(za, zb, u);
    if (zb <= 0.0)
        return -upper_tail_z(-zb, -za, 1.0 - u);
    double pa = gsl_cdf_ugaussian_P(za), pb = gsl_cdf_ugaussian_P(zb);
    return gsl_cdf_ugaussian_Pinv(pa + u * (pb - pa));
}

static double truncnorm_quantile(const ent_dist *d, double u)
{
    double z = truncnorm_z((d->c - d->a) / d->b, (d->d - d->a) / d->b, u);
    if (isnan(z))
        return NAN;             /* refused by the caller, never clamped */
    double x = d->a + d->b * z;
    /* rounding in a + b z may step just outside [c, d] */
    if (x < d->c) x = d->c;
    if (x > d->d) x = d->d;
    return x;
}

/* Beta quantile. GSL's gives NaN where the quantile underflows (small
** shapes, u near 0) or its Newton steps fail (very unequal shapes); then
** bisect its distribution function, which stays accurate there. */
static double beta_quantile(double a, double b, double u)
{
    double x = gsl_cdf_beta_Pinv(u, a, b);
    if (x >= 0.0 && x <= 1.0)
        return x;
    double lo = 0.0, hi = 1.0;
    /* down to the smallest double takes about 1075 halvings */
    for (int i = 0; i < 1200; i++) {
        double mid = lo + 0.5 * (hi - lo);
        if (!(mid > lo && mid < hi))
            break;
        if (gsl_cdf_beta_P(mid, a, b) < u) lo = mid;
        else hi = mid;
    }
    return hi;
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
    if (isnan(u))
        return NAN;
    /* a design's u may round to 0 or 1, where unbounded quantiles are
    ** infinite: keep it to the extremes ent_dist_check probes */
    if (u < 1e-300) u = 1e-300;
    if (u > 1.0 - 0x1p-53) u = 1.0 - 0x1p-53;
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
        return truncnorm_quantile(d, u);
    case ENT_DIST_LOGNORMAL:
        return gsl_cdf_lognormal_Pinv(u, d->a, d->b);
    case ENT_DIST_BETA:
        return d->c + (d->d - d->c) * beta_quantile(d->a, d->b, u);
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

/* Bounds on the parameters of a distribution: wide enough for any model
** parameter, narrow enough that GSL's samplers and inverse functions are
** fast and finite (its beta inverse does not return for shapes of 1e300, its beta
** distribution function gives NaN for shapes of 1e6,
** and gives NaN for shapes of 1e-300). */
#define LOC_MAX 1e12            /* |mean|, |min|, |max|, |mode| */
#define SD_MIN 1e-12
#define SD_MAX 1e12
#define MEANLOG_MAX 100.0
#define SDLOG_MAX 10.0
#define SHAPE_MIN 1e-3
#define SHAPE_MAX 1e4

static int within(double v, double lo, double hi)
{
    return v >= lo && v <= hi;      /* false for NaN */
}

const char *ent_dist_check(const ent_dist *d)
{
    ent_i_gsl_quiet();
    switch (d->kind) {
    case ENT_DIST_UNIFORM:
        if (!within(d->a, -LOC_MAX, LOC_MAX) || !within(d->b, -LOC_MAX, LOC_MAX))
            return "'min' and 'max' must be between -1e12 and 1e12";
        if (!(d->a < d->b)) return "'min' must be less than 'max'";
        break;
    case ENT_DIST_NORMAL:
    case ENT_DIST_TRUNCNORMAL:
        if (!within(d->a, -LOC_MAX, LOC_MAX)) return "'mean' must be between -1e12 and 1e12";
        if (!(d->b > 0)) return "'sd' must be positive";
        if (!within(d->b, SD_MIN, SD_MAX)) return "'sd' must be between 1e-12 and 1e12";
        if (d->kind == ENT_DIST_NORMAL)
            break;
        if (!within(d->c, -LOC_MAX, LOC_MAX) || !within(d->d, -LOC_MAX, LOC_MAX))
            return "'min' and 'max' must be between -1e12 and 1e12";
        if (!(d->c < d->d)) return "'min' must be less than 'max'";
        break;
    case ENT_DIST_LOGNORMAL:
        if (!within(d->a, -MEANLOG_MAX, MEANLOG_MAX)) return "'meanlog' must be between -100 and 100";
        if (!(d->b > 0)) return "'sdlog' must be positive";
        if (!within(d->b, SD_MIN, SDLOG_MAX)) return "'sdlog' must be between 1e-12 and 10";
        break;
    case ENT_DIST_BETA:
        if (!(d->a > 0 && d->b > 0)) return "'alpha' and 'beta' must be positive";
        if (!within(d->a, SHAPE_MIN, SHAPE_MAX) || !within(d->b, SHAPE_MIN, SHAPE_MAX))
            return "'alpha' and 'beta' must be between 0.001 and 10000";
        if (!within(d->c, -LOC_MAX, LOC_MAX) || !within(d->d, -LOC_MAX, LOC_MAX))
            return "'min' and 'max' must be between -1e12 and 1e12";
        if (!(d->c < d->d)) return "'min' must be less than 'max'";
        break;
    case ENT_DIST_TRIANGULAR:
        if (!within(d->a, -LOC_MAX, LOC_MAX) || !within(d->c, -LOC_MAX, LOC_MAX))
            return "'min' and 'max' must be between -1e12 and 1e12";
        if (!(d->a < d->c)) return "'min' must be less than 'max'";
        if (!within(d->b, d->a, d->c)) return "'mode' must lie between 'min' and 'max'";
        break;
    case ENT_DIST_VALUES:
    case ENT_DIST_DISCRETE:
        for (size_t i = 0; i < d->n_values; i++)
            if (!isfinite(d->values[i]))
                return "values must be finite";
        return NULL;
    default:
        return "unknown distribution";
    }
    /* the bounds above should make every value finite: check it where GSL
    ** is most likely to fail, the extreme quantiles and a few draws */
    static const double us[] = { 0.0, 1e-300, 1e-16, 1e-9, 1e-3, 0.25, 0.5, 0.75, 0.999, 1 - 1e-9, 1 - 1e-16, 1.0 };
    for (size_t i = 0; i < sizeof us / sizeof us[0]; i++)
        if (!isfinite(ent_dist_quantile(d, us[i])))
            return "its values are not finite numbers";
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!r)
        return "out of memory";
    const char *bad = NULL;
    for (int i = 0; i < 64 && !bad; i++)
        if (!isfinite(ent_dist_sample(d, r)))
            bad = "its values are not finite numbers";
    gsl_rng_free(r);
    return bad;
}
