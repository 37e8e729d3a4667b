/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** game_strategies_second.c: entries of Axelrod's second tournament (1980b)
** as the Axelrod library (4.13) implements them, most reverse-engineered
** from the surviving Fortran code (names K32R ... K88R), and two strategies
** of that library used to probe others: Random Hunter and AntiCycler.
**
** Conventions: `T` below is the 1-based number of the move being chosen
** (v->turn + 1). Strategies that keep their own or the opponent's score
** compute it from the view's payoffs; the opponent's score assumes the game
** is symmetric (the opponent earns u(its move, own move) from R, S, T, P), as
** the second tournament's Prisoner's Dilemma is. Random draws come only from
** the match's generator, in the order the moves are chosen.
*/
#include <limits.h>
#include <math.h>
#include "entente/game_strategy.h"

#define LAST_OPP (v->opp[v->turn - 1])
#define LAST_OWN (v->own[v->turn - 1])
#define FLIP(m) (1 - (m))
#define OPP_DEFECTIONS (v->turn - v->opp_coop)

static const char AX80B[] = "Axelrod, R. (1980) More effective choice in the Prisoner's Dilemma. "
                            "J. Conflict Resolution 24(3):379-403; as implemented in the Axelrod "
                            "library 4.13 (from the Fortran code of the entry)";
static const char LIB[] = "Knight, V. et al. (2016) An open reproducible framework for the study "
                          "of the iterated Prisoner's Dilemma. J. Open Research Software 4(1):e35 "
                          "(Axelrod library)";

