/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** bayes_inline.h: the beliefs stage's update, ent_bayes_update(p, lt, lc,
** 0, 2), written out for the stage's case (no tremble, two events), so the
** call, the division 1 / n_events and the products by 1 and 0 go. Without
** a tremble each likelihood there is 1 x l + 0 x (1/2), which is l + 0 to
** the bit (the + 0 kept: it turns -0 into +0); test_same_bits checks it.
*/
#ifndef ENT_STAGES_BAYES_INLINE_H
#define ENT_STAGES_BAYES_INLINE_H

static inline double ent_i_bayes_update_exact(double p, double lt, double lc)
{
    lt = lt + 0.0;
    lc = lc + 0.0;
    double num = p * lt, den = num + (1.0 - p) * lc;
    return den > 0.0 ? num / den : p;
}

#endif
