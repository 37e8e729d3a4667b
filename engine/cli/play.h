/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** play.h: the classroom mode (`entente play`), shared by cmd_play.c and
** play_*.c. A student plays one country: the program puts "human" strategy
** types in place of the country's own (play_human.c), reads the answers
** through one input module (play_input.c), tells the student after each
** round what came of them and, at the end, replays the scenario's own and
** the best built-in strategies on the same seed (play_report.c).
*/
#ifndef ENT_CLI_PLAY_H
#define ENT_CLI_PLAY_H

#include <stddef.h>
#include "entente/api.h"
#include "entente/burden.h"
#include "entente/exit.h"
#include "entente/hedging.h"
#include "entente/run.h"
#include "entente/scenario.h"
#include "entente/stage.h"

/* How input went. */
enum { PLAY_INPUT = 0, PLAY_EOF = 1, PLAY_INTERRUPTED = 2 };

/* The game in progress (one per process: the strategy hooks take no context). */
typedef struct {
    ent_scenario *s;
    ent_run *run;
    int me;                                     /* the student's agent */
    const ent_strategy_type *orig[ENT_MAX_STAGES];  /* the scenario's strategy of
                                                ** each stage the student plays, else NULL */
    int st_burden, st_exit, st_hedge, st_security, st_matrix, st_ratify, st_bargain;
    int ended;                                  /* PLAY_INPUT, PLAY_EOF or PLAY_INTERRUPTED */
    int ended_round;                            /* round in which input ended */
    int last_input_round;                       /* last round an answer was read in */
    int header_round;                           /* last round whose header was shown */
    /* what the student's decisions saw this round, for the report after it */
    ent_hedge_view hedge_view;
    int hedge_seen;
    ent_commit_view commit_view;
    int commit_seen;
} play_ctx;

extern play_ctx g_play;

/* ---- play_input.c ---- */
void play_input_init(void);                     /* Ctrl-C sets a flag, reads return */
int play_interrupted(void);
/* Print prompt, read one line into buf (without its newline): 1; 0 when
** input has ended (end of input or Ctrl-C, now or before: said once). */
int play_ask(const char *prompt, char *buf, size_t cap);
int play_blank(const char *s);
/* Numbers separated by spaces, each [sign]digits[.,digits][%] (a decimal
** comma is read as a point): their count (values beyond max not stored), or
** -1 if anything else is typed. *any_pct: one of them ended in %. */
int play_parse_numbers(const char *s, double *out, int max, int *any_pct);
/* Exactly one number: 1 and *x (*pct: it ended in %), else 0. */
int play_parse_number(const char *s, double *x, int *pct);
int play_first_letter(const char *s);           /* lowercased, 0 if blank */
/* The line is `letter` or `word` (any case, spaces around allowed). */
int play_word(const char *s, const char *letter, const char *word);

/* ---- play_human.c ---- */
/* The human decider of a stage for a patron or an ally, or NULL where a
** person has no decision to take. */
const ent_strategy_type *play_human_for(const char *stage, int patron);
/* The round's header (once per round, before the first question). */
void play_round_header(void);
/* What the student's legislature would ratify this round (USD bn), as the
** ratification stage will compute it; NaN without ratification. */
double play_winset(const ent_run *run, size_t i);
/* The instruments in words, said to the ally (to_patron 0) or the patron. */
const char *play_instrument_words(unsigned instr, int to_patron, char *buf, size_t cap);
/* What the patron did last round, in words (ENT_ACT_*), for its allies. */
const char *play_act_words(int act);
/* The built-in strategies of `stage` that an agent of `role` may play with
** their default values alone (those that need a value given are left out),
** in the registry's order: their count, at most cap into out. The debriefs
** of play and of the classroom compare a student with them. */
size_t play_builtin_strategies(const char *stage, unsigned role, const ent_strategy_type **out, size_t cap);

/* ---- play_report.c ---- */
/* Agent i's value `base`_OPTION for the k-th hedging option (0 bandwagon,
** 1 balance, 2 bind), by name through ent_run_agent_value. */
double play_value3(const ent_run *run, size_t i, const char *base, int k);

/* The run's end-of-round hook: what came of the student's choices. */
void play_on_round(const ent_run *run, void *ctx);

/* ---- play_debrief.c ---- */
/* Replay the scenario's own strategy and the best built-in on the same seed,
** write replay/scenario/, replay/best/ and debrief.csv under root (a run
** folder's staging directory) and print the debrief. 0, or -1 (said). */
int play_debrief(ent_scenario *s, const ent_run *run, const char *root, const char **sets, size_t n_sets);

#endif
