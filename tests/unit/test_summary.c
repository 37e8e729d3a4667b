/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_summary.c: the per-point statistics of a sweep (sweep_summary.c)
** against references. Exact mode: the same bits as sorting the finite values
** and reading GSL's median and quantiles, for values with ties, signed zeros,
** infinities and undefined values, fed whole or by ranges of outcomes on
** several slots, or read from the runs' rows. Sketch mode (beyond the memory budget): the same results
** whoever feeds which outcomes; mean bit for bit as the exact mode's; every
** quantile within its stated rank bound of the exact one, on smooth, heavy
** tailed, discrete and ordered inputs; and a size that does not grow with
** the replicates.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include "entente/sweep.h"
#include "sweep/sweep_int.h"

/* the same double, or both NaN */
static int same(double a, double b)
{
    return (isnan(a) && isnan(b)) || !memcmp(&a, &b, sizeof a);
}

/* kinds of input */
enum { SMOOTH, TIES, ZEROS, NEG_ZEROS, INFS, WITH_NAN, ASCENDING, DESCENDING, CONSTANT, HEAVY, BERNOULLI,
       CONST_NEG_ZERO, CONST_ZERO, CONST_TINY, CONST_HUGE, CONST_INF, CONST_WITH_NAN, KINDS };

static double draw(gsl_rng *r, int kind, size_t i, size_t n)
{
    static const double z[4] = { -0.0, 0.0, 1.0, -1.0 };
    switch (kind) {
    case SMOOTH: return gsl_ran_gaussian(r, 2.0) + 3.0;
    case TIES: return (double)gsl_rng_uniform_int(r, 6);
    case ZEROS: return z[gsl_rng_uniform_int(r, 4)];
    case NEG_ZEROS: return gsl_rng_uniform(r) < 0.6 ? -0.0 : gsl_ran_gaussian(r, 1.0);
    case INFS: return gsl_rng_uniform(r) < 0.1 ? (gsl_rng_uniform(r) < 0.5 ? -INFINITY : INFINITY)
                                               : gsl_rng_uniform(r);
    case WITH_NAN: return gsl_rng_uniform(r) < 0.2 ? NAN : gsl_ran_exponential(r, 1.0);
    case ASCENDING: return (double)i * 0.25;
    case DESCENDING: return (double)(n - i);
    case CONSTANT: return 0.1;
    case HEAVY: return gsl_ran_cauchy(r, 1.0);
    /* one value for every replicate (the summary takes a shortcut for a
    ** finite one): signed zeros, a subnormal, the largest double, an
    ** infinity (no shortcut), a value among undefined ones */
    case CONST_NEG_ZERO: return -0.0;
    case CONST_ZERO: return 0.0;
    case CONST_TINY: return 4.9406564584124654e-324;
    case CONST_HUGE: return -1.2345678901234567e300;  /* (a + b) / 2 of the median stays finite */
    case CONST_INF: return INFINITY;
    case CONST_WITH_NAN: return gsl_rng_uniform(r) < 0.2 ? NAN : 2.0 / 3.0;
    default: return gsl_rng_uniform(r) < 0.3 ? 1.0 : 0.0;
    }
}

/* The reference: sums as the exact mode takes them, a full sort, GSL. */
static void reference(const double *x, size_t m, double st[8])
{
    double *w = malloc((m + 1) * sizeof *w);
    size_t n = 0;
    for (size_t i = 0; i < m; i++)
        if (!isnan(x[i]))
            w[n++] = x[i];
    for (int i = 0; i < 8; i++)
        st[i] = NAN;
    st[0] = (double)n;
    if (n) {
        long double x0 = w[0], d = 0.0L;
        for (size_t i = 0; i < n; i++)
            d += w[i] - x0;
        st[1] = (double)(x0 + d / (long double)n);
        if (n >= 2) {
            long double ss = 0.0L;
            for (size_t i = 0; i < n; i++) {
                long double e = w[i] - (long double)st[1];
                ss += e * e;
            }
            st[2] = sqrt((double)(ss / (long double)(n - 1)));
            double h = gsl_cdf_tdist_Pinv(0.975, (double)(n - 1)) * st[2] / sqrt((double)n);
            st[3] = st[1] - h;
            st[4] = st[1] + h;
        }
        int sorted = 1;
        for (size_t i = 1; i < n; i++)
            sorted &= !(w[i] < w[i - 1]);
        if (!sorted)
            gsl_sort(w, 1, n);
        st[5] = gsl_stats_median_from_sorted_data(w, 1, n);
        st[6] = gsl_stats_quantile_from_sorted_data(w, 1, n, 0.05);
        st[7] = gsl_stats_quantile_from_sorted_data(w, 1, n, 0.95);
    }
    free(w);
}

