/* test_solution_read.c — unit tests for --solution (src/solution_read.c).
 *
 * On examples/intro.dairy (an LP) and tests/golden/run/run_optional_closes
 * (a MIP): dairy's own optimum written out as CBC's format (rows and
 * columns, or columns alone) and as glpsol's raw format (glp_write_sol,
 * glp_write_mip) reads back as the same plan, duals and report; then each
 * way a file can fail to fit — a name the program lacks, a plan that breaks
 * a row, an objective that is not the plan's, duals of a minimum, a line
 * that is not CBC's, an empty file, glpsol's counts or sense — is an error
 * that says so, and CBC's other statuses are read as such. */
#include "fixture.h"

#include "../../src/solution_read.h"

#include <unistd.h>

static char path[64];

static int setup(void **state)
{
    (void)state;
    snprintf(path, sizeof path, "/tmp/test_solution_read_%d.sol", (int)getpid());
    return 0;
}

static int teardown(void **state)
{
    unlink(path);
    return fix_close_leftovers(state);
}

/* The program of file solved by dairy, in p. */
static Prog *solved(const char *file)
{
    Prog *p = prog_new();
    fix_model_file(&p->fix, file);
    prog_build(p, NULL);
    SolveOptions so = {.verbose = false};
    assert_int_equal(solve_run(&p->lp, &so, &p->sol), 0);
    assert_int_equal(p->sol.status, SOL_OPTIMAL);
    return p;
}

static char *xstrdup_report(Prog *p)
{
    return strdup(prog_report(p, false));
}

/* p's plan in CBC's format: `rows` adds the rows' block (printingOptions
 * all); dual_sign multiplies every dual and reduced cost; scale every
 * value; obj_shift is added to the stated objective. */
static void write_cbc(Prog *p, bool rows, double dual_sign, double scale, double obj_shift)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    glp_prob *P = p->lp.P;
    fprintf(f, "Optimal - objective value %.17g\n", glp_get_obj_val(P) + obj_shift);
    for (int i = 1; rows && i <= glp_get_num_rows(P); i++)
        fprintf(f, "%7d %s %.17g %.17g\n", i - 1, glp_get_row_name(P, i), p->sol.row[i],
                dual_sign * p->sol.dual[i]);
    for (int j = 1; j <= glp_get_num_cols(P); j++)
        fprintf(f, "%s%7d %s %.17g %.17g\n", j == 1 ? "**" : "", j - 1, glp_get_col_name(P, j),
                scale * p->sol.col[j], dual_sign * p->sol.dj[j]);
    fclose(f);
}

