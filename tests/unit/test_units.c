/* test_units.c — unit tests for unit parsing and dimension words
 * (src/units.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "../../src/units.h"

/* Parses an exact-size heap copy (no NUL after it), so an overread of the
 * length-delimited text is caught by the sanitizer or valgrind. */
static UnitStatus parse(const char *s, Unit *out, size_t *off, size_t *len)
{
    size_t n = strlen(s);
    char *copy = malloc(n ? n : 1);
    assert_non_null(copy);
    memcpy(copy, s, n);
    UnitStatus st = unit_parse(copy, n, out, off, len);
    free(copy);
    return st;
}

static Unit parse_ok(const char *s)
{
    Unit u;
    size_t off = 99, len = 99;
    UnitStatus st = parse(s, &u, &off, &len);
    if (st != UNIT_OK)
        fail_msg("\"%s\": status %d at %zu+%zu", s, (int)st, off, len);
    return u;
}

static void expect_dim(Dim d, int mass, int money, int dist, int time)
{
    assert_int_equal(d.mass, mass);
    assert_int_equal(d.money, money);
    assert_int_equal(d.dist, dist);
    assert_int_equal(d.time, time);
}

static void expect_fail(const char *s, UnitStatus want, size_t want_off,
                        size_t want_len)
{
    Unit u;
    size_t off = 999, len = 999;
    UnitStatus st = parse(s, &u, &off, &len);
    if (st != want)
        fail_msg("\"%s\": want status %d, got %d", s, (int)want, (int)st);
    if (off != want_off || len != want_len)
        fail_msg("\"%s\": want range %zu+%zu, got %zu+%zu", s, want_off,
                 want_len, off, len);
}

static Dim mk(int mass, int money, int dist, int time)
{
    Dim d = {(signed char)mass, (signed char)money, (signed char)dist,
             (signed char)time};
    return d;
}

static void expect_name(Dim d, const char *want)
{
    char buf[128];
    memset(buf, 'X', sizeof buf);
    dim_name(d, buf, sizeof buf);
    assert_string_equal(buf, want);
}

static void expect_example(Dim d, const char *cur, const char *want)
{
    char buf[128];
    memset(buf, 'X', sizeof buf);
    dim_example(d, cur, buf, sizeof buf);
    assert_string_equal(buf, want);
}

static void expect_base(Dim d, const char *cur, const char *want)
{
    char buf[128];
    memset(buf, 'X', sizeof buf);
    dim_base_unit(d, cur, buf, sizeof buf);
    assert_string_equal(buf, want);
}

/* ---- single words ---- */

static void test_tonne(void **state)
{
    (void)state;
    Unit u = parse_ok("t");
    expect_dim(u.dim, 1, 0, 0, 0);
    assert_true(u.scale == 1.0);
    assert_string_equal(u.currency, "");
    assert_false(u.percent);
}

static void test_kilogram(void **state)
{
    (void)state;
    Unit u = parse_ok("kg");
    expect_dim(u.dim, 1, 0, 0, 0);
    assert_true(u.scale == 0.001);
    assert_false(u.percent);
}

static void test_500_kg_is_exactly_half_a_tonne(void **state)
{
    (void)state;
    Unit kg = parse_ok("kg");
    Unit t = parse_ok("t");
    assert_true(500 * kg.scale == 0.5 * t.scale);
    assert_true(250 * kg.scale == 0.25);
    assert_true(9000000 * kg.scale == 9000.0);
}

static void test_kilometre(void **state)
{
    (void)state;
    Unit u = parse_ok("km");
    expect_dim(u.dim, 0, 0, 1, 0);
    assert_true(u.scale == 1.0);
}

static void test_day_and_days(void **state)
{
    (void)state;
    Unit a = parse_ok("day");
    Unit b = parse_ok("days");
    expect_dim(a.dim, 0, 0, 0, 1);
    expect_dim(b.dim, 0, 0, 0, 1);
    assert_true(a.scale == 1.0);
    assert_true(b.scale == 1.0);
}

