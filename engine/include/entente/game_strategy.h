/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** game_strategy.h: the strategy library for repeated 2-action games and the
** match that plays two of them against each other, with noise (each action
** flips with a probability) and a probabilistic end. Names, first moves and
** tie conventions follow the Axelrod library's documented definitions.
*/
#ifndef ENT_GAME_STRATEGY_H
#define ENT_GAME_STRATEGY_H

#include "entente/export.h"
ENT_BEGIN_DECLS

#include <stddef.h>
#include <gsl/gsl_rng.h>
#include "entente/matrix.h"
#include "entente/param.h"

enum { ENT_C = 0, ENT_D = 1 };

#define ENT_GS_PARAMS 6         /* parameters of one strategy */

/* What a strategy sees before a move. */
typedef struct {
    int turn;                       /* turns already played (0 on the first move) */
    int length;                     /* match length if announced, else 0 */
    const unsigned char *own, *opp; /* moves so far (after noise), ENT_C or ENT_D */
    int own_coop, opp_coop;         /* cooperations so far */
    double R, S, T, P;              /* own payoffs: u(C,C), u(C,D), u(D,C), u(D,D) */
} ent_gs_view;

/* Per-match state of a strategy: a few counters and reals. */
typedef struct {
    int i[8];
    double d[8];
} ent_gs_state;

enum {
    ENT_GS_STOCHASTIC = 1u << 0,    /* draws random numbers */
    ENT_GS_USES_GAME = 1u << 1,     /* reads the payoffs */
    ENT_GS_USES_LENGTH = 1u << 2    /* reads the announced match length */
};

typedef struct ent_gs_type {
    const char *name;               /* e.g. "TitForTat" */
    const char *axelrod;            /* the Axelrod library's name, or "" if none */
    const char *doc;                /* published definition: first move, rule, ties */
    const char *reference;
    const ent_param_desc *params;
    size_t n_params;
    unsigned flags;
    const char *pattern;            /* cyclers: the cycle, e.g. "CCD" */
    const double *vec;              /* memory-one presets: p(CC), p(CD), p(DC), p(DD), first */
    void (*reset)(const struct ent_gs_type *t, const double *p, ent_gs_state *s,
                  const ent_gs_view *v);
    int (*move)(const struct ent_gs_type *t, const double *p, ent_gs_state *s,
                const ent_gs_view *v, gsl_rng *r);
} ent_gs_type;

/* Writing a strategy: ENT_GS_MOVE(fn) { ... } declares a move function
** whose parameters (t, p, s, v, r) may go unused. */
#if defined(__GNUC__)
#define ENT_GS_UNUSED __attribute__((unused))
#else
#define ENT_GS_UNUSED
#endif
#define ENT_GS_MOVE(fn) \
    static int fn(const ent_gs_type *t ENT_GS_UNUSED, const double *p ENT_GS_UNUSED, \
                  ent_gs_state *s ENT_GS_UNUSED, const ent_gs_view *v ENT_GS_UNUSED, \
                  gsl_rng *r ENT_GS_UNUSED)
#define ENT_GS_RESET(fn) \
    static void fn(const ent_gs_type *t ENT_GS_UNUSED, const double *p ENT_GS_UNUSED, \
                   ent_gs_state *s ENT_GS_UNUSED, const ent_gs_view *v ENT_GS_UNUSED)

/* C with probability p (no draw when p <= 0 or p >= 1, as in Axelrod's
** random_choice), else D. */
int ent_gs_choose(double p, gsl_rng *r);
/* Memory-one move: first move `first`, then C with probability
** q[own last * 2 + opponent's last] (order CC, CD, DC, DD). */
int ent_gs_memory_one(const double *q, int first, const ent_gs_view *v, gsl_rng *r);
/* Own payoff of (own, opp) moves from the view's R, S, T, P. */
double ent_gs_payoff(const ent_gs_view *v, int own, int opp);

/* The library, NULL-terminated. */
extern const ent_gs_type *const ent_gs_types[];
const ent_gs_type *ent_gs_find(const char *name);
size_t ent_gs_count(void);
/* The library's names, NULL-terminated, written into out (capacity cap). */
void ent_gs_names(const char **out, size_t cap);

/* A strategy with its parameters, as entered in a tournament. */
typedef struct {
    const ent_gs_type *type;
    double p[ENT_GS_PARAMS];
    char label[64];                 /* unique display name */
} ent_gs_player;

/* Fill a player with the type's default parameters and its name as label. */
void ent_gs_player_init(ent_gs_player *pl, const ent_gs_type *t);

/* ---- matches ------------------------------------------------------------ */

typedef struct {
    int turns;          /* length; with prob_end > 0 the cap on the drawn length */
    double noise;       /* probability that each action flips */
    double prob_end;    /* probability that the match ends after each turn */
} ent_match_spec;

typedef struct {
    int turns;                  /* turns played */
    double score1, score2;      /* total payoffs */
    int coop1, coop2;           /* cooperations (after noise) */
} ent_match_result;

/* Play p1 (row) against p2 (column) on the 2x2 game g. h1 and h2 receive the
** moves and must hold spec->turns entries. Draws, in order: the length (if
** prob_end > 0), then each turn p1's move, p2's move, p1's flip, p2's flip.
** Players are told the length only when prob_end is 0 (as in Axelrod). */
void ent_match_play(const ent_bimatrix *g, const ent_gs_player *p1, const ent_gs_player *p2,
                    const ent_match_spec *spec, unsigned char *h1, unsigned char *h2,
                    gsl_rng *r, ent_match_result *res);

/* Length of a match with probabilistic end: 1 + floor(ln U / ln(1 - p)),
** U uniform on (0,1], capped at `cap` (geometric with mean 1/p). */
int ent_match_length(double prob_end, int cap, gsl_rng *r);

ENT_END_DECLS

#endif
