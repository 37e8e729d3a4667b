/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** report_html.c: writing the HTML pieces of the report. The output is
** well-formed XML as well as HTML5, so that it can be checked mechanically.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "report_html.h"
#include "output.h"

void ent_html_text(FILE *f, const char *s)
{
    for (; *s; s++)
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default:
            if ((unsigned char)*s >= 0x20 || *s == '\n' || *s == '\t')
                fputc(*s, f);
        }
}

static int is_number(const char *s, double *v)
{
    char *end;
    if (!*s)
        return 0;
    *v = strtod(s, &end);
    return *end == 0;
}

void ent_html_num(FILE *f, const char *field)
{
    double v;
    if (is_number(field, &v) && isfinite(v))
        fprintf(f, "%.4g", v);
    else
        ent_html_text(f, field);
}

void ent_html_table(FILE *f, const ent_table *t, size_t max_rows, const char *caption)
{
    fputs("<div class=\"scroll\"><table>\n<caption>", f);
    ent_html_text(f, caption);
    fputs("</caption>\n<thead><tr>", f);
    for (size_t c = 0; c < t->n_cols; c++) {
        fputs("<th>", f);
        ent_html_text(f, t->head[c]);
        fputs("</th>", f);
    }
    fputs("</tr></thead>\n<tbody>\n", f);
    size_t n = t->n_rows < max_rows ? t->n_rows : max_rows;
    for (size_t r = 0; r < n; r++) {
        fputs("<tr>", f);
        for (size_t c = 0; c < t->n_cols; c++) {
            const char *s = ent_table_str(t, r, (int)c);
            double v;
            int num = is_number(s, &v) || !strcmp(s, "NA");
            fputs(num ? "<td class=\"num\">" : "<td>", f);
            ent_html_num(f, s);
            fputs("</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table></div>\n", f);
    if (n < t->n_rows)
        fprintf(f, "<p class=\"note\">The first %zu of %zu rows; the CSV file holds them all.</p>\n",
                n, t->n_rows);
}

static void scalar(FILE *f, const ent_json *j)
{
    switch (j->type) {
    case ENT_J_NULL: fputs("null", f); break;
    case ENT_J_BOOL: fputs(j->num != 0 ? "true" : "false", f); break;
    case ENT_J_NUM: fprintf(f, "%.10g", j->num); break;
    case ENT_J_STR: ent_html_text(f, j->str); break;
    default: break;
    }
}

void ent_html_json(FILE *f, const ent_json *j, int depth)
{
    if (j->type == ENT_J_OBJ) {
        /* an object whose members are all scalars reads best on one line */
        int flat = 1;
        for (const ent_json *m = j->child; m; m = m->next)
            if (m->type == ENT_J_OBJ || m->type == ENT_J_ARR)
                flat = 0;
        if (flat && depth > 0) {
            fputs("<span class=\"kv\">", f);
            for (const ent_json *m = j->child; m; m = m->next) {
                fputs(m == j->child ? "" : "; ", f);
                ent_html_text(f, m->key);
                fputs(" = ", f);
                scalar(f, m);
            }
            fputs("</span>", f);
            return;
        }
        fputs("<dl>\n", f);
        for (const ent_json *m = j->child; m; m = m->next) {
            fputs("<dt>", f);
            ent_html_text(f, m->key);
            fputs("</dt><dd>", f);
            ent_html_json(f, m, depth + 1);
            fputs("</dd>\n", f);
        }
        fputs("</dl>\n", f);
    } else if (j->type == ENT_J_ARR) {
        if (!j->child) {
            fputs("(none)", f);
            return;
        }
        fputs("<ul>\n", f);
        for (const ent_json *m = j->child; m; m = m->next) {
            fputs("<li>", f);
            ent_html_json(f, m, depth + 1);
            fputs("</li>\n", f);
        }
        fputs("</ul>\n", f);
    } else {
        scalar(f, j);
    }
}

static int starts(const char *p, const char *s)
{
    return !strncmp(p, s, strlen(s));
}

int ent_html_svg(FILE *f, const char *path, const char *prefix, const char *title)
{
    char *buf = ent_slurp(path, NULL, NULL);
    if (!buf)
        return -1;
    char *p = strstr(buf, "<svg");
    char *end = p ? strstr(p, "</svg>") : NULL;
    if (!p || !end) {
        free(buf);
        return -1;
    }
    end += strlen("</svg>");
    char *tag_end = strchr(p, '>');
    unsigned serial = 0;
    while (p < end) {
        /* namespace declarations of the root element: HTML knows <svg> without them */
        if (p < tag_end && starts(p, "xmlns")) {
            char q = 0, *v = strchr(p, '=');
            if (v && (v[1] == '"' || v[1] == '\'')) {
                q = v[1];
                char *close = strchr(v + 2, q);
                if (close) {
                    p = close + 1;
                    continue;
                }
            }
        }
        if (starts(p, "xlink:href=")) {
            p += strlen("xlink:");
            continue;
        }
        if (starts(p, "<title>")) {
            char *close = strstr(p, "</title>");
            if (close) {
                fputs("<title>", f);
                ent_html_text(f, title);
                fputs("</title>", f);
                p = close + strlen("</title>");
                continue;
            }
        }
        if (starts(p, " id='") || starts(p, " id=\"")) {
            /* gnuplot repeats its group ids in each panel of a multiplot; those
            ** are never referenced, so a serial number makes them unique */
            if (starts(p + 5, "gnuplot_"))
                fprintf(f, " id=%c%s-%u-", p[4], prefix, ++serial);
            else
                fprintf(f, " id=%c%s-", p[4], prefix);
            p += 5;
            continue;
        }
        if (starts(p, "href='#") || starts(p, "href=\"#")) {
            fprintf(f, "href=%c#%s-", p[5], prefix);
            p += 7;
            continue;
        }
        if (starts(p, "url(#")) {
            fprintf(f, "url(#%s-", prefix);
            p += 5;
            continue;
        }
        fputc(*p++, f);
    }
    fputc('\n', f);
    free(buf);
    return 0;
}