static void test_week_and_weeks(void **state)
{
    (void)state;
    Unit a = parse_ok("week");
    Unit b = parse_ok("weeks");
    expect_dim(a.dim, 0, 0, 0, 1);
    expect_dim(b.dim, 0, 0, 0, 1);
    assert_true(a.scale == 7.0);
    assert_true(b.scale == 7.0);
}

static void test_percent(void **state)
{
    (void)state;
    Unit u = parse_ok("%");
    expect_dim(u.dim, 0, 0, 0, 0);
    assert_true(u.scale == 0.01);
    assert_true(u.percent);
    assert_string_equal(u.currency, "");
    assert_true(85 * u.scale == 0.85);
}

static void test_currency(void **state)
{
    (void)state;
    static const char *const codes[] = {"BYN", "RUB", "EUR", "USD", "AAA",
                                        "ZZZ"};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        Unit u = parse_ok(codes[i]);
        expect_dim(u.dim, 0, 1, 0, 0);
        assert_true(u.scale == 1.0);
        assert_string_equal(u.currency, codes[i]);
        assert_false(u.percent);
    }
}

static void test_non_currency_words_have_no_currency(void **state)
{
    (void)state;
    static const char *const words[] = {"t", "kg", "km", "day", "days",
                                        "week", "weeks", "%", "t/t"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        Unit u = parse_ok(words[i]);
        assert_string_equal(u.currency, "");
    }
}

/* ---- compounds ---- */

static void test_money_per_mass(void **state)
{
    (void)state;
    Unit u = parse_ok("BYN/t");
    expect_dim(u.dim, -1, 1, 0, 0);
    assert_true(dim_eq(u.dim, dim_money_per_mass()));
    assert_true(u.scale == 1.0);
    assert_string_equal(u.currency, "BYN");
}

static void test_money_per_kg_scale(void **state)
{
    (void)state;
    Unit u = parse_ok("BYN/kg");
    assert_true(dim_eq(u.dim, dim_money_per_mass()));
    assert_true(u.scale == 1000.0);
    /* 0.82 BYN/kg is 820 BYN/t. */
    Unit t = parse_ok("BYN/t");
    assert_true(0.5 * u.scale == 500 * t.scale);
}

static void test_money_per_mass_distance(void **state)
{
    (void)state;
    Unit u = parse_ok("BYN/t/km");
    expect_dim(u.dim, -1, 1, -1, 0);
    assert_true(dim_eq(u.dim, dim_money_per_mass_distance()));
    assert_true(u.scale == 1.0);
    assert_string_equal(u.currency, "BYN");
}

static void test_money_per_kg_km_scale(void **state)
{
    (void)state;
    Unit u = parse_ok("RUB/kg/km");
    assert_true(dim_eq(u.dim, dim_money_per_mass_distance()));
    assert_true(u.scale == 1000.0);
    assert_string_equal(u.currency, "RUB");
}

static void test_ratio_compound(void **state)
{
    (void)state;
    Unit u = parse_ok("t/t");
    assert_true(dim_is_ratio(u.dim));
    assert_true(u.scale == 1.0);
    assert_false(u.percent);
}

static void test_mixed_mass_ratio_scales(void **state)
{
    (void)state;
    assert_true(parse_ok("kg/t").scale == 0.001);
    assert_true(parse_ok("t/kg").scale == 1000.0);
    assert_true(parse_ok("kg/kg").scale == 1.0);
    assert_true(dim_is_ratio(parse_ok("kg/t").dim));
}

static void test_rate_scales(void **state)
{
    (void)state;
    Unit tw = parse_ok("t/week");
    expect_dim(tw.dim, 1, 0, 0, -1);
    assert_true(tw.scale == 1.0 / 7.0);
    Unit td = parse_ok("t/days");
    assert_true(td.scale == 1.0);
    Unit kgw = parse_ok("kg/weeks");
    assert_true(kgw.scale == 1.0 / 7000.0);
    Unit wk = parse_ok("weeks/day");
    assert_true(dim_is_ratio(wk.dim));
    assert_true(wk.scale == 7.0);
}

