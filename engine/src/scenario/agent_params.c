/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** agent_params.c: the core's agent fields and their composition with the
** agent parameters every registered stage declares, into the one table of
** the keys of a scenario's agents (scenario.h, ent_agent_params); where the
** stages' structured agent inputs are kept.
*/
#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <string.h>
#include "entente/scenario.h"
#include "entente/stage.h"
#include "scenario/scenario_doc.h"

#define F(field) offsetof(ent_agent_spec, field)

/* What every stage may read: the size of the economy and of its defence
** effort, the threat, the discount and the shared belief a run starts from
** (run.c sets the agents' state from them, whatever the pipeline). */
static const ent_param_desc core_fields[] = {
    { "gdp", ENT_P_REAL, 0, 1e-3, 1e6, "USD bn", "gross domestic product", NULL, F(gdp),
      ENT_F_REQUIRED | ENT_F_ALLY | ENT_F_PATRON },
    { "defence_share", ENT_P_REAL, 0, 0.0, 1.0, "fraction of GDP",
      "defence spending at the start of the run", NULL, F(defence_share),
      ENT_F_REQUIRED | ENT_F_ALLY | ENT_F_PATRON },
    { "threat", ENT_P_REAL, 0.0, 0.0, 1.0, "fraction", "external threat theta; raises the weight on security",
      NULL, F(threat), ENT_F_ALLY | ENT_F_PATRON },
    { "discount", ENT_P_REAL, 0, 0.01, 1.0, "per round",
      "discount factor; absent = the scenario's", NULL, F(discount), ENT_F_AUTO | ENT_F_ALLY | ENT_F_PATRON },
    { "prior_transactional", ENT_P_REAL, 0.5, 0.0, 1.0, "probability",
      "initial belief p that the patron is transactional", NULL, F(prior_transactional), ENT_F_ALLY },
};
#define N_CORE (sizeof core_fields / sizeof core_fields[0])

/* The stage each core field is shown with (NULL: before every stage's):
** the order of `entente list` and of the manifest's fields. */
static const char *const core_shown_with[N_CORE] = {
    NULL, NULL, NULL,
    "exit_leverage",    /* discount: the repeated bargaining's shadow of the future */
    "beliefs",          /* prior_transactional: the belief that stage updates */
};

static size_t put(ent_agent_param *out, size_t cap, size_t n, const ent_param_desc *d,
                  const ent_stage_type *t, int slot)
{
    if (n < cap)
        out[n] = (ent_agent_param){ d, t, slot };
    return n + 1;
}

/* The core fields shown with stage `name` (NULL: those shown first). */
static size_t put_core(ent_agent_param *out, size_t cap, size_t n, const char *name)
{
    for (size_t f = 0; f < N_CORE; f++) {
        const char *w = core_shown_with[f];
        if (name ? (w && !strcmp(w, name)) : !w)
            n = put(out, cap, n, &core_fields[f], NULL, -1);
    }
    return n;
}

size_t ent_agent_params(ent_agent_param *out, size_t cap)
{
    size_t n = put_core(out, cap, 0, NULL);
    int slot = 0;
    for (size_t i = 0; ent_stage_types[i]; i++) {
        const ent_stage_type *t = ent_stage_types[i];
        n = put_core(out, cap, n, t->name);
        for (size_t k = 0; k < t->n_agent_params && slot < ENT_MAX_AGENT_PARAMS; k++)
            n = put(out, cap, n, &t->agent_params[k], t, slot++);
    }
    /* a field shown with a stage that is not registered comes last */
    for (size_t f = 0; f < N_CORE; f++)
        if (core_shown_with[f] && !ent_stage_find(core_shown_with[f]))
            n = put(out, cap, n, &core_fields[f], NULL, -1);
    return n < cap ? n : cap;
}

int ent_agent_param_find(const char *name, ent_agent_param *out)
{
    for (size_t f = 0; f < N_CORE; f++)
        if (!strcmp(core_fields[f].name, name)) {
            *out = (ent_agent_param){ &core_fields[f], NULL, -1 };
            return 0;
        }
    int slot = 0;
    for (size_t i = 0; ent_stage_types[i]; i++) {
        const ent_stage_type *t = ent_stage_types[i];
        for (size_t k = 0; k < t->n_agent_params && slot < ENT_MAX_AGENT_PARAMS; k++, slot++)
            if (!strcmp(t->agent_params[k].name, name)) {
                *out = (ent_agent_param){ &t->agent_params[k], t, slot };
                return 0;
            }
    }
    return -1;
}

