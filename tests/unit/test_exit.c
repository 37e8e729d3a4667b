/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_exit.c: the exit-leverage stage and its strategies: the committed
** patron never executes, audience costs make backing down rarer, the
** expected-utility threshold, linkage and exposure, the type draw, harms and
** costs by hand, and the behaviour of each patron and ally rule.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include "ent_test.h"
#include "entente/bargain.h"
#include "entente/exit.h"
#include "entente/rng.h"
#include "entente/run.h"
#include "entente/scenario.h"
#include "entente/stage.h"
#include "scenario/scenario_int.h"
#include "sim/run_int.h"
#include "stages/exit_leverage/exit_leverage.h"

/* Trace column `name`, or fail. */
static size_t col(const ent_run *run, const char *name)
{
    const ent_column *c[256];
    size_t n = ent_run_trace_columns(run, c, 256);
    for (size_t k = 0; k < n; k++)
        if (!strcmp(c[k]->name, name))
            return k;
    fail_msg("no trace column %s", name);
    return 0;
}

static double trace(const ent_run *run, int round, size_t agent, const char *name)
{
    return ent_run_trace_row(run, round, agent)[col(run, name)];
}

/* One ally facing a patron; %s slots: patron exit strategy, ally exit
** strategy, extra stages after exit_leverage. */
static ent_scenario *one_ally(const char *patron_fields, const char *patron_strategy,
                              const char *ally_fields, const char *ally_strategy,
                              const char *exit_params, const char *more_stages, int rounds)
{
    char yaml[4096];
    snprintf(yaml, sizeof yaml,
             "name: t\nrounds: %d\nseed: 7\n"
             "stages:\n  - {stage: exit_leverage%s}\n%s"
             "patron: {code: USA, gdp: 20000, defence_share: 0.03%s,\n"
             "         strategies: {exit_leverage: %s}}\n"
             "allies:\n  - {code: A, gdp: 1000, defence_share: 0.01, demand: 0.03%s,\n"
             "     strategies: {exit_leverage: %s}}\n",
             rounds, exit_params, more_stages, patron_fields, patron_strategy, ally_fields,
             ally_strategy);
    return ent_test_load(yaml);
}

static void test_committed_backs_down_at_a_tie(void **state)
{
    (void)state;
    /* carrying a threat out costs nothing and backing down costs nothing: a
    ** transactional patron executes every time (it takes the tie), the
    ** committed never (its audience cost does not exceed its exit cost; see
    ** test_patron.c for the committed type that does carry threats out) */
    ent_scenario *s = one_ally(", audience_cost: 0", "{name: committed, threat_prob: 1}",
                               ", stake: 0", "defy", "", "", 30);
    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE);
    for (uint64_t seed = 1; seed <= 20; seed++) {
        ent_run_exec(run, seed, 0, 0);
        assert_int_equal((int)ent_run_agent_value(run, 1, "n_threats"), 30);
        assert_int_equal((int)ent_run_agent_value(run, 1, "n_executions"), 0);
        assert_int_equal((int)ent_run_agent_value(run, 1, "n_bluffs_called"), 30);
        for (int t = 1; t <= 30; t++)
            assert_double_equal(trace(run, t, 1, "enforcement"), 2.0, 0.0);
    }
    ent_run_free(run);
    ent_scenario_free(s);

    s = one_ally(", audience_cost: 0", "transactional", ", stake: 0", "defy", "", "", 30);
    run = ent_run_alloc(s, 0);
    ent_run_exec(run, 1, 0, 0);
    assert_int_equal((int)ent_run_agent_value(run, 1, "n_executions"), 30);
    ent_run_free(run);
    ent_scenario_free(s);

    /* `typed` with a committed draw behaves as committed, whatever the seed */
    s = one_ally(", audience_cost: 0, transactional_prob: 0", "{name: typed, threat_prob: 1}",
                 ", stake: 0", "defy", "", "", 30);
    run = ent_run_alloc(s, 0);
    for (uint64_t seed = 1; seed <= 20; seed++) {
        ent_run_exec(run, seed, 0, 0);
        assert_int_equal((int)ent_run_agent_value(run, 0, "patron_type"), ENT_TYPE_COMMITTED);
        assert_int_equal((int)ent_run_agent_value(run, 1, "n_threats"), 30);
        assert_int_equal((int)ent_run_agent_value(run, 1, "n_executions"), 0);
    }
    ent_run_free(run);
    ent_scenario_free(s);
}

static void test_type_draw(void **state)
{
    (void)state;
    ent_scenario *s = one_ally(", transactional_prob: 0.3", "typed", "", "defy", "", "", 1);
    ent_run *run = ent_run_alloc(s, 0);
    int n = 2000, k = 0;
    for (int seed = 0; seed < n; seed++) {
        ent_run_exec(run, (uint64_t)seed, 0, 0);
        k += (int)ent_run_agent_value(run, 0, "patron_type") == ENT_TYPE_TRANSACTIONAL;
    }
    /* binomial(2000, 0.3): within 5 standard deviations */
    double sd = sqrt(n * 0.3 * 0.7);
    assert_true(fabs(k - 0.3 * n) < 5 * sd);
    /* reproducible: the same stream gives the same type */
    ent_run_exec(run, 11, 0, 0);
    int t1 = (int)ent_run_agent_value(run, 0, "patron_type");
    ent_run_exec(run, 11, 0, 0);
    assert_int_equal((int)ent_run_agent_value(run, 0, "patron_type"), t1);
    ent_run_free(run);
    ent_scenario_free(s);
}

static void test_audience_cost_backing_down(void **state)
{
    (void)state;
    /* transactional type (tau 0.5): drawdown cost 0.01 x 1000 x 0.5 = 5 times a
    ** mean-one lognormal (sd 1 of log); it backs down iff 5 m > audience cost */
    const double kappa[3] = { 2.0, 5.0, 10.0 };
    int rounds = 20, seeds = 60;
    int per_seed[3][60];
    int total[3] = { 0, 0, 0 };
    for (int k = 0; k < 3; k++) {
        char pf[128];
        snprintf(pf, sizeof pf, ", audience_cost: %g, transactional_prob: 1, transactional: 0.5", kappa[k]);
        ent_scenario *s = one_ally(pf, "transactional", ", stake: 0.01", "defy", ", cost_noise: 1.0", "",
                                   rounds);
        ent_run *run = ent_run_alloc(s, 0);
        for (int seed = 0; seed < seeds; seed++) {
            ent_run_exec(run, (uint64_t)seed, 0, 0);
            per_seed[k][seed] = (int)ent_run_agent_value(run, 1, "n_bluffs_called");
            assert_int_equal((int)ent_run_agent_value(run, 1, "n_bluffs_called") + (int)ent_run_agent_value(run, 1, "n_executions"), rounds);
            total[k] += per_seed[k][seed];
        }
        ent_run_free(run);
        ent_scenario_free(s);
        /* P(back down) = P(ln m > ln(kappa/5)), ln m ~ N(-1/2, 1) */
        double q = gsl_cdf_ugaussian_Q(log(kappa[k] / 5.0) + 0.5);
        double n = rounds * seeds, sd = sqrt(n * q * (1 - q));
        assert_true(fabs(total[k] - n * q) < 5 * sd);
    }
    /* same random costs across the three runs: never more back-downs with a
    ** higher audience cost, seed by seed, and strictly fewer in total */
    for (int seed = 0; seed < seeds; seed++) {
        assert_true(per_seed[1][seed] <= per_seed[0][seed]);
        assert_true(per_seed[2][seed] <= per_seed[1][seed]);
    }
    assert_true(total[1] < total[0]);
    assert_true(total[2] < total[1]);
}

