/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** game_strategies_axelrod.c: entries of Axelrod's first tournament (1980)
** as the Axelrod library interprets their published descriptions, and
** Calculator (PRISON 1998). Joss is in game_strategies_memory.c.
*/
#include <math.h>
#include <gsl/gsl_cdf.h>
#include "entente/game_strategy.h"

#define LAST_OPP (v->opp[v->turn - 1])
#define LAST_OWN (v->own[v->turn - 1])
#define OPP_DEFECTIONS (v->turn - v->opp_coop)

static const char AX80[] = "Axelrod, R. (1980) Effective choice in the Prisoner's Dilemma. "
                           "J. Conflict Resolution 24(1):3-25";

ENT_GS_MOVE(mv_davis)
{
    if (v->turn < (int)p[0]) return ENT_C;
    return OPP_DEFECTIONS > 0 ? ENT_D : ENT_C;
}
static const ent_param_desc davis_params[] = {
    { "rounds_to_cooperate", ENT_P_INT, 10, 0, 1e6, "moves", "unconditional cooperation at the start",
      NULL, 0, 0 },
};
const ent_gs_type ent_gs_davis = {
    .name = "Davis", .axelrod = "First by Davis",
    .doc = "cooperates on the first 10 moves, then plays Grudger (defects for ever once the "
           "opponent has defected)", .reference = AX80, .params = davis_params, .n_params = 1,
    .move = mv_davis };

/* i[0]: opponent's C answering own C (one move earlier), i[1]: answering own D */
ENT_GS_MOVE(mv_downing)
{
    if (v->turn == 0) return ENT_D;
    if (v->turn == 1) {
        if (v->opp[0] == ENT_C) s->i[0]++;    /* the opening C answers a notional C */
        return ENT_D;
    }
    if (v->own[v->turn - 2] == ENT_C && LAST_OPP == ENT_C) s->i[0]++;
    if (v->own[v->turn - 2] == ENT_D && LAST_OPP == ENT_C) s->i[1]++;
    int own_def = v->turn - v->own_coop;
    double alpha = s->i[0] / (double)(v->own_coop + 1);
    double beta = s->i[1] / (double)(own_def > 2 ? own_def : 2);
    double ec = alpha * v->R + (1 - alpha) * v->S;
    double ed = beta * v->T + (1 - beta) * v->P;
    if (ec > ed) return ENT_C;
    if (ec < ed) return ENT_D;
    return 1 - LAST_OWN;                        /* a tie alternates */
}
const ent_gs_type ent_gs_downing = {
    .name = "Downing", .axelrod = "First by Downing",
    .doc = "defects on the first two moves; then estimates the opponent's chances of "
           "cooperating after its own C (alpha) and D (beta) and cooperates if "
           "alpha R + (1-alpha) S exceeds beta T + (1-beta) P, defects if less, alternates on a tie",
    .reference = "Axelrod 1980; Downing, L. L. (1975) The Prisoner's Dilemma game as a "
                 "problem-solving phenomenon. Simulation & Games 6(4):366-391",
    .flags = ENT_GS_USES_GAME, .move = mv_downing };

ENT_GS_MOVE(mv_feld)
{
    if (v->turn == 0) return ENT_C;
    if (LAST_OPP == ENT_D) return ENT_D;
    double slope = (p[1] - p[0]) / p[2];
    double q = p[0] + slope * v->turn;
    return ent_gs_choose(q > p[1] ? q : p[1], r);
}
static const ent_param_desc feld_params[] = {
    { "start_coop_prob", ENT_P_REAL, 1.0, 0, 1, "probability", "cooperation after C at the start",
      NULL, 0, 0 },
    { "end_coop_prob", ENT_P_REAL, 0.5, 0, 1, "probability", "cooperation after C in the end",
      NULL, 1, 0 },
    { "rounds_of_decay", ENT_P_INT, 200, 1, 1e6, "moves", "moves of the linear decline", NULL, 2, 0 },
};
const ent_gs_type ent_gs_feld = {
    .name = "Feld", .axelrod = "First by Feld",
    .doc = "Tit For Tat whose cooperation after the opponent's cooperation declines linearly "
           "from 1 to 0.5 by move 200; always defects after a defection",
    .reference = AX80, .params = feld_params, .n_params = 3, .flags = ENT_GS_STOCHASTIC,
    .move = mv_feld };

