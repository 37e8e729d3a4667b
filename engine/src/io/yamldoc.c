/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** yamldoc.c: the shared parts of the YAML loaders (see yamldoc.h).
*/
#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <nettle/sha2.h>
#include "io/yamldoc.h"
#include "core/numread.h"
#include "core/gsl_quiet.h"

unsigned ent_y_line(const yaml_node_t *n) { return (unsigned)n->start_mark.line + 1; }
unsigned ent_y_col(const yaml_node_t *n) { return (unsigned)n->start_mark.column + 1; }

yaml_node_t *ent_y_node(ent_ydoc *Y, int id)
{
    return yaml_document_get_node(&Y->doc, id);
}

const char *ent_y_kind(const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_SCALAR_NODE: return "a scalar";
    case YAML_SEQUENCE_NODE: return "a list";
    case YAML_MAPPING_NODE: return "a mapping";
    default: return "nothing";
    }
}

const char *ent_y_scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

yaml_node_t *ent_y_lookup(ent_ydoc *Y, yaml_node_t *map, const char *key)
{
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        const char *k = ent_y_scalar(ent_y_node(Y, p->key));
        if (k && !strcmp(k, key))
            return ent_y_node(Y, p->value);
    }
    return NULL;
}

/* ---- a set of keys, for the duplicate check ------------------------------
** Open addressing over the pair indices of one mapping: linear in its size
** (a nested scan was quadratic: 160,000 keys took minutes). */

static uint64_t hash_str(const char *k)
{
    uint64_t h = 1469598103934665603u;     /* FNV-1a */
    for (; *k; k++)
        h = (h ^ (unsigned char)*k) * 1099511628211u;
    return h;
}

void ent_y_check_keys(ent_ydoc *Y, yaml_node_t *map, const char *const *valid, const char *what)
{
    size_t n = (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start);
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    /* slot -> 1 + index of the pair whose key it holds; 0 = empty */
    size_t *slots = calloc(cap, sizeof *slots);
    if (!slots) {
        ENT_YERR(Y, map, "out of memory");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        yaml_node_pair_t *p = &map->data.mapping.pairs.start[i];
        yaml_node_t *k = ent_y_node(Y, p->key);
        const char *key = ent_y_scalar(k);
        if (!key) {
            ENT_YERR(Y, k, "keys in %s must be plain names, found %s", what, ent_y_kind(k));
            continue;
        }
        size_t h = (size_t)hash_str(key) & (cap - 1);
        int dup = 0;
        for (; slots[h]; h = (h + 1) & (cap - 1)) {
            yaml_node_t *first = ent_y_node(Y, map->data.mapping.pairs.start[slots[h] - 1].key);
            if (!strcmp(ent_y_scalar(first), key)) {
                ENT_YERR(Y, k, "duplicate key '%s' in %s (first given at line %u)", key, what,
                         ent_y_line(first));
                dup = 1;
                break;
            }
        }
        if (!dup)
            slots[h] = i + 1;
        if (!valid)
            continue;
        size_t j = 0;
        while (valid[j] && strcmp(valid[j], key))
            j++;
        if (valid[j])
            continue;
        /* a suggestion costs a comparison with every valid key: only for an error shown */
        const char *near = ent_diags_full(Y->d) ? NULL : ent_nearest(key, valid);
        if (near)
            ENT_YERR(Y, k, "unknown key '%s' in %s; did you mean '%s'?", key, what, near);
        else
            ENT_YERR(Y, k, "unknown key '%s' in %s", key, what);
    }
    free(slots);
}

/* Line and column of a byte offset (reader errors carry no mark). */
static void offset_position(const char *buf, size_t len, size_t off, unsigned *line, unsigned *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < off && i < len; i++) {
        if (buf[i] == '\n') { (*line)++; *col = 1; }
        else if (((unsigned char)buf[i] & 0xC0) != 0x80) (*col)++;
    }
}

/* ---- the event pass ------------------------------------------------------
** One pass over the parser's events before libyaml loads the document, to
** refuse what the loader would take too long or too much memory over, or
** would silently cut: nesting deeper than ENT_Y_MAX_DEPTH (libyaml's loader
** is quadratic in the depth of flow collections), aliases that repeat more
** than ENT_Y_MAX_ALIASED bytes in all (a few kilobytes can otherwise stand
** for gigabytes) or that refer to the collection holding them, more than
** ENT_Y_MAX_ANCHORS anchors (the loader looks each alias up among all of
** them), text with a NUL (C strings would end there), and a second document
** (the loaders read one). A syntax error in the first document ends the pass
** early; the loader then reports it. */

