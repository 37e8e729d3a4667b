/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** strategies_exit.c: patron and ally strategies of the exit-leverage stage.
** A patron strategy is asked twice per ally and round (exit.h): in the THREAT
** phase it sets a demand and a threat, in the ENFORCE phase (threat unmet) it
** carries the threat out or backs down. An ally strategy answers a demand.
*/
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <gsl/gsl_rng.h>
#include "entente/bargain.h"
#include "entente/exit.h"
#include "entente/run.h"
#include "stages/stages_int.h"
#include "stages/exit_leverage/exit_leverage.h"
#include "models/learning.h"

static const char *const instrument_names[] = {
    "drawdown", "tariff", "drawdown_tariff", "tech_controls", "drawdown_tech", "tariff_tech",
    "linked_all", NULL
};

static inline int bernoulli(double q, gsl_rng *r)
{
    return ent_i_exit_bernoulli(q, r);
}

/* Every patron strategy with stated behaviour decides by drawing from it. */
static void decide_from(const ent_exit_behaviour *b, const ent_exit_patron_view *v,
                        ent_exit_patron_decision *d, gsl_rng *r)
{
    ent_i_exit_decide_from(b, v, d, r);
}

/* ---- committed: moderate demands; carries a threat out when credible -------- */

static const ent_param_desc committed_params[] = {
    { "moderation", ENT_P_REAL, 0.5, 0.0, 1.0, "fraction of the gap",
      "share of the ally's shortfall it demands", NULL, EXIT_CM_MODERATION, 0 },
    { "threat_prob", ENT_P_REAL, 0.0, 0.0, 1.0, "probability",
      "chance of voicing a drawdown threat with a demand; carried out iff its audience cost "
      "exceeds its exit cost", NULL, EXIT_CM_THREAT_PROB, 0 },
};

/* ---- transactional: threatens on any shortfall, executes when it pays ------ */

static const ent_param_desc transactional_params[] = {
    { "demand_factor", ENT_P_REAL, 1.0, 0.0, 10.0, "fraction of the gap",
      "demand as a multiple of the ally's shortfall", NULL, EXIT_TR_DEMAND, 0 },
    { "instrument", ENT_P_ENUM, 0, 0, 6, "", "what it threatens (linked_all = all three)",
      instrument_names, EXIT_TR_INSTR, 0 },
    { "resolve", ENT_P_REAL, 0.0, 0.0, 10.0, "per USD demanded",
      "value of enforcing a demand for its reputation; 0 = one-shot credibility (execute iff cost <= audience cost)",
      NULL, EXIT_TR_RESOLVE, 0 },
    { "crisis_abandon", ENT_P_REAL, 0.5, 0.0, 1.0, "probability",
      "chance that it fails an ally in a crisis (1 - h_T, theory 6); the abandonment risk "
      "hedging and the security dilemma weigh", NULL, EXIT_TR_ABANDON, 0 },
};

/* The rules' behaviours (exit_leverage.h states them, in their parts). */
static void committed_behaviour(const double *p, const ent_exit_patron_view *v, ent_exit_behaviour *b)
{
    ent_i_exit_rule_call(ENT_I_RULE_COMMITTED, p, v, b);
}

static void transactional_behaviour(const double *p, const ent_exit_patron_view *v, ent_exit_behaviour *b)
{
    ent_i_exit_rule_call(ENT_I_RULE_TRANSACTIONAL, p, v, b);
}

static void bluffer_behaviour(const double *p, const ent_exit_patron_view *v, ent_exit_behaviour *b)
{
    ent_i_exit_rule_call(ENT_I_RULE_BLUFFER, p, v, b);
}

static void grim_behaviour(const double *p, const ent_exit_patron_view *v, ent_exit_behaviour *b)
{
    ent_i_exit_rule_call(ENT_I_RULE_GRIM, p, v, b);
}

/* ---- typed: plays committed or transactional according to its drawn type --- */

enum { TY_MODERATION, TY_THREAT_PROB, TY_DEMAND, TY_INSTR, TY_RESOLVE, TY_ABANDON, TY_N };

