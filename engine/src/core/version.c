/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** version.c: the library's version string (from engine/VERSION at build time).
*/
#include "entente/version.h"

#ifndef ENT_VERSION
#define ENT_VERSION "0.0.0"
#endif

const char *ent_version(void)
{
    return ENT_VERSION;
}
