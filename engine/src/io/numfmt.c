/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** numfmt.c: the one number formatter of every CSV and JSON file the library
** and the program write: the shortest of %.15g, %.16g and %.17g that reads
** back as the same double. A sweep writes millions of numbers, so whole
** numbers and every magnitude from 1e-15 to 1e17 are done exactly in integer
** arithmetic (printf's characters, without printf and strtod); printf does
** the rest. Also the CSV and JSON field writers built on it.
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

static const uint64_t pow10_64[18] = {
    1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull,
    100000000ull, 1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull,
    10000000000000ull, 100000000000000ull, 1000000000000000ull, 10000000000000000ull,
    100000000000000000ull,
};

/* 5^s for s = 0..32 (5^32 < 2^75: m 5^s fits 128 bits for m < 2^53) */
static u128 pow5_128(int s)
{
    static const uint64_t p[28] = {
        1ull, 5ull, 25ull, 125ull, 625ull, 3125ull, 15625ull, 78125ull, 390625ull,
        1953125ull, 9765625ull, 48828125ull, 244140625ull, 1220703125ull, 6103515625ull,
        30517578125ull, 152587890625ull, 762939453125ull, 3814697265625ull,
        19073486328125ull, 95367431640625ull, 476837158203125ull, 2384185791015625ull,
        11920928955078125ull, 59604644775390625ull, 298023223876953125ull,
        1490116119384765625ull, 7450580596923828125ull,
    };
    return s < 28 ? p[s] : (u128)p[27] * p[s - 27];
}

static const char digit_pairs[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* The 8 digits of v < 10^8: four independent pair look-ups. */
static void put8(char *d, uint32_t v)
{
    uint32_t a = v / 10000, b = v % 10000;
    memcpy(d, digit_pairs + 2 * (a / 100), 2);
    memcpy(d + 2, digit_pairs + 2 * (a % 100), 2);
    memcpy(d + 4, digit_pairs + 2 * (b / 100), 2);
    memcpy(d + 6, digit_pairs + 2 * (b % 100), 2);
}

/* The 17 digits of n < 10^17, leading zeros kept. */
static void put17(char *d, uint64_t n)
{
    uint32_t hi = (uint32_t)(n / 100000000), lo = (uint32_t)(n % 100000000);
    d[0] = (char)('0' + hi / 100000000);
    put8(d + 1, hi % 100000000);
    put8(d + 9, lo);
}

/* %.Pg as printf writes it, for the P significant digits N (N < 10^P) of a
** number of decimal exponent x. */
static size_t put_g(char *buf, int neg, uint64_t N, int P, int x)
{
    char d17[17], *dig = d17 + 17 - P;
    put17(d17, N);
    int nd = P;
    char *q = buf;
    if (neg)
        *q++ = '-';
    if (x >= -4 && x < P) {
        int point = x + 1;                  /* digits before the decimal point */
        while (nd > point && nd > 1 && dig[nd - 1] == '0')
            nd--;
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
    } else {
        while (nd > 1 && dig[nd - 1] == '0')
            nd--;
        *q++ = dig[0];
        if (nd > 1) {
            *q++ = '.';
            memcpy(q, dig + 1, (size_t)(nd - 1));
            q += nd - 1;
        }
        *q++ = 'e';
        *q++ = x < 0 ? '-' : '+';
        int ax = x < 0 ? -x : x;            /* at least two digits, as printf */
        if (ax >= 100)
            *q++ = (char)('0' + ax / 100);
        memcpy(q, digit_pairs + 2 * (ax % 100), 2);
        q += 2;
    }
    *q = 0;
    return (size_t)(q - buf);
}

/* 10^x as doubles, x = -16..17: the decimal exponent's estimate */
static const double pow10_dbl[34] = {
    1e-16, 1e-15, 1e-14, 1e-13, 1e-12, 1e-11, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4,
    1e-3, 1e-2, 1e-1, 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
    1e13, 1e14, 1e15, 1e16, 1e17,
};

/* %.Pg for P = 15, 16, 17, the first that reads back as v, for a normal v
** with 1e-15 <= |v| < 1e17 (else 0: printf does it). With x the decimal
** exponent and s = 16 - x, |v| 10^s = W 2^-k exactly, W = m 5^s 2^(k+e+s)
** in 128 bits, whose integer part q holds the 17 digits. The roundings to
** 15 and 16 digits follow from q, the half bit and the sticky bits of the
** fraction; the doubles' rounding interval around v (half the spacing of
** doubles either side, a quarter below a power of two; ties go to the even
** mantissa, as strtod rounds) is taken once to the same scale, so that each
** candidate is checked in 64-bit arithmetic, without branches (whether 15
** or 16 digits do is as good as random: mispredictions cost more). */
static size_t fmt_fast(char *buf, double v)
{
    double a = fabs(v);
    if (!(a >= 1e-15 && a < 1e17))
        return 0;
    uint64_t bits;
    memcpy(&bits, &a, sizeof bits);
    int be = (int)(bits >> 52);
    uint64_t m = (bits & ((UINT64_C(1) << 52) - 1)) | (UINT64_C(1) << 52);
    int e = be - 1075;                      /* a = m 2^e, m in [2^52, 2^53) */
    /* floor(log10 a): floor((be - 1022) log10 2) or one less, told by the
    ** table (whose negative powers are inexact: the loop below corrects) */
    int x = (int)((unsigned)(be - 1022 + 4096) * 1233u >> 12) - 1233;
    if (x < -16 || x > 17)
        return 0;
    x -= a < pow10_dbl[x + 16];
    uint64_t q = 0;
    u128 W = 0, U = 0;
    int k = 0, ok = 0;
    for (int tries = 0; tries < 3 && !ok; tries++) {
        int s = 16 - x;
        if (s < 0 || s > 31)                /* 4 m 5^s must fit 128 bits */
            return 0;
        U = pow5_128(s);                    /* the spacing of doubles at v, 2^e, in units of 2^-k */
        W = (u128)m * U;
        k = -(e + s);
        if (k < 0) {                        /* |v| 10^s is whole */
            W <<= -k;
            U <<= -k;
            k = 0;
        } else if (k > 120) {
            return 0;
        }
        u128 qq = W >> k;
        if (qq >= pow10_64[17])
            x++;
        else if (qq < pow10_64[16])
            x--;
        else {
            ok = 1;
            q = (uint64_t)qq;
        }
    }
    if (!ok)
        return 0;
    u128 low = ((u128)1 << k) - 1;
    u128 rem2 = (W & low) << 1;             /* twice the fraction, below 2^(k+1) */
    uint64_t half = (uint64_t)(rem2 >> k);  /* the fraction is at least 1/2 */
    uint64_t sticky = (rem2 & low) != 0;    /* and not exactly 0 or 1/2 */
    /* the interval (W - U/2, or U/4, .. W + U/2) 2^-k in units of the 17th
    ** digit: the integer parts of its ends and whether they are whole */
    unsigned pow2 = m == (UINT64_C(1) << 52), even = !(m & 1);
    u128 H = (W << 1) + U, L = (W << (1 + pow2)) - U;
    int hs = k + 1, ls = k + 1 + (int)pow2;
    uint64_t Hq = (uint64_t)(H >> hs), Lq = (uint64_t)(L >> ls);
    unsigned Hx = (H & (((u128)1 << hs) - 1)) == 0, Lx = (L & (((u128)1 << ls) - 1)) == 0;
    uint64_t lead[3] = { q / 100, q / 10, q };  /* constant divisors: no division instruction */
    unsigned fits[2];
    uint64_t Ns[3];
    for (int i = 0; i < 3; i++) {
        uint64_t div = pow10_64[2 - i], N = lead[i];
        uint64_t t = 2 * (q - N * div) + half;  /* twice the part below N's last digit */
        unsigned up = (unsigned)(t > div) | ((unsigned)(t == div) & (unsigned)(sticky | (N & 1)));
        Ns[i] = N + up;
        if (i < 2) {
            uint64_t M = Ns[i] * div;       /* the decimal, in units of its 17th digit */
            unsigned below_h = (unsigned)(M < Hq) | ((unsigned)(M == Hq) & ((Hx ^ 1u) | even));
            unsigned above_l = (unsigned)(M > Lq) | ((unsigned)(M == Lq) & Lx & even);
            fits[i] = below_h & above_l;
        }
    }
    int i = fits[0] ? 0 : fits[1] ? 1 : 2;   /* 17 digits always read back */
    int P = 15 + i, xp = x;
    uint64_t N = Ns[i];
    if (N == pow10_64[P]) {                 /* 9.99..9 rounded up: one digit more before the point */
        N = pow10_64[P - 1];
        xp++;
    }
    return put_g(buf, v < 0, N, P, xp);
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
    if (fabs(v) < 1e15 && v == (double)(long long)v)
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

bool ent_i_num_text_ordinary(const char *s, size_t n)
{
    /* a finite number's text ends in a digit ("inf" does not; NaN is "NA") */
    return n > 0 && s[n - 1] >= '0' && s[n - 1] <= '9' && !(n == 2 && s[0] == '-' && s[1] == '0');
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
