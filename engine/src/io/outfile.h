/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** outfile.h: single result files written atomically (to a temporary name,
** renamed into place once complete), and the one formatter of numbers and
** text in the CSV and JSON the library and the program write. Failures are
** reported through ent_i_errorf (api.h: ent_last_error and the error hook).
*/
#ifndef ENT_OUTFILE_H
#define ENT_OUTFILE_H

#include <stdio.h>
#include "entente/diag.h"
#include "core/error.h"

typedef struct {
    FILE *f;
    char final_path[4096];
    char tmp_path[4096];
} ent_outfile;

/* Open DIR/NAME for atomic writing. 0 on success; -1 (reported). */
int ent_outfile_open(ent_outfile *o, const char *dir, const char *name);
/* Flush, fsync, close and rename into place. 0 on success; -1 (reported). */
int ent_outfile_commit(ent_outfile *o);
/* Close and delete the temporary file. */
void ent_outfile_abort(ent_outfile *o);

/* A CSV field: NA for NaN, else the shortest of %.15g, %.16g, %.17g that reads back. */
void ent_csv_num(FILE *f, double v);
/* A CSV text field, quoted when needed. */
void ent_csv_str(FILE *f, const char *s);
/* A JSON string literal with escapes. */
void ent_json_str(FILE *f, const char *s);
/* A JSON number (null for NaN or infinity). */
void ent_json_num(FILE *f, double v);

/* Report a failure: kept as this thread's last error (ent_last_error) and
** passed to the error hook, if the program set one (ent_set_error_hook). */

#endif
