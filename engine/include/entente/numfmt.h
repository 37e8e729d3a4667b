/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** numfmt.h: the one way the library and the program write numbers and text
** into their CSV and JSON files. A number is the shortest of %.15g, %.16g
** and %.17g that reads back as the same double (so every file of a run, a
** sweep or a tournament shows a value with the same characters).
*/
#ifndef ENT_NUMFMT_H
#define ENT_NUMFMT_H

#include "entente/export.h"
ENT_BEGIN_DECLS

#include <stddef.h>
#include <stdio.h>

/* Longest text ent_num_format writes, without its terminator. */
#define ENT_NUM_MAX 25

/* Write v into buf (ENT_NUM_MAX + 1 bytes): "NA" for NaN, else the shortest
** of %.15g, %.16g, %.17g that reads back as v. Returns the length. */
size_t ent_num_format(char *buf, double v);
/* A CSV field: NA for NaN, else the number as ent_num_format writes it. */
void ent_csv_num(FILE *f, double v);
/* A CSV text field, quoted (with doubled quotes) when it holds a comma, a
** quote or a line break. */
void ent_csv_str(FILE *f, const char *s);
/* A JSON string literal with escapes. */
void ent_json_str(FILE *f, const char *s);
/* A JSON number as ent_num_format writes it (null for NaN or infinity). */
void ent_json_num(FILE *f, double v);

ENT_END_DECLS

#endif
