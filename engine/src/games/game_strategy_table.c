/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** game_strategy_table.c: the strategy library's table (in the order
** `entente list strategies` shows it), lookups, and the helpers every
** strategy uses: random choice, memory-one moves, own payoffs.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "entente/game_strategy.h"

/* defined in game_strategies_*.c */
extern const ent_gs_type ent_gs_cooperator, ent_gs_defector, ent_gs_random, ent_gs_alternator,
    ent_gs_cycler_ccd, ent_gs_cycler_ddc, ent_gs_cycler_cccd, ent_gs_cycler_cccccd,
    ent_gs_tit_for_tat, ent_gs_tit_for_2_tats, ent_gs_two_tits_for_tat, ent_gs_suspicious_tft,
    ent_gs_anti_tft, ent_gs_bully, ent_gs_hard_tft, ent_gs_hard_tf2t, ent_gs_sneaky_tft,
    ent_gs_omega_tft, ent_gs_grudger, ent_gs_forgetful_grudger, ent_gs_forgiver,
    ent_gs_appeaser, ent_gs_soft_majority, ent_gs_hard_majority, ent_gs_defector_hunter,
    ent_gs_cooperator_hunter, ent_gs_prober, ent_gs_prober2, ent_gs_prober3,
    ent_gs_hard_prober, ent_gs_gradual, ent_gs_adaptive;
extern const ent_gs_type ent_gs_memory_one_generic, ent_gs_wsls, ent_gs_wslsr, ent_gs_gtft,
    ent_gs_stochastic_wsls, ent_gs_firm_but_fair, ent_gs_joss, ent_gs_zd, ent_gs_zd_extort2,
    ent_gs_zd_extort2v2, ent_gs_zd_extort3, ent_gs_zd_extort4, ent_gs_zd_gen2, ent_gs_zd_gtft2,
    ent_gs_zd_mischief, ent_gs_zd_set2;
extern const ent_gs_type ent_gs_davis, ent_gs_downing, ent_gs_feld, ent_gs_grofman,
    ent_gs_nydegger, ent_gs_shubik, ent_gs_stein_rapoport, ent_gs_tullock, ent_gs_anonymous,
    ent_gs_calculator;
extern const ent_gs_type ent_gs_second_champion, ent_gs_second_eatherley, ent_gs_second_tester,
    ent_gs_second_gladstein, ent_gs_second_tranquilizer, ent_gs_second_grofman,
    ent_gs_second_kluepfel, ent_gs_second_borufsen, ent_gs_second_cave, ent_gs_second_wmadams,
    ent_gs_second_graaskamp_katzen, ent_gs_second_weiner, ent_gs_second_harrington,
    ent_gs_second_tideman_chieruzzi, ent_gs_second_getzler, ent_gs_second_leyvraz,
    ent_gs_second_white, ent_gs_second_black, ent_gs_second_richard_hufford,
    ent_gs_second_yamachi, ent_gs_second_colbert, ent_gs_second_mikkelson, ent_gs_second_rowsam,
    ent_gs_second_appold, ent_gs_random_hunter, ent_gs_anti_cycler;
extern const ent_gs_type ent_gs_fictitious_play, ent_gs_roth_erev, ent_gs_regret_matching;

