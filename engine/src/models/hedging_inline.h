/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** hedging_inline.h: the per-ally arithmetic of the hedging and security
** dilemma stages, as inline functions, so that the stages' round loops and
** the public functions of hedging.c (which call these) compute the same bits
** from one text, without a call per ally and round.
*/
#ifndef ENT_MODELS_HEDGING_INLINE_H
#define ENT_MODELS_HEDGING_INLINE_H

#include <string.h>
#include "entente/hedging.h"

/* The logit mix of weights w for the three options, into out (which may be
** w), written out: the mix stays in registers (stored to memory and read
** back at once as a pair, it waits for the stores to reach the cache); the
** sums and quotients are those of the loop over k. */
_Static_assert(ENT_HEDGE_N == 3, "the logit mix is written out for three options");
static inline void ent_i_hedge_logit_mix(double *out, const double *w, const double *t, double rate)
{
    double keep = 1.0 - rate;
    double m0 = keep * w[0] + t[0], m1 = keep * w[1] + t[1], m2 = keep * w[2] + t[2];
    double total = 0.0 + m0 + m1 + m2;
    /* remove rounding drift off the simplex */
    out[0] = m0 / total;
    out[1] = m1 / total;
    out[2] = m2 / total;
}

/* The memo's target worked out again for u, beta and rate (hedging.c). */
void ent_i_hedge_logit_refresh(ent_hedge_logit_memo *memo, const double *u, double beta, double rate);

/* The memo made to hold u, beta and rate: the inputs compared bit for bit
** (equal bits, equal target), the target made again only when they moved. */
static inline void ent_i_hedge_logit_memo_check(ent_hedge_logit_memo *memo, const double *u, double beta,
                                                double rate)
{
    if (!memo->valid || memcmp(memo->u, u, sizeof memo->u) || memcmp(&memo->beta, &beta, sizeof beta) ||
        memcmp(&memo->rate, &rate, sizeof rate))
        ent_i_hedge_logit_refresh(memo, u, beta, rate);
}

/* The step from weights w into out (which may be w) with a memo that holds
** the step's u, beta and rate already (checked, or its last step had the
** same bits): the memo's target taken as it is. */
static inline void ent_i_hedge_logit_memo_step_held(double *out, const double *w, double rate,
                                                    const ent_hedge_logit_memo *memo)
{
    ent_i_hedge_logit_mix(out, w, memo->target, rate);
}

/* ent_hedge_logit_memo_step. */
static inline void ent_i_hedge_logit_memo_step(double *w, const double *u, double beta, double rate,
                                               ent_hedge_logit_memo *memo)
{
    ent_i_hedge_logit_memo_check(memo, u, beta, rate);
    ent_i_hedge_logit_memo_step_held(w, w, rate, memo);
}

static inline double ent_i_commitment_optimum(double A, double rho, double E)
{
    if (E <= 0.0)
        return rho * A > 0.0 ? 1.0 : 0.0;
    double k = rho * A / E;
    return k < 0.0 ? 0.0 : (k > 1.0 ? 1.0 : k);
}

/* The optimal strategy's commitment in round `round` (from 1): the optimum
** itself in the first round, after it `inertia` of the way held at last
** round's commitment k. */
static inline double ent_i_commitment_optimal_step(double inertia, int round, double A, double rho, double E,
                                                   double k)
{
    double opt = ent_i_commitment_optimum(A, rho, E);
    return round == 1 ? opt : (1.0 - inertia) * opt + inertia * k;
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
