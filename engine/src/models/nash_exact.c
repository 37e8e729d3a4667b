/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** nash_exact.c: every extreme Nash equilibrium of a bimatrix game in exact
** arithmetic (GMP): the payoffs as rationals, made positive integers; the
** vertices of the best-response polytopes P and Q by the double description
** method (Motzkin et al. 1953; Fukuda & Prodon 1996) with the combinatorial
** adjacency test, which is exact for degenerate polytopes too; the
** completely labelled vertex pairs; their flags; and the maximal Nash
** subsets as the maximal bicliques of the graph of extreme equilibria
** (Avis, Rosenberg, Savani & von Stengel 2010), grouped into components.
*/
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gmp.h>
#include "entente/nash.h"
#include "core/numread.h"

/* ---- exact numbers ------------------------------------------------------------- */

/* A decimal "[+-]digits[.digits][e[+-]digits]" into q; 0, or -1 if it is not one. */
static int q_from_decimal(mpq_t q, const char *s)
{
    while (isspace((unsigned char)*s)) s++;
    int neg = 0;
    if (*s == '+' || *s == '-') neg = *s++ == '-';
    const char *p = s;
    size_t nd = 0, frac = 0;
    char *digits = malloc(strlen(s) + 2);
    if (!digits) return -1;
    while (isdigit((unsigned char)*p)) digits[nd++] = *p++;
    if (*p == '.') {
        p++;
        while (isdigit((unsigned char)*p)) { digits[nd++] = *p++; frac++; }
    }
    long ex = 0;
    if (nd > 0 && (*p == 'e' || *p == 'E')) {
        p++;
        int eneg = 0;
        if (*p == '+' || *p == '-') eneg = *p++ == '-';
        if (!isdigit((unsigned char)*p)) { free(digits); return -1; }
        while (isdigit((unsigned char)*p)) {
            if (ex < 100000) ex = ex * 10 + (*p - '0');
            p++;
        }
        if (eneg) ex = -ex;
    }
    while (isspace((unsigned char)*p)) p++;
    if (nd == 0 || *p || ex >= 100000 || ex <= -100000) { free(digits); return -1; }
    digits[nd] = 0;
    mpz_t num, den;
    mpz_inits(num, den, NULL);
    mpz_set_str(num, digits, 10);
    free(digits);
    long e10 = ex - (long)frac;
    mpz_ui_pow_ui(den, 10, (unsigned long)(e10 < 0 ? -e10 : e10));
    if (e10 >= 0) {
        mpz_mul(num, num, den);
        mpz_set_ui(den, 1);
    }
    if (neg) mpz_neg(num, num);
    mpq_set_num(q, num);
    mpq_set_den(q, den);
    mpq_canonicalize(q);
    mpz_clears(num, den, NULL);
    return 0;
}

/* A double as the shortest decimal that gives it back (0.1 is 1/10). */
static int q_from_double(mpq_t q, double v)
{
    if (!isfinite(v)) return -1;
    char buf[40];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (strtod(buf, NULL) == v) break;
    }
    return q_from_decimal(q, buf);
}

/* A payoff's text, exactly when it is a decimal, else the double strtod reads. */
static int q_from_text(mpq_t q, const char *s)
{
    if (q_from_decimal(q, s) == 0) return 0;
    double v;
    if (ent_i_read_real(s, &v) != 1) return -1;
    mpq_set_d(q, v);
    return 0;
}

int ent_nash_exact_text(const char *text, char *buf, size_t size)
{
    mpq_t q;
    mpq_init(q);
    int rc = -1;
    if (text && q_from_decimal(q, text) == 0 && mpz_sizeinbase(mpq_numref(q), 10) +
        mpz_sizeinbase(mpq_denref(q), 10) + 3 <= size) {
        mpq_get_str(buf, 10, q);
        rc = 0;
    }
    mpq_clear(q);
    return rc;
}

/* The double nearest to q (mpq_get_d truncates). */
static double q_to_d(const mpq_t q)
{
    double d = mpq_get_d(q);
    if (!isfinite(d) || mpq_sgn(q) == 0) return d;
    double d2 = nextafter(d, mpq_sgn(q) > 0 ? HUGE_VAL : -HUGE_VAL);
    if (!isfinite(d2)) return d;
    mpq_t e1, e2;
    mpq_inits(e1, e2, NULL);
    mpq_set_d(e1, d);
    mpq_sub(e1, q, e1);
    mpq_abs(e1, e1);
    mpq_set_d(e2, d2);
    mpq_sub(e2, q, e2);
    mpq_abs(e2, e2);
    int c = mpq_cmp(e2, e1);
    mpq_clears(e1, e2, NULL);
    return c < 0 ? d2 : d;
}

static char *q_str(const mpq_t q)
{
    return mpq_get_str(NULL, 10, q);
}

/* ---- label sets --------------------------------------------------------------- */

/* constraints of a polytope as bits: action i of the row player is label i,
** action j of the column player label m + j; bit m + n is the t >= 0 that
** starts the double description. m + n + 1 <= 128. */
typedef struct { uint64_t w[2]; } zset;

static inline zset zs_and(zset a, zset b) { zset r = { { a.w[0] & b.w[0], a.w[1] & b.w[1] } }; return r; }
static inline int pop64(uint64_t x)
{
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
    return (int)((x * 0x0101010101010101ull) >> 56);
}
static inline int zs_count(zset a) { return pop64(a.w[0]) + pop64(a.w[1]); }
static inline int zs_sub(zset a, zset b) { return (a.w[0] & ~b.w[0]) == 0 && (a.w[1] & ~b.w[1]) == 0; }
static inline int zs_eq(zset a, zset b) { return a.w[0] == b.w[0] && a.w[1] == b.w[1]; }
static inline void zs_set(zset *a, int bit) { a->w[bit >> 6] |= (uint64_t)1 << (bit & 63); }

/* ---- double description -------------------------------------------------------- */

typedef struct {
    int d;
    size_t n, cap;
    mpz_t *v;       /* n rays of d coordinates */
    zset *z;        /* the constraints each ray makes tight */
} rayset;

