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
#include "sim/run_records.h"
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

/* What an optimal ally's commitment did in the rounds of runs before: its
** step is a function of the round's A, the commitment before, the round
** (the first is the optimum itself) and of inertia, rho and E alone, so a
** run that starts with the same inertia, rho and E and meets the same A
** (bits) in rounds 1..t has the commitment, the fears and the stage payoff
** that a record of such a run holds for round t. A run takes the record
** whose start and first round match it (else the oldest, emptied) and
** writes its own rounds over it from the first that differs, so the record
** follows the running run up to its last round. An ally keeps a few: the
** runs of a sweep alternate between a few courses (the patron's type is
** drawn each run). */
typedef struct commit_entry {
    double A;                       /* the round's expected abandonment cost */
    double commitment, fear_abandon, fear_entrap;   /* after the round's step */
    double pay;                     /* what the round's fears took from the payoff */
} commit_entry;


/* Per-run workspace: each ally's fixed inputs, gathered at reset so that the
** round reads them from one small array. */
typedef struct {
    double dependence;
    double E;               /* q C, the same product as computed each round before */
    int optimal;            /* ent_i_security_optimal_direct of its strategy */
    double inertia;         /* then its parameter inertia */
    ent_run_record *tr;     /* then the record it follows, NULL before its first round */
    commit_entry *entries;  /* and its entries */
} security_slot;

/* The workspace: a header, the slots (made again every run), each ally's
** records and their entries (kept from run to run; zeroed at allocation). */
typedef struct {
    int laid_out;           /* 1 once the first reset has set what follows */
    int cap;                /* rounds a record holds, set at the first reset */
    /* exit_leverage's dependence's slot and the base of this stage's agent
    ** parameters (the registry's: found at the first reset) */
    int dependence, base;
} trail_header;

/* Its agent parameter (a key of the allies' entries). */
enum { AP_ENTRAPMENT_COST, AP_N };
static const ent_param_desc agent_params[] = {
    { "entrapment_cost", ENT_P_REAL, 2.0, 0.0, 100.0, "% of GDP",
      "C: cost of being entrapped in a war of the patron's (security_dilemma stage)", NULL,
      AP_ENTRAPMENT_COST, ENT_F_ALLY },
};

static int trail_rounds(size_t n, int rounds)
{
    return ent_i_record_rounds(n, rounds, sizeof(commit_entry));
}

static size_t align8(size_t x) { return (x + 7u) & ~(size_t)7u; }

static size_t workspace_size(const ent_run *run, int stage)
{
    (void)stage;
    return align8(sizeof(trail_header)) + run->n * (sizeof(security_slot) + sizeof(ent_ally_records)) +
           run->n * ENT_RECORD_WAYS * (size_t)trail_rounds(run->n, run->scn->rounds) * sizeof(commit_entry);
}

static trail_header *trail_hdr(const ent_run *run, int stage)
{
    return ent_i_run_stage_workspace(run, stage);
}

static security_slot *slots(const ent_run *run, int stage)
{
    return (security_slot *)((unsigned char *)trail_hdr(run, stage) + align8(sizeof(trail_header)));
}

static ent_ally_records *trails(const ent_run *run, int stage)
{
    return (ent_ally_records *)(slots(run, stage) + run->n);
}

/* The entries of ally i's record k (cap of them). */
static commit_entry *trail_entries(const ent_run *run, int stage, size_t i, int k)
{
    const trail_header *th = trail_hdr(run, stage);
    return (commit_entry *)(trails(run, stage) + run->n) + (i * ENT_RECORD_WAYS + (size_t)k) * (size_t)th->cap;
}

/* The record ally i follows from its first round, in which A is a: one
** that starts with its inertia, rho and E and whose first round had a, else
** the oldest, emptied for this course. */
static void choose_trail(const ent_run *run, int stage, size_t i, double rho, double a, security_slot *sl)
{
    ent_ally_records *at = &trails(run, stage)[i];
    const double start[3] = { sl->inertia, rho, sl->E };
    _Static_assert(offsetof(commit_entry, A) == 0, "an entry begins with its round's A");
    int k = ent_i_record_choose(at, start, 3, &a, sizeof a, (const unsigned char *)trail_entries(run, stage, i, 0),
                                (size_t)trail_hdr(run, stage)->cap * sizeof(commit_entry));
    sl->tr = &at->way[k];
    sl->entries = trail_entries(run, stage, i, k);
}

static inline ent_i_security_agent *sec_agent(const ent_run *run, int stage, size_t i)
{
    return ent_i_run_agent_state(run, stage, i);
}

