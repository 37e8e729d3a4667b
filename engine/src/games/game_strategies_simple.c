/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** game_strategies_simple.c: the reactive classics of the strategy library:
** unconditional and cyclic players, the Tit For Tat family, grudgers,
** majority rules, hunters, probers, Gradual and Adaptive. Each follows the
** Axelrod library's documented definition (first move, ties).
*/
#include <string.h>
#include "entente/game_strategy.h"

#define LAST_OPP (v->opp[v->turn - 1])
#define LAST_OWN (v->own[v->turn - 1])
#define FLIP(m) (1 - (m))
#define OPP_DEFECTIONS (v->turn - v->opp_coop)

static const char AX80[] = "Axelrod, R. (1980) Effective choice in the Prisoner's Dilemma. "
                           "J. Conflict Resolution 24(1):3-25";
static const char AX84[] = "Axelrod, R. (1984) The Evolution of Cooperation. Basic Books";
static const char LI11[] = "Li, J., Hingston, P. & Kendall, G. (2011) Engineering design of "
                           "strategies for winning iterated Prisoner's Dilemma competitions. "
                           "IEEE Trans. Comput. Intell. AI Games 3(4):348-360";
static const char PRISON98[] = "Beaufils, B., Delahaye, J.-P. & Mathieu, P. (1998) PRISON "
                               "software's strategy descriptions, Univ. Lille";
static const char LIB[] = "Knight, V. et al. (2016) An open reproducible framework for the study "
                          "of the iterated Prisoner's Dilemma. J. Open Research Software 4(1):e35 "
                          "(Axelrod library)";

/* ---- unconditional, random, cyclic ---------------------------------------- */

ENT_GS_MOVE(mv_cooperator) { return ENT_C; }
ENT_GS_MOVE(mv_defector) { return ENT_D; }
ENT_GS_MOVE(mv_random) { return ent_gs_choose(p[0], r); }
ENT_GS_MOVE(mv_alternator) { return v->turn == 0 ? ENT_C : FLIP(LAST_OWN); }
ENT_GS_MOVE(mv_cycler)
{
    size_t len = strlen(t->pattern);
    return t->pattern[(size_t)v->turn % len] == 'C' ? ENT_C : ENT_D;
}

const ent_gs_type ent_gs_cooperator = {
    .name = "Cooperator", .axelrod = "Cooperator",
    .doc = "always cooperates", .reference = AX84, .move = mv_cooperator };
const ent_gs_type ent_gs_defector = {
    .name = "Defector", .axelrod = "Defector",
    .doc = "always defects", .reference = AX84, .move = mv_defector };

static const ent_param_desc random_params[] = {
    { "p", ENT_P_REAL, 0.5, 0.0, 1.0, "probability", "probability of cooperating on each move",
      NULL, 0, 0 },
};
const ent_gs_type ent_gs_random = {
    .name = "Random", .axelrod = "Random",
    .doc = "cooperates with probability p on every move, independently of the past",
    .reference = AX80, .params = random_params, .n_params = 1, .flags = ENT_GS_STOCHASTIC,
    .move = mv_random };
const ent_gs_type ent_gs_alternator = {
    .name = "Alternator", .axelrod = "Alternator",
    .doc = "cooperates first, then plays the opposite of its own previous move (C, D, C, D, ...)",
    .reference = AX84, .move = mv_alternator };
const ent_gs_type ent_gs_cycler_ccd = {
    .name = "CyclerCCD", .axelrod = "Cycler CCD",
    .doc = "repeats the cycle C, C, D from the first move", .reference = LIB,
    .pattern = "CCD", .move = mv_cycler };
const ent_gs_type ent_gs_cycler_ddc = {
    .name = "CyclerDDC", .axelrod = "Cycler DDC",
    .doc = "repeats the cycle D, D, C from the first move", .reference = LIB,
    .pattern = "DDC", .move = mv_cycler };
const ent_gs_type ent_gs_cycler_cccd = {
    .name = "CyclerCCCD", .axelrod = "Cycler CCCD",
    .doc = "repeats the cycle C, C, C, D from the first move", .reference = LIB,
    .pattern = "CCCD", .move = mv_cycler };
