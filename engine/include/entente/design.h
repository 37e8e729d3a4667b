/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** design.h: how a sweep chooses its points. A swept parameter is either a
** list of values or a probability distribution; a design (grid, random,
** Latin hypercube, Sobol, Saltelli) turns k of them into a sequence of points.
** Every point is a pure function of (design, seed, point index).
*/
#ifndef ENT_DESIGN_H
#define ENT_DESIGN_H

#include "entente/export.h"
ENT_BEGIN_DECLS

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>

typedef enum {
    ENT_DIST_VALUES,        /* a list of values, equally likely */
    ENT_DIST_UNIFORM,       /* a = min, b = max */
    ENT_DIST_NORMAL,        /* a = mean, b = sd */
    ENT_DIST_TRUNCNORMAL,   /* a = mean, b = sd, c = min, d = max */
    ENT_DIST_LOGNORMAL,     /* a = meanlog, b = sdlog (of the underlying normal) */
    ENT_DIST_BETA,          /* a = alpha, b = beta, scaled to [c = min, d = max] */
    ENT_DIST_TRIANGULAR,    /* a = min, b = mode, c = max */
    ENT_DIST_DISCRETE,      /* values with weights */
    ENT_DIST_COUNT
} ent_dist_kind;

extern const char *const ent_dist_names[ENT_DIST_COUNT];

typedef struct {
    ent_dist_kind kind;
    double a, b, c, d;      /* parameters, by kind (see above) */
    double *values;         /* VALUES and DISCRETE: n_values (owned) */
    double *cum;            /* DISCRETE: cumulative probabilities, cum[n-1] = 1 (owned) */
    size_t n_values;
} ent_dist;

/* Set *d to a distribution over `n` values (copied); weights may be NULL
** (equal). 0 on success, -1 on bad weights or no memory. */
int ent_dist_set_values(ent_dist *d, ent_dist_kind kind, const double *values,
                        const double *weights, size_t n);
void ent_dist_free(ent_dist *d);
/* A random draw with GSL's samplers (gsl_ran_*). */
double ent_dist_sample(const ent_dist *d, gsl_rng *r);
/* The inverse distribution function at u in (0,1) (gsl_cdf_*_Pinv), used by
** the structured designs; u of 0 or 1 (rounding) is moved just inside, so
** the value is finite; NaN for a NaN u. For value lists, value[floor(u n)]. */
double ent_dist_quantile(const ent_dist *d, double u);
/* NULL if the distribution's parameters are within the bounds that keep
** its draws and quantiles finite (and are checked to); else what is wrong,
** naming the parameters as a sweep file does. Every value ent_dist_sample
** and ent_dist_quantile give for an accepted distribution is finite. */
const char *ent_dist_check(const ent_dist *d);
/* Smallest and largest value the distribution can take (may be infinite). */
void ent_dist_support(const ent_dist *d, double *lo, double *hi);

typedef enum {
    ENT_DESIGN_GRID,        /* every combination of the value lists */
    ENT_DESIGN_RANDOM,      /* independent draws per point */
    ENT_DESIGN_LHS,         /* Latin hypercube: one point per stratum of each dimension */
    ENT_DESIGN_SOBOL,       /* Sobol quasi-random sequence (gsl_qrng_sobol) */
    ENT_DESIGN_SALTELLI,    /* Saltelli (2010) A, B and A_B^(i) matrices for Sobol indices */
    ENT_DESIGN_COUNT
} ent_design_kind;

extern const char *const ent_design_names[ENT_DESIGN_COUNT];

#define ENT_SOBOL_MAX_DIM 40        /* gsl_qrng_sobol's limit */
#define ENT_LHS_MAX_CELLS (1u << 26) /* points x parameters a Latin hypercube may hold */

typedef struct ent_design ent_design;

/* Total points of a design over k parameters with `n` requested points
** (grid: the product of the list lengths, n ignored; saltelli: n (k + 2)). */
uint64_t ent_design_count(ent_design_kind kind, size_t k, const ent_dist *dists, uint64_t n);
/* A design over k parameters (dists are borrowed and must outlive it).
** NULL on bad arguments (a grid over a distribution, too many dimensions for
** Sobol, a Latin hypercube over more than ENT_LHS_MAX_CELLS) or no memory. */
ent_design *ent_design_alloc(ent_design_kind kind, size_t k, const ent_dist *dists, uint64_t n,
                             uint64_t seed);
void ent_design_free(ent_design *g);
uint64_t ent_design_points(const ent_design *g);
/* The k parameter values of point p (0-based). Any order is allowed; the
** Sobol and Saltelli designs are fastest when p does not decrease. */
void ent_design_point(ent_design *g, uint64_t p, double *x);
/* The point in the unit cube behind point p, before the inverse
** distribution functions (grid: NaN). */
void ent_design_unit(ent_design *g, uint64_t p, double *u);
/* Whether a point is its unit point through the inverse distribution
** functions (lhs, sobol, saltelli over at least one parameter): then
** ent_design_point(g, p, x) is ent_design_unit(g, p, x) followed by
** ent_design_from_unit(g, x), and that second step, the costly one, reads
** g only, so that any thread may take it. */
bool ent_design_by_unit(const ent_design *g);
/* A unit point's values, in place (see ent_design_by_unit). */
void ent_design_from_unit(const ent_design *g, double *x);

/* The random stream of a design's own draws: replicate words at and above
** this value are reserved (runs use replicates below 2^63). */
#define ENT_STREAM_DESIGN UINT64_C(0xFFFFFFFFFFFFFFFF)
#define ENT_STREAM_LHS    UINT64_C(0xFFFFFFFFFFFFFFFE)
#define ENT_STREAM_BOOT   UINT64_C(0xFFFFFFFFFFFFFFFD)

ENT_END_DECLS

#endif
