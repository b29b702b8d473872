/* test_solve.c — unit tests for the solver (src/solve.c).
 *
 * Small models whose optimum is worked out by hand in the comments: the
 * objective, the plan (x, y, s read through the Lp's column indices), the
 * objective's parts, and the shadow prices of the rows that bind, derived
 * from the optimal basis (every basic column has reduced cost 0).  GLPK's
 * dual of a row is d objective / d right-hand side: for `maximize profit`
 * what one more unit of the bound is worth, for `minimize cost` what it
 * costs.  Then a plant that must close (MIP, duals from the LP with the
 * binaries fixed), a contracted minimum that leaves milk unprocessed, a
 * `minimize cost` model, infeasible models explained by the elastic copy,
 * and determinism. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/arena.h"
#include "../../src/check.h"
#include "../../src/diag.h"
#include "../../src/lp.h"
#include "../../src/model.h"
#include "../../src/scenario.h"
#include "../../src/solve.h"
#include "fixture.h"

/* ------------------------------------------------------------ fixture */

/* Build the program of c->fix.m (or of its scenario) and solve it. */
static void c_solve(Prog *c, const char *scenario)
{
    prog_build(c, scenario);
    SolveOptions so = {.verbose = false};
    int rc = solve_run(&c->lp, &so, &c->sol);
    if (c->sol.status == SOL_FAILED)
        fail_msg("solve failed: %s", c->sol.message);
    assert_int_equal(rc, 0);
}

/* Check src (it must be valid), build and solve. */
static Prog *c_run(const char *src, const char *scenario)
{
    Prog *c = prog_new();
    fix_model(&c->fix, src);
    c_solve(c, scenario);
    return c;
}

static Prog *c_run_file(const char *path)
{
    Prog *c = prog_new();
    fix_model_file(&c->fix, path);
    c_solve(c, NULL);
    return c;
}

/* ------------------------------------------------------------ helpers */

/* a equals b to 1e-6, relative (absolute below 1) */
#define assert_rel(a, b) assert_close(a, b, 1e-6)

static void expect_optimal(const Prog *c, double objective)
{
    if (c->sol.status != SOL_OPTIMAL)
        fail_msg("status %d, expected optimal", (int)c->sol.status);
    assert_rel(c->sol.objective, objective);
    /* GLPK's own value, the constant included, is the same number */
    double glpk = glp_get_obj_val(c->lp.P);
    assert_rel(glpk, objective);
    assert_int_equal(c->sol.ncols, glp_get_num_cols(c->lp.P));
    assert_int_equal(c->sol.nrows, glp_get_num_rows(c->lp.P));
    assert_int_equal(c->sol.nshortfalls, 0);
}

static void expect_totals(const Prog *c, double revenue, double milk, double processing,
                          double transport, double fixed)
{
    assert_rel(c->sol.revenue, revenue);
    assert_rel(c->sol.milk_cost, milk);
    assert_rel(c->sol.processing_cost, processing);
    assert_rel(c->sol.transport_cost, transport);
    assert_rel(c->sol.service_cost, 0);
    assert_rel(c->sol.fixed_cost, fixed);
}

/* primal values and duals through the Lp's indices */
#define X(c, r) ((c)->sol.col[(c)->lp.col_x[r]])
#define Y(c, l) ((c)->sol.col[(c)->lp.col_y[l]])
#define S(c, s) ((c)->sol.col[(c)->lp.col_s[s]])
#define DUAL(c, row) ((c)->sol.dual[row])

static bool has_limit(const Shortfall *sf, int row)
{
    for (int i = 0; i < sf->nlimits; i++)
        if (sf->limits[i] == row)
            return true;
    return false;
}

/* ------------------------------------------------------------ models */

/* CHAIN2_PCAP (fixture.h): two farms, two plants, one product made 1:1
 * from raw milk, one market, every haulage a route cost (QPLANT and PCAP
 * vary the plants):
 *   farm a: 100 t at 10      farm b: 100 t at 20
 *   plant p: intake PCAP, line 150 t at cost 1, fixed 1000
 *   plant q: intake 150 t, line 150 t at cost 2
 *   routes a->p 1, a->q 5, b->p 3, b->q 2, p->city 4, q->city 1
 *   city takes 120..160 t at 100
 * Margin per t along each path (price - milk - haul - processing - haul):
 *   a->p: 100-10-1-1-4 = 84     a->q: 100-10-5-2-1 = 82
 *   b->p: 100-20-3-1-4 = 72     b->q: 100-20-2-2-1 = 75
 * Route order: a->p, a->q, b->p, b->q (x: 0..3), p->city, q->city;
 * lines: p (0), q (1); shipments s(p,d1) (0), s(q,d1) (1). */

/* ------------------------------------------------------------ tests */

/* One farm, one plant, one market; haulage by distance.
 *   milk a->p: 0.5 BYN/t/km x 10 km = 5 a t; product p->city 0.6 x 20 = 12
 *   a t of product needs 2 t of milk at 10 + 5
 *   unit margin = 200 - 12 - 5 - 2 x (10 + 5) = 153 > 0
 * The city takes at most 100 t (the only limit that binds: the line makes
 * up to 500 t, the farm and the intake allow 500 t): x = 200, y = s = 100,
 *   profit = 100 x 153 - 1000 (fixed, a constant) = 14300
 *   revenue 20000, milk 200 x 10 = 2000, transport 200 x 5 + 100 x 12 =
 *   2200, processing 100 x 5 = 500, fixed 1000.
 * Basis: x, y, s basic; supply, intake, output basic (not binding, duals
 * 0); milk, stock and demand at their upper bounds.  Reduced costs 0:
 *   x: -15 + dual(milk) = 0                     -> dual(milk)   = 15
 *   y: -5 - 2 dual(milk) + dual(stock) = 0      -> dual(stock)  = 35
 *   s: 188 - dual(stock) - dual(demand) = 0     -> dual(demand) = 153
 * The shadow price of the city's upper bound is the unit margin. */
static void test_margin(void **state)
{
    (void)state;
    Prog *c = c_run("currency BYN\n"
                 "product whole { milk 2 t/t }\n"
                 "farm a { supply 1000 t; price 10 BYN/t }\n"
                 "plant p { capacity 1000 t; makes whole 500 t cost 5 BYN/t; fixed 1000 BYN }\n"
                 "market city { demand whole 100 t price 200 BYN/t }\n"
                 "transport { milk 0.5 BYN/t/km; product 0.6 BYN/t/km }\n"
                 "routes {\n"
                 "  from to   distance\n"
                 "  a    p    10 km\n"
                 "  p    city 20 km\n"
                 "}\n",
                 NULL);
    const Lp *lp = &c->lp;
    expect_optimal(c, 14300);
    assert_rel(X(c, 0), 200);
    assert_rel(Y(c, 0), 100);
    assert_rel(S(c, 0), 100);
    expect_totals(c, 20000, 2000, 500, 2200, 1000);
    assert_rel(DUAL(c, lp->row_demand[0]), 153);
    assert_int_equal(c->sol.rstat[lp->row_demand[0]], GLP_NU);
    assert_rel(DUAL(c, lp->row_milk[0]), 15);
    assert_rel(DUAL(c, lp->row_stock[0]), 35);
    assert_rel(DUAL(c, lp->row_supply[0]), 0);
    assert_rel(DUAL(c, lp->row_intake[0]), 0);
    assert_rel(DUAL(c, lp->row_output[0]), 0);
    /* activities: the milk balance is tight, the line has room */
    assert_rel(c->sol.row[lp->row_milk[0]], 0);
    assert_rel(c->sol.row[lp->row_output[0]], 100);
    assert_rel(c->sol.row[lp->row_supply[0]], 200);
    for (int j = 1; j <= c->sol.ncols; j++)
        if (strcmp(glp_get_col_name(c->lp.P, j), "fixed_costs") != 0) /* the constant's column */
            assert_rel(c->sol.dj[j], 0); /* every column is basic */
    fix_free(&c->fix);
}

