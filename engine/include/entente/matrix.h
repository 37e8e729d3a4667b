/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** matrix.h: two-player matrix (bimatrix) stage games: named presets, the
** symmetric 2x2 payoffs R, S, T, P, and their Nash equilibria (the 2x2
** closed form, and every extreme equilibrium as doubles from the exact
** solver of nash.h).
*/
#ifndef ENT_MATRIX_H
#define ENT_MATRIX_H

#include "entente/export.h"
ENT_BEGIN_DECLS

#include <stddef.h>

#define ENT_MATRIX_MAX 32       /* actions per player */
#define ENT_LABEL_MAX 32
#define ENT_NASH_MAX 512        /* a convenient size for the out array of ent_nash_all */

/* A bimatrix game: the row player picks i, the column player j; they get
** a[i n + j] and b[i n + j]. In a 2x2 game action 0 is the cooperative one
** (C), action 1 the other (D). */
typedef struct {
    int m, n;
    double a[ENT_MATRIX_MAX * ENT_MATRIX_MAX];
    double b[ENT_MATRIX_MAX * ENT_MATRIX_MAX];
    char row_labels[ENT_MATRIX_MAX][ENT_LABEL_MAX];
    char col_labels[ENT_MATRIX_MAX][ENT_LABEL_MAX];
    char name[ENT_LABEL_MAX];   /* preset name, or "custom" */
} ent_bimatrix;

/* Named presets. Those with `rstp` set are symmetric 2x2 games given by
** R (both C), S (own C, other D), T (own D, other C), P (both D). */
typedef struct {
    const char *name;
    const char *doc;
    int rstp;                   /* 1: takes R, S, T, P */
    double R, S, T, P;          /* defaults when rstp */
    const char *c_label, *d_label;
} ent_matrix_preset;

extern const ent_matrix_preset ent_matrix_presets[];
extern const size_t ent_n_matrix_presets;

/* Preset by name, or NULL. */
const ent_matrix_preset *ent_matrix_preset_find(const char *name);
/* Fill `g` from a preset; rstp (4 values R, S, T, P) overrides the defaults
** of a symmetric preset and may be NULL. */
void ent_matrix_from_preset(const ent_matrix_preset *p, const double *rstp, ent_bimatrix *g);
/* A symmetric 2x2 game from R, S, T, P with labels. */
void ent_matrix_symmetric_2x2(double R, double S, double T, double P, const char *c_label,
                              const char *d_label, ent_bimatrix *g);
/* 1 if the game is square with b = a transposed (both players alike). */
int ent_matrix_is_symmetric(const ent_bimatrix *g);
/* Own payoffs of the row (player 0) or column (player 1) player of a 2x2
** game, as R = u(C,C), S = u(C,D), T = u(D,C), P = u(D,D). */
void ent_matrix_rstp(const ent_bimatrix *g, int player, double *R, double *S, double *T,
                     double *P);

/* ---- Nash equilibria ---------------------------------------------------- */

typedef struct {
    double x[ENT_MATRIX_MAX];   /* row player's mixed strategy */
    double y[ENT_MATRIX_MAX];   /* column player's mixed strategy */
    double u_row, u_col;        /* expected payoffs */
    int support;                /* support size (1 = pure) */
} ent_nash_eq;

/* Expected payoffs of (x, y). */
void ent_bimatrix_payoffs(const ent_bimatrix *g, const double *x, const double *y,
                          double *u_row, double *u_col);
/* 1 if x and y are mutual best responses within tol (every action played
** with positive probability earns the best payoff against the other). */
int ent_bimatrix_is_nash(const ent_bimatrix *g, const double *x, const double *y, double tol);

/* Every equilibrium of a 2x2 game in closed form: pure profiles by best
** responses, and the mixed profile q = (d - b)/(a - b - c + d) of the
** indifference conditions when it lies strictly inside (0,1). Returns the
** count; *degenerate is set when a player has a tie that yields a continuum. */
int ent_nash_2x2(const ent_bimatrix *g, ent_nash_eq *out, int cap, int *degenerate);

/* Every extreme equilibrium, found exactly by ent_nash_solve (nash.h) and
** given as doubles: at most `cap` are stored. Returns how many there are
** (which may exceed cap; -1 on failure); *degenerate is set when the game is
** degenerate (then equilibria may form continua, spanned by these). */
int ent_nash_all(const ent_bimatrix *g, ent_nash_eq *out, int cap, int *degenerate);

ENT_END_DECLS

#endif