static const ent_param_desc typed_params[] = {
    { "moderation", ENT_P_REAL, 0.5, 0.0, 1.0, "fraction of the gap",
      "committed type: share of the shortfall it demands", NULL, TY_MODERATION, 0 },
    { "threat_prob", ENT_P_REAL, 0.0, 0.0, 1.0, "probability",
      "committed type: chance of voicing a drawdown threat", NULL, TY_THREAT_PROB, 0 },
    { "demand_factor", ENT_P_REAL, 1.0, 0.0, 10.0, "fraction of the gap",
      "transactional type: demand as a multiple of the shortfall", NULL, TY_DEMAND, 0 },
    { "instrument", ENT_P_ENUM, 0, 0, 6, "", "transactional type: what it threatens",
      instrument_names, TY_INSTR, 0 },
    { "resolve", ENT_P_REAL, 0.0, 0.0, 10.0, "per USD demanded",
      "transactional type: value of enforcing a demand for its reputation", NULL, TY_RESOLVE, 0 },
    { "crisis_abandon", ENT_P_REAL, 0.5, 0.0, 1.0, "probability",
      "transactional type: chance that it fails an ally in a crisis (1 - h_T, theory 6; the "
      "committed type never does)", NULL, TY_ABANDON, 0 },
};

/* Its parameters are committed's followed by transactional's, in their
** order: each type's rule reads its own run of them in place. */
_Static_assert(TY_MODERATION - TY_MODERATION == EXIT_CM_MODERATION &&
               TY_THREAT_PROB - TY_MODERATION == EXIT_CM_THREAT_PROB &&
               TY_DEMAND - TY_DEMAND == EXIT_TR_DEMAND && TY_INSTR - TY_DEMAND == EXIT_TR_INSTR &&
               TY_RESOLVE - TY_DEMAND == EXIT_TR_RESOLVE && TY_ABANDON - TY_DEMAND == EXIT_TR_ABANDON,
               "typed's parameters are committed's and transactional's");

static void typed_behaviour(const double *p, const ent_exit_patron_view *v, ent_exit_behaviour *b)
{
    if (v->type == ENT_TYPE_TRANSACTIONAL)
        transactional_behaviour(p + TY_DEMAND, v, b);
    else
        committed_behaviour(p + TY_MODERATION, v, b);
}

/* ---- bluffer: threatens and executes with fixed probabilities -------------- */

static const ent_param_desc bluffer_params[] = {
    { "threat_prob", ENT_P_REAL, 0.5, 0.0, 1.0, "probability",
      "chance of threatening an ally that falls short", NULL, EXIT_BL_THREAT, 0 },
    { "execute_prob", ENT_P_REAL, 0.2, 0.0, 1.0, "probability",
      "chance of carrying an unmet threat out", NULL, EXIT_BL_EXEC, 0 },
    { "demand_factor", ENT_P_REAL, 1.0, 0.0, 10.0, "fraction of the gap",
      "demand as a multiple of the shortfall", NULL, EXIT_BL_DEMAND, 0 },
    { "instrument", ENT_P_ENUM, 0, 0, 6, "", "what it threatens", instrument_names, EXIT_BL_INSTR, 0 },
};

/* ---- grim: carries threats out once the ally has defied k times ----------- */

static const ent_param_desc grim_params[] = {
    { "k", ENT_P_INT, 2, 1, 1000, "defiances", "defiances (this one included) after which it executes",
      NULL, EXIT_GR_K, 0 },
    { "demand_factor", ENT_P_REAL, 1.0, 0.0, 10.0, "fraction of the gap",
      "demand as a multiple of the shortfall", NULL, EXIT_GR_DEMAND, 0 },
    { "instrument", ENT_P_ENUM, 0, 0, 6, "", "what it threatens", instrument_names, EXIT_GR_INSTR, 0 },
};

/* decide() of each: draw from the stated behaviour */
#define DECIDE_FROM(name)                                                                  \
    static void name##_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r) \
    {                                                                                      \
        (void)st;                                                                          \
        ent_exit_behaviour b = { 0.0, 1.0, 0u, 0.0, 0.0, 0.0 };                             \
        name##_behaviour(p, vv, &b);                                                       \
        decide_from(&b, vv, dd, r);                                                        \
    }
DECIDE_FROM(committed)
DECIDE_FROM(transactional)
DECIDE_FROM(typed)
DECIDE_FROM(bluffer)
DECIDE_FROM(grim)

