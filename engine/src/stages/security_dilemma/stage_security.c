/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** stage_security.c: the alliance security dilemma (Snyder 1984). Each ally
** chooses its commitment k to the patron, trading the expected abandonment
** cost A (1 - rho k), A = P(abandon) H, against the entrapment cost E k^2 / 2,
** E = q C; both fears are reported every round. P(abandon) is, with
** exit_leverage in the pipeline, the chance that the patron fails the ally in
** a crisis as its strategy states it for each type, weighted by the ally's
** belief; without it, p x abandonment_rate.
**   H = abandonment_cost * dependence * threat  (% of GDP)
**   C = the ally's entrapment_cost (% of GDP), q = entrapment_rate.
*/
#include <math.h>
#include <string.h>
#include "entente/hedging.h"
#include "entente/run.h"
#include "models/hedging_inline.h"
#include "sim/run_int.h"
#include "stages/stages_int.h"
#include "stages/exit_leverage/exit_leverage.h"
#include "stages/security_dilemma/security_dilemma.h"

enum { P_H, P_RHO, P_Q, P_ABANDON, P_N };

static const ent_param_desc params[] = {
    { "abandonment_cost", ENT_P_REAL, 10.0, 0.0, 100.0, "% of GDP",
      "H at dependence 1 and threat 1: the cost of being abandoned in a crisis", NULL, P_H, 0 },
    { "reassurance", ENT_P_REAL, 0.8, 0.0, 1.0, "fraction",
      "rho: how much full commitment cuts the risk of abandonment", NULL, P_RHO, 0 },
    { "entrapment_rate", ENT_P_REAL, 0.3, 0.0, 1.0, "probability",
      "q: chance that the patron's conflicts drag a fully committed ally in", NULL, P_Q, 0 },
    { "abandonment_rate", ENT_P_REAL, 1.0, 0.0, 1.0, "probability",
      "chance that a transactional patron abandons an ally; used only without exit_leverage "
      "(with it, the patron strategy's stated crisis abandonment of each type)", NULL,
      P_ABANDON, 0 },
};

static const ent_column trace_cols[] = {
    { "commitment", "fraction", "commitment k to the patron" },
    { "abandonment_fear", "% of GDP", "expected abandonment cost A (1 - rho k)" },
    { "entrapment_fear", "% of GDP", "expected entrapment cost E k^2 / 2" },
};
static const ent_column agent_cols[] = {
    { "final_commitment", "fraction", "commitment at the end" },
    { "final_abandonment_fear", "% of GDP", "abandonment fear at the end" },
    { "final_entrapment_fear", "% of GDP", "entrapment fear at the end" },
};
static const ent_column run_cols[] = {
    { "mean_commitment", "fraction", "allies' mean commitment at the end" },
};

/* Per-run workspace: each ally's fixed inputs, gathered at reset so that the
** round reads them from one small array. */
typedef struct {
    double dependence;
    double E;               /* q C, the same product as computed each round before */
    int optimal;            /* ent_i_security_optimal_direct of its strategy */
    double inertia;         /* then its parameter inertia */
} security_slot;

/* Its agent parameter (a key of the allies' entries). */
enum { AP_ENTRAPMENT_COST, AP_N };
static const ent_param_desc agent_params[] = {
    { "entrapment_cost", ENT_P_REAL, 2.0, 0.0, 100.0, "% of GDP",
      "C: cost of being entrapped in a war of the patron's (security_dilemma stage)", NULL,
      AP_ENTRAPMENT_COST, ENT_F_ALLY },
};

static size_t workspace_size(const ent_run *run, int stage)
{
    (void)stage;
    return run->n * sizeof(security_slot);
}

static inline ent_i_security_agent *sec_agent(const ent_run *run, int stage, size_t i)
{
    return ent_i_run_agent_state(run, stage, i);
}

/* A, ally i's expected abandonment cost: its abandonment risk (the patron
** strategy's stated behaviour under its belief with exit_leverage, else the
** belief times abandonment_rate) times H = abandonment_cost * dependence *
** threat. xs: exit_leverage's slots (ent_i_exit_slots), NULL without it. */
static inline double abandonment_cost(const ent_run *run, double H, double abandonment_rate,
                                      const security_slot *sl, const ent_i_exit_slot *xs, size_t i)
{
    const ent_agent_state *a = &run->agent[i];
    double risk = ent_i_abandon_risk_in(xs, i, a->belief);
    if (isnan(risk))
        risk = a->belief * abandonment_rate;
    return risk * H * sl->dependence * a->threat;
}

static void fill_view(const ent_run *run, const ent_i_security_agent *m, const double *p, const security_slot *sl,
                      double A, ent_commit_view *v)
{
    v->round = run->round;
    v->A = A;
    v->rho = p[P_RHO];
    v->E = sl->E;
    v->commitment = m->commitment;
}

