/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_matrix_stage.c: the `matrix` stage in alliance runs: move sequences
** and payoffs worked out by hand, agreement with the library's match function,
** noise against closed forms, the patron's separate games, the patron's act,
** the wrapped strategy table, loader errors at FILE:LINE:COL, and the
** stage's own calls of the library moves against the wrappers' decide().
*/
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include "ent_test.h"
#include "sim/run_int.h"
#include "stages/stages_int.h"
#include "entente/entente.h"
#include "entente/game_strategy.h"
#include "entente/matrix.h"
#include "entente/matrix_stage.h"
#include "entente/rng.h"

static int column(const ent_run *run, int which, const char *name)
{
    const ent_column *cols[256];
    size_t nc = which == 0 ? ent_run_trace_columns(run, cols, 256)
              : which == 1 ? ent_run_agent_outcome_columns(run, cols, 256)
                           : ent_run_run_outcome_columns(run, cols, 256);
    for (size_t k = 0; k < nc; k++)
        if (!strcmp(cols[k]->name, name))
            return (int)k;
    fail_msg("no column %s", name);
    return -1;
}

/* A matrix-only scenario: patron strategy, one line per ally strategy. */
static char *scenario(char *buf, size_t cap, int rounds, const char *stage_extra,
                      const char *patron, const char *const *allies, size_t n_allies)
{
    int k = snprintf(buf, cap,
                     "name: m\nrounds: %d\nseed: 11\n"
                     "stages:\n  - {stage: matrix%s}\n"
                     "patron: {code: P, gdp: 1000, defence_share: 0.03, strategies: {matrix: %s}}\n"
                     "allies:\n", rounds, stage_extra, patron);
    for (size_t i = 0; i < n_allies; i++)
        k += snprintf(buf + k, cap - (size_t)k,
                      "  - {code: A%zu, gdp: 100, defence_share: 0.02, strategies: {matrix: %s}}\n",
                      i + 1, allies[i]);
    return buf;
}

/* Compare a run's trace with hand-worked moves ("CDCD..." for each side) and
** game payoffs of one patron-ally pair. */
static void check_pair(const char *patron, const char *ally, double scale, const char *moves_p,
                       const char *moves_a, const double *pay_p, const double *pay_a)
{
    int rounds = (int)strlen(moves_p);
    char buf[2048], extra[64];
    snprintf(extra, sizeof extra, ", payoff_scale: %g", scale);
    ent_scenario *s = ent_test_load(scenario(buf, sizeof buf, rounds, extra, patron, &ally, 1));
    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE);
    ent_run_exec(run, s->seed, 0, 0);
    int ca = column(run, 0, "matrix_action"), cp = column(run, 0, "matrix_patron_action");
    int cy = column(run, 0, "matrix_payoff"), ct = column(run, 0, "payoff");
    double sum_p = 0, sum_a = 0;
    int coop_a = 0;
    for (int t = 1; t <= rounds; t++) {
        const double *rp = ent_run_trace_row(run, t, 0), *ra = ent_run_trace_row(run, t, 1);
        assert_int_equal((int)ra[cp], moves_p[t - 1] == 'C' ? ENT_C : ENT_D);
        assert_int_equal((int)ra[ca], moves_a[t - 1] == 'C' ? ENT_C : ENT_D);
        assert_true(isnan(rp[ca]) && isnan(rp[cp]));
        assert_double_equal(rp[cy], scale * pay_p[t - 1], 1e-12);
        assert_double_equal(ra[cy], scale * pay_a[t - 1], 1e-12);
        assert_double_equal(ra[ct], ra[cy], 0);   /* the only stage: all of the round's payoff */
        sum_p += pay_p[t - 1];
        sum_a += pay_a[t - 1];
        coop_a += moves_a[t - 1] == 'C';
    }
    int oc = column(run, 1, "matrix_coop_rate"), om = column(run, 1, "matrix_mean_payoff");
    const double *o = run->agent_out;
    assert_double_equal(o[run->n_agent_out + oc], (double)coop_a / rounds, 1e-12);
    assert_double_equal(o[run->n_agent_out + om], sum_a / rounds, 1e-12);
    assert_double_equal(o[om], sum_p / rounds, 1e-12);
    ent_run_free(run);
    ent_scenario_free(s);
}