static void test_eu_threshold_strategy(void **state)
{
    (void)state;
    const ent_strategy_type *eu = ent_strategy_find("exit_leverage", "expected_utility");
    assert_non_null(eu);
    ent_exit_ally_view v;
    memset(&v, 0, sizeof v);
    v.round = 1;
    v.demand = v.cost = 10.0;
    v.sovereignty_cost = 5.0;
    v.threat = 1;
    v.harm = 50.0;
    ent_exit_ally_decision d;
    /* hand: complies iff P(carried out | defy) x 50 >= 10 + 5, i.e. >= 0.3 */
    v.belief = 0.0;             /* the rule reads the execution probability, not the belief */
    v.execute_prob = 0.3;
    eu->decide(NULL, NULL, &v, &d, NULL);
    assert_int_equal(d.response, ENT_RESP_COMPLY);
    v.belief = 1.0;
    v.execute_prob = 0.2999;
    eu->decide(NULL, NULL, &v, &d, NULL);
    assert_int_equal(d.response, ENT_RESP_DEFY);
    /* no threat, nothing to fear */
    v.execute_prob = 1.0;
    v.threat = 0;
    eu->decide(NULL, NULL, &v, &d, NULL);
    assert_int_equal(d.response, ENT_RESP_DEFY);
}

static void test_eu_threshold_stage(void **state)
{
    (void)state;
    /* by hand: shortfall (0.03 - 0.01) x 1000 = 20 demanded; drawdown harm
    ** 0.02 x 0.5 x 1000 = 10 plus chips 0.5 x 0.04 x 1000 = 20: H = 30;
    ** autonomy 0.2: threshold 20 x 1.2 / 30 = 0.8 on P(carried out | defy).
    ** The patron's cost of carrying it out: drawdown 0.01 x 1000 x (1 - tau)
    ** plus 0.3 x 20 for the controls: 11 for the transactional type (tau 0.5),
    ** 16 for the committed one; audience cost 12, so only the transactional
    ** type executes, and the strategy's threats say nothing about the type:
    ** P(carried out | defy) = the prior, whose threshold is 0.8. */
    double thr = 20.0 * 1.2 / 30.0;
    for (int side = 0; side < 2; side++) {
        char af[160];
        snprintf(af, sizeof af, ", dependence: 0.5, tech_exposure: 0.04, autonomy: 0.2, stake: 0.01, "
                 "prior_transactional: %.17g", side ? thr + 1e-9 : thr - 1e-9);
        ent_scenario *s = one_ally(", transactional_prob: 1, transactional: 0.5, audience_cost: 12",
                                   "{name: transactional, instrument: drawdown_tech}",
                                   af, "expected_utility", "", "", 1);
        ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE);
        ent_run_exec(run, 1, 0, 0);
        assert_double_equal(trace(run, 1, 1, "exit_demand"), 20.0, 1e-9);
        assert_double_equal(trace(run, 1, 1, "instrument"), 5.0, 0.0);
        assert_double_equal(trace(run, 1, 1, "response"), side ? 0.0 : 2.0, 0.0);
        ent_run_free(run);
        ent_scenario_free(s);
    }
}

static void test_harm_and_cost_by_hand(void **state)
{
    (void)state;
    ent_exit_instruments k = { 0.02, 0.25, 0.5, 0.5, 0.3, 0.0 };
    /* Y 1000, s 0.6, e 0.1, tech 0.04, binding 0.25 */
    double draw = 0.02 * 0.6 * 1000, tariff = 0.25 * 0.1 * 1000 * 0.75, tech = 0.5 * 0.04 * 1000 * 0.75;
    assert_double_equal(ent_exit_harm(&k, ENT_INSTR_DRAWDOWN, 1000, 0.6, 0.1, 0.04, 0.25), draw, 1e-12);
    assert_double_equal(ent_exit_harm(&k, ENT_INSTR_ALL, 1000, 0.6, 0.1, 0.04, 0.25),
                        draw + tariff + tech, 1e-12);
    /* binding shields only the linked part */
    assert_double_equal(ent_exit_harm(&k, ENT_INSTR_DRAWDOWN, 1000, 0.6, 0.1, 0.04, 1.0), draw, 1e-12);
    assert_double_equal(ent_exit_harm(&k, ENT_INSTR_TARIFF | ENT_INSTR_TECH, 1000, 0.6, 0.1, 0.04, 1.0),
                        0.0, 1e-12);
    /* stake 0.02: committed pays 20, transactional (tau 0.7) 6 */
    assert_double_equal(ent_exit_cost(&k, ENT_INSTR_DRAWDOWN, ENT_TYPE_COMMITTED, 0.7, 1000, 0.02, 0.6,
                                      0.1, 0.04, 0.25), 20.0, 1e-12);
    assert_double_equal(ent_exit_cost(&k, ENT_INSTR_DRAWDOWN, ENT_TYPE_TRANSACTIONAL, 0.7, 1000, 0.02,
                                      0.6, 0.1, 0.04, 0.25), 6.0, 1e-12);
    assert_double_equal(ent_exit_cost(&k, ENT_INSTR_TARIFF | ENT_INSTR_TECH, ENT_TYPE_TRANSACTIONAL, 0.7,
                                      1000, 0.02, 0.6, 0.1, 0.04, 0.25),
                        0.5 * tariff + 0.3 * tech, 1e-12);
}

/* Round-1 concession of each of two allies that differ only in trade exposure. */
static void linkage_concessions(const char *instrument, double *high, double *low)
{
    char yaml[2048];
    snprintf(yaml, sizeof yaml,
             "name: t\nrounds: 1\n"
             "stages:\n  - exit_leverage\n  - {stage: bargaining, protocol: nash, patron_power: 0.6}\n"
             "patron: {code: USA, gdp: 20000, defence_share: 0.03, transactional_prob: 1, transactional: 0.5,\n"
             "  audience_cost: 1000, strategies: {exit_leverage: {name: transactional, instrument: %s}}}\n"
             "allies:\n"
             "  - {code: HI, gdp: 1000, defence_share: 0.01, demand: 0.1, dependence: 0.5, stake: 0.01,\n"
             "     trade_exposure: 0.2, strategies: {exit_leverage: comply}}\n"
             "  - {code: LO, gdp: 1000, defence_share: 0.01, demand: 0.1, dependence: 0.5, stake: 0.01,\n"
             "     trade_exposure: 0.02, strategies: {exit_leverage: comply}}\n",
             instrument);
    ent_scenario *s = ent_test_load(yaml);
    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE);
    ent_run_exec(run, 1, 0, 0);
    *high = trace(run, 1, 1, "concession");
    *low = trace(run, 1, 2, "concession");
    ent_run_free(run);
    ent_scenario_free(s);
}

static void test_linkage_and_exposure(void **state)
{
    (void)state;
    double h0, l0, h1, l1;
    linkage_concessions("drawdown", &h0, &l0);
    linkage_concessions("drawdown_tariff", &h1, &l1);
    /* by hand, w = 0.6: drawdown H = 0.02 x 0.5 x 1000 = 10, X = 0.01 x 1000 x 0.5 = 5;
    ** the audience cost (1000) makes the threat credible for either type, so the
    ** disagreement is the threat carried out, (-X, -H):
    ** t = 0.6 x 10 - 0.4 x 5 = 4 for both */
    assert_double_equal(h0, 4.0, 1e-9);
    assert_double_equal(l0, 4.0, 1e-9);
    /* a 25% tariff adds H = 0.25 e 1000 and X = 0.5 of it: t rises by
    ** (0.6 - 0.4 x 0.5) 250 e = 100 e: 20 for e = 0.2, 2 for e = 0.02 */
    assert_double_equal(h1 - h0, 20.0, 1e-9);
    assert_double_equal(l1 - l0, 2.0, 1e-9);
    assert_true(h1 - h0 > l1 - l0);
}

