/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** registry.c: the tables of stage types and strategy types, looked up by name.
** Adding a stage: one file exporting a const ent_stage_type, one line here.
*/
#include <string.h>
#include "entente/stage.h"
#include "stages/stages_int.h"

const ent_stage_type *const ent_stage_types[] = {
    &ent_stage_burden_sharing,
    &ent_stage_exit_leverage,
    &ent_stage_bargaining,
    &ent_stage_ratification,
    &ent_stage_beliefs,
    &ent_stage_diffusion,
    &ent_stage_hedging,
    &ent_stage_security_dilemma,
    &ent_stage_matrix,
    NULL
};

/* every stage's strategy list, flattened at compile time is not possible in C,
** so lookups walk the per-stage lists */
static const ent_strategy_type *const *const strategy_lists[] = {
    ent_burden_strategies,
    ent_exit_strategies,
    ent_hedging_strategies,
    ent_security_strategies,
    NULL
};

/* the static lists, then the matrix stage's wrappers of the game library
** (built from its table on first use, strategies_matrix.c) */
#define N_LISTS (sizeof strategy_lists / sizeof strategy_lists[0] - 1)
static const ent_strategy_type *const *list_at(size_t l)
{
    return l < N_LISTS ? strategy_lists[l] : l == N_LISTS ? ent_i_matrix_strategies() : NULL;
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
