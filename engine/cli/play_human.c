/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** play_human.c: the strategy types whose decisions come from a person. Each
** shows what its stage's view holds, in plain words and numbers, asks, and
** checks the answer (re-asking until it is one); when input has ended they
** keep the last choice or let the scenario's strategy answer, as they say.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "narrate.h"
#include "play.h"
#include "entente/matrix_stage.h"

play_ctx g_play;

/* ---- small helpers ------------------------------------------------------- */

const char *play_instrument_words(unsigned instr, int to_patron, char *buf, size_t cap)
{
    ent_phrase_instruments(buf, cap, instr, to_patron ? "your" : "its", to_patron ? "its" : "your");
    return buf;
}

const char *play_act_words(int act)
{
    switch (act) {
    case ENT_ACT_KEPT: return "kept faith and held its own spending";
    case ENT_ACT_BACKED_DOWN: return "backed down from a threat";
    case ENT_ACT_THREATENED: return "threatened to withdraw";
    case ENT_ACT_CUT: return "cut its own defence spending";
    case ENT_ACT_EXECUTED: return "carried out a threat against you";
    default: return "did nothing of note";
    }
}

static double stage_param(int st, const char *name)
{
    return ent_scenario_stage_value(g_play.s, (size_t)st, name);
}

double play_winset(const ent_run *run, size_t i)
{
    return ent_ratification_outlook(run, i, NULL);
}

double play_value3(const ent_run *run, size_t i, const char *base, int k)
{
    static const char *const option[3] = { "bandwagon", "balance", "bind" };
    char name[64];
    snprintf(name, sizeof name, "%s_%s", base, option[k]);
    return ent_run_agent_value(run, i, name);
}

static int col(const ent_run *run, const char *name)
{
    return ent_run_trace_column(run, name);
}

/* One agent's moves of a round, from its trace row. */
static void moves_words(const ent_run *run, int round, size_t j, char *buf, size_t cap)
{
    const double *row = ent_run_trace_row(run, round, j);
    int cs = col(run, "contribution_share"), rsp = col(run, "response"), dem = col(run, "exit_demand");
    int cc = col(run, "concession"), wb = col(run, "w_bandwagon"), km = col(run, "commitment");
    int ma = col(run, "matrix_action"), mp = col(run, "matrix_patron_action");
    buf[0] = 0;
#define ADD(...) snprintf(buf + strlen(buf), cap - strlen(buf), __VA_ARGS__)
    if (cs >= 0)
        ADD("%s%.2f%% of GDP on defence", *buf ? "; " : "", 100 * row[cs]);
    if (j == 0 && dem >= 0 && row[dem] > 0)
        ADD("%sdemanded $%.2f bn in all", *buf ? "; " : "", row[dem]);
    if (j > 0 && rsp >= 0 && !isnan(row[rsp]))
        ADD("%s%s a $%.2f bn demand", *buf ? "; " : "",
            row[rsp] == ENT_RESP_COMPLY ? "complied with" : row[rsp] == ENT_RESP_PARTIAL ? "met part of" : "defied",
            row[dem]);
    if (j > 0 && cc >= 0 && rsp >= 0 && row[rsp] == ENT_RESP_PARTIAL)
        ADD(" (conceded $%.2f bn)", row[cc]);
    if (j > 0 && wb >= 0)
        ADD("%sportfolio %.0f/%.0f/%.0f", *buf ? "; " : "", 100 * row[wb], 100 * row[wb + 1], 100 * row[wb + 2]);
    if (j > 0 && km >= 0)
        ADD("%scommitment %.2f", *buf ? "; " : "", row[km]);
    if (j > 0 && ma >= 0 && !isnan(row[ma]))
        ADD("%splayed %s (the patron %s)", *buf ? "; " : "", row[ma] == ENT_D ? "D" : "C",
            row[mp] == ENT_D ? "D" : "C");
#undef ADD
}

