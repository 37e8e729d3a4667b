/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_hedging_stages.c: the beliefs, diffusion, hedging and security-dilemma
** stages in runs: Bayes by hand, learning from neighbours, comparative
** statics with everything else equal, the simplex, Snyder's optimum.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include "ent_test.h"
#include "entente/entente.h"
#include "entente/hedging.h"
#include "sim/run_int.h"
#include "stages/exit_leverage/exit_leverage.h"
#include "stages/hedging/hedging.h"
#include "stages/security_dilemma/security_dilemma.h"

/* Run and return the final value of trace column `col` for agent `code`. */
static double final_value(const char *yaml, const char *code, const char *col)
{
    ent_scenario *s = ent_test_load(yaml);
    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE);
    ent_run_exec(run, s->seed, 0, 0);
    const ent_column *cols[128];
    size_t nc = ent_run_trace_columns(run, cols, 128);
    int c = -1;
    for (size_t k = 0; k < nc; k++)
        if (!strcmp(cols[k]->name, col)) c = (int)k;
    assert_true(c >= 0);
    int i = ent_scenario_agent_index(s, code);
    double v = ent_run_trace_row(run, ent_run_rounds_played(run), (size_t)i)[c];
    ent_run_free(run);
    ent_scenario_free(s);
    return v;
}

/* A typed patron drawn committed, whose committed type threatens half the
** time and demands what the transactional type demands (so only threats and
** their enforcement tell the types apart), trembling with 0.1: the ally's
** belief after round 1 is the posterior computed by hand from the
** strategy's stated behaviour. */
static void test_beliefs_bayes_in_a_run(void **state)
{
    (void)state;
    const char *yaml =
        "name: b\nrounds: 1\n"
        "stages: [burden_sharing, {stage: exit_leverage, tremble: 0.1}, beliefs]\n"
        "patron: {code: P, gdp: 1000, defence_share: 0.03, transactional_prob: 0, audience_cost: 0,\n"
        "         strategies: {exit_leverage: {name: typed, moderation: 1, threat_prob: 0.5}}}\n"
        "allies:\n"
        "  - {code: A, gdp: 100, defence_share: 0.01, prior_transactional: 0.4, stake: 0,\n"
        "     strategies: {burden_sharing: fixed, exit_leverage: defy}}\n";
    ent_scenario *s = ent_test_load(yaml);
    ent_run *run = ent_run_alloc(s, 0);
    int seen[3] = { 0, 0, 0 };
    for (uint64_t seed = 1; seed <= 400; seed++) {
        ent_run_exec(run, seed, 0, 0);
        const size_t ai = (size_t)(1);
        /* by hand, likelihoods mixed with the tremble: L' = 0.9 L + 0.1 / 2.
        ** Threat: transactional 1 -> 0.95, committed 0.5 -> 0.5. Carrying
        ** out (no exit cost, no audience cost): the transactional type takes
        ** the tie (0.95), the committed does not (0.05). */
        double p = 0.4;
        if ((int)ent_run_agent_value(run, ai, "threatened")) {
            p = p * 0.95 / (p * 0.95 + (1 - p) * 0.5);
            if ((int)ent_run_agent_value(run, ai, "enforcement") == 1)
                p = p * 0.95 / (p * 0.95 + (1 - p) * 0.05);
            else
                p = p * 0.05 / (p * 0.05 + (1 - p) * 0.95);
        } else {
            p = p * 0.05 / (p * 0.05 + (1 - p) * 0.5);
        }
        seen[(int)ent_run_agent_value(run, ai, "threatened") ? (int)ent_run_agent_value(run, ai, "enforcement") : 0]++;
        assert_double_equal(ent_run_agent_value(run, ai, "belief"), p, 1e-15);
    }
    /* all three histories occurred among the seeds */
    assert_true(seen[0] > 0 && seen[1] > 0 && seen[2] > 0);
    ent_run_free(run);
    ent_scenario_free(s);
}