ENT_GS_MOVE(mv_grofman)
{
    if (v->turn == 0 || LAST_OWN == LAST_OPP) return ENT_C;
    return ent_gs_choose(2.0 / 7.0, r);
}
const ent_gs_type ent_gs_grofman = {
    .name = "Grofman", .axelrod = "First by Grofman",
    .doc = "cooperates first and whenever both players made the same move last time; "
           "otherwise cooperates with probability 2/7", .reference = AX80,
    .flags = ENT_GS_STOCHASTIC, .move = mv_grofman };

ENT_GS_MOVE(mv_nydegger)
{
    /* A = 16 a1 + 4 a2 + a3 over the last three rounds (a1 the latest),
    ** a = 1 for an own defection + 2 for the opponent's */
    static const unsigned char defect_on[] = { 1, 6, 7, 17, 22, 23, 26, 29, 30, 31, 33, 38, 39,
                                               45, 49, 54, 55, 58, 61 };
    if (v->turn == 0) return ENT_C;
    if (v->turn == 1) return LAST_OPP;
    if (v->turn == 2) {
        if (v->opp[0] == ENT_D && v->opp[1] == ENT_C) return ENT_D;
        return LAST_OPP;
    }
    int A = 0, w[3] = { 16, 4, 1 };
    for (int k = 0; k < 3; k++) {
        int t0 = v->turn - 1 - k;
        A += w[k] * (v->own[t0] + 2 * v->opp[t0]);
    }
    for (size_t k = 0; k < sizeof defect_on; k++)
        if (defect_on[k] == A) return ENT_D;
    return ENT_C;
}
const ent_gs_type ent_gs_nydegger = {
    .name = "Nydegger", .axelrod = "First by Nydegger",
    .doc = "Tit For Tat for three moves (defecting on the third if the opponent played D, C); "
           "then, with A = 16 a1 + 4 a2 + a3 over the last three rounds (a = 1 for an own "
           "defection plus 2 for the opponent's), defects only when A is one of 1, 6, 7, 17, 22, "
           "23, 26, 29, 30, 31, 33, 38, 39, 45, 49, 54, 55, 58, 61",
    .reference = AX80, .move = mv_nydegger };

/* i[0] retaliating, i[1] retaliation length, i[2] remaining */
ENT_GS_MOVE(mv_shubik)
{
    if (v->turn == 0) return ENT_C;
    if (s->i[0]) {
        if (--s->i[2] == 0) s->i[0] = 0;
        return ENT_D;
    }
    if (LAST_OPP == ENT_D && LAST_OWN == ENT_C) {
        s->i[1]++;
        s->i[2] = s->i[1] - 1;
        s->i[0] = s->i[2] > 0;
        return ENT_D;
    }
    return ENT_C;
}
const ent_gs_type ent_gs_shubik = {
    .name = "Shubik", .axelrod = "First by Shubik",
    .doc = "cooperates until the opponent defects while it cooperates; then defects k times "
           "(k = 1, 2, 3, ... growing by one with each such departure from mutual cooperation) "
           "and resumes cooperating", .reference = AX80, .move = mv_shubik };

ENT_GS_MOVE(mv_tullock)
{
    if (v->turn < 11) return ENT_C;
    int coop = 0;
    for (int k = v->turn - 10; k < v->turn; k++)
        coop += v->opp[k] == ENT_C;
    double q = coop / 10.0 - 0.1;
    return ent_gs_choose(q > 0.0 ? q : 0.0, r);
}
const ent_gs_type ent_gs_tullock = {
    .name = "Tullock", .axelrod = "First by Tullock",
    .doc = "cooperates on the first 11 moves; then cooperates with probability 0.1 below the "
           "opponent's cooperation rate over its last 10 moves", .reference = AX80,
    .flags = ENT_GS_STOCHASTIC, .move = mv_tullock };

