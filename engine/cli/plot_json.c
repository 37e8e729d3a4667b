/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** plot_json.c: recursive-descent JSON parser (RFC 8259) with positions in
** its errors; \u escapes are decoded to UTF-8, surrogate pairs included.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "plot_json.h"
#include "output.h"

typedef struct {
    const char *s, *p;
    ent_diags *d;
    int depth;
} jp;

static void where(const jp *j, unsigned *line, unsigned *col)
{
    *line = 1;
    *col = 1;
    for (const char *q = j->s; q < j->p; q++) {
        if (*q == '\n') { (*line)++; *col = 1; }
        else (*col)++;
    }
}

static ent_json *fail(jp *j, const char *msg)
{
    unsigned line, col;
    where(j, &line, &col);
    if (j->d->n == 0)
        ent_diags_addf(j->d, line, col, "%s", msg);
    return NULL;
}

static void skip_ws(jp *j)
{
    while (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r')
        j->p++;
}

static int hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return -1;
    }
    *out = v;
    return 0;
}

static char *put_utf8(char *w, unsigned cp)
{
    if (cp < 0x80) { *w++ = (char)cp; }
    else if (cp < 0x800) { *w++ = (char)(0xC0 | (cp >> 6)); *w++ = (char)(0x80 | (cp & 0x3F)); }
    else if (cp < 0x10000) {
        *w++ = (char)(0xE0 | (cp >> 12)); *w++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *w++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *w++ = (char)(0xF0 | (cp >> 18)); *w++ = (char)(0x80 | ((cp >> 12) & 0x3F));
        *w++ = (char)(0x80 | ((cp >> 6) & 0x3F)); *w++ = (char)(0x80 | (cp & 0x3F));
    }
    return w;
}

/* j->p at the opening quote; returns a malloc'd decoded string */
static char *parse_string(jp *j)
{
    const char *q = ++j->p;
    while (*q && *q != '"') {
        if (*q == '\\' && q[1]) q++;
        q++;
    }
    char *out = malloc((size_t)(q - j->p) + 1), *w = out;
    if (!out) { fail(j, "out of memory"); return NULL; }
    for (;;) {
        unsigned char c = (unsigned char)*j->p;
        if (c == 0) { free(out); fail(j, "unterminated string"); return NULL; }
        if (c == '"') { j->p++; break; }
        if (c < 0x20) { free(out); fail(j, "control character in a string"); return NULL; }
        if (c != '\\') { *w++ = (char)c; j->p++; continue; }
        char e = j->p[1];
        j->p += 2;
        switch (e) {
        case '"': *w++ = '"'; break;
        case '\\': *w++ = '\\'; break;
        case '/': *w++ = '/'; break;
        case 'b': *w++ = '\b'; break;
        case 'f': *w++ = '\f'; break;
        case 'n': *w++ = '\n'; break;
        case 'r': *w++ = '\r'; break;
        case 't': *w++ = '\t'; break;
        case 'u': {
            unsigned cp, lo;
            if (hex4(j->p, &cp)) { free(out); fail(j, "bad \\u escape"); return NULL; }
            j->p += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && j->p[0] == '\\' && j->p[1] == 'u' &&
                !hex4(j->p + 2, &lo) && lo >= 0xDC00 && lo < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                j->p += 6;
            }
            if (cp == 0) cp = '?';      /* keep strings NUL-terminated */
            w = put_utf8(w, cp);        /* a \uXXXX (6 bytes) never needs more than 4 */
            break;
        }
        default:
            free(out);
            j->p -= 2;
            fail(j, "bad escape in a string");
            return NULL;
        }
    }
    *w = 0;
    return out;
}

static ent_json *parse_value(jp *j);

static ent_json *node(jp *j, ent_jtype t)
{
    ent_json *n = calloc(1, sizeof *n);
    if (!n)
        return fail(j, "out of memory");
    n->type = t;
    return n;
}

