/* test_lp_periods.c — the program of a model with periods and storage
 * (language.md, "Periods and storage"; docs/lp.md).
 *
 * Each test checks a model without periods from text and then gives it
 * periods, their changes and stores by hand, in the fixture's arena, so
 * that the program is tested apart from the front end.  Every expected
 * figure is worked out by hand in the comments; the LP and MPS files of
 * the program are solved by glpsol and CBC too, which must agree. */
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

/* One farm, one plant making cheese, one market.  Cheese takes 10 t of
 * milk a tonne and sells at 3000 BYN/t, up to 10 t a period; milk costs
 * 100 BYN/t; nothing else costs.  The farm gives 100 t in the base. */
static const char cheese_text[] =
    "currency BYN\n"
    "product cheese { milk 10 t/t; price 3000 BYN/t }\n"
    "farm north { supply 100 t; price 100 BYN/t }\n"
    "plant dairy { capacity 1000 t; makes cheese 20 t cost 0 BYN/t }\n"
    "market city { demand cheese 0..10 t }\n"
    "routes {\n"
    "  from  to    cost\n"
    "  north dairy 0 BYN/t\n"
    "  dairy city  0 BYN/t\n"
    "}\n";

static ScenarioAction scale_supply(double ratio)
{
    return (ScenarioAction){.op = SC_SCALE, .kind = K_FARM, .entity = -1, .prop = SP_SUPPLY,
                            .product = -1, .ratio = ratio};
}

static ScenarioAction close_dairy(void)
{
    return (ScenarioAction){.op = SC_CLOSE, .kind = K_PLANT, .entity = 0, .product = -1};
}

/* Two periods: jan with 150 % of the base supply (150 t, enough for 15 t
 * of cheese), feb with 50 % (50 t, 5 t), feb's changes followed by
 * extra (when not NULL); and a store of cheese at dairy, capacity 20 t,
 * 100 BYN/t a period, opening stock start (no store when start < 0). */
static void year_periods(Prog *p, Model *m, double start, const ScenarioAction *extra)
{
    Arena *a = &p->fix.arena;
    m->nperiods = 2;
    m->periods = arena_alloc(a, sizeof(Period) * 2);
    m->periods[0] = (Period){.n = {.name = "jan"}, .nactions = 1};
    m->periods[1] = (Period){.n = {.name = "feb"}, .nactions = extra ? 2 : 1};
    for (int t = 0; t < 2; t++) {
        m->periods[t].actions = arena_alloc(a, sizeof(ScenarioAction) * 2);
        m->periods[t].actions[0] = scale_supply(t == 0 ? 1.5 : 0.5);
        if (t == 1 && extra)
            m->periods[t].actions[1] = *extra;
    }
    if (start >= 0) {
        m->nstores = 1;
        m->stores = arena_alloc(a, sizeof(Store));
        m->stores[0] = (Store){.plant = 0, .product = 0, .line = 0, .capacity = 20,
                               .cost = 100, .start = start};
    }
}

static Prog *year_model(const char *text, double start, const ScenarioAction *extra)
{
    Prog *p = prog_new();
    year_periods(p, fix_model(&p->fix, text), start, extra);
    prog_build(p, NULL);
    return p;
}

/* Every row and column carries its period; the stock columns follow each
 * period's flows, and the product balances link the periods. */
