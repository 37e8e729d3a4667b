/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** report_story.c: turning result files into a few plain sentences: who was
** threatened and how each ally answered, who met the demand, who hedged,
** how beliefs spread; for a sweep, which parameter moved each outcome most.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "narrate.h"
#include "plot_result.h"
#include "plot_schema.h"
#include "report_html.h"
#include "report_story.h"

#define MAX_AGENTS 512
#define MAX_NAMES 1024

#define count_phrase ent_phrase_count     /* shared with the narration */

static size_t count_events(const ent_table *ev, const char *kind, const char *actor, const char *target)
{
    int ce = ent_schema_col(ev, ENT_C_EVENT), ca = ent_schema_col(ev, ENT_C_ACTOR);
    int ct = ent_schema_col(ev, ENT_C_TARGET);
    size_t n = 0;
    for (size_t i = 0; i < ev->n_rows; i++)
        if (!strcmp(ent_table_str(ev, i, ce), kind) &&
            (!actor || !strcmp(ent_table_str(ev, i, ca), actor)) &&
            (!target || !strcmp(ent_table_str(ev, i, ct), target)))
            n++;
    return n;
}

/* rounds of events `kind` by anyone against target, as "1, 2 and 5" (first eight) */
static void rounds_of(FILE *f, const ent_table *ev, const char *kind, const char *target)
{
    int ce = ent_schema_col(ev, ENT_C_EVENT), ct = ent_schema_col(ev, ENT_C_TARGET);
    int cr = ent_schema_col(ev, ENT_C_ROUND);
    size_t n = count_events(ev, kind, NULL, target), k = 0;
    for (size_t i = 0; i < ev->n_rows && k < 8; i++)
        if (!strcmp(ent_table_str(ev, i, ce), kind) && !strcmp(ent_table_str(ev, i, ct), target)) {
            fputs(k == 0 ? "" : (k + 1 == n ? " and " : ", "), f);
            ent_html_text(f, ent_table_str(ev, i, cr));
            k++;
        }
    if (n > k)
        fputs(", ...", f);
}

/* value of column col for agent in round t (NaN if absent) */
static double at(const ent_table *tr, int col, const char *agent, double t)
{
    int ca = ent_schema_col(tr, ENT_C_AGENT), cr = ent_schema_col(tr, ENT_C_ROUND);
    for (size_t i = 0; i < tr->n_rows; i++)
        if (ent_table_num(tr, i, cr) == t && !strcmp(ent_table_str(tr, i, ca), agent))
            return ent_table_num(tr, i, col);
    return NAN;
}

/* The exploitation statistic as Sandler and co-authors test it: Spearman's
** rho of GDP and defence share with its one-sided p-value, and the partial
** correlation holding GDP per head. No claim for fewer than four allies. */
static void story_exploitation(FILE *f, const ent_table *oc, size_t na)
{
    int crho = ent_table_col(oc, "exploitation_rho"), cp = ent_table_col(oc, "exploitation_p");
    if (crho < 0 || cp < 0 || !oc->n_rows || na < 4)
        return;
    double rho = ent_table_num(oc, 0, crho), p = ent_table_num(oc, 0, cp);
    if (!isfinite(rho) || !isfinite(p))
        return;
    fprintf(f, "<li>Spearman's rank correlation of GDP and defence share is %.2f (one-sided "
               "p = %.3f, %zu agents): ", rho, p, na + 1);
    if (rho > 0.0 && p < 0.05)
        fputs("larger allies carry a disproportionate share of the burden, as Olson and "
              "Zeckhauser's exploitation hypothesis predicts.", f);
    else if (rho > 0.0)
        fputs("positive but not significant at the 5% level, so the run gives no evidence for "
              "Olson and Zeckhauser's exploitation hypothesis.", f);
    else if (rho < 0.0)
        fputs("negative: larger allies carried a smaller share of their GDP, so the run gives no "
              "evidence for Olson and Zeckhauser's exploitation hypothesis, which predicts a positive "
              "correlation.", f);
    else
        fputs("zero, so the run gives no evidence for Olson and Zeckhauser's exploitation "
              "hypothesis, which predicts a positive correlation.", f);
    int cq = ent_table_col(oc, "exploitation_partial_rho"), cqp = ent_table_col(oc, "exploitation_partial_p");
    if (cq >= 0 && cqp >= 0 && isfinite(ent_table_num(oc, 0, cq)) && isfinite(ent_table_num(oc, 0, cqp)))
        fprintf(f, " Holding GDP per head constant (Sandler and Murdoch 2000), the partial rank "
                   "correlation is %.2f (one-sided p = %.3f).", ent_table_num(oc, 0, cq),
                ent_table_num(oc, 0, cqp));
    fputs("</li>\n", f);
}

