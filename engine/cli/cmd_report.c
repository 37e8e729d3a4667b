/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** cmd_report.c: `entente report DIR`: draw the plots of a result folder and
** write DIR/report.html, one self-contained page (inline SVG and CSS, no
** scripts, nothing fetched from the network) for reading or projecting.
*/
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "output.h"
#include "plot_result.h"
#include "plot_schema.h"
#include "report_html.h"
#include "report_story.h"

const char ent_usage_report[] =
    "usage: entente report DIR [--x PARAM] [--y PARAM] [--outcome NAME] [--agents A,B,...]\n"
    "                     [--no-plots] [--quiet]\n"
    "\n"
    "Draw the plots of a result folder (as 'entente plot' does) and write DIR/report.html:\n"
    "one self-contained page with the scenario's name, description and references, a short\n"
    "account of what happened, every plot (SVG inlined), the summary tables and the\n"
    "parameters from manifest.json. It uses no scripts and fetches nothing from the network.\n"
    "For a play folder (from 'entente play') it adds the student's path against the strategies\n"
    "replayed on the same seed, and the debrief table (debrief.csv).\n"
    "The options are those of 'entente plot', and:\n"
    "  --no-plots       the page without plots (needs no gnuplot)\n";

#define MAX_TABLE_ROWS 300

static const char style[] =
    "body{font-family:sans-serif;max-width:72em;margin:1em auto;padding:0 1em;color:#1a1a1a;"
    "line-height:1.45;background:#fff}\n"
    "h1{font-size:1.7em;margin-bottom:.2em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;"
    "margin-top:1.6em}\n"
    "figure{margin:1.2em 0;padding:.5em;border:1px solid #e2e2e2}figure svg{width:100%;height:auto;"
    "display:block}\n"
    "figcaption{font-size:.95em;color:#333;margin-top:.3em}\n"
    ".scroll{overflow-x:auto}table{border-collapse:collapse;font-size:.85em;margin:.5em 0}\n"
    "th,td{border:1px solid #d0d0d0;padding:.2em .5em}th{background:#f2f2f2}"
    "td.num{text-align:right;font-variant-numeric:tabular-nums}\n"
    "caption{text-align:left;font-weight:bold;padding:.3em 0}.note,.kind{color:#555}\n"
    "dl{margin:.2em 0 .2em 1em}dt{font-weight:bold;margin-top:.3em}dd{margin-left:1.5em}\n"
    "code{background:#f4f4f4;padding:0 .2em}\n"
    "@media print{figure{break-inside:avoid}}\n";

static void section_tables(FILE *f, const ent_result *r)
{
    static const struct { ent_kind kind; const char *file; const char *caption; } tabs[] = {
        { ENT_KIND_RUN, ENT_F_OUTCOMES, "Outcomes per agent (outcomes.csv)" },
        { ENT_KIND_SWEEP, ENT_F_SUMMARY, "Summary per point and outcome (summary.csv)" },
        { ENT_KIND_SWEEP, ENT_F_SENSITIVITY, "Sobol indices (sensitivity.csv)" },
        { ENT_KIND_TOURNAMENT, ENT_F_RANKING, "Ranking (ranking.csv)" },
        { ENT_KIND_TOURNAMENT, ENT_F_MATRIX, "Payoff matrix (payoff_matrix.csv)" },
        { ENT_KIND_SENSITIVITY, ENT_F_SENSITIVITY, "Sobol indices (sensitivity.csv)" },
        { ENT_KIND_CALIBRATE, "calibration.csv", "Parameters: posterior and prior (calibration.csv)" },
        { ENT_KIND_CALIBRATE, "fit.csv", "Targets: observed and simulated (fit.csv)" },
    };
    fputs("<h2 id=\"tables\">Summary tables</h2>\n", f);
    if (r->is_play) {
        ent_table d;
        if (!ent_play_debrief(r, &d)) {
            ent_html_table(f, &d, MAX_TABLE_ROWS, "Debrief: the student's path against the strategies "
                           "replayed on the same seed (debrief.csv)");
            ent_table_free(&d);
        }
    }
    for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; i++) {
        if (tabs[i].kind != r->kind)
            continue;
        ent_table t;
        if (ent_result_table(r, tabs[i].file, 0, &t))
            continue;           /* absent, or already reported by the plot step */
        ent_html_table(f, &t, MAX_TABLE_ROWS, tabs[i].caption);
        ent_table_free(&t);
    }
}

