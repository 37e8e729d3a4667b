/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** nash.h: every extreme Nash equilibrium of a bimatrix game, in exact
** rational arithmetic, and the maximal convex sets of equilibria they span
** (maximal Nash subsets, as maximal cliques) grouped into components.
**
** The payoffs are read as exact rationals (from their decimal text when
** given, else from the shortest decimal that gives back the double), made
** nonnegative integers with a common positive shift and scale (which leave
** the equilibria unchanged, so scaled games are solved identically), and the
** vertices of the best-response polytopes
**     P = {x >= 0 : B'x <= 1},  Q = {y >= 0 : Ay <= 1}
** are enumerated by the double description method with exact integers
** (GMP), which is not troubled by degenerate games. A pair of vertices
** (x, y), both not 0, whose tight constraints (labels) cover every action
** of both players is an extreme equilibrium once x and y are normalised to
** sum 1 (Avis, Rosenberg, Savani & von Stengel 2010).
*/
#ifndef ENT_NASH_H
#define ENT_NASH_H

#include "entente/export.h"
ENT_BEGIN_DECLS

#include "entente/matrix.h"

#define ENT_NASH_DEFAULT_MAX 100000L        /* equilibria listed by default */
#define ENT_NASH_DEFAULT_VERTICES 250000L   /* rays of one polytope kept at a time (memory) */

/* An extreme mixed strategy of one player: a vertex of its polytope. */
typedef struct {
    double *p;          /* probability of each action (correctly rounded) */
    char **exact;       /* each probability as an exact fraction, "1/3" */
    int support;        /* actions played with positive probability */
} ent_nash_strategy;

/* An extreme equilibrium: one extreme strategy of each player. */
typedef struct {
    int row, col;                   /* indices into rows[] and cols[] of the result */
    double u_row, u_col;            /* expected payoffs (correctly rounded) */
    char *u_row_exact, *u_col_exact;
    int pure;                       /* both strategies pure */
    int strict;                     /* pure, and each action the only best reply */
    int payoff_dominant;            /* no equilibrium pays either player more, some pays one less */
    int risk_dominant;              /* 2x2 with two strict equilibria: the larger product of
                                    ** deviation losses (Harsanyi & Selten 1988); else 0 */
    int index;                      /* +1 or -1 (Shapley 1974) in a nondegenerate game, else 0 */
    int component;                  /* 0-based component */
} ent_nash_equilibrium;

/* A maximal Nash subset: every mix of its row strategies with every mix of
** its column strategies is an equilibrium, and no other extreme strategy
** can be added. Its members are indices into rows[] and cols[]. */
typedef struct {
    int n_rows, n_cols;
    int *rows, *cols;
    int component;
} ent_nash_subset;

typedef struct {
    int m, n;
    int degenerate;                 /* a polytope is not simple: ties, possible continua */
    int complete;                   /* 0: more than max equilibria; max of them are kept */
    long vertices_row, vertices_col;   /* vertices of P and Q, 0 excluded */
    int n_rows, n_cols;             /* extreme strategies in some equilibrium */
    ent_nash_strategy *rows, *cols;
    long n_eq;
    ent_nash_equilibrium *eq;       /* sorted: smaller supports first, then by probabilities */
    int n_subsets;                  /* maximal Nash subsets (0 when incomplete) */
    ent_nash_subset *subsets;
    int subsets_complete;           /* 0: too many subsets to list them all */
    int n_components;
} ent_nash_result;

/* Status of ent_nash_solve. */
enum {
    ENT_NASH_OK = 0,
    ENT_NASH_NOMEM = -1,            /* out of memory */
    ENT_NASH_TOO_LARGE = -2,        /* a polytope has more than max_vertices vertices */
    ENT_NASH_BAD_NUMBER = -3        /* a payoff text or value is not a finite number */
};

/* Every extreme equilibrium of `g`, at most `max_eq` of them (res->complete
** says whether that was all), the maximal Nash subsets and the components.
** `text` may be NULL, or hold 2 m n payoff texts (row player's a[i n + j],
** then the column player's), any of them NULL, read as exact decimals.
** max_vertices bounds the work (<= 0: ENT_NASH_DEFAULT_VERTICES). Returns
** ENT_NASH_OK or an error status; free the result with ent_nash_result_free
** either way. */
int ent_nash_solve(const ent_bimatrix *g, const char *const *text, long max_eq, long max_vertices,
                   ent_nash_result *res);
void ent_nash_result_free(ent_nash_result *res);

/* The exact rational value of a number's decimal text ("0.1" is 1/10,
** "-2.5e-3" is -1/400) as a reduced fraction "p/q" or integer "p", in a
** buffer of `size` bytes. Returns 0, or -1 if `text` is not a finite decimal
** or the buffer is too small. */
int ent_nash_exact_text(const char *text, char *buf, size_t size);

ENT_END_DECLS

#endif
