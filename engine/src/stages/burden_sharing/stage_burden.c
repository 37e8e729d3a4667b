/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** stage_burden.c: the burden-sharing stage (Olson & Zeckhauser 1966 with
** Sandler's joint product). Each round the patron states its demand to every
** ally; agents then choose their defence share in scenario order (the patron
** first), each seeing the spending of the others as it stands, so earlier
** movers' choices this round are already visible (Gauss-Seidel updating,
** under which best-response dynamics converge). Payoffs use the round's
** final alliance total.
*/
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "entente/burden.h"
#include "entente/run.h"
#include "sim/run_int.h"
#include "stages/stages_int.h"
#include "stages/burden_sharing/burden_sharing.h"
#include "models/burden_inline.h"

enum { P_DEMAND, P_PSI, P_GAMMA, P_N };

static const ent_param_desc params[] = {
    { "demand", ENT_P_REAL, 0.02, 0.0, 1.0, "fraction of GDP",
      "the patron's demand of each ally (ally field `demand` overrides)", NULL, P_DEMAND, 0 },
    { "psi", ENT_P_REAL, 0.0, 0.0, 0.99, "fraction",
      "private (ally-specific) share of the benefit of defence, 1 - the publicness index; "
      "0 = pure public good",
      NULL, P_PSI, 0 },
    { "threat_sensitivity", ENT_P_REAL, 1.0, 0.0, 20.0, "logit per unit threat",
      "gamma: logit(alpha) = logit(alpha0) + gamma * threat", NULL, P_GAMMA, 0 },
};

/* Its agent parameters (keys of the patron's and the allies' entries). */
enum { AP_ALPHA, AP_CALIBRATION_THREAT, AP_PSI, AP_POPULATION, AP_DEMAND, AP_N };
static const ent_param_desc agent_params[] = {
    { "alpha", ENT_P_REAL, 0, 0.001, ENT_BURDEN_ALPHA_MAX, "fraction",
      "alpha0, weight on security at zero threat; absent = calibrated so that the initial share is a "
      "best response at calibration_threat",
      NULL, AP_ALPHA, ENT_F_AUTO | ENT_F_ALLY | ENT_F_PATRON },
    { "calibration_threat", ENT_P_REAL, 0, 0.0, 1.0, "fraction",
      "the threat at which defence_share is observed, where a calibrated alpha makes it a best "
      "response; absent = the file's `threat` (overriding `threat` later moves the weight)",
      NULL, AP_CALIBRATION_THREAT, ENT_F_AUTO | ENT_F_ALLY | ENT_F_PATRON },
    { "psi", ENT_P_REAL, 0, 0.0, 0.99, "fraction",
      "psi, the private share of the benefit of own defence (1 - the publicness index); "
      "absent = the stage's psi", NULL, AP_PSI,
      ENT_F_AUTO | ENT_F_ALLY | ENT_F_PATRON },
    { "population", ENT_P_REAL, 0, 1e-3, 1e5, "million",
      "population; absent = none; when every agent has one, the exploitation statistic is "
      "also given holding GDP per head constant", NULL, AP_POPULATION, ENT_F_AUTO | ENT_F_ALLY | ENT_F_PATRON },
    { "demand", ENT_P_REAL, 0, 0.0, 1.0, "fraction of GDP",
      "the patron's demand of this ally; absent = the stage's demand", NULL, AP_DEMAND,
      ENT_F_AUTO | ENT_F_ALLY },
};

/* The threat as written is the one a calibrated weight is revealed at;
** --set and sweeps that change `threat` later leave it. */
static void agent_params_read(const ent_agent_spec *a, double *q)
{
    if (isnan(q[AP_CALIBRATION_THREAT]))
        q[AP_CALIBRATION_THREAT] = a->threat;
}

static const ent_column trace_cols[] = {
    { "contribution_share", "fraction of GDP", "defence spending as a share of GDP" },
    { "spending", "USD bn", "defence spending" },
    { "burden_share", "fraction", "share of the alliance's total defence spending" },
    { "demand", "fraction of GDP", "the patron's demand (NA for the patron)" },
    { "slack", "fraction of GDP", "demand minus contribution share; > 0 is a shortfall (NA for the patron)" },
    { "security_weight", "fraction", "alpha: weight on alliance security in the utility" },
    { "burden_payoff", "utility", "stage payoff (1-a) ln(Y-m) + a[(1-psi) ln S + psi ln m]" },
};
enum { T_SHARE, T_SPENDING, T_BURDEN, T_DEMAND, T_SLACK, T_ALPHA, T_PAYOFF, T_N };

static const ent_column agent_cols[] = {
    { "final_share", "fraction of GDP", "contribution share in the last round" },
    { "final_spending", "USD bn", "defence spending in the last round" },
    { "final_burden_share", "fraction", "share of alliance spending in the last round" },
    { "mean_share", "fraction of GDP", "contribution share averaged over rounds" },
    { "final_slack", "fraction of GDP", "demand minus share in the last round (NA for the patron)" },
    { "rounds_meeting_demand", "rounds", "rounds in which the share met the demand (NA for the patron)" },
};
enum { A_SHARE, A_SPENDING, A_BURDEN, A_MEAN, A_SLACK, A_MEET, A_N };

