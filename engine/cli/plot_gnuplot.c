/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** plot_gnuplot.c: locating the plot scripts and running gnuplot on them.
** gnuplot is started with fork/exec and an argument vector, so no file or
** scenario name ever passes through a shell; its messages are captured and
** shown only when it fails.
*/
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>
#include "output.h"
#include "plot_gnuplot.h"

#ifndef ENT_DATADIR
#define ENT_DATADIR "/usr/local/share/entente"
#endif

void ent_gp_vars_init(ent_gp_vars *v)
{
    v->text[0] = 0;
    v->len = 0;
    v->overflow = 0;
}

static void put(ent_gp_vars *v, const char *s)
{
    size_t n = strlen(s);
    if (v->len + n + 1 > sizeof v->text) {
        v->overflow = 1;
        return;
    }
    memcpy(v->text + v->len, s, n + 1);
    v->len += n;
}

void ent_gp_str(ent_gp_vars *v, const char *name, const char *value)
{
    put(v, name);
    put(v, " = '");
    for (const char *s = value; *s; s++) {
        char c[3] = { *s, 0, 0 };
        if (*s == '\'')
            c[1] = '\'';        /* gnuplot: '' inside single quotes */
        else if (*s == '\n' || *s == '\r')
            c[0] = ' ';
        put(v, c);
    }
    put(v, "'; ");
}

void ent_gp_num(ent_gp_vars *v, const char *name, double value)
{
    char buf[64];
    snprintf(buf, sizeof buf, " = %.17g; ", isfinite(value) ? value : 0.0);
    put(v, name);
    put(v, buf);
}

/* out = a + b, or -1 if it does not fit (no silent truncation of paths) */
static int join(char *out, size_t cap, const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la + lb + 1 > cap)
        return -1;
    memcpy(out, a, la);
    memcpy(out + la, b, lb + 1);
    return 0;
}

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The scripts: $ENTENTE_PLOTS, then beside the program (a build folder of
** the source tree, or an installed bin/), then the data folder, then ./plots. */
static int find_scripts(char *out, size_t cap)
{
    char cand[6][4096];
    size_t n = 0;
    const char *env = getenv("ENTENTE_PLOTS");
    if (env && *env && !join(cand[n], sizeof cand[0], env, ""))
        n++;
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        exe[len] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            if (!join(cand[n], sizeof cand[0], exe, "/../plots"))
                n++;
            if (!join(cand[n], sizeof cand[0], exe, "/../share/entente/plots"))
                n++;
        }
    }
    if (!join(cand[n], sizeof cand[0], ENT_DATADIR, "/plots"))
        n++;
    join(cand[n++], sizeof cand[0], "plots", "");
    for (size_t i = 0; i < n; i++) {
        char probe[4200];
        if (!join(probe, sizeof probe, cand[i], "/entente.gp") && is_file(probe) &&
            !join(out, cap, cand[i], ""))
            return 0;
    }
    return -1;
}

static int find_program(const char *prog)
{
    if (strchr(prog, '/'))
        return access(prog, X_OK) == 0 ? 0 : -1;
    const char *path = getenv("PATH");
    if (!path)
        path = "/usr/bin:/bin";
    while (*path) {
        const char *colon = strchr(path, ':');
        size_t l = colon ? (size_t)(colon - path) : strlen(path);
        char probe[4200];
        if (l + strlen(prog) + 2 < sizeof probe) {
            memcpy(probe, path, l);
            probe[l] = '/';
            strcpy(probe + l + 1, prog);
            if (access(probe, X_OK) == 0)
                return 0;
        }
        path += l + (colon ? 1 : 0);
    }
    return -1;
}

int ent_plotter_init(ent_plotter *p, const char *dir, const char *scenario)
{
    memset(p, 0, sizeof *p);
    p->dir = dir;
    p->scenario = scenario;
    p->lock.fd = -1;
    snprintf(p->plots_dir, sizeof p->plots_dir, "%s/plots", dir);
    snprintf(p->shown_dir, sizeof p->shown_dir, "%s/plots", dir);
    if (find_scripts(p->scripts, sizeof p->scripts)) {
        fprintf(stderr, "entente plot: cannot find the plot scripts (plots/entente.gp); "
                        "set ENTENTE_PLOTS to the folder that holds them\n");
        return -1;
    }
    p->formats[0] = "svg";
    p->formats[1] = "png";
    p->n_formats = 2;
    const char *g = getenv("ENTENTE_GNUPLOT");
    p->gnuplot = g && *g ? g : "gnuplot";
    if (find_program(p->gnuplot)) {
        fprintf(stderr, "entente plot: cannot run '%s': gnuplot is not installed "
                        "(Debian: apt-get install gnuplot-nox)\n", p->gnuplot);
        return -1;
    }
    return 0;
}

