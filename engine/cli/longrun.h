/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** longrun.h: what the commands that run for long (sweep, calibrate) share:
** the default results folder, the progress line, a clean stop on Ctrl-C and
** the exact command that resumes an interrupted run.
*/
#ifndef ENT_CLI_LONGRUN_H
#define ENT_CLI_LONGRUN_H

#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include "cli.h"
#include "entente/sweep.h"

/* results/<FILE name without folder and extension>/<leaf> */
void cli_default_dir(char *dir, size_t cap, const char *file, const char *leaf);

/* The progress display: a bar on a terminal, else a plain line every 10 s
** (and a last one when any came before). `what` names the command in the
** plain lines; `at_most` says the total is a budget (calibrate) rather than
** the exact count, so no time left is shown. */
typedef struct {
    const char *what;
    int at_most;
    int tty;
    double last_line;
} cli_progress;
void cli_progress_init(cli_progress *ps, const char *what, int at_most);
/* an ent_sweep_progress callback; ctx is a cli_progress */
void cli_progress_show(void *ctx, const ent_sweep_progress *p);
/* end the bar's line, if one was drawn */
void cli_progress_end(const cli_progress *ps);

/* Ctrl-C sets cli_stop_requested, which the library reads between blocks; a
** second Ctrl-C ends the program at once. */
extern volatile sig_atomic_t cli_stop_requested;
typedef struct {
    struct sigaction old;
} cli_interrupt;
void cli_interrupt_begin(cli_interrupt *ci);
void cli_interrupt_end(cli_interrupt *ci);

/* The command that continues an interrupted run: `entente CMD FILE --resume`
** and every option given except --quiet, quoted for the shell. */
void cli_print_resume_command(FILE *f, const char *cmd, const char *file, const ent_option *opts);

/* Run body(argc, argv, rank) as one process or, under mpirun with the MPI
** build, as each of several: MPI starts before and ends after it, and every
** process but rank 0 prints nothing (rank 0 speaks for all). */
int cli_mpi_main(const char *cmd, int argc, char **argv, int (*body)(int argc, char **argv, int rank));

#endif
