/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** options.c: the option parser shared by all commands, and the helpers that
** load a scenario and apply PATH=VALUE overrides with clear errors.
*/
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "entente/sweep.h"

int ent_parse_options(const char *cmd, int argc, char **argv, ent_option *opts,
                      const char **pos, size_t cap_pos, size_t *n_pos)
{
    *n_pos = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h"))
            return 1;
        if (strncmp(a, "--", 2) != 0 || a[2] == 0) {
            if (!strcmp(a, "--")) {
                for (i++; i < argc; i++) {
                    if (*n_pos >= cap_pos) {
                        fprintf(stderr, "entente %s: too many arguments\n", cmd);
                        return -1;
                    }
                    pos[(*n_pos)++] = argv[i];
                }
                break;
            }
            if (a[0] == '-' && a[1] != 0) {
                fprintf(stderr, "entente %s: unknown option '%s'; try 'entente %s --help'\n", cmd, a, cmd);
                return -1;
            }
            if (*n_pos >= cap_pos) {
                fprintf(stderr, "entente %s: too many arguments\n", cmd);
                return -1;
            }
            pos[(*n_pos)++] = a;
            continue;
        }
        const char *name = a + 2;
        const char *eq = strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        ent_option *o = NULL;
        for (ent_option *p = opts; p->name; p++)
            if (strlen(p->name) == len && !strncmp(p->name, name, len)) { o = p; break; }
        if (!o) {
            char word[64];
            snprintf(word, sizeof word, "%.*s", (int)(len < 63 ? len : 63), name);
            size_t k = 0;
            while (opts[k].name)
                k++;
            const char **names = calloc(k + 1, sizeof *names);
            for (size_t j = 0; names && j < k; j++)
                names[j] = opts[j].name;
            const char *near = names ? ent_nearest(word, names) : NULL;
            free(names);
            if (near)
                fprintf(stderr, "entente %s: unknown option '--%s'; did you mean '--%s'?\n", cmd, word, near);
            else
                fprintf(stderr, "entente %s: unknown option '--%s'; try 'entente %s --help'\n", cmd, word, cmd);
            return -1;
        }
        if (o->takes_value) {
            if (eq) {
                o->value = eq + 1;
            } else if (i + 1 < argc && strncmp(argv[i + 1], "--", 2) != 0) {
                o->value = argv[++i];
            } else if (i + 1 < argc) {
                /* an option where a value should be is a value forgotten, not a
                ** folder named "--quiet" (--NAME=VALUE takes any value) */
                fprintf(stderr, "entente %s: option '--%s' needs a value, got the option '%s' (a value "
                        "that starts with '--' is given as --%s=VALUE)\n", cmd, o->name, argv[i + 1], o->name);
                return -1;
            } else {
                fprintf(stderr, "entente %s: option '--%s' needs a value\n", cmd, o->name);
                return -1;
            }
        } else {
            if (eq) {
                fprintf(stderr, "entente %s: option '--%s' takes no value\n", cmd, o->name);
                return -1;
            }
            o->value = "1";
        }
    }
    return 0;
}

const char **ent_opt_all(int argc, char **argv, const char *name, size_t *n)
{
    /* each value takes at least one argument, so argc bounds the count */
    const char **out = calloc((size_t)(argc > 0 ? argc : 0) + 1, sizeof *out);
    size_t len = strlen(name);
    *n = 0;
    if (!out) {
        fprintf(stderr, "entente: out of memory\n");
        return NULL;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--"))
            break;              /* what follows is positional */
        if (strncmp(a, "--", 2) != 0 || strncmp(a + 2, name, len) != 0)
            continue;
        if (a[2 + len] == '=')
            out[(*n)++] = a + 3 + len;
        else if (a[2 + len] == 0 && i + 1 < argc)
            out[(*n)++] = argv[++i];
    }
    return out;
}

const char *ent_opt(const ent_option *opts, const char *name)
{
    for (const ent_option *p = opts; p->name; p++)
        if (!strcmp(p->name, name))
            return p->value;
    return NULL;
}

