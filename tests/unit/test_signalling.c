/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
** test_signalling.c: perfect Bayesian equilibria of the exit-leverage
** signalling game against cases worked by hand, the equilibrium conditions
** checked on random games, and invariance to the unit of account.
*/
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include "ent_test.h"
#include "entente/exit.h"
#include "entente/signalling.h"

enum { C = ENT_TYPE_COMMITTED, T = ENT_TYPE_TRANSACTIONAL };

static ent_signal_game game(double p, double d, double H, double a, double kappa, double xc, double xt,
                            double ec, double et)
{
    ent_signal_game g = { .prior = p, .demand = d, .instrument = ENT_INSTR_DRAWDOWN, .harm = H,
                          .autonomy = a, .audience_cost = kappa };
    g.cost[C] = xc;
    g.cost[T] = xt;
    g.execute[C] = ec;
    g.execute[T] = et;
    return g;
}

/* Both types carry a defied threat out (audience cost above both costs):
** the threat is fully credible, q = 1 >= q* = 15/50, and the only
** equilibrium pools on the threat, which the ally complies with. */
static void test_fully_credible(void **st)
{
    (void)st;
    ent_signal_game g = game(0.3, 10.0, 50.0, 0.5, 30.0, 20.0, 5.0, 1.0, 1.0);
    ent_pbe eq[8];
    assert_int_equal(ent_signal_solve(&g, eq, 8), 1);
    assert_int_equal(eq[0].kind, ENT_PBE_POOLING_THREAT);
    assert_double_equal(eq[0].threat[C], 1.0, 0.0);
    assert_double_equal(eq[0].threat[T], 1.0, 0.0);
    assert_double_equal(eq[0].posterior, 0.3, 0.0);
    assert_double_equal(eq[0].comply, 1.0, 0.0);
    assert_double_equal(eq[0].payoff[C], 10.0, 1e-12);
    assert_double_equal(eq[0].payoff[T], 10.0, 1e-12);
    assert_double_equal(eq[0].ally_payoff, -15.0, 1e-12);
}

/* The transactional type is a pure bluffer (kappa 4 < X_T 8: it backs
** down), the committed one carries out (kappa 4 > X_C 2). q* = 10/40.
** p = 0.8: the prior alone gives q = 0.2 < q*, so pooling on the threat
** fails; the bluffer threatens with the probability b that makes the
** ally indifferent: mu* = 1 - q* = 0.75 = 0.8 b / (0.8 b + 0.2), b = 0.75;
** the ally complies with the probability that makes the bluffer
** indifferent, sigma d - (1 - sigma) kappa = 0, sigma = 4/14 (Sobel 1985;
** Fudenberg & Tirole 1991, 8.2). The other equilibrium: nobody threatens,
** held by the off-path belief that a threat is the bluffer's (any mu >= 0.75). */
static void test_bluffer_semi_separating(void **st)
{
    (void)st;
    ent_signal_game g = game(0.8, 10.0, 40.0, 0.0, 4.0, 2.0, 8.0, 1.0, 0.0);
    assert_double_equal(ent_signal_threshold(&g), 0.25, 1e-15);
    ent_pbe eq[8];
    int k = ent_signal_solve(&g, eq, 8);
    assert_int_equal(k, 2);
    int semi = eq[0].kind == ENT_PBE_SEMI ? 0 : 1;
    assert_int_equal(eq[semi].kind, ENT_PBE_SEMI);
    assert_double_equal(eq[semi].threat[C], 1.0, 0.0);
    assert_double_equal(eq[semi].threat[T], 0.75, 1e-12);
    assert_double_equal(eq[semi].posterior, 0.75, 1e-12);
    assert_double_equal(eq[semi].comply, 4.0 / 14.0, 1e-12);
    assert_double_equal(eq[semi].exec_prob, 0.25, 1e-12);
    assert_double_equal(eq[semi].payoff[T], 0.0, 1e-12);          /* indifferent */
    assert_double_equal(eq[semi].payoff[C], 10.0 / 7.0, 1e-12);
    const ent_pbe *q = &eq[1 - semi];
    assert_int_equal(q->kind, ENT_PBE_POOLING_QUIET);
    assert_double_equal(q->posterior, 1.0, 0.0);
    assert_double_equal(q->off_lo, 0.75, 1e-12);
    assert_double_equal(q->off_hi, 1.0, 0.0);

    /* p = 0.6: q(p) = 0.4 >= q*: both pool on the threat and the ally
    ** complies; the semi-separating mix would need b = 2 > 1 */
    g.prior = 0.6;
    k = ent_signal_solve(&g, eq, 8);
    assert_int_equal(k, 2);
    assert_int_equal(eq[0].kind, ENT_PBE_POOLING_THREAT);
    assert_double_equal(eq[0].comply, 1.0, 0.0);
    assert_int_equal(eq[1].kind, ENT_PBE_POOLING_QUIET);
}

