/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** exit_leverage.h: the negotiation exit_leverage opens with each ally every
** round (stage_exit.c), which bargaining and ratification carry on and
** exit_leverage closes (ent_i_exit_settle): the ally's record of it
** (ent_i_exit_agent, its per-agent state), the stage's working slots, and
** the facts other stages take from it (the abandonment risk).
*/
#ifndef ENT_STAGE_EXIT_LEVERAGE_H
#define ENT_STAGE_EXIT_LEVERAGE_H

#include <math.h>
#include <stddef.h>
#include "entente/exit.h"
#include "entente/stage.h"
#include <gsl/gsl_rng.h>

struct ent_run;

/* An ally's negotiation this round and its record over the run; money in
** USD bn. The patron's own is unused (its totals are summed over allies). */
extern const ent_stage_type ent_stage_exit_leverage;
/* its strategies and the rule strategies of bargaining and ratification */
extern const ent_strategy_type *const ent_exit_strategies[];      /* strategies_exit.c */

typedef struct {
    int threatened;         /* a threat was made to it this round */
    unsigned instrument;    /* ENT_INSTR_* bits threatened this round */
    double exit_demand;     /* demanded this round (0: nothing) */
    int response;           /* ent_exit_response this round, -1: no demand */
    double offer;           /* what it offered in its response */
    double proposal;        /* the deal put to ratification (bargaining and
                            ** ratification revise it) */
    double concession;      /* conceded this round, after ratification */
    int enforcement;        /* 0 none, 1 threat carried out, 2 backed down */
    double harm;            /* harm suffered this round */
    double patron_cost;     /* exit and audience costs the patron paid over it this round */
    double deal_total;      /* concessions in force, per round */
    double floor_share;     /* share of GDP it agreed to keep (0: none) */
    int n_threats, n_executions, n_bluffs_called, n_deals, n_defiances;
    int first_deal;         /* round of its first deal, 0: none */
} ent_i_exit_agent;

/* Ally i's record, NULL if exit_leverage is not in the pipeline. */
ent_i_exit_agent *ent_i_exit_agent_of(const struct ent_run *run, size_t i);

/* One ally's open negotiation this round, in the exit stage's workspace. */
typedef struct {
    double cost_mult;       /* this round's multiplier of the patron's exit costs */
    double harm;            /* harm to the ally of the threatened instruments, USD bn */
    double cost;            /* the patron's cost of carrying them out, USD bn */
    double cost_as[2];      /* that cost for a patron of each type (a learning patron
                            ** learns each type's reward from the same history) */
    double required;        /* what satisfies the patron, USD bn (bargaining and
                            ** ratification revise it) */
    double harm_total;      /* harm suffered over the run */
    double received_total;  /* concessions over the run */
    int last_response;      /* last round's response, -1: none */
    int executed_last;      /* a threat was carried out against it last round */
    int uninformative;      /* the patron strategy states no behaviour: nothing to learn */
    double lik[2];          /* likelihood of what the ally saw this round (demand, threat,
                            ** carried out or withdrawn) under a committed [0] and a
                            ** transactional [1] patron, from the strategy's behaviour */
    double exec_belief;     /* the ally's P(threat carried out | it defies), this round */
    double exec_own;        /* the patron's own (true type's) P(carry out | defied) */
    double abandon[2];      /* P(the patron fails it in a crisis) under each type, this
                            ** round, as the strategy states it: the abandonment risk */
} ent_i_exit_slot;

/* The exit stage's per-ally slots, NULL if exit_leverage is not in the pipeline. */
ent_i_exit_slot *ent_i_exit_slots(const struct ent_run *run);
/* Index of the stage that closes a round's negotiations: the last of
** exit_leverage, bargaining and ratification at or after exit_leverage. -1 if
** exit_leverage is absent. */
int ent_i_exit_closing_stage(const struct ent_run *run);
/* The same as the stage's reset found it, from its slots `sl` (n agents):
** for the stages that ask each round. */
int ent_i_exit_closing_of(const ent_i_exit_slot *sl, size_t n);
/* Close the round's negotiations: deals, execution or backing down, payoffs. */
void ent_i_exit_settle(struct ent_run *run, gsl_rng *r);
/* The allies' openings the last (or current) run replayed from a run before
** it rather than played (stage_exit.c); 0 without exit_leverage. */
size_t ent_i_exit_replayed(const struct ent_run *run);

