/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** calibrate_core.c: the calibration methods on a batch evaluator, with no
** scenario in sight: rejection ABC on a Sobol or Latin hypercube design,
** ABC-SMC (population Monte Carlo, Beaumont, Cornuet, Marin & Robert 2009)
** and the simulated method of moments (Nelder-Mead on an unbounded
** transform, common random numbers, standard errors from the Jacobian).
** Every random number comes from a stream named by (seed, index), and every
** sum is taken in index order, so the result does not depend on how the
** evaluator spreads its runs over threads. The work grows in DIR.partial
** (with calibrate.state after every chunk or generation, from which
** --resume continues) and replaces DIR as a whole when complete.
*/
#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_randist.h>
#include "entente/calibrate.h"
#include "entente/numfmt.h"
#include "entente/rng.h"
#include "io/resdir.h"
#include "sweep/sweep_int.h"

/* the library's version (declared in entente.h, a layer above this one) */
const char *ent_version(void);

const char *const ent_cal_method_names[ENT_CAL_METHOD_COUNT] = { "abc", "smc", "msm" };

/* the random streams of the calibration's own draws (replicate word) */
#define STREAM_CAL UINT64_C(0xFFFFFFFFFFFFFFF0)
#define STREAM_OBS UINT64_C(0xFFFFFFFFFFFFFFEF)
#define STATE_FILE "calibrate.state"
#define GEN_SHIFT 32

typedef struct {
    const ent_cal_problem *pb;
    const ent_cal_options *o;
    size_t k, m;
    uint64_t R;
    double *lo, *hi;            /* effective support: prior support within the range */
    /* the population (abc: every evaluation so far) */
    size_t n, cap_n;
    double *theta, *sim, *dist, *w;
    uint64_t runs, evals;
    unsigned gen;
    double eps;                 /* smc: tolerance of the current population */
    int gen_done;               /* smc: generation `gen` is complete (state) */
    char settings[65];
    char work[4200];
    ent_dirlock lock;
    ent_staged st;
    double t0;
    uint64_t runs_at_start;
    char *err;
    size_t cap;
    gsl_rng *rng;               /* the observation errors */
    char eval_why[256];         /* why an evaluation failed, if not for memory */
    size_t rows_on_disk;        /* abc: rows in calibrate.rows, */
    uint64_t rows_bytes;        /* and their length */
} cal;

static int fail(cal *c, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(cal *c, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err, c->cap, fmt, ap);
    va_end(ap);
    return code;
}

/* ---- priors -------------------------------------------------------------------- */

double ent_cal_prior_pdf(const ent_dist *d, double x)
{
    if (!isfinite(x))
        return 0.0;
    switch (d->kind) {
    case ENT_DIST_UNIFORM:
        return x >= d->a && x <= d->b ? 1.0 / (d->b - d->a) : 0.0;
    case ENT_DIST_NORMAL:
        return gsl_ran_gaussian_pdf(x - d->a, d->b);
    case ENT_DIST_TRUNCNORMAL: {
        if (x < d->c || x > d->d)
            return 0.0;
        double z = gsl_cdf_gaussian_P(d->d - d->a, d->b) - gsl_cdf_gaussian_P(d->c - d->a, d->b);
        return z > 0 ? gsl_ran_gaussian_pdf(x - d->a, d->b) / z : 0.0;
    }
    case ENT_DIST_LOGNORMAL:
        return x > 0 ? gsl_ran_lognormal_pdf(x, d->a, d->b) : 0.0;
    case ENT_DIST_BETA: {
        double w = d->d - d->c;
        if (!(w > 0) || x < d->c || x > d->d)
            return 0.0;
        return gsl_ran_beta_pdf((x - d->c) / w, d->a, d->b) / w;
    }
    case ENT_DIST_TRIANGULAR: {
        double a = d->a, m = d->b, b = d->c;
        if (x < a || x > b || !(b > a))
            return 0.0;
        if (x < m)
            return 2.0 * (x - a) / ((b - a) * (m - a));
        if (x > m)
            return 2.0 * (b - x) / ((b - a) * (b - m));
        return 2.0 / (b - a);
    }
    default:
        return 0.0;
    }
}

/* Mean and sd of a prior by the midpoint rule on its quantile function. */
static void prior_moments(const ent_dist *d, double *mean, double *sd)
{
    enum { N = 4000 };
    double s = 0, s2 = 0;
    for (int i = 0; i < N; i++) {
        double v = ent_dist_quantile(d, (i + 0.5) / N);
        s += v;
        s2 += v * v;
    }
    *mean = s / N;
    double var = s2 / N - *mean * *mean;
    *sd = var > 0 ? sqrt(var) : 0.0;
}

/* ---- statistics ----------------------------------------------------------------- */

static double distance(const cal *c, const double *sim)
{
    double s = 0;
    for (size_t j = 0; j < c->m; j++) {
        double z = (sim[j] - c->pb->observed[j]) / c->pb->se[j];
        s += z * z;
    }
    return isfinite(s) ? sqrt(s) : INFINITY;
}

/* The distance of evaluation `stream`: with the observation error added to
** the simulated values when the problem asks for it. */
static double distance_of(cal *c, const double *sim, uint64_t stream)
{
    if (!c->pb->observation_error)
        return distance(c, sim);
    double s = 0;
    ent_rng_stream(c->rng, c->o->seed, stream, STREAM_OBS);
    for (size_t j = 0; j < c->m; j++) {
        double z = (sim[j] + c->pb->se[j] * gsl_ran_ugaussian(c->rng) - c->pb->observed[j]) / c->pb->se[j];
        s += z * z;
    }
    return isfinite(s) ? sqrt(s) : INFINITY;
}

typedef struct {
    double v, w;
    size_t i;
} vw;