static void section_story(FILE *f, const ent_result *r)
{
    ent_table a, b, c;
    memset(&b, 0, sizeof b);
    memset(&c, 0, sizeof c);
    fputs("<h2 id=\"account\">What happened</h2>\n", f);
    switch (r->kind) {
    case ENT_KIND_RUN:
        if (r->is_play) {
            ent_table d;
            int rc = ent_play_debrief(r, &d);    /* checked by the plot step already */
            ent_story_play(f, rc ? NULL : &d, r->student);
            if (!rc)
                ent_table_free(&d);
        }
        if (!ent_result_table(r, ENT_F_TRACE, 1, &a) && !ent_result_table(r, ENT_F_EVENTS, 1, &b) &&
            !ent_result_table(r, ENT_F_OUTCOMES, 1, &c))
            ent_story_run(f, &a, &b, &c);
        break;
    case ENT_KIND_SWEEP:
        if (!ent_result_table(r, ENT_F_SUMMARY, 1, &a))
            ent_story_sweep(f, &a);
        if (r->has_sensitivity && !ent_result_table(r, ENT_F_SENSITIVITY, 1, &b))
            ent_story_sensitivity(f, &b);
        break;
    case ENT_KIND_TOURNAMENT:
        if (!ent_result_table(r, ENT_F_RANKING, 1, &a))
            ent_story_tournament(f, &a);
        break;
    case ENT_KIND_SENSITIVITY:
        if (!ent_result_table(r, ENT_F_SENSITIVITY, 1, &a))
            ent_story_sensitivity(f, &a);
        break;
    case ENT_KIND_CALIBRATE:
        ent_story_calibrate(f, r);
        break;
    }
    ent_table_free(&a);
    ent_table_free(&b);
    ent_table_free(&c);
}

static int section_plots(FILE *f, const ent_plotter *p)
{
    fputs("<h2 id=\"plots\">Plots</h2>\n", f);
    if (!p->n_made)
        fputs("<p class=\"note\">None of the plotted columns is in the result files.</p>\n", f);
    for (size_t i = 0; i < p->n_made; i++) {
        const ent_plot_made *m = &p->made[i];
        char path[4600], prefix[120];
        snprintf(path, sizeof path, "%s/%s.svg", p->plots_dir, m->name);
        snprintf(prefix, sizeof prefix, "p%zu", i + 1);
        fprintf(f, "<figure id=\"plot-%s\">", m->name);
        if (ent_html_svg(f, path, prefix, m->caption)) {
            fprintf(stderr, "entente report: cannot read '%s'\n", path);
            return -1;
        }
        fputs("<figcaption>", f);
        ent_html_text(f, m->caption);
        fprintf(f, " <span class=\"note\">(plots/%s.svg, .png)</span></figcaption>\n</figure>\n", m->name);
    }
    return 0;
}

static void section_parameters(FILE *f, const ent_result *r)
{
    fputs("<h2 id=\"parameters\">Parameters</h2>\n", f);
    if (!r->manifest) {
        fputs("<p class=\"note\">The folder has no manifest.json.</p>\n", f);
        return;
    }
    fputs("<p class=\"note\">From manifest.json: everything needed to reproduce the result.</p>\n"
          "<dl>\n", f);
    for (const ent_json *m = r->manifest->child; m; m = m->next) {
        if (!strcmp(m->key, "description") || !strcmp(m->key, "references"))
            continue;
        fputs("<dt>", f);
        ent_html_text(f, m->key);
        fputs("</dt><dd>", f);
        ent_html_json(f, m, 1);
        fputs("</dd>\n", f);
    }
    fputs("</dl>\n", f);
}

