/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** sweep_summary.c: statistics of each outcome over the replicates of a
** point, with GSL. Each outcome's values arrive in run order and are
** combined in that order, so the figures do not depend on the number of
** threads; outcomes are independent of each other, so disjoint ranges of
** them can be fed and summarised by different threads at once. NaN values
** (outcomes undefined in a run) are left out and not counted in n.
**
** Memory is bounded by a budget, not by the number of replicates: when the
** values of every outcome over a point's replicates fit in
** ENT_SWEEP_EXACT_BUDGET bytes they are kept, and the quantiles are exact
** (order statistics found by selection, not a full sort). Otherwise each
** outcome gets the same share of the budget, whatever the replicates: its
** mean and sd from running sums, and its quantiles from a sketch of that
** size, a stack of compactors (Karnin, Lang & Liberty 2016; the
** deterministic stack of Manku, Rajagopalan & Lindsay 1998 with random
** offsets). Level h holds values of weight 2^h; when it is full it is
** sorted and every other value, from an offset 0 or 1 drawn from a stream
** fixed by the outcome and the level, moves up with twice the weight. A
** compaction at level h moves the estimated rank of any value by 0 or +-2^h
** with even odds, so the rank error of a quantile is a sum of independent,
** bounded, centred terms: by Hoeffding's inequality it exceeds
** sqrt(2 V ln(2/delta)) with probability below delta, V the sum of 4^h over
** the compactions (ent_i_summ_rank_bound).
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include "sweep/sweep_int.h"

const char *const ent_i_summ_columns[8] = {
    "n", "mean", "sd", "ci_low", "ci_high", "median", "q05", "q95",
};

/* Largest number of compactor levels (2^63 replicates need no more). */
#define SK_LEVELS 64
/* Smallest capacity of a level. */
#define SK_MIN_CAP 8
/* Most values an outcome's sketch keeps, however few the outcomes (its
** error bound is then far below any use; the query's work stays small). */
#define SK_MAX_SIZE 65536

/* What one thread needs to summarise an outcome. */
typedef struct {
    double *work;                       /* exact: replicates; sketch: its size */
    size_t t_n;                         /* the t quantile below is for n = t_n */
    double t975;
} summ_slot;

/* Running sums of an outcome (sketch mode): the mean as in the exact mode
** (x0 + sum(x - x0)/n, summed in run order in long double), and the sum of
** squares about x0 for the sd. */
typedef struct {
    long double x0, d, s2;
    uint64_t n, draws;                  /* values fed; offset bits drawn */
    uint64_t bits;                      /* offset bits not yet used */
    unsigned nbits;
} sk_sums;

struct ent_summ {
    size_t n_out;
    uint64_t replicates;
    bool exact;
    uint64_t fed;                       /* runs fed through ent_i_summ_add */
    double *vals;                       /* exact: n_out x replicates */
    /* sketch: the same levels for every outcome */
    size_t levels, size;                /* levels; doubles per outcome */
    size_t cap[SK_LEVELS], off[SK_LEVELS];
    double *sk;                         /* n_out x size values */
    uint32_t *fill;                     /* n_out x levels: values held per level */
    sk_sums *sums;                      /* n_out */
    summ_slot *slot;
    unsigned n_slots;
};

static void free_slots(ent_summ *s)
{
    for (unsigned t = 0; s->slot && t < s->n_slots; t++)
        free(s->slot[t].work);
    free(s->slot);
    s->slot = NULL;
    s->n_slots = 0;
}

void ent_i_summ_free(ent_summ *s)
{
    if (!s)
        return;
    free(s->vals);
    free_slots(s);
    free(s->sk);
    free(s->fill);
    free(s->sums);
    free(s);
}

int ent_i_summ_slots(ent_summ *s, unsigned n)
{
    free_slots(s);
    if (n < 1)
        n = 1;
    s->slot = calloc(n, sizeof *s->slot);
    if (!s->slot)
        return -1;
    s->n_slots = n;
    size_t per = s->exact ? (size_t)s->replicates : 2 * s->size;
    for (unsigned t = 0; t < n; t++)
        if (!(s->slot[t].work = malloc((per + 1) * sizeof(double))))
            return -1;
    return 0;
}

bool ent_i_summ_fits(size_t n_out, uint64_t replicates, uint64_t budget)
{
    uint64_t per = (uint64_t)(n_out ? n_out : 1) * sizeof(double);
    return replicates <= budget / per;
}

