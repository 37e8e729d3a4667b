/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_stage_api.c: what a stage gets from the run, seen from a trivial stage
** defined here and registered by one line (this binary compiles the
** registry with it; no other file is edited): its parameter, its agent
** parameter (a key of the allies' entries, a path for --set, read by the
** stage), its structured input (a list it reads itself), its trace column, its per-agent state (allocated at its
** agent_size, cleared and set by agent_reset at the start of every run) and
** its values by name through the public ent_run_agent_value. It plays after
** burden_sharing without changing it.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "ent_test.h"
#include "sim/run_int.h"
#include "scenario/scenario_doc.h"
#include "entente/entente.h"

/* The one registry line of the counter stage. */
#define ENT_STAGES_EXTRA(X) X(ent_stage_counter)
#include "stages/registry.c"

/* The counter stage: counts its rounds per agent from a start agent_reset
** sets, and adds its one parameter to every payoff. */
typedef struct {
    int start;              /* set by agent_reset: 10 x the agent's index */
    int plays;              /* rounds played this run */
    double seen_share;      /* the shared state it reads: the share after burden_sharing */
    double bonus;           /* its agent parameter, set by agent_reset */
    double marks;           /* the sum of its structured input, set by agent_reset */
} counter_agent;

/* Its structured input: `marks: [1, 2.5]` in an ally's entry. */
typedef struct {
    double sum;
    int n;
} counter_inputs;
static const char *const counter_input_keys[] = { "marks", NULL };

static void counter_read_inputs(ent_ydoc *y, yaml_node_t *map, const ent_scenario *s, size_t agent, void *data)
{
    (void)s; (void)agent;
    counter_inputs *in = data;
    yaml_node_t *n = ent_y_lookup(y, map, "marks");
    if (!n || !ent_i_scenario_expect(y, n, YAML_SEQUENCE_NODE, "'marks'"))
        return;
    static const ent_param_desc mark = { "mark", ENT_P_REAL, 0, 0.0, 10.0, "", "", NULL, 0, 0 };
    for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
        double v = 0.0;
        ent_i_scenario_read_param(y, ent_y_node(y, *it), &mark, &v);
        in->sum += v;
        in->n++;
    }
}

enum { P_GAIN, P_N };
static const ent_param_desc counter_params[] = {
    { "gain", ENT_P_REAL, 0.0, -1.0, 1.0, "utility", "added to every payoff each round", NULL, P_GAIN, 0 },
};
/* Its agent parameter: a key of each ally's entry (not the patron's). */
enum { AP_BONUS, AP_N };
static const ent_param_desc counter_agent_params[] = {
    { "bonus", ENT_P_REAL, 0.0, -1.0, 1.0, "utility", "added to this ally's payoff each round",
      NULL, AP_BONUS, ENT_F_ALLY },
};
static const ent_column counter_trace[] = {
    { "counter_plays", "rounds", "start + rounds played" },
};

static void counter_agent_reset(const ent_run *run, int stage, size_t i, void *state)
{
    (void)stage;
    counter_agent *c = state;
    assert_int_equal(c->plays, 0);      /* cleared by the run before */
    c->start = 10 * (int)i;
    /* its own agent parameters start at its base slot */
    c->bonus = run->scn->agents[i].p[ent_agent_param_base(&ent_stage_counter) + AP_BONUS];
    const counter_inputs *in = ent_scenario_agent_inputs(run->scn, i, &ent_stage_counter);
    c->marks = in ? in->sum : NAN;
}

static void counter_play(ent_run *run, int stage, gsl_rng *r)
{
    (void)r;
    double gain = run->scn->stages[stage].p[P_GAIN];
    for (size_t i = 0; i < run->n; i++) {
        counter_agent *c = ent_i_run_agent_state(run, stage, i);
        c->plays++;
        c->seen_share = run->agent[i].share;
        run->agent[i].payoff += gain + c->bonus;
    }
}

static void counter_record(const ent_run *run, int stage, size_t i, double *out)
{
    const counter_agent *c = ent_i_run_agent_state(run, stage, i);
    out[0] = c->start + c->plays;
}

