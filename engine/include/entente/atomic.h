/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** atomic.h: whole files. Written atomically: to a hidden temporary name in
** the same folder, then flushed, synced and renamed into place once
** complete, so that a reader sees the old file or the whole new one (the one
** way the library and the program write a file; failures are reported
** through ent_last_error and the error hook, status.h). And read whole.
*/
#ifndef ENT_ATOMIC_H
#define ENT_ATOMIC_H

#include "entente/export.h"
ENT_BEGIN_DECLS

#include <stddef.h>
#include <stdio.h>
#include "entente/diag.h"

typedef struct {
    FILE *f;                    /* write the content here */
    char final_path[4096];
    char tmp_path[4096];
} ent_outfile;

/* Open DIR/NAME for atomic writing (into DIR/.NAME.tmp.PID). 0 on success;
** -1 (reported). */
int ent_outfile_open(ent_outfile *o, const char *dir, const char *name);
/* Flush, fsync, close and rename into place. 0 on success; -1 (reported,
** the temporary file removed). */
int ent_outfile_commit(ent_outfile *o);
/* Close and delete the temporary file. */
void ent_outfile_abort(ent_outfile *o);

/* The whole file, NUL-terminated (its length in *len if len), or NULL with
** the reason in d (if d): "cannot read: <system message>", "read error" or
** "out of memory". Free with free(). */
char *ent_slurp(const char *path, size_t *len, ent_diags *d);

ENT_END_DECLS

#endif