static void test_year_program(void **state)
{
    (void)state;
    Prog *p = year_model(cheese_text, 0, NULL);
    glp_prob *P = p->lp.P;
    static const char *const cols[] = {"x(north,dairy,jan)", "y(dairy,cheese,jan)",
                                       "s(dairy,d1,jan)", "inv(dairy,cheese,jan)",
                                       "x(north,dairy,feb)", "y(dairy,cheese,feb)",
                                       "s(dairy,d1,feb)", "inv(dairy,cheese,feb)"};
    expect_names(P, false, cols, 8);
    static const char *const rows[] = {
        "supply(north,jan)", "intake(dairy,jan)", "milk(dairy,jan)", "output(dairy,cheese,jan)",
        "stock(dairy,cheese,jan)", "demand(d1,jan)", "store(dairy,cheese,jan)",
        "supply(north,feb)", "intake(dairy,feb)", "milk(dairy,feb)", "output(dairy,cheese,feb)",
        "stock(dairy,cheese,feb)", "demand(d1,feb)", "store(dairy,cheese,feb)"};
    expect_names(P, true, rows, 14);
    /* the periods' own numbers: 150 t and 50 t */
    assert_near(glp_get_row_ub(P, row_named(P, "supply(north,jan)")), 150);
    assert_near(glp_get_row_ub(P, row_named(P, "supply(north,feb)")), 50);
    /* s - y + inv[t] - inv[t-1] <= 0 */
    int jan = row_named(P, "stock(dairy,cheese,jan)"), feb = row_named(P, "stock(dairy,cheese,feb)");
    int inv_jan = col_named(P, "inv(dairy,cheese,jan)"), inv_feb = col_named(P, "inv(dairy,cheese,feb)");
    assert_near(coef(P, jan, inv_jan), 1);
    assert_near(coef(P, feb, inv_jan), -1);
    assert_near(coef(P, feb, inv_feb), 1);
    assert_near(coef(P, jan, inv_feb), 0);
    assert_near(glp_get_row_ub(P, jan), 0);
    /* holding cost; the capacity a row of its own, so that it has a price */
    assert_near(glp_get_obj_coef(P, inv_jan), -100);
    assert_near(glp_get_col_ub(P, inv_jan), INFINITY);
    assert_near(glp_get_col_lb(P, inv_feb), 0);
    int cap = row_named(P, "store(dairy,cheese,jan)");
    assert_near(glp_get_row_ub(P, cap), 20);
    assert_near(coef(P, cap, inv_jan), 1);
    assert_int_equal(glp_get_mat_row(P, cap, NULL, NULL), 1);
    assert_int_equal(p->lp.row_kind[cap], RK_STORE);
    assert_int_equal(p->lp.row_index[cap], 0);
    assert_int_equal(lp_row_period(&p->lp, cap), 0);
    assert_int_equal(p->lp.row_store[0 * 2 + 1], row_named(P, "store(dairy,cheese,feb)"));
    /* the owners and the parts */
    assert_int_equal(p->lp.nperiods, 2);
    assert_int_equal(lp_nparts(&p->lp), 2);
    assert_int_equal(lp_row_period(&p->lp, feb), 1);
    assert_int_equal(p->lp.row_kind[feb], RK_STOCK);
    assert_int_equal(lp_part(&p->lp, 1)->row_stock[0], feb);
    assert_int_equal(p->lp.col_inv[0 * 2 + 1], inv_feb);
    fix_free(&p->fix);
}

/* jan can make 15 t but sell 10; feb can make 5 t and sell 10.  A tonne
 * of cheese is worth 3000 - 10 x 100 = 2000 made from milk, so all 200 t
 * of milk are bought; 5 t made in jan wait to feb at 100 BYN/t.
 *   profit = 20 x 3000 - 200 x 100 - 5 x 100 = 39 500 BYN.
 * Without the store each period stands alone: jan 10 t, feb 5 t,
 *   profit = 15 x 3000 - 150 x 100 = 30 000 BYN. */
static void test_year_storage(void **state)
{
    (void)state;
    Prog *p = year_model(cheese_text, 0, NULL);
    solve(p);
    assert_int_equal(p->sol.status, SOL_OPTIMAL);
    assert_close(p->sol.objective, 39500, 1e-9);
    assert_close(glp_get_obj_val(p->lp.P), 39500, 1e-9);
    assert_close(y_of(p, "y(dairy,cheese,jan)"), 15, 1e-9);
    assert_close(y_of(p, "inv(dairy,cheese,jan)"), 5, 1e-9);
    assert_close(y_of(p, "s(dairy,d1,feb)"), 10, 1e-9);
    assert_close(y_of(p, "inv(dairy,cheese,feb)"), 0, 1e-9);
    assert_close(p->sol.storage_cost, 500, 1e-9);
    assert_close(p->sol.milk_cost, 20000, 1e-9);
    assert_close(p->sol.revenue, 60000, 1e-9);
    other_solvers_agree_on(&p->lp, 39500, true);
    fix_free(&p->fix);

    p = year_model(cheese_text, -1, NULL);
    solve(p);
    assert_close(p->sol.objective, 30000, 1e-9);
    assert_close(p->sol.storage_cost, 0, 1e-9);
    other_solvers_agree_on(&p->lp, 30000, true);
    fix_free(&p->fix);
}

/* An opening stock of 2 t: the last period must close with 2 t again, so
 * the same 20 t are sold, and stock is held longer: jan closes with
 * 2 + 15 - 10 = 7 t, feb with 2 t: 900 BYN of holding.
 *   profit = 60 000 - 20 000 - 900 = 39 100 BYN. */
