/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** stage_exit.c: exit leverage with issue linkage (Fearon 1994, 1995; Schelling
** 1966). Each round the patron may make a demand of each ally short of its
** target, with or without a threat (drawdown, tariff, tech controls, linked);
** the ally complies, concedes part or defies; unmet threats are carried out or
** withdrawn. The patron's type is private and drawn once per run.
*/
#include <math.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include "entente/exit.h"
#include "entente/run.h"
#include "entente/signalling.h"
#include "sim/run_int.h"
#include "stages/stages_int.h"
#include "stages/bargaining/bargaining.h"
#include "stages/burden_sharing/burden_sharing.h"
#include "stages/exit_leverage/exit_leverage.h"
#include "stages/hedging/hedging.h"
#include "stages/ratification/ratification.h"

enum { P_DRAW, P_TARIFF, P_TECH, P_TARIFF_SELF, P_TECH_SELF, P_PAYMENT, P_NOISE, P_LOCKIN, P_TREMBLE,
       P_N };

static const ent_param_desc params[] = {
    { "drawdown_harm", ENT_P_REAL, 0.02, 0.0, 1.0, "fraction of GDP",
      "harm of a drawdown to an ally of dependence 1, per round", NULL, P_DRAW, 0 },
    { "tariff_rate", ENT_P_REAL, 0.25, 0.0, 5.0, "fraction",
      "tariff threatened on the ally's exports to the patron; harm = rate x exports", NULL, P_TARIFF, 0 },
    { "tech_rate", ENT_P_REAL, 0.5, 0.0, 1.0, "fraction",
      "share of the ally's exposed sector lost to technology controls; harm = rate x exposure", NULL,
      P_TECH, 0 },
    { "tariff_self_cost", ENT_P_REAL, 0.5, 0.0, 5.0, "fraction",
      "share of a tariff's harm the patron bears itself (its consumers and firms)", NULL,
      P_TARIFF_SELF, 0 },
    { "tech_self_cost", ENT_P_REAL, 0.3, 0.0, 5.0, "fraction",
      "share of the controls' harm the patron bears itself (lost sales, supply)", NULL, P_TECH_SELF, 0 },
    { "payment_share", ENT_P_REAL, 0.0, 0.0, 1.0, "fraction",
      "share of a concession paid to the patron each round (host-nation support); all of it is "
      "defence spending of the ally", NULL, P_PAYMENT, 0 },
    { "cost_noise", ENT_P_REAL, 0.0, 0.0, 3.0, "sd of log",
      "each round the patron's exit costs toward an ally are scaled by a mean-one lognormal draw",
      NULL, P_NOISE, 0 },
    { "lock_in", ENT_P_REAL, 0.0, 0.0, 100.0, "per unit binding",
      "soft lock-in: an ally's binding b raises the patron's drawdown cost to stake x (1 + lock_in x b)",
      NULL, P_LOCKIN, 0 },
    { "tremble", ENT_P_REAL, 0.0, 0.0, 0.5, "probability",
      "epsilon: each threat and execution decision of the patron is replaced by a fair coin with "
      "this chance (Selten's trembling hand); allies' likelihoods include it", NULL, P_TREMBLE, 0 },
};

/* Its agent parameters (keys of the allies' and the patron's entries; see
** engine/docs/exit_leverage.md); hedging and security_dilemma read some of
** them by name, bargaining the patron's audience cost. */
enum { AP_DEPENDENCE, AP_TRADE, AP_TECH, AP_STAKE, AP_AUTONOMY, AP_TRANSACTIONAL, AP_AUDIENCE,
       AP_TRANSACTIONAL_PROB, AP_N };
static const ent_param_desc agent_params[] = {
    { "dependence", ENT_P_REAL, 0.5, 0.0, 1.0, "fraction",
      "security dependence s on the patron's guarantee; scales the harm of a drawdown", NULL,
      AP_DEPENDENCE, ENT_F_ALLY },
    { "trade_exposure", ENT_P_REAL, 0.05, 0.0, 1.0, "fraction of GDP",
      "exports to the patron / GDP; scales the harm of a tariff", NULL, AP_TRADE, ENT_F_ALLY },
    { "tech_exposure", ENT_P_REAL, 0.0, 0.0, 1.0, "fraction of GDP",
      "output exposed to the patron's technology controls / GDP (e.g. memory chips)", NULL,
      AP_TECH, ENT_F_ALLY },
    { "stake", ENT_P_REAL, 0.01, 0.0, 1.0, "fraction of the ally's GDP",
      "the patron's stake in the ally (bases, technology, markets), lost each round of a drawdown",
      NULL, AP_STAKE, ENT_F_ALLY },
    { "autonomy", ENT_P_REAL, 0.2, 0.0, 10.0, "per USD conceded",
      "autonomy weight sigma: sovereignty cost of each dollar conceded under a demand", NULL,
      AP_AUTONOMY, ENT_F_ALLY },
    { "transactional", ENT_P_REAL, 0.5, 0.0, 1.0, "fraction",
      "transactional intensity tau: share of its stake a transactional type ignores when drawing down",
      NULL, AP_TRANSACTIONAL, ENT_F_PATRON },
    { "audience_cost", ENT_P_REAL, 5.0, 0.0, 1e6, "USD bn",
      "cost of backing down from a threat (Fearon 1994)", NULL, AP_AUDIENCE, ENT_F_PATRON },
    { "transactional_prob", ENT_P_REAL, 0.5, 0.0, 1.0, "probability",
      "prior of its private type: transactional with this probability, drawn once per run", NULL,
      AP_TRANSACTIONAL_PROB, ENT_F_PATRON },
};

static const ent_column trace_cols[] = {
    { "threat_made", "0/1", "a threat was made (patron row: number of allies threatened)" },
    { "instrument", "code", "instruments threatened: 1 drawdown, 2 tariff, 4 tech controls, summed "
      "for a linked threat; 0 none (NA for the patron)" },
    { "exit_demand", "USD bn", "concession demanded this round, 0 none (patron row: total)" },
    { "response", "code", "0 comply, 1 partial, 2 defy; NA without a demand (NA for the patron)" },
    { "enforcement", "code", "0 nothing to enforce, 1 threat carried out, 2 backed down (NA for the patron)" },
    { "concession", "USD bn", "concession made this round after bargaining and ratification (patron row: total)" },
    { "harm", "USD bn", "harm suffered from threats carried out this round (NA for the patron)" },
    { "patron_cost", "USD bn", "exit and audience costs the patron paid over this ally (patron row: total)" },
};
enum { T_THREAT, T_INSTR, T_DEMAND, T_RESP, T_ENF, T_CONC, T_HARM, T_PCOST, T_N };

static const ent_column agent_cols[] = {
    { "threats", "count", "threats received (patron row: made)" },
    { "executions", "count", "threats carried out against it (patron row: in total)" },
    { "called_bluffs", "count", "threats it left unmet that the patron withdrew (patron row: in total)" },
    { "deals", "count", "rounds in which it met the patron's demand or bargain (patron row: in total)" },
    { "concessions", "USD bn", "sum of concessions made (patron row: received)" },
    { "harm_total", "USD bn", "sum of harm suffered (NA for the patron)" },
};
enum { A_THREATS, A_EXEC, A_BLUFF, A_DEALS, A_CONC, A_HARM, A_N };

static const ent_column run_cols[] = {
    { "total_threats", "count", "threats made over the run" },
    { "total_executions", "count", "threats carried out" },
    { "total_called_bluffs", "count", "threats left unmet and withdrawn (bluffs called)" },
    { "total_deals", "count", "deals struck (demand or bargain met, after ratification)" },
    { "time_to_first_deal", "rounds", "round of the first deal; NA if none" },
    { "patron_type", "code", "the patron's private type this run: 0 committed, 1 transactional" },
};
enum { R_THREATS, R_EXEC, R_BLUFF, R_DEALS, R_FIRST, R_TYPE, R_N };

static void instruments(const double *p, ent_exit_instruments *k)
{
    k->drawdown_harm = p[P_DRAW];
    k->tariff_rate = p[P_TARIFF];
    k->tech_rate = p[P_TECH];
    k->tariff_self_cost = p[P_TARIFF_SELF];
    k->tech_self_cost = p[P_TECH_SELF];
    k->lock_in = p[P_LOCKIN];
}

double ent_exit_harm(const ent_exit_instruments *k, unsigned instr, double gdp,
                     double dependence, double trade_exposure, double tech_exposure,
                     double binding)
{
    double shield = 1.0 - (binding > 1.0 ? 1.0 : binding < 0.0 ? 0.0 : binding);
    double h = 0.0;
    if (instr & ENT_INSTR_DRAWDOWN)
        h += k->drawdown_harm * dependence * gdp;
    if (instr & ENT_INSTR_TARIFF)
        h += k->tariff_rate * trade_exposure * gdp * shield;
    if (instr & ENT_INSTR_TECH)
        h += k->tech_rate * tech_exposure * gdp * shield;
    return h;
}

double ent_exit_cost(const ent_exit_instruments *k, unsigned instr, int type, double tau,
                     double gdp, double stake, double dependence, double trade_exposure,
                     double tech_exposure, double binding)
{
    double c = 0.0;
    if (instr & ENT_INSTR_DRAWDOWN)
        c += stake * gdp * (type == ENT_TYPE_TRANSACTIONAL ? 1.0 - tau : 1.0);
    if (instr & ENT_INSTR_TARIFF)
        c += k->tariff_self_cost *
             ent_exit_harm(k, ENT_INSTR_TARIFF, gdp, dependence, trade_exposure, tech_exposure, binding);
    if (instr & ENT_INSTR_TECH)
        c += k->tech_self_cost *
             ent_exit_harm(k, ENT_INSTR_TECH, gdp, dependence, trade_exposure, tech_exposure, binding);
    return c;
}

