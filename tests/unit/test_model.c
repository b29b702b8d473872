/* test_model.c — unit tests for the checked model's printers (src/model.c):
 * the one-line summary and the deterministic dump. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/arena.h"
#include "../../src/check.h"
#include "../../src/diag.h"
#include "../../src/model.h"
#include "fixture.h"

/* Check src and require a model. */
static Model *c_ok(Fix **cp, const char *src)
{
    Fix *c = fix_new();
    *cp = c;
    if (!fix_check_text(c, "t.dairy", src))
        fail_msg("unexpected errors:\n%s", c->out);
    return c->m;
}

typedef void (*Printer)(const Model *m, FILE *out);

/* What a printer writes, as a malloc'd string (length in *len). */
static char *print_to_string(const Model *m, Printer fn, size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_non_null(f);
    fn(m, f);
    fclose(f);
    *len = n;
    return buf;
}

static char *summary_line(const Model *m, const char *path)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_non_null(f);
    model_summary_line(m, path, f);
    fclose(f);
    return buf;
}

/* Every part of the dump: customers, lets, segments, strategies, scenarios. */
static const char *const full_model =
    "model \"Full\"\n"
    "currency BYN\n"
    "use std.strategies\n"
    "product butter { milk 21 t/t; price 10_000 BYN/t }\n"
    "farm north { supply 9_000 t; price 820 BYN/t }\n"
    "plant p1 { capacity 15_000 t; makes butter 400 t cost 310 BYN/t; optional }\n"
    "market city { demand from customers; demand butter price 9_000 BYN/t }\n"
    "market town { demand butter 1..2 t }\n"
    "transport { milk 0.4 BYN/t/km }\n"
    "routes {\n"
    "  from to cost\n"
    "  north p1 10 BYN/t\n"
    "  p1 city 20 BYN/t\n"
    "  p1 town 30 BYN/t\n"
    "}\n"
    "customers {\n"
    "  id    market  recency[days]  frequency  channel  monetary[BYN]  butter[t]\n"
    "  c001  city    12             24         retail   180_000        40\n"
    "  c002  city    -              3          horeca   -              2.5\n"
    "  c003  city    30             7          \"ABC\"    5_000          -\n"
    "}\n"
    "let r = quintile(-recency)\n"
    "let fm = (ntile(frequency, 4) + r) / 2\n"
    "segment champions \"Champions\" when r >= 4 and fm >= 3 strategy loyalty\n"
    "segment horeca when channel in (\"horeca\", \"ABC\") or not monetary > 1_000 BYN "
    "strategy stimulate\n"
    "segment rest strategy reduce\n"
    "strategy partner { volume 100%..110%; price -3%; service 15 BYN/t; offers butter }\n"
    "scenario dry \"Dry\" {\n"
    "  scale farm * supply 85%\n"
    "  set farm north price 900 BYN/t\n"
    "  close plant p1\n"
    "  scale transport milk 110%\n"
    "}\n"
    "scenario wet { open plant p1 }\n";

static void test_summary_line(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = c_ok(&c, small_model);
    char *line = summary_line(m, "small.dairy");
    assert_string_equal(line, "small.dairy: ok: 2 products, 2 farms, 1 plant, 1 market, 3 routes\n");
    free(line);
    fix_close(&c);
}

static void test_summary_line_singular_and_extras(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = c_ok(&c, "currency BYN\n"
                        "product b { milk 1 }\n"
                        "farm f { supply 1 t; price 1 BYN/t }\n"
                        "plant p { capacity 1 t; makes b 1 t cost 1 BYN/t }\n"
                        "market m { demand from customers; demand b price 1 BYN/t }\n"
                        "routes {\n  from to cost\n  f p 1 BYN/t\n}\n"
                        "customers {\n  id market b[t]\n  c1 m 1\n}\n"
                        "strategy s {}\n"
                        "segment all strategy s\n"
                        "scenario x { close plant p }\n");
    char *line = summary_line(m, "one.dairy");
    assert_string_equal(line, "one.dairy: ok: 1 product, 1 farm, 1 plant, 1 market, 1 route, "
                              "1 customer, 1 segment, 1 scenario\n");
    free(line);
    fix_close(&c);

    m = c_ok(&c, full_model);
    line = summary_line(m, "dir/full.dairy");
    assert_string_equal(line, "dir/full.dairy: ok: 1 product, 1 farm, 1 plant, 2 markets, 3 routes, "
                              "3 customers, 3 segments, 2 scenarios\n");
    free(line);
    fix_close(&c);

    m = c_ok(&c, "# nothing yet\n");
    line = summary_line(m, "empty.dairy");
    assert_string_equal(line, "empty.dairy: ok: 0 products, 0 farms, 0 plants, 0 markets, 0 routes\n");
    free(line);
    fix_close(&c);
}