static int vw_cmp(const void *a, const void *b)
{
    const vw *x = a, *y = b;
    if (x->v < y->v) return -1;
    if (x->v > y->v) return 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

/* Weighted mean, sd, median, 5% and 95% quantiles of v (stride apart) with
** weights w (summing to 1). st: mean, sd, median, q05, q95. */
static void wstats(const double *v, size_t stride, const double *w, size_t n, double st[5])
{
    for (int i = 0; i < 5; i++)
        st[i] = NAN;
    vw *a = malloc((n + 1) * sizeof *a);
    if (!a || n == 0) {
        free(a);
        return;
    }
    double mean = 0, wsum = 0;
    size_t nn = 0;
    for (size_t i = 0; i < n; i++) {
        double x = v[i * stride];
        if (!isfinite(x) || !(w[i] > 0))
            continue;
        a[nn++] = (vw){ x, w[i], i };
        mean += w[i] * x;
        wsum += w[i];
    }
    if (nn == 0 || !(wsum > 0)) {
        free(a);
        return;
    }
    mean /= wsum;
    double var = 0;
    for (size_t i = 0; i < nn; i++)
        var += a[i].w * (a[i].v - mean) * (a[i].v - mean);
    var /= wsum;
    qsort(a, nn, sizeof *a, vw_cmp);
    /* the quantile: interpolated between the midpoints of the sorted weights
    ** (for equal weights, the usual (i + 0.5)/n plotting positions) */
    const double qs[3] = { 0.5, 0.05, 0.95 };
    for (int q = 0; q < 3; q++) {
        double cum = 0, prev_mid = 0, prev_v = a[0].v, out = a[nn - 1].v;
        int set = 0;
        for (size_t i = 0; i < nn; i++) {
            double mid = (cum + 0.5 * a[i].w) / wsum;
            cum += a[i].w;
            if (mid >= qs[q]) {
                if (i == 0)
                    out = a[0].v;
                else {
                    double t = (qs[q] - prev_mid) / (mid - prev_mid);
                    out = prev_v + t * (a[i].v - prev_v);
                }
                set = 1;
                break;
            }
            prev_mid = mid;
            prev_v = a[i].v;
        }
        (void)set;
        st[2 + q] = out;
    }
    st[0] = mean;
    st[1] = sqrt(var);
    free(a);
}

/* ---- the population -------------------------------------------------------------- */

static int pop_reserve(cal *c, size_t n)
{
    if (n <= c->cap_n)
        return 0;
    size_t nc = c->cap_n ? c->cap_n : 64;
    while (nc < n)
        nc *= 2;
    double *t = realloc(c->theta, nc * (c->k + 1) * sizeof *t);
    if (t) c->theta = t;
    double *s = realloc(c->sim, nc * (c->m + 1) * sizeof *s);
    if (s) c->sim = s;
    double *d = realloc(c->dist, nc * sizeof *d);
    if (d) c->dist = d;
    double *w = realloc(c->w, nc * sizeof *w);
    if (w) c->w = w;
    if (!t || !s || !d || !w)
        return -1;
    c->cap_n = nc;
    return 0;
}

/* Keep a value inside the parameter's support. */
static double keep_in(const cal *c, size_t j, double v)
{
    return v < c->lo[j] ? c->lo[j] : v > c->hi[j] ? c->hi[j] : v;
}

static int evaluate(cal *c, size_t n, const double *theta, const uint64_t *stream, double *out)
{
    if (n == 0)
        return 0;
    if (c->pb->eval(c->pb->eval_ctx, n, theta, stream, out)) {
        const char *why = c->pb->eval_why ? c->pb->eval_why(c->pb->eval_ctx) : NULL;
        if (why && *why)
            snprintf(c->eval_why, sizeof c->eval_why, "%s", why);
        return -1;
    }
    c->runs += n * c->R;
    c->evals += n;
    return 0;
}

static void progress(cal *c, uint64_t total)
{
    if (!c->o->progress)
        return;
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    double now = (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
    ent_sweep_progress p = { total, c->runs, c->runs_at_start, now - c->t0 };
    c->o->progress(c->o->progress_ctx, &p);
}

static int stop_now(const cal *c)
{
    return (c->o->stop && *c->o->stop) || (c->o->stop_after && c->runs >= c->o->stop_after);
}

/* ---- state: what --resume continues from ------------------------------------------ */

/* abc appends its rows to calibrate.rows (the state names how many are
** good); smc writes its population, which is small, into the state itself */
#define ROWS_FILE "calibrate.rows"
/* msm journals every evaluation (parameters, simulated targets) in
** calibrate.evals; resumed, Nelder-Mead starts again from the same point and
** takes its evaluations from the journal while they are the ones it asks
** for, bit for bit, so the result is that of the run never stopped */
#define EVALS_FILE "calibrate.evals"

static void put_row(FILE *f, const cal *c, size_t i)
{
    for (size_t j = 0; j < c->k; j++)
        fprintf(f, "%a ", c->theta[i * c->k + j]);
    for (size_t j = 0; j < c->m; j++)
        fprintf(f, "%a ", c->sim[i * c->m + j]);
    fprintf(f, "%a %a\n", c->dist[i], c->w[i]);
}

static int get_rows(FILE *f, cal *c, size_t rows)
{
    int ok = 1;
    for (size_t i = 0; ok && i < rows; i++) {
        for (size_t j = 0; ok && j < c->k; j++)
            ok = fscanf(f, "%la", &c->theta[i * c->k + j]) == 1;
        for (size_t j = 0; ok && j < c->m; j++)
            ok = fscanf(f, "%la", &c->sim[i * c->m + j]) == 1;
        ok = ok && fscanf(f, "%la %la", &c->dist[i], &c->w[i]) == 2;
    }
    return ok;
}

static int state_write(cal *c)
{
    if (!c->o->out_dir)
        return 0;
    char path[4400], tmp[4420];
    int abc = c->o->method == ENT_CAL_ABC;
    if (abc) {
        snprintf(path, sizeof path, "%s/%s", c->work, ROWS_FILE);
        FILE *f = fopen(path, c->rows_on_disk ? "r+" : "w");
        if (!f || fseeko(f, (off_t)c->rows_bytes, SEEK_SET)) {
            if (f)
                fclose(f);
            return -1;
        }
        for (size_t i = c->rows_on_disk; i < c->n; i++)
            put_row(f, c, i);
        long end = ftell(f);
        int bad = fflush(f) || fsync(fileno(f)) || end < 0;
        bad |= fclose(f) != 0;
        if (bad)
            return -1;
        c->rows_on_disk = c->n;
        c->rows_bytes = (uint64_t)end;
    }
    snprintf(path, sizeof path, "%s/%s", c->work, STATE_FILE);
    snprintf(tmp, sizeof tmp, "%s/.%s.tmp", c->work, STATE_FILE);
    FILE *f = fopen(tmp, "w");
    if (!f)
        return -1;
    fprintf(f, "entente-calibrate-state 1\nsettings %s\nruns %llu\nevals %llu\ngen %u\ndone %d\neps %a\nrows %zu\nbytes %llu\n",
            c->settings, (unsigned long long)c->runs, (unsigned long long)c->evals, c->gen, c->gen_done,
            c->eps, c->n, (unsigned long long)c->rows_bytes);
    for (size_t i = 0; !abc && i < c->n; i++)
        put_row(f, c, i);
    return ent_i_file_commit(f, tmp, path) ? -1 : 0;
}

/* 0 read; -1 none; -2 unreadable or other settings (message in err). */
static int state_read(cal *c)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", c->work, STATE_FILE);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char set[80] = "";
    unsigned long long runs, evals;
    unsigned gen;
    int done;
    double eps;
    size_t rows;
    unsigned long long bytes;
    int ok = fscanf(f, "entente-calibrate-state 1 settings %70s runs %llu evals %llu gen %u done %d eps %la rows %zu "
                    "bytes %llu", set, &runs, &evals, &gen, &done, &eps, &rows, &bytes) == 8;
    if (ok && strcmp(set, c->settings)) {
        fclose(f);
        fail(c, ENT_ERESUME, "the calibration in '%s' was started with other settings (scenario, "
             "section, method, budget, seed or replicates); run without --resume to start over", c->work);
        return -2;
    }
    if (ok && (rows > (size_t)1 << 28 || pop_reserve(c, rows + 1)))
        ok = 0;
    if (ok && c->o->method == ENT_CAL_ABC) {
        fclose(f);
        snprintf(path, sizeof path, "%s/%s", c->work, ROWS_FILE);
        f = fopen(path, "r");
        ok = f != NULL;
    }
    ok = ok && get_rows(f, c, rows);
    if (f)
        fclose(f);
    if (!ok) {
        fail(c, ENT_ERESUME, "cannot read '%s'; run without --resume to start over", path);
        return -2;
    }
    c->n = rows;
    c->runs = runs;
    c->evals = evals;
    c->gen = gen;
    c->gen_done = done;
    c->eps = eps;
    c->rows_on_disk = rows;
    c->rows_bytes = bytes;
    return 0;
}

/* ---- abc ------------------------------------------------------------------------- */

static int run_abc(cal *c, uint64_t chunk)
{
    const ent_cal_options *o = c->o;
    uint64_t N = o->budget / c->R;
    if (N < 2)
        return fail(c, ENT_EINVAL, "a budget of %llu runs with %llu replicates leaves fewer than 2 "
                    "evaluations", (unsigned long long)o->budget, (unsigned long long)c->R);
    ent_design *g = ent_design_alloc(o->design, c->k, c->pb->priors, N, o->seed);
    double *x = malloc((chunk * c->k + 1) * sizeof *x);
    uint64_t *stream = malloc((chunk + 1) * sizeof *stream);
    if (!g || !x || !stream || pop_reserve(c, (size_t)N)) {
        ent_design_free(g);
        free(x);
        free(stream);
        return ENT_ENOMEM;
    }
    int rc = ENT_OK;
    while (c->n < N) {
        if (stop_now(c)) {
            rc = ENT_EINTR;
            break;
        }
        size_t b = (size_t)(N - c->n < chunk ? N - c->n : chunk);
        for (size_t i = 0; i < b; i++) {
            ent_design_point(g, c->n + i, x + i * c->k);
            for (size_t j = 0; j < c->k; j++)
                x[i * c->k + j] = keep_in(c, j, x[i * c->k + j]);
            stream[i] = c->n + i;
        }
        if (evaluate(c, b, x, stream, c->sim + c->n * c->m)) {
            rc = ENT_ENOMEM;
            break;
        }
        for (size_t i = 0; i < b; i++) {
            memcpy(c->theta + (c->n + i) * c->k, x + i * c->k, c->k * sizeof *x);
            c->dist[c->n + i] = distance_of(c, c->sim + (c->n + i) * c->m, stream[i]);
            c->w[c->n + i] = 0;
        }
        c->n += b;
        if (state_write(c)) {
            rc = fail(c, ENT_EIO, "cannot write in '%s': %s", c->work, strerror(errno));
            break;
        }
        progress(c, N * c->R);
    }
    ent_design_free(g);
    free(x);
    free(stream);
    if (rc != ENT_OK)
        return rc;
    /* accept: within the tolerance, or the closest fraction */
    vw *a = malloc(c->n * sizeof *a);
    if (!a)
        return ENT_ENOMEM;
    for (size_t i = 0; i < c->n; i++)
        a[i] = (vw){ c->dist[i], 0, i };
    qsort(a, c->n, sizeof *a, vw_cmp);
    size_t keep;
    if (o->tolerance > 0) {
        keep = 0;
        while (keep < c->n && a[keep].v <= o->tolerance)
            keep++;
        c->eps = o->tolerance;
    } else {
        keep = (size_t)ceil(o->accept * (double)c->n - 1e-9);
        if (keep < 1) keep = 1;
        if (keep > c->n) keep = c->n;
        c->eps = a[keep - 1].v;
    }
    for (size_t i = 0; i < c->n; i++)
        c->w[i] = 0;
    for (size_t i = 0; i < keep; i++)
        if (isfinite(a[i].v))
            c->w[a[i].i] = 1.0;
    free(a);
    return ENT_OK;
}

/* ---- smc ------------------------------------------------------------------------- */

/* Lower Cholesky factor L (k x k, row-major) of 2 x the weighted covariance
** of the population, with a small ridge if it is singular. */
static void smc_kernel(const cal *c, double *L)
{
    size_t k = c->k;
    double *mu = calloc(k, sizeof *mu);
    gsl_matrix *S = gsl_matrix_calloc(k, k);
    if (!mu || !S) {
        free(mu);
        gsl_matrix_free(S);
        for (size_t i = 0; i < k * k; i++)
            L[i] = i % (k + 1) == 0 ? 1e-3 : 0;
        return;
    }
    for (size_t i = 0; i < c->n; i++)
        for (size_t j = 0; j < k; j++)
            mu[j] += c->w[i] * c->theta[i * k + j];
    for (size_t i = 0; i < c->n; i++)
        for (size_t a = 0; a < k; a++)
            for (size_t b = 0; b < k; b++)
                *gsl_matrix_ptr(S, a, b) += 2.0 * c->w[i] * (c->theta[i * k + a] - mu[a]) *
                                            (c->theta[i * k + b] - mu[b]);
    for (int attempt = 0; attempt < 8; attempt++) {
        gsl_matrix *C = gsl_matrix_alloc(k, k);
        if (!C)
            break;
        gsl_matrix_memcpy(C, S);
        double ridge = attempt ? pow(10.0, attempt - 12) : 0.0;
        for (size_t j = 0; j < k; j++) {
            double scale = c->hi[j] > c->lo[j] && isfinite(c->hi[j] - c->lo[j]) ? c->hi[j] - c->lo[j] : 1.0;
            *gsl_matrix_ptr(C, j, j) += ridge * scale * scale;
        }
        gsl_error_handler_t *old = gsl_set_error_handler_off();
        int bad = gsl_linalg_cholesky_decomp1(C);
        gsl_set_error_handler(old);
        if (!bad) {
            for (size_t a = 0; a < k; a++)
                for (size_t b = 0; b < k; b++)
                    L[a * k + b] = b <= a ? gsl_matrix_get(C, a, b) : 0.0;
            gsl_matrix_free(C);
            free(mu);
            gsl_matrix_free(S);
            return;
        }
        gsl_matrix_free(C);
    }
    for (size_t a = 0; a < k; a++)
        for (size_t b = 0; b < k; b++)
            L[a * k + b] = a == b ? 1e-6 * (isfinite(c->hi[a] - c->lo[a]) ? c->hi[a] - c->lo[a] : 1.0) : 0.0;
    free(mu);
    gsl_matrix_free(S);
}

static double log_prior(const cal *c, const double *x)
{
    double s = 0;
    for (size_t j = 0; j < c->k; j++) {
        if (x[j] < c->lo[j] || x[j] > c->hi[j])
            return -INFINITY;
        s += log(ent_cal_prior_pdf(&c->pb->priors[j], x[j]));
    }
    return s;
}

/* Propose one particle on its own stream: a particle of the population by
** weight, moved by the Gaussian kernel, again until the prior allows it. */
static void smc_propose(const cal *c, gsl_rng *r, const double *L, const double *cumw, double *x)
{
    size_t k = c->k;
    for (int tries = 0; tries < 1000; tries++) {
        double u = gsl_rng_uniform(r);
        size_t lo = 0, hi = c->n - 1;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (cumw[mid] > u) hi = mid;
            else lo = mid + 1;
        }
        const double *p = c->theta + lo * k;
        double z[64];
        for (size_t j = 0; j < k; j++)
            z[j] = gsl_ran_ugaussian(r);
        for (size_t a = 0; a < k; a++) {
            double s = p[a];
            for (size_t b = 0; b <= a; b++)
                s += L[a * k + b] * z[b];
            x[a] = s;
        }
        if (isfinite(log_prior(c, x)))
            return;
        if (tries == 999)
            memcpy(x, p, k * sizeof *x);
    }
}

