/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_api.c: the conveniences of api.h that programs and the Python package
** use: diagnostics on the heap, --set by path with its messages, seed and
** rounds, a scenario read through its accessors, a run's folder written by
** the library, the error hook, reading a run's tables through functions.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ent_test.h"
#include "sim/run_int.h"
#include "entente/entente.h"
#include "entente/sweep.h"

static const char yaml[] =
    "name: api_test\n"
    "rounds: 4\n"
    "seed: 9\n"
    "stages:\n"
    "  - stage: burden_sharing\n"
    "    demand: 0.02\n"
    "  - stage: exit_leverage\n"
    "  - stage: bargaining\n"
    "patron: {code: USA, gdp: 29000, defence_share: 0.034}\n"
    "allies:\n"
    "  - {code: DEU, gdp: 4700, defence_share: 0.021, threat: 0.4}\n"
    "  - {code: POL, gdp: 860, defence_share: 0.041, threat: 0.85}\n";

static ent_scenario *load(void)
{
    ent_diags *d = ent_diags_new("api.yaml");
    assert_non_null(d);
    ent_scenario *s = ent_scenario_load_buffer("api.yaml", yaml, strlen(yaml), d);
    if (!s)
        ent_diags_print(d, stderr);
    assert_non_null(s);
    ent_diags_free(d);
    return s;
}

static void test_diags_format(void **state)
{
    (void)state;
    ent_diags *d = ent_diags_new("broken.yaml");
    const char bad[] = "name: x\nrounds: many\n";
    assert_null(ent_scenario_load_buffer("broken.yaml", bad, strlen(bad), d));
    assert_true(d->n > 0);
    assert_string_equal(d->file, "broken.yaml");
    char *text = ent_diags_format(d);
    assert_non_null(text);
    assert_non_null(strstr(text, "broken.yaml:2:9: error: "));
    assert_int_equal(text[strlen(text) - 1], '\n');
    ent_free(text);
    ent_diags_free(d);
}

static void test_set_by_path(void **state)
{
    (void)state;
    ent_scenario *s = load();
    char err[512];
    const ent_param_desc *desc;
    assert_int_equal(ent_scenario_set(s, "allies.DEU.threat", "0.8", err, sizeof err), 0);
    assert_double_equal(*ent_i_scenario_param(s, "allies.DEU.threat", &desc), 0.8, 0);
    /* a choice by name, or by index */
    assert_int_equal(ent_scenario_set(s, "stages.bargaining.protocol", "rubinstein", err, sizeof err), 0);
    assert_double_equal(*ent_i_scenario_param(s, "stages.bargaining.protocol", &desc), 2, 0);
    assert_int_equal(ent_scenario_set(s, "stages.bargaining.protocol", "1", err, sizeof err), 0);
    assert_double_equal(*ent_i_scenario_param(s, "stages.bargaining.protocol", &desc), 1, 0);
    /* refused, with the message --set prints, and nothing changed */
    assert_int_equal(ent_scenario_set(s, "allies.DEU.threat", "2", err, sizeof err), -1);
    assert_string_equal(err, "'threat' must be between 0 and 1, got 2");
    assert_double_equal(*ent_i_scenario_param(s, "allies.DEU.threat", &desc), 0.8, 0);
    assert_int_equal(ent_scenario_set(s, "stages.bargaining.protocol", "haggle", err, sizeof err), -1);
    assert_string_equal(err, "'protocol' has no choice 'haggle' (one of take_it_or_leave_it, nash, "
                             "rubinstein)");
    assert_int_equal(ent_scenario_set(s, "allies.XXX.gdp", "1", err, sizeof err), -1);
    assert_string_equal(err, "no parameter 'allies.XXX.gdp' in api.yaml; did you mean 'allies.DEU.gdp'?");
    /* a short buffer is cut, never overrun */
    char small[12];
    memset(small, 'x', sizeof small);
    assert_int_equal(ent_scenario_set(s, "stages.bargaining.protocol", "haggle", small, 8), -1);
    assert_true(strlen(small) <= 7);
    assert_int_equal(small[8], 'x');
    /* seed and rounds */
    assert_int_equal(ent_scenario_seed(s), 9);
    ent_scenario_set_seed(s, 123);
    assert_int_equal(ent_scenario_seed(s), 123);
    assert_int_equal(ent_scenario_set_rounds(s, 0), ENT_EINVAL);
    assert_int_equal(ent_last_status(), ENT_EINVAL);
    assert_non_null(strstr(ent_last_error(), "got 0"));
    assert_int_equal(ent_scenario_set_rounds(s, 100001), ENT_EINVAL);
    assert_int_equal(ent_scenario_rounds(s), 4);
    assert_int_equal(ent_scenario_set_rounds(s, 7), 0);
    assert_int_equal(ent_scenario_rounds(s), 7);
    ent_scenario_free(s);
}

