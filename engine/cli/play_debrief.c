/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** play_debrief.c: the end of a classroom game. The student's path beside
** the scenario's own strategy for that country and the best built-in
** strategy, both replayed on the same seed; the table is printed and written
** as debrief.csv, the replays as complete run folders under replay/.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "output.h"
#include "play.h"

typedef struct {
    const char *path;
    char strategy[256];
    double payoff, belief, w[3], deals, fails;
} play_path;

static void path_of(const ent_run *run, int me, const char *path, const char *strategy, play_path *p)
{
    const size_t ai = (size_t)(me);
    p->path = path;
    snprintf(p->strategy, sizeof p->strategy, "%s", strategy);
    p->payoff = ent_run_agent_value(run, ai, "cum_payoff");
    p->belief = me > 0 ? ent_run_agent_value(run, ai, "belief") : NAN;
    for (int k = 0; k < 3; k++)
        p->w[k] = me > 0 && g_play.st_hedge >= 0 ? play_value3(run, ai, "portfolio", k) : NAN;
    p->deals = g_play.st_exit >= 0 && me > 0 ? (int)ent_run_agent_value(run, ai, "n_deals") : NAN;
    p->fails = g_play.st_ratify >= 0 && me > 0 ? (int)ent_run_agent_value(run, ai, "n_ratify_fail") : NAN;
    if (me == 0 && g_play.st_exit >= 0) {
        /* the patron: deals struck and ratifications failed with all allies */
        double d = 0, f = 0;
        for (size_t i = 1; i < ent_run_agents(run); i++)
            d += (int)ent_run_agent_value(run, i, "n_deals"), f += (int)ent_run_agent_value(run, i, "n_ratify_fail");
        p->deals = d;
        p->fails = g_play.st_ratify >= 0 ? f : NAN;
    }
}

/* A run of s on the seed; NULL on failure (said). */
static ent_run *replay(const ent_scenario *s, unsigned flags)
{
    ent_run *run = ent_run_alloc(s, flags);
    if (!run) {
        fprintf(stderr, "entente play: out of memory\n");
        return NULL;
    }
    ent_run_exec(run, ent_scenario_seed(s), 0, 0);
    return run;
}

typedef struct {
    const char *stage;
    unsigned role;
    const ent_strategy_type **list;
    size_t n, cap;
} candidates;

static void collect(const ent_strategy_type *t, void *ctx)
{
    candidates *c = ctx;
    if (strcmp(t->stage, c->stage) != 0 || !(t->roles & c->role) || c->n >= c->cap)
        return;
    /* with default parameters only: a strategy that needs one given is left out */
    double p[ENT_MAX_PARAMS];
    if (t->n_params > ENT_MAX_PARAMS)
        return;
    ent_param_defaults(t->params, t->n_params, p);
    for (size_t k = 0; k < t->n_params; k++)
        if (isnan(p[k]))
            return;
    c->list[c->n++] = t;
}

size_t play_builtin_strategies(const char *stage, unsigned role, const ent_strategy_type **out, size_t cap)
{
    candidates c = { stage, role, out, 0, cap };
    ent_strategy_foreach(collect, &c);
    return c.n;
}

static void strategy_names(const ent_scenario *s, int me, char *buf, size_t cap)
{
    buf[0] = 0;
    for (size_t st = 0; st < ent_scenario_n_stages(s); st++)
        if (g_play.orig[st])
            snprintf(buf + strlen(buf), cap - strlen(buf), "%s%s=%s", *buf ? " " : "",
                     ent_scenario_stage_type(s, st)->name, ent_scenario_agent_strategy(s, me, st)->name);
}

static void csv_row(FILE *f, const play_path *p)
{
    fprintf(f, "%s,", p->path);
    ent_csv_str(f, p->strategy);
    double v[8] = { p->payoff, p->belief, p->w[0], p->w[1], p->w[2], p->deals, p->fails };
    for (int k = 0; k < 7; k++) {
        fputc(',', f);
        ent_csv_num(f, v[k]);
    }
    fputc('\n', f);
}