/* Prisoner's Dilemma R=3, S=0, T=5, P=1, worked by hand from the definitions. */
static void test_hand_sequences(void **state)
{
    (void)state;
    /* TitForTat copies the ally's last move; Alternator plays C, D, C, D ... */
    const double tft_p[] = { 3, 0, 5, 0, 5, 0, 5, 0 }, tft_a[] = { 3, 5, 0, 5, 0, 5, 0, 5 };
    check_pair("TitForTat", "Alternator", 0.01, "CCDCDCDC", "CDCDCDCD", tft_p, tft_a);
    /* WinStayLoseShift against Defector: S and P are losses, so it switches every turn */
    const double wsls_p[] = { 0, 1, 0, 1, 0, 1 }, wsls_a[] = { 5, 1, 5, 1, 5, 1 };
    check_pair("WinStayLoseShift", "Defector", 0.5, "CDCDCD", "DDDDDD", wsls_p, wsls_a);
    /* SuspiciousTitForTat (opens D) against TitForTat: they alternate out of phase */
    const double stft_p[] = { 5, 0, 5, 0, 5, 0 }, stft_a[] = { 0, 5, 0, 5, 0, 5 };
    check_pair("SuspiciousTitForTat", "TitForTat", 1.0, "DCDCDC", "CDCDCD", stft_p, stft_a);
    /* Alternator (patron) against Grudger (ally): the grudge starts after the first D */
    const double alt_p[] = { 3, 5, 0, 1, 0, 1, 0 }, alt_a[] = { 3, 0, 5, 1, 5, 1, 5 };
    check_pair("Alternator", "Grudger", 0.01, "CDCDCDC", "CCDDDDD", alt_p, alt_a);
    /* SteinAndRapoport is told the run's length and defects on the last two moves */
    const double sr_p[] = { 3, 3, 3, 3, 3, 3, 3, 3, 5, 5 }, sr_a[] = { 3, 3, 3, 3, 3, 3, 3, 3, 0, 0 };
    check_pair("SteinAndRapoport", "Cooperator", 0.01, "CCCCCCCCDD", "CCCCCCCCCC", sr_p, sr_a);
}

/* With a random end the length is not announced (as in Axelrod's protocol):
** SteinAndRapoport then cooperates with a Cooperator to the end. */
static void test_random_end_hides_length(void **state)
{
    (void)state;
    const char *yaml =
        "name: m\nrounds: 10\nseed: 1\ndiscount: 1.0\nrandom_end: true\n"
        "stages: [matrix]\n"
        "patron: {code: P, gdp: 1000, defence_share: 0.03, strategies: {matrix: SteinAndRapoport}}\n"
        "allies:\n"
        "  - {code: A, gdp: 100, defence_share: 0.02, strategies: {matrix: Cooperator}}\n";
    ent_scenario *s = ent_test_load(yaml);
    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE);
    ent_run_exec(run, 1, 0, 0);
    assert_int_equal(ent_run_rounds_played(run), 10);       /* discount 1: the game never ends early */
    int cp = column(run, 0, "matrix_patron_action");
    for (int t = 1; t <= 10; t++)
        assert_int_equal((int)ent_run_trace_row(run, t, 1)[cp], ENT_C);
    ent_run_free(run);
    ent_scenario_free(s);
}

/* One ally: the stage draws in the order of ent_match_play (moves, then flips),
** so with noise and random strategies it reproduces the library's match on
** the run's stream move for move. */
static void compare_with_match(const char *patron, const char *ally, const char *extra,
                               double noise, int rounds)
{
    char buf[2048], ex[160];
    snprintf(ex, sizeof ex, ", noise: %g%s", noise, extra);
    ent_scenario *s = ent_test_load(scenario(buf, sizeof buf, rounds, ex, patron, &ally, 1));
    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE);
    ent_run_exec(run, 5, 0, 0);

    ent_bimatrix g;
    ent_matrix_from_preset(ent_matrix_preset_find("prisoners_dilemma"), NULL, &g);
    ent_gs_player p1, p2;
    ent_gs_player_init(&p1, ent_gs_find(s->agents[0].strategy[0].type->name));
    ent_gs_player_init(&p2, ent_gs_find(s->agents[1].strategy[0].type->name));
    memcpy(p1.p, s->agents[0].strategy[0].p, sizeof p1.p);
    memcpy(p2.p, s->agents[1].strategy[0].p, sizeof p2.p);
    ent_match_spec spec = { rounds, noise, 0.0 };
    unsigned char h1[512], h2[512];
    gsl_rng *r = ent_rng_alloc();
    ent_rng_stream(r, 5, 0, 0);
    ent_match_result res;
    ent_match_play(&g, &p1, &p2, &spec, h1, h2, r, &res);
    gsl_rng_free(r);

    int ca = column(run, 0, "matrix_action"), cp = column(run, 0, "matrix_patron_action");
    int cy = column(run, 0, "matrix_payoff");
    const ent_stage_type *st = s->stages[0].type;
    double scale = s->stages[0].p[ent_param_find(st->params, st->n_params, "payoff_scale")];
    double sum_p = 0, sum_a = 0;
    for (int t = 1; t <= rounds; t++) {
        const double *ra = ent_run_trace_row(run, t, 1);
        assert_int_equal((int)ra[cp], h1[t - 1]);
        assert_int_equal((int)ra[ca], h2[t - 1]);
        sum_p += ent_run_trace_row(run, t, 0)[cy];
        sum_a += ra[cy];
    }
    assert_double_equal(sum_p, scale * res.score1, 1e-9);
    assert_double_equal(sum_a, scale * res.score2, 1e-9);
    ent_run_free(run);
    ent_scenario_free(s);
}

