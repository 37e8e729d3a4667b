/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** matrix_nash.c: Nash equilibria of bimatrix games. 2x2 games in closed
** form; larger games by support enumeration, solving each pair of supports'
** indifference equations with GSL's LU decomposition.
*/
#include <math.h>
#include <string.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_permutation.h>
#include "entente/matrix.h"

#define EPS 1e-9

static int add_eq(ent_nash_eq *out, int cap, int k, const ent_bimatrix *g, const double *x,
                  const double *y, int support)
{
    if (k >= cap)
        return k;
    ent_nash_eq *e = &out[k];
    memset(e, 0, sizeof *e);
    memcpy(e->x, x, (size_t)g->m * sizeof *x);
    memcpy(e->y, y, (size_t)g->n * sizeof *y);
    ent_bimatrix_payoffs(g, e->x, e->y, &e->u_row, &e->u_col);
    e->support = support;
    return k + 1;
}

int ent_nash_2x2(const ent_bimatrix *g, ent_nash_eq *out, int cap, int *degenerate)
{
    const double *a = g->a, *b = g->b;
    int k = 0;
    *degenerate = 0;
    /* pure profiles: each action a best response to the other */
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            double ai = a[i * 2 + j], ao = a[(1 - i) * 2 + j];
            double bj = b[i * 2 + j], bo = b[i * 2 + (1 - j)];
            if (ai == ao || bj == bo)
                *degenerate = 1;
            if (ai >= ao && bj >= bo) {
                double x[2] = { i == 0, i == 1 }, y[2] = { j == 0, j == 1 };
                k = add_eq(out, cap, k, g, x, y, 1);
            }
        }
    /* mixed: q (column's weight on action 0) makes the row player indifferent,
    ** p (row's weight on action 0) the column player */
    double dq = a[0] - a[1] - a[2] + a[3];
    double dp = b[0] - b[1] - b[2] + b[3];
    if (dq == 0.0 || dp == 0.0) {
        if ((dq == 0.0 && a[3] == a[1]) || (dp == 0.0 && b[3] == b[2]))
            *degenerate = 1;    /* a player indifferent whatever the other does */
        return k;
    }
    double q = (a[3] - a[1]) / dq;
    double p = (b[3] - b[2]) / dp;
    if (p > 0.0 && p < 1.0 && q > 0.0 && q < 1.0) {
        double x[2] = { p, 1.0 - p }, y[2] = { q, 1.0 - q };
        k = add_eq(out, cap, k, g, x, y, 2);
    }
    return k;
}

/* Solve sum_{s in S} M[r, s] z_s = v for r in R, sum z = 1, for (z, v).
** M is read through (row, col) index lists; `trans` swaps the roles (the
** column player's payoffs b[i, j] with i the unknown). Returns 0 or -1. */
static int solve_support(const double *pay, int n_cols, const int *eq_idx, const int *var_idx,
                         int k, int trans, double *z)
{
    double mat[(ENT_MATRIX_MAX + 1) * (ENT_MATRIX_MAX + 1)];
    double rhs[ENT_MATRIX_MAX + 1], sol[ENT_MATRIX_MAX + 1];
    size_t perm_data[ENT_MATRIX_MAX + 1];
    int dim = k + 1;
    for (int r = 0; r < k; r++) {
        for (int s = 0; s < k; s++) {
            int i = trans ? var_idx[s] : eq_idx[r];
            int j = trans ? eq_idx[r] : var_idx[s];
            mat[r * dim + s] = pay[i * n_cols + j];
        }
        mat[r * dim + k] = -1.0;
        rhs[r] = 0.0;
    }
    for (int s = 0; s < k; s++)
        mat[k * dim + s] = 1.0;
    mat[k * dim + k] = 0.0;
    rhs[k] = 1.0;
    gsl_matrix_view mv = gsl_matrix_view_array(mat, (size_t)dim, (size_t)dim);
    gsl_vector_view bv = gsl_vector_view_array(rhs, (size_t)dim);
    gsl_vector_view xv = gsl_vector_view_array(sol, (size_t)dim);
    gsl_permutation perm = { (size_t)dim, perm_data };
    int signum;
    if (gsl_linalg_LU_decomp(&mv.matrix, &perm, &signum))
        return -1;
    double scale = 0.0;
    for (int r = 0; r < dim * dim; r++)
        if (fabs(mat[r]) > scale) scale = fabs(mat[r]);
    for (int r = 0; r < dim; r++)
        if (fabs(mat[r * dim + r]) <= 1e-12 * (scale > 1.0 ? scale : 1.0))
            return -1;          /* singular: no unique solution on this support */
    if (gsl_linalg_LU_solve(&mv.matrix, &perm, &bv.vector, &xv.vector))
        return -1;
    for (int r = 0; r <= k; r++)
        z[r] = sol[r];
    return 0;
}