/* Feed vals (R runs x n_out, run-major) by ranges of outcomes in a scrambled
** order of ranges, and read every outcome on slot (o % slots). */
static void feed_ranges(ent_summ *s, const double *vals, size_t n_out, uint64_t R, unsigned slots,
                        double *st_all)
{
    size_t lo[3] = { 0, n_out / 3, 2 * n_out / 3 }, hi[3] = { n_out / 3, 2 * n_out / 3, n_out };
    const int order[3] = { 2, 0, 1 };
    for (int k = 0; k < 3; k++) {
        int c = order[k];
        ent_i_summ_reset_range(s, lo[c], hi[c]);
        for (uint64_t r = 0; r < R; r++)
            ent_i_summ_add_range(s, r, vals + r * n_out, lo[c], hi[c]);
        for (size_t o = lo[c]; o < hi[c]; o++)
            ent_i_summ_stats_slot(s, (unsigned)(o % slots), o, R, st_all + o * 8);
    }
}

/* Exact mode equals the sort-based reference, bit for bit. */
static void test_exact_is_reference(void **state)
{
    (void)state;
    static const size_t sizes[] = { 1, 2, 3, 4, 5, 6, 7, 10, 19, 20, 21, 40, 100, 101, 257, 1000, 4099 };
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 14);
    for (size_t si = 0; si < sizeof sizes / sizeof *sizes; si++) {
        size_t R = sizes[si], n_out = KINDS;
        ent_summ *s = ent_i_summ_alloc(n_out, R);
        assert_non_null(s);
        assert_true(ent_i_summ_exact(s));
        assert_int_equal(ent_i_summ_slots(s, 3), 0);
        for (int trial = 0; trial < 6; trial++) {
            double *vals = malloc(R * n_out * sizeof *vals), *col = malloc(R * sizeof *col);
            double *st_all = malloc(n_out * 8 * sizeof *st_all);
            for (uint64_t i = 0; i < R; i++)
                for (size_t o = 0; o < n_out; o++)
                    vals[i * n_out + o] = draw(r, (int)o, i, R);
            feed_ranges(s, vals, n_out, R, 3, st_all);
            for (size_t o = 0; o < n_out; o++) {
                double want[8];
                for (uint64_t i = 0; i < R; i++)
                    col[i] = vals[i * n_out + o];
                reference(col, R, want);
                for (int k = 0; k < 8; k++)
                    if (!same(st_all[o * 8 + k], want[k]))
                        fail_msg("R %zu kind %zu stat %s: %.17g, the sort gives %.17g", R, o,
                                 ent_i_summ_columns[k], st_all[o * 8 + k], want[k]);
            }
            /* from the rows, without feeding: the same */
            const double **rows = malloc(R * sizeof *rows);
            for (uint64_t i = 0; i < R; i++)
                rows[i] = vals + i * n_out;
            for (size_t o = 0; o < n_out; o++) {
                double st[8];
                ent_i_summ_stats_rows(s, (unsigned)(o % 3), o, rows, R, st);
                for (int k = 0; k < 8; k++)
                    assert_true(same(st[k], st_all[o * 8 + k]));
            }
            free(rows);
            /* the whole-run interface gives the same */
            ent_i_summ_reset(s);
            for (uint64_t i = 0; i < R; i++)
                ent_i_summ_add(s, vals + i * n_out);
            for (size_t o = 0; o < n_out; o++) {
                double st[8];
                ent_i_summ_stats(s, o, st);
                for (int k = 0; k < 8; k++)
                    assert_true(same(st[k], st_all[o * 8 + k]));
            }
            free(vals);
            free(col);
            free(st_all);
        }
        ent_i_summ_free(s);
    }
    gsl_rng_free(r);
}

