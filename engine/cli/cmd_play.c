/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** cmd_play.c: `entente play FILE --as CODE`: the classroom mode. A student
** plays one country: wherever that agent has a decision to make, the program
** shows what the agent can see, in plain words, and reads the answer from
** the terminal. Everyone else plays the scenario's strategies.
**
** The engine knows nothing of terminals: a strategy is a decision function
** over a view, so play_human.c supplies strategy types whose decisions come
** from a person, and this file puts them in place of the agent's own, runs
** the game, and writes the play folder (play.h describes the parts).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "cli.h"
#include "filekind.h"
#include "output.h"
#include "play.h"

const char ent_usage_play[] =
    "usage: entente play FILE --as CODE [--auto STAGE]... [--seed N] [--rounds N] [--set PATH=VALUE]...\n"
    "                    [--out DIR]\n"
    "\n"
    "Play one country of a scenario yourself; the other agents play their scenario\n"
    "strategies. Every decision of your country, in every stage of the scenario, is\n"
    "yours, asked in plain words with what you can see:\n"
    "  burden_sharing    your defence share, in % of GDP (Enter keeps last round's)\n"
    "  exit_leverage     an ally answers each demand: c = comply, d = defy, or an\n"
    "                    offer in $ bn (more than 0, less than the demand); the\n"
    "                    patron (--as its code) sets each demand in $ bn, whether to\n"
    "                    threaten and with what (d drawdown, t tariffs, x tech\n"
    "                    controls), and whether to carry out an unmet threat\n"
    "  hedging           your portfolio: three percentages, bandwagon balance bind,\n"
    "                    adding to 100 (e.g. 60 15 25; Enter keeps it)\n"
    "  security_dilemma  your commitment k to the patron, 0 to 1 (or a percent, 60%)\n"
    "  matrix            your move: c = cooperate, d = defect\n"
    "Numbers may use a decimal comma (1,5). A wrong answer is explained and asked\n"
    "again. After each round you see what came of your choices and your payoff\n"
    "split by stage, with the best response's payoff where the stage has one.\n"
    "\n"
    "  --auto STAGE   leave that stage to your country's scenario strategy (repeatable)\n"
    "\n"
    "At the end the patron's type is revealed and your path is set beside the\n"
    "scenario's own strategy and the best built-in strategy, both replayed on the\n"
    "same seed. The play folder (default results/<scenario name>-play/) holds\n"
    "trace.csv, outcomes.csv, events.csv and manifest.json as `entente run` writes\n"
    "them, debrief.csv (path,strategy,discounted_payoff,final_belief,w_bandwagon,\n"
    "w_balance,w_bind,deals,failed_ratifications; paths student, scenario, best)\n"
    "and the replays as run folders replay/scenario/ and replay/best/.\n"
    "Answers are read from standard input, so a class can script them. At the end\n"
    "of input or on Ctrl-C you keep your last choices and the scenario's strategy\n"
    "answers for you to the end; the folder is saved (its manifest says how many\n"
    "rounds you played) and play exits 0 (end of input) or 130 (Ctrl-C).\n";

static int stage_index(const ent_scenario *s, const char *name)
{
    for (size_t st = 0; st < ent_scenario_n_stages(s); st++)
        if (!strcmp(ent_scenario_stage_type(s, st)->name, name))
            return (int)st;
    return -1;
}

