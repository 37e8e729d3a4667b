/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** sweep_spec.c: reading the `sweep:` section (of a scenario, or of a sweep
** file that names its scenario) with libyaml's document API, so that every
** error carries FILE:LINE:COL. Parameter paths are checked against the
** loaded scenario with ent_i_scenario_param(), which also gives their ranges.
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "entente/stage.h"
#include "entente/sweep.h"
#include "entente/run.h"
#include "sim/run_int.h"
#include "sweep/spec_read.h"
#include "games/game_doc.h"
#include "io/yamldoc.h"
#include "scenario/scenario_doc.h"

typedef ent_ydoc reader;    /* the parsed document and where errors go */

#define ERR(R, node, ...) ENT_YERR(R, node, __VA_ARGS__)


/* ---- one parameter --------------------------------------------------------- */

static const char *const dist_keys[ENT_DIST_COUNT][6] = {
    [ENT_DIST_UNIFORM] = { "min", "max" },
    [ENT_DIST_NORMAL] = { "mean", "sd" },
    [ENT_DIST_TRUNCNORMAL] = { "mean", "sd", "min", "max" },
    [ENT_DIST_LOGNORMAL] = { "meanlog", "sdlog" },
    [ENT_DIST_BETA] = { "alpha", "beta", "min", "max" },
    [ENT_DIST_TRIANGULAR] = { "min", "mode", "max" },
    [ENT_DIST_DISCRETE] = { "values", "weights" },
};

/* Read a list of numbers; returns its length (0 on error), values in *out (owned). */
static size_t read_list(reader *R, yaml_node_t *seq, const char *what, double **out)
{
    *out = NULL;
    if (seq->type != YAML_SEQUENCE_NODE) {
        ERR(R, seq, "%s expects a list of numbers, found %s", what, ent_y_kind(seq));
        return 0;
    }
    size_t n = (size_t)(seq->data.sequence.items.top - seq->data.sequence.items.start);
    if (n == 0) {
        ERR(R, seq, "%s is empty: give at least one value", what);
        return 0;
    }
    double *v = malloc(n * sizeof *v);
    if (!v) {
        ERR(R, seq, "out of memory");
        return 0;
    }
    int ok = 1;
    for (size_t i = 0; i < n; i++)
        ok &= ent_y_number(R, ent_y_node(R, seq->data.sequence.items.start[i]), what, &v[i]);
    if (!ok) {
        free(v);
        return 0;
    }
    *out = v;
    return n;
}

/* Every value of a list within the parameter's range (and whole for integers). */
static int check_values(reader *R, yaml_node_t *seq, const ent_sweep_param *p, const double *v, size_t n)
{
    int ok = 1;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *at = seq && seq->type == YAML_SEQUENCE_NODE ? ent_y_node(R, seq->data.sequence.items.start[i]) : seq;
        char why[ENT_DIAG_MSG];
        if (ent_param_check(p->desc, v[i], why, sizeof why)) {
            ERR(R, at, "%s: %s", p->path, why);
            ok = 0;
        }
        if (!ok)
            break;
    }
    return ok;
}

static void read_range(reader *R, yaml_node_t *map, ent_sweep_param *p)
{
    ent_y_check_keys(R, map, (const char *const[]){ "from", "to", "step", NULL }, "a range");
    yaml_node_t *nf = ent_y_lookup(R, map, "from"), *nt = ent_y_lookup(R, map, "to"), *ns = ent_y_lookup(R, map, "step");
    if (!nf || !nt || !ns) {
        ERR(R, map, "a range of '%s' needs 'from', 'to' and 'step'", p->path);
        return;
    }
    double from, to, step;
    if (!ent_y_number(R, nf, "'from'", &from) | !ent_y_number(R, nt, "'to'", &to) |
        !ent_y_number(R, ns, "'step'", &step))
        return;
    if (!(step > 0.0)) {
        ERR(R, ns, "'step' must be positive, got %g", step);
        return;
    }
    if (from > to) {
        ERR(R, map, "empty range of '%s': 'from' (%g) is greater than 'to' (%g)", p->path, from, to);
        return;
    }
    double count = floor((to - from) / step + 1e-9) + 1.0;
    if (count > 1e6) {
        ERR(R, map, "range of '%s' has %.0f values; at most 1000000", p->path, count);
        return;
    }
    size_t n = (size_t)count;
    double *v = malloc(n * sizeof *v);
    if (!v) {
        ERR(R, map, "out of memory");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        /* from + i step, cleaned of binary noise (0.035, not 0.034999999999999996) */
        char buf[40];
        snprintf(buf, sizeof buf, "%.12g", from + (double)i * step);
        v[i] = strtod(buf, NULL);
    }
    if (check_values(R, map, p, v, n) && ent_dist_set_values(&p->dist, ENT_DIST_VALUES, v, NULL, n))
        ERR(R, map, "out of memory");
    free(v);
}