/* The levels of a sketch of at most m values (and SK_MAX_SIZE) for up to r
** values: the top
** level has capacity k and the one below each about 2/3 of the one above
** (at least SK_MIN_CAP, all even), with as many levels as it takes for the
** top never to fill (at most r / 2^(levels-1) values reach it); the largest
** k whose levels fit in m. */
static void sk_layout(ent_summ *s, uint64_t m, uint64_t r)
{
    if (m > SK_MAX_SIZE)
        m = SK_MAX_SIZE;
    uint64_t k = m < 2 * SK_MIN_CAP ? 2 * SK_MIN_CAP : m & ~(uint64_t)1;
    for (;; k -= 2) {
        size_t L = 1;
        while (L < SK_LEVELS && (r >> (L - 1)) >= k)
            L++;
        uint64_t total = 0;
        double c = (double)k;
        for (size_t h = L; h-- > 0; c *= 2.0 / 3.0) {
            uint64_t ch = (uint64_t)c & ~(uint64_t)1;
            s->cap[h] = ch < SK_MIN_CAP ? SK_MIN_CAP : ch;
            total += s->cap[h];
        }
        s->levels = L;
        if (total <= m || k <= 2 * SK_MIN_CAP)
            break;
    }
    s->size = 0;
    for (size_t h = 0; h < s->levels; h++) {
        s->off[h] = s->size;
        s->size += s->cap[h];
    }
}

ent_summ *ent_i_summ_alloc_budget(size_t n_out, uint64_t replicates, uint64_t budget)
{
    ent_summ *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->n_out = n_out;
    s->replicates = replicates;
    s->exact = ent_i_summ_fits(n_out, replicates, budget);
    if (s->exact) {
        if (!(s->vals = malloc((n_out * replicates + 1) * sizeof *s->vals)))
            goto fail;
    } else {
        sk_layout(s, budget / sizeof(double) / (n_out ? n_out : 1), replicates);
        s->sk = malloc((n_out * s->size + 1) * sizeof *s->sk);
        s->fill = calloc(n_out * s->levels + 1, sizeof *s->fill);
        s->sums = calloc(n_out + 1, sizeof *s->sums);
        if (!s->sk || !s->fill || !s->sums)
            goto fail;
    }
    if (ent_i_summ_slots(s, 1))
        goto fail;
    return s;
fail:
    ent_i_summ_free(s);
    return NULL;
}

ent_summ *ent_i_summ_alloc(size_t n_out, uint64_t replicates)
{
    return ent_i_summ_alloc_budget(n_out, replicates, ENT_SWEEP_EXACT_BUDGET);
}

bool ent_i_summ_exact(const ent_summ *s)
{
    return s->exact;
}

void ent_i_summ_reset_range(ent_summ *s, size_t lo, size_t hi)
{
    if (s->exact)
        return;
    for (size_t o = lo; o < hi; o++) {
        memset(&s->sums[o], 0, sizeof s->sums[o]);
        memset(s->fill + o * s->levels, 0, s->levels * sizeof *s->fill);
    }
}