/* ---- shared helpers of the three stages ----------------------------------- */

/* Pipeline index of a stage type, found by its (unique, static) type table:
** a pointer scan, cheaper than comparing names every round. */
static inline int stage_of(const ent_scenario *s, const ent_stage_type *t)
{
    for (size_t i = 0; i < s->n_stages; i++)
        if (s->stages[i].type == t)
            return (int)i;
    return -1;
}

/* Ally i's record (the stage's per-agent state). */
static inline ent_i_exit_agent *exit_agent(const ent_run *run, size_t i)
{
    return ent_i_run_agent_state(run, ent_i_run_stage_of(run, &ent_stage_exit_leverage), i);
}

ent_i_exit_agent *ent_i_exit_agent_of(const ent_run *run, size_t i)
{
    int st = ent_i_run_stage_of(run, &ent_stage_exit_leverage);
    return st < 0 ? NULL : ent_i_run_agent_state(run, st, i);
}

ent_i_exit_slot *ent_i_exit_slots(const ent_run *run)
{
    int st = ent_i_run_stage_of(run, &ent_stage_exit_leverage);
    return st < 0 ? NULL : ent_i_run_stage_workspace(run, st);
}

int ent_i_exit_closing_stage(const ent_run *run)
{
    const ent_scenario *s = run->scn;
    int ex = stage_of(s, &ent_stage_exit_leverage);
    if (ex < 0)
        return -1;
    int last = ex;
    int b = stage_of(s, &ent_stage_bargaining);
    int r = stage_of(s, &ent_stage_ratification);
    if (b > last) last = b;
    if (r > last) last = r;
    return last;
}

/* Per-run constants, kept in the workspace after the n slots (whose layout
** bargaining and ratification share): the instrument parameters, the
** pipeline facts the round needs, and per ally the parts of the harm and cost
** formulas that do not move during a run (GDP and the exposures are fixed;
** only binding does, and it is applied each time). Every product is formed in
** the order ent_exit_harm and ent_exit_cost use, so the figures are the same
** to the last bit. */
typedef struct {
    ent_exit_instruments k;
    double tau_factor[2];   /* drawdown cost factor of each type: 1 (committed), 1 - tau */
    double audience_cost;   /* the patron's */
    double tremble;         /* the patron's tremble */
    int patron_type;        /* ENT_TYPE_*, drawn at the start of each run (private) */
    int closing;            /* ent_i_exit_closing_stage */
    int burden;             /* burden_sharing is in the pipeline */
    int base;               /* the first slot of its agent parameters (ent_agent_spec.p) */
    /* pipeline indices, found once per run rather than per ally and round:
    ** its own, hedging's and ratification's (-1: absent) */
    int stage, hedging, ratification;
    /* the patron's strategy as its behaviour function knows it (a stand-in
    ** resolved: ent_strategy_resolve) */
    const ent_strategy_type *patron_rule;
    /* the patron plays such a strategy itself (no stand-in):
    ** ent_i_exit_stateless_rule */
    int stateless;
    /* patron_rule is a stateless rule, whose behaviour toward each type is
    ** called directly (ent_i_exit_rule_of): the rule and its parameters' offset */
    int direct;
    ent_i_exit_rule rule[2];
    int rule_off[2];
    /* no stage that moves the allies' binding (hedging) plays between this
    ** stage and the one that closes the round: the patron's costs at the
    ** close are those of the round's play */
    int binding_holds;
    /* the allies' openings are kept and replayed this run (replay_prepare) */
    int replay;
    size_t replayed;        /* openings replayed this run (tests read it) */
} exit_consts;

typedef struct {
    double gdp;
    double stake;           /* the ally's stake (before lock-in) */
    double draw;            /* drawdown_harm * dependence * gdp */
    double tariff;          /* tariff_rate * trade_exposure * gdp (before the shield) */
    double tech;            /* tech_rate * tech_exposure * gdp (before the shield) */
    /* a stateless rule's THREAT behaviour of each type toward the ally, kept
    ** with the two inputs of it that move during a run (threat_light's gap
    ** and ally_defiances; phase, type, tremble and the parameters stand):
    ** the same bits, the same behaviour (threat_behaviours) */
    double memo_gap;
    int memo_defiances;
    int memo_valid;         /* cleared at reset */
    int memo_quiet;         /* neither type demands anything (demand > 0 false) */
    int ally_light;         /* the ally's strategy is an ent_i_exit_ally_light_rule */
    int replay;             /* its openings are kept and replayed (replay_prepare) */
    int ally_observes;      /* the ally's strategy has an observe() */
    double autonomy;        /* the ally's autonomy weight (its agent parameter) */
    /* the kept behaviours: memo_b, as asked, or a replayed opening's (not
    ** copied: a run writes a round's records in that round alone) */
    const ent_exit_behaviour *memo;
    ent_exit_behaviour memo_b[2];
    /* each type's probability of carrying this round's threat out if the
    ** ally defied (the defied view's), set when a threat is made */
    double defied_exec[2];
    /* rounds the ally has been passed over (no demand) running, up to 2:
    ** from 1 its round record and slot hold what clear_round sets (no
    ** stage writes them then); at 2 its last response and execution, which
    ** that record sets, too */
    int clean;
} exit_coef;

static inline exit_consts *consts_of(const ent_i_exit_slot *sl, size_t n)
{
    return (exit_consts *)(void *)(sl + n);
}

int ent_i_exit_closing_of(const ent_i_exit_slot *sl, size_t n)
{
    return consts_of(sl, n)->closing;
}

size_t ent_i_exit_replayed(const ent_run *run)
{
    const ent_i_exit_slot *sl = ent_i_exit_slots(run);
    return sl ? consts_of(sl, run->n)->replayed : 0;
}

static inline exit_coef *coefs_of(ent_i_exit_slot *sl, size_t n)
{
    return (exit_coef *)(void *)(consts_of(sl, n) + 1);
}

/* The same from the constants before them. */
static inline const exit_coef *coefs_after(const exit_consts *ec)
{
    return (const exit_coef *)(const void *)(ec + 1);
}

/* ---- the allies' openings replayed ---------------------------------------
** Under a stateless patron rule (and an ally rule of
** ent_i_exit_ally_light_rule, which draws nothing), what play does with an
** ally once its round record is cleared is a function of a few inputs (the
** ally's gap, defiances, belief, the patron's last act and binding), the
** round, the patron's type and the run's constants. (Its GDP and cost
** multiplier read, too, stand still while openings are kept: the GDP is
** set at the run's start and is in the ally's signature, and the
** multiplier stays at reset's 1 without cost noise, which keeps none.) A
** sweep's replicates mostly repeat a run before them round for round (a
** patron of either type), so each such opening that drew no random number is
** kept, per round, ally and patron type, with those inputs; an opening that
** finds them the same, bit for bit, sets what the kept one set rather than
** asking the rules again. The records outlive the run (the workspace is the
** run object's); they are dropped when a run's constants differ from those
** they were made under. */

/* the agent-rounds a run may have for its openings to be kept (two records
** of about 250 bytes an agent-round) */
#define REPLAY_CAP 8192u
/* parameters a kept opening's patron and ally rules may have */
#define REPLAY_PATRON_P 8
#define REPLAY_ALLY_P 2

typedef struct {
    /* what it read, besides the constants */
    double gap, belief, binding;
    int defiances, patron_act;
    int valid;
    /* what it set: the round record's fields and the slot's, the kept
    ** THREAT behaviours, and (a threat made) each type's answer if defied */
    int threatened, response, uninformative, memo_quiet;
    unsigned instrument;
    double exit_demand, offer, required;
    double lik[2], harm, cost, cost_as[2], exec_belief, exec_own;
    double defied_exec[2];
    ent_exit_behaviour memo_b[2];
} exit_replay;

/* The run's constants the openings read (all 8-byte fields: no padding,
** compared with memcmp): the patron's rule and parameters, the instruments,
** its costs' factors, audience cost and tremble. */
typedef struct {
    const ent_strategy_type *patron;
    double pp[REPLAY_PATRON_P];
    ent_exit_instruments k;
    double tau_factor[2], audience_cost, tremble;
} replay_sig;

/* and each ally's: its rule and parameters, and its cached factors */
typedef struct {
    const ent_strategy_type *type;
    double p[REPLAY_ALLY_P];
    double gdp, stake, draw, tariff, tech, autonomy;
} replay_ally_sig;

_Static_assert(sizeof(replay_sig) == sizeof(void *) + sizeof(ent_exit_instruments) +
               (REPLAY_PATRON_P + 4) * sizeof(double) &&
               sizeof(ent_exit_instruments) == 6 * sizeof(double) &&
               sizeof(replay_ally_sig) == sizeof(void *) + (REPLAY_ALLY_P + 6) * sizeof(double),
               "the signatures have no padding");

typedef struct {
    int ready;              /* the layout is fixed (at the workspace's first run) */
    int signed_;            /* sig holds a run's constants */
    size_t rounds;          /* rounds the records are laid out for (0: none kept) */
    replay_sig sig;
} replay_head;

/* The rounds a run of the scenario as it stands keeps openings for. */
static inline size_t replay_rounds_of(const ent_run *run)
{
    size_t rounds = run->scn->rounds > 0 ? (size_t)run->scn->rounds : 0;
    return rounds * run->n <= REPLAY_CAP ? rounds : 0;
}

/* The workspace: n slots, the constants, n coefficients, the replay head,
** n allies' signatures and the records (rounds x n x 2 types). */
static size_t workspace_size(const ent_run *run, int stage)
{
    (void)stage;
    return run->n * sizeof(ent_i_exit_slot) + sizeof(exit_consts) + run->n * sizeof(exit_coef) +
           sizeof(replay_head) + run->n * sizeof(replay_ally_sig) +
           replay_rounds_of(run) * run->n * 2 * sizeof(exit_replay);
}

