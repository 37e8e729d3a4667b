/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** sweep_merge.c: `entente merge`: the folders of `sweep --shard I/N` (a job
** array) joined into the files one run of the whole sweep writes. Every
** shard folder is untrusted input: its manifest must be the whole sweep's
** manifest plus a "shard" line that is exactly the one `sweep --shard` writes
** for its index, all shards must share every other line (scenario and sweep
** file digests, seed, design, settings digest, parameters, ...), the indexes
** must be 1..N once each, and every row of their CSV files must be the rows
** of that shard's points (point and replicate numbers, field counts, every
** number parsed). Then runs.csv and summary.csv are the shards' rows in
** order, and manifest.json the shared manifest with the summed counts.
*/
#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "io/csv.h"
#include "io/resdir.h"
#include "sweep/sweep_int.h"

enum { MANIFEST_MAX = 1 << 20 };

typedef struct {
    const char *dir;
    char *text;                 /* manifest.json */
    char *pre, *post;           /* the text before the shard line, after agent_rounds */
    size_t pre_len;
    uint64_t index, of, first_point, points, clamped, agent_rounds;
} shard;

typedef struct {
    char *err;
    size_t cap;
} merr;

static int bad(merr *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int bad(merr *m, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m->err, m->cap, fmt, ap);
    va_end(ap);
    return -1;
}

static char *read_small(const char *path, size_t max, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(max + 1);
    size_t n = buf ? fread(buf, 1, max + 1, f) : 0;
    fclose(f);
    if (!buf || n > max || memchr(buf, 0, n)) {
        free(buf);
        errno = buf ? EFBIG : ENOMEM;
        return NULL;
    }
    buf[n] = 0;
    *len = n;
    return buf;
}

/* A whole number of at most 19 digits, no sign, no leading zero. */
static int parse_u64(const char *s, const char **end, uint64_t *out)
{
    uint64_t v = 0;
    int k = 0;
    while (s[k] >= '0' && s[k] <= '9' && k < 20) {
        v = v * 10 + (uint64_t)(s[k] - '0');
        k++;
    }
    if (k == 0 || k > 19 || (k > 1 && s[0] == '0'))
        return -1;
    *out = v;
    *end = s + k;
    return 0;
}

/* The line of manifest text m starting with `key` (after two spaces): a
** pointer to its value, or NULL. */
static const char *field(const char *m, const char *key)
{
    char pat[96];
    snprintf(pat, sizeof pat, "\n  \"%s\": ", key);
    const char *p = strstr(m, pat);
    return p ? p + strlen(pat) : NULL;
}

/* "  "KEY": NUMBER,\n" at *p: the number; p moves past the line. */
static int count_line(const char **p, const char *key, uint64_t *out)
{
    char pat[96];
    int l = snprintf(pat, sizeof pat, "  \"%s\": ", key);
    if (strncmp(*p, pat, (size_t)l))
        return -1;
    const char *e;
    if (parse_u64(*p + l, &e, out) || strncmp(e, ",\n", 2))
        return -1;
    *p = e + 2;
    return 0;
}

static int field_u64(const char *m, const char *key, uint64_t *out)
{
    const char *v = field(m, key), *e;
    return v && !parse_u64(v, &e, out) && !strncmp(e, ",\n", 2) ? 0 : -1;
}

