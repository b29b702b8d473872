/* test_ranges.c — the sensitivity ranges of `dairy run --ranges` (solve.c,
 * analyse; report_ranges.c), on models solved by hand.
 *
 * The model: cheese takes 10 t of milk a tonne and sells in city at
 * 3000 BYN/t, up to 15 t; north gives up to 100 t at 100 BYN/t, south up
 * to 100 t at 150 BYN/t; nothing else costs.  Cheese pays from either
 * farm's milk (3000 - 10 x 150 > 0), so the plan sells 15 t, made from
 * 150 t of milk: north's 100 t (the cheaper) and 50 t from south.
 *
 * The basis: x(north), x(south), y, s and the rows supply(south) (50 of
 * 0..100), intake (150 of 0..1000) and output (15 of 0..20) are basic, none
 * at a bound (not degenerate: the ranges are the only ones).  Binding:
 * supply(north), milk(dairy), stock(dairy,cheese), demand(d1).
 *
 * Shadow prices (profit): a tonne of milk on hand saves a tonne from south,
 * milk = 150; north's supply is worth 150 - 100 = 50; a tonne of cheese on
 * hand saves its 10 t of milk, stock = 1500; a tonne more demand sells at
 * 3000 what costs 1500, demand = 1500.
 *
 * Right-hand side ranges (the basic variables stay within their bounds):
 *   supply(north) = N:  x(south) = 150 - N in 0..100        -> N in 50..150
 *   milk: 10 y - x(n) - x(s) <= r:  x(south) = 50 - r in 0..100 -> r in -50..50
 *   stock: s - y <= r:  y = 15 - r <= 20 and x(south) = 10 (15 - r) - 100
 *                       in 0..100                          -> r in -5..5
 *   demand(d1) = D:     x(south) = 10 D - 100 in 0..100, y = D <= 20
 *                                                          -> D in 10..20
 * Price and cost ranges (the plan stays while every reduced cost keeps its
 * sign):
 *   north's milk: cheaper than south's, up to 150 BYN/t; any lower price
 *                 keeps it (north is at its limit)          -> ..150
 *   south's milk: dearer than north's (100) and cheese from it still
 *                 pays, 3000 - 10 c >= 0                    -> 100..300
 *   making cheese: the last tonne earns 3000 - 1500 - cost; below -1500
 *                 a tonne made and left unsold (stock is `s - y <= 0`)
 *                 earns its milk back                      -> -1500..1500
 *   cheese in city: 10 x 150 = 1500 or more                 -> 1500..
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "fixture_lp.h"

static const char cheese_text[] =
    "currency BYN\n"
    "product cheese { milk 10 t/t; price 3000 BYN/t }\n"
    "farm north { supply 100 t; price 100 BYN/t }\n"
    "farm south { supply 100 t; price 150 BYN/t }\n"
    "plant dairy { capacity 1000 t; makes cheese 20 t cost 0 BYN/t }\n"
    "market city { demand cheese 0..15 t }\n"
    "routes {\n"
    "  from  to    cost\n"
    "  north dairy 0 BYN/t\n"
    "  south dairy 0 BYN/t\n"
    "  dairy city  0 BYN/t\n"
    "}\n";

static Prog *solved(const char *text, bool ranges)
{
    Prog *p = prog_new();
    fix_model(&p->fix, text);
    prog_build(p, NULL);
    SolveOptions opt = {.ranges = ranges};
    assert_int_equal(solve_run(&p->lp, &opt, &p->sol), 0);
    assert_int_equal(p->sol.status, SOL_OPTIMAL);
    return p;
}

/* The range of row `name`, or of column `name` (its objective coefficient). */
static void expect_range(Prog *p, const char *name, bool row, double lo, double hi)
{
    int k = row ? row_named(p->lp.P, name) : p->sol.nrows + col_named(p->lp.P, name);
    assert_true(row ? k > 0 : k > p->sol.nrows);
    if (isinf(lo))
        assert_true(isinf(p->sol.rng_lo[k]) && p->sol.rng_lo[k] < 0);
    else
        assert_close(p->sol.rng_lo[k], lo, 1e-9);
    if (isinf(hi))
        assert_true(isinf(p->sol.rng_hi[k]) && p->sol.rng_hi[k] > 0);
    else
        assert_close(p->sol.rng_hi[k], hi, 1e-9);
}

static void expect_text(const char *text, const char *want)
{
    if (!strstr(text, want))
        fail_msg("missing:\n%s\n--- in:\n%s", want, text);
}

/* The program's ranges as GLPK gives them, by hand (the comment above): a
 * column's in its objective coefficient, -(price) for milk. */
static void test_ranges_by_hand(void **state)
{
    (void)state;
    Prog *p = solved(cheese_text, true);
    assert_close(p->sol.objective, 15 * 3000 - 100 * 100 - 50 * 150, 1e-9);
    assert_close(dual_of(p, "supply(north)"), 50, 1e-9);
    assert_close(dual_of(p, "milk(dairy)"), 150, 1e-9);
    expect_range(p, "supply(north)", true, 50, 150);
    expect_range(p, "milk(dairy)", true, -50, 50);
    expect_range(p, "stock(dairy,cheese)", true, -5, 5);
    expect_range(p, "demand(d1)", true, 10, 20);
    /* basic rows are not analysed */
    assert_true(isnan(p->sol.rng_lo[row_named(p->lp.P, "supply(south)")]));
    expect_range(p, "x(north,dairy)", false, -150, INFINITY);
    expect_range(p, "x(south,dairy)", false, -300, -100);
    expect_range(p, "y(dairy,cheese)", false, -1500, 1500);
    expect_range(p, "s(dairy,d1)", false, 1500, INFINITY);
    fix_free(&p->fix);
}

