/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** classroom_http.c: the web server of `entente classroom` (libmicrohttpd, a
** thread per connection) and its JSON API: the page's files, joining, a
** student's state and moves, the teacher's view of the class, opening rounds
** and ending the class. Every request is checked: a body over 64 KiB, a body
** that is not a JSON object, an unknown field, a wrong type, a value out of
** range and an unknown token each get a 4xx with {"error": ...} (and "field"
** where one is to blame); a student's token acts for that student's seat
** alone, and no answer holds another student's private belief. No client
** can hold the server from the class with idle or slow connections (see
** "connections" below). engine/docs/classroom.md documents the API.
*/
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <time.h>
#include <microhttpd.h>
#include "classroom.h"


typedef struct {
    char *buf;
    size_t len;
    int too_big;
    int is_stop;                /* the teacher's stop: its completion is awaited */
} cr_req;

static enum MHD_Result send_text(struct MHD_Connection *conn, unsigned code, char *txt, const char *type)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(strlen(txt), txt, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(txt);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    enum MHD_Result ok = MHD_queue_response(conn, code, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result send_json(struct MHD_Connection *conn, unsigned code, json_t *o)
{
    char *txt = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    if (!txt) {
        txt = strdup("{\"error\":\"out of memory\"}");
        code = MHD_HTTP_INTERNAL_SERVER_ERROR;
        if (!txt)
            return MHD_NO;
    }
    return send_text(conn, code, txt, "application/json; charset=utf-8");
}

/* An error: {"error": msg} and, when the message starts with a field's name
** ("decisions.share: ..."), {"field": that name}. A message is UTF-8 as JSON
** needs: a byte of anything else (text cut short, a parser's quote of the
** body) becomes '?'. */
static enum MHD_Result send_error(struct MHD_Connection *conn, unsigned code, const char *text)
{
    char msg[1024], field[256];
    snprintf(msg, sizeof msg, "%s", text);
    cr_utf8_scrub(msg);
    json_t *o = json_pack("{s:s}", "error", msg);
    const char *colon = strstr(msg, ": ");
    if (o && colon && colon > msg && (size_t)(colon - msg) < sizeof field && !memchr(msg, ' ', (size_t)(colon - msg))) {
        snprintf(field, sizeof field, "%.*s", (int)(colon - msg), msg);
        json_object_set_new(o, "field", json_string(field));
    }
    return send_json(conn, code, o);
}

static enum MHD_Result send_asset(struct MHD_Connection *conn, const char *path)
{
    for (const cr_asset *a = cr_assets; a->path; a++)
        if (!strcmp(a->path, path)) {
            struct MHD_Response *r = MHD_create_response_from_buffer(a->size, (void *)a->data, MHD_RESPMEM_PERSISTENT);
            if (!r)
                return MHD_NO;
            MHD_add_response_header(r, "Content-Type", a->type);
            MHD_add_response_header(r, "Cache-Control", "no-cache");
            MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
            MHD_add_response_header(r, "Content-Security-Policy",
                                    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'");
            enum MHD_Result ok = MHD_queue_response(conn, MHD_HTTP_OK, r);
            MHD_destroy_response(r);
            return ok;
        }
    return send_error(conn, MHD_HTTP_NOT_FOUND, "no such page");
}

static const char *bearer(struct MHD_Connection *conn)
{
    const char *h = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Authorization");
    if (!h || strncmp(h, "Bearer ", 7))
        return NULL;
    return h + 7;
}

static int same_token(const char *a, const char *b)
{
    size_t n = strlen(b);
    if (strlen(a) != n || n == 0)
        return 0;
    unsigned char diff = 0;
    for (size_t k = 0; k < n; k++)
        diff |= (unsigned char)(a[k] ^ b[k]);
    return diff == 0;
}

/* The student with token t, or -1 (under the lock). */
static int student_of(cr_class *c, const char *t)
{
    if (!t)
        return -1;
    for (int k = 0; k < c->n_students; k++)
        if (same_token(t, c->students[k].token))
            return k;
    return -1;
}

/* Every key of o is allowed; else the error is sent. */
static int known_fields(struct MHD_Connection *conn, json_t *o, const char *const *allowed, enum MHD_Result *sent)
{
    const char *key = cr_unknown_key(o, allowed);
    if (key) {
        char msg[300];
        snprintf(msg, sizeof msg, "%.*s: unknown field", (int)cr_utf8_prefix(key, 60), key);
        *sent = send_error(conn, MHD_HTTP_BAD_REQUEST, msg);
        return -1;
    }
    return 0;
}

/* Parse the body: a JSON object whose every key is in `allowed`, or NULL
** with the error sent (*sent). An empty body is an empty object when
** `empty_ok`. */
static json_t *body_object(struct MHD_Connection *conn, const cr_req *rq, int empty_ok, const char *const *allowed,
                           enum MHD_Result *sent)
{
    if (rq->len == 0 && empty_ok)
        return json_object();
    json_error_t e;
    json_t *o = rq->len ? json_loadb(rq->buf, rq->len, JSON_REJECT_DUPLICATES, &e) : NULL;
    if (!o) {
        char msg[300];
        if (rq->len)
            snprintf(msg, sizeof msg, "the body is not JSON: %s (line %d, column %d)", e.text, e.line, e.column);
        else
            snprintf(msg, sizeof msg, "expected a JSON object in the body");
        *sent = send_error(conn, MHD_HTTP_BAD_REQUEST, msg);
        return NULL;
    }
    if (!json_is_object(o)) {
        json_decref(o);
        *sent = send_error(conn, MHD_HTTP_BAD_REQUEST, "expected a JSON object in the body");
        return NULL;
    }
    if (known_fields(conn, o, allowed, sent)) {
        json_decref(o);
        return NULL;
    }
    return o;
}


/* The world is blocked where it will stay until someone acts: at a question,
** at the gate of a round not yet open, or at the end (under the lock). */
static int settled(const cr_class *c, const cr_world *w)
{
    if (w->finished)
        return 1;
    if (w->busy)
        return 0;
    return !(w->at_gate && w->at_gate <= c->open_round) || c->stopping;
}

/* Wait (under the lock) until the student's world has settled, at most a few seconds. */
static void settle(cr_class *c, const cr_student *st)
{
    double until = cr_now() + 3.0;
    while (c->worlds && st->world < c->n_worlds && !settled(c, &c->worlds[st->world]) && cr_now() < until)
        cr_wait(c, 0.1);
}

/* ---- the API ------------------------------------------------------------------------ */

/* s without its surrounding spaces, in capitals, as a join code: "" (no
** code) when it is too long for one or has a space inside. */
static void join_code(const char *s, char *code, size_t cap)
{
    while (isspace((unsigned char)*s)) s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1])) n--;
    int inner = 0;
    for (size_t k = 0; k < n; k++)
        inner |= isspace((unsigned char)s[k]);
    if (n >= cap || inner)
        n = 0;
    for (size_t k = 0; k < n; k++)
        code[k] = (char)toupper((unsigned char)s[k]);
    code[n] = 0;
}