static inline replay_head *replay_head_of(ent_i_exit_slot *sl, size_t n)
{
    return (replay_head *)(void *)(coefs_of(sl, n) + n);
}

static inline replay_ally_sig *replay_ally_sigs(ent_i_exit_slot *sl, size_t n)
{
    return (replay_ally_sig *)(void *)(replay_head_of(sl, n) + 1);
}

/* Round t's records (ally i, type ty at [2 i + ty]), NULL past the layout's rounds. */
static inline exit_replay *replay_round_of(ent_i_exit_slot *sl, size_t n, int t)
{
    const replay_head *h = replay_head_of(sl, n);
    if (t < 1 || (size_t)t > h->rounds)
        return NULL;
    return (exit_replay *)(void *)(replay_ally_sigs(sl, n) + n) + (size_t)(t - 1) * n * 2;
}

/* Harm and patron cost of `instr` against an ally with binding b, scaled by
** `mult`, the cost for a patron of each type (cost[ENT_TYPE_*]):
** ent_exit_harm and ent_exit_cost on the cached factors, each type's sum
** formed term by term as they form it. */
static inline void harm_cost(const exit_consts *ec, const exit_coef *cf, unsigned instr, double b, double mult,
                             double *harm, double cost[2])
{
    double shield = 1.0 - (b > 1.0 ? 1.0 : b < 0.0 ? 0.0 : b);
    double h = 0.0, c[2] = { 0.0, 0.0 };
    if (instr & ENT_INSTR_DRAWDOWN) {
        h += cf->draw;
        double stake = cf->stake * (1.0 + ec->k.lock_in * b) * cf->gdp;
        for (int ty = 0; ty < 2; ty++)
            c[ty] += stake * ec->tau_factor[ty];
    }
    if (instr & ENT_INSTR_TARIFF) {
        h += cf->tariff * shield;
        double t = ec->k.tariff_self_cost * (0.0 + cf->tariff * shield);
        for (int ty = 0; ty < 2; ty++)
            c[ty] += t;
    }
    if (instr & ENT_INSTR_TECH) {
        h += cf->tech * shield;
        double t = ec->k.tech_self_cost * (0.0 + cf->tech * shield);
        for (int ty = 0; ty < 2; ty++)
            c[ty] += t;
    }
    *harm = h;
    for (int ty = 0; ty < 2; ty++)
        cost[ty] = mult * c[ty];
}

/* The three instruments one by one, for the patron's view: the sums above
** with a single term (0 + x is kept: it turns -0 into +0 as they do). The
** drawdown's cost for each type, drawdown[ENT_TYPE_*], shares the product
** before the type's factor, formed in harm_cost's order; cost[0] is left to
** the type (as_type). */
static inline void harm_cost3(const exit_consts *ec, const exit_coef *cf, double b, double mult,
                              double harm[3], double cost[3], double drawdown[2])
{
    double shield = 1.0 - (b > 1.0 ? 1.0 : b < 0.0 ? 0.0 : b);
    double ht = 0.0 + cf->tariff * shield, hx = 0.0 + cf->tech * shield;
    harm[0] = 0.0 + cf->draw;
    harm[1] = ht;
    harm[2] = hx;
    double stake = cf->stake * (1.0 + ec->k.lock_in * b) * cf->gdp;
    for (int ty = 0; ty < 2; ty++)
        drawdown[ty] = mult * (0.0 + stake * ec->tau_factor[ty]);
    cost[1] = mult * (0.0 + ec->k.tariff_self_cost * ht);
    cost[2] = mult * (0.0 + ec->k.tech_self_cost * hx);
}

/* ent_i_exit_behaviour of the patron's rule (resolved) for the type of
** view v, without its dispatch when the rule is called directly. */
static inline int patron_behaviour(const exit_consts *ec, const double *pp, const void *pstate,
                                   const ent_exit_patron_view *v, ent_exit_behaviour *b)
{
    if (ec->direct) {
        ent_i_exit_rule_ask(ec->rule[v->type], pp + ec->rule_off[v->type], v, b);
        return 0;
    }
    return ent_i_exit_behaviour(ec->patron_rule, pp, pstate, v, b);
}

/* The agent states the views read: its own, hedging's and ratification's
** (those two only when in the pipeline), found once for a loop over the
** allies. */
typedef struct {
    ent_i_agent_states own, hedging, ratification;
} exit_states;

static inline exit_states states_of(const ent_run *run, const exit_consts *ec)
{
    exit_states st = { ent_i_run_agent_states(run, ec->stage), { NULL, 0 }, { NULL, 0 } };
    if (ec->hedging >= 0)
        st.hedging = ent_i_run_agent_states(run, ec->hedging);
    if (ec->ratification >= 0)
        st.ratification = ent_i_run_agent_states(run, ec->ratification);
    return st;
}

/* Ally i's binding investment and support, as ent_i_hedging_binding and
** ent_i_ratification_support state them, by the indices found at reset. */
static inline double binding_of(const exit_consts *ec, const exit_states *st, size_t i)
{
    if (ec->hedging < 0)
        return 0.0;
    return ((const ent_i_hedging_agent *)ent_i_agent_at(st->hedging, i))->binding;
}

static inline const ent_i_ratification_agent *rat_of(const exit_states *st, size_t i)
{
    return ent_i_agent_at(st->ratification, i);
}

static inline double support_of(const ent_run *run, const exit_consts *ec, const exit_states *st, size_t i)
{
    if (ec->ratification < 0)
        return ent_i_ratification_support(run, i);
    return rat_of(st, i)->support;
}

/* 1 if ally i's deal failed ratification this round (ratification's record,
** by the index found at reset), else 0. */
static inline int ratify_failed_of(const exit_consts *ec, const exit_states *st, size_t i)
{
    return ec->ratification >= 0 && rat_of(st, i)->result == RAT_FAILED;
}

/* A demand as the stage takes a decision's: a positive finite amount, else
** none (0). (Of a positive amount, finite is below infinity: one test, not
** isfinite's.) */
static inline double demand_made(double demand)
{
    return demand > 0.0 && demand < INFINITY ? demand : 0.0;
}

/* Ally a's shortfall: its slack (demand minus share, fraction of GDP; 0
** without a demand), into *slack when asked, and the gap it makes in USD
** bn (0 when none). */
static inline double gap_of(const ent_agent_state *a, double *slack)
{
    double s = isnan(a->demand) ? 0.0 : a->demand - a->share;
    if (slack)
        *slack = s;
    return s > 0.0 ? s * a->gdp : 0.0;
}

/* The patron's view of an ally as either type sees it. The two types' views
** differ only in `type` and the drawdown's cost, so one view is kept and
** as_type sets those two for the type asked about. */
typedef struct {
    ent_exit_patron_view v;
    double drawdown[2];     /* cost[0] of each type, ENT_TYPE_* */
} typed_view;

static inline const ent_exit_patron_view *as_type(typed_view *t, int type)
{
    t->v.type = type;
    t->v.cost[0] = t->drawdown[type];
    return &t->v;
}

/* Every field is set (no memset: the view is filled for each ally and
** round); as_type chooses the type. */
static void patron_views_in(const ent_run *run, ent_i_exit_slot *sl, const exit_states *st, size_t i, int phase,
                            typed_view *t)
{
    const ent_agent_state *a = &run->agent[i];
    const exit_consts *ec = consts_of(sl, run->n);
    const ent_i_exit_agent *x = ent_i_agent_at(st->own, i);
    ent_exit_patron_view *v = &t->v;
    v->round = run->round;
    v->phase = phase;
    v->ally = (int)i;
    v->n_agents = (int)run->n;
    v->gap = gap_of(a, &v->slack);
    harm_cost3(ec, &coefs_of(sl, run->n)[i], binding_of(ec, st, i), sl[i].cost_mult, v->harm, v->cost,
               t->drawdown);
    v->audience_cost = ec->audience_cost;
    v->tremble = ec->tremble;
    v->support = support_of(run, ec, st, i);
    v->ally_defiances = x->n_defiances;
    v->ally_last_response = sl[i].last_response;
    v->threats_made = x->n_threats;
    if (phase == ENT_EXIT_ENFORCE) {
        v->ally_defiances -= x->response == ENT_RESP_DEFY;     /* "before this round" */
        v->threats_made -= x->threatened;
        v->instrument = x->instrument;
        v->demand = x->exit_demand;
        v->response = x->response;
        v->concession = x->proposal;
        v->ratify_failed = ratify_failed_of(ec, st, i);
    } else {
        v->instrument = 0;
        v->demand = 0.0;
        v->response = 0;
        v->concession = 0.0;
        v->ratify_failed = 0;
    }
    as_type(t, ENT_TYPE_COMMITTED);
}

/* The same, the states found for this ally alone. */
static void patron_views(const ent_run *run, ent_i_exit_slot *sl, size_t i, int phase, typed_view *t)
{
    exit_states st = states_of(run, consts_of(sl, run->n));
    patron_views_in(run, sl, &st, i, phase, t);
}

/* The only fields a stateless rule's THREAT-phase behaviour reads (phase,
** type, gap, tremble, ally_defiances; test_exit checks): enough for its
** behaviour and decision, without the costs, binding and support the full
** view works out. The type is the caller's to set. */
static inline void threat_light(const exit_consts *ec, double gap, int defiances, ent_exit_patron_view *v)
{
    v->phase = ENT_EXIT_THREAT;
    v->gap = gap;
    v->tremble = ec->tremble;
    v->ally_defiances = defiances;
}

/* Each type's THREAT behaviour, into b[ENT_TYPE_*], under a rule called
** directly (ec->direct) toward an ally of this gap and defiances: asked of
** their light view, the same answers as of the full one. */
static inline void threat_asked(const exit_consts *ec, const double *pp, double gap, int defiances,
                                ent_exit_behaviour b[2])
{
    ent_exit_patron_view v;
    threat_light(ec, gap, defiances, &v);
    for (int ty = 0; ty < 2; ty++) {
        v.type = ty;
        ent_i_exit_rule_ask_threat(ec->rule[ty], pp + ec->rule_off[ty], &v, &b[ty]);
    }
}