static void counter_summarise(const ent_run *run, int stage, double *agent_out, double *run_out)
{
    (void)run; (void)stage; (void)agent_out; (void)run_out;
}

static int counter_value(const ent_run *run, int stage, size_t i, const char *name, double *out)
{
    const counter_agent *c = ent_i_run_agent_state(run, stage, i);
    if (!strcmp(name, "counter_plays"))
        *out = c->plays;
    else if (!strcmp(name, "counter_bonus"))
        *out = c->bonus;
    else if (!strcmp(name, "counter_marks"))
        *out = c->marks;
    else
        return 0;
    return 1;
}

const ent_stage_type ent_stage_counter = {
    .name = "counter", .doc = "counts rounds (a test stage)",
    .params = counter_params, .n_params = P_N,
    .trace = counter_trace, .n_trace = 1,
    .play = counter_play, .record = counter_record, .summarise = counter_summarise,
    .agent_size = sizeof(counter_agent), .agent_reset = counter_agent_reset,
    .agent_value = counter_value,
    .agent_params = counter_agent_params, .n_agent_params = AP_N,
    .agent_inputs = counter_input_keys, .agent_input_roles = ENT_ROLE_ALLY,
    .agent_input_size = sizeof(counter_inputs), .read_agent_inputs = counter_read_inputs,
};

static const char *const yaml =
    "name: counter\nrounds: 6\n"
    "stages: [{stage: burden_sharing}]\n"
    "patron: {code: P, gdp: 100, defence_share: 0.04}\n"
    "allies: [{code: A, gdp: 50, defence_share: 0.02}, {code: B, gdp: 20, defence_share: 0.01}]\n";

/* The scenario with the counter stage appended to its pipeline. */
static ent_scenario *with_counter(double gain)
{
    ent_scenario *s = ent_test_load(yaml);
    ent_stage_spec *sp = &s->stages[s->n_stages++];
    sp->type = &ent_stage_counter;
    sp->p[P_GAIN] = gain;
    return s;
}

static void test_a_new_stage_runs_in_the_pipeline(void **state)
{
    (void)state;
    ent_scenario *s = with_counter(0.0);
    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE);
    assert_non_null(run);
    int col = ent_run_trace_column(run, "counter_plays");
    assert_true(col >= 0);
    for (int pass = 0; pass < 2; pass++) {     /* its state starts afresh each run */
        ent_run_exec(run, 3, 0, (uint64_t)pass);
        for (int t = 1; t <= ent_run_rounds_played(run); t++)
            for (size_t i = 0; i < ent_run_agents(run); i++)
                assert_double_equal(ent_run_trace_row(run, t, i)[col], 10.0 * (double)i + t, 0);
        assert_double_equal(ent_run_agent_value(run, 2, "counter_plays"), 6, 0);
    }
    ent_run_free(run);
    ent_scenario_free(s);
}

static void test_values_by_name(void **state)
{
    (void)state;
    ent_scenario *s = with_counter(0.0);
    ent_run *run = ent_run_alloc(s, 0);
    ent_run_exec(run, 3, 0, 0);
    double v = -1;
    /* shared state, a registered stage's own, the new stage's, and none */
    assert_int_equal(ent_run_agent_get(run, 1, "gdp", &v), 0);
    assert_double_equal(v, 50, 0);
    assert_int_equal(ent_run_agent_get(run, 1, "alpha", &v), 0);
    assert_true(v > 0 && v < 1);
    assert_int_equal(ent_run_agent_get(run, 1, "counter_plays", &v), 0);
    assert_double_equal(v, 6, 0);
    assert_int_equal(ent_run_agent_get(run, 1, "no_such_value", &v), -1);
    assert_true(isnan(ent_run_agent_value(run, 1, "no_such_value")));
    assert_true(isnan(ent_run_agent_value(run, 9, "gdp")));
    /* a stage not in the pipeline states nothing */
    assert_int_equal(ent_run_agent_get(run, 1, "n_threats", &v), -1);
    ent_run_free(run);
    ent_scenario_free(s);
}