static void test_dump_is_deterministic(void **state)
{
    (void)state;
    const char *models[] = {small_model, full_model};
    for (size_t i = 0; i < 2; i++) {
        Fix *a = NULL, *b = NULL;
        Model *ma = c_ok(&a, models[i]);
        size_t la, lb, la2;
        char *da = print_to_string(ma, model_dump, &la);
        char *da2 = print_to_string(ma, model_dump, &la2); /* the same model twice */
        Model *mb = c_ok(&b, models[i]);                   /* and a second check */
        char *db = print_to_string(mb, model_dump, &lb);
        assert_true(la > 100);
        assert_int_equal(la, la2);
        assert_memory_equal(da, da2, la);
        assert_int_equal(la, lb);
        assert_memory_equal(da, db, la);
        free(da);
        free(da2);
        free(db);
        fix_close(&a);
        fix_close(&b);
    }
}

static void test_dump_contents(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = c_ok(&c, small_model);
    size_t n;
    char *d = print_to_string(m, model_dump, &n);
    assert_non_null(strstr(d, "title \"Small\"\ncurrency BYN\nobjective 1\n"));
    assert_non_null(strstr(d, "line 0 0 0 400 310\n"));
    assert_non_null(strstr(d, "line 0 1 100 9000 95\n"));
    assert_non_null(strstr(d, "demand 0 0 1 150 380 10000\n"));
    assert_non_null(strstr(d, "route 0 0 0 1 38 0\n"));
    assert_non_null(strstr(d, "farm south \"\" 0 7500 790\n"));
    free(d);
    fix_close(&c);

    m = c_ok(&c, full_model);
    d = print_to_string(m, model_dump, &n);
    assert_non_null(strstr(d, "customers 3\n"));
    assert_non_null(strstr(d, "column id 0 0 0 0 0 -1\n \"c001\" \"c002\" \"c003\"\n"));
    assert_non_null(strstr(d, "column recency 3 0 0 0 1 -1\n 12 - 30\n"));
    assert_non_null(strstr(d, "let r = quintile((-recency))\n"));
    assert_non_null(strstr(d, "segment rest \"\" strategy 2 when true\n"));
    assert_non_null(strstr(d, "scenario wet \"\"\n  3 2 0 9 -1 0"));
    free(d);
    fix_close(&c);
}

static void test_dump_same_meaning_same_dump(void **state)
{
    (void)state;
    /* written differently, meaning the same: the same dump */
    const char *a = "currency BYN\n"
                    "farm f { supply 9_000 t; price 820 BYN/t }\n"
                    "product b { milk 21 t/t }\n";
    const char *b = "currency BYN   # spacing and comments do not matter\n"
                    "farm f {\n  supply 0..9000 t\n  price 0.82 BYN/kg\n}\n"
                    "product b { milk 21000 kg/t }\n";
    const char *diff = "currency BYN\n"
                       "farm f { supply 9_001 t; price 820 BYN/t }\n"
                       "product b { milk 21 t/t }\n";
    Fix *ca = NULL, *cb = NULL, *cd = NULL;
    size_t la, lb, ld;
    char *da = print_to_string(c_ok(&ca, a), model_dump, &la);
    char *db = print_to_string(c_ok(&cb, b), model_dump, &lb);
    char *dd = print_to_string(c_ok(&cd, diff), model_dump, &ld);
    assert_string_equal(da, db);
    assert_true(strcmp(da, dd) != 0);
    free(da);
    free(db);
    free(dd);
    fix_close(&ca);
    fix_close(&cb);
    fix_close(&cd);
}

static void test_summary_mentions_entities(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = c_ok(&c, small_model);
    size_t n;
    char *s = print_to_string(m, model_summary, &n);
    assert_non_null(strstr(s, "model: Small\n"));
    assert_non_null(strstr(s, "objective: minimize cost\n"));
    assert_non_null(strstr(s, "currency: BYN\n"));
    assert_non_null(strstr(s, "products (2):\n"));
    assert_non_null(strstr(s, "farms (2): raw milk 0.5..7502 t\n"));
    assert_non_null(strstr(s, "routes (3): 2 farm → plant, 1 plant → market\n"));
    char *s2 = print_to_string(m, model_summary, &n);
    assert_string_equal(s, s2);
    free(s);
    free(s2);
    fix_close(&c);
}

static void test_model_free_is_safe_twice(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = c_ok(&c, full_model);
    model_free(m);
    assert_null(m->products);
    assert_int_equal(m->customers.ncols, 0);
    model_free(m); /* again: nothing left to free */
    model_free(NULL);
    fix_close(&c);   /* frees it a third time */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_summary_line),
        cmocka_unit_test(test_summary_line_singular_and_extras),
        cmocka_unit_test(test_dump_is_deterministic),
        cmocka_unit_test(test_dump_contents),
        cmocka_unit_test(test_dump_same_meaning_same_dump),
        cmocka_unit_test(test_summary_mentions_entities),
        cmocka_unit_test(test_model_free_is_safe_twice),
    };
    return cmocka_run_group_tests(tests, NULL, fix_close_leftovers);
}
