/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** signalling.h: the exit-leverage stage game as a one-shot signalling game of
** one-sided incomplete information, and its perfect Bayesian equilibria
** (Fearon 1994, 1995; Kreps & Wilson 1982; Sobel 1985; Fudenberg & Tirole
** 1991, ch. 8). Money is USD bn.
**
**   Nature: theta = transactional with probability p, committed otherwise
**   patron (theta): threaten with demand d, or stay quiet (payoff 0 to both)
**   ally (posterior mu after a threat): comply (pays d, and its sovereignty
**        cost autonomy x d) or defy
**   patron (theta), if defied: carry out with probability e_theta (its
**        strategy's stated behaviour, sequentially rational given its costs)
**        or back down.
**
** Payoffs after a threat. Complied: patron +d, ally -d (1 + autonomy).
** Defied: patron v_theta = e_theta (resolve_theta d - X_theta) - (1 - e_theta)
** kappa, ally -q(mu) H with q(mu) = mu e_T + (1 - mu) e_C.
*/
#ifndef ENT_SIGNALLING_H
#define ENT_SIGNALLING_H

#include "entente/export.h"
ENT_BEGIN_DECLS

#include <stddef.h>

typedef struct {
    double prior;           /* p: probability that the patron is transactional */
    double demand;          /* d, USD bn (> 0) */
    unsigned instrument;    /* ENT_INSTR_* bits of the threat */
    double harm;            /* H: harm to the ally if the threat is carried out */
    double autonomy;        /* the ally's sovereignty weight: complying costs d (1 + autonomy) */
    double audience_cost;   /* kappa: the patron's cost of backing down */
    double cost[2];         /* X_theta: the patron's cost of carrying out, by ENT_TYPE_* */
    double resolve[2];      /* value per USD of the unmet demand of carrying out, by type */
    double execute[2];      /* e_theta = P(carry out | theta, defied), by type, as the
                            ** patron strategy's behaviour function states it */
} ent_signal_game;

enum {
    ENT_PBE_POOLING_THREAT = 0,     /* both types threaten */
    ENT_PBE_POOLING_QUIET  = 1,     /* neither threatens; a threat is off the path */
    ENT_PBE_SEPARATING     = 2,     /* one type threatens, the other does not */
    ENT_PBE_SEMI           = 3      /* one type threatens, the other mixes */
};

typedef struct {
    int kind;               /* ENT_PBE_* */
    double threat[2];       /* P(threat | theta), by ENT_TYPE_* */
    double posterior;       /* P(transactional | threat): Bayes' rule on the path; for
                            ** ENT_PBE_POOLING_QUIET the off-path belief stated (off_lo) */
    double off_lo, off_hi;  /* ENT_PBE_POOLING_QUIET: the off-path beliefs mu between
                            ** off_lo and off_hi support it (an end with q(mu) = q*,
                            ** where the ally would comply, excluded: off_lo > 0 or
                            ** off_hi < 1); NaN otherwise */
    double comply;          /* the ally's probability of complying with a threat */
    double exec_prob;       /* q(posterior): P(carried out | defy) as the ally sees it */
    double payoff[2];       /* each type's expected payoff */
    double ally_payoff;     /* the ally's expected payoff */
} ent_pbe;

/* The ally's threshold q* = d (1 + autonomy) / H: it complies iff q(mu) >= q*. */
double ent_signal_threshold(const ent_signal_game *g);

/* v_theta: a type's payoff when its threat is defied. */
double ent_signal_defied_payoff(const ent_signal_game *g, int type);

/* Every perfect Bayesian equilibrium of g in pure patron strategies, and the
** semi-separating ones in which one type threatens and the other mixes so
** that the ally is indifferent (the equilibria of a generic game; knife-edge
** continua are not listed). Fills at most max into eq; returns how many were
** found (0 if d <= 0), or -1 on bad input. */
int ent_signal_solve(const ent_signal_game *g, ent_pbe *eq, int max);

const char *ent_pbe_kind_name(int kind);

/* The menu of threats: when the two types state different threats (another
** demand or other instruments), each type may make either, or stay quiet, and
** which threat it makes is itself a signal. Each threat is a game of its own
** (the same prior, autonomy, audience cost and resolve; its own demand,
** instruments, harm, costs and execution probabilities). */
#define ENT_SIGNAL_MAX_THREATS 2
typedef struct {
    int n;                                      /* threats on the menu: 1 or 2 */
    ent_signal_game threat[ENT_SIGNAL_MAX_THREATS];
    int stated[2];              /* by ENT_TYPE_*: the threat its strategy makes, -1 none */
} ent_signal_menu;

typedef struct {
    int kind;                   /* ENT_PBE_*: pooling when both types make the same
                                ** choice, separating when they make different pure
                                ** ones, semi-separating when one mixes */
    int message[2];             /* by type: the threat it makes (index), -1 = stays quiet */
    double mix[2];              /* probability that it makes it (else quiet); 1 if pure */
    double posterior[ENT_SIGNAL_MAX_THREATS];   /* P(transactional | threat k): Bayes'
                                ** rule on the path, the belief stated off it */
    /* off-path threat k: every belief in [off_lo, off_hi] supports it (an end
    ** where the ally would switch its reply excluded); NaN on the path */
    double off_lo[ENT_SIGNAL_MAX_THREATS];
    double off_hi[ENT_SIGNAL_MAX_THREATS];
    double comply[ENT_SIGNAL_MAX_THREATS];      /* the ally's chance of complying with k */
    double payoff[2];           /* each type's expected payoff */
    double ally_payoff;         /* the ally's expected payoff */
} ent_pbe_menu;

/* Every perfect Bayesian equilibrium of the menu game in pure patron
** strategies, and the semi-separating ones in which one type mixes between
** one threat and quiet (for a menu of one threat: those of ent_signal_solve).
** Returns how many were found (at most max are filled), or -1 on bad input. */
int ent_signal_solve_menu(const ent_signal_menu *m, ent_pbe_menu *eq, int max);

struct ent_run;
/* The signalling game between the patron and ally `ally` as the run's
** exit_leverage stage sets it up in the run's current state (after
** ent_run_begin: the scenario's starting state): each type's threat (its
** demand and instruments) and every execution probability from
** ent_exit_patron_behaviour, harm and costs from the stage's own functions
** (cost shock at its mean, m = 1), the prior from the ally's belief. The menu
** holds the threats the types state with positive probability (one if they
** state the same); if neither states any, the threat the transactional type
** would make with its demand (the committed type's if it makes none), so
** that the game asks whether either would. Returns 0, 1 if no type makes a
** demand of this ally, -1 if the scenario has no exit_leverage stage or its
** patron strategy states no behaviour. */
int ent_exit_signal_menu(const struct ent_run *run, size_t ally, ent_signal_menu *m);

ENT_END_DECLS

#endif
