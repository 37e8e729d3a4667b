/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** run.h: one run of a scenario, a pure function of (scenario, seed, point,
** replicate). A run object holds every buffer the run needs, allocated once;
** nothing is allocated inside the round loop, and nothing is shared between
** run objects, so many can execute at once on different threads.
*/
#ifndef ENT_RUN_H
#define ENT_RUN_H

#include "entente/export.h"
ENT_BEGIN_DECLS

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>
#include "entente/scenario.h"
#include "entente/stage.h"

/* What the patron did to an ally in a round (read by reciprocal rules).
** Ordered by severity: when two stages report an act, the more severe is kept. */
typedef enum {
    ENT_ACT_NONE = 0,       /* nothing of note */
    ENT_ACT_KEPT,           /* kept its guarantee and its own effort */
    ENT_ACT_BACKED_DOWN,    /* withdrew a threat */
    ENT_ACT_THREATENED,     /* threatened exit */
    ENT_ACT_CUT,            /* cut its own defence effort */
    ENT_ACT_EXECUTED        /* carried out an exit threat (abandonment) */
} ent_patron_act;

/* The shared state of one agent, read and written by the stages. */
typedef struct {
    double gdp;             /* USD bn */
    double share;           /* defence spending, fraction of GDP */
    double spending;        /* USD bn = share * gdp */
    double alpha;           /* effective weight on security this round */
    double alpha0;          /* weight on security at zero threat */
    double psi;             /* private share of defence benefit */
    double threat;          /* external threat in [0,1] */
    double demand;          /* patron's demand, fraction of GDP (NaN for the patron) */
    double slack;           /* demand - share (NaN for the patron) */
    double discount;        /* discount factor */
    double payoff;          /* sum of stage payoffs this round */
    double cum_payoff;      /* discounted sum of payoffs so far */
    double weight;          /* discount weight of the current round, delta^(t-1) */
    int patron_act;         /* ent_patron_act toward this ally, last round */
    int patron_act_now;     /* ... this round, becomes patron_act at its end */
    /* running figures for the outcomes */
    double share_sum;       /* sum of shares over rounds played */
    int rounds_meeting;     /* rounds with share >= demand */
    /* exit leverage, bargaining, ratification (exit.h); money in USD bn */
    double belief;          /* p: belief that the patron is transactional (allies) */
    double binding;         /* binding investments in [0,1]; shield linked harm */
    double support;         /* domestic support for the alliance in [0,1] */
    double support0;        /* ... at the start of the run */
    double winset;          /* largest concession its ratifiers accept (NaN: not computed) */
    int threatened;         /* a threat was made to it this round */
    unsigned instrument;    /* ENT_INSTR_* bits threatened this round */
    double exit_demand;     /* demanded this round (0: nothing) */
    int response;           /* ent_exit_response this round, -1: no demand */
    double offer;           /* what it offered in its response */
    double bargain;         /* what the bargaining protocol settled (NaN: no bargaining) */
    double proposal;        /* the deal put to ratification */
    int ratification;       /* ratification result this round (stage_ratification.c), -1: none */
    double concession;      /* conceded this round, after ratification */
    int enforcement;        /* 0 none, 1 threat carried out, 2 backed down */
    double harm;            /* harm suffered this round */
    double patron_cost;     /* exit and audience costs the patron paid over it this round */
    double deal_total;      /* concessions in force, per round */
    double floor_share;     /* share of GDP it agreed to keep (0: none) */
    int n_threats, n_executions, n_bluffs_called, n_deals, n_ratify_fail, n_defiances;
    int first_deal;         /* round of its first deal, 0: none */
    /* beliefs, diffusion, hedging, security dilemma (hedging.h) */
    double belief0;         /* belief at the start of the run */
    int spread_round;       /* first round its belief moved by the spread threshold, 0: not yet */
    double portfolio[3];    /* hedging weights: bandwagon, balance, bind (on the simplex) */
    double hedge_u[3];      /* expected payoffs of the three options this round, % of GDP */
    double min_bandwagon;   /* lowest bandwagon weight so far (cohesion) */
    double commitment;      /* commitment k to the patron in [0,1] */
    double fear_abandon;    /* expected abandonment cost at that commitment, % of GDP */
    double fear_entrap;     /* expected entrapment cost at that commitment, % of GDP */
    /* the round's payoff split by pipeline stage: what each stage's play added
    ** to `payoff` (a negotiation's deal, harm and sovereignty cost land in the
    ** stage that closes it: exit_leverage, or bargaining or ratification
    ** after it). Read only by displays; results never depend on it. */
    double stage_payoff[ENT_MAX_STAGES];
} ent_agent_state;

typedef enum {
    ENT_EV_DEMAND, ENT_EV_CONTRIBUTE, ENT_EV_MEET, ENT_EV_SHORTFALL,
    ENT_EV_THREATEN, ENT_EV_COMPLY, ENT_EV_CONCEDE, ENT_EV_DEFY,
    ENT_EV_EXECUTE, ENT_EV_BACK_DOWN, ENT_EV_DEAL, ENT_EV_RATIFY, ENT_EV_RATIFY_FAIL,
    ENT_EV_COUNT
} ent_event_kind;

