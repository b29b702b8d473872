/* test_segment.c — unit tests for segmentation (src/segment.c and
 * src/segment_report.c): quintile and ntile scores, three-valued logic,
 * first-match rules, text and units in conditions, the rule analysis's
 * warnings and note, the csv/text/json outputs, and a 200,000-customer
 * model checked against an independent computation of the standard RFM
 * map. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/arena.h"
#include "../../src/check.h"
#include "../../src/diag.h"
#include "../../src/model.h"
#include "../../src/segment.h"
#include "fixture.h"

/* ------------------------------------------------------------ fixture */

typedef struct {
    Fix fix;            /* first: the shared fixture (fixture.h) */
    Segmentation s;
    bool ran;
} C;

static void c_extra_free(Fix *f)
{
    C *c = (C *)f;
    if (c->ran)
        segment_free(&c->s);
}

/* Check src (which must be a valid model) and segment its customers. */
static C *seg(const char *src)
{
    C *c = fix_new_ext(sizeof *c, c_extra_free);
    fix_model(&c->fix, src);
    assert_int_equal(segment_run(c->fix.m, &c->s), 0);
    c->ran = true;
    return c;
}

/* The rule analysis's diagnostics, as printed. */
static const char *analyze(C *c)
{
    segment_analyze(c->fix.m, &c->fix.d);
    fflush(c->fix.fp);
    return c->fix.out ? c->fix.out : "";
}

static const char *seg_name(const C *c, size_t i)
{
    int s = c->s.segment[i];
    return s < 0 ? "-" : c->fix.m->segments[s].n.name;
}

/* Counts add up and match the assignments. */
static void assert_consistent(const C *c)
{
    size_t n = c->s.n, sum = c->s.unsegmented, un = 0;
    assert_int_equal(n, c->fix.m->customers.n);
    for (int s = 0; s < c->fix.m->nsegments; s++)
        sum += c->s.count[s];
    assert_int_equal(sum, n);
    size_t *cnt = calloc((size_t)c->fix.m->nsegments + 1, sizeof *cnt);
    for (size_t i = 0; i < n; i++) {
        if (c->s.segment[i] < 0)
            un++;
        else
            cnt[c->s.segment[i]]++;
    }
    assert_int_equal(un, c->s.unsegmented);
    for (int s = 0; s < c->fix.m->nsegments; s++)
        assert_int_equal(cnt[s], c->s.count[s]);
    free(cnt);
}

static void assert_str(const char *got, const char *want)
{
    if (strcmp(got, want) != 0)
        fail_msg("got:\n%s\n--- want:\n%s", got, want);
}

static void assert_has(const char *out, const char *want)
{
    if (!strstr(out, want))
        fail_msg("output lacks:\n%s\n--- output:\n%s", want, out);
}

/* Text with printf formatting, owned by the caller. */
static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    int n = vsnprintf(NULL, 0, f, ap);
    va_end(ap);
    assert_true(n >= 0);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    va_start(ap, f);
    vsnprintf(s, (size_t)n + 1, f, ap);
    va_end(ap);
    return s;
}

/* ------------------------------------------------------------ scores */

/* Each customer's score by `let s = EXPR` over column x (cells as written,
 * `-` missing): rules `s == 1` .. `s == q`, then a catch-all; 0 = no score. */
static void scores(const char *cells, const char *expr, int q, int *out, size_t n)
{
    char *rows = fmt("%s", "");
    char *copy = strdup(cells);
    size_t i = 0;
    for (char *t = strtok(copy, " "); t; t = strtok(NULL, " ")) {
        char *r = fmt("%s  c%zu  %s\n", rows, i++, t);
        free(rows);
        rows = r;
    }
    free(copy);
    assert_int_equal(i, n);
    char *rules = fmt("%s", "");
    for (int k = 1; k <= q; k++) {
        char *r = fmt("%ssegment s%d when s == %d strategy keep\n", rules, k, k);
        free(rules);
        rules = r;
    }
    char *src = fmt("customers {\n  id x\n%s}\nlet s = %s\n%ssegment none strategy keep\n"
                    "strategy keep { volume 0%%..100%% }\n",
                    rows, expr, rules);
    C *c = seg(src);
    assert_int_equal(c->s.n, n);
    for (size_t j = 0; j < n; j++) {
        int sg = c->s.segment[j];
        assert_true(sg >= 0);
        out[j] = sg == q ? 0 : sg + 1;
    }
    assert_consistent(c);
    fix_free(&c->fix);
    free(src);
    free(rules);
    free(rows);
}

static void assert_scores(const char *cells, const char *expr, int q, const int *want, size_t n)
{
    int got[64];
    assert_true(n <= 64);
    scores(cells, expr, q, got, n);
    for (size_t i = 0; i < n; i++)
        if (got[i] != want[i])
            fail_msg("%s over %s: customer %zu has score %d, want %d", expr, cells, i, got[i],
                     want[i]);
}

static void test_quintile_distinct(void **state)
{
    (void)state;
    /* k = 0..9 of n = 10: 1 + floor(5k/10) */
    static const int want[] = {1, 1, 2, 2, 3, 3, 4, 4, 5, 5};
    assert_scores("10 20 30 40 50 60 70 80 90 100", "quintile(x)", 5, want, 10);
    /* input order does not matter */
    static const int want2[] = {5, 1, 4, 2, 3, 3, 1, 5, 2, 4};
    assert_scores("100 10 80 30 50 60 20 90 40 70", "quintile(x)", 5, want2, 10);
}

