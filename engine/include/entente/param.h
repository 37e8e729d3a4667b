/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** param.h: descriptors of named numeric parameters.
** One table drives loading (types, ranges, defaults, unknown-key suggestions),
** documentation (`entente list`), and overrides by path in sweeps.
*/
#ifndef ENT_PARAM_H
#define ENT_PARAM_H

#include "entente/export.h"
ENT_BEGIN_DECLS

#include <stddef.h>

typedef enum {
    ENT_P_REAL,     /* a finite double in [min, max] */
    ENT_P_INT,      /* an integer in [min, max], stored as double */
    ENT_P_BOOL,     /* true/false, stored as 0/1 */
    ENT_P_ENUM      /* one of `choices`, stored as its index */
} ent_ptype;

enum {
    ENT_F_REQUIRED = 1u << 0,   /* must be given */
    ENT_F_AUTO     = 1u << 1,   /* may be absent: stored as NaN, meaning "derive it" */
    ENT_F_ALLY     = 1u << 2,   /* an agent field that applies to allies */
    ENT_F_PATRON   = 1u << 3,   /* an agent field that applies to the patron */
    ENT_F_AT_MOST_NEXT = 1u << 4    /* the lower end of a range: at most the
                                    ** parameter after it in its table */
};

typedef struct {
    const char *name;
    ent_ptype type;
    double def;                 /* default when absent (ignored if REQUIRED or AUTO) */
    double min, max;            /* inclusive range */
    const char *unit;           /* "fraction", "USD bn", "rounds", ... */
    const char *doc;            /* one line */
    const char *const *choices; /* ENUM only: NULL-terminated names */
    size_t offset;              /* the core's agent fields: offsetof in ent_agent_spec; else index */
    unsigned flags;
} ent_param_desc;

/* Index of `name` in a table, or -1. */
int ent_param_find(const ent_param_desc *t, size_t n, const char *name);
/* Names of a table as a NULL-terminated list written into `out` (capacity cap). */
void ent_param_names(const ent_param_desc *t, size_t n, const char **out, size_t cap);
/* Fill p[i] with each descriptor's default (NaN for AUTO and REQUIRED). */
void ent_param_defaults(const ent_param_desc *t, size_t n, double *p);

/* The one reading and the one check of a parameter's value, for scenario
** files, --set and sweeps. Messages name the parameter (d->name) and say
** what was expected; they start in lower case, without a newline. */
enum {
    ENT_PARSE_INDEX = 1u        /* a choice may also be given by its index, a
                                ** truth value by 0 or 1 (the command line) */
};
/* Read `text` as a value of d: true/false (or yes/no) for BOOL, a choice's
** name for ENUM (a suggestion if it is near one), a whole number for INT, a
** finite number for REAL; then ent_param_check. Returns 0 with *out set, or
** -1 with the reason in why. */
int ent_param_parse(const ent_param_desc *d, const char *text, unsigned flags, double *out, char *why,
                    size_t cap);
/* Check a number: finite, in [min, max], and whole unless d is REAL.
** Returns 0, or -1 with the reason in why. */
int ent_param_check(const ent_param_desc *d, double v, char *why, size_t cap);
/* Check the values p of a whole table together: each ENT_F_AT_MOST_NEXT
** parameter at most the next one. Returns 0, or -1 with the index of the
** lower one in *at and the reason in why. */
int ent_param_check_order(const ent_param_desc *t, size_t n, const double *p, size_t *at, char *why,
                          size_t cap);

ENT_END_DECLS

#endif
