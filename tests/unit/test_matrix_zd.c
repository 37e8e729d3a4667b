/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_matrix_zd.c: a zero-determinant extortioner enforces its linear
** payoff relation (Press & Dyson 2012) against any opponent: with slope s and
** baseline l, opponent's mean - l = s (own mean - l). By Akin's lemma the
** residual of a match of N turns is a mean of bounded martingale
** increments scaled by 1/phi, so its spread is about 1/(phi sqrt(N)).
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <cmocka.h>
#include <gsl/gsl_errno.h>
#include "entente/game_strategy.h"
#include "entente/rng.h"

#define TURNS 200000

static double residual(const char *zd, const char *opp, double l, double slope, uint64_t seed)
{
    static unsigned char h1[TURNS], h2[TURNS];
    ent_bimatrix g;
    ent_matrix_from_preset(ent_matrix_preset_find("prisoners_dilemma"), NULL, &g);
    ent_gs_player p1, p2;
    ent_gs_player_init(&p1, ent_gs_find(zd));
    ent_gs_player_init(&p2, ent_gs_find(opp));
    gsl_rng *r = ent_rng_alloc();
    ent_rng_stream(r, seed, 0, 0);
    ent_match_spec spec = { TURNS, 0.0, 0.0 };
    ent_match_result res;
    ent_match_play(&g, &p1, &p2, &spec, h1, h2, r, &res);
    gsl_rng_free(r);
    double own = res.score1 / TURNS, other = res.score2 / TURNS;
    return (other - l) - slope * (own - l);
}

static void test_extort2(void **state)
{
    (void)state;
    /* s = 1/2, l = P = 1, phi = 1/9: spread ~ 9/sqrt(2e5) ~ 0.02 */
    static const char *const opponents[] = {
        "Cooperator", "Random", "TitForTat", "Alternator", "GenerousTitForTat", "WinStayLoseShift",
        "Joss", "RothErev", NULL
    };
    for (size_t k = 0; opponents[k]; k++) {
        double e = residual("ZDExtort2", opponents[k], 1.0, 0.5, 100 + k);
        if (fabs(e) >= 0.06)
            print_error("against %s: residual %g\n", opponents[k], e);
        assert_true(fabs(e) < 0.06);
    }
}

/* Against Cooperator the chain is on {CC, DC}: X cooperates with 8/9 after CC
** and 1/3 after DC, so it cooperates 3/4 of the time; X earns 3.5, Y 2.25. */
static void test_extort2_vs_cooperator_closed_form(void **state)
{
    (void)state;
    static unsigned char h1[TURNS], h2[TURNS];
    ent_bimatrix g;
    ent_matrix_from_preset(ent_matrix_preset_find("prisoners_dilemma"), NULL, &g);
    ent_gs_player p1, p2;
    ent_gs_player_init(&p1, ent_gs_find("ZDExtort2"));
    ent_gs_player_init(&p2, ent_gs_find("Cooperator"));
    gsl_rng *r = ent_rng_alloc();
    ent_rng_stream(r, 77, 0, 0);
    ent_match_spec spec = { TURNS, 0.0, 0.0 };
    ent_match_result res;
    ent_match_play(&g, &p1, &p2, &spec, h1, h2, r, &res);
    gsl_rng_free(r);
    assert_true(fabs(res.score1 / TURNS - 3.5) < 0.03);
    assert_true(fabs(res.score2 / TURNS - 2.25) < 0.03);
}

/* The equaliser ZDSet2 (s = 0, l = 2) pins the opponent's payoff at 2. */
static void test_equaliser(void **state)
{
    (void)state;
    static const char *const opponents[] = { "Cooperator", "Random", "Alternator", "TitFor2Tats", NULL };
    for (size_t k = 0; opponents[k]; k++) {
        double e = residual("ZDSet2", opponents[k], 2.0, 0.0, 200 + k);
        assert_true(fabs(e) < 0.03);
    }
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_extort2),
        cmocka_unit_test(test_extort2_vs_cooperator_closed_form),
        cmocka_unit_test(test_equaliser),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