static int rays_reserve(rayset *R, size_t need)
{
    if (need <= R->cap) return 0;
    size_t cap = R->cap ? R->cap : 64;
    while (cap < need) cap *= 2;
    mpz_t *v = realloc(R->v, cap * (size_t)R->d * sizeof *v);
    if (!v) return -1;
    R->v = v;
    for (size_t k = R->cap * (size_t)R->d; k < cap * (size_t)R->d; k++) mpz_init(v[k]);
    zset *z = realloc(R->z, cap * sizeof *z);
    if (!z) return -1;
    R->z = z;
    R->cap = cap;
    return 0;
}

static void rays_free(rayset *R)
{
    for (size_t k = 0; k < R->cap * (size_t)R->d; k++) mpz_clear(R->v[k]);
    free(R->v);
    free(R->z);
    memset(R, 0, sizeof *R);
}

static uint64_t zs_hash(zset z)
{
    uint64_t h = z.w[0] * 0x9E3779B97F4A7C15ull ^ (z.w[1] + 0x632BE59BD9B4E019ull) * 0xC2B2AE3D27D4EB4Full;
    return h ^ (h >> 29);
}

/* The ray s_p q - s_q p (s_p > 0 > s_q) on the new constraint's hyperplane,
** divided by the gcd of its coordinates, appended to T. */
static int new_ray(rayset *T, const rayset *R, mpz_t *s, int p, int q, zset Z, int bit, mpz_t t1,
                   long max_rays)
{
    int d = R->d;
    if ((long)T->n >= max_rays) return ENT_NASH_TOO_LARGE;
    if (rays_reserve(T, T->n + 1)) return ENT_NASH_NOMEM;
    mpz_t *o = &T->v[T->n * (size_t)d];
    mpz_set_ui(t1, 0);
    for (int c = 0; c < d; c++) {
        mpz_mul(o[c], s[p], R->v[(size_t)q * (size_t)d + (size_t)c]);
        mpz_submul(o[c], s[q], R->v[(size_t)p * (size_t)d + (size_t)c]);
        mpz_gcd(t1, t1, o[c]);
    }
    if (mpz_cmp_ui(t1, 1) > 0)
        for (int c = 0; c < d; c++) mpz_divexact(o[c], o[c], t1);
    zs_set(&Z, bit);
    T->z[T->n++] = Z;
    return ENT_NASH_OK;
}

/* The cone {z : z_c >= 0 for every c, h_k . z >= 0 for every k}, d = dim,
** coordinate c's constraint labelled cbit[c], constraint k hbit[k]. On
** return R holds its extreme rays. */
static int dd_run(int d, const int *cbit, int nh, mpz_t *const *hv, const int *hbit, long max_rays,
                  rayset *R)
{
    rayset T = { .d = d };
    R->d = d;
    R->n = 0;
    int rc = ENT_NASH_NOMEM;
    mpz_t *s = NULL, t1;
    mpz_init(t1);
    size_t s_cap = 0;
    int *plus = NULL, *minus = NULL, *cnt = NULL, *hval = NULL, *part = NULL;
    zset *hkey = NULL;
    size_t h_cap = 0;
    if (rays_reserve(R, (size_t)d)) goto out;
    for (int c = 0; c < d; c++) {
        for (int k = 0; k < d; k++) mpz_set_ui(R->v[c * d + k], k == c);
        zset z = { { 0, 0 } };
        for (int k = 0; k < d; k++)
            if (k != c) zs_set(&z, cbit[k]);
        R->z[c] = z;
    }
    R->n = (size_t)d;
    for (int k = 0; k < nh; k++) {
        size_t n = R->n;
        if (n > s_cap) {
            mpz_t *ns = realloc(s, n * sizeof *ns);
            if (!ns) goto out;
            s = ns;
            for (size_t i = s_cap; i < n; i++) mpz_init(s[i]);
            s_cap = n;
            int *np = realloc(plus, n * sizeof *np);
            if (!np) goto out;
            plus = np;
            int *nm = realloc(minus, n * sizeof *nm);
            if (!nm) goto out;
            minus = nm;
            int *nc = realloc(cnt, n * sizeof *nc);
            if (!nc) goto out;
            cnt = nc;
            int *pp = realloc(part, n * sizeof *pp);
            if (!pp) goto out;
            part = pp;
        }
        int np_ = 0, nm_ = 0;
        for (size_t r = 0; r < n; r++) {
            mpz_set_ui(s[r], 0);
            for (int c = 0; c < d; c++) mpz_addmul(s[r], hv[k][c], R->v[r * d + c]);
            int sg = mpz_sgn(s[r]);
            if (sg > 0) plus[np_++] = (int)r;
            else if (sg < 0) minus[nm_++] = (int)r;
        }
        T.n = 0;
        for (size_t r = 0; r < n; r++) cnt[r] = zs_count(R->z[r]);
        /* pairs of a nondegenerate plus ray p and a nondegenerate minus ray q
        ** share d - 2 tight constraints: found through a table of p's zero
        ** sets less one constraint each, looked up with q's less one */
        size_t hs = 16, want = 0;
        for (int a = 0; a < np_; a++) want += cnt[plus[a]] == d - 1 ? (size_t)(d - 1) : 0;
        while (hs < 2 * want + 2) hs *= 2;
        if (hs > h_cap) {
            zset *nk = realloc(hkey, hs * sizeof *nk);
            if (!nk) goto out;
            hkey = nk;
            int *nv = realloc(hval, hs * sizeof *nv);
            if (!nv) goto out;
            hval = nv;
            h_cap = hs;
        }
        for (size_t i = 0; i < hs; i++) hval[i] = -1;
        /* plus rays reordered: the degenerate ones first */
        int ndp = 0, at = 0;
        for (int a = 0; a < np_; a++)
            if (cnt[plus[a]] != d - 1) part[at++] = plus[a];
        ndp = at;
        for (int a = 0; a < np_; a++)
            if (cnt[plus[a]] == d - 1) part[at++] = plus[a];
        memcpy(plus, part, (size_t)np_ * sizeof *plus);
        for (int a = ndp; a < np_; a++) {
            int p = plus[a];
            for (int w = 0; w < 2; w++)
                for (uint64_t bits = R->z[p].w[w]; bits; bits &= bits - 1) {
                    zset key = R->z[p];
                    key.w[w] &= ~(bits & -bits);
                    size_t h = zs_hash(key) & (hs - 1);
                    while (hval[h] >= 0) h = (h + 1) & (hs - 1);
                    hkey[h] = key;
                    hval[h] = p;
                }
        }
        for (int b = 0; b < nm_; b++) {
            int q = minus[b];
            if (cnt[q] == d - 1) {
                for (int w = 0; w < 2; w++)
                    for (uint64_t bits = R->z[q].w[w]; bits; bits &= bits - 1) {
                        zset key = R->z[q];
                        key.w[w] &= ~(bits & -bits);
                        for (size_t h = zs_hash(key) & (hs - 1); hval[h] >= 0; h = (h + 1) & (hs - 1))
                            if (zs_eq(hkey[h], key) &&
                                (rc = new_ray(&T, R, s, hval[h], q, key, hbit[k], t1, max_rays)))
                                goto out;
                    }
            }
            /* the rest by the test of each pair: the degenerate plus rays with
            ** a nondegenerate q, every plus ray with a degenerate one */
            int upto = cnt[q] == d - 1 ? ndp : np_;
            for (int a = 0; a < upto; a++) {
                int p = plus[a];
                zset Z = zs_and(R->z[p], R->z[q]);
                int cz = zs_count(Z);
                if (cz < d - 2) continue;
                /* the rays are adjacent iff Z has rank d - 2; when p (or q)
                ** makes only d - 1 constraints tight they are independent,
                ** and so are those of Z: adjacent iff |Z| = d - 2. Else the
                ** combinatorial test: no other ray makes all of Z tight. */
                if (cnt[p] == d - 1 || cnt[q] == d - 1) {
                    if (cz != d - 2) continue;
                } else {
                    int adj = 1;
                    for (size_t r = 0; r < n && adj; r++)
                        if ((int)r != p && (int)r != q && zs_sub(Z, R->z[r])) adj = 0;
                    if (!adj) continue;
                }
                if ((rc = new_ray(&T, R, s, p, q, Z, hbit[k], t1, max_rays)))
                    goto out;
            }
        }
        rc = ENT_NASH_NOMEM;
        for (size_t r = 0; r < n; r++) {
            int sg = mpz_sgn(s[r]);
            if (sg < 0) continue;
            if ((long)T.n >= max_rays) { rc = ENT_NASH_TOO_LARGE; goto out; }
            if (rays_reserve(&T, T.n + 1)) goto out;
            for (int c = 0; c < d; c++) mpz_swap(T.v[T.n * d + c], R->v[r * d + c]);
            T.z[T.n] = R->z[r];
            if (sg == 0) zs_set(&T.z[T.n], hbit[k]);
            T.n++;
        }
        rayset tmp = *R;
        *R = T;
        T = tmp;
    }
    rc = ENT_NASH_OK;
out:
    rays_free(&T);
    for (size_t i = 0; i < s_cap; i++) mpz_clear(s[i]);
    free(s);
    free(plus);
    free(minus);
    free(cnt);
    free(hkey);
    free(hval);
    free(part);
    mpz_clear(t1);
    return rc;
}