/* Ally i's risk of abandonment under its current belief: the belief-weighted
** chance that the patron fails it in a crisis, as the patron strategy states
** it for each type (the exit stage's abandon[]); NaN without exit_leverage or
** when the patron strategy states no behaviour (stage_exit.c). */
double ent_i_abandon_risk(const struct ent_run *run, size_t i);
/* The same with the exit stage's slots at hand (ent_i_exit_slots, found
** once per round by a stage that asks for every ally) and the ally's belief mu. */
static inline double ent_i_abandon_risk_in(const ent_i_exit_slot *sl, size_t i, double mu)
{
    if (!sl || i == 0)
        return NAN;
    return mu * sl[i].abandon[ENT_TYPE_TRANSACTIONAL] + (1.0 - mu) * sl[i].abandon[ENT_TYPE_COMMITTED];
}

/* ent_exit_patron_behaviour for a strategy already resolved
** (ent_strategy_resolve: not a stand-in), as the stage resolves its patron's
** once per run (strategies_exit.c). */
int ent_i_exit_behaviour(const ent_strategy_type *t, const double *p, const void *state,
                         const ent_exit_patron_view *v, ent_exit_behaviour *b);
/* 1 if strategy t (resolved) decides by one draw from its behaviour
** (ent_i_exit_decide_from) and its THREAT-phase behaviour reads neither the
** demand asked about nor a state: the stage may then ask the behaviour
** once per type and round and draw t's decision from it (test_exit checks
** both against decide()). */
int ent_i_exit_stateless_rule(const ent_strategy_type *t);
/* 1 if ally strategy t (not resolved: a stand-in may read anything) keeps
** no state and reads neither the ally's support nor its win-set nor its
** counts of executions and called bluffs: the stage may leave those fields
** of its view unset (test_exit checks). */
int ent_i_exit_ally_light_rule(const ent_strategy_type *t);
/* One Bernoulli draw, and none for a sure event (streams of deterministic
** patrons are not consumed). */
static inline int ent_i_exit_bernoulli(double q, gsl_rng *r)
{
    return q >= 1.0 ? 1 : q <= 0.0 ? 0 : gsl_rng_uniform(r) < q;
}

/* ---- the stateless patron rules' behaviours ------------------------------
** Inline here, not in strategies_exit.c with their strategies: the stage
** asks them for both types of every ally and round, and a call through a
** pointer cost more than what they do. */

/* their parameters, in the order of each strategy's table */
enum { EXIT_CM_MODERATION, EXIT_CM_THREAT_PROB, EXIT_CM_N };
enum { EXIT_TR_DEMAND, EXIT_TR_INSTR, EXIT_TR_RESOLVE, EXIT_TR_ABANDON, EXIT_TR_N };
enum { EXIT_BL_THREAT, EXIT_BL_EXEC, EXIT_BL_DEMAND, EXIT_BL_INSTR, EXIT_BL_N };
enum { EXIT_GR_K, EXIT_GR_DEMAND, EXIT_GR_INSTR, EXIT_GR_N };

/* instrument choice index k stands for the bits k + 1 (ENT_INSTR_*) */
static inline unsigned ent_i_exit_instr_bits(double k)
{
    return (unsigned)(k) + 1u;
}

/* Cost of carrying out `instr` (sum over its bits, in their order) as the
** patron sees it. */
static inline double ent_i_exit_view_cost(const ent_exit_patron_view *v, unsigned instr)
{
    double c = 0.0;
    if (instr & ENT_INSTR_DRAWDOWN)
        c += v->cost[0];
    if (instr & ENT_INSTR_TARIFF)
        c += v->cost[1];
    if (instr & ENT_INSTR_TECH)
        c += v->cost[2];
    return c;
}

/* A probability mixed with the tremble: a fair coin with probability eps. */
static inline double ent_i_exit_trembled(double q, double eps)
{
    return eps > 0.0 ? (1.0 - eps) * q + 0.5 * eps : q;
}

/* Fearon's credibility condition: carrying the threat out pays when what
** backing down would cost (the audience cost, plus the value of enforcing
** the unmet part of the demand at `resolve` per USD) is at least the cost of
** the instruments. A committed patron resolves the tie in the ally's favour
** (it executes only when the audience cost strictly exceeds the cost); a
** transactional one in its own. */
static inline double ent_i_exit_credible(const ent_exit_patron_view *v, double resolve, int strict)
{
    double gain = v->audience_cost + resolve * (v->demand - v->concession);
    double cost = ent_i_exit_view_cost(v, v->instrument);
    return (strict ? gain > cost : gain >= cost) ? 1.0 : 0.0;
}

/* Each rule in three parts: the abandonment risk it states in both phases,
** its probability of carrying an unmet threat out (ENFORCE) and its demand
** and threat (THREAT); its behaviour is the first with the phase's part. */

