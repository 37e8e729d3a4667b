/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** plot_label.c: the axis label of a swept parameter, in words and with its
** unit, from the library's field tables: "allies.KOR.support" becomes
** "KOR: support (fraction)", "stages.burden_sharing.demand" becomes
** "demand (fraction of GDP)". Needs no scenario: agent fields and stage
** parameters are described by name alone.
*/
#include <stdio.h>
#include <string.h>
#include "entente/param.h"
#include "entente/scenario.h"
#include "entente/stage.h"
#include "plot_result.h"

/* The descriptor of `name` in a table, or NULL. */
static const ent_param_desc *find(const ent_param_desc *t, size_t n, const char *name)
{
    int i = ent_param_find(t, n, name);
    return i < 0 ? NULL : &t[i];
}

/* The descriptor of the agent field or stage agent parameter `name`, or NULL. */
static const ent_param_desc *find_agent(const char *name)
{
    ent_agent_param ap;
    return ent_agent_param_find(name, &ap) == 0 ? ap.desc : NULL;
}

/* What the path names: its descriptor (NULL if unknown), the agent it is of
** ("" if none) and its last part. */
static const ent_param_desc *describe(const char *path, char *agent, size_t agent_cap,
                                      const char **leaf)
{
    char part[6][64];
    size_t n = 0;
    const char *s = path;
    agent[0] = '\0';
    *leaf = strrchr(path, '.') ? strrchr(path, '.') + 1 : path;
    while (n < 6) {
        size_t len = strcspn(s, ".");
        if (len >= sizeof part[0])
            return NULL;
        memcpy(part[n], s, len);
        part[n++][len] = '\0';
        if (!s[len])
            break;
        s += len + 1;
    }
    if (n == 3 && strcmp(part[0], "allies") == 0) {
        snprintf(agent, agent_cap, "%s", part[1]);
        return find_agent(part[2]);
    }
    if (n == 2 && strcmp(part[0], "patron") == 0) {
        snprintf(agent, agent_cap, "patron");
        return find_agent(part[1]);
    }
    if (n == 3 && strcmp(part[0], "stages") == 0) {
        const ent_stage_type *t = ent_stage_find(part[1]);
        return t ? find(t->params, t->n_params, part[2]) : NULL;
    }
    return NULL;
}

void ent_plot_param_label(const char *path, char *buf, size_t cap)
{
    ent_plot_param_words(path, 1, buf, cap);
}

void ent_plot_param_words(const char *path, int with_unit, char *buf, size_t cap)
{
    char agent[64];
    const char *leaf = path;
    const ent_param_desc *d = describe(path, agent, sizeof agent, &leaf);
    char words[128];
    snprintf(words, sizeof words, "%s", leaf);
    for (char *c = words; *c; c++)
        if (*c == '_')
            *c = ' ';
    const char *unit = with_unit && d && d->unit && d->unit[0] ? d->unit : NULL;
    if (unit && strcmp(unit, words) == 0)   /* "probability (probability)" says nothing more */
        unit = NULL;
    snprintf(buf, cap, "%s%s%s%s%s%s", agent[0] ? agent : "", agent[0] ? ": " : "", words,
             unit ? " (" : "", unit ? unit : "", unit ? ")" : "");
}
