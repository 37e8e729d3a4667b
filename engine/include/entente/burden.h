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

#endif