/* A student's name as class.csv and the manifests take it: without its
** surrounding spaces, 1 to CR_NAME_MAX characters (code points), none a
** control character (C0, DEL, C1), a line or paragraph separator (U+2028,
** U+2029: JavaScript reads them as line ends), comma, quote, < > or &. NULL
** and the name in out (cap > CR_NAME_BYTES), or the error. */
static const char *student_name(const char *nm, char *out, size_t cap)
{
    while (isspace((unsigned char)*nm)) nm++;
    size_t len = strlen(nm), chars = 0;
    while (len && isspace((unsigned char)nm[len - 1])) len--;
    int bad = 0;
    for (size_t k = 0; k < len && chars <= CR_NAME_MAX; chars++) {
        unsigned cp;
        int n = cr_utf8_char(nm + k, &cp);
        if (!n)
            return "name: expected UTF-8 text";
        bad |= cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 || cp == ',' || cp == '"' ||
               cp == '<' || cp == '>' || cp == '&';
        k += (size_t)n;
    }
    if (chars == 0 || chars > CR_NAME_MAX || len >= cap)
        return "name: give a name of 1 to 40 characters";
    if (bad)
        return "name: letters, digits, spaces and simple punctuation only (no control character, line separator, "
               "comma, quote, < > or &)";
    snprintf(out, cap, "%.*s", (int)len, nm);
    return NULL;
}

