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

/* 1 if t decides as the optimal strategy does (not a stand-in): its
** decide() sets ent_i_commitment_optimal_step(inertia, the view's round, A,
** rho, E, commitment), inertia its parameter 0; the stage may work it out
** itself. */
int ent_i_security_optimal_direct(const ent_strategy_type *t);

typedef struct {
    double commitment;      /* commitment k to the patron in [0,1] (NaN for the patron) */
    double fear_abandon;    /* expected abandonment cost at that commitment, % of GDP */
    double fear_entrap;     /* expected entrapment cost at that commitment, % of GDP */
} ent_i_security_agent;

#endif
