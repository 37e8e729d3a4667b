/*
** run_scenario.c: load a scenario, change parameters as `--set` does, run
** it on a seed, print every agent's outcomes and a count of the events, and
** write the run's folder as `entente run` writes it.
**
**   cc run_scenario.c $(pkg-config --cflags --libs entente) -o run_scenario
**   ./run_scenario scenarios/nato_burden_sharing.yaml 7 out allies.DEU.threat=0.8
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <entente/entente.h>

static void print_num(double v)
{
    if (isnan(v))
        printf(",NA");
    else
        printf(",%.17g", v);
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s SCENARIO SEED OUTDIR [PATH=VALUE]...\n", argv[0]);
        return 2;
    }
    /* 1. load: every error of the file, FILE:LINE:COL: error: MESSAGE */
    ent_diags *d = ent_diags_new(argv[1]);
    ent_scenario *s = ent_scenario_load(argv[1], d);
    if (!s) {
        ent_diags_print(d, stderr);
        ent_diags_free(d);
        return 2;
    }
    ent_diags_free(d);

    /* 2. change parameters by path, checked as --set checks them */
    for (int i = 4; i < argc; i++) {
        char path[ENT_PARAM_PATH_MAX + 1], err[512];
        const char *eq = strchr(argv[i], '=');
        if (!eq || (size_t)(eq - argv[i]) > ENT_PARAM_PATH_MAX) {
            fprintf(stderr, "expected PATH=VALUE, got '%s'\n", argv[i]);
            ent_scenario_free(s);
            return 2;
        }
        snprintf(path, sizeof path, "%.*s", (int)(eq - argv[i]), argv[i]);
        if (ent_scenario_set(s, path, eq + 1, err, sizeof err)) {
            fprintf(stderr, "%s\n", err);
            ent_scenario_free(s);
            return 2;
        }
    }
    uint64_t seed = strtoull(argv[2], NULL, 10);
    ent_scenario_set_seed(s, seed);

    /* 3. run: a run object holds every buffer; keep the trace and the events */
    ent_run *run = ent_run_alloc(s, ENT_RUN_TRACE | ENT_RUN_EVENTS);
    if (!run) {
        ent_scenario_free(s);
        return 1;
    }
    ent_run_exec(run, seed, 0, 0);

    /* 4. read the outcomes: per agent, then the run's own (columns by name,
    ** as the scenario's stages give them; NaN is a missing value) */
    size_t na = ent_run_columns(run, ENT_TABLE_AGENT_OUTCOMES);
    size_t nr = ent_run_columns(run, ENT_TABLE_RUN_OUTCOMES);
    printf("%s: %d rounds, seed %llu\n", ent_scenario_name(s), ent_run_rounds_played(run),
           (unsigned long long)seed);
    printf("agent");
    for (size_t c = 0; c < na; c++)
        printf(",%s", ent_run_column_name(run, ENT_TABLE_AGENT_OUTCOMES, c));
    printf("\n");
    for (size_t i = 0; i < ent_run_agents(run); i++) {
        printf("%s", ent_run_agent_code(run, i));
        for (size_t c = 0; c < na; c++)
            print_num(ent_run_value(run, ENT_TABLE_AGENT_OUTCOMES, 0, i, c));
        printf("\n");
    }
    for (size_t c = 0; c < nr; c++) {
        printf("%s", ent_run_column_name(run, ENT_TABLE_RUN_OUTCOMES, c));
        print_num(ent_run_value(run, ENT_TABLE_RUN_OUTCOMES, 0, 0, c));
        printf("\n");
    }

    /* 5. the trace: the last round's first column for the first ally */
    int last = ent_run_rounds_played(run);
    if (ent_run_columns(run, ENT_TABLE_TRACE) > 0 && ent_run_agents(run) > 1)
        printf("trace: %s of %s in round %d = %.17g\n", ent_run_column_name(run, ENT_TABLE_TRACE, 0),
               ent_run_agent_code(run, 1), last, ent_run_value(run, ENT_TABLE_TRACE, last, 1, 0));

    /* 6. the events, counted by kind */
    size_t count[ENT_EV_COUNT] = { 0 };
    for (size_t k = 0; k < ent_run_events(run); k++) {
        const char *kind;
        ent_run_event_at(run, k, NULL, NULL, &kind, NULL, NULL, NULL);
        for (int e = 0; e < ENT_EV_COUNT; e++)
            if (!strcmp(kind, ent_event_names[e]))
                count[e]++;
    }
    printf("events: %zu", ent_run_events(run));
    for (int k = 0; k < ENT_EV_COUNT; k++)
        if (count[k])
            printf(", %s %zu", ent_event_names[k], count[k]);
    printf("\n");

    /* 7. the run's folder, as `entente run --out OUTDIR` writes it */
    int rc = 0;
    if (ent_run_save(run, argv[3], seed, 0.0, (const char **)(argv + 4), (size_t)(argc - 4))) {
        fprintf(stderr, "%s\n", ent_last_error());
        rc = 1;
    }
    ent_run_free(run);
    ent_scenario_free(s);
    return rc;
}
