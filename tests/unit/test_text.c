/* test_text.c — unit tests for src/text.c: the UTF-8 validator the lexer,
 * the CSV files, the diagnostics and the JSON strings share, and the number
 * printer behind every JSON number (JSON itself: test_json.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/text.h"

/* ------------------------------------------------------------ UTF-8 */

/* Length of the character at s[0..n), asserting the fault when 0. */
static void expect_char(const char *s, size_t n, size_t want, size_t bad_len, const char *why)
{
    Utf8Fault f = {99, "unset"};
    size_t k = text_utf8_char(s, n, &f);
    if (k != want)
        fail_msg("length %zu, want %zu (first byte 0x%02x)", k, want, (unsigned char)s[0]);
    if (want)
        return;
    if (f.len != bad_len)
        fail_msg("fault length %zu, want %zu (first byte 0x%02x)", f.len, bad_len,
                 (unsigned char)s[0]);
    assert_string_equal(f.why, why);
}

static void test_utf8_well_formed(void **state)
{
    (void)state;
    expect_char("A", 1, 1, 0, NULL);
    expect_char("\x7f", 1, 1, 0, NULL);
    expect_char("\xc2\x80", 2, 2, 0, NULL);          /* U+0080 */
    expect_char("\xc3\xa9", 2, 2, 0, NULL);          /* é */
    expect_char("\xdf\xbf", 2, 2, 0, NULL);          /* U+07FF */
    expect_char("\xe0\xa0\x80", 3, 3, 0, NULL);      /* U+0800 */
    expect_char("\xe2\x82\xac", 3, 3, 0, NULL);      /* € */
    expect_char("\xed\x9f\xbf", 3, 3, 0, NULL);      /* U+D7FF, below the surrogates */
    expect_char("\xee\x80\x80", 3, 3, 0, NULL);      /* U+E000, above them */
    expect_char("\xef\xbf\xbf", 3, 3, 0, NULL);      /* U+FFFF */
    expect_char("\xf0\x90\x80\x80", 4, 4, 0, NULL);  /* U+10000 */
    expect_char("\xf0\x9f\x98\x80", 4, 4, 0, NULL);  /* 😀 */
    expect_char("\xf4\x8f\xbf\xbf", 4, 4, 0, NULL);  /* U+10FFFF */
    /* only the first character counts */
    expect_char("\xd0\x9c\xff", 3, 2, 0, NULL);
}

static void test_utf8_ill_formed(void **state)
{
    (void)state;
    const char *over = "an overlong form", *sur = "a UTF-16 surrogate",
               *big = "a code point above U+10FFFF", *cut = "a character cut short";
    expect_char("\xff", 1, 0, 1, "a byte UTF-8 never uses");
    expect_char("\xf8\x88\x80\x80\x80", 5, 0, 1, "a byte UTF-8 never uses");
    expect_char("\x80", 1, 0, 1, "a continuation byte with no lead byte");
    expect_char("\xbf\xbf", 2, 0, 1, "a continuation byte with no lead byte");
    expect_char("\xc0\x80", 2, 0, 2, over);          /* U+0000 overlong */
    expect_char("\xc1\xbf", 2, 0, 2, over);
    expect_char("\xc0 ", 2, 0, 1, over);
    expect_char("\xe0\x80\xaf", 3, 0, 3, over);      /* "/" in 3 bytes */
    expect_char("\xe0\x9f\xbf", 3, 0, 3, over);
    expect_char("\xf0\x80\x80\xaf", 4, 0, 4, over);
    expect_char("\xf0\x8f\xbf\xbf", 4, 0, 4, over);
    expect_char("\xed\xa0\x80", 3, 0, 3, sur);       /* U+D800 */
    expect_char("\xed\xbf\xbf", 3, 0, 3, sur);       /* U+DFFF */
    expect_char("\xed\xa0\x80\xed\xb0\x80", 6, 0, 3, sur); /* CESU-8 pair */
    expect_char("\xf4\x90\x80\x80", 4, 0, 4, big);   /* U+110000 */
    expect_char("\xf5\x80\x80\x80", 4, 0, 4, big);
    expect_char("\xf7\xbf\xbf\xbf", 4, 0, 4, big);
    expect_char("\xe2\x82", 2, 0, 2, cut);           /* at the end */
    expect_char("\xe2\x82\xac", 2, 0, 2, cut);       /* n cuts it */
    expect_char("\xe2\x41\x42", 3, 0, 1, cut);
    expect_char("\xf0\x9f\x98", 3, 0, 3, cut);
    expect_char("\xc3", 1, 0, 1, cut);
}

