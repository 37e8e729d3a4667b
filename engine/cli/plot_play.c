/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** plot_play.c: the plots of a play folder beyond those of a run: the
** student's country along the student's own path against the scenario's
** strategy and the best built-in strategy replayed on the same seed
** (replay/scenario/ and replay/best/, each a run folder), one column per
** plot: defence share, belief, the three hedging weights, commitment, the
** payoff of each round and the discounted payoff. And the checks of
** debrief.csv, which the report shows as a table.
**
** Every file is untrusted: a replay folder must be a run folder of the same
** scenario whose trace holds one row per round for the student's country,
** with numbers where numbers belong; debrief.csv must have its header, known
** paths (each once) and numbers within their ranges. Errors name the file
** and line. A missing replay or debrief (an older play folder) is no error.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"
#include "plot_result.h"
#include "output.h"
#include "plot_schema.h"

const char *const ent_play_paths[3] = { "student", "scenario", "best" };

static const char *const debrief_head[] = {
    "path", "strategy", "discounted_payoff", "final_belief", "w_bandwagon", "w_balance", "w_bind",
    "deals", "failed_ratifications", NULL
};

/* What each comparison plot draws. */
static const struct {
    const char *column, *plot, *what, *ylabel;
    double scale;
} compared[] = {
    { "contribution_share", "play_share", "defence spending", "share of GDP (%)", 100 },
    { "belief", "play_belief", "belief that the patron is transactional", "probability", 1 },
    { "w_bandwagon", "play_bandwagon", "weight on bandwagoning with the patron", "portfolio weight (%)", 100 },
    { "w_balance", "play_balance", "weight on balancing (own means)", "portfolio weight (%)", 100 },
    { "w_bind", "play_bind", "weight on binding (other partners)", "portfolio weight (%)", 100 },
    { "commitment", "play_commitment", "commitment to the patron", "commitment (%)", 100 },
    { "payoff", "play_payoff", "payoff of each round", "payoff (utility)", 1 },
    { "cum_payoff", "play_cum_payoff", "cumulative discounted payoff", "cumulative payoff (utility)", 1 },
};
#define N_COMPARED (sizeof compared / sizeof compared[0])

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A finite number (not NA, not text, not inf or nan). */
static int number(const char *s, double *v)
{
    char *end;
    if (!*s)
        return 0;
    *v = strtod(s, &end);
    return !*end && isfinite(*v);
}

