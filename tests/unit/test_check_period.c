/* test_check_period.c — unit tests for periods and storage in the checker
 * (src/check_period.c): the periods, each period's actions in the order
 * the language gives (table rows before blocks), the stores, and the
 * errors after which no model is returned. */
#include "fixture.h"

#define BASE                                                                 \
    "currency BYN\n"                                                         \
    "product butter { milk 21 t/t }\n"                                       \
    "product cheese { milk 10 t/t }\n"                                       \
    "farm north { supply 750 t; price 820 BYN/t }\n"                         \
    "plant city { capacity 1_300 t; makes butter 40 t cost 310 BYN/t }\n"    \
    "market town { demand butter 10..60 t price 10_400 BYN/t }\n"

/* Check src and require errors; returns the messages. */
static const char *errors_of(Fix *c, const char *src)
{
    if (fix_check_text(c, "t.dairy", src))
        fail_msg("expected errors, got a model for:\n%s", src);
    assert_true(c->d.errors > 0);
    return c->out;
}

static void assert_has(const char *out, const char *want)
{
    if (!strstr(out, want))
        fail_msg("`%s` not in:\n%s", want, out);
}

/* A model without `periods` has none, and no stores. */
static void test_no_periods(void **state)
{
    (void)state;
    Fix *c = fix_new();
    Model *m = fix_model(c, BASE);
    assert_int_equal(m->nperiods, 0);
    assert_int_equal(m->nstores, 0);
    fix_close(&c);
}

/* A period's table rows come before its blocks, whatever the order in the
 * file; several blocks for one period apply in order. */
static void test_rows_before_blocks(void **state)
{
    (void)state;
    Fix *c = fix_new();
    Model *m = fix_model(c, BASE "periods a, b\n"
                                 "period b { scale farm * supply 50% }\n"
                                 "period b { close plant city }\n"
                                 "farms {\n"
                                 "  name   period  supply  price\n"
                                 "  north  b       600 t   -\n"
                                 "}\n");
    assert_int_equal(m->nperiods, 2);
    assert_string_equal(m->periods[1].n.name, "b");
    assert_int_equal(m->periods[0].nactions, 0);
    const Period *p = &m->periods[1];
    assert_int_equal(p->nactions, 3);
    assert_int_equal(p->actions[0].op, SC_SET);
    assert_int_equal(p->actions[0].prop, SP_SUPPLY);
    assert_true(p->actions[0].is_range);
    assert_range(p->actions[0].value, 0, 600);
    assert_int_equal(p->actions[1].op, SC_SCALE);
    assert_int_equal(p->actions[2].op, SC_CLOSE);
    /* applied: the row's 600 t, then half of it */
    Model *pm = period_apply(&c->arena, m, 1);
    assert_range(pm->farms[0].supply, 0, 300);
    assert_true(pm->plants[0].closed);
    assert_false(m->plants[0].closed);
    fix_close(&c);
}

/* Lines and demands rows become `set plant P output K` and `set market M
 * demand K`, with the product. */
static void test_line_and_demand_rows(void **state)
{
    (void)state;
    Fix *c = fix_new();
    Model *m = fix_model(c, BASE "periods a\n"
                                 "lines {\n"
                                 "  plant product output cost period\n"
                                 "  city  butter  30 t   -    a\n"
                                 "}\n"
                                 "demands {\n"
                                 "  market product volume price period\n"
                                 "  town   butter  -      9_000 BYN/t a\n"
                                 "}\n");
    const Period *p = &m->periods[0];
    assert_int_equal(p->nactions, 2);
    assert_int_equal(p->actions[0].kind, K_PLANT);
    assert_int_equal(p->actions[0].prop, SP_OUTPUT);
    assert_int_equal(p->actions[0].product, 0);
    assert_int_equal(p->actions[1].kind, K_MARKET);
    assert_int_equal(p->actions[1].prop, SP_PRICE);
    assert_true(fabs(p->actions[1].value.lo - 9000) <= 1e-9);
    fix_close(&c);
}

/* A store in base units, with its plant's line. */
static void test_stores(void **state)
{
    (void)state;
    Fix *c = fix_new();
    Model *m = fix_model(c, BASE "periods a, b\n"
                                 "plant other {\n"
                                 "  capacity 100 t\n"
                                 "  makes cheese 5 t cost 1 BYN/t\n"
                                 "  makes butter 5 t cost 1 BYN/t\n"
                                 "  stores butter 2_000 kg cost 18 BYN/t start 500 kg\n"
                                 "}\n");
    assert_int_equal(m->nstores, 1);
    const Store *s = &m->stores[0];
    assert_int_equal(s->plant, 1);
    assert_int_equal(s->product, 0);
    assert_int_equal(m->lines[s->line].plant, 1);
    assert_int_equal(m->lines[s->line].product, 0);
    assert_true(fabs(s->capacity - 2) <= 1e-9);
    assert_true(fabs(s->start - 0.5) <= 1e-9);
    assert_true(fabs(s->cost - 18) <= 1e-9);
    fix_close(&c);
}

static void test_errors(void **state)
{
    (void)state;
    struct {
        const char *src, *want;
    } cases[] = {
        {BASE "periods a, b\nperiods c\n", "`periods` is declared twice"},
        {BASE "periods a, a\n", "period `a` is named twice"},
        {BASE "periods north\n", "period `north` has the name of a farm"},
        {BASE "period a { close plant city }\n", "the model declares no `periods`"},
        {BASE "periods a\nperiod b { close plant city }\n", "unknown period `b`"},
        {BASE "periods a\nperiod a { open plant city }\n", "a period cannot open a plant"},
        {BASE "periods a\nfarms {\n name period supply price\n south a 1 t 1 BYN/t\n}\n",
         "a `period` row for unknown farm `south`"},
        {BASE "plant p { capacity 1 t; makes butter 1 t cost 1 BYN/t; stores butter 1 t cost "
              "1 BYN/t }\n",
         "`stores`, but the model declares no `periods`"},
        {BASE "periods a\nplant p { capacity 1 t; makes butter 1 t cost 1 BYN/t; stores cheese "
              "1 t cost 1 BYN/t }\n",
         "plant `p` does not make `cheese`"},
        {BASE "periods a\nplant p { capacity 1 t; makes butter 1 t cost 1 BYN/t; stores butter "
              "1 t cost 1 BYN/t start 2 t }\n",
         "is more than the storage capacity"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        Fix *c = fix_new();
        assert_has(errors_of(c, cases[i].src), cases[i].want);
        fix_close(&c);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_periods),
        cmocka_unit_test(test_rows_before_blocks),
        cmocka_unit_test(test_line_and_demand_rows),
        cmocka_unit_test(test_stores),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, fix_close_leftovers);
}