static int write_report(const ent_result *r, const ent_plotter *p)
{
    ent_outfile o;
    if (ent_outfile_open(&o, r->dir, "report.html"))
        return ENT_EXIT_FAIL;
    FILE *f = o.f;
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>", f);
    ent_html_text(f, r->scenario);
    fputs(" - entente report</title>\n<style>\n", f);
    fputs(style, f);
    fputs("</style>\n</head>\n<body>\n<h1>", f);
    ent_html_text(f, r->scenario);
    fprintf(f, "</h1>\n<p class=\"kind\">A %s result of entente", r->is_play ? "play" : ent_kind_names[r->kind]);
    const char *version = r->manifest ? ent_json_getstr(r->manifest, "entente_version") : NULL;
    if (version) {
        fputs(" ", f);
        ent_html_text(f, version);
    }
    fputs(".</p>\n", f);
    const char *desc = r->manifest ? ent_json_getstr(r->manifest, "description") : NULL;
    if (desc && *desc) {
        fputs("<p class=\"description\">", f);
        ent_html_text(f, desc);
        fputs("</p>\n", f);
    }
    const ent_json *refs = r->manifest ? ent_json_get(r->manifest, "references") : NULL;
    if (refs && refs->type == ENT_J_ARR && refs->child) {
        fputs("<h2 id=\"references\">References</h2>\n<ul class=\"references\">\n", f);
        for (const ent_json *e = refs->child; e; e = e->next)
            if (e->type == ENT_J_STR) {
                fputs("<li>", f);
                ent_html_text(f, e->str);
                fputs("</li>\n", f);
            }
        fputs("</ul>\n", f);
    }
    section_story(f, r);
    if (section_plots(f, p)) {
        ent_outfile_abort(&o);
        return ENT_EXIT_FAIL;
    }
    section_tables(f, r);
    section_parameters(f, r);
    fputs("<p class=\"note\">Made with <code>entente report</code>. The plots are also in plots/ as SVG "
          "and PNG; the gnuplot scripts that drew them are in the plots/ folder of entente.</p>\n"
          "</body>\n</html>\n", f);
    return ent_outfile_commit(&o) ? ENT_EXIT_FAIL : ENT_EXIT_OK;
}

int ent_cmd_report(int argc, char **argv)
{
    ent_plot_opts po;
    const char *dir;
    int quiet;
    int rc = ent_plot_parse("report", argc, argv, ent_usage_report, &po, &dir, &quiet);
    if (rc)
        return rc > 0 ? ENT_EXIT_OK : ENT_EXIT_USAGE;
    if (po.format) {
        fprintf(stderr, "entente report: --format is an option of `entente plot` (the report "
                        "embeds its plots as SVG)\n");
        return ENT_EXIT_USAGE;
    }
    ent_result r;
    if ((rc = ent_result_open(&r, dir, "report")))
        return rc;
    static ent_plotter p;
    if (po.no_plots) {
        /* the page alone: the folder locked while it is written, no gnuplot */
        char err[9000];
        memset(&p, 0, sizeof p);
        p.lock.fd = -1;
        if (ent_dirlock_take(&p.lock, dir, err, sizeof err)) {
            fprintf(stderr, "entente report: %s\n", err);
            ent_result_close(&r);
            return ENT_EXIT_FAIL;
        }
    } else {
        if (ent_plotter_init(&p, dir, r.scenario)) {
            ent_result_close(&r);
            return ENT_EXIT_FAIL;
        }
        p.quiet = 1;
        if (ent_plotter_begin(&p, "report")) {
            ent_result_close(&r);
            return ENT_EXIT_FAIL;
        }
        rc = ent_plot_result(&r, &po, &p);
        if (!rc && ent_plotter_commit(&p, "report"))
            rc = ENT_EXIT_FAIL;
    }
    if (!rc)
        rc = write_report(&r, &p);
    ent_plotter_end(&p);
    if (!rc && !quiet)
        printf("%s/report.html: %s of %s, %zu plots\n", dir, r.is_play ? "play" : ent_kind_names[r.kind],
               r.scenario, p.n_made);
    ent_result_close(&r);
    return rc;
}
