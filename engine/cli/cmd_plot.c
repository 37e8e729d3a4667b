/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** cmd_plot.c: `entente plot DIR`: tell what a result folder holds and draw
** its plots with the gnuplot scripts of plots/ into DIR/plots/ (SVG and PNG).
*/
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "plot_result.h"

const char ent_usage_plot[] =
    "usage: entente plot DIR [--x PARAM] [--y PARAM] [--outcome NAME] [--agents A,B,...]\n"
    "                   [--format svg,png,pdf] [--quiet]\n"
    "\n"
    "Draw the plots of a result folder into DIR/plots/, each as NAME.svg and NAME.png,\n"
    "with the gnuplot scripts of plots/ (plain files you can edit and rerun by hand).\n"
    "What DIR holds is read from its manifest.json (\"command\"):\n"
    "  run          shares (contribution and burden against the demand), portfolio,\n"
    "               beliefs, hedging, commitment, abandonment, entrapment, payoff,\n"
    "               support (support and win-set), events (threats and answers)\n"
    "  play         those of a run, and for the student's country the student's path\n"
    "               against the scenario's and the best strategy replayed on the same\n"
    "               seed (replay/scenario/, replay/best/), one line each: play_share,\n"
    "               play_belief, play_bandwagon, play_balance, play_bind, play_commitment,\n"
    "               play_payoff (each round), play_cum_payoff; debrief.csv is checked.\n"
    "               Without replay/ (an older play folder) the student's path alone.\n"
    "  sweep        sweep_line (the mean of an outcome against --x with its 95% confidence\n"
    "               interval: a band when the points run along x, else error bars; the\n"
    "               values alone with one replicate per point; one line per value of a\n"
    "               second parameter with few values), sweep_heatmap (outcome over --x\n"
    "               and --y), sweep_histograms (the outcomes that vary, over all runs)\n"
    "  tournament   ranking, payoff_matrix, population (replicator shares)\n"
    "  sensitivity  sensitivity_OUTCOME (first-order and total Sobol indices)\n"
    "A plot is drawn only when its columns are in the files. Needs gnuplot.\n"
    "\n"
    "options:\n"
    "  --x PARAM        sweep: parameter on the x axis (default: the first that varies)\n"
    "  --y PARAM        sweep: parameter on the y axis of the heat map (default: the next)\n"
    "  --outcome NAME   sweep: outcome to draw (default: the first the sweep names in its\n"
    "                   `outcomes:`, else the first in summary.csv that varies)\n"
    "  --agents A,B     run: agents to draw (default: all, or the patron and the largest\n"
    "                   allies by GDP when there are more than 12)\n"
    "  --format LIST    file types, comma-separated: svg, png, pdf (default svg,png);\n"
    "                   pdf (vector, for print) is sized for a page or a column\n"
    "  --quiet          print nothing on success\n"
    "Axes name parameters in words with their units (allies.KOR.support: KOR: support\n"
    "(fraction)).\n"
    "environment: ENTENTE_PLOTS (folder of the scripts), ENTENTE_GNUPLOT (program)\n";

int ent_plot_parse(const char *cmd, int argc, char **argv, const char *usage, ent_plot_opts *po,
                   const char **dir, int *quiet)
{
    ent_option opts[] = {
        { "x", 1, NULL }, { "y", 1, NULL }, { "outcome", 1, NULL }, { "agents", 1, NULL },
        { "quiet", 0, NULL }, { "format", 1, NULL }, { "no-plots", 0, NULL }, { NULL, 0, NULL }
    };
    const char *pos[4];
    size_t n_pos;
    int rc = ent_parse_options(cmd, argc, argv, opts, pos, 4, &n_pos);
    if (rc == 1) {
        fputs(usage, stdout);
        return 1;
    }
    if (rc < 0)
        return -1;
    if (n_pos != 1) {
        fprintf(stderr, "entente %s: expected one result folder DIR, got %zu\n%s", cmd, n_pos, usage);
        return -1;
    }
    *dir = pos[0];
    po->x = ent_opt(opts, "x");
    po->y = ent_opt(opts, "y");
    po->outcome = ent_opt(opts, "outcome");
    po->agents = ent_opt(opts, "agents");
    po->format = ent_opt(opts, "format");
    po->no_plots = ent_opt(opts, "no-plots") != NULL;
    *quiet = ent_opt(opts, "quiet") != NULL;
    return 0;
}

int ent_cmd_plot(int argc, char **argv)
{
    ent_plot_opts po;
    const char *dir;
    int quiet;
    int rc = ent_plot_parse("plot", argc, argv, ent_usage_plot, &po, &dir, &quiet);
    if (rc)
        return rc > 0 ? ENT_EXIT_OK : ENT_EXIT_USAGE;
    if (po.no_plots) {
        fprintf(stderr, "entente plot: --no-plots is an option of `entente report`\n");
        return ENT_EXIT_USAGE;
    }
    ent_result r;
    if ((rc = ent_result_open(&r, dir, "plot")))
        return rc;
    static ent_plotter p;       /* large; one per process */
    if (ent_plotter_init(&p, dir, r.scenario)) {
        ent_result_close(&r);
        return ENT_EXIT_FAIL;
    }
    p.quiet = quiet;
    if (ent_plotter_formats(&p, po.format, "plot")) {
        ent_result_close(&r);
        return ENT_EXIT_USAGE;
    }
    if (ent_plotter_begin(&p, "plot")) {
        ent_result_close(&r);
        return ENT_EXIT_FAIL;
    }
    if (!quiet)
        printf("%s: %s of %s -> %s/\n", dir, r.is_play ? "play" : ent_kind_names[r.kind], r.scenario,
               p.shown_dir);
    rc = ent_plot_result(&r, &po, &p);
    if (!rc && ent_plotter_commit(&p, "plot"))
        rc = ENT_EXIT_FAIL;
    if (!rc && !quiet && p.n_made == 0)
        printf("  nothing to draw: none of the plotted columns is in the files\n");
    ent_plotter_end(&p);
    ent_result_close(&r);
    return rc;
}
