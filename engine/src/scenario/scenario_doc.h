/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** scenario_doc.h: the scenario loader on a YAML document that is already
** parsed (a sweep file holds its scenario), internal to the library.
*/
#ifndef ENT_SCENARIO_DOC_H
#define ENT_SCENARIO_DOC_H

#include <stddef.h>
#include "entente/scenario.h"
#include "io/yamldoc.h"

/* The loader, from a document parsed by ent_y_parse (buf and len are its
** text, for the checksum; the document is not freed; errors go to Y->d). */
ent_scenario *ent_i_scenario_from_doc(const char *name, const char *buf, size_t len, ent_ydoc *Y);

#endif