static void test_agrees_with_match_function(void **state)
{
    (void)state;
    compare_with_match("TitForTat", "Alternator", "", 0.0, 50);
    compare_with_match("Gradual", "CyclerCCD", "", 0.0, 100);
    compare_with_match("TitForTat", "TitForTat", "", 0.05, 300);
    compare_with_match("{name: Random, p: 0.3}", "GenerousTitForTat", "", 0.1, 300);
    compare_with_match("ZDExtort2", "WinStayLoseShift", "", 0.02, 300);
    compare_with_match("SteinAndRapoport", "Prober", "", 0.0, 40);   /* reads the known length */
}

/* Noise e flips each intended move: Cooperators cooperate at rate 1 - e and
** meet in (C, C) at rate (1 - e)^2; Defectors cooperate at rate e. Tolerances
** are 4 binomial standard deviations at a fixed seed. */
static void test_noise_closed_forms(void **state)
{
    (void)state;
    const double e = 0.1;
    const int rounds = 3000;
    const char *coop[] = { "Cooperator", "Cooperator", "Cooperator" };
    const char *defect[] = { "Defector", "Defector", "Defector" };
    for (int which = 0; which < 2; which++) {
        char buf[2048];
        ent_scenario *s = ent_test_load(scenario(buf, sizeof buf, rounds, ", noise: 0.1",
                                        which ? "Defector" : "Cooperator", which ? defect : coop, 3));
        ent_run *run = ent_run_alloc(s, 0);
        ent_run_exec(run, s->seed, 0, 0);
        double rate = which ? e : 1 - e;
        int oc = column(run, 1, "matrix_coop_rate"), rc = column(run, 2, "matrix_coop_rate_all");
        int rm = column(run, 2, "matrix_mutual_coop_rate");
        double sd_ally = sqrt(e * (1 - e) / rounds), sd_all = sqrt(e * (1 - e) / (6.0 * rounds));
        for (size_t i = 1; i < 4; i++)
            assert_double_equal(run->agent_out[i * run->n_agent_out + oc], rate, 4 * sd_ally);
        assert_double_equal(run->agent_out[oc], rate, 4 * sqrt(e * (1 - e) / (3.0 * rounds)));
        assert_double_equal(run->run_out[rc], rate, 4 * sd_all);
        double mutual = rate * rate;
        assert_double_equal(run->run_out[rm], mutual, 4 * sqrt(mutual * (1 - mutual) / (3.0 * rounds)));
        /* a different seed gives different draws, so the noise is really drawn */
        double first = run->run_out[rc];
        ent_run_exec(run, 12, 0, 0);
        assert_true(run->run_out[rc] != first);
        ent_run_free(run);
        ent_scenario_free(s);
    }
}

/* Tit For Tat against itself with noise e: the chain of the last pair of moves
** is doubly stochastic (each side copies the other, then flips), so its
** stationary law is uniform: cooperation 1/2, mutual cooperation 1/4. */
static void test_tft_pair_under_noise(void **state)
{
    (void)state;
    char buf[2048];
    const char *tft[] = { "TitForTat", "TitForTat", "TitForTat" };
    ent_scenario *s = ent_test_load(scenario(buf, sizeof buf, 6000, ", noise: 0.25", "TitForTat", tft, 3));
    ent_run *run = ent_run_alloc(s, 0);
    ent_run_exec(run, s->seed, 0, 0);
    /* moves are correlated over a few turns at e = 0.25: allow a wide 0.02 */
    assert_double_equal(run->run_out[column(run, 2, "matrix_coop_rate_all")], 0.5, 0.02);
    assert_double_equal(run->run_out[column(run, 2, "matrix_mutual_coop_rate")], 0.25, 0.02);
    ent_run_free(run);
    ent_scenario_free(s);
}