static int popcount(unsigned v)
{
    int c = 0;
    for (; v; v &= v - 1) c++;
    return c;
}

/* Pure strategies with several best replies make a game degenerate. */
static int pure_ties(const ent_bimatrix *g)
{
    for (int i = 0; i < g->m; i++) {
        double best = -HUGE_VAL;
        int count = 0;
        for (int j = 0; j < g->n; j++) {
            double v = g->b[i * g->n + j];
            if (v > best + EPS) { best = v; count = 1; }
            else if (fabs(v - best) <= EPS) count++;
        }
        if (count > 1) return 1;
    }
    for (int j = 0; j < g->n; j++) {
        double best = -HUGE_VAL;
        int count = 0;
        for (int i = 0; i < g->m; i++) {
            double v = g->a[i * g->n + j];
            if (v > best + EPS) { best = v; count = 1; }
            else if (fabs(v - best) <= EPS) count++;
        }
        if (count > 1) return 1;
    }
    return 0;
}

int ent_nash_support_enum(const ent_bimatrix *g, ent_nash_eq *out, int cap, int *degenerate)
{
    int m = g->m, n = g->n, found = 0;
    *degenerate = pure_ties(g);
    int kmax = m < n ? m : n;
    for (int k = 1; k <= kmax; k++)
        for (unsigned I = 1; I < (1u << m); I++) {
            if (popcount(I) != k)
                continue;
            int ri[ENT_MATRIX_MAX], nr = 0;
            for (int i = 0; i < m; i++)
                if (I & (1u << i)) ri[nr++] = i;
            for (unsigned J = 1; J < (1u << n); J++) {
                if (popcount(J) != k)
                    continue;
                int cj[ENT_MATRIX_MAX], nc = 0;
                for (int j = 0; j < n; j++)
                    if (J & (1u << j)) cj[nc++] = j;
                double zy[ENT_MATRIX_MAX + 1], zx[ENT_MATRIX_MAX + 1];
                /* y on J makes the row player indifferent over I */
                if (solve_support(g->a, n, ri, cj, k, 0, zy))
                    continue;
                /* x on I makes the column player indifferent over J */
                if (solve_support(g->b, n, cj, ri, k, 1, zx))
                    continue;
                double x[ENT_MATRIX_MAX] = { 0 }, y[ENT_MATRIX_MAX] = { 0 };
                int ok = 1;
                for (int s = 0; s < k && ok; s++) {
                    if (zx[s] <= EPS || zy[s] <= EPS) ok = 0;
                    x[ri[s]] = zx[s];
                    y[cj[s]] = zy[s];
                }
                if (!ok)
                    continue;
                double v = zy[k], u = zx[k];
                int tie = 0;
                for (int i = 0; i < m && ok; i++) {
                    if (I & (1u << i)) continue;
                    double w = 0.0;
                    for (int j = 0; j < n; j++) w += g->a[i * n + j] * y[j];
                    if (w > v + EPS) ok = 0;
                    else if (w > v - EPS) tie = 1;
                }
                for (int j = 0; j < n && ok; j++) {
                    if (J & (1u << j)) continue;
                    double w = 0.0;
                    for (int i = 0; i < m; i++) w += g->b[i * n + j] * x[i];
                    if (w > u + EPS) ok = 0;
                    else if (w > u - EPS) tie = 1;
                }
                if (!ok)
                    continue;
                if (tie)
                    *degenerate = 1;
                found = add_eq(out, cap, found, g, x, y, k);
            }
        }
    return found;
}

int ent_nash_all(const ent_bimatrix *g, ent_nash_eq *out, int cap, int *degenerate)
{
    if (g->m == 2 && g->n == 2)
        return ent_nash_2x2(g, out, cap, degenerate);
    return ent_nash_support_enum(g, out, cap, degenerate);
}
