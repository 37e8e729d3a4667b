/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** numread.c: reading a number from its text, with one rule for every file.
*/
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "core/numread.h"

/* YAML's and C's words for what is not finite, in any case: "not finite"
** says more than "not a number" */
static int nonfinite_word(const char *t)
{
    static const char *const words[] = { ".nan", ".inf", "nan", "inf", "infinity", NULL };
    if (*t == '-' || *t == '+')
        t++;
    for (size_t i = 0; words[i]; i++)
        if (!strcasecmp(t, words[i]))
            return 1;
    return 0;
}

/* The length of a run of decimal digits at t. */
static size_t digits(const char *t)
{
    size_t n = 0;
    while (t[n] >= '0' && t[n] <= '9')
        n++;
    return n;
}

int ent_i_number_syntax(const char *t)
{
    if (*t == '-' || *t == '+')
        t++;
    size_t whole = digits(t), frac = 0;
    t += whole;
    if (*t == '.') {
        frac = digits(t + 1);
        t += 1 + frac;
    }
    if (whole + frac == 0)
        return 0;
    if (*t == 'e' || *t == 'E') {
        t++;
        if (*t == '-' || *t == '+')
            t++;
        size_t e = digits(t);
        if (!e)
            return 0;
        t += e;
    }
    return *t == 0;
}

/* The one rule for a number read from text (scenario, game and sweep files,
** --set): a decimal as ent_i_number_syntax states it, finite; a subnormal is
** kept, but not a number too small for any double, which would silently read
** as 0 (and the exact solvers, which read the decimal itself, would see
** another game). Hex, surrounding spaces and C's other spellings, which
** strtod would take, are not numbers here. */
int ent_i_read_real(const char *txt, double *out)
{
    if (!txt || !*txt)
        return 0;
    if (nonfinite_word(txt))
        return -2;
    if (!ent_i_number_syntax(txt))
        return 0;
    char *end;
    errno = 0;
    double v = strtod(txt, &end);
    if (end == txt || *end)
        return 0;
    if (errno == ERANGE && fabs(v) > 1.0)
        return -1;              /* overflow */
    if (!isfinite(v))
        return -2;
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
