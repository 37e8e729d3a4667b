/*
** registry.c: the tables of stage types and strategy types, looked up by name.
** Adding a stage: one file exporting a const ent_stage_type, one line here.
*/
#include <string.h>
#include "entente/stage.h"
#include "stages_int.h"

const ent_stage_type *const ent_stage_types[] = {
    &ent_stage_burden_sharing,
    &ent_stage_exit_leverage,
    &ent_stage_bargaining,
    &ent_stage_ratification,
    &ent_stage_beliefs,
    &ent_stage_diffusion,
    &ent_stage_hedging,
    &ent_stage_security_dilemma,
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

const ent_stage_type *ent_stage_find(const char *name)
{
    for (size_t i = 0; ent_stage_types[i]; i++)
        if (strcmp(ent_stage_types[i]->name, name) == 0)
            return ent_stage_types[i];
    return NULL;
}

const ent_strategy_type *ent_strategy_find(const char *stage, const char *name)
{
    for (size_t l = 0; strategy_lists[l]; l++)
        for (size_t i = 0; strategy_lists[l][i]; i++) {
            const ent_strategy_type *t = strategy_lists[l][i];
            if (strcmp(t->stage, stage) == 0 && strcmp(t->name, name) == 0)
                return t;
        }
    return NULL;
}

void ent_strategy_foreach(void (*f)(const ent_strategy_type *, void *), void *ctx)
{
    for (size_t l = 0; strategy_lists[l]; l++)
        for (size_t i = 0; strategy_lists[l][i]; i++)
            f(strategy_lists[l][i], ctx);
}

void ent_i_strategy_names(const char *stage, const char **out, size_t cap)
{
    size_t k = 0;
    for (size_t l = 0; strategy_lists[l]; l++)
        for (size_t i = 0; strategy_lists[l][i] && k + 1 < cap; i++)
            if (strcmp(strategy_lists[l][i]->stage, stage) == 0)
                out[k++] = strategy_lists[l][i]->name;
    out[k] = NULL;
}
