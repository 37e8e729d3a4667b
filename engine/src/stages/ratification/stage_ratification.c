/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** stage_ratification.c: two-level games (Putnam 1988). Each ally's support
** for the alliance falls with coercion (backlash) and recovers in rounds
** without it; support sets the win-set, the largest concession its public and
** legislature accept. A deal beyond it is cut back to it (if the patron still
** accepts) or fails ratification with a probability rising in the gap.
*/
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "entente/bargain.h"
#include "entente/exit.h"
#include "entente/run.h"
#include "sim/run_int.h"
#include "stages/stages_int.h"
#include "stages/exit_leverage/exit_leverage.h"
#include "stages/ratification/ratification.h"

enum { RULE_CUT_BACK, RULE_PROBABILISTIC };
static const char *const rules[] = { "cut_back", "probabilistic", NULL };

enum { P_RULE, P_SCALE, P_FLOOR, P_RECOVERY, P_FAIL_RATE, P_PATRON_MIN, P_N };

static const ent_param_desc params[] = {
    { "rule", ENT_P_ENUM, RULE_CUT_BACK, 0, 1, "",
      "cut_back: a deal beyond the win-set is cut to it; probabilistic: it fails with a "
      "probability rising in the gap", rules, P_RULE, 0 },
    { "winset_scale", ENT_P_REAL, 0.005, 0.0, 1.0, "fraction of GDP",
      "win-set at full support: W = scale x GDP x (support - floor)/(1 - floor)", NULL, P_SCALE, 0 },
    { "support_floor", ENT_P_REAL, 0.5, 0.0, 0.99, "fraction",
      "support at or below which nothing can be ratified", NULL, P_FLOOR, 0 },
    { "recovery", ENT_P_REAL, 0.2, 0.0, 1.0, "fraction per round",
      "benefit of a round without coercion: support recovers this share of its distance to the start",
      NULL, P_RECOVERY, 0 },
    { "fail_rate", ENT_P_REAL, 2.0, 0.0, 1000.0, "per relative gap",
      "probabilistic: P(fail) = 1 - exp(-fail_rate (deal - W)/W)", NULL, P_FAIL_RATE, 0 },
    { "patron_minimum", ENT_P_REAL, 0.0, 0.0, 1.0, "fraction of the demand",
      "cut_back: the least share of its demand the patron accepts (its own win-set)", NULL,
      P_PATRON_MIN, 0 },
};

/* Its agent parameters (keys of the allies' entries); exit_leverage reads
** the support through ent_i_ratification_support. */
enum { AP_SUPPORT, AP_BACKLASH, AP_N };
static const ent_param_desc agent_params[] = {
    { "support", ENT_P_REAL, 0.7, 0.0, 1.0, "fraction",
      "domestic support for the alliance at the start; sets the win-set", NULL, AP_SUPPORT, ENT_F_ALLY },
    { "backlash", ENT_P_REAL, 0.05, 0.0, 1.0, "support per coercive act",
      "fall in support after each threat and each threat carried out", NULL, AP_BACKLASH, ENT_F_ALLY },
};

/* Agent i's agent parameters of this stage. */
static inline const double *params_of(const ent_run *run, size_t i)
{
    return &run->scn->agents[i].p[ent_agent_param_base(&ent_stage_ratification)];
}

static const ent_column trace_cols[] = {
    { "support", "fraction", "domestic support for the alliance (NA for the patron)" },
    { "winset", "USD bn", "largest concession the ally's ratifiers accept (NA for the patron)" },
    { "ratification", "code", "1 ratified, 2 cut back to the win-set, 3 failed (involuntary "
      "defection), 4 no deal (cut back below the patron's minimum); NA: nothing to ratify" },
    { "fail_prob", "probability", "probability that the deal failed ratification (probabilistic rule); NA otherwise" },
};
enum { T_SUPPORT, T_WINSET, T_RESULT, T_FAILP, T_N };