static const ent_column run_cols[] = {
    { "exploitation_rho", "rank correlation",
      "Spearman correlation of GDP and contribution share over all agents (O&Z exploitation statistic)" },
    { "exploitation_p", "probability",
      "one-sided p-value of exploitation_rho (H1: rho > 0; exact permutation up to eight agents, "
      "else t approximation with n - 2 df; NA below four allies)" },
    { "exploitation_partial_rho", "rank correlation",
      "partial Spearman correlation of GDP and share holding GDP per head constant "
      "(NA unless every agent gives population; NA below four allies)" },
    { "exploitation_partial_p", "probability",
      "one-sided p-value of exploitation_partial_rho (t approximation, n - 3 df)" },
    { "alliance_spending", "USD bn", "total defence spending in the last round" },
    { "mean_ally_share", "fraction of GDP", "mean contribution share of the allies in the last round" },
    { "allies_meeting_demand", "allies", "allies whose share meets the demand in the last round" },
    { "patron_burden_share", "fraction", "the patron's share of alliance spending in the last round" },
};
enum { R_RHO, R_P, R_PARTIAL, R_PARTIAL_P, R_TOTAL, R_MEAN, R_MEET, R_PATRON, R_N };

static inline ent_i_burden_agent *burden_agent(const ent_run *run, int stage, size_t i)
{
    return ent_i_run_agent_state(run, stage, i);
}

/* The patron's demand less the share: > 0 is a shortfall (NaN for the patron,
** whose demand is NaN). Every stage that moves a share keeps this true. */
static inline double slack(const ent_agent_state *a)
{
    return a->demand - a->share;
}

static void fill_view(const ent_run *run, int stage, size_t i, double share0, ent_burden_view *v)
{
    const ent_agent_state *a = &run->agent[i];
    const ent_i_burden_agent *b = burden_agent(run, stage, i);
    v->round = run->round;
    v->is_patron = i == 0;
    v->gdp = a->gdp;
    v->alpha = b->alpha;
    v->psi = b->psi;
    v->share = a->share;
    v->share0 = share0;
    v->spending_others = run->alliance_spending - a->spending;
    v->demand = a->demand;
    v->patron_act = a->patron_act;
}

/* Per-run workspace: what the round recomputes only when its inputs change.
** alpha depends on the threat alone (alpha0 and gamma are fixed for a run),
** and the utility's logarithms on spending that often stands still; a value
** is reused only when its inputs are equal, so the results are unchanged. */
typedef struct {
    double threat;          /* the threat the agent's alpha was last computed for (NaN: none) */
    double share0;          /* the agent's defence_share, for the views */
    const double *p;        /* the parameters of its strategy */
    int inline_kind;        /* INLINE_*: which strategy the stage plays in place of decide() */
    int observes;           /* its strategy learns from the payoff (has observe()) */
    size_t inline_end;      /* the first agent from it on not played inline (the strategies
                            ** are fixed for a run: no scan every round) */
    double rest[2], own[2]; /* memos of ln(Y - m) and ln m */
} burden_slot;

/* The stateless strategies whose share the stage computes itself, with the
** function their decide() calls (burden_sharing.h), rather than through a
** view filled in full for a call that reads two or three of its fields. */
enum { INLINE_NONE, INLINE_NASH, INLINE_COMPLY, INLINE_RECIPROCAL, INLINE_FIXED };

static int inline_kind_of(const ent_strategy_type *t)
{
    if (t == &ent_i_burden_nash) return INLINE_NASH;
    if (t == &ent_i_burden_comply) return INLINE_COMPLY;
    if (t == &ent_i_burden_reciprocal) return INLINE_RECIPROCAL;
    if (t == &ent_i_burden_fixed || t == &ent_i_burden_free_ride) return INLINE_FIXED;
    return INLINE_NONE;
}

/* An agent's weights as ent_burden_weights resolved them for the inputs in
** `in`, kept from run to run (the workspace outlives a run): the replicates
** of a sweep's point resolve the same weights from the same inputs, with two
** exponentials and a division each. */
typedef struct {
    double in[8];           /* gdp, spending, others' spending, alpha given, gamma, threat,
                            ** calibration threat, psi given */
    double alpha, psi, alpha0;
    int valid;
} weights_memo;

/* The exploitation statistics of the last run, kept with what they were
** computed from (GDP, shares and GDP per head, in the workspace's key): a
** run that ends with the same numbers (a deterministic scenario's
** replicates) takes them rather than ranking and sorting again. */
typedef struct {
    double total_memo[2];   /* the round's memo of ln S */
    int round_memo_ready;   /* the rounds' memos are set (to NaN at first) */
    size_t memo_rounds;     /* the rounds the memos and records are laid out for, set at
                            ** the workspace's first run (a later run may play fewer) */
    int all_inline;         /* every agent's strategy is played inline (rounds may replay) */
    int chain;              /* the stage plays alone: between its rounds nothing moves what they start from */
    double replay_gamma;    /* the threat sensitivity the replay records were made with */
    uint64_t stamps;        /* the replay records made so far (each record's stamp is its number) */
    uint64_t followed;      /* the stamp of the record this run's last round replayed or made; 0: none */
    int const_half;         /* which half of the constants' space holds this run's */
    int stat_valid, stat_per_head;
    double rho, p, partial, partial_p;
} burden_head;

