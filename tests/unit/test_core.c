/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_core.c: the generator streams, the scenario loader and the run object:
** reproducibility, independence of streams, no hidden shared state.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <omp.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_statistics_double.h>
#include "ent_test.h"
#include "sim/run_int.h"
#include "entente/entente.h"

/* ---- generator -------------------------------------------------------------- */

static void test_stream_is_a_function_of_its_triple(void **state)
{
    (void)state;
    gsl_rng *a = ent_rng_alloc(), *b = ent_rng_alloc();
    ent_rng_stream(a, 42, 3, 7);
    for (int i = 0; i < 100; i++) gsl_rng_get(b);   /* b's history must not matter */
    ent_rng_stream(b, 42, 3, 7);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(gsl_rng_get(a), gsl_rng_get(b));
    gsl_rng_free(a);
    gsl_rng_free(b);
}

static void test_streams_differ(void **state)
{
    (void)state;
    const uint64_t triples[][3] = { { 42, 0, 0 }, { 43, 0, 0 }, { 42, 1, 0 }, { 42, 0, 1 }, { 0, 0, 0 } };
    unsigned long first[5][4];
    gsl_rng *r = ent_rng_alloc();
    for (int t = 0; t < 5; t++) {
        ent_rng_stream(r, triples[t][0], triples[t][1], triples[t][2]);
        for (int k = 0; k < 4; k++) first[t][k] = gsl_rng_get(r);
    }
    for (int s = 0; s < 5; s++)
        for (int t = s + 1; t < 5; t++)
            assert_memory_not_equal(first[s], first[t], sizeof first[s]);
    gsl_rng_free(r);
}

/* GSL's no-hidden-state check: two generators interleaved stay in lockstep. */
static void test_no_hidden_state(void **state)
{
    (void)state;
    gsl_rng *a = ent_rng_alloc(), *b = ent_rng_alloc();
    ent_rng_stream(a, 9, 9, 9);
    ent_rng_stream(b, 9, 9, 9);
    double xa[500], xb[500];
    for (int i = 0; i < 500; i++) xa[i] = gsl_rng_uniform(a);
    for (int i = 0; i < 500; i++) xb[i] = gsl_rng_uniform(b);
    assert_memory_equal(xa, xb, sizeof xa);
    gsl_rng_free(a);
    gsl_rng_free(b);
}

/* Uniform draws: mean 1/2, variance 1/12, all in [0,1), within 5 sigma. */
static void test_uniform_moments(void **state)
{
    (void)state;
    enum { N = 200000 };
    static double x[N];
    gsl_rng *r = ent_rng_alloc();
    ent_rng_stream(r, 2025, 0, 0);
    for (int i = 0; i < N; i++) {
        x[i] = gsl_rng_uniform(r);
        assert_true(x[i] >= 0.0 && x[i] < 1.0);
    }
    double m = gsl_stats_mean(x, 1, N), v = gsl_stats_variance(x, 1, N);
    assert_double_equal(m, 0.5, 5.0 * sqrt(1.0 / 12.0 / N));
    assert_double_equal(v, 1.0 / 12.0, 5.0 * sqrt(1.0 / 180.0 / N));
    /* a GSL distribution runs on it: standard normal mean within 5 sigma */
    double s = 0.0;
    for (int i = 0; i < N; i++) s += gsl_ran_gaussian(r, 1.0);
    assert_double_equal(s / N, 0.0, 5.0 / sqrt((double)N));
    gsl_rng_free(r);
}

/* ---- loader ------------------------------------------------------------------ */

static const char *good =
    "name: core\n"
    "description: a test\n"
    "references: [\"A 1999\", \"B 2000\"]\n"
    "rounds: 12\nseed: 99\ndiscount: 0.9\n"
    "stages:\n  - stage: burden_sharing\n    demand: 0.03\n    ally_strategy: {name: comply, speed: 0.5}\n"
    "patron: {code: USA, name: United States, gdp: 100, defence_share: 0.04}\n"
    "allies:\n"
    "  - {code: A, gdp: 50, defence_share: 0.02, threat: 0.5}\n"
    "  - {code: B, gdp: 20, defence_share: 0.01, demand: 0.05, discount: 0.8,\n"
    "     strategies: {burden_sharing: {name: reciprocal, step: 0.002}}}\n";