static void test_it_leaves_the_rest_alone(void **state)
{
    (void)state;
    ent_scenario *plain = ent_test_load(yaml), *s = with_counter(0.0), *g = with_counter(0.25);
    ent_run *a = ent_run_alloc(plain, 0), *b = ent_run_alloc(s, 0), *c = ent_run_alloc(g, 0);
    ent_run_exec(a, 5, 0, 0);
    ent_run_exec(b, 5, 0, 0);
    ent_run_exec(c, 5, 0, 0);
    for (size_t i = 0; i < ent_run_agents(a); i++) {
        /* burden_sharing's outcomes to the bit; the gain only adds its discounted sum */
        double d = ent_run_agent_value(b, i, "discount"), sum = 0.0, w = 1.0;
        for (int t = 0; t < 6; t++, w *= d)
            sum += w;
        assert_true(ent_run_agent_outcome(a, i, "burden_sharing", "final_share") ==
                    ent_run_agent_outcome(b, i, "burden_sharing", "final_share"));
        assert_true(ent_run_agent_value(a, i, "cum_payoff") == ent_run_agent_value(b, i, "cum_payoff"));
        assert_double_equal(ent_run_agent_value(c, i, "cum_payoff") - ent_run_agent_value(b, i, "cum_payoff"),
                            0.25 * sum, 1e-9);
        /* its split of the payoff: the gain, in its pipeline slot */
        assert_double_equal(ent_run_agent_stage_payoff(c, i, 1), 0.25, 1e-12);
    }
    ent_run_free(a);
    ent_run_free(b);
    ent_run_free(c);
    ent_scenario_free(plain);
    ent_scenario_free(s);
    ent_scenario_free(g);
}

/* Its agent parameter: read from an ally's entry, a path for --set and
** sweeps, read by the stage in its rounds. */
static void test_its_agent_parameter(void **state)
{
    (void)state;
    ent_scenario *s = ent_test_load(
        "name: counter\nrounds: 4\n"
        "stages: [{stage: burden_sharing}, {stage: counter, gain: 0.125}]\n"
        "patron: {code: P, gdp: 100, defence_share: 0.04}\n"
        "allies: [{code: A, gdp: 50, defence_share: 0.02, bonus: 0.5, marks: [1, 2.5]},\n"
        "         {code: B, gdp: 20, defence_share: 0.01}]\n");
    assert_double_equal(ent_scenario_agent_param(s, 1, "bonus"), 0.5, 0);
    assert_double_equal(ent_scenario_agent_param(s, 2, "bonus"), 0.0, 0);     /* its default */
    const ent_param_desc *desc = NULL;
    double *slot = ent_i_scenario_param(s, "allies.A.bonus", &desc);
    assert_non_null(slot);
    assert_ptr_equal(desc, &counter_agent_params[AP_BONUS]);
    assert_double_equal(*slot, 0.5, 0);
    assert_null(ent_i_scenario_param(s, "patron.bonus", &desc));       /* an ally's only */
    char why[256];
    assert_int_equal(ent_scenario_set(s, "allies.B.bonus", "0.25", why, sizeof why), 0);
    assert_int_equal(ent_scenario_set(s, "allies.B.bonus", "2", why, sizeof why), -1);
    assert_non_null(strstr(why, "bonus"));
    assert_int_equal(ent_scenario_set(s, "allies.B.bonsu", "0.1", why, sizeof why), -1);
    assert_non_null(strstr(why, "did you mean 'allies.B.bonus'?"));
    ent_test_agent_params_sound(s);

    ent_run *run = ent_run_alloc(s, 0);
    ent_run_exec(run, 3, 0, 0);
    int st = ent_scenario_stage_index(s, "counter");
    assert_int_equal(st, 1);
    assert_double_equal(ent_run_agent_value(run, 1, "counter_bonus"), 0.5, 0);
    assert_double_equal(ent_run_agent_value(run, 2, "counter_bonus"), 0.25, 0);
    /* its structured input, as it read it, in a clone too */
    assert_double_equal(ent_run_agent_value(run, 1, "counter_marks"), 3.5, 0);
    assert_double_equal(ent_run_agent_value(run, 2, "counter_marks"), 0.0, 0);
    ent_scenario *c = ent_scenario_clone(s);
    const counter_inputs *in = ent_scenario_agent_inputs(c, 1, &ent_stage_counter);
    assert_non_null(in);
    assert_int_equal(in->n, 2);
    ent_scenario_free(c);
    /* what it adds each round, its payoff split: the gain and the ally's bonus */
    assert_double_equal(ent_run_agent_stage_payoff(run, 1, st), 0.125 + 0.5, 1e-12);
    assert_double_equal(ent_run_agent_stage_payoff(run, 2, st), 0.125 + 0.25, 1e-12);
    ent_run_free(run);
    ent_scenario_free(s);
}

