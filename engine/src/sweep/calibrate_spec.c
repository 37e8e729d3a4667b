/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** calibrate_spec.c: reading the `calibrate:` section (of a scenario, or of
** a file that names its scenario with `scenario: PATH`), with every error at
** FILE:LINE:COL. Priors are read by the sweep's parameter reader, which
** refuses a distribution reaching outside the parameter's range; targets are
** outcomes as runs.csv names them, with a suggestion for a misspelt one.
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "entente/calibrate.h"
#include "entente/run.h"
#include "sim/run_int.h"
#include "sweep/spec_read.h"
#include "io/yamldoc.h"
#include "scenario/scenario_doc.h"

void ent_i_sweep_read_param(ent_ydoc *R, yaml_node_t *n, ent_sweep_param *p);

typedef ent_ydoc reader;
#define ERR(R, node, ...) ENT_YERR(R, node, __VA_ARGS__)

static const char *const section_keys[] = { "parameters", "targets", "method", "budget", "replicates",
                                            "particles", "accept", "tolerance", "design", "seed", NULL };


/* A name from a list, with a suggestion. -1 if unknown (reported). */
static int read_choice(reader *R, yaml_node_t *n, const char *what, const char *const *names)
{
    const char *t = ent_y_scalar(n);
    for (int i = 0; t && names[i]; i++)
        if (!strcmp(t, names[i]))
            return i;
    const char *near = t ? ent_nearest(t, names) : NULL;
    if (near)
        ERR(R, n, "unknown %s '%s'; did you mean '%s'?", what, t, near);
    else {
        char list[256] = "";
        for (int i = 0; names[i]; i++)
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "", names[i]);
        ERR(R, n, "unknown %s '%s' (choose %s)", what, t ? t : ent_y_kind(n), list);
    }
    return -1;
}

static void read_parameters(reader *R, yaml_node_t *map, const ent_scenario *s, ent_cal_spec *sp)
{
    if (map->type != YAML_MAPPING_NODE) {
        ERR(R, map, "'parameters' expects a mapping of PATH: {distribution: ...}, found %s", ent_y_kind(map));
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
            continue;
        if (desc->type == ENT_P_ENUM) {
            ERR(R, kn, "'%s' is a choice between names; a calibrated parameter must be a number", path);
            continue;
        }
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
        if (vn->type != YAML_MAPPING_NODE || !ent_y_lookup(R, vn, "distribution")) {
            ERR(R, vn, "the prior of '%s' is a distribution: {distribution: uniform, min: ..., max: ...} "
                       "(or normal, truncated_normal, lognormal, beta, triangular)", path);
            continue;
        }
        size_t before = R->d->total;
        ent_i_sweep_read_param(R, vn, p);
        if (R->d->total == before && (p->dist.kind == ENT_DIST_DISCRETE || p->dist.kind == ENT_DIST_VALUES))
            ERR(R, vn, "the prior of '%s' must be continuous (uniform, normal, truncated_normal, lognormal, "
                       "beta or triangular)", path);
    }
    if (n == 0)
        ERR(R, map, "'parameters' is empty: name at least one parameter to calibrate");
}

static void read_targets(reader *R, yaml_node_t *map, const ent_scenario *s, ent_cal_spec *sp)
{
    if (map->type != YAML_MAPPING_NODE) {
        ERR(R, map, "'targets' expects a mapping of OUTCOME: {observed: X, se: S}, found %s", ent_y_kind(map));
        return;
    }
    ent_y_check_keys(R, map, NULL, "'targets'");
    ent_run *probe = ent_run_alloc(s, 0);
    size_t n_names = 0;
    char **names = probe ? ent_i_run_outcome_names(probe, &n_names) : NULL;
    size_t n = (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start);
    sp->targets = calloc(n + 1, sizeof *sp->targets);
    if (!probe || !names || !sp->targets) {
        ERR(R, map, "out of memory");
        goto done;
    }
    for (yaml_node_pair_t *pr = map->data.mapping.pairs.start; pr < map->data.mapping.pairs.top; pr++) {
        yaml_node_t *kn = ent_y_node(R, pr->key), *vn = ent_y_node(R, pr->value);
        const char *name = ent_y_scalar(kn);
        if (!name)
            continue;
        long found = ent_i_spec_outcome(R, kn, names, n_names, name);
        if (found < 0)
            continue;
        size_t o = (size_t)found;
        int dup = 0;
        for (size_t i = 0; i < sp->n_targets; i++)
            dup |= !strcmp(sp->targets[i].name, name);
        if (dup)
            continue;
        if (vn->type != YAML_MAPPING_NODE) {
            ERR(R, vn, "the target '%s' expects {observed: X, se: S}, found %s", name, ent_y_kind(vn));
            continue;
        }
        yaml_node_t *rn = ent_y_lookup(R, vn, "round");
        if (rn) {
            ERR(R, rn, "'round' is not supported: a target is an outcome of the whole run, as runs.csv "
                       "has it");
            continue;
        }
        ent_y_check_keys(R, vn, (const char *const[]){ "observed", "se", NULL }, "a target");
        yaml_node_t *on = ent_y_lookup(R, vn, "observed"), *sn = ent_y_lookup(R, vn, "se");
        if (!on || !sn) {
            ERR(R, vn, "the target '%s' needs 'observed' and 'se'", name);
            continue;
        }
        ent_cal_target *t = &sp->targets[sp->n_targets];
        if (!ent_y_number(R, on, "'observed'", &t->observed) | !ent_y_number(R, sn, "'se'", &t->se))
            continue;
        if (!(t->se > 0)) {
            ERR(R, sn, "'se' of '%s' must be positive (it scales the distance), got %g", name, t->se);
            continue;
        }
        if (!(t->name = strdup(name))) {
            ERR(R, kn, "out of memory");
            continue;
        }
        t->index = o;
        t->line = ent_y_line(kn);
        t->col = ent_y_col(kn);
        sp->n_targets++;
    }
    if (n == 0)
        ERR(R, map, "'targets' is empty: give at least one observed outcome");
done:
    ent_i_names_free(names, n_names);
    ent_run_free(probe);
}

