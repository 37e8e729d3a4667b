/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** game_file.c: reading classic game files (a matrix game, the strategies
** of a tournament and its settings) with libyaml's document API. Every error
** is reported at FILE:LINE:COL, all errors of a file in one pass.
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "entente/game_tournament.h"
#include "games/game_doc.h"
#include "core/numread.h"

#define MAX_FILE_BYTES (4u << 20)

static const char *const top_keys[] = {
    "name", "description", "references", "game", "players", "strategies", "turns",
    "repetitions", "noise", "prob_end", "seed", "replicator", "moran", NULL
};

typedef struct {
    ent_ydoc y;             /* the parsed document and where errors go */
    ent_classic *c;
} loader;

#define ERR(L, node, ...) ENT_YERR(&(L)->y, node, __VA_ARGS__)

static size_t seq_len(const yaml_node_t *n)
{
    return (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
}

/* A number within [lo, hi] (integer if `integer`); 0 on success. */
static int read_number(loader *L, yaml_node_t *n, const char *what, int integer, double lo,
                       double hi, double *out)
{
    const char *txt = ent_y_scalar(n);
    if (!txt || !*txt) {
        ERR(L, n, "'%s' expects a number, found %s", what, txt ? "nothing" : ent_y_kind(n));
        return -1;
    }
    double v;
    int rc = ent_i_read_real(txt, &v);
    if (rc == 0) {
        ERR(L, n, "'%s' expects %s, got '%s'", what, integer ? "an integer" : "a number", txt);
        return -1;
    }
    if (rc != 1) {
        ERR(L, n, "'%s' %s, got '%s'", what, ent_i_read_real_why(rc), txt);
        return -1;
    }
    if (integer && v != floor(v)) {
        ERR(L, n, "'%s' expects an integer, got '%s'", what, txt);
        return -1;
    }
    if (v < lo || v > hi) {
        ERR(L, n, "'%s' must be between %.10g and %.10g, got %.10g", what, lo, hi, v);
        return -1;
    }
    *out = v;
    return 0;
}

static int valid_label(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= ENT_LABEL_MAX)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '_' || *s == '-'))
            return 0;
    return 1;
}

/* ---- the game ---------------------------------------------------------------- */

static void read_labels(loader *L, yaml_node_t *n, int count, char (*out)[ENT_LABEL_MAX],
                        const char *what)
{
    if (n->type != YAML_SEQUENCE_NODE) {
        ERR(L, n, "'%s' expects a list of %d action names, found %s", what, count, ent_y_kind(n));
        return;
    }
    if ((int)seq_len(n) != count) {
        ERR(L, n, "'%s' lists %zu actions, the payoffs have %d", what, seq_len(n), count);
        return;
    }
    for (int i = 0; i < count; i++) {
        yaml_node_t *it = ent_y_node(&L->y, n->data.sequence.items.start[i]);
        const char *s = ent_y_scalar(it);
        if (!s || !valid_label(s)) {
            ERR(L, it, "an action name is letters, digits, '_' or '-' (at most %d), got %s",
                ENT_LABEL_MAX - 1, s ? s : ent_y_kind(it));
            continue;
        }
        for (int j = 0; j < i; j++)
            if (!strcmp(out[j], s))
                ERR(L, it, "action '%s' is named twice in '%s'", s, what);
        snprintf(out[i], ENT_LABEL_MAX, "%s", s);
    }
}

static void drop_texts(ent_classic *c, int m, int n)
{
    for (int i = 0; c->payoff_text && i < 2 * m * n; i++)
        free(c->payoff_text[i]);
    free(c->payoff_text);
    c->payoff_text = NULL;
}

