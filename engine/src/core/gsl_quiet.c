/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** gsl_quiet.c: GSL's default error handler aborts the program when one of its
** routines fails (a beta quantile that does not converge, for instance). The
** library checks every such result and refuses or works around it (see
** design_dist.c), and a library must never end its caller's program: so its
** entry points turn the default handler off, once. A handler the program
** installed itself is left in place.
*/
#include <pthread.h>
#include <gsl/gsl_errno.h>
#include "core/gsl_quiet.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void quiet(void)
{
    gsl_error_handler_t *previous = gsl_set_error_handler_off();
    if (previous)
        gsl_set_error_handler(previous);        /* the program's own: keep it */
}

void ent_i_gsl_quiet(void)
{
    pthread_once(&once, quiet);
}
