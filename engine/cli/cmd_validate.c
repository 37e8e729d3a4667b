/*
** cmd_validate.c: `entente validate FILE...`: load and check, run nothing.
*/
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "entente/sweep.h"

const char ent_usage_validate[] =
    "usage: entente validate FILE... [--quiet]\n"
    "\n"
    "Check scenario files without running them. Every error is printed as\n"
    "FILE:LINE:COL: error: MESSAGE; the status is 2 if any file has an error.\n";

int ent_cmd_validate(int argc, char **argv)
{
    ent_option opts[] = { { "quiet", 0, NULL }, { NULL, 0, NULL } };
    const char *pos[256];
    size_t n_pos;
    int rc = ent_parse_options("validate", argc, argv, opts, pos, 256, &n_pos);
    if (rc == 1) {
        fputs(ent_usage_validate, stdout);
        return ENT_EXIT_OK;
    }
    if (rc < 0)
        return ENT_EXIT_USAGE;
    if (n_pos == 0) {
        fprintf(stderr, "entente validate: expected at least one FILE\n");
        return ENT_EXIT_USAGE;
    }
    int bad = 0;
    for (size_t i = 0; i < n_pos; i++) {
        if (ent_cli_validate_game(pos[i], ent_opt(opts, "quiet") != NULL, &bad))
            continue;     /* a classic game file */
        /* a scenario, with or without a `sweep:` section, or a sweep file that
        ** names its scenario: the sweep loader reads all three */
        ent_diags d0;
        ent_diags_init(&d0, pos[i]);
        ent_scenario *s0 = ent_scenario_load(pos[i], &d0);
        int sweep_file = !s0 && d0.n == 1 && !strcmp(d0.items[0].msg, ENT_SWEEP_FILE_MESSAGE);
        ent_scenario_free(s0);
        if (!s0 && !sweep_file) {
            ent_diags_print(&d0, stderr);
            bad = 1;
            continue;
        }
        char scn_path[4096];
        ent_scenario *s = NULL;
        ent_diags d, sd;
        ent_diags_init(&d, pos[i]);
        ent_diags_init(&sd, pos[i]);
        ent_sweep_spec *sp = ent_sweep_load(pos[i], scn_path, sizeof scn_path, &s, &d, &sd);
        if (sp && ent_sweep_check(sp, &d) != 0) {
            ent_sweep_spec_free(sp);
            ent_scenario_free(s);
            sp = NULL;
            s = NULL;
        }
        if (!sp) {
            ent_diags_print(&d, stderr);
            ent_diags_print(&sd, stderr);
            bad = 1;
            continue;
        }
        if (!ent_opt(opts, "quiet")) {
            printf("%s: ok (%s: %zu allies, %zu stages, %d rounds", pos[i], s->name,
                   s->n_agents - 1, s->n_stages, s->rounds);
            if (sp->n_params > 0)
                printf("; sweep of %zu parameters, %llu points x %llu replicates", sp->n_params,
                       (unsigned long long)ent_sweep_points(sp), (unsigned long long)sp->replicates);
            printf(")\n");
        }
        ent_sweep_spec_free(sp);
        ent_scenario_free(s);
    }
    return bad ? ENT_EXIT_USAGE : ENT_EXIT_OK;
}
