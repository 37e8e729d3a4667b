/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** scenario.c: reading and validating scenario files with libyaml's document
** API. Every node keeps its position, so errors found after parsing still
** point at FILE:LINE:COL. All errors of a file are collected in one pass.
** The YAML reading it shares with the other loaders is in yamldoc.c.
*/
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include "entente/scenario.h"
#include "entente/stage.h"
#include "scenario/scenario_doc.h"

static const char *const top_keys[] = {
    "name", "description", "references", "rounds", "seed", "discount", "random_end",
    "patron", "allies", "stages",
    "sweep",        /* read by the sweep module, not here */
    "calibrate",    /* read by the calibration (sweep module), not here */
    NULL
};

/* ---- loader context ------------------------------------------------------ */

typedef struct {
    ent_ydoc y;             /* the parsed document and where errors go */
    ent_scenario *s;
} loader;

#define ERR(L, node, ...) ENT_YERR(&(L)->y, node, __VA_ARGS__)

int ent_i_scenario_expect(ent_ydoc *Y, yaml_node_t *n, yaml_node_type_t kind, const char *what)
{
    if (n->type == kind)
        return 1;
    const char *want = kind == YAML_MAPPING_NODE ? "a mapping"
                     : kind == YAML_SEQUENCE_NODE ? "a list" : "a scalar";
    ENT_YERR(Y, n, "%s expects %s, found %s", what, want, ent_y_kind(n));
    return 0;
}

static int expect_kind(loader *L, yaml_node_t *n, yaml_node_type_t kind, const char *what)
{
    return ent_i_scenario_expect(&L->y, n, kind, what);
}

/* ---- numbers --------------------------------------------------------------- */

/* Read one parameter value `n` according to `desc` into *out (param.h). */
void ent_i_scenario_read_param(ent_ydoc *Y, yaml_node_t *n, const ent_param_desc *desc, double *out)
{
    const char *txt = ent_y_scalar(n);
    if (!txt) {
        ENT_YERR(Y, n, "'%s' expects %s, found %s", desc->name,
                 desc->type == ENT_P_BOOL ? "true or false" : desc->type == ENT_P_ENUM ? "a name" : "a number",
                 ent_y_kind(n));
        return;
    }
    char why[ENT_DIAG_MSG];
    if (ent_param_parse(desc, txt, 0, out, why, sizeof why))
        ENT_YERR(Y, n, "%s", why);
}

static void read_param(loader *L, yaml_node_t *n, const ent_param_desc *desc, double *out)
{
    ent_i_scenario_read_param(&L->y, n, desc, out);
}

/* The parameters of table t given in mapping `map`, into p; then the table's
** ranges of two parameters (ent_param_check_order), reported at the lower
** end where the file gives it. */
static void read_params(loader *L, yaml_node_t *map, const ent_param_desc *t, size_t n, double *p)
{
    size_t errors = L->y.d->total;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *v = ent_y_lookup(&L->y, map, t[i].name);
        if (v)
            read_param(L, v, &t[i], &p[i]);
    }
    char why[ENT_DIAG_MSG];
    size_t at;
    if (L->y.d->total > errors || !ent_param_check_order(t, n, p, &at, why, sizeof why))
        return;
    yaml_node_t *v = ent_y_lookup(&L->y, map, t[at].name);
    if (!v)
        v = ent_y_lookup(&L->y, map, t[at + 1].name);
    ERR(L, v ? v : map, "%s", why);
}

/* ---- strings --------------------------------------------------------------- */

static char *read_string(loader *L, yaml_node_t *n, const char *what)
{
    const char *txt = ent_y_scalar(n);
    if (!txt) {
        ERR(L, n, "'%s' expects text, found %s", what, ent_y_kind(n));
        return NULL;
    }
    char *copy = strdup(txt);
    if (!copy)
        ERR(L, n, "out of memory");
    return copy;
}

/* ---- strategies ------------------------------------------------------------ */

/* Resolve a strategy given as `name` or {name: ..., param: ...} for a stage. */
/* The names of one stage's strategies, gathered from the registry (for "did
** you mean"); the table is fixed-size because suggestions need no more. */
typedef struct {
    const char *stage;
    const char *names[64];
    size_t n;
} strategy_names;

static void collect_strategy_name(const ent_strategy_type *t, void *ctx)
{
    strategy_names *sn = ctx;
    if (strcmp(t->stage, sn->stage) == 0 && sn->n + 1 < sizeof sn->names / sizeof sn->names[0])
        sn->names[sn->n++] = t->name;
}

static int read_strategy(loader *L, yaml_node_t *n, const ent_stage_type *stage, unsigned role,
                         const char *who, ent_strategy_choice *out)
{
    yaml_node_t *name_node = n;
    if (n->type == YAML_MAPPING_NODE) {
        name_node = ent_y_lookup(&L->y, n, "name");
        if (!name_node) {
            ERR(L, n, "strategy for stage '%s' of %s needs a 'name'", stage->name, who);
            return 0;
        }
    }
    const char *name = ent_y_scalar(name_node);
    if (!name) {
        ERR(L, name_node, "strategy for stage '%s' of %s expects a name, found %s", stage->name, who,
            ent_y_kind(name_node));
        return 0;
    }
    const ent_strategy_type *t = ent_strategy_find(stage->name, name);
    if (!t && !(role == ENT_ROLE_PATRON ? stage->default_patron_strategy : stage->default_ally_strategy)) {
        ERR(L, name_node, "stage '%s' takes no strategy for the %s", stage->name,
            role == ENT_ROLE_PATRON ? "patron" : "allies");
        return 0;
    }
    if (!t) {
        strategy_names sn = { stage->name, { NULL }, 0 };
        ent_strategy_foreach(collect_strategy_name, &sn);
        const char *const *names = sn.names;
        const char *near = ent_nearest(name, names);
        if (near)
            ERR(L, name_node, "unknown strategy '%s' for stage '%s'; did you mean '%s'?", name,
                stage->name, near);
        else
            ERR(L, name_node, "unknown strategy '%s' for stage '%s'", name, stage->name);
        return 0;
    }
    if (!(t->roles & role)) {
        ERR(L, name_node, "strategy '%s' of stage '%s' is not for the %s", name, stage->name,
            role == ENT_ROLE_PATRON ? "patron" : "allies");
        return 0;
    }
    out->type = t;
    ent_param_defaults(t->params, t->n_params, out->p);
    if (n->type != YAML_MAPPING_NODE)
        return 1;
    const char *valid[ENT_MAX_PARAMS + 2];
    valid[0] = "name";
    ent_param_names(t->params, t->n_params, valid + 1, ENT_MAX_PARAMS + 1);
    char what[96];
    snprintf(what, sizeof what, "strategy '%s'", name);
    ent_y_check_keys(&L->y, n, valid, what);
    read_params(L, n, t->params, t->n_params, out->p);
    return 1;
}