/* Each type's THREAT behaviour under a stateless rule toward an ally of
** this gap and defiances, asked (of their light view) again only when
** they have moved since the last round; the ally's abandonment risks in
** its slot sl are the kept behaviours' (nothing else sets them under such
** a rule), so they are set when those are asked. */
static const ent_exit_behaviour *threat_behaviours(const exit_consts *ec, const double *pp, exit_coef *cf,
                                                   ent_i_exit_slot *sl, double gap, int defiances)
{
    if (!cf->memo_valid || memcmp(&cf->memo_gap, &gap, sizeof gap) || cf->memo_defiances != defiances) {
        /* a stateless rule is called directly (patron_behaviour's ec->direct) */
        threat_asked(ec, pp, gap, defiances, cf->memo_b);
        for (int ty = 0; ty < 2; ty++)
            sl->abandon[ty] = cf->memo_b[ty].abandon;
        cf->memo = cf->memo_b;
        cf->memo_gap = gap;
        cf->memo_defiances = defiances;
        cf->memo_quiet = !(cf->memo_b[0].demand > 0.0) && !(cf->memo_b[1].demand > 0.0);
        cf->memo_valid = 1;
    }
    return cf->memo;
}

/* What a patron is asked to enforce: the threat, the ally's response and
** concession, and its defiances before this round. */
typedef struct {
    unsigned instrument;
    double demand;
    int response;
    double concession;
    int defiances;
} enforce_case;

/* The only fields a stateless rule's ENFORCE-phase behaviour reads (phase,
** tremble, audience cost, costs, instrument, demand, response, concession,
** ally_defiances; test_exit checks), without the round, gap, support and
** counts the full view works out; as_type chooses the type. */
static inline void enforce_light(const exit_consts *ec, const exit_coef *cf, double binding, double mult,
                                 const enforce_case *k, typed_view *t)
{
    ent_exit_patron_view *v = &t->v;
    v->phase = ENT_EXIT_ENFORCE;
    harm_cost3(ec, cf, binding, mult, v->harm, v->cost, t->drawdown);
    v->audience_cost = ec->audience_cost;
    v->tremble = ec->tremble;
    v->ally_defiances = k->defiances;
    v->instrument = k->instrument;
    v->demand = k->demand;
    v->response = k->response;
    v->concession = k->concession;
}

/* 1 if the case a threat's close asks about, k, is the one its play asked
** about if the ally defied (the defied view): a defiance with nothing
** conceded, the binding unmoved. Its other fields (the threat, the demand,
** the defiances before this round) and the cost multiplier are set in the
** play alone. */
static inline int as_defied(const exit_consts *ec, const enforce_case *k)
{
    return k->response == ENT_RESP_DEFY && k->concession == 0.0 && !signbit(k->concession) &&
           ec->binding_holds;
}

/* Each type's probability of carrying out the threat in view t, of the
** ENFORCE phase (NaN when the strategy states no behaviour). */
static inline void execute_probs(const exit_consts *ec, const double *pp, const void *pstate, typed_view *t,
                                 double e[2])
{
    if (ec->direct) {
        /* patron_behaviour's direct call, its branch taken once for both,
        ** and of the behaviour only the part the ENFORCE phase states */
        for (int ty = 0; ty < 2; ty++)
            e[ty] = ent_i_exit_rule_execute(ec->rule[ty], pp + ec->rule_off[ty], as_type(t, ty));
        return;
    }
    /* and its other branch */
    for (int ty = 0; ty < 2; ty++) {
        ent_exit_behaviour b;
        e[ty] = ent_i_exit_behaviour(ec->patron_rule, pp, pstate, as_type(t, ty), &b) == 0 ? b.execute : NAN;
    }
}

/* The view of a patron of type `type`: its drawn type, or the other one
** when the stage asks what that type would do (allies' likelihoods). */
static void patron_view_as(const ent_run *run, ent_i_exit_slot *sl, size_t i, int phase, int type,
                           ent_exit_patron_view *v)
{
    typed_view t;
    patron_views(run, sl, i, phase, &t);
    *v = *as_type(&t, type);
}

static inline void patron_view(const ent_run *run, ent_i_exit_slot *sl, size_t i, int phase,
                               ent_exit_patron_view *v)
{
    patron_view_as(run, sl, i, phase, consts_of(sl, run->n)->patron_type, v);
}

/* The view of a patron asked to enforce `instr` and `demand` against the
** ally if it defied now (nothing conceded), from its THREAT-phase view. */
static void defied_from(const ent_exit_patron_view *threat_view, unsigned instr, double demand,
                        ent_exit_patron_view *v)
{
    *v = *threat_view;
    v->phase = ENT_EXIT_ENFORCE;
    v->instrument = instr;
    v->demand = demand;
    v->response = ENT_RESP_DEFY;
    v->concession = 0.0;
    v->ratify_failed = 0;
}

/* The same for a patron of type `type` in the stage's current state (the
** threats made before this round: the THREAT view's count). */
static void defied_view(const ent_run *run, ent_i_exit_slot *sl, size_t i, int type, unsigned instr,
                        double demand, ent_exit_patron_view *v)
{
    const ent_i_exit_agent *x = ent_i_run_agent_state(run, consts_of(sl, run->n)->stage, i);
    ent_exit_patron_view t;
    patron_view_as(run, sl, i, ENT_EXIT_THREAT, type, &t);
    t.threats_made = x->n_threats - x->threatened;
    defied_from(&t, instr, demand, v);
}

/* Ally i's abandonment risk under each type this round: the chance that the
** patron fails it in a crisis, as the patron strategy states it (NaN if it
** states none). */
static void fill_abandon(const ent_run *run, ent_i_exit_slot *sl, size_t i)
{
    const exit_consts *ec = consts_of(sl, run->n);
    const ent_strategy_choice *pc = &run->scn->agents[0].strategy[ec->stage];
    if (ec->direct) {
        /* (the full view's costs and support are not read) */
        const ent_i_exit_agent *x = ent_i_run_agent_state(run, ec->stage, i);
        ent_exit_behaviour b[2];
        threat_asked(ec, pc->p, gap_of(&run->agent[i], NULL), x->n_defiances, b);
        sl[i].abandon[0] = b[0].abandon;
        sl[i].abandon[1] = b[1].abandon;
        return;
    }
    typed_view t;
    patron_views(run, sl, i, ENT_EXIT_THREAT, &t);
    for (int ty = 0; ty < 2; ty++) {
        ent_exit_behaviour b;
        sl[i].abandon[ty] = patron_behaviour(ec, pc->p, NULL, as_type(&t, ty), &b) == 0
                            ? b.abandon : NAN;
    }
}

double ent_i_abandon_risk(const ent_run *run, size_t i)
{
    return ent_i_abandon_risk_in(ent_i_exit_slots(run), i, run->agent[i].belief);
}

/* Likelihood, under a type's THREAT-phase behaviour b, of what ally x saw:
** the demand (0: none), the threat or its absence, the instruments. */
static inline double likelihood_of(const ent_i_exit_agent *x, const ent_exit_behaviour *b)
{
    double seen = x->exit_demand;
    double d = demand_made(b->demand);
    if (seen <= 0.0 || d <= 0.0)
        return seen <= 0.0 && d <= 0.0 ? 1.0 : 0.0;
    /* (equal demands, as the drawn type's always are, pass the tolerance:
    ** its test is spared them) */
    if (!(d == seen || fabs(d - seen) <= 1e-12 * (seen > 1.0 ? seen : 1.0)))
        return 0.0;
    double pd = b->demand_prob;
    if (!x->threatened)
        return pd * (1.0 - b->threat);
    unsigned instr = b->instrument & ENT_INSTR_ALL;
    return (instr ? instr : ENT_INSTR_DRAWDOWN) == x->instrument ? pd * b->threat : 0.0;
}

/* The same with the behaviour asked of the strategy about the demand ally x
** saw, in the type's THREAT view v (v->demand is set to it). That answer
** also states the type's abandonment risk (*abandon): no strategy's risk
** depends on the demand asked about or on its state (test_exit checks), so
** one question serves both. Both NaN when the strategy states no behaviour. */
static double signal_likelihood(const ent_i_exit_agent *x, ent_exit_patron_view *v,
                                const ent_strategy_type *rule, const double *pp, const void *pstate,
                                double *abandon)
{
    ent_exit_behaviour b;
    double seen = x->exit_demand;
    v->demand = seen > 0.0 ? seen : 0.0;
    if (ent_i_exit_behaviour(rule, pp, pstate, v, &b) != 0) {
        *abandon = NAN;
        return NAN;
    }
    *abandon = b.abandon;
    return likelihood_of(x, &b);
}

/* The ally's view without support, win-set and its record of executions
** and called bluffs: all that the ally rules of ent_i_exit_ally_light_rule
** read (test_exit checks). */
static void ally_light(const ent_run *run, const exit_coef *cf, const ent_i_exit_agent *x, size_t i,
                       ent_exit_ally_view *v, double harm)
{
    const ent_agent_state *a = &run->agent[i];
    v->round = run->round;
    v->gdp = a->gdp;
    v->demand = x->exit_demand;
    v->threat = x->threatened;
    v->instrument = x->instrument;
    v->harm = harm;
    v->cost = x->exit_demand;
    v->sovereignty_cost = cf->autonomy * x->exit_demand;
    v->belief = a->belief;
    v->execute_prob = 0.0;
    v->patron_last_act = a->patron_act;
}

