/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** status.h: how the library's functions record a failure (core/status.c):
** the status and message that ent_last_status and ent_last_error return,
** passed to the error hook (entente/status.h). Internal.
*/
#ifndef ENT_CORE_STATUS_H
#define ENT_CORE_STATUS_H

#include "entente/diag.h"
#include "entente/status.h"

/* Record a failure of the calling thread; returns `status`, so that
** `return ent_i_fail(ENT_EIO, "cannot write '%s'", path);` reads as it does. */
ent_status ent_i_fail(ent_status status, const char *fmt, ...) ENT_PRINTF(2, 3);
/* ent_i_fail with ENT_EIO: the writers' failures. */
void ent_i_errorf(const char *fmt, ...) ENT_PRINTF(1, 2);

#endif