static void test_quintile_ties(void **state)
{
    (void)state;
    /* n = 6: value 1 has k = 0, value 2 k = 3, value 3 k = 5 */
    static const int want[] = {1, 3, 1, 5, 3, 1};
    assert_scores("1 2 1 3 2 1", "quintile(x)", 5, want, 6);
    /* all equal: everyone k = 0 */
    static const int same[] = {1, 1, 1, 1};
    assert_scores("7 7 7 7", "quintile(x)", 5, same, 4);
    /* -0 and 0 tie */
    static const int zero[] = {1, 1, 4};
    assert_scores("0 -0 1", "quintile(x)", 5, zero, 3);
}

static void test_quintile_missing(void **state)
{
    (void)state;
    /* missing stays missing and does not count in n (n = 4) */
    static const int want[] = {0, 1, 2, 0, 3, 4};
    assert_scores("- 1 2 - 3 4", "quintile(x)", 5, want, 6);
    static const int none[] = {0, 0};
    assert_scores("- -", "quintile(x)", 5, none, 2);
}

static void test_quintile_small_n(void **state)
{
    (void)state;
    /* n = 3: 1 + floor(5k/3) = 1, 2, 4 */
    static const int three[] = {4, 1, 2};
    assert_scores("3 1 2", "quintile(x)", 5, three, 3);
    /* n = 2: 1, 1 + floor(5/2) = 3 */
    static const int two[] = {3, 1};
    assert_scores("9 4", "quintile(x)", 5, two, 2);
    /* n = 1 */
    static const int one[] = {1};
    assert_scores("42", "quintile(x)", 5, one, 1);
    static const int one_missing[] = {0, 1};
    assert_scores("- 42", "quintile(x)", 5, one_missing, 2);
}

static void test_quintile_of_expression(void **state)
{
    (void)state;
    /* reversed: the smallest x gets 5 */
    static const int neg[] = {5, 5, 4, 4, 3, 3, 2, 2, 1, 1};
    assert_scores("10 20 30 40 50 60 70 80 90 100", "quintile(-x)", 5, neg, 10);
    /* negative values sort below positive ones */
    static const int signs[] = {1, 5, 3, 2, 4};
    assert_scores("-10.5 7 -0.25 -3 0.5", "quintile(x)", 5, signs, 5);
    /* arithmetic inside; x / 0 is missing everywhere */
    static const int arith[] = {4, 2, 1};
    assert_scores("3 2 1", "quintile(x * x - 1)", 5, arith, 3);
    static const int div0[] = {0, 0};
    assert_scores("3 2", "quintile(x / 0)", 5, div0, 2);
    /* a score used in arithmetic: missing stays missing */
    static const int sum[] = {2, 0, 1, 3};
    assert_scores("5 - 1 9", "ntile(x, 3) + 0", 3, sum, 4);
}

static void test_ntile(void **state)
{
    (void)state;
    /* q = 1: everyone present scores 1 */
    static const int q1[] = {1, 1, 0, 1};
    assert_scores("3 1 - 2", "ntile(x, 1)", 1, q1, 4);
    /* q = 7, n = 10: 1 + floor(7k/10) */
    static const int q7[] = {1, 1, 2, 3, 3, 4, 5, 5, 6, 7};
    assert_scores("1 2 3 4 5 6 7 8 9 10", "ntile(x, 7)", 7, q7, 10);
    /* q = 7 with ties: values 1 (k 0), 5 (k 3), 8 (k 5) over n = 6 */
    static const int q7t[] = {1, 4, 1, 6, 4, 1};
    assert_scores("1 5 1 8 5 1", "ntile(x, 7)", 7, q7t, 6);
    /* ntile(x, 5) is quintile(x) */
    static const int q5[] = {1, 3, 1, 5, 3, 1};
    assert_scores("1 2 1 3 2 1", "ntile(x, 5)", 5, q5, 6);
}

static void test_score_in_condition_and_reuse(void **state)
{
    (void)state;
    /* a call in a rule, an equal call in a let: the same scores */
    C *c = seg("customers {\n  id x\n  a 1\n  b 2\n  c 3\n  d 4\n  e 5\n  f -\n}\n"
               "let q = quintile(x)\n"
               "segment same when quintile(x) == q and quintile(( x )) >= 4 strategy keep\n"
               "segment low when quintile(x) < 4 strategy keep\n"
               "strategy keep { volume 0%..100% }\n");
    const char *want[] = {"low", "low", "low", "same", "same", "-"};
    for (size_t i = 0; i < 6; i++)
        assert_str(seg_name(c, i), want[i]);
    assert_int_equal(c->s.count[0], 2);
    assert_int_equal(c->s.count[1], 3);
    assert_int_equal(c->s.unsegmented, 1);
    assert_consistent(c);
    fix_free(&c->fix);
}

/* ------------------------------------------------------------ three-valued logic */

/* Nine customers: x, y in {1, -1, missing} and text a, b in {pa, qb,
 * missing}; p = x > 0 and q = y > 0 are true, false or unknown.  Returns
 * the condition's value per customer: T, F or U. */
static void truth(const char *cond, char out[10])
{
    char *src = fmt("customers {\n"
                    "  id  x   y   a   b\n"
                    "  c1  1   1   pa  pa\n"
                    "  c2  1   -1  pa  qb\n"
                    "  c3  1   -   pa  -\n"
                    "  c4  -1  1   qb  pa\n"
                    "  c5  -1  -1  qb  qb\n"
                    "  c6  -1  -   qb  -\n"
                    "  c7  -   1   -   pa\n"
                    "  c8  -   -1  -   qb\n"
                    "  c9  -   -   -   -\n"
                    "}\n"
                    "let p = x > 0\n"
                    "let q = y > 0\n"
                    "segment t when %s strategy keep\n"
                    "segment f when not (%s) strategy keep\n"
                    "segment u strategy keep\n"
                    "strategy keep { volume 0%%..100%% }\n",
                    cond, cond);
    C *c = seg(src);
    assert_int_equal(c->s.n, 9);
    for (size_t i = 0; i < 9; i++)
        out[i] = "TFU"[c->s.segment[i]];
    out[9] = '\0';
    assert_consistent(c);
    fix_free(&c->fix);
    free(src);
}

