/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** run_memo.c: a few runs of the point being played, by their coins (see
** run_memo.h for why reusing them is exact).
*/
#include <stdlib.h>
#include <string.h>
#include "entente/rng.h"
#include "sim/run_memo.h"

typedef struct {
    uint64_t coins;             /* result of coin j in bit j */
    double q[ENT_I_RUN_COINS_NOTED];
    unsigned n_coins;
    int rounds;
    uint64_t stamp;
} memo_key;

struct ent_i_run_memo {
    size_t n_out;
    uint64_t point;             /* the point of the runs kept */
    int n, next;                /* runs kept; the slot the next one takes */
    uint64_t stamps;            /* the last stamp given */
    memo_key key[ENT_I_RUN_MEMO_WAYS];
    double *out;                /* ENT_I_RUN_MEMO_WAYS x n_out */
};

ent_i_run_memo *ent_i_run_memo_alloc(size_t n_out)
{
    ent_i_run_memo *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->n_out = n_out;
    m->out = malloc(ENT_I_RUN_MEMO_WAYS * (n_out ? n_out : 1) * sizeof *m->out);
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

const double *ent_i_run_memo_find(ent_i_run_memo *m, ent_run *run, uint64_t seed, uint64_t point,
                                  uint64_t replicate, int *rounds, uint64_t *stamp)
{
    if (m->n == 0 || m->point != point)
        return NULL;
    ent_rng_stream(run->rng, seed, point, replicate);
    double u[ENT_I_RUN_COINS_NOTED];    /* the run's first words, as its coins would take them */
    unsigned drawn = 0;
    for (int j = 0; j < m->n; j++) {
        const memo_key *k = &m->key[j];
        unsigned c = 0;
        for (; c < k->n_coins; c++) {
            if (c == drawn)
                u[drawn++] = gsl_rng_uniform(run->rng);
            if ((u[c] < k->q[c]) != (int)((k->coins >> c) & 1))
                break;
        }
        if (c == k->n_coins) {
            *rounds = k->rounds;
            *stamp = k->stamp;
            return m->out + (size_t)j * m->n_out;
        }
    }
    return NULL;
}

uint64_t ent_i_run_memo_keep(ent_i_run_memo *m, const ent_run *run, uint64_t point, const double *out)
{
    /* the whole run drew nothing but its start's coins, each noted */
    if (run->n_coins > ENT_I_RUN_COINS_NOTED || ent_rng_words(run->rng) != run->n_coins)
        return 0;
    if (m->point != point) {
        m->point = point;
        m->n = m->next = 0;
    }
    int j = m->next;
    m->next = (j + 1) % ENT_I_RUN_MEMO_WAYS;
    if (m->n < ENT_I_RUN_MEMO_WAYS)
        m->n++;
    memo_key *k = &m->key[j];
    k->coins = run->coins;
    k->n_coins = run->n_coins;
    k->rounds = run->rounds_played;
    memcpy(k->q, run->coin_q, run->n_coins * sizeof k->q[0]);
    memcpy(m->out + (size_t)j * m->n_out, out, m->n_out * sizeof *out);
    return k->stamp = ++m->stamps;
}