static ent_scenario *load(const char *yaml, ent_diags *d)
{
    ent_diags_init(d, "t.yaml");
    return ent_scenario_load_buffer("t.yaml", yaml, strlen(yaml), d);
}

static void test_loader_reads_everything(void **state)
{
    (void)state;
    ent_diags d;
    ent_scenario *s = load(good, &d);
    assert_non_null(s);
    assert_string_equal(s->name, "core");
    assert_int_equal(s->n_references, 2);
    assert_string_equal(s->references[1], "B 2000");
    assert_int_equal(s->rounds, 12);
    assert_int_equal(s->seed, 99);
    assert_double_equal(s->discount, 0.9, 0);
    assert_int_equal(s->n_agents, 3);
    assert_string_equal(s->agents[0].code, "USA");
    assert_string_equal(s->agents[0].name, "United States");
    assert_string_equal(s->agents[1].name, "A");            /* defaults to the code */
    assert_double_equal(s->agents[1].threat, 0.5, 0);
    assert_true(isnan(ent_scenario_agent_param(s, 1, "alpha")));  /* derived later */
    assert_double_equal(ent_scenario_agent_param(s, 2, "demand"), 0.05, 0);
    /* strategies: patron default, stage-level ally default, own override */
    assert_string_equal(s->agents[0].strategy[0].type->name, "fixed");
    assert_string_equal(s->agents[1].strategy[0].type->name, "comply");
    assert_double_equal(s->agents[1].strategy[0].p[0], 0.5, 0);
    assert_string_equal(s->agents[2].strategy[0].type->name, "reciprocal");
    assert_double_equal(s->agents[2].strategy[0].p[0], 0.002, 0);
    assert_double_equal(s->stages[0].p[0], 0.03, 0);
    assert_int_equal(strlen(s->sha256), 64);
    ent_scenario_free(s);
}

static void test_parameter_paths(void **state)
{
    (void)state;
    ent_diags d;
    ent_scenario *s = load(good, &d);
    const ent_param_desc *desc = NULL;
    double *p = ent_i_scenario_param(s, "stages.burden_sharing.demand", &desc);
    assert_non_null(p);
    assert_double_equal(*p, 0.03, 0);
    assert_string_equal(desc->name, "demand");
    p = ent_i_scenario_param(s, "allies.B.gdp", &desc);
    assert_true(p == &s->agents[2].gdp);
    p = ent_i_scenario_param(s, "patron.defence_share", &desc);
    assert_true(p == &s->agents[0].defence_share);
    p = ent_i_scenario_param(s, "allies.B.strategy.burden_sharing.step", &desc);
    assert_non_null(p);
    assert_double_equal(*p, 0.002, 0);
    assert_null(ent_i_scenario_param(s, "allies.ZZZ.gdp", &desc));
    assert_null(ent_i_scenario_param(s, "allies.USA.gdp", &desc));     /* the patron is not an ally */
    assert_null(ent_i_scenario_param(s, "patron.demand", &desc));       /* an ally-only field */
    assert_null(ent_i_scenario_param(s, "stages.burden_sharing.nope", &desc));
    ent_scenario_free(s);
}

