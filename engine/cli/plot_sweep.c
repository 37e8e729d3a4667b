/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** plot_sweep.c: the plots of a sweep (summary.csv, runs.csv): one outcome
** against one parameter with its 95% confidence band, a heat map over two
** parameters, and histograms of the run outcomes.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "plot_result.h"
#include "entente/json.h"
#include "plot_schema.h"

#define MAX_NAMES 1024
#define MAX_HIST 12
#define MAX_GROUPS 8      /* values of a second parameter drawn as lines */

static int dcmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Distinct finite values of column col on the rows of `outcome`, sorted; count. */
static size_t distinct_sorted(const ent_table *t, int col, int co, const char *outcome, double *out)
{
    size_t n = 0;
    for (size_t i = 0; i < t->n_rows; i++) {
        if (strcmp(ent_table_str(t, i, co), outcome))
            continue;
        double v = ent_table_num(t, i, col);
        if (isfinite(v))
            out[n++] = v;
    }
    qsort(out, n, sizeof *out, dcmp);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (k == 0 || out[i] != out[k - 1])
            out[k++] = out[i];
    return k;
}

static double half_step(const double *v, size_t n)
{
    double s = INFINITY;
    for (size_t i = 1; i < n; i++)
        if (v[i] - v[i - 1] < s)
            s = v[i] - v[i - 1];
    return isfinite(s) ? s / 2 : 0.5 * (fabs(v[0]) > 0 ? fabs(v[0]) : 1.0);
}

static int is_stat_col(const ent_table *t, int c)
{
    static const ent_logical_col stats[] = { ENT_C_POINT, ENT_C_OUTCOME, ENT_C_N, ENT_C_MEAN, ENT_C_SD,
        ENT_C_CI_LO, ENT_C_CI_HI, ENT_C_MEDIAN, ENT_C_Q05, ENT_C_Q95 };
    for (size_t k = 0; k < sizeof stats / sizeof stats[0]; k++)
        if (ent_schema_col(t, stats[k]) == c)
            return 1;
    return 0;
}

/* The outcome drawn when none is asked for: the first the sweep names in its
** `outcomes:` (the manifest's focus_outcomes), else the first whose mean
** varies over the points, else the first. */
static const char *default_outcome(const ent_result *r, const ent_table *s, int co, int cm,
                                   const char **outs, size_t n_out)
{
    const ent_json *fo = r->manifest ? ent_json_get(r->manifest, "focus_outcomes") : NULL;
    for (const ent_json *a = fo && fo->type == ENT_J_ARR ? fo->child : NULL; a; a = a->next)
        for (size_t i = 0; a->type == ENT_J_STR && i < n_out; i++)
            if (!strcmp(outs[i], a->str))
                return outs[i];
    for (size_t i = 0; i < n_out; i++) {
        double first = NAN;
        for (size_t row = 0; row < s->n_rows; row++) {
            if (strcmp(ent_table_str(s, row, co), outs[i]))
                continue;
            double m = ent_table_num(s, row, cm);
            if (!isfinite(m))
                continue;
            if (isnan(first))
                first = m;
            else if (m != first)
                return outs[i];
        }
    }
    return outs[0];
}

