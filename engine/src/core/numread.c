/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** numread.c: reading a number from its text, with one rule for every file.
*/
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "core/numread.h"

/* The one rule for a number read from text (scenario, game and sweep files,
** --set): the whole text as strtod reads it, finite; a subnormal is kept, but
** not a number too small for any double, which would silently read as 0 (and
** the exact solvers, which read the decimal itself, would see another game). */
int ent_i_read_real(const char *txt, double *out)
{
    if (!txt || !*txt)
        return 0;
    const char *t = (*txt == '-' || *txt == '+') ? txt + 1 : txt;
    if (!strcmp(t, ".nan") || !strcmp(t, ".NaN") || !strcmp(t, ".NAN") || !strcmp(t, ".inf") ||
        !strcmp(t, ".Inf") || !strcmp(t, ".INF"))
        return -2;
    char *end;
    errno = 0;
    double v = strtod(txt, &end);
    if (end == txt || *end)
        return 0;
    if (errno == ERANGE && fabs(v) > 1.0)
        return -1;              /* overflow */
    if (!isfinite(v))
        return -2;              /* nan, inf */
    if (errno == ERANGE && v == 0)
        return -3;              /* not 0, yet below the least subnormal */
    *out = v;
    return 1;
}

const char *ent_i_read_real_why(int rc)
{
    return rc == 0 ? "expects a number" : rc == -3 ? "is too small for a double (not 0, yet below 4.9e-324)"
                                                    : "expects a finite number";
}
