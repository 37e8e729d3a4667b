/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** cmd_classroom.c: `entente classroom FILE`: a whole class plays a scenario
** in the browser. This file reads the options, seats the students, keeps
** the class's clock (rounds opened by the teacher or by a time limit), says
** what each student and the teacher see (the JSON of the API), and at the
** end writes the class summary and the debrief beside the worlds' run
** folders. classroom.h describes the parts and how they share the state.
*/
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <math.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <microhttpd.h>
#include "classroom.h"
#include "cli.h"
#include "filekind.h"
#include "output.h"
#include "play.h"


static volatile sig_atomic_t g_signal;
static void on_signal(int sig) { g_signal = sig; }

static int random_bytes(unsigned char *buf, size_t n)
{
    FILE *f = fopen("/dev/urandom", "rb");
    if (!f)
        return -1;
    size_t got = fread(buf, 1, n, f);
    fclose(f);
    return got == n ? 0 : -1;
}

static int make_secrets(cr_class *c)
{
    unsigned char b[22];
    if (random_bytes(b, sizeof b))
        return -1;
    static const char alpha[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";   /* no 0/O, 1/I */
    for (int k = 0; k < 6; k++)
        c->code[k] = alpha[b[k] % 32];
    c->code[6] = 0;
    for (int k = 0; k < 16; k++)
        sprintf(c->teacher + 2 * k, "%02x", b[6 + k]);
    return 0;
}

int cr_new_token(char out[33])
{
    unsigned char b[16];
    if (random_bytes(b, sizeof b))
        return -1;
    for (int k = 0; k < 16; k++)
        sprintf(out + 2 * k, "%02x", b[k]);
    return 0;
}

static void put(json_t *o, const char *key, double x)
{
    json_object_set_new(o, key, isfinite(x) ? json_real(x) : json_null());
}

static json_t *series(const cr_class *c, const cr_world *w, int agent)
{
    json_t *sh = json_array(), *be = json_array(), *pf = json_array(), *pay = json_array(), *cm = json_array();
    size_t n = ent_scenario_n_agents(w->s);
    for (int t = 0; t < w->rounds_done && t < c->rounds; t++) {
        const cr_point *p = &w->points[(size_t)t * n + (size_t)agent];
        json_array_append_new(sh, isfinite(p->share) ? json_real(100 * p->share) : json_null());
        json_array_append_new(be, isfinite(p->belief) ? json_real(p->belief) : json_null());
        json_array_append_new(pf, isfinite(p->w[0]) ? json_pack("[f,f,f]", 100 * p->w[0], 100 * p->w[1], 100 * p->w[2])
                                                    : json_null());
        json_array_append_new(pay, isfinite(p->cum_payoff) ? json_real(p->cum_payoff) : json_null());
        json_array_append_new(cm, isfinite(p->commitment) ? json_real(p->commitment) : json_null());
    }
    return json_pack("{s:o, s:o, s:o, s:o, s:o}", "share", sh, "belief", be, "portfolio", pf, "cum_payoff", pay,
                     "commitment", cm);
}

static int started(const cr_class *c) { return c->open_round > 0; }

/* The decisions a question asks for: each field and what it takes. */
static json_t *asked_fields(int kind)
{
    switch (kind) {
    case CR_Q_BURDEN:
        return json_pack("{s:s}", "share", "your defence share this round, in % of GDP, 0 to 100");
    case CR_Q_EXIT_ALLY:
        return json_pack("{s:s, s:s}", "answer", "comply, defy or offer",
                         "offer", "with answer offer: $ bn, more than 0 and less than the demand");
    case CR_Q_EXIT_DEMAND:
        return json_pack("{s:s, s:s}", "demand", "your demand in $ bn, 0 (none) to 1000000",
                         "threat", "optional: the instruments threatened, a list of drawdown, tariffs, tech ([] none)");
    case CR_Q_EXIT_ENFORCE:
        return json_pack("{s:s}", "execute", "true to carry out the threat, false to back down");
    case CR_Q_HEDGE:
        return json_pack("{s:s}", "portfolio", "three percentages, bandwagon balance bind, adding to 100");
    case CR_Q_COMMIT:
        return json_pack("{s:s}", "commitment", "your commitment k to the patron, 0 (none) to 1 (full)");
    case CR_Q_MATRIX:
        return json_pack("{s:s}", "move", "cooperate or defect");
    default:
        return json_object();
    }
}

static const char *student_status(const cr_class *c, const cr_student *st, int *asked)
{
    *asked = 0;
    if (!started(c) || !c->worlds || st->world >= c->n_worlds)
        return "waiting_start";
    const cr_world *w = &c->worlds[st->world];
    if (w->finished)
        return "finished";
    if (!w->busy && w->q.kind != CR_Q_NONE && w->q.agent == st->agent) {
        *asked = 1;
        return "question";
    }
    return "waiting";
}

static json_t *seats_json(const cr_class *c)
{
    json_t *a = json_array();
    for (int k = 0; k < c->n_seats; k++) {
        int ag = c->seats[k], taken = 0;
        for (int s = 0; s < c->n_students; s++)
            taken |= c->students[s].agent == ag;
        json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "code", ent_scenario_agent_code(c->proto, ag), "name",
                                           ent_scenario_agent_name(c->proto, ag), "taken", c->mode == CR_SHARED && taken));
    }
    return a;
}