/* The limits every YAML loader shares: size, checked for buffers too, and
** nesting, reported where it is exceeded. */
static void test_document_limits(void **state)
{
    (void)state;
    ent_diags d;
    size_t big = (4u << 20) + 1;
    char *buf = malloc(big + 1);
    assert_non_null(buf);
    memset(buf, ' ', big);
    memcpy(buf, "name: x\n", 8);
    buf[big] = 0;
    ent_diags_init(&d, "t.yaml");
    assert_null(ent_scenario_load_buffer("t.yaml", buf, big, &d));
    assert_int_equal(d.n, 1);
    assert_string_equal(d.items[0].msg, "document is 4194305 bytes; documents are limited to 4194304 bytes");
    /* 100,000 nested lists: refused at the 65th level (the root mapping is the first) */
    size_t n = 100000, k = 0;
    k += (size_t)sprintf(buf, "name: deep\nstages: ");
    for (size_t i = 0; i < n; i++) buf[k++] = '[';
    for (size_t i = 0; i < n; i++) buf[k++] = ']';
    buf[k] = 0;
    ent_diags_init(&d, "t.yaml");
    assert_null(ent_scenario_load_buffer("t.yaml", buf, k, &d));
    assert_int_equal(d.n, 1);
    assert_int_equal(d.items[0].line, 2);
    assert_int_equal(d.items[0].col, 9 + 63);
    assert_string_equal(d.items[0].msg, "lists and mappings are nested more than 64 deep");
    /* 64 levels load (and then fail for what a scenario needs, not for depth) */
    k = (size_t)sprintf(buf, "name: deep\nstages: ");
    for (size_t i = 0; i < 63; i++) buf[k++] = '[';
    for (size_t i = 0; i < 63; i++) buf[k++] = ']';
    buf[k] = 0;
    ent_diags_init(&d, "t.yaml");
    assert_null(ent_scenario_load_buffer("t.yaml", buf, k, &d));
    for (size_t i = 0; i < d.n; i++)
        assert_null(strstr(d.items[i].msg, "nested"));
    free(buf);
}

static void count_path(void *ctx, const char *path)
{
    ent_scenario *s = ((void **)ctx)[0];
    size_t *n = ((void **)ctx)[1];
    const ent_param_desc *desc = NULL;
    if (!ent_i_scenario_param(s, path, &desc) || !desc)
        fail_msg("listed path '%s' does not resolve", path);
    (*n)++;
}

/* Malformed paths resolve to nothing (never to a half-valid target), and
** every path the scenario lists resolves: one grammar. */
static void test_malformed_paths(void **state)
{
    (void)state;
    ent_diags d;
    /* beliefs gives the patron no strategy: its strategy type is NULL */
    static const char *yaml =
        "name: paths\nstages: [burden_sharing, beliefs]\n"
        "patron: {code: USA, gdp: 100, defence_share: 0.04}\n"
        "allies: [{code: A, gdp: 50, defence_share: 0.02}]\n";
    ent_scenario *s = load(yaml, &d);
    assert_non_null(s);
    int st = ent_scenario_stage_index(s, "beliefs");
    assert_true(st >= 0);
    assert_null(s->agents[0].strategy[st].type);
    char longpath[400];
    memset(longpath, 'a', sizeof longpath - 1);
    longpath[sizeof longpath - 1] = 0;
    memcpy(longpath, "discount.", 9);
    const char *bad[] = {
        "patron.strategy.beliefs.x", "allies.A.strategy.beliefs.x", "patron.strategy.nope.x",
        "", ".", "..", ".discount", "discount.", "discount..", "allies..gdp", "allies.A.",
        "allies.A..gdp", "stages..demand", "stages.burden_sharing.", "stages.burden_sharing.demand.x",
        "patron", "patron.", "patron.strategy", "patron.strategy.beliefs", "patron.strategy.nope",
        "patron.strategy.burden_sharing.step.x", "allies", "allies.A", "allies.USA.gdp",
        "a.b.c.d.e.f.g", "patron.strategy.burden_sharing.a.b.c", longpath,
    };
    const ent_param_desc *desc = (const ent_param_desc *)&desc;     /* a sentinel */
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (ent_i_scenario_param(s, bad[i], &desc))
            fail_msg("'%s' resolved", bad[i]);
        assert_ptr_equal(desc, (const ent_param_desc *)&desc);  /* untouched */
    }
    size_t n = 0;
    void *ctx[2] = { s, &n };
    ent_scenario_param_paths(s, count_path, ctx);
    assert_true(n > 20);
    ent_scenario_free(s);
}

