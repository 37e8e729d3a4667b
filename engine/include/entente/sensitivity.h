/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** sensitivity.h: variance-based (Sobol) sensitivity indices from a Saltelli
** design: first-order indices by the Saltelli et al. (2010) estimator,
** total effects by Jansen's (1999), with percentile bootstrap intervals.
*/
#ifndef ENT_SENSITIVITY_H
#define ENT_SENSITIVITY_H

#include "entente/export.h"
ENT_BEGIN_DECLS

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>

typedef struct {
    double s1, s1_low, s1_high;     /* first-order index and its interval */
    double st, st_low, st_high;     /* total-effect index and its interval */
} ent_sobol_index;

/* Indices of k parameters from n base samples: fA[j] = f(A_j), fB[j] = f(B_j),
** fAB[i * n + j] = f(A_B^(i)_j). Intervals are percentile bootstrap intervals
** at `level` (e.g. 0.95) over n_boot resamples of the rows j, drawn from r
** (n_boot = 0: no intervals, NaN). Writes out[0..k). Returns 0, or -1 when
** the output has no variance, a value is not finite, or memory runs out (then
** every field is NaN). `*variance` (may be NULL) receives V(Y). */
int ent_sobol_indices(size_t n, size_t k, const double *fA, const double *fB, const double *fAB,
                      size_t n_boot, double level, gsl_rng *r, ent_sobol_index *out,
                      double *variance);

/* Write DIR/sensitivity.csv from the summary of a saltelli sweep in DIR
** (manifest.json and summary.csv). Returns 0; on error -1 with a message in
** err (capacity cap), and nothing written. */
int ent_sensitivity_dir(const char *dir, size_t n_boot, double level, char *err, size_t cap);
/* As ent_sensitivity_dir, looking at *stop (may be NULL) between outcomes:
** once it is non-zero, stops with nothing written and returns ENT_EINTR
** (a Ctrl-C handler sets it; many bootstrap resamples take minutes). */
int ent_sensitivity_dir_stoppable(const char *dir, size_t n_boot, double level,
                                  const volatile sig_atomic_t *stop, char *err, size_t cap);

ENT_END_DECLS

#endif
