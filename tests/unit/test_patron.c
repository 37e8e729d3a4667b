/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_patron.c: properties of the one patron model. Beliefs are a
** martingale (the mean posterior over runs with the type drawn from the prior
** equals the prior after every round) for every patron strategy that states
** its behaviour and every ally rule, with and without trembles; and the
** threat and execution frequencies seen in runs equal what the strategy's
** behaviour function states for the drawn type.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "ent_test.h"
#include "entente/entente.h"
#include "entente/exit.h"
#include "entente/hedging.h"

#define RUNS 10000
#define ROUNDS 3
#define MAX_ROUNDS 12
#define PRIOR 0.4

/* A patron whose audience cost (3) lies between the transactional type's
** drawdown cost (stake 0.05 x GDP 100 x (1 - 0.6) = 2) and the committed
** type's (5): only the transactional type finds it worth carrying a drawdown
** out; an ally 2 points of GDP short of the demand. */
static void scenario_yaml_tau(char *buf, size_t cap, int rounds, const char *patron, const char *ally,
                              double tremble, double tau)
{
    snprintf(buf, cap,
             "name: m\nrounds: %d\n"
             "stages: [{stage: exit_leverage, tremble: %g}, beliefs]\n"
             "patron: {code: P, gdp: 1000, defence_share: 0.03, transactional: %g,\n"
             "         audience_cost: 3, transactional_prob: %g,\n"
             "         strategies: {exit_leverage: %s}}\n"
             "allies:\n"
             "  - {code: A, gdp: 100, defence_share: 0.01, demand: 0.03, stake: 0.05, dependence: 1,\n"
             "     autonomy: 0.1, prior_transactional: %g, strategies: {exit_leverage: %s}}\n"
             "  - {code: B, gdp: 100, defence_share: 0.01, demand: 0.03, stake: 0.05, dependence: 1,\n"
             "     autonomy: 2, prior_transactional: %g, strategies: {exit_leverage: %s}}\n",
             rounds, tremble, tau, PRIOR, patron, PRIOR, ally, PRIOR, ally);
}

static void scenario_yaml(char *buf, size_t cap, int rounds, const char *patron, const char *ally,
                          double tremble)
{
    scenario_yaml_tau(buf, cap, rounds, patron, ally, tremble, 0.6);
}

static const char *const patrons[] = {
    "committed", "{name: committed, threat_prob: 0.5}", "transactional",
    "{name: transactional, resolve: 0.5}", "typed", "{name: typed, threat_prob: 0.3, moderation: 1}",
    "bluffer", "{name: grim, k: 1}",
    "learning", "{name: learning, levels: 3, forgetting: 0.3}",
    NULL
};
static const char *const allies[] = {
    "comply", "defy", "expected_utility", "tit_for_tat", "partial", NULL
};

/* Mean belief of allies A and B after each round over RUNS runs, within
** three standard errors of the prior. */
static double check_martingale_in(const char *patron, const char *ally, double tremble, int rounds,
                                  double tau, int runs)
{
    char yaml[2048];
    scenario_yaml_tau(yaml, sizeof yaml, rounds, patron, ally, tremble, tau);
    ent_scenario *s = ent_test_load(yaml);
    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE);
    const ent_column *cols[128];
    size_t nc = ent_run_trace_columns(run, cols, 128);
    int c = -1;
    for (size_t k = 0; k < nc; k++)
        if (!strcmp(cols[k]->name, "belief")) c = (int)k;
    assert_true(c >= 0);
    double sum[MAX_ROUNDS + 1][3] = { { 0 } }, sq[MAX_ROUNDS + 1][3] = { { 0 } }, max_se = 0.0;
    assert_true(rounds <= MAX_ROUNDS);
    for (int n = 0; n < runs; n++) {
        ent_run_exec(run, 12345, 0, (uint64_t)n);
        for (int t = 1; t <= ent_run_rounds_played(run); t++)
            for (size_t i = 1; i <= 2; i++) {
                double b = ent_run_trace_row(run, t, i)[c];
                sum[t][i] += b;
                sq[t][i] += b * b;
            }
    }
    for (int t = 1; t <= rounds; t++)
        for (size_t i = 1; i <= 2; i++) {
            double m = sum[t][i] / runs, var = sq[t][i] / runs - m * m;
            double se = sqrt((var > 0.0 ? var : 0.0) / (runs - 1));
            if (se > max_se) max_se = se;
            if (!(fabs(m - PRIOR) <= 3.0 * se + 1e-9)) {
                print_error("patron %s, ally %s, tremble %g, round %d, ally %zu: mean posterior "
                            "%.6f, prior %.2f, se %.6f\n", patron, ally, tremble, t, i, m, PRIOR, se);
                fail();
            }
        }
    ent_run_free(run);
    ent_scenario_free(s);
    return max_se;
}

