/* test_explain.c — dairy explain: the family table names every row and
 * column of the program, the counts and rows it prints are the problem's,
 * and the formula notation and escaping of each format. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/explain.h"
#include "../../src/explain_int.h"
#include "../../src/lp.h"
#include "fixture.h"

static const char optional_src[] =
    "currency BYN\n"
    "components fat\n"
    "product milk32 { milk 1.02 t/t; fat 3.2% }\n"
    "product butter { fat 72% }\n"
    "farm north { supply 20_000 t; price 700 BYN/t; fat 3.8% }\n"
    "plant big { capacity 20_000 t; fixed 10 BYN; makes milk32 15_000 t cost 90 BYN/t;"
    " makes butter 50 t cost 300 BYN/t }\n"
    "plant small_1 { optional; fixed 3_000 BYN; capacity 1_000..5_000 t;"
    " makes milk32 100..5_000 t cost 60 BYN/t }\n"
    "market city_centre { demand milk32 10_000 t price 1_000 BYN/t;"
    " demand butter 0..40 t price 9_000 BYN/t }\n"
    "routes {\n  from to cost\n  north big 10 BYN/t\n  north small_1 5 BYN/t\n"
    "  big city_centre 20 BYN/t\n  small_1 city_centre 5 BYN/t\n}\n";

/* The explanation of p's program in format f, in a malloc'd string. */
static char *explain_of(Prog *p, ExplainFormat f, bool expand)
{
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);
    assert_non_null(fp);
    ExplainOptions o = {.format = f, .expand = expand, .path = "t.dairy"};
    assert_int_equal(explain_write(&p->lp, &p->fix.d, &o, fp), 0);
    fclose(fp);
    return text;
}

/* Every row and column is named after its family's head. */
static void expect_named_by_family(const Lp *lp)
{
    glp_prob *P = lp->P;
    for (int i = 1; i <= glp_get_num_rows(P); i++) {
        const char *head = lp_row_family[lp->row_kind[i]].head;
        const char *name = glp_get_row_name(P, i);
        assert_memory_equal(name, head, strlen(head));
        assert_int_equal(name[strlen(head)], '(');
    }
    for (int j = 1; j <= glp_get_num_cols(P); j++) {
        const char *head = lp_col_family[lp->col_family[j]].head;
        const char *name = glp_get_col_name(P, j);
        assert_memory_equal(name, head, strlen(head));
        assert_true(name[strlen(head)] == '(' || name[strlen(head)] == '\0');
    }
}

static void test_families_complete(void **state)
{
    (void)state;
    for (int k = 0; k < LP_ROW_FAMILIES; k++) {
        const LpFamily *f = &lp_row_family[k];
        assert_non_null(f->head);
        assert_non_null(f->title);
        assert_non_null(f->formula);
        assert_non_null(f->meaning);
        assert_true((f->formula_alt == NULL) == (f->meaning_alt == NULL));
    }
    for (int c = 0; c < LP_COL_FAMILIES; c++) {
        const LpFamily *f = &lp_col_family[c];
        assert_non_null(f->head);
        assert_non_null(f->obj_title);
        assert_non_null(f->obj_profit);
        assert_non_null(f->obj_cost);
    }
}

static void test_optional_program(void **state)
{
    (void)state;
    Prog *p = prog_new();
    fix_model(&p->fix, optional_src);
    prog_build(p, NULL);
    expect_named_by_family(&p->lp);
    char *t = explain_of(p, EXPLAIN_TEXT, false);
    assert_non_null(strstr(t, "  intake_min(p)  minimum intake of an optional plant, 1 row\n"));
    assert_non_null(strstr(t, "  output_min(p,k)  minimum output of an optional plant's line, "
                              "1 row\n"));
    assert_non_null(strstr(t, "  comp(p,c)  component balance, 2 rows\n"));
    assert_non_null(strstr(t, "  open(p)  plant decision, 1 column\n"));
    assert_non_null(strstr(t, "  fixed_costs  fixed costs, 1 column\n"));
    assert_non_null(strstr(t, "Σ_f x[f,p] − cap_hi[p]·open[p] ≤ 0\n"));
    assert_non_null(strstr(t, "fixed_sum = 10 BYN."));
    assert_non_null(strstr(t, "t.dairy:5\n")); /* the farm's line */
    free(t);
    t = explain_of(p, EXPLAIN_TEXT, true);
    assert_non_null(strstr(t, "  intake_min(small_1): - 1000 open(small_1) + x(north,small_1)"
                              " >= 0\n"));
    assert_non_null(strstr(t, "  0 <= open(small_1) <= 1 integer\n"));
    assert_non_null(strstr(t, "  fixed_costs = 1\n"));
    free(t);
    fix_free(&p->fix);
}

