/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** strategies_hedging.c: how an ally moves its hedging portfolio (logit
** response, replicator dynamics, or not at all) and its commitment to the
** patron (Snyder's optimum with inertia, or fixed).
*/
#include <math.h>
#include <string.h>
#include "entente/hedging.h"
#include "entente/run.h"
#include "models/hedging_inline.h"
#include "stages/stages_int.h"
#include "stages/hedging/hedging.h"
#include "stages/security_dilemma/security_dilemma.h"

/* ---- hedging ------------------------------------------------------------- */

static const ent_param_desc logit_params[] = {
    { "beta", ENT_P_REAL, 1.0, 0.0, 1000.0, "per % of GDP",
      "precision of the logit response (0: uniform; large: best response)", NULL, 0, 0 },
    { "rate", ENT_P_REAL, 0.2, 0.0, 1.0, "fraction", "speed: share of the way to the logit target per round", NULL, 1, 0 },
};

/* the state: a memo of the logit target (payoffs stand still in most rounds) */
static size_t logit_state_size(const double *p, size_t n)
{
    (void)p; (void)n;
    return sizeof(ent_hedge_logit_memo);
}

static void logit_reset(const double *p, void *st, const void *view)
{
    (void)p; (void)view;
    if (st)
        ((ent_hedge_logit_memo *)st)->valid = 0;
}

static void logit_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r)
{
    (void)r;
    const ent_hedge_view *v = vv;
    ent_hedge_decision *d = dd;
    memcpy(d->w, v->w, sizeof d->w);
    if (st)
        ent_i_hedge_logit_memo_step(d->w, v->u, p[0], p[1], st);
    else                    /* called without a run's state */
        ent_hedge_logit(d->w, v->u, p[0], p[1]);
}

int ent_i_hedging_logit_direct(const ent_strategy_type *t)
{
    return t->decide == logit_decide;
}

static const ent_strategy_type logit = {
    "logit", "hedging", ENT_ROLE_ALLY,
    "moves its portfolio a share `rate` towards the logit (quantal) response softmax(beta u)",
    "McKelvey & Palfrey 1995 (quantal response); Kuik 2008 (hedging)",
    logit_params, 2, logit_state_size, logit_reset, logit_decide, NULL
};

static const ent_param_desc replicator_params[] = {
    { "rate", ENT_P_REAL, 0.3, 0.0, 10.0, "per % of GDP", "step of the exponential replicator update", NULL, 0, 0 },
    { "floor", ENT_P_REAL, 0.01, 0.0, 0.3, "fraction",
      "weights are floored here before each step, so an abandoned option can come back", NULL, 1, 0 },
};

static void replicator_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r)
{
    (void)st; (void)r;
    const ent_hedge_view *v = vv;
    ent_hedge_decision *d = dd;
    memcpy(d->w, v->w, sizeof d->w);
    ent_hedge_replicator(d->w, v->u, p[0], p[1]);
}

static const ent_strategy_type replicator = {
    "replicator", "hedging", ENT_ROLE_ALLY,
    "replicator dynamics: each weight grows with its payoff's excess, w_k <- w_k exp(rate (u_k - max u))",
    "Taylor & Jonker 1978; Hofbauer & Sigmund 1998",
    replicator_params, 2, NULL, NULL, replicator_decide, NULL
};

static void hold_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r)
{
    (void)p; (void)st; (void)r;
    const ent_hedge_view *v = vv;
    ent_hedge_decision *d = dd;
    memcpy(d->w, v->w, sizeof d->w);
}

static const ent_strategy_type hold = {
    "fixed", "hedging", ENT_ROLE_ALLY, "keeps its starting portfolio", "baseline",
    NULL, 0, NULL, NULL, hold_decide, NULL
};

const ent_strategy_type *const ent_hedging_strategies[] = { &logit, &replicator, &hold, NULL };

/* ---- security dilemma ------------------------------------------------------ */

static const ent_param_desc optimal_params[] = {
    { "inertia", ENT_P_REAL, 0.5, 0.0, 0.99, "fraction",
      "weight on last round's commitment: k = (1 - inertia) k* + inertia k", NULL, 0, 0 },
};

static void optimal_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r)
{
    (void)st; (void)r;
    const ent_commit_view *v = vv;
    ent_commit_decision *d = dd;
    d->commitment = ent_i_commitment_optimal_step(p[0], v->round, v->A, v->rho, v->E, v->commitment);
}

int ent_i_security_optimal_direct(const ent_strategy_type *t)
{
    return t->decide == optimal_decide;
}

static const ent_strategy_type optimal = {
    "optimal", "security_dilemma", ENT_ROLE_ALLY,
    "moves towards the commitment that minimises abandonment plus entrapment cost, min(1, rho A / E)",
    "Snyder 1984, World Politics 36(4)",
    optimal_params, 1, NULL, NULL, optimal_decide, NULL
};

static const ent_param_desc fixed_commit_params[] = {
    { "commitment", ENT_P_REAL, 0.5, 0.0, 1.0, "fraction", "the commitment it keeps", NULL, 0, 0 },
};

static void fixed_commit_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r)
{
    (void)st; (void)r; (void)vv;
    ((ent_commit_decision *)dd)->commitment = p[0];
}

static const ent_strategy_type fixed_commit = {
    "fixed", "security_dilemma", ENT_ROLE_ALLY, "keeps a fixed commitment", "baseline",
    fixed_commit_params, 1, NULL, NULL, fixed_commit_decide, NULL
};

const ent_strategy_type *const ent_security_strategies[] = { &optimal, &fixed_commit, NULL };