int ent_plotter_formats(ent_plotter *p, const char *list, const char *cmd)
{
    static const char *const known[ENT_PLOT_FORMATS] = { "svg", "png", "pdf" };
    if (!list)
        return 0;
    p->n_formats = 0;
    const char *s = list;
    for (;;) {
        size_t len = strcspn(s, ",");
        int k = 0;
        while (k < ENT_PLOT_FORMATS && !(strlen(known[k]) == len && strncmp(s, known[k], len) == 0))
            k++;
        if (k == ENT_PLOT_FORMATS) {
            fprintf(stderr, "entente %s: --format: unknown format '%.*s' (svg, png or pdf, "
                    "comma-separated)\n", cmd, (int)len, s);
            return -1;
        }
        for (int j = 0; j < p->n_formats; j++)
            if (p->formats[j] == known[k]) {
                fprintf(stderr, "entente %s: --format: '%s' is given twice\n", cmd, known[k]);
                return -1;
            }
        p->formats[p->n_formats++] = known[k];
        if (!s[len])
            break;
        s += len + 1;
    }
    return 0;
}

int ent_plotter_begin(ent_plotter *p, const char *cmd)
{
    char err[9000];
    if (ent_dirlock_take(&p->lock, p->dir, err, sizeof err) ||
        ent_staged_begin(&p->st, p->shown_dir, 0, 1, err, sizeof err)) {
        fprintf(stderr, "entente %s: %s\n", cmd, err);
        ent_dirlock_release(&p->lock);
        return -1;
    }
    snprintf(p->plots_dir, sizeof p->plots_dir, "%s", p->st.stage);
    return 0;
}

int ent_plotter_commit(ent_plotter *p, const char *cmd)
{
    char err[9000];
    int rc = 0;
    if (p->n_made && (rc = ent_staged_commit(&p->st, NULL, err, sizeof err)))
        fprintf(stderr, "entente %s: %s\n", cmd, err);
    ent_staged_discard(&p->st);
    snprintf(p->plots_dir, sizeof p->plots_dir, "%s", p->shown_dir);
    return rc;
}

void ent_plotter_end(ent_plotter *p)
{
    ent_staged_discard(&p->st);
    ent_dirlock_release(&p->lock);
}

