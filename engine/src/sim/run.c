/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** run.c: the round loop. It knows stages only through their type tables:
** reset every stage, then for each round play the pipeline in order, add up
** payoffs, record the trace, and finally ask each stage for its outcomes.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "entente/rng.h"
#include "entente/run.h"
#include "core/gsl_quiet.h"
#include "sim/run_int.h"

const char *const ent_event_names[ENT_EV_COUNT] = {
    "demand", "contribute", "meet", "shortfall",
    "threaten", "comply", "concede", "defy",
    "execute", "back_down", "deal", "ratify", "ratify_fail",
};

/* Columns the run itself adds after the stages' trace columns. */
static const ent_column run_trace_cols[] = {
    { "payoff", "utility", "sum of the stage payoffs this round" },
    { "cum_payoff", "utility", "discounted sum of payoffs up to this round" },
};
static const ent_column run_agent_cols[] = {
    { "cum_payoff", "utility", "discounted sum of payoffs over the run" },
};
static const ent_column run_run_cols[] = {
    { "rounds_played", "rounds", "rounds played (fewer than `rounds` with random ending)" },
};
#define N_RUN_TRACE 2
#define N_RUN_AGENT 1
#define N_RUN_RUN 1

static size_t align8(size_t x) { return (x + 7u) & ~(size_t)7u; }

ent_run *ent_run_alloc(const ent_scenario *s, unsigned flags)
{
    ent_i_gsl_quiet();
    ent_run *run = calloc(1, sizeof *run);
    if (!run)
        return NULL;
    run->scn = s;
    run->flags = flags;
    run->n = s->n_agents;
    size_t n = run->n, ns = s->n_stages;
    run->n_stages = ns < ENT_MAX_STAGES ? ns : ENT_MAX_STAGES;
    for (size_t st = 0; st < run->n_stages; st++)
        run->stage_type[st] = s->stages[st].type;
    for (unsigned shift = 3; shift <= 12; shift++) {
        /* the first shift that separates the pipeline's types, else the last */
        memset(run->stage_key, 0, sizeof run->stage_key);
        int clash = 0;
        for (size_t st = 0; st < run->n_stages; st++) {
            const ent_stage_type *t = run->stage_type[st];
            size_t h = ent_i_stage_slot(t, shift);
            if (!t || run->stage_key[h] == t)
                continue;
            if (run->stage_key[h]) {
                clash = 1;
                continue;
            }
            run->stage_key[h] = t;
            run->stage_idx[h] = (int)st;
        }
        run->stage_shift = shift;
        if (!clash)
            break;
    }

    run->agent = calloc(n, sizeof *run->agent);
    run->strat_off = calloc(ns * n + 1, sizeof *run->strat_off);
    run->scratch = calloc(4 * n + 4, sizeof *run->scratch);
    run->rng = ent_rng_alloc();
    if (!run->agent || !run->strat_off || !run->scratch || !run->rng)
        goto fail;

    size_t off = 0;
    for (size_t st = 0; st < ns; st++)
        for (size_t i = 0; i < n; i++) {
            const ent_strategy_choice *c = &s->agents[i].strategy[st];
            run->strat_off[st * n + i] = off;
            off += align8(c->type && c->type->state_size ? c->type->state_size(c->p, n) : 0);
        }
    run->strat_off[ns * n] = off;      /* the total, used to clear the state per run */
    run->strat_mem = calloc(off + 8, 1);
    if (!run->strat_mem)
        goto fail;

    off = 0;
    size_t nt = 0, na = 0, nr = 0;
    for (size_t st = 0; st < ns; st++) {
        const ent_stage_type *t = s->stages[st].type;
        run->stage_off[st] = off;
        off += align8(t->workspace_size ? t->workspace_size(run, (int)st) : 0);
        run->trace_stage_col[st] = nt;
        nt += t->n_trace;
        run->agent_out_stage_col[st] = na;
        na += t->n_agent_outcomes;
        run->run_out_stage_col[st] = nr;
        nr += t->n_run_outcomes;
    }
    run->trace_stage_col[ns] = nt;
    run->agent_out_stage_col[ns] = na;
    run->run_out_stage_col[ns] = nr;
    run->n_trace = nt + N_RUN_TRACE;
    run->n_agent_out = na + N_RUN_AGENT;
    run->n_run_out = nr + N_RUN_RUN;
    run->stage_mem = calloc(off + 8, 1);
    /* each stage's per-agent state, one aligned block per stage */
    off = 0;
    for (size_t st = 0; st < ns; st++) {
        const ent_stage_type *t = s->stages[st].type;
        run->agent_off[st] = off;
        run->agent_stride[st] = align8(t->agent_size);
        off += n * run->agent_stride[st];
    }
    run->agent_mem_size = off;
    run->agent_mem = calloc(off + 8, 1);
    run->agent_out = calloc(n * run->n_agent_out, sizeof(double));
    run->run_out = calloc(run->n_run_out, sizeof(double));
    if (!run->stage_mem || !run->agent_mem || !run->agent_out || !run->run_out)
        goto fail;
    if (flags & ENT_RUN_TRACE) {
        run->trace = calloc((size_t)s->rounds * n * run->n_trace, sizeof(double));
        if (!run->trace)
            goto fail;
    }
    if (flags & ENT_RUN_EVENTS) {
        run->cap_events = (size_t)s->rounds * (n * 4 * (ns + 1) + 8);
        run->events = calloc(run->cap_events, sizeof *run->events);
        if (!run->events)
            goto fail;
    }
    return run;
fail:
    ent_run_free(run);
    return NULL;
}

