/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hugemem.c: see hugemem.h. */
#define _DEFAULT_SOURCE         /* madvise, MADV_HUGEPAGE */
#include <stdlib.h>
#include <sys/mman.h>
#include "core/hugemem.h"

void *ent_i_huge_alloc(size_t *n)
{
    size_t sz = (*n + ENT_HUGE_PAGE - 1) / ENT_HUGE_PAGE * ENT_HUGE_PAGE;
    if (sz < *n)
        return NULL;            /* the rounding overflowed */
    void *p = NULL;
    if (posix_memalign(&p, ENT_HUGE_PAGE, sz))
        return NULL;
#ifdef MADV_HUGEPAGE
    madvise(p, sz, MADV_HUGEPAGE);
#endif
    *n = sz;
    return p;
}
