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

typedef unsigned __int128 u128;

static const uint64_t pow10_64[18] = {
    1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull,
    100000000ull, 1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull,
    10000000000000ull, 100000000000000ull, 1000000000000000ull, 10000000000000000ull,
    100000000000000000ull,
};

/* 5^s for s = 0..27, the powers below 2^64 */
static const uint64_t pow5_64[28] = {
    1ull, 5ull, 25ull, 125ull, 625ull, 3125ull, 15625ull, 78125ull, 390625ull,
    1953125ull, 9765625ull, 48828125ull, 244140625ull, 1220703125ull, 6103515625ull,
    30517578125ull, 152587890625ull, 762939453125ull, 3814697265625ull,
    19073486328125ull, 95367431640625ull, 476837158203125ull, 2384185791015625ull,
    11920928955078125ull, 59604644775390625ull, 298023223876953125ull,
    1490116119384765625ull, 7450580596923828125ull,
};

/* 5^s for s = 0..32 (5^32 < 2^75: m 5^s fits 128 bits for m < 2^53) */
static u128 pow5_128(int s)
{
    return s < 28 ? pow5_64[s] : (u128)pow5_64[27] * pow5_64[s - 27];
}

static const char digit_pairs[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* A whole number below 10^15 (|v| < 2^63), two digits a step from the
** end; the digits then move as 16 bytes, not a loop of one a time. */
static size_t fmt_int(char *buf, long long v)
{
    char tmp[32], *p = tmp + 16;
    memcpy(tmp + 16, "0000000000000000", 16);   /* read past by the move */
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    while (u >= 100) {
        p -= 2;
        memcpy(p, digit_pairs + 2 * (u % 100), 2);
        u /= 100;
    }
    if (u >= 10) {
        p -= 2;
        memcpy(p, digit_pairs + 2 * u, 2);
    } else {
        *--p = (char)('0' + u);
    }
    size_t n = (size_t)(tmp + 16 - p), k = v < 0;
    buf[0] = '-';
    memcpy(buf + k, p, 16);
    buf[k + n] = 0;
    return k + n;
}

/* The trailing zero digits of 0 < v < 10^8 (three tests, not a loop: a
** short decimal such as 0.25 has 15 of its 17 digits zero). */
static int zeros8(uint32_t v)
{
    int z = 0;
    if (v % 10000 == 0) {
        v /= 10000;
        z += 4;
    }
    if (v % 100 == 0) {
        v /= 100;
        z += 2;
    }
    return z + (v % 10 == 0);
}

/* The two digits of the binary fraction f (of 2^64) times 100 at d; the
** fraction left */
static inline uint64_t next_pair(char *d, uint64_t f)
{
    u128 t = (u128)f * 100;
    memcpy(d, digit_pairs + 2 * (size_t)(t >> 64), 2);
    return (uint64_t)t;
}

/* The 17 digits of D < 10^17. The last 16, r, go as the binary fraction
** f = r / 10^16 (f 2^64 = r 2^64 / 10^16 = r 1844.67..., from above: f
** 2^64 lies in [r, r + 1) 2^64 / 10^16, where all 16 digits of f are r's):
** each multiplication of f by 100 brings the next two digits to the high
** half of the 128-bit product, one multiplication a pair (checked against
** printf's digits over 60 million D, zeros and nines among them). */
static inline void put17(char *d, uint64_t D)
{
    uint64_t d0 = D / 10000000000000000ull, r = D - d0 * 10000000000000000ull;
    uint64_t f = r * 1844 + (uint64_t)(((u128)r * UINT64_C(0xaca5f6226f0ada62)) >> 64) + 1;
    d[0] = (char)('0' + d0);
    f = next_pair(d + 1, f);                /* written out: a loop is not unrolled at -O2 */
    f = next_pair(d + 3, f);
    f = next_pair(d + 5, f);
    f = next_pair(d + 7, f);
    f = next_pair(d + 9, f);
    f = next_pair(d + 11, f);
    f = next_pair(d + 13, f);
    next_pair(d + 15, f);
}

/* A number's 17 digits D (10^16 <= D < 10^17), its decimal exponent x and
** the digits P of the shortest of %.15g, %.16g, %.17g that reads back */
typedef struct {
    uint64_t D;
    int x, P;
} dec17;

/* %.Pg as printf writes it, for the 17 digits D (10^16 <= D < 10^17, the
** P significant digits followed by 17 - P zeros) of a number of decimal
** exponent x, -16 <= x <= 16. The digits are written whole, in fixed-size
** moves (buf has ENT_NUM_MAX + 1 bytes), and the end set after the last
** significant one. */
static size_t put_g(char *buf, unsigned neg, const dec17 *r)
{
    uint64_t D = r->D;
    int x = r->x, P = r->P;
    /* significant digits: P, but for P = 15 (a last zero of 16 or 17 digits
    ** would leave the same number with one digit less, which reads back
    ** too; 9.99..9 rounds up to 10 only at the fewest digits) */
    int nd = P;
    if (P == 15) {
        uint64_t hi = D / 100000000;
        uint32_t lo = (uint32_t)(D - hi * 100000000), mid = (uint32_t)(hi % 100000000);
        nd = lo ? 17 - zeros8(lo) : mid ? 9 - zeros8(mid) : 1;
    }
    char *q = buf;
    *q = '-';
    q += neg;
    if (x < 0 && x >= -4) {                 /* the commonest: shares, probabilities */
        memcpy(q, "0.000000", 8);           /* "0.", then the zeros of -x - 1 */
        q += 1 - x;
        put17(q, D);
        q += nd;
    } else {
        char d[40];                         /* the digits, then zeros to read past */
        put17(d, D);
        memcpy(d + 17, "0000000000000000", 16);
        if (x >= 0 && x < P) {
            /* the digits before the point, the point, the rest; staged in
            ** t, where moves of 16 may run past the end */
            char t[40];
            int point = x + 1;
            memcpy(t, d, 17);
            t[point] = '.';
            memcpy(t + point + 1, d + point, 16);
            memcpy(q, t, 18);
            q += nd > point ? nd + 1 : point;
        } else {
            q[0] = d[0];
            q[1] = '.';
            memcpy(q + 2, d + 1, 16);
            q += nd > 1 ? nd + 1 : 1;
            *q++ = 'e';
            *q++ = x < 0 ? '-' : '+';
            int ax = x < 0 ? -x : x;        /* two digits, as printf writes below 100 */
            memcpy(q, digit_pairs + 2 * ax, 2);
            q += 2;
        }
    }
    *q = 0;
    return (size_t)(q - buf);
}

/* The candidates' roundings: the P = 17 - j digit rounding of |v| 10^s,
** whose integer part q and fraction (its first bit half, whether any other
** is set sticky) are known, as printf rounds (ties to even), scaled back to
** units of the 17th digit (div = 10^j). */
static inline uint64_t round_at(uint64_t q, uint64_t half, uint64_t sticky, uint64_t div)
{
    uint64_t N = q / div;
    /* twice the part below N's last digit, whole, against div: above (or
    ** at, with more bits below or an odd N: ties go to even) rounds up */
    uint64_t t = 2 * (q - N * div) + half + (sticky | (N & 1));
    return (N + (t > div)) * div;
}

/* The fast path's binades (biased exponents) */
#define FAST_BE0 987                        /* from 2^-36 (1.46e-11): 5^s below 2^64 */
#define FAST_BE1 1074                       /* below 2^52: |v| 10^s not whole (k >= 0) */

/* For the binade of biased exponent be (FAST_BE0 .. FAST_BE1) with
** x0 = floor(log10 2^(be - 1023)): the least mantissa m (2^52 <= m < 2^53)
** with m 2^(be - 1075) >= 10^(x0 + 1), 2^53 when no power of ten lies in
** the binade; so floor(log10 |v|) = x0 + (m >= threshold), exactly, in one
** comparison. Made with exact rational arithmetic (ceil(10^(x0+1) / 2^e)). */
static const uint64_t pow10_mant[FAST_BE1 - FAST_BE0 + 1] = {
    UINT64_C(9007199254740992), UINT64_C(9007199254740992), UINT64_C(7737125245533627), UINT64_C(9007199254740992),
    UINT64_C(9007199254740992), UINT64_C(9007199254740992), UINT64_C(4835703278458517), UINT64_C(9007199254740992),
    UINT64_C(9007199254740992), UINT64_C(6044629098073146), UINT64_C(9007199254740992), UINT64_C(9007199254740992),
    UINT64_C(7555786372591433), UINT64_C(9007199254740992), UINT64_C(9007199254740992), UINT64_C(9007199254740992),
    UINT64_C(4722366482869646), UINT64_C(9007199254740992), UINT64_C(9007199254740992), UINT64_C(5902958103587057),
    UINT64_C(9007199254740992), UINT64_C(9007199254740992), UINT64_C(7378697629483821), UINT64_C(9007199254740992),
    UINT64_C(9007199254740992), UINT64_C(9007199254740992), UINT64_C(4611686018427388), UINT64_C(9007199254740992),
    UINT64_C(9007199254740992), UINT64_C(5764607523034235), UINT64_C(9007199254740992), UINT64_C(9007199254740992),
    UINT64_C(7205759403792794), UINT64_C(9007199254740992), UINT64_C(9007199254740992), UINT64_C(9007199254740992),
    UINT64_C(9007199254740992), UINT64_C(9007199254740992), UINT64_C(9007199254740992), UINT64_C(5629499534213120),
    UINT64_C(9007199254740992), UINT64_C(9007199254740992), UINT64_C(7036874417766400), UINT64_C(9007199254740992),
    UINT64_C(9007199254740992), UINT64_C(8796093022208000), UINT64_C(9007199254740992), UINT64_C(9007199254740992),
    UINT64_C(9007199254740992), UINT64_C(5497558138880000), UINT64_C(9007199254740992), UINT64_C(9007199254740992),
    UINT64_C(6871947673600000), UINT64_C(9007199254740992), UINT64_C(9007199254740992), UINT64_C(8589934592000000),
    UINT64_C(9007199254740992), UINT64_C(9007199254740992), UINT64_C(9007199254740992), UINT64_C(5368709120000000),
    UINT64_C(9007199254740992), UINT64_C(9007199254740992), UINT64_C(6710886400000000), UINT64_C(9007199254740992),
    UINT64_C(9007199254740992), UINT64_C(8388608000000000), UINT64_C(9007199254740992), UINT64_C(9007199254740992),
    UINT64_C(9007199254740992), UINT64_C(5242880000000000), UINT64_C(9007199254740992), UINT64_C(9007199254740992),
    UINT64_C(6553600000000000), UINT64_C(9007199254740992), UINT64_C(9007199254740992), UINT64_C(8192000000000000),
    UINT64_C(9007199254740992), UINT64_C(9007199254740992), UINT64_C(9007199254740992), UINT64_C(5120000000000000),
    UINT64_C(9007199254740992), UINT64_C(9007199254740992), UINT64_C(6400000000000000), UINT64_C(9007199254740992),
    UINT64_C(9007199254740992), UINT64_C(8000000000000000), UINT64_C(9007199254740992), UINT64_C(9007199254740992),
};

/* The general path, for a normal |v| in [1e-15, 1e17) outside the fast
** path's binades: %.Pg for P = 15, 16, 17, the first that reads back as v
** (else 0: printf does it). With x the decimal exponent and s = 16 - x,
** |v| 10^s = W 2^-k exactly, W = m 5^s 2^(k+e+s) in 128 bits, whose integer
** part q holds the 17 digits. The roundings to 15 and 16 digits follow from
** q, the half bit and the sticky bits of the fraction; the doubles' rounding
** interval around v (half the spacing of doubles either side, a quarter
** below a power of two; ties go to the even mantissa, as strtod rounds) is
** taken once to the same scale, so that each candidate is checked in 64-bit
** arithmetic. */
static int dec_wide(double v, dec17 *r)
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
    static const double pow10_dbl[34] = {
        1e-16, 1e-15, 1e-14, 1e-13, 1e-12, 1e-11, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4,
        1e-3, 1e-2, 1e-1, 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17,
    };
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
    uint64_t Ms[3];
    unsigned fits[2];
    for (int i = 0; i < 3; i++) {
        uint64_t M = Ms[i] = round_at(q, half, sticky, pow10_64[2 - i]);
        if (i < 2) {
            unsigned below_h = (unsigned)(M < Hq) | ((unsigned)(M == Hq) & ((Hx ^ 1u) | even));
            unsigned above_l = (unsigned)(M > Lq) | ((unsigned)(M == Lq) & Lx & even);
            fits[i] = below_h & above_l;
        }
    }
    int i = fits[0] ? 0 : fits[1] ? 1 : 2;   /* 17 digits always read back */
    uint64_t D = Ms[i];
    if (D == pow10_64[17]) {                /* 9.99..9 rounded up: one digit more before the point */
        D = pow10_64[16];
        x++;
    }
    *r = (dec17){ D, x, 15 + i };
    return 1;
}