/* A secondary ally that is never threatened learns from a neighbour that is;
** an ally that watches no one keeps its prior. */
static void test_diffusion_reaches_secondary_allies(void **state)
{
    (void)state;
    const char *yaml =
        "name: d\nrounds: 12\nseed: 4\n"
        "stages: [burden_sharing, exit_leverage, beliefs, diffusion]\n"
        "patron: {code: P, gdp: 1000, defence_share: 0.03, transactional_prob: 1,\n"
        "         strategies: {exit_leverage: typed}}\n"
        "allies:\n"
        "  - {code: F, gdp: 100, defence_share: 0.005, prior_transactional: 0.3,\n"
        "     strategies: {burden_sharing: fixed, exit_leverage: defy}}\n"
        "  - {code: S, gdp: 50, defence_share: 0.03, prior_transactional: 0.3, demand: 0,\n"
        "     watches: {F: 1}, openness: 0.5}\n"
        "  - {code: I, gdp: 50, defence_share: 0.03, prior_transactional: 0.3, demand: 0}\n";
    ent_scenario *s = ent_test_load(yaml);
    ent_run *run = ent_run_alloc(s, 0);
    ent_run_exec(run, 4, 0, 0);
    assert_true((int)ent_run_agent_value(run, 1, "n_threats") > 0);
    assert_int_equal((int)ent_run_agent_value(run, 2, "n_threats"), 0);
    assert_true(ent_run_agent_value(run, 2, "belief") > 0.3 + 0.05);    /* learned without being threatened */
    assert_double_equal(ent_run_agent_value(run, 3, "belief"), 0.3, 0);  /* isolated: unmoved */
    ent_run_free(run);
    ent_scenario_free(s);
}

#define HEDGE_YAML(prior, threat, exposure) \
    "name: h\nrounds: 60\n" \
    "stages: [hedging]\n" \
    "patron: {code: P, gdp: 1000, defence_share: 0.03}\n" \
    "allies:\n" \
    "  - {code: A, gdp: 100, defence_share: 0.02, prior_transactional: " prior ", threat: " threat ",\n" \
    "     trade_exposure: " exposure ", dependence: 0.6, portfolio: {bandwagon: 0.8, balance: 0.1, bind: 0.1}}\n"

static void test_lower_reliability_raises_hedging(void **state)
{
    (void)state;
    double lo = final_value(HEDGE_YAML("0.2", "0.5", "0.05"), "A", "hedging_index");
    double mid = final_value(HEDGE_YAML("0.5", "0.5", "0.05"), "A", "hedging_index");
    double hi = final_value(HEDGE_YAML("0.8", "0.5", "0.05"), "A", "hedging_index");
    assert_true(lo < mid && mid < hi);
}

static void test_exposure_raises_binding(void **state)
{
    (void)state;
    double lo = final_value(HEDGE_YAML("0.6", "0.5", "0.02"), "A", "w_bind");
    double hi = final_value(HEDGE_YAML("0.6", "0.5", "0.20"), "A", "w_bind");
    assert_true(hi > lo);
    /* without any belief in a transactional patron, exposure changes nothing */
    double z1 = final_value(HEDGE_YAML("0.0", "0.5", "0.02"), "A", "w_bind");
    double z2 = final_value(HEDGE_YAML("0.0", "0.5", "0.20"), "A", "w_bind");
    assert_double_equal(z1, z2, 1e-15);
}

/* Under tariff threats (a transactional patron coercing it), the more exposed
** ally binds more, all else equal. */
static void test_exposure_raises_binding_under_tariff_threats(void **state)
{
    (void)state;
    char yaml[2048];
    double wb[2];
    const char *exposure[2] = { "0.02", "0.25" };
    for (int k = 0; k < 2; k++) {
        snprintf(yaml, sizeof yaml,
                 "name: t\nrounds: 20\nseed: 9\n"
                 "stages: [burden_sharing, exit_leverage, beliefs, hedging]\n"
                 "patron: {code: P, gdp: 1000, defence_share: 0.03, transactional_prob: 1,\n"
                 "         strategies: {exit_leverage: transactional}}\n"
                 "allies:\n"
                 "  - {code: A, gdp: 100, defence_share: 0.01, prior_transactional: 0.3, trade_exposure: %s,\n"
                 "     portfolio: {bandwagon: 0.8, balance: 0.1, bind: 0.1},\n"
                 "     strategies: {burden_sharing: fixed, exit_leverage: defy}}\n",
                 exposure[k]);
        wb[k] = final_value(yaml, "A", "w_bind");
    }
    assert_true(wb[1] > wb[0]);
}