/* The value of x (sorted, n) at rank j clamped into [0, n). */
static double order_stat(const double *x, size_t n, double j)
{
    if (j < 0)
        j = 0;
    if (j > (double)(n - 1))
        j = (double)(n - 1);
    return x[(size_t)j];
}

/* Sketch mode: beyond the budget, the same bits whatever the ranges and
** slots; the mean of the exact mode; quantiles within the stated bound. */
static void test_sketch_within_bound(void **state)
{
    (void)state;
    static const uint64_t reps[] = { 3000, 20000, 100000 };
    const double delta = 1e-6;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 15);
    for (size_t ri = 0; ri < sizeof reps / sizeof *reps; ri++) {
        uint64_t R = reps[ri];
        size_t n_out = KINDS;
        /* about 600 values per outcome */
        uint64_t budget = (uint64_t)n_out * 600 * sizeof(double);
        ent_summ *s = ent_i_summ_alloc_budget(n_out, R, budget);
        ent_summ *s2 = ent_i_summ_alloc_budget(n_out, R, budget);
        assert_non_null(s);
        assert_non_null(s2);
        assert_false(ent_i_summ_exact(s));
        assert_true(ent_i_summ_sketch_size(s) * n_out * sizeof(double) <= budget);
        assert_int_equal(ent_i_summ_slots(s, 2), 0);
        double *vals = malloc(R * n_out * sizeof *vals), *col = malloc(R * sizeof *col);
        double *st_all = malloc(n_out * 8 * sizeof *st_all);
        for (uint64_t i = 0; i < R; i++)
            for (size_t o = 0; o < n_out; o++)
                vals[i * n_out + o] = draw(r, (int)o, i, R);
        feed_ranges(s, vals, n_out, R, 2, st_all);
        ent_i_summ_reset(s2);
        for (uint64_t i = 0; i < R; i++)
            ent_i_summ_add(s2, vals + i * n_out);
        for (size_t o = 0; o < n_out; o++) {
            double st[8], want[8];
            ent_i_summ_stats(s2, o, st);
            for (int k = 0; k < 8; k++)
                assert_true(same(st[k], st_all[o * 8 + k]));
            size_t n = 0;
            for (uint64_t i = 0; i < R; i++)
                if (!isnan(vals[i * n_out + o]))
                    col[n++] = vals[i * n_out + o];
            reference(col, n, want);
            assert_true(same(st[0], want[0]));
            assert_true(same(st[1], want[1]));
            if (isfinite(want[2]))
                assert_true(fabs(st[2] - want[2]) <= 1e-12 * want[2] + 1e-300);
            gsl_sort(col, 1, n);
            double t = ent_i_summ_rank_bound(s, n, delta);
            assert_true(t > 0);
            assert_true(t < 0.05 * (double)n);
            const double f[3] = { 0.5, 0.05, 0.95 };
            for (int q = 0; q < 3; q++) {
                double j = f[q] * (double)(n - 1);
                double lo = order_stat(col, n, floor(j) - ceil(t)), hi = order_stat(col, n, ceil(j) + ceil(t));
                double v = st[5 + q];
                if (!(v >= lo && v <= hi))
                    fail_msg("R %llu kind %zu quantile %g: %.17g not in [%.17g, %.17g] (rank bound %g)",
                             (unsigned long long)R, o, f[q], v, lo, hi, t);
            }
        }
        free(vals);
        free(col);
        free(st_all);
        ent_i_summ_free(s);
        ent_i_summ_free(s2);
    }
    gsl_rng_free(r);
}

/* The choice is the budget's: n_out x R values fit or not; a sketch's size
** stays within the budget whatever the replicates. */
static void test_budget_not_replicates(void **state)
{
    (void)state;
    uint64_t budget = ENT_SWEEP_EXACT_BUDGET;
    assert_true(ent_i_summ_fits(226, 10000, budget));
    assert_false(ent_i_summ_fits(226, 20000, budget));
    assert_true(ent_i_summ_fits(1, 50000, budget));
    assert_false(ent_i_summ_fits(1801, 10000, budget));
    static const uint64_t reps[] = { 20000, 100000, 1000000, UINT64_C(1) << 40 };
    for (size_t i = 0; i < sizeof reps / sizeof *reps; i++) {
        ent_summ *s = ent_i_summ_alloc(1801, reps[i]);
        assert_non_null(s);
        assert_false(ent_i_summ_exact(s));
        size_t z = ent_i_summ_sketch_size(s);
        assert_true(z >= 64);
        assert_true(z * 1801 * sizeof(double) <= budget);
        ent_i_summ_free(s);
    }
}

