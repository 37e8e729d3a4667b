/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** results.h: the files of one run, as `entente run` writes them: trace.csv,
** outcomes.csv, events.csv and manifest.json.
*/
#ifndef ENT_RESULTS_H
#define ENT_RESULTS_H

#include "entente/export.h"
ENT_BEGIN_DECLS

#include <stddef.h>
#include <stdint.h>
#include "entente/run.h"
#include "entente/status.h"

/* Write trace.csv, outcomes.csv, events.csv and manifest.json of `run` into
** dir (which must exist), each atomically. `command` names the command in the
** manifest, `wall` is the run's time in seconds, sets the PATH=VALUE changes
** made (recorded as overrides). ENT_OK, or the failure's status
** (ent_last_error says why). */
ent_status ent_results_write(const ent_run *run, const char *dir, const char *command,
                             uint64_t seed, double wall, const char **sets, size_t n_sets);
/* The same with `extra`, one or more JSON members ("key": value, ...), added
** to the manifest before "events_dropped" (NULL: none). */
ent_status ent_results_write_extra(const ent_run *run, const char *dir, const char *command,
                                   uint64_t seed, double wall, const char **sets, size_t n_sets,
                                   const char *extra);

ENT_END_DECLS

#endif
