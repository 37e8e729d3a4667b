/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** outfile.c: single result files written atomically, the CSV and JSON field
** formatters (outfile.h).
*/
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "entente/api.h"
#include "io/outfile.h"
#include "sweep/sweep_int.h"

/* ---- atomic single files ----------------------------------------------------- */

int ent_outfile_open(ent_outfile *o, const char *dir, const char *name)
{
    memset(o, 0, sizeof *o);
    int n1 = snprintf(o->final_path, sizeof o->final_path, "%s/%s", dir, name);
    int n2 = snprintf(o->tmp_path, sizeof o->tmp_path, "%s/.%s.tmp.%ld", dir, name, (long)getpid());
    if (n1 < 0 || n2 < 0 || (size_t)n2 >= sizeof o->tmp_path) {
        ent_i_errorf("path too long: %s/%s", dir, name);
        return -1;
    }
    o->f = fopen(o->tmp_path, "w");
    if (!o->f) {
        ent_i_errorf("cannot write '%s': %s", o->final_path, strerror(errno));
        return -1;
    }
    return 0;
}

int ent_outfile_commit(ent_outfile *o)
{
    /* the first failure is the one to report: a full disk shows as a failed
    ** write, flush, fsync or close, depending on where the buffer stood */
    int e = ent_i_file_commit(o->f, o->tmp_path, o->final_path);
    o->f = NULL;
    if (e) {
        ent_i_errorf("cannot write '%s': %s", o->final_path, strerror(e));
        return -1;
    }
    return 0;
}

void ent_outfile_abort(ent_outfile *o)
{
    if (o->f)
        fclose(o->f);
    o->f = NULL;
    unlink(o->tmp_path);
}

/* The shortest of %.15g, %.16g, %.17g that reads back as the same double. */
static void shortest(FILE *f, double v)
{
    char buf[40];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    fputs(buf, f);
}

void ent_csv_num(FILE *f, double v)
{
    if (isnan(v))
        fputs("NA", f);
    else
        shortest(f, v);
}

void ent_csv_str(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

void ent_json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (*p < 0x20)
                fprintf(f, "\\u%04x", *p);
            else
                fputc(*p, f);
        }
    }
    fputc('"', f);
}

void ent_json_num(FILE *f, double v)
{
    if (!isfinite(v))
        fputs("null", f);
    else
        shortest(f, v);
}