static const ent_strategy_type committed = {
    "committed", "exit_leverage", ENT_ROLE_PATRON,
    "demands a share of the shortfall, threatens with probability threat_prob, and carries an "
    "unmet threat out iff its audience cost exceeds its exit cost",
    "Fearon 1994 APSR 88(3); Benson 2012 (committed type)",
    committed_params, EXIT_CM_N, NULL, NULL, committed_decide, NULL
};

static const ent_strategy_type transactional = {
    "transactional", "exit_leverage", ENT_ROLE_PATRON,
    "threatens whenever the ally falls short; carries the threat out when its immediate gain "
    "(audience cost avoided + resolve) beats its cost",
    "Fearon 1994 (audience costs); theory 5 credibility condition X_u <= kappa_a",
    transactional_params, EXIT_TR_N, NULL, NULL, transactional_decide, NULL
};

static const ent_strategy_type typed = {
    "typed", "exit_leverage", ENT_ROLE_PATRON,
    "plays `committed` when its private type is committed and `transactional` when transactional",
    "Kreps & Wilson 1982; Fearon 1995 (private information about resolve)",
    typed_params, TY_N, NULL, NULL, typed_decide, NULL
};

static const ent_strategy_type bluffer = {
    "bluffer", "exit_leverage", ENT_ROLE_PATRON,
    "threatens with probability threat_prob and carries an unmet threat out with probability execute_prob",
    "Schelling 1960 (the threat that leaves something to chance)",
    bluffer_params, EXIT_BL_N, NULL, NULL, bluffer_decide, NULL
};

static const ent_strategy_type grim = {
    "grim", "exit_leverage", ENT_ROLE_PATRON,
    "threatens on any shortfall; withdraws until the ally has defied k times, then always executes",
    "grim trigger (Friedman 1971; Fudenberg & Maskin 1986)",
    grim_params, EXIT_GR_N, NULL, NULL, grim_decide, NULL
};

/* ---- learning: Erev & Roth reinforcement over (demand level, threat) ------- */

enum { LR_LEVELS, LR_FORGET, LR_EXPERIMENT, LR_STRENGTH, LR_INSTR, LR_ABANDON, LR_N };

static const ent_param_desc learning_params[] = {
    { "levels", ENT_P_INT, 5, 1, 50, "choices",
      "demand levels: j/levels of the shortfall, j = 1..levels, each with or without a threat",
      NULL, LR_LEVELS, 0 },
    { "forgetting", ENT_P_REAL, 0.1, 0.0, 1.0, "fraction", "phi: propensities decay by this each round",
      NULL, LR_FORGET, 0 },
    { "experimentation", ENT_P_REAL, 0.2, 0.0, 1.0, "fraction",
      "epsilon: share of the reward spilled to the neighbouring choices", NULL, LR_EXPERIMENT, 0 },
    { "strength", ENT_P_REAL, 1.0, 0.001, 1000.0, "reward units", "s(1): total initial propensity",
      NULL, LR_STRENGTH, 0 },
    { "instrument", ENT_P_ENUM, 0, 0, 6, "", "what it threatens", instrument_names, LR_INSTR, 0 },
    { "crisis_abandon", ENT_P_REAL, 0.5, 0.0, 1.0, "probability",
      "transactional type: chance that it fails an ally in a crisis (the committed type never does)",
      NULL, LR_ABANDON, 0 },
};

/* The patron learns what works with each ally from that ally's history
** alone, and keeps the propensities each of its two types would have
** learned from that history: the one of its own type decides; the other is
** what an ally, who knows the rule but not the type, must weigh against it.
** Both are functions of what the ally saw (the demands, threats and
** executions, the concessions) and of the type, so the behaviour function
** can state P(demand, threat | type) exactly and beliefs stay Bayesian.
** Layout: a header, then for ally 1..n-1 and type 0, 1 an Erev-Roth state
** over 2 x levels choices: [2j] no threat, [2j+1] threat at level j. */
typedef struct {
    size_t n_agents;        /* allies are 1..n_agents - 1 */
    size_t stride;          /* bytes per Erev-Roth state */
} lr_header;

static size_t lr_stride(const double *p)
{
    return (ent_er_size(2 * (int)p[LR_LEVELS]) + 7u) & ~(size_t)7u;
}

