/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** scenario.h: a validated scenario. Read-only once loaded, so that any number
** of runs on any number of threads can share it.
**
** Units: shares are fractions (0.02 = 2% of GDP), money is billions of US
** dollars, time is rounds (one budget year or negotiation cycle).
** Agent 0 is always the patron; agents 1..n-1 are the allies.
*/
#ifndef ENT_SCENARIO_H
#define ENT_SCENARIO_H

#include "entente/export.h"
ENT_BEGIN_DECLS

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "entente/diag.h"
#include "entente/param.h"
#include "entente/status.h"

#define ENT_CODE_MAX   16
#define ENT_NAME_MAX   64
#define ENT_MAX_STAGES 16
#define ENT_MAX_PARAMS 24
#define ENT_MAX_AGENTS 256
/* the agent parameters of all registered stages together (an agent's slots) */
#define ENT_MAX_AGENT_PARAMS 64
/* the core's agent fields and the stages' agent parameters together */
#define ENT_MAX_AGENT_FIELDS (ENT_MAX_AGENT_PARAMS + 8)

struct ent_stage_type;
struct ent_strategy_type;

/* A scenario is opaque: programs read it through the accessors below and
** change it only through setters that check every value (ent_scenario_set,
** ent_scenario_set_seed, _rounds, _agent_strategy); the library sees
** its inside (scenario/scenario_int.h). */
typedef struct ent_scenario ent_scenario;

/* ---- agent fields --------------------------------------------------------
** The keys of the patron's and the allies' entries: the core's fields (gdp,
** defence_share, threat, discount, prior_transactional) and every registered
** stage's agent parameters (ent_stage_type.agent_params), composed into one
** table that the loader, the parameter paths, `entente list` and the
** manifest all read. */
typedef struct {
    const ent_param_desc *desc;
    const struct ent_stage_type *stage;     /* the stage declaring it; NULL: the core */
    int slot;                               /* a stage's: its index among an agent's
                                            ** stage parameters; the core's: -1 (a
                                            ** member of the library's agent record
                                            ** at desc->offset) */
} ent_agent_param;

/* The composed table, written into out (capacity cap, ENT_MAX_AGENT_FIELDS
** is enough); returns its length. Its order, which `entente list` and the
** manifest show: the core's fields, then each registered stage's in registry
** order; a core field that names a stage to be shown with (discount with
** exit_leverage, whose repeated bargaining it discounts; prior_transactional
** with beliefs, which updates it) comes first among that stage's. */
size_t ent_agent_params(ent_agent_param *out, size_t cap);
/* The entry called `name`: 0 and *out set, or -1. */
int ent_agent_param_find(const char *name, ent_agent_param *out);
/* The slot among an agent's stage parameters of `name`, or -1
** (unknown, or a core field). A stage reading another's parameter resolves
** it once, at its reset, and reads agents[i].p[slot] in its rounds. */
int ent_agent_param_slot(const char *name);
/* The first slot of the agent parameters of stage type t (its own are at
** base + their index in t->agent_params), or -1 if t is not registered. */
int ent_agent_param_base(const struct ent_stage_type *t);
/* Stage type t's structured inputs of agent i (its agent_input_size bytes,
** as its read_agent_inputs left them), or NULL if t keeps none or is not
** registered. A stage reads them at its reset. */
const void *ent_scenario_agent_inputs(const ent_scenario *s, size_t agent, const struct ent_stage_type *t);
/* The value of the field or parameter `name` of agent i of s, NaN if there
** is none (for displays; stages resolve a slot instead). */
double ent_scenario_agent_param(const ent_scenario *s, size_t agent, const char *name);

#define ENT_SCENARIO_MAX_BYTES (4u << 20)   /* larger files are refused */
/* The error a sweep file (top-level `scenario: PATH`) gets from the scenario
** loader; commands that accept sweep files test for it. */
#define ENT_SWEEP_FILE_MESSAGE "this is a sweep file (its 'scenario' names the scenario): run it with 'entente sweep'"

/* Load and validate `path`. On success returns a scenario (free with
** ent_scenario_free) and d->n == 0; on failure returns NULL with errors in d. */
ent_scenario *ent_scenario_load(const char *path, ent_diags *d);
/* Same, from a buffer (the name is used in messages only). */
ent_scenario *ent_scenario_load_buffer(const char *name, const char *buf, size_t len,
                                       ent_diags *d);
void ent_scenario_free(ent_scenario *s);
/* A deep copy, e.g. to apply overrides per sweep point. NULL on failure. */
ent_scenario *ent_scenario_clone(const ent_scenario *s);