void play_round_header(void)
{
    const ent_run *run = g_play.run;
    const ent_scenario *s = g_play.s;
    int t = ent_run_round(run);
    if (g_play.header_round == t || g_play.ended)
        return;
    g_play.header_round = t;
    printf("\n======== Round %d of %d ========\n", t, ent_scenario_rounds(s));
    const size_t ai = (size_t)(g_play.me);
    if (g_play.me > 0 && !isnan(ent_run_agent_value(run, ai, "belief")))
        printf("You believe the patron is transactional with probability %.2f (you started at %.2f).\n",
               ent_run_agent_value(run, ai, "belief"), ent_run_agent_value(run, ai, "belief0"));
    if (g_play.me > 0 && g_play.st_ratify >= 0) {
        /* the win-set at today's support (a threat this round lowers it) */
        double floor = stage_param(g_play.st_ratify, "support_floor");
        double x = (ent_run_agent_value(run, ai, "support") - floor) / (1.0 - floor);
        printf("Public support for the alliance is %.0f%%: your legislature would ratify a deal of up to $%.2f bn "
               "(its win-set; a threat this round would lower it).\n", 100 * ent_run_agent_value(run, ai, "support"),
               x > 0.0 ? stage_param(g_play.st_ratify, "winset_scale") * ent_run_agent_value(run, ai, "gdp") * x : 0.0);
    }
    if (t > 1 && ent_run_trace_row(run, 1, 0)) {
        printf("Last round the others:\n");
        int shown = 0;
        for (size_t j = 0; j < ent_run_agents(run); j++) {
            if ((int)j == g_play.me)
                continue;
            if (shown == 8) {
                printf("  ... and %zu more (see the trace at the end)\n", ent_run_agents(run) - 1 - (size_t)shown);
                break;
            }
            char what[320];
            moves_words(run, t - 1, j, what, sizeof what);
            printf("  %-4s %s\n", ent_scenario_agent_code(s, j), *what ? what : "-");
            shown++;
        }
    }
}

/* ---- the defence budget ---------------------------------------------------- */

static void burden_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r)
{
    (void)p; (void)st; (void)r;
    const ent_burden_view *v = vv;
    ent_burden_decision *d = dd;
    d->share = v->share;
    if (g_play.ended)
        return;
    play_round_header();
    double br = ent_burden_best_response(v->gdp, v->alpha, v->psi, v->spending_others) / v->gdp;
    printf("\n-- Round %d: defence budget --\n", v->round);
    printf("Your GDP is $%.0f bn. Last round you spent %.2f%% of GDP ($%.1f bn).\n", v->gdp,
           100 * v->share, v->share * v->gdp);
    printf("Everyone else together spends $%.0f bn on the alliance's defence.\n", v->spending_others);
    if (!v->is_patron) {
        printf("The patron demands %.2f%% of GDP", 100 * v->demand);
        printf(v->share + 1e-12 >= v->demand ? " (you meet it).\n" : " (you fall short by %.2f points).\n",
               100 * (v->demand - v->share));
        if (v->round > 1)
            printf("Last round the patron %s.\n", play_act_words(v->patron_act));
    }
    printf("Spending what serves you best given the others (a best response) would be %.2f%%.\n",
           100 * br);
    char prompt[128], line[256];
    snprintf(prompt, sizeof prompt, "Your defence share this round, in %% of GDP [Enter keeps %.2f]: ",
             100 * v->share);
    while (play_ask(prompt, line, sizeof line)) {
        double x;
        if (play_blank(line))
            return;
        if (play_parse_number(line, &x, NULL) && x >= 0 && x <= 100) {
            d->share = x / 100.0;
            return;
        }
        printf("Please type a number from 0 to 100 (for example 2.5 or 2,5), or press Enter.\n");
    }
}

/* ---- exit leverage: the ally's answer --------------------------------------- */

static const ent_strategy_type *orig(int st) { return st >= 0 ? g_play.orig[st] : NULL; }

static size_t exit_state_size(const double *p, size_t n_agents)
{
    const ent_strategy_type *o = orig(g_play.st_exit);
    return o && o->state_size ? o->state_size(p, n_agents) : 0;
}

static void exit_reset(const double *p, void *state, const void *view)
{
    const ent_strategy_type *o = orig(g_play.st_exit);
    if (o && o->reset)
        o->reset(p, state, view);
}

static void exit_observe(const double *p, void *state, const void *view, double payoff)
{
    const ent_strategy_type *o = orig(g_play.st_exit);
    if (o && o->observe)
        o->observe(p, state, view, payoff);
}

