/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** fuzz_set.c: --set PATH=VALUE as `entente run` applies it (ent_cli_set:
** ent_scenario_set's path look-up and the value's parsing and range check), then a short
** run of the changed scenario. The input's first line names a shipped
** scenario (its file name without .yaml; anything else picks one by its
** bytes); every further line is one PATH=VALUE.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"
#include "entente/entente.h"
#include "cli.h"

#define MAX_SCN 32
#define MAX_ROUNDS 3
#define MAX_SETS 16

static ent_scenario *scn[MAX_SCN];
static char names[MAX_SCN][64];
static size_t n_scn;

static int by_name(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char dir[4010];
    snprintf(dir, sizeof dir, "%.3990s/scenarios", ent_fuzz_root());
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "fuzz_set: cannot open '%s' (set ENTENTE_ROOT)\n", dir);
        exit(2);
    }
    char found[MAX_SCN][64];
    size_t nf = 0;
    struct dirent *e;
    while ((e = readdir(d)) && nf < MAX_SCN) {
        size_t l = strlen(e->d_name);
        if (l > 5 && l < 64 && !strcmp(e->d_name + l - 5, ".yaml"))
            snprintf(found[nf++], 64, "%.*s", (int)(l - 5), e->d_name);
    }
    closedir(d);
    qsort(found, nf, sizeof *found, by_name);   /* the same order on every machine */
    for (size_t i = 0; i < nf; i++) {
        char p[4200];
        snprintf(p, sizeof p, "%.4000s/%.63s.yaml", dir, found[i]);
        ent_diags dg;
        ent_diags_init(&dg, p);
        ent_scenario *s = ent_scenario_load(p, &dg);
        if (!s)
            continue;                           /* sweep files */
        scn[n_scn] = s;
        snprintf(names[n_scn++], 64, "%.63s", found[i]);
    }
    if (!n_scn) {
        fprintf(stderr, "fuzz_set: no scenario in '%s'\n", dir);
        exit(2);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = 0;
    char *save = NULL, *line = strtok_r(text, "\n", &save);
    size_t pick = 0;
    if (line) {
        size_t i = 0;
        while (i < n_scn && strcmp(names[i], line))
            i++;
        if (i == n_scn) {
            unsigned h = 0;
            for (const char *c = line; *c; c++)
                h = h * 31 + (unsigned char)*c;
            i = h % n_scn;
        }
        pick = i;
        line = strtok_r(NULL, "\n", &save);
    }
    ent_scenario *s = ent_scenario_clone(scn[pick]);
    const char *sets[MAX_SETS];
    size_t n_sets = 0;
    for (; line && n_sets < MAX_SETS; line = strtok_r(NULL, "\n", &save))
        sets[n_sets++] = line;
    /* all at once, as --set gives them: strategies first */
    int ok = s != NULL && ent_cli_sets(s, sets, n_sets) == 0;
    if (ok) {
        if (ent_scenario_rounds(s) > MAX_ROUNDS)
            ent_scenario_set_rounds(s, MAX_ROUNDS);
        ent_run *run = ent_run_alloc(s, 0);
        if (run) {
            ent_run_exec(run, ent_scenario_seed(s), 0, 0);
            ent_run_free(run);
        }
    }
    if (s)
        ent_scenario_free(s);
    free(text);
    return 0;
}
