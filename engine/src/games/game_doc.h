/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** game_doc.h: the classic game loader on a YAML document that is already
** parsed (a sweep file names its game inside), internal to the library.
*/
#ifndef ENT_GAME_DOC_H
#define ENT_GAME_DOC_H

#include <stddef.h>
#include "entente/game_tournament.h"
#include "io/yamldoc.h"

/* The loader, from a document parsed by ent_y_parse (buf and len are its
** text, for the checksum; the document is not freed; errors go to Y->d). */
ent_classic *ent_i_classic_from_doc(const char *name, const char *buf, size_t len, ent_ydoc *Y);
/* Whether the document is a classic game file (a mapping with 'game'). */
int ent_i_is_game_doc(ent_ydoc *Y);

#endif
