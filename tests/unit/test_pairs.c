/* test_pairs.c — unit tests for the (int, int) → int map (src/pairs.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../src/pairs.h"

static void test_put_twice(void **state)
{
    (void)state;
    PairMap m;
    pairs_init(&m);
    assert_int_equal(pairs_put(&m, 0, 0, 0), -1);
    assert_int_equal(pairs_put(&m, 0, 1, 1), -1);
    assert_int_equal(pairs_put(&m, 1, 0, 2), -1); /* (1,0) is not (0,1) */
    assert_int_equal(pairs_put(&m, 0, 1, 9), 1);  /* the first value stays */
    assert_int_equal(pairs_put(&m, 1, 0, 9), 2);
    assert_int_equal(pairs_put(&m, 0, 0, 9), 0);
    assert_int_equal(m.t.len, 3);
    pairs_free(&m);
    assert_int_equal(m.t.len, 0);
}

/* Many pairs, across several growths: every one is found again. */
static void test_grow(void **state)
{
    (void)state;
    PairMap m;
    pairs_init(&m);
    int n = 0;
    for (int a = 0; a < 300; a++)
        for (int b = 0; b < 30; b++)
            assert_int_equal(pairs_put(&m, a, b * 1000003 % 2000000000, n++), -1);
    n = 0;
    for (int a = 0; a < 300; a++)
        for (int b = 0; b < 30; b++)
            assert_int_equal(pairs_put(&m, a, b * 1000003 % 2000000000, 99999), n++);
    assert_int_equal(m.t.len, 9000);
    pairs_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_put_twice),
        cmocka_unit_test(test_grow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
