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

/* While a result folder is staged, messages name the folder the user asked
** for, not the hidden one being written. */
static char shown_from[4400], shown_to[4096];

static const char *shown(const char *path, char *buf, size_t cap)
{
    size_t n = strlen(shown_from);
    if (n && !strncmp(path, shown_from, n) && (path[n] == '/' || !path[n])) {
        snprintf(buf, cap, "%s%s", shown_to, path + n);
        return buf;
    }
    return path;
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
        char buf[8600];
        fprintf(stderr, "entente: cannot write '%s': %s\n", shown(o->final_path, buf, sizeof buf),
                strerror(errno));
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
        char buf[8600];
        fprintf(stderr, "entente: cannot write '%s': %s\n", shown(o->final_path, buf, sizeof buf),
                strerror(e));
        return -1;
    }
    return 0;
}

int ent_folder_begin(ent_folder *f, const char *cmd, const char *dir)
{
    char err[8800];
    memset(f, 0, sizeof *f);
    f->lock.fd = -1;
    if (ent_dirlock_take(&f->lock, dir, err, sizeof err) ||
        ent_staged_begin(&f->st, dir, 1, 1, err, sizeof err)) {
        fprintf(stderr, "entente %s: %s\n", cmd, err);
        ent_dirlock_release(&f->lock);
        return -1;
    }
    snprintf(shown_from, sizeof shown_from, "%s", f->st.stage);
    snprintf(shown_to, sizeof shown_to, "%s", f->st.dir);
    return 0;
}

int ent_folder_commit(ent_folder *f, const char *cmd)
{
    char err[9000];
    int rc = ent_staged_commit(&f->st, NULL, err, sizeof err);
    if (rc) {
        char buf[9000];
        fprintf(stderr, "entente %s: %s\n", cmd, shown(err, buf, sizeof buf));
    }
    ent_folder_abort(f);
    return rc;
}

void ent_folder_abort(ent_folder *f)
{
    ent_staged_discard(&f->st);
    ent_dirlock_release(&f->lock);
    shown_from[0] = 0;
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