static int popcount(unsigned x)
{
    int n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

/* Own payoff of the last round, and the opponent's (symmetric game). */
static double own_last(const ent_gs_view *v) { return ent_gs_payoff(v, LAST_OWN, LAST_OPP); }
static double opp_last(const ent_gs_view *v) { return ent_gs_payoff(v, LAST_OPP, LAST_OWN); }

/* C when a uniform draw is at most p (the Fortran entries compare with <=). */
static int coop_if_draw_le(double p, gsl_rng *r) { return gsl_rng_uniform(r) <= p ? ENT_C : ENT_D; }

/* ---- Champion (K61R) ---------------------------------------------------------- */

ENT_GS_MOVE(mv_champion)
{
    if (v->turn < 10) return ENT_C;
    if (v->turn < 25) return LAST_OPP;
    if (LAST_OPP == ENT_D) {
        double share = OPP_DEFECTIONS / (double)v->turn;
        double u = gsl_rng_uniform(r);
        if (share >= (u > 0.4 ? u : 0.4)) return ENT_D;
    }
    return ENT_C;
}
const ent_gs_type ent_gs_second_champion = {
    .name = "SecondByChampion", .axelrod = "Second by Champion",
    .doc = "cooperates on moves 1-10, Tit For Tat on moves 11-25; then cooperates unless the "
           "opponent defected last, has defected on at least 40% of its moves and on more "
           "than a uniform draw's share of them (Danny Champion, K61R)",
    .reference = AX80B, .flags = ENT_GS_STOCHASTIC, .move = mv_champion };

/* ---- Eatherley (K46R) ----------------------------------------------------------- */

ENT_GS_MOVE(mv_eatherley)
{
    if (v->turn == 0 || LAST_OPP == ENT_C) return ENT_C;
    return ent_gs_choose(1.0 - OPP_DEFECTIONS / (double)v->turn, r);
}
const ent_gs_type ent_gs_second_eatherley = {
    .name = "SecondByEatherley", .axelrod = "Second by Eatherley",
    .doc = "cooperates first and after the opponent's cooperation; after its defection defects "
           "with probability equal to the opponent's share of defections so far (Graham "
           "Eatherley, K46R)", .reference = AX80B, .flags = ENT_GS_STOCHASTIC,
    .move = mv_eatherley };

/* ---- Tester and Gladstein (K76R) -------------------------------------------------- */

/* i[0]: playing Tit For Tat after the opponent's first defection */
ENT_GS_MOVE(mv_tester)
{
    if (v->turn == 0) return ENT_D;
    if (s->i[0]) return LAST_OPP;
    if (LAST_OPP == ENT_D) {
        s->i[0] = 1;
        return ENT_C;
    }
    if (v->turn <= 2) return ENT_C;
    return FLIP(LAST_OWN);
}
const ent_gs_type ent_gs_second_tester = {
    .name = "SecondByTester", .axelrod = "Second by Tester",
    .doc = "defects first, then cooperates twice and alternates D, C; once the opponent "
           "defects it apologises with a C and plays Tit For Tat for the rest of the match "
           "(David Gladstein's TESTER as described in the paper)",
    .reference = AX80B, .move = mv_tester };

/* i[0]: the opponent has defected (no longer a patsy) */
ENT_GS_MOVE(mv_gladstein)
{
    if (v->turn == 0) return ENT_D;
    if (s->i[0]) return LAST_OPP;
    if (LAST_OPP == ENT_D) {
        s->i[0] = 1;
        return ENT_C;
    }
    return v->own_coop / (double)v->turn > 0.5 ? ENT_D : ENT_C;
}
const ent_gs_type ent_gs_second_gladstein = {
    .name = "SecondByGladstein", .axelrod = "Second by Gladstein",
    .doc = "defects first; while the opponent has never defected, defects whenever its own "
           "cooperation rate exceeds 1/2, else cooperates; at the opponent's first defection "
           "apologises with a C and plays Tit For Tat from then on (K76R)",
    .reference = AX80B, .move = mv_gladstein };

/* ---- Tranquilizer (K67R) ----------------------------------------------------------- */

/* i[0] moves since a defection made while doing well (0, 1, 2), i[1] the
** opponent's current run of defections, i[2], i[3] the counts behind the
** running means d[0] (one move after such a defection) and d[1] (two moves
** after), d[2], d[3] own and opponent's scores */
ENT_GS_RESET(rs_tranquilizer)
{
    s->i[2] = 1;
    s->i[3] = 1;
    s->d[0] = 5.0;
}
ENT_GS_MOVE(mv_tranquilizer)
{
    if (v->turn == 0) return ENT_C;
    int o = LAST_OPP, m = LAST_OWN;
    s->d[2] += own_last(v);
    s->d[3] += opp_last(v);
    s->i[1] = o == ENT_D ? s->i[1] + 1 : 0;
    double outcome = (3 - 3 * o) + 2 * m - o * m;       /* 3, 0, 5, 1 by (own, opp) */
    if (s->i[0] == 2) {
        s->i[0] = 0;
        s->d[1] = (s->d[1] * s->i[3] + outcome) / (s->i[3] + 1);
        s->i[3]++;
    } else if (s->i[0] == 1) {
        s->i[0] = 2;
        s->d[0] = (s->d[0] * s->i[2] + outcome) / (s->i[2] + 1);
        s->i[2]++;
    }
    if (s->i[0] == 1 || s->i[0] == 2) return ENT_C;
    double n1 = v->turn + 1.0;
    double mean = s->d[2] / n1;
    if (mean >= 2.25) {
        double q = 0.95 - (s->d[0] + s->d[1] - 5.0) / 15.0 + 1.0 / (n1 * n1) - o / 4.0;
        if (coop_if_draw_le(q, r) == ENT_C) return ENT_C;
        s->i[0] = 1;
        return ENT_D;
    }
    if (mean >= 1.75) {
        double q = 0.25 + (v->opp_coop + 1) / n1 - s->i[1] * 0.25 + (s->d[2] - s->d[3]) / 100.0 +
                   4.0 / n1;
        return coop_if_draw_le(q, r);
    }
    return o;
}
const ent_gs_type ent_gs_second_tranquilizer = {
    .name = "SecondByTranquilizer", .axelrod = "Second by Tranquilizer",
    .doc = "cooperates first; while its mean payoff is at least 2.25 it mostly cooperates but "
           "throws in single defections, each followed by two cooperations, at a rate set by "
           "how well past defections paid; between 1.75 and 2.25 it cooperates with a "
           "probability rising with the opponent's cooperation; below, Tit For Tat (Craig "
           "Feathers, K67R)",
    .reference = AX80B, .flags = ENT_GS_STOCHASTIC | ENT_GS_USES_GAME,
    .reset = rs_tranquilizer, .move = mv_tranquilizer };

/* ---- Grofman (K86R) --------------------------------------------------------------- */

ENT_GS_MOVE(mv_second_grofman)
{
    if (v->turn < 2) return ENT_C;
    if (v->turn <= 6) return LAST_OPP;
    /* the opponent's defections among the 8 moves before the last, skipping the last */
    int lo = v->turn - 8 > 0 ? v->turn - 8 : 0, n = 0;
    for (int k = lo; k < v->turn - 1; k++)
        n += v->opp[k] == ENT_D;
    if (LAST_OWN == ENT_C && n <= 2) return ENT_C;
    if (LAST_OWN == ENT_D && n <= 1) return ENT_C;
    return ENT_D;
}
const ent_gs_type ent_gs_second_grofman = {
    .name = "SecondByGrofman", .axelrod = "Second by Grofman",
    .doc = "cooperates on moves 1-2, Tit For Tat on moves 3-7; then counts the opponent's "
           "defections on the 7 moves before its last: after an own C cooperates if at most "
           "2, after an own D if at most 1, else defects (Bernard Grofman, K86R)",
    .reference = AX80B, .move = mv_second_grofman };

/* ---- Kluepfel (K32R) -------------------------------------------------------------- */

/* i[0] opponent's C after own D, i[1] its D after own D, i[2] its D after
** own C, i[3] its C after own C (responses one move later) */
ENT_GS_MOVE(mv_kluepfel)
{
    if (v->turn >= 2) {
        int mine = v->own[v->turn - 2];
        if (mine == ENT_D) s->i[LAST_OPP == ENT_C ? 0 : 1]++;
        else s->i[LAST_OPP == ENT_C ? 3 : 2]++;
    }
    if (v->turn > 26) {
        double afterd = s->i[0] + s->i[1], afterc = s->i[2] + s->i[3];
        if (s->i[0] >= afterd / 2 - 0.75 * sqrt(afterd) &&
            s->i[2] >= afterc / 2 - 0.75 * sqrt(afterc))
            return ENT_D;       /* looks random */
    }
    int m1 = v->turn >= 1 ? v->opp[v->turn - 1] : ENT_C;
    int m2 = v->turn >= 2 ? v->opp[v->turn - 2] : ENT_C;
    int m3 = v->turn >= 3 ? v->opp[v->turn - 3] : ENT_C;
    if (m1 == m2 && m2 == m3) return m1;
    double u = gsl_rng_uniform(r);
    if (m1 == m2) return u < 0.9 ? m1 : FLIP(m1);
    if (m1 == ENT_C) return u < 0.7 ? ENT_C : ENT_D;
    return u < 0.6 ? ENT_D : ENT_C;
}
const ent_gs_type ent_gs_second_kluepfel = {
    .name = "SecondByKluepfel", .axelrod = "Second by Kluepfel",
    .doc = "after move 27 defects if the opponent's answers to its C and to its D look random "
           "(test of the response counts); otherwise copies the opponent's last move if its "
           "last three agree, with probability 0.9 if its last two agree, else cooperates "
           "with probability 0.7 after its C and 0.4 after its D (Charles Kluepfel, K32R)",
    .reference = AX80B, .flags = ENT_GS_STOCHASTIC, .move = mv_kluepfel };

/* ---- Borufsen (K42R) -------------------------------------------------------------- */

/* i[0] opponent's C after own D, i[1] after own C (since the last check),
** i[2] run of mutual defections, i[3] run of echoes, i[4] turn the next
** defection into a C, i[5] defect mode */
ENT_GS_MOVE(mv_borufsen)
{
    int T = v->turn + 1;
    if (T == 1) return ENT_C;
    if (T >= 3 && LAST_OPP == ENT_C) s->i[v->own[v->turn - 2] == ENT_C ? 1 : 0]++;
    if (T > 2 && T % 25 == 2) {
        int was_defecting = s->i[5];
        int coops = s->i[0] + s->i[1];
        s->i[5] = coops < 3 || (coops >= 8 && coops <= 17 && s->i[1] / (double)coops < 0.7);
        s->i[0] = s->i[1] = 0;
        if (s->i[5]) s->i[2] = s->i[3] = s->i[4] = 0;
        else if (was_defecting) return ENT_D;
    }
    if (s->i[5]) return ENT_D;
    s->i[2] = LAST_OWN == ENT_D && LAST_OPP == ENT_D ? s->i[2] + 1 : 0;
    if (s->i[2] >= 3) {
        s->i[2] = s->i[3] = 0;
        return ENT_C;
    }
    int my2 = T >= 3 ? v->own[v->turn - 2] : ENT_C, opp2 = T >= 3 ? v->opp[v->turn - 2] : ENT_C;
    if (LAST_OWN != LAST_OPP && LAST_OWN == opp2 && LAST_OPP == my2) s->i[3]++;
    else s->i[3] = 0;
    if (s->i[3] >= 3) {
        s->i[2] = s->i[3] = 0;
        s->i[4] = 1;
    }
    if (LAST_OPP == ENT_C) return ENT_C;
    if (s->i[4]) {
        s->i[4] = 0;
        return ENT_C;
    }
    return ENT_D;
}
const ent_gs_type ent_gs_second_borufsen = {
    .name = "SecondByBorufsen", .axelrod = "Second by Borufsen",
    .doc = "Tit For Tat that cooperates once after three mutual defections and turns the next "
           "defection into a C after three echoes (alternating C-D/D-C); every 25 moves from "
           "move 27 it switches to defecting if the opponent cooperated fewer than 3 times, or "
           "8-17 times with less than 70% of them after its own C (Otto Borufsen, K42R)",
    .reference = AX80B, .move = mv_borufsen };

/* ---- Cave (K49R) ------------------------------------------------------------------ */

ENT_GS_MOVE(mv_cave)
{
    int T = v->turn + 1;
    if (T == 1) return ENT_C;
    int nd = OPP_DEFECTIONS;
    double share = nd / (double)T;
    if ((T > 39 && share > 0.39) || (T > 29 && share > 0.65) || (T > 19 && share > 0.79))
        return ENT_D;
    if (LAST_OPP == ENT_D) return nd > 17 ? ENT_D : ent_gs_choose(0.5, r);
    return ENT_C;
}
const ent_gs_type ent_gs_second_cave = {
    .name = "SecondByCave", .axelrod = "Second by Cave",
    .doc = "cooperates first; defects against an opponent that defects too often (more than "
           "39% of moves after move 39, 65% after 29, 79% after 19); otherwise answers C with "
           "C and D with D once the opponent has 18 defections, before that with a coin toss "
           "(Rob Cave, K49R)", .reference = AX80B, .flags = ENT_GS_STOCHASTIC, .move = mv_cave };

/* ---- WmAdams (K44R) --------------------------------------------------------------- */

ENT_GS_MOVE(mv_wmadams)
{
    if (v->turn <= 1) return ENT_C;
    int nd = OPP_DEFECTIONS - (v->opp[0] == ENT_D);
    if (nd == 4 || nd == 7 || nd == 9) return ENT_D;
    if (nd > 9 && LAST_OPP == ENT_D) return ent_gs_choose(pow(0.5, nd - 9), r);
    return ENT_C;
}
const ent_gs_type ent_gs_second_wmadams = {
    .name = "SecondByWmAdams", .axelrod = "Second by WmAdams",
    .doc = "counts the opponent's defections after its first move (c); cooperates on moves 1-2; "
           "defects when c is 4, 7 or 9; beyond 9, after the opponent's defection cooperates "
           "only with probability 0.5^(c-9); otherwise cooperates (William Adams, K44R)",
    .reference = AX80B, .flags = ENT_GS_STOCHASTIC, .move = mv_wmadams };

/* ---- GraaskampKatzen (K60R) --------------------------------------------------------- */

/* i[0] defect mode, d[0] own score */
ENT_GS_MOVE(mv_graaskamp_katzen)
{
    static const struct { int move; double score; } checks[] = {
        { 11, 23 }, { 21, 53 }, { 31, 83 }, { 41, 113 }, { 51, 143 }, { 101, 293 },
    };
    if (s->i[0]) return ENT_D;
    int T = v->turn + 1;
    if (T == 1) return ENT_C;
    s->d[0] += own_last(v);
    for (size_t k = 0; k < sizeof checks / sizeof checks[0]; k++)
        if (T == checks[k].move && s->d[0] < checks[k].score) {
            s->i[0] = 1;
            return ENT_D;
        }
    return LAST_OPP;
}
const ent_gs_type ent_gs_second_graaskamp_katzen = {
    .name = "SecondByGraaskampKatzen", .axelrod = "Second by GraaskampKatzen",
    .doc = "Tit For Tat, but defects for ever if its score falls short at a checkpoint: below "
           "23 on move 11, 53 on 21, 83 on 31, 113 on 41, 143 on 51 or 293 on 101 (Jim "
           "Graaskamp and Ken Katzen, K60R)",
    .reference = AX80B, .flags = ENT_GS_USES_GAME, .move = mv_graaskamp_katzen };

/* ---- Weiner (K41R) ---------------------------------------------------------------- */

/* i[0] forgive flag, i[1] grudge, i[2] defection padding, i[3] the
** opponent's defections as a 12-bit ring (one move late), i[4] ring index */
static int weiner_return(const ent_gs_state *s, int move)
{
    return popcount((unsigned)s->i[3]) >= 5 ? ENT_D : move;
}
ENT_GS_MOVE(mv_weiner)
{
    if (v->turn == 0) return ENT_C;
    if (v->turn >= 2) {
        unsigned bit = 1u << s->i[4];
        if (v->opp[v->turn - 2] == ENT_D) s->i[3] = (int)((unsigned)s->i[3] | bit);
        else s->i[3] = (int)((unsigned)s->i[3] & ~bit);
        s->i[4] = (s->i[4] + 1) % 12;
    }
    if (s->i[0]) {
        s->i[0] = 0;
        s->i[2] = 0;
        if (s->i[1] < v->turn + 1 && LAST_OPP == ENT_D) {
            s->i[1] += 20;
            return weiner_return(s, ENT_C);
        }
        return weiner_return(s, LAST_OPP);
    }
    if (LAST_OPP == ENT_D) {
        s->i[2]++;
    } else {
        if (s->i[2] % 2 == 1) s->i[0] = 1;
        s->i[2] = 0;
    }
    return weiner_return(s, LAST_OPP);
}
const ent_gs_type ent_gs_second_weiner = {
    .name = "SecondByWeiner", .axelrod = "Second by Weiner",
    .doc = "Tit For Tat that forgives a defection coming right after an odd run of the "
           "opponent's defections (at most once per 20 moves), and defects whenever 5 of the "
           "opponent's 12 moves before the last were defections (Herb Weiner, K41R)",
    .reference = AX80B, .move = mv_weiner };

/* ---- Harrington (K75R) -------------------------------------------------------------- */

enum { HAR_NORMAL, HAR_FAIR, HAR_DEFECT };
#define H_MODE s->i[0]
#define H_EXIT s->i[1]
#define H_WAS_DEF s->i[2]
#define H_MORE_COOP s->i[3]
#define H_GENEROUS s->i[4]      /* moves since the last generous defection */
#define H_BURNED s->i[5]
#define H_STREAK s->i[6]
#define H_PBIT s->i[7]
#define H_PROB s->d[0]
#define H_PSTREAK(b) s->d[1 + (b)]
#define H_PLIMIT s->d[3]
#define H_PHITS s->d[4]

ENT_GS_RESET(rs_harrington)
{
    H_GENEROUS = 3;
    H_PROB = 0.25;
    H_PLIMIT = 5;
}

/* A move with the end-of-move bookkeeping: a C spends a scheduled
** cooperation (lower), a D adds to the current parity streak (parity). */
static int har_return(ent_gs_state *s, int move, int lower, int parity)
{
    if (lower && move == ENT_C) {
        H_MORE_COOP--;
        H_GENEROUS++;
    }
    if (parity && move == ENT_D) H_PSTREAK(H_PBIT) += 1;
    return move;
}

/* The opponent looks random: the table of its moves (column) by the two
** players' moves one move earlier (row), over moves 2..T-1, passes a
** chi-squared test of independence (cells expected above 1 only), unless
** mutual cooperation dominates or the opponent mostly cooperates or defects. */
static int har_random(const ent_gs_view *v, int T)
{
    double tab[4][2] = { { 0 } }, denom = T - 2, defects = 0;
    for (int k = 1; k < v->turn; k++) {
        int row = (v->opp[k - 1] == ENT_D) + 2 * (v->own[k - 1] == ENT_D);
        tab[row][v->opp[k] == ENT_D] += 1;
        defects += v->opp[k] == ENT_D;
    }
    if (tab[0][0] / denom >= 0.8) return 0;
    if (defects / denom < 0.25 || defects / denom > 0.75) return 0;
    double rows[4], cols[2] = { 0, 0 }, chi2 = 0;
    for (int i = 0; i < 4; i++) {
        rows[i] = tab[i][0] + tab[i][1];
        cols[0] += tab[i][0];
        cols[1] += tab[i][1];
    }
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 2; j++) {
            double e = rows[i] * cols[j] / denom;
            if (e > 1.0) chi2 += (e - tab[i][j]) * (e - tab[i][j]) / e;
        }
    return chi2 <= 3.0;
}