/* ---- the game ------------------------------------------------------------------- */

typedef struct {
    int m, n;
    mpq_t *a, *b;           /* exact payoffs */
    mpz_t *ai, *bi;         /* positive integers with the same equilibria */
} game;

/* v (k values) -> (v - min) / gcd + 1, a positive integer matrix. */
static void integerise(const mpq_t *v, int k, mpz_t *out)
{
    mpz_t l, g, mn;
    mpz_inits(l, g, mn, NULL);
    mpz_set_ui(l, 1);
    for (int i = 0; i < k; i++) mpz_lcm(l, l, mpq_denref(v[i]));
    for (int i = 0; i < k; i++) {
        mpz_divexact(out[i], l, mpq_denref(v[i]));
        mpz_mul(out[i], out[i], mpq_numref(v[i]));
        if (i == 0 || mpz_cmp(out[i], mn) < 0) mpz_set(mn, out[i]);
    }
    mpz_set_ui(g, 0);
    for (int i = 0; i < k; i++) {
        mpz_sub(out[i], out[i], mn);
        mpz_gcd(g, g, out[i]);
    }
    for (int i = 0; i < k; i++) {
        if (mpz_sgn(g) > 0) mpz_divexact(out[i], out[i], g);
        mpz_add_ui(out[i], out[i], 1);
    }
    mpz_clears(l, g, mn, NULL);
}

static void game_free(game *G)
{
    int k = G->m * G->n;
    for (int i = 0; G->a && i < k; i++) {
        mpq_clear(G->a[i]); mpq_clear(G->b[i]);
        mpz_clear(G->ai[i]); mpz_clear(G->bi[i]);
    }
    free(G->a); free(G->b); free(G->ai); free(G->bi);
}

static int game_init(game *G, const ent_bimatrix *g, const char *const *text)
{
    int k = g->m * g->n;
    memset(G, 0, sizeof *G);
    G->a = malloc((size_t)k * sizeof *G->a);
    G->b = malloc((size_t)k * sizeof *G->b);
    G->ai = malloc((size_t)k * sizeof *G->ai);
    G->bi = malloc((size_t)k * sizeof *G->bi);
    if (!G->a || !G->b || !G->ai || !G->bi) {
        free(G->a); free(G->b); free(G->ai); free(G->bi);
        G->a = NULL;
        return ENT_NASH_NOMEM;
    }
    G->m = g->m;
    G->n = g->n;
    for (int i = 0; i < k; i++) {
        mpq_init(G->a[i]); mpq_init(G->b[i]);
        mpz_init(G->ai[i]); mpz_init(G->bi[i]);
    }
    int bad = 0;
    for (int i = 0; i < k; i++) {
        const char *ta = text ? text[i] : NULL, *tb = text ? text[k + i] : NULL;
        bad |= ta ? q_from_text(G->a[i], ta) : q_from_double(G->a[i], g->a[i]);
        bad |= tb ? q_from_text(G->b[i], tb) : q_from_double(G->b[i], g->b[i]);
    }
    if (bad) return ENT_NASH_BAD_NUMBER;
    integerise(G->a, k, G->ai);
    integerise(G->b, k, G->bi);
    return ENT_NASH_OK;
}

