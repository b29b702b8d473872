/* test_lp_quality.c — the program of milk components and grades
 * (language.md, "Milk components and grades"; docs/lp.md).
 *
 * The front end does not fill the new model fields yet, so each test
 * checks a version-1 model from text and then sets the components, grades,
 * contents and `pay by` by hand, in the fixture's arena.  Every expected
 * figure is worked out by hand in the comments; the hand model's LP and
 * MPS files are also solved by glpsol and CBC, which must agree. */
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

#include "../../src/emit.h"
#include "../../src/report_int.h"
#include "fixture.h"
#include "fixture_lp.h"

/* ------------------------------------------------------------ helpers */

static double *ratios(Arena *a, double r0, double r1)
{
    double *v = arena_alloc(a, sizeof(double) * 2);
    v[0] = r0;
    v[1] = r1;
    return v;
}

/* ------------------------------------------------------------ the components model */

/* One farm, one plant, butter and skim milk powder made from components
 * alone.  The milk norms written here are what version 1 demands; the
 * test takes them away (has_milk false).
 *   farm north: up to 1000 t at 300 BYN/t, 4 % fat, 3.2 % protein
 *   butter: 82 % fat, sells at 8200, line cost 0
 *   smp: 1 % fat, 35 % protein, sells at 3000, line cost 100
 * Value of a tonne of fat: butter is fat alone, so 8200 / 0.82 = 10 000.
 * Protein: a tonne of smp pays 3000 - 100 = 2900 for 0.01 t fat (worth 100)
 * and 0.35 t protein, so protein is worth (2900 - 100) / 0.35 = 8000.
 * A tonne of milk is then worth 0.04 x 10 000 + 0.032 x 8000 = 656 > 300:
 * all 1000 t are bought, bringing 40 t fat and 32 t protein.
 *   smp    = 32 / 0.35 = 91.428571... t (all the protein)
 *   butter = (40 - 0.01 x smp) / 0.82 = 47.665505... t (the rest of the fat)
 *   profit = 10 000 x 40 + 8000 x 32 - 300 x 1000 = 356 000 BYN.
 * The duals: comp(dairy,fat) 10 000, comp(dairy,protein) 8000, supply 356
 * (656 - 300); the milk balance has nothing on its left, so 0. */
static const char comp_text[] =
    "currency BYN\n"
    "product butter { milk 21 t/t; price 8200 BYN/t }\n"
    "product smp { milk 11 t/t; price 3000 BYN/t }\n"
    "farm north { supply 1000 t; price 300 BYN/t }\n"
    "plant dairy {\n"
    "  capacity 2000 t\n"
    "  makes butter 1000 t cost 0 BYN/t\n"
    "  makes smp 1000 t cost 100 BYN/t\n"
    "}\n"
    "market city { demand butter 0..1000 t; demand smp 0..1000 t }\n"
    "routes {\n"
    "  from  to    cost\n"
    "  north dairy 0 BYN/t\n"
    "  dairy city  0 BYN/t\n"
    "}\n";

static const char *const comp_names[] = {"fat", "protein"};

/* The hand model with its components set (pay by: component index, or -1). */
static Prog *comp_model(int pay_by, double basis)
{
    Prog *p = prog_new();
    Model *m = fix_model(&p->fix, comp_text);
    Arena *a = &p->fix.arena;
    m->ncomponents = 2;
    m->components = named_list(a, comp_names, 2);
    m->pay_by = pay_by;
    m->pay_basis = basis;
    m->ngrades = 0;
    Product *butter = &m->products[product_index(m, "butter")];
    Product *smp = &m->products[product_index(m, "smp")];
    butter->has_milk = smp->has_milk = false;
    butter->milk = smp->milk = 0;
    butter->content = ratios(a, 0.82, 0);
    smp->content = ratios(a, 0.01, 0.35);
    m->farms[farm_index(m, "north")].content = ratios(a, 0.04, 0.032);
    prog_build(p, NULL);
    return p;
}

