/* test_solve_status.c — the solver statuses a checked model cannot reach by
 * itself (src/solve.c), and how the report words them (src/report.c).
 *
 * Every variable of a model's program has an upper bound and every bound a
 * model writes is consistent, so unbounded programs, GLPK's refusals and
 * integer searches without a solution only arise when the program is
 * changed after lp_build.  These tests make those changes to the GLPK
 * problem of a small model (bounds and rows only, and columns added after
 * the last: the Lp's maps of its own columns and rows stay true), then
 * check the status, the message and the report's words.  A program without
 * columns comes from a model without plants. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/lp.h"
#include "../../src/report.h"
#include "../../src/solve.h"
#include "fixture.h"

/* Check src and build its program, not yet solved. */
static Prog *c_build(const char *src)
{
    Prog *c = prog_new();
    fix_model(&c->fix, src);
    prog_build(c, NULL);
    return c;
}

static int c_solve(Prog *c)
{
    SolveOptions so = {false};
    return solve_run(&c->lp, &so, &c->sol);
}

static const char *const one_plant = ONE_PLANT("9_000 t");

static const char *const cost_model =
    "currency BYN\n"
    "objective minimize cost\n"
    "product milk32 { milk 1.02 t/t }\n"
    "farm north { supply 9_000 t; price 820 BYN/t }\n"
    "plant dairy { capacity 15_000 t; makes milk32 9_000 t cost 95 BYN/t }\n"
    "market city { demand milk32 1_000..8_000 t price 1_450 BYN/t }\n"
    "routes {\n"
    "  from   to     cost\n"
    "  north  dairy  17 BYN/t\n"
    "  dairy  city   7 BYN/t\n"
    "}\n";

static const char *const optional_plant =
    "currency BYN\n"
    "product milk32 { milk 1.02 t/t }\n"
    "farm north { supply 9_000 t; price 820 BYN/t }\n"
    "plant dairy { optional; fixed 1_000 BYN; capacity 1_000..15_000 t\n"
    "              makes milk32 9_000 t cost 95 BYN/t }\n"
    "market city { demand milk32 8_000 t price 1_450 BYN/t }\n"
    "routes {\n"
    "  from   to     cost\n"
    "  north  dairy  17 BYN/t\n"
    "  dairy  city   7 BYN/t\n"
    "}\n";

/* A column without an upper bound that earns money on its own: the profit
 * grows without limit (presolve finds no dual feasible solution). */
static void unbounded_profit(void **state)
{
    (void)state;
    Prog *c = c_build(one_plant);
    int j = glp_add_cols(c->lp.P, 1);
    glp_set_col_bnds(c->lp.P, j, GLP_LO, 0, 0);
    glp_set_obj_coef(c->lp.P, j, 1);
    assert_int_equal(c_solve(c), 0);
    assert_int_equal(c->sol.status, SOL_UNBOUNDED);
    assert_int_equal(c->sol.nshortfalls, 0);
    const char *t = prog_report(c, false);
    assert_non_null(strstr(t, "status: unbounded — the profit can grow without limit"));
    t = prog_report(c, true);
    assert_non_null(strstr(t, "\"status\": \"unbounded\""));
    assert_non_null(strstr(t, "\"objective\": null"));
    fix_free(&c->fix);
}

/* The same under `minimize cost`: the cost can fall without limit. */
static void unbounded_cost(void **state)
{
    (void)state;
    Prog *c = c_build(cost_model);
    int j = glp_add_cols(c->lp.P, 1);
    glp_set_col_bnds(c->lp.P, j, GLP_LO, 0, 0);
    glp_set_obj_coef(c->lp.P, j, -1);
    assert_int_equal(c_solve(c), 0);
    assert_int_equal(c->sol.status, SOL_UNBOUNDED);
    const char *t = prog_report(c, false);
    assert_non_null(strstr(t, "status: unbounded — the cost can fall without limit"));
    fix_free(&c->fix);
}

/* A MIP whose relaxation is unbounded stops there, before any search. */
static void unbounded_relaxation(void **state)
{
    (void)state;
    Prog *c = c_build(optional_plant);
    assert_true(c->lp.mip);
    int j = glp_add_cols(c->lp.P, 1);
    glp_set_col_bnds(c->lp.P, j, GLP_LO, 0, 0);
    glp_set_obj_coef(c->lp.P, j, 1);
    assert_int_equal(c_solve(c), 0);
    assert_int_equal(c->sol.status, SOL_UNBOUNDED);
    fix_free(&c->fix);
}

/* Bounds GLPK refuses (lower above upper): the simplex fails with and
 * without presolve; solve returns -1 with GLPK's code, and the report says
 * the solver failed and what it said. */
