/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** burden_sharing.h: what the burden_sharing stage keeps of each agent
** (stage_burden.c). Share, spending and the patron's demand are shared state
** (sim/run_int.h): other stages move them; the weights of the utility and
** the running figures of the outcomes are this stage's alone.
*/
#ifndef ENT_STAGE_BURDEN_SHARING_H
#define ENT_STAGE_BURDEN_SHARING_H

#include "entente/stage.h"

extern const ent_stage_type ent_stage_burden_sharing;
extern const ent_strategy_type *const ent_burden_strategies[];    /* strategies_burden.c */

typedef struct {
    double alpha;           /* effective weight on security this round */
    double alpha0;          /* weight on security at zero threat */
    double psi;             /* private share of defence benefit */
    double share_sum;       /* sum of shares over rounds played */
    int rounds_meeting;     /* rounds with share >= demand */
} ent_i_burden_agent;

#endif
