/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** ratification.h: what the ratification stage keeps of each ally
** (stage_ratification.c), and the facts exit_leverage takes from it: the
** ally's support, its win-set and whether this round's deal failed.
*/
#ifndef ENT_STAGE_RATIFICATION_H
#define ENT_STAGE_RATIFICATION_H

#include <stddef.h>
#include "entente/stage.h"

struct ent_run;

extern const ent_stage_type ent_stage_ratification;

/* Result codes of the `ratification` column (ent_i_ratification_agent's
** `result`): here so exit_leverage can read a failure in place. */
enum { RAT_OK = 1, RAT_CUT = 2, RAT_FAILED = 3, RAT_NO_DEAL = 4 };

typedef struct {
    double support;         /* domestic support for the alliance in [0,1] */
    double support0;        /* ... at the start of the run */
    double backlash;        /* its agent parameter: fall in support per coercive act */
    double winset;          /* largest concession its ratifiers accept (NaN: not computed) */
    double winset_support;  /* the support the win-set was computed for (NaN: none) */
    double fail_prob;       /* probability the deal failed this round (NaN: none) */
    int result;             /* this round's result (RAT_*), -1: none */
    int n_fail;             /* deals that failed ratification */
} ent_i_ratification_agent;

/* Ally i's support for the alliance: the stage's, or without it the
** scenario's `support` (NaN for the patron). */
double ent_i_ratification_support(const struct ent_run *run, size_t i);
/* Ally i's win-set this round, USD bn (NaN without the stage or before it played). */
double ent_i_ratification_winset(const struct ent_run *run, size_t i);

#endif