/* committed: moderate demands; carries a threat out when credible */
static inline double ent_i_exit_committed_abandon(const double *p, const ent_exit_patron_view *v)
{
    (void)p; (void)v;
    return 0.0;                 /* theory 6: the committed type honours its guarantee, h_C = 1 */
}
static inline double ent_i_exit_committed_execute(const double *p, const ent_exit_patron_view *v)
{
    (void)p;
    return ent_i_exit_trembled(ent_i_exit_credible(v, 0.0, 1), v->tremble);
}
static inline void ent_i_exit_committed_threat(const double *p, const ent_exit_patron_view *v, ent_exit_behaviour *b)
{
    b->demand = v->gap > 0.0 ? p[EXIT_CM_MODERATION] * v->gap : 0.0;
    b->instrument = ENT_INSTR_DRAWDOWN;
    b->threat = b->demand > 0.0 ? ent_i_exit_trembled(p[EXIT_CM_THREAT_PROB], v->tremble) : 0.0;
}

/* transactional: threatens on any shortfall, executes when it pays */
static inline double ent_i_exit_transactional_abandon(const double *p, const ent_exit_patron_view *v)
{
    (void)v;
    return p[EXIT_TR_ABANDON];
}
static inline double ent_i_exit_transactional_execute(const double *p, const ent_exit_patron_view *v)
{
    return ent_i_exit_trembled(ent_i_exit_credible(v, p[EXIT_TR_RESOLVE], 0), v->tremble);
}
static inline void ent_i_exit_transactional_threat(const double *p, const ent_exit_patron_view *v,
                                                   ent_exit_behaviour *b)
{
    b->demand = v->gap > 0.0 ? p[EXIT_TR_DEMAND] * v->gap : 0.0;
    b->instrument = ent_i_exit_instr_bits(p[EXIT_TR_INSTR]);
    b->threat = b->demand > 0.0 ? ent_i_exit_trembled(1.0, v->tremble) : 0.0;
}

/* bluffer: threatens and executes with fixed probabilities */
static inline double ent_i_exit_bluffer_abandon(const double *p, const ent_exit_patron_view *v)
{
    (void)v;
    return p[EXIT_BL_EXEC];     /* the threat that leaves something to chance, in a crisis too */
}
static inline double ent_i_exit_bluffer_execute(const double *p, const ent_exit_patron_view *v)
{
    return ent_i_exit_trembled(p[EXIT_BL_EXEC], v->tremble);
}
static inline void ent_i_exit_bluffer_threat(const double *p, const ent_exit_patron_view *v, ent_exit_behaviour *b)
{
    b->demand = v->gap > 0.0 ? p[EXIT_BL_DEMAND] * v->gap : 0.0;
    b->instrument = ent_i_exit_instr_bits(p[EXIT_BL_INSTR]);
    b->threat = b->demand > 0.0 ? ent_i_exit_trembled(p[EXIT_BL_THREAT], v->tremble) : 0.0;
}

/* grim: carries threats out once the ally has defied k times */
static inline double ent_i_exit_grim_abandon(const double *p, const ent_exit_patron_view *v)
{
    /* grim trigger: an ally that has defied k times is abandoned (theory 13) */
    return v->ally_defiances >= (int)p[EXIT_GR_K] ? 1.0 : 0.0;
}
static inline double ent_i_exit_grim_execute(const double *p, const ent_exit_patron_view *v)
{
    int defied = v->ally_defiances + (v->response == ENT_RESP_DEFY);
    return ent_i_exit_trembled(defied >= (int)p[EXIT_GR_K] ? 1.0 : 0.0, v->tremble);
}
static inline void ent_i_exit_grim_threat(const double *p, const ent_exit_patron_view *v, ent_exit_behaviour *b)
{
    b->demand = v->gap > 0.0 ? p[EXIT_GR_DEMAND] * v->gap : 0.0;
    b->instrument = ent_i_exit_instr_bits(p[EXIT_GR_INSTR]);
    b->threat = b->demand > 0.0 ? ent_i_exit_trembled(1.0, v->tremble) : 0.0;
}

/* The rules a stateless strategy states its behaviour toward one type by
** (`typed` by committed's and transactional's). */
typedef enum {
    ENT_I_RULE_COMMITTED, ENT_I_RULE_TRANSACTIONAL, ENT_I_RULE_BLUFFER, ENT_I_RULE_GRIM
} ent_i_exit_rule;

