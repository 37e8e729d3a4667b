/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** scenario_access.c: what a program reads of a scenario, whose inside it
** does not see (entente/scenario.h), and the one change of an agent's
** strategy it may make, checked as the loader checks a strategy.
*/
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "entente/scenario.h"
#include "entente/stage.h"
#include "core/status.h"
#include "scenario/scenario_int.h"

const char *ent_scenario_path(const ent_scenario *s) { return s->path; }
const char *ent_scenario_name(const ent_scenario *s) { return s->name; }
const char *ent_scenario_description(const ent_scenario *s) { return s->description; }
const char *ent_scenario_sha256(const ent_scenario *s) { return s->sha256; }
size_t ent_scenario_n_references(const ent_scenario *s) { return s->n_references; }
double ent_scenario_discount(const ent_scenario *s) { return s->discount; }
bool ent_scenario_random_end(const ent_scenario *s) { return s->random_end; }
size_t ent_scenario_n_agents(const ent_scenario *s) { return s->n_agents; }
size_t ent_scenario_n_stages(const ent_scenario *s) { return s->n_stages; }

uint64_t ent_scenario_seed(const ent_scenario *s) { return s->seed; }
void ent_scenario_set_seed(ent_scenario *s, uint64_t seed) { s->seed = seed; }
int ent_scenario_rounds(const ent_scenario *s) { return s->rounds; }

ent_status ent_scenario_set_rounds(ent_scenario *s, int rounds)
{
    if (rounds < 1 || rounds > 100000)
        return ent_i_fail(ENT_EINVAL, "rounds must be a whole number from 1 to 100000, got %d", rounds);
    s->rounds = rounds;
    return ENT_OK;
}

const char *ent_scenario_reference(const ent_scenario *s, size_t k)
{
    return k < s->n_references ? s->references[k] : NULL;
}

const char *ent_scenario_agent_code(const ent_scenario *s, size_t agent)
{
    return agent < s->n_agents ? s->agents[agent].code : NULL;
}

const char *ent_scenario_agent_name(const ent_scenario *s, size_t agent)
{
    return agent < s->n_agents ? s->agents[agent].name : NULL;
}

const ent_stage_type *ent_scenario_stage_type(const ent_scenario *s, size_t stage)
{
    return stage < s->n_stages ? s->stages[stage].type : NULL;
}

double ent_scenario_stage_value(const ent_scenario *s, size_t stage, const char *name)
{
    if (stage >= s->n_stages)
        return NAN;
    const ent_stage_spec *sp = &s->stages[stage];
    int k = ent_param_find(sp->type->params, sp->type->n_params, name);
    return k < 0 ? NAN : sp->p[k];
}

/* Agent `agent`'s choice at pipeline stage `stage`, or NULL out of range. */
static const ent_strategy_choice *choice(const ent_scenario *s, size_t agent, size_t stage)
{
    return agent < s->n_agents && stage < s->n_stages ? &s->agents[agent].strategy[stage] : NULL;
}

const ent_strategy_type *ent_scenario_agent_strategy(const ent_scenario *s, size_t agent, size_t stage)
{
    const ent_strategy_choice *c = choice(s, agent, stage);
    return c ? c->type : NULL;
}

const double *ent_scenario_agent_strategy_values(const ent_scenario *s, size_t agent, size_t stage)
{
    const ent_strategy_choice *c = choice(s, agent, stage);
    return c && c->type ? c->p : NULL;
}

double ent_scenario_agent_strategy_value(const ent_scenario *s, size_t agent, size_t stage, const char *name)
{
    const ent_strategy_choice *c = choice(s, agent, stage);
    if (!c || !c->type)
        return NAN;
    int k = ent_param_find(c->type->params, c->type->n_params, name);
    return k < 0 ? NAN : c->p[k];
}

int ent_scenario_set_agent_strategy(ent_scenario *s, size_t agent, size_t stage, const ent_strategy_type *t,
                                    const double *p)
{
    if (!s || !t || agent >= s->n_agents || stage >= s->n_stages || t->n_params > ENT_MAX_PARAMS)
        return -1;
    ent_strategy_choice *c = &s->agents[agent].strategy[stage];
    /* a stage that gives this agent no strategy does not play one */
    if (!c->type || (t->stage && strcmp(t->stage, s->stages[stage].type->name) != 0) ||
        !(t->roles & (agent == 0 ? ENT_ROLE_PATRON : ENT_ROLE_ALLY)))
        return -1;
    if (p) {
        char why[256];
        /* NaN is what the loader leaves for a value to be derived */
        for (size_t k = 0; k < t->n_params; k++)
            if (!isnan(p[k]) && ent_param_check(&t->params[k], p[k], why, sizeof why))
                return -1;
        memmove(c->p, p, t->n_params * sizeof *p);   /* p may be c->p */
    }
    c->type = t;
    ent_i_scenario_sync_picks(s);
    return 0;
}

int ent_scenario_get(const ent_scenario *s, const char *path, double *out)
{
    const ent_param_desc *desc = NULL;
    /* the resolver takes an address to return; nothing is written through it */
    const double *v = ent_i_scenario_param((ent_scenario *)(uintptr_t)s, path, &desc);
    if (!v)
        return -1;
    *out = *v;
    return 0;
}
