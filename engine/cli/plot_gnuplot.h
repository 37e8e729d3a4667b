/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** plot_gnuplot.h: running one of the scripts in plots/ with gnuplot, with
** its variables given on the command line (never through a shell), writing
** NAME.svg and NAME.png (or the formats chosen with --format: svg, png, pdf)
** atomically into the result folder's plots/.
*/
#ifndef ENT_PLOT_GNUPLOT_H
#define ENT_PLOT_GNUPLOT_H

#include <stddef.h>
#include "entente/outdir.h"

#define ENT_GP_VARS 8192
#define ENT_PLOTS_MAX 64
#define ENT_PLOT_FORMATS 3      /* svg, png, pdf */

/* Variables for a script, as gnuplot assignments separated by ';'. */
typedef struct {
    char text[ENT_GP_VARS];
    size_t len;
    int overflow;
} ent_gp_vars;

void ent_gp_vars_init(ent_gp_vars *v);
/* name = 'value' (quotes doubled as gnuplot wants) */
void ent_gp_str(ent_gp_vars *v, const char *name, const char *value);
void ent_gp_num(ent_gp_vars *v, const char *name, double value);

/* A plot that was written: its file name stem and its caption. */
typedef struct {
    char name[96];
    char caption[512];
} ent_plot_made;

typedef struct {
    const char *dir;            /* the result folder */
    char plots_dir[4400];       /* where plots are written: DIR/plots, or its staging folder */
    char shown_dir[4096];       /* DIR/plots, for messages */
    ent_dirlock lock;           /* on DIR while plotting */
    ent_staged st;
    char scripts[4096];         /* folder holding the .gp scripts */
    const char *gnuplot;        /* program to run */
    const char *scenario;       /* for titles */
    int quiet;
    const char *formats[ENT_PLOT_FORMATS];  /* file types to write, in order */
    int n_formats;
    ent_plot_made made[ENT_PLOTS_MAX];
    size_t n_made;
} ent_plotter;

/* Find the scripts folder and gnuplot; prints why and returns -1 if either
** is missing. */
int ent_plotter_init(ent_plotter *p, const char *dir, const char *scenario);
/* Choose the formats from a comma-separated list of svg, png and pdf
** (NULL: svg,png). 0; -1 after printing why. */
int ent_plotter_formats(ent_plotter *p, const char *list, const char *cmd);
/* Lock DIR and start a new plots/ folder beside the old one: the plots of a
** folder are replaced as a set. 0; -1 after printing why. */
int ent_plotter_begin(ent_plotter *p, const char *cmd);
/* Swap the new plots/ in (if any plot was drawn; else keep the old). The lock
** is kept. 0; -1 after printing why. */
int ent_plotter_commit(ent_plotter *p, const char *cmd);
/* Drop an uncommitted plots/ folder and release the lock. */
void ent_plotter_end(ent_plotter *p);
/* Render SCRIPT.gp into NAME.svg, NAME.png ... (the plotter's formats) with
** variables v (plus dir, scenario, out, fmt). 0 on success; on failure prints gnuplot's messages. */
int ent_plot_render(ent_plotter *p, const char *script, const char *name, const char *caption,
                    const ent_gp_vars *v);

#endif
