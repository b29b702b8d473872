/* test_report_segment.c — sales per segment (src/report_segment.c), on a
 * model solved by hand: two segments of one strategy share a demand class
 * in proportion to their base volumes, and one more tonne of either's
 * lower bound costs what a tonne more of the class's costs; a scenario
 * that moves a segment to another strategy, and a period block that does,
 * give each segment its own class and its own price.
 *
 * The model by hand.  Butter costs 20 t x 300 + 500 = 6 500 BYN/t to make
 * (milk is plentiful, so that is what one more tonne on hand is worth).
 * Loyalty sells it at 6 800 x 0.95 = 6 460, less 50 service and 100
 * haulage: 6 310, so every tonne sold loses 190 and the plan sells the
 * minimum, 100 % of the base: horeca 15 t and retail 30 t of a class of
 * 45 t, whose lower bound's dual is -190.  Stimulate sells at 6 800 x 0.9
 * = 6 120, less 100 haulage: 6 020, a loss of 480 a tonne; its minimum is
 * 0, so moved there, horeca buys nothing, and a tonne of minimum would
 * cost 480 (the shipment's reduced cost: the class's row is basic at 0). */
#include "fixture.h"

#include "fixture_lp.h"
#include "../../src/report_int.h"

#define TWO_SEGMENTS                                                                         \
    "currency BYN\n"                                                                         \
    "product butter { milk 20 t/t; price 6_800 BYN/t }\n"                                    \
    "farm north { supply 1_000 t; price 300 BYN/t }\n"                                       \
    "plant dairy { capacity 1_000 t; makes butter 60 t cost 500 BYN/t }\n"                   \
    "market city { demand from customers }\n"                                                \
    "routes {\n  from to cost\n  north dairy 0 BYN/t\n  dairy city 100 BYN/t\n}\n"           \
    "customers {\n"                                                                          \
    "  id market channel butter\n"                                                           \
    "  a1 city   retail  10 t\n"                                                             \
    "  a2 city   retail  20 t\n"                                                             \
    "  b1 city   horeca  15 t\n"                                                             \
    "}\n"                                                                                    \
    "segment horeca when channel == \"horeca\" strategy loyalty\n"                           \
    "segment retail strategy loyalty\n"                                                      \
    "strategy loyalty { volume 100%..120%; price -5%; service 50 BYN/t }\n"                  \
    "strategy stimulate { volume 0%..150%; price -10% }\n"

static const char *const base_model =
    TWO_SEGMENTS "scenario win_back { set segment horeca strategy stimulate }\n";

/* The rows of p's plan (one part). */
static SegSale *rows_of(Prog *p, Plan *pl, int *n)
{
    rep_plan_init(pl, &p->lp, &p->sol);
    assert_true(pl->ok);
    return rep_segment_sales(pl, n);
}

static void check_row(const SegSale *r, int segment, double base, double lo, double hi,
                      double t, double price, double min_dual)
{
    assert_int_equal(r->segment, segment);
    assert_near(r->base, base);
    assert_near(r->lo, lo);
    assert_near(r->hi, hi);
    assert_near(r->tonnes, t);
    assert_near(r->price, price);
    assert_near(r->revenue, t * price);
    assert_near(r->min_dual, min_dual);
}

/* Two segments, one class: shares 15/45 and 30/45 of its bounds and
 * sales, both at the class's lower-bound dual. */
static void shares_of_one_class(void **state)
{
    (void)state;
    Prog *p = prog_new();
    fix_model(&p->fix, base_model);
    prog_build(p, NULL);
    solve(p);
    assert_near(p->sol.objective, -190 * 45.0);
    Plan pl;
    int n;
    SegSale *r = rows_of(p, &pl, &n);
    assert_int_equal(n, 2);
    check_row(&r[0], 0, 15, 15, 18, 15, 6460, -190);
    check_row(&r[1], 1, 30, 30, 36, 30, 6460, -190);
    assert_int_equal(r[0].cls, r[1].cls);
    assert_near(r[0].service, 15 * 50.0);
    SegTotal tot[3];
    rep_segment_totals(&pl, 1, tot);
    assert_near(tot[0].tonnes + tot[1].tonnes, 45);
    assert_near(tot[1].revenue, 30 * 6460.0);
    assert_near(tot[1].service, 30 * 50.0);
    free(r);
    rep_plan_free(&pl);
    /* the text report says "min +1 t" as a cost: 190 */
    free(p->text);
    p->text = NULL;
    FILE *fp = open_memstream(&p->text, &p->len);
    assert_non_null(fp);
    assert_int_equal(report_text_opts(&p->lp, &p->sol, &(TextOptions){-1, true}, fp), 0);
    fclose(fp);
    assert_non_null(strstr(p->text, "sales by segment, market and product"));
    assert_non_null(strstr(p->text, "6460.00        190.00"));
    fix_free(&p->fix);
}