static void test_year_opening_stock(void **state)
{
    (void)state;
    Prog *p = year_model(cheese_text, 2, NULL);
    glp_prob *P = p->lp.P;
    assert_near(glp_get_row_ub(P, row_named(P, "stock(dairy,cheese,jan)")), 2);
    assert_near(glp_get_col_lb(P, col_named(P, "inv(dairy,cheese,feb)")), 2);
    solve(p);
    assert_close(p->sol.objective, 39100, 1e-9);
    assert_close(y_of(p, "inv(dairy,cheese,jan)"), 7, 1e-9);
    assert_close(y_of(p, "inv(dairy,cheese,feb)"), 2, 1e-9);
    other_solvers_agree_on(&p->lp, 39100, true);
    fix_free(&p->fix);
}

/* dairy closed in feb takes no milk and makes nothing, but ships what it
 * has in stock.  So jan makes 15 t from 150 t of milk, sells 10 and keeps
 * 5 t for feb:
 *   profit = 15 x 3000 - 150 x 100 - 5 x 100 = 29 500 BYN. */
static void test_year_closed_period(void **state)
{
    (void)state;
    ScenarioAction shut = close_dairy();
    Prog *p = year_model(cheese_text, 0, &shut);
    glp_prob *P = p->lp.P;
    assert_near(glp_get_col_ub(P, col_named(P, "x(north,dairy,feb)")), 0);
    assert_near(glp_get_col_ub(P, col_named(P, "y(dairy,cheese,feb)")), 0);
    assert_near(glp_get_col_ub(P, col_named(P, "x(north,dairy,jan)")), INFINITY);
    assert_near(glp_get_col_ub(P, col_named(P, "s(dairy,d1,feb)")), INFINITY);
    solve(p);
    assert_close(p->sol.objective, 29500, 1e-9);
    assert_close(y_of(p, "y(dairy,cheese,jan)"), 15, 1e-9);
    assert_close(y_of(p, "s(dairy,d1,feb)"), 5, 1e-9);
    other_solvers_agree_on(&p->lp, 29500, true);
    fix_free(&p->fix);
}

/* An optional plant is one decision for the year, its fixed cost paid in
 * each period it is not closed: open(dairy) once, 1000 BYN x 2 periods
 * on it.  Open: 39 500 - 2000 = 37 500 BYN > 0, so it opens.  Closed in
 * feb, it pays jan's 1000 alone: 29 500 - 1000 = 28 500 BYN. */
static const char optional_text[] =
    "currency BYN\n"
    "product cheese { milk 10 t/t; price 3000 BYN/t }\n"
    "farm north { supply 100 t; price 100 BYN/t }\n"
    "plant dairy { capacity 1000 t; makes cheese 20 t cost 0 BYN/t; fixed 1000 BYN; optional }\n"
    "market city { demand cheese 0..10 t }\n"
    "routes {\n"
    "  from  to    cost\n"
    "  north dairy 0 BYN/t\n"
    "  dairy city  0 BYN/t\n"
    "}\n";

static void test_year_optional_plant(void **state)
{
    (void)state;
    Prog *p = year_model(optional_text, 0, NULL);
    glp_prob *P = p->lp.P;
    assert_true(p->lp.mip);
    int open = col_named(P, "open(dairy)");
    assert_int_equal(open, 1);
    assert_near(glp_get_obj_coef(P, open), -2000);
    assert_int_equal(lp_part(&p->lp, 0)->col_open[0], open);
    assert_int_equal(lp_part(&p->lp, 1)->col_open[0], open);
    /* the intake of each period is bounded through the one column */
    assert_near(coef(P, row_named(P, "intake(dairy,feb)"), open), -1000);
    solve(p);
    assert_close(p->sol.objective, 37500, 1e-9);
    assert_close(p->sol.fixed_cost, 2000, 1e-9);
    other_solvers_agree_on(&p->lp, 37500, true);
    fix_free(&p->fix);

    ScenarioAction shut = close_dairy();
    p = year_model(optional_text, 0, &shut);
    assert_near(glp_get_obj_coef(p->lp.P, col_named(p->lp.P, "open(dairy)")), -1000);
    assert_int_equal(lp_part(&p->lp, 1)->col_open[0], 0);
    solve(p);
    assert_close(p->sol.objective, 28500, 1e-9);
    other_solvers_agree_on(&p->lp, 28500, true);
    fix_free(&p->fix);
}

