/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** classroom_world.c: the worlds of `entente classroom`. A world is one run
** of the scenario on its own thread, in which the seated students' agents
** play strategy types whose decide() publishes a question (what the seat
** sees, as JSON) and waits for the student's answer, for the round's time
** limit, or for the teacher to move on; a latecomer's decision is then the
** scenario's own strategy's, which keeps its state all along (the types wrap
** its state, reset and observe; the matrix stage plays the library type
** behind such a stand-in). Between rounds a world waits at a gate
** until the teacher opens the next round. The checks of an answer are those
** of `entente play`, and say which field is wrong.
*/
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "classroom.h"
#include "cli.h"
#include "output.h"
#include "play.h"
#include "narrate.h"

static _Thread_local cr_world *tl_world;
static pthread_mutex_t write_mu = PTHREAD_MUTEX_INITIALIZER;

double cr_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

const char *cr_kind_name(int kind)
{
    switch (kind) {
    case CR_Q_BURDEN: return "burden_sharing";
    case CR_Q_EXIT_ALLY: return "demand_answer";
    case CR_Q_EXIT_DEMAND: return "demand";
    case CR_Q_EXIT_ENFORCE: return "enforce";
    case CR_Q_HEDGE: return "hedging";
    case CR_Q_COMMIT: return "commitment";
    case CR_Q_MATRIX: return "matrix";
    default: return "none";
    }
}

int cr_stage_playable(const char *stage, int patron)
{
    return !strcmp(stage, "burden_sharing") || !strcmp(stage, "exit_leverage") || !strcmp(stage, "matrix") ||
           (!patron && (!strcmp(stage, "hedging") || !strcmp(stage, "security_dilemma")));
}

int cr_seat_playable(const ent_scenario *s, int agent)
{
    for (size_t st = 0; st < ent_scenario_n_stages(s); st++)
        if (ent_scenario_agent_strategy(s, (size_t)agent, st) && cr_stage_playable(ent_scenario_stage_type(s, st)->name, agent == 0))
            return 1;
    return 0;
}

/* The agent and stage whose parameters p are (every stage passes the
** agent's own choice's p to its strategy's hooks). */
static const ent_strategy_type *locate(const double *p, int *agent, int *stage)
{
    cr_world *w = tl_world;
    if (!w)
        return NULL;
    for (size_t i = 0; i < ent_scenario_n_agents(w->s); i++)
        for (size_t st = 0; st < ent_scenario_n_stages(w->s); st++)
            if (ent_scenario_agent_strategy_values(w->s, i, st) == p && w->orig[i][st]) {
                if (agent) *agent = (int)i;
                if (stage) *stage = (int)st;
                return w->orig[i][st];
            }
    return NULL;
}

static size_t h_state_size(const double *p, size_t n)
{
    const ent_strategy_type *o = locate(p, NULL, NULL);
    return o && o->state_size ? o->state_size(p, n) : 0;
}

static void h_reset(const double *p, void *state, const void *view)
{
    const ent_strategy_type *o = locate(p, NULL, NULL);
    if (o && o->reset)
        o->reset(p, state, view);
}

static void h_observe(const double *p, void *state, const void *view, double payoff)
{
    const ent_strategy_type *o = locate(p, NULL, NULL);
    if (o && o->observe)
        o->observe(p, state, view, payoff);
}

static int late(const cr_class *c, int round)
{
    return c->stopping || c->open_round > round || (c->deadline > 0 && cr_now() >= c->deadline);
}

void cr_wait(cr_class *c, double seconds)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    long ns = ts.tv_nsec + (long)(seconds * 1e9);
    ts.tv_sec += ns / 1000000000L;
    ts.tv_nsec = ns % 1000000000L;
    pthread_cond_timedwait(&c->cv, &c->mu, &ts);
}

