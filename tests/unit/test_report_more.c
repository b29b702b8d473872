/* test_report_more.c — the report of shortfalls it cannot tie to the
 * model (src/report.c): an entity index out of range or a limit row that
 * is not in the program still gives a sentence and a JSON entry, never a
 * crash or a read out of bounds.  The solver never hands such a solution
 * over; the report is written not to depend on that. */
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

static const char *const model = ONE_PLANT("100..9_000 t");

/* An infeasible solution with one shortfall of each kind, every index out
 * of range, each limited by row 0 and by a row past the last. */
static Prog *c_new(int index)
{
    Prog *c = prog_new();
    fix_model(&c->fix, model);
    prog_build(c, NULL);
    c->sol.status = SOL_INFEASIBLE;
    c->sol.nshortfalls = 4;
    c->sol.shortfalls = calloc(4, sizeof(Shortfall));
    assert_non_null(c->sol.shortfalls);
    const ShortfallKind kinds[4] = {SF_SUPPLY, SF_INTAKE, SF_OUTPUT, SF_DEMAND};
    int past = glp_get_num_rows(c->lp.P) + 1;
    for (int k = 0; k < 4; k++) {
        Shortfall *sf = &c->sol.shortfalls[k];
        sf->kind = kinds[k];
        sf->index = index;
        sf->required = 100 + k;
        sf->achievable = 10 + k;
        sf->limits = malloc(2 * sizeof(int));
        assert_non_null(sf->limits);
        sf->limits[0] = 0;
        sf->limits[1] = past;
        sf->nlimits = 2;
    }
    return c;
}

static void check_generic(Prog *c)
{
    const char *t = prog_report(c, false);
    for (int k = 0; k < 4; k++) {
        char want[128];
        snprintf(want, sizeof want,
                 "a lower bound of %d t cannot be met; at most %d t can be reached", 100 + k,
                 10 + k);
        assert_non_null(strstr(t, want));
    }
    assert_non_null(strstr(t, "constraint `row 0`"));
    char past[64];
    snprintf(past, sizeof past, "constraint `row %d`", glp_get_num_rows(c->lp.P) + 1);
    assert_non_null(strstr(t, past));

    t = prog_report(c, true);
    assert_non_null(strstr(t, "\"kind\": \"supply\", \"name\": \"\""));
    assert_non_null(strstr(t, "\"kind\": \"intake\", \"name\": \"\""));
    assert_non_null(strstr(t, "\"kind\": \"output\", \"name\": \"\""));
    assert_non_null(strstr(t, "\"kind\": \"demand\", \"name\": \"\""));
    assert_non_null(strstr(t, "\"row 0\""));
}

static void index_below_range(void **state)
{
    (void)state;
    Prog *c = c_new(-1);
    check_generic(c);
    fix_free(&c->fix);
}

static void index_above_range(void **state)
{
    (void)state;
    Prog *c = c_new(99);
    check_generic(c);
    fix_free(&c->fix);
}

/* No shortfalls at all: the report says no single bound was named. */
static void no_shortfalls(void **state)
{
    (void)state;
    Prog *c = c_new(0);
    for (int k = 0; k < c->sol.nshortfalls; k++)
        free(c->sol.shortfalls[k].limits);
    free(c->sol.shortfalls);
    c->sol.shortfalls = NULL;
    c->sol.nshortfalls = 0;
    const char *t = prog_report(c, false);
    assert_non_null(strstr(t, "no single lower bound could be named as the cause"));
    t = prog_report(c, true);
    assert_non_null(strstr(t, "\"shortfalls\": []"));
    fix_free(&c->fix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(index_below_range, fix_close_leftovers),
        cmocka_unit_test_teardown(index_above_range, fix_close_leftovers),
        cmocka_unit_test_teardown(no_shortfalls, fix_close_leftovers),
    };
    return cmocka_run_group_tests(tests, NULL, fix_close_leftovers);
}