ENT_GS_MOVE(mv_harrington)
{
    int T = v->turn + 1;
    if (T == 1) return ENT_C;
    int last = LAST_OPP;
    if (H_MODE == HAR_DEFECT) {
        H_EXIT += last == ENT_D ? 1 : -3;
        if (H_EXIT >= 11) {
            H_MODE = HAR_NORMAL;
            H_WAS_DEF = 1;
            H_MORE_COOP = 2;
            return ENT_C;
        }
        return ENT_D;
    }
    if (!H_WAS_DEF && T % 15 == 0 && T > 15 && har_random(v, T)) {
        H_MODE = HAR_DEFECT;
        return ENT_D;
    }
    if (H_GENEROUS == 2 && last == ENT_D) H_BURNED = 1;
    if (T == 38 && last == ENT_D && v->opp_coop == 36) {
        H_MODE = HAR_FAIR;
        return ENT_C;
    }
    if (H_MODE == HAR_FAIR) {
        if (last == ENT_D) H_MODE = HAR_NORMAL;
        else return har_return(s, ENT_C, 1, 0);
    }
    /* twenty defections in a row */
    H_STREAK = last == ENT_D ? H_STREAK + 1 : 0;
    if (H_STREAK >= 20) return har_return(s, ENT_D, 1, 1);
    /* parity streaks: two counters of the opponent's defections, taken in turn */
    H_PBIT = 1 - H_PBIT;
    if (last == ENT_D) H_PSTREAK(H_PBIT) += 1;
    else H_PSTREAK(H_PBIT) = 0;
    if (H_PSTREAK(H_PBIT) >= H_PLIMIT) {
        H_PSTREAK(H_PBIT) = 0;
        H_PHITS += 1;
        if (H_PHITS >= 8) H_PLIMIT = 3;
        return har_return(s, ENT_C, 1, 1);
    }
    if (H_MORE_COOP >= 1) return har_return(s, ENT_C, 1, 1);
    if (T < 37) return har_return(s, last, 1, 1);
    if (T == 37) {
        H_MORE_COOP = 2;
        H_GENEROUS = 1;
        return ENT_D;
    }
    if (H_BURNED || gsl_rng_uniform(r) > H_PROB) return har_return(s, last, 1, 1);
    H_PROB += 0.05;
    H_MORE_COOP = 2;
    H_GENEROUS = 1;
    return ENT_D;
}
const ent_gs_type ent_gs_second_harrington = {
    .name = "SecondByHarrington", .axelrod = "Second by Harrington",
    .doc = "Tit For Tat for 36 moves, a generous defection on move 37 followed by two "
           "cooperations, then such defections with probability 0.25 rising by 0.05 each time "
           "until the opponent answers one with a defection; defects against 20 defections in "
           "a row, breaks alternating deadlocks, and switches to defecting (for a while) "
           "against an opponent a chi-squared test every 15 moves finds random (Paul "
           "Harrington, K75R)",
    .reference = AX80B, .flags = ENT_GS_STOCHASTIC, .reset = rs_harrington,
    .move = mv_harrington };

