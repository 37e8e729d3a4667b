/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** stage_matrix.c: a classic 2x2 game inside the alliance round. Each round
** the patron (row) plays one turn of a separate repeated game with each ally
** (column), with noise; strategies are the classic library's. Cooperation
** (action 0) is reported as the patron keeping faith, defection as a cut.
*/
#include <math.h>
#include <string.h>
#include "entente/matrix.h"
#include "entente/matrix_stage.h"
#include "entente/run.h"
#include "sim/run_int.h"
#include "stages/stages_int.h"

enum { P_GAME, P_R, P_S, P_T, P_P, P_NOISE, P_SCALE, P_N };

/* in the order of ent_matrix_presets; a test checks each resolves */
static const char *const game_names[] = {
    "prisoners_dilemma", "chicken", "stag_hunt", "deadlock", "harmony",
    "battle_of_the_sexes", "matching_pennies", NULL
};

static const ent_param_desc params[] = {
    { "game", ENT_P_ENUM, 0, 0, 6, "", "the 2x2 game: a preset of the classic-games library",
      game_names, P_GAME, 0 },
    { "R", ENT_P_REAL, 0, -1e6, 1e6, "game payoff",
      "reward for mutual cooperation (symmetric presets; default the preset's)", NULL, P_R, ENT_F_AUTO },
    { "S", ENT_P_REAL, 0, -1e6, 1e6, "game payoff",
      "sucker's payoff: own C against D (symmetric presets; default the preset's)", NULL, P_S, ENT_F_AUTO },
    { "T", ENT_P_REAL, 0, -1e6, 1e6, "game payoff",
      "temptation: own D against C (symmetric presets; default the preset's)", NULL, P_T, ENT_F_AUTO },
    { "P", ENT_P_REAL, 0, -1e6, 1e6, "game payoff",
      "punishment for mutual defection (symmetric presets; default the preset's)", NULL, P_P, ENT_F_AUTO },
    { "noise", ENT_P_REAL, 0.0, 0.0, 1.0, "probability",
      "each action flips with this probability after it is chosen", NULL, P_NOISE, 0 },
    { "payoff_scale", ENT_P_REAL, 0.01, 0.0, 1e6, "utility per game payoff",
      "factor turning a game payoff into the stage payoff added to the round's utility", NULL, P_SCALE, 0 },
};

static const ent_column trace_cols[] = {
    { "matrix_action", "code", "the ally's action after noise: 0 first action (C), 1 second (D); NA for the patron" },
    { "matrix_payoff", "utility", "stage payoff: game payoff times payoff_scale (patron: summed over its games)" },
    { "matrix_patron_action", "code", "the patron's action against this ally after noise, 0 or 1; NA for the patron" },
};
enum { T_ACTION, T_PAYOFF, T_PATRON_ACTION, T_N };

static const ent_column agent_cols[] = {
    { "matrix_coop_rate", "fraction", "share of its moves that were action 0 (patron: over all its games)" },
    { "matrix_mean_payoff", "game payoff", "mean unscaled game payoff per turn (patron: over all its games)" },
    { "matrix_patron_coop_rate", "fraction", "share of the patron's moves against this ally that were action 0; NA for the patron" },
};
enum { A_COOP, A_MEAN, A_PATRON_COOP, A_N };

static const ent_column run_cols[] = {
    { "matrix_coop_rate_all", "fraction", "share of action 0 over every move of every game" },
    { "matrix_mutual_coop_rate", "fraction", "share of game turns in which both played action 0" },
};
enum { R_COOP, R_MUTUAL, R_N };