/* The 2x2 chain, maximize profit, q always open with fixed 500.  Every
 * margin is positive, so the city takes its 160 t; farm a's 100 t go the
 * better way for a, through p (84 > 82), and the other 60 t come from b,
 * through q (75 > 72).  No plant limit binds (p 100 t, q 60 t of 150).
 *   x(a,p) = 100, x(b,q) = 60, x(a,q) = x(b,p) = 0
 *   y(p) = s(p) = 100, y(q) = s(q) = 60
 *   profit = 100 x 84 + 60 x 75 - 1000 - 500 = 11400
 *   revenue 160 x 100 = 16000; milk 100 x 10 + 60 x 20 = 2200;
 *   processing 100 x 1 + 60 x 2 = 220; transport 100 x 1 + 60 x 2 (milk)
 *   + 100 x 4 + 60 x 1 (product) = 680; fixed 1500.
 * Basis: the six positive columns; supply(b), both intakes and outputs
 * basic (duals 0); supply(a), milk, stock and demand at their bounds.
 *   x(b,q): -22 + dual(milk q) = 0                  -> milk q   = 22
 *   y(q):   -2 - dual(milk q) + dual(stock q) = 0   -> stock q  = 24
 *   s(q):   99 - dual(stock q) - dual(demand) = 0   -> demand   = 75
 *   s(p):   96 - dual(stock p) - 75 = 0             -> stock p  = 21
 *   y(p):   -1 - dual(milk p) + 21 = 0              -> milk p   = 20
 *   x(a,p): -11 - dual(supply a) + 20 = 0           -> supply a = 9
 * One more tonne for the city is worth b's margin through q (75); one more
 * tonne at a replaces one of b's (84 - 75 = 9).  Reduced costs of the
 * unused routes: x(a,q) -15 - 9 + 22 = -2 (82 - 84), x(b,p) -23 + 20 = -3
 * (72 - 75). */
static void test_chain_profit(void **state)
{
    (void)state;
    Prog *c = c_run(CHAIN2_PCAP("150 t", "; fixed 500 BYN", "maximize profit", ""), NULL);
    const Lp *lp = &c->lp;
    expect_optimal(c, 11400);
    assert_rel(X(c, 0), 100);
    assert_rel(X(c, 1), 0);
    assert_rel(X(c, 2), 0);
    assert_rel(X(c, 3), 60);
    assert_rel(Y(c, 0), 100);
    assert_rel(Y(c, 1), 60);
    assert_rel(S(c, 0), 100);
    assert_rel(S(c, 1), 60);
    expect_totals(c, 16000, 2200, 220, 680, 1500);
    assert_rel(DUAL(c, lp->row_demand[0]), 75);
    assert_rel(DUAL(c, lp->row_supply[0]), 9);
    assert_rel(DUAL(c, lp->row_supply[1]), 0);
    assert_rel(DUAL(c, lp->row_milk[0]), 20);
    assert_rel(DUAL(c, lp->row_milk[1]), 22);
    assert_rel(DUAL(c, lp->row_stock[0]), 21);
    assert_rel(DUAL(c, lp->row_stock[1]), 24);
    for (int p = 0; p < 2; p++) {
        assert_rel(DUAL(c, lp->row_intake[p]), 0);
        assert_rel(DUAL(c, lp->row_output[p]), 0);
    }
    assert_int_equal(c->sol.rstat[lp->row_demand[0]], GLP_NU);
    assert_int_equal(c->sol.rstat[lp->row_supply[0]], GLP_NU);
    assert_int_equal(c->sol.rstat[lp->row_supply[1]], GLP_BS);
    assert_rel(c->sol.dj[lp->col_x[1]], -2);
    assert_rel(c->sol.dj[lp->col_x[2]], -3);
    assert_rel(c->sol.row[lp->row_demand[0]], 160);
    fix_free(&c->fix);
}

/* A classic 2x2 transportation problem, minimize cost: one farm feeds two
 * identical plants (milk 10 + route 2 + processing 1 = 13 a tonne of
 * product at either); each plant's line makes at most 30 t; markets m1 and
 * m2 must take exactly 25 t each (d1, d2).  Haulage:
 *            m1   m2
 *     p       4    6
 *     q       5    8
 * With a tonnes p->m1 and b tonnes p->m2 (q sends the rest):
 *   transport = 4a + 6b + 5(25 - a) + 8(25 - b) = 325 - a - 2b,
 * least with a + b <= 30 at b = 25, a = 5: 270.  So p->m1 5, p->m2 25,
 * q->m1 20, q->m2 0; p makes 30 t (its line binds), q 20 t.
 *   cost = 50 x 13 + 270 = 920 (milk 500, processing 50, transport
 *   2 x 50 + 270 = 370); revenue 50 x 100 = 5000 is reported all the same.
 * Basis: x(f,p) 30, x(f,q) 20, y(p) 30, y(q) 20, s(p,d1) 5, s(p,d2) 25,
 * s(q,d1) 20; supply, intakes and output(q) basic (duals 0).
 *   x(f,p): 12 + dual(milk p) = 0                -> milk p   = -12 (and q)
 *   y(q):   1 + 12 + dual(stock q) = 0           -> stock q  = -13
 *   s(q,d1): 5 + 13 - dual(d1) = 0               -> d1       = 18
 *   s(p,d1): 4 - dual(stock p) - 18 = 0          -> stock p  = -14
 *   s(p,d2): 6 + 14 - dual(d2) = 0               -> d2       = 20
 *   y(p):   1 + 12 - dual(output p) - 14 = 0     -> output p = -1
 * A tonne more at m1 comes from q (13 + 5); at m2 from p, whose tonne for
 * m1 then comes from q (13 + 6 + 5 - 4 = 20); a tonne more of p's line
 * saves q->m1 less p->m1 = 1.  Unused q->m2 has reduced cost
 * 8 - (-13) - 20 = 1. */