/* A strategy chosen by path (patron.strategy.STAGE): an ENUM over the
** stage's strategies for the agent's role, whose slot holds the index of
** the strategy played; another index written there becomes that strategy
** at ent_i_scenario_apply_choices, with the scenario's own parameters for
** it when the base plays it, else its defaults, whatever was picked before. */
/* Several --set at once: a strategy's parameter given before the strategy
** is not lost, whatever the order; a refusal names its assignment. */
static void test_set_many_strategies_first(void **state)
{
    (void)state;
    ent_diags d;
    const char *paths[] = { "allies.A.strategy.burden_sharing.step", "allies.B.strategy.burden_sharing",
                            "allies.A.strategy.burden_sharing" };
    const char *values[] = { "0.01", "comply", "reciprocal" };
    ent_scenario *s = load(good, &d);
    assert_non_null(s);
    int st = ent_scenario_stage_index(s, "burden_sharing");
    ent_strategy_choice *ca = &s->agents[1].strategy[st];
    assert_string_equal(ca->type->name, "comply");      /* A's from the stage: no step */
    char why[256];
    /* one at a time in this order, the step is refused: comply has none */
    assert_int_equal(ent_scenario_set(s, paths[0], values[0], why, sizeof why), -1);
    size_t failed = 99;
    assert_int_equal(ent_scenario_set_many(s, 3, paths, values, &failed, why, sizeof why), 0);
    assert_string_equal(ca->type->name, "reciprocal");
    assert_double_equal(ca->p[0], 0.01, 0);
    assert_string_equal(s->agents[2].strategy[st].type->name, "comply");
    /* a refusal: its index and reason; the picks before it stay made */
    const char *bad_paths[] = { "allies.A.strategy.burden_sharing", "allies.A.strategy.burden_sharing.step" };
    const char *bad_values[] = { "nash", "0.02" };
    assert_int_equal(ent_scenario_set_many(s, 2, bad_paths, bad_values, &failed, why, sizeof why), -1);
    assert_int_equal(failed, 1);
    assert_non_null(strstr(why, "step"));
    assert_string_equal(ca->type->name, "nash");
    ent_scenario_free(s);
}

static void test_strategy_choice_paths(void **state)
{
    (void)state;
    ent_diags d;
    ent_scenario *s = load(good, &d), *base = load(good, &d);
    assert_non_null(s);
    assert_non_null(base);
    const ent_param_desc *dp = NULL, *da = NULL;
    double *pick_b = ent_i_scenario_param(s, "allies.B.strategy.burden_sharing", &da);
    double *pick_p = ent_i_scenario_param(s, "patron.strategy.burden_sharing", &dp);
    assert_non_null(pick_b);
    assert_non_null(pick_p);
    assert_int_equal(da->type, ENT_P_ENUM);
    assert_true(da != dp);                      /* the roles' lists differ */
    size_t n = 0, k_rec = 99, k_comply = 99, k_nash = 99;
    for (; da->choices[n]; n++) {
        if (!strcmp(da->choices[n], "reciprocal")) k_rec = n;
        if (!strcmp(da->choices[n], "comply")) k_comply = n;
        if (!strcmp(da->choices[n], "nash")) k_nash = n;
    }
    assert_true(k_rec < n && k_comply < n && k_nash < n);
    assert_double_equal(da->max, (double)(n - 1), 0);
    for (size_t i = 0; dp->choices[i]; i++)
        assert_true(strcmp(dp->choices[i], "comply") != 0);     /* an ally's strategy only */
    /* the slot names the strategy played, B's from its file */
    assert_double_equal(*pick_b, (double)k_rec, 0);
    assert_int_equal(ent_i_scenario_apply_choices(s, base), 0);
    int st = ent_scenario_stage_index(s, "burden_sharing");
    ent_strategy_choice *cb = &s->agents[2].strategy[st];
    const ent_strategy_type *rec = cb->type;
    double step = cb->p[0];
    assert_double_equal(step, 0.002, 0);
    /* to comply: its defaults; then nash; then back to reciprocal: the file's step */
    *pick_b = (double)k_comply;
    assert_int_equal(ent_i_scenario_apply_choices(s, base), 1);
    assert_string_equal(cb->type->name, "comply");
    double def[ENT_MAX_PARAMS];
    ent_param_defaults(cb->type->params, cb->type->n_params, def);
    for (size_t i = 0; i < cb->type->n_params; i++)
        assert_memory_equal(&cb->p[i], &def[i], sizeof def[i]);
    *pick_b = (double)k_nash;
    assert_int_equal(ent_i_scenario_apply_choices(s, base), 1);
    *pick_b = (double)k_rec;
    assert_int_equal(ent_i_scenario_apply_choices(s, base), 1);
    assert_ptr_equal(cb->type, rec);
    assert_double_equal(cb->p[0], 0.002, 0);
    /* without a base, a strategy picked plays with its defaults */
    *pick_b = (double)k_comply;
    ent_i_scenario_apply_choices(s, NULL);
    *pick_b = (double)k_rec;
    ent_i_scenario_apply_choices(s, NULL);
    ent_param_defaults(rec->params, rec->n_params, def);
    assert_memory_equal(&cb->p[0], &def[0], sizeof def[0]);
    /* --set by name and by index */
    char why[256];
    assert_int_equal(ent_scenario_set(s, "allies.A.strategy.burden_sharing", "reciprocal", why, sizeof why), 0);
    assert_string_equal(s->agents[1].strategy[st].type->name, "reciprocal");
    assert_int_equal(ent_scenario_set(s, "allies.A.strategy.burden_sharing", "nope", why, sizeof why), -1);
    assert_string_equal(s->agents[1].strategy[st].type->name, "reciprocal");
    ent_scenario_free(s);
    ent_scenario_free(base);
}

