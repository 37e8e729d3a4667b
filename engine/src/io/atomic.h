/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** atomic.h: the atomic file writer's internal side (entente/atomic.h is the
** public one): the same writer without the error report, for the library's
** writers that return their errors in a buffer of their own.
*/
#ifndef ENT_IO_ATOMIC_H
#define ENT_IO_ATOMIC_H

#include <stdio.h>
#include "entente/atomic.h"

/* ent_outfile_open without the report: 0, an errno value, or -1 when the
** names do not fit. */
int ent_i_outfile_open(ent_outfile *o, const char *dir, const char *name);
/* ent_outfile_commit without the report: 0, or the errno of the first
** failure (the temporary file is then removed). */
int ent_i_outfile_commit(ent_outfile *o);
/* Finish a file written to tmp and put it in place as path: flush, fsync,
** close (always) and rename. 0, or the errno of the first failure (the
** write error a full disk shows at whichever of these it surfaces), with
** tmp removed. */
int ent_i_file_commit(FILE *f, const char *tmp, const char *path);

#endif
