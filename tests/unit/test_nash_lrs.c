/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_nash_lrs.c: the exact Nash solver against lrsnash (lrslib, an
** independent implementation by reverse search): for generated games of
** every size 2x2 to 12x12 and some rectangular ones, in six classes
** (random nondegenerate, payoffs in {0, 1} and in {0, 1, 2}, zero-sum,
** common interest, duplicated rows), the sets of extreme equilibria agree
** exactly as fractions (3 games per shape and class, 1 above 64 cells;
** ENTENTE_NASH_GAMES=N for N of every shape). Prints the agreement count
** per class, and the nondegenerate games' indices sum to 1. Skipped when
** lrsnash is not installed (Debian package lrslib, `make deps-test`).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>
#include "entente/nash.h"

enum { C_RANDOM, C_01, C_012, C_ZERO_SUM, C_COMMON, C_DUP, C_N };
static const char *const class_names[C_N] = {
    "random", "payoffs {0,1}", "payoffs {0,1,2}", "zero-sum", "common interest", "duplicated rows"
};

static uint64_t rng_state;
static int rnd(int lo, int hi)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return lo + (int)(rng_state % (uint64_t)(hi - lo + 1));
}

static void make_game(int cls, int m, int n, ent_bimatrix *g)
{
    memset(g, 0, sizeof *g);
    g->m = m;
    g->n = n;
    for (int k = 0; k < m * n; k++) {
        switch (cls) {
        case C_RANDOM: g->a[k] = rnd(-9999, 9999); g->b[k] = rnd(-9999, 9999); break;
        case C_01: g->a[k] = rnd(0, 1); g->b[k] = rnd(0, 1); break;
        case C_012: g->a[k] = rnd(0, 2); g->b[k] = rnd(0, 2); break;
        case C_ZERO_SUM: g->a[k] = rnd(-5, 5); g->b[k] = -g->a[k]; break;
        case C_COMMON: g->a[k] = g->b[k] = rnd(0, 9); break;
        default: g->a[k] = rnd(-20, 20); g->b[k] = rnd(-20, 20); break;
        }
    }
    if (cls == C_DUP) {     /* a row repeated in both players' payoffs */
        int i = rnd(0, m - 1), k = rnd(0, m - 1);
        if (k == i) k = (i + 1) % m;
        for (int j = 0; j < n; j++) {
            g->a[k * n + j] = g->a[i * n + j];
            g->b[k * n + j] = g->b[i * n + j];
        }
    }
}

/* "x1 .. xm | y1 .. yn" of each equilibrium, sorted */
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join(char **x, int k, char **y, int l)
{
    size_t len = 4;
    for (int i = 0; i < k; i++) len += strlen(x[i]) + 1;
    for (int j = 0; j < l; j++) len += strlen(y[j]) + 1;
    char *s = malloc(len), *p = s;
    assert_non_null(s);
    for (int i = 0; i < k; i++) p += sprintf(p, "%s ", x[i]);
    p += sprintf(p, "|");
    for (int j = 0; j < l; j++) p += sprintf(p, " %s", y[j]);
    return s;
}

/* lrsnash's equilibria: in each block (blank-line separated) the lines "2 y..
** payoff" pair with the line "1 x.. payoff" that closes the block */
static int lrs_solve(const ent_bimatrix *g, const char *path, char ***out)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "%d %d\n\n", g->m, g->n);
    for (int p = 0; p < 2; p++) {
        for (int i = 0; i < g->m; i++) {
            for (int j = 0; j < g->n; j++) fprintf(f, "%.0f ", (p ? g->b : g->a)[i * g->n + j]);
            fputc('\n', f);
        }
        fputc('\n', f);
    }
    fclose(f);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "lrsnash %s 2>/dev/null", path);
    FILE *pp = popen(cmd, "r");
    assert_non_null(pp);
    char line[8192];
    char **ys[512];
    int ny = 0, cnt = 0, cap = 64;
    char **res = malloc((size_t)cap * sizeof *res);
    while (fgets(line, sizeof line, pp)) {
        if (line[0] == '*') continue;
        char *tok[2 * ENT_MATRIX_MAX + 4];
        int nt = 0;
        for (char *t = strtok(line, " \t\n"); t && nt < 2 * ENT_MATRIX_MAX + 3; t = strtok(NULL, " \t\n"))
            tok[nt++] = t;
        if (nt == 0) {
            for (int k = 0; k < ny; k++) {
                for (int j = 0; j < g->n; j++) free(ys[k][j]);
                free(ys[k]);
            }
            ny = 0;
            continue;
        }
        if (!strcmp(tok[0], "2")) {
            assert_int_equal(nt, g->n + 2);
            assert_true(ny < 512);
            ys[ny] = malloc((size_t)g->n * sizeof *ys[ny]);
            for (int j = 0; j < g->n; j++) ys[ny][j] = strdup(tok[1 + j]);
            ny++;
        } else if (!strcmp(tok[0], "1")) {
            assert_int_equal(nt, g->m + 2);
            for (int k = 0; k < ny; k++) {
                if (cnt == cap) res = realloc(res, (size_t)(cap *= 2) * sizeof *res);
                res[cnt++] = join(&tok[1], g->m, ys[k], g->n);
            }
        }
    }
    for (int k = 0; k < ny; k++) {
        for (int j = 0; j < g->n; j++) free(ys[k][j]);
        free(ys[k]);
    }
    assert_int_equal(pclose(pp), 0);
    qsort(res, (size_t)cnt, sizeof *res, cmp_str);
    *out = res;
    return cnt;
}