/* ---- Tideman and Chieruzzi (K84R) ----------------------------------------------------- */

/* d[0], d[1] own and opponent's score since the last fresh start, d[2] the
** margin to beat, d[3] its increment, i[0] move of the last fresh start,
** i[1] second cooperation of a fresh start due */
ENT_GS_MOVE(mv_tideman_chieruzzi)
{
    int T = v->turn + 1;
    if (T == 1) return ENT_C;
    s->d[0] += own_last(v);
    s->d[1] += opp_last(v);
    if (s->i[1]) {
        s->d[0] = s->d[1] = s->d[2] = s->d[3] = 0;
        s->i[0] = T;
        s->i[1] = 0;
        return ENT_C;
    }
    int two_ago = v->turn >= 2 ? v->opp[v->turn - 2] : ENT_C;
    int cd = two_ago == ENT_C && LAST_OPP == ENT_D;
    if (cd) {
        s->d[2] += s->d[3];
        s->d[3] += 5;
    }
    if (s->d[0] - s->d[1] >= s->d[2]) return ENT_C;
    if (!cd && T - s->i[0] >= 10) {
        double n = v->turn, sd = sqrt(n) / 2;
        double nd = OPP_DEFECTIONS;
        if (nd <= n / 2 - 3 * sd || nd >= n / 2 + 3 * sd) {
            s->i[1] = 1;
            return ENT_C;
        }
    }
    return ENT_D;
}
const ent_gs_type ent_gs_second_tideman_chieruzzi = {
    .name = "SecondByTidemanAndChieruzzi", .axelrod = "Second by Tideman and Chieruzzi",
    .doc = "cooperates while its score leads the opponent's by at least a margin that grows "
           "(by 0, 5, 10, ...) each time the opponent plays C then D; otherwise defects, but "
           "offers a fresh start (two cooperations, scores and margin reset) at most every 10 "
           "moves when the opponent's defections are 3 standard deviations from half its moves "
           "(T. Nicolaus Tideman and Paula Chieruzzi, K84R)",
    .reference = AX80B, .flags = ENT_GS_USES_GAME, .move = mv_tideman_chieruzzi };

