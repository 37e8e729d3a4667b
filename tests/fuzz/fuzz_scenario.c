/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** fuzz_scenario.c: the scenario loader (entente run/validate FILE), then a
** short run of what it accepts: a loaded scenario must be safe to play.
*/
#include "fuzz.h"
#include "entente/entente.h"

#define MAX_ROUNDS 4

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    ent_fuzz_dir();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = ent_fuzz_file("scenario.yaml", data, size);
    ent_diags d;
    ent_diags_init(&d, path);
    ent_scenario *s = ent_scenario_load(path, &d);
    if (!s)
        return 0;
    if (ent_scenario_rounds(s) > MAX_ROUNDS)
        ent_scenario_set_rounds(s, MAX_ROUNDS);
    ent_run *run = ent_run_alloc(s, 0);
    if (run) {
        ent_run_exec(run, ent_scenario_seed(s), 0, 0);
        ent_run_free(run);
    }
    ent_scenario_free(s);
    return 0;
}