const ent_gs_type ent_gs_cycler_cccccd = {
    .name = "CyclerCCCCCD", .axelrod = "Cycler CCCCCD",
    .doc = "repeats the cycle C, C, C, C, C, D from the first move", .reference = LIB,
    .pattern = "CCCCCD", .move = mv_cycler };

/* ---- Tit For Tat family ----------------------------------------------------- */

ENT_GS_MOVE(mv_tft) { return v->turn == 0 ? ENT_C : LAST_OPP; }
ENT_GS_MOVE(mv_tf2t)
{
    return v->turn >= 2 && v->opp[v->turn - 1] == ENT_D && v->opp[v->turn - 2] == ENT_D
           ? ENT_D : ENT_C;
}
ENT_GS_MOVE(mv_2tft)
{
    if (v->turn >= 1 && v->opp[v->turn - 1] == ENT_D) return ENT_D;
    if (v->turn >= 2 && v->opp[v->turn - 2] == ENT_D) return ENT_D;
    return ENT_C;
}
ENT_GS_MOVE(mv_stft) { return v->turn == 0 ? ENT_D : LAST_OPP; }
ENT_GS_MOVE(mv_anti_tft) { return v->turn == 0 ? ENT_C : FLIP(LAST_OPP); }
ENT_GS_MOVE(mv_bully) { return v->turn == 0 ? ENT_D : FLIP(LAST_OPP); }
ENT_GS_MOVE(mv_hard_tft)
{
    for (int k = 1; k <= 3 && k <= v->turn; k++)
        if (v->opp[v->turn - k] == ENT_D)
            return ENT_D;
    return ENT_C;
}
ENT_GS_MOVE(mv_hard_tf2t)
{
    /* two consecutive defections among the opponent's last three moves */
    int lo = v->turn >= 3 ? v->turn - 3 : 0;
    for (int k = lo; k + 1 < v->turn; k++)
        if (v->opp[k] == ENT_D && v->opp[k + 1] == ENT_D)
            return ENT_D;
    return ENT_C;
}
ENT_GS_MOVE(mv_sneaky_tft)
{
    if (v->turn < 2) return ENT_C;
    if (v->opp_coop == v->turn) return ENT_D;  /* never punished yet: try defecting */
    if (LAST_OPP == ENT_D && v->own[v->turn - 2] == ENT_D) return ENT_C;
    return LAST_OPP;
}

/* OmegaTFT: i[0] randomness counter, i[1] deadlock counter */
ENT_GS_MOVE(mv_omega_tft)
{
    int deadlock_threshold = (int)p[0], randomness_threshold = (int)p[1];
    if (v->turn == 0) return ENT_C;
    if (v->turn == 1) return LAST_OPP;
    int move;
    if (s->i[1] >= deadlock_threshold) {
        move = ENT_C;
        s->i[1] = s->i[1] == deadlock_threshold ? deadlock_threshold + 1 : 0;
    } else {
        int o1 = v->opp[v->turn - 1], o2 = v->opp[v->turn - 2];
        if (o1 == ENT_C && o2 == ENT_C) s->i[0]--;
        if (o1 != o2) s->i[0]++;
        if (LAST_OWN != o1) s->i[0]++;
        if (s->i[0] >= randomness_threshold) {
            move = ENT_D;
        } else {
            move = o1;
            s->i[1] = o1 != o2 ? s->i[1] + 1 : 0;
        }
    }
    return move;
}

const ent_gs_type ent_gs_tit_for_tat = {
    .name = "TitForTat", .axelrod = "Tit For Tat",
    .doc = "cooperates first, then repeats the opponent's previous move (Rapoport's rule, "
           "winner of both of Axelrod's tournaments)", .reference = AX80, .move = mv_tft };
const ent_gs_type ent_gs_tit_for_2_tats = {
    .name = "TitFor2Tats", .axelrod = "Tit For 2 Tats",
    .doc = "cooperates unless the opponent defected on both of the last two moves",
    .reference = AX84, .move = mv_tf2t };
const ent_gs_type ent_gs_two_tits_for_tat = {
    .name = "TwoTitsForTat", .axelrod = "Two Tits For Tat",
    .doc = "cooperates first; defects if the opponent defected on either of the last two moves "
           "(answers each defection with two)", .reference = AX84, .move = mv_2tft };
