/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** calibrate_run.c: calibration of a scenario: the batch evaluator that plays
** every (evaluation, replicate) run of a batch in parallel (OpenMP, each
** thread on its own scenario copy and run object, as the sweep core does),
** run r of evaluation e on the stream (seed, e, r), and averages the
** replicates in order, so the values are the same for any thread count.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <omp.h>
#include "entente/calibrate.h"
#include "entente/numfmt.h"
#include "entente/run.h"
#include "entente/stage.h"
#include "sim/run_int.h"
#include "sweep/sweep_int.h"

typedef struct {
    ent_scenario *scn;
    double **slot;
    ent_run *run;
    size_t *sizes, *tmp;
    int failed;
} worker;

typedef struct {
    const ent_scenario *s;
    const ent_cal_spec *sp;
    size_t k, m, n_sizes;
    uint64_t R, seed;
    unsigned threads;
    worker *ws;
    double *buf;                /* runs x m values of the batch */
    size_t buf_cap;
    int broken;                 /* could not set up (out of memory) */
    ent_i_batches batches;      /* the processes that share each batch */
    char why[256];              /* why a batch failed */
} evaluator;

static void worker_free(worker *w)
{
    ent_run_free(w->run);
    ent_scenario_free(w->scn);
    free(w->slot);
    free(w->sizes);
    free(w->tmp);
}

static int worker_init(evaluator *ev, worker *w)
{
    memset(w, 0, sizeof *w);
    w->scn = ent_scenario_clone(ev->s);
    w->slot = calloc(ev->k + 1, sizeof *w->slot);
    w->sizes = calloc(ev->n_sizes + 1, sizeof *w->sizes);
    w->tmp = calloc(ev->n_sizes + 1, sizeof *w->tmp);
    if (!w->scn || !w->slot || !w->sizes || !w->tmp)
        return -1;
    for (size_t j = 0; j < ev->k; j++) {
        const ent_param_desc *d;
        if (!(w->slot[j] = ent_i_scenario_param(w->scn, ev->sp->params[j].path, &d)))
            return -1;
    }
    if (!(w->run = ent_run_alloc(w->scn, 0)))
        return -1;
    ent_i_run_layout(w->run, w->sizes);
    return 0;
}

/* Set the values (whole numbers rounded) and fit the run object to them. */
static void worker_apply(evaluator *ev, worker *w, const double *x)
{
    for (size_t j = 0; j < ev->k; j++)
        *w->slot[j] = ev->sp->params[j].desc->type != ENT_P_REAL ? round(x[j]) : x[j];
    ent_i_run_layout(w->run, w->tmp);
    if (!memcmp(w->tmp, w->sizes, ev->n_sizes * sizeof *w->tmp))
        return;
    ent_run_free(w->run);
    if (!(w->run = ent_run_alloc(w->scn, 0))) {
        w->failed = 1;
        return;
    }
    memcpy(w->sizes, w->tmp, ev->n_sizes * sizeof *w->tmp);
}


/* Play runs [first, first + count) of a batch (run q is evaluation q / R,
** replicate q % R) with this process's threads: count x m outcomes in out. */
static int play_runs(void *vctx, size_t n, const double *theta, const uint64_t *stream, uint64_t first,
                     uint64_t count, double *out)
{
    evaluator *ev = vctx;
    (void)n;
    if (ev->broken)
        return -1;
    size_t m = ev->m, R = (size_t)ev->R;
    int64_t N = (int64_t)count;
#pragma omp parallel for schedule(dynamic, 1) num_threads(ev->threads)
    for (int64_t j = 0; j < N; j++) {
        worker *w = &ev->ws[omp_get_thread_num()];
        size_t q = (size_t)first + (size_t)j, i = q / R, r = q % R;
        if (w->failed)
            continue;
        worker_apply(ev, w, theta + i * ev->k);
        if (w->failed)
            continue;
        ent_run_exec(w->run, ev->seed, stream[i], r);
        for (size_t t = 0; t < m; t++)
            out[(size_t)j * m + t] = ent_i_run_outcome_at(w->run, ev->sp->targets[t].index);
    }
    for (unsigned t = 0; t < ev->threads; t++)
        if (ev->ws[t].failed)
            return -1;
    return 0;
}

static int eval_batch(void *vctx, size_t n, const double *theta, const uint64_t *stream, double *out)
{
    evaluator *ev = vctx;
    size_t m = ev->m, R = (size_t)ev->R, total = n * R;
    if (total * m > ev->buf_cap) {
        double *b = realloc(ev->buf, total * m * sizeof *b);
        if (!b)
            return -1;
        ev->buf = b;
        ev->buf_cap = total * m;
    }
    double *buf = ev->buf;
    /* every process plays its share (alone: all of it) */
    char why[256];
    if (ent_i_mpi_batch(&ev->batches, n, theta, stream, buf, why, sizeof why)) {
        snprintf(ev->why, sizeof ev->why, "%s", why);
        return -1;
    }
    /* the mean of the finite values of the replicates, in order */
    for (size_t i = 0; i < n; i++)
        for (size_t t = 0; t < m; t++) {
            double s = 0;
            size_t c = 0;
            for (size_t r = 0; r < R; r++) {
                double v = buf[(i * R + r) * m + t];
                if (isfinite(v)) {
                    s += v;
                    c++;
                }
            }
            out[i * m + t] = c ? s / (double)c : NAN;
        }
    return 0;
}

