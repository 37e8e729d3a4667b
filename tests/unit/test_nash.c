/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_nash.c: Nash equilibria of the named presets (worked out by hand
** from the indifference conditions) and of random non-degenerate 3x3 and
** 4x4 games, checked as mutual best responses and against an independent
** brute force over every pair of supports (of any sizes) solved by
** Gauss-Jordan elimination in this file. Non-degenerate games have an odd
** number of equilibria (Wilson 1971), another independent check. Then the
** exact solver's extras: flags, components of degenerate games, exact
** decimals, games of 30x30 and rectangular shapes.
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include "entente/matrix.h"
#include "entente/nash.h"
#include "entente/rng.h"

static int solve(ent_bimatrix *g, const char *preset, ent_nash_eq *eq)
{
    ent_matrix_from_preset(ent_matrix_preset_find(preset), NULL, g);
    int deg = 0;
    int k = ent_nash_all(g, eq, ENT_NASH_MAX, &deg);
    assert_int_equal(deg, 0);
    for (int e = 0; e < k; e++)
        assert_true(ent_bimatrix_is_nash(g, eq[e].x, eq[e].y, 1e-9));
    return k;
}

/* find an equilibrium with row weight p and column weight q on action 0 */
static const ent_nash_eq *find(const ent_nash_eq *eq, int k, double p, double q)
{
    for (int e = 0; e < k; e++)
        if (fabs(eq[e].x[0] - p) < 1e-9 && fabs(eq[e].y[0] - q) < 1e-9)
            return &eq[e];
    return NULL;
}

static void test_presets(void **state)
{
    (void)state;
    static ent_nash_eq eq[ENT_NASH_MAX];
    ent_bimatrix g;
    const ent_nash_eq *e;
    /* PD: defection dominates */
    assert_int_equal(solve(&g, "prisoners_dilemma", eq), 1);
    assert_non_null(e = find(eq, 1, 0, 0));
    assert_float_equal(e->u_row, 1, 1e-12);
    /* Chicken R3 S1 T4 P0: (C,D), (D,C), and 3q + (1-q) = 4q gives q = 1/2, payoff 2 */
    assert_int_equal(solve(&g, "chicken", eq), 3);
    assert_non_null(find(eq, 3, 1, 0));
    assert_non_null(find(eq, 3, 0, 1));
    assert_non_null(e = find(eq, 3, 0.5, 0.5));
    assert_float_equal(e->u_row, 2, 1e-12);
    /* Stag hunt R4 S0 T3 P2: both pure, and 4q = 3q + 2(1-q): q = 2/3, payoff 8/3 */
    assert_int_equal(solve(&g, "stag_hunt", eq), 3);
    assert_non_null(e = find(eq, 3, 1, 1));
    assert_float_equal(e->u_col, 4, 1e-12);
    assert_non_null(find(eq, 3, 0, 0));
    assert_non_null(e = find(eq, 3, 2.0 / 3, 2.0 / 3));
    assert_float_equal(e->u_row, 8.0 / 3, 1e-12);
    /* deadlock: (D,D); harmony: (C,C) */
    assert_int_equal(solve(&g, "deadlock", eq), 1);
    assert_non_null(find(eq, 1, 0, 0));
    assert_int_equal(solve(&g, "harmony", eq), 1);
    assert_non_null(find(eq, 1, 1, 1));
    /* battle of the sexes (3,2)/(2,3): row mixes 3/5 (2p = 3(1-p)), column 2/5, both get 6/5 */
    assert_int_equal(solve(&g, "battle_of_the_sexes", eq), 3);
    assert_non_null(e = find(eq, 3, 0.6, 0.4));
    assert_float_equal(e->u_row, 1.2, 1e-12);
    assert_float_equal(e->u_col, 1.2, 1e-12);
    /* matching pennies: only (1/2, 1/2), value 0 */
    assert_int_equal(solve(&g, "matching_pennies", eq), 1);
    assert_non_null(e = find(eq, 1, 0.5, 0.5));
    assert_float_equal(e->u_row, 0, 1e-12);
    /* the general solver agrees with the 2x2 closed form on every preset */
    for (size_t i = 0; i < ent_n_matrix_presets; i++) {
        static ent_nash_eq se[ENT_NASH_MAX];
        int deg;
        ent_matrix_from_preset(&ent_matrix_presets[i], NULL, &g);
        int k1 = ent_nash_2x2(&g, eq, ENT_NASH_MAX, &deg);
        int k2 = ent_nash_all(&g, se, ENT_NASH_MAX, &deg);
        assert_int_equal(k1, k2);
        for (int k = 0; k < k2; k++)
            assert_non_null(find(eq, k1, se[k].x[0], se[k].y[0]));
    }
}

