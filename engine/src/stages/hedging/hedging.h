/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** hedging.h: what the hedging stage keeps of each ally (stage_hedging.c),
** and the one fact other stages take from it: an ally's binding investment
** (exit_leverage shields linked harm with it).
*/
#ifndef ENT_STAGE_HEDGING_H
#define ENT_STAGE_HEDGING_H

#include <stddef.h>
#include "entente/stage.h"

struct ent_run;

extern const ent_stage_type ent_stage_hedging;
extern const ent_strategy_type *const ent_hedging_strategies[];   /* strategies_hedging.c */

typedef struct {
    double portfolio[3];    /* weights: bandwagon, balance, bind (on the simplex) */
    double hedge_u[3];      /* expected payoffs of the three options this round, % of GDP */
    double min_bandwagon;   /* lowest bandwagon weight so far (cohesion) */
    double binding;         /* binding investment in [0,1]: the bind weight */
} ent_i_hedging_agent;

/* Ally i's binding investment in [0,1]; 0 without a hedging stage (or
** before its reset). */
double ent_i_hedging_binding(const struct ent_run *run, size_t i);

#endif