static void read_distribution(reader *R, yaml_node_t *map, yaml_node_t *dn, ent_sweep_param *p)
{
    const char *name = ent_y_scalar(dn);
    int kind = -1;
    for (int i = ENT_DIST_UNIFORM; name && i < ENT_DIST_COUNT; i++)
        if (!strcmp(ent_dist_names[i], name))
            kind = i;
    if (kind < 0) {
        const char *names[ENT_DIST_COUNT];
        for (int i = ENT_DIST_UNIFORM; i < ENT_DIST_COUNT; i++)
            names[i - 1] = ent_dist_names[i];
        names[ENT_DIST_COUNT - 1] = NULL;
        const char *near = name ? ent_nearest(name, names) : NULL;
        if (near)
            ERR(R, dn, "unknown distribution '%s'; did you mean '%s'?", name, near);
        else
            ERR(R, dn, "unknown distribution '%s' (choose uniform, normal, truncated_normal, "
                       "lognormal, beta, triangular or discrete)", name ? name : ent_y_kind(dn));
        return;
    }
    const char *valid[8] = { "distribution" };
    size_t nv = 1;
    for (size_t i = 0; i < 6 && dist_keys[kind][i]; i++)
        valid[nv++] = dist_keys[kind][i];
    valid[nv] = NULL;
    char what[64];
    snprintf(what, sizeof what, "a %s distribution", name);
    ent_y_check_keys(R, map, valid, what);

    ent_dist *d = &p->dist;
    memset(d, 0, sizeof *d);
    d->kind = (ent_dist_kind)kind;
    if (kind == ENT_DIST_DISCRETE) {
        yaml_node_t *vn = ent_y_lookup(R, map, "values"), *wn = ent_y_lookup(R, map, "weights");
        if (!vn) {
            ERR(R, map, "a discrete distribution needs 'values'");
            return;
        }
        double *v, *w = NULL;
        size_t n = read_list(R, vn, "'values'", &v);
        if (!n)
            return;
        if (wn) {
            size_t m = read_list(R, wn, "'weights'", &w);
            if (m && m != n) {
                ERR(R, wn, "'weights' has %zu entries but 'values' has %zu", m, n);
                m = 0;
            }
            if (!m) {
                free(v);
                free(w);
                return;
            }
        }
        if (check_values(R, vn, p, v, n) &&
            ent_dist_set_values(d, ENT_DIST_DISCRETE, v, w, n))
            ERR(R, wn ? wn : vn, "'weights' must be non-negative with a positive sum");
        free(v);
        free(w);
        return;
    }
    double par[4] = { NAN, NAN, NAN, NAN };
    int ok = 1;
    for (size_t i = 0; i < 4 && dist_keys[kind][i]; i++) {
        yaml_node_t *n = ent_y_lookup(R, map, dist_keys[kind][i]);
        char w[48];
        snprintf(w, sizeof w, "'%s'", dist_keys[kind][i]);
        if (n)
            ok &= ent_y_number(R, n, w, &par[i]);
        else if (kind == ENT_DIST_BETA && i >= 2)
            par[i] = i == 2 ? 0.0 : 1.0;    /* beta on [0, 1] unless scaled */
        else {
            ERR(R, map, "a %s distribution needs '%s'", name, dist_keys[kind][i]);
            ok = 0;
        }
    }
    if (!ok)
        return;
    d->a = par[0], d->b = par[1], d->c = par[2], d->d = par[3];
    const char *bad = ent_dist_check(d);
    if (bad) {
        ERR(R, map, "%s distribution of '%s': %s", name, p->path, bad);
        return;
    }
    double lo, hi;
    ent_dist_support(d, &lo, &hi);
    /* every draw must lie in the parameter's range: an unbounded distribution
    ** is judged by the most extreme values the designs can draw from it
    ** (ent_dist_quantile at the ends of its u range) */
    int unbounded = !isfinite(lo) || !isfinite(hi);
    if (unbounded) {
        lo = ent_dist_quantile(d, 0.0);
        hi = ent_dist_quantile(d, 1.0);
    }
    if (!(lo >= p->desc->min && hi <= p->desc->max))
        ERR(R, map, "%s distribution of '%s' reaches [%g, %g], outside the parameter's range [%g, %g]%s",
            name, p->path, lo, hi, p->desc->min, p->desc->max,
            unbounded ? "; use truncated_normal, or beta, with min and max inside it" : "");
}