static enum MHD_Result api_join(struct MHD_Connection *conn, cr_class *c, const cr_req *rq)
{
    enum MHD_Result sent = MHD_NO;
    static const char *const allowed[] = { "code", "name", "seat", NULL };
    json_t *o = body_object(conn, rq, 0, allowed, &sent);
    if (!o)
        return sent;
    json_t *jc = json_object_get(o, "code"), *jn = json_object_get(o, "name"), *js = json_object_get(o, "seat");
    char name[CR_NAME_BYTES + 1] = "", code[16] = "";
    const char *err = NULL;
    unsigned status = MHD_HTTP_BAD_REQUEST;
    if (!jc) err = "code: missing (the join code the teacher shows)";
    else if (!json_is_string(jc)) err = "code: expected a string";
    else if (!jn) err = "name: missing";
    else if (!json_is_string(jn)) err = "name: expected a string";
    else if (js && !json_is_string(js)) err = "seat: expected a string (a country's code)";
    if (!err) {
        join_code(json_string_value(jc), code, sizeof code);
        err = student_name(json_string_value(jn), name, sizeof name);
    }
    if (err) {
        json_decref(o);
        return send_error(conn, status, err);
    }
    pthread_mutex_lock(&c->mu);
    int agent = -1;
    if (strcmp(code, c->code)) {
        status = MHD_HTTP_FORBIDDEN;
        err = "code: wrong join code";
    } else if (c->open_round > 0 || c->stopping) {
        status = MHD_HTTP_CONFLICT;
        err = "the class has started: joining is closed";
    } else if (c->n_students >= c->max_students) {
        status = MHD_HTTP_CONFLICT;
        err = c->mode == CR_SHARED ? "every seat is taken" : "the class is full";
    } else {
        for (int k = 0; k < c->n_students; k++)
            if (!strcmp(c->students[k].name, name)) {
                status = MHD_HTTP_CONFLICT;
                err = "name: that name is taken; add an initial";
            }
    }
    if (!err && js) {
        int a = ent_scenario_agent_index(c->proto, json_string_value(js)), seat_ok = 0;
        for (int k = 0; k < c->n_seats; k++)
            seat_ok |= c->seats[k] == a;
        if (!seat_ok) {
            err = "seat: not a seat of this class (GET /api/info lists them)";
        } else if (c->mode == CR_SHARED) {
            for (int k = 0; k < c->n_students; k++)
                if (c->students[k].agent == a) {
                    status = MHD_HTTP_CONFLICT;
                    err = "seat: taken by another student";
                }
        }
        agent = a;
    }
    if (!err && agent < 0) {
        for (int k = 0; k < c->n_seats && agent < 0; k++) {
            int taken = 0;
            for (int s = 0; c->mode == CR_SHARED && s < c->n_students; s++)
                taken |= c->students[s].agent == c->seats[k];
            if (!taken)
                agent = c->seats[k];
        }
        if (agent < 0) {
            status = MHD_HTTP_CONFLICT;
            err = "every seat is taken";
        }
    }
    cr_student *st = NULL;
    if (!err) {
        st = &c->students[c->n_students];
        memset(st, 0, sizeof *st);
        if (cr_new_token(st->token)) {
            status = MHD_HTTP_INTERNAL_SERVER_ERROR;
            err = "cannot make a token";
        } else {
            snprintf(st->name, sizeof st->name, "%s", name);
            st->agent = agent;
            st->world = c->mode == CR_PARALLEL ? c->n_students : 0;
            st->last_seen = cr_now();
            c->n_students++;
            pthread_cond_broadcast(&c->cv);
        }
    }
    json_t *res = err ? NULL : json_pack("{s:s, s:s, s:s, s:s}", "token", st->token, "seat", ent_scenario_agent_code(c->proto, agent),
                                         "seat_name", ent_scenario_agent_name(c->proto, agent), "name", st->name);
    pthread_mutex_unlock(&c->mu);
    json_decref(o);
    if (err)
        return send_error(conn, status, err);
    return send_json(conn, MHD_HTTP_OK, res);
}

