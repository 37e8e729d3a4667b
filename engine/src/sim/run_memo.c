/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** run_memo.c: a few runs of the point being played, by their coins (see
** run_memo.h for why reusing them is exact).
*/
#include <stdlib.h>
#include <string.h>
#include "entente/rng.h"
#include "sim/run_memo.h"

/* Runs kept per point: a start with c coins has at most 2^c kinds, and the
** shipped scenarios draw one (the patron's type). */
#define MEMO_WAYS 8

typedef struct {
    uint64_t coins;
    unsigned n_coins;
    int rounds;
} memo_key;

struct ent_i_run_memo {
    size_t n_out;
    uint64_t point;             /* the point of the runs kept */
    int n, next;                /* runs kept; the slot the next one takes */
    memo_key key[MEMO_WAYS];
    double *out;                /* MEMO_WAYS x n_out */
};

ent_i_run_memo *ent_i_run_memo_alloc(size_t n_out)
{
    ent_i_run_memo *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->n_out = n_out;
    m->out = malloc(MEMO_WAYS * (n_out ? n_out : 1) * sizeof *m->out);
    if (!m->out) {
        free(m);
        return NULL;
    }
    return m;
}

void ent_i_run_memo_free(ent_i_run_memo *m)
{
    if (!m)
        return;
    free(m->out);
    free(m);
}

/* Whether every word the run's stream gave so far went to a coin, and the
** coins' results are all in run->coins: its state is then a function of
** the point and those. */
static int only_coins(const ent_run *run)
{
    return run->n_coins <= 64 && ent_rng_words(run->rng) == run->n_coins;
}

const double *ent_i_run_memo_find(ent_i_run_memo *m, const ent_run *run, uint64_t point, int *rounds)
{
    if (m->n == 0 || m->point != point || !only_coins(run))
        return NULL;
    for (int j = 0; j < m->n; j++)
        if (m->key[j].coins == run->coins && m->key[j].n_coins == run->n_coins) {
            *rounds = m->key[j].rounds;
            return m->out + (size_t)j * m->n_out;
        }
    return NULL;
}

void ent_i_run_memo_keep(ent_i_run_memo *m, const ent_run *run, uint64_t point, const double *out)
{
    /* the whole run drew nothing but its start's coins */
    if (!only_coins(run))
        return;
    if (m->point != point) {
        m->point = point;
        m->n = m->next = 0;
    }
    int j = m->next;
    m->next = (j + 1) % MEMO_WAYS;
    if (m->n < MEMO_WAYS)
        m->n++;
    m->key[j] = (memo_key){ run->coins, run->n_coins, run->rounds_played };
    memcpy(m->out + (size_t)j * m->n_out, out, m->n_out * sizeof *out);
}
