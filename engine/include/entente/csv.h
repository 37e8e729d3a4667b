/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** csv.h: reading a result CSV (RFC 4180: quoted fields, doubled quotes,
** CRLF) into memory, every row as wide as the header, columns found by
** header name. The parsing is libcsv's; errors are FILE:LINE:COL
** diagnostics. Used by `entente plot`, `entente report` and the sweep
** readers, which never trust a column's position because other commands add
** columns over time; every number read is checked by its reader.
*/
#ifndef ENT_CSV_H
#define ENT_CSV_H

#include "entente/export.h"
ENT_BEGIN_DECLS

#include <stddef.h>
#include "entente/diag.h"

typedef struct {
    size_t n_cols, n_rows;
    char **head;        /* n_cols names */
    char **cell;        /* n_rows * n_cols fields, row-major, pointers into buf */
    char *buf;
} ent_table;

/* Read PATH. 0 on success; -1 if it cannot be opened (d gets why), -2 if it
** is malformed (d gets FILE:LINE:COL errors). A file with a header and no
** rows is valid (n_rows = 0). */
int ent_table_read(ent_table *t, const char *path, ent_diags *d);
void ent_table_free(ent_table *t);

/* Index of the first column called `name`, or -1. */
int ent_table_col(const ent_table *t, const char *name);
/* The field at (row, col); "" if col < 0. */
const char *ent_table_str(const ent_table *t, size_t row, int col);
/* The field as a number; NaN when col < 0, or the field is NA, empty or not a number. */
double ent_table_num(const ent_table *t, size_t row, int col);
/* Does column `col` hold at least one number (optionally only on rows where
** column `fcol` equals `fval`; fcol < 0 means every row)? */
int ent_table_has_num(const ent_table *t, int col, int fcol, const char *fval);
/* Distinct values of column `col` in order of first appearance, on rows where
** `fcol` equals `fval` (fcol < 0: all rows). Returns the count; out holds at
** most cap pointers into the table. */
size_t ent_table_distinct(const ent_table *t, int col, int fcol, const char *fval,
                          const char **out, size_t cap);

ENT_END_DECLS

#endif