/* Rounds in which ally `a` was threatened, as a flag per round (rounds 1..max). */
static unsigned char *threat_rounds(const ent_table *ev, const char *a, size_t *max_round)
{
    int ce = ent_schema_col(ev, ENT_C_EVENT), ct = ent_schema_col(ev, ENT_C_TARGET);
    int cr = ent_schema_col(ev, ENT_C_ROUND);
    size_t mx = 0;
    for (size_t i = 0; i < ev->n_rows; i++) {
        double r = ent_table_num(ev, i, cr);
        if (r >= 1 && r < 1e7 && (size_t)r > mx)
            mx = (size_t)r;
    }
    unsigned char *on = calloc(mx + 2, 1);
    for (size_t i = 0; on && i < ev->n_rows; i++) {
        double r = ent_table_num(ev, i, cr);
        if (r >= 1 && r <= (double)mx && !strcmp(ent_table_str(ev, i, ce), "threaten") &&
            !strcmp(ent_table_str(ev, i, ct), a))
            on[(size_t)r] = 1;
    }
    *max_round = mx;
    return on;
}

/* Events `kind` by actor (or against target) in rounds where `in` is (or,
** with want = 0, is not) set. */
static size_t count_in_rounds(const ent_table *ev, const char *kind, const char *actor, const char *target,
                              const unsigned char *in, size_t max_round, int want)
{
    int ce = ent_schema_col(ev, ENT_C_EVENT), ca = ent_schema_col(ev, ENT_C_ACTOR);
    int ct = ent_schema_col(ev, ENT_C_TARGET), cr = ent_schema_col(ev, ENT_C_ROUND);
    size_t n = 0;
    for (size_t i = 0; i < ev->n_rows; i++) {
        double r = ent_table_num(ev, i, cr);
        int set = r >= 1 && r <= (double)max_round && in[(size_t)r];
        if (set == want && !strcmp(ent_table_str(ev, i, ce), kind) &&
            (!actor || !strcmp(ent_table_str(ev, i, ca), actor)) &&
            (!target || !strcmp(ent_table_str(ev, i, ct), target)))
            n++;
    }
    return n;
}

/* Why a threat against `a` was carried out in round r: what the ally did in
** that round. 0: its deal failed ratification at home; 1: it defied; 2: it
** met only part of the demand; 3: none of these is recorded. */
static int execution_cause(const ent_table *ev, const char *a, double r)
{
    int ce = ent_schema_col(ev, ENT_C_EVENT), ca = ent_schema_col(ev, ENT_C_ACTOR);
    int cr = ent_schema_col(ev, ENT_C_ROUND);
    int cause = 3;
    for (size_t i = 0; i < ev->n_rows; i++) {
        if (ent_table_num(ev, i, cr) != r || strcmp(ent_table_str(ev, i, ca), a))
            continue;
        const char *k = ent_table_str(ev, i, ce);
        if (!strcmp(k, "ratify_fail"))
            cause = 0;
        else if (!strcmp(k, "defy") && cause > 1)
            cause = 1;
        else if (!strcmp(k, "concede") && cause > 2)
            cause = 2;
    }
    return cause;
}