static int own_solve(const ent_bimatrix *g, const char *const *text, char ***out, int *degenerate)
{
    ent_nash_result r;
    assert_int_equal(ent_nash_solve(g, text, 1000000, 0, &r), ENT_NASH_OK);
    assert_true(r.complete);
    char **res = malloc(((size_t)r.n_eq + 1) * sizeof *res);
    for (long e = 0; e < r.n_eq; e++)
        res[e] = join(r.rows[r.eq[e].row].exact, g->m, r.cols[r.eq[e].col].exact, g->n);
    int k = (int)r.n_eq;
    if (degenerate) *degenerate = r.degenerate;
    /* nondegenerate: Shapley's indices sum to 1 */
    if (!r.degenerate) {
        int sum = 0;
        for (long e = 0; e < r.n_eq; e++) sum += r.eq[e].index;
        assert_int_equal(sum, 1);
    }
    ent_nash_result_free(&r);
    qsort(res, (size_t)k, sizeof *res, cmp_str);
    *out = res;
    return k;
}

static void free_list(char **l, int k)
{
    for (int i = 0; i < k; i++) free(l[i]);
    free(l);
}

static int have_lrsnash(void)
{
    return system("command -v lrsnash >/dev/null 2>&1") == 0;
}

static void test_against_lrsnash(void **state)
{
    (void)state;
    if (!have_lrsnash()) {
        print_message("lrsnash not installed (Debian lrslib): skipped\n");
        skip();
    }
    char path[] = "/tmp/entente_lrsXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    static const int shapes[][2] = { { 2, 5 }, { 5, 2 }, { 3, 7 }, { 7, 3 }, { 4, 9 }, { 9, 4 }, { 6, 11 }, { 12, 5 } };
    int n_shapes = 11 + (int)(sizeof shapes / sizeof shapes[0]);
    /* games per shape and class: 3 (1 above 64 cells) keeps the suite quick;
    ** ENTENTE_NASH_GAMES=20 for a longer check */
    const char *env = getenv("ENTENTE_NASH_GAMES");
    int per_shape = env && atoi(env) > 0 ? atoi(env) : 3;
    int agree[C_N] = { 0 }, total[C_N] = { 0 }, degen[C_N] = { 0 }, eqs[C_N] = { 0 };
    double t_own[C_N] = { 0 }, t_lrs[C_N] = { 0 };
    for (int cls = 0; cls < C_N; cls++) {
        rng_state = 0x9E3779B97F4A7C15ull + (uint64_t)cls;
        for (int s = 0; s < n_shapes; s++) {
            int m = s < 11 ? s + 2 : shapes[s - 11][0], n = s < 11 ? s + 2 : shapes[s - 11][1];
            int games = env || m * n <= 64 ? per_shape : 1;
            for (int k = 0; k < games; k++) {
                ent_bimatrix g;
                make_game(cls, m, n, &g);
                char **a, **b;
                int deg = 0;
                struct timespec t0, t1, t2;
                clock_gettime(CLOCK_MONOTONIC, &t0);
                int na = own_solve(&g, NULL, &a, &deg);
                clock_gettime(CLOCK_MONOTONIC, &t1);
                int nb = lrs_solve(&g, path, &b);
                clock_gettime(CLOCK_MONOTONIC, &t2);
                t_own[cls] += (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
                t_lrs[cls] += (double)(t2.tv_sec - t1.tv_sec) + 1e-9 * (double)(t2.tv_nsec - t1.tv_nsec);
                int same = na == nb;
                for (int e = 0; same && e < na; e++) same = !strcmp(a[e], b[e]);
                if (!same) {
                    print_message("%s %dx%d game %d: %d equilibria, lrsnash %d\n", class_names[cls], m, n, k, na, nb);
                    for (int e = 0; e < na && e < 20; e++) print_message("  own %s\n", a[e]);
                    for (int e = 0; e < nb && e < 20; e++) print_message("  lrs %s\n", b[e]);
                }
                agree[cls] += same;
                total[cls]++;
                degen[cls] += deg;
                eqs[cls] += na;
                free_list(a, na);
                free_list(b, nb);
            }
        }
    }
    unlink(path);
    for (int cls = 0; cls < C_N; cls++) {
        print_message("%-16s %d of %d games agree with lrsnash (%d degenerate, %d extreme equilibria; "
                      "%.2f s here, %.2f s lrsnash)\n", class_names[cls], agree[cls], total[cls], degen[cls],
                      eqs[cls], t_own[cls], t_lrs[cls]);
        assert_int_equal(agree[cls], total[cls]);
    }
    assert_true(degen[C_01] > 0 && degen[C_RANDOM] == 0);
}

/* The same games with every payoff scaled by 1e-12, 1e6 and 1e12 (as
** decimal texts, and as the doubles those texts give): the same equilibria. */
static void test_scaling(void **state)
{
    (void)state;
    static const char *const exps[] = { "e-12", "e6", "e12" };
    static const double scale[] = { 1e-12, 1e6, 1e12 };
    for (int cls = 0; cls < C_N; cls++) {
        rng_state = 12345 + (uint64_t)cls;
        for (int k = 0; k < 12; k++) {
            int m = rnd(2, 7), n = rnd(2, 7);
            ent_bimatrix g;
            make_game(cls, m, n, &g);
            char **base;
            int nb = own_solve(&g, NULL, &base, NULL);
            for (int x = 0; x < 3; x++) {
                char *text[2 * ENT_MATRIX_MAX * ENT_MATRIX_MAX];
                ent_bimatrix h = g;
                for (int c = 0; c < m * n; c++)
                    for (int p = 0; p < 2; p++) {
                        char buf[64];
                        snprintf(buf, sizeof buf, "%.0f%s", (p ? g.b : g.a)[c], exps[x]);
                        text[p * m * n + c] = strdup(buf);
                        (p ? h.b : h.a)[c] = strtod(buf, NULL);
                    }
                char **t1, **t2;
                int n1 = own_solve(&g, (const char *const *)text, &t1, NULL);
                int n2 = own_solve(&h, NULL, &t2, NULL);
                assert_int_equal(n1, nb);
                assert_int_equal(n2, nb);
                for (int e = 0; e < nb; e++) {
                    assert_string_equal(t1[e], base[e]);
                    assert_string_equal(t2[e], base[e]);
                }
                free_list(t1, n1);
                free_list(t2, n2);
                for (int c = 0; c < 2 * m * n; c++) free(text[c]);
                (void)scale;
            }
            free_list(base, nb);
        }
    }
}

/* The identity game (coordination on the diagonal) has 2^n - 1 equilibria:
** the uniform mix on each nonempty set of actions, for both. */
static void test_identity(void **state)
{
    (void)state;
    for (int n = 1; n <= 12; n++) {
        ent_bimatrix g;
        memset(&g, 0, sizeof g);
        g.m = g.n = n;
        for (int i = 0; i < n; i++) g.a[i * n + i] = g.b[i * n + i] = 1;
        ent_nash_result r;
        assert_int_equal(ent_nash_solve(&g, NULL, ENT_NASH_DEFAULT_MAX, 0, &r), ENT_NASH_OK);
        assert_int_equal(r.n_eq, (1L << n) - 1);
        assert_true(r.complete);
        assert_int_equal(r.degenerate, 0);
        ent_nash_result_free(&r);
        /* --max below the count: the first max, marked incomplete */
        assert_int_equal(ent_nash_solve(&g, NULL, 5, 0, &r), ENT_NASH_OK);
        assert_int_equal(r.n_eq, n >= 3 ? 5 : (1L << n) - 1);
        assert_int_equal(r.complete, n < 3);
        ent_nash_result_free(&r);
    }
    /* a bound on the vertices: the 12x12 identity game's polytopes have 4096 */
    ent_bimatrix g;
    memset(&g, 0, sizeof g);
    g.m = g.n = 12;
    for (int i = 0; i < 12; i++) g.a[i * 12 + i] = g.b[i * 12 + i] = 1;
    ent_nash_result r;
    assert_int_equal(ent_nash_solve(&g, NULL, 10, 1000, &r), ENT_NASH_TOO_LARGE);
    ent_nash_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_against_lrsnash),
        cmocka_unit_test(test_scaling),
        cmocka_unit_test(test_identity),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
