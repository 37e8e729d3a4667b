/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** resdir.h: the internal helpers of result folders replaced as a whole (the
** rule and the public functions are in entente/outdir.h).
*/
#ifndef ENT_RESDIR_H
#define ENT_RESDIR_H

#include <stddef.h>
#include "entente/outdir.h"

/* The name of a sweep's checkpoint file: a folder holding it is a result. */
#define ENT_CHECKPOINT_FILE "sweep.checkpoint"

/* DIR without trailing slashes into out. 0, or -1 if it does not fit or
** names no folder that can be replaced ("", ".", "..", "/"). */
int ent_resdir_norm(const char *dir, char *out, size_t cap);
/* rm -r PATH (no error if it does not exist). 0 or -1. */
int ent_rmtree(const char *path);
/* fsync a folder (its entries). 0 or -1 with errno. */
int ent_fsync_dir(const char *path);
/* Whether the last name of DIR ends in ".partial": such names are the work
** folders of sweeps and calibrations (DIR.partial beside DIR), which no
** command takes as its --out. */
int ent_resdir_reserved(const char *dir);
/* Clear WORK, the work folder a sweep or calibration grows, for a fresh
** start: removed only if it holds nothing but such work's files (`ours`, a
** NULL-ended list of names, and their hidden temporary files ".NAME.tmp*");
** anything else is not this program's to delete. 0 (WORK is gone), or -1
** with the reason in err. */
int ent_workdir_clear(const char *work, const char *const *ours, char *err, size_t cap);

#endif
