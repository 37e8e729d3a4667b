/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** hedging.h: what the hedging stage keeps of each ally (stage_hedging.c),
** its structured agent inputs, an ally's starting `portfolio` and its
** `partners` (inputs_hedging.c), and the one fact other stages take from it:
** an ally's binding investment (exit_leverage shields linked harm with it).
*/
#ifndef ENT_STAGE_HEDGING_H
#define ENT_STAGE_HEDGING_H

#include <stddef.h>
#include "entente/stage.h"

struct ent_run;

extern const ent_stage_type ent_stage_hedging;
extern const ent_strategy_type *const ent_hedging_strategies[];   /* strategies_hedging.c */

typedef struct {
    double portfolio[3];    /* weights: bandwagon, balance, bind (on the simplex) */
    double hedge_u[3];      /* expected payoffs of the three options this round, % of GDP */
    double min_bandwagon;   /* lowest bandwagon weight so far (cohesion) */
    double binding;         /* binding investment in [0,1]: the bind weight */
} ent_i_hedging_agent;

#define ENT_MAX_PARTNERS 8  /* binding partners named per ally */

/* A partner or framework an ally can bind itself to (EU, CPTPP, Quad ...). */
typedef struct {
    char name[32];
    double value;           /* yearly value of binding fully, fraction of GDP */
    double cost;            /* yearly cost of binding fully, fraction of GDP */
} ent_i_partner;

/* An agent's inputs as the scenario gives them (ent_scenario_agent_inputs). */
typedef struct {
    double portfolio[3];    /* starting weights: bandwagon, balance, bind */
    ent_i_partner partners[ENT_MAX_PARTNERS];
    int n_partners;
} ent_i_hedging_inputs;

/* Its keys and reader (inputs_hedging.c). */
extern const char *const ent_i_hedging_input_keys[];
struct ent_ydoc;
struct yaml_node_s;
void ent_i_hedging_read_inputs(struct ent_ydoc *y, struct yaml_node_s *map, const struct ent_scenario *s,
                               size_t agent, void *data);

/* 1 if t decides as the logit strategy does (not a stand-in): with a run's
** state, decide() copies the view's weights and makes one
** ent_i_hedge_logit_memo_step with the view's payoffs and its parameters
** beta, rate; the stage may make that step itself. */
int ent_i_hedging_logit_direct(const ent_strategy_type *t);

/* Ally i's binding investment in [0,1]; 0 without a hedging stage (or
** before its reset). */
double ent_i_hedging_binding(const struct ent_run *run, size_t i);

#endif