static void read_section(reader *R, yaml_node_t *sec, const ent_scenario *s, ent_cal_spec *sp)
{
    sp->line = ent_y_line(sec);
    sp->col = ent_y_col(sec);
    if (sec->type != YAML_MAPPING_NODE) {
        ERR(R, sec, "'calibrate' expects a mapping (parameters, targets, method, budget, ...), found %s",
            ent_y_kind(sec));
        return;
    }
    ent_y_check_keys(R, sec, section_keys, "'calibrate'");
    yaml_node_t *n;
    if ((n = ent_y_lookup(R, sec, "parameters")))
        read_parameters(R, n, s, sp);
    else
        ERR(R, sec, "'calibrate' needs 'parameters' (the parameters to fit, each with a prior)");
    if ((n = ent_y_lookup(R, sec, "targets")))
        read_targets(R, n, s, sp);
    else
        ERR(R, sec, "'calibrate' needs 'targets' (the observed outcomes)");
    if ((n = ent_y_lookup(R, sec, "method"))) {
        const char *names[] = { "abc", "smc", "msm", NULL };
        int m = read_choice(R, n, "method", names);
        if (m >= 0)
            sp->method = (ent_cal_method)m;
    }
    if ((n = ent_y_lookup(R, sec, "design"))) {
        const char *names[] = { "sobol", "lhs", NULL };
        int m = read_choice(R, n, "design", names);
        if (m >= 0)
            sp->design = m == 0 ? ENT_DESIGN_SOBOL : ENT_DESIGN_LHS;
    }
    if ((n = ent_y_lookup(R, sec, "budget")))
        ent_y_count(R, n, "budget", 2, UINT64_C(1) << 40, &sp->budget);
    if ((n = ent_y_lookup(R, sec, "replicates")))
        ent_y_count(R, n, "replicates", 1, 1000000, &sp->replicates);
    if ((n = ent_y_lookup(R, sec, "particles")))
        ent_y_count(R, n, "particles", 4, 1000000, &sp->particles);
    if ((n = ent_y_lookup(R, sec, "seed")) && ent_y_count(R, n, "seed", 0, UINT64_MAX, &sp->seed))
        sp->has_seed = true;
    if ((n = ent_y_lookup(R, sec, "accept")) && ent_y_number(R, n, "'accept'", &sp->accept) &&
        !(sp->accept > 0 && sp->accept <= 1))
        ERR(R, n, "'accept' is a fraction in (0, 1], got %g", sp->accept);
    if ((n = ent_y_lookup(R, sec, "tolerance")) && ent_y_number(R, n, "'tolerance'", &sp->tolerance) &&
        !(sp->tolerance > 0))
        ERR(R, n, "'tolerance' must be positive, got %g", sp->tolerance);
}

static ent_cal_spec *spec_new(const char *file)
{
    ent_cal_spec *sp = calloc(1, sizeof *sp);
    if (!sp || !(sp->file = strdup(file))) {
        free(sp);
        return NULL;
    }
    sp->method = ENT_CAL_ABC;
    sp->design = ENT_DESIGN_SOBOL;
    sp->budget = 2000;
    sp->replicates = 1;
    sp->particles = 200;
    sp->accept = 0.05;
    sp->line = sp->col = 1;
    return sp;
}