static void test_transport_2x2(void **state)
{
    (void)state;
    Prog *c = c_run("currency BYN\n"
                 "product whole { milk 1 t/t }\n"
                 "farm f { supply 1000 t; price 10 BYN/t }\n"
                 "plant p { capacity 1000 t; makes whole 30 t cost 1 BYN/t }\n"
                 "plant q { capacity 1000 t; makes whole 30 t cost 1 BYN/t }\n"
                 "market m1 { demand whole 25..25 t price 100 BYN/t }\n"
                 "market m2 { demand whole 25..25 t price 100 BYN/t }\n"
                 "routes {\n"
                 "  from to cost\n"
                 "  f    p  2 BYN/t\n"
                 "  f    q  2 BYN/t\n"
                 "  p    m1 4 BYN/t\n"
                 "  p    m2 6 BYN/t\n"
                 "  q    m1 5 BYN/t\n"
                 "  q    m2 8 BYN/t\n"
                 "}\n"
                 "objective minimize cost\n",
                 NULL);
    const Lp *lp = &c->lp;
    expect_optimal(c, 920);
    assert_int_equal(lp->nships, 4); /* s(p,d1) s(p,d2) s(q,d1) s(q,d2) */
    assert_int_equal(lp->ships[0].cls, 0);
    assert_int_equal(lp->ships[1].cls, 1);
    assert_int_equal(lp->ships[2].cls, 0);
    assert_int_equal(lp->ships[3].cls, 1);
    assert_rel(S(c, 0), 5);
    assert_rel(S(c, 1), 25);
    assert_rel(S(c, 2), 20);
    assert_rel(S(c, 3), 0);
    assert_rel(X(c, 0), 30);
    assert_rel(X(c, 1), 20);
    assert_rel(Y(c, 0), 30);
    assert_rel(Y(c, 1), 20);
    expect_totals(c, 5000, 500, 50, 370, 0);
    assert_rel(DUAL(c, lp->row_demand[0]), 18);
    assert_rel(DUAL(c, lp->row_demand[1]), 20);
    assert_rel(DUAL(c, lp->row_output[0]), -1);
    assert_rel(DUAL(c, lp->row_output[1]), 0);
    assert_rel(DUAL(c, lp->row_milk[0]), -12);
    assert_rel(DUAL(c, lp->row_milk[1]), -12);
    assert_rel(DUAL(c, lp->row_supply[0]), 0);
    assert_int_equal(c->sol.rstat[lp->row_demand[0]], GLP_NS);
    assert_int_equal(c->sol.rstat[lp->row_output[0]], GLP_NU);
    assert_rel(c->sol.dj[lp->col_s[3]], 1);
    fix_free(&c->fix);
}

/* q optional with fixed 5000; p's intake is 200 t so that only its line
 * (150 t) limits it.
 *   q open: the plan of test_chain_profit, 100 x 84 + 60 x 75 - 1000 -
 *   5000 = 6900.
 *   q closed: p makes 150 t: a's 100 t (84) and 50 t of b's (72):
 *   8400 + 3600 - 1000 = 11000.  Closing is better: open(q) = 0.
 *   revenue 150 x 100 = 15000; milk 1000 + 50 x 20 = 2000; processing
 *   150; transport 100 x 1 + 50 x 3 + 150 x 4 = 850; fixed 1000 (p only).
 * Duals, from the LP re-solved with open(q) fixed at 0: x(a,p) 100,
 * x(b,p) 50, y(p) = s(p) = 150 are basic, and so are supply(b) (50 of
 * 100), intake(p) (150 of 200) and demand (150 in 120..160), duals 0:
 *   x(b,p): -23 + dual(milk p) = 0               -> milk p   = 23
 *   x(a,p): -11 - dual(supply a) + 23 = 0        -> supply a = 12
 *   s(p):   96 - dual(stock p) = 0               -> stock p  = 96
 *   y(p):   -1 - 23 - dual(output p) + 96 = 0    -> output p = 72
 * A tonne more of p's line is b's margin through p. */
static void test_optional_closes(void **state)
{
    (void)state;
    Prog *c = c_run(CHAIN2_PCAP("200 t", "; fixed 5000 BYN; optional", "maximize profit", ""), NULL);
    const Lp *lp = &c->lp;
    assert_true(lp->mip);
    expect_optimal(c, 11000);
    assert_rel(c->sol.col[lp->col_open[1]], 0);
    assert_rel(X(c, 0), 100);
    assert_rel(X(c, 1), 0);
    assert_rel(X(c, 2), 50);
    assert_rel(X(c, 3), 0);
    assert_rel(Y(c, 0), 150);
    assert_rel(Y(c, 1), 0);
    assert_rel(S(c, 0), 150);
    assert_rel(S(c, 1), 0);
    expect_totals(c, 15000, 2000, 150, 850, 1000);
    /* the duals of the plan with q closed */
    assert_rel(DUAL(c, lp->row_output[0]), 72);
    assert_rel(DUAL(c, lp->row_supply[0]), 12);
    assert_rel(DUAL(c, lp->row_milk[0]), 23);
    assert_rel(DUAL(c, lp->row_stock[0]), 96);
    assert_rel(DUAL(c, lp->row_demand[0]), 0);
    assert_rel(DUAL(c, lp->row_supply[1]), 0);
    assert_rel(DUAL(c, lp->row_intake[0]), 0);
    assert_int_equal(c->sol.rstat[lp->row_output[0]], GLP_NU);
    /* the binary is back to 0..1 in the problem after the re-solve */
    assert_int_equal(glp_get_col_type(lp->P, lp->col_open[1]), GLP_DB);
    assert_int_equal(glp_get_col_kind(lp->P, lp->col_open[1]), GLP_BV);
    fix_free(&c->fix);
}

/* q optional with minimums: intake 80..150 t, output 70..150 t, fixed 100.
 * Open, q must take at least 80 t.  a's 100 t are all used (a's paths are
 * the best) and the city takes 160 t, so b sends 60 t, to q (75 > 72); q
 * still needs 20 t, which come from a at 2 a tonne less than through p:
 *   x(a,p) 80, x(a,q) 20, x(b,q) 60, x(b,p) 0; y = s: p 80, q 80
 *   80 x 84 + 20 x 82 + 60 x 75 = 12860, less fixed 1000 + 100: 11760.
 * Closed, p alone makes 11000 (test_optional_closes, p's line 150 t): q
 * opens.  revenue 16000; milk 1000 + 1200 = 2200; processing 80 + 160 =
 * 240; transport 80 + 100 + 120 + 320 + 80 = 700; fixed 1100.
 * Duals (open(q) fixed at 1; basic: the seven positive columns, supply(b),
 * both intakes, both outputs and output_min(q), all strictly inside):
 *   x(a,p): -11 - dual(supply a) + dual(milk p) = 0
 *   x(a,q): -15 - dual(supply a) - dual(intake_min q) + dual(milk q) = 0
 *   x(b,q): -22 - dual(intake_min q) + dual(milk q) = 0
 *     -> supply a = 7, milk p = 18
 *   y(p): -1 - 18 + dual(stock p) = 0 -> stock p = 19; s(p): demand = 77
 *   s(q): 99 - dual(stock q) - 77 = 0 -> stock q = 22
 *   y(q): -2 - dual(milk q) + 22 = 0 -> milk q = 20 -> intake_min q = -2
 * Requiring one tonne more at q costs 2 (a tonne of a through q instead of
 * p); a tonne more for the city is worth 77 (b through q, 75, and a's
 * tonne freed from q back to p, 2). */