int ent_plot_sweep(const ent_result *r, const ent_plot_opts *o, ent_plotter *p)
{
    ent_table s, runs;
    int rc;
    memset(&runs, 0, sizeof runs);
    if ((rc = ent_result_table(r, ENT_F_SUMMARY, 1, &s)))
        return rc;
    double *vals = NULL;
    const char **outs = NULL;
    if ((rc = ent_result_table(r, ENT_F_RUNS, 1, &runs)))
        goto done;
    int co = ent_schema_col(&s, ENT_C_OUTCOME), cm = ent_schema_col(&s, ENT_C_MEAN);
    int cl = ent_schema_col(&s, ENT_C_CI_LO), ch = ent_schema_col(&s, ENT_C_CI_HI);
    if ((rc = ent_result_need(r, ENT_F_SUMMARY, co, "outcome")) ||
        (rc = ent_result_need(r, ENT_F_SUMMARY, cm, "mean")) ||
        (rc = ent_result_need(r, ENT_F_SUMMARY, cl, "ci_low")) ||
        (rc = ent_result_need(r, ENT_F_SUMMARY, ch, "ci_high")))
        goto done;
    for (size_t k = 0; k < s.n_cols; k++)
        if ((int)k != co && (rc = ent_result_numeric(r, ENT_F_SUMMARY, &s, (int)k)))
            goto done;
    for (size_t k = 0; k < runs.n_cols; k++)
        if ((rc = ent_result_numeric(r, ENT_F_RUNS, &runs, (int)k)))
            goto done;
    rc = ENT_EXIT_FAIL;
    outs = malloc(MAX_NAMES * sizeof *outs);
    vals = malloc((s.n_rows + 1) * sizeof *vals);
    if (!outs || !vals)
        goto done;
    size_t n_out = ent_table_distinct(&s, co, -1, "", outs, MAX_NAMES);
    if (n_out == 0) {
        fprintf(stderr, "%s/%s: error: no rows\n", r->dir, ENT_F_SUMMARY);
        rc = ENT_EXIT_USAGE;
        goto done;
    }
    const char *outcome = o->outcome ? o->outcome : default_outcome(r, &s, co, cm, outs, n_out);
    size_t oi = 0;
    while (oi < n_out && strcmp(outs[oi], outcome))
        oi++;
    if (oi == n_out) {
        fprintf(stderr, "entente %s: --outcome: no outcome '%s' in %s/%s; it has:", r->cmd, outcome,
                r->dir, ENT_F_SUMMARY);
        for (size_t i = 0; i < n_out && i < 40; i++)
            fprintf(stderr, " %s", outs[i]);
        fputc('\n', stderr);
        rc = ENT_EXIT_USAGE;
        goto done;
    }
    /* parameters: summary columns that are not statistics, and that vary */
    int params[64];
    size_t n_par = 0;
    for (size_t k = 0; k < s.n_cols && n_par < 64; k++)
        if (!is_stat_col(&s, (int)k) && distinct_sorted(&s, (int)k, co, outcome, vals) > 1)
            params[n_par++] = (int)k;
    int cx = -1, cy = -1;
    const char *want[2] = { o->x, o->y };
    int *slot[2] = { &cx, &cy };
    for (int a = 0; a < 2; a++) {
        if (want[a]) {
            *slot[a] = ent_table_col(&s, want[a]);
            if (*slot[a] < 0 || is_stat_col(&s, *slot[a])) {
                fprintf(stderr, "entente %s: --%c: no parameter '%s' in %s/%s\n", r->cmd, a ? 'y' : 'x',
                        want[a], r->dir, ENT_F_SUMMARY);
                rc = ENT_EXIT_USAGE;
                goto done;
            }
        }
    }
    for (size_t k = 0; k < n_par; k++) {
        if (cx < 0 && params[k] != cy) cx = params[k];
        else if (cy < 0 && params[k] != cx) cy = params[k];
    }
    char caption[512], xlabel[160], ylabel[160];
    if (cx >= 0) {
        ent_plot_param_label(s.head[cx], xlabel, sizeof xlabel);
        /* a second parameter with a few values (a grid) is drawn as groups */
        size_t ng = cy >= 0 ? distinct_sorted(&s, cy, co, outcome, vals) : 0;
        int grouped = ng >= 2 && ng <= MAX_GROUPS;
        /* the exact values select the rows; the names, with as few digits as
        ** tell them apart, label them */
        char levels[MAX_GROUPS * 26 + 1] = "", names[MAX_GROUPS * 26 + 1] = "";
        int digits = 1;
        for (int unique = 0; grouped && !unique && digits < 17; ) {
            unique = 1;
            for (size_t g = 1; g < ng; g++) {
                char a[32], b[32];
                snprintf(a, sizeof a, "%.*g", digits, vals[g - 1]);
                snprintf(b, sizeof b, "%.*g", digits, vals[g]);
                if (strcmp(a, b) == 0)
                    unique = 0;
            }
            if (!unique)
                digits++;
        }
        for (size_t g = 0; grouped && g < ng; g++) {
            char num[32];
            snprintf(num, sizeof num, "%s%.17g", g ? " " : "", vals[g]);
            strcat(levels, num);
            snprintf(num, sizeof num, "%s%.*g", g ? " " : "", digits < 3 ? 3 : digits, vals[g]);
            strcat(names, num);
        }
        /* a band needs, in each group, the points in increasing order of x,
        ** one per value; an interval needs two replicates somewhere */
        int band = 1, ci = 0;
        double ylo = INFINITY, yhi = -INFINITY;
        for (size_t g = 0; g < (grouped ? ng : 1); g++) {
            double prev = -INFINITY;
            for (size_t i = 0; i < s.n_rows; i++) {
                if (strcmp(ent_table_str(&s, i, co), outcome) ||
                    (grouped && ent_table_num(&s, i, cy) != vals[g]))
                    continue;
                double x = ent_table_num(&s, i, cx);
                if (!(x > prev))
                    band = 0;
                prev = x;
                double lo = ent_table_num(&s, i, cl), hi = ent_table_num(&s, i, ch);
                double mean = ent_table_num(&s, i, cm);
                if (isfinite(lo) && isfinite(hi))
                    ci = 1;
                /* the means decide: a normal-approximation interval of a
                ** count can reach below zero where the count cannot */
                if (isfinite(mean)) {
                    ylo = mean < ylo ? mean : ylo;
                    yhi = mean > yhi ? mean : yhi;
                }
            }
        }
        ent_gp_vars v;
        ent_gp_vars_init(&v);
        ent_gp_str(&v, "x", s.head[cx]);
        ent_gp_str(&v, "xlabel", xlabel);
        ent_gp_str(&v, "outcome", outcome);
        ent_gp_num(&v, "band", band);
        ent_gp_num(&v, "ci", ci);
        /* no mean below zero, and the lowest near it: the axis starts at zero */
        ent_gp_num(&v, "ymin0", ylo >= 0 && yhi > 0 && ylo <= 0.1 * yhi);
        if (grouped) {
            ent_plot_param_label(s.head[cy], ylabel, sizeof ylabel);
            ent_gp_str(&v, "group", s.head[cy]);
            ent_gp_str(&v, "glabel", ylabel);
            ent_gp_str(&v, "levels", levels);
            ent_gp_str(&v, "level_names", names);
        }
        ent_gp_str(&v, "c_outcome", s.head[co]);
        ent_gp_str(&v, "c_mean", s.head[cm]);
        ent_gp_str(&v, "c_lo", s.head[cl]);
        ent_gp_str(&v, "c_hi", s.head[ch]);
        ent_gp_str(&v, "ylabel", outcome);
        int n = snprintf(caption, sizeof caption, ci ? "Mean of %s over the replicates of each point, "
                         "against %s, with its 95%% confidence interval" : "%s at each point (one run "
                         "each, so no interval), against %s", outcome, xlabel);
        if (grouped && n > 0 && (size_t)n < sizeof caption)
            snprintf(caption + n, sizeof caption - (size_t)n, "; one line for each value of %s", ylabel);
        strncat(caption, ".", sizeof caption - strlen(caption) - 1);
        if (ent_plot_render(p, "sweep_line", "sweep_line", caption, &v))
            goto done;
    }
    if (cx >= 0 && cy >= 0) {
        size_t nx = distinct_sorted(&s, cx, co, outcome, vals);
        double dx = half_step(vals, nx);
        size_t ny = distinct_sorted(&s, cy, co, outcome, vals);
        double dy = half_step(vals, ny);
        /* tiles only for a full grid: as many points as x values times y values */
        size_t pts = 0;
        for (size_t i = 0; i < s.n_rows; i++)
            pts += !strcmp(ent_table_str(&s, i, co), outcome);
        int grid = nx * ny == pts;
        ent_gp_vars v;
        ent_gp_vars_init(&v);
        ent_gp_str(&v, "x", s.head[cx]);
        ent_gp_str(&v, "y", s.head[cy]);
        ent_plot_param_label(s.head[cx], xlabel, sizeof xlabel);
        ent_plot_param_label(s.head[cy], ylabel, sizeof ylabel);
        ent_gp_str(&v, "xlabel", xlabel);
        ent_gp_str(&v, "ylabel", ylabel);
        ent_gp_str(&v, "outcome", outcome);
        ent_gp_num(&v, "dx", grid ? dx : 0);
        ent_gp_num(&v, "dy", grid ? dy : 0);
        ent_gp_str(&v, "c_outcome", s.head[co]);
        ent_gp_str(&v, "c_mean", s.head[cm]);
        snprintf(caption, sizeof caption, "Mean of %s over %s and %s.", outcome, xlabel, ylabel);
        if (ent_plot_render(p, "sweep_heatmap", "sweep_heatmap", caption, &v))
            goto done;
    }
    /* histograms of the outcomes found in runs.csv that vary: the chosen one
    ** first, then those the sweep names, then the others, at most MAX_HIST */
    ent_words hist, counts;
    memset(&hist, 0, sizeof hist);
    memset(&counts, 0, sizeof counts);
    const ent_json *fo = r->manifest ? ent_json_get(r->manifest, "focus_outcomes") : NULL;
    for (size_t pass = 0; pass < 3; pass++)
        for (size_t i = 0; i < n_out && hist.n < MAX_HIST; i++) {
            int focus = 0;
            for (const ent_json *a = fo && fo->type == ENT_J_ARR ? fo->child : NULL; a; a = a->next)
                focus |= a->type == ENT_J_STR && !strcmp(a->str, outs[i]);
            if (pass != (i == oi ? 0u : focus ? 1u : 2u))
                continue;
            int c = ent_table_col(&runs, outs[i]);
            if (c < 0 || strchr(outs[i], ' ') || strchr(outs[i], '\'') || !ent_table_has_num(&runs, c, -1, ""))
                continue;
            double first = NAN;
            int varies = 0, whole = 1;
            for (size_t row = 0; row < runs.n_rows; row++) {
                double x = ent_table_num(&runs, row, c);
                if (!isfinite(x))
                    continue;
                whole &= x == floor(x);
                if (isnan(first))
                    first = x;
                else if (x != first)
                    varies = 1;
            }
            if (!varies && i != oi)
                continue;
            ent_words_add(&hist, outs[i]);
            ent_words_add(&counts, whole ? "1" : "0");
        }
    if (hist.n) {
        ent_gp_vars v;
        ent_gp_vars_init(&v);
        ent_gp_str(&v, "outcomes", hist.text);
        ent_gp_str(&v, "counts", counts.text);
        ent_gp_num(&v, "bins", runs.n_rows > 400 ? 30 : runs.n_rows > 60 ? 15 : 8);
        snprintf(caption, sizeof caption, "Distribution of %.120s over all %zu runs%s.",
                 hist.n > 1 ? "the outcomes that vary" : hist.text, runs.n_rows,
                 hist.n == MAX_HIST ? " (the first twelve)" : "");
        if (ent_plot_render(p, "sweep_hist", "sweep_histograms", caption, &v))
            goto done;
    }
    rc = 0;
done:
    free(vals);
    free(outs);
    ent_table_free(&s);
    ent_table_free(&runs);
    return rc;
}