/* Gauss-Jordan with partial pivoting on a (d x d+1) augmented matrix. */
static int gauss(double *M, int d, double *z)
{
    for (int c = 0; c < d; c++) {
        int piv = c;
        for (int r = c + 1; r < d; r++)
            if (fabs(M[r * (d + 1) + c]) > fabs(M[piv * (d + 1) + c])) piv = r;
        if (fabs(M[piv * (d + 1) + c]) < 1e-12) return -1;
        for (int k = 0; k <= d; k++) {
            double t = M[c * (d + 1) + k];
            M[c * (d + 1) + k] = M[piv * (d + 1) + k];
            M[piv * (d + 1) + k] = t;
        }
        for (int r = 0; r < d; r++) {
            if (r == c) continue;
            double f = M[r * (d + 1) + c] / M[c * (d + 1) + c];
            for (int k = 0; k <= d; k++) M[r * (d + 1) + k] -= f * M[c * (d + 1) + k];
        }
    }
    for (int r = 0; r < d; r++) z[r] = M[r * (d + 1) + d] / M[r * (d + 1) + r];
    return 0;
}

/* Brute force: for supports I (rows) and J (columns) of any sizes, the
** column mix on J must equalise the rows of I (|I| equations + sum) and the
** row mix on I the columns of J. Only |I| = |J| gives square systems with a
** unique solution; unequal supports cannot carry an equilibrium of a
** non-degenerate game. Returns the number of equilibria. */
static int brute(const ent_bimatrix *g, double (*xs)[ENT_MATRIX_MAX], double (*ys)[ENT_MATRIX_MAX])
{
    int m = g->m, n = g->n, found = 0;
    for (unsigned I = 1; I < (1u << m); I++)
        for (unsigned J = 1; J < (1u << n); J++) {
            int ri[ENT_MATRIX_MAX], cj[ENT_MATRIX_MAX], a = 0, b = 0;
            for (int i = 0; i < m; i++) if (I >> i & 1) ri[a++] = i;
            for (int j = 0; j < n; j++) if (J >> j & 1) cj[b++] = j;
            if (a != b) continue;
            int d = a + 1;
            double M[(ENT_MATRIX_MAX + 1) * (ENT_MATRIX_MAX + 2)], y[ENT_MATRIX_MAX + 1],
                x[ENT_MATRIX_MAX + 1];
            for (int r = 0; r < a; r++) {
                for (int s = 0; s < b; s++) M[r * (d + 1) + s] = g->a[ri[r] * n + cj[s]];
                M[r * (d + 1) + b] = -1; M[r * (d + 1) + d] = 0;
            }
            for (int s = 0; s < b; s++) M[a * (d + 1) + s] = 1;
            M[a * (d + 1) + b] = 0; M[a * (d + 1) + d] = 1;
            if (gauss(M, d, y)) continue;
            for (int r = 0; r < b; r++) {
                for (int s = 0; s < a; s++) M[r * (d + 1) + s] = g->b[ri[s] * n + cj[r]];
                M[r * (d + 1) + a] = -1; M[r * (d + 1) + d] = 0;
            }
            for (int s = 0; s < a; s++) M[b * (d + 1) + s] = 1;
            M[b * (d + 1) + a] = 0; M[b * (d + 1) + d] = 1;
            if (gauss(M, d, x)) continue;
            double fx[ENT_MATRIX_MAX] = { 0 }, fy[ENT_MATRIX_MAX] = { 0 };
            int ok = 1;
            for (int s = 0; s < a; s++) {
                if (x[s] <= 1e-12 || y[s] <= 1e-12) ok = 0;
                fx[ri[s]] = x[s];
                fy[cj[s]] = y[s];
            }
            if (ok && ent_bimatrix_is_nash(g, fx, fy, 1e-9)) {
                memcpy(xs[found], fx, sizeof fx);
                memcpy(ys[found], fy, sizeof fy);
                found++;
            }
        }
    return found;
}