static void story_threats(FILE *f, const ent_table *ev, const char **allies, size_t n, const char *patron)
{
    size_t total = count_events(ev, "threaten", NULL, NULL);
    if (total == 0) {
        fprintf(f, "<li>The patron made no threats in this run.</li>\n");
        return;
    }
    static const char *const answers[3] = { "comply", "concede", "defy" };
    int ce = ent_schema_col(ev, ENT_C_EVENT), ct = ent_schema_col(ev, ENT_C_TARGET);
    int cr = ent_schema_col(ev, ENT_C_ROUND);
    for (size_t i = 0; i < n; i++) {
        const char *a = allies[i];
        size_t th = count_events(ev, "threaten", NULL, a);
        if (!th)
            continue;
        size_t max_round = 0;
        unsigned char *on = threat_rounds(ev, a, &max_round);
        if (!on)
            return;
        fputs("<li>", f);
        ent_html_text(f, patron);
        fputs(" threatened <b>", f);
        ent_html_text(f, a);
        fputs("</b> ", f);
        count_phrase(f, th);
        fputs(" (round", f);
        fputs(th > 1 ? "s " : " ", f);
        rounds_of(f, ev, "threaten", a);
        fputs(").", f);
        /* its answers to the threatened demands, then to the others */
        for (int with = 1; with >= 0; with--) {
            int first = 1;
            for (int k = 0; k < 3; k++) {
                size_t m = count_in_rounds(ev, answers[k], a, NULL, on, max_round, with);
                if (!m)
                    continue;
                fputs(first ? (with ? " Under threat it " : " To demands made without a threat it ") : ", ",
                      f);
                fprintf(f, "%s ", ent_phrase_answer_past(answers[k]));
                count_phrase(f, m);
                first = 0;
            }
            if (!first)
                fputs(".", f);
        }
        /* threats carried out, each with what caused it */
        static const char *const why[4] = { "after its deal failed ratification at home",
                                            "after it defied", "after it met only part of the demand",
                                            "" };
        size_t by_cause[4] = { 0, 0, 0, 0 };
        for (size_t r = 0; r < ev->n_rows; r++)
            if (!strcmp(ent_table_str(ev, r, ce), "execute") && !strcmp(ent_table_str(ev, r, ct), a))
                by_cause[execution_cause(ev, a, ent_table_num(ev, r, cr))]++;
        size_t ex = by_cause[0] + by_cause[1] + by_cause[2] + by_cause[3];
        if (ex) {
            fputs(" The threat was carried out ", f);
            count_phrase(f, ex);
            fputs(" (round", f);
            fputs(ex > 1 ? "s " : " ", f);
            rounds_of(f, ev, "execute", a);
            fputs(")", f);
            int parts = (by_cause[0] > 0) + (by_cause[1] > 0) + (by_cause[2] > 0);
            int shown = 0;
            for (int c = 0; c < 3; c++) {
                if (!by_cause[c])
                    continue;
                fputs(shown ? (shown + 1 == parts ? " and " : ", ") : ": ", f);
                if (parts > 1 || by_cause[3]) {
                    count_phrase(f, by_cause[c]);
                    fputc(' ', f);
                } else if (ex > 1) {
                    fputs("each time ", f);
                }
                fputs(why[c], f);
                shown++;
            }
            fputs(".", f);
        }
        size_t bd = count_events(ev, "back_down", NULL, a);
        if (bd) {
            fputs(" The patron backed down ", f);
            count_phrase(f, bd);
            fputs(".", f);
        }
        size_t deals = count_events(ev, "deal", a, NULL) + count_events(ev, "deal", NULL, a);
        size_t fails = count_events(ev, "ratify_fail", a, NULL) + count_events(ev, "ratify_fail", NULL, a);
        if (deals)
            fprintf(f, " Deals struck: %zu.", deals);
        if (fails)
            fprintf(f, " Deals that failed ratification at home: %zu.", fails);
        fputs("</li>\n", f);
        free(on);
    }
}