/* ---- vertices ------------------------------------------------------------------- */

typedef struct {
    int ray;            /* index in the ray set */
    zset lab;           /* labels 0 .. m + n - 1 */
    int deg;            /* more labels than the dimension */
    int support;
} vertex;

/* Vertices of P (player 0: x over the rows, constraints the columns) or Q. */
static int polytope(const game *G, int player, long max_v, rayset *R, vertex **out, long *nv,
                    int *degenerate)
{
    int m = G->m, n = G->n;
    int dim = player == 0 ? m : n, nh = player == 0 ? n : m;
    int d = dim + 1;
    int *cbit = malloc((size_t)d * sizeof *cbit), *hbit = malloc((size_t)nh * sizeof *hbit);
    mpz_t **h = calloc((size_t)nh, sizeof *h);
    int rc = ENT_NASH_NOMEM;
    *out = NULL;
    if (!cbit || !hbit || !h) goto done;
    for (int c = 0; c < dim; c++) cbit[c] = player == 0 ? c : m + c;
    cbit[dim] = m + n;
    for (int k = 0; k < nh; k++) {
        hbit[k] = player == 0 ? m + k : k;
        if (!(h[k] = malloc((size_t)d * sizeof **h))) goto done;
        for (int c = 0; c < dim; c++) {
            /* P: column k's payoff B'x <= t; Q: row k's payoff Ay <= t */
            mpz_init(h[k][c]);
            mpz_neg(h[k][c], player == 0 ? G->bi[c * n + k] : G->ai[k * n + c]);
        }
        mpz_init_set_ui(h[k][dim], 1);
    }
    rc = dd_run(d, cbit, nh, h, hbit, max_v, R);
    if (rc) goto done;
    vertex *V = malloc((R->n ? R->n : 1) * sizeof *V);
    if (!V) { rc = ENT_NASH_NOMEM; goto done; }
    zset mask = { { 0, 0 } };
    for (int b = 0; b < m + n; b++) zs_set(&mask, b);
    long nk = 0;
    for (size_t r = 0; r < R->n; r++) {
        const mpz_t *v = &R->v[r * (size_t)d];
        if (mpz_sgn(v[dim]) <= 0) continue;     /* bounded: cannot happen */
        int sup = 0;
        for (int c = 0; c < dim; c++) sup += mpz_sgn(v[c]) != 0;
        if (sup == 0) continue;                 /* the origin */
        vertex *x = &V[nk++];
        x->ray = (int)r;
        x->lab = zs_and(R->z[r], mask);
        x->deg = zs_count(x->lab) > dim;
        x->support = sup;
        if (x->deg) *degenerate = 1;
    }
    *out = V;
    *nv = nk;
    rc = ENT_NASH_OK;
done:
    for (int k = 0; h && k < nh; k++) {
        if (!h[k]) continue;
        for (int c = 0; c <= dim; c++) mpz_clear(h[k][c]);
        free(h[k]);
    }
    free(h);
    free(cbit);
    free(hbit);
    return rc;
}

/* ---- sorting with a context ----------------------------------------------------- */

typedef int (*cmp_fn)(int, int, const void *);

static void msort(int *a, int *tmp, long n, cmp_fn cmp, const void *ctx)
{
    if (n < 2) return;
    long h = n / 2;
    msort(a, tmp, h, cmp, ctx);
    msort(a + h, tmp, n - h, cmp, ctx);
    long i = 0, j = h, k = 0;
    while (i < h && j < n) tmp[k++] = cmp(a[j], a[i], ctx) < 0 ? a[j++] : a[i++];
    while (i < h) tmp[k++] = a[i++];
    while (j < n) tmp[k++] = a[j++];
    memcpy(a, tmp, (size_t)n * sizeof *a);
}

typedef struct {
    const rayset *R;
    const vertex *V;
    int dim;
    mpz_t *sum;         /* coordinate sums */
    mpz_t t1, t2;
} vctx;

/* smaller support first, then larger probabilities of the first actions */
static int vcmp(int i, int j, const void *c_)
{
    vctx *c = (vctx *)c_;
    if (c->V[i].support != c->V[j].support) return c->V[i].support < c->V[j].support ? -1 : 1;
    const mpz_t *vi = &c->R->v[(size_t)c->V[i].ray * (size_t)(c->dim + 1)];
    const mpz_t *vj = &c->R->v[(size_t)c->V[j].ray * (size_t)(c->dim + 1)];
    for (int k = 0; k < c->dim; k++) {
        mpz_mul(c->t1, vi[k], c->sum[j]);
        mpz_mul(c->t2, vj[k], c->sum[i]);
        int s = mpz_cmp(c->t1, c->t2);
        if (s) return -s;
    }
    return 0;
}

typedef struct {
    const int *rank_x, *rank_y;
    const int *px, *qy;
    const vertex *P, *Q;
} ectx;

static int ecmp(int i, int j, const void *c_)
{
    const ectx *c = c_;
    int si = c->P[c->px[i]].support + c->Q[c->qy[i]].support;
    int sj = c->P[c->px[j]].support + c->Q[c->qy[j]].support;
    if (si != sj) return si < sj ? -1 : 1;
    if (c->rank_x[c->px[i]] != c->rank_x[c->px[j]]) return c->rank_x[c->px[i]] < c->rank_x[c->px[j]] ? -1 : 1;
    if (c->rank_y[c->qy[i]] != c->rank_y[c->qy[j]]) return c->rank_y[c->qy[i]] < c->rank_y[c->qy[j]] ? -1 : 1;
    return 0;
}

/* ---- pairing --------------------------------------------------------------------- */


