/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** plot_tournament.c: the plots of a tournament (ranking.csv,
** payoff_matrix.csv, the replicator shares) and of a sensitivity analysis
** (sensitivity.csv: one bar chart of Sobol indices per outcome).
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "plot_result.h"
#include "plot_schema.h"

#define MAX_NAMES 1024
#define MAX_SENS_PLOTS 12
#define MAX_LINES 16        /* lines of the population plot: the palette's colours */

int ent_plot_tournament(const ent_result *r, ent_plotter *p)
{
    ent_table rk, mx, pop;
    int rc;
    memset(&mx, 0, sizeof mx);
    memset(&pop, 0, sizeof pop);
    if ((rc = ent_result_table(r, ENT_F_RANKING, 1, &rk)))
        return rc;
    int cs = ent_schema_col(&rk, ENT_C_STRATEGY), cv = ent_schema_col(&rk, ENT_C_SCORE);
    int cd = ent_schema_col(&rk, ENT_C_SPREAD);
    if ((rc = ent_result_need(r, ENT_F_RANKING, cs, "strategy")) ||
        (rc = ent_result_need(r, ENT_F_RANKING, cv, "mean_score")) ||
        (rc = ent_result_numeric(r, ENT_F_RANKING, &rk, cv)) ||
        (rc = ent_result_numeric(r, ENT_F_RANKING, &rk, cd)))
        goto done;
    if (rk.n_rows == 0) {
        fprintf(stderr, "%s/%s: error: no rows\n", r->dir, ENT_F_RANKING);
        rc = ENT_EXIT_USAGE;
        goto done;
    }
    int m = ent_result_table(r, ENT_F_MATRIX, 0, &mx);
    if (m > 1) {
        rc = m;
        goto done;
    }
    if (m == 0) {
        /* a square table: row labels first, then one column per opponent */
        if (mx.n_cols != mx.n_rows + 1 || mx.n_rows == 0) {
            fprintf(stderr, "%s/%s:1:1: error: expected a square matrix: a first column of strategy "
                            "names and one column per strategy (%zu columns, %zu rows)\n",
                    r->dir, ENT_F_MATRIX, mx.n_cols, mx.n_rows);
            rc = ENT_EXIT_USAGE;
            goto done;
        }
        for (size_t k = 1; k < mx.n_cols; k++)
            if ((rc = ent_result_numeric(r, ENT_F_MATRIX, &mx, (int)k)))
                goto done;
    }
    const char *popfile = NULL;
    for (size_t i = 0; ent_schema_population_files[i] && !popfile; i++) {
        int q = ent_result_table(r, ent_schema_population_files[i], 0, &pop);
        if (q > 1) {
            rc = q;
            goto done;
        }
        if (q == 0)
            popfile = ent_schema_population_files[i];
    }
    int ct = popfile ? ent_schema_col(&pop, ENT_C_TIME) : -1;
    if (popfile) {
        if ((rc = ent_result_need(r, popfile, ct, "time")))
            goto done;
        for (size_t k = 0; k < pop.n_cols; k++)
            if ((rc = ent_result_numeric(r, popfile, &pop, (int)k)))
                goto done;
    }
    rc = ENT_EXIT_FAIL;
    ent_gp_vars v;
    ent_gp_vars_init(&v);
    ent_gp_str(&v, "c_strategy", rk.head[cs]);
    ent_gp_str(&v, "c_score", rk.head[cv]);
    ent_gp_str(&v, "c_spread", cd >= 0 && ent_table_has_num(&rk, cd, -1, "") ? rk.head[cd] : "");
    ent_gp_num(&v, "n", (double)rk.n_rows);
    if (ent_plot_render(p, "tournament_ranking", "ranking",
                        cd >= 0 ? "Mean score per turn of each strategy, best first, with its spread "
                                  "over the repetitions (one standard deviation)."
                                : "Mean score per turn of each strategy, best first.", &v))
        goto done;
    if (m == 0) {
        ent_gp_vars_init(&v);
        ent_gp_num(&v, "n", (double)mx.n_rows);
        if (ent_plot_render(p, "tournament_matrix", "payoff_matrix",
                            "Mean payoff per turn of the row strategy against the column strategy.", &v))
            goto done;
    }
    if (popfile) {
        /* at most MAX_LINES lines, each its own colour: beyond that, the
        ** strategies that reach the highest shares, in the file's order */
        double peak[MAX_NAMES];
        int cand[MAX_NAMES];
        size_t n_cand = 0;
        for (size_t k = 0; k < pop.n_cols && n_cand < MAX_NAMES; k++)
            if ((int)k != ct && !strchr(pop.head[k], ' ') && !strchr(pop.head[k], '\'') &&
                ent_table_has_num(&pop, (int)k, -1, "")) {
                double mx_share = -1;
                for (size_t i = 0; i < pop.n_rows; i++) {
                    double x = ent_table_num(&pop, i, (int)k);
                    if (x > mx_share)
                        mx_share = x;
                }
                peak[n_cand] = mx_share;
                cand[n_cand++] = (int)k;
            }
        ent_words who;
        memset(&who, 0, sizeof who);
        for (size_t a = 0; a < n_cand; a++) {
            size_t above = 0;   /* candidates that rank before a (higher peak, or equal and earlier) */
            for (size_t b = 0; b < n_cand; b++)
                above += peak[b] > peak[a] || (peak[b] == peak[a] && b < a);
            if (above < MAX_LINES)
                ent_words_add(&who, pop.head[cand[a]]);
        }
        char caption[300];
        if (n_cand > MAX_LINES)
            snprintf(caption, sizeof caption, "Population shares under the replicator dynamics of the "
                     "payoff matrix: the %d strategies that reach the highest shares (%zu others, "
                     "which stay lower, are left out).", MAX_LINES, n_cand - MAX_LINES);
        else
            snprintf(caption, sizeof caption, "Population shares of the strategies under the "
                     "replicator dynamics of the payoff matrix.");
        if (who.n) {
            char path[4200];
            snprintf(path, sizeof path, "%s/%s", r->dir, popfile);
            ent_gp_vars_init(&v);
            ent_gp_str(&v, "population", path);
            ent_gp_str(&v, "c_time", pop.head[ct]);
            ent_gp_str(&v, "strategies", who.text);
            if (ent_plot_render(p, "tournament_population", "population", caption, &v))
                goto done;
        }
    }
    rc = 0;
done:
    ent_table_free(&rk);
    ent_table_free(&mx);
    ent_table_free(&pop);
    return rc;
}

