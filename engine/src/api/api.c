/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** api.c: the conveniences of api.h: diagnostics on the heap, seed and
** rounds, a run's folder, reading a run, a sweep file run whole.
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "entente/api.h"
#include "entente/stage.h"
#include "entente/sweep.h"
#include "core/status.h"
#include "io/resdir.h"
#include "sim/run_int.h"

/* ---- diagnostics ------------------------------------------------------------ */

ent_diags *ent_diags_new(const char *file)
{
    size_t n = strlen(file ? file : "") + 1;
    ent_diags *d = malloc(sizeof *d + n);
    if (!d)
        return NULL;
    char *name = (char *)(d + 1);
    memcpy(name, file ? file : "", n);
    ent_diags_init(d, name);
    return d;
}

void ent_diags_free(ent_diags *d)
{
    free(d);
}

char *ent_diags_format(const ent_diags *d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    ent_diags_print(d, f);
    if (fclose(f)) {
        free(buf);
        return NULL;
    }
    return buf;
}

void ent_free(void *p)
{
    free(p);
}

/* ---- parameters --------------------------------------------------------------- */

/* ---- a run's folder ----------------------------------------------------------- */

ent_status ent_run_save(const ent_run *run, const char *dir, uint64_t seed, double wall,
                        const char **sets, size_t n_sets)
{
    char err[9000];
    ent_dirlock lock;
    ent_staged st;
    memset(&lock, 0, sizeof lock);
    memset(&st, 0, sizeof st);
    lock.fd = -1;
    if (ent_dirlock_take(&lock, dir, err, sizeof err))
        return ent_i_fail(errno == EWOULDBLOCK ? ENT_ELOCKED : ENT_EIO, "%s", err);
    if (ent_staged_begin(&st, dir, 1, 1, err, sizeof err)) {
        ent_dirlock_release(&lock);
        return ent_i_fail(ENT_EIO, "%s", err);
    }
    ent_status rc = ent_results_write(run, st.stage, "run", seed, wall, sets, n_sets);
    if (rc == ENT_OK && ent_staged_commit(&st, NULL, err, sizeof err) != 0)
        rc = ent_i_fail(ENT_EIO, "%s", err);
    ent_staged_discard(&st);
    ent_dirlock_release(&lock);
    return rc;
}

/* ---- reading a run -------------------------------------------------------------- */

int ent_run_rounds_played(const ent_run *run)
{
    return run->rounds_played;
}

size_t ent_run_agents(const ent_run *run)
{
    return run->n;
}

const char *ent_run_agent_code(const ent_run *run, size_t agent)
{
    return agent < run->n ? run->scn->agents[agent].code : NULL;
}

size_t ent_run_columns(const ent_run *run, ent_run_table table)
{
    switch (table) {
    case ENT_TABLE_TRACE: return run->n_trace;
    case ENT_TABLE_AGENT_OUTCOMES: return run->n_agent_out;
    case ENT_TABLE_RUN_OUTCOMES: return run->n_run_out;
    }
    return 0;
}

const char *ent_run_column_name(const ent_run *run, ent_run_table table, size_t column)
{
    const ent_column *cols[1024];
    if (column >= ent_run_columns(run, table) || column >= 1024)
        return NULL;
    size_t got = table == ENT_TABLE_TRACE ? ent_run_trace_columns(run, cols, column + 1)
               : table == ENT_TABLE_AGENT_OUTCOMES ? ent_run_agent_outcome_columns(run, cols, column + 1)
               : ent_run_run_outcome_columns(run, cols, column + 1);
    return got > column ? cols[column]->name : NULL;
}

double ent_run_value(const ent_run *run, ent_run_table table, int round, size_t agent, size_t column)
{
    if (column >= ent_run_columns(run, table))
        return NAN;
    switch (table) {
    case ENT_TABLE_TRACE:
        if (!run->trace || round < 1 || round > run->rounds_played || agent >= run->n)
            return NAN;
        return ent_run_trace_row(run, round, agent)[column];
    case ENT_TABLE_AGENT_OUTCOMES:
        return agent < run->n ? run->agent_out[agent * run->n_agent_out + column] : NAN;
    case ENT_TABLE_RUN_OUTCOMES:
        return run->run_out[column];
    }
    return NAN;
}

size_t ent_run_events(const ent_run *run)
{
    return run->n_events;
}

ent_status ent_run_event_at(const ent_run *run, size_t k, int *round, const char **stage,
                            const char **kind, int *actor, int *target, double *value)
{
    if (k >= run->n_events)
        return ENT_EINVAL;
    const ent_event *e = &run->events[k];
    if (round) *round = e->round;
    if (stage) *stage = run->scn->stages[e->stage].type->name;
    if (kind) *kind = ent_event_names[e->kind];
    if (actor) *actor = e->actor;
    if (target) *target = e->target;
    if (value) *value = e->value;
    return ENT_OK;
}

/* ---- sweeps ------------------------------------------------------------------ */

ent_status ent_sweep_file(const char *file, const char *out_dir, uint64_t points,
                          uint64_t replicates, int has_seed, uint64_t seed, int rounds,
                          unsigned threads, ent_diags *d, ent_diags *scn_d)
{
    char scn_path[4096];
    ent_scenario *s = NULL;
    ent_sweep_spec *sp = ent_sweep_load(file, scn_path, sizeof scn_path, &s, d, scn_d);
    if (!sp)
        return ent_i_fail(ENT_EINPUT, "%s has errors", file);
    ent_status rc = ENT_EINPUT;
    if (points) sp->points = points;
    if (replicates) sp->replicates = replicates;
    if (has_seed) {
        sp->seed = seed;
        sp->has_seed = true;
    }
    if (rounds && ent_scenario_set_rounds(s, rounds)) {
        ent_diags_addf(d, 0, 0, "rounds must be a whole number from 1 to 100000, got %d", rounds);
        goto done;
    }
    if (ent_sweep_check(sp, d))
        goto done;
    ent_sweep_options o;
    memset(&o, 0, sizeof o);
    o.threads = threads;
    o.runs_columns = ENT_RUNS_ALL;
    o.out_dir = out_dir;
    ent_sweep_result res;
    char err[512] = "";
    rc = (ent_status)ent_sweep_run(s, sp, &o, &res, err, sizeof err);
    if (rc != ENT_OK)
        ent_i_fail(rc, "%s", err);
done:
    if (rc == ENT_EINPUT)
        ent_i_fail(ENT_EINPUT, "%s has errors", file);
    ent_sweep_spec_free(sp);
    ent_scenario_free(s);
    return rc;
}