/* ---- stages ---------------------------------------------------------------- */

typedef struct {
    yaml_node_t *ally_strategy, *patron_strategy;  /* stage-level defaults, or NULL */
    yaml_node_t *name;                              /* where the stage is named */
} stage_extra;

/* Every stage's declared order (stage.h, ent_stage_after): the stages it
** follows come earlier. */
static void check_stage_order(loader *L, const stage_extra *extra)
{
    const ent_scenario *s = L->s;
    for (size_t st = 0; st < s->n_stages; st++) {
        const ent_stage_type *t = s->stages[st].type;
        for (const ent_stage_after *a = t->after; a && a->stage; a++) {
            if (ent_scenario_stage_index(s, a->stage) > (int)st)
                ERR(L, extra[st].name, "stage '%s' must come after '%s' in the pipeline: %s", t->name,
                    a->stage, a->why);
        }
    }
}

static void read_stages(loader *L, yaml_node_t *seq, stage_extra *extra)
{
    ent_scenario *s = L->s;
    if (!expect_kind(L, seq, YAML_SEQUENCE_NODE, "'stages'"))
        return;
    if (seq->data.sequence.items.top == seq->data.sequence.items.start) {
        ERR(L, seq, "'stages' must list at least one stage");
        return;
    }
    const char *stage_names[32];
    size_t k = 0;
    for (size_t i = 0; ent_stage_types[i] && k < 31; i++)
        stage_names[k++] = ent_stage_types[i]->name;
    stage_names[k] = NULL;

    for (yaml_node_item_t *it = seq->data.sequence.items.start; it < seq->data.sequence.items.top; it++) {
        yaml_node_t *item = ent_y_node(&L->y, *it);
        yaml_node_t *name_node = item;
        if (item->type == YAML_MAPPING_NODE) {
            name_node = ent_y_lookup(&L->y, item, "stage");
            if (!name_node) {
                ERR(L, item, "each stage needs a 'stage' key naming it");
                continue;
            }
        }
        const char *name = ent_y_scalar(name_node);
        if (!name) {
            ERR(L, name_node, "a stage is named by text, found %s", ent_y_kind(name_node));
            continue;
        }
        const ent_stage_type *t = ent_stage_find(name);
        if (!t) {
            /* a suggestion only for an error shown: a list may name thousands */
            const char *near = ent_diags_full(L->y.d) ? NULL : ent_nearest(name, stage_names);
            if (near)
                ERR(L, name_node, "unknown stage '%s'; did you mean '%s'?", name, near);
            else
                ERR(L, name_node, "unknown stage '%s'", name);
            continue;
        }
        if (ent_scenario_stage_index(s, name) >= 0) {
            ERR(L, name_node, "stage '%s' appears twice in the pipeline", name);
            continue;
        }
        if (s->n_stages >= ENT_MAX_STAGES) {
            ERR(L, name_node, "at most %d stages", ENT_MAX_STAGES);
            continue;
        }
        ent_stage_spec *spec = &s->stages[s->n_stages];
        stage_extra *ex = &extra[s->n_stages];
        ex->name = name_node;
        s->n_stages++;
        spec->type = t;
        ent_param_defaults(t->params, t->n_params, spec->p);
        if (item->type != YAML_MAPPING_NODE)
            continue;
        const char *valid[ENT_MAX_PARAMS + 4];
        valid[0] = "stage";
        valid[1] = "ally_strategy";
        valid[2] = "patron_strategy";
        ent_param_names(t->params, t->n_params, valid + 3, ENT_MAX_PARAMS + 1);
        char what[96];
        snprintf(what, sizeof what, "stage '%s'", name);
        ent_y_check_keys(&L->y, item, valid, what);
        size_t errors = L->y.d->total;
        read_params(L, item, t->params, t->n_params, spec->p);
        char why[ENT_DIAG_MSG];
        size_t at;
        if (L->y.d->total == errors && t->check_params && t->check_params(spec->p, &at, why, sizeof why)) {
            yaml_node_t *v = ent_y_lookup(&L->y, item, t->params[at].name);
            ERR(L, v ? v : item, "%s", why);
        }
        ex->ally_strategy = ent_y_lookup(&L->y, item, "ally_strategy");
        ex->patron_strategy = ent_y_lookup(&L->y, item, "patron_strategy");
    }
}

/* ---- agents ---------------------------------------------------------------- */

/* Codes that read as missing or not a number in R or pandas: the code
** column and the runs.csv columns named after a code must survive a reader. */
static int missing_marker(const char *c)
{
    static const char *const words[] = { "na", "nan", "null", "none", "inf", "infinity", NULL };
    for (size_t i = 0; words[i]; i++)
        if (!strcasecmp(c, words[i]))
            return 1;
    return 0;
}

static int valid_code(const char *c)
{
    size_t n = strlen(c);
    if (n == 0 || n >= ENT_CODE_MAX)
        return 0;
    for (; *c; c++)
        if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_'))
            return 0;
    return 1;
}

