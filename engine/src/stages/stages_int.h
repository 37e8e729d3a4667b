/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** stages_int.h: internal declarations shared by the stage modules and the
** registry (not part of the public interface). What a stage states for
** others (its type table, its per-agent state, the facts other stages ask
** of it) is in the header of its own folder.
*/
#ifndef ENT_STAGES_INT_H
#define ENT_STAGES_INT_H

#include "entente/stage.h"

/* the matrix stage and its wrappers of the classic strategy library
** (stage_matrix.c, strategies_matrix.c) */
extern const ent_stage_type ent_stage_matrix;
const ent_strategy_type *const *ent_i_matrix_strategies(void);
struct ent_gs_type;
const struct ent_gs_type *ent_i_matrix_gs(const ent_strategy_type *t);
/* 1 if t decides as its wrapper does, by its library type's move (not a
** stand-in): the stage may then call that move itself. */
int ent_i_matrix_direct(const ent_strategy_type *t);

/* Names of the strategies of `stage`, NULL-terminated (for suggestions). */
void ent_i_strategy_names(const char *stage, const char **out, size_t cap);

#endif
