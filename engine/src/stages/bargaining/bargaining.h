/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** bargaining.h: what the bargaining stage keeps of each ally
** (stage_bargaining.c). The deal it settles it writes into the negotiation
** exit_leverage opened (exit_leverage.h): the proposal and what satisfies
** the patron.
*/
#ifndef ENT_STAGE_BARGAINING_H
#define ENT_STAGE_BARGAINING_H

#include "entente/stage.h"

extern const ent_stage_type ent_stage_bargaining;

typedef struct {
    double bargain;         /* what the protocol settled this round (NaN: no bargaining) */
    double power;           /* the patron's bargaining weight in it (NaN: not bargained) */
} ent_i_bargaining_agent;

#endif
