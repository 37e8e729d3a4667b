/*
** cmd_play.c: `entente play FILE --as CODE`: the classroom mode. A student
** plays one country: wherever that agent has a decision to make, the program
** shows what the agent can see, in plain words, and reads the answer from
** the terminal. Everyone else plays the scenario's strategies.
**
** The engine knows nothing of terminals: a strategy is a decision function
** over a view, so this file supplies a strategy type whose decision comes
** from a person, and puts it in place of the agent's own.
*/
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "output.h"
#include "entente/exit.h"

const char ent_usage_play[] =
    "usage: entente play FILE --as CODE [--seed N] [--rounds N] [--set PATH=VALUE]... [--out DIR]\n"
    "\n"
    "Play one country of a scenario yourself. Each round you see your GDP, your\n"
    "defence spending, what the others spend, the patron's demand and what the\n"
    "patron did last round, with the share a myopic best response would choose;\n"
    "type a share in percent of GDP (Enter keeps last round's). In scenarios with\n"
    "exit leverage, an ally also answers each demand the patron backs with a\n"
    "threat: comply, defy, or offer part. The other agents play their scenario\n"
    "strategies. At the end the usual results are written\n"
    "(default folder results/<scenario name>-play/) and a summary is printed.\n"
    "Answers are read from standard input, so a class can also script them.\n";

static const char *act_words(int act)
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

/* Read one line; returns 0 at end of input. */
static int read_line(char *buf, size_t cap)
{
    if (!fgets(buf, (int)cap, stdin))
        return 0;
    buf[strcspn(buf, "\r\n")] = 0;
    return 1;
}

static void human_burden_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r)
{
    (void)p; (void)st; (void)r;
    const ent_burden_view *v = vv;
    ent_burden_decision *d = dd;
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
            printf("Last round the patron %s.\n", act_words(v->patron_act));
    }
    printf("Spending what serves you best given the others (a best response) would be %.2f%%.\n",
           100 * br);
    for (;;) {
        printf("Your defence share this round, in %% of GDP [Enter keeps %.2f]: ", 100 * v->share);
        fflush(stdout);
        char line[128];
        if (!read_line(line, sizeof line)) {
            printf("\n(no more input: keeping %.2f%%)\n", 100 * v->share);
            d->share = v->share;
            return;
        }
        char *s = line;
        while (isspace((unsigned char)*s)) s++;
        if (!*s) {
            d->share = v->share;
            return;
        }
        char *end;
        double x = strtod(s, &end);
        while (isspace((unsigned char)*end)) end++;
        if (end != s && (*end == 0 || *end == '%') && isfinite(x) && x >= 0 && x <= 100) {
            d->share = x / 100.0;
            return;
        }
        printf("Please type a number from 0 to 100 (for example 2.5), or press Enter.\n");
    }
}

static const ent_strategy_type human_burden = {
    "human", "burden_sharing", ENT_ROLE_ANY, "a person at the terminal decides",
    "classroom mode", NULL, 0, NULL, NULL, human_burden_decide, NULL
};

static void instrument_words(unsigned instr, char *buf, size_t cap)
{
    const char *parts[3];
    int n = 0;
    if (instr & ENT_INSTR_DRAWDOWN) parts[n++] = "a drawdown of its forces and guarantee";
    if (instr & ENT_INSTR_TARIFF) parts[n++] = "tariffs on your exports";
    if (instr & ENT_INSTR_TECH) parts[n++] = "controls on your technology sector";
    buf[0] = 0;
    for (int k = 0; k < n; k++)
        snprintf(buf + strlen(buf), cap - strlen(buf), "%s%s", k == 0 ? "" : k == n - 1 ? " and " : ", ",
                 parts[k]);
}

