/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** plot_csv.c: a small RFC 4180 reader (quoted fields, doubled quotes, CRLF)
** that loads a whole result CSV and checks every row has the header's width.
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "plot_csv.h"
#include "output.h"

/* Parse in place: fields are unquoted and NUL-terminated inside buf. Calls
** with fields == NULL only count rows and the widest row. */
static int parse(char *buf, size_t len, char **fields, size_t n_cols, size_t *n_rows_out,
                 size_t *head_cols, ent_diags *d)
{
    size_t row = 0, line = 1, k = 0;
    char *p = buf, *end = buf + len;
    while (p < end) {
        size_t col = 0;
        unsigned row_line = (unsigned)line;
        for (;;) {
            char *w = p, *start = p;
            if (*p == '"') {
                p++;
                for (;;) {
                    if (p >= end) {
                        ent_diags_addf(d, row_line, 1, "unterminated quoted field");
                        return -1;
                    }
                    if (*p == '"') {
                        if (p + 1 < end && p[1] == '"') { *w++ = '"'; p += 2; continue; }
                        p++;
                        break;
                    }
                    if (*p == '\n') line++;
                    *w++ = *p++;
                }
                if (p < end && *p != ',' && *p != '\n' && *p != '\r') {
                    ent_diags_addf(d, (unsigned)line, 1, "text after a closing quote");
                    return -1;
                }
            } else {
                while (p < end && *p != ',' && *p != '\n' && *p != '\r') {
                    if (*p == '"') {
                        ent_diags_addf(d, (unsigned)line, 1, "quote inside an unquoted field");
                        return -1;
                    }
                    w++, p++;
                }
            }
            char sep = p < end ? *p : '\n';
            if (fields) {
                *w = 0;
                if (col < n_cols)
                    fields[k++] = start;
            }
            col++;
            if (sep == ',') { p++; continue; }
            /* sep, not *p: the field's terminator may just have been overwritten */
            if (p < end) {
                p++;
                if (sep == '\r' && p < end && *p == '\n') p++;
            }
            line++;
            break;
        }
        if (row == 0 && !fields)
            *head_cols = col;
        if (col != *head_cols) {
            ent_diags_addf(d, row_line, 1, "expected %zu fields as in the header, found %zu",
                           *head_cols, col);
            return -1;
        }
        row++;
        /* a blank final line is not a row; a blank line inside is an error (width 1) */
    }
    *n_rows_out = row;
    return 0;
}

int ent_table_read(ent_table *t, const char *path, ent_diags *d)
{
    memset(t, 0, sizeof *t);
    size_t len;
    char *buf = ent_slurp(path, &len, d);
    if (!buf)
        return -1;
    if (len == 0) {
        free(buf);
        ent_diags_addf(d, 1, 1, "empty file: expected a header line");
        return -2;
    }
    size_t rows = 0, cols = 0;
    char *copy = malloc(len + 1);
    if (!copy) {
        free(buf);
        ent_diags_addf(d, 0, 0, "out of memory");
        return -1;
    }
    memcpy(copy, buf, len + 1);
    int rc = parse(copy, len, NULL, 0, &rows, &cols, d);
    free(copy);
    char **fields = rc ? NULL : malloc(rows * cols * sizeof *fields);
    if (rc || !fields || parse(buf, len, fields, cols, &rows, &cols, d)) {
        free(fields);
        free(buf);
        if (!rc && d->n == 0)
            ent_diags_addf(d, 0, 0, "out of memory");
        return -2;
    }
    t->buf = buf;
    t->n_cols = cols;
    t->n_rows = rows - 1;
    t->head = fields;
    t->cell = fields + cols;
    for (size_t c = 0; c < cols; c++) {
        if (!*t->head[c]) {
            ent_diags_addf(d, 1, 1, "column %zu has an empty name", c + 1);
            ent_table_free(t);
            return -2;
        }
        /* a repeated name is allowed (lookups find the first): outcomes.csv
        ** may hold an agent outcome and a run outcome of the same name */
    }
    return 0;
}

void ent_table_free(ent_table *t)
{
    free(t->head);
    free(t->buf);
    memset(t, 0, sizeof *t);
}

int ent_table_col(const ent_table *t, const char *name)
{
    for (size_t c = 0; c < t->n_cols; c++)
        if (!strcmp(t->head[c], name))
            return (int)c;
    return -1;
}

const char *ent_table_str(const ent_table *t, size_t row, int col)
{
    if (col < 0 || row >= t->n_rows)
        return "";
    return t->cell[row * t->n_cols + (size_t)col];
}

double ent_table_num(const ent_table *t, size_t row, int col)
{
    const char *s = ent_table_str(t, row, col);
    if (!*s || !strcmp(s, "NA"))
        return NAN;
    char *end;
    double v = strtod(s, &end);
    return *end ? NAN : v;
}

int ent_table_has_num(const ent_table *t, int col, int fcol, const char *fval)
{
    for (size_t r = 0; r < t->n_rows; r++)
        if ((fcol < 0 || !strcmp(ent_table_str(t, r, fcol), fval)) && isfinite(ent_table_num(t, r, col)))
            return 1;
    return 0;
}

size_t ent_table_distinct(const ent_table *t, int col, int fcol, const char *fval,
                          const char **out, size_t cap)
{
    size_t n = 0;
    if (col < 0)
        return 0;
    for (size_t r = 0; r < t->n_rows; r++) {
        if (fcol >= 0 && strcmp(ent_table_str(t, r, fcol), fval))
            continue;
        const char *v = ent_table_str(t, r, col);
        size_t k = 0;
        while (k < n && strcmp(out[k], v))
            k++;
        if (k == n && n < cap)
            out[n++] = v;
    }
    return n;
}