static void exit_ally_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r)
{
    const ent_exit_ally_view *v = vv;
    ent_exit_ally_decision *d = dd;
    if (!g_play.ended) {
        play_round_header();
        printf("\n-- Round %d: the patron's demand --\n", v->round);
        printf("The patron demands $%.2f bn more defence effort from you", v->demand);
        if (v->threat) {
            char what[160];
            printf(", and threatens %s.\nIf it carries that out you lose about $%.2f bn this year.\n",
                   play_instrument_words(v->instrument, 0, what, sizeof what), v->harm);
        } else {
            printf(" (no threat comes with it).\n");
        }
        printf("You think the patron is transactional with probability %.2f; public support for the "
               "alliance is %.0f%%.\n", v->belief, 100 * v->support);
        double w = play_winset(g_play.run, (size_t)g_play.me);
        if (!isnan(w))
            printf("Your legislature would ratify at most $%.2f bn this round (its win-set): a deal "
                   "above that fails or is cut back.\n", w);
        printf("Conceding costs you the money and about $%.2f bn of autonomy.\n", v->sovereignty_cost);
        if (v->threat)
            printf("Given what each type of patron would do, and what this demand tells you, the chance "
                   "that it carries the threat out if you refuse is about %.0f%%.\n", 100 * v->execute_prob);
        if (v->executions_suffered || v->bluffs_called)
            printf("So far it has carried out %d threat%s against you and backed down %d time%s.\n",
                   v->executions_suffered, v->executions_suffered == 1 ? "" : "s", v->bluffs_called,
                   v->bluffs_called == 1 ? "" : "s");
        char prompt[200], line[256];
        snprintf(prompt, sizeof prompt,
                 "Answer: c = comply, d = defy, or an offer in $ bn (more than 0, less than %.2f) "
                 "[Enter = defy]: ", v->demand);
        while (play_ask(prompt, line, sizeof line)) {
            int c = play_first_letter(line);
            double x;
            if (!c || play_word(line, "c", "comply") || play_word(line, "d", "defy")) {
                d->response = c == 'c' ? ENT_RESP_COMPLY : ENT_RESP_DEFY;
                d->concession = c == 'c' ? v->demand : 0.0;
                return;
            }
            if (play_parse_number(line, &x, NULL)) {
                if (x > 0 && x < v->demand) {
                    d->response = ENT_RESP_PARTIAL;
                    d->concession = x;
                    return;
                }
                printf("An offer must be more than 0 and less than the demand, $%.2f bn; to give all of "
                       "it type c, to give nothing type d.\n", v->demand);
                continue;
            }
            printf("Please type c, d, or an amount in $ bn such as 1.5 (or 1,5).\n");
        }
    }
    const ent_strategy_type *o = orig(g_play.st_exit);
    o->decide(p, st, vv, dd, r);
}

/* ---- exit leverage: the patron's demands, threats and their enforcement ------ */

static const char *ally_name(int i) { return ent_scenario_agent_name(g_play.s, i); }

static unsigned parse_instruments(const char *s, int *ok)
{
    unsigned instr = 0;
    *ok = 1;
    for (; *s; s++) {
        switch (*s) {
        case 'd': case 'D': instr |= ENT_INSTR_DRAWDOWN; break;
        case 't': case 'T': instr |= ENT_INSTR_TARIFF; break;
        case 'x': case 'X': instr |= ENT_INSTR_TECH; break;
        case ' ': case '\t': case '+': case ',': break;
        default: *ok = 0; return 0;
        }
    }
    return instr;
}

