/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** fuzz_common.c: the temporary folder and input files of the fuzz targets.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>
#include "fuzz.h"

static char dir[512];

static void cleanup(void)
{
    if (!dir[0])
        return;
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        char p[1024];
        while ((e = readdir(d)))
            if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
                snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
                unlink(p);
            }
        closedir(d);
    }
    rmdir(dir);
}

const char *ent_fuzz_dir(void)
{
    if (!dir[0]) {
        const char *t = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/entente-fuzz-XXXXXX", t && *t ? t : "/tmp");
        if (!mkdtemp(dir)) {
            perror("entente fuzz: mkdtemp");
            exit(2);
        }
        atexit(cleanup);
    }
    return dir;
}

const char *ent_fuzz_file(const char *name, const uint8_t *data, size_t size)
{
    static char paths[4][1024];
    static unsigned next;
    char *p = paths[next++ % 4];
    snprintf(p, sizeof paths[0], "%s/%s", ent_fuzz_dir(), name);
    FILE *f = fopen(p, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        perror("entente fuzz: cannot write the input file");
        exit(2);
    }
    return p;
}

const char *ent_fuzz_root(void)
{
    const char *r = getenv("ENTENTE_ROOT");
    return r && *r ? r : ".";
}

void ent_fuzz_split(const uint8_t *data, size_t size, size_t n, const uint8_t **part, size_t *len)
{
    static const char sep[] = "\n====\n";
    const size_t sl = sizeof sep - 1;
    size_t i = 0, at = 0;
    for (; i < n; i++) {
        part[i] = data + at;
        len[i] = size - at;
        if (i + 1 == n)
            break;
        size_t k = at;
        while (k + sl <= size && memcmp(data + k, sep, sl))
            k++;
        if (k + sl > size) {
            i++;
            break;
        }
        len[i] = k + 1 - at;            /* keep the part's final newline */
        at = k + sl;
    }
    for (; i < n; i++) {
        part[i] = data + size;
        len[i] = 0;
    }
}