/* Only the transactional type values enforcement (resolve 1: v_T = 10 - 5
** > 0) and the harm is too small for any belief to make the ally comply
** (q* = 2): the transactional type threatens and carries out, the
** committed one stays quiet. */
static void test_separating(void **st)
{
    (void)st;
    ent_signal_game g = game(0.4, 10.0, 5.0, 0.0, 4.0, 20.0, 5.0, 0.0, 1.0);
    g.resolve[T] = 1.0;
    ent_pbe eq[8];
    assert_int_equal(ent_signal_solve(&g, eq, 8), 1);
    assert_int_equal(eq[0].kind, ENT_PBE_SEPARATING);
    assert_double_equal(eq[0].threat[T], 1.0, 0.0);
    assert_double_equal(eq[0].threat[C], 0.0, 0.0);
    assert_double_equal(eq[0].posterior, 1.0, 0.0);
    assert_double_equal(eq[0].comply, 0.0, 0.0);
    assert_double_equal(eq[0].payoff[T], 5.0, 1e-12);
}

static ent_signal_game random_game(gsl_rng *r)
{
    double u = gsl_rng_uniform(r);
    ent_signal_game g = game(gsl_rng_uniform(r), 1.0 + 20.0 * gsl_rng_uniform(r),
                             60.0 * gsl_rng_uniform(r), gsl_rng_uniform(r), 20.0 * gsl_rng_uniform(r),
                             30.0 * gsl_rng_uniform(r), 30.0 * gsl_rng_uniform(r),
                             u < 0.4 ? 0.0 : u < 0.8 ? 1.0 : gsl_rng_uniform(r),
                             gsl_rng_uniform(r) < 0.5 ? 0.0 : 1.0);
    g.resolve[T] = gsl_rng_uniform(r) < 0.5 ? 0.0 : 2.0 * gsl_rng_uniform(r);
    return g;
}

/* Every equilibrium returned is one: Bayes' rule on the path, the ally's
** reply a best response at its posterior (indifferent where it mixes), each
** type's threat a best response to it. */
static void test_equilibrium_conditions(void **st)
{
    (void)st;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    int found = 0;
    for (int n = 0; n < 20000; n++) {
        ent_signal_game g = random_game(r);
        ent_pbe eq[8];
        int k = ent_signal_solve(&g, eq, 8);
        assert_true(k >= 0 && k <= 8);
        double qs = ent_signal_threshold(&g);
        for (int e = 0; e < k; e++) {
            const ent_pbe *x = &eq[e];
            double pt = g.prior * x->threat[T], pc = (1 - g.prior) * x->threat[C];
            if (pt + pc > 0)
                assert_double_equal(x->posterior, pt / (pt + pc), 1e-9);
            double q = x->posterior * g.execute[T] + (1 - x->posterior) * g.execute[C];
            assert_double_equal(x->exec_prob, q, 1e-12);
            if (x->comply == 1.0) assert_true(q >= qs - 1e-9);
            else if (x->comply == 0.0) assert_true(q < qs + 1e-9);
            else assert_double_equal(q, qs, 1e-9);
            for (int ty = 0; ty < 2; ty++) {
                double u = x->comply * g.demand + (1 - x->comply) * ent_signal_defied_payoff(&g, ty);
                double tol = 1e-9 * (1 + fabs(u));
                if (x->threat[ty] == 1.0) assert_true(u >= -tol);
                else if (x->threat[ty] == 0.0) assert_true(u <= tol);
                else assert_double_equal(u, 0.0, tol);
            }
            found++;
        }
    }
    assert_true(found > 20000);
    gsl_rng_free(r);
}