static void assert_truth(const char *cond, const char *want)
{
    char got[10];
    truth(cond, got);
    if (strcmp(got, want) != 0)
        fail_msg("`%s`: got %s, want %s", cond, got, want);
}

static void test_logic_not_and_or(void **state)
{
    (void)state;
    /* (x, y) = TT TF TU FT FF FU UT UF UU */
    assert_truth("p", "TTTFFFUUU");
    assert_truth("not p", "FFFTTTUUU");
    assert_truth("not not p", "TTTFFFUUU");
    assert_truth("p and q", "TFUFFFUFU");
    assert_truth("p or q", "TTTTFUTUU");
    assert_truth("not (p and q)", "FTUTTTUTU");
    assert_truth("not p or not q", "FTUTTTUTU");
    assert_truth("p and false", "FFFFFFFFF");
    assert_truth("p or true", "TTTTTTTTT");
    assert_truth("true", "TTTTTTTTT");
    assert_truth("false", "FFFFFFFFF");
    assert_truth("p and true", "TTTFFFUUU");
    assert_truth("p or false", "TTTFFFUUU");
    /* `or` binds looser than `and` */
    assert_truth("p or q and false", "TTTFFFUUU");
    assert_truth("(p or q) and false", "FFFFFFFFF");
}

static void test_logic_comparisons_with_missing(void **state)
{
    (void)state;
    assert_truth("x == y", "TFUFTUUUU");
    assert_truth("x != y", "FTUTFUUUU");
    assert_truth("x < y", "FFUTFUUUU");
    assert_truth("x <= y", "TFUTTUUUU");
    assert_truth("x > y", "FTUFFUUUU");
    assert_truth("x >= y", "TTUFTUUUU");
    assert_truth("x == 1", "TTTFFFUUU");
    assert_truth("1 == x", "TTTFFFUUU");
    assert_truth("x != 1", "FFFTTTUUU");
    assert_truth("0 < x", "TTTFFFUUU");
    assert_truth("x + y > -10", "TTUTTUUUU");
    assert_truth("-x > 0", "FFFTTTUUU");
    assert_truth("x * y > 0", "TFUFTUUUU");
    assert_truth("x / y > 0", "TFUFTUUUU");
    assert_truth("x - y == 0", "TFUFTUUUU");
}

static void test_logic_in(void **state)
{
    (void)state;
    assert_truth("x in (1, 2)", "TTTFFFUUU");
    assert_truth("x in (1, y)", "TTTFTUUUU");
    assert_truth("x in (y)", "TFUFTUUUU");
    assert_truth("not (x in (2, y))", "FTUTFUUUU");
    assert_truth("a in (\"pa\")", "TTTFFFUUU");
    assert_truth("a in (\"pa\", b)", "TTTFTUUUU");
    assert_truth("a in (\"zz\", b)", "TFUFTUUUU");
    assert_truth("\"pa\" in (a, b)", "TTTTFUTUU");
    assert_truth("a == b", "TFUFTUUUU");
    assert_truth("a != b", "FTUTFUUUU");
}

static void test_division_by_zero_is_missing(void **state)
{
    (void)state;
    assert_truth("x / 0 > 0 or x / 0 <= 0", "UUUUUUUUU");
    assert_truth("x / (y - y) == 0", "UUUUUUUUU");
    assert_truth("1 / 0 == 1 / 0", "UUUUUUUUU");
    assert_truth("0 / 0 != 1", "UUUUUUUUU");
    assert_truth("(x - x) / x == 0", "TTTTTTUUU");
    assert_truth("x / 0 > 0 or true", "TTTTTTTTT");
    assert_truth("x / 0 > 0 and false", "FFFFFFFFF");
}

static void test_text_literal_not_in_data(void **state)
{
    (void)state;
    assert_truth("a == \"zz\"", "FFFFFFUUU");
    assert_truth("a != \"zz\"", "TTTTTTUUU");
    assert_truth("a in (\"zz\", \"yy\")", "FFFFFFUUU");
    /* two literals no customer has are still different texts */
    assert_truth("\"zz\" == \"yy\"", "FFFFFFFFF");
    assert_truth("\"zz\" != \"yy\"", "TTTTTTTTT");
    assert_truth("\"zz\" == \"zz\"", "TTTTTTTTT");
    assert_truth("\"zz\" in (\"yy\", \"xx\")", "FFFFFFFFF");
}

static void test_text_lets(void **state)
{
    (void)state;
    C *c = seg("customers {\n  id channel\n  a retail\n  b horeca\n  c -\n}\n"
               "let ch = channel\n"
               "let none1 = \"nowhere\"\n"
               "let none2 = \"never\"\n"
               "let shop = ch == \"retail\"\n"
               "segment odd when none1 == none2 strategy keep\n"
               "segment shops when shop strategy keep\n"
               "segment others when ch != none1 strategy keep\n"
               "strategy keep { volume 0%..100% }\n");
    assert_str(seg_name(c, 0), "shops");
    assert_str(seg_name(c, 1), "others");
    assert_str(seg_name(c, 2), "-");
    assert_int_equal(c->s.count[0], 0);
    assert_consistent(c);
    fix_free(&c->fix);
}

/* ------------------------------------------------------------ rules */

