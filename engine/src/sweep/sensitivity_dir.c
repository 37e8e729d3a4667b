/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** sensitivity_dir.c: `entente sensitivity DIR`: read the manifest (JSON,
** which libyaml reads as YAML) and summary.csv of a saltelli sweep, compute
** the Sobol indices of every outcome from its point means, and write
** sensitivity.csv atomically.
**
** Both files are untrusted input: every count is range-checked against the
** limits of `entente sweep` and against the other counts before it sizes or
** indexes anything, and summary.csv must hold exactly the rows the manifest
** announces before a buffer is allocated for them.
*/
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>
#include "entente/csv.h"
#include "entente/design.h"
#include "entente/rng.h"
#include "entente/sensitivity.h"
#include "sweep/sweep_int.h"
#include "core/gsl_quiet.h"

/* The limits `entente sweep` enforces on what it writes. */
#define MAX_BASE (UINT64_C(1) << 40)            /* sweep: points */
#define MAX_REPLICATES (UINT64_C(1) << 40)      /* sweep: replicates */
#define MAX_K ((size_t)ENT_SOBOL_MAX_DIM / 2)   /* saltelli: 2k Sobol dimensions */
#define N_STATS 8                               /* n, mean, sd, ... after the outcome */

typedef struct {
    char design[32];
    uint64_t base, points, seed, replicates, runs, outcomes;
    char **params;
    size_t k;
} manifest;

static const char *scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* A number as JSON writes it: a plain scalar ("64", quoted, is a string). */
static const char *number(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE
               ? (const char *)n->data.scalar.value
               : NULL;
}

/* The value of key in map; NULL if it is missing or given twice (which of
** two values the program wrote cannot be known). */
static yaml_node_t *get(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
    if (!map || map->type != YAML_MAPPING_NODE)
        return NULL;
    yaml_node_t *found = NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        const char *k = scalar(yaml_document_get_node(doc, p->key));
        if (k && !strcmp(k, key)) {
            if (found)
                return NULL;
            found = yaml_document_get_node(doc, p->value);
        }
    }
    return found;
}