const ent_gs_type ent_gs_suspicious_tft = {
    .name = "SuspiciousTitForTat", .axelrod = "Suspicious Tit For Tat",
    .doc = "defects first, then repeats the opponent's previous move",
    .reference = "Hilbe, C., Nowak, M. A. & Sigmund, K. (2013) Evolution of extortion in "
                 "iterated Prisoner's Dilemma games. PNAS 110(17):6913-6918",
    .move = mv_stft };
const ent_gs_type ent_gs_anti_tft = {
    .name = "AntiTitForTat", .axelrod = "Anti Tit For Tat",
    .doc = "cooperates first, then plays the opposite of the opponent's previous move",
    .reference = "Hilbe, C., Nowak, M. A. & Sigmund, K. (2013) PNAS 110(17):6913-6918",
    .move = mv_anti_tft };
const ent_gs_type ent_gs_bully = {
    .name = "Bully", .axelrod = "Bully",
    .doc = "reverse Tit For Tat: defects first, then plays the opposite of the opponent's "
           "previous move",
    .reference = "Nachbar, J. H. (1992) Evolution in the finitely repeated Prisoner's Dilemma. "
                 "J. Econ. Behav. Organ. 19(3):307-326", .move = mv_bully };
const ent_gs_type ent_gs_hard_tft = {
    .name = "HardTitForTat", .axelrod = "Hard Tit For Tat",
    .doc = "cooperates first; defects if the opponent defected on any of its last three moves",
    .reference = LIB, .move = mv_hard_tft };
const ent_gs_type ent_gs_hard_tf2t = {
    .name = "HardTitFor2Tats", .axelrod = "Hard Tit For 2 Tats",
    .doc = "cooperates first; defects if the opponent's last three moves contain two "
           "consecutive defections",
    .reference = "Stewart, A. J. & Plotkin, J. B. (2012) Extortion and cooperation in the "
                 "Prisoner's Dilemma. PNAS 109(26):10134-10135", .move = mv_hard_tf2t };
const ent_gs_type ent_gs_sneaky_tft = {
    .name = "SneakyTitForTat", .axelrod = "Sneaky Tit For Tat",
    .doc = "cooperates on the first two moves; defects while the opponent has never defected; "
           "cooperates (repents) if the opponent defects right after its own defection; "
           "otherwise Tit For Tat", .reference = LIB, .move = mv_sneaky_tft };

static const ent_param_desc omega_params[] = {
    { "deadlock_threshold", ENT_P_INT, 3, 1, 1000, "moves",
      "alternations of the opponent tolerated before breaking a C-D/D-C deadlock", NULL, 0, 0 },
    { "randomness_threshold", ENT_P_INT, 8, 1, 1000, "points",
      "randomness count at which it defects for good", NULL, 1, 0 },
};
const ent_gs_type ent_gs_omega_tft = {
    .name = "OmegaTFT", .axelrod = "Omega TFT",
    .doc = "Tit For Tat that breaks C-D/D-C deadlock loops by cooperating twice and defects for "
           "good once a randomness counter (raised by the opponent's changes of move and by "
           "disagreements, lowered by its mutual cooperation) reaches the threshold",
    .reference = "Slany, W. & Kienreich, W. (2007) On some winning strategies for the iterated "
                 "Prisoner's Dilemma. In Kendall, Yao & Chong (eds), The Iterated Prisoners' "
                 "Dilemma: 20 Years On, World Scientific, 171-204",
    .params = omega_params, .n_params = 2, .move = mv_omega_tft };

/* ---- grudgers, forgivers, majority ------------------------------------------ */

ENT_GS_MOVE(mv_grudger) { return OPP_DEFECTIONS > 0 ? ENT_D : ENT_C; }

