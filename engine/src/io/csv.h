/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** csv.h: the CSV reader's internal side (entente/csv.h reads a whole table):
** one line split into its fields by the same parser, for a reader that
** streams a large file line by line (`entente merge` copies runs.csv).
*/
#ifndef ENT_IO_CSV_H
#define ENT_IO_CSV_H

#include <csv.h>
#include <stddef.h>
#include "entente/csv.h"

/* The fields of the last line split; reused from line to line. Start from
** all zeros ({0}), free with ent_i_csv_line_free. */
typedef struct {
    char *text;                 /* the fields, each NUL-terminated */
    size_t cap;
    size_t *at;                 /* where field i starts in text */
    size_t n, n_cap;            /* fields */
    struct csv_parser p;        /* libcsv's, kept from line to line */
    int ready;
} ent_csv_line;

/* Split line (len bytes, without its line break) into l. The number of
** fields; -1 if it is empty, malformed (a stray or unterminated quote) or
** not one line. */
int ent_i_csv_split(ent_csv_line *l, const char *line, size_t len);
/* Field i of the line split last ("" past the last). */
const char *ent_i_csv_field(const ent_csv_line *l, size_t i);
void ent_i_csv_line_free(ent_csv_line *l);

#endif