static void test_threat_raises_bandwagoning_or_balancing(void **state)
{
    (void)state;
    double bw_lo = final_value(HEDGE_YAML("0.3", "0.2", "0.05"), "A", "w_bandwagon");
    double bal_lo = final_value(HEDGE_YAML("0.3", "0.2", "0.05"), "A", "w_balance");
    double bw_hi = final_value(HEDGE_YAML("0.3", "0.9", "0.05"), "A", "w_bandwagon");
    double bal_hi = final_value(HEDGE_YAML("0.3", "0.9", "0.05"), "A", "w_balance");
    /* the model: a threat raises the value of the guarantee (bandwagon) and of
    ** own capability (balance), and leaves binding's value to the belief */
    assert_true(bw_hi + bal_hi > bw_lo + bal_lo);
    assert_true(bw_hi > bw_lo);
    double u_lo[3], u_hi[3];
    ent_hedge_params hp = { 5, 0.5, 2, 2, 1, 0.1, 0.5, 0.3 };
    ent_hedge_payoffs(&hp, 0.3, 0.2, 0.6, 0.2, 0.05, 0, 0, u_lo);
    ent_hedge_payoffs(&hp, 0.3, 0.9, 0.6, 0.2, 0.05, 0, 0, u_hi);
    assert_true(u_hi[ENT_HEDGE_BANDWAGON] > u_lo[ENT_HEDGE_BANDWAGON]);
    assert_true(u_hi[ENT_HEDGE_BALANCE] > u_lo[ENT_HEDGE_BALANCE]);
}

/* The payoffs by hand for one point. */
static void test_hedge_payoffs_by_hand(void **state)
{
    (void)state;
    ent_hedge_params hp = { 5, 0.5, 2, 2, 1, 0.1, 0.5, 0.3 };
    double u[3];
    /* p = 0.4, theta = 0.6, d = 0.7, sigma = 0.3, x = 0.05 + 0.02, partners 0.2 */
    ent_hedge_payoffs(&hp, 0.4, 0.6, 0.7, 0.3, 0.05, 0.02, 0.2, u);
    double G = 5 * 0.7 * 0.6;
    assert_double_equal(u[0], G * (1 - 0.4 * 0.5) - 0.3 * 2 * 1.4, 1e-14);
    assert_double_equal(u[1], 2 * 0.6 - 1, 1e-14);
    assert_double_equal(u[2], 0.4 * 0.1 * 100 * 0.07 * 0.5 + 0.4 * 0.5 * G * 0.3 + 0.2, 1e-14);
}