/* i[0] grudged, i[1] defections of this grudge so far. As the Axelrod
** library's: a grudge of 10 defections ends at the start of the next move,
** which then looks at the opponent's last move like any other. */
ENT_GS_MOVE(mv_forgetful_grudger)
{
    if (s->i[1] == 10) {
        s->i[1] = 0;
        s->i[0] = 0;
    }
    if (v->turn > 0 && LAST_OPP == ENT_D)
        s->i[0] = 1;
    if (s->i[0]) {
        s->i[1]++;
        return ENT_D;
    }
    return ENT_C;
}
ENT_GS_MOVE(mv_forgiver) { return OPP_DEFECTIONS > v->turn / 10.0 ? ENT_D : ENT_C; }
ENT_GS_MOVE(mv_appeaser)
{
    if (v->turn == 0) return ENT_C;
    if (LAST_OPP == ENT_D) return FLIP(LAST_OWN);
    return LAST_OWN;
}
ENT_GS_MOVE(mv_soft_majority)
{
    return OPP_DEFECTIONS > v->opp_coop ? ENT_D : ENT_C;   /* a tie cooperates */
}
ENT_GS_MOVE(mv_hard_majority)
{
    return OPP_DEFECTIONS >= v->opp_coop ? ENT_D : ENT_C;  /* a tie defects */
}
ENT_GS_MOVE(mv_defector_hunter)
{
    return v->turn >= 4 && v->opp_coop == 0 ? ENT_D : ENT_C;
}
ENT_GS_MOVE(mv_cooperator_hunter)
{
    return v->turn >= 4 && v->opp_coop == v->turn ? ENT_D : ENT_C;
}

const ent_gs_type ent_gs_grudger = {
    .name = "Grudger", .axelrod = "Grudger",
    .doc = "cooperates until the opponent defects once, then defects for ever (Friedman's "
           "grim trigger)",
    .reference = "Friedman, J. W. (1971) A non-cooperative equilibrium for supergames. Rev. Econ. "
                 "Stud. 38(1):1-12; Axelrod 1980", .move = mv_grudger };
const ent_gs_type ent_gs_forgetful_grudger = {
    .name = "ForgetfulGrudger", .axelrod = "Forgetful Grudger",
    .doc = "cooperates; answers an opponent's defection with 10 defections, then forgets "
           "(the move after them looks at the opponent's last move afresh); defections during "
           "the grudge do not extend it",
    .reference = LIB, .move = mv_forgetful_grudger };
const ent_gs_type ent_gs_forgiver = {
    .name = "Forgiver", .axelrod = "Forgiver",
    .doc = "cooperates unless the opponent has defected on more than 10% of its moves so far",
    .reference = LIB, .move = mv_forgiver };
const ent_gs_type ent_gs_appeaser = {
    .name = "Appeaser", .axelrod = "Appeaser",
    .doc = "cooperates first; switches its own move whenever the opponent defects, otherwise "
           "repeats it", .reference = LIB, .move = mv_appeaser };
const ent_gs_type ent_gs_soft_majority = {
    .name = "SoftMajority", .axelrod = "Soft Go By Majority",
    .doc = "defects if the opponent has defected more often than it has cooperated; on a tie "
           "(including the first move) cooperates",
    .reference = "Axelrod 1984; Mittal, S. & Deb, K. (2009) Optimal strategies of the iterated "
                 "Prisoner's Dilemma problem for multiple conflicting objectives. IEEE Trans. "
                 "Evol. Comput. 13(3):554-565", .move = mv_soft_majority };
const ent_gs_type ent_gs_hard_majority = {
    .name = "HardMajority", .axelrod = "Hard Go By Majority",
    .doc = "defects if the opponent has defected at least as often as it has cooperated; on a "
           "tie (including the first move) defects",
    .reference = "Mittal, S. & Deb, K. (2009) IEEE Trans. Evol. Comput. 13(3):554-565",
    .move = mv_hard_majority };
const ent_gs_type ent_gs_defector_hunter = {
    .name = "DefectorHunter", .axelrod = "Defector Hunter",
    .doc = "cooperates, but defects from the fifth move on if the opponent has only defected",
    .reference = LIB, .move = mv_defector_hunter };
const ent_gs_type ent_gs_cooperator_hunter = {
    .name = "CooperatorHunter", .axelrod = "Cooperator Hunter",
    .doc = "cooperates, but defects from the fifth move on if the opponent has only cooperated",
    .reference = LIB, .move = mv_cooperator_hunter };

/* ---- probers --------------------------------------------------------------- */

