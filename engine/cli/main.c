/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** main.c: the `entente` program: dispatch to a command, print help.
** This file and the other cmd_*.c files are the only places that print to
** the terminal or choose an exit status.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include "cli.h"
#include "output.h"

static int cmd_help(int argc, char **argv);

/* Threads that wait (a sweep's players for the thread writing a block, which
** may wait for the disk) spin 300,000 times in libgomp before they sleep:
** CPU burnt for nothing on a shared machine. Unless the user chose a policy,
** a short spin is asked for: 1,000 turns, a few microseconds, as the waits
** that come once a block are long or none (10,000 spent 6% of a sweep's CPU
** writing runs.csv while the disk set the pace). libgomp reads its settings
** in a constructor of its own; this one runs first where the link orders
** them by priority (the static program), and changes nothing elsewhere.
** Results never depend on it. */
__attribute__((constructor(101))) static void short_openmp_spin(void)
{
    if (!getenv("OMP_WAIT_POLICY") && !getenv("GOMP_SPINCOUNT"))
        setenv("GOMP_SPINCOUNT", "1000", 0);
}

static const char usage_help[] =
    "usage: entente help [COMMAND]\n"
    "Print the list of commands, or the help of one command.\n";

const ent_command ent_commands[] = {
    { "run", "run a scenario and write its trace, outcomes and manifest", ent_usage_run, ent_cmd_run },
    { "play", "play one country of a scenario yourself (classroom mode)", ent_usage_play, ent_cmd_play },
    { "classroom", "serve a whole class in the browser: students play, the teacher projects", ent_usage_classroom, ent_cmd_classroom },
    { "validate", "check scenario files without running them", ent_usage_validate, ent_cmd_validate },
    { "list", "list stages, strategies, scenario fields and shipped scenarios", ent_usage_list, ent_cmd_list },
    { "sweep", "run a Monte Carlo sweep over parameters (parallel, resumable)", ent_usage_sweep, ent_cmd_sweep },
    { "merge", "join the folders of a sweep run as shards (--shard I/N) into one", ent_usage_merge, ent_cmd_merge },
    { "sensitivity", "Sobol sensitivity indices of a saltelli sweep", ent_usage_sensitivity, ent_cmd_sensitivity },
    { "calibrate", "fit parameters to observed outcomes (ABC, ABC-SMC, simulated moments)", ent_usage_calibrate, ent_cmd_calibrate },
    { "plot", "draw the plots of a result folder with gnuplot (SVG and PNG)", ent_usage_plot, ent_cmd_plot },
    { "report", "write a self-contained HTML report of a result folder", ent_usage_report, ent_cmd_report },
    { "tournament", "round robin of strategies on a classic matrix game, with evolutionary dynamics", ent_usage_tournament, ent_cmd_tournament },
    { "solve", "closed-form equilibria: Nash of matrix games, burden sharing, Rubinstein", ent_usage_solve, ent_cmd_solve },
    { "help", "show help for a command", usage_help, cmd_help },
    { NULL, NULL, NULL, NULL }
};

const ent_command *ent_command_find(const char *name)
{
    for (const ent_command *c = ent_commands; c->name; c++)
        if (!strcmp(c->name, name))
            return c;
    return NULL;
}

static void print_overview(FILE *out)
{
    fprintf(out, "entente %s: alliance bargaining simulations\n\n"
                 "usage: entente COMMAND [OPTIONS] [FILE...]\n\ncommands:\n", ent_version());
    for (const ent_command *c = ent_commands; c->name; c++)
        fprintf(out, "  %-12s %s\n", c->name, c->summary);
    fprintf(out, "\nRun 'entente help COMMAND' or 'entente COMMAND --help' for details.\n"
                 "Quick start: entente run scenarios/nato_burden_sharing.yaml\n");
}

static int cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        print_overview(stdout);
        return ENT_EXIT_OK;
    }
    const ent_command *c = ent_command_find(argv[1]);
    if (!c) {
        fprintf(stderr, "entente: no command '%s'; try 'entente help'\n", argv[1]);
        return ENT_EXIT_USAGE;
    }
    fputs(c->usage, stdout);
    return ENT_EXIT_OK;
}

int main(int argc, char **argv)
{
    /* GSL must report errors by status, never abort: set once, before any thread */
    gsl_set_error_handler_off();
    /* the library reports failures to write files here */
    ent_set_error_hook(ent_cli_print_error, NULL);
    if (argc < 2) {
        print_overview(stderr);
        return ENT_EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
        printf("entente %s\n", ent_version());
        return ENT_EXIT_OK;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        print_overview(stdout);
        return ENT_EXIT_OK;
    }
    const ent_command *c = ent_command_find(argv[1]);
    if (!c) {
        const char *names[32];
        size_t k = 0;
        for (const ent_command *d = ent_commands; d->name && k < 31; d++)
            names[k++] = d->name;
        names[k] = NULL;
        const char *near = ent_nearest(argv[1], names);
        if (near)
            fprintf(stderr, "entente: unknown command '%s'; did you mean '%s'?\n", argv[1], near);
        else
            fprintf(stderr, "entente: unknown command '%s'; try 'entente help'\n", argv[1]);
        return ENT_EXIT_USAGE;
    }
    return c->main(argc - 1, argv + 1);
}
