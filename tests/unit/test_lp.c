/* test_lp.c — unit tests for the code generator (src/lp.c).
 *
 * Small models are checked with check_text and compiled with lp_build; the
 * tests read the GLPK problem back and compare it, row by row and column by
 * column, with the program of language.md section 8 as docs/lp.md names it:
 * the number, order and names of rows and columns, their bounds, the
 * matrix, the objective and its constant, the binary `open` columns, and
 * what scenarios (`close plant`, `open plant`) change.  Every expected
 * number is worked out in the comments from the model text. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/arena.h"
#include "../../src/check.h"
#include "../../src/diag.h"
#include "../../src/lp.h"
#include "../../src/model.h"
#include "../../src/scenario.h"
#include "fixture.h"

/* ------------------------------------------------------------ fixture */

/* Check src (it must be a valid model); when scenario is not NULL apply it;
 * build the program into c->lp. */
static Prog *c_build(const char *src, const char *scenario)
{
    Prog *c = prog_new();
    fix_model(&c->fix, src);
    prog_build(c, scenario);
    return c;
}

/* ------------------------------------------------------------ helpers */

/* The objective constant: the fixed costs of plants that always run, the
 * cost of column `fixed_costs` fixed at 1 (0 when there is none). */
static double fixed_const(glp_prob *P)
{
    int n = glp_get_num_cols(P);
    if (n == 0 || strcmp(glp_get_col_name(P, n), "fixed_costs") != 0)
        return 0;
    assert_int_equal(glp_get_col_type(P, n), GLP_FX);
    assert_true(glp_get_col_lb(P, n) == 1);
    assert_true(glp_get_obj_coef(P, 0) == 0);
    return glp_get_obj_coef(P, n);
}

/* The columns of P, in order, are exactly `names` (and then the constant's
 * column `fixed_costs`, checked by fixed_const). */
static void expect_cols(glp_prob *P, const char *const *names, int n)
{
    int have = glp_get_num_cols(P);
    if (have > 0 && strcmp(glp_get_col_name(P, have), "fixed_costs") == 0 &&
        (n == 0 || strcmp(names[n - 1], "fixed_costs") != 0))
        have--;
    for (int j = 1; j <= have && j <= n; j++)
        if (strcmp(glp_get_col_name(P, j), names[j - 1]) != 0)
            fail_msg("column %d is %s, expected %s", j, glp_get_col_name(P, j), names[j - 1]);
    assert_int_equal(have, n);
}

static void expect_rows(glp_prob *P, const char *const *names, int n)
{
    int have = glp_get_num_rows(P);
    for (int i = 1; i <= have && i <= n; i++)
        if (strcmp(glp_get_row_name(P, i), names[i - 1]) != 0)
            fail_msg("row %d is %s, expected %s", i, glp_get_row_name(P, i), names[i - 1]);
    assert_int_equal(have, n);
}

static const char *type_name(int t)
{
    switch (t) {
    case GLP_FR: return "FR";
    case GLP_LO: return "LO";
    case GLP_UP: return "UP";
    case GLP_DB: return "DB";
    case GLP_FX: return "FX";
    default: return "?";
    }
}

static void expect_bounds(const char *what, const char *name, int type, double lb, double ub,
                          int want_type, double want_lb, double want_ub)
{
    if (type != want_type)
        fail_msg("%s %s: type %s, expected %s", what, name, type_name(type), type_name(want_type));
    if ((type == GLP_LO || type == GLP_DB || type == GLP_FX) &&
        !(fabs(lb - want_lb) <= 1e-9 * fmax(1, fabs(want_lb))))
        fail_msg("%s %s: lower bound %.17g, expected %.17g", what, name, lb, want_lb);
    if ((type == GLP_UP || type == GLP_DB) &&
        !(fabs(ub - want_ub) <= 1e-9 * fmax(1, fabs(want_ub))))
        fail_msg("%s %s: upper bound %.17g, expected %.17g", what, name, ub, want_ub);
}

/* Column `name` exists with these bounds and objective coefficient;
 * returns its index. */
static int expect_col(glp_prob *P, const char *name, int type, double lb, double ub, double obj)
{
    int j = col_named(P, name);
    if (!j)
        fail_msg("no column %s", name);
    expect_bounds("column", name, glp_get_col_type(P, j), glp_get_col_lb(P, j),
                  glp_get_col_ub(P, j), type, lb, ub);
    double c = glp_get_obj_coef(P, j);
    if (!(fabs(c - obj) <= 1e-9 * fmax(1, fabs(obj))))
        fail_msg("column %s: objective coefficient %.17g, expected %.17g", name, c, obj);
    return j;
}

/* Row `name` exists with these bounds and exactly the coefficients in
 * `coefs` ("x(a,p):1 open(q):-150", space-separated); returns its index. */
