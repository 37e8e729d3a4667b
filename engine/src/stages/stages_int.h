/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** stages_int.h: internal declarations shared by the stage modules and the
** registry (not part of the public interface).
*/
#ifndef ENT_STAGES_INT_H
#define ENT_STAGES_INT_H

#include "entente/stage.h"

extern const ent_stage_type ent_stage_burden_sharing;
extern const ent_strategy_type *const ent_burden_strategies[];

/* exit leverage, bargaining, ratification (stage_exit.c, stage_bargaining.c,
** stage_ratification.c, strategies_exit.c) */
extern const ent_stage_type ent_stage_exit_leverage;
extern const ent_stage_type ent_stage_bargaining;
extern const ent_stage_type ent_stage_ratification;
extern const ent_strategy_type *const ent_exit_strategies[];

/* beliefs, diffusion, hedging, security dilemma */
extern const ent_stage_type ent_stage_beliefs;
extern const ent_stage_type ent_stage_diffusion;
extern const ent_stage_type ent_stage_hedging;
extern const ent_stage_type ent_stage_security_dilemma;
extern const ent_strategy_type *const ent_hedging_strategies[];
extern const ent_strategy_type *const ent_security_strategies[];

/* the matrix stage and its wrappers of the classic strategy library
** (stage_matrix.c, strategies_matrix.c) */
extern const ent_stage_type ent_stage_matrix;
const ent_strategy_type *const *ent_i_matrix_strategies(void);
struct ent_gs_type;
const struct ent_gs_type *ent_i_matrix_gs(const ent_strategy_type *t);

/* Names of the strategies of `stage`, NULL-terminated (for suggestions). */
void ent_i_strategy_names(const char *stage, const char **out, size_t cap);

#endif