/* The anchors seen so far, by name: the size each stands for once its node
** is complete, or UINT64_MAX while its list or mapping is still open. */
typedef struct {
    char **name;
    uint64_t *size;
    size_t n, cap;              /* cap: a power of two, or 0 */
} anchor_set;

static size_t anchor_slot(const anchor_set *a, const char *name)
{
    size_t h = (size_t)hash_str(name) & (a->cap - 1);
    while (a->name[h] && strcmp(a->name[h], name))
        h = (h + 1) & (a->cap - 1);
    return h;
}

/* Record (or redefine) an anchor: its name as kept in the set (it lives as
** long as the set), or NULL when out of memory. */
static const char *anchor_put(anchor_set *a, const char *name, uint64_t size)
{
    if (2 * (a->n + 1) > a->cap) {
        anchor_set b = { NULL, NULL, 0, a->cap ? 2 * a->cap : 64 };
        b.name = calloc(b.cap, sizeof *b.name);
        b.size = calloc(b.cap, sizeof *b.size);
        if (!b.name || !b.size) {
            free(b.name);
            free(b.size);
            return NULL;
        }
        for (size_t i = 0; i < a->cap; i++)
            if (a->name[i]) {
                size_t h = anchor_slot(&b, a->name[i]);
                b.name[h] = a->name[i];
                b.size[h] = a->size[i];
                b.n++;
            }
        free(a->name);
        free(a->size);
        *a = b;
    }
    size_t h = anchor_slot(a, name);
    if (!a->name[h]) {
        if (!(a->name[h] = strdup(name)))
            return NULL;
        a->n++;
    }
    a->size[h] = size;
    return a->name[h];
}

/* The size an anchor stands for, UINT64_MAX while open; 0 if unknown. */
static uint64_t anchor_get(const anchor_set *a, const char *name)
{
    if (!a->cap)
        return 0;
    size_t h = anchor_slot(a, name);
    return a->name[h] ? a->size[h] : 0;
}

static void anchor_free(anchor_set *a)
{
    for (size_t i = 0; i < a->cap; i++)
        free(a->name[i]);
    free(a->name);
    free(a->size);
}

typedef struct {
    ent_ydoc *Y;
    const char *buf;
    size_t len;
    anchor_set anchors;
    /* the open lists and mappings: each one's size so far and its anchor */
    uint64_t size[ENT_Y_MAX_DEPTH + 1];
    const char *anchor[ENT_Y_MAX_DEPTH + 1];
    int depth;
    uint64_t aliased;           /* bytes repeated through aliases so far */
    int failed;
} event_pass;

#define EV_ERR(P, mark, ...) \
    ent_diags_addf((P)->Y->d, (unsigned)(mark).line + 1, (unsigned)(mark).column + 1, __VA_ARGS__)

/* The parser's error (a reader error has only a byte offset). */
static void parser_error(ent_ydoc *Y, const yaml_parser_t *parser, const char *buf, size_t len)
{
    unsigned line, col;
    if (parser->error == YAML_READER_ERROR) {
        offset_position(buf, len, parser->problem_offset, &line, &col);
        ent_diags_addf(Y->d, line, col, "not a text file: %s",
                       parser->problem ? parser->problem : "unreadable bytes");
    } else if (parser->error == YAML_MEMORY_ERROR) {
        ent_diags_addf(Y->d, 0, 0, "out of memory");
    } else {
        line = (unsigned)parser->problem_mark.line + 1;
        col = (unsigned)parser->problem_mark.column + 1;
        ent_diags_addf(Y->d, line, col, "YAML syntax error: %s%s%s",
                       parser->problem ? parser->problem : "malformed document",
                       parser->context ? " " : "", parser->context ? parser->context : "");
    }
}

/* A node of `size` (an alias: the size of what it repeats) is complete:
** count it in the collection that holds it, and in its anchor. */
static void node_done(event_pass *P, const char *anchor, uint64_t size, yaml_mark_t mark)
{
    if (P->depth > 0)
        P->size[P->depth - 1] += size;
    if (anchor && !anchor_put(&P->anchors, anchor, size)) {
        EV_ERR(P, mark, "out of memory");
        P->failed = 1;
    }
}

