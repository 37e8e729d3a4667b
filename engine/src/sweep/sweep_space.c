/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** sweep_space.c: how many bytes a sweep has left to write, and how many its
** disk has free (see sweep_int.h). A sweep whose files cannot fit is
** refused at the start, or stopped at a checkpoint once its rows show their
** length, rather than filling the disk and failing at the write that finds
** it full (sweep_run.c: space_short).
*/
#define _POSIX_C_SOURCE 200809L
#include "sweep/sweep_int.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>

/* a * b + c, or UINT64_MAX if it overflows */
static uint64_t mul_add(uint64_t a, uint64_t b, uint64_t c)
{
    if (b && a > (UINT64_MAX - c) / b)
        return UINT64_MAX;
    return a * b + c;
}

uint64_t ent_i_space_need(const ent_i_space_left *left)
{
    return mul_add(left->runs, left->per_run, mul_add(left->points, left->per_point, 0));
}

int ent_i_free_bytes(const char *path, uint64_t *out)
{
    char dir[4200];
    if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir) {
        errno = ENAMETOOLONG;
        return -1;
    }
    struct statvfs v;
    while (statvfs(dir, &v) != 0) {
        if (errno != ENOENT)
            return -1;
        /* not made yet: the folder it will be made in */
        char *slash = strrchr(dir, '/');
        if (slash == dir)
            dir[1] = '\0';
        else if (slash)
            *slash = '\0';
        else if (strcmp(dir, "."))
            strcpy(dir, ".");
        else
            return -1;
    }
    if (v.f_blocks == 0) {
        /* a file system that reports no size (some FUSE and network ones):
        ** its free space is unknown, not nil */
        errno = ENOTSUP;
        return -1;
    }
    uint64_t unit = v.f_frsize ? (uint64_t)v.f_frsize : (uint64_t)v.f_bsize;
    *out = mul_add((uint64_t)v.f_bavail, unit, 0);
    return 0;
}

void ent_i_human_bytes(char *buf, size_t cap, uint64_t n)
{
    static const char *const unit[] = { "kB", "MB", "GB", "TB", "PB", "EB" };
    if (n < 1000) {
        snprintf(buf, cap, "%llu bytes", (unsigned long long)n);
        return;
    }
    double x = (double)n / 1000;
    int u = 0;
    while (x >= 999.95 && u < 5) {
        x /= 1000;
        u++;
    }
    snprintf(buf, cap, "%.1f %s", x, unit[u]);
}