/* A scenario applies after each period's changes: `scale farm * supply
 * 80%` takes 80 % of 150 t and of 50 t (120 t and 40 t: 16 t of cheese
 * in all, 6 t of it stored from jan):
 *   profit = 16 x 3000 - 160 x 100 - 2 x 100 = 31 800 BYN
 * (jan makes 12, sells 10, keeps 2; feb makes 4, sells 6). */
static void test_year_scenario(void **state)
{
    (void)state;
    char text[1024];
    snprintf(text, sizeof text, "%sscenario dry { scale farm * supply 80%% }\n", cheese_text);
    Prog *p = year_model(text, 0, NULL);
    lp_free(&p->lp);
    Segmentation seg;
    segment_run(p->fix.m, &seg);
    assert_int_equal(lp_build_case(p->fix.m, 0, &seg, &p->lp), 0);
    segment_free(&seg);
    glp_prob *P = p->lp.P;
    assert_near(glp_get_row_ub(P, row_named(P, "supply(north,jan)")), 120);
    assert_near(glp_get_row_ub(P, row_named(P, "supply(north,feb)")), 40);
    solve(p);
    assert_close(p->sol.objective, 31800, 1e-9);
    assert_close(y_of(p, "inv(dairy,cheese,jan)"), 2, 1e-9);
    other_solvers_agree_on(&p->lp, 31800, true);
    fix_free(&p->fix);
}

/* Why a shadow price is what it is, from the basis (solve_why): in the
 * storage year one more tonne of north's jan supply is worth 190 BYN: it
 * is bought (+1 t at -100 BYN/t), makes 0.1 t more cheese in jan (the line
 * costs nothing, so no term), which is kept to feb (+0.1 t of stock at
 * -100 BYN/t) and sold there (+0.1 t at 3000 BYN/t):
 *   -100 - 10 + 300 = 190. */
static void test_year_why(void **state)
{
    (void)state;
    Prog *p = year_model(cheese_text, 0, NULL);
    SolveOptions opt = {.why = true};
    assert_int_equal(solve_run(&p->lp, &opt, &p->sol), 0);
    glp_prob *P = p->lp.P;
    int row = row_named(P, "supply(north,jan)");
    assert_close(p->sol.dual[row], 190, 1e-9);
    assert_non_null(p->sol.why);
    const WhyRow *w = &p->sol.why[row];
    assert_true(w->n > 0);
    double sum = 0, milk = 0;
    for (int k = 0; k < w->n; k++) {
        sum += w->terms[k].delta * glp_get_obj_coef(P, w->terms[k].col);
        if (w->terms[k].col == col_named(P, "x(north,dairy,jan)"))
            milk = w->terms[k].delta;
    }
    assert_close(sum, 190, 1e-9);
    assert_close(milk, 1, 1e-9); /* the tonne itself is bought */
    /* every binding row has its derivation, and none of a basic row */
    for (int i = 1; i <= p->sol.nrows; i++)
        if (p->sol.rstat[i] == GLP_BS)
            assert_int_equal(p->sol.why[i].n, 0);
    const char *text = prog_report(p, false);
    if (getenv("DAIRY_UNIT_SHOW"))
        fputs(text, stderr);
    assert_non_null(strstr(
        text, "  one more tonne of supply at north in jan is worth 190.00 BYN\n"
              "        +1 t  milk from north to dairy in jan       x -100.00 BYN/t  -100.00 milk "
              "- 0.00 haulage\n"
              "      +0.1 t  cheese kept in stock at dairy in jan  x -100.00 BYN/t  -100.00 "
              "holding\n"
              "      +0.1 t  cheese from dairy to city in feb      x 3000.00 BYN/t  3000.00 price "
              "- 0.00 haulage\n"
              "      = 190.00 BYN of profit\n"));
    fix_free(&p->fix);
}

/* --all-scenarios compares whole years: the base year (39 500) beside
 * `dry` (31 800, test_year_scenario), milk summed over the periods (200 t
 * and 160 t), sales over the periods onto one row (20 t and 16 t). */