/* A person answers the patron's demand: comply, offer part, or defy. */
static void human_exit_decide(const double *p, void *st, const void *vv, void *dd, gsl_rng *r)
{
    (void)p; (void)st; (void)r;
    const ent_exit_ally_view *v = vv;
    ent_exit_ally_decision *d = dd;
    printf("\n-- Round %d: the patron's demand --\n", v->round);
    printf("The patron demands $%.2f bn more defence effort from you", v->demand);
    if (v->threat) {
        char what[160];
        instrument_words(v->instrument, what, sizeof what);
        printf(", and threatens %s.\nIf it carries that out you lose about $%.2f bn this year.\n", what, v->harm);
    } else {
        printf(" (no threat comes with it).\n");
    }
    printf("You think the patron is transactional with probability %.2f; public support for the "
           "alliance is %.0f%%", v->belief, 100 * v->support);
    if (!isnan(v->winset))
        printf(", and your legislature would ratify at most $%.2f bn", v->winset);
    printf(".\nConceding costs you the money and about $%.2f bn of autonomy.\n", v->sovereignty_cost);
    if (v->threat)
        printf("Given what each type of patron would do, and what this demand tells you, the chance "
               "that it carries the threat out if you refuse is about %.0f%%.\n", 100 * v->execute_prob);
    if (v->executions_suffered || v->bluffs_called)
        printf("So far it has carried out %d threat%s against you and backed down %d time%s.\n",
               v->executions_suffered, v->executions_suffered == 1 ? "" : "s", v->bluffs_called,
               v->bluffs_called == 1 ? "" : "s");
    for (;;) {
        printf("Answer: c = comply, d = defy, or an amount in $ bn to offer part [Enter = defy]: ");
        fflush(stdout);
        char line[128];
        if (!read_line(line, sizeof line)) {
            printf("\n(no more input: defying)\n");
            d->response = ENT_RESP_DEFY;
            return;
        }
        char *s = line;
        while (isspace((unsigned char)*s)) s++;
        if (!*s || *s == 'd' || *s == 'D') {
            d->response = ENT_RESP_DEFY;
            return;
        }
        if (*s == 'c' || *s == 'C') {
            d->response = ENT_RESP_COMPLY;
            return;
        }
        char *end;
        double x = strtod(s, &end);
        while (isspace((unsigned char)*end)) end++;
        if (end != s && *end == 0 && isfinite(x) && x >= 0) {
            d->response = x >= v->demand ? ENT_RESP_COMPLY : x > 0 ? ENT_RESP_PARTIAL : ENT_RESP_DEFY;
            d->concession = x < v->demand ? x : v->demand;
            return;
        }
        printf("Please type c, d, or an amount such as 1.5.\n");
    }
}

static const ent_strategy_type human_exit = {
    "human", "exit_leverage", ENT_ROLE_ALLY, "a person at the terminal answers the demand",
    "classroom mode", NULL, 0, NULL, NULL, human_exit_decide, NULL
};

/* The human decider of `role` for a stage, or NULL where a person cannot
** take that decision yet. */
static const ent_strategy_type *human_for(const char *stage, unsigned role)
{
    if (!strcmp(stage, "burden_sharing"))
        return &human_burden;
    if (!strcmp(stage, "exit_leverage") && role == ENT_ROLE_ALLY)
        return &human_exit;
    return NULL;
}

