/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** numfmt.h: the number formatter's internal names (entente/numfmt.h is the
** public side) and its reader.
*/
#ifndef ENT_IO_NUMFMT_H
#define ENT_IO_NUMFMT_H

#include <stdbool.h>
#include "entente/numfmt.h"

/* ent_num_format: the shortest of %.15g, %.16g, %.17g that reads back as v
** ("NA" for NaN). Returns the length; buf needs ENT_NUM_MAX + 1 bytes. */
size_t ent_i_fmt_num(char *buf, double v);
/* Whether the n bytes at s, as ent_i_fmt_num wrote them, are those of a
** finite number other than -0 (its other texts: "NA", "-0", "inf", "-inf"). */
bool ent_i_num_text_ordinary(const char *s, size_t n);
/* Parse what ent_i_fmt_num wrote ("NA" is NaN). 0 on success. */
int ent_i_parse_num(const char *s, const char **end, double *out);

#endif
