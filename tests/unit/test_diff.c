/* test_diff.c — unit tests for the comparison of two checked models
 * (src/diff*.c): what counts as a change, how things are matched and
 * ordered, how values print, the JSON document and --plan. */
#include "fixture.h"

#include "../../src/diff.h"

/* The intro model with `%s` spliced in at the end (extra declarations),
 * and its farm north's supply written as `north_supply`. */
static const char *const base_fmt =
    "currency BYN\n"
    "product butter { milk 21 t/t }\n"
    "product milk32 { milk 1.02 t/t }\n"
    "farm north { supply %s; price 820 BYN/t }\n"
    "farm south { supply 7_500 t; price 790 BYN/t }\n"
    "plant city_dairy { capacity 15_000 t; makes butter 400 t cost 310 BYN/t;"
    " makes milk32 9_000 t cost 95 BYN/t }\n"
    "market city { demand butter 150..380 t price 10_400 BYN/t;"
    " demand milk32 8_000 t price 1_450 BYN/t }\n"
    "transport { milk 0.45 BYN/t/km; product 0.60 BYN/t/km }\n"
    "routes { from to distance; north city_dairy 38 km; south city_dairy 61 km;"
    " city_dairy city 12 km }\n"
    "%s";

static Model *model(const char *supply, const char *extra)
{
    static char src[8192];
    snprintf(src, sizeof src, base_fmt, supply, extra);
    return fix_model(fix_new(), src);
}

/* The items of old → new, in d (diff_free it). */
static void compare(DiffList *d, const Model *a, const Model *b)
{
    diff_init(d);
    diff_models(d, a, b);
}

static char *text_of(const DiffList *d)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_non_null(f);
    assert_int_equal(diff_write_text(d, f), 0);
    fclose(f);
    return buf;
}

static void test_same_model_no_items(void **state)
{
    (void)state;
    DiffList d;
    compare(&d, model("9_000 t", ""), model("9_000 t", ""));
    assert_int_equal(d.n, 0);
    char *t = text_of(&d);
    assert_string_equal(t, ""); /* nothing at all is printed */
    free(t);
    diff_free(&d);
    fix_close_leftovers(NULL);
}

static void test_units_resolved(void **state)
{
    (void)state;
    DiffList d;
    /* 9 000 t written in kg, the range 0..B written out */
    compare(&d, model("9_000 t", ""), model("0..9_000_000 kg", ""));
    assert_int_equal(d.n, 0);
    diff_free(&d);
    fix_close_leftovers(NULL);
}

static void test_property_change_with_units(void **state)
{
    (void)state;
    DiffList d;
    compare(&d, model("9_000 t", ""), model("9_500 t", ""));
    assert_int_equal(d.n, 1);
    const DiffItem *it = &d.items[0];
    assert_int_equal(it->op, DIFF_CHANGED);
    assert_string_equal(it->kind, "farm");
    assert_string_equal(it->name, "north");
    assert_string_equal(it->what, "supply");
    assert_string_equal(it->before.text, "9 000 t");
    assert_string_equal(it->after.text, "9 500 t");
    assert_true(it->before.number && it->before.range);
    assert_true(it->after.hi == 9500 && it->after.lo == 0);
    assert_string_equal(it->after.unit, "t");
    char *t = text_of(&d);
    assert_string_equal(t, "~ farm north: supply 9 000 t → 9 500 t\n");
    free(t);
    diff_free(&d);
    fix_close_leftovers(NULL);
}

/* Added things in the new model's order, then the removed, in the old's. */
static void test_added_removed_order(void **state)
{
    (void)state;
    DiffList d;
    Model *a = model("9_000 t", "farm west { supply 1 t; price 1 BYN/t }\n"
                                "farm zed { supply 1 t; price 1 BYN/t }\n");
    Model *b = model("9_000 t", "farm east { supply 2_000 t; price 800 BYN/t; at 54.1, 28.3 }\n"
                                "farm alpha \"A\" { supply 1 t; price 1 BYN/t }\n");
    compare(&d, a, b);
    char *t = text_of(&d);
    assert_string_equal(t, "+ farm east: supply 2 000 t, price 800 BYN/t, at 54.1, 28.3\n"
                           "+ farm alpha: \"A\", supply 1 t, price 1 BYN/t\n"
                           "- farm west: supply 1 t, price 1 BYN/t\n"
                           "- farm zed: supply 1 t, price 1 BYN/t\n");
    free(t);
    diff_free(&d);
    fix_close_leftovers(NULL);
}