static void test_same_currency_twice(void **state)
{
    (void)state;
    Unit u = parse_ok("BYN/BYN");
    assert_true(dim_is_ratio(u.dim));
    assert_string_equal(u.currency, "BYN");
}

static void test_currency_in_denominator(void **state)
{
    (void)state;
    Unit u = parse_ok("t/EUR");
    expect_dim(u.dim, 1, -1, 0, 0);
    assert_string_equal(u.currency, "EUR");
}

static void test_repeated_denominator(void **state)
{
    (void)state;
    Unit u = parse_ok("BYN/t/t/km/km/days");
    expect_dim(u.dim, -2, 1, -2, -1);
}

static void test_not_written_on_error(void **state)
{
    (void)state;
    Unit u = parse_ok("BYN/t");
    size_t off, len;
    assert_int_equal(parse("BYN/x", &u, &off, &len), UNIT_UNKNOWN);
    /* A failed parse leaves a harmless ratio, not a half-built unit. */
    assert_true(dim_is_ratio(u.dim));
    assert_string_equal(u.currency, "");
}

static void test_null_out_params(void **state)
{
    (void)state;
    Unit u;
    assert_int_equal(unit_parse("t", 1, &u, NULL, NULL), UNIT_OK);
    assert_int_equal(unit_parse("xx", 2, &u, NULL, NULL), UNIT_UNKNOWN);
    assert_int_equal(unit_parse("", 0, &u, NULL, NULL), UNIT_SYNTAX);
}

static void test_length_is_respected(void **state)
{
    (void)state;
    /* Only the first len bytes are the unit: "t" out of "tons". */
    Unit u;
    assert_int_equal(unit_parse("tons", 1, &u, NULL, NULL), UNIT_OK);
    expect_dim(u.dim, 1, 0, 0, 0);
    assert_int_equal(unit_parse("BYN/t/km extra", 8, &u, NULL, NULL),
                     UNIT_OK);
    assert_true(dim_eq(u.dim, dim_money_per_mass_distance()));
}

/* ---- errors ---- */

static void test_two_currencies(void **state)
{
    (void)state;
    expect_fail("BYN/RUB", UNIT_TWO_CURRENCIES, 4, 3);
    expect_fail("BYN/t/EUR", UNIT_TWO_CURRENCIES, 6, 3);
    expect_fail("BYN/BYN/USD", UNIT_TWO_CURRENCIES, 8, 3);
}

static void test_unknown_word(void **state)
{
    (void)state;
    expect_fail("tons", UNIT_UNKNOWN, 0, 4);
    expect_fail("BYN/ton", UNIT_UNKNOWN, 4, 3);
    expect_fail("BYN/t/mi", UNIT_UNKNOWN, 6, 2);
    expect_fail("g", UNIT_UNKNOWN, 0, 1);
    expect_fail("hours", UNIT_UNKNOWN, 0, 5);
}

static void test_unit_words_are_case_sensitive(void **state)
{
    (void)state;
    expect_fail("T", UNIT_UNKNOWN, 0, 1);
    expect_fail("Kg", UNIT_UNKNOWN, 0, 2);
    expect_fail("KM", UNIT_UNKNOWN, 0, 2);
    expect_fail("Days", UNIT_UNKNOWN, 0, 4);
}

static void test_bad_currency_codes(void **state)
{
    (void)state;
    expect_fail("byn", UNIT_UNKNOWN, 0, 3);
    expect_fail("BY", UNIT_UNKNOWN, 0, 2);
    expect_fail("BYNR", UNIT_UNKNOWN, 0, 4);
    expect_fail("BY1", UNIT_UNKNOWN, 0, 3);
    expect_fail("ByN", UNIT_UNKNOWN, 0, 3);
    expect_fail("t/\xD0\x91YN", UNIT_UNKNOWN, 2, 4); /* Cyrillic Б */
}

