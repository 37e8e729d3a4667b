/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** strategies_matrix.c: the matrix stage's strategies, one wrapper per
** strategy of the classic library (game_strategy_table.c), with the library's
** name, definition, reference and parameters, usable by patron and allies.
*/
#include <pthread.h>
#include <string.h>
#include "entente/matrix_stage.h"
#include "stages/stages_int.h"

#define MAX_WRAPPERS 128

/* The wrapper remembers its library strategy (the first member is what the
** registry hands out, so a type pointer is also a wrapper pointer). */
typedef struct {
    ent_strategy_type t;
    const ent_gs_type *gs;
} wrapper;

/* The table is derived from the library's, which C cannot read at compile
** time; it is filled once under pthread_once before the first lookup and
** only read afterwards, so concurrent runs share it safely. */
typedef struct {
    wrapper w[MAX_WRAPPERS];
    const ent_strategy_type *list[MAX_WRAPPERS + 1];
} wrapper_table;

static wrapper_table table;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

/* The history lives in the stage's workspace (shared by the pair); a
** wrapper's own state is the library's per-match state. */
static size_t mx_state_size(const double *p, size_t n_agents)
{
    (void)n_agents;
    (void)p;
    return sizeof(ent_gs_state);
}

static void mx_reset(const double *p, void *state, const void *view)
{
    const ent_matrix_view *v = view;
    memset(state, 0, sizeof(ent_gs_state));
    if (v->gs->reset)
        v->gs->reset(v->gs, p, state, &v->game);
}

static void mx_decide(const double *p, void *state, const void *view, void *decision, gsl_rng *r)
{
    const ent_matrix_view *v = view;
    ent_matrix_decision *d = decision;
    d->action = v->gs->move(v->gs, p, state, &v->game, r) == ENT_D ? ENT_D : ENT_C;
}

int ent_i_matrix_direct(const ent_strategy_type *t)
{
    return t->decide == mx_decide;
}

static void build(void)
{
    size_t k = 0;
    for (size_t i = 0; ent_gs_types[i] && k < MAX_WRAPPERS; i++) {
        const ent_gs_type *gs = ent_gs_types[i];
        wrapper *w = &table.w[k];
        w->gs = gs;
        w->t.name = gs->name;
        w->t.stage = "matrix";
        w->t.roles = ENT_ROLE_ANY;
        w->t.doc = gs->doc;
        w->t.reference = gs->reference;
        w->t.params = gs->params;
        w->t.n_params = gs->n_params;
        w->t.state_size = mx_state_size;
        w->t.reset = mx_reset;
        w->t.decide = mx_decide;
        w->t.observe = NULL;
        table.list[k++] = &w->t;
    }
    table.list[k] = NULL;
}

const ent_strategy_type *const *ent_i_matrix_strategies(void)
{
    pthread_once(&table_once, build);
    return table.list;
}

const ent_gs_type *ent_i_matrix_gs(const ent_strategy_type *t)
{
    /* a stand-in (a student in the classroom) plays its strategy's library
    ** type when it does not move itself */
    t = ent_strategy_resolve(t);
    const ent_strategy_type *const *list = ent_i_matrix_strategies();
    for (size_t k = 0; list[k]; k++)
        if (list[k] == t)
            return table.w[k].gs;
    return NULL;
}