/* The spacing of doubles of the binade be, 2^(be - 1075), times 10^s
** (s = 16 - x, x = x0 and x0 + 1 as above: the exponents of the binade's
** numbers) and 2^64: 5^s 2^(64 + be - 1075 + s), whole and below 23 2^64;
** 0 where the binade holds no number of exponent x0 + 1. Made, like
** pow10_mant, with exact arithmetic. */
typedef struct {
    uint64_t lo, hi;
} u128_parts;
static const u128_parts ulp_scaled[FAST_BE1 - FAST_BE0 + 1][2] = {
    { { UINT64_C(0x3b2e3c9fd0803ce8), 3 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x765c793fa10079d0), 6 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0xecb8f27f4200f3a0), 12 }, { UINT64_C(0x4adf4b7320334b90), 1 } },
    { { UINT64_C(0x95be96e640669720), 2 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x2b7d2dcc80cd2e40), 5 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x56fa5b99019a5c80), 10 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0xadf4b7320334b900), 20 }, { UINT64_C(0x1165458500521280), 2 } },
    { { UINT64_C(0x22ca8b0a00a42500), 4 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x4595161401484a00), 8 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x8b2a2c2802909400), 16 }, { UINT64_C(0xa784379d99db4200), 1 } },
    { { UINT64_C(0x4f086f3b33b68400), 3 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x9e10de76676d0800), 6 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x3c21bcecceda1000), 13 }, { UINT64_C(0x52d02c7e14af6800), 1 } },
    { { UINT64_C(0xa5a058fc295ed000), 2 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x4b40b1f852bda000), 5 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x968163f0a57b4000), 10 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x2d02c7e14af68000), 21 }, { UINT64_C(0x1e19e0c9bab24000), 2 } },
    { { UINT64_C(0x3c33c19375648000), 4 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x78678326eac90000), 8 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0xf0cf064dd5920000), 16 }, { UINT64_C(0xb1ae4d6e2ef50000), 1 } },
    { { UINT64_C(0x635c9adc5dea0000), 3 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0xc6b935b8bbd40000), 6 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x8d726b7177a80000), 13 }, { UINT64_C(0x5af1d78b58c40000), 1 } },
    { { UINT64_C(0xb5e3af16b1880000), 2 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x6bc75e2d63100000), 5 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0xd78ebc5ac6200000), 10 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0xaf1d78b58c400000), 21 }, { UINT64_C(0x2b1c8c1227a00000), 2 } },
    { { UINT64_C(0x563918244f400000), 4 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0xac7230489e800000), 8 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x58e460913d000000), 17 }, { UINT64_C(0xbc16d674ec800000), 1 } },
    { { UINT64_C(0x782dace9d9000000), 3 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0xf05b59d3b2000000), 6 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0xe0b6b3a764000000), 13 }, { UINT64_C(0x6345785d8a000000), 1 } },
    { { UINT64_C(0xc68af0bb14000000), 2 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x8d15e17628000000), 5 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x1a2bc2ec50000000), 11 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x386f26fc10000000), 2 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x70de4df820000000), 4 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0xe1bc9bf040000000), 8 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0xc37937e080000000), 17 }, { UINT64_C(0xc6bf526340000000), 1 } },
    { { UINT64_C(0x8d7ea4c680000000), 3 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x1afd498d00000000), 7 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x35fa931a00000000), 14 }, { UINT64_C(0x6bcc41e900000000), 1 } },
    { { UINT64_C(0xd79883d200000000), 2 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0xaf3107a400000000), 5 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x5e620f4800000000), 11 }, { UINT64_C(0x2309ce5400000000), 1 } },
    { { UINT64_C(0x46139ca800000000), 2 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x8c27395000000000), 4 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x184e72a000000000), 9 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x309ce54000000000), 18 }, { UINT64_C(0xd1a94a2000000000), 1 } },
    { { UINT64_C(0xa352944000000000), 3 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x46a5288000000000), 7 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x8d4a510000000000), 14 }, { UINT64_C(0x74876e8000000000), 1 } },
    { { UINT64_C(0xe90edd0000000000), 2 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0xd21dba0000000000), 5 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0xa43b740000000000), 11 }, { UINT64_C(0x2a05f20000000000), 1 } },
    { { UINT64_C(0x540be40000000000), 2 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0xa817c80000000000), 4 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x502f900000000000), 9 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0xa05f200000000000), 18 }, { UINT64_C(0xdcd6500000000000), 1 } },
    { { UINT64_C(0xb9aca00000000000), 3 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x7359400000000000), 7 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0xe6b2800000000000), 14 }, { UINT64_C(0x7d78400000000000), 1 } },
    { { UINT64_C(0xfaf0800000000000), 2 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0xf5e1000000000000), 5 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0xebc2000000000000), 11 }, { UINT64_C(0x312d000000000000), 1 } },
    { { UINT64_C(0x625a000000000000), 2 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0xc4b4000000000000), 4 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x8968000000000000), 9 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x12d0000000000000), 19 }, { UINT64_C(0xe848000000000000), 1 } },
    { { UINT64_C(0xd090000000000000), 3 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0xa120000000000000), 7 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x4240000000000000), 15 }, { UINT64_C(0x86a0000000000000), 1 } },
    { { UINT64_C(0x0d40000000000000), 3 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x1a80000000000000), 6 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x3500000000000000), 12 }, { UINT64_C(0x3880000000000000), 1 } },
    { { UINT64_C(0x7100000000000000), 2 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0xe200000000000000), 4 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0xc400000000000000), 9 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x8800000000000000), 19 }, { UINT64_C(0xf400000000000000), 1 } },
    { { UINT64_C(0xe800000000000000), 3 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0xd000000000000000), 7 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0xa000000000000000), 15 }, { UINT64_C(0x9000000000000000), 1 } },
    { { UINT64_C(0x2000000000000000), 3 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x4000000000000000), 6 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x8000000000000000), 12 }, { UINT64_C(0x4000000000000000), 1 } },
    { { UINT64_C(0x8000000000000000), 2 }, { UINT64_C(0x0000000000000000), 0 } },
    { { UINT64_C(0x0000000000000000), 5 }, { UINT64_C(0x0000000000000000), 0 } },
};