/* ---- Getzler (K35R) --------------------------------------------------------------- */

/* d[0]: flack, the opponent's defections discounted by half each move */
ENT_GS_MOVE(mv_getzler)
{
    if (v->turn == 0) return ENT_C;
    s->d[0] = (s->d[0] + (LAST_OPP == ENT_D)) * 0.5;
    return ent_gs_choose(1.0 - s->d[0], r);
}
const ent_gs_type ent_gs_second_getzler = {
    .name = "SecondByGetzler", .axelrod = "Second by Getzler",
    .doc = "cooperates first; then defects with probability equal to the sum over the "
           "opponent's defections of 0.5 to the power of how many moves ago each was made "
           "(Abraham Getzler, K35R)", .reference = AX80B, .flags = ENT_GS_STOCHASTIC,
    .move = mv_getzler };

/* ---- Leyvraz (K68R) --------------------------------------------------------------- */

ENT_GS_MOVE(mv_leyvraz)
{
    /* by the opponent's moves three, two and one moves ago (D = 1), missing ones C */
    static const double coop[8] = { 1.0, 0.5, 0.0, 0.25, 1.0, 1.0, 1.0, 0.25 };
    int k = 0;
    for (int back = 3; back >= 1; back--)
        k = 2 * k + (v->turn >= back ? v->opp[v->turn - back] : ENT_C);
    return ent_gs_choose(coop[k], r);
}
const ent_gs_type ent_gs_second_leyvraz = {
    .name = "SecondByLeyvraz", .axelrod = "Second by Leyvraz",
    .doc = "from the opponent's last three moves: after D, D defects with probability 0.75; "
           "else after a D three moves ago cooperates; else after a D two moves ago defects; "
           "else after a D cooperates with probability 0.5; otherwise cooperates (Francois "
           "Leyvraz, K68R)", .reference = AX80B, .flags = ENT_GS_STOCHASTIC,
    .move = mv_leyvraz };