static void test_exit_without_burden_stage(void **state)
{
    (void)state;
    /* an ally that complies closes its shortfall, after which no demand is made */
    ent_scenario *s = one_ally(", transactional_prob: 1", "transactional", "", "comply", "", "", 3);
    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE);
    ent_run_exec(run, 1, 0, 0);
    assert_double_equal(trace(run, 1, 1, "exit_demand"), 20.0, 1e-9);
    assert_double_equal(trace(run, 1, 1, "concession"), 20.0, 1e-9);
    assert_double_equal(ent_run_agent_value(run, 1, "share"), 0.03, 1e-12);
    assert_double_equal(trace(run, 2, 1, "exit_demand"), 0.0, 0.0);
    assert_double_equal(trace(run, 2, 1, "threat_made"), 0.0, 0.0);
    assert_int_equal((int)ent_run_agent_value(run, 1, "n_deals"), 1);
    assert_int_equal((int)ent_run_agent_value(run, 1, "first_deal"), 1);
    /* spending and the alliance total stay consistent */
    assert_double_equal(ent_run_agent_value(run, 1, "spending"), 30.0, 1e-9);
    assert_double_equal(ent_run_alliance_spending(run), 600.0 + 30.0, 1e-9);
    ent_run_free(run);
    ent_scenario_free(s);
}

static void test_grim_trigger(void **state)
{
    (void)state;
    /* costly execution (stake large), free back-down: grim still executes from
    ** the k-th defiance on */
    ent_scenario *s = one_ally(", audience_cost: 0", "{name: grim, k: 3}", ", stake: 0.5", "defy", "", "", 6);
    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE);
    ent_run_exec(run, 1, 0, 0);
    const double want[6] = { 2, 2, 1, 1, 1, 1 };
    for (int t = 1; t <= 6; t++)
        assert_double_equal(trace(run, t, 1, "enforcement"), want[t - 1], 0.0);
    ent_run_free(run);
    ent_scenario_free(s);
}

static void test_bluffer_frequencies(void **state)
{
    (void)state;
    ent_scenario *s = one_ally("", "{name: bluffer, threat_prob: 0.4, execute_prob: 0.25}", "", "defy", "",
                               "", 50);
    ent_run *run = ent_run_alloc(s, 0);
    int threats = 0, execs = 0, n = 0;
    for (int seed = 0; seed < 40; seed++) {
        ent_run_exec(run, (uint64_t)seed, 0, 0);
        threats += (int)ent_run_agent_value(run, 1, "n_threats");
        execs += (int)ent_run_agent_value(run, 1, "n_executions");
        n += 50;
    }
    assert_true(fabs(threats - 0.4 * n) < 5 * sqrt(n * 0.4 * 0.6));
    assert_true(fabs(execs - 0.25 * threats) < 5 * sqrt(threats * 0.25 * 0.75));
    ent_run_free(run);
    ent_scenario_free(s);
}

static void test_partial_and_tit_for_tat(void **state)
{
    (void)state;
    /* partial concedes 30% of the 20 demanded; under take-it-or-leave-it that
    ** falls short, so the costless transactional patron executes */
    ent_scenario *s = one_ally(", transactional_prob: 1", "transactional", ", stake: 0",
                               "{name: partial, fraction: 0.3}", "", "", 1);
    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE);
    ent_run_exec(run, 1, 0, 0);
    assert_double_equal(trace(run, 1, 1, "response"), 1.0, 0.0);
    assert_double_equal(trace(run, 1, 1, "concession"), 6.0, 1e-9);
    assert_double_equal(trace(run, 1, 1, "enforcement"), 1.0, 0.0);
    assert_int_equal((int)ent_run_agent_value(run, 1, "n_deals"), 0);
    ent_run_free(run);
    ent_scenario_free(s);

    /* tit for tat against a patron that always threatens and always backs down
    ** (committed, threat_prob 1): complies, then defies after the threat, then
    ** complies after the back-down ... The demand is a tenth of the shortfall so
    ** the gap never closes within the run. */
    s = one_ally("", "{name: committed, moderation: 0.1, threat_prob: 1}", "", "tit_for_tat", "", "", 5);
    run = ent_run_alloc(s, ENT_RUN_TRACE);
    ent_run_exec(run, 1, 0, 0);
    const double want[5] = { 0, 2, 0, 2, 0 };
    for (int t = 1; t <= 5; t++)
        assert_double_equal(trace(run, t, 1, "response"), want[t - 1], 0.0);
    ent_run_free(run);
    ent_scenario_free(s);
}

static void test_learning_rule(void **state)
{
    (void)state;
    const ent_strategy_type *lr = ent_strategy_find("exit_leverage", "learning");
    assert_non_null(lr);
    double p[ENT_MAX_PARAMS];
    ent_param_defaults(lr->params, lr->n_params, p);
    double mem[128];
    assert_true(lr->state_size(p, 2) <= sizeof mem);
    ent_exit_patron_view v;
    memset(&v, 0, sizeof v);
    v.ally = 1;
    v.n_agents = 2;
    lr->reset(p, mem, &v);
    gsl_rng *r = ent_rng_alloc();
    ent_rng_stream(r, 3, 0, 0);
    v.gap = 10.0;
    v.audience_cost = 1.0;
    /* a world where an ally pays what is asked, and threats cost 1: the rule
    ** learns to ask for the most, without a threat */
    double late = 0.0;
    int late_threats = 0;
    for (int t = 0; t < 3000; t++) {
        ent_exit_patron_decision d = { 0, 0, 0.0, 0 };
        v.phase = ENT_EXIT_THREAT;
        lr->decide(p, mem, &v, &d, r);
        assert_true(d.demand > 0.0 && d.demand <= v.gap + 1e-12);
        if (t >= 2500) {
            late += d.demand;
            late_threats += d.threat;
        }
        v.phase = ENT_EXIT_ENFORCE;
        lr->observe(p, mem, &v, d.demand - (d.threat ? 1.0 : 0.0));
    }
    assert_true(late / 500 > 8.0);
    assert_true(late_threats < 250);
    /* it executes iff its cost is below the audience cost */
    ent_exit_patron_decision d = { 0, 0, 0.0, 0 };
    v.phase = ENT_EXIT_ENFORCE;
    v.instrument = ENT_INSTR_DRAWDOWN;
    v.cost[0] = 0.5;
    lr->decide(p, mem, &v, &d, r);
    assert_int_equal(d.execute, 1);
    v.cost[0] = 1.5;
    lr->decide(p, mem, &v, &d, r);
    assert_int_equal(d.execute, 0);
    gsl_rng_free(r);
}