/* A, ally i's expected abandonment cost: its abandonment risk (the patron
** strategy's stated behaviour under its belief with exit_leverage, else the
** belief times abandonment_rate) times H = abandonment_cost * dependence *
** threat. xs: exit_leverage's slots (ent_i_exit_slots), NULL without it;
** `a` the ally's state. */
static inline double abandonment_cost(const ent_agent_state *a, double H, double abandonment_rate,
                                      const security_slot *sl, const ent_i_exit_slot *xs, size_t i)
{
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
    security_slot *sl = slots(run, stage);
    trail_header *th = trail_hdr(run, stage);
    /* the records' layout is fixed by the first run (a later run may have
    ** fewer rounds than the run object was made for, never more) */
    if (!th->laid_out) {
        th->laid_out = 1;
        th->cap = trail_rounds(run->n, run->scn->rounds);
        th->dependence = ent_agent_param_slot("dependence");
        th->base = ent_agent_param_base(&ent_stage_security_dilemma);
    }
    /* exit_leverage's dependence, its own entrapment cost */
    const int dependence = th->dependence, base = th->base;
    for (size_t i = 0; i < run->n; i++) {
        const ent_agent_spec *sp = &run->scn->agents[i];
        const ent_strategy_choice *c = &sp->strategy[stage];
        int optimal = c->type && ent_i_security_optimal_direct(c->type);
        sl[i] = (security_slot){ ent_i_agent_param_value(sp, dependence),
                                 p[P_Q] * sp->p[base + AP_ENTRAPMENT_COST],
                                 optimal, optimal ? c->p[0] : 0.0, NULL, NULL };
    }
    for (size_t i = 0; i < run->n; i++) {
        ent_i_security_agent *k = sec_agent(run, stage, i);
        k->commitment = i == 0 ? NAN : 0.5;
        k->fear_abandon = k->fear_entrap = NAN;
    }
}

/* The commitment k into m, clipped to [0, 1], and its fears; returns what
** they take from the stage payoff. */
static inline double take_commitment(ent_i_security_agent *m, double k, double A, double rho, double E)
{
    m->commitment = !(k > 0.0) ? 0.0 : k > 1.0 ? 1.0 : k;
    m->fear_abandon = ent_i_abandonment_fear(A, rho, m->commitment);
    m->fear_entrap = ent_i_entrapment_fear(E, m->commitment);
    return (m->fear_abandon + m->fear_entrap) / 100.0;
}

/* An optimal ally's step in round t (from 0, `round` from 1) and what it
** takes from the stage payoff: the record's entry e's when it had this A
** (the commitment is the record's already: it has followed this run), else
** made and written into e. */
static inline double optimal_round(const security_slot *sl, commit_entry *e, int t, int cap, int round, double A,
                                   double rho, ent_i_security_agent *m)
{
    ent_run_record *tr = sl->tr;
    if (t < tr->len && !memcmp(&e->A, &A, sizeof A)) {
        m->commitment = e->commitment;
        m->fear_abandon = e->fear_abandon;
        m->fear_entrap = e->fear_entrap;
        return e->pay;
    }
    double k = ent_i_commitment_optimal_step(sl->inertia, round, A, rho, sl->E, m->commitment);
    double pay = take_commitment(m, k, A, rho, sl->E);
    /* a record holds rounds from the run's first on (t <= len but for a
    ** run whose rounds did not start at 1) */
    if (t < cap && t <= tr->len) {
        *e = (commit_entry){ A, m->commitment, m->fear_abandon, m->fear_entrap, pay };
        tr->len = t + 1;
    }
    return pay;
}

static void play(ent_run *run, int stage, gsl_rng *r)
{
    const double *p = run->scn->stages[stage].p;
    security_slot *sl = slots(run, stage);
    const ent_i_exit_slot *xs = ent_i_exit_slots(run);
    ent_i_agent_states ms = ent_i_run_agent_states(run, stage);
    ent_i_strategy_states ss = ent_i_run_strategy_states(run, stage);
    /* read once: the loop's stores of doubles could otherwise alias them */
    const double H = p[P_H], abandonment_rate = p[P_ABANDON], rho = p[P_RHO];
    const int round = run->round, t = round - 1, cap = trail_hdr(run, stage)->cap;
    ent_agent_state *agents = run->agent;
    for (size_t i = 1; i < run->n; i++) {
        ent_i_security_agent *m = ent_i_agent_at(ms, i);
        double A = abandonment_cost(&agents[i], H, abandonment_rate, &sl[i], xs, i);
        if (sl[i].optimal) {
            if (!sl[i].tr)
                choose_trail(run, stage, i, rho, A, &sl[i]);
            commit_entry *e = sl[i].entries + (t < cap ? t : 0);
            agents[i].payoff -= optimal_round(&sl[i], e, t, cap, round, A, rho, m);
            continue;
        }
        const ent_strategy_choice *c = &run->scn->agents[i].strategy[stage];
        ent_commit_view v;
        fill_view(run, m, p, &sl[i], A, &v);
        ent_commit_decision d = { m->commitment };
        c->type->decide(c->p, ent_i_strategy_at(ss, i), &v, &d, r);
        agents[i].payoff -= take_commitment(m, d.commitment, A, rho, sl[i].E);
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