static enum MHD_Result api_state(struct MHD_Connection *conn, cr_class *c)
{
    pthread_mutex_lock(&c->mu);
    int si = student_of(c, bearer(conn));
    if (si < 0) {
        pthread_mutex_unlock(&c->mu);
        return send_error(conn, MHD_HTTP_UNAUTHORIZED, "unknown token: join first (POST /api/join)");
    }
    c->students[si].last_seen = cr_now();
    settle(c, &c->students[si]);
    json_t *o = cr_student_json(c, si);
    pthread_mutex_unlock(&c->mu);
    return send_json(conn, MHD_HTTP_OK, o);
}

static enum MHD_Result api_move(struct MHD_Connection *conn, cr_class *c, const cr_req *rq)
{
    enum MHD_Result sent = MHD_NO;
    pthread_mutex_lock(&c->mu);
    int si = student_of(c, bearer(conn));
    pthread_mutex_unlock(&c->mu);
    if (si < 0)
        return send_error(conn, MHD_HTTP_UNAUTHORIZED, "unknown token: join first (POST /api/join)");
    static const char *const allowed[] = { "decisions", "question", "seat", NULL };
    json_t *o = body_object(conn, rq, 0, allowed, &sent);
    if (!o)
        return sent;
    json_t *dec = json_object_get(o, "decisions"), *jq = json_object_get(o, "question"), *js = json_object_get(o, "seat");
    if (!dec || !json_is_object(dec) || (jq && !json_is_integer(jq)) || (js && !json_is_string(js))) {
        const char *msg = !dec ? "decisions: missing" : !json_is_object(dec) ? "decisions: expected an object"
                          : js && !json_is_string(js) ? "seat: expected a string"
                          : "question: expected an integer (the question's id)";
        json_decref(o);
        return send_error(conn, MHD_HTTP_BAD_REQUEST, msg);
    }
    pthread_mutex_lock(&c->mu);
    cr_student *st = &c->students[si];
    st->last_seen = cr_now();
    unsigned code = MHD_HTTP_OK;
    char err[400] = "";
    if (js && strcmp(json_string_value(js), ent_scenario_agent_code(c->proto, st->agent))) {
        code = MHD_HTTP_FORBIDDEN;
        snprintf(err, sizeof err, "seat: you sit at %s; you cannot move for another seat",
                 ent_scenario_agent_code(c->proto, st->agent));
    } else if (!c->worlds || st->world >= c->n_worlds) {
        code = MHD_HTTP_CONFLICT;
        snprintf(err, sizeof err, "the class has not started yet");
    }
    cr_world *w = err[0] ? NULL : &c->worlds[st->world];
    if (w)
        settle(c, st);
    if (w && (w->busy || w->finished || w->q.kind == CR_Q_NONE || w->q.agent != st->agent || w->q.answered)) {
        code = MHD_HTTP_CONFLICT;
        snprintf(err, sizeof err, "%s", w->finished ? "the game is over" : "nothing is asked of you now");
    } else if (w && jq && (json_int_t)w->q.id != json_integer_value(jq)) {
        code = MHD_HTTP_CONFLICT;
        snprintf(err, sizeof err, "question: question %lld has passed; the question now is %u",
                 (long long)json_integer_value(jq), w->q.id);
    }
    cr_decision d;
    if (!err[0] && cr_validate(&w->q, dec, &d, err, sizeof err))
        code = MHD_HTTP_BAD_REQUEST;
    json_t *res = NULL;
    if (!err[0]) {
        unsigned id = w->q.id;
        w->q.d = d;
        w->q.answered = 1;
        pthread_cond_broadcast(&c->cv);
        /* until the world has taken it and stopped at what comes next */
        double until = cr_now() + 5.0;
        while (((w->q.id == id && w->q.kind != CR_Q_NONE) || !settled(c, w)) && cr_now() < until)
            cr_wait(c, 0.1);
        res = json_pack("{s:b, s:o}", "accepted", 1, "state", cr_student_json(c, si));
    }
    pthread_mutex_unlock(&c->mu);
    json_decref(o);
    if (err[0])
        return send_error(conn, code, err);
    return send_json(conn, MHD_HTTP_OK, res);
}