/* The stage asks a patron strategy once per type and round for both the
** likelihood of the demand an ally saw and the abandonment risk: no
** strategy's risk depends on the demand asked about or on its state (the
** stage once asked for it with no state and no demand). */
static void test_abandon_ignores_demand_and_state(void **state)
{
    (void)state;
    static const char *const names[] = { "committed", "transactional", "typed", "bluffer", "grim",
                                         "learning" };
    gsl_rng *r = ent_rng_alloc();
    ent_rng_stream(r, 5, 0, 0);
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        const ent_strategy_type *t = ent_strategy_find("exit_leverage", names[k]);
        assert_non_null(t);
        double p[ENT_MAX_PARAMS];
        ent_param_defaults(t->params, t->n_params, p);
        static double mem[16384];
        ent_exit_patron_view v;
        memset(&v, 0, sizeof v);
        v.ally = 1;
        v.n_agents = 3;
        if (t->state_size) {
            assert_true(t->state_size(p, 3) <= sizeof mem);
            t->reset(p, mem, &v);
        }
        for (int c = 0; c < 2000; c++) {
            /* random parameters, view and (for the learner) history */
            for (size_t j = 0; j < t->n_params; j++) {
                const ent_param_desc *d = &t->params[j];
                double u = gsl_rng_uniform(r);
                p[j] = d->type == ENT_P_REAL ? d->min + u * (d->max - d->min) : floor(d->min + u * (d->max - d->min + 1));
                if (p[j] > d->max)
                    p[j] = d->max;
            }
            if (t->state_size) {
                assert_true(t->state_size(p, 3) <= sizeof mem);
                t->reset(p, mem, &v);
            }
            v.phase = ENT_EXIT_THREAT;
            v.ally = 1 + (int)gsl_rng_uniform_int(r, 2);
            v.type = (int)gsl_rng_uniform_int(r, 2);
            v.gap = c % 7 == 0 ? 0.0 : 20.0 * gsl_rng_uniform(r);
            v.tremble = c % 3 == 0 ? 0.0 : 0.5 * gsl_rng_uniform(r);
            v.ally_defiances = (int)gsl_rng_uniform_int(r, 6);
            v.demand = 0.0;
            for (int h = 0; t->state_size && h < c % 5; h++) {
                ent_exit_patron_decision d = { 0, 0, 0.0, 0 };
                t->decide(p, mem, &v, &d, r);
                t->observe(p, mem, &v, 10.0 * gsl_rng_uniform(r) - 3.0);
            }
            ent_exit_behaviour was, now;
            assert_int_equal(ent_exit_patron_behaviour(t, p, NULL, &v, &was), 0);
            int L = t->state_size ? (int)p[0] : 4;
            v.demand = c % 2 ? (double)(1 + c % L) / L * v.gap : 30.0 * gsl_rng_uniform(r);
            assert_int_equal(ent_exit_patron_behaviour(t, p, t->state_size ? mem : NULL, &v, &now), 0);
            if (memcmp(&was.abandon, &now.abandon, sizeof was.abandon) != 0)
                fail_msg("%s: abandon %a without demand and state, %a with", names[k], was.abandon, now.abandon);
        }
    }
    gsl_rng_free(r);
}

/* The stage's shortcut for a stateless patron rule (ent_i_exit_stateless_rule):
** each type's behaviour asked once per round, and the decision drawn from
** it. Its THREAT-phase behaviour must not read the demand asked about or a
** state, and its decide() must be that draw, to the bit and the random
** stream. */
static int same_behaviour(const ent_exit_behaviour *a, const ent_exit_behaviour *b)
{
    return !memcmp(&a->demand, &b->demand, sizeof a->demand) &&
           !memcmp(&a->demand_prob, &b->demand_prob, sizeof a->demand_prob) &&
           a->instrument == b->instrument && !memcmp(&a->threat, &b->threat, sizeof a->threat) &&
           !memcmp(&a->execute, &b->execute, sizeof a->execute) &&
           (!memcmp(&a->abandon, &b->abandon, sizeof a->abandon) || (isnan(a->abandon) && isnan(b->abandon)));
}

static void test_stateless_rules(void **state)
{
    (void)state;
    static const char *const names[] = { "committed", "transactional", "typed", "bluffer", "grim",
                                         "learning" };
    gsl_rng *r = ent_rng_alloc(), *r1 = ent_rng_alloc(), *r2 = ent_rng_alloc();
    ent_rng_stream(r, 9, 0, 0);
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        const ent_strategy_type *t = ent_strategy_find("exit_leverage", names[k]);
        assert_non_null(t);
        assert_int_equal(ent_i_exit_stateless_rule(t), strcmp(names[k], "learning") != 0);
        {
            ent_i_exit_rule rule;
            int off;
            assert_int_equal(ent_i_exit_rule_of(t, ENT_TYPE_COMMITTED, &rule, &off) == 0, ent_i_exit_stateless_rule(t));
        }
        if (!ent_i_exit_stateless_rule(t))
            continue;
        assert_null(t->state_size);
        double p[ENT_MAX_PARAMS], junk[64];
        for (int c = 0; c < 20000; c++) {
            for (size_t j = 0; j < t->n_params; j++) {
                const ent_param_desc *d = &t->params[j];
                double u = gsl_rng_uniform(r);
                /* edges too: 0, 1 and the bounds */
                if (c % 11 == 0) u = (double)(c % 3) / 2.0;
                p[j] = d->type == ENT_P_REAL ? d->min + u * (d->max - d->min) : floor(d->min + u * (d->max - d->min + 1));
                if (p[j] > d->max)
                    p[j] = d->max;
            }
            for (size_t j = 0; j < sizeof junk / sizeof junk[0]; j++)
                junk[j] = gsl_rng_uniform(r);
            ent_exit_patron_view v;
            memset(&v, 0, sizeof v);
            v.phase = c % 2 ? ENT_EXIT_ENFORCE : ENT_EXIT_THREAT;
            v.ally = 1;
            v.n_agents = 2;
            v.type = (int)gsl_rng_uniform_int(r, 2);
            v.gap = c % 5 == 0 ? 0.0 : 10.0 * gsl_rng_uniform(r);
            v.tremble = c % 3 == 0 ? 0.0 : 0.5 * gsl_rng_uniform(r);
            for (int j = 0; j < 3; j++)
                v.cost[j] = c % 7 == 0 ? 1.0 : 20.0 * gsl_rng_uniform(r);
            v.audience_cost = c % 7 == 0 ? 1.0 : 20.0 * gsl_rng_uniform(r);
            v.ally_defiances = (int)gsl_rng_uniform_int(r, 5);
            v.response = (int)gsl_rng_uniform_int(r, 3);
            v.instrument = 1u + (unsigned)gsl_rng_uniform_int(r, 7);
            v.demand = v.phase == ENT_EXIT_ENFORCE ? 10.0 * gsl_rng_uniform(r) : 0.0;
            v.concession = v.phase == ENT_EXIT_ENFORCE && c % 4 ? v.demand * gsl_rng_uniform(r) : 0.0;
            /* the behaviour without demand and state, and with */
            ent_exit_behaviour b0, b1;
            assert_int_equal(ent_i_exit_behaviour(t, p, NULL, &v, &b0), 0);
            /* the stage's direct call of the type's rule */
            {
                ent_i_exit_rule rule;
                int off;
                ent_exit_behaviour bd;
                assert_int_equal(ent_i_exit_rule_of(t, v.type, &rule, &off), 0);
                ent_i_exit_rule_ask(rule, p + off, &v, &bd);
                if (!same_behaviour(&b0, &bd))
                    fail_msg("%s: the direct call differs from ent_i_exit_behaviour (case %d)", names[k], c);
                /* and the parts the stage asks for a phase it knows */
                if (v.phase == ENT_EXIT_ENFORCE) {
                    double e = ent_i_exit_rule_execute(rule, p + off, &v);
                    if (memcmp(&e, &b0.execute, sizeof e) != 0)
                        fail_msg("%s: ent_i_exit_rule_execute differs from the behaviour (case %d)", names[k], c);
                } else {
                    ent_i_exit_rule_ask_threat(rule, p + off, &v, &bd);
                    if (!same_behaviour(&b0, &bd))
                        fail_msg("%s: ent_i_exit_rule_ask_threat differs from the behaviour (case %d)", names[k], c);
                }
            }
            if (v.phase == ENT_EXIT_THREAT) {
                ent_exit_patron_view w = v;
                w.demand = c % 4 == 0 ? b0.demand : 30.0 * gsl_rng_uniform(r);
                assert_int_equal(ent_i_exit_behaviour(t, p, junk, &w, &b1), 0);
                if (!same_behaviour(&b0, &b1))
                    fail_msg("%s: THREAT behaviour depends on the demand or state (case %d)", names[k], c);
            }
            /* the stage asks it in the THREAT phase with a view that sets
            ** only phase, type, gap, tremble and ally_defiances (threat_light):
            ** every other field must leave the behaviour as it is */
            if (v.phase == ENT_EXIT_THREAT) {
                ent_exit_patron_view w;
                memset(&w, c % 2 ? 0xff : 0x5a, sizeof w);
                for (int j = 0; j < 3; j++) {
                    w.harm[j] = junk[j];
                    w.cost[j] = 30.0 * junk[3 + j];
                }
                w.round = c % 9;
                w.demand = c % 4 == 0 ? 0.0 : 30.0 * junk[6];
                w.audience_cost = 30.0 * junk[7];
                w.support = junk[8];
                w.slack = junk[9];
                w.phase = v.phase;
                w.type = v.type;
                w.gap = v.gap;
                w.tremble = v.tremble;
                w.ally_defiances = v.ally_defiances;
                assert_int_equal(ent_i_exit_behaviour(t, p, NULL, &w, &b1), 0);
                if (!same_behaviour(&b0, &b1))
                    fail_msg("%s: THREAT behaviour reads a field threat_light leaves (case %d)", names[k], c);
            }
            /* and in the ENFORCE phase with a view that sets only phase, type,
            ** tremble, audience cost, costs, instrument, demand, response,
            ** concession and ally_defiances (enforce_light) */
            if (v.phase == ENT_EXIT_ENFORCE) {
                ent_exit_patron_view w;
                memset(&w, c % 4 == 1 ? 0xff : 0x5a, sizeof w);
                for (int j = 0; j < 3; j++)
                    w.harm[j] = junk[j];
                w.round = c % 9;
                w.ally = (int)(c % 13);
                w.n_agents = c % 5;
                w.gap = 30.0 * junk[6];
                w.support = junk[8];
                w.slack = junk[9];
                w.ally_last_response = (int)(c % 4) - 1;
                w.threats_made = c % 11;
                w.ratify_failed = c % 2;
                w.phase = v.phase;
                w.type = v.type;
                w.tremble = v.tremble;
                w.audience_cost = v.audience_cost;
                memcpy(w.cost, v.cost, sizeof w.cost);
                w.instrument = v.instrument;
                w.demand = v.demand;
                w.response = v.response;
                w.concession = v.concession;
                w.ally_defiances = v.ally_defiances;
                assert_int_equal(ent_i_exit_behaviour(t, p, junk, &w, &b1), 0);
                if (!same_behaviour(&b0, &b1))
                    fail_msg("%s: ENFORCE behaviour reads a field enforce_light leaves (case %d)", names[k], c);
            }
            /* decide() and the draw from the behaviour, from the same stream */
            ent_rng_stream(r1, 17, (uint64_t)c, 0);
            ent_rng_stream(r2, 17, (uint64_t)c, 0);
            ent_exit_patron_decision d1 = { 0, 0, 0.0, 0 }, d2 = { 0, 0, 0.0, 0 };
            t->decide(p, junk, &v, &d1, r1);
            ent_i_exit_decide_from(&b0, &v, &d2, r2);
            if (d1.threat != d2.threat || d1.instrument != d2.instrument || d1.execute != d2.execute ||
                memcmp(&d1.demand, &d2.demand, sizeof d1.demand))
                fail_msg("%s: decide() is not the draw from its behaviour (case %d)", names[k], c);
            assert_true(gsl_rng_get(r1) == gsl_rng_get(r2));
        }
    }
    gsl_rng_free(r);
    gsl_rng_free(r1);
    gsl_rng_free(r2);
}

