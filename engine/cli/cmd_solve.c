/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** cmd_solve.c: `entente solve FILE`: equilibria. For a classic game file
** every extreme Nash equilibrium of its matrix game, exactly (nash.h), with
** its flags and, for a degenerate game, the maximal Nash subsets and
** components; for an alliance scenario the burden-sharing (Olson-Zeckhauser
** / joint-product) Nash equilibrium, each matrix stage's equilibria, the
** Rubinstein split and the exit-leverage signalling game.
*/
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "cli.h"
#include "filekind.h"
#include "entente/matrix_stage.h"
#include "entente/nash.h"
#include "output.h"
#include "entente/bargain.h"
#include "entente/game_tournament.h"
#include "entente/exit.h"
#include "entente/run.h"
#include "entente/signalling.h"

const char ent_usage_solve[] =
    "usage: entente solve FILE [--format text|csv|json] [--max N]\n"
    "\n"
    "Print equilibria.\n"
    "  classic game file  every extreme Nash equilibrium of the matrix game (up to\n"
    "                     32x32, any shape), exactly: vertex enumeration of the\n"
    "                     best-response polytopes in rational arithmetic, payoffs\n"
    "                     read as exact decimals; probabilities and payoffs as\n"
    "                     fractions and decimals; flags strict, payoff-dominant,\n"
    "                     risk-dominant (2x2), the index; for a degenerate game its\n"
    "                     maximal Nash subsets (convex sets of equilibria) and components\n"
    "  alliance scenario  burden_sharing: the Nash equilibrium of the contribution\n"
    "                     game (Olson & Zeckhauser 1966; Sandler's joint product), with\n"
    "                     the agents' security weights as the run calibrates them;\n"
    "                     matrix: each matrix stage's game solved as above (patron = row)\n"
    "                     bargaining: the Rubinstein (1982) subgame-perfect split with\n"
    "                     the patron proposing first (outside options left out)\n"
    "                     exit_leverage: for each ally, the one-shot signalling game\n"
    "                     (threat, comply or defy, carry out or back down) at the\n"
    "                     scenario's starting state and its perfect Bayesian equilibria\n"
    "  --max N            list at most N equilibria (default 100000); with more, say so\n"
    "                     and exit with status 3\n"
    "CSV columns: game files equilibrium,kind,player,action,probability,expected_payoff,\n"
    "probability_exact,expected_payoff_exact,component,index,flags; scenarios\n"
    "stage,agent,quantity,value.\n"
    "Exit status: 0; 3 more equilibria than --max; 2 bad input; 1 a game too large.\n";

typedef enum { FMT_TEXT, FMT_CSV, FMT_JSON } fmt_t;

/* exit status when there are more equilibria than --max */
#define EXIT_PARTIAL 3

/* ---- Nash equilibria of a matrix game (game files and matrix stages) -------- */

static int is_integer(const char *q) { return !strchr(q, '/'); }

/* "2/3 (0.666667) stag + 1/3 (0.333333) hare", or the action of a pure strategy */
static void text_mix(const ent_nash_strategy *st, int k, const char (*labels)[ENT_LABEL_MAX])
{
    int first = 1;
    for (int i = 0; i < k; i++) {
        if (st->p[i] == 0.0 && !strcmp(st->exact[i], "0"))
            continue;
        if (st->support == 1)
            printf("%s", labels[i]);
        else
            printf("%s%s (%.6g) %s", first ? "" : " + ", st->exact[i], st->p[i], labels[i]);
        first = 0;
    }
}

static void text_num(const char *exact, double v)
{
    if (is_integer(exact))
        printf("%s", exact);
    else
        printf("%s (%.6g)", exact, v);
}

static void text_flags(const ent_nash_equilibrium *e)
{
    const char *f[5];
    int n = 0;
    char idx[16];
    if (e->strict) f[n++] = "strict";
    if (e->payoff_dominant) f[n++] = "payoff-dominant";
    if (e->risk_dominant) f[n++] = "risk-dominant";
    if (e->index) {
        snprintf(idx, sizeof idx, "index %+d", e->index);
        f[n++] = idx;
    }
    if (!n)
        return;
    printf(" [");
    for (int i = 0; i < n; i++)
        printf("%s%s", i ? ", " : "", f[i]);
    putchar(']');
}

static const char *kind_of(const ent_nash_result *r, const ent_nash_equilibrium *e)
{
    (void)r;
    return e->pure ? "pure" : "mixed";
}

/* the count line's tail: "3 Nash equilibria" and what they are */
static void text_count(const ent_nash_result *r, long max)
{
    if (!r->complete)
        printf("more than %ld Nash equilibria (%ld of them listed; --max raises the limit)", max, max);
    else if (r->degenerate)
        printf("%ld extreme Nash equilibri%s in %d component%s", r->n_eq, r->n_eq == 1 ? "um" : "a",
               r->n_components, r->n_components == 1 ? "" : "s");
    else
        printf("%ld Nash equilibri%s", r->n_eq, r->n_eq == 1 ? "um" : "a");
}