/* The patron plays a separate game with each ally: against a Cooperator,
** Gradual never defects even while it punishes a Defector and a Cycler; each
** game matches the library's two-player match. */
static void test_patron_games_are_separate(void **state)
{
    (void)state;
    const char *allies[] = { "Defector", "Cooperator", "CyclerCCD" };
    const int rounds = 40;
    char buf[2048];
    ent_scenario *s = ent_test_load(scenario(buf, sizeof buf, rounds, "", "Gradual", allies, 3));
    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE);
    ent_run_exec(run, s->seed, 0, 0);
    int cp = column(run, 0, "matrix_patron_action"), cy = column(run, 0, "matrix_payoff");
    ent_bimatrix g;
    ent_matrix_from_preset(ent_matrix_preset_find("prisoners_dilemma"), NULL, &g);
    ent_match_spec spec = { rounds, 0.0, 0.0 };
    double patron_total = 0.0, stage_total = 0.0;
    for (size_t i = 1; i <= 3; i++) {
        ent_gs_player p1, p2;
        ent_gs_player_init(&p1, ent_gs_find("Gradual"));
        ent_gs_player_init(&p2, ent_gs_find(allies[i - 1]));
        unsigned char h1[64], h2[64];
        gsl_rng *r = ent_rng_alloc();
        ent_match_result res;
        ent_match_play(&g, &p1, &p2, &spec, h1, h2, r, &res);
        gsl_rng_free(r);
        int defections = 0;
        for (int t = 1; t <= rounds; t++) {
            int m = (int)ent_run_trace_row(run, t, i)[cp];
            assert_int_equal(m, h1[t - 1]);
            defections += m == ENT_D;
        }
        if (i == 2)
            assert_int_equal(defections, 0);
        else
            assert_true(defections > 0);
        patron_total += res.score1;
    }
    for (int t = 1; t <= rounds; t++)
        stage_total += ent_run_trace_row(run, t, 0)[cy];
    assert_double_equal(stage_total, 0.01 * patron_total, 1e-9);   /* summed over its games */
    ent_run_free(run);
    ent_scenario_free(s);
}

/* Payoff overrides and the row/column roles. */
static void test_games_and_roles(void **state)
{
    (void)state;
    char buf[2048];
    const char *c[] = { "Cooperator" }, *d[] = { "Defector" };
    /* R overridden, T kept: a Defector patron earns T = 5 against a Cooperator */
    ent_scenario *s = ent_test_load(scenario(buf, sizeof buf, 3, ", R: 2.5, S: -1, payoff_scale: 1",
                                    "Cooperator", c, 1));
    ent_run *run = ent_run_alloc(s, 0);
    ent_run_exec(run, 1, 0, 0);
    assert_double_equal(ent_run_agent_value(run, 0, "payoff"), 2.5, 0);
    assert_double_equal(ent_run_agent_value(run, 1, "payoff"), 2.5, 0);
    ent_bimatrix g;         /* the stage's game, as `solve` would see it */
    assert_int_equal(ent_matrix_stage_game(s, 0, &g), 0);
    assert_double_equal(g.a[0], 2.5, 0);
    assert_double_equal(g.a[1], -1, 0);
    assert_double_equal(g.a[2], 5, 0);
    assert_double_equal(g.a[3], 1, 0);
    assert_double_equal(g.b[1], 5, 0);     /* column's T: row C, column D */
    assert_int_equal(ent_matrix_stage_game(s, 1, &g), -1);
    ent_run_free(run);
    ent_scenario_free(s);
    s = ent_test_load(scenario(buf, sizeof buf, 3, ", R: 2.5, S: -1, payoff_scale: 1", "Defector", c, 1));
    run = ent_run_alloc(s, 0);
    ent_run_exec(run, 1, 0, 0);
    assert_double_equal(ent_run_agent_value(run, 0, "payoff"), 5, 0);
    assert_double_equal(ent_run_agent_value(run, 1, "payoff"), -1, 0);
    ent_run_free(run);
    ent_scenario_free(s);
    /* Battle of the sexes: row (3,0;0,2), column (2,0;0,3); the patron is the row */
    const double want[2][2] = { { 3, 2 }, { 2, 3 } };
    for (int k = 0; k < 2; k++) {
        s = ent_test_load(scenario(buf, sizeof buf, 2, ", game: battle_of_the_sexes, payoff_scale: 1",
                          k ? "Defector" : "Cooperator", k ? d : c, 1));
        run = ent_run_alloc(s, 0);
        ent_run_exec(run, 1, 0, 0);
        assert_double_equal(ent_run_agent_value(run, 0, "payoff"), want[k][0], 0);
        assert_double_equal(ent_run_agent_value(run, 1, "payoff"), want[k][1], 0);
        ent_run_free(run);
        ent_scenario_free(s);
    }
    /* Matching pennies, zero sum: (heads, heads) pays the row 1 and the column -1 */
    s = ent_test_load(scenario(buf, sizeof buf, 2, ", game: matching_pennies, payoff_scale: 1",
                      "Cooperator", c, 1));
    run = ent_run_alloc(s, 0);
    ent_run_exec(run, 1, 0, 0);
    assert_double_equal(ent_run_agent_value(run, 0, "payoff"), 1, 0);
    assert_double_equal(ent_run_agent_value(run, 1, "payoff"), -1, 0);
    ent_run_free(run);
    ent_scenario_free(s);
}