/* Publish a question and wait: 1 and *out if the student answered, 0 if the
** strategy is to decide. Takes `sit`. */
static int ask(cr_world *w, int kind, int agent, int stage, json_t *sit, double demand, cr_decision *out)
{
    cr_class *c = w->cls;
    int round = ent_run_round(w->run);
    json_object_set_new(sit, "round", json_integer(round));
    char *txt = json_dumps(sit, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(sit);
    pthread_mutex_lock(&c->mu);
    w->q.kind = kind;
    w->q.id++;
    w->q.agent = agent;
    w->q.stage = stage;
    w->q.round = round;
    w->q.situation = txt;
    w->q.demand = demand;
    w->q.answered = 0;
    w->busy = 0;
    pthread_cond_broadcast(&c->cv);
    while (!w->q.answered && !late(c, round))
        cr_wait(c, 0.25);
    int got = w->q.answered;
    if (got)
        *out = w->q.d;
    int si = w->student[agent];
    if (si >= 0) {
        if (got) c->students[si].moves++;
        else c->students[si].late++;
    }
    free(w->q.situation);
    w->q.situation = NULL;
    w->q.kind = CR_Q_NONE;
    w->busy = 1;
    pthread_cond_broadcast(&c->cv);
    pthread_mutex_unlock(&c->mu);
    return got;
}

static json_t *situation(const char *stage)
{
    return json_pack("{s:s, s:[]}", "stage", stage, "text");
}

static void say(json_t *sit, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(json_t *sit, const char *fmt, ...)
{
    char buf[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    json_array_append_new(json_object_get(sit, "text"), json_string(buf));
}

static void put(json_t *sit, const char *key, double x)
{
    json_object_set_new(sit, key, isfinite(x) ? json_real(x) : json_null());
}

/* ---- the decisions ------------------------------------------------------------- */

static void burden_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r)
{
    const ent_burden_view *v = vv;
    ent_burden_decision *d = dd;
    int agent, stage;
    const ent_strategy_type *o = locate(p, &agent, &stage);
    d->share = v->share;
    if (!o)
        return;
    double br = ent_burden_best_response(v->gdp, v->alpha, v->psi, v->spending_others) / v->gdp;
    json_t *sit = situation("burden_sharing");
    put(sit, "gdp", v->gdp);
    put(sit, "share", 100 * v->share);
    put(sit, "spending_others", v->spending_others);
    put(sit, "demand", v->is_patron ? NAN : 100 * v->demand);
    put(sit, "best_response", 100 * br);
    say(sit, "Your GDP is $%.0f bn. Last round you spent %.2f%% of GDP ($%.1f bn).", v->gdp, 100 * v->share,
        v->share * v->gdp);
    say(sit, "Everyone else together spends $%.0f bn on the alliance's defence.", v->spending_others);
    if (!v->is_patron) {
        if (v->share + 1e-12 >= v->demand)
            say(sit, "The patron demands %.2f%% of GDP (you meet it).", 100 * v->demand);
        else
            say(sit, "The patron demands %.2f%% of GDP (you fall short by %.2f points).", 100 * v->demand,
                100 * (v->demand - v->share));
        if (v->round > 1)
            say(sit, "Last round the patron %s.", play_act_words(v->patron_act));
    }
    say(sit, "Spending what serves you best given the others (a best response) would be %.2f%%.", 100 * br);
    cr_decision a;
    if (ask(tl_world, CR_Q_BURDEN, agent, stage, sit, NAN, &a))
        d->share = a.share;
    else if (o->decide)
        o->decide(p, st, vv, dd, r);
}

static void exit_ally_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r)
{
    const ent_exit_ally_view *v = vv;
    int agent, stage;
    const ent_strategy_type *o = locate(p, &agent, &stage);
    if (!o)
        return;
    json_t *sit = situation("exit_leverage");
    char what[160];
    put(sit, "demand", v->demand);
    json_object_set_new(sit, "threat", json_boolean(v->threat));
    put(sit, "harm", v->threat ? v->harm : 0.0);
    put(sit, "belief", v->belief);
    put(sit, "support", 100 * v->support);
    double ws = play_winset(tl_world->run, (size_t)agent);
    put(sit, "winset", ws);
    put(sit, "sovereignty_cost", v->sovereignty_cost);
    put(sit, "execute_prob", v->threat ? 100 * v->execute_prob : 0.0);
    if (v->threat)
        say(sit, "The patron demands $%.2f bn more defence effort from you, and threatens %s. If it carries that "
            "out you lose about $%.2f bn this year.", v->demand,
            play_instrument_words(v->instrument, 0, what, sizeof what), v->harm);
    else
        say(sit, "The patron demands $%.2f bn more defence effort from you (no threat comes with it).", v->demand);
    say(sit, "You think the patron is transactional with probability %.2f; public support for the alliance is "
        "%.0f%%.", v->belief, 100 * v->support);
    if (!isnan(ws))
        say(sit, "Your legislature would ratify at most $%.2f bn this round (its win-set): a deal above that "
            "fails or is cut back.", ws);
    say(sit, "Conceding costs you the money and about $%.2f bn of autonomy.", v->sovereignty_cost);
    if (v->threat)
        say(sit, "Given what each type of patron would do, and what this demand tells you, the chance that it "
            "carries the threat out if you refuse is about %.0f%%.", 100 * v->execute_prob);
    if (v->executions_suffered || v->bluffs_called)
        say(sit, "So far it has carried out %d threat%s against you and backed down %d time%s.",
            v->executions_suffered, v->executions_suffered == 1 ? "" : "s", v->bluffs_called,
            v->bluffs_called == 1 ? "" : "s");
    cr_decision a;
    if (ask(tl_world, CR_Q_EXIT_ALLY, agent, stage, sit, v->demand, &a)) {
        ent_exit_ally_decision *d = dd;
        d->response = a.response;
        d->concession = a.concession;
    } else {
        o->decide(p, st, vv, dd, r);
    }
}

static const char *const instr_names[3] = { "drawdown", "tariffs", "tech" };

static json_t *instr_json(unsigned instr)
{
    json_t *a = json_array();
    for (int k = 0; k < 3; k++)
        if (instr & (1u << k))
            json_array_append_new(a, json_string(instr_names[k]));
    return a;
}

static void exit_patron_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r)
{
    const ent_exit_patron_view *v = vv;
    ent_exit_patron_decision *d = dd;
    int agent, stage;
    const ent_strategy_type *o = locate(p, &agent, &stage);
    if (!o)
        return;
    const ent_scenario *s = tl_world->s;
    ent_exit_behaviour b;
    int known = ent_exit_patron_behaviour(o, p, st, v, &b) == 0;
    json_t *sit = situation("exit_leverage");
    json_object_set_new(sit, "ally", json_string(ent_scenario_agent_code(s, v->ally)));
    json_object_set_new(sit, "ally_name", json_string(ent_scenario_agent_name(s, v->ally)));
    cr_decision a;
    if (v->phase == ENT_EXIT_THREAT) {
        double sug = known && b.demand > 0 && isfinite(b.demand) ? b.demand : v->gap;
        unsigned sug_instr = known && b.threat >= 0.5 ? (b.instrument & ENT_INSTR_ALL ? b.instrument & ENT_INSTR_ALL
                                                                                     : ENT_INSTR_DRAWDOWN) : 0;
        put(sit, "gap", v->gap);
        put(sit, "support", 100 * v->support);
        json_object_set_new(sit, "defiances", json_integer(v->ally_defiances));
        json_object_set_new(sit, "harm", json_pack("[f,f,f]", v->harm[0], v->harm[1], v->harm[2]));
        json_object_set_new(sit, "cost", json_pack("[f,f,f]", v->cost[0], v->cost[1], v->cost[2]));
        put(sit, "audience_cost", v->audience_cost);
        put(sit, "suggested_demand", sug);
        json_object_set_new(sit, "suggested_threat", instr_json(sug_instr));
        json_object_set_new(sit, "type", json_string(v->type == ENT_TYPE_TRANSACTIONAL ? "transactional" : "committed"));
        say(sit, "%s falls short of your target by $%.2f bn. Public support for the alliance there is %.0f%%; it "
            "has defied you %d time%s.", ent_scenario_agent_name(s, v->ally), v->gap, 100 * v->support, v->ally_defiances,
            v->ally_defiances == 1 ? "" : "s");
        say(sit, "If you threatened and carried it out: a drawdown would cost it $%.2f bn (you $%.2f bn), tariffs "
            "$%.2f bn (you $%.2f bn), technology controls $%.2f bn (you $%.2f bn).", v->harm[0], v->cost[0],
            v->harm[1], v->cost[1], v->harm[2], v->cost[2]);
        say(sit, "Backing down from a threat costs you $%.2f bn (audience costs). Your type is %s. The scenario's "
            "strategy would demand $%.2f bn.", v->audience_cost,
            v->type == ENT_TYPE_TRANSACTIONAL ? "transactional" : "committed", sug);
        if (ask(tl_world, CR_Q_EXIT_DEMAND, agent, stage, sit, NAN, &a)) {
            d->demand = a.demand;
            d->threat = a.demand > 0 && a.instrument != 0;
            d->instrument = d->threat ? a.instrument : 0;
        } else {
            o->decide(p, st, vv, dd, r);
        }
        return;
    }
    char what[160];
    double h = 0, cost = 0;
    for (int k = 0; k < 3; k++)
        if (v->instrument & (1u << k))
            h += v->harm[k], cost += v->cost[k];
    put(sit, "demand", v->demand);
    json_object_set_new(sit, "threat", instr_json(v->instrument));
    json_object_set_new(sit, "response", json_string(v->response == ENT_RESP_DEFY ? "defy" : "offer"));
    put(sit, "concession", v->concession);
    json_object_set_new(sit, "ratify_failed", json_boolean(v->ratify_failed));
    put(sit, "harm", h);
    put(sit, "cost", cost);
    put(sit, "audience_cost", v->audience_cost);
    json_object_set_new(sit, "suggested_execute", json_boolean(known ? b.execute >= 0.5 : 1));
    say(sit, "%s did not meet your demand of $%.2f bn; you threatened %s. It %s%s.", ent_scenario_agent_name(s, v->ally),
        v->demand, play_instrument_words(v->instrument, 1, what, sizeof what),
        v->response == ENT_RESP_DEFY ? "defied you" : "offered part",
        v->ratify_failed ? ", and its legislature rejected the deal" : "");
    say(sit, "Carrying the threat out harms it by $%.2f bn and costs you $%.2f bn; backing down costs you $%.2f bn.",
        h, cost, v->audience_cost);
    if (ask(tl_world, CR_Q_EXIT_ENFORCE, agent, stage, sit, NAN, &a))
        d->execute = a.execute;
    else
        o->decide(p, st, vv, dd, r);
}