static const ent_column agent_cols[] = {
    { "failed_ratifications", "count", "deals its legislature rejected (patron row: in total)" },
    { "final_support", "fraction", "support in the last round (NA for the patron)" },
    { "final_winset", "USD bn", "win-set in the last round (NA for the patron)" },
};
enum { A_FAILED, A_SUPPORT, A_WINSET, A_N };

static const ent_column run_cols[] = {
    { "total_failed_ratifications", "count", "deals rejected by an ally's legislature over the run" },
    { "mean_final_support", "fraction", "allies' support in the last round, averaged" },
};
enum { R_FAILED, R_SUPPORT, R_N };

/* Set before any stage's reset: exit_leverage's reads the support. */
static void agent_reset(const ent_run *run, int stage, size_t i, void *state)
{
    (void)stage;
    ent_i_ratification_agent *g = state;
    const double *q = params_of(run, i);
    g->support = g->support0 = i == 0 ? NAN : q[AP_SUPPORT];
    g->backlash = q[AP_BACKLASH];
    g->winset = g->winset_support = g->fail_prob = NAN;
    g->result = -1;
    g->n_fail = 0;
}

static inline ent_i_ratification_agent *rat_agent(const ent_run *run, int stage, size_t i)
{
    return ent_i_run_agent_state(run, stage, i);
}

double ent_i_ratification_support(const ent_run *run, size_t i)
{
    int st = ent_i_run_stage_of(run, &ent_stage_ratification);
    if (st < 0)
        return i == 0 ? NAN : params_of(run, i)[AP_SUPPORT];
    return rat_agent(run, st, i)->support;
}

double ent_i_ratification_winset(const ent_run *run, size_t i)
{
    int st = ent_i_run_stage_of(run, &ent_stage_ratification);
    return st < 0 ? NAN : rat_agent(run, st, i)->winset;
}

/* The parameters of level II, read once for a loop over the allies (the
** stores into the allies' states would otherwise reload them each time);
** span is 1 - floor, the same difference the win-set divides by. */
typedef struct {
    double recovery, floor, span, scale;
} level2_params;

static inline level2_params level2_of(const double *p)
{
    return (level2_params){ p[P_RECOVERY], p[P_FLOOR], 1.0 - p[P_FLOOR], p[P_SCALE] };
}