static void random_game(gsl_rng *r, int m, int n, ent_bimatrix *g)
{
    memset(g, 0, sizeof *g);
    g->m = m;
    g->n = n;
    for (int k = 0; k < m * n; k++) {
        g->a[k] = gsl_rng_uniform(r) * 10 - 5;
        g->b[k] = gsl_rng_uniform(r) * 10 - 5;
    }
}

static void check_random(int m, int n, int games)
{
    gsl_rng *r = ent_rng_alloc();
    static ent_nash_eq eq[ENT_NASH_MAX];
    static double xs[ENT_NASH_MAX][ENT_MATRIX_MAX], ys[ENT_NASH_MAX][ENT_MATRIX_MAX];
    int total = 0, many = 0;
    for (int k = 0; k < games; k++) {
        ent_rng_stream(r, 2024, (uint64_t)(m * 100 + n), (uint64_t)k);
        ent_bimatrix g;
        random_game(r, m, n, &g);
        int deg;
        int found = ent_nash_all(&g, eq, ENT_NASH_MAX, &deg);
        assert_int_equal(deg, 0);
        assert_true(found % 2 == 1);
        for (int e = 0; e < found; e++)
            assert_true(ent_bimatrix_is_nash(&g, eq[e].x, eq[e].y, 1e-9));
        int bf = brute(&g, xs, ys);
        assert_int_equal(found, bf);
        for (int b = 0; b < bf; b++) {
            int hit = 0;
            for (int e = 0; e < found && !hit; e++) {
                hit = 1;
                for (int i = 0; i < m; i++) hit &= fabs(eq[e].x[i] - xs[b][i]) < 1e-7;
                for (int j = 0; j < n; j++) hit &= fabs(eq[e].y[j] - ys[b][j]) < 1e-7;
            }
            assert_true(hit);
        }
        total += found;
        many += found > 1;
    }
    gsl_rng_free(r);
    assert_true(many > 0);      /* the sample includes games with several equilibria */
    (void)total;
}

static void test_random_3x3(void **state) { (void)state; check_random(3, 3, 300); }
static void test_random_4x4(void **state) { (void)state; check_random(4, 4, 200); }
static void test_random_3x5(void **state) { (void)state; check_random(3, 5, 100); }

/* A degenerate game is flagged: a player indifferent between its actions. */
static void test_degenerate_flag(void **state)
{
    (void)state;
    ent_bimatrix g;
    ent_matrix_symmetric_2x2(1, 1, 1, 1, "a", "b", &g);
    static ent_nash_eq eq[ENT_NASH_MAX];
    int deg = 0;
    int k = ent_nash_all(&g, eq, ENT_NASH_MAX, &deg);
    assert_int_equal(deg, 1);
    assert_int_equal(k, 4);     /* every pure profile */
}

