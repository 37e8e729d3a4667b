/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** stages_int.h: internal declarations shared by the stage modules and the
** registry (not part of the public interface).
*/
#ifndef ENT_STAGES_INT_H
#define ENT_STAGES_INT_H

#include "entente/stage.h"

extern const ent_stage_type ent_stage_burden_sharing;
extern const ent_strategy_type *const ent_burden_strategies[];

/* exit leverage, bargaining, ratification (stage_exit.c, stage_bargaining.c,
** stage_ratification.c, strategies_exit.c) */
extern const ent_stage_type ent_stage_exit_leverage;
extern const ent_stage_type ent_stage_bargaining;
extern const ent_stage_type ent_stage_ratification;
extern const ent_strategy_type *const ent_exit_strategies[];

/* One ally's open negotiation this round, in the exit stage's workspace. */
typedef struct {
    double cost_mult;       /* this round's multiplier of the patron's exit costs */
    double harm;            /* harm to the ally of the threatened instruments, USD bn */
    double cost;            /* the patron's cost of carrying them out, USD bn */
    double cost_as[2];      /* that cost for a patron of each type (a learning patron
                            ** learns each type's reward from the same history) */
    double required;        /* what satisfies the patron, USD bn */
    double power;           /* patron's bargaining weight (NaN: not bargained) */
    double fail_prob;       /* probability the deal failed ratification (NaN: none) */
    double harm_total;      /* harm suffered over the run */
    double received_total;  /* concessions over the run */
    int last_response;      /* last round's response, -1: none */
    int executed_last;      /* a threat was carried out against it last round */
    int uninformative;      /* the patron strategy states no behaviour: nothing to learn */
    double lik[2];          /* likelihood of what the ally saw this round (demand, threat,
                            ** carried out or withdrawn) under a committed [0] and a
                            ** transactional [1] patron, from the strategy's behaviour */
    double exec_belief;     /* the ally's P(threat carried out | it defies), this round */
    double exec_own;        /* the patron's own (true type's) P(carry out | defied) */
    double abandon[2];      /* P(the patron fails it in a crisis) under each type, this
                            ** round, as the strategy states it: the abandonment risk */
} ent_i_exit_slot;

struct ent_run;
/* The exit stage's per-ally slots, NULL if exit_leverage is not in the pipeline. */
ent_i_exit_slot *ent_i_exit_slots(const struct ent_run *run);
/* Index of the stage that closes a round's negotiations: the last of
** exit_leverage, bargaining and ratification at or after exit_leverage. -1 if
** exit_leverage is absent. */
int ent_i_exit_closing_stage(const struct ent_run *run);
/* Close the round's negotiations: deals, execution or backing down, payoffs. */
void ent_i_exit_settle(struct ent_run *run, gsl_rng *r);

/* beliefs, diffusion, hedging, security dilemma */
extern const ent_stage_type ent_stage_beliefs;
extern const ent_stage_type ent_stage_diffusion;
extern const ent_stage_type ent_stage_hedging;
extern const ent_stage_type ent_stage_security_dilemma;
extern const ent_strategy_type *const ent_hedging_strategies[];
extern const ent_strategy_type *const ent_security_strategies[];
#include "entente/run.h"
/* Ally i's risk of abandonment under its current belief: the belief-weighted
** chance that the patron fails it in a crisis, as the patron strategy states
** it for each type (the exit stage's abandon[]); NaN without exit_leverage or
** when the patron strategy states no behaviour (stage_exit.c). */
double ent_i_abandon_risk(const struct ent_run *run, size_t i);

/* the matrix stage and its wrappers of the classic strategy library
** (stage_matrix.c, strategies_matrix.c) */
extern const ent_stage_type ent_stage_matrix;
const ent_strategy_type *const *ent_i_matrix_strategies(void);
struct ent_gs_type;
const struct ent_gs_type *ent_i_matrix_gs(const ent_strategy_type *t);

/* Names of the strategies of `stage`, NULL-terminated (for suggestions). */
void ent_i_strategy_names(const char *stage, const char **out, size_t cap);

#endif