/* The stage leaves support, win-set and the counts of executions and called
** bluffs out of the view of an ally whose rule reads none of them
** (ent_i_exit_ally_light_rule): its decision must not move with them. */
static void test_ally_light_rules(void **state)
{
    (void)state;
    static const char *const names[] = { "comply", "defy", "expected_utility", "tit_for_tat", "partial" };
    gsl_rng *r = ent_rng_alloc(), *r1 = ent_rng_alloc(), *r2 = ent_rng_alloc();
    ent_rng_stream(r, 10, 0, 0);
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        const ent_strategy_type *t = ent_strategy_find("exit_leverage", names[k]);
        assert_non_null(t);
        assert_true(ent_i_exit_ally_light_rule(t));
        assert_null(t->state_size);
        assert_null(t->reset);
        assert_null(t->observe);
        double p[ENT_MAX_PARAMS];
        for (int c = 0; c < 20000; c++) {
            for (size_t j = 0; j < t->n_params; j++)
                p[j] = c % 9 == 0 ? (double)(c % 2) : gsl_rng_uniform(r);
            ent_exit_ally_view v;
            memset(&v, 0, sizeof v);
            v.round = 1 + (int)gsl_rng_uniform_int(r, 3);
            v.gdp = 1000.0 * gsl_rng_uniform(r);
            v.demand = v.cost = c % 5 == 0 ? 0.0 : 10.0 * gsl_rng_uniform(r);
            v.threat = (int)gsl_rng_uniform_int(r, 2);
            v.instrument = (unsigned)gsl_rng_uniform_int(r, 8);
            v.harm = c % 7 == 0 ? v.demand : 30.0 * gsl_rng_uniform(r);
            v.sovereignty_cost = gsl_rng_uniform(r) * v.demand;
            v.belief = gsl_rng_uniform(r);
            v.execute_prob = c % 3 == 0 ? (double)(c % 2) : gsl_rng_uniform(r);
            v.patron_last_act = (int)gsl_rng_uniform_int(r, 5);
            ent_exit_ally_view w = v;
            v.support = gsl_rng_uniform(r);
            v.winset = c % 4 == 0 ? NAN : 20.0 * gsl_rng_uniform(r);
            v.executions_suffered = (int)gsl_rng_uniform_int(r, 9);
            v.bluffs_called = (int)gsl_rng_uniform_int(r, 9);
            w.support = -1.0;
            w.winset = 1e300;
            w.executions_suffered = w.bluffs_called = -7;
            ent_rng_stream(r1, 19, (uint64_t)c, 0);
            ent_rng_stream(r2, 19, (uint64_t)c, 0);
            ent_exit_ally_decision d1 = { ENT_RESP_DEFY, 0.0 }, d2 = { ENT_RESP_DEFY, 0.0 };
            t->decide(p, NULL, &v, &d1, r1);
            t->decide(p, NULL, &w, &d2, r2);
            if (d1.response != d2.response || memcmp(&d1.concession, &d2.concession, sizeof d1.concession))
                fail_msg("%s reads a field the light view leaves (case %d)", names[k], c);
            assert_true(gsl_rng_get(r1) == gsl_rng_get(r2));
        }
    }
    gsl_rng_free(r);
    gsl_rng_free(r1);
    gsl_rng_free(r2);
}

/* A run's trace, every row of every round, into out (rounds x n x cols). */
static size_t trace_of(const ent_run *run, int rounds, size_t n, double *out, size_t cap)
{
    const ent_column *c[256];
    size_t cols = ent_run_trace_columns(run, c, 256), k = 0;
    for (int t = 1; t <= rounds; t++)
        for (size_t i = 0; i < n; i++) {
            const double *row = ent_run_trace_row(run, t, i);
            assert_non_null(row);
            assert_true(k + cols <= cap);
            memcpy(out + k, row, cols * sizeof *row);
            k += cols;
        }
    return k;
}

