/* test_names.c — unit tests for the name → int hash map (src/names.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/names.h"

static void test_empty_map(void **state)
{
    (void)state;
    NameMap m;
    names_init(&m);
    assert_int_equal(names_get(&m, "north"), -1);
    assert_int_equal(names_getn(&m, "north", 5), -1);
    assert_int_equal(names_get(&m, ""), -1);
    assert_int_equal(m.t.len, 0);
    names_free(&m);
}

static void test_put_get(void **state)
{
    (void)state;
    NameMap m;
    names_init(&m);
    assert_int_equal(names_put(&m, "north", 0), -1);
    assert_int_equal(names_put(&m, "south", 7), -1);
    assert_int_equal(names_put(&m, "Смолевичи", 42), -1);
    assert_int_equal(names_get(&m, "north"), 0);
    assert_int_equal(names_get(&m, "south"), 7);
    assert_int_equal(names_get(&m, "Смолевичи"), 42);
    assert_int_equal(names_get(&m, "west"), -1);
    assert_int_equal(names_get(&m, "North"), -1); /* case-sensitive */
    assert_int_equal(names_get(&m, "nort"), -1);
    assert_int_equal(names_get(&m, "northern"), -1);
    assert_int_equal(m.t.len, 3);
    names_free(&m);
}

static void test_keys_compared_by_content(void **state)
{
    (void)state;
    NameMap m;
    names_init(&m);
    char key[] = "butter";
    assert_int_equal(names_put(&m, key, 3), -1);
    char other[] = "butter";
    assert_int_equal(names_get(&m, other), 3);
    assert_int_equal(names_put(&m, other, 4), 3);
    names_free(&m);
}

static void test_duplicate_returns_first_value(void **state)
{
    (void)state;
    NameMap m;
    names_init(&m);
    assert_int_equal(names_put(&m, "city", 5), -1);
    assert_int_equal(names_put(&m, "city", 9), 5);
    assert_int_equal(names_put(&m, "city", 11), 5);
    assert_int_equal(names_get(&m, "city"), 5); /* the first value stays */
    assert_int_equal(m.t.len, 1);
    names_free(&m);
}

static void test_value_zero_and_empty_key(void **state)
{
    (void)state;
    NameMap m;
    names_init(&m);
    assert_int_equal(names_put(&m, "", 0), -1);
    assert_int_equal(names_get(&m, ""), 0);
    assert_int_equal(names_put(&m, "", 1), 0);
    assert_int_equal(names_put(&m, "a", 0), -1);
    assert_int_equal(names_get(&m, "a"), 0);
    names_free(&m);
}

static void test_growth_past_thousands(void **state)
{
    (void)state;
    enum { N = 50000 };
    char **keys = malloc(N * sizeof *keys);
    assert_non_null(keys);
    NameMap m;
    names_init(&m);
    for (int i = 0; i < N; i++) {
        keys[i] = malloc(16);
        assert_non_null(keys[i]);
        snprintf(keys[i], 16, "k%d", i);
        assert_int_equal(names_put(&m, keys[i], i), -1);
    }
    assert_int_equal(m.t.len, N);
    assert_true(m.t.cap >= 2 * (size_t)N);        /* kept at most half full */
    assert_int_equal(m.t.cap & (m.t.cap - 1), 0);   /* a power of two */
    for (int i = 0; i < N; i++)
        assert_int_equal(names_get(&m, keys[i]), i);
    for (int i = 0; i < N; i += 101)
        assert_int_equal(names_put(&m, keys[i], -5), i);
    char miss[16];
    for (int i = N; i < N + 1000; i++) {
        snprintf(miss, sizeof miss, "k%d", i);
        assert_int_equal(names_get(&m, miss), -1);
    }
    assert_int_equal(m.t.len, N);
    names_free(&m);
    for (int i = 0; i < N; i++)
        free(keys[i]);
    free(keys);
}

static void test_getn_with_length(void **state)
{
    (void)state;
    NameMap m;
    names_init(&m);
    names_put(&m, "north", 1);
    names_put(&m, "nor", 2);
    names_put(&m, "recency", 3);
    /* a key inside a longer text, as the lexer and CSV reader see it */
    const char *text = "northern,recency[days]";
    assert_int_equal(names_getn(&m, text, 5), 1);
    assert_int_equal(names_getn(&m, text, 3), 2);
    assert_int_equal(names_getn(&m, text, 4), -1);  /* "nort" */
    assert_int_equal(names_getn(&m, text, 8), -1);  /* "northern" */
    assert_int_equal(names_getn(&m, text + 9, 7), 3);
    assert_int_equal(names_getn(&m, text + 9, 6), -1);
    assert_int_equal(names_getn(&m, "north", 0), -1);
    names_free(&m);
}

static void test_free_and_reuse(void **state)
{
    (void)state;
    NameMap m;
    names_init(&m);
    names_put(&m, "a", 1);
    names_free(&m);
    assert_int_equal(m.t.len, 0);
    assert_int_equal(m.t.cap, 0);
    assert_int_equal(names_get(&m, "a"), -1);
    assert_int_equal(names_put(&m, "a", 2), -1);
    assert_int_equal(names_get(&m, "a"), 2);
    names_free(&m);
    names_free(&m); /* twice is harmless */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_map),
        cmocka_unit_test(test_put_get),
        cmocka_unit_test(test_keys_compared_by_content),
        cmocka_unit_test(test_duplicate_returns_first_value),
        cmocka_unit_test(test_value_zero_and_empty_key),
        cmocka_unit_test(test_growth_past_thousands),
        cmocka_unit_test(test_getn_with_length),
        cmocka_unit_test(test_free_and_reuse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