static void print_row(const char *label, const play_path *p)
{
    printf("  %-28s %10.4f", label, p->payoff);
    if (isnan(p->belief)) printf("  %6s", "-"); else printf("  %6.2f", p->belief);
    if (isnan(p->w[0])) printf("  %-14s", "-");
    else printf("  %3.0f %3.0f %3.0f    ", 100 * p->w[0], 100 * p->w[1], 100 * p->w[2]);
    if (isnan(p->deals)) printf("  %5s", "-"); else printf("  %5.0f", p->deals);
    if (isnan(p->fails)) printf("  %6s\n", "-"); else printf("  %6.0f\n", p->fails);
}

static int write_replay(const ent_run *run, const char *root, const char *name, const char **sets,
                        size_t n_sets)
{
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/replay/%s", root, name);
    if (ent_mkdirs(dir)) {
        fprintf(stderr, "entente play: cannot create %s\n", dir);
        return -1;
    }
    return ent_results_write(run, dir, "run", ent_scenario_seed(ent_run_scenario(run)), 0.0, sets, n_sets);
}

/* The three sentences on what hedging did. */
static void sentences(const ent_run *run, const play_path *you, const play_path *scn, const play_path *best)
{
    int me = g_play.me;
    const size_t ai = (size_t)(me);
    printf("\nWhat it came to:\n");
    if (me > 0 && g_play.st_hedge >= 0 && ent_run_trace_row(run, 1, 0)) {
        double bind = 0, harm = 0;
        int nexec = 0;
        int cb = ent_run_trace_column(run, "w_bind"), ch = ent_run_trace_column(run, "harm");
        for (int t = 1; t <= ent_run_rounds_played(run); t++) {
            const double *row = ent_run_trace_row(run, t, (size_t)me);
            bind += cb >= 0 ? row[cb] : 0;
            harm += ch >= 0 && !isnan(row[ch]) ? row[ch] : 0;
        }
        nexec = (int)ent_run_agent_value(run, ai, "n_executions");
        bind /= ent_run_rounds_played(run) > 0 ? ent_run_rounds_played(run) : 1;
        printf("- Your binding weight averaged %.0f%% and ended at %.0f%%: that share of any tariff or "
               "technology-control harm was shielded; ", 100 * bind, 100 * play_value3(run, ai, "portfolio", 2));
        if (nexec)
            printf("the patron carried out %d threat%s against you, costing you $%.2f bn in all.\n", nexec,
                   nexec == 1 ? "" : "s", harm);
        else
            printf("the patron carried out no threat against you (%d made).\n", (int)ent_run_agent_value(run, ai, "n_threats"));
    } else if (me > 0 && g_play.st_exit >= 0) {
        printf("- There is no hedging stage here: the patron carried out %d threat%s against you and you "
               "struck %d deal%s.\n", (int)ent_run_agent_value(run, ai, "n_executions"), (int)ent_run_agent_value(run, ai, "n_executions") == 1 ? "" : "s", (int)ent_run_agent_value(run, ai, "n_deals"),
               (int)ent_run_agent_value(run, ai, "n_deals") == 1 ? "" : "s");
    } else if (me == 0 && g_play.st_exit >= 0) {
        int threats = 0, exec = 0, deals = 0;
        for (size_t i = 1; i < ent_run_agents(run); i++)
            threats += (int)ent_run_agent_value(run, i, "n_threats"), exec += (int)ent_run_agent_value(run, i, "n_executions"), deals += (int)ent_run_agent_value(run, i, "n_deals");
        printf("- You made %d threat%s, carried out %d and struck %d deal%s; each ally hedged against you as "
               "its own strategy told it.\n", threats, threats == 1 ? "" : "s", exec, deals, deals == 1 ? "" : "s");
    } else if (me == 0) {
        printf("- Your defence share ended at %.2f%% of GDP; the allies spend $%.0f bn besides yours.\n",
               100 * ent_run_agent_value(run, ai, "share"), ent_run_alliance_spending(run) - ent_run_agent_value(run, ai, "spending"));
    } else {
        printf("- There is no hedging stage here: your defence share ended at %.2f%% of GDP (the patron "
               "asked for %.2f%%).\n", 100 * ent_run_agent_value(run, ai, "share"), isnan(ent_run_agent_value(run, ai, "demand")) ? 0.0 : 100 * ent_run_agent_value(run, ai, "demand"));
    }
    if (me > 0 && !isnan(ent_run_agent_value(run, ai, "belief")) && g_play.st_exit >= 0)
        printf("- Your belief that the patron is transactional went from %.2f to %.2f; it was in fact %s.\n",
               ent_run_agent_value(run, ai, "belief0"), ent_run_agent_value(run, ai, "belief"), (int)ent_run_agent_value(run, 0, "patron_type") == ENT_TYPE_TRANSACTIONAL ? "transactional" : "committed");
    else if (me > 0 && !isnan(ent_run_agent_value(run, ai, "belief")))
        printf("- Your belief that the patron is transactional went from %.2f to %.2f.\n", ent_run_agent_value(run, ai, "belief0"), ent_run_agent_value(run, ai, "belief"));
    else {
        double b0 = 0, b1 = 0;
        for (size_t i = 1; i < ent_run_agents(run); i++)
            b0 += ent_run_agent_value(run, i, "belief0"), b1 += ent_run_agent_value(run, i, "belief");
        double n = ent_run_agents(run) > 1 ? (double)(ent_run_agents(run) - 1) : 1.0;
        printf("- The allies expected of you what the scenario's patron strategy would do and read your moves "
               "against it: their mean belief that you are transactional went from %.2f to %.2f", b0 / n, b1 / n);
        if (g_play.st_exit >= 0)
            printf(" (you were %s)", (int)ent_run_agent_value(run, 0, "patron_type") == ENT_TYPE_TRANSACTIONAL ? "transactional" : "committed");
        printf(".\n");
    }
    printf("- Your discounted payoff, %.4f, is %.4f %s the scenario's own strategy (%.4f) and %.4f %s the best "
           "built-in one, %s (%.4f).\n", you->payoff, fabs(you->payoff - scn->payoff),
           you->payoff >= scn->payoff ? "above" : "below", scn->payoff, fabs(you->payoff - best->payoff),
           you->payoff >= best->payoff ? "above" : "below", best->strategy, best->payoff);
}

