/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** design.c: the designs of a sweep. Grid points are decoded from the point
** index; random and Latin-hypercube points draw from a stream of their own
** per point; Sobol and Saltelli points come from GSL's Sobol generator, read
** in order (a design remembers where it is, so a sweep reads it once).
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_randist.h>
#include "entente/design.h"
#include "entente/rng.h"
#include "core/gsl_quiet.h"

const char *const ent_design_names[ENT_DESIGN_COUNT] = {
    "grid", "random", "lhs", "sobol", "saltelli",
};

struct ent_design {
    ent_design_kind kind;
    size_t k;
    const ent_dist *dists;
    uint64_t n;                 /* requested points (grid: product; saltelli: base N) */
    uint64_t total;             /* points of the design */
    uint64_t seed;
    gsl_rng *rng;
    uint32_t *perm;             /* lhs: k x n stratum of each point */
    gsl_qrng *q;                /* sobol, saltelli */
    double *cur;                /* the Sobol point last read (k or 2k) */
    uint64_t cur_index;         /* its index; UINT64_MAX before the first */
};

uint64_t ent_design_count(ent_design_kind kind, size_t k, const ent_dist *dists, uint64_t n)
{
    if (kind == ENT_DESIGN_GRID) {
        uint64_t total = 1;
        for (size_t j = 0; j < k; j++) {
            uint64_t m = dists[j].n_values;
            if (m == 0 || total > UINT64_MAX / m)
                return 0;
            total *= m;
        }
        return total;
    }
    if (kind == ENT_DESIGN_SALTELLI)
        return n > UINT64_MAX / (k + 2) ? 0 : n * (k + 2);
    return n;
}

void ent_design_free(ent_design *g)
{
    if (!g)
        return;
    if (g->rng)
        gsl_rng_free(g->rng);
    if (g->q)
        gsl_qrng_free(g->q);
    free(g->perm);
    free(g->cur);
    free(g);
}

ent_design *ent_design_alloc(ent_design_kind kind, size_t k, const ent_dist *dists, uint64_t n,
                             uint64_t seed)
{
    ent_i_gsl_quiet();
    if (kind == ENT_DESIGN_GRID)
        for (size_t j = 0; j < k; j++)
            if (dists[j].kind != ENT_DIST_VALUES)
                return NULL;
    if ((kind == ENT_DESIGN_SOBOL && k > ENT_SOBOL_MAX_DIM) ||
        (kind == ENT_DESIGN_SALTELLI && (k == 0 || 2 * k > ENT_SOBOL_MAX_DIM)))
        return NULL;
    if (kind == ENT_DESIGN_LHS && (n > UINT32_MAX || (k > 0 && n > ENT_LHS_MAX_CELLS / k)))
        return NULL;
    ent_design *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->kind = kind;
    g->k = k;
    g->dists = dists;
    g->n = n;
    g->seed = seed;
    g->total = ent_design_count(kind, k, dists, n);
    g->cur_index = UINT64_MAX;
    g->rng = ent_rng_alloc();
    if (!g->rng)
        goto fail;
    if (kind == ENT_DESIGN_LHS && k > 0 && n > 0) {
        g->perm = malloc(k * n * sizeof *g->perm);
        if (!g->perm)
            goto fail;
        for (size_t j = 0; j < k; j++) {
            uint32_t *p = g->perm + j * n;
            for (uint64_t i = 0; i < n; i++)
                p[i] = (uint32_t)i;
            /* each dimension's permutation has its own stream */
            ent_rng_stream(g->rng, seed, j, ENT_STREAM_LHS);
            gsl_ran_shuffle(g->rng, p, n, sizeof *p);
        }
    }
    if ((kind == ENT_DESIGN_SOBOL || kind == ENT_DESIGN_SALTELLI) && k > 0) {
        size_t dim = kind == ENT_DESIGN_SALTELLI ? 2 * k : k;
        g->q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)dim);
        g->cur = calloc(dim, sizeof *g->cur);
        if (!g->q || !g->cur)
            goto fail;
    }
    return g;
