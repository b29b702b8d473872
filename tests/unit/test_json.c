/* test_json.c — unit tests for src/json.c: JSON numbers and strings, and
 * the layout of the writer (multi-line and one-line containers). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/json.h"

/* ------------------------------------------------------------ numbers */

static char *json_number_text(double v, char **mem, size_t *len)
{
    FILE *fp = open_memstream(mem, len);
    assert_non_null(fp);
    json_put_number(fp, v);
    fclose(fp);
    return *mem;
}

static void test_json_number(void **state)
{
    (void)state;
    static const struct {
        double v;
        const char *want;
    } cases[] = {
        {1558240314.898, "1558240314.898"},
        {-7496.3, "-7496.3"},
        {1e-9, "1e-9"},
        {-1e-10, "0"},          /* solver noise */
        {5e-324, "0"},
        {0.0, "0"},
        {1e21, "1e21"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *mem = NULL;
        size_t len = 0;
        assert_string_equal(json_number_text(cases[i].v, &mem, &len), cases[i].want);
        free(mem);
    }
    char *mem = NULL;
    size_t len = 0;
    assert_string_equal(json_number_text(-0.0, &mem, &len), "0");
    free(mem);
    /* no value (NaN) and no limit (an infinity) are null, never a number */
    double nf[] = {NAN, INFINITY, -INFINITY};
    for (size_t i = 0; i < 3; i++) {
        mem = NULL;
        assert_string_equal(json_number_text(nf[i], &mem, &len), "null");
        free(mem);
    }
}

/* ------------------------------------------------------------ strings */

static void expect_json_string(const char *s, const char *want)
{
    char *mem = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&mem, &len);
    assert_non_null(fp);
    json_put_string(fp, s);
    fclose(fp);
    assert_string_equal(mem, want);
    free(mem);
}

static void test_json_string(void **state)
{
    (void)state;
    expect_json_string(NULL, "null");
    expect_json_string("", "\"\"");
    expect_json_string("a \"b\" \\ c", "\"a \\\"b\\\" \\\\ c\"");
    expect_json_string("line\nbreak\ttab\x01", "\"line\\u000abreak\\u0009tab\\u0001\"");
    expect_json_string("Минск €", "\"Минск €\"");
    /* never ill-formed UTF-8 in JSON: each bad part is one U+FFFD */
    expect_json_string("a\xffz", "\"a\\ufffdz\"");
    expect_json_string("a\xed\xa0\x80z", "\"a\\ufffdz\"");
    expect_json_string("a\xe2\x82", "\"a\\ufffd\"");
}

/* ------------------------------------------------------------ layout */

/* The layout the reports use: a multi-line object, a one-line object as a
 * member, an array of one-line objects, one-line arrays nested in them,
 * empty containers, counts. */
static void test_layout(void **state)
{
    (void)state;
    char *mem = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&mem, &len);
    assert_non_null(fp);
    Json j;
    json_init(&j, fp);
    json_object(&j);
    json_key_string(&j, "status", "optimal");
    json_key(&j, "totals");
    json_object_line(&j);
    json_key_number(&j, "revenue", 1.5);
    json_key_number(&j, "fixed_cost", NAN);
    json_end(&j);
    json_key(&j, "rows");
    json_array(&j);
    json_object_line(&j);
    json_key_string(&j, "a", NULL);
    json_key(&j, "limits");
    json_array(&j);             /* one line inside a one-line object */
    json_string(&j, "x");
    json_string(&j, "y");
    json_end(&j);
    json_key(&j, "open");
    json_bool(&j, true);
    json_end(&j);
    json_object_line(&j);
    json_key(&j, "none");
    json_null(&j);
    json_end(&j);
    json_end(&j);
    json_key(&j, "empty");
    json_array(&j);
    json_end(&j);
    json_key(&j, "cases");
    json_array(&j);
    json_object(&j);
    json_key(&j, "n");
    json_size(&j, 12345678901234567u);
    json_key(&j, "volume");
    json_object_line(&j);
    json_end(&j);
    json_end(&j);
    json_end(&j);
    json_end(&j);
    fclose(fp);
    assert_string_equal(mem,
                        "{\n"
                        "  \"status\": \"optimal\",\n"
                        "  \"totals\": {\"revenue\": 1.5, \"fixed_cost\": null},\n"
                        "  \"rows\": [\n"
                        "    {\"a\": null, \"limits\": [\"x\", \"y\"], \"open\": true},\n"
                        "    {\"none\": null}\n"
                        "  ],\n"
                        "  \"empty\": [],\n"
                        "  \"cases\": [\n"
                        "    {\n"
                        "      \"n\": 12345678901234567,\n"
                        "      \"volume\": {}\n"
                        "    }\n"
                        "  ]\n"
                        "}\n");
    free(mem);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_number),
        cmocka_unit_test(test_json_string),
        cmocka_unit_test(test_layout),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
