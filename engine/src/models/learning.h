/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** learning.h: Erev & Roth's (1998) three-parameter reinforcement learning
** over K discrete choices, shared by the learning strategies of the
** burden-sharing and exit-leverage stages. Internal to the library.
*/
#ifndef ENT_LEARNING_H
#define ENT_LEARNING_H

#include <stddef.h>
#include <gsl/gsl_rng.h>

typedef struct {
    int last;               /* choice played last, -1: none */
    double u_min, u_max;    /* range of payoffs seen, for normalising rewards */
    double q[];             /* propensities */
} ent_er_state;

/* Bytes of state for K choices. */
size_t ent_er_size(int K);
/* Initial propensities strength / K each; nothing played yet. */
void ent_er_reset(ent_er_state *s, int K, double strength);
/* Draw a choice with probability proportional to its propensity; it
** becomes s->last. */
int ent_er_pick(ent_er_state *s, int K, gsl_rng *r);
/* Learn from the payoff of s->last (nothing if none): the reward is the
** payoff normalised to [0, 1] by the range seen so far (Erev and Roth
** translate by the minimum payoff); every propensity decays by phi; the
** played one gains the reward times (1 - eps) and the choices `stride` away
** on either side share eps of it; propensities are kept above 1e-12 so that
** every choice stays possible. */
void ent_er_learn(ent_er_state *s, int K, double payoff, double phi, double eps, int stride);

#endif
