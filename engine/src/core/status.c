/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** status.c: the library's one error convention (status.h): status codes and
** their phrases, the per-thread message of the last failure, and the hook
** that sees every failure.
*/
#include <stdarg.h>
#include <stdio.h>
#include "core/status.h"

static const char *const status_phrase[] = {
    [ENT_OK] = "success",
    [ENT_EIO] = "cannot read or write a file or folder",
    [ENT_ENOMEM] = "out of memory",
    [ENT_EINTR] = "stopped before the end (can be resumed)",
    [ENT_ERESUME] = "nothing to resume, or started with other settings",
    [ENT_ELOCKED] = "another process is writing the same folder",
    [ENT_EDESIGN] = "the design gave a value that is not a finite number",
    [ENT_EPROC] = "another process of the job failed (can be resumed)",
    [ENT_EINPUT] = "the input has errors",
    [ENT_EINVAL] = "an argument is out of its range",
    [ENT_ENUMERIC] = "a numerical method failed",
};

const char *ent_status_message(int status)
{
    if (status < 0 || (size_t)status >= sizeof status_phrase / sizeof status_phrase[0])
        return "unknown status";
    return status_phrase[status];
}

static _Thread_local char last_error[9000];
static _Thread_local ent_status last_status;
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

ent_status ent_last_status(void)
{
    return last_status;
}

static void record(ent_status status, const char *fmt, va_list ap)
{
    vsnprintf(last_error, sizeof last_error, fmt, ap);
    last_status = status;
    if (error_hook)
        error_hook(error_ctx, last_error);
}

ent_status ent_i_fail(ent_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    record(status, fmt, ap);
    va_end(ap);
    return status;
}

void ent_i_errorf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    record(ENT_EIO, fmt, ap);
    va_end(ap);
}
