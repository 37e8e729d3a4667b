/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** report_story.h: the short plain-language account at the top of a report,
** written from the result files (events and trace of a run, the summary of
** a sweep, the ranking of a tournament, the Sobol indices).
*/
#ifndef ENT_REPORT_STORY_H
#define ENT_REPORT_STORY_H

#include <stdio.h>
#include "entente/csv.h"

void ent_story_run(FILE *f, const ent_table *trace, const ent_table *events, const ent_table *outcomes);
void ent_story_sweep(FILE *f, const ent_table *summary);
/* A play folder: the student's path against the replayed strategies, from
** debrief.csv (checked by ent_play_debrief; NULL when the folder has none). */
void ent_story_play(FILE *f, const ent_table *debrief, const char *student);
void ent_story_tournament(FILE *f, const ent_table *ranking);
void ent_story_sensitivity(FILE *f, const ent_table *sens);

#endif
