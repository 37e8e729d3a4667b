/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** game_evolution.c: evolutionary dynamics on a payoff matrix. Replicator
** dynamics (Taylor & Jonker 1978) integrated with gsl_odeiv2; the Moran
** process in a finite population (Moran 1958; Nowak, Sasaki, Taylor &
** Fudenberg 2004) in closed form and by simulation.
*/
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_odeiv2.h>
#include <omp.h>
#include "entente/game_tournament.h"
#include "entente/rng.h"

typedef struct {
    size_t n;
    const double *A;
    double *f;          /* payoffs (A x)_i, n doubles */
} repl_params;

static int repl_rhs(double t, const double *x, double *dxdt, void *vp)
{
    (void)t;
    const repl_params *rp = vp;
    size_t n = rp->n;
    double mean = 0.0;
    for (size_t i = 0; i < n; i++) {
        double fi = 0.0;
        for (size_t j = 0; j < n; j++)
            fi += rp->A[i * n + j] * x[j];
        rp->f[i] = fi;
        mean += x[i] * fi;
    }
    for (size_t i = 0; i < n; i++)
        dxdt[i] = x[i] * (rp->f[i] - mean);
    return GSL_SUCCESS;
}

int ent_replicator(size_t n, const double *A, const double *x0, double t_end, size_t n_out,
                   double *traj)
{
    double *f = malloc(n * sizeof *f), *x = malloc(n * sizeof *x);
    if (!f || !x) {
        free(f);
        free(x);
        return GSL_ENOMEM;
    }
    repl_params rp = { n, A, f };
    gsl_odeiv2_system sys = { repl_rhs, NULL, n, &rp };
    gsl_odeiv2_driver *d = gsl_odeiv2_driver_alloc_y_new(&sys, gsl_odeiv2_step_rk8pd, 1e-3,
                                                         1e-10, 1e-10);
    int status = d ? GSL_SUCCESS : GSL_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        x[i] = x0[i];
        traj[i] = x0[i];
    }
    double t = 0.0;
    for (size_t k = 1; status == GSL_SUCCESS && k <= n_out; k++) {
        double tk = t_end * (double)k / (double)n_out;
        status = gsl_odeiv2_driver_apply(d, &t, tk, x);
        for (size_t i = 0; i < n; i++)
            traj[k * n + i] = x[i];
    }
    if (d)
        gsl_odeiv2_driver_free(d);
    free(f);
    free(x);
    return status;
}

/* Fitness of a mutant and of a resident when j of the N are mutants. */
static void moran_fitness(int N, int j, double w, double a_rr, double a_rm, double a_mr,
                          double a_mm, double *fm, double *fr)
{
    double others = N - 1;
    *fm = 1.0 - w + w * (a_mm * (j - 1) + a_mr * (N - j)) / others;
    *fr = 1.0 - w + w * (a_rm * j + a_rr * (N - j - 1)) / others;
}

double ent_moran_fixation(int N, double w, double a_rr, double a_rm, double a_mr, double a_mm)
{
    double sum = 1.0, prod = 1.0;
    for (int k = 1; k < N; k++) {
        double fm, fr;
        moran_fitness(N, k, w, a_rr, a_rm, a_mr, a_mm, &fm, &fr);
        if (!(fm > 0.0) || !(fr > 0.0))
            return NAN;
        prod *= fr / fm;
        sum += prod;
    }
    return 1.0 / sum;
}

double ent_moran_simulate(int N, double w, double a_rr, double a_rm, double a_mr, double a_mm,
                          int trials, gsl_rng *r)
{
    /* With j mutants a birth-death step adds one with probability
    ** T+ = j fm/(j fm + (N-j) fr) (N-j)/N and removes one with T- = (N-j) fr/(..) j/N;
    ** steps that change nothing do not affect fixation, so the walk is
    ** simulated on its changes: up with probability T+/(T+ + T-) = fm/(fm + fr). */
    double *up = malloc((size_t)(N + 1) * sizeof *up);
    if (!up)
        return NAN;
    for (int j = 1; j < N; j++) {
        double fm, fr;
        moran_fitness(N, j, w, a_rr, a_rm, a_mr, a_mm, &fm, &fr);
        if (!(fm > 0.0) || !(fr > 0.0)) {
            free(up);
            return NAN;
        }
        up[j] = fm / (fm + fr);
    }
    long fixed = 0;
    for (int k = 0; k < trials; k++) {
        int j = 1;
        while (j > 0 && j < N)
            j += gsl_rng_uniform(r) < up[j] ? 1 : -1;
        fixed += j == N;
    }
    free(up);
    return (double)fixed / (double)trials;
}

int ent_moran_pairs(const ent_tournament_result *res, int N, double w, int trials, uint64_t seed,
                    int threads, double *sim)
{
    size_t n = res->n, cells = n * n, pairs = n * (n + 1) / 2;
    int fail = 0;
    #pragma omp parallel num_threads(threads > 0 ? threads : omp_get_max_threads())
    {
        gsl_rng *r = ent_rng_alloc();
        if (!r) {
            #pragma omp atomic write
            fail = 1;
        }
        #pragma omp for schedule(dynamic)
        for (size_t k = 0; k < cells; k++) {
            size_t i = k / n, j = k % n;
            const double *A = res->payoff;
            sim[k] = NAN;
            if (i == j || !r)
                continue;
            /* streams beyond those of the matches: point = pairs + cell */
            ent_rng_stream(r, seed, pairs + k, 0);
            sim[k] = ent_moran_simulate(N, w, A[i * n + i], A[i * n + j], A[j * n + i], A[j * n + j],
                                        trials, r);
        }
        if (r)
            gsl_rng_free(r);
    }
    return fail ? -1 : 0;
}
