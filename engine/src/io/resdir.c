/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** resdir.c: replacing a result folder as a whole, under a lock (the rule is
** in entente/outdir.h), and making folders.
*/
#define _GNU_SOURCE             /* renameat2 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include "io/resdir.h"

int ent_mkdirs(const char *path)
{
    char buf[4096];
    if (strlen(path) >= sizeof buf || !*path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    strcpy(buf, path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = 0;
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(buf, 0777) != 0 && errno != EEXIST)
        return -1;
    struct stat st;
    if (stat(buf, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

int ent_resdir_norm(const char *dir, char *out, size_t cap)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    if (n == 0 || n + 1 > cap)
        return -1;
    memcpy(out, dir, n);
    out[n] = 0;
    const char *base = strrchr(out, '/');
    base = base ? base + 1 : out;
    return !*base || !strcmp(base, ".") || !strcmp(base, "..") ? -1 : 0;
}

/* parent and last component of a normalised path */
static void split(const char *dir, char *parent, size_t cap, const char **base)
{
    const char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(parent, cap, ".");
    else if (slash == dir)
        snprintf(parent, cap, "/");
    else
        snprintf(parent, cap, "%.*s", (int)(slash - dir), dir);
    *base = slash ? slash + 1 : dir;
}

int ent_fsync_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    int e = errno;
    close(fd);          /* read-only: nothing to lose on close */
    errno = e;
    return rc;
}

int ent_rmtree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path);
    DIR *d = opendir(path);
    if (!d)
        return -1;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char sub[4400];
        if ((size_t)snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) >= sizeof sub || ent_rmtree(sub))
            rc = -1;
    }
    closedir(d);
    return rmdir(path) ? -1 : rc;
}

int ent_resdir_reserved(const char *dir)
{
    static const char sfx[] = ".partial";
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    return n >= sizeof sfx - 1 && !memcmp(dir + n - (sizeof sfx - 1), sfx, sizeof sfx - 1);
}

/* The refusal of a reserved name (ent_resdir_reserved). */
static int reserved_refused(const char *dir, char *err, size_t cap)
{
    snprintf(err, cap, "cannot write a result into '%s': names ending in '.partial' are the work folders "
             "of sweeps and calibrations; choose another --out", dir);
    return -1;
}

/* Whether name is one of ours or the hidden temporary file of one. */
static int work_file(const char *name, const char *const *ours)
{
    for (size_t i = 0; ours[i]; i++) {
        size_t n = strlen(ours[i]);
        if (!strcmp(name, ours[i]) ||
            (name[0] == '.' && !strncmp(name + 1, ours[i], n) && !strncmp(name + 1 + n, ".tmp", 4)))
            return 1;
    }
    return 0;
}

int ent_workdir_clear(const char *work, const char *const *ours, char *err, size_t cap)
{
    struct stat st;
    if (lstat(work, &st) != 0)
        return 0;
    if (!S_ISDIR(st.st_mode)) {
        snprintf(err, cap, "'%s' is in the way of the work folder: it exists and is not a folder; "
                 "remove it or choose another --out", work);
        return -1;
    }
    DIR *d = opendir(work);
    if (!d) {
        snprintf(err, cap, "cannot read '%s': %s", work, strerror(errno));
        return -1;
    }
    struct dirent *e;
    int foreign = 0;
    char name[256] = "";
    while (!foreign && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char p[4400];
        snprintf(p, sizeof p, "%s/%s", work, e->d_name);
        if (!work_file(e->d_name, ours) || lstat(p, &st) != 0 || !S_ISREG(st.st_mode)) {
            foreign = 1;
            snprintf(name, sizeof name, "%s", e->d_name);
        }
    }
    closedir(d);
    if (foreign) {
        snprintf(err, cap, "the work folder '%s' holds '%s', which is not this command's work; remove it "
                 "or choose another --out", work, name);
        return -1;
    }
    if (ent_rmtree(work) != 0) {
        snprintf(err, cap, "cannot remove '%s': %s", work, strerror(errno));
        return -1;
    }
    return 0;
}

