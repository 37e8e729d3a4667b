/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** stage_diffusion.c: uncertainty diffusion. Beliefs about the patron spread
** over the scenario's network (each ally's `watches`, with weights) by
** DeGroot averaging with a per-ally openness:
**     p_i <- (1 - omega_i) p_i + omega_i sum_j w_ij p_j   (w_i. normalised)
** An ally that watches no one keeps its belief; a secondary ally that is
** never threatened learns from its neighbours.
*/
#include <math.h>
#include "entente/hedging.h"
#include "entente/run.h"
#include "sim/run_int.h"
#include "stages/stages_int.h"
#include "stages/diffusion/diffusion.h"

enum { P_THRESHOLD, P_N };

static const ent_param_desc params[] = {
    { "spread_threshold", ENT_P_REAL, 0.05, 0.0, 1.0, "probability",
      "a belief has been reached once it moved this far from its start", NULL, P_THRESHOLD, 0 },
};

/* Its agent parameter (a key of the allies' entries); `watches`, the
** network, is its structured input (inputs_diffusion.c). */
enum { AP_OPENNESS, AP_N };
static const ent_param_desc agent_params[] = {
    { "openness", ENT_P_REAL, 0.3, 0.0, 1.0, "fraction",
      "omega: weight on the neighbours' average belief in each DeGroot step (diffusion stage)", NULL,
      AP_OPENNESS, ENT_F_ALLY },
};

static const ent_column agent_cols[] = {
    { "spread_round", "round", "first round its belief moved by spread_threshold (NA: never; NA for the patron)" },
};
static const ent_column run_cols[] = {
    { "spread_time", "rounds", "round by which every ally's belief had moved by spread_threshold (NA if some never did)" },
    { "allies_reached", "allies", "allies whose belief moved by spread_threshold" },
};

/* The network is sparse (at most ENT_MAX_WATCH neighbours an ally), so one
** step is p_i <- (1 - w_i) p_i + w_i sum_k W_ik p_nbr(k) over the ally's own
** edges, with the weights normalised once per run: O(edges), not O(n^2).
** workspace: normalised weights (n x ENT_MAX_WATCH), next beliefs (n),
** openness (n), then the network's edges: neighbours (n x ENT_MAX_WATCH)
** and their number (n), then the allies that watch someone: their number
** and their indices (n). An ally that watches no one keeps its belief, so
** a step visits only the others (often none: a network is optional). */
static size_t workspace_size(const ent_run *run, int stage)
{
    (void)stage;
    return (run->n * ENT_MAX_WATCH + 2 * run->n) * sizeof(double) +
           (run->n * ENT_MAX_WATCH + 2 * run->n + 1) * sizeof(int);
}

static inline int *edges_of(double *w, size_t n)
{
    return (int *)(void *)(w + n * ENT_MAX_WATCH + 2 * n);
}

/* The number of allies that watch someone; their indices follow it. */
static inline int *watchers_of(double *w, size_t n)
{
    return edges_of(w, n) + n * ENT_MAX_WATCH + n;
}

static void reset(ent_run *run, int stage)
{
    size_t n = run->n;
    double *w = ent_i_run_stage_workspace(run, stage);
    double *openness = w + n * ENT_MAX_WATCH + n;
    int *nbr = edges_of(w, n), *n_nbr = nbr + n * ENT_MAX_WATCH;
    int base = ent_agent_param_base(&ent_stage_diffusion);
    int *watchers = watchers_of(w, n);
    n_nbr[0] = 0;
    watchers[0] = 0;
    for (size_t i = 1; i < n; i++) {
        const ent_i_diffusion_inputs *in = ent_scenario_agent_inputs(run->scn, i, &ent_stage_diffusion);
        int m = in ? in->n_watches : 0;
        openness[i] = run->scn->agents[i].p[base + AP_OPENNESS];
        n_nbr[i] = m;
        if (m > 0)
            watchers[1 + watchers[0]++] = (int)i;
        double row = 0.0;
        for (int k = 0; k < m; k++)
            row += in->watches[k].weight;
        for (int k = 0; k < m; k++) {
            w[i * ENT_MAX_WATCH + (size_t)k] = in->watches[k].weight / row;
            nbr[i * ENT_MAX_WATCH + (size_t)k] = in->watches[k].agent;
        }
    }
}

