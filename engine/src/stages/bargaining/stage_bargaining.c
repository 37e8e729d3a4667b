/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** stage_bargaining.c: how big a concession is, once the ally has chosen to
** negotiate rather than defy: take it or leave it, the generalised Nash
** bargain with the threat left to the patron's stated behaviour as
** disagreement point (Nash 1950; weight 1/2 by default, since asymmetric
** dependence is already in the disagreement point: Wagner 1988), or
** Rubinstein (1982) alternating offers with the same disagreement as outside
** options (Binmore, Shaked & Sutton 1989). Needs exit_leverage
** earlier in the pipeline; without it the stage is idle.
*/
#include <math.h>
#include <string.h>
#include "entente/bargain.h"
#include "entente/exit.h"
#include "entente/run.h"
#include "sim/run_int.h"
#include "stages/stages_int.h"
#include "stages/bargaining/bargaining.h"
#include "stages/exit_leverage/exit_leverage.h"

enum { PROTO_TIOLI, PROTO_NASH, PROTO_RUBINSTEIN };
static const char *const protocols[] = { "take_it_or_leave_it", "nash", "rubinstein", NULL };

enum { P_PROTOCOL, P_POWER, P_N };

static const ent_param_desc params[] = {
    { "protocol", ENT_P_ENUM, PROTO_TIOLI, 0, 2, "",
      "take_it_or_leave_it (the demand), nash (generalised Nash bargain), rubinstein "
      "(alternating offers, patron first, with outside options)", protocols, P_PROTOCOL, 0 },
    { "patron_power", ENT_P_REAL, 0, 0.0, 1.0, "weight",
      "nash: the patron's weight w; absent = 1/2 (asymmetric dependence is already in the "
      "disagreement point; Wagner 1988)", NULL, P_POWER, ENT_F_AUTO },
};

static const ent_column trace_cols[] = {
    { "bargaining_outcome", "USD bn",
      "concession the protocol settles before ratification; NA without a negotiation" },
    { "patron_power", "weight", "the patron's bargaining weight (nash) or Rubinstein share (rubinstein); NA otherwise" },
};
enum { T_OUTCOME, T_POWER, T_N };

/* The Nash or Rubinstein concession for an ally that negotiates, in [0, demand].
** Transfers t: the patron gets t, the ally -t. Disagreement: the threat is
** left to the patron's ENFORCE decision, as each side sees it. The ally
** expects to lose q H, q = P(carried out | defy) from the patron strategy's
** stated behaviour and its posterior; the patron, who knows its type, expects
** to pay e X + (1 - e) kappa, e its own stated execution probability (X the
** cost of carrying out, kappa the audience cost of backing down). */
static double settle_size(int proto, double w_fixed, double demand, double harm_ally,
                          double cost_patron, double d_patron, double d_ally, double *power)
{
    double t = demand;
    *power = NAN;
    if (proto == PROTO_NASH) {
        /* theory 3: max (X_a - t)^(1-w) (X_u + t)^w, t* = w X_a - (1 - w) X_u */
        double w = isnan(w_fixed) ? 0.5 : w_fixed;
        *power = w;
        t = ent_nash_transfer(w, harm_ally, cost_patron);
    } else if (proto == PROTO_RUBINSTEIN) {
        /* the pie is the demand; either side may walk out to the disagreement */
        double x;
        double b_ally = 1.0 - harm_ally / demand;
        double b_patron = -cost_patron / demand;
        *power = ent_rubinstein_share(d_patron, d_ally);
        t = ent_rubinstein_outside(d_patron, d_ally, b_patron, b_ally, &x) ? x * demand : 0.0;
    }
    if (!(t > 0.0)) t = 0.0;
    if (t > demand) t = demand;
    return t;
}

static void agent_reset(const ent_run *run, int stage, size_t i, void *state)
{
    (void)run; (void)stage; (void)i;
    ent_i_bargaining_agent *b = state;
    b->bargain = b->power = NAN;
}

/* Pipeline index of exit_leverage: a scan of the type pointers, not of the
** names, as this runs every round. */
static inline int exit_stage(const ent_scenario *s)
{
    for (size_t i = 0; i < s->n_stages; i++)
        if (s->stages[i].type == &ent_stage_exit_leverage)
            return (int)i;
    return -1;
}

