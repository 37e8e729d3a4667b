/*
** output.c: atomic result files and CSV/JSON field formatting.
*/
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "output.h"
#include "sweep_int.h"

int ent_mkdirs(const char *path)
{
    return ent_i_mkdirs(path);      /* the library's, shared with the sweep writer */
}

char *ent_slurp(const char *path, size_t *len, ent_diags *d)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (d) ent_diags_addf(d, 0, 0, "cannot read: %s", strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n + 1 >= cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) { free(buf); buf = NULL; break; }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (!buf || bad) {
        free(buf);
        if (d) ent_diags_addf(d, 0, 0, bad ? "read error" : "out of memory");
        return NULL;
    }
    buf[n] = 0;
    if (len) *len = n;
    return buf;
}

int ent_outfile_open(ent_outfile *o, const char *dir, const char *name)
{
    memset(o, 0, sizeof *o);
    int n1 = snprintf(o->final_path, sizeof o->final_path, "%s/%s", dir, name);
    int n2 = snprintf(o->tmp_path, sizeof o->tmp_path, "%s/.%s.tmp.%ld", dir, name, (long)getpid());
    if (n1 < 0 || n2 < 0 || (size_t)n2 >= sizeof o->tmp_path) {
        fprintf(stderr, "entente: path too long: %s/%s\n", dir, name);
        return -1;
    }
    o->f = fopen(o->tmp_path, "w");
    if (!o->f) {
        fprintf(stderr, "entente: cannot write '%s': %s\n", o->tmp_path, strerror(errno));
        return -1;
    }
    return 0;
}

int ent_outfile_commit(ent_outfile *o)
{
    int bad = ferror(o->f) || fflush(o->f) != 0 || fsync(fileno(o->f)) != 0;
    if (fclose(o->f) != 0)
        bad = 1;
    o->f = NULL;
    if (bad || rename(o->tmp_path, o->final_path) != 0) {
        fprintf(stderr, "entente: cannot write '%s': %s\n", o->final_path, strerror(errno));
        unlink(o->tmp_path);
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