static const char *const first_match_src =
    "customers {\n  id x\n  a 10\n  b 5\n  c 1\n  d -\n  e -5\n}\n"
    "segment big when x >= 10 strategy keep\n"
    "segment mid when x >= 5 strategy keep\n"
    "segment pos when x > 0 or x >= 10 strategy cut\n"
    "segment two when x >= 1 strategy cut\n"
    "strategy keep { volume 0%..100% }\n"
    "strategy cut { volume 0%..50% }\n";

static void test_first_match_order(void **state)
{
    (void)state;
    C *c = seg(first_match_src);
    const char *want[] = {"big", "mid", "pos", "-", "-"};
    for (size_t i = 0; i < 5; i++)
        assert_str(seg_name(c, i), want[i]);
    assert_int_equal(c->s.count[0], 1);
    assert_int_equal(c->s.count[1], 1);
    assert_int_equal(c->s.count[2], 1);
    assert_int_equal(c->s.count[3], 0);
    assert_int_equal(c->s.unsegmented, 2);
    assert_consistent(c);
    fix_free(&c->fix);
}

static void test_unsegmented_and_catch_all(void **state)
{
    (void)state;
    C *c = seg("customers {\n  id x\n  a 1\n  b -\n  c 2\n  d -\n}\n"
               "segment one when x == 1 strategy keep\n"
               "segment rest strategy keep\n"
               "segment after when x == 2 strategy keep\n"
               "strategy keep { volume 0%..100% }\n");
    const char *want[] = {"one", "rest", "rest", "rest"};
    for (size_t i = 0; i < 4; i++)
        assert_str(seg_name(c, i), want[i]);
    assert_int_equal(c->s.count[1], 3);
    assert_int_equal(c->s.count[2], 0);
    assert_int_equal(c->s.unsegmented, 0);
    assert_consistent(c);
    fix_free(&c->fix);

    /* no rule matches: every customer is counted as unsegmented */
    c = seg("customers {\n  id x\n  a 1\n  b -\n}\n"
            "segment none when x > 5 strategy keep\n"
            "strategy keep { volume 0%..100% }\n");
    assert_int_equal(c->s.unsegmented, 2);
    assert_int_equal(c->s.count[0], 0);
    assert_consistent(c);
    fix_free(&c->fix);
}

static void test_units_in_literals(void **state)
{
    (void)state;
    C *c = seg("customers {\n"
               "  id recency[days] share disc[%] weight[kg]\n"
               "  a  14           0.5   5       600\n"
               "  b  15           0.4   4       400\n"
               "  c  7            -     -       -\n"
               "}\n"
               "segment fortnight when recency <= 2 weeks and share >= 50% strategy keep\n"
               "segment disc when disc >= 5% or weight > 0.5 t strategy keep\n"
               "segment week when recency <= 1 week and recency > 6 days strategy keep\n"
               "segment heavy when weight >= 400_000 kg / 1000 strategy keep\n"
               "strategy keep { volume 0%..100% }\n");
    assert_str(seg_name(c, 0), "fortnight");
    assert_str(seg_name(c, 1), "heavy");
    assert_str(seg_name(c, 2), "week");
    assert_consistent(c);
    fix_free(&c->fix);
}

static const char *const market_src =
    "currency BYN\n"
    "product butter { milk 21 }\n"
    "market city { demand from customers; demand butter price 19_000 BYN/t }\n"
    "market town { demand from customers; demand butter price 18_000 BYN/t }\n"
    "customers {\n"
    "  id  market  butter  x\n"
    "  c1  city    1 t     1\n"
    "  c2  town    -       2\n"
    "  c3  city    2.5 t   3\n"
    "}\n";

static void test_market_id_and_volume_columns(void **state)
{
    (void)state;
    char *src = fmt("%s"
                    "segment named when id in (\"c3\", \"zz\") strategy keep\n"
                    "segment in_town when market == \"town\" and butter == 0 t strategy keep\n"
                    "segment in_city when market != \"nowhere\" and id != \"c9\" strategy keep\n"
                    "strategy keep { volume 0%%..100%% }\n",
                    market_src);
    C *c = seg(src);
    assert_str(seg_name(c, 0), "in_city");
    assert_str(seg_name(c, 1), "in_town");
    assert_str(seg_name(c, 2), "named");
    assert_consistent(c);
    fix_free(&c->fix);
    free(src);
}

static void test_customer_id(void **state)
{
    (void)state;
    C *c = seg("customers {\n  id x\n  \"a,1\" 1\n  007 2\n  long_identifier 3\n}\n"
               "segment all strategy keep\nstrategy keep { volume 0%..100% }\n");
    char buf[8];
    assert_str(segment_customer_id(c->fix.m, 0, buf, sizeof buf), "a,1");
    assert_str(segment_customer_id(c->fix.m, 1, buf, sizeof buf), "007");
    assert_str(segment_customer_id(c->fix.m, 2, buf, sizeof buf), "long_id");
    assert_str(segment_customer_id(c->fix.m, 9, buf, sizeof buf), "");
    fix_free(&c->fix);
}

/* ------------------------------------------------------------ rule analysis */

static const char *const rfm_customers =
    "customers {\n"
    "  id  recency[days]  frequency  monetary\n"
    "  c1  10             5          100\n"
    "  c2  20             3          200\n"
    "  c3  -              1          50\n"
    "  c4  40             -          70\n"
    "}\n";