/* The scenario serves horeca with stimulate: its own class, nothing
 * sold, a tonne of minimum at the shipment's reduced cost (-480); retail
 * keeps loyalty's dual. */
static void scenario_moves_a_segment(void **state)
{
    (void)state;
    Prog *p = prog_new();
    fix_model(&p->fix, base_model);
    const Model *m = prog_build(p, "win_back");
    assert_int_equal(m->segments[0].strategy, 1);
    assert_int_equal(p->fix.m->segments[0].strategy, 0); /* the base is unchanged */
    solve(p);
    assert_near(p->sol.objective, -190 * 30.0);
    Plan pl;
    int n;
    SegSale *r = rows_of(p, &pl, &n);
    assert_int_equal(n, 2);
    check_row(&r[0], 0, 15, 0, 22.5, 0, 6120, -480);
    check_row(&r[1], 1, 30, 30, 36, 30, 6460, -190);
    assert_int_equal(r[0].strategy, 1);
    free(r);
    rep_plan_free(&pl);
    const char *j = prog_report(p, true);
    assert_non_null(strstr(j, "\"segment_sales\": ["));
    assert_non_null(strstr(j, "{\"segment\": \"horeca\", \"strategy\": \"stimulate\", "
                              "\"customers\": 1, \"base\": 15, \"tonnes\": 0"));
    fix_free(&p->fix);
}

/* A period block moves horeca in q2 only: q1's rows are the base's, q2's
 * the scenario's, and the year's totals add them. */
static void period_block_moves_a_segment(void **state)
{
    (void)state;
    Prog *p = prog_new();
    fix_model(&p->fix, "periods q1, q2\n" TWO_SEGMENTS
                       "period q2 { set segment horeca strategy stimulate }\n");
    prog_build(p, NULL);
    solve(p);
    assert_near(p->sol.objective, -190 * 75.0);
    Plan *plans = rep_year_init(&p->lp, &p->sol);
    int n;
    SegSale *r = rep_segment_sales(&plans[0], &n);
    assert_int_equal(n, 2);
    check_row(&r[0], 0, 15, 15, 18, 15, 6460, -190);
    free(r);
    r = rep_segment_sales(&plans[1], &n);
    check_row(&r[0], 0, 15, 0, 22.5, 0, 6120, -480);
    check_row(&r[1], 1, 30, 30, 36, 30, 6460, -190);
    free(r);
    SegTotal tot[3];
    rep_segment_totals(plans, 2, tot);
    assert_near(tot[0].tonnes, 15);
    assert_near(tot[1].tonnes, 60);
    rep_year_free(plans, 2);
    fix_free(&p->fix);
}

/* Scenario statements apply to the strategies: scale multiplies a price
 * change and both volume bounds, set replaces, offers replaces the
 * package, `*` takes every strategy; a scale may follow the set that gave
 * the strategy something to scale; the base model is never written. */
static void scenario_strategy_values(void **state)
{
    (void)state;
    Fix *c = fix_new();
    const Model *base = fix_model(c, TWO_SEGMENTS
                                  "scenario s {\n"
                                  "  scale strategy loyalty price 200%\n"
                                  "  scale strategy * volume 50%\n"
                                  "  set strategy stimulate service 20 BYN/t\n"
                                  "  scale strategy loyalty service 150%\n"
                                  "  scale strategy stimulate service 150%\n"
                                  "  set strategy loyalty offers butter\n"
                                  "  set segment * strategy stimulate\n"
                                  "}\n");
    assert_non_null(base);
    const Model *m = scenario_apply(&c->arena, base, 0);
    assert_near(m->strategies[0].price, -0.10);
    assert_range(m->strategies[0].volume, 0.5, 0.6);
    assert_range(m->strategies[1].volume, 0, 0.75);
    assert_near(m->strategies[1].service, 30); /* set, then scaled */
    assert_near(m->strategies[0].service, 75);
    assert_int_equal(m->strategies[0].noffers, 1);
    assert_int_equal(m->segments[0].strategy, 1);
    assert_int_equal(m->segments[1].strategy, 1);
    assert_near(base->strategies[0].price, -0.05);
    assert_null(base->strategies[0].offers);
    assert_int_equal(base->segments[1].strategy, 0);
    fix_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(shares_of_one_class, fix_close_leftovers),
        cmocka_unit_test_teardown(scenario_moves_a_segment, fix_close_leftovers),
        cmocka_unit_test_teardown(period_block_moves_a_segment, fix_close_leftovers),
        cmocka_unit_test_teardown(scenario_strategy_values, fix_close_leftovers),
    };
    return cmocka_run_group_tests(tests, NULL, fix_close_leftovers);
}