static const char *const hedge_names[3] = { "bandwagon", "balance", "bind" };

static void hedge_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r)
{
    const ent_hedge_view *v = vv;
    ent_hedge_decision *d = dd;
    int agent, stage;
    const ent_strategy_type *o = locate(p, &agent, &stage);
    memcpy(d->w, v->w, sizeof d->w);
    if (!o)
        return;
    json_t *sit = situation("hedging");
    json_object_set_new(sit, "worth", json_pack("[f,f,f]", v->u[0], v->u[1], v->u[2]));
    json_object_set_new(sit, "portfolio", json_pack("[f,f,f]", 100 * v->w[0], 100 * v->w[1], 100 * v->w[2]));
    put(sit, "belief", v->belief);
    int best = 0;
    double now = 0.0;
    for (int k = 0; k < 3; k++) {
        now += v->w[k] * v->u[k];
        if (v->u[k] > v->u[best])
            best = k;
    }
    say(sit, "What each option is worth this round (expected, %% of GDP): bandwagon %.3f, balance %.3f, bind %.3f.",
        v->u[0], v->u[1], v->u[2]);
    say(sit, "Kept as it is (%.0f/%.0f/%.0f), the portfolio earns %.3f%% of GDP this round; all in %s would earn "
        "%.3f.", 100 * v->w[0], 100 * v->w[1], 100 * v->w[2], now, hedge_names[best], v->u[best]);
    say(sit, "Binding also shields you: a tariff or technology threat hurts you %.0f%% less with bind at %.0f%%.",
        100 * v->w[2], 100 * v->w[2]);
    cr_decision a;
    if (ask(tl_world, CR_Q_HEDGE, agent, stage, sit, NAN, &a))
        memcpy(d->w, a.w, sizeof d->w);
    else if (o->decide)
        o->decide(p, st, vv, dd, r);
}

static void commit_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r)
{
    const ent_commit_view *v = vv;
    ent_commit_decision *d = dd;
    int agent, stage;
    const ent_strategy_type *o = locate(p, &agent, &stage);
    d->commitment = v->commitment;
    if (!o)
        return;
    double kbest = ent_commitment_optimum(v->A, v->rho, v->E);
    json_t *sit = situation("security_dilemma");
    put(sit, "abandonment", v->A);
    put(sit, "rho", v->rho);
    put(sit, "entrapment", v->E);
    put(sit, "commitment", v->commitment);
    put(sit, "best", kbest);
    say(sit, "Being abandoned in a crisis would cost you about %.3f%% of GDP in expectation this round; full "
        "commitment cuts that by %.0f%%. But commitment k also risks entrapment in the patron's conflicts, costing "
        "%.3f x k^2 / 2 %% of GDP.", v->A, 100 * v->rho, v->E);
    say(sit, "Your commitment is %.2f: fears %.3f + %.3f = %.3f%% of GDP. The best commitment, %.2f, gives %.3f.",
        v->commitment, ent_abandonment_fear(v->A, v->rho, v->commitment), ent_entrapment_fear(v->E, v->commitment),
        ent_abandonment_fear(v->A, v->rho, v->commitment) + ent_entrapment_fear(v->E, v->commitment), kbest,
        ent_abandonment_fear(v->A, v->rho, kbest) + ent_entrapment_fear(v->E, kbest));
    cr_decision a;
    if (ask(tl_world, CR_Q_COMMIT, agent, stage, sit, NAN, &a))
        d->commitment = a.commitment;
    else if (o->decide)
        o->decide(p, st, vv, dd, r);
}

