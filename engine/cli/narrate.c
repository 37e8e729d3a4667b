/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** narrate.c: a run told round by round in plain words (see narrate.h). Every
** figure comes from the run's event log and trace; nothing is recomputed.
*/
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "entente/exit.h"
#include "narrate.h"

#define WRAP 78             /* paragraphs are wrapped for a terminal */
#define MOVE 0.05           /* a portfolio weight or a belief that moves this much is told */
#define LISTED 4            /* allies named in a list before "and N more" */

/* ---- phrases ----------------------------------------------------------------- */

void ent_phrase_count(FILE *f, size_t n)
{
    static const char *const words[] = { "never", "once", "twice" };
    if (n < 3)
        fputs(words[n], f);
    else
        fprintf(f, "%zu times", n);
}

const char *ent_phrase_answer_past(const char *event)
{
    if (!strcmp(event, "comply")) return "complied";
    if (!strcmp(event, "concede")) return "conceded part of the demand";
    if (!strcmp(event, "defy")) return "defied";
    return NULL;
}

void ent_phrase_instruments(char *buf, size_t cap, unsigned instr, const char *patrons, const char *allys)
{
    char parts[3][160];
    int n = 0;
    if (instr & ENT_INSTR_DRAWDOWN)
        snprintf(parts[n++], sizeof parts[0], "a drawdown of %s forces and guarantee", patrons);
    if (instr & ENT_INSTR_TARIFF)
        snprintf(parts[n++], sizeof parts[0], "tariffs on %s exports", allys);
    if (instr & ENT_INSTR_TECH)
        snprintf(parts[n++], sizeof parts[0], "controls on %s technology sector", allys);
    buf[0] = 0;
    if (!n)
        snprintf(buf, cap, "a threat");
    for (int k = 0; k < n; k++) {
        size_t l = strlen(buf);
        snprintf(buf + l, cap - l, "%s%s", k == 0 ? "" : k == n - 1 ? " and " : ", ", parts[k]);
    }
}

/* ---- a growing text, written a sentence at a time ------------------------------ */

typedef struct {
    char *s;
    size_t len, cap;
    int oom;
} text;

static void add(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[1024];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0 || t->oom)
        return;
    size_t l = strlen(tmp);
    if (t->len + l + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 512;
        while (t->len + l + 1 > cap)
            cap *= 2;
        char *s = realloc(t->s, cap);
        if (!s) {
            t->oom = 1;
            return;
        }
        t->s = s;
        t->cap = cap;
    }
    memcpy(t->s + t->len, tmp, l + 1);
    t->len += l;
}

/* A sentence: a space before it (unless first), its first letter capitalised. */
static void sentence(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[1024];
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    tmp[0] = (char)toupper((unsigned char)tmp[0]);
    add(t, "%s%s", t->len && t->s[t->len - 1] != ' ' ? " " : "", tmp);
}

/* The text wrapped at WRAP columns, then a blank line. */
static void flush(FILE *f, text *t)
{
    if (!t->len || t->oom) {
        free(t->s);
        memset(t, 0, sizeof *t);
        return;
    }
    size_t col = 0;
    const char *p = t->s;
    while (*p) {
        while (*p == ' ')
            p++;
        size_t w = strcspn(p, " ");
        if (!w)
            break;
        if (col && col + 1 + w > WRAP) {
            fputc('\n', f);
            col = 0;
        } else if (col) {
            fputc(' ', f);
            col++;
        }
        fwrite(p, 1, w, f);
        col += w;
        p += w;
    }
    fputs("\n\n", f);
    free(t->s);
    memset(t, 0, sizeof *t);
}

/* ---- what the run holds ------------------------------------------------------------ */

/* What was last told of each ally (see told_before). */
struct told {
    int upto;
    double *w, *b, *k;      /* n x 3, n, n */
    int *when;              /* n */
};

typedef struct {
    const ent_run *run;
    int share, spending, demand, belief, w[3], instr, exit_demand, bargain, support, winset,
        ratif, failp, concession, commitment, move, patron_move;
    struct told *told;
} ctx;

static int column(const ent_run *run, const char *name)
{
    return ent_run_trace_column(run, name);
}

