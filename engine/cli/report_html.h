/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** report_html.h: the pieces of the HTML report: escaped text, tables from
** result CSVs, the manifest's parameters, and gnuplot's SVG made fit to be
** inlined (no namespaces pointing off the machine, ids made unique).
*/
#ifndef ENT_REPORT_HTML_H
#define ENT_REPORT_HTML_H

#include <stdio.h>
#include "entente/csv.h"
#include "entente/json.h"

/* Text with &, <, >, " and ' escaped. */
void ent_html_text(FILE *f, const char *s);
/* A number in at most 4 significant digits, "NA" left as it is. */
void ent_html_num(FILE *f, const char *field);
/* A table of the first max_rows rows of t (all columns), with a note when cut. */
void ent_html_table(FILE *f, const ent_table *t, size_t max_rows, const char *caption);
/* A JSON value as nested definition lists (objects), lists and text. */
void ent_html_json(FILE *f, const ent_json *j, int depth);
/* Inline the SVG file at path, ids prefixed with prefix, <title> set to title.
** 0 on success, -1 if it cannot be read or holds no <svg> element. */
int ent_html_svg(FILE *f, const char *path, const char *prefix, const char *title);

#endif
