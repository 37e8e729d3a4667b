/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** play_report.c: what the student is told after each round (what came of
** the choices, the payoff split by stage, and where a stage's payoff is flat
** near its optimum the distance from the best response in the same units).
*/
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "play.h"
#include "entente/matrix_stage.h"

static void burden_report(const ent_run *run, int me, int t)
{
    int st = g_play.st_burden;
    const size_t ai = (size_t)(me);
    /* what each chose in the stage (later stages may raise a share: deals) */
    double total = 0.0, own = NAN;
    int seen = 0;
    size_t n_ev;
    const ent_event *ev = ent_run_event_log(run, &n_ev);
    for (size_t k = 0; k < n_ev; k++) {
        const ent_event *e = &ev[k];
        if (e->round != t || e->stage != st || e->kind != ENT_EV_CONTRIBUTE)
            continue;
        double m = e->value * ent_run_agent_value(run, e->actor, "gdp");
        total += m;
        seen++;
        if (e->actor == me)
            own = m;
    }
    if (seen != (int)ent_run_agents(run) || isnan(own))
        return;
    double others = total - own;
    double u = ent_run_agent_stage_payoff(run, ai, st);
    double br = ent_burden_best_response(ent_run_agent_value(run, ai, "gdp"), ent_run_agent_value(run, ai, "alpha"), ent_run_agent_value(run, ai, "psi"), others);
    double ubr = ent_burden_utility(ent_run_agent_value(run, ai, "gdp"), ent_run_agent_value(run, ai, "alpha"), ent_run_agent_value(run, ai, "psi"), br, others);
    double diff = u - ubr;
    /* the difference in money: utility over the marginal utility of income */
    double money = diff * (ent_run_agent_value(run, ai, "gdp") - own) / (1.0 - ent_run_agent_value(run, ai, "alpha"));
    /* log utility is flat near the best response: six decimals, and the
    ** difference in money too */
    if (fabs(money) < 0.0005) {
        printf("Defence: you spent %.2f%% of GDP; your burden-sharing payoff this round is %.6f,\n"
               "  what the best response to the others' spending gives: you are at it.\n", 100 * own / ent_run_agent_value(run, ai, "gdp"), u);
        return;
    }
    printf("Defence: you spent %.2f%% of GDP; your burden-sharing payoff this round is %.6f.\n"
           "  The best response to what the others spent, %.2f%%, would have given %.6f (%+.6f,\n"
           "  as much as $%.*f bn of GDP %s).\n", 100 * own / ent_run_agent_value(run, ai, "gdp"), u, 100 * br / ent_run_agent_value(run, ai, "gdp"), ubr, diff,
           fabs(money) < 0.1 ? 3 : 2, fabs(money), diff < 0 ? "lost" : "gained");
}

static const char *response_words(int r)
{
    return r == ENT_RESP_COMPLY ? "complied" : r == ENT_RESP_PARTIAL ? "offered part" : "defied";
}