/* One line per equilibrium, then the components of a degenerate game. */
static void text_equilibria(const ent_bimatrix *g, const ent_nash_result *r)
{
    for (long k = 0; k < r->n_eq; k++) {
        const ent_nash_equilibrium *e = &r->eq[k];
        printf("  %ld. %-5s row: ", k + 1, kind_of(r, e));
        text_mix(&r->rows[e->row], g->m, g->row_labels);
        printf("; column: ");
        text_mix(&r->cols[e->col], g->n, g->col_labels);
        printf("; payoffs ");
        text_num(e->u_row_exact, e->u_row);
        printf(", ");
        text_num(e->u_col_exact, e->u_col);
        text_flags(e);
        putchar('\n');
    }
    if (!r->degenerate || !r->complete)
        return;
    printf("  degenerate game (payoff ties): besides the extreme equilibria above, every mix within a\n"
           "  maximal Nash subset is an equilibrium -- any mix of its row strategies against any mix of\n"
           "  its column strategies; a component is a connected union of such convex sets\n");
    int s = 0;
    for (int c = 0; c < r->n_components; c++) {
        printf("  component %d: equilibria", c + 1);
        int first = 1;
        for (long k = 0; k < r->n_eq; k++)
            if (r->eq[k].component == c) {
                printf("%s %ld", first ? "" : ",", k + 1);
                first = 0;
            }
        putchar('\n');
        for (; s < r->n_subsets && r->subsets[s].component == c; s++) {
            const ent_nash_subset *ss = &r->subsets[s];
            printf("    maximal Nash subset: row {");
            for (int i = 0; i < ss->n_rows; i++) {
                printf("%s", i ? "; " : "");
                text_mix(&r->rows[ss->rows[i]], g->m, g->row_labels);
            }
            printf("} x column {");
            for (int j = 0; j < ss->n_cols; j++) {
                printf("%s", j ? "; " : "");
                text_mix(&r->cols[ss->cols[j]], g->n, g->col_labels);
            }
            printf("}\n");
        }
    }
    if (!r->subsets_complete)
        printf("  (too many maximal Nash subsets to list them all)\n");
}

static void json_mix(const ent_nash_strategy *st, int k, const char (*labels)[ENT_LABEL_MAX], int exact)
{
    putchar('{');
    for (int i = 0; i < k; i++) {
        printf("%s", i ? ", " : "");
        ent_json_str(stdout, labels[i]);
        fputs(": ", stdout);
        if (exact)
            ent_json_str(stdout, st->exact[i]);
        else
            ent_json_num(stdout, st->p[i]);
    }
    putchar('}');
}

static void json_bool(const char *key, int v)
{
    printf(", \"%s\": %s", key, v ? "true" : "false");
}

/* "equilibria": [...], "components": [...] of a solved game (indented by pad) */
static void json_equilibria(const ent_bimatrix *g, const ent_nash_result *r, long max, const char *pad)
{
    printf("\"degenerate\": %s, \"complete\": %s, \"max\": %ld, \"equilibria\": [\n",
           r->degenerate ? "true" : "false", r->complete ? "true" : "false", max);
    for (long k = 0; k < r->n_eq; k++) {
        const ent_nash_equilibrium *e = &r->eq[k];
        printf("%s  {\"kind\": \"%s\", \"row\": ", pad, kind_of(r, e));
        json_mix(&r->rows[e->row], g->m, g->row_labels, 0);
        printf(", \"column\": ");
        json_mix(&r->cols[e->col], g->n, g->col_labels, 0);
        printf(", \"row_payoff\": ");
        ent_json_num(stdout, e->u_row);
        printf(", \"column_payoff\": ");
        ent_json_num(stdout, e->u_col);
        printf(", \"row_exact\": ");
        json_mix(&r->rows[e->row], g->m, g->row_labels, 1);
        printf(", \"column_exact\": ");
        json_mix(&r->cols[e->col], g->n, g->col_labels, 1);
        printf(", \"row_payoff_exact\": ");
        ent_json_str(stdout, e->u_row_exact);
        printf(", \"column_payoff_exact\": ");
        ent_json_str(stdout, e->u_col_exact);
        json_bool("pure", e->pure);
        json_bool("strict", e->strict);
        json_bool("payoff_dominant", e->payoff_dominant);
        json_bool("risk_dominant", e->risk_dominant);
        if (e->index)
            printf(", \"index\": %d", e->index);
        else
            printf(", \"index\": null");
        if (e->component >= 0)
            printf(", \"component\": %d", e->component + 1);
        else
            printf(", \"component\": null");
        printf("}%s\n", k + 1 < r->n_eq ? "," : "");
    }
    printf("%s], \"components\": [", pad);
    int s = 0;
    for (int c = 0; r->complete && c < r->n_components; c++) {
        printf("%s\n%s  {\"component\": %d, \"equilibria\": [", c ? "," : "", pad, c + 1);
        int first = 1;
        for (long k = 0; k < r->n_eq; k++)
            if (r->eq[k].component == c) {
                printf("%s%ld", first ? "" : ", ", k + 1);
                first = 0;
            }
        printf("], \"maximal_nash_subsets\": [");
        for (int f = 0; s < r->n_subsets && r->subsets[s].component == c; s++, f++) {
            const ent_nash_subset *ss = &r->subsets[s];
            printf("%s{\"rows\": [", f ? ", " : "");
            for (int i = 0; i < ss->n_rows; i++) {
                printf("%s", i ? ", " : "");
                json_mix(&r->rows[ss->rows[i]], g->m, g->row_labels, 1);
            }
            printf("], \"columns\": [");
            for (int j = 0; j < ss->n_cols; j++) {
                printf("%s", j ? ", " : "");
                json_mix(&r->cols[ss->cols[j]], g->n, g->col_labels, 1);
            }
            printf("]}");
        }
        printf("]}");
    }
    printf("%s]", r->n_components && r->complete ? "\n" : "");
    if (r->complete && !r->subsets_complete)
        printf(", \"subsets_complete\": false");
}

