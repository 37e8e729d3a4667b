/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** results.c: the result files of one run (trace.csv, outcomes.csv,
** events.csv, manifest.json), written by the library for `run`, `play` and
** any program that links it (results.h).
*/
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "entente/results.h"
#include "entente/run.h"
#include "entente/scenario.h"
#include "entente/version.h"
#include "core/status.h"
#include "io/atomic.h"
#include "io/numfmt.h"
#include "sim/run_int.h"

/* A weight a stage resolves at the start of a run (burden_sharing's alpha0
** and psi), or `none` when no stage of the pipeline does. */
static double resolved(const ent_run *run, size_t i, const char *name, double none)
{
    double v;
    return ent_run_agent_get(run, i, name, &v) == 0 ? v : none;
}

static const char *role_of(size_t i) { return i == 0 ? "patron" : "ally"; }

static int write_trace(const ent_run *run, const char *dir)
{
    ent_outfile o;
    if (ent_outfile_open(&o, dir, "trace.csv"))
        return -1;
    const ent_column *cols[256];
    size_t nc = ent_run_trace_columns(run, cols, 256);
    fputs("round,agent,role", o.f);
    for (size_t c = 0; c < nc; c++)
        fprintf(o.f, ",%s", cols[c]->name);
    fputc('\n', o.f);
    for (int t = 1; t <= run->rounds_played; t++)
        for (size_t i = 0; i < run->n; i++) {
            fprintf(o.f, "%d,%s,%s", t, run->scn->agents[i].code, role_of(i));
            const double *row = ent_run_trace_row(run, t, i);
            for (size_t c = 0; c < nc; c++) {
                fputc(',', o.f);
                ent_csv_num(o.f, row[c]);
            }
            fputc('\n', o.f);
        }
    return ent_outfile_commit(&o);
}

static int write_outcomes(const ent_run *run, const char *dir)
{
    ent_outfile o;
    if (ent_outfile_open(&o, dir, "outcomes.csv"))
        return -1;
    const ent_column *acols[256], *rcols[256];
    size_t na = ent_run_agent_outcome_columns(run, acols, 256);
    size_t nr = ent_run_run_outcome_columns(run, rcols, 256);
    fputs("agent,name,role,gdp", o.f);
    for (size_t c = 0; c < na; c++)
        fprintf(o.f, ",%s", acols[c]->name);
    for (size_t c = 0; c < nr; c++)
        fprintf(o.f, ",%s", rcols[c]->name);
    fputc('\n', o.f);
    for (size_t i = 0; i < run->n; i++) {
        const ent_agent_spec *a = &run->scn->agents[i];
        fprintf(o.f, "%s,", a->code);
        ent_csv_str(o.f, a->name);
        fprintf(o.f, ",%s,", role_of(i));
        ent_csv_num(o.f, a->gdp);
        for (size_t c = 0; c < na; c++) {
            fputc(',', o.f);
            ent_csv_num(o.f, run->agent_out[i * run->n_agent_out + c]);
        }
        for (size_t c = 0; c < nr; c++) {
            fputc(',', o.f);
            ent_csv_num(o.f, run->run_out[c]);
        }
        fputc('\n', o.f);
    }
    return ent_outfile_commit(&o);
}

static int write_events(const ent_run *run, const char *dir)
{
    ent_outfile o;
    if (ent_outfile_open(&o, dir, "events.csv"))
        return -1;
    fputs("round,stage,event,actor,target,value\n", o.f);
    for (size_t k = 0; k < run->n_events; k++) {
        const ent_event *e = &run->events[k];
        fprintf(o.f, "%d,%s,%s,%s,%s,", e->round, run->scn->stages[e->stage].type->name,
                ent_event_names[e->kind], run->scn->agents[e->actor].code,
                e->target >= 0 ? run->scn->agents[e->target].code : "NA");
        ent_csv_num(o.f, e->value);
        fputc('\n', o.f);
    }
    return ent_outfile_commit(&o);
}

static void json_params(FILE *f, const ent_param_desc *t, size_t n, const double *p)
{
    fputc('{', f);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "%s", i ? ", " : "");
        ent_json_str(f, t[i].name);
        fputs(": ", f);
        if (t[i].type == ENT_P_ENUM && !isnan(p[i]))
            ent_json_str(f, t[i].choices[(int)p[i]]);
        else if (t[i].type == ENT_P_BOOL)
            fputs(p[i] != 0.0 ? "true" : "false", f);
        else
            ent_json_num(f, p[i]);
    }
    fputc('}', f);
}

