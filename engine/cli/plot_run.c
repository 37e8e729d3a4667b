/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** plot_run.c: the plots of one run (trace.csv, events.csv, outcomes.csv):
** spending and burden shares against the demand, hedging portfolios,
** beliefs and other per-agent lines, domestic politics, and the timeline of
** threats. A plot is drawn only when its columns are present with numbers.
*/
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "plot_result.h"
#include "plot_schema.h"

#define MAX_AGENTS 512
#define DEFAULT_SHOWN 12     /* beyond this a legend stops being readable */

typedef struct {
    const ent_result *r;
    ent_plotter *p;
    ent_table trace, events, outcomes;
    int c_round, c_agent, c_role;
    const char *codes[MAX_AGENTS];
    size_t n_codes;
    ent_words shown, allies;
    double rounds;
    double pi;
} run_ctx;

/* Agents with at least one number in column col, among `from`. */
static void with_numbers(const run_ctx *c, int col, const ent_words *from, ent_words *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < c->n_codes; i++)
        if (ent_words_has(from, c->codes[i]) && ent_table_has_num(&c->trace, col, c->c_agent, c->codes[i]))
            ent_words_add(out, c->codes[i]);
}

static void common_vars(const run_ctx *c, ent_gp_vars *v)
{
    ent_gp_vars_init(v);
    ent_gp_num(v, "rounds", c->rounds);
    ent_gp_num(v, "pi", c->pi);
    ent_gp_str(v, "c_round", c->trace.head[c->c_round]);
    ent_gp_str(v, "c_agent", c->trace.head[c->c_agent]);
}

/* "label (unit)", with the unit from the stage registry when it knows the column */
static void axis_label(char *out, size_t cap, const char *label, const char *column,
                       const char *fallback, int *percent)
{
    const char *unit = ent_schema_unit(column);
    if (!unit)
        unit = fallback;
    *percent = 0;
    if (unit && !strncmp(unit, "fraction", 8)) {
        *percent = 1;
        snprintf(out, cap, "%s (%%%s)", label, unit + 8);
    } else if (unit && *unit) {
        snprintf(out, cap, "%s (%s)", label, unit);
    } else {
        snprintf(out, cap, "%s", label);
    }
}

static int gdp_rank_cmp(const void *a, const void *b)
{
    double x = ((const double *)a)[0], y = ((const double *)b)[0];
    return x < y ? 1 : x > y ? -1 : 0;
}

