/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_sweep_format.c: the library's one number formatter (io/numfmt.c,
** used by runs, sweeps, tournaments and the program) writes exactly what
** printf's shortest round-trip form (%.15g, %.16g or %.17g) writes, for
** random doubles of every magnitude, decimal fractions and whole numbers,
** and reads back to the same double: millions of random bit patterns
** (subnormals, infinities and NaN among them), every binary exponent from
** 1e-5 to 1e22 with random mantissas, decimals of up to 17 digits, points
** halfway between them, powers of two and of ten and their neighbours,
** every binade of the formatter's fast path and its tables (2^-36 .. 2^52)
** and the paths' edges, and exact ties at 15 and 16 digits (printf rounds
** them to even).
** Its text tells, without reading the number back, whether the number is
** one the summary writes as a point's single value (finite, not -0):
** summary rows of one-replicate points made from texts alone rely on it.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include "entente/rng.h"
#include "io/numfmt.h"
#include "core/numread.h"
#include "sweep/sweep_int.h"

/* The reference: the shortest round-trip form, by printf. */
static void reference(char *buf, double v)
{
    if (isnan(v)) {
        strcpy(buf, "NA");
        return;
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, 40, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

static void check(double v)
{
    char got[ENT_NUM_MAX + 8], want[48];
    memset(got, 'x', sizeof got);
    size_t n = ent_i_fmt_num(got, v);
    reference(want, v);
    if (strcmp(got, want) || n != strlen(want))
        fail_msg("%a: wrote '%s', printf writes '%s'", v, got, want);
    assert_true(n <= ENT_NUM_MAX);
    double back;
    const char *end;
    assert_int_equal(ent_i_parse_num(got, &end, &back), 0);
    assert_true(*end == 0);
    if (!(back == v || (isnan(back) && isnan(v))))
        fail_msg("'%s' reads back as %a, not %a", got, back, v);
    if (ent_i_num_text_ordinary(got, n) != (ent_i_summ_single_is_value(v) != 0))
        fail_msg("'%s' (%a): its text and the summary disagree on whether it is a single value", got, v);
}

/* n random cases, a fiftieth under a runner such as valgrind (make valgrind
** sets ENTENTE_RUNNER), whose instrumented printf is slow */
static int cases(int n)
{
    const char *runner = getenv("ENTENTE_RUNNER");
    return runner && *runner ? n / 50 : n;
}

static void test_random_bits(void **state)
{
    (void)state;
    gsl_rng *r = ent_rng_alloc();
    ent_rng_stream(r, 1, 2, 3);
    for (int i = 0; i < cases(400000); i++) {
        /* a random mantissa, a decimal exponent from 1e-7 to 1e17, either sign */
        double m = 1.0 + gsl_rng_uniform(r);
        double v = m * pow(10.0, -7.0 + 24.0 * gsl_rng_uniform(r));
        check(gsl_rng_uniform(r) < 0.5 ? v : -v);
    }
    gsl_rng_free(r);
}

static uint64_t bits64(gsl_rng *r)
{
    return (uint64_t)gsl_rng_get(r) << 32 ^ (uint64_t)gsl_rng_get(r);
}

static double from_bits(uint64_t u)
{
    double v;
    memcpy(&v, &u, sizeof v);
    return v;
}

static void test_all_bit_patterns(void **state)
{
    (void)state;
    gsl_rng *r = ent_rng_alloc();
    ent_rng_stream(r, 4, 5, 6);
    for (int i = 0; i < cases(1000000); i++)
        check(from_bits(bits64(r)));
    /* subnormals and the smallest normals */
    for (int i = 0; i < cases(100000); i++)
        check(from_bits(bits64(r) & ((UINT64_C(1) << 53) - 1)));
    gsl_rng_free(r);
}

static void test_every_exponent(void **state)
{
    (void)state;
    gsl_rng *r = ent_rng_alloc();
    ent_rng_stream(r, 7, 8, 9);
    /* each binary exponent of 1e-17 .. 1e22 with random mantissas: the fast
    ** path's whole range and beyond it at both ends */
    for (int e = -57; e <= 74; e++)
        for (int i = 0; i < cases(10000); i++) {
            double v = ldexp(1.0 + (double)(bits64(r) >> 12) * 0x1p-52, e);
            check(i & 1 ? -v : v);
        }
    gsl_rng_free(r);
}

static void test_short_decimals(void **state)
{
    (void)state;
    gsl_rng *r = ent_rng_alloc();
    ent_rng_stream(r, 10, 11, 12);
    char s[64];
    for (int i = 0; i < cases(600000); i++) {
        /* d significant digits at exponent x; also the point halfway to the
        ** next such decimal, which must round, and the doubles either side */
        int d = 1 + (int)gsl_rng_uniform_int(r, 17), x = -17 + (int)gsl_rng_uniform_int(r, 40);
        uint64_t n = (bits64(r) >> 8) % (uint64_t)pow(10.0, d);
        snprintf(s, sizeof s, "%llue%d", (unsigned long long)n, x - d + 1);
        double v = strtod(s, NULL);
        check(v);
        check(nextafter(v, 0.0));
        check(nextafter(v, INFINITY));
        snprintf(s, sizeof s, "%llu5e%d", (unsigned long long)n, x - d);
        check(strtod(s, NULL));
    }
    gsl_rng_free(r);
}

static void test_whole_numbers(void **state)
{
    (void)state;
    gsl_rng *r = ent_rng_alloc();
    ent_rng_stream(r, 13, 14, 15);
    for (int i = 0; i < cases(200000); i++) {
        int b = 1 + (int)gsl_rng_uniform_int(r, 63);
        double v = (double)(bits64(r) >> (64 - b));
        check(v);
        check(-v);
        check(v + 0.5);
    }
    for (int j = -20; j <= 22; j++) {
        double p = pow(10.0, j);
        check(p);
        check(nextafter(p, 0.0));
        check(nextafter(p, INFINITY));
        check(9.5 * p);
        check(9.999999999999999 * p);
        check(9.9999999999999999 * p);
    }
    gsl_rng_free(r);
}

static void test_decimals(void **state)
{
    (void)state;
    /* k / 10^j: values people type, and sums of them as a model computes */
    for (int j = 0; j <= 8; j++)
        for (int k = -3000; k <= 3000; k += 7)
            check((double)k / pow(10.0, j));
    for (int k = 1; k < 2000; k++) {
        check(0.1 * k);
        check(0.02 + 0.005 * k);
        check(1.0 / k);
        check(k / 3.0);
    }
}

static void test_edges(void **state)
{
    (void)state;
    const double v[] = {
        0.0, -0.0, 1.0, -1.0, 0.5, 1e-4, 9.99999999999999e-5, 1e-5, 0.00010000000000000002,
        1e15, 999999999999999.9, 1e15 + 0.5, 123456789012345.6, 4503599627370496.5,
        9007199254740993.0, 1e16, 1e17, 1e300, 5e-324, 2.2250738585072014e-308,
        0.1, 0.2, 0.30000000000000004, 1.0 / 3.0, 2.0 / 3.0, M_PI, -M_E, 0.125, 0.0625,
        0.000244140625, 0.5000000000000001, 0.9999999999999999, 99.99999999999999,
        INFINITY, -INFINITY, NAN, 1234567.0, -9876543210.0,
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        check(v[i]);
    /* powers of two, where the interval below is half as wide */
    for (int e = -1074; e <= 1023; e++) {
        check(ldexp(1.0, e));
        check(nextafter(ldexp(1.0, e), 0.0));
        check(nextafter(ldexp(1.0, e), INFINITY));
    }
}

static double with_mantissa(int be, uint64_t m)
{
    return from_bits((uint64_t)be << 52 | (m & ((UINT64_C(1) << 52) - 1)));
}

static void test_fast_path_binades(void **state)
{
    (void)state;
    gsl_rng *r = ent_rng_alloc();
    ent_rng_stream(r, 16, 17, 18);
    /* every binade of the fast path (2^-36 .. 2^52) and a few either side
    ** (the general path's): its ends, where the interval below is half as
    ** wide, and random mantissas; a wrong entry of a binade's tables shows
    ** on most of its numbers */
    for (int be = 975; be <= 1085; be++) {
        const uint64_t ends[] = { 0, 1, 2, 3, (UINT64_C(1) << 52) - 1, (UINT64_C(1) << 52) - 2 };
        for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
            check(with_mantissa(be, ends[i]));
            check(-with_mantissa(be, ends[i]));
        }
        for (int i = 0; i < cases(3000); i++)
            check(with_mantissa(be, bits64(r)));
    }
    /* each power of ten of the range and beyond, where the decimal exponent
    ** changes (the binade's threshold), and 64 doubles either side: 9.99..9
    ** that rounds up to a new digit at 15, 16 or 17 digits, or nearly */
    for (int j = -18; j <= 18; j++) {
        double p = pow(10.0, j), v = p, w = p;
        check(p);
        for (int i = 0; i < 64; i++) {
            v = nextafter(v, 0.0);
            w = nextafter(w, INFINITY);
            check(v);
            check(w);
        }
    }
    /* the ends of the general path, whole numbers and the integer path */
    const double edges[] = {
        0x1p-36, 0x1p52, 0x1p53, 1e-15, 1e17, 1e15, 1e15 - 1, 1e15 - 0.5, 1e15 + 1, 1e15 + 0.5,
        1e17 - 16, 1e17 - 8, 9.999999999999999e16, 4503599627370495.5, 4503599627370497.0,
        9007199254740991.0, 9007199254740992.0, 999999999999999.0, 99999999999999.9,
        9.99999999999999e-16, 1.0000000000000001e-15, 9.5, 99.5, 9, 10, 99, 100, 101,
    };
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++)
        for (int k = -3; k <= 3; k++) {
            double v = edges[i];
            for (int n = 0; n < (k < 0 ? -k : k); n++)
                v = nextafter(v, k < 0 ? 0.0 : INFINITY);
            check(v);
            check(-v);
        }
    gsl_rng_free(r);
}

static void test_ties(void **state)
{
    (void)state;
    gsl_rng *r = ent_rng_alloc();
    ent_rng_stream(r, 19, 20, 21);
    /* n / 2^j is an exact decimal of j digits after the point; with 16 or
    ** 17 significant digits ending in 5 it is a tie at 15 or 16 digits,
    ** which printf rounds to even: whole numbers, halves, quarters, ... */
    for (int i = 0; i < cases(200000); i++) {
        int j = (int)gsl_rng_uniform_int(r, 24), b = 40 + (int)gsl_rng_uniform_int(r, 14);
        uint64_t n = bits64(r) >> (64 - b) | 1;
        double v = ldexp((double)n, -j);
        check(v);
        check(nextafter(v, 0.0));
        check(nextafter(v, INFINITY));
    }
    /* ties in the last place of 15 and 16 digits, written out and read back:
    ** the double nearest them lies either side */
    char s[64];
    for (int i = 0; i < cases(100000); i++) {
        int d = 15 + (int)gsl_rng_uniform_int(r, 2), x = -12 + (int)gsl_rng_uniform_int(r, 29);
        uint64_t n = (bits64(r) >> 8) % (uint64_t)pow(10.0, d);
        snprintf(s, sizeof s, "%llu5e%d", (unsigned long long)n, x - d);
        check(strtod(s, NULL));
    }
    gsl_rng_free(r);
}

/* The reader every file and --set use: every text the formatter writes for
** a finite number reads back to the same bits (subnormals and the largest
** double among them), and the refusals keep their kinds. */
static void test_read_real(void **state)
{
    (void)state;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    char buf[ENT_NUM_MAX + 1];
    for (int i = 0; i < cases(200000); i++) {
        uint64_t b = bits64(r);
        if (i % 4 == 0)
            b &= UINT64_C(0x800FFFFFFFFFFFFF);      /* subnormal or zero */
        double v, got = -1;
        memcpy(&v, &b, sizeof v);
        if (!isfinite(v))
            continue;
        buf[ent_i_fmt_num(buf, v)] = 0;
        assert_int_equal(ent_i_read_real(buf, &got), 1);
        assert_memory_equal(&got, &v, sizeof v);
        /* and what resume and merge take for a number the program wrote */
        assert_true(ent_i_number_text(buf, strlen(buf)));
    }
    gsl_rng_free(r);
    double v = 7;
    const char *bad[] = { "", "x", "1e", "1 ", "0x", "--1" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(ent_i_read_real(bad[i], &v), 0);
    assert_int_equal(ent_i_read_real("1e309", &v), -1);
    assert_int_equal(ent_i_read_real("-1e400", &v), -1);
    const char *nonfinite[] = { "nan", "inf", "-inf", ".nan", "-.inf", ".Inf" };
    for (size_t i = 0; i < sizeof nonfinite / sizeof *nonfinite; i++)
        assert_int_equal(ent_i_read_real(nonfinite[i], &v), -2);
    assert_int_equal(ent_i_read_real("1e-400", &v), -3);
    /* the CSV number rule: what the formatter writes for NaN and infinities,
    ** and nothing it does not write */
    char t[32];
    t[ent_i_fmt_num(t, NAN)] = 0;
    assert_true(ent_i_number_text(t, strlen(t)));
    t[ent_i_fmt_num(t, -INFINITY)] = 0;
    assert_true(ent_i_number_text(t, strlen(t)));
    static const char *const not_written[] = { "", "-", "+1", "01", "1.", ".5", "1e", "1e+", "0x10",
                                               "1 ", " 1", "nan", "Infinity", "1,5", "NaN" };
    for (size_t i = 0; i < sizeof not_written / sizeof *not_written; i++)
        assert_false(ent_i_number_text(not_written[i], strlen(not_written[i])));
    assert_int_equal(ent_i_read_real("-2e-324", &v), -3);
    assert_true(v == 7);                            /* untouched by a refusal */
    /* zero written as zero, and the least subnormal, are numbers */
    assert_int_equal(ent_i_read_real("0e-400", &v), 1);
    assert_true(v == 0);
    assert_int_equal(ent_i_read_real("4.9e-324", &v), 1);
    assert_true(v > 0 && v == 4.9406564584124654e-324);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_bits),
        cmocka_unit_test(test_all_bit_patterns),
        cmocka_unit_test(test_every_exponent),
        cmocka_unit_test(test_short_decimals),
        cmocka_unit_test(test_whole_numbers),
        cmocka_unit_test(test_decimals),
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_fast_path_binades),
        cmocka_unit_test(test_ties),
        cmocka_unit_test(test_read_real),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
