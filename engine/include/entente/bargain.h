/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** bargain.h: closed forms of the bargaining models the exit-leverage,
** bargaining and ratification stages use: Rubinstein alternating offers with
** outside options, generalised Nash bargaining, bargaining power from
** asymmetric interdependence, the Fearon bargaining range, the
** expected-utility compliance rule and the ratification rules. Pure functions.
*/
#ifndef ENT_BARGAIN_H
#define ENT_BARGAIN_H

#include "entente/export.h"
ENT_BEGIN_DECLS

/* Rubinstein (1982): the first proposer's share of a unit pie in the unique
** subgame-perfect equilibrium, (1 - d2)/(1 - d1 d2), for discount factors
** d1 (proposer) and d2 (responder) in [0, 1]. Both equal to 1: 1/2 (the
** limit along d1 = d2). */
double ent_rubinstein_share(double d1, double d2);

/* Outside-option principle (Binmore, Shaked & Sutton 1989; Osborne &
** Rubinstein 1990, 3.12): the responder may opt out for b2 (a share of the
** pie). It gets max{b2, 1 - x*}, so the proposer's share is min{x*, 1 - b2}.
** The proposer's own option b1 ends the talks when it beats what is left to
** it. Writes the proposer's share to *x1 and returns 1, or returns 0 (no
** agreement: *x1 untouched) when b1 > min{x*, 1 - b2}. */
int ent_rubinstein_outside(double d1, double d2, double b1, double b2, double *x1);

/* Generalised Nash bargaining with linear utilities over a pie: maximise
** (u1 - d1)^w (u2 - d2)^(1-w) subject to u1 + u2 = pie. Solution
** u1 = d1 + w (pie - d1 - d2). Writes u1 and returns 1, or returns 0 when
** pie < d1 + d2 (no gain from agreement). */
int ent_nash_split(double w, double d1, double d2, double pie, double *u1);

/* Nash bargain over a transfer t from the ally to the patron when exit costs
** the ally x_ally and the patron x_patron (Keohane & Nye; theory 3): maximise
** (x_ally - t)^(1-w) (x_patron + t)^w, so t* = w x_ally - (1 - w) x_patron. */
double ent_nash_transfer(double w, double x_ally, double x_patron);

/* Bargaining power of the patron from asymmetric interdependence: the ally's
** share of the joint exit cost, x_ally/(x_ally + x_patron); 1/2 if both are 0.
** The less dependent side has more power. */
double ent_power_interdependence(double x_ally, double x_patron);

/* Fearon (1995) bargaining range: shares x of A in [p - cA, p + cB] beat the
** costly lottery for both sides. */
void ent_fearon_range(double p, double cA, double cB, double *lo, double *hi);

/* Coercive linkage in Nash bargaining (theory 11): a measure that lowers the
** ally's disagreement payoff by tau and the patron's by kappa moves the
** ally's payoff by -w tau + (1 - w) kappa (w: the patron's weight). */
double ent_linkage_ally_change(double w, double tau, double kappa);

/* Expected-utility compliance (Fearon 1994/1995 with one-sided incomplete
** information): p is the probability that the threat is carried out if the
** ally defies (in a run: the patron strategy's stated execution probability
** of each type weighted by the ally's posterior, exit.h); complying costs
** `cost` plus a sovereignty cost `sov`, defying costs p * harm in
** expectation. Complies iff p harm >= cost + sov. The threshold probability
** is (cost + sov)/harm (+inf if harm <= 0). */
int ent_eu_complies(double p, double harm, double cost, double sov);
double ent_eu_threshold(double harm, double cost, double sov);

/* Probability that a deal t beyond the win-set W fails ratification
** (involuntary defection, Putnam 1988): 1 - exp(-k (t - W)/W) for t > W > 0,
** 0 for t <= W, 1 when W <= 0 < t. Rises monotonically in the gap t - W. */
double ent_ratify_fail_prob(double t, double W, double k);

/* Cutting a deal back to the win-set (Putnam's Schelling conjecture): the
** proposed transfer t is cut to min{t, W}; the patron accepts it iff it is
** at least its reservation r. Writes the deal and returns 1, or returns 0
** (no deal). */
int ent_winset_deal(double t, double W, double r, double *deal);

ENT_END_DECLS

#endif