static void ctx_init(ctx *c, const ent_run *run)
{
    c->run = run;
    c->share = column(run, "contribution_share");
    c->spending = column(run, "spending");
    c->demand = column(run, "demand");
    c->belief = column(run, "belief");
    c->w[0] = column(run, "w_bandwagon");
    c->w[1] = column(run, "w_balance");
    c->w[2] = column(run, "w_bind");
    c->instr = column(run, "instrument");
    c->exit_demand = column(run, "exit_demand");
    c->bargain = column(run, "bargaining_outcome");
    c->support = column(run, "support");
    c->winset = column(run, "winset");
    c->ratif = column(run, "ratification");
    c->failp = column(run, "fail_prob");
    c->concession = column(run, "concession");
    c->commitment = column(run, "commitment");
    c->move = column(run, "matrix_action");
    c->patron_move = column(run, "matrix_patron_action");
}

static void told_reset(const ctx *c);

/* The memory of what was told; -1 when out of memory. */
static int ctx_alloc(ctx *c)
{
    size_t n = ent_run_agents(c->run);
    c->told = calloc(1, sizeof *c->told);
    if (!c->told)
        return -1;
    c->told->w = calloc(3 * n, sizeof(double));
    c->told->b = calloc(n, sizeof(double));
    c->told->k = calloc(n, sizeof(double));
    c->told->when = calloc(n, sizeof(int));
    if (!c->told->w || !c->told->b || !c->told->k || !c->told->when)
        return -1;
    told_reset(c);
    return 0;
}

static void ctx_free(ctx *c)
{
    if (c->told) {
        free(c->told->w);
        free(c->told->b);
        free(c->told->k);
        free(c->told->when);
        free(c->told);
    }
    c->told = NULL;
}

/* Trace value of column col for agent i in round t; NaN when absent. */
static double val(const ctx *c, int col, int t, size_t i)
{
    if (col < 0 || t < 1 || t > ent_run_rounds_played(c->run))
        return NAN;
    return ent_run_trace_row(c->run, t, i)[col];
}

/* The belief of ally i when round t began (its prior before round 1). */
static double belief_before(const ctx *c, int t, size_t i)
{
    if (c->belief < 0)
        return NAN;
    return t == 1 ? ent_scenario_agent_param(ent_run_scenario(c->run), i, "prior_transactional")
                  : val(c, c->belief, t - 1, i);
}

static int wants_the(const char *n)
{
    size_t l = strlen(n);
    if (!strncmp(n, "United ", 7) || strstr(n, "Republic") || !strncmp(n, "European", 8))
        return 1;
    return l > 2 && n[l - 1] == 's' && n[l - 2] != 'u' && n[l - 2] != 'o';
}

/* Agent i's name ("the United States", "Japan"), or its code when it has none. */
static const char *name(const ctx *c, size_t i, char *buf, size_t cap)
{
    const ent_scenario *s = ent_run_scenario(c->run);
    const char *full = ent_scenario_agent_name(s, i);
    const char *n = full[0] ? full : ent_scenario_agent_code(s, i);
    snprintf(buf, cap, "%s%s", full[0] && wants_the(n) ? "the " : "", n);
    return buf;
}

/* "$8.9 bn" */
static const char *money(double v, char *buf, size_t cap)
{
    double a = fabs(v);
    snprintf(buf, cap, a >= 100 || a == 0 ? "$%.0f bn" : a >= 1 ? "$%.1f bn" : "$%.2f bn", v);
    return buf;
}

/* The offer as a part of the demand: "half", "a third", "40%". */
static const char *part_of(double offer, double demand, char *buf, size_t cap)
{
    static const struct { double x; const char *w; } named[] = {
        { 0.25, "a quarter" }, { 1.0 / 3, "a third" }, { 0.5, "half" }, { 2.0 / 3, "two thirds" },
        { 0.75, "three quarters" },
    };
    double r = demand > 0 ? offer / demand : NAN;
    for (size_t k = 0; k < sizeof named / sizeof named[0]; k++)
        if (fabs(r - named[k].x) < 0.005) {
            snprintf(buf, cap, "%s", named[k].w);
            return buf;
        }
    snprintf(buf, cap, "%.0f%%", 100 * r);
    return buf;
}

/* The events of round t: [*lo, *hi) of the run's event log, which is in round order. */
static void round_range(const ent_run *run, int t, size_t *lo, size_t *hi)
{
    size_t n;
    const ent_event *ev = ent_run_event_log(run, &n);
    size_t a = 0, b = n;
    while (a < b) {                 /* first event of a round >= t */
        size_t m = a + (b - a) / 2;
        if (ev[m].round < t) a = m + 1; else b = m;
    }
    *lo = a;
    b = n;
    while (a < b) {                 /* first event of a round > t */
        size_t m = a + (b - a) / 2;
        if (ev[m].round <= t) a = m + 1; else b = m;
    }
    *hi = a;
}