/* Run gnuplot with argv; its stdout and stderr go to the buffer msg. 0 with
** gnuplot's wait status in *status, or -1 with errno if it could not be run. */
static int run_gnuplot(char *const argv[], char *msg, size_t cap, int *status)
{
    int fd[2];
    if (pipe(fd))
        return -1;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        close(fd[0]);
        close(fd[1]);
        errno = e;
        return -1;
    }
    if (pid == 0) {
        dup2(fd[1], 1);
        dup2(fd[1], 2);
        close(fd[0]);
        close(fd[1]);
        int null = open("/dev/null", O_RDONLY);
        if (null >= 0)
            dup2(null, 0);
        execvp(argv[0], argv);
        _exit(127);
    }
    close(fd[1]);
    size_t n = 0;
    char chunk[1024];
    ssize_t got;
    while ((got = read(fd[0], chunk, sizeof chunk)) != 0) {
        if (got < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (ssize_t i = 0; i < got && n + 1 < cap; i++)
            msg[n++] = chunk[i];
    }
    msg[n] = 0;
    close(fd[0]);
    while (waitpid(pid, status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return 0;
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* Why gnuplot left no picture though it may have exited 0: it does not
** always fail when it cannot write its output. */
static void why_missing(char *buf, size_t cap, const char *folder, const char *shown,
                        const char *file)
{
    struct statvfs vs;
    if (statvfs(folder, &vs) == 0 && (vs.f_bavail == 0 || vs.f_favail == 0))
        snprintf(buf, cap, "gnuplot wrote no %s: the disk holding '%s' is full (%s)", file, shown,
                 strerror(ENOSPC));
    else
        snprintf(buf, cap, "gnuplot exited 0 but wrote no %s (an empty or missing file)", file);
}

int ent_plot_render(ent_plotter *p, const char *script, const char *name, const char *caption,
                    const ent_gp_vars *v)
{
    if (ent_mkdirs(p->plots_dir)) {
        fprintf(stderr, "entente plot: cannot create folder '%s': %s\n", p->shown_dir, strerror(errno));
        return -1;
    }
    if (v->overflow) {
        fprintf(stderr, "entente plot: too many variables for %s\n", script);
        return -1;
    }
    const char *const *fmts = p->formats;
    const int nf = p->n_formats;
    static char dash_e[] = "-e";
    static ent_gp_vars per[ENT_PLOT_FORMATS];   /* large: kept off the stack */
    char tmp[ENT_PLOT_FORMATS][4200], fin[ENT_PLOT_FORMATS][4200], path[4200], stem[200];
    if (join(path, sizeof path, p->scripts, "/") || join(stem, sizeof stem, script, ".gp") ||
        strlen(path) + strlen(stem) + 1 > sizeof path) {
        fprintf(stderr, "entente plot: path too long\n");
        return -1;
    }
    strcat(path, stem);
    char *argv[2 + 3 * ENT_PLOT_FORMATS];
    size_t a = 0;
    argv[a++] = (char *)p->gnuplot;
    for (int f = 0; f < nf; f++) {
        int n1 = snprintf(tmp[f], sizeof tmp[f], "%s/.%.90s.tmp.%ld.%s", p->plots_dir, name,
                          (long)getpid(), fmts[f]);
        int n2 = snprintf(fin[f], sizeof fin[f], "%s/%.90s.%s", p->plots_dir, name, fmts[f]);
        if (n1 < 0 || n2 < 0 || (size_t)n1 >= sizeof tmp[f] || (size_t)n2 >= sizeof fin[f]) {
            fprintf(stderr, "entente plot: path too long: %s\n", p->plots_dir);
            return -1;
        }
        ent_gp_vars *o = &per[f];
        ent_gp_vars_init(o);
        /* the script's `reset` keeps variables: they are given once, before the first */
        if (f == 0) {
            ent_gp_str(o, "dir", p->dir);
            ent_gp_str(o, "scenario", p->scenario);
            if (o->len + v->len + 1 > sizeof o->text) {
                fprintf(stderr, "entente plot: too many variables for %s\n", script);
                return -1;
            }
            memcpy(o->text + o->len, v->text, v->len + 1);
            o->len += v->len;
        }
        ent_gp_str(o, "out", tmp[f]);
        ent_gp_str(o, "fmt", fmts[f]);
        if (o->overflow) {
            fprintf(stderr, "entente plot: too many variables for %s\n", script);
            return -1;
        }
        argv[a++] = dash_e;
        argv[a++] = o->text;
        argv[a++] = path;
    }
    argv[a] = NULL;
    char msg[8192] = "", why[4600] = "";
    int status = 0;
    if (run_gnuplot(argv, msg, sizeof msg, &status))
        snprintf(why, sizeof why, "cannot run %s: %s", p->gnuplot, strerror(errno));
    else if (WIFSIGNALED(status))
        snprintf(why, sizeof why, "gnuplot was killed by signal %d", WTERMSIG(status));
    else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
        snprintf(why, sizeof why, "gnuplot could not be started (exit status 127)");
    else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        snprintf(why, sizeof why, "gnuplot failed (exit status %d)", WEXITSTATUS(status));
    for (int f = 0; f < nf && !why[0]; f++)
        if (file_size(tmp[f]) <= 0) {
            char file[200];
            snprintf(file, sizeof file, "%.90s.%s", name, fmts[f]);
            why_missing(why, sizeof why, p->plots_dir, p->shown_dir, file);
        }
    if (why[0]) {
        fprintf(stderr, "entente plot: cannot draw %s/%s.%s with %s: %s\n%s", p->shown_dir, name,
                fmts[0], path, why, msg);
        for (int f = 0; f < nf; f++)
            unlink(tmp[f]);
        return -1;
    }
    for (int f = 0; f < nf; f++)
        if (rename(tmp[f], fin[f])) {
            fprintf(stderr, "entente plot: cannot write '%s/%s.%s': %s\n", p->shown_dir, name, fmts[f],
                    strerror(errno));
            for (int g = 0; g < nf; g++)
                unlink(tmp[g]);
            return -1;
        }
    if (p->n_made < ENT_PLOTS_MAX) {
        ent_plot_made *m = &p->made[p->n_made++];
        snprintf(m->name, sizeof m->name, "%s", name);
        snprintf(m->caption, sizeof m->caption, "%s", caption);
    }
    if (!p->quiet) {
        printf("  %s/%s.%s", p->shown_dir, name, fmts[0]);
        for (int f = 1; f < nf; f++)
            printf(", .%s", fmts[f]);
        putchar('\n');
    }
    return 0;
}