/* A scenario name becomes a folder name: keep it to a safe alphabet. */
static int valid_scenario_name(const char *c)
{
    size_t n = strlen(c);
    if (n == 0 || n > 64 || c[0] == '.' || c[0] == '-')
        return 0;
    for (; *c; c++)
        if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
              *c == '_' || *c == '-' || *c == '.'))
            return 0;
    return 1;
}

/* Codes name files, columns and --set paths: two that differ only in case
** would be taken for one by a reader or a file system that ignores case. */
static void check_code_unique(loader *L, yaml_node_t *code, yaml_node_t **code_nodes, size_t index)
{
    const char *c = ent_y_scalar(code);
    for (size_t j = 0; j < index; j++) {
        const char *other = code_nodes[j] ? ent_y_scalar(code_nodes[j]) : NULL;
        if (other && !strcmp(other, c)) {
            ERR(L, code, "duplicate agent code '%s' (first used at line %u)", c, ent_y_line(code_nodes[j]));
            return;
        }
        if (other && !strcasecmp(other, c)) {
            ERR(L, code, "agent code '%s' differs from '%s' (line %u) only in case", c, other,
                ent_y_line(code_nodes[j]));
            return;
        }
    }
}

static void read_agent(loader *L, yaml_node_t *map, ent_agent_spec *a, unsigned role,
                       const stage_extra *extra, yaml_node_t **code_nodes, size_t index)
{
    ent_scenario *s = L->s;
    const char *what = role == ENT_ROLE_PATRON ? "the patron" : "an ally";
    const unsigned flag = role == ENT_ROLE_PATRON ? ENT_F_PATRON : ENT_F_ALLY;
    /* the core's fields and every registered stage's agent parameters */
    ent_agent_param fields[ENT_MAX_AGENT_FIELDS];
    size_t n_fields = ent_agent_params(fields, ENT_MAX_AGENT_FIELDS);
    for (size_t f = 0; f < n_fields; f++)
        *ent_i_agent_field(a, &fields[f]) =
            (fields[f].desc->flags & (ENT_F_AUTO | ENT_F_REQUIRED)) ? NAN : fields[f].desc->def;
    if (!expect_kind(L, map, YAML_MAPPING_NODE, role == ENT_ROLE_PATRON ? "'patron'" : "each ally"))
        return;

    const char *valid[2 * ENT_MAX_AGENT_FIELDS + 4];
    size_t nv = 0;
    valid[nv++] = "code";
    valid[nv++] = "name";
    valid[nv++] = "strategies";
    /* the stages' structured inputs (read once every code is known) */
    for (size_t st = 0; ent_stage_types[st]; st++) {
        const ent_stage_type *t = ent_stage_types[st];
        for (size_t k = 0; t->agent_inputs && t->agent_inputs[k] && (t->agent_input_roles & role); k++)
            if (nv < ENT_MAX_AGENT_FIELDS)
                valid[nv++] = t->agent_inputs[k];
    }
    for (size_t f = 0; f < n_fields; f++)
        if (fields[f].desc->flags & flag)
            valid[nv++] = fields[f].desc->name;
    valid[nv] = NULL;

    yaml_node_t *code = ent_y_lookup(&L->y, map, "code");
    char who[64];
    if (!code) {
        ERR(L, map, "missing required key 'code' in %s", what);
        snprintf(who, sizeof who, "%s", what);
    } else if (!ent_y_scalar(code)) {
        ERR(L, code, "'code' expects a short name of letters, digits or '_', found %s", ent_y_kind(code));
        snprintf(who, sizeof who, "%s", what);
    } else if (!valid_code(ent_y_scalar(code))) {
        ERR(L, code, "'code' expects a short name of letters, digits or '_' (at most %d), got '%s'",
            ENT_CODE_MAX - 1, ent_y_scalar(code));
        snprintf(who, sizeof who, "%s", what);
    } else if (missing_marker(ent_y_scalar(code))) {
        ERR(L, code, "'code' may not be '%s': CSV readers take it for a missing value",
            ent_y_scalar(code));
        snprintf(who, sizeof who, "%s", what);
    } else {
        snprintf(a->code, sizeof a->code, "%s", ent_y_scalar(code));
        snprintf(who, sizeof who, "%s '%s'", role == ENT_ROLE_PATRON ? "patron" : "ally", a->code);
        check_code_unique(L, code, code_nodes, index);
        code_nodes[index] = code;
    }
    ent_y_check_keys(&L->y, map, valid, who);

    yaml_node_t *name = ent_y_lookup(&L->y, map, "name");
    if (name) {
        /* never cut: a cut could split a character of the outputs' UTF-8 */
        if (!ent_y_scalar(name))
            ERR(L, name, "'name' expects text, found %s", ent_y_kind(name));
        else if (strlen(ent_y_scalar(name)) >= sizeof a->name)
            ERR(L, name, "'name' expects at most %zu bytes of text, got %zu", sizeof a->name - 1,
                strlen(ent_y_scalar(name)));
        else
            snprintf(a->name, sizeof a->name, "%s", ent_y_scalar(name));
    } else {
        snprintf(a->name, sizeof a->name, "%s", a->code);
    }

    for (size_t f = 0; f < n_fields; f++) {
        const ent_param_desc *d = fields[f].desc;
        if (!(d->flags & flag))
            continue;
        yaml_node_t *v = ent_y_lookup(&L->y, map, d->name);
        double *slot = ent_i_agent_field(a, &fields[f]);
        if (v)
            read_param(L, v, d, slot);
        else if (d->flags & ENT_F_REQUIRED)
            ERR(L, map, "missing required key '%s' in %s", d->name, who);
    }

    /* strategies: the agent's own, else the stage's default for its role, else the registry's */
    yaml_node_t *strats = ent_y_lookup(&L->y, map, "strategies");
    if (strats && expect_kind(L, strats, YAML_MAPPING_NODE, "'strategies'")) {
        ent_y_check_keys(&L->y, strats, NULL, "'strategies'");
        for (yaml_node_pair_t *p = strats->data.mapping.pairs.start; p < strats->data.mapping.pairs.top; p++) {
            const char *stage = ent_y_scalar(ent_y_node(&L->y, p->key));
            if (stage && ent_scenario_stage_index(s, stage) < 0) {
                if (ent_stage_find(stage))
                    ERR(L, ent_y_node(&L->y, p->key), "strategy for stage '%s', which is not in the pipeline", stage);
                else
                    ERR(L, ent_y_node(&L->y, p->key), "strategy for unknown stage '%s'", stage);
            }
        }
    }
    for (size_t st = 0; st < s->n_stages; st++) {
        const ent_stage_type *t = s->stages[st].type;
        yaml_node_t *given = strats && strats->type == YAML_MAPPING_NODE ? ent_y_lookup(&L->y, strats, t->name) : NULL;
        if (!given)
            given = role == ENT_ROLE_PATRON ? extra[st].patron_strategy : extra[st].ally_strategy;
        if (given) {
            read_strategy(L, given, t, role, who, &a->strategy[st]);
        } else {
            const char *def = role == ENT_ROLE_PATRON ? t->default_patron_strategy : t->default_ally_strategy;
            /* a stage may have no strategies for a role (e.g. belief updating) */
            a->strategy[st].type = def ? ent_strategy_find(t->name, def) : NULL;
            if (a->strategy[st].type)
                ent_param_defaults(a->strategy[st].type->params, a->strategy[st].type->n_params,
                                   a->strategy[st].p);
        }
    }
}