/* The patron's private type, drawn at the start of the run (outcomes.csv's
** patron_type: 0 committed, 1 transactional). */
static void story_patron_type(FILE *f, const ent_table *oc, const char *patron)
{
    int c = oc ? ent_table_col(oc, "patron_type") : -1;
    if (c < 0 || !oc->n_rows)
        return;
    double t = ent_table_num(oc, 0, c);
    if (t != 0 && t != 1)
        return;
    fputs("<li>", f);
    ent_html_text(f, patron);
    fprintf(f, " was of the <b>%s</b> type in this run (drawn at its start; the allies did not know "
               "it and could only infer it from what the patron did).</li>\n",
            t == 1 ? "transactional" : "committed");
}

static void story_demand(FILE *f, const ent_table *tr, const char **allies, size_t n, double last)
{
    int cs = ent_schema_col(tr, ENT_C_SHARE), cd = ent_schema_col(tr, ENT_C_DEMAND);
    if (cs < 0 || cd < 0)
        return;
    size_t asked = 0, met = 0;
    const char *worst = NULL;
    double worst_gap = 0, worst_share = 0, worst_demand = 0;
    for (size_t i = 0; i < n; i++) {
        double s = at(tr, cs, allies[i], last), d = at(tr, cd, allies[i], last);
        if (!isfinite(s) || !isfinite(d))
            continue;
        asked++;
        if (s >= d - 1e-12)
            met++;
        else if (d - s > worst_gap) {
            worst_gap = d - s;
            worst = allies[i];
            worst_share = s;
            worst_demand = d;
        }
    }
    if (!asked)
        return;
    fprintf(f, "<li>In the last round, %zu of %zu all%s met the patron's demand.", met, asked,
            asked == 1 ? "y" : "ies");
    if (worst) {
        fputs(" The largest shortfall was <b>", f);
        ent_html_text(f, worst);
        /* the gap itself, to two significant digits: rounded shares can look equal */
        fprintf(f, "</b>'s: %.2f%% of GDP against a demand of %.2f%%, short by %.2g points.",
                100 * worst_share, 100 * worst_demand, 100 * (worst_demand - worst_share));
    }
    fputs("</li>\n", f);
}

static void story_hedging(FILE *f, const ent_table *tr, const char **allies, size_t n, double first,
                          double last)
{
    int ch = ent_schema_find(tr, ent_schema_lines[1].names);
    int cw = ent_schema_col(tr, ENT_C_BANDWAGON);
    if (ch < 0 && cw < 0)
        return;
    const char *most = NULL;
    double best = -INFINITY, b0 = 0, b1 = 0;
    size_t below = 0;
    for (size_t i = 0; i < n; i++) {
        if (ch >= 0) {
            double h0 = at(tr, ch, allies[i], first), h1 = at(tr, ch, allies[i], last);
            if (isfinite(h1) && h1 > best) {
                best = h1;
                most = allies[i];
                b0 = h0;
                b1 = h1;
            }
        }
        if (cw >= 0 && at(tr, cw, allies[i], last) < 0.5)
            below++;
    }
    if (most && best > 0) {
        /* the direction is stated: the most hedged ally at the end may have
        ** been moving back toward the patron */
        fputs("<li>The ally that hedged most by the end was <b>", f);
        ent_html_text(f, most);
        if (!isfinite(b0) || fabs(b1 - b0) < 0.005)
            fprintf(f, "</b>: its hedging index stayed at %.2f", b1);
        else
            fprintf(f, "</b>: its hedging index %s from %.2f to %.2f%s", b1 > b0 ? "rose" : "fell", b0, b1,
                    b1 > b0 ? "" : ", back toward bandwagoning");
        fputs(" (0 is pure bandwagoning with the patron).", f);
    } else if (most) {
        fputs("<li>No ally hedged: every hedging index ended at 0 (pure bandwagoning with the patron).", f);
    } else {
        fputs("<li>", f);
    }
    if (cw >= 0)
        fprintf(f, " %zu of %zu allies ended with less than half of their portfolio on "
                   "bandwagoning.", below, n);
    fputs("</li>\n", f);
}

