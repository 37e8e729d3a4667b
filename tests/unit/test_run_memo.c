/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_run_memo.c: a sweep's runs that take an earlier run's outcomes
** (sim/run_memo.h). The stream's word count it relies on; the coins of a
** run's start; and, over shipped scenarios made deterministic or left
** random, that reusing runs gives the bytes of playing every run, on 1 and
** 2 threads, and reuses exactly the runs that repeat one before them.
*/
#include "ent_test.h"
#include <unistd.h>
#include <gsl/gsl_randist.h>
#include "entente/rng.h"
#include "entente/sweep.h"
#include "sim/run_memo.h"

static void test_words_count_draws(void **state)
{
    (void)state;
    gsl_rng *r = ent_rng_alloc();
    assert_non_null(r);
    for (uint64_t rep = 0; rep < 3; rep++) {
        ent_rng_stream(r, 7, 3, rep);
        assert_int_equal(ent_rng_words(r), 0);
        /* across several refills of four words */
        for (uint64_t k = 1; k <= 11; k++) {
            (void)gsl_rng_uniform(r);
            assert_int_equal(ent_rng_words(r), k);
        }
        (void)gsl_rng_get(r);
        assert_int_equal(ent_rng_words(r), 12);
        uint64_t w = ent_rng_words(r);
        (void)gsl_ran_gaussian(r, 1.0);
        assert_true(ent_rng_words(r) > w);
    }
    gsl_rng_set(r, 5);
    assert_int_equal(ent_rng_words(r), 0);
    gsl_rng_free(r);
    gsl_rng *mt = gsl_rng_alloc(gsl_rng_mt19937);
    assert_int_equal(ent_rng_words(mt), UINT64_MAX);
    gsl_rng_free(mt);
}

#define SECONDARY "scenarios/secondary_allies.yaml"

static void set_param(ent_scenario *s, const char *path, double v)
{
    const ent_param_desc *d;
    double *slot = ent_i_scenario_param(s, path, &d);
    if (!slot)
        fail_msg("no parameter %s", path);
    *slot = v;
}

static void test_coins_are_noted(void **state)
{
    (void)state;
    ent_scenario *s = ent_test_load_file(SECONDARY);
    ent_run *run = ent_run_alloc(s, 0);
    assert_non_null(run);
    ent_i_run_start(run, 1, 0, 0);
    /* exit_leverage draws the patron's type, the start's only draw */
    assert_int_equal(run->n_coins, 1);
    assert_int_equal(ent_rng_words(run->rng), 1);
    /* the bits are the results, in order; past 64 only counted */
    run->coins = 0;
    run->n_coins = 0;
    int want[70];
    for (int j = 0; j < 70; j++) {
        double q = j % 3 == 0 ? 1.0 : j % 3 == 1 ? 0.0 : 0.5;
        want[j] = ent_i_run_coin(run, q);
        if (q == 1.0)
            assert_int_equal(want[j], 1);
        if (q == 0.0)
            assert_int_equal(want[j], 0);
    }
    assert_int_equal(run->n_coins, 70);
    for (int j = 0; j < 64; j++)
        assert_int_equal((int)((run->coins >> j) & 1), want[j]);
    for (int j = 0; j < ENT_I_RUN_COINS_NOTED; j++)
        assert_true(run->coin_q[j] == (j % 3 == 0 ? 1.0 : j % 3 == 1 ? 0.0 : 0.5));
    assert_int_equal(ent_rng_words(run->rng), 71);
    ent_run_free(run);
    ent_scenario_free(s);
}

/* A start of k coins of probabilities q on run (seed 9, point, replicate)
** as a stage would draw them, then `extra` other words: its coins' results. */
static uint64_t start(ent_run *run, uint64_t point, uint64_t rep, const double *q, unsigned k, unsigned extra)
{
    ent_rng_stream(run->rng, 9, point, rep);
    run->coins = 0;
    run->n_coins = 0;
    for (unsigned j = 0; j < k; j++)
        (void)ent_i_run_coin(run, q[j]);
    for (unsigned j = 0; j < extra; j++)
        (void)gsl_rng_get(run->rng);
    return run->coins;
}

