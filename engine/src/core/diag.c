/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** diag.c: collecting and printing scenario diagnostics.
*/
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "entente/diag.h"

void ent_diags_init(ent_diags *d, const char *file)
{
    memset(d, 0, sizeof *d);
    d->file = file;
}

/* The length of the UTF-8 character at s (1 to 4), or 0 if s does not
** start a well-formed one (overlong forms and surrogates included). */
static size_t utf8_len(const unsigned char *s)
{
    if (s[0] < 0x80)
        return 1;
    size_t n = s[0] >= 0xC2 && s[0] <= 0xDF ? 2 : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
             : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0) ||
        (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))
        return 0;
    return n;
}

/* A code point a terminal acts on rather than shows: C1 controls, the
** marks, embeddings, overrides and isolates that reorder a line. */
static int hidden_code_point(unsigned long c)
{
    return (c >= 0x80 && c <= 0x9F) || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}

/* How the character of n bytes at s is shown, into buf (at least 8 bytes);
** its length. */
static size_t shown_char(const unsigned char *s, size_t n, char *buf)
{
    if (n == 0)
        return (size_t)snprintf(buf, 8, "\\x%02x", s[0]);
    if (n == 1 && (s[0] < 0x20 || s[0] == 0x7F)) {
        const char *esc = s[0] == '\n' ? "\\n" : s[0] == '\t' ? "\\t" : s[0] == '\r' ? "\\r" : NULL;
        return esc ? (size_t)snprintf(buf, 8, "%s", esc) : (size_t)snprintf(buf, 8, "\\x%02x", s[0]);
    }
    unsigned long c = n == 1 ? s[0] : n == 2 ? (s[0] & 0x1Ful) << 6 | (s[1] & 0x3F)
                    : n == 3 ? (s[0] & 0x0Ful) << 12 | (s[1] & 0x3Ful) << 6 | (s[2] & 0x3F) : 0;
    if (hidden_code_point(c))
        return (size_t)snprintf(buf, 8, "\\u%04lx", c);
    memcpy(buf, s, n);
    return n;
}

int ent_diag_escape(char *out, size_t cap, const char *in)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t o = 0, fits = 0;     /* fits: the length up to which "..." still fits */
    while (*s) {
        size_t n = utf8_len(s);
        char piece[8];
        size_t k = shown_char(s, n, piece);
        if (o + k + 1 > cap) {
            memcpy(out + fits, "...", 4);
            return 1;
        }
        memcpy(out + o, piece, k);
        o += k;
        if (o + 4 <= cap)
            fits = o;
        s += n ? n : 1;
    }
    out[o] = 0;
    return 0;
}

void ent_diags_addf(ent_diags *d, unsigned line, unsigned col, const char *fmt, ...)
{
    d->total++;
    if (d->n >= ENT_DIAG_CAP)
        return;
    ent_diag *e = &d->items[d->n++];
    e->line = line;
    e->col = col;
    /* formatted whole (a message quotes the file's text, of any length),
    ** then escaped and cut to fit */
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int len = vsnprintf(NULL, 0, fmt, ap);
    char *full = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (full)
        vsnprintf(full, (size_t)len + 1, fmt, again);
    va_end(again);
    va_end(ap);
    ent_diag_escape(e->msg, sizeof e->msg, full ? full : "out of memory");
    free(full);
}

int ent_diags_full(const ent_diags *d)
{
    return d->n >= ENT_DIAG_CAP;
}

void ent_diags_print(const ent_diags *d, FILE *out)
{
    char file[4200];
    ent_diag_escape(file, sizeof file, d->file ? d->file : "");
    for (size_t i = 0; i < d->n; i++) {
        const ent_diag *e = &d->items[i];
        if (e->line)
            fprintf(out, "%s:%u:%u: error: %s\n", file, e->line, e->col, e->msg);
        else
            fprintf(out, "%s: error: %s\n", file, e->msg);
    }
    if (d->total > d->n)
        fprintf(out, "%s: %zu more errors not shown\n", file, d->total - d->n);
}

/* Optimal string alignment distance: insertions, deletions, substitutions
** and transpositions of neighbours each cost 1 ("rnu" is one step from "run"). */
size_t ent_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return (size_t)-1;
    size_t d[65][65];
    for (size_t i = 0; i <= la; i++) d[i][0] = i;
    for (size_t j = 0; j <= lb; j++) d[0][j] = j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t best = d[i - 1][j - 1] + cost;
            if (d[i - 1][j] + 1 < best) best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best) best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[la][lb];
}

const char *ent_nearest(const char *word, const char *const *candidates)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    for (size_t i = 0; candidates[i]; i++) {
        size_t dist = ent_edit_distance(word, candidates[i]);
        if (dist < best_d) {
            best_d = dist;
            best = candidates[i];
        }
    }
    return ent_near_enough(word, best_d) ? best : NULL;
}

int ent_near_enough(const char *word, size_t distance)
{
    /* at most a third of the word's letters, at least one, at most three */
    size_t len = strlen(word);
    size_t limit = len / 3 < 1 ? 1 : len / 3;
    if (limit > 3) limit = 3;
    return distance <= limit;
}
