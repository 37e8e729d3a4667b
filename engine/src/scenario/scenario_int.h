/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** scenario_int.h: the inside of a scenario, for the library (not part of the
** public interface: programs see an opaque ent_scenario and the accessors of
** entente/scenario.h). The loader fills it and checks every value; the rest
** of the library reads it directly, and writes a parameter only through
** ent_i_scenario_param after checking the value (ent_scenario_set, and the
** sweeps and calibration for each point).
*/
#ifndef ENT_SCENARIO_INT_H
#define ENT_SCENARIO_INT_H

#include <limits.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "entente/scenario.h"

typedef struct {
    const struct ent_strategy_type *type;
    double p[ENT_MAX_PARAMS];               /* indexed like type->params */
    /* type's index among the stage's strategies for the agent's role
    ** (ent_i_strategy_choices), -1 if it is none of them (a stand-in): the
    ** slot of the path `patron.strategy.STAGE`. A sweep or --set writes
    ** another index here, and ent_i_scenario_apply_choices makes it the type */
    double pick;
} ent_strategy_choice;

typedef struct ent_agent_spec {
    char code[ENT_CODE_MAX];                /* USA, DEU, KOR ... */
    char name[ENT_NAME_MAX];
    /* the core's fields, which every stage may read (ent_agent_params lists
    ** them with the stages'); NaN = derive */
    double gdp;                             /* USD bn */
    double defence_share;                   /* fraction of GDP, at round 0 */
    double threat;                          /* external threat theta in [0,1] */
    double discount;                        /* discount factor (NaN = scenario's) */
    double prior_transactional;             /* belief p_i that the patron is transactional */
    /* the stages' agent parameters, each declared by one stage type
    ** (ent_stage_type.agent_params) and kept at its slot (ent_agent_param_slot);
    ** NaN = derive */
    double p[ENT_MAX_AGENT_PARAMS];
    /* (the stages' structured inputs, such as hedging's portfolio, are kept
    ** apart: ent_scenario_agent_inputs) */
    ent_strategy_choice strategy[ENT_MAX_STAGES];   /* per pipeline stage */
} ent_agent_spec;

typedef struct {
    const struct ent_stage_type *type;
    double p[ENT_MAX_PARAMS];               /* indexed like type->params */
} ent_stage_spec;

struct ent_scenario {
    char *path;                             /* as given by the user */
    char *name;
    char *description;
    char **references;
    size_t n_references;
    int rounds;
    uint64_t seed;
    double discount;
    bool random_end;                        /* end each round with prob 1-discount */
    ent_agent_spec *agents;                 /* [0] patron, [1..] allies */
    size_t n_agents;
    ent_stage_spec stages[ENT_MAX_STAGES];
    size_t n_stages;
    char sha256[65];                        /* of the file's bytes, hex */
    /* the stages' structured agent inputs (ent_stage_type.agent_inputs):
    ** per agent, each registered stage's agent_input_size bytes */
    unsigned char *agent_inputs;
};

/* The strategies of stage type `st` open to `role` (ENT_ROLE_PATRON or
** ENT_ROLE_ALLY), as a choice parameter (strategy_choice.c): a static
** descriptor (ENT_P_ENUM, its choices the strategies' names, in the
** registry's order), and in *types and *n (may be NULL) the strategy of each
** index and how many. NULL if the stage has none for the role. The one list
** behind `patron.strategy.STAGE` and `allies.CODE.strategy.STAGE`, so that
** a sweep or --set chooses a strategy by name as it chooses a protocol. */
const ent_param_desc *ent_i_strategy_choices(const struct ent_stage_type *st, unsigned role,
                                             const struct ent_strategy_type *const **types, size_t *n);
/* Whether d is such a descriptor. */
int ent_i_is_strategy_choice(const ent_param_desc *d);

/* Address of the numeric parameter at `path` (the grammar of scenario.h),
** or NULL if there is none; then *desc is untouched. The one resolver of
** paths: ent_scenario_get, ent_scenario_set and the sweeps' points, which
** write through it after checking the value against *desc, all use it. */
double *ent_i_scenario_param(ent_scenario *s, const char *path, const ent_param_desc **desc);
/* After values were written through those slots: a strategy whose pick no
** longer names its type becomes the strategy picked, with the parameters
** `base` (the scenario as loaded; may be NULL) gives it if it is base's
** strategy there, else its defaults: what a pick plays never depends on the
** picks before it. Returns how many changed (a run object made for the old
** ones must be made again: its kept records assume their strategies). */
size_t ent_i_scenario_apply_choices(ent_scenario *s, const ent_scenario *base);
/* The table holding slot, a parameter of s (ent_i_scenario_param): stage
** *st's own parameters (*agent = -1) or the strategy agent *agent plays
** there. Returns 1 if that table has parameters checked together (two ends
** of a range, a stage's check_params; a strategy pick may lead to one), 0
** if not or if slot is in no such table (an agent field, discount). */
int ent_i_scenario_slot_table(const ent_scenario *s, const double *slot, int *st, long *agent);
/* The check of parameters together (what ent_scenario_set_many checks once
** all are set) of that one table: 0, or -1 with the reason in why. */
int ent_i_scenario_check_table(const ent_scenario *s, int st, long agent, char *why, size_t cap);
/* Set every strategy's pick from its type (after loading, or setting one). */
void ent_i_scenario_sync_picks(ent_scenario *s);

/* Agent a's stage parameter at `slot` (from ent_agent_param_slot), NaN if
** slot < 0. */
double ent_i_agent_param_value(const ent_agent_spec *a, int slot);
/* ent_agent_param_slot(name), resolved once per process into *cache, which
** starts as ENT_I_SLOT_UNRESOLVED: the registry is fixed when the program
** is built, so the answer never changes (and threads racing to resolve it
** store the same value). For what a stage asks at every run's reset. */
#define ENT_I_SLOT_UNRESOLVED INT_MIN
int ent_i_agent_param_slot_once(const char *name, atomic_int *cache);
/* The address of an entry's value in agent a, and the value itself. */
double *ent_i_agent_field(ent_agent_spec *a, const ent_agent_param *ap);
double ent_i_agent_field_get(const ent_agent_spec *a, const ent_agent_param *ap);

#endif