static void ally_view_in(const ent_run *run, const exit_consts *ec, const exit_states *st, size_t i,
                         ent_exit_ally_view *v, double harm)
{
    const ent_i_exit_agent *x = ent_i_agent_at(st->own, i);
    /* every field is set, so no memset */
    ally_light(run, &coefs_after(ec)[i], x, i, v, harm);
    v->support = support_of(run, ec, st, i);
    /* as ent_i_ratification_winset */
    v->winset = ec->ratification < 0 ? NAN : rat_of(st, i)->winset;
    v->executions_suffered = x->n_executions;
    v->bluffs_called = x->n_bluffs_called;
}

static void ally_view(const ent_run *run, int stage, size_t i, ent_exit_ally_view *v, double harm)
{
    const exit_consts *ec = consts_of(ent_i_run_stage_workspace(run, stage), run->n);
    exit_states st = states_of(run, ec);
    ally_view_in(run, ec, &st, i, v, harm);
}

/* The patron's side of the run's constants the openings read. */
static replay_sig replay_sig_of(const ent_strategy_choice *pc, const exit_consts *ec)
{
    replay_sig g;
    memset(&g, 0, sizeof g);
    g.patron = pc->type;
    for (size_t j = 0; j < pc->type->n_params && j < REPLAY_PATRON_P; j++)
        g.pp[j] = pc->p[j];
    g.k = ec->k;
    g.tau_factor[0] = ec->tau_factor[0];
    g.tau_factor[1] = ec->tau_factor[1];
    g.audience_cost = ec->audience_cost;
    g.tremble = ec->tremble;
    return g;
}

/* And ally i's. */
static replay_ally_sig replay_ally_sig_of(const ent_strategy_choice *ac, const exit_coef *cf)
{
    replay_ally_sig g;
    memset(&g, 0, sizeof g);
    g.type = ac->type;
    for (size_t j = 0; j < ac->type->n_params && j < REPLAY_ALLY_P; j++)
        g.p[j] = ac->p[j];
    g.gdp = cf->gdp;
    g.stake = cf->stake;
    g.draw = cf->draw;
    g.tariff = cf->tariff;
    g.tech = cf->tech;
    g.autonomy = cf->autonomy;
    return g;
}

/* At reset (the constants and coefficients set): the records' layout fixed
** at the workspace's first run (the scenario's rounds then), the records
** dropped when this run's constants differ, bit for bit, from those they
** were made under, and whether this run keeps and replays openings: a
** stateless patron rule called directly, no cost noise (its draws), and per
** ally a light rule (they draw nothing), each with few enough parameters
** for the signatures. */
static void replay_prepare(const ent_run *run, int stage, ent_i_exit_slot *sl)
{
    size_t n = run->n;
    exit_consts *ec = consts_of(sl, n);
    exit_coef *cf = coefs_of(sl, n);
    replay_head *h = replay_head_of(sl, n);
    if (!h->ready) {
        h->rounds = replay_rounds_of(run);
        h->signed_ = 0;
        h->ready = 1;
    }
    const ent_strategy_choice *pc = &run->scn->agents[0].strategy[stage];
    replay_sig now = replay_sig_of(pc, ec);
    int same = h->signed_ && !memcmp(&now, &h->sig, sizeof now);
    h->sig = now;
    h->signed_ = 1;
    replay_ally_sig *as = replay_ally_sigs(sl, n);
    for (size_t i = 0; i < n; i++) {
        const ent_strategy_choice *ac = &run->scn->agents[i].strategy[stage];
        replay_ally_sig g = replay_ally_sig_of(ac, &cf[i]);
        same = same && !memcmp(&g, &as[i], sizeof g);
        as[i] = g;
        cf[i].replay = cf[i].ally_light && ac->type->n_params <= REPLAY_ALLY_P;
    }
    if (!same)
        for (size_t t = 1; t <= h->rounds; t++) {
            exit_replay *rr = replay_round_of(sl, n, (int)t);
            for (size_t k = 0; k < 2 * n; k++)
                rr[k].valid = 0;
        }
    ec->replay = h->rounds > 0 && ec->stateless && ec->direct && pc->type->n_params <= REPLAY_PATRON_P &&
                 !(run->scn->stages[stage].p[P_NOISE] > 0.0);
    ec->replayed = 0;
}

static void reset(ent_run *run, int stage)
{
    ent_i_exit_slot *sl = ent_i_run_stage_workspace(run, stage);
    exit_consts *ec = consts_of(sl, run->n);
    ec->base = ent_agent_param_base(&ent_stage_exit_leverage);
    const double *patron = &run->scn->agents[0].p[ec->base];
    /* burden_sharing's `demand` of each ally, read here without that stage */
    static atomic_int demand_cache = ENT_I_SLOT_UNRESOLVED;
    int demand_slot = ent_i_agent_param_slot_once("demand", &demand_cache);
    /* always one draw, so runs that differ only in the prior share their streams */
    ec->patron_type = ent_i_run_coin(run, patron[AP_TRANSACTIONAL_PROB]) ? ENT_TYPE_TRANSACTIONAL
                                                                          : ENT_TYPE_COMMITTED;
    exit_coef *cf = coefs_of(sl, run->n);
    instruments(run->scn->stages[stage].p, &ec->k);
    ec->tau_factor[ENT_TYPE_COMMITTED] = 1.0;
    ec->tau_factor[ENT_TYPE_TRANSACTIONAL] = 1.0 - patron[AP_TRANSACTIONAL];
    ec->audience_cost = patron[AP_AUDIENCE];
    ec->tremble = run->scn->stages[stage].p[P_TREMBLE];
    ec->closing = ent_i_exit_closing_stage(run);
    ec->burden = stage_of(run->scn, &ent_stage_burden_sharing) >= 0;
    ec->stage = stage;
    ec->hedging = ent_i_run_stage_of(run, &ent_stage_hedging);
    ec->ratification = ent_i_run_stage_of(run, &ent_stage_ratification);
    ec->binding_holds = !(ec->hedging > stage && ec->hedging < ec->closing);
    ec->patron_rule = ent_strategy_resolve(run->scn->agents[0].strategy[stage].type);
    ec->stateless = ec->patron_rule == run->scn->agents[0].strategy[stage].type &&
                    ent_i_exit_stateless_rule(ec->patron_rule);
    ec->direct = 1;
    for (int ty = 0; ty < 2; ty++)
        if (ent_i_exit_rule_of(ec->patron_rule, ty, &ec->rule[ty], &ec->rule_off[ty]) != 0)
            ec->direct = 0;
    for (size_t i = 0; i < run->n; i++) {
        const double *q = &run->scn->agents[i].p[ec->base];
        ent_agent_state *a = &run->agent[i];
        ent_i_exit_agent *x = exit_agent(run, i);
        memset(&sl[i], 0, sizeof sl[i]);
        sl[i].last_response = -1;
        sl[i].cost_mult = 1.0;
        sl[i].lik[0] = sl[i].lik[1] = 1.0;
        /* without burden_sharing, the ally's own `demand` field sets the target */
        double demand = demand_slot >= 0 ? run->scn->agents[i].p[demand_slot] : NAN;
        if (i > 0 && isnan(a->demand) && !isnan(demand))
            a->demand = demand;
        x->response = -1;
        cf[i].gdp = a->gdp;
        cf[i].stake = q[AP_STAKE];
        cf[i].draw = ec->k.drawdown_harm * q[AP_DEPENDENCE] * a->gdp;
        cf[i].tariff = ec->k.tariff_rate * q[AP_TRADE] * a->gdp;
        cf[i].tech = ec->k.tech_rate * q[AP_TECH] * a->gdp;
        cf[i].autonomy = q[AP_AUTONOMY];
        cf[i].memo_valid = 0;
        cf[i].clean = 0;
        cf[i].ally_light = ent_i_exit_ally_light_rule(run->scn->agents[i].strategy[stage].type);
        cf[i].ally_observes = run->scn->agents[i].strategy[stage].type->observe != NULL;
    }
    replay_prepare(run, stage, sl);
    for (size_t i = 1; i < run->n; i++)
        fill_abandon(run, sl, i);
    for (size_t i = 0; i < run->n; i++) {
        const ent_strategy_choice *c = &run->scn->agents[i].strategy[stage];
        if (!c->type->reset)
            continue;
        if (i == 0) {
            ent_exit_patron_view v;
            patron_view(run, sl, run->n > 1 ? 1 : 0, ENT_EXIT_THREAT, &v);
            c->type->reset(c->p, ent_i_run_strategy_state(run, stage, i), &v);
        } else {
            ent_exit_ally_view v;
            ally_view(run, stage, i, &v, 0.0);
            c->type->reset(c->p, ent_i_run_strategy_state(run, stage, i), &v);
        }
    }
}

/* Events are only kept when the run logs them (not in sweeps): skip the
** call. `logs` is run->events != NULL, read once for a loop (the log is
** allocated with the run, or never). */
static inline void event(ent_run *run, int logs, int stage, ent_event_kind kind, int actor, int target,
                         double value)
{
    if (logs)
        ent_i_run_event(run, stage, kind, actor, target, value);
}

/* Raise ally a's share (and spending) to at least `share`. */
static void raise_share(ent_run *run, ent_agent_state *a, double share)
{
    if (!(share > a->share))
        return;
    double spending = share * a->gdp;
    run->alliance_spending += spending - a->spending;
    a->share = share;
    a->spending = spending;
}

/* The part of an ally's round record that only the close sets. */
static inline void clear_close(ent_i_exit_agent *x)
{
    x->concession = x->harm = x->patron_cost = 0.0;
    x->enforcement = 0;
}

/* An ally's round record and slot before this round's negotiation opens
** (a replayed opening sets again all of it but clear_close's part). */
static inline void clear_round(ent_i_exit_agent *x, ent_i_exit_slot *sl)
{
    x->threatened = 0;
    x->instrument = 0;
    x->exit_demand = 0.0;
    x->response = -1;
    x->offer = x->proposal = 0.0;
    clear_close(x);
    sl->harm = sl->cost = sl->required = 0.0;
    sl->cost_as[0] = sl->cost_as[1] = 0.0;
    sl->lik[0] = sl->lik[1] = 1.0;
    sl->uninformative = 0;
    sl->exec_belief = sl->exec_own = 0.0;
}