static void test_route_distance_to_cost(void **state)
{
    (void)state;
    DiffList d;
    Model *a = model("9_000 t", "");
    Model *b = fix_model(fix_new(),
        "currency BYN\nproduct butter { milk 21 t/t }\nproduct milk32 { milk 1.02 t/t }\n"
        "farm north { supply 9_000 t; price 820 BYN/t }\n"
        "farm south { supply 7_500 t; price 790 BYN/t }\n"
        "plant city_dairy { capacity 15_000 t; makes butter 400 t cost 310 BYN/t;"
        " makes milk32 9_000 t cost 95 BYN/t }\n"
        "market city { demand butter 150..380 t price 10_400 BYN/t;"
        " demand milk32 8_000 t price 1_450 BYN/t }\n"
        "transport { milk 0.45 BYN/t/km; product 0.60 BYN/t/km }\n"
        "routes matrix distance km {\n  city_dairy\n north 38\n south 62\n}\n"
        "routes { from to cost; city_dairy city 7 BYN/t }\n");
    compare(&d, a, b);
    char *t = text_of(&d);
    assert_string_equal(t, "~ route south → city_dairy: distance 61 km → 62 km\n"
                           "~ route city_dairy → city: 12 km → 7 BYN/t\n");
    free(t);
    diff_free(&d);
    fix_close_leftovers(NULL);
}

/* A statement inserted in the middle is one added statement, not the
 * rest of the list removed and added again. */
static void test_scenario_statements_lcs(void **state)
{
    (void)state;
    DiffList d;
    Model *a = model("9_000 t", "scenario s { scale farm * supply 85%; "
                                "set farm north price 900 BYN/t; close plant city_dairy }\n");
    Model *b = model("9_000 t", "scenario s { scale farm * supply 85%; "
                                "scale transport milk 110%; "
                                "set farm north price 0.9 BYN/kg; close plant city_dairy }\n");
    compare(&d, a, b);
    char *t = text_of(&d);
    assert_string_equal(t, "+ scenario s: scale transport milk 110%\n");
    free(t);
    assert_string_equal(d.items[0].what, "statement");
    diff_free(&d);
    fix_close_leftovers(NULL);
}

static const char *const customers_fmt =
    "customers {\n"
    "  id    market  recency  channel  butter\n"
    "  c1    city    %s       retail   40 t\n"
    "  c2    city    40 days  horeca   2.5 t\n"
    "}\n"
    "let r = quintile(-recency)\n"
    "%s"
    "strategy keep { volume 100%%..110%% }\n"
    "strategy cut { volume 0%%..100%% }\n";

static Model *cmodel(const char *recency, const char *segments)
{
    static char extra[4096];
    snprintf(extra, sizeof extra, customers_fmt, recency, segments);
    static char src[8192];
    /* the city market takes its demand from the customers */
    snprintf(src, sizeof src, base_fmt, "9_000 t", extra);
    char *m = strstr(src, "market city {");
    assert_non_null(m);
    const char *rep = "market city { demand from customers; demand butter price 10_400 BYN/t;"
                      " demand milk32 price 1_450 BYN/t }\n";
    char *end = strchr(m, '\n');
    char out[8192];
    snprintf(out, sizeof out, "%.*s%s%s", (int)(m - src), src, rep, end + 1);
    return fix_model(fix_new(), out);
}

static void test_rules_by_meaning(void **state)
{
    (void)state;
    DiffList d;
    /* parentheses, digits and units written otherwise: the same rules */
    Model *a = cmodel("12 days", "segment a when r >= 4 and recency <= 14 days strategy keep\n"
                                 "segment b strategy cut\n");
    Model *b = cmodel("12 days", "segment a when (r >= 4) and (recency <= 2 weeks) strategy keep\n"
                                 "segment b strategy cut\n");
    compare(&d, a, b);
    assert_int_equal(d.n, 0);
    diff_free(&d);
    fix_close_leftovers(NULL);
}

static void test_segment_order_and_rows(void **state)
{
    (void)state;
    DiffList d;
    Model *a = cmodel("12 days", "segment a when r >= 4 strategy keep\nsegment b strategy cut\n");
    Model *b = cmodel("14 days", "segment b when r < 4 strategy cut\nsegment a when r >= 4 strategy keep\n");
    compare(&d, a, b);
    char *t = text_of(&d);
    assert_string_equal(t, "~ customer c1: recency 12 days → 14 days\n"
                           "~ segments: order a, b → b, a\n"
                           "~ segment b: when none → r < 4\n");
    free(t);
    diff_free(&d);
    fix_close_leftovers(NULL);
}