/* The scenario both grids of exit_leverage rules play: a patron, four
** allies (three of them with the ally rule given), `rounds` rounds,
** exit_leverage with `variant` options and the `pipeline` stages after it. */
static void exit_grid_yaml(char *yaml, size_t cap, int rounds, const char *variant, const char *pipeline,
                           const char *patron, const char *ally)
{
    snprintf(yaml, cap,
             "name: t\nrounds: %d\nseed: 7\n"
             "stages:\n  - {stage: burden_sharing, demand: 0.03}\n"
             "  - {stage: exit_leverage%s}\n%s"
             "patron: {code: USA, gdp: 20000, defence_share: 0.03, audience_cost: 2,\n"
             "         strategies: {burden_sharing: fixed, exit_leverage: %s}}\n"
             "allies:\n"
             "  - {code: A, gdp: 1000, defence_share: 0.01, trade_exposure: 0.1, tech_exposure: 0.02,\n"
             "     portfolio: {bandwagon: 0.6, balance: 0.2, bind: 0.2},\n"
             "     strategies: {exit_leverage: %s}}\n"
             "  - {code: B, gdp: 500, defence_share: 0.04,\n"
             "     portfolio: {bandwagon: 0.8, balance: 0.1, bind: 0.1},\n"
             "     strategies: {exit_leverage: %s}}\n"
             "  - {code: C, gdp: 300, defence_share: 0.028, stake: 0.05,\n"
             "     portfolio: {bandwagon: 0.5, balance: 0.2, bind: 0.3},\n"
             "     strategies: {burden_sharing: {name: comply, speed: 0.5}, exit_leverage: %s}}\n"
             "  - {code: D, gdp: 2000, defence_share: 0.015, dependence: 0.9,\n"
             "     portfolio: {bandwagon: 0.7, balance: 0.2, bind: 0.1},\n"
             "     strategies: {burden_sharing: reciprocal, exit_leverage: expected_utility}}\n",
             rounds, variant, pipeline, patron, ally, ally, ally);
}

/* The stage's shortcuts for a stateless patron rule (threat_light and the
** kept THREAT behaviours, the allies passed over, enforce_light, the defied
** view's answers reused at the close, the records left clean) against its
** general path, which it takes for a stand-in of the same rule (full views,
** decide()): every trace value, to the bit, over patron and ally rules,
** trembles, lock-in, cost noise, and hedging before and after the close. */
static void test_stateless_shortcuts_match_general_path(void **state)
{
    (void)state;
    static const char *const patrons[] = { "committed", "{name: committed, threat_prob: 0.7}", "transactional",
                                           "{name: transactional, resolve: 0.5, instrument: linked_all}",
                                           "{name: typed, threat_prob: 0.4, instrument: drawdown_tech}",
                                           "bluffer", "{name: grim, k: 1}", "grim" };
    static const char *const allies[] = { "expected_utility", "tit_for_tat", "partial", "defy", "comply" };
    static const char *const variants[] = {
        "", ", tremble: 0.1, lock_in: 3", ", cost_noise: 0.5, lock_in: 1, tariff_rate: 0.5",
    };
    static const char *const pipelines[] = {
        "  - bargaining\n  - ratification\n  - beliefs\n  - {stage: hedging, linkage_rate: 0.1}\n",
        "  - bargaining\n  - {stage: hedging, linkage_rate: 0.1}\n  - ratification\n  - beliefs\n",
        "  - {stage: hedging, linkage_rate: 0.1}\n  - {stage: ratification, rule: cut_back}\n",
    };
    enum { ROUNDS = 12, N = 5, CAP = ROUNDS * N * 256 };
    static double a[CAP], b[CAP];
    size_t cases = 0;
    for (size_t ip = 0; ip < sizeof patrons / sizeof patrons[0]; ip++)
        for (size_t ia = 0; ia < sizeof allies / sizeof allies[0]; ia++)
            for (size_t iv = 0; iv < sizeof variants / sizeof variants[0]; iv++)
                for (size_t il = 0; il < sizeof pipelines / sizeof pipelines[0]; il++) {
                    char yaml[8192];
                    const char *al = allies[ia];
                    exit_grid_yaml(yaml, sizeof yaml, ROUNDS, variants[iv], pipelines[il], patrons[ip], al);
                    ent_scenario *s = ent_test_load(yaml);
                    int ex = -1;
                    for (size_t k = 0; k < s->n_stages; k++)
                        if (!strcmp(s->stages[k].type->name, "exit_leverage"))
                            ex = (int)k;
                    assert_true(ex >= 0);
                    const ent_strategy_type *rule = s->agents[0].strategy[ex].type;
                    assert_true(ent_i_exit_stateless_rule(rule));
                    /* the same rule behind a stand-in: the general path */
                    ent_strategy_stand_in in = { *rule, rule };
                    in.t.reference = ent_stand_in_reference;
                    for (uint64_t seed = 1; seed <= 4; seed++) {
                        s->agents[0].strategy[ex].type = rule;
                        ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE);
                        ent_run_exec(run, seed, 0, 0);
                        size_t na = trace_of(run, ROUNDS, N, a, CAP);
                        ent_run_free(run);
                        s->agents[0].strategy[ex].type = &in.t;
                        run = ent_run_alloc(s, ENT_RUN_TRACE);
                        ent_run_exec(run, seed, 0, 0);
                        size_t nb = trace_of(run, ROUNDS, N, b, CAP);
                        ent_run_free(run);
                        assert_int_equal(na, nb);
                        if (memcmp(a, b, na * sizeof a[0]) != 0)
                            fail_msg("%s against %s%s, pipeline %zu, seed %d: the shortcuts differ from the "
                                     "general path", patrons[ip], al, variants[iv], il, (int)seed);
                        cases++;
                    }
                    s->agents[0].strategy[ex].type = rule;
                    ent_scenario_free(s);
                }
    assert_true(cases > 0);
}

/* The outcomes of a run in a sweep's order, into out (cap values). */
static size_t outcomes_of(const ent_run *run, double *out, size_t cap)
{
    size_t n = run->n_run_out + run->n_agent_out * run->n;
    assert_true(n <= cap);
    ent_i_run_outcome_vector(run, out);
    return n;
}

