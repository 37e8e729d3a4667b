/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** ent_test.h: helpers for the cmocka unit tests (cmocka 1.1 compares floats
** only in single precision, so doubles get their own assertion here).
*/
#ifndef ENT_TEST_H
#define ENT_TEST_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "entente/diag.h"
#include "entente/api.h"
#include "entente/run.h"
#include "entente/scenario.h"
#include "entente/stage.h"
#include "entente/sweep.h"
#include "scenario/scenario_int.h"   /* the tests read and build scenarios inside */
#include "sim/run_int.h"                /* and compare runs' outcome vectors */

/* |a - b| <= tol, printing both values on failure. */
#define assert_double_equal(a, b, tol) \
    ent_assert_close((double)(a), (double)(b), (double)(tol), #a, #b, __FILE__, __LINE__)

static inline void ent_assert_close(double a, double b, double tol, const char *ea, const char *eb,
                                    const char *file, int line)
{
    if (!(fabs(a - b) <= tol) && !(a == b)) {
        print_error("%s = %.17g, %s = %.17g, |diff| = %.3g > %.3g\n", ea, a, eb, b, fabs(a - b), tol);
        _fail(file, line);
    }
}

/* A scenario from YAML text, its errors printed if it does not load. */
static inline ent_scenario *ent_test_load(const char *yaml)
{
    ent_diags d;
    ent_diags_init(&d, "t.yaml");
    ent_scenario *s = ent_scenario_load_buffer("t.yaml", yaml, strlen(yaml), &d);
    if (!s)
        ent_diags_print(&d, stderr);
    assert_non_null(s);
    return s;
}

/* The scenario file at path, its errors printed if it does not load. */
static inline ent_scenario *ent_test_load_file(const char *path)
{
    ent_diags d;
    ent_diags_init(&d, path);
    ent_scenario *s = ent_scenario_load(path, &d);
    if (!s)
        ent_diags_print(&d, stderr);
    assert_non_null(s);
    return s;
}

/* The sweep section `text` over s, read and checked (its errors printed). */
static inline ent_sweep_spec *ent_test_sweep_spec(const ent_scenario *s, const char *text)
{
    ent_diags d;
    ent_diags_init(&d, "t.yaml");
    ent_sweep_spec *sp = ent_sweep_parse("t.yaml", text, strlen(text), s, &d);
    ent_diags_print(&d, stderr);
    assert_non_null(sp);
    assert_int_equal(ent_sweep_check(sp, &d), 0);
    return sp;
}

/* The agent parameters of the registry (whichever a test binary links) are
** sound: every name declared once, by the core or one stage; every stage's
** table in the composed one, at its slots; and every entry a path of s (a
** scenario with a patron and an ally) for the roles it is declared for. */
static inline void ent_test_path_seen(void *ctx, const char *path)
{
    char **want = ctx;
    for (size_t i = 0; want[i]; i++)
        if (want[i][0] && !strcmp(want[i], path))
            want[i][0] = '\0';         /* found: blank it */
}

static inline void ent_test_agent_params_sound(const ent_scenario *s)
{
    ent_agent_param ap[ENT_MAX_AGENT_FIELDS + 1];
    size_t n = ent_agent_params(ap, ENT_MAX_AGENT_FIELDS + 1);
    assert_true(n <= ENT_MAX_AGENT_FIELDS);
    for (size_t i = 0; i < n; i++) {
        assert_true(ap[i].desc->flags & (ENT_F_ALLY | ENT_F_PATRON));
        for (size_t j = 0; j < i; j++) {
            if (!strcmp(ap[i].desc->name, ap[j].desc->name))
                print_error("agent parameter '%s' is declared by %s and by %s\n", ap[i].desc->name,
                            ap[j].stage ? ap[j].stage->name : "the core",
                            ap[i].stage ? ap[i].stage->name : "the core");
            assert_string_not_equal(ap[i].desc->name, ap[j].desc->name);
            assert_true(ap[i].slot < 0 || ap[i].slot != ap[j].slot);
        }
        ent_agent_param found;
        assert_int_equal(ent_agent_param_find(ap[i].desc->name, &found), 0);
        assert_ptr_equal(found.desc, ap[i].desc);
    }
    /* every stage's own table, each entry at base + its index */
    size_t n_stage = 0;
    for (size_t st = 0; ent_stage_types[st]; st++) {
        const ent_stage_type *t = ent_stage_types[st];
        int base = ent_agent_param_base(t);
        assert_true(base >= 0);
        for (size_t k = 0; k < t->n_agent_params; k++, n_stage++) {
            int slot = ent_agent_param_slot(t->agent_params[k].name);
            assert_int_equal(slot, base + (int)k);
            assert_true(slot < ENT_MAX_AGENT_PARAMS);
            assert_int_equal(t->agent_params[k].offset, k);
        }
    }
    size_t n_core = 0;
    for (size_t i = 0; i < n; i++)
        n_core += ap[i].stage == NULL;
    assert_int_equal(n, n_core + n_stage);
    /* each a parameter path of s */
    char names[2 * ENT_MAX_AGENT_FIELDS][ENT_PARAM_PATH_MAX + 1];
    char *want[2 * ENT_MAX_AGENT_FIELDS + 1];
    size_t nw = 0;
    for (size_t i = 0; i < n; i++) {
        if (ap[i].desc->flags & ENT_F_PATRON)
            snprintf(names[nw], sizeof names[nw], "patron.%s", ap[i].desc->name), nw++;
        if (ap[i].desc->flags & ENT_F_ALLY)
            snprintf(names[nw], sizeof names[nw], "allies.%s.%s", s->agents[1].code, ap[i].desc->name), nw++;
    }
    for (size_t i = 0; i < nw; i++)
        want[i] = names[i];
    want[nw] = NULL;
    ent_scenario_param_paths(s, ent_test_path_seen, want);
    for (size_t i = 0; i < nw; i++) {
        if (want[i][0])
            print_error("'%s' is not among the scenario's paths\n", want[i]);
        assert_string_equal(want[i], "");
    }
}

/* Runs of s and g (the same scenario, g with some strategies routed another
** way) give every trace value bit for bit, seeds 1..seeds; a difference
** fails naming `what`, the seed, round, agent and column. */
static inline void ent_test_same_traces(const ent_scenario *s, const ent_scenario *g, uint64_t seeds,
                                        const char *what)
{
    ent_run *rs = ent_run_alloc(s, ENT_RUN_TRACE), *rg = ent_run_alloc(g, ENT_RUN_TRACE);
    assert_non_null(rs);
    assert_non_null(rg);
    const ent_column *cols[256];
    size_t nc = ent_run_trace_columns(rs, cols, 256);
    for (uint64_t seed = 1; seed <= seeds; seed++) {
        ent_run_exec(rs, seed, 0, 0);
        ent_run_exec(rg, seed, 0, 0);
        assert_int_equal(ent_run_rounds_played(rs), ent_run_rounds_played(rg));
        for (int t = 1; t <= ent_run_rounds_played(rs); t++)
            for (size_t i = 0; i < ent_run_agents(rs); i++) {
                const double *a = ent_run_trace_row(rs, t, i), *b = ent_run_trace_row(rg, t, i);
                for (size_t c = 0; c < nc; c++)
                    if (memcmp(&a[c], &b[c], sizeof a[c]))
                        fail_msg("%s: seed %d round %d agent %zu %s: %a, the other way %a", what, (int)seed, t,
                                 i, cols[c]->name, a[c], b[c]);
            }
    }
    ent_run_free(rs);
    ent_run_free(rg);
}

/* One run object serving many runs, as a sweep's does (what its stages keep
** from run to run: memos, records of earlier runs), gives the trace and the
** outcomes of a run object made for each run, bit for bit. Before run k
** every path paths[j] is set to one of its n_values values values[j][.]
** (drawn; few values and seeds, so that runs repeat earlier ones in part or
** whole), and vary(s, draw) called if not NULL (for what has no path, such
** as strategy parameters); the seed is drawn from 1..seeds. */
static inline void ent_test_reused_run_same(ent_scenario *s, const char *const *paths,
                                            const char *const (*values)[4], size_t n_paths,
                                            void (*vary)(ent_scenario *s, uint64_t draw), int runs,
                                            uint64_t seeds, const char *what)
{
    ent_run *reused = ent_run_alloc(s, ENT_RUN_TRACE);
    assert_non_null(reused);
    const ent_column *cols[256];
    size_t nc = ent_run_trace_columns(reused, cols, 256);
    uint64_t x = 88172645463325252u;    /* xorshift64: the test's own draws */
    for (int k = 0; k < runs; k++) {
        char why[256];
        for (size_t j = 0; j < n_paths; j++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            if (ent_scenario_set(s, paths[j], values[j][x % 4], why, sizeof why))
                fail_msg("%s: %s", paths[j], why);
        }
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        if (vary)
            vary(s, x >> 8);
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        uint64_t seed = 1 + x % seeds;
        ent_run *fresh = ent_run_alloc(s, ENT_RUN_TRACE);
        assert_non_null(fresh);
        ent_run_exec(reused, seed, 0, 0);
        ent_run_exec(fresh, seed, 0, 0);
        assert_int_equal(ent_run_rounds_played(reused), ent_run_rounds_played(fresh));
        for (int t = 1; t <= ent_run_rounds_played(fresh); t++)
            for (size_t i = 0; i < ent_run_agents(fresh); i++) {
                const double *a = ent_run_trace_row(reused, t, i), *b = ent_run_trace_row(fresh, t, i);
                for (size_t c = 0; c < nc; c++)
                    if (memcmp(&a[c], &b[c], sizeof a[c]))
                        fail_msg("%s: run %d round %d agent %zu %s: %a, a new run object %a", what, k, t, i,
                                 cols[c]->name, a[c], b[c]);
            }
        size_t no = fresh->n_run_out + fresh->n_agent_out * fresh->n;
        double *oa = calloc(no, sizeof *oa), *ob = calloc(no, sizeof *ob);
        assert_non_null(oa);
        assert_non_null(ob);
        ent_i_run_outcome_vector(reused, oa);
        ent_i_run_outcome_vector(fresh, ob);
        for (size_t o = 0; o < no; o++)
            if (memcmp(&oa[o], &ob[o], sizeof oa[o]))
                fail_msg("%s: run %d outcome %zu: %a, a new run object %a", what, k, o, oa[o], ob[o]);
        free(oa);
        free(ob);
        ent_run_free(fresh);
    }
    ent_run_free(reused);
}

/* File dir/name whole, NUL-terminated (its length in *len), or NULL when
** there is none. */
static inline char *ent_test_slurp(const char *dir, const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *b = malloc((size_t)n + 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
    b[n] = 0;
    fclose(f);
    *len = (size_t)n;
    return b;
}

/* a/name and b/name hold the same bytes. */
static inline void ent_test_assert_same_file(const char *a, const char *b, const char *name)
{
    size_t la = 0, lb = 0;
    char *x = ent_test_slurp(a, name, &la), *y = ent_test_slurp(b, name, &lb);
    if (!x || !y)
        fail_msg("%s/%s or %s/%s is missing", a, name, b, name);
    if (la != lb || memcmp(x, y, la))
        fail_msg("%s/%s and %s/%s differ", a, name, b, name);
    free(x);
    free(y);
}

#endif