static void play(ent_run *run, int stage, gsl_rng *r)
{
    (void)r;
    size_t n = run->n;
    const double *w = ent_i_run_stage_workspace(run, stage);
    double *next = (double *)w + n * ENT_MAX_WATCH;
    const double *openness = next + n;
    const int *nbr = edges_of((double *)w, n), *n_nbr = nbr + n * ENT_MAX_WATCH;
    const int *watchers = watchers_of((double *)w, n);
    /* every watcher averages last round's beliefs: compute all, then assign */
    for (int k = 1; k <= watchers[0]; k++) {
        size_t i = (size_t)watchers[k];
        double p = run->agent[i].belief;
        double avg = 0.0;
        for (int e = 0; e < n_nbr[i]; e++)
            avg += w[i * ENT_MAX_WATCH + (size_t)e] * run->agent[nbr[i * ENT_MAX_WATCH + (size_t)e]].belief;
        next[i] = (1.0 - openness[i]) * p + openness[i] * avg;
    }
    for (int k = 1; k <= watchers[0]; k++)
        run->agent[watchers[k]].belief = next[watchers[k]];
    double thr = run->scn->stages[stage].p[P_THRESHOLD];
    ent_i_agent_states ds = ent_i_run_agent_states(run, stage);
    for (size_t i = 1; i < n; i++) {
        const ent_agent_state *a = &run->agent[i];
        ent_i_diffusion_agent *d = ent_i_agent_at(ds, i);
        if (!d->spread_round && fabs(a->belief - a->belief0) >= thr)
            d->spread_round = run->round;
    }
}

static void record(const ent_run *run, int stage, size_t i, double *out)
{
    (void)run; (void)stage; (void)i; (void)out;
}

static void summarise(const ent_run *run, int stage, double *agent_out, double *run_out)
{
    int reached = 0, latest = 0;
    for (size_t i = 0; i < run->n; i++) {
        int sr = i == 0 ? 0 : ((const ent_i_diffusion_agent *)ent_i_run_agent_state(run, stage, i))->spread_round;
        agent_out[i * run->n_agent_out] = sr ? sr : NAN;
        if (sr) {
            reached++;
            if (sr > latest) latest = sr;
        }
    }
    run_out[0] = reached == (int)run->n - 1 ? latest : NAN;
    run_out[1] = reached;
}

const ent_stage_type ent_stage_diffusion = {
    .name = "diffusion",
    .doc = "DeGroot averaging of beliefs over the allies' network (`watches`, `openness`): "
           "uncertainty diffusion to allies never threatened",
    .params = params, .n_params = P_N,
    .default_ally_strategy = NULL, .default_patron_strategy = NULL,
    .trace = NULL, .n_trace = 0,
    .agent_outcomes = agent_cols, .n_agent_outcomes = 1,
    .run_outcomes = run_cols, .n_run_outcomes = 2,
    .workspace_size = workspace_size,
    .reset = reset, .play = play, .record = record, .summarise = summarise,
    /* spread_round starts at 0 (cleared by the run) */
    .agent_size = sizeof(ent_i_diffusion_agent),
    .agent_params = agent_params, .n_agent_params = AP_N,
    .agent_inputs = ent_i_diffusion_input_keys, .agent_input_roles = ENT_ROLE_ALLY,
    .agent_input_size = sizeof(ent_i_diffusion_inputs),
    .read_agent_inputs = ent_i_diffusion_read_inputs,
};
