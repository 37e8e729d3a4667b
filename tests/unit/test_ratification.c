/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_ratification.c: two-level games. Support and win-set dynamics by hand,
** the Schelling conjecture with everything else equal, involuntary defection
** rising with the gap, and the bargaining protocols inside a run.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include "ent_test.h"
#include "entente/bargain.h"
#include "entente/exit.h"
#include "entente/run.h"
#include "entente/scenario.h"

static double trace(const ent_run *run, int round, size_t agent, const char *name)
{
    const ent_column *c[256];
    size_t n = ent_run_trace_columns(run, c, 256);
    for (size_t k = 0; k < n; k++)
        if (!strcmp(c[k]->name, name))
            return ent_run_trace_row(run, round, agent)[k];
    fail_msg("no trace column %s", name);
    return NAN;
}

/* Patron and one ally (GDP 1000, share 0.01, target 0.02: shortfall 10) with
** exit_leverage, bargaining and ratification. */
static ent_scenario *scenario(const char *patron_strategy, const char *ally_fields,
                              const char *ally_strategy, const char *bargaining,
                              const char *ratification, int rounds)
{
    char yaml[4096];
    snprintf(yaml, sizeof yaml,
             "name: t\nrounds: %d\n"
             "stages:\n  - exit_leverage\n  - {stage: bargaining%s}\n  - {stage: ratification%s}\n"
             "patron: {code: USA, gdp: 20000, defence_share: 0.03, transactional_prob: 1,\n"
             "  transactional: 0.5, audience_cost: 10, strategies: {exit_leverage: %s}}\n"
             "allies:\n  - {code: A, gdp: 1000, defence_share: 0.01, demand: 0.02, dependence: 0.5,\n"
             "     stake: 0.01%s, strategies: {exit_leverage: %s}}\n",
             rounds, bargaining, ratification, patron_strategy, ally_fields, ally_strategy);
    return ent_test_load(yaml);
}

static void test_support_under_coercion(void **state)
{
    (void)state;
    /* threatened every round (a bluffer that always threatens and never
    ** executes), the ally defies: support falls by the backlash each round;
    ** win-set by hand: W = 0.01 x 1000 x (o - 0.4)/0.6 */
    ent_scenario *s = scenario("{name: bluffer, threat_prob: 1, execute_prob: 0}", ", support: 0.9, backlash: 0.07",
                               "defy", "", ", winset_scale: 0.01, support_floor: 0.4", 10);
    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE);
    ent_run_exec(run, 1, 0, 0);
    for (int t = 1; t <= 10; t++) {
        double o = 0.9 - 0.07 * t;
        if (o < 0.0) o = 0.0;
        assert_double_equal(trace(run, t, 1, "support"), o, 1e-12);
        double w = o > 0.4 ? 0.01 * 1000 * (o - 0.4) / 0.6 : 0.0;
        assert_double_equal(trace(run, t, 1, "winset"), w, 1e-12);
    }
    ent_run_free(run);
    ent_scenario_free(s);
}

static void test_support_recovers(void **state)
{
    (void)state;
    /* round 1: threatened (-0.1), complies; the deal closes the shortfall, so no
    ** threat follows: o_t = o0 - 0.1 (1 - 0.3)^(t-1) */
    ent_scenario *s = scenario("transactional", ", support: 0.8, backlash: 0.1", "comply", "",
                               ", winset_scale: 0.1, recovery: 0.3", 6);
    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE);
    ent_run_exec(run, 1, 0, 0);
    assert_double_equal(trace(run, 1, 1, "ratification"), 1.0, 0.0);
    assert_double_equal(trace(run, 1, 1, "concession"), 10.0, 1e-9);
    for (int t = 1; t <= 6; t++)
        assert_double_equal(trace(run, t, 1, "support"), 0.8 - 0.1 * pow(0.7, t - 1), 1e-12);
    assert_double_equal(trace(run, 2, 1, "threat_made"), 0.0, 0.0);
    ent_run_free(run);
    ent_scenario_free(s);
}