/* ---- top level --------------------------------------------------------------- */

static const ent_param_desc top_params[] = {
    { "rounds", ENT_P_INT, 20, 1, 100000, "rounds", "rounds per run", NULL, 0, 0 },
    { "discount", ENT_P_REAL, 0.95, 0.01, 1.0, "per round", "discount factor of every agent", NULL, 1, 0 },
    { "random_end", ENT_P_BOOL, 0, 0, 1, "", "end each round with probability 1 - discount", NULL, 2, 0 },
};
#define N_TOP_PARAMS (sizeof top_params / sizeof top_params[0])

static void read_top(loader *L, yaml_node_t *root)
{
    ent_scenario *s = L->s;
    yaml_node_t *sweep_of = ent_y_lookup(&L->y, root, "scenario");
    if (sweep_of) {
        /* a sweep file: it names its scenario and holds only a sweep (or a
        ** calibration file: the same with a calibrate section) */
        if (ent_y_lookup(&L->y, root, "calibrate") && !ent_y_lookup(&L->y, root, "sweep"))
            ERR(L, sweep_of, "this is a calibration file (its 'scenario' names the scenario): run it "
                             "with 'entente calibrate'");
        else
            ERR(L, sweep_of, "%s", ENT_SWEEP_FILE_MESSAGE);
        return;
    }
    ent_y_check_keys(&L->y, root, top_keys, "the scenario");

    yaml_node_t *n = ent_y_lookup(&L->y, root, "name");
    if (!n)
        ERR(L, root, "missing required key 'name' in the scenario");
    else if ((s->name = read_string(L, n, "name")) && !valid_scenario_name(s->name))
        ERR(L, n, "'name' expects at most 64 letters, digits, '_', '-' or '.' (it names the results folder), got '%s'",
            s->name);
    n = ent_y_lookup(&L->y, root, "description");
    s->description = n ? read_string(L, n, "description") : strdup("");
    n = ent_y_lookup(&L->y, root, "references");
    if (n && expect_kind(L, n, YAML_SEQUENCE_NODE, "'references'")) {
        size_t m = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
        s->references = calloc(m + 1, sizeof(char *));
        for (size_t i = 0; s->references && i < m; i++) {
            char *r = read_string(L, ent_y_node(&L->y, n->data.sequence.items.start[i]), "references");
            if (r) s->references[s->n_references++] = r;
        }
    }

    double v[N_TOP_PARAMS];
    ent_param_defaults(top_params, N_TOP_PARAMS, v);
    for (size_t i = 0; i < N_TOP_PARAMS; i++)
        if ((n = ent_y_lookup(&L->y, root, top_params[i].name)))
            read_param(L, n, &top_params[i], &v[i]);
    s->rounds = (int)v[0];
    s->discount = v[1];
    s->random_end = v[2] != 0.0;
    /* a seed is read as the whole number it is (a double holds 2^53 at most), as --seed reads it */
    s->seed = 1;
    if ((n = ent_y_lookup(&L->y, root, "seed")))
        ent_y_count(&L->y, n, "seed", 0, UINT64_MAX, &s->seed);

    stage_extra extra[ENT_MAX_STAGES];
    memset(extra, 0, sizeof extra);
    yaml_node_t *stages = ent_y_lookup(&L->y, root, "stages");
    if (!stages)
        ERR(L, root, "missing required key 'stages' in the scenario");
    else {
        read_stages(L, stages, extra);
        check_stage_order(L, extra);
    }

    yaml_node_t *patron = ent_y_lookup(&L->y, root, "patron");
    yaml_node_t *allies = ent_y_lookup(&L->y, root, "allies");
    if (!patron)
        ERR(L, root, "missing required key 'patron' in the scenario");
    if (!allies)
        ERR(L, root, "missing required key 'allies' in the scenario");
    size_t n_allies = 0;
    if (allies && expect_kind(L, allies, YAML_SEQUENCE_NODE, "'allies'")) {
        n_allies = (size_t)(allies->data.sequence.items.top - allies->data.sequence.items.start);
        if (n_allies == 0)
            ERR(L, allies, "'allies' must list at least one ally");
        if (n_allies + 1 > ENT_MAX_AGENTS) {
            ERR(L, allies, "at most %d allies", ENT_MAX_AGENTS - 1);
            n_allies = 0;
        }
    }
    s->n_agents = 1 + n_allies;
    s->agents = calloc(s->n_agents, sizeof *s->agents);
    yaml_node_t *codes[ENT_MAX_AGENTS] = { 0 };
    if (!s->agents) {
        ERR(L, root, "out of memory");
        return;
    }
    if (patron)
        read_agent(L, patron, &s->agents[0], ENT_ROLE_PATRON, extra, codes, 0);
    for (size_t i = 0; i < n_allies; i++)
        read_agent(L, ent_y_node(&L->y, allies->data.sequence.items.start[i]), &s->agents[i + 1],
                   ENT_ROLE_ALLY, extra, codes, i + 1);
    /* the stages' structured inputs (such as the belief network) may refer
    ** to codes, so they are read once all are known */
    size_t stride = ent_i_agent_inputs_stride();
    if (stride && !(s->agent_inputs = calloc(s->n_agents, stride))) {
        ERR(L, root, "out of memory");
        return;
    }
    for (size_t i = 0; i < s->n_agents; i++) {
        yaml_node_t *m = i == 0 ? patron : ent_y_node(&L->y, allies->data.sequence.items.start[i - 1]);
        if (!m || m->type != YAML_MAPPING_NODE)
            continue;
        for (size_t st = 0; ent_stage_types[st]; st++) {
            const ent_stage_type *t = ent_stage_types[st];
            void *data = ent_i_agent_inputs(s, i, t);
            if (t->read_agent_inputs && data)
                t->read_agent_inputs(&L->y, m, s, i, data);
        }
    }
}