static void csv_flags(const ent_nash_equilibrium *e)
{
    int n = 0;
    if (e->strict) printf("%sstrict", n++ ? ";" : "");
    if (e->payoff_dominant) printf("%spayoff-dominant", n++ ? ";" : "");
    if (e->risk_dominant) printf("%srisk-dominant", n++ ? ";" : "");
}

/* Solve g; prints why and returns nonzero when it cannot be done. */
static int nash_solve(const char *what, const ent_bimatrix *g, const char *const *text, long max,
                      ent_nash_result *r)
{
    int st = ent_nash_solve(g, text, max, 0, r);
    if (st == ENT_NASH_OK)
        return 0;
    if (st == ENT_NASH_TOO_LARGE)
        fprintf(stderr, "%s: the %dx%d game is too large to enumerate exactly: a best-response "
                "polytope needs more than %ld vertices at a time\n", what, g->m, g->n, ENT_NASH_DEFAULT_VERTICES);
    else if (st == ENT_NASH_BAD_NUMBER)
        fprintf(stderr, "%s: a payoff is not a finite number\n", what);
    else
        fprintf(stderr, "entente solve: out of memory\n");
    ent_nash_result_free(r);
    return -1;
}

static void partial_note(const char *what, long max)
{
    fprintf(stderr, "%s: more than %ld Nash equilibria; %ld of them are listed (raise --max)\n",
            what, max, max);
}

static int solve_game(const ent_classic *c, fmt_t fmt, long max)
{
    const ent_bimatrix *g = &c->game;
    ent_nash_result r;
    if (nash_solve(c->path, g, (const char *const *)c->payoff_text, max, &r))
        return ENT_EXIT_FAIL;
    if (fmt == FMT_TEXT) {
        printf("%s: %s game (%dx%d), ", c->name, g->name, g->m, g->n);
        text_count(&r, max);
        putchar('\n');
        text_equilibria(g, &r);
    } else if (fmt == FMT_CSV) {
        printf("equilibrium,kind,player,action,probability,expected_payoff,probability_exact,"
               "expected_payoff_exact,component,index,flags\n");
        for (long k = 0; k < r.n_eq; k++) {
            const ent_nash_equilibrium *e = &r.eq[k];
            for (int pl = 0; pl < 2; pl++) {
                const ent_nash_strategy *st = pl ? &r.cols[e->col] : &r.rows[e->row];
                int na = pl ? g->n : g->m;
                for (int i = 0; i < na; i++) {
                    printf("%ld,%s,%s,", k + 1, kind_of(&r, e), pl ? "column" : "row");
                    ent_csv_str(stdout, pl ? g->col_labels[i] : g->row_labels[i]);
                    putchar(',');
                    ent_csv_num(stdout, st->p[i]);
                    putchar(',');
                    ent_csv_num(stdout, pl ? e->u_col : e->u_row);
                    printf(",%s,%s,", st->exact[i], pl ? e->u_col_exact : e->u_row_exact);
                    if (e->component >= 0)
                        printf("%d", e->component + 1);
                    putchar(',');
                    if (e->index)
                        printf("%d", e->index);
                    putchar(',');
                    csv_flags(e);
                    putchar('\n');
                }
            }
        }
        if (!r.complete)
            partial_note(c->path, max);
    } else {
        printf("{\n  \"file\": ");
        ent_json_str(stdout, c->path);
        printf(",\n  \"name\": ");
        ent_json_str(stdout, c->name);
        printf(",\n  \"game\": ");
        ent_json_str(stdout, g->name);
        printf(",\n  \"rows\": %d,\n  \"columns\": %d,\n  ", g->m, g->n);
        json_equilibria(g, &r, max, "  ");
        printf("\n}\n");
        if (!r.complete)
            partial_note(c->path, max);
    }
    int complete = r.complete;
    ent_nash_result_free(&r);
    return complete ? ENT_EXIT_OK : EXIT_PARTIAL;
}

/* ---- alliance scenarios --------------------------------------------------------- */

typedef struct {
    double Y, a, psi, m, share0;
} burden_row;

/* The equilibrium with the weights as the burden stage resolves them. */
static int burden_solve(const ent_scenario *s, burden_row *rows, double *total)
{
    size_t n = ent_scenario_n_agents(s);
    double *Y = malloc(n * sizeof *Y), *a = malloc(n * sizeof *a), *psi = malloc(n * sizeof *psi),
           *m = malloc(n * sizeof *m);
    int rc = -1;
    if (!Y || !a || !psi || !m)
        goto done;
    *total = ent_burden_scenario_nash(s, Y, a, psi, m);
    for (size_t i = 0; i < n; i++) {
        rows[i].Y = Y[i];
        rows[i].a = a[i];
        rows[i].psi = psi[i];
        rows[i].m = m[i];
        rows[i].share0 = ent_scenario_agent_param(s, i, "defence_share");
    }
    rc = isnan(*total) ? -1 : 0;
done:
    free(Y);
    free(a);
    free(psi);
    free(m);
    return rc;
}

