/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** cmd_solve.c: `entente solve FILE`: closed-form equilibria. For a classic
** game file every Nash equilibrium of its matrix game; for an alliance
** scenario the burden-sharing (Olson-Zeckhauser / joint-product) Nash
** equilibrium and, with a bargaining stage, the Rubinstein split.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "entente/matrix_stage.h"
#include "output.h"
#include "entente/bargain.h"
#include "entente/game_tournament.h"
#include "entente/exit.h"
#include "entente/run.h"
#include "entente/signalling.h"

const char ent_usage_solve[] =
    "usage: entente solve FILE [--format text|csv|json]\n"
    "\n"
    "Print closed-form equilibria.\n"
    "  classic game file  every Nash equilibrium of the matrix game, pure and mixed\n"
    "                     (exact for 2x2 games, support enumeration for larger ones),\n"
    "                     with each player's expected payoff\n"
    "  alliance scenario  burden_sharing: the Nash equilibrium of the contribution\n"
    "                     game (Olson & Zeckhauser 1966; Sandler's joint product), with\n"
    "                     the agents' security weights as the run calibrates them;\n"
    "                     matrix: all Nash equilibria of the stage game (patron = row)\n"
    "                     bargaining: the Rubinstein (1982) subgame-perfect split with\n"
    "                     the patron proposing first (outside options left out)\n"
    "                     exit_leverage: for each ally, the one-shot signalling game\n"
    "                     (threat, comply or defy, carry out or back down) at the\n"
    "                     scenario's starting state and its perfect Bayesian equilibria\n"
    "CSV columns: game files equilibrium,kind,player,action,probability,expected_payoff;\n"
    "scenarios stage,agent,quantity,value.\n";

typedef enum { FMT_TEXT, FMT_CSV, FMT_JSON } fmt_t;

/* ---- game files ------------------------------------------------------------- */

static void print_mix(const double *p, int k, const char (*labels)[ENT_LABEL_MAX])
{
    int first = 1;
    for (int i = 0; i < k; i++) {
        if (p[i] <= 0.0)
            continue;
        if (p[i] >= 1.0 - 1e-12)
            printf("%s", labels[i]);
        else
            printf("%s%.6g %s", first ? "" : " + ", p[i], labels[i]);
        first = 0;
    }
}

static void json_mix(const double *p, int k, const char (*labels)[ENT_LABEL_MAX])
{
    putchar('{');
    for (int i = 0; i < k; i++) {
        printf("%s", i ? ", " : "");
        ent_json_str(stdout, labels[i]);
        fputs(": ", stdout);
        ent_json_num(stdout, p[i]);
    }
    putchar('}');
}

/* One line per equilibrium: kind, both mixed strategies, both payoffs. */
static void print_equilibria(const ent_bimatrix *g, const ent_nash_eq *eq, int k)
{
    for (int e = 0; e < k; e++) {
        printf("  %d. %-5s row: ", e + 1, eq[e].support == 1 ? "pure" : "mixed");
        print_mix(eq[e].x, g->m, g->row_labels);
        printf("; column: ");
        print_mix(eq[e].y, g->n, g->col_labels);
        printf("; payoffs %.6g, %.6g\n", eq[e].u_row, eq[e].u_col);
    }
}

/* The equilibria as the items of a JSON array, one per line. */
static void json_equilibria(const ent_bimatrix *g, const ent_nash_eq *eq, int k)
{
    for (int e = 0; e < k; e++) {
        printf("    {\"kind\": \"%s\", \"row\": ", eq[e].support == 1 ? "pure" : "mixed");
        json_mix(eq[e].x, g->m, g->row_labels);
        printf(", \"column\": ");
        json_mix(eq[e].y, g->n, g->col_labels);
        printf(", \"row_payoff\": ");
        ent_json_num(stdout, eq[e].u_row);
        printf(", \"column_payoff\": ");
        ent_json_num(stdout, eq[e].u_col);
        printf("}%s\n", e + 1 < k ? "," : "");
    }
}

