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
    Fix fix; /* first: the shared fixture (fixture.h) */
    Lp lp;
    Solution sol;
    bool built;
    Buf b;
    char *text;
    size_t len;
} C;

static void c_extra_free(Fix *f)
{
    C *c = (C *)f;
    solution_free(&c->sol);
    if (c->built)
        lp_free(&c->lp);
    buf_free(&c->b);
    free(c->text);
}

static const char *const model =
    "currency BYN\n"
    "product milk32 { milk 1.02 t/t }\n"
    "farm north { supply 100..9_000 t; price 820 BYN/t }\n"
    "plant dairy { capacity 15_000 t; makes milk32 9_000 t cost 95 BYN/t }\n"
    "market city { demand milk32 8_000 t price 1_450 BYN/t }\n"
    "routes {\n"
    "  from   to     cost\n"
    "  north  dairy  17 BYN/t\n"
    "  dairy  city   7 BYN/t\n"
    "}\n";

static C *c_new(void)
{
    C *c = fix_new_ext(sizeof(C), c_extra_free);
    fix_model(&c->fix, model);
    assert_int_equal(lp_build(c->fix.m, &c->lp), 0);
    c->built = true;
    return c;
}

/* A status no solve gives: the word is "failed"; the sentence is the
 * prefix, then what GLPK said when there is a message. */
static void unknown_status(void **state)
{
    (void)state;
    C *c = c_new();
    assert_string_equal(rep_status_word((SolveStatus)99), "failed");
    c->sol.status = (SolveStatus)99;
    FILE *fp = open_memstream(&c->text, &c->len);
    assert_non_null(fp);
    rep_status_sentence(fp, "case: ", c->fix.m, &c->sol);
    strcpy(c->sol.message, "odd");
    rep_status_sentence(fp, "again: ", c->fix.m, &c->sol);
    fclose(fp);
    assert_string_equal(c->text, "case: again: solver: odd\n");
    fix_free(&c->fix);
}

/* rep_binding: nothing without duals or for a row out of range; without
 * row statuses a row with a dual counts as at its upper bound; a row past
 * the program's own is named `row N`. */
static void binding_rows(void **state)
{
    (void)state;
    C *c = c_new();
    int rows = glp_get_num_rows(c->lp.P);
    assert_true(rows >= 1);
    assert_false(rep_binding(&c->b, &c->lp, &c->sol, 1)); /* no duals */
    c->sol.nrows = rows + 1;
    c->sol.dual = calloc((size_t)rows + 2, sizeof(double));
    assert_non_null(c->sol.dual);
    for (int i = 1; i <= rows + 1; i++)
        c->sol.dual[i] = 5;
    assert_false(rep_binding(&c->b, &c->lp, &c->sol, 0));
    assert_false(rep_binding(&c->b, &c->lp, &c->sol, rows + 2));
    assert_string_equal(buf_str(&c->b), "");

    assert_true(rep_binding(&c->b, &c->lp, &c->sol, rows + 1)); /* no rstat: GLP_NU */
    char want[64];
    snprintf(want, sizeof want, "one more tonne of `row %d` ", rows + 1);
    assert_non_null(strstr(buf_str(&c->b), want));
    fix_free(&c->fix);
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
    rep_shortfall(&c->b, &c->lp, &sf, -1, "; ");
    assert_non_null(strstr(buf_str(&c->b), "a lower bound of 100 t cannot be met"));
    fix_free(&c->fix);
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
