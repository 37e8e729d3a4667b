/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** plot_schema.c: the accepted names of result files and columns (see
** plot_schema.h). Reconcile here when another command renames a column.
*/
#include <string.h>
#include "entente/stage.h"
#include "plot_schema.h"

#define NAMES(...) (const char *const[]){ __VA_ARGS__, NULL }

const char *const *const ent_schema_names[ENT_C_COUNT] = {
    [ENT_C_ROUND] = NAMES("round"),
    [ENT_C_AGENT] = NAMES("agent"),
    [ENT_C_ROLE] = NAMES("role"),
    [ENT_C_SHARE] = NAMES("contribution_share"),
    [ENT_C_DEMAND] = NAMES("demand"),
    [ENT_C_BURDEN] = NAMES("burden_share"),
    [ENT_C_BANDWAGON] = NAMES("bandwagon", "w_bandwagon", "portfolio_bandwagon"),
    [ENT_C_BALANCE] = NAMES("balance", "w_balance", "portfolio_balance"),
    [ENT_C_BIND] = NAMES("bind", "w_bind", "portfolio_bind"),
    [ENT_C_SUPPORT] = NAMES("support", "domestic_support"),
    [ENT_C_WINSET] = NAMES("win_set", "winset"),
    [ENT_C_EVENT] = NAMES("event"),
    [ENT_C_ACTOR] = NAMES("actor"),
    [ENT_C_TARGET] = NAMES("target"),
    [ENT_C_VALUE] = NAMES("value"),
    [ENT_C_GDP] = NAMES("gdp"),
    [ENT_C_POINT] = NAMES("point"),
    [ENT_C_REPLICATE] = NAMES("replicate"),
    [ENT_C_SEED] = NAMES("seed"),
    [ENT_C_OUTCOME] = NAMES("outcome"),
    [ENT_C_N] = NAMES("n"),
    [ENT_C_MEAN] = NAMES("mean"),
    [ENT_C_SD] = NAMES("sd", "std"),
    [ENT_C_CI_LO] = NAMES("ci_low", "ci95_low", "ci_lo", "ci_lower", "lower"),
    [ENT_C_CI_HI] = NAMES("ci_high", "ci95_high", "ci_hi", "ci_upper", "upper"),
    [ENT_C_MEDIAN] = NAMES("median"),
    [ENT_C_Q05] = NAMES("q05", "p05", "q5", "quantile_05"),
    [ENT_C_Q95] = NAMES("q95", "p95", "quantile_95"),
    [ENT_C_STRATEGY] = NAMES("strategy"),
    [ENT_C_RANK] = NAMES("rank"),
    [ENT_C_SCORE] = NAMES("mean_score", "mean_score_per_turn", "score_per_turn", "score", "mean_payoff"),
    [ENT_C_SPREAD] = NAMES("score_sd", "sd", "std", "score_std", "sd_score"),
    [ENT_C_WINS] = NAMES("wins"),
    [ENT_C_COOP] = NAMES("cooperation_rate", "cooperation", "coop_rate"),
    [ENT_C_TIME] = NAMES("time", "t", "generation", "step"),
    [ENT_C_PARAM] = NAMES("parameter", "param", "path"),
    [ENT_C_S1] = NAMES("S1", "first_order", "s1"),
    [ENT_C_S1_LO] = NAMES("S1_low", "S1_lo", "first_order_low", "s1_low", "S1_ci_low"),
    [ENT_C_S1_HI] = NAMES("S1_high", "S1_hi", "first_order_high", "s1_high", "S1_ci_high"),
    [ENT_C_ST] = NAMES("ST", "total", "total_order", "st"),
    [ENT_C_ST_LO] = NAMES("ST_low", "ST_lo", "total_low", "total_order_low", "st_low", "ST_ci_low"),
    [ENT_C_ST_HI] = NAMES("ST_high", "ST_hi", "total_high", "total_order_high", "st_high", "ST_ci_high"),
};

const char *const ent_schema_population_files[] = {
    "replicator.csv", "population.csv", "evolution.csv", "dynamics.csv", NULL
};

const ent_line_plot ent_schema_lines[] = {
    { NAMES("belief", "belief_transactional"), "beliefs",
      "beliefs that the patron is transactional", "belief", "probability", 1 },
    { NAMES("hedging_index"), "hedging", "hedging index (distance from pure bandwagoning)",
      "hedging index", "fraction", 1 },
    { NAMES("commitment"), "commitment", "commitment to the patron", "commitment", "fraction", 1 },
    { NAMES("abandonment_fear", "fear_abandonment", "abandonment"), "abandonment",
      "fear of abandonment", "expected abandonment cost", "utility", 1 },
    { NAMES("entrapment_fear", "fear_entrapment", "entrapment"), "entrapment",
      "fear of entrapment", "expected entrapment cost", "utility", 1 },
    { NAMES("cum_payoff"), "payoff", "cumulative discounted payoff", "cumulative payoff", "utility", 0 },
};
const size_t ent_schema_n_lines = sizeof ent_schema_lines / sizeof ent_schema_lines[0];

const char *const ent_schema_event_kinds[] = {
    "threaten", "execute", "back_down", "comply", "concede", "defy", "deal", "ratify_fail", NULL
};

int ent_schema_find(const ent_table *t, const char *const *names)
{
    for (size_t i = 0; names[i]; i++) {
        int c = ent_table_col(t, names[i]);
        if (c >= 0)
            return c;
    }
    return -1;
}

int ent_schema_col(const ent_table *t, ent_logical_col k)
{
    return ent_schema_find(t, ent_schema_names[k]);
}

const char *ent_schema_colname(const ent_table *t, ent_logical_col k)
{
    int c = ent_schema_col(t, k);
    return c >= 0 ? t->head[c] : ent_schema_names[k][0];
}

const char *ent_schema_unit(const char *column)
{
    for (size_t s = 0; ent_stage_types[s]; s++) {
        const ent_stage_type *st = ent_stage_types[s];
        for (size_t c = 0; c < st->n_trace; c++)
            if (!strcmp(st->trace[c].name, column))
                return st->trace[c].unit;
    }
    return NULL;
}
