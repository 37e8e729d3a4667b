/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** run_memo.h: the outcomes of a sweep's runs that would play again what an
** earlier run of the same point played.
**
** Why a reused run's outcomes are exactly its own. A run is a function of
** the scenario (its point's values in it) and of the words its random
** stream delivers. Its start (ent_i_run_start) is deterministic but for its
** draws: when every word drawn there went to a coin (ent_i_run_coin), the
** state it leaves is a function of the point and the coins' results. From
** equal states the rounds run the same code: if a run from that state drew
** no word in its rounds, another from it draws none either, takes the same
** branches and ends with the same outcomes, whatever its stream. So a run
** whose start drew the same coins, and nothing else, at the same point
** takes the outcomes of an earlier run that drew nothing after its coins.
** Whether a run drew anything else is read from its stream's count of
** words (ent_rng_words), not from what the stages say they draw, so a
** stage that draws anew is never reused wrongly. What stages keep from
** run to run (replay records) changes no outcome: that is what lets any
** thread play any run.
*/
#ifndef ENT_RUN_MEMO_H
#define ENT_RUN_MEMO_H

#include <stddef.h>
#include <stdint.h>
#include "sim/run_int.h"

typedef struct ent_i_run_memo ent_i_run_memo;

/* A memo for runs of n_out outcomes (ent_i_run_outcome_vector). NULL when
** out of memory. */
ent_i_run_memo *ent_i_run_memo_alloc(size_t n_out);
void ent_i_run_memo_free(ent_i_run_memo *m);
/* After ent_i_run_start(run, ., point, .): the outcomes (n_out) of an
** earlier run of `point` that this one would play again, and its rounds
** played in *rounds; or NULL (then play it). */
const double *ent_i_run_memo_find(ent_i_run_memo *m, const ent_run *run, uint64_t point, int *rounds);
/* After the rounds of a run of `point` that ent_i_run_memo_find did not
** know, and its outcomes `out` (n_out): kept if later runs can take them. */
void ent_i_run_memo_keep(ent_i_run_memo *m, const ent_run *run, uint64_t point, const double *out);

#endif
