/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** copy_floor.c: what copying a file's bytes once costs, alone: the floor of
** what writing runs.csv can cost a sweep whose rows are all at hand (the
** reused runs' texts). Rows of LEN bytes, taken in turn from 8 sources that
** stay in the cache, are copied into 4 pieces of 2 MB used in turn, as the
** sweep's writer copies its rows into its file's pieces (nothing is written
** to disk). Prints the CPU seconds of the copies, the best of 3.
** usage: copy_floor BYTES LEN
*/
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PIECE ((size_t)2 << 20)
#define PIECES 4
#define SOURCES 8

static double cpu_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: copy_floor BYTES LEN\n");
        return 2;
    }
    char *end1, *end2;
    unsigned long long total = strtoull(argv[1], &end1, 10);
    unsigned long len = strtoul(argv[2], &end2, 10);
    if (*end1 || *end2 || len == 0 || len > PIECE) {
        fprintf(stderr, "copy_floor: BYTES and LEN must be whole numbers, 0 < LEN <= %zu\n", PIECE);
        return 2;
    }
    char *ring = malloc(PIECE * PIECES), *src = malloc(SOURCES * len);
    if (!ring || !src)
        return 1;
    memset(ring, 0, PIECE * PIECES);        /* faulted in before the clock starts */
    for (size_t i = 0; i < SOURCES * len; i++)
        src[i] = (char)('0' + i % 10);
    double best = -1;
    unsigned sum = 0;
    for (int rep = 0; rep < 3; rep++) {
        double t0 = cpu_s();
        size_t used = 0, piece = 0;
        for (unsigned long long done = 0, k = 0; done < total; k++) {
            const char *p = src + (k % SOURCES) * len;
            size_t n = total - done < len ? (size_t)(total - done) : len;
            done += n;
            while (n) {     /* a row may straddle two pieces, as in the file */
                size_t take = PIECE - used < n ? PIECE - used : n;
                memcpy(ring + piece * PIECE + used, p, take);
                used += take;
                p += take;
                n -= take;
                if (used == PIECE) {
                    used = 0;
                    piece = (piece + 1) % PIECES;
                }
            }
        }
        double t = cpu_s() - t0;
        sum += (unsigned char)ring[(size_t)(total % (PIECE * PIECES))];
        if (best < 0 || t < best)
            best = t;
    }
    printf("%.4f %u\n", best, sum);    /* the sum: the copies are used */
    free(ring);
    free(src);
    return 0;
}