/* Measuring money in other units (all of d, H, X, kappa times c > 0; the
** execution probabilities and resolve per USD unchanged) changes no
** strategy, belief or probability, and scales every payoff by c. */
static void test_scale_invariance(void **st)
{
    (void)st;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    const double scales[] = { 1e-3, 0.37, 7.0, 1e4 };
    for (int n = 0; n < 5000; n++) {
        ent_signal_game g = random_game(r);
        ent_pbe a[8], b[8];
        int ka = ent_signal_solve(&g, a, 8);
        for (size_t s = 0; s < sizeof scales / sizeof *scales; s++) {
            double c = scales[s];
            ent_signal_game h = g;
            h.demand *= c; h.harm *= c; h.audience_cost *= c; h.cost[C] *= c; h.cost[T] *= c;
            int kb = ent_signal_solve(&h, b, 8);
            assert_int_equal(ka, kb);
            for (int e = 0; e < ka; e++) {
                assert_int_equal(a[e].kind, b[e].kind);
                for (int ty = 0; ty < 2; ty++) {
                    assert_double_equal(a[e].threat[ty], b[e].threat[ty], 1e-9);
                    assert_double_equal(c * a[e].payoff[ty], b[e].payoff[ty], 1e-9 * c * (1 + fabs(a[e].payoff[ty])));
                }
                assert_double_equal(a[e].posterior, b[e].posterior, 1e-9);
                assert_double_equal(a[e].comply, b[e].comply, 1e-9);
                assert_double_equal(c * a[e].ally_payoff, b[e].ally_payoff, 1e-9 * c * (1 + fabs(a[e].ally_payoff)));
            }
        }
    }
    gsl_rng_free(r);
}

/* ---- menus of two threats -------------------------------------------------- */

/* The ally's best reply to threat g at belief mu (1 comply), and the payoff
** to type ty of making it when the ally complies with probability s: written
** out here from the definitions, apart from the library. */
static int best_reply(const ent_signal_game *g, double mu)
{
    double q = mu * g->execute[T] + (1 - mu) * g->execute[C];
    return q * g->harm >= g->demand * (1 + g->autonomy);
}

static double type_payoff(const ent_signal_game *g, int ty, double s)
{
    double e = g->execute[ty];
    double v = e * (g->resolve[ty] * g->demand - g->cost[ty]) - (1 - e) * g->audience_cost;
    return s * g->demand + (1 - s) * v;
}

/* Separating by the threat made: the transactional type values enforcing a
** demand (resolve 2), so a big demand (10) that the ally defies whatever it
** believes (q* = 10/8 > 1) still pays it 2 x 10 - 5 = 15; the committed type
** would back down from it (audience cost 8) and prefers a small demand (1)
** which the ally always complies with (q* = 1/8 <= q = 1). The only
** equilibrium: committed -> small, transactional -> big, posteriors 0 and 1,
** payoffs 1 and 15, the ally's -(0.8 x 1 + 0.2 x 8) = -2.4. */
static void test_menu_separates_by_threat(void **st)
{
    (void)st;
    ent_signal_menu m = { .n = 2, .stated = { 1, 0 } };
    m.threat[0] = game(0.2, 10.0, 8.0, 0.0, 8.0, 10.0, 5.0, 0.0, 1.0);
    m.threat[1] = game(0.2, 1.0, 8.0, 0.0, 8.0, 2.0, 1.0, 1.0, 1.0);
    m.threat[0].resolve[T] = m.threat[1].resolve[T] = 2.0;
    ent_pbe_menu eq[16];
    assert_int_equal(ent_signal_solve_menu(&m, eq, 16), 1);
    assert_int_equal(eq[0].kind, ENT_PBE_SEPARATING);
    assert_int_equal(eq[0].message[C], 1);
    assert_int_equal(eq[0].message[T], 0);
    assert_double_equal(eq[0].posterior[0], 1.0, 0.0);
    assert_double_equal(eq[0].posterior[1], 0.0, 0.0);
    assert_double_equal(eq[0].comply[0], 0.0, 0.0);
    assert_double_equal(eq[0].comply[1], 1.0, 0.0);
    assert_double_equal(eq[0].payoff[C], 1.0, 1e-12);
    assert_double_equal(eq[0].payoff[T], 15.0, 1e-12);
    assert_double_equal(eq[0].ally_payoff, -2.4, 1e-12);
}