/* The cells' texts are kept beside the doubles so that the Nash solver reads
** the numbers exactly as written (0.1 is 1/10). */
static void read_payoffs(loader *L, yaml_node_t *n, ent_bimatrix *g)
{
    ent_classic *c = L->c;
    if (n->type != YAML_SEQUENCE_NODE || seq_len(n) < 2 || seq_len(n) > ENT_MATRIX_MAX) {
        ERR(L, n, "'payoffs' expects a list of 2 to %d rows, each a list of [row payoff, column "
                  "payoff] pairs", ENT_MATRIX_MAX);
        return;
    }
    g->m = (int)seq_len(n);
    for (int i = 0; i < g->m; i++) {
        yaml_node_t *row = ent_y_node(&L->y, n->data.sequence.items.start[i]);
        if (row->type == YAML_SEQUENCE_NODE && i > 0 && (int)seq_len(row) != g->n) {
            ERR(L, row, "row %d of 'payoffs' has %zu cells, row 1 has %d", i + 1, seq_len(row), g->n);
            drop_texts(c, g->m, g->n);
            g->m = 0;
            return;
        }
        if (row->type != YAML_SEQUENCE_NODE || seq_len(row) < 2 || seq_len(row) > ENT_MATRIX_MAX) {
            ERR(L, row, "each row of 'payoffs' is a list of 2 to %d [row payoff, column payoff] "
                        "pairs, found %s", ENT_MATRIX_MAX, ent_y_kind(row));
            if (i > 0)
                drop_texts(c, g->m, g->n);
            g->m = 0;
            return;
        }
        g->n = (int)seq_len(row);
        if (i == 0) {
            c->payoff_text = calloc(2 * (size_t)g->m * (size_t)g->n, sizeof *c->payoff_text);
            if (!c->payoff_text) {
                ERR(L, n, "out of memory");
                g->m = 0;
                return;
            }
        }
        for (int j = 0; j < g->n; j++) {
            yaml_node_t *cell = ent_y_node(&L->y, row->data.sequence.items.start[j]);
            if (cell->type != YAML_SEQUENCE_NODE || seq_len(cell) != 2) {
                ERR(L, cell, "a payoff cell is a pair [row payoff, column payoff], found %s",
                    ent_y_kind(cell));
                continue;
            }
            for (int p = 0; p < 2; p++) {
                yaml_node_t *v = ent_y_node(&L->y, cell->data.sequence.items.start[p]);
                size_t at = (size_t)p * (size_t)g->m * (size_t)g->n + (size_t)(i * g->n + j);
                if (read_number(L, v, "payoff", 0, -1e15, 1e15, p ? &g->b[i * g->n + j] : &g->a[i * g->n + j]))
                    continue;
                if (!(c->payoff_text[at] = strdup(ent_y_scalar(v))))
                    ERR(L, v, "out of memory");
            }
        }
    }
}

static void default_labels(ent_bimatrix *g)
{
    for (int i = 0; i < g->m; i++)
        snprintf(g->row_labels[i], ENT_LABEL_MAX, "r%d", i + 1);
    for (int j = 0; j < g->n; j++)
        snprintf(g->col_labels[j], ENT_LABEL_MAX, "c%d", j + 1);
}