/* One value alone: what ent_i_summ_single_is_value claims (n 1, the value
** as mean, median, q05 and q95, sd and the interval undefined), and for an
** undefined value n 0 and nothing else, is what the statistics give; the
** values it refuses (-0, infinities) are exactly those where it fails. */
static void test_single_value_claim(void **state)
{
    (void)state;
    ent_summ *s = ent_i_summ_alloc(1, 1);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 5);
    for (int c = 0; c < 20000; c++) {
        double v;
        switch (c % 8) {
        case 0: v = -0.0; break;
        case 1: v = 0.0; break;
        case 2: v = c % 16 == 2 ? INFINITY : -INFINITY; break;
        case 3: v = NAN; break;
        case 4: v = 4.9e-324 * (double)(1 + gsl_rng_uniform_int(r, 1000)); break;   /* subnormal */
        case 5: v = -1e300 * gsl_rng_uniform_pos(r); break;
        default: v = gsl_ran_gaussian(r, 1.0) * pow(10.0, (double)gsl_rng_uniform_int(r, 40) - 20.0);
        }
        const double *rows[1] = { &v };
        double st[8];
        ent_i_summ_stats_rows(s, 0, 0, rows, 1, st);
        if (isnan(v)) {
            assert_true(st[0] == 0.0);
            for (int i = 1; i < 8; i++)
                assert_true(isnan(st[i]));
            continue;
        }
        int claim = same(st[0], 1.0) && same(st[1], v) && isnan(st[2]) && isnan(st[3]) && isnan(st[4]) &&
                    same(st[5], v) && same(st[6], v) && same(st[7], v);
        assert_int_equal(claim, ent_i_summ_single_is_value(v));
    }
    gsl_rng_free(r);
    ent_i_summ_free(s);
}

/* One value repeated (a point of a deterministic scenario, whose runs all
** end alike): ent_i_summ_stats_repeated gives what the rows give, and the
** sort-based reference, for the kinds of values that part ways elsewhere
** (-0, subnormals, a huge value, infinities, NaN) and any number of runs. */
static void test_repeated_is_rows(void **state)
{
    (void)state;
    static const uint64_t sizes[] = { 1, 2, 3, 4, 19, 20, 100, 101, 255 };
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 9);
    for (size_t si = 0; si < sizeof sizes / sizeof *sizes; si++) {
        uint64_t R = sizes[si];
        ent_summ *s = ent_i_summ_alloc(1, R);
        assert_non_null(s);
        assert_true(ent_i_summ_exact(s));
        assert_int_equal(ent_i_summ_slots(s, 2), 0);
        double *col = malloc(R * sizeof *col);
        const double **rows = malloc(R * sizeof *rows);
        for (int c = 0; c < 400; c++) {
            double v;
            switch (c % 9) {
            case 0: v = -0.0; break;
            case 1: v = 0.0; break;
            case 2: v = c % 18 == 2 ? INFINITY : -INFINITY; break;
            case 3: v = NAN; break;
            case 4: v = 4.9e-324 * (double)(1 + gsl_rng_uniform_int(r, 1000)); break;
            case 5: v = -1.23e300 * gsl_rng_uniform_pos(r); break;
            case 6: v = 0.05 + 1e-17 * (double)gsl_rng_uniform_int(r, 7); break;
            default: v = gsl_ran_gaussian(r, 1.0) * pow(10.0, (double)gsl_rng_uniform_int(r, 40) - 20.0);
            }
            for (uint64_t i = 0; i < R; i++) {
                col[i] = v;
                rows[i] = &col[i];
            }
            double got[8], want[8], ref[8];
            ent_i_summ_stats_repeated(s, (unsigned)(c % 2), v, R, got);
            ent_i_summ_stats_rows(s, (unsigned)(c % 2), 0, rows, R, want);
            reference(col, R, ref);
            for (int k = 0; k < 8; k++) {
                if (!same(got[k], want[k]) || !same(got[k], ref[k]))
                    fail_msg("R %llu value %.17g stat %s: repeated %.17g, rows %.17g, sort %.17g",
                             (unsigned long long)R, v, ent_i_summ_columns[k], got[k], want[k], ref[k]);
            }
        }
        free(col);
        free(rows);
        ent_i_summ_free(s);
    }
    gsl_rng_free(r);
}

