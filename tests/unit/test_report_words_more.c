/* test_report_words_more.c — the sentences of src/report_words.c for
 * inputs the solver never hands over: a status outside the enum (the word
 * and the sentence fall back to "failed" / the prefix alone), a binding
 * row asked of a solution without duals or with a row out of range, a
 * solution without row statuses, a row that is not the model's (named
 * `row N`), and a shortfall of an unknown kind. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/lp.h"
#include "../../src/report_int.h"
#include "../../src/solve.h"
#include "fixture.h"

typedef struct {
    Prog p; /* first: the program fixture (fixture.h) */
    Buf b;
} C;

static void c_extra_free(Fix *f)
{
    buf_free(&((C *)f)->b);
    prog_free_parts(f);
}

static C *c_new(void)
{
    C *c = fix_new_ext(sizeof(C), c_extra_free);
    fix_model(&c->p.fix, ONE_PLANT("100..9_000 t"));
    prog_build(&c->p, NULL);
    return c;
}

/* A status no solve gives: the word is "failed"; the sentence is the
 * prefix, then what GLPK said when there is a message. */
static void unknown_status(void **state)
{
    (void)state;
    C *c = c_new();
    assert_string_equal(rep_status_word((SolveStatus)99), "failed");
    c->p.sol.status = (SolveStatus)99;
    FILE *fp = open_memstream(&c->p.text, &c->p.len);
    assert_non_null(fp);
    rep_status_sentence(fp, "case: ", c->p.fix.m, &c->p.sol);
    strcpy(c->p.sol.message, "odd");
    rep_status_sentence(fp, "again: ", c->p.fix.m, &c->p.sol);
    fclose(fp);
    assert_string_equal(c->p.text, "case: again: solver: odd\n");
    fix_free(&c->p.fix);
}

/* rep_binding: nothing without duals or for a row out of range; without
 * row statuses a row with a dual counts as at its upper bound; a row past
 * the program's own is named `row N`. */
static void binding_rows(void **state)
{
    (void)state;
    C *c = c_new();
    int rows = glp_get_num_rows(c->p.lp.P);
    assert_true(rows >= 1);
    assert_false(rep_binding(&c->b, &c->p.lp, &c->p.sol, 1)); /* no duals */
    c->p.sol.nrows = rows + 1;
    c->p.sol.dual = calloc((size_t)rows + 2, sizeof(double));
    assert_non_null(c->p.sol.dual);
    for (int i = 1; i <= rows + 1; i++)
        c->p.sol.dual[i] = 5;
    assert_false(rep_binding(&c->b, &c->p.lp, &c->p.sol, 0));
    assert_false(rep_binding(&c->b, &c->p.lp, &c->p.sol, rows + 2));
    assert_string_equal(buf_str(&c->b), "");

    assert_true(rep_binding(&c->b, &c->p.lp, &c->p.sol, rows + 1)); /* no rstat: GLP_NU */
    char want[64];
    snprintf(want, sizeof want, "one more tonne of `row %d` ", rows + 1);
    assert_non_null(strstr(buf_str(&c->b), want));
    fix_free(&c->p.fix);
}

/* A shortfall of a kind the report does not know still gives the generic
 * sentence. */
static void unknown_shortfall_kind(void **state)
{
    (void)state;
    C *c = c_new();
    Shortfall sf;
    memset(&sf, 0, sizeof sf);
    sf.kind = (ShortfallKind)99;
    sf.required = 100;
    sf.achievable = 10;
    rep_shortfall(&c->b, &c->p.lp, &sf, -1, "; ");
    assert_non_null(strstr(buf_str(&c->b), "a lower bound of 100 t cannot be met"));
    fix_free(&c->p.fix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(unknown_status, fix_close_leftovers),
        cmocka_unit_test_teardown(binding_rows, fix_close_leftovers),
        cmocka_unit_test_teardown(unknown_shortfall_kind, fix_close_leftovers),
    };
    return cmocka_run_group_tests(tests, NULL, fix_close_leftovers);
}