int ent_play_debrief(const ent_result *r, ent_table *t)
{
    int rc = ent_result_table(r, ENT_F_DEBRIEF, 0, t);
    if (rc)
        return rc;
    char file[4300];
    snprintf(file, sizeof file, "%s/%s", r->dir, ENT_F_DEBRIEF);
    int col[9];
    for (size_t k = 0; debrief_head[k]; k++) {
        col[k] = ent_table_col(t, debrief_head[k]);
        if (col[k] < 0) {
            fprintf(stderr, "%s:1:1: error: no column '%s' in the header; expected %s", file,
                    debrief_head[k], debrief_head[0]);
            for (size_t j = 1; debrief_head[j]; j++)
                fprintf(stderr, ",%s", debrief_head[j]);
            fputc('\n', stderr);
            goto bad;
        }
    }
    if (t->n_rows == 0 || t->n_rows > 3) {
        fprintf(stderr, "%s:%zu:1: error: %zu rows; expected one to three (student, scenario, best)\n",
                file, t->n_rows ? t->n_rows + 1 : (size_t)1, t->n_rows);
        goto bad;
    }
    int seen[3] = { 0, 0, 0 };
    for (size_t i = 0; i < t->n_rows; i++) {
        size_t line = i + 2;
        const char *path = ent_table_str(t, i, col[0]);
        int k = 0;
        while (k < 3 && strcmp(path, ent_play_paths[k]))
            k++;
        if (k == 3) {
            fprintf(stderr, "%s:%zu:%d: error: path '%.40s' is not student, scenario or best\n", file,
                    line, col[0] + 1, path);
            goto bad;
        }
        if (seen[k]++) {
            fprintf(stderr, "%s:%zu:%d: error: a second row for path '%s'\n", file, line, col[0] + 1, path);
            goto bad;
        }
        const char *strategy = ent_table_str(t, i, col[1]);
        for (const char *c = strategy; *c; c++)
            if ((unsigned char)*c < 0x20) {
                fprintf(stderr, "%s:%zu:%d: error: the strategy name holds a control character\n", file,
                        line, col[1] + 1);
                goto bad;
            }
        /* numbers, or NA; weights and beliefs within [0, 1]; counts whole and >= 0 */
        for (size_t k2 = 2; debrief_head[k2]; k2++) {
            const char *s = ent_table_str(t, i, col[k2]);
            double v;
            if (!strcmp(s, "NA"))
                continue;
            const char *why = NULL;
            if (!number(s, &v))
                why = "not a number (or NA)";
            else if (k2 >= 3 && k2 <= 6 && (v < 0 || v > 1))
                why = "outside 0 to 1";
            else if (k2 >= 7 && (v < 0 || v != floor(v) || v > 1e9))
                why = "not a whole number of at least 0";
            if (why) {
                fprintf(stderr, "%s:%zu:%d: error: column '%s' holds '%.40s': %s\n", file, line,
                        col[k2] + 1, debrief_head[k2], s, why);
                goto bad;
            }
        }
        double w[3], sum = 0;
        int all = 1;
        for (int j = 0; j < 3; j++) {
            all &= number(ent_table_str(t, i, col[4 + j]), &w[j]);
            sum += all ? w[j] : 0;
        }
        if (all && fabs(sum - 1.0) > 1e-3) {
            fprintf(stderr, "%s:%zu:%d: error: the weights w_bandwagon, w_balance and w_bind add up to "
                            "%.4g, not 1\n", file, line, col[4] + 1, sum);
            goto bad;
        }
    }
    return 0;
bad:
    ent_table_free(t);
    return ENT_EXIT_USAGE;
}

/* One path's trace: read and checked for the student's country. */
typedef struct {
    char dir[4300];
    char trace[4400];
    ent_table t;
    int have;
} path_data;

/* rows of the student's country: one per round, rounds 1..R in order */
static int check_rounds(const char *file, const ent_table *t, const char *student, int *rounds)
{
    int cr = ent_schema_col(t, ENT_C_ROUND), ca = ent_schema_col(t, ENT_C_AGENT);
    if (cr < 0 || ca < 0) {
        fprintf(stderr, "%s:1:1: error: no column '%s' in the header\n", file, cr < 0 ? "round" : "agent");
        return ENT_EXIT_USAGE;
    }
    int next = 1;
    for (size_t i = 0; i < t->n_rows; i++) {
        if (strcmp(ent_table_str(t, i, ca), student))
            continue;
        double v;
        if (!number(ent_table_str(t, i, cr), &v) || v != next) {
            fprintf(stderr, "%s:%zu:%d: error: round '%.20s' of %s; expected round %d\n", file, i + 2,
                    cr + 1, ent_table_str(t, i, cr), student, next);
            return ENT_EXIT_USAGE;
        }
        next++;
    }
    if (next == 1) {
        fprintf(stderr, "%s: error: no rows for %s, the student's country\n", file, student);
        return ENT_EXIT_USAGE;
    }
    *rounds = next - 1;
    return 0;
}