static const char *eval_why(void *vctx)
{
    return ((const evaluator *)vctx)->why;
}

typedef struct {
    const ent_scenario *s;
    const ent_cal_spec *sp;
} manifest_ctx;

static void manifest_extra(void *vctx, FILE *f)
{
    const manifest_ctx *mc = vctx;
    fputs("  \"scenario\": {\"path\": ", f);
    ent_json_str(f, mc->s->path ? mc->s->path : mc->sp->scenario_file ? mc->sp->scenario_file : "");
    fputs(", \"name\": ", f);
    ent_json_str(f, mc->s->name ? mc->s->name : "");
    fprintf(f, ", \"sha256\": \"%s\"},\n  \"calibrate_file\": {\"path\": ", mc->s->sha256);
    ent_json_str(f, mc->sp->file ? mc->sp->file : "");
    fprintf(f, ", \"sha256\": \"%s\"},\n  \"rounds\": %d,\n", mc->sp->sha256, mc->s->rounds);
}

int ent_calibrate_run(const ent_scenario *s, const ent_cal_spec *sp, unsigned threads,
                      const ent_cal_options *o, ent_cal_result *res, char *err, size_t cap)
{
    memset(res, 0, sizeof *res);
    size_t k = sp->n_params, m = sp->n_targets;
    evaluator ev = {
        .s = s, .sp = sp, .k = k, .m = m, .n_sizes = ent_i_run_layout_len(s),
        .R = sp->replicates ? sp->replicates : 1, .seed = sp->has_seed ? sp->seed : s->seed,
        .threads = threads ? threads : (unsigned)omp_get_max_threads(),
    };
    const char **pn = calloc(k + 1, sizeof *pn), **tn = calloc(m + 1, sizeof *tn);
    ent_dist *pri = calloc(k + 1, sizeof *pri);
    double *lo = calloc(k + 1, sizeof *lo), *hi = calloc(k + 1, sizeof *hi);
    double *obs = calloc(m + 1, sizeof *obs), *se = calloc(m + 1, sizeof *se);
    ev.ws = calloc(ev.threads, sizeof *ev.ws);
    /* under mpirun every process reads the files and plays a share of each
    ** batch; rank 0 alone calibrates and writes (sweep_int.h) */
    char digest[160];
    snprintf(digest, sizeof digest, "%s %s %d %llx", s->sha256, sp->sha256, s->rounds,
             (unsigned long long)ev.seed);
    ev.batches = (ent_i_batches){ k, m, ev.R, digest, play_runs, &ev };
    int rc = ENT_ENOMEM;
    ev.broken = !pn || !tn || !pri || !lo || !hi || !obs || !se || !ev.ws;
    for (unsigned t = 0; !ev.broken && t < ev.threads; t++)
        ev.broken = worker_init(&ev, &ev.ws[t]) != 0;
    if (ent_i_mpi_rank() > 0) {
        ent_i_mpi_batch_serve(&ev.batches, ev.broken);
        rc = ENT_OK;
        goto done;
    }
    if (ev.broken)
        goto out;
    for (size_t j = 0; j < k; j++) {
        pn[j] = sp->params[j].path;
        pri[j] = sp->params[j].dist;
        lo[j] = sp->params[j].desc->min;
        hi[j] = sp->params[j].desc->max;
    }
    for (size_t i = 0; i < m; i++) {
        tn[i] = sp->targets[i].name;
        obs[i] = sp->targets[i].observed;
        se[i] = sp->targets[i].se;
    }
    ent_cal_problem pb = { k, m, pn, pri, lo, hi, tn, obs, se, ev.R, eval_batch, &ev, true, eval_why };
    manifest_ctx mc = { s, sp };
    char settings[512];
    snprintf(settings, sizeof settings, "scenario %s\ncalibrate %s\nrounds %d\ndiscount %a\nrandom_end %d",
             s->sha256, sp->sha256, s->rounds, s->discount, (int)s->random_end);
    ent_cal_options oo = *o;
    oo.method = sp->method;
    oo.design = sp->design;
    oo.budget = sp->budget;
    oo.seed = ev.seed;
    oo.accept = sp->accept;
    oo.tolerance = sp->tolerance;
    oo.particles = sp->particles;
    oo.manifest_extra = manifest_extra;
    oo.manifest_ctx = &mc;
    oo.settings = settings;
    rc = ent_calibrate_core(&pb, &oo, res, err, cap);
    goto done;
out:
    snprintf(err, cap, "out of memory");
done:
    ent_i_mpi_batch_end();      /* rank 0: the other processes may go */
    for (unsigned t = 0; ev.ws && t < ev.threads; t++)
        worker_free(&ev.ws[t]);
    free(ev.ws);
    free(ev.buf);
    free(pn);
    free(tn);
    free(pri);
    free(lo);
    free(hi);
    free(obs);
    free(se);
    return rc;
}