/* The loader takes it whether or not the stage is in the pipeline, for the
** roles it declares, and points at a misspelt one. */
static void test_the_loader_knows_it(void **state)
{
    (void)state;
    ent_scenario *s = ent_test_load(
        "name: c\nstages: [burden_sharing]\n"
        "patron: {code: P, gdp: 100, defence_share: 0.04}\n"
        "allies: [{code: A, gdp: 50, defence_share: 0.02, bonus: -0.5}]\n");
    assert_double_equal(ent_scenario_agent_param(s, 1, "bonus"), -0.5, 0);
    ent_scenario_free(s);
    static const struct { const char *yaml, *where, *msg; } bad[] = {
        { "name: c\nstages: [burden_sharing]\n"
          "patron: {code: P, gdp: 100, defence_share: 0.04, bonus: 1}\n"
          "allies: [{code: A, gdp: 50, defence_share: 0.02}]\n",
          "t.yaml:3:50: error:", "unknown key 'bonus' in patron 'P'" },
        { "name: c\nstages: [burden_sharing]\n"
          "patron: {code: P, gdp: 100, defence_share: 0.04}\n"
          "allies: [{code: A, gdp: 50, defence_share: 0.02, bonsu: 1}]\n",
          "t.yaml:4:50: error:", "unknown key 'bonsu' in ally 'A'; did you mean 'bonus'?" },
        { "name: c\nstages: [burden_sharing]\n"
          "patron: {code: P, gdp: 100, defence_share: 0.04}\n"
          "allies: [{code: A, gdp: 50, defence_share: 0.02, bonus: 3}]\n",
          "t.yaml:4:57: error:", "bonus" },
        { "name: c\nstages: [burden_sharing]\n"
          "patron: {code: P, gdp: 100, defence_share: 0.04, marks: [1]}\n"
          "allies: [{code: A, gdp: 50, defence_share: 0.02}]\n",
          "t.yaml:3:50: error:", "unknown key 'marks' in patron 'P'" },
        { "name: c\nstages: [burden_sharing]\n"
          "patron: {code: P, gdp: 100, defence_share: 0.04}\n"
          "allies: [{code: A, gdp: 50, defence_share: 0.02, marks: {a: 1}}]\n",
          "t.yaml:4:57: error:", "'marks' expects a list, found a mapping" },
        { "name: c\nstages: [burden_sharing]\n"
          "patron: {code: P, gdp: 100, defence_share: 0.04}\n"
          "allies: [{code: A, gdp: 50, defence_share: 0.02, marks: [1, 11]}]\n",
          "t.yaml:4:61: error:", "'mark' must be between 0 and 10, got 11" },
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        ent_diags d;
        ent_diags_init(&d, "t.yaml");
        assert_null(ent_scenario_load_buffer("t.yaml", bad[k].yaml, strlen(bad[k].yaml), &d));
        char buf[4096] = "";
        FILE *f = fmemopen(buf, sizeof buf - 1, "w");
        ent_diags_print(&d, f);
        fclose(f);
        if (!strstr(buf, bad[k].where) || !strstr(buf, bad[k].msg))
            print_error("got: %s", buf);
        assert_non_null(strstr(buf, bad[k].where));
        assert_non_null(strstr(buf, bad[k].msg));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_its_agent_parameter),
        cmocka_unit_test(test_the_loader_knows_it),
        cmocka_unit_test(test_a_new_stage_runs_in_the_pipeline),
        cmocka_unit_test(test_values_by_name),
        cmocka_unit_test(test_it_leaves_the_rest_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