/* Round-1 figures under cut_back with a Nash bargain (w = 0.5), ally support o. */
static void schelling_run(double support, double *concession, double *result, double *enforcement,
                          double *payoff)
{
    char af[128];
    snprintf(af, sizeof af, ", support: %.17g, backlash: 0, autonomy: 0.2", support);
    ent_scenario *s = scenario("transactional", af, "comply", ", protocol: nash, patron_power: 0.5",
                               ", rule: cut_back, winset_scale: 0.01, support_floor: 0.5, "
                               "patron_minimum: 0.15", 1);
    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE);
    ent_run_exec(run, 1, 0, 0);
    /* the unconstrained Nash bargain, by hand: H = 0.02 x 0.5 x 1000 = 10,
    ** X = 0.01 x 1000 x 0.5 = 5, t* = 0.5 x 10 - 0.5 x 5 = 2.5 */
    assert_double_equal(trace(run, 1, 1, "bargaining_outcome"), 2.5, 1e-12);
    *concession = trace(run, 1, 1, "concession");
    *result = trace(run, 1, 1, "ratification");
    *enforcement = trace(run, 1, 1, "enforcement");
    *payoff = ent_run_agent_value(run, 1, "payoff");
    ent_run_free(run);
    ent_scenario_free(s);
}

static void test_schelling_conjecture(void **state)
{
    (void)state;
    /* win-set W = 0.01 x 1000 x (o - 0.5)/0.5 = 20 (o - 0.5); patron minimum
    ** 0.15 x 10 = 1.5. Everything else equal, only support (so W) moves. */
    double c, res, enf, pay;
    schelling_run(0.9, &c, &res, &enf, &pay);      /* W = 8 > 2.5: ratified as is */
    assert_double_equal(c, 2.5, 1e-12);
    assert_double_equal(res, 1.0, 0.0);
    double prev_c = c, prev_pay = pay;
    const double supports[] = { 0.6, 0.59, 0.58 };   /* W = 2, 1.8, 1.6 */
    for (size_t k = 0; k < 3; k++) {
        schelling_run(supports[k], &c, &res, &enf, &pay);
        assert_double_equal(c, 20.0 * (supports[k] - 0.5), 1e-9);
        assert_double_equal(res, 2.0, 0.0);           /* cut back, accepted */
        assert_double_equal(enf, 0.0, 0.0);           /* a deal: nothing to enforce */
        assert_true(c < prev_c);                      /* a better deal for the ally */
        assert_true(pay > prev_pay);
        prev_c = c;
        prev_pay = pay;
    }
    /* W = 1.4 < 1.5: below the patron's reservation, no deal, and the threat
    ** (cost 5 <= audience cost 10) is carried out */
    schelling_run(0.57, &c, &res, &enf, &pay);
    assert_double_equal(c, 0.0, 0.0);
    assert_double_equal(res, 4.0, 0.0);
    assert_double_equal(enf, 1.0, 0.0);
    assert_true(pay < prev_pay);
}

