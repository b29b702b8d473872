/* test_text_buf.c — the growable string of src/text.c: long appends that
 * double the buffer more than once, printf output longer than its stack
 * buffer.  (test_text.c has the UTF-8, number and JSON functions.) */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/text.h"

/* One append far larger than the first allocation: the capacity doubles
 * until it fits, and the text is all there. */
static void test_long_append(void **state)
{
    (void)state;
    char big[5000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    Buf b = {0};
    assert_string_equal(buf_str(&b), "");
    buf_puts(&b, "a");
    buf_puts(&b, big);
    assert_int_equal(b.len, 1 + strlen(big));
    assert_true(b.cap > b.len);
    assert_int_equal(b.s[0], 'a');
    assert_int_equal(b.s[b.len - 1], 'x');
    assert_int_equal(b.s[b.len], '\0');
    buf_free(&b);
}

/* buf_printf output longer than its stack buffer goes through the heap
 * and comes out whole. */
static void test_long_printf(void **state)
{
    (void)state;
    char word[1200];
    memset(word, 'y', sizeof word - 1);
    word[sizeof word - 1] = '\0';
    Buf b = {0};
    buf_printf(&b, "<%s|%d>", word, 42);
    assert_int_equal(b.len, strlen(word) + 5);
    assert_int_equal(b.s[0], '<');
    assert_int_equal(b.s[1], 'y');
    assert_string_equal(b.s + b.len - 4, "|42>");
    buf_clear(&b);
    assert_string_equal(buf_str(&b), "");
    buf_printf(&b, "%s", "");
    assert_string_equal(buf_str(&b), "");
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long_append),
        cmocka_unit_test(test_long_printf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
