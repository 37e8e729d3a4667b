/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** signalling.c: perfect Bayesian equilibria of the exit-leverage signalling
** game (signalling.h; derivation in engine/docs/exit_leverage.md).
*/
#include <math.h>
#include <stddef.h>
#include <string.h>
#include "entente/bargain.h"
#include "entente/exit.h"
#include "entente/signalling.h"

#define TOL 1e-12

double ent_signal_threshold(const ent_signal_game *g)
{
    return ent_eu_threshold(g->harm, g->demand, g->autonomy * g->demand);
}

double ent_signal_defied_payoff(const ent_signal_game *g, int type)
{
    double e = g->execute[type];
    return e * (g->resolve[type] * g->demand - g->cost[type]) - (1.0 - e) * g->audience_cost;
}

/* q(mu): the chance the threat is carried out if the ally defies. */
static double q_of(const ent_signal_game *g, double mu)
{
    return mu * g->execute[ENT_TYPE_TRANSACTIONAL] + (1.0 - mu) * g->execute[ENT_TYPE_COMMITTED];
}

/* The ally's best reply to a threat at posterior mu: 1 comply, 0 defy (a tie
** complies, as ent_eu_complies does). */
static int complies(const ent_signal_game *g, double mu)
{
    return ent_eu_complies(q_of(g, mu), g->harm, g->demand, g->autonomy * g->demand);
}

/* A type's payoff from threatening when the ally complies with probability s. */
static double threat_payoff(const ent_signal_game *g, int type, double s)
{
    return s * g->demand + (1.0 - s) * ent_signal_defied_payoff(g, type);
}

static void finish(const ent_signal_game *g, ent_pbe *e)
{
    double p = g->prior, mu = e->posterior;
    e->exec_prob = q_of(g, mu);
    for (int ty = 0; ty < 2; ty++)
        e->payoff[ty] = e->threat[ty] > 0.0 ? e->threat[ty] * threat_payoff(g, ty, e->comply) : 0.0;
    /* the ally's payoff: threats weighted by their prior probability */
    double pt = p * e->threat[ENT_TYPE_TRANSACTIONAL] + (1.0 - p) * e->threat[ENT_TYPE_COMMITTED];
    if (pt > 0.0) {
        /* by type: a defied threat is carried out with that type's e */
        double a = 0.0;
        for (int ty = 0; ty < 2; ty++) {
            double w = (ty == ENT_TYPE_TRANSACTIONAL ? p : 1.0 - p) * e->threat[ty];
            a -= w * (e->comply * g->demand * (1.0 + g->autonomy) +
                      (1.0 - e->comply) * g->execute[ty] * g->harm);
        }
        e->ally_payoff = a;
    } else {
        e->ally_payoff = 0.0;
    }
}

static int push(ent_pbe *eq, int k, int max, const ent_pbe *e)
{
    if (k < max)
        eq[k] = *e;
    return k + 1;
}

