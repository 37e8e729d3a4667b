/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** plot_result.c: opening a result folder, telling its kind, and reading its
** CSV files with errors that name the file, line and field.
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"
#include "filekind.h"
#include "plot_result.h"
#include "plot_schema.h"

const char *const ent_kind_names[5] = { "run", "sweep", "tournament", "sensitivity", "calibrate" };

static int exists(const char *dir, const char *file)
{
    char path[4200];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, file);
    return stat(path, &st) == 0;
}

/* The student's country of a play folder: the manifest's "student" (or "as"),
** else the agent whose strategies a person played ("human"). A code that is
** not a plain word is ignored (it is passed to gnuplot). */
static void find_student(ent_result *r)
{
    const char *code = ent_json_getstr(r->manifest, "student");
    if (!code)
        code = ent_json_getstr(r->manifest, "as");
    const ent_json *agents = ent_json_get(r->manifest, "agents");
    for (const ent_json *a = agents && agents->type == ENT_J_ARR ? agents->child : NULL; a && !code;
         a = a->next) {
        const ent_json *st = a->type == ENT_J_OBJ ? ent_json_get(a, "strategies") : NULL;
        for (const ent_json *m = st && st->type == ENT_J_OBJ ? st->child : NULL; m; m = m->next) {
            const char *name = m->type == ENT_J_OBJ ? ent_json_getstr(m, "name") : NULL;
            if (name && !strncmp(name, "human", 5)) {
                code = ent_json_getstr(a, "code");
                break;
            }
        }
    }
    if (!code || !*code || strlen(code) >= sizeof r->student)
        return;
    for (const char *c = code; *c; c++)
        if (!(isalnum((unsigned char)*c) || *c == '_' || *c == '-'))
            return;
    snprintf(r->student, sizeof r->student, "%s", code);
}

int ent_result_open(ent_result *r, const char *dir, const char *cmd)
{
    memset(r, 0, sizeof *r);
    r->dir = dir;
    r->cmd = cmd;
    struct stat st;
    if (ent_file_expect(cmd, dir, ENT_FILE_RESULT_DIR | ENT_FILE_DIR))
        return ENT_EXIT_USAGE;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "entente %s: '%s' is not a folder\n", cmd, dir);
        return ENT_EXIT_USAGE;
    }
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, ENT_F_MANIFEST);
    const char *command = NULL;
    if (exists(dir, ENT_F_MANIFEST)) {
        ent_diags d;
        ent_diags_init(&d, path);
        r->manifest = ent_json_read(path, &d);
        if (!r->manifest || r->manifest->type != ENT_J_OBJ) {
            if (r->manifest)
                ent_diags_addf(&d, 1, 1, "expected a JSON object");
            ent_diags_print(&d, stderr);
            ent_json_free(r->manifest);
            r->manifest = NULL;
            return ENT_EXIT_USAGE;
        }
        command = ent_json_getstr(r->manifest, "command");
        /* a run or sweep names its "scenario"; a tournament its game "file" */
        const ent_json *sc = ent_json_get(r->manifest, "scenario");
        if (!sc)
            sc = ent_json_get(r->manifest, "file");
        const char *name = sc && sc->type == ENT_J_OBJ ? ent_json_getstr(sc, "name") :
                           sc && sc->type == ENT_J_STR ? sc->str : NULL;
        if (name)
            snprintf(r->scenario, sizeof r->scenario, "%s", name);
    }
    if (!r->scenario[0]) {
        const char *base = strrchr(dir, '/');
        base = base && base[1] ? base + 1 : dir;
        snprintf(r->scenario, sizeof r->scenario, "%s", base);
    }
    int k = -1;
    if (command) {
        for (int i = 0; i < 5; i++)
            if (!strcmp(command, ent_kind_names[i]))
                k = i;
        if (!strcmp(command, "play")) {
            k = ENT_KIND_RUN;       /* a run folder, with the student's choices in it */
            r->is_play = 1;
            find_student(r);
        }
        if (!strcmp(command, "classroom"))
            k = ENT_KIND_RUN;       /* a world of `entente classroom`: a run folder */
        if (k < 0) {
            fprintf(stderr, "%s: error: \"command\" is '%s'; entente %s draws results of "
                            "run, play, sweep, tournament, sensitivity or calibrate\n", path, command, cmd);
            ent_result_close(r);
            return ENT_EXIT_USAGE;
        }
    } else if (exists(dir, ENT_F_TRACE)) k = ENT_KIND_RUN;
    else if (exists(dir, ENT_F_SUMMARY)) k = ENT_KIND_SWEEP;
    else if (exists(dir, ENT_F_RANKING)) k = ENT_KIND_TOURNAMENT;
    else if (exists(dir, ENT_F_SENSITIVITY)) k = ENT_KIND_SENSITIVITY;
    if (k < 0) {
        fprintf(stderr, "entente %s: '%s' holds no result: expected %s, or %s, %s, %s or %s\n", cmd,
                dir, ENT_F_MANIFEST, ENT_F_TRACE, ENT_F_SUMMARY, ENT_F_RANKING, ENT_F_SENSITIVITY);
        ent_result_close(r);
        return ENT_EXIT_USAGE;
    }
    r->kind = (ent_kind)k;
    r->has_sensitivity = k == ENT_KIND_SWEEP && exists(dir, ENT_F_SENSITIVITY);
    return 0;
}

