/*
** stage_beliefs.c: each ally's belief p that the patron is transactional,
** updated by Bayes' rule from what it sees happen to itself this round
** (put it after exit_leverage in the pipeline): a threat made or not while it
** fell short of the demand, and, when it did not give in, the threat carried
** out or withdrawn. Likelihoods by type follow the patron strategies'
** documented behaviour (transactional: threatens whenever there is slack,
** executes when it pays; committed: rarely threatens, never executes), with
** a tremble so that no event has probability zero.
*/
#include <math.h>
#include "entente/hedging.h"
#include "entente/run.h"
#include "stages_int.h"

enum { P_THREAT_T, P_THREAT_C, P_EXEC_T, P_EXEC_C, P_TREMBLE, P_N };

static const ent_param_desc params[] = {
    { "threat_rate_transactional", ENT_P_REAL, 0.8, 0.0, 1.0, "probability",
      "P(threat | shortfall, transactional patron)", NULL, P_THREAT_T, 0 },
    { "threat_rate_committed", ENT_P_REAL, 0.2, 0.0, 1.0, "probability",
      "P(threat | shortfall, committed patron)", NULL, P_THREAT_C, 0 },
    { "execute_rate_transactional", ENT_P_REAL, 0.7, 0.0, 1.0, "probability",
      "P(carry out | threat not met, transactional patron)", NULL, P_EXEC_T, 0 },
    { "execute_rate_committed", ENT_P_REAL, 0.0, 0.0, 1.0, "probability",
      "P(carry out | threat not met, committed patron); 0: a committed patron never executes", NULL,
      P_EXEC_C, 0 },
    { "tremble", ENT_P_REAL, 0.02, 0.0, 0.5, "probability",
      "epsilon: each likelihood is mixed with a uniform draw over the outcomes", NULL, P_TREMBLE, 0 },
};

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

void ent_i_beliefs_observe(const double *p, ent_agent_state *a)
{
    double eps = p[P_TREMBLE];
    int short_of_demand = !isnan(a->slack) && a->slack > 1e-12;
    if (a->threatened || short_of_demand) {
        if (a->threatened)
            a->belief = ent_bayes_update(a->belief, p[P_THREAT_T], p[P_THREAT_C], eps, 2);
        else    /* a guarantee kept despite the shortfall */
            a->belief = ent_bayes_update(a->belief, 1 - p[P_THREAT_T], 1 - p[P_THREAT_C], eps, 2);
    }
    if (a->threatened && a->enforcement == 1)
        a->belief = ent_bayes_update(a->belief, p[P_EXEC_T], p[P_EXEC_C], eps, 2);
    else if (a->threatened && a->enforcement == 2)
        a->belief = ent_bayes_update(a->belief, 1 - p[P_EXEC_T], 1 - p[P_EXEC_C], eps, 2);
}

static void play(ent_run *run, int stage, gsl_rng *r)
{
    (void)r;
    const double *p = run->scn->stages[stage].p;
    for (size_t i = 1; i < run->n; i++)
        ent_i_beliefs_observe(p, &run->agent[i]);
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

const ent_stage_type ent_stage_beliefs = {
    .name = "beliefs",
    .doc = "Bayesian updating of each ally's belief that the patron is transactional, "
           "from threats made, carried out, withdrawn, and guarantees kept",
    .params = params, .n_params = P_N,
    .default_ally_strategy = NULL, .default_patron_strategy = NULL,
    .trace = trace_cols, .n_trace = 1,
    .agent_outcomes = agent_cols, .n_agent_outcomes = 2,
    .run_outcomes = run_cols, .n_run_outcomes = 1,
    /* every ally starts at its prior (run.c): nothing to reset */
    .reset = NULL, .play = play, .record = record, .summarise = summarise,
};
