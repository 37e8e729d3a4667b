/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** rng.c: Philox4x64-10 (Salmon et al. 2011, Random123) as a GSL generator.
** The key is (seed, point) and the top counter word is the replicate, so
** distinct triples give disjoint streams without any hashing.
*/
#include <string.h>
#include <Random123/philox.h>
#include "entente/rng.h"

typedef struct {
    philox4x64_ctr_t ctr;
    philox4x64_key_t key;
    philox4x64_ctr_t out;
    int left;                   /* 64-bit words of `out` not yet used */
} philox_state;

static void refill(philox_state *st)
{
    st->ctr.v[0]++;             /* 2^64 blocks per stream: never wraps in practice */
    st->out = philox4x64(st->ctr, st->key);
    st->left = 4;
}

static uint64_t next64(philox_state *st)
{
    if (st->left == 0)
        refill(st);
    return st->out.v[--st->left];
}

static unsigned long philox_get(void *vstate)
{
    return (unsigned long)(next64(vstate) >> 32);
}

static double philox_get_double(void *vstate)
{
    /* 53 random bits in [0, 1) */
    return (double)(next64(vstate) >> 11) * 0x1.0p-53;
}

static void philox_set(void *vstate, unsigned long s)
{
    philox_state *st = vstate;
    memset(st, 0, sizeof *st);
    st->key.v[0] = (uint64_t)s;
}

static const gsl_rng_type philox_type = {
    "philox4x64", 0xffffffffUL, 0, sizeof(philox_state),
    &philox_set, &philox_get, &philox_get_double
};

const gsl_rng_type *ent_rng_philox = &philox_type;

gsl_rng *ent_rng_alloc(void)
{
    return gsl_rng_alloc(ent_rng_philox);
}

uint64_t ent_rng_words(const gsl_rng *r)
{
    if (r->type != ent_rng_philox)
        return UINT64_MAX;
    const philox_state *st = r->state;
    /* every refill counts a block of four words up from 0, and `left` of
    ** the last one are still to come */
    return 4 * st->ctr.v[0] - (uint64_t)st->left;
}

void ent_rng_stream(gsl_rng *r, uint64_t seed, uint64_t point, uint64_t replicate)
{
    philox_state *st = r->state;
    memset(st, 0, sizeof *st);
    st->key.v[0] = seed;
    st->key.v[1] = point;
    st->ctr.v[3] = replicate;
}
