/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** fuzz_plot.c: the library's file readers that `entente plot`, `entente
** report` and `entente sensitivity` use: the CSV table reader (entente/csv.h,
** libcsv) and the JSON reader of manifest.json (entente/json.h, jansson), on
** the same input, with the lookups the plots make.
*/
#include <math.h>
#include <string.h>
#include "fuzz.h"
#include "entente/csv.h"
#include "entente/json.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    ent_fuzz_dir();
    return 0;
}

static size_t walk(const ent_json *j, int depth)
{
    size_t n = 0;
    for (; j; j = j->next) {
        n++;
        if (j->type == ENT_J_STR && !j->str)
            __builtin_trap();
        if (depth > 100)
            __builtin_trap();                   /* the reader caps nesting */
        n += walk(j->child, depth + 1);
    }
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = ent_fuzz_file("table.csv", data, size);
    ent_diags d;
    ent_diags_init(&d, path);
    ent_table t;
    if (ent_table_read(&t, path, &d) == 0) {
        int first = t.n_cols ? 0 : -1, last = (int)t.n_cols - 1;
        int col = ent_table_col(&t, "round");
        const char *vals[16];
        size_t nv = ent_table_distinct(&t, first, last, t.n_rows ? ent_table_str(&t, 0, last) : "",
                                       vals, 16);
        for (size_t i = 0; i < nv; i++)
            (void)strlen(vals[i]);
        (void)ent_table_has_num(&t, last, first, "x");
        for (size_t r = 0; r < t.n_rows; r++) {
            (void)strlen(ent_table_str(&t, r, last));
            (void)ent_table_num(&t, r, col);
        }
        ent_table_free(&t);
    }
    ent_diags jd;
    ent_diags_init(&jd, path);
    ent_json *j = ent_json_read(path, &jd);
    if (j) {
        (void)walk(j, 0);
        (void)ent_json_getstr(j, "command");
        (void)ent_json_get(ent_json_get(j, "scenario"), "path");
        ent_json_free(j);
    }
    return 0;
}