/* completely labelled pairs (x, y): px[k], qy[k]; at most max_eq + 1 */
static int pair_up(const vertex *P, long np, const vertex *Q, long nq, int m, int n, long max_eq,
                   int **px_out, int **qy_out, long *ne_out)
{
    zset all = { { 0, 0 } };
    for (int b = 0; b < m + n; b++) zs_set(&all, b);
    size_t hs = 16;
    while (hs < 2 * (size_t)nq + 2) hs *= 2;
    int *hash = malloc(hs * sizeof *hash), *dq = malloc(((size_t)nq + 1) * sizeof *dq);
    long ndq = 0, cap = 64, ne = 0;
    int *px = malloc((size_t)cap * sizeof *px), *qy = malloc((size_t)cap * sizeof *qy);
    int rc = ENT_NASH_NOMEM;
    if (!hash || !dq || !px || !qy) goto fail;
    for (size_t i = 0; i < hs; i++) hash[i] = -1;
    for (long j = 0; j < nq; j++) {
        if (Q[j].deg) { dq[ndq++] = (int)j; continue; }
        size_t h = zs_hash(Q[j].lab) & (hs - 1);
        while (hash[h] >= 0) h = (h + 1) & (hs - 1);
        hash[h] = (int)j;
    }
#define ADD(i, j) do { \
        if (ne == cap) { \
            cap *= 2; \
            int *a_ = realloc(px, (size_t)cap * sizeof *px); if (a_) px = a_; \
            int *b_ = realloc(qy, (size_t)cap * sizeof *qy); if (b_) qy = b_; \
            if (!a_ || !b_) goto fail; \
        } \
        px[ne] = (i); qy[ne] = (j); ne++; \
        if (ne > max_eq) goto full; \
    } while (0)
    for (long i = 0; i < np; i++) {
        zset need = { { all.w[0] & ~P[i].lab.w[0], all.w[1] & ~P[i].lab.w[1] } };
        if (!P[i].deg) {
            size_t h = zs_hash(need) & (hs - 1);
            for (; hash[h] >= 0; h = (h + 1) & (hs - 1))
                if (zs_eq(Q[hash[h]].lab, need)) { ADD((int)i, hash[h]); break; }
            for (long k = 0; k < ndq; k++)
                if (zs_sub(need, Q[dq[k]].lab)) ADD((int)i, dq[k]);
        } else {
            for (long j = 0; j < nq; j++)
                if (zs_sub(need, Q[j].lab)) ADD((int)i, (int)j);
        }
    }
#undef ADD
full:
    free(hash);
    free(dq);
    *px_out = px;
    *qy_out = qy;
    *ne_out = ne;
    return ENT_NASH_OK;
fail:
    free(hash);
    free(dq);
    free(px);
    free(qy);
    return rc;
}

/* ---- results ---------------------------------------------------------------------- */

/* sign of the determinant of a k x k integer matrix (Bareiss), destroys M */
static int det_sign(mpz_t *M, int k)
{
    int sign = 1;
    mpz_t prev, t;
    mpz_init_set_ui(prev, 1);
    mpz_init(t);
    int s = 1;
    for (int c = 0; c < k - 1 && s; c++) {
        if (mpz_sgn(M[c * k + c]) == 0) {
            int r = c + 1;
            while (r < k && mpz_sgn(M[r * k + c]) == 0) r++;
            if (r == k) { s = 0; break; }
            for (int j = 0; j < k; j++) mpz_swap(M[c * k + j], M[r * k + j]);
            sign = -sign;
        }
        for (int i = c + 1; i < k; i++)
            for (int j = c + 1; j < k; j++) {
                mpz_mul(t, M[i * k + j], M[c * k + c]);
                mpz_submul(t, M[i * k + c], M[c * k + j]);
                mpz_divexact(M[i * k + j], t, prev);
            }
        mpz_set(prev, M[c * k + c]);
    }
    if (s) s = mpz_sgn(M[(k - 1) * k + (k - 1)]) * sign;
    mpz_clears(prev, t, NULL);
    return s;
}

static int strategy_fill(ent_nash_strategy *st, const mpz_t *v, int dim, mpq_t *prob)
{
    mpz_t sum;
    mpz_init(sum);
    for (int c = 0; c < dim; c++) mpz_add(sum, sum, v[c]);
    size_t n = dim > 0 ? (size_t)dim : 1;    /* a player has at least one action */
    st->p = malloc(n * sizeof *st->p);
    st->exact = calloc(n, sizeof *st->exact);
    int rc = st->p && st->exact ? 0 : -1;
    st->support = 0;
    for (int c = 0; c < dim && rc == 0; c++) {
        mpq_set_num(prob[c], v[c]);
        mpq_set_den(prob[c], sum);
        mpq_canonicalize(prob[c]);
        st->p[c] = q_to_d(prob[c]);
        if (!(st->exact[c] = q_str(prob[c]))) rc = -1;
        st->support += mpz_sgn(v[c]) != 0;
    }
    mpz_clear(sum);
    return rc;
}

static void strategy_free(ent_nash_strategy *st, int dim)
{
    for (int c = 0; st->exact && c < dim; c++) free(st->exact[c]);
    free(st->exact);
    free(st->p);
}

void ent_nash_result_free(ent_nash_result *res)
{
    if (!res) return;
    for (int r = 0; res->rows && r < res->n_rows; r++) strategy_free(&res->rows[r], res->m);
    for (int c = 0; res->cols && c < res->n_cols; c++) strategy_free(&res->cols[c], res->n);
    free(res->rows);
    free(res->cols);
    for (long e = 0; res->eq && e < res->n_eq; e++) {
        free(res->eq[e].u_row_exact);
        free(res->eq[e].u_col_exact);
    }
    free(res->eq);
    for (int k = 0; res->subsets && k < res->n_subsets; k++) {
        free(res->subsets[k].rows);
        free(res->subsets[k].cols);
    }
    free(res->subsets);
    memset(res, 0, sizeof *res);
}

static int uf_find(int *p, int i)
{
    while (p[i] != i) i = p[i] = p[p[i]];
    return i;
}

#define MAX_SUBSETS 100000
#define IN_HASH 262144          /* > 2 MAX_SUBSETS, a power of 2 */