json_t *cr_info_json(cr_class *c)
{
    const ent_scenario *s = c->proto;
    return json_pack("{s:s, s:s, s:s, s:i, s:b, s:b, s:o}", "scenario", ent_scenario_name(s), "description",
                     ent_scenario_description(s), "mode", c->mode == CR_PARALLEL ? "parallel" : "shared",
                     "rounds", c->rounds, "started", started(c), "finished", c->done, "seats", seats_json(c));
}

static double seconds_left(const cr_class *c)
{
    return c->deadline > 0 ? fmax(0.0, c->deadline - cr_now()) : NAN;
}

json_t *cr_student_json(cr_class *c, int si)
{
    const cr_student *st = &c->students[si];
    const ent_scenario *s = c->proto;
    int asked;
    const char *status = student_status(c, st, &asked);
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:s}", "name", st->name, "seat", ent_scenario_agent_code(s, st->agent),
                          "seat_name", ent_scenario_agent_name(s, st->agent), "scenario", ent_scenario_name(s), "mode",
                          c->mode == CR_PARALLEL ? "parallel" : "shared", "rounds", c->rounds, "round",
                          c->open_round > c->rounds ? c->rounds : c->open_round, "status", status);
    put(o, "seconds_left", seconds_left(c));
    json_object_set_new(o, "question", json_null());
    if (c->worlds && st->world < c->n_worlds) {
        const cr_world *w = &c->worlds[st->world];
        if (asked) {
            json_t *sit = json_loads(w->q.situation, 0, NULL);
            json_object_set_new(o, "question", json_pack("{s:I, s:s, s:i, s:o*, s:o}", "id", (json_int_t)w->q.id, "kind",
                                                         cr_kind_name(w->q.kind), "round", w->q.round, "situation", sit,
                                                         "decisions", asked_fields(w->q.kind)));
        } else if (!w->busy && w->q.kind != CR_Q_NONE) {
            json_object_set_new(o, "waiting_for", json_string(ent_scenario_agent_code(s, w->q.agent)));
        } else if (!w->busy && w->at_gate > c->open_round) {
            json_object_set_new(o, "waiting_for", json_string("teacher"));
        }
        json_t *fb = w->feedback && w->feedback[st->agent] ? json_loads(w->feedback[st->agent], 0, NULL) : NULL;
        json_object_set_new(o, "feedback", fb ? fb : json_array());
        json_object_set_new(o, "last_round", json_integer(w->rounds_done));
        json_object_set_new(o, "history", series(c, w, st->agent));
        if (w->finished && w->rounds_done > 0) {
            const cr_point *p = &w->points[(size_t)(w->rounds_done - 1) * ent_scenario_n_agents(w->s) + (size_t)st->agent];
            json_t *fin = json_object();
            put(fin, "discounted_payoff", p->cum_payoff);
            json_object_set_new(o, "final", fin);
        }
    }
    return o;
}