static size_t lr_state_size(const double *p, size_t n_agents)
{
    return sizeof(lr_header) + (n_agents > 1 ? n_agents - 1 : 0) * 2 * lr_stride(p);
}

static ent_er_state *lr_slot(const void *vs, int ally, int type)
{
    const lr_header *h = vs;
    if (ally < 1 || (size_t)ally >= h->n_agents)
        return NULL;
    size_t k = (size_t)(ally - 1) * 2 + (type == ENT_TYPE_TRANSACTIONAL);
    return (ent_er_state *)((char *)(uintptr_t)vs + sizeof(lr_header) + k * h->stride);
}

static void lr_reset(const double *p, void *vs, const void *vv)
{
    const ent_exit_patron_view *v = vv;
    lr_header *h = vs;
    h->n_agents = v->n_agents;
    h->stride = lr_stride(p);
    for (size_t i = 1; i < h->n_agents; i++)
        for (int ty = 0; ty < 2; ty++)
            ent_er_reset(lr_slot(vs, (int)i, ty), 2 * (int)p[LR_LEVELS], p[LR_STRENGTH]);
}

/* Type v->type's behaviour toward ally v->ally from its propensities: in the
** THREAT phase, the demand level asked about (v->demand, the one the ally
** saw) or else the likeliest, with its chance and the chance of a threat
** with it, trembles included. */
static void learning_behaviour(const double *p, const void *vs, const ent_exit_patron_view *v,
                               ent_exit_behaviour *b)
{
    b->abandon = v->type == ENT_TYPE_TRANSACTIONAL ? p[LR_ABANDON] : 0.0;
    if (v->phase == ENT_EXIT_ENFORCE) {
        b->execute = ent_i_exit_trembled(ent_i_exit_credible(v, 0.0, 0), v->tremble);
        return;
    }
    const ent_er_state *s = vs ? lr_slot(vs, v->ally, v->type) : NULL;
    if (!(v->gap > 0.0) || !s)
        return;
    int L = (int)p[LR_LEVELS], j = -1;
    double total = 0.0;
    for (int k = 0; k < 2 * L; k++)
        total += s->q[k];
    if (v->demand > 0.0) {
        /* the level whose demand (j + 1)/L x gap, computed as lr_decide does, is the one seen */
        for (int k = 0; k < L && j < 0; k++)
            if ((double)(k + 1) / L * v->gap == v->demand)
                j = k;
        if (j < 0) {
            b->demand = v->demand;
            b->demand_prob = 0.0;
            return;
        }
    } else {
        for (int k = 0; k < L; k++)
            if (j < 0 || s->q[2 * k] + s->q[2 * k + 1] > s->q[2 * j] + s->q[2 * j + 1])
                j = k;
    }
    double q0 = s->q[2 * j], q1 = s->q[2 * j + 1];
    b->demand = (double)(j + 1) / L * v->gap;
    b->demand_prob = (q0 + q1) / total;
    b->instrument = ent_i_exit_instr_bits(p[LR_INSTR]);
    b->threat = (q0 * ent_i_exit_trembled(0.0, v->tremble) + q1 * ent_i_exit_trembled(1.0, v->tremble)) / (q0 + q1);
}

static void lr_decide(const double *p, void *vs, const void *vv, void *dd, gsl_rng *r)
{
    const ent_exit_patron_view *v = vv;
    ent_exit_patron_decision *d = dd;
    ent_er_state *own = lr_slot(vs, v->ally, v->type), *other = lr_slot(vs, v->ally, 1 - v->type);
    if (v->phase == ENT_EXIT_ENFORCE) {
        d->execute = bernoulli(ent_i_exit_trembled(ent_i_exit_credible(v, 0.0, 0), v->tremble), r);
        return;
    }
    if (!own)
        return;
    if (!(v->gap > 0.0)) {
        own->last = other->last = -1;
        return;
    }
    int L = (int)p[LR_LEVELS];
    int pick = ent_er_pick(own, 2 * L, r);
    d->demand = (double)(pick / 2 + 1) / L * v->gap;
    d->threat = bernoulli(ent_i_exit_trembled(pick % 2 ? 1.0 : 0.0, v->tremble), r);
    d->instrument = ent_i_exit_instr_bits(p[LR_INSTR]);
    /* both types reinforce what was done, which the ally saw (with trembles
    ** the threat can differ from the choice) */
    own->last = other->last = 2 * (pick / 2) + d->threat;
}