/* An ally passed over (no demand of either type): the decision draws
** nothing and makes none, and what the ally saw (no demand) has likelihood
** 1 under both (likelihood_of), as clear_round left it; nothing of the
** record moves: it stays clean. */
static inline void pass_over(exit_coef *cf)
{
    cf->clean = cf->clean ? 2 : 1;
}

static inline int same_bits(double a, double b)
{
    return !memcmp(&a, &b, sizeof a);
}

/* 1 if the kept THREAT behaviours are those of this gap and defiances and
** neither type demands anything: the ally is passed over. */
static inline int quiet_kept(const exit_coef *cf, double gap, int defiances)
{
    return cf->memo_valid && cf->memo_quiet && same_bits(cf->memo_gap, gap) && cf->memo_defiances == defiances;
}

/* 1 if the patron's THREAT decision from its behaviour b draws a random
** number (ent_i_exit_decide_from: a demand, a threat neither sure nor
** impossible). */
static inline int threat_draws(const ent_exit_behaviour *b)
{
    return b->demand > 0.0 && !(b->threat >= 1.0) && !(b->threat <= 0.0);
}

/* 1 if opening rp was made from ally a's inputs now. */
static inline int replay_matches(const exit_replay *rp, const ent_agent_state *a, double gap, int defiances,
                                 double binding)
{
    return rp->valid && same_bits(rp->gap, gap) && rp->defiances == defiances &&
           same_bits(rp->belief, a->belief) && rp->patron_act == a->patron_act && same_bits(rp->binding, binding);
}

/* What opening rp set, set again: the round record's fields and counts, the
** slot's, the kept behaviours (with the abandonment risks they state) and,
** a threat made, each type's answer if defied. */
static inline void replay_opening(const exit_replay *rp, ent_i_exit_agent *x, ent_i_exit_slot *sl,
                                  exit_coef *cf)
{
    x->exit_demand = rp->exit_demand;
    x->threatened = rp->threatened;
    x->instrument = rp->instrument;
    x->n_threats += rp->threatened;
    x->response = rp->response;
    x->offer = x->proposal = rp->offer;
    x->n_defiances += rp->response == ENT_RESP_DEFY;
    sl->lik[0] = rp->lik[0];
    sl->lik[1] = rp->lik[1];
    sl->uninformative = rp->uninformative;
    sl->harm = rp->harm;
    sl->cost_as[0] = rp->cost_as[0];
    sl->cost_as[1] = rp->cost_as[1];
    sl->cost = rp->cost;
    sl->exec_belief = rp->exec_belief;
    sl->exec_own = rp->exec_own;
    sl->required = rp->required;
    sl->abandon[0] = rp->memo_b[0].abandon;
    sl->abandon[1] = rp->memo_b[1].abandon;
    cf->memo_gap = rp->gap;
    cf->memo_defiances = rp->defiances;
    cf->memo = rp->memo_b;
    cf->memo_quiet = rp->memo_quiet;
    cf->memo_valid = 1;
    if (rp->threatened) {
        cf->defied_exec[0] = rp->defied_exec[0];
        cf->defied_exec[1] = rp->defied_exec[1];
    }
    cf->clean = 0;
}

/* An opening just played, from those inputs, kept in rp. */
static void keep_opening(exit_replay *rp, const ent_agent_state *a, double gap, int defiances, double binding,
                         const ent_i_exit_agent *x, const ent_i_exit_slot *sl, const exit_coef *cf)
{
    rp->gap = gap;
    rp->belief = a->belief;
    rp->binding = binding;
    rp->defiances = defiances;
    rp->patron_act = a->patron_act;
    rp->threatened = x->threatened;
    rp->response = x->response;
    rp->uninformative = sl->uninformative;
    rp->memo_quiet = cf->memo_quiet;
    rp->instrument = x->instrument;
    rp->exit_demand = x->exit_demand;
    rp->offer = x->offer;
    rp->required = sl->required;
    rp->lik[0] = sl->lik[0];
    rp->lik[1] = sl->lik[1];
    rp->harm = sl->harm;
    rp->cost = sl->cost;
    rp->cost_as[0] = sl->cost_as[0];
    rp->cost_as[1] = sl->cost_as[1];
    rp->exec_belief = sl->exec_belief;
    rp->exec_own = sl->exec_own;
    rp->defied_exec[0] = cf->defied_exec[0];
    rp->defied_exec[1] = cf->defied_exec[1];
    rp->memo_b[0] = cf->memo[0];
    rp->memo_b[1] = cf->memo[1];
    rp->valid = 1;
}

static void play(ent_run *run, int stage, gsl_rng *r)
{
    const ent_scenario *s = run->scn;
    const double *p = s->stages[stage].p;
    ent_i_exit_slot *sl = ent_i_run_stage_workspace(run, stage);
    const exit_consts *ec = consts_of(sl, run->n);
    exit_coef *cf = coefs_of(sl, run->n);
    const ent_strategy_choice *pc = &s->agents[0].strategy[stage];
    void *pstate = ent_i_run_strategy_state(run, stage, 0);
    /* read once: the stores of the loop could alias them, so the compiler
    ** would read them again for each ally */
    const int stateless = ec->stateless, ptype = ec->patron_type;
    const ent_strategy_type *prule = ec->patron_rule;
    /* without noise the multiplier stays at the 1 the reset set */
    const double noise = p[P_NOISE];
    const int noisy = noise > 0.0;
    const int logs = run->events != NULL;
    exit_states es = states_of(run, ec);
    ent_i_strategy_states ss = ent_i_run_strategy_states(run, stage);
    /* this round's kept openings (ally i's of the patron's type at 2 i +
    ** ptype), when they are kept: none while events are logged */
    exit_replay *rr = ec->replay && !logs ? replay_round_of(sl, run->n, run->round) : NULL;
    size_t replayed = 0;
    /* read once: the calls of the loop could change them, for all the compiler knows */
    const size_t n = run->n;
    ent_agent_state *const agents = run->agent;
    for (size_t i = 1; i < n; i++) {
        ent_agent_state *a = &agents[i];
        ent_i_exit_agent *x = ent_i_agent_at(es.own, i);
        /* a record left clean needs no clearing, nor setting again what it
        ** set (the stores are half the cost of an ally passed over); one
        ** that is not is cleared once its opening is known (a replayed one
        ** sets most of it again) */
        const int dirty = !cf[i].clean;
        if (cf[i].clean < 2) {
            sl[i].last_response = x->response;
            sl[i].executed_last = x->enforcement == 1;
        }
        /* a ratified deal binds: the share it agreed to is kept */
        raise_share(run, a, x->floor_share);
        if (noisy)
            sl[i].cost_mult = exp(gsl_ran_gaussian(r, noise) - 0.5 * noise * noise);
        /* the THREAT-phase view as each type sees it, asked three times below
        ** (the decision, the likelihoods with the abandonment risk, the
        ** defied views): made once; never for a stateless rule (threat_light
        ** serves its decision, enforce_light its defied views) */
        typed_view tv;
        /* a stateless rule: each type's behaviour asked once (it reads
        ** neither the demand asked about nor a state), the decision drawn
        ** from the patron's own as its decide() would */
        const ent_exit_behaviour *tb = NULL;
        ent_exit_patron_decision pd;
        /* where the opening is kept (NULL: it is not), and its inputs */
        exit_replay *rp = NULL;
        double gap = 0.0;
        const int defiances = x->n_defiances;
        if (stateless) {
            gap = gap_of(a, NULL);
            /* an ally passed over is passed over again at once (its kept
            ** behaviours are threat_behaviours' answer) */
            if (quiet_kept(&cf[i], gap, defiances)) {
                if (dirty)
                    clear_round(x, &sl[i]);
                pass_over(&cf[i]);
                continue;
            }
            if (rr && cf[i].replay) {
                rp = &rr[2 * i + (size_t)ptype];
                if (replay_matches(rp, a, gap, defiances, binding_of(ec, &es, i))) {
                    if (dirty)
                        clear_close(x);
                    replay_opening(rp, x, &sl[i], &cf[i]);
                    replayed++;
                    continue;
                }
            }
        }
        if (dirty)
            clear_round(x, &sl[i]);
        if (stateless) {
            tb = threat_behaviours(ec, pc->p, &cf[i], &sl[i], gap, defiances);
            if (cf[i].memo_quiet) {
                pass_over(&cf[i]);
                continue;
            }
            cf[i].clean = 0;
            ent_exit_patron_view lv;
            threat_light(ec, gap, defiances, &lv);
            lv.type = ptype;
            pd = (ent_exit_patron_decision){ 0, 0, 0.0, 0 };
            ent_i_exit_decide_from(&tb[ptype], &lv, &pd, r);
            /* an opening that drew is not kept (a replay would not draw) */
            if (threat_draws(&tb[ptype]))
                rp = NULL;
        } else {
            pd = (ent_exit_patron_decision){ 0, 0, 0.0, 0 };
            patron_views_in(run, sl, &es, i, ENT_EXIT_THREAT, &tv);
            pc->type->decide(pc->p, pstate, as_type(&tv, ptype), &pd, r);
        }
        double demand = demand_made(pd.demand);
        x->exit_demand = demand;
        if (pd.threat && demand > 0.0) {
            unsigned instr = pd.instrument & ENT_INSTR_ALL;
            x->threatened = 1;
            x->instrument = instr ? instr : ENT_INSTR_DRAWDOWN;
        }
        /* what the ally saw, and how likely it was under each type (the
        ** behaviour function depends on the state, which the decision leaves
        ** as it was: a learning patron moves only when it observes) */
        double pre[2];
        for (int ty = 0; ty < 2; ty++) {
            if (stateless) {
                pre[ty] = likelihood_of(x, &tb[ty]);
            } else {
                as_type(&tv, ty);
                pre[ty] = signal_likelihood(x, &tv.v, prule, pc->p, pstate, &sl[i].abandon[ty]);
            }
        }
        if (isnan(pre[0]) || isnan(pre[1]))
            sl[i].uninformative = 1;
        else
            sl[i].lik[0] = pre[0], sl[i].lik[1] = pre[1];
        if (demand <= 0.0) {
            if (rp)
                keep_opening(rp, a, gap, defiances, binding_of(ec, &es, i), x, &sl[i], &cf[i]);
            continue;
        }
        if (x->threatened) {
            x->n_threats++;
            double binding = binding_of(ec, &es, i);
            harm_cost(ec, &cf[i], x->instrument, binding, sl[i].cost_mult, &sl[i].harm, sl[i].cost_as);
            sl[i].cost = sl[i].cost_as[ptype];
            /* each type's P(carried out | defy), from the costs just formed
            ** (the view's, of the same binding and multiplier) */
            typed_view dv;
            if (stateless) {
                /* before the response: its defiances before this round */
                enforce_case k = { x->instrument, demand, ENT_RESP_DEFY, 0.0, x->n_defiances };
                enforce_light(ec, &cf[i], binding, sl[i].cost_mult, &k, &dv);
            } else {
                defied_from(&tv.v, x->instrument, demand, &dv.v);
                dv.drawdown[0] = tv.drawdown[0];
                dv.drawdown[1] = tv.drawdown[1];
            }
            execute_probs(ec, pc->p, pstate, &dv, cf[i].defied_exec);
            event(run, logs, stage, ENT_EV_THREATEN, 0, (int)i, demand);
        }

        const ent_strategy_choice *ac = &s->agents[i].strategy[stage];
        ent_exit_ally_view av;
        if (cf[i].ally_light)
            ally_light(run, &cf[i], x, i, &av, sl[i].harm);
        else
            ally_view_in(run, ec, &es, i, &av, sl[i].harm);
        if (x->threatened) {
            /* P(carried out | defy): each type's stated execution probability,
            ** weighted by the belief updated on this round's demand and threat */
            double mu = a->belief;
            const double *e = cf[i].defied_exec;
            double num = mu * sl[i].lik[1], den = num + (1.0 - mu) * sl[i].lik[0];
            double post = den > 0.0 ? num / den : mu;
            av.execute_prob = post * e[1] + (1.0 - post) * e[0];
            sl[i].exec_belief = av.execute_prob;
            sl[i].exec_own = e[ptype];
        }
        ent_exit_ally_decision ad = { ENT_RESP_DEFY, 0.0 };
        ac->type->decide(ac->p, ent_i_strategy_at(ss, i), &av, &ad, r);
        double offer = 0.0;
        int resp = ad.response;
        if (resp == ENT_RESP_COMPLY) {
            offer = demand;
        } else if (resp == ENT_RESP_PARTIAL) {
            offer = ad.concession > 0.0 ? ad.concession : 0.0;   /* also catches NaN */
            if (offer >= demand) { offer = demand; resp = ENT_RESP_COMPLY; }
            if (offer <= 0.0) resp = ENT_RESP_DEFY;
        } else {
            resp = ENT_RESP_DEFY;
        }
        x->response = resp;
        x->offer = x->proposal = offer;
        sl[i].required = demand;            /* take it or leave it, unless bargained */
        if (resp == ENT_RESP_DEFY)
            x->n_defiances++;
        event(run, logs, stage, resp == ENT_RESP_COMPLY ? ENT_EV_COMPLY
                          : resp == ENT_RESP_PARTIAL ? ENT_EV_CONCEDE : ENT_EV_DEFY,
              (int)i, 0, offer);
        if (rp)
            keep_opening(rp, a, gap, defiances, binding_of(ec, &es, i), x, &sl[i], &cf[i]);
    }
    consts_of(sl, run->n)->replayed += replayed;
    if (ec->closing == stage)
        ent_i_exit_settle(run, r);
}