static double check_martingale(const char *patron, const char *ally, double tremble)
{
    return check_martingale_in(patron, ally, tremble, ROUNDS, 0.6, RUNS);
}

static void test_martingale(double tremble)
{
    for (int p = 0; patrons[p]; p++)
        for (int a = 0; allies[a]; a++) {
            double se = check_martingale(patrons[p], allies[a], tremble);
            /* a typed patron's demands and threats depend on its type, and a
            ** learning one's come to: beliefs move */
            if (strstr(patrons[p], "typed") || (strstr(patrons[p], "learning") && strcmp(allies[a], "comply")))
                if (!(se > 1e-4)) {
                    print_error("patron %s, ally %s: beliefs do not move\n", patrons[p], allies[a]);
                    fail();
                }
        }
}

/* A learning patron that learns fast, over many rounds, against allies that
** concede half (so that a defied threat is worth something, and the two
** types, whose costs of carrying it out differ 100-fold, come to value
** threats differently) and with trembles (so that one execution does not
** settle the type): the propensities of the two types drift apart, and
** an ally that weighed only one type's propensities drifts from the prior
** by about five standard errors over 40,000 runs (measured when this test
** was written, by making the behaviour function read type 0's state for
** both). Beliefs stay a martingale because the rule keeps what each type
** would have learned from the same history. */
static void test_beliefs_martingale_learning(void **state)
{
    (void)state;
    const char *fast = "{name: learning, levels: 2, forgetting: 0.8, strength: 0.001}";
    assert_true(check_martingale_in(fast, "partial", 0.3, MAX_ROUNDS, 0.99, 40000) > 1e-3);
    static const char *const rules[] = { "defy", "expected_utility", "tit_for_tat", NULL };
    for (int a = 0; rules[a]; a++)
        assert_true(check_martingale_in(fast, rules[a], 0.2, MAX_ROUNDS, 0.6, RUNS) > 1e-3);
}

static void test_beliefs_martingale(void **state)
{
    (void)state;
    test_martingale(0.0);
}

static void test_beliefs_martingale_trembles(void **state)
{
    (void)state;
    test_martingale(0.1);
}