/* The events of round t with kind k and actor/target (-1: any), counted; the
** value of the last in *v. */
static size_t find(const ent_run *run, int t, int kind, int actor, int target, double *v)
{
    size_t n = 0, lo, hi, n_log;
    const ent_event *log = ent_run_event_log(run, &n_log);
    round_range(run, t, &lo, &hi);
    for (size_t e = lo; e < hi; e++) {
        const ent_event *ev = &log[e];
        if (ev->round != t || ev->kind != kind || (actor >= 0 && ev->actor != actor) ||
            (target >= 0 && ev->target != target))
            continue;
        n++;
        if (v)
            *v = ev->value;
    }
    return n;
}

static int coercion_in(const ent_run *run, int t)
{
    static const int kinds[] = { ENT_EV_THREATEN, ENT_EV_COMPLY, ENT_EV_CONCEDE, ENT_EV_DEFY,
                                 ENT_EV_EXECUTE, ENT_EV_BACK_DOWN, ENT_EV_DEAL, ENT_EV_RATIFY,
                                 ENT_EV_RATIFY_FAIL };
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        if (find(run, t, kinds[k], -1, -1, NULL))
            return 1;
    return 0;
}

/* Allies meeting their demand in round t (-1: no demand was made). */
static int meeting(const ent_run *run, int t)
{
    if (!find(run, t, ENT_EV_DEMAND, -1, -1, NULL))
        return -1;
    return (int)find(run, t, ENT_EV_MEET, -1, -1, NULL);
}

/* What was last told of each ally, before round `upto`: its portfolio (and
** the round it was told, 0: the scenario's start), belief and commitment. A
** value is told when it has moved by MOVE from the last one told, so a slow
** drift is told too. Kept up to date as the rounds are told in order, so the
** whole run costs one pass over the trace (struct told, above). */

static void told_reset(const ctx *c)
{
    /* the scenario's portfolio, which the hedging stage states by name */
    static const char *const start[3] = { "start_portfolio_bandwagon", "start_portfolio_balance",
                                          "start_portfolio_bind" };
    struct told *m = c->told;
    m->upto = 1;
    for (size_t i = 0; i < ent_run_agents(c->run); i++) {
        double prior = ent_scenario_agent_param(ent_run_scenario(c->run), i, "prior_transactional");
        for (int k = 0; k < 3; k++) {
            double w0 = c->w[k] >= 0 ? ent_run_agent_value(c->run, i, start[k]) : NAN;
            m->w[3 * i + k] = isfinite(w0) ? w0 : val(c, c->w[k], 1, i);
        }
        m->when[i] = 0;
        m->b[i] = isfinite(prior) ? prior : val(c, c->belief, 1, i);
        m->k[i] = val(c, c->commitment, 1, i);
    }
}

/* The told values before round t. */
static const struct told *told_before(const ctx *c, int t)
{
    struct told *m = c->told;
    if (t < m->upto)
        told_reset(c);
    for (; m->upto < t; m->upto++) {
        int r = m->upto;
        for (size_t i = 0; i < ent_run_agents(c->run); i++) {
            double *w = m->w + 3 * i;
            int moved = 0;
            for (int k = 0; k < 3; k++)
                moved |= fabs(val(c, c->w[k], r, i) - w[k]) >= MOVE;
            if (moved) {
                for (int k = 0; k < 3; k++)
                    w[k] = val(c, c->w[k], r, i);
                m->when[i] = r;
            }
            double x = val(c, c->belief, r, i);
            if (isfinite(x) && fabs(x - m->b[i]) >= MOVE)
                m->b[i] = x;
            x = val(c, c->commitment, r, i);
            if (r >= 2 && isfinite(x) && fabs(x - m->k[i]) >= MOVE)
                m->k[i] = x;
        }
    }
    return m;
}

/* Ally i's portfolio as last told before round t, in w; the round it was told. */
static int portfolio_told(const ctx *c, int t, size_t i, double w[3])
{
    const struct told *m = told_before(c, t);
    for (int k = 0; k < 3; k++)
        w[k] = m->w[3 * i + k];
    return m->when[i];
}

