/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** game_strategies_memory.c: memory-one strategies, given by their
** probabilities of cooperating after CC, CD, DC and DD (own move first):
** Win-Stay Lose-Shift, Generous Tit For Tat, the generic four-vector, and the
** zero-determinant strategies of Press & Dyson (2012) in the linear-relation
** form of Hilbe et al. (2013): the strategy enforces
**     opponent's mean payoff - l = s (own mean payoff - l)
** with p(CC) = 1 - phi (1-s)(R-l), p(CD) = 1 - phi (s(l-S) + (T-l)),
**      p(DC) = phi ((l-S) + s(T-l)), p(DD) = phi (1-s)(l-P).
*/
#include <math.h>
#include "entente/game_strategy.h"

static const char PD12[] = "Press, W. H. & Dyson, F. J. (2012) Iterated Prisoner's Dilemma "
                           "contains strategies that dominate any evolutionary opponent. "
                           "PNAS 109(26):10409-10413";
static const char HILBE13[] = "Hilbe, C., Nowak, M. A. & Sigmund, K. (2013) Evolution of "
                              "extortion in iterated Prisoner's Dilemma games. PNAS "
                              "110(17):6913-6918";
static const char SP12[] = "Stewart, A. J. & Plotkin, J. B. (2012) Extortion and cooperation "
                           "in the Prisoner's Dilemma. PNAS 109(26):10134-10135";
static const char KUHN17[] = "Kuhn, S. (2017) Prisoner's Dilemma. Stanford Encyclopedia of "
                             "Philosophy";

/* The state keeps the four-vector in d[0..3] and the first move in i[0]. */
ENT_GS_MOVE(mv_memory_one) { return ent_gs_memory_one(s->d, s->i[0], v, r); }

static double clamp01(double x) { return x < 0.0 ? 0.0 : x > 1.0 ? 1.0 : x; }

ENT_GS_RESET(rs_fixed)
{
    for (int k = 0; k < 4; k++)
        s->d[k] = t->vec[k];
    s->i[0] = (int)t->vec[4];
}

ENT_GS_RESET(rs_generic)
{
    for (int k = 0; k < 4; k++)
        s->d[k] = p[k];
    s->i[0] = (int)p[4];
}

static const char *const first_choices[] = { "C", "D", NULL };

static const ent_param_desc generic_params[] = {
    { "p_cc", ENT_P_REAL, 1, 0, 1, "probability", "cooperation after own C, opponent's C", NULL, 0, 0 },
    { "p_cd", ENT_P_REAL, 0, 0, 1, "probability", "cooperation after own C, opponent's D", NULL, 1, 0 },
    { "p_dc", ENT_P_REAL, 1, 0, 1, "probability", "cooperation after own D, opponent's C", NULL, 2, 0 },
    { "p_dd", ENT_P_REAL, 0, 0, 1, "probability", "cooperation after own D, opponent's D", NULL, 3, 0 },
    { "first", ENT_P_ENUM, 0, 0, 1, "", "first move", first_choices, 4, 0 },
};
const ent_gs_type ent_gs_memory_one_generic = {
    .name = "MemoryOne", .axelrod = "Generic Memory One Player",
    .doc = "first move `first`, then cooperates with probability p_cc, p_cd, p_dc or p_dd "
           "after the last round's (own, opponent's) moves; default (1,0,1,0) is Tit For Tat",
    .reference = "Nowak, M. & Sigmund, K. (1993) A strategy of win-stay, lose-shift that "
                 "outperforms tit-for-tat in the Prisoner's Dilemma game. Nature 364:56-58",
    .params = generic_params, .n_params = 5, .flags = ENT_GS_STOCHASTIC,
    .reset = rs_generic, .move = mv_memory_one };

static const double wsls_vec[5] = { 1, 0, 0, 1, ENT_C };
const ent_gs_type ent_gs_wsls = {
    .name = "WinStayLoseShift", .axelrod = "Win-Stay Lose-Shift",
    .doc = "Pavlov: cooperates first; repeats its move after a good outcome (R or T) and "
           "switches after a bad one (S or P); four-vector (1, 0, 0, 1)",
    .reference = "Nowak, M. & Sigmund, K. (1993) Nature 364:56-58", .vec = wsls_vec,
    .reset = rs_fixed, .move = mv_memory_one };

static const double wslsr_vec[5] = { 0, 1, 1, 0, ENT_D };
const ent_gs_type ent_gs_wslsr = {
    .name = "WinShiftLoseStay", .axelrod = "Win-Shift Lose-Stay",
    .doc = "reverse Pavlov: defects first; four-vector (0, 1, 1, 0)",
    .reference = "Li, J., Hingston, P. & Kendall, G. (2011) IEEE Trans. Comput. Intell. AI "
                 "Games 3(4):348-360", .vec = wslsr_vec, .reset = rs_fixed,
    .move = mv_memory_one };

