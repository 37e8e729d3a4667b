/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** outdir.h: result folders are replaced as a whole.
**
** The rule, for every command that writes a result folder DIR: take the
** exclusive lock on DIR (a hidden .NAME.lock file beside it, so that two
** writers never mix their files), write every file into a fresh sibling
** folder, and only when all of it is on disk swap that folder into place
** (one atomic exchange where the file system offers it, else rename the old
** aside, rename the new in) and remove the old one. At every instant DIR
** holds either the old complete result or the new complete one. Folders
** nested in a result folder (other than plots/) are results of their own,
** such as the default results/NAME/sweep, and move to the new folder.
** Errors are returned as text in err (cap bytes).
*/
#ifndef ENT_OUTDIR_H
#define ENT_OUTDIR_H

#include "entente/export.h"
ENT_BEGIN_DECLS

#include <stddef.h>

typedef struct {
    int fd;                     /* -1 when not held */
    char path[4400];
} ent_dirlock;

typedef struct {
    char dir[4096];             /* the folder to replace, without trailing '/' */
    char stage[4400];           /* where the new content is written */
    int active;
    int carry;                  /* move results nested in the old folder to the new */
} ent_staged;

/* Take the lock on DIR, creating its parent folders. 0; -1 with the reason
** in err (another process holds it, or the lock file cannot be made). */
int ent_dirlock_take(ent_dirlock *l, const char *dir, char *err, size_t cap);
void ent_dirlock_release(ent_dirlock *l);
/* Start replacing DIR (the caller holds its lock): refuse a DIR that is not
** a folder or (if check) holds something other than a result, clear what an
** earlier crash left beside it, and name the hidden staging folder, created
** empty if make. 0 or -1 (err). */
int ent_staged_begin(ent_staged *s, const char *dir, int check, int make, char *err, size_t cap);
/* Make the staged folder DIR (after renaming FROM to it, if given: a folder
** prepared elsewhere, which a failure before the swap gives back), and drop
** the old DIR. 0 or -1 (err); on -1 DIR is the old result or, if only the
** final fsync failed, the new one. */
int ent_staged_commit(ent_staged *s, const char *from, char *err, size_t cap);
/* Remove the staging folder. */
void ent_staged_discard(ent_staged *s);
/* Create the folders along PATH (like mkdir -p). 0; -1 with errno. */
int ent_mkdirs(const char *path);

ENT_END_DECLS

#endif