static void test_involuntary_defection_rises_with_gap(void **state)
{
    (void)state;
    /* take it or leave it: the ally complies with the whole shortfall
    ** t = (target - 0.01) 1000; W = 0.01 x 1000 x (0.9 - 0.5)/0.5 = 8;
    ** P(fail) = 1 - exp(-1.0 (t - 8)/8); failures are answered by the threat */
    const double targets[] = { 0.019, 0.022, 0.026, 0.032 };     /* t = 9, 12, 16, 22 */
    double prev = -1.0;
    for (size_t k = 0; k < 4; k++) {
        char yaml[2048];
        snprintf(yaml, sizeof yaml,
                 "name: t\nrounds: 1\nstages:\n  - exit_leverage\n"
                 "  - {stage: ratification, rule: probabilistic, winset_scale: 0.01, fail_rate: 1.0}\n"
                 "patron: {code: USA, gdp: 20000, defence_share: 0.03, transactional_prob: 1,\n"
                 "  strategies: {exit_leverage: transactional}}\n"
                 "allies:\n  - {code: A, gdp: 1000, defence_share: 0.01, demand: %.17g, support: 0.9,\n"
                 "     backlash: 0, strategies: {exit_leverage: comply}}\n", targets[k]);
        ent_scenario *s = ent_test_load(yaml);
        ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE);
        double t = (targets[k] - 0.01) * 1000, q = 1.0 - exp(-(t - 8.0) / 8.0);
        int n = 1500, failed = 0;
        for (int seed = 0; seed < n; seed++) {
            ent_run_exec(run, (uint64_t)seed, 0, 0);
            assert_double_equal(trace(run, 1, 1, "fail_prob"), q, 1e-12);
            failed += (int)ent_run_agent_value(run, 1, "n_ratify_fail");
            /* a failed deal concedes nothing; a ratified one concedes it all */
            double c = trace(run, 1, 1, "concession");
            assert_true((int)ent_run_agent_value(run, 1, "n_ratify_fail") ? c == 0.0 : fabs(c - t) < 1e-9);
        }
        double freq = (double)failed / n;
        assert_true(fabs(freq - q) < 5 * sqrt(q * (1 - q) / n));
        assert_true(freq > prev);
        prev = freq;
        ent_run_free(run);
        ent_scenario_free(s);
    }
}

/* The win-set the stage keeps while the support stands still is the one the
** formula gives for the support of the round, bit for bit: checked after
** every round of runs with random parameters, supports that fall, recover
** and settle, on one run object reused across runs. */
typedef struct {
    double floor, scale, gdp[3];
    int checked;
} winset_check;

static void check_winsets(const ent_run *run, void *ctx)
{
    winset_check *c = ctx;
    for (size_t i = 1; i <= 3; i++) {
        double support = ent_run_agent_value(run, i, "support");
        double x = (support - c->floor) / (1.0 - c->floor);
        double want = x > 0.0 ? c->scale * c->gdp[i - 1] * x : 0.0;
        double got = ent_run_agent_value(run, i, "winset");
        if (memcmp(&got, &want, sizeof got))
            fail_msg("ally %zu, support %a: win-set %a, the formula %a", i, support, got, want);
        c->checked++;
    }
}

static void test_winset_kept_while_support_stands_still(void **state)
{
    (void)state;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 17);
    for (int k = 0; k < 30; k++) {
        winset_check c = { 0.9 * gsl_rng_uniform(r), gsl_rng_uniform(r) < 0.2 ? 0.0 : 0.02 * gsl_rng_uniform(r),
                           { 100 + 2000 * gsl_rng_uniform(r), 50 + 500 * gsl_rng_uniform(r),
                             10 + 90 * gsl_rng_uniform(r) }, 0 };
        char yaml[4096];
        snprintf(yaml, sizeof yaml,
                 "name: t\nrounds: 15\n"
                 "stages:\n  - exit_leverage\n  - bargaining\n"
                 "  - {stage: ratification, winset_scale: %.17g, support_floor: %.17g, recovery: %.17g}\n"
                 "patron: {code: USA, gdp: 20000, defence_share: 0.03, transactional_prob: 0.5,\n"
                 "  strategies: {exit_leverage: typed}}\n"
                 "allies:\n"
                 "  - {code: A, gdp: %.17g, defence_share: 0.01, demand: 0.02, support: %.17g, backlash: %.17g}\n"
                 "  - {code: B, gdp: %.17g, defence_share: 0.03, demand: 0.02, support: %.17g}\n"
                 "  - {code: C, gdp: %.17g, defence_share: 0.005, demand: 0.03, support: %.17g,\n"
                 "     strategies: {exit_leverage: partial}}\n",
                 c.scale, c.floor, gsl_rng_uniform(r) < 0.3 ? 1.0 : gsl_rng_uniform(r), c.gdp[0],
                 gsl_rng_uniform(r), 0.2 * gsl_rng_uniform(r), c.gdp[1], gsl_rng_uniform(r), c.gdp[2],
                 gsl_rng_uniform(r));
        ent_scenario *s = ent_test_load(yaml);
        ent_run *run = ent_run_alloc(s, 0);
        ent_run_on_round(run, check_winsets, &c);
        for (uint64_t rep = 0; rep < 10; rep++)
            ent_run_exec(run, 3, 0, rep);
        assert_int_equal(c.checked, 10 * 15 * 3);
        ent_run_free(run);
        ent_scenario_free(s);
    }
    gsl_rng_free(r);
}