static int run_smc(cal *c, uint64_t chunk)
{
    const ent_cal_options *o = c->o;
    size_t N = (size_t)o->particles, k = c->k;
    double q = o->quantile > 0 ? o->quantile : 0.5;
    if (N < 4)
        return fail(c, ENT_EINVAL, "smc needs at least 4 particles, got %zu", N);
    if ((uint64_t)N * c->R > o->budget)
        return fail(c, ENT_EINVAL, "a budget of %llu runs cannot pay for the first generation of %zu "
                    "particles x %llu replicates", (unsigned long long)o->budget, N, (unsigned long long)c->R);
    if (k > 64)
        return fail(c, ENT_EINVAL, "smc takes at most 64 parameters");
    double *x = malloc((chunk * k + 1) * sizeof *x), *sim = malloc((chunk * c->m + 1) * sizeof *sim);
    uint64_t *stream = malloc((chunk + 1) * sizeof *stream);
    double *nt = malloc((N * k + 1) * sizeof *nt), *ns = malloc((N * c->m + 1) * sizeof *ns);
    double *nd = malloc((N + 1) * sizeof *nd), *L = malloc((k * k + 1) * sizeof *L);
    double *cumw = malloc((N + 1) * sizeof *cumw), *lw = malloc((N + 1) * sizeof *lw);
    gsl_rng *r = ent_rng_alloc();
    int rc = ENT_OK;
    if (!x || !sim || !stream || !nt || !ns || !nd || !L || !cumw || !lw || !r || pop_reserve(c, N)) {
        rc = ENT_ENOMEM;
        goto out;
    }
    /* generation 0: the prior (resumed in chunks like abc until complete) */
    if (c->gen == 0 && !c->gen_done) {
        while (c->n < N) {
            if (stop_now(c)) {
                rc = ENT_EINTR;
                goto out;
            }
            size_t b = N - c->n < chunk ? N - c->n : (size_t)chunk;
            for (size_t i = 0; i < b; i++) {
                ent_rng_stream(r, o->seed, c->n + i, STREAM_CAL);
                for (size_t j = 0; j < k; j++)
                    x[i * k + j] = keep_in(c, j, ent_dist_sample(&c->pb->priors[j], r));
                stream[i] = c->n + i;
            }
            if (evaluate(c, b, x, stream, c->sim + c->n * c->m)) {
                rc = ENT_ENOMEM;
                goto out;
            }
            for (size_t i = 0; i < b; i++) {
                memcpy(c->theta + (c->n + i) * k, x + i * k, k * sizeof *x);
                c->dist[c->n + i] = distance_of(c, c->sim + (c->n + i) * c->m, stream[i]);
                c->w[c->n + i] = 1.0 / (double)N;
            }
            c->n += b;
            if (c->n == N) {
                c->gen_done = 1;
                c->eps = INFINITY;
            }
            if (state_write(c)) {
                rc = fail(c, ENT_EIO, "cannot write in '%s': %s", c->work, strerror(errno));
                goto out;
            }
            progress(c, o->budget);
        }
    }
    for (;;) {
        /* the next tolerance: a quantile of the population's distances */
        double *ds = malloc(N * sizeof *ds);
        if (!ds) {
            rc = ENT_ENOMEM;
            goto out;
        }
        memcpy(ds, c->dist, N * sizeof *ds);
        vw *a = malloc(N * sizeof *a);
        if (!a) {
            free(ds);
            rc = ENT_ENOMEM;
            goto out;
        }
        for (size_t i = 0; i < N; i++)
            a[i] = (vw){ ds[i], 0, i };
        qsort(a, N, sizeof *a, vw_cmp);
        double pos = q * (double)(N - 1);
        size_t lo = (size_t)floor(pos);
        double eps = lo + 1 < N ? a[lo].v + (pos - (double)lo) * (a[lo + 1].v - a[lo].v) : a[lo].v;
        if (!isfinite(eps))
            eps = a[lo].v;
        free(ds);
        free(a);
        if (!isfinite(eps) || (c->eps < INFINITY && !(eps < c->eps)) || eps <= 0)
            break;          /* no progress possible: the population is final */
        if (c->runs + c->R > o->budget)
            break;
        smc_kernel(c, L);
        double cs = 0;
        for (size_t i = 0; i < N; i++)
            cumw[i] = (cs += c->w[i]);
        for (size_t i = 0; i < N; i++)
            cumw[i] /= cs;
        cumw[N - 1] = 1.0;
        unsigned gen = c->gen + 1;
        size_t acc = 0;
        uint64_t j = 0;
        int complete = 0;
        while (!complete) {
            if (stop_now(c)) {
                rc = ENT_EINTR;
                goto out;
            }
            uint64_t left = (o->budget - c->runs) / c->R;
            size_t b = (size_t)(left < chunk ? left : chunk);
            if (b == 0)
                break;
            for (size_t i = 0; i < b; i++) {
                ent_rng_stream(r, o->seed, ((uint64_t)gen << GEN_SHIFT) + j + i, STREAM_CAL);
                smc_propose(c, r, L, cumw, x + i * k);
                stream[i] = ((uint64_t)gen << GEN_SHIFT) + j + i;
            }
            if (evaluate(c, b, x, stream, sim)) {
                rc = ENT_ENOMEM;
                goto out;
            }
            for (size_t i = 0; i < b && acc < N; i++) {
                double d = distance_of(c, sim + i * c->m, stream[i]);
                if (d <= eps) {
                    memcpy(nt + acc * k, x + i * k, k * sizeof *x);
                    memcpy(ns + acc * c->m, sim + i * c->m, c->m * sizeof *sim);
                    nd[acc++] = d;
                }
            }
            j += b;
            complete = acc == N;
            progress(c, o->budget);
        }
        if (!complete)
            break;          /* the budget ran out: the last whole generation stands */
        /* importance weights: prior / the mixture the particles came from */
        double mx = -INFINITY;
        for (size_t i = 0; i < N; i++) {
            double lp = log_prior(c, nt + i * k), m2 = -INFINITY;
            /* log sum_j w_j exp(-|L^-1 (x_i - x_j)|^2 / 2) */
            double *qv = malloc(N * sizeof *qv);
            if (!qv) {
                rc = ENT_ENOMEM;
                goto out;
            }
            for (size_t jj = 0; jj < N; jj++) {
                double y[64], s2 = 0;
                for (size_t aa = 0; aa < k; aa++) {
                    double s = nt[i * k + aa] - c->theta[jj * k + aa];
                    for (size_t bb = 0; bb < aa; bb++)
                        s -= L[aa * k + bb] * y[bb];
                    y[aa] = s / L[aa * k + aa];
                    s2 += y[aa] * y[aa];
                }
                qv[jj] = c->w[jj] > 0 ? log(c->w[jj]) - 0.5 * s2 : -INFINITY;
                if (qv[jj] > m2) m2 = qv[jj];
            }
            double s = 0;
            for (size_t jj = 0; jj < N; jj++)
                s += exp(qv[jj] - m2);
            free(qv);
            lw[i] = lp - (m2 + log(s));
            if (lw[i] > mx) mx = lw[i];
        }
        double ws = 0;
        for (size_t i = 0; i < N; i++)
            ws += (lw[i] = isfinite(lw[i]) ? exp(lw[i] - mx) : 0.0);
        memcpy(c->theta, nt, N * k * sizeof *nt);
        memcpy(c->sim, ns, N * c->m * sizeof *ns);
        memcpy(c->dist, nd, N * sizeof *nd);
        for (size_t i = 0; i < N; i++)
            c->w[i] = ws > 0 ? lw[i] / ws : 1.0 / (double)N;
        c->gen = gen;
        c->eps = eps;
        if (state_write(c)) {
            rc = fail(c, ENT_EIO, "cannot write in '%s': %s", c->work, strerror(errno));
            goto out;
        }
    }
out:
    free(x);
    free(sim);
    free(stream);
    free(nt);
    free(ns);
    free(nd);
    free(L);
    free(cumw);
    free(lw);
    gsl_rng_free(r);
    return rc;
}