/* Which agents to draw: --agents, else all, else the patron and the largest allies. */
static int choose_agents(run_ctx *c, const ent_plot_opts *o)
{
    memset(&c->shown, 0, sizeof c->shown);
    if (o->agents) {
        char buf[4096];
        snprintf(buf, sizeof buf, "%s", o->agents);
        for (char *save = NULL, *tok = strtok_r(buf, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
            size_t i = 0;
            while (i < c->n_codes && strcmp(c->codes[i], tok))
                i++;
            if (i == c->n_codes) {
                fprintf(stderr, "entente %s: --agents: no agent '%s' in %s/%s\n", c->r->cmd, tok,
                        c->r->dir, ENT_F_TRACE);
                return ENT_EXIT_USAGE;
            }
            if (!ent_words_has(&c->shown, tok))
                ent_words_add(&c->shown, c->codes[i]);
        }
        return 0;
    }
    if (c->n_codes <= DEFAULT_SHOWN) {
        for (size_t i = 0; i < c->n_codes; i++)
            ent_words_add(&c->shown, c->codes[i]);
        return 0;
    }
    /* non-allies first, then allies by GDP from outcomes.csv, largest first */
    double (*rank)[2] = calloc(c->n_codes, sizeof *rank);
    if (!rank)
        return ENT_EXIT_FAIL;
    int cg = ent_schema_col(&c->outcomes, ENT_C_GDP), ca = ent_schema_col(&c->outcomes, ENT_C_AGENT);
    int cr = ent_schema_col(&c->outcomes, ENT_C_ROLE);
    for (size_t i = 0; i < c->n_codes; i++) {
        rank[i][0] = -1.0;
        rank[i][1] = (double)i;
        for (size_t k = 0; k < c->outcomes.n_rows; k++)
            if (!strcmp(ent_table_str(&c->outcomes, k, ca), c->codes[i])) {
                double g = ent_table_num(&c->outcomes, k, cg);
                int ally = !strcmp(ent_table_str(&c->outcomes, k, cr), "ally");
                rank[i][0] = ally ? (isfinite(g) ? g : 0.0) : INFINITY;
            }
    }
    qsort(rank, c->n_codes, sizeof *rank, gdp_rank_cmp);
    ent_words pick;
    memset(&pick, 0, sizeof pick);
    for (size_t i = 0; i < DEFAULT_SHOWN; i++)
        ent_words_add(&pick, c->codes[(size_t)rank[i][1]]);
    free(rank);
    for (size_t i = 0; i < c->n_codes; i++)      /* keep the trace's order */
        if (ent_words_has(&pick, c->codes[i]))
            ent_words_add(&c->shown, c->codes[i]);
    return 0;
}

static int plot_shares(run_ctx *c)
{
    int cs = ent_schema_col(&c->trace, ENT_C_SHARE);
    if (cs < 0 || !ent_table_has_num(&c->trace, cs, -1, ""))
        return 0;
    int cd = ent_schema_col(&c->trace, ENT_C_DEMAND), cb = ent_schema_col(&c->trace, ENT_C_BURDEN);
    ent_words who, demanded;
    with_numbers(c, cs, &c->shown, &who);
    memset(&demanded, 0, sizeof demanded);
    if (cd >= 0)
        with_numbers(c, cd, &who, &demanded);
    ent_gp_vars v;
    common_vars(c, &v);
    ent_gp_str(&v, "agents", who.text);
    ent_gp_str(&v, "demanded", demanded.text);
    ent_gp_str(&v, "c_share", c->trace.head[cs]);
    ent_gp_str(&v, "c_demand", demanded.n ? c->trace.head[cd] : "");
    ent_gp_str(&v, "c_burden", cb >= 0 && ent_table_has_num(&c->trace, cb, -1, "") ? c->trace.head[cb] : "");
    ent_gp_num(&v, "scale", 100);
    return ent_plot_render(c->p, "run_shares", "shares",
                           "Defence spending as a share of GDP against the patron's demand (dotted), "
                           "and each agent's share of the alliance's spending.", &v);
}

static int plot_portfolio(run_ctx *c)
{
    int cw = ent_schema_col(&c->trace, ENT_C_BANDWAGON), cl = ent_schema_col(&c->trace, ENT_C_BALANCE);
    int cn = ent_schema_col(&c->trace, ENT_C_BIND);
    if (cw < 0 || cl < 0 || cn < 0)
        return 0;
    ent_words who;
    with_numbers(c, cw, &c->allies, &who);
    if (!who.n)
        return 0;
    ent_gp_vars v;
    common_vars(c, &v);
    ent_gp_str(&v, "agents", who.text);
    ent_gp_str(&v, "c_bandwagon", c->trace.head[cw]);
    ent_gp_str(&v, "c_balance", c->trace.head[cl]);
    ent_gp_str(&v, "c_bind", c->trace.head[cn]);
    return ent_plot_render(c->p, "run_portfolio", "portfolio",
                           "Hedging portfolios: the weight each ally puts on bandwagoning with the "
                           "patron, balancing with its own means and binding through other partners.", &v);
}

static int plot_lines(run_ctx *c)
{
    for (size_t k = 0; k < ent_schema_n_lines; k++) {
        const ent_line_plot *lp = &ent_schema_lines[k];
        int col = ent_schema_find(&c->trace, lp->names);
        if (col < 0)
            continue;
        ent_words who;
        with_numbers(c, col, lp->allies_only ? &c->allies : &c->shown, &who);
        if (!who.n)
            continue;
        char label[200], caption[256];
        int percent;
        axis_label(label, sizeof label, lp->label, c->trace.head[col], lp->unit, &percent);
        ent_gp_vars v;
        common_vars(c, &v);
        ent_gp_str(&v, "agents", who.text);
        ent_gp_str(&v, "column", c->trace.head[col]);
        ent_gp_str(&v, "what", lp->what);
        ent_gp_str(&v, "ylabel", label);
        ent_gp_num(&v, "scale", percent ? 100 : 1);
        snprintf(caption, sizeof caption, "%c%s, by round and %s.", toupper((unsigned char)lp->what[0]),
                 lp->what + 1, lp->allies_only ? "ally" : "agent");
        if (ent_plot_render(c->p, "run_lines", lp->plot, caption, &v))
            return ENT_EXIT_FAIL;
    }
    return 0;
}

static int plot_support(run_ctx *c)
{
    int cs = ent_schema_col(&c->trace, ENT_C_SUPPORT), cw = ent_schema_col(&c->trace, ENT_C_WINSET);
    ent_words a, b, who;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    if (cs >= 0) with_numbers(c, cs, &c->allies, &a);
    if (cw >= 0) with_numbers(c, cw, &c->allies, &b);
    if (!a.n && !b.n)
        return 0;
    with_numbers(c, a.n ? cs : cw, &c->allies, &who);
    if (a.n && b.n) {           /* the union, in trace order */
        memset(&who, 0, sizeof who);
        for (size_t i = 0; i < c->n_codes; i++)
            if (ent_words_has(&a, c->codes[i]) || ent_words_has(&b, c->codes[i]))
                ent_words_add(&who, c->codes[i]);
    }
    char l1[200], l2[200];
    int pc1, pc2;
    axis_label(l1, sizeof l1, "domestic support", a.n ? c->trace.head[cs] : "", "fraction of the public", &pc1);
    axis_label(l2, sizeof l2, "win-set", b.n ? c->trace.head[cw] : "", "concession", &pc2);
    ent_gp_vars v;
    common_vars(c, &v);
    ent_gp_str(&v, "agents", who.text);
    ent_gp_str(&v, "c_support", a.n ? c->trace.head[cs] : "");
    ent_gp_str(&v, "c_winset", b.n ? c->trace.head[cw] : "");
    ent_gp_str(&v, "support_label", l1);
    ent_gp_str(&v, "winset_label", l2);
    ent_gp_num(&v, "support_scale", pc1 ? 100 : 1);
    ent_gp_num(&v, "winset_scale", pc2 ? 100 : 1);
    return ent_plot_render(c->p, "run_support", "support",
                           "Domestic support in each ally and its win-set, the largest concession "
                           "its public and legislature would ratify.", &v);
}

static int plot_events(run_ctx *c)
{
    int ce = ent_schema_col(&c->events, ENT_C_EVENT), ca = ent_schema_col(&c->events, ENT_C_ACTOR);
    int ct = ent_schema_col(&c->events, ENT_C_TARGET);
    ent_words kinds, rows;
    memset(&kinds, 0, sizeof kinds);
    memset(&rows, 0, sizeof rows);
    for (size_t k = 0; ent_schema_event_kinds[k]; k++) {
        int seen = 0;
        for (size_t i = 0; i < c->events.n_rows; i++) {
            if (strcmp(ent_table_str(&c->events, i, ce), ent_schema_event_kinds[k]))
                continue;
            const char *a = ent_table_str(&c->events, i, ca), *t = ent_table_str(&c->events, i, ct);
            const char *who = ent_words_has(&c->allies, a) ? a : t;
            if (ent_words_has(&c->allies, who)) {
                seen = 1;
                if (!ent_words_has(&rows, who))
                    ent_words_add(&rows, who);
            }
        }
        if (seen)
            ent_words_add(&kinds, ent_schema_event_kinds[k]);
    }
    if (!kinds.n)
        return 0;
    ent_words ordered;          /* rows in the trace's order */
    memset(&ordered, 0, sizeof ordered);
    for (size_t i = 0; i < c->n_codes; i++)
        if (ent_words_has(&rows, c->codes[i]))
            ent_words_add(&ordered, c->codes[i]);
    ent_gp_vars v;
    common_vars(c, &v);
    ent_gp_str(&v, "agents", ordered.text);
    ent_gp_str(&v, "kinds", kinds.text);
    ent_gp_str(&v, "c_event", c->events.head[ce]);
    ent_gp_str(&v, "c_actor", c->events.head[ca]);
    ent_gp_str(&v, "c_target", c->events.head[ct]);
    ent_gp_str(&v, "c_round", c->events.head[ent_schema_col(&c->events, ENT_C_ROUND)]);
    return ent_plot_render(c->p, "run_events", "events",
                           "Timeline of the coercion game: threats made, carried out and withdrawn, "
                           "each ally's answer, deals and failed ratifications.", &v);
}

int ent_plot_run(const ent_result *r, const ent_plot_opts *o, ent_plotter *p)
{
    run_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return ENT_EXIT_FAIL;
    c->r = r;
    c->p = p;
    int rc;
    if ((rc = ent_result_table(r, ENT_F_TRACE, 1, &c->trace)) ||
        (rc = ent_result_table(r, ENT_F_EVENTS, 1, &c->events)) ||
        (rc = ent_result_table(r, ENT_F_OUTCOMES, 1, &c->outcomes)))
        goto done;
    c->c_round = ent_schema_col(&c->trace, ENT_C_ROUND);
    c->c_agent = ent_schema_col(&c->trace, ENT_C_AGENT);
    c->c_role = ent_schema_col(&c->trace, ENT_C_ROLE);
    if ((rc = ent_result_need(r, ENT_F_TRACE, c->c_round, "round")) ||
        (rc = ent_result_need(r, ENT_F_TRACE, c->c_agent, "agent")) ||
        (rc = ent_result_need(r, ENT_F_TRACE, c->c_role, "role")) ||
        (rc = ent_result_need(r, ENT_F_EVENTS, ent_schema_col(&c->events, ENT_C_ROUND), "round")) ||
        (rc = ent_result_need(r, ENT_F_EVENTS, ent_schema_col(&c->events, ENT_C_EVENT), "event")) ||
        (rc = ent_result_need(r, ENT_F_EVENTS, ent_schema_col(&c->events, ENT_C_ACTOR), "actor")) ||
        (rc = ent_result_need(r, ENT_F_EVENTS, ent_schema_col(&c->events, ENT_C_TARGET), "target")) ||
        (rc = ent_result_need(r, ENT_F_OUTCOMES, ent_schema_col(&c->outcomes, ENT_C_AGENT), "agent")))
        goto done;
    /* every column but agent and role must hold numbers: gnuplot would misdraw text */
    for (size_t k = 0; k < c->trace.n_cols; k++)
        if ((int)k != c->c_agent && (int)k != c->c_role &&
            (rc = ent_result_numeric(r, ENT_F_TRACE, &c->trace, (int)k)))
            goto done;
    if ((rc = ent_result_numeric(r, ENT_F_EVENTS, &c->events, ent_schema_col(&c->events, ENT_C_ROUND))))
        goto done;
    if (c->trace.n_rows == 0) {
        fprintf(stderr, "%s/%s: error: no rows: the run played no round\n", r->dir, ENT_F_TRACE);
        rc = ENT_EXIT_USAGE;
        goto done;
    }
    c->n_codes = ent_table_distinct(&c->trace, c->c_agent, -1, "", c->codes, MAX_AGENTS);
    for (size_t i = 0; i < c->n_codes; i++)
        if (strpbrk(c->codes[i], " '\"") || !*c->codes[i]) {
            fprintf(stderr, "%s/%s: error: agent code '%s' is empty or holds a space or quote\n",
                    r->dir, ENT_F_TRACE, c->codes[i]);
            rc = ENT_EXIT_USAGE;
            goto done;
        }
    if ((rc = choose_agents(c, o)))
        goto done;
    memset(&c->allies, 0, sizeof c->allies);
    for (size_t i = 0; i < c->n_codes; i++) {
        if (!ent_words_has(&c->shown, c->codes[i]))
            continue;
        for (size_t k = 0; k < c->trace.n_rows; k++)
            if (!strcmp(ent_table_str(&c->trace, k, c->c_agent), c->codes[i])) {
                if (!strcmp(ent_table_str(&c->trace, k, c->c_role), "ally"))
                    ent_words_add(&c->allies, c->codes[i]);
                break;
            }
    }
    for (size_t k = 0; k < c->trace.n_rows; k++) {
        double t = ent_table_num(&c->trace, k, c->c_round);
        if (t > c->rounds)
            c->rounds = t;
    }
    c->pi = c->rounds > 15 ? ceil(c->rounds / 12) : 1;
    rc = ENT_EXIT_FAIL;
    if (plot_shares(c) || plot_portfolio(c) || plot_lines(c) || plot_support(c) || plot_events(c))
        goto done;
    rc = 0;
done:
    ent_table_free(&c->trace);
    ent_table_free(&c->events);
    ent_table_free(&c->outcomes);
    free(c);
    return rc;
}