const char *ent_scenario_path_examples(const ent_scenario *s, char *buf, size_t cap)
{
    /* a stage parameter, an ally field and a patron field of this scenario */
    const ent_stage_type *t = NULL;
    for (size_t st = 0; st < s->n_stages && !t; st++)
        if (s->stages[st].type->n_params)
            t = s->stages[st].type;
    size_t n = 0;
    if (t)
        n = (size_t)snprintf(buf, cap, "'stages.%s.%s', ", t->name, t->params[0].name);
    if (n < cap)
        snprintf(buf + n, cap - n, "'allies.%s.gdp', 'patron.defence_share'",
                 s->n_agents > 1 ? s->agents[1].code : "CODE");
    return buf;
}

ent_scenario *ent_i_scenario_from_doc(const char *name, const char *buf, size_t len, ent_ydoc *Y)
{
    ent_diags *d = Y->d;
    loader L;
    memset(&L, 0, sizeof L);
    L.y = *Y;
    ent_scenario *s = calloc(1, sizeof *s);
    if (!s) {
        ent_diags_addf(d, 0, 0, "out of memory");
        return NULL;
    }
    L.s = s;
    s->path = strdup(name);
    ent_sha256_hex(buf, len, s->sha256);
    yaml_node_t *root = yaml_document_get_root_node(&L.y.doc);
    if (!root) {
        ent_diags_addf(d, 1, 1, "empty scenario: expected a mapping with 'name', 'patron', 'allies' and 'stages'");
    } else if (root->type != YAML_MAPPING_NODE) {
        ERR(&L, root, "a scenario is a mapping with 'name', 'patron', 'allies' and 'stages', found %s",
            ent_y_kind(root));
    } else {
        read_top(&L, root);
        /* each registered stage completes its agent parameters from the
        ** file as written, before any override by path */
        for (size_t st = 0; ent_stage_types[st]; st++) {
            const ent_stage_type *t = ent_stage_types[st];
            int base = ent_agent_param_base(t);
            for (size_t i = 0; t->agent_params_read && base >= 0 && i < s->n_agents; i++)
                t->agent_params_read(&s->agents[i], &s->agents[i].p[base]);
        }
    }
    if (d->total > 0) {
        ent_scenario_free(s);
        return NULL;
    }
    ent_i_scenario_sync_picks(s);
    return s;
}

ent_scenario *ent_scenario_load_buffer(const char *name, const char *buf, size_t len, ent_diags *d)
{
    ent_ydoc Y = { .d = d };
    if (ent_y_parse(&Y, buf, len))
        return NULL;
    ent_scenario *s = ent_i_scenario_from_doc(name, buf, len, &Y);
    yaml_document_delete(&Y.doc);
    return s;
}

ent_scenario *ent_scenario_load(const char *path, ent_diags *d)
{
    size_t len = 0;
    char *buf = ent_y_read_file(path, ENT_SCENARIO_MAX_BYTES, "scenario", &len, d);
    if (!buf)
        return NULL;
    ent_scenario *s = ent_scenario_load_buffer(path, buf, len, d);
    free(buf);
    return s;
}

void ent_scenario_free(ent_scenario *s)
{
    if (!s)
        return;
    free(s->path);
    free(s->name);
    free(s->description);
    for (size_t i = 0; i < s->n_references; i++)
        free(s->references[i]);
    free(s->references);
    free(s->agents);
    free(s->agent_inputs);
    free(s);
}

ent_scenario *ent_scenario_clone(const ent_scenario *s)
{
    ent_scenario *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    *c = *s;
    c->path = c->name = c->description = NULL;
    c->references = NULL;
    c->agents = NULL;
    c->agent_inputs = NULL;
    c->n_references = 0;
    c->path = strdup(s->path);
    c->name = strdup(s->name);
    c->description = strdup(s->description ? s->description : "");
    c->references = calloc(s->n_references + 1, sizeof(char *));
    c->agents = malloc(s->n_agents * sizeof *c->agents);
    if (!c->path || !c->name || !c->description || !c->references || !c->agents) {
        ent_scenario_free(c);
        return NULL;
    }
    for (size_t i = 0; i < s->n_references; i++) {
        if (!(c->references[i] = strdup(s->references[i]))) {
            ent_scenario_free(c);
            return NULL;
        }
        c->n_references++;
    }
    memcpy(c->agents, s->agents, s->n_agents * sizeof *c->agents);
    size_t stride = ent_i_agent_inputs_stride();
    if (s->agent_inputs && stride) {
        if (!(c->agent_inputs = malloc(s->n_agents * stride))) {
            ent_scenario_free(c);
            return NULL;
        }
        memcpy(c->agent_inputs, s->agent_inputs, s->n_agents * stride);
    }
    return c;
}

