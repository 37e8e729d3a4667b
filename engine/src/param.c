/*
** param.c: lookups over parameter descriptor tables.
*/
#include <math.h>
#include <string.h>
#include "entente/param.h"

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