static void test_portfolios_on_simplex_in_runs(void **state)
{
    (void)state;
    const char *strategies[] = { "logit", "replicator", "{name: logit, beta: 50, rate: 1}",
                                 "{name: replicator, rate: 5, floor: 0}" };
    for (int k = 0; k < 4; k++) {
        char yaml[2048];
        snprintf(yaml, sizeof yaml,
                 "name: s\nrounds: 40\nseed: %d\n"
                 "stages: [burden_sharing, exit_leverage, beliefs, diffusion, {stage: hedging, ally_strategy: %s}]\n"
                 "patron: {code: P, gdp: 1000, defence_share: 0.03, transactional_prob: 0.5}\n"
                 "allies:\n"
                 "  - {code: A, gdp: 100, defence_share: 0.01, trade_exposure: 0.3, threat: 0.9, watches: {B: 1}}\n"
                 "  - {code: B, gdp: 80, defence_share: 0.02, portfolio: {bandwagon: 0, balance: 0.5, bind: 0.5},\n"
                 "     partners: [{name: X, value: 0.01, cost: 0.002}], watches: {A: 1}}\n",
                 k + 1, strategies[k]);
        ent_scenario *s = ent_test_load(yaml);
        ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE);
        ent_run_exec(run, s->seed, 0, 0);
        const ent_column *cols[128];
        size_t nc = ent_run_trace_columns(run, cols, 128);
        size_t c0 = 0;
        for (size_t c = 0; c < nc; c++)
            if (!strcmp(cols[c]->name, "w_bandwagon")) c0 = c;
        for (int t = 1; t <= ent_run_rounds_played(run); t++)
            for (size_t i = 1; i < ent_run_agents(run); i++) {
                const double *row = ent_run_trace_row(run, t, i);
                double sum = row[c0] + row[c0 + 1] + row[c0 + 2];
                for (int j = 0; j < 3; j++)
                    assert_true(row[c0 + j] >= 0.0 && row[c0 + j] <= 1.0);
                assert_double_equal(sum, 1.0, 1e-12);
                assert_double_equal(row[c0 + 3], ent_hedging_index(row + c0), 1e-15);
            }
        ent_run_free(run);
        ent_scenario_free(s);
    }
}

/* Snyder: with inertia 0 the stage's commitment is the closed form
** min(1, rho A / E), A = p H d theta, E = q C. */
static void test_security_dilemma_closed_form(void **state)
{
    (void)state;
    const char *yaml =
        "name: sd\nrounds: 3\n"
        "stages: [{stage: security_dilemma, abandonment_cost: 10, reassurance: 0.8, entrapment_rate: 0.3,\n"
        "          ally_strategy: {name: optimal, inertia: 0}}]\n"
        "patron: {code: P, gdp: 1000, defence_share: 0.03}\n"
        "allies:\n"
        "  - {code: A, gdp: 100, defence_share: 0.02, prior_transactional: 0.25, threat: 0.5, dependence: 0.6,\n"
        "     entrapment_cost: 4}\n"
        "  - {code: B, gdp: 100, defence_share: 0.02, prior_transactional: 0.9, threat: 0.9, dependence: 0.9,\n"
        "     entrapment_cost: 1}\n";
    ent_scenario *s = ent_test_load(yaml);
    ent_run *run = ent_run_alloc(s, 0);
    ent_run_exec(run, 1, 0, 0);
    double A = 0.25 * 10 * 0.6 * 0.5, E = 0.3 * 4;
    double k = 0.8 * A / E;     /* 0.5: interior */
    assert_double_equal(ent_run_agent_value(run, 1, "commitment"), k, 1e-15);
    assert_double_equal(ent_run_agent_value(run, 1, "fear_abandon"), A * (1 - 0.8 * k), 1e-14);
    assert_double_equal(ent_run_agent_value(run, 1, "fear_entrap"), E * k * k / 2, 1e-14);
    assert_double_equal(ent_run_agent_value(run, 2, "commitment"), 1.0, 0);   /* corner: 0.8 * 7.29 / 0.3 > 1 */
    ent_run_free(run);
    ent_scenario_free(s);
}

