/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** fuzz_sweep.c: the sweep-file loader (entente sweep FILE). The input is a
** scenario with a sweep section, or a sweep file whose `scenario:` names
** one of the shipped scenarios (relative to the input's folder, into which
** they are copied). What loads is checked and its design generated, as the
** sweep command does before it runs anything, and the values of its first
** points are drawn (small designs only: at most 4096 points).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"
#include "entente/entente.h"
#include "entente/sweep.h"
#include "entente/design.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    /* the scenarios a sweep file may name, beside it */
    static const char *const names[] = { "nato_burden_sharing.yaml", "korea_sma.yaml",
                                         "australia_hedging.yaml", NULL };
    for (size_t i = 0; names[i]; i++) {
        char p[4096];
        snprintf(p, sizeof p, "%s/scenarios/%s", ent_fuzz_root(), names[i]);
        FILE *f = fopen(p, "rb");
        if (!f)
            continue;
        static uint8_t buf[1 << 20];
        size_t n = fread(buf, 1, sizeof buf, f);
        fclose(f);
        ent_fuzz_file(names[i], buf, n);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = ent_fuzz_file("sweep.yaml", data, size);
    char scn_path[4096];
    ent_scenario *s = NULL;
    ent_diags d, sd;
    ent_diags_init(&d, path);
    ent_diags_init(&sd, NULL);
    ent_sweep_spec *sp = ent_sweep_load(path, scn_path, sizeof scn_path, &s, &d, &sd);
    if (!sp) {
        if (s)
            ent_scenario_free(s);
        return 0;
    }
    ent_diags cd;
    ent_diags_init(&cd, path);
    size_t k = sp->n_params;
    ent_dist *dv = malloc((k + 1) * sizeof *dv);
    double *x = malloc((k + 1) * sizeof *x);
    if (dv && x && ent_sweep_check(sp, &cd) == 0 && cd.n == 0) {
        uint64_t n = ent_sweep_points(sp);
        for (size_t i = 0; i < k; i++)
            dv[i] = sp->params[i].dist;
        ent_design *g = n <= 4096 ? ent_design_alloc(sp->design, k, dv, sp->points, 1) : NULL;
        if (g) {
            uint64_t np = ent_design_points(g);
            for (uint64_t p = 0; p < np && p < 8; p++)
                ent_design_point(g, p, x);
            ent_design_free(g);
        }
    }
    free(dv);
    free(x);
    ent_sweep_spec_free(sp);
    ent_scenario_free(s);
    return 0;
}