static int portfolio_moved(const ctx *c, int t, size_t i)
{
    if (c->w[0] < 0 || c->w[1] < 0 || c->w[2] < 0 || !isfinite(val(c, c->w[0], t, i)))
        return 0;
    double w[3];
    portfolio_told(c, t, i, w);
    for (int k = 0; k < 3; k++)
        if (fabs(val(c, c->w[k], t, i) - w[k]) >= MOVE)
            return 1;
    return 0;
}

/* Ally i's belief as last told before round t (its prior to begin with). */
static double belief_told(const ctx *c, int t, size_t i)
{
    return told_before(c, t)->b[i];
}

static int belief_moved(const ctx *c, int t, size_t i)
{
    if (c->belief < 0)
        return 0;
    double b0 = belief_told(c, t, i), b1 = val(c, c->belief, t, i);
    return isfinite(b0) && isfinite(b1) && fabs(b1 - b0) >= MOVE;
}

/* Ally i's commitment to the patron as last told before round t (its value
** in round 1 to begin with). */
static double commitment_told(const ctx *c, int t, size_t i)
{
    return told_before(c, t)->k[i];
}

static int commitment_moved(const ctx *c, int t, size_t i)
{
    if (c->commitment < 0 || t < 2)
        return 0;
    double k0 = commitment_told(c, t, i), k1 = val(c, c->commitment, t, i);
    return isfinite(k0) && isfinite(k1) && fabs(k1 - k0) >= MOVE;
}

/* Did anyone's move in the matrix game change from the round before? */
static int moves_changed(const ctx *c, int t)
{
    if (c->move < 0)
        return 0;
    if (t == 1)
        return 1;
    for (size_t i = 1; i < ent_run_agents(c->run); i++)
        if (val(c, c->move, t, i) != val(c, c->move, t - 1, i) ||
            val(c, c->patron_move, t, i) != val(c, c->patron_move, t - 1, i))
            return 1;
    return 0;
}

static int quiet(const ctx *c, int t)
{
    const ent_run *run = c->run;
    if (t == 1 || coercion_in(run, t) || meeting(run, t) != meeting(run, t - 1) || moves_changed(c, t))
        return 0;
    for (size_t i = 1; i < ent_run_agents(run); i++)
        if (portfolio_moved(c, t, i) || belief_moved(c, t, i) || commitment_moved(c, t, i))
            return 0;
    return 1;
}

/* ---- the parts of a round --------------------------------------------------------- */

typedef struct {
    size_t i;
    double gap;
} shortfall;

static int by_gap(const void *a, const void *b)
{
    double x = ((const shortfall *)a)->gap, y = ((const shortfall *)b)->gap;
    return x < y ? 1 : x > y ? -1 : 0;
}

/* "none meets it", "all meet it", "2 meet it", "1 meets it" */
static const char *how_many(size_t met, size_t of, const char *what, char *buf, size_t cap)
{
    if (!met)
        snprintf(buf, cap, "none meets %s", what);
    else if (met == of)
        snprintf(buf, cap, "all meet %s", what);
    else
        snprintf(buf, cap, "%zu meet%s %s", met, met == 1 ? "s" : "", what);
    return buf;
}