static void test_spaces_are_not_allowed(void **state)
{
    (void)state;
    expect_fail(" t", UNIT_UNKNOWN, 0, 2);
    expect_fail("t ", UNIT_UNKNOWN, 0, 2);
    expect_fail("BYN/ t", UNIT_UNKNOWN, 4, 2);
    expect_fail("BYN /t", UNIT_UNKNOWN, 0, 4);
}

static void test_empty_unit(void **state)
{
    (void)state;
    expect_fail("", UNIT_SYNTAX, 0, 0);
    Unit u;
    size_t off = 7, len = 7;
    assert_int_equal(unit_parse(NULL, 0, &u, &off, &len), UNIT_SYNTAX);
    assert_int_equal(off, 0);
    assert_int_equal(len, 0);
}

static void test_slash_errors(void **state)
{
    (void)state;
    expect_fail("/", UNIT_SYNTAX, 0, 1);
    expect_fail("//", UNIT_SYNTAX, 0, 1);
    expect_fail("/t", UNIT_SYNTAX, 0, 1);
    expect_fail("t/", UNIT_SYNTAX, 1, 1);
    expect_fail("BYN/t/", UNIT_SYNTAX, 5, 1);
    expect_fail("t//km", UNIT_SYNTAX, 1, 1);
    expect_fail("BYN/t//km", UNIT_SYNTAX, 5, 1);
}

static void test_percent_in_compound(void **state)
{
    (void)state;
    expect_fail("%/t", UNIT_SYNTAX, 0, 1);
    expect_fail("t/%", UNIT_SYNTAX, 2, 1);
    expect_fail("BYN/t/%", UNIT_SYNTAX, 6, 1);
    expect_fail("%%", UNIT_SYNTAX, 0, 2);
    expect_fail("t%", UNIT_SYNTAX, 0, 2);
}

static void test_first_error_wins(void **state)
{
    (void)state;
    expect_fail("xx/BYN/RUB", UNIT_UNKNOWN, 0, 2);
    expect_fail("BYN/RUB/xx", UNIT_TWO_CURRENCIES, 4, 3);
    expect_fail("BYN/zz/", UNIT_UNKNOWN, 4, 2);
}

static void test_exponent_overflow(void **state)
{
    (void)state;
    /* 200 divisions by t would wrap a signed char exponent. */
    char buf[1 + 2 * 200 + 1];
    size_t n = 0;
    buf[n++] = 't';
    for (int i = 0; i < 200; i++) {
        buf[n++] = '/';
        buf[n++] = 't';
    }
    buf[n] = '\0';
    Unit u;
    size_t off = 0, len = 0;
    assert_int_equal(parse(buf, &u, &off, &len), UNIT_SYNTAX);
    assert_int_equal(len, 1);
    assert_true(off > 0 && off < n);
    /* A modest chain is fine. */
    Unit v = parse_ok("t/t/t/t");
    expect_dim(v.dim, -2, 0, 0, 0);
}

/* ---- dimensions ---- */

static void test_unit_ratio(void **state)
{
    (void)state;
    Unit u = unit_ratio();
    assert_true(dim_is_ratio(u.dim));
    assert_true(u.scale == 1.0);
    assert_string_equal(u.currency, "");
    assert_false(u.percent);
}

static void test_dim_constants(void **state)
{
    (void)state;
    expect_dim(dim_mass(), 1, 0, 0, 0);
    expect_dim(dim_money(), 0, 1, 0, 0);
    expect_dim(dim_distance(), 0, 0, 1, 0);
    expect_dim(dim_time(), 0, 0, 0, 1);
    expect_dim(dim_ratio(), 0, 0, 0, 0);
    expect_dim(dim_money_per_mass(), -1, 1, 0, 0);
    expect_dim(dim_money_per_mass_distance(), -1, 1, -1, 0);
}

