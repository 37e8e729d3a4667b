/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** inputs_hedging.c: the hedging stage's structured agent inputs, read from
** an ally's entry (ent_stage_type.read_agent_inputs): its starting
** `portfolio: {bandwagon: .., balance: .., bind: ..}` (summing to 1) and its
** `partners: [{name: CPTPP, value: 0.004, cost: 0.001}, ...]`.
*/
#include <math.h>
#include <stdio.h>
#include "entente/scenario.h"
#include "scenario/scenario_doc.h"
#include "stages/hedging/hedging.h"

const char *const ent_i_hedging_input_keys[] = { "partners", "portfolio", NULL };

static void read_portfolio(ent_ydoc *Y, yaml_node_t *map, ent_i_hedging_inputs *a, size_t agent)
{
    static const char *const keys[] = { "bandwagon", "balance", "bind", NULL };
    a->portfolio[0] = 1.0;      /* pure bandwagoning unless told otherwise */
    a->portfolio[1] = a->portfolio[2] = 0.0;
    yaml_node_t *n = agent > 0 ? ent_y_lookup(Y, map, "portfolio") : NULL;
    if (!n || !ent_i_scenario_expect(Y, n, YAML_MAPPING_NODE, "'portfolio'"))
        return;
    ent_y_check_keys(Y, n, keys, "'portfolio'");
    double sum = 0.0;
    for (int k = 0; k < 3; k++) {
        yaml_node_t *v = ent_y_lookup(Y, n, keys[k]);
        const ent_param_desc d = { keys[k], ENT_P_REAL, 0, 0.0, 1.0, "fraction", "", NULL, 0, 0 };
        a->portfolio[k] = 0.0;
        if (v)
            ent_i_scenario_read_param(Y, v, &d, &a->portfolio[k]);
        sum += a->portfolio[k];
    }
    if (fabs(sum - 1.0) > 1e-6)
        ENT_YERR(Y, n, "'portfolio' weights must add up to 1, they add up to %g", sum);
}

static void read_partners(ent_ydoc *Y, yaml_node_t *map, ent_i_hedging_inputs *a, size_t agent)
{
    static const char *const keys[] = { "name", "value", "cost", NULL };
    a->n_partners = 0;
    yaml_node_t *n = agent > 0 ? ent_y_lookup(Y, map, "partners") : NULL;
    if (!n || !ent_i_scenario_expect(Y, n, YAML_SEQUENCE_NODE, "'partners'"))
        return;
    for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
        yaml_node_t *p = ent_y_node(Y, *it);
        if (!ent_i_scenario_expect(Y, p, YAML_MAPPING_NODE, "each partner"))
            continue;
        if (a->n_partners >= ENT_MAX_PARTNERS) {
            ENT_YERR(Y, p, "at most %d partners per ally", ENT_MAX_PARTNERS);
            break;
        }
        ent_y_check_keys(Y, p, keys, "a partner");
        ent_i_partner *q = &a->partners[a->n_partners++];
        yaml_node_t *name = ent_y_lookup(Y, p, "name");
        if (!name || !ent_y_scalar(name))
            ENT_YERR(Y, name ? name : p, "each partner needs a 'name'");
        else
            snprintf(q->name, sizeof q->name, "%s", ent_y_scalar(name));
        ent_param_desc d = { "value", ENT_P_REAL, 0, 0.0, 1.0, "fraction of GDP", "", NULL, 0, 0 };
        q->value = q->cost = 0.0;
        yaml_node_t *v = ent_y_lookup(Y, p, "value");
        if (v) ent_i_scenario_read_param(Y, v, &d, &q->value);
        d.name = "cost";
        v = ent_y_lookup(Y, p, "cost");
        if (v) ent_i_scenario_read_param(Y, v, &d, &q->cost);
    }
}

void ent_i_hedging_read_inputs(ent_ydoc *Y, yaml_node_t *map, const ent_scenario *s, size_t agent, void *data)
{
    (void)s;
    read_portfolio(Y, map, data, agent);
    read_partners(Y, map, data, agent);
}