static void matrix_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r)
{
    const ent_matrix_view *v = vv;
    ent_matrix_decision *d = dd;
    const ent_gs_view *g = &v->game;
    int agent, stage;
    const ent_strategy_type *o = locate(p, &agent, &stage);
    d->action = g->turn > 0 ? g->own[g->turn - 1] : ENT_C;
    if (!o)
        return;
    const ent_scenario *s = tl_world->s;
    json_t *sit = situation("matrix");
    json_object_set_new(sit, "opponent", json_string(ent_scenario_agent_code(s, v->opponent)));
    json_object_set_new(sit, "payoffs", json_pack("{s:f,s:f,s:f,s:f}", "R", g->R, "S", g->S, "T", g->T, "P", g->P));
    say(sit, "The game with %s. Your payoffs: both cooperate %g; you cooperate, they defect %g; you defect, they "
        "cooperate %g; both defect %g.", ent_scenario_agent_name(s, v->opponent), g->R, g->S, g->T, g->P);
    if (g->turn > 0) {
        json_object_set_new(sit, "last", json_pack("{s:s,s:s}", "you", g->own[g->turn - 1] == ENT_D ? "defect" : "cooperate",
                                                    "them", g->opp[g->turn - 1] == ENT_D ? "defect" : "cooperate"));
        say(sit, "Last round you played %s and %s played %s; they have cooperated %d time%s of %d.",
            g->own[g->turn - 1] == ENT_D ? "defect" : "cooperate", ent_scenario_agent_code(s, v->opponent),
            g->opp[g->turn - 1] == ENT_D ? "defect" : "cooperate", g->opp_coop, g->opp_coop == 1 ? "" : "s", g->turn);
    }
    cr_decision a;
    /* a latecomer's move is the scenario's strategy's (the stage gives the
    ** view the library type behind this stand-in) */
    if (ask(tl_world, CR_Q_MATRIX, agent, stage, sit, NAN, &a))
        d->action = a.action;
    else if (o->decide)
        o->decide(p, st, vv, dd, r);
}

/* ---- checking an answer ------------------------------------------------------------ */

#define FAIL(...) do { snprintf(err, cap, __VA_ARGS__); return -1; } while (0)

int cr_utf8_char(const char *s, unsigned *cp)
{
    static const unsigned least[] = { 0, 0, 0x80, 0x800, 0x10000 };
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) {
        *cp = u[0];
        return u[0] ? 1 : 0;
    }
    int n = u[0] >= 0xf0 ? 4 : u[0] >= 0xe0 ? 3 : u[0] >= 0xc0 ? 2 : 0;
    if (!n)
        return 0;
    unsigned x = u[0] & (0x7fu >> n);
    for (int k = 1; k < n; k++) {
        if ((u[k] & 0xc0) != 0x80)     /* the end of s included */
            return 0;
        x = x << 6 | (u[k] & 0x3fu);
    }
    /* no overlong form, surrogate or code point past U+10FFFF */
    if (x < least[n] || x > 0x10ffff || (x >= 0xd800 && x <= 0xdfff))
        return 0;
    *cp = x;
    return n;
}

size_t cr_utf8_prefix(const char *s, size_t chars)
{
    size_t n = 0;
    unsigned cp;
    for (int len; chars > 0 && (len = cr_utf8_char(s + n, &cp)) > 0; chars--)
        n += (size_t)len;
    return n;
}

void cr_utf8_scrub(char *s)
{
    unsigned cp;
    while (*s) {
        int len = cr_utf8_char(s, &cp);
        if (!len)
            *s = '?';
        s += len ? len : 1;
    }
}

const char *cr_unknown_key(json_t *o, const char *const *allowed)
{
    const char *key;
    json_t *val;
    json_object_foreach(o, key, val) {
        size_t k = 0;
        while (allowed[k] && strcmp(key, allowed[k]))
            k++;
        if (!allowed[k])
            return key;
    }
    return NULL;
}

/* Every key of o is in the NULL-terminated list allowed. */
static int only(json_t *o, const char *const *allowed, char *err, size_t cap)
{
    const char *key = cr_unknown_key(o, allowed);
    if (key) {
        char list[200] = "";
        for (size_t k = 0; allowed[k]; k++)
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", k ? ", " : "", allowed[k]);
        FAIL("decisions.%.*s: unknown field; this question takes %s", (int)cr_utf8_prefix(key, 60), key, list);
    }
    return 0;
}

static int number(json_t *o, const char *key, double *x, char *err, size_t cap)
{
    json_t *v = json_object_get(o, key);
    if (!v)
        FAIL("decisions.%s: missing", key);
    if (!json_is_number(v))
        FAIL("decisions.%s: expected a number", key);
    *x = json_number_value(v);
    if (!isfinite(*x))
        FAIL("decisions.%s: expected a finite number", key);
    return 0;
}

static int word(json_t *o, const char *key, const char **s, char *err, size_t cap)
{
    json_t *v = json_object_get(o, key);
    if (!v)
        FAIL("decisions.%s: missing", key);
    if (!json_is_string(v))
        FAIL("decisions.%s: expected a string", key);
    *s = json_string_value(v);
    return 0;
}

