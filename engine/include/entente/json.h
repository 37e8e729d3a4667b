/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** json.h: reading a JSON file (a result folder's manifest.json) into a tree
** of values whose members keep their order in the file. The parsing is
** jansson's; errors are reported as FILE:LINE:COL diagnostics. Numbers are
** doubles: a reader checks every value it uses (range, whole number) as
** untrusted input.
*/
#ifndef ENT_JSON_H
#define ENT_JSON_H

#include "entente/export.h"
ENT_BEGIN_DECLS

#include "entente/diag.h"

typedef enum { ENT_J_NULL, ENT_J_BOOL, ENT_J_NUM, ENT_J_STR, ENT_J_ARR, ENT_J_OBJ } ent_jtype;

typedef struct ent_json {
    ent_jtype type;
    double num;                 /* ENT_J_NUM; ENT_J_BOOL: 0 or 1 */
    char *str;                  /* ENT_J_STR: the decoded text (UTF-8) */
    char *key;                  /* the member's key inside an object, else NULL */
    struct ent_json *child;     /* first element or member (ENT_J_ARR, ENT_J_OBJ) */
    struct ent_json *next;      /* next sibling */
} ent_json;

/* Values nest at most this deep; a deeper document is refused. */
#define ENT_JSON_MAX_DEPTH 64

/* Parse the file PATH; NULL on error with d holding FILE:LINE:COL errors. */
ent_json *ent_json_read(const char *path, ent_diags *d);
/* Parse text (NUL-terminated); errors go to d. */
ent_json *ent_json_parse(const char *text, ent_diags *d);
void ent_json_free(ent_json *j);

/* Member `key` of an object, or NULL. */
const ent_json *ent_json_get(const ent_json *obj, const char *key);
/* The string member `key`, or NULL if absent or not a string. */
const char *ent_json_getstr(const ent_json *obj, const char *key);

ENT_END_DECLS

#endif
