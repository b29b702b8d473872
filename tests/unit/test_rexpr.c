/* test_rexpr.c — unit tests for the resolved expressions the checker puts
 * in the model (src/rexpr.h, built in src/check_expr.c) and their printer
 * (src/rexpr.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/check.h"
#include "../../src/model.h"
#include "../../src/rexpr.h"
#include "fixture.h"

static const char *const rules =
    "currency BYN\n"
    "product butter { milk 21 t/t }\n"
    "market city { demand from customers }\n"
    "customers {\n"
    "  id  market  recency[days]  channel  monetary[BYN]\n"
    "  a   city    12             retail   180_000\n"
    "}\n"
    "strategy keep { volume 100% }\n"
    "let r = ((ntile(- -recency, 4)))\n"
    "let big = monetary >= 1_500 BYN\n"
    "segment top when r == 4 and (channel in (\"retail\", \"a\\\\b\")) strategy keep\n"
    "segment rest when not (recency > 2 weeks) or big strategy keep\n";

static Model *c_ok(Fix **cp, const char *src)
{
    Fix *c = fix_new();
    *cp = c;
    if (!fix_check_text(c, "t.dairy", src))
        fail_msg("unexpected errors:\n%s", c->out);
    return c->m;
}

static char *put(const RExpr *e, unsigned flags)
{
    Buf b = {0};
    rexpr_put(&b, e, flags);
    char *s = strdup(buf_str(&b));
    buf_free(&b);
    return s;
}

static void assert_put(const RExpr *e, unsigned flags, const char *want)
{
    char *s = put(e, flags);
    assert_string_equal(s, want);
    free(s);
}

/* Names are indices, numbers base values, calls their bins; the
 * parentheses written are a count on the node they enclose. */
static void test_resolved(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = c_ok(&c, rules);
    const RExpr *r = m->lets[0].expr;
    assert_int_equal(r->kind, RX_CALL);
    assert_int_equal(r->parens, 2);
    assert_int_equal(r->bins, 4);
    assert_int_equal(r->type, T_NUMBER);
    assert_int_equal(r->a->kind, RX_NEG);
    assert_int_equal(r->a->a->a->kind, RX_COLUMN);
    assert_int_equal(r->a->a->a->index, 2);
    assert_true(dim_eq(r->a->a->a->dim, dim_time()));

    const RExpr *big = m->lets[1].expr;
    assert_int_equal(big->type, T_BOOL);
    assert_int_equal(big->b->kind, RX_NUM);
    assert_true(big->b->value == 1500);
    assert_string_equal(big->b->digits, "1_500");
    assert_string_equal(big->b->unit, "BYN");
    assert_true(big->b->written == 1500);

    const RExpr *top = m->segments[0].when;
    assert_int_equal(top->kind, RX_AND);
    assert_int_equal(top->a->a->kind, RX_LET);
    assert_int_equal(top->a->a->index, 0);
    assert_int_equal(top->b->kind, RX_IN);
    assert_int_equal(top->b->parens, 1);
    assert_int_equal(top->b->nitems, 2);

    const RExpr *rest = m->segments[1].when;
    assert_true(rest->a->a->b->value == 14);  /* 2 weeks in days */
    fix_close(&c);
}

/* As written, with the parentheses written; REXPR_INNER drops the node's
 * own; REXPR_COMMENT spaces `- -` for SQL. */
static void test_printer(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = c_ok(&c, rules);
    assert_put(m->lets[0].expr, 0, "((ntile(--recency, 4)))");
    assert_put(m->lets[0].expr, REXPR_INNER, "ntile(--recency, 4)");
    assert_put(m->lets[0].expr, REXPR_COMMENT, "((ntile(- -recency, 4)))");
    assert_put(m->lets[1].expr, 0, "monetary >= 1_500 BYN");
    assert_put(m->segments[0].when, 0, "r == 4 and (channel in (\"retail\", \"a\\\\b\"))");
    assert_put(m->segments[1].when, 0, "not (recency > 2 weeks) or big");
    assert_put(NULL, 0, "");
    assert_string_equal(rexpr_op(RX_NE), "!=");
    assert_string_equal(rexpr_op(RX_NUM), "?");
    fix_close(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_resolved),
        cmocka_unit_test(test_printer),
    };
    return cmocka_run_group_tests(tests, NULL, fix_close_leftovers);
}