static void test_components_program(void **state)
{
    (void)state;
    Prog *p = comp_model(-1, 0);
    glp_prob *P = p->lp.P;
    static const char *const rows[] = {
        "supply(north)", "intake(dairy)", "milk(dairy)", "comp(dairy,fat)",
        "comp(dairy,protein)", "output(dairy,butter)", "stock(dairy,butter)",
        "output(dairy,smp)", "stock(dairy,smp)", "demand(d1)", "demand(d2)"};
    expect_names(P, true, rows, 11);
    static const char *const cols[] = {"x(north,dairy)", "y(dairy,butter)", "y(dairy,smp)",
                                       "s(dairy,d1)", "s(dairy,d2)"};
    expect_names(P, false, cols, 5);
    int fat = row_named(P, "comp(dairy,fat)"), prot = row_named(P, "comp(dairy,protein)");
    int milk = row_named(P, "milk(dairy)");
    int x = col_named(P, "x(north,dairy)"), yb = col_named(P, "y(dairy,butter)"),
        ys = col_named(P, "y(dairy,smp)");
    /* products' contents in, the farm's contents out, <= 0; no zero entry */
    assert_near(coef(P, fat, yb), 0.82);
    assert_near(coef(P, fat, ys), 0.01);
    assert_near(coef(P, fat, x), -0.04);
    assert_near(coef(P, prot, yb), 0);
    assert_int_equal(glp_get_mat_row(P, prot, NULL, NULL), 2);
    assert_near(coef(P, prot, ys), 0.35);
    assert_near(coef(P, prot, x), -0.032);
    assert_int_equal(glp_get_row_type(P, fat), GLP_UP);
    assert_near(glp_get_row_ub(P, fat), 0);
    /* products without a norm draw no raw-milk mass */
    assert_int_equal(glp_get_mat_row(P, milk, NULL, NULL), 1);
    assert_near(coef(P, milk, x), -1);
    /* the owners */
    assert_int_equal(p->lp.row_kind[fat], RK_COMPONENT);
    assert_int_equal(lp_row_plant(&p->lp, RK_COMPONENT, p->lp.row_index[fat]), 0);
    assert_int_equal(lp_row_item(&p->lp, RK_COMPONENT, p->lp.row_index[fat]), 0);
    assert_int_equal(lp_row_item(&p->lp, RK_COMPONENT, p->lp.row_index[prot]), 1);
    assert_int_equal(p->lp.row_comp[0 * 2 + 1], prot);
    /* the price is per tonne as it comes without pay by */
    assert_near(glp_get_obj_coef(P, x), -300);
    fix_free(&p->fix);
}

static void test_components_solved(void **state)
{
    (void)state;
    Prog *p = comp_model(-1, 0);
    solve(p);
    assert_int_equal(p->sol.status, SOL_OPTIMAL);
    double smp = 32 / 0.35, butter = (40 - 0.01 * smp) / 0.82;
    print_message("components: profit %.6f, butter %.6f t, smp %.6f t, fat %.6f, protein %.6f\n",
                  p->sol.objective, y_of(p, "y(dairy,butter)"), y_of(p, "y(dairy,smp)"),
                  dual_of(p, "comp(dairy,fat)"), dual_of(p, "comp(dairy,protein)"));
    assert_close(p->sol.objective, 356000, 1e-9);
    assert_close(glp_get_obj_val(p->lp.P), 356000, 1e-9);
    assert_close(y_of(p, "x(north,dairy)"), 1000, 1e-9);
    assert_close(y_of(p, "y(dairy,smp)"), smp, 1e-9);
    assert_close(y_of(p, "y(dairy,butter)"), butter, 1e-9);
    assert_close(dual_of(p, "comp(dairy,fat)"), 10000, 1e-9);
    assert_close(dual_of(p, "comp(dairy,protein)"), 8000, 1e-9);
    assert_close(dual_of(p, "supply(north)"), 356, 1e-9);
    assert_close(dual_of(p, "milk(dairy)"), 0, 1e-9);
    assert_close(p->sol.milk_cost, 300000, 1e-9);
    /* the report says what a tonne of fat is worth */
    const char *text = prog_report(p, false);
    if (!strstr(text, "one more tonne of milk fat at dairy is worth 10000.00 BYN") &&
        !strstr(text, "one more tonne of milk fat at dairy is worth 10 000.00 BYN") &&
        !strstr(text, "one more tonne of milk fat at dairy is worth 10,000.00 BYN"))
        fail_msg("no fat in:\n%s", text);
    assert_non_null(strstr(text, "one more tonne of milk protein at dairy is worth"));
    other_solvers_agree(&p->lp, 356000);
    fix_free(&p->fix);
}

/* The report of the hand model: each component in the milk taken in (1000 t
 * at 4 % fat and 3.2 % protein: 40 t fat, 32 t protein), in the products
 * (butter 0.82 x 47.665505 + smp 0.01 x 91.428571 = 40 t fat; smp 0.35 x
 * 91.428571 = 32 t protein, butter has none) and left (0: the plan uses
 * it all); no "unprocessed milk" (the 1000 t the norms do not draw went
 * into butter and powder as fat and protein). */
