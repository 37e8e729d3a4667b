/*
** stages_int.h: internal declarations shared by the stage modules and the
** registry (not part of the public interface).
*/
#ifndef ENT_STAGES_INT_H
#define ENT_STAGES_INT_H

#include "entente/stage.h"

extern const ent_stage_type ent_stage_burden_sharing;
extern const ent_strategy_type *const ent_burden_strategies[];

/* Names of the strategies of `stage`, NULL-terminated (for suggestions). */
void ent_i_strategy_names(const char *stage, const char **out, size_t cap);

#endif
