/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** rng.h: reproducible random streams.
** A counter-based generator (Philox4x64-10 from Random123) wrapped as a GSL
** generator, so every gsl_ran_* works on it. A stream is fixed by the triple
** (seed, point, replicate) alone: no thread count or schedule can change it.
*/
#ifndef ENT_RNG_H
#define ENT_RNG_H

#include "entente/export.h"
ENT_BEGIN_DECLS

#include <stdint.h>
#include <gsl/gsl_rng.h>

extern const gsl_rng_type *ent_rng_philox;

/* Allocate a generator of type ent_rng_philox. NULL on failure. */
gsl_rng *ent_rng_alloc(void);
/* Position r at the start of the stream (seed, point, replicate). */
void ent_rng_stream(gsl_rng *r, uint64_t seed, uint64_t point, uint64_t replicate);
/* The 64-bit words r has delivered since its stream started (ent_rng_stream
** or gsl_rng_set): each gsl_rng_uniform or gsl_rng_get takes one, other
** draws one or more. UINT64_MAX when r
** is not of type ent_rng_philox. */
uint64_t ent_rng_words(const gsl_rng *r);

ENT_END_DECLS

#endif
