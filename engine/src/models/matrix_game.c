/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** matrix_game.c: bimatrix games: the named presets, symmetric 2x2 games
** from R, S, T, P, expected payoffs and the mutual-best-response check.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "entente/matrix.h"

const ent_matrix_preset ent_matrix_presets[] = {
    { "prisoners_dilemma", "T > R > P > S: defection dominates, mutual defection is the only equilibrium "
      "(Axelrod 1984's payoffs R=3, S=0, T=5, P=1)", 1, 3, 0, 5, 1, "cooperate", "defect" },
    { "chicken", "T > R > S > P: each prefers to yield rather than crash; two pure equilibria "
      "and a mixed one (Snyder 1971; Jervis 1978)", 1, 3, 1, 4, 0, "swerve", "straight" },
    { "stag_hunt", "R > T > P > S: mutual cooperation pays best but is risky; two pure "
      "equilibria and a mixed one (Skyrms 2004; Jervis 1978)", 1, 4, 0, 3, 2, "stag", "hare" },
    { "deadlock", "T > P > R > S: both prefer mutual defection to mutual cooperation "
      "(Snyder & Diesing 1977)", 1, 1, 0, 3, 2, "cooperate", "defect" },
    { "harmony", "R > T and S > P: cooperation dominates; no dilemma", 1, 4, 2, 3, 1,
      "cooperate", "defect" },
    { "battle_of_the_sexes", "coordination with conflict: both want to meet, each prefers its own "
      "venue (Luce & Raiffa 1957)", 0, 0, 0, 0, 0, "opera", "football" },
    { "matching_pennies", "zero-sum: the row player wins on a match, the column player on a "
      "mismatch; only a mixed equilibrium", 0, 0, 0, 0, 0, "heads", "tails" },
};
const size_t ent_n_matrix_presets = sizeof ent_matrix_presets / sizeof ent_matrix_presets[0];

const ent_matrix_preset *ent_matrix_preset_find(const char *name)
{
    for (size_t i = 0; i < ent_n_matrix_presets; i++)
        if (!strcmp(ent_matrix_presets[i].name, name))
            return &ent_matrix_presets[i];
    return NULL;
}

static void set_labels(ent_bimatrix *g, const char *c, const char *d)
{
    snprintf(g->row_labels[0], ENT_LABEL_MAX, "%s", c);
    snprintf(g->row_labels[1], ENT_LABEL_MAX, "%s", d);
    snprintf(g->col_labels[0], ENT_LABEL_MAX, "%s", c);
    snprintf(g->col_labels[1], ENT_LABEL_MAX, "%s", d);
}

void ent_matrix_symmetric_2x2(double R, double S, double T, double P, const char *c_label,
                              const char *d_label, ent_bimatrix *g)
{
    memset(g, 0, sizeof *g);
    g->m = g->n = 2;
    g->a[0] = R; g->a[1] = S; g->a[2] = T; g->a[3] = P;
    g->b[0] = R; g->b[1] = T; g->b[2] = S; g->b[3] = P;
    set_labels(g, c_label, d_label);
    snprintf(g->name, sizeof g->name, "custom");
}

void ent_matrix_from_preset(const ent_matrix_preset *p, const double *rstp, ent_bimatrix *g)
{
    if (p->rstp) {
        const double def[4] = { p->R, p->S, p->T, p->P };
        const double *v = rstp ? rstp : def;
        ent_matrix_symmetric_2x2(v[0], v[1], v[2], v[3], p->c_label, p->d_label, g);
    } else {
        memset(g, 0, sizeof *g);
        g->m = g->n = 2;
        if (!strcmp(p->name, "battle_of_the_sexes")) {
            const double a[4] = { 3, 0, 0, 2 }, b[4] = { 2, 0, 0, 3 };
            memcpy(g->a, a, sizeof a);
            memcpy(g->b, b, sizeof b);
        } else {    /* matching_pennies */
            const double a[4] = { 1, -1, -1, 1 }, b[4] = { -1, 1, 1, -1 };
            memcpy(g->a, a, sizeof a);
            memcpy(g->b, b, sizeof b);
        }
        set_labels(g, p->c_label, p->d_label);
    }
    snprintf(g->name, sizeof g->name, "%s", p->name);
}

int ent_matrix_is_symmetric(const ent_bimatrix *g)
{
    if (g->m != g->n)
        return 0;
    for (int i = 0; i < g->m; i++)
        for (int j = 0; j < g->n; j++)
            if (g->a[i * g->n + j] != g->b[j * g->n + i])
                return 0;
    return 1;
}

void ent_matrix_rstp(const ent_bimatrix *g, int player, double *R, double *S, double *T,
                     double *P)
{
    if (player == 0) {
        *R = g->a[0]; *S = g->a[1]; *T = g->a[2]; *P = g->a[3];
    } else {
        /* the column player's own move is the column index */
        *R = g->b[0]; *S = g->b[2]; *T = g->b[1]; *P = g->b[3];
    }
}

void ent_bimatrix_payoffs(const ent_bimatrix *g, const double *x, const double *y,
                          double *u_row, double *u_col)
{
    double ur = 0.0, uc = 0.0;
    for (int i = 0; i < g->m; i++)
        for (int j = 0; j < g->n; j++) {
            double w = x[i] * y[j];
            ur += w * g->a[i * g->n + j];
            uc += w * g->b[i * g->n + j];
        }
    *u_row = ur;
    *u_col = uc;
}

int ent_bimatrix_is_nash(const ent_bimatrix *g, const double *x, const double *y, double tol)
{
    double sx = 0.0, sy = 0.0;
    for (int i = 0; i < g->m; i++) {
        if (x[i] < -tol) return 0;
        sx += x[i];
    }
    for (int j = 0; j < g->n; j++) {
        if (y[j] < -tol) return 0;
        sy += y[j];
    }
    if (fabs(sx - 1.0) > tol || fabs(sy - 1.0) > tol)
        return 0;
    double ur, uc;
    ent_bimatrix_payoffs(g, x, y, &ur, &uc);
    for (int i = 0; i < g->m; i++) {
        double v = 0.0;
        for (int j = 0; j < g->n; j++)
            v += g->a[i * g->n + j] * y[j];
        if (v > ur + tol)
            return 0;
    }
    for (int j = 0; j < g->n; j++) {
        double v = 0.0;
        for (int i = 0; i < g->m; i++)
            v += g->b[i * g->n + j] * x[i];
        if (v > uc + tol)
            return 0;
    }
    return 1;
}
