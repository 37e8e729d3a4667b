/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** run_memo.h: the outcomes of a sweep's runs that would play again what an
** earlier run of the same point played, found before the run is started.
**
** Why a reused run's outcomes are exactly its own. A run is a function of
** the scenario (its point's values in it) and of the words its random
** stream delivers. Suppose run A of a point drew, in its whole course,
** nothing but k coins at its start (ent_i_run_coin): coin j with
** probability q_j, result b_j, taking the stream's word j. Another run B of
** the point runs the same code on the same state up to its first draw, so
** its coin 0 asks q_0 too, and takes its word 0, u_0: if u_0 < q_0 is b_0,
** B's state after it is A's, and so on through coin k - 1. From there B
** runs A's code on A's state: it draws nothing, as A did not, and ends with
** A's outcomes whatever the rest of its stream. So B takes A's outcomes
** when its first k words give A's k results, which is read from B's stream
** alone: B is never started. Whether A drew anything but its coins is read
** from its stream's count of words (ent_rng_words), not from what the
** stages say they draw, so a stage that draws anew is never reused wrongly.
** What stages keep from run to run (replay records) changes no outcome:
** that is what lets any thread play any run, and skip one.
*/
#ifndef ENT_RUN_MEMO_H
#define ENT_RUN_MEMO_H

#include <stddef.h>
#include <stdint.h>
#include "sim/run_int.h"

typedef struct ent_i_run_memo ent_i_run_memo;

/* Runs kept per point: a start with c coins has at most 2^c kinds, and the
** shipped scenarios draw one (the patron's type) or none. The runs kept are
** those of the last ENT_I_RUN_MEMO_WAYS stamps given, so what a caller
** keeps beside a stamp s can live at s % ENT_I_RUN_MEMO_WAYS. */
#define ENT_I_RUN_MEMO_WAYS 8

/* A memo for runs of n_out outcomes (ent_i_run_outcome_vector). NULL when
** out of memory. */
ent_i_run_memo *ent_i_run_memo_alloc(size_t n_out);
void ent_i_run_memo_free(ent_i_run_memo *m);
/* Before run (seed, point, replicate) is started: the outcomes (n_out) of
** an earlier run of `point` that it would play again, its rounds played in
** *rounds and the stamp of those outcomes in *stamp; or NULL (then start
** and play it). Moves run's stream only. */
const double *ent_i_run_memo_find(ent_i_run_memo *m, ent_run *run, uint64_t seed, uint64_t point,
                                  uint64_t replicate, int *rounds, uint64_t *stamp);
/* After a run of `point` that ent_i_run_memo_find did not know, and its
** outcomes `out` (n_out): kept if later runs can take them. Returns their
** stamp, or 0 when not kept. A stamp is never given twice by one memo:
** runs with the same stamp are runs of one point with the same outcomes.
** Stamps are given in order 1, 2, 3, ... */
uint64_t ent_i_run_memo_keep(ent_i_run_memo *m, const ent_run *run, uint64_t point, const double *out);

#endif