static void test_optional_opens(void **state)
{
    (void)state;
    Prog *c = c_run("currency BYN\n"
                 "product whole { milk 1 t/t }\n"
                 "farm a { supply 100 t; price 10 BYN/t }\n"
                 "farm b { supply 100 t; price 20 BYN/t }\n"
                 "plant p { capacity 150 t; makes whole 150 t cost 1 BYN/t; fixed 1000 BYN }\n"
                 "plant q { capacity 80..150 t; makes whole 70..150 t cost 2 BYN/t;"
                 " fixed 100 BYN; optional }\n"
                 "market city { demand whole 120..160 t price 100 BYN/t }\n"
                 "routes {\n"
                 "  from to   cost\n"
                 "  a    p    1 BYN/t\n"
                 "  a    q    5 BYN/t\n"
                 "  b    p    3 BYN/t\n"
                 "  b    q    2 BYN/t\n"
                 "  p    city 4 BYN/t\n"
                 "  q    city 1 BYN/t\n"
                 "}\n",
                 NULL);
    const Lp *lp = &c->lp;
    expect_optimal(c, 11760);
    assert_rel(c->sol.col[lp->col_open[1]], 1);
    assert_rel(X(c, 0), 80);
    assert_rel(X(c, 1), 20);
    assert_rel(X(c, 2), 0);
    assert_rel(X(c, 3), 60);
    assert_rel(Y(c, 0), 80);
    assert_rel(Y(c, 1), 80);
    assert_rel(S(c, 0), 80);
    assert_rel(S(c, 1), 80);
    expect_totals(c, 16000, 2200, 240, 700, 1100);
    assert_rel(DUAL(c, lp->row_intake_min[1]), -2);
    assert_int_equal(c->sol.rstat[lp->row_intake_min[1]], GLP_NL);
    assert_rel(DUAL(c, lp->row_demand[0]), 77);
    assert_rel(DUAL(c, lp->row_supply[0]), 7);
    assert_rel(DUAL(c, lp->row_milk[0]), 18);
    assert_rel(DUAL(c, lp->row_milk[1]), 20);
    assert_rel(DUAL(c, lp->row_output_min[1]), 0);
    fix_free(&c->fix);
}

/* A contracted minimum forces milk that cannot be processed: the farm must
 * deliver 150..200 t, the line makes at most 100 t, at 1.25 t of milk a
 * tonne (125 t).  Buying more than 150 t only costs, so x = 150 and 25 t
 * stay unprocessed (the milk balance 1.25 y - x = -25, slack):
 *   profit = 100 x (100 - 4) - 150 x (10 + 1) - 100 x 1 = 7850
 *   revenue 10000, milk 1500, processing 100, transport 150 + 400 = 550.
 * Basis: x, y, s basic; intake, milk and demand basic (duals 0); supply
 * at its lower bound, output and stock at their upper bounds:
 *   x: -11 - dual(supply) = 0              -> supply = -11 (a tonne more of
 *                                             contract costs its price)
 *   s: 96 - dual(stock) = 0                -> stock  = 96
 *   y: -1 + 96 - dual(output) = 0          -> output = 95 (the milk is free) */
static void test_min_contract(void **state)
{
    (void)state;
    Prog *c = c_run("currency BYN\n"
                 "product whole { milk 1.25 t/t }\n"
                 "farm a { supply 150..200 t; price 10 BYN/t }\n"
                 "plant p { capacity 300 t; makes whole 100 t cost 1 BYN/t }\n"
                 "market city { demand whole 200 t price 100 BYN/t }\n"
                 "routes {\n"
                 "  from to   cost\n"
                 "  a    p    1 BYN/t\n"
                 "  p    city 4 BYN/t\n"
                 "}\n",
                 NULL);
    const Lp *lp = &c->lp;
    expect_optimal(c, 7850);
    assert_rel(X(c, 0), 150);
    assert_rel(Y(c, 0), 100);
    assert_rel(S(c, 0), 100);
    /* intake exceeds the milk the line uses */
    assert_rel(c->sol.row[lp->row_intake[0]], 150);
    assert_rel(c->sol.row[lp->row_milk[0]], -25);
    assert_true(X(c, 0) > 1.25 * Y(c, 0) + 1);
    expect_totals(c, 10000, 1500, 100, 550, 0);
    assert_rel(DUAL(c, lp->row_supply[0]), -11);
    assert_int_equal(c->sol.rstat[lp->row_supply[0]], GLP_NL);
    assert_rel(DUAL(c, lp->row_output[0]), 95);
    assert_rel(DUAL(c, lp->row_stock[0]), 96);
    assert_rel(DUAL(c, lp->row_milk[0]), 0);
    assert_rel(DUAL(c, lp->row_demand[0]), 0);
    fix_free(&c->fix);
}

/* The 2x2 chain, minimize cost.  Cost per t along each path (no revenue):
 * a->p 10+1+1+4 = 16, a->q 10+5+2+1 = 18, b->p 20+3+1+4 = 28, b->q
 * 20+2+2+1 = 25.  The city gets only its 120 t: a's 100 t through p, and
 * 20 t from b through q (25 < 28):
 *   cost = 100 x 16 + 20 x 25 + 1000 + 500 = 3600
 *   milk 1000 + 400 = 1400; processing 100 + 40 = 140; transport
 *   100 + 40 + 400 + 20 = 560; fixed 1500; revenue 12000 reported.
 * Duals (d cost / d bound):
 *   x(b,q): 22 + dual(milk q) = 0 -> -22; y(q): 2 + 22 + dual(stock q) = 0
 *   -> -24; s(q): 1 + 24 - dual(demand) = 0 -> demand = 25 (b through q);
 *   s(p): 4 - dual(stock p) - 25 = 0 -> -21; y(p): 1 - dual(milk p) - 21
 *   = 0 -> -20; x(a,p): 11 - dual(supply a) - 20 = 0 -> supply a = -9
 *   (a tonne more of a replaces one of b: 16 - 25). */
static void test_min_cost(void **state)
{
    (void)state;
    Prog *c = c_run(CHAIN2_PCAP("150 t", "; fixed 500 BYN", "minimize cost", ""), NULL);
    const Lp *lp = &c->lp;
    expect_optimal(c, 3600);
    assert_rel(X(c, 0), 100);
    assert_rel(X(c, 1), 0);
    assert_rel(X(c, 2), 0);
    assert_rel(X(c, 3), 20);
    assert_rel(Y(c, 0), 100);
    assert_rel(Y(c, 1), 20);
    assert_rel(S(c, 0), 100);
    assert_rel(S(c, 1), 20);
    expect_totals(c, 12000, 1400, 140, 560, 1500);
    assert_rel(DUAL(c, lp->row_demand[0]), 25);
    assert_int_equal(c->sol.rstat[lp->row_demand[0]], GLP_NL);
    assert_rel(DUAL(c, lp->row_supply[0]), -9);
    assert_rel(DUAL(c, lp->row_supply[1]), 0);
    fix_free(&c->fix);
}

/* `close plant q` (q always open otherwise, fixed 500): p alone, limited
 * by its 150 t: a's 100 t (84) and 50 t of b's (72): 8400 + 3600 - 1000 =
 * 11000; q's fixed cost is not paid, q's columns are all 0. */
static void test_closed_scenario(void **state)
{
    (void)state;
    Prog *c = c_run(CHAIN2_PCAP("150 t", "; fixed 500 BYN", "maximize profit",
                        "scenario shut { close plant q }\n"),
                 "shut");
    expect_optimal(c, 11000);
    assert_rel(X(c, 0), 100);
    assert_rel(X(c, 1), 0);
    assert_rel(X(c, 2), 50);
    assert_rel(X(c, 3), 0);
    assert_rel(Y(c, 1), 0);
    assert_rel(S(c, 1), 0);
    expect_totals(c, 15000, 2000, 150, 100 + 150 + 600, 1000);
    fix_free(&c->fix);
}

/* `open plant q` on an optional q with fixed 5000 forces the plan of
 * test_chain_profit: 100 x 84 + 60 x 75 - 1000 - 5000 = 6900, fixed costs
 * 6000, open(q) = 1 (the same duals as there: q's limits do not bind). */
