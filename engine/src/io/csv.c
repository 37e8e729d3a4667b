/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** csv.c: the CSV reader (entente/csv.h): libcsv parses, strictly (a quote
** inside an unquoted field, text after a closing quote and an unterminated
** quoted field are errors), fed one line at a time so that errors name
** their line; every row must have the header's width. Also one line split
** into its fields, for the readers that stream a file line by line.
*/
#include <csv.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "entente/atomic.h"
#include "entente/csv.h"
#include "io/csv.h"

typedef struct {
    char *text;                 /* the fields, each NUL-terminated */
    size_t len, cap;
    size_t *at;                 /* where each field starts in text */
    size_t n, n_cap;
    size_t row_fields;          /* fields of the row being read */
    size_t n_cols, n_rows;      /* the header's width; rows so far (header included) */
    unsigned line, row_line;    /* the line being read; where the row began */
    int last_term;              /* the character that ended the last row */
    int failed;                 /* a row of the wrong width, or out of memory */
    ent_diags *d;
} reader;

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * size);
    if (!q)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    if (r->failed)
        return;
    if (grow((void **)&r->text, &r->cap, r->len + len + 1, 1) ||
        grow((void **)&r->at, &r->n_cap, r->n + 1, sizeof *r->at)) {
        r->failed = 1;
        ent_diags_addf(r->d, 0, 0, "out of memory");
        return;
    }
    if (len)
        memcpy(r->text + r->len, s, len);
    r->at[r->n++] = r->len;
    r->len += len;
    r->text[r->len++] = 0;
    r->row_fields++;
}

static void on_row(int c, void *data)
{
    reader *r = data;
    int prev = r->last_term;
    r->last_term = c;
    if (r->failed)
        return;
    if (r->row_fields == 0 && c == '\n' && prev == '\r')
        return;                 /* the LF of a CRLF */
    if (r->row_fields == 0) {
        static char empty[1];
        on_field(empty, 0, r);  /* a blank line: one empty field */
    }
    if (r->failed)
        return;
    if (r->n_rows == 0)
        r->n_cols = r->row_fields;
    if (r->row_fields != r->n_cols) {
        ent_diags_addf(r->d, r->row_line, 1, "expected %zu fields as in the header, found %zu", r->n_cols,
                       r->row_fields);
        r->failed = 1;
        return;
    }
    r->n_rows++;
    r->row_fields = 0;
    r->row_line = r->line + 1;
}

static int no_space(unsigned char c)
{
    (void)c;
    return 0;                   /* fields keep their spaces */
}

/* Parse buf (len bytes) into r. 0, or -1 with the error in r->d. */
static int parse(reader *r, const char *buf, size_t len)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL)) {
        ent_diags_addf(r->d, 0, 0, "out of memory");
        return -1;
    }
    csv_set_space_func(&p, no_space);
    r->line = r->row_line = 1;
    r->last_term = -1;
    int rc = 0;
    for (size_t at = 0; at < len && !rc;) {
        /* a line ends with LF, CRLF or a lone CR */
        size_t n = 0;
        while (at + n < len && buf[at + n] != '\n' &&
               !(buf[at + n] == '\r' && (at + n + 1 >= len || buf[at + n + 1] != '\n')))
            n++;
        n += at + n < len;
        size_t done = csv_parse(&p, buf + at, n, on_field, on_row, r);
        if (r->failed)
            rc = -1;
        else if (done != n) {
            /* strict mode: libcsv stopped at the offending character */
            const char *q = buf + at + done;
            ent_diags_addf(r->d, r->line, 1, "%s", csv_error(&p) != CSV_EPARSE ? "out of memory"
                           : *q == '"' ? "quote inside an unquoted field" : "text after a closing quote");
            rc = -1;
        }
        at += n;
        r->line++;
    }
    if (!rc && csv_fini(&p, on_field, on_row, r)) {
        ent_diags_addf(r->d, r->row_line, 1, "unterminated quoted field");
        rc = -1;
    }
    if (!rc && r->failed)
        rc = -1;
    csv_free(&p);
    return rc;
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
    reader r = { .d = d };
    int rc = parse(&r, buf, len);
    free(buf);
    if (!rc && r.n_rows == 0) {
        ent_diags_addf(d, 1, 1, "empty file: expected a header line");
        rc = -1;
    }
    char **fields = rc ? NULL : malloc((r.n ? r.n : 1) * sizeof *fields);
    if (rc || !fields) {
        free(fields);
        free(r.text);
        free(r.at);
        if (!rc)
            ent_diags_addf(d, 0, 0, "out of memory");
        return -2;
    }
    for (size_t i = 0; i < r.n; i++)
        fields[i] = r.text + r.at[i];
    free(r.at);
    size_t cols = r.n_cols;
    t->buf = r.text;
    t->n_cols = cols;
    t->n_rows = r.n_rows - 1;
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

int ent_i_csv_split(ent_csv_line *l, const char *line, size_t len)
{
    l->n = 0;
    if (!len || memchr(line, '\n', len) || memchr(line, '\r', len))
        return -1;
    if (!memchr(line, '"', len)) {
        /* no quote: the fields are what lies between the commas, as libcsv
        ** (which keeps spaces here) would give them, without its per-byte
        ** work (`entente merge` splits every line of runs.csv) */
        size_t nf = 1;
        for (const char *q = line; (q = memchr(q, ',', len - (size_t)(q - line))); q++)
            nf++;
        if (grow((void **)&l->text, &l->cap, len + 1, 1) || grow((void **)&l->at, &l->n_cap, nf, sizeof *l->at))
            return -1;
        memcpy(l->text, line, len);
        l->text[len] = 0;
        l->at[0] = 0;
        for (size_t i = 0, f = 1; i < len; i++)
            if (l->text[i] == ',') {
                l->text[i] = 0;
                l->at[f++] = i + 1;
            }
        l->n = nf;
        return nf < (size_t)INT32_MAX ? (int)nf : INT32_MAX;
    }
    /* one parser for every line: libcsv's csv_fini makes it ready for the next */
    if (!l->ready) {
        if (csv_init(&l->p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL))
            return -1;
        csv_set_space_func(&l->p, no_space);
        l->ready = 1;
    }
    ent_diags d;
    ent_diags_init(&d, NULL);
    reader r = { .text = l->text, .cap = l->cap, .at = l->at, .n_cap = l->n_cap, .d = &d,
                 .line = 1, .row_line = 1, .last_term = -1 };
    int bad = csv_parse(&l->p, line, len, on_field, on_row, &r) != len || r.failed ||
              csv_fini(&l->p, on_field, on_row, &r) || r.failed || r.n_rows != 1;
    l->text = r.text;
    l->cap = r.cap;
    l->at = r.at;
    l->n_cap = r.n_cap;
    if (bad) {
        csv_free(&l->p);        /* a parser stopped by an error starts afresh */
        l->ready = 0;
        return -1;
    }
    l->n = r.n;
    return r.n < (size_t)INT32_MAX ? (int)r.n : INT32_MAX;
}

const char *ent_i_csv_field(const ent_csv_line *l, size_t i)
{
    return i < l->n ? l->text + l->at[i] : "";
}

void ent_i_csv_line_free(ent_csv_line *l)
{
    if (l->ready)
        csv_free(&l->p);
    free(l->text);
    free(l->at);
    memset(l, 0, sizeof *l);
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
