/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** hedging_inline.h: the per-ally arithmetic of the hedging and security
** dilemma stages, as inline functions, so that the stages' round loops and
** the public functions of hedging.c (which call these) compute the same bits
** from one text, without a call per ally and round.
*/
#ifndef ENT_MODELS_HEDGING_INLINE_H
#define ENT_MODELS_HEDGING_INLINE_H

#include "entente/hedging.h"

static inline double ent_i_commitment_optimum(double A, double rho, double E)
{
    if (E <= 0.0)
        return rho * A > 0.0 ? 1.0 : 0.0;
    double k = rho * A / E;
    return k < 0.0 ? 0.0 : (k > 1.0 ? 1.0 : k);
}

static inline double ent_i_abandonment_fear(double A, double rho, double k)
{
    return A * (1.0 - rho * k);
}

static inline double ent_i_entrapment_fear(double E, double k)
{
    return E * k * k / 2.0;
}

static inline void ent_i_hedge_payoffs_risk(const ent_hedge_params *hp, double p, double abandon,
                                            double threat, double dependence, double autonomy,
                                            double trade_exposure, double tech_exposure,
                                            double partners_net, double *u)
{
    double G = hp->guarantee_value * dependence * threat;
    u[ENT_HEDGE_BANDWAGON] = G * (1.0 - abandon) - autonomy * hp->sovereignty_rent * (1.0 + p);
    u[ENT_HEDGE_BALANCE] = hp->balance_efficacy * threat - hp->balance_cost;
    u[ENT_HEDGE_BIND] = p * hp->linkage_rate * 100.0 * (trade_exposure + tech_exposure) * hp->linkage_shield
                      + abandon * G * hp->abandonment_shield + partners_net;
}

#endif