/* A choice between names: one name, a list of names, or {values: [names]},
** each read by ent_param_parse (which suggests a near name) and kept as its
** index, a list of values like any other. */
static void read_choices(reader *R, yaml_node_t *n, ent_sweep_param *p)
{
    yaml_node_t *seq = n;
    if (n->type == YAML_MAPPING_NODE) {
        seq = ent_y_lookup(R, n, "values");
        if (!seq || ent_y_lookup(R, n, "distribution") || ent_y_lookup(R, n, "from")) {
            ERR(R, n, "'%s' is a choice between names: give one name or a list of names "
                      "(no distribution or range)", p->path);
            return;
        }
        ent_y_check_keys(R, n, (const char *const[]){ "values", NULL }, "a list of names");
    }
    size_t m = 1;
    if (seq->type == YAML_SEQUENCE_NODE) {
        m = (size_t)(seq->data.sequence.items.top - seq->data.sequence.items.start);
        if (m == 0) {
            ERR(R, seq, "a list of names for '%s' is empty: give at least one name", p->path);
            return;
        }
    } else if (seq->type != YAML_SCALAR_NODE) {
        ERR(R, seq, "'%s' expects a name or a list of names, found %s", p->path, ent_y_kind(seq));
        return;
    }
    double *v = malloc(m * sizeof *v);
    if (!v) {
        ERR(R, seq, "out of memory");
        return;
    }
    int ok = 1;
    for (size_t i = 0; i < m; i++) {
        yaml_node_t *at = seq->type == YAML_SEQUENCE_NODE ? ent_y_node(R, seq->data.sequence.items.start[i]) : seq;
        const char *t = ent_y_scalar(at);
        char why[ENT_DIAG_MSG];
        if (!t) {
            ERR(R, at, "'%s' expects a name, found %s", p->path, ent_y_kind(at));
            ok = 0;
        } else if (ent_param_parse(p->desc, t, 0, &v[i], why, sizeof why)) {
            ERR(R, at, "%s: %s", p->path, why);
            ok = 0;
        }
    }
    if (ok && ent_dist_set_values(&p->dist, ENT_DIST_VALUES, v, NULL, m))
        ERR(R, seq, "out of memory");
    free(v);
}