static void test_year_cases(void **state)
{
    (void)state;
    char text[1024];
    snprintf(text, sizeof text, "%sscenario dry { scale farm * supply 80%% }\n", cheese_text);
    Prog *p = year_model(text, 0, NULL);
    Lp dry;
    Solution dsol;
    Segmentation seg;
    segment_run(p->fix.m, &seg);
    assert_int_equal(lp_build_case(p->fix.m, 0, &seg, &dry), 0);
    segment_free(&seg);
    solve(p);
    SolveOptions opt = {0};
    assert_int_equal(solve_run(&dry, &opt, &dsol), 0);
    ReportCase cases[] = {{"base", NULL, &p->lp, &p->sol}, {"dry", NULL, &dry, &dsol}};
    char *out = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&out, &len);
    assert_int_equal(report_text_cases(cases, 2, fp), 0);
    fclose(fp);
    if (getenv("DAIRY_UNIT_SHOW"))
        fputs(out, stderr);
    assert_non_null(strstr(out, "profit (BYN)         39500.00   31800.00\n"));
    assert_non_null(strstr(out, "  storage             -500.00    -200.00\n"));
    assert_non_null(strstr(out, "  north → dairy       200.000    160.000\n"));
    assert_non_null(strstr(out, "  city: cheese         20.000     16.000\n"));
    free(out);
    solve_free(&dsol);
    lp_free(&dry);
    fix_free(&p->fix);
}

/* The text report of the storage year (test_year_storage's plan): the
 * year across, then each period; jan's profit is 10 x 3000 - 150 x 100 -
 * 5 x 100 = 14 500, feb's 10 x 3000 - 50 x 100 = 25 000.  The shadow
 * prices name their period: a tonne of cheese at dairy is worth 3000 in
 * feb and 3000 - 100 (a period in store) = 2900 in jan, a tonne of milk a
 * tenth of that less its 100 BYN/t: 190 in jan, 200 in feb. */
static void test_year_report(void **state)
{
    (void)state;
    Prog *p = year_model(cheese_text, 0, NULL);
    solve(p);
    const char *text = prog_report(p, false);
    if (getenv("DAIRY_UNIT_SHOW"))
        fputs(text, stderr);
    assert_non_null(strstr(text, "  storage          -500.00 BYN\n"));
    assert_non_null(strstr(text, "\nyear plan\n"
                                 "                         jan       feb      year\n"
                                 "  milk collected t   150.000    50.000   200.000\n"
                                 "  production t        15.000     5.000    20.000\n"
                                 "  closing stock t      5.000     0.000     0.000\n"
                                 "  sales t             10.000    10.000    20.000\n"
                                 "  profit BYN        14500.00  25000.00  39500.00\n"));
    assert_non_null(strstr(text, "\n=== jan ===\n"));
    assert_non_null(strstr(text, "\nstock\n"
                                 "  plant  product  opening t  closing t  capacity t\n"
                                 "  dairy  cheese       5.000      0.000      20.000\n"));
    assert_non_null(strstr(text, "  one more tonne of supply at north in jan is worth 190.00 BYN\n"));
    assert_non_null(strstr(text, "  one more tonne of cheese on hand at dairy in jan is worth "
                                 "2900.00 BYN\n"));
    assert_non_null(strstr(text, "  one more tonne of cheese on hand at dairy in feb is worth "
                                 "3000.00 BYN\n"));
    assert_null(strstr(text, "unsold stock")); /* what is stored is not unsold */
    /* one period's tables only */
    free(p->text);
    p->text = NULL;
    FILE *fp = open_memstream(&p->text, &p->len);
    assert_int_equal(report_text_period(&p->lp, &p->sol, 1, fp), 0);
    fclose(fp);
    assert_null(strstr(p->text, "=== jan ==="));
    assert_non_null(strstr(p->text, "=== feb ==="));
    assert_non_null(strstr(p->text, "\nyear plan\n"));
    /* JSON: every flow carries its period; the stock, the holding cost */
    text = prog_report(p, true);
    if (getenv("DAIRY_UNIT_SHOW"))
        fputs(text, stderr);
    assert_non_null(strstr(text, "\"storage_cost\": 500"));
    assert_non_null(strstr(text, "{\"period\": \"feb\", \"farm\": \"north\", "
                                 "\"plant\": \"dairy\", \"tonnes\": 50}"));
    assert_non_null(strstr(text, "{\"period\": \"jan\", \"plant\": \"dairy\", "
                                 "\"product\": \"cheese\", \"opening\": 0, "
                                 "\"closing\": 5, \"capacity\": 20}"));
    assert_non_null(strstr(text, "{\"plant\": \"dairy\", \"open\": true, "
                                 "\"closed_in\": []}"));
    assert_non_null(strstr(text, "{\"period\": \"jan\", \"constraint\": "
                                 "\"supply(north,jan)\", \"shadow_price\": 190"));
    fix_free(&p->fix);
}

