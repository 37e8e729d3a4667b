/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** run_int.h: the inside of a run object, for the round loop (run.c) and the
** stages (not part of the public interface: programs see an opaque ent_run
** and the functions of entente/run.h). What every stage reads and writes of
** an agent is ent_agent_state; what one stage alone keeps per agent is its
** own struct, in its folder, allocated here at the size its type declares
** (ent_stage_type.agent_size) and reached with ent_i_run_agent_state.
*/
#ifndef ENT_RUN_INT_H
#define ENT_RUN_INT_H

#include <stddef.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>
#include "entente/run.h"
#include "scenario/scenario_int.h"

/* The state of one agent that every stage may read and write: what several
** stages move or read (the economy and its defence effort, the demand, the
** ally's belief about the patron, the payoffs and the patron's acts). What
** one stage alone keeps is in its own per-agent struct (its folder's header). */
typedef struct {
    /* reset_agents (run.c) sets every field at a run's start: a new one is set there too */
    double gdp;             /* USD bn */
    double share;           /* defence spending, fraction of GDP */
    double spending;        /* USD bn = share * gdp */
    double threat;          /* external threat in [0,1] */
    double demand;          /* patron's demand, fraction of GDP (NaN for the patron) */
    double discount;        /* discount factor */
    double belief;          /* p: belief that the patron is transactional (allies; NaN
                            ** for the patron): exit_leverage, hedging and
                            ** security_dilemma read it, beliefs and diffusion move it */
    double belief0;         /* belief at the start of the run */
    double payoff;          /* sum of stage payoffs this round */
    double cum_payoff;      /* discounted sum of payoffs so far */
    double weight;          /* discount weight of the current round, delta^(t-1) */
    int patron_act;         /* ent_patron_act toward this ally, last round */
    int patron_act_now;     /* ... this round, becomes patron_act at its end */
    /* the round's payoff split by pipeline stage, kept as the running sum of
    ** `payoff` after each stage's play: ent_run_agent_stage_payoff takes the
    ** difference, what the stage added (a negotiation's deal, harm and
    ** sovereignty cost land in the stage that closes it: exit_leverage, or
    ** bargaining or ratification after it). Read only by displays, at the end
    ** of a round; results never depend on it. */
    double stage_payoff[ENT_MAX_STAGES];
} ent_agent_state;

/* Coins of a run's start whose probabilities are noted (a run memo's entry
** holds as many). */
#define ENT_I_RUN_COINS_NOTED 8

struct ent_run {
    const ent_scenario *scn;
    /* the pipeline's stage types, copied at allocation (the stages look one
    ** another up every round: one short array, not the scenario's specs) */
    const ent_stage_type *stage_type[ENT_MAX_STAGES];
    size_t n_stages;
    /* and by address: slot (t >> stage_shift) & 63 holds t and its index (a
    ** shift is chosen that gives the pipeline's types slots of their own,
    ** if one does; else the first type keeps a shared slot) */
    const ent_stage_type *stage_key[64];
    int stage_idx[64];
    unsigned stage_shift;
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
    /* stages' per-agent state (ent_stage_type.agent_size): stage st's state
    ** of agent i at agent_mem + agent_off[st] + i * agent_stride[st] */
    unsigned char *agent_mem;
    size_t agent_off[ENT_MAX_STAGES], agent_stride[ENT_MAX_STAGES];
    size_t agent_mem_size;      /* cleared at the start of every run */
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
    gsl_rng *rng;
    /* the coins of the run's start (ent_i_run_coin): the result of coin j
    ** in bit j (of the first 64), the probability it was drawn with (of
    ** the first ENT_I_RUN_COINS_NOTED), and how many were drawn */
    uint64_t coins;
    double coin_q[ENT_I_RUN_COINS_NOTED];
    unsigned n_coins;
    /* optional: called at the end of every round, after the trace row is
    ** recorded (the classroom mode reports the round from it); NULL: none */
    void (*on_round)(const struct ent_run *run, void *ctx);
    void *on_round_ctx;
};

