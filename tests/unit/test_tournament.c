/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_tournament.c: round robins checked against hand computations,
** results identical for any thread count, and the game-file loader's
** FILE:LINE:COL errors.
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <gsl/gsl_errno.h>
#include "entente/game_tournament.h"

static ent_classic *load(const char *text, ent_diags *d)
{
    ent_diags_init(d, "t.yaml");
    return ent_classic_load_buffer("t.yaml", text, strlen(text), d);
}

static int run(const ent_classic *c, int threads, ent_tournament_result *res)
{
    ent_tournament_spec spec = {
        .game = &c->game, .players = c->players, .n = c->n_players,
        .match = { c->turns, c->noise, c->prob_end }, .repetitions = c->repetitions,
        .seed = c->seed, .threads = threads,
    };
    return ent_tournament_run(&spec, res);
}

/* Cooperator, Defector, TFT, 200 turns. Per-turn payoffs by hand:
** C-C 3, C-D 0/5, C-TFT 3, D-D 1, D-TFT 204/200 and TFT-D 199/200, TFT-TFT 3.
** Scores without self-play: C (0 + 3)/2 = 1.5, D (5 + 1.02)/2 = 3.01,
** TFT (3 + 0.995)/2 = 1.9975. Wins per repetition: D beats C and TFT.
** Cooperation: C 1, D 0, TFT (200 + 1)/400. */
static void test_three_classics(void **state)
{
    (void)state;
    ent_diags d;
    ent_classic *c = load("name: t\ngame: prisoners_dilemma\nplayers: [Cooperator, Defector, TitForTat]\n"
                          "turns: 200\nrepetitions: 3\n", &d);
    assert_non_null(c);
    ent_tournament_result res;
    assert_int_equal(run(c, 1, &res), 0);
    assert_int_equal(res.n_matches, 6 * 3);
    const double *P = res.payoff;
    assert_float_equal(P[0 * 3 + 0], 3, 1e-12);
    assert_float_equal(P[0 * 3 + 1], 0, 1e-12);
    assert_float_equal(P[1 * 3 + 0], 5, 1e-12);
    assert_float_equal(P[1 * 3 + 1], 1, 1e-12);
    assert_float_equal(P[1 * 3 + 2], 1.02, 1e-12);
    assert_float_equal(P[2 * 3 + 1], 0.995, 1e-12);
    assert_float_equal(P[2 * 3 + 2], 3, 1e-12);
    assert_float_equal(res.score[0], 1.5, 1e-12);
    assert_float_equal(res.score[1], 3.01, 1e-12);
    assert_float_equal(res.score[2], 1.9975, 1e-12);
    assert_int_equal(res.order[0], 1);
    assert_int_equal(res.order[1], 2);
    assert_int_equal(res.order[2], 0);
    assert_float_equal(res.wins[1], 6, 0);
    assert_float_equal(res.wins[0], 0, 0);
    assert_float_equal(res.wins[2], 0, 0);
    assert_float_equal(res.coop[0], 1, 0);
    assert_float_equal(res.coop[1], 0, 0);
    assert_float_equal(res.coop[2], 201.0 / 400, 1e-12);
    assert_int_equal(res.total_turns, 18 * 200);
    ent_tournament_result_free(&res);
    ent_classic_free(c);
}

/* Stochastic strategies, noise and a probabilistic end: every match result
** is the same with 1, 2 and 3 threads. */
static void test_thread_invariance(void **state)
{
    (void)state;
    ent_diags d;
    ent_classic *c = load("name: t\ngame: prisoners_dilemma\n"
                          "players: [Random, Joss, GenerousTitForTat, RothErev, Grofman, Feld, TitForTat,"
                          " Calculator, ZDExtort2, Tullock]\n"
                          "turns: 300\nrepetitions: 4\nnoise: 0.05\nprob_end: 0.01\nseed: 42\n", &d);
    assert_non_null(c);
    ent_tournament_result r1, r2, r3;
    assert_int_equal(run(c, 1, &r1), 0);
    assert_int_equal(run(c, 2, &r2), 0);
    assert_int_equal(run(c, 3, &r3), 0);
    assert_memory_equal(r1.matches, r2.matches, r1.n_matches * sizeof *r1.matches);
    assert_memory_equal(r1.matches, r3.matches, r1.n_matches * sizeof *r1.matches);
    assert_memory_equal(r1.payoff, r3.payoff, 100 * sizeof(double));
    assert_memory_equal(r1.score, r2.score, 10 * sizeof(double));
    /* lengths vary with prob_end and stay under the cap */
    int differ = 0;
    for (size_t k = 0; k < r1.n_matches; k++) {
        assert_true(r1.matches[k].turns >= 1 && r1.matches[k].turns <= 300);
        differ |= r1.matches[k].turns != r1.matches[0].turns;
    }
    assert_true(differ);
    /* another seed gives other results */
    c->seed = 43;
    ent_tournament_result r4;
    assert_int_equal(run(c, 2, &r4), 0);
    assert_true(memcmp(r1.matches, r4.matches, r1.n_matches * sizeof *r1.matches) != 0);
    ent_tournament_result_free(&r1);
    ent_tournament_result_free(&r2);
    ent_tournament_result_free(&r3);
    ent_tournament_result_free(&r4);
    ent_classic_free(c);
}

