/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** bulkfile.h: an output file that grows by hundreds of MB (a sweep's
** runs.csv), appended in large aligned pieces written with direct I/O
** (O_DIRECT) where the file system takes it.
**
** Why: direct I/O spares the kernel copying every byte into the page cache,
** which is most of the CPU such a file costs; and the pieces are written by
** a thread of the file's own while the caller goes on, so the disk's time
** overlaps the caller's work instead of adding to it.
**
** How: the caller's bytes are copied into pieces of 2 MB (a few, as the
** caller asks); each whole piece
** goes to the writer thread. A sync hands over what is whole and copies the
** last bytes short of an aligned length, which the thread writes through the
** page cache before fdatasync (they go again, directly, once their piece is
** whole). Work is done in the order it was handed over. Where direct I/O is
** refused (tmpfs, some network file systems) or not asked for, the file is
** written plainly, straight from the caller's buffers, with no thread, and
** everything happens before each call returns.
**
** Every function returning int gives 0 or an errno value: the first error
** of any write, sync or action so far (a write that failed on the writer
** thread shows at the next call). After an error the file's length on disk
** is unknown and the caller gives up on it.
*/
#ifndef ENT_IO_BULKFILE_H
#define ENT_IO_BULKFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

typedef struct ent_bulkfile ent_bulkfile;

/* Open path for appending. fresh: create it empty (or empty it); else it
** must exist with at least `keep` bytes, and is cut to them (ERANGE if it
** is shorter). direct: use direct I/O if the file system takes it, with
** `pieces` pieces of 2 MB (2 to 8; resident from the start: the memory does
** not grow with the file), or smaller ones when the caller expects to
** append fewer than `pieces` x 2 MB: `expect` bytes at most (0: unknown;
** a guess too small costs speed, not bytes). *out is NULL on error. */
int ent_bulkfile_open(ent_bulkfile **out, const char *path, uint64_t keep, bool fresh, bool direct, int pieces,
                      uint64_t expect);
/* Append the bytes of iov[0..n) (copied before the call returns: the
** caller's buffers are free again). */
int ent_bulkfile_writev(ent_bulkfile *f, const struct iovec *iov, int n);
/* Once everything appended so far is on disk (file data and length), call
** then(ctx, copy of the `size` bytes at snap), unless an error came first:
** before returning in plain mode; later, on the writer thread, in direct
** mode (in the order of the calls). then returns 0 or an errno value; NULL:
** no action. */
int ent_bulkfile_sync_then(ent_bulkfile *f, int (*then)(void *ctx, const void *snap), void *ctx,
                           const void *snap, size_t size);
/* The same, and *ticket: the sync's number, for ent_bulkfile_wait (0 if
** the call failed). */
int ent_bulkfile_sync_ticket(ent_bulkfile *f, int (*then)(void *ctx, const void *snap), void *ctx,
                             const void *snap, size_t size, uint64_t *ticket);
/* Wait until the sync `ticket` is done (its action included): 0, or the
** file's error. Any thread may call it, also another file's writer thread
** (so that one file's action waits for another file's bytes), but not this
** file's own, from inside an action (it would wait for itself); and not
** once f is closed. */
int ent_bulkfile_wait(ent_bulkfile *f, uint64_t ticket);
/* Wait until everything handed over is done. */
int ent_bulkfile_drain(ent_bulkfile *f);
/* Sync, drain, close and free (always, even on error); *direct (if not
** NULL): whether direct I/O was in use to the end. NULL f: nothing. */
int ent_bulkfile_close(ent_bulkfile *f, bool *direct);
/* Let what was handed over finish (a later resume reads what it left),
** then close and free, with no final sync. NULL: nothing. */
void ent_bulkfile_discard(ent_bulkfile *f);
/* Whether direct I/O is in use (it may stop being so if the file system
** refuses the first direct write). */
bool ent_bulkfile_is_direct(ent_bulkfile *f);

#endif
