/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** param.c: lookups over parameter descriptor tables, and the one reading
** and check of a parameter's value (param.h).
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "entente/diag.h"
#include "entente/param.h"
#include "core/numread.h"

int ent_param_find(const ent_param_desc *t, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(t[i].name, name) == 0)
            return (int)i;
    return -1;
}

void ent_param_names(const ent_param_desc *t, size_t n, const char **out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++)
        out[k++] = t[i].name;
    out[k] = NULL;
}

void ent_param_defaults(const ent_param_desc *t, size_t n, double *p)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (t[i].flags & (ENT_F_AUTO | ENT_F_REQUIRED)) ? NAN : t[i].def;
}

/* A whole number as text (digits with an optional sign, as ent_i_read_real
** takes a number): 1 read, exactly (a long long is not rounded through a
** double), 0 not a whole number, -1 beyond a long long. */
static int parse_int(const char *txt, long long *out)
{
    if (!txt || !*txt)
        return 0;
    const char *p = txt;
    if (*p == '-' || *p == '+') p++;
    if (!*p) return 0;
    for (; *p; p++)
        if (*p < '0' || *p > '9')
            return 0;
    errno = 0;
    long long v = strtoll(txt, NULL, 10);
    if (errno == ERANGE)
        return -1;
    *out = v;
    return 1;
}

/* The range of d as text: whole numbers for INT, %.10g otherwise. */
static void range_text(const ent_param_desc *d, char *lo, char *hi, size_t cap)
{
    const char *fmt = d->type == ENT_P_INT ? "%.0f" : "%.10g";
    snprintf(lo, cap, fmt, d->min);
    snprintf(hi, cap, fmt, d->max);
}

/* v with the fewest digits that read back as v: a value just outside a
** range must not print as the bound it passed (1.0000000000000002 as 1). */
static void exact_text(double v, char *buf, size_t cap)
{
    for (int digits = 10; digits <= 17; digits++) {
        snprintf(buf, cap, "%.*g", digits, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

/* "'NAME' must be between LO and HI, got GOT" */
static void range_error(const ent_param_desc *d, const char *got, char *why, size_t cap)
{
    char lo[32], hi[32];
    range_text(d, lo, hi, sizeof lo);
    snprintf(why, cap, "'%s' must be between %s and %s, got %s", d->name, lo, hi, got);
}

int ent_param_check(const ent_param_desc *d, double v, char *why, size_t cap)
{
    char got[32];
    exact_text(v, got, sizeof got);
    if (!(v >= d->min && v <= d->max)) {        /* NaN fails too */
        range_error(d, got, why, cap);
        return -1;
    }
    if (d->type != ENT_P_REAL && v != floor(v)) {
        snprintf(why, cap, "'%s' takes whole numbers, got %s", d->name, got);
        return -1;
    }
    return 0;
}

int ent_param_check_order(const ent_param_desc *t, size_t n, const double *p, size_t *at, char *why,
                          size_t cap)
{
    for (size_t i = 0; i + 1 < n; i++)
        if ((t[i].flags & ENT_F_AT_MOST_NEXT) && p[i] > p[i + 1]) {
            char lo[32], hi[32];
            exact_text(p[i], lo, sizeof lo);
            exact_text(p[i + 1], hi, sizeof hi);
            snprintf(why, cap, "'%s' (%s) must not be above '%s' (%s)", t[i].name, lo, t[i + 1].name, hi);
            *at = i;
            return -1;
        }
    return 0;
}

int ent_param_parse(const ent_param_desc *d, const char *text, unsigned flags, double *out, char *why,
                    size_t cap)
{
    double v = 0.0;
    int rc;
    switch (d->type) {
    case ENT_P_BOOL:
        if (!strcmp(text, "true") || !strcmp(text, "yes") || ((flags & ENT_PARSE_INDEX) && !strcmp(text, "1")))
            v = 1.0;
        else if (!strcmp(text, "false") || !strcmp(text, "no") || ((flags & ENT_PARSE_INDEX) && !strcmp(text, "0")))
            v = 0.0;
        else {
            snprintf(why, cap, "'%s' expects true or false, got '%s'", d->name, text);
            return -1;
        }
        *out = v;
        return 0;
    case ENT_P_ENUM: {
        size_t n = 0;
        for (; d->choices[n]; n++)
            if (!strcmp(d->choices[n], text)) {
                *out = (double)n;
                return 0;
            }
        long long index;
        if ((flags & ENT_PARSE_INDEX) && parse_int(text, &index) == 1 && index >= 0 && (size_t)index < n) {
            *out = (double)index;
            return 0;
        }
        const char *near = ent_nearest(text, d->choices);
        size_t k = (size_t)snprintf(why, cap, "'%s' has no choice '%s'", d->name, text);
        if (near && k < cap)
            k += (size_t)snprintf(why + k, cap - k, "; did you mean '%s'?", near);
        if (!near && k < cap) {
            k += (size_t)snprintf(why + k, cap - k, " (one of");
            for (size_t i = 0; i < n && k < cap; i++)
                k += (size_t)snprintf(why + k, cap - k, "%s %s", i ? "," : "", d->choices[i]);
            if (k < cap)
                snprintf(why + k, cap - k, ")");
        }
        return -1;
    }
    case ENT_P_INT: {
        long long k = 0;
        rc = parse_int(text, &k);
        if (rc == 0) {
            snprintf(why, cap, "'%s' expects an integer, got '%s'", d->name, text);
            return -1;
        }
        /* compared as integers: a double would round 2^53 + 1 into range */
        if (rc == 1 && (k < (long long)d->min || k > (long long)d->max))
            rc = -1;
        v = (double)k;
        break;
    }
    default:
        rc = ent_i_read_real(text, &v);
        if (rc == 0) {
            snprintf(why, cap, "'%s' expects a number, got '%s'", d->name, text);
            return -1;
        }
        if (rc == -2 || rc == -3) {
            snprintf(why, cap, "'%s' %s, got '%s'", d->name, ent_i_read_real_why(rc), text);
            return -1;
        }
        break;
    }
    /* out of range: the text as written, which says more than any rounding of it */
    if (rc == -1 || !(v >= d->min && v <= d->max)) {
        range_error(d, text, why, cap);
        return -1;
    }
    if (ent_param_check(d, v, why, cap))
        return -1;
    *out = v;
    return 0;
}
