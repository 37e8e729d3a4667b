/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** stage_beliefs.c: each ally's belief p that the patron is transactional,
** updated by Bayes' rule from what it saw happen to itself this round (put it
** after exit_leverage, bargaining and ratification in the pipeline): the
** demand made or not, a threat or its absence, and, when it did not give in,
** the threat carried out or withdrawn. The likelihood of each under either
** type is what the patron strategy's behaviour function states in that state
** (ent_exit_patron_behaviour), trembles included, so the belief is the
** posterior of the game itself and a martingale. Without exit_leverage, or
** against a patron strategy that states no type-conditional behaviour
** (learning), there is nothing to learn and beliefs stay where they are.
*/
#include <math.h>
#include "entente/hedging.h"
#include "entente/run.h"
#include "sim/run_int.h"
#include "stages/stages_int.h"
#include "stages/beliefs/bayes_inline.h"
#include "stages/exit_leverage/exit_leverage.h"

static const ent_column trace_cols[] = {
    { "belief", "probability", "the ally's belief that the patron is transactional (NA for the patron)" },
};
static const ent_column agent_cols[] = {
    { "final_belief", "probability", "belief that the patron is transactional at the end (NA for the patron)" },
    { "belief_change", "probability", "final minus initial belief (NA for the patron)" },
};
static const ent_column run_cols[] = {
    { "mean_final_belief", "probability", "mean final belief of the allies" },
};

static void play(ent_run *run, int stage, gsl_rng *r)
{
    (void)stage; (void)r;
    const ent_i_exit_slot *sl = ent_i_exit_slots(run);
    if (!sl)
        return;
    for (size_t i = 1; i < run->n; i++) {
        if (sl[i].uninformative)
            continue;
        ent_agent_state *a = &run->agent[i];
        a->belief = ent_i_bayes_update_exact(a->belief, sl[i].lik[1], sl[i].lik[0]);   /* ent_bayes_update(.., 0, 2) */
    }
}

static void record(const ent_run *run, int stage, size_t i, double *out)
{
    (void)stage;
    out[0] = i == 0 ? NAN : run->agent[i].belief;
}

static void summarise(const ent_run *run, int stage, double *agent_out, double *run_out)
{
    (void)stage;
    double sum = 0.0;
    for (size_t i = 0; i < run->n; i++) {
        double *o = agent_out + i * run->n_agent_out;
        const ent_agent_state *a = &run->agent[i];
        o[0] = i == 0 ? NAN : a->belief;
        o[1] = i == 0 ? NAN : a->belief - a->belief0;
        if (i > 0) sum += a->belief;
    }
    run_out[0] = run->n > 1 ? sum / (double)(run->n - 1) : NAN;
}

/* the round's threats are carried out or withdrawn where exit_leverage
** closes, after bargaining and ratification: beliefs learn from all of it */
static const ent_stage_after after[] = {
    { "exit_leverage", "it learns from the round's demands, threats and executions" },
    { "bargaining", "it learns from the threats carried out once the deal is settled" },
    { "ratification", "it learns from the threats carried out once ratification has decided" },
    { NULL, NULL },
};

const ent_stage_type ent_stage_beliefs = {
    .after = after,
    .name = "beliefs",
    .doc = "Bayesian updating of each ally's belief that the patron is transactional from the "
           "demands, threats, executions and withdrawals it sees, with the likelihoods the patron "
           "strategy states",
    .params = NULL, .n_params = 0,
    .default_ally_strategy = NULL, .default_patron_strategy = NULL,
    .trace = trace_cols, .n_trace = 1,
    .agent_outcomes = agent_cols, .n_agent_outcomes = 2,
    .run_outcomes = run_cols, .n_run_outcomes = 1,
    /* every ally starts at its prior (run.c): nothing to reset */
    .reset = NULL, .play = play, .record = record, .summarise = summarise,
};
