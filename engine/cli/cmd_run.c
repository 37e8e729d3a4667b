/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** cmd_run.c: `entente run FILE`: one run, written as trace.csv, outcomes.csv,
** events.csv and manifest.json, with a short table on stdout.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli.h"
#include "filekind.h"
#include "narrate.h"
#include "entente/sweep.h"
#include "output.h"

const char ent_usage_run[] =
    "usage: entente run FILE [--seed N] [--rounds N] [--set PATH=VALUE]... [--out DIR] [--quiet]\n"
    "       entente run SWEEP-FILE --point P [--replicate R] [--points N] [--seed N] [--rounds N] ...\n"
    "                        [--narrate]\n"
    "\n"
    "Run a scenario once and write into DIR (default results/<scenario name>/), which\n"
    "is replaced as a whole once every file is complete:\n"
    "  trace.csv      one row per round and agent\n"
    "  outcomes.csv   one row per agent with its final figures and the run's statistics\n"
    "  events.csv     what happened, one row per event (demands, contributions, ...)\n"
    "  manifest.json  version, scenario SHA-256, seed, every resolved parameter, wall time\n"
    "\n"
    "options:\n"
    "  --seed N          seed of the random streams (default: the scenario's)\n"
    "  --rounds N        rounds to play (default: the scenario's)\n"
    "  --set PATH=VALUE  override a parameter, e.g. --set stages.burden_sharing.demand=0.035\n"
    "                    or --set allies.CODE.threat=0.8 with an ally's code (repeatable)\n"
    "  --out DIR         output folder\n"
    "  --quiet           print nothing on success (but the narration, if asked for)\n"
    "  --point P         replay run (P, R) of a sweep: FILE is the sweep's file (or a scenario\n"
    "                    with a sweep: section); the trace of that run, whose outcomes equal\n"
    "                    its row of runs.csv. --replicate R (default 0), --points N and\n"
    "                    --seed N as given to `entente sweep`; --set is refused\n"
    "  --narrate         tell the run round by round in plain words, from its event log\n"
    "                    and trace: demands and threats, each ally's answer and its belief\n"
    "                    about the patron, bargains, ratification (and why a deal failed:\n"
    "                    the deal against the win-set), threats carried out or withdrawn,\n"
    "                    hedging portfolios and beliefs that moved; quiet rounds in brief.\n"
    "                    The result files are the same with or without it.\n";


static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Exit leverage and ratification in a line each, when those stages are present. */
static void print_exit(const ent_run *run)
{
    const ent_scenario *s = ent_run_scenario(run);
    if (ent_scenario_stage_index(s, "exit_leverage") >= 0) {
#define EX(name) ent_run_outcome(run, "exit_leverage", name)
        printf("exit leverage: patron type %s; threats %.0f, executed %.0f, bluffs called %.0f, "
               "deals %.0f", EX("patron_type") == 1.0 ? "transactional" : "committed", EX("total_threats"),
               EX("total_executions"), EX("total_called_bluffs"), EX("total_deals"));
        double first = EX("time_to_first_deal");
#undef EX
        if (isnan(first))
            printf(" (none)\n");
        else
            printf(" (first in round %.0f)\n", first);
    }
    if (ent_scenario_stage_index(s, "ratification") >= 0)
        printf("ratification: failed %.0f; mean final support %.3f\n",
               ent_run_outcome(run, "ratification", "total_failed_ratifications"),
               ent_run_outcome(run, "ratification", "mean_final_support"));
}

static void print_table(const ent_run *run, uint64_t seed, double wall, const char *dir)
{
    const ent_scenario *s = ent_run_scenario(run);
    printf("%s: %d rounds, seed %llu, %.3f s -> %s/\n", ent_scenario_name(s), ent_run_rounds_played(run),
           (unsigned long long)seed, wall, dir);
    if (ent_scenario_stage_index(s, "burden_sharing") < 0) {
        print_exit(run);
        return;
    }
    printf("%-6s %10s %8s %8s %8s %8s %10s\n", "agent", "GDP $bn", "start", "final", "demand",
           "burden", "payoff");
    for (size_t i = 0; i < ent_run_agents(run); i++) {
        char demand[16];
        if (isnan(ent_run_agent_value(run, i, "demand")))
            snprintf(demand, sizeof demand, "-");
        else
            snprintf(demand, sizeof demand, "%.2f%%", 100.0 * ent_run_agent_value(run, i, "demand"));
        printf("%-6s %10.0f %7.2f%% %7.2f%% %8s %7.1f%% %10.3f\n", ent_scenario_agent_code(s, i),
               ent_scenario_agent_param(s, i, "gdp"), 100.0 * ent_scenario_agent_param(s, i, "defence_share"),
               100.0 * ent_run_agent_outcome(run, i, "burden_sharing", "final_share"), demand,
               100.0 * ent_run_agent_outcome(run, i, "burden_sharing", "final_burden_share"),
               ent_run_agent_outcome(run, i, NULL, "cum_payoff"));
    }
    double rho_p = ent_run_outcome(run, "burden_sharing", "exploitation_p");
    char pbuf[32];
    if (isnan(rho_p))
        snprintf(pbuf, sizeof pbuf, "NA");
    else
        snprintf(pbuf, sizeof pbuf, "%.3f", rho_p);
    printf("exploitation (Spearman rho of GDP and share): %.3f, one-sided p %s; "
           "allies meeting the demand: %.0f of %zu\n",
           ent_run_outcome(run, "burden_sharing", "exploitation_rho"), pbuf,
           ent_run_outcome(run, "burden_sharing", "allies_meeting_demand"), ent_run_agents(run) - 1);
    print_exit(run);
}