/* ---- msm ------------------------------------------------------------------------- */

typedef struct {
    cal *c;
    double *theta, *sim;
    uint64_t max_evals;
    int failed;                 /* 1: an evaluation failed; 2: the journal differs */
    FILE *journal;              /* appended to (NULL without an output folder) */
    double *replay;             /* journalled rows (k + m each) to take first */
    size_t n_replay, replay_at;
    double last_save;           /* when the state was last written */
} msm_ctx;

/* Write the journal to disk and the state that names how much of it is good
** (its evaluations and bytes). 0, or -1. */
static int msm_checkpoint(msm_ctx *mc)
{
    cal *c = mc->c;
    if (!mc->journal)
        return 0;
    long end = ftell(mc->journal);
    if (fflush(mc->journal) || fsync(fileno(mc->journal)) || end < 0)
        return -1;
    c->rows_bytes = (uint64_t)end;
    return state_write(c);
}

/* Read the first `rows` evaluations of the journal (its good part, as the
** state says) and reopen it to append after them. 0, or -1. */
static int msm_journal_open(msm_ctx *mc, size_t rows, uint64_t bytes)
{
    cal *c = mc->c;
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", c->work, EVALS_FILE);
    size_t w = c->k + c->m;
    if (rows) {
        if (rows > ((size_t)1 << 24) || !(mc->replay = malloc(rows * w * sizeof *mc->replay)))
            return -1;
        FILE *f = fopen(path, "r");
        int ok = f != NULL;
        for (size_t i = 0; ok && i < rows * w; i++)
            ok = fscanf(f, "%la", &mc->replay[i]) == 1;
        if (f)
            fclose(f);
        if (!ok)
            return -1;
        mc->n_replay = rows;
    }
    mc->journal = fopen(path, rows ? "r+" : "w");
    /* what was written after the last checkpoint goes */
    if (!mc->journal || ftruncate(fileno(mc->journal), (off_t)bytes) ||
        fseeko(mc->journal, (off_t)bytes, SEEK_SET))
        return -1;
    return 0;
}

