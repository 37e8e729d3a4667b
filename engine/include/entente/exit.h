/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** exit.h: exit leverage (coercion under one-sided incomplete information,
** Fearon 1994, 1995) with issue linkage. What a patron and an ally see and
** decide, and the harm and cost of each instrument. Money is USD bn per round.
*/
#ifndef ENT_EXIT_H
#define ENT_EXIT_H

#include "entente/export.h"
ENT_BEGIN_DECLS

/* Instruments, combined as bits; 0 = no threat. A threat with a trade or
** technology bit attached to the security demand is a linked threat. */
enum {
    ENT_INSTR_DRAWDOWN = 1,     /* draw down the guarantee (troops, umbrella) */
    ENT_INSTR_TARIFF   = 2,     /* tariff on the ally's exports to the patron */
    ENT_INSTR_TECH     = 4,     /* technology (export) controls on a sector */
    ENT_INSTR_ALL      = 7
};

/* The ally's answer to a demand. */
typedef enum {
    ENT_RESP_COMPLY  = 0,       /* concede the whole demand */
    ENT_RESP_PARTIAL = 1,       /* concede part of it */
    ENT_RESP_DEFY    = 2        /* concede nothing */
} ent_exit_response;

/* The patron's private type (drawn once per run). */
enum { ENT_TYPE_COMMITTED = 0, ENT_TYPE_TRANSACTIONAL = 1 };

/* Phases in which a patron strategy is asked to decide. */
enum {
    ENT_EXIT_THREAT  = 0,       /* choose a demand, whether to threaten, and how */
    ENT_EXIT_ENFORCE = 1        /* the demand was not met: execute or back down */
};

/* Instrument parameters of a scenario (the exit_leverage stage's). */
typedef struct {
    double drawdown_harm;       /* fraction of the ally's GDP lost at dependence 1 */
    double tariff_rate;         /* tariff rate on the ally's exports to the patron */
    double tech_rate;           /* fraction of the exposed sector lost to controls */
    double tariff_self_cost;    /* share of the tariff's harm the patron bears itself */
    double tech_self_cost;      /* share of the controls' harm the patron bears itself */
    double lock_in;             /* soft lock-in: an ally's binding b multiplies the patron's
                                ** drawdown cost (its stake) by 1 + lock_in x b */
} ent_exit_instruments;

/* Harm to an ally of GDP gdp (USD bn) if instruments `instr` are carried out:
**   drawdown: drawdown_harm * dependence * gdp
**   tariff:   tariff_rate * trade_exposure * gdp * (1 - binding)
**   tech:     tech_rate * tech_exposure * gdp * (1 - binding)
** (exposure times rate; binding investments shield the linked part only). */
double ent_exit_harm(const ent_exit_instruments *k, unsigned instr, double gdp,
                     double dependence, double trade_exposure, double tech_exposure,
                     double binding);

/* The patron's cost (USD bn) of carrying out `instr` against that ally:
**   drawdown: stake * gdp * (1 - tau) for a transactional type (tau = its
**             transactional intensity), stake * gdp for a committed one
**   tariff:   tariff_self_cost * tariff harm;  tech: tech_self_cost * tech harm. */
double ent_exit_cost(const ent_exit_instruments *k, unsigned instr, int type, double tau,
                     double gdp, double stake, double dependence, double trade_exposure,
                     double tech_exposure, double binding);

/* What a patron strategy sees about one ally (all a person would need).
** A patron strategy's observe() is called after each ally's round once per
** type, with the view and the payoff a patron of that type would have had
** (v->type says which): a strategy that learns keeps what each type would
** have learned, so that its behaviour function can state both types'. */
typedef struct {
    int round;                  /* 1-based */
    int phase;                  /* ENT_EXIT_THREAT or ENT_EXIT_ENFORCE */
    int ally;                   /* agent index of the ally */
    int n_agents;               /* agents in the run (the patron and the allies 1..n_agents-1) */
    int type;                   /* own private type, ENT_TYPE_* */
    double gap;                 /* ally's shortfall from the demand, USD bn (>= 0) */
    double slack;               /* ally's demand minus share, fraction of GDP */
    double harm[3];             /* harm to the ally of drawdown, tariff, tech, USD bn */
    double cost[3];             /* own cost of carrying each out this round, USD bn */
    double audience_cost;       /* own cost of backing down, USD bn */
    double tremble;             /* epsilon: chance that a threat or execution decision is
                                ** replaced by a fair coin (the exit stage's `tremble`) */
    double support;             /* the ally's public support for the alliance (public polls) */
    int ally_defiances;         /* times this ally defied before this round */
    int ally_last_response;     /* ent_exit_response last round, -1 if none */
    int threats_made;           /* threats made to this ally before this round */
    /* ENFORCE phase; in the THREAT phase 0, except that `demand` is the demand
    ** the ally saw when the stage asks the behaviour function how likely it was */
    unsigned instrument;        /* instruments threatened */
    double demand;              /* USD bn demanded */
    int response;               /* ent_exit_response */
    double concession;          /* USD bn settled after bargaining and ratification */
    int ratify_failed;          /* the ally's legislature rejected the deal */
} ent_exit_patron_view;