static void on_open(event_pass *P, const char *anchor, yaml_mark_t mark)
{
    if (P->depth >= ENT_Y_MAX_DEPTH) {
        EV_ERR(P, mark, "lists and mappings are nested more than %d deep", ENT_Y_MAX_DEPTH);
        P->failed = 1;
        return;
    }
    /* the event's anchor goes with the event: keep the set's copy */
    const char *kept = anchor ? anchor_put(&P->anchors, anchor, UINT64_MAX) : NULL;
    if (anchor && !kept) {
        EV_ERR(P, mark, "out of memory");
        P->failed = 1;
        return;
    }
    P->size[P->depth] = 1;
    P->anchor[P->depth++] = kept;
}

static void on_close(event_pass *P, yaml_mark_t mark)
{
    if (P->depth <= 0)
        return;
    P->depth--;
    node_done(P, P->anchor[P->depth], P->size[P->depth], mark);
}

static void on_scalar(event_pass *P, const yaml_event_t *ev)
{
    const char *v = (const char *)ev->data.scalar.value;
    if (strlen(v) != ev->data.scalar.length)
        EV_ERR(P, ev->start_mark, "text may not hold a NUL character ('\\0')");
    node_done(P, (const char *)ev->data.scalar.anchor, ev->data.scalar.length + 1, ev->start_mark);
}

static void on_alias(event_pass *P, const yaml_event_t *ev)
{
    const char *name = (const char *)ev->data.alias.anchor;
    uint64_t size = anchor_get(&P->anchors, name);
    if (size == UINT64_MAX) {
        EV_ERR(P, ev->start_mark, "alias '*%s' refers to a list or mapping that holds it", name);
        P->failed = 1;
        return;
    }
    /* an undefined alias (size 0) is the loader's to report */
    P->aliased += size;
    if (P->aliased > ENT_Y_MAX_ALIASED) {
        EV_ERR(P, ev->start_mark, "alias '*%s' makes aliases repeat more than %u bytes in all, the "
               "limit of a document", name, ENT_Y_MAX_ALIASED);
        P->failed = 1;
        return;
    }
    node_done(P, NULL, size, ev->start_mark);
}

/* After the first document: the end of the stream, nothing else. */
static void after_document(event_pass *P, yaml_parser_t *parser)
{
    yaml_event_t ev;
    if (!yaml_parser_parse(parser, &ev)) {
        parser_error(P->Y, parser, P->buf, P->len);
        P->failed = 1;
        return;
    }
    if (ev.type == YAML_DOCUMENT_START_EVENT) {
        EV_ERR(P, ev.start_mark, "a second YAML document starts here; a file holds one");
        P->failed = 1;
    }
    yaml_event_delete(&ev);
}

/* One event; 1 when the pass is over. */
static int on_event(event_pass *P, yaml_parser_t *parser, const yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_SEQUENCE_START_EVENT:
        on_open(P, (const char *)ev->data.sequence_start.anchor, ev->start_mark);
        break;
    case YAML_MAPPING_START_EVENT:
        on_open(P, (const char *)ev->data.mapping_start.anchor, ev->start_mark);
        break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        on_close(P, ev->start_mark);
        break;
    case YAML_SCALAR_EVENT:
        on_scalar(P, ev);
        break;
    case YAML_ALIAS_EVENT:
        on_alias(P, ev);
        break;
    case YAML_DOCUMENT_END_EVENT:
        after_document(P, parser);
        return 1;
    case YAML_STREAM_END_EVENT:
        return 1;
    default:
        break;
    }
    if (P->anchors.n > ENT_Y_MAX_ANCHORS && !P->failed) {
        EV_ERR(P, ev->start_mark, "more than %d anchors ('&NAME') in one document", ENT_Y_MAX_ANCHORS);
        P->failed = 1;
    }
    return P->failed;
}

static int check_events(ent_ydoc *Y, const char *buf, size_t len)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        ent_diags_addf(Y->d, 0, 0, "cannot start the YAML parser");
        return -1;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
    event_pass P;
    memset(&P, 0, sizeof P);
    P.Y = Y;
    P.buf = buf;
    P.len = len;
    size_t errors = Y->d->total;
    for (int done = 0; !done;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev))
            break;
        done = on_event(&P, &parser, &ev);
        yaml_event_delete(&ev);
    }
    anchor_free(&P.anchors);
    yaml_parser_delete(&parser);
    return Y->d->total > errors ? -1 : 0;
}

int ent_y_parse(ent_ydoc *Y, const char *buf, size_t len)
{
    ent_i_gsl_quiet();          /* every loader starts here */
    memset(&Y->doc, 0, sizeof Y->doc);
    if (len > ENT_Y_MAX_BYTES) {
        ent_diags_addf(Y->d, 1, 1, "document is %zu bytes; documents are limited to %u bytes", len,
                       ENT_Y_MAX_BYTES);
        return -1;
    }
    if (check_events(Y, buf, len))
        return -1;
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        ent_diags_addf(Y->d, 0, 0, "cannot start the YAML parser");
        return -1;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
    int ok = yaml_parser_load(&parser, &Y->doc);
    if (!ok)
        parser_error(Y, &parser, buf, len);
    yaml_parser_delete(&parser);
    return ok ? 0 : -1;
}