/* Each agent's logarithms of ln(Y - m) and ln m in each round of the last
** run that reached it, kept from run to run: where an agent's spending moves
** every round its own memo (the slot's, of the round before) misses, but
** the replicates of a sweep's point mostly repeat the spending of a run
** before round for round, and a log is computed once for an argument. Kept
** for runs of up to ROUND_MEMO_CAP agent-rounds (with the replay records
** about 210 bytes an agent-round: under 4 MB a run object). */
#define ROUND_MEMO_CAP 16384u
typedef struct {
    double rest[2], own[2];  /* {argument, its log} of ln(Y - m) and of ln m */
} round_memo;

/* A round as an earlier run played it, when every agent played inline and
** no event was logged: such a round is a function of its agents' starting
** state (the in_ fields; the weight alpha is the one for the threat it was
** last computed for, in_alpha_threat, with the run's constants), the
** alliance total and the run's constants (replay_const), with no random
** draw, so a round that starts from the same bits ends with the same bits,
** and is replayed rather than played. Each
** round keeps the last REPLAY_WAYS distinct records: a sweep's replicates
** mostly follow one of a few paths (a patron of either type).
**
** When the stage plays alone, a round's starting state is what the stage
** left at the round before: two runs that replayed or made the same record
** of round t - 1 start round t from the same bits. A record then keeps the
** stamp of the record its run followed the round before (prev_stamp), and a
** run that followed that very record replays it without comparing the
** agents' inputs. Stamps are never reused, so a record overwritten since
** cannot be mistaken for it. */
#define REPLAY_WAYS 2
typedef struct {
    double in_share, in_spending, in_threat, in_demand, in_alpha_threat;
    int in_patron_act;
    int out_meets;
    double out_share, out_spending, out_alpha, out_alpha_threat, out_u;
} replay_agent;

typedef struct {
    int valid;
    int patron_cut;
    double total_in, total_out;
    uint64_t stamp, prev_stamp;
} replay_way;

typedef struct {
    replay_way way[REPLAY_WAYS];
    int last;               /* the way recorded or replayed last (the other is older) */
} replay_round;

/* The constants of a run the rounds read, per agent (strategy parameters:
** the inline strategies read at most three). No padding: a run's are
** compared with the last run's as bytes. */
typedef struct {
    double gdp, alpha0, psi, share0, p[3];
    int64_t kind;
} replay_const;
_Static_assert(sizeof(replay_const) == 8 * sizeof(double), "replay_const has no padding");

/* The rounds a run of the scenario as it stands keeps memos for (the
** workspace's size is worked out from it when the run object is made). */
static inline size_t memo_rounds_of(const ent_run *run)
{
    size_t rounds = run->scn->rounds > 0 ? (size_t)run->scn->rounds : 0;
    return rounds * run->n <= ROUND_MEMO_CAP ? rounds : 0;
}

/* The workspace: n slots, the head, then n doubles of GDP per head, n weight
** memos, the statistic's key (3 n doubles), the rounds' memos (rounds x n),
** the rounds' replay records (rounds, then rounds x ways x n agents' parts)
** and the run's constants (n, and n for the last run's). */
static size_t workspace_size(const ent_run *run, int stage)
{
    (void)stage;
    size_t n = run->n;
    return n * sizeof(burden_slot) + sizeof(burden_head) + n * sizeof(double) +
           n * sizeof(weights_memo) + 3 * n * sizeof(double) +
           memo_rounds_of(run) * (n * sizeof(round_memo) + sizeof(replay_round) +
                                     REPLAY_WAYS * n * sizeof(replay_agent)) +
           2 * n * sizeof(replay_const);
}

static burden_slot *ws_slots(const ent_run *run, int stage)
{
    return ent_i_run_stage_workspace(run, stage);
}

static burden_head *ws_head(const ent_run *run, int stage)
{
    return (burden_head *)(ws_slots(run, stage) + run->n);
}

/* The rounds the workspace's memos and records are laid out for: fixed at
** its first run, so that a later run with fewer rounds (the scenario's
** rounds changed after the run object was made) finds them where they are. */
static inline size_t round_memo_rounds(const ent_run *run, int stage)
{
    return ws_head(run, stage)->memo_rounds;
}

static double *ws_per_head(const ent_run *run, int stage)
{
    return (double *)(ws_head(run, stage) + 1);
}

static weights_memo *ws_weights(const ent_run *run, int stage)
{
    return (weights_memo *)(ws_per_head(run, stage) + run->n);
}

static double *ws_stat_key(const ent_run *run, int stage)
{
    return (double *)(ws_weights(run, stage) + run->n);
}

/* The agents' memos of round t (1-based), or NULL past the memo's rounds. */
static inline round_memo *ws_round_memo(const ent_run *run, int stage, int t)
{
    if (t < 1 || (size_t)t > round_memo_rounds(run, stage))
        return NULL;
    return (round_memo *)(void *)(ws_stat_key(run, stage) + 3 * run->n) + (size_t)(t - 1) * run->n;
}