void ent_run_free(ent_run *run)
{
    if (!run)
        return;
    free(run->agent);
    free(run->strat_off);
    free(run->strat_mem);
    free(run->stage_mem);
    free(run->agent_mem);
    free(run->trace);
    free(run->events);
    free(run->agent_out);
    free(run->run_out);
    free(run->scratch);
    if (run->rng)
        gsl_rng_free(run->rng);
    free(run);
}

void ent_i_run_event(ent_run *run, int stage, ent_event_kind kind, int actor, int target,
                     double value)
{
    if (run->n_events >= run->cap_events) {
        run->dropped_events += (run->flags & ENT_RUN_EVENTS) != 0;
        return;
    }
    ent_event *e = &run->events[run->n_events++];
    e->round = run->round;
    e->stage = (short)stage;
    e->kind = (short)kind;
    e->actor = (short)actor;
    e->target = (short)target;
    e->value = value;
}

static void reset_agents(ent_run *run)
{
    const ent_scenario *s = run->scn;
    for (size_t i = 0; i < run->n; i++) {
        const ent_agent_spec *spec = &s->agents[i];
        ent_agent_state *a = &run->agent[i];
        a->gdp = spec->gdp;
        a->share = spec->defence_share;
        a->spending = spec->defence_share * spec->gdp;
        a->threat = isnan(spec->threat) ? 0.0 : spec->threat;
        a->demand = NAN;
        a->discount = isnan(spec->discount) ? s->discount : spec->discount;
        /* every ally starts from its prior, whichever stages update it later */
        a->belief = a->belief0 = i == 0 ? NAN : spec->prior_transactional;
        a->payoff = a->cum_payoff = 0.0;
        a->weight = 1.0;
        a->patron_act = a->patron_act_now = ENT_ACT_NONE;
        /* the split of the pipeline's stages only: the rest is never read */
        memset(a->stage_payoff, 0, s->n_stages * sizeof a->stage_payoff[0]);
    }
    run->alliance_spending = 0.0;
    for (size_t i = 0; i < run->n; i++)
        run->alliance_spending += run->agent[i].spending;
}

/* The run's starting state: agents and every stage reset, round 0. */
void ent_i_run_start(ent_run *run, uint64_t seed, uint64_t point, uint64_t replicate)
{
    const ent_scenario *s = run->scn;
    ent_rng_stream(run->rng, seed, point, replicate);
    reset_agents(run);
    run->n_events = 0;
    run->dropped_events = 0;
    run->round = 0;
    run->rounds_played = 0;
    run->coins = 0;
    run->n_coins = 0;
    memset(run->strat_mem, 0, run->strat_off[s->n_stages * run->n] + 8);
    /* the stages' per-agent state first, all of it, so that a stage's reset
    ** may read another's whatever their order */
    memset(run->agent_mem, 0, run->agent_mem_size + 8);
    for (size_t st = 0; st < s->n_stages; st++)
        if (s->stages[st].type->agent_reset)
            for (size_t i = 0; i < run->n; i++)
                s->stages[st].type->agent_reset(run, (int)st, i, ent_i_run_agent_state(run, (int)st, i));
    for (size_t st = 0; st < s->n_stages; st++)
        if (s->stages[st].type->reset)
            s->stages[st].type->reset(run, (int)st);
}

