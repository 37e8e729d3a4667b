/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** matrix_nash.c: Nash equilibria of bimatrix games as doubles: 2x2 games
** in closed form, and every extreme equilibrium of any game through the
** exact solver (nash_exact.c).
*/
#include <math.h>
#include <string.h>
#include "entente/matrix.h"
#include "entente/nash.h"

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

int ent_nash_all(const ent_bimatrix *g, ent_nash_eq *out, int cap, int *degenerate)
{
    ent_nash_result r;
    *degenerate = 0;
    int rc = ent_nash_solve(g, NULL, cap > 0 ? cap : 0, 0, &r);
    int k = -1;
    if (rc == ENT_NASH_OK) {
        *degenerate = r.degenerate;
        for (long e = 0; e < r.n_eq && e < cap; e++) {
            const ent_nash_strategy *x = &r.rows[r.eq[e].row], *y = &r.cols[r.eq[e].col];
            memset(&out[e], 0, sizeof out[e]);
            memcpy(out[e].x, x->p, (size_t)g->m * sizeof *x->p);
            memcpy(out[e].y, y->p, (size_t)g->n * sizeof *y->p);
            out[e].u_row = r.eq[e].u_row;
            out[e].u_col = r.eq[e].u_col;
            out[e].support = x->support > y->support ? x->support : y->support;
        }
        k = (int)r.n_eq + !r.complete;
    }
    ent_nash_result_free(&r);
    return k;
}