void ent_i_exit_settle(ent_run *run, gsl_rng *r)
{
    const ent_scenario *s = run->scn;
    int stage = stage_of(s, &ent_stage_exit_leverage);
    const double *p = s->stages[stage].p;
    ent_i_exit_slot *sl = ent_i_run_stage_workspace(run, stage);
    const ent_strategy_choice *pc = &s->agents[0].strategy[stage];
    void *pstate = ent_i_run_strategy_state(run, stage, 0);
    ent_agent_state *pa = &run->agent[0];
    double Yp = pa->gdp;
    const exit_consts *ec = consts_of(sl, run->n);
    int burden = ec->burden;
    exit_states es = states_of(run, ec);
    ent_i_strategy_states ss = ent_i_run_strategy_states(run, stage);
    const exit_coef *cf = coefs_of(sl, run->n);
    /* read once, as in play: the loop's stores could alias them */
    const double payment = p[P_PAYMENT];
    /* without a payment share the patron's share of a deal is +0 (deals are
    ** finite sums of finite concessions, its GDP positive), and a payoff
    ** plus +0 is that payoff (payoffs are sums from +0, never -0): not added */
    const int pays = payment != 0.0;
    /* (one test per ally for both terms of the deals in force, which a sweep
    ** with burden_sharing and no payment leaves out) */
    const int in_force = pays || !burden;
    const int stateless = ec->stateless, ptype = ec->patron_type;
    const int patron_observes = pc->type->observe != NULL;
    const int logs = run->events != NULL;
    /* read once: the calls of the loop could change them, for all the compiler knows */
    const size_t n = run->n;
    ent_agent_state *const agents = run->agent;
    for (size_t i = 1; i < n; i++) {
        ent_agent_state *a = &agents[i];
        ent_i_exit_agent *x = ent_i_agent_at(es.own, i);
        /* deals in force from earlier rounds: the patron's share is paid now; the
        ** ally's spending is priced by burden_sharing when it is in the pipeline */
        if (in_force) {
            if (pays)
                pa->payoff += payment * x->deal_total / Yp;
            if (!burden)
                a->payoff -= x->deal_total / a->gdp;
        }
        if (x->exit_demand <= 0.0)
            continue;
        double c = x->proposal > 0.0 ? x->proposal : 0.0;
        double req = sl[i].required;
        int met = c > 0.0 && c >= req - 1e-9 * (req > 1.0 ? req : 1.0);
        if (c > 0.0) {
            x->concession = c;
            x->deal_total += c;
            sl[i].received_total += c;
            raise_share(run, a, a->share + c / a->gdp);
            if (a->share > x->floor_share)
                x->floor_share = a->share;
            a->payoff -= cf[i].autonomy * c / a->gdp;  /* sovereignty cost */
        }
        if (met) {
            x->n_deals++;
            if (!x->first_deal)
                x->first_deal = run->round;
            event(run, logs, stage, ENT_EV_DEAL, (int)i, 0, c);
        }
        /* the ENFORCE view as each type sees it: what the patron decides on
        ** and, unchanged by what follows (none of its fields is settled
        ** here), what each type observes */
        typed_view ev;
        int have_ev = 0;
        if (x->threatened && !met) {
            ent_exit_patron_decision pd = { 0, 0, 0.0, 0 };
            double e[2];
            if (stateless) {
                /* a stateless rule reads the few fields of enforce_light, and
                ** its decision is a draw from the behaviour asked */
                enforce_case k = { x->instrument, x->exit_demand, x->response, x->proposal,
                                   x->n_defiances - (x->response == ENT_RESP_DEFY) };
                if (as_defied(ec, &k)) {
                    /* the play's defied view, field for field: its answers */
                    e[0] = cf[i].defied_exec[0];
                    e[1] = cf[i].defied_exec[1];
                } else {
                    typed_view lv;
                    enforce_light(ec, &cf[i], binding_of(ec, &es, i), sl[i].cost_mult, &k, &lv);
                    execute_probs(ec, pc->p, pstate, &lv, e);
                }
                pd.execute = ent_i_exit_execute_from(e[ptype], r);
            } else {
                patron_views_in(run, sl, &es, i, ENT_EXIT_ENFORCE, &ev);
                have_ev = 1;
                execute_probs(ec, pc->p, pstate, &ev, e);
                pc->type->decide(pc->p, pstate, as_type(&ev, ptype), &pd, r);
            }
            if (!sl[i].uninformative && !isnan(e[0]) && !isnan(e[1]))
                for (int ty = 0; ty < 2; ty++)
                    sl[i].lik[ty] *= pd.execute ? e[ty] : 1.0 - e[ty];
            if (pd.execute) {
                x->enforcement = 1;
                x->harm = sl[i].harm;
                x->patron_cost = sl[i].cost;
                x->n_executions++;
                sl[i].harm_total += x->harm;
                event(run, logs, stage, ENT_EV_EXECUTE, 0, (int)i, x->harm);
                ent_i_run_patron_act(run, i, ENT_ACT_EXECUTED);
            } else {
                x->enforcement = 2;
                x->patron_cost = ec->audience_cost;
                x->n_bluffs_called++;
                event(run, logs, stage, ENT_EV_BACK_DOWN, 0, (int)i, x->patron_cost);
                ent_i_run_patron_act(run, i, ENT_ACT_BACKED_DOWN);
            }
            /* (else harm and cost are the +0 the opening cleared them to,
            ** which would leave the payoffs as they are) */
            a->payoff -= x->harm / a->gdp;
            pa->payoff -= x->patron_cost / Yp;
        } else if (x->threatened) {
            ent_i_run_patron_act(run, i, ENT_ACT_THREATENED);
        }
        if (patron_observes) {
            if (!have_ev)
                patron_views_in(run, sl, &es, i, ENT_EXIT_ENFORCE, &ev);
            /* each type's reward from the same history (exit.h) */
            for (int ty = 0; ty < 2; ty++) {
                double paid = ty == ptype ? x->patron_cost
                            : x->enforcement == 1 ? sl[i].cost_as[ty] : x->patron_cost;
                pc->type->observe(pc->p, pstate, as_type(&ev, ty), c - paid);
            }
        }
        if (cf[i].ally_observes) {
            const ent_strategy_choice *ac = &s->agents[i].strategy[stage];
            ent_exit_ally_view av;
            ally_view_in(run, ec, &es, i, &av, sl[i].harm);
            ac->type->observe(ac->p, ent_i_strategy_at(ss, i), &av,
                              -(x->harm + (1.0 + cf[i].autonomy) * c));
        }
    }
}