static void exit_report_ally(const ent_run *run, int me)
{
    const size_t ai = (size_t)(me);
    if (!(ent_run_agent_value(run, ai, "exit_demand") > 0.0)) {
        printf("The patron made no demand of you this round.\n");
        return;
    }
    char what[160];
    printf("The patron demanded $%.2f bn", ent_run_agent_value(run, ai, "exit_demand"));
    if ((int)ent_run_agent_value(run, ai, "threatened"))
        printf(" and threatened %s", play_instrument_words((unsigned)ent_run_agent_value(run, ai, "instrument"), 0, what, sizeof what));
    printf("; you %s", response_words((int)ent_run_agent_value(run, ai, "response")));
    if ((int)ent_run_agent_value(run, ai, "response") == ENT_RESP_PARTIAL)
        printf(" ($%.2f bn)", ent_run_agent_value(run, ai, "offer"));
    printf(".\n");
    if (!isnan(ent_run_agent_value(run, ai, "bargain")))
        printf("Bargaining settled the offer at $%.2f bn.\n", ent_run_agent_value(run, ai, "bargain"));
    double w = ent_run_agent_value(run, ai, "winset");
    switch ((int)ent_run_agent_value(run, ai, "ratification")) {
    case 1:
        printf("Your legislature ratified the deal: $%.2f bn is within its win-set of $%.2f bn.\n", ent_run_agent_value(run, ai, "proposal"), w);
        break;
    case 2:
        printf("The deal was above your legislature's win-set of $%.2f bn and was cut back to $%.2f bn.\n", w,
               ent_run_agent_value(run, ai, "proposal"));
        break;
    case 3:
        printf("The deal FAILED ratification: it was above your legislature's win-set of $%.2f bn, and the\n"
               "legislature rejected it (an involuntary defection).\n", w);
        break;
    case 4:
        printf("No deal: your legislature's win-set of $%.2f bn was below what the patron would accept.\n", w);
        break;
    default:
        break;
    }
    if (ent_run_agent_value(run, ai, "concession") > 0.0)
        printf("You conceded $%.2f bn.\n", ent_run_agent_value(run, ai, "concession"));
    if ((int)ent_run_agent_value(run, ai, "enforcement") == 1)
        printf("The patron CARRIED OUT its threat: you lost $%.2f bn.\n", ent_run_agent_value(run, ai, "harm"));
    else if ((int)ent_run_agent_value(run, ai, "enforcement") == 2)
        printf("The patron backed down: the threat was not carried out.\n");
    else if ((int)ent_run_agent_value(run, ai, "threatened"))
        printf("The demand was met, so the threat was not carried out.\n");
}

static void exit_report_patron(const ent_run *run)
{
    for (size_t i = 1; i < ent_run_agents(run); i++) {
        const size_t ai = (size_t)(i);
        if (!(ent_run_agent_value(run, ai, "exit_demand") > 0.0))
            continue;
        printf("%s: demand $%.2f bn%s; it %s", ent_scenario_agent_code(ent_run_scenario(run), i), ent_run_agent_value(run, ai, "exit_demand"),
               (int)ent_run_agent_value(run, ai, "threatened") ? " with a threat" : "", response_words((int)ent_run_agent_value(run, ai, "response")));
        if ((int)ent_run_agent_value(run, ai, "ratification") == 3)
            printf(", but its legislature rejected the deal");
        if (ent_run_agent_value(run, ai, "concession") > 0.0)
            printf("; it conceded $%.2f bn", ent_run_agent_value(run, ai, "concession"));
        if ((int)ent_run_agent_value(run, ai, "enforcement") == 1)
            printf("; you carried out the threat (it lost $%.2f bn, you paid $%.2f bn)", ent_run_agent_value(run, ai, "harm"), ent_run_agent_value(run, ai, "patron_cost"));
        else if ((int)ent_run_agent_value(run, ai, "enforcement") == 2)
            printf("; you backed down (audience cost $%.2f bn)", ent_run_agent_value(run, ai, "patron_cost"));
        printf(".\n");
    }
}

static void hedge_report(const ent_run *run, int me)
{
    const size_t ai = (size_t)(me);
    double u = ent_run_agent_stage_payoff(run, ai, g_play.st_hedge);
    int best = 0;
    for (int k = 1; k < 3; k++)
        if (play_value3(run, ai, "hedge_u", k) > play_value3(run, ai, "hedge_u", best))
            best = k;
    double ub = play_value3(run, ai, "hedge_u", best) / 100.0;
    static const char *const names[3] = { "bandwagon", "balance", "bind" };
    printf("Hedging: your portfolio %.0f/%.0f/%.0f earned %.3f%% of GDP, a payoff of %.4f; all in %s would\n"
           "  have earned %.3f%% (%.4f; %+.4f).\n", 100 * play_value3(run, ai, "portfolio", 0), 100 * play_value3(run, ai, "portfolio", 1),
           100 * play_value3(run, ai, "portfolio", 2), 100 * u, u, names[best], 100 * ub, ub, u - ub);
}

