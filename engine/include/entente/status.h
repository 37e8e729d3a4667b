/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** status.h: the one error convention of the library's public functions.
** A function that can fail returns an ent_status (ENT_OK is 0, so `if (rc)`
** tests for failure); the message of the failure, with the file or value
** it concerns, is ent_last_error(), per thread. Errors in input files are
** also listed, each with its FILE:LINE:COL, in the ent_diags the caller
** passed (ENT_EINPUT). Nothing in the library prints or exits.
*/
#ifndef ENT_STATUS_H
#define ENT_STATUS_H

#include "entente/export.h"
ENT_BEGIN_DECLS

typedef enum {
    ENT_OK = 0,
    ENT_EIO = 1,        /* cannot read or write a file or folder */
    ENT_ENOMEM = 2,     /* out of memory */
    ENT_EINTR = 3,      /* stopped on request before the end; can be resumed */
    ENT_ERESUME = 4,    /* nothing to resume, or it was started with other settings */
    ENT_ELOCKED = 5,    /* another process is writing the same folder */
    ENT_EDESIGN = 6,    /* a sweep design gave a value that is not a finite number */
    ENT_EPROC = 7,      /* another process of the job failed; can be resumed */
    ENT_EINPUT = 8,     /* the input has errors (listed with FILE:LINE:COL) */
    ENT_EINVAL = 9,     /* an argument is out of its range */
    ENT_ENUMERIC = 10   /* a numerical method failed (no convergence, no solution) */
} ent_status;

/* What a status means, in a short phrase ("cannot read or write a file");
** "unknown status" for a value that is not one. */
const char *ent_status_message(int status);

/* The message of the last failure of the calling thread ("" if none), and
** its status (ENT_OK if none). */
const char *ent_last_error(void);
ent_status ent_last_status(void);

/* Called with every failure message (e.g. to print it); NULL: none (the default). */
typedef void (*ent_error_hook)(void *ctx, const char *msg);
void ent_set_error_hook(ent_error_hook fn, void *ctx);

ENT_END_DECLS

#endif