static void read_game(loader *L, yaml_node_t *n)
{
    ent_bimatrix *g = &L->c->game;
    const char *preset_names[16];
    size_t k = 0;
    for (size_t i = 0; i < ent_n_matrix_presets && k < 15; i++)
        preset_names[k++] = ent_matrix_presets[i].name;
    preset_names[k] = NULL;
    yaml_node_t *pn = n->type == YAML_MAPPING_NODE ? ent_y_lookup(&L->y, n, "preset") : n;
    if (n->type == YAML_SEQUENCE_NODE) {
        ERR(L, n, "'game' expects a preset name or a mapping with 'preset' or 'payoffs', found a list");
        return;
    }
    if (n->type == YAML_MAPPING_NODE) {
        static const char *const keys[] = { "preset", "R", "S", "T", "P", "actions", "row_actions",
                                            "col_actions", "payoffs", NULL };
        ent_y_check_keys(&L->y, n, keys, "'game'");
    }
    if (pn) {
        const char *name = ent_y_scalar(pn);
        const ent_matrix_preset *p = name ? ent_matrix_preset_find(name) : NULL;
        if (!p) {
            const char *near = name ? ent_nearest(name, preset_names) : NULL;
            if (near)
                ERR(L, pn, "unknown game '%s'; did you mean '%s'?", name, near);
            else
                ERR(L, pn, "unknown game '%s'; presets are prisoners_dilemma, chicken, stag_hunt, "
                           "deadlock, harmony, battle_of_the_sexes, matching_pennies",
                    name ? name : ent_y_kind(pn));
            return;
        }
        double v[4] = { p->R, p->S, p->T, p->P };
        static const char *const rstp[] = { "R", "S", "T", "P" };
        if (n->type == YAML_MAPPING_NODE) {
            for (int i = 0; i < 4; i++) {
                yaml_node_t *x = ent_y_lookup(&L->y, n, rstp[i]);
                if (!x) continue;
                if (!p->rstp)
                    ERR(L, x, "'%s' applies to the symmetric 2x2 presets, not to '%s'", rstp[i], p->name);
                else
                    read_number(L, x, rstp[i], 0, -1e12, 1e12, &v[i]);
            }
            if (ent_y_lookup(&L->y, n, "payoffs"))
                ERR(L, ent_y_lookup(&L->y, n, "payoffs"), "give either 'preset' or 'payoffs', not both");
        }
        ent_matrix_from_preset(p, v, g);
        if (n->type == YAML_MAPPING_NODE) {
            yaml_node_t *x;
            if ((x = ent_y_lookup(&L->y, n, "actions"))) {
                read_labels(L, x, 2, g->row_labels, "actions");
                memcpy(g->col_labels, g->row_labels, sizeof g->col_labels);
            }
            if ((x = ent_y_lookup(&L->y, n, "row_actions"))) read_labels(L, x, 2, g->row_labels, "row_actions");
            if ((x = ent_y_lookup(&L->y, n, "col_actions"))) read_labels(L, x, 2, g->col_labels, "col_actions");
        }
        return;
    }
    yaml_node_t *pay = ent_y_lookup(&L->y, n, "payoffs");
    if (!pay) {
        ERR(L, n, "'game' needs a 'preset' or a 'payoffs' matrix");
        return;
    }
    static const char *const rstp[] = { "R", "S", "T", "P" };
    for (int i = 0; i < 4; i++)
        if (ent_y_lookup(&L->y, n, rstp[i]))
            ERR(L, ent_y_lookup(&L->y, n, rstp[i]), "'%s' applies to a preset; with 'payoffs' write the cells",
                rstp[i]);
    snprintf(g->name, sizeof g->name, "custom");
    read_payoffs(L, pay, g);
    if (g->m == 0)
        return;
    default_labels(g);
    yaml_node_t *x;
    if ((x = ent_y_lookup(&L->y, n, "actions"))) {
        if (g->m != g->n)
            ERR(L, x, "'actions' names both players' actions and needs a square game; use "
                      "'row_actions' and 'col_actions'");
        else {
            read_labels(L, x, g->m, g->row_labels, "actions");
            memcpy(g->col_labels, g->row_labels, sizeof g->col_labels);
        }
    }
    if ((x = ent_y_lookup(&L->y, n, "row_actions"))) read_labels(L, x, g->m, g->row_labels, "row_actions");
    if ((x = ent_y_lookup(&L->y, n, "col_actions"))) read_labels(L, x, g->n, g->col_labels, "col_actions");
}

/* ---- players ------------------------------------------------------------------ */