static int teacher_ok(struct MHD_Connection *conn, cr_class *c, enum MHD_Result *sent)
{
    const char *t = bearer(conn);
    if (t && same_token(t, c->teacher))
        return 1;
    pthread_mutex_lock(&c->mu);
    int si = student_of(c, t);
    pthread_mutex_unlock(&c->mu);
    *sent = si >= 0 ? send_error(conn, MHD_HTTP_FORBIDDEN, "only the teacher may do this")
                    : send_error(conn, MHD_HTTP_UNAUTHORIZED, "unknown token: the teacher's token is printed at start");
    return 0;
}

static enum MHD_Result api_advance(struct MHD_Connection *conn, cr_class *c, const cr_req *rq)
{
    enum MHD_Result sent = MHD_NO;
    if (!teacher_ok(conn, c, &sent))
        return sent;
    static const char *const allowed[] = { "round", "time_limit", NULL };
    json_t *o = body_object(conn, rq, 1, allowed, &sent);
    if (!o)
        return sent;
    json_t *jt = json_object_get(o, "time_limit"), *jr = json_object_get(o, "round");
    double tl = jt && json_is_number(jt) ? json_number_value(jt) : 0;
    const char *bad = NULL;
    if (jt && (!json_is_number(jt) || !(tl >= 0 && tl <= 86400)))
        bad = "time_limit: expected seconds per round, from 0 (none) to 86400";
    else if (jr && !(json_is_integer(jr) && json_integer_value(jr) >= 1))
        bad = "round: expected the round to open, an integer (1 starts the game)";
    int have_tl = jt != NULL;
    json_int_t want = jr ? json_integer_value(jr) : 0;
    json_decref(o);
    if (bad)
        return send_error(conn, MHD_HTTP_BAD_REQUEST, bad);
    pthread_mutex_lock(&c->mu);
    const char *err = NULL;
    char msg[160];
    if (c->done || c->stopping || c->open_round > c->rounds)
        err = "the game is over";
    else if (c->open_round == 0 && c->n_students == 0)
        err = "no student has joined yet";
    else if (want > 0 && want != c->open_round + 1) {
        /* a second click, or a round the clock opened meanwhile: not opened twice */
        if (want <= c->open_round)
            snprintf(msg, sizeof msg, "round: round %lld is open already; the next to open is %d", (long long)want,
                     c->open_round + 1);
        else
            snprintf(msg, sizeof msg, "round: round %d is to open next, not %lld", c->open_round + 1, (long long)want);
        err = msg;
    }
    if (!err) {
        if (have_tl)
            c->time_limit = tl;
        c->open_round++;
        c->deadline = c->time_limit > 0 && c->open_round <= c->rounds ? cr_now() + c->time_limit : 0;
        pthread_cond_broadcast(&c->cv);
    }
    json_t *res = err ? NULL : json_pack("{s:i, s:i}", "round", c->open_round > c->rounds ? c->rounds : c->open_round,
                                         "rounds", c->rounds);
    if (res && c->open_round > c->rounds)
        json_object_set_new(res, "closing", json_true());
    pthread_mutex_unlock(&c->mu);
    if (err)
        return send_error(conn, MHD_HTTP_CONFLICT, err);
    return send_json(conn, MHD_HTTP_OK, res);
}

