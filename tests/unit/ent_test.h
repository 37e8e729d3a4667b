/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** ent_test.h: helpers for the cmocka unit tests (cmocka 1.1 compares floats
** only in single precision, so doubles get their own assertion here).
*/
#ifndef ENT_TEST_H
#define ENT_TEST_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "entente/diag.h"
#include "entente/scenario.h"

/* |a - b| <= tol, printing both values on failure. */
#define assert_double_equal(a, b, tol) \
    ent_assert_close((double)(a), (double)(b), (double)(tol), #a, #b, __FILE__, __LINE__)

static inline void ent_assert_close(double a, double b, double tol, const char *ea, const char *eb,
                                    const char *file, int line)
{
    if (!(fabs(a - b) <= tol) && !(a == b)) {
        print_error("%s = %.17g, %s = %.17g, |diff| = %.3g > %.3g\n", ea, a, eb, b, fabs(a - b), tol);
        _fail(file, line);
    }
}

/* A scenario from YAML text, its errors printed if it does not load. */
static inline ent_scenario *ent_test_load(const char *yaml)
{
    ent_diags d;
    ent_diags_init(&d, "t.yaml");
    ent_scenario *s = ent_scenario_load_buffer("t.yaml", yaml, strlen(yaml), &d);
    if (!s)
        ent_diags_print(&d, stderr);
    assert_non_null(s);
    return s;
}

#endif