ENT_GS_MOVE(mv_anonymous)
{
    double q = 0.3 + 0.4 * gsl_rng_uniform(r);
    return ent_gs_choose(q, r);
}
const ent_gs_type ent_gs_anonymous = {
    .name = "Anonymous", .axelrod = "First by Anonymous",
    .doc = "cooperates with a probability drawn uniformly from [0.3, 0.7] on each move (the "
           "entry whose author's name was withheld)", .reference = AX80,
    .flags = ENT_GS_STOCHASTIC, .move = mv_anonymous };

/* i[0]: the opponent judged random at the last check */
ENT_GS_MOVE(mv_stein_rapoport)
{
    int round = v->turn + 1, move;
    if (round < 5) {
        move = ENT_C;
    } else if (round < 15) {
        move = LAST_OPP;
    } else {
        if (round % 15 == 0) {
            /* chi-squared test of the opponent's C/D counts against 50-50 */
            double n = v->turn, c = v->opp_coop, d = n - c;
            double chi2 = ((c - n / 2) * (c - n / 2) + (d - n / 2) * (d - n / 2)) / (n / 2);
            s->i[0] = gsl_cdf_chisq_Q(chi2, 1.0) >= p[0];
        }
        move = s->i[0] ? ENT_D : LAST_OPP;
    }
    if (v->length > 0 && v->turn >= v->length - 2)
        move = ENT_D;           /* defects on the last two moves when the length is known */
    return move;
}
static const ent_param_desc sr_params[] = {
    { "alpha", ENT_P_REAL, 0.05, 0, 1, "probability", "significance level of the randomness test",
      NULL, 0, 0 },
};
const ent_gs_type ent_gs_stein_rapoport = {
    .name = "SteinAndRapoport", .axelrod = "First by Stein and Rapoport",
    .doc = "cooperates on the first 4 moves, then Tit For Tat; every 15 moves a chi-squared test "
           "of the opponent's cooperations against 50-50 (p >= alpha: random) makes it defect "
           "until the next test; defects on the last two moves when the length is known",
    .reference = AX80, .params = sr_params, .n_params = 1, .flags = ENT_GS_USES_LENGTH,
    .move = mv_stein_rapoport };

/* Cycle of length 1..min(n/2, 12) repeated through the whole history. */
static int has_cycle(const unsigned char *h, int n)
{
    int max = n / 2 < 12 ? n / 2 : 12;
    for (int len = 1; len <= max; len++) {
        int ok = 1;
        for (int j = len; j < n && ok; j++)
            ok = h[j] == h[j % len];
        if (ok) return 1;
    }
    return 0;
}

/* i[0]: a cycle was found in the opponent's first 20 moves */
ENT_GS_MOVE(mv_calculator)
{
    static const double joss[4] = { 0.9, 0, 0.9, 0 };
    if (v->turn < 20)
        return ent_gs_memory_one(joss, ENT_C, v, r);
    if (v->turn == 20)
        s->i[0] = has_cycle(v->opp, 20);
    return s->i[0] ? ENT_D : LAST_OPP;
}
const ent_gs_type ent_gs_calculator = {
    .name = "Calculator", .axelrod = "Calculator",
    .doc = "plays Joss (0.9) for 20 moves; if the opponent's first 20 moves repeat a cycle "
           "(of length 1 to 10, so also Cooperator's) it defects for ever, otherwise Tit For Tat",
    .reference = "Beaufils, B., Delahaye, J.-P. & Mathieu, P. (1998) PRISON software, Univ. Lille",
    .flags = ENT_GS_STOCHASTIC, .move = mv_calculator };
