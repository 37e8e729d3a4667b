/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** sweep_kept.c: the rows an interrupted sweep keeps, checked before they are
** carried into its result. A resumed sweep copies the partial files' rows
** as they are; a byte damaged on disk or changed by hand would reach the
** result unseen, so each kept row must be the row of its run (or point),
** with as many fields as the header and every value a number as the
** program writes them.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sweep/sweep_int.h"

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

int ent_i_number_text(const char *s, size_t n)
{
    if (n == 2 && s[0] == 'N' && s[1] == 'A')
        return 1;
    size_t i = s[0] == '-';
    if (n - i == 3 && !memcmp(s + i, "inf", 3))
        return 1;
    size_t d = i;
    while (i < n && is_digit(s[i]))
        i++;
    if (i == d || (s[d] == '0' && i > d + 1))
        return 0;               /* no digits, or a leading zero */
    if (i < n && s[i] == '.') {
        d = ++i;
        while (i < n && is_digit(s[i]))
            i++;
        if (i == d)
            return 0;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        d = i;
        while (i < n && is_digit(s[i]))
            i++;
        if (i == d)
            return 0;
    }
    return i == n;
}

/* Whether s[0..n) is the whole number v in plain decimal. */
static int count_text(const char *s, size_t n, uint64_t v)
{
    char buf[24];
    int l = snprintf(buf, sizeof buf, "%llu", (unsigned long long)v);
    return (size_t)l == n && !memcmp(s, buf, n);
}

/* One row (without its newline) against the frame: row i of the file. */
static int row_ok(const ent_i_kept_frame *f, uint64_t i, const char *s, size_t n)
{
    uint64_t group = f->first + i / f->per, within = i % f->per;
    size_t field = 0, at = 0;
    for (;;) {
        const char *comma = memchr(s + at, ',', n - at);
        size_t end = comma ? (size_t)(comma - s) : n, len = end - at;
        const char *t = s + at;
        if (len == 0 || field >= f->fields)
            return 0;
        int good;
        if (field == 0)
            good = count_text(t, len, group);
        else if (field == 1 && f->replicates)
            good = count_text(t, len, within);
        else if (field == f->name_field)
            good = len == f->name_len[within] && !memcmp(t, f->names[within], len);
        else
            good = ent_i_number_text(t, len);
        if (!good)
            return 0;
        field++;
        if (!comma)
            break;
        at = end + 1;
    }
    return field == f->fields;
}

int ent_i_kept_rows_ok(const char *path, uint64_t len, const char *head, const ent_i_kept_frame *f,
                       uint64_t *bad_line)
{
    *bad_line = 0;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return 0;
    enum { CHUNK = 1 << 20 };
    size_t cap = CHUNK + f->line_max + 1, have = 0;
    char *buf = malloc(cap);
    if (!buf) {
        fclose(fp);
        return 0;
    }
    size_t head_len = strlen(head);
    uint64_t done = 0, line = 0;
    int ok = 1, eof = 0;
    while (ok && (have > 0 || !eof)) {
        if (!eof && have < cap) {
            size_t want = cap - have;
            if (want > len - done - have)
                want = (size_t)(len - done - have);
            size_t got = want ? fread(buf + have, 1, want, fp) : 0;
            if (got < want || done + have + got == len)
                eof = 1;
            have += got;
        }
        /* whole lines in buf[0..have) */
        size_t at = 0;
        for (;;) {
            char *nl = memchr(buf + at, '\n', have - at);
            if (!nl)
                break;
            size_t n = (size_t)(nl - (buf + at));
            line++;
            if (line == 1 ? n + 1 != head_len || memcmp(buf + at, head, head_len)
                          : !row_ok(f, line - 2, buf + at, n)) {
                ok = 0;
                *bad_line = line;
                break;
            }
            at += n + 1;
        }
        if (!ok)
            break;
        if (at == 0 && (eof || have == cap)) {
            /* no newline: a line longer than any row, or bytes after the last */
            ok = 0;
            *bad_line = line + 1;
            break;
        }
        memmove(buf, buf + at, have - at);
        done += at;
        have -= at;
    }
    free(buf);
    fclose(fp);
    return ok && line - 1 == f->rows;
}