/* Why the equilibrium was not found: a security weight revealed by a
** starting share so small that its odds (1 - alpha) / alpha overflow. */
static void burden_failure(const ent_scenario *s, const burden_row *rows)
{
    for (size_t i = 0; i < ent_scenario_n_agents(s); i++)
        if (!isfinite((1.0 - rows[i].a) / rows[i].a)) {
            fprintf(stderr, "%s: the burden-sharing equilibrium could not be found: %s's weight on "
                    "security ('alpha'), calibrated from its 'defence_share' of %g, is %g, too small "
                    "to solve for; give its 'alpha' or a larger 'defence_share'\n", ent_scenario_path(s),
                    ent_scenario_agent_code(s, i), rows[i].share0, rows[i].a);
            return;
        }
    fprintf(stderr, "%s: the burden-sharing equilibrium could not be found\n", ent_scenario_path(s));
}

static double discount_of(const ent_scenario *s, size_t i)
{
    double d = ent_scenario_agent_param(s, i, "discount");
    return isnan(d) ? ent_scenario_discount(s) : d;
}

static void csv_row(const char *stage, const char *agent, const char *q, double v)
{
    printf("%s,", stage);
    ent_csv_str(stdout, agent);
    printf(",%s,", q);
    ent_csv_num(stdout, v);
    putchar('\n');
}

/* The matrix stages of a scenario: each one's game and equilibria. */
typedef struct {
    int stage;
    ent_bimatrix g;
    ent_nash_result r;
} matrix_row;

/* Every matrix stage solved into *out (count in *n); 0, or -1 (reported). */
static int matrix_stages(const ent_scenario *s, long max, matrix_row **out, int *n)
{
    *n = 0;
    *out = calloc(ent_scenario_n_stages(s) + 1, sizeof **out);
    if (!*out) {
        fprintf(stderr, "entente solve: out of memory\n");
        return -1;
    }
    for (size_t k = 0; k < ent_scenario_n_stages(s); k++) {
        matrix_row *m = &(*out)[*n];
        if (ent_matrix_stage_game(s, (int)k, &m->g))
            continue;
        m->stage = (int)k;
        if (nash_solve(ent_scenario_path(s), &m->g, NULL, max, &m->r))
            return -1;
        (*n)++;
    }
    return 0;
}

static void matrix_free(matrix_row *m, int n)
{
    for (int i = 0; m && i < n; i++)
        ent_nash_result_free(&m[i].r);
    free(m);
}

/* ---- exit leverage: the signalling game's perfect Bayesian equilibria ----------- */

#define PBE_MAX 16

typedef struct {
    int rc;                 /* ent_exit_signal_menu's */
    ent_signal_menu m;
    ent_pbe_menu eq[PBE_MAX];
    int k;
} exit_row;

/* The game with each ally at the scenario's starting state. */
static int exit_games(const ent_scenario *s, exit_row *rows)
{
    ent_run *run = ent_run_alloc(s, 0);
    if (!run)
        return -1;
    ent_run_begin(run, ent_scenario_seed(s), 0, 0);
    for (size_t i = 1; i < ent_scenario_n_agents(s); i++) {
        exit_row *r = &rows[i];
        r->rc = ent_exit_signal_menu(run, i, &r->m);
        r->k = r->rc == 0 ? ent_signal_solve_menu(&r->m, r->eq, PBE_MAX) : 0;
        if (r->k < 0)
            r->k = 0;
        if (r->k > PBE_MAX)
            r->k = PBE_MAX;
    }
    ent_run_free(run);
    return 0;
}

static const char *type_name(int ty)
{
    return ty == ENT_TYPE_TRANSACTIONAL ? "transactional" : "committed";
}

/* P(type threatens at all) in equilibrium e */
static double threat_prob(const ent_pbe_menu *e, int ty)
{
    return e->message[ty] >= 0 ? e->mix[ty] : 0.0;
}

/* q(mu) of threat k: the chance it is carried out if the ally defies */
static double exec_at(const ent_signal_game *g, double mu)
{
    return mu * g->execute[ENT_TYPE_TRANSACTIONAL] + (1.0 - mu) * g->execute[ENT_TYPE_COMMITTED];
}

static void threat_text(const ent_signal_game *g, int with_demand)
{
    if (with_demand)
        printf("demand d %.6g, harm H %.6g;\n         ", g->demand, g->harm);
    printf("committed: cost X %.6g, resolve %.4g, carries out if defied %.4g;"
           " transactional: cost X %.6g, resolve %.4g, carries out if defied %.4g;\n"
           "         the ally complies iff P(carried out | defy) >= q* = %.6g\n",
           g->cost[0], g->resolve[0], g->execute[0], g->cost[1], g->resolve[1], g->execute[1],
           ent_signal_threshold(g));
}

/* One threat's belief and reply in equilibrium e, in words. */
static void belief_text(const ent_pbe_menu *e, int k, const char *which)
{
    if (isnan(e->off_lo[k]))
        printf(" posterior P(transactional | %s) = %.6g (Bayes);", which, e->posterior[k]);
    else
        printf(" off-path belief P(transactional | %s) = %.6g (any in %s%.6g, %.6g%s);", which,
               e->posterior[k], e->off_lo[k] > 0.0 ? "(" : "[", e->off_lo[k], e->off_hi[k],
               e->off_hi[k] < 1.0 ? ")" : "]");
}

