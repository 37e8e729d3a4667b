/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** version.h: the library's version string.
*/
#ifndef ENT_VERSION_H
#define ENT_VERSION_H

#include "entente/export.h"
ENT_BEGIN_DECLS

/* The version of libentente ("MAJOR.MINOR.PATCH", from engine/VERSION). */
const char *ent_version(void);

ENT_END_DECLS

#endif