void ent_cal_spec_free(ent_cal_spec *sp)
{
    if (!sp)
        return;
    for (size_t i = 0; i < sp->n_params; i++) {
        free(sp->params[i].path);
        ent_dist_free(&sp->params[i].dist);
    }
    free(sp->params);
    for (size_t i = 0; i < sp->n_targets; i++)
        free(sp->targets[i].name);
    free(sp->targets);
    free(sp->file);
    free(sp->scenario_file);
    free(sp);
}

ent_cal_spec *ent_cal_parse(const char *name, const char *buf, size_t len, const ent_scenario *s, ent_diags *d)
{
    reader R = { .d = d };
    ent_cal_spec *sp = spec_new(name);
    if (!sp) {
        ent_diags_addf(d, 0, 0, "out of memory");
        return NULL;
    }
    ent_sha256_hex(buf, len, sp->sha256);
    sp->scenario_file = strdup(s->path ? s->path : name);
    if (ent_y_parse(&R, buf, len)) {
        ent_cal_spec_free(sp);
        return NULL;
    }
    yaml_node_t *root = yaml_document_get_root_node(&R.doc);
    yaml_node_t *sec = root && root->type == YAML_MAPPING_NODE ? ent_y_lookup(&R, root, "calibrate") : NULL;
    if (sec)
        read_section(&R, sec, s, sp);
    else
        ent_diags_addf(d, 1, 1, "no 'calibrate' section");
    yaml_document_delete(&R.doc);
    if (d->total || !sp->scenario_file) {
        ent_cal_spec_free(sp);
        return NULL;
    }
    return sp;
}

ent_cal_spec *ent_cal_load(const char *path, char *scn_path, size_t scn_cap, ent_scenario **scn,
                           ent_diags *d, ent_diags *scn_d)
{
    *scn = NULL;
    snprintf(scn_path, scn_cap, "%s", path);
    size_t len;
    char *buf = ent_y_read_file(path, ENT_SCENARIO_MAX_BYTES, "calibration", &len, d);
    if (!buf)
        return NULL;
    reader R = { .d = d };
    ent_cal_spec *sp = NULL;
    if (ent_y_parse(&R, buf, len)) {
        free(buf);
        return NULL;
    }
    yaml_node_t *root = yaml_document_get_root_node(&R.doc);
    yaml_node_t *named = root && root->type == YAML_MAPPING_NODE ? ent_y_lookup(&R, root, "scenario") : NULL;
    if (named) {
        ent_y_check_keys(&R, root, (const char *const[]){ "scenario", "calibrate", NULL }, "a calibration file");
        const char *rel = ent_y_scalar(named);
        if (!rel || !*rel) {
            ERR(&R, named, "'scenario' expects the path of a scenario file");
            goto done;
        }
        const char *slash = strrchr(path, '/');
        int dl = rel[0] == '/' || !slash ? 0 : (int)(slash - path) + 1;
        if ((size_t)snprintf(scn_path, scn_cap, "%.*s%s", dl, path, rel) >= scn_cap) {
            ERR(&R, named, "scenario path too long");
            goto done;
        }
        scn_d->file = scn_path;
        *scn = ent_scenario_load(scn_path, scn_d);
        if (!*scn) {
            ERR(&R, named, "cannot load the scenario '%s' (its errors follow)", rel);
            goto done;
        }
    } else {
        scn_d->file = scn_path;
        ent_ydoc S = R;
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
    yaml_node_t *sec = ent_y_lookup(&R, root, "calibrate");
    if (sec)
        read_section(&R, sec, *scn, sp);
    else
        ERR(&R, root, "no 'calibrate' section: name the parameters (with priors) and the targets");
done:
    yaml_document_delete(&R.doc);
    free(buf);
    if (d->total || scn_d->total || !sp || !sp->scenario_file) {
        ent_cal_spec_free(sp);
        ent_scenario_free(*scn);
        *scn = NULL;
        return NULL;
    }
    return sp;
}

int ent_cal_has_section(const char *path)
{
    ent_diags d;
    ent_diags_init(&d, path);
    size_t len;
    char *buf = ent_y_read_file(path, ENT_SCENARIO_MAX_BYTES, "calibration", &len, &d);
    if (!buf)
        return 0;
    reader R = { .d = &d };
    int has = 0;
    if (ent_y_parse(&R, buf, len) == 0) {
        yaml_node_t *root = yaml_document_get_root_node(&R.doc);
        has = root && root->type == YAML_MAPPING_NODE && ent_y_lookup(&R, root, "calibrate") != NULL;
        yaml_document_delete(&R.doc);
    }
    free(buf);
    return has;
}