static void exit_text(const ent_scenario *s, const exit_row *rows)
{
    printf("exit_leverage: the one-shot signalling game with each ally at the starting state "
           "(p = P(transactional)), perfect Bayesian equilibria\n");
    for (size_t i = 1; i < ent_scenario_n_agents(s); i++) {
        const exit_row *r = &rows[i];
        const ent_signal_menu *m = &r->m;
        const ent_signal_game *g = &m->threat[0];
        if (r->rc < 0) {
            printf("  %-6s the patron strategy states no type-conditional behaviour\n", ent_scenario_agent_code(s, i));
            continue;
        }
        if (r->rc > 0) {
            printf("  %-6s no demand (no shortfall): nothing to signal\n", ent_scenario_agent_code(s, i));
            continue;
        }
        if (m->n == 1) {
            printf("  %-6s p %.4g, demand d %.6g, harm H %.6g, autonomy %.4g, audience cost %.6g;\n"
                   "         ", ent_scenario_agent_code(s, i), g->prior, g->demand, g->harm, g->autonomy,
                   g->audience_cost);
            threat_text(g, 0);
        } else {
            printf("  %-6s p %.4g, autonomy %.4g, audience cost %.6g; the types state different "
                   "threats, and either may make either:\n", ent_scenario_agent_code(s, i), g->prior, g->autonomy,
                   g->audience_cost);
            for (int k = 0; k < m->n; k++) {
                printf("         threat %d (the %s type's): ", k + 1,
                       m->stated[ENT_TYPE_TRANSACTIONAL] == k ? type_name(1) : type_name(0));
                threat_text(&m->threat[k], 1);
            }
        }
        if (r->k == 0)
            printf("         no equilibrium of the generic kinds (a knife-edge game)\n");
        for (int e = 0; e < r->k; e++) {
            const ent_pbe_menu *q = &r->eq[e];
            printf("    %d. %s: threat P(committed) %.6g, P(transactional) %.6g;", e + 1,
                   ent_pbe_kind_name(q->kind), threat_prob(q, 0), threat_prob(q, 1));
            if (m->n == 1) {
                belief_text(q, 0, "threat");
                printf(" P(carried out | defy) %.6g; ally complies with probability %.6g;",
                       exec_at(g, q->posterior[0]), q->comply[0]);
            } else {
                for (int ty = 0; ty < 2; ty++)
                    if (q->message[ty] >= 0)
                        printf(" the %s type makes threat %d;", type_name(ty), q->message[ty] + 1);
                for (int k = 0; k < m->n; k++) {
                    char which[32];
                    snprintf(which, sizeof which, "threat %d", k + 1);
                    belief_text(q, k, which);
                    printf(" ally complies with threat %d with probability %.6g;", k + 1, q->comply[k]);
                }
            }
            printf(" if defied, each type carries out as stated; payoffs committed %.6g, "
                   "transactional %.6g, ally %.6g\n", q->payoff[0], q->payoff[1], q->ally_payoff);
        }
    }
}

static void exit_csv(const ent_scenario *s, const exit_row *rows)
{
    for (size_t i = 1; i < ent_scenario_n_agents(s); i++) {
        const exit_row *r = &rows[i];
        const char *c = ent_scenario_agent_code(s, i);
        if (r->rc != 0)
            continue;
        char q[64];
        csv_row("exit_leverage", c, "prior", r->m.threat[0].prior);
        csv_row("exit_leverage", c, "threats", r->m.n);
        for (int k = 0; k < r->m.n; k++) {
            const ent_signal_game *g = &r->m.threat[k];
            const char *sfx = k ? "_2" : "";
#define ROW(name, val) (snprintf(q, sizeof q, "%s%s", name, sfx), csv_row("exit_leverage", c, q, val))
            ROW("demand", g->demand);
            ROW("harm", g->harm);
            ROW("threshold", ent_signal_threshold(g));
            ROW("execute_committed", g->execute[0]);
            ROW("execute_transactional", g->execute[1]);
#undef ROW
        }
        csv_row("exit_leverage", c, "equilibria", r->k);
        for (int e = 0; e < r->k; e++) {
            const ent_pbe_menu *x = &r->eq[e];
#define ROW(name, val) (snprintf(q, sizeof q, "pbe_%d_%s", e + 1, name), csv_row("exit_leverage", c, q, val))
            ROW("kind", x->kind);
            ROW("threat_committed", threat_prob(x, 0));
            ROW("threat_transactional", threat_prob(x, 1));
            ROW("message_committed", x->message[0] + 1);
            ROW("message_transactional", x->message[1] + 1);
            ROW("posterior", x->posterior[0]);
            ROW("comply", x->comply[0]);
            ROW("execute_prob", exec_at(&r->m.threat[0], x->posterior[0]));
            if (r->m.n > 1) {
                ROW("posterior_2", x->posterior[1]);
                ROW("comply_2", x->comply[1]);
                ROW("execute_prob_2", exec_at(&r->m.threat[1], x->posterior[1]));
            }
            ROW("payoff_committed", x->payoff[0]);
            ROW("payoff_transactional", x->payoff[1]);
            ROW("payoff_ally", x->ally_payoff);
#undef ROW
        }
    }
}