static void test_clone_is_deep(void **state)
{
    (void)state;
    ent_diags d;
    ent_scenario *s = load(good, &d);
    ent_scenario *c = ent_scenario_clone(s);
    assert_non_null(c);
    c->agents[1].gdp = 999;
    assert_double_equal(s->agents[1].gdp, 50, 0);
    assert_string_equal(c->references[0], "A 1999");
    assert_true(c->references[0] != s->references[0]);
    ent_scenario_free(c);
    ent_scenario_free(s);
}

static void test_errors_carry_positions(void **state)
{
    (void)state;
    ent_diags d;
    const char *bad = "name: x\nrounds: 3\nstages: [burden_sharing]\n"
                      "patron: {code: P, gdp: 1, defence_share: 0.1}\n"
                      "allies:\n  - {code: Q, gdp: 2, defence_share: 2}\n";
    ent_scenario *s = load(bad, &d);
    assert_null(s);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.items[0].line, 6);
    assert_int_equal(d.items[0].col, 38);
    assert_non_null(strstr(d.items[0].msg, "'defence_share' must be between 0 and 1, got 2"));
}

static void test_error_cap(void **state)
{
    (void)state;
    char buf[8192];
    size_t k = (size_t)snprintf(buf, sizeof buf, "name: x\n");
    for (int i = 0; i < 30; i++)
        k += (size_t)snprintf(buf + k, sizeof buf - k, "bogus%d: 1\n", i);
    ent_diags d;
    assert_null(load(buf, &d));
    assert_int_equal(d.n, ENT_DIAG_CAP);
    assert_true(d.total > ENT_DIAG_CAP);
}