/* The patron's act: cooperation is `kept`, defection `cut`; a reciprocal ally
** of burden sharing answers it next round (+step after kept, -step after cut). */
static void test_patron_act_drives_reciprocity(void **state)
{
    (void)state;
    const char *yaml =
        "name: m\nrounds: 3\nseed: 1\n"
        "stages: [burden_sharing, matrix]\n"
        "patron: {code: P, gdp: 1000, defence_share: 0.03,\n"
        "         strategies: {burden_sharing: fixed, matrix: TitForTat}}\n"
        "allies:\n"
        "  - {code: A, gdp: 100, defence_share: 0.01,\n"
        "     strategies: {burden_sharing: {name: reciprocal, step: 0.001}, matrix: Defector}}\n";
    ent_scenario *s = ent_test_load(yaml);
    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE);
    ent_run_exec(run, 1, 0, 0);
    int cs = column(run, 0, "contribution_share"), cp = column(run, 0, "matrix_patron_action");
    /* TitForTat: C in round 1 (kept), then D against the Defector (cut) */
    assert_int_equal((int)ent_run_trace_row(run, 1, 1)[cp], ENT_C);
    assert_int_equal((int)ent_run_trace_row(run, 2, 1)[cp], ENT_D);
    assert_double_equal(ent_run_trace_row(run, 1, 1)[cs], 0.010, 1e-15);
    assert_double_equal(ent_run_trace_row(run, 2, 1)[cs], 0.011, 1e-15);
    assert_double_equal(ent_run_trace_row(run, 3, 1)[cs], 0.010, 1e-15);
    assert_int_equal((int)ent_run_agent_value(run, 1, "patron_act"), ENT_ACT_CUT);
    ent_run_free(run);
    ent_scenario_free(s);
}

/* Every library strategy is wrapped under its name, for both roles, with the
** library's parameters; the stage's game names are the library's presets. */
static void test_strategy_table(void **state)
{
    (void)state;
    size_t n = 0;
    for (size_t i = 0; ent_gs_types[i]; i++, n++) {
        const ent_gs_type *gs = ent_gs_types[i];
        const ent_strategy_type *t = ent_strategy_find("matrix", gs->name);
        assert_non_null(t);
        assert_string_equal(t->name, gs->name);
        assert_string_equal(t->stage, "matrix");
        assert_int_equal(t->roles, ENT_ROLE_ANY);
        assert_ptr_equal(t->params, gs->params);
        assert_int_equal(t->n_params, gs->n_params);
        assert_true(t->n_params <= ENT_MAX_PARAMS);
    }
    assert_int_equal(n, ent_gs_count());
    assert_null(ent_strategy_find("burden_sharing", "TitForTat"));
    assert_null(ent_strategy_find("matrix", "reciprocal"));
    const ent_stage_type *st = ent_stage_find("matrix");
    assert_non_null(st);
    const ent_param_desc *game = &st->params[0];
    assert_string_equal(game->name, "game");
    size_t k = 0;
    for (; game->choices[k]; k++)
        assert_non_null(ent_matrix_preset_find(game->choices[k]));
    assert_int_equal(k, ent_n_matrix_presets);
    assert_double_equal(st->params[ent_param_find(st->params, st->n_params, "payoff_scale")].def,
                        0.01, 0);
}

