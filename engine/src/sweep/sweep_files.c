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

bool ent_i_tallies_possible(const ent_i_tally_frame *f, uint64_t agent_rounds, uint64_t clamped)
{
    if (f->agents == 0 || f->rounds == 0 || agent_rounds % f->agents)
        return false;
    uint64_t per_agent = agent_rounds / f->agents;
    /* the rounds of `runs` runs, in [runs, runs x rounds], without overflow */
    if (per_agent < f->runs || per_agent / f->rounds + (per_agent % f->rounds != 0) > f->runs)
        return false;
    if (!f->random_end && (per_agent % f->rounds || per_agent / f->rounds != f->runs))
        return false;
    return f->params == 0 ? clamped == 0 : clamped / f->params + (clamped % f->params != 0) <= f->points;
}

/* The checkpoint's text without its last line, "sha256 HEX\n" of the text
** before it: a file changed by hand or damaged on disk is refused whole,
** rather than believed in the numbers that still read as numbers. */
static int checkpoint_text(const ent_checkpoint *c, char *buf, size_t cap)
{
    return snprintf(buf, cap, "entente sweep checkpoint 2\nsettings %s\nruns_done %llu\nruns_bytes %llu\n"
                    "point_bytes %llu\nsummary_bytes %llu\nagent_rounds %llu\nclamped %llu\nwall %a\n",
                    c->settings, (unsigned long long)c->runs_done, (unsigned long long)c->runs_bytes,
                    (unsigned long long)c->point_bytes, (unsigned long long)c->summary_bytes,
                    (unsigned long long)c->agent_rounds, (unsigned long long)c->clamped, c->wall);
}

enum { CHECKPOINT_MAX = 1024 };
#define WALL_MAX 1e10           /* seconds: three centuries, more than any sweep took */

int ent_i_checkpoint_write(const char *dir, const ent_checkpoint *c)
{
    char text[CHECKPOINT_MAX], sum[65];
    int n = checkpoint_text(c, text, sizeof text);
    if (n < 0 || (size_t)n >= sizeof text) {
        errno = EINVAL;
        return -1;
    }
    ent_i_digest(text, (size_t)n, sum);
    ent_outfile o;
    int e = ent_i_outfile_open(&o, dir, ENT_CHECKPOINT_FILE);
    if (e) {
        errno = e > 0 ? e : ENAMETOOLONG;
        return -1;
    }
    fprintf(o.f, "%ssha256 %s\n", text, sum);
    /* on disk before it is believed: it vouches for the bytes before it */
    if ((e = ent_i_outfile_commit(&o))) {
        errno = e;
        return -1;
    }
    return 0;
}

/* "KEY N\n" at *p, N a whole number in plain decimal (no sign, no leading
** zero, at most 2^64 - 1): *v, and *p past the line. 0, or -1. */
static int take_count(const char **p, const char *key, uint64_t *v)
{
    size_t kl = strlen(key);
    const char *q = *p;
    if (strncmp(q, key, kl) || q[kl] != ' ')
        return -1;
    q += kl + 1;
    if (*q < '0' || *q > '9' || (q[0] == '0' && q[1] >= '0' && q[1] <= '9'))
        return -1;
    uint64_t x = 0;
    for (; *q >= '0' && *q <= '9'; q++) {
        unsigned d = (unsigned)(*q - '0');
        if (x > (UINT64_MAX - d) / 10)
            return -1;
        x = 10 * x + d;
    }
    if (*q != '\n')
        return -1;
    *v = x;
    *p = q + 1;
    return 0;
}

int ent_i_checkpoint_read(const char *dir, ent_checkpoint *c)
{
    char path[4500], text[CHECKPOINT_MAX + 128];
    snprintf(path, sizeof path, "%s/%s", dir, ENT_CHECKPOINT_FILE);
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t n = fread(text, 1, sizeof text - 1, f);
    int long_file = !feof(f);
    fclose(f);
    text[n] = 0;
    /* the last line is the SHA-256 of the text before it */
    enum { SUM_LINE = 7 + 64 + 1 };
    if (long_file || n < SUM_LINE || memchr(text, 0, n) || strncmp(text + n - SUM_LINE, "sha256 ", 7) ||
        text[n - 1] != '\n')
        return -2;
    char want[65], got[65];
    memcpy(got, text + n - SUM_LINE + 7, 64);
    got[64] = 0;
    ent_i_digest(text, n - SUM_LINE, want);
    if (strcmp(want, got))
        return -2;
    text[n - SUM_LINE] = 0;
    /* then each line as this program writes it, and nothing else */
    const char *p = text;
    static const char head[] = "entente sweep checkpoint 2\nsettings ";
    if (strncmp(p, head, sizeof head - 1))
        return -2;
    p += sizeof head - 1;
    size_t sl = strcspn(p, "\n");
    if (sl == 0 || sl >= sizeof c->settings || p[sl] != '\n')
        return -2;
    memcpy(c->settings, p, sl);
    c->settings[sl] = 0;
    p += sl + 1;
    if (take_count(&p, "runs_done", &c->runs_done) || take_count(&p, "runs_bytes", &c->runs_bytes) ||
        take_count(&p, "point_bytes", &c->point_bytes) || take_count(&p, "summary_bytes", &c->summary_bytes) ||
        take_count(&p, "agent_rounds", &c->agent_rounds) || take_count(&p, "clamped", &c->clamped) ||
        strncmp(p, "wall ", 5))
        return -2;
    char *e;
    c->wall = strtod(p + 5, &e);
    /* a wall time that is not a finite, non-negative number would reach the
    ** manifest as NaN; an absurd one as hundreds of digits */
    if (e == p + 5 || strcmp(e, "\n") || !(c->wall >= 0 && c->wall <= WALL_MAX))
        return -2;
    return 0;
}