typedef struct {
    int threat;                 /* THREAT phase: 1 = threaten */
    unsigned instrument;        /* THREAT phase: ENT_INSTR_* bits (ignored without threat) */
    double demand;              /* THREAT phase: USD bn, 0 = no demand */
    int execute;                /* ENFORCE phase: 1 = carry out, 0 = back down */
} ent_exit_patron_decision;

/* What an ally strategy sees when a demand is on the table. */
typedef struct {
    int round;                  /* 1-based */
    double gdp;                 /* own GDP, USD bn */
    double demand;              /* USD bn demanded this round */
    int threat;                 /* a threat comes with it */
    unsigned instrument;        /* the instruments threatened */
    double harm;                /* USD bn it would suffer if the threat were carried out */
    double cost;                /* USD bn of complying (= demand) */
    double sovereignty_cost;    /* autonomy weight * demand, USD bn */
    double belief;              /* p: own belief that the patron is transactional (before
                                ** this round's demand) */
    double execute_prob;        /* probability that the threat is carried out if it defies:
                                ** sum over types of P(type | belief, this demand and threat)
                                ** x P(carry out | type, defied), from the patron strategy's
                                ** behaviour function; 0 without a threat */
    double support;             /* public support for the alliance in [0, 1] */
    double winset;              /* largest concession its ratifiers accept, USD bn (NaN: none) */
    int patron_last_act;        /* ent_patron_act toward it last round */
    int executions_suffered;    /* threats carried out against it before */
    int bluffs_called;          /* threats it defied that were withdrawn */
} ent_exit_ally_view;

typedef struct {
    int response;               /* ent_exit_response */
    double concession;          /* USD bn offered (PARTIAL; COMPLY = demand, DEFY = 0) */
} ent_exit_ally_decision;

/* The patron's behaviour as its strategy states it, for a patron of type
** v->type in the state v describes (one source of truth: the strategy's
** decide() draws from it; beliefs, the ally's expected-utility rule and the
** abandonment risk of hedging and the security dilemma read it).
**   THREAT phase: a demand (USD bn) with its probability, the instruments,
**     and P(threat | type, state, that demand), trembles included; the
**     demand is the one in v->demand when that is > 0 (the stage asking how
**     likely the demand an ally saw was), else the strategy's own (the
**     likeliest, for a strategy that draws it);
**   ENFORCE phase: P(carry out | type, state), trembles included. */
typedef struct {
    double demand;              /* THREAT: USD bn demanded, 0 = none */
    double demand_prob;         /* THREAT: probability that it asks this demand (1 for a
                                ** strategy whose demand the state fixes) */
    unsigned instrument;        /* THREAT: ENT_INSTR_* bits threatened */
    double threat;              /* THREAT: probability of a threat with the demand */
    double execute;             /* ENFORCE: probability of carrying out an unmet threat */
    double abandon;             /* both phases: probability that it fails this ally in a
                                ** crisis (1 - h_theta of theory 6; the abandonment risk of
                                ** hedging and the security dilemma) */
} ent_exit_behaviour;

struct ent_strategy_type;
/* Fill b for patron strategy t with parameters p and state `state` (may be
** NULL for strategies without state) in view v's phase. Returns 0, or -1 if
** the strategy states no type-conditional behaviour for that phase. */
int ent_exit_patron_behaviour(const struct ent_strategy_type *t, const double *p, const void *state,
                              const ent_exit_patron_view *v, ent_exit_behaviour *b);

ENT_END_DECLS

#endif