/* Round t's replay record, or NULL past the memo's rounds. */
static inline replay_round *ws_replay_round(const ent_run *run, int stage, int t)
{
    if (t < 1 || (size_t)t > round_memo_rounds(run, stage))
        return NULL;
    round_memo *end = (round_memo *)(void *)(ws_stat_key(run, stage) + 3 * run->n) +
                      round_memo_rounds(run, stage) * run->n;
    return (replay_round *)(void *)end + (t - 1);
}

/* The agents' parts of way w of round t's record (t within the memo's rounds). */
static replay_agent *ws_replay_agents(const ent_run *run, int stage, int t, int w)
{
    replay_agent *first = (replay_agent *)(void *)(ws_replay_round(run, stage, 1) + round_memo_rounds(run, stage));
    return first + ((size_t)(t - 1) * REPLAY_WAYS + (size_t)w) * run->n;
}

/* The constants of this run (half = h->const_half) or of the last (the other half). */
static replay_const *ws_replay_const(const ent_run *run, int stage, int half)
{
    return (replay_const *)(void *)(ws_replay_agents(run, stage, 1, 0) +
                                    round_memo_rounds(run, stage) * REPLAY_WAYS * run->n) +
           (size_t)half * run->n;
}

/* At the workspace's first run: the layout's rounds fixed (the scenario's
** rounds then, at most those the workspace was made for); the rounds' memos
** holding nothing (its zeros would read as ln 0 = 0) and no replay record. */
static void round_memo_prepare(const ent_run *run, int stage)
{
    burden_head *h = ws_head(run, stage);
    if (h->round_memo_ready)
        return;
    h->memo_rounds = memo_rounds_of(run);
    size_t k = round_memo_rounds(run, stage) * run->n;
    round_memo *m = ws_round_memo(run, stage, 1);
    for (size_t j = 0; j < k; j++)
        m[j] = (round_memo){ { NAN, NAN }, { NAN, NAN } };
    for (size_t t = 1; t <= h->memo_rounds; t++) {
        replay_round *rr = ws_replay_round(run, stage, (int)t);
        for (int w = 0; w < REPLAY_WAYS; w++)
            rr->way[w].valid = 0;
        rr->last = 0;
    }
    h->round_memo_ready = 1;
}

static inline int same_bits(double x, double y)
{
    uint64_t u, v;
    memcpy(&u, &x, sizeof u);
    memcpy(&v, &y, sizeof v);
    return u == v;
}

/* Whether this run's constants are, bit for bit, those the rounds' replay
** records were made with; if not, the records are dropped and the constants
** kept for the next run. */
static void replay_check_constants(const ent_run *run, int stage, const burden_slot *sl)
{
    size_t rounds = round_memo_rounds(run, stage);
    if (!rounds)
        return;
    burden_head *h = ws_head(run, stage);
    h->const_half ^= 1;
    replay_const *now = ws_replay_const(run, stage, h->const_half);
    for (size_t i = 0; i < run->n; i++) {
        const ent_strategy_choice *c = &run->scn->agents[i].strategy[stage];
        const ent_i_burden_agent *b = burden_agent(run, stage, i);
        now[i] = (replay_const){ run->agent[i].gdp, b->alpha0, b->psi, sl[i].share0, { 0.0, 0.0, 0.0 },
                                 sl[i].inline_kind };
        for (size_t j = 0; j < c->type->n_params && j < 3; j++)
            now[i].p[j] = c->p[j];
    }
    double gamma = run->scn->stages[stage].p[P_GAMMA];
    int same = same_bits(h->replay_gamma, gamma) &&
               !memcmp(now, ws_replay_const(run, stage, h->const_half ^ 1), run->n * sizeof *now);
    h->replay_gamma = gamma;
    if (!same)
        for (size_t t = 1; t <= rounds; t++)
            for (int w = 0; w < REPLAY_WAYS; w++)
                ws_replay_round(run, stage, (int)t)->way[w].valid = 0;
}

/* Events are only kept when the run logs them (not in sweeps): skip the call. */
static inline void event(ent_run *run, int stage, ent_event_kind kind, int actor, int target,
                         double value)
{
    if (run->events)
        ent_i_run_event(run, stage, kind, actor, target, value);
}

/* Each slot's inline_end: the first agent after it not played inline (n: none). */
static void mark_inline_runs(burden_slot *sl, size_t n)
{
    size_t end = n;
    for (size_t i = n; i-- > 0;) {
        if (!sl[i].inline_kind)
            end = i;
        sl[i].inline_end = end;
    }
}