static int load_shard(merr *me, shard *s)
{
    char path[4500];
    size_t len;
    snprintf(path, sizeof path, "%s/manifest.json", s->dir);
    if (!(s->text = read_small(path, MANIFEST_MAX, &len)))
        return bad(me, "cannot read '%s': %s (is '%s' the folder of a finished 'sweep --shard'?)", path,
                   errno == EFBIG ? "too large or not text" : strerror(errno), s->dir);
    const char *t = s->text;
    if (strncmp(t, "{\n  \"entente_version\": ", 23) || !strstr(t, "\n  \"command\": \"sweep\",\n") ||
        len < 3 || strcmp(t + len - 2, "}\n"))
        return bad(me, "'%s' is not the manifest of a sweep", path);
    char *sh = strstr(s->text, "\n  \"shard\": ");
    if (!sh)
        return bad(me, "'%s' is the manifest of a whole sweep, not of a shard (made without --shard I/N)",
                   path);
    sh++;
    const char *p = sh + strlen("  \"shard\": ");
    uint64_t v[6];
    static const char *const keys[6] = { "{\"index\": ", ", \"of\": ", ", \"first_point\": ",
                                         ", \"points\": ", ", \"first_run\": ", ", \"runs\": " };
    for (int i = 0; i < 6; i++) {
        size_t kl = strlen(keys[i]);
        const char *e;
        if (strncmp(p, keys[i], kl) || parse_u64(p + kl, &e, &v[i]))
            return bad(me, "'%s': the \"shard\" line is malformed", path);
        p = e;
    }
    if (strncmp(p, "},\n", 3))
        return bad(me, "'%s': the \"shard\" line is malformed", path);
    p += 3;
    s->index = v[0];
    s->of = v[1];
    s->first_point = v[2];
    s->points = v[3];
    if (count_line(&p, "clamped_values", &s->clamped) || count_line(&p, "agent_rounds", &s->agent_rounds))
        return bad(me, "'%s': \"clamped_values\" and \"agent_rounds\" must follow the \"shard\" line, "
                   "each a whole number", path);
    s->pre = s->text;
    s->pre_len = (size_t)(sh - s->text);
    s->post = (char *)p;
    if (s->of < 1 || s->of > 1000000 || s->index < 1 || s->index > s->of)
        return bad(me, "'%s': shard %llu of %llu is not a shard index (1 <= I <= N <= 1000000)", path,
                   (unsigned long long)s->index, (unsigned long long)s->of);
    return 0;
}

/* The first line where a and b differ, for the message. */
static void first_diff(const char *a, size_t al, const char *b, size_t bl, char *out, size_t cap)
{
    size_t i = 0, ls = 0;
    while (i < al && i < bl && a[i] == b[i]) {
        if (a[i] == '\n')
            ls = i + 1;
        i++;
    }
    size_t e = ls;
    while (e < al && a[e] != '\n')
        e++;
    snprintf(out, cap, "%.*s", (int)(e - ls > 200 ? 200 : e - ls), a + ls);
}

/* The same sweep: every line but the shard's own must be equal. */
static int same_sweep(merr *me, const shard *a, const shard *b)
{
    static const char *const what[][2] = {
        { "scenario", "another scenario (its SHA-256 differs)" },
        { "sweep_file", "another sweep file (its SHA-256 differs)" },
        { "seed", "another seed" },
        { "design", "another design" },
        { "settings_digest", "other settings (points, replicates, rounds, columns or options)" },
    };
    for (size_t i = 0; i < sizeof what / sizeof *what; i++) {
        const char *x = field(a->text, what[i][0]), *y = field(b->text, what[i][0]);
        size_t lx = x ? strcspn(x, "\n") : 0, ly = y ? strcspn(y, "\n") : 0;
        if (!x || !y || lx != ly || strncmp(x, y, lx))
            return bad(me, "'%s' and '%s' are not shards of one sweep: they come from %s", a->dir, b->dir,
                       what[i][1]);
    }
    size_t pa = strlen(a->post), pb = strlen(b->post);
    char line[256];
    if (a->pre_len != b->pre_len || memcmp(a->pre, b->pre, a->pre_len)) {
        first_diff(a->pre, a->pre_len, b->pre, b->pre_len, line, sizeof line);
        return bad(me, "'%s' and '%s' are not shards of one sweep: their manifests differ at '%s'", a->dir,
                   b->dir, line);
    }
    if (pa != pb || memcmp(a->post, b->post, pa)) {
        first_diff(a->post, pa, b->post, pb, line, sizeof line);
        return bad(me, "'%s' and '%s' are not shards of one sweep: their manifests differ at '%s'", a->dir,
                   b->dir, line);
    }
    return 0;
}

/* Every field of line (without its newline) a number, except field skip;
** the first fields must be `want` (point, and replicate if want[1] >= 0).
** Split by the library's CSV reader; sweep files quote nothing, so a quote
** is refused (the line is copied as it is). */
static int check_row(ent_csv_line *cl, const char *line, size_t len, size_t fields, size_t skip,
                     const double *want, size_t n_want)
{
    if (memchr(line, '"', len) || ent_i_csv_split(cl, line, len) < 0 || cl->n != fields)
        return -1;
    for (size_t f = 0; f < fields; f++) {
        const char *buf = ent_i_csv_field(cl, f);
        size_t l = strlen(buf);
        if (f != skip) {
            if (l == 0 || l >= 64)
                return -1;
            const char *e;
            double v;
            int ok = ent_i_number_text(buf, l) && !ent_i_parse_num(buf, &e, &v) && *e == 0 &&
                     (isfinite(v) || !strcmp(buf, "NA"));
            if (!ok || (f < n_want && v != want[f]))
                return -1;
        } else if (l == 0) {
            return -1;
        }
    }
    return 0;
}