static void write_text(const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Read path onto a fresh program of file; returns solution_read's code,
 * the error in err. */
static int read_onto(Prog *q, const char *file, char *err, size_t n)
{
    fix_model_file(&q->fix, file);
    prog_build(q, NULL);
    return solution_read(&q->lp, path, &q->sol, err, n);
}

static void cbc_round_trip(void **state)
{
    (void)state;
    Prog *p = solved("examples/intro.dairy");
    char *want = xstrdup_report(p);
    write_cbc(p, true, 1, 1, 0);
    Prog *q = prog_new();
    char err[512] = "";
    assert_int_equal(read_onto(q, "examples/intro.dairy", err, sizeof err), 0);
    assert_int_equal(q->sol.status, SOL_OPTIMAL);
    assert_true(fabs(q->sol.objective - p->sol.objective) < 1e-6);
    assert_non_null(q->sol.dual);
    for (int i = 1; i <= q->sol.nrows; i++)
        assert_true(fabs(q->sol.dual[i] - p->sol.dual[i]) < 1e-9);
    assert_string_equal(prog_report(q, false), want);
    free(want);
    fix_free(&q->fix);

    /* columns alone: the plan without its prices */
    write_cbc(p, false, 1, 1, 0);
    q = prog_new();
    assert_int_equal(read_onto(q, "examples/intro.dairy", err, sizeof err), 0);
    assert_null(q->sol.dual);
    assert_true(fabs(q->sol.objective - p->sol.objective) < 1e-6);
    assert_null(strstr(prog_report(q, false), "binding limits"));
    assert_non_null(strstr(q->text, "milk collected"));
    fix_free(&q->fix);
    fix_free(&p->fix);
}

static void glpsol_round_trip(void **state)
{
    (void)state;
    Prog *p = solved("examples/intro.dairy");
    char *want = xstrdup_report(p);
    assert_int_equal(glp_write_sol(p->lp.P, path), 0);
    Prog *q = prog_new();
    char err[512] = "";
    assert_int_equal(read_onto(q, "examples/intro.dairy", err, sizeof err), 0);
    assert_int_equal(q->sol.status, SOL_OPTIMAL);
    assert_string_equal(prog_report(q, false), want);
    free(want);
    fix_free(&q->fix);
    fix_free(&p->fix);

    /* a MIP: glpsol's `s mip` has values only (a model whose relaxation
     * is fractional, so that glp_intopt ran and P holds its solution) */
    p = solved("tests/golden/run/run_unused_sale.dairy");
    assert_false(p->sol.intopt_skipped);
    assert_int_equal(glp_write_mip(p->lp.P, path), 0);
    q = prog_new();
    assert_int_equal(read_onto(q, "tests/golden/run/run_unused_sale.dairy", err, sizeof err), 0);
    assert_int_equal(q->sol.status, SOL_OPTIMAL);
    assert_null(q->sol.dual);
    assert_true(fabs(q->sol.objective - p->sol.objective) < 1e-6);
    fix_free(&q->fix);
    fix_free(&p->fix);
}

/* The error of reading what write() left at path onto file's program. */
static void expect_error(const char *file, const char *part)
{
    Prog *q = prog_new();
    char err[512] = "";
    assert_int_equal(read_onto(q, file, err, sizeof err), -1);
    if (!strstr(err, part))
        fail_msg("expected `%s` in: %s", part, err);
    assert_null(q->sol.col);
    fix_free(&q->fix);
}

static void files_that_do_not_fit(void **state)
{
    (void)state;
    const char *intro = "examples/intro.dairy";
    Prog *p = solved(intro);
    write_cbc(p, true, -1, 1, 0);
    expect_error(intro, "solved as a minimum");
    write_cbc(p, false, 1, 1.5, 0);
    expect_error(intro, "does not fit this model");
    write_cbc(p, false, 1, 1, 1000);
    expect_error(intro, "it states the objective");
    write_cbc(p, true, 1, 1, 0);
    expect_error("tests/golden/run/run_optional_closes.dairy", "which this model's program");
    assert_int_equal(glp_write_sol(p->lp.P, path), 0);
    expect_error("tests/golden/run/run_optional_closes.dairy", "cannot read");
    fix_free(&p->fix);

    write_text("");
    expect_error(intro, "is empty");
    write_text("hello\n");
    expect_error(intro, "is not a solution of glpsol");
    write_text("Optimal - objective value 1\n 0 x(north,city_dairy) many 0\n");
    expect_error(intro, ":2: not a line of CBC's solution");
    write_text("Optimal - objective value 0\n 0 a 0 0\n 0 b 0 0\n 0 c 0 0\n");
    expect_error(intro, "a third block");
    write_text("c Objective:  obj = 5 (MINimum)\ns bas 10 6 f f 5\n");
    expect_error(intro, "minimises the objective, but the model maximises profit");
    write_text("c nothing\ne o f\n");
    expect_error(intro, "no `s bas`, `s ipt` or `s mip` line");
}

static void other_statuses(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        SolveStatus status;
    } cases[] = {
        {"Infeasible - objective value 0\n", SOL_INFEASIBLE},
        {"Integer infeasible - objective value 0\n", SOL_INFEASIBLE},
        {"Unbounded - objective value 0\n", SOL_UNBOUNDED},
        {"Stopped on time - objective value 12\n", SOL_FAILED},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        write_text(cases[k].text);
        Prog *q = prog_new();
        char err[512] = "";
        assert_int_equal(read_onto(q, "examples/intro.dairy", err, sizeof err), 0);
        assert_int_equal(q->sol.status, cases[k].status);
        assert_null(q->sol.col);
        if (cases[k].status == SOL_FAILED)
            assert_non_null(strstr(q->sol.message, "Stopped on time"));
        fix_free(&q->fix);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(cbc_round_trip, fix_close_leftovers),
        cmocka_unit_test_teardown(glpsol_round_trip, fix_close_leftovers),
        cmocka_unit_test_teardown(files_that_do_not_fit, fix_close_leftovers),
        cmocka_unit_test_teardown(other_statuses, fix_close_leftovers),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
