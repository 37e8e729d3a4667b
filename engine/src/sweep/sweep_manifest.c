/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** sweep_manifest.c: manifest.json of a sweep: what was run (version,
** scenario and sweep file digests, seed, design, parameters, counts), the
** same bytes for any number of threads or processes; and timing.json: how
** it ran (threads, processes, wall time, speed). `entente sensitivity` and
** `entente merge` read the manifest back.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "entente/design.h"
#include "entente/param.h"
#include "entente/scenario.h"
#include "entente/version.h"
#include "scenario/scenario_int.h"
#include "sweep/sweep_int.h"

static void dist_json(FILE *f, const ent_dist *d)
{
    fprintf(f, "{\"distribution\": \"%s\"", ent_dist_names[d->kind]);
    static const char *const names[ENT_DIST_COUNT][4] = {
        [ENT_DIST_UNIFORM] = { "min", "max" },
        [ENT_DIST_NORMAL] = { "mean", "sd" },
        [ENT_DIST_TRUNCNORMAL] = { "mean", "sd", "min", "max" },
        [ENT_DIST_LOGNORMAL] = { "meanlog", "sdlog" },
        [ENT_DIST_BETA] = { "alpha", "beta", "min", "max" },
        [ENT_DIST_TRIANGULAR] = { "min", "mode", "max" },
    };
    const double par[4] = { d->a, d->b, d->c, d->d };
    for (int i = 0; i < 4 && names[d->kind][i]; i++) {
        fprintf(f, ", \"%s\": ", names[d->kind][i]);
        ent_json_num(f, par[i]);
    }
    if (d->kind == ENT_DIST_VALUES || d->kind == ENT_DIST_DISCRETE) {
        fputs(", \"values\": [", f);
        for (size_t i = 0; i < d->n_values; i++) {
            fputs(i ? ", " : "", f);
            ent_json_num(f, d->values[i]);
        }
        fputc(']', f);
    }
    if (d->kind == ENT_DIST_DISCRETE) {
        fputs(", \"probabilities\": [", f);
        for (size_t i = 0; i < d->n_values; i++) {
            fputs(i ? ", " : "", f);
            ent_json_num(f, d->cum[i] - (i ? d->cum[i - 1] : 0.0));
        }
        fputc(']', f);
    }
    fputc('}', f);
}

void ent_i_sweep_manifest(FILE *f, const ent_manifest_info *m)
{
    const ent_scenario *s = m->scn;
    const ent_sweep_spec *sp = m->sp;
    const ent_sweep_result *r = m->res;
    fputs("{\n  \"entente_version\": ", f);
    ent_json_str(f, ent_version());
    fputs(",\n  \"command\": \"sweep\",\n  \"scenario\": {\"path\": ", f);
    ent_json_str(f, s->path);
    fputs(", \"name\": ", f);
    ent_json_str(f, s->name);
    fprintf(f, ", \"sha256\": \"%s\"},\n  \"sweep_file\": {\"path\": ", s->sha256);
    ent_json_str(f, sp->file);
    fprintf(f, ", \"sha256\": \"%s\"},\n", sp->sha256);
    fprintf(f, "  \"seed\": %llu,\n  \"rng\": \"philox4x64\",\n  \"design\": \"%s\",\n",
            (unsigned long long)m->seed, ent_design_names[sp->design]);
    fprintf(f, "  \"settings_digest\": \"%s\",\n", m->settings);
    fprintf(f, "  \"base_points\": %llu,\n  \"points\": %llu,\n  \"replicates\": %llu,\n",
            (unsigned long long)sp->points, (unsigned long long)r->points,
            (unsigned long long)sp->replicates);
    fprintf(f, "  \"runs\": %llu,\n  \"rounds\": %d,\n  \"random_end\": %s,\n",
            (unsigned long long)r->design_runs, s->rounds, s->random_end ? "true" : "false");
    fputs("  \"parameters\": [", f);
    for (size_t i = 0; i < sp->n_params; i++) {
        fputs(i ? ",\n    " : "\n    ", f);
        fputs("{\"path\": ", f);
        ent_json_str(f, sp->params[i].path);
        fputs(", \"spec\": ", f);
        dist_json(f, &sp->params[i].dist);
        const ent_param_desc *pd = sp->params[i].desc;
        if (pd->type == ENT_P_ENUM) {
            /* runs.csv and summary.csv hold a choice's index: its names, in index order */
            fputs(", \"choices\": [", f);
            for (size_t c = 0; pd->choices[c]; c++) {
                fputs(c ? ", " : "", f);
                ent_json_str(f, pd->choices[c]);
            }
            fputc(']', f);
        }
        fputc('}', f);
    }
    fprintf(f, "%s],\n", sp->n_params ? "\n  " : "");
    fprintf(f, "  \"outcomes\": %zu,\n  \"agents\": %zu,\n", m->n_outcomes, s->n_agents);
    if (sp->n_outcomes) {
        /* the sweep's `outcomes:`, which plots and reports show first */
        fputs("  \"focus_outcomes\": [", f);
        for (size_t i = 0; i < sp->n_outcomes; i++) {
            fputs(i ? ", " : "", f);
            ent_json_str(f, sp->outcomes[i]);
        }
        fputs("],\n", f);
    }
    fprintf(f, "  \"quantiles\": \"%s\",\n", r->exact_quantiles ? "exact" : "sketch");
    if (m->shards) {
        char line[512];
        ent_i_shard_line(line, sizeof line, m->shard, m->shards, r->first_point, r->shard_points,
                         sp->replicates);
        fputs(line, f);
    }
    fprintf(f, "  \"clamped_values\": %llu,\n  \"agent_rounds\": %llu,\n",
            (unsigned long long)r->clamped, (unsigned long long)r->agent_rounds);
    static const char *const modes[3] = { "all", "run", "none" };
    fprintf(f, "  \"runs_csv\": \"%s\",\n  \"outputs\": [%s\"summary.csv\", \"timing.json\", \"manifest.json\"]\n}\n",
            modes[m->runs_columns], m->runs_columns == ENT_RUNS_NONE ? "" : "\"runs.csv\", ");
}

