/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_agent_params.c: the keys of a scenario's agents as the library's
** registry composes them: the core's few fields and the agent parameters
** each stage declares in its own folder, every name declared once, each a
** parameter path; the composed order (the manifest's and `entente list`'s);
** the accessors other stages and the program read them through.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "ent_test.h"
#include "entente/entente.h"

static const char *const yaml =
    "name: t\nstages: [burden_sharing, exit_leverage]\n"
    "patron: {code: P, gdp: 100, defence_share: 0.04, audience_cost: 7}\n"
    "allies: [{code: A, gdp: 50, defence_share: 0.02, threat: 0.4, dependence: 0.8, support: 0.6},\n"
    "         {code: B, gdp: 20, defence_share: 0.01, calibration_threat: 0.1}]\n";

static void test_declared_once_and_each_a_path(void **state)
{
    (void)state;
    ent_scenario *s = ent_test_load(yaml);
    ent_test_agent_params_sound(s);
    ent_scenario_free(s);
}

/* The core keeps what every stage needs; the rest is the stages'. */
static void test_who_declares_what(void **state)
{
    (void)state;
    static const char *const core[] = { "gdp", "defence_share", "threat", "discount",
                                        "prior_transactional" };
    static const struct { const char *name, *stage; } owned[] = {
        { "alpha", "burden_sharing" }, { "calibration_threat", "burden_sharing" },
        { "psi", "burden_sharing" }, { "population", "burden_sharing" }, { "demand", "burden_sharing" },
        { "dependence", "exit_leverage" }, { "trade_exposure", "exit_leverage" },
        { "tech_exposure", "exit_leverage" }, { "stake", "exit_leverage" }, { "autonomy", "exit_leverage" },
        { "transactional", "exit_leverage" }, { "audience_cost", "exit_leverage" },
        { "transactional_prob", "exit_leverage" }, { "support", "ratification" },
        { "backlash", "ratification" }, { "openness", "diffusion" },
        { "entrapment_cost", "security_dilemma" },
    };
    ent_agent_param ap;
    for (size_t i = 0; i < sizeof core / sizeof core[0]; i++) {
        assert_int_equal(ent_agent_param_find(core[i], &ap), 0);
        assert_null(ap.stage);
        assert_int_equal(ap.slot, -1);
        assert_int_equal(ent_agent_param_slot(core[i]), -1);
    }
    for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++) {
        assert_int_equal(ent_agent_param_find(owned[i].name, &ap), 0);
        assert_non_null(ap.stage);
        assert_string_equal(ap.stage->name, owned[i].stage);
    }
    assert_int_equal(ent_agent_param_find("no_such_field", &ap), -1);
    assert_int_equal(ent_agent_param_slot("no_such_field"), -1);
    ent_agent_param all[ENT_MAX_AGENT_FIELDS];
    assert_int_equal(ent_agent_params(all, ENT_MAX_AGENT_FIELDS),
                     sizeof core / sizeof core[0] + sizeof owned / sizeof owned[0]);
}

/* The order of the manifest's "fields" of an ally and of the patron. */
static void test_composed_order(void **state)
{
    (void)state;
    static const char ally[] = "gdp defence_share threat alpha calibration_threat psi population demand "
        "discount dependence trade_exposure tech_exposure stake autonomy support backlash "
        "prior_transactional openness entrapment_cost ";
    static const char patron[] = "gdp defence_share threat alpha calibration_threat psi population "
        "discount transactional audience_cost transactional_prob ";
    ent_agent_param ap[ENT_MAX_AGENT_FIELDS];
    size_t n = ent_agent_params(ap, ENT_MAX_AGENT_FIELDS);
    char a[1024] = "", p[1024] = "";
    for (size_t i = 0; i < n; i++) {
        char *to[2] = { ap[i].desc->flags & ENT_F_ALLY ? a : NULL, ap[i].desc->flags & ENT_F_PATRON ? p : NULL };
        for (int k = 0; k < 2; k++)
            if (to[k]) {
                strcat(to[k], ap[i].desc->name);
                strcat(to[k], " ");
            }
    }
    assert_string_equal(a, ally);
    assert_string_equal(p, patron);
}

/* Values by name and by slot, as given, defaulted and completed on loading. */
static void test_values(void **state)
{
    (void)state;
    ent_scenario *s = ent_test_load(yaml);
    assert_double_equal(ent_scenario_agent_param(s, 1, "gdp"), 50, 0);
    assert_double_equal(ent_scenario_agent_param(s, 1, "dependence"), 0.8, 0);
    assert_double_equal(ent_scenario_agent_param(s, 2, "dependence"), 0.5, 0);   /* the default */
    assert_double_equal(ent_scenario_agent_param(s, 0, "audience_cost"), 7, 0);
    assert_true(isnan(ent_scenario_agent_param(s, 1, "alpha")));               /* derived in a run */
    assert_true(isnan(ent_scenario_agent_param(s, 1, "no_such_field")));
    assert_true(isnan(ent_scenario_agent_param(s, 9, "gdp")));
    /* burden_sharing completes its calibration threat from the threat as written */
    assert_double_equal(ent_scenario_agent_param(s, 1, "calibration_threat"), 0.4, 0);
    assert_double_equal(ent_scenario_agent_param(s, 2, "calibration_threat"), 0.1, 0);
    char why[256];
    assert_int_equal(ent_scenario_set(s, "allies.A.threat", "0.9", why, sizeof why), 0);
    assert_double_equal(ent_scenario_agent_param(s, 1, "calibration_threat"), 0.4, 0);
    /* a slot, resolved once, reads the same value */
    int slot = ent_agent_param_slot("support");
    assert_true(slot >= 0);
    assert_double_equal(ent_i_agent_param_value(&s->agents[1], slot), 0.6, 0);
    assert_true(isnan(ent_i_agent_param_value(&s->agents[1], -1)));
    assert_int_equal(ent_scenario_set(s, "allies.A.support", "0.3", why, sizeof why), 0);
    assert_double_equal(s->agents[1].p[slot], 0.3, 0);
    /* a clone carries them */
    ent_scenario *c = ent_scenario_clone(s);
    assert_double_equal(ent_scenario_agent_param(c, 1, "support"), 0.3, 0);
    ent_scenario_free(c);
    ent_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_declared_once_and_each_a_path),
        cmocka_unit_test(test_who_declares_what),
        cmocka_unit_test(test_composed_order),
        cmocka_unit_test(test_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