json_t *cr_class_json(cr_class *c)
{
    json_t *o = cr_info_json(c);
    json_object_set_new(o, "round", json_integer(c->open_round > c->rounds ? c->rounds : c->open_round));
    json_object_set_new(o, "join_code", json_string(c->code));
    put(o, "time_limit", c->time_limit > 0 ? c->time_limit : NAN);
    put(o, "seconds_left", seconds_left(c));
    json_t *studs = json_array();
    for (int k = 0; k < c->n_students; k++) {
        const cr_student *st = &c->students[k];
        int asked;
        const char *status = student_status(c, st, &asked);
        json_t *so = json_pack("{s:s, s:s, s:i, s:s, s:i, s:i}", "name", st->name, "seat",
                               ent_scenario_agent_code(c->proto, st->agent), "world", st->world + 1, "status", status, "moves",
                               st->moves, "late", st->late);
        put(so, "seen", cr_now() - st->last_seen);
        if (asked)
            json_object_set_new(so, "asked", json_string(cr_kind_name(c->worlds[st->world].q.kind)));
        if (c->worlds && st->world < c->n_worlds)
            json_object_set_new(so, "series", series(c, &c->worlds[st->world], st->agent));
        json_array_append_new(studs, so);
    }
    json_object_set_new(o, "students", studs);
    int at_gate = 0, finished = 0;
    for (int k = 0; k < c->n_worlds; k++) {
        at_gate += !c->worlds[k].busy && c->worlds[k].at_gate == c->open_round + 1;
        finished += c->worlds[k].finished;
    }
    json_object_set_new(o, "worlds", json_integer(c->n_worlds));
    json_object_set_new(o, "worlds_waiting", json_integer(at_gate));
    json_object_set_new(o, "worlds_finished", json_integer(finished));
    json_object_set_new(o, "all_moved", json_boolean(c->n_worlds > 0 && at_gate + finished == c->n_worlds));
    json_object_set_new(o, "out", json_string(c->out));
    json_t *d = c->debrief ? json_loads(c->debrief, 0, NULL) : NULL;
    json_object_set_new(o, "debrief", d ? d : json_null());
    return o;
}

/* ---- the debrief and the class summary -------------------------------------------- */

typedef struct {
    char path[16], seat[16], student[CR_NAME_BYTES + 1], strategy[160];
    int world, moves, late;
    double payoff, share, belief, w[3], deals, fails;
    json_t *series;                 /* its share and portfolio by round */
} cr_row;

static double trace_at(const ent_run *run, int t, size_t agent, const char *name)
{
    int k = ent_run_trace_column(run, name);
    const double *row = ent_run_trace_row(run, t, agent);
    return k >= 0 && row ? row[k] : NAN;
}

static json_t *path_of(const ent_run *run, int agent)
{
    json_t *sh = json_array(), *pf = json_array();
    int n = ent_run_rounds_played(run);
    for (int t = 1; t <= n; t++) {
        double x = trace_at(run, t, (size_t)agent, "contribution_share");
        json_array_append_new(sh, isfinite(x) ? json_real(100 * x) : json_null());
        double w0 = trace_at(run, t, (size_t)agent, "w_bandwagon");
        json_array_append_new(pf, isfinite(w0) ? json_pack("[f,f,f]", 100 * w0, 100 * trace_at(run, t, (size_t)agent, "w_balance"),
                                                          100 * trace_at(run, t, (size_t)agent, "w_bind"))
                                               : json_null());
    }
    return json_pack("{s:o, s:o}", "share", sh, "portfolio", pf);
}

static void row_of(const ent_run *run, const ent_scenario *s, int agent, cr_row *r)
{
    size_t a = (size_t)agent;
    snprintf(r->seat, sizeof r->seat, "%s", ent_scenario_agent_code(s, agent));
    r->payoff = ent_run_agent_value(run, a, "cum_payoff");
    r->share = 100 * ent_run_agent_value(run, a, "share");
    r->belief = agent > 0 ? ent_run_agent_value(run, a, "belief") : NAN;
    for (int k = 0; k < 3; k++)
        r->w[k] = agent > 0 ? 100 * play_value3(run, a, "portfolio", k) : NAN;
    r->deals = ent_run_agent_value(run, a, "n_deals");
    r->fails = ent_run_agent_value(run, a, "n_ratify_fail");
    r->series = path_of(run, agent);
}

static void csv_num(FILE *f, double x) { if (isfinite(x)) fprintf(f, ",%.10g", x); else fputs(",NA", f); }

