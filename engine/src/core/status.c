/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** status.c: the last failure message of each thread and the program's error
** hook (entente/status.h).
*/
#include <stdarg.h>
#include <stdio.h>
#include "core/status.h"

static _Thread_local char last_error[9000];
static ent_error_hook error_hook;
static void *error_ctx;

void ent_set_error_hook(ent_error_hook fn, void *ctx)
{
    error_hook = fn;
    error_ctx = ctx;
}

const char *ent_last_error(void)
{
    return last_error;
}

void ent_i_errorf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_error, sizeof last_error, fmt, ap);
    va_end(ap);
    if (error_hook)
        error_hook(error_ctx, last_error);
}