typedef struct {
    FILE *out;
    char *line;
    size_t cap;
    ent_csv_line fields;        /* the fields of the line read last */
} copier;

/* Copy the rows of one shard's FILE (runs.csv or summary.csv) to c->out,
** checking them; the header must be `head` (that of the first shard; NULL:
** this is the first, whose header is written and returned in *head). */
static int copy_csv(merr *me, copier *c, const shard *s, const char *name, char **head, uint64_t R,
                    uint64_t n_out, int runs, int *io)
{
    char path[4500];
    snprintf(path, sizeof path, "%s/%s", s->dir, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return bad(me, "cannot read '%s': %s", path, strerror(errno));
    ssize_t len = getline(&c->line, &c->cap, f);
    int rc = -1;
    size_t fields = 0, skip = SIZE_MAX;
    if (len <= 0 || c->line[len - 1] != '\n' || memchr(c->line, 0, (size_t)len)) {
        bad(me, "'%s' has no header line", path);
        goto out;
    }
    if (!*head) {
        if (!(*head = strdup(c->line))) {
            bad(me, "out of memory");
            goto out;
        }
        if (fputs(*head, c->out) == EOF)
            *io = errno ? errno : EIO;
    } else if (strcmp(*head, c->line)) {
        bad(me, "'%s' has another header than the first shard's (other columns)", path);
        goto out;
    }
    if (memchr(c->line, '"', (size_t)len) || ent_i_csv_split(&c->fields, c->line, (size_t)len - 1) < 0) {
        bad(me, "'%s' has a malformed header", path);
        goto out;
    }
    fields = c->fields.n;
    if (!runs) {
        /* summary.csv: point, parameters, outcome (a name), 8 statistics */
        if (fields < 10) {
            bad(me, "'%s' has a malformed header", path);
            goto out;
        }
        skip = fields - 9;
    }
    uint64_t per = runs ? R : n_out, rows = s->points * per;
    for (uint64_t i = 0; i < rows; i++) {
        len = getline(&c->line, &c->cap, f);
        double want[2] = { (double)(s->first_point + i / per), (double)(i % per) };
        if (len <= 0 || c->line[len - 1] != '\n' || memchr(c->line, 0, (size_t)len) ||
            check_row(&c->fields, c->line, (size_t)len - 1, fields, skip, want, runs ? 2 : 1)) {
            char which[64];
            if (runs)
                snprintf(which, sizeof which, "point %llu, replicate %llu", (unsigned long long)want[0],
                         (unsigned long long)want[1]);
            else
                snprintf(which, sizeof which, "point %llu", (unsigned long long)want[0]);
            bad(me, "'%s' line %llu is not the row of %s that shard %llu of %llu holds (%s)", path,
                (unsigned long long)(i + 2), which, (unsigned long long)s->index, (unsigned long long)s->of,
                len <= 0                    ? "the file ends early"
                : c->line[len - 1] != '\n' ? "the file ends inside it"
                                            : "other numbers or a malformed row");
            goto out;
        }
        if (fwrite(c->line, 1, (size_t)len, c->out) != (size_t)len && !*io)
            *io = errno ? errno : EIO;
    }
    if (getline(&c->line, &c->cap, f) > 0) {
        bad(me, "'%s' has more rows than the %llu of shard %llu of %llu", path, (unsigned long long)rows,
            (unsigned long long)s->index, (unsigned long long)s->of);
        goto out;
    }
    rc = 0;
out:
    fclose(f);
    return rc;
}

static int write_csv(merr *me, const shard *sh, size_t n, const char *stage, const char *name,
                     uint64_t R, uint64_t n_out, int runs)
{
    char path[4500];
    snprintf(path, sizeof path, "%s/%s", stage, name);
    copier c = { .out = fopen(path, "wb") };
    if (!c.out)
        return bad(me, "cannot write '%s': %s", path, strerror(errno));
    char *head = NULL;
    int io = 0, rc = 0;
    for (size_t i = 0; i < n && !rc; i++)
        rc = copy_csv(me, &c, &sh[i], name, &head, R, n_out, runs, &io);
    free(head);
    free(c.line);
    ent_i_csv_line_free(&c.fields);
    if (fflush(c.out) || fsync(fileno(c.out)))
        io = io ? io : (errno ? errno : EIO);
    if (fclose(c.out) && !io)
        io = errno ? errno : EIO;
    if (!rc && io)
        return bad(me, "cannot write '%s': %s", path, strerror(io));
    return rc;
}

static int cmp_index(const void *a, const void *b)
{
    const shard *x = a, *y = b;
    return x->index < y->index ? -1 : x->index > y->index;
}

static int put_file(merr *me, const char *stage, const char *name, const char *a, size_t al,
                    const char *b, size_t bl, const char *c2, size_t cl)
{
    ent_outfile o;
    int e = ent_i_outfile_open(&o, stage, name);
    if (e)
        return bad(me, "cannot write '%s/%s': %s", stage, name, strerror(e > 0 ? e : ENAMETOOLONG));
    fwrite(a, 1, al, o.f);
    fwrite(b, 1, bl, o.f);
    fwrite(c2, 1, cl, o.f);
    e = ent_i_outfile_commit(&o);
    return e ? bad(me, "cannot write '%s': %s", o.final_path, strerror(e)) : 0;
}

static int check_shards(merr *me, shard *sh, size_t n, uint64_t *P, uint64_t *R, uint64_t *n_out,
                        int *runs_csv, uint64_t *clamped, uint64_t *agent_rounds)
{
    for (size_t i = 0; i < n; i++)
        if (load_shard(me, &sh[i]))
            return -1;
    for (size_t i = 1; i < n; i++)
        if (same_sweep(me, &sh[0], &sh[i]))
            return -1;
    const char *t = sh[0].text;
    uint64_t N;
    if (field_u64(t, "points", P) || field_u64(t, "replicates", R) || field_u64(t, "runs", &N) ||
        field_u64(t, "outcomes", n_out) || *R < 1 || *P < 1 || *n_out < 1 || *n_out > 100000 ||
        *P > UINT64_MAX / *R || *P * *R != N)
        return bad(me, "'%s/manifest.json': its points, replicates, runs and outcomes do not agree",
                   sh[0].dir);
    const char *rc = field(t, "runs_csv");
    *runs_csv = rc && strncmp(rc, "\"none\"", 6) ? 1 : 0;
    uint64_t of = sh[0].of;
    for (size_t i = 1; i < n; i++)
        if (sh[i].of != of)
            return bad(me, "'%s' is shard %llu of %llu but '%s' is shard %llu of %llu", sh[0].dir,
                       (unsigned long long)sh[0].index, (unsigned long long)of, sh[i].dir,
                       (unsigned long long)sh[i].index, (unsigned long long)sh[i].of);
    qsort(sh, n, sizeof *sh, cmp_index);
    for (size_t i = 1; i < n; i++)
        if (sh[i].index == sh[i - 1].index)
            return bad(me, "shard %llu of %llu is given twice: '%s' and '%s'", (unsigned long long)sh[i].index,
                       (unsigned long long)of, sh[i - 1].dir, sh[i].dir);
    for (uint64_t k = 1, i = 0; k <= of; k++) {
        if (i < n && sh[i].index == k) {
            i++;
            continue;
        }
        return bad(me, "shard %llu of %llu is missing (%zu of %llu shard folders given)", (unsigned long long)k,
                   (unsigned long long)of, n, (unsigned long long)of);
    }
    if (of > *P)
        return bad(me, "the sweep has %llu points, fewer than its %llu shards", (unsigned long long)*P,
                   (unsigned long long)of);
    /* what each shard's counts can be (ent_i_tallies_possible) */
    ent_i_tally_frame fr = { 0 };
    const char *re = field(t, "random_end"), *ps = field(t, "parameters"), *pe = ps ? strstr(ps, "\n  ]") : NULL;
    if (field_u64(t, "agents", &fr.agents) || field_u64(t, "rounds", &fr.rounds) || !re || !pe ||
        (strncmp(re, "true,\n", 6) && strncmp(re, "false,\n", 7)))
        return bad(me, "'%s/manifest.json': its agents, rounds, random_end or parameters are missing or "
                   "malformed", sh[0].dir);
    fr.random_end = re[0] == 't';
    for (const char *q = strstr(ps, "\n    {\"path\": "); q && q < pe; q = strstr(q + 1, "\n    {\"path\": "))
        fr.params++;
    *clamped = *agent_rounds = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t fp, np;
        ent_sweep_shard_points(*P, sh[i].index, of, &fp, &np);
        char want[512];
        ent_i_shard_line(want, sizeof want, sh[i].index, of, fp, np, *R);
        const char *have = sh[i].pre + sh[i].pre_len;
        if (strncmp(have, want, strlen(want)))
            return bad(me, "'%s/manifest.json': the \"shard\" line is not that of shard %llu of %llu "
                       "(points %llu to %llu)", sh[i].dir, (unsigned long long)sh[i].index,
                       (unsigned long long)of, (unsigned long long)fp, (unsigned long long)(fp + np - 1));
        fr.runs = np * *R;
        fr.points = np;
        if (sh[i].clamped > UINT64_MAX - *clamped || sh[i].agent_rounds > UINT64_MAX - *agent_rounds ||
            !ent_i_tallies_possible(&fr, sh[i].agent_rounds, sh[i].clamped))
            return bad(me, "'%s/manifest.json': its clamped_values and agent_rounds cannot be those of its "
                       "%llu runs", sh[i].dir, (unsigned long long)fr.runs);
        *clamped += sh[i].clamped;
        *agent_rounds += sh[i].agent_rounds;
    }
    return 0;
}

