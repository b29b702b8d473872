/* test_solve_method.c — unit tests for GLPK's method (src/solve_method.c).
 *
 * A transportation problem large enough to be sifted (SM_LARGE_COLS
 * columns, many per row), built straight in GLPK: sifting must reach the
 * optimum of the plain simplex with presolve, leave every column with its
 * own bounds, end with GLPK's status and a basis of the whole LP, and keep
 * to the iteration limit over all its rounds.  Small programs keep the
 * method they always had; the benchmark's method words parse. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>

#include "../../src/solve_method.h"

enum { SOURCES = 120, SINKS = 200 }; /* 24,000 columns, 320 rows */

static int quiet(void *info, const char *s)
{
    (void)info;
    (void)s;
    return 1;
}

/* Sources i sell at most 50..(50 + i % 7 * 10) t (at least 10 t each),
 * sinks j buy 20..60 t at a price, every pair a column with a cost that
 * grows with the distance on a circle: a profit-maximising plan ships
 * each source's milk to a few near sinks. */
static glp_prob *transport(void)
{
    glp_term_hook(quiet, NULL);
    glp_prob *P = glp_create_prob();
    glp_set_obj_dir(P, GLP_MAX);
    glp_add_rows(P, SOURCES + SINKS);
    for (int i = 1; i <= SOURCES; i++)
        glp_set_row_bnds(P, i, GLP_DB, 10, 50 + (i % 7) * 10);
    for (int j = 1; j <= SINKS; j++)
        glp_set_row_bnds(P, SOURCES + j, GLP_DB, 20, 60);
    glp_add_cols(P, SOURCES * SINKS);
    int k = 0;
    for (int i = 1; i <= SOURCES; i++)
        for (int j = 1; j <= SINKS; j++) {
            k++;
            double a = 2 * M_PI * i / SOURCES, b = 2 * M_PI * j / SINKS;
            double dist = 1 - cos(a - b) + 0.01 * ((i * 7 + j * 13) % 17);
            glp_set_col_bnds(P, k, GLP_LO, 0, 0);
            glp_set_obj_coef(P, k, 100 + (j % 5) - 40 * dist);
            int ind[3] = {0, i, SOURCES + j};
            double val[3] = {0, 1, 1};
            glp_set_mat_col(P, k, 2, ind, val);
        }
    return P;
}

static void test_sift_matches_simplex(void **state)
{
    (void)state;
    glp_prob *P = transport(), *Q = transport();
    SolveMethod m;
    solve_method_default(P, true, false, &m);
    assert_true(m.sift > 0); /* large and wide: sifted */
    assert_false(m.presolve);
    SolveMethodStats st;
    assert_int_equal(solve_method_lp(P, &m, &st), 0);
    assert_int_equal(glp_get_status(P), GLP_OPT);
    assert_true(st.rounds >= 2);
    assert_true(st.priced_in > 0);
    assert_true(st.work_cols < SOURCES * SINKS / 2);

    SolveMethod plain;
    solve_method_default(Q, true, false, &plain);
    assert_true(solve_method_parse("sift=0,presolve", &plain));
    assert_int_equal(solve_method_lp(Q, &plain, NULL), 0);
    assert_int_equal(glp_get_status(Q), GLP_OPT);
    double a = glp_get_obj_val(P), b = glp_get_obj_val(Q);
    if (fabs(a - b) > 1e-9 * fabs(b))
        fail_msg("sifted %.17g, simplex %.17g", a, b);

    /* every column has its bounds back, and P holds a basis of the whole
     * LP with as many basic variables as rows */
    int basic = 0;
    for (int j = 1; j <= SOURCES * SINKS; j++) {
        assert_int_equal(glp_get_col_type(P, j), GLP_LO);
        assert_int_not_equal(glp_get_col_stat(P, j), GLP_NS);
        basic += glp_get_col_stat(P, j) == GLP_BS;
    }
    for (int i = 1; i <= SOURCES + SINKS; i++)
        basic += glp_get_row_stat(P, i) == GLP_BS;
    assert_int_equal(basic, SOURCES + SINKS);
    /* the duals price every column right: no column would improve it */
    for (int j = 1; j <= SOURCES * SINKS; j++)
        assert_true(glp_get_col_dual(P, j) <= 1e-7);
    glp_delete_prob(P);
    glp_delete_prob(Q);
}

/* The iteration limit holds over all the rounds together. */
static void test_sift_iteration_limit(void **state)
{
    (void)state;
    glp_prob *P = transport();
    SolveMethod m;
    solve_method_default(P, true, false, &m);
    m.it_lim = 30;
    int rc = solve_method_lp(P, &m, NULL);
    assert_int_equal(rc, GLP_EITLIM);
    assert_true(glp_get_it_cnt(P) <= 30);
    for (int j = 1; j <= SOURCES * SINKS; j++)
        assert_int_equal(glp_get_col_type(P, j), GLP_LO);
    glp_delete_prob(P);
}

/* A small program keeps GLPK's primal simplex with presolve, unsifted. */
static void test_small_default(void **state)
{
    (void)state;
    glp_prob *P = glp_create_prob();
    glp_add_rows(P, 10);
    glp_add_cols(P, 500);
    SolveMethod m;
    solve_method_default(P, true, false, &m);
    assert_int_equal(m.sift, 0);
    assert_true(m.presolve);
    assert_int_equal(m.meth, GLP_PRIMAL);
    assert_int_equal(m.pricing, GLP_PT_PSE);
    assert_int_equal(m.r_test, GLP_RT_HAR);
    solve_method_default(P, false, false, &m); /* a warm start */
    assert_false(m.presolve);
    glp_delete_prob(P);
}

static void test_parse(void **state)
{
    (void)state;
    SolveMethod m = {0};
    assert_true(solve_method_parse("dual,flip,std,presolve,scale=gm+eq+2n,basis=adv,sift=4", &m));
    assert_int_equal(m.meth, GLP_DUAL);
    assert_int_equal(m.r_test, GLP_RT_FLIP);
    assert_int_equal(m.pricing, GLP_PT_STD);
    assert_false(m.presolve); /* sift=4 turns it off */
    assert_int_equal(m.scale, GLP_SF_GM | GLP_SF_EQ | GLP_SF_2N);
    assert_int_equal(m.basis, SM_BASIS_ADV);
    assert_int_equal(m.sift, 4);
    assert_true(solve_method_parse("sift=0,presolve", &m));
    assert_int_equal(m.sift, 0);
    assert_true(m.presolve);
    assert_true(solve_method_parse("ipm,noscale,nopresolve,dualp", &m));
    assert_true(m.interior);
    assert_int_equal(m.scale, 0);
    assert_false(m.presolve);
    assert_int_equal(m.meth, GLP_DUALP);
    assert_false(solve_method_parse("simplex", &m));
    assert_false(solve_method_parse("scale=gm+xx", &m));
    assert_false(solve_method_parse("sift=x", &m));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sift_matches_simplex),
        cmocka_unit_test(test_sift_iteration_limit),
        cmocka_unit_test(test_small_default),
        cmocka_unit_test(test_parse),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    glp_free_env();
    return rc;
}