int ent_agent_param_slot(const char *name)
{
    ent_agent_param ap;
    return ent_agent_param_find(name, &ap) == 0 ? ap.slot : -1;
}

int ent_i_agent_param_slot_once(const char *name, atomic_int *cache)
{
    int slot = atomic_load_explicit(cache, memory_order_relaxed);
    if (slot == ENT_I_SLOT_UNRESOLVED) {
        slot = ent_agent_param_slot(name);
        atomic_store_explicit(cache, slot, memory_order_relaxed);
    }
    return slot;
}

double ent_i_agent_param_value(const ent_agent_spec *a, int slot)
{
    return slot >= 0 && slot < ENT_MAX_AGENT_PARAMS ? a->p[slot] : NAN;
}

int ent_agent_param_base(const ent_stage_type *t)
{
    int base = 0;
    for (size_t i = 0; ent_stage_types[i]; i++) {
        if (ent_stage_types[i] == t)
            return t->n_agent_params == 0 || base + (int)t->n_agent_params <= ENT_MAX_AGENT_PARAMS ? base
                                                                                                  : -1;
        base += (int)ent_stage_types[i]->n_agent_params;
    }
    return -1;
}

double *ent_i_agent_field(ent_agent_spec *a, const ent_agent_param *ap)
{
    return ap->slot >= 0 ? &a->p[ap->slot] : (double *)(void *)((char *)a + ap->desc->offset);
}

double ent_i_agent_field_get(const ent_agent_spec *a, const ent_agent_param *ap)
{
    return ap->slot >= 0 ? a->p[ap->slot] : *(const double *)(const void *)((const char *)a + ap->desc->offset);
}

/* ---- structured agent inputs: per agent, each registered stage's block,
** in registry order, each rounded up to 8 bytes ---------------------------- */

static size_t input_block(const ent_stage_type *t)
{
    return (t->agent_input_size + 7) & ~(size_t)7;
}

/* The blocks' layout is the registry's, which C cannot read at compile
** time: worked out once under pthread_once (the stages ask for every agent
** of every run) and only read afterwards, so concurrent runs share it. */
#define MAX_INPUT_TYPES 64
static struct {
    size_t stride;                          /* bytes per agent */
    size_t n;                               /* registered types, up to MAX_INPUT_TYPES */
    const ent_stage_type *type[MAX_INPUT_TYPES];
    size_t off[MAX_INPUT_TYPES];            /* offset of each type's block */
} inputs_layout;
static pthread_once_t inputs_layout_once = PTHREAD_ONCE_INIT;

static void lay_out_inputs(void)
{
    size_t off = 0, n = 0;
    for (size_t i = 0; ent_stage_types[i]; i++) {
        if (n < MAX_INPUT_TYPES) {
            inputs_layout.type[n] = ent_stage_types[i];
            inputs_layout.off[n++] = off;
        }
        off += input_block(ent_stage_types[i]);
    }
    inputs_layout.stride = off;
    inputs_layout.n = n;
}

size_t ent_i_agent_inputs_stride(void)
{
    pthread_once(&inputs_layout_once, lay_out_inputs);
    return inputs_layout.stride;
}

/* The offset of type t's block, or -1 if it is not registered. */
static long input_offset(const ent_stage_type *t)
{
    pthread_once(&inputs_layout_once, lay_out_inputs);
    for (size_t i = 0; i < inputs_layout.n; i++)
        if (inputs_layout.type[i] == t)
            return (long)inputs_layout.off[i];
    /* beyond the table (a registry longer than it): the sum of the blocks before */
    size_t off = 0;
    for (size_t i = 0; ent_stage_types[i]; i++) {
        if (ent_stage_types[i] == t)
            return (long)off;
        off += input_block(ent_stage_types[i]);
    }
    return -1;
}

void *ent_i_agent_inputs(const ent_scenario *s, size_t agent, const ent_stage_type *t)
{
    if (!s->agent_inputs || agent >= s->n_agents || !t->agent_input_size)
        return NULL;
    long off = input_offset(t);
    return off < 0 ? NULL : s->agent_inputs + agent * ent_i_agent_inputs_stride() + (size_t)off;
}

const void *ent_scenario_agent_inputs(const ent_scenario *s, size_t agent, const ent_stage_type *t)
{
    return ent_i_agent_inputs(s, agent, t);
}

double ent_scenario_agent_param(const ent_scenario *s, size_t agent, const char *name)
{
    ent_agent_param ap;
    if (!s || agent >= s->n_agents || ent_agent_param_find(name, &ap) != 0)
        return NAN;
    return ent_i_agent_field_get(&s->agents[agent], &ap);
}
