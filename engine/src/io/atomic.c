/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** atomic.c: the one atomic file writer (entente/atomic.h): a temporary file
** beside the final one, flushed, synced, closed and renamed into place; and
** reading a whole file.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core/status.h"
#include "io/atomic.h"

int ent_i_file_commit(FILE *f, const char *tmp, const char *path)
{
    int e = 0;
    if (ferror(f))
        e = errno ? errno : EIO;
    if (!e && fflush(f) != 0)
        e = errno ? errno : EIO;
    if (!e && fsync(fileno(f)) != 0)
        e = errno ? errno : EIO;
    if (fclose(f) != 0 && !e)
        e = errno ? errno : EIO;
    if (!e && rename(tmp, path) != 0)
        e = errno ? errno : EIO;
    if (e)
        unlink(tmp);
    return e;
}

int ent_i_outfile_open(ent_outfile *o, const char *dir, const char *name)
{
    memset(o, 0, sizeof *o);
    int n1 = snprintf(o->final_path, sizeof o->final_path, "%s/%s", dir, name);
    int n2 = snprintf(o->tmp_path, sizeof o->tmp_path, "%s/.%s.tmp.%ld", dir, name, (long)getpid());
    if (n1 < 0 || n2 < 0 || (size_t)n1 >= sizeof o->final_path || (size_t)n2 >= sizeof o->tmp_path)
        return -1;
    o->f = fopen(o->tmp_path, "w");
    return o->f ? 0 : errno ? errno : EIO;
}

int ent_i_outfile_commit(ent_outfile *o)
{
    int e = ent_i_file_commit(o->f, o->tmp_path, o->final_path);
    o->f = NULL;
    return e;
}

int ent_outfile_open(ent_outfile *o, const char *dir, const char *name)
{
    int e = ent_i_outfile_open(o, dir, name);
    if (e < 0) {
        ent_i_errorf("path too long: %s/%s", dir, name);
        return -1;
    }
    if (e) {
        ent_i_errorf("cannot write '%s': %s", o->final_path, strerror(e));
        return -1;
    }
    return 0;
}

int ent_outfile_commit(ent_outfile *o)
{
    /* the first failure is the one to report: a full disk shows as a failed
    ** write, flush, fsync or close, depending on where the buffer stood */
    int e = ent_i_outfile_commit(o);
    if (e) {
        ent_i_errorf("cannot write '%s': %s", o->final_path, strerror(e));
        return -1;
    }
    return 0;
}

void ent_outfile_abort(ent_outfile *o)
{
    if (o->f)
        fclose(o->f);
    o->f = NULL;
    unlink(o->tmp_path);
}

char *ent_slurp(const char *path, size_t *len, ent_diags *d)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (d) ent_diags_addf(d, 0, 0, "cannot read: %s", strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n + 1 >= cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) { free(buf); buf = NULL; break; }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (!buf || bad) {
        free(buf);
        if (d) ent_diags_addf(d, 0, 0, bad ? "read error" : "out of memory");
        return NULL;
    }
    buf[n] = 0;
    if (len) *len = n;
    return buf;
}