static void test_rubinstein_protocol(void **state)
{
    (void)state;
    /* pie = the demand 10; patron proposes first with discount 0.9, ally 0.8:
    ** patron share (1 - 0.8)/(1 - 0.72) = 5/7. The ally's option: walk out and
    ** face the threat with belief p: 1 - p H / 10 with H = 10. */
    char af[96];
    snprintf(af, sizeof af, ", discount: 0.8, prior_transactional: 0.9");
    char yaml[2048];
    snprintf(yaml, sizeof yaml,
             "name: t\nrounds: 1\ndiscount: 0.9\nstages:\n  - exit_leverage\n"
             "  - {stage: bargaining, protocol: rubinstein}\n"
             "patron: {code: USA, gdp: 20000, defence_share: 0.03, transactional_prob: 1,\n"
             "  strategies: {exit_leverage: transactional}}\n"
             "allies:\n  - {code: A, gdp: 1000, defence_share: 0.01, demand: 0.02, dependence: 0.5%s,\n"
             "     strategies: {exit_leverage: comply}}\n", af);
    ent_scenario *s = ent_test_load(yaml);
    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE);
    ent_run_exec(run, 1, 0, 0);
    /* option 1 - 0.9 = 0.1 < 2/7: does not bind: t = 10 x 5/7 */
    assert_double_equal(trace(run, 1, 1, "bargaining_outcome"), 50.0 / 7.0, 1e-12);
    assert_double_equal(trace(run, 1, 1, "patron_power"), 5.0 / 7.0, 1e-12);
    ent_run_free(run);
    ent_scenario_free(s);
    /* belief 0.3: option 0.7 > 2/7 binds: the ally keeps exactly 0.7, t = 3 */
    snprintf(af, sizeof af, ", discount: 0.8, prior_transactional: 0.3");
    snprintf(yaml, sizeof yaml,
             "name: t\nrounds: 1\ndiscount: 0.9\nstages:\n  - exit_leverage\n"
             "  - {stage: bargaining, protocol: rubinstein}\n"
             "patron: {code: USA, gdp: 20000, defence_share: 0.03, transactional_prob: 1,\n"
             "  strategies: {exit_leverage: transactional}}\n"
             "allies:\n  - {code: A, gdp: 1000, defence_share: 0.01, demand: 0.02, dependence: 0.5%s,\n"
             "     strategies: {exit_leverage: comply}}\n", af);
    s = ent_test_load(yaml);
    run = ent_run_alloc(s, ENT_RUN_TRACE);
    ent_run_exec(run, 1, 0, 0);
    assert_double_equal(trace(run, 1, 1, "bargaining_outcome"), 3.0, 1e-12);
    assert_double_equal(trace(run, 1, 1, "concession"), 3.0, 1e-12);
    ent_run_free(run);
    ent_scenario_free(s);
}

