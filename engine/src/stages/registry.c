/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** registry.c: the tables of stage types and strategy types, looked up by name.
** Adding a stage: a folder exporting a const ent_stage_type, one line here.
*/
#include <string.h>
#include "entente/stage.h"
#include "stages/stages_int.h"

/* The stages, one line each, in the order `entente list` shows them. Each
** is a folder of engine/src/stages exporting a const ent_stage_type (with its
** agent parameters, strategies, per-agent state and outputs); the line
** declares the table and puts it in the registry. A program compiling this
** file may add lines of its own as ENT_STAGES_EXTRA (the stage API's test
** registers its stage so). */
#ifndef ENT_STAGES_EXTRA
#define ENT_STAGES_EXTRA(X)
#endif
#define ENT_STAGES(X)                   \
    X(ent_stage_burden_sharing)         \
    X(ent_stage_exit_leverage)          \
    X(ent_stage_bargaining)             \
    X(ent_stage_ratification)           \
    X(ent_stage_beliefs)                \
    X(ent_stage_diffusion)              \
    X(ent_stage_hedging)                \
    X(ent_stage_security_dilemma)       \
    X(ent_stage_matrix)                 \
    ENT_STAGES_EXTRA(X)

#define DECLARE(t) extern const ent_stage_type t;
ENT_STAGES(DECLARE)
#undef DECLARE

#define ENTRY(t) &t,
const ent_stage_type *const ent_stage_types[] = {
    ENT_STAGES(ENTRY)
    NULL
};
#undef ENTRY

/* Strategy lookups walk the stages' static lists (ent_stage_type.strategies),
** then the matrix stage's wrappers of the game library, built from its table
** on first use (strategies_matrix.c). */
#define N_LISTS (sizeof ent_stage_types / sizeof ent_stage_types[0] - 1)
static const ent_strategy_type *const *list_at(size_t l)
{
    if (l < N_LISTS) {
        const ent_strategy_type *const *list = ent_stage_types[l]->strategies;
        static const ent_strategy_type *const none[] = { NULL };
        return list ? list : none;
    }
    return l == N_LISTS ? ent_i_matrix_strategies() : NULL;
}

const ent_stage_type *ent_stage_find(const char *name)
{
    for (size_t i = 0; ent_stage_types[i]; i++)
        if (strcmp(ent_stage_types[i]->name, name) == 0)
            return ent_stage_types[i];
    return NULL;
}

const ent_strategy_type *ent_strategy_find(const char *stage, const char *name)
{
    const ent_strategy_type *const *list;
    for (size_t l = 0; (list = list_at(l)) != NULL; l++)
        for (size_t i = 0; list[i]; i++) {
            const ent_strategy_type *t = list[i];
            if (strcmp(t->stage, stage) == 0 && strcmp(t->name, name) == 0)
                return t;
        }
    return NULL;
}

void ent_strategy_foreach(void (*f)(const ent_strategy_type *, void *), void *ctx)
{
    const ent_strategy_type *const *list;
    for (size_t l = 0; (list = list_at(l)) != NULL; l++)
        for (size_t i = 0; list[i]; i++)
            f(list[i], ctx);
}

void ent_i_strategy_names(const char *stage, const char **out, size_t cap)
{
    size_t k = 0;
    const ent_strategy_type *const *list;
    for (size_t l = 0; (list = list_at(l)) != NULL; l++)
        for (size_t i = 0; list[i] && k + 1 < cap; i++)
            if (strcmp(list[i]->stage, stage) == 0)
                out[k++] = list[i]->name;
    out[k] = NULL;
}

const char ent_stand_in_reference[] = "stands in for another strategy";

const ent_strategy_type *ent_strategy_resolve(const ent_strategy_type *t)
{
    while (t && t->reference == ent_stand_in_reference)
        t = ((const ent_strategy_stand_in *)(const void *)t)->stands_for;
    return t;
}