int ent_dirlock_take(ent_dirlock *l, const char *dir, char *err, size_t cap)
{
    l->fd = -1;
    char nd[4096], parent[4096], real[PATH_MAX];
    const char *base;
    if (ent_resdir_reserved(dir))
        return reserved_refused(dir, err, cap);
    /* "." (plotting the folder one is in) is locked by its real name */
    if (ent_resdir_norm(dir, nd, sizeof nd) && (!realpath(dir, real) || ent_resdir_norm(real, nd, sizeof nd))) {
        snprintf(err, cap, "cannot write a result into '%s': name a folder of its own", dir);
        return -1;
    }
    split(nd, parent, sizeof parent, &base);
    if (ent_mkdirs(parent)) {
        snprintf(err, cap, "cannot create the folder '%s': %s", parent, strerror(errno));
        return -1;
    }
    snprintf(l->path, sizeof l->path, "%s/.%s.lock", parent, base);
    /* The lock file is removed on release; a process that opened it just
    ** before must then notice it holds a lock on a deleted file and retry. */
    for (int attempt = 0; attempt < 100; attempt++) {
        int fd = open(l->path, O_RDONLY | O_CREAT | O_CLOEXEC, 0666);
        if (fd < 0) {
            snprintf(err, cap, "cannot create the lock file '%s': %s", l->path, strerror(errno));
            return -1;
        }
        if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
            int e = errno;
            close(fd);
            if (e == EWOULDBLOCK)
                snprintf(err, cap, "the folder '%s' is being written by another entente process; "
                         "wait for it to finish or choose another --out", nd);
            else
                snprintf(err, cap, "cannot lock '%s': %s", l->path, strerror(e));
            errno = e;
            return -1;
        }
        struct stat a, b;
        if (fstat(fd, &a) == 0 && stat(l->path, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
            l->fd = fd;
            return 0;
        }
        close(fd);
    }
    snprintf(err, cap, "cannot lock '%s'", l->path);
    return -1;
}

void ent_dirlock_release(ent_dirlock *l)
{
    if (l->fd < 0)
        return;
    unlink(l->path);
    close(l->fd);
    l->fd = -1;
}

/* Folders inside a result folder other than plots/ are results of their own
** (the default sweep folder is results/NAME/sweep inside a run's
** results/NAME): they are not part of the result that replaces the folder,
** and move from the old folder to the new; so do their lock files, which
** a writer of a nested result may hold (renamed, a lock file is the same
** file, so its holder keeps the lock and a second writer still meets it). */
static int carried(const char *parent, const struct dirent *e)
{
    const char *n = e->d_name;
    size_t len = strlen(n);
    if (!strcmp(n, ".") || !strcmp(n, "..") || !strcmp(n, "plots"))
        return 0;
    char p[4400];
    struct stat st;
    snprintf(p, sizeof p, "%s/%s", parent, n);
    if (lstat(p, &st) != 0)
        return 0;
    if (n[0] == '.' && len > 6 && !strcmp(n + len - 5, ".lock"))
        return S_ISREG(st.st_mode);
    return S_ISDIR(st.st_mode);
}

/* Move the results nested in FROM into TO (those TO does not have). */
static int carry(const char *from, const char *to, char *err, size_t cap)
{
    DIR *d = opendir(from);
    if (!d)
        return 0;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!carried(from, e))
            continue;
        char a[4400], b[4400];
        struct stat st;
        snprintf(a, sizeof a, "%s/%s", from, e->d_name);
        snprintf(b, sizeof b, "%s/%s", to, e->d_name);
        if (lstat(b, &st) == 0)
            continue;
        if (rename(a, b) != 0) {
            snprintf(err, cap, "cannot move '%s' into '%s': %s", a, to, strerror(errno));
            rc = -1;
            break;
        }
    }
    closedir(d);
    return rc;
}

/* A folder that may be replaced: one holding an entente result (a manifest,
** or a sweep's checkpoint from before), or only folders (results nested in
** it, which are kept) and lock files, or nothing. Not one whose nested
** result another process is writing. */
static int replaceable(const char *dir, char *err, size_t cap)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, cap, "cannot read '%s': %s", dir, strerror(errno));
        return 0;
    }
    int result = 0, other = 0, busy = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        const char *n = e->d_name;
        size_t len = strlen(n);
        if (!strcmp(n, ".") || !strcmp(n, ".."))
            continue;
        if (!strcmp(n, "manifest.json") || !strcmp(n, ENT_CHECKPOINT_FILE))
            result = 1;
        else if (n[0] == '.' && len > 5 && !strcmp(n + len - 5, ".lock")) {
            char p[4400];
            snprintf(p, sizeof p, "%s/%s", dir, n);
            int fd = open(p, O_RDONLY | O_CLOEXEC);
            if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK && !busy) {
                busy = 1;
                snprintf(err, cap, "'%s/%.*s' inside '%s' is being written by another entente "
                         "process; wait for it to finish", dir, (int)(len - 6), n + 1, dir);
            }
            if (fd >= 0)
                close(fd);
        } else if (!carried(dir, e))
            other = 1;
    }
    closedir(d);
    if (busy)
        return 0;
    if (other && !result)
        snprintf(err, cap, "'%s' holds files that are not an entente result (no manifest.json); "
                 "a result replaces its folder as a whole, so choose another --out", dir);
    return result || !other;
}