/* The sizes of the buffers a run of its scenario needs, which depend on
** parameter values (strategy state, stage workspaces): a run allocated for
** one set of values serves another with the same layout. `out` holds
** ent_i_run_layout_len(run->scn) entries. */
size_t ent_i_run_layout_len(const ent_scenario *s);
void ent_i_run_layout(const ent_run *run, size_t *out);
/* The run's outcomes in the order of a sweep's runs.csv: the run outcomes,
** then each agent outcome for every agent (NAME.CODE). ent_i_run_outcome_at
** is one of them by its position; ent_i_run_outcome_vector writes them all
** (n_run_out + n_agent_out * n values). */
double ent_i_run_outcome_at(const ent_run *run, size_t o);
/* Their names in the same order (per-agent ones as NAME.CODE): a new array of
** *n new strings, NULL-terminated, freed with ent_i_names_free; NULL when out
** of memory. */
char **ent_i_run_outcome_names(const ent_run *run, size_t *n);
void ent_i_names_free(char **names, size_t n);
void ent_i_run_outcome_vector(const ent_run *run, double *out);

/* The two halves of ent_run_exec: the start (agents and stages reset, the
** stream at (seed, point, replicate)), then the rounds and the outcomes. */
void ent_i_run_start(ent_run *run, uint64_t seed, uint64_t point, uint64_t replicate);
void ent_i_run_rounds(ent_run *run);
/* A yes/no draw of a run's start (a stage's reset): yes with probability q
** (u < q for u uniform on [0, 1), one word of the stream, whatever q). Its
** result is noted in run->coins: a sweep's run memo (run_memo.h) tells runs
** apart by them, so a reset draws only through this, or the memo ignores
** the run. */
int ent_i_run_coin(ent_run *run, double q);

/* Report the patron's act toward ally a this round (the most severe is kept). */
static inline void ent_i_agent_patron_act(ent_agent_state *a, ent_patron_act act)
{
    if ((int)act > a->patron_act_now)
        a->patron_act_now = (int)act;
}
/* The same, the ally by index. */
static inline void ent_i_run_patron_act(ent_run *run, size_t ally, ent_patron_act act)
{
    ent_i_agent_patron_act(&run->agent[ally], act);
}
/* Append an event (dropped and counted when the log is full or disabled). */
void ent_i_run_event(ent_run *run, int stage, ent_event_kind kind, int actor, int target,
                     double value);

/* Inline: the stages call these per agent and round. */
/* Strategy state of (stage, agent). */
static inline void *ent_i_run_strategy_state(const ent_run *run, int stage, size_t agent)
{
    return run->strat_mem + run->strat_off[(size_t)stage * run->n + agent];
}
/* Workspace of a stage. */
static inline void *ent_i_run_stage_workspace(const ent_run *run, int stage)
{
    return run->stage_mem + run->stage_off[stage];
}
/* The state stage `stage` keeps for `agent` (its type's agent_size bytes). */
static inline void *ent_i_run_agent_state(const ent_run *run, int stage, size_t agent)
{
    return run->agent_mem + run->agent_off[stage] + agent * run->agent_stride[stage];
}
/* A stage's agent states, or its strategy states, found once for a loop
** over the agents: the per-agent lookups above reload the run's tables
** after every call or store the compiler cannot see through. */
typedef struct {
    unsigned char *base;
    size_t stride;
} ent_i_agent_states;
static inline ent_i_agent_states ent_i_run_agent_states(const ent_run *run, int stage)
{
    return (ent_i_agent_states){ run->agent_mem + run->agent_off[stage], run->agent_stride[stage] };
}
/* The same as ent_i_run_agent_state(run, stage, agent). */
static inline void *ent_i_agent_at(ent_i_agent_states s, size_t agent)
{
    return s.base + agent * s.stride;
}
typedef struct {
    unsigned char *mem;
    const size_t *off;
} ent_i_strategy_states;
static inline ent_i_strategy_states ent_i_run_strategy_states(const ent_run *run, int stage)
{
    return (ent_i_strategy_states){ run->strat_mem, run->strat_off + (size_t)stage * run->n };
}
/* The same as ent_i_run_strategy_state(run, stage, agent). */
static inline void *ent_i_strategy_at(ent_i_strategy_states s, size_t agent)
{
    return s.mem + s.off[agent];
}
/* Pipeline index of the stage of type `t`, or -1: a scan of the type
** pointers (cheaper than names, for what runs every round). */
static inline size_t ent_i_stage_slot(const ent_stage_type *t, unsigned shift)
{
    return (size_t)((uintptr_t)(const void *)t >> shift) & 63u;
}
static inline int ent_i_run_stage_of(const ent_run *run, const ent_stage_type *t)
{
    size_t h = ent_i_stage_slot(t, run->stage_shift);
    if (run->stage_key[h] == t)
        return run->stage_idx[h];
    for (size_t i = 0; i < run->n_stages; i++)
        if (run->stage_type[i] == t)
            return (int)i;
    return -1;
}

#endif