/* ------------------------------------------------------------ MathProg */

/* The MathProg text of p's program. */
static char *mathprog_text(const Prog *p)
{
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);
    assert_int_equal(emit_mathprog(&p->lp, fp), 0);
    fclose(fp);
    if (getenv("DAIRY_UNIT_SHOW"))
        fputs(text, stderr);
    return text;
}

static void expect_text(const char *text, const char *want)
{
    if (!strstr(text, want))
        fail_msg("missing:\n%s\n--- in:\n%s", want, text);
}

/* The data of a year: the periods in order with each one's predecessor,
 * a row per period of what a period changes, the classes, shipments and
 * closed plants per period, the stores.  dairy closed in feb with an
 * opening stock of 2 t: feb makes nothing but ships from stock and must
 * close with 2 t, so jan makes 15 t, sells 10 and keeps 2 + 15 - 10 = 7 t;
 * feb ships 5 t and keeps 2 t:
 *   profit = 15 x 3000 - 150 x 100 - (7 + 2) x 100 = 29 100 BYN. */
static void test_year_mathprog_data(void **state)
{
    (void)state;
    ScenarioAction shut = close_dairy();
    Prog *p = year_model(cheese_text, 2, &shut);
    char *text = mathprog_text(p);
    expect_text(text, "set PERIODS := jan feb;\nparam first := jan;\nparam last := feb;\n"
                      "param prev :=\n  feb jan\n;\n");
    expect_text(text, "set CLASSES := (d1,jan) (d1,feb);\n");
    expect_text(text, "set SHIPS := (dairy,d1,jan) (dairy,d1,feb);\n");
    expect_text(text, "set CLOSED := (dairy,feb);\n");
    expect_text(text, "param : supply_lo supply_hi milk_price :=\n"
                      "  north jan 0 150 100\n"
                      "  north feb 0  50 100\n;\n");
    expect_text(text, "param : class_market class_product lo hi price service :=\n"
                      "  d1 jan city cheese 0 10 3000 0\n");
    expect_text(text, "set STORES := (dairy,cheese);\n"
                      "param : store_cap store_cost start :=\n"
                      "  dairy cheese 20 100 2\n;\n");
    expect_text(text, "s.t. stock{(p,k) in LINES, t in PERIODS}:\n");
    free(text);
    solve(p);
    assert_close(p->sol.objective, 29100, 1e-9);
    other_solvers_agree_on(&p->lp, 29100, true);
    fix_free(&p->fix);
}

/* `minimize cost` over a year: each period must take 8 t.  feb's 50 t of
 * milk make 5 t; the other 3 t are made in jan and held (jan makes 11 t):
 *   cost = 160 x 100 + 3 x 100 = 16 300 BYN. */
static void test_year_mathprog_cost(void **state)
{
    (void)state;
    static const char cost_text[] =
        "currency BYN\n"
        "objective minimize cost\n"
        "product cheese { milk 10 t/t; price 3000 BYN/t }\n"
        "farm north { supply 100 t; price 100 BYN/t }\n"
        "plant dairy { capacity 1000 t; makes cheese 20 t cost 0 BYN/t }\n"
        "market city { demand cheese 8..10 t }\n"
        "routes {\n"
        "  from  to    cost\n"
        "  north dairy 0 BYN/t\n"
        "  dairy city  0 BYN/t\n"
        "}\n";
    Prog *p = year_model(cost_text, 0, NULL);
    solve(p);
    assert_close(p->sol.objective, 16300, 1e-9);
    char *text = mathprog_text(p);
    expect_text(text, "minimize cost:\n");
    free(text);
    other_solvers_agree_on(&p->lp, 16300, true);
    fix_free(&p->fix);
}

/* Milk fat by period: cheese holds 0.3 t of fat a tonne; north's milk has
 * 4 % fat, 2 % in feb, and is paid by fat at 4 %: 100 BYN/t in jan, 50 in
 * feb.  jan: the milk norm binds (150 t: 15 t of cheese; the fat would
 * allow 20); feb: the fat binds, 50 x 0.02 / 0.3 = 10/3 t, still worth
 * 3000 - 15 x 50 a tonne.  jan keeps 5 t for feb, which sells 5 + 10/3 t:
 *   profit = (10 + 25/3) x 3000 - 150 x 100 - 50 x 50 - 5 x 100
 *          = 37 000 BYN. */