static void test_dim_constants_match_parsed_units(void **state)
{
    (void)state;
    assert_true(dim_eq(parse_ok("kg").dim, dim_mass()));
    assert_true(dim_eq(parse_ok("EUR").dim, dim_money()));
    assert_true(dim_eq(parse_ok("km").dim, dim_distance()));
    assert_true(dim_eq(parse_ok("weeks").dim, dim_time()));
    assert_true(dim_eq(parse_ok("%").dim, dim_ratio()));
}

static void test_dim_eq(void **state)
{
    (void)state;
    assert_true(dim_eq(mk(1, 2, 3, 4), mk(1, 2, 3, 4)));
    assert_false(dim_eq(mk(1, 2, 3, 4), mk(0, 2, 3, 4)));
    assert_false(dim_eq(mk(1, 2, 3, 4), mk(1, 0, 3, 4)));
    assert_false(dim_eq(mk(1, 2, 3, 4), mk(1, 2, 0, 4)));
    assert_false(dim_eq(mk(1, 2, 3, 4), mk(1, 2, 3, 0)));
    assert_false(dim_eq(dim_mass(), dim_money()));
}

static void test_dim_is_ratio(void **state)
{
    (void)state;
    assert_true(dim_is_ratio(dim_ratio()));
    assert_false(dim_is_ratio(mk(1, 0, 0, 0)));
    assert_false(dim_is_ratio(mk(0, -1, 0, 0)));
    assert_false(dim_is_ratio(mk(0, 0, 1, 0)));
    assert_false(dim_is_ratio(mk(0, 0, 0, -1)));
}

static void test_dim_name_common(void **state)
{
    (void)state;
    expect_name(dim_mass(), "mass");
    expect_name(dim_money(), "money");
    expect_name(dim_distance(), "distance");
    expect_name(dim_time(), "time");
    expect_name(dim_ratio(), "ratio");
    expect_name(dim_money_per_mass(), "money per mass");
    expect_name(dim_money_per_mass_distance(), "money per mass per distance");
}

static void test_dim_name_other(void **state)
{
    (void)state;
    expect_name(mk(1, 0, 0, -1), "mass per time");
    expect_name(mk(0, 1, 1, 0), "money times distance");
    expect_name(mk(1, 1, 0, 0), "money times mass");
    expect_name(mk(0, 0, 0, -1), "1 per time");
    expect_name(mk(2, 0, 0, 0), "mass squared");
    expect_name(mk(0, 0, 3, 0), "distance cubed");
    expect_name(mk(0, 0, 0, 5), "time^5");
    expect_name(mk(-2, 1, 0, 0), "money per mass squared");
    expect_name(mk(1, 0, -1, -1), "mass per distance per time");
    expect_name(parse_ok("t/t").dim, "ratio");
}

static void test_dim_name_truncates(void **state)
{
    (void)state;
    char buf[6];
    memset(buf, 'X', sizeof buf);
    dim_name(dim_money_per_mass(), buf, sizeof buf);
    assert_string_equal(buf, "money");
    char one[1] = {'X'};
    dim_name(dim_mass(), one, 1);
    assert_int_equal(one[0], '\0');
    char untouched = 'X';
    dim_name(dim_mass(), &untouched, 0);
    assert_int_equal(untouched, 'X');
}

static void test_dim_example_common(void **state)
{
    (void)state;
    expect_example(dim_mass(), NULL, "9000 t");
    expect_example(dim_money(), NULL, "1000 BYN");
    expect_example(dim_money_per_mass(), NULL, "820 BYN/t");
    expect_example(dim_money_per_mass_distance(), NULL, "0.45 BYN/t/km");
    expect_example(dim_distance(), NULL, "38 km");
    expect_example(dim_time(), NULL, "30 days");
    expect_example(dim_ratio(), NULL, "85%");
}