int ent_opt_u64_in(const char *cmd, const char *name, const char *txt, uint64_t min, uint64_t max,
                   uint64_t *out)
{
    /* as a whole number in a file: digits with an optional sign, nothing around them */
    const char *p = txt ? txt + (*txt == '-' || *txt == '+') : NULL;
    if (!p || !*p || strspn(p, "0123456789") != strlen(p))
        goto bad;
    errno = 0;
    unsigned long long v = strtoull(p, NULL, 10);
    if (errno == ERANGE || (*txt == '-' && v != 0) || v < min || v > max)
        goto bad;
    *out = v;
    return 0;
bad:
    /* one message, with the whole range, whatever was wrong */
    fprintf(stderr, "entente %s: option '--%s' expects a whole number from %llu to %llu, got '%s'\n",
            cmd, name, (unsigned long long)min, (unsigned long long)max, txt ? txt : "");
    return -1;
}

int ent_opt_u64(const char *cmd, const char *name, const char *txt, uint64_t max, uint64_t *out)
{
    return ent_opt_u64_in(cmd, name, txt, 0, max, out);
}

int ent_opt_count(const char *cmd, const ent_option *opts, const char *name, uint64_t min, uint64_t max,
                  uint64_t *out)
{
    const char *v = ent_opt(opts, name);
    return v ? ent_opt_u64_in(cmd, name, v, min, max, out) : 0;
}

int ent_cli_number(const char *txt, double *out)
{
    static const ent_param_desc any = { "value", ENT_P_REAL, 0, -DBL_MAX, DBL_MAX, "", "", NULL, 0, 0 };
    char why[ENT_DIAG_MSG];
    return ent_param_parse(&any, txt, 0, out, why, sizeof why) ? -1 : 0;
}

/* The scenario's `sweep:` section, if any, checked as `validate` checks it:
** a file that validate refuses is refused by every command. 0 or -1
** (printed). */
static int check_sweep_section(const char *path)
{
    char scn_path[4096];
    ent_scenario *s = NULL;
    ent_diags d, sd;
    ent_diags_init(&d, path);
    ent_diags_init(&sd, path);
    ent_sweep_spec *sp = ent_sweep_load(path, scn_path, sizeof scn_path, &s, &d, &sd);
    int rc = !sp || ent_sweep_check(sp, &d) ? -1 : 0;
    if (rc) {
        ent_diags_print(&d, stderr);
        ent_diags_print(&sd, stderr);
    }
    ent_sweep_spec_free(sp);
    ent_scenario_free(s);
    return rc;
}

ent_scenario *ent_cli_load(const char *path)
{
    ent_diags d;
    ent_diags_init(&d, path);
    ent_scenario *s = ent_scenario_load(path, &d);
    if (!s) {
        ent_diags_print(&d, stderr);
        return NULL;
    }
    if (check_sweep_section(path)) {
        ent_scenario_free(s);
        return NULL;
    }
    return s;
}

int ent_cli_sets(ent_scenario *s, const char *const *sets, size_t n)
{
    char **paths = calloc(n ? n : 1, sizeof *paths);
    const char **values = calloc(n ? n : 1, sizeof *values);
    int rc = -1;
    if (!paths || !values) {
        fprintf(stderr, "entente: out of memory\n");
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        const char *eq = strchr(sets[i], '=');
        if (!eq || eq == sets[i]) {
            fprintf(stderr, "entente: --set expects PATH=VALUE, got '%s'\n", sets[i]);
            goto out;
        }
        if (!(paths[i] = strndup(sets[i], (size_t)(eq - sets[i])))) {
            fprintf(stderr, "entente: out of memory\n");
            goto out;
        }
        values[i] = eq + 1;
    }
    char why[ENT_DIAG_MSG + ENT_PARAM_PATH_MAX];
    rc = ent_scenario_set_many(s, n, (const char *const *)paths, values, NULL, why, sizeof why);
    if (rc) {
        char shown[sizeof why];
        ent_diag_escape(shown, sizeof shown, why);     /* the values as typed, control characters escaped */
        fprintf(stderr, "entente: --set: %s\n", shown);
    }
out:
    for (size_t i = 0; paths && i < n; i++)
        free(paths[i]);
    free(paths);
    free(values);
    return rc;
}