int ent_scenario_stage_index(const ent_scenario *s, const char *name)
{
    for (size_t i = 0; i < s->n_stages; i++)
        if (!strcmp(s->stages[i].type->name, name))
            return (int)i;
    return -1;
}

int ent_scenario_agent_index(const ent_scenario *s, const char *code)
{
    for (size_t i = 0; i < s->n_agents; i++)
        if (!strcmp(s->agents[i].code, code))
            return (int)i;
    return -1;
}

/* ---- parameter paths ----------------------------------------------------
** The one grammar of parameter paths, for --set, sweeps and sensitivity:
**   discount
**   stages.STAGE.PARAM
**   patron.FIELD             patron.strategy.STAGE.PARAM
**   allies.CODE.FIELD        allies.CODE.strategy.STAGE.PARAM
**   patron.strategy.STAGE    allies.CODE.strategy.STAGE    (the strategy: a name)
** ent_i_scenario_param resolves one; ent_scenario_param_paths lists them all. */

static const ent_param_desc discount_desc = {
    "discount", ENT_P_REAL, 0.95, 0.01, 1.0, "per round", "discount factor", NULL, 0, 0 };

/* Split `path` into at most `cap` non-empty components in buf; 0 if it is
** too long, has too many components, or an empty one ("a..b", ".a", "a."). */
static size_t split_path(const char *path, char *buf, size_t bufcap, char **parts, size_t cap)
{
    size_t len = strnlen(path, bufcap);
    if (len == 0 || len >= bufcap)
        return 0;
    memcpy(buf, path, len + 1);
    size_t np = 0;
    char *p = buf;
    for (;;) {
        char *dot = strchr(p, '.');
        if (dot)
            *dot = 0;
        if (!*p || np == cap)
            return 0;
        parts[np++] = p;
        if (!dot)
            return np;
        p = dot + 1;
    }
}

/* A strategy parameter of agent `a` at stage `stage_name`, or NULL: the
** stage may not be in the pipeline or may give this agent no strategy. */
static double *strategy_param(ent_scenario *s, ent_agent_spec *a, const char *stage_name,
                              const char *name, const ent_param_desc **desc)
{
    int st = ent_scenario_stage_index(s, stage_name);
    if (st < 0)
        return NULL;
    const ent_strategy_type *t = a->strategy[st].type;
    if (!t)
        return NULL;
    int k = ent_param_find(t->params, t->n_params, name);
    if (k < 0)
        return NULL;
    *desc = &t->params[k];
    return &a->strategy[st].p[k];
}

static unsigned role_of(size_t agent)
{
    return agent == 0 ? ENT_ROLE_PATRON : ENT_ROLE_ALLY;
}

/* The strategy agent `agent` plays at stage `stage_name`, as a choice
** parameter, or NULL: the stage may not be in the pipeline or may give this
** agent no strategy. */
static double *strategy_pick(ent_scenario *s, size_t agent, const char *stage_name,
                             const ent_param_desc **desc)
{
    int st = ent_scenario_stage_index(s, stage_name);
    if (st < 0 || !s->agents[agent].strategy[st].type)
        return NULL;
    const ent_param_desc *d = ent_i_strategy_choices(s->stages[st].type, role_of(agent), NULL, NULL);
    if (!d)
        return NULL;
    *desc = d;
    return &s->agents[agent].strategy[st].pick;
}

/* fn on every strategy choice of s (agent i, pipeline stage st), with the
** strategies open to the agent's role there (n = 0: none) and base's choice
** at the same place (NULL without base); the sum of what fn returns. */
typedef size_t (*choice_fn)(ent_strategy_choice *c, const ent_strategy_choice *b,
                            const ent_strategy_type *const *types, size_t n);
static size_t each_choice(ent_scenario *s, const ent_scenario *base, choice_fn fn)
{
    size_t sum = 0;
    for (size_t st = 0; st < s->n_stages; st++) {
        const ent_strategy_type *const *types[2] = { NULL, NULL };
        size_t n[2] = { 0, 0 };
        for (size_t r = 0; r < 2; r++)
            if (!ent_i_strategy_choices(s->stages[st].type, role_of(r), &types[r], &n[r]))
                n[r] = 0;
        for (size_t i = 0; i < s->n_agents; i++) {
            size_t r = i == 0 ? 0 : 1;
            sum += fn(&s->agents[i].strategy[st], base ? &base->agents[i].strategy[st] : NULL, types[r], n[r]);
        }
    }
    return sum;
}

/* The strategy picked, if the pick names another: base's parameters for
** base's own strategy, else its defaults. */
static size_t apply_choice(ent_strategy_choice *c, const ent_strategy_choice *b,
                           const ent_strategy_type *const *types, size_t n)
{
    /* a pick checked against its descriptor is a whole index in range */
    if (!c->type || !(c->pick >= 0 && c->pick < (double)n) || types[(size_t)c->pick] == c->type)
        return 0;
    c->type = types[(size_t)c->pick];
    if (b && b->type == c->type)
        memcpy(c->p, b->p, sizeof c->p);
    else
        ent_param_defaults(c->type->params, c->type->n_params, c->p);
    return 1;
}

static size_t sync_pick(ent_strategy_choice *c, const ent_strategy_choice *b,
                        const ent_strategy_type *const *types, size_t n)
{
    (void)b;
    c->pick = -1;
    for (size_t k = 0; c->type && k < n; k++)
        if (types[k] == c->type)
            c->pick = (double)k;
    return 0;
}

