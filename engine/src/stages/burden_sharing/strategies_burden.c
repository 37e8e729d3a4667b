/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** strategies_burden.c: strategies for the burden-sharing stage. Each decides
** the agent's defence share for the round from an ent_burden_view.
*/
#include <math.h>
#include <string.h>
#include <gsl/gsl_rng.h>
#include "entente/burden.h"
#include "entente/run.h"
#include "stages/stages_int.h"
#include "stages/burden_sharing/burden_sharing.h"
#include "models/burden_inline.h"
#include "models/learning.h"

/* ---- nash: myopic best response ---------------------------------------- */

static const ent_param_desc nash_params[] = {
    { "inertia", ENT_P_REAL, 0.0, 0.0, 0.99, "fraction",
      "weight on last round's share: share = (1-inertia) BR + inertia * last", NULL, 0, 0 },
};

static void nash_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r)
{
    (void)st; (void)r;
    const ent_burden_view *v = vv;
    ent_burden_decision *d = dd;
    double m = ent_i_burden_best_response(v->gdp, v->alpha, v->psi, v->spending_others);
    d->share = ent_i_burden_nash_share(p, m, v->gdp, v->share);
}

const ent_strategy_type ent_i_burden_nash = {
    "nash", "burden_sharing", ENT_ROLE_ANY,
    "myopic best response to the others' current spending (closed form; quadratic root when psi > 0)",
    "Olson & Zeckhauser 1966; Sandler 1977; Bergstrom, Blume & Varian 1986",
    nash_params, 1, NULL, NULL, nash_decide, NULL
};

/* ---- comply: move to the demand ------------------------------------------ */

static const ent_param_desc comply_params[] = {
    { "speed", ENT_P_REAL, 1.0, 0.01, 1.0, "fraction",
      "fraction of the remaining gap to the demand closed each round", NULL, 0, 0 },
    { "tolerance", ENT_P_REAL, 1e-4, 0.0, 0.01, "fraction of GDP",
      "a remaining gap below this is closed at once (0.01 point of GDP by default)", NULL, 1, 0 },
};

static void comply_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r)
{
    (void)st; (void)r;
    const ent_burden_view *v = vv;
    ent_burden_decision *d = dd;
    d->share = ent_i_burden_comply_share(p, v->demand, v->share);
}

const ent_strategy_type ent_i_burden_comply = {
    "comply", "burden_sharing", ENT_ROLE_ALLY,
    "raises its share towards the patron's demand, never cuts it",
    "principal-agent compliance (Hawkins, Lake, Nielson & Tierney 2006)",
    comply_params, 2, NULL, NULL, comply_decide, NULL
};

/* ---- fixed: keep a share ------------------------------------------------- */

static const ent_param_desc fixed_params[] = {
    { "share", ENT_P_REAL, 0.0, 0.0, 1.0, "fraction of GDP",
      "share to keep; absent = the agent's defence_share", NULL, 0, ENT_F_AUTO },
};

static void fixed_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r)
{
    (void)st; (void)r;
    const ent_burden_view *v = vv;
    ent_burden_decision *d = dd;
    d->share = ent_i_burden_fixed_share(p, v->share0);
}

const ent_strategy_type ent_i_burden_fixed = {
    "fixed", "burden_sharing", ENT_ROLE_ANY,
    "keeps a fixed share of GDP (its initial share unless `share` is given)",
    "baseline", fixed_params, 1, NULL, NULL, fixed_decide, NULL
};

/* ---- free_ride: contribute a floor -------------------------------------- */

static const ent_param_desc free_ride_params[] = {
    { "share", ENT_P_REAL, 0.0, 0.0, 1.0, "fraction of GDP",
      "the floor it keeps (0 = pays nothing)", NULL, 0, 0 },
};

const ent_strategy_type ent_i_burden_free_ride = {
    "free_ride", "burden_sharing", ENT_ROLE_ANY,
    "pays only a floor share, whatever the others do",
    "Olson & Zeckhauser 1966 (the free rider)",
    free_ride_params, 1, NULL, NULL, fixed_decide, NULL
};

/* ---- reciprocal: answer the patron's reliability -------------------------- */

static const ent_param_desc reciprocal_params[] = {
    { "step", ENT_P_REAL, 0.001, 0.0, 0.1, "fraction of GDP",
      "change of share per round", NULL, 0, 0 },
    { "min", ENT_P_REAL, 0.0, 0.0, 1.0, "fraction of GDP", "lowest share", NULL, 1, ENT_F_AT_MOST_NEXT },
    { "max", ENT_P_REAL, 1.0, 0.0, 1.0, "fraction of GDP",
      "highest share (no cap by default: reciprocity does not stop at the demand)", NULL, 2, 0 },
};