/* The unbounded coordinate z of a parameter and back: logit on a bounded
** support, log on a half line, identity on the real line. */
static double to_x(const cal *c, size_t j, double z)
{
    double lo = c->lo[j], hi = c->hi[j];
    if (isfinite(lo) && isfinite(hi))
        return lo + (hi - lo) / (1.0 + exp(-z));
    if (isfinite(lo))
        return lo + exp(z);
    if (isfinite(hi))
        return hi - exp(z);
    return z;
}

static double to_z(const cal *c, size_t j, double x)
{
    double lo = c->lo[j], hi = c->hi[j];
    if (isfinite(lo) && isfinite(hi)) {
        double u = (x - lo) / (hi - lo);
        u = u < 1e-6 ? 1e-6 : u > 1 - 1e-6 ? 1 - 1e-6 : u;
        return log(u / (1 - u));
    }
    if (isfinite(lo))
        return log(x - lo > 1e-12 ? x - lo : 1e-12);
    if (isfinite(hi))
        return log(hi - x > 1e-12 ? hi - x : 1e-12);
    return x;
}

static double msm_f(const gsl_vector *z, void *vp)
{
    msm_ctx *mc = vp;
    cal *c = mc->c;
    for (size_t j = 0; j < c->k; j++)
        mc->theta[j] = to_x(c, j, gsl_vector_get(z, j));
    uint64_t stream = 0;    /* common random numbers: the same runs for every evaluation */
    if (mc->failed)
        return 1e300;
    if (mc->replay_at < mc->n_replay) {
        const double *row = mc->replay + mc->replay_at * (c->k + c->m);
        if (memcmp(row, mc->theta, c->k * sizeof *row)) {
            mc->failed = 2;
            return 1e300;
        }
        memcpy(mc->sim, row + c->k, c->m * sizeof *row);
        mc->replay_at++;
        c->runs += c->R;
        c->evals++;
    } else {
        if (evaluate(c, 1, mc->theta, &stream, mc->sim)) {
            mc->failed = 1;
            return 1e300;
        }
        if (mc->journal) {
            for (size_t j = 0; j < c->k; j++)
                fprintf(mc->journal, "%a ", mc->theta[j]);
            for (size_t i = 0; i < c->m; i++)
                fprintf(mc->journal, "%a%c", mc->sim[i], i + 1 < c->m ? ' ' : '\n');
        }
    }
    double d = distance(c, mc->sim);
    return isfinite(d) ? d * d : 1e300;
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int run_msm(cal *c, ent_cal_result *res, size_t resume_rows, uint64_t resume_bytes)
{
    const ent_cal_options *o = c->o;
    size_t k = c->k, m = c->m;
    uint64_t E = o->budget / c->R;
    if (E < 2 * k + 2 + (k + 1) + 1)
        return fail(c, ENT_EINVAL, "msm needs a budget of at least %llu runs here (%zu parameters, %llu "
                    "replicates)", (unsigned long long)((3 * k + 4) * c->R), k, (unsigned long long)c->R);
    uint64_t max_evals = E - (2 * k + 1);
    msm_ctx mc = { c, malloc((k + 1) * sizeof(double)), malloc((m + 1) * sizeof(double)), max_evals, 0,
                   NULL, NULL, 0, 0, now_s() };
    gsl_vector *z0 = gsl_vector_alloc(k), *step = gsl_vector_alloc(k);
    gsl_multimin_fminimizer *mz = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, k);
    double *pts = malloc(((2 * k + 1) * k + 1) * sizeof *pts), *psim = malloc(((2 * k + 1) * m + 1) * sizeof *psim);
    uint64_t *streams = calloc(2 * k + 1, sizeof *streams);
    double *h = malloc((k + 1) * sizeof *h);
    int rc = ENT_OK;
    if (!mc.theta || !mc.sim || !z0 || !step || !mz || !pts || !psim || !streams || !h || pop_reserve(c, 1)) {
        rc = ENT_ENOMEM;
        goto out;
    }
    if (o->out_dir && msm_journal_open(&mc, resume_rows, resume_bytes)) {
        rc = resume_rows ? fail(c, ENT_ERESUME, "cannot read '%s/%s'; run without --resume to start over", c->work,
                                EVALS_FILE)
                         : fail(c, ENT_EIO, "cannot write '%s/%s': %s", c->work, EVALS_FILE, strerror(errno));
        goto out;
    }
    for (size_t j = 0; j < k; j++) {
        double med = keep_in(c, j, ent_dist_quantile(&c->pb->priors[j], 0.5));
        gsl_vector_set(z0, j, to_z(c, j, med));
        int ident = !isfinite(c->lo[j]) && !isfinite(c->hi[j]);
        gsl_vector_set(step, j, ident ? (res->prior_sd[j] > 0 ? res->prior_sd[j] : 1.0) : 0.5);
    }
    gsl_multimin_function fn = { msm_f, k, &mc };
    gsl_multimin_fminimizer_set(mz, &fn, z0, step);
    res->converged = false;
    while (!mc.failed && c->evals + k + 1 <= max_evals) {
        if (gsl_multimin_fminimizer_iterate(mz))
            break;
        double size = gsl_multimin_fminimizer_size(mz);
        if (gsl_multimin_test_size(size, 1e-4) == GSL_SUCCESS) {
            res->converged = true;
            break;
        }
        progress(c, o->budget);
        /* a stop, and a checkpoint every few seconds, once the journal is
        ** replayed (what is replayed is on disk already) */
        if (mc.replay_at < mc.n_replay)
            continue;
        if (stop_now(c)) {
            rc = msm_checkpoint(&mc) ? fail(c, ENT_EIO, "cannot save the state in '%s'", c->work) : ENT_EINTR;
            goto out;
        }
        if (now_s() - mc.last_save >= 5.0) {
            if (msm_checkpoint(&mc)) {
                rc = fail(c, ENT_EIO, "cannot save the state in '%s'", c->work);
                goto out;
            }
            mc.last_save = now_s();
        }
    }
    if (mc.failed == 2 || (!mc.failed && mc.replay_at < mc.n_replay)) {
        rc = fail(c, ENT_ERESUME, "the journal in '%s' is not this calibration's; run without --resume to "
                  "start over", c->work);
        goto out;
    }
    if (mc.failed) {
        rc = ENT_ENOMEM;
        goto out;
    }
    /* the estimate, and the Jacobian of the simulated targets by central
    ** differences at 1% of the prior sd (one-sided at the support's edge) */
    const gsl_vector *zb = gsl_multimin_fminimizer_x(mz);
    double *est = pts;
    for (size_t j = 0; j < k; j++)
        est[j] = to_x(c, j, gsl_vector_get(zb, j));
    for (size_t j = 0; j < k; j++) {
        double hj = 0.01 * (res->prior_sd[j] > 0 ? res->prior_sd[j] : 1.0);
        h[j] = hj;
        double *up = pts + (1 + 2 * j) * k, *dn = pts + (2 + 2 * j) * k;
        memcpy(up, est, k * sizeof *est);
        memcpy(dn, est, k * sizeof *est);
        up[j] = est[j] + hj <= c->hi[j] ? est[j] + hj : est[j];
        dn[j] = est[j] - hj >= c->lo[j] ? est[j] - hj : est[j];
    }
    if (evaluate(c, 2 * k + 1, pts, streams, psim)) {
        rc = ENT_ENOMEM;
        goto out;
    }
    gsl_matrix *J = gsl_matrix_alloc(m, k), *A = gsl_matrix_calloc(k, k);
    if (!J || !A) {
        gsl_matrix_free(J);
        gsl_matrix_free(A);
        rc = ENT_ENOMEM;
        goto out;
    }
    for (size_t j = 0; j < k; j++) {
        double *up = pts + (1 + 2 * j) * k, *dn = pts + (2 + 2 * j) * k;
        double dx = up[j] - dn[j];
        for (size_t i = 0; i < m; i++)
            gsl_matrix_set(J, i, j, dx > 0 ? (psim[(1 + 2 * j) * m + i] - psim[(2 + 2 * j) * m + i]) / dx : 0.0);
    }
    for (size_t a = 0; a < k; a++)
        for (size_t b = 0; b < k; b++) {
            double s = 0;
            for (size_t i = 0; i < m; i++)
                s += gsl_matrix_get(J, i, a) * gsl_matrix_get(J, i, b) / (c->pb->se[i] * c->pb->se[i]);
            gsl_matrix_set(A, a, b, s);
        }
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    int bad = gsl_linalg_cholesky_decomp1(A) || gsl_linalg_cholesky_invert(A);
    gsl_set_error_handler(old);
    double f = 1.0 + 1.0 / (double)c->R;
    for (size_t j = 0; j < k; j++) {
        res->estimate[j] = est[j];
        double v = bad ? NAN : f * gsl_matrix_get(A, j, j);
        res->se[j] = v >= 0 ? sqrt(v) : NAN;
    }
    /* the population: the estimate alone, weight 1; the intervals of the
    ** simulated targets by the delta method, sd_i^2 = (J V J')_ii */
    memcpy(c->theta, est, k * sizeof *est);
    memcpy(c->sim, psim, m * sizeof *psim);
    c->dist[0] = distance(c, psim);
    c->w[0] = 1.0;
    c->n = 1;
    res->objective = c->dist[0] * c->dist[0];
    for (size_t i = 0; i < m; i++) {
        double s = 0;
        for (size_t a = 0; a < k; a++)
            for (size_t b = 0; b < k; b++)
                s += gsl_matrix_get(J, i, a) * (bad ? NAN : f * gsl_matrix_get(A, a, b)) * gsl_matrix_get(J, i, b);
        /* kept in dist's place for the fit: the sd of simulated target i */
        psim[m + i] = s >= 0 ? sqrt(s) : NAN;
    }
    /* stash the sds after the population's row (read by write_fit) */
    if (pop_reserve(c, 2) == 0)
        memcpy(c->sim + m, psim + m, m * sizeof *psim);
    gsl_matrix_free(J);
    gsl_matrix_free(A);
out:
    if (mc.journal)
        fclose(mc.journal);
    free(mc.replay);
    free(mc.theta);
    free(mc.sim);
    gsl_vector_free(z0);
    gsl_vector_free(step);
    gsl_multimin_fminimizer_free(mz);
    free(pts);
    free(psim);
    free(streams);
    free(h);
    return rc;
}

