/* test_solve_ctl.c — unit tests for bounded runs (src/solve_ctl.c).
 *
 * On a transportation LP built here (30 sources, 30 sinks, costs from a
 * fixed LCG, so it takes more than a few simplex iterations): the control
 * off changes nothing; on, a solve that is not stopped reaches GLPK's own
 * optimum; SIGINT becomes a flag that stops the next solve at once and the
 * disposition comes back at the end; DAIRY_TEST_STOP stops the simplex
 * after exactly its iterations, keeping the basis; a spent time limit
 * stops; the gap is GLPK's formula; the simplex's display lines are read,
 * other messages are not. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/solve_ctl.h"

enum { N = 30 };

/* min sum c_ij x_ij, sum_j x_ij <= 10 (source i), sum_i x_ij >= 8 (sink j) */
static glp_prob *transport(void)
{
    glp_prob *P = glp_create_prob();
    glp_set_obj_dir(P, GLP_MIN);
    glp_add_rows(P, 2 * N);
    for (int i = 1; i <= N; i++) {
        glp_set_row_bnds(P, i, GLP_UP, 0, 10);
        glp_set_row_bnds(P, N + i, GLP_LO, 8, 0);
    }
    glp_add_cols(P, N * N);
    unsigned seed = 12345;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            int col = i * N + j + 1, ind[3] = {0, i + 1, N + j + 1};
            double val[3] = {0, 1, 1};
            seed = seed * 1103515245u + 12345u;
            glp_set_col_bnds(P, col, GLP_LO, 0, 0);
            glp_set_obj_coef(P, col, 1 + (seed >> 16) % 100);
            glp_set_mat_col(P, col, 2, ind, val);
        }
    return P;
}

static glp_smcp quiet(void)
{
    glp_smcp p;
    glp_init_smcp(&p);
    p.msg_lev = GLP_MSG_OFF;
    return p;
}

/* GLPK's optimum of the transportation LP, without the control. */
static double optimum(void)
{
    glp_prob *P = transport();
    glp_smcp p = quiet();
    assert_int_equal(glp_simplex(P, &p), 0);
    double z = glp_get_obj_val(P);
    glp_delete_prob(P);
    return z;
}

static int silent(void *info, const char *s)
{
    (void)info;
    (void)s;
    return 1;
}

static void off_changes_nothing(void **state)
{
    (void)state;
    glp_prob *P = transport();
    glp_smcp p = quiet();
    assert_int_equal(solve_ctl_stopped(), CTL_RUNNING);
    assert_false(solve_ctl_on());
    assert_int_equal(solve_ctl_simplex(P, &p), 0);
    assert_true(glp_get_status(P) == GLP_OPT);
    assert_true(glp_get_obj_val(P) == optimum());
    assert_false(solve_ctl_message("*    12: obj =   1.0e+00 inf =   0.0e+00 (0)\n"));
    glp_delete_prob(P);
}

static void on_reaches_the_optimum(void **state)
{
    (void)state;
    glp_term_hook(silent, NULL); /* msg_lev is raised to read the display */
    CtlOptions o = {.time_limit = 0, .sigint = true};
    solve_ctl_begin(&o);
    glp_prob *P = transport();
    glp_smcp p = quiet();
    p.presolve = GLP_ON;
    assert_int_equal(solve_ctl_simplex(P, &p), 0);
    assert_int_equal(solve_ctl_stopped(), CTL_RUNNING);
    assert_true(glp_get_status(P) == GLP_OPT);
    assert_true(fabs(glp_get_obj_val(P) - optimum()) <= 1e-9 * fabs(optimum()));
    /* the caller's parameters come back as they were */
    assert_int_equal(p.presolve, GLP_ON);
    assert_int_equal(p.it_lim, INT_MAX);
    solve_ctl_end();
    glp_term_hook(NULL, NULL);
    glp_delete_prob(P);
}