int cr_validate(const cr_question *q, json_t *dec, cr_decision *d, char *err, size_t cap)
{
    memset(d, 0, sizeof *d);
    if (!json_is_object(dec))
        FAIL("decisions: expected an object");
    const char *s;
    double x;
    switch (q->kind) {
    case CR_Q_BURDEN: {
        static const char *const k[] = { "share", NULL };
        if (only(dec, k, err, cap) || number(dec, "share", &x, err, cap))
            return -1;
        if (!(x >= 0 && x <= 100))
            FAIL("decisions.share: please give a number from 0 to 100 (your defence share in %% of GDP, for "
                 "example 2.5)");
        d->share = x / 100.0;
        return 0;
    }
    case CR_Q_EXIT_ALLY: {
        static const char *const k[] = { "answer", "offer", NULL };
        if (only(dec, k, err, cap) || word(dec, "answer", &s, err, cap))
            return -1;
        if (!strcmp(s, "comply") || !strcmp(s, "defy")) {
            if (json_object_get(dec, "offer"))
                FAIL("decisions.offer: an offer goes with the answer \"offer\" only");
            d->response = s[0] == 'c' ? ENT_RESP_COMPLY : ENT_RESP_DEFY;
            d->concession = s[0] == 'c' ? q->demand : 0.0;
            return 0;
        }
        if (strcmp(s, "offer"))
            FAIL("decisions.answer: expected \"comply\", \"defy\" or \"offer\"");
        if (number(dec, "offer", &x, err, cap))
            return -1;
        if (!(x > 0 && x < q->demand))
            FAIL("decisions.offer: an offer must be more than 0 and less than the demand, $%.2f bn; to give all "
                 "of it answer comply, to give nothing answer defy", q->demand);
        d->response = ENT_RESP_PARTIAL;
        d->concession = x;
        return 0;
    }
    case CR_Q_EXIT_DEMAND: {
        static const char *const k[] = { "demand", "threat", NULL };
        if (only(dec, k, err, cap) || number(dec, "demand", &x, err, cap))
            return -1;
        if (!(x >= 0 && x <= 1e6))
            FAIL("decisions.demand: please give an amount in $ bn, from 0 (no demand) to 1000000");
        d->demand = x;
        json_t *t = json_object_get(dec, "threat");
        if (t && !json_is_array(t))
            FAIL("decisions.threat: expected a list of instruments (drawdown, tariffs, tech), [] for none");
        size_t i;
        json_t *e;
        json_array_foreach(t, i, e) {
            int found = -1;
            for (int m = 0; m < 3 && json_is_string(e); m++)
                if (!strcmp(json_string_value(e), instr_names[m]))
                    found = m;
            if (found < 0)
                FAIL("decisions.threat[%zu]: expected \"drawdown\", \"tariffs\" or \"tech\"", i);
            d->instrument |= 1u << found;
        }
        return 0;
    }
    case CR_Q_EXIT_ENFORCE: {
        static const char *const k[] = { "execute", NULL };
        if (only(dec, k, err, cap))
            return -1;
        json_t *v = json_object_get(dec, "execute");
        if (!v)
            FAIL("decisions.execute: missing");
        if (!json_is_boolean(v))
            FAIL("decisions.execute: expected true (carry out the threat) or false (back down)");
        d->execute = json_is_true(v);
        return 0;
    }
    case CR_Q_HEDGE: {
        static const char *const k[] = { "portfolio", NULL };
        if (only(dec, k, err, cap))
            return -1;
        json_t *v = json_object_get(dec, "portfolio");
        if (!v)
            FAIL("decisions.portfolio: missing");
        if (!json_is_array(v) || json_array_size(v) != 3)
            FAIL("decisions.portfolio: please give three percentages (bandwagon balance bind), for example "
                 "[60, 15, 25]");
        double sum = 0, w[3];
        for (size_t i = 0; i < 3; i++) {
            json_t *e = json_array_get(v, i);
            if (!json_is_number(e))
                FAIL("decisions.portfolio[%zu]: expected a number", i);
            w[i] = json_number_value(e);
            if (!(w[i] >= 0 && w[i] <= 100))
                FAIL("decisions.portfolio[%zu]: no percentage can be negative or above 100", i);
            sum += w[i];
        }
        if (fabs(sum - 100.0) > 0.01)
            FAIL("decisions.portfolio: your three percentages add up to %.6g; they must add up to 100", sum);
        for (int i = 0; i < 3; i++)
            d->w[i] = w[i] / 100.0;
        return 0;
    }
    case CR_Q_COMMIT: {
        static const char *const k[] = { "commitment", NULL };
        if (only(dec, k, err, cap) || number(dec, "commitment", &x, err, cap))
            return -1;
        if (x > 1 && x <= 100)
            FAIL("decisions.commitment: k runs from 0 to 1; for %g percent give %g", x, x / 100);
        if (!(x >= 0 && x <= 1))
            FAIL("decisions.commitment: please give a number from 0 (none) to 1 (full), for example 0.6");
        d->commitment = x;
        return 0;
    }
    case CR_Q_MATRIX: {
        static const char *const k[] = { "move", NULL };
        if (only(dec, k, err, cap) || word(dec, "move", &s, err, cap))
            return -1;
        if (strcmp(s, "cooperate") && strcmp(s, "defect"))
            FAIL("decisions.move: expected \"cooperate\" or \"defect\"");
        d->action = s[0] == 'd' ? ENT_D : ENT_C;
        return 0;
    }
    default:
        FAIL("nothing is asked of you now");
    }
}

#undef FAIL

/* ---- the tables ------------------------------------------------------------------ */