/* The memo alone, against its definition: a run is found before it starts
** exactly when an earlier run of its point kept had its coins' results
** (drawn here from the run's own stream, independently of the memo), and it
** gets that run's outcomes; a run that drew another word is never kept. */
static void test_find_is_the_coins(void **state)
{
    (void)state;
    ent_scenario *s = ent_test_load_file(SECONDARY);
    ent_run *run = ent_run_alloc(s, 0);
    assert_non_null(run);
    /* up to 2^3 kinds of start: as many as a point keeps */
    const double q[3] = { 0.3, 0.5, 0.9 };
    for (unsigned k = 0; k <= 3; k++)
        for (unsigned extra = 0; extra <= 1; extra++) {
            ent_i_run_memo *m = ent_i_run_memo_alloc(2);
            assert_non_null(m);
            uint64_t seen[16], stamps[16], last_stamp = 0;
            unsigned n_seen = 0, found = 0;
            for (uint64_t point = 0; point < 3; point++) {
                n_seen = 0;     /* a new point forgets the last one's */
                for (uint64_t rep = 0; rep < 150; rep++) {
                    uint64_t bits = start(run, point, rep, q, k, 0);
                    int known = -1;
                    for (unsigned j = 0; j < n_seen; j++)
                        if (seen[j] == bits)
                            known = (int)j;
                    int rounds = -1;
                    uint64_t stamp = 0;
                    const double *o = ent_i_run_memo_find(m, run, 9, point, rep, &rounds, &stamp);
                    assert_int_equal(o != NULL, known >= 0);
                    if (o) {
                        found++;
                        assert_true(o[0] == (double)bits && o[1] == (double)point);
                        assert_int_equal(rounds, (int)(bits + 3));
                        assert_int_equal(stamp, stamps[known]);
                        continue;
                    }
                    (void)start(run, point, rep, q, k, extra);
                    run->rounds_played = (int)(bits + 3);
                    const double out[2] = { (double)bits, (double)point };
                    uint64_t kept = ent_i_run_memo_keep(m, run, point, out);
                    if (extra) {
                        assert_int_equal(kept, 0);
                    } else {
                        /* never a stamp given before */
                        assert_true(kept > last_stamp);
                        last_stamp = kept;
                        stamps[n_seen] = kept;
                        seen[n_seen++] = bits;
                    }
                }
            }
            if (extra)
                assert_int_equal(found, 0);
            else
                assert_true(found >= 3 * (150 - (1u << k)));
            ent_i_run_memo_free(m);
        }
    ent_run_free(run);
    ent_scenario_free(s);
}

/* Runs of runs.csv in dir that differ from every run before them of their
** point in the run outcome `col` (as text): how many a memo keyed on it
** must play, on one thread. */
static uint64_t kinds(const char *dir, const char *col)
{
    size_t len;
    char *t = ent_test_slurp(dir, "runs.csv", &len);
    assert_non_null(t);
    char *save = NULL, *line = strtok_r(t, "\n", &save);
    int at = -1, c = 0;
    for (char *f = line; f; c++) {
        char *comma = strchr(f, ',');
        size_t n = comma ? (size_t)(comma - f) : strlen(f);
        if (n == strlen(col) && !strncmp(f, col, n))
            at = c;
        f = comma ? comma + 1 : NULL;
    }
    assert_true(at >= 0);
    uint64_t distinct = 0;
    long last_point = -1;
    char seen[8][32];
    int n_seen = 0;
    while ((line = strtok_r(NULL, "\n", &save))) {
        long point = strtol(line, NULL, 10);
        char *f = line;
        for (int k = 0; k < at; k++)
            f = strchr(f, ',') + 1;
        char v[32];
        size_t n = strcspn(f, ",");
        assert_true(n < sizeof v);
        memcpy(v, f, n);
        v[n] = 0;
        if (point != last_point)
            n_seen = 0;
        last_point = point;
        int known = 0;
        for (int k = 0; k < n_seen; k++)
            known |= !strcmp(seen[k], v);
        if (!known) {
            assert_true(n_seen < 8);
            strcpy(seen[n_seen++], v);
            distinct++;
        }
    }
    free(t);
    return distinct;
}

static void sweep_into(const ent_scenario *s, const ent_sweep_spec *sp, const char *dir, unsigned threads,
                       bool every, ent_sweep_result *res)
{
    ent_sweep_options o = { .threads = threads, .out_dir = dir, .play_every_run = every, .block_runs = 37 };
    char err[512] = "";
    memset(res, 0, sizeof *res);
    if (ent_sweep_run(s, sp, &o, res, err, sizeof err) != ENT_SWEEP_OK)
        fail_msg("sweep into %s: %s", dir, err);
}

typedef enum { DETERMINISTIC, COST_NOISE, RANDOM_END } variant;

