/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** run.h: one run of a scenario, a pure function of (scenario, seed, point,
** replicate). A run object holds every buffer the run needs, allocated once;
** nothing is allocated inside the round loop, and nothing is shared between
** run objects, so many can execute at once on different threads.
**
** A run object is opaque: programs read it through the functions below (and
** those of entente/api.h); the stages see its inside (the library's
** sim/run_int.h).
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

typedef struct ent_run ent_run;

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

/* The scenario the run plays, the round being played (1-based; during a
** round's callback, that round) and the alliance's total defence spending
** now (USD bn). */
const ent_scenario *ent_run_scenario(const ent_run *run);
int ent_run_round(const ent_run *run);
double ent_run_alliance_spending(const ent_run *run);
/* Call f(run, ctx) at the end of every round, after its trace row is
** recorded (the classroom reports the round from it); f NULL: none. */
void ent_run_on_round(ent_run *run, void (*f)(const ent_run *run, void *ctx), void *ctx);
/* The event log, in round order, and its length in *n (NULL and 0 for a run
** allocated without ENT_RUN_EVENTS). */
const ent_event *ent_run_event_log(const ent_run *run, size_t *n);

/* The current value of `name` for `agent` (during or after a run): the
** state every stage shares (gdp, share, spending, threat, demand, discount,
** payoff, cum_payoff, weight, patron_act, belief, belief0), then what the
** pipeline's stages keep of their own (docs/api.md lists the names: e.g.
** burden_sharing's alpha, exit_leverage's n_threats and, of agent 0,
** patron_type, hedging's portfolio_bind). Returns 0 and sets *value, or -1
** if no stage of this run knows the name. */
int ent_run_agent_get(const ent_run *run, size_t agent, const char *name, double *value);
/* The same as a value: NaN if no stage knows the name. */
double ent_run_agent_value(const ent_run *run, size_t agent, const char *name);
/* What pipeline stage `stage` added to `agent`'s payoff in the round just
** played (a negotiation's deal, harm and sovereignty cost count for the
** stage that closes it), read once the round is over: in an on_round
** function or after the run; NaN out of range. */
double ent_run_agent_stage_payoff(const ent_run *run, size_t agent, int stage);

/* Columns of the trace (beyond round/agent/role), of agent outcomes and of run
** outcomes, in the order of the stored arrays. `out` must hold the count. */
size_t ent_run_trace_columns(const ent_run *run, const ent_column **out, size_t cap);
size_t ent_run_agent_outcome_columns(const ent_run *run, const ent_column **out, size_t cap);
size_t ent_run_run_outcome_columns(const ent_run *run, const ent_column **out, size_t cap);
/* Trace row of (round 1-based, agent); NULL without a trace or out of range. */
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