static const ent_strategy_type t_burden = {
    "human", "burden_sharing", ENT_ROLE_ANY, "a student in the classroom decides", "classroom mode",
    NULL, 0, h_state_size, h_reset, burden_decide, h_observe
};
static const ent_strategy_type t_exit_ally = {
    "human", "exit_leverage", ENT_ROLE_ALLY, "a student in the classroom answers the demand", "classroom mode",
    NULL, 0, h_state_size, h_reset, exit_ally_decide, h_observe
};
static const ent_strategy_type t_exit_patron = {
    "human", "exit_leverage", ENT_ROLE_PATRON, "a student in the classroom makes the demands",
    ent_stand_in_reference, NULL, 0, h_state_size, h_reset, exit_patron_decide, h_observe
};
static const ent_strategy_type t_hedge = {
    "human", "hedging", ENT_ROLE_ALLY, "a student in the classroom chooses the portfolio", "classroom mode",
    NULL, 0, h_state_size, h_reset, hedge_decide, h_observe
};
static const ent_strategy_type t_commit = {
    "human", "security_dilemma", ENT_ROLE_ALLY, "a student in the classroom chooses the commitment",
    "classroom mode", NULL, 0, h_state_size, h_reset, commit_decide, h_observe
};
static const ent_strategy_type t_matrix = {
    "human", "matrix", ENT_ROLE_ANY, "a student in the classroom moves", ent_stand_in_reference,
    NULL, 0, h_state_size, h_reset, matrix_decide, h_observe
};

static const ent_strategy_type *template_for(const char *stage, int patron)
{
    if (!strcmp(stage, "burden_sharing")) return &t_burden;
    if (!strcmp(stage, "exit_leverage")) return patron ? &t_exit_patron : &t_exit_ally;
    if (!strcmp(stage, "hedging") && !patron) return &t_hedge;
    if (!strcmp(stage, "security_dilemma") && !patron) return &t_commit;
    if (!strcmp(stage, "matrix")) return &t_matrix;
    return NULL;
}

/* ---- after each round ------------------------------------------------------------- */

static double trace_value(const ent_run *run, int round, size_t i, const char *name)
{
    int k = ent_run_trace_column(run, name);
    const double *row = ent_run_trace_row(run, round, i);
    return k >= 0 && row ? row[k] : NAN;
}

static int stage_of(const ent_scenario *s, const char *name)
{
    for (size_t st = 0; st < ent_scenario_n_stages(s); st++)
        if (!strcmp(ent_scenario_stage_type(s, st)->name, name))
            return (int)st;
    return -1;
}

static const char *response_words(int r)
{
    return r == ENT_RESP_COMPLY ? "complied" : r == ENT_RESP_PARTIAL ? "offered part" : "defied";
}