static ent_signal_menu random_menu(gsl_rng *r)
{
    ent_signal_menu m = { .n = 2, .stated = { 1, 0 } };
    m.threat[0] = random_game(r);
    m.threat[1] = random_game(r);
    /* what the two threats share */
    ent_signal_game *b = &m.threat[1];
    b->prior = m.threat[0].prior;
    b->autonomy = m.threat[0].autonomy;
    b->audience_cost = m.threat[0].audience_cost;
    b->resolve[T] = m.threat[0].resolve[T];
    return m;
}

/* Every equilibrium returned is one (Bayes on the path; replies best at the
** stated beliefs, off the path too, with the belief inside its interval; no
** type gains by quiet or by the other threat), and every pure-strategy
** equilibrium found by brute force over the nine profiles is returned. */
static void test_menu_equilibrium_conditions(void **st)
{
    (void)st;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 7);
    int found = 0, separating = 0;
    for (int n = 0; n < 20000; n++) {
        ent_signal_menu m = random_menu(r);
        double p = m.threat[0].prior, tol = 1e-9;
        ent_pbe_menu eq[16];
        int k = ent_signal_solve_menu(&m, eq, 16);
        assert_true(k >= 0 && k <= 16);
        found += k;
        for (int e = 0; e < k; e++) {
            const ent_pbe_menu *x = &eq[e];
            separating += x->kind == ENT_PBE_SEPARATING;
            for (int j = 0; j < 2; j++) {
                double wT = x->message[T] == j ? p * x->mix[T] : 0, wC = x->message[C] == j ? (1 - p) * x->mix[C] : 0;
                if (wT + wC > 0) {
                    assert_double_equal(x->posterior[j], wT / (wT + wC), 1e-12);
                    assert_true(isnan(x->off_lo[j]));
                } else {
                    assert_true(x->posterior[j] >= x->off_lo[j] - 1e-12 && x->posterior[j] <= x->off_hi[j] + 1e-12);
                }
                if ((x->comply[j] == 0.0 || x->comply[j] == 1.0) &&
                    best_reply(&m.threat[j], x->posterior[j]) != (int)x->comply[j]) {
                    print_error("menu %d, equilibrium %d, threat %d: reply %g is not best at belief %.17g\n",
                                n, e, j, x->comply[j], x->posterior[j]);
                    fail();
                }
            }
            for (int ty = 0; ty < 2; ty++) {
                double u = x->message[ty] < 0 ? 0.0 : type_payoff(&m.threat[x->message[ty]], ty, x->comply[x->message[ty]]);
                assert_true(u >= -tol * (1 + fabs(u)));
                for (int j = 0; j < 2; j++)
                    assert_true(type_payoff(&m.threat[j], ty, x->comply[j]) <= u + tol * (1 + fabs(u)));
            }
        }
        /* brute force: the pure equilibria of the nine profiles, with any
        ** off-path belief; each must be among those returned (games near
        ** a tie, where a rounding could decide, are skipped) */
        if (!(p > 0.01 && p < 0.99))
            continue;
        for (int aC = -1; aC < 2; aC++)
            for (int aT = -1; aT < 2; aT++) {
                double s[2] = { NAN, NAN }, mu[2] = { NAN, NAN };
                for (int j = 0; j < 2; j++) {
                    double wT = aT == j ? p : 0, wC = aC == j ? 1 - p : 0;
                    if (wT + wC > 0) { mu[j] = wT / (wT + wC); s[j] = best_reply(&m.threat[j], mu[j]); }
                }
                double U[2];
                U[C] = aC < 0 ? 0 : type_payoff(&m.threat[aC], C, s[aC]);
                U[T] = aT < 0 ? 0 : type_payoff(&m.threat[aT], T, s[aT]);
                int ok = U[C] >= 1e-6 * (aC >= 0) - 1e-6 && U[T] >= -1e-6;
                int margin = 1;
                for (int ty = 0; ty < 2; ty++) {
                    double gap = U[ty];
                    if (fabs(gap) < 1e-6 && (ty == C ? aC : aT) >= 0) margin = 0;
                    for (int j = 0; j < 2; j++) {
                        if (isnan(s[j]) || j == (ty == C ? aC : aT))
                            continue;
                        double d = U[ty] - type_payoff(&m.threat[j], ty, s[j]);
                        if (d < 0) ok = 0;
                        if (fabs(d) < 1e-6) margin = 0;
                    }
                }
                for (int j = 0; j < 2 && ok; j++) {
                    if (!isnan(s[j]))
                        continue;
                    /* off the path: some belief's reply deters both types */
                    int deter = 0;
                    for (int g = 0; g <= 1000; g++) {
                        int rep = best_reply(&m.threat[j], g / 1000.0);
                        if (type_payoff(&m.threat[j], C, rep) <= U[C] - 1e-6 &&
                            type_payoff(&m.threat[j], T, rep) <= U[T] - 1e-6)
                            deter = 1;
                    }
                    if (!deter) ok = 0;
                }
                if (!ok || !margin)
                    continue;
                int listed = 0;
                for (int e = 0; e < k; e++)
                    listed |= eq[e].message[C] == aC && eq[e].message[T] == aT && eq[e].mix[C] == 1.0 &&
                              eq[e].mix[T] == 1.0;
                if (!listed) {
                    print_error("menu %d: pure equilibrium (%d, %d) not returned\n", n, aC, aT);
                    fail();
                }
            }
    }
    assert_true(found > 10000);
    assert_true(separating > 100);
    gsl_rng_free(r);
}