/* The patron's demands on the allies' budgets and who met them. */
static void tell_burden(const ctx *c, int t, text *x)
{
    const ent_run *run = c->run;
    char pn[96], an[96], m[40];
    size_t asked = 0, met = 0, last = 0;
    double dlo = INFINITY, dhi = -INFINITY;
    shortfall *sf = calloc(ent_run_agents(run), sizeof *sf);
    size_t nsf = 0;
    if (!sf)
        return;
    for (size_t i = 1; i < ent_run_agents(run); i++) {
        double d;
        if (!find(run, t, ENT_EV_DEMAND, -1, (int)i, &d))
            continue;
        asked++;
        last = i;
        if (d < dlo) dlo = d;
        if (d > dhi) dhi = d;
        if (find(run, t, ENT_EV_MEET, (int)i, -1, NULL))
            met++;
        else {
            double s = val(c, c->share, t, i);
            sf[nsf].i = i;
            sf[nsf++].gap = isfinite(s) ? d - s : 0.0;
        }
    }
    if (!asked) {
        free(sf);
        return;
    }
    name(c, 0, pn, sizeof pn);
    if (asked == 1) {
        double s = val(c, c->share, t, last), sp = val(c, c->spending, t, last);
        name(c, last, an, sizeof an);
        if (!isfinite(s)) {
            sentence(x, "%s demands %.2f%% of GDP for defence from %s.", pn, 100 * dlo, an);
        } else if (met) {
            sentence(x, "%s demands %.2f%% of GDP for defence from %s, which spends %.2f%% (%s) "
                        "and meets it.", pn, 100 * dlo, an, 100 * s, money(sp, m, sizeof m));
        } else {
            sentence(x, "%s demands %.2f%% of GDP for defence from %s, which spends %.2f%% (%s), "
                        "%.2f points short.", pn, 100 * dlo, an, 100 * s, money(sp, m, sizeof m),
                     100 * (dlo - s));
        }
        free(sf);
        return;
    }
    if (dhi - dlo < 1e-12)
        sentence(x, "%s demands %.2f%% of GDP for defence from its %zu allies; %s.", pn, 100 * dlo,
                 asked, how_many(met, asked, "it", m, sizeof m));
    else
        sentence(x, "%s demands %.2f%% to %.2f%% of GDP for defence from its %zu allies; %s.", pn,
                 100 * dlo, 100 * dhi, asked, how_many(met, asked, "theirs", m, sizeof m));
    if (nsf) {
        qsort(sf, nsf, sizeof *sf, by_gap);
        add(x, " Falling short:");
        for (size_t k = 0; k < nsf && k < LISTED; k++)
            add(x, "%s %s (%.2f points)", k ? "," : "", name(c, sf[k].i, an, sizeof an), 100 * sf[k].gap);
        if (nsf > LISTED)
            add(x, " and %zu more", nsf - LISTED);
        add(x, ".");
    }
    free(sf);
}

