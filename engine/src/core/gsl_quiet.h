/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** gsl_quiet.h: the library checks the results of GSL's numerical routines
** itself; GSL's default error handler would instead abort the program (see
** gsl_quiet.c).
*/
#ifndef ENT_GSL_QUIET_H
#define ENT_GSL_QUIET_H

/* Turn GSL's default abort-on-error handler off, once per process, unless the
** program installed a handler of its own. Called by the library's entry
** points that reach GSL. */
void ent_i_gsl_quiet(void);

#endif