size_t ent_i_scenario_apply_choices(ent_scenario *s, const ent_scenario *base)
{
    return each_choice(s, base, apply_choice);
}

void ent_i_scenario_sync_picks(ent_scenario *s)
{
    each_choice(s, NULL, sync_pick);
}

double *ent_i_scenario_param(ent_scenario *s, const char *path, const ent_param_desc **desc)
{
    char buf[ENT_PARAM_PATH_MAX + 1];
    char *parts[6];
    if (!s || !path || !desc)
        return NULL;
    size_t np = split_path(path, buf, sizeof buf, parts, 6);
    if (np == 0)
        return NULL;
    if (np == 1 && !strcmp(parts[0], "discount")) {
        *desc = &discount_desc;
        return &s->discount;
    }
    if (np == 3 && !strcmp(parts[0], "stages")) {
        int st = ent_scenario_stage_index(s, parts[1]);
        if (st < 0)
            return NULL;
        const ent_stage_type *t = s->stages[st].type;
        int k = ent_param_find(t->params, t->n_params, parts[2]);
        if (k < 0)
            return NULL;
        *desc = &t->params[k];
        return &s->stages[st].p[k];
    }
    size_t agent, rest;
    if (!strcmp(parts[0], "patron")) {
        agent = 0;
        rest = 1;
    } else if (!strcmp(parts[0], "allies") && np >= 2) {
        int i = ent_scenario_agent_index(s, parts[1]);
        if (i <= 0)
            return NULL;        /* unknown, or the patron's code */
        agent = (size_t)i;
        rest = 2;
    } else {
        return NULL;
    }
    if (agent >= s->n_agents)
        return NULL;
    ent_agent_spec *a = &s->agents[agent];
    if (np == rest + 1) {
        unsigned flag = agent == 0 ? ENT_F_PATRON : ENT_F_ALLY;
        ent_agent_param ap;
        if (ent_agent_param_find(parts[rest], &ap) != 0 || !(ap.desc->flags & flag))
            return NULL;
        *desc = ap.desc;
        return ent_i_agent_field(a, &ap);
    }
    if (np == rest + 3 && !strcmp(parts[rest], "strategy"))
        return strategy_param(s, a, parts[rest + 1], parts[rest + 2], desc);
    if (np == rest + 2 && !strcmp(parts[rest], "strategy"))
        return strategy_pick(s, agent, parts[rest + 1], desc);
    return NULL;
}

/* Call fn once for each path, built by the same grammar as above. */
static void emit(void (*fn)(void *, const char *), void *ctx, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void emit(void (*fn)(void *, const char *), void *ctx, const char *fmt, ...)
{
    char buf[ENT_PARAM_PATH_MAX + 1];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > 0 && (size_t)n < sizeof buf)
        fn(ctx, buf);
}

void ent_scenario_param_paths(const ent_scenario *s, void (*fn)(void *ctx, const char *path), void *ctx)
{
    emit(fn, ctx, "discount");
    for (size_t st = 0; st < s->n_stages; st++) {
        const ent_stage_type *t = s->stages[st].type;
        for (size_t k = 0; k < t->n_params; k++)
            emit(fn, ctx, "stages.%s.%s", t->name, t->params[k].name);
    }
    ent_agent_param fields[ENT_MAX_AGENT_FIELDS];
    size_t n_fields = ent_agent_params(fields, ENT_MAX_AGENT_FIELDS);
    for (size_t i = 0; i < s->n_agents; i++) {
        const ent_agent_spec *a = &s->agents[i];
        char who[ENT_CODE_MAX + 8];
        snprintf(who, sizeof who, i == 0 ? "patron" : "allies.%s", a->code);
        unsigned flag = i == 0 ? ENT_F_PATRON : ENT_F_ALLY;
        for (size_t f = 0; f < n_fields; f++)
            if (fields[f].desc->flags & flag)
                emit(fn, ctx, "%s.%s", who, fields[f].desc->name);
        for (size_t st = 0; st < s->n_stages; st++) {
            const ent_strategy_type *t = a->strategy[st].type;
            if (t && ent_i_strategy_choices(s->stages[st].type, role_of(i), NULL, NULL))
                emit(fn, ctx, "%s.strategy.%s", who, s->stages[st].type->name);
            for (size_t k = 0; t && k < t->n_params; k++)
                emit(fn, ctx, "%s.strategy.%s.%s", who, s->stages[st].type->name, t->params[k].name);
        }
    }
}

const ent_param_desc *ent_scenario_param_desc(const ent_scenario *s, const char *path)
{
    const ent_param_desc *desc = NULL;
    /* the resolver takes an address to return; nothing is written through it */
    return ent_i_scenario_param((ent_scenario *)(uintptr_t)s, path, &desc) ? desc : NULL;
}

/* ---- the nearest known path, for "did you mean" ---------------------------- */

typedef struct {
    const char *word;
    char best[ENT_PARAM_PATH_MAX + 1];
    size_t best_d;
} nearest_path;

static void consider_path(void *ctx, const char *path)
{
    nearest_path *n = ctx;
    size_t d = ent_edit_distance(n->word, path);
    if (d < n->best_d) {
        n->best_d = d;
        snprintf(n->best, sizeof n->best, "%s", path);
    }
}

const char *ent_scenario_param_nearest(const ent_scenario *s, const char *path, char *buf, size_t cap)
{
    nearest_path n = { path, "", (size_t)-1 };
    ent_scenario_param_paths(s, consider_path, &n);
    if (!n.best[0] || !ent_near_enough(path, n.best_d))
        return NULL;
    snprintf(buf, cap, "%s", n.best);
    return buf;
}