static void sigint_is_a_flag(void **state)
{
    (void)state;
    /* the disposition the run finds (SIG_IGN under a script's `&`, else
     * SIG_DFL) is the one it leaves */
    struct sigaction before;
    sigaction(SIGINT, NULL, &before);
    CtlOptions o = {.sigint = true};
    solve_ctl_begin(&o);
    assert_int_equal(solve_ctl_check(), CTL_RUNNING);
    raise(SIGINT); /* the process goes on */
    assert_int_equal(solve_ctl_check(), CTL_INTERRUPTED);
    assert_int_equal(solve_ctl_stopped(), CTL_INTERRUPTED);
    glp_prob *P = transport();
    glp_smcp p = quiet();
    assert_int_equal(solve_ctl_simplex(P, &p), GLP_EITLIM); /* not started */
    assert_int_equal(glp_get_status(P), GLP_UNDEF);
    assert_int_equal(glp_get_it_cnt(P), 0);
    solve_ctl_end();
    struct sigaction now;
    sigaction(SIGINT, NULL, &now);
    assert_true(now.sa_handler == before.sa_handler);
    assert_int_equal(solve_ctl_stopped(), CTL_RUNNING); /* off again */
    /* the next run starts afresh */
    solve_ctl_begin(&o);
    assert_int_equal(solve_ctl_check(), CTL_RUNNING);
    solve_ctl_end();
    glp_delete_prob(P);
}

static void test_stop_keeps_the_basis(void **state)
{
    (void)state;
    glp_term_hook(silent, NULL);
    setenv("DAIRY_TEST_STOP", "7", 1);
    CtlOptions o = {.time_limit = 100};
    solve_ctl_begin(&o);
    glp_prob *P = transport();
    glp_smcp p = quiet();
    p.presolve = GLP_OFF;
    assert_int_equal(solve_ctl_simplex(P, &p), GLP_EITLIM);
    assert_int_equal(solve_ctl_stopped(), CTL_TIME_LIMIT);
    assert_int_equal(glp_get_it_cnt(P), 7);
    assert_true(glp_get_status(P) != GLP_OPT);
    /* the run stays stopped: a second solve does not start */
    assert_int_equal(solve_ctl_simplex(P, &p), GLP_EITLIM);
    assert_int_equal(glp_get_it_cnt(P), 7);
    solve_ctl_end();
    unsetenv("DAIRY_TEST_STOP");
    /* without the control the same P goes on from its basis to the optimum */
    assert_int_equal(glp_simplex(P, &p), 0);
    assert_true(fabs(glp_get_obj_val(P) - optimum()) <= 1e-9 * fabs(optimum()));
    glp_term_hook(NULL, NULL);
    glp_delete_prob(P);
}

static void spent_time_limit(void **state)
{
    (void)state;
    CtlOptions o = {.time_limit = 1e-9};
    solve_ctl_begin(&o);
    assert_int_equal(solve_ctl_check(), CTL_TIME_LIMIT);
    solve_ctl_end();
    o.time_limit = 1000;
    solve_ctl_begin(&o);
    assert_int_equal(solve_ctl_check(), CTL_RUNNING);
    solve_ctl_end();
}

static void gap_is_glpks(void **state)
{
    (void)state;
    assert_true(fabs(solve_ctl_gap(100, 110) - 0.1) < 1e-12);
    assert_true(fabs(solve_ctl_gap(-200, -190) - 0.05) < 1e-12);
    assert_true(solve_ctl_gap(5, 5) == 0);
    assert_true(isnan(solve_ctl_gap(NAN, 5)));
    assert_true(isnan(solve_ctl_gap(5, NAN)));
    solve_ctl_set_bound(42);
    assert_true(solve_ctl_bound() == 42);
    solve_ctl_set_bound(NAN);
    assert_true(isnan(solve_ctl_bound()));
}

static void display_lines(void **state)
{
    (void)state;
    CtlOptions o = {0};
    solve_ctl_begin(&o);
    assert_true(solve_ctl_message("*    12: obj =   1.000000000e+00 inf =   0.000e+00 (0)\n"));
    assert_true(solve_ctl_message("     3: obj =  -2.5e+03 inf =   1.2e+01 (4)\n"));
    assert_false(solve_ctl_message("GLPK Simplex Optimizer 5.0\n"));
    assert_false(solve_ctl_message("+   123: mip =   1.0e+00 <= 2.0e+00 50.0% (3; 0)\n"));
    assert_false(solve_ctl_message("OPTIMAL LP SOLUTION FOUND\n"));
    assert_false(solve_ctl_message(""));
    solve_ctl_end();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(off_changes_nothing),
        cmocka_unit_test(on_reaches_the_optimum),
        cmocka_unit_test(sigint_is_a_flag),
        cmocka_unit_test(test_stop_keeps_the_basis),
        cmocka_unit_test(spent_time_limit),
        cmocka_unit_test(gap_is_glpks),
        cmocka_unit_test(display_lines),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    glp_free_env();
    return rc;
}