static int solve_game(const ent_classic *c, fmt_t fmt)
{
    ent_nash_eq *eq = malloc(ENT_NASH_MAX * sizeof *eq);
    if (!eq) {
        fprintf(stderr, "entente solve: out of memory\n");
        return ENT_EXIT_FAIL;
    }
    ent_bimatrix g = c->game;
    int degenerate = 0;
    int k = ent_nash_all(&g, eq, ENT_NASH_MAX, &degenerate);
    if (fmt == FMT_TEXT) {
        printf("%s: %s game (%dx%d), %d Nash equilibri%s%s\n", c->name, g.name, g.m, g.n, k,
               k == 1 ? "um" : "a",
               degenerate ? "\n  note: the game is degenerate (payoff ties); equilibria may form "
                            "continua and not all are listed" : "");
        print_equilibria(&g, eq, k);
    } else if (fmt == FMT_CSV) {
        printf("equilibrium,kind,player,action,probability,expected_payoff\n");
        for (int e = 0; e < k; e++) {
            const char *kind = eq[e].support == 1 ? "pure" : "mixed";
            for (int i = 0; i < g.m; i++) {
                printf("%d,%s,row,", e + 1, kind);
                ent_csv_str(stdout, g.row_labels[i]);
                putchar(',');
                ent_csv_num(stdout, eq[e].x[i]);
                putchar(',');
                ent_csv_num(stdout, eq[e].u_row);
                putchar('\n');
            }
            for (int j = 0; j < g.n; j++) {
                printf("%d,%s,column,", e + 1, kind);
                ent_csv_str(stdout, g.col_labels[j]);
                putchar(',');
                ent_csv_num(stdout, eq[e].y[j]);
                putchar(',');
                ent_csv_num(stdout, eq[e].u_col);
                putchar('\n');
            }
        }
    } else {
        printf("{\n  \"file\": ");
        ent_json_str(stdout, c->path);
        printf(",\n  \"name\": ");
        ent_json_str(stdout, c->name);
        printf(",\n  \"game\": ");
        ent_json_str(stdout, g.name);
        printf(",\n  \"rows\": %d,\n  \"columns\": %d,\n  \"degenerate\": %s,\n  \"equilibria\": [\n",
               g.m, g.n, degenerate ? "true" : "false");
        json_equilibria(&g, eq, k);
        printf("  ]\n}\n");
    }
    free(eq);
    return ENT_EXIT_OK;
}

/* ---- alliance scenarios --------------------------------------------------------- */

typedef struct {
    double Y, a, psi, m, share0;
} burden_row;

/* The equilibrium with the weights as the burden stage resolves them. */
static int burden_solve(const ent_scenario *s, burden_row *rows, double *total)
{
    size_t n = s->n_agents;
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
        rows[i].share0 = s->agents[i].defence_share;
    }
    rc = isnan(*total) ? -1 : 0;
done:
    free(Y);
    free(a);
    free(psi);
    free(m);
    return rc;
}

static double discount_of(const ent_scenario *s, size_t i)
{
    return isnan(s->agents[i].discount) ? s->discount : s->agents[i].discount;
}

static void csv_row(const char *stage, const char *agent, const char *q, double v)
{
    printf("%s,", stage);
    ent_csv_str(stdout, agent);
    printf(",%s,", q);
    ent_csv_num(stdout, v);
    putchar('\n');
}