/* Soft lock-in: with audience cost between the patron's drawdown cost without
** and with lock-in, binding turns an execution into backing down. Exit cost of
** a drawdown for a transactional type: stake x Y x (1 - tau) = 0.01 x 100 x 0.3
** = 0.3; with lock_in 2 and binding 0.5 it doubles to 0.6; audience cost 0.45. */
static void test_binding_locks_the_patron_in(void **state)
{
    (void)state;
    int executed[2];
    const char *lock[2] = { "0", "2" };
    for (int k = 0; k < 2; k++) {
        char yaml[2048];
        snprintf(yaml, sizeof yaml,
                 "name: lock\nrounds: 1\n"
                 "stages: [burden_sharing, {stage: exit_leverage, lock_in: %s},\n"
                 "         {stage: hedging, ally_strategy: fixed}]\n"
                 "patron: {code: P, gdp: 1000, defence_share: 0.03, transactional_prob: 1, transactional: 0.7,\n"
                 "         audience_cost: 0.45, strategies: {exit_leverage: {name: transactional, instrument: drawdown}}}\n"
                 "allies:\n"
                 "  - {code: A, gdp: 100, defence_share: 0.01, stake: 0.01, dependence: 0.5,\n"
                 "     portfolio: {bandwagon: 0.5, balance: 0, bind: 0.5},\n"
                 "     strategies: {burden_sharing: fixed, exit_leverage: defy}}\n",
                 lock[k]);
        ent_scenario *s = ent_test_load(yaml);
        ent_run *run = ent_run_alloc(s, 0);
        ent_run_exec(run, 1, 0, 0);
        assert_int_equal((int)ent_run_agent_value(run, 1, "threatened"), 1);
        executed[k] = (int)ent_run_agent_value(run, 1, "enforcement") == 1;
        ent_run_free(run);
        ent_scenario_free(s);
    }
    assert_int_equal(executed[0], 1);
    assert_int_equal(executed[1], 0);
}

/* ---- the stages' own steps against the strategies' decide() ---------------- */

/* Copies of the logit and optimal strategies that decide through a call of
** the original's decide(): the same decisions, but the stages do not
** recognise them and take the general path (a view, an indirect call). */
static const ent_strategy_type *logit_type, *optimal_type;
static ent_strategy_type fwd_logit, fwd_optimal;

static void fwd_logit_decide(const double *p, void *st, const void *v, void *d, gsl_rng *r)
{
    logit_type->decide(p, st, v, d, r);
}

static void fwd_optimal_decide(const double *p, void *st, const void *v, void *d, gsl_rng *r)
{
    optimal_type->decide(p, st, v, d, r);
}

static int stage_index(const ent_scenario *s, const char *name)
{
    for (size_t k = 0; k < s->n_stages; k++)
        if (!strcmp(s->stages[k].type->name, name))
            return (int)k;
    fail_msg("no stage %s", name);
    return -1;
}

static void forward_direct_strategies(ent_scenario *s)
{
    int h = stage_index(s, "hedging"), sd = stage_index(s, "security_dilemma");
    for (size_t i = 1; i < s->n_agents; i++) {
        ent_strategy_choice *c = &s->agents[i].strategy[h];
        if (ent_i_hedging_logit_direct(c->type)) {
            logit_type = c->type;
            fwd_logit = *c->type;
            fwd_logit.decide = fwd_logit_decide;
            c->type = &fwd_logit;
        }
        c = &s->agents[i].strategy[sd];
        if (ent_i_security_optimal_direct(c->type)) {
            optimal_type = c->type;
            fwd_optimal = *c->type;
            fwd_optimal.decide = fwd_optimal_decide;
            c->type = &fwd_optimal;
        }
    }
    assert_non_null(logit_type);
    assert_non_null(optimal_type);
}

static int same_bits(double x, double y)
{
    return memcmp(&x, &y, sizeof x) == 0;
}

