/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** bulkfile.h: an output file that grows by hundreds of MB (a sweep's
** runs.csv), appended in large aligned pieces written with direct I/O
** (O_DIRECT) where the file system takes it. Direct I/O spares the kernel
** copying every byte into the page cache, which is most of what writing such
** a file costs in CPU. Bytes short of a whole aligned piece wait in memory
** until the next piece or a sync, which writes them through the page cache
** (and writes them again, directly, once their piece is whole). Where direct
** I/O is refused (tmpfs, some network file systems) or not asked for, the
** file is written plainly, straight from the caller's buffers.
**
** Every function returns 0 or an errno value; after an error the file's
** length on disk is unknown and the caller gives up on it.
*/
#ifndef ENT_IO_BULKFILE_H
#define ENT_IO_BULKFILE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/uio.h>

typedef struct ent_bulkfile ent_bulkfile;

/* Open path for appending. fresh: create it empty (or empty it); else it
** must exist with at least `keep` bytes, and is cut to them. direct: use
** direct I/O if the file system takes it. *out is NULL on error. */
int ent_bulkfile_open(ent_bulkfile **out, const char *path, uint64_t keep, bool fresh, bool direct);
/* Append the bytes of iov[0..n). */
int ent_bulkfile_writev(ent_bulkfile *f, const struct iovec *iov, int n);
/* Everything appended so far on disk (file data and length). */
int ent_bulkfile_sync(ent_bulkfile *f);
/* Sync, then close and free (always, even on error). NULL: nothing. */
int ent_bulkfile_close(ent_bulkfile *f);
/* Close and free without syncing (after a failure, or when the file is
** left to a later resume, which checks it). NULL: nothing. */
void ent_bulkfile_discard(ent_bulkfile *f);
/* Whether direct I/O is in use (it may stop being so at the first write,
** if the file system refuses it then). */
bool ent_bulkfile_is_direct(const ent_bulkfile *f);

#endif