static void read_param_spec(reader *R, yaml_node_t *n, ent_sweep_param *p)
{
    if (p->desc->type == ENT_P_ENUM) {
        read_choices(R, n, p);
        return;
    }
    if (n->type == YAML_SCALAR_NODE) {
        /* a single value: the parameter is set, not varied */
        double v;
        if (ent_y_number(R, n, p->path, &v) && check_values(R, n, p, &v, 1) &&
            ent_dist_set_values(&p->dist, ENT_DIST_VALUES, &v, NULL, 1))
            ERR(R, n, "out of memory");
        return;
    }
    if (n->type == YAML_SEQUENCE_NODE) {
        double *v;
        size_t m = read_list(R, n, "a list of values", &v);
        if (m && check_values(R, n, p, v, m) && ent_dist_set_values(&p->dist, ENT_DIST_VALUES, v, NULL, m))
            ERR(R, n, "out of memory");
        free(v);
        return;
    }
    if (n->type != YAML_MAPPING_NODE) {
        ERR(R, n, "'%s' expects values or a distribution, found %s", p->path, ent_y_kind(n));
        return;
    }
    yaml_node_t *dn = ent_y_lookup(R, n, "distribution"), *vn = ent_y_lookup(R, n, "values");
    if (dn) {
        read_distribution(R, n, dn, p);
    } else if (vn) {
        ent_y_check_keys(R, n, (const char *const[]){ "values", NULL }, "a list of values");
        double *v;
        size_t m = read_list(R, vn, "'values'", &v);
        if (m && check_values(R, vn, p, v, m) && ent_dist_set_values(&p->dist, ENT_DIST_VALUES, v, NULL, m))
            ERR(R, vn, "out of memory");
        free(v);
    } else if (ent_y_lookup(R, n, "from") || ent_y_lookup(R, n, "to") || ent_y_lookup(R, n, "step")) {
        read_range(R, n, p);
    } else {
        ERR(R, n, "'%s' expects a list of values, {from, to, step} or {distribution: ...}", p->path);
    }
}

/* The reader of one parameter's values or distribution, for the calibrate
** section's priors (calibrate_spec.c): errors at the node, as here. */
void ent_i_sweep_read_param(ent_ydoc *R, yaml_node_t *n, ent_sweep_param *p);
void ent_i_sweep_read_param(ent_ydoc *R, yaml_node_t *n, ent_sweep_param *p)
{
    read_param_spec(R, n, p);
}

/* ---- the section --------------------------------------------------------- */

static const char *const sweep_keys[] = { "design", "points", "replicates", "seed", "parameters",
                                          "outcomes", NULL };