/* Stag hunt R4 S0 T3 P2: (stag, stag) strict and payoff-dominant, (hare,
** hare) strict and risk-dominant ((2-0)(2-0) = 4 > (4-3)(4-3) = 1), the
** mix 2/3 with index -1 (the pure ones +1: they sum to 1). */
static void test_flags(void **state)
{
    (void)state;
    ent_bimatrix g;
    ent_matrix_from_preset(ent_matrix_preset_find("stag_hunt"), NULL, &g);
    ent_nash_result r;
    assert_int_equal(ent_nash_solve(&g, NULL, 100, 0, &r), ENT_NASH_OK);
    assert_int_equal(r.n_eq, 3);
    assert_true(r.complete && !r.degenerate);
    const ent_nash_equilibrium *e = r.eq;
    assert_true(e[0].pure && e[0].strict && e[0].payoff_dominant && !e[0].risk_dominant);
    assert_string_equal(r.rows[e[0].row].exact[0], "1");
    assert_true(e[1].pure && e[1].strict && !e[1].payoff_dominant && e[1].risk_dominant);
    assert_false(e[2].pure || e[2].strict || e[2].payoff_dominant || e[2].risk_dominant);
    assert_string_equal(r.rows[e[2].row].exact[0], "2/3");
    assert_string_equal(r.cols[e[2].col].exact[1], "1/3");
    assert_string_equal(e[2].u_row_exact, "8/3");
    assert_float_equal(e[2].u_row, 8.0 / 3, 0);
    assert_int_equal(e[0].index + e[1].index + e[2].index, 1);
    assert_int_equal(e[2].index, -1);
    assert_int_equal(r.n_components, 3);
    ent_nash_result_free(&r);
}

/* The row player indifferent (A all 1), the column player matching (B the
** identity): the column replies c1 to x1 > 1/2, c2 to x1 < 1/2, anything to
** x = (1/2, 1/2). Extreme equilibria (r1, c1), (r2, c2), (half, c1), (half,
** c2): one component of three maximal Nash subsets {r1, half} x {c1},
** {half} x {c1, c2}, {half, r2} x {c2}. */
static void test_components(void **state)
{
    (void)state;
    ent_bimatrix g;
    memset(&g, 0, sizeof g);
    g.m = g.n = 2;
    const double a[4] = { 1, 1, 1, 1 }, b[4] = { 1, 0, 0, 1 };
    memcpy(g.a, a, sizeof a);
    memcpy(g.b, b, sizeof b);
    ent_nash_result r;
    assert_int_equal(ent_nash_solve(&g, NULL, 100, 0, &r), ENT_NASH_OK);
    assert_true(r.degenerate && r.complete);
    assert_int_equal(r.n_eq, 4);
    assert_int_equal(r.n_components, 1);
    assert_int_equal(r.n_subsets, 3);
    int sizes[3][2];
    for (int k = 0; k < 3; k++) {
        sizes[k][0] = r.subsets[k].n_rows;
        sizes[k][1] = r.subsets[k].n_cols;
        assert_int_equal(r.subsets[k].component, 0);
    }
    int two_rows = 0, two_cols = 0;
    for (int k = 0; k < 3; k++) {
        two_rows += sizes[k][0] == 2 && sizes[k][1] == 1;
        two_cols += sizes[k][0] == 1 && sizes[k][1] == 2;
    }
    assert_int_equal(two_rows, 2);
    assert_int_equal(two_cols, 1);
    for (long e = 0; e < r.n_eq; e++) {
        assert_int_equal(r.eq[e].index, 0);
        assert_false(r.eq[e].strict);
    }
    ent_nash_result_free(&r);
}