/* Text shown in a message: controls escaped, never cut inside a character
** or an escape, a cut marked. */
static void test_diag_escape(void **state)
{
    (void)state;
    char out[32];
    assert_int_equal(ent_diag_escape(out, sizeof out, "a\nb\x1b[2J\t\x7f"), 0);
    assert_string_equal(out, "a\\nb\\x1b[2J\\t\\x7f");
    /* C1 and a direction override as \u; a byte that is not UTF-8 as \x */
    assert_int_equal(ent_diag_escape(out, sizeof out, "\xc2\x9b|\xe2\x80\xae|\xff|\xc3\xa9"), 0);
    assert_string_equal(out, "\\u009b|\\u202e|\\xff|\xc3\xa9");
    /* 20 two-byte characters into 16 bytes: 6 whole ones and "..." */
    char small[16];
    const char *e20 = "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                      "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9";
    assert_int_equal(ent_diag_escape(small, sizeof small, e20), 1);
    assert_string_equal(small, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9...");
    /* an escape is not cut either */
    assert_int_equal(ent_diag_escape(small, sizeof small, "abcdefghij\x01\x02"), 1);
    assert_string_equal(small, "abcdefghij...");
    /* text that fits exactly is not cut */
    assert_int_equal(ent_diag_escape(small, sizeof small, "abcdefghijklmno"), 0);
    assert_string_equal(small, "abcdefghijklmno");
}

/* Numbers: decimal with an optional sign, nothing around them; whole
** numbers compared as integers, not through a double. */
static void test_number_syntax(void **state)
{
    (void)state;
    const ent_param_desc real = { "x", ENT_P_REAL, 0, -1e6, 1e6, "", "", NULL, 0, 0 };
    const ent_param_desc whole = { "n", ENT_P_INT, 0, 0, 9007199254740992.0, "", "", NULL, 0, 0 };
    const char *numbers[] = { "1", "+1", "-1", "1.", ".5", "1e3", "1E+3", "-2.5e-2", NULL };
    const char *not_numbers[] = { "0x10", "0x1p4", " 1", "1 ", "\t1", "1e", "e3", ".", "+", "", "1,5", "--1", NULL };
    char why[ENT_DIAG_MSG];
    double v;
    for (size_t i = 0; numbers[i]; i++)
        assert_int_equal(ent_param_parse(&real, numbers[i], 0, &v, why, sizeof why), 0);
    for (size_t i = 0; not_numbers[i]; i++)
        assert_int_equal(ent_param_parse(&real, not_numbers[i], 0, &v, why, sizeof why), -1);
    assert_int_equal(ent_param_parse(&whole, "9007199254740992", 0, &v, why, sizeof why), 0);
    assert_int_equal(ent_param_parse(&whole, "9007199254740993", 0, &v, why, sizeof why), -1);
    assert_string_equal(why, "'n' must be between 0 and 9007199254740992, got 9007199254740993");
    /* a range error shows the text as written */
    const ent_param_desc unit = { "psi", ENT_P_REAL, 0, 0, 0.99, "", "", NULL, 0, 0 };
    assert_int_equal(ent_param_parse(&unit, "0.9900000000000001", 0, &v, why, sizeof why), -1);
    assert_string_equal(why, "'psi' must be between 0 and 0.99, got 0.9900000000000001");
    assert_int_equal(ent_param_check(&unit, 0.9900000000000001, why, sizeof why), -1);
    assert_string_equal(why, "'psi' must be between 0 and 0.99, got 0.9900000000000001");
}

static void test_suggestions(void **state)
{
    (void)state;
    const char *names[] = { "threat", "demand", "discount", NULL };
    assert_string_equal(ent_nearest("thret", names), "threat");
    assert_string_equal(ent_nearest("dmeand", names), "demand");
    assert_null(ent_nearest("zzzzzz", names));
    assert_int_equal(ent_edit_distance("rnu", "run"), 1);
    assert_int_equal(ent_edit_distance("kitten", "sitting"), 3);
}

/* ---- run ---------------------------------------------------------------------- */

static const char *learners =
    "name: learners\nrounds: 50\nseed: 5\n"
    "stages: [{stage: burden_sharing, ally_strategy: reinforcement}]\n"
    "patron: {code: USA, gdp: 100, defence_share: 0.03}\n"
    "allies:\n"
    "  - {code: A, gdp: 40, defence_share: 0.02}\n"
    "  - {code: B, gdp: 20, defence_share: 0.02}\n"
    "  - {code: C, gdp: 10, defence_share: 0.01}\n";

static void trace_of(const ent_scenario *s, uint64_t seed, uint64_t point, uint64_t rep, double *out,
                     size_t cap)
{
    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE);
    assert_non_null(run);
    ent_run_exec(run, seed, point, rep);
    size_t n = (size_t)s->rounds * ent_run_agents(run) * run->n_trace;
    assert_true(n <= cap);
    memcpy(out, run->trace, n * sizeof(double));
    ent_run_free(run);
}