/* `outcomes: [name, ...]`: outcomes of the runs (as summary.csv names them,
** per-agent ones as NAME.CODE) that plots and reports show first. Each must
** be one the scenario's runs have. */
static void read_outcomes(reader *R, yaml_node_t *seq, const ent_scenario *s, ent_sweep_spec *sp)
{
    if (seq->type != YAML_SEQUENCE_NODE) {
        ERR(R, seq, "'outcomes' expects a list of outcome names, found %s", ent_y_kind(seq));
        return;
    }
    ent_run *probe = ent_run_alloc(s, 0);
    size_t m = (size_t)(seq->data.sequence.items.top - seq->data.sequence.items.start);
    size_t n_names = 0;
    char **names = probe ? ent_i_run_outcome_names(probe, &n_names) : NULL;
    sp->outcomes = calloc(m ? m : 1, sizeof *sp->outcomes);
    if (!probe || !names || !sp->outcomes) {
        ERR(R, seq, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < m; i++) {
        yaml_node_t *it = ent_y_node(R, seq->data.sequence.items.start[i]);
        const char *name = it ? ent_y_scalar(it) : NULL;
        if (!name) {
            ERR(R, it ? it : seq, "an outcome is a name, found %s", it ? ent_y_kind(it) : "nothing");
            continue;
        }
        if (ent_i_spec_outcome(R, it, names, n_names, name) < 0)
            continue;
        for (size_t j = 0; j < sp->n_outcomes; j++)
            if (!strcmp(sp->outcomes[j], name))
                ERR(R, it, "outcome '%s' is listed twice", name);
        if (!(sp->outcomes[sp->n_outcomes] = strdup(name)))
            ERR(R, it, "out of memory");
        else
            sp->n_outcomes++;
    }
done:
    ent_i_names_free(names, n_names);
    ent_run_free(probe);
}

const ent_param_desc *ent_i_spec_param(ent_ydoc *R, yaml_node_t *at, const ent_scenario *s,
                                       const char *path)
{
    const ent_param_desc *desc = ent_scenario_param_desc(s, path);
    if (desc)
        return desc;
    /* a suggestion past the shown errors would only cost time */
    char buf[ENT_PARAM_PATH_MAX + 1];
    const char *near = R->d->n < ENT_DIAG_CAP ? ent_scenario_param_nearest(s, path, buf, sizeof buf) : NULL;
    if (near) {
        ERR(R, at, "unknown parameter '%s'; did you mean '%s'?", path, near);
    } else {
        char ex[3 * ENT_PARAM_PATH_MAX];
        ERR(R, at, "unknown parameter '%s' (paths look like %s; 'entente list' shows the names)", path,
            ent_scenario_path_examples(s, ex, sizeof ex));
    }
    return NULL;
}

long ent_i_spec_outcome(ent_ydoc *R, yaml_node_t *at, char *const *names, size_t n, const char *name)
{
    for (size_t k = 0; k < n; k++)
        if (!strcmp(names[k], name))
            return (long)k;
    const char *near = ent_nearest(name, (const char *const *)names);
    if (near)
        ERR(R, at, "unknown outcome '%s'; did you mean '%s'?", name, near);
    else
        ERR(R, at, "unknown outcome '%s' (`entente list` shows the outcomes; per-agent ones are "
            "NAME.CODE)", name);
    return -1;
}

static void read_parameters(reader *R, yaml_node_t *map, const ent_scenario *s, ent_sweep_spec *sp)
{
    if (map->type != YAML_MAPPING_NODE) {
        ERR(R, map, "'parameters' expects a mapping of PATH: values or distribution, found %s",
            ent_y_kind(map));
        return;
    }
    ent_y_check_keys(R, map, NULL, "'parameters'");
    size_t n = (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start);
    sp->params = calloc(n + 1, sizeof *sp->params);
    if (!sp->params) {
        ERR(R, map, "out of memory");
        return;
    }
    for (yaml_node_pair_t *pr = map->data.mapping.pairs.start; pr < map->data.mapping.pairs.top; pr++) {
        yaml_node_t *kn = ent_y_node(R, pr->key), *vn = ent_y_node(R, pr->value);
        const char *path = ent_y_scalar(kn);
        if (!path)
            continue;
        const ent_param_desc *desc = ent_i_spec_param(R, kn, s, path);
        if (!desc)
            continue;
        int dup = 0;
        for (size_t i = 0; i < sp->n_params; i++)
            dup |= !strcmp(sp->params[i].path, path);
        if (dup)
            continue;           /* check_keys reported it */
        ent_sweep_param *p = &sp->params[sp->n_params];
        p->path = strdup(path);
        p->desc = desc;
        p->line = ent_y_line(kn);
        p->col = ent_y_col(kn);
        if (!p->path) {
            ERR(R, kn, "out of memory");
            continue;
        }
        sp->n_params++;
        read_param_spec(R, vn, p);
    }
}

static void read_section(reader *R, yaml_node_t *sec, const ent_scenario *s, ent_sweep_spec *sp)
{
    sp->line = ent_y_line(sec);
    sp->col = ent_y_col(sec);
    if (sec->type != YAML_MAPPING_NODE) {
        ERR(R, sec, "'sweep' expects a mapping (design, points, replicates, seed, parameters, outcomes), found %s",
            ent_y_kind(sec));
        return;
    }
    ent_y_check_keys(R, sec, sweep_keys, "'sweep'");
    yaml_node_t *n;
    if ((n = ent_y_lookup(R, sec, "parameters")))
        read_parameters(R, n, s, sp);
    if ((n = ent_y_lookup(R, sec, "outcomes")))
        read_outcomes(R, n, s, sp);
    int all_values = 1;
    for (size_t i = 0; i < sp->n_params; i++)
        all_values &= sp->params[i].dist.kind == ENT_DIST_VALUES;
    sp->design = all_values ? ENT_DESIGN_GRID : ENT_DESIGN_RANDOM;
    if ((n = ent_y_lookup(R, sec, "design"))) {
        const char *name = ent_y_scalar(n);
        int kind = -1;
        for (int i = 0; name && i < ENT_DESIGN_COUNT; i++)
            if (!strcmp(name, ent_design_names[i]))
                kind = i;
        if (kind < 0) {
            const char *names[ENT_DESIGN_COUNT + 1];
            for (int i = 0; i < ENT_DESIGN_COUNT; i++)
                names[i] = ent_design_names[i];
            names[ENT_DESIGN_COUNT] = NULL;
            const char *near = name ? ent_nearest(name, names) : NULL;
            if (near)
                ERR(R, n, "unknown design '%s'; did you mean '%s'?", name, near);
            else
                ERR(R, n, "unknown design '%s' (choose grid, random, lhs, sobol or saltelli)",
                    name ? name : ent_y_kind(n));
        } else {
            sp->design = (ent_design_kind)kind;
            for (size_t i = 0; kind == ENT_DESIGN_GRID && i < sp->n_params; i++) {
                const ent_sweep_param *p = &sp->params[i];
                if (p->dist.kind == ENT_DIST_DISCRETE)
                    ent_diags_addf(R->d, p->line, p->col, "the grid design takes every value once: "
                                   "give 'values' without 'distribution' for '%s'", p->path);
                else if (p->dist.kind != ENT_DIST_VALUES)
                    ent_diags_addf(R->d, p->line, p->col, "the grid design needs a list of values or "
                                   "{from, to, step} for '%s', not a distribution", p->path);
            }
        }
    }
    if ((n = ent_y_lookup(R, sec, "points")))
        ent_y_count(R, n, "points", 1, UINT64_C(1) << 40, &sp->points);
    if ((n = ent_y_lookup(R, sec, "replicates")))
        ent_y_count(R, n, "replicates", 1, UINT64_C(1) << 40, &sp->replicates);
    if ((n = ent_y_lookup(R, sec, "seed")) && ent_y_count(R, n, "seed", 0, UINT64_MAX, &sp->seed))
        sp->has_seed = true;
}

static ent_sweep_spec *spec_new(const char *file)
{
    ent_sweep_spec *sp = calloc(1, sizeof *sp);
    if (!sp)
        return NULL;
    sp->file = strdup(file);
    sp->replicates = 1;
    sp->line = sp->col = 1;
    if (!sp->file) {
        free(sp);
        return NULL;
    }
    return sp;
}

void ent_sweep_spec_free(ent_sweep_spec *sp)
{
    if (!sp)
        return;
    for (size_t i = 0; i < sp->n_params; i++) {
        free(sp->params[i].path);
        ent_dist_free(&sp->params[i].dist);
    }
    free(sp->params);
    for (size_t i = 0; i < sp->n_outcomes; i++)
        free(sp->outcomes[i]);
    free(sp->outcomes);
    free(sp->file);
    free(sp->scenario_file);
    free(sp);
}

ent_sweep_spec *ent_sweep_parse(const char *name, const char *buf, size_t len,
                                const ent_scenario *s, ent_diags *d)
{
    reader R = { .d = d };
    ent_sweep_spec *sp = spec_new(name);
    if (!sp) {
        ent_diags_addf(d, 0, 0, "out of memory");
        return NULL;
    }
    ent_sha256_hex(buf, len, sp->sha256);
    sp->scenario_file = strdup(s->path ? s->path : name);
    if (ent_y_parse(&R, buf, len)) {
        ent_sweep_spec_free(sp);
        return NULL;
    }
    yaml_node_t *root = yaml_document_get_root_node(&R.doc);
    yaml_node_t *sec = root && root->type == YAML_MAPPING_NODE ? ent_y_lookup(&R, root, "sweep") : NULL;
    if (sec)
        read_section(&R, sec, s, sp);
    yaml_document_delete(&R.doc);
    if (d->total) {
        ent_sweep_spec_free(sp);
        return NULL;
    }
    return sp;
}

/* ent_sweep_load on a document already parsed from buf (not freed here). */
static ent_sweep_spec *sweep_from_doc(const char *path, const char *buf, size_t len, reader *R,
                                      char *scn_path, size_t scn_cap, ent_scenario **scn,
                                      ent_diags *scn_d)
{
    ent_diags *d = R->d;
    ent_sweep_spec *sp = NULL;
    *scn = NULL;
    snprintf(scn_path, scn_cap, "%s", path);
    yaml_node_t *root = yaml_document_get_root_node(&R->doc);
    yaml_node_t *named = root && root->type == YAML_MAPPING_NODE ? ent_y_lookup(R, root, "scenario") : NULL;
    if (named) {
        ent_y_check_keys(R, root, (const char *const[]){ "scenario", "sweep", "calibrate", NULL }, "a sweep file");
        const char *rel = ent_y_scalar(named);
        if (!rel || !*rel) {
            ERR(R, named, "'scenario' expects the path of a scenario file");
            goto done;
        }
        /* relative to the sweep file's folder */
        const char *slash = strrchr(path, '/');
        int dl = rel[0] == '/' || !slash ? 0 : (int)(slash - path) + 1;
        if ((size_t)snprintf(scn_path, scn_cap, "%.*s%s", dl, path, rel) >= scn_cap) {
            ERR(R, named, "scenario path too long");
            goto done;
        }
        scn_d->file = scn_path;
        *scn = ent_scenario_load(scn_path, scn_d);
        if (!*scn) {
            ERR(R, named, "cannot load the scenario '%s' (its errors follow)", rel);
            goto done;
        }
    } else {
        /* the scenario is this document: read it from the same parse */
        scn_d->file = scn_path;
        ent_ydoc S = *R;
        S.d = scn_d;
        *scn = ent_i_scenario_from_doc(path, buf, len, &S);
        if (!*scn)
            goto done;
    }
    if (!(sp = spec_new(path)) || !(sp->scenario_file = strdup(scn_path))) {
        ent_diags_addf(d, 0, 0, "out of memory");
        goto done;
    }
    ent_sha256_hex(buf, len, sp->sha256);
    yaml_node_t *sec = ent_y_lookup(R, root, "sweep");
    if (sec)
        read_section(R, sec, *scn, sp);
    else if (named && !ent_y_lookup(R, root, "calibrate"))  /* a calibration file: calibrate_spec.c */
        ERR(R, root, "a sweep file needs a 'sweep' section");
done:
    if (d->total || scn_d->total || !sp || !sp->scenario_file) {
        ent_sweep_spec_free(sp);
        ent_scenario_free(*scn);
        *scn = NULL;
        return NULL;
    }
    return sp;
}

ent_sweep_spec *ent_sweep_load(const char *path, char *scn_path, size_t scn_cap,
                               ent_scenario **scn, ent_diags *d, ent_diags *scn_d)
{
    *scn = NULL;
    snprintf(scn_path, scn_cap, "%s", path);
    size_t len;
    char *buf = ent_y_read_file(path, ENT_SCENARIO_MAX_BYTES, "sweep", &len, d);
    if (!buf)
        return NULL;
    reader R = { .d = d };
    ent_sweep_spec *sp = NULL;
    if (ent_y_parse(&R, buf, len) == 0) {
        sp = sweep_from_doc(path, buf, len, &R, scn_path, scn_cap, scn, scn_d);
        yaml_document_delete(&R.doc);
    }
    free(buf);
    return sp;
}

int ent_check_load(const char *path, ent_classic **game, ent_sweep_spec **sp, ent_scenario **scn,
                   char *scn_path, size_t scn_cap, ent_diags *d, ent_diags *scn_d)
{
    *game = NULL;
    *sp = NULL;
    *scn = NULL;
    snprintf(scn_path, scn_cap, "%s", path);
    size_t len;
    char *buf = ent_y_read_file(path, ENT_SCENARIO_MAX_BYTES, "scenario", &len, d);
    if (!buf)
        return -1;
    reader R = { .d = d };
    if (ent_y_parse(&R, buf, len) == 0) {
        if (ent_i_is_game_doc(&R))
            *game = ent_i_classic_from_doc(path, buf, len, &R);
        else
            *sp = sweep_from_doc(path, buf, len, &R, scn_path, scn_cap, scn, scn_d);
        yaml_document_delete(&R.doc);
    }
    free(buf);
    return *game || *sp ? 0 : -1;
}

uint64_t ent_sweep_points(const ent_sweep_spec *sp)
{
    size_t k = sp->n_params;
    ent_dist *dv = k ? malloc(k * sizeof *dv) : NULL;
    if (k && !dv)
        return 0;
    for (size_t i = 0; i < k; i++)
        dv[i] = sp->params[i].dist;
    uint64_t n = ent_design_count(sp->design, k, dv, sp->points);
    free(dv);
    return n;
}

int ent_sweep_check(const ent_sweep_spec *sp, ent_diags *d)
{
    size_t before = d->total;
    size_t k = sp->n_params;
    const char *dn = ent_design_names[sp->design];
    if (sp->design == ENT_DESIGN_GRID && sp->points)
        ent_diags_addf(d, sp->line, sp->col, "'points' does not apply to the grid design (its points "
                       "are every combination of the values)");
    if (sp->design != ENT_DESIGN_GRID && sp->points == 0)
        ent_diags_addf(d, sp->line, sp->col, "the %s design needs 'points' (in the sweep section or --points)", dn);
    if (sp->design == ENT_DESIGN_SOBOL && k > ENT_SOBOL_MAX_DIM)
        ent_diags_addf(d, sp->line, sp->col, "the sobol design takes at most %d parameters, got %zu",
                       ENT_SOBOL_MAX_DIM, k);
    if (sp->design == ENT_DESIGN_SALTELLI && (k == 0 || 2 * k > ENT_SOBOL_MAX_DIM))
        ent_diags_addf(d, sp->line, sp->col, "the saltelli design takes 1 to %d parameters, got %zu",
                       ENT_SOBOL_MAX_DIM / 2, k);
    for (size_t i = 0; i < k && (sp->design == ENT_DESIGN_SOBOL || sp->design == ENT_DESIGN_SALTELLI); i++)
        if (sp->params[i].desc->type == ENT_P_ENUM)
            ent_diags_addf(d, sp->params[i].line, sp->params[i].col, "'%s' is a choice between names: sobol "
                           "and saltelli designs take numeric parameters only; use grid, random or lhs",
                           sp->params[i].path);
    /* a strategy chosen by the sweep takes its default parameters: the
    ** sweep cannot also set one of them (nor say whose it would be) */
    for (size_t i = 0; i < k; i++) {
        if (!ent_i_is_strategy_choice(sp->params[i].desc))
            continue;
        size_t l = strlen(sp->params[i].path);
        for (size_t j = 0; j < k; j++)
            if (!strncmp(sp->params[j].path, sp->params[i].path, l) && sp->params[j].path[l] == '.')
                ent_diags_addf(d, sp->params[j].line, sp->params[j].col, "'%s' is a parameter of the "
                               "strategy that '%s' chooses: a sweep sets one or the other (a strategy it "
                               "chooses plays with its default parameters)", sp->params[j].path,
                               sp->params[i].path);
    }
    if (sp->design == ENT_DESIGN_LHS && k > 0 && sp->points > ENT_LHS_MAX_CELLS / k)
        ent_diags_addf(d, sp->line, sp->col, "a Latin hypercube of %llu points over %zu parameters is "
                       "too large (points x parameters at most %u)", (unsigned long long)sp->points, k,
                       ENT_LHS_MAX_CELLS);
    if (d->total == before) {
        uint64_t np = ent_sweep_points(sp);
        if (np == 0 || np > (UINT64_C(1) << 62) / sp->replicates)
            ent_diags_addf(d, sp->line, sp->col, "the sweep has too many runs (points x replicates above 2^62)");
    }
    return d->total == before ? 0 : -1;
}