/* The hedging stage's logit step (payoffs kept while their inputs stand
** still, the memo's target taken as it is then) and the security stage's
** optimal step give every trace value of the strategies' own decide(), in
** runs whose beliefs move in some rounds (trembles, noisy exit costs,
** neighbours) and stand still in others. */
static void test_direct_steps_same_bits(void **state)
{
    (void)state;
    const char *yaml =
        "name: d\nrounds: 30\n"
        "stages: [burden_sharing, {stage: exit_leverage, tremble: 0.15, cost_noise: 0.8}, beliefs, diffusion,\n"
        "         hedging, security_dilemma]\n"
        "patron: {code: P, gdp: 1000, defence_share: 0.03, transactional_prob: 0.5}\n"
        "allies:\n"
        "  - {code: A, gdp: 100, defence_share: 0.01, trade_exposure: 0.3, threat: 0.9, watches: {B: 1},\n"
        "     dependence: 0.6}\n"
        "  - {code: B, gdp: 80, defence_share: 0.02, portfolio: {bandwagon: 0, balance: 0.5, bind: 0.5},\n"
        "     partners: [{name: X, value: 0.01, cost: 0.002}], watches: {A: 1}, dependence: 0.3, threat: 0.7,\n"
        "     strategies: {hedging: {name: logit, beta: 20, rate: 0.5},\n"
        "                  security_dilemma: {name: optimal, inertia: 0.9}}}\n"
        "  - {code: C, gdp: 60, defence_share: 0.02, dependence: 0.9, entrapment_cost: 0,\n"
        "     strategies: {hedging: replicator, security_dilemma: {name: fixed, commitment: 0.3}}}\n"
        "  - {code: D, gdp: 40, defence_share: 0.015, threat: 0.2, tech_exposure: 0.1, dependence: 0.8,\n"
        "     strategies: {hedging: {name: logit, beta: 0, rate: 1},\n"
        "                  security_dilemma: {name: optimal, inertia: 0.2}}}\n";
    ent_scenario *s = ent_test_load(yaml), *g = ent_test_load(yaml);
    forward_direct_strategies(g);
    ent_test_same_traces(s, g, 40, "the stages' own steps against decide()");
    ent_scenario_free(s);
    ent_scenario_free(g);
}

/* The option payoffs the hedging stage keeps while belief, abandonment risk
** and threat stand still are those ent_hedge_payoffs_risk gives for this
** round's, bit for bit, every round: beliefs that drift towards a
** neighbour's (new bits most rounds), beliefs that never move (the same bits
** every round), and with exit_leverage risks that move with the patron's
** lock-in and noisy costs. */
typedef struct {
    const ent_scenario *s;
    int checked;
} payoff_check;

static void check_payoffs_of_round(const ent_run *run, void *ctx)
{
    payoff_check *pc = ctx;
    /* the stage's parameters as the scenario below sets them */
    const ent_hedge_params hp = { 6.0, 0.7, 1.5, 2.5, 0.8, 0.2, 0.4, 0.25 };
    static const char *const option[3] = { "hedge_u_bandwagon", "hedge_u_balance", "hedge_u_bind" };
    for (size_t i = 1; i < ent_run_agents(run); i++) {
        double tech = ent_scenario_agent_param(pc->s, i, "tech_exposure");
        double partners = i == 2 ? 0.0 + 100.0 * (0.01 - 0.002) : 0.0;
        double u[3], belief = ent_run_agent_value(run, i, "belief");
        double risk = ent_i_abandon_risk_in(ent_i_exit_slots(run), i, belief);
        if (isnan(risk))
            risk = belief * hp.abandonment_rate;
        ent_hedge_payoffs_risk(&hp, belief, risk, ent_run_agent_value(run, i, "threat"),
                               ent_scenario_agent_param(pc->s, i, "dependence"),
                               ent_scenario_agent_param(pc->s, i, "autonomy"),
                               ent_scenario_agent_param(pc->s, i, "trade_exposure"), isnan(tech) ? 0.0 : tech,
                               partners, u);
        for (int k = 0; k < 3; k++)
            if (!same_bits(u[k], ent_run_agent_value(run, i, option[k])))
                fail_msg("round %d ally %zu %s: %a, ent_hedge_payoffs %a", ent_run_round(run), i, option[k],
                         ent_run_agent_value(run, i, option[k]), u[k]);
        pc->checked++;
    }
}

