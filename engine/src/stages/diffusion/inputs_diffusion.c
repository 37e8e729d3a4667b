/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** inputs_diffusion.c: the diffusion stage's structured agent input, the
** belief network: `watches: {JPN: 0.5, KOR: 0.2}` in an ally's entry, read
** once every code is known (ent_stage_type.read_agent_inputs).
*/
#include <math.h>
#include <string.h>
#include "entente/scenario.h"
#include "scenario/scenario_doc.h"
#include "stages/diffusion/diffusion.h"

const char *const ent_i_diffusion_input_keys[] = { "watches", NULL };

void ent_i_diffusion_read_inputs(ent_ydoc *Y, yaml_node_t *map, const ent_scenario *s, size_t agent, void *data)
{
    ent_i_diffusion_inputs *a = data;
    a->n_watches = 0;
    if (agent == 0)
        return;     /* the patron watches no one */
    const char *self = s->agents[agent].code;
    yaml_node_t *n = ent_y_lookup(Y, map, "watches");
    if (!n || !ent_i_scenario_expect(Y, n, YAML_MAPPING_NODE, "'watches'"))
        return;
    ent_y_check_keys(Y, n, NULL, "'watches'");
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        yaml_node_t *k = ent_y_node(Y, p->key);
        const char *code = ent_y_scalar(k);
        if (!code)
            continue;
        int j = ent_scenario_agent_index(s, code);
        if (j < 0 && ent_diags_full(Y->d)) {
            ENT_YERR(Y, k, "'watches' names no agent '%s'", code);  /* counted, not shown */
            continue;
        }
        if (j < 0) {
            /* a suggestion compares the code with every agent's: only for an error shown */
            const char *codes[ENT_MAX_AGENTS + 1];
            size_t m = 0;
            for (size_t i = 0; i < s->n_agents && m < ENT_MAX_AGENTS; i++)
                if (s->agents[i].code[0]) codes[m++] = s->agents[i].code;
            codes[m] = NULL;
            const char *near = ent_nearest(code, codes);
            if (near)
                ENT_YERR(Y, k, "'watches' names no agent '%s'; did you mean '%s'?", code, near);
            else
                ENT_YERR(Y, k, "'watches' names no agent '%s'", code);
            continue;
        }
        if (!strcmp(code, self)) {
            ENT_YERR(Y, k, "an ally does not watch itself ('%s')", code);
            continue;
        }
        if (j == 0) {
            ENT_YERR(Y, k, "allies watch other allies; '%s' is the patron", code);
            continue;
        }
        if (a->n_watches >= ENT_MAX_WATCH) {
            ENT_YERR(Y, k, "an ally watches at most %d others", ENT_MAX_WATCH);
            break;
        }
        const ent_param_desc d = { code, ENT_P_REAL, 0, 0.0, 1e6, "fraction", "", NULL, 0, 0 };
        double w = NAN;
        yaml_node_t *v = ent_y_node(Y, p->value);
        ent_i_scenario_read_param(Y, v, &d, &w);
        if (w == 0.0)       /* a weight of 0 would be a link that is not there */
            ENT_YERR(Y, v, "'%s' (a weight in 'watches') must be greater than 0, got %s", code,
                     ent_y_scalar(v));
        if (!isnan(w) && w > 0.0) {
            a->watches[a->n_watches].agent = j;
            a->watches[a->n_watches].weight = w;
            a->n_watches++;
        }
    }
}