static void test_run_reproducible_and_reusable(void **state)
{
    (void)state;
    ent_diags d;
    ent_scenario *s = load(learners, &d);
    assert_non_null(s);
    static double t1[50 * 4 * 16], t2[50 * 4 * 16], t3[50 * 4 * 16];
    trace_of(s, 5, 0, 0, t1, sizeof t1 / sizeof t1[0]);
    trace_of(s, 5, 0, 0, t2, sizeof t2 / sizeof t2[0]);
    assert_memory_equal(t1, t2, sizeof t1);
    trace_of(s, 5, 0, 1, t3, sizeof t3 / sizeof t3[0]);
    assert_memory_not_equal(t1, t3, sizeof t1);
    /* one run object reused: a second exec gives the same as a fresh one */
    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE);
    ent_run_exec(run, 5, 0, 1);
    ent_run_exec(run, 5, 0, 0);
    assert_memory_equal(run->trace, t1, (size_t)s->rounds * ent_run_agents(run) * run->n_trace * sizeof(double));
    ent_run_free(run);
    ent_scenario_free(s);
}

/* The payoff split by stage, kept only in rounds whose split can be read:
** after a run it is the last round's, as a round callback (which keeps every
** round's) sees it, bit for bit, also for a random end. */
static void count_round(const ent_run *run, void *ctx)
{
    (void)run;
    ++*(int *)ctx;
}

static void test_stage_payoff_split_kept_for_the_last_round(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "name: split\nrounds: 9\nseed: 3\ndiscount: 0.9\n",
        "name: split\nrounds: 60\nseed: 3\ndiscount: 0.8\nrandom_end: true\n",
    };
    for (size_t k = 0; k < 2; k++) {
        char text[2048];
        snprintf(text, sizeof text,
                 "%sstages:\n  - stage: burden_sharing\n    psi: 0.2\n  - stage: exit_leverage\n"
                 "  - stage: bargaining\n  - stage: ratification\n  - stage: matrix\n"
                 "patron: {code: P, gdp: 100, defence_share: 0.03}\n"
                 "allies:\n  - {code: A, gdp: 40, defence_share: 0.01}\n"
                 "  - {code: B, gdp: 20, defence_share: 0.015,\n"
                 "     strategies: {burden_sharing: reinforcement}}\n",
                 texts[k]);
        ent_diags d;
        ent_scenario *s = load(text, &d);
        assert_non_null(s);
        for (uint64_t rep = 0; rep < 20; rep++) {
            ent_run *quiet = ent_run_alloc(s, 0), *watched = ent_run_alloc(s, 0);
            int rounds = 0;
            ent_run_on_round(watched, count_round, &rounds);
            ent_run_exec(quiet, 3, 0, rep);
            ent_run_exec(watched, 3, 0, rep);
            assert_int_equal(rounds, watched->rounds_played);
            for (size_t i = 0; i < quiet->n; i++)
                for (int st = 0; st < (int)s->n_stages; st++) {
                    double a = ent_run_agent_stage_payoff(quiet, i, st);
                    double b = ent_run_agent_stage_payoff(watched, i, st);
                    assert_memory_equal(&a, &b, sizeof a);
                }
            ent_run_free(quiet);
            ent_run_free(watched);
        }
        ent_scenario_free(s);
    }
}

