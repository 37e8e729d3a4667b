/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** plot_result.h: a result folder as `entente plot` and `entente report`
** see it: its kind (from manifest.json, else from the files present), its
** scenario, and checked access to its CSV files.
*/
#ifndef ENT_PLOT_RESULT_H
#define ENT_PLOT_RESULT_H

#include <stdio.h>
#include "entente/csv.h"
#include "plot_gnuplot.h"
#include "entente/json.h"

typedef enum { ENT_KIND_RUN, ENT_KIND_SWEEP, ENT_KIND_TOURNAMENT, ENT_KIND_SENSITIVITY, ENT_KIND_CALIBRATE } ent_kind;
extern const char *const ent_kind_names[5];

typedef struct {
    const char *dir;
    const char *cmd;            /* "plot" or "report", for messages */
    ent_json *manifest;         /* NULL when the folder has none */
    ent_kind kind;
    char scenario[256];
    int has_sensitivity;        /* sensitivity.csv beside a sweep */
    int is_play;                /* a run folder written by `entente play` */
    char student[32];           /* play: the code of the student's country ("" if unknown) */
} ent_result;

/* Options shared by plot and report. */
typedef struct {
    const char *x, *y, *outcome;    /* sweep: parameters and outcome to draw */
    const char *agents;             /* run: comma-separated agent codes */
    const char *format;             /* plot: comma-separated svg, png, pdf (NULL: svg,png) */
    int no_plots;                   /* report: the page without plots (no gnuplot needed) */
} ent_plot_opts;

/* Open DIR; prints why and returns ENT_EXIT_USAGE if it is not a result folder. */
int ent_result_open(ent_result *r, const char *dir, const char *cmd);
void ent_result_close(ent_result *r);
/* Read DIR/FILE: 0 read; 1 absent and not required; ENT_EXIT_USAGE after
** printing the error (missing when required, or malformed). */
int ent_result_table(const ent_result *r, const char *file, int required, ent_table *t);
/* Require a column (logical name k); prints and returns ENT_EXIT_USAGE if absent. */
int ent_result_need(const ent_result *r, const char *file, int col,
                    const char *what);
/* Every field of column col is a number or NA; else prints FILE:LINE:FIELD
** and returns ENT_EXIT_USAGE. col < 0 passes. */
int ent_result_numeric(const ent_result *r, const char *file, const ent_table *t, int col);

/* Parse the options of plot and report: 0 ok, 1 after --help, -1 on error. */
int ent_plot_parse(const char *cmd, int argc, char **argv, const char *usage, ent_plot_opts *po,
                   const char **dir, int *quiet);

/* The axis label of a swept parameter: its plain name, the agent it is of,
** and its unit ("allies.KOR.support" -> "KOR: support (fraction)"). */
void ent_plot_param_label(const char *path, char *buf, size_t cap);
/* The same, with its unit only if with_unit ("KOR: support"). */
void ent_plot_param_words(const char *path, int with_unit, char *buf, size_t cap);

/* Draw every plot the folder supports into DIR/plots; an exit status. */
int ent_plot_result(const ent_result *r, const ent_plot_opts *o, ent_plotter *p);
int ent_plot_run(const ent_result *r, const ent_plot_opts *o, ent_plotter *p);
int ent_plot_sweep(const ent_result *r, const ent_plot_opts *o, ent_plotter *p);
int ent_plot_tournament(const ent_result *r, ent_plotter *p);
int ent_plot_sensitivity(const ent_result *r, ent_plotter *p);
/* A calibration folder (plot_calibrate.c): the plots, and the account in
** words for the report. */
int ent_plot_calibrate(const ent_result *r, ent_plotter *p);
void ent_story_calibrate(FILE *f, const ent_result *r);

/* A play folder: the student's path against the strategies replayed on the
** same seed (replay/scenario/, replay/best/), and its debrief.csv. Either may
** be absent (a folder of an older play); what is there is checked. */
int ent_plot_play(const ent_result *r, ent_plotter *p);
/* Read and check DIR/debrief.csv: 0 read (t filled), 1 absent, ENT_EXIT_USAGE
** after printing FILE:LINE:COL and what is wrong. */
int ent_play_debrief(const ent_result *r, ent_table *t);
#define ENT_F_DEBRIEF "debrief.csv"
/* The replayed paths of a play folder, in the order they are drawn. */
extern const char *const ent_play_paths[3];       /* "student", "scenario", "best" */

/* A space-separated word list for gnuplot. */
typedef struct {
    char text[8192];
    size_t n;
} ent_words;
void ent_words_add(ent_words *w, const char *word);
int ent_words_has(const ent_words *w, const char *word);

#endif
