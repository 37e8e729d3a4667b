/*
** output.h: writing result files safely. A result folder is written as a
** whole (resdir.h): under a lock, into a hidden sibling folder that replaces
** the old one only when every file is complete. Single files added to a
** folder are written to a temporary name and renamed into place.
*/
#ifndef ENT_CLI_OUTPUT_H
#define ENT_CLI_OUTPUT_H

#include <stdio.h>
#include "entente/diag.h"
#include "resdir.h"

typedef struct {
    FILE *f;
    char final_path[4096];
    char tmp_path[4096];
} ent_outfile;

/* A result folder being written: its lock and the staging folder. */
typedef struct {
    ent_dirlock lock;
    ent_staged st;
} ent_folder;

/* Lock DIR and make the empty folder to write its new content into
** (f->st.stage). 0; -1 after printing why ("entente CMD: ..."). */
int ent_folder_begin(ent_folder *f, const char *cmd, const char *dir);
/* Swap the written folder in as DIR, remove the old, unlock. 0 or -1 (printed). */
int ent_folder_commit(ent_folder *f, const char *cmd);
/* Drop what was written and unlock; DIR keeps its old content. */
void ent_folder_abort(ent_folder *f);

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