static void test_forced_open(void **state)
{
    (void)state;
    Prog *c = c_run(CHAIN2_PCAP("150 t", "; fixed 5000 BYN; optional", "maximize profit",
                        "scenario keep { open plant q }\n"),
                 "keep");
    const Lp *lp = &c->lp;
    assert_true(lp->mip);
    expect_optimal(c, 6900);
    assert_rel(c->sol.col[lp->col_open[1]], 1);
    assert_rel(X(c, 0), 100);
    assert_rel(X(c, 3), 60);
    assert_rel(S(c, 1), 60);
    expect_totals(c, 16000, 2200, 220, 680, 6000);
    assert_rel(DUAL(c, lp->row_demand[0]), 75);
    assert_rel(DUAL(c, lp->row_supply[0]), 9);
    fix_free(&c->fix);
}

/* The city must take 150 t of a product whose only line makes 96 t.  The
 * elastic copy gives the demand row a shortfall u >= 0 and minimises u:
 * s <= y <= 96, so u = 54 and 96 t is what can be delivered.  Its duals:
 * u: 1 - dual(demand) = 0 -> 1; s: -dual(stock) - 1 = 0 -> stock = -1;
 * y: 0 - dual(output) - dual(milk) + ... -> output = -1 whatever x is
 * (the milk balance has slack, or x sits on a slack supply bound).  The
 * limits: the line's output (and the stock balance), never the demand row
 * itself nor the farm's slack supply. */
static void test_infeasible_demand(void **state)
{
    (void)state;
    Prog *c = c_run("currency BYN\n"
                 "product whole { milk 1 t/t }\n"
                 "farm a { supply 200 t; price 10 BYN/t }\n"
                 "plant p { capacity 200 t; makes whole 96 t cost 1 BYN/t }\n"
                 "market city { demand whole 150..380 t price 100 BYN/t }\n"
                 "routes {\n"
                 "  from to   cost\n"
                 "  a    p    1 BYN/t\n"
                 "  p    city 4 BYN/t\n"
                 "}\n",
                 NULL);
    const Lp *lp = &c->lp;
    assert_int_equal(c->sol.status, SOL_INFEASIBLE);
    assert_int_equal(c->sol.nshortfalls, 1);
    const Shortfall *sf = &c->sol.shortfalls[0];
    assert_int_equal(sf->kind, SF_DEMAND);
    assert_int_equal(sf->index, 0);
    assert_true(sf->required == 150);
    if (sf->achievable != 96)
        fail_msg("achievable %.17g, expected 96", sf->achievable);
    assert_true(sf->nlimits >= 1);
    assert_true(has_limit(sf, lp->row_output[0]));
    assert_false(has_limit(sf, lp->row_demand[0]));
    assert_false(has_limit(sf, lp->row_supply[0]));
    for (int i = 0; i < sf->nlimits; i++) {
        assert_true(sf->limits[i] >= 1);
        assert_true(sf->limits[i] <= glp_get_num_rows(lp->P));
    }
    fix_free(&c->fix);
}

/* A contracted minimum above what the plant can take: the farm must
 * deliver 300 t, the plant's intake is 200 t.  Shortfall on the supply row:
 * required 300, achievable 200, held back by the intake. */
static void test_infeasible_supply(void **state)
{
    (void)state;
    Prog *c = c_run("currency BYN\n"
                 "product whole { milk 1 t/t }\n"
                 "farm a { supply 300..400 t; price 10 BYN/t }\n"
                 "plant p { capacity 200 t; makes whole 500 t cost 1 BYN/t }\n"
                 "market city { demand whole 380 t price 100 BYN/t }\n"
                 "routes {\n"
                 "  from to   cost\n"
                 "  a    p    1 BYN/t\n"
                 "  p    city 4 BYN/t\n"
                 "}\n",
                 NULL);
    const Lp *lp = &c->lp;
    assert_int_equal(c->sol.status, SOL_INFEASIBLE);
    assert_int_equal(c->sol.nshortfalls, 1);
    const Shortfall *sf = &c->sol.shortfalls[0];
    assert_int_equal(sf->kind, SF_SUPPLY);
    assert_int_equal(sf->index, 0);
    assert_true(sf->required == 300);
    if (sf->achievable != 200)
        fail_msg("achievable %.17g, expected 200", sf->achievable);
    assert_true(has_limit(sf, lp->row_intake[0]));
    assert_false(has_limit(sf, lp->row_supply[0]));
    fix_free(&c->fix);
}

/* Infeasible with an optional plant (the elastic copy is a MIP): the city
 * must take 400 t, the farms have 200 t.  With q open the whole 200 t
 * reach the city, so 200 is achievable. */
static void test_infeasible_mip(void **state)
{
    (void)state;
    Prog *c = c_run("currency BYN\n"
                 "product whole { milk 1 t/t }\n"
                 "farm a { supply 100 t; price 10 BYN/t }\n"
                 "farm b { supply 100 t; price 20 BYN/t }\n"
                 "plant p { capacity 150 t; makes whole 150 t cost 1 BYN/t }\n"
                 "plant q { capacity 150 t; makes whole 150 t cost 2 BYN/t;"
                 " fixed 5000 BYN; optional }\n"
                 "market city { demand whole 400..500 t price 100 BYN/t }\n"
                 "routes {\n"
                 "  from to   cost\n"
                 "  a    p    1 BYN/t\n"
                 "  b    q    2 BYN/t\n"
                 "  p    city 4 BYN/t\n"
                 "  q    city 1 BYN/t\n"
                 "}\n",
                 NULL);
    assert_true(c->lp.mip);
    assert_int_equal(c->sol.status, SOL_INFEASIBLE);
    assert_int_equal(c->sol.nshortfalls, 1);
    const Shortfall *sf = &c->sol.shortfalls[0];
    assert_int_equal(sf->kind, SF_DEMAND);
    assert_true(sf->required == 400);
    if (sf->achievable != 200)
        fail_msg("achievable %.17g, expected 200", sf->achievable);
    /* a's 100 t only reach the city through p: a and b are the limits */
    assert_true(has_limit(sf, c->lp.row_supply[0]));
    assert_true(has_limit(sf, c->lp.row_supply[1]));
    fix_free(&c->fix);
}

/* Two requirements short for unrelated reasons: farm b must deliver 300 t
 * but plant q takes 200 t; the city must take 150 t of a product whose
 * line at p makes 96 t.  Each shortfall is explained by its own limit
 * only (minimising it alone, the other free to give way): b by q's intake,
 * the city by p's line — never by the other's.  optional (q may close)
 * makes it a MIP: the same answer with q's decision fixed. */
static void check_two_shortfalls(bool optional)
{
    char src[1024];
    snprintf(src, sizeof src,
             "currency BYN\n"
             "product whole { milk 1 t/t }\n"
             "product cream { milk 2 t/t }\n"
             "farm a { supply 400 t; price 10 BYN/t }\n"
             "farm b { supply 300..400 t; price 10 BYN/t }\n"
             "plant p { capacity 400 t; makes whole 96 t cost 1 BYN/t }\n"
             "plant q { capacity 200 t; makes cream 100 t cost 1 BYN/t%s }\n"
             "market city { demand whole 150..380 t price 100 BYN/t;"
             " demand cream 0..100 t price 300 BYN/t }\n"
             "routes {\n"
             "  from to   cost\n"
             "  a    p    1 BYN/t\n"
             "  b    q    1 BYN/t\n"
             "  p    city 4 BYN/t\n"
             "  q    city 4 BYN/t\n"
             "}\n",
             optional ? "; fixed 10 BYN; optional" : "");
    Prog *c = c_run(src, NULL);
    const Lp *lp = &c->lp;
    assert_int_equal(lp->mip, optional);
    assert_int_equal(c->sol.status, SOL_INFEASIBLE);
    assert_int_equal(c->sol.nshortfalls, 2);
    const Shortfall *farm = NULL, *city = NULL;
    for (int k = 0; k < 2; k++) {
        const Shortfall *sf = &c->sol.shortfalls[k];
        if (sf->kind == SF_SUPPLY)
            farm = sf;
        else if (sf->kind == SF_DEMAND)
            city = sf;
    }
    assert_non_null(farm);
    assert_non_null(city);
    assert_int_equal(farm->index, 1);
    assert_true(farm->required == 300 && farm->achievable == 200);
    assert_true(city->required == 150 && city->achievable == 96);
    assert_true(has_limit(farm, lp->row_intake[1]));
    assert_false(has_limit(farm, lp->row_output[0]));
    assert_true(has_limit(city, lp->row_output[0]));
    assert_false(has_limit(city, lp->row_intake[1]));
    fix_free(&c->fix);
}