/* What came of the round for agent i, in the sentences of `entente play`. */
static void feedback(cr_world *w, int t, size_t i, json_t *lines)
{
    const ent_run *run = w->run;
    const ent_scenario *s = w->s;
    char buf[700], what[160];
    int me = (int)i;
#define LINE(...) do { snprintf(buf, sizeof buf, __VA_ARGS__); json_array_append_new(lines, json_string(buf)); } while (0)
#define V(name) ent_run_agent_value(run, i, name)
    int st_b = stage_of(s, "burden_sharing"), st_x = stage_of(s, "exit_leverage"), st_h = stage_of(s, "hedging");
    int st_s = stage_of(s, "security_dilemma");
    if (st_b >= 0) {
        /* what each chose in the stage (later stages may raise a share: deals) */
        double total = 0.0, own = NAN;
        size_t n_ev, seen = 0;
        const ent_event *ev = ent_run_event_log(run, &n_ev);
        for (size_t k = 0; k < n_ev; k++) {
            const ent_event *e = &ev[k];
            if (e->round != t || e->stage != st_b || e->kind != ENT_EV_CONTRIBUTE)
                continue;
            double m = e->value * ent_run_agent_value(run, (size_t)e->actor, "gdp");
            total += m;
            seen++;
            if (e->actor == me)
                own = m;
        }
        if (seen == ent_run_agents(run) && !isnan(own)) {
            double others = total - own, u = ent_run_agent_stage_payoff(run, i, st_b);
            double br = ent_burden_best_response(V("gdp"), V("alpha"), V("psi"), others);
            double ubr = ent_burden_utility(V("gdp"), V("alpha"), V("psi"), br, others);
            double diff = u - ubr, money = diff * (V("gdp") - own) / (1.0 - V("alpha"));
            if (fabs(money) < 0.0005)
                LINE("Defence: you spent %.2f%% of GDP; your burden-sharing payoff this round is %.6f, what the best "
                     "response to the others' spending gives: you are at it.", 100 * own / V("gdp"), u);
            else
                LINE("Defence: you spent %.2f%% of GDP; your burden-sharing payoff this round is %.6f. The best response "
                     "to what the others spent, %.2f%%, would have given %.6f (%+.6f, as much as $%.*f bn of GDP %s).",
                     100 * own / V("gdp"), u, 100 * br / V("gdp"), ubr, diff, fabs(money) < 0.1 ? 3 : 2, fabs(money),
                     diff < 0 ? "lost" : "gained");
        }
    }
    if (st_x >= 0 && me > 0) {
        if (!(V("exit_demand") > 0.0)) {
            LINE("The patron made no demand of you this round.");
        } else {
            char deal[200] = "";
            if ((int)V("response") == ENT_RESP_PARTIAL)
                snprintf(deal, sizeof deal, " ($%.2f bn)", V("offer"));
            if ((int)V("threatened"))
                LINE("The patron demanded $%.2f bn and threatened %s; you %s%s.", V("exit_demand"),
                     play_instrument_words((unsigned)V("instrument"), 0, what, sizeof what),
                     response_words((int)V("response")), deal);
            else
                LINE("The patron demanded $%.2f bn; you %s%s.", V("exit_demand"), response_words((int)V("response")), deal);
            if (!isnan(V("bargain")))
                LINE("Bargaining settled the offer at $%.2f bn.", V("bargain"));
            switch ((int)V("ratification")) {
            case 1: LINE("Your legislature ratified the deal: $%.2f bn is within its win-set of $%.2f bn.", V("proposal"), V("winset")); break;
            case 2: LINE("The deal was above your legislature's win-set of $%.2f bn and was cut back to $%.2f bn.", V("winset"), V("proposal")); break;
            case 3: LINE("The deal FAILED ratification: it was above your legislature's win-set of $%.2f bn, and the "
                         "legislature rejected it (an involuntary defection).", V("winset")); break;
            case 4: LINE("No deal: your legislature's win-set of $%.2f bn was below what the patron would accept.", V("winset")); break;
            default: break;
            }
            if (V("concession") > 0.0)
                LINE("You conceded $%.2f bn.", V("concession"));
            if ((int)V("enforcement") == 1)
                LINE("The patron CARRIED OUT its threat: you lost $%.2f bn.", V("harm"));
            else if ((int)V("enforcement") == 2)
                LINE("The patron backed down: the threat was not carried out.");
            else if ((int)V("threatened"))
                LINE("The demand was met, so the threat was not carried out.");
        }
    }
    if (st_x >= 0 && me == 0) {
        for (size_t j = 1; j < ent_run_agents(run); j++) {
#define VJ(name) ent_run_agent_value(run, j, name)
            if (!(VJ("exit_demand") > 0.0))
                continue;
            char more[300] = "";
            if ((int)VJ("ratification") == 3)
                snprintf(more + strlen(more), sizeof more - strlen(more), ", but its legislature rejected the deal");
            if (VJ("concession") > 0.0)
                snprintf(more + strlen(more), sizeof more - strlen(more), "; it conceded $%.2f bn", VJ("concession"));
            if ((int)VJ("enforcement") == 1)
                snprintf(more + strlen(more), sizeof more - strlen(more), "; you carried out the threat (it lost $%.2f bn, "
                         "you paid $%.2f bn)", VJ("harm"), VJ("patron_cost"));
            else if ((int)VJ("enforcement") == 2)
                snprintf(more + strlen(more), sizeof more - strlen(more), "; you backed down (audience cost $%.2f bn)",
                         VJ("patron_cost"));
            LINE("%s: demand $%.2f bn%s; it %s%s.", ent_scenario_agent_code(s, j), VJ("exit_demand"),
                 (int)VJ("threatened") ? " with a threat" : "", response_words((int)VJ("response")), more);
#undef VJ
        }
    }
    if (st_h >= 0 && me > 0) {
        static const char *const names[3] = { "bandwagon", "balance", "bind" };
        double u = ent_run_agent_stage_payoff(run, i, st_h);
        int best = 0;
        for (int k = 1; k < 3; k++)
            if (play_value3(run, i, "hedge_u", k) > play_value3(run, i, "hedge_u", best))
                best = k;
        double ub = play_value3(run, i, "hedge_u", best) / 100.0;
        LINE("Hedging: your portfolio %.0f/%.0f/%.0f earned %.3f%% of GDP, a payoff of %.4f; all in %s would have earned "
             "%.3f%% (%.4f; %+.4f).", 100 * play_value3(run, i, "portfolio", 0), 100 * play_value3(run, i, "portfolio", 1),
             100 * play_value3(run, i, "portfolio", 2), 100 * u, u, names[best], 100 * ub, ub, u - ub);
    }
    if (st_s >= 0 && me > 0)
        LINE("Commitment %.2f: abandonment fear %.3f + entrapment fear %.3f (%% of GDP), payoff %.4f.", V("commitment"),
             V("fear_abandon"), V("fear_entrap"), ent_run_agent_stage_payoff(run, i, st_s));
    int st_m = stage_of(s, "matrix"), km = ent_run_trace_column(run, "matrix_action");
    if (st_m >= 0 && km >= 0 && ent_run_trace_row(run, t, i)) {
        if (me > 0) {
            const double *row = ent_run_trace_row(run, t, i);
            LINE("Game: you played %s, the patron %s; your payoff %.4f.", row[km] == ENT_D ? "defect" : "cooperate",
                 row[km + 2] == ENT_D ? "defect" : "cooperate", ent_run_agent_stage_payoff(run, i, st_m));
        } else {
            char games[400] = "";
            for (size_t j = 1; j < ent_run_agents(run); j++) {
                const double *row = ent_run_trace_row(run, t, j);
                snprintf(games + strlen(games), sizeof games - strlen(games), "%s %s you %s, it %s", j > 1 ? ";" : "",
                         ent_scenario_agent_code(s, j), row[km + 2] == ENT_D ? "D" : "C", row[km] == ENT_D ? "D" : "C");
            }
            LINE("Games:%s; your payoff %.4f.", games, ent_run_agent_stage_payoff(run, i, st_m));
        }
    }
    double b = V("belief");
    if (me > 0 && !isnan(b))
        LINE("You now believe the patron is transactional with probability %.2f.", b);
    char split[600] = "";
    for (size_t st = 0; st < ent_scenario_n_stages(s); st++) {
        double u = ent_run_agent_stage_payoff(run, i, (int)st);
        if (!isnan(u) && u != 0.0)
            snprintf(split + strlen(split), sizeof split - strlen(split), "%s%s %.6f", *split ? " + " : "",
                     ent_scenario_stage_type(s, st)->name, u);
    }
    LINE("Your payoff this round: %.6f%s%s (discounted total so far %.6f).", V("payoff"), *split ? " = " : "", split,
         V("cum_payoff"));
#undef V
#undef LINE
}

static void gate(cr_world *w, int round)
{
    cr_class *c = w->cls;
    pthread_mutex_lock(&c->mu);
    w->at_gate = round;
    w->busy = 0;
    pthread_cond_broadcast(&c->cv);
    while (c->open_round < round && !c->stopping)
        cr_wait(c, 0.25);
    w->at_gate = 0;
    w->busy = 1;
    pthread_cond_broadcast(&c->cv);
    pthread_mutex_unlock(&c->mu);
}

