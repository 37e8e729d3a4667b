/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** game_match.c: one repeated match of two library strategies on a 2x2
** game, with noise and an optional probabilistic end. Follows the Axelrod
** library's protocol: both choose, then each action flips with probability
** `noise`, and both histories record the actions as played.
*/
#include <math.h>
#include <string.h>
#include "entente/game_strategy.h"

int ent_match_length(double prob_end, int cap, gsl_rng *r)
{
    if (!(prob_end > 0.0))
        return cap;
    if (prob_end >= 1.0)
        return 1;
    double u = 1.0 - gsl_rng_uniform(r);        /* (0, 1] */
    double len = 1.0 + floor(log(u) / log1p(-prob_end));
    return len >= (double)cap ? cap : (int)len;
}

void ent_match_play(const ent_bimatrix *g, const ent_gs_player *p1, const ent_gs_player *p2,
                    const ent_match_spec *spec, unsigned char *h1, unsigned char *h2,
                    gsl_rng *r, ent_match_result *res)
{
    int len = ent_match_length(spec->prob_end, spec->turns, r);
    ent_gs_view v1, v2;
    memset(&v1, 0, sizeof v1);
    memset(&v2, 0, sizeof v2);
    v1.own = h1; v1.opp = h2;
    v2.own = h2; v2.opp = h1;
    v1.length = v2.length = spec->prob_end > 0.0 ? 0 : spec->turns;
    ent_matrix_rstp(g, 0, &v1.R, &v1.S, &v1.T, &v1.P);
    ent_matrix_rstp(g, 1, &v2.R, &v2.S, &v2.T, &v2.P);
    ent_gs_state s1, s2;
    memset(&s1, 0, sizeof s1);
    memset(&s2, 0, sizeof s2);
    const ent_gs_type *t1 = p1->type, *t2 = p2->type;
    if (t1->reset) t1->reset(t1, p1->p, &s1, &v1);
    if (t2->reset) t2->reset(t2, p2->p, &s2, &v2);
    double sc1 = 0.0, sc2 = 0.0;
    int noisy = spec->noise > 0.0;
    for (int t = 0; t < len; t++) {
        v1.turn = v2.turn = t;
        int m1 = t1->move(t1, p1->p, &s1, &v1, r);
        int m2 = t2->move(t2, p2->p, &s2, &v2, r);
        if (noisy) {
            if (gsl_rng_uniform(r) < spec->noise) m1 = 1 - m1;
            if (gsl_rng_uniform(r) < spec->noise) m2 = 1 - m2;
        }
        h1[t] = (unsigned char)m1;
        h2[t] = (unsigned char)m2;
        sc1 += g->a[m1 * 2 + m2];
        sc2 += g->b[m1 * 2 + m2];
        v1.own_coop += m1 == ENT_C;
        v1.opp_coop += m2 == ENT_C;
        v2.own_coop = v1.opp_coop;
        v2.opp_coop = v1.own_coop;
    }
    res->turns = len;
    res->score1 = sc1;
    res->score2 = sc2;
    res->coop1 = v1.own_coop;
    res->coop2 = v2.own_coop;
}