int ent_i_run_coin(ent_run *run, double q)
{
    int yes = gsl_rng_uniform(run->rng) < q;
    if (run->n_coins < ENT_I_RUN_COINS_NOTED)
        run->coin_q[run->n_coins] = q;
    if (run->n_coins < 64)
        run->coins |= (uint64_t)yes << run->n_coins;
    run->n_coins++;
    return yes;
}

void ent_run_begin(ent_run *run, uint64_t seed, uint64_t point, uint64_t replicate)
{
    ent_i_run_start(run, seed, point, replicate);
    run->round = 1;
}

/* Whether round t's payoff split by stage can be read: it is read once a
** round is over (ent_run_agent_stage_payoff), so by the round's callback, or
** after the run, which ends at the last round unless it may end at random
** after any. Stages never read it, and no result depends on it: the rounds
** nobody can look at need not keep it. */
static int stage_split_readable(const ent_run *run, int t)
{
    return run->on_round || run->scn->random_end || t == run->scn->rounds;
}

int ent_run_exec(ent_run *run, uint64_t seed, uint64_t point, uint64_t replicate)
{
    ent_i_run_start(run, seed, point, replicate);
    ent_i_run_rounds(run);
    return 0;
}

void ent_i_run_rounds(ent_run *run)
{
    const ent_scenario *s = run->scn;

    size_t nt = run->trace_stage_col[s->n_stages];
    /* a round's payoffs and the patron's acts start from nothing. Where no
    ** one reads them between rounds (no trace, no callback, no random end),
    ** the pass that closes a round clears them for the next: a pass over
    ** the agents fewer each round. The last round's stay for the caller. */
    int clear_at_close = !run->trace && !run->on_round && !s->random_end;
    for (int t = 1; t <= s->rounds; t++) {
        run->round = t;
        if (t == 1 || !clear_at_close)
            for (size_t i = 0; i < run->n; i++) {
                run->agent[i].payoff = 0.0;
                run->agent[i].patron_act_now = ENT_ACT_NONE;
            }
        /* the payoff split by stage: the running sum after each stage, turned
        ** into differences when asked (ent_run_agent_stage_payoff; the sum
        ** itself is formed as without), kept only in a round whose split can
        ** be read */
        int split = stage_split_readable(run, t);
        for (size_t st = 0; st < s->n_stages; st++) {
            s->stages[st].type->play(run, (int)st, run->rng);
            if (split)
                for (size_t i = 0; i < run->n; i++)
                    run->agent[i].stage_payoff[st] = run->agent[i].payoff;
        }
        int clear = clear_at_close && t < s->rounds;
        for (size_t i = 0; i < run->n; i++) {
            ent_agent_state *a = &run->agent[i];
            a->cum_payoff += a->weight * a->payoff;
            a->weight *= a->discount;
            a->patron_act = a->patron_act_now;
            if (clear) {
                a->payoff = 0.0;
                a->patron_act_now = ENT_ACT_NONE;
            }
        }
        run->rounds_played = t;
        if (run->trace) {
            for (size_t i = 0; i < run->n; i++) {
                double *row = run->trace + (((size_t)(t - 1) * run->n) + i) * run->n_trace;
                for (size_t st = 0; st < s->n_stages; st++)
                    s->stages[st].type->record(run, (int)st, i, row + run->trace_stage_col[st]);
                row[nt] = run->agent[i].payoff;
                row[nt + 1] = run->agent[i].cum_payoff;
            }
        }
        if (run->on_round)
            run->on_round(run, run->on_round_ctx);
        /* the Axelrod/Roth convention: the game goes on with probability delta */
        if (s->random_end && gsl_rng_uniform(run->rng) >= s->discount)
            break;
    }

    for (size_t st = 0; st < s->n_stages; st++)
        s->stages[st].type->summarise(run, (int)st,
                                      run->agent_out + run->agent_out_stage_col[st],
                                      run->run_out + run->run_out_stage_col[st]);
    size_t na = run->agent_out_stage_col[s->n_stages];
    for (size_t i = 0; i < run->n; i++)
        run->agent_out[i * run->n_agent_out + na] = run->agent[i].cum_payoff;
    run->run_out[run->run_out_stage_col[s->n_stages]] = run->rounds_played;
}

