/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** game_strategies_learning.c: learning rules that know only the payoffs
** and the history: fictitious play (best reply to the opponent's empirical
** mix), Roth-Erev reinforcement, and regret matching. They are not in the
** Axelrod library; first moves and ties are stated in each doc string.
*/
#include <math.h>
#include "entente/game_strategy.h"

#define LAST_OPP (v->opp[v->turn - 1])
#define LAST_OWN (v->own[v->turn - 1])

ENT_GS_MOVE(mv_fictitious_play)
{
    if (v->turn == 0) return ENT_C;
    double q = v->opp_coop / (double)v->turn;
    double ec = q * v->R + (1 - q) * v->S;
    double ed = q * v->T + (1 - q) * v->P;
    return ed > ec ? ENT_D : ENT_C;     /* a tie cooperates */
}
const ent_gs_type ent_gs_fictitious_play = {
    .name = "FictitiousPlay", .axelrod = "",
    .doc = "cooperates first; then plays a best reply to the opponent's empirical frequency "
           "of cooperation so far (a tie cooperates)",
    .reference = "Brown, G. W. (1951) Iterative solution of games by fictitious play. In "
                 "Koopmans (ed.), Activity Analysis of Production and Allocation, Wiley, 374-376",
    .flags = ENT_GS_USES_GAME, .move = mv_fictitious_play };

/* d[0], d[1]: propensities of C and D */
ENT_GS_RESET(rs_roth_erev)
{
    s->d[0] = p[1];
    s->d[1] = p[1];
}
ENT_GS_MOVE(mv_roth_erev)
{
    if (v->turn > 0) {
        /* reinforce the move played by its payoff above the game's minimum */
        double lo = fmin(fmin(v->R, v->S), fmin(v->T, v->P));
        double gain = ent_gs_payoff(v, LAST_OWN, LAST_OPP) - lo;
        s->d[0] *= 1.0 - p[0];
        s->d[1] *= 1.0 - p[0];
        s->d[LAST_OWN] += gain;
    }
    double sum = s->d[0] + s->d[1];
    return ent_gs_choose(sum > 0.0 ? s->d[0] / sum : 0.5, r);
}
static const ent_param_desc re_params[] = {
    { "forgetting", ENT_P_REAL, 0.0, 0, 1, "fraction", "share of each propensity lost per move",
      NULL, 0, 0 },
    { "initial", ENT_P_REAL, 1.0, 1e-9, 1e6, "payoff", "initial propensity of each move", NULL, 1, 0 },
};
const ent_gs_type ent_gs_roth_erev = {
    .name = "RothErev", .axelrod = "",
    .doc = "reinforcement learning: propensities start at `initial`; after each move every "
           "propensity decays by `forgetting` and the move played gains its payoff minus the "
           "game's lowest payoff; plays C with probability q_C/(q_C + q_D) (the first move 1/2)",
    .reference = "Roth, A. E. & Erev, I. (1995) Learning in extensive-form games: experimental "
                 "data and simple dynamic models in the intermediate term. Games Econ. Behav. "
                 "8(1):164-212", .params = re_params, .n_params = 2,
    .flags = ENT_GS_STOCHASTIC | ENT_GS_USES_GAME, .reset = rs_roth_erev, .move = mv_roth_erev };

/* d[0], d[1]: cumulative regret of not having always played C, D */
ENT_GS_MOVE(mv_regret_matching)
{
    if (v->turn == 0) return ENT_C;
    int o = LAST_OPP;
    double got = ent_gs_payoff(v, LAST_OWN, o);
    s->d[0] += ent_gs_payoff(v, ENT_C, o) - got;
    s->d[1] += ent_gs_payoff(v, ENT_D, o) - got;
    double rc = s->d[0] > 0 ? s->d[0] : 0, rd = s->d[1] > 0 ? s->d[1] : 0;
    if (rc + rd <= 0.0)
        return LAST_OWN;        /* no positive regret: keep the last move */
    return ent_gs_choose(rc / (rc + rd), r);
}
const ent_gs_type ent_gs_regret_matching = {
    .name = "RegretMatching", .axelrod = "",
    .doc = "cooperates first; then plays each move with probability proportional to its positive "
           "cumulative regret (what it would have gained by always playing it); with no positive "
           "regret repeats its last move",
    .reference = "Hart, S. & Mas-Colell, A. (2000) A simple adaptive procedure leading to "
                 "correlated equilibrium. Econometrica 68(5):1127-1150",
    .flags = ENT_GS_STOCHASTIC | ENT_GS_USES_GAME, .move = mv_regret_matching };
