/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** cmd_list.c: `entente list`: what the engine offers, from its registries.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "entente/game_tournament.h"

#ifndef ENT_DATADIR
#define ENT_DATADIR "/usr/local/share/entente"
#endif

const char ent_usage_list[] =
    "usage: entente list [stages|strategies|fields|scenarios] [--verbose]\n"
    "\n"
    "List the stages of a round with their parameters, the strategies with a\n"
    "one-line description (and, with --verbose, their parameters and references),\n"
    "the fields of an agent in a scenario, and the shipped scenarios (looked up in\n"
    "$ENTENTE_SCENARIOS, ./scenarios, then " ENT_DATADIR "/scenarios).\n";

static void print_params(const ent_param_desc *t, size_t n, const char *indent)
{
    for (size_t i = 0; i < n; i++) {
        const ent_param_desc *d = &t[i];
        printf("%s%-20s ", indent, d->name);
        if (d->flags & ENT_F_REQUIRED)
            printf("required");
        else if (d->flags & ENT_F_AUTO)
            printf("default: derived");
        else if (d->type == ENT_P_ENUM)
            printf("default: %s", d->choices[(int)d->def]);
        else if (d->type == ENT_P_BOOL)
            printf("default: %s", d->def != 0.0 ? "true" : "false");
        else
            printf("default: %g", d->def);
        if (d->type == ENT_P_REAL || d->type == ENT_P_INT)
            printf(", range [%g, %g]", d->min, d->max);
        if (d->unit && *d->unit)
            printf(", %s", d->unit);
        printf("\n%s    %s\n", indent, d->doc);
    }
}

static void list_stages(void)
{
    printf("stages (a scenario's `stages:` list, played in its order each round):\n");
    for (size_t i = 0; ent_stage_types[i]; i++) {
        const ent_stage_type *t = ent_stage_types[i];
        printf("  %s: %s\n    default strategies: allies %s, patron %s\n", t->name, t->doc,
               t->default_ally_strategy ? t->default_ally_strategy : "(none)",
               t->default_patron_strategy ? t->default_patron_strategy : "(none)");
        print_params(t->params, t->n_params, "    ");
    }
}

typedef struct { int verbose; int matrix; } list_ctx;

static void print_strategy(const ent_strategy_type *t, void *vctx)
{
    list_ctx *ctx = vctx;
    if (!strcmp(t->stage, "matrix")) {
        ctx->matrix++;      /* the classic library, listed once below */
        return;
    }
    const char *roles = t->roles == ENT_ROLE_ANY ? "patron, ally"
                      : t->roles == ENT_ROLE_PATRON ? "patron" : "ally";
    printf("  %-16s %-16s (%s) %s\n", t->stage, t->name, roles, t->doc);
    if (ctx->verbose) {
        printf("      reference: %s\n", t->reference);
        print_params(t->params, t->n_params, "      ");
    }
}

static void list_strategies(int verbose)
{
    list_ctx ctx = { verbose, 0 };
    printf("strategies (stage, name, who may use it, what it does):\n");
    ent_strategy_foreach(print_strategy, &ctx);
    if (ctx.matrix)
        printf("  %-16s (any of the %d strategies of the classic games below, for patron and allies)\n",
               "matrix", ctx.matrix);
    ent_cli_list_game_strategies(verbose);
}

static void list_fields(void)
{
    printf("agent fields (under `patron:` and each item of `allies:`; also `code`, `name`, `strategies`):\n");
    /* the core's fields and every stage's agent parameters, composed */
    ent_agent_param ap[ENT_MAX_AGENT_FIELDS];
    ent_param_desc d[ENT_MAX_AGENT_FIELDS];
    size_t n = ent_agent_params(ap, ENT_MAX_AGENT_FIELDS);
    for (size_t i = 0; i < n; i++)
        d[i] = *ap[i].desc;
    print_params(d, n, "  ");
}

static int list_dir(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    char *names[512];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 512) {
        size_t len = strlen(e->d_name);
        if (len > 5 && !strcmp(e->d_name + len - 5, ".yaml"))
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char *t = names[j]; names[j] = names[j - 1]; names[j - 1] = t;
        }
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        ent_diags diags;
        ent_diags_init(&diags, path);
        if (ent_classic_is_game_file(path)) {
            /* a classic matrix game, not an alliance scenario */
            ent_classic *g = ent_classic_load(path, &diags);
            char line[100] = "";
            if (g && g->description) {
                snprintf(line, sizeof line, "%s", g->description);
                line[strcspn(line, "\n")] = 0;
            }
            printf("  %s%-32s %s\n", prefix, names[i], g ? line : "(does not validate)");
            ent_classic_free(g);
            free(names[i]);
            continue;
        }
        ent_scenario *s = ent_scenario_load(path, &diags);
        char first[100] = "";
        if (s && ent_scenario_description(s)) {
            snprintf(first, sizeof first, "%s", ent_scenario_description(s));
            char *nl = strchr(first, '\n');
            if (nl) *nl = 0;
        }
        int sweep_file = !s && diags.n == 1 && !strcmp(diags.items[0].msg, ENT_SWEEP_FILE_MESSAGE);
        printf("  %s%-32s %s\n", prefix, names[i],
               s ? first : sweep_file ? "a sweep file: run it with 'entente sweep'" : "(does not validate)");
        ent_scenario_free(s);
        free(names[i]);
    }
    return 1;
}

static void list_scenarios(void)
{
    const char *env = getenv("ENTENTE_SCENARIOS");
    const char *dir = env && *env ? env : "scenarios";
    printf("shipped scenarios (%s):\n", dir);
    if (!list_dir(dir, "")) {
        dir = ENT_DATADIR "/scenarios";
        if (!list_dir(dir, ""))
            printf("  (none found)\n");
        return;
    }
    char sub[4096];
    snprintf(sub, sizeof sub, "%s/classic", dir);
    list_dir(sub, "classic/");
}

int ent_cmd_list(int argc, char **argv)
{
    ent_option opts[] = { { "verbose", 0, NULL }, { NULL, 0, NULL } };
    const char *pos[4];
    size_t n_pos;
    int rc = ent_parse_options("list", argc, argv, opts, pos, 4, &n_pos);
    if (rc == 1) {
        fputs(ent_usage_list, stdout);
        return ENT_EXIT_OK;
    }
    if (rc < 0)
        return ENT_EXIT_USAGE;
    const char *what = n_pos ? pos[0] : "all";
    int all = !strcmp(what, "all"), verbose = ent_opt(opts, "verbose") != NULL;
    if (!all && strcmp(what, "stages") && strcmp(what, "strategies") && strcmp(what, "fields") &&
        strcmp(what, "scenarios")) {
        fprintf(stderr, "entente list: nothing called '%s'; choose stages, strategies, fields or scenarios\n", what);
        return ENT_EXIT_USAGE;
    }
    if (all || !strcmp(what, "stages")) list_stages();
    if (all || !strcmp(what, "strategies")) list_strategies(verbose);
    if (all || !strcmp(what, "fields")) list_fields();
    if (all || !strcmp(what, "scenarios")) list_scenarios();
    return ENT_EXIT_OK;
}