static void read_player(loader *L, yaml_node_t *n, ent_gs_player *pl)
{
    yaml_node_t *name_node = n->type == YAML_MAPPING_NODE ? ent_y_lookup(&L->y, n, "name") : n;
    if (!name_node) {
        ERR(L, n, "a player needs a 'name' naming its strategy");
        return;
    }
    const char *name = ent_y_scalar(name_node);
    const ent_gs_type *t = name ? ent_gs_find(name) : NULL;
    if (!t) {
        size_t cap = ent_gs_count() + 1;
        const char **names = malloc(cap * sizeof *names);
        const char *near = NULL;
        if (names) {
            ent_gs_names(names, cap);
            near = name ? ent_nearest(name, names) : NULL;
        }
        if (near)
            ERR(L, name_node, "unknown strategy '%s'; did you mean '%s'?", name, near);
        else
            ERR(L, name_node, "unknown strategy '%s'; see 'entente list strategies'",
                name ? name : ent_y_kind(name_node));
        free(names);
        return;
    }
    ent_gs_player_init(pl, t);
    if (n->type != YAML_MAPPING_NODE)
        return;
    const char *valid[ENT_GS_PARAMS + 3];
    size_t nv = 0;
    valid[nv++] = "name";
    valid[nv++] = "label";
    for (size_t i = 0; i < t->n_params; i++)
        valid[nv++] = t->params[i].name;
    valid[nv] = NULL;
    char what[96];
    snprintf(what, sizeof what, "strategy '%s'", t->name);
    ent_y_check_keys(&L->y, n, valid, what);
    char label[64];
    size_t used = (size_t)snprintf(label, sizeof label, "%s", t->name);
    int given = 0;
    for (size_t i = 0; i < t->n_params; i++) {
        const ent_param_desc *d = &t->params[i];
        yaml_node_t *v = ent_y_lookup(&L->y, n, d->name);
        if (!v)
            continue;
        if (d->type == ENT_P_ENUM) {
            const char *s = ent_y_scalar(v);
            int found = -1;
            for (int c = 0; s && d->choices[c]; c++)
                if (!strcmp(d->choices[c], s)) found = c;
            if (found < 0) {
                ERR(L, v, "'%s' of %s must be one of C, D, got %s", d->name, t->name, s ? s : ent_y_kind(v));
                continue;
            }
            pl->p[i] = found;
        } else if (read_number(L, v, d->name, d->type == ENT_P_INT, d->min, d->max, &pl->p[i])) {
            continue;
        }
        if (used < sizeof label)
            used += (size_t)snprintf(label + used, sizeof label - used, "%s%s=%s", given ? "," : "(",
                                     d->name, ent_y_scalar(v));
        given = 1;
    }
    if (given && used < sizeof label)
        snprintf(label + used, sizeof label - used, ")");
    snprintf(pl->label, sizeof pl->label, "%s", label);
    yaml_node_t *lab = ent_y_lookup(&L->y, n, "label");
    if (lab) {
        const char *s = ent_y_scalar(lab);
        if (!s || !*s || strlen(s) >= sizeof pl->label || strchr(s, ',') || strchr(s, '"'))
            ERR(L, lab, "'label' expects a short name without commas or quotes, got %s",
                s ? s : ent_y_kind(lab));
        else
            snprintf(pl->label, sizeof pl->label, "%s", s);
    }
}

static void read_players(loader *L, yaml_node_t *n)
{
    ent_classic *c = L->c;
    if (n->type != YAML_SEQUENCE_NODE) {
        ERR(L, n, "'players' expects a list of strategies, found %s", ent_y_kind(n));
        return;
    }
    size_t m = seq_len(n);
    if (m < 2 || m > ENT_TOUR_MAX_PLAYERS) {
        ERR(L, n, "'players' must list 2 to %d strategies, found %zu", ENT_TOUR_MAX_PLAYERS, m);
        return;
    }
    c->players = calloc(m, sizeof *c->players);
    if (!c->players) {
        ERR(L, n, "out of memory");
        return;
    }
    c->n_players = m;
    for (size_t i = 0; i < m; i++) {
        yaml_node_t *it = ent_y_node(&L->y, n->data.sequence.items.start[i]);
        read_player(L, it, &c->players[i]);
        for (size_t j = 0; j < i && c->players[i].type; j++)
            if (c->players[j].type && !strcmp(c->players[j].label, c->players[i].label)) {
                ERR(L, it, "player '%s' appears twice; give one a distinct 'label'",
                    c->players[i].label);
                break;
            }
    }
    ent_bimatrix *g = &c->game;
    if (g->m && (g->m != 2 || g->n != 2 || !ent_matrix_is_symmetric(g)))
        ERR(L, n, "a tournament needs a symmetric 2x2 game (the strategies are for two actions "
                  "and both players alike); this game is %dx%d%s", g->m, g->n,
            g->m == 2 && g->n == 2 ? " and not symmetric" : "");
}