/* The order statistics by selection, where a selection goes wrong: few
** distinct values in many copies (counts, yes/no outcomes), one value
** almost everywhere, sorted and reversed runs, at every size around the
** point where selection hands over to a sort of the rest: the bits of a
** full sort. */
static void test_selection_ties(void **state)
{
    (void)state;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 21);
    ent_summ *s = ent_i_summ_alloc(1, 700);
    assert_non_null(s);
    double *col = malloc(700 * sizeof *col);
    const double **rows = malloc(700 * sizeof *rows);
    for (int trial = 0; trial < 3000; trial++) {
        size_t R = 2 + gsl_rng_uniform_int(r, trial < 1500 ? 40 : 699);
        unsigned distinct = 1 + (unsigned)gsl_rng_uniform_int(r, 5), shape = (unsigned)gsl_rng_uniform_int(r, 4);
        for (size_t i = 0; i < R; i++) {
            double v = (double)gsl_rng_uniform_int(r, distinct);
            if (shape == 1)
                v = gsl_rng_uniform(r) < 0.97 ? 1.0 : v;       /* one value almost everywhere */
            else if (shape == 2)
                v = (double)(i * distinct / R);                 /* sorted runs of ties */
            else if (shape == 3)
                v = (double)((R - i) * distinct / R);           /* reversed */
            col[i] = v;
            rows[i] = &col[i];
        }
        double got[8], want[8];
        ent_i_summ_stats_rows(s, 0, 0, rows, R, got);
        reference(col, R, want);
        for (int k = 5; k < 8; k++)
            if (!same(got[k], want[k]))
                fail_msg("R %zu, %u values, shape %u, %s: %.17g, the sort gives %.17g", R, distinct, shape,
                         ent_i_summ_columns[k], got[k], want[k]);
    }
    free(col);
    free(rows);
    ent_i_summ_free(s);
    gsl_rng_free(r);
}