int ent_plot_sensitivity(const ent_result *r, ent_plotter *p)
{
    ent_table t;
    int rc;
    if ((rc = ent_result_table(r, ENT_F_SENSITIVITY, 1, &t)))
        return rc;
    static const ent_logical_col need[] = { ENT_C_OUTCOME, ENT_C_PARAM, ENT_C_S1, ENT_C_S1_LO,
                                            ENT_C_S1_HI, ENT_C_ST, ENT_C_ST_LO, ENT_C_ST_HI };
    static const char *const vars[] = { "c_outcome", "c_param", "c_s1", "c_s1_lo", "c_s1_hi", "c_st",
                                        "c_st_lo", "c_st_hi" };
    int col[8];
    for (size_t k = 0; k < 8; k++) {
        col[k] = ent_schema_col(&t, need[k]);
        if ((rc = ent_result_need(r, ENT_F_SENSITIVITY, col[k], ent_schema_names[need[k]][0])) ||
            (k >= 2 && (rc = ent_result_numeric(r, ENT_F_SENSITIVITY, &t, col[k]))))
            goto done;
    }
    const char **outs = malloc(MAX_NAMES * sizeof *outs), **pars = malloc(MAX_NAMES * sizeof *pars);
    rc = ENT_EXIT_FAIL;
    if (!outs || !pars) {
        free(outs);
        free(pars);
        goto done;
    }
    size_t n_out = ent_table_distinct(&t, col[0], -1, "", outs, MAX_NAMES);
    for (size_t i = 0; i < n_out && i < MAX_SENS_PLOTS; i++) {
        size_t n_par = ent_table_distinct(&t, col[1], col[0], outs[i], pars, MAX_NAMES);
        ent_words pw;
        memset(&pw, 0, sizeof pw);
        for (size_t k = 0; k < n_par; k++)
            if (!strchr(pars[k], ' ') && !strchr(pars[k], '\''))
                ent_words_add(&pw, pars[k]);
        if (!pw.n || !ent_table_has_num(&t, col[2], col[0], outs[i]))
            continue;
        ent_gp_vars v;
        ent_gp_vars_init(&v);
        for (size_t k = 0; k < 8; k++)
            ent_gp_str(&v, vars[k], t.head[col[k]]);
        ent_gp_str(&v, "outcome", outs[i]);
        ent_gp_str(&v, "params", pw.text);
        /* the tic labels: each parameter in words, at its pair of bars */
        char tics[4096];
        size_t tl = (size_t)snprintf(tics, sizeof tics, "set xtics (");
        size_t longest = 0;
        for (size_t k = 1; k <= pw.n && tl < sizeof tics; k++) {
            char words[160], esc[330];
            const char *w = pw.text;
            for (size_t skip = 1; skip < k; skip++)
                w = strchr(w, ' ') + 1;
            char path[160];
            snprintf(path, sizeof path, "%.*s", (int)strcspn(w, " "), w);
            ent_plot_param_words(path, 0, words, sizeof words);
            size_t e = 0;
            for (const char *c = words; *c && e + 2 < sizeof esc; c++) {
                if (*c == '"' || *c == '\\')
                    esc[e++] = '\\';
                esc[e++] = *c;
            }
            esc[e] = '\0';
            longest = strlen(words) > longest ? strlen(words) : longest;
            tl += (size_t)snprintf(tics + tl, tl < sizeof tics ? sizeof tics - tl : 0, "%s\"%s\" %zu",
                                   k > 1 ? ", " : "", esc, k);
        }
        if (tl + 2 < sizeof tics) {
            strcat(tics, ")");
            ent_gp_str(&v, "xtic_cmd", tics);
        }
        /* labels side by side fit when the bars are wide enough for them */
        ent_gp_num(&v, "rotate", (double)(pw.n * (longest + 2) > 90));
        /* a file name from the outcome: letters, digits, '-', '_' and '.' */
        char name[96], caption[256];
        snprintf(name, sizeof name, "sensitivity_%.60s", outs[i]);
        for (char *q = name; *q; q++)
            if (!isalnum((unsigned char)*q) && *q != '-' && *q != '_' && *q != '.')
                *q = '_';
        snprintf(caption, sizeof caption, "First-order and total Sobol indices of %.120s for each "
                 "parameter, with bootstrap confidence intervals.", outs[i]);
        if (ent_plot_render(p, "sensitivity", name, caption, &v)) {
            free(outs);
            free(pars);
            goto done;
        }
    }
    free(outs);
    free(pars);
    rc = 0;
done:
    ent_table_free(&t);
    return rc;
}