static void reset(ent_run *run, int stage)
{
    const double *p = run->scn->stages[stage].p;
    security_slot *sl = ent_i_run_stage_workspace(run, stage);
    /* exit_leverage's dependence, its own entrapment cost */
    int dependence = ent_agent_param_slot("dependence");
    int base = ent_agent_param_base(&ent_stage_security_dilemma);
    for (size_t i = 0; i < run->n; i++) {
        const ent_agent_spec *sp = &run->scn->agents[i];
        const ent_strategy_choice *c = &sp->strategy[stage];
        int optimal = c->type && ent_i_security_optimal_direct(c->type);
        sl[i] = (security_slot){ ent_i_agent_param_value(sp, dependence),
                                 p[P_Q] * sp->p[base + AP_ENTRAPMENT_COST],
                                 optimal, optimal ? c->p[0] : 0.0 };
    }
    for (size_t i = 0; i < run->n; i++) {
        ent_i_security_agent *k = sec_agent(run, stage, i);
        k->commitment = i == 0 ? NAN : 0.5;
        k->fear_abandon = k->fear_entrap = NAN;
    }
}

static void play(ent_run *run, int stage, gsl_rng *r)
{
    const double *p = run->scn->stages[stage].p;
    const security_slot *sl = ent_i_run_stage_workspace(run, stage);
    const ent_i_exit_slot *xs = ent_i_exit_slots(run);
    ent_i_agent_states ms = ent_i_run_agent_states(run, stage);
    ent_i_strategy_states ss = ent_i_run_strategy_states(run, stage);
    /* read once: the loop's stores of doubles could otherwise alias them */
    const double H = p[P_H], abandonment_rate = p[P_ABANDON], rho = p[P_RHO];
    const int round = run->round;
    for (size_t i = 1; i < run->n; i++) {
        ent_i_security_agent *m = ent_i_agent_at(ms, i);
        double A = abandonment_cost(run, H, abandonment_rate, &sl[i], xs, i);
        double k;
        if (sl[i].optimal) {
            /* what the optimal strategy's decide() sets, without a view */
            k = ent_i_commitment_optimal_step(sl[i].inertia, round, A, rho, sl[i].E, m->commitment);
        } else {
            const ent_strategy_choice *c = &run->scn->agents[i].strategy[stage];
            ent_commit_view v;
            fill_view(run, m, p, &sl[i], A, &v);
            ent_commit_decision d = { m->commitment };
            c->type->decide(c->p, ent_i_strategy_at(ss, i), &v, &d, r);
            k = d.commitment;
        }
        m->commitment = !(k > 0.0) ? 0.0 : k > 1.0 ? 1.0 : k;
        m->fear_abandon = ent_i_abandonment_fear(A, rho, m->commitment);
        m->fear_entrap = ent_i_entrapment_fear(sl[i].E, m->commitment);
        run->agent[i].payoff -= (m->fear_abandon + m->fear_entrap) / 100.0;
    }
}

static void record(const ent_run *run, int stage, size_t i, double *out)
{
    const ent_i_security_agent *m = sec_agent(run, stage, i);
    out[0] = m->commitment;
    out[1] = m->fear_abandon;
    out[2] = m->fear_entrap;
}

static void summarise(const ent_run *run, int stage, double *agent_out, double *run_out)
{
    double sum = 0.0;
    for (size_t i = 0; i < run->n; i++) {
        double *o = agent_out + i * run->n_agent_out;
        record(run, stage, i, o);
        if (i > 0) sum += sec_agent(run, stage, i)->commitment;
    }
    run_out[0] = run->n > 1 ? sum / (double)(run->n - 1) : NAN;
}

/* An ally's commitment and fears by name (ent_run_agent_value). */
static int agent_value(const ent_run *run, int stage, size_t i, const char *name, double *out)
{
    const ent_i_security_agent *m = sec_agent(run, stage, i);
    if (!strcmp(name, "commitment")) *out = m->commitment;
    else if (!strcmp(name, "fear_abandon")) *out = m->fear_abandon;
    else if (!strcmp(name, "fear_entrap")) *out = m->fear_entrap;
    else return 0;
    return 1;
}

static const ent_stage_after after[] = {
    { "exit_leverage", "it weighs the abandonment risk the patron strategy states this round (ent_i_abandon_risk)" },
    { NULL, NULL },
};

const ent_stage_type ent_stage_security_dilemma = {
    .after = after,
    .name = "security_dilemma",
    .doc = "each ally's commitment to the patron, trading abandonment against entrapment (Snyder 1984)",
    .params = params, .n_params = P_N,
    .default_ally_strategy = "optimal", .default_patron_strategy = NULL,
    .strategies = ent_security_strategies,
    .trace = trace_cols, .n_trace = 3,
    .agent_outcomes = agent_cols, .n_agent_outcomes = 3,
    .run_outcomes = run_cols, .n_run_outcomes = 1,
    .workspace_size = workspace_size,
    .reset = reset, .play = play, .record = record, .summarise = summarise,
    .agent_size = sizeof(ent_i_security_agent), .agent_value = agent_value,
    .agent_params = agent_params, .n_agent_params = AP_N,
};