static void reset(ent_run *run, int stage)
{
    const double *p = run->scn->stages[stage].p;
    /* alliance total at round 0, for calibrating unspecified weights */
    double total = 0.0;
    for (size_t i = 0; i < run->n; i++)
        total += run->agent[i].spending;
    run->alliance_spending = total;
    int base = ent_agent_param_base(&ent_stage_burden_sharing);
    weights_memo *memo = ws_weights(run, stage);
    for (size_t i = 0; i < run->n; i++) {
        const double *q = &run->scn->agents[i].p[base];
        ent_agent_state *a = &run->agent[i];
        ent_i_burden_agent *b = burden_agent(run, stage, i);
        b->psi = isnan(q[AP_PSI]) ? p[P_PSI] : q[AP_PSI];
        a->demand = i == 0 ? NAN : (isnan(q[AP_DEMAND]) ? p[P_DEMAND] : q[AP_DEMAND]);
        /* revealed preference where alpha is absent: the initial share is a
        ** best response at the threat it was observed at (burden.h) */
        weights_memo *wm = &memo[i];
        const double in[8] = { a->gdp, a->spending, total - a->spending, q[AP_ALPHA], p[P_GAMMA],
                               a->threat, q[AP_CALIBRATION_THREAT], b->psi };
        if (!wm->valid || memcmp(wm->in, in, sizeof in)) {
            memcpy(wm->in, in, sizeof in);
            wm->psi = b->psi;
            wm->alpha = ent_burden_weights(a->gdp, a->spending, total - a->spending, q[AP_ALPHA],
                                           p[P_GAMMA], a->threat, q[AP_CALIBRATION_THREAT],
                                           &wm->psi, &wm->alpha0);
            wm->valid = 1;
        }
        b->alpha = wm->alpha;
        b->psi = wm->psi;
        b->alpha0 = wm->alpha0;
    }
    burden_slot *sl = ws_slots(run, stage);
    for (size_t i = 0; i < run->n; i++) {
        /* b->alpha is ent_burden_alpha(alpha0, gamma, threat) as the rounds
        ** compute it (ent_burden_weights returns that very value): it holds
        ** until another stage moves the threat */
        const ent_strategy_choice *c = &run->scn->agents[i].strategy[stage];
        sl[i] = (burden_slot){ run->agent[i].threat, run->scn->agents[i].defence_share, c->p,
                               inline_kind_of(c->type), c->type->observe != NULL, 0,
                               { NAN, NAN }, { NAN, NAN } };
    }
    mark_inline_runs(sl, run->n);
    burden_head *h = ws_head(run, stage);
    h->total_memo[0] = h->total_memo[1] = NAN;
    h->all_inline = sl[0].inline_kind && sl[0].inline_end == run->n;
    h->chain = run->scn->n_stages == 1;
    h->followed = 0;
    round_memo_prepare(run, stage);
    replay_check_constants(run, stage, sl);
    for (size_t i = 0; i < run->n; i++) {
        const ent_strategy_choice *c = &run->scn->agents[i].strategy[stage];
        if (c->type->reset) {
            ent_burden_view v;
            fill_view(run, stage, i, sl[i].share0, &v);
            c->type->reset(c->p, ent_i_run_strategy_state(run, stage, i), &v);
        }
    }
}

/* The weight on security for this round: the threat may have moved in an
** earlier stage (alpha depends on it alone, and only this stores it). */
static inline void move_alpha(const ent_agent_state *a, ent_i_burden_agent *b, burden_slot *sl,
                              double gamma)
{
    if (!(a->threat == sl->threat)) {
        sl->threat = a->threat;
        b->alpha = ent_burden_alpha(b->alpha0, gamma, a->threat);
    }
}

/* Set the agent's share (clamped into [0, 1]) and spending; returns the
** alliance total moved by the change. */
static inline double contribute(ent_agent_state *a, double share, double total)
{
    if (!(share >= 0.0)) share = 0.0;   /* also catches NaN */
    if (share > 1.0) share = 1.0;
    double spending = share * a->gdp;
    total += spending - a->spending;
    a->share = share;
    a->spending = spending;
    return total;
}

/* The share nash_decide would choose (it has no state): the best response
** to the others' spending with the running total `total`. */
static inline double nash_choice(const ent_agent_state *a, const ent_i_burden_agent *b, const double *p,
                                 double total)
{
    double m = ent_i_burden_best_response(a->gdp, b->alpha, b->psi, total - a->spending);
    return ent_i_burden_nash_share(p, m, a->gdp, a->share);
}

/* The share the decide() of a strategy the stage plays inline would choose,
** from the same inputs its view would carry (the agent's share, demand and
** the patron's last act, the round, the initial share). Always inlined: a
** call per agent and round would cost as much as the choice. */
static inline __attribute__((always_inline)) double
inline_choice(const ent_run *run, const ent_agent_state *a, const ent_i_burden_agent *b, const burden_slot *sl,
              double total)
{
    switch (sl->inline_kind) {
    case INLINE_NASH:
        return nash_choice(a, b, sl->p, total);
    case INLINE_COMPLY:
        return ent_i_burden_comply_share(sl->p, a->demand, a->share);
    case INLINE_RECIPROCAL:
        return ent_i_burden_reciprocal_share(sl->p, run->round, a->patron_act, a->share);
    default:
        return ent_i_burden_fixed_share(sl->p, sl->share0);
    }
}

/* Agents [i, end), whose strategies the stage plays inline, in turn, with no
** events to log: in a loop of its own so that the running total stays in a
** register. */
static double play_inline(ent_run *run, ent_i_agent_states bs, burden_slot *sl, double gamma, size_t i,
                          size_t end, double total)
{
    for (; i < end; i++) {
        ent_agent_state *a = &run->agent[i];
        ent_i_burden_agent *b = ent_i_agent_at(bs, i);
        move_alpha(a, b, &sl[i], gamma);
        total = contribute(a, inline_choice(run, a, b, &sl[i], total), total);
    }
    return total;
}