static size_t columns(const ent_run *run, const ent_column **out, size_t cap, int which)
{
    size_t k = 0;
    const ent_scenario *s = run->scn;
    for (size_t st = 0; st < s->n_stages; st++) {
        const ent_stage_type *t = s->stages[st].type;
        const ent_column *c = which == 0 ? t->trace : which == 1 ? t->agent_outcomes : t->run_outcomes;
        size_t m = which == 0 ? t->n_trace : which == 1 ? t->n_agent_outcomes : t->n_run_outcomes;
        for (size_t j = 0; j < m && k < cap; j++)
            out[k++] = &c[j];
    }
    const ent_column *c = which == 0 ? run_trace_cols : which == 1 ? run_agent_cols : run_run_cols;
    size_t m = which == 0 ? N_RUN_TRACE : which == 1 ? N_RUN_AGENT : N_RUN_RUN;
    for (size_t j = 0; j < m && k < cap; j++)
        out[k++] = &c[j];
    return k;
}

/* Position of column `name` of `stage` (NULL: the run's own) among the
** columns `which` lists (1 agent outcomes, 2 run outcomes), or -1. */
static long column_index(const ent_run *run, int which, const char *stage, const char *name)
{
    const ent_scenario *s = run->scn;
    size_t st = s->n_stages;
    if (stage && (st = (size_t)ent_scenario_stage_index(s, stage)) >= s->n_stages)
        return -1;
    const ent_stage_type *t = st < s->n_stages ? s->stages[st].type : NULL;
    const ent_column *c = t ? (which == 1 ? t->agent_outcomes : t->run_outcomes)
                            : (which == 1 ? run_agent_cols : run_run_cols);
    size_t m = t ? (which == 1 ? t->n_agent_outcomes : t->n_run_outcomes)
                 : (which == 1 ? N_RUN_AGENT : N_RUN_RUN);
    for (size_t j = 0; j < m; j++)
        if (!strcmp(c[j].name, name))
            return (long)((which == 1 ? run->agent_out_stage_col[st] : run->run_out_stage_col[st]) + j);
    return -1;
}

int ent_run_trace_column(const ent_run *run, const char *name)
{
    const ent_scenario *s = run->scn;
    size_t k = 0;
    for (size_t st = 0; st < s->n_stages; st++) {
        const ent_stage_type *t = s->stages[st].type;
        for (size_t j = 0; j < t->n_trace; j++, k++)
            if (!strcmp(t->trace[j].name, name))
                return (int)k;
    }
    for (size_t j = 0; j < N_RUN_TRACE; j++, k++)
        if (!strcmp(run_trace_cols[j].name, name))
            return (int)k;
    return -1;
}

double ent_run_outcome(const ent_run *run, const char *stage, const char *name)
{
    long k = column_index(run, 2, stage, name);
    return k < 0 ? NAN : run->run_out[k];
}

double ent_run_agent_outcome(const ent_run *run, size_t agent, const char *stage, const char *name)
{
    long k = column_index(run, 1, stage, name);
    return k < 0 || agent >= run->n ? NAN : run->agent_out[agent * run->n_agent_out + (size_t)k];
}

size_t ent_run_trace_columns(const ent_run *run, const ent_column **out, size_t cap)
{
    return columns(run, out, cap, 0);
}

size_t ent_run_agent_outcome_columns(const ent_run *run, const ent_column **out, size_t cap)
{
    return columns(run, out, cap, 1);
}

size_t ent_run_run_outcome_columns(const ent_run *run, const ent_column **out, size_t cap)
{
    return columns(run, out, cap, 2);
}

const double *ent_run_trace_row(const ent_run *run, int round, size_t agent)
{
    if (!run->trace || round < 1 || round > run->rounds_played || agent >= run->n)
        return NULL;
    return run->trace + (((size_t)(round - 1) * run->n) + agent) * run->n_trace;
}

const ent_scenario *ent_run_scenario(const ent_run *run) { return run->scn; }
int ent_run_round(const ent_run *run) { return run->round; }
double ent_run_alliance_spending(const ent_run *run) { return run->alliance_spending; }