/* The allies' openings the stage replays (a run object's record of an
** earlier run's, where a sweep's replicates repeat it) end with the bits of
** the openings played: runs on one run object give every trace and outcome
** bit that runs on fresh objects (which replay nothing) give, over patron
** and ally rules, with the patron's random type, ratification's draws and
** trembles steering replicates apart and together, hedging moving the
** binding before and after the close, and after a point's constants
** changed (the records dropped). Rules that decide without a draw replay. */
static void test_replayed_openings_are_exact(void **state)
{
    (void)state;
    static const struct {
        const char *rule;
        int replays;        /* its openings draw nothing: some are replayed */
    } patrons[] = {
        { "typed", 1 }, { "transactional", 1 }, { "{name: transactional, resolve: 0.5, instrument: linked_all}", 1 },
        { "committed", 1 }, { "{name: committed, threat_prob: 1}", 1 }, { "{name: grim, k: 2}", 1 },
        { "{name: typed, threat_prob: 0.4, instrument: drawdown_tech}", 1 }, { "bluffer", 0 },
    };
    static const char *const allies[] = { "expected_utility", "tit_for_tat", "partial", "defy", "comply" };
    static const char *const variants[] = { "", ", lock_in: 3, tariff_rate: 0.5", ", tremble: 0.1" };
    static const char *const pipelines[] = {
        "  - bargaining\n  - {stage: ratification, rule: probabilistic, fail_rate: 4}\n  - beliefs\n"
        "  - {stage: hedging, linkage_rate: 0.1}\n",
        "  - bargaining\n  - {stage: hedging, linkage_rate: 0.1}\n  - ratification\n  - beliefs\n",
        "  - {stage: ratification, rule: probabilistic, winset_scale: 0.001}\n  - beliefs\n",
    };
    enum { ROUNDS = 10, N = 5, CAP = ROUNDS * N * 256, REPS = 12 };
    static double a[CAP], b[CAP];
    size_t total = 0;
    for (size_t ip = 0; ip < sizeof patrons / sizeof patrons[0]; ip++)
        for (size_t ia = 0; ia < sizeof allies / sizeof allies[0]; ia++)
            for (size_t iv = 0; iv < sizeof variants / sizeof variants[0]; iv++)
                for (size_t il = 0; il < sizeof pipelines / sizeof pipelines[0]; il++) {
                    char yaml[8192];
                    const char *al = allies[ia];
                    exit_grid_yaml(yaml, sizeof yaml, ROUNDS, variants[iv], pipelines[il], patrons[ip].rule, al);
                    ent_scenario *s = ent_test_load(yaml);
                    ent_run *reused = ent_run_alloc(s, ENT_RUN_TRACE);
                    assert_non_null(reused);
                    size_t replayed = 0;
                    /* the points: the patron's audience cost (7: between an
                    ** ally's drawdown costs to the two types, so that its belief
                    ** weighs) and an ally's exposure move (the records must not
                    ** serve) and move back; then the records serve points whose
                    ** openings start from other beliefs, other bindings (hedging's
                    ** pace) and the patron's cuts (its last act toward the allies) */
                    static const struct {
                        const char *audience, *trade, *prior, *linkage;
                        int cuts;
                    } points[] = {
                        { "7", "0.1", "0.5", "0.1", 0 }, { "0.5", "0.3", "0.5", "0.1", 0 },
                        { "7", "0.1", "0.5", "0.1", 0 }, { "7", "0.1", "0.8", "0.1", 0 },
                        { "7", "0.1", "0.8", "0.4", 0 }, { "7", "0.1", "0.8", "0.4", 1 },
                    };
                    for (size_t pt = 0; pt < sizeof points / sizeof points[0]; pt++) {
                        char why[256];
                        assert_int_equal(ent_scenario_set(s, "patron.audience_cost", points[pt].audience, why,
                                                          sizeof why), 0);
                        assert_int_equal(ent_scenario_set(s, "allies.A.trade_exposure", points[pt].trade, why,
                                                          sizeof why), 0);
                        static const char *const codes[] = { "A", "B", "C", "D" };
                        for (size_t k = 0; k < 4; k++) {
                            char path[64];
                            snprintf(path, sizeof path, "allies.%s.prior_transactional", codes[k]);
                            assert_int_equal(ent_scenario_set(s, path, points[pt].prior, why, sizeof why), 0);
                        }
                        if (strstr(pipelines[il], "hedging"))
                            assert_int_equal(ent_scenario_set(s, "stages.hedging.linkage_rate", points[pt].linkage,
                                                              why, sizeof why), 0);
                        /* (free_ride pays nothing: it cuts in round 1) */
                        static const double nothing[] = { 0.0 };
                        if (points[pt].cuts)
                            assert_int_equal(ent_scenario_set_agent_strategy(
                                                 s, 0, 0, ent_strategy_find("burden_sharing", "free_ride"), nothing), 0);
                        for (uint64_t rep = 0; rep < REPS; rep++) {
                            ent_run *fresh = ent_run_alloc(s, ENT_RUN_TRACE);
                            assert_non_null(fresh);
                            ent_run_exec(reused, 7, pt, rep);
                            ent_run_exec(fresh, 7, pt, rep);
                            replayed += ent_i_exit_replayed(reused);
                            assert_int_equal(ent_i_exit_replayed(fresh), 0);
                            assert_int_equal(ent_run_rounds_played(reused), ROUNDS);
                            size_t na = trace_of(reused, ROUNDS, N, a, CAP), nb = trace_of(fresh, ROUNDS, N, b, CAP);
                            assert_int_equal(na, nb);
                            if (memcmp(a, b, na * sizeof a[0]) != 0)
                                fail_msg("%s against %s%s, pipeline %zu, point %zu, replicate %d: a replayed "
                                         "trace differs", patrons[ip].rule, al, variants[iv], il, pt, (int)rep);
                            na = outcomes_of(reused, a, CAP);
                            nb = outcomes_of(fresh, b, CAP);
                            if (na != nb || memcmp(a, b, na * sizeof a[0]) != 0)
                                fail_msg("%s against %s%s, pipeline %zu, point %zu, replicate %d: replayed "
                                         "outcomes differ", patrons[ip].rule, al, variants[iv], il, pt, (int)rep);
                            ent_run_free(fresh);
                        }
                    }
                    /* a tremble makes every threat decision a draw: nothing is kept */
                    if (patrons[ip].replays && !strstr(variants[iv], "tremble") && replayed == 0)
                        fail_msg("%s against %s%s, pipeline %zu: nothing replayed", patrons[ip].rule, al,
                                 variants[iv], il);
                    if (strstr(variants[iv], "tremble"))
                        assert_int_equal(replayed, 0);
                    total += replayed;
                    ent_run_free(reused);
                    ent_scenario_free(s);
                }
    assert_true(total > 0);
}

/* At the end of round `round` (0: none), ally `ally`'s defiances moved by
** `by`: a history the other inputs of its next opening need not show. */
typedef struct {
    int round;
    size_t ally;
    int by;
} defiance_step;

static void step_defiances(const ent_run *run, void *ctx)
{
    const defiance_step *d = ctx;
    if (run->round == d->round)
        ent_i_exit_agent_of(run, d->ally)->n_defiances += d->by;
}