/* An agent's strategy at one stage, kept to be put back after a replay. */
typedef struct {
    const ent_strategy_type *t;
    double p[ENT_MAX_PARAMS];
} kept_strategy;

static kept_strategy keep_strategy(const ent_scenario *s, int me, size_t st)
{
    kept_strategy k = { ent_scenario_agent_strategy(s, (size_t)me, st), { 0 } };
    const double *p = ent_scenario_agent_strategy_values(s, (size_t)me, st);
    if (k.t && p)
        memcpy(k.p, p, k.t->n_params * sizeof *p);
    return k;
}

/* Put back what keep_strategy kept (values the scenario held: they pass). */
static void put_back(ent_scenario *s, int me, size_t st, const kept_strategy *k)
{
    (void)ent_scenario_set_agent_strategy(s, (size_t)me, st, k->t, k->p);
}

int play_debrief(ent_scenario *s, const ent_run *run, const char *root, const char **sets, size_t n_sets)
{
    int me = g_play.me, status = -1;
    play_path you, scn, best;
    path_of(run, me, "student", "human", &you);
    const ent_strategy_type *human[ENT_MAX_STAGES] = { 0 };
    for (size_t st = 0; st < ent_scenario_n_stages(s); st++)
        if (g_play.orig[st]) {
            human[st] = ent_scenario_agent_strategy(s, me, st);
            (void)ent_scenario_set_agent_strategy(s, (size_t)me, st, g_play.orig[st], NULL);
        }
    ent_run *rs = NULL, *rb = NULL;
    char names[256];
    strategy_names(s, me, names, sizeof names);
    if (!(rs = replay(s, ENT_RUN_TRACE | ENT_RUN_EVENTS)))
        goto done;
    path_of(rs, me, "scenario", names, &scn);
    if (write_replay(rs, root, "scenario", sets, n_sets))
        goto done;

    /* the best built-in: each registered strategy of each played stage, with
    ** default parameters, in place of the scenario's for that stage alone */
    int best_st = -1;
    const ent_strategy_type *best_t = NULL;
    double best_pay = -INFINITY, best_p[ENT_MAX_PARAMS];
    for (size_t st = 0; st < ent_scenario_n_stages(s); st++) {
        if (!g_play.orig[st])
            continue;
        const ent_strategy_type *list[256];
        size_t n_builtin = play_builtin_strategies(ent_scenario_stage_type(s, st)->name, me == 0 ? ENT_ROLE_PATRON : ENT_ROLE_ALLY,
                                      list, 256);
        kept_strategy keep = keep_strategy(s, me, st);
        for (size_t k = 0; k < n_builtin; k++) {
            double p[ENT_MAX_PARAMS] = { 0 };
            ent_param_defaults(list[k]->params, list[k]->n_params, p);
            if (ent_scenario_set_agent_strategy(s, (size_t)me, st, list[k], p))
                continue;
            ent_run *r = replay(s, 0);
            if (!r) {
                put_back(s, me, st, &keep);
                goto done;
            }
            double pay = ent_run_agent_value(r, (size_t)me, "cum_payoff");
            ent_run_free(r);
            if (pay > best_pay) {
                best_pay = pay;
                best_st = (int)st;
                best_t = list[k];
                memcpy(best_p, p, sizeof best_p);
            }
        }
        put_back(s, me, st, &keep);
    }
    if (best_st < 0)
        goto done;
    kept_strategy keep = keep_strategy(s, me, (size_t)best_st);
    (void)ent_scenario_set_agent_strategy(s, (size_t)me, (size_t)best_st, best_t, best_p);
    rb = replay(s, ENT_RUN_TRACE | ENT_RUN_EVENTS);
    if (rb) {
        char bname[128];
        snprintf(bname, sizeof bname, "%s=%s", ent_scenario_stage_type(s, best_st)->name, best_t->name);
        path_of(rb, me, "best", bname, &best);
        status = write_replay(rb, root, "best", sets, n_sets);
    }
    put_back(s, me, (size_t)best_st, &keep);
    if (status)
        goto done;

    ent_outfile o;
    if (ent_outfile_open(&o, root, "debrief.csv")) {
        status = -1;
        goto done;
    }
    fprintf(o.f, "path,strategy,discounted_payoff,final_belief,w_bandwagon,w_balance,w_bind,deals,"
                 "failed_ratifications\n");
    csv_row(o.f, &you);
    csv_row(o.f, &scn);
    csv_row(o.f, &best);
    if (ent_outfile_commit(&o)) {
        status = -1;
        goto done;
    }

    printf("\n== Debrief ==\n");
    if (g_play.st_exit >= 0)
        printf("The patron was %s all along (its type was drawn at the start and hidden from the allies).\n",
               (int)ent_run_agent_value(run, 0, "patron_type") == ENT_TYPE_TRANSACTIONAL ? "TRANSACTIONAL" : "COMMITTED");
    printf("Replayed on the same seed (%llu):\n", (unsigned long long)ent_scenario_seed(s));
    printf("  %-28s %10s  %6s  %-14s  %5s  %6s\n", "", "discounted", "final", "portfolio %", "deals", "failed");
    printf("  %-28s %10s  %6s  %-14s  %5s  %6s\n", "", "payoff", "belief", "bwg bal bind", "", "ratif.");
    print_row("you", &you);
    print_row("the scenario's strategy", &scn);
    char lab[64];
    snprintf(lab, sizeof lab, "best built-in");
    print_row(lab, &best);
    printf("  (scenario's: %s; best built-in: %s)\n", scn.strategy, best.strategy);
    sentences(run, &you, &scn, &best);
done:
    for (size_t st = 0; st < ent_scenario_n_stages(s); st++)
        if (human[st])
            (void)ent_scenario_set_agent_strategy(s, (size_t)me, st, human[st], NULL);
    ent_run_free(rs);
    ent_run_free(rb);
    return status;
}