static void test_components_report(void **state)
{
    (void)state;
    Prog *p = comp_model(-1, 0);
    solve(p);
    assert_int_equal(p->sol.status, SOL_OPTIMAL);
    Plan pl;
    rep_plan_init(&pl, &p->lp, &p->sol);
    assert_non_null(pl.comp_in);
    assert_null(pl.grade_in);
    assert_close(pl.comp_in[0 * 2 + 0], 40, 1e-9);
    assert_close(pl.comp_out[0 * 2 + 0], 40, 1e-9);
    assert_close(pl.comp_in[0 * 2 + 1], 32, 1e-9);
    assert_close(pl.comp_out[0 * 2 + 1], 32, 1e-9);
    assert_close(pl.intake[0] - pl.used[0], 1000, 1e-9); /* what the norms do not draw */
    rep_plan_free(&pl);

    const char *text = prog_report(p, false);
    print_message("components report:\n%s", text);
    assert_non_null(strstr(text, "\nmilk components\n"
                                 "  plant  component    in t  in products t  left t   use\n"
                                 "  dairy  fat        40.000         40.000   0.000  100%\n"
                                 "  dairy  protein    32.000         32.000   0.000  100%\n"));
    assert_null(strstr(text, "unprocessed milk"));
    assert_null(strstr(text, "milk by grade"));
    const char *json = prog_report(p, true);
    assert_non_null(strstr(json, "\"unprocessed\": [],"));
    assert_non_null(strstr(json, "{\"plant\": \"dairy\", \"component\": \"fat\", \"in\": 40, "));
    assert_non_null(strstr(json, "{\"plant\": \"dairy\", \"component\": \"protein\", \"in\": 32, "));
    assert_null(strstr(json, "\"grades\""));
    fix_free(&p->fix);
}

/* pay by fat 3.4 %: north's milk at 4 % fat costs 300 x 0.04 / 0.034 =
 * 352.94... BYN/t, still below the 656 it is worth, so the plan is the
 * same and the profit 656 000 - 352 941.176... = 303 058.823... BYN. */
static void test_pay_by(void **state)
{
    (void)state;
    Prog *p = comp_model(0, 0.034);
    double price = 300 * 0.04 / 0.034;
    assert_near(lp_farm_price(p->lp.m, 0), price);
    assert_near(glp_get_obj_coef(p->lp.P, col_named(p->lp.P, "x(north,dairy)")), -price);
    solve(p);
    assert_int_equal(p->sol.status, SOL_OPTIMAL);
    print_message("pay by fat 3.4%%: profit %.6f\n", p->sol.objective);
    assert_close(p->sol.objective, 656000 - 1000 * price, 1e-9);
    assert_close(glp_get_obj_val(p->lp.P), 656000 - 1000 * price, 1e-9);
    assert_close(p->sol.milk_cost, 1000 * price, 1e-9);
    assert_close(y_of(p, "x(north,dairy)"), 1000, 1e-9);
    other_solvers_agree(&p->lp, 656000 - 1000 * price);
    fix_free(&p->fix);
}

/* ------------------------------------------------------------ grades */

/* Two farms, one plant, drinking milk and baby milk, both 1.02 t/t:
 *   farm a: 1000 t at 300, grade first      farm b: 100 t at 400 (grade set below)
 *   milk32 sells at 600, baby (needs grade extra) at 1000; no other costs.
 * With b `extra`: baby takes all of b's milk, 100 / 1.02 = 98.039... t,
 * milk32 all of a's, 1000 / 1.02 = 980.39... t (a tonne of milk is worth
 * 600 / 1.02 = 588.2 > 300 in milk32, 1000 / 1.02 = 980.4 > 400 in baby);
 * profit (100 000 + 600 000) / 1.02 - 300 000 - 40 000 = 346 274.5098...
 * The milk balance's dual is 600 / 1.02 (one more tonne of any milk makes
 * milk32), grade(dairy,extra)'s is (1000 - 600) / 1.02 = 392.157 (one more
 * tonne of extra milk moves 1/1.02 t from milk32 to baby).
 * With b `first`: no milk is extra, so no baby; everything makes milk32,
 * 1100 / 1.02 t, profit 660 000 / 1.02 - 340 000 = 307 058.82...; and a
 * market that must take 50 t of baby cannot be served: infeasible. */