static void story_beliefs(FILE *f, const ent_table *tr, const ent_table *ev, const char **allies,
                          size_t n, double first, double last)
{
    int cb = ent_schema_find(tr, ent_schema_lines[0].names);
    if (cb < 0)
        return;
    double m0 = 0, m1 = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        double b0 = at(tr, cb, allies[i], first), b1 = at(tr, cb, allies[i], last);
        if (isfinite(b0) && isfinite(b1)) {
            m0 += b0;
            m1 += b1;
            k++;
        }
    }
    if (!k)
        return;
    fprintf(f, "<li>On average the allies' belief that the patron is transactional went from %.2f "
               "to %.2f.", m0 / (double)k, m1 / (double)k);
    /* allies never threatened whose belief still moved learned it from others */
    int any = 0;
    for (size_t i = 0; i < n; i++) {
        if (count_events(ev, "threaten", NULL, allies[i]))
            continue;
        double b0 = at(tr, cb, allies[i], first), b1 = at(tr, cb, allies[i], last);
        if (isfinite(b0) && isfinite(b1) && fabs(b1 - b0) >= 0.01) {
            fputs(any ? ", " : " Never threatened themselves, these allies still changed their minds "
                               "through the belief network: ", f);
            ent_html_text(f, allies[i]);
            fprintf(f, " (%.2f to %.2f)", b0, b1);
            any = 1;
        }
    }
    fputs(any ? ".</li>\n" : "</li>\n", f);
}

void ent_story_run(FILE *f, const ent_table *tr, const ent_table *ev, const ent_table *oc)
{
    int ca = ent_schema_col(tr, ENT_C_AGENT), cr = ent_schema_col(tr, ENT_C_ROLE);
    int cround = ent_schema_col(tr, ENT_C_ROUND);
    const char *codes[MAX_AGENTS], *allies[MAX_AGENTS], *patron = "the patron";
    size_t n = ent_table_distinct(tr, ca, -1, "", codes, MAX_AGENTS), na = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < tr->n_rows; k++)
            if (!strcmp(ent_table_str(tr, k, ca), codes[i])) {
                if (!strcmp(ent_table_str(tr, k, cr), "ally"))
                    allies[na++] = codes[i];
                else if (!strcmp(ent_table_str(tr, k, cr), "patron"))
                    patron = codes[i];
                break;
            }
    }
    double first = INFINITY, last = -INFINITY;
    for (size_t k = 0; k < tr->n_rows; k++) {
        double t = ent_table_num(tr, k, cround);
        if (t < first) first = t;
        if (t > last) last = t;
    }
    fprintf(f, "<p>The run lasted %.0f rounds, with ", last - first + 1);
    ent_html_text(f, patron);
    fprintf(f, " as the patron and %zu all%s.</p>\n<ul>\n", na, na == 1 ? "y" : "ies");
    story_patron_type(f, oc, patron);
    story_threats(f, ev, allies, na, patron);
    story_demand(f, tr, allies, na, last);
    story_hedging(f, tr, allies, na, first, last);
    story_beliefs(f, tr, ev, allies, na, first, last);
    story_exploitation(f, oc, na);
    fputs("</ul>\n", f);
}