static void reciprocal_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r)
{
    (void)st; (void)r;
    const ent_burden_view *v = vv;
    ent_burden_decision *d = dd;
    d->share = ent_i_burden_reciprocal_share(p, v->round, v->patron_act, v->share);
}

const ent_strategy_type ent_i_burden_reciprocal = {
    "reciprocal", "burden_sharing", ENT_ROLE_ALLY,
    "raises its share by `step` after the patron kept faith, cuts it after abandonment or a patron cut",
    "reciprocity in alliances (Axelrod 1984; Snyder 1984)",
    reciprocal_params, 3, NULL, NULL, reciprocal_decide, NULL
};

/* ---- plan: an ally's own spending plan ------------------------------------ */

static const ent_param_desc plan_params[] = {
    { "target", ENT_P_REAL, 0.02, 0.0, 1.0, "fraction of GDP", "the share its plan aims at", NULL, 0, 0 },
    { "step", ENT_P_REAL, 0.001, 0.0, 0.1, "fraction of GDP", "rise per round until the target", NULL, 1, 0 },
};

static void plan_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r)
{
    (void)st; (void)r;
    const ent_burden_view *v = vv;
    ent_burden_decision *d = dd;
    double x = v->share;
    if (x < p[0])
        x = x + p[1] < p[0] ? x + p[1] : p[0];
    d->share = x;
}

static const ent_strategy_type plan = {
    "plan", "burden_sharing", ENT_ROLE_ANY,
    "follows its own spending plan: +`step` a round up to `target`, whatever the patron asks",
    "national defence plans (e.g. Japan's 2022 National Security Strategy: 2% of GDP by FY2027)",
    plan_params, 2, NULL, NULL, plan_decide, NULL
};

/* ---- reinforcement: Erev & Roth (1998) learning over a grid of shares ---- */

enum { RL_GRID, RL_LO, RL_HI, RL_FORGET, RL_EXPERIMENT, RL_STRENGTH };

static const ent_param_desc rl_params[] = {
    { "grid", ENT_P_INT, 21, 2, 201, "choices", "number of shares on the grid from lo to hi", NULL, RL_GRID, 0 },
    { "lo", ENT_P_REAL, 0.0, 0.0, 1.0, "fraction of GDP", "lowest share on the grid", NULL, RL_LO,
      ENT_F_AT_MOST_NEXT },
    { "hi", ENT_P_REAL, 0.06, 0.0, 1.0, "fraction of GDP", "highest share on the grid", NULL, RL_HI, 0 },
    { "forgetting", ENT_P_REAL, 0.1, 0.0, 1.0, "fraction", "phi: propensities decay by this each round", NULL, RL_FORGET, 0 },
    { "experimentation", ENT_P_REAL, 0.2, 0.0, 1.0, "fraction",
      "epsilon: share of the reward spilled to the neighbouring grid points", NULL, RL_EXPERIMENT, 0 },
    { "strength", ENT_P_REAL, 1.0, 0.001, 1000.0, "reward units", "s(1): total initial propensity", NULL, RL_STRENGTH, 0 },
};

static size_t rl_state_size(const double *p, size_t n_agents)
{
    (void)n_agents;
    return ent_er_size((int)p[RL_GRID]);
}

static double rl_share(const double *p, int k)
{
    int K = (int)p[RL_GRID];
    return p[RL_LO] + (p[RL_HI] - p[RL_LO]) * k / (K - 1);
}

static void rl_reset(const double *p, void *vs, const void *vv)
{
    (void)vv;
    ent_er_reset(vs, (int)p[RL_GRID], p[RL_STRENGTH]);
}

static void rl_decide(const double *p, void *vs, const void *vv, void *dd, gsl_rng *r)
{
    (void)vv;
    ent_burden_decision *d = dd;
    d->share = rl_share(p, ent_er_pick(vs, (int)p[RL_GRID], r));
}

static void rl_observe(const double *p, void *vs, const void *vv, double payoff)
{
    (void)vv;
    /* neighbours on the grid are the shares one step away */
    ent_er_learn(vs, (int)p[RL_GRID], payoff, p[RL_FORGET], p[RL_EXPERIMENT], 1);
}

static const ent_strategy_type reinforcement = {
    "reinforcement", "burden_sharing", ENT_ROLE_ANY,
    "reinforcement learning over a grid of shares: propensities decay and grow with normalised payoffs",
    "Erev & Roth 1998, AER 88(4) (three-parameter model); Roth & Erev 1995",
    rl_params, 6, rl_state_size, rl_reset, rl_decide, rl_observe
};

const ent_strategy_type *const ent_burden_strategies[] = {
    &ent_i_burden_nash, &ent_i_burden_comply, &ent_i_burden_fixed, &ent_i_burden_free_ride,
    &ent_i_burden_reciprocal, &plan, &reinforcement, NULL
};