ENT_GS_MOVE(mv_prober)
{
    if (v->turn == 0) return ENT_D;
    if (v->turn <= 2) return ENT_C;
    if (v->opp[1] == ENT_C && v->opp[2] == ENT_C) return ENT_D;
    return LAST_OPP;
}
ENT_GS_MOVE(mv_prober2)
{
    if (v->turn == 0) return ENT_D;
    if (v->turn <= 2) return ENT_C;
    if (v->opp[1] == ENT_D && v->opp[2] == ENT_C) return ENT_C;
    return LAST_OPP;
}
ENT_GS_MOVE(mv_prober3)
{
    if (v->turn == 0) return ENT_D;
    if (v->turn == 1) return ENT_C;
    if (v->opp[1] == ENT_C) return ENT_D;
    return LAST_OPP;
}
ENT_GS_MOVE(mv_hard_prober)
{
    if (v->turn <= 1) return ENT_D;
    if (v->turn <= 3) return ENT_C;
    if (v->opp[1] == ENT_C && v->opp[2] == ENT_C) return ENT_D;
    return LAST_OPP;
}

const ent_gs_type ent_gs_prober = {
    .name = "Prober", .axelrod = "Prober",
    .doc = "plays D, C, C; then defects for ever if the opponent cooperated on moves 2 and 3, "
           "otherwise plays Tit For Tat", .reference = LI11, .move = mv_prober };
const ent_gs_type ent_gs_prober2 = {
    .name = "Prober2", .axelrod = "Prober 2",
    .doc = "plays D, C, C; then cooperates for ever if the opponent played D then C on moves 2 "
           "and 3, otherwise plays Tit For Tat", .reference = PRISON98, .move = mv_prober2 };
const ent_gs_type ent_gs_prober3 = {
    .name = "Prober3", .axelrod = "Prober 3",
    .doc = "plays D, C; then defects for ever if the opponent cooperated on move 2, otherwise "
           "plays Tit For Tat", .reference = PRISON98, .move = mv_prober3 };
const ent_gs_type ent_gs_hard_prober = {
    .name = "HardProber", .axelrod = "Hard Prober",
    .doc = "plays D, D, C, C; then defects for ever if the opponent cooperated on moves 2 and 3, "
           "otherwise plays Tit For Tat", .reference = PRISON98, .move = mv_hard_prober };

/* ---- Gradual, Adaptive ------------------------------------------------------- */

/* i[0] punishments left, i[1] calming moves left */
ENT_GS_MOVE(mv_gradual)
{
    if (v->turn == 0) return ENT_C;
    if (s->i[0] > 0) {
        s->i[0]--;
        return ENT_D;
    }
    if (s->i[1] > 0) {
        s->i[1]--;
        return ENT_C;
    }
    if (LAST_OPP == ENT_D) {
        s->i[0] = OPP_DEFECTIONS - 1;
        s->i[1] = 2;
        return ENT_D;
    }
    return ENT_C;
}

/* d[0], d[1]: total payoff earned when playing C, D */
ENT_GS_MOVE(mv_adaptive)
{
    static const char opening[] = "CCCCCCDDDDD";
    if (v->turn > 0)
        s->d[LAST_OWN] += ent_gs_payoff(v, LAST_OWN, LAST_OPP);
    if (v->turn < 11)
        return opening[v->turn] == 'C' ? ENT_C : ENT_D;
    return s->d[ENT_C] > s->d[ENT_D] ? ENT_C : ENT_D;  /* a tie defects */
}

const ent_gs_type ent_gs_gradual = {
    .name = "Gradual", .axelrod = "Gradual",
    .doc = "cooperates first; when the opponent defects (outside a punishment or calming "
           "phase) it defects as many times as the opponent has defected in all, then "
           "cooperates twice whatever the opponent does",
    .reference = "Beaufils, B., Delahaye, J.-P. & Mathieu, P. (1997) Our meeting with Gradual. "
                 "Proc. Artificial Life V, 202-209; as updated in the Axelrod library (CRISTAL-SMAC "
                 "2018 version)", .move = mv_gradual };
const ent_gs_type ent_gs_adaptive = {
    .name = "Adaptive", .axelrod = "Adaptive",
    .doc = "opens C, C, C, C, C, C, D, D, D, D, D, then plays the move whose total payoff so far "
           "is higher (a tie defects)", .reference = LI11, .flags = ENT_GS_USES_GAME,
    .move = mv_adaptive };