/* For a sweep: each outcome's main effects. For parameter column pc, the
** mean of the point means at each of its values; the effect is their range. */
static double main_effect(const ent_table *s, int pc, int co, const char *outcome, int cm,
                          double *lo_x, double *lo_y, double *hi_x, double *hi_y)
{
    size_t n = s->n_rows;
    double *xs = malloc((n + 1) * sizeof *xs), *sum = calloc(n + 1, sizeof *sum);
    size_t *cnt = calloc(n + 1, sizeof *cnt), k = 0;
    double eff = NAN;
    if (!xs || !sum || !cnt)
        goto out;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(ent_table_str(s, i, co), outcome))
            continue;
        double x = ent_table_num(s, i, pc), y = ent_table_num(s, i, cm);
        if (!isfinite(x) || !isfinite(y))
            continue;
        size_t j = 0;
        while (j < k && xs[j] != x)
            j++;
        if (j == k)
            xs[k++] = x;
        sum[j] += y;
        cnt[j]++;
    }
    if (k < 2)
        goto out;
    size_t jl = 0, jh = 0;
    for (size_t j = 0; j < k; j++) {
        sum[j] /= (double)cnt[j];
        if (sum[j] < sum[jl]) jl = j;
        if (sum[j] > sum[jh]) jh = j;
    }
    eff = sum[jh] - sum[jl];
    *lo_x = xs[jl];
    *lo_y = sum[jl];
    *hi_x = xs[jh];
    *hi_y = sum[jh];
out:
    free(xs);
    free(sum);
    free(cnt);
    return eff;
}

/* "<li>WHAT: a, b, c.</li>" with the first `kept` of n names (none: nothing) */
static void name_list(FILE *f, const char *what, const char *const *names, size_t n, size_t kept)
{
    if (!n)
        return;
    fprintf(f, "<li>%s: ", what);
    for (size_t k = 0; k < n && k < kept; k++) {
        fputs(k ? ", <code>" : "<code>", f);
        ent_html_text(f, names[k]);
        fputs("</code>", f);
    }
    fputs(n > kept ? ", ...</li>\n" : ".</li>\n", f);
}

void ent_story_sweep(FILE *f, const ent_table *s)
{
    int co = ent_schema_col(s, ENT_C_OUTCOME), cm = ent_schema_col(s, ENT_C_MEAN);
    static const ent_logical_col stats[] = { ENT_C_POINT, ENT_C_OUTCOME, ENT_C_N, ENT_C_MEAN, ENT_C_SD,
        ENT_C_CI_LO, ENT_C_CI_HI, ENT_C_MEDIAN, ENT_C_Q05, ENT_C_Q95 };
    const char *outs[MAX_NAMES];
    size_t n_out = ent_table_distinct(s, co, -1, "", outs, MAX_NAMES);
    size_t n_pts = 0;           /* rows of the first outcome: one per point */
    for (size_t i = 0; i < s->n_rows; i++)
        n_pts += n_out && !strcmp(ent_table_str(s, i, co), outs[0]);
    fprintf(f, "<p>The sweep has %zu points and %zu outcomes. For each outcome, the parameter that "
               "moved its mean most (the range of the average over the points that share a value of "
               "the parameter):</p>\n<ul>\n", n_pts, n_out);
    size_t shown = 0, flat = 0, undefined = 0;
    const char *flat_names[12], *undef_names[12];
    for (size_t o = 0; o < n_out && shown < 12; o++) {
        /* an outcome with no finite mean is not defined here (a statistic
        ** that needs more allies, a quantity of a stage the scenario lacks) */
        int defined = 0;
        for (size_t i = 0; i < s->n_rows && !defined; i++)
            defined = !strcmp(ent_table_str(s, i, co), outs[o]) && isfinite(ent_table_num(s, i, cm));
        if (!defined) {
            if (undefined < sizeof undef_names / sizeof undef_names[0])
                undef_names[undefined] = outs[o];
            undefined++;
            continue;
        }
        int best = -1;
        double be = 0, lx = 0, ly = 0, hx = 0, hy = 0;
        for (size_t c = 0; c < s->n_cols; c++) {
            int stat = 0;
            for (size_t k = 0; k < sizeof stats / sizeof stats[0]; k++)
                stat |= ent_schema_col(s, stats[k]) == (int)c;
            if (stat)
                continue;
            double a, b, x, y;
            double e = main_effect(s, (int)c, co, outs[o], cm, &a, &b, &x, &y);
            if (isfinite(e) && (best < 0 || e > be)) {
                best = (int)c;
                be = e;
                lx = a; ly = b; hx = x; hy = y;
            }
        }
        /* an outcome whose mean no parameter moves is listed as such, not
        ** given a "most" */
        if (best < 0 || !(be > 0)) {
            if (flat < sizeof flat_names / sizeof flat_names[0])
                flat_names[flat] = outs[o];
            flat++;
            continue;
        }
        char label[160];
        ent_plot_param_words(s->head[best], 0, label, sizeof label);
        fputs("<li><b>", f);
        ent_html_text(f, outs[o]);
        fputs("</b>: moved most by ", f);
        ent_html_text(f, label);
        fputs(" (<code>", f);
        ent_html_text(f, s->head[best]);
        fprintf(f, "</code>): its mean is lowest, %.4g, at %.4g and highest, %.4g, at %.4g.</li>\n", ly, lx,
                hy, hx);
        shown++;
    }
    name_list(f, "Not moved by any parameter of the sweep (the same mean at every value)", flat_names,
              flat, sizeof flat_names / sizeof flat_names[0]);
    name_list(f, "Not defined in this sweep (no run has a value)", undef_names, undefined,
              sizeof undef_names / sizeof undef_names[0]);
    fputs("</ul>\n", f);
}

