/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** bargain.c: closed forms of bargaining theory (Rubinstein, Nash, outside
** options, Fearon range, Putnam win-sets). Pure functions; see bargain.h.
*/
#include <math.h>
#include "entente/bargain.h"

double ent_rubinstein_share(double d1, double d2)
{
    double den = 1.0 - d1 * d2;
    if (den <= 0.0)
        return 0.5;             /* both perfectly patient: the symmetric limit */
    return (1.0 - d2) / den;
}

int ent_rubinstein_outside(double d1, double d2, double b1, double b2, double *x1)
{
    double x = ent_rubinstein_share(d1, d2);
    if (1.0 - b2 < x)
        x = 1.0 - b2;           /* the responder's option binds: it gets exactly b2 */
    if (b1 > x)
        return 0;
    *x1 = x;
    return 1;
}

int ent_nash_split(double w, double d1, double d2, double pie, double *u1)
{
    double surplus = pie - d1 - d2;
    if (surplus < 0.0)
        return 0;
    *u1 = d1 + w * surplus;
    return 1;
}

double ent_nash_transfer(double w, double x_ally, double x_patron)
{
    return w * x_ally - (1.0 - w) * x_patron;
}

double ent_power_interdependence(double x_ally, double x_patron)
{
    double sum = x_ally + x_patron;
    if (!(sum > 0.0))
        return 0.5;
    return x_ally / sum;
}

void ent_fearon_range(double p, double cA, double cB, double *lo, double *hi)
{
    *lo = p - cA;
    *hi = p + cB;
}

double ent_linkage_ally_change(double w, double tau, double kappa)
{
    return -w * tau + (1.0 - w) * kappa;
}

int ent_eu_complies(double p, double harm, double cost, double sov)
{
    return p * harm >= cost + sov;
}

double ent_eu_threshold(double harm, double cost, double sov)
{
    if (!(harm > 0.0))
        return INFINITY;
    return (cost + sov) / harm;
}

double ent_ratify_fail_prob(double t, double W, double k)
{
    if (!(t > W))
        return 0.0;
    if (!(W > 0.0))
        return 1.0;
    return 1.0 - exp(-k * (t - W) / W);
}

int ent_winset_deal(double t, double W, double r, double *deal)
{
    double x = t < W ? t : W;
    if (x < r)
        return 0;
    *deal = x;
    return 1;
}