static void on_round(const ent_run *run, void *ctx)
{
    cr_world *w = ctx;
    cr_class *c = w->cls;
    int t = ent_run_round(run);
    size_t n = ent_scenario_n_agents(w->s);
    pthread_mutex_lock(&c->mu);
    if (t >= 1 && t <= c->rounds) {
        for (size_t i = 0; i < n; i++) {
            cr_point *pt = &w->points[(size_t)(t - 1) * n + i];
            pt->share = ent_run_agent_value(run, i, "share");
            pt->belief = i > 0 ? ent_run_agent_value(run, i, "belief") : NAN;
            pt->w[0] = trace_value(run, t, i, "w_bandwagon");
            pt->w[1] = trace_value(run, t, i, "w_balance");
            pt->w[2] = trace_value(run, t, i, "w_bind");
            pt->commitment = trace_value(run, t, i, "commitment");
            pt->payoff = ent_run_agent_value(run, i, "payoff");
            pt->cum_payoff = ent_run_agent_value(run, i, "cum_payoff");
            if (w->student[i] >= 0) {
                json_t *lines = json_array();
                feedback(w, t, i, lines);
                free(w->feedback[i]);
                w->feedback[i] = json_dumps(lines, JSON_COMPACT);
                json_decref(lines);
            }
        }
        w->rounds_done = t;
    }
    pthread_mutex_unlock(&c->mu);
    if (t < c->rounds)
        gate(w, t + 1);
}

/* ---- a world's life ------------------------------------------------------------------ */

int cr_world_prepare(cr_world *w)
{
    ent_scenario *s = w->s;
    int matrix_done = 0;
    for (size_t i = 0; i < ent_scenario_n_agents(s); i++) {
        if (w->student[i] < 0)
            continue;
        matrix_done = 0;
        for (size_t st = 0; st < ent_scenario_n_stages(s); st++) {
            const ent_strategy_type *own = ent_scenario_agent_strategy(s, i, st);
            const ent_strategy_type *tp = template_for(ent_scenario_stage_type(s, st)->name, i == 0);
            if (!tp || !own)
                continue;
            if (tp == &t_matrix && matrix_done++)
                continue;       /* one matrix stage is played, as in `entente play` */
            w->orig[i][st] = own;
            w->human[i][st].t = *tp;
            w->human[i][st].stands_for = own;
            /* the student's type in its place, with the same values (locate
            ** finds the agent and stage by their address) */
            if (ent_scenario_set_agent_strategy(s, i, st, &w->human[i][st].t, NULL)) {
                fprintf(stderr, "entente classroom: cannot seat a student as %s\n", ent_scenario_agent_code(s, i));
                return -1;
            }
        }
    }
    w->points = calloc((size_t)w->cls->rounds * ent_scenario_n_agents(s), sizeof *w->points);
    w->feedback = calloc(ent_scenario_n_agents(s), sizeof *w->feedback);
    for (size_t k = 0; w->points && k < (size_t)w->cls->rounds * ent_scenario_n_agents(s); k++) {
        cr_point *pt = &w->points[k];
        pt->share = pt->belief = pt->w[0] = pt->w[1] = pt->w[2] = pt->commitment = pt->payoff = pt->cum_payoff = NAN;
    }
    tl_world = w;       /* the run sizes the states through the types */
    w->run = w->points && w->feedback ? ent_run_alloc(s, ENT_RUN_TRACE | ENT_RUN_EVENTS) : NULL;
    tl_world = NULL;
    if (!w->run) {
        fprintf(stderr, "entente classroom: out of memory\n");
        return -1;
    }
    ent_run_on_round(w->run, on_round, w);
    w->busy = 1;
    return 0;
}

static void *world_main(void *arg)
{
    cr_world *w = arg;
    cr_class *c = w->cls;
    tl_world = w;
    gate(w, 1);
    ent_run_exec(w->run, ent_scenario_seed(w->s), 0, 0);
    int failed = cr_world_write(w);
    pthread_mutex_lock(&c->mu);
    w->finished = 1;
    w->failed = failed;
    w->busy = 0;
    pthread_cond_broadcast(&c->cv);
    pthread_mutex_unlock(&c->mu);
    tl_world = NULL;
    return NULL;
}

int cr_world_start(cr_world *w)
{
    if (pthread_create(&w->thread, NULL, world_main, w)) {
        fprintf(stderr, "entente classroom: cannot start a thread\n");
        return -1;
    }
    w->started = 1;
    return 0;
}

int cr_world_write(cr_world *w)
{
    cr_class *c = w->cls;
    json_t *seats = json_array();
    pthread_mutex_lock(&c->mu);
    for (size_t i = 0; i < ent_scenario_n_agents(w->s); i++) {
        int si = w->student[i];
        if (si < 0)
            continue;
        const cr_student *st = &c->students[si];
        json_array_append_new(seats, json_pack("{s:s, s:s, s:i, s:i}", "seat", ent_scenario_agent_code(w->s, i), "student",
                                               st->name, "moves", st->moves, "late", st->late));
    }
    pthread_mutex_unlock(&c->mu);
    json_t *cls = json_pack("{s:s, s:i, s:o}", "mode", c->mode == CR_PARALLEL ? "parallel" : "shared", "world",
                            w->index + 1, "seats", seats);
    char *member = cls ? json_dumps(cls, JSON_PRESERVE_ORDER | JSON_COMPACT) : NULL;
    json_decref(cls);
    char *extra = member ? malloc(strlen(member) + 20) : NULL;
    if (extra)
        sprintf(extra, "\"classroom\": %s", member);
    free(member);
    if (!extra)
        return -1;
    int rc = -1;
    pthread_mutex_lock(&write_mu);
    ent_folder f;
    if (!ent_folder_begin(&f, "classroom", w->dir)) {
        if (ent_results_write_extra(w->run, f.st.stage, "classroom", ent_scenario_seed(w->s), 0.0, c->sets, c->n_sets, extra) != ENT_OK)
            ent_folder_abort(&f);
        else if (!ent_folder_commit(&f, "classroom"))
            rc = 0;
    }
    pthread_mutex_unlock(&write_mu);
    free(extra);
    return rc;
}
