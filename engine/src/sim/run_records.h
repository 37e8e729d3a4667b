/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** run_records.h: records of earlier runs that a stage keeps for each ally,
** so that a round whose inputs have the bits a recorded round had takes
** its step from the record (a sweep reuses one run object, and most allies'
** inputs repeat from run to run). A record is keyed by the run's start (a
** few doubles) and the first round's inputs; a run takes the record whose
** key matches (else the oldest, emptied) and writes its own rounds over it
** from the first that differs, so the record follows the running run. An
** ally keeps RECORD_WAYS of them: the runs of a sweep alternate between a
** few courses (the patron's type is drawn each run). The entries, of the
** stage's own type, lie in the stage's workspace, cap of them a record.
** Used by hedging (logit allies) and security_dilemma (optimal allies).
*/
#ifndef ENT_SIM_RUN_RECORDS_H
#define ENT_SIM_RUN_RECORDS_H

#include <stddef.h>
#include <string.h>

enum {
    ENT_RECORD_WAYS = 4,            /* records an ally */
    ENT_RECORD_KEY = 5,             /* doubles of a run's start, at most */
    ENT_RECORD_BYTES = 1 << 20      /* a stage's records' entries, at most */
};

typedef struct {
    double start[ENT_RECORD_KEY];   /* the run's start (the first nk used) */
    int len;                        /* rounds recorded */
} ent_run_record;

typedef struct {
    ent_run_record way[ENT_RECORD_WAYS];
    int oldest;                     /* the record a new course empties next */
} ent_ally_records;

/* The rounds a record holds: the run's, up to the bound on the records'
** memory (a long run's later rounds, or those of a run of very many
** agents, are stepped as without records). */
static inline int ent_i_record_rounds(size_t n, int rounds, size_t entry_size)
{
    size_t most = ENT_RECORD_BYTES / (n * ENT_RECORD_WAYS * entry_size);
    return (size_t)rounds < most ? rounds : (int)most;
}

/* The record an ally (its records `at`) follows from its first round: one
** whose start is key[0..nk) and whose first entry begins with the nf bytes
** at `first`, else the oldest, emptied for this course. Record k's entries
** begin at entries + k * record_bytes. Returns k. */
static inline int ent_i_record_choose(ent_ally_records *at, const double *key, size_t nk, const void *first,
                                      size_t nf, const unsigned char *entries, size_t record_bytes)
{
    for (int k = 0; k < ENT_RECORD_WAYS; k++)
        if (at->way[k].len > 0 && !memcmp(at->way[k].start, key, nk * sizeof *key) &&
            !memcmp(entries + (size_t)k * record_bytes, first, nf))
            return k;
    int k = at->oldest;
    at->oldest = (k + 1) % ENT_RECORD_WAYS;
    memcpy(at->way[k].start, key, nk * sizeof *key);
    at->way[k].len = 0;
    return k;
}

#endif