/* Maximal bicliques of the graph rows x cols with edges eq[]: every
** intersection of neighbourhoods of rows is the column side of one (formal
** concepts); its row side the rows adjacent to all of those columns. */
static int subsets(ent_nash_result *res)
{
    int R = res->n_rows, C = res->n_cols;
    size_t W = ((size_t)C + 63) / 64;
    uint64_t *nb = calloc((size_t)R * W, sizeof *nb);
    int *deg_r = calloc((size_t)R, sizeof *deg_r), *deg_c = calloc((size_t)C, sizeof *deg_c);
    int *uf = malloc(((size_t)R + (size_t)C) * sizeof *uf), *comp_id = NULL;
    uint64_t *in = NULL;            /* intents, W words each */
    int *ihash = NULL;              /* their hash table */
    size_t n_in = 0, cap_in = 0;
    int rc = ENT_NASH_NOMEM;
    if (!nb || !deg_r || !deg_c || !uf) goto out;
    for (int i = 0; i < R + C; i++) uf[i] = i;
    for (long e = 0; e < res->n_eq; e++) {
        int r = res->eq[e].row, c = res->eq[e].col;
        nb[(size_t)r * W + (size_t)c / 64] |= (uint64_t)1 << (c % 64);
        deg_r[r]++;
        deg_c[c]++;
        int a = uf_find(uf, r), b = uf_find(uf, R + c);
        if (a != b) uf[a > b ? a : b] = a < b ? a : b;
    }
    /* components numbered in the order of the equilibria */
    if (!(comp_id = malloc(((size_t)R + (size_t)C) * sizeof *comp_id))) goto out;
    for (int i = 0; i < R + C; i++) comp_id[i] = -1;
    res->n_components = 0;
    for (long e = 0; e < res->n_eq; e++) {
        int root = uf_find(uf, res->eq[e].row);
        if (comp_id[root] < 0) comp_id[root] = res->n_components++;
        res->eq[e].component = comp_id[root];
    }
    int simple = 1;
    for (int r = 0; r < R; r++) simple &= deg_r[r] == 1;
    for (int c = 0; c < C; c++) simple &= deg_c[c] == 1;
    res->subsets_complete = 1;
    if (simple) {           /* every equilibrium isolated: one subset each */
        if (!(res->subsets = calloc((size_t)res->n_eq + 1, sizeof *res->subsets))) goto out;
        for (long e = 0; e < res->n_eq; e++) {
            ent_nash_subset *s = &res->subsets[res->n_subsets++];
            s->n_rows = s->n_cols = 1;
            s->rows = malloc(sizeof *s->rows);
            s->cols = malloc(sizeof *s->cols);
            if (!s->rows || !s->cols) goto out;
            s->rows[0] = res->eq[e].row;
            s->cols[0] = res->eq[e].col;
            s->component = res->eq[e].component;
        }
        rc = ENT_NASH_OK;
        goto out;
    }
    uint64_t *cand = malloc(W * sizeof *cand);
    if (!cand || !(ihash = malloc(IN_HASH * sizeof *ihash))) { free(cand); goto out; }
    for (size_t h = 0; h < IN_HASH; h++) ihash[h] = -1;
    for (int r = 0; r < R && res->subsets_complete; r++) {
        size_t before = n_in;
        for (size_t k = 0; k <= before && res->subsets_complete; k++) {
            int any = 0;
            for (size_t w = 0; w < W; w++) {
                cand[w] = nb[(size_t)r * W + w] & (k < before ? in[k * W + w] : ~(uint64_t)0);
                any |= cand[w] != 0;
            }
            if (!any) continue;
            uint64_t hv = 0x9E3779B97F4A7C15ull;
            for (size_t w = 0; w < W; w++) hv = (hv ^ cand[w]) * 0xC2B2AE3D27D4EB4Full;
            size_t h = (size_t)(hv ^ (hv >> 31)) & (IN_HASH - 1);
            int seen = 0;
            for (; !seen && ihash[h] >= 0; h = (h + 1) & (IN_HASH - 1))
                seen = !memcmp(&in[(size_t)ihash[h] * W], cand, W * sizeof *cand);
            if (seen) continue;
            if (n_in >= MAX_SUBSETS) { res->subsets_complete = 0; break; }
            if (n_in == cap_in) {
                size_t nc = cap_in ? 2 * cap_in : 64;
                uint64_t *ni = realloc(in, nc * W * sizeof *ni);
                if (!ni) { free(cand); goto out; }
                in = ni;
                cap_in = nc;
            }
            memcpy(&in[n_in * W], cand, W * sizeof *cand);
            ihash[h] = (int)n_in++;
        }
    }
    free(cand);
    if (!(res->subsets = calloc(n_in + 1, sizeof *res->subsets))) goto out;
    for (size_t k = 0; k < n_in; k++) {
        ent_nash_subset *s = &res->subsets[res->n_subsets++];
        const uint64_t *I = &in[k * W];
        s->rows = malloc((size_t)R * sizeof *s->rows);
        s->cols = malloc((size_t)C * sizeof *s->cols);
        if (!s->rows || !s->cols) goto out;
        for (int c = 0; c < C; c++)
            if (I[c / 64] >> (c % 64) & 1) s->cols[s->n_cols++] = c;
        for (int r = 0; r < R; r++) {
            int all = 1;
            for (size_t w = 0; w < W && all; w++) all = (I[w] & ~nb[(size_t)r * W + w]) == 0;
            if (all) s->rows[s->n_rows++] = r;
        }
        s->component = comp_id[uf_find(uf, s->rows[0])];
    }
    /* by component, then by their first row and column */
    for (int i = 1; i < res->n_subsets; i++) {
        ent_nash_subset t = res->subsets[i];
        int j = i - 1;
        while (j >= 0 && (res->subsets[j].component > t.component ||
                          (res->subsets[j].component == t.component &&
                           (res->subsets[j].rows[0] > t.rows[0] ||
                            (res->subsets[j].rows[0] == t.rows[0] && res->subsets[j].cols[0] > t.cols[0]))))) {
            res->subsets[j + 1] = res->subsets[j];
            j--;
        }
        res->subsets[j + 1] = t;
    }
    rc = ENT_NASH_OK;
out:
    free(nb);
    free(deg_r);
    free(deg_c);
    free(uf);
    free(comp_id);
    free(in);
    free(ihash);
    return rc;
}

