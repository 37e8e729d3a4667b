/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** status.h: how the library reports a failure besides its return value: the
** message of the calling thread's last failure, and a hook that a program
** sets to see (e.g. print) every failure message.
*/
#ifndef ENT_STATUS_H
#define ENT_STATUS_H

#include "entente/export.h"
ENT_BEGIN_DECLS

/* The message of the last failure of the calling thread ("" if none). */
const char *ent_last_error(void);
/* Called with every failure message (e.g. to print it); NULL: none (the default). */
typedef void (*ent_error_hook)(void *ctx, const char *msg);
void ent_set_error_hook(ent_error_hook fn, void *ctx);

ENT_END_DECLS

#endif