static int write_manifest(const ent_run *run, const char *dir, const char *command, uint64_t seed,
                          double wall, const char **sets, size_t n_sets, const char *extra)
{
    const ent_scenario *s = run->scn;
    ent_outfile o;
    if (ent_outfile_open(&o, dir, "manifest.json"))
        return -1;
    FILE *f = o.f;
    fprintf(f, "{\n  \"entente_version\": ");
    ent_json_str(f, ent_version());
    fprintf(f, ",\n  \"command\": ");
    ent_json_str(f, command);
    fprintf(f, ",\n  \"scenario\": {\"path\": ");
    ent_json_str(f, s->path);
    fprintf(f, ", \"name\": ");
    ent_json_str(f, s->name);
    fprintf(f, ", \"sha256\": \"%s\"},\n", s->sha256);
    fprintf(f, "  \"description\": ");
    ent_json_str(f, s->description ? s->description : "");
    fprintf(f, ",\n  \"references\": [");
    for (size_t i = 0; i < s->n_references; i++) {
        fprintf(f, "%s", i ? ", " : "");
        ent_json_str(f, s->references[i]);
    }
    fprintf(f, "],\n  \"seed\": %llu,\n  \"point\": 0,\n  \"replicate\": 0,\n  \"rng\": \"%s\",\n",
            (unsigned long long)seed, gsl_rng_name(run->rng));
    fprintf(f, "  \"rounds\": %d,\n  \"rounds_played\": %d,\n  \"discount\": ", s->rounds, run->rounds_played);
    ent_json_num(f, s->discount);
    fprintf(f, ",\n  \"random_end\": %s,\n  \"overrides\": [", s->random_end ? "true" : "false");
    for (size_t i = 0; i < n_sets; i++) {
        fprintf(f, "%s", i ? ", " : "");
        ent_json_str(f, sets[i]);
    }
    fprintf(f, "],\n  \"stages\": [\n");
    for (size_t st = 0; st < s->n_stages; st++) {
        const ent_stage_type *t = s->stages[st].type;
        fprintf(f, "    {\"stage\": ");
        ent_json_str(f, t->name);
        fprintf(f, ", \"params\": ");
        json_params(f, t->params, t->n_params, s->stages[st].p);
        fprintf(f, "}%s\n", st + 1 < s->n_stages ? "," : "");
    }
    fprintf(f, "  ],\n  \"agents\": [\n");
    /* the core's fields and the stages' agent parameters, in their composed order */
    ent_agent_param fields[ENT_MAX_AGENT_FIELDS];
    size_t n_fields = ent_agent_params(fields, ENT_MAX_AGENT_FIELDS);
    for (size_t i = 0; i < s->n_agents; i++) {
        const ent_agent_spec *a = &s->agents[i];
        const ent_agent_state *st = &run->agent[i];
        fprintf(f, "    {\"code\": ");
        ent_json_str(f, a->code);
        fprintf(f, ", \"name\": ");
        ent_json_str(f, a->name);
        fprintf(f, ", \"role\": \"%s\", \"fields\": {", role_of(i));
        int first = 1;
        for (size_t k = 0; k < n_fields; k++) {
            const ent_param_desc *d = fields[k].desc;
            if (!(d->flags & (i == 0 ? ENT_F_PATRON : ENT_F_ALLY)))
                continue;
            fprintf(f, "%s", first ? "" : ", ");
            first = 0;
            ent_json_str(f, d->name);
            fputs(": ", f);
            ent_json_num(f, ent_i_agent_field_get(a, &fields[k]));
        }
        fprintf(f, "}, \"resolved\": {\"alpha0\": ");
        ent_json_num(f, resolved(run, i, "alpha0", NAN));
        fprintf(f, ", \"psi\": ");
        ent_json_num(f, resolved(run, i, "psi", 0.0));
        fprintf(f, ", \"demand\": ");
        ent_json_num(f, st->demand);
        fprintf(f, ", \"discount\": ");
        ent_json_num(f, st->discount);
        fprintf(f, "}, \"strategies\": {");
        int first_strategy = 1;
        for (size_t k = 0; k < s->n_stages; k++) {
            const ent_strategy_choice *c = &a->strategy[k];
            if (!c->type)
                continue;   /* a stage without strategies for this role */
            fprintf(f, "%s", first_strategy ? "" : ", ");
            first_strategy = 0;
            ent_json_str(f, s->stages[k].type->name);
            fprintf(f, ": {\"name\": ");
            ent_json_str(f, c->type->name);
            fprintf(f, ", \"params\": ");
            json_params(f, c->type->params, c->type->n_params, c->p);
            fputc('}', f);
        }
        fprintf(f, "}}%s\n", i + 1 < s->n_agents ? "," : "");
    }
    if (extra)
        fprintf(f, "  ],\n  %s,\n  \"events_dropped\": %zu,", extra,
                run->dropped_events);
    else
        fprintf(f, "  ],\n  \"events_dropped\": %zu,", run->dropped_events);
    fprintf(f, "\n  \"outputs\": [\"trace.csv\", \"outcomes.csv\", "
               "\"events.csv\", \"manifest.json\"],\n  \"wall_time_s\": %.6f\n}\n", wall);
    return ent_outfile_commit(&o);
}


ent_status ent_results_write_extra(const ent_run *run, const char *dir, const char *command,
                                   uint64_t seed, double wall, const char **sets, size_t n_sets,
                                   const char *extra)
{
    /* each writer has recorded its failure (core/status.h) */
    if (write_trace(run, dir) || write_outcomes(run, dir) || write_events(run, dir) ||
        write_manifest(run, dir, command, seed, wall, sets, n_sets, extra))
        return ent_last_status() != ENT_OK ? ent_last_status() : ENT_EIO;
    return ENT_OK;
}

ent_status ent_results_write(const ent_run *run, const char *dir, const char *command, uint64_t seed,
                      double wall, const char **sets, size_t n_sets)
{
    return ent_results_write_extra(run, dir, command, seed, wall, sets, n_sets, NULL);
}
