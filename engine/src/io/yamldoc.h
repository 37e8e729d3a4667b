/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** yamldoc.h: what every loader of the engine's YAML files shares (scenarios,
** sweep sections, classic game files): reading a file, parsing it into a
** libyaml document whose nodes keep their positions, and the checks that
** report FILE:LINE:COL errors into an ent_diags. Internal to the library.
*/
#ifndef ENT_YAMLDOC_H
#define ENT_YAMLDOC_H

#include <stddef.h>
#include <stdint.h>
#include <yaml.h>
#include "entente/diag.h"

typedef struct ent_ydoc {
    yaml_document_t doc;
    ent_diags *d;                   /* where errors go */
} ent_ydoc;

/* 1-based position of a node (libyaml marks are 0-based). */
unsigned ent_y_line(const yaml_node_t *n);
unsigned ent_y_col(const yaml_node_t *n);
#define ENT_YERR(Y, node, ...) ent_diags_addf((Y)->d, ent_y_line(node), ent_y_col(node), __VA_ARGS__)

yaml_node_t *ent_y_node(ent_ydoc *Y, int id);
/* "a scalar", "a list", "a mapping" */
const char *ent_y_kind(const yaml_node_t *n);
/* The text of a scalar node, or NULL for anything else (or NULL). */
const char *ent_y_scalar(const yaml_node_t *n);
/* The value of `key` in a mapping (the first, if duplicated), or NULL. */
yaml_node_t *ent_y_lookup(ent_ydoc *Y, yaml_node_t *map, const char *key);
/* A finite number at node n, into *out: 1; else 0 and an error at the node
** ("WHAT expects a finite number, got ..."; `what` as the message shows it,
** quoted by the caller when it is a key). */
int ent_y_number(ent_ydoc *Y, yaml_node_t *n, const char *what, double *out);
/* A whole number in [lo, hi] at node n: 1; else 0 and an error ("'KEY'
** expects a whole number", "'KEY' must be between LO and HI"). */
int ent_y_count(ent_ydoc *Y, yaml_node_t *n, const char *key, uint64_t lo, uint64_t hi, uint64_t *out);
/* Report keys that are not plain names, duplicates, and keys outside `valid`
** (NULL-terminated; NULL accepts any) with the nearest valid one suggested.
** `what` names the mapping in messages. */
void ent_y_check_keys(ent_ydoc *Y, yaml_node_t *map, const char *const *valid, const char *what);

/* Limits of every document: the loaders' time and memory stay linear. */
#define ENT_Y_MAX_BYTES (4u << 20)
#define ENT_Y_MAX_DEPTH 64
#define ENT_Y_MAX_ALIASED (4u << 20)    /* bytes repeated through aliases, in all */
#define ENT_Y_MAX_ANCHORS 1000

/* Parse buf into Y->doc. 0 on success; else -1 with the reader's or
** parser's error, at its position, in Y->d (the document is then empty).
** Refused before libyaml loads them: documents over ENT_Y_MAX_BYTES, nested
** deeper than ENT_Y_MAX_DEPTH, whose aliases repeat more than
** ENT_Y_MAX_ALIASED bytes (a scalar counts its length and one, a list or
** mapping one and its contents) or refer to a list or mapping holding them,
** with more than ENT_Y_MAX_ANCHORS anchors, with text holding a NUL, or
** followed by a second document. */
int ent_y_parse(ent_ydoc *Y, const char *buf, size_t len);

/* The loaders on a parsed document are in the layers of what they load:
** scenario/scenario_doc.h and games/game_doc.h. */

/* The whole file, NUL-terminated, or NULL with an error in d (which may be
** NULL): cannot open, not a regular file, or larger than max_bytes (reported
** at 1:1 as "file is N bytes; KIND files are limited to M bytes"). */
char *ent_y_read_file(const char *path, size_t max_bytes, const char *kind, size_t *len,
                      ent_diags *d);

/* SHA-256 of a buffer as 64 hex digits and a NUL. */
void ent_sha256_hex(const char *buf, size_t len, char out[65]);

#endif