static void test_analysis_shadowed_rule(void **state)
{
    (void)state;
    char *src = fmt("%s"
                    "let r = quintile(-recency)\n"
                    "let f = quintile(frequency)\n"
                    "segment best when r >= 4 and f >= 4 strategy keep\n"
                    "segment good when r == 5 and f == 5 strategy keep\n"
                    "segment rest strategy keep\n"
                    "strategy keep { volume 0%%..100%% }\n",
                    rfm_customers);
    C *c = seg(src);
    assert_str(analyze(c),
               "t.dairy:11:9: warning: segment `good` can never match: earlier rules take every "
               "customer it would match\n"
               "  11 | segment good when r == 5 and f == 5 strategy keep\n"
               "     |         ^~~~\n"
               "hint: the customers it would match go to `best` first\n");
    assert_int_equal(c->fix.d.warnings, 1);
    fix_free(&c->fix);
    free(src);

    /* covered by two earlier rules together */
    src = fmt("%s"
              "let r = quintile(-recency)\n"
              "let f = quintile(frequency)\n"
              "segment a when r >= 4 strategy keep\n"
              "segment b when f >= 4 strategy keep\n"
              "segment c when r >= 3 and f >= 3 and (r == 5 or f == 5) strategy keep\n"
              "segment rest strategy keep\n"
              "strategy keep { volume 0%%..100%% }\n",
              rfm_customers);
    c = seg(src);
    assert_has(analyze(c), "warning: segment `c` can never match: earlier rules take every "
                           "customer it would match\n");
    assert_has(c->fix.out, "hint: the customers it would match go to `a` and `b` first\n");
    assert_int_equal(c->fix.d.warnings, 1);
    fix_free(&c->fix);
    free(src);
}

static void test_analysis_gap(void **state)
{
    (void)state;
    char *src = fmt("%s"
                    "let r = quintile(-recency)\n"
                    "let f = quintile(frequency)\n"
                    "segment hi when r >= 3 strategy keep\n"
                    "segment lo when f <= 1 strategy keep\n"
                    "strategy keep { volume 0%%..100%% }\n",
                    rfm_customers);
    C *c = seg(src);
    /* r in 1..2 and f in 2..5: 8 of 25 */
    assert_str(analyze(c),
               "t.dairy:11:9: warning: no rule matches 8 of 25 score combinations, e.g. r = 1, "
               "f = 2\n"
               "  11 | segment lo when f <= 1 strategy keep\n"
               "     |         ^~\n"
               "hint: add a final rule without `when` to catch the rest, or extend the rules\n");
    assert_int_equal(c->fix.d.warnings, 1);
    fix_free(&c->fix);
    free(src);

    /* a score of one call, unnamed; a text gap */
    src = fmt("customers {\n  id x channel\n  a 1 pa\n  b 2 qb\n}\n"
              "segment hi when ntile(x, 3) >= 2 strategy keep\n"
              "segment ab when channel in (\"pa\", \"qb\") strategy keep\n"
              "strategy keep { volume 0%%..100%% }\n");
    c = seg(src);
    assert_has(analyze(c), "warning: no rule matches 1 of 9 combinations of scores and values, "
                           "e.g. ntile(x, 3) = 1, channel not in (\"pa\", \"qb\")\n");
    fix_free(&c->fix);
    free(src);

    src = fmt("customers {\n  id channel\n  a pa\n}\n"
              "segment a when channel == \"pa\" strategy keep\n"
              "strategy keep { volume 0%%..100%% }\n");
    c = seg(src);
    assert_has(analyze(c), "warning: no rule matches 1 of 2 value combinations, e.g. "
                           "channel != \"pa\"\n");
    fix_free(&c->fix);
    free(src);
}

static void test_analysis_exhaustive_maps(void **state)
{
    (void)state;
    /* scores, a let over scores, a condition let, text */
    char *src = fmt("customers {\n  id recency[days] frequency channel\n  a 1 2 pa\n}\n"
                    "let r = quintile(-recency)\n"
                    "let f = ntile(frequency, 4)\n"
                    "let mean = (r + f) / 2\n"
                    "let hot = r >= 4\n"
                    "segment a when hot and f >= 3 strategy keep\n"
                    "segment b when hot strategy keep\n"
                    "segment c when mean >= 3 strategy keep\n"
                    "segment d when mean < 3 and channel == \"pa\" strategy keep\n"
                    "segment e when not (channel == \"pa\") and (f != 1 or f == 1) strategy keep\n"
                    "strategy keep { volume 0%%..100%% }\n");
    C *c = seg(src);
    assert_str(analyze(c), "");
    assert_int_equal(c->fix.d.warnings, 0);
    fix_free(&c->fix);
    free(src);

    /* markets: both named, or one and the rest */
    src = fmt("%s"
              "let x4 = ntile(x, 4)\n"
              "segment c when market == \"city\" strategy keep\n"
              "segment t when market in (\"town\") and x4 > 2 strategy keep\n"
              "segment u when market == \"town\" and x4 <= 2 strategy keep\n"
              "strategy keep { volume 0%%..100%% }\n",
              market_src);
    c = seg(src);
    assert_str(analyze(c), "");
    fix_free(&c->fix);
    free(src);

    src = fmt("%s"
              "segment c when market == \"city\" strategy keep\n"
              "segment t when market != \"city\" strategy keep\n"
              "strategy keep { volume 0%%..100%% }\n",
              market_src);
    c = seg(src);
    assert_str(analyze(c), "");
    fix_free(&c->fix);
    free(src);
}