/* What a program reads of a scenario it cannot see inside, and the one
** change of a strategy it may make, checked like the loader's. */
static void test_scenario_accessors(void **state)
{
    (void)state;
    ent_scenario *s = load();
    assert_string_equal(ent_scenario_name(s), "api_test");
    assert_string_equal(ent_scenario_path(s), "api.yaml");
    assert_string_equal(ent_scenario_description(s), "");
    assert_int_equal(strlen(ent_scenario_sha256(s)), 64);
    assert_int_equal(ent_scenario_n_references(s), 0);
    assert_null(ent_scenario_reference(s, 0));
    assert_false(ent_scenario_random_end(s));
    assert_int_equal(ent_scenario_n_agents(s), 3);
    assert_string_equal(ent_scenario_agent_code(s, 2), "POL");
    assert_string_equal(ent_scenario_agent_name(s, 2), "POL");    /* none given: its code */
    assert_null(ent_scenario_agent_code(s, 3));
    assert_double_equal(ent_scenario_agent_param(s, 1, "gdp"), 4700, 0);
    assert_int_equal(ent_scenario_n_stages(s), 3);
    assert_string_equal(ent_scenario_stage_type(s, 1)->name, "exit_leverage");
    assert_null(ent_scenario_stage_type(s, 3));
    assert_double_equal(ent_scenario_stage_value(s, 0, "demand"), 0.02, 0);
    assert_true(isnan(ent_scenario_stage_value(s, 0, "no_such")));
    double v = -1;
    assert_int_equal(ent_scenario_get(s, "stages.burden_sharing.demand", &v), 0);
    assert_double_equal(v, 0.02, 0);
    assert_int_equal(ent_scenario_get(s, "allies.POL.threat", &v), 0);
    assert_double_equal(v, 0.85, 0);
    assert_int_equal(ent_scenario_get(s, "allies.XXX.threat", &v), -1);
    assert_double_equal(v, 0.85, 0);
    assert_int_equal(ent_scenario_get(s, "discount", &v), 0);
    assert_double_equal(ent_scenario_discount(s), v, 0);

    /* the allies' default burden-sharing strategy, then another of that stage */
    assert_string_equal(ent_scenario_agent_strategy(s, 1, 0)->name, "nash");
    const ent_strategy_type *plan = ent_strategy_find("burden_sharing", "plan");
    assert_non_null(plan);
    double p[ENT_MAX_PARAMS];
    ent_param_defaults(plan->params, plan->n_params, p);
    int k = ent_param_find(plan->params, plan->n_params, "step");
    assert_true(k >= 0);
    p[k] = 0.5;                                     /* above its range */
    assert_int_equal(ent_scenario_set_agent_strategy(s, 1, 0, plan, p), -1);
    assert_string_equal(ent_scenario_agent_strategy(s, 1, 0)->name, "nash");
    p[k] = 0.004;
    assert_int_equal(ent_scenario_set_agent_strategy(s, 1, 0, plan, p), 0);
    assert_ptr_equal(ent_scenario_agent_strategy(s, 1, 0), plan);
    assert_double_equal(ent_scenario_agent_strategy_value(s, 1, 0, "step"), 0.004, 0);
    assert_double_equal(ent_scenario_agent_strategy_values(s, 1, 0)[k], 0.004, 0);
    assert_int_equal(ent_scenario_get(s, "allies.DEU.strategy.burden_sharing.step", &v), 0);
    assert_double_equal(v, 0.004, 0);
    /* another stage's strategy, a patron's for an ally, out of range: refused */
    const ent_strategy_type *typed = ent_strategy_find("exit_leverage", "typed");
    assert_non_null(typed);
    assert_int_equal(ent_scenario_set_agent_strategy(s, 1, 0, typed, NULL), -1);
    assert_int_equal(ent_scenario_set_agent_strategy(s, 1, 1, typed, NULL), -1);
    assert_int_equal(ent_scenario_set_agent_strategy(s, 3, 0, plan, p), -1);
    assert_int_equal(ent_scenario_set_agent_strategy(s, 1, 3, plan, p), -1);
    assert_ptr_equal(ent_scenario_agent_strategy(s, 1, 0), plan);
    ent_scenario_free(s);
}