int ent_staged_begin(ent_staged *s, const char *dir, int check, int make, char *err, size_t cap)
{
    memset(s, 0, sizeof *s);
    char parent[4096];
    const char *base;
    if (ent_resdir_reserved(dir))
        return reserved_refused(dir, err, cap);
    if (ent_resdir_norm(dir, s->dir, sizeof s->dir)) {
        snprintf(err, cap, "cannot write a result into '%s': name a folder of its own", dir);
        return -1;
    }
    split(s->dir, parent, sizeof parent, &base);
    struct stat st;
    int exists = lstat(s->dir, &st) == 0;
    if (exists && !S_ISDIR(st.st_mode)) {
        snprintf(err, cap, "'%s' exists and is not a folder", s->dir);
        return -1;
    }
    if (exists && check && !replaceable(s->dir, err, cap))
        return -1;
    s->carry = check;
    /* what a crash left: a folder set aside (put back if it is all there
    ** is) or a half-written one (dropped) */
    char pfx_new[300], pfx_old[300];
    snprintf(pfx_new, sizeof pfx_new, ".%s.new.", base);
    snprintf(pfx_old, sizeof pfx_old, ".%s.old.", base);
    /* first put an old folder back, then clear the rest (moving on any
    ** results nested in them) */
    for (int pass = 0; pass < 2; pass++) {
        DIR *d = opendir(parent);
        if (!d)
            break;
        struct dirent *e;
        while ((e = readdir(d))) {
            int is_old = !strncmp(e->d_name, pfx_old, strlen(pfx_old));
            if (!is_old && strncmp(e->d_name, pfx_new, strlen(pfx_new)))
                continue;
            if (pass == 0 && (!is_old || exists))
                continue;
            char p[4400];
            snprintf(p, sizeof p, "%s/%s", parent, e->d_name);
            if (is_old && !exists) {
                if (rename(p, s->dir) != 0) {
                    snprintf(err, cap, "cannot put the earlier result '%s' back as '%s': %s", p, s->dir,
                             strerror(errno));
                    closedir(d);
                    return -1;
                }
                exists = 1;
            } else if (!(check && exists && carry(p, s->dir, err, cap))) {
                ent_rmtree(p);
            } else {
                closedir(d);
                return -1;
            }
        }
        closedir(d);
    }
    snprintf(s->stage, sizeof s->stage, "%s/.%s.new.%ld", parent, base, (long)getpid());
    if (make && mkdir(s->stage, 0777) != 0) {
        snprintf(err, cap, "cannot create the folder '%s': %s", s->stage, strerror(errno));
        return -1;
    }
    s->active = 1;
    return 0;
}

int ent_staged_commit(ent_staged *s, const char *from, char *err, size_t cap)
{
    char parent[4096], old[4400];
    const char *base;
    split(s->dir, parent, sizeof parent, &base);
    if (from && rename(from, s->stage) != 0) {
        snprintf(err, cap, "cannot rename '%s': %s", from, strerror(errno));
        return -1;
    }
    struct stat st;
    int exists = lstat(s->dir, &st) == 0;
    /* nested results join the new folder before the swap (a writer that
    ** finds them in a leftover staging folder moves them on) */
    if (exists && s->carry && carry(s->dir, s->stage, err, cap))
        goto undo;
    if (ent_fsync_dir(s->stage) != 0) {
        snprintf(err, cap, "cannot write '%s': %s", s->stage, strerror(errno));
        goto undo;
    }
    if (!exists) {
        if (rename(s->stage, s->dir) != 0) {
            snprintf(err, cap, "cannot rename '%s' to '%s': %s", s->stage, s->dir, strerror(errno));
            goto undo;
        }
    } else if (renameat2(AT_FDCWD, s->stage, AT_FDCWD, s->dir, RENAME_EXCHANGE) == 0) {
        ent_rmtree(s->stage);           /* the old result, now under the staging name */
    } else if (errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP) {
        /* no atomic exchange here: set the old aside (put back by the next
        ** writer if we stop in between), move the new in */
        snprintf(old, sizeof old, "%s/.%s.old.%ld", parent, base, (long)getpid());
        if (rename(s->dir, old) != 0) {
            snprintf(err, cap, "cannot rename '%s': %s", s->dir, strerror(errno));
            goto undo;
        }
        if (rename(s->stage, s->dir) != 0) {
            int e = errno;
            rename(old, s->dir);
            snprintf(err, cap, "cannot rename '%s' to '%s': %s", s->stage, s->dir, strerror(e));
            goto undo;
        }
        ent_rmtree(old);
    } else {
        snprintf(err, cap, "cannot replace '%s': %s", s->dir, strerror(errno));
        goto undo;
    }
    s->active = 0;
    if (ent_fsync_dir(parent) != 0) {
        snprintf(err, cap, "cannot write '%s': %s", parent, strerror(errno));
        return -1;
    }
    return 0;
undo:
    /* give back what was moved; if that fails too, the staging folder is
    ** kept for the next writer to move it on */
    if (exists && s->carry) {
        char more[4600];
        if (carry(s->stage, s->dir, more, sizeof more)) {
            s->active = 0;
            return -1;
        }
    }
    if (from && rename(s->stage, from) == 0)
        s->active = 0;
    return -1;
}

void ent_staged_discard(ent_staged *s)
{
    if (s->active)
        ent_rmtree(s->stage);
    s->active = 0;
}
