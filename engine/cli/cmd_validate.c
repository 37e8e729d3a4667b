/*
** cmd_validate.c: `entente validate FILE...`: load and check, run nothing.
*/
#include <stdio.h>
#include "cli.h"

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
        ent_scenario *s = ent_cli_load(pos[i]);
        if (!s) {
            bad = 1;
            continue;
        }
        if (!ent_opt(opts, "quiet"))
            printf("%s: ok (%s: %zu allies, %zu stages, %d rounds)\n", pos[i], s->name,
                   s->n_agents - 1, s->n_stages, s->rounds);
        ent_scenario_free(s);
    }
    return bad ? ENT_EXIT_USAGE : ENT_EXIT_OK;
}
