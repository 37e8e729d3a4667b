/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** hugemem.h: buffers in whole 2 MB pages, which the kernel may back with
** huge pages, for memory that is written a few bytes at a time megabytes
** apart (a block's rows, a file's pieces, MPI's result messages): with 4 KB
** pages every row costs a TLB miss, and a fresh page a fault.
*/
#ifndef ENT_CORE_HUGEMEM_H
#define ENT_CORE_HUGEMEM_H

#include <stddef.h>

/* The size of a huge page, and the alignment of what ent_i_huge_alloc gives. */
#define ENT_HUGE_PAGE ((size_t)2 << 20)

/* At least *n bytes, aligned to ENT_HUGE_PAGE, *n rounded up to whole
** pages; huge pages asked for (a hint: plain pages where the kernel has
** none). Not cleared. Freed with free(); NULL when out of memory. */
void *ent_i_huge_alloc(size_t *n);

#endif