static void commit_report(const ent_run *run, int me, int t)
{
    const size_t ai = (size_t)(me);
    double u = ent_run_agent_stage_payoff(run, ai, g_play.st_security);
    printf("Commitment %.2f: abandonment fear %.3f + entrapment fear %.3f (%% of GDP), payoff %.4f", ent_run_agent_value(run, ai, "commitment"),
           ent_run_agent_value(run, ai, "fear_abandon"), ent_run_agent_value(run, ai, "fear_entrap"), u);
    if (g_play.commit_seen == t) {
        const ent_commit_view *v = &g_play.commit_view;
        double k = ent_commitment_optimum(v->A, v->rho, v->E);
        double ub = -(ent_abandonment_fear(v->A, v->rho, k) + ent_entrapment_fear(v->E, k)) / 100.0;
        printf(";\n  the best commitment, %.2f, would have given %.4f (%+.4f)", k, ub, u - ub);
    }
    printf(".\n");
}

void play_on_round(const ent_run *run, void *ctx)
{
    (void)ctx;
    /* after input ended, only the round it ended in is reported */
    if (g_play.ended && g_play.ended_round != ent_run_round(run))
        return;
    const ent_scenario *s = ent_run_scenario(run);
    int me = g_play.me, t = ent_run_round(run);
    const size_t ai = (size_t)(me);
    printf("\n-- Round %d: what came of it --\n", t);
    size_t n_ev;
    if (g_play.st_burden >= 0 && ent_run_event_log(run, &n_ev))
        burden_report(run, me, t);
    if (g_play.st_exit >= 0) {
        if (me == 0)
            exit_report_patron(run);
        else
            exit_report_ally(run, me);
    }
    if (me > 0 && g_play.st_hedge >= 0)
        hedge_report(run, me);
    if (me > 0 && g_play.st_security >= 0)
        commit_report(run, me, t);
    if (g_play.st_matrix >= 0 && ent_run_trace_row(run, 1, 0)) {
        const ent_column *c[256];
        size_t nc = ent_run_trace_columns(run, c, 256);
        for (size_t k = 0; k + 2 < nc; k++) {
            if (strcmp(c[k]->name, "matrix_action") != 0)
                continue;
            if (me > 0) {
                const double *row = ent_run_trace_row(run, t, (size_t)me);
                printf("Game: you played %s, the patron %s; your payoff %.4f.\n", row[k] == ENT_D ? "defect" : "cooperate",
                       row[k + 2] == ENT_D ? "defect" : "cooperate", ent_run_agent_stage_payoff(run, ai, g_play.st_matrix));
            } else {
                printf("Games:");
                for (size_t i = 1; i < ent_run_agents(run); i++) {
                    const double *row = ent_run_trace_row(run, t, i);
                    printf("%s %s you %s, it %s", i > 1 ? ";" : "", ent_scenario_agent_code(s, i), row[k + 2] == ENT_D ? "D" : "C",
                           row[k] == ENT_D ? "D" : "C");
                }
                printf("; your payoff %.4f.\n", ent_run_agent_stage_payoff(run, ai, g_play.st_matrix));
            }
            break;
        }
    }
    printf("Your payoff this round: %.6f", ent_run_agent_value(run, ai, "payoff"));
    int first = 1;
    for (size_t st = 0; st < ent_scenario_n_stages(s); st++) {
        if (ent_run_agent_stage_payoff(run, ai, st) == 0.0)
            continue;       /* stages that pay nothing this round */
        printf("%s %s %.6f", first ? " =" : " +", ent_scenario_stage_type(s, st)->name, ent_run_agent_stage_payoff(run, ai, st));
        first = 0;
    }
    printf("\n  (discounted total so far %.6f)\n", ent_run_agent_value(run, ai, "cum_payoff"));
    fflush(stdout);
}
