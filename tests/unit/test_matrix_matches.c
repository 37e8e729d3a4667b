/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_matrix_matches.c: deterministic match-ups of the strategy library on
** the standard Prisoner's Dilemma (R=3, S=0, T=5, P=1). The first 20 moves
** and the 200-turn totals were worked out by hand from the published
** definitions (see the comment of each case).
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <gsl/gsl_errno.h>
#include "entente/game_strategy.h"
#include "entente/rng.h"

typedef struct {
    const char *a, *b;              /* strategies */
    const char *moves_a, *moves_b;  /* first 20 moves */
    double total_a, total_b;        /* over 200 turns */
} matchup;

/* Worked out by hand:
** TFT vs Alternator: TFT copies the alternation one move late; turn 1 is
**   (C,C), then odd turns (C,D) x100 and even turns (D,C) x99: 3+0+495, 3+500+0.
** Grudger vs Alternator: (C,C), (C,D), then D for ever: 99 x (D,C), 99 x (D,D).
** WSLS vs Defector: after (C,D) it shifts to D, after (D,D) back to C: 100 x S + 100 x P.
** STFT vs TFT: each copies the other: (D,C),(C,D),... 100 x T + 100 x S each.
** TF2T vs Bully: period 5 (C,D),(C,D),(D,D),(D,C),(C,C): 0+0+1+5+3 = 9 and
**   5+5+1+0+3 = 14 per period, 40 periods.
** Prober vs TFT: (D,C),(C,D), then (C,C) for 198 turns (the opponent defected on move 2).
** Prober vs Cooperator: D,C,C then D for ever: 5+3+3+197x5; 0+3+3.
** Gradual vs Defector: punishments of 1, 4, 10, 22, 46, 94, 190 defections
**   (all the opponent's defections so far), each followed by two cooperations:
**   13 cooperations in 200 turns: 187 x P; 13 x T + 187 x P for the Defector.
** Shubik vs Alternator: retaliations of 1, 2, 3, ... moves after each
**   defection met while cooperating.
** Davis vs Alternator: C for 10 moves (5 x R, 5 x S), then D: 95 x T + 95 x P.
** Adaptive vs TFT: C x6, D x5 (scores C 18 vs D 9), then C; TFT answers one move late.
** Adaptive vs Cooperator: C x6, D x5 (C 18 < D 25), then D for ever.
** TFT vs Defector: one sucker's payoff then mutual defection.
** HardMajority vs SoftMajority: ties break opposite ways, so they alternate
**   (D,C),(C,D),...: 100 x T + 100 x S each.
** Nydegger vs Alternator: Tit For Tat for three moves, then A = 16 a1 + 4 a2 + a3
**   alternates between 25 (C) and 38 (D), so it keeps copying the alternation.
** ForgetfulGrudger (the Axelrod library's: a grudge is 10 defections; the
**   move after the 10th forgets it and looks at the opponent's last move):
**   vs Alternator: C, C, then the D of turn 1 starts 10 defections (turns
**   2-11); turn 12 forgets, but the Alternator's last move (turn 11) was D,
**   so it grudges again, and so on: D for ever, as Grudger (597, 107).
**   vs CyclerCCCCCD (D on turns 5, 11, 17, ...): C x6; the D of turn 5 starts
**   D on turns 6-15 (the D of turn 11 falls inside); turn 16 forgets and
**   sees turn 15's C, so C on 16 and 17; turn 17's D starts D on 18-27; then
**   period 12 (D x10, C x2). 200 turns: 809 and 164. */
static const matchup cases[] = {
    { "TitForTat", "Alternator", "CCDCDCDCDCDCDCDCDCDC", "CDCDCDCDCDCDCDCDCDCD", 498, 503 },
    { "Grudger", "Alternator", "CCDDDDDDDDDDDDDDDDDD", "CDCDCDCDCDCDCDCDCDCD", 597, 107 },
    { "WinStayLoseShift", "Defector", "CDCDCDCDCDCDCDCDCDCD", "DDDDDDDDDDDDDDDDDDDD", 100, 600 },
    { "SuspiciousTitForTat", "TitForTat", "DCDCDCDCDCDCDCDCDCDC", "CDCDCDCDCDCDCDCDCDCD", 500, 500 },
    { "TitFor2Tats", "Bully", "CCDDCCCDDCCCDDCCCDDC", "DDDCCDDDCCDDDCCDDDCC", 360, 560 },
    { "Prober", "TitForTat", "DCCCCCCCCCCCCCCCCCCC", "CDCCCCCCCCCCCCCCCCCC", 599, 599 },
    { "Prober", "Cooperator", "DCCDDDDDDDDDDDDDDDDD", "CCCCCCCCCCCCCCCCCCCC", 996, 6 },
    { "Gradual", "Defector", "CDCCDDDDCCDDDDDDDDDD", "DDDDDDDDDDDDDDDDDDDD", 187, 252 },
    { "Shubik", "Alternator", "CCDCDDCCDDDCDDDDCCDD", "CDCDCDCDCDCDCDCDCDCD", 561, 206 },
    { "Davis", "Alternator", "CCCCCCCCCCDDDDDDDDDD", "CDCDCDCDCDCDCDCDCDCD", 585, 135 },
    { "Adaptive", "TitForTat", "CCCCCCDDDDDCCCCCCCCC", "CCCCCCCDDDDDCCCCCCCC", 591, 591 },
    { "Adaptive", "Cooperator", "CCCCCCDDDDDDDDDDDDDD", "CCCCCCCCCCCCCCCCCCCC", 988, 18 },
    { "TitForTat", "Defector", "CDDDDDDDDDDDDDDDDDDD", "DDDDDDDDDDDDDDDDDDDD", 199, 204 },
    { "HardMajority", "SoftMajority", "DCDCDCDCDCDCDCDCDCDC", "CDCDCDCDCDCDCDCDCDCD", 500, 500 },
    { "Nydegger", "Alternator", "CCDCDCDCDCDCDCDCDCDC", "CDCDCDCDCDCDCDCDCDCD", 498, 503 },
    { "ForgetfulGrudger", "Alternator", "CCDDDDDDDDDDDDDDDDDD", "CDCDCDCDCDCDCDCDCDCD", 597, 107 },
    { "ForgetfulGrudger", "CyclerCCCCCD", "CCCCCCDDDDDDDDDDCCDD", "CCCCCDCCCCCDCCCCCDCC", 809, 164 },
};

