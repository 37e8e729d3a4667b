/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** cmd_tournament.c: `entente tournament FILE`: a round robin of the file's
** strategies, written as ranking.csv, payoff_matrix.csv, replicator.csv
** (moran.csv on request) and manifest.json, with the ranking on stdout.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <omp.h>
#include "cli.h"
#include "filekind.h"
#include "output.h"
#include "entente/game_tournament.h"
#include "entente/rng.h"

const char ent_usage_tournament[] =
    "usage: entente tournament FILE [--turns N] [--repetitions N] [--noise P] [--prob-end P]\n"
    "                          [--seed N] [--threads N] [--moran N] [--out DIR] [--quiet]\n"
    "\n"
    "Round robin of the strategies of a classic game file: every pair, each strategy\n"
    "also against itself (as in Axelrod's tournaments), plays `repetitions` matches\n"
    "of `turns` moves. Self-play fills the payoff matrix's diagonal but is left out\n"
    "of scores, wins and cooperation rates. Results are identical for any --threads.\n"
    "Writes into DIR (default results/<name>/):\n"
    "  ranking.csv         strategy, rank, mean_score_per_turn, wins, cooperation_rate\n"
    "  payoff_matrix.csv   mean per-turn payoff of the row strategy against the column one\n"
    "  replicator.csv      replicator dynamics on the payoff matrix from equal shares\n"
    "  moran.csv           with --moran N (or the file's moran:): fixation probabilities\n"
    "  manifest.json       version, file SHA-256, settings, strategies, wall time\n"
    "\n"
    "options:\n"
    "  --turns N         moves per match (with --prob-end: the cap on a match's length)\n"
    "  --repetitions N   matches per pair\n"
    "  --noise P         probability that each action flips\n"
    "  --prob-end P      probability that a match ends after each move\n"
    "  --seed N          seed of the random streams\n"
    "  --threads N       OpenMP threads (default: all)\n"
    "  --moran N         Moran process in a population of N for every resident/mutant pair\n"
    "  --out DIR         output folder\n"
    "  --quiet           print nothing on success\n";

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int parse_prob(const char *name, const char *txt, double *out)
{
    double v = NAN;
    if (!txt || ent_cli_number(txt, &v) || !(v >= 0.0 && v <= 1.0)) {
        fprintf(stderr, "entente tournament: option '--%s' expects a probability from 0 to 1, got '%s'\n",
                name, txt ? txt : "");
        return -1;
    }
    *out = v;
    return 0;
}

static int write_ranking(const ent_classic *c, const ent_tournament_result *res, const char *dir)
{
    ent_outfile o;
    if (ent_outfile_open(&o, dir, "ranking.csv"))
        return -1;
    fputs("strategy,rank,mean_score_per_turn,wins,cooperation_rate\n", o.f);
    for (size_t r = 0; r < res->n; r++) {
        size_t i = res->order[r];
        ent_csv_str(o.f, c->players[i].label);
        fprintf(o.f, ",%zu,", r + 1);
        ent_csv_num(o.f, res->score[i]);
        fputc(',', o.f);
        ent_csv_num(o.f, res->wins[i]);
        fputc(',', o.f);
        ent_csv_num(o.f, res->coop[i]);
        fputc('\n', o.f);
    }
    return ent_outfile_commit(&o);
}

static int write_payoffs(const ent_classic *c, const ent_tournament_result *res, const char *dir)
{
    ent_outfile o;
    if (ent_outfile_open(&o, dir, "payoff_matrix.csv"))
        return -1;
    size_t n = res->n;
    fputs("strategy", o.f);
    for (size_t j = 0; j < n; j++) {
        fputc(',', o.f);
        ent_csv_str(o.f, c->players[j].label);
    }
    fputc('\n', o.f);
    for (size_t i = 0; i < n; i++) {
        ent_csv_str(o.f, c->players[i].label);
        for (size_t j = 0; j < n; j++) {
            fputc(',', o.f);
            ent_csv_num(o.f, res->payoff[i * n + j]);
        }
        fputc('\n', o.f);
    }
    return ent_outfile_commit(&o);
}

#define REPL_SAMPLES 100