static void exit_json(const ent_scenario *s, const exit_row *rows)
{
    printf(",\n  \"exit_leverage\": {\"allies\": [\n");
    int first = 1;
    for (size_t i = 1; i < ent_scenario_n_agents(s); i++) {
        const exit_row *r = &rows[i];
        if (r->rc != 0)
            continue;
        const ent_signal_game *g = &r->m.threat[0];
        printf("%s    {\"agent\": ", first ? "" : ",\n");
        first = 0;
        ent_json_str(stdout, ent_scenario_agent_code(s, i));
        printf(", \"prior\": "); ent_json_num(stdout, g->prior);
        printf(", \"demand\": "); ent_json_num(stdout, g->demand);
        printf(", \"harm\": "); ent_json_num(stdout, g->harm);
        printf(", \"threshold\": "); ent_json_num(stdout, ent_signal_threshold(g));
        printf(", \"threats\": [");
        for (int k = 0; k < r->m.n; k++) {
            const ent_signal_game *t = &r->m.threat[k];
            printf("%s{\"demand\": ", k ? ", " : "");
            ent_json_num(stdout, t->demand);
            printf(", \"instrument\": %u, \"harm\": ", t->instrument);
            ent_json_num(stdout, t->harm);
            printf(", \"threshold\": "); ent_json_num(stdout, ent_signal_threshold(t));
            printf(", \"execute\": ["); ent_json_num(stdout, t->execute[0]);
            printf(", "); ent_json_num(stdout, t->execute[1]);
            printf("]}");
        }
        printf("], \"equilibria\": [");
        for (int e = 0; e < r->k; e++) {
            const ent_pbe_menu *x = &r->eq[e];
            printf("%s{\"kind\": ", e ? ", " : "");
            ent_json_str(stdout, ent_pbe_kind_name(x->kind));
            printf(", \"threat_committed\": "); ent_json_num(stdout, threat_prob(x, 0));
            printf(", \"threat_transactional\": "); ent_json_num(stdout, threat_prob(x, 1));
            printf(", \"message\": [%d, %d]", x->message[0] + 1, x->message[1] + 1);
            printf(", \"posterior\": "); ent_json_num(stdout, x->posterior[0]);
            printf(", \"comply\": "); ent_json_num(stdout, x->comply[0]);
            printf(", \"posteriors\": [");
            for (int k = 0; k < r->m.n; k++) {
                printf("%s", k ? ", " : "");
                ent_json_num(stdout, x->posterior[k]);
            }
            printf("], \"complies\": [");
            for (int k = 0; k < r->m.n; k++) {
                printf("%s", k ? ", " : "");
                ent_json_num(stdout, x->comply[k]);
            }
            printf("], \"payoffs\": [");
            ent_json_num(stdout, x->payoff[0]);
            printf(", "); ent_json_num(stdout, x->payoff[1]);
            printf(", "); ent_json_num(stdout, x->ally_payoff);
            printf("]}");
        }
        printf("]}");
    }
    printf("\n  ]}");
}