void ent_story_tournament(FILE *f, const ent_table *r)
{
    int cs = ent_schema_col(r, ENT_C_STRATEGY), cv = ent_schema_col(r, ENT_C_SCORE);
    int cc = ent_schema_col(r, ENT_C_COOP);
    if (!r->n_rows)
        return;
    size_t best = 0, worst = 0, coop = 0;
    for (size_t i = 0; i < r->n_rows; i++) {
        if (ent_table_num(r, i, cv) > ent_table_num(r, best, cv)) best = i;
        if (ent_table_num(r, i, cv) < ent_table_num(r, worst, cv)) worst = i;
        if (cc >= 0 && ent_table_num(r, i, cc) > ent_table_num(r, coop, cc)) coop = i;
    }
    fprintf(f, "<p>%zu strategies played the round robin. <b>", r->n_rows);
    ent_html_text(f, ent_table_str(r, best, cs));
    fprintf(f, "</b> scored most, %.3g per turn on average; ", ent_table_num(r, best, cv));
    ent_html_text(f, ent_table_str(r, worst, cs));
    fprintf(f, " scored least, %.3g.", ent_table_num(r, worst, cv));
    if (cc >= 0) {
        fputs(" The most cooperative strategy was ", f);
        ent_html_text(f, ent_table_str(r, coop, cs));
        fprintf(f, " (cooperation rate %.2f); the winner's was %.2f.", ent_table_num(r, coop, cc),
                ent_table_num(r, best, cc));
    }
    fputs("</p>\n", f);
}

void ent_story_sensitivity(FILE *f, const ent_table *t)
{
    int co = ent_schema_col(t, ENT_C_OUTCOME), cp = ent_schema_col(t, ENT_C_PARAM);
    int c1 = ent_schema_col(t, ENT_C_S1), ct = ent_schema_col(t, ENT_C_ST);
    const char *outs[MAX_NAMES];
    size_t n_out = ent_table_distinct(t, co, -1, "", outs, MAX_NAMES);
    fputs("<p>Sobol indices split the variance of each outcome among the parameters: the "
          "first-order index is the share a parameter explains alone, the total index adds its "
          "interactions.</p>\n<ul>\n", f);
    const char *undef_names[8];
    size_t shown = 0, undefined = 0;
    for (size_t o = 0; o < n_out; o++) {
        /* the driver among the parameters whose total index is defined (an
        ** outcome that does not vary, or is undefined in some run, has none) */
        int best = -1;
        double sum1 = 0;
        for (size_t i = 0; i < t->n_rows; i++) {
            if (strcmp(ent_table_str(t, i, co), outs[o]))
                continue;
            double s1 = ent_table_num(t, i, c1), st = ent_table_num(t, i, ct);
            if (isfinite(s1))
                sum1 += s1;
            if (isfinite(st) && (best < 0 || st > ent_table_num(t, (size_t)best, ct)))
                best = (int)i;
        }
        if (best < 0) {
            if (undefined < sizeof undef_names / sizeof undef_names[0])
                undef_names[undefined] = outs[o];
            undefined++;
            continue;
        }
        if (shown++ >= 12)
            continue;           /* the first twelve with indices; every one without */
        fputs("<li><b>", f);
        ent_html_text(f, outs[o]);
        fputs("</b>: driven most by <code>", f);
        ent_html_text(f, ent_table_str(t, (size_t)best, cp));
        fprintf(f, "</code> (total index %.2f). The first-order indices sum to %.2f, so interactions "
                   "account for about %.0f%% of the variance.</li>\n",
                ent_table_num(t, (size_t)best, ct), sum1, sum1 < 1 ? 100 * (1 - sum1) : 0.0);
    }
    name_list(f, "Indices not defined (the outcome does not vary over the sweep, or has no value in "
                 "some run)", undef_names, undefined, sizeof undef_names / sizeof undef_names[0]);
    fputs("</ul>\n", f);
}