static void exit_patron_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r)
{
    const ent_exit_patron_view *v = vv;
    ent_exit_patron_decision *d = dd;
    const ent_strategy_type *o = orig(g_play.st_exit);
    if (g_play.ended) {
        o->decide(p, st, vv, dd, r);
        return;
    }
    ent_exit_behaviour b;
    int known = ent_exit_patron_behaviour(o, p, st, v, &b) == 0;
    char line[256], prompt[256], what[160];
    play_round_header();
    if (v->phase == ENT_EXIT_THREAT) {
        double sug = known && b.demand > 0 && isfinite(b.demand) ? b.demand : v->gap;
        unsigned sug_instr = known && b.threat >= 0.5 ? (b.instrument & ENT_INSTR_ALL ? b.instrument & ENT_INSTR_ALL
                                                                                     : ENT_INSTR_DRAWDOWN) : 0;
        printf("\n-- Round %d: your demand of %s --\n", v->round, ally_name(v->ally));
        printf("%s falls short of your target by $%.2f bn. Public support for the alliance there is %.0f%%;\n"
               "it has defied you %d time%s.\n", ally_name(v->ally), v->gap, 100 * v->support,
               v->ally_defiances, v->ally_defiances == 1 ? "" : "s");
        printf("If you threatened and carried it out: a drawdown would cost it $%.2f bn (you $%.2f bn), tariffs\n"
               "$%.2f bn (you $%.2f bn), technology controls $%.2f bn (you $%.2f bn). Backing down from a\n"
               "threat costs you $%.2f bn (audience costs). Your type is %s.\n",
               v->harm[0], v->cost[0], v->harm[1], v->cost[1], v->harm[2], v->cost[2], v->audience_cost,
               v->type == ENT_TYPE_TRANSACTIONAL ? "transactional" : "committed");
        snprintf(prompt, sizeof prompt, "Your demand in $ bn (0 = none) [Enter = %.2f, the scenario's]: ", sug);
        d->demand = sug;
        int asked = 0;
        while (!asked && play_ask(prompt, line, sizeof line)) {
            double x;
            if (play_blank(line))
                asked = 1;
            else if (play_parse_number(line, &x, NULL) && x >= 0 && x <= 1e6)
                d->demand = x, asked = 1;
            else
                printf("Please type an amount in $ bn, 0 or more (for example 2.5 or 2,5), or press Enter.\n");
        }
        if (!asked) {
            o->decide(p, st, vv, dd, r);
            return;
        }
        d->threat = 0;
        d->instrument = 0;
        if (!(d->demand > 0))
            return;
        snprintf(prompt, sizeof prompt,
                 "Back it with a threat? n = no, or letters: d drawdown, t tariffs, x tech controls "
                 "(e.g. dt) [Enter = %s]: ", sug_instr ? (sug_instr == 1 ? "d" : sug_instr == 2 ? "t"
                 : sug_instr == 3 ? "dt" : sug_instr == 4 ? "x" : sug_instr == 5 ? "dx" : sug_instr == 6 ? "tx"
                 : "dtx") : "n");
        while (play_ask(prompt, line, sizeof line)) {
            int ok;
            if (play_blank(line)) {
                d->threat = sug_instr != 0;
                d->instrument = sug_instr;
                return;
            }
            if (play_word(line, "n", "no"))
                return;
            unsigned instr = parse_instruments(line, &ok);
            if (ok && instr) {
                d->threat = 1;
                d->instrument = instr;
                return;
            }
            printf("Please type n, or one or more of the letters d, t and x.\n");
        }
        d->threat = sug_instr != 0;
        d->instrument = sug_instr;
        return;
    }
    /* ENFORCE: the threat was not met */
    int sug = known ? b.execute >= 0.5 : 1;
    printf("\n-- Round %d: %s did not meet your demand --\n", v->round, ally_name(v->ally));
    printf("You demanded $%.2f bn and threatened %s; it %s", v->demand,
           play_instrument_words(v->instrument, 1, what, sizeof what),
           v->response == ENT_RESP_DEFY ? "defied you" : "offered part");
    if (v->response == ENT_RESP_PARTIAL)
        printf(" ($%.2f bn settled)", v->concession);
    if (v->ratify_failed)
        printf(", and its legislature rejected the deal");
    double h = 0, c = 0;
    for (int k = 0; k < 3; k++)
        if (v->instrument & (1u << k))
            h += v->harm[k], c += v->cost[k];
    printf(".\nCarrying the threat out harms it by $%.2f bn and costs you $%.2f bn; backing down costs you "
           "$%.2f bn.\n", h, c, v->audience_cost);
    snprintf(prompt, sizeof prompt, "Carry out the threat? y = yes, n = back down [Enter = %s, the scenario's]: ",
             sug ? "y" : "n");
    while (play_ask(prompt, line, sizeof line)) {
        int l = play_first_letter(line);
        if (!l) { d->execute = sug; return; }
        if (play_word(line, "y", "yes") || play_word(line, "n", "no")) {
            d->execute = l == 'y';
            return;
        }
        printf("Please type y or n.\n");
    }
    o->decide(p, st, vv, dd, r);
}

/* ---- hedging ------------------------------------------------------------------ */

static const char *const hedge_names[3] = { "bandwagon", "balance", "bind" };
static const char *const hedge_words[3] = { "lean on the patron", "build your own capability",
                                            "bind partners and frameworks" };

