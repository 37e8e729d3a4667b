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
        const char *near = ent_nearest(key, valid);
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

/* Report nesting deeper than ENT_Y_MAX_DEPTH, at the node that exceeds it.
** An event pass that stops there: libyaml's document loader is quadratic in
** the depth of flow collections, so it must not see such input. A syntax
** error ends the pass early; the loader then reports it. */
static int check_depth(ent_ydoc *Y, const char *buf, size_t len)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        ent_diags_addf(Y->d, 0, 0, "cannot start the YAML parser");
        return -1;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
    int depth = 0, rc = 0, done = 0;
    while (!done) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev))
            break;
        switch (ev.type) {
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            if (++depth > ENT_Y_MAX_DEPTH) {
                ent_diags_addf(Y->d, (unsigned)ev.start_mark.line + 1, (unsigned)ev.start_mark.column + 1,
                               "lists and mappings are nested more than %d deep", ENT_Y_MAX_DEPTH);
                rc = -1;
                done = 1;
            }
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            depth--;
            break;
        case YAML_DOCUMENT_END_EVENT:   /* the loaders read the first document only */
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        default:
            break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    return rc;
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
    if (check_depth(Y, buf, len))
        return -1;
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        ent_diags_addf(Y->d, 0, 0, "cannot start the YAML parser");
        return -1;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
    int ok = yaml_parser_load(&parser, &Y->doc);
    if (!ok) {
        unsigned line, col;
        if (parser.error == YAML_READER_ERROR) {
            offset_position(buf, len, parser.problem_offset, &line, &col);
            ent_diags_addf(Y->d, line, col, "not a text file: %s",
                           parser.problem ? parser.problem : "unreadable bytes");
        } else {
            line = (unsigned)parser.problem_mark.line + 1;
            col = (unsigned)parser.problem_mark.column + 1;
            ent_diags_addf(Y->d, line, col, "YAML syntax error: %s%s%s",
                           parser.problem ? parser.problem : "malformed document",
                           parser.context ? " " : "", parser.context ? parser.context : "");
        }
    }
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