/* One patron-ally game; slot 0 is unused. The round's counters and actions
** are not all side by side: updated together as one block, the compiler
** packs them into vector operations that take more instructions than the
** plain additions. */
typedef struct {
    ent_gs_state patron;            /* the patron's library state in this game */
    const ent_strategy_choice *ally; /* the ally's strategy in the scenario */
    void *ally_state;               /* and its state in the run */
    const ent_gs_type *gs_ally;     /* the ally's library strategy */
    int direct_ally;                /* ent_i_matrix_direct of the ally's strategy */
    int coop_patron, coop_ally;     /* cooperations so far (after noise) */
    double pay_patron, pay_ally;    /* this round's game payoffs */
    double sum_patron, sum_ally;    /* game payoffs so far */
    int act_patron, act_ally;       /* this round's actions */
    int mutual;                     /* turns with (C, C) */
    int replay;                     /* its moves are those of the run before (game_record) */
    int recording;                  /* else 1 if its record takes this run's moves */
} pair;

/* What makes a game's moves when nothing draws (no noise, both strategies
** their library's deterministic moves): the two library strategies, their
** parameters, each side's R, S, T, P, the announced length and the
** history's capacity. Such a game is the same in every run with the same
** key: its histories, left as the run before wrote them, are its moves. */
typedef struct {
    const ent_gs_type *gs[2];       /* the patron's, the ally's */
    double p[2][ENT_GS_PARAMS];     /* their parameters */
    double rstp[2][4];
    int length, cap;
} game_key;

/* A game's counters (a pair's, gathered for its summary). */
typedef struct {
    int coop_patron, coop_ally, mutual;
    double sum_patron, sum_ally;
} game_counts;

/* Per game, kept from run to run (zeroed at allocation): the key of the
** deterministic game whose moves its histories hold, how many turns, and
** its counters after them once they are cap: a replayed game keeps none of
** its own (its round's actions and payoffs are read off the histories). */
typedef struct {
    game_key key;
    int turns;
    game_counts counts;
} game_record;

typedef struct {
    ent_bimatrix g;
    double rstp[2][4];              /* each side's own R, S, T, P (ent_matrix_rstp) */
    /* the game is a function of the parameters game, R, S, T and P: built
    ** again at reset only when their bits change (a sweep's runs mostly
    ** share them; the workspace starts zeroed: nothing built) */
    double game_key[P_P - P_GAME + 1];
    int game_built;
    int cap;                        /* history length: the scenario's rounds */
    const ent_gs_type *gs_patron;   /* the patron's library strategy, the same in every game */
    int direct_patron;              /* ent_i_matrix_direct of the patron's strategy */
    int turns;                      /* turns played this run */
    int length;                     /* announced length (0 with a random end) */
    double patron_stage_pay;        /* the patron's stage payoff this round */
} header;

static size_t align8(size_t x) { return (x + 7u) & ~(size_t)7u; }

static size_t workspace_size(const ent_run *run, int stage)
{
    (void)stage;
    return align8(sizeof(header)) + run->n * (sizeof(pair) + sizeof(game_record)) +
           2 * run->n * (size_t)run->scn->rounds;
}

static header *hdr(const ent_run *run, int stage)
{
    return ent_i_run_stage_workspace(run, stage);
}

static pair *pairs(const ent_run *run, int stage)
{
    return (pair *)((unsigned char *)ent_i_run_stage_workspace(run, stage) + align8(sizeof(header)));
}

static game_record *records(const ent_run *run, int stage)
{
    return (game_record *)(pairs(run, stage) + run->n);
}

/* histories of ally i's game: the patron's moves, then the ally's */
static unsigned char *history(const ent_run *run, int stage, size_t i, int ally_side)
{
    unsigned char *base = (unsigned char *)(records(run, stage) + run->n);
    return base + (2 * i + (size_t)ally_side) * (size_t)hdr(run, stage)->cap;
}

static void build_game(const double *p, ent_bimatrix *g)
{
    const ent_matrix_preset *pre = ent_matrix_preset_find(game_names[(int)p[P_GAME]]);
    if (pre->rstp) {
        double v[4] = { p[P_R], p[P_S], p[P_T], p[P_P] };
        const double def[4] = { pre->R, pre->S, pre->T, pre->P };
        for (int k = 0; k < 4; k++)
            if (isnan(v[k])) v[k] = def[k];
        ent_matrix_from_preset(pre, v, g);
    } else {
        ent_matrix_from_preset(pre, NULL, g);   /* R, S, T, P do not apply */
    }
}