static int cmd_play(int argc, char **argv, const char **sets, size_t n_sets)
{
    ent_option opts[] = {
        { "as", 1, NULL }, { "seed", 1, NULL }, { "rounds", 1, NULL }, { "out", 1, NULL },
        { "set", 1, NULL }, { NULL, 0, NULL }
    };
    const char *pos[2];
    size_t n_pos;
    int rc = ent_parse_options("play", argc, argv, opts, pos, 2, &n_pos);
    if (rc == 1) {
        fputs(ent_usage_play, stdout);
        return ENT_EXIT_OK;
    }
    if (rc < 0)
        return ENT_EXIT_USAGE;
    if (n_pos != 1 || !ent_opt(opts, "as")) {
        fprintf(stderr, "entente play: expected a scenario FILE and --as CODE\n");
        return ENT_EXIT_USAGE;
    }
    uint64_t seed = 0, rounds = 0;
    if (ent_opt(opts, "seed") && ent_opt_u64("play", "seed", ent_opt(opts, "seed"), UINT64_MAX, &seed))
        return ENT_EXIT_USAGE;
    if (ent_opt(opts, "rounds") &&
        ent_opt_u64_in("play", "rounds", ent_opt(opts, "rounds"), 1, 1000, &rounds))
        return ENT_EXIT_USAGE;
    ent_scenario *s = ent_cli_load(pos[0]);
    if (!s)
        return ENT_EXIT_USAGE;
    for (size_t i = 0; i < n_sets; i++)
        if (ent_cli_set(s, sets[i])) {
            ent_scenario_free(s);
            return ENT_EXIT_USAGE;
        }
    int me = ent_scenario_agent_index(s, ent_opt(opts, "as"));
    if (me < 0) {
        fprintf(stderr, "entente play: no agent '%s' in %s; agents are:", ent_opt(opts, "as"), pos[0]);
        for (size_t i = 0; i < s->n_agents; i++)
            fprintf(stderr, " %s", s->agents[i].code);
        fprintf(stderr, "\n");
        ent_scenario_free(s);
        return ENT_EXIT_USAGE;
    }
    int playable = 0;
    for (size_t st = 0; st < s->n_stages; st++) {
        const ent_strategy_type *h = human_for(s->stages[st].type->name,
                                               me == 0 ? ENT_ROLE_PATRON : ENT_ROLE_ALLY);
        if (h) {
            s->agents[me].strategy[st].type = h;
            playable = 1;
        }
    }
    if (!playable) {
        fprintf(stderr, "entente play: no stage of %s can be played by a person yet\n", pos[0]);
        ent_scenario_free(s);
        return ENT_EXIT_USAGE;
    }
    if (ent_opt(opts, "seed")) s->seed = seed;
    if (rounds) s->rounds = (int)rounds;

    const ent_agent_spec *a = &s->agents[me];
    printf("%s\n\nYou play %s (%s) for %d rounds.\n", s->description && *s->description ? s->description : s->name,
           a->name, a->code, s->rounds);

    int status = ENT_EXIT_FAIL;
    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE | ENT_RUN_EVENTS);
    if (!run)
        goto done;
    ent_run_exec(run, s->seed, 0, 0);

    /* how you did against the others */
    printf("\n== The end ==\n");
    double mine = run->agent[me].cum_payoff;
    printf("You finished at %.2f%% of GDP (you started at %.2f%%); your discounted payoff is %.3f.\n",
           100 * run->agent[me].share, 100 * a->defence_share, mine);
    double br_mine = ent_burden_best_response(run->agent[me].gdp, run->agent[me].alpha, run->agent[me].psi,
                                              run->alliance_spending - run->agent[me].spending);
    printf("Given what the others ended up spending, your best response would have been %.2f%%.\n",
           100 * br_mine / run->agent[me].gdp);
    printf("The alliance spends $%.0f bn in all; your part is %.1f%%.\n", run->alliance_spending,
           100 * run->agent[me].spending / run->alliance_spending);

    char dir[4096];
    if (ent_opt(opts, "out"))
        snprintf(dir, sizeof dir, "%s", ent_opt(opts, "out"));
    else
        snprintf(dir, sizeof dir, "results/%s-play", s->name);
    ent_folder out;
    if (ent_folder_begin(&out, "play", dir))
        goto done;
    if (ent_results_write(run, out.st.stage, "play", s->seed, 0.0, sets, n_sets)) {
        ent_folder_abort(&out);
        goto done;
    }
    if (ent_folder_commit(&out, "play"))
        goto done;
    status = ENT_EXIT_OK;
    printf("Your game's trace, outcomes and events are in %s/; 'entente run %s' plays the same\n"
           "scenario with every country on its own strategy, to compare.\n", dir, pos[0]);
done:
    ent_run_free(run);
    ent_scenario_free(s);
    return status;
}

int ent_cmd_play(int argc, char **argv)
{
    /* --set may repeat, any number of times: collect them all before the
    ** generic parser (which keeps only the last) sees them */
    size_t n_sets;
    const char **sets = ent_opt_all(argc, argv, "set", &n_sets);
    if (!sets)
        return ENT_EXIT_USAGE;
    int rc = cmd_play(argc, argv, sets, n_sets);
    free(sets);
    return rc;
}