void ent_result_close(ent_result *r)
{
    ent_json_free(r->manifest);
    r->manifest = NULL;
}

int ent_result_table(const ent_result *r, const char *file, int required, ent_table *t)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", r->dir, file);
    memset(t, 0, sizeof *t);
    if (!exists(r->dir, file)) {
        if (!required)
            return 1;
        fprintf(stderr, "%s: error: missing; a %s result folder holds it (was it written by "
                        "'entente %s'?)\n", path, ent_kind_names[r->kind], ent_kind_names[r->kind]);
        return ENT_EXIT_USAGE;
    }
    ent_diags d;
    ent_diags_init(&d, path);
    if (ent_table_read(t, path, &d)) {
        ent_diags_print(&d, stderr);
        return ENT_EXIT_USAGE;
    }
    return 0;
}

int ent_result_need(const ent_result *r, const char *file, int col,
                    const char *what)
{
    if (col >= 0)
        return 0;
    fprintf(stderr, "%s/%s:1:1: error: no column '%s' in the header\n", r->dir, file, what);
    return ENT_EXIT_USAGE;
}

int ent_result_numeric(const ent_result *r, const char *file, const ent_table *t, int col)
{
    if (col < 0)
        return 0;
    for (size_t i = 0; i < t->n_rows; i++) {
        const char *s = ent_table_str(t, i, col);
        if (!*s || !strcmp(s, "NA"))
            continue;
        char *end;
        strtod(s, &end);
        if (*end) {
            /* line = row + 2: the header is line 1 (no field spans lines in our files) */
            fprintf(stderr, "%s/%s:%zu:%d: error: column '%s' holds '%.40s', not a number\n",
                    r->dir, file, i + 2, col + 1, t->head[col], s);
            return ENT_EXIT_USAGE;
        }
    }
    return 0;
}

void ent_words_add(ent_words *w, const char *word)
{
    size_t l = strlen(word), have = strlen(w->text);
    if (have + l + 2 > sizeof w->text)
        return;
    if (have)
        w->text[have++] = ' ';
    memcpy(w->text + have, word, l + 1);
    w->n++;
}

int ent_words_has(const ent_words *w, const char *word)
{
    size_t l = strlen(word);
    for (const char *p = w->text; (p = strstr(p, word)); p += l)
        if ((p == w->text || p[-1] == ' ') && (p[l] == ' ' || p[l] == 0))
            return 1;
    return 0;
}

int ent_plot_result(const ent_result *r, const ent_plot_opts *o, ent_plotter *p)
{
    int rc;
    switch (r->kind) {
    case ENT_KIND_RUN:
        rc = ent_plot_run(r, o, p);
        return rc || !r->is_play ? rc : ent_plot_play(r, p);
    case ENT_KIND_SWEEP:
        rc = ent_plot_sweep(r, o, p);
        return rc || !r->has_sensitivity ? rc : ent_plot_sensitivity(r, p);
    case ENT_KIND_TOURNAMENT: return ent_plot_tournament(r, p);
    case ENT_KIND_SENSITIVITY: return ent_plot_sensitivity(r, p);
    case ENT_KIND_CALIBRATE: return ent_plot_calibrate(r, p);
    }
    return ENT_EXIT_USAGE;
}