static ent_json *parse_container(jp *j, int obj)
{
    if (++j->depth > 64)
        return fail(j, "nested too deeply");
    ent_json *n = node(j, obj ? ENT_J_OBJ : ENT_J_ARR), **tail;
    if (!n)
        return NULL;
    tail = &n->child;
    j->p++;
    skip_ws(j);
    if (*j->p == (obj ? '}' : ']')) {
        j->p++;
        j->depth--;
        return n;
    }
    for (;;) {
        char *key = NULL;
        skip_ws(j);
        if (obj) {
            if (*j->p != '"') { ent_json_free(n); return fail(j, "expected a member name in quotes"); }
            if (!(key = parse_string(j))) { ent_json_free(n); return NULL; }
            skip_ws(j);
            if (*j->p != ':') { free(key); ent_json_free(n); return fail(j, "expected ':'"); }
            j->p++;
        }
        ent_json *v = parse_value(j);
        if (!v) { free(key); ent_json_free(n); return NULL; }
        v->key = key;
        *tail = v;
        tail = &v->next;
        skip_ws(j);
        if (*j->p == ',') { j->p++; continue; }
        if (*j->p == (obj ? '}' : ']')) { j->p++; break; }
        ent_json_free(n);
        return fail(j, obj ? "expected ',' or '}'" : "expected ',' or ']'");
    }
    j->depth--;
    return n;
}

static ent_json *parse_value(jp *j)
{
    skip_ws(j);
    char c = *j->p;
    if (c == '{' || c == '[')
        return parse_container(j, c == '{');
    if (c == '"') {
        char *s = parse_string(j);
        if (!s) return NULL;
        ent_json *n = node(j, ENT_J_STR);
        if (!n) { free(s); return NULL; }
        n->str = s;
        return n;
    }
    static const struct { const char *word; ent_jtype t; double v; } lits[] = {
        { "true", ENT_J_BOOL, 1 }, { "false", ENT_J_BOOL, 0 }, { "null", ENT_J_NULL, 0 } };
    for (size_t i = 0; i < 3; i++) {
        size_t l = strlen(lits[i].word);
        if (!strncmp(j->p, lits[i].word, l)) {
            ent_json *n = node(j, lits[i].t);
            if (n) n->num = lits[i].v;
            j->p += l;
            return n;
        }
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        char *end;
        errno = 0;
        double v = strtod(j->p, &end);
        if (end == j->p) return fail(j, "bad number");
        j->p = end;
        ent_json *n = node(j, ENT_J_NUM);
        if (n) n->num = v;
        return n;
    }
    return fail(j, c ? "expected a value" : "unexpected end of file");
}

ent_json *ent_json_parse(const char *text, ent_diags *d)
{
    jp j = { text, text, d, 0 };
    ent_json *v = parse_value(&j);
    if (!v)
        return NULL;
    skip_ws(&j);
    if (*j.p) {
        ent_json_free(v);
        return fail(&j, "text after the end of the JSON value");
    }
    return v;
}

ent_json *ent_json_read(const char *path, ent_diags *d)
{
    size_t n = 0;
    char *buf = ent_slurp(path, &n, d);
    if (!buf)
        return NULL;
    if (strlen(buf) != n) {
        free(buf);
        ent_diags_addf(d, 0, 0, "NUL byte in a JSON file");
        return NULL;
    }
    ent_json *v = ent_json_parse(buf, d);
    free(buf);
    return v;
}

void ent_json_free(ent_json *j)
{
    while (j) {
        ent_json *next = j->next;
        ent_json_free(j->child);
        free(j->str);
        free(j->key);
        free(j);
        j = next;
    }
}

const ent_json *ent_json_get(const ent_json *obj, const char *key)
{
    if (!obj || obj->type != ENT_J_OBJ)
        return NULL;
    for (const ent_json *m = obj->child; m; m = m->next)
        if (!strcmp(m->key, key))
            return m;
    return NULL;
}

const char *ent_json_getstr(const ent_json *obj, const char *key)
{
    const ent_json *m = ent_json_get(obj, key);
    return m && m->type == ENT_J_STR ? m->str : NULL;
}