static void test_analysis_std_rfm(void **state)
{
    (void)state;
    char *src = fmt("%suse std.rfm\n", rfm_customers);
    C *c = seg(src);
    assert_str(analyze(c), "");
    assert_int_equal(c->fix.d.warnings, 0);
    assert_int_equal(c->fix.m->nsegments, 11);
    /* c3 and c4 miss a value: unsegmented */
    assert_int_equal(c->s.unsegmented, 2);
    assert_consistent(c);
    fix_free(&c->fix);
    free(src);

    /* the documented catch-all after it is no warning either */
    src = fmt("%suse std.rfm\nsegment unscored \"No RFM data\" strategy reduce\n", rfm_customers);
    c = seg(src);
    assert_str(analyze(c), "");
    assert_int_equal(c->s.unsegmented, 0);
    assert_int_equal(c->s.count[11], 2);
    fix_free(&c->fix);
    free(src);
}

static void test_analysis_raw_value_note(void **state)
{
    (void)state;
    char *src = fmt("%s"
                    "let r = quintile(-recency)\n"
                    "segment new when r >= 4 strategy keep\n"
                    "segment fresh when r >= 2 and recency <= 30 days strategy keep\n"
                    "segment fresh2 when r >= 4 strategy keep\n"
                    "strategy keep { volume 0%%..100%% }\n",
                    rfm_customers);
    C *c = seg(src);
    assert_str(analyze(c),
               "t.dairy:10:31: note: rule analysis cannot decide which rules overlap or leave "
               "gaps, because `recency <= 30 days` compares a raw value, not a score\n"
               "  10 | segment fresh when r >= 2 and recency <= 30 days strategy keep\n"
               "     |                               ^~~~~~~~~~~~~~~~~~\n");
    assert_int_equal(c->fix.d.warnings, 0);
    fix_free(&c->fix);
    free(src);

    /* through a let; arithmetic on a raw column */
    src = fmt("%s"
              "let r = quintile(-recency)\n"
              "let big = monetary * 2\n"
              "segment a when r >= 4 strategy keep\n"
              "segment b when big > 100 strategy keep\n"
              "strategy keep { volume 0%%..100%% }\n",
              rfm_customers);
    c = seg(src);
    assert_has(analyze(c), "note: rule analysis cannot decide which rules overlap or leave gaps, "
                           "because `big > 100` compares a raw value, not a score\n");
    assert_int_equal(c->fix.d.warnings, 0);
    fix_free(&c->fix);
    free(src);

    /* a quintile of a raw column is a score, not a raw value */
    src = fmt("%s"
              "segment a when quintile(monetary * 2 + frequency) >= 4 strategy keep\n"
              "segment b when quintile(monetary * 2 + frequency) < 4 strategy keep\n"
              "strategy keep { volume 0%%..100%% }\n",
              rfm_customers);
    c = seg(src);
    assert_str(analyze(c), "");
    fix_free(&c->fix);
    free(src);

    /* ids */
    src = fmt("%s"
              "segment a when id == \"c1\" strategy keep\n"
              "strategy keep { volume 0%%..100%% }\n",
              rfm_customers);
    c = seg(src);
    assert_has(analyze(c), "because `id == \"c1\"` compares customer ids\n");
    fix_free(&c->fix);
    free(src);
}

static void test_analysis_never_true_and_after_catch_all(void **state)
{
    (void)state;
    char *src = fmt("%s"
                    "let r = quintile(-recency)\n"
                    "segment odd when r > 5 strategy keep\n"
                    "segment rest strategy keep\n"
                    "segment late when r == 1 strategy keep\n"
                    "strategy keep { volume 0%%..100%% }\n",
                    rfm_customers);
    C *c = seg(src);
    assert_str(analyze(c),
               "t.dairy:9:9: warning: segment `odd` can never match: its rule is never true\n"
               "   9 | segment odd when r > 5 strategy keep\n"
               "     |         ^~~\n"
               "hint: no score combination makes it true; quintile scores run from 1 to 5, "
               "ntile(x, q) scores from 1 to q\n"
               "t.dairy:11:9: warning: segment `late` can never match: earlier rules take every "
               "customer it would match\n"
               "  11 | segment late when r == 1 strategy keep\n"
               "     |         ^~~~\n"
               "hint: segment `rest` has no `when`: it takes every customer that reaches it\n");
    assert_int_equal(c->fix.d.warnings, 2);
    fix_free(&c->fix);
    free(src);
}

static void test_analysis_too_many_combinations(void **state)
{
    (void)state;
    C *c = seg("customers {\n  id x y\n  a 1 2\n}\n"
               "segment a when ntile(x, 1000) > 1 and ntile(y, 1000) > 1 and ntile(x + y, 2) > 1 "
               "strategy keep\n"
               "strategy keep { volume 0%..100% }\n");
    assert_has(analyze(c), "note: rule analysis cannot decide which rules overlap or leave gaps: "
                           "the rules combine 2000000 score combinations, more than the 1000000 "
                           "it enumerates\n");
    assert_int_equal(c->fix.d.warnings, 0);
    fix_free(&c->fix);
}

/* ------------------------------------------------------------ outputs */

static const char *const report_src =
    "model \"report\"\n"
    "currency BYN\n"
    "product butter \"Butter\" { milk 21 }\n"
    "product milk32 { milk 1.02 }\n"
    "market city { demand from customers; demand butter price 19_000 BYN/t; "
    "demand milk32 price 1_500 BYN/t }\n"
    "customers {\n"
    "  id        market  frequency  channel  butter  milk32\n"
    "  \"a,1\"     city    5          retail   1.5 t   10 t\n"
    "  \"b\\\"q\"    city    3          horeca   2 t     -\n"
    "  c         city    -          retail   -       4.25 t\n"
    "  \"l\\nf\"    city    1          horeca   0.5 t   1 t\n"
    "}\n"
    "let f = quintile(frequency)\n"
    "segment top \"Top \\\"F\\\"\" when f >= 4 strategy keep\n"
    "segment shops when channel == \"retail\" or not (f in (1, 2)) strategy cut\n"
    "segment rest strategy cut\n"
    "segment none when f > 9 strategy cut\n"
    "strategy keep \"Keep\" { volume 100%..110% }\n"
    "strategy cut { volume 0%..100% }\n";