/* Runs that are a few kinds (the replicates of a point that took the
** outcomes of earlier ones: the patron's type alone sets them apart):
** ent_i_summ_stats_kinds (every outcome at once, their sums side by side;
** or a range of them, the same numbers, the rest untouched) gives what the
** rows give, and the sort-based
** reference, bit for bit, for 1 to 16 kinds in any order of runs, kinds
** whose values tie, zeros of either or both signs, infinities and NaN. */
static void test_kinds_is_rows(void **state)
{
    (void)state;
    static const uint64_t sizes[] = { 1, 2, 3, 4, 19, 20, 100, 101, 255 };
    enum { N_OUT = 11 };    /* lanes of four sums: two full, one of three */
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 11);
    uint64_t checked = 0, spread = 0;
    for (size_t si = 0; si < sizeof sizes / sizeof *sizes; si++) {
        uint64_t R = sizes[si];
        ent_summ *s = ent_i_summ_alloc(N_OUT, R);
        assert_non_null(s);
        assert_true(ent_i_summ_exact(s));
        assert_int_equal(ent_i_summ_slots(s, 2), 0);
        double vec[ENT_I_SUMM_KINDS_MAX][N_OUT], *col = malloc(R * sizeof *col);
        const double **rows = malloc(R * sizeof *rows);
        uint8_t *kind_of = malloc(R);
        for (int trial = 0; trial < 300; trial++) {
            ent_i_summ_kinds kd;
            kd.k = 1 + gsl_rng_uniform_int(r, R < ENT_I_SUMM_KINDS_MAX ? R : ENT_I_SUMM_KINDS_MAX);
            /* outcome o of every kind drawn from one kind of input */
            for (size_t o = 0; o < N_OUT; o++) {
                int input = (int)gsl_rng_uniform_int(r, KINDS);
                for (size_t j = 0; j < kd.k; j++)
                    vec[j][o] = draw(r, input, j, kd.k);
            }
            /* each kind at least once, the rest at random, in a random order */
            for (uint64_t i = 0; i < R; i++)
                kind_of[i] = (uint8_t)(i < kd.k ? i : gsl_rng_uniform_int(r, kd.k));
            gsl_ran_shuffle(r, kind_of, R, 1);
            for (size_t j = 0; j < kd.k; j++) {
                kd.reps[j] = vec[j];
                kd.count[j] = 0;
            }
            for (uint64_t i = 0; i < R; i++) {
                kd.count[kind_of[i]]++;
                rows[i] = vec[kind_of[i]];
            }
            kd.kind_of = kind_of;
            /* all outcomes at once, their sums side by side */
            double all[N_OUT * 8];
            ent_i_summ_stats_kinds(s, (unsigned)(trial % 2), &kd, rows, R, 0, N_OUT, all);
            /* a range of the outcomes (as threads share them): the same */
            size_t lo = gsl_rng_uniform_int(r, N_OUT), hi = lo + 1 + gsl_rng_uniform_int(r, N_OUT - lo);
            double part[N_OUT * 8];
            for (size_t i = 0; i < N_OUT * 8; i++)
                part[i] = -12345.0;
            ent_i_summ_stats_kinds(s, (unsigned)(trial % 2), &kd, rows, R, lo, hi, part);
            for (size_t i = 0; i < N_OUT * 8; i++) {
                size_t o = i / 8;
                if (o >= lo && o < hi ? !same(part[i], all[i]) : part[i] != -12345.0)
                    fail_msg("R %llu, outcomes %zu to %zu: outcome %zu, stat %d: %.17g (all at once %.17g)",
                             (unsigned long long)R, lo, hi, o, (int)(i % 8), part[i], all[i]);
            }
            for (size_t o = 0; o < N_OUT; o++) {
                double want[8], ref[8];
                const double *got = all + o * 8;
                unsigned slot = (unsigned)(trial % 2);
                ent_i_summ_stats_rows(s, slot, o, rows, R, want);
                for (uint64_t i = 0; i < R; i++)
                    col[i] = rows[i][o];
                reference(col, R, ref);
                for (int k = 0; k < 8; k++)
                    if (!same(got[k], want[k]) || !same(got[k], ref[k]))
                        fail_msg("R %llu, %zu kinds, outcome %zu, stat %s: kinds %.17g, rows %.17g, sort %.17g",
                                 (unsigned long long)R, kd.k, o, ent_i_summ_columns[k], got[k], want[k], ref[k]);
                checked++;
                spread += got[2] > 0;
            }
        }
        free(col);
        free(rows);
        free(kind_of);
        ent_i_summ_free(s);
    }
    /* the comparisons were of points that spread, not only of constants */
    assert_true(spread > checked / 4);
    gsl_rng_free(r);
}