/* Round 1 of each run: the patron's type is drawn, it faces ally A (defiant)
** in the state the test builds by hand; the frequency of threats and of
** executions per type equals the probability its behaviour function states,
** within three standard errors. */
static void check_frequencies(const char *patron, const char *name, double tremble)
{
    char yaml[2048];
    scenario_yaml(yaml, sizeof yaml, 1, patron, "defy", tremble);
    ent_scenario *s = ent_test_load(yaml);
    const ent_strategy_type *t = ent_strategy_find("exit_leverage", name);
    assert_non_null(t);
    const double *p = s->agents[0].strategy[0].p;
    ent_run *run = ent_run_alloc(s, 0);
    double threats[2] = { 0 }, execs[2] = { 0 }, n_type[2] = { 0 }, n_thr[2] = { 0 };
    for (int n = 0; n < RUNS; n++) {
        ent_run_exec(run, 777, 0, (uint64_t)n);
        int ty = (int)ent_run_agent_value(run, 0, "patron_type");
        /* one round: ally A's counts are its round-1 facts */
        const size_t ai = (size_t)(1);
        n_type[ty]++;
        threats[ty] += (int)ent_run_agent_value(run, ai, "n_threats");
        if ((int)ent_run_agent_value(run, ai, "n_threats") > 0) {
            n_thr[ty]++;
            execs[ty] += (int)ent_run_agent_value(run, ai, "n_executions");
        }
    }
    /* a strategy with state states its round-1 behaviour from its reset state */
    double mem[1024];
    void *pstate = NULL;
    if (t->state_size) {
        ent_exit_patron_view v0;
        memset(&v0, 0, sizeof v0);
        v0.ally = 1;
        v0.n_agents = 3;
        assert_true(t->state_size(p, 3) <= sizeof mem);
        t->reset(p, mem, &v0);
        pstate = mem;
    }
    for (int ty = 0; ty < 2; ty++) {
        /* the round-1 state of ally A, as the patron of type ty sees it */
        ent_exit_patron_view v;
        memset(&v, 0, sizeof v);
        v.round = 1;
        v.phase = ENT_EXIT_THREAT;
        v.ally = 1;
        v.n_agents = 3;
        v.type = ty;
        v.tremble = tremble;
        v.slack = 0.02;
        v.gap = 0.02 * 100;
        v.harm[0] = 0.02 * 1 * 100;
        v.cost[0] = 0.05 * 100 * (ty == ENT_TYPE_TRANSACTIONAL ? 1 - 0.6 : 1.0);
        v.audience_cost = 3;
        v.ally_last_response = -1;
        ent_exit_behaviour b;
        assert_int_equal(ent_exit_patron_behaviour(t, p, pstate, &v, &b), 0);
        double pt = b.threat;
        v.phase = ENT_EXIT_ENFORCE;
        v.instrument = b.instrument;
        v.demand = b.demand;
        v.response = ENT_RESP_DEFY;
        v.concession = 0.0;
        assert_int_equal(ent_exit_patron_behaviour(t, p, pstate, &v, &b), 0);
        double pe = b.execute;
        double f = threats[ty] / n_type[ty], se = sqrt(pt * (1 - pt) / n_type[ty]);
        if (!(fabs(f - pt) <= 3 * se + 1e-12)) {
            print_error("%s type %d: threat frequency %.5f, stated %.5f\n", patron, ty, f, pt);
            fail();
        }
        if (n_thr[ty] > 0) {
            f = execs[ty] / n_thr[ty];
            se = sqrt(pe * (1 - pe) / n_thr[ty]);
            if (!(fabs(f - pe) <= 3 * se + 1e-12)) {
                print_error("%s type %d: execution frequency %.5f, stated %.5f\n", patron, ty, f, pe);
                fail();
            }
        }
    }
    ent_run_free(run);
    ent_scenario_free(s);
}

static void test_frequencies_as_stated(void **state)
{
    (void)state;
    const double tr[] = { 0.0, 0.1 };
    for (int k = 0; k < 2; k++) {
        check_frequencies("committed", "committed", tr[k]);
        check_frequencies("{name: committed, threat_prob: 0.5}", "committed", tr[k]);
        check_frequencies("transactional", "transactional", tr[k]);
        check_frequencies("typed", "typed", tr[k]);
        check_frequencies("{name: typed, threat_prob: 0.3}", "typed", tr[k]);
        check_frequencies("bluffer", "bluffer", tr[k]);
        check_frequencies("{name: grim, k: 1}", "grim", tr[k]);
        check_frequencies("learning", "learning", tr[k]);
    }
}