/* Called once per type by the stage, with that type's view and the payoff it
** would have had from the same history. */
static void lr_observe(const double *p, void *vs, const void *vv, double payoff)
{
    const ent_exit_patron_view *v = vv;
    ent_er_state *s = lr_slot(vs, v->ally, v->type);
    if (!s)
        return;
    /* neighbours: the same threat choice at the adjacent demand levels */
    ent_er_learn(s, 2 * (int)p[LR_LEVELS], payoff, p[LR_FORGET], p[LR_EXPERIMENT], 2);
    s->last = -1;
}

static const ent_strategy_type learning = {
    "learning", "exit_leverage", ENT_ROLE_PATRON,
    "reinforcement learning toward each ally over (demand level, threat or not), rewarded by "
    "concession minus costs; executes when its cost is below the audience cost",
    "Erev & Roth 1998, AER 88(4)",
    learning_params, LR_N, lr_state_size, lr_reset, lr_decide, lr_observe
};

/* ---- ally: comply, defy ------------------------------------------------------ */

static void comply_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r)
{
    (void)p; (void)st; (void)vv; (void)r;
    ent_exit_ally_decision *d = dd;
    d->response = ENT_RESP_COMPLY;
}

static const ent_strategy_type comply = {
    "comply", "exit_leverage", ENT_ROLE_ALLY, "always concedes the whole demand",
    "bandwagoning (Walt 1987)", NULL, 0, NULL, NULL, comply_decide, NULL
};

static void defy_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r)
{
    (void)p; (void)st; (void)vv; (void)r;
    ent_exit_ally_decision *d = dd;
    d->response = ENT_RESP_DEFY;
    d->concession = 0.0;
}

static const ent_strategy_type defy = {
    "defy", "exit_leverage", ENT_ROLE_ALLY, "never concedes",
    "baseline (the resolute ally)", NULL, 0, NULL, NULL, defy_decide, NULL
};

/* ---- expected_utility: complies iff p H >= demand + sovereignty cost -------- */

static void eu_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r)
{
    (void)p; (void)st; (void)r;
    const ent_exit_ally_view *v = vv;
    ent_exit_ally_decision *d = dd;
    double harm = v->threat ? v->harm : 0.0;
    d->response = ent_eu_complies(v->execute_prob, harm, v->cost, v->sovereignty_cost)
                  ? ENT_RESP_COMPLY : ENT_RESP_DEFY;
}

static const ent_strategy_type expected_utility = {
    "expected_utility", "exit_leverage", ENT_ROLE_ALLY,
    "complies iff P(carried out | defy) x harm >= demand + autonomy x demand, else defies; "
    "P(carried out | defy) is the patron strategy's stated execution probability of each type, "
    "weighted by the ally's posterior after seeing the demand and threat",
    "Fearon 1995; theory 5 (accept D iff (1-mu) X_a >= D)",
    NULL, 0, NULL, NULL, eu_decide, NULL
};

/* ---- tit_for_tat: answers the patron's last act in kind --------------------- */

static void tft_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r)
{
    (void)p; (void)st; (void)r;
    const ent_exit_ally_view *v = vv;
    ent_exit_ally_decision *d = dd;
    int coerced = v->patron_last_act == ENT_ACT_THREATENED || v->patron_last_act == ENT_ACT_CUT ||
                  v->patron_last_act == ENT_ACT_EXECUTED;
    d->response = v->round > 1 && coerced ? ENT_RESP_DEFY : ENT_RESP_COMPLY;
}

static const ent_strategy_type tit_for_tat = {
    "tit_for_tat", "exit_leverage", ENT_ROLE_ALLY,
    "complies first, then defies after a round in which the patron threatened, cut or executed, "
    "and complies after one in which it kept faith or backed down",
    "Axelrod 1984", NULL, 0, NULL, NULL, tft_decide, NULL
};

/* ---- partial: concedes a fixed fraction ------------------------------------- */

