/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** hedging.c: portfolio dynamics on the simplex (logit response, replicator)
** and the closed form of the alliance security dilemma.
*/
#include <math.h>
#include <string.h>
#include "entente/hedging.h"
#include "models/hedging_inline.h"

/* rate softmax(beta u)_k, as the step adds it: (rate e_k) / sum */
static void logit_target(double *t, const double *u, double beta, double rate)
{
    double mx = u[0];
    for (int k = 1; k < ENT_HEDGE_N; k++)
        if (u[k] > mx) mx = u[k];
    double e[ENT_HEDGE_N], sum = 0.0;
    for (int k = 0; k < ENT_HEDGE_N; k++) {
        double x = beta * (u[k] - mx);      /* shifted: no overflow */
        e[k] = x == 0.0 ? 1.0 : exp(x);     /* exp(0) is exactly 1: the best option costs no call */
        sum += e[k];
    }
    for (int k = 0; k < ENT_HEDGE_N; k++)
        t[k] = rate * e[k] / sum;
}

static void logit_mix(double *w, const double *t, double rate)
{
    ent_i_hedge_logit_mix(w, w, t, rate);
}

void ent_hedge_logit(double *w, const double *u, double beta, double rate)
{
    double t[ENT_HEDGE_N];
    logit_target(t, u, beta, rate);
    logit_mix(w, t, rate);
}

void ent_i_hedge_logit_refresh(ent_hedge_logit_memo *memo, const double *u, double beta, double rate)
{
    memcpy(memo->u, u, sizeof memo->u);
    memo->beta = beta;
    memo->rate = rate;
    logit_target(memo->target, u, beta, rate);
    memo->valid = 1;
}

void ent_hedge_logit_memo_step(double *w, const double *u, double beta, double rate,
                               ent_hedge_logit_memo *memo)
{
    ent_i_hedge_logit_memo_step(w, u, beta, rate, memo);
}

void ent_hedge_replicator(double *w, const double *u, double rate, double floor)
{
    double mx = u[0];
    for (int k = 1; k < ENT_HEDGE_N; k++)
        if (u[k] > mx) mx = u[k];
    double sum = 0.0;
    for (int k = 0; k < ENT_HEDGE_N; k++) {
        double wk = w[k] < floor ? floor : w[k];
        w[k] = wk * exp(rate * (u[k] - mx));
        sum += w[k];
    }
    for (int k = 0; k < ENT_HEDGE_N; k++)
        w[k] /= sum;
}

double ent_hedging_index(const double *w)
{
    double d0 = 1.0 - w[ENT_HEDGE_BANDWAGON];
    double s = d0 * d0;
    for (int k = 1; k < ENT_HEDGE_N; k++)
        s += w[k] * w[k];
    return sqrt(s / 2.0);
}

double ent_commitment_optimum(double A, double rho, double E)
{
    return ent_i_commitment_optimum(A, rho, E);
}

double ent_abandonment_fear(double A, double rho, double k)
{
    return ent_i_abandonment_fear(A, rho, k);
}

double ent_entrapment_fear(double E, double k)
{
    return ent_i_entrapment_fear(E, k);
}

void ent_hedge_payoffs(const ent_hedge_params *hp, double p, double threat, double dependence,
                       double autonomy, double trade_exposure, double tech_exposure,
                       double partners_net, double *u)
{
    ent_hedge_payoffs_risk(hp, p, p * hp->abandonment_rate, threat, dependence, autonomy,
                           trade_exposure, tech_exposure, partners_net, u);
}

void ent_hedge_payoffs_risk(const ent_hedge_params *hp, double p, double abandon, double threat,
                            double dependence, double autonomy, double trade_exposure,
                            double tech_exposure, double partners_net, double *u)
{
    ent_i_hedge_payoffs_risk(hp, p, abandon, threat, dependence, autonomy, trade_exposure, tech_exposure,
                             partners_net, u);
}
