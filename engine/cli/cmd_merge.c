/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** cmd_merge.c: `entente merge DIR... [--out DIR]`: join the folders of a
** sweep run as shards (`entente sweep FILE --shard I/N`, e.g. a job array)
** into the files one run of the whole sweep writes.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "entente/sweep.h"

const char ent_usage_merge[] =
    "usage: entente merge DIR... [--out DIR] [--quiet]\n"
    "\n"
    "Join the result folders of 'entente sweep FILE --shard I/N' (I = 1..N, e.g. the\n"
    "tasks of a job array) into one sweep folder: runs.csv, summary.csv and\n"
    "manifest.json are the same bytes one 'entente sweep FILE' writes; timing.json\n"
    "says how many shards were merged. The shards must come from the same scenario\n"
    "and sweep file (SHA-256), seed, design and settings, each of 1..N exactly once;\n"
    "every number in their manifests and CSV files is checked. The folder is written\n"
    "whole (staged, then swapped in) and locked meanwhile.\n"
    "\n"
    "options:\n"
    "  --out DIR   output folder (default: the first DIR without its '-I-of-N' suffix,\n"
    "              as 'sweep --shard' names its default folders)\n"
    "  --quiet     print nothing on success\n";

/* results/NAME/sweep-2-of-3 -> results/NAME/sweep; 0 if DIR has no such suffix */
static int strip_suffix(const char *dir, char *out, size_t cap)
{
    size_t l = strlen(dir);
    while (l > 1 && dir[l - 1] == '/')
        l--;
    size_t i = l;
    while (i > 0 && dir[i - 1] >= '0' && dir[i - 1] <= '9')
        i--;
    if (i == l || i < 4 || strncmp(dir + i - 4, "-of-", 4))
        return 0;
    i -= 4;
    size_t j = i;
    while (j > 0 && dir[j - 1] >= '0' && dir[j - 1] <= '9')
        j--;
    if (j == i || j < 2 || dir[j - 1] != '-')
        return 0;
    snprintf(out, cap, "%.*s", (int)(j - 1), dir);
    return 1;
}

int ent_cmd_merge(int argc, char **argv)
{
    ent_option opts[] = { { "out", 1, NULL }, { "quiet", 0, NULL }, { NULL, 0, NULL } };
    size_t cap = (size_t)argc + 1, n_pos;
    const char **pos = malloc(cap * sizeof *pos);
    if (!pos) {
        fprintf(stderr, "entente merge: out of memory\n");
        return ENT_EXIT_FAIL;
    }
    int rc = ent_parse_options("merge", argc, argv, opts, pos, cap, &n_pos);
    if (rc == 1) {
        fputs(ent_usage_merge, stdout);
        free(pos);
        return ENT_EXIT_OK;
    }
    if (rc < 0) {
        free(pos);
        return ENT_EXIT_USAGE;
    }
    if (n_pos < 1) {
        fprintf(stderr, "entente merge: expected the shard folders DIR...\n%s", ent_usage_merge);
        free(pos);
        return ENT_EXIT_USAGE;
    }
    char out[4096];
    if (ent_opt(opts, "out"))
        snprintf(out, sizeof out, "%s", ent_opt(opts, "out"));
    else if (!strip_suffix(pos[0], out, sizeof out)) {
        fprintf(stderr, "entente merge: '%s' does not end in '-I-of-N'; name the output folder with --out DIR\n",
                pos[0]);
        free(pos);
        return ENT_EXIT_USAGE;
    }
    char err[1024] = "";
    uint64_t runs = 0;
    rc = ent_sweep_merge(pos, n_pos, out, &runs, err, sizeof err);
    if (rc != ENT_SWEEP_OK) {
        fprintf(stderr, "entente merge: %s\n", err);
        free(pos);
        return rc == ENT_SWEEP_ERESUME ? ENT_EXIT_USAGE : ENT_EXIT_FAIL;
    }
    if (!ent_opt(opts, "quiet"))
        printf("merged %zu shard%s: %llu runs -> %s/\n", n_pos, n_pos == 1 ? "" : "s",
               (unsigned long long)runs, out);
    free(pos);
    return ENT_EXIT_OK;
}