/* ---- White (K72R) ----------------------------------------------------------------- */

ENT_GS_MOVE(mv_white)
{
    int T = v->turn + 1;
    if (T <= 10 || LAST_OPP == ENT_C) return ENT_C;
    return floor(log((double)T)) * OPP_DEFECTIONS >= T ? ENT_D : ENT_C;
}
const ent_gs_type ent_gs_second_white = {
    .name = "SecondByWhite", .axelrod = "Second by White",
    .doc = "cooperates on moves 1-10 and after the opponent's cooperation; after its defection "
           "on move T defects if floor(ln T) times the opponent's defections is at least T "
           "(Edward C. White, K72R)", .reference = AX80B, .move = mv_white };

/* ---- Black (K83R) ----------------------------------------------------------------- */

ENT_GS_MOVE(mv_black)
{
    static const double coop[6] = { 1.0, 1.0, 0.88, 0.68, 0.4, 0.04 };
    if (v->turn < 5) return ENT_C;
    int n = 0;
    for (int k = v->turn - 5; k < v->turn; k++)
        n += v->opp[k] == ENT_D;
    return ent_gs_choose(coop[n], r);
}
const ent_gs_type ent_gs_second_black = {
    .name = "SecondByBlack", .axelrod = "Second by Black",
    .doc = "cooperates on moves 1-5; then cooperates with probability 1 - (d^2 - 1)/25 where "
           "d is the opponent's defections among its last five moves (1 for d = 0) (Paul E. "
           "Black, K83R)", .reference = AX80B, .flags = ENT_GS_STOCHASTIC, .move = mv_black };

/* ---- Richard Hufford (K47R) --------------------------------------------------------- */

/* i[0] agreements (+2), i[1] the last four as bits, i[2] their index, i[3]
** cooperation streak needed, i[4] current streak, i[5] move of the last
** aberration (INT_MAX: none pending), i[6], i[7] the opponent's C and D
** answers to aberrations (+2 each) */
ENT_GS_RESET(rs_hufford)
{
    s->i[0] = 2;
    s->i[1] = 0xF;
    s->i[3] = 21;
    s->i[4] = 2;
    s->i[5] = INT_MAX;
    s->i[6] = 2;
    s->i[7] = 2;
}
ENT_GS_MOVE(mv_hufford)
{
    int T = v->turn + 1;
    if (T == 1) return ENT_C;
    s->i[2] = (s->i[2] + 1) % 4;
    int me2 = T > 2 ? v->own[v->turn - 2] : ENT_C;
    unsigned bit = 1u << s->i[2];
    if (me2 == LAST_OPP) {
        s->i[0]++;
        s->i[1] = (int)((unsigned)s->i[1] | bit);
    } else {
        s->i[1] = (int)((unsigned)s->i[1] & ~bit);
    }
    if (T < s->i[5]) {
        s->i[4] = LAST_OPP == ENT_C ? s->i[4] + 1 : 0;
        if (s->i[4] >= s->i[3]) {
            s->i[5] = T;
            if (s->i[4] == s->i[3]) return ENT_D;
        }
    } else if (s->i[5] != INT_MAX && T == s->i[5] + 2) {
        s->i[5] = INT_MAX;
        s->i[LAST_OPP == ENT_C ? 6 : 7]++;
        s->i[3] = (int)floor(20.0 * s->i[7] / s->i[6]) + 1;
        s->i[4] = 0;
        return ENT_C;
    }
    double agree = s->i[0] / (double)T;
    int last4 = popcount((unsigned)s->i[1]);
    if (agree > 0.9 && last4 >= 4) return ENT_C;
    if (agree >= 0.625 && last4 >= 2) return LAST_OPP;
    return ENT_D;
}
const ent_gs_type ent_gs_second_richard_hufford = {
    .name = "SecondByRichardHufford", .axelrod = "Second by RichardHufford",
    .doc = "counts the opponent's agreements (its move equal to its own move one earlier); "
           "cooperates if over 90% agree and the last four did, Tit For Tat if at least 62.5% "
           "and two of the last four, else defects; after a streak of the opponent's "
           "cooperations (21 at first, then set by its answers) it defects once as a test "
           "and cooperates two moves later (Richard Hufford, K47R)",
    .reference = AX80B, .reset = rs_hufford, .move = mv_hufford };