static ent_run *replay(const ent_scenario *s)
{
    ent_run *r = ent_run_alloc(s, ENT_RUN_TRACE | ENT_RUN_EVENTS);
    if (r)
        ent_run_exec(r, ent_scenario_seed(s), 0, 0);
    return r;
}

static int write_results(cr_class *c)
{
    ent_scenario *s = c->proto;
    size_t cap = (size_t)c->n_students + 512, n = 0;
    cr_row *rows = calloc(cap, sizeof *rows);
    json_t *drows = json_array();
    if (!rows || !drows) {
        free(rows);
        json_decref(drows);
        return -1;
    }
    pthread_mutex_lock(&c->mu);
    for (int k = 0; k < c->n_students; k++) {
        const cr_student *st = &c->students[k];
        const cr_world *w = &c->worlds[st->world];
        cr_row *r = &rows[n++];
        row_of(w->run, w->s, st->agent, r);
        snprintf(r->path, sizeof r->path, "student");
        snprintf(r->student, sizeof r->student, "%s", st->name);
        snprintf(r->strategy, sizeof r->strategy, "human");
        r->world = st->world + 1;
        r->moves = st->moves;
        r->late = st->late;
    }
    pthread_mutex_unlock(&c->mu);
    int status = 0;
    /* the scenario's own strategies on the same seed, as a run folder */
    ent_run *rs = replay(s);
    if (!rs)
        status = -1;
    for (int k = 0; rs && k < c->n_seats; k++) {
        cr_row *r = &rows[n++];
        row_of(rs, s, c->seats[k], r);
        snprintf(r->path, sizeof r->path, "builtin");
        snprintf(r->strategy, sizeof r->strategy, "scenario");
    }
    if (rs) {
        char dir[4200];
        snprintf(dir, sizeof dir, "%s/replay/scenario", c->out);
        ent_folder f;
        if (ent_mkdirs(dir) || ent_folder_begin(&f, "classroom", dir))
            status = -1;
        else if (ent_results_write(rs, f.st.stage, "run", ent_scenario_seed(s), 0.0, c->sets, c->n_sets) != ENT_OK) {
            ent_folder_abort(&f);
            status = -1;
        } else if (ent_folder_commit(&f, "classroom"))
            status = -1;
        ent_run_free(rs);
    }
    /* parallel: every built-in strategy of each stage the seat plays, in place
    ** of the scenario's for that stage alone */
    if (c->mode == CR_PARALLEL && c->n_seats == 1) {
        int me = c->seats[0];
        for (size_t st = 0; st < ent_scenario_n_stages(s); st++) {
            if (!ent_scenario_agent_strategy(s, (size_t)me, st) || !cr_stage_playable(ent_scenario_stage_type(s, st)->name, me == 0))
                continue;
            const ent_strategy_type *list[256];
            size_t n_builtin = play_builtin_strategies(ent_scenario_stage_type(s, st)->name,
                                           me == 0 ? ENT_ROLE_PATRON : ENT_ROLE_ALLY, list, 256);
            /* each built-in with its default values, then the scenario's own back */
            const ent_strategy_type *keep = ent_scenario_agent_strategy(s, (size_t)me, st);
            double keep_p[ENT_MAX_PARAMS], p[ENT_MAX_PARAMS];
            memcpy(keep_p, ent_scenario_agent_strategy_values(s, (size_t)me, st), sizeof keep_p);
            for (size_t k = 0; k < n_builtin && n < cap; k++) {
                ent_param_defaults(list[k]->params, list[k]->n_params, p);
                if (ent_scenario_set_agent_strategy(s, (size_t)me, st, list[k], p))
                    continue;
                ent_run *r = replay(s);
                if (!r)
                    continue;
                cr_row *row = &rows[n++];
                row_of(r, s, me, row);
                snprintf(row->path, sizeof row->path, "builtin");
                snprintf(row->strategy, sizeof row->strategy, "%s=%s", ent_scenario_stage_type(s, st)->name, list[k]->name);
                ent_run_free(r);
            }
            ent_scenario_set_agent_strategy(s, (size_t)me, st, keep, keep_p);
        }
    }
    ent_outfile o;
    if (ent_outfile_open(&o, c->out, "class.csv"))
        status = -1;
    else {
        fprintf(o.f, "path,world,seat,student,strategy,discounted_payoff,final_share,final_belief,w_bandwagon,"
                     "w_balance,w_bind,deals,failed_ratifications,moves,late_moves\n");
        for (size_t k = 0; k < n; k++) {
            const cr_row *r = &rows[k];
            fprintf(o.f, "%s,", r->path);
            if (r->world) fprintf(o.f, "%d", r->world); else fputs("NA", o.f);
            /* names are checked on joining: no comma, quote or control character */
            fprintf(o.f, ",%s,%s,%s", r->seat, *r->student ? r->student : "NA", r->strategy);
            csv_num(o.f, r->payoff);
            csv_num(o.f, r->share);
            csv_num(o.f, r->belief);
            csv_num(o.f, r->w[0]);
            csv_num(o.f, r->w[1]);
            csv_num(o.f, r->w[2]);
            csv_num(o.f, r->deals);
            csv_num(o.f, r->fails);
            if (!strcmp(r->path, "student")) fprintf(o.f, ",%d,%d\n", r->moves, r->late);
            else fputs(",NA,NA\n", o.f);
        }
        if (ent_outfile_commit(&o))
            status = -1;
    }
    for (size_t k = 0; k < n; k++) {
        const cr_row *r = &rows[k];
        json_t *jr = json_pack("{s:s, s:s, s:s, s:s}", "path", r->path, "seat", r->seat, "student", r->student,
                               "strategy", r->strategy);
        if (r->world) json_object_set_new(jr, "world", json_integer(r->world));
        put(jr, "discounted_payoff", r->payoff);
        put(jr, "final_share", r->share);
        put(jr, "final_belief", r->belief);
        json_object_set_new(jr, "portfolio", isfinite(r->w[0]) ? json_pack("[f,f,f]", r->w[0], r->w[1], r->w[2]) : json_null());
        put(jr, "deals", r->deals);
        put(jr, "failed_ratifications", r->fails);
        json_object_set(jr, "series", r->series);
        json_array_append_new(drows, jr);
    }
    json_t *d = json_pack("{s:I, s:o}", "seed", (json_int_t)ent_scenario_seed(s), "rows", drows);
    char *txt = d ? json_dumps(d, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(d);
    pthread_mutex_lock(&c->mu);
    c->debrief = txt;
    pthread_mutex_unlock(&c->mu);
    for (size_t k = 0; k < n; k++)
        json_decref(rows[k].series);
    free(rows);
    return status;
}

/* ---- starting the worlds ----------------------------------------------------------- */

/* The scenario as the class runs it: read once, at start; every world is a
** copy of it (the file may have changed or gone since). */
static ent_scenario *load(cr_class *c)
{
    ent_scenario *s = ent_cli_load(c->file);
    if (!s)
        return NULL;
    if (ent_cli_sets(s, c->sets, c->n_sets)) {
        ent_scenario_free(s);
        return NULL;
    }
    if (c->have_seed) ent_scenario_set_seed(s, c->seed);
    if (c->rounds_opt) ent_scenario_set_rounds(s, c->rounds_opt);
    return s;
}

static int start_worlds(cr_class *c)
{
    int n = c->mode == CR_PARALLEL ? c->n_students : 1;
    cr_world *ws = calloc((size_t)(n > 0 ? n : 1), sizeof *ws);
    if (!ws)
        return -1;
    pthread_mutex_lock(&c->mu);
    c->worlds = ws;         /* freed at the end, whatever happens */
    pthread_mutex_unlock(&c->mu);
    for (int k = 0; k < n; k++) {
        cr_world *w = &ws[k];
        w->cls = c;
        w->index = k;
        for (int i = 0; i < ENT_MAX_AGENTS; i++)
            w->student[i] = -1;
        snprintf(w->dir, sizeof w->dir, "%s/world-%02d", c->out, k + 1);
        if (!(w->s = ent_scenario_clone(c->proto)))
            return -1;
    }
    /* the students were given their world on joining; joining is closed now */
    pthread_mutex_lock(&c->mu);
    for (int si = 0; si < c->n_students; si++)
        ws[c->students[si].world].student[c->students[si].agent] = si;
    pthread_mutex_unlock(&c->mu);
    for (int k = 0; k < n; k++)
        if (cr_world_prepare(&ws[k]))
            return -1;
    pthread_mutex_lock(&c->mu);
    c->n_worlds = n;
    pthread_mutex_unlock(&c->mu);
    for (int k = 0; k < n; k++)
        if (cr_world_start(&ws[k]))
            return -1;
    return 0;
}

static void print_addresses(const char *listen, unsigned port, const cr_class *c)
{
    int any = !strcmp(listen, "0.0.0.0");
    const char *host = any ? "127.0.0.1" : listen;
    printf("entente classroom: %s, %s mode, %d rounds; seats:", ent_scenario_name(c->proto),
           c->mode == CR_PARALLEL ? "parallel" : "shared", c->rounds);
    for (int k = 0; k < c->n_seats; k++)
        printf(" %s", ent_scenario_agent_code(c->proto, (size_t)c->seats[k]));
    printf("\n");
    printf("Port: %u\n", port);
    printf("Students: http://%s:%u/   join code: %s\n", host, port, c->code);
    printf("Teacher:  http://%s:%u/teacher#%s\n", host, port, c->teacher);
    printf("Teacher token: %s\n", c->teacher);
    if (any) {
        printf("Open to the room: anyone on this network with the join code can join. Students use:\n");
        struct ifaddrs *ifa = NULL;
        if (!getifaddrs(&ifa)) {
            for (struct ifaddrs *p = ifa; p; p = p->ifa_next) {
                if (!p->ifa_addr || p->ifa_addr->sa_family != AF_INET)
                    continue;
                char buf[INET_ADDRSTRLEN];
                const struct sockaddr_in *sin = (const struct sockaddr_in *)(const void *)p->ifa_addr;
                if (inet_ntop(AF_INET, &sin->sin_addr, buf, sizeof buf) && strncmp(buf, "127.", 4))
                    printf("  http://%s:%u/   (%s)\n", buf, port, p->ifa_name);
            }
            freeifaddrs(ifa);
        }
    } else {
        printf("Listening on %s only: %s; --listen 0.0.0.0 opens the class to the room.\n", listen,
               !strncmp(listen, "127.", 4) ? "this computer alone can reach it" : "that address alone");
    }
    printf("Results will be written to %s/. Ctrl-C ends the class.\n", c->out);
    fflush(stdout);
}

static int parse_seats(cr_class *c, const char *list)
{
    const ent_scenario *s = c->proto;
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", list);
    c->n_seats = 0;
    for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        int a = ent_scenario_agent_index(s, tok);
        if (a < 0) {
            fprintf(stderr, "entente classroom: --seats: no agent '%s' in %s; agents are:", tok, c->file);
            for (size_t i = 0; i < ent_scenario_n_agents(s); i++)
                fprintf(stderr, " %s", ent_scenario_agent_code(s, i));
            fprintf(stderr, "\n");
            return -1;
        }
        if (!cr_seat_playable(s, a)) {
            fprintf(stderr, "entente classroom: --seats: %s has no decision a person can take in %s\n", tok, c->file);
            return -1;
        }
        for (int k = 0; k < c->n_seats; k++)
            if (c->seats[k] == a) {
                fprintf(stderr, "entente classroom: --seats: %s is given twice\n", tok);
                return -1;
            }
        c->seats[c->n_seats++] = a;
    }
    if (!c->n_seats) {
        fprintf(stderr, "entente classroom: --seats: expected one or more agent codes, separated by commas\n");
        return -1;
    }
    if (c->mode == CR_PARALLEL && c->n_seats != 1) {
        fprintf(stderr, "entente classroom: --mode parallel: every student plays the same country; give one seat\n");
        return -1;
    }
    return 0;
}

