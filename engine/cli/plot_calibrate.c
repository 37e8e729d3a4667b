/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** plot_calibrate.c: a calibration folder in `entente plot` and `entente
** report`: the marginal posterior of each parameter against its prior, the
** pairs of parameters (up to four), the fit of each target (observed +- se
** against the calibrated model's 90% interval), and the account in words,
** which says when the data do not identify a parameter (its posterior sd is
** at least 0.9 of its prior's).
*/
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "plot_result.h"
#include "report_html.h"

#define F_POSTERIOR "posterior.csv"
#define F_CALIBRATION "calibration.csv"
#define F_FIT "fit.csv"
#define NOT_IDENTIFIED 0.9      /* posterior sd / prior sd at or above which the data say little */

static double jnum(const ent_json *o, const char *key)
{
    const ent_json *v = o ? ent_json_get(o, key) : NULL;
    return v && v->type == ENT_J_NUM ? v->num : NAN;
}

/* The prior's density as a gnuplot expression in x ("" if unknown). */
static void prior_expr(const ent_json *prior, char *buf, size_t cap)
{
    const char *d = prior ? ent_json_getstr(prior, "distribution") : NULL;
    buf[0] = 0;
    if (!d)
        return;
    if (!strcmp(d, "uniform")) {
        double a = jnum(prior, "min"), b = jnum(prior, "max");
        snprintf(buf, cap, "(x >= %.17g && x <= %.17g ? %.17g : 0)", a, b, 1.0 / (b - a));
    } else if (!strcmp(d, "normal") || !strcmp(d, "truncated_normal")) {
        double m = jnum(prior, "mean"), s = jnum(prior, "sd");
        if (!strcmp(d, "normal"))
            snprintf(buf, cap, "exp(-0.5 * ((x - %.17g) / %.17g)**2) / (%.17g * sqrt(2 * pi))", m, s, s);
        else {
            double lo = jnum(prior, "min"), hi = jnum(prior, "max");
            double z = 0.5 * (erf((hi - m) / (s * sqrt(2.0))) - erf((lo - m) / (s * sqrt(2.0))));
            snprintf(buf, cap, "(x >= %.17g && x <= %.17g ? exp(-0.5 * ((x - %.17g) / %.17g)**2) / (%.17g * sqrt(2 * pi) * %.17g) : 0)",
                     lo, hi, m, s, s, z);
        }
    } else if (!strcmp(d, "lognormal")) {
        double m = jnum(prior, "meanlog"), s = jnum(prior, "sdlog");
        snprintf(buf, cap, "(x > 0 ? exp(-0.5 * ((log(x) - %.17g) / %.17g)**2) / (x * %.17g * sqrt(2 * pi)) : 0)", m, s, s);
    } else if (!strcmp(d, "beta")) {
        double a = jnum(prior, "alpha"), b = jnum(prior, "beta"), lo = jnum(prior, "min"), hi = jnum(prior, "max");
        double lb = lgamma(a + b) - lgamma(a) - lgamma(b);
        snprintf(buf, cap, "(x > %.17g && x < %.17g ? exp(%.17g + (%.17g - 1) * log((x - %.17g) / %.17g) + "
                 "(%.17g - 1) * log(1 - (x - %.17g) / %.17g)) / %.17g : 0)",
                 lo, hi, lb, a, lo, hi - lo, b, lo, hi - lo, hi - lo);
    } else if (!strcmp(d, "triangular")) {
        double a = jnum(prior, "min"), m = jnum(prior, "mode"), b = jnum(prior, "max");
        snprintf(buf, cap, "(x < %.17g || x > %.17g ? 0 : x < %.17g ? 2 * (x - %.17g) / ((%.17g) * (%.17g)) : "
                 "2 * (%.17g - x) / ((%.17g) * (%.17g)))", a, b, m, a, b - a, m - a > 0 ? m - a : 1, b,
                 b - a, b - m > 0 ? b - m : 1);
    }
}

int ent_plot_calibrate(const ent_result *r, ent_plotter *p)
{
    ent_table post, fit;
    int rc = ent_result_table(r, F_POSTERIOR, 1, &post);
    if (rc)
        return rc;
    if ((rc = ent_result_table(r, F_FIT, 1, &fit))) {
        ent_table_free(&post);
        return rc;
    }
    int cw = ent_table_col(&post, "weight");
    if ((rc = ent_result_need(r, F_POSTERIOR, cw, "weight")) || (rc = ent_result_numeric(r, F_POSTERIOR, &post, cw)))
        goto done;
    /* the parameters: the columns between draw and weight */
    const ent_json *pars = r->manifest ? ent_json_get(r->manifest, "parameters") : NULL;
    ent_words names, labels;
    memset(&names, 0, sizeof names);
    memset(&labels, 0, sizeof labels);
    ent_gp_vars v;
    ent_gp_vars_init(&v);
    int k = 0;
    for (int c = 1; c < cw && k < 16; c++, k++) {
        if (strchr(post.head[c], ' ') || strchr(post.head[c], '\''))
            continue;
        ent_words_add(&names, post.head[c]);
        char lab[256], var[32], expr[1024];
        ent_plot_param_label(post.head[c], lab, sizeof lab);
        snprintf(var, sizeof var, "label%d", k + 1);
        ent_gp_str(&v, var, lab);
        const ent_json *pr = NULL;
        for (const ent_json *e = pars && pars->type == ENT_J_ARR ? pars->child : NULL; e; e = e->next) {
            const char *path = ent_json_getstr(e, "path");
            if (path && !strcmp(path, post.head[c]))
                pr = ent_json_get(e, "prior");
        }
        prior_expr(pr, expr, sizeof expr);
        snprintf(var, sizeof var, "prior%d", k + 1);
        ent_gp_str(&v, var, expr[0] ? expr : "NaN");
        /* the x range: the prior's bounds where it has them, else the draws' */
        double lo = jnum(pr, "min"), hi = jnum(pr, "max");
        double dlo = INFINITY, dhi = -INFINITY;
        for (size_t i = 0; i < post.n_rows; i++) {
            double x = ent_table_num(&post, i, c);
            if (isfinite(x)) {
                dlo = x < dlo ? x : dlo;
                dhi = x > dhi ? x : dhi;
            }
        }
        const char *dn = pr ? ent_json_getstr(pr, "distribution") : NULL;
        if (dn && (!strcmp(dn, "normal") || !strcmp(dn, "lognormal"))) {
            double m = jnum(pr, !strcmp(dn, "normal") ? "mean" : "meanlog");
            double s = jnum(pr, !strcmp(dn, "normal") ? "sd" : "sdlog");
            lo = !strcmp(dn, "normal") ? m - 3 * s : 0;
            hi = !strcmp(dn, "normal") ? m + 3 * s : exp(m + 3 * s);
        }
        if (!isfinite(lo) || (isfinite(dlo) && dlo < lo)) lo = dlo;
        if (!isfinite(hi) || (isfinite(dhi) && dhi > hi)) hi = dhi;
        if (!(hi > lo)) {
            lo = isfinite(lo) ? lo - 0.5 : 0;
            hi = lo + 1;
        }
        snprintf(var, sizeof var, "lo%d", k + 1);
        ent_gp_num(&v, var, lo);
        snprintf(var, sizeof var, "hi%d", k + 1);
        ent_gp_num(&v, var, hi);
    }
    if (names.n == 0 || post.n_rows == 0) {
        rc = 0;
        goto done;
    }
    ent_gp_str(&v, "params", names.text);
    ent_gp_num(&v, "bins", post.n_rows < 100 ? 10 : post.n_rows < 1000 ? 20 : 30);
    const char *method = r->manifest ? ent_json_getstr(r->manifest, "method") : NULL;
    ent_gp_str(&v, "method", method ? method : "");
    char caption[512];
    snprintf(caption, sizeof caption, "Posterior of each parameter (bars, weighted %s draws) against its "
             "prior (line).", method ? method : "");
    if ((rc = ent_plot_render(p, "calibrate_marginals", "calibrate_marginals", caption, &v) ? ENT_EXIT_FAIL : 0))
        goto done;
    if (names.n >= 2 && names.n <= 4 && post.n_rows > 1) {
        snprintf(caption, sizeof caption, "Pairs of parameters over the posterior draws (darker: more weight).");
        if ((rc = ent_plot_render(p, "calibrate_pairs", "calibrate_pairs", caption, &v) ? ENT_EXIT_FAIL : 0))
            goto done;
    }
    int ct = ent_table_col(&fit, "target");
    if (ct >= 0 && fit.n_rows > 0) {
        ent_gp_vars f;
        ent_gp_vars_init(&f);
        ent_gp_num(&f, "n", (double)fit.n_rows);
        snprintf(caption, sizeof caption, "Fit of each target in standard errors from the observed value: "
                 "observed +- 1 se (black) and the calibrated model's mean and 90%% interval (colour).");
        rc = ent_plot_render(p, "calibrate_fit", "calibrate_fit", caption, &f) ? ENT_EXIT_FAIL : 0;
    }
done:
    ent_table_free(&post);
    ent_table_free(&fit);
    return rc;
}

static void num(FILE *f, double x)
{
    if (!isfinite(x))
        fputs("NA", f);
    else
        fprintf(f, "%.3g", x);
}

void ent_story_calibrate(FILE *f, const ent_result *r)
{
    ent_table cal, fit;
    if (ent_result_table(r, F_CALIBRATION, 1, &cal))
        return;
    const char *method = r->manifest ? ent_json_getstr(r->manifest, "method") : NULL;
    int msm = method && !strcmp(method, "msm");
    int cp = ent_table_col(&cal, "parameter"), cm = ent_table_col(&cal, "mean"), cs = ent_table_col(&cal, "sd"),
        c5 = ent_table_col(&cal, "q05"), c95 = ent_table_col(&cal, "q95"), cpm = ent_table_col(&cal, "prior_mean"),
        cps = ent_table_col(&cal, "prior_sd"), ce = ent_table_col(&cal, "estimate"), cse = ent_table_col(&cal, "se");
    double runs = jnum(r->manifest, "runs");
    fputs("<p>", f);
    if (msm)
        fputs("The simulated method of moments found the parameter values whose simulated targets come "
              "closest to the observed ones (in standard errors), with common random numbers", f);
    else
        fprintf(f, "Approximate Bayesian computation (%s) kept the parameter sets whose simulated targets "
                   "came closest to the observed ones (in standard errors, with each observation's error)",
                method && !strcmp(method, "smc") ? "sequential Monte Carlo" : "rejection");
    if (isfinite(runs))
        fprintf(f, ", over %.0f runs", runs);
    fputs(".</p>\n<ul>\n", f);
    for (size_t i = 0; i < cal.n_rows; i++) {
        char words[256];
        ent_plot_param_words(ent_table_str(&cal, i, cp), 0, words, sizeof words);
        double m = ent_table_num(&cal, i, cm), s = ent_table_num(&cal, i, cs), lo = ent_table_num(&cal, i, c5),
               hi = ent_table_num(&cal, i, c95), pm = ent_table_num(&cal, i, cpm), ps = ent_table_num(&cal, i, cps);
        fputs("<li><b>", f);
        ent_html_text(f, words);
        fputs("</b> (<code>", f);
        ent_html_text(f, ent_table_str(&cal, i, cp));
        fputs("</code>): ", f);
        if (msm) {
            double e = ent_table_num(&cal, i, ce), se = ent_table_num(&cal, i, cse);
            fputs("estimate ", f);
            num(f, e);
            if (isfinite(se)) {
                fputs(", standard error ", f);
                num(f, se);
                if (ps > 0 && se >= NOT_IDENTIFIED * ps)
                    fputs(". The data do not identify it: its standard error is as large as the prior's spread", f);
            } else {
                fputs(". The data do not identify it: the simulated targets do not pin it down (the "
                      "matrix J'WJ of the Jacobian is singular; fewer informative targets than parameters)", f);
            }
        } else {
            fputs("posterior mean ", f);
            num(f, m);
            fputs(", 90% interval [", f);
            num(f, lo);
            fputs(", ", f);
            num(f, hi);
            fputs("], against a prior of mean ", f);
            num(f, pm);
            fputs(" and sd ", f);
            num(f, ps);
            if (ps > 0 && s >= NOT_IDENTIFIED * ps) {
                fputs(". <b>The data do not identify ", f);
                ent_html_text(f, words);
                fputs("</b>: its posterior is about as wide as its prior (sd ratio ", f);
                num(f, s / ps);
                fputs(")", f);
            } else if (ps > 0) {
                fputs(". The data identify it ", f);
                fputs(s < 0.5 * ps ? "well" : "in part", f);
                fputs(": its posterior sd is ", f);
                num(f, s / ps);
                fputs(" of the prior's", f);
            }
        }
        fputs(".</li>\n", f);
    }
    fputs("</ul>\n", f);
    ent_table_free(&cal);
    if (ent_result_table(r, F_FIT, 1, &fit))
        return;
    int ct = ent_table_col(&fit, "target"), co = ent_table_col(&fit, "observed"), fse = ent_table_col(&fit, "se"),
        csim = ent_table_col(&fit, "simulated"), f5 = ent_table_col(&fit, "q05"), f95 = ent_table_col(&fit, "q95");
    fputs("<p>The fit of the targets:</p>\n<ul>\n", f);
    for (size_t i = 0; i < fit.n_rows; i++) {
        double o = ent_table_num(&fit, i, co), se = ent_table_num(&fit, i, fse), s = ent_table_num(&fit, i, csim),
               lo = ent_table_num(&fit, i, f5), hi = ent_table_num(&fit, i, f95);
        fputs("<li><code>", f);
        ent_html_text(f, ent_table_str(&fit, i, ct));
        fputs("</code>: observed ", f);
        num(f, o);
        fputs(" (se ", f);
        num(f, se);
        fputs("); the calibrated model gives ", f);
        num(f, s);
        if (isfinite(lo) && isfinite(hi)) {
            fputs(", 90% interval [", f);
            num(f, lo);
            fputs(", ", f);
            num(f, hi);
            fputs("]", f);
        }
        double z = (s - o) / se;
        if (isfinite(z))
            fprintf(f, ", %.1f standard errors %s the observation%s", fabs(z), z < 0 ? "below" : "above",
                    fabs(z) > 2 ? ": the model does not reproduce it" : "");
        fputs(".</li>\n", f);
    }
    fputs("</ul>\n", f);
    ent_table_free(&fit);
}