static enum MHD_Result api_stop(struct MHD_Connection *conn, cr_class *c, cr_req *rq)
{
    enum MHD_Result sent = MHD_NO;
    if (!teacher_ok(conn, c, &sent))
        return sent;
    static const char *const allowed[] = { NULL };
    json_t *o = body_object(conn, rq, 1, allowed, &sent);
    if (!o)
        return sent;
    json_decref(o);
    pthread_mutex_lock(&c->mu);
    c->stopping = 1;
    if (rq) {
        rq->is_stop = 1;
        c->stop_pending = 1;
    }
    pthread_cond_broadcast(&c->cv);
    pthread_mutex_unlock(&c->mu);
    return send_json(conn, MHD_HTTP_OK, json_pack("{s:b}", "stopping", 1));
}

static enum MHD_Result api_class(struct MHD_Connection *conn, cr_class *c)
{
    enum MHD_Result sent = MHD_NO;
    if (!teacher_ok(conn, c, &sent))
        return sent;
    pthread_mutex_lock(&c->mu);
    json_t *o = cr_class_json(c);
    pthread_mutex_unlock(&c->mu);
    return send_json(conn, MHD_HTTP_OK, o);
}

/* ---- connections ------------------------------------------------------------------
** No client can take the server from the class by holding connections: an
** address holds at most c->per_address at once (127.0.0.1, this computer,
** is not counted: a load test, or a proxy in front of the server, speaks
** from there), and a request must arrive in full within CR_REQUEST_SECONDS
** of its connection's opening or of the last answer on it, however steadily
** its bytes come (the library's idle timeout restarts with every byte): a
** watch thread shuts the socket of one that does not. A connection's record
** goes (under conns.mu) before the library closes its socket, so the watch
** never shuts a socket number that has been given to another. */

typedef struct cr_conn {
    struct cr_conn *prev, *next;
    uint32_t addr;                  /* IPv4, network order */
    int fd;
    double since;                   /* when the request awaited began to come (0: it is in) */
} cr_conn;

static struct {
    pthread_mutex_t mu;
    cr_conn *head;
    unsigned per_address;
    int stop;
    pthread_t watch;
    int watching;
} conns = { .mu = PTHREAD_MUTEX_INITIALIZER };

static enum MHD_Result admit(void *cls, const struct sockaddr *sa, socklen_t len)
{
    (void)cls;
    if (sa->sa_family != AF_INET || len < (socklen_t)sizeof(struct sockaddr_in))
        return MHD_YES;     /* the server listens on IPv4 alone */
    uint32_t a = ((const struct sockaddr_in *)(const void *)sa)->sin_addr.s_addr;
    if (a == htonl(INADDR_LOOPBACK))
        return MHD_YES;
    unsigned n = 0;
    pthread_mutex_lock(&conns.mu);
    for (const cr_conn *k = conns.head; k; k = k->next)
        n += k->addr == a;
    pthread_mutex_unlock(&conns.mu);
    return n < conns.per_address ? MHD_YES : MHD_NO;
}

/* A connection opens (its record made) or closes (its record gone). Admitting
** and opening happen on the library's one listening thread, in turn, so an
** address's count is never read before its last connection is in it. */
static void connection_event(void *cls, struct MHD_Connection *conn, void **ctx, enum MHD_ConnectionNotificationCode toe)
{
    (void)cls;
    cr_conn *k = *ctx;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ia = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        const union MHD_ConnectionInfo *ifd = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        if (!ifd || !(k = calloc(1, sizeof *k)))
            return;
        if (ia && ia->client_addr && ia->client_addr->sa_family == AF_INET)
            k->addr = ((const struct sockaddr_in *)(const void *)ia->client_addr)->sin_addr.s_addr;
        k->fd = ifd->connect_fd;
        k->since = cr_now();
        pthread_mutex_lock(&conns.mu);
        k->next = conns.head;
        if (conns.head)
            conns.head->prev = k;
        conns.head = k;
        pthread_mutex_unlock(&conns.mu);
        *ctx = k;
    } else if (k) {
        pthread_mutex_lock(&conns.mu);
        if (k->prev)
            k->prev->next = k->next;
        else
            conns.head = k->next;
        if (k->next)
            k->next->prev = k->prev;
        pthread_mutex_unlock(&conns.mu);
        free(k);
        *ctx = NULL;
    }
}

