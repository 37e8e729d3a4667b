/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_sweep_space.c: the arithmetic of a sweep's check of its disk's free
** space (sweep_space.c): what is left to write comes to runs x a run's bytes
** + points x a point's, and saturates rather than wraps (a sweep of 10^13
** runs must not look small); the free space of a folder yet to be made is
** that of the nearest folder above it; byte counts read as people write
** them, rounded to one decimal at every unit's boundary.
** (tests/cli/test_faults.sh checks the sweep's refusal and stop.)
*/
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include <cmocka.h>
#include "sweep/sweep_int.h"

static void test_need_adds_runs_and_points(void **state)
{
    (void)state;
    ent_i_space_left l = { .runs = 100000, .points = 1000, .per_run = 3617, .per_point = 40962 };
    assert_int_equal(ent_i_space_need(&l), UINT64_C(100000) * 3617 + UINT64_C(1000) * 40962);
    ent_i_space_left none = { .runs = 0, .points = 0, .per_run = UINT64_MAX, .per_point = UINT64_MAX };
    assert_int_equal(ent_i_space_need(&none), 0);
    ent_i_space_left no_rows = { .runs = UINT64_MAX, .points = 3, .per_run = 0, .per_point = 7 };
    assert_int_equal(ent_i_space_need(&no_rows), 21);
}

static void test_need_saturates(void **state)
{
    (void)state;
    /* each product past 2^64, and each product within but their sum past */
    ent_i_space_left a = { .runs = UINT64_C(1) << 40, .points = 0, .per_run = UINT64_C(1) << 30 };
    ent_i_space_left b = { .runs = 0, .points = UINT64_C(1) << 40, .per_point = UINT64_C(1) << 30 };
    ent_i_space_left c = { .runs = UINT64_C(1) << 32, .points = UINT64_C(1) << 32,
                           .per_run = UINT64_C(1) << 31, .per_point = UINT64_C(1) << 31 };
    ent_i_space_left d = { .runs = 1, .points = 1, .per_run = UINT64_MAX, .per_point = 1 };
    assert_true(ent_i_space_need(&a) == UINT64_MAX);
    assert_true(ent_i_space_need(&b) == UINT64_MAX);
    assert_true(ent_i_space_need(&c) == UINT64_MAX);
    assert_true(ent_i_space_need(&d) == UINT64_MAX);
    /* just below: exact */
    ent_i_space_left e = { .runs = 1, .points = 1, .per_run = UINT64_MAX - 1, .per_point = 1 };
    assert_true(ent_i_space_need(&e) == UINT64_MAX);
    ent_i_space_left f = { .runs = 1, .points = 0, .per_run = UINT64_MAX - 1, .per_point = 1 };
    assert_true(ent_i_space_need(&f) == UINT64_MAX - 1);
}

static uint64_t statvfs_free(const char *path)
{
    struct statvfs v;
    assert_int_equal(statvfs(path, &v), 0);
    return (uint64_t)v.f_bavail * (uint64_t)(v.f_frsize ? v.f_frsize : v.f_bsize);
}

static void test_free_of_a_folder_yet_to_be_made(void **state)
{
    (void)state;
    char dir[] = "/tmp/entente_space_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char deep[256];
    snprintf(deep, sizeof deep, "%s/a/b/c.partial", dir);
    uint64_t f1 = 0, f2 = 0, f3 = 0;
    assert_int_equal(ent_i_free_bytes(dir, &f1), 0);
    assert_int_equal(ent_i_free_bytes(deep, &f2), 0);
    /* the same file system: the same figure, give or take other writers */
    uint64_t ref = statvfs_free(dir);
    uint64_t slack = UINT64_C(64) << 20;
    assert_true(f1 + slack >= ref && f1 <= ref + slack);
    assert_true(f2 + slack >= ref && f2 <= ref + slack);
    /* a relative name with no folder of its own: the working folder's */
    assert_int_equal(ent_i_free_bytes("no_such_folder_here", &f3), 0);
    uint64_t here = statvfs_free(".");
    assert_true(f3 + slack >= here && f3 <= here + slack);
    rmdir(dir);
}

static void test_human_bytes(void **state)
{
    (void)state;
    static const struct {
        uint64_t n;
        const char *text;
    } cases[] = {
        { 0, "0 bytes" },          { 999, "999 bytes" },        { 1000, "1.0 kB" },
        { 3617, "3.6 kB" },        { 999949, "999.9 kB" },      { 999950, "1.0 MB" },
        { 361766381, "361.8 MB" }, { UINT64_C(74600000000), "74.6 GB" },
        { UINT64_C(190200000000000000), "190.2 PB" },           { UINT64_MAX, "18.4 EB" },
    };
    char buf[32];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ent_i_human_bytes(buf, sizeof buf, cases[i].n);
        assert_string_equal(buf, cases[i].text);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_need_adds_runs_and_points),
        cmocka_unit_test(test_need_saturates),
        cmocka_unit_test(test_free_of_a_folder_yet_to_be_made),
        cmocka_unit_test(test_human_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