static void test_dim_example_currency(void **state)
{
    (void)state;
    expect_example(dim_money(), "RUB", "1000 RUB");
    expect_example(dim_money_per_mass(), "EUR", "820 EUR/t");
    expect_example(dim_money_per_mass_distance(), "RUB", "0.45 RUB/t/km");
    expect_example(dim_mass(), "RUB", "9000 t");
    expect_example(dim_ratio(), "RUB", "85%");
}

static void test_dim_example_other(void **state)
{
    (void)state;
    expect_example(mk(1, 0, 0, -1), NULL, "1 t/days");
    expect_example(mk(0, 1, 0, -1), "EUR", "1 EUR/days");
    expect_example(mk(0, 0, 0, -1), NULL, "1 1/days");
}

static void test_dim_example_parses_back(void **state)
{
    (void)state;
    /* The unit in a hint must be one the user can actually write. */
    static const Dim dims[] = {{1, 0, 0, 0},  {0, 1, 0, 0},  {-1, 1, 0, 0},
                               {-1, 1, -1, 0}, {0, 0, 1, 0}, {0, 0, 0, 1},
                               {1, 0, 0, -1}, {1, 0, 0, -2}, {0, 1, -1, 0}};
    for (size_t i = 0; i < sizeof dims / sizeof dims[0]; i++) {
        char buf[64];
        dim_example(dims[i], "RUB", buf, sizeof buf);
        const char *sp = strchr(buf, ' ');
        assert_non_null(sp);
        Unit u = parse_ok(sp + 1);
        assert_true(dim_eq(u.dim, dims[i]));
    }
}

static void test_dim_example_truncates(void **state)
{
    (void)state;
    char buf[5];
    dim_example(dim_money_per_mass(), NULL, buf, sizeof buf);
    assert_string_equal(buf, "820 ");
}

static void test_dim_base_unit_common(void **state)
{
    (void)state;
    expect_base(dim_mass(), NULL, "t");
    expect_base(dim_money(), NULL, "BYN");
    expect_base(dim_money_per_mass(), NULL, "BYN/t");
    expect_base(dim_money_per_mass_distance(), NULL, "BYN/t/km");
    expect_base(dim_distance(), NULL, "km");
    expect_base(dim_time(), NULL, "days");
    expect_base(dim_ratio(), NULL, "");
}

static void test_dim_base_unit_currency(void **state)
{
    (void)state;
    expect_base(dim_money(), "EUR", "EUR");
    expect_base(dim_money_per_mass_distance(), "RUB", "RUB/t/km");
    expect_base(dim_ratio(), "RUB", "");
}

static void test_dim_base_unit_other(void **state)
{
    (void)state;
    expect_base(mk(1, 0, 0, -1), NULL, "t/days");
    expect_base(mk(1, 0, 0, -2), NULL, "t/days/days");
    expect_base(mk(0, 0, -1, 0), NULL, "1/km");
    expect_base(mk(1, 1, 0, 0), NULL, "BYN*t");
    expect_base(mk(2, 0, 0, 0), NULL, "t*t");
}

static void test_dim_base_unit_truncates(void **state)
{
    (void)state;
    char buf[4];
    dim_base_unit(dim_money_per_mass_distance(), NULL, buf, sizeof buf);
    assert_string_equal(buf, "BYN");
    char none = 'X';
    dim_base_unit(dim_mass(), NULL, &none, 0);
    assert_int_equal(none, 'X');
}

/* Without an `out`, unit_parse only answers; exponents past the limit in
 * any dimension are a syntax error at the word that overflows. */
