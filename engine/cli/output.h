/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** output.h: writing result files safely (single files and the CSV and JSON
** formatters are the library's: entente/atomic.h, entente/numfmt.h). A
** result folder is written as a whole (entente/outdir.h): under a lock, into
** a hidden sibling folder that replaces the old one only when every file is
** complete. Single files added to a folder are written to a temporary name
** and renamed into place.
*/
#ifndef ENT_CLI_OUTPUT_H
#define ENT_CLI_OUTPUT_H

#include <stdio.h>
#include "entente/diag.h"
#include "entente/atomic.h"
#include "entente/numfmt.h"
#include "entente/outdir.h"

/* A result folder being written: its lock and the staging folder. */
typedef struct {
    ent_dirlock lock;
    ent_staged st;
} ent_folder;

/* Longest result folder name, in all and between slashes: room is left for
** the hidden siblings (.NAME.lock, .NAME.new.*) and the files inside. */
#define ENT_FOLDER_PATH_MAX 3800
#define ENT_FOLDER_PART_MAX 200
/* 0 if DIR can name a result folder; else -1 after printing why ("entente
** CMD: ..."). Checked before anything is made: a name the system refuses
** must not leave the folders along it behind. */
int ent_folder_name_check(const char *cmd, const char *dir);
/* Lock DIR and make the empty folder to write its new content into
** (f->st.stage). 0; -1 after printing why ("entente CMD: ..."). */
int ent_folder_begin(ent_folder *f, const char *cmd, const char *dir);
/* Swap the written folder in as DIR, remove the old, unlock. 0 or -1 (printed). */
int ent_folder_commit(ent_folder *f, const char *cmd);
/* Drop what was written and unlock; DIR keeps its old content. */
void ent_folder_abort(ent_folder *f);

/* The program's error hook (main.c installs it): prints "entente: MSG" on
** stderr, naming the result folder the user asked for, not its staging one. */
void ent_cli_print_error(void *ctx, const char *msg);

#endif
