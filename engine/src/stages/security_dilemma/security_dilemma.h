/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** security_dilemma.h: what the security_dilemma stage keeps of each ally
** (stage_security.c). Its abandonment risk it asks of exit_leverage
** (exit_leverage.h).
*/
#ifndef ENT_STAGE_SECURITY_DILEMMA_H
#define ENT_STAGE_SECURITY_DILEMMA_H

#include "entente/stage.h"

extern const ent_stage_type ent_stage_security_dilemma;
/* in the hedging folder's strategies_hedging.c */
extern const ent_strategy_type *const ent_security_strategies[];

typedef struct {
    double commitment;      /* commitment k to the patron in [0,1] (NaN for the patron) */
    double fear_abandon;    /* expected abandonment cost at that commitment, % of GDP */
    double fear_entrap;     /* expected entrapment cost at that commitment, % of GDP */
} ent_i_security_agent;

#endif