/* One round, one ally, a transactional-strategy patron of drawn type `prior`
** (0 or 1) whose threats say nothing about its type: shortfall 10 demanded,
** drawdown harm H = 0.02 x 0.5 x 1000 = 10, exit cost X = 0.01 x 1000 = 10
** for the committed type and 5 for the transactional (tau 0.5), audience
** cost 7: only the transactional type carries the threat out (e_T = 1,
** e_C = 0), so the ally expects q H = p H and the patron, knowing its type,
** expects to pay X_T = 5 (transactional) or kappa = 7 (committed). */
static double closed_form_run(const char *bargaining, double type, double prior, double *power)
{
    char yaml[2048];
    snprintf(yaml, sizeof yaml,
             "name: t\nrounds: 1\ndiscount: 0.9\nstages:\n  - exit_leverage\n  - {stage: bargaining%s}\n"
             "patron: {code: USA, gdp: 20000, defence_share: 0.03, transactional_prob: %g,\n"
             "  transactional: 0.5, audience_cost: 7, strategies: {exit_leverage: transactional}}\n"
             "allies:\n  - {code: A, gdp: 1000, defence_share: 0.01, demand: 0.02, dependence: 0.5,\n"
             "     stake: 0.01, discount: 0.8, prior_transactional: %.17g,\n"
             "     strategies: {exit_leverage: comply}}\n", bargaining, type, prior);
    ent_scenario *s = ent_test_load(yaml);
    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE);
    ent_run_exec(run, 1, 0, 0);
    assert_int_equal((int)ent_run_agent_value(run, 0, "patron_type"), (int)type);
    double t = trace(run, 1, 1, "bargaining_outcome");
    *power = trace(run, 1, 1, "patron_power");
    ent_run_free(run);
    ent_scenario_free(s);
    return t;
}

/* Each protocol's closed form with the disagreement point the patron's
** stated behaviour gives (theory 3, 4). */
static void test_protocol_closed_forms(void **state)
{
    (void)state;
    double w;
    /* take it or leave it: the demand */
    assert_double_equal(closed_form_run("", 1, 0.9, &w), 10.0, 1e-12);
    /* Nash, default weight 1/2 (theory 3: t* = (X_a - X_u)/2; Wagner 1988):
    ** transactional: (0.9 x 10 - 5)/2 = 2; committed: (0.9 x 10 - 7)/2 = 1 */
    assert_double_equal(closed_form_run(", protocol: nash", 1, 0.9, &w), 2.0, 1e-12);
    assert_double_equal(w, 0.5, 0);
    assert_double_equal(closed_form_run(", protocol: nash", 0, 0.9, &w), 1.0, 1e-12);
    /* a given weight: 0.8 x 9 - 0.2 x 5 = 6.2 */
    assert_double_equal(closed_form_run(", protocol: nash, patron_power: 0.8", 1, 0.9, &w), 6.2, 1e-12);
    /* a belief too low for a bargain: 0.5 x 4 - 0.5 x 5 < 0: nothing */
    assert_double_equal(closed_form_run(", protocol: nash", 1, 0.4, &w), 0.0, 0);
    /* Rubinstein, patron first, discounts 0.9 and 0.8: share 5/7 of the pie
    ** 10; the ally's option 1 - q H / 10 = 1 - p binds when above 2/7
    ** (it keeps exactly that); the patron's option -5/10 or -7/10 never binds */
    assert_double_equal(closed_form_run(", protocol: rubinstein", 1, 0.9, &w), 50.0 / 7.0, 1e-12);
    assert_double_equal(w, 5.0 / 7.0, 1e-12);
    assert_double_equal(closed_form_run(", protocol: rubinstein", 1, 0.3, &w), 3.0, 1e-12);
    assert_double_equal(closed_form_run(", protocol: rubinstein", 0, 0.3, &w), 3.0, 1e-12);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_support_under_coercion),
        cmocka_unit_test(test_support_recovers),
        cmocka_unit_test(test_schelling_conjecture),
        cmocka_unit_test(test_involuntary_defection_rises_with_gap),
        cmocka_unit_test(test_winset_kept_while_support_stands_still),
        cmocka_unit_test(test_rubinstein_protocol),
        cmocka_unit_test(test_protocol_closed_forms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
