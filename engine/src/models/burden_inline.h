/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** burden_inline.h: the innermost arithmetic of the burden-sharing game, as
** inline functions, so that the stage's round loop and the public functions
** of burden.c (which call these) compute the same bits from one text.
*/
#ifndef ENT_MODELS_BURDEN_INLINE_H
#define ENT_MODELS_BURDEN_INLINE_H

#include <math.h>

/* Positive root of x^2 + b x + c = 0 when c <= 0 (GSL's cancellation-free
** form); the larger root when c == 0. The steps of gsl_poly_solve_quadratic
** (1, b, c) one for one, so the same roundings, but only the larger root and
** without the call: it is the innermost work of every best response. */
static inline double ent_i_burden_positive_root(double b, double c)
{
    double disc = b * b - 4.0 * c;          /* GSL's 4 * a * c with a = 1: exact */
    double r;
    if (disc > 0) {
        if (b == 0) {
            r = sqrt(-c);
        } else {
            double sgnb = b > 0 ? 1 : -1;
            double temp = -0.5 * (b + sgnb * sqrt(disc));
            double r2 = c / temp;
            r = temp < r2 ? r2 : temp;      /* temp / a is temp */
        }
    } else if (disc == 0) {
        r = -0.5 * b;
    } else {
        return 0.0;                         /* no real root (or NaN) */
    }
    return r > 0.0 ? r : 0.0;
}

/* ent_burden_best_response (burden.h). */
static inline double ent_i_burden_best_response(double Y, double a, double psi, double s_other)
{
    if (psi <= 0.0) {
        double m = a * Y - (1.0 - a) * s_other;
        return m > 0.0 ? m : 0.0;
    }
    double b = s_other * (1.0 - a + a * psi) - a * Y;
    double c = -a * psi * s_other * Y;
    return ent_i_burden_positive_root(b, c);
}

/* log x, or a remembered value: `memo` is {last argument, its log} (NULL:
** none, compute), and `back` (NULL: none) a second such pair consulted
** before computing when x is not memo's; both pairs are left holding x. */
static inline double ent_i_burden_log_memo(double x, double *memo, double *back)
{
    if (!memo)
        return log(x);
    if (x != memo[0]) {
        memo[0] = x;
        if (!back) {
            memo[1] = log(x);
        } else {
            if (x != back[0]) {
                back[0] = x;
                back[1] = log(x);
            }
            memo[1] = back[1];
        }
    }
    return memo[1];
}

/* ent_burden_utility_memo (burden.h); memos may be NULL. rest_back and
** own_back are second memos for ln(Y - m) and ln m (NULL: none), behind
** rest_memo and own_memo (which must then be given). */
static inline double ent_i_burden_utility(double Y, double a, double psi, double m, double s_other,
                                          double *rest_memo, double *total_memo, double *own_memo,
                                          double *rest_back, double *own_back)
{
    double floor = 1e-9 * Y;
    double own = m > floor ? m : floor;
    double S = m + s_other;
    if (S < floor) S = floor;
    double rest = Y - m > floor ? Y - m : floor;
    return (1.0 - a) * ent_i_burden_log_memo(rest, rest_memo, rest_back) +
           a * ((1.0 - psi) * ent_i_burden_log_memo(S, total_memo, NULL) +
                (psi > 0.0 ? psi * ent_i_burden_log_memo(own, own_memo, own_back) : 0.0));
}

#endif