static int write_replicator(const ent_classic *c, const ent_tournament_result *res, const char *dir)
{
    size_t n = res->n;
    double *x0 = malloc(n * sizeof *x0), *traj = malloc((REPL_SAMPLES + 1) * n * sizeof *traj);
    int rc = -1;
    if (!x0 || !traj) {
        fprintf(stderr, "entente tournament: out of memory\n");
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        x0[i] = 1.0 / (double)n;
    if (ent_replicator(n, res->payoff, x0, c->replicator_time, REPL_SAMPLES, traj)) {
        fprintf(stderr, "entente tournament: the replicator dynamics could not be integrated\n");
        goto done;
    }
    ent_outfile o;
    if (ent_outfile_open(&o, dir, "replicator.csv"))
        goto done;
    fputs("time", o.f);
    for (size_t j = 0; j < n; j++) {
        fputc(',', o.f);
        ent_csv_str(o.f, c->players[j].label);
    }
    fputc('\n', o.f);
    for (size_t k = 0; k <= REPL_SAMPLES; k++) {
        ent_csv_num(o.f, c->replicator_time * (double)k / REPL_SAMPLES);
        for (size_t j = 0; j < n; j++) {
            fputc(',', o.f);
            ent_csv_num(o.f, traj[k * n + j]);
        }
        fputc('\n', o.f);
    }
    rc = ent_outfile_commit(&o);
done:
    free(x0);
    free(traj);
    return rc;
}

static int write_moran(const ent_classic *c, const ent_tournament_result *res, const char *dir,
                       int threads)
{
    size_t n = res->n, cells = n * n;
    int N = c->moran_population;
    double w = c->moran_intensity;
    double *sim = malloc(cells * sizeof *sim);
    if (!sim) {
        fprintf(stderr, "entente tournament: out of memory\n");
        return -1;
    }
    int fail = ent_moran_pairs(res, N, w, c->moran_trials, c->seed, threads, sim);
    ent_outfile o;
    if (fail || ent_outfile_open(&o, dir, "moran.csv")) {
        free(sim);
        return -1;
    }
    fputs("resident,mutant,population,intensity,trials,fixation_simulated,fixation_exact,neutral\n", o.f);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            if (i == j)
                continue;
            const double *A = res->payoff;
            ent_csv_str(o.f, c->players[i].label);
            fputc(',', o.f);
            ent_csv_str(o.f, c->players[j].label);
            fprintf(o.f, ",%d,", N);
            ent_csv_num(o.f, w);
            fprintf(o.f, ",%d,", c->moran_trials);
            ent_csv_num(o.f, sim[i * n + j]);
            fputc(',', o.f);
            ent_csv_num(o.f, ent_moran_fixation(N, w, A[i * n + i], A[i * n + j], A[j * n + i],
                                                A[j * n + j]));
            fputc(',', o.f);
            ent_csv_num(o.f, 1.0 / N);
            fputc('\n', o.f);
        }
    free(sim);
    return ent_outfile_commit(&o);
}

static int write_manifest(const ent_classic *c, const ent_tournament_result *res, const char *dir,
                          int threads, double wall)
{
    ent_outfile o;
    if (ent_outfile_open(&o, dir, "manifest.json"))
        return -1;
    FILE *f = o.f;
    fputs("{\n  \"entente_version\": ", f);
    ent_json_str(f, ent_version());
    fputs(",\n  \"command\": \"tournament\",\n  \"file\": {\"path\": ", f);
    ent_json_str(f, c->path);
    fputs(", \"name\": ", f);
    ent_json_str(f, c->name);
    fprintf(f, ", \"sha256\": \"%s\"},\n  \"description\": ", c->sha256);
    ent_json_str(f, c->description);
    fputs(",\n  \"references\": [", f);
    for (size_t i = 0; i < c->n_references; i++) {
        fputs(i ? ", " : "", f);
        ent_json_str(f, c->references[i]);
    }
    fprintf(f, "],\n  \"seed\": %llu,\n  \"rng\": \"philox4x64-10, stream (seed, pair, repetition)\",\n",
            (unsigned long long)c->seed);
    fprintf(f, "  \"turns\": %d,\n  \"repetitions\": %d,\n  \"noise\": ", c->turns, c->repetitions);
    ent_json_num(f, c->noise);
    fputs(",\n  \"prob_end\": ", f);
    ent_json_num(f, c->prob_end);
    fprintf(f, ",\n  \"self_play\": true,\n  \"threads\": %d,\n  \"matches\": %zu,\n"
               "  \"turns_played\": %lld,\n", threads, res->n_matches, res->total_turns);
    fputs("  \"game\": {\"name\": ", f);
    ent_json_str(f, c->game.name);
    fputs(", \"actions\": [", f);
    ent_json_str(f, c->game.row_labels[0]);
    fputs(", ", f);
    ent_json_str(f, c->game.row_labels[1]);
    fputs("], \"row_payoffs\": [", f);
    for (int k = 0; k < 4; k++) {
        fputs(k ? ", " : "", f);
        ent_json_num(f, c->game.a[k]);
    }
    fputs("]},\n  \"players\": [\n", f);
    for (size_t i = 0; i < c->n_players; i++) {
        const ent_gs_player *pl = &c->players[i];
        fputs("    {\"label\": ", f);
        ent_json_str(f, pl->label);
        fputs(", \"strategy\": ", f);
        ent_json_str(f, pl->type->name);
        fputs(", \"params\": {", f);
        for (size_t k = 0; k < pl->type->n_params; k++) {
            fputs(k ? ", " : "", f);
            ent_json_str(f, pl->type->params[k].name);
            fputs(": ", f);
            ent_json_num(f, pl->p[k]);
        }
        fprintf(f, "}}%s\n", i + 1 < c->n_players ? "," : "");
    }
    fputs("  ],\n  \"replicator_time\": ", f);
    ent_json_num(f, c->replicator_time);
    fprintf(f, ",\n  \"moran\": {\"population\": %d, \"trials\": %d, \"intensity\": ",
            c->moran_population, c->moran_trials);
    ent_json_num(f, c->moran_intensity);
    fprintf(f, "},\n  \"outputs\": [\"ranking.csv\", \"payoff_matrix.csv\", \"replicator.csv\", %s"
               "\"manifest.json\"],\n  \"wall_time_s\": %.6f\n}\n",
            c->moran_population ? "\"moran.csv\", " : "", wall);
    return ent_outfile_commit(&o);
}

