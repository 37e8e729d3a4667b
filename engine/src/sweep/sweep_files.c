/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** sweep_files.c: the sweep's checkpoint (what is safely on disk, so that a
** killed sweep can resume) and digests.
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sweep/sweep_int.h"
#include "io/yamldoc.h"

void ent_i_digest(const char *text, size_t len, char out[65])
{
    ent_sha256_hex(text, len, out);
}

int ent_i_checkpoint_write(const char *dir, const ent_checkpoint *c)
{
    ent_outfile o;
    int e = ent_i_outfile_open(&o, dir, ENT_CHECKPOINT_FILE);
    if (e) {
        errno = e > 0 ? e : ENAMETOOLONG;
        return -1;
    }
    FILE *f = o.f;
    fprintf(f, "entente sweep checkpoint 1\nsettings %s\nruns_done %llu\nruns_bytes %llu\n"
               "point_bytes %llu\nsummary_bytes %llu\nagent_rounds %llu\nclamped %llu\nwall %a\n",
            c->settings, (unsigned long long)c->runs_done, (unsigned long long)c->runs_bytes,
            (unsigned long long)c->point_bytes, (unsigned long long)c->summary_bytes,
            (unsigned long long)c->agent_rounds, (unsigned long long)c->clamped, c->wall);
    /* on disk before it is believed: it vouches for the bytes before it */
    if ((e = ent_i_outfile_commit(&o))) {
        errno = e;
        return -1;
    }
    return 0;
}

int ent_i_checkpoint_read(const char *dir, ent_checkpoint *c)
{
    char path[4500];
    snprintf(path, sizeof path, "%s/%s", dir, ENT_CHECKPOINT_FILE);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    unsigned long long v[6];
    int n = fscanf(f, "entente sweep checkpoint 1\nsettings %64s\nruns_done %llu\nruns_bytes %llu\n"
                      "point_bytes %llu\nsummary_bytes %llu\nagent_rounds %llu\nclamped %llu\nwall %la",
                   c->settings, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &c->wall);
    fclose(f);
    /* the file is untrusted: a wall time that is not a finite, non-negative
    ** number would reach the manifest as NaN */
    if (n != 8 || !isfinite(c->wall) || c->wall < 0)
        return -2;
    c->runs_done = v[0];
    c->runs_bytes = v[1];
    c->point_bytes = v[2];
    c->summary_bytes = v[3];
    c->agent_rounds = v[4];
    c->clamped = v[5];
    return 0;
}