/* The fast path: dec_wide's result for |v| in the binades from 2^-36 to
** 2^52, where nearly every number a sweep writes but whole ones lies
** (shares, probabilities, payoffs). There the decimal exponent x is exact from the
** tables (no retries), and F = |v| 10^s 2^64 = m U, with U from ulp_scaled,
** is a whole 128-bit number: q its high half, the fraction its low half,
** without shifts by a variable count. No end of the rounding interval is a
** 17-digit decimal there (its ends are odd multiples of 2^-(k+1) or
** 2^-(k+2) for |v| 10^s = W 2^-k, 0 <= k <= 61), so the candidates are
** checked against it without the ties dec_wide tells. */
static int dec_fast(double v, dec17 *r)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    int be = (int)(bits >> 52 & 0x7ff);
    if (be < FAST_BE0 || be > FAST_BE1)
        return dec_wide(v, r);
    uint64_t m = (bits & ((UINT64_C(1) << 52) - 1)) | (UINT64_C(1) << 52);
    unsigned up = m >= pow10_mant[be - FAST_BE0];
    int x = (int)((unsigned)(be - 1023 + 4096) * 1233u >> 12) - 1233 + (int)up;
    u128_parts u = ulp_scaled[be - FAST_BE0][up];
    u128 U = (u128)u.hi << 64 | u.lo;
    u128 F = (u128)m * u.lo + ((u128)(m * u.hi) << 64);    /* below 10^17 2^64 */
    uint64_t q = (uint64_t)(F >> 64), fr = (uint64_t)F;
    uint64_t half = fr >> 63, sticky = (fr << 1) != 0;
    /* four times the interval's ends (a quarter below v at a power of two):
    ** 4 M 2^64 lies inside iff lb < 4 M < hb */
    u128 H = (F << 2) + (U << 1), L = (F << 2) - (m == (UINT64_C(1) << 52) ? U : U << 1);
    uint64_t hb = (uint64_t)(H >> 64) + ((uint64_t)H != 0), lb = (uint64_t)(L >> 64);
    uint64_t M15 = round_at(q, half, sticky, 100), M16 = round_at(q, half, sticky, 10);
    uint64_t M17 = round_at(q, half, sticky, 1);
    unsigned fits15 = (unsigned)(lb < 4 * M15) & (unsigned)(4 * M15 < hb);
    unsigned fits16 = (unsigned)(lb < 4 * M16) & (unsigned)(4 * M16 < hb);
    uint64_t D = fits15 ? M15 : fits16 ? M16 : M17;
    int P = fits15 ? 15 : fits16 ? 16 : 17;
    if (D == pow10_64[17]) {                /* 9.99..9 rounded up */
        D = pow10_64[16];
        x++;
    }
    *r = (dec17){ D, x, P };
    return 1;
}

/* Any other number: the fast or the general path, else printf. Not
** inlined: the registers it saves on entry would be saved for every zero
** and whole number too. */
static __attribute__((noinline)) size_t fmt_digits(char *buf, double v)
{
    dec17 d;
    if (dec_fast(v, &d))
        return put_g(buf, signbit(v) != 0, &d);
    int n = 0;
    for (int prec = 15; prec <= 17; prec++) {
        n = snprintf(buf, ENT_NUM_MAX + 1, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    return (size_t)n;
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
    return fmt_digits(buf, v);
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