int ent_matrix_stage_game(const ent_scenario *s, int stage, ent_bimatrix *g)
{
    if (stage < 0 || (size_t)stage >= s->n_stages || s->stages[stage].type != &ent_stage_matrix)
        return -1;
    build_game(s->stages[stage].p, g);
    return 0;
}

/* The fields of one side's view that are the same in every game of a
** round: the turn, the announced length, the side's R, S, T, P, the
** patron's library strategy on its side and the patron as the ally's
** opponent (zero elsewhere). Set once a round for all the games. */
static void view_round(const header *h, int ally_side, ent_matrix_view *v)
{
    memset(v, 0, sizeof *v);
    if (!ally_side)
        v->gs = h->gs_patron;
    v->game.turn = h->turns;
    v->game.length = h->length;
    const double *k = h->rstp[ally_side];
    v->game.R = k[0];
    v->game.S = k[1];
    v->game.T = k[2];
    v->game.P = k[3];
}

/* The fields of one side's view that differ between games: those of ally
** i's game, `hist` its two histories (the patron's, then the ally's). */
static inline void view_game(const header *h, const pair *q, const unsigned char *hist, size_t i,
                             int ally_side, ent_matrix_view *v)
{
    if (ally_side)
        v->gs = q->gs_ally;
    else
        v->opponent = (int)i;
    v->game.own = hist + (size_t)ally_side * (size_t)h->cap;
    v->game.opp = hist + (size_t)!ally_side * (size_t)h->cap;
    v->game.own_coop = ally_side ? q->coop_ally : q->coop_patron;
    v->game.opp_coop = ally_side ? q->coop_patron : q->coop_ally;
}

/* One side's move in view v: the library move called here when the side's
** strategy is a plain wrapper (its decide() would make just this call),
** else its decide(). */
static inline int side_move(const ent_strategy_choice *c, int direct, void *state, const ent_matrix_view *v,
                            gsl_rng *r)
{
    if (direct)
        return v->gs->move(v->gs, c->p, state, &v->game, r) == ENT_D ? ENT_D : ENT_C;
    ent_matrix_decision d = { ENT_C };
    c->type->decide(c->p, state, v, &d, r);
    return d.action == ENT_D ? ENT_D : ENT_C;
}

/* 1 if nothing in the game of pair q draws: no noise, and each side plays
** its library strategy's move (the stage calls it), one that draws nothing. */
static int deterministic(const header *h, const pair *q, double noise)
{
    return noise == 0.0 && h->direct_patron && q->direct_ally && h->gs_patron && q->gs_ally &&
           !(h->gs_patron->flags & ENT_GS_STOCHASTIC) && !(q->gs_ally->flags & ENT_GS_STOCHASTIC);
}

/* The key of pair q's game this run (zeroed first: compared as bytes). */
static void key_of(const header *h, const ent_strategy_choice *cp, const ent_strategy_choice *ca, const pair *q,
                   game_key *k)
{
    memset(k, 0, sizeof *k);
    k->gs[0] = h->gs_patron;
    k->gs[1] = q->gs_ally;
    memcpy(k->p[0], cp->p, sizeof k->p[0]);
    memcpy(k->p[1], ca->p, sizeof k->p[1]);
    memcpy(k->rstp, h->rstp, sizeof k->rstp);
    k->length = h->length;
    k->cap = h->cap;
}

/* Pair q's record at the start of a run: the game replays it if it is
** deterministic with the key of a record of all cap turns, else the record
** is made to take this run's moves (if deterministic) or emptied. */
static void start_record(game_record *rec, const header *h, const ent_strategy_choice *cp,
                         const ent_strategy_choice *ca, pair *q, double noise)
{
    q->replay = q->recording = 0;
    if (!deterministic(h, q, noise)) {
        rec->turns = 0;
        return;
    }
    game_key k;
    key_of(h, cp, ca, q, &k);
    if (rec->turns == h->cap && !memcmp(&rec->key, &k, sizeof k)) {
        q->replay = 1;
        return;
    }
    memcpy(&rec->key, &k, sizeof k);
    rec->turns = 0;
    q->recording = 1;
}