static void test_periods_program(void **state)
{
    (void)state;
    Prog *p = prog_new();
    fix_model_file(&p->fix, "tests/golden/run/data/periods_year.dairy");
    prog_build(p, NULL);
    expect_named_by_family(&p->lp);
    char *t = explain_of(p, EXPLAIN_TEXT, false);
    assert_non_null(strstr(t, "  PERIODS         t         3  spring, summer, winter\n"));
    assert_non_null(strstr(t, "  inv(p,k,t)  closing stock, 6 columns\n"));
    assert_non_null(strstr(t, "  store(p,k,t)  store capacity, 6 rows\n"));
    assert_non_null(strstr(t, "Σ_d s[p,d,t] − y[p,k,t] + inv[p,k,t] − inv[p,k,t−1] ≤ 0\n"));
    free(t);
    fix_free(&p->fix);
}

static void test_formats_wellformed(void **state)
{
    (void)state;
    Prog *p = prog_new();
    fix_model(&p->fix, optional_src);
    prog_build(p, NULL);
    char *t = explain_of(p, EXPLAIN_LATEX, true);
    assert_non_null(strstr(t, "\\documentclass"));
    assert_non_null(strstr(t, "intake\\_min(small\\_1)"));
    assert_non_null(strstr(t, "\\end{document}\n"));
    free(t);
    t = explain_of(p, EXPLAIN_HTML, true);
    assert_non_null(strstr(t, "<math xmlns=\"http://www.w3.org/1998/Math/MathML\""));
    assert_non_null(strstr(t, "&gt;= 0"));
    assert_non_null(strstr(t, "</html>\n"));
    free(t);
    fix_free(&p->fix);
}

static char *math(ExplainFormat f, const char *formula, bool periods)
{
    Buf b = {0};
    explain_math(&b, f, formula, periods);
    return b.s;
}

static void test_math_notation(void **state)
{
    (void)state;
    const char *fm = "supply_lo[f@] <= sum{p} x[f,p@] - cost[p,k]*y[p,k,t-1]";
    char *s = math(EXPLAIN_TEXT, fm, false);
    assert_string_equal(s, "supply_lo[f] ≤ Σ_p x[f,p] − cost[p,k]·y[p,k,t−1]");
    free(s);
    s = math(EXPLAIN_TEXT, "sum{k: grade[k] >= g} x[f,p@]", true);
    assert_string_equal(s, "Σ_{k: grade[k] ≥ g} x[f,p,t]");
    free(s);
    s = math(EXPLAIN_LATEX, fm, true);
    assert_string_equal(s, "\\mathit{supply\\_lo}_{f,t} \\le \\sum_{p} x_{f,p,t} - "
                           "\\mathit{cost}_{p,k}\\cdot y_{p,k,t-1}");
    free(s);
    s = math(EXPLAIN_HTML, "open[p] in {0,1}", false);
    assert_string_equal(s, "<math xmlns=\"http://www.w3.org/1998/Math/MathML\" "
                           "display=\"block\"><mrow><msub><mi>open</mi><mrow><mi>p</mi>"
                           "</mrow></msub><mo>∈</mo><mo>{</mo><mn>0</mn><mo>,</mo><mn>1</mn>"
                           "<mo>}</mo></mrow></math>");
    free(s);
}

static void test_escape(void **state)
{
    (void)state;
    Buf b = {0};
    ex_escape(&b, EXPLAIN_LATEX, "a_b 5% & #1 $ {x} ~ ^ \\ <= é Мин");
    assert_string_equal(buf_str(&b), "a\\_b 5\\% \\& \\#1 \\$ \\{x\\} \\textasciitilde{} "
                                     "\\textasciicircum{} \\textbackslash{} $<$= é ???");
    buf_clear(&b);
    ex_escape(&b, EXPLAIN_HTML, "a<b & c>d");
    assert_string_equal(buf_str(&b), "a&lt;b &amp; c&gt;d");
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_families_complete),
        cmocka_unit_test_teardown(test_optional_program, fix_close_leftovers),
        cmocka_unit_test_teardown(test_periods_program, fix_close_leftovers),
        cmocka_unit_test_teardown(test_formats_wellformed, fix_close_leftovers),
        cmocka_unit_test(test_math_notation),
        cmocka_unit_test(test_escape),
    };
    return cmocka_run_group_tests(tests, NULL, fix_close_leftovers);
}