/* The sweep of one variant with and without reuse, 1 and 2 threads: the
** same bytes; returns the runs reused on one thread (and checks that
** playing every run reuses none). */
static uint64_t reuse_is_exact(variant v, const char *base, uint64_t *must_play)
{
    ent_scenario *s = ent_test_load_file(SECONDARY);
    set_param(s, "stages.exit_leverage.cost_noise", v == COST_NOISE ? 1.5 : 0.0);
    if (v == RANDOM_END) {
        s->random_end = true;
        s->discount = 0.9;
    }
    /* a prior that mixes the types, and points that move the share of
    ** transactional patrons and a threat */
    ent_sweep_spec *sp = ent_test_sweep_spec(s, "sweep:\n  design: lhs\n  points: 9\n  replicates: 23\n  parameters:\n"
                                 "    patron.transactional_prob: {distribution: uniform, min: 0.2, max: 0.8}\n"
                                 "    allies.PHL.threat: {distribution: uniform, min: 0.3, max: 0.9}\n");
    char every[600], one[600], two[600];
    snprintf(every, sizeof every, "%s/every%d", base, (int)v);
    snprintf(one, sizeof one, "%s/one%d", base, (int)v);
    snprintf(two, sizeof two, "%s/two%d", base, (int)v);
    ent_sweep_result re, r1, r2;
    sweep_into(s, sp, every, 2, true, &re);
    sweep_into(s, sp, one, 1, false, &r1);
    sweep_into(s, sp, two, 2, false, &r2);
    const char *files[] = { "runs.csv", "summary.csv", "manifest.json" };
    for (int f = 0; f < 3; f++) {
        ent_test_assert_same_file(every, one, files[f]);
        ent_test_assert_same_file(every, two, files[f]);
    }
    assert_int_equal(re.runs_reused, 0);
    assert_int_equal(r1.agent_rounds, re.agent_rounds);
    assert_int_equal(r2.agent_rounds, re.agent_rounds);
    /* a thread plays each kind of a point once, at most: two threads
    ** together play at least as many as one */
    assert_true(r2.runs_reused <= r1.runs_reused);
    if (v == DETERMINISTIC)
        assert_true(r2.runs_reused > 0);
    *must_play = kinds(every, "patron_type");
    ent_sweep_spec_free(sp);
    ent_scenario_free(s);
    return r1.runs_reused;
}

static void test_reuse_is_exact(void **state)
{
    (void)state;
    char base[] = "/tmp/entente-test-memo-XXXXXX";
    assert_non_null(mkdtemp(base));
    uint64_t kinds_det, kinds_noise, kinds_end;
    /* without cost noise a run is its point and the patron's type: each
    ** point plays each type once and reuses it after */
    uint64_t det = reuse_is_exact(DETERMINISTIC, base, &kinds_det);
    assert_true(kinds_det > 9);        /* both types came up */
    assert_int_equal(det, 9 * 23 - kinds_det);
    /* cost noise is drawn at the start beside the coin, random ends in the
    ** rounds: every run differs, none may be reused */
    assert_int_equal(reuse_is_exact(COST_NOISE, base, &kinds_noise), 0);
    assert_int_equal(reuse_is_exact(RANDOM_END, base, &kinds_end), 0);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
    assert_int_equal(system(cmd), 0);
}

/* The secondary allies without cost noise (a run is its point and the
** patron's type, so runs are reused), and an LHS sweep of points x
** replicates over the prior on the patron's type. */
static ent_sweep_spec *mixed_types_sweep(ent_scenario **s, int points, int replicates)
{
    *s = ent_test_load_file(SECONDARY);
    set_param(*s, "stages.exit_leverage.cost_noise", 0.0);
    char text[300];
    snprintf(text, sizeof text, "sweep:\n  design: lhs\n  points: %d\n  replicates: %d\n  parameters:\n"
             "    patron.transactional_prob: {distribution: uniform, min: 0.2, max: 0.8}\n", points, replicates);
    return ent_test_sweep_spec(*s, text);
}

