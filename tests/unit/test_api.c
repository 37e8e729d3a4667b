/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_api.c: the conveniences of api.h that programs and the Python package
** use: diagnostics on the heap, --set by path with its messages, seed and
** rounds, a run's folder written by the library, the error hook, reading a
** run's tables through functions.
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
        cmocka_unit_test(test_status_messages),
        cmocka_unit_test(test_run_save),
        cmocka_unit_test(test_reading_a_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