/* A menu of one threat has the binary game's equilibria; money in other
** units changes no strategy or belief of a menu and scales its payoffs. */
static void test_menu_single_and_scale(void **st)
{
    (void)st;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    for (int n = 0; n < 3000; n++) {
        ent_signal_menu one = { .n = 1, .stated = { 0, 0 } };
        one.threat[0] = random_game(r);
        ent_pbe bin[16];
        ent_pbe_menu men[16];
        int kb = ent_signal_solve(&one.threat[0], bin, 16), km = ent_signal_solve_menu(&one, men, 16);
        assert_int_equal(kb, km);
        for (int e = 0; e < kb; e++) {
            assert_int_equal(bin[e].kind, men[e].kind);
            for (int ty = 0; ty < 2; ty++)
                assert_double_equal(bin[e].threat[ty], men[e].message[ty] < 0 ? 0.0 : men[e].mix[ty], 0.0);
            assert_double_equal(bin[e].comply, men[e].comply[0], 0.0);
        }
        ent_signal_menu m = random_menu(r), h = m;
        double c = n % 2 ? 0.01 : 250.0;
        for (int j = 0; j < 2; j++) {
            ent_signal_game *g = &h.threat[j];
            g->demand *= c; g->harm *= c; g->audience_cost *= c; g->cost[C] *= c; g->cost[T] *= c;
        }
        ent_pbe_menu a[16], b[16];
        int ka = ent_signal_solve_menu(&m, a, 16), kh = ent_signal_solve_menu(&h, b, 16);
        assert_int_equal(ka, kh);
        for (int e = 0; e < ka && e < 16; e++) {
            assert_int_equal(a[e].kind, b[e].kind);
            for (int ty = 0; ty < 2; ty++) {
                assert_int_equal(a[e].message[ty], b[e].message[ty]);
                assert_double_equal(a[e].mix[ty], b[e].mix[ty], 1e-9);
                assert_double_equal(c * a[e].payoff[ty], b[e].payoff[ty], 1e-9 * c * (1 + fabs(a[e].payoff[ty])));
            }
            for (int j = 0; j < 2; j++)
                if (!isnan(a[e].comply[j]))
                    assert_double_equal(a[e].comply[j], b[e].comply[j], 1e-9);
        }
    }
    gsl_rng_free(r);
}

static void test_bad_input(void **st)
{
    (void)st;
    ent_signal_game g = game(1.5, 10.0, 50.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0);
    ent_pbe eq[2];
    assert_int_equal(ent_signal_solve(&g, eq, 2), -1);
    g.prior = 0.5;
    g.demand = 0.0;
    assert_int_equal(ent_signal_solve(&g, eq, 2), 0);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fully_credible),
        cmocka_unit_test(test_bluffer_semi_separating),
        cmocka_unit_test(test_separating),
        cmocka_unit_test(test_equilibrium_conditions),
        cmocka_unit_test(test_scale_invariance),
        cmocka_unit_test(test_menu_separates_by_threat),
        cmocka_unit_test(test_menu_equilibrium_conditions),
        cmocka_unit_test(test_menu_single_and_scale),
        cmocka_unit_test(test_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