/* Its workspace: where the patron's audience cost (exit_leverage's agent
** parameter) is kept, resolved once per run rather than every round. */
static size_t workspace_size(const ent_run *run, int stage)
{
    (void)run; (void)stage;
    return sizeof(int);
}

static void reset(ent_run *run, int stage)
{
    static atomic_int audience_cache = ENT_I_SLOT_UNRESOLVED;
    *(int *)ent_i_run_stage_workspace(run, stage) = ent_i_agent_param_slot_once("audience_cost", &audience_cache);
}

static void play(ent_run *run, int stage, gsl_rng *r)
{
    int ex = exit_stage(run->scn);
    if (ex < 0 || ex > stage)
        return;
    const double *p = run->scn->stages[stage].p;
    int proto = (int)p[P_PROTOCOL];
    ent_i_exit_slot *sl = ent_i_run_stage_workspace(run, ex);
    int kappa_slot = *(const int *)ent_i_run_stage_workspace(run, stage);
    double kappa = kappa_slot >= 0 ? run->scn->agents[0].p[kappa_slot] : 0.0;
    ent_i_agent_states xs = ent_i_run_agent_states(run, ex), bs = ent_i_run_agent_states(run, stage);
    for (size_t i = 1; i < run->n; i++) {
        ent_agent_state *a = &run->agent[i];
        ent_i_exit_agent *x = ent_i_agent_at(xs, i);   /* ent_i_exit_agent_of, by index */
        ent_i_bargaining_agent *b = ent_i_agent_at(bs, i);
        b->bargain = b->power = NAN;        /* nothing bargained this round, yet */
        if (x->exit_demand <= 0.0 || x->response == ENT_RESP_DEFY)
            continue;
        double power;
        /* without a threat there is nothing to carry out and no audience to face */
        double e = sl[i].exec_own;
        double x_patron = x->threatened ? e * sl[i].cost + (1.0 - e) * kappa : 0.0;
        double t = settle_size(proto, p[P_POWER], x->exit_demand, sl[i].exec_belief * sl[i].harm,
                               x_patron, run->agent[0].discount, a->discount, &power);
        b->bargain = t;
        b->power = power;
        sl[i].required = t;
        x->proposal = x->offer < t ? x->offer : t;
    }
    if (ent_i_exit_closing_of(sl, run->n) == stage)
        ent_i_exit_settle(run, r);
}

static void record(const ent_run *run, int stage, size_t i, double *out)
{
    const ent_i_bargaining_agent *b = ent_i_run_agent_state(run, stage, i);
    out[T_OUTCOME] = i == 0 ? NAN : b->bargain;
    out[T_POWER] = i == 0 || isnan(b->bargain) ? NAN : b->power;
}

static void summarise(const ent_run *run, int stage, double *agent_out, double *run_out)
{
    (void)run; (void)stage; (void)agent_out; (void)run_out;     /* no outcome columns */
}

static const ent_stage_after after[] = {
    { "exit_leverage", "it settles the size of the concessions exit_leverage demands" },
    { NULL, NULL },
};

/* The ally's bargain by name (ent_run_agent_value). */
static int agent_value(const ent_run *run, int stage, size_t i, const char *name, double *out)
{
    const ent_i_bargaining_agent *b = ent_i_run_agent_state(run, stage, i);
    if (strcmp(name, "bargain") != 0)
        return 0;
    *out = b->bargain;
    return 1;
}

const ent_stage_type ent_stage_bargaining = {
    .after = after,
    .name = "bargaining",
    .doc = "settles the size of a concession under a threat: take it or leave it, generalised "
           "Nash (disagreement = threat carried out) or Rubinstein with outside options",
    .params = params, .n_params = P_N,
    .default_ally_strategy = "rule",
    .default_patron_strategy = "rule",
    .trace = trace_cols, .n_trace = T_N,
    .agent_outcomes = NULL, .n_agent_outcomes = 0,
    .run_outcomes = NULL, .n_run_outcomes = 0,
    .workspace_size = workspace_size,
    .reset = reset, .play = play, .record = record, .summarise = summarise,
    .agent_size = sizeof(ent_i_bargaining_agent), .agent_reset = agent_reset,
    .agent_value = agent_value,
};