/* A demand backed (or not) by a threat, the answer, the deal and its fate. */
static void tell_coercion(const ctx *c, int t, size_t i, text *x)
{
    const ent_run *run = c->run;
    char pn[96], an[96], m1[40], m2[40], m3[40], buf[400];
    int ii = (int)i;
    double demand = NAN, offer = NAN, v;
    int threatened = find(run, t, ENT_EV_THREATEN, 0, ii, &demand) > 0;
    int answer = -1;
    static const int answers[3] = { ENT_EV_COMPLY, ENT_EV_CONCEDE, ENT_EV_DEFY };
    for (int k = 0; k < 3; k++)
        if (find(run, t, answers[k], ii, -1, &v)) {
            answer = answers[k];
            offer = v;
        }
    if (!threatened && answer < 0 && !find(run, t, ENT_EV_DEAL, ii, -1, NULL) &&
        !find(run, t, ENT_EV_RATIFY, ii, -1, NULL) && !find(run, t, ENT_EV_RATIFY_FAIL, ii, -1, NULL))
        return;
    name(c, 0, pn, sizeof pn);
    name(c, i, an, sizeof an);
    if (!threatened)
        demand = val(c, c->exit_demand, t, i);
    if (threatened) {
        double ins = val(c, c->instr, t, i);
        double before = val(c, c->instr, t - 1, i);
        char poss[160];
        snprintf(poss, sizeof poss, "%s's", an);
        ent_phrase_instruments(buf, sizeof buf, isfinite(ins) && ins > 0 ? (unsigned)ins : 0, "its", poss);
        if (find(run, t - 1, ENT_EV_THREATEN, 0, ii, NULL) && before == ins)
            sentence(x, "%s again threatens %s, with the same instruments, unless it pays %s more.", pn,
                     an, money(demand, m1, sizeof m1));
        else
            sentence(x, "%s threatens %s with %s unless it pays %s more.", pn, an, buf,
                     money(demand, m1, sizeof m1));
    } else if (answer >= 0 && isfinite(demand) && demand > 0) {
        sentence(x, "%s asks %s for %s more, without a threat.", pn, an, money(demand, m1, sizeof m1));
    }
    if (answer >= 0) {
        double b = belief_before(c, t, i);
        char who[200];
        if (isfinite(b))
            snprintf(who, sizeof who, "%s, believing the patron transactional with probability %.2f,",
                     an, b);
        else
            snprintf(who, sizeof who, "%s", an);
        if (answer == ENT_EV_COMPLY)
            sentence(x, "%s complies.", who);
        else if (answer == ENT_EV_CONCEDE)
            sentence(x, "%s offers %s, %s of the demand.", who, money(offer, m1, sizeof m1),
                     part_of(offer, demand, m2, sizeof m2));
        else
            sentence(x, "%s defies the demand.", who);
    }
    double bargain = val(c, c->bargain, t, i);
    if (answer >= 0 && answer != ENT_EV_DEFY && isfinite(bargain) && fabs(bargain - offer) > 1e-6)
        sentence(x, "Bargaining settles at %s.", money(bargain, m1, sizeof m1));
    double proposal = isfinite(bargain) && bargain > 0 ? bargain : offer;
    double code = val(c, c->ratif, t, i), W = val(c, c->winset, t, i), sup = val(c, c->support, t, i);
    char why[120] = "";
    if (isfinite(sup))
        snprintf(why, sizeof why, " (support for the alliance at %.2f)", sup);
    if (code == 1 && find(run, t, ENT_EV_RATIFY, ii, -1, &v)) {
        double q = val(c, c->failp, t, i);
        if (!(v > W + 1e-9))
            sentence(x, "%s's legislature ratifies the deal: %s is within its win-set of %s%s.", an,
                     money(v, m1, sizeof m1), money(W, m2, sizeof m2), why);
        else if (isfinite(q))
            sentence(x, "%s's legislature ratifies the deal of %s, though it is more than its win-set "
                        "of %s%s: it had a %.2f chance of failing.", an, money(v, m1, sizeof m1),
                     money(W, m2, sizeof m2), why, q);
        else
            sentence(x, "%s's legislature ratifies the deal of %s, though it is more than its win-set "
                        "of %s%s.", an, money(v, m1, sizeof m1), money(W, m2, sizeof m2), why);
    }
    else if (code == 2 && find(run, t, ENT_EV_RATIFY, ii, -1, &v))
        sentence(x, "%s's legislature would not ratify %s, more than its win-set of %s%s: the deal "
                    "is cut back to %s.", an, money(proposal, m1, sizeof m1), money(W, m2, sizeof m2),
                 why, money(v, m3, sizeof m3));
    else if (code == 3) {
        double q = val(c, c->failp, t, i);
        char qs[80] = "";
        if (isfinite(q))
            snprintf(qs, sizeof qs, "; a deal that large fails with probability %.2f", q);
        sentence(x, "%s's legislature rejects the deal: %s is more than its win-set of %s%s%s.", an,
                 money(proposal, m1, sizeof m1), money(W, m2, sizeof m2), why, qs);
    } else if (code == 4)
        sentence(x, "Cut back to %s's win-set of %s%s, the deal falls below what %s accepts: no deal.",
                 an, money(W, m1, sizeof m1), why, pn);
    if (find(run, t, ENT_EV_DEAL, ii, -1, &v))
        sentence(x, "A deal is struck: %s pays %s.", an, money(v, m1, sizeof m1));
    else {
        double conc = val(c, c->concession, t, i);
        if (isfinite(conc) && conc > 0)
            sentence(x, "%s pays %s, short of the demand.", an, money(conc, m1, sizeof m1));
    }
    if (find(run, t, ENT_EV_EXECUTE, 0, ii, &v))
        sentence(x, "%s carries out its threat: %s loses %s.", pn, an, money(v, m1, sizeof m1));
    if (find(run, t, ENT_EV_BACK_DOWN, 0, ii, &v))
        sentence(x, "%s backs down, at a cost of %s in credibility at home.", pn, money(v, m1, sizeof m1));
}

static void tell_hedging(const ctx *c, int t, size_t i, text *x)
{
    static const char *const what[3] = { "bandwagon", "balance", "bind" };
    static const char *const toward[3] = { "bandwagoning with the patron", "balancing on its own",
                                           "binding itself to other partners" };
    if (!portfolio_moved(c, t, i))
        return;
    char an[96], since[40];
    double w0[3], d[3];
    int when = portfolio_told(c, t, i, w0), up = 0;
    for (int k = 0; k < 3; k++) {
        d[k] = val(c, c->w[k], t, i) - w0[k];
        if (d[k] > d[up])
            up = k;
    }
    if (when == t - 1)
        snprintf(since, sizeof since, "%s", "");
    else if (when == 0)
        snprintf(since, sizeof since, " since the start");
    else
        snprintf(since, sizeof since, " since round %d", when);
    sentence(x, "%s's hedging has moved towards %s%s:", name(c, i, an, sizeof an), toward[up], since);
    int first = 1;
    for (int k = 0; k < 3; k++)
        if (fabs(d[k]) >= 0.005) {
            add(x, "%s %s %.0f%% to %.0f%%", first ? "" : ",", what[k], 100 * w0[k],
                100 * val(c, c->w[k], t, i));
            first = 0;
        }
    add(x, ".");
}