/* The rules spelt out by decoding, as an independent oracle: a lead byte
 * announces a length by its high bits, the continuation bytes are 10xxxxxx,
 * and the code point must need that length, not be a surrogate, and be at
 * most U+10FFFF. */
static size_t oracle(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t k = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
             : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (k == 0 || k > n)
        return 0;
    uint32_t cp = k == 1 ? c : k == 2 ? c & 0x1F : k == 3 ? c & 0x0F : c & 0x07;
    for (size_t j = 1; j < k; j++) {
        if ((s[j] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (s[j] & 0x3F);
    }
    static const uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < least[k] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        return 0;
    return k;
}

static void test_utf8_agrees_with_decoding(void **state)
{
    (void)state;
    /* every three-byte start, followed by a continuation byte or a letter */
    unsigned char s[4];
    for (unsigned a = 0; a < 256; a++)
        for (unsigned b = 0; b < 256; b++)
            for (unsigned c = 0; c < 256; c++)
                for (unsigned t = 0; t < 2; t++) {
                    s[0] = (unsigned char)a;
                    s[1] = (unsigned char)b;
                    s[2] = (unsigned char)c;
                    s[3] = t ? 0x80 : 'x';
                    size_t want = oracle(s, 4);
                    size_t got = text_utf8_char((const char *)s, 4, NULL);
                    if (got != want)
                        fail_msg("%02x %02x %02x %02x: %zu, want %zu", a, b, c, s[3], got, want);
                }
}

static void test_utf8_check_offsets(void **state)
{
    (void)state;
    Utf8Fault f;
    assert_int_equal(text_utf8_check("", 0, &f), 0);
    assert_int_equal(text_utf8_check("plain ascii", 11, &f), 11);
    const char *mixed = "Минск, Брест — 😀 ok";
    assert_int_equal(text_utf8_check(mixed, strlen(mixed), &f), strlen(mixed));
    /* a fault at every position of a long ASCII run (the word-at-a-time
     * path) and right after a multi-byte character */
    char buf[40];
    for (size_t at = 0; at < 32; at++) {
        memset(buf, 'a', sizeof buf);
        buf[at] = '\xff';
        assert_int_equal(text_utf8_check(buf, sizeof buf, &f), at);
        assert_int_equal(f.len, 1);
        memset(buf, 'a', sizeof buf);
        memcpy(buf + at, "\xd0\x9c\xed\xa0\x80", 5);
        assert_int_equal(text_utf8_check(buf, sizeof buf, &f), at + 2);
        assert_int_equal(f.len, 3);
        assert_string_equal(f.why, "a UTF-16 surrogate");
    }
    /* the length bounds the check: a character cut by it is a fault */
    assert_int_equal(text_utf8_check("ab\xe2\x82\xac", 4, &f), 2);
    assert_string_equal(f.why, "a character cut short");
    assert_int_equal(text_utf8_check("ab\xe2\x82\xac", 5, NULL), 5);
}

/* ------------------------------------------------------------ numbers */

/* The JSON grammar for a number (RFC 8259 section 6). */
static bool json_number_syntax(const char *s)
{
    if (*s == '-')
        s++;
    if (*s == '0')
        s++;
    else if (*s >= '1' && *s <= '9')
        while (*s >= '0' && *s <= '9')
            s++;
    else
        return false;
    if (*s == '.') {
        s++;
        if (!(*s >= '0' && *s <= '9'))
            return false;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        if (!(*s >= '0' && *s <= '9'))
            return false;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return *s == '\0';
}

static void expect_double(double v, const char *want)
{
    char buf[TEXT_DOUBLE_MAX];
    const char *got = text_double(buf, v);
    if (want && strcmp(got, want) != 0)
        fail_msg("%.17g printed as %s, want %s", v, got, want);
    if (!json_number_syntax(got))
        fail_msg("%.17g printed as %s: not a JSON number", v, got);
    if (strtod(got, NULL) != v || signbit(strtod(got, NULL)) != signbit(v == 0 ? 0.0 : v))
        fail_msg("%.17g printed as %s reads back as %.17g", v, got, strtod(got, NULL));
}

static void test_double_edge_cases(void **state)
{
    (void)state;
    expect_double(0, "0");
    expect_double(-0.0, "0");
    expect_double(1, "1");
    expect_double(-2.5, "-2.5");
    expect_double(0.1, "0.1");
    expect_double(0.1 + 0.2, "0.30000000000000004");
    expect_double(1e-7, "1e-7");
    expect_double(1.5e-7, "1.5e-7");
    expect_double(1e21, "1e21");
    expect_double(-1e21, "-1e21");
    expect_double(1e15, "1e15");
    expect_double(123456789012345.0, "123456789012345");
    expect_double(1558240314.898, "1558240314.898");
    expect_double(2974594, "2974594");
    /* 2^53 + 1 is not a double: it reads as 2^53, which needs 16 digits */
    expect_double(9007199254740993.0, "9007199254740992");
    expect_double(9007199254740991.0, "9007199254740991");
    expect_double(DBL_MAX, "1.7976931348623157e308");
    expect_double(-DBL_MAX, "-1.7976931348623157e308");
    expect_double(DBL_MIN, "2.2250738585072014e-308");
    /* denormals: the least one reads back from 15 digits */
    expect_double(DBL_TRUE_MIN, "4.94065645841247e-324");
    expect_double(DBL_MIN / 3, NULL);
    expect_double(nextafter(0, 1) * 12345, NULL);
    expect_double(nextafter(1, 2), "1.0000000000000002");
    expect_double(nextafter(1, 0), "0.9999999999999999");
}

static void test_double_not_finite(void **state)
{
    (void)state;
    char buf[TEXT_DOUBLE_MAX];
    assert_string_equal(text_double(buf, NAN), "nan");
    assert_string_equal(text_double(buf, INFINITY), "inf");
    assert_string_equal(text_double(buf, -INFINITY), "-inf");
}

/* Any finite double, from random bit patterns: it reads back, it is a JSON
 * number, and no shorter %.Ng of the three reads back. */
static void test_double_round_trip(void **state)
{
    (void)state;
    uint64_t x = 0x9E3779B97F4A7C15u;
    for (int i = 0; i < 200000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        double v;
        memcpy(&v, &x, sizeof v);
        if (!isfinite(v))
            continue;
        expect_double(v, NULL);
        char buf[TEXT_DOUBLE_MAX], shorter[TEXT_DOUBLE_MAX];
        text_double(buf, v);
        size_t digits = 0; /* significant: from the first non-zero digit */
        for (const char *p = buf; *p && *p != 'e'; p++)
            digits += *p >= '0' && *p <= '9' && (digits || *p != '0');
        for (int d = 15; d < 17 && (size_t)d < digits; d++) {
            snprintf(shorter, sizeof shorter, "%.*g", d, v);
            if (strtod(shorter, NULL) == v)
                fail_msg("%s: %.*g would do", buf, d, v);
        }
    }
}

/* text_rounded: whole units from 100 up with the thousands apart, one
 * decimal at most below, solver noise rounded away, never "-0". */
static void test_rounded(void **state)
{
    (void)state;
    static const struct {
        double v;
        const char *s;
    } cases[] = {
        {8000, "8 000"}, {99.99999999999, "100"}, {150, "150"}, {60, "60"},
        {3.5, "3.5"}, {0.04, "<0.1"}, {0, "0"}, {-1e-12, "0"}, {1234567.4, "1 234 567"},
        {-2500, "-2 500"}, {99.94, "99.9"}, {999.6, "1 000"}, {1e16, "1e+16"}, {NAN, "-"},
    };
    char buf[32];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        text_rounded(buf, sizeof buf, cases[i].v);
        assert_string_equal(buf, cases[i].s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_well_formed),
        cmocka_unit_test(test_utf8_ill_formed),
        cmocka_unit_test(test_utf8_agrees_with_decoding),
        cmocka_unit_test(test_utf8_check_offsets),
        cmocka_unit_test(test_double_edge_cases),
        cmocka_unit_test(test_double_not_finite),
        cmocka_unit_test(test_double_round_trip),
        cmocka_unit_test(test_rounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
