/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** fuzz_manifest.c: what `entente sensitivity DIR` and `entente sweep
** --resume` read back from a result folder. The input is three parts
** separated by a line "====": manifest.json, summary.csv and
** sweep.checkpoint, written into a folder that ent_sensitivity_dir and the
** checkpoint reader then read.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "fuzz.h"
#include "entente/entente.h"
#include "entente/sensitivity.h"
#include "sweep/sweep_int.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    ent_fuzz_dir();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *part[3];
    size_t len[3];
    ent_fuzz_split(data, size, 3, part, len);
    ent_fuzz_file("manifest.json", part[0], len[0]);
    ent_fuzz_file("summary.csv", part[1], len[1]);
    ent_fuzz_file(ENT_CHECKPOINT_FILE, part[2], len[2]);
    char err[512];
    err[0] = 0;
    /* a few bootstrap resamples: the indices are computed, not their intervals' quality */
    if (ent_sensitivity_dir(ent_fuzz_dir(), 3, 0.95, err, sizeof err) != 0 && !err[0])
        __builtin_trap();                       /* every refusal says why */
    ent_checkpoint cp;
    memset(&cp, 0, sizeof cp);
    int rc = ent_i_checkpoint_read(ent_fuzz_dir(), &cp);
    if (rc == 0 && strlen(cp.settings) > 64)
        __builtin_trap();
    return 0;
}
