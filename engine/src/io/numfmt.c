/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** numfmt.c: the one number formatter of every CSV and JSON file the library
** and the program write: the shortest of %.15g, %.16g and %.17g that reads
** back as the same double. printf and strtod dominate a sweep's time, so the
** common cases are done exactly in 128-bit integer arithmetic, giving the
** same characters. Also the CSV and JSON field writers built on it.
*/
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "io/numfmt.h"

static size_t fmt_int(char *buf, long long v)
{
    char tmp[24];
    size_t n = 0;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    size_t k = 0;
    if (v < 0)
        buf[k++] = '-';
    while (n)
        buf[k++] = tmp[--n];
    buf[k] = 0;
    return k;
}

typedef unsigned __int128 u128;

static u128 pow10_128(int s)
{
    static const uint64_t p[20] = {
        1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull,
        100000000ull, 1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull,
        10000000000000ull, 100000000000000ull, 1000000000000000ull, 10000000000000000ull,
        100000000000000000ull, 1000000000000000000ull, 10000000000000000000ull,
    };
    return s < 20 ? p[s] : (u128)p[19] * p[s - 19];
}

/* Does the decimal N 10^-s read back (round to nearest, ties to even) as the
** double m 2^e? Compares N against the bounds of m's rounding interval,
** scaled by 10^s 2^(1-e) (or 2^(2-e) below a power of two) to stay exact. */
static int round_trips(u128 N, int s, uint64_t m, int e)
{
    u128 t = pow10_128(s);
    u128 lhs = N << (1 - e);
    u128 hi = (u128)(2 * m + 1) * t;
    if (lhs > hi || (lhs == hi && (m & 1)))
        return 0;
    if (m == (UINT64_C(1) << 52)) {
        /* the double below is nearer: the interval is half as wide there */
        u128 lhs2 = N << (2 - e), lo = (u128)(4 * m - 1) * t;
        return lhs2 > lo || (lhs2 == lo && !(m & 1));
    }
    u128 lo = (u128)(2 * m - 1) * t;
    return lhs > lo || (lhs == lo && !(m & 1));
}

/* %.Pg for P = 15, 16, 17, the first that round-trips, when the result is in
** fixed notation (exponent -4..14). Returns the length, or 0 to let printf
** do it. v is finite, non-zero and not a whole number. */
static size_t fmt_fast(char *buf, double v)
{
    double a = fabs(v);
    if (!(a >= 1e-4 && a < 1e15))
        return 0;
    int ex;
    double fr = frexp(a, &ex);
    uint64_t m = (uint64_t)ldexp(fr, 53);  /* a = m 2^e, m in [2^52, 2^53) */
    int e = ex - 53;
    if (e >= 0 || e < -70)
        return 0;
    int x0 = (int)floor(log10(a));
    for (int P = 15; P <= 17; P++) {
        int x = x0, s = 0, ok = 0;
        u128 N = 0;
        for (int tries = 0; tries < 3 && !ok; tries++) {
            s = P - 1 - x;
            if (s < 0 || s > 21)
                return 0;
            /* N = m 10^s 2^e rounded to nearest, ties to even */
            u128 t = (u128)m * pow10_128(s);
            int sh = -e;
            N = t >> sh;                    /* floor(a 10^s): fixes the exponent x */
            if (N >= pow10_128(P)) { x++; continue; }
            if (N < pow10_128(P - 1)) { x--; continue; }
            ok = 1;
            u128 rem = t - (N << sh), half = (u128)1 << (sh - 1);
            if (rem > half || (rem == half && (N & 1)))
                N++;
            if (N == pow10_128(P)) {        /* 9.99..9 rounded up: one digit more before the point */
                N = pow10_128(P - 1);
                x++;
                s--;
            }
        }
        if (!ok || x < -4 || x > 14)
            return 0;
        if (!round_trips(N, s, m, e))
            continue;
        char dig[24];
        uint64_t n64 = (uint64_t)N;         /* below 10^17: 64-bit division is cheaper */
        for (int i = P - 1; i >= 0; i--) {
            dig[i] = (char)('0' + (int)(n64 % 10));
            n64 /= 10;
        }
        int nd = P;
        int point = x + 1;          /* digits before the decimal point */
        while (nd > point && nd > 1 && dig[nd - 1] == '0')
            nd--;
        char *q = buf;
        if (v < 0)
            *q++ = '-';
        if (point <= 0) {
            *q++ = '0';
            *q++ = '.';
            for (int i = 0; i < -point; i++)
                *q++ = '0';
            memcpy(q, dig, (size_t)nd);
            q += nd;
        } else {
            memcpy(q, dig, (size_t)point);
            q += point;
            if (nd > point) {
                *q++ = '.';
                memcpy(q, dig + point, (size_t)(nd - point));
                q += nd - point;
            }
        }
        *q = 0;
        return (size_t)(q - buf);
    }
    return 0;
}

size_t ent_i_fmt_num(char *buf, double v)
{
    if (isnan(v)) {
        memcpy(buf, "NA", 3);
        return 2;
    }
    /* whole numbers below 1e15 print the same under %.15g */
    if (v == 0.0) {
        if (signbit(v)) {
            memcpy(buf, "-0", 3);
            return 2;
        }
        memcpy(buf, "0", 2);
        return 1;
    }
    if (fabs(v) < 1e15 && v == floor(v))
        return fmt_int(buf, (long long)v);
    size_t fast = fmt_fast(buf, v);
    if (fast)
        return fast;
    int n = 0;
    for (int prec = 15; prec <= 17; prec++) {
        n = snprintf(buf, ENT_NUM_MAX + 1, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    return (size_t)n;
}

int ent_i_parse_num(const char *s, const char **end, double *out)
{
    if (s[0] == 'N' && s[1] == 'A') {
        *out = NAN;
        *end = s + 2;
        return 0;
    }
    char *e;
    *out = strtod(s, &e);
    *end = e;
    return e == s ? -1 : 0;
}

size_t ent_num_format(char *buf, double v)
{
    return ent_i_fmt_num(buf, v);
}

void ent_csv_num(FILE *f, double v)
{
    char buf[ENT_NUM_MAX + 1];
    ent_i_fmt_num(buf, v);
    fputs(buf, f);
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
    if (!isfinite(v)) {
        fputs("null", f);
        return;
    }
    ent_csv_num(f, v);
}
