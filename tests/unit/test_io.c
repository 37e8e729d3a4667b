/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_io.c: the io layer: the CSV reader (libcsv) gives the table, the
** positions of its errors, and the same fields for a line with and without
** quotes; the JSON reader (jansson) keeps members in file order and reports
** FILE:LINE:COL; the atomic writer leaves the old file or the whole new one;
** the field writers use the one number format.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "entente/atomic.h"
#include "entente/csv.h"
#include "entente/json.h"
#include "entente/numfmt.h"
#include "io/csv.h"

static char dir[64];

static const char *put(const char *name, const char *text)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

static void test_csv_table(void **state)
{
    (void)state;
    const char *p = put("t.csv", "a,b,\"c,d\"\r\n1,\"x\"\"y\",\n2,\"two\nlines\",NA\n");
    ent_diags d;
    ent_diags_init(&d, p);
    ent_table t;
    assert_int_equal(ent_table_read(&t, p, &d), 0);
    assert_int_equal(t.n_cols, 3);
    assert_int_equal(t.n_rows, 2);
    assert_int_equal(ent_table_col(&t, "c,d"), 2);
    assert_string_equal(ent_table_str(&t, 0, 1), "x\"y");
    assert_string_equal(ent_table_str(&t, 0, 2), "");
    assert_string_equal(ent_table_str(&t, 1, 1), "two\nlines");
    assert_true(ent_table_num(&t, 0, 0) == 1.0);
    assert_true(isnan(ent_table_num(&t, 1, 2)));
    ent_table_free(&t);
}

static void table_error(const char *text, unsigned line, const char *msg)
{
    const char *p = put("e.csv", text);
    ent_diags d;
    ent_diags_init(&d, p);
    ent_table t;
    assert_int_equal(ent_table_read(&t, p, &d), -2);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.items[0].line, line);
    assert_non_null(strstr(d.items[0].msg, msg));
}

static void test_csv_errors(void **state)
{
    (void)state;
    table_error("", 1, "empty file");
    table_error("a,b\n1,2\n\"x\n", 3, "unterminated quoted field");
    table_error("a,b\n1,2\n3,x\"y\n", 3, "quote inside an unquoted field");
    table_error("a,b\n\"x\"y,2\n", 2, "text after a closing quote");
    table_error("a,b\n1,2\n3\n", 3, "expected 2 fields as in the header, found 1");
    table_error("a,b\n1,2\n\n", 3, "found 1");
    table_error("a,,b\n1,2,3\n", 1, "column 2 has an empty name");
}

static void test_csv_line(void **state)
{
    (void)state;
    ent_csv_line l = { 0 };
    assert_int_equal(ent_i_csv_split(&l, "1,,x y,NA", 9), 4);
    assert_string_equal(ent_i_csv_field(&l, 2), "x y");
    assert_string_equal(ent_i_csv_field(&l, 1), "");
    assert_string_equal(ent_i_csv_field(&l, 9), "");
    /* the same fields when quoted */
    assert_int_equal(ent_i_csv_split(&l, "\"1\",\"\",\"x y\",NA", 16), 4);
    assert_string_equal(ent_i_csv_field(&l, 0), "1");
    assert_string_equal(ent_i_csv_field(&l, 2), "x y");
    assert_int_equal(ent_i_csv_split(&l, "\"a,b\",c", 7), 2);
    assert_string_equal(ent_i_csv_field(&l, 0), "a,b");
    assert_int_equal(ent_i_csv_split(&l, "\"open,c", 7), -1);
    assert_int_equal(ent_i_csv_split(&l, "a,b\nc", 5), -1);
    assert_int_equal(ent_i_csv_split(&l, "", 0), -1);
    /* and the parser works again after an error */
    assert_int_equal(ent_i_csv_split(&l, "\"q\",r", 5), 2);
    ent_i_csv_line_free(&l);
}