static void test_infeasible_two_own_limits(void **state)
{
    (void)state;
    check_two_shortfalls(false);
    check_two_shortfalls(true);
}

/* Two markets must each take 300 t from one 400 t line: neither is short
 * alone, so the one left short is limited by the line they share. */
static void test_infeasible_competing(void **state)
{
    (void)state;
    Prog *c = c_run("currency BYN\n"
                 "product whole { milk 1 t/t }\n"
                 "farm a { supply 1000 t; price 10 BYN/t }\n"
                 "plant p { capacity 1000 t; makes whole 400 t cost 1 BYN/t }\n"
                 "market city { demand whole 300..600 t price 100 BYN/t }\n"
                 "market town { demand whole 300..600 t price 100 BYN/t }\n"
                 "routes {\n"
                 "  from to   cost\n"
                 "  a    p    1 BYN/t\n"
                 "  p    city 4 BYN/t\n"
                 "  p    town 4 BYN/t\n"
                 "}\n",
                 NULL);
    assert_int_equal(c->sol.status, SOL_INFEASIBLE);
    assert_true(c->sol.nshortfalls >= 1);
    double short_total = 0;
    for (int k = 0; k < c->sol.nshortfalls; k++) {
        const Shortfall *sf = &c->sol.shortfalls[k];
        assert_int_equal(sf->kind, SF_DEMAND);
        short_total += sf->required - sf->achievable;
        assert_true(has_limit(sf, c->lp.row_output[0]));
    }
    if (short_total != 200)
        fail_msg("total shortfall %.17g, expected 200", short_total);
    fix_free(&c->fix);
}

/* An optional plant with a minimum intake (issue 9): the farm must deliver
 * 10 t and only plant p takes milk.  Closed, p takes nothing (the farm is
 * short 10 t); open, it must take 50 t of which only the farm's 10 t exist
 * (short 40 t): the elastic MIP closes p.  The farm's limit is then p's
 * intake row x <= 100 open, binding only because open = 0 — not a limit
 * of its own but the closure, explained by the elastic copy solved with p
 * forced open: p's minimum intake, 50 t required, 10 t reached, held back
 * by the farm's 10 t. */
#define CLOSED_PLANT(PLANT, MILK)                                                                  \
    "currency BYN\n"                                                                               \
    "product whole { milk " MILK " t/t }\n"                                                        \
    "farm a { supply 10..10 t; price 1 BYN/t }\n"                                                  \
    "plant p { optional; fixed 100 BYN; " PLANT " }\n"                                            \
    "market city { demand whole 100 t price 50 BYN/t }\n"                                          \
    "routes {\n"                                                                                   \
    "  from to   cost\n"                                                                           \
    "  a    p    1 BYN/t\n"                                                                        \
    "  p    city 1 BYN/t\n"                                                                        \
    "}\n"

static const Closure *closure_of(const Shortfall *sf, int plant)
{
    for (int k = 0; k < sf->nclosed; k++)
        if (sf->closed[k].plant == plant)
            return &sf->closed[k];
    return NULL;
}

static void test_closed_min_intake(void **state)
{
    (void)state;
    Prog *c = c_run(CLOSED_PLANT("capacity 50..100 t; makes whole 100 t cost 1 BYN/t", "1"), NULL);
    const Lp *lp = &c->lp;
    assert_true(lp->mip);
    assert_int_equal(c->sol.status, SOL_INFEASIBLE);
    assert_int_equal(c->sol.nshortfalls, 1);
    const Shortfall *sf = &c->sol.shortfalls[0];
    assert_int_equal(sf->kind, SF_SUPPLY);
    assert_true(sf->required == 10 && sf->achievable == 0);
    /* not "p takes in at most 100 t": that row binds only because p is closed */
    assert_false(has_limit(sf, lp->row_intake[0]));
    assert_int_equal(sf->nclosed, 1);
    const Closure *cl = closure_of(sf, 0);
    assert_non_null(cl);
    assert_true(cl->explained);
    assert_int_equal(cl->nwhen_open, 1);
    const Shortfall *w = &cl->when_open[0];
    assert_int_equal(w->kind, SF_INTAKE);
    assert_int_equal(w->index, 0);
    assert_true(w->required == 50);
    if (w->achievable != 10)
        fail_msg("achievable with p open %.17g, expected 10", w->achievable);
    assert_true(has_limit(w, lp->row_supply[0]));
    assert_false(has_limit(w, lp->row_intake_min[0])); /* what is explained, not a limit */
    assert_int_equal(w->nclosed, 0);
    fix_free(&c->fix);
}

/* The mirror with a minimum output: p's line must make 20 t when open, at
 * 2 t of milk a tonne, and the farm's 10 t make 5 t.  Closed, the farm is
 * short 10 t; open, the line is short 15 t: p closes, and the closure is
 * explained by the line's minimum (20 t required, 5 t reached), held back
 * by the farm and p's milk balance. */
static void test_closed_min_output(void **state)
{
    (void)state;
    Prog *c = c_run(CLOSED_PLANT("capacity 100 t; makes whole 20..100 t cost 1 BYN/t", "2"), NULL);
    const Lp *lp = &c->lp;
    assert_int_equal(c->sol.status, SOL_INFEASIBLE);
    assert_int_equal(c->sol.nshortfalls, 1);
    const Shortfall *sf = &c->sol.shortfalls[0];
    assert_int_equal(sf->kind, SF_SUPPLY);
    assert_true(sf->required == 10 && sf->achievable == 0);
    assert_false(has_limit(sf, lp->row_intake[0]));
    assert_false(has_limit(sf, lp->row_output[0]));
    assert_false(has_limit(sf, lp->row_milk[0]));
    const Closure *cl = closure_of(sf, 0);
    assert_non_null(cl);
    assert_true(cl->explained);
    assert_int_equal(cl->nwhen_open, 1);
    const Shortfall *w = &cl->when_open[0];
    assert_int_equal(w->kind, SF_OUTPUT);
    assert_int_equal(w->index, 0);
    assert_true(w->required == 20);
    if (w->achievable != 5)
        fail_msg("achievable with p open %.17g, expected 5", w->achievable);
    assert_true(has_limit(w, lp->row_supply[0]));
    assert_true(has_limit(w, lp->row_milk[0]));
    fix_free(&c->fix);
}

/* A plant with no minimum that is open in the elastic plan is no closure:
 * the limits stay rows (test_infeasible_mip's q is open; here p is a plain
 * plant and q, optional and closed, is not in the way of anything). */
