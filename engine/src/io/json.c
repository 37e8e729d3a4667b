/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** json.c: the JSON reader (entente/json.h): jansson parses, and its values
** are copied into the library's tree (members in file order), nesting capped.
*/
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "entente/atomic.h"
#include "entente/json.h"

/* a copy of v at depth `depth`, or NULL (with *why set) */
static ent_json *copy(json_t *v, int depth, const char **why)
{
    if (depth > ENT_JSON_MAX_DEPTH) {
        *why = "nested too deeply";
        return NULL;
    }
    ent_json *n = calloc(1, sizeof *n);
    if (!n) {
        *why = "out of memory";
        return NULL;
    }
    ent_json **tail = &n->child;
    switch (json_typeof(v)) {
    case JSON_NULL: n->type = ENT_J_NULL; break;
    case JSON_TRUE: n->type = ENT_J_BOOL; n->num = 1; break;
    case JSON_FALSE: n->type = ENT_J_BOOL; n->num = 0; break;
    case JSON_INTEGER: n->type = ENT_J_NUM; n->num = (double)json_integer_value(v); break;
    case JSON_REAL: n->type = ENT_J_NUM; n->num = json_real_value(v); break;
    case JSON_STRING:
        n->type = ENT_J_STR;
        if (!(n->str = strdup(json_string_value(v)))) {
            *why = "out of memory";
            free(n);
            return NULL;
        }
        break;
    case JSON_ARRAY: {
        n->type = ENT_J_ARR;
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) {
            if (!(*tail = copy(e, depth + 1, why))) {
                ent_json_free(n);
                return NULL;
            }
            tail = &(*tail)->next;
        }
        break;
    }
    case JSON_OBJECT: {
        n->type = ENT_J_OBJ;
        const char *k;
        json_t *e;
        json_object_foreach(v, k, e) {
            if (!(*tail = copy(e, depth + 1, why))) {
                ent_json_free(n);
                return NULL;
            }
            if (!((*tail)->key = strdup(k))) {
                *why = "out of memory";
                ent_json_free(n);
                return NULL;
            }
            tail = &(*tail)->next;
        }
        break;
    }
    }
    return n;
}

static ent_json *parse(const char *text, size_t len, ent_diags *d)
{
    json_error_t e;
    /* any value at the top (the caller says what it expected); numbers as
    ** doubles, as the callers check them; a repeated key is an error rather
    ** than a silent choice between two values */
    json_t *v = json_loadb(text, len, JSON_DECODE_ANY | JSON_DECODE_INT_AS_REAL | JSON_REJECT_DUPLICATES, &e);
    if (!v) {
        ent_diags_addf(d, e.line > 0 ? (unsigned)e.line : 0, e.column > 0 ? (unsigned)e.column : 0, "%s",
                       e.text);
        return NULL;
    }
    const char *why = NULL;
    ent_json *n = copy(v, 1, &why);
    json_decref(v);
    if (!n)
        ent_diags_addf(d, 0, 0, "%s", why);
    return n;
}

ent_json *ent_json_parse(const char *text, ent_diags *d)
{
    return parse(text, strlen(text), d);
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
    ent_json *v = parse(buf, n, d);
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
