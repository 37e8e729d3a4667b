/*
** sensitivity_dir.c: `entente sensitivity DIR`: read the manifest (JSON,
** which libyaml reads as YAML) and summary.csv of a saltelli sweep, compute
** the Sobol indices of every outcome from its point means, and write
** sensitivity.csv atomically.
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>
#include "entente/design.h"
#include "entente/rng.h"
#include "entente/sensitivity.h"
#include "sweep_int.h"

typedef struct {
    char design[32];
    uint64_t base, points, seed;
    char **params;
    size_t k;
} manifest;

static const char *scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static yaml_node_t *get(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
    if (!map || map->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        const char *k = scalar(yaml_document_get_node(doc, p->key));
        if (k && !strcmp(k, key))
            return yaml_document_get_node(doc, p->value);
    }
    return NULL;
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
    const char *base = scalar(get(&doc, root, "base_points"));
    const char *points = scalar(get(&doc, root, "points"));
    const char *seed = scalar(get(&doc, root, "seed"));
    yaml_node_t *params = get(&doc, root, "parameters");
    if (!cmd || strcmp(cmd, "sweep") || !design || !base || !points || !seed || !params ||
        params->type != YAML_SEQUENCE_NODE) {
        snprintf(err, cap, "'%s' is not the manifest of a sweep", path);
        goto done;
    }
    snprintf(m->design, sizeof m->design, "%s", design);
    m->base = strtoull(base, NULL, 10);
    m->points = strtoull(points, NULL, 10);
    m->seed = strtoull(seed, NULL, 10);
    size_t k = (size_t)(params->data.sequence.items.top - params->data.sequence.items.start);
    m->params = calloc(k + 1, sizeof *m->params);
    if (!m->params) {
        snprintf(err, cap, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < k; i++) {
        yaml_node_t *p = yaml_document_get_node(&doc, params->data.sequence.items.start[i]);
        const char *name = scalar(get(&doc, p, "path"));
        if (!name || !(m->params[i] = strdup(name))) {
            snprintf(err, cap, "'%s': a parameter without a path", path);
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

/* Split a summary row: point, k values, outcome, n, mean, ... */
static int split_row(char *line, size_t k, uint64_t *p, char **name, double *mean)
{
    char *save = NULL, *tok = strtok_r(line, ",\n", &save);
    if (!tok)
        return -1;
    *p = strtoull(tok, NULL, 10);
    for (size_t i = 0; tok && i < k; i++)
        tok = strtok_r(NULL, ",\n", &save);
    *name = tok ? strtok_r(NULL, ",\n", &save) : NULL;
    char *nfield = *name ? strtok_r(NULL, ",\n", &save) : NULL;
    char *m = nfield ? strtok_r(NULL, ",\n", &save) : NULL;
    const char *e;
    return m && !ent_i_parse_num(m, &e, mean) ? 0 : -1;
}

/* Read the mean of every (point, outcome) of summary.csv into *means
** (outcome-major: means[o * points + p]) and the outcome names (two passes:
** the rows of point 0 give the outcomes, then every row is checked). */
static int read_summary(const char *path, const manifest *m, double **means, char ***names,
                        size_t *n_out, char *err, size_t cap)
{
    *means = NULL;
    *names = NULL;
    *n_out = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, cap, "cannot open '%s': %s", path, strerror(errno));
        return -1;
    }
    char *line = NULL, *name;
    size_t lcap = 0, no = 0;
    uint64_t p, row = 0;
    double v;
    int rc = -1;
    if (getline(&line, &lcap, f) < 0)
        goto done;
    long body = ftell(f);
    while (getline(&line, &lcap, f) > 0 && !split_row(line, m->k, &p, &name, &v) && p == 0)
        no++;
    if (no == 0 || fseek(f, body, SEEK_SET) != 0)
        goto done;
    *names = calloc(no + 1, sizeof **names);
    *means = malloc(no * m->points * sizeof **means);
    if (!*names || !*means)
        goto done;
    while (getline(&line, &lcap, f) > 0) {
        if (split_row(line, m->k, &p, &name, &v) || row / no != p || p >= m->points)
            goto done;
        size_t o = row % no;
        if (p == 0 && !((*names)[o] = strdup(name)))
            goto done;
        if (strcmp((*names)[o], name))
            goto done;
        (*means)[o * m->points + p] = v;
        row++;
    }
    if (row == no * m->points) {
        rc = 0;
        *n_out = no;
    }
done:
    if (rc)
        snprintf(err, cap, "'%s' does not match its manifest (expected %llu points of the same "
                 "outcomes)", path, (unsigned long long)m->points);
    free(line);
    fclose(f);
    return rc;
}

int ent_sensitivity_dir(const char *dir, size_t n_boot, double level, char *err, size_t cap)
{
    char path[4200], tmp[4220];
    manifest m;
    memset(&m, 0, sizeof m);
    snprintf(path, sizeof path, "%s/manifest.json", dir);
    if (read_manifest(path, &m, err, cap))
        return -1;
    double *means = NULL;
    char **names = NULL;
    size_t n_out = 0;
    int rc = -1;
    FILE *f = NULL;
    ent_sobol_index *idx = NULL;
    gsl_rng *r = NULL;
    if (strcmp(m.design, "saltelli")) {
        snprintf(err, cap, "'%s' holds a %s sweep; Sobol indices need the saltelli design", dir, m.design);
        goto done;
    }
    if (m.k == 0 || m.base < 2 || m.points != m.base * (m.k + 2)) {
        snprintf(err, cap, "'%s': a saltelli sweep needs at least 2 base points", path);
        goto done;
    }
    snprintf(path, sizeof path, "%s/summary.csv", dir);
    if (read_summary(path, &m, &means, &names, &n_out, err, cap))
        goto done;
    size_t n = (size_t)m.base, k = m.k;
    double *fa = malloc(n * (k + 2) * sizeof *fa);
    idx = malloc(k * sizeof *idx);
    r = ent_rng_alloc();
    if (!fa || !idx || !r) {
        free(fa);
        snprintf(err, cap, "out of memory");
        goto done;
    }
    snprintf(path, sizeof path, "%s/sensitivity.csv", dir);
    snprintf(tmp, sizeof tmp, "%s/.sensitivity.csv.tmp", dir);
    if (!(f = fopen(tmp, "w"))) {
        free(fa);
        snprintf(err, cap, "cannot write '%s': %s", tmp, strerror(errno));
        goto done;
    }
    fputs("outcome,parameter,S1,S1_low,S1_high,ST,ST_low,ST_high,variance\n", f);
    double *fb = fa + n, *fab = fa + 2 * n;
    for (size_t o = 0; o < n_out; o++) {
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
    int bad = ferror(f) != 0 || fflush(f) != 0 || fsync(fileno(f)) != 0;
    bad |= fclose(f) != 0;
    f = NULL;
    if (bad || rename(tmp, path) != 0) {
        unlink(tmp);
        snprintf(err, cap, "cannot write '%s': %s", path, strerror(errno));
        goto done;
    }
    rc = 0;
done:
    if (f) {
        fclose(f);
        unlink(tmp);
    }
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