int ent_signal_solve(const ent_signal_game *g, ent_pbe *eq, int max)
{
    const int C = ENT_TYPE_COMMITTED, T = ENT_TYPE_TRANSACTIONAL;
    double p = g->prior, d = g->demand;
    if (!(p >= 0.0 && p <= 1.0) || isnan(d) || !(g->harm >= 0.0) || !(g->audience_cost >= 0.0) ||
        !(g->execute[C] >= 0.0 && g->execute[C] <= 1.0) ||
        !(g->execute[T] >= 0.0 && g->execute[T] <= 1.0) || !(g->autonomy >= 0.0) ||
        isnan(g->cost[C]) || isnan(g->cost[T]) || isnan(g->resolve[C]) || isnan(g->resolve[T]))
        return -1;
    if (!(d > 0.0))
        return 0;
    double v[2] = { ent_signal_defied_payoff(g, C), ent_signal_defied_payoff(g, T) };
    double scale = d + fabs(v[0]) + fabs(v[1]);
    double tol = TOL * scale;
    int k = 0;
    ent_pbe e;

    /* 1. pooling on the threat: the posterior is the prior */
    {
        int s = complies(g, p);
        if (threat_payoff(g, C, s) >= -tol && threat_payoff(g, T, s) >= -tol) {
            e = (ent_pbe){ .kind = ENT_PBE_POOLING_THREAT, .threat = { 1.0, 1.0 }, .posterior = p,
                           .off_lo = NAN, .off_hi = NAN, .comply = s };
            finish(g, &e);
            k = push(eq, k, max, &e);
        }
    }
    /* 2. pooling on quiet: a threat is off the path. Compliance would pay
    ** either type d > 0, so the off-path belief must make the ally defy,
    ** and a defied threat must not pay either type. q is linear in mu, so
    ** the beliefs that make it defy form an interval. */
    if (v[C] <= tol && v[T] <= tol) {
        double eC = g->execute[C], eT = g->execute[T];
        double mu = eT < eC ? 1.0 : 0.0;            /* the threat is the weaker type's */
        if (!complies(g, mu)) {
            double lo = 0.0, hi = 1.0;
            if (eT != eC) {
                double m = (ent_signal_threshold(g) - eC) / (eT - eC);     /* q(m) = q* */
                if (eT > eC && m < 1.0) hi = m;     /* defies below m */
                if (eT < eC && m > 0.0) lo = m;     /* defies above m */
            }
            e = (ent_pbe){ .kind = ENT_PBE_POOLING_QUIET, .threat = { 0.0, 0.0 }, .posterior = mu,
                           .off_lo = lo, .off_hi = hi, .comply = 0.0 };
            finish(g, &e);
            k = push(eq, k, max, &e);
        }
    }
    /* 3. separating: only type t threatens, so a threat reveals it. The
    ** ally must defy (compliance would draw the other type in) and the
    ** defied threat must pay t and not the other. */
    for (int t = 0; t < 2; t++) {
        if (p == (t == T ? 0.0 : 1.0))
            continue;                               /* that type never occurs */
        double mu = t == T ? 1.0 : 0.0;
        if (complies(g, mu))
            continue;
        if (v[t] >= -tol && v[1 - t] <= tol) {
            e = (ent_pbe){ .kind = ENT_PBE_SEPARATING, .posterior = mu, .off_lo = NAN,
                           .off_hi = NAN, .comply = 0.0 };
            e.threat[t] = 1.0;
            e.threat[1 - t] = 0.0;
            finish(g, &e);
            k = push(eq, k, max, &e);
        }
    }
    /* 4. semi-separating: type s threatens, type m threatens with probability
    ** b in (0,1). m mixes only if indifferent, which needs the ally to mix
    ** (sigma d + (1 - sigma) v_m = 0, so v_m < 0); the ally mixes only if
    ** indifferent, q(mu*) = q*; b is what makes Bayes' rule give mu*. */
    if (p > 0.0 && p < 1.0 && g->execute[T] != g->execute[C]) {
        double qs = ent_signal_threshold(g);
        double ms = (qs - g->execute[C]) / (g->execute[T] - g->execute[C]);
        if (ms > 0.0 && ms < 1.0) {
            for (int m = 0; m < 2; m++) {
                int s = 1 - m;
                double b = m == T ? ms * (1.0 - p) / (p * (1.0 - ms))
                                  : p * (1.0 - ms) / (ms * (1.0 - p));
                if (!(b > 0.0 && b < 1.0) || !(v[m] < 0.0))
                    continue;
                double sig = -v[m] / (d - v[m]);
                if (threat_payoff(g, s, sig) < -tol)
                    continue;
                e = (ent_pbe){ .kind = ENT_PBE_SEMI, .posterior = ms, .off_lo = NAN, .off_hi = NAN,
                               .comply = sig };
                e.threat[s] = 1.0;
                e.threat[m] = b;
                finish(g, &e);
                e.payoff[m] = 0.0;                  /* indifferent, by construction */
                k = push(eq, k, max, &e);
            }
        }
    }
    return k;
}

/* ---- the menu of threats ---------------------------------------------------- */

/* The interval of beliefs at which the ally's reply to g is `comply`
** (1) or defy (0); returns 0 if there is none. q is linear in mu. */
static int reply_beliefs(const ent_signal_game *g, int comply, double *lo, double *hi)
{
    double eC = g->execute[ENT_TYPE_COMMITTED], eT = g->execute[ENT_TYPE_TRANSACTIONAL];
    int at0 = complies(g, 0.0), at1 = complies(g, 1.0);
    if (at0 == comply && at1 == comply) {
        *lo = 0.0, *hi = 1.0;
        return 1;
    }
    if (at0 != comply && at1 != comply)
        return 0;
    /* one end replies so: the interval runs from it to m, where q(m) = q* */
    double m = (ent_signal_threshold(g) - eC) / (eT - eC);
    if (at0 == comply) *lo = 0.0, *hi = m;
    else *lo = m, *hi = 1.0;
    return 1;
}