/* The same ranges in the model's words and in JSON, costs turned back
 * into the prices the model wrote. */
static void test_ranges_words(void **state)
{
    (void)state;
    Prog *p = solved(cheese_text, true);
    const char *text = prog_report(p, false);
    expect_text(text, "\nranges\n"
                      "  supply at north, now 100 t, may lie between 50 and 150 t before its "
                      "value of 50.00 BYN/t changes\n"
                      "  raw milk on hand at dairy may be up to 50 t less or 50 t more before "
                      "its value of 150.00 BYN/t changes\n"
                      "  cheese on hand at dairy may be up to 5 t less or 5 t more before its "
                      "value of 1500.00 BYN/t changes\n"
                      "  cheese demand at city, now 15 t, may lie between 10 and 20 t before "
                      "its value of 1500.00 BYN/t changes\n"
                      "  milk from north to dairy, now 100.00 BYN/t, may cost up to 150.00 "
                      "BYN/t (no lower limit) before the plan changes\n"
                      "  milk from south to dairy, now 150.00 BYN/t, may cost between 100.00 "
                      "and 300.00 BYN/t before the plan changes\n"
                      "  making cheese at dairy, now 0.00 BYN/t, may cost between -1500.00 and "
                      "1500.00 BYN/t before the plan changes\n"
                      "  cheese from dairy at city, now 3000.00 BYN/t, may sell for 1500.00 "
                      "BYN/t or more before the plan changes\n");
    const char *json = prog_report(p, true);
    expect_text(json, "{\"column\": \"x(south,dairy)\", \"kind\": \"milk\", \"value\": 150, "
                      "\"lo\": 100, \"hi\": 300, ");
    expect_text(json, "{\"column\": \"x(north,dairy)\", \"kind\": \"milk\", \"value\": 100, "
                      "\"lo\": null, \"hi\": 150, ");
    expect_text(json, "{\"constraint\": \"demand(d1)\", \"kind\": \"limit\", \"value\": 1500, "
                      "\"lo\": 10, \"hi\": 20, ");
    fix_free(&p->fix);
}

/* Without SolveOptions.ranges nothing is analysed and the reports are
 * those of a run without --ranges. */
static void test_ranges_not_asked(void **state)
{
    (void)state;
    Prog *p = solved(cheese_text, false);
    assert_null(p->sol.rng_lo);
    assert_null(p->sol.rng_hi);
    assert_null(strstr(prog_report(p, false), "\nranges\n"));
    assert_null(strstr(prog_report(p, true), "\"ranges\""));
    fix_free(&p->fix);
}

/* An unused route: east's milk at 180 BYN/t costs 30 more than south's,
 * the milk that a tonne of it would replace (the dual of milk(dairy) is
 * 150), so it enters the plan when it costs 30 BYN/t less. */
static void test_ranges_enter(void **state)
{
    (void)state;
    char text[1024];
    snprintf(text, sizeof text, "%s%s", cheese_text,
             "farm east { supply 100 t; price 180 BYN/t }\n"
             "routes {\n  from to cost\n  east dairy 0 BYN/t\n}\n");
    Prog *p = solved(text, true);
    expect_text(prog_report(p, false), "  sending milk from east to dairy enters the plan "
                                       "when it costs 30.00 BYN/t less\n");
    expect_range(p, "x(east,dairy)", false, -INFINITY, -150);
    fix_free(&p->fix);
}

/* A mixed-integer program: the ranges are those of the LP with the plant
 * decision fixed, and the intake limit of the optional plant (`sum x -
 * 1000 open <= 0` in the program) is said as the 1000 t the model wrote.
 * With capacity 1000 t the plan is the one above (the plant opens: fixed
 * 100 BYN against 37 500 of profit); a capacity of 140 t binds instead of
 * demand: y = 14, x(south) = 40, and the capacity C may lie between
 * 100 t (x(south) = 0) and 150 t (demand's 15 t reached). */
static void test_ranges_mip(void **state)
{
    (void)state;
    char text[1024];
    const char *plant = strstr(cheese_text, "plant dairy"), *rest = strstr(plant, " makes");
    snprintf(text, sizeof text, "%.*splant dairy { optional; fixed 100 BYN; capacity 140 t;%s",
             (int)(plant - cheese_text), cheese_text, rest);
    Prog *p = solved(text, true);
    assert_true(p->lp.mip);
    assert_close(p->sol.objective, 14 * 3000 - 100 * 100 - 40 * 150 - 100, 1e-9);
    expect_range(p, "intake(dairy)", true, -40, 10);
    expect_text(prog_report(p, false), "  intake capacity at dairy, now 140 t, may lie between "
                                       "100 and 150 t before its value of 150.00 BYN/t changes\n");
    expect_text(prog_report(p, true), "{\"constraint\": \"intake(dairy)\", \"kind\": \"limit\", "
                                      "\"value\": 150, \"lo\": 100, \"hi\": 150, ");
    fix_free(&p->fix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_ranges_by_hand, fix_close_leftovers),
        cmocka_unit_test_teardown(test_ranges_words, fix_close_leftovers),
        cmocka_unit_test_teardown(test_ranges_not_asked, fix_close_leftovers),
        cmocka_unit_test_teardown(test_ranges_enter, fix_close_leftovers),
        cmocka_unit_test_teardown(test_ranges_mip, fix_close_leftovers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