void ent_i_shard_line(char *buf, size_t cap, uint64_t shard, uint64_t shards, uint64_t first_point,
                      uint64_t points, uint64_t replicates)
{
    snprintf(buf, cap, "  \"shard\": {\"index\": %llu, \"of\": %llu, \"first_point\": %llu, \"points\": %llu, "
               "\"first_run\": %llu, \"runs\": %llu},\n",
            (unsigned long long)shard, (unsigned long long)shards, (unsigned long long)first_point,
            (unsigned long long)points, (unsigned long long)(first_point * replicates),
            (unsigned long long)(points * replicates));
}

void ent_i_sweep_timing(FILE *f, const char *command, const ent_sweep_result *r, uint64_t shards)
{
    fprintf(f, "{\n  \"command\": \"%s\",\n", command);
    if (shards)
        fprintf(f, "  \"shards\": %llu,\n", (unsigned long long)shards);
    else
        fprintf(f, "  \"ranks\": %u,\n  \"threads\": %u,\n  \"resumed\": %s,\n  \"direct_io\": %s,\n",
                r->ranks ? r->ranks : 1, r->threads, r->resumed ? "true" : "false",
                r->direct_io ? "true" : "false");
    if (r->ranks > 1)
        fprintf(f, "  \"mpi_cpu_s\": %.6f,\n  \"mpi_rank0_cpu_s\": %.6f,\n  \"mpi_start_cpu_s\": %.6f,\n"
                   "  \"mpi_bytes\": %llu,\n  \"mpi_shared_bytes\": %llu,\n  \"mpi_messages\": %llu,\n"
                   "  \"mpi_remote_runs\": %llu,\n",
                r->mpi_comm_s, r->mpi_rank0_s, r->mpi_start_s, (unsigned long long)r->mpi_bytes,
                (unsigned long long)r->mpi_shared_bytes, (unsigned long long)r->mpi_messages,
                (unsigned long long)r->mpi_remote_runs);
    fprintf(f, "  \"runs\": %llu,\n  \"wall_time_s\": %.3f,\n", (unsigned long long)r->runs_total, r->wall);
    if (!shards)
        fprintf(f, "  \"runs_reused\": %llu,\n  \"cpu_s\": %.3f,\n  \"serial_cpu_s\": %.3f,\n",
                (unsigned long long)r->runs_reused, r->cpu_s, r->serial_cpu_s);
    double w = r->wall > 0 ? r->wall : NAN;
    fputs("  \"runs_per_second\": ", f);
    ent_json_num(f, isfinite(w) ? round((double)r->runs_total / w) : NAN);
    fputs(",\n  \"agent_rounds_per_second\": ", f);
    ent_json_num(f, isfinite(w) ? round((double)r->agent_rounds / w) : NAN);
    fputs("\n}\n", f);
}
