/* test_diag_more.c — corners of src/diag.c that models rarely reach: a
 * span past the end of its file, a CRLF line, control characters in the
 * source line, edit distances of names longer than 64 bytes, and many
 * files registered (the file table grows). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/diag.h"

typedef struct {
    Diag d;
    FILE *fp;
    char *out;
    size_t len;
} D;

static void d_open(D *x)
{
    x->fp = open_memstream(&x->out, &x->len);
    assert_non_null(x->fp);
    diag_init(&x->d, x->fp);
}

static void d_close(D *x)
{
    diag_free(&x->d);
    fclose(x->fp);
    free(x->out);
}

static int32_t add(D *x, const char *path, const char *text)
{
    size_t n = strlen(text);
    char *copy = malloc(n + 1);
    assert_non_null(copy);
    memcpy(copy, text, n + 1);
    int32_t id = diag_add_file(&x->d, path, copy, n);
    assert_true(id >= 0);
    return id;
}

/* A span past the end is shown at the end of the last line. */
static void test_span_past_end(void **state)
{
    (void)state;
    D x;
    d_open(&x);
    int32_t f = add(&x, "m.dairy", "farm north\n");
    diag_error(&x.d, (Span){f, 40, 45}, "past the end");
    fflush(x.fp);
    assert_non_null(strstr(x.out, "m.dairy:2:1: error: past the end\n"));
    d_close(&x);
}

/* A CRLF line is shown without its \r; a control character in it is shown
 * as a space, so the caret still lines up. */
static void test_crlf_and_control(void **state)
{
    (void)state;
    D x;
    d_open(&x);
    int32_t f = add(&x, "m.dairy", "farm\x01north {\r\nx\r\n");
    diag_error(&x.d, (Span){f, 5, 10}, "here");
    fflush(x.fp);
    assert_non_null(strstr(x.out, "m.dairy:1:6: error: here\n"));
    assert_non_null(strstr(x.out, "   1 | farm north {\n"));
    assert_non_null(strstr(x.out, "     |      ^~~~~\n"));
    assert_null(strchr(x.out, '\r'));
    d_close(&x);
}

/* Names longer than 64 bytes are only equal or far apart. */
static void test_edit_distance_long(void **state)
{
    (void)state;
    char a[80], b[80];
    memset(a, 'a', 70);
    a[70] = '\0';
    memcpy(b, a, sizeof a);
    assert_int_equal(diag_edit_distance(a, b, 3), 0);
    b[10] = 'b';
    assert_int_equal(diag_edit_distance(a, b, 3), 4);
    assert_int_equal(diag_edit_distance("north", "nort", 2), 1);
    assert_int_equal(diag_edit_distance("north", "n", 2), 3);
}

/* Twenty files: the table grows past its first size and keeps them all. */
static void test_many_files(void **state)
{
    (void)state;
    D x;
    d_open(&x);
    for (int i = 0; i < 20; i++) {
        char path[32];
        snprintf(path, sizeof path, "f%02d.dairy", i);
        int32_t id = add(&x, path, "x\n");
        assert_int_equal(id, i);
    }
    assert_string_equal(diag_file(&x.d, 17)->path, "f17.dairy");
    d_close(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_span_past_end),
        cmocka_unit_test(test_crlf_and_control),
        cmocka_unit_test(test_edit_distance_long),
        cmocka_unit_test(test_many_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