void ent_story_play(FILE *f, const ent_table *d, const char *student)
{
    fputs("<p>", f);
    if (student && *student) {
        fputs("The student played <b>", f);
        ent_html_text(f, student);
        fputs("</b>; everyone else played the scenario's strategies.", f);
    } else {
        fputs("A student played one country; everyone else played the scenario's strategies.", f);
    }
    if (!d) {
        fputs(" This play folder has no debrief.csv (it was written before the debrief existed), "
              "so the student's path is shown alone.</p>\n", f);
        return;
    }
    int cp = ent_table_col(d, "path"), cs = ent_table_col(d, "strategy");
    int cv = ent_table_col(d, "discounted_payoff"), cd = ent_table_col(d, "deals");
    int cf = ent_table_col(d, "failed_ratifications");
    static const char *const paths[3] = { "student", "scenario", "best" };
    static const char *const who[3] = { "the student's own choices", "the scenario's own strategy",
                                        "the best built-in strategy" };
    double pay[3] = { NAN, NAN, NAN };
    int row[3] = { -1, -1, -1 };
    for (size_t i = 0; i < d->n_rows; i++)
        for (int k = 0; k < 3; k++)
            if (!strcmp(ent_table_str(d, i, cp), paths[k])) {
                row[k] = (int)i;
                pay[k] = ent_table_num(d, i, cv);
            }
    fputs(" Replayed on the same seed, the discounted payoff of the student's country was", f);
    int first = 1;
    for (int k = 0; k < 3; k++) {
        if (row[k] < 0 || !isfinite(pay[k]))
            continue;
        fprintf(f, "%s %.3f with %s", first ? "" : ";", pay[k], who[k]);
        const char *st = ent_table_str(d, (size_t)row[k], cs);
        if (k > 0 && *st && strcmp(st, "NA")) {
            fputs(" (<code>", f);
            ent_html_text(f, st);
            fputs("</code>)", f);
        }
        double deals = ent_table_num(d, (size_t)row[k], cd), fails = ent_table_num(d, (size_t)row[k], cf);
        if (isfinite(deals) && isfinite(fails))
            fprintf(f, ", %.0f deal%s and %.0f failed ratification%s", deals, deals == 1 ? "" : "s",
                    fails, fails == 1 ? "" : "s");
        first = 0;
    }
    fputs(first ? " not recorded.</p>\n" : ".", f);
    if (first)
        return;
    if (isfinite(pay[0]) && (isfinite(pay[1]) || isfinite(pay[2]))) {
        double best = isfinite(pay[2]) ? pay[2] : pay[1];
        if (isfinite(pay[1]) && pay[1] > best)
            best = pay[1];
        if (pay[0] >= best - 1e-9)
            fputs(" The student did at least as well as every replayed strategy.", f);
        else
            fprintf(f, " The student fell %.3f short of the best replayed path.", best - pay[0]);
    }
    fputs("</p>\n", f);
}