/* Rule `rule`'s parts, its parameters from p on. */
static inline double ent_i_exit_rule_abandon(ent_i_exit_rule rule, const double *p, const ent_exit_patron_view *v)
{
    switch (rule) {
    case ENT_I_RULE_COMMITTED: return ent_i_exit_committed_abandon(p, v);
    case ENT_I_RULE_TRANSACTIONAL: return ent_i_exit_transactional_abandon(p, v);
    case ENT_I_RULE_BLUFFER: return ent_i_exit_bluffer_abandon(p, v);
    case ENT_I_RULE_GRIM: return ent_i_exit_grim_abandon(p, v);
    }
    return NAN;
}
static inline double ent_i_exit_rule_execute(ent_i_exit_rule rule, const double *p, const ent_exit_patron_view *v)
{
    switch (rule) {
    case ENT_I_RULE_COMMITTED: return ent_i_exit_committed_execute(p, v);
    case ENT_I_RULE_TRANSACTIONAL: return ent_i_exit_transactional_execute(p, v);
    case ENT_I_RULE_BLUFFER: return ent_i_exit_bluffer_execute(p, v);
    case ENT_I_RULE_GRIM: return ent_i_exit_grim_execute(p, v);
    }
    return 0.0;
}
static inline void ent_i_exit_rule_threat(ent_i_exit_rule rule, const double *p, const ent_exit_patron_view *v,
                                          ent_exit_behaviour *b)
{
    switch (rule) {
    case ENT_I_RULE_COMMITTED: ent_i_exit_committed_threat(p, v, b); break;
    case ENT_I_RULE_TRANSACTIONAL: ent_i_exit_transactional_threat(p, v, b); break;
    case ENT_I_RULE_BLUFFER: ent_i_exit_bluffer_threat(p, v, b); break;
    case ENT_I_RULE_GRIM: ent_i_exit_grim_threat(p, v, b); break;
    }
}
/* Its behaviour toward view v, whose phase is `phase` (a caller that knows
** it passes it as a constant): the abandonment risk and the phase's part. */
static inline void ent_i_exit_rule_in(ent_i_exit_rule rule, const double *p, const ent_exit_patron_view *v,
                                      int phase, ent_exit_behaviour *b)
{
    b->abandon = ent_i_exit_rule_abandon(rule, p, v);
    if (phase == ENT_EXIT_ENFORCE)
        b->execute = ent_i_exit_rule_execute(rule, p, v);
    else
        ent_i_exit_rule_threat(rule, p, v, b);
}
static inline void ent_i_exit_rule_call(ent_i_exit_rule rule, const double *p, const ent_exit_patron_view *v,
                                        ent_exit_behaviour *b)
{
    ent_i_exit_rule_in(rule, p, v, v->phase, b);
}

/* What a behaviour states before its strategy says anything. */
static inline void ent_i_exit_behaviour_clear(ent_exit_behaviour *b)
{
    b->demand = 0.0;
    b->demand_prob = 1.0;
    b->instrument = 0u;
    b->threat = b->execute = 0.0;
    b->abandon = NAN;
}

/* For stateless rule t (ent_i_exit_stateless_rule) and type `type`: the
** rule ent_i_exit_behaviour asks for a view of that type, and the offset of
** its parameters in t's. Returns -1 for other strategies. */
int ent_i_exit_rule_of(const ent_strategy_type *t, int type, ent_i_exit_rule *rule, int *offset);
/* ent_i_exit_behaviour(t, p, NULL, v, b) for v->type's rule and offset of
** ent_i_exit_rule_of(t, v->type) (test_exit checks); the same for a view
** of the THREAT phase, the phase known. */
static inline void ent_i_exit_rule_ask(ent_i_exit_rule rule, const double *p, const ent_exit_patron_view *v,
                                       ent_exit_behaviour *b)
{
    ent_i_exit_behaviour_clear(b);
    ent_i_exit_rule_call(rule, p, v, b);
}
static inline void ent_i_exit_rule_ask_threat(ent_i_exit_rule rule, const double *p, const ent_exit_patron_view *v,
                                              ent_exit_behaviour *b)
{
    ent_i_exit_behaviour_clear(b);
    ent_i_exit_rule_in(rule, p, v, ENT_EXIT_THREAT, b);
}

/* The ENFORCE-phase decision of a strategy that decides by one draw from
** its behaviour (ent_i_exit_decide_from): drawn from its probability of
** carrying the threat out. */
static inline int ent_i_exit_execute_from(double execute, gsl_rng *r)
{
    return ent_i_exit_bernoulli(execute, r);
}
/* The decision such a strategy's decide() draws from behaviour b in view
** v's phase (inline: the stage draws it for every ally and round). */
static inline void ent_i_exit_decide_from(const ent_exit_behaviour *b, const ent_exit_patron_view *v,
                                          ent_exit_patron_decision *d, gsl_rng *r)
{
    if (v->phase == ENT_EXIT_ENFORCE) {
        d->execute = ent_i_exit_execute_from(b->execute, r);
        return;
    }
    d->demand = b->demand;
    d->threat = b->demand > 0.0 && ent_i_exit_bernoulli(b->threat, r);
    d->instrument = b->instrument;
}

#endif