static void check_payoffs_in_runs(const char *stages, const char *patron_strategies, int seeds)
{
    char yaml[2048];
    snprintf(yaml, sizeof yaml,
        "name: u\nrounds: 60\n"
        "stages: [%s{stage: hedging, guarantee_value: 6, abandonment_rate: 0.7, sovereignty_rent: 1.5,\n"
        "         balance_efficacy: 2.5, balance_cost: 0.8, linkage_rate: 0.2, linkage_shield: 0.4,\n"
        "         abandonment_shield: 0.25}]\n"
        "patron: {code: P, gdp: 1000, defence_share: 0.03%s}\n"
        "allies:\n"
        "  - {code: A, gdp: 100, defence_share: 0.01, prior_transactional: 0.9, openness: 0.5, watches: {B: 1},\n"
        "     trade_exposure: 0.3, threat: 0.9, dependence: 0.7}\n"
        "  - {code: B, gdp: 80, defence_share: 0.02, prior_transactional: 0.1, openness: 0.05, watches: {A: 1},\n"
        "     partners: [{name: X, value: 0.01, cost: 0.002}], autonomy: 0.4, tech_exposure: 0.05}\n"
        "  - {code: C, gdp: 60, defence_share: 0.02, prior_transactional: 0.6, threat: 0.3,\n"
        "     strategies: {hedging: replicator}}\n", stages, patron_strategies);
    ent_scenario *s = ent_test_load(yaml);
    ent_run *run = ent_run_alloc(s, 0);
    payoff_check pc = { s, 0 };
    ent_run_on_round(run, check_payoffs_of_round, &pc);
    for (int seed = 1; seed <= seeds; seed++) {
        pc.checked = 0;
        ent_run_exec(run, (uint64_t)seed, 0, 0);
        assert_int_equal(pc.checked, 3 * ent_run_rounds_played(run));
    }
    ent_run_free(run);
    ent_scenario_free(s);
}

static void test_payoffs_kept_same_bits(void **state)
{
    (void)state;
    const char *exit = "burden_sharing, {stage: exit_leverage, tremble: 0.1, cost_noise: 1, lock_in: 3}, "
                       "beliefs, diffusion, ";
    check_payoffs_in_runs("diffusion, ", "", 1);
    check_payoffs_in_runs(exit, "", 20);
    /* a grim patron abandons an ally once it has defied twice: the risk
    ** moves while the belief may not */
    check_payoffs_in_runs(exit, ", strategies: {exit_leverage: {name: grim, k: 2}}", 20);
}

/* A run object kept from run to run, as in a sweep (the hedging stage's
** records of logit allies' steps, the memos), gives the traces and
** outcomes of a new run object for each run, bit for bit: threats, stage
** parameters, the logit strategy's beta and rate and the optimal one's
** inertia varied between runs, a few values each, so that runs repeat earlier
** courses in whole or part, and beliefs that move in some runs (trembles,
** noisy exit costs) and not in others. */
static void vary_strategies(ent_scenario *s, uint64_t draw)
{
    static const double betas[3] = { 5.0, 20.0, 0.0 }, rates[3] = { 0.3, 0.5, 1.0 };
    static const double inertias[3] = { 0.2, 0.9, 0.5 };
    int h = stage_index(s, "hedging"), sd = stage_index(s, "security_dilemma");
    for (size_t i = 1; i < s->n_agents; i++, draw /= 27) {
        double p[ENT_MAX_PARAMS];
        ent_strategy_choice *c = &s->agents[i].strategy[h];
        if (ent_i_hedging_logit_direct(c->type)) {
            memcpy(p, c->p, sizeof p);
            p[0] = betas[draw % 3];
            p[1] = rates[draw / 3 % 3];
            assert_int_equal(ent_scenario_set_agent_strategy(s, i, (size_t)h, c->type, p), 0);
        }
        c = &s->agents[i].strategy[sd];
        if (ent_i_security_optimal_direct(c->type)) {
            memcpy(p, c->p, sizeof p);
            p[0] = inertias[draw / 9 % 3];
            assert_int_equal(ent_scenario_set_agent_strategy(s, i, (size_t)sd, c->type, p), 0);
        }
    }
}