/* The inputs the replay key holds, or stands on, moved alone: an ally's
** defiances (moved between rounds, on one run object and a fresh one
** alike; a grim rule reads them), the cost noise (whose multiplier no
** kept opening reads: none is kept or replayed under it) and an ally's GDP
** (the records dropped). Every trace and outcome bit of one run object
** reused must be a fresh object's. */
static void test_replay_keys_on_defiances_and_noise(void **state)
{
    (void)state;
    static const char *const patrons[] = { "{name: grim, k: 3}", "{name: grim, k: 2}", "typed" };
    static const char *const allies[] = { "expected_utility", "tit_for_tat", "partial", "defy" };
    static const char *const pipelines[] = {
        "  - bargaining\n  - ratification\n  - beliefs\n",
        "  - bargaining\n  - {stage: ratification, rule: probabilistic, fail_rate: 4}\n  - beliefs\n"
        "  - {stage: hedging, linkage_rate: 0.1}\n",
    };
    static const struct {
        const char *noise, *gdp;
    } points[] = { { "0", "1000" }, { "0.5", "1000" }, { "0", "1000" }, { "0", "1200" }, { "0", "1000" } };
    enum { ROUNDS = 8, N = 5, CAP = ROUNDS * N * 256, REPS = 16 };
    static double a[CAP], b[CAP];
    size_t total = 0;
    for (size_t ip = 0; ip < sizeof patrons / sizeof patrons[0]; ip++)
        for (size_t ia = 0; ia < sizeof allies / sizeof allies[0]; ia++)
            for (size_t il = 0; il < sizeof pipelines / sizeof pipelines[0]; il++) {
                char yaml[8192];
                exit_grid_yaml(yaml, sizeof yaml, ROUNDS, "", pipelines[il], patrons[ip], allies[ia]);
                ent_scenario *s = ent_test_load(yaml);
                ent_run *reused = ent_run_alloc(s, ENT_RUN_TRACE);
                assert_non_null(reused);
                defiance_step step = { 0, 1, 1 };
                ent_run_on_round(reused, step_defiances, &step);
                size_t replayed = 0;
                for (size_t pt = 0; pt < sizeof points / sizeof points[0]; pt++) {
                    char why[256];
                    assert_int_equal(ent_scenario_set(s, "stages.exit_leverage.cost_noise", points[pt].noise, why,
                                                      sizeof why), 0);
                    assert_int_equal(ent_scenario_set(s, "allies.A.gdp", points[pt].gdp, why, sizeof why), 0);
                    for (uint64_t rep = 0; rep < REPS; rep++) {
                        /* replicate 0 keeps its openings; the others move
                        ** one ally's defiances after a round, by one or two */
                        step.round = (int)(rep % 4);
                        step.ally = 1 + (rep / 4) % 4;
                        step.by = 1 + (int)(rep % 2);
                        ent_run *fresh = ent_run_alloc(s, ENT_RUN_TRACE);
                        assert_non_null(fresh);
                        ent_run_on_round(fresh, step_defiances, &step);
                        ent_run_exec(reused, 9, pt, rep);
                        ent_run_exec(fresh, 9, pt, rep);
                        if (strcmp(points[pt].noise, "0") != 0)
                            assert_int_equal(ent_i_exit_replayed(reused), 0);
                        replayed += ent_i_exit_replayed(reused);
                        size_t na = trace_of(reused, ROUNDS, N, a, CAP), nb = trace_of(fresh, ROUNDS, N, b, CAP);
                        assert_int_equal(na, nb);
                        if (memcmp(a, b, na * sizeof a[0]) != 0)
                            fail_msg("%s against %s, pipeline %zu, point %zu, replicate %d: a replayed trace "
                                     "differs", patrons[ip], allies[ia], il, pt, (int)rep);
                        na = outcomes_of(reused, a, CAP);
                        nb = outcomes_of(fresh, b, CAP);
                        if (na != nb || memcmp(a, b, na * sizeof a[0]) != 0)
                            fail_msg("%s against %s, pipeline %zu, point %zu, replicate %d: replayed outcomes "
                                     "differ", patrons[ip], allies[ia], il, pt, (int)rep);
                        ent_run_free(fresh);
                    }
                }
                if (replayed == 0)
                    fail_msg("%s against %s, pipeline %zu: nothing replayed", patrons[ip], allies[ia], il);
                total += replayed;
                ent_run_free(reused);
                ent_scenario_free(s);
            }
    assert_true(total > 0);
}

/* The terms the close leaves out are +0 and leave a payoff as it is: an
** ally's harm and the patron's cost where no threat was enforced (as the
** opening cleared them), the patron's share of deals without a payment
** share (deals in force finite), and no payoff is ever -0 (to which +0
** would add). Checked on every trace row and run of the grid, with and
** without a payment share and replays; and every threat left unmet is
** closed (carried out or withdrawn). */
static void test_close_leaves_out_only_zeros(void **state)
{
    (void)state;
    static const char *const patrons[] = { "typed", "{name: grim, k: 2}", "bluffer",
                                           "{name: transactional, resolve: 0.5, instrument: linked_all}" };
    static const char *const allies[] = { "expected_utility", "partial", "defy", "comply" };
    static const char *const variants[] = { "", ", payment_share: 0.3", ", tremble: 0.1, lock_in: 3" };
    static const char *const pipelines[] = {
        "  - bargaining\n  - {stage: ratification, rule: probabilistic, fail_rate: 4}\n  - beliefs\n"
        "  - {stage: hedging, linkage_rate: 0.1}\n",
        "  - {stage: ratification, rule: cut_back}\n  - beliefs\n",
    };
    enum { ROUNDS = 10, N = 5, REPS = 6 };
    size_t rows = 0;
    for (size_t ip = 0; ip < sizeof patrons / sizeof patrons[0]; ip++)
        for (size_t ia = 0; ia < sizeof allies / sizeof allies[0]; ia++)
            for (size_t iv = 0; iv < sizeof variants / sizeof variants[0]; iv++)
                for (size_t il = 0; il < sizeof pipelines / sizeof pipelines[0]; il++) {
                    char yaml[8192];
                    exit_grid_yaml(yaml, sizeof yaml, ROUNDS, variants[iv], pipelines[il], patrons[ip], allies[ia]);
                    ent_scenario *s = ent_test_load(yaml);
                    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE);
                    assert_non_null(run);
                    const size_t c_threat = col(run, "threat_made"), c_enf = col(run, "enforcement"),
                                 c_conc = col(run, "concession"), c_harm = col(run, "harm"),
                                 c_cost = col(run, "patron_cost"), c_pay = col(run, "payoff");
                    for (uint64_t rep = 0; rep < REPS; rep++) {
                        ent_run_exec(run, 5, 0, rep);
                        for (int t = 1; t <= ROUNDS; t++)
                            for (size_t i = 0; i < N; i++) {
                                const double *row = ent_run_trace_row(run, t, i);
                                if (row[c_pay] == 0.0 && signbit(row[c_pay]))
                                    fail_msg("%s against %s%s: a payoff of -0", patrons[ip], allies[ia],
                                             variants[iv]);
                                if (i == 0)
                                    continue;
                                if (row[c_enf] == 0.0 &&
                                    (row[c_harm] != 0.0 || signbit(row[c_harm]) || row[c_cost] != 0.0 ||
                                     signbit(row[c_cost])))
                                    fail_msg("%s against %s%s, round %d, ally %zu: harm or cost without an "
                                             "enforced threat", patrons[ip], allies[ia], variants[iv], t, i);
                                if (row[c_threat] == 1.0 && row[c_conc] == 0.0 && row[c_enf] == 0.0)
                                    fail_msg("%s against %s%s, round %d, ally %zu: a threat left unmet and "
                                             "not closed", patrons[ip], allies[ia], variants[iv], t, i);
                                rows++;
                            }
                        for (size_t i = 1; i < N; i++)
                            assert_true(isfinite(ent_i_exit_agent_of(run, i)->deal_total));
                    }
                    ent_run_free(run);
                    ent_scenario_free(s);
                }
    assert_true(rows > 0);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_committed_backs_down_at_a_tie),
        cmocka_unit_test(test_type_draw),
        cmocka_unit_test(test_audience_cost_backing_down),
        cmocka_unit_test(test_eu_threshold_strategy),
        cmocka_unit_test(test_eu_threshold_stage),
        cmocka_unit_test(test_harm_and_cost_by_hand),
        cmocka_unit_test(test_linkage_and_exposure),
        cmocka_unit_test(test_exit_without_burden_stage),
        cmocka_unit_test(test_grim_trigger),
        cmocka_unit_test(test_bluffer_frequencies),
        cmocka_unit_test(test_partial_and_tit_for_tat),
        cmocka_unit_test(test_learning_rule),
        cmocka_unit_test(test_abandon_ignores_demand_and_state),
        cmocka_unit_test(test_stateless_rules),
        cmocka_unit_test(test_ally_light_rules),
        cmocka_unit_test(test_stateless_shortcuts_match_general_path),
        cmocka_unit_test(test_replayed_openings_are_exact),
        cmocka_unit_test(test_replay_keys_on_defiances_and_noise),
        cmocka_unit_test(test_close_leaves_out_only_zeros),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
