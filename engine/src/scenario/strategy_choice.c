/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** strategy_choice.c: the strategies of each stage open to the patron and to
** the allies, as choice parameters (see scenario_int.h): the names a sweep
** or --set picks from at `patron.strategy.STAGE`. Built once per process
** from the registry, which is fixed when the program is built.
*/
#include <pthread.h>
#include <string.h>
#include "entente/stage.h"
#include "scenario/scenario_int.h"

/* Registered stage types at most, and strategies a stage and role at most
** (the matrix stage wraps the classic library's 87). */
#define STAGES_MAX 32
#define CHOICES_MAX 256

typedef struct {
    ent_param_desc desc;
    const char *names[CHOICES_MAX + 1];
    const ent_strategy_type *types[CHOICES_MAX];
    size_t n;
} strategy_choices;

/* per registered stage, [0] the patron's, [1] the allies' */
static strategy_choices choices[STAGES_MAX][2];
static pthread_once_t choices_once = PTHREAD_ONCE_INIT;

static void add_choice(const ent_strategy_type *t, void *ctx)
{
    (void)ctx;
    for (size_t l = 0; l < STAGES_MAX && ent_stage_types[l]; l++) {
        if (strcmp(t->stage, ent_stage_types[l]->name) != 0)
            continue;
        for (int r = 0; r < 2; r++) {
            strategy_choices *c = &choices[l][r];
            if ((t->roles & (r == 0 ? ENT_ROLE_PATRON : ENT_ROLE_ALLY)) && c->n < CHOICES_MAX) {
                c->types[c->n] = t;
                c->names[c->n++] = t->name;
            }
        }
    }
}

static void build_choices(void)
{
    ent_strategy_foreach(add_choice, NULL);
    for (size_t l = 0; l < STAGES_MAX; l++)
        for (int r = 0; r < 2; r++) {
            strategy_choices *c = &choices[l][r];
            c->names[c->n] = NULL;
            c->desc = (ent_param_desc){ "strategy", ENT_P_ENUM, 0, 0, c->n ? (double)(c->n - 1) : 0, "",
                                        "the strategy it plays at this stage", c->names, 0, 0 };
        }
}

const ent_param_desc *ent_i_strategy_choices(const ent_stage_type *st, unsigned role,
                                             const ent_strategy_type *const **types, size_t *n)
{
    pthread_once(&choices_once, build_choices);
    for (size_t l = 0; l < STAGES_MAX && ent_stage_types[l]; l++) {
        if (ent_stage_types[l] != st)
            continue;
        const strategy_choices *c = &choices[l][role == ENT_ROLE_PATRON ? 0 : 1];
        if (!c->n)
            return NULL;
        if (types)
            *types = c->types;
        if (n)
            *n = c->n;
        return &c->desc;
    }
    return NULL;
}

int ent_i_is_strategy_choice(const ent_param_desc *d)
{
    pthread_once(&choices_once, build_choices);
    for (size_t l = 0; l < STAGES_MAX; l++)
        for (int r = 0; r < 2; r++)
            if (d == &choices[l][r].desc)
                return 1;
    return 0;
}
