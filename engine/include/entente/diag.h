/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** diag.h: diagnostics collected while reading a scenario.
** Errors are gathered (up to a cap) rather than printed, so that one pass
** reports every problem of a file in `FILE:LINE:COL: error: MESSAGE` form.
*/
#ifndef ENT_DIAG_H
#define ENT_DIAG_H

#include "entente/export.h"
ENT_BEGIN_DECLS

#include <stddef.h>
#include <stdio.h>

#define ENT_DIAG_CAP 20     /* at most this many errors are kept per file */
#define ENT_DIAG_MSG 320

#if defined(__GNUC__)
#define ENT_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define ENT_PRINTF(a, b)
#endif

typedef struct {
    unsigned line, col;         /* 1-based; 0 means "no position" */
    char msg[ENT_DIAG_MSG];     /* lower-case start, no trailing newline */
} ent_diag;

typedef struct {
    const char *file;           /* file name as the user gave it (not owned) */
    ent_diag items[ENT_DIAG_CAP];
    size_t n;                   /* kept */
    size_t total;               /* counted, including those past the cap */
} ent_diags;

void ent_diags_init(ent_diags *d, const char *file);
/* Record an error at (line, col), both 1-based. */
void ent_diags_addf(ent_diags *d, unsigned line, unsigned col, const char *fmt, ...)
    ENT_PRINTF(4, 5);
/* Whether the next error would only be counted, not kept (the cap is
** reached): work that only its message needs, such as a suggestion, can be
** skipped. */
int ent_diags_full(const ent_diags *d);
/* Print every kept error as FILE:LINE:COL: error: MSG, then a count line if capped. */
void ent_diags_print(const ent_diags *d, FILE *out);

/* Text from a file or the command line as a message may show it, into out
** (cap bytes, at least 8): control characters (C0, DEL, C1) and the
** direction overrides of Unicode escaped ("\n", "\x1b", "\u202e"), bytes that
** are not UTF-8 as "\xHH"; a text longer than out is cut between two
** characters and ends in "...". Returns 1 if cut, else 0. Every message kept
** by ent_diags_addf, and the file name ent_diags_print shows, pass through it. */
int ent_diag_escape(char *out, size_t cap, const char *in);

/* Edit distance, for "did you mean ...?" suggestions. */
size_t ent_edit_distance(const char *a, const char *b);
/* The candidate nearest to `word` (NULL-terminated list), or NULL if none is close. */
const char *ent_nearest(const char *word, const char *const *candidates);
/* Whether a candidate at edit `distance` from `word` is close enough to suggest. */
int ent_near_enough(const char *word, size_t distance);

ENT_END_DECLS

#endif