static void test_open_plant_no_closure(void **state)
{
    (void)state;
    Prog *c = c_run("currency BYN\n"
                 "product whole { milk 1 t/t }\n"
                 "farm a { supply 300..400 t; price 10 BYN/t }\n"
                 "plant p { capacity 200 t; makes whole 200 t cost 1 BYN/t }\n"
                 "plant q { optional; fixed 10 BYN; capacity 500 t;"
                 " makes whole 500 t cost 1 BYN/t }\n"
                 "market city { demand whole 500 t price 100 BYN/t }\n"
                 "routes {\n"
                 "  from to   cost\n"
                 "  a    p    1 BYN/t\n"
                 "  p    city 4 BYN/t\n"
                 "  q    city 4 BYN/t\n"
                 "}\n",
                 NULL);
    assert_int_equal(c->sol.status, SOL_INFEASIBLE);
    assert_int_equal(c->sol.nshortfalls, 1);
    const Shortfall *sf = &c->sol.shortfalls[0];
    assert_true(sf->required == 300 && sf->achievable == 200);
    assert_true(has_limit(sf, c->lp.row_intake[0]));
    assert_int_equal(sf->nclosed, 0);
    fix_free(&c->fix);
}

/* What is reached is read from the plan, not as the bound less the
 * shortfall: a contract of 1e20 t of which 100 t can be taken reaches
 * 100 t, where 1e20 - (1e20 - 100) is 0 in doubles. */
static void test_achievable_huge_bound(void **state)
{
    (void)state;
    Prog *c = c_run("currency BYN\n"
                 "product whole { milk 1 t/t }\n"
                 "farm a { supply 1e20..1e20 t; price 1 BYN/t }\n"
                 "plant p { capacity 100 t; makes whole 100 t cost 1 BYN/t }\n"
                 "market city { demand whole 100 t price 50 BYN/t }\n"
                 "routes {\n"
                 "  from to   cost\n"
                 "  a    p    1 BYN/t\n"
                 "  p    city 1 BYN/t\n"
                 "}\n",
                 NULL);
    assert_int_equal(c->sol.status, SOL_INFEASIBLE);
    assert_int_equal(c->sol.nshortfalls, 1);
    const Shortfall *sf = &c->sol.shortfalls[0];
    assert_true(sf->required == 1e20);
    if (sf->achievable != 100)
        fail_msg("achievable %.17g, expected 100", sf->achievable);
    assert_true(has_limit(sf, c->lp.row_intake[0]));
    fix_free(&c->fix);
}


/* ----------------------------------------- work left out (issue 14) */

static Prog *c_run_opts(const char *src, SolveOptions so)
{
    Prog *c = prog_new();
    fix_model(&c->fix, src);
    prog_build(c, NULL);
    assert_int_equal(solve_run(&c->lp, &so, &c->sol), 0);
    return c;
}

/* q is optional, and every tonne through it loses money (the route to it
 * costs 80 a tonne): the LP relaxation keeps it at open = 0, already
 * integral, so that plan is the MIP's and glp_intopt is not run.  p ships
 * a's 100 t: 100 x (100 - 4) - 100 x (10 + 1) - 100 x 1 = 8400.  In
 * test_optional_closes the relaxation opens q in part (fixed cost 5000 is
 * paid a tonne at a time), and the search runs. */
static void test_intopt_skipped(void **state)
{
    (void)state;
    Prog *c = c_run_opts("currency BYN\n"
                         "product whole { milk 1 t/t }\n"
                         "farm a { supply 100 t; price 10 BYN/t }\n"
                         "plant p { capacity 200 t; makes whole 200 t cost 1 BYN/t }\n"
                         "plant q { capacity 200 t; makes whole 200 t cost 1 BYN/t;"
                         " fixed 1000 BYN; optional }\n"
                         "market city { demand whole 0..300 t price 100 BYN/t }\n"
                         "routes {\n"
                         "  from to   cost\n"
                         "  a    p    1 BYN/t\n"
                         "  a    q    80 BYN/t\n"
                         "  p    city 4 BYN/t\n"
                         "  q    city 4 BYN/t\n"
                         "}\n",
                         (SolveOptions){.verbose = false});
    const Lp *lp = &c->lp;
    assert_true(lp->mip);
    expect_optimal(c, 8400);
    assert_true(c->sol.intopt_skipped);
    assert_rel(c->sol.col[lp->col_open[1]], 0);
    assert_rel(X(c, 0), 100);
    /* the duals come from the LP with the binary fixed, as after a search */
    assert_rel(DUAL(c, lp->row_supply[0]), 84); /* 100 - 4 - 1 - (10 + 1) */
    assert_int_equal(glp_get_col_type(lp->P, lp->col_open[1]), GLP_DB);
    fix_free(&c->fix);

    c = c_run_opts(CHAIN2_PCAP("200 t", "; fixed 5000 BYN; optional", "maximize profit", ""),
                   (SolveOptions){.verbose = false});
    expect_optimal(c, 11000);
    assert_false(c->sol.intopt_skipped);
    fix_free(&c->fix);

    c = c_run_opts(CHAIN2_PCAP("200 t", "", "maximize profit", ""), (SolveOptions){.verbose = false});
    assert_false(c->lp.mip);
    assert_false(c->sol.intopt_skipped);
    fix_free(&c->fix);
}

/* The explanation's budget: with one simplex iteration for its re-solves,
 * the closed plant of test_closed_min_intake is named but not explained
 * (its MIP stops at the budget), and the solution says the budget ran
 * out; the default budget explains it. */
static void test_explain_budget(void **state)
{
    (void)state;
    const char *src = CLOSED_PLANT("capacity 50..100 t; makes whole 100 t cost 1 BYN/t", "1");
    Prog *c = c_run_opts(src, (SolveOptions){.explain_budget = 1});
    assert_int_equal(c->sol.status, SOL_INFEASIBLE);
    assert_int_equal(c->sol.nshortfalls, 1);
    const Closure *cl = closure_of(&c->sol.shortfalls[0], 0);
    assert_non_null(cl);
    assert_false(cl->explained);
    assert_true(c->sol.explain_budget_spent);
    fix_free(&c->fix);

    c = c_run_opts(src, (SolveOptions){.verbose = false});
    cl = closure_of(&c->sol.shortfalls[0], 0);
    assert_non_null(cl);
    assert_true(cl->explained);
    assert_false(c->sol.explain_budget_spent);
    fix_free(&c->fix);
}

/* Solving twice, from two builds of the same model or the same problem
 * again, gives the same numbers bit for bit. */
static void expect_same(const Solution *a, const Solution *b)
{
    assert_int_equal(a->status, b->status);
    assert_int_equal(a->ncols, b->ncols);
    assert_int_equal(a->nrows, b->nrows);
    assert_memory_equal(&a->objective, &b->objective, sizeof(double));
    assert_memory_equal(&a->revenue, &b->revenue, sizeof(double));
    assert_memory_equal(&a->transport_cost, &b->transport_cost, sizeof(double));
    size_t nc = (size_t)a->ncols + 1, nr = (size_t)a->nrows + 1;
    assert_memory_equal(a->col, b->col, sizeof(double) * nc);
    assert_memory_equal(a->dj, b->dj, sizeof(double) * nc);
    assert_memory_equal(a->cstat, b->cstat, sizeof(int) * nc);
    assert_memory_equal(a->row, b->row, sizeof(double) * nr);
    assert_memory_equal(a->dual, b->dual, sizeof(double) * nr);
    assert_memory_equal(a->rstat, b->rstat, sizeof(int) * nr);
}