/* Decimals are read exactly; a game of tenths solved from its texts and
** from its doubles gives the same fractions. */
static void test_exact_decimals(void **state)
{
    (void)state;
    char buf[64];
    assert_int_equal(ent_nash_exact_text("0.1", buf, sizeof buf), 0);
    assert_string_equal(buf, "1/10");
    assert_int_equal(ent_nash_exact_text("-2.5e-3", buf, sizeof buf), 0);
    assert_string_equal(buf, "-1/400");
    assert_int_equal(ent_nash_exact_text("1e-12", buf, sizeof buf), 0);
    assert_string_equal(buf, "1/1000000000000");
    assert_int_equal(ent_nash_exact_text("3E6", buf, sizeof buf), 0);
    assert_string_equal(buf, "3000000");
    assert_int_equal(ent_nash_exact_text("nan", buf, sizeof buf), -1);
    assert_int_equal(ent_nash_exact_text("1.5.2", buf, sizeof buf), -1);
    /* battle of the sexes in tenths: row mixes 0.3/(0.3+0.2) = 3/5 */
    ent_bimatrix g;
    memset(&g, 0, sizeof g);
    g.m = g.n = 2;
    const char *txt[8] = { "0.3", "0", "0", "0.2", "0.2", "0", "0", "0.3" };
    for (int k = 0; k < 4; k++) {
        g.a[k] = strtod(txt[k], NULL);
        g.b[k] = strtod(txt[4 + k], NULL);
    }
    ent_nash_result r1, r2;
    assert_int_equal(ent_nash_solve(&g, txt, 100, 0, &r1), ENT_NASH_OK);
    assert_int_equal(ent_nash_solve(&g, NULL, 100, 0, &r2), ENT_NASH_OK);
    assert_int_equal(r1.n_eq, 3);
    assert_int_equal(r2.n_eq, 3);
    assert_string_equal(r1.rows[r1.eq[2].row].exact[0], "3/5");
    assert_string_equal(r2.rows[r2.eq[2].row].exact[0], "3/5");
    assert_string_equal(r1.eq[2].u_row_exact, "3/25");
    assert_string_equal(r2.eq[2].u_row_exact, "3/25");
    ent_nash_result_free(&r1);
    ent_nash_result_free(&r2);
}

/* Large and rectangular games: a 30x30 game with a dominant action for
** each player (payoff 100 against the others' below 10): one strict
** equilibrium; a 2x30 and a 30x2 random game (an odd count, each a pair of
** mutual best replies). */
static void test_large_shapes(void **state)
{
    (void)state;
    ent_bimatrix g;
    memset(&g, 0, sizeof g);
    g.m = g.n = 30;
    for (int i = 0; i < 30; i++)
        for (int j = 0; j < 30; j++) {
            g.a[i * 30 + j] = i == 7 ? 100 : (i * 7 + j * 3) % 10;
            g.b[i * 30 + j] = j == 11 ? 100 : (i * 5 + j) % 10;
        }
    ent_nash_result r;
    assert_int_equal(ent_nash_solve(&g, NULL, 100, 0, &r), ENT_NASH_OK);
    assert_int_equal(r.n_eq, 1);
    assert_true(r.eq[0].pure && r.eq[0].strict);
    assert_float_equal(r.rows[r.eq[0].row].p[7], 1, 0);
    assert_float_equal(r.cols[r.eq[0].col].p[11], 1, 0);
    ent_nash_result_free(&r);
    gsl_rng *rng = ent_rng_alloc();
    for (int t = 0; t < 2; t++) {
        ent_rng_stream(rng, 99, (uint64_t)t, 0);
        memset(&g, 0, sizeof g);
        g.m = t ? 30 : 2;
        g.n = t ? 2 : 30;
        for (int k = 0; k < 60; k++) {
            g.a[k] = floor(gsl_rng_uniform(rng) * 1e6);
            g.b[k] = floor(gsl_rng_uniform(rng) * 1e6);
        }
        assert_int_equal(ent_nash_solve(&g, NULL, 1000, 0, &r), ENT_NASH_OK);
        assert_true(r.n_eq % 2 == 1 && !r.degenerate);
        for (long e = 0; e < r.n_eq; e++)
            assert_true(ent_bimatrix_is_nash(&g, r.rows[r.eq[e].row].p, r.cols[r.eq[e].col].p, 1e-6));
        ent_nash_result_free(&r);
    }
    gsl_rng_free(rng);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_presets),
        cmocka_unit_test(test_random_3x3),
        cmocka_unit_test(test_random_4x4),
        cmocka_unit_test(test_random_3x5),
        cmocka_unit_test(test_degenerate_flag),
        cmocka_unit_test(test_flags),
        cmocka_unit_test(test_components),
        cmocka_unit_test(test_exact_decimals),
        cmocka_unit_test(test_large_shapes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