/* The whole output of one report. */
static char *report(const C *c, int (*fn)(const Model *, const Segmentation *, FILE *))
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(fn(c->fix.m, &c->s, f), 0);
    fclose(f);
    return buf;
}

static void test_report_csv(void **state)
{
    (void)state;
    C *c = seg(report_src);
    char *out = report(c, segment_report_csv);
    assert_str(out, "id,segment,strategy\n"
                    "\"a,1\",top,keep\n"
                    "\"b\"\"q\",rest,cut\n"
                    "c,shops,cut\n"
                    "\"l\nf\",rest,cut\n");
    free(out);
    fix_free(&c->fix);

    c = seg("customers {\n  id x\n  a 1\n  b -\n}\n"
            "segment one when x == 1 strategy keep\nstrategy keep { volume 0%..100% }\n");
    out = report(c, segment_report_csv);
    assert_str(out, "id,segment,strategy\na,one,keep\nb,,\n");
    free(out);
    fix_free(&c->fix);
}

static void test_report_text(void **state)
{
    (void)state;
    C *c = seg(report_src);
    char *out = report(c, segment_report_text);
    assert_str(out, "4 customers, 4 segments, 0 unsegmented\n"
                    "\n"
                    "top  Top \"F\"\n"
                    "  strategy     keep  Keep\n"
                    "  rule         f >= 4\n"
                    "  customers    1 (25.0%)\n"
                    "  base volume  butter 1.500 t, milk32 10.000 t\n"
                    "\n"
                    "shops\n"
                    "  strategy     cut\n"
                    "  rule         channel == \"retail\" or not (f in (1, 2))\n"
                    "  customers    1 (25.0%)\n"
                    "  base volume  butter 0.000 t, milk32 4.250 t\n"
                    "\n"
                    "rest\n"
                    "  strategy     cut\n"
                    "  rule         every customer that reaches it\n"
                    "  customers    2 (50.0%)\n"
                    "  base volume  butter 2.500 t, milk32 1.000 t\n"
                    "\n"
                    "none\n"
                    "  strategy     cut\n"
                    "  rule         f > 9\n"
                    "  customers    0 (0.0%)\n"
                    "  base volume  butter 0.000 t, milk32 0.000 t\n"
                    "\n"
                    "unsegmented\n"
                    "  rule         no rule matches\n"
                    "  customers    0 (0.0%)\n"
                    "  base volume  butter 0.000 t, milk32 0.000 t\n");
    free(out);
    fix_free(&c->fix);
}

static void test_report_json(void **state)
{
    (void)state;
    C *c = seg(report_src);
    char *out = report(c, segment_report_json);
    assert_str(out,
               "{\n"
               "  \"customers\": 4,\n"
               "  \"unsegmented\": 0,\n"
               "  \"segments\": [\n"
               "    {\"segment\": \"top\", \"label\": \"Top \\\"F\\\"\", \"strategy\": \"keep\", "
               "\"rule\": \"f >= 4\", \"customers\": 1, \"share\": 0.25, "
               "\"volume\": {\"butter\": 1.5, \"milk32\": 10}},\n"
               "    {\"segment\": \"shops\", \"label\": null, \"strategy\": \"cut\", "
               "\"rule\": \"channel == \\\"retail\\\" or not (f in (1, 2))\", \"customers\": 1, "
               "\"share\": 0.25, \"volume\": {\"butter\": 0, \"milk32\": 4.25}},\n"
               "    {\"segment\": \"rest\", \"label\": null, \"strategy\": \"cut\", "
               "\"rule\": null, \"customers\": 2, \"share\": 0.5, "
               "\"volume\": {\"butter\": 2.5, \"milk32\": 1}},\n"
               "    {\"segment\": \"none\", \"label\": null, \"strategy\": \"cut\", "
               "\"rule\": \"f > 9\", \"customers\": 0, \"share\": 0, "
               "\"volume\": {\"butter\": 0, \"milk32\": 0}}\n"
               "  ],\n"
               "  \"unsegmented_volume\": {\"butter\": 0, \"milk32\": 0},\n"
               "  \"assignments\": [\n"
               "    {\"id\": \"a,1\", \"segment\": \"top\", \"strategy\": \"keep\"},\n"
               "    {\"id\": \"b\\\"q\", \"segment\": \"rest\", \"strategy\": \"cut\"},\n"
               "    {\"id\": \"c\", \"segment\": \"shops\", \"strategy\": \"cut\"},\n"
               "    {\"id\": \"l\\u000af\", \"segment\": \"rest\", \"strategy\": \"cut\"}\n"
               "  ]\n"
               "}\n");
    free(out);
    fix_free(&c->fix);

    /* unsegmented customers are null */
    c = seg("customers {\n  id x\n  a 1\n  b -\n}\n"
            "segment one when x == 1 strategy keep\nstrategy keep { volume 0%..100% }\n");
    out = report(c, segment_report_json);
    assert_has(out, "\"unsegmented\": 1,\n");
    assert_has(out, "{\"id\": \"b\", \"segment\": null, \"strategy\": null}\n");
    free(out);
    fix_free(&c->fix);
}

/* ------------------------------------------------------------ a large model */