static int solve_scenario(const ent_scenario *s, fmt_t fmt, long max)
{
    int bs = ent_scenario_stage_index(s, "burden_sharing");
    int bg = ent_scenario_stage_index(s, "bargaining");
    int mx = ent_scenario_stage_index(s, "matrix");
    int ex = ent_scenario_stage_index(s, "exit_leverage");
    if (bs < 0 && bg < 0 && mx < 0 && ex < 0) {
        fprintf(stderr, "%s: nothing to solve: no burden_sharing, bargaining, matrix or exit_leverage stage\n",
                ent_scenario_path(s));
        return ENT_EXIT_USAGE;
    }
    matrix_row *mr = NULL;
    int n_mr = 0;
    if (mx >= 0 && matrix_stages(s, max, &mr, &n_mr)) {
        matrix_free(mr, n_mr);
        return ENT_EXIT_FAIL;
    }
    size_t n = ent_scenario_n_agents(s);
    burden_row *rows = calloc(n, sizeof *rows);
    double total = NAN;
    if (!rows) {
        fprintf(stderr, "entente solve: out of memory\n");
        matrix_free(mr, n_mr);
        return ENT_EXIT_FAIL;
    }
    if (bs >= 0 && burden_solve(s, rows, &total)) {
        burden_failure(s, rows);
        free(rows);
        matrix_free(mr, n_mr);
        return ENT_EXIT_FAIL;
    }
    exit_row *xr = NULL;
    if (ex >= 0 && (!(xr = calloc(n, sizeof *xr)) || exit_games(s, xr))) {
        fprintf(stderr, "entente solve: cannot set up the exit_leverage game\n");
        free(xr);
        free(rows);
        matrix_free(mr, n_mr);
        return ENT_EXIT_FAIL;
    }
    double dp = discount_of(s, 0);
    if (fmt == FMT_TEXT) {
        printf("%s\n", ent_scenario_name(s));
        if (bs >= 0) {
            printf("burden sharing: Nash equilibrium of the contribution game, alliance spending "
                   "%.1f USD bn\n", total);
            printf("  %-6s %10s %7s %6s %9s %10s %9s %8s\n", "agent", "GDP $bn", "alpha", "psi",
                   "start", "Nash $bn", "Nash", "burden");
            for (size_t i = 0; i < n; i++)
                printf("  %-6s %10.0f %7.4f %6.3f %8.2f%% %10.2f %8.2f%% %7.1f%%\n",
                       ent_scenario_agent_code(s, i), rows[i].Y, rows[i].a, rows[i].psi, 100 * rows[i].share0,
                       rows[i].m, 100 * rows[i].m / rows[i].Y,
                       total > 0 ? 100 * rows[i].m / total : 0.0);
        }
        if (bg >= 0) {
            printf("bargaining: Rubinstein subgame-perfect split of the pie, patron proposing first "
                   "(discount %.3g)\n", dp);
            for (size_t i = 1; i < n; i++) {
                double x = ent_rubinstein_share(dp, discount_of(s, i));
                printf("  %-6s ally discount %.3g: patron %.4f, ally %.4f\n", ent_scenario_agent_code(s, i),
                       discount_of(s, i), x, 1 - x);
            }
        }
        for (int q = 0; q < n_mr; q++) {
            const ent_bimatrix *g = &mr[q].g;
            if (n_mr > 1)
                printf("matrix (stage %d): ", mr[q].stage + 1);
            else
                printf("matrix: ");
            printf("%s (%dx%d), the patron (row) against each ally (column), ", g->name, g->m, g->n);
            text_count(&mr[q].r, max);
            printf(" of the stage game\n");
            text_equilibria(g, &mr[q].r);
        }
        if (ex >= 0)
            exit_text(s, xr);
    } else if (fmt == FMT_CSV) {
        printf("stage,agent,quantity,value\n");
        if (bs >= 0) {
            for (size_t i = 0; i < n; i++) {
                const char *c = ent_scenario_agent_code(s, i);
                csv_row("burden_sharing", c, "gdp", rows[i].Y);
                csv_row("burden_sharing", c, "alpha", rows[i].a);
                csv_row("burden_sharing", c, "psi", rows[i].psi);
                csv_row("burden_sharing", c, "initial_share", rows[i].share0);
                csv_row("burden_sharing", c, "nash_spending", rows[i].m);
                csv_row("burden_sharing", c, "nash_share", rows[i].m / rows[i].Y);
                csv_row("burden_sharing", c, "nash_burden_share", total > 0 ? rows[i].m / total : NAN);
            }
            csv_row("burden_sharing", "ALL", "nash_alliance_spending", total);
        }
        if (bg >= 0)
            for (size_t i = 1; i < n; i++) {
                double x = ent_rubinstein_share(dp, discount_of(s, i));
                csv_row("bargaining", ent_scenario_agent_code(s, i), "patron_share", x);
                csv_row("bargaining", ent_scenario_agent_code(s, i), "ally_share", 1 - x);
            }
        for (int q = 0; q < n_mr; q++) {
            const ent_bimatrix *g = &mr[q].g;
            const ent_nash_result *r = &mr[q].r;
            char stage[32];
            snprintf(stage, sizeof stage, n_mr > 1 ? "matrix_%d" : "matrix", mr[q].stage + 1);
            for (long e = 0; e < r->n_eq; e++) {
                char who[48], qn[ENT_LABEL_MAX + 24];
                const ent_nash_equilibrium *x = &r->eq[e];
                snprintf(who, sizeof who, "equilibrium_%ld", e + 1);
                for (int i = 0; i < g->m; i++) {
                    snprintf(qn, sizeof qn, "row:%s", g->row_labels[i]);
                    csv_row(stage, who, qn, r->rows[x->row].p[i]);
                }
                for (int j = 0; j < g->n; j++) {
                    snprintf(qn, sizeof qn, "column:%s", g->col_labels[j]);
                    csv_row(stage, who, qn, r->cols[x->col].p[j]);
                }
                csv_row(stage, who, "row_payoff", x->u_row);
                csv_row(stage, who, "column_payoff", x->u_col);
                for (int i = 0; i < g->m; i++)
                    printf("%s,%s,row_exact:%s,%s\n", stage, who, g->row_labels[i], r->rows[x->row].exact[i]);
                for (int j = 0; j < g->n; j++)
                    printf("%s,%s,column_exact:%s,%s\n", stage, who, g->col_labels[j], r->cols[x->col].exact[j]);
                printf("%s,%s,row_payoff_exact,%s\n", stage, who, x->u_row_exact);
                printf("%s,%s,column_payoff_exact,%s\n", stage, who, x->u_col_exact);
            }
            if (!r->complete)
                partial_note(ent_scenario_path(s), max);
        }
        if (ex >= 0)
            exit_csv(s, xr);
    } else {
        printf("{\n  \"file\": ");
        ent_json_str(stdout, ent_scenario_path(s));
        printf(",\n  \"name\": ");
        ent_json_str(stdout, ent_scenario_name(s));
        if (bs >= 0) {
            printf(",\n  \"burden_sharing\": {\"alliance_spending\": ");
            ent_json_num(stdout, total);
            printf(", \"agents\": [\n");
            for (size_t i = 0; i < n; i++) {
                printf("    {\"agent\": ");
                ent_json_str(stdout, ent_scenario_agent_code(s, i));
                printf(", \"gdp\": ");
                ent_json_num(stdout, rows[i].Y);
                printf(", \"alpha\": ");
                ent_json_num(stdout, rows[i].a);
                printf(", \"psi\": ");
                ent_json_num(stdout, rows[i].psi);
                printf(", \"initial_share\": ");
                ent_json_num(stdout, rows[i].share0);
                printf(", \"nash_spending\": ");
                ent_json_num(stdout, rows[i].m);
                printf(", \"nash_share\": ");
                ent_json_num(stdout, rows[i].m / rows[i].Y);
                printf("}%s\n", i + 1 < n ? "," : "");
            }
            printf("  ]}");
        }
        if (bg >= 0) {
            printf(",\n  \"bargaining\": {\"proposer\": \"patron\", \"patron_discount\": ");
            ent_json_num(stdout, dp);
            printf(", \"allies\": [\n");
            for (size_t i = 1; i < n; i++) {
                double x = ent_rubinstein_share(dp, discount_of(s, i));
                printf("    {\"agent\": ");
                ent_json_str(stdout, ent_scenario_agent_code(s, i));
                printf(", \"ally_discount\": ");
                ent_json_num(stdout, discount_of(s, i));
                printf(", \"patron_share\": ");
                ent_json_num(stdout, x);
                printf(", \"ally_share\": ");
                ent_json_num(stdout, 1 - x);
                printf("}%s\n", i + 1 < n ? "," : "");
            }
            printf("  ]}");
        }
        for (int q = 0; q < n_mr; q++) {
            const ent_bimatrix *g = &mr[q].g;
            if (q == 0)
                printf(",\n  \"matrix\": {\"game\": ");
            else
                printf(",\n  \"matrix_%d\": {\"game\": ", mr[q].stage + 1);
            ent_json_str(stdout, g->name);
            printf(", \"stage\": %d, \"rows\": %d, \"columns\": %d, ", mr[q].stage + 1, g->m, g->n);
            json_equilibria(g, &mr[q].r, max, "  ");
            printf("}");
            if (!mr[q].r.complete)
                partial_note(ent_scenario_path(s), max);
        }
        if (ex >= 0)
            exit_json(s, xr);
        printf("\n}\n");
    }
    int partial = 0;
    for (int q = 0; q < n_mr; q++)
        partial |= !mr[q].r.complete;
    free(xr);
    free(rows);
    matrix_free(mr, n_mr);
    return partial ? EXIT_PARTIAL : ENT_EXIT_OK;
}