static ent_bimatrix pd(void)
{
    ent_bimatrix g;
    ent_matrix_from_preset(ent_matrix_preset_find("prisoners_dilemma"), NULL, &g);
    return g;
}

static void play(const char *a, const char *b, const ent_match_spec *spec, unsigned char *h1,
                 unsigned char *h2, ent_match_result *res, uint64_t seed)
{
    ent_bimatrix g = pd();
    ent_gs_player p1, p2;
    const ent_gs_type *ta = ent_gs_find(a), *tb = ent_gs_find(b);
    assert_non_null(ta);
    assert_non_null(tb);
    ent_gs_player_init(&p1, ta);
    ent_gs_player_init(&p2, tb);
    gsl_rng *r = ent_rng_alloc();
    ent_rng_stream(r, seed, 0, 0);
    ent_match_play(&g, &p1, &p2, spec, h1, h2, r, res);
    gsl_rng_free(r);
}

static void moves(const unsigned char *h, int n, char *out)
{
    for (int i = 0; i < n; i++)
        out[i] = h[i] == ENT_C ? 'C' : 'D';
    out[n] = 0;
}

static void test_deterministic_matchups(void **state)
{
    (void)state;
    unsigned char h1[200], h2[200];
    char m1[21], m2[21];
    ent_match_spec spec = { 200, 0.0, 0.0 };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const matchup *c = &cases[k];
        ent_match_result res;
        play(c->a, c->b, &spec, h1, h2, &res, 1);
        moves(h1, 20, m1);
        moves(h2, 20, m2);
        if (strcmp(m1, c->moves_a) || strcmp(m2, c->moves_b) || res.score1 != c->total_a ||
            res.score2 != c->total_b)
            print_error("%s vs %s: %s / %s, %g / %g\n", c->a, c->b, m1, m2, res.score1, res.score2);
        assert_string_equal(m1, c->moves_a);
        assert_string_equal(m2, c->moves_b);
        assert_int_equal(res.turns, 200);
        assert_true(res.score1 == c->total_a);
        assert_true(res.score2 == c->total_b);
        /* and with the roles swapped */
        play(c->b, c->a, &spec, h1, h2, &res, 1);
        moves(h1, 20, m1);
        assert_string_equal(m1, c->moves_b);
        assert_true(res.score1 == c->total_b);
    }
}

static void test_library_is_complete(void **state)
{
    (void)state;
    static const char *const required[] = {
        "Cooperator", "Defector", "Random", "Alternator", "TitForTat", "TitFor2Tats",
        "TwoTitsForTat", "SuspiciousTitForTat", "GenerousTitForTat", "Grudger", "WinStayLoseShift",
        "Prober", "Prober2", "Prober3", "HardProber", "Gradual", "SoftMajority", "HardMajority",
        "Adaptive", "AntiTitForTat", "Bully", "Calculator", "CyclerCCD", "Davis", "Feld", "Grofman",
        "Joss", "Shubik", "Tullock", "MemoryOne", "ZDExtort2", "ZDGTFT2", "FictitiousPlay",
        "RothErev", "RegretMatching", NULL
    };
    for (size_t i = 0; required[i]; i++)
        assert_non_null(ent_gs_find(required[i]));
    size_t n = ent_gs_count();
    assert_true(n >= 40);
    for (size_t i = 0; i < n; i++) {
        const ent_gs_type *t = ent_gs_types[i];
        assert_true(strlen(t->doc) > 10);
        assert_true(strlen(t->reference) > 10);
        assert_true(t->n_params <= ENT_GS_PARAMS);
        assert_non_null(t->move);
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(t->name, ent_gs_types[j]->name);
    }
}