static void record(const ent_run *run, int stage, size_t i, double *out)
{
    (void)stage;
    if (i == 0) {
        double threats = 0, demand = 0, conc = 0, cost = 0;
        for (size_t j = 1; j < run->n; j++) {
            const ent_i_exit_agent *x = exit_agent(run, j);
            threats += x->threatened;
            demand += x->exit_demand;
            conc += x->concession;
            cost += x->patron_cost;
        }
        out[T_THREAT] = threats;
        out[T_INSTR] = NAN;
        out[T_DEMAND] = demand;
        out[T_RESP] = NAN;
        out[T_ENF] = NAN;
        out[T_CONC] = conc;
        out[T_HARM] = NAN;
        out[T_PCOST] = cost;
        return;
    }
    const ent_i_exit_agent *x = exit_agent(run, i);
    out[T_THREAT] = x->threatened;
    out[T_INSTR] = x->instrument;
    out[T_DEMAND] = x->exit_demand;
    out[T_RESP] = x->response < 0 ? NAN : x->response;
    out[T_ENF] = x->enforcement;
    out[T_CONC] = x->concession;
    out[T_HARM] = x->harm;
    out[T_PCOST] = x->patron_cost;
}

static void summarise(const ent_run *run, int stage, double *agent_out, double *run_out)
{
    const ent_i_exit_slot *sl = ent_i_run_stage_workspace(run, stage);
    ent_i_agent_states own = ent_i_run_agent_states(run, stage);
    size_t stride = run->n_agent_out;
    double tot[A_N] = { 0 };
    int first = 0;
    for (size_t i = 1; i < run->n; i++) {
        const ent_i_exit_agent *x = ent_i_agent_at(own, i);
        double *o = agent_out + i * stride;
        o[A_THREATS] = x->n_threats;
        o[A_EXEC] = x->n_executions;
        o[A_BLUFF] = x->n_bluffs_called;
        o[A_DEALS] = x->n_deals;
        o[A_CONC] = sl[i].received_total;
        o[A_HARM] = sl[i].harm_total;
        for (int j = 0; j < A_HARM; j++)
            tot[j] += o[j];
        if (x->first_deal && (!first || x->first_deal < first))
            first = x->first_deal;
    }
    double *o = agent_out;
    for (int j = 0; j < A_HARM; j++)
        o[j] = tot[j];
    o[A_HARM] = NAN;
    run_out[R_THREATS] = tot[A_THREATS];
    run_out[R_EXEC] = tot[A_EXEC];
    run_out[R_BLUFF] = tot[A_BLUFF];
    run_out[R_DEALS] = tot[A_DEALS];
    run_out[R_FIRST] = first ? first : NAN;
    run_out[R_TYPE] = consts_of(sl, run->n)->patron_type;
}

/* An ally's record by name (ent_run_agent_value), and the patron's type. */
static int agent_value(const ent_run *run, int stage, size_t i, const char *name, double *out)
{
    const ent_i_exit_agent *x = ent_i_run_agent_state(run, stage, i);
#define F(f) if (!strcmp(name, #f)) { *out = x->f; return 1; }
    F(threatened) F(instrument) F(exit_demand) F(response) F(offer) F(proposal) F(concession)
    F(enforcement) F(harm) F(patron_cost) F(deal_total) F(floor_share) F(n_threats)
    F(n_executions) F(n_bluffs_called) F(n_deals) F(n_defiances) F(first_deal)
#undef F
    if (i == 0 && !strcmp(name, "patron_type")) {
        *out = consts_of(ent_i_run_stage_workspace(run, stage), run->n)->patron_type;
        return 1;
    }
    return 0;
}

const ent_stage_type ent_stage_exit_leverage = {
    .name = "exit_leverage",
    .doc = "demands backed by threats of drawdown, tariffs or technology controls (linked or not); "
           "the ally complies, concedes part or defies; the patron (of private type) carries the "
           "threat out or backs down",
    .params = params, .n_params = P_N,
    .default_ally_strategy = "expected_utility",
    .default_patron_strategy = "typed",
    /* with the rule strategies of bargaining and ratification */
    .strategies = ent_exit_strategies,
    .trace = trace_cols, .n_trace = T_N,
    .agent_outcomes = agent_cols, .n_agent_outcomes = A_N,
    .run_outcomes = run_cols, .n_run_outcomes = R_N,
    .workspace_size = workspace_size,
    .reset = reset, .play = play, .record = record, .summarise = summarise,
    .agent_size = sizeof(ent_i_exit_agent), .agent_value = agent_value,
    .agent_params = agent_params, .n_agent_params = AP_N,
};

/* One threat of the menu: demand and instruments given, everything else from
** the stage's own views and the patron strategy's behaviour function, at the
** mean cost shock. */
static int fill_threat(const ent_run *run, ent_i_exit_slot *sl, size_t i, double demand, unsigned instr,
                       ent_signal_game *g)
{
    int stage = stage_of(run->scn, &ent_stage_exit_leverage);
    const exit_consts *ec = consts_of(sl, run->n);
    const exit_coef *cf = coefs_of(sl, run->n);
    const ent_strategy_choice *pc = &run->scn->agents[0].strategy[stage];
    void *pstate = ent_i_run_strategy_state(run, stage, 0);
    const ent_agent_state *a = &run->agent[i];
    memset(g, 0, sizeof *g);
    g->prior = a->belief;
    g->demand = demand;
    g->instrument = instr;
    g->autonomy = run->scn->agents[i].p[ec->base + AP_AUTONOMY];
    g->audience_cost = ec->audience_cost;
    int kr = ent_param_find(pc->type->params, pc->type->n_params, "resolve");
    double h, cost[2];
    harm_cost(ec, &cf[i], instr, ent_i_hedging_binding(run, i), 1.0, &h, cost);
    for (int ty = 0; ty < 2; ty++) {
        g->cost[ty] = cost[ty];
        g->harm = h;
        ent_exit_patron_view dv;
        ent_exit_behaviour e;
        defied_view(run, sl, i, ty, instr, demand, &dv);
        if (ent_exit_patron_behaviour(pc->type, pc->p, pstate, &dv, &e) != 0)
            return -1;
        g->execute[ty] = e.execute;
        /* resolve is the transactional rule's; `transactional` plays it for both types */
        g->resolve[ty] = kr >= 0 && (ty == ENT_TYPE_TRANSACTIONAL || strcmp(pc->type->name, "transactional") == 0)
                         ? pc->p[kr] : 0.0;
    }
    return 0;
}

static unsigned threat_instruments(unsigned bits)
{
    bits &= ENT_INSTR_ALL;
    return bits ? bits : ENT_INSTR_DRAWDOWN;
}

int ent_exit_signal_menu(const ent_run *run, size_t i, ent_signal_menu *m)
{
    int stage = stage_of(run->scn, &ent_stage_exit_leverage);
    if (stage < 0 || i == 0 || i >= run->n)
        return -1;
    ent_i_exit_slot *sl = ent_i_run_stage_workspace(run, stage);
    const ent_strategy_choice *pc = &run->scn->agents[0].strategy[stage];
    void *pstate = ent_i_run_strategy_state(run, stage, 0);
    ent_exit_behaviour b[2];
    for (int ty = 0; ty < 2; ty++) {
        ent_exit_patron_view v;
        patron_view_as(run, sl, i, ENT_EXIT_THREAT, ty, &v);
        if (ent_exit_patron_behaviour(pc->type, pc->p, pstate, &v, &b[ty]) != 0)
            return -1;
        b[ty].demand = demand_made(b[ty].demand);
    }
    memset(m, 0, sizeof *m);
    m->stated[0] = m->stated[1] = -1;
    /* the threats stated, the transactional type's first */
    for (int k = 0, ty = ENT_TYPE_TRANSACTIONAL; k < 2; k++, ty = 1 - ty) {
        if (!(b[ty].demand > 0.0 && b[ty].threat > 0.0))
            continue;
        unsigned instr = threat_instruments(b[ty].instrument);
        for (int j = 0; j < m->n && m->stated[ty] < 0; j++)
            if (m->threat[j].instrument == instr &&
                fabs(m->threat[j].demand - b[ty].demand) <= 1e-12 * (b[ty].demand > 1.0 ? b[ty].demand : 1.0))
                m->stated[ty] = j;
        if (m->stated[ty] < 0) {
            if (fill_threat(run, sl, i, b[ty].demand, instr, &m->threat[m->n]) != 0)
                return -1;
            m->stated[ty] = m->n++;
        }
    }
    if (m->n == 0) {
        /* neither threatens: would either, with the demand it makes? */
        int who = b[ENT_TYPE_TRANSACTIONAL].demand > 0.0 ? ENT_TYPE_TRANSACTIONAL : ENT_TYPE_COMMITTED;
        if (!(b[who].demand > 0.0))
            return 1;
        if (fill_threat(run, sl, i, b[who].demand, threat_instruments(b[who].instrument), &m->threat[0]) != 0)
            return -1;
        m->n = 1;
    }
    return 0;
}