static const double fbf_vec[5] = { 1, 0, 1, 2.0 / 3.0, ENT_C };
const ent_gs_type ent_gs_firm_but_fair = {
    .name = "FirmButFair", .axelrod = "Firm But Fair",
    .doc = "cooperates first; four-vector (1, 0, 1, 2/3): like Tit For Tat but after mutual "
           "defection cooperates with probability 2/3",
    .reference = "Frean, M. R. (1994) The Prisoner's Dilemma without synchrony. Proc. R. Soc. "
                 "Lond. B 257:75-79", .flags = ENT_GS_STOCHASTIC, .vec = fbf_vec,
    .reset = rs_fixed, .move = mv_memory_one };

/* ---- parameterised four-vectors ---------------------------------------------- */

ENT_GS_RESET(rs_stochastic_wsls)
{
    double e = p[0];
    s->d[0] = 1 - e; s->d[1] = e; s->d[2] = e; s->d[3] = 1 - e;
    s->i[0] = ENT_C;
}
static const ent_param_desc swsls_params[] = {
    { "ep", ENT_P_REAL, 0.05, 0, 1, "probability", "probability of the other move than Pavlov's",
      NULL, 0, 0 },
};
const ent_gs_type ent_gs_stochastic_wsls = {
    .name = "StochasticWSLS", .axelrod = "Stochastic WSLS",
    .doc = "cooperates first; four-vector (1-ep, ep, ep, 1-ep): Win-Stay Lose-Shift that errs "
           "with probability ep", .reference = "Axelrod library (Stochastic WSLS)",
    .params = swsls_params, .n_params = 1, .flags = ENT_GS_STOCHASTIC,
    .reset = rs_stochastic_wsls, .move = mv_memory_one };

ENT_GS_RESET(rs_gtft)
{
    double g = p[0];
    if (isnan(g)) {
        /* Nowak & Sigmund's most generous forgiveness that still keeps
        ** defection unprofitable: min(1 - (T-R)/(R-S), (R-P)/(T-P)) */
        double g1 = v->R != v->S ? 1.0 - (v->T - v->R) / (v->R - v->S) : 0.0;
        double g2 = v->T != v->P ? (v->R - v->P) / (v->T - v->P) : 0.0;
        g = clamp01(g1 < g2 ? g1 : g2);
    }
    s->d[0] = 1; s->d[1] = g; s->d[2] = 1; s->d[3] = g;
    s->i[0] = ENT_C;
}
static const ent_param_desc gtft_params[] = {
    { "p", ENT_P_REAL, 0, 0, 1, "probability",
      "forgiveness: cooperation after the opponent's defection; absent = "
      "min(1 - (T-R)/(R-S), (R-P)/(T-P)), 1/3 for the standard payoffs", NULL, 0, ENT_F_AUTO },
};
const ent_gs_type ent_gs_gtft = {
    .name = "GenerousTitForTat", .axelrod = "GTFT",
    .doc = "cooperates first; after the opponent's cooperation cooperates, after its defection "
           "cooperates with probability p; four-vector (1, p, 1, p)",
    .reference = "Nowak, M. & Sigmund, K. (1992) Tit for tat in heterogeneous populations. "
                 "Nature 355:250-253", .params = gtft_params, .n_params = 1,
    .flags = ENT_GS_STOCHASTIC | ENT_GS_USES_GAME, .reset = rs_gtft, .move = mv_memory_one };

ENT_GS_RESET(rs_joss)
{
    s->d[0] = p[0]; s->d[1] = 0; s->d[2] = p[0]; s->d[3] = 0;
    s->i[0] = ENT_C;
}
static const ent_param_desc joss_params[] = {
    { "p", ENT_P_REAL, 0.9, 0, 1, "probability", "cooperation after the opponent's cooperation",
      NULL, 0, 0 },
};
const ent_gs_type ent_gs_joss = {
    .name = "Joss", .axelrod = "First by Joss",
    .doc = "cooperates first; cooperates 90% of the time after the opponent's cooperation and "
           "always defects after its defection; four-vector (0.9, 0, 0.9, 0)",
    .reference = "Axelrod, R. (1980) J. Conflict Resolution 24(1):3-25 (Johann Joss, 12th)",
    .params = joss_params, .n_params = 1, .flags = ENT_GS_STOCHASTIC, .reset = rs_joss,
    .move = mv_memory_one };

/* ---- zero-determinant (linear relation) --------------------------------------- */

static void zd_vector(double phi, double sl, double l, const ent_gs_view *v, ent_gs_state *s)
{
    s->d[0] = clamp01(1.0 - phi * (1.0 - sl) * (v->R - l));
    s->d[1] = clamp01(1.0 - phi * (sl * (l - v->S) + (v->T - l)));
    s->d[2] = clamp01(phi * ((l - v->S) + sl * (v->T - l)));
    s->d[3] = clamp01(phi * (1.0 - sl) * (l - v->P));
    s->i[0] = ENT_C;
}
ENT_GS_RESET(rs_zd) { zd_vector(p[0], p[1], p[2], v, s); }
ENT_GS_RESET(rs_zd_l_is_p) { zd_vector(p[0], p[1], isnan(p[2]) ? v->P : p[2], v, s); }
ENT_GS_RESET(rs_zd_l_is_r) { zd_vector(p[0], p[1], isnan(p[2]) ? v->R : p[2], v, s); }

