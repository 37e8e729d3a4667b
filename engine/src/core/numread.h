/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** numread.h: the one reader of numbers written by people (scenario, game,
** sweep and calibration files, --set), so that every file takes the same
** texts as numbers.
*/
#ifndef ENT_CORE_NUMREAD_H
#define ENT_CORE_NUMREAD_H

/* Whether t is a number's text: an optional sign, decimal digits with an
** optional point (at least one digit, before or after it), an optional
** exponent (e or E, an optional sign, digits); nothing before or after. */
int ent_i_number_syntax(const char *t);
/* A number written in a file or on the command line, into *out: 1 read, 0
** not a number, -1 too large for a double, -2 not finite (YAML's .nan and
** .inf spellings included), -3 not zero but too small for any double (a
** subnormal is read). */
int ent_i_read_real(const char *txt, double *out);
/* What a refusal of ent_i_read_real says after the name ("expects a
** number", "expects a finite number", "is too small for a double ..."). */
const char *ent_i_read_real_why(int rc);

#endif