static int expect_row(glp_prob *P, const char *name, int type, double lb, double ub,
                      const char *coefs)
{
    int i = row_named(P, name);
    if (!i)
        fail_msg("no row %s", name);
    expect_bounds("row", name, glp_get_row_type(P, i), glp_get_row_lb(P, i),
                  glp_get_row_ub(P, i), type, lb, ub);
    int n = glp_get_num_cols(P);
    int *ind = calloc((size_t)n + 1, sizeof(int));
    double *val = calloc((size_t)n + 1, sizeof(double));
    assert_true(ind && val);
    int len = glp_get_mat_row(P, i, ind, val);
    char *spec = strdup(coefs);
    assert_non_null(spec);
    int want = 0;
    char *save = NULL;
    for (char *tok = strtok_r(spec, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        char *colon = strrchr(tok, ':');
        assert_non_null(colon);
        *colon = '\0';
        double v = strtod(colon + 1, NULL);
        int j = col_named(P, tok);
        if (!j)
            fail_msg("row %s: no column %s", name, tok);
        bool found = false;
        for (int k = 1; k <= len; k++)
            if (ind[k] == j) {
                found = true;
                if (!(fabs(val[k] - v) <= 1e-9 * fmax(1, fabs(v))))
                    fail_msg("row %s, column %s: %.17g, expected %.17g", name, tok, val[k], v);
            }
        if (!found)
            fail_msg("row %s has no coefficient for %s", name, tok);
        want++;
    }
    if (len != want) {
        for (int k = 1; k <= len; k++)
            fprintf(stderr, "  %s: %g\n", glp_get_col_name(P, ind[k]), val[k]);
        fail_msg("row %s has %d coefficients, expected %d", name, len, want);
    }
    free(spec);
    free(ind);
    free(val);
    return i;
}

/* ------------------------------------------------------------ models */

/* The columns of CHAIN2, the 2x2 chain of fixture.h. */
static const char *const chain_cols[] = {"x(a,p)",     "x(a,q)",     "x(b,p)", "x(b,q)",
                                         "y(p,whole)", "y(q,whole)", "s(p,d1)", "s(q,d1)"};
static const char *const chain_rows[] = {
    "supply(a)",       "supply(b)",      "intake(p)",       "milk(p)",
    "intake(q)",       "milk(q)",        "output(p,whole)", "stock(p,whole)",
    "output(q,whole)", "stock(q,whole)", "demand(d1)"};

/* The rows every variant of the chain shares (p is never optional). */
static void expect_chain_common_rows(glp_prob *P)
{
    expect_row(P, "supply(a)", GLP_DB, 0, 100, "x(a,p):1 x(a,q):1");
    expect_row(P, "supply(b)", GLP_DB, 0, 100, "x(b,p):1 x(b,q):1");
    expect_row(P, "intake(p)", GLP_DB, 0, 150, "x(a,p):1 x(b,p):1");
    expect_row(P, "milk(p)", GLP_UP, 0, 0, "x(a,p):-1 x(b,p):-1 y(p,whole):1");
    expect_row(P, "milk(q)", GLP_UP, 0, 0, "x(a,q):-1 x(b,q):-1 y(q,whole):1");
    expect_row(P, "output(p,whole)", GLP_DB, 0, 150, "y(p,whole):1");
    expect_row(P, "stock(p,whole)", GLP_UP, 0, 0, "y(p,whole):-1 s(p,d1):1");
    expect_row(P, "stock(q,whole)", GLP_UP, 0, 0, "y(q,whole):-1 s(q,d1):1");
    expect_row(P, "demand(d1)", GLP_DB, 120, 160, "s(p,d1):1 s(q,d1):1");
}

/* ------------------------------------------------------------ tests */

/* maximize profit.  Columns: x per milk route in route order, y per line,
 * s per product route and class; all continuous, >= 0.  Objective:
 *   x: -(farm price + route cost): a->p -(10+1), a->q -(10+5),
 *      b->p -(20+3), b->q -(20+2)
 *   y: -processing cost: -1, -2
 *   s: price - haulage: 100-4 = 96, 100-1 = 99
 *   constant: -(1000 + 500), the fixed costs of the two plants that always
 *   run. */
static void test_chain_profit(void **state)
{
    (void)state;
    Prog *c = c_build(CHAIN2("; fixed 500 BYN", "maximize profit", ""), NULL);
    Lp *lp = &c->lp;
    glp_prob *P = lp->P;
    expect_cols(P, chain_cols, 8);
    expect_rows(P, chain_rows, 11);
    assert_false(lp->mip);
    assert_int_equal(glp_get_obj_dir(P), GLP_MAX);
    assert_string_equal(glp_get_obj_name(P), "profit");
    assert_near(fixed_const(P), -1500);
    assert_near(lp->obj_const, -1500);
    assert_int_equal(glp_get_num_int(P), 0);

    expect_col(P, "x(a,p)", GLP_LO, 0, 0, -11);
    expect_col(P, "x(a,q)", GLP_LO, 0, 0, -15);
    expect_col(P, "x(b,p)", GLP_LO, 0, 0, -23);
    expect_col(P, "x(b,q)", GLP_LO, 0, 0, -22);
    expect_col(P, "y(p,whole)", GLP_LO, 0, 0, -1);
    expect_col(P, "y(q,whole)", GLP_LO, 0, 0, -2);
    expect_col(P, "s(p,d1)", GLP_LO, 0, 0, 96);
    expect_col(P, "s(q,d1)", GLP_LO, 0, 0, 99);
    for (int j = 1; j <= 8; j++)
        assert_int_equal(glp_get_col_kind(P, j), GLP_CV);

    expect_chain_common_rows(P);
    expect_row(P, "intake(q)", GLP_DB, 0, 150, "x(a,q):1 x(b,q):1");
    expect_row(P, "output(q,whole)", GLP_DB, 0, 150, "y(q,whole):1");

    /* the index arrays point at the named columns and rows */
    for (int r = 0; r < 4; r++)
        assert_int_equal(lp->col_x[r], r + 1);
    assert_int_equal(lp->col_x[4], 0); /* product routes have no x */
    assert_int_equal(lp->col_x[5], 0);
    assert_int_equal(lp->col_y[0], col_named(P, "y(p,whole)"));
    assert_int_equal(lp->col_y[1], col_named(P, "y(q,whole)"));
    assert_int_equal(lp->col_open[0], 0);
    assert_int_equal(lp->col_open[1], 0);
    assert_int_equal(lp->nships, 2);
    assert_int_equal(lp->col_s[0], col_named(P, "s(p,d1)"));
    assert_int_equal(lp->col_s[1], col_named(P, "s(q,d1)"));
    assert_int_equal(lp->ships[0].route, 4);
    assert_int_equal(lp->ships[0].plant, 0);
    assert_int_equal(lp->ships[0].line, 0);
    assert_int_equal(lp->ships[0].cls, 0);
    assert_near(lp->ships[0].haulage, 4);
    assert_near(lp->ships[0].unit_profit, 96);
    assert_int_equal(lp->ships[1].route, 5);
    assert_int_equal(lp->ships[1].plant, 1);
    assert_int_equal(lp->ships[1].line, 1);
    assert_near(lp->ships[1].haulage, 1);
    assert_near(lp->ships[1].unit_profit, 99);
    assert_near(lp->route_cost[0], 1);
    assert_near(lp->route_cost[1], 5);
    assert_near(lp->route_cost[2], 3);
    assert_near(lp->route_cost[3], 2);

    assert_int_equal(lp->nclasses, 1);
    assert_int_equal(lp->classes[0].market, 0);
    assert_int_equal(lp->classes[0].product, 0);
    assert_int_equal(lp->classes[0].strategy, -1);
    assert_int_equal(lp->classes[0].demand, 0);
    assert_near(lp->classes[0].volume.lo, 120);
    assert_near(lp->classes[0].volume.hi, 160);
    assert_near(lp->classes[0].price, 100);
    assert_near(lp->classes[0].service, 0);

    assert_int_equal(lp->row_supply[0], 1);
    assert_int_equal(lp->row_supply[1], 2);
    assert_int_equal(lp->row_intake[0], 3);
    assert_int_equal(lp->row_milk[0], 4);
    assert_int_equal(lp->row_intake[1], 5);
    assert_int_equal(lp->row_milk[1], 6);
    assert_int_equal(lp->row_intake_min[0], 0);
    assert_int_equal(lp->row_intake_min[1], 0);
    assert_int_equal(lp->row_output[0], 7);
    assert_int_equal(lp->row_stock[0], 8);
    assert_int_equal(lp->row_output[1], 9);
    assert_int_equal(lp->row_stock[1], 10);
    assert_int_equal(lp->row_output_min[0], 0);
    assert_int_equal(lp->row_output_min[1], 0);
    assert_int_equal(lp->row_demand[0], 11);
    static const int kinds[] = {0,         RK_SUPPLY, RK_SUPPLY, RK_INTAKE, RK_MILK, RK_INTAKE,
                                RK_MILK,   RK_OUTPUT, RK_STOCK,  RK_OUTPUT, RK_STOCK, RK_DEMAND};
    static const int owners[] = {0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0};
    for (int i = 1; i <= 11; i++) {
        assert_int_equal(lp->row_kind[i], kinds[i]);
        assert_int_equal(lp->row_index[i], owners[i]);
    }
    fix_free(&c->fix);
}

/* minimize cost: the same costs, positive, and no revenue: s carries only
 * its haulage (service 0); the constant is +1500. */
static void test_chain_cost(void **state)
{
    (void)state;
    Prog *c = c_build(CHAIN2("; fixed 500 BYN", "minimize cost", ""), NULL);
    glp_prob *P = c->lp.P;
    expect_cols(P, chain_cols, 8);
    expect_rows(P, chain_rows, 11);
    assert_int_equal(glp_get_obj_dir(P), GLP_MIN);
    assert_string_equal(glp_get_obj_name(P), "cost");
    assert_near(fixed_const(P), 1500);
    expect_col(P, "x(a,p)", GLP_LO, 0, 0, 11);
    expect_col(P, "x(a,q)", GLP_LO, 0, 0, 15);
    expect_col(P, "x(b,p)", GLP_LO, 0, 0, 23);
    expect_col(P, "x(b,q)", GLP_LO, 0, 0, 22);
    expect_col(P, "y(p,whole)", GLP_LO, 0, 0, 1);
    expect_col(P, "y(q,whole)", GLP_LO, 0, 0, 2);
    expect_col(P, "s(p,d1)", GLP_LO, 0, 0, 4);
    expect_col(P, "s(q,d1)", GLP_LO, 0, 0, 1);
    /* the constraints do not depend on the objective */
    expect_chain_common_rows(P);
    fix_free(&c->fix);
}

/* A model without fixed costs has no constant. */
static void test_chain_no_constant(void **state)
{
    (void)state;
    Prog *c = c_build("currency BYN\n"
                   "product whole { milk 1 t/t }\n"
                   "farm a { supply 100 t; price 10 BYN/t }\n"
                   "plant p { capacity 150 t; makes whole 150 t cost 1 BYN/t }\n"
                   "market city { demand whole 160 t price 100 BYN/t }\n"
                   "routes {\n"
                   "  from to   cost\n"
                   "  a    p    1 BYN/t\n"
                   "  p    city 4 BYN/t\n"
                   "}\n",
                   NULL);
    glp_prob *P = c->lp.P;
    assert_near(fixed_const(P), 0);
    /* a single volume means 0..160 t */
    expect_row(P, "demand(d1)", GLP_DB, 0, 160, "s(p,d1):1");
    /* the default objective is maximize profit */
    assert_int_equal(glp_get_obj_dir(P), GLP_MAX);
    fix_free(&c->fix);
}

/* q optional, with minimums: intake 80..150 t, output 70..150 t, fixed
 * 100.  open(q) is the first column, binary, with objective -100 (the fixed
 * cost, paid only when open); p's fixed 1000 stays a constant.  q's rows
 * become
 *   intake(q)          x(a,q) + x(b,q) - 150 open(q) <= 0
 *   intake_min(q)      x(a,q) + x(b,q) -  80 open(q) >= 0
 *   output(q,whole)    y(q,whole) - 150 open(q) <= 0
 *   output_min(q,whole) y(q,whole) - 70 open(q) >= 0
 * while p, always open with intake 10..150 t, keeps one ranged row and no
 * intake_min. */
#define OPTIONAL_MIN                                                                               \
    "currency BYN\n"                                                                               \
    "product whole { milk 1 t/t }\n"                                                               \
    "farm a { supply 100 t; price 10 BYN/t }\n"                                                    \
    "farm b { supply 100 t; price 20 BYN/t }\n"                                                    \
    "plant p { capacity 10..150 t; makes whole 150 t cost 1 BYN/t; fixed 1000 BYN }\n"             \
    "plant q { capacity 80..150 t; makes whole 70..150 t cost 2 BYN/t; fixed 100 BYN; optional }\n" \
    "market city { demand whole 120..160 t price 100 BYN/t }\n"                                    \
    "routes {\n"                                                                                   \
    "  from to   cost\n"                                                                           \
    "  a    p    1 BYN/t\n"                                                                        \
    "  a    q    5 BYN/t\n"                                                                        \
    "  b    p    3 BYN/t\n"                                                                        \
    "  b    q    2 BYN/t\n"                                                                        \
    "  p    city 4 BYN/t\n"                                                                        \
    "  q    city 1 BYN/t\n"                                                                        \
    "}\n"

static void test_optional_structure(void **state)
{
    (void)state;
    Prog *c = c_build(OPTIONAL_MIN, NULL);
    Lp *lp = &c->lp;
    glp_prob *P = lp->P;
    static const char *const cols[] = {"open(q)", "x(a,p)",     "x(a,q)",     "x(b,p)", "x(b,q)",
                                       "y(p,whole)", "y(q,whole)", "s(p,d1)", "s(q,d1)"};
    static const char *const rows[] = {
        "supply(a)",       "supply(b)",          "intake(p)",       "milk(p)",
        "intake(q)",       "intake_min(q)",      "milk(q)",         "output(p,whole)",
        "stock(p,whole)",  "output(q,whole)",    "output_min(q,whole)", "stock(q,whole)",
        "demand(d1)"};
    expect_cols(P, cols, 9);
    expect_rows(P, rows, 13);
    assert_true(lp->mip);
    assert_int_equal(lp->col_open[0], 0);
    assert_int_equal(lp->col_open[1], 1);
    expect_col(P, "open(q)", GLP_DB, 0, 1, -100);
    assert_int_equal(glp_get_col_kind(P, 1), GLP_BV);
    assert_int_equal(glp_get_num_int(P), 1);
    assert_int_equal(glp_get_num_bin(P), 1);
    for (int j = 2; j <= 9; j++)
        assert_int_equal(glp_get_col_kind(P, j), GLP_CV);
    assert_near(fixed_const(P), -1000);

    expect_row(P, "intake(p)", GLP_DB, 10, 150, "x(a,p):1 x(b,p):1");
    expect_row(P, "intake(q)", GLP_UP, 0, 0, "x(a,q):1 x(b,q):1 open(q):-150");
    expect_row(P, "intake_min(q)", GLP_LO, 0, 0, "x(a,q):1 x(b,q):1 open(q):-80");
    expect_row(P, "milk(q)", GLP_UP, 0, 0, "x(a,q):-1 x(b,q):-1 y(q,whole):1");
    expect_row(P, "output(p,whole)", GLP_DB, 0, 150, "y(p,whole):1");
    expect_row(P, "output(q,whole)", GLP_UP, 0, 0, "y(q,whole):1 open(q):-150");
    expect_row(P, "output_min(q,whole)", GLP_LO, 0, 0, "y(q,whole):1 open(q):-70");
    expect_row(P, "stock(q,whole)", GLP_UP, 0, 0, "y(q,whole):-1 s(q,d1):1");

    assert_int_equal(lp->row_intake_min[0], 0);
    assert_int_equal(lp->row_intake_min[1], 6);
    assert_int_equal(lp->row_output_min[0], 0);
    assert_int_equal(lp->row_output_min[1], 11);
    assert_int_equal(lp->row_kind[6], RK_INTAKE_MIN);
    assert_int_equal(lp->row_index[6], 1);
    assert_int_equal(lp->row_kind[11], RK_OUTPUT_MIN);
    assert_int_equal(lp->row_index[11], 1);
    assert_int_equal(lp->row_kind[5], RK_INTAKE);
    assert_int_equal(lp->row_kind[10], RK_OUTPUT);
    fix_free(&c->fix);
}

/* An optional plant without minimums has no intake_min / output_min rows;
 * minimising cost, its fixed cost enters open(q) positively. */
static void test_optional_no_minimums(void **state)
{
    (void)state;
    Prog *c = c_build(CHAIN2("; fixed 5000 BYN; optional", "minimize cost", ""), NULL);
    glp_prob *P = c->lp.P;
    static const char *const cols[] = {"open(q)", "x(a,p)",     "x(a,q)",     "x(b,p)", "x(b,q)",
                                       "y(p,whole)", "y(q,whole)", "s(p,d1)", "s(q,d1)"};
    expect_cols(P, cols, 9);
    expect_rows(P, chain_rows, 11);
    assert_true(c->lp.mip);
    expect_col(P, "open(q)", GLP_DB, 0, 1, 5000);
    assert_int_equal(glp_get_col_kind(P, 1), GLP_BV);
    assert_near(fixed_const(P), 1000);
    expect_row(P, "intake(q)", GLP_UP, 0, 0, "x(a,q):1 x(b,q):1 open(q):-150");
    expect_row(P, "output(q,whole)", GLP_UP, 0, 0, "y(q,whole):1 open(q):-150");
    expect_chain_common_rows(P);
    fix_free(&c->fix);
}

/* `close plant q` on a plant that always runs: q keeps its columns, fixed
 * at 0, and its rows (intake and output become <= 0); its fixed cost
 * leaves the constant: -1000 only. */
static void test_scenario_close(void **state)
{
    (void)state;
    Prog *c = c_build(CHAIN2("; fixed 500 BYN", "maximize profit", "scenario shut { close plant q }\n"),
                   "shut");
    Lp *lp = &c->lp;
    glp_prob *P = lp->P;
    expect_cols(P, chain_cols, 8);
    expect_rows(P, chain_rows, 11);
    assert_false(lp->mip);
    assert_near(fixed_const(P), -1000);
    expect_col(P, "x(a,p)", GLP_LO, 0, 0, -11);
    expect_col(P, "x(a,q)", GLP_FX, 0, 0, -15);
    expect_col(P, "x(b,q)", GLP_FX, 0, 0, -22);
    expect_col(P, "y(q,whole)", GLP_FX, 0, 0, -2);
    expect_col(P, "s(q,d1)", GLP_FX, 0, 0, 99);
    expect_col(P, "s(p,d1)", GLP_LO, 0, 0, 96);
    expect_row(P, "intake(q)", GLP_UP, 0, 0, "x(a,q):1 x(b,q):1");
    expect_row(P, "output(q,whole)", GLP_UP, 0, 0, "y(q,whole):1");
    expect_chain_common_rows(P);
    fix_free(&c->fix);

    /* an optional plant closed: no open column, no fixed cost, no MIP */
    c = c_build(CHAIN2("; fixed 5000 BYN; optional", "maximize profit",
                       "scenario shut { close plant q }\n"),
                "shut");
    P = c->lp.P;
    expect_cols(P, chain_cols, 8);
    expect_rows(P, chain_rows, 11);
    assert_false(c->lp.mip);
    assert_int_equal(c->lp.col_open[1], 0);
    assert_int_equal(glp_get_num_int(P), 0);
    assert_near(fixed_const(P), -1000);
    expect_col(P, "x(b,q)", GLP_FX, 0, 0, -22);
    expect_row(P, "intake(q)", GLP_UP, 0, 0, "x(a,q):1 x(b,q):1");
    fix_free(&c->fix);
}

/* `open plant q` on an optional plant fixes open(q) at 1; the column stays
 * an integer one, and its fixed cost stays on it. */
static void test_scenario_open(void **state)
{
    (void)state;
    Prog *c = c_build(CHAIN2("; fixed 5000 BYN; optional", "maximize profit",
                          "scenario keep { open plant q }\n"),
                   "keep");
    glp_prob *P = c->lp.P;
    assert_true(c->lp.mip);
    assert_int_equal(c->lp.col_open[1], 1);
    expect_col(P, "open(q)", GLP_FX, 1, 1, -5000);
    assert_int_equal(glp_get_col_kind(P, 1), GLP_IV);
    assert_near(fixed_const(P), -1000);
    expect_row(P, "intake(q)", GLP_UP, 0, 0, "x(a,q):1 x(b,q):1 open(q):-150");
    fix_free(&c->fix);
}

/* Haulage:
 *   a -> p by distance: the milk rate 0.5 x 10 km = 5       x(a,p): -(10 + 5)
 *   b -> p by cost 7                                        x(b,p): -(12 + 7)
 *   p -> near by distance 20 km, per product:
 *     butter, its own `transport` 0.8: 16        s(p,d1) = 900 - 16 = 884
 *     cream, its line in `transport` 0.7: 14     s(p,d2) = 300 - 14 = 286
 *     skim, the `product` default 0.6: 12        s(p,d3) =  50 - 12 =  38
 *   p -> far by cost 9, whatever the product:    s(p,d4) = 950 -  9 = 941
 * Classes are the demand lines in order (d1..d3 near, d4 far); the
 * shipments follow the routes (p->near is declared before p->far). */
#define RATES(OBJECTIVE)                                                                           \
    "currency BYN\n"                                                                               \
    "product butter { milk 20 t/t; transport 0.8 BYN/t/km }\n"                                     \
    "product cream { milk 5 t/t }\n"                                                               \
    "product skim { milk 1 t/t }\n"                                                                \
    "farm a { supply 1000 t; price 10 BYN/t }\n"                                                   \
    "farm b { supply 1000 t; price 12 BYN/t }\n"                                                   \
    "plant p {\n"                                                                                  \
    "  capacity 2000 t\n"                                                                          \
    "  makes butter 50 t cost 100 BYN/t\n"                                                         \
    "  makes cream 100 t cost 30 BYN/t\n"                                                          \
    "  makes skim 500 t cost 5 BYN/t\n"                                                            \
    "}\n"                                                                                          \
    "market near {\n"                                                                              \
    "  demand butter 0..40 t price 900 BYN/t\n"                                                    \
    "  demand cream 0..80 t price 300 BYN/t\n"                                                     \
    "  demand skim 0..400 t price 50 BYN/t\n"                                                      \
    "}\n"                                                                                          \
    "market far { demand butter 0..40 t price 950 BYN/t }\n"                                       \
    "transport { milk 0.5 BYN/t/km; product 0.6 BYN/t/km; cream 0.7 BYN/t/km }\n"                  \
    "routes {\n"                                                                                   \
    "  from to   distance\n"                                                                       \
    "  a    p    10 km\n"                                                                          \
    "  p    near 20 km\n"                                                                          \
    "}\n"                                                                                          \
    "routes {\n"                                                                                   \
    "  from to  cost\n"                                                                            \
    "  b    p   7 BYN/t\n"                                                                         \
    "  p    far 9 BYN/t\n"                                                                         \
    "}\n"                                                                                          \
    "objective " OBJECTIVE "\n"

static void test_route_costs(void **state)
{
    (void)state;
    Prog *c = c_build(RATES("maximize profit"), NULL);
    Lp *lp = &c->lp;
    const Model *m = c->fix.m;
    glp_prob *P = lp->P;
    static const char *const cols[] = {"x(a,p)",      "x(b,p)",  "y(p,butter)", "y(p,cream)",
                                       "y(p,skim)",   "s(p,d1)", "s(p,d2)",     "s(p,d3)",
                                       "s(p,d4)"};
    expect_cols(P, cols, 9);
    /* routes in declaration order: a->p, p->near, b->p, p->far */
    assert_int_equal(m->nroutes, 4);
    assert_near(lp->route_cost[0], 5);
    assert_near(lp->route_cost[2], 7);
    assert_near(lp_route_cost(m, 0, 0), 5);
    assert_near(lp_route_cost(m, 2, 0), 7);
    assert_near(lp_route_cost(m, 1, 0), 16);
    assert_near(lp_route_cost(m, 1, 1), 14);
    assert_near(lp_route_cost(m, 1, 2), 12);
    assert_near(lp_route_cost(m, 3, 0), 9);
    assert_near(lp_route_cost(m, 3, 2), 9);
    expect_col(P, "x(a,p)", GLP_LO, 0, 0, -15);
    expect_col(P, "x(b,p)", GLP_LO, 0, 0, -19);
    expect_col(P, "y(p,butter)", GLP_LO, 0, 0, -100);
    expect_col(P, "y(p,cream)", GLP_LO, 0, 0, -30);
    expect_col(P, "y(p,skim)", GLP_LO, 0, 0, -5);
    expect_col(P, "s(p,d1)", GLP_LO, 0, 0, 884);
    expect_col(P, "s(p,d2)", GLP_LO, 0, 0, 286);
    expect_col(P, "s(p,d3)", GLP_LO, 0, 0, 38);
    expect_col(P, "s(p,d4)", GLP_LO, 0, 0, 941);
    assert_int_equal(lp->nships, 4);
    static const double haul[] = {16, 14, 12, 9};
    static const int cls[] = {0, 1, 2, 3}, line[] = {0, 1, 2, 0}, route[] = {1, 1, 1, 3};
    for (int s = 0; s < 4; s++) {
        assert_near(lp->ships[s].haulage, haul[s]);
        assert_int_equal(lp->ships[s].cls, cls[s]);
        assert_int_equal(lp->ships[s].line, line[s]);
        assert_int_equal(lp->ships[s].route, route[s]);
    }
    /* the milk balance weighs each line by its product's norm; both
     * classes of butter draw on the butter line */
    expect_row(P, "milk(p)", GLP_UP, 0, 0,
               "x(a,p):-1 x(b,p):-1 y(p,butter):20 y(p,cream):5 y(p,skim):1");
    expect_row(P, "stock(p,butter)", GLP_UP, 0, 0, "y(p,butter):-1 s(p,d1):1 s(p,d4):1");
    expect_row(P, "stock(p,cream)", GLP_UP, 0, 0, "y(p,cream):-1 s(p,d2):1");
    expect_row(P, "demand(d4)", GLP_DB, 0, 40, "s(p,d4):1");
    fix_free(&c->fix);

    /* minimising cost, s carries the haulage alone */
    c = c_build(RATES("minimize cost"), NULL);
    P = c->lp.P;
    expect_col(P, "x(a,p)", GLP_LO, 0, 0, 15);
    expect_col(P, "x(b,p)", GLP_LO, 0, 0, 19);
    expect_col(P, "s(p,d1)", GLP_LO, 0, 0, 16);
    expect_col(P, "s(p,d2)", GLP_LO, 0, 0, 14);
    expect_col(P, "s(p,d3)", GLP_LO, 0, 0, 12);
    expect_col(P, "s(p,d4)", GLP_LO, 0, 0, 9);
    fix_free(&c->fix);
}

/* Only listed routes and lines make variables:
 *   milk routes a->p and b->q only (no a->q, b->p);
 *   p makes butter only, q cream only;
 *   city wants butter (d1), cream (d2) and skim (d3, which no plant makes);
 *   town wants butter (d4) but only q, which makes no butter, reaches it.
 * Columns: x(a,p) x(b,q) y(p,butter) y(q,cream) s(p,d1) s(q,d2).  Every
 * class still has its demand row, d3 and d4 empty. */
static void test_listed_only(void **state)
{
    (void)state;
    Prog *c = c_build("currency BYN\n"
                   "product butter { milk 20 t/t }\n"
                   "product cream { milk 5 t/t }\n"
                   "product skim { milk 1 t/t }\n"
                   "farm a { supply 1000 t; price 10 BYN/t }\n"
                   "farm b { supply 1000 t; price 12 BYN/t }\n"
                   "plant p { capacity 2000 t; makes butter 50 t cost 100 BYN/t }\n"
                   "plant q { capacity 2000 t; makes cream 100 t cost 30 BYN/t }\n"
                   "market city {\n"
                   "  demand butter 0..40 t price 900 BYN/t\n"
                   "  demand cream 0..80 t price 300 BYN/t\n"
                   "  demand skim 0..400 t price 50 BYN/t\n"
                   "}\n"
                   "market town { demand butter 0..10 t price 950 BYN/t }\n"
                   "routes {\n"
                   "  from to   cost\n"
                   "  a    p    1 BYN/t\n"
                   "  b    q    2 BYN/t\n"
                   "  p    city 3 BYN/t\n"
                   "  q    city 4 BYN/t\n"
                   "  q    town 5 BYN/t\n"
                   "}\n",
                   NULL);
    Lp *lp = &c->lp;
    glp_prob *P = lp->P;
    static const char *const cols[] = {"x(a,p)",     "x(b,q)",  "y(p,butter)",
                                       "y(q,cream)", "s(p,d1)", "s(q,d2)"};
    static const char *const rows[] = {
        "supply(a)",  "supply(b)",      "intake(p)",      "milk(p)",    "intake(q)",
        "milk(q)",    "output(p,butter)", "stock(p,butter)", "output(q,cream)", "stock(q,cream)",
        "demand(d1)", "demand(d2)",     "demand(d3)",     "demand(d4)"};
    expect_cols(P, cols, 6);
    expect_rows(P, rows, 14);
    assert_int_equal(lp->nships, 2);
    assert_int_equal(lp->nclasses, 4);
    assert_int_equal(col_named(P, "x(a,q)"), 0);
    assert_int_equal(col_named(P, "x(b,p)"), 0);
    assert_int_equal(col_named(P, "s(q,d1)"), 0);
    assert_int_equal(col_named(P, "s(p,d2)"), 0);
    assert_int_equal(col_named(P, "s(q,d4)"), 0);
    expect_row(P, "supply(a)", GLP_DB, 0, 1000, "x(a,p):1");
    expect_row(P, "supply(b)", GLP_DB, 0, 1000, "x(b,q):1");
    expect_row(P, "demand(d1)", GLP_DB, 0, 40, "s(p,d1):1");
    expect_row(P, "demand(d2)", GLP_DB, 0, 80, "s(q,d2):1");
    expect_row(P, "demand(d3)", GLP_DB, 0, 400, "");
    expect_row(P, "demand(d4)", GLP_DB, 0, 10, "");
    expect_col(P, "s(p,d1)", GLP_LO, 0, 0, 900 - 3);
    expect_col(P, "s(q,d2)", GLP_LO, 0, 0, 300 - 4);
    fix_free(&c->fix);
}

/* Equal demand bounds make a fixed row; a farm's contracted minimum a
 * ranged one. */
static void test_bound_types(void **state)
{
    (void)state;
    Prog *c = c_build("currency BYN\n"
                   "product whole { milk 1.25 t/t }\n"
                   "farm a { supply 150..200 t; price 10 BYN/t }\n"
                   "plant p { capacity 300 t; makes whole 20..100 t cost 1 BYN/t }\n"
                   "market city { demand whole 25..25 t price 100 BYN/t }\n"
                   "routes {\n"
                   "  from to   cost\n"
                   "  a    p    1 BYN/t\n"
                   "  p    city 4 BYN/t\n"
                   "}\n",
                   NULL);
    glp_prob *P = c->lp.P;
    expect_row(P, "supply(a)", GLP_DB, 150, 200, "x(a,p):1");
    expect_row(P, "intake(p)", GLP_DB, 0, 300, "x(a,p):1");
    expect_row(P, "milk(p)", GLP_UP, 0, 0, "x(a,p):-1 y(p,whole):1.25");
    expect_row(P, "output(p,whole)", GLP_DB, 20, 100, "y(p,whole):1");
    expect_row(P, "demand(d1)", GLP_FX, 25, 25, "s(p,d1):1");
    fix_free(&c->fix);
}

/* lp_ident: plain ASCII identifiers of at most 60 bytes stay; anything
 * else becomes the kind's letter and the 1-based position. */
static void test_ident(void **state)
{
    (void)state;
    char buf[80];
    lp_ident("north", 'f', 0, buf, sizeof buf);
    assert_string_equal(buf, "north");
    lp_ident("city_dairy", 'p', 3, buf, sizeof buf);
    assert_string_equal(buf, "city_dairy");
    lp_ident("_x9", 'k', 0, buf, sizeof buf);
    assert_string_equal(buf, "_x9");
    lp_ident("minsk_1", 'p', 0, buf, sizeof buf);
    assert_string_equal(buf, "minsk_1");
    lp_ident("Смолевичи", 'f', 11, buf, sizeof buf);
    assert_string_equal(buf, "f12");
    lp_ident("north_Смолевичи", 'f', 0, buf, sizeof buf);
    assert_string_equal(buf, "f1");
    lp_ident("молоко", 'k', 1, buf, sizeof buf);
    assert_string_equal(buf, "k2");
    lp_ident("", 'p', 2, buf, sizeof buf);
    assert_string_equal(buf, "p3");
    lp_ident("9north", 'f', 0, buf, sizeof buf);
    assert_string_equal(buf, "f1");
    char name[70];
    memset(name, 'a', 60);
    name[60] = '\0';
    lp_ident(name, 'p', 0, buf, sizeof buf);
    assert_string_equal(buf, name); /* 60 bytes: kept */
    name[60] = 'a';
    name[61] = '\0';
    lp_ident(name, 'p', 6, buf, sizeof buf);
    assert_string_equal(buf, "p7"); /* 61 bytes: replaced */
    /* a small buffer truncates, never overflows */
    char small[4];
    lp_ident("northern", 'f', 0, small, sizeof small);
    assert_string_equal(small, "nor");
}

#define LONG60 "plant_with_a_name_of_exactly_sixty_bytes_0123456789012345678"
#define LONG61 "plant_with_a_name_of_exactly_sixtyone_bytes_01234567890123456"

/* The fallbacks in the program: Cyrillic farm (2nd) and product (1st)
 * names, and a 61-byte plant name (2nd), become f2, k1 and p2; the 60-byte
 * name is kept.  Market names never appear (classes are dN). */
static void test_names_fallback(void **state)
{
    (void)state;
    assert_int_equal(strlen(LONG60), 60);
    assert_int_equal(strlen(LONG61), 61);
    Prog *c = c_build("currency BYN\n"
                   "product молоко { milk 1 t/t }\n"
                   "farm north { supply 100 t; price 10 BYN/t }\n"
                   "farm ферма { supply 100 t; price 20 BYN/t }\n"
                   "plant " LONG60 " { capacity 150 t; makes молоко 150 t cost 1 BYN/t }\n"
                   "plant " LONG61 " { capacity 150 t; makes молоко 150 t cost 2 BYN/t;"
                   " fixed 9 BYN; optional }\n"
                   "market город { demand молоко 120..160 t price 100 BYN/t }\n"
                   "routes {\n"
                   "  from  to     cost\n"
                   "  north " LONG60 " 1 BYN/t\n"
                   "  ферма " LONG61 " 2 BYN/t\n"
                   "  " LONG60 " город 4 BYN/t\n"
                   "  " LONG61 " город 1 BYN/t\n"
                   "}\n",
                   NULL);
    glp_prob *P = c->lp.P;
    static const char *const cols[] = {"open(p2)", "x(north," LONG60 ")", "x(f2,p2)",
                                       "y(" LONG60 ",k1)", "y(p2,k1)", "s(" LONG60 ",d1)",
                                       "s(p2,d1)"};
    static const char *const rows[] = {
        "supply(north)", "supply(f2)", "intake(" LONG60 ")", "milk(" LONG60 ")",
        "intake(p2)",    "milk(p2)",   "output(" LONG60 ",k1)", "stock(" LONG60 ",k1)",
        "output(p2,k1)", "stock(p2,k1)", "demand(d1)"};
    expect_cols(P, cols, 7);
    expect_rows(P, rows, 11);
    fix_free(&c->fix);
}

/* A replaced name may equal another entity's own name: farm `f2` and the
 * Cyrillic second farm both come out as `f2`.  Row and column names must
 * still tell the entities apart (GLPK's LP reader merges columns of the
 * same name and rejects a repeated row name, so `dairy emit lp` would write
 * a file that is not the model's program). */
static void test_names_unique(void **state)
{
    (void)state;
    Prog *c = c_build("currency BYN\n"
                   "product молоко { milk 1 t/t }\n"
                   "farm f2 { supply 100 t; price 10 BYN/t }\n"
                   "farm ферма { supply 100 t; price 20 BYN/t }\n"
                   "plant p { capacity 150 t; makes молоко 150 t cost 1 BYN/t }\n"
                   "market city { demand молоко 120..160 t price 100 BYN/t }\n"
                   "routes {\n"
                   "  from  to   cost\n"
                   "  f2    p    1 BYN/t\n"
                   "  ферма p    3 BYN/t\n"
                   "  p     city 4 BYN/t\n"
                   "}\n",
                   NULL);
    glp_prob *P = c->lp.P;
    int n = glp_get_num_cols(P), m = glp_get_num_rows(P);
    for (int j = 1; j <= n; j++)
        for (int k = j + 1; k <= n; k++)
            if (strcmp(glp_get_col_name(P, j), glp_get_col_name(P, k)) == 0)
                fail_msg("columns %d and %d are both named %s", j, k, glp_get_col_name(P, j));
    for (int i = 1; i <= m; i++)
        for (int k = i + 1; k <= m; k++)
            if (strcmp(glp_get_row_name(P, i), glp_get_row_name(P, k)) == 0)
                fail_msg("rows %d and %d are both named %s", i, k, glp_get_row_name(P, i));
    fix_free(&c->fix);
}

/* The same model builds the same program every time. */
static void test_build_deterministic(void **state)
{
    (void)state;
    Prog *a = c_build(OPTIONAL_MIN, NULL), *b = c_build(OPTIONAL_MIN, NULL);
    glp_prob *P = a->lp.P, *Q = b->lp.P;
    assert_int_equal(glp_get_num_cols(P), glp_get_num_cols(Q));
    assert_int_equal(glp_get_num_rows(P), glp_get_num_rows(Q));
    assert_int_equal(glp_get_num_nz(P), glp_get_num_nz(Q));
    int n = glp_get_num_cols(P);
    int *i1 = calloc((size_t)n + 1, sizeof(int)), *i2 = calloc((size_t)n + 1, sizeof(int));
    double *v1 = calloc((size_t)n + 1, sizeof(double)), *v2 = calloc((size_t)n + 1, sizeof(double));
    assert_true(i1 && i2 && v1 && v2);
    for (int i = 1; i <= glp_get_num_rows(P); i++) {
        assert_string_equal(glp_get_row_name(P, i), glp_get_row_name(Q, i));
        int l1 = glp_get_mat_row(P, i, i1, v1), l2 = glp_get_mat_row(Q, i, i2, v2);
        assert_int_equal(l1, l2);
        assert_memory_equal(i1 + 1, i2 + 1, sizeof(int) * (size_t)l1);
        assert_memory_equal(v1 + 1, v2 + 1, sizeof(double) * (size_t)l1);
    }
    for (int j = 1; j <= n; j++) {
        assert_string_equal(glp_get_col_name(P, j), glp_get_col_name(Q, j));
        assert_true(glp_get_obj_coef(P, j) == glp_get_obj_coef(Q, j));
    }
    free(i1);
    free(i2);
    free(v1);
    free(v2);
    fix_free(&a->fix);
    fix_free(&b->fix);
}

/* lp_free leaves the Lp zeroed, so freeing twice is harmless. */
static void test_free_twice(void **state)
{
    (void)state;
    Prog *c = c_build(CHAIN2("", "maximize profit", ""), NULL);
    lp_free(&c->lp);
    assert_null(c->lp.P);
    assert_null(c->lp.col_x);
    lp_free(&c->lp);
    fix_free(&c->fix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_chain_profit, fix_close_leftovers),
        cmocka_unit_test_teardown(test_chain_cost, fix_close_leftovers),
        cmocka_unit_test_teardown(test_chain_no_constant, fix_close_leftovers),
        cmocka_unit_test_teardown(test_optional_structure, fix_close_leftovers),
        cmocka_unit_test_teardown(test_optional_no_minimums, fix_close_leftovers),
        cmocka_unit_test_teardown(test_scenario_close, fix_close_leftovers),
        cmocka_unit_test_teardown(test_scenario_open, fix_close_leftovers),
        cmocka_unit_test_teardown(test_route_costs, fix_close_leftovers),
        cmocka_unit_test_teardown(test_listed_only, fix_close_leftovers),
        cmocka_unit_test_teardown(test_bound_types, fix_close_leftovers),
        cmocka_unit_test(test_ident),
        cmocka_unit_test_teardown(test_names_fallback, fix_close_leftovers),
        cmocka_unit_test_teardown(test_names_unique, fix_close_leftovers),
        cmocka_unit_test_teardown(test_build_deterministic, fix_close_leftovers),
        cmocka_unit_test_teardown(test_free_twice, fix_close_leftovers),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    glp_free_env(); /* GLPK's own state, so that valgrind sees nothing left */
    return rc;
}