static void tell_beliefs(const ctx *c, int t, text *x)
{
    const ent_run *run = c->run;
    char an[96];
    size_t n = 0;
    for (size_t i = 1; i < ent_run_agents(run); i++)
        n += belief_moved(c, t, i);
    if (!n)
        return;
    sentence(x, "Beliefs that the patron is transactional move:");
    size_t k = 0;
    for (size_t i = 1; i < ent_run_agents(run); i++) {
        if (!belief_moved(c, t, i))
            continue;
        if (k < LISTED + 2)
            add(x, "%s %s %.2f to %.2f%s", k ? "," : "", name(c, i, an, sizeof an), belief_told(c, t, i),
                val(c, c->belief, t, i), find(run, t, ENT_EV_THREATEN, 0, (int)i, NULL) ? "" :
                " (not threatened)");
        k++;
    }
    if (n > LISTED + 2)
        add(x, " and %zu more", n - LISTED - 2);
    add(x, ".");
}

static void tell_commitment(const ctx *c, int t, text *x)
{
    char an[96];
    size_t n = 0, k = 0;
    for (size_t i = 1; i < ent_run_agents(c->run); i++)
        n += commitment_moved(c, t, i);
    if (!n)
        return;
    sentence(x, "Commitment to the patron moves:");
    for (size_t i = 1; i < ent_run_agents(c->run); i++) {
        if (!commitment_moved(c, t, i))
            continue;
        if (k < LISTED + 2)
            add(x, "%s %s %.0f%% to %.0f%%", k ? "," : "", name(c, i, an, sizeof an),
                100 * commitment_told(c, t, i), 100 * val(c, c->commitment, t, i));
        k++;
    }
    if (n > LISTED + 2)
        add(x, " and %zu more", n - LISTED - 2);
    add(x, ".");
}

/* The moves of the repeated matrix game, when any changed: who defects. */
static void tell_moves(const ctx *c, int t, text *x)
{
    if (!moves_changed(c, t))
        return;
    const ent_run *run = c->run;
    char an[96], pn[96];
    size_t n = 0, nd = 0, pd = 0;
    for (size_t i = 1; i < ent_run_agents(run); i++) {
        double m = val(c, c->move, t, i), pm = val(c, c->patron_move, t, i);
        if (!isfinite(m))
            continue;
        n++;
        nd += m == 1;
        pd += pm == 1;
    }
    if (!n)
        return;
    name(c, 0, pn, sizeof pn);
    if (!nd) {
        sentence(x, "In the repeated game every ally cooperates");
    } else {
        sentence(x, "In the repeated game");
        size_t k = 0;
        for (size_t i = 1; i < ent_run_agents(run); i++)
            if (val(c, c->move, t, i) == 1) {
                if (k < LISTED)
                    add(x, "%s %s", k == 0 ? "" : k + 1 == nd || k + 1 == LISTED ? " and" : ",",
                        name(c, i, an, sizeof an));
                k++;
            }
        if (nd > LISTED)
            add(x, " (%zu in all)", nd);
        add(x, " defect%s", nd == 1 ? "s" : "");
        if (nd < n)
            add(x, n - nd == 1 ? ", the other cooperates" : ", the others cooperate");
    }
    if (!pd)
        add(x, "; %s cooperates with all.", pn);
    else if (pd == n)
        add(x, "; %s defects against all.", pn);
    else {
        add(x, "; %s defects against", pn);
        size_t k = 0;
        for (size_t i = 1; i < ent_run_agents(run); i++)
            if (val(c, c->patron_move, t, i) == 1) {
                if (k < LISTED)
                    add(x, "%s %s", k == 0 ? "" : k + 1 == pd || k + 1 == LISTED ? " and" : ",",
                        name(c, i, an, sizeof an));
                k++;
            }
        add(x, ".");
    }
}