static void test_file_fields(void **state)
{
    (void)state;
    ent_diags d;
    ent_classic *c = load("name: x\ngame:\n  preset: chicken\n  R: 2\n  actions: [yield, threaten]\n"
                          "players:\n  - TitForTat\n  - {name: Random, p: 0.3}\n"
                          "  - {name: Random, p: 0.7, label: Hawkish}\n"
                          "noise: 0.1\nmoran: {population: 8}\n", &d);
    assert_non_null(c);
    assert_float_equal(c->game.a[0], 2, 0);     /* R overridden */
    assert_float_equal(c->game.a[2], 4, 0);     /* T from the preset */
    assert_string_equal(c->game.row_labels[1], "threaten");
    assert_string_equal(c->players[1].label, "Random(p=0.3)");
    assert_string_equal(c->players[2].label, "Hawkish");
    assert_float_equal(c->players[2].p[0], 0.7, 0);
    assert_int_equal(c->turns, 200);
    assert_int_equal(c->repetitions, 10);
    assert_int_equal(c->moran_population, 8);
    assert_int_equal(c->moran_trials, 1000);
    ent_classic_free(c);
    /* an explicit 3x3 game without players is a file for `solve` */
    c = load("name: y\ngame:\n  row_actions: [a, b, c]\n  col_actions: [x, y, z]\n  payoffs:\n"
             "    - [[1, 0], [0, 1], [2, 2]]\n    - [[0, 3], [1, 1], [0, 0]]\n"
             "    - [[4, 4], [0, 0], [1, 5]]\n", &d);
    assert_non_null(c);
    assert_int_equal(c->game.m, 3);
    assert_float_equal(c->game.b[2 * 3 + 2], 5, 0);
    assert_string_equal(c->game.col_labels[2], "z");
    ent_classic_free(c);
}

static void expect_error(const char *text, unsigned line, unsigned col, const char *fragment)
{
    ent_diags d;
    ent_classic *c = load(text, &d);
    assert_null(c);
    assert_true(d.n >= 1);
    int hit = 0;
    for (size_t i = 0; i < d.n; i++)
        if (d.items[i].line == line && d.items[i].col == col && strstr(d.items[i].msg, fragment))
            hit = 1;
    if (!hit)
        for (size_t i = 0; i < d.n; i++)
            print_error("%u:%u: %s\n", d.items[i].line, d.items[i].col, d.items[i].msg);
    assert_true(hit);
}

static void test_file_errors(void **state)
{
    (void)state;
    expect_error("name: t\ngame: prisoners_dilema\n", 2, 7, "did you mean 'prisoners_dilemma'");
    expect_error("name: t\ngame: chicken\nplayers: [TitForTat, TitForTwoTats]\n", 3, 22,
                 "did you mean 'TitFor2Tats'");
    expect_error("name: t\ngame: chicken\nplayers: [TitForTat, {name: Random, p: 1.5}]\n", 3, 40,
                 "between 0 and 1");
    expect_error("name: t\ngame: chicken\nturns: 0\n", 3, 8, "between 1 and");
    expect_error("name: t\ngame: chicken\nnoyse: 0.1\n", 3, 1, "did you mean 'noise'");
    expect_error("name: t\ngame: chicken\nplayers: [TitForTat, TitForTat]\n", 3, 22, "appears twice");
    expect_error("name: t\ngame: battle_of_the_sexes\nplayers: [TitForTat, Defector]\n", 3, 10,
                 "symmetric 2x2");
    expect_error("name: t\ngame:\n  payoffs:\n    - [[1, 1], [0, 0]]\n    - [[0, 0]]\n", 5, 7,
                 "has 1 cells");
    expect_error("name: t\ngame:\n  preset: matching_pennies\n  R: 2\n", 4, 6, "symmetric 2x2 presets");
    expect_error("name: t\ngame: [1, 2\n", 3, 1, "YAML syntax error");
    expect_error("name: t\nplayers: [TitForTat]\n", 1, 1, "missing required key 'game'");
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_three_classics),
        cmocka_unit_test(test_thread_invariance),
        cmocka_unit_test(test_file_fields),
        cmocka_unit_test(test_file_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
