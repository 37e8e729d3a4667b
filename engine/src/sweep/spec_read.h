/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** spec_read.h: what the readers of a `sweep:` and a `calibrate:` section
** share (sweep_spec.c): a parameter path looked up in the scenario, and an
** outcome name looked up among the runs' outcomes, each with its FILE:LINE:COL
** error and "did you mean". Internal.
*/
#ifndef ENT_SWEEP_SPEC_READ_H
#define ENT_SWEEP_SPEC_READ_H

#include <stddef.h>
#include "entente/param.h"
#include "entente/scenario.h"
#include "io/yamldoc.h"

/* The descriptor of parameter `path` of s, or NULL after an error at node `at`
** (the nearest known path, or examples of paths from s). */
const ent_param_desc *ent_i_spec_param(ent_ydoc *Y, yaml_node_t *at, const ent_scenario *s,
                                       const char *path);
/* The position of `name` among the n outcome names (ent_i_run_outcome_names),
** or -1 after an error at node `at` (with the nearest name). */
long ent_i_spec_outcome(ent_ydoc *Y, yaml_node_t *at, char *const *names, size_t n, const char *name);

#endif