/* Parameter paths: "discount", "allies.KOR.gdp", "patron.transactional",
** "stages.burden_sharing.demand", "allies.KOR.strategy.burden_sharing.step".
** A malformed path (empty components, too many, longer than
** ENT_PARAM_PATH_MAX) or a stage that gives the agent no strategy names no
** parameter. */
#define ENT_PARAM_PATH_MAX 255
/* The value of the parameter at `path`: 0 and *out set, or -1 (no such
** parameter; *out untouched). */
int ent_scenario_get(const ent_scenario *s, const char *path, double *out);
/* The descriptor of the parameter at `path`, or NULL: a look-up that leaves
** s as it is. */
const ent_param_desc *ent_scenario_param_desc(const ent_scenario *s, const char *path);
/* Three paths of s to show as examples of the grammar ("'stages.burden_sharing.demand',
** 'allies.KOR.gdp', 'patron.defence_share'"), written into buf. */
const char *ent_scenario_path_examples(const ent_scenario *s, char *buf, size_t cap);
/* The known path nearest to `path`, written into buf, or NULL if none is
** near enough to suggest. */
const char *ent_scenario_param_nearest(const ent_scenario *s, const char *path, char *buf, size_t cap);
/* Set the parameter at `path` from its text, read and checked as in a
** scenario file (ent_param_parse; a choice may also be given by its index).
** Returns 0, or -1 with the reason in why: an unknown path names the
** nearest known one. */
int ent_scenario_set(ent_scenario *s, const char *path, const char *value, char *why, size_t cap);
/* Set n parameters (paths[i] to values[i]) as ent_scenario_set does, the
** strategies chosen by name (patron.strategy.STAGE, allies.CODE.strategy.STAGE)
** before the rest, so the result does not depend on the order given: a
** strategy picked anew starts from its defaults, and a parameter path names
** a parameter of the strategy that is played. Once all are made, the two
** ends of each range (a strategy's `min` and `max`) are checked together.
** Returns 0, or -1 with the index of the assignment refused in *failed (if
** not NULL) and the reason in why; the assignments before it stay made. */
int ent_scenario_set_many(ent_scenario *s, size_t n, const char *const *paths, const char *const *values,
                          size_t *failed, char *why, size_t cap);
/* Call fn with every parameter path of s (for suggestions). */
void ent_scenario_param_paths(const ent_scenario *s, void (*fn)(void *ctx, const char *path), void *ctx);

/* Index of the pipeline stage called `name`, or -1. */
int ent_scenario_stage_index(const ent_scenario *s, const char *name);
/* Index of the agent with `code`, or -1. */
int ent_scenario_agent_index(const ent_scenario *s, const char *code);

/* ---- reading a scenario --------------------------------------------------
** Strings and arrays returned stay valid while s lives and is not changed;
** an index out of range gives NULL, NaN or 0. */
/* The file as given, the scenario's name, its description ("" if none) and
** the SHA-256 of the file's bytes (64 hex digits). */
const char *ent_scenario_path(const ent_scenario *s);
const char *ent_scenario_name(const ent_scenario *s);
const char *ent_scenario_description(const ent_scenario *s);
const char *ent_scenario_sha256(const ent_scenario *s);
/* Its references (count, and reference k). */
size_t ent_scenario_n_references(const ent_scenario *s);
const char *ent_scenario_reference(const ent_scenario *s, size_t k);
/* The seed of the scenario's random streams, and a new one. */
uint64_t ent_scenario_seed(const ent_scenario *s);
void ent_scenario_set_seed(ent_scenario *s, uint64_t seed);
/* Rounds per run, and a new count (1 to 100000; else ENT_EINVAL and unchanged). */
int ent_scenario_rounds(const ent_scenario *s);
ent_status ent_scenario_set_rounds(ent_scenario *s, int rounds);
/* The scenario's discount factor, and whether each round ends the run with
** probability 1 - discount. */
double ent_scenario_discount(const ent_scenario *s);
bool ent_scenario_random_end(const ent_scenario *s);
/* Agents (0 is the patron), an agent's code and name (its code if the file
** gives none); its fields and parameters: ent_scenario_agent_param. */
size_t ent_scenario_n_agents(const ent_scenario *s);
const char *ent_scenario_agent_code(const ent_scenario *s, size_t agent);
const char *ent_scenario_agent_name(const ent_scenario *s, size_t agent);
/* Pipeline stages, the type of stage k, and its parameter `name` (NaN if the
** type has none of that name). */
size_t ent_scenario_n_stages(const ent_scenario *s);
const struct ent_stage_type *ent_scenario_stage_type(const ent_scenario *s, size_t stage);
double ent_scenario_stage_value(const ent_scenario *s, size_t stage, const char *name);
/* The strategy of an agent at pipeline stage k (NULL: the stage gives it
** none), its parameter values (indexed like the type's params, read-only)
** and one of them by name (NaN if none). */
const struct ent_strategy_type *ent_scenario_agent_strategy(const ent_scenario *s, size_t agent, size_t stage);
const double *ent_scenario_agent_strategy_values(const ent_scenario *s, size_t agent, size_t stage);
double ent_scenario_agent_strategy_value(const ent_scenario *s, size_t agent, size_t stage, const char *name);
/* Give an agent strategy t at stage k, for the stage's role of the agent,
** with values p (t->n_params of them, each checked against its
** description), or with the values it has now if p is NULL (for a strategy
** that reads none or the same ones). 0, or -1 and s unchanged (out of range,
** a strategy of another stage or role, or a value out of its range). */
int ent_scenario_set_agent_strategy(ent_scenario *s, size_t agent, size_t stage,
                                    const struct ent_strategy_type *t, const double *p);

ENT_END_DECLS

#endif