static void test_reused_run_same_bits(void **state)
{
    (void)state;
    const char *yaml =
        "name: r\nrounds: 25\n"
        "stages: [burden_sharing, {stage: exit_leverage, tremble: 0.1, cost_noise: 0.5}, beliefs, diffusion,\n"
        "         hedging, security_dilemma]\n"
        "patron: {code: P, gdp: 1000, defence_share: 0.03, transactional_prob: 0.5}\n"
        "allies:\n"
        "  - {code: A, gdp: 100, defence_share: 0.01, trade_exposure: 0.3, threat: 0.9, dependence: 0.6}\n"
        "  - {code: B, gdp: 80, defence_share: 0.02, portfolio: {bandwagon: 0, balance: 0.5, bind: 0.5},\n"
        "     partners: [{name: X, value: 0.01, cost: 0.002}], dependence: 0.3, threat: 0.7,\n"
        "     strategies: {hedging: {name: logit, beta: 20, rate: 0.5},\n"
        "                  security_dilemma: {name: optimal, inertia: 0.9}}}\n"
        "  - {code: C, gdp: 60, defence_share: 0.02, dependence: 0.9, entrapment_cost: 0,\n"
        "     strategies: {hedging: replicator, security_dilemma: {name: fixed, commitment: 0.3}}}\n"
        "  - {code: D, gdp: 40, defence_share: 0.015, threat: 0.2, tech_exposure: 0.1, dependence: 0.8,\n"
        "     prior_transactional: 0.9, watches: {A: 1},\n"
        "     strategies: {hedging: {name: logit, beta: 0, rate: 1},\n"
        "                  security_dilemma: {name: optimal, inertia: 0.2}}}\n"
        "  - {code: E, gdp: 30, defence_share: 0.02, threat: 0.5, dependence: 0.5}\n";
    static const char *const paths[] = {
        "allies.A.threat", "allies.D.threat", "stages.hedging.guarantee_value",
        "stages.exit_leverage.tremble", "allies.E.dependence", "stages.security_dilemma.entrapment_rate",
        "stages.hedging.balance_cost", "stages.hedging.linkage_shield",
    };
    static const char *const values[][4] = {
        { "0.9", "0.9", "0.9", "0.4" }, { "0.2", "0.2", "0.6", "0.2" }, { "5", "5", "5", "8" },
        { "0", "0", "0", "0.2" }, { "0.5", "0.5", "0.9", "0.5" }, { "0.5", "0.5", "0.5", "0.3" },
        { "1", "1", "1", "1.5" }, { "0.5", "0.5", "0.5", "0.2" },
    };
    ent_scenario *s = ent_test_load(yaml);
    ent_test_reused_run_same(s, paths, values, sizeof paths / sizeof *paths, NULL, 150, 4,
                             "one run object for all runs");
    ent_test_reused_run_same(s, paths, values, sizeof paths / sizeof *paths, vary_strategies, 150, 4,
                             "one run object, logit and optimal parameters varied");
    /* a long run: its records hold its first rounds, the rest are stepped
    ** without */
    assert_int_equal(ent_scenario_set_rounds(s, 1500), ENT_OK);
    ent_test_reused_run_same(s, paths, values, sizeof paths / sizeof *paths, vary_strategies, 12, 2,
                             "one run object, long runs");
    ent_scenario_free(s);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_beliefs_bayes_in_a_run),
        cmocka_unit_test(test_diffusion_reaches_secondary_allies),
        cmocka_unit_test(test_lower_reliability_raises_hedging),
        cmocka_unit_test(test_exposure_raises_binding),
        cmocka_unit_test(test_exposure_raises_binding_under_tariff_threats),
        cmocka_unit_test(test_threat_raises_bandwagoning_or_balancing),
        cmocka_unit_test(test_hedge_payoffs_by_hand),
        cmocka_unit_test(test_portfolios_on_simplex_in_runs),
        cmocka_unit_test(test_security_dilemma_closed_form),
        cmocka_unit_test(test_binding_locks_the_patron_in),
        cmocka_unit_test(test_direct_steps_same_bits),
        cmocka_unit_test(test_payoffs_kept_same_bits),
        cmocka_unit_test(test_reused_run_same_bits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
