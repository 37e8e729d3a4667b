/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** narrate.h: a run told in plain words, round by round, from its event log
** and its trace: who demanded what, with which threat; how each ally
** answered and what it believed of the patron; what its legislature
** ratified and why; threats carried out or withdrawn; hedging portfolios and
** beliefs that moved. Quiet rounds are summarised together.
**
** Used by `entente run --narrate`; a round at a time by anything that plays
** a run round by round. The phrase helpers at the end are shared with the
** account at the top of a report (report_story.c), so that both say the same
** thing the same way.
*/
#ifndef ENT_CLI_NARRATE_H
#define ENT_CLI_NARRATE_H

#include <stddef.h>
#include <stdio.h>
#include "entente/entente.h"

/* The whole run: a heading line, one paragraph per eventful round (quiet
** rounds grouped into one short paragraph), a closing paragraph. The run must
** have been executed with ENT_RUN_TRACE | ENT_RUN_EVENTS. 0, or -1 when out
** of memory (nothing written). */
int ent_narrate_run(FILE *f, const ent_run *run);

/* One round's paragraph ("Round 3: ..."), whatever happened in it; round is
** 1-based and at most ent_run_rounds_played(run). Returns 1 if the round was quiet
** (nothing but contributions as in the round before), 0 if not, -1 when out
** of memory (nothing written). */
int ent_narrate_round(FILE *f, const ent_run *run, int round);

/* ---- phrases shared with report_story.c ---------------------------------- */

/* "never", "once", "twice", else "N times". */
void ent_phrase_count(FILE *f, size_t n);
/* The answer to a demand in the past tense, by event name ("comply",
** "concede", "defy"): "complied", "conceded part of the demand", "defied";
** NULL for any other name. */
const char *ent_phrase_answer_past(const char *event);
/* The instruments of a threat (ENT_INSTR_* bits) as a phrase: "a drawdown of
** its forces and guarantee and tariffs on South Korea's exports", with the
** patron's and the target's possessives ("its", "South Korea's"; the
** classroom says "your" to whichever it addresses). */
void ent_phrase_instruments(char *buf, size_t cap, unsigned instr, const char *patrons, const char *allys);

#endif