static void reset(ent_run *run, int stage)
{
    const ent_scenario *s = run->scn;
    header *h = hdr(run, stage);
    const double *p = s->stages[stage].p;
    if (!h->game_built || memcmp(h->game_key, &p[P_GAME], sizeof h->game_key) != 0) {
        build_game(p, &h->g);
        for (int side = 0; side < 2; side++)
            ent_matrix_rstp(&h->g, side, &h->rstp[side][0], &h->rstp[side][1], &h->rstp[side][2],
                            &h->rstp[side][3]);
        memcpy(h->game_key, &p[P_GAME], sizeof h->game_key);
        h->game_built = 1;
    }
    /* the rest of the header and the games start afresh (their histories
    ** below, unless replayed) */
    memset(pairs(run, stage), 0, run->n * sizeof(pair));
    h->turns = 0;
    h->patron_stage_pay = 0.0;
    h->cap = s->rounds;
    h->length = s->random_end ? 0 : s->rounds;
    const ent_strategy_choice *cp = &s->agents[0].strategy[stage];
    /* the library strategy and plainness of a type, found once for the
    ** patron and once for each run of allies of the same type (a scan of
    ** the library, and the same answer for the same type) */
    h->gs_patron = ent_i_matrix_gs(cp->type);
    h->direct_patron = ent_i_matrix_direct(cp->type);
    const ent_strategy_type *last = NULL;
    const ent_gs_type *gs_ally = NULL;
    int direct_ally = 0;
    ent_matrix_view vp, va;     /* as in play() */
    view_round(h, 0, &vp);
    view_round(h, 1, &va);
    for (size_t i = 1; i < run->n; i++) {
        const ent_strategy_choice *ca = &s->agents[i].strategy[stage];
        pair *q = &pairs(run, stage)[i];
        if (i == 1 || ca->type != last) {
            last = ca->type;
            gs_ally = ent_i_matrix_gs(ca->type);
            direct_ally = ent_i_matrix_direct(ca->type);
        }
        q->ally = ca;
        q->ally_state = ent_i_run_strategy_state(run, stage, i);
        q->gs_ally = gs_ally;
        q->act_patron = q->act_ally = -1;
        q->direct_ally = direct_ally;
        unsigned char *hist = history(run, stage, i, 0);
        start_record(&records(run, stage)[i], h, cp, ca, q, p[P_NOISE]);
        if (q->replay)
            continue;   /* the strategies' states are not read: the moves are the record's */
        memset(hist, 0, 2 * (size_t)h->cap);
        view_game(h, q, hist, i, 0, &vp);
        if (cp->type->reset)
            cp->type->reset(cp->p, &q->patron, &vp);
        view_game(h, q, hist, i, 1, &va);
        if (ca->type->reset)
            ca->type->reset(ca->p, q->ally_state, &va);
    }
}

/* A recording game's turn `turn` played: the record holds the turns from
** the first on, and the counters after the last. */
static inline void record_turn(game_record *rec, const pair *q, int turn, int cap)
{
    if (rec->turns != turn)
        return;
    rec->turns = turn + 1;
    if (rec->turns == cap)
        rec->counts = (game_counts){ q->coop_patron, q->coop_ally, q->mutual, q->sum_patron, q->sum_ally };
}