/* The request on conn has come in full (since 0), or the next is awaited from `since`. */
static void awaiting(struct MHD_Connection *conn, double since)
{
    const union MHD_ConnectionInfo *i = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    cr_conn *k = i ? i->socket_context : NULL;
    if (!k)
        return;
    pthread_mutex_lock(&conns.mu);
    k->since = since;
    pthread_mutex_unlock(&conns.mu);
}

static void *watch(void *arg)
{
    (void)arg;
    const struct timespec tick = { 0, 250000000L };
    pthread_mutex_lock(&conns.mu);
    while (!conns.stop) {
        double now = cr_now();
        for (cr_conn *k = conns.head; k; k = k->next)
            if (k->since > 0 && now - k->since > CR_REQUEST_SECONDS) {
                shutdown(k->fd, SHUT_RDWR);     /* its thread sees the end and closes it */
                k->since = 0;
            }
        pthread_mutex_unlock(&conns.mu);
        nanosleep(&tick, NULL);
        pthread_mutex_lock(&conns.mu);
    }
    pthread_mutex_unlock(&conns.mu);
    return NULL;
}

/* ---- the server ---------------------------------------------------------------------- */

static enum MHD_Result count_length(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind; (void)value;
    *(int *)cls += !strcasecmp(key, "Content-Length");
    return MHD_YES;
}

/* What the headers alone refuse, before any of the body is read (so no
** "100 Continue" goes out for it, and the library reads no more of it): a
** body whose length is given twice, which a proxy and this server might read
** differently, or one declared over 64 KiB. 0, or -1 with the error sent. */
static int headers_ok(struct MHD_Connection *conn, enum MHD_Result *sent)
{
    int lengths = 0;
    MHD_get_connection_values(conn, MHD_HEADER_KIND, count_length, &lengths);
    const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
    if (lengths > 1 || (lengths && MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Transfer-Encoding"))) {
        *sent = send_error(conn, MHD_HTTP_BAD_REQUEST,
                           "the body's length is given twice (Content-Length, or it and Transfer-Encoding)");
        return -1;
    }
    if (cl && strtoull(cl, NULL, 10) > CR_MAX_BODY) {
        *sent = send_error(conn, MHD_HTTP_CONTENT_TOO_LARGE, "the body is larger than 64 KiB");
        return -1;
    }
    return 0;
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                               const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
    (void)version;
    cr_class *c = cls;
    cr_req *rq = *con_cls;
    if (!rq) {
        rq = calloc(1, sizeof *rq);
        if (!rq)
            return MHD_NO;
        *con_cls = rq;
        enum MHD_Result sent = MHD_YES;
        headers_ok(conn, &sent);
        return sent;
    }
    if (*upload_size) {
        if (!rq->too_big) {
            if (rq->len + *upload_size > CR_MAX_BODY) {
                rq->too_big = 1;
                free(rq->buf);
                rq->buf = NULL;
                rq->len = 0;
            } else {
                char *nb = realloc(rq->buf, rq->len + *upload_size + 1);
                if (!nb)
                    return MHD_NO;
                memcpy(nb + rq->len, upload, *upload_size);
                rq->buf = nb;
                rq->len += *upload_size;
            }
        }
        *upload_size = 0;
        return MHD_YES;
    }
    awaiting(conn, 0);
    if (rq->too_big)
        return send_error(conn, MHD_HTTP_CONTENT_TOO_LARGE, "the body is larger than 64 KiB");
    int get = !strcmp(method, "GET") || !strcmp(method, "HEAD"), post = !strcmp(method, "POST");
    struct { const char *path; int post; } api[] = {
        { "/api/info", 0 }, { "/api/state", 0 }, { "/api/join", 1 }, { "/api/move", 1 },
        { "/api/teacher/class", 0 }, { "/api/teacher/advance", 1 }, { "/api/teacher/stop", 1 }, { NULL, 0 }
    };
    for (int k = 0; api[k].path; k++) {
        if (strcmp(url, api[k].path))
            continue;
        if (api[k].post ? !post : !get) {
            char msg[120];
            snprintf(msg, sizeof msg, "%s takes %s", api[k].path, api[k].post ? "POST" : "GET");
            return send_error(conn, MHD_HTTP_METHOD_NOT_ALLOWED, msg);
        }
        switch (k) {
        case 0: {
            pthread_mutex_lock(&c->mu);
            json_t *o = cr_info_json(c);
            pthread_mutex_unlock(&c->mu);
            return send_json(conn, MHD_HTTP_OK, o);
        }
        case 1: return api_state(conn, c);
        case 2: return api_join(conn, c, rq);
        case 3: return api_move(conn, c, rq);
        case 4: return api_class(conn, c);
        case 5: return api_advance(conn, c, rq);
        default: return api_stop(conn, c, rq);
        }
    }
    if (!strncmp(url, "/api/", 5))
        return send_error(conn, MHD_HTTP_NOT_FOUND, "no such endpoint (engine/docs/classroom.md lists them)");
    if (!get)
        return send_error(conn, MHD_HTTP_METHOD_NOT_ALLOWED, "the page takes GET");
    if (!strcmp(url, "/") || !strcmp(url, "/teacher"))
        return send_asset(conn, "/index.html");
    return send_asset(conn, url);
}

static void completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    (void)toe;
    cr_class *c = cls;
    cr_req *rq = *con_cls;
    awaiting(conn, cr_now());       /* the next request on the connection */
    if (rq && rq->is_stop) {
        pthread_mutex_lock(&c->mu);
        c->stop_answered = 1;
        pthread_cond_broadcast(&c->cv);
        pthread_mutex_unlock(&c->mu);
    }
    if (rq) {
        free(rq->buf);
        free(rq);
        *con_cls = NULL;
    }
}