/* ---- files ------------------------------------------------------------------------ */

static int open_out(cal *c, const char *name, FILE **f, char *path, char *tmp)
{
    snprintf(path, 4500, "%s/%s", c->work, name);
    snprintf(tmp, 4520, "%s/.%s.tmp", c->work, name);
    *f = fopen(tmp, "w");
    return *f ? 0 : -1;
}

static int close_out(cal *c, FILE *f, const char *path, const char *tmp)
{
    int e = ent_i_file_commit(f, tmp, path);
    if (e)
        return fail(c, ENT_EIO, "cannot write '%s': %s", path, strerror(e));
    return ENT_OK;
}

/* the accepted rows: weight > 0 */
static int write_posterior(cal *c)
{
    char path[4500], tmp[4520];
    FILE *f;
    if (open_out(c, "posterior.csv", &f, path, tmp))
        return fail(c, ENT_EIO, "cannot write '%s': %s", path, strerror(errno));
    fputs("draw", f);
    for (size_t j = 0; j < c->k; j++)
        fprintf(f, ",%s", c->pb->param_names[j]);
    fputs(",weight,distance", f);
    for (size_t j = 0; j < c->m; j++)
        fprintf(f, ",sim.%s", c->pb->target_names[j]);
    fputc('\n', f);
    double ws = 0;
    for (size_t i = 0; i < c->n; i++)
        ws += c->w[i];
    for (size_t i = 0; i < c->n; i++) {
        if (!(c->w[i] > 0))
            continue;
        ent_csv_num(f, (double)i);
        for (size_t j = 0; j < c->k; j++) {
            fputc(',', f);
            ent_csv_num(f, c->theta[i * c->k + j]);
        }
        fputc(',', f);
        ent_csv_num(f, c->w[i] / ws);
        fputc(',', f);
        ent_csv_num(f, c->dist[i]);
        for (size_t j = 0; j < c->m; j++) {
            fputc(',', f);
            ent_csv_num(f, c->sim[i * c->m + j]);
        }
        fputc('\n', f);
    }
    return close_out(c, f, path, tmp);
}

static int write_calibration(cal *c, const ent_cal_result *res)
{
    char path[4500], tmp[4520];
    FILE *f;
    if (open_out(c, "calibration.csv", &f, path, tmp))
        return fail(c, ENT_EIO, "cannot write '%s': %s", path, strerror(errno));
    fputs("parameter,method,mean,median,sd,q05,q95,prior_mean,prior_sd,sd_ratio,estimate,se\n", f);
    for (size_t j = 0; j < c->k; j++) {
        fprintf(f, "%s,%s", c->pb->param_names[j], ent_cal_method_names[c->o->method]);
        const double v[10] = { res->mean[j], res->median[j], res->sd[j], res->q05[j], res->q95[j],
                               res->prior_mean[j], res->prior_sd[j],
                               res->prior_sd[j] > 0 ? res->sd[j] / res->prior_sd[j] : NAN,
                               res->estimate[j], res->se[j] };
        for (int i = 0; i < 10; i++) {
            fputc(',', f);
            ent_csv_num(f, v[i]);
        }
        fputc('\n', f);
    }
    return close_out(c, f, path, tmp);
}