const ent_gs_type *const ent_gs_types[] = {
    &ent_gs_cooperator, &ent_gs_defector, &ent_gs_random, &ent_gs_alternator,
    &ent_gs_cycler_ccd, &ent_gs_cycler_ddc, &ent_gs_cycler_cccd, &ent_gs_cycler_cccccd,
    &ent_gs_anti_cycler, &ent_gs_tit_for_tat, &ent_gs_tit_for_2_tats, &ent_gs_two_tits_for_tat, &ent_gs_suspicious_tft,
    &ent_gs_anti_tft, &ent_gs_bully, &ent_gs_hard_tft, &ent_gs_hard_tf2t, &ent_gs_sneaky_tft,
    &ent_gs_omega_tft, &ent_gs_gtft, &ent_gs_grudger, &ent_gs_forgetful_grudger,
    &ent_gs_forgiver, &ent_gs_appeaser, &ent_gs_soft_majority, &ent_gs_hard_majority,
    &ent_gs_defector_hunter, &ent_gs_cooperator_hunter, &ent_gs_random_hunter, &ent_gs_prober, &ent_gs_prober2,
    &ent_gs_prober3, &ent_gs_hard_prober, &ent_gs_gradual, &ent_gs_adaptive,
    &ent_gs_wsls, &ent_gs_wslsr, &ent_gs_stochastic_wsls, &ent_gs_firm_but_fair,
    &ent_gs_memory_one_generic, &ent_gs_zd, &ent_gs_zd_extort2, &ent_gs_zd_extort2v2,
    &ent_gs_zd_extort3, &ent_gs_zd_extort4, &ent_gs_zd_gen2, &ent_gs_zd_gtft2, &ent_gs_zd_mischief,
    &ent_gs_zd_set2,
    &ent_gs_davis, &ent_gs_downing, &ent_gs_feld, &ent_gs_grofman, &ent_gs_joss,
    &ent_gs_nydegger, &ent_gs_shubik, &ent_gs_stein_rapoport, &ent_gs_tullock, &ent_gs_anonymous,
    &ent_gs_calculator,
    &ent_gs_second_champion, &ent_gs_second_eatherley, &ent_gs_second_tester,
    &ent_gs_second_gladstein, &ent_gs_second_tranquilizer, &ent_gs_second_grofman,
    &ent_gs_second_kluepfel, &ent_gs_second_borufsen, &ent_gs_second_cave, &ent_gs_second_wmadams,
    &ent_gs_second_graaskamp_katzen, &ent_gs_second_weiner, &ent_gs_second_harrington,
    &ent_gs_second_tideman_chieruzzi, &ent_gs_second_getzler, &ent_gs_second_leyvraz,
    &ent_gs_second_white, &ent_gs_second_black, &ent_gs_second_richard_hufford,
    &ent_gs_second_yamachi, &ent_gs_second_colbert, &ent_gs_second_mikkelson,
    &ent_gs_second_rowsam, &ent_gs_second_appold,
    &ent_gs_fictitious_play, &ent_gs_roth_erev, &ent_gs_regret_matching,
    NULL
};

const ent_gs_type *ent_gs_find(const char *name)
{
    for (size_t i = 0; ent_gs_types[i]; i++)
        if (!strcmp(ent_gs_types[i]->name, name))
            return ent_gs_types[i];
    return NULL;
}

size_t ent_gs_count(void)
{
    size_t n = 0;
    while (ent_gs_types[n])
        n++;
    return n;
}

void ent_gs_names(const char **out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; ent_gs_types[i] && k + 1 < cap; i++)
        out[k++] = ent_gs_types[i]->name;
    out[k] = NULL;
}

void ent_gs_player_init(ent_gs_player *pl, const ent_gs_type *t)
{
    memset(pl, 0, sizeof *pl);
    pl->type = t;
    ent_param_defaults(t->params, t->n_params, pl->p);
    snprintf(pl->label, sizeof pl->label, "%s", t->name);
}

int ent_gs_choose(double p, gsl_rng *r)
{
    if (!(p > 0.0))
        return ENT_D;
    if (p >= 1.0)
        return ENT_C;
    return gsl_rng_uniform(r) < p ? ENT_C : ENT_D;
}

int ent_gs_memory_one(const double *q, int first, const ent_gs_view *v, gsl_rng *r)
{
    if (v->turn == 0)
        return first;
    int k = v->own[v->turn - 1] * 2 + v->opp[v->turn - 1];
    return ent_gs_choose(q[k], r);
}

double ent_gs_payoff(const ent_gs_view *v, int own, int opp)
{
    return own == ENT_C ? (opp == ENT_C ? v->R : v->S) : (opp == ENT_C ? v->T : v->P);
}