static void simplex_refuses_bounds(void **state)
{
    (void)state;
    Prog *c = c_build(one_plant);
    glp_set_col_bnds(c->lp.P, 1, GLP_DB, 5, 1);
    assert_int_equal(c_solve(c), -1);
    assert_int_equal(c->sol.status, SOL_FAILED);
    char want[64];
    snprintf(want, sizeof want, "glp_simplex failed (code %d)", GLP_EBOUND);
    assert_string_equal(c->sol.message, want);
    const char *t = prog_report(c, false);
    assert_non_null(strstr(t, "status: failed — the solver stopped without finding a plan\n"));
    char line[80];
    snprintf(line, sizeof line, "solver: %s\n", want);
    assert_non_null(strstr(t, line));
    t = prog_report(c, true);
    assert_non_null(strstr(t, "\"status\": \"failed\""));
    fix_free(&c->fix);
}

/* A binary column with fractional bounds: the relaxation solves, the
 * integer search refuses the bounds (glp_intopt's code). */
static void intopt_refuses_bounds(void **state)
{
    (void)state;
    Prog *c = c_build(optional_plant);
    int open = c->lp.col_open[0];
    assert_true(open > 0);
    glp_set_col_bnds(c->lp.P, open, GLP_DB, 0.25, 0.75);
    assert_int_equal(c_solve(c), -1);
    assert_int_equal(c->sol.status, SOL_FAILED);
    char want[64];
    snprintf(want, sizeof want, "glp_intopt failed (code %d)", GLP_EBOUND);
    assert_string_equal(c->sol.message, want);
    fix_free(&c->fix);
}

/* A plant that must be between a quarter and three quarters open: the
 * relaxation is feasible, no integer plan is; the elastic copy then names
 * the plant's intake as the bound that cannot be met. */
static void no_integer_plan(void **state)
{
    (void)state;
    Prog *c = c_build(optional_plant);
    int open = c->lp.col_open[0], row = c->lp.row_intake_min[0];
    assert_true(open > 0 && row > 0);
    int ind[2] = {0, open};
    double val[2] = {0, 1};
    glp_set_mat_row(c->lp.P, row, 1, ind, val);
    glp_set_row_bnds(c->lp.P, row, GLP_DB, 0.25, 0.75);
    assert_int_equal(c_solve(c), 0);
    assert_int_equal(c->sol.status, SOL_INFEASIBLE);
    assert_int_equal(c->sol.nshortfalls, 1);
    assert_int_equal(c->sol.shortfalls[0].kind, SF_INTAKE);
    assert_int_equal(c->sol.shortfalls[0].index, 0);
    fix_free(&c->fix);
}

/* A model without plants has a program without columns: feasible, with
 * an optimum of 0, when no row needs more than 0; infeasible when a market
 * must take something (the elastic copy names the demand). */
static void no_columns(void **state)
{
    (void)state;
    Prog *c = c_build("currency BYN\n"
                   "product milk32 { milk 1.02 t/t; price 1_450 BYN/t }\n"
                   "market city { demand milk32 8_000 t }\n");
    assert_int_equal(glp_get_num_cols(c->lp.P), 0);
    assert_int_equal(c_solve(c), 0);
    assert_int_equal(c->sol.status, SOL_OPTIMAL);
    assert_true(c->sol.objective == 0);
    fix_free(&c->fix);

    c = c_build("currency BYN\n"
                "product milk32 { milk 1.02 t/t; price 1_450 BYN/t }\n"
                "market city { demand milk32 100..8_000 t }\n");
    assert_int_equal(glp_get_num_cols(c->lp.P), 0);
    assert_int_equal(c_solve(c), 0);
    assert_int_equal(c->sol.status, SOL_INFEASIBLE);
    assert_int_equal(c->sol.nshortfalls, 1);
    assert_int_equal(c->sol.shortfalls[0].kind, SF_DEMAND);
    assert_true(c->sol.shortfalls[0].required == 100);
    assert_true(c->sol.shortfalls[0].achievable == 0);
    fix_free(&c->fix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(unbounded_profit, fix_close_leftovers),
        cmocka_unit_test_teardown(unbounded_cost, fix_close_leftovers),
        cmocka_unit_test_teardown(unbounded_relaxation, fix_close_leftovers),
        cmocka_unit_test_teardown(simplex_refuses_bounds, fix_close_leftovers),
        cmocka_unit_test_teardown(intopt_refuses_bounds, fix_close_leftovers),
        cmocka_unit_test_teardown(no_integer_plan, fix_close_leftovers),
        cmocka_unit_test_teardown(no_columns, fix_close_leftovers),
    };
    return cmocka_run_group_tests(tests, NULL, fix_close_leftovers);
}