/* Bad input: the loader's FILE:LINE:COL errors. */
static void expect_error(const char *yaml, const char *where, const char *text)
{
    ent_diags d;
    ent_diags_init(&d, "t.yaml");
    ent_scenario *s = ent_scenario_load_buffer("t.yaml", yaml, strlen(yaml), &d);
    assert_null(s);
    char out[4096] = "";
    FILE *f = fmemopen(out, sizeof out - 1, "w");
    assert_non_null(f);
    ent_diags_print(&d, f);
    fclose(f);
    if (!strstr(out, where) || !strstr(out, text))
        fail_msg("expected '%s' and '%s' in:\n%s", where, text, out);
}

static void test_bad_input(void **state)
{
    (void)state;
    const char *head = "name: m\nrounds: 3\n";
    const char *tail =
        "patron: {code: P, gdp: 1000, defence_share: 0.03}\n"
        "allies:\n"
        "  - {code: A, gdp: 100, defence_share: 0.02, strategies: {matrix: %s}}\n";
    char buf[1024], t[512];
    /* line 3: "stages: [{stage: matrix, game: prisoner_dilemma}]", value at col 32 */
    snprintf(t, sizeof t, tail, "TitForTat");
    snprintf(buf, sizeof buf, "%sstages: [{stage: matrix, game: prisoner_dilemma}]\n%s", head, t);
    expect_error(buf, "t.yaml:3:32: error:", "did you mean 'prisoners_dilemma'");
    /* a strategy of another stage: line 6, the name at col 67 */
    snprintf(t, sizeof t, tail, "reciprocal");
    snprintf(buf, sizeof buf, "%sstages: [matrix]\n%s", head, t);
    expect_error(buf, "t.yaml:6:67: error:", "unknown strategy 'reciprocal' for stage 'matrix'");
    /* a misspelt library name gets a suggestion */
    snprintf(t, sizeof t, tail, "TitForTatt");
    snprintf(buf, sizeof buf, "%sstages: [matrix]\n%s", head, t);
    expect_error(buf, "t.yaml:6:67: error:", "did you mean 'TitForTat'");
    /* a library parameter out of its range */
    snprintf(t, sizeof t, tail, "{name: Random, p: 1.5}");
    snprintf(buf, sizeof buf, "%sstages: [matrix]\n%s", head, t);
    expect_error(buf, "t.yaml:6:", "'p' must be between 0 and 1");
    /* noise out of range */
    snprintf(t, sizeof t, tail, "TitForTat");
    snprintf(buf, sizeof buf, "%sstages: [{stage: matrix, noise: 2}]\n%s", head, t);
    expect_error(buf, "t.yaml:3:", "'noise' must be between 0 and 1");
}

/* Stand-ins for the wrapped strategies that decide through a call of the
** wrapper's decide(): the same moves, but the stage takes its general path
** (the whole view of each side, an indirect call of decide()). */
#define MAX_STAND_INS 16
static ent_strategy_stand_in stand_ins[MAX_STAND_INS];
static void (*wrapper_decide)(const double *, void *, const void *, void *, gsl_rng *);

static void forwarding_decide(const double *p, void *st, const void *v, void *d, gsl_rng *r)
{
    wrapper_decide(p, st, v, d, r);
}

static void stand_in_for_every_matrix_strategy(ent_scenario *s)
{
    size_t n = 0;
    for (size_t k = 0; k < s->n_stages; k++) {
        if (strcmp(s->stages[k].type->name, "matrix"))
            continue;
        for (size_t i = 0; i < s->n_agents; i++) {
            ent_strategy_choice *c = &s->agents[i].strategy[k];
            assert_true(ent_i_matrix_direct(c->type));
            assert_true(n < MAX_STAND_INS);
            wrapper_decide = c->type->decide;
            stand_ins[n].t = *c->type;
            stand_ins[n].t.reference = ent_stand_in_reference;
            stand_ins[n].t.decide = forwarding_decide;
            stand_ins[n].stands_for = c->type;
            assert_false(ent_i_matrix_direct(&stand_ins[n].t));
            c->type = &stand_ins[n++].t;
        }
    }
}

