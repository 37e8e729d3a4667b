/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** burden.c: closed forms and equilibria of the burden-sharing game.
** See burden.h for the model; docs/MODEL.md (in scenarios/README.md) for the
** derivations.
*/
#include <math.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_statistics_double.h>
#include "entente/burden.h"
#include "models/burden_inline.h"

double ent_burden_best_response(double Y, double a, double psi, double s_other)
{
    return ent_i_burden_best_response(Y, a, psi, s_other);
}

double ent_burden_utility(double Y, double a, double psi, double m, double s_other)
{
    return ent_i_burden_utility(Y, a, psi, m, s_other, NULL, NULL, NULL, NULL, NULL);
}

double ent_burden_utility_memo(double Y, double a, double psi, double m, double s_other,
                               double rest_memo[2], double total_memo[2], double own_memo[2])
{
    return ent_i_burden_utility(Y, a, psi, m, s_other, rest_memo, total_memo, own_memo, NULL, NULL);
}

double ent_burden_calibrate_alpha(double Y, double psi, double m, double s_other)
{
    if (m <= 0.0) {
        /* not contributing: the largest weight for which 0 is still the best
        ** response when psi = 0 (with psi > 0 zero is never one: the caller,
        ** ent_burden_weights, sets psi to 0 for such an agent) */
        return s_other > 0.0 ? s_other / (Y + s_other) : 1e-6;
    }
    double S = m + s_other;
    double K = (1.0 - psi) / S + (psi > 0.0 ? psi / m : 0.0);
    double a = 1.0 / (1.0 + (Y - m) * K);
    /* spending all of GDP would reveal a = 1, no weight on consumption, whose
    ** odds (and payoffs) are undefined: keep to the largest `alpha` a file may give */
    return a < ENT_BURDEN_ALPHA_MAX ? a : ENT_BURDEN_ALPHA_MAX;
}

double ent_burden_alpha(double a0, double gamma, double theta)
{
    if (gamma == 0.0 || theta == 0.0)
        return a0;
    double odds = a0 / (1.0 - a0) * exp(gamma * theta);
    return odds / (1.0 + odds);
}

double ent_burden_weights(double Y, double m0, double s_other0, double alpha_given,
                          double gamma, double theta, double theta_cal, double *psi,
                          double *alpha0)
{
    double a0;
    if (isnan(alpha_given)) {
        /* revealed preference: under Cobb-Douglas every good with a positive
        ** weight is bought, so an agent that spends nothing reveals no private
        ** benefit of defence (the marginal utility of psi ln m is infinite at
        ** m = 0) and the largest alpha at which zero is its best response */
        if (m0 <= 0.0)
            *psi = 0.0;
        double a = ent_burden_calibrate_alpha(Y, *psi, m0, s_other0);
        /* a is the weight at the threat the share was observed at */
        double odds = a / (1.0 - a) * exp(-gamma * (isnan(theta_cal) ? theta : theta_cal));
        a0 = odds / (1.0 + odds);
    } else {
        a0 = alpha_given;
    }
    *alpha0 = a0;
    return ent_burden_alpha(a0, gamma, theta);
}

double ent_burden_nash_pure(size_t n, const double *Y, const double *a, double *m,
                            size_t *order)
{
    /* order allies by Y_i / k_i, largest first (insertion sort: n is small) */
    for (size_t i = 0; i < n; i++) {
        double ri = Y[i] * a[i] / (1.0 - a[i]);
        size_t j = i;
        while (j > 0 && Y[order[j - 1]] * a[order[j - 1]] / (1.0 - a[order[j - 1]]) < ri) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
    /* grow the contributor set while the next ally's Y/k exceeds S: by the
    ** mediant property S stays below Y/k of every ally admitted so far */
    double sumY = 0.0, sumk = 0.0, S = 0.0;
    size_t c = 0;
    for (; c < n; c++) {
        size_t i = order[c];
        double k = (1.0 - a[i]) / a[i];
        if (c > 0 && Y[i] <= k * S)
            break;
        sumY += Y[i];
        sumk += k;
        S = sumY / (1.0 + sumk);
    }
    for (size_t i = 0; i < n; i++)
        m[i] = 0.0;
    for (size_t j = 0; j < c; j++) {
        size_t i = order[j];
        m[i] = Y[i] - (1.0 - a[i]) / a[i] * S;
    }
    return S;
}

/* Ally i's spending when the alliance total is S: root of
**   K m^2 + (1 - a + a psi - K Y) m - a psi Y = 0,  K = a (1 - psi) / S. */
static double spending_at_total(double Y, double a, double psi, double S)
{
    double K = a * (1.0 - psi) / S;
    if (psi <= 0.0) {
        double m = Y - (1.0 - a) * S / a;
        return m > 0.0 ? m : 0.0;
    }
    return ent_i_burden_positive_root((1.0 - a + a * psi - K * Y) / K, -a * psi * Y / K);
}

typedef struct { size_t n; const double *Y, *a, *psi; } nash_params;

static double excess_supply(double S, void *vp)
{
    const nash_params *p = vp;
    double sum = 0.0;
    for (size_t i = 0; i < p->n; i++)
        sum += spending_at_total(p->Y[i], p->a[i], p->psi[i], S);
    return sum - S;
}

double ent_burden_nash(size_t n, const double *Y, const double *a, const double *psi,
                       double *m)
{
    nash_params p = { n, Y, a, psi };
    double hi = 0.0;
    for (size_t i = 0; i < n; i++)
        hi += Y[i];
    /* the excess supply is positive near 0 (each spends nearly all of its
    ** GDP when the others give nothing) and not at hi. The total may lie
    ** anywhere down to the least double (agents whose revealed weights are
    ** tiny, from a starting share of 1e-12, spend next to nothing), so the
    ** bracket steps down by factors of 1000 until it holds the sign change:
    ** Brent's method then needs few steps however small the total is. */
    double lo = hi * 1e-3;
    while (lo > 0.0 && !(excess_supply(lo, &p) > 0.0)) {
        hi = lo;
        lo *= 1e-3;
    }
    if (!(lo > 0.0))
        return NAN;
    gsl_function F = { &excess_supply, &p };
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (!s)
        return NAN;
    double S = NAN;
    if (gsl_root_fsolver_set(s, &F, lo, hi) == GSL_SUCCESS) {
        for (int it = 0; it < 500; it++) {
            if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS)
                break;
            double x_lo = gsl_root_fsolver_x_lower(s), x_hi = gsl_root_fsolver_x_upper(s);
            if (gsl_root_test_interval(x_lo, x_hi, 0.0, 4e-16) == GSL_SUCCESS) {
                S = gsl_root_fsolver_root(s);
                break;
            }
        }
    }
    gsl_root_fsolver_free(s);
    if (isnan(S))
        return S;
    for (size_t i = 0; i < n; i++)
        m[i] = spending_at_total(Y[i], a[i], psi[i], S);
    return S;
}