/* Whether the round starts from the bits the round of record (ra, rw) started from. */
static int replay_matches(const ent_run *run, const burden_slot *sl, const replay_agent *ra,
                          const replay_way *rw)
{
    if (!rw->valid || !same_bits(rw->total_in, run->alliance_spending))
        return 0;
    for (size_t i = 0; i < run->n; i++) {
        const ent_agent_state *a = &run->agent[i];
        if (!(same_bits(a->share, ra[i].in_share) && same_bits(a->spending, ra[i].in_spending) &&
              same_bits(a->threat, ra[i].in_threat) && same_bits(a->demand, ra[i].in_demand) &&
              same_bits(sl[i].threat, ra[i].in_alpha_threat) && a->patron_act == ra[i].in_patron_act))
            return 0;
    }
    return 1;
}

/* The round as the record left it: each agent's share, spending and weight,
** and what the round adds to its payoff and running figures. The patron's
** act goes to every agent and is taken back from the patron (itself), so
** that the loop has no branch: a replayed round costs a few moves an agent. */
static void replay(ent_run *run, ent_i_agent_states bs, burden_slot *sl, const replay_agent *ra,
                   const replay_way *rw)
{
    int act = rw->patron_cut ? ENT_ACT_CUT : ENT_ACT_KEPT, patron_act_now = run->agent[0].patron_act_now;
    for (size_t i = 0; i < run->n; i++) {
        ent_agent_state *a = &run->agent[i];
        ent_i_burden_agent *b = ent_i_agent_at(bs, i);
        const replay_agent *r = &ra[i];
        a->share = r->out_share;
        a->spending = r->out_spending;
        b->alpha = r->out_alpha;
        sl[i].threat = r->out_alpha_threat;
        a->payoff += r->out_u;
        b->share_sum += r->out_share;
        b->rounds_meeting += r->out_meets;  /* the patron's is 0 */
        ent_i_agent_patron_act(a, (ent_patron_act)act);
    }
    run->agent[0].patron_act_now = patron_act_now;
    run->alliance_spending = rw->total_out;
}

/* Replay round t from one of its records if one matches (the latest first);
** returns whether it did. A record made right after the one this run
** followed matches without comparing (see prev_stamp). */
static int replay_if_recorded(ent_run *run, int stage, ent_i_agent_states bs, burden_slot *sl,
                              replay_round *rr, int t)
{
    burden_head *h = ws_head(run, stage);
    for (int k = 0; k < REPLAY_WAYS; k++) {
        int w = (rr->last + k) % REPLAY_WAYS;
        const replay_agent *ra = ws_replay_agents(run, stage, t, w);
        const replay_way *rw = &rr->way[w];
        int linked = h->chain && h->followed && rw->valid && rw->prev_stamp == h->followed;
        if (linked || replay_matches(run, sl, ra, rw)) {
            replay(run, bs, sl, ra, rw);
            rr->last = w;
            h->followed = rw->stamp;
            return 1;
        }
    }
    return 0;
}

/* What each agent starts the round from, into the record. */
static void record_inputs(const ent_run *run, const burden_slot *sl, replay_agent *ra, replay_way *rw)
{
    rw->valid = 0;
    rw->total_in = run->alliance_spending;
    for (size_t i = 0; i < run->n; i++) {
        const ent_agent_state *a = &run->agent[i];
        ra[i].in_share = a->share;
        ra[i].in_spending = a->spending;
        ra[i].in_threat = a->threat;
        ra[i].in_demand = a->demand;
        ra[i].in_alpha_threat = sl[i].threat;
        ra[i].in_patron_act = a->patron_act;
        ra[i].out_meets = 0;    /* the patron's stays 0: it meets no demand */
    }
}

/* What the round left each agent with (its payoff and meeting the demand
** were noted as the round computed them), into the record. */
static void record_outputs(const ent_run *run, ent_i_agent_states bs, const burden_slot *sl, replay_agent *ra,
                           replay_way *rw, int patron_cut)
{
    for (size_t i = 0; i < run->n; i++) {
        const ent_agent_state *a = &run->agent[i];
        ra[i].out_share = a->share;
        ra[i].out_spending = a->spending;
        ra[i].out_alpha = ((const ent_i_burden_agent *)ent_i_agent_at(bs, i))->alpha;
        ra[i].out_alpha_threat = sl[i].threat;
    }
    rw->total_out = run->alliance_spending;
    rw->patron_cut = patron_cut;
    rw->valid = 1;
}

