/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** classroom_launch.c: `entente classroom` starts the classroom server, the
** program entente-classroom beside this one (same folder). The server links
** a web library (libmicrohttpd) and its TLS dependencies, which cannot be
** linked statically; kept apart, they leave `entente` itself a static
** program that starts in a fraction of the time (Makefile, STATIC).
*/
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

#define CLASSROOM_PROGRAM "entente-classroom"

const char ent_usage_classroom[] =
    "usage: entente classroom FILE [--port N] [--listen ADDR] [--seats CODE,...] [--mode shared|parallel]\n"
    "                         [--time-limit SECONDS] [--max-students N] [--max-per-address N]\n"
    "                         [--seed N] [--rounds N] [--set PATH=VALUE]... [--out DIR]\n"
    "\n"
    "Serve a whole class in the browser, from this program (no external service):\n"
    "students open the page, type the join code and a name, take a seat (a country)\n"
    "and answer, each round, the questions of `entente play`; the teacher's page\n"
    "shows who has joined and who has moved, opens the rounds, and projects live\n"
    "plots of the shares, beliefs and portfolios and, at the end, the debrief of\n"
    "the whole class.\n"
    "\n"
    "  --port N          port to listen on (default 8080; 0: a free one, printed)\n"
    "  --listen ADDR     IPv4 address to listen on (default 127.0.0.1, this computer\n"
    "                    only); 0.0.0.0 opens the class to the room's network\n"
    "  --mode shared     (default) one world, one student per country\n"
    "  --mode parallel   every student plays the same country in a world of their\n"
    "                    own, all on the same seed, to compare choices\n"
    "  --seats CODE,...  the countries students may take (default: every country with\n"
    "                    a decision; in parallel mode one, default the first ally)\n"
    "  --time-limit S    seconds per round; then the scenario's strategy answers for\n"
    "                    latecomers and the next round opens (also when all moved)\n"
    "  --max-students N  at most N students (default 60, at most 200)\n"
    "  --max-per-address N  connections one network address may hold at once\n"
    "                    (default 16, at most 400; 127.0.0.1 is not limited)\n"
    "\n"
    "At start it prints the students' address, the join code and the teacher's\n"
    "address with a secret token. Students join until the teacher starts; a seat\n"
    "nobody took plays its scenario strategy. Results (default\n"
    "results/<scenario name>-classroom/): a run folder per world, world-01/ ...,\n"
    "as `entente run` writes them (the manifest's \"classroom\" member names each\n"
    "student's seat), class.csv (one row per student and per built-in strategy\n"
    "replayed on the same seed) and replay/scenario/. Ctrl-C or the teacher's\n"
    "stop ends the class: unanswered decisions go to the scenario's strategies,\n"
    "the results are written and the program exits 0.\n"
    "The JSON API the page uses is documented in engine/docs/classroom.md.\n";

/* The folder of the running program, from /proc/self/exe (argv[0] may be a
** bare name found on PATH). 0, or -1. */
static int own_folder(char *buf, size_t cap)
{
    ssize_t n = readlink("/proc/self/exe", buf, cap - 1);
    if (n <= 0 || (size_t)n >= cap - 1)
        return -1;
    buf[n] = 0;
    char *slash = strrchr(buf, '/');
    if (!slash)
        return -1;
    *slash = 0;
    return 0;
}

int ent_cmd_classroom(int argc, char **argv)
{
    char dir[PATH_MAX], path[PATH_MAX + sizeof CLASSROOM_PROGRAM + 1];
    if (own_folder(dir, sizeof dir)) {
        fprintf(stderr, "entente classroom: cannot find this program's folder, where %s is\n", CLASSROOM_PROGRAM);
        return ENT_EXIT_FAIL;
    }
    snprintf(path, sizeof path, "%s/%s", dir, CLASSROOM_PROGRAM);
    char **args = calloc((size_t)argc + 1, sizeof *args);
    if (!args) {
        fprintf(stderr, "entente classroom: out of memory\n");
        return ENT_EXIT_FAIL;
    }
    args[0] = (char *)CLASSROOM_PROGRAM;
    for (int i = 1; i < argc; i++)
        args[i] = argv[i];
    fflush(NULL);
    execv(path, args);
    int e = errno;
    free(args);
    fprintf(stderr, "entente classroom: cannot start the classroom server %s: %s%s\n", path, strerror(e),
            e == ENOENT ? " (make builds it beside entente; make install installs both)" : "");
    return ENT_EXIT_FAIL;
}