/* splitmix64: the offset bits of an outcome's compactions, a stream fixed by
** the outcome (the same for every point and any thread count). */
static uint64_t mix64(uint64_t z)
{
    z += UINT64_C(0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static unsigned sk_bit(sk_sums *u, size_t o)
{
    if (u->nbits == 0) {
        u->bits = mix64(((uint64_t)o << 32) ^ u->draws++);
        u->nbits = 64;
    }
    unsigned b = (unsigned)(u->bits & 1);
    u->bits >>= 1;
    u->nbits--;
    return b;
}

static void sort_small(double *x, size_t n)
{
    if (n > 24) {
        gsl_sort(x, 1, n);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        double v = x[i];
        size_t j = i;
        for (; j > 0 && v < x[j - 1]; j--)
            x[j] = x[j - 1];
        x[j] = v;
    }
}

/* Put v (weight 2^h) into level h of outcome o; a level that fills is
** compacted into the one above. The top level never fills (sk_layout). */
static void sk_push(ent_summ *s, size_t o, size_t h, double v)
{
    double *buf = s->sk + o * s->size;
    uint32_t *fill = s->fill + o * s->levels;
    buf[s->off[h] + fill[h]++] = v;
    if (fill[h] < s->cap[h] || h + 1 >= s->levels)
        return;
    double *lv = buf + s->off[h];
    sort_small(lv, s->cap[h]);
    fill[h] = 0;
    for (size_t i = sk_bit(&s->sums[o], o); i < s->cap[h]; i += 2)
        sk_push(s, o, h + 1, lv[i]);
}

void ent_i_summ_add_range(ent_summ *s, uint64_t r, const double *out, size_t lo, size_t hi)
{
    if (s->exact) {
        if (r < s->replicates)
            for (size_t o = lo; o < hi; o++)
                s->vals[o * s->replicates + r] = out[o];
        return;
    }
    for (size_t o = lo; o < hi; o++) {
        double v = out[o];
        if (isnan(v))
            continue;
        sk_sums *u = &s->sums[o];
        if (u->n++ == 0)
            u->x0 = v;
        long double e = v - u->x0;
        u->d += e;
        u->s2 += e * e;
        sk_push(s, o, 0, v);
    }
}

/* V = the sum of 4^h over the compactions the sketch makes for n values
** (the same for every outcome with n values). */
static double sk_variance(const ent_summ *s, uint64_t n)
{
    double v = 0;
    uint64_t arrive = n;
    for (size_t h = 0; h + 1 < s->levels; h++) {
        uint64_t comp = arrive / s->cap[h];
        v += (double)comp * ldexp(1.0, 2 * (int)h);
        arrive = comp * (s->cap[h] / 2);
    }
    return v;
}

double ent_i_summ_rank_bound(const ent_summ *s, uint64_t n, double delta)
{
    if (s->exact)
        return 0;
    return sqrt(2.0 * sk_variance(s, n) * log(2.0 / delta));
}

size_t ent_i_summ_sketch_size(const ent_summ *s)
{
    return s->exact ? 0 : s->size;
}

void ent_i_summ_reset(ent_summ *s)
{
    s->fed = 0;
    ent_i_summ_reset_range(s, 0, s->n_out);
}

void ent_i_summ_add(ent_summ *s, const double *out)
{
    ent_i_summ_add_range(s, s->fed, out, 0, s->n_out);
    s->fed++;
}

/* Mean and standard deviation (n - 1 in the denominator) of x[0..n-1], n >= 1:
** two passes of sums in a fixed order, accumulated in long double like GSL's
** gsl_stats_mean and gsl_stats_sd_m, but without their division per value
** (whose latency made the summary of a point cost as much as many of its
** runs). The mean is x0 + sum(x - x0)/n: shifted by the first value, so that
** a constant outcome gets its own value as mean and an sd of exactly 0 at any
** n, and a count (whole numbers) an exact sum. */
static void mean_sd(const double *x, size_t n, double *mean, double *sd)
{
    long double x0 = x[0], d = 0.0L;
    for (size_t i = 0; i < n; i++)
        d += x[i] - x0;
    double m = (double)(x0 + d / (long double)n);
    *mean = m;
    if (n < 2)
        return;
    long double ss = 0.0L;
    for (size_t i = 0; i < n; i++) {
        long double e = x[i] - (long double)m;
        ss += e * e;
    }
    *sd = sqrt((double)(ss / (long double)(n - 1)));
}

/* mean_sd of n copies of one finite v, without the loops: the deviations
** from x[0] are zeros, so d = 0 and the mean is v + 0 (v, or +0 for v = -0);
** the deviations from the mean are then zeros of either sign, whose squares
** sum to +0, so sd = 0. Outcomes that the replicates of a point share (a
** rule without draws) are most outcomes of many sweeps. */
static void mean_sd_constant(double v, size_t n, double *mean, double *sd)
{
    long double x0 = v, d = 0.0L;
    double m = (double)(x0 + d / (long double)n);
    *mean = m;
    if (n < 2)
        return;
    long double e = v - (long double)m;
    long double ss = e * e;
    *sd = sqrt((double)(ss / (long double)(n - 1)));
}

/* ---- quantiles by selection ------------------------------------------------ */

static void swap(double *a, double *b)
{
    double t = *a;
    *a = *b;
    *b = t;
}

/* x[lo..hi) reordered so that the values below p (with_p: at most p) come
** first; returns where the rest begin. Every value is moved, and the
** boundary advanced by a comparison's 0 or 1: no branch that random data
** would mispredict (half of them, in the partition of a sort's textbook
** form). Inlined, each call's with_p is a constant. */
static inline size_t smaller_first(double *x, size_t lo, size_t hi, double p, int with_p)
{
    size_t store = lo;
    for (size_t i = lo; i < hi; i++) {
        double v = x[i];
        x[i] = x[store];
        x[store] = v;
        store += with_p ? v <= p : v < p;
    }
    return store;
}

/* Rearrange x[lo..hi) so that x[k] is the value a sort would put there, with
** no larger value before it and no smaller one after it (quickselect with a
** median-of-three pivot; expected linear time, also with many equal values:
** a part with none below the pivot is split again at the values equal to
** it, which are then done with). */
static void select_k(double *x, size_t lo, size_t hi, size_t k)
{
    while (hi - lo > 16) {
        size_t mid = lo + (hi - lo) / 2, last = hi - 1;
        /* order x[lo], x[mid], x[last]; the median is the pivot, moved to the end */
        if (x[mid] < x[lo]) swap(&x[mid], &x[lo]);
        if (x[last] < x[lo]) swap(&x[last], &x[lo]);
        if (x[last] < x[mid]) swap(&x[last], &x[mid]);
        swap(&x[mid], &x[last]);
        double p = x[last];
        size_t j = smaller_first(x, lo, last, p, 0);
        swap(&x[j], &x[last]);
        /* x[lo..j) < p = x[j] <= x(j..hi) */
        if (j == k)
            return;
        if (k < j) {
            hi = j;
            continue;
        }
        if (j == lo) {
            /* nothing below p: the values equal to it next, x(j..e) = p */
            size_t e = smaller_first(x, j + 1, hi, p, 1);
            if (k < e)
                return;
            lo = e;
            continue;
        }
        lo = j + 1;
    }
    /* sixteen values or fewer: insertion sort */
    for (size_t i = lo + 1; i < hi; i++)
        for (size_t j = i; j > lo && x[j] < x[j - 1]; j--)
            swap(&x[j], &x[j - 1]);
}

static double min_of(const double *x, size_t lo, size_t hi)
{
    double m = x[lo];
    for (size_t i = lo + 1; i < hi; i++)
        if (x[i] < m)
            m = x[i];
    return m;
}

/* The order statistics a sort would give at ranks a and a + 1 (a + 1 only if
** a + 1 < n) of x[0..n), given that x is partitioned at m (x[0..m) <= x[m]
** <= x(m..n)); a search in the side of m that holds a. */
static void pair_at(double *x, size_t n, size_t m, size_t a, double *va, double *vb)
{
    if (a == m) {
        *va = x[m];
        *vb = a + 1 < n ? min_of(x, m + 1, n) : NAN;
    } else if (a < m) {
        select_k(x, 0, m, a);
        *va = x[a];
        *vb = a + 1 < m ? min_of(x, a + 1, m) : x[m];
    } else {
        select_k(x, m + 1, n, a);
        *va = x[a];
        *vb = a + 1 < n ? min_of(x, a + 1, n) : NAN;
    }
}

/* GSL's gsl_stats_quantile_from_sorted_data at f, given the order statistics
** at its rank lhs = (int)(f (n - 1)) and lhs + 1. */
static double quantile_of(double f, size_t n, double lo, double hi)
{
    const double index = f * (n - 1);
    const size_t lhs = (int)index;
    const double delta = index - lhs;
    if (lhs == n - 1)
        return lo;
    return (1 - delta) * lo + delta * hi;
}

static size_t quantile_rank(double f, size_t n)
{
    const double index = f * (n - 1);
    return (size_t)(int)index;
}

/* Whether x[0..n) holds zeros of both signs. */
static int both_zeros(const double *x, size_t n)
{
    int neg = 0, pos = 0;
    for (size_t i = 0; i < n && !(neg && pos); i++)
        if (x[i] == 0) {
            neg |= signbit(x[i]) != 0;
            pos |= signbit(x[i]) == 0;
        }
    return neg && pos;
}

/* Median, 5% and 95% quantiles of x[0..n), n >= 1, the same bits as GSL's
** gsl_stats_median_from_sorted_data and gsl_stats_quantile_from_sorted_data
** on x sorted, found by selection (x is rearranged). Returns -1 (and does
** not answer) when one of the order statistics used is a zero and x holds
** zeros of both signs: a sort may put -0 and +0 in either order, and only a
** sort says which it does. (Zeros of one sign are alike, in any order.) */
static int quantiles_select(double *x, size_t n, double q[3])
{
    size_t m1 = (n - 1) / 2, m2 = n / 2;
    select_k(x, 0, n, m1);
    double a = x[m1], b = m2 != m1 ? min_of(x, m1 + 1, n) : a;
    double l05, h05, l95, h95;
    pair_at(x, n, m1, quantile_rank(0.05, n), &l05, &h05);
    pair_at(x, n, m1, quantile_rank(0.95, n), &l95, &h95);
    if ((a == 0 || b == 0 || l05 == 0 || h05 == 0 || l95 == 0 || h95 == 0) && both_zeros(x, n))
        return -1;
    q[0] = m1 == m2 ? a : (a + b) / 2.0;
    q[1] = quantile_of(0.05, n, l05, h05);
    q[2] = quantile_of(0.95, n, l95, h95);
    return 0;
}

static int is_sorted(const double *x, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (x[i] < x[i - 1])
            return 0;
    return 1;
}

/* Of n sorted values x[0], x[stride], ... (stride 0: n copies of x[0]). */
static void quantiles_sorted(const double *x, size_t stride, size_t n, double q[3])
{
    q[0] = gsl_stats_median_from_sorted_data(x, stride, n);
    q[1] = gsl_stats_quantile_from_sorted_data(x, stride, n, 0.05);
    q[2] = gsl_stats_quantile_from_sorted_data(x, stride, n, 0.95);
}

/* Whether x[0..n) all have the bits of x[0]. */
static int all_same_bits(const double *x, size_t n)
{
    uint64_t first, u;
    memcpy(&first, x, sizeof first);
    for (size_t i = 1; i < n; i++) {
        memcpy(&u, x + i, sizeof u);
        if (u != first)
            return 0;
    }
    return 1;
}

/* The defined values of outcome o over its first m replicates, in run
** order: those kept, or rows[r][o] when rows are given. */
static size_t gather(const ent_summ *s, size_t o, uint64_t m, const double *const *rows, double *w)
{
    /* every value is stored, and the next overwrites it if it was NaN: no
    ** branch (an outcome's NaNs come and go with the replicates) */
    size_t n = 0;
    if (rows) {
        for (uint64_t r = 0; r < m; r++) {
            double v = rows[r][o];
            w[n] = v;
            n += !isnan(v);
        }
        return n;
    }
    const double *v = s->vals + o * s->replicates;
    for (uint64_t r = 0; r < m; r++) {
        w[n] = v[r];
        n += !isnan(v[r]);
    }
    return n;
}

/* The value at 0-based rank j of the m pairs (value, weight) in p, sorted
** by value: the value whose run of ranks holds j. */
static double at_rank(const double *p, size_t m, uint64_t j)
{
    double cum = 0;
    for (size_t i = 0; i < m; i++) {
        cum += p[2 * i + 1];
        if ((double)j < cum)
            return p[2 * i];
    }
    return p[2 * (m - 1)];
}

static int cmp_pair(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median, 5% and 95% quantiles of outcome o (n values) from its sketch:
** the formulas of the exact mode (GSL's, on sorted data) on the ranks that
** the weights give; the same as exact while nothing was compacted. work
** holds 2 x size doubles. */
static void sk_quantiles(const ent_summ *s, size_t o, size_t n, double *work, double q[3])
{
    const double *buf = s->sk + o * s->size;
    const uint32_t *fill = s->fill + o * s->levels;
    size_t m = 0;
    for (size_t h = 0; h < s->levels; h++)
        for (uint32_t i = 0; i < fill[h]; i++) {
            work[2 * m] = buf[s->off[h] + i];
            work[2 * m + 1] = ldexp(1.0, (int)h);
            m++;
        }
    qsort(work, m, 2 * sizeof(double), cmp_pair);
    size_t m1 = (n - 1) / 2, m2 = n / 2;
    double a = at_rank(work, m, m1), b = m2 != m1 ? at_rank(work, m, m2) : a;
    q[0] = m1 == m2 ? a : (a + b) / 2.0;
    const double f[2] = { 0.05, 0.95 };
    for (int i = 0; i < 2; i++) {
        const double index = f[i] * (n - 1);
        const size_t l = (int)index;
        const double delta = index - l;
        double lo = at_rank(work, m, l);
        q[1 + i] = l == n - 1 ? lo : (1 - delta) * lo + delta * at_rank(work, m, l + 1);
    }
}

/* The half-width of the 95% t interval of the mean (the quantile is kept:
** every outcome of a point usually has the same n). */
static double half_width(summ_slot *t, double sd, size_t n)
{
    if (n < 2)
        return NAN;
    if (t->t_n != n) {
        t->t975 = gsl_cdf_tdist_Pinv(0.975, (double)(n - 1));
        t->t_n = n;
    }
    return t->t975 * sd / sqrt((double)n);
}

/* Where exact mode reads an outcome's values: what was fed, rows, or (when
** repeated is not NULL) one value repeated m times. */
typedef struct {
    size_t o;
    uint64_t m;
    const double *const *rows;
    const double *repeated;
} summ_source;

/* The defined values of the source into w; their count. */
static size_t gather_source(const ent_summ *s, const summ_source *src, double *w)
{
    if (!src->repeated)
        return gather(s, src->o, src->m, src->rows, w);
    double v = *src->repeated;
    size_t n = isnan(v) ? 0 : (size_t)src->m;
    for (size_t i = 0; i < n; i++)
        w[i] = v;
    return n;
}

static void stats(ent_summ *s, unsigned slot, size_t o, uint64_t fed, const double *const *rows,
                  const double *repeated, double st[8])
{
    summ_slot *t = &s->slot[slot < s->n_slots ? slot : 0];
    for (int i = 0; i < 8; i++)
        st[i] = NAN;
    size_t n = 0;
    if (s->exact) {
        const summ_source src = { o, fed < s->replicates ? fed : s->replicates, rows, repeated };
        /* one finite value repeated: its copies are read with stride 0,
        ** the same bits as from the copies */
        const int constant = repeated && isfinite(*repeated);
        if (constant) {
            t->work[0] = *repeated;
            n = (size_t)src.m;
        } else {
            n = gather_source(s, &src, t->work);
        }
        st[0] = (double)n;
        if (n == 0)
            return;
        double q[3];
        if (constant || (isfinite(t->work[0]) && (repeated || all_same_bits(t->work, n)))) {
            mean_sd_constant(t->work[0], n, &st[1], &st[2]);
            quantiles_sorted(t->work, constant ? 0 : 1, n, q);
        } else {
            mean_sd(t->work, n, &st[1], &st[2]);
            if (is_sorted(t->work, n)) {
                quantiles_sorted(t->work, 1, n, q);
            } else if (quantiles_select(t->work, n, q)) {
                /* zeros among the order statistics: as the sort does it */
                gather_source(s, &src, t->work);
                gsl_sort(t->work, 1, n);
                quantiles_sorted(t->work, 1, n, q);
            }
        }
        st[5] = q[0];
        st[6] = q[1];
        st[7] = q[2];
    } else {
        const sk_sums *u = &s->sums[o];
        n = (size_t)u->n;
        st[0] = (double)n;
        if (n == 0)
            return;
        st[1] = (double)(u->x0 + u->d / (long double)n);
        if (n >= 2) {
            long double ss = u->s2 - u->d * u->d / (long double)n;
            st[2] = ss > 0 ? sqrt((double)(ss / (long double)(n - 1))) : 0.0;
        }
        sk_quantiles(s, o, n, t->work, st + 5);
    }
    double h = half_width(t, st[2], n);
    st[3] = st[1] - h;
    st[4] = st[1] + h;
}

void ent_i_summ_stats_slot(ent_summ *s, unsigned slot, size_t o, uint64_t fed, double st[8])
{
    stats(s, slot, o, fed, NULL, NULL, st);
}

void ent_i_summ_stats_rows(ent_summ *s, unsigned slot, size_t o, const double *const *rows, uint64_t m,
                           double st[8])
{
    stats(s, slot, o, m, rows, NULL, st);
}

void ent_i_summ_stats_repeated(ent_summ *s, unsigned slot, double v, uint64_t m, double st[8])
{
    stats(s, slot, 0, m, NULL, &v, st);
}

/* The value at 0-based rank j of the sorted kinds: the one whose run of
** ranks holds j. */
static double kind_at_rank(const double *v, const uint64_t *cnt, size_t k, uint64_t j)
{
    uint64_t cum = 0;
    for (size_t i = 0; i < k; i++) {
        cum += cnt[i];
        if (j < cum)
            return v[i];
    }
    return v[k - 1];
}

/* An outcome of a point of kinds whose sums are still to be taken: its
** kinds' values, its first defined value and count, and each kind's term. */
typedef struct {
    double *st;
    double v[ENT_I_SUMM_KINDS_MAX];
    double first;
    uint64_t n;
    long double term[ENT_I_SUMM_KINDS_MAX];
} kinds_outcome;

/* Outcomes summed side by side: each sum is a chain of additions that must
** go in run order, one after the other; four chains at once keep the adder
** busy (each chain's terms in its own order: the same bits). */
#define KINDS_LANES 4

/* st of outcome o from the kinds, or 1 when its sums are still to be
** taken (then *ko holds what they need). */
static int kinds_begin(ent_summ *s, unsigned slot, size_t o, const ent_i_summ_kinds *kd,
                       const double *const *rows, uint64_t m, double *st, kinds_outcome *ko)
{
    double *v = ko->v;
    uint64_t n = 0;
    int pos0 = 0, neg0 = 0;
    for (size_t j = 0; j < kd->k; j++) {
        v[j] = kd->reps[j][o];
        if (isnan(v[j]))
            continue;
        n += kd->count[j];
        if (v[j] == 0) {
            neg0 |= signbit(v[j]) != 0;
            pos0 |= signbit(v[j]) == 0;
        }
    }
    if (pos0 && neg0) {
        /* zeros of both signs: as ent_i_summ_stats_rows orders them */
        stats(s, slot, o, m, rows, NULL, st);
        return 0;
    }
    for (int i = 0; i < 8; i++)
        st[i] = NAN;
    st[0] = (double)n;
    if (n == 0)
        return 0;
    /* the first defined value in run order, and whether all have its bits */
    uint64_t r0 = 0;
    while (isnan(v[kd->kind_of[r0]]))
        r0++;
    double first = v[kd->kind_of[r0]];
    int same = 1;
    for (size_t j = 0; j < kd->k; j++)
        same &= isnan(v[j]) || !memcmp(&v[j], &first, sizeof first);
    if (isfinite(first) && same) {
        mean_sd_constant(first, (size_t)n, &st[1], &st[2]);
        quantiles_sorted(&first, 0, (size_t)n, st + 5);
        double h = half_width(&s->slot[slot < s->n_slots ? slot : 0], st[2], (size_t)n);
        st[3] = st[1] - h;
        st[4] = st[1] + h;
        return 0;
    }
    /* mean_sd's first sum, term by term in run order: a kind's term is the
    ** same long double at each of its runs; an undefined value's term is
    ** +0, which leaves a sum from +0 as it is (never -0) */
    ko->st = st;
    ko->first = first;
    ko->n = n;
    long double x0 = first;
    for (size_t j = 0; j < kd->k; j++)
        ko->term[j] = isnan(v[j]) ? 0.0L : v[j] - x0;
    return 1;
}

/* sum[a] = the terms t[a][kind_of[r]] for r = 0, 1, ..., m - 1, added in
** that order, each lane's chain beside the others. */
static inline void lane_sums(const long double *const t[KINDS_LANES], const uint8_t *kind_of, uint64_t m,
                             long double sum[KINDS_LANES])
{
    long double s0 = 0.0L, s1 = 0.0L, s2 = 0.0L, s3 = 0.0L;
    for (uint64_t r = 0; r < m; r++) {
        uint8_t j = kind_of[r];
        s0 += t[0][j];
        s1 += t[1][j];
        s2 += t[2][j];
        s3 += t[3][j];
    }
    sum[0] = s0;
    sum[1] = s1;
    sum[2] = s2;
    sum[3] = s3;
}

/* The sums of `lanes` outcomes (at most KINDS_LANES; the rest of the
** lanes sum zeros), then the rest of their statistics. */
static void kinds_finish(ent_summ *s, unsigned slot, const ent_i_summ_kinds *kd, uint64_t m,
                         kinds_outcome *ko, int lanes)
{
    static const long double zeros[ENT_I_SUMM_KINDS_MAX];
    const long double *t[KINDS_LANES];
    for (int a = 0; a < KINDS_LANES; a++)
        t[a] = a < lanes ? ko[a].term : zeros;
    long double d[KINDS_LANES], ss[KINDS_LANES];
    lane_sums(t, kd->kind_of, m, d);
    for (int a = 0; a < lanes; a++) {
        kinds_outcome *k = &ko[a];
        long double x0 = k->first;
        double mean = (double)(x0 + d[a] / (long double)k->n);
        k->st[1] = mean;
        /* the second sum's terms, the squares about the mean (n < 2: none) */
        for (size_t j = 0; j < kd->k; j++) {
            long double e = k->v[j] - (long double)mean;
            k->term[j] = isnan(k->v[j]) || k->n < 2 ? 0.0L : e * e;
        }
    }
    lane_sums(t, kd->kind_of, m, ss);
    for (int a = 0; a < lanes; a++) {
        kinds_outcome *k = &ko[a];
        double *st = k->st;
        uint64_t n = k->n;
        if (n >= 2)
            st[2] = sqrt((double)(ss[a] / (long double)(n - 1)));
        /* the order statistics from the kinds sorted by value (equal values
        ** have equal bits: no zeros of both signs) */
        double sv[ENT_I_SUMM_KINDS_MAX] = { 0 };
        uint64_t sc[ENT_I_SUMM_KINDS_MAX] = { 0 };
        size_t nk = 0;
        for (size_t j = 0; j < kd->k; j++) {
            if (isnan(k->v[j]))
                continue;
            size_t i = nk++;
            for (; i > 0 && k->v[j] < sv[i - 1]; i--) {
                sv[i] = sv[i - 1];
                sc[i] = sc[i - 1];
            }
            sv[i] = k->v[j];
            sc[i] = kd->count[j];
        }
        uint64_t m1 = (n - 1) / 2, m2 = n / 2;
        double lo = kind_at_rank(sv, sc, nk, m1), hi = m2 != m1 ? kind_at_rank(sv, sc, nk, m2) : lo;
        st[5] = m1 == m2 ? lo : (lo + hi) / 2.0;
        const double f[2] = { 0.05, 0.95 };
        for (int i = 0; i < 2; i++) {
            size_t l = quantile_rank(f[i], (size_t)n);
            double ql = kind_at_rank(sv, sc, nk, l), qh = l + 1 < n ? kind_at_rank(sv, sc, nk, l + 1) : NAN;
            st[6 + i] = quantile_of(f[i], (size_t)n, ql, qh);
        }
        double h = half_width(&s->slot[slot < s->n_slots ? slot : 0], st[2], (size_t)n);
        st[3] = st[1] - h;
        st[4] = st[1] + h;
    }
}

int ent_i_summ_find_kinds(const double *const *rows, const uint64_t *ids, uint64_t m, size_t n_out,
                          ent_i_summ_kinds *kd, uint8_t *kind_of)
{
    int by_id = ids != NULL;
    for (uint64_t r = 0; r < m; r++) {
        if (!rows[r])
            return 0;
        if (by_id && ids[r] == 0)
            by_id = 0;
    }
    uint64_t key[ENT_I_SUMM_KINDS_MAX];
    size_t bytes = n_out * sizeof(double);
    kd->k = 0;
    for (uint64_t r = 0; r < m; r++) {
        const double *v = rows[r];
        size_t j = 0;
        if (by_id)
            while (j < kd->k && key[j] != ids[r])
                j++;
        else
            while (j < kd->k && kd->reps[j] != v && memcmp(kd->reps[j], v, bytes))
                j++;
        if (j == kd->k) {
            if (kd->k == ENT_I_SUMM_KINDS_MAX)
                return 0;
            key[j] = by_id ? ids[r] : 0;
            kd->reps[j] = v;
            kd->count[j] = 0;
            kd->k++;
        }
        kd->count[j]++;
        kind_of[r] = (uint8_t)j;
    }
    kd->kind_of = kind_of;
    return 1;
}

void ent_i_summ_stats_kinds(ent_summ *s, unsigned slot, const ent_i_summ_kinds *kd, const double *const *rows,
                            uint64_t m, size_t lo, size_t hi, double *st_all)
{
    kinds_outcome ko[KINDS_LANES];
    int lanes = 0;
    for (size_t o = lo; o < hi; o++) {
        if (!kinds_begin(s, slot, o, kd, rows, m, st_all + o * 8, &ko[lanes]))
            continue;
        if (++lanes == KINDS_LANES) {
            kinds_finish(s, slot, kd, m, ko, lanes);
            lanes = 0;
        }
    }
    if (lanes)
        kinds_finish(s, slot, kd, m, ko, lanes);
}

int ent_i_summ_single_is_value(double v)
{
    return isfinite(v) && !(v == 0 && signbit(v));
}

void ent_i_summ_stats(ent_summ *s, size_t o, double st[8])
{
    ent_i_summ_stats_slot(s, 0, o, s->fed, st);
}