int ent_nash_solve(const ent_bimatrix *g, const char *const *text, long max_eq, long max_vertices,
                   ent_nash_result *res)
{
    memset(res, 0, sizeof *res);
    if (g->m < 1 || g->n < 1 || g->m > ENT_MATRIX_MAX || g->n > ENT_MATRIX_MAX || g->m + g->n + 1 > 128)
        return ENT_NASH_BAD_NUMBER;
    if (max_vertices <= 0) max_vertices = ENT_NASH_DEFAULT_VERTICES;
    if (max_eq < 0) max_eq = 0;
    int m = g->m, n = g->n;
    res->m = m;
    res->n = n;
    game G;
    rayset RP = { 0 }, RQ = { 0 };
    vertex *P = NULL, *Q = NULL;
    long np = 0, nq = 0, ne = 0;
    int *px = NULL, *qy = NULL, *rank_x = NULL, *rank_y = NULL, *order = NULL, *tmp = NULL;
    int *row_of = NULL, *col_of = NULL;
    mpq_t *prob = NULL, *ur = NULL, *uc = NULL;
    int q_ready = 0;
    int rc = game_init(&G, g, text);
    if (rc) goto out;
    rc = polytope(&G, 0, max_vertices, &RP, &P, &np, &res->degenerate);
    if (rc) goto out;
    rc = polytope(&G, 1, max_vertices, &RQ, &Q, &nq, &res->degenerate);
    if (rc) goto out;
    res->vertices_row = np;
    res->vertices_col = nq;
    rc = pair_up(P, np, Q, nq, m, n, max_eq, &px, &qy, &ne);
    if (rc) goto out;
    res->complete = ne <= max_eq;
    if (ne > max_eq) ne = max_eq;
    rc = ENT_NASH_NOMEM;
    /* ranks of the vertices for a stable order */
    long nmax = np > nq ? np : nq;
    rank_x = malloc(((size_t)np + 1) * sizeof *rank_x);
    rank_y = malloc(((size_t)nq + 1) * sizeof *rank_y);
    order = malloc(((size_t)(nmax > ne ? nmax : ne) + 1) * sizeof *order);
    tmp = malloc(((size_t)(nmax > ne ? nmax : ne) + 1) * sizeof *tmp);
    if (!rank_x || !rank_y || !order || !tmp) goto out;
    for (int pl = 0; pl < 2; pl++) {
        const rayset *R = pl ? &RQ : &RP;
        const vertex *V = pl ? Q : P;
        long nv = pl ? nq : np;
        int dim = pl ? n : m;
        vctx c;
        c.R = R;
        c.V = V;
        c.dim = dim;
        c.sum = malloc(((size_t)nv + 1) * sizeof *c.sum);
        if (!c.sum) goto out;
        mpz_inits(c.t1, c.t2, NULL);
        for (long i = 0; i < nv; i++) {
            mpz_init(c.sum[i]);
            for (int k = 0; k < dim; k++) mpz_add(c.sum[i], c.sum[i], R->v[(size_t)V[i].ray * (size_t)(dim + 1) + k]);
            order[i] = (int)i;
        }
        msort(order, tmp, nv, vcmp, &c);
        for (long i = 0; i < nv; i++) (pl ? rank_y : rank_x)[order[i]] = (int)i;
        for (long i = 0; i < nv; i++) mpz_clear(c.sum[i]);
        free(c.sum);
        mpz_clears(c.t1, c.t2, NULL);
    }
    ectx ec = { rank_x, rank_y, px, qy, P, Q };
    for (long e = 0; e < ne; e++) order[e] = (int)e;
    msort(order, tmp, ne, ecmp, &ec);
    /* the extreme strategies in some equilibrium, in order of first use */
    row_of = malloc(((size_t)np + 1) * sizeof *row_of);
    col_of = malloc(((size_t)nq + 1) * sizeof *col_of);
    res->rows = calloc((size_t)(ne < np ? ne : np) + 1, sizeof *res->rows);
    res->cols = calloc((size_t)(ne < nq ? ne : nq) + 1, sizeof *res->cols);
    res->eq = calloc((size_t)ne + 1, sizeof *res->eq);
    int dmax = m > n ? m : n;
    prob = malloc((size_t)dmax * sizeof *prob);
    ur = malloc(((size_t)ne + 1) * sizeof *ur);
    uc = malloc(((size_t)ne + 1) * sizeof *uc);
    if (!row_of || !col_of || !res->rows || !res->cols || !res->eq || !prob || !ur || !uc) goto out;
    for (int k = 0; k < dmax; k++) mpq_init(prob[k]);
    for (long e = 0; e < ne; e++) { mpq_init(ur[e]); mpq_init(uc[e]); }
    q_ready = 1;
    for (long i = 0; i < np; i++) row_of[i] = -1;
    for (long j = 0; j < nq; j++) col_of[j] = -1;
    mpq_t t;
    mpq_init(t);
    int ok = 1;
    for (long k = 0; k < ne && ok; k++) {
        long e0 = order[k];
        int xi = px[e0], yj = qy[e0];
        ent_nash_equilibrium *e = &res->eq[k];
        res->n_eq = k + 1;
        const mpz_t *xv = &RP.v[(size_t)P[xi].ray * (size_t)(m + 1)];
        const mpz_t *yv = &RQ.v[(size_t)Q[yj].ray * (size_t)(n + 1)];
        if (row_of[xi] < 0) {
            row_of[xi] = res->n_rows++;
            if (strategy_fill(&res->rows[row_of[xi]], xv, m, prob)) { ok = 0; break; }
        }
        if (col_of[yj] < 0) {
            col_of[yj] = res->n_cols++;
            if (strategy_fill(&res->cols[col_of[yj]], yv, n, prob)) { ok = 0; break; }
        }
        e->row = row_of[xi];
        e->col = col_of[yj];
        /* payoffs: a best reply's payoff against the other's mix */
        int i0 = 0, j0 = 0;
        while (mpz_sgn(xv[i0]) == 0) i0++;
        while (mpz_sgn(yv[j0]) == 0) j0++;
        mpz_t sx, sy;
        mpz_inits(sx, sy, NULL);
        for (int i = 0; i < m; i++) mpz_add(sx, sx, xv[i]);
        for (int j = 0; j < n; j++) mpz_add(sy, sy, yv[j]);
        mpq_set_ui(ur[k], 0, 1);
        for (int j = 0; j < n; j++) {
            if (!mpz_sgn(yv[j])) continue;
            mpq_set_num(t, yv[j]);
            mpq_set_den(t, sy);
            mpq_canonicalize(t);
            mpq_mul(t, t, G.a[i0 * n + j]);
            mpq_add(ur[k], ur[k], t);
        }
        mpq_set_ui(uc[k], 0, 1);
        for (int i = 0; i < m; i++) {
            if (!mpz_sgn(xv[i])) continue;
            mpq_set_num(t, xv[i]);
            mpq_set_den(t, sx);
            mpq_canonicalize(t);
            mpq_mul(t, t, G.b[i * n + j0]);
            mpq_add(uc[k], uc[k], t);
        }
        mpz_clears(sx, sy, NULL);
        e->u_row = q_to_d(ur[k]);
        e->u_col = q_to_d(uc[k]);
        e->u_row_exact = q_str(ur[k]);
        e->u_col_exact = q_str(uc[k]);
        if (!e->u_row_exact || !e->u_col_exact) { ok = 0; break; }
        int sx_ = P[xi].support, sy_ = Q[yj].support;
        e->pure = sx_ == 1 && sy_ == 1;
        if (e->pure) {
            int strict = 1;
            for (int i = 0; i < m; i++)
                if (i != i0 && mpq_cmp(G.a[i * n + j0], G.a[i0 * n + j0]) >= 0) strict = 0;
            for (int j = 0; j < n; j++)
                if (j != j0 && mpq_cmp(G.b[i0 * n + j], G.b[i0 * n + j0]) >= 0) strict = 0;
            e->strict = strict;
        }
        if (!res->degenerate && sx_ == sy_) {
            /* Shapley's index: (-1)^(k+1) sign det(A_IJ) det(B_IJ), A and B positive */
            int kk = sx_, I[ENT_MATRIX_MAX], J[ENT_MATRIX_MAX], a_ = 0, b_ = 0;
            for (int i = 0; i < m; i++) if (mpz_sgn(xv[i])) I[a_++] = i;
            for (int j = 0; j < n; j++) if (mpz_sgn(yv[j])) J[b_++] = j;
            mpz_t *M = malloc((size_t)(kk * kk) * sizeof *M);
            if (!M) { ok = 0; break; }
            for (int r = 0; r < kk * kk; r++) mpz_init_set(M[r], G.ai[I[r / kk] * n + J[r % kk]]);
            int da = det_sign(M, kk);
            for (int r = 0; r < kk * kk; r++) mpz_set(M[r], G.bi[I[r / kk] * n + J[r % kk]]);
            int db = det_sign(M, kk);
            for (int r = 0; r < kk * kk; r++) mpz_clear(M[r]);
            free(M);
            e->index = (kk % 2 ? 1 : -1) * da * db;
        }
    }
    mpq_clear(t);
    if (!ok) goto out;
    /* payoff dominance: both payoffs the largest of all, and some other less */
    if (res->complete && ne > 1) {
        long bi = 0, bj = 0;
        for (long k = 1; k < ne; k++) {
            if (mpq_cmp(ur[k], ur[bi]) > 0) bi = k;
            if (mpq_cmp(uc[k], uc[bj]) > 0) bj = k;
        }
        int some_less = 0;
        for (long k = 0; k < ne; k++)
            if (!mpq_equal(ur[k], ur[bi]) || !mpq_equal(uc[k], uc[bj])) some_less = 1;
        for (long k = 0; k < ne && some_less; k++)
            res->eq[k].payoff_dominant = mpq_equal(ur[k], ur[bi]) && mpq_equal(uc[k], uc[bj]);
    }
    /* risk dominance in a 2x2 game with two strict equilibria */
    if (res->complete && m == 2 && n == 2) {
        long s[2], ns = 0;
        for (long k = 0; k < ne; k++)
            if (res->eq[k].strict && ns < 2) s[ns++] = k;
            else if (res->eq[k].strict) ns = 3;
        if (ns == 2) {
            int i[2], j[2];
            for (int q = 0; q < 2; q++) {
                const ent_nash_strategy *x = &res->rows[res->eq[s[q]].row], *y = &res->cols[res->eq[s[q]].col];
                i[q] = x->p[0] > 0.5 ? 0 : 1;
                j[q] = y->p[0] > 0.5 ? 0 : 1;
            }
            if (i[0] != i[1] && j[0] != j[1]) {
                mpq_t l0, l1, d;
                mpq_inits(l0, l1, d, NULL);
                /* (own loss from deviating) products: row's times column's */
                mpq_sub(l0, G.a[i[0] * 2 + j[0]], G.a[i[1] * 2 + j[0]]);
                mpq_sub(d, G.b[i[0] * 2 + j[0]], G.b[i[0] * 2 + j[1]]);
                mpq_mul(l0, l0, d);
                mpq_sub(l1, G.a[i[1] * 2 + j[1]], G.a[i[0] * 2 + j[1]]);
                mpq_sub(d, G.b[i[1] * 2 + j[1]], G.b[i[1] * 2 + j[0]]);
                mpq_mul(l1, l1, d);
                int c = mpq_cmp(l0, l1);
                if (c > 0) res->eq[s[0]].risk_dominant = 1;
                if (c < 0) res->eq[s[1]].risk_dominant = 1;
                mpq_clears(l0, l1, d, NULL);
            }
        }
    }
    if (res->complete) {
        rc = subsets(res);
        if (rc) goto out;
    } else {
        for (long k = 0; k < ne; k++) res->eq[k].component = -1;
    }
    rc = ENT_NASH_OK;
out:
    if (q_ready) {
        for (int k = 0; k < (m > n ? m : n); k++) mpq_clear(prob[k]);
        for (long e = 0; e < ne; e++) { mpq_clear(ur[e]); mpq_clear(uc[e]); }
    }
    free(prob);
    free(ur);
    free(uc);
    free(row_of);
    free(col_of);
    free(rank_x);
    free(rank_y);
    free(order);
    free(tmp);
    free(px);
    free(qy);
    free(P);
    free(Q);
    rays_free(&RP);
    rays_free(&RQ);
    game_free(&G);
    return rc;
}