/* As many digits as tell two values apart, and thousands grouped. */
static void test_number_text(void **state)
{
    (void)state;
    DiffList d;
    compare(&d, model("1_234_567.5 t", ""), model("1_234_567.50001 t", ""));
    assert_int_equal(d.n, 1);
    assert_string_equal(d.items[0].before.text, "1 234 567.5 t");
    assert_string_equal(d.items[0].after.text, "1 234 567.50001 t");
    diff_free(&d);
    /* the same to 12 digits: no change */
    compare(&d, model("0.3 t", ""), model("0.30000000000000004 t", ""));
    assert_int_equal(d.n, 0);
    diff_free(&d);
    fix_close_leftovers(NULL);
}

static void test_json_document(void **state)
{
    (void)state;
    DiffList d;
    compare(&d, model("9_000 t", ""), model("100..9_500 t", "farm east { supply 1 t; price 1 BYN/t }\n"));
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_int_equal(diff_write_json(&d, "a.dairy", "b.dairy", false, f), 0);
    fclose(f);
    assert_non_null(strstr(buf, "\"old\": \"a.dairy\",\n  \"new\": \"b.dairy\",\n  \"equal\": false"));
    assert_non_null(strstr(buf, "\"counts\": {\"added\": 1, \"removed\": 0, \"changed\": 1}"));
    assert_non_null(strstr(buf, "\"old_value\": [0, 9000], \"old_unit\": \"t\", \"new\": "
                                "\"100..9 500 t\", \"new_value\": [100, 9500]"));
    assert_null(strstr(buf, "\"plan\""));
    free(buf);
    diff_free(&d);
    fix_close_leftovers(NULL);
}

static void test_plan_items(void **state)
{
    (void)state;
    DiffList d;
    Model *a = model("9_000 t", ""), *b = model("9_000 t", "farm east { supply 4_000 t; price 800 BYN/t }\n"
                                                          "routes { from to distance; east city_dairy 20 km }\n");
    compare(&d, a, b);
    int model_items = d.n;
    DiffPlanOptions o = {DIFF_TOLERANCE};
    assert_int_equal(diff_plans(&d, a, b, &o), 0);
    assert_true(d.nplan > 0);
    assert_int_equal(d.n, model_items + d.nplan);
    const DiffItem *first = &d.items[model_items];
    assert_true(first->plan);
    assert_string_equal(first->what, "profit");
    assert_true(first->after.hi > first->before.hi); /* cheaper milk nearer the plant */
    bool north_moved = false, east_binds = false;
    for (int i = model_items; i < d.n; i++) {
        const DiffItem *it = &d.items[i];
        if (strcmp(it->kind, "flow") == 0 && strcmp(it->name, "milk north → city_dairy") == 0)
            north_moved = it->before.hi == 3810 && it->after.hi == 0 && strcmp(it->change, "-3 810 t") == 0;
        if (strcmp(it->kind, "binding") == 0 && strcmp(it->name, "supply at east") == 0)
            east_binds = it->op == DIFF_ADDED;
    }
    assert_true(north_moved);
    assert_true(east_binds);
    char *t = text_of(&d);
    assert_non_null(strstr(t, "\nplan (base case):\n~ plan: profit 2 974 594.00 BYN → "));
    free(t);
    diff_free(&d);
    /* a tolerance above every move hides the flows */
    compare(&d, a, b);
    o.tolerance = 1e6;
    assert_int_equal(diff_plans(&d, a, b, &o), 0);
    for (int i = 0; i < d.n; i++)
        assert_true(strcmp(d.items[i].kind, "flow") != 0);
    diff_free(&d);
    fix_close_leftovers(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_same_model_no_items, fix_close_leftovers),
        cmocka_unit_test_teardown(test_units_resolved, fix_close_leftovers),
        cmocka_unit_test_teardown(test_property_change_with_units, fix_close_leftovers),
        cmocka_unit_test_teardown(test_added_removed_order, fix_close_leftovers),
        cmocka_unit_test_teardown(test_route_distance_to_cost, fix_close_leftovers),
        cmocka_unit_test_teardown(test_scenario_statements_lcs, fix_close_leftovers),
        cmocka_unit_test_teardown(test_rules_by_meaning, fix_close_leftovers),
        cmocka_unit_test_teardown(test_segment_order_and_rows, fix_close_leftovers),
        cmocka_unit_test_teardown(test_number_text, fix_close_leftovers),
        cmocka_unit_test_teardown(test_json_document, fix_close_leftovers),
        cmocka_unit_test_teardown(test_plan_items, fix_close_leftovers),
    };
    return cmocka_run_group_tests(tests, NULL, fix_close_leftovers);
}