static int cmd_play(int argc, char **argv, const char **sets, size_t n_sets, const char **autos,
                    size_t n_autos)
{
    ent_option opts[] = {
        { "as", 1, NULL }, { "seed", 1, NULL }, { "rounds", 1, NULL }, { "out", 1, NULL },
        { "set", 1, NULL }, { "auto", 1, NULL }, { NULL, 0, NULL }
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
    if (ent_opt(opts, "out") && ent_folder_name_check("play", ent_opt(opts, "out")))
        return ENT_EXIT_USAGE;
    if (ent_file_expect("play", pos[0], ENT_FILE_SCENARIO | ENT_FILE_SCENARIO_SWEEP))
        return ENT_EXIT_USAGE;
    ent_scenario *s = ent_cli_load(pos[0]);
    if (!s)
        return ENT_EXIT_USAGE;
    if (ent_cli_sets(s, sets, n_sets)) {
        ent_scenario_free(s);
        return ENT_EXIT_USAGE;
    }
    int me = ent_scenario_agent_index(s, ent_opt(opts, "as"));
    if (me < 0) {
        fprintf(stderr, "entente play: no agent '%s' in %s; agents are:", ent_opt(opts, "as"), pos[0]);
        for (size_t i = 0; i < ent_scenario_n_agents(s); i++)
            fprintf(stderr, " %s", ent_scenario_agent_code(s, i));
        fprintf(stderr, "\n");
        ent_scenario_free(s);
        return ENT_EXIT_USAGE;
    }
    int automatic[ENT_MAX_STAGES] = { 0 };
    for (size_t k = 0; k < n_autos; k++) {
        int st = stage_index(s, autos[k]);
        if (st < 0) {
            fprintf(stderr, "entente play: --auto %s: no such stage in %s; its stages are:", autos[k], pos[0]);
            for (size_t j = 0; j < ent_scenario_n_stages(s); j++)
                fprintf(stderr, " %s", ent_scenario_stage_type(s, j)->name);
            fprintf(stderr, "\n");
            ent_scenario_free(s);
            return ENT_EXIT_USAGE;
        }
        automatic[st] = 1;
    }
    memset(&g_play, 0, sizeof g_play);
    g_play.s = s;
    g_play.me = me;
    g_play.st_burden = stage_index(s, "burden_sharing");
    g_play.st_exit = stage_index(s, "exit_leverage");
    g_play.st_hedge = stage_index(s, "hedging");
    g_play.st_security = stage_index(s, "security_dilemma");
    g_play.st_matrix = stage_index(s, "matrix");
    g_play.st_ratify = stage_index(s, "ratification");
    g_play.st_bargain = stage_index(s, "bargaining");
    int playable = 0, any = 0;
    for (size_t st = 0; st < ent_scenario_n_stages(s); st++) {
        const ent_strategy_type *h = play_human_for(ent_scenario_stage_type(s, st)->name, me == 0);
        const ent_strategy_type *c = ent_scenario_agent_strategy(s, (size_t)me, st);
        /* one matrix stage is played (the first); a later one keeps its strategy */
        if (!h || !c || (h == play_human_for("matrix", 0) && (int)st != g_play.st_matrix))
            continue;
        any = 1;
        if (automatic[st])
            continue;
        g_play.orig[st] = c;
        /* knows orig now; the person's strategy reads no parameters */
        if (ent_scenario_set_agent_strategy(s, (size_t)me, st,
                                            play_human_for(ent_scenario_stage_type(s, st)->name, me == 0), NULL)) {
            fprintf(stderr, "entente play: the %s stage cannot be played by a person here\n",
                    ent_scenario_stage_type(s, st)->name);
            ent_scenario_free(s);
            return ENT_EXIT_USAGE;
        }
        playable = 1;
    }
    if (!playable) {
        fprintf(stderr, any ? "entente play: --auto leaves you no stage of %s to play\n"
                            : "entente play: no stage of %s has a decision for that agent\n", pos[0]);
        ent_scenario_free(s);
        return ENT_EXIT_USAGE;
    }
    if (ent_opt(opts, "seed")) ent_scenario_set_seed(s, seed);
    if (rounds) ent_scenario_set_rounds(s, (int)rounds);   /* in its range: checked above */

    const char *about = ent_scenario_description(s);
    printf("%s\n\nYou play %s (%s) for %d rounds. You decide:", about && *about ? about : ent_scenario_name(s),
           ent_scenario_agent_name(s, (size_t)me), ent_scenario_agent_code(s, (size_t)me), ent_scenario_rounds(s));
    for (size_t st = 0; st < ent_scenario_n_stages(s); st++)
        if (g_play.orig[st])
            printf(" %s", ent_scenario_stage_type(s, st)->name);
    printf(".\n");
    for (size_t st = 0; st < ent_scenario_n_stages(s); st++)
        if (automatic[st])
            printf("Your %s is left to the scenario's strategy (%s).\n", ent_scenario_stage_type(s, st)->name,
                   ent_scenario_agent_strategy(s, me, st)->name);

    int status = ENT_EXIT_FAIL;
    ent_folder out;
    int began = 0;
    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE | ENT_RUN_EVENTS);
    if (!run) {
        fprintf(stderr, "entente play: out of memory\n");
        goto done;
    }
    g_play.run = run;
    ent_run_on_round(run, play_on_round, NULL);
    play_input_init();
    ent_run_exec(run, ent_scenario_seed(s), 0, 0);
    if (play_interrupted() && !g_play.ended) {
        /* Ctrl-C after the last question: the game was played through */
        g_play.ended = PLAY_INTERRUPTED;
        g_play.ended_round = ent_run_rounds_played(run) + 1;
    }

    printf("\n== The end ==\n");
    if (g_play.ended)
        printf("You played %d of %d rounds yourself; the scenario's strategy and your last choices did the rest.\n",
               g_play.ended_round > 0 ? g_play.ended_round - 1 : 0, ent_run_rounds_played(run));
    double mine = ent_run_agent_value(run, me, "cum_payoff");
    if (g_play.st_burden >= 0) {
        printf("You finished at %.2f%% of GDP (you started at %.2f%%); your discounted payoff is %.3f.\n",
               100 * ent_run_agent_value(run, me, "share"),
               100 * ent_scenario_agent_param(s, (size_t)me, "defence_share"), mine);
        double br_mine = ent_burden_best_response(ent_run_agent_value(run, me, "gdp"), ent_run_agent_value(run, me, "alpha"), ent_run_agent_value(run, me, "psi"),
                                                  ent_run_alliance_spending(run) - ent_run_agent_value(run, me, "spending"));
        printf("Given what the others ended up spending, your best response would have been %.2f%%.\n",
               100 * br_mine / ent_run_agent_value(run, me, "gdp"));
        printf("The alliance spends $%.0f bn in all; your part is %.1f%%.\n", ent_run_alliance_spending(run),
               100 * ent_run_agent_value(run, me, "spending") / ent_run_alliance_spending(run));
    } else {
        printf("Your discounted payoff is %.3f.\n", mine);
    }

    char dir[4096];
    if (ent_opt(opts, "out"))
        snprintf(dir, sizeof dir, "%s", ent_opt(opts, "out"));
    else
        snprintf(dir, sizeof dir, "results/%s-play", ent_scenario_name(s));
    if (ent_folder_begin(&out, "play", dir))
        goto done;
    began = 1;
    int student_rounds = g_play.ended ? (g_play.ended_round > 0 ? g_play.ended_round - 1 : 0) : ent_run_rounds_played(run);
    /* the manifest's "play" member, on one line as the manifest's other objects */
    json_t *auto_names = json_array();
    for (size_t st = 0; auto_names && st < ent_scenario_n_stages(s); st++)
        if (automatic[st] && json_array_append_new(auto_names, json_string(ent_scenario_stage_type(s, st)->name)))
            break;
    json_t *play = json_pack("{s:s, s:i, s:s, s:o}", "as", ent_scenario_agent_code(s, (size_t)me),
                             "student_rounds", student_rounds, "input",
                             g_play.ended == PLAY_INTERRUPTED ? "interrupted"
                             : g_play.ended == PLAY_EOF ? "end_of_input" : "complete", "auto", auto_names);
    char *member = play ? json_dumps(play, JSON_PRESERVE_ORDER) : NULL;
    json_decref(play);
    char *extra = member ? malloc(strlen(member) + 16) : NULL;
    if (extra)
        sprintf(extra, "\"play\": %s", member);
    free(member);
    if (!extra) {
        fprintf(stderr, "entente play: out of memory\n");
        goto done;
    }
    int wrote = ent_results_write_extra(run, out.st.stage, "play", ent_scenario_seed(s), 0.0, sets, n_sets, extra);
    free(extra);
    if (wrote)
        goto done;
    if (play_debrief(s, run, out.st.stage, sets, n_sets))
        goto done;
    began = 0;
    if (ent_folder_commit(&out, "play"))
        goto done;
    status = play_interrupted() ? 130 : ENT_EXIT_OK;
    printf("\nYour game's trace, outcomes, events and debrief are in %s/ (the replays under replay/);\n"
           "'entente run %s' plays the same scenario with every country on its own strategy.\n", dir, pos[0]);
done:
    if (began)
        ent_folder_abort(&out);
    ent_run_free(run);
    g_play.run = NULL;
    ent_scenario_free(s);
    return status;
}

int ent_cmd_play(int argc, char **argv)
{
    /* --set and --auto may repeat: collect them all before the generic parser
    ** (which keeps only the last) sees them */
    size_t n_sets, n_autos;
    const char **sets = ent_opt_all(argc, argv, "set", &n_sets);
    const char **autos = sets ? ent_opt_all(argc, argv, "auto", &n_autos) : NULL;
    if (!sets || !autos) {
        free(sets);
        return ENT_EXIT_USAGE;
    }
    int rc = cmd_play(argc, argv, sets, n_sets, autos, n_autos);
    free(sets);
    free(autos);
    return rc;
}