double ent_spearman(size_t n, const double *x, const double *y, double *work)
{
    if (n < 2)
        return NAN;
    return gsl_stats_spearman(x, 1, y, 1, n, work);
}

double ent_rank_p_greater(double r, double df)
{
    if (!(df >= 1.0) || isnan(r))
        return NAN;
    if (r >= 1.0)
        return 0.0;
    if (r <= -1.0)
        return 1.0;
    double t = r * sqrt(df / (1.0 - r * r));
    return gsl_cdf_tdist_Q(t, df);
}

/* Mid-ranks (1-based, ties averaged) of x[0..n). O(n^2): n is small here. */
static void midranks(size_t n, const double *x, double *r)
{
    for (size_t i = 0; i < n; i++) {
        size_t below = 0, equal = 0;
        for (size_t j = 0; j < n; j++) {
            below += x[j] < x[i];
            equal += x[j] == x[i];
        }
        r[i] = 1.0 + (double)below + ((double)equal - 1.0) / 2.0;
    }
}

double ent_rank_p_exact(size_t n, const double *x, const double *y)
{
    if (n < 2 || n > ENT_EXPLOITATION_EXACT_MAX)
        return NAN;
    double rx[ENT_EXPLOITATION_EXACT_MAX], ry[ENT_EXPLOITATION_EXACT_MAX];
    size_t c[ENT_EXPLOITATION_EXACT_MAX] = { 0 };
    midranks(n, x, rx);
    midranks(n, y, ry);
    /* with the mid-rank multisets fixed, rho rises with sum rx_i ry_i */
    double t0 = 0.0;
    for (size_t i = 0; i < n; i++)
        t0 += rx[i] * ry[i];
    const double eps = 1e-9 * t0;
    unsigned long hits = 1, total = 1;      /* the identity */
    double t = t0;
    /* Heap's algorithm: every permutation of ry, each by one swap, which
    ** changes the sum by (rx_j - rx_i)(ry_i - ry_j). Mid-ranks are multiples
    ** of 1/2, so every sum is exact in double precision. */
    for (size_t i = 1; i < n;) {
        if (c[i] < i) {
            size_t j = i % 2 ? c[i] : 0;
            t += (rx[j] - rx[i]) * (ry[i] - ry[j]);
            double tmp = ry[j]; ry[j] = ry[i]; ry[i] = tmp;
            hits += t >= t0 - eps;
            total++;
            c[i]++;
            i = 1;
        } else {
            c[i] = 0;
            i++;
        }
    }
    return (double)hits / (double)total;
}

double ent_exploitation(size_t n, const double *gdp, const double *share, const double *per_head,
                        double *work, double *p, double *partial, double *partial_p)
{
    double rho = n >= 2 ? gsl_stats_spearman(gdp, 1, share, 1, n, work) : NAN;
    if (n < ENT_EXPLOITATION_MIN_N || isnan(rho))
        *p = NAN;
    else if (n <= ENT_EXPLOITATION_EXACT_MAX)
        *p = ent_rank_p_exact(n, gdp, share);
    else
        *p = ent_rank_p_greater(rho, (double)n - 2.0);
    *partial = *partial_p = NAN;
    if (per_head && n >= ENT_EXPLOITATION_MIN_N) {
        double rxz = gsl_stats_spearman(gdp, 1, per_head, 1, n, work);
        double ryz = gsl_stats_spearman(share, 1, per_head, 1, n, work);
        double den = sqrt((1.0 - rxz * rxz) * (1.0 - ryz * ryz));
        if (den > 0.0 && isfinite(rho)) {
            double r = (rho - rxz * ryz) / den;
            *partial = r > 1.0 ? 1.0 : (r < -1.0 ? -1.0 : r);
            *partial_p = ent_rank_p_greater(*partial, (double)n - 3.0);
        }
    }
    return rho;
}