static const ent_param_desc partial_params[] = {
    { "fraction", ENT_P_REAL, 0.5, 0.0, 1.0, "fraction of the demand",
      "share of each demand it concedes", NULL, 0, 0 },
};

static void partial_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r)
{
    (void)st; (void)r;
    const ent_exit_ally_view *v = vv;
    ent_exit_ally_decision *d = dd;
    d->response = ENT_RESP_PARTIAL;
    d->concession = p[0] * v->demand;
}

static const ent_strategy_type partial = {
    "partial", "exit_leverage", ENT_ROLE_ALLY, "concedes a fixed fraction of each demand",
    "split-the-difference concession (Putnam 1988)", partial_params, 1, NULL, NULL, partial_decide, NULL
};

/* ---- bargaining and ratification: nobody chooses, the stage's rule applies -- */

static void rule_decide(const double *p, void *st, const void *v, void *d, gsl_rng *r)
{
    (void)p; (void)st; (void)v; (void)d; (void)r;
}

static const ent_strategy_type bargaining_rule = {
    "rule", "bargaining", ENT_ROLE_ANY, "no choice: the stage's protocol settles the concession",
    "Nash 1950; Rubinstein 1982", NULL, 0, NULL, NULL, rule_decide, NULL
};

static const ent_strategy_type ratification_rule = {
    "rule", "ratification", ENT_ROLE_ANY, "no choice: support, win-set and the stage's rule decide",
    "Putnam 1988", NULL, 0, NULL, NULL, rule_decide, NULL
};

/* ---- the behaviour functions, by strategy ---------------------------------- */

int ent_exit_patron_behaviour(const ent_strategy_type *t, const double *p, const void *state,
                              const ent_exit_patron_view *v, ent_exit_behaviour *b)
{
    /* a stand-in behaves as the strategy it replaces (it keeps that one's
    ** state and parameters: stage.h) */
    return ent_i_exit_behaviour(ent_strategy_resolve(t), p, state, v, b);
}

int ent_i_exit_behaviour(const ent_strategy_type *t, const double *p, const void *state,
                         const ent_exit_patron_view *v, ent_exit_behaviour *b)
{
    ent_i_exit_behaviour_clear(b);
    if (t == &committed) committed_behaviour(p, v, b);
    else if (t == &transactional) transactional_behaviour(p, v, b);
    else if (t == &typed) typed_behaviour(p, v, b);
    else if (t == &bluffer) bluffer_behaviour(p, v, b);
    else if (t == &grim) grim_behaviour(p, v, b);
    else if (t == &learning) learning_behaviour(p, state, v, b);
    else
        return -1;
    return 0;
}

int ent_i_exit_stateless_rule(const ent_strategy_type *t)
{
    /* the DECIDE_FROM strategies; not learning (its behaviour reads the state) */
    return t == &committed || t == &transactional || t == &typed || t == &bluffer || t == &grim;
}

int ent_i_exit_rule_of(const ent_strategy_type *t, int type, ent_i_exit_rule *rule, int *offset)
{
    *offset = 0;
    if (t == &committed) *rule = ENT_I_RULE_COMMITTED;
    else if (t == &transactional) *rule = ENT_I_RULE_TRANSACTIONAL;
    else if (t == &bluffer) *rule = ENT_I_RULE_BLUFFER;
    else if (t == &grim) *rule = ENT_I_RULE_GRIM;
    else if (t == &typed) {
        /* typed_behaviour's choice, made once */
        int tr = type == ENT_TYPE_TRANSACTIONAL;
        *rule = tr ? ENT_I_RULE_TRANSACTIONAL : ENT_I_RULE_COMMITTED;
        *offset = tr ? TY_DEMAND : TY_MODERATION;
    } else {
        return -1;
    }
    return 0;
}

int ent_i_exit_ally_light_rule(const ent_strategy_type *t)
{
    /* stateless answers from the demand, the threat and its odds, the round
    ** and the patron's last act */
    return t == &comply || t == &defy || t == &expected_utility || t == &tit_for_tat || t == &partial;
}


const ent_strategy_type *const ent_exit_strategies[] = {
    &committed, &transactional, &typed, &bluffer, &grim, &learning,
    &comply, &defy, &expected_utility, &tit_for_tat, &partial,
    &bargaining_rule, &ratification_rule, NULL
};