#define ZD_PARAMS(id, phi, sl, l, lflags, ldoc) \
    static const ent_param_desc id[] = { \
        { "phi", ENT_P_REAL, phi, 0, 10, "", "scale of the four-vector", NULL, 0, 0 }, \
        { "s", ENT_P_REAL, sl, -10, 1, "", "slope s (1/s is the extortion factor)", NULL, 1, 0 }, \
        { "l", ENT_P_REAL, l, -1e6, 1e6, "payoff", ldoc, NULL, 2, lflags }, \
    }

ZD_PARAMS(zd_params, 0.2, 0.1, 1, 0, "baseline payoff l");
ZD_PARAMS(zd_extort2_params, 1.0 / 9, 0.5, 0, ENT_F_AUTO, "baseline payoff; absent = P");
ZD_PARAMS(zd_extort2v2_params, 1.0 / 8, 0.5, 1, 0, "baseline payoff l");
ZD_PARAMS(zd_extort3_params, 3.0 / 26, 1.0 / 3, 1, 0, "baseline payoff l");
ZD_PARAMS(zd_extort4_params, 4.0 / 17, 0.25, 1, 0, "baseline payoff l");
ZD_PARAMS(zd_gen2_params, 1.0 / 8, 0.5, 3, 0, "baseline payoff l");
ZD_PARAMS(zd_gtft2_params, 0.25, 0.5, 0, ENT_F_AUTO, "baseline payoff; absent = R");
ZD_PARAMS(zd_mischief_params, 0.1, 0.0, 1, 0, "baseline payoff l");
ZD_PARAMS(zd_set2_params, 0.25, 0.0, 2, 0, "baseline payoff l");

#define ZD_TYPE(id, nm, ax, dc, ref, prm, rst) \
    const ent_gs_type id = { .name = nm, .axelrod = ax, .doc = dc, .reference = ref, \
        .params = prm, .n_params = 3, .flags = ENT_GS_STOCHASTIC | ENT_GS_USES_GAME, \
        .reset = rst, .move = mv_memory_one }

ZD_TYPE(ent_gs_zd, "ZeroDeterminant", "LinearRelation",
        "cooperates first; memory-one linear-relation strategy enforcing opponent - l = "
        "s (own - l) on the long-run mean payoffs (defaults phi 0.2, s 0.1, l 1: ZD-Extortion)",
        HILBE13, zd_params, rs_zd);
ZD_TYPE(ent_gs_zd_extort2, "ZDExtort2", "ZD-Extort-2",
        "cooperates first; extortionate zero-determinant strategy with extortion factor 2 "
        "(s 1/2, l = P, phi 1/9): four-vector (8/9, 1/2, 1/3, 0) for the standard payoffs",
        SP12, zd_extort2_params, rs_zd_l_is_p);
ZD_TYPE(ent_gs_zd_extort2v2, "ZDExtort2v2", "ZD-Extort-2 v2",
        "cooperates first; extortionate zero-determinant strategy (phi 1/8, s 1/2, l 1)",
        KUHN17, zd_extort2v2_params, rs_zd);
ZD_TYPE(ent_gs_zd_extort3, "ZDExtort3", "ZD-Extort3",
        "cooperates first; Press and Dyson's extortioner with factor 3 (phi 3/26, s 1/3, l 1)",
        PD12, zd_extort3_params, rs_zd);
ZD_TYPE(ent_gs_zd_extort4, "ZDExtort4", "ZD-Extort-4",
        "cooperates first; extortionate zero-determinant strategy with factor 4 "
        "(phi 4/17, s 1/4, l 1)", "Axelrod library (ZD-Extort-4)", zd_extort4_params, rs_zd);
ZD_TYPE(ent_gs_zd_gen2, "ZDGen2", "ZD-GEN-2",
        "cooperates first; generous zero-determinant strategy (phi 1/8, s 1/2, l 3)",
        KUHN17, zd_gen2_params, rs_zd);
ZD_TYPE(ent_gs_zd_gtft2, "ZDGTFT2", "ZD-GTFT-2",
        "cooperates first; generous zero-determinant strategy (phi 1/4, s 1/2, l = R)",
        SP12, zd_gtft2_params, rs_zd_l_is_r);
ZD_TYPE(ent_gs_zd_mischief, "ZDMischief", "ZD-Mischief",
        "cooperates first; zero-determinant strategy fixing the opponent's payoff at l = 1 "
        "(phi 0.1, s 0)", "Roemheld, L. (2013) Evolutionary extortion and mischief: zero "
        "determinant strategies in iterated 2x2 games. Univ. Heidelberg", zd_mischief_params,
        rs_zd);
ZD_TYPE(ent_gs_zd_set2, "ZDSet2", "ZD-SET-2",
        "cooperates first; equaliser zero-determinant strategy fixing the opponent's payoff at "
        "l = 2 (phi 1/4, s 0)", KUHN17, zd_set2_params, rs_zd);