/* 1 if a line of the file opens with "game:". Only a regular file within
** the loaders' size limit is looked at, opened without waiting: a pipe, a
** device or a huge file goes straight to the loader, which refuses it. */
static int has_game_line(const char *path)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
    if (fd < 0)
        return 0;
    struct stat st;
    FILE *f = NULL;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > (off_t)ENT_SCENARIO_MAX_BYTES ||
        !(f = fdopen(fd, "r"))) {
        close(fd);
        return 0;
    }
    char line[256];
    int found = 0, bol = 1;
    while (!found && fgets(line, sizeof line, f)) {
        found = bol && !strncmp(line, "game:", 5);
        bol = strchr(line, '\n') != NULL;
    }
    fclose(f);
    return found;
}

int ent_cmd_solve(int argc, char **argv)
{
    ent_option opts[] = { { "format", 1, NULL }, { "max", 1, NULL }, { NULL, 0, NULL } };
    const char *pos[4];
    size_t n_pos;
    int rc = ent_parse_options("solve", argc, argv, opts, pos, 4, &n_pos);
    if (rc == 1) {
        fputs(ent_usage_solve, stdout);
        return ENT_EXIT_OK;
    }
    if (rc < 0)
        return ENT_EXIT_USAGE;
    if (n_pos != 1) {
        fprintf(stderr, "entente solve: expected one FILE, got %zu\n%s", n_pos, ent_usage_solve);
        return ENT_EXIT_USAGE;
    }
    fmt_t fmt = FMT_TEXT;
    const char *f = ent_opt(opts, "format");
    if (f) {
        if (!strcmp(f, "csv")) fmt = FMT_CSV;
        else if (!strcmp(f, "json")) fmt = FMT_JSON;
        else if (strcmp(f, "text")) {
            fprintf(stderr, "entente solve: --format expects text, csv or json, got '%s'\n", f);
            return ENT_EXIT_USAGE;
        }
    }
    uint64_t max64 = ENT_NASH_DEFAULT_MAX;
    if (ent_opt_count("solve", opts, "max", 1, LONG_MAX, &max64))
        return ENT_EXIT_USAGE;
    long max = (long)max64;
    if (ent_file_expect("solve", pos[0], ENT_FILE_GAME | ENT_FILE_SCENARIO | ENT_FILE_SCENARIO_SWEEP))
        return ENT_EXIT_USAGE;
    /* a game file read once when a line opens with its key "game:" (the
    ** common block style); else, or if that load fails, recognised as before */
    ent_diags d;
    ent_diags_init(&d, pos[0]);
    int tried = has_game_line(pos[0]);
    ent_classic *c = tried ? ent_classic_load(pos[0], &d) : NULL;
    if (c || ent_classic_is_game_file(pos[0])) {
        if (!c && !tried)
            c = ent_classic_load(pos[0], &d);
        if (!c) {
            ent_diags_print(&d, stderr);
            return ENT_EXIT_USAGE;
        }
        rc = solve_game(c, fmt, max);
        ent_classic_free(c);
        return rc;
    }
    ent_scenario *s = ent_cli_load(pos[0]);
    if (!s)
        return ENT_EXIT_USAGE;
    rc = solve_scenario(s, fmt, max);
    ent_scenario_free(s);
    return rc;
}