/* Every trace value of runs whose sides are played by the stage's direct
** calls of the library moves equals that of the same runs through the
** wrappers' decide(), for strategies that read the turn, both histories,
** the counts, the payoffs and the length, under noise and a random end. */
static void test_direct_moves_same_bits(void **state)
{
    (void)state;
    const char *allies[][5] = {
        { "TitForTat", "Alternator", "Defector", "GenerousTitForTat", "Gradual" },
        { "FictitiousPlay", "RothErev", "ZDExtort2", "SecondByHarrington", "Random" },
        { "Adaptive", "Calculator", "SecondByTester", "WinStayLoseShift", "Prober" },
    };
    const char *patrons[] = { "Grudger", "RegretMatching", "SecondByBlack" };
    const char *extra[] = { ", noise: 0.05", ", game: chicken, noise: 0.2", ", game: battle_of_the_sexes" };
    for (int k = 0; k < 3; k++)
        for (int random_end = 0; random_end < 2; random_end++) {
            char buf[4096];
            scenario(buf, sizeof buf, 30, extra[k], patrons[k], allies[k], 5);
            if (random_end) {
                /* the top-level keys after the seed line */
                char *at = strstr(buf, "seed: 11\n") + strlen("seed: 11\n"), tail[4096];
                snprintf(tail, sizeof tail, "random_end: true\ndiscount: 0.9\n%s", at);
                strcpy(at, tail);
            }
            ent_scenario *s = ent_test_load(buf), *g = ent_test_load(buf);
            stand_in_for_every_matrix_strategy(g);
            char what[64];
            snprintf(what, sizeof what, "set %d, moves against decide()", k);
            ent_test_same_traces(s, g, 20, what);
            ent_scenario_free(s);
            ent_scenario_free(g);
        }
}

/* The stage replays a game whose sides draw nothing (its histories from the
** run before): every library strategy not flagged ENT_GS_STOCHASTIC must
** leave the random stream it is given as it was, whatever it meets. Each is
** played against every library strategy (a stream of its own), on two
** games, with the length announced and not. */
static void play_checking_draws(const ent_gs_type *x, const ent_gs_type *y, const ent_bimatrix *g, int length,
                                gsl_rng *rx, gsl_rng *ry)
{
    enum { TURNS = 60 };
    unsigned char hx[TURNS], hy[TURNS];
    ent_gs_player px, py;
    ent_gs_player_init(&px, x);
    ent_gs_player_init(&py, y);
    ent_gs_view vx, vy;
    memset(&vx, 0, sizeof vx);
    memset(&vy, 0, sizeof vy);
    vx.own = vy.opp = hx;
    vx.opp = vy.own = hy;
    vx.length = vy.length = length;
    ent_matrix_rstp(g, 0, &vx.R, &vx.S, &vx.T, &vx.P);
    ent_matrix_rstp(g, 1, &vy.R, &vy.S, &vy.T, &vy.P);
    ent_gs_state sx, sy;
    memset(&sx, 0, sizeof sx);
    memset(&sy, 0, sizeof sy);
    if (x->reset) x->reset(x, px.p, &sx, &vx);
    if (y->reset) y->reset(y, py.p, &sy, &vy);
    size_t size = gsl_rng_size(rx);
    unsigned char before[64];
    assert_true(size <= sizeof before);
    for (int t = 0; t < TURNS; t++) {
        vx.turn = vy.turn = t;
        memcpy(before, gsl_rng_state(rx), size);
        int mx = x->move(x, px.p, &sx, &vx, rx);
        if (memcmp(before, gsl_rng_state(rx), size))
            fail_msg("%s drew a random number against %s (turn %d) but is not flagged stochastic", x->name,
                     y->name, t);
        int my = y->move(y, py.p, &sy, &vy, ry);
        hx[t] = (unsigned char)mx;
        hy[t] = (unsigned char)my;
        vx.own_coop += mx == ENT_C;
        vx.opp_coop += my == ENT_C;
        vy.own_coop = vx.opp_coop;
        vy.opp_coop = vx.own_coop;
    }
}

static void test_deterministic_strategies_draw_nothing(void **state)
{
    (void)state;
    gsl_rng *rx = gsl_rng_alloc(gsl_rng_taus2), *ry = gsl_rng_alloc(gsl_rng_taus2);
    ent_bimatrix games[2];
    ent_matrix_from_preset(ent_matrix_preset_find("prisoners_dilemma"), NULL, &games[0]);
    ent_matrix_from_preset(ent_matrix_preset_find("chicken"), NULL, &games[1]);
    int checked = 0;
    for (size_t i = 0; ent_gs_types[i]; i++) {
        if (ent_gs_types[i]->flags & ENT_GS_STOCHASTIC)
            continue;
        checked++;
        for (size_t j = 0; ent_gs_types[j]; j++)
            for (int k = 0; k < 2; k++) {
                gsl_rng_set(rx, 1 + j);
                gsl_rng_set(ry, 7 + j + (size_t)k);
                play_checking_draws(ent_gs_types[i], ent_gs_types[j], &games[k], k ? 0 : 60, rx, ry);
            }
    }
    assert_true(checked > 10);
    gsl_rng_free(rx);
    gsl_rng_free(ry);
}