static int write_fit(cal *c)
{
    char path[4500], tmp[4520];
    FILE *f;
    if (open_out(c, "fit.csv", &f, path, tmp))
        return fail(c, ENT_EIO, "cannot write '%s': %s", path, strerror(errno));
    fputs("target,observed,se,simulated,q05,q95,z\n", f);
    for (size_t i = 0; i < c->m; i++) {
        double st[5];
        if (c->o->method == ENT_CAL_MSM) {
            double s = c->sim[i], sd = c->sim[c->m + i];
            st[0] = s;
            st[3] = s - 1.6448536269514722 * sd;
            st[4] = s + 1.6448536269514722 * sd;
        } else {
            wstats(c->sim + i, c->m, c->w, c->n, st);
        }
        fprintf(f, "%s", c->pb->target_names[i]);
        const double v[6] = { c->pb->observed[i], c->pb->se[i], st[0], st[3], st[4],
                              (st[0] - c->pb->observed[i]) / c->pb->se[i] };
        for (int j = 0; j < 6; j++) {
            fputc(',', f);
            ent_csv_num(f, v[j]);
        }
        fputc('\n', f);
    }
    return close_out(c, f, path, tmp);
}

static void dist_json(FILE *f, const ent_dist *d)
{
    static const char *const names[ENT_DIST_COUNT][4] = {
        [ENT_DIST_UNIFORM] = { "min", "max" },
        [ENT_DIST_NORMAL] = { "mean", "sd" },
        [ENT_DIST_TRUNCNORMAL] = { "mean", "sd", "min", "max" },
        [ENT_DIST_LOGNORMAL] = { "meanlog", "sdlog" },
        [ENT_DIST_BETA] = { "alpha", "beta", "min", "max" },
        [ENT_DIST_TRIANGULAR] = { "min", "mode", "max" },
    };
    fprintf(f, "{\"distribution\": \"%s\"", ent_dist_names[d->kind]);
    const double par[4] = { d->a, d->b, d->c, d->d };
    for (int i = 0; i < 4 && names[d->kind][i]; i++) {
        fprintf(f, ", \"%s\": ", names[d->kind][i]);
        ent_json_num(f, par[i]);
    }
    fputc('}', f);
}

static int write_manifest(cal *c, const ent_cal_result *res)
{
    char path[4500], tmp[4520];
    FILE *f;
    const ent_cal_options *o = c->o;
    if (open_out(c, "manifest.json", &f, path, tmp))
        return fail(c, ENT_EIO, "cannot write '%s': %s", path, strerror(errno));
    fputs("{\n  \"entente_version\": ", f);
    ent_json_str(f, ent_version());
    fprintf(f, ",\n  \"command\": \"calibrate\",\n  \"method\": \"%s\",\n", ent_cal_method_names[o->method]);
    if (o->manifest_extra)
        o->manifest_extra(o->manifest_ctx, f);
    fprintf(f, "  \"seed\": %llu,\n  \"rng\": \"philox4x64\",\n  \"settings_digest\": \"%s\",\n",
            (unsigned long long)o->seed, c->settings);
    fprintf(f, "  \"budget\": %llu,\n  \"replicates\": %llu,\n  \"runs\": %llu,\n  \"evaluations\": %llu,\n",
            (unsigned long long)o->budget, (unsigned long long)c->R, (unsigned long long)c->runs,
            (unsigned long long)c->evals);
    if (o->method == ENT_CAL_ABC) {
        fprintf(f, "  \"design\": \"%s\",\n  \"accept\": ", ent_design_names[o->design]);
        ent_json_num(f, o->tolerance > 0 ? NAN : o->accept);
        fputs(",\n  \"tolerance\": ", f);
        ent_json_num(f, c->eps);
        fprintf(f, ",\n  \"accepted\": %llu,\n", (unsigned long long)res->accepted);
    } else if (o->method == ENT_CAL_SMC) {
        fprintf(f, "  \"particles\": %llu,\n  \"quantile\": ", (unsigned long long)o->particles);
        ent_json_num(f, o->quantile > 0 ? o->quantile : 0.5);
        fprintf(f, ",\n  \"generations\": %u,\n  \"tolerance\": ", c->gen);
        ent_json_num(f, c->eps);
        fputs(",\n", f);
    } else {
        fprintf(f, "  \"optimizer\": \"nmsimplex2\",\n  \"converged\": %s,\n  \"objective\": ",
                res->converged ? "true" : "false");
        ent_json_num(f, res->objective);
        fputs(",\n  \"standard_errors\": \"sqrt(diag((1 + 1/R) (J' W J)^-1)), W = diag(1/se^2)\",\n", f);
    }
    fputs("  \"parameters\": [", f);
    for (size_t j = 0; j < c->k; j++) {
        fputs(j ? ",\n    " : "\n    ", f);
        fputs("{\"path\": ", f);
        ent_json_str(f, c->pb->param_names[j]);
        fputs(", \"prior\": ", f);
        dist_json(f, &c->pb->priors[j]);
        fputc('}', f);
    }
    fputs("\n  ],\n  \"targets\": [", f);
    for (size_t i = 0; i < c->m; i++) {
        fputs(i ? ",\n    " : "\n    ", f);
        fputs("{\"outcome\": ", f);
        ent_json_str(f, c->pb->target_names[i]);
        fputs(", \"observed\": ", f);
        ent_json_num(f, c->pb->observed[i]);
        fputs(", \"se\": ", f);
        ent_json_num(f, c->pb->se[i]);
        fputc('}', f);
    }
    fputs("\n  ],\n  \"outputs\": [\"posterior.csv\", \"calibration.csv\", \"fit.csv\", \"manifest.json\"]\n}\n", f);
    return close_out(c, f, path, tmp);
}

/* ---- the calibration ------------------------------------------------------------- */

void ent_cal_result_free(ent_cal_result *r)
{
    if (!r)
        return;
    free(r->mean);
    free(r->median);
    free(r->sd);
    free(r->q05);
    free(r->q95);
    free(r->prior_mean);
    free(r->prior_sd);
    free(r->estimate);
    free(r->se);
    r->mean = r->median = r->sd = r->q05 = r->q95 = r->prior_mean = r->prior_sd = r->estimate = r->se = NULL;
}

static void make_settings(cal *c)
{
    const ent_cal_options *o = c->o;
    size_t cap = 4096 + 256 * (c->k + c->m), l = 0;
    char *t = malloc(cap);
    if (!t) {
        memset(c->settings, '0', 64);
        c->settings[64] = 0;
        return;
    }
    l += (size_t)snprintf(t + l, cap - l, "method %d\ndesign %d\nbudget %llu\nseed %llu\nreplicates %llu\n"
                          "accept %a\ntolerance %a\nparticles %llu\nquantile %a\nchunk-free 1\n%s\n",
                          (int)o->method, (int)o->design, (unsigned long long)o->budget,
                          (unsigned long long)o->seed, (unsigned long long)c->R, o->accept, o->tolerance,
                          (unsigned long long)o->particles, o->quantile, o->settings ? o->settings : "");
    for (size_t j = 0; j < c->k && l < cap; j++) {
        const ent_dist *d = &c->pb->priors[j];
        l += (size_t)snprintf(t + l, cap - l, "param %.100s %d %a %a %a %a\n", c->pb->param_names[j],
                              (int)d->kind, d->a, d->b, d->c, d->d);
    }
    for (size_t i = 0; i < c->m && l < cap; i++)
        l += (size_t)snprintf(t + l, cap - l, "target %.100s %a %a\n", c->pb->target_names[i],
                              c->pb->observed[i], c->pb->se[i]);
    ent_i_digest(t, l < cap ? l : cap - 1, c->settings);
    free(t);
}