/* The stage game of a `matrix` stage and all its Nash equilibria (eq holds
** ENT_NASH_MAX); the count, or -1. */
static int matrix_stage_equilibria(const ent_scenario *s, int st, ent_bimatrix *g, ent_nash_eq *eq,
                                   int *degenerate)
{
    if (ent_matrix_stage_game(s, st, g))
        return -1;
    *degenerate = 0;
    return ent_nash_all(g, eq, ENT_NASH_MAX, degenerate);
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
    ent_run_begin(run, s->seed, 0, 0);
    for (size_t i = 1; i < s->n_agents; i++) {
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
    for (size_t i = 1; i < s->n_agents; i++) {
        const exit_row *r = &rows[i];
        const ent_signal_menu *m = &r->m;
        const ent_signal_game *g = &m->threat[0];
        if (r->rc < 0) {
            printf("  %-6s the patron strategy states no type-conditional behaviour\n", s->agents[i].code);
            continue;
        }
        if (r->rc > 0) {
            printf("  %-6s no demand (no shortfall): nothing to signal\n", s->agents[i].code);
            continue;
        }
        if (m->n == 1) {
            printf("  %-6s p %.4g, demand d %.6g, harm H %.6g, autonomy %.4g, audience cost %.6g;\n"
                   "         ", s->agents[i].code, g->prior, g->demand, g->harm, g->autonomy,
                   g->audience_cost);
            threat_text(g, 0);
        } else {
            printf("  %-6s p %.4g, autonomy %.4g, audience cost %.6g; the types state different "
                   "threats, and either may make either:\n", s->agents[i].code, g->prior, g->autonomy,
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
    for (size_t i = 1; i < s->n_agents; i++) {
        const exit_row *r = &rows[i];
        const char *c = s->agents[i].code;
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
    for (size_t i = 1; i < s->n_agents; i++) {
        const exit_row *r = &rows[i];
        if (r->rc != 0)
            continue;
        const ent_signal_game *g = &r->m.threat[0];
        printf("%s    {\"agent\": ", first ? "" : ",\n");
        first = 0;
        ent_json_str(stdout, s->agents[i].code);
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

static int solve_scenario(const ent_scenario *s, fmt_t fmt)
{
    int bs = ent_scenario_stage_index(s, "burden_sharing");
    int bg = ent_scenario_stage_index(s, "bargaining");
    int mx = ent_scenario_stage_index(s, "matrix");
    int ex = ent_scenario_stage_index(s, "exit_leverage");
    if (bs < 0 && bg < 0 && mx < 0 && ex < 0) {
        fprintf(stderr, "%s: nothing to solve: no burden_sharing, bargaining, matrix or exit_leverage stage\n", s->path);
        return ENT_EXIT_USAGE;
    }
    ent_bimatrix g;
    int degenerate = 0, k = 0;
    ent_nash_eq *eq = NULL;
    if (mx >= 0) {
        eq = malloc(ENT_NASH_MAX * sizeof *eq);
        k = eq ? matrix_stage_equilibria(s, mx, &g, eq, &degenerate) : -1;
        if (k < 0) {
            fprintf(stderr, "entente solve: cannot build the matrix stage's game\n");
            free(eq);
            return ENT_EXIT_FAIL;
        }
    }
    size_t n = s->n_agents;
    burden_row *rows = calloc(n, sizeof *rows);
    double total = NAN;
    if (!rows) {
        fprintf(stderr, "entente solve: out of memory\n");
        free(eq);
        return ENT_EXIT_FAIL;
    }
    if (bs >= 0 && burden_solve(s, rows, &total)) {
        fprintf(stderr, "%s: the burden-sharing equilibrium could not be found\n", s->path);
        free(rows);
        free(eq);
        return ENT_EXIT_FAIL;
    }
    exit_row *xr = NULL;
    if (ex >= 0 && (!(xr = calloc(n, sizeof *xr)) || exit_games(s, xr))) {
        fprintf(stderr, "entente solve: cannot set up the exit_leverage game\n");
        free(xr);
        free(rows);
        free(eq);
        return ENT_EXIT_FAIL;
    }
    double dp = discount_of(s, 0);
    if (fmt == FMT_TEXT) {
        printf("%s\n", s->name);
        if (bs >= 0) {
            printf("burden sharing: Nash equilibrium of the contribution game, alliance spending "
                   "%.1f USD bn\n", total);
            printf("  %-6s %10s %7s %6s %9s %10s %9s %8s\n", "agent", "GDP $bn", "alpha", "psi",
                   "start", "Nash $bn", "Nash", "burden");
            for (size_t i = 0; i < n; i++)
                printf("  %-6s %10.0f %7.4f %6.3f %8.2f%% %10.2f %8.2f%% %7.1f%%\n",
                       s->agents[i].code, rows[i].Y, rows[i].a, rows[i].psi, 100 * rows[i].share0,
                       rows[i].m, 100 * rows[i].m / rows[i].Y,
                       total > 0 ? 100 * rows[i].m / total : 0.0);
        }
        if (bg >= 0) {
            printf("bargaining: Rubinstein subgame-perfect split of the pie, patron proposing first "
                   "(discount %.3g)\n", dp);
            for (size_t i = 1; i < n; i++) {
                double x = ent_rubinstein_share(dp, discount_of(s, i));
                printf("  %-6s ally discount %.3g: patron %.4f, ally %.4f\n", s->agents[i].code,
                       discount_of(s, i), x, 1 - x);
            }
        }
        if (mx >= 0) {
            printf("matrix: %s (%dx%d), the patron (row) against each ally (column), "
                   "%d Nash equilibri%s of the stage game%s\n", g.name, g.m, g.n, k, k == 1 ? "um" : "a",
                   degenerate ? " (degenerate: continua are not all listed)" : "");
            print_equilibria(&g, eq, k);
        }
        if (ex >= 0)
            exit_text(s, xr);
    } else if (fmt == FMT_CSV) {
        printf("stage,agent,quantity,value\n");
        if (bs >= 0) {
            for (size_t i = 0; i < n; i++) {
                const char *c = s->agents[i].code;
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
                csv_row("bargaining", s->agents[i].code, "patron_share", x);
                csv_row("bargaining", s->agents[i].code, "ally_share", 1 - x);
            }
        for (int e = 0; mx >= 0 && e < k; e++) {
            char who[32], q[ENT_LABEL_MAX + 16];
            snprintf(who, sizeof who, "equilibrium_%d", e + 1);
            for (int i = 0; i < g.m; i++) {
                snprintf(q, sizeof q, "row:%s", g.row_labels[i]);
                csv_row("matrix", who, q, eq[e].x[i]);
            }
            for (int j = 0; j < g.n; j++) {
                snprintf(q, sizeof q, "column:%s", g.col_labels[j]);
                csv_row("matrix", who, q, eq[e].y[j]);
            }
            csv_row("matrix", who, "row_payoff", eq[e].u_row);
            csv_row("matrix", who, "column_payoff", eq[e].u_col);
        }
        if (ex >= 0)
            exit_csv(s, xr);
    } else {
        printf("{\n  \"file\": ");
        ent_json_str(stdout, s->path);
        printf(",\n  \"name\": ");
        ent_json_str(stdout, s->name);
        if (bs >= 0) {
            printf(",\n  \"burden_sharing\": {\"alliance_spending\": ");
            ent_json_num(stdout, total);
            printf(", \"agents\": [\n");
            for (size_t i = 0; i < n; i++) {
                printf("    {\"agent\": ");
                ent_json_str(stdout, s->agents[i].code);
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
                ent_json_str(stdout, s->agents[i].code);
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
        if (mx >= 0) {
            printf(",\n  \"matrix\": {\"game\": ");
            ent_json_str(stdout, g.name);
            printf(", \"rows\": %d, \"columns\": %d, \"degenerate\": %s, \"equilibria\": [\n", g.m, g.n,
                   degenerate ? "true" : "false");
            json_equilibria(&g, eq, k);
            printf("  ]}");
        }
        if (ex >= 0)
            exit_json(s, xr);
        printf("\n}\n");
    }
    free(xr);
    free(rows);
    free(eq);
    return ENT_EXIT_OK;
}

int ent_cmd_solve(int argc, char **argv)
{
    ent_option opts[] = { { "format", 1, NULL }, { NULL, 0, NULL } };
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
    if (ent_classic_is_game_file(pos[0])) {
        ent_diags d;
        ent_diags_init(&d, pos[0]);
        ent_classic *c = ent_classic_load(pos[0], &d);
        if (!c) {
            ent_diags_print(&d, stderr);
            return ENT_EXIT_USAGE;
        }
        rc = solve_game(c, fmt);
        ent_classic_free(c);
        return rc;
    }
    ent_scenario *s = ent_cli_load(pos[0]);
    if (!s)
        return ENT_EXIT_USAGE;
    rc = solve_scenario(s, fmt);
    ent_scenario_free(s);
    return rc;
}