/* The kinds a point's runs are found to be (ent_i_summ_find_kinds): by
** their vectors' bits, two runs are of one kind exactly when their vectors
** are the same bytes, whatever the outcome in which they part (the last
** alone, a zero's sign, a NaN's payload), and the kinds found give the
** rows' statistics; by ids, exactly when their ids are equal; one id 0 and
** the bits decide; a missing vector or a 17th kind and none are found. */
static void test_find_kinds(void **state)
{
    (void)state;
    enum { N_OUT = 9, R = 120 };
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 5);
    ent_summ *s = ent_i_summ_alloc(N_OUT, R);
    assert_non_null(s);
    assert_int_equal(ent_i_summ_slots(s, 1), 0);
    double vec[ENT_I_SUMM_KINDS_MAX + 1][N_OUT];
    const double *rows[R];
    uint64_t ids[R];
    uint8_t truth[R], of[R];
    int parted_late = 0;
    for (int trial = 0; trial < 400; trial++) {
        size_t k = 1 + gsl_rng_uniform_int(r, ENT_I_SUMM_KINDS_MAX + 1);
        /* kind j is kind 0 with one outcome changed (trials with even
        ** numbers: the last), or drawn anew */
        for (size_t o = 0; o < N_OUT; o++)
            vec[0][o] = gsl_rng_uniform(r);
        for (size_t j = 1; j < k; j++) {
            memcpy(vec[j], vec[0], sizeof vec[0]);
            size_t o = trial % 2 ? gsl_rng_uniform_int(r, N_OUT) : N_OUT - 1;
            switch (gsl_rng_uniform_int(r, 4)) {
            case 0: vec[j][o] = gsl_rng_uniform(r); break;
            case 1: vec[j][o] = j % 2 ? -0.0 : 0.0; break;
            case 2: { uint64_t u = UINT64_C(0x7ff8000000000000) | j; memcpy(&vec[j][o], &u, sizeof u); } break;
            default: vec[j][o] = nextafter(vec[0][o], 2.0); break;
            }
        }
        for (uint64_t i = 0; i < R; i++) {
            truth[i] = (uint8_t)(i < k ? i : gsl_rng_uniform_int(r, k));
            ids[i] = truth[i] + 1;
        }
        gsl_ran_shuffle(r, truth, R, 1);
        for (uint64_t i = 0; i < R; i++) {
            rows[i] = vec[truth[i]];
            ids[i] = truth[i] + 1;
        }
        /* the distinct vectors among the kinds drawn */
        size_t distinct = 0;
        for (size_t j = 0; j < k; j++) {
            size_t i = 0;
            while (i < j && memcmp(vec[i], vec[j], sizeof vec[j]))
                i++;
            distinct += i == j;
        }
        ent_i_summ_kinds kd;
        for (int mode = 0; mode < 3; mode++) {
            /* 0: by bits; 1: by ids; 2: ids with one unknown */
            uint64_t keep = ids[trial % R];
            if (mode == 2)
                ids[trial % R] = 0;
            int found = ent_i_summ_find_kinds(rows, mode ? ids : NULL, R, N_OUT, &kd, of);
            ids[trial % R] = keep;
            size_t want_k = mode == 1 ? k : distinct;
            if (want_k > ENT_I_SUMM_KINDS_MAX) {
                assert_int_equal(found, 0);
                continue;
            }
            assert_int_equal(found, 1);
            assert_int_equal(kd.k, want_k);
            uint64_t total = 0;
            for (size_t j = 0; j < kd.k; j++)
                total += kd.count[j];
            assert_int_equal(total, R);
            for (uint64_t a = 0; a < R; a++) {
                assert_memory_equal(kd.reps[of[a]], rows[a], sizeof vec[0]);
                for (uint64_t b = a + 1; b < R; b++) {
                    int same_kind = of[a] == of[b];
                    int want = mode == 1 ? truth[a] == truth[b] : !memcmp(rows[a], rows[b], sizeof vec[0]);
                    if (same_kind != want)
                        fail_msg("trial %d, mode %d: runs %llu and %llu %s one kind", trial, mode,
                                 (unsigned long long)a, (unsigned long long)b, want ? "should be" : "are not");
                }
            }
            if (mode == 0) {
                double all[N_OUT * 8], want_st[8];
                ent_i_summ_stats_kinds(s, 0, &kd, rows, R, 0, N_OUT, all);
                for (size_t o = 0; o < N_OUT; o++) {
                    ent_i_summ_stats_rows(s, 0, o, rows, R, want_st);
                    for (int st = 0; st < 8; st++)
                        if (!same(all[o * 8 + st], want_st[st]))
                            fail_msg("trial %d, outcome %zu, %s: kinds found %.17g, rows %.17g", trial, o,
                                     ent_i_summ_columns[st], all[o * 8 + st], want_st[st]);
                }
                parted_late += kd.k > 1 && trial % 2 == 0;
            }
        }
    }
    /* a missing vector: no kinds */
    for (uint64_t i = 0; i < R; i++)
        rows[i] = vec[0];
    rows[R / 2] = NULL;
    assert_int_equal(ent_i_summ_find_kinds(rows, NULL, R, N_OUT, &(ent_i_summ_kinds){ 0 }, of), 0);
    assert_true(parted_late > 50);
    ent_i_summ_free(s);
    gsl_rng_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_is_reference),
        cmocka_unit_test(test_sketch_within_bound),
        cmocka_unit_test(test_budget_not_replicates),
        cmocka_unit_test(test_single_value_claim),
        cmocka_unit_test(test_repeated_is_rows),
        cmocka_unit_test(test_kinds_is_rows),
        cmocka_unit_test(test_find_kinds),
        cmocka_unit_test(test_selection_ties),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