static void test_deterministic(void **state)
{
    (void)state;
    static const char *const files[] = {"examples/intro.dairy", "examples/region.dairy"};
    int done = 0;
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        if (access(files[i], R_OK) != 0)
            continue;
        Prog *a = c_run_file(files[i]), *b = c_run_file(files[i]);
        assert_int_equal(a->sol.status, SOL_OPTIMAL);
        expect_same(&a->sol, &b->sol);
        /* the same problem solved again */
        Solution again;
        assert_int_equal(solve_run(&a->lp, NULL, &again), 0);
        expect_same(&a->sol, &again);
        solve_free(&again);
        fix_free(&a->fix);
        fix_free(&b->fix);
        done++;
    }
    assert_true(done > 0);

    /* a MIP */
    const char *src = CHAIN2_PCAP("200 t", "; fixed 5000 BYN; optional", "maximize profit", "");
    Prog *a = c_run(src, NULL), *b = c_run(src, NULL);
    expect_same(&a->sol, &b->sol);
    Solution again;
    assert_int_equal(solve_run(&a->lp, NULL, &again), 0);
    expect_same(&a->sol, &again);
    solve_free(&again);
    fix_free(&a->fix);
    fix_free(&b->fix);

    /* an infeasible model: the same shortfalls */
    src = "currency BYN\n"
          "product whole { milk 1 t/t }\n"
          "farm a { supply 200 t; price 10 BYN/t }\n"
          "plant p { capacity 200 t; makes whole 96 t cost 1 BYN/t }\n"
          "market city { demand whole 150..380 t price 100 BYN/t }\n"
          "routes {\n"
          "  from to   cost\n"
          "  a    p    1 BYN/t\n"
          "  p    city 4 BYN/t\n"
          "}\n";
    a = c_run(src, NULL);
    b = c_run(src, NULL);
    assert_int_equal(a->sol.nshortfalls, b->sol.nshortfalls);
    for (int i = 0; i < a->sol.nshortfalls; i++) {
        const Shortfall *x = &a->sol.shortfalls[i], *y = &b->sol.shortfalls[i];
        assert_int_equal(x->kind, y->kind);
        assert_int_equal(x->index, y->index);
        assert_memory_equal(&x->achievable, &y->achievable, sizeof(double));
        assert_int_equal(x->nlimits, y->nlimits);
        assert_memory_equal(x->limits, y->limits, sizeof(int) * (size_t)x->nlimits);
    }
    fix_free(&a->fix);
    fix_free(&b->fix);
}

/* The limits for callers that need bounded time (the fuzz harnesses): a
 * solve that hits one fails, saying which, and the next solve without
 * limits is unaffected.  CHAIN2 as an LP needs more than one simplex
 * iteration; with q optional (test_optional_opens) the relaxation opens q
 * partly, so the branch and bound needs more than its root. */
static void expect_limited(const char *src, SolveOptions so, const char *says)
{
    Prog *c = prog_new();
    fix_model(&c->fix, src);
    assert_int_equal(fix_lp_build(c->fix.m, &c->lp), 0);
    c->built = true;
    assert_int_equal(solve_run(&c->lp, &so, &c->sol), -1);
    assert_int_equal(c->sol.status, SOL_FAILED);
    if (!strstr(c->sol.message, says))
        fail_msg("message \"%s\", expected \"%s\"", c->sol.message, says);
    assert_null(c->sol.col);
    solve_free(&c->sol);
    SolveOptions none = {.verbose = false};
    assert_int_equal(solve_run(&c->lp, &none, &c->sol), 0);
    assert_int_equal(c->sol.status, SOL_OPTIMAL);
    fix_free(&c->fix);
}

static void test_limits(void **state)
{
    (void)state;
    expect_limited(CHAIN2_PCAP("200 t", "", "maximize profit", ""),
                   (SolveOptions){.iteration_limit = 1}, "iteration limit (1)");
    expect_limited("currency BYN\n"
                   "product whole { milk 1 t/t }\n"
                   "farm a { supply 100 t; price 10 BYN/t }\n"
                   "farm b { supply 100 t; price 20 BYN/t }\n"
                   "plant p { capacity 150 t; makes whole 150 t cost 1 BYN/t; fixed 1000 BYN }\n"
                   "plant q { capacity 80..150 t; makes whole 70..150 t cost 2 BYN/t;"
                   " fixed 100 BYN; optional }\n"
                   "market city { demand whole 120..160 t price 100 BYN/t }\n"
                   "routes {\n"
                   "  from to   cost\n"
                   "  a    p    1 BYN/t\n"
                   "  a    q    5 BYN/t\n"
                   "  b    p    3 BYN/t\n"
                   "  b    q    2 BYN/t\n"
                   "  p    city 4 BYN/t\n"
                   "  q    city 1 BYN/t\n"
                   "}\n",
                   (SolveOptions){.node_limit = 1}, "subproblem limit (1)");
}

/* solve_free leaves the Solution zeroed, so freeing twice is harmless. */
static void test_solution_free(void **state)
{
    (void)state;
    Prog *c = c_run(CHAIN2_PCAP("150 t", "", "maximize profit", ""), NULL);
    solve_free(&c->sol);
    assert_null(c->sol.col);
    assert_int_equal(c->sol.ncols, 0);
    solve_free(&c->sol);
    fix_free(&c->fix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_margin, fix_close_leftovers),
        cmocka_unit_test_teardown(test_chain_profit, fix_close_leftovers),
        cmocka_unit_test_teardown(test_transport_2x2, fix_close_leftovers),
        cmocka_unit_test_teardown(test_optional_closes, fix_close_leftovers),
        cmocka_unit_test_teardown(test_optional_opens, fix_close_leftovers),
        cmocka_unit_test_teardown(test_min_contract, fix_close_leftovers),
        cmocka_unit_test_teardown(test_min_cost, fix_close_leftovers),
        cmocka_unit_test_teardown(test_closed_scenario, fix_close_leftovers),
        cmocka_unit_test_teardown(test_forced_open, fix_close_leftovers),
        cmocka_unit_test_teardown(test_infeasible_demand, fix_close_leftovers),
        cmocka_unit_test_teardown(test_infeasible_supply, fix_close_leftovers),
        cmocka_unit_test_teardown(test_infeasible_mip, fix_close_leftovers),
        cmocka_unit_test_teardown(test_infeasible_two_own_limits, fix_close_leftovers),
        cmocka_unit_test_teardown(test_infeasible_competing, fix_close_leftovers),
        cmocka_unit_test_teardown(test_closed_min_intake, fix_close_leftovers),
        cmocka_unit_test_teardown(test_closed_min_output, fix_close_leftovers),
        cmocka_unit_test_teardown(test_open_plant_no_closure, fix_close_leftovers),
        cmocka_unit_test_teardown(test_achievable_huge_bound, fix_close_leftovers),
        cmocka_unit_test_teardown(test_deterministic, fix_close_leftovers),
        cmocka_unit_test_teardown(test_solution_free, fix_close_leftovers),
        cmocka_unit_test_teardown(test_limits, fix_close_leftovers),
        cmocka_unit_test_teardown(test_intopt_skipped, fix_close_leftovers),
        cmocka_unit_test_teardown(test_explain_budget, fix_close_leftovers),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    glp_free_env(); /* GLPK's own state, so that valgrind sees nothing left */
    return rc;
}