int ent_cmd_tournament(int argc, char **argv)
{
    ent_option opts[] = {
        { "turns", 1, NULL }, { "repetitions", 1, NULL }, { "noise", 1, NULL },
        { "prob-end", 1, NULL }, { "seed", 1, NULL }, { "threads", 1, NULL }, { "moran", 1, NULL },
        { "out", 1, NULL }, { "quiet", 0, NULL }, { NULL, 0, NULL }
    };
    const char *pos[4];
    size_t n_pos;
    int rc = ent_parse_options("tournament", argc, argv, opts, pos, 4, &n_pos);
    if (rc == 1) {
        fputs(ent_usage_tournament, stdout);
        return ENT_EXIT_OK;
    }
    if (rc < 0)
        return ENT_EXIT_USAGE;
    if (n_pos != 1) {
        fprintf(stderr, "entente tournament: expected one game FILE, got %zu\n%s", n_pos,
                ent_usage_tournament);
        return ENT_EXIT_USAGE;
    }
    uint64_t turns = 0, reps = 0, seed = 0, threads = 0, moran = 0;
    double noise = 0, prob_end = 0;
    const char *v;
    if (((v = ent_opt(opts, "turns")) && ent_opt_u64("tournament", "turns", v, ENT_TOUR_MAX_TURNS, &turns)) ||
        ((v = ent_opt(opts, "repetitions")) && ent_opt_u64("tournament", "repetitions", v, 1000000, &reps)) ||
        ((v = ent_opt(opts, "seed")) && ent_opt_u64("tournament", "seed", v, UINT64_MAX, &seed)) ||
        ((v = ent_opt(opts, "threads")) && ent_opt_u64("tournament", "threads", v, 1024, &threads)) ||
        ((v = ent_opt(opts, "moran")) && ent_opt_u64("tournament", "moran", v, 100000, &moran)) ||
        ((v = ent_opt(opts, "noise")) && parse_prob("noise", v, &noise)) ||
        ((v = ent_opt(opts, "prob-end")) && parse_prob("prob-end", v, &prob_end)) ||
        ((v = ent_opt(opts, "out")) && ent_folder_name_check("tournament", v)))
        return ENT_EXIT_USAGE;
    if ((ent_opt(opts, "turns") && turns == 0) || (ent_opt(opts, "repetitions") && reps == 0) ||
        (ent_opt(opts, "moran") && moran < 2)) {
        fprintf(stderr, "entente tournament: --turns and --repetitions must be at least 1, --moran at least 2\n");
        return ENT_EXIT_USAGE;
    }
    if (ent_file_expect("tournament", pos[0], ENT_FILE_GAME))
        return ENT_EXIT_USAGE;
    ent_diags d;
    ent_diags_init(&d, pos[0]);
    ent_classic *c = ent_classic_load(pos[0], &d);
    if (!c) {
        /* a file with a top-level `game:` gets its own errors, even one the
        ** YAML reader cannot finish (nested too deep) */
        if (d.total == 0 || ent_classic_is_game_file(pos[0]) || d.items[0].line == 0 ||
            ent_file_kind_of(pos[0], NULL, 0) == ENT_FILE_GAME)
            ent_diags_print(&d, stderr);
        else
            fprintf(stderr, "%s: not a game file (no top-level 'game'); see 'entente help tournament'\n",
                    pos[0]);
        return ENT_EXIT_USAGE;
    }
    if (c->n_players < 2) {
        fprintf(stderr, "%s: the file lists no 'players' for a tournament\n", pos[0]);
        ent_classic_free(c);
        return ENT_EXIT_USAGE;
    }
    if (turns) c->turns = (int)turns;
    if (reps) c->repetitions = (int)reps;
    if (ent_opt(opts, "seed")) c->seed = seed;
    if (ent_opt(opts, "noise")) c->noise = noise;
    if (ent_opt(opts, "prob-end")) c->prob_end = prob_end;
    if (moran) c->moran_population = (int)moran;

    char dir[4096];
    if (ent_opt(opts, "out"))
        snprintf(dir, sizeof dir, "%s", ent_opt(opts, "out"));
    else
        snprintf(dir, sizeof dir, "results/%s", c->name);

    ent_tournament_spec spec = {
        .game = &c->game, .players = c->players, .n = c->n_players,
        .match = { c->turns, c->noise, c->prob_end }, .repetitions = c->repetitions,
        .seed = c->seed, .threads = (int)threads,
    };
    ent_tournament_result res;
    int status = ENT_EXIT_FAIL;
    double t0 = now_seconds();
    if (ent_tournament_run(&spec, &res)) {
        fprintf(stderr, "entente tournament: out of memory\n");
        ent_classic_free(c);
        return ENT_EXIT_FAIL;
    }
    double wall = now_seconds() - t0;
    ent_folder out;
    if (ent_folder_begin(&out, "tournament", dir))
        goto done;
    const char *st = out.st.stage;
    if (write_ranking(c, &res, st) || write_payoffs(c, &res, st) ||
        write_replicator(c, &res, st) ||
        (c->moran_population && write_moran(c, &res, st, (int)threads)) ||
        write_manifest(c, &res, st, threads ? (int)threads : omp_get_max_threads(), wall)) {
        ent_folder_abort(&out);
        goto done;
    }
    if (ent_folder_commit(&out, "tournament"))
        goto done;
    if (!ent_opt(opts, "quiet")) {
        printf("%s: %zu strategies, %zu matches of %s%d turns, %d repetitions, noise %g, seed %llu, "
               "%.3f s -> %s/\n", c->name, c->n_players, res.n_matches,
               c->prob_end > 0 ? "at most " : "", c->turns, c->repetitions, c->noise,
               (unsigned long long)c->seed, wall, dir);
        printf("%4s  %-32s %11s %7s %9s\n", "rank", "strategy", "score/turn", "wins", "coop");
        for (size_t r = 0; r < res.n; r++) {
            size_t i = res.order[r];
            printf("%4zu  %-32s %11.4f %7.0f %8.1f%%\n", r + 1, c->players[i].label, res.score[i],
                   res.wins[i], 100.0 * res.coop[i]);
        }
    }
    status = ENT_EXIT_OK;
done:
    ent_tournament_result_free(&res);
    ent_classic_free(c);
    return status;
}

/* `entente list strategies`: the strategy library of the classic games. */
void ent_cli_list_game_strategies(int verbose)
{
    printf("strategies of the classic 2-action games (tournament, name, [random] if it draws random\n"
           "numbers, definition, the Axelrod library's name):\n");
    for (size_t i = 0; ent_gs_types[i]; i++) {
        const ent_gs_type *t = ent_gs_types[i];
        printf("  %-16s %-20s %s%s%s%s\n", "tournament", t->name,
               t->flags & ENT_GS_STOCHASTIC ? "[random] " : "", t->doc,
               t->axelrod[0] ? "; Axelrod: " : "", t->axelrod);
        if (verbose) {
            printf("      reference: %s\n", t->reference);
            for (size_t k = 0; k < t->n_params; k++) {
                const ent_param_desc *d = &t->params[k];
                if (d->flags & ENT_F_AUTO)
                    printf("      %-20s default: derived; %s\n", d->name, d->doc);
                else if (d->type == ENT_P_ENUM)
                    printf("      %-20s default: %s; %s\n", d->name, d->choices[(int)d->def], d->doc);
                else
                    printf("      %-20s default: %g, range [%g, %g]; %s\n", d->name, d->def, d->min,
                           d->max, d->doc);
            }
        }
    }
}
