/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** burden_min.c: the floor the burden-sharing stage is measured against, a
** minimal C loop of its arithmetic per agent-round, for an alliance whose
** patron keeps its share and whose allies all play the myopic best response
** (the stage's defaults): each ally in turn answers the others' spending as
** it stands with the positive root of a quadratic (psi > 0: one square
** root), the total is kept up to date, and each agent's payoff takes the
** utility's logarithms, each recomputed only when its argument changed (as
** the stage does; ln S once a round). No strategies, views, outcomes or
** files. Reads "GDP share" pairs (one agent a line, the patron first) on
** standard input; the weights are calibrated so that the given shares are
** best responses (the scenario's revealed preference).
** Prints the CPU nanoseconds per agent-round (best of 3) and a checksum.
** With a fourth argument `stable` the root is taken without cancellation, as
** the engine must (-2c / (b + sqrt(b^2 - 4c)) when b > 0: one division more;
** the plain form loses about three digits for a small ally, whose b is the
** others' spending and its root a thousandth of it). The goal is stated
** against the plain loop; the stable one shows what the numerics cost.
** usage: burden_min PSI ROUNDS RUNS [stable] < agents
*/
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAXN 256

static double cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* RUNS runs of ROUNDS rounds; returns the sum of the payoffs (a checksum
** that keeps the work from being optimised away). */
static inline __attribute__((always_inline)) double play_runs(int stable, long runs, long rounds, size_t n,
                                                              double psi, double total0, const double *Y,
                                                              const double *m0, const double *a)
{
    double m[MAXN], rest_x[MAXN], rest_l[MAXN], own_x[MAXN], own_l[MAXN], sum = 0;
    for (long run = 0; run < runs; run++) {
        double total = total0;
        for (size_t i = 0; i < n; i++) {
            m[i] = m0[i];
            rest_x[i] = own_x[i] = NAN;
        }
        /* a small perturbation per run, as a swept parameter would give */
        m[1] *= 1.0 + 1e-3 * (double)(run & 7);
        for (long r = 0; r < rounds; r++) {
            for (size_t i = 1; i < n; i++) {
                double so = total - m[i];
                double b = so * (1.0 - a[i] + a[i] * psi) - a[i] * Y[i];
                double c = -a[i] * psi * so * Y[i];
                double d = sqrt(b * b - 4.0 * c);
                double x = stable && b > 0.0 ? -2.0 * c / (b + d) : 0.5 * (-b + d);
                if (!(x >= 0.0)) x = 0.0;
                if (x > Y[i]) x = Y[i];
                total += x - m[i];
                m[i] = x;
            }
            total = 0;
            for (size_t i = 0; i < n; i++)
                total += m[i];
            double lS = log(total);
            for (size_t i = 0; i < n; i++) {
                double fl = 1e-9 * Y[i];
                double own = m[i] > fl ? m[i] : fl, rest = Y[i] - m[i] > fl ? Y[i] - m[i] : fl;
                if (rest != rest_x[i]) {
                    rest_x[i] = rest;
                    rest_l[i] = log(rest);
                }
                if (own != own_x[i]) {
                    own_x[i] = own;
                    own_l[i] = log(own);
                }
                sum += (1.0 - a[i]) * rest_l[i] + a[i] * ((1.0 - psi) * lS + psi * own_l[i]);
            }
        }
    }
    return sum;
}

int main(int argc, char **argv)
{
    if (argc != 4 && !(argc == 5 && !strcmp(argv[4], "stable"))) {
        fprintf(stderr, "usage: burden_min PSI ROUNDS RUNS [stable] < agents\n");
        return 2;
    }
    int stable = argc == 5;
    double psi = atof(argv[1]);
    long rounds = atol(argv[2]), runs = atol(argv[3]);
    double Y[MAXN], m0[MAXN], a[MAXN];
    size_t n = 0;
    while (n < MAXN && scanf("%lf %lf", &Y[n], &m0[n]) == 2) {
        m0[n] *= Y[n];
        n++;
    }
    if (n < 2 || rounds < 1 || runs < 1)
        return 2;
    double total0 = 0;
    for (size_t i = 0; i < n; i++)
        total0 += m0[i];
    for (size_t i = 0; i < n; i++) {
        /* revealed preference: the given spending is a best response */
        double S = total0, K = (1.0 - psi) / S + psi / m0[i];
        a[i] = 1.0 / (1.0 + (Y[i] - m0[i]) * K);
    }
    double best = INFINITY, check = 0;
    for (int rep = 0; rep < 3; rep++) {
        double t0 = cpu_now(), sum = 0;
        /* two copies of the loop, each with its root fixed at compile time */
        sum = stable ? play_runs(1, runs, rounds, n, psi, total0, Y, m0, a)
                     : play_runs(0, runs, rounds, n, psi, total0, Y, m0, a);
        double t = cpu_now() - t0;
        if (t < best)
            best = t;
        check = sum;
    }
    printf("%.3f %.6g\n", 1e9 * best / ((double)runs * (double)rounds * (double)n), check);
    return 0;
}