static void hedge_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r)
{
    (void)p; (void)st; (void)r;
    const ent_hedge_view *v = vv;
    ent_hedge_decision *d = dd;
    memcpy(d->w, v->w, sizeof d->w);
    g_play.hedge_view = *v;
    g_play.hedge_seen = v->round;
    if (g_play.ended)
        return;
    play_round_header();
    printf("\n-- Round %d: hedging portfolio --\n", v->round);
    printf("What each option is worth this round (expected, %% of GDP), and what your portfolio gets from it:\n");
    int best = 0;
    double now = 0.0;
    for (int k = 0; k < 3; k++) {
        printf("  %-9s worth %7.3f   your weight %5.1f%%  -> %7.3f   (%s)\n", hedge_names[k], v->u[k],
               100 * v->w[k], v->w[k] * v->u[k], hedge_words[k]);
        now += v->w[k] * v->u[k];
        if (v->u[k] > v->u[best])
            best = k;
    }
    printf("Kept as it is, the portfolio earns %.3f%% of GDP this round; all in %s would earn %.3f.\n", now,
           hedge_names[best], v->u[best]);
    printf("Binding also shields you: a tariff or technology threat hurts you %.0f%% less with bind at %.0f%%.\n",
           100 * v->w[2], 100 * v->w[2]);
    char prompt[200], line[256];
    snprintf(prompt, sizeof prompt,
             "Your portfolio: bandwagon balance bind in %%, adding to 100 (e.g. 60 15 25) [Enter keeps "
             "%.4g %.4g %.4g]: ", 100 * v->w[0], 100 * v->w[1], 100 * v->w[2]);
    while (play_ask(prompt, line, sizeof line)) {
        double x[4];
        if (play_blank(line))
            return;
        int n = play_parse_numbers(line, x, 4, NULL);
        if (n != 3) {
            printf(n < 0 ? "Please type numbers only: three percentages separated by spaces, for example 60 15 25.\n"
                         : "Please type three percentages (bandwagon balance bind), not %d, for example 60 15 25.\n",
                   n);
            continue;
        }
        if (x[0] < 0 || x[1] < 0 || x[2] < 0) {
            printf("No percentage can be negative.\n");
            continue;
        }
        double sum = x[0] + x[1] + x[2];
        if (fabs(sum - 100.0) > 0.01) {
            printf("Your three percentages add up to %.6g; they must add up to 100.\n", sum);
            continue;
        }
        for (int k = 0; k < 3; k++)
            d->w[k] = x[k] / 100.0;
        return;
    }
}

/* ---- the security dilemma ------------------------------------------------------ */

static void commit_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r)
{
    (void)p; (void)st; (void)r;
    const ent_commit_view *v = vv;
    ent_commit_decision *d = dd;
    d->commitment = v->commitment;
    g_play.commit_view = *v;
    g_play.commit_seen = v->round;
    if (g_play.ended)
        return;
    play_round_header();
    double kbest = ent_commitment_optimum(v->A, v->rho, v->E);
    printf("\n-- Round %d: commitment to the patron --\n", v->round);
    printf("Being abandoned in a crisis would cost you about %.3f%% of GDP in expectation this round; full\n"
           "commitment cuts that by %.0f%%. But commitment k also risks entrapment in the patron's conflicts,\n"
           "costing %.3f x k^2 / 2 %% of GDP.\n", v->A, 100 * v->rho, v->E);
    printf("Your commitment is %.2f: fears %.3f + %.3f = %.3f%% of GDP. The best commitment, %.2f, gives %.3f.\n",
           v->commitment, ent_abandonment_fear(v->A, v->rho, v->commitment), ent_entrapment_fear(v->E, v->commitment),
           ent_abandonment_fear(v->A, v->rho, v->commitment) + ent_entrapment_fear(v->E, v->commitment), kbest,
           ent_abandonment_fear(v->A, v->rho, kbest) + ent_entrapment_fear(v->E, kbest));
    char prompt[160], line[256];
    snprintf(prompt, sizeof prompt,
             "Your commitment k, from 0 (none) to 1 (full), or a percent such as 60%% [Enter keeps %.2f]: ",
             v->commitment);
    while (play_ask(prompt, line, sizeof line)) {
        double x;
        int pct;
        if (play_blank(line))
            return;
        if (play_parse_number(line, &x, &pct)) {
            if (pct) x /= 100.0;
            if (x >= 0 && x <= 1) {
                d->commitment = x;
                return;
            }
            if (!pct && x > 1 && x <= 100) {
                printf("k runs from 0 to 1; for %g percent type %g%% or %g.\n", x, x, x / 100);
                continue;
            }
        }
        printf("Please type a number from 0 to 1 (for example 0.6 or 0,6), a percent such as 60%%, or press Enter.\n");
    }
}