static inline double winset(const level2_params *lp, double gdp, double support)
{
    double x = (support - lp->floor) / lp->span;
    return x > 0.0 ? lp->scale * gdp * x : 0.0;
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

/* Ally i's negotiation record (exit_leverage at index ex, present). */
static inline ent_i_exit_agent *exit_agent(const ent_run *run, int ex, size_t i)
{
    return ent_i_run_agent_state(run, ex, i);
}

/* exit_leverage's slots when it plays before stage `stage`, else NULL. */
static inline ent_i_exit_slot *exit_slots_before(const ent_run *run, int ex, int stage)
{
    return ex >= 0 && ex < stage ? ent_i_run_stage_workspace(run, ex) : NULL;
}

/* Events are only kept when the run logs them (not in sweeps): skip the call. */
static inline void event(ent_run *run, int stage, ent_event_kind kind, int actor, double value)
{
    if (run->events)
        ent_i_run_event(run, stage, kind, actor, -1, value);
}

/* Level II this round: support moved by coercion now (a threat) and harm
** felt (an execution last round), or recovering without; the win-set it
** sets. The one statement of the rule: the stage plays it, and the
** classroom asks it before the stage has played (ent_ratification_outlook).
** `sl` is exit_leverage's slots when it plays before this stage (else NULL),
** `ex` its index. */
static inline double support_next(const level2_params *lp, const ent_i_ratification_agent *g, int coercion)
{
    double o = g->support;
    if (coercion)
        o -= g->backlash * coercion;
    else
        o += lp->recovery * (g->support0 - o);
    return o < 0.0 ? 0.0 : o > 1.0 ? 1.0 : o;
}

static inline void outlook_of(const level2_params *lp, const ent_i_ratification_agent *g, int coercion,
                              double gdp, double *support, double *ws)
{
    double s = support_next(lp, g, coercion);
    *support = s;
    *ws = winset(lp, gdp, s);
}

static inline int same_bits(double x, double y)
{
    uint64_t u, v;
    memcpy(&u, &x, sizeof u);
    memcpy(&v, &y, sizeof v);
    return u == v;
}

/* The stage's step of outlook_of: the win-set is a function of the support
** (GDP and the parameters are fixed for a run), so a support that stood
** still, as it does once recovered, keeps the win-set computed for it. */
static inline void move_outlook(const level2_params *lp, ent_i_ratification_agent *g, int coercion, double gdp)
{
    double s = support_next(lp, g, coercion);
    g->support = s;
    if (!same_bits(s, g->winset_support)) {
        g->winset_support = s;
        g->winset = winset(lp, gdp, s);
    }
}

/* The same, its states found by index. */
static inline void outlook(const ent_run *run, int stage, int ex, const ent_i_exit_slot *sl, size_t i,
                           double *support, double *ws)
{
    int coercion = sl ? exit_agent(run, ex, i)->threatened + sl[i].executed_last : 0;
    level2_params lp = level2_of(run->scn->stages[stage].p);
    outlook_of(&lp, rat_agent(run, stage, i), coercion, run->agent[i].gdp, support, ws);
}

double ent_ratification_outlook(const ent_run *run, size_t ally, double *support)
{
    int st = ent_scenario_stage_index(run->scn, ent_stage_ratification.name);
    double s = NAN, w = NAN;
    if (st >= 0 && ally > 0 && ally < run->n) {
        int ex = exit_stage(run->scn);
        outlook(run, st, ex, exit_slots_before(run, ex, st), ally, &s, &w);
    }
    if (support)
        *support = s;
    return w;
}

static void play(ent_run *run, int stage, gsl_rng *r)
{
    const double *p = run->scn->stages[stage].p;
    int ex = exit_stage(run->scn);
    ent_i_exit_slot *sl = exit_slots_before(run, ex, stage);
    /* the states by base and stride (exit_leverage's only when it played) */
    ent_i_agent_states gs = ent_i_run_agent_states(run, stage);
    level2_params lp = level2_of(p);
    if (!sl) {
        /* no deals to ratify: only support and win-set move */
        for (size_t i = 1; i < run->n; i++) {
            ent_i_ratification_agent *g = ent_i_agent_at(gs, i);
            move_outlook(&lp, g, 0, run->agent[i].gdp);
            g->result = -1;
            g->fail_prob = NAN;
        }
        return;
    }
    ent_i_agent_states xs = ent_i_run_agent_states(run, ex);
    /* read once: the loop's stores could otherwise alias them */
    const ent_agent_state *agents = run->agent;
    const size_t n = run->n;
    for (size_t i = 1; i < n; i++) {
        ent_i_ratification_agent *g = ent_i_agent_at(gs, i);
        ent_i_exit_agent *x = ent_i_agent_at(xs, i);
        move_outlook(&lp, g, x->threatened + sl[i].executed_last, agents[i].gdp);
        g->result = -1;
        g->fail_prob = NAN;
        if (!(x->proposal > 0.0))
            continue;
        double t = x->proposal, W = g->winset;
        if (t <= W) {
            g->result = RAT_OK;
            event(run, stage, ENT_EV_RATIFY, (int)i, t);
        } else if ((int)p[P_RULE] == RULE_CUT_BACK) {
            double deal;
            if (ent_winset_deal(t, W, p[P_PATRON_MIN] * x->exit_demand, &deal) && deal > 0.0) {
                g->result = RAT_CUT;
                x->proposal = deal;
                sl[i].required = deal;      /* the patron accepts the cut deal */
                event(run, stage, ENT_EV_RATIFY, (int)i, deal);
            } else {
                g->result = RAT_NO_DEAL;
                x->proposal = 0.0;
            }
        } else {
            double q = ent_ratify_fail_prob(t, W, p[P_FAIL_RATE]);
            g->fail_prob = q;
            if (gsl_rng_uniform(r) < q) {
                g->result = RAT_FAILED;
                x->proposal = 0.0;
                g->n_fail++;
                event(run, stage, ENT_EV_RATIFY_FAIL, (int)i, q);
            } else {
                g->result = RAT_OK;
                event(run, stage, ENT_EV_RATIFY, (int)i, t);
            }
        }
    }
    if (ent_i_exit_closing_of(sl, run->n) == stage)
        ent_i_exit_settle(run, r);
}

static void record(const ent_run *run, int stage, size_t i, double *out)
{
    const ent_i_ratification_agent *g = rat_agent(run, stage, i);
    if (i == 0) {
        out[T_SUPPORT] = out[T_WINSET] = out[T_RESULT] = out[T_FAILP] = NAN;
        return;
    }
    out[T_SUPPORT] = g->support;
    out[T_WINSET] = g->winset;
    out[T_RESULT] = g->result < 0 ? NAN : g->result;
    out[T_FAILP] = g->result > 0 ? g->fail_prob : NAN;
}

static void summarise(const ent_run *run, int stage, double *agent_out, double *run_out)
{
    size_t stride = run->n_agent_out;
    int failed = 0;
    double support = 0.0;
    for (size_t i = 1; i < run->n; i++) {
        const ent_i_ratification_agent *g = rat_agent(run, stage, i);
        double *o = agent_out + i * stride;
        o[A_FAILED] = g->n_fail;
        o[A_SUPPORT] = g->support;
        o[A_WINSET] = g->winset;
        failed += g->n_fail;
        support += g->support;
    }
    agent_out[A_FAILED] = failed;
    agent_out[A_SUPPORT] = agent_out[A_WINSET] = NAN;
    run_out[R_FAILED] = failed;
    run_out[R_SUPPORT] = run->n > 1 ? support / (double)(run->n - 1) : NAN;
}

static const ent_stage_after after[] = {
    { "exit_leverage", "it puts the deals of exit_leverage to the allies' legislatures" },
    { "bargaining", "it ratifies the deal bargaining settles" },
    { NULL, NULL },
};

/* An ally's support, win-set and results by name (ent_run_agent_value). */
static int agent_value(const ent_run *run, int stage, size_t i, const char *name, double *out)
{
    const ent_i_ratification_agent *g = rat_agent(run, stage, i);
    if (!strcmp(name, "support")) *out = g->support;
    else if (!strcmp(name, "support0")) *out = g->support0;
    else if (!strcmp(name, "winset")) *out = g->winset;
    else if (!strcmp(name, "ratification")) *out = g->result;
    else if (!strcmp(name, "n_ratify_fail")) *out = g->n_fail;
    else return 0;
    return 1;
}

const ent_stage_type ent_stage_ratification = {
    .after = after,
    .name = "ratification",
    .doc = "two-level game: support moves with coercion and benefit, sets the win-set; deals beyond "
           "it are cut back or fail ratification (involuntary defection)",
    .params = params, .n_params = P_N,
    .default_ally_strategy = "rule",
    .default_patron_strategy = "rule",
    .trace = trace_cols, .n_trace = T_N,
    .agent_outcomes = agent_cols, .n_agent_outcomes = A_N,
    .run_outcomes = run_cols, .n_run_outcomes = R_N,
    .workspace_size = NULL,
    .reset = NULL, .play = play, .record = record, .summarise = summarise,
    .agent_size = sizeof(ent_i_ratification_agent), .agent_reset = agent_reset,
    .agent_value = agent_value,
    .agent_params = agent_params, .n_agent_params = AP_N,
};