/* ---- top level ------------------------------------------------------------------- */

static void read_top(loader *L, yaml_node_t *root)
{
    ent_classic *c = L->c;
    ent_y_check_keys(&L->y, root, top_keys, "the game file");
    yaml_node_t *n = ent_y_lookup(&L->y, root, "name");
    if (!n) {
        ERR(L, root, "missing required key 'name' in the game file");
    } else if (!ent_y_scalar(n) || !valid_label(ent_y_scalar(n))) {
        ERR(L, n, "'name' expects letters, digits, '_' or '-' (it names the results folder), got %s",
            ent_y_scalar(n) ? ent_y_scalar(n) : ent_y_kind(n));
    } else {
        c->name = strdup(ent_y_scalar(n));
    }
    n = ent_y_lookup(&L->y, root, "description");
    if (n && !ent_y_scalar(n))
        ERR(L, n, "'description' expects text, found %s", ent_y_kind(n));
    c->description = strdup(n && ent_y_scalar(n) ? ent_y_scalar(n) : "");
    n = ent_y_lookup(&L->y, root, "references");
    if (n) {
        if (n->type != YAML_SEQUENCE_NODE) {
            ERR(L, n, "'references' expects a list, found %s", ent_y_kind(n));
        } else {
            c->references = calloc(seq_len(n) + 1, sizeof(char *));
            for (size_t i = 0; c->references && i < seq_len(n); i++) {
                yaml_node_t *it = ent_y_node(&L->y, n->data.sequence.items.start[i]);
                if (!ent_y_scalar(it))
                    ERR(L, it, "each reference is text, found %s", ent_y_kind(it));
                else
                    c->references[c->n_references++] = strdup(ent_y_scalar(it));
            }
        }
    }
    n = ent_y_lookup(&L->y, root, "game");
    if (!n)
        ERR(L, root, "missing required key 'game' in the game file");
    else
        read_game(L, n);
    yaml_node_t *pl = ent_y_lookup(&L->y, root, "players"), *st = ent_y_lookup(&L->y, root, "strategies");
    if (pl && st)
        ERR(L, st, "give 'players' or 'strategies', not both");
    else if (pl || st)
        read_players(L, pl ? pl : st);

    double v;
    if ((n = ent_y_lookup(&L->y, root, "turns")) && !read_number(L, n, "turns", 1, 1, ENT_TOUR_MAX_TURNS, &v))
        c->turns = (int)v;
    if ((n = ent_y_lookup(&L->y, root, "repetitions")) && !read_number(L, n, "repetitions", 1, 1, 1e6, &v))
        c->repetitions = (int)v;
    if ((n = ent_y_lookup(&L->y, root, "noise")))
        read_number(L, n, "noise", 0, 0, 1, &c->noise);
    if ((n = ent_y_lookup(&L->y, root, "prob_end")))
        read_number(L, n, "prob_end", 0, 0, 1, &c->prob_end);
    if ((n = ent_y_lookup(&L->y, root, "seed")) && !read_number(L, n, "seed", 1, 0, 9007199254740992.0, &v))
        c->seed = (uint64_t)v;
    if ((n = ent_y_lookup(&L->y, root, "replicator"))) {
        static const char *const keys[] = { "time", NULL };
        if (n->type != YAML_MAPPING_NODE) {
            ERR(L, n, "'replicator' expects a mapping with 'time', found %s", ent_y_kind(n));
        } else {
            ent_y_check_keys(&L->y, n, keys, "'replicator'");
            yaml_node_t *x = ent_y_lookup(&L->y, n, "time");
            if (x) read_number(L, x, "time", 0, 1e-6, 1e6, &c->replicator_time);
        }
    }
    if ((n = ent_y_lookup(&L->y, root, "moran"))) {
        static const char *const keys[] = { "population", "trials", "intensity", NULL };
        if (n->type != YAML_MAPPING_NODE) {
            ERR(L, n, "'moran' expects a mapping with 'population', 'trials', 'intensity', found %s",
                ent_y_kind(n));
        } else {
            ent_y_check_keys(&L->y, n, keys, "'moran'");
            yaml_node_t *x = ent_y_lookup(&L->y, n, "population");
            if (!x)
                ERR(L, n, "missing required key 'population' in 'moran'");
            else if (!read_number(L, x, "population", 1, 2, 100000, &v))
                c->moran_population = (int)v;
            if ((x = ent_y_lookup(&L->y, n, "trials")) && !read_number(L, x, "trials", 1, 1, 1e8, &v))
                c->moran_trials = (int)v;
            if ((x = ent_y_lookup(&L->y, n, "intensity")))
                read_number(L, x, "intensity", 0, 0, 1, &c->moran_intensity);
        }
    }
}