/* ---- a matrix game -------------------------------------------------------------- */

static void matrix_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r)
{
    (void)p; (void)st; (void)r;
    const ent_matrix_view *v = vv;
    ent_matrix_decision *d = dd;
    const ent_gs_view *g = &v->game;
    int last = g->turn > 0 ? g->own[g->turn - 1] : ENT_C;
    d->action = last;
    if (g_play.ended)
        return;
    play_round_header();
    printf("\n-- Round %d: the game with %s --\n", g->turn + 1, ent_scenario_agent_name(g_play.s, v->opponent));
    printf("Your payoffs: both cooperate %g; you cooperate, they defect %g; you defect, they cooperate %g;\n"
           "both defect %g.\n", g->R, g->S, g->T, g->P);
    if (g->turn > 0)
        printf("Last round you played %s and %s played %s; they have cooperated %d time%s of %d.\n",
               g->own[g->turn - 1] == ENT_D ? "defect" : "cooperate", ent_scenario_agent_code(g_play.s, v->opponent),
               g->opp[g->turn - 1] == ENT_D ? "defect" : "cooperate", g->opp_coop, g->opp_coop == 1 ? "" : "s",
               g->turn);
    char prompt[128], line[256];
    snprintf(prompt, sizeof prompt, "Your move: c = cooperate, d = defect [Enter = %s]: ", last == ENT_D ? "d" : "c");
    while (play_ask(prompt, line, sizeof line)) {
        int l = play_first_letter(line);
        if (!l)
            return;
        if (play_word(line, "c", "cooperate") || play_word(line, "d", "defect")) {
            d->action = l == 'd' ? ENT_D : ENT_C;
            return;
        }
        printf("Please type c or d.\n");
    }
}

/* ---- the tables ------------------------------------------------------------------ */

static const ent_strategy_type human_burden = {
    "human", "burden_sharing", ENT_ROLE_ANY, "a person at the terminal decides",
    "classroom mode", NULL, 0, NULL, NULL, burden_decide, NULL
};
static const ent_strategy_type human_exit_ally = {
    "human", "exit_leverage", ENT_ROLE_ALLY, "a person at the terminal answers the demand",
    "classroom mode", NULL, 0, exit_state_size, exit_reset, exit_ally_decide, exit_observe
};
/* A stand-in (stage.h): the allies read the behaviour the scenario's patron
** strategy states (what they expect of the patron), and learn from where the
** person's demands, threats and enforcement depart from it or agree. */
static ent_strategy_stand_in human_exit_patron = {
    { "human", "exit_leverage", ENT_ROLE_PATRON, "a person at the terminal makes the demands",
      ent_stand_in_reference, NULL, 0, exit_state_size, exit_reset, exit_patron_decide, exit_observe },
    NULL
};
static const ent_strategy_type human_hedge = {
    "human", "hedging", ENT_ROLE_ALLY, "a person at the terminal chooses the portfolio",
    "classroom mode", NULL, 0, NULL, NULL, hedge_decide, NULL
};
static const ent_strategy_type human_commit = {
    "human", "security_dilemma", ENT_ROLE_ALLY, "a person at the terminal chooses the commitment",
    "classroom mode", NULL, 0, NULL, NULL, commit_decide, NULL
};
static const ent_strategy_type human_matrix = {
    "human", "matrix", ENT_ROLE_ANY, "a person at the terminal moves",
    "classroom mode", NULL, 0, NULL, NULL, matrix_decide, NULL
};

const ent_strategy_type *play_human_for(const char *stage, int patron)
{
    if (!strcmp(stage, "burden_sharing"))
        return &human_burden;
    if (!strcmp(stage, "exit_leverage"))
    {
        if (!patron)
            return &human_exit_ally;
        human_exit_patron.stands_for = g_play.st_exit >= 0 ? g_play.orig[g_play.st_exit] : NULL;
        return &human_exit_patron.t;
    }
    if (!strcmp(stage, "hedging") && !patron)
        return &human_hedge;
    if (!strcmp(stage, "security_dilemma") && !patron)
        return &human_commit;
    if (!strcmp(stage, "matrix"))
        return &human_matrix;
    return NULL;
}
