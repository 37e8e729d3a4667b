/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** beliefs.c: Bayes' rule with trembles, DeGroot averaging and its consensus
** (GSL eigensolver), and the Friedkin-Johnsen anchored fixed point.
*/
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include "entente/hedging.h"

double ent_bayes_update(double p, double lt, double lc, double eps, int n_events)
{
    double u = n_events > 0 ? 1.0 / n_events : 0.0;
    lt = (1.0 - eps) * lt + eps * u;
    lc = (1.0 - eps) * lc + eps * u;
    double num = p * lt, den = num + (1.0 - p) * lc;
    double post = den > 0.0 ? num / den : p;
    /* in exact arithmetic a tremble keeps the posterior inside (0, 1); in
    ** doubles a long run of one event would round it to 0 or 1, from which
    ** no evidence could bring it back */
    if (eps > 0.0) {
        if (post < ENT_BELIEF_MIN) post = ENT_BELIEF_MIN;
        if (post > 1.0 - ENT_BELIEF_MIN) post = 1.0 - ENT_BELIEF_MIN;
    }
    return post;
}

void ent_degroot_step(size_t n, const double *W, const double *openness, const double *in,
                      double *out)
{
    for (size_t i = 0; i < n; i++) {
        double avg = 0.0, row = 0.0;
        for (size_t j = 0; j < n; j++) {
            avg += W[i * n + j] * in[j];
            row += W[i * n + j];
        }
        out[i] = row > 0.0 ? (1.0 - openness[i]) * in[i] + openness[i] * (avg / row) : in[i];
    }
}

int ent_degroot_influence(size_t n, const double *W, double *pi)
{
    /* left eigenvectors of W are right eigenvectors of W' */
    gsl_matrix *A = gsl_matrix_alloc(n, n);
    gsl_vector_complex *eval = gsl_vector_complex_alloc(n);
    gsl_matrix_complex *evec = gsl_matrix_complex_alloc(n, n);
    gsl_eigen_nonsymmv_workspace *ws = gsl_eigen_nonsymmv_alloc(n);
    int rc = -1;
    if (!A || !eval || !evec || !ws)
        goto done;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            gsl_matrix_set(A, i, j, W[j * n + i]);
    if (gsl_eigen_nonsymmv(A, eval, evec, ws) != 0)
        goto done;
    size_t best = n;
    double best_d = 1e-8;
    for (size_t k = 0; k < n; k++) {
        gsl_complex z = gsl_vector_complex_get(eval, k);
        double d = hypot(GSL_REAL(z) - 1.0, GSL_IMAG(z));
        if (d < best_d) { best_d = d; best = k; }
    }
    if (best == n)
        goto done;
    double sum = 0.0;
    for (size_t i = 0; i < n; i++)
        sum += GSL_REAL(gsl_matrix_complex_get(evec, i, best));
    if (sum == 0.0)
        goto done;
    for (size_t i = 0; i < n; i++)
        pi[i] = GSL_REAL(gsl_matrix_complex_get(evec, i, best)) / sum;
    rc = 0;
done:
    gsl_eigen_nonsymmv_free(ws);
    gsl_matrix_complex_free(evec);
    gsl_vector_complex_free(eval);
    gsl_matrix_free(A);
    return rc;
}

int ent_friedkin_johnsen(size_t n, const double *W, const double *lambda, const double *own,
                         double *out)
{
    gsl_matrix *M = gsl_matrix_alloc(n, n);
    gsl_vector *b = gsl_vector_alloc(n), *x = gsl_vector_alloc(n);
    gsl_permutation *perm = gsl_permutation_alloc(n);
    int rc = -1, sign;
    if (!M || !b || !x || !perm)
        goto done;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++)
            gsl_matrix_set(M, i, j, (i == j ? 1.0 : 0.0) - lambda[i] * W[i * n + j]);
        gsl_vector_set(b, i, (1.0 - lambda[i]) * own[i]);
    }
    if (gsl_linalg_LU_decomp(M, perm, &sign) != 0 || gsl_linalg_LU_solve(M, perm, b, x) != 0)
        goto done;
    for (size_t i = 0; i < n; i++)
        out[i] = gsl_vector_get(x, i);
    rc = 0;
done:
    gsl_permutation_free(perm);
    gsl_vector_free(x);
    gsl_vector_free(b);
    gsl_matrix_free(M);
    return rc;
}
