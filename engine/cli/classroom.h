/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** classroom.h: `entente classroom`, a whole class playing a scenario in the
** browser, shared by cmd_classroom.c (the command, the class's clock, the
** results), classroom_world.c (the worlds, each a run on its own thread, and
** the strategy types through which students decide), classroom_http.c (the
** web server and its JSON API) and classroom_assets.c (the page, generated
** from engine/cli/classroom/ by engine/tools/embed.sh).
**
** Concurrency: one mutex (cr_class.mu) guards everything below that the
** server's threads and the worlds' threads share; one condition variable
** (cr_class.cv) is broadcast on every change. A world's thread runs the
** engine outside the mutex only while its `busy` is set; while it is clear
** the world is blocked (a question, the round's gate or the end), and its
** run may be read under the mutex.
*/
#ifndef ENT_CLI_CLASSROOM_H
#define ENT_CLI_CLASSROOM_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "entente/exit.h"
#include "entente/hedging.h"
#include "entente/burden.h"
#include "entente/matrix_stage.h"
#include "entente/run.h"
#include "entente/scenario.h"
#include "entente/stage.h"

#define CR_MAX_STUDENTS 200
#define CR_MAX_BODY (64 * 1024)
#define CR_NAME_MAX 40                      /* characters */
#define CR_NAME_BYTES (4 * CR_NAME_MAX)     /* in UTF-8, at most */
/* connections one address may hold at once (127.0.0.1 excepted), by default */
#define CR_PER_ADDRESS 16
/* seconds a request may take to arrive in full, from the connection's opening
** or the last answer on it, however steadily its bytes come */
#define CR_REQUEST_SECONDS 20

/* What a question asks. */
enum {
    CR_Q_NONE = 0, CR_Q_BURDEN, CR_Q_EXIT_ALLY, CR_Q_EXIT_DEMAND, CR_Q_EXIT_ENFORCE,
    CR_Q_HEDGE, CR_Q_COMMIT, CR_Q_MATRIX
};
enum { CR_SHARED = 0, CR_PARALLEL = 1 };

/* A decision, as validated from a student's JSON or taken by the strategy. */
typedef struct {
    double share;                   /* burden: fraction of GDP */
    int response;                   /* exit ally: ENT_RESP_* */
    double concession;              /* exit ally: USD bn */
    double demand;                  /* exit patron: USD bn */
    unsigned instrument;            /* exit patron: ENT_INSTR_* (0: no threat) */
    int execute;                    /* exit patron enforce */
    double w[3];                    /* hedging portfolio, fractions */
    double commitment;              /* security dilemma */
    int action;                     /* matrix: ENT_C or ENT_D */
} cr_decision;

/* The question a world is waiting on (one at a time: the engine is sequential). */
typedef struct {
    int kind;                       /* CR_Q_*; CR_Q_NONE: none */
    unsigned id;                    /* increases with every question of the world */
    int agent, stage, round;
    char *situation;                /* JSON object text: what the seat sees */
    /* for validation */
    double demand;                  /* exit ally: the demand */
    int answered;                   /* the student's decision is in `d` */
    cr_decision d;
} cr_question;

/* One round of one agent, for the plots and the debrief. */
typedef struct {
    double share, belief, w[3], commitment, payoff, cum_payoff;
} cr_point;

struct cr_class;

typedef struct cr_world {
    struct cr_class *cls;
    int index;                      /* 0-based; its folder is world-NN (1-based) */
    ent_scenario *s;
    ent_run *run;
    pthread_t thread;
    int started, busy, finished, failed;
    int at_gate;                    /* waiting for round `at_gate` to open (0: not) */
    int student[ENT_MAX_AGENTS];    /* the student in each seat, or -1 */
    const ent_strategy_type *orig[ENT_MAX_AGENTS][ENT_MAX_STAGES];
    ent_strategy_stand_in human[ENT_MAX_AGENTS][ENT_MAX_STAGES];
    cr_question q;
    cr_point *points;               /* [round-1][agent], rounds x n_agents */
    int rounds_done;
    char **feedback;                /* [agent]: JSON array text of last round's feedback */
    char dir[4200];                 /* its run folder */
} cr_world;

typedef struct {
    char name[CR_NAME_BYTES + 1];
    char token[33];
    int world, agent;
    int moves, late;                /* decisions made; decisions the strategy took */
    double last_seen;
} cr_student;

typedef struct cr_class {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    const char *file;
    const char **sets;
    size_t n_sets;
    uint64_t seed;
    int have_seed, rounds_opt;
    int mode;
    ent_scenario *proto;            /* the scenario as loaded (for names and the debrief) */
    int seats[ENT_MAX_AGENTS];      /* agent indices students may take */
    int n_seats;
    int max_students;
    int per_address;                /* connections one address may hold (--max-per-address) */
    char code[8];                   /* the join code */
    char teacher[33];               /* the teacher's token */
    cr_student students[CR_MAX_STUDENTS];
    int n_students;
    cr_world *worlds;
    int n_worlds;
    int rounds;                     /* rounds of the game */
    int open_round;                 /* 0 before the start; rounds + 1 when all is left to the strategies */
    double time_limit;              /* seconds per round, 0: none */
    double deadline;                /* of the open round (monotonic seconds), 0: none */
    int stopping, done, results_written;
    /* the teacher's stop was asked over HTTP / its answer has gone out: the
    ** server is not stopped before it has (cmd_classroom.c) */
    int stop_pending, stop_answered;
    char out[4000];
    char *debrief;                  /* JSON text of the debrief, once written */
} cr_class;

/* ---- classroom_world.c ---- */
/* Wait on the class's condition (its lock held) for at most `seconds`. */
void cr_wait(cr_class *c, double seconds);
/* Whether a person can take the decisions of `stage` (a patron's or an ally's). */
int cr_stage_playable(const char *stage, int patron);
/* Which agents have a decision a person can take. */
int cr_seat_playable(const ent_scenario *s, int agent);
/* Set up world w for the students seated in it (its scenario loaded). 0 or -1. */
int cr_world_prepare(cr_world *w);
/* Start its thread. 0 or -1. */
int cr_world_start(cr_world *w);
double cr_now(void);
/* Check a student's decisions (a JSON object) against the question; 0 and *d,
** or -1 with a message naming the field in err. */
int cr_validate(const cr_question *q, json_t *decisions, cr_decision *d, char *err, size_t cap);
/* The length of the UTF-8 character at s, its code point in *cp; 0 at the
** end or where s starts no valid character. */
int cr_utf8_char(const char *s, unsigned *cp);
/* The bytes of s's first `chars` characters at most, so that text cut there
** stays UTF-8; it stops before any byte that starts no valid character. */
size_t cr_utf8_prefix(const char *s, size_t chars);
/* Replace every byte of s that is not part of a valid UTF-8 character by '?'. */
void cr_utf8_scrub(char *s);
/* The first key of object o that is not in the NULL-terminated list allowed,
** or NULL: request bodies and decisions name only the fields they may. */
const char *cr_unknown_key(json_t *o, const char *const *allowed);
const char *cr_kind_name(int kind);
/* Write the world's run folder (under the caller's lock of nothing). 0 or -1. */
int cr_world_write(cr_world *w);

/* ---- classroom_http.c ---- */
struct MHD_Daemon;
struct MHD_Daemon *cr_http_start(cr_class *c, const char *addr, unsigned port, unsigned *bound);
void cr_http_stop(struct MHD_Daemon *d);

/* ---- classroom_assets.c (generated) ---- */
typedef struct {
    const char *path, *type;
    const unsigned char *data;
    size_t size;
} cr_asset;
extern const cr_asset cr_assets[];

/* ---- cmd_classroom.c ---- */
/* A new random token (32 hex digits). 0 or -1. */
int cr_new_token(char out[33]);
/* What anyone may know of the class (GET /api/info; under the lock). */
json_t *cr_info_json(cr_class *c);
/* The classroom program's command (entente-classroom; `entente classroom`
** starts it, classroom_launch.c): argv[0] is the command name. */
int ent_classroom_main(int argc, char **argv);
extern const char ent_usage_classroom[];
/* The class's JSON for the teacher (under the lock). */
json_t *cr_class_json(cr_class *c);
/* A student's state (under the lock). */
json_t *cr_student_json(cr_class *c, int student);

#endif