/* `--point P [--replicate R] [--points N]`: FILE is a sweep's file, and the
** run is that sweep's run (P, R) (ent_sweep_point_scenario), with the seed
** the sweep uses (`--seed` as in `entente sweep`). `replay` gets the
** manifest's record of it. */
static int replay_load(const char *file, ent_option *opts, size_t n_sets, ent_scenario **s, uint64_t *seed,
                       uint64_t *point, uint64_t *replicate, char *replay, size_t cap)
{
    uint64_t points = 0;
    if (n_sets) {
        fprintf(stderr, "entente run: --point replays a sweep's run as the sweep ran it; --set would "
                        "change it (put the change in the sweep's file)\n");
        return -1;
    }
    if (!ent_opt(opts, "point")) {
        fprintf(stderr, "entente run: --replicate and --points need --point P\n");
        return -1;
    }
    if (ent_opt_u64("run", "point", ent_opt(opts, "point"), UINT64_MAX, point) ||
        (ent_opt(opts, "replicate") &&
         ent_opt_u64("run", "replicate", ent_opt(opts, "replicate"), UINT64_MAX, replicate)) ||
        (ent_opt(opts, "points") &&
         ent_opt_u64_in("run", "points", ent_opt(opts, "points"), 1, UINT64_C(1) << 40, &points)))
        return -1;
    char scn_path[4096];
    ent_diags d, sd;
    ent_diags_init(&d, file);
    ent_diags_init(&sd, file);
    ent_scenario *base = NULL;
    ent_sweep_spec *sp = ent_sweep_load(file, scn_path, sizeof scn_path, &base, &d, &sd);
    if (!sp) {
        ent_diags_print(&d, stderr);
        ent_diags_print(&sd, stderr);
        return -1;
    }
    int rc = -1;
    if (points)
        sp->points = points;
    if (ent_opt(opts, "seed")) {
        sp->seed = *seed;
        sp->has_seed = true;
    }
    if (ent_sweep_check(sp, &d)) {
        ent_diags_print(&d, stderr);
        goto done;
    }
    uint64_t P = ent_sweep_points(sp);
    if (*point >= P || *replicate >= sp->replicates) {
        fprintf(stderr, "entente run: %s has points 0 to %llu and replicates 0 to %llu; got point %llu, "
                        "replicate %llu\n", file, (unsigned long long)(P - 1),
                (unsigned long long)(sp->replicates - 1), (unsigned long long)*point,
                (unsigned long long)*replicate);
        goto done;
    }
    if (!(*s = ent_sweep_point_scenario(base, sp, *point, seed))) {
        fprintf(stderr, "entente run: point %llu of %s cannot be set up\n", (unsigned long long)*point, file);
        goto done;
    }
    int n = snprintf(replay, cap, "\"replay\": {\"sweep\": ");
    if (n > 0 && (size_t)n < cap) {
        FILE *m = fmemopen(replay + n, cap - (size_t)n, "w");
        if (m) {
            ent_json_str(m, file);
            fprintf(m, ", \"point\": %llu, \"replicate\": %llu, \"points\": %llu}", (unsigned long long)*point,
                    (unsigned long long)*replicate, (unsigned long long)P);
            fclose(m);
        }
    }
    rc = 0;
done:
    ent_sweep_spec_free(sp);
    ent_scenario_free(base);
    return rc;
}