static int hook_calls;
static char hook_msg[1024];

static void hook(void *ctx, const char *msg)
{
    (void)ctx;
    hook_calls++;
    snprintf(hook_msg, sizeof hook_msg, "%s", msg);
}

/* One error convention: every status has its own phrase, values outside
** the enumeration are named as such, and the sweep's old names are the same
** values. */
static void test_status_messages(void **state)
{
    (void)state;
    for (int a = ENT_OK; a <= ENT_ENUMERIC; a++) {
        assert_string_not_equal(ent_status_message(a), "unknown status");
        for (int b = ENT_OK; b < a; b++)
            assert_string_not_equal(ent_status_message(a), ent_status_message(b));
    }
    assert_string_equal(ent_status_message(ENT_ENUMERIC + 1), "unknown status");
    assert_string_equal(ent_status_message(-1), "unknown status");
    assert_int_equal(ENT_SWEEP_EIO, ENT_EIO);
    assert_int_equal(ENT_SWEEP_ELOCKED, ENT_ELOCKED);
    assert_int_equal(ENT_SWEEP_EPROC, ENT_EPROC);
}

static void test_run_save(void **state)
{
    (void)state;
    ent_scenario *s = load();
    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE | ENT_RUN_EVENTS);
    assert_non_null(run);
    ent_run_exec(run, 9, 0, 0);
    char tmpl[] = "/tmp/ent_api_XXXXXX";
    assert_non_null(mkdtemp(tmpl));
    char dir[256], path[300];
    snprintf(dir, sizeof dir, "%s/a/run", tmpl);
    const char *sets[] = { "allies.DEU.threat=0.4" };
    assert_int_equal(ent_run_save(run, dir, 9, 0.5, sets, 1), 0);
    const char *files[] = { "trace.csv", "outcomes.csv", "events.csv", "manifest.json" };
    for (int k = 0; k < 4; k++) {
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, files[k]);
        assert_int_equal(stat(path, &st), 0);
        assert_true(st.st_size > 0);
    }
    /* saved again: replaced as a whole */
    assert_int_equal(ent_run_save(run, dir, 9, 0.5, NULL, 0), 0);
    /* a folder that cannot be made: ENT_EIO, the reason, and the hook told */
    snprintf(path, sizeof path, "%s/file", tmpl);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fclose(f);
    snprintf(dir, sizeof dir, "%s/file/run", tmpl);
    ent_set_error_hook(hook, NULL);
    assert_int_equal(ent_run_save(run, dir, 9, 0.5, NULL, 0), ENT_EIO);
    ent_set_error_hook(NULL, NULL);
    assert_int_equal(ent_last_status(), ENT_EIO);
    assert_true(strlen(ent_last_error()) > 0);
    assert_int_equal(hook_calls, 1);
    assert_string_equal(hook_msg, ent_last_error());
    ent_run_free(run);
    ent_scenario_free(s);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpl);
    assert_int_equal(system(cmd), 0);
}

