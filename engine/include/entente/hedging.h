/*
** hedging.h: beliefs about the patron, their diffusion over a network of
** allies, hedging portfolios and the alliance security dilemma.
**
** Notation: p is an ally's belief that the patron is *transactional*
** (theory.md writes mu = 1 - p for the belief that it is committed).
*/
#ifndef ENT_HEDGING_H
#define ENT_HEDGING_H

#include <stddef.h>

/* ---- Bayes' rule with a tremble ------------------------------------------- */

/* Posterior P(transactional | event) from prior p and the event's likelihood
** under each type. The tremble eps mixes each likelihood with a uniform draw
** over n_events kinds, L' = (1 - eps) L + eps / n_events, so that no observed
** event has probability zero and the posterior stays inside (0, 1) whenever
** the prior does and eps > 0 (and, in floating point, within ENT_BELIEF_MIN
** of the ends). */
#define ENT_BELIEF_MIN 1e-12   /* with a tremble, beliefs stay in [this, 1 - this] */
double ent_bayes_update(double p, double like_transactional, double like_committed,
                        double eps, int n_events);

/* ---- DeGroot diffusion ----------------------------------------------------- */

/* One step p_i <- (1 - w_i) p_i + w_i sum_j W_ij p_j for every i, with W
** row-major n x n and row-stochastic on the rows that have neighbours; a row
** of zeros (no one watched) leaves p_i unchanged. out may not alias in. */
void ent_degroot_step(size_t n, const double *W, const double *openness, const double *in,
                      double *out);

/* The influence vector pi of a row-stochastic W (pi W = pi, sum pi = 1): the
** left eigenvector for eigenvalue 1, from GSL's nonsymmetric eigensolver.
** Returns 0, or -1 if no eigenvalue 1 is found. */
int ent_degroot_influence(size_t n, const double *W, double *pi);

/* Friedkin-Johnsen fixed point p* = (I - L W)^-1 (I - L) p_own, L = diag(lambda)
** (GSL LU). Returns 0 or -1. */
int ent_friedkin_johnsen(size_t n, const double *W, const double *lambda, const double *own,
                         double *out);

/* ---- hedging portfolios ------------------------------------------------------ */

enum { ENT_HEDGE_BANDWAGON, ENT_HEDGE_BALANCE, ENT_HEDGE_BIND, ENT_HEDGE_N };

/* Logit (quantal) response with inertia: target w* = softmax(beta u);
** w <- (1 - rate) w + rate w*. Stays on the simplex. */
void ent_hedge_logit(double *w, const double *u, double beta, double rate);

/* Replicator dynamics in exponential form with inertia: w_k <- w_k exp(rate
** (u_k - max u)) / sum (Hofbauer & Sigmund 1998). Stays on the simplex; a
** weight at zero stays at zero, so weights are floored at `floor` first. */
void ent_hedge_replicator(double *w, const double *u, double rate, double floor);

/* Distance from pure bandwagoning, scaled to [0, 1]: |w - e_bandwagon| / sqrt 2. */
double ent_hedging_index(const double *w);

/* ---- alliance security dilemma (Snyder 1984) --------------------------------- */

/* Loss of commitment k: abandonment A (1 - rho k) plus entrapment E k^2 / 2,
** with A = p H (expected abandonment cost) and E = q C (entrapment cost).
** The minimiser is k* = min(1, rho A / E) (theory.md section 9 with
** alpha = rho A, eps = E). */
double ent_commitment_optimum(double A, double rho, double E);
double ent_abandonment_fear(double A, double rho, double k);
double ent_entrapment_fear(double E, double k);

#endif
