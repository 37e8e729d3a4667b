/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** cmd_validate.c: `entente validate FILE...`: load and check, run nothing.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "filekind.h"
#include "entente/calibrate.h"
#include "entente/sweep.h"

const char ent_usage_validate[] =
    "usage: entente validate FILE... [--quiet]\n"
    "\n"
    "Check scenario files without running them. Every error is printed as\n"
    "FILE:LINE:COL: error: MESSAGE; the status is 2 if any file has an error.\n";

static int validate_one(const char *path, int quiet)
{
    /* a classic game file, a scenario (with or without a `sweep:` section),
    ** or a sweep file that names its scenario: read and parsed once */
    if (ent_file_expect("validate", path, ENT_FILE_SCENARIO | ENT_FILE_SCENARIO_SWEEP | ENT_FILE_SWEEP | ENT_FILE_CALIBRATE |
                                              ENT_FILE_GAME))
        return -1;
    char scn_path[4096];
    ent_classic *game = NULL;
    ent_scenario *s = NULL;
    ent_sweep_spec *sp = NULL;
    ent_diags d, sd;
    ent_diags_init(&d, path);
    ent_diags_init(&sd, path);
    int rc = ent_check_load(path, &game, &sp, &s, scn_path, sizeof scn_path, &d, &sd);
    if (rc == 0 && sp && ent_sweep_check(sp, &d) != 0)
        rc = -1;
    /* a calibrate section (in a scenario, or a file naming its scenario) */
    ent_cal_spec *cal = NULL;
    if (rc == 0 && !game && ent_cal_has_section(path)) {
        char cal_scn[4096];
        ent_scenario *cs = NULL;
        cal = ent_cal_load(path, cal_scn, sizeof cal_scn, &cs, &d, &sd);
        ent_scenario_free(cs);
        if (!cal)
            rc = -1;
    }
    if (rc != 0) {
        ent_diags_print(&d, stderr);
        ent_diags_print(&sd, stderr);
    } else if (game && !quiet) {
        printf("%s: ok (%s: %s game %dx%d, %zu strategies, %d turns, %d repetitions)\n", path,
               game->name, game->game.name, game->game.m, game->game.n, game->n_players, game->turns,
               game->repetitions);
    } else if (!game && !quiet) {
        printf("%s: ok (%s: %zu allies, %zu stages, %d rounds", path, ent_scenario_name(s), ent_scenario_n_agents(s) - 1,
               ent_scenario_n_stages(s), ent_scenario_rounds(s));
        if (sp->n_params > 0)
            printf("; sweep of %zu parameters, %llu points x %llu replicates", sp->n_params,
                   (unsigned long long)ent_sweep_points(sp), (unsigned long long)sp->replicates);
        if (cal)
            printf("; %s calibration of %zu parameters to %zu targets", ent_cal_method_names[cal->method],
                   cal->n_params, cal->n_targets);
        printf(")\n");
    }
    ent_classic_free(game);
    ent_cal_spec_free(cal);
    ent_sweep_spec_free(sp);
    ent_scenario_free(s);
    return rc;
}

int ent_cmd_validate(int argc, char **argv)
{
    ent_option opts[] = { { "quiet", 0, NULL }, { NULL, 0, NULL } };
    /* as many files as given: argc bounds their number */
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    if (!pos) {
        fprintf(stderr, "entente validate: out of memory\n");
        return ENT_EXIT_USAGE;
    }
    size_t n_pos;
    int rc = ent_parse_options("validate", argc, argv, opts, pos, (size_t)argc, &n_pos);
    int status = ENT_EXIT_OK;
    if (rc == 1) {
        fputs(ent_usage_validate, stdout);
    } else if (rc < 0) {
        status = ENT_EXIT_USAGE;
    } else if (n_pos == 0) {
        fprintf(stderr, "entente validate: expected at least one FILE\n");
        status = ENT_EXIT_USAGE;
    } else {
        for (size_t i = 0; i < n_pos; i++)
            if (validate_one(pos[i], ent_opt(opts, "quiet") != NULL))
                status = ENT_EXIT_USAGE;
    }
    free(pos);
    return status;
}