static void play(ent_run *run, int stage, gsl_rng *r)
{
    const double *p = run->scn->stages[stage].p;
    burden_slot *sl = ws_slots(run, stage);
    burden_head *h = ws_head(run, stage);
    double *total_memo = h->total_memo;
    ent_i_agent_states bs = ent_i_run_agent_states(run, stage);
    round_memo *rm = ws_round_memo(run, stage, run->round);
    /* a round replays or is recorded only when it draws nothing, keeps no
    ** strategy state and logs no event: every agent plays inline */
    replay_round *rr = rm && h->all_inline && !run->events ? ws_replay_round(run, stage, run->round) : NULL;
    replay_agent *ra = NULL;    /* the record this round is written to, if any */
    replay_way *rw = NULL;
    if (rr) {
        if (replay_if_recorded(run, stage, bs, sl, rr, run->round))
            return;
        /* the older record gives way */
        rr->last = (rr->last + 1) % REPLAY_WAYS;
        rw = &rr->way[rr->last];
        ra = ws_replay_agents(run, stage, run->round, rr->last);
        record_inputs(run, sl, ra, rw);
        rw->prev_stamp = h->followed;
        rw->stamp = h->followed = ++h->stamps;
    } else {
        h->followed = 0;
    }
    double patron_share_before = run->agent[0].share;
    if (run->events)
        for (size_t i = 1; i < run->n; i++)
            ent_i_run_event(run, stage, ENT_EV_DEMAND, 0, (int)i, run->agent[i].demand);
    /* the running total stays in a local while the inline strategies play,
    ** and goes back to the run before any other strategy's view reads it */
    double total = run->alliance_spending;
    for (size_t i = 0; i < run->n;) {
        if (sl[i].inline_kind && !run->events) {
            size_t end = sl[i].inline_end;
            total = play_inline(run, bs, sl, p[P_GAMMA], i, end, total);
            i = end;
            continue;
        }
        ent_agent_state *a = &run->agent[i];
        ent_i_burden_agent *b = ent_i_agent_at(bs, i);
        move_alpha(a, b, &sl[i], p[P_GAMMA]);
        double share;
        if (sl[i].inline_kind) {
            share = inline_choice(run, a, b, &sl[i], total);
        } else {
            const ent_strategy_choice *c = &run->scn->agents[i].strategy[stage];
            run->alliance_spending = total;
            ent_burden_view v;
            fill_view(run, stage, i, sl[i].share0, &v);
            ent_burden_decision d = { a->share };
            c->type->decide(c->p, ent_i_run_strategy_state(run, stage, i), &v, &d, r);
            share = d.share;
        }
        total = contribute(a, share, total);
        event(run, stage, ENT_EV_CONTRIBUTE, (int)i, -1, a->share);
        i++;
    }
    /* recompute the total in agent order so that it never drifts */
    total = 0.0;
    for (size_t i = 0; i < run->n; i++)
        total += run->agent[i].spending;
    run->alliance_spending = total;
    int patron_cut = run->agent[0].share < patron_share_before;
    for (size_t i = 0; i < run->n; i++) {
        ent_agent_state *a = &run->agent[i];
        ent_i_burden_agent *b = ent_i_agent_at(bs, i);
        double u = ent_i_burden_utility(a->gdp, b->alpha, b->psi, a->spending, total - a->spending,
                                        sl[i].rest, total_memo, sl[i].own, rm ? rm[i].rest : NULL,
                                        rm ? rm[i].own : NULL);
        a->payoff += u;
        b->share_sum += a->share;
        if (ra)
            ra[i].out_u = u;
        if (i > 0) {
            int meets = a->share >= a->demand - 1e-12;
            b->rounds_meeting += meets;
            if (ra)
                ra[i].out_meets = meets;
            event(run, stage, meets ? ENT_EV_MEET : ENT_EV_SHORTFALL, (int)i, 0, slack(a));
            ent_i_run_patron_act(run, i, patron_cut ? ENT_ACT_CUT : ENT_ACT_KEPT);
        }
        if (sl[i].observes) {
            const ent_strategy_choice *c = &run->scn->agents[i].strategy[stage];
            ent_burden_view v;
            fill_view(run, stage, i, sl[i].share0, &v);
            c->type->observe(c->p, ent_i_run_strategy_state(run, stage, i), &v, u);
        }
    }
    if (ra)
        record_outputs(run, bs, sl, ra, rw, patron_cut);
}

static void record(const ent_run *run, int stage, size_t i, double *out)
{
    const ent_agent_state *a = &run->agent[i];
    const ent_i_burden_agent *b = burden_agent(run, stage, i);
    double total = run->alliance_spending;
    out[T_SHARE] = a->share;
    out[T_SPENDING] = a->spending;
    out[T_BURDEN] = total > 0.0 ? a->spending / total : NAN;
    out[T_DEMAND] = a->demand;
    out[T_SLACK] = slack(a);
    out[T_ALPHA] = b->alpha;
    out[T_PAYOFF] = ent_burden_utility(a->gdp, b->alpha, b->psi, a->spending, total - a->spending);
}

/* The exploitation statistics into run_out, from the memo when GDP, shares
** and GDP per head (or its absence) are, bit for bit, the last run's. */
static void exploitation(const ent_run *run, int stage, const double *gdp, const double *share,
                         const double *per_head, double *work, double *run_out)
{
    size_t n = run->n;
    burden_head *h = ws_head(run, stage);
    double *key = ws_stat_key(run, stage);
    int ph = per_head != NULL;
    if (!(h->stat_valid && h->stat_per_head == ph && !memcmp(key, gdp, n * sizeof *key) &&
          !memcmp(key + n, share, n * sizeof *key) &&
          (!ph || !memcmp(key + 2 * n, per_head, n * sizeof *key)))) {
        h->rho = ent_exploitation(n, gdp, share, per_head, work, &h->p, &h->partial, &h->partial_p);
        memcpy(key, gdp, n * sizeof *key);
        memcpy(key + n, share, n * sizeof *key);
        if (ph)
            memcpy(key + 2 * n, per_head, n * sizeof *key);
        h->stat_per_head = ph;
        h->stat_valid = 1;
    }
    run_out[R_RHO] = h->rho;
    run_out[R_P] = h->p;
    run_out[R_PARTIAL] = h->partial;
    run_out[R_PARTIAL_P] = h->partial_p;
}