/* ---- Yamachi (K64R) --------------------------------------------------------------- */

/* d[0..7]: counts of (opponent's move, own next intended move, opponent's
** next move), index 4x + 2y + z with D = 1; i[0], i[1] own last and
** second-last intended moves (before the override) */
ENT_GS_MOVE(mv_yamachi)
{
    int T = v->turn + 1, move;
    if (T == 1) {
        move = ENT_C;
    } else {
        int us_last = s->i[0];
        int them2 = ENT_C, us2 = ENT_C, them3 = ENT_C;
        if (T >= 3) {
            them2 = v->opp[v->turn - 2];
            us2 = s->i[1];
        }
        if (T >= 4) them3 = v->opp[v->turn - 3];
        if (T >= 3) s->d[4 * them3 + 2 * us2 + them2] += 1;
        int base = 4 * them2 + 2 * us_last;
        move = s->d[base + ENT_C] >= s->d[base + ENT_D] ? ENT_C : ENT_D;
    }
    s->i[1] = s->i[0];
    s->i[0] = move;
    if (T > 40) {
        double share = (OPP_DEFECTIONS + 0.5) / T;
        if (share > 0.45 && share < 0.55) return ENT_D;
    }
    return move;
}
const ent_gs_type ent_gs_second_yamachi = {
    .name = "SecondByYamachi", .axelrod = "Second by Yamachi",
    .doc = "cooperates first; then predicts the opponent's answer from how often it answered "
           "the same (its move two ago, own last move) before, cooperating if C was at least "
           "as frequent; after move 40 defects while the opponent's defection rate is between "
           "45% and 55% (Brian Yamachi, K64R)", .reference = AX80B, .move = mv_yamachi };

/* ---- Colbert (K51R) --------------------------------------------------------------- */

/* i[0]: state of the finite-state machine */
ENT_GS_MOVE(mv_colbert)
{
    /* states 0-6 play the opening C C C C C D C C (state 4 gives move 6's D);
    ** state 7 answers C with C and D with D, D, C, C through states 8, 9, 10 */
    if (v->turn == 0) return ENT_C;
    int st = s->i[0], move;
    if (st < 7) {
        move = st == 4 ? ENT_D : ENT_C;
        st++;
    } else if (st == 7) {
        move = LAST_OPP;
        st = LAST_OPP == ENT_D ? 8 : 7;
    } else if (st == 8) {
        move = ENT_D;
        st = 9;
    } else if (st == 9) {
        move = ENT_C;
        st = 10;
    } else {
        move = ENT_C;
        st = 7;
    }
    s->i[0] = st;
    return move;
}
const ent_gs_type ent_gs_second_colbert = {
    .name = "SecondByColbert", .axelrod = "Second by Colbert",
    .doc = "opens C, C, C, C, C, D, C, C; then answers the opponent's C with C and its D with "
           "D, D, C, C, ignoring the opponent during that chain (William Colbert, K51R; a "
           "finite-state machine)", .reference = AX80B, .move = mv_colbert };

/* ---- Mikkelson (K66R) -------------------------------------------------------------- */

/* i[0]: credit */
ENT_GS_RESET(rs_mikkelson) { s->i[0] = 7; }
ENT_GS_MOVE(mv_mikkelson)
{
    int T = v->turn + 1;
    if (T == 1) return ENT_C;
    if (LAST_OPP == ENT_C) s->i[0] = s->i[0] + 1 > 8 ? 8 : s->i[0] + 1;
    else s->i[0] = s->i[0] - 2 < -7 ? -7 : s->i[0] - 2;
    if (T == 2 || s->i[0] > 0) return ENT_C;
    if (T <= 10) {
        s->i[0] = 4;
        return ENT_D;
    }
    return OPP_DEFECTIONS / (double)T >= 0.15 ? ENT_D : ENT_C;
}
const ent_gs_type ent_gs_second_mikkelson = {
    .name = "SecondByMikkelson", .axelrod = "Second by Mikkelson",
    .doc = "keeps a credit (7 at first, +1 for the opponent's C, -2 for its D, kept within "
           "-7..8); cooperates while it is positive; otherwise defects (resetting the credit "
           "to 4) within the first 10 moves, later defects if the opponent defected on at "
           "least 15% of moves (Ray Mikkelson, K66R)", .reference = AX80B,
    .reset = rs_mikkelson, .move = mv_mikkelson };

/* ---- Rowsam (K58R) ---------------------------------------------------------------- */