static int cmd_classroom(int argc, char **argv, const char **sets, size_t n_sets)
{
    ent_option opts[] = {
        { "port", 1, NULL }, { "listen", 1, NULL }, { "seats", 1, NULL }, { "out", 1, NULL }, { "mode", 1, NULL },
        { "seed", 1, NULL }, { "rounds", 1, NULL }, { "set", 1, NULL }, { "time-limit", 1, NULL },
        { "max-students", 1, NULL }, { "max-per-address", 1, NULL }, { NULL, 0, NULL }
    };
    const char *pos[2];
    size_t n_pos;
    int rc = ent_parse_options("classroom", argc, argv, opts, pos, 2, &n_pos);
    if (rc == 1) {
        fputs(ent_usage_classroom, stdout);
        return ENT_EXIT_OK;
    }
    if (rc < 0)
        return ENT_EXIT_USAGE;
    if (n_pos != 1) {
        fprintf(stderr, "entente classroom: expected a scenario FILE\n");
        return ENT_EXIT_USAGE;
    }
    static cr_class cls;        /* large; one per process */
    cr_class *c = &cls;
    memset(c, 0, sizeof *c);
    c->file = pos[0];
    c->sets = sets;
    c->n_sets = n_sets;
    uint64_t port = 8080, rounds = 0, maxs = 60, tl = 0, per_address = CR_PER_ADDRESS;
    if (ent_opt(opts, "port") && ent_opt_u64_in("classroom", "port", ent_opt(opts, "port"), 0, 65535, &port))
        return ENT_EXIT_USAGE;
    if (ent_opt(opts, "seed") && ent_opt_u64("classroom", "seed", ent_opt(opts, "seed"), UINT64_MAX, &c->seed))
        return ENT_EXIT_USAGE;
    c->have_seed = ent_opt(opts, "seed") != NULL;
    if (ent_opt(opts, "rounds") && ent_opt_u64_in("classroom", "rounds", ent_opt(opts, "rounds"), 1, 1000, &rounds))
        return ENT_EXIT_USAGE;
    c->rounds_opt = (int)rounds;
    if (ent_opt(opts, "max-students") &&
        ent_opt_u64_in("classroom", "max-students", ent_opt(opts, "max-students"), 1, CR_MAX_STUDENTS, &maxs))
        return ENT_EXIT_USAGE;
    c->max_students = (int)maxs;
    if (ent_opt(opts, "max-per-address") &&
        ent_opt_u64_in("classroom", "max-per-address", ent_opt(opts, "max-per-address"), 1, 400, &per_address))
        return ENT_EXIT_USAGE;
    c->per_address = (int)per_address;
    if (ent_opt(opts, "time-limit") &&
        ent_opt_u64_in("classroom", "time-limit", ent_opt(opts, "time-limit"), 1, 86400, &tl))
        return ENT_EXIT_USAGE;
    c->time_limit = (double)tl;
    const char *mode = ent_opt(opts, "mode") ? ent_opt(opts, "mode") : "shared";
    if (!strcmp(mode, "parallel"))
        c->mode = CR_PARALLEL;
    else if (strcmp(mode, "shared")) {
        fprintf(stderr, "entente classroom: --mode: expected shared or parallel, got '%s'\n", mode);
        return ENT_EXIT_USAGE;
    }
    const char *listen = ent_opt(opts, "listen") ? ent_opt(opts, "listen") : "127.0.0.1";
    struct in_addr probe;
    if (inet_pton(AF_INET, listen, &probe) != 1) {
        fprintf(stderr, "entente classroom: --listen: expected an IPv4 address such as 127.0.0.1 or 0.0.0.0, got '%s'\n",
                listen);
        return ENT_EXIT_USAGE;
    }
    if (ent_file_expect("classroom", pos[0], ENT_FILE_SCENARIO | ENT_FILE_SCENARIO_SWEEP))
        return ENT_EXIT_USAGE;
    if (!(c->proto = load(c)))
        return ENT_EXIT_USAGE;
    c->rounds = ent_scenario_rounds(c->proto);
    int status = ENT_EXIT_USAGE;
    if (ent_opt(opts, "seats")) {
        if (parse_seats(c, ent_opt(opts, "seats")))
            goto done;
    } else {
        for (size_t i = c->mode == CR_PARALLEL ? 1 : 0; i < ent_scenario_n_agents(c->proto); i++)
            if (cr_seat_playable(c->proto, (int)i)) {
                c->seats[c->n_seats++] = (int)i;
                if (c->mode == CR_PARALLEL)
                    break;
            }
        if (!c->n_seats) {
            fprintf(stderr, "entente classroom: no agent of %s has a decision a person can take\n", pos[0]);
            goto done;
        }
    }
    if (c->mode == CR_SHARED && c->max_students > c->n_seats)
        c->max_students = c->n_seats;
    if (ent_opt(opts, "out"))
        snprintf(c->out, sizeof c->out, "%s", ent_opt(opts, "out"));
    else
        snprintf(c->out, sizeof c->out, "results/%s-classroom", ent_scenario_name(c->proto));
    status = ENT_EXIT_FAIL;
    if (ent_mkdirs(c->out)) {
        fprintf(stderr, "entente classroom: cannot create %s\n", c->out);
        goto done;
    }
    if (make_secrets(c)) {
        fprintf(stderr, "entente classroom: cannot read /dev/urandom for the join code and tokens\n");
        goto done;
    }
    pthread_mutex_init(&c->mu, NULL);
    pthread_cond_init(&c->cv, NULL);
    unsigned bound = 0;
    struct MHD_Daemon *d = cr_http_start(c, listen, (unsigned)port, &bound);
    if (!d)
        goto done;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    print_addresses(listen, bound, c);

    int worlds_up = 0, failed = 0;
    pthread_mutex_lock(&c->mu);
    for (;;) {
        if (g_signal && !c->stopping) {
            c->stopping = 1;
            pthread_cond_broadcast(&c->cv);
        }
        if (c->stopping && !worlds_up)
            break;
        if (started(c) && !worlds_up) {
            pthread_mutex_unlock(&c->mu);
            printf("The class has started: %d student%s.\n", c->n_students, c->n_students == 1 ? "" : "s");
            fflush(stdout);
            failed = start_worlds(c);
            pthread_mutex_lock(&c->mu);
            worlds_up = 1;
            if (failed) {
                c->stopping = 1;
                pthread_cond_broadcast(&c->cv);
                break;
            }
            continue;
        }
        if (worlds_up) {
            int fin = 0, gated = 0;
            for (int k = 0; k < c->n_worlds; k++) {
                fin += c->worlds[k].finished;
                gated += c->worlds[k].finished || (!c->worlds[k].busy && c->worlds[k].at_gate == c->open_round + 1);
            }
            if (c->time_limit > 0 && c->open_round >= 1 && c->open_round <= c->rounds &&
                ((c->deadline > 0 && cr_now() >= c->deadline) || gated == c->n_worlds)) {
                c->open_round++;
                c->deadline = c->open_round <= c->rounds ? cr_now() + c->time_limit : 0;
                pthread_cond_broadcast(&c->cv);
            }
            if (fin == c->n_worlds && !c->results_written) {
                pthread_mutex_unlock(&c->mu);
                for (int k = 0; k < c->n_worlds; k++)
                    failed |= c->worlds[k].failed;
                failed |= write_results(c) != 0;
                printf("The game is over: the run folders and class.csv are in %s/.\n", c->out);
                fflush(stdout);
                pthread_mutex_lock(&c->mu);
                c->results_written = 1;
                c->done = 1;
                c->deadline = 0;
                pthread_cond_broadcast(&c->cv);
            }
            if (c->stopping && c->results_written)
                break;
        }
        cr_wait(c, 0.2);
    }
    /* the teacher's "stop" gets its answer before the server goes (at most
    ** 2 s: a client that stopped reading does not hold the end up) */
    double until = cr_now() + 2.0;
    while (c->stop_pending && !c->stop_answered && cr_now() < until)
        cr_wait(c, 0.05);
    pthread_mutex_unlock(&c->mu);
    cr_http_stop(d);
    for (int k = 0; k < c->n_worlds; k++)
        if (c->worlds[k].started)
            pthread_join(c->worlds[k].thread, NULL);
    printf("The class is closed.\n");
    fflush(stdout);
    status = failed ? ENT_EXIT_FAIL : ENT_EXIT_OK;
done:
    for (int k = 0; c->worlds && k < c->n_worlds; k++) {
        cr_world *w = &c->worlds[k];
        ent_run_free(w->run);
        for (size_t i = 0; w->feedback && w->s && i < ent_scenario_n_agents(w->s); i++)
            free(w->feedback[i]);
        free(w->feedback);
        free(w->points);
        ent_scenario_free(w->s);
    }
    free(c->worlds);
    free(c->debrief);
    ent_scenario_free(c->proto);
    return status;
}

int ent_classroom_main(int argc, char **argv)
{
    size_t n_sets;
    const char **sets = ent_opt_all(argc, argv, "set", &n_sets);
    if (!sets)
        return ENT_EXIT_USAGE;
    int rc = cmd_classroom(argc, argv, sets, n_sets);
    free(sets);
    return rc;
}
