/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** stage_hedging.c: each ally's hedging portfolio over bandwagoning,
** balancing and binding (Kuik 2008), moved towards the options that pay
** better under its belief about the patron, by a logit response or
** replicator dynamics with inertia (the ally's strategy). Binding weight is
** the ally's binding investment, which shields it from linked harm in
** exit_leverage.
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
#include "stages/hedging/hedging.h"

enum { P_G, P_ABANDON, P_RENT, P_BAL_E, P_BAL_C, P_LINK, P_LINK_SHIELD, P_AB_SHIELD, P_N };

static const ent_param_desc params[] = {
    { "guarantee_value", ENT_P_REAL, 5.0, 0.0, 100.0, "% of GDP",
      "g: yearly value of the patron's full guarantee to an ally of dependence 1 under threat 1", NULL, P_G, 0 },
    { "abandonment_rate", ENT_P_REAL, 0.5, 0.0, 1.0, "probability",
      "a: chance that a transactional patron fails an ally in need; used only without "
      "exit_leverage (with it, the patron strategy's stated crisis abandonment of each type)",
      NULL, P_ABANDON, 0 },
    { "sovereignty_rent", ENT_P_REAL, 2.0, 0.0, 100.0, "% of GDP per unit autonomy",
      "r: autonomy ceded by bandwagoning, doubled under a surely transactional patron", NULL, P_RENT, 0 },
    { "balance_efficacy", ENT_P_REAL, 2.0, 0.0, 100.0, "% of GDP",
      "e: value of own capability under threat 1", NULL, P_BAL_E, 0 },
    { "balance_cost", ENT_P_REAL, 1.0, 0.0, 100.0, "% of GDP", "c: cost of balancing fully", NULL, P_BAL_C, 0 },
    { "linkage_rate", ENT_P_REAL, 0.1, 0.0, 1.0, "fraction",
      "k: expected loss rate on exposed trade and technology under a transactional patron", NULL, P_LINK, 0 },
    { "linkage_shield", ENT_P_REAL, 0.5, 0.0, 1.0, "fraction",
      "s: share of the linked loss that full binding avoids", NULL, P_LINK_SHIELD, 0 },
    { "abandonment_shield", ENT_P_REAL, 0.3, 0.0, 1.0, "fraction",
      "b: share of the guarantee lost to abandonment that partners make good", NULL, P_AB_SHIELD, 0 },
};

static const ent_column trace_cols[] = {
    { "w_bandwagon", "fraction", "portfolio weight on bandwagoning with the patron" },
    { "w_balance", "fraction", "portfolio weight on balancing (own capability)" },
    { "w_bind", "fraction", "portfolio weight on binding (partners, frameworks); its binding investment" },
    { "hedging_index", "fraction", "distance from pure bandwagoning, |w - (1,0,0)| / sqrt 2" },
};
static const ent_column agent_cols[] = {
    { "final_w_bandwagon", "fraction", "bandwagon weight at the end" },
    { "final_w_balance", "fraction", "balance weight at the end" },
    { "final_w_bind", "fraction", "bind weight at the end" },
    { "final_hedging_index", "fraction", "hedging index at the end" },
    { "min_w_bandwagon", "fraction", "lowest bandwagon weight over the run" },
};
static const ent_column run_cols[] = {
    { "cohesion", "fraction", "share of allies whose bandwagon weight stayed above one half all run" },
    { "mean_hedging_index", "fraction", "allies' mean hedging index at the end" },
};

static void hedge_params(const double *p, ent_hedge_params *hp)
{
    hp->guarantee_value = p[P_G];
    hp->abandonment_rate = p[P_ABANDON];
    hp->sovereignty_rent = p[P_RENT];
    hp->balance_efficacy = p[P_BAL_E];
    hp->balance_cost = p[P_BAL_C];
    hp->linkage_rate = p[P_LINK];
    hp->linkage_shield = p[P_LINK_SHIELD];
    hp->abandonment_shield = p[P_AB_SHIELD];
}

/* Per-run workspace: each ally's fixed inputs of the payoffs, gathered at
** reset (the partners' net value is a sum over its partners), the inputs
** that move from round to round as of its last payoffs, and the round's
** decision. */
typedef struct {
    double dependence, autonomy, trade_exposure, tech_exposure, partners;
    double payoff_key[3];   /* belief, abandonment risk, threat of hedge_u (payoffs_of_round) */
    int keyed;              /* payoff_key holds them (not before the first round) */
    int logit;              /* ent_i_hedging_logit_direct of its strategy */
    const double *logit_p;  /* then its parameters: beta, rate */
    ent_run_record *tr;     /* then the record it follows, NULL before its first round */
    struct trail_entry *entries;    /* and its entries */
    void *state;            /* its strategy's state in the run */
    ent_hedge_decision d;   /* the weights its strategy chose this round */
} hedge_slot;

/* What a logit ally's portfolio did in the rounds of runs before: the step
** is a function of the weights, the option payoffs u and the strategy's
** beta and rate alone, so a run that starts from the same weights with the
** same beta and rate and meets the same u (bits) in rounds 1..t has the
** weights, and the stage payoff, that a record of such a run holds for
** round t. A run takes the record whose start and first round match it
** (else the oldest, emptied) and writes its own rounds over it from the
** first that differs, so the record follows the running run up to its last
** round: a round's entry either is taken or written. An ally keeps a few
** records: the runs of a sweep alternate between a few courses (the
** patron's type is drawn each run). */
typedef struct trail_entry {
    double u[ENT_HEDGE_N];          /* the round's option payoffs */
    double w[ENT_HEDGE_N];          /* the portfolio after the round's step */
    double pay;                     /* the round's stage payoff */
    int same_u;                     /* u is the round before's, bit for bit */
} trail_entry;

/* a record's start: the weights at the start, beta, rate */
_Static_assert(ENT_HEDGE_N + 2 <= ENT_RECORD_KEY, "a logit ally's start fits a record's key");

/* The workspace: a header, the slots (made again every run), each ally's
** records and their entries (kept from run to run; zeroed at allocation). */
typedef struct {
    int laid_out;                   /* 1 once the first reset has set what follows */
    int cap;                        /* rounds a record holds, set at the first reset */
    /* exit_leverage's agent parameters' slots (the registry's: found at
    ** the first reset) */
    int dependence, autonomy, trade, tech;
} trail_header;

static int trail_rounds(size_t n, int rounds)
{
    return ent_i_record_rounds(n, rounds, sizeof(trail_entry));
}

static size_t align8(size_t x) { return (x + 7u) & ~(size_t)7u; }

static size_t workspace_size(const ent_run *run, int stage)
{
    (void)stage;
    return align8(sizeof(trail_header)) + run->n * (sizeof(hedge_slot) + sizeof(ent_ally_records)) +
           run->n * ENT_RECORD_WAYS * (size_t)trail_rounds(run->n, run->scn->rounds) * sizeof(trail_entry);
}

static trail_header *trail_hdr(const ent_run *run, int stage)
{
    return ent_i_run_stage_workspace(run, stage);
}

static hedge_slot *slots(const ent_run *run, int stage)
{
    return (hedge_slot *)((unsigned char *)trail_hdr(run, stage) + align8(sizeof(trail_header)));
}

static ent_ally_records *trails(const ent_run *run, int stage)
{
    return (ent_ally_records *)(slots(run, stage) + run->n);
}

/* The entries of ally i's record k (cap of them). */
static trail_entry *trail_entries(const ent_run *run, int stage, size_t i, int k)
{
    const trail_header *th = trail_hdr(run, stage);
    return (trail_entry *)(trails(run, stage) + run->n) + (i * ENT_RECORD_WAYS + (size_t)k) * (size_t)th->cap;
}

static inline ent_i_hedging_agent *hedge_agent(const ent_run *run, int stage, size_t i)
{
    return ent_i_run_agent_state(run, stage, i);
}

/* Agent i's inputs as its scenario gives them (pure bandwagoning and no
** partners in a scenario built without the loader). */
static const ent_i_hedging_inputs *inputs_of(const ent_scenario *s, size_t i)
{
    static const ent_i_hedging_inputs none = { { 1.0, 0.0, 0.0 }, { { "", 0, 0 } }, 0 };
    const ent_i_hedging_inputs *in = ent_scenario_agent_inputs(s, i, &ent_stage_hedging);
    return in ? in : &none;
}

double ent_i_hedging_binding(const ent_run *run, size_t i)
{
    int st = ent_i_run_stage_of(run, &ent_stage_hedging);
    return st < 0 ? 0.0 : hedge_agent(run, st, i)->binding;
}

/* Ally i's abandonment risk: the patron strategy's stated behaviour under
** the ally's belief when exit_leverage is in the pipeline, else the
** documented abandonment_rate of a transactional patron.
** xs: exit_leverage's slots (ent_i_exit_slots), NULL without it */
static inline double abandon_risk(const ent_hedge_params *hp, const ent_i_exit_slot *xs, size_t i, double belief)
{
    double risk = ent_i_abandon_risk_in(xs, i, belief);
    if (isnan(risk))
        risk = belief * hp->abandonment_rate;
    return risk;
}

/* Ally i's option payoffs at its belief, abandonment risk and threat. */
static inline void payoffs_at(const ent_hedge_params *hp, const hedge_slot *sl, double belief, double risk,
                              double threat, double *u)
{
    ent_i_hedge_payoffs_risk(hp, belief, risk, threat, sl->dependence, sl->autonomy, sl->trade_exposure,
                             sl->tech_exposure, sl->partners, u);
}

/* This round's option payoffs of ally i, in h->hedge_u. Besides what is
** fixed for the run (the stage's parameters, the slot's inputs) they are a
** function of the belief, the risk and the threat alone, which stand still
** in most rounds: worked out again only when one of their bits moved (equal
** bits, equal payoffs; hedge_u is written nowhere else). Returns 1 if they
** are last round's, bit for bit. `a` is the ally's state. */
static inline int payoffs_of_round(const ent_agent_state *a, const ent_hedge_params *hp, hedge_slot *sl,
                                    const ent_i_exit_slot *xs, ent_i_hedging_agent *h, size_t i)
{
    const double key[3] = { a->belief, abandon_risk(hp, xs, i, a->belief), a->threat };
    if (sl->keyed && !memcmp(sl->payoff_key, key, sizeof key))
        return 1;
    payoffs_at(hp, sl, key[0], key[1], key[2], h->hedge_u);
    memcpy(sl->payoff_key, key, sizeof key);
    sl->keyed = 1;
    return 0;
}

/* The view of ally i with payoffs u. */
static inline void fill_view(const ent_run *run, const ent_i_hedging_agent *h, const double *u, size_t i,
                             ent_hedge_view *v)
{
    v->round = run->round;
    v->belief = run->agent[i].belief;
    memcpy(v->u, u, sizeof v->u);
    memcpy(v->w, h->portfolio, sizeof v->w);
}

/* The record ally i follows from its first round (t 0), with payoffs u:
** one that starts from its weights w and parameters p (beta, rate) and
** whose first round had u, else the oldest, emptied for this course. */
static void choose_trail(const ent_run *run, int stage, size_t i, const double *w, const double *u,
                         hedge_slot *sl)
{
    ent_ally_records *at = &trails(run, stage)[i];
    const double *p = sl->logit_p;
    const double start[ENT_HEDGE_N + 2] = { w[0], w[1], w[2], p[0], p[1] };
    _Static_assert(offsetof(trail_entry, u) == 0, "an entry begins with its round's payoffs");
    int k = ent_i_record_choose(at, start, ENT_HEDGE_N + 2, u, ENT_HEDGE_N * sizeof *u,
                                (const unsigned char *)trail_entries(run, stage, i, 0),
                                (size_t)trail_hdr(run, stage)->cap * sizeof(trail_entry));
    sl->tr = &at->way[k];
    sl->entries = trail_entries(run, stage, i, k);
}

static void reset(ent_run *run, int stage)
{
    ent_hedge_params hp;
    hedge_params(run->scn->stages[stage].p, &hp);
    hedge_slot *ws = slots(run, stage);
    trail_header *th = trail_hdr(run, stage);
    /* the trails' layout is fixed by the first run (a later run may have
    ** fewer rounds than the run object was made for, never more) */
    if (!th->laid_out) {
        th->laid_out = 1;
        th->cap = trail_rounds(run->n, run->scn->rounds);
        th->dependence = ent_agent_param_slot("dependence");
        th->autonomy = ent_agent_param_slot("autonomy");
        th->trade = ent_agent_param_slot("trade_exposure");
        th->tech = ent_agent_param_slot("tech_exposure");
    }
    /* exit_leverage's agent parameters: how much the ally has at stake */
    const int dependence = th->dependence, autonomy = th->autonomy, trade = th->trade, tech = th->tech;
    for (size_t i = 1; i < run->n; i++) {
        ent_i_hedging_agent *h = hedge_agent(run, stage, i);
        const ent_agent_spec *sp = &run->scn->agents[i];
        const ent_i_hedging_inputs *in = inputs_of(run->scn, i);
        double partners = 0.0;
        for (int k = 0; k < in->n_partners; k++)
            partners += 100.0 * (in->partners[k].value - in->partners[k].cost);
        double tech_exposure = ent_i_agent_param_value(sp, tech);
        const ent_strategy_choice *c = &sp->strategy[stage];
        ws[i] = (hedge_slot){ ent_i_agent_param_value(sp, dependence), ent_i_agent_param_value(sp, autonomy),
                              ent_i_agent_param_value(sp, trade),
                              isnan(tech_exposure) ? 0.0 : tech_exposure, partners,
                              { 0.0, 0.0, 0.0 }, 0, c->type && ent_i_hedging_logit_direct(c->type), c->p,
                              NULL, NULL,
                              ent_i_run_strategy_state(run, stage, i), { { 0.0, 0.0, 0.0 } } };
        memcpy(h->portfolio, in->portfolio, sizeof h->portfolio);
        h->min_bandwagon = h->portfolio[ENT_HEDGE_BANDWAGON];
        h->binding = h->portfolio[ENT_HEDGE_BIND];
        if (c->type && c->type->reset) {
            const ent_agent_state *a = &run->agent[i];
            double u[ENT_HEDGE_N];
            payoffs_at(&hp, &ws[i], a->belief, abandon_risk(&hp, ent_i_exit_slots(run), i, a->belief),
                       a->threat, u);
            ent_hedge_view v;
            fill_view(run, h, u, i, &v);
            c->type->reset(c->p, ws[i].state, &v);
        }
    }
}

/* The portfolio that weights w become: negatives clipped, renormalised (left
** as it was if nothing is left). Written out for the three options: the sums
** and quotients are those of the loops over k. */
_Static_assert(ENT_HEDGE_N == 3, "the projection is written out for three options");
static inline void project_on_simplex(const double *w, double *portfolio)
{
    double w0 = w[0] > 0.0 ? w[0] : 0.0, w1 = w[1] > 0.0 ? w[1] : 0.0, w2 = w[2] > 0.0 ? w[2] : 0.0;
    double sum = 0.0 + w0 + w1 + w2;
    if (sum > 0.0) {
        portfolio[0] = w0 / sum;
        portfolio[1] = w1 / sum;
        portfolio[2] = w2 / sum;
    }
}

/* The expected payoff of portfolio w under option payoffs u, summed in the
** options' order from 0. */
static inline double expected_payoff(const double *w, const double *u)
{
    return 0.0 + w[0] * u[0] + w[1] * u[1] + w[2] * u[2];
}

/* The portfolio after the step, into h: projected, its lowest bandwagon
** weight and binding kept. */
static inline void take_portfolio(ent_i_hedging_agent *h, const double *w)
{
    project_on_simplex(w, h->portfolio);
    if (h->portfolio[ENT_HEDGE_BANDWAGON] < h->min_bandwagon)
        h->min_bandwagon = h->portfolio[ENT_HEDGE_BANDWAGON];
    h->binding = h->portfolio[ENT_HEDGE_BIND];
}

/* A logit ally's step in round t (from 0) and its stage payoff: the
** record's entry e's when it holds this round's payoffs (the weights are
** the record's already: it has followed this run), else made (the memo
** checked: a taken round leaves it as it was) and written into e. `held`:
** the payoffs are last round's, which were entry t - 1's. */
static inline double logit_round(const hedge_slot *sl, trail_entry *e, int t, int cap, int held,
                                 ent_i_hedging_agent *h)
{
    ent_run_record *tr = sl->tr;
    if (t < tr->len && ((held && e->same_u) || !memcmp(e->u, h->hedge_u, sizeof e->u))) {
        memcpy(h->portfolio, e->w, sizeof h->portfolio);
        if (h->portfolio[ENT_HEDGE_BANDWAGON] < h->min_bandwagon)
            h->min_bandwagon = h->portfolio[ENT_HEDGE_BANDWAGON];
        h->binding = h->portfolio[ENT_HEDGE_BIND];
        return e->pay;
    }
    const double *lp = sl->logit_p;
    ent_hedge_logit_memo *memo = sl->state;
    double w[ENT_HEDGE_N];
    ent_i_hedge_logit_memo_check(memo, h->hedge_u, lp[0], lp[1]);
    ent_i_hedge_logit_memo_step_held(w, h->portfolio, lp[1], memo);
    take_portfolio(h, w);
    double pay = expected_payoff(h->portfolio, h->hedge_u) / 100.0;
    /* a record holds rounds from the run's first on (t <= len but for a
    ** run whose rounds did not start at 1) */
    if (t < cap && t <= tr->len) {
        memcpy(e->u, h->hedge_u, sizeof e->u);
        memcpy(e->w, h->portfolio, sizeof e->w);
        e->pay = pay;
        e->same_u = t > 0 && held;
        tr->len = t + 1;
    }
    return pay;
}

static void play(ent_run *run, int stage, gsl_rng *r)
{
    ent_hedge_params hp;
    hedge_params(run->scn->stages[stage].p, &hp);
    hedge_slot *ws = slots(run, stage);
    const int cap = trail_hdr(run, stage)->cap, t = run->round - 1;
    const ent_i_exit_slot *xs = ent_i_exit_slots(run);
    ent_i_agent_states hs = ent_i_run_agent_states(run, stage);
    /* read once: the loop's copies of weights could otherwise alias it */
    ent_agent_state *agents = run->agent;
    for (size_t i = 1; i < run->n; i++) {
        ent_i_hedging_agent *h = ent_i_agent_at(hs, i);
        int held = payoffs_of_round(&agents[i], &hp, &ws[i], xs, h, i);
        if (ws[i].logit) {
            if (!ws[i].tr)
                choose_trail(run, stage, i, h->portfolio, h->hedge_u, &ws[i]);
            trail_entry *e = ws[i].entries + (t < cap ? t : 0);
            agents[i].payoff += logit_round(&ws[i], e, t, cap, held, h);
            continue;
        }
        memcpy(ws[i].d.w, h->portfolio, sizeof ws[i].d.w);
        const ent_strategy_choice *c = &run->scn->agents[i].strategy[stage];
        ent_hedge_view v;
        fill_view(run, h, h->hedge_u, i, &v);
        c->type->decide(c->p, ws[i].state, &v, &ws[i].d, r);
        take_portfolio(h, ws[i].d.w);
        /* the stage payoff, in % of GDP */
        agents[i].payoff += expected_payoff(h->portfolio, h->hedge_u) / 100.0;
    }
}

static void record(const ent_run *run, int stage, size_t i, double *out)
{
    if (i == 0) {
        out[0] = out[1] = out[2] = out[3] = NAN;
        return;
    }
    const ent_i_hedging_agent *h = hedge_agent(run, stage, i);
    for (int k = 0; k < 3; k++)
        out[k] = h->portfolio[k];
    out[3] = ent_hedging_index(h->portfolio);
}

static void summarise(const ent_run *run, int stage, double *agent_out, double *run_out)
{
    int cohesive = 0;
    double hsum = 0.0;
    for (size_t i = 0; i < run->n; i++) {
        double *o = agent_out + i * run->n_agent_out;
        if (i == 0) {
            for (int k = 0; k < 5; k++) o[k] = NAN;
            continue;
        }
        const ent_i_hedging_agent *h = hedge_agent(run, stage, i);
        for (int k = 0; k < 3; k++) o[k] = h->portfolio[k];
        o[3] = ent_hedging_index(h->portfolio);
        o[4] = h->min_bandwagon;
        hsum += o[3];
        cohesive += h->min_bandwagon > 0.5;
    }
    double allies = (double)(run->n - 1);
    run_out[0] = run->n > 1 ? cohesive / allies : NAN;
    run_out[1] = run->n > 1 ? hsum / allies : NAN;
}

/* An ally's portfolio and option payoffs by name (ent_run_agent_value):
** portfolio_OPTION, hedge_u_OPTION (OPTION bandwagon, balance, bind),
** start_portfolio_OPTION (the scenario's), min_bandwagon, binding. */
static int agent_value(const ent_run *run, int stage, size_t i, const char *name, double *out)
{
    static const char *const option[ENT_HEDGE_N] = { "bandwagon", "balance", "bind" };
    const ent_i_hedging_agent *h = hedge_agent(run, stage, i);
    const double *arr = NULL;
    if (!strncmp(name, "portfolio_", 10)) arr = h->portfolio, name += 10;
    else if (!strncmp(name, "start_portfolio_", 16)) arr = inputs_of(run->scn, i)->portfolio, name += 16;
    else if (!strncmp(name, "hedge_u_", 8)) arr = h->hedge_u, name += 8;
    else if (!strcmp(name, "min_bandwagon")) { *out = h->min_bandwagon; return 1; }
    else if (!strcmp(name, "binding")) { *out = h->binding; return 1; }
    for (int k = 0; arr && k < ENT_HEDGE_N; k++)
        if (!strcmp(name, option[k])) {
            *out = arr[k];
            return 1;
        }
    return 0;
}

/* exit_leverage reads the binding weight of last round (hedging.h), so the
** order is this one way */
static const ent_stage_after after[] = {
    { "exit_leverage", "it weighs the abandonment risk the patron strategy states this round (ent_i_abandon_risk)" },
    { NULL, NULL },
};

const ent_stage_type ent_stage_hedging = {
    .after = after,
    .name = "hedging",
    .doc = "each ally's portfolio over bandwagoning, balancing and binding moves towards the "
           "options that pay under its belief (Kuik 2008)",
    .params = params, .n_params = P_N,
    .default_ally_strategy = "logit", .default_patron_strategy = NULL,
    .strategies = ent_hedging_strategies,
    .trace = trace_cols, .n_trace = 4,
    .agent_outcomes = agent_cols, .n_agent_outcomes = 5,
    .run_outcomes = run_cols, .n_run_outcomes = 2,
    .workspace_size = workspace_size,
    .reset = reset, .play = play, .record = record, .summarise = summarise,
    .agent_size = sizeof(ent_i_hedging_agent), .agent_value = agent_value,
    .agent_inputs = ent_i_hedging_input_keys, .agent_input_roles = ENT_ROLE_ALLY,
    .agent_input_size = sizeof(ent_i_hedging_inputs),
    .read_agent_inputs = ent_i_hedging_read_inputs,
};
