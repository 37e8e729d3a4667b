/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** cli.h: the command table and the shared option parser of the program.
** Each command lives in its own cmd_*.c file and is listed in main.c.
*/
#ifndef ENT_CLI_H
#define ENT_CLI_H

#include <stddef.h>
#include <stdint.h>
#include "entente/entente.h"

#define ENT_EXIT_OK 0
#define ENT_EXIT_FAIL 1     /* the run failed (I/O, resources) */
#define ENT_EXIT_USAGE 2    /* bad options or bad scenario */

typedef struct {
    const char *name;
    const char *summary;    /* one line for `entente help` */
    const char *usage;      /* full help text */
    int (*main)(int argc, char **argv);   /* argv[0] is the command name */
} ent_command;

/* Option parsing: `--name VALUE`, `--name=VALUE`, and flags. */
typedef struct {
    const char *name;       /* without the dashes */
    int takes_value;
    const char *value;      /* filled: the value, or "1" for a flag given */
} ent_option;

/* Parse argv[1..]: options into `opts` (NULL-name terminated), the rest into
** `pos` (capacity cap_pos, count in *n_pos). Prints an error and returns -1
** on an unknown option or a missing value; returns 1 if --help was given. */
int ent_parse_options(const char *cmd, int argc, char **argv, ent_option *opts,
                      const char **pos, size_t cap_pos, size_t *n_pos);
/* Every value of a repeatable option --name (given as "--name V" or
** "--name=V"), in order, however many: a new array (free it) with the count
** in *n, or NULL (reported) when out of memory. */
const char **ent_opt_all(int argc, char **argv, const char *name, size_t *n);
/* The value of option `name`, or NULL if not given (the last, if repeated). */
const char *ent_opt(const ent_option *opts, const char *name);
/* Parse a non-negative integer option; prints and returns -1 on error. */
/* Same, from min to max. */
int ent_opt_u64_in(const char *cmd, const char *name, const char *txt, uint64_t min, uint64_t max,
                   uint64_t *out);
int ent_opt_u64(const char *cmd, const char *name, const char *txt, uint64_t max, uint64_t *out);
/* The option --name from min to max into *out, if given: 0 (also when not
** given, leaving *out), or -1 after printing what was wrong. */
int ent_opt_count(const char *cmd, const ent_option *opts, const char *name, uint64_t min, uint64_t max,
                  uint64_t *out);

/* A number given to an option, read as every file reads one (decimal, an
** optional sign, no spaces, finite; ent_param_parse): 0 with *out set, or -1
** (the caller says what it expected). */
int ent_cli_number(const char *txt, double *out);

/* Load a scenario and print its diagnostics; NULL on error. */
ent_scenario *ent_cli_load(const char *path);
/* Apply the PATH=VALUE overrides of --set, strategies first
** (ent_scenario_set_many); prints and returns -1 on error. */
int ent_cli_sets(ent_scenario *s, const char *const *sets, size_t n);

/* Writing a run's files: ent_results_write, ent_results_write_extra (api.h). */

int ent_cmd_run(int argc, char **argv);
int ent_cmd_play(int argc, char **argv);
/* starts the classroom server, entente-classroom (classroom_launch.c) */
int ent_cmd_classroom(int argc, char **argv);
extern const char ent_usage_classroom[];
int ent_cmd_validate(int argc, char **argv);
int ent_cmd_list(int argc, char **argv);
extern const char ent_usage_run[], ent_usage_validate[], ent_usage_list[], ent_usage_play[];
int ent_cmd_sweep(int argc, char **argv);
int ent_cmd_sensitivity(int argc, char **argv);
extern const char ent_usage_sweep[], ent_usage_sensitivity[];
int ent_cmd_merge(int argc, char **argv);
int ent_cmd_calibrate(int argc, char **argv);
extern const char ent_usage_calibrate[];
extern const char ent_usage_merge[];
int ent_cmd_plot(int argc, char **argv);
int ent_cmd_report(int argc, char **argv);
extern const char ent_usage_plot[], ent_usage_report[];
/* classic matrix games (cmd_tournament.c, cmd_solve.c) */
int ent_cmd_tournament(int argc, char **argv);
int ent_cmd_solve(int argc, char **argv);
extern const char ent_usage_tournament[], ent_usage_solve[];
/* List the strategy library of the classic games (for `entente list`). */
void ent_cli_list_game_strategies(int verbose);

const ent_command *ent_command_find(const char *name);
extern const ent_command ent_commands[];

#endif