typedef struct {
    int round;              /* 1-based */
    short stage;            /* pipeline index */
    short kind;             /* ent_event_kind */
    short actor;            /* agent index */
    short target;           /* agent index, or -1 */
    double value;           /* kind-specific: a share, a sum, a probability */
} ent_event;

extern const char *const ent_event_names[ENT_EV_COUNT];

enum {
    ENT_RUN_TRACE  = 1u << 0,   /* keep the per-round trace */
    ENT_RUN_EVENTS = 1u << 1    /* keep the event log */
};

typedef struct ent_run {
    const ent_scenario *scn;
    unsigned flags;
    size_t n;                   /* agents, [0] is the patron */
    int round;                  /* 1-based during play */
    int rounds_played;
    ent_agent_state *agent;
    double alliance_spending;   /* sum of spending over all agents, USD bn */
    /* strategy state: per stage and agent, offsets into strat_mem */
    unsigned char *strat_mem;
    size_t *strat_off;          /* [stage * n + agent] */
    /* stage workspaces */
    unsigned char *stage_mem;
    size_t stage_off[ENT_MAX_STAGES];
    /* trace: rounds x n x n_trace doubles */
    double *trace;
    size_t n_trace;             /* columns per row (stage columns + payoffs) */
    size_t trace_stage_col[ENT_MAX_STAGES + 1];
    /* events */
    ent_event *events;
    size_t n_events, cap_events, dropped_events;
    /* outcomes */
    double *agent_out;          /* n x n_agent_out */
    size_t n_agent_out;
    size_t agent_out_stage_col[ENT_MAX_STAGES + 1];
    double *run_out;
    size_t n_run_out;
    size_t run_out_stage_col[ENT_MAX_STAGES + 1];
    double *scratch;            /* 4n doubles for statistics */
    int patron_type;            /* ENT_TYPE_* drawn per run by exit_leverage (private) */
    gsl_rng *rng;
    /* optional: called at the end of every round, after the trace row is
    ** recorded (the classroom mode reports the round from it); NULL: none */
    void (*on_round)(const struct ent_run *run, void *ctx);
    void *on_round_ctx;
} ent_run;

/* Allocate a run for `s` (which must outlive it). NULL on failure. */
ent_run *ent_run_alloc(const ent_scenario *s, unsigned flags);
void ent_run_free(ent_run *run);
/* Play the scenario on stream (seed, point, replicate). Returns 0. */
int ent_run_exec(ent_run *run, uint64_t seed, uint64_t point, uint64_t replicate);
/* Only the start of a run: the agents and every stage reset as ent_run_exec
** does, and the clock at round 1 with no stage played (what `entente solve`
** reads the scenario's starting state from). */
void ent_run_begin(ent_run *run, uint64_t seed, uint64_t point, uint64_t replicate);

/* What the ratification stage will find for ally `ally` when it plays this
** round, asked before it has (the classroom shows it with the demand): its
** support, set in *support if not NULL, and the win-set it returns (USD bn;
** NaN without a ratification stage). */
double ent_ratification_outlook(const ent_run *run, size_t ally, double *support);

/* The Nash equilibrium of a scenario's burden-sharing game with every
** agent's weights as its burden_sharing stage resolves them at the start of a
** run (calibrated where the scenario leaves them out): for agent i its GDP
** Y[i], security weight alpha[i], private share psi[i] and equilibrium
** spending m[i] (USD bn). Returns the alliance total, or NaN if the scenario
** has no burden_sharing stage or the solver fails. */
double ent_burden_scenario_nash(const ent_scenario *s, double *Y, double *alpha, double *psi, double *m);

/* Report the patron's act toward `ally` this round (the most severe is kept). */
void ent_run_patron_act(ent_run *run, size_t ally, ent_patron_act act);
/* Strategy state of (stage, agent). Inline: the stages call it per agent
** and round. */
static inline void *ent_run_strategy_state(const ent_run *run, int stage, size_t agent)
{
    return run->strat_mem + run->strat_off[(size_t)stage * run->n + agent];
}
/* Workspace of a stage. */
static inline void *ent_run_stage_workspace(const ent_run *run, int stage)
{
    return run->stage_mem + run->stage_off[stage];
}
/* Append an event (dropped and counted when the log is full or disabled). */
void ent_run_event(ent_run *run, int stage, ent_event_kind kind, int actor, int target,
                   double value);

/* Columns of the trace (beyond round/agent/role), of agent outcomes and of run
** outcomes, in the order of the stored arrays. `out` must hold the count. */
size_t ent_run_trace_columns(const ent_run *run, const ent_column **out, size_t cap);
size_t ent_run_agent_outcome_columns(const ent_run *run, const ent_column **out, size_t cap);
size_t ent_run_run_outcome_columns(const ent_run *run, const ent_column **out, size_t cap);
/* Trace row of (round 1-based, agent). */
const double *ent_run_trace_row(const ent_run *run, int round, size_t agent);
/* Position of the trace column `name` in a trace row, or -1. */
int ent_run_trace_column(const ent_run *run, const char *name);
/* An outcome by name, after the run: of stage `stage` (NULL: the run's own
** columns, cum_payoff and rounds_played), for the run or for one agent. NaN
** if there is no such column (or the value is NA). */
double ent_run_outcome(const ent_run *run, const char *stage, const char *name);
double ent_run_agent_outcome(const ent_run *run, size_t agent, const char *stage, const char *name);

ENT_END_DECLS

#endif
