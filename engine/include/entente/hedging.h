/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** hedging.h: beliefs about the patron, their diffusion over a network of
** allies, hedging portfolios and the alliance security dilemma.
**
** Notation: p is an ally's belief that the patron is *transactional*
** (theory.md writes mu = 1 - p for the belief that it is committed).
*/
#ifndef ENT_HEDGING_H
#define ENT_HEDGING_H

#include "entente/export.h"
ENT_BEGIN_DECLS

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

/* The same step, the same bits, with a memo of the target: its exponentials
** and divisions are skipped while u, beta and rate are those of the last
** call (payoffs stand still in most rounds). Set valid to 0 to start. */
typedef struct {
    double u[ENT_HEDGE_N], beta, rate;
    double target[ENT_HEDGE_N];     /* rate w*_k, as the step adds it */
    int valid;
} ent_hedge_logit_memo;
void ent_hedge_logit_memo_step(double *w, const double *u, double beta, double rate,
                               ent_hedge_logit_memo *memo);

/* Replicator dynamics in exponential form with inertia: w_k <- w_k exp(rate
** (u_k - max u)) / sum (Hofbauer & Sigmund 1998). Stays on the simplex; a
** weight at zero stays at zero, so weights are floored at `floor` first. */
void ent_hedge_replicator(double *w, const double *u, double rate, double floor);

/* Distance from pure bandwagoning, scaled to [0, 1]: |w - e_bandwagon| / sqrt 2. */
double ent_hedging_index(const double *w);

/* What a hedging strategy sees (payoffs in percent of GDP per round). */
typedef struct {
    int round;
    double belief;              /* p: belief that the patron is transactional */
    double u[ENT_HEDGE_N];      /* expected payoff of bandwagon, balance, bind */
    double w[ENT_HEDGE_N];      /* current weights */
} ent_hedge_view;

typedef struct {
    double w[ENT_HEDGE_N];      /* new weights (projected back to the simplex) */
} ent_hedge_decision;

/* The expected payoffs (percent of GDP per round) of the three options:
**   bandwagon: G (1 - p a) - sigma r (1 + p)
**   balance:   e theta - c
**   bind:      p k (x_trade + x_tech) s + p a G b + sum_partners (value - cost)
** with G = g d theta the guarantee (g the value of a full guarantee, d the
** dependence, theta the threat), a the abandonment rate of a transactional
** patron, sigma the autonomy weight and r the sovereignty rent, e and c the
** efficacy and cost of balancing, k the linkage loss rate on exposed trade
** and technology, s the share of it binding shields, b the share of
** abandonment binding insures. See engine/docs/hedging.md. */
typedef struct {
    double guarantee_value, abandonment_rate, sovereignty_rent, balance_efficacy, balance_cost,
        linkage_rate, linkage_shield, abandonment_shield;
} ent_hedge_params;

void ent_hedge_payoffs(const ent_hedge_params *hp, double belief, double threat, double dependence,
                       double autonomy, double trade_exposure, double tech_exposure,
                       double partners_net, double *u);
/* The same with the abandonment risk given: p a above is replaced by
** `abandon`, the chance that the patron fails the ally (in a run with
** exit_leverage: the crisis abandonment the patron strategy states for each
** type, weighted by the belief). ent_hedge_payoffs is this with
** abandon = belief x abandonment_rate. */
void ent_hedge_payoffs_risk(const ent_hedge_params *hp, double belief, double abandon, double threat,
                            double dependence, double autonomy, double trade_exposure,
                            double tech_exposure, double partners_net, double *u);

/* What a commitment strategy sees. */
typedef struct {
    int round;
    double A;                   /* expected abandonment cost p H, % of GDP */
    double rho;                 /* how much full commitment cuts the abandonment risk */
    double E;                   /* expected entrapment cost q C, % of GDP */
    double commitment;          /* last round's commitment */
} ent_commit_view;

typedef struct {
    double commitment;          /* in [0, 1] */
} ent_commit_decision;

/* ---- alliance security dilemma (Snyder 1984) --------------------------------- */

/* Loss of commitment k: abandonment A (1 - rho k) plus entrapment E k^2 / 2,
** with A = p H (expected abandonment cost) and E = q C (entrapment cost).
** The minimiser is k* = min(1, rho A / E) (theory.md section 9 with
** alpha = rho A, eps = E). */
double ent_commitment_optimum(double A, double rho, double E);
double ent_abandonment_fear(double A, double rho, double k);
double ent_entrapment_fear(double E, double k);

ENT_END_DECLS

#endif