int ent_calibrate_core(const ent_cal_problem *pb, const ent_cal_options *o, ent_cal_result *res,
                       char *err, size_t cap)
{
    memset(res, 0, sizeof *res);
    cal c;
    memset(&c, 0, sizeof c);
    c.lock.fd = -1;
    c.pb = pb;
    c.o = o;
    c.k = pb->k;
    c.m = pb->m;
    c.R = pb->replicates ? pb->replicates : 1;
    c.err = err;
    c.cap = cap;
    c.eps = INFINITY;
    if (c.k == 0 || c.m == 0)
        return fail(&c, ENT_EINVAL, "a calibration needs at least one parameter and one target");
    if (o->method == ENT_CAL_ABC && o->design != ENT_DESIGN_SOBOL && o->design != ENT_DESIGN_LHS &&
        o->design != ENT_DESIGN_RANDOM)
        return fail(&c, ENT_EINVAL, "abc takes the sobol, lhs or random design");
    if (o->method == ENT_CAL_ABC && o->design == ENT_DESIGN_SOBOL && c.k > ENT_SOBOL_MAX_DIM)
        return fail(&c, ENT_EINVAL, "the sobol design takes at most %d parameters", ENT_SOBOL_MAX_DIM);
    if (!(c.rng = ent_rng_alloc()))
        return fail(&c, ENT_ENOMEM, "out of memory");
    size_t k = c.k;
    res->mean = calloc(k, sizeof(double));
    res->median = calloc(k, sizeof(double));
    res->sd = calloc(k, sizeof(double));
    res->q05 = calloc(k, sizeof(double));
    res->q95 = calloc(k, sizeof(double));
    res->prior_mean = calloc(k, sizeof(double));
    res->prior_sd = calloc(k, sizeof(double));
    res->estimate = malloc(k * sizeof(double));
    res->se = malloc(k * sizeof(double));
    c.lo = malloc(k * sizeof *c.lo);
    c.hi = malloc(k * sizeof *c.hi);
    int rc = ENT_ENOMEM;
    if (!res->mean || !res->median || !res->sd || !res->q05 || !res->q95 || !res->prior_mean ||
        !res->prior_sd || !res->estimate || !res->se || !c.lo || !c.hi)
        goto out;
    for (size_t j = 0; j < k; j++) {
        double lo, hi;
        ent_dist_support(&pb->priors[j], &lo, &hi);
        c.lo[j] = pb->lo && pb->lo[j] > lo ? pb->lo[j] : lo;
        c.hi[j] = pb->hi && pb->hi[j] < hi ? pb->hi[j] : hi;
        prior_moments(&pb->priors[j], &res->prior_mean[j], &res->prior_sd[j]);
        res->estimate[j] = res->se[j] = NAN;
    }
    make_settings(&c);
    uint64_t chunk = o->chunk;
    if (!chunk) {
        /* independent of the thread count: the runs of smc depend on it */
        uint64_t n = o->budget / c.R / 32;
        chunk = o->method == ENT_CAL_SMC ? (o->particles < 64 ? 64 : o->particles / 2) : n < 256 ? 256 : n;
    }
    if (!o->out_dir && o->resume) {
        rc = fail(&c, ENT_EINVAL, "--resume needs an output folder");
        goto out;
    }
    if (o->out_dir)
        ent_sweep_partial_dir(o->out_dir, c.work, sizeof c.work);
    if (!o->out_dir) {
        /* no files: the summaries in res only */
    } else if (ent_dirlock_take(&c.lock, o->out_dir, err, cap)) {
        rc = errno == EWOULDBLOCK ? ENT_ELOCKED : ENT_EIO;
        goto out;
    }
    if (o->out_dir && ent_staged_begin(&c.st, o->out_dir, 1, 0, err, cap)) {
        rc = ENT_EIO;
        goto out;
    }
    if (!o->out_dir) {
        /* nothing to prepare */
    } else if (o->resume) {
        int s = state_read(&c);
        if (s == -1) {
            rc = fail(&c, ENT_ERESUME, "nothing to resume: no calibration into '%s' was interrupted (no %s)",
                      o->out_dir, c.work);
            goto out;
        }
        if (s == -2) {
            rc = ENT_ERESUME;
            goto out;
        }
        res->resumed = true;
    } else {
        static const char *const ours[] = { STATE_FILE, ROWS_FILE, EVALS_FILE, "posterior.csv",
                                            "calibration.csv", "fit.csv", "timing.json", "manifest.json",
                                            NULL };
        char why[4700];
        if (ent_workdir_clear(c.work, ours, why, sizeof why)) {
            rc = fail(&c, ENT_EIO, "%s", why);
            goto out;
        }
        if (mkdir(c.work, 0777) != 0) {
            rc = fail(&c, ENT_EIO, "cannot create the folder '%s': %s", c.work, strerror(errno));
            goto out;
        }
    }
    /* msm counts its journalled evaluations again as it replays them */
    size_t msm_rows = o->method == ENT_CAL_MSM ? (size_t)c.evals : 0;
    uint64_t msm_bytes = o->method == ENT_CAL_MSM ? c.rows_bytes : 0;
    if (o->method == ENT_CAL_MSM)
        c.runs = c.evals = 0;
    c.runs_at_start = c.runs;
    c.t0 = now_s();
    rc = o->method == ENT_CAL_ABC ? run_abc(&c, chunk)
       : o->method == ENT_CAL_SMC ? run_smc(&c, chunk)
       : run_msm(&c, res, msm_rows, msm_bytes);
    progress(&c, o->budget);
    res->runs = c.runs;
    res->evaluations = c.evals;
    res->generations = c.gen;
    res->tolerance = c.eps;
    if (rc != ENT_OK) {
        res->interrupted = rc == ENT_EINTR;
        goto out;
    }
    /* the posterior's summaries */
    double ws = 0;
    uint64_t acc = 0;
    for (size_t i = 0; i < c.n; i++) {
        ws += c.w[i];
        acc += c.w[i] > 0;
    }
    res->accepted = acc;
    if (o->method == ENT_CAL_MSM) {
        for (size_t j = 0; j < k; j++) {
            res->mean[j] = res->median[j] = res->estimate[j];
            res->sd[j] = res->se[j];
            res->q05[j] = res->estimate[j] - 1.6448536269514722 * res->se[j];
            res->q95[j] = res->estimate[j] + 1.6448536269514722 * res->se[j];
        }
    } else {
        double *wn = malloc((c.n + 1) * sizeof *wn);
        if (!wn) {
            rc = ENT_ENOMEM;
            goto out;
        }
        for (size_t i = 0; i < c.n; i++)
            wn[i] = ws > 0 ? c.w[i] / ws : 0;
        for (size_t j = 0; j < k; j++) {
            double st[5];
            wstats(c.theta + j, k, wn, c.n, st);
            res->mean[j] = st[0];
            res->sd[j] = st[1];
            res->median[j] = st[2];
            res->q05[j] = st[3];
            res->q95[j] = st[4];
        }
        free(wn);
    }
    if (!o->out_dir)
        goto out;
    if ((rc = write_posterior(&c)) || (rc = write_calibration(&c, res)) || (rc = write_fit(&c)) ||
        (rc = write_manifest(&c, res)))
        goto out;
    char sp[4500];
    snprintf(sp, sizeof sp, "%s/%s", c.work, STATE_FILE);
    unlink(sp);
    snprintf(sp, sizeof sp, "%s/%s", c.work, ROWS_FILE);
    unlink(sp);
    snprintf(sp, sizeof sp, "%s/%s", c.work, EVALS_FILE);
    unlink(sp);
    if (ent_staged_commit(&c.st, c.work, err, cap))
        rc = ENT_EIO;
out:
    if (rc == ENT_ENOMEM)
        snprintf(err, cap, "%s", c.eval_why[0] ? c.eval_why : "out of memory");
    ent_staged_discard(&c.st);
    ent_dirlock_release(&c.lock);
    free(c.lo);
    free(c.hi);
    free(c.theta);
    free(c.sim);
    free(c.dist);
    free(c.w);
    gsl_rng_free(c.rng);
    return rc;
}
