/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** stage.h: stages of a round and the strategies that play them.
**
** A stage type is a const table (name, parameters, hooks), found by name in
** a registry, like GSL's generator types. The round loop knows nothing of any
** particular stage: adding a game means adding one folder (its type table,
** agent parameters, strategies and per-agent state) and one registry line
** (docs/api.md, "Adding a stage").
**
** A strategy is a decision function: given a stage-specific *view* of the
** state, it fills a stage-specific *decision*. Because the view is all it
** sees, a person at a terminal can answer in its place.
*/
#ifndef ENT_STAGE_H
#define ENT_STAGE_H

#include "entente/export.h"
ENT_BEGIN_DECLS

#include <stddef.h>
#include <gsl/gsl_rng.h>
#include "entente/param.h"

struct ent_run;
struct ent_agent_spec;
struct ent_scenario;
struct ent_ydoc;            /* a parsed YAML document and where its errors go */
struct yaml_node_s;         /* libyaml's node */

enum { ENT_ROLE_PATRON = 1, ENT_ROLE_ALLY = 2, ENT_ROLE_ANY = 3 };

/* A column of the trace or of the outcomes. */
typedef struct {
    const char *name;
    const char *unit;
    const char *doc;
} ent_column;

typedef struct ent_strategy_type {
    const char *name;
    const char *stage;              /* stage it plays */
    unsigned roles;                 /* ENT_ROLE_* it may be given to */
    const char *doc;                /* one line */
    const char *reference;          /* published source of the rule */
    const ent_param_desc *params;
    size_t n_params;
    /* bytes of per-agent state for these parameters in a run of n_agents
    ** agents (may be 0) */
    size_t (*state_size)(const double *p, size_t n_agents);
    /* set the state at the start of a run; view is the stage's view at round 0 */
    void (*reset)(const double *p, void *state, const void *view);
    /* decide: fill `decision` from `view` */
    void (*decide)(const double *p, void *state, const void *view, void *decision,
                   gsl_rng *r);
    /* optional: learn from the round's stage payoff */
    void (*observe)(const double *p, void *state, const void *view, double payoff);
} ent_strategy_type;

/* A stage that must come earlier in the pipeline than the one declaring it,
** whenever both are there. The loader checks every stage's list and names
** the stage and what it takes from the other. */
typedef struct {
    const char *stage;              /* the other stage's name; NULL ends a list */
    const char *why;                /* what the declaring stage takes from it */
} ent_stage_after;

typedef struct ent_stage_type {
    const char *name;
    const char *doc;
    const ent_param_desc *params;
    size_t n_params;
    const char *default_ally_strategy;
    const char *default_patron_strategy;
    const ent_column *trace;        /* per round and agent */
    size_t n_trace;
    const ent_column *agent_outcomes;   /* per agent at the end of a run */
    size_t n_agent_outcomes;
    const ent_column *run_outcomes;     /* per run */
    size_t n_run_outcomes;
    /* bytes of per-run workspace this stage needs (allocated once per run object) */
    size_t (*workspace_size)(const struct ent_run *run, int stage);
    /* prepare round 0 (no allocation: use the workspace) */
    void (*reset)(struct ent_run *run, int stage);
    /* play one round */
    void (*play)(struct ent_run *run, int stage, gsl_rng *r);
    /* the trace columns of `agent` after this round */
    void (*record)(const struct ent_run *run, int stage, size_t agent, double *out);
    /* final outcomes: per agent (n_agents x n_agent_outcomes, row-major) and per run */
    void (*summarise)(const struct ent_run *run, int stage, double *agent_out,
                      double *run_out);
    /* stages it must follow (may be NULL) */
    const ent_stage_after *after;
    /* bytes of the state it keeps per agent (0: none): its own struct,
    ** declared in its folder; the run allocates it for every agent and
    ** clears it at the start of each run */
    size_t agent_size;
    /* optional: set that state for `agent` at the start of a run, before any
    ** stage's reset (so that another stage may read it in its own) */
    void (*agent_reset)(const struct ent_run *run, int stage, size_t agent, void *state);
    /* its strategies, NULL-terminated, each naming this stage or another it
    ** leads (may be NULL); the registry finds strategies through it */
    const ent_strategy_type *const *strategies;
    /* optional: a per-agent value of its own by name, for displays
    ** (ent_run_agent_value): 1 and *out set if it knows `name`, else 0 */
    int (*agent_value)(const struct ent_run *run, int stage, size_t agent, const char *name,
                       double *out);
    /* the agent parameters it declares (may be NULL): keys of the patron's
    ** (ENT_F_PATRON) and the allies' (ENT_F_ALLY) entries of a scenario,
    ** accepted whether or not the stage is in the pipeline. Each name is
    ** declared once, by its owner, and is kept in ent_agent_spec.p at
    ** ent_agent_param_base(type) + its index here; another stage reads it
    ** through ent_agent_param_slot (scenario.h) */
    const ent_param_desc *agent_params;
    size_t n_agent_params;
    /* optional: complete an agent's parameters of this stage (p, indexed
    ** like agent_params) once its scenario file is read, before any
    ** override by path */
    void (*agent_params_read)(const struct ent_agent_spec *agent, double *p);
    /* optional: structured agent inputs it reads itself (a mapping, a list):
    ** their keys (NULL-terminated), accepted in the entries of the roles in
    ** agent_input_roles (ENT_ROLE_*) whether or not the stage is in the
    ** pipeline, and the bytes it keeps of them per agent in the scenario
    ** (ent_scenario_agent_inputs) */
    const char *const *agent_inputs;
    unsigned agent_input_roles;
    size_t agent_input_size;
    /* read them from agent `agent`'s entry `map` (a mapping) into `data`
    ** (agent_input_size bytes, zeroed), once every agent's code is known; the
    ** reader is the library's (its internal io/yamldoc.h), errors go to y at
    ** their node */
    void (*read_agent_inputs)(struct ent_ydoc *y, struct yaml_node_s *map, const struct ent_scenario *s,
                              size_t agent, void *data);
    /* optional: check its parameters p together, each already in its range
    ** (a scenario file's, and after --set): 0, or -1 with the reason in why
    ** and the index of the parameter at fault in *at */
    int (*check_params)(const double *p, size_t *at, char *why, size_t cap);
} ent_stage_type;

/* A stand-in takes the decisions of another strategy type (the classroom
** mode's person in place of a scenario strategy) while what the engine reads
** of a strategy besides its decisions, such as the behaviour a patron
** strategy states (exit.h), is the other's. Its reference is
** ent_stand_in_reference, and its table is the first member. */
typedef struct {
    ent_strategy_type t;
    const ent_strategy_type *stands_for;
} ent_strategy_stand_in;
extern const char ent_stand_in_reference[];
/* What t stands for if it is a stand-in, else t. */
const ent_strategy_type *ent_strategy_resolve(const ent_strategy_type *t);

/* Registries: NULL-terminated, static const. */
extern const ent_stage_type *const ent_stage_types[];

const ent_stage_type *ent_stage_find(const char *name);
/* The strategy `name` for `stage`, or NULL. */
const ent_strategy_type *ent_strategy_find(const char *stage, const char *name);
/* Call f(type, ctx) on every registered strategy, stage by stage. */
void ent_strategy_foreach(void (*f)(const ent_strategy_type *, void *), void *ctx);

ENT_END_DECLS

#endif
