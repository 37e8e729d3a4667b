/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** diffusion.h: what the diffusion stage keeps of each ally
** (stage_diffusion.c). The belief it moves is shared state (sim/run_int.h).
*/
#ifndef ENT_STAGE_DIFFUSION_H
#define ENT_STAGE_DIFFUSION_H

#include "entente/stage.h"

extern const ent_stage_type ent_stage_diffusion;

typedef struct {
    int spread_round;       /* first round its belief moved by the spread threshold, 0: not yet */
} ent_i_diffusion_agent;

#endif