/* Press & Dyson's extort-2 for R, S, T, P = 3, 0, 5, 1 is (8/9, 1/2, 1/3, 0);
** Nowak & Sigmund's generosity min(1 - (T-R)/(R-S), (R-P)/(T-P)) = min(1/3, 1/2). */
static void test_four_vectors(void **state)
{
    (void)state;
    ent_gs_view v;
    memset(&v, 0, sizeof v);
    v.R = 3; v.S = 0; v.T = 5; v.P = 1;
    ent_gs_state s;
    ent_gs_player pl;
    ent_gs_player_init(&pl, ent_gs_find("ZDExtort2"));
    memset(&s, 0, sizeof s);
    pl.type->reset(pl.type, pl.p, &s, &v);
    assert_float_equal(s.d[0], 8.0 / 9.0, 1e-12);
    assert_float_equal(s.d[1], 0.5, 1e-12);
    assert_float_equal(s.d[2], 1.0 / 3.0, 1e-12);
    assert_float_equal(s.d[3], 0.0, 1e-12);
    ent_gs_player_init(&pl, ent_gs_find("GenerousTitForTat"));
    memset(&s, 0, sizeof s);
    pl.type->reset(pl.type, pl.p, &s, &v);
    assert_float_equal(s.d[1], 1.0 / 3.0, 1e-12);
    assert_float_equal(s.d[0], 1.0, 0);
    /* ZD-GTFT-2 with l = R = 3, s = 1/2, phi = 1/4: (1, 1/8, 1, 1/4) */
    ent_gs_player_init(&pl, ent_gs_find("ZDGTFT2"));
    memset(&s, 0, sizeof s);
    pl.type->reset(pl.type, pl.p, &s, &v);
    assert_float_equal(s.d[0], 1.0, 1e-12);
    assert_float_equal(s.d[1], 1.0 / 8.0, 1e-12);
    assert_float_equal(s.d[2], 1.0, 1e-12);
    assert_float_equal(s.d[3], 0.25, 1e-12);
}

/* With noise 1 every action flips: two Cooperators always defect. */
static void test_noise_flips(void **state)
{
    (void)state;
    unsigned char h1[50], h2[50];
    ent_match_spec spec = { 50, 1.0, 0.0 };
    ent_match_result res;
    play("Cooperator", "Cooperator", &spec, h1, h2, &res, 3);
    assert_int_equal(res.coop1, 0);
    assert_int_equal(res.coop2, 0);
    assert_true(res.score1 == 50.0);
    /* noise 1/2: cooperation is a fair coin; 20000 moves, 5 standard errors */
    static unsigned char g1[20000], g2[20000];
    ent_match_spec half = { 20000, 0.5, 0.0 };
    play("Cooperator", "Defector", &half, g1, g2, &res, 4);
    double se = sqrt(0.25 / 20000);
    assert_true(fabs(res.coop1 / 20000.0 - 0.5) < 5 * se);
    assert_true(fabs(res.coop2 / 20000.0 - 0.5) < 5 * se);
}

/* The length of a match with prob_end p is geometric with mean 1/p. */
static void test_prob_end(void **state)
{
    (void)state;
    gsl_rng *r = ent_rng_alloc();
    double p = 0.1, sum = 0, sum2 = 0;
    int n = 40000;
    for (int k = 0; k < n; k++) {
        ent_rng_stream(r, 9, (uint64_t)k, 0);
        double len = ent_match_length(p, 1000000, r);
        assert_true(len >= 1);
        sum += len;
        sum2 += len * len;
    }
    gsl_rng_free(r);
    double mean = sum / n, sd = sqrt((1 - p) / (p * p));    /* geometric variance (1-p)/p^2 */
    assert_true(fabs(mean - 1 / p) < 5 * sd / sqrt(n));
    (void)sum2;
    /* players are not told the length; the cap bounds it */
    unsigned char h1[30], h2[30];
    ent_match_spec spec = { 30, 0.0, 0.01 };
    ent_match_result res;
    play("TitForTat", "TitForTat", &spec, h1, h2, &res, 5);
    assert_true(res.turns >= 1 && res.turns <= 30);
}

/* Calculator defects for ever against a periodic opponent (Cooperator's
** history is a cycle of length 1), and plays Tit For Tat against a
** non-periodic one after move 20. */
static void test_calculator(void **state)
{
    (void)state;
    unsigned char h1[100], h2[100];
    ent_match_spec spec = { 100, 0.0, 0.0 };
    ent_match_result res;
    play("Calculator", "Cooperator", &spec, h1, h2, &res, 11);
    for (int t = 20; t < 100; t++)
        assert_int_equal(h1[t], ENT_D);
    /* SteinAndRapoport knows the length: its last two moves are defections */
    play("SteinAndRapoport", "Cooperator", &spec, h1, h2, &res, 11);
    assert_int_equal(h1[98], ENT_D);
    assert_int_equal(h1[99], ENT_D);
    for (int t = 0; t < 4; t++)
        assert_int_equal(h1[t], ENT_C);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deterministic_matchups),
        cmocka_unit_test(test_library_is_complete),
        cmocka_unit_test(test_four_vectors),
        cmocka_unit_test(test_noise_flips),
        cmocka_unit_test(test_prob_end),
        cmocka_unit_test(test_calculator),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