/* Many runs at once on threads give what they give alone. */
static void test_runs_on_threads_match_serial(void **state)
{
    (void)state;
    ent_diags d;
    ent_scenario *s = load(learners, &d);
    enum { R = 64 };
    double serial[R], parallel[R];
    ent_run *run = ent_run_alloc(s, 0);
    for (int k = 0; k < R; k++) {
        ent_run_exec(run, 77, 0, (uint64_t)k);
        serial[k] = ent_run_agent_value(run, 1, "cum_payoff") + run->run_out[0];
    }
    ent_run_free(run);
    #pragma omp parallel num_threads(4)
    {
        ent_run *mine = ent_run_alloc(s, 0);
        #pragma omp for schedule(dynamic)
        for (int k = 0; k < R; k++) {
            ent_run_exec(mine, 77, 0, (uint64_t)k);
            parallel[k] = ent_run_agent_value(mine, 1, "cum_payoff") + mine->run_out[0];
        }
        ent_run_free(mine);
    }
    assert_memory_equal(serial, parallel, sizeof serial);
    ent_scenario_free(s);
}

static void test_discounting(void **state)
{
    (void)state;
    ent_diags d;
    /* everyone fixed: the stage payoff is constant, so cum = u (1 - delta^T)/(1 - delta) */
    const char *yaml = "name: disc\nrounds: 7\ndiscount: 0.9\n"
                       "stages: [{stage: burden_sharing, ally_strategy: fixed}]\n"
                       "patron: {code: P, gdp: 100, defence_share: 0.05}\n"
                       "allies: [{code: A, gdp: 50, defence_share: 0.02, discount: 0.5}]\n";
    ent_scenario *s = load(yaml, &d);
    assert_non_null(s);
    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE);
    ent_run_exec(run, 1, 0, 0);
    double u = ent_run_trace_row(run, 1, 1)[6];
    assert_double_equal(ent_run_agent_value(run, 1, "cum_payoff"), u * (1 - pow(0.5, 7)) / (1 - 0.5), 1e-12);
    double up = ent_run_trace_row(run, 1, 0)[6];
    assert_double_equal(ent_run_agent_value(run, 0, "cum_payoff"), up * (1 - pow(0.9, 7)) / (1 - 0.9), 1e-12);
    ent_run_free(run);
    ent_scenario_free(s);
}

static void test_random_end_geometric(void **state)
{
    (void)state;
    ent_diags d;
    const char *yaml = "name: end\nrounds: 1000\ndiscount: 0.8\nrandom_end: true\n"
                       "stages: [burden_sharing]\n"
                       "patron: {code: P, gdp: 100, defence_share: 0.05}\n"
                       "allies: [{code: A, gdp: 50, defence_share: 0.02}]\n";
    ent_scenario *s = load(yaml, &d);
    ent_run *run = ent_run_alloc(s, 0);
    enum { R = 4000 };
    double sum = 0.0;
    for (int k = 0; k < R; k++) {
        ent_run_exec(run, 3, 0, (uint64_t)k);
        sum += ent_run_rounds_played(run);
    }
    /* rounds played ~ geometric with mean 1/(1-delta) = 5, sd sqrt(delta)/(1-delta) */
    double sd = sqrt(0.8) / 0.2;
    assert_double_equal(sum / R, 5.0, 5.0 * sd / sqrt((double)R));
    ent_run_free(run);
    ent_scenario_free(s);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stream_is_a_function_of_its_triple),
        cmocka_unit_test(test_streams_differ),
        cmocka_unit_test(test_no_hidden_state),
        cmocka_unit_test(test_uniform_moments),
        cmocka_unit_test(test_loader_reads_everything),
        cmocka_unit_test(test_parameter_paths),
        cmocka_unit_test(test_malformed_paths),
        cmocka_unit_test(test_strategy_choice_paths),
        cmocka_unit_test(test_set_many_strategies_first),
        cmocka_unit_test(test_document_limits),
        cmocka_unit_test(test_clone_is_deep),
        cmocka_unit_test(test_errors_carry_positions),
        cmocka_unit_test(test_error_cap),
        cmocka_unit_test(test_suggestions),
        cmocka_unit_test(test_diag_escape),
        cmocka_unit_test(test_number_syntax),
        cmocka_unit_test(test_run_reproducible_and_reusable),
        cmocka_unit_test(test_runs_on_threads_match_serial),
        cmocka_unit_test(test_stage_payoff_split_kept_for_the_last_round),
        cmocka_unit_test(test_discounting),
        cmocka_unit_test(test_random_end_geometric),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