static void test_parse_no_out_and_exponent_limits(void **state)
{
    (void)state;
    enum { MAX_EXP = 100 }; /* units.c's UNIT_MAX_EXP */
    assert_int_equal(unit_parse("%", 1, NULL, NULL, NULL), UNIT_OK);
    assert_int_equal(unit_parse("BYN/t", 5, NULL, NULL, NULL), UNIT_OK);
    assert_int_equal(unit_parse("xx", 2, NULL, NULL, NULL), UNIT_UNKNOWN);
    static const char *const words[] = {"t", "BYN", "km", "days"};
    for (int w = 0; w < 4; w++) {
        char text[1024] = "";
        size_t last;
        for (int k = 0; k <= MAX_EXP; k++) {
            if (k)
                strcat(text, "/");
            strcat(text, words[w]);
        }
        /* one word and MAX_EXP divisors: 1 - MAX_EXP, fine */
        Unit u;
        assert_int_equal(unit_parse(text, strlen(text), &u, NULL, NULL), UNIT_OK);
        /* two more divisors go past the limit, at the last word */
        size_t off = 99, len = 99;
        strcat(text, "/");
        strcat(text, words[w]);
        strcat(text, "/");
        strcat(text, words[w]);
        last = strlen(text) - strlen(words[w]);
        assert_int_equal(unit_parse(text, strlen(text), &u, &off, &len), UNIT_SYNTAX);
        assert_int_equal(off, last);
        assert_int_equal(len, strlen(words[w]));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tonne),
        cmocka_unit_test(test_kilogram),
        cmocka_unit_test(test_500_kg_is_exactly_half_a_tonne),
        cmocka_unit_test(test_kilometre),
        cmocka_unit_test(test_day_and_days),
        cmocka_unit_test(test_week_and_weeks),
        cmocka_unit_test(test_percent),
        cmocka_unit_test(test_currency),
        cmocka_unit_test(test_non_currency_words_have_no_currency),
        cmocka_unit_test(test_money_per_mass),
        cmocka_unit_test(test_money_per_kg_scale),
        cmocka_unit_test(test_money_per_mass_distance),
        cmocka_unit_test(test_money_per_kg_km_scale),
        cmocka_unit_test(test_ratio_compound),
        cmocka_unit_test(test_mixed_mass_ratio_scales),
        cmocka_unit_test(test_rate_scales),
        cmocka_unit_test(test_same_currency_twice),
        cmocka_unit_test(test_currency_in_denominator),
        cmocka_unit_test(test_repeated_denominator),
        cmocka_unit_test(test_not_written_on_error),
        cmocka_unit_test(test_null_out_params),
        cmocka_unit_test(test_length_is_respected),
        cmocka_unit_test(test_two_currencies),
        cmocka_unit_test(test_unknown_word),
        cmocka_unit_test(test_unit_words_are_case_sensitive),
        cmocka_unit_test(test_bad_currency_codes),
        cmocka_unit_test(test_spaces_are_not_allowed),
        cmocka_unit_test(test_empty_unit),
        cmocka_unit_test(test_slash_errors),
        cmocka_unit_test(test_percent_in_compound),
        cmocka_unit_test(test_first_error_wins),
        cmocka_unit_test(test_exponent_overflow),
        cmocka_unit_test(test_unit_ratio),
        cmocka_unit_test(test_dim_constants),
        cmocka_unit_test(test_dim_constants_match_parsed_units),
        cmocka_unit_test(test_dim_eq),
        cmocka_unit_test(test_dim_is_ratio),
        cmocka_unit_test(test_dim_name_common),
        cmocka_unit_test(test_dim_name_other),
        cmocka_unit_test(test_dim_name_truncates),
        cmocka_unit_test(test_dim_example_common),
        cmocka_unit_test(test_dim_example_currency),
        cmocka_unit_test(test_dim_example_other),
        cmocka_unit_test(test_dim_example_parses_back),
        cmocka_unit_test(test_dim_example_truncates),
        cmocka_unit_test(test_dim_base_unit_common),
        cmocka_unit_test(test_dim_base_unit_currency),
        cmocka_unit_test(test_dim_base_unit_other),
        cmocka_unit_test(test_dim_base_unit_truncates),
        cmocka_unit_test(test_parse_no_out_and_exponent_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
