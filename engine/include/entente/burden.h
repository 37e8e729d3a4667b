/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** burden.h: the Olson-Zeckhauser burden-sharing game with Sandler's joint
** product. Ally i spends m_i (USD bn) of its GDP Y_i; alliance security is
** S = sum_j m_j; preferences are
**     U_i = (1 - a_i) ln(Y_i - m_i) + a_i [ (1 - psi_i) ln S + psi_i ln m_i ]
** (psi = 0: the pure public good of O&Z 1966; psi > 0: a private share of the
** benefit, Sandler 1977). The weight on security rises with threat theta:
**     logit(a_i) = logit(a0_i) + gamma * theta_i.
*/
#ifndef ENT_BURDEN_H
#define ENT_BURDEN_H

#include "entente/export.h"
ENT_BEGIN_DECLS

#include <stddef.h>

/* Best response m_i to the others' spending s_other (USD bn). Closed form:
** psi = 0: max(0, a Y - (1 - a) s_other); psi > 0: the positive root of
**     m^2 + [s_other (1 - a + a psi) - a Y] m - a psi s_other Y = 0. */
double ent_burden_best_response(double Y, double a, double psi, double s_other);

/* Stage utility of spending m when the others spend s_other. Spending is
** floored at 1e-9 Y in the private term so that free riders stay finite. */
double ent_burden_utility(double Y, double a, double psi, double m, double s_other);

/* The same utility, to the last bit, remembering logarithms: each memo is
** {last argument, its log} (or NULL), set to {NAN, NAN} before first use. The
** round loop passes per-agent memos for ln(Y - m) and ln m, which repeat
** while an agent's spending stands still, and one memo for ln S, shared by
** the agents of a round since S = m + s_other is mostly the same total. */
double ent_burden_utility_memo(double Y, double a, double psi, double m, double s_other,
                               double rest_memo[2], double total_memo[2], double own_memo[2]);

/* The weight a0 that makes spending m the best response to s_other, at most
** ENT_BURDEN_ALPHA_MAX (m = Y would need a0 = 1). */
#define ENT_BURDEN_ALPHA_MAX 0.999
double ent_burden_calibrate_alpha(double Y, double psi, double m, double s_other);

/* An agent's weights as the burden stage resolves them. With alpha_given
** NaN, alpha is calibrated by revealed preference: the starting spending m0
** is a best response to the others' s_other0 at the threat theta_cal it was
** observed at (NaN = theta); an agent starting at zero gets psi = 0 (with a
** private benefit zero is never a best response) and the largest alpha for
** which zero is one. Sets *alpha0 (the weight at zero threat) and *psi (in:
** the agent's psi); returns the weight at threat theta, so that a theta away
** from theta_cal moves it by gamma * (theta - theta_cal) on the logit scale. */
double ent_burden_weights(double Y, double m0, double s_other0, double alpha_given,
                          double gamma, double theta, double theta_cal, double *psi,
                          double *alpha0);

/* Effective weight on security under threat theta (logit shift by gamma). */
double ent_burden_alpha(double a0, double gamma, double theta);

/* Nash equilibrium of the pure public good (psi = 0) with heterogeneous
** weights, in closed form: contributors C are those with Y_i > k_i S,
** k_i = (1 - a_i)/a_i, and S = sum_C Y_i / (1 + sum_C k_i). Writes m[i];
** returns S. `work` must hold n size_t. */
double ent_burden_nash_pure(size_t n, const double *Y, const double *a, double *m,
                            size_t *work);

/* Nash equilibrium for any psi in [0,1): the fixed point S = sum_i m_i(S) of
** each ally's best response when the total is S, solved with GSL's Brent root
** finder. Returns S, or NaN if the solver fails. */
double ent_burden_nash(size_t n, const double *Y, const double *a, const double *psi,
                       double *m);

/* What a burden-sharing strategy sees: all a person at a terminal would need. */
typedef struct {
    int round;                  /* 1-based */
    int is_patron;
    double gdp;                 /* USD bn */
    double alpha;               /* own weight on security */
    double psi;                 /* own private share of the benefit */
    double share;               /* own share of GDP spent last round */
    double share0;              /* own share at the start of the run */
    double spending_others;     /* everyone else's spending now, USD bn */
    double demand;              /* patron's demand (NaN for the patron) */
    int patron_act;             /* ent_patron_act toward this agent last round */
} ent_burden_view;

typedef struct {
    double share;               /* chosen share of GDP for this round */
} ent_burden_decision;

/* Spearman rank correlation of x and y (GSL; `work` holds 2n doubles). */
double ent_spearman(size_t n, const double *x, const double *y, double *work);

/* One-sided p-value of H1: rho > 0 for a (partial) rank correlation r with
** df degrees of freedom, by the t approximation t = r sqrt(df / (1 - r^2))
** (df = n - 2; n - 3 for a partial correlation holding one variable); NaN
** when df < 1. */
double ent_rank_p_greater(double r, double df);

/* Exact one-sided p-value of H1: rho > 0 by permutation: the share of the n!
** orderings of y whose rank correlation with x is at least the observed one
** (mid-ranks for ties). NaN unless 2 <= n <= ENT_EXPLOITATION_EXACT_MAX. */
#define ENT_EXPLOITATION_EXACT_MAX 8
double ent_rank_p_exact(size_t n, const double *x, const double *y);

/* The exploitation statistic as Sandler and co-authors compute it: Spearman's
** rho of GDP and defence share, returned, with its one-sided p-value (*p:
** exact permutation for n <= ENT_EXPLOITATION_EXACT_MAX, else the t
** approximation);
** when per_head (GDP per head) is not NULL, the partial rank correlation
** holding it constant and its p-value. P-values and the partial correlation
** are NaN for fewer than ENT_EXPLOITATION_MIN_N agents. `work` holds 2n. */
#define ENT_EXPLOITATION_MIN_N 5    /* the patron and four allies */
double ent_exploitation(size_t n, const double *gdp, const double *share, const double *per_head,
                        double *work, double *p, double *partial, double *partial_p);

ENT_END_DECLS

#endif