static uint64_t rng_state;
static uint32_t rng(void)
{
    rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(rng_state >> 33);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Quintiles the slow, obvious way: sort, then count the smaller values. */
static void ref_quintiles(const double *x, size_t n, int *out)
{
    double *v = malloc(sizeof(double) * n);
    size_t np = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]))
            v[np++] = x[i];
    qsort(v, np, sizeof(double), cmp_double);
    for (size_t i = 0; i < n; i++) {
        if (isnan(x[i])) {
            out[i] = 0;
            continue;
        }
        size_t lo = 0, hi = np;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (v[mid] < x[i])
                lo = mid + 1;
            else
                hi = mid;
        }
        out[i] = (int)(1 + 5 * (uint64_t)lo / np);
    }
    free(v);
}

/* The map of stdlib/rfm.dairy: R (rows 5..1) by FM = floor((f + m) / 2). */
static const char *ref_rfm(int r, int f, int m)
{
    static const char *const map[5][5] = {
        /* R 1 */ {"lost", "hibernating", "at_risk", "cant_lose", "cant_lose"},
        /* R 2 */ {"about_to_sleep", "need_attention", "need_attention", "at_risk", "at_risk"},
        /* R 3 */ {"promising", "need_attention", "potential_loyalists", "loyal", "loyal"},
        /* R 4 */ {"promising", "potential_loyalists", "potential_loyalists", "loyal", "champions"},
        /* R 5 */ {"recent", "potential_loyalists", "loyal", "champions", "champions"},
    };
    if (!r || !f || !m)
        return "-";
    return map[r - 1][(f + m) / 2 - 1];
}

static void test_large_generated_model(void **state)
{
    (void)state;
    enum { N = 200000 };
    size_t cap = (size_t)N * 40 + 1024, len = 0;
    char *src = malloc(cap);
    len += (size_t)sprintf(src + len, "customers {\n  id recency[days] frequency monetary\n");
    double *rec = malloc(sizeof(double) * N), *fr = malloc(sizeof(double) * N),
           *mo = malloc(sizeof(double) * N);
    rng_state = 42;
    for (size_t i = 0; i < N; i++) {
        bool miss_r = rng() % 100 == 0, miss_m = rng() % 250 == 0;
        rec[i] = miss_r ? NAN : (double)(1 + rng() % 365);
        fr[i] = (double)(1 + rng() % 40);
        mo[i] = miss_m ? NAN : (double)(rng() % 1000000) / 100;
        len += (size_t)sprintf(src + len, "  c%zu ", i);
        len += (size_t)(miss_r ? sprintf(src + len, "- ") : sprintf(src + len, "%.0f ", rec[i]));
        len += (size_t)sprintf(src + len, "%.0f ", fr[i]);
        len += (size_t)(miss_m ? sprintf(src + len, "-\n") : sprintf(src + len, "%.2f\n", mo[i]));
        assert_true(len + 100 < cap);
    }
    len += (size_t)sprintf(src + len, "}\nuse std.rfm\n");
    C *c = seg(src);
    free(src);
    assert_int_equal(c->s.n, N);
    assert_consistent(c);
    assert_str(analyze(c), "");

    /* the same segments from an independent computation */
    for (size_t i = 0; i < N; i++)
        rec[i] = -rec[i];
    int *r = malloc(sizeof(int) * N), *f = malloc(sizeof(int) * N), *m = malloc(sizeof(int) * N);
    ref_quintiles(rec, N, r);
    ref_quintiles(fr, N, f);
    ref_quintiles(mo, N, m);
    size_t unseg = 0;
    for (size_t i = 0; i < N; i++) {
        const char *want = ref_rfm(r[i], f[i], m[i]);
        unseg += want[0] == '-';
        if (strcmp(seg_name(c, i), want) != 0)
            fail_msg("customer %zu (r %d, f %d, m %d): got %s, want %s", i, r[i], f[i], m[i],
                     seg_name(c, i), want);
    }
    assert_int_equal(c->s.unsegmented, unseg);
    assert_true(unseg > 0);
    for (int s = 0; s < c->fix.m->nsegments; s++)
        assert_true(c->s.count[s] > 0);
    free(r);
    free(f);
    free(m);
    free(rec);
    free(fr);
    free(mo);
    fix_free(&c->fix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quintile_distinct),
        cmocka_unit_test(test_quintile_ties),
        cmocka_unit_test(test_quintile_missing),
        cmocka_unit_test(test_quintile_small_n),
        cmocka_unit_test(test_quintile_of_expression),
        cmocka_unit_test(test_ntile),
        cmocka_unit_test(test_score_in_condition_and_reuse),
        cmocka_unit_test(test_logic_not_and_or),
        cmocka_unit_test(test_logic_comparisons_with_missing),
        cmocka_unit_test(test_logic_in),
        cmocka_unit_test(test_division_by_zero_is_missing),
        cmocka_unit_test(test_text_literal_not_in_data),
        cmocka_unit_test(test_text_lets),
        cmocka_unit_test(test_first_match_order),
        cmocka_unit_test(test_unsegmented_and_catch_all),
        cmocka_unit_test(test_units_in_literals),
        cmocka_unit_test(test_market_id_and_volume_columns),
        cmocka_unit_test(test_customer_id),
        cmocka_unit_test(test_analysis_shadowed_rule),
        cmocka_unit_test(test_analysis_gap),
        cmocka_unit_test(test_analysis_exhaustive_maps),
        cmocka_unit_test(test_analysis_std_rfm),
        cmocka_unit_test(test_analysis_raw_value_note),
        cmocka_unit_test(test_analysis_never_true_and_after_catch_all),
        cmocka_unit_test(test_analysis_too_many_combinations),
        cmocka_unit_test(test_report_csv),
        cmocka_unit_test(test_report_text),
        cmocka_unit_test(test_report_json),
        cmocka_unit_test(test_large_generated_model),
    };
    return cmocka_run_group_tests(tests, NULL, fix_close_leftovers);
}