int ent_scenario_set(ent_scenario *s, const char *path, const char *value, char *why, size_t cap)
{
    if (strlen(path) > ENT_PARAM_PATH_MAX) {
        snprintf(why, cap, "a parameter path has at most %d characters, got %zu", ENT_PARAM_PATH_MAX,
                 strlen(path));
        return -1;
    }
    const ent_param_desc *desc = NULL;
    double *slot = ent_i_scenario_param(s, path, &desc);
    if (!slot) {
        char near[ENT_PARAM_PATH_MAX + 1];
        if (ent_scenario_param_nearest(s, path, near, sizeof near))
            snprintf(why, cap, "no parameter '%s' in %s; did you mean '%s'?", path, s->path, near);
        else {
            char ex[3 * ENT_PARAM_PATH_MAX];
            snprintf(why, cap, "no parameter '%s' in %s (paths look like %s; 'entente list' shows the "
                     "names)", path, s->path, ent_scenario_path_examples(s, ex, sizeof ex));
        }
        return -1;
    }
    if (ent_param_parse(desc, value, ENT_PARSE_INDEX, slot, why, cap))
        return -1;
    ent_i_scenario_apply_choices(s, NULL);    /* a strategy set by name takes effect */
    return 0;
}

/* Is `path` one of s's strategy choices (patron.strategy.STAGE, ...)? */
static int is_strategy_path(ent_scenario *s, const char *path)
{
    const ent_param_desc *desc = NULL;
    return strlen(path) <= ENT_PARAM_PATH_MAX && ent_i_scenario_param(s, path, &desc) &&
           ent_i_is_strategy_choice(desc);
}

/* What is checked of parameters together, the ranges of two parameters
** (ent_param_check_order) and a stage's own check (check_params), of one
** table: stage st's own parameters (agent < 0) or the strategy agent plays
** there. 0, or -1 with the table's path in prefix ("stages.STAGE",
** "allies.CODE.strategy.STAGE") and the reason in why. */
static int check_table(const ent_scenario *s, size_t st, long agent, char *prefix, size_t pcap, char *why,
                       size_t cap)
{
    char r[ENT_DIAG_MSG];
    size_t at;
    const ent_stage_type *t = s->stages[st].type;
    if (agent < 0) {
        if (!ent_param_check_order(t->params, t->n_params, s->stages[st].p, &at, r, sizeof r) &&
            !(t->check_params && t->check_params(s->stages[st].p, &at, r, sizeof r)))
            return 0;
        snprintf(prefix, pcap, "stages.%s", t->name);
    } else {
        const ent_strategy_choice *c = &s->agents[agent].strategy[st];
        if (!c->type || !ent_param_check_order(c->type->params, c->type->n_params, c->p, &at, r, sizeof r))
            return 0;
        if (agent == 0)
            snprintf(prefix, pcap, "patron.strategy.%s", t->name);
        else
            snprintf(prefix, pcap, "allies.%s.strategy.%s", s->agents[agent].code, t->name);
    }
    snprintf(why, cap, "%s: %s", prefix, r);
    return -1;
}

/* check_table over every stage and strategy of s. */
static int check_together(const ent_scenario *s, char *prefix, size_t pcap, char *why, size_t cap)
{
    for (size_t st = 0; st < s->n_stages; st++)
        for (long a = -1; a < (long)s->n_agents; a++)
            if (check_table(s, st, a, prefix, pcap, why, cap))
                return -1;
    return 0;
}

/* Whether table's n parameters have a rule between two of them. */
static int has_order(const ent_param_desc *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (t[i].flags & ENT_F_AT_MOST_NEXT)
            return 1;
    return 0;
}

int ent_i_scenario_slot_table(const ent_scenario *s, const double *slot, int *st, long *agent)
{
    for (size_t k = 0; k < s->n_stages; k++) {
        const ent_stage_type *t = s->stages[k].type;
        if (slot >= s->stages[k].p && slot < s->stages[k].p + ENT_MAX_PARAMS) {
            *st = (int)k;
            *agent = -1;
            return t->check_params || has_order(t->params, t->n_params);
        }
        for (size_t a = 0; a < s->n_agents; a++) {
            const ent_strategy_choice *c = &s->agents[a].strategy[k];
            if ((slot >= c->p && slot < c->p + ENT_MAX_PARAMS) || slot == &c->pick) {
                *st = (int)k;
                *agent = (long)a;
                /* a pick may choose any strategy open to the agent: one with a rule, perhaps */
                return slot == &c->pick || (c->type && has_order(c->type->params, c->type->n_params));
            }
        }
    }
    return 0;
}

int ent_i_scenario_check_table(const ent_scenario *s, int st, long agent, char *why, size_t cap)
{
    char prefix[ENT_PARAM_PATH_MAX + 1];
    return check_table(s, (size_t)st, agent, prefix, sizeof prefix, why, cap);
}

int ent_scenario_set_many(ent_scenario *s, size_t n, const char *const *paths, const char *const *values,
                          size_t *failed, char *why, size_t cap)
{
    /* a strategy's parameters are those of the strategy played, and one
    ** picked anew starts from its defaults: the picks go first, so that no
    ** parameter set before its strategy is lost, whatever the order given */
    for (int strategies = 1; strategies >= 0; strategies--)
        for (size_t i = 0; i < n; i++) {
            if (is_strategy_path(s, paths[i]) != strategies)
                continue;
            if (ent_scenario_set(s, paths[i], values[i], why, cap)) {
                if (failed)
                    *failed = i;
                return -1;
            }
        }
    /* what is checked together, once all are set (either end of a range may come first) */
    char prefix[ENT_PARAM_PATH_MAX + 1];
    if (check_together(s, prefix, sizeof prefix, why, cap) == 0)
        return 0;
    if (failed) {
        *failed = n ? n - 1 : 0;
        for (size_t i = 0; i < n; i++)
            if (!strncmp(paths[i], prefix, strlen(prefix)) && paths[i][strlen(prefix)] == '.')
                *failed = i;
    }
    return -1;
}