static int load_replay(const ent_result *r, const char *name, path_data *pd, int *rounds)
{
    snprintf(pd->dir, sizeof pd->dir, "%s/replay/%s", r->dir, name);
    if (!is_dir(pd->dir))
        return 0;               /* not replayed: an older play folder */
    ent_result sub;
    int rc = ent_result_open(&sub, pd->dir, r->cmd);
    if (rc)
        return rc;
    if (sub.kind != ENT_KIND_RUN || sub.is_play) {
        fprintf(stderr, "%s: error: a replay must be a run folder (as 'entente run --out' writes it), "
                        "not a %s folder\n", pd->dir, sub.is_play ? "play" : ent_kind_names[sub.kind]);
        ent_result_close(&sub);
        return ENT_EXIT_USAGE;
    }
    if (sub.manifest && strcmp(sub.scenario, r->scenario)) {
        fprintf(stderr, "%s/%s: error: a replay of scenario '%s', but the play is of '%s'\n", pd->dir,
                ENT_F_MANIFEST, sub.scenario, r->scenario);
        ent_result_close(&sub);
        return ENT_EXIT_USAGE;
    }
    rc = ent_result_table(&sub, ENT_F_TRACE, 1, &pd->t);
    snprintf(pd->trace, sizeof pd->trace, "%s/%s", pd->dir, ENT_F_TRACE);
    if (!rc) {
        int c_agent = ent_schema_col(&pd->t, ENT_C_AGENT), c_role = ent_schema_col(&pd->t, ENT_C_ROLE);
        for (size_t k = 0; k < pd->t.n_cols && !rc; k++)
            if ((int)k != c_agent && (int)k != c_role)
                rc = ent_result_numeric(&sub, ENT_F_TRACE, &pd->t, (int)k);
    }
    if (!rc)
        rc = check_rounds(pd->trace, &pd->t, r->student, rounds);
    ent_result_close(&sub);
    if (rc) {
        ent_table_free(&pd->t);
        return rc;
    }
    pd->have = 1;
    return 0;
}

/* Column `col` of the student's row in each round 1..rounds (NaN where absent). */
static void student_series(const ent_table *t, const char *student, const char *col, int rounds, double *out)
{
    int cr = ent_schema_col(t, ENT_C_ROUND), ca = ent_schema_col(t, ENT_C_AGENT), cv = ent_table_col(t, col);
    for (int k = 0; k < rounds; k++)
        out[k] = NAN;
    for (size_t i = 0; i < t->n_rows; i++) {
        double rd = ent_table_num(t, i, cr);
        if (strcmp(ent_table_str(t, i, ca), student) != 0 || !(rd >= 1 && rd <= rounds))
            continue;
        out[(int)rd - 1] = ent_table_num(t, i, cv);
    }
}

/* The student's and the best strategy's cumulative payoff less the
** scenario strategy's, round by round. On their own scale the three paths'
** payoffs look alike (the burden-sharing utility is logarithmic and large);
** their differences are what the choices did. The numbers are written
** beside the plots (play_gap.csv) and drawn by play_gap.gp. */
static int gap_plot(const ent_result *r, ent_plotter *p, const path_data *pd, int rounds)
{
    if (!pd[1].have || rounds < 1)
        return 0;
    double *v = malloc(3 * (size_t)rounds * sizeof *v);
    if (!v)
        return ENT_EXIT_FAIL;
    for (int k = 0; k < 3; k++)
        if (pd[k].have)
            student_series(&pd[k].t, r->student, "cum_payoff", rounds, v + (size_t)k * rounds);
    char path[4600];
    snprintf(path, sizeof path, "%s/play_gap.csv", p->plots_dir);
    FILE *f = ent_mkdirs(p->plots_dir) ? NULL : fopen(path, "w");
    if (!f) {
        fprintf(stderr, "entente plot: cannot write %s/play_gap.csv\n", p->shown_dir);
        free(v);
        return ENT_EXIT_FAIL;
    }
    fputs("round,student_minus_scenario,best_minus_scenario\n", f);
    for (int t = 0; t < rounds; t++) {
        double sc = v[rounds + t];
        fprintf(f, "%d,", t + 1);
        ent_csv_num(f, v[t] - sc);
        fputc(',', f);
        ent_csv_num(f, pd[2].have ? v[2 * (size_t)rounds + t] - sc : NAN);
        fputc('\n', f);
    }
    free(v);
    if (fclose(f)) {
        fprintf(stderr, "entente plot: cannot write %s/play_gap.csv\n", p->shown_dir);
        return ENT_EXIT_FAIL;
    }
    ent_gp_vars gv;
    ent_gp_vars_init(&gv);
    ent_gp_str(&gv, "data", path);
    ent_gp_str(&gv, "agent", r->student);
    ent_gp_num(&gv, "best", pd[2].have);
    ent_gp_num(&gv, "rounds", rounds);
    char caption[256];
    snprintf(caption, sizeof caption, "%s: the discounted payoff gained or lost against the scenario's "
             "own strategy replayed on the same seed, by round (0 = as well as it).", r->student);
    return ent_plot_render(p, "play_gap", "play_gap", caption, &gv) ? ENT_EXIT_FAIL : 0;
}

