/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** output.c: result folders replaced as a whole, and how the program prints
** the library's errors.
*/
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "output.h"

/* While a result folder is staged, messages name the folder the user asked
** for, not the hidden one being written. */
static char shown_from[4400], shown_to[4096];

static const char *shown(const char *path, char *buf, size_t cap)
{
    size_t n = strlen(shown_from);
    if (n && !strncmp(path, shown_from, n) && (path[n] == '/' || !path[n])) {
        snprintf(buf, cap, "%s%s", shown_to, path + n);
        return buf;
    }
    return path;
}

void ent_cli_print_error(void *ctx, const char *msg)
{
    (void)ctx;
    /* a path quoted in the message that lies in the staging folder */
    size_t n = strlen(shown_from);
    const char *q = n ? strchr(msg, '\'') : NULL;
    for (; q; q = strchr(q + 1, '\''))
        if (!strncmp(q + 1, shown_from, n) && (q[1 + n] == '/' || q[1 + n] == '\'')) {
            fprintf(stderr, "entente: %.*s%s%s\n", (int)(q + 1 - msg), msg, shown_to, q + 1 + n);
            return;
        }
    fprintf(stderr, "entente: %s\n", msg);
}

int ent_folder_name_check(const char *cmd, const char *dir)
{
    size_t part = 0, longest = 0;
    for (const char *p = dir; *p; p++) {
        part = *p == '/' ? 0 : part + 1;
        if (part > longest)
            longest = part;
    }
    if (strlen(dir) <= ENT_FOLDER_PATH_MAX && longest <= ENT_FOLDER_PART_MAX)
        return 0;
    fprintf(stderr, "entente %s: the result folder's name is too long: %zu bytes, %zu in its longest "
            "part between slashes, where at most %d and %d are allowed\n", cmd, strlen(dir), longest,
            ENT_FOLDER_PATH_MAX, ENT_FOLDER_PART_MAX);
    return -1;
}

int ent_folder_begin(ent_folder *f, const char *cmd, const char *dir)
{
    char err[8800];
    memset(f, 0, sizeof *f);
    f->lock.fd = -1;
    if (ent_folder_name_check(cmd, dir))
        return -1;
    if (ent_dirlock_take(&f->lock, dir, err, sizeof err) ||
        ent_staged_begin(&f->st, dir, 1, 1, err, sizeof err)) {
        fprintf(stderr, "entente %s: %s\n", cmd, err);
        ent_dirlock_release(&f->lock);
        return -1;
    }
    snprintf(shown_from, sizeof shown_from, "%s", f->st.stage);
    snprintf(shown_to, sizeof shown_to, "%s", f->st.dir);
    return 0;
}

int ent_folder_commit(ent_folder *f, const char *cmd)
{
    char err[9000];
    int rc = ent_staged_commit(&f->st, NULL, err, sizeof err);
    if (rc) {
        char buf[9000];
        fprintf(stderr, "entente %s: %s\n", cmd, shown(err, buf, sizeof buf));
    }
    ent_folder_abort(f);
    return rc;
}

void ent_folder_abort(ent_folder *f)
{
    ent_staged_discard(&f->st);
    ent_dirlock_release(&f->lock);
    shown_from[0] = 0;
}