#define GRADE_TEXT(BABY_LO)                                                                        \
    "currency BYN\n"                                                                               \
    "product milk32 { milk 1.02 t/t; price 600 BYN/t }\n"                                          \
    "product baby { milk 1.02 t/t; price 1000 BYN/t }\n"                                           \
    "farm a { supply 1000 t; price 300 BYN/t }\n"                                                  \
    "farm b { supply 100 t; price 400 BYN/t }\n"                                                   \
    "plant dairy { capacity 5000 t; makes milk32 5000 t cost 0 BYN/t;"                            \
    " makes baby 5000 t cost 0 BYN/t }\n"                                                          \
    "market city { demand milk32 0..5000 t; demand baby " BABY_LO "..5000 t }\n"                   \
    "routes {\n"                                                                                   \
    "  from  to    cost\n"                                                                         \
    "  a     dairy 0 BYN/t\n"                                                                      \
    "  b     dairy 0 BYN/t\n"                                                                      \
    "  dairy city  0 BYN/t\n"                                                                      \
    "}\n"

static const char *const grade_names[] = {"first", "extra"};

static Prog *grade_model(const char *text, int b_grade)
{
    Prog *p = prog_new();
    Model *m = fix_model(&p->fix, text);
    m->ngrades = 2;
    m->grades = named_list(&p->fix.arena, grade_names, 2);
    m->pay_by = -1;
    m->products[product_index(m, "baby")].grade = 1;
    m->farms[farm_index(m, "b")].grade = b_grade;
    prog_build(p, NULL);
    return p;
}

static void test_grades(void **state)
{
    (void)state;
    Prog *p = grade_model(GRADE_TEXT("0"), 1);
    glp_prob *P = p->lp.P;
    static const char *const rows[] = {
        "supply(a)", "supply(b)", "intake(dairy)", "milk(dairy)", "grade(dairy,extra)",
        "output(dairy,milk32)", "stock(dairy,milk32)", "output(dairy,baby)",
        "stock(dairy,baby)", "demand(d1)", "demand(d2)"};
    expect_names(P, true, rows, 11);
    int g = row_named(P, "grade(dairy,extra)");
    assert_int_equal(p->lp.row_kind[g], RK_GRADE);
    assert_int_equal(lp_row_item(&p->lp, RK_GRADE, p->lp.row_index[g]), 1);
    assert_int_equal(lp_row_plant(&p->lp, RK_GRADE, p->lp.row_index[g]), 0);
    /* baby 1.02, only b's milk: two entries */
    assert_int_equal(glp_get_mat_row(P, g, NULL, NULL), 2);
    assert_near(coef(P, g, col_named(P, "y(dairy,baby)")), 1.02);
    assert_near(coef(P, g, col_named(P, "x(b,dairy)")), -1);
    solve(p);
    assert_int_equal(p->sol.status, SOL_OPTIMAL);
    print_message("grades: profit %.6f, baby %.6f t, milk32 %.6f t, extra %.6f, milk %.6f\n",
                  p->sol.objective, y_of(p, "y(dairy,baby)"), y_of(p, "y(dairy,milk32)"),
                  dual_of(p, "grade(dairy,extra)"), dual_of(p, "milk(dairy)"));
    assert_close(p->sol.objective, 700000 / 1.02 - 340000, 1e-9);
    assert_close(y_of(p, "y(dairy,baby)"), 100 / 1.02, 1e-9);
    assert_close(y_of(p, "y(dairy,milk32)"), 1000 / 1.02, 1e-9);
    assert_close(dual_of(p, "grade(dairy,extra)"), 400 / 1.02, 1e-9);
    assert_close(dual_of(p, "milk(dairy)"), 600 / 1.02, 1e-9);
    const char *text = prog_report(p, false);
    assert_non_null(strstr(text, "one more tonne of raw milk of grade extra or better at dairy"));
    other_solvers_agree(&p->lp, 700000 / 1.02 - 340000);
    fix_free(&p->fix);
}

/* The report of the grades model (b extra): first takes in a's 1000 t and
 * milk32 draws 1000 t; extra takes in b's 100 t and baby draws 100 t; no
 * margin at either grade (both balances bind).  Without components the
 * unprocessed milk section stays, and there is no components table. */
static void test_grades_report(void **state)
{
    (void)state;
    Prog *p = grade_model(GRADE_TEXT("0"), 1);
    solve(p);
    assert_int_equal(p->sol.status, SOL_OPTIMAL);
    Plan pl;
    rep_plan_init(&pl, &p->lp, &p->sol);
    assert_null(pl.comp_in);
    assert_non_null(pl.grade_in);
    assert_close(pl.grade_in[0], 1000, 1e-9);
    assert_close(pl.grade_drawn[0], 1000, 1e-9);
    assert_close(pl.grade_in[1], 100, 1e-9);
    assert_close(pl.grade_drawn[1], 100, 1e-9);
    assert_close(rep_grade_margin(&pl, 0, 0), 0, 1e-9);
    assert_close(rep_grade_margin(&pl, 0, 1), 0, 1e-9);
    rep_plan_free(&pl);
    const char *text = prog_report(p, false);
    print_message("grades report:\n%s", text);
    assert_non_null(strstr(text, "\nmilk by grade\n"
                                 "  plant  grade      in t   drawn t  margin t\n"
                                 "  dairy  first  1000.000  1000.000     0.000\n"
                                 "  dairy  extra   100.000   100.000     0.000\n"));
    assert_null(strstr(text, "milk components"));
    const char *json = prog_report(p, true);
    assert_non_null(strstr(json, "{\"plant\": \"dairy\", \"grade\": \"extra\", \"in\": 100, "));
    assert_null(strstr(json, "\"components\""));
    fix_free(&p->fix);
}

