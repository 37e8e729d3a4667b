/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** diffusion.h: what the diffusion stage keeps of each ally
** (stage_diffusion.c) and its structured agent input, the network each
** ally's `watches` states (inputs_diffusion.c). The belief it moves is
** shared state (sim/run_int.h).
*/
#ifndef ENT_STAGE_DIFFUSION_H
#define ENT_STAGE_DIFFUSION_H

#include "entente/stage.h"

extern const ent_stage_type ent_stage_diffusion;

typedef struct {
    int spread_round;       /* first round its belief moved by the spread threshold, 0: not yet */
} ent_i_diffusion_agent;

#define ENT_MAX_WATCH 16    /* neighbours an ally watches in the belief network */

/* An edge of the belief network: this ally watches `agent` with `weight`. */
typedef struct {
    int agent;              /* agent index */
    double weight;          /* > 0; normalised over the ally's edges */
} ent_i_watch;

/* An ally's `watches` as the scenario gives them (ent_scenario_agent_inputs). */
typedef struct {
    ent_i_watch watches[ENT_MAX_WATCH];
    int n_watches;
} ent_i_diffusion_inputs;

/* Its keys and reader (inputs_diffusion.c). */
extern const char *const ent_i_diffusion_input_keys[];
struct ent_ydoc;
struct yaml_node_s;
void ent_i_diffusion_read_inputs(struct ent_ydoc *y, struct yaml_node_s *map, const struct ent_scenario *s,
                                 size_t agent, void *data);

#endif
