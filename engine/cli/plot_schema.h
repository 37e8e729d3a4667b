/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** plot_schema.h: every file and column name that `entente plot` and
** `entente report` expect in a result folder, in one place. Each logical
** column accepts a list of names (the first is the preferred one), so that a
** renamed column in another command's output is a one-line change here.
*/
#ifndef ENT_PLOT_SCHEMA_H
#define ENT_PLOT_SCHEMA_H

#include <stddef.h>
#include "entente/csv.h"

/* Logical columns; ent_schema_names[k] lists the accepted header names. */
typedef enum {
    /* run: trace.csv */
    ENT_C_ROUND, ENT_C_AGENT, ENT_C_ROLE, ENT_C_SHARE, ENT_C_DEMAND, ENT_C_BURDEN,
    ENT_C_BANDWAGON, ENT_C_BALANCE, ENT_C_BIND, ENT_C_SUPPORT, ENT_C_WINSET,
    /* run: events.csv and outcomes.csv */
    ENT_C_EVENT, ENT_C_ACTOR, ENT_C_TARGET, ENT_C_VALUE, ENT_C_GDP,
    /* sweep: runs.csv, summary.csv */
    ENT_C_POINT, ENT_C_REPLICATE, ENT_C_SEED, ENT_C_OUTCOME, ENT_C_N, ENT_C_MEAN, ENT_C_SD,
    ENT_C_CI_LO, ENT_C_CI_HI, ENT_C_MEDIAN, ENT_C_Q05, ENT_C_Q95,
    /* tournament: ranking.csv, replicator.csv */
    ENT_C_STRATEGY, ENT_C_RANK, ENT_C_SCORE, ENT_C_SPREAD, ENT_C_WINS, ENT_C_COOP, ENT_C_TIME,
    /* sensitivity.csv */
    ENT_C_PARAM, ENT_C_S1, ENT_C_S1_LO, ENT_C_S1_HI, ENT_C_ST, ENT_C_ST_LO, ENT_C_ST_HI,
    ENT_C_COUNT
} ent_logical_col;

extern const char *const *const ent_schema_names[ENT_C_COUNT];

/* Result files. Several names are accepted where other commands are still
** settling theirs; the first that exists is read. */
#define ENT_F_MANIFEST "manifest.json"
#define ENT_F_TRACE "trace.csv"
#define ENT_F_OUTCOMES "outcomes.csv"
#define ENT_F_EVENTS "events.csv"
#define ENT_F_RUNS "runs.csv"
#define ENT_F_SUMMARY "summary.csv"
#define ENT_F_RANKING "ranking.csv"
#define ENT_F_MATRIX "payoff_matrix.csv"
#define ENT_F_SENSITIVITY "sensitivity.csv"
extern const char *const ent_schema_population_files[];   /* replicator shares over time */

/* A per-agent trace column drawn as one line per agent (run_lines.gp). */
typedef struct {
    const char *const *names;   /* accepted header names */
    const char *plot;           /* output name, without extension */
    const char *what;           /* panel title */
    const char *label;          /* axis label without unit */
    const char *unit;           /* unit if the stage registry does not give one */
    int allies_only;
} ent_line_plot;
extern const ent_line_plot ent_schema_lines[];
extern const size_t ent_schema_n_lines;

/* Events marked on the run's timeline, in legend order. */
extern const char *const ent_schema_event_kinds[];

/* Column index in t of logical column k, or -1 (tries every accepted name). */
int ent_schema_col(const ent_table *t, ent_logical_col k);
/* The header name found for k, or the preferred name if absent. */
const char *ent_schema_colname(const ent_table *t, ent_logical_col k);
/* Index of the first of `names` present in t, or -1. */
int ent_schema_find(const ent_table *t, const char *const *names);
/* The unit of a trace column according to the stage registry, or NULL. */
const char *ent_schema_unit(const char *column);

#endif