/* A product that needs `extra` takes no milk from a `first` farm. */
static void test_grade_nesting(void **state)
{
    (void)state;
    Prog *p = grade_model(GRADE_TEXT("0"), 0);
    glp_prob *P = p->lp.P;
    int g = row_named(P, "grade(dairy,extra)");
    assert_int_equal(glp_get_mat_row(P, g, NULL, NULL), 1); /* baby alone: no extra milk */
    solve(p);
    assert_int_equal(p->sol.status, SOL_OPTIMAL);
    assert_close(y_of(p, "y(dairy,baby)"), 0, 1e-9);
    assert_close(y_of(p, "y(dairy,milk32)"), 1100 / 1.02, 1e-9);
    assert_close(p->sol.objective, 660000 / 1.02 - 340000, 1e-9);
    fix_free(&p->fix);

    p = grade_model(GRADE_TEXT("50"), 0);
    solve(p);
    assert_int_equal(p->sol.status, SOL_INFEASIBLE);
    assert_true(p->sol.nshortfalls >= 1);
    /* the elastic copy names the grade balance among the limits */
    const char *text = prog_report(p, false);
    print_message("grade infeasible:\n%s", text);
    assert_non_null(strstr(text, "or better than it takes in"));
    fix_free(&p->fix);
}

/* ------------------------------------------------------------ version 1 */

/* A model without components and grades (has_milk not even set, as a
 * version-1 model from the checker of this branch) builds the program it
 * always had: the same rows, columns and coefficients. */
static void test_no_components_same_program(void **state)
{
    (void)state;
    Prog *p = prog_new();
    fix_model(&p->fix, ONE_PLANT("1000 t"));
    p->fix.m->pay_by = -1;
    prog_build(p, NULL);
    glp_prob *P = p->lp.P;
    static const char *const rows[] = {"supply(north)", "intake(dairy)", "milk(dairy)",
                                       "output(dairy,milk32)", "stock(dairy,milk32)",
                                       "demand(d1)"};
    expect_names(P, true, rows, 6);
    static const char *const cols[] = {"x(north,dairy)", "y(dairy,milk32)", "s(dairy,d1)"};
    expect_names(P, false, cols, 3);
    int milk = row_named(P, "milk(dairy)");
    assert_near(coef(P, milk, 2), 1.02);
    assert_near(coef(P, milk, 1), -1);
    assert_near(glp_get_obj_coef(P, 1), -(820 + 17));
    assert_null(p->lp.row_comp);
    assert_null(p->lp.row_grade);
    fix_free(&p->fix);

    /* a single grade and components that no product contains add nothing */
    p = prog_new();
    Model *m = fix_model(&p->fix, ONE_PLANT("1000 t"));
    m->ngrades = 1;
    m->grades = named_list(&p->fix.arena, grade_names, 1);
    m->ncomponents = 2;
    m->components = named_list(&p->fix.arena, comp_names, 2);
    m->pay_by = -1;
    m->products[0].has_milk = true;
    m->farms[0].content = ratios(&p->fix.arena, 0.04, 0.032);
    prog_build(p, NULL);
    expect_names(p->lp.P, true, rows, 6);
    expect_names(p->lp.P, false, cols, 3);
    fix_free(&p->fix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_components_program, fix_close_leftovers),
        cmocka_unit_test_teardown(test_components_solved, fix_close_leftovers),
        cmocka_unit_test_teardown(test_components_report, fix_close_leftovers),
        cmocka_unit_test_teardown(test_pay_by, fix_close_leftovers),
        cmocka_unit_test_teardown(test_grades, fix_close_leftovers),
        cmocka_unit_test_teardown(test_grades_report, fix_close_leftovers),
        cmocka_unit_test_teardown(test_grade_nesting, fix_close_leftovers),
        cmocka_unit_test_teardown(test_no_components_same_program, fix_close_leftovers),
    };
    return cmocka_run_group_tests(tests, NULL, fix_close_leftovers);
}