int ent_plot_play(const ent_result *r, ent_plotter *p)
{
    ent_table deb;
    int rc = ent_play_debrief(r, &deb);
    if (rc == ENT_EXIT_USAGE)
        return rc;
    if (rc == 0)
        ent_table_free(&deb);
    if (!r->student[0])
        return 0;               /* whose path it is cannot be told: the run's plots only */
    path_data *pd = calloc(3, sizeof *pd);
    if (!pd)
        return ENT_EXIT_FAIL;
    int rounds = 0, rr = 0;
    snprintf(pd[0].dir, sizeof pd[0].dir, "%s", r->dir);
    snprintf(pd[0].trace, sizeof pd[0].trace, "%s/%s", r->dir, ENT_F_TRACE);
    if ((rc = ent_result_table(r, ENT_F_TRACE, 1, &pd[0].t)))
        goto done;
    pd[0].have = 1;
    if ((rc = check_rounds(pd[0].trace, &pd[0].t, r->student, &rounds)))
        goto done;
    for (int k = 1; k < 3; k++) {
        if ((rc = load_replay(r, ent_play_paths[k], &pd[k], &rr)))
            goto done;
        if (pd[k].have && rr > rounds)
            rounds = rr;
    }
    for (size_t c = 0; c < N_COMPARED; c++) {
        int col = ent_table_col(&pd[0].t, compared[c].column);
        if (col < 0 || !ent_table_has_num(&pd[0].t, col, ent_schema_col(&pd[0].t, ENT_C_AGENT), r->student))
            continue;
        ent_gp_vars v;
        ent_gp_vars_init(&v);
        int n = 0;
        for (int k = 0; k < 3; k++) {
            if (!pd[k].have || ent_table_col(&pd[k].t, compared[c].column) < 0)
                continue;
            char var[24], label[64];   /* "label" and any int */
            n++;
            snprintf(var, sizeof var, "trace%d", n);
            ent_gp_str(&v, var, pd[k].trace);
            snprintf(var, sizeof var, "label%d", n);
            snprintf(label, sizeof label, "%s%s", k == 0 ? "student, " : "", k == 0 ? r->student :
                     k == 1 ? "scenario strategy" : "best strategy");
            ent_gp_str(&v, var, label);
        }
        ent_gp_num(&v, "n", n);
        ent_gp_num(&v, "rounds", rounds);
        ent_gp_num(&v, "pi", rounds > 15 ? ceil(rounds / 12.0) : 1);
        ent_gp_str(&v, "agent", r->student);
        ent_gp_str(&v, "column", compared[c].column);
        ent_gp_str(&v, "what", compared[c].what);
        ent_gp_str(&v, "ylabel", compared[c].ylabel);
        ent_gp_num(&v, "scale", compared[c].scale);
        char caption[256];
        snprintf(caption, sizeof caption, "%s: the %s%s, by round.", r->student, compared[c].what,
                 n > 1 ? " on the student's path and on the replayed strategies (same seed)" :
                 " on the student's path");
        if (ent_plot_render(p, "play_compare", compared[c].plot, caption, &v)) {
            rc = ENT_EXIT_FAIL;
            goto done;
        }
    }
    rc = gap_plot(r, p, pd, rounds);
done:
    for (int k = 0; k < 3; k++)
        if (pd[k].have)
            ent_table_free(&pd[k].t);
    free(pd);
    return rc;
}