static void test_year_mathprog_components(void **state)
{
    (void)state;
    static const char *const fat[] = {"fat"};
    ScenarioAction thin = {.op = SC_SET, .kind = K_FARM, .entity = 0, .prop = SP_CONTENT,
                           .product = -1, .component = 0, .value = {0.02, 0.02}};
    Prog *p = prog_new();
    Model *m = fix_model(&p->fix, cheese_text);
    Arena *a = &p->fix.arena;
    year_periods(p, m, 0, &thin);
    m->ncomponents = 1;
    m->components = named_list(a, fat, 1);
    m->pay_by = 0;
    m->pay_basis = 0.04;
    m->farms[0].content = arena_alloc(a, sizeof(double));
    m->farms[0].content[0] = 0.04;
    m->products[0].content = arena_alloc(a, sizeof(double));
    m->products[0].content[0] = 0.3;
    prog_build(p, NULL);
    solve(p);
    assert_close(p->sol.objective, 37000, 1e-9);
    assert_close(y_of(p, "y(dairy,cheese,feb)"), 10.0 / 3, 1e-9);
    char *text = mathprog_text(p);
    expect_text(text, "param farm_content :=\n  north fat jan 0.04\n  north fat feb 0.02\n;\n");
    expect_text(text, "milk_price[f,t] * farm_content[f,pay_by,t] / pay_basis");
    free(text);
    other_solvers_agree_on(&p->lp, 37000, true);
    fix_free(&p->fix);
}

/* Grades by period: cheese takes milk of grade `extra`; north's is extra
 * in the base and `first` in feb, so feb makes nothing and buys no milk.
 * jan makes 15 t, sells 10, keeps 5 for feb:
 *   profit = 15 x 3000 - 150 x 100 - 5 x 100 = 29 500 BYN. */
static void test_year_mathprog_grades(void **state)
{
    (void)state;
    static const char *const grades[] = {"first", "extra"};
    ScenarioAction lower = {.op = SC_SET, .kind = K_FARM, .entity = 0, .prop = SP_GRADE,
                            .product = -1, .value = {0, 0}};
    Prog *p = prog_new();
    Model *m = fix_model(&p->fix, cheese_text);
    year_periods(p, m, 0, &lower);
    m->ngrades = 2;
    m->grades = named_list(&p->fix.arena, grades, 2);
    m->pay_by = -1;
    m->products[0].grade = 1;
    m->farms[0].grade = 1;
    prog_build(p, NULL);
    solve(p);
    assert_close(p->sol.objective, 29500, 1e-9);
    assert_close(y_of(p, "y(dairy,cheese,feb)"), 0, 1e-9);
    char *text = mathprog_text(p);
    expect_text(text, "param farm_grade :=\n  north jan extra\n  north feb first\n;\n");
    free(text);
    other_solvers_agree_on(&p->lp, 29500, true);
    fix_free(&p->fix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_year_program, fix_close_leftovers),
        cmocka_unit_test_teardown(test_year_storage, fix_close_leftovers),
        cmocka_unit_test_teardown(test_year_opening_stock, fix_close_leftovers),
        cmocka_unit_test_teardown(test_year_closed_period, fix_close_leftovers),
        cmocka_unit_test_teardown(test_year_optional_plant, fix_close_leftovers),
        cmocka_unit_test_teardown(test_year_scenario, fix_close_leftovers),
        cmocka_unit_test_teardown(test_year_report, fix_close_leftovers),
        cmocka_unit_test_teardown(test_year_cases, fix_close_leftovers),
        cmocka_unit_test_teardown(test_year_why, fix_close_leftovers),
        cmocka_unit_test_teardown(test_year_mathprog_data, fix_close_leftovers),
        cmocka_unit_test_teardown(test_year_mathprog_cost, fix_close_leftovers),
        cmocka_unit_test_teardown(test_year_mathprog_components, fix_close_leftovers),
        cmocka_unit_test_teardown(test_year_mathprog_grades, fix_close_leftovers),
    };
    int rc = cmocka_run_group_tests(tests, NULL, fix_close_leftovers);
    glp_free_env(); /* GLPK's own state, so that valgrind sees nothing left */
    return rc;
}