/* Per game the draws follow ent_match_play: patron's move, ally's move,
** patron's flip, ally's flip; games are played in ally order. */
static void play(ent_run *run, int stage, gsl_rng *r)
{
    const ent_scenario *s = run->scn;
    const double *p = s->stages[stage].p;
    header *h = hdr(run, stage);
    const ent_strategy_choice *cp = &s->agents[0].strategy[stage];
    double noise = p[P_NOISE], scale = p[P_SCALE];
    /* the patron's stage payoff summed here, in ally order as before, and
    ** the turn read once: the histories' byte stores could alias the header */
    double patron_pay = 0.0;
    const size_t turn = (size_t)h->turns;
    pair *qs = pairs(run, stage);
    /* history(run, stage, i, 0), its base and stride found once */
    unsigned char *hist_base = (unsigned char *)(records(run, stage) + run->n);
    game_record *recs = records(run, stage);
    const size_t cap = (size_t)h->cap;
    /* each side's view, its fields common to the round's games set once (a
    ** decide() gets the view read-only, so each game only sets its own) */
    ent_matrix_view vp, va;
    view_round(h, 0, &vp);
    view_round(h, 1, &va);
    /* the game's payoffs and the agents read once for the replayed games
    ** (the stores into the agents could otherwise alias them) */
    const double ga[4] = { h->g.a[0], h->g.a[1], h->g.a[2], h->g.a[3] };
    const double gb[4] = { h->g.b[0], h->g.b[1], h->g.b[2], h->g.b[3] };
    ent_agent_state *agents = run->agent;
    for (size_t i = 1; i < run->n; i++) {
        pair *q = &qs[i];
        unsigned char *hist = hist_base + 2 * i * cap;
        if (q->replay) {
            const int mp = hist[turn], ma = hist[cap + turn];
            agents[i].payoff += scale * gb[mp * 2 + ma];
            patron_pay += scale * ga[mp * 2 + ma];
            ent_i_agent_patron_act(&agents[i], mp == ENT_C ? ENT_ACT_KEPT : ENT_ACT_CUT);
            continue;
        }
        const ent_strategy_choice *ca = q->ally;
        view_game(h, q, hist, i, 0, &vp);
        int mp = side_move(cp, h->direct_patron, &q->patron, &vp, r);
        view_game(h, q, hist, i, 1, &va);
        int ma = side_move(ca, q->direct_ally, q->ally_state, &va, r);
        if (noise > 0.0) {
            if (gsl_rng_uniform(r) < noise) mp = 1 - mp;
            if (gsl_rng_uniform(r) < noise) ma = 1 - ma;
        }
        hist[turn] = (unsigned char)mp;
        hist[cap + turn] = (unsigned char)ma;
        q->act_patron = mp;
        q->act_ally = ma;
        q->coop_patron += mp == ENT_C;
        q->coop_ally += ma == ENT_C;
        q->mutual += mp == ENT_C && ma == ENT_C;
        q->pay_patron = h->g.a[mp * 2 + ma];
        q->pay_ally = h->g.b[mp * 2 + ma];
        q->sum_patron += q->pay_patron;
        q->sum_ally += q->pay_ally;
        run->agent[i].payoff += scale * q->pay_ally;
        patron_pay += scale * q->pay_patron;
        ent_i_run_patron_act(run, i, mp == ENT_C ? ENT_ACT_KEPT : ENT_ACT_CUT);
        if (q->recording)
            record_turn(&recs[i], q, (int)turn, (int)cap);
    }
    h->patron_stage_pay = patron_pay;
    run->agent[0].payoff += patron_pay;
    h->turns++;
}

static void record(const ent_run *run, int stage, size_t i, double *out)
{
    const double scale = run->scn->stages[stage].p[P_SCALE];
    if (i == 0) {
        out[T_ACTION] = out[T_PATRON_ACTION] = NAN;
        out[T_PAYOFF] = hdr(run, stage)->patron_stage_pay;
        return;
    }
    const header *h = hdr(run, stage);
    const pair *q = &pairs(run, stage)[i];
    if (q->replay && h->turns > 0) {
        /* the last turn's moves, off the histories */
        const unsigned char *hist = history(run, stage, i, 0);
        const int mp = hist[h->turns - 1], ma = hist[h->cap + h->turns - 1];
        out[T_ACTION] = ma;
        out[T_PAYOFF] = scale * h->g.b[mp * 2 + ma];
        out[T_PATRON_ACTION] = mp;
        return;
    }
    out[T_ACTION] = q->act_ally;
    out[T_PAYOFF] = scale * q->pay_ally;
    out[T_PATRON_ACTION] = q->act_patron;
}

