/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** scenario_doc.h: the scenario loader on a YAML document that is already
** parsed (a sweep file holds its scenario), and what the stages' readers of
** their structured agent inputs share with it; internal to the library.
*/
#ifndef ENT_SCENARIO_DOC_H
#define ENT_SCENARIO_DOC_H

#include <stddef.h>
#include "entente/scenario.h"
#include "scenario/scenario_int.h"
#include "io/yamldoc.h"

/* The loader, from a document parsed by ent_y_parse (buf and len are its
** text, for the checksum; the document is not freed; errors go to Y->d). */
ent_scenario *ent_i_scenario_from_doc(const char *name, const char *buf, size_t len, ent_ydoc *Y);

/* What a stage's reader of its structured agent inputs shares with the
** loader (ent_stage_type.read_agent_inputs): */
/* node n is of `kind`: 1; else 0 and "WHAT expects a mapping, found a list" */
int ent_i_scenario_expect(ent_ydoc *Y, yaml_node_t *n, yaml_node_type_t kind, const char *what);
/* read one value at n as desc describes it into *out (ent_param_parse), or
** an error at n */
void ent_i_scenario_read_param(ent_ydoc *Y, yaml_node_t *n, const ent_param_desc *desc, double *out);

/* Bytes of the structured agent inputs of one agent (every registered
** stage's block), and agent i's block of stage type t (NULL: none). */
size_t ent_i_agent_inputs_stride(void);
void *ent_i_agent_inputs(const ent_scenario *s, size_t agent, const struct ent_stage_type *t);

#endif