int ent_sweep_merge(const char *const *dirs, size_t n, const char *out_dir, uint64_t *runs,
                    char *err, size_t cap)
{
    merr me = { err, cap };
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (n == 0) {
        bad(&me, "no shard folders");
        return ENT_SWEEP_ERESUME;
    }
    shard *sh = calloc(n, sizeof *sh);
    if (!sh) {
        bad(&me, "out of memory");
        return ENT_SWEEP_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        sh[i].dir = dirs[i];
    int rc = ENT_SWEEP_ERESUME;
    ent_dirlock lock = { .fd = -1 };
    ent_staged st;
    memset(&st, 0, sizeof st);
    uint64_t P = 0, R = 0, n_out = 0, clamped = 0, ar = 0;
    int runs_csv = 0;
    if (check_shards(&me, sh, n, &P, &R, &n_out, &runs_csv, &clamped, &ar))
        goto out;
    /* the output is none of the inputs */
    struct stat so, si;
    for (size_t i = 0; i < n; i++)
        if (stat(out_dir, &so) == 0 && stat(sh[i].dir, &si) == 0 && so.st_dev == si.st_dev &&
            so.st_ino == si.st_ino) {
            bad(&me, "--out '%s' is one of the shard folders; merge into another folder", out_dir);
            goto out;
        }
    rc = ENT_SWEEP_EIO;
    if (ent_dirlock_take(&lock, out_dir, err, cap)) {
        rc = errno == EWOULDBLOCK ? ENT_SWEEP_ELOCKED : ENT_SWEEP_EIO;
        goto out;
    }
    if (ent_staged_begin(&st, out_dir, 1, 1, err, cap))
        goto out;
    rc = ENT_SWEEP_ERESUME;
    if ((runs_csv && write_csv(&me, sh, n, st.stage, "runs.csv", R, n_out, 1)) ||
        write_csv(&me, sh, n, st.stage, "summary.csv", R, n_out, 0))
        goto out;
    rc = ENT_SWEEP_EIO;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    ent_sweep_result res;
    memset(&res, 0, sizeof res);
    res.runs_total = P * R;
    res.agent_rounds = ar;
    res.wall = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    char *timing = NULL, counts[128];
    size_t tl = 0;
    FILE *tf = open_memstream(&timing, &tl);
    if (!tf) {
        bad(&me, "out of memory");
        goto out;
    }
    ent_i_sweep_timing(tf, "merge", &res, n);
    fclose(tf);
    int cl = snprintf(counts, sizeof counts, "  \"clamped_values\": %llu,\n  \"agent_rounds\": %llu,\n",
                      (unsigned long long)clamped, (unsigned long long)ar);
    int bad_write = put_file(&me, st.stage, "timing.json", timing, tl, "", 0, "", 0) ||
                    put_file(&me, st.stage, "manifest.json", sh[0].pre, sh[0].pre_len, counts, (size_t)cl,
                             sh[0].post, strlen(sh[0].post));
    free(timing);
    if (bad_write || ent_staged_commit(&st, NULL, err, cap))
        goto out;
    *runs = P * R;
    rc = ENT_SWEEP_OK;
out:
    ent_staged_discard(&st);
    ent_dirlock_release(&lock);
    for (size_t i = 0; i < n; i++)
        free(sh[i].text);
    free(sh);
    return rc;
}