fail:
    ent_design_free(g);
    return NULL;
}

uint64_t ent_design_points(const ent_design *g)
{
    return g->total;
}

/* Position the Sobol generator on its point i (GSL's first point is 1/2, ...). */
static void sobol_seek(ent_design *g, uint64_t i)
{
    if (g->cur_index != UINT64_MAX && i < g->cur_index) {
        gsl_qrng_init(g->q);
        g->cur_index = UINT64_MAX;
    }
    while (g->cur_index == UINT64_MAX || g->cur_index < i) {
        gsl_qrng_get(g->q, g->cur);
        g->cur_index = g->cur_index == UINT64_MAX ? 0 : g->cur_index + 1;
    }
}

void ent_design_unit(ent_design *g, uint64_t p, double *u)
{
    size_t k = g->k;
    switch (g->kind) {
    case ENT_DESIGN_GRID:
        for (size_t j = 0; j < k; j++)
            u[j] = NAN;
        return;
    case ENT_DESIGN_RANDOM:
        ent_rng_stream(g->rng, g->seed, p, ENT_STREAM_DESIGN);
        for (size_t j = 0; j < k; j++)
            u[j] = gsl_rng_uniform_pos(g->rng);
        return;
    case ENT_DESIGN_LHS:
        /* stratum perm[j][p] of n, and a uniform position inside it */
        ent_rng_stream(g->rng, g->seed, p, ENT_STREAM_DESIGN);
        for (size_t j = 0; j < k; j++)
            u[j] = ((double)g->perm[j * g->n + p] + gsl_rng_uniform_pos(g->rng)) / (double)g->n;
        return;
    case ENT_DESIGN_SOBOL:
        if (k == 0)
            return;
        sobol_seek(g, p);
        memcpy(u, g->cur, k * sizeof *u);
        return;
    case ENT_DESIGN_SALTELLI: {
        /* point p is row j of A (m = 0), of B (m = 1) or of A_B^(i) (m = 2 + i):
        ** A with column i taken from B (Saltelli et al. 2010) */
        uint64_t j = p / (k + 2), m = p % (k + 2);
        sobol_seek(g, j);
        if (m == 1) {
            memcpy(u, g->cur + k, k * sizeof *u);
        } else {
            memcpy(u, g->cur, k * sizeof *u);
            if (m >= 2)
                u[m - 2] = g->cur[k + (m - 2)];
        }
        return;
    }
    default:
        return;
    }
}

void ent_design_point(ent_design *g, uint64_t p, double *x)
{
    size_t k = g->k;
    if (g->kind == ENT_DESIGN_GRID) {
        /* mixed radix, the first parameter varying slowest (nested loops in order) */
        for (size_t j = k; j-- > 0;) {
            uint64_t m = g->dists[j].n_values;
            x[j] = g->dists[j].values[p % m];
            p /= m;
        }
        return;
    }
    if (g->kind == ENT_DESIGN_RANDOM) {
        ent_rng_stream(g->rng, g->seed, p, ENT_STREAM_DESIGN);
        for (size_t j = 0; j < k; j++)
            x[j] = ent_dist_sample(&g->dists[j], g->rng);
        return;
    }
    ent_design_unit(g, p, x);
    ent_design_from_unit(g, x);
}

bool ent_design_by_unit(const ent_design *g)
{
    return g->k > 0 && (g->kind == ENT_DESIGN_LHS || g->kind == ENT_DESIGN_SOBOL ||
                        g->kind == ENT_DESIGN_SALTELLI);
}

void ent_design_from_unit(const ent_design *g, double *x)
{
    for (size_t j = 0; j < g->k; j++)
        x[j] = ent_dist_quantile(&g->dists[j], x[j]);
}