static double menu_payoff(const ent_signal_menu *m, int type, int msg, double s)
{
    return msg < 0 ? 0.0 : threat_payoff(&m->threat[msg], type, s);
}

/* The ally's payoff and each type's, given the profile in e. */
static void menu_finish(const ent_signal_menu *m, ent_pbe_menu *e)
{
    double p = m->threat[0].prior, a = 0.0;
    for (int ty = 0; ty < 2; ty++) {
        int k = e->message[ty];
        double w = (ty == ENT_TYPE_TRANSACTIONAL ? p : 1.0 - p) * e->mix[ty];
        e->payoff[ty] = k < 0 ? 0.0 : e->mix[ty] * menu_payoff(m, ty, k, e->comply[k]);
        if (k < 0 || !(w > 0.0))
            continue;
        const ent_signal_game *g = &m->threat[k];
        a -= w * (e->comply[k] * g->demand * (1.0 + g->autonomy) +
                  (1.0 - e->comply[k]) * g->execute[ty] * g->harm);
    }
    e->ally_payoff = a;
    int mixed = e->mix[0] < 1.0 || e->mix[1] < 1.0;
    e->kind = mixed ? ENT_PBE_SEMI
            : e->message[0] != e->message[1] ? ENT_PBE_SEPARATING
            : e->message[0] < 0 ? ENT_PBE_POOLING_QUIET : ENT_PBE_POOLING_THREAT;
}

/* Off-path threats of e (those neither type makes): a belief whose reply
** leaves each type no better off than in e, defiance tried first. Returns 0
** if some off-path threat cannot be deterred. */
static int support_off_path(const ent_signal_menu *m, ent_pbe_menu *e, const int on[], double tol)
{
    for (int k = 0; k < m->n; k++) {
        if (on[k])
            continue;
        int ok = 0;
        for (int r = 0; r < 2 && !ok; r++) {
            int comply = r == 1;
            double lo, hi;
            if (!reply_beliefs(&m->threat[k], comply, &lo, &hi))
                continue;
            if (menu_payoff(m, 0, k, comply) <= e->payoff[0] + tol &&
                menu_payoff(m, 1, k, comply) <= e->payoff[1] + tol) {
                ok = 1;
                e->comply[k] = comply;
                e->off_lo[k] = lo;
                e->off_hi[k] = hi;
                /* the stated belief: the end of the interval away from the
                ** switch (each interval holds 0 or 1) */
                e->posterior[k] = lo == 0.0 ? 0.0 : 1.0;
            }
        }
        if (!ok)
            return 0;
    }
    return 1;
}

static void menu_blank(ent_pbe_menu *e)
{
    memset(e, 0, sizeof *e);
    for (int k = 0; k < ENT_SIGNAL_MAX_THREATS; k++)
        e->posterior[k] = e->off_lo[k] = e->off_hi[k] = e->comply[k] = NAN;
}

static int push_menu(ent_pbe_menu *eq, int k, int max, const ent_pbe_menu *e)
{
    if (k < max)
        eq[k] = *e;
    return k + 1;
}

/* The one-threat menu: the equilibria of the binary game, restated. */
static int solve_single(const ent_signal_menu *m, ent_pbe_menu *eq, int max)
{
    ent_pbe bin[8];
    int kb = ent_signal_solve(&m->threat[0], bin, 8);
    if (kb < 0)
        return -1;
    int k = 0;
    for (int j = 0; j < kb && j < 8; j++) {
        const ent_pbe *b = &bin[j];
        ent_pbe_menu e;
        menu_blank(&e);
        e.kind = b->kind;
        for (int ty = 0; ty < 2; ty++) {
            e.message[ty] = b->threat[ty] > 0.0 ? 0 : -1;
            e.mix[ty] = b->threat[ty] > 0.0 ? b->threat[ty] : 1.0;
            e.payoff[ty] = b->payoff[ty];
        }
        e.posterior[0] = b->posterior;
        e.off_lo[0] = b->off_lo;
        e.off_hi[0] = b->off_hi;
        e.comply[0] = b->comply;
        e.ally_payoff = b->ally_payoff;
        k = push_menu(eq, k, max, &e);
    }
    return k;
}