static void summarise(const ent_run *run, int stage, double *agent_out, double *run_out)
{
    size_t n = run->n, stride = run->n_agent_out;
    double total = run->alliance_spending;
    double *gdp = run->scratch, *share = run->scratch + n, *work = run->scratch + 2 * n;
    double ally_sum = 0.0;
    int meeting = 0;
    /* GDP per head, when every agent gives its population */
    double *per_head = ws_per_head(run, stage);
    int base = ent_agent_param_base(&ent_stage_burden_sharing);
    for (size_t i = 0; i < n && per_head; i++) {
        double pop = run->scn->agents[i].p[base + AP_POPULATION];
        if (isnan(pop) || !(pop > 0.0))
            per_head = NULL;
        else
            per_head[i] = run->agent[i].gdp / pop;
    }
    for (size_t i = 0; i < n; i++) {
        const ent_agent_state *a = &run->agent[i];
        const ent_i_burden_agent *b = burden_agent(run, stage, i);
        double *o = agent_out + i * stride;
        o[A_SHARE] = a->share;
        o[A_SPENDING] = a->spending;
        o[A_BURDEN] = total > 0.0 ? a->spending / total : NAN;
        o[A_MEAN] = run->rounds_played > 0 ? b->share_sum / run->rounds_played : a->share;
        o[A_SLACK] = slack(a);
        o[A_MEET] = i == 0 ? NAN : (double)b->rounds_meeting;
        gdp[i] = a->gdp;
        share[i] = a->share;
        if (i > 0) {
            ally_sum += a->share;
            meeting += a->share >= a->demand - 1e-12;
        }
    }
    exploitation(run, stage, gdp, share, per_head, work, run_out);
    run_out[R_TOTAL] = total;
    run_out[R_MEAN] = n > 1 ? ally_sum / (double)(n - 1) : NAN;
    run_out[R_MEET] = meeting;
    run_out[R_PATRON] = total > 0.0 ? run->agent[0].spending / total : NAN;
}

/* Set before any stage's reset: no weights resolved yet. */
static void agent_reset(const ent_run *run, int stage, size_t i, void *state)
{
    (void)run; (void)stage; (void)i;
    ent_i_burden_agent *b = state;
    b->alpha = b->alpha0 = NAN;
}

/* An agent's weights and running figures by name (ent_run_agent_value). */
static int agent_value(const ent_run *run, int stage, size_t i, const char *name, double *out)
{
    const ent_i_burden_agent *b = burden_agent(run, stage, i);
    if (!strcmp(name, "alpha")) *out = b->alpha;
    else if (!strcmp(name, "alpha0")) *out = b->alpha0;
    else if (!strcmp(name, "psi")) *out = b->psi;
    else if (!strcmp(name, "slack")) *out = slack(&run->agent[i]);
    else if (!strcmp(name, "share_sum")) *out = b->share_sum;
    else if (!strcmp(name, "rounds_meeting")) *out = b->rounds_meeting;
    else return 0;
    return 1;
}

const ent_stage_type ent_stage_burden_sharing = {
    .name = "burden_sharing",
    .doc = "Olson-Zeckhauser public-good contributions with Sandler's joint product; "
           "the patron's demand and the resulting slack",
    .params = params, .n_params = P_N,
    .default_ally_strategy = "nash",
    .default_patron_strategy = "fixed",
    .strategies = ent_burden_strategies,
    .trace = trace_cols, .n_trace = T_N,
    .agent_outcomes = agent_cols, .n_agent_outcomes = A_N,
    .run_outcomes = run_cols, .n_run_outcomes = R_N,
    .workspace_size = workspace_size,
    .reset = reset, .play = play, .record = record, .summarise = summarise,
    .agent_size = sizeof(ent_i_burden_agent), .agent_reset = agent_reset,
    .agent_value = agent_value,
    .agent_params = agent_params, .n_agent_params = AP_N,
    .agent_params_read = agent_params_read,
};

double ent_burden_scenario_nash(const ent_scenario *s, double *Y, double *alpha, double *psi, double *m)
{
    if (ent_scenario_stage_index(s, ent_stage_burden_sharing.name) < 0)
        return NAN;
    ent_run *run = ent_run_alloc(s, 0);
    if (!run)
        return NAN;
    /* the stage's reset resolves the weights: one place states them */
    ent_run_begin(run, s->seed, 0, 0);
    int st = ent_i_run_stage_of(run, &ent_stage_burden_sharing);
    for (size_t i = 0; i < run->n; i++) {
        Y[i] = run->agent[i].gdp;
        alpha[i] = burden_agent(run, st, i)->alpha;
        psi[i] = burden_agent(run, st, i)->psi;
    }
    ent_run_free(run);
    return ent_burden_nash(s->n_agents, Y, alpha, psi, m);
}
