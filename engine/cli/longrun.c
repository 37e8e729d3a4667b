/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** longrun.c: the progress line, Ctrl-C and resume hint of the long-running
** commands (longrun.h), written once for sweep and calibrate.
*/
#include <math.h>
#include <string.h>
#include <unistd.h>
#include "longrun.h"

void cli_default_dir(char *dir, size_t cap, const char *file, const char *leaf)
{
    const char *b = strrchr(file, '/');
    b = b ? b + 1 : file;
    const char *dot = strrchr(b, '.');
    int len = dot && dot != b ? (int)(dot - b) : (int)strlen(b);
    snprintf(dir, cap, "results/%.*s/%s", len, b, leaf);
}

void cli_progress_init(cli_progress *ps, const char *what, int at_most)
{
    ps->what = what;
    ps->at_most = at_most;
    ps->tty = isatty(fileno(stderr));
    ps->last_line = 0.0;
}

static void fmt_time(char *buf, size_t cap, double s)
{
    if (!isfinite(s) || s < 0)
        snprintf(buf, cap, "--:--");
    else if (s < 3600)
        snprintf(buf, cap, "%d:%02d", (int)s / 60, (int)s % 60);
    else
        snprintf(buf, cap, "%d:%02d:%02d", (int)s / 3600, (int)s / 60 % 60, (int)s % 60);
}

void cli_progress_show(void *ctx, const ent_sweep_progress *p)
{
    cli_progress *ps = ctx;
    /* a resumed run may count again what it replays: never a negative rate */
    double done = p->runs_done > p->runs_at_start ? (double)(p->runs_done - p->runs_at_start) : 0.0;
    double rate = p->elapsed > 0 ? done / p->elapsed : 0.0;
    double frac = p->runs_total ? (double)p->runs_done / (double)p->runs_total : 1.0;
    if (frac > 1)
        frac = 1;
    unsigned long long runs = (unsigned long long)p->runs_done, total = (unsigned long long)p->runs_total;
    char eta[32];
    fmt_time(eta, sizeof eta, rate > 0 ? (double)(p->runs_total - p->runs_done) / rate : NAN);
    if (ps->tty) {
        char bar[31];
        int fill = (int)(frac * 30);
        for (int i = 0; i < 30; i++)
            bar[i] = i < fill ? '#' : '.';
        bar[30] = 0;
        if (ps->at_most)
            fprintf(stderr, "\r[%s] %llu of at most %llu runs, %.0f runs/s ", bar, runs, total, rate);
        else
            fprintf(stderr, "\r[%s] %3.0f%% %llu/%llu runs, %.0f runs/s, %s left ", bar, 100 * frac, runs,
                    total, rate, eta);
    } else {
        int last = p->runs_done >= p->runs_total;
        if (last ? ps->last_line == 0.0 : p->elapsed - ps->last_line < 10.0)
            return;
        ps->last_line = p->elapsed;
        if (ps->at_most)
            fprintf(stderr, "%s: %llu of at most %llu runs, %.0f runs/s\n", ps->what, runs, total, rate);
        else
            fprintf(stderr, "%s: %llu of %llu runs (%.0f%%), %.0f runs/s, %s left\n", ps->what, runs, total,
                    100 * frac, rate, eta);
    }
    fflush(stderr);
}

void cli_progress_end(const cli_progress *ps)
{
    if (ps->tty)
        fputc('\n', stderr);
}

/* The only mutable global of the program: set by SIGINT, read between blocks. */
volatile sig_atomic_t cli_stop_requested;

static void on_sigint(int sig)
{
    (void)sig;
    cli_stop_requested = 1;
    signal(SIGINT, SIG_DFL);    /* a second Ctrl-C ends the program at once */
}

void cli_interrupt_begin(cli_interrupt *ci)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &ci->old);
}

void cli_interrupt_end(cli_interrupt *ci)
{
    sigaction(SIGINT, &ci->old, NULL);
}

/* An argument as the shell reads it back: bare when it is safe, else in
** single quotes (a quote inside as '\'') */
static void put_shell_word(FILE *f, const char *w)
{
    int safe = *w != '\0';
    for (const char *c = w; *c; c++)
        safe &= (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
                strchr("-_./,:=+%@", *c) != NULL;
    if (safe) {
        fputs(w, f);
        return;
    }
    fputc('\'', f);
    for (const char *c = w; *c; c++)
        if (*c == '\'')
            fputs("'\\''", f);
        else
            fputc(*c, f);
    fputc('\'', f);
}

void cli_print_resume_command(FILE *f, const char *cmd, const char *file, const ent_option *opts)
{
    fprintf(f, "entente %s ", cmd);
    put_shell_word(f, file);
    fputs(" --resume", f);
    for (const ent_option *o = opts; o->name; o++) {
        if (!o->value || !strcmp(o->name, "resume") || !strcmp(o->name, "quiet"))
            continue;
        fprintf(f, " --%s", o->name);
        if (o->takes_value) {
            fputc(' ', f);
            put_shell_word(f, o->value);
        }
    }
    fputc('\n', f);
}

int cli_mpi_main(const char *cmd, int argc, char **argv, int (*body)(int argc, char **argv, int rank))
{
    char err[512] = "";
    int rank = ent_sweep_mpi_start(NULL, NULL, err, sizeof err);
    if (rank < 0) {
        fprintf(stderr, "entente %s: %s\n", cmd, err);
        return ENT_EXIT_USAGE;
    }
    if (rank > 0) {
        FILE *o = freopen("/dev/null", "w", stdout), *e = freopen("/dev/null", "w", stderr);
        (void)o;                /* if not, its messages show too */
        (void)e;
    }
    int status = body(argc, argv, rank);
    ent_sweep_mpi_end();
    return status;
}