char *ent_y_read_file(const char *path, size_t max_bytes, const char *kind, size_t *len,
                      ent_diags *d)
{
    /* O_NONBLOCK: opening a FIFO with no writer must not wait; anything but
    ** a regular file is refused below, before any read */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        if (d) ent_diags_addf(d, 0, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    struct stat st;
    char *buf = NULL;
    if (fstat(fd, &st) != 0) {
        if (d) ent_diags_addf(d, 0, 0, "cannot read: %s", strerror(errno));
    } else if (S_ISDIR(st.st_mode)) {
        if (d) ent_diags_addf(d, 0, 0, "cannot read: is a directory");
    } else if (!S_ISREG(st.st_mode)) {
        if (d) ent_diags_addf(d, 0, 0, "cannot read: is not a regular file");
    } else if (st.st_size < 0 || (uintmax_t)st.st_size > max_bytes) {
        if (d) ent_diags_addf(d, 1, 1, "file is %jd bytes; %s files are limited to %zu bytes",
                              (intmax_t)st.st_size, kind, max_bytes);
    } else if (!(buf = malloc((size_t)st.st_size + 1))) {
        if (d) ent_diags_addf(d, 0, 0, "cannot read: out of memory");
    } else {
        size_t size = (size_t)st.st_size, got = 0;
        errno = 0;              /* a read of 0 bytes (the file shrank) sets none */
        while (got < size) {
            ssize_t r = read(fd, buf + got, size - got);
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0)
                break;
            got += (size_t)r;
        }
        char extra;
        ssize_t more = got == size ? read(fd, &extra, 1) : 0;
        if (got != size || more != 0) {
            /* an error, or the file changed size while being read */
            if (d) ent_diags_addf(d, 0, 0, "cannot read: %s", got != size && errno ? strerror(errno)
                                  : "the file changed while it was read");
            free(buf);
            buf = NULL;
        } else {
            buf[size] = 0;
            *len = size;
        }
    }
    close(fd);
    return buf;
}

void ent_sha256_hex(const char *buf, size_t len, char out[65])
{
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, len, (const uint8_t *)buf);
    sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
        snprintf(out + 2 * i, 3, "%02x", digest[i]);
}

/* ---- numbers ------------------------------------------------------------------- */

/* A finite number; 0 and an error at the node otherwise. */
int ent_y_number(ent_ydoc *R, yaml_node_t *n, const char *what, double *out)
{
    const char *t = ent_y_scalar(n);
    if (!t) {
        ENT_YERR(R, n, "%s expects a number, found %s", what, ent_y_kind(n));
        return 0;
    }
    double v;
    int rc = ent_i_read_real(t, &v);
    if (rc != 1) {
        /* any refusal but the too small says "finite", as it always has */
        ENT_YERR(R, n, "%s %s, got '%s'", what, ent_i_read_real_why(rc == -3 ? -3 : -2), t);
        return 0;
    }
    *out = v;
    return 1;
}

/* A whole number in [lo, hi]; 0 and an error at the node otherwise. */
int ent_y_count(ent_ydoc *R, yaml_node_t *n, const char *what, uint64_t lo, uint64_t hi,
                uint64_t *out)
{
    const char *t = ent_y_scalar(n);
    if (!t) {
        ENT_YERR(R, n, "'%s' expects a whole number, found %s", what, ent_y_kind(n));
        return 0;
    }
    const char *p = t;
    if (*p == '+') p++;
    int neg = *p == '-';
    if (neg) p++;
    if (!*p || strspn(p, "0123456789") != strlen(p)) {
        ENT_YERR(R, n, "'%s' expects a whole number, got '%s'", what, t);
        return 0;
    }
    errno = 0;
    unsigned long long v = strtoull(p, NULL, 10);
    if (neg && v != 0) {
        ENT_YERR(R, n, "'%s' must be at least %llu, got %s", what, (unsigned long long)lo, t);
        return 0;
    }
    if (errno == ERANGE || v < lo || v > hi) {
        ENT_YERR(R, n, "'%s' must be between %llu and %llu, got %s", what, (unsigned long long)lo,
            (unsigned long long)hi, t);
        return 0;
    }
    *out = v;
    return 1;
}
