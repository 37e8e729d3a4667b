/*
** cmd_run.c: `entente run FILE`: one run, written as trace.csv, outcomes.csv,
** events.csv and manifest.json, with a short table on stdout.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli.h"
#include "output.h"

const char ent_usage_run[] =
    "usage: entente run FILE [--seed N] [--rounds N] [--set PATH=VALUE]... [--out DIR] [--quiet]\n"
    "\n"
    "Run a scenario once and write into DIR (default results/<scenario name>/):\n"
    "  trace.csv      one row per round and agent\n"
    "  outcomes.csv   one row per agent with its final figures and the run's statistics\n"
    "  events.csv     what happened, one row per event (demands, contributions, ...)\n"
    "  manifest.json  version, scenario SHA-256, seed, every resolved parameter, wall time\n"
    "\n"
    "options:\n"
    "  --seed N          seed of the random streams (default: the scenario's)\n"
    "  --rounds N        rounds to play (default: the scenario's)\n"
    "  --set PATH=VALUE  override a parameter, e.g. --set stages.burden_sharing.demand=0.035\n"
    "                    or --set allies.DEU.threat=0.8 (repeatable)\n"
    "  --out DIR         output folder\n"
    "  --quiet           print nothing on success\n";

#define MAX_SETS 64

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
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

static int write_manifest(const ent_run *run, const char *dir, uint64_t seed, double wall,
                          const char **sets, size_t n_sets)
{
    const ent_scenario *s = run->scn;
    ent_outfile o;
    if (ent_outfile_open(&o, dir, "manifest.json"))
        return -1;
    FILE *f = o.f;
    fprintf(f, "{\n  \"entente_version\": ");
    ent_json_str(f, ent_version());
    fprintf(f, ",\n  \"command\": \"run\",\n  \"scenario\": {\"path\": ");
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
    for (size_t i = 0; i < s->n_agents; i++) {
        const ent_agent_spec *a = &s->agents[i];
        const ent_agent_state *st = &run->agent[i];
        fprintf(f, "    {\"code\": ");
        ent_json_str(f, a->code);
        fprintf(f, ", \"name\": ");
        ent_json_str(f, a->name);
        fprintf(f, ", \"role\": \"%s\", \"fields\": {", role_of(i));
        int first = 1;
        for (size_t k = 0; k < ent_n_agent_fields; k++) {
            const ent_param_desc *d = &ent_agent_fields[k];
            if (!(d->flags & (i == 0 ? ENT_F_PATRON : ENT_F_ALLY)))
                continue;
            fprintf(f, "%s", first ? "" : ", ");
            first = 0;
            ent_json_str(f, d->name);
            fputs(": ", f);
            ent_json_num(f, *(const double *)((const char *)a + d->offset));
        }
        fprintf(f, "}, \"resolved\": {\"alpha0\": ");
        ent_json_num(f, st->alpha0);
        fprintf(f, ", \"psi\": ");
        ent_json_num(f, st->psi);
        fprintf(f, ", \"demand\": ");
        ent_json_num(f, st->demand);
        fprintf(f, ", \"discount\": ");
        ent_json_num(f, st->discount);
        fprintf(f, "}, \"strategies\": {");
        for (size_t k = 0; k < s->n_stages; k++) {
            const ent_strategy_choice *c = &a->strategy[k];
            fprintf(f, "%s", k ? ", " : "");
            ent_json_str(f, s->stages[k].type->name);
            fprintf(f, ": {\"name\": ");
            ent_json_str(f, c->type->name);
            fprintf(f, ", \"params\": ");
            json_params(f, c->type->params, c->type->n_params, c->p);
            fputc('}', f);
        }
        fprintf(f, "}}%s\n", i + 1 < s->n_agents ? "," : "");
    }
    fprintf(f, "  ],\n  \"events_dropped\": %zu,\n  \"outputs\": [\"trace.csv\", \"outcomes.csv\", "
               "\"events.csv\", \"manifest.json\"],\n  \"wall_time_s\": %.6f\n}\n",
            run->dropped_events, wall);
    return ent_outfile_commit(&o);
}

static void print_table(const ent_run *run, uint64_t seed, double wall, const char *dir)
{
    const ent_scenario *s = run->scn;
    printf("%s: %d rounds, seed %llu, %.3f s -> %s/\n", s->name, run->rounds_played,
           (unsigned long long)seed, wall, dir);
    int bs = ent_scenario_stage_index(s, "burden_sharing");
    if (bs < 0)
        return;
    size_t col = run->agent_out_stage_col[bs];
    printf("%-6s %10s %8s %8s %8s %8s %10s\n", "agent", "GDP $bn", "start", "final", "demand",
           "burden", "payoff");
    for (size_t i = 0; i < run->n; i++) {
        const double *o = run->agent_out + i * run->n_agent_out;
        char demand[16];
        if (isnan(run->agent[i].demand))
            snprintf(demand, sizeof demand, "-");
        else
            snprintf(demand, sizeof demand, "%.2f%%", 100.0 * run->agent[i].demand);
        printf("%-6s %10.0f %7.2f%% %7.2f%% %8s %7.1f%% %10.3f\n", s->agents[i].code,
               s->agents[i].gdp, 100.0 * s->agents[i].defence_share, 100.0 * o[col + 0], demand,
               100.0 * o[col + 2], o[run->agent_out_stage_col[s->n_stages]]);
    }
    size_t rc = run->run_out_stage_col[bs];
    printf("exploitation (Spearman rho of GDP and share): %.3f; allies meeting the demand: %.0f of %zu\n",
           run->run_out[rc + 0], run->run_out[rc + 3], run->n - 1);
}

int ent_cmd_run(int argc, char **argv)
{
    ent_option opts[] = {
        { "seed", 1, NULL }, { "rounds", 1, NULL }, { "out", 1, NULL }, { "quiet", 0, NULL },
        { "set", 1, NULL }, { NULL, 0, NULL }
    };
    /* --set may repeat: collect them before the generic parser sees the last one */
    const char *sets[MAX_SETS];
    size_t n_sets = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--set") && i + 1 < argc && n_sets < MAX_SETS)
            sets[n_sets++] = argv[i + 1];
        else if (!strncmp(argv[i], "--set=", 6) && n_sets < MAX_SETS)
            sets[n_sets++] = argv[i] + 6;
    }
    const char *pos[4];
    size_t n_pos;
    int rc = ent_parse_options("run", argc, argv, opts, pos, 4, &n_pos);
    if (rc == 1) {
        fputs(ent_usage_run, stdout);
        return ENT_EXIT_OK;
    }
    if (rc < 0)
        return ENT_EXIT_USAGE;
    if (n_pos != 1) {
        fprintf(stderr, "entente run: expected one scenario FILE, got %zu\n%s", n_pos, ent_usage_run);
        return ENT_EXIT_USAGE;
    }
    uint64_t seed = 0, rounds = 0;
    if (ent_opt(opts, "seed") && ent_opt_u64("run", "seed", ent_opt(opts, "seed"), UINT64_MAX, &seed))
        return ENT_EXIT_USAGE;
    if (ent_opt(opts, "rounds") &&
        (ent_opt_u64("run", "rounds", ent_opt(opts, "rounds"), 100000, &rounds) || rounds == 0)) {
        if (rounds == 0 && ent_opt(opts, "rounds"))
            fprintf(stderr, "entente run: option '--rounds' must be at least 1\n");
        return ENT_EXIT_USAGE;
    }
    ent_scenario *s = ent_cli_load(pos[0]);
    if (!s)
        return ENT_EXIT_USAGE;
    for (size_t i = 0; i < n_sets; i++)
        if (ent_cli_set(s, sets[i])) {
            ent_scenario_free(s);
            return ENT_EXIT_USAGE;
        }
    if (ent_opt(opts, "seed"))
        s->seed = seed;
    else
        seed = s->seed;
    if (rounds)
        s->rounds = (int)rounds;

    char dir[4096];
    if (ent_opt(opts, "out"))
        snprintf(dir, sizeof dir, "%s", ent_opt(opts, "out"));
    else
        snprintf(dir, sizeof dir, "results/%s", s->name);

    int status = ENT_EXIT_FAIL;
    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE | ENT_RUN_EVENTS);
    if (!run) {
        fprintf(stderr, "entente run: out of memory\n");
        goto done;
    }
    double t0 = now_seconds();
    ent_run_exec(run, seed, 0, 0);
    double wall = now_seconds() - t0;
    if (ent_mkdirs(dir)) {
        fprintf(stderr, "entente run: cannot create folder '%s'\n", dir);
        goto done;
    }
    if (write_trace(run, dir) || write_outcomes(run, dir) || write_events(run, dir) ||
        write_manifest(run, dir, seed, wall, sets, n_sets))
        goto done;
    if (!ent_opt(opts, "quiet"))
        print_table(run, seed, wall, dir);
    status = ENT_EXIT_OK;
done:
    ent_run_free(run);
    ent_scenario_free(s);
    return status;
}