/* Fearon (1994): a committed patron whose audience cost exceeds its exit
** cost carries the threat out; below it, it backs down. */
static void test_committed_executes_when_audience_cost_exceeds_exit_cost(void **state)
{
    (void)state;
    const ent_strategy_type *t = ent_strategy_find("exit_leverage", "committed");
    assert_non_null(t);
    double p[2] = { 0.5, 1.0 };
    ent_exit_patron_view v;
    memset(&v, 0, sizeof v);
    v.phase = ENT_EXIT_ENFORCE;
    v.type = ENT_TYPE_COMMITTED;
    v.instrument = ENT_INSTR_DRAWDOWN;
    v.cost[0] = 4.0;
    v.audience_cost = 5.0;
    ent_exit_behaviour b;
    assert_int_equal(ent_exit_patron_behaviour(t, p, NULL, &v, &b), 0);
    assert_double_equal(b.execute, 1.0, 0);
    v.audience_cost = 3.0;
    assert_int_equal(ent_exit_patron_behaviour(t, p, NULL, &v, &b), 0);
    assert_double_equal(b.execute, 0.0, 0);
    /* at a tie the committed type gives the ally the benefit; the
    ** transactional takes it */
    v.audience_cost = 4.0;
    assert_int_equal(ent_exit_patron_behaviour(t, p, NULL, &v, &b), 0);
    assert_double_equal(b.execute, 0.0, 0);
    const ent_strategy_type *tr = ent_strategy_find("exit_leverage", "transactional");
    assert_non_null(tr);
    /* its own defaults (resolve 0: it carries out iff its cost <= audience cost) */
    double q[ENT_MAX_PARAMS];
    assert_true(tr->n_params <= ENT_MAX_PARAMS);
    ent_param_defaults(tr->params, tr->n_params, q);
    v.type = ENT_TYPE_TRANSACTIONAL;
    assert_int_equal(ent_exit_patron_behaviour(tr, q, NULL, &v, &b), 0);
    assert_double_equal(b.execute, 1.0, 0);
}

/* Hedging and the security dilemma weigh the abandonment risk the patron
** strategy states, P(abandon) = p a_T + (1 - p) a_C, not constants of their
** own: a typed patron whose transactional type fails an ally in a crisis
** with probability 0.3 (the committed type never does), prior 0.4: 0.12. */
static void run_abandon(const char *stages, const char *patron, double *fear, double *u_band)
{
    char yaml[2048], strat[256] = "";
    if (patron)
        snprintf(strat, sizeof strat, ", strategies: {exit_leverage: %s}", patron);
    snprintf(yaml, sizeof yaml,
             "name: a\nrounds: 1\nstages: [%s]\n"
             "patron: {code: P, gdp: 1000, defence_share: 0.03%s}\n"
             "allies:\n"
             "  - {code: A, gdp: 100, defence_share: 0.03, demand: 0.02, prior_transactional: 0.4,\n"
             "     dependence: 1, threat: 1, autonomy: 0,\n"
             "     strategies: {security_dilemma: {name: fixed, commitment: 0}}}\n", stages, strat);
    ent_scenario *s = ent_test_load(yaml);
    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE);
    ent_run_exec(run, 1, 0, 0);
    *fear = ent_run_agent_value(run, 1, "fear_abandon");
    *u_band = ent_run_agent_value(run, 1, "hedge_u_bandwagon");
    ent_run_free(run);
    ent_scenario_free(s);
}

static void test_abandonment_risk_from_the_strategy(void **state)
{
    (void)state;
    double fear, u;
    /* A = P(abandon) H dependence threat = 0.12 x 10; u_bandwagon = G (1 - 0.12), G = 5 */
    run_abandon("exit_leverage, hedging, {stage: security_dilemma, abandonment_rate: 0.9}",
                "{name: typed, crisis_abandon: 0.3}", &fear, &u);
    assert_double_equal(fear, 0.12 * 10.0, 1e-12);
    assert_double_equal(u, 5.0 * (1.0 - 0.12), 1e-12);
    /* a patron that is committed whatever its type never abandons */
    run_abandon("exit_leverage, hedging, security_dilemma", "committed", &fear, &u);
    assert_double_equal(fear, 0.0, 0);
    assert_double_equal(u, 5.0, 1e-12);
    /* without exit_leverage there is no patron strategy: the stages' documented
    ** abandonment_rate of a transactional patron, times the belief */
    run_abandon("hedging, {stage: security_dilemma, abandonment_rate: 0.9}", NULL, &fear, &u);
    assert_double_equal(fear, 0.4 * 0.9 * 10.0, 1e-12);
    assert_double_equal(u, 5.0 * (1.0 - 0.4 * 0.5), 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_beliefs_martingale),
        cmocka_unit_test(test_beliefs_martingale_learning),
        cmocka_unit_test(test_beliefs_martingale_trembles),
        cmocka_unit_test(test_frequencies_as_stated),
        cmocka_unit_test(test_committed_executes_when_audience_cost_exceeds_exit_cost),
        cmocka_unit_test(test_abandonment_risk_from_the_strategy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
