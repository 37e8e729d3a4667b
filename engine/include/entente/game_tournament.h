/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** game_tournament.h: classic game files (a matrix game and a list of
** strategies), round-robin tournaments run in parallel with results that do
** not depend on the thread count, and evolutionary dynamics on the
** tournament's payoff matrix (replicator equation, Moran process).
*/
#ifndef ENT_GAME_TOURNAMENT_H
#define ENT_GAME_TOURNAMENT_H

#include "entente/export.h"
ENT_BEGIN_DECLS

#include <stddef.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>
#include "entente/diag.h"
#include "entente/game_strategy.h"
#include "entente/matrix.h"

#define ENT_TOUR_MAX_PLAYERS 256
#define ENT_TOUR_MAX_TURNS 1000000

/* A classic game file: top-level keys name, description, references, game,
** players, turns, repetitions, noise, prob_end, seed, replicator, moran. */
typedef struct {
    char *path, *name, *description;
    char **references;
    size_t n_references;
    ent_bimatrix game;
    char **payoff_text;             /* 'payoffs' as written: 2 m n texts (a then b), or NULL */
    ent_gs_player *players;
    size_t n_players;
    int turns, repetitions;
    double noise, prob_end;
    uint64_t seed;
    double replicator_time;         /* horizon of the replicator dynamics */
    int moran_population;           /* 0 = no Moran process */
    int moran_trials;
    double moran_intensity;         /* w: fitness = 1 - w + w * payoff */
    char sha256[65];
} ent_classic;

/* 1 if the file's top level is a mapping with the key `game`, else 0
** (unreadable files and other YAML are left to the scenario loader). */
int ent_classic_is_game_file(const char *path);
/* Load and validate; NULL with errors in d (FILE:LINE:COL) on failure. */
ent_classic *ent_classic_load(const char *path, ent_diags *d);
ent_classic *ent_classic_load_buffer(const char *name, const char *buf, size_t len,
                                     ent_diags *d);
void ent_classic_free(ent_classic *c);

/* ---- round robin ---------------------------------------------------------- */

typedef struct {
    const ent_bimatrix *game;
    const ent_gs_player *players;
    size_t n;
    ent_match_spec match;
    int repetitions;
    uint64_t seed;
    int threads;                    /* 0 = OpenMP's default */
} ent_tournament_spec;

typedef struct {
    size_t n;
    size_t n_matches;               /* pairs (i <= j) x repetitions */
    /* per match k = pair * repetitions + rep, pair in (i, j) order i <= j */
    ent_match_result *matches;
    double *payoff;                 /* n x n: mean per-turn payoff of row vs column */
    double *score;                  /* mean per-turn score against the others (no self-play) */
    double *wins;                   /* matches won against the others, over all repetitions */
    double *coop;                   /* cooperation rate against the others */
    size_t *order;                  /* order[r] = strategy at rank r + 1 */
    long long total_turns;
} ent_tournament_result;

/* Run the round robin: every pair (i, j) with i <= j, self-play included,
** plays `repetitions` matches; match (pair, rep) draws from the stream
** ent_rng_stream(seed, pair, rep). Sums are formed after the parallel loop in
** a fixed order. Returns 0, or -1 when out of memory. */
int ent_tournament_run(const ent_tournament_spec *spec, ent_tournament_result *res);
void ent_tournament_result_free(ent_tournament_result *res);

/* ---- evolutionary dynamics ----------------------------------------------- */

/* Replicator dynamics dx_i/dt = x_i ((A x)_i - x'A x) on the n x n payoff
** matrix A (row-major), from x0 over [0, t_end], integrated with gsl_odeiv2
** (RK8PD, relative and absolute error 1e-10). Writes n_out + 1 rows of n
** shares (t = k t_end / n_out) into traj. Returns 0 or a GSL status. */
int ent_replicator(size_t n, const double *A, const double *x0, double t_end, size_t n_out,
                   double *traj);

/* Moran process (birth-death) in a population of N with a_rr, a_rm, a_mr,
** a_mm the payoffs of resident vs resident, resident vs mutant, mutant vs
** resident and mutant vs mutant; fitness 1 - w + w * (mean payoff against the
** others). Fixation probability of a single mutant in closed form
** (Nowak et al. 2004): 1 / (1 + sum_k prod_{j<=k} f_r(j)/f_m(j)). NaN if a
** fitness is not positive. */
double ent_moran_fixation(int N, double w, double a_rr, double a_rm, double a_mr, double a_mm);
/* The same by simulation: `trials` runs from one mutant until fixation or
** loss. Returns the fraction fixed, NaN if a fitness is not positive. */
double ent_moran_simulate(int N, double w, double a_rr, double a_rm, double a_mr, double a_mm,
                          int trials, gsl_rng *r);
/* The Moran process for every ordered pair of a tournament's players
** (resident i, mutant j), on the tournament's mean payoffs: sim[i n + j] the
** simulated fixation of `trials` runs (NaN on the diagonal), each pair on
** its own stream (seed, point = pairs + cell, 0), pairs = n (n + 1)/2 being
** the streams of the matches, so the figures do not depend on `threads`
** (0 = OpenMP's default). Returns 0, or -1 if a generator cannot be had. */
int ent_moran_pairs(const ent_tournament_result *res, int N, double w, int trials, uint64_t seed,
                    int threads, double *sim);

ENT_END_DECLS

#endif