static void test_reading_a_run(void **state)
{
    (void)state;
    ent_scenario *s = load();
    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE | ENT_RUN_EVENTS);
    ent_run_exec(run, 9, 0, 0);
    assert_int_equal(ent_run_rounds_played(run), ent_run_rounds_played(run));
    assert_int_equal(ent_run_agents(run), 3);
    assert_string_equal(ent_run_agent_code(run, 0), "USA");
    assert_string_equal(ent_run_agent_code(run, 2), "POL");
    assert_null(ent_run_agent_code(run, 3));
    const ent_column *cols[256];
    size_t nt = ent_run_trace_columns(run, cols, 256);
    assert_int_equal(ent_run_columns(run, ENT_TABLE_TRACE), nt);
    for (size_t c = 0; c < nt; c++) {
        assert_string_equal(ent_run_column_name(run, ENT_TABLE_TRACE, c), cols[c]->name);
        for (int t = 1; t <= ent_run_rounds_played(run); t++)
            for (size_t i = 0; i < ent_run_agents(run); i++) {
                double a = ent_run_value(run, ENT_TABLE_TRACE, t, i, c);
                double b = ent_run_trace_row(run, t, i)[c];
                assert_true(a == b || (isnan(a) && isnan(b)));
            }
    }
    assert_null(ent_run_column_name(run, ENT_TABLE_TRACE, nt));
    assert_true(isnan(ent_run_value(run, ENT_TABLE_TRACE, 0, 0, 0)));
    assert_true(isnan(ent_run_value(run, ENT_TABLE_TRACE, ent_run_rounds_played(run) + 1, 0, 0)));
    assert_true(isnan(ent_run_value(run, ENT_TABLE_TRACE, 1, 3, 0)));
    size_t na = ent_run_agent_outcome_columns(run, cols, 256);
    assert_int_equal(ent_run_columns(run, ENT_TABLE_AGENT_OUTCOMES), na);
    assert_string_equal(ent_run_column_name(run, ENT_TABLE_AGENT_OUTCOMES, 0), cols[0]->name);
    double v = ent_run_value(run, ENT_TABLE_AGENT_OUTCOMES, 0, 1, 0);
    assert_true(v == run->agent_out[run->n_agent_out]);
    size_t nr = ent_run_run_outcome_columns(run, cols, 256);
    assert_int_equal(ent_run_columns(run, ENT_TABLE_RUN_OUTCOMES), nr);
    assert_string_equal(ent_run_column_name(run, ENT_TABLE_RUN_OUTCOMES, nr - 1), cols[nr - 1]->name);
    assert_true(ent_run_value(run, ENT_TABLE_RUN_OUTCOMES, 0, 0, nr - 1) == run->run_out[nr - 1]);
    assert_int_equal(ent_run_events(run), run->n_events);
    assert_true(run->n_events > 0);
    int round, actor, target;
    const char *stage, *kind;
    double value;
    assert_int_equal(ent_run_event_at(run, 0, &round, &stage, &kind, &actor, &target, &value), 0);
    assert_int_equal(round, run->events[0].round);
    assert_string_equal(stage, s->stages[run->events[0].stage].type->name);
    assert_string_equal(kind, ent_event_names[run->events[0].kind]);
    assert_int_equal(actor, run->events[0].actor);
    assert_int_equal(target, run->events[0].target);
    assert_true(value == run->events[0].value);
    assert_int_equal(ent_run_event_at(run, run->n_events, NULL, NULL, NULL, NULL, NULL, NULL), ENT_EINVAL);
    ent_run_free(run);
    ent_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_diags_format),
        cmocka_unit_test(test_set_by_path),
        cmocka_unit_test(test_scenario_accessors),
        cmocka_unit_test(test_status_messages),
        cmocka_unit_test(test_run_save),
        cmocka_unit_test(test_reading_a_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