static void round_text(const ctx *c, int t, text *x)
{
    add(x, "Round %d:", t);
    size_t head = x->len;
    tell_burden(c, t, x);
    for (size_t i = 1; i < ent_run_agents(c->run); i++)
        tell_coercion(c, t, i, x);
    for (size_t i = 1; i < ent_run_agents(c->run); i++)
        tell_hedging(c, t, i, x);
    tell_beliefs(c, t, x);
    tell_commitment(c, t, x);
    tell_moves(c, t, x);
    if (x->len == head)
        sentence(x, "Nothing in the event log.");
}

int ent_narrate_round(FILE *f, const ent_run *run, int round)
{
    ctx c;
    ctx_init(&c, run);
    if (ctx_alloc(&c)) {
        ctx_free(&c);
        return -1;
    }
    text x = { 0 };
    round_text(&c, round, &x);
    flush(f, &x);
    int q = quiet(&c, round);
    ctx_free(&c);
    return q;
}

/* Rounds a..b (all quiet) in one short paragraph. */
static void tell_quiet(const ctx *c, int a, int b, text *x)
{
    const ent_run *run = c->run;
    if (a == b)
        add(x, "Round %d is quiet:", a);
    else
        add(x, "Rounds %d-%d are quiet:", a, b);
    int m = meeting(run, b);
    size_t asked = find(run, b, ENT_EV_DEMAND, -1, -1, NULL);
    if (m < 0)
        add(x, " no demands and no threats.");
    else if (asked == 1 && c->share >= 0) {
        char an[96];
        size_t i = 1;
        while (i + 1 < ent_run_agents(run) && !find(run, b, ENT_EV_DEMAND, -1, (int)i, NULL))
            i++;
        double s = val(c, c->share, b, i), d = NAN;
        find(run, b, ENT_EV_DEMAND, -1, (int)i, &d);
        add(x, " no threats; %s spends %.2f%% of GDP by round %d against the %.2f%% demanded.",
                 name(c, i, an, sizeof an), 100 * s, b, 100 * d);
    } else
        add(x, " no threats; %d of %zu allies meet%s the demand each round.", m, asked, m == 1 ? "s" : "");
}

int ent_narrate_run(FILE *f, const ent_run *run)
{
    ctx c;
    ctx_init(&c, run);
    if (ctx_alloc(&c)) {
        ctx_free(&c);
        return -1;
    }
    const ent_scenario *s = ent_run_scenario(run);
    char pn[96], buf[96];
    text x = { 0 };
    add(&x, "%s, %d rounds:", ent_scenario_name(s), ent_run_rounds_played(run));
    sentence(&x, "%s is the patron", name(&c, 0, pn, sizeof pn));
    if (ent_run_agents(run) == 2)
        add(&x, " and %s its ally.", name(&c, 1, buf, sizeof buf));
    else
        add(&x, ", with %zu allies.", ent_run_agents(run) - 1);
    flush(f, &x);
    int t = 1;
    while (t <= ent_run_rounds_played(run)) {
        if (!quiet(&c, t)) {
            round_text(&c, t, &x);
            flush(f, &x);
            t++;
            continue;
        }
        int b = t;
        while (b + 1 <= ent_run_rounds_played(run) && quiet(&c, b + 1))
            b++;
        tell_quiet(&c, t, b, &x);
        flush(f, &x);
        t = b + 1;
    }
    add(&x, "After %d rounds:", ent_run_rounds_played(run));
    int ex = ent_scenario_stage_index(s, "exit_leverage");
    if (ex >= 0) {
        sentence(&x, "%s was %s all along.", pn,
                 ent_run_outcome(run, "exit_leverage", "patron_type") == 1.0 ? "transactional" : "committed");
    }
    int met = meeting(run, ent_run_rounds_played(run));
    if (met >= 0 && ent_run_agents(run) > 2)
        sentence(&x, "%d of %zu allies meet%s the patron's demand in the last round.", met,
                 find(run, ent_run_rounds_played(run), ENT_EV_DEMAND, -1, -1, NULL), met == 1 ? "s" : "");
    if (ent_run_agents(run) <= 7) {
        sentence(&x, "Discounted payoffs:");
        for (size_t i = 0; i < ent_run_agents(run); i++)
            add(&x, "%s %s %.2f", i ? "," : "", name(&c, i, buf, sizeof buf),
                ent_run_agent_outcome(run, i, NULL, "cum_payoff"));
        add(&x, ".");
    }
    flush(f, &x);
    ctx_free(&c);
    return 0;
}