/* A whole decimal count in [lo, hi]: digits only, no sign, no overflow. */
static int parse_count(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
    if (!s || *s < '0' || *s > '9')
        return -1;
    uint64_t v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        unsigned d = (unsigned)(*s - '0');
        if (v > (UINT64_MAX - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    if (v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

/* a * b into *out; -1 on overflow. */
static int mul_u64(uint64_t a, uint64_t b, uint64_t *out)
{
    if (a && b > UINT64_MAX / a)
        return -1;
    *out = a * b;
    return 0;
}

static int read_manifest(const char *path, manifest *m, char *err, size_t cap)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, cap, "cannot open '%s': %s", path, strerror(errno));
        return -1;
    }
    yaml_parser_t parser;
    yaml_document_t doc;
    int ok = yaml_parser_initialize(&parser);
    if (ok) {
        yaml_parser_set_input_file(&parser, f);
        ok = yaml_parser_load(&parser, &doc);
        yaml_parser_delete(&parser);
    }
    fclose(f);
    if (!ok) {
        snprintf(err, cap, "'%s' is not a sweep manifest (cannot parse it)", path);
        return -1;
    }
    int rc = -1;
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    const char *cmd = scalar(get(&doc, root, "command"));
    const char *design = scalar(get(&doc, root, "design"));
    const char *base = number(get(&doc, root, "base_points"));
    const char *points = number(get(&doc, root, "points"));
    const char *seed = number(get(&doc, root, "seed"));
    const char *reps = number(get(&doc, root, "replicates"));
    const char *runs = number(get(&doc, root, "runs"));
    const char *outcomes = number(get(&doc, root, "outcomes"));
    yaml_node_t *params = get(&doc, root, "parameters");
    if (!cmd || strcmp(cmd, "sweep") || !design || !base || !points || !seed || !reps || !runs ||
        !outcomes || !params || params->type != YAML_SEQUENCE_NODE) {
        snprintf(err, cap, "'%s' is not the manifest of a sweep", path);
        goto done;
    }
    snprintf(m->design, sizeof m->design, "%s", design);
    if (strcmp(design, "saltelli")) {
        rc = -2;                        /* the caller names the design */
        goto done;
    }
    static const struct { const char *key; uint64_t lo, hi; size_t off; } counts[] = {
        { "base_points", 2, MAX_BASE, offsetof(manifest, base) },
        { "points", 1, UINT64_MAX, offsetof(manifest, points) },
        { "seed", 0, UINT64_MAX, offsetof(manifest, seed) },
        { "replicates", 1, MAX_REPLICATES, offsetof(manifest, replicates) },
        { "runs", 1, UINT64_MAX, offsetof(manifest, runs) },
        { "outcomes", 1, UINT64_MAX, offsetof(manifest, outcomes) },
    };
    const char *text[] = { base, points, seed, reps, runs, outcomes };
    for (size_t i = 0; i < sizeof counts / sizeof *counts; i++)
        if (parse_count(text[i], counts[i].lo, counts[i].hi, (uint64_t *)((char *)m + counts[i].off))) {
            snprintf(err, cap, "'%s': \"%s\" must be a whole number from %llu to %llu, not '%.40s'",
                     path, counts[i].key, (unsigned long long)counts[i].lo,
                     (unsigned long long)counts[i].hi, text[i]);
            goto done;
        }
    size_t k = (size_t)(params->data.sequence.items.top - params->data.sequence.items.start);
    if (k == 0 || k > MAX_K) {
        snprintf(err, cap, "'%s': a saltelli sweep has 1 to %zu parameters, not %zu", path, MAX_K, k);
        goto done;
    }
    /* the Saltelli structure: A, B and one A_B^(i) per parameter for each base point */
    uint64_t want_points, want_runs;
    if (mul_u64(m->base, (uint64_t)k + 2, &want_points) || m->points != want_points) {
        snprintf(err, cap, "'%s': %llu points do not make a saltelli design of %llu base points "
                 "and %zu parameters", path, (unsigned long long)m->points,
                 (unsigned long long)m->base, k);
        goto done;
    }
    if (mul_u64(m->points, m->replicates, &want_runs) || m->runs != want_runs) {
        snprintf(err, cap, "'%s': %llu runs are not %llu points of %llu replicates", path,
                 (unsigned long long)m->runs, (unsigned long long)m->points,
                 (unsigned long long)m->replicates);
        goto done;
    }
    m->params = calloc(k + 1, sizeof *m->params);
    if (!m->params) {
        snprintf(err, cap, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < k; i++) {
        yaml_node_t *p = yaml_document_get_node(&doc, params->data.sequence.items.start[i]);
        const char *name = scalar(get(&doc, p, "path"));
        if (!name || !*name || strpbrk(name, ",\"\r\n") || !(m->params[i] = strdup(name))) {
            snprintf(err, cap, "'%s': parameter %zu has no usable path", path, i + 1);
            goto done;
        }
        m->k++;
    }
    rc = 0;
done:
    yaml_document_delete(&doc);
    return rc;
}

static void manifest_free(manifest *m)
{
    for (size_t i = 0; i < m->k; i++)
        free(m->params[i]);
    free(m->params);
}

/* Row r of summary.csv: point, k values, outcome, n, mean, ... -1 if a
** field is malformed (the reader checked the row's width). */
static int split_row(const ent_table *t, size_t r, size_t k, uint64_t max_n, uint64_t *p, const char **name,
                     double *mean)
{
    uint64_t n;
    const char *e;
    const char *mean_s = ent_table_str(t, r, (int)(k + 3));
    if (parse_count(ent_table_str(t, r, 0), 0, UINT64_MAX, p) || !*ent_table_str(t, r, (int)(k + 1)) ||
        parse_count(ent_table_str(t, r, (int)(k + 2)), 0, max_n, &n) || ent_i_parse_num(mean_s, &e, mean) || *e)
        return -1;
    *name = ent_table_str(t, r, (int)(k + 1));
    return 0;
}

/* Is the header of summary.csv "point,<the manifest's parameters>,outcome,<statistics>"? */
static int header_ok(const ent_table *t, const manifest *m)
{
    if (m->k > SIZE_MAX - 2 - N_STATS || t->n_cols != 1 + m->k + 1 + N_STATS || strcmp(t->head[0], "point"))
        return 0;
    for (size_t i = 0; i < m->k; i++)
        if (strcmp(t->head[1 + i], m->params[i]))
            return 0;
    if (strcmp(t->head[1 + m->k], "outcome"))
        return 0;
    for (size_t i = 0; i < N_STATS; i++)
        if (strcmp(t->head[2 + m->k + i], ent_i_summ_columns[i]))
            return 0;
    return 1;
}

/* Read the mean of every (point, outcome) of summary.csv into *means
** (outcome-major: means[o * points + p]) and the outcome names, with the
** library's CSV reader: the rows of point 0 give the outcomes, then every
** row is checked (its point, outcome, count and mean) and stored. */
static int read_summary(const char *path, const manifest *m, double **means, char ***names,
                        size_t *n_out, char *err, size_t cap)
{
    *means = NULL;
    *names = NULL;
    *n_out = 0;
    ent_diags d;
    ent_diags_init(&d, path);
    ent_table t;
    int tr = ent_table_read(&t, path, &d);
    if (tr == -1) {
        const char *msg = d.n ? d.items[0].msg : "read error";
        if (!strncmp(msg, "cannot read: ", 13))
            msg += 13;
        snprintf(err, cap, "cannot open '%s': %s", path, msg);
        return -1;
    }
    char why_buf[ENT_DIAG_MSG + 40];
    const char *why = "a row is malformed or out of order";
    const char *name;
    size_t no = 0;
    uint64_t p, cells = 0;
    double v;
    int rc = -1;
    if (tr) {
        snprintf(why_buf, sizeof why_buf, "line %u: %s", d.n ? d.items[0].line : 0,
                 d.n ? d.items[0].msg : "malformed");
        why = why_buf;
        goto done;
    }
    if (!header_ok(&t, m)) {
        why = "its header does not name the manifest's parameters";
        goto done;
    }
    while (no < t.n_rows && !split_row(&t, no, m->k, m->replicates, &p, &name, &v) && p == 0)
        no++;
    if (no == 0 || no != m->outcomes || mul_u64(no, m->points, &cells) || t.n_rows != cells ||
        cells > SIZE_MAX / sizeof **means) {
        why = "it does not hold one row per point and outcome the manifest counts";
        goto done;
    }
    *names = calloc(no + 1, sizeof **names);
    *means = malloc((size_t)cells * sizeof **means);
    if (!*names || !*means) {
        why = "out of memory";
        goto done;
    }
    for (size_t row = 0; row < cells; row++) {
        if (split_row(&t, row, m->k, m->replicates, &p, &name, &v) || row / no != p || p >= m->points)
            goto done;
        size_t o = row % no;
        if (p == 0 && !((*names)[o] = strdup(name)))
            goto done;
        if (strcmp((*names)[o], name))
            goto done;
        (*means)[(size_t)(o * m->points + p)] = v;
    }
    rc = 0;
    *n_out = no;
done:
    if (rc) {
        snprintf(err, cap, "'%s' does not match its manifest (%s; expected %llu points of %llu "
                 "outcomes)", path, why, (unsigned long long)m->points, (unsigned long long)m->outcomes);
    }
    ent_table_free(&t);
    return rc;
}

int ent_sensitivity_dir(const char *dir, size_t n_boot, double level, char *err, size_t cap)
{
    return ent_sensitivity_dir_stoppable(dir, n_boot, level, NULL, err, cap);
}

int ent_sensitivity_dir_stoppable(const char *dir, size_t n_boot, double level,
                                  const volatile sig_atomic_t *stop, char *err, size_t cap)
{
    ent_i_gsl_quiet();
    char path[4200];
    ent_outfile out = { .f = NULL };
    manifest m;
    memset(&m, 0, sizeof m);
    snprintf(path, sizeof path, "%s/manifest.json", dir);
    int mr = read_manifest(path, &m, err, cap);
    if (mr == -2)
        snprintf(err, cap, "'%s' holds a sweep of the design '%s'; Sobol indices need the saltelli design", dir, m.design);
    if (mr) {
        manifest_free(&m);
        return -1;
    }
    double *means = NULL;
    char **names = NULL;
    size_t n_out = 0;
    int rc = -1;
    FILE *f = NULL;
    ent_sobol_index *idx = NULL;
    gsl_rng *r = NULL;
    snprintf(path, sizeof path, "%s/summary.csv", dir);
    if (read_summary(path, &m, &means, &names, &n_out, err, cap))
        goto done;
    /* read_manifest checked points = base (k + 2) without overflow, and
    ** read_summary that n_out * points means are in memory */
    size_t n = (size_t)m.base, k = m.k;
    double *fa = malloc((size_t)m.points * sizeof *fa);
    idx = malloc(k * sizeof *idx);
    r = ent_rng_alloc();
    if (!fa || !idx || !r) {
        free(fa);
        snprintf(err, cap, "out of memory");
        goto done;
    }
    int oe = ent_i_outfile_open(&out, dir, "sensitivity.csv");
    if (oe) {
        free(fa);
        snprintf(err, cap, "cannot write '%s/sensitivity.csv': %s", dir, strerror(oe > 0 ? oe : ENAMETOOLONG));
        goto done;
    }
    f = out.f;
    fputs("outcome,parameter,S1,S1_low,S1_high,ST,ST_low,ST_high,variance\n", f);
    double *fb = fa + n, *fab = fa + 2 * n;
    for (size_t o = 0; o < n_out; o++) {
        if (stop && *stop) {
            free(fa);
            snprintf(err, cap, "stopped before sensitivity.csv was complete");
            rc = ENT_EINTR;
            goto done;
        }
        const double *y = means + o * m.points;
        /* point j (k + 2) + c: c = 0 row j of A, 1 of B, 2 + i of A_B^(i) */
        for (size_t j = 0; j < n; j++) {
            fa[j] = y[j * (k + 2)];
            fb[j] = y[j * (k + 2) + 1];
            for (size_t i = 0; i < k; i++)
                fab[i * n + j] = y[j * (k + 2) + 2 + i];
        }
        ent_rng_stream(r, m.seed, o, ENT_STREAM_BOOT);
        double var;
        ent_sobol_indices(n, k, fa, fb, fab, n_boot, level, r, idx, &var);
        for (size_t i = 0; i < k; i++) {
            const double v[7] = { idx[i].s1, idx[i].s1_low, idx[i].s1_high, idx[i].st,
                                  idx[i].st_low, idx[i].st_high, var };
            fprintf(f, "%s,%s", names[o], m.params[i]);
            for (int c = 0; c < 7; c++) {
                char buf[ENT_NUM_MAX + 1];
                ent_i_fmt_num(buf, v[c]);
                fprintf(f, ",%s", buf);
            }
            fputc('\n', f);
        }
    }
    free(fa);
    f = NULL;
    int e = ent_i_outfile_commit(&out);
    if (e) {
        snprintf(err, cap, "cannot write '%s': %s", out.final_path, strerror(e));
        goto done;
    }
    rc = 0;
done:
    if (f)
        ent_outfile_abort(&out);
    if (r)
        gsl_rng_free(r);
    free(idx);
    for (size_t o = 0; names && names[o]; o++)
        free(names[o]);
    free(names);
    free(means);
    manifest_free(&m);
    return rc;
}
