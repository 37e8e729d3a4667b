/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** game_tournament.c: the round robin. Matches run in parallel (OpenMP,
** dynamic schedule) into a per-match array; every sum is formed afterwards
** in match order, so results are identical for any number of threads.
** As in Axelrod's tournaments, self-play is played (it fills the diagonal of
** the payoff matrix) but left out of scores, wins and cooperation rates.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <omp.h>
#include "entente/game_tournament.h"
#include "entente/rng.h"

void ent_tournament_result_free(ent_tournament_result *res)
{
    free(res->matches);
    free(res->payoff);
    free(res->score);
    free(res->wins);
    free(res->coop);
    free(res->order);
    memset(res, 0, sizeof *res);
}

/* A thread is worth starting for about a millisecond of matches (some
** 50,000 turns at 6e7 turns a second): below that, starting and joining the
** team costs more than it saves. The results do not depend on it (each match
** has its own stream). */
#define TURNS_PER_THREAD 50000.0

static int threads_for(const ent_tournament_spec *spec, size_t n_matches)
{
    int nt = spec->threads > 0 ? spec->threads : omp_get_max_threads();
    double per_match = spec->match.turns;
    if (spec->match.prob_end > 0 && 1.0 / spec->match.prob_end < per_match)
        per_match = 1.0 / spec->match.prob_end;     /* the expected length */
    double turns = (double)n_matches * per_match;
    double useful = floor(turns / TURNS_PER_THREAD);
    return useful < 1 ? 1 : useful < nt ? (int)useful : nt;
}

static int play_all(const ent_tournament_spec *spec, const size_t *pi, const size_t *pj,
                    ent_match_result *out, size_t n_matches)
{
    int nt = threads_for(spec, n_matches);
    size_t reps = (size_t)spec->repetitions, cap = (size_t)spec->match.turns;
    gsl_rng **rng = calloc((size_t)nt, sizeof *rng);
    unsigned char *hist = malloc((size_t)nt * 2 * cap);
    int ok = rng && hist;
    for (int t = 0; ok && t < nt; t++)
        ok = (rng[t] = ent_rng_alloc()) != NULL;
    if (ok) {
        #pragma omp parallel for num_threads(nt) schedule(dynamic, 4)
        for (size_t k = 0; k < n_matches; k++) {
            int t = omp_get_thread_num();
            size_t pair = k / reps, rep = k % reps;
            unsigned char *h1 = hist + (size_t)t * 2 * cap, *h2 = h1 + cap;
            ent_rng_stream(rng[t], spec->seed, pair, rep);
            ent_match_play(spec->game, &spec->players[pi[pair]], &spec->players[pj[pair]],
                           &spec->match, h1, h2, rng[t], &out[k]);
        }
    }
    for (int t = 0; rng && t < nt; t++)
        if (rng[t]) gsl_rng_free(rng[t]);
    free(rng);
    free(hist);
    return ok ? 0 : -1;
}

int ent_tournament_run(const ent_tournament_spec *spec, ent_tournament_result *res)
{
    size_t n = spec->n, reps = (size_t)spec->repetitions;
    size_t pairs = n * (n + 1) / 2;
    memset(res, 0, sizeof *res);
    res->n = n;
    res->n_matches = pairs * reps;
    res->matches = calloc(res->n_matches, sizeof *res->matches);
    res->payoff = calloc(n * n, sizeof *res->payoff);
    res->score = calloc(n, sizeof *res->score);
    res->wins = calloc(n, sizeof *res->wins);
    res->coop = calloc(n, sizeof *res->coop);
    res->order = calloc(n, sizeof *res->order);
    size_t *pi = malloc(pairs * sizeof *pi), *pj = malloc(pairs * sizeof *pj);
    double *turns_vs = calloc(n, sizeof *turns_vs);
    int status = -1;
    if (!res->matches || !res->payoff || !res->score || !res->wins || !res->coop ||
        !res->order || !pi || !pj || !turns_vs)
        goto done;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i; j < n; j++, k++) {
            pi[k] = i;
            pj[k] = j;
        }
    if (play_all(spec, pi, pj, res->matches, res->n_matches))
        goto done;

    /* fixed-order sums */
    for (size_t pr = 0; pr < pairs; pr++) {
        size_t i = pi[pr], j = pj[pr];
        double per_i = 0.0, per_j = 0.0;
        for (size_t rep = 0; rep < reps; rep++) {
            const ent_match_result *m = &res->matches[pr * reps + rep];
            double len = m->turns > 0 ? m->turns : 1;
            res->total_turns += m->turns;
            per_i += m->score1 / len;
            per_j += m->score2 / len;
            if (i == j)
                continue;
            res->score[i] += m->score1 / len;
            res->score[j] += m->score2 / len;
            if (m->score1 > m->score2) res->wins[i] += 1;
            else if (m->score2 > m->score1) res->wins[j] += 1;
            res->coop[i] += m->coop1;
            res->coop[j] += m->coop2;
            turns_vs[i] += m->turns;
            turns_vs[j] += m->turns;
        }
        if (i == j) {
            res->payoff[i * n + i] = (per_i + per_j) / (2.0 * (double)reps);
        } else {
            res->payoff[i * n + j] = per_i / (double)reps;
            res->payoff[j * n + i] = per_j / (double)reps;
        }
    }
    for (size_t i = 0; i < n; i++) {
        res->score[i] = n > 1 ? res->score[i] / ((double)reps * (double)(n - 1)) : NAN;
        res->coop[i] = turns_vs[i] > 0 ? res->coop[i] / turns_vs[i] : NAN;
        res->order[i] = i;
    }
    /* rank by mean score per turn; ties keep the entry order (stable insertion sort) */
    for (size_t a = 1; a < n; a++)
        for (size_t b = a; b > 0 && res->score[res->order[b]] > res->score[res->order[b - 1]]; b--) {
            size_t t = res->order[b];
            res->order[b] = res->order[b - 1];
            res->order[b - 1] = t;
        }
    status = 0;
done:
    free(pi);
    free(pj);
    free(turns_vs);
    if (status)
        ent_tournament_result_free(res);
    return status;
}