/* Pair i's counters after the turns played: its own, or a replayed game's
** its record's (all cap turns played) or counted off its histories as
** play() counts them. */
static game_counts counts_of(const ent_run *run, int stage, size_t i)
{
    const header *h = hdr(run, stage);
    const pair *q = &pairs(run, stage)[i];
    const game_record *rec = &records(run, stage)[i];
    if (!q->replay)
        return (game_counts){ q->coop_patron, q->coop_ally, q->mutual, q->sum_patron, q->sum_ally };
    if (h->turns == rec->turns)
        return rec->counts;
    game_counts c = { 0, 0, 0, 0.0, 0.0 };
    const unsigned char *hist = history(run, stage, i, 0);
    for (int t = 0; t < h->turns; t++) {
        const int mp = hist[t], ma = hist[h->cap + t];
        c.coop_patron += mp == ENT_C;
        c.coop_ally += ma == ENT_C;
        c.mutual += mp == ENT_C && ma == ENT_C;
        c.sum_patron += h->g.a[mp * 2 + ma];
        c.sum_ally += h->g.b[mp * 2 + ma];
    }
    return c;
}

static void summarise(const ent_run *run, int stage, double *agent_out, double *run_out)
{
    const header *h = hdr(run, stage);
    size_t stride = run->n_agent_out;
    double turns = h->turns, games = (double)(run->n - 1);
    double coop_p = 0.0, coop_a = 0.0, mutual = 0.0, sum_p = 0.0;
    for (size_t i = 1; i < run->n; i++) {
        const game_counts q = counts_of(run, stage, i);
        double *o = agent_out + i * stride;
        o[A_COOP] = turns > 0 ? q.coop_ally / turns : NAN;
        o[A_MEAN] = turns > 0 ? q.sum_ally / turns : NAN;
        o[A_PATRON_COOP] = turns > 0 ? q.coop_patron / turns : NAN;
        coop_p += q.coop_patron;
        coop_a += q.coop_ally;
        mutual += q.mutual;
        sum_p += q.sum_patron;
    }
    double played = turns * games;      /* turns over all games */
    agent_out[A_COOP] = played > 0 ? coop_p / played : NAN;
    agent_out[A_MEAN] = played > 0 ? sum_p / played : NAN;
    agent_out[A_PATRON_COOP] = NAN;
    run_out[R_COOP] = played > 0 ? (coop_p + coop_a) / (2.0 * played) : NAN;
    run_out[R_MUTUAL] = played > 0 ? mutual / played : NAN;
}

/* R, S, T and P are the payoffs of a symmetric preset; an asymmetric one
** has matrices of its own that they would leave as they are. */
static int check_params(const double *p, size_t *at, char *why, size_t cap)
{
    const ent_matrix_preset *pre = ent_matrix_preset_find(game_names[(size_t)p[P_GAME]]);
    for (size_t k = P_R; pre && !pre->rstp && k <= P_P; k++)
        if (!isnan(p[k])) {
            snprintf(why, cap, "'%s' does not apply to the game '%s', whose payoffs are its own (R, S, T "
                     "and P set those of prisoners_dilemma, chicken, stag_hunt, deadlock and harmony)",
                     params[k].name, pre->name);
            *at = k;
            return -1;
        }
    return 0;
}

const ent_stage_type ent_stage_matrix = {
    .name = "matrix",
    .doc = "the patron (row) plays a separate repeated 2x2 classic game with each ally (column), "
           "with noise; cooperation reads as kept faith, defection as a cut",
    .params = params, .n_params = P_N,
    .default_ally_strategy = "TitForTat",
    .default_patron_strategy = "TitForTat",
    .trace = trace_cols, .n_trace = T_N,
    .agent_outcomes = agent_cols, .n_agent_outcomes = A_N,
    .run_outcomes = run_cols, .n_run_outcomes = R_N,
    .workspace_size = workspace_size,
    .reset = reset, .play = play, .record = record, .summarise = summarise,
    .check_params = check_params,
};