static void log_error(void *cls, const char *fmt, va_list ap)
{
    (void)cls; (void)fmt; (void)ap;     /* a client gone mid-request is no news */
}

/* URLs are decoded as usual, except one holding an encoded NUL, left as it
** came: decoded, the NUL would end the path early ("/app.js%00.png" would be
** "/app.js"); as it came it names no page. */
static size_t unescape(void *cls, struct MHD_Connection *conn, char *s)
{
    (void)cls; (void)conn;
    return strstr(s, "%00") ? strlen(s) : MHD_http_unescape(s);
}

struct MHD_Daemon *cr_http_start(cr_class *c, const char *addr, unsigned port, unsigned *bound)
{
    struct sockaddr_in sin;
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_port = htons((unsigned short)port);
    if (inet_pton(AF_INET, addr, &sin.sin_addr) != 1) {
        fprintf(stderr, "entente classroom: --listen: not an IPv4 address: %s\n", addr);
        return NULL;
    }
    conns.per_address = (unsigned)c->per_address;
    conns.stop = 0;
    /* strict: an HTTP/1.1 request without Host is refused (400), one with a space in its path closed */
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, (uint16_t)port, admit,
        NULL, handler, c, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sin, MHD_OPTION_NOTIFY_COMPLETED, completed, c,
        MHD_OPTION_NOTIFY_CONNECTION, connection_event, NULL, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)400, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024),
        MHD_OPTION_STRICT_FOR_CLIENT, (int)1, MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
        MHD_OPTION_EXTERNAL_LOGGER, log_error, NULL, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "entente classroom: cannot listen on %s port %u (in use? try --port 0 for a free one)\n", addr,
                port);
        return NULL;
    }
    if (pthread_create(&conns.watch, NULL, watch, NULL)) {
        fprintf(stderr, "entente classroom: cannot start a thread\n");
        MHD_stop_daemon(d);
        return NULL;
    }
    conns.watching = 1;
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    *bound = info ? info->port : port;
    return d;
}

void cr_http_stop(struct MHD_Daemon *d)
{
    if (conns.watching) {
        pthread_mutex_lock(&conns.mu);
        conns.stop = 1;
        pthread_mutex_unlock(&conns.mu);
        pthread_join(conns.watch, NULL);
        conns.watching = 0;
    }
    if (d)
        MHD_stop_daemon(d);
}