static void test_json(void **state)
{
    (void)state;
    ent_diags d;
    ent_diags_init(&d, "x.json");
    ent_json *j = ent_json_parse("{\"z\": 1, \"a\": [true, null, \"\\u00e9\"], \"seed\": 18446744073709551615}", &d);
    assert_non_null(j);
    assert_int_equal(j->type, ENT_J_OBJ);
    assert_string_equal(j->child->key, "z");          /* file order */
    const ent_json *a = ent_json_get(j, "a");
    assert_int_equal(a->child->type, ENT_J_BOOL);
    assert_int_equal(a->child->next->type, ENT_J_NULL);
    assert_string_equal(a->child->next->next->str, "\xc3\xa9");
    assert_true(ent_json_get(j, "seed")->num == 18446744073709551615.0);
    ent_json_free(j);

    ent_diags_init(&d, "x.json");
    assert_null(ent_json_parse("{\"command\": \"run\",\n \"scenario\": }\n", &d));
    assert_int_equal(d.items[0].line, 2);
    assert_int_equal(d.items[0].col, 14);
    ent_diags_init(&d, "x.json");
    assert_null(ent_json_parse("{\"a\": 1, \"a\": 2}", &d));   /* a key twice */
    assert_int_equal(d.n, 1);

    char ok[2 * ENT_JSON_MAX_DEPTH + 1];
    memset(ok, '[', ENT_JSON_MAX_DEPTH);
    memset(ok + ENT_JSON_MAX_DEPTH, ']', ENT_JSON_MAX_DEPTH);
    ok[2 * ENT_JSON_MAX_DEPTH] = 0;
    ent_diags_init(&d, "x.json");
    j = ent_json_parse(ok, &d);
    assert_non_null(j);
    ent_json_free(j);
    ent_diags_init(&d, "x.json");
    char over[2 * ENT_JSON_MAX_DEPTH + 3];
    memset(over, '[', ENT_JSON_MAX_DEPTH + 1);
    memset(over + ENT_JSON_MAX_DEPTH + 1, ']', ENT_JSON_MAX_DEPTH + 1);
    over[2 * ENT_JSON_MAX_DEPTH + 2] = 0;
    assert_null(ent_json_parse(over, &d));
    assert_string_equal(d.items[0].msg, "nested too deeply");
}

static void test_atomic(void **state)
{
    (void)state;
    ent_outfile o;
    assert_int_equal(ent_outfile_open(&o, dir, "f.csv"), 0);
    fputs("old\n", o.f);
    assert_int_equal(ent_outfile_commit(&o), 0);
    assert_int_equal(ent_outfile_open(&o, dir, "f.csv"), 0);
    fputs("half", o.f);
    ent_outfile_abort(&o);
    char path[128];
    snprintf(path, sizeof path, "%s/f.csv", dir);
    size_t len;
    char *text = ent_slurp(path, &len, NULL);
    assert_non_null(text);
    assert_string_equal(text, "old\n");
    free(text);
    assert_int_equal(access(o.tmp_path, F_OK), -1);   /* nothing left behind */
}

static void test_fields(void **state)
{
    (void)state;
    char buf[256];
    FILE *f = fmemopen(buf, sizeof buf, "w");
    ent_csv_num(f, 0.1);
    fputc(' ', f);
    ent_csv_num(f, NAN);
    fputc(' ', f);
    ent_json_num(f, INFINITY);
    fputc(' ', f);
    ent_json_num(f, 1.0 / 3);
    fputc(' ', f);
    ent_csv_str(f, "a,\"b\"");
    fputc(' ', f);
    ent_json_str(f, "q\"\n\x01");
    fclose(f);
    assert_string_equal(buf, "0.1 NA null 0.3333333333333333 \"a,\"\"b\"\"\" \"q\\\"\\n\\u0001\"");
    char n[ENT_NUM_MAX + 1];
    assert_int_equal(ent_num_format(n, 1e21), 5);
    assert_string_equal(n, "1e+21");
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/ent_test_io.XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_table),
        cmocka_unit_test(test_csv_errors),
        cmocka_unit_test(test_csv_line),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_atomic),
        cmocka_unit_test(test_fields),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
