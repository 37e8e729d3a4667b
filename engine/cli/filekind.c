/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** filekind.c: recognising the kinds of file the commands take (filekind.h)
** from their first bytes: a YAML file by its top-level keys, a JSON file by
** its opening brace and its "command", a folder by its manifest.json.
*/
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "filekind.h"

#define SNIFF_BYTES 65536

static int ends_with(const char *s, const char *tail)
{
    size_t a = strlen(s), b = strlen(tail);
    return a >= b && strcmp(s + a - b, tail) == 0;
}

/* The "command" of a manifest's text, into out ("" if none). */
static void manifest_command(const char *text, char *out, size_t cap)
{
    out[0] = '\0';
    const char *k = strstr(text, "\"command\"");
    if (!k || !cap)
        return;
    k = strchr(k + 9, '"');
    if (!k)
        return;
    size_t n = strcspn(k + 1, "\"\n");
    if (n >= cap)
        n = cap - 1;
    memcpy(out, k + 1, n);
    out[n] = '\0';
}

/* Read at most SNIFF_BYTES of PATH into buf (NUL-terminated); its length or -1. */
static long sniff(const char *path, char *buf)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t n = fread(buf, 1, SNIFF_BYTES - 1, f);
    fclose(f);
    buf[n] = '\0';
    return (long)n;
}

/* Is `key:` a top-level key of the YAML text (a line starting with it)? */
static int top_key(const char *text, const char *key)
{
    size_t k = strlen(key);
    for (const char *line = text; line; line = strchr(line, '\n')) {
        if (*line == '\n')
            line++;
        if (strncmp(line, key, k) == 0 && line[k] == ':')
            return 1;
    }
    return 0;
}

ent_file_kind ent_file_kind_of(const char *path, char *command, size_t cap)
{
    static char buf[SNIFF_BYTES];
    char dummy[2];
    if (!command) {
        command = dummy;
        cap = sizeof dummy;
    }
    command[0] = '\0';
    struct stat st;
    if (stat(path, &st) != 0)
        return ENT_FILE_UNKNOWN;
    if (S_ISDIR(st.st_mode)) {
        char m[4200];
        snprintf(m, sizeof m, "%s/manifest.json", path);
        if (sniff(m, buf) < 0)
            return ENT_FILE_DIR;
        manifest_command(buf, command, cap);
        return ENT_FILE_RESULT_DIR;
    }
    if (!S_ISREG(st.st_mode) || sniff(path, buf) < 0)
        return ENT_FILE_UNKNOWN;
    if (ends_with(path, ".csv"))
        return ENT_FILE_CSV;
    if (ends_with(path, ".html") || ends_with(path, ".htm"))
        return ENT_FILE_HTML;
    if (ends_with(path, ".svg") || ends_with(path, ".png") || ends_with(path, ".pdf"))
        return ENT_FILE_IMAGE;
    const char *p = buf;
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '{' && strstr(p, "\"entente_version\"")) {
        manifest_command(p, command, cap);
        return ENT_FILE_MANIFEST;
    }
    if (top_key(buf, "game"))
        return ENT_FILE_GAME;
    int patron = top_key(buf, "patron") || top_key(buf, "allies") || top_key(buf, "stages");
    if (top_key(buf, "calibrate") && !patron && top_key(buf, "scenario"))
        return ENT_FILE_CALIBRATE;     /* (a scenario with a calibrate: section is a scenario) */
    if (top_key(buf, "sweep"))
        return patron ? ENT_FILE_SCENARIO_SWEEP : top_key(buf, "scenario") ? ENT_FILE_SWEEP
                                                                            : ENT_FILE_UNKNOWN;
    return patron ? ENT_FILE_SCENARIO : ENT_FILE_UNKNOWN;
}

int ent_file_expect(const char *cmd, const char *path, unsigned accepted)
{
    char command[32];
    ent_file_kind k = ent_file_kind_of(path, command, sizeof command);
    if (k == ENT_FILE_UNKNOWN || (k & accepted))
        return 0;
    const char *what = "", *hint = "";
    char buf[512];
    switch (k) {
    case ENT_FILE_SCENARIO:
        what = "a scenario";
        hint = "run it with 'entente run FILE', play one of its countries with 'entente play FILE "
               "--as CODE', or sweep its replicates with 'entente sweep FILE'";
        break;
    case ENT_FILE_SCENARIO_SWEEP:
    case ENT_FILE_SWEEP:
        what = k == ENT_FILE_SWEEP ? "a sweep file" : "a scenario with a sweep";
        hint = "run the sweep with 'entente sweep FILE' (one of its runs: 'entente run FILE --point P "
               "--replicate R')";
        break;
    case ENT_FILE_CALIBRATE:
        what = "a calibration file";
        hint = "fit it with 'entente calibrate FILE'";
        break;
    case ENT_FILE_GAME:
        what = "a classic game file";
        hint = "play its tournament with 'entente tournament FILE', or find its equilibria with "
               "'entente solve FILE'";
        break;
    case ENT_FILE_RESULT_DIR:
    case ENT_FILE_MANIFEST:
        snprintf(buf, sizeof buf, "%s%s%s%s", k == ENT_FILE_MANIFEST ? "the manifest of " : "",
                 "a result folder", command[0] ? " written by 'entente " : "", command[0] ? command : "");
        what = buf;
        if (command[0])
            strncat(buf, "'", sizeof buf - strlen(buf) - 1);
        hint = k == ENT_FILE_MANIFEST
                   ? "draw its folder with 'entente plot DIR' or 'entente report DIR'"
                   : "draw it with 'entente plot DIR' or 'entente report DIR'";
        break;
    case ENT_FILE_CSV:
        what = "a CSV table";
        hint = "the commands read whole result folders: give its folder to 'entente plot DIR' or "
               "'entente report DIR'";
        break;
    case ENT_FILE_HTML:
        what = "a report (HTML)";
        hint = "open it in a browser";
        break;
    case ENT_FILE_IMAGE:
        what = "a plot";
        hint = "open it with an image viewer";
        break;
    default:    /* a plain folder: the command's reader says it cannot read it */
        return 0;
    }
    /* the hint with the path in place of FILE, and its folder in place of DIR */
    char dir[4096], out[9000];
    snprintf(dir, sizeof dir, "%s", path);
    if (k == ENT_FILE_MANIFEST || k == ENT_FILE_CSV || k == ENT_FILE_HTML || k == ENT_FILE_IMAGE) {
        char *slash = strrchr(dir, '/');
        if (slash)
            *slash = '\0';
        else
            snprintf(dir, sizeof dir, ".");
    }
    size_t o = 0;
    for (const char *h = hint; *h && o + 1 < sizeof out;) {
        const char *sub = !strncmp(h, "FILE", 4) ? path : !strncmp(h, "DIR", 3) ? dir : NULL;
        if (sub) {
            o += (size_t)snprintf(out + o, sizeof out - o, "%s", sub);
            if (o >= sizeof out)
                o = sizeof out - 1;
            h += *h == 'F' ? 4 : 3;
        } else {
            out[o++] = *h++;
        }
    }
    out[o] = '\0';
    fprintf(stderr, "%s: error: 'entente %s' does not take this file: it is %s; %s\n", path, cmd, what, out);
    return 2;
}