enum { ROW_NORMAL, ROW_DEFECT, ROW_CYCLE1, ROW_CYCLE2 };
/* i[0] mode, i[1] distrust points, d[0] own score */
ENT_GS_MOVE(mv_rowsam)
{
    int T = v->turn + 1;
    if (T > 1) s->d[0] += own_last(v);
    switch (s->i[0]) {
    case ROW_DEFECT: return ENT_D;
    case ROW_CYCLE1: s->i[0] = ROW_CYCLE2; return ENT_C;
    case ROW_CYCLE2: s->i[0] = ROW_NORMAL; return ENT_D;
    default: break;
    }
    if (T % 18 == 0 && s->i[1] >= 3) s->i[1]--;
    if (T % 6 != 0) return ENT_C;
    double per = s->d[0] / T;           /* the original divides by one move too many */
    if (per < 1.0) s->i[1] += 5;
    else if (per < 1.5) s->i[1] += 3;
    else if (per < 2.0) s->i[1] += 2;
    else if (per < 2.5) s->i[1] += 1;
    else return ENT_C;
    s->i[0] = s->i[1] >= 7 ? ROW_DEFECT : ROW_CYCLE1;
    return ENT_D;
}
const ent_gs_type ent_gs_second_rowsam = {
    .name = "SecondByRowsam", .axelrod = "Second by Rowsam",
    .doc = "cooperates; every 6 moves, if its score per move is below 2.5, adds distrust (5, 3, "
           "2 or 1 points below 1, 1.5, 2, 2.5) and plays D, C, D, or defects for ever once "
           "distrust reaches 7; every 18 moves distrust of 3 or more wears off by one (Glen "
           "Rowsam, K58R)", .reference = AX80B, .flags = ENT_GS_USES_GAME, .move = mv_rowsam };

/* ---- Appold (K88R) ---------------------------------------------------------------- */

/* i[0], i[1] the opponent's cooperations answering own C, D (two moves back);
** i[2], i[3] the counts of own C, D answered; i[4] the opponent's first
** defection after move 4 forgiven */
ENT_GS_RESET(rs_appold)
{
    s->i[1] = 1;
    s->i[3] = 1;
}
ENT_GS_MOVE(mv_appold)
{
    int T = v->turn + 1;
    int us2 = T <= 2 ? ENT_C : v->own[v->turn - 2];
    if (T > 1) {
        s->i[2 + us2]++;
        if (LAST_OPP == ENT_C) s->i[us2]++;
    }
    if (T <= 4) return ENT_C;
    if (LAST_OPP == ENT_D && !s->i[4]) {
        s->i[4] = 1;
        return ENT_C;
    }
    return ent_gs_choose(s->i[us2] / (double)s->i[2 + us2], r);
}
const ent_gs_type ent_gs_second_appold = {
    .name = "SecondByAppold", .axelrod = "Second by Appold",
    .doc = "cooperates on moves 1-4 and forgives the opponent's first defection after that; "
           "otherwise cooperates with the observed frequency with which the opponent answered "
           "its move of two moves ago (C or D) with a cooperation (Scott Appold, K88R)",
    .reference = AX80B, .flags = ENT_GS_STOCHASTIC, .reset = rs_appold, .move = mv_appold };

/* ---- Random Hunter, AntiCycler ------------------------------------------------------- */

/* i[0] the opponent's C answering own C, i[1] its D answering own D */
ENT_GS_MOVE(mv_random_hunter)
{
    if (v->turn > 1) {
        int mine = v->own[v->turn - 2];
        if (mine == ENT_C && LAST_OPP == ENT_C) s->i[0]++;
        if (mine == ENT_D && LAST_OPP == ENT_D) s->i[1]++;
    }
    if (v->turn > 10) {
        int own_def = v->turn - v->own_coop, any = 0, all = 1;
        if (v->own_coop > 5) {
            any = 1;
            all = all && fabs(s->i[0] / (double)v->own_coop - 0.5) < 0.25;
        }
        if (own_def > 5) {
            any = 1;
            all = all && fabs(s->i[1] / (double)own_def - 0.5) < 0.25;
        }
        if (any && all) return ENT_D;
    }
    return ENT_C;
}
const ent_gs_type ent_gs_random_hunter = {
    .name = "RandomHunter", .axelrod = "Random Hunter",
    .doc = "cooperates, but after move 11 defects while the opponent's answers look random: "
           "the shares of its C after own C and of its D after own D (each counted once "
           "there are more than 5 of the own move) all lie strictly within 0.25 of 1/2",
    .reference = LIB, .move = mv_random_hunter };

/* i[0] length of the current run of C, i[1] Cs played in it */
ENT_GS_RESET(rs_anti_cycler) { s->i[0] = 1; }
ENT_GS_MOVE(mv_anti_cycler)
{
    if (v->turn < 3) return v->turn == 0 ? ENT_C : ENT_D;
    if (s->i[1] < s->i[0]) {
        s->i[1]++;
        return ENT_C;
    }
    s->i[0]++;
    s->i[1] = 0;
    return ENT_D;
}
const ent_gs_type ent_gs_anti_cycler = {
    .name = "AntiCycler", .axelrod = "AntiCycler",
    .doc = "plays C, D, D, then C, D, C, C, D, C, C, C, D, ...: runs of 1, 2, 3, ... "
           "cooperations each closed by a defection, so its moves contain no cycle",
    .reference = LIB, .reset = rs_anti_cycler, .move = mv_anti_cycler };
