/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** burden_sharing.h: what the burden_sharing stage keeps of each agent
** (stage_burden.c). Share, spending and the patron's demand are shared state
** (sim/run_int.h): other stages move them; the weights of the utility and
** the running figures of the outcomes are this stage's alone.
*/
#ifndef ENT_STAGE_BURDEN_SHARING_H
#define ENT_STAGE_BURDEN_SHARING_H

#include <math.h>
#include "entente/run.h"
#include "entente/stage.h"

extern const ent_stage_type ent_stage_burden_sharing;
extern const ent_strategy_type *const ent_burden_strategies[];    /* strategies_burden.c */

/* The myopic best response ("nash"), the stage's default strategy. The stage
** plays it inline rather than through decide() (the same bits: both take the
** share from ent_i_burden_nash_share). */
extern const ent_strategy_type ent_i_burden_nash;

/* The nash strategy's share from its best response m >= 0 (USD bn): p[0] is
** its inertia, the weight on last round's share. Without inertia the
** formula is m / gdp to the bit (1 x = x, and x + 0 s = x for x >= +0 and a
** finite share s), so that case skips a product and a sum. */
static inline double ent_i_burden_nash_share(const double *p, double m, double gdp, double share)
{
    if (p[0] == 0.0)
        return m / gdp;
    return (1.0 - p[0]) * (m / gdp) + p[0] * share;
}

/* The other stateless strategies the stage plays inline, with the share
** each decides stated once here for both their decide() and the stage. */
extern const ent_strategy_type ent_i_burden_comply, ent_i_burden_reciprocal, ent_i_burden_fixed,
    ent_i_burden_free_ride;

/* comply: p[0] the speed, p[1] the tolerance; demand NaN for the patron. */
static inline double ent_i_burden_comply_share(const double *p, double demand, double share)
{
    double gap = isnan(demand) ? 0.0 : demand - share;
    if (gap <= 0.0)
        return share;
    if (gap * (1.0 - p[0]) < p[1])
        return demand;      /* close enough: meet it rather than creep forever */
    return share + p[0] * gap;
}

/* reciprocal: p[0] the step, p[1] the lowest share, p[2] the highest;
** patron_act the patron's act toward the agent last round (ent_patron_act). */
static inline double ent_i_burden_reciprocal_share(const double *p, int round, int patron_act, double share)
{
    double hi = p[2];
    double x = share;
    if (round > 1) {
        if (patron_act >= ENT_ACT_CUT)
            x -= p[0];          /* abandonment or a cut: answer in kind */
        else if (patron_act == ENT_ACT_KEPT)
            x += p[0];          /* reliability: reciprocate */
    }
    if (x > hi) x = share > hi ? share : hi;    /* never forced down by the cap */
    if (x < p[1]) x = p[1];
    return x;
}

/* fixed and free_ride: p[0] the share, NaN (fixed only) for the initial one. */
static inline double ent_i_burden_fixed_share(const double *p, double share0)
{
    return isnan(p[0]) ? share0 : p[0];
}

typedef struct {
    double alpha;           /* effective weight on security this round */
    double alpha0;          /* weight on security at zero threat */
    double psi;             /* private share of defence benefit */
    double share_sum;       /* sum of shares over rounds played */
    int rounds_meeting;     /* rounds with share >= demand */
} ent_i_burden_agent;

#endif
