/*
** output.h: writing result files safely. Every file is written to a
** temporary name in the same folder and renamed into place when complete,
** so a reader never sees half a result.
*/
#ifndef ENT_CLI_OUTPUT_H
#define ENT_CLI_OUTPUT_H

#include <stdio.h>
#include "entente/diag.h"

typedef struct {
    FILE *f;
    char final_path[4096];
    char tmp_path[4096];
} ent_outfile;

/* Create directories along `path` (like mkdir -p). 0 on success. */
int ent_mkdirs(const char *path);
/* The whole file, NUL-terminated (its length in *len if len), or NULL with
** the reason in d (if d): "cannot read: <system message>", "read error" or
** "out of memory". Free with free(). */
char *ent_slurp(const char *path, size_t *len, ent_diags *d);
/* Open DIR/NAME for atomic writing. 0 on success; on failure prints why. */
int ent_outfile_open(ent_outfile *o, const char *dir, const char *name);
/* Flush, fsync, close and rename into place. 0 on success. */
int ent_outfile_commit(ent_outfile *o);
/* Close and delete the temporary file. */
void ent_outfile_abort(ent_outfile *o);

/* A CSV field: NA for NaN, else %.15g. */
void ent_csv_num(FILE *f, double v);
/* A CSV text field, quoted when needed. */
void ent_csv_str(FILE *f, const char *s);
/* A JSON string literal with escapes. */
void ent_json_str(FILE *f, const char *s);
/* A JSON number (null for NaN or infinity). */
void ent_json_num(FILE *f, double v);

#endif
