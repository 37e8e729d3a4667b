/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** api.h: what a program (or another language, through a foreign function
** interface) needs around a run besides the structures: diagnostics on the
** heap, parameter changes by path as `--set PATH=VALUE` makes them, the seed
** and the rounds, writing a run's files as `entente run` writes them,
** running a sweep file; it includes results.h (a run's files) and status.h
** (the message of the last failure).
** See docs/api.md.
*/
#ifndef ENT_API_H
#define ENT_API_H

#include "entente/export.h"
ENT_BEGIN_DECLS

#include <stddef.h>
#include <stdint.h>
#include "entente/diag.h"
#include "entente/results.h"
#include "entente/run.h"
#include "entente/scenario.h"
#include "entente/status.h"

/* ---- diagnostics ------------------------------------------------------------ */

/* A diagnostics collector for FILE (the name is copied). Free with
** ent_diags_free. NULL when out of memory. */
ent_diags *ent_diags_new(const char *file);
void ent_diags_free(ent_diags *d);
/* Every kept error as ent_diags_print prints it (FILE:LINE:COL: error: MSG
** lines), in a new string to free with ent_free; NULL when out of memory. */
char *ent_diags_format(const ent_diags *d);
/* Free what the library allocated for the caller (ent_diags_format). */
void ent_free(void *p);

/* ---- parameters --------------------------------------------------------------- */

/* Parameter changes by path, as --set makes them: ent_scenario_set; the
** seed and the rounds: ent_scenario_set_seed, ent_scenario_set_rounds
** (scenario.h). */

/* ---- a run's files ------------------------------------------------------------ */

/* ent_results_write and ent_results_write_extra: results.h. */
/* The folder of `entente run --out DIR`: DIR (created with its parents) is
** replaced as a whole, under a lock, once every file is complete; the
** manifest's command is "run". ENT_OK; ENT_ELOCKED when another process
** is writing DIR; ENT_EIO or ENT_ENOMEM (ent_last_error says why). */
ent_status ent_run_save(const ent_run *run, const char *dir, uint64_t seed, double wall,
                        const char **sets, size_t n_sets);

/* ---- reading a run -------------------------------------------------------------- */

/* The tables of a run, as its CSV files hold them (besides their key columns). */
typedef enum {
    ENT_TABLE_TRACE = 0,            /* per round and agent (trace.csv) */
    ENT_TABLE_AGENT_OUTCOMES,       /* per agent (outcomes.csv, first part) */
    ENT_TABLE_RUN_OUTCOMES          /* of the run (outcomes.csv, last part) */
} ent_run_table;

/* Rounds played, agents (0 is the patron) and an agent's code. */
int ent_run_rounds_played(const ent_run *run);
size_t ent_run_agents(const ent_run *run);
const char *ent_run_agent_code(const ent_run *run, size_t agent);
/* Columns of a table, a column's name (NULL past the last). */
size_t ent_run_columns(const ent_run *run, ent_run_table table);
const char *ent_run_column_name(const ent_run *run, ent_run_table table, size_t column);
/* A value: round (1-based) and agent matter for the trace, the agent for
** agent outcomes, neither for run outcomes. NaN: missing, or out of range. */
double ent_run_value(const ent_run *run, ent_run_table table, int round, size_t agent, size_t column);
/* Events kept, and event k: its round, stage name, kind name, actor and
** target (-1: none) agent indices and value. ENT_OK; ENT_EINVAL past the last. */
size_t ent_run_events(const ent_run *run);
ent_status ent_run_event_at(const ent_run *run, size_t k, int *round, const char **stage,
                            const char **kind, int *actor, int *target, double *value);

/* ---- sweeps ------------------------------------------------------------------ */

/* `entente sweep FILE --out DIR --quiet`, with --points, --replicates,
** --rounds, --threads when non-zero and --seed when has_seed: writes
** runs.csv, summary.csv and manifest.json into DIR. Returns ENT_OK;
** ENT_EINPUT when FILE or its scenario has errors (the sweep file's in d,
** the scenario's in scn_d, FILE:LINE:COL); the sweep's status (ENT_EIO,
** ENT_ELOCKED, ...) when it fails, with ent_last_error saying why. */
ent_status ent_sweep_file(const char *file, const char *out_dir, uint64_t points,
                          uint64_t replicates, int has_seed, uint64_t seed, int rounds,
                          unsigned threads, ent_diags *d, ent_diags *scn_d);

/* ---- errors ------------------------------------------------------------------ */

/* ent_status, ent_status_message, ent_last_error, ent_last_status and the
** error hook: status.h. */

ENT_END_DECLS

#endif