/* One run object for many runs (games with nothing drawn replay the run
** before's moves) gives every trace value and outcome of a new run object
** for each: strategies (deterministic ones and ones that draw), the game,
** its payoffs and the noise varied between runs, a few values each, so
** that runs repeat earlier games in whole or part; with a random end the
** records of games cut short are not replayed. */
/* 30 rounds, the run object's, or now and then 20 (less of its histories) */
static void vary_rounds(ent_scenario *s, uint64_t draw)
{
    assert_int_equal(ent_scenario_set_rounds(s, draw % 4 == 3 ? 20 : 30), ENT_OK);
}

static void vary_strategies(ent_scenario *s, uint64_t draw)
{
    vary_rounds(s, draw);
    draw /= 4;
    static const char *const names[] = { "TitForTat", "Grudger", "Alternator", "Random", "Gradual",
                                         "SecondByTester", "TitForTat", "Defector", "GenerousTitForTat" };
    int st = ent_scenario_stage_index(s, "matrix");
    for (size_t i = 0; i < s->n_agents; i++, draw /= 9) {
        const ent_strategy_type *t = NULL;
        for (const ent_strategy_type *const *list = ent_i_matrix_strategies(); *list; list++)
            if (!strcmp((*list)->name, names[draw % 9]))
                t = *list;
        assert_non_null(t);
        assert_int_equal(ent_scenario_set_agent_strategy(s, i, (size_t)st, t, NULL), 0);
    }
}

static void test_reused_run_same_bits(void **state)
{
    (void)state;
    static const char *const paths[] = { "stages.matrix.noise", "stages.matrix.game", "stages.matrix.R" };
    static const char *const values[][4] = {
        { "0", "0", "0", "0.1" }, { "prisoners_dilemma", "prisoners_dilemma", "chicken", "stag_hunt" },
        { "3", "3", "3", "2.5" },
    };
    /* with a random end, games whose moves are not all C's: a record cut
    ** short must not be replayed beyond its last turn, and a replay cut
    ** short counts its own turns; more seeds, for runs of many lengths */
    const char *allies[2][5] = { { "TitForTat", "Grudger", "Gradual", "Random", "TitForTat" },
                                 { "Alternator", "Defector", "Gradual", "Random", "CyclerCCD" } };
    for (int random_end = 0; random_end < 2; random_end++) {
        char buf[4096];
        scenario(buf, sizeof buf, 30, "", random_end ? "SuspiciousTitForTat" : "TitForTat", allies[random_end], 5);
        if (random_end) {
            char *at = strstr(buf, "seed: 11\n") + strlen("seed: 11\n"), tail[4096];
            snprintf(tail, sizeof tail, "random_end: true\ndiscount: 0.97\n%s", at);
            strcpy(at, tail);
        }
        ent_scenario *s = ent_test_load(buf);
        /* the run object is made for 30 rounds: runs of 20 use less of it */
        const uint64_t seeds = random_end ? 40 : 3;
        ent_test_reused_run_same(s, paths, values, 3, vary_rounds, 300, seeds, "one run object for all runs");
        assert_int_equal(ent_scenario_set_rounds(s, 30), ENT_OK);
        ent_test_reused_run_same(s, paths, values, 3, vary_strategies, 300, seeds,
                                 "one run object, strategies varied");
        ent_scenario_free(s);
    }
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_sequences),
        cmocka_unit_test(test_random_end_hides_length),
        cmocka_unit_test(test_agrees_with_match_function),
        cmocka_unit_test(test_noise_closed_forms),
        cmocka_unit_test(test_tft_pair_under_noise),
        cmocka_unit_test(test_patron_games_are_separate),
        cmocka_unit_test(test_games_and_roles),
        cmocka_unit_test(test_patron_act_drives_reciprocity),
        cmocka_unit_test(test_strategy_table),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_direct_moves_same_bits),
        cmocka_unit_test(test_deterministic_strategies_draw_nothing),
        cmocka_unit_test(test_reused_run_same_bits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