ent_classic *ent_i_classic_from_doc(const char *name, const char *buf, size_t len, ent_ydoc *Y)
{
    ent_diags *d = Y->d;
    loader L;
    memset(&L, 0, sizeof L);
    L.y = *Y;
    ent_classic *c = calloc(1, sizeof *c);
    if (!c) {
        ent_diags_addf(d, 0, 0, "out of memory");
        return NULL;
    }
    L.c = c;
    c->path = strdup(name);
    c->turns = 200;
    c->repetitions = 10;
    c->seed = 1;
    c->replicator_time = 100.0;
    c->moran_trials = 1000;
    c->moran_intensity = 0.5;
    ent_sha256_hex(buf, len, c->sha256);
    yaml_node_t *root = yaml_document_get_root_node(&L.y.doc);
    if (!root)
        ent_diags_addf(d, 1, 1, "empty file: expected a mapping with 'name' and 'game'");
    else if (root->type != YAML_MAPPING_NODE)
        ERR(&L, root, "a game file is a mapping with 'name' and 'game', found %s", ent_y_kind(root));
    else
        read_top(&L, root);
    if (d->total > 0 || !c->path || !c->description || !c->name) {
        if (d->total == 0)
            ent_diags_addf(d, 0, 0, "out of memory");
        ent_classic_free(c);
        return NULL;
    }
    return c;
}

ent_classic *ent_classic_load_buffer(const char *name, const char *buf, size_t len, ent_diags *d)
{
    ent_ydoc Y = { .d = d };
    if (ent_y_parse(&Y, buf, len))
        return NULL;
    ent_classic *c = ent_i_classic_from_doc(name, buf, len, &Y);
    yaml_document_delete(&Y.doc);
    return c;
}

int ent_i_is_game_doc(ent_ydoc *Y)
{
    yaml_node_t *root = yaml_document_get_root_node(&Y->doc);
    return root && root->type == YAML_MAPPING_NODE && ent_y_lookup(Y, root, "game") != NULL;
}

ent_classic *ent_classic_load(const char *path, ent_diags *d)
{
    size_t len = 0;
    char *buf = ent_y_read_file(path, MAX_FILE_BYTES, "game", &len, d);
    if (!buf)
        return NULL;
    ent_classic *c = ent_classic_load_buffer(path, buf, len, d);
    free(buf);
    return c;
}

int ent_classic_is_game_file(const char *path)
{
    size_t len = 0;
    char *buf = ent_y_read_file(path, MAX_FILE_BYTES, "game", &len, NULL);
    if (!buf)
        return 0;
    ent_diags d;
    ent_diags_init(&d, path);
    ent_ydoc Y = { .d = &d };
    int is_game = 0;
    if (ent_y_parse(&Y, buf, len) == 0) {
        is_game = ent_i_is_game_doc(&Y);
        yaml_document_delete(&Y.doc);
    }
    free(buf);
    return is_game;
}

void ent_classic_free(ent_classic *c)
{
    if (!c)
        return;
    free(c->path);
    free(c->name);
    free(c->description);
    for (size_t i = 0; i < c->n_references; i++)
        free(c->references[i]);
    free(c->references);
    if (c->payoff_text)
        for (int i = 0; i < 2 * c->game.m * c->game.n; i++)
            free(c->payoff_text[i]);
    free(c->payoff_text);
    free(c->players);
    free(c);
}
