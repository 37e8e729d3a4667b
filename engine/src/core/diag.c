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

void ent_diags_addf(ent_diags *d, unsigned line, unsigned col, const char *fmt, ...)
{
    d->total++;
    if (d->n >= ENT_DIAG_CAP)
        return;
    ent_diag *e = &d->items[d->n++];
    e->line = line;
    e->col = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
}

void ent_diags_print(const ent_diags *d, FILE *out)
{
    for (size_t i = 0; i < d->n; i++) {
        const ent_diag *e = &d->items[i];
        if (e->line)
            fprintf(out, "%s:%u:%u: error: %s\n", d->file, e->line, e->col, e->msg);
        else
            fprintf(out, "%s: error: %s\n", d->file, e->msg);
    }
    if (d->total > d->n)
        fprintf(out, "%s: %zu more errors not shown\n", d->file, d->total - d->n);
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
