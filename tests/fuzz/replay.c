/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** replay.c: run a fuzz target's LLVMFuzzerTestOneInput on files, without
** libFuzzer: the regression inputs of tests/fuzz/regressions replay in the
** normal test suite. usage: replay FILE...   (exit 0 if every input ran)
*/
#include <stdio.h>
#include <stdlib.h>
#include "fuzz.h"

int main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    int bad = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            fprintf(stderr, "replay: cannot open '%s'\n", argv[i]);
            bad = 1;
            continue;
        }
        size_t cap = 1 << 16, n = 0, got;
        unsigned char *buf = malloc(cap);
        while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
            n += got;
            if (n == cap) {
                unsigned char *nb = realloc(buf, cap *= 2);
                if (!nb) {
                    free(buf);
                    buf = NULL;
                }
                buf = nb;
            }
        }
        fclose(f);
        if (!buf) {
            fprintf(stderr, "replay: out of memory reading '%s'\n", argv[i]);
            return 2;
        }
        /* libFuzzer hands a buffer of exactly the input's size */
        unsigned char *exact = malloc(n ? n : 1);
        if (!exact) {
            free(buf);
            return 2;
        }
        for (size_t k = 0; k < n; k++)
            exact[k] = buf[k];
        free(buf);
        if (LLVMFuzzerTestOneInput(exact, n) != 0) {
            fprintf(stderr, "replay: '%s' was rejected by the target\n", argv[i]);
            bad = 1;
        }
        free(exact);
    }
    return bad;
}
