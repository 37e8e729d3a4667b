/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** cmd_sensitivity.c: `entente sensitivity DIR`: Sobol indices of every
** outcome of a saltelli sweep, into DIR/sensitivity.csv, with a short table
** of the run-level outcomes on stdout.
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"
#include "filekind.h"
#include "entente/csv.h"
#include "entente/outdir.h"
#include "entente/sensitivity.h"

const char ent_usage_sensitivity[] =
    "usage: entente sensitivity DIR [--bootstrap N] [--quiet]\n"
    "\n"
    "Compute first-order (Saltelli 2010) and total-effect (Jansen 1999) Sobol indices\n"
    "of every outcome of the saltelli sweep in DIR (from its manifest.json and\n"
    "summary.csv: the mean over replicates of each point), with 95% percentile\n"
    "bootstrap intervals, and write DIR/sensitivity.csv:\n"
    "  outcome,parameter,S1,S1_low,S1_high,ST,ST_low,ST_high,variance\n"
    "\n"
    "options:\n"
    "  --bootstrap N  bootstrap resamples (default 1000; 0 = no intervals)\n"
    "  --quiet        print nothing on success\n";

/* An index as the table shows it: NA where it is undefined (an outcome
** without variance, or undefined in some run), never as 0, which would
** read as "no influence". */
static void put_index(double x)
{
    if (isfinite(x))
        printf(" %8.3f", x);
    else
        printf(" %8s", "NA");
}

/* Print the rows of run-level outcomes (names without an agent suffix). */
static void print_table(const char *dir)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/sensitivity.csv", dir);
    ent_diags d;
    ent_diags_init(&d, path);
    ent_table t;
    if (ent_table_read(&t, path, &d))
        return;
    int co = ent_table_col(&t, "outcome"), cp = ent_table_col(&t, "parameter");
    int c1 = ent_table_col(&t, "S1"), ct = ent_table_col(&t, "ST");
    printf("%-24s %-36s %8s %8s\n", "outcome", "parameter", "S1", "ST");
    for (size_t r = 0; r < t.n_rows; r++) {
        const char *out = ent_table_str(&t, r, co), *par = ent_table_str(&t, r, cp);
        const char *s1 = ent_table_str(&t, r, c1), *st = ent_table_str(&t, r, ct);
        if (!*out || !*par || !*s1 || !*st || strchr(out, '.'))
            continue;
        printf("%-24s %-36s", out, par);
        put_index(ent_table_num(&t, r, c1));
        put_index(ent_table_num(&t, r, ct));
        putchar('\n');
    }
    ent_table_free(&t);
}

int ent_cmd_sensitivity(int argc, char **argv)
{
    ent_option opts[] = { { "bootstrap", 1, NULL }, { "quiet", 0, NULL }, { NULL, 0, NULL } };
    const char *pos[4];
    size_t n_pos;
    int rc = ent_parse_options("sensitivity", argc, argv, opts, pos, 4, &n_pos);
    if (rc == 1) {
        fputs(ent_usage_sensitivity, stdout);
        return ENT_EXIT_OK;
    }
    if (rc < 0)
        return ENT_EXIT_USAGE;
    if (n_pos != 1) {
        fprintf(stderr, "entente sensitivity: expected one DIR, got %zu\n%s", n_pos,
                ent_usage_sensitivity);
        return ENT_EXIT_USAGE;
    }
    uint64_t boot = 1000;
    if (ent_opt(opts, "bootstrap") &&
        ent_opt_u64("sensitivity", "bootstrap", ent_opt(opts, "bootstrap"), 1000000, &boot))
        return ENT_EXIT_USAGE;
    char err[512];
    struct stat st;
    if (ent_file_expect("sensitivity", pos[0], ENT_FILE_RESULT_DIR | ENT_FILE_DIR))
        return ENT_EXIT_USAGE;
    if (stat(pos[0], &st) != 0 || !S_ISDIR(st.st_mode)) {
        int e = errno;
        fprintf(stderr, "entente sensitivity: cannot read the sweep folder '%s': %s\n", pos[0],
                stat(pos[0], &st) != 0 ? strerror(e) : "not a folder");
        return ENT_EXIT_USAGE;
    }
    /* sensitivity.csv joins a finished folder: hold the folder's lock so a
    ** sweep, run or plot writing it at the same time cannot interleave */
    ent_dirlock lock;
    if (ent_dirlock_take(&lock, pos[0], err, sizeof err)) {
        fprintf(stderr, "entente sensitivity: %s\n", err);
        return ENT_EXIT_FAIL;
    }
    rc = ent_sensitivity_dir(pos[0], (size_t)boot, 0.95, err, sizeof err);
    ent_dirlock_release(&lock);
    if (rc) {
        fprintf(stderr, "entente sensitivity: %s\n", err);
        return ENT_EXIT_USAGE;
    }
    if (!ent_opt(opts, "quiet")) {
        print_table(pos[0]);
        printf("-> %s/sensitivity.csv\n", pos[0]);
    }
    return ENT_EXIT_OK;
}