static int cmd_run(int argc, char **argv, const char **sets, size_t n_sets)
{
    ent_option opts[] = {
        { "seed", 1, NULL }, { "rounds", 1, NULL }, { "out", 1, NULL }, { "quiet", 0, NULL },
        { "set", 1, NULL }, { "narrate", 0, NULL }, { "point", 1, NULL }, { "replicate", 1, NULL },
        { "points", 1, NULL }, { NULL, 0, NULL }
    };
    const char *pos[4];
    size_t n_pos;
    int rc = ent_parse_options("run", argc, argv, opts, pos, 4, &n_pos);
    if (rc == 1) {
        fputs(ent_usage_run, stdout);
        return ENT_EXIT_OK;
    }
    if (rc < 0)
        return ENT_EXIT_USAGE;
    if (n_pos != 1) {
        fprintf(stderr, "entente run: expected one scenario FILE, got %zu\n%s", n_pos, ent_usage_run);
        return ENT_EXIT_USAGE;
    }
    uint64_t seed = 0, rounds = 0;
    if (ent_opt(opts, "seed") && ent_opt_u64("run", "seed", ent_opt(opts, "seed"), UINT64_MAX, &seed))
        return ENT_EXIT_USAGE;
    if (ent_opt(opts, "rounds") &&
        ent_opt_u64_in("run", "rounds", ent_opt(opts, "rounds"), 1, 100000, &rounds))
        return ENT_EXIT_USAGE;
    if (ent_opt(opts, "out") && ent_folder_name_check("run", ent_opt(opts, "out")))
        return ENT_EXIT_USAGE;
    uint64_t point = 0, replicate = 0;
    char replay[4096 + 160] = "";
    ent_scenario *s = NULL;
    int replaying = ent_opt(opts, "point") || ent_opt(opts, "replicate") || ent_opt(opts, "points");
    if (ent_file_expect("run", pos[0], ENT_FILE_SCENARIO | ENT_FILE_SCENARIO_SWEEP |
                                           (replaying ? ENT_FILE_SWEEP : 0)))
        return ENT_EXIT_USAGE;
    if (replaying) {
        if (replay_load(pos[0], opts, n_sets, &s, &seed, &point, &replicate, replay, sizeof replay))
            return ENT_EXIT_USAGE;
    } else if (!(s = ent_cli_load(pos[0]))) {
        return ENT_EXIT_USAGE;
    }
    if (ent_cli_sets(s, sets, n_sets)) {
        ent_scenario_free(s);
        return ENT_EXIT_USAGE;
    }
    if (*replay)
        ;                           /* the sweep's seed, already in `seed` */
    else if (ent_opt(opts, "seed"))
        ent_scenario_set_seed(s, seed);
    else
        seed = ent_scenario_seed(s);
    if (rounds)
        ent_scenario_set_rounds(s, (int)rounds);   /* in its range: checked above */

    char dir[4096];
    if (ent_opt(opts, "out"))
        snprintf(dir, sizeof dir, "%s", ent_opt(opts, "out"));
    else
        snprintf(dir, sizeof dir, "results/%s", ent_scenario_name(s));

    int status = ENT_EXIT_FAIL;
    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE | ENT_RUN_EVENTS);
    if (!run) {
        fprintf(stderr, "entente run: out of memory\n");
        goto done;
    }
    double t0 = now_seconds();
    ent_run_exec(run, seed, point, replicate);
    double wall = now_seconds() - t0;
    ent_folder out;
    if (ent_folder_begin(&out, "run", dir))
        goto done;
    if (ent_results_write_extra(run, out.st.stage, "run", seed, wall, sets, n_sets, *replay ? replay : NULL)) {
        ent_folder_abort(&out);
        goto done;
    }
    if (ent_folder_commit(&out, "run"))
        goto done;
    if (!ent_opt(opts, "quiet"))
        print_table(run, seed, wall, dir);
    if (ent_opt(opts, "narrate")) {
        if (!ent_opt(opts, "quiet"))
            putchar('\n');
        if (ent_narrate_run(stdout, run)) {
            fprintf(stderr, "entente run: out of memory for the narration\n");
            goto done;
        }
    }
    status = ENT_EXIT_OK;
done:
    ent_run_free(run);
    ent_scenario_free(s);
    return status;
}

int ent_cmd_run(int argc, char **argv)
{
    /* --set may repeat, any number of times: collect them all before the
    ** generic parser (which keeps only the last) sees them */
    size_t n_sets;
    const char **sets = ent_opt_all(argc, argv, "set", &n_sets);
    if (!sets)
        return ENT_EXIT_USAGE;
    int rc = cmd_run(argc, argv, sets, n_sets);
    free(sets);
    return rc;
}