void ent_run_on_round(ent_run *run, void (*f)(const ent_run *run, void *ctx), void *ctx)
{
    run->on_round = f;
    run->on_round_ctx = ctx;
}

const ent_event *ent_run_event_log(const ent_run *run, size_t *n)
{
    *n = run->n_events;
    return run->events;
}

/* The shared state by name: what ent_run_agent_get finds before asking the stages. */
static int shared_value(const ent_agent_state *a, const char *name, double *v)
{
#define F(f) if (!strcmp(name, #f)) { *v = (double)a->f; return 1; }
    F(gdp) F(share) F(spending) F(threat) F(demand) F(discount)
    F(payoff) F(cum_payoff) F(weight) F(patron_act) F(belief) F(belief0)
#undef F
    return 0;
}

int ent_run_agent_get(const ent_run *run, size_t agent, const char *name, double *value)
{
    if (agent >= run->n || !name)
        return -1;
    if (shared_value(&run->agent[agent], name, value))
        return 0;
    const ent_scenario *s = run->scn;
    for (size_t st = 0; st < s->n_stages; st++) {
        const ent_stage_type *t = s->stages[st].type;
        if (t->agent_value && t->agent_value(run, (int)st, agent, name, value))
            return 0;
    }
    return -1;
}

double ent_run_agent_value(const ent_run *run, size_t agent, const char *name)
{
    double v;
    return ent_run_agent_get(run, agent, name, &v) == 0 ? v : NAN;
}

double ent_run_agent_stage_payoff(const ent_run *run, size_t agent, int stage)
{
    if (agent >= run->n || stage < 0 || (size_t)stage >= run->scn->n_stages)
        return NAN;
    const double *sum = run->agent[agent].stage_payoff;
    return stage == 0 ? sum[0] : sum[stage] - sum[stage - 1];
}

/* ---- what the sweep and calibration cores ask of a run ------------------------ */

size_t ent_i_run_layout_len(const ent_scenario *s)
{
    return s->n_stages * (s->n_agents + 1);
}

void ent_i_run_layout(const ent_run *run, size_t *out)
{
    const ent_scenario *s = run->scn;
    size_t k = 0;
    for (size_t st = 0; st < s->n_stages; st++) {
        for (size_t i = 0; i < s->n_agents; i++) {
            const ent_strategy_choice *c = &s->agents[i].strategy[st];
            out[k++] = align8(c->type && c->type->state_size ? c->type->state_size(c->p, s->n_agents) : 0);
        }
        const ent_stage_type *t = s->stages[st].type;
        out[k++] = align8(t->workspace_size ? t->workspace_size(run, (int)st) : 0);
    }
}

double ent_i_run_outcome_at(const ent_run *run, size_t o)
{
    if (o < run->n_run_out)
        return run->run_out[o];
    size_t oc = (o - run->n_run_out) / run->n, a = (o - run->n_run_out) % run->n;
    return run->agent_out[a * run->n_agent_out + oc];
}

char **ent_i_run_outcome_names(const ent_run *run, size_t *n)
{
    const ent_column *rc[256], *ac[256];
    size_t nr = ent_run_run_outcome_columns(run, rc, 256);
    size_t na = ent_run_agent_outcome_columns(run, ac, 256);
    size_t total = nr + na * run->n;
    char **names = calloc(total + 1, sizeof *names);
    for (size_t o = 0; names && o < total; o++) {
        char buf[256];
        if (o < nr)
            snprintf(buf, sizeof buf, "%s", rc[o]->name);
        else
            snprintf(buf, sizeof buf, "%s.%s", ac[(o - nr) / run->n]->name,
                     run->scn->agents[(o - nr) % run->n].code);
        if (!(names[o] = strdup(buf))) {
            ent_i_names_free(names, o);
            return NULL;
        }
    }
    *n = names ? total : 0;
    return names;
}

void ent_i_names_free(char **names, size_t n)
{
    for (size_t i = 0; names && i < n; i++)
        free(names[i]);
    free(names);
}

void ent_i_run_outcome_vector(const ent_run *run, double *out)
{
    memcpy(out, run->run_out, run->n_run_out * sizeof *out);
    double *ao = out + run->n_run_out;
    for (size_t o = 0; o < run->n_agent_out; o++)
        for (size_t a = 0; a < run->n; a++)
            *ao++ = run->agent_out[a * run->n_agent_out + o];
}