/* A sweep whose runs are reused, stopped and resumed with other thread
** counts and block sizes (the point in progress replayed for its summary),
** gives the files of one uninterrupted sweep that played every run. */
static void test_resumed_reuse_is_whole(void **state)
{
    (void)state;
    ent_scenario *s;
    ent_sweep_spec *sp = mixed_types_sweep(&s, 7, 13);
    char base[] = "/tmp/entente-test-memo-XXXXXX";
    assert_non_null(mkdtemp(base));
    char whole[600], part[600];
    snprintf(whole, sizeof whole, "%s/whole", base);
    snprintf(part, sizeof part, "%s/part", base);
    ent_sweep_result r;
    sweep_into(s, sp, whole, 2, true, &r);
    char err[512] = "";
    volatile sig_atomic_t stop = 1;
    const unsigned threads[3] = { 2, 1, 2 };
    const uint64_t blocks[3] = { 10, 17, 0 };
    uint64_t reused = 0;
    for (int step = 0; step < 3; step++) {
        if (step == 2)
            stop = 0;
        ent_sweep_options o = { .threads = threads[step], .out_dir = part, .resume = step > 0, .stop = &stop,
                                .block_runs = blocks[step] };
        memset(&r, 0, sizeof r);
        int rc = ent_sweep_run(s, sp, &o, &r, err, sizeof err);
        if (rc != (step < 2 ? ENT_SWEEP_EINTR : ENT_SWEEP_OK))
            fail_msg("step %d: status %d: %s", step, rc, err);
        reused += r.runs_reused;
    }
    assert_true(reused > 0);
    const char *files[] = { "runs.csv", "summary.csv", "manifest.json" };
    for (int f = 0; f < 3; f++)
        ent_test_assert_same_file(whole, part, files[f]);
    ent_sweep_spec_free(sp);
    ent_scenario_free(s);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
    assert_int_equal(system(cmd), 0);
}

/* Points of many replicates (the threads share the summary by outcomes):
** a point whole in a block whose runs are a few kinds is summarised from
** its kinds (by the memo's stamps, or compared bit for bit when every run
** is played), a point across blocks from its runs fed in order; either
** way, and after a stop inside a point (its runs replayed for the
** summary), the same files. */
static void test_many_replicates_kinds(void **state)
{
    (void)state;
    ent_scenario *s;
    ent_sweep_spec *sp = mixed_types_sweep(&s, 4, 300);
    char base[] = "/tmp/entente-test-memo-XXXXXX";
    assert_non_null(mkdtemp(base));
    /* blocks of 256 runs: no point whole in one; of 600: two in each */
    struct { const char *name; uint64_t block; bool every; unsigned threads; } way[] = {
        { "fed", 256, false, 2 }, { "kinds", 600, false, 2 }, { "kinds1", 600, false, 1 }, { "bits", 600, true, 2 },
    };
    char dir[4][600];
    for (int w = 0; w < 4; w++) {
        snprintf(dir[w], sizeof dir[w], "%s/%s", base, way[w].name);
        ent_sweep_options o = { .threads = way[w].threads, .out_dir = dir[w], .play_every_run = way[w].every,
                                .block_runs = way[w].block };
        ent_sweep_result r;
        char err[512] = "";
        if (ent_sweep_run(s, sp, &o, &r, err, sizeof err) != ENT_SWEEP_OK)
            fail_msg("%s: %s", way[w].name, err);
        assert_true(r.exact_quantiles);
        if (!way[w].every)
            assert_true(r.runs_reused > 4 * 300 / 2);
    }
    /* stopped after 256 runs, resumed in blocks of 600: point 0 replayed */
    char part[600];
    snprintf(part, sizeof part, "%s/part", base);
    volatile sig_atomic_t stop = 1;
    for (int step = 0; step < 2; step++) {
        if (step == 1)
            stop = 0;
        ent_sweep_options o = { .threads = 2, .out_dir = part, .resume = step > 0, .stop = &stop,
                                .block_runs = step ? 600 : 256 };
        ent_sweep_result r;
        char err[512] = "";
        int rc = ent_sweep_run(s, sp, &o, &r, err, sizeof err);
        if (rc != (step == 0 ? ENT_SWEEP_EINTR : ENT_SWEEP_OK))
            fail_msg("step %d: status %d: %s", step, rc, err);
    }
    const char *files[] = { "runs.csv", "summary.csv", "manifest.json" };
    for (int f = 0; f < 3; f++) {
        for (int w = 1; w < 4; w++)
            ent_test_assert_same_file(dir[0], dir[w], files[f]);
        ent_test_assert_same_file(dir[0], part, files[f]);
    }
    ent_sweep_spec_free(sp);
    ent_scenario_free(s);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_count_draws),
        cmocka_unit_test(test_coins_are_noted),
        cmocka_unit_test(test_find_is_the_coins),
        cmocka_unit_test(test_reuse_is_exact),
        cmocka_unit_test(test_resumed_reuse_is_whole),
        cmocka_unit_test(test_many_replicates_kinds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