int ent_signal_solve_menu(const ent_signal_menu *m, ent_pbe_menu *eq, int max)
{
    if (!m || m->n < 1 || m->n > ENT_SIGNAL_MAX_THREATS)
        return -1;
    for (int j = 0; j < m->n; j++) {
        ent_pbe probe;
        if (ent_signal_solve(&m->threat[j], &probe, 0) < 0 || !(m->threat[j].demand > 0.0))
            return -1;
        if (m->threat[j].prior != m->threat[0].prior)
            return -1;
    }
    if (m->n == 1)
        return solve_single(m, eq, max);
    const int C = ENT_TYPE_COMMITTED, T = ENT_TYPE_TRANSACTIONAL;
    double p = m->threat[0].prior, scale = 0.0;
    for (int j = 0; j < m->n; j++)
        scale += m->threat[j].demand + fabs(ent_signal_defied_payoff(&m->threat[j], C)) +
                 fabs(ent_signal_defied_payoff(&m->threat[j], T));
    double tol = TOL * scale;
    int k = 0;
    /* pure profiles: each type makes threat 0, threat 1, or stays quiet */
    for (int aC = -1; aC < m->n; aC++)
        for (int aT = -1; aT < m->n; aT++) {
            ent_pbe_menu e;
            menu_blank(&e);
            e.message[C] = aC, e.message[T] = aT;
            e.mix[C] = e.mix[T] = 1.0;
            int on[ENT_SIGNAL_MAX_THREATS] = { 0 };
            for (int j = 0; j < m->n; j++) {
                double wT = aT == j ? p : 0.0, wC = aC == j ? 1.0 - p : 0.0;
                if (!(wT + wC > 0.0))
                    continue;
                on[j] = 1;
                e.posterior[j] = wT / (wT + wC);
                e.comply[j] = complies(&m->threat[j], e.posterior[j]);
            }
            /* a type whose prior is 0 sends nothing on the path: its threat
            ** is judged as off it, with the ally's reply there */
            if ((aC >= 0 && !on[aC]) || (aT >= 0 && !on[aT]))
                continue;
            menu_finish(m, &e);
            int ok = 1;
            for (int ty = 0; ty < 2 && ok; ty++) {
                if (e.payoff[ty] < -tol)
                    ok = 0;                                 /* quiet pays more */
                for (int j = 0; j < m->n && ok; j++)
                    if (on[j] && j != e.message[ty] && menu_payoff(m, ty, j, e.comply[j]) > e.payoff[ty] + tol)
                        ok = 0;
            }
            if (ok && support_off_path(m, &e, on, tol))
                k = push_menu(eq, k, max, &e);
        }
    /* semi-separating: one threat on the path with one type mixing between
    ** it and quiet (the binary game's), the other threat deterred off it */
    for (int j = 0; j < m->n; j++) {
        ent_pbe bin[8];
        int kb = ent_signal_solve(&m->threat[j], bin, 8);
        for (int b = 0; b < kb && b < 8; b++) {
            if (bin[b].kind != ENT_PBE_SEMI)
                continue;
            ent_pbe_menu e;
            menu_blank(&e);
            int on[ENT_SIGNAL_MAX_THREATS] = { 0 };
            on[j] = 1;
            for (int ty = 0; ty < 2; ty++) {
                e.message[ty] = j;
                e.mix[ty] = bin[b].threat[ty];
            }
            e.posterior[j] = bin[b].posterior;
            e.comply[j] = bin[b].comply;
            menu_finish(m, &e);
            e.kind = ENT_PBE_SEMI;
            for (int ty = 0; ty < 2; ty++)
                if (e.mix[ty] < 1.0)
                    e.payoff[ty] = 0.0;                     /* indifferent, by construction */
            if (support_off_path(m, &e, on, tol))
                k = push_menu(eq, k, max, &e);
        }
    }
    return k;
}

const char *ent_pbe_kind_name(int kind)
{
    switch (kind) {
    case ENT_PBE_POOLING_THREAT: return "pooling (both types threaten)";
    case ENT_PBE_POOLING_QUIET:  return "pooling (neither type threatens)";
    case ENT_PBE_SEPARATING:     return "separating";
    case ENT_PBE_SEMI:           return "semi-separating";
    default:                     return "?";
    }
}
