/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** learning.c: Erev & Roth (1998) reinforcement learning (see learning.h).
*/
#include <math.h>
#include "models/learning.h"

size_t ent_er_size(int K)
{
    return sizeof(ent_er_state) + (size_t)K * sizeof(double);
}

void ent_er_reset(ent_er_state *s, int K, double strength)
{
    for (int k = 0; k < K; k++)
        s->q[k] = strength / K;
    s->last = -1;
    s->u_min = INFINITY;
    s->u_max = -INFINITY;
}

int ent_er_pick(ent_er_state *s, int K, gsl_rng *r)
{
    double total = 0.0;
    for (int k = 0; k < K; k++)
        total += s->q[k];
    double u = gsl_rng_uniform(r) * total, acc = 0.0;
    int pick = K - 1;
    for (int k = 0; k < K; k++) {
        acc += s->q[k];
        if (u < acc) { pick = k; break; }
    }
    s->last = pick;
    return pick;
}

void ent_er_learn(ent_er_state *s, int K, double payoff, double phi, double eps, int stride)
{
    if (s->last < 0)
        return;
    if (payoff < s->u_min) s->u_min = payoff;
    if (payoff > s->u_max) s->u_max = payoff;
    double range = s->u_max - s->u_min;
    double R = range > 0.0 ? (payoff - s->u_min) / range : 0.0;
    int j = s->last;
    int left = j >= stride, right = j + stride < K, nb = left + right;
    for (int k = 0; k < K; k++) {
        double e = 0.0;
        if (k == j) e = R * (nb ? 1.0 - eps : 1.0);
        else if (nb && (k == j - stride || k == j + stride)) e = R * eps / nb;
        s->q[k] = (1.0 - phi) * s->q[k] + e;
        if (s->q[k] < 1e-12) s->q[k] = 1e-12;
    }
}
