/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** status.h: reporting a failure inside the library (entente/status.h gives
** the program the last message and the hook).
*/
#ifndef ENT_CORE_STATUS_H
#define ENT_CORE_STATUS_H

#include "entente/diag.h"
#include "entente/status.h"

/* Report a failure: kept as this thread's last error (ent_last_error) and
** passed to the error hook, if the program set one (ent_set_error_hook). */
void ent_i_errorf(const char *fmt, ...) ENT_PRINTF(1, 2);

#endif
