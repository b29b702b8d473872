/* test_output_more.c — failures of src/output.c that a command line does
 * not reach: a write that fails before the file is closed (the target is
 * then left as it was, with no temporary file beside it), a path too long
 * for the temporary file's name, and the one-at-a-time scratch file. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/output.h"

static char dir[32];

static int setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/dairy-outmore-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    return rmdir(dir); /* fails when a test left a file behind */
}

static void path_in(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", dir, name);
}

/* The descriptor goes away under a buffered write: the flush fails, the
 * temporary file is removed and the target never appears. */
static void test_flush_fails(void **state)
{
    (void)state;
    char path[64];
    path_in(path, sizeof path, "out.txt");
    Output o;
    FILE *fp = output_open(&o, path, NULL);
    assert_non_null(fp);
    fputs("report\n", fp);
    close(fileno(fp));
    assert_int_equal(output_close(&o), -1);
    assert_int_equal(access(path, F_OK), -1);
}

/* Unbuffered, the write itself fails: the stream's error is found at
 * close, with the same outcome. */
static void test_write_fails(void **state)
{
    (void)state;
    char path[64];
    path_in(path, sizeof path, "out.txt");
    Output o;
    FILE *fp = output_open(&o, path, NULL);
    assert_non_null(fp);
    setvbuf(fp, NULL, _IONBF, 0);
    close(fileno(fp));
    fputs("report\n", fp);
    assert_true(ferror(fp));
    assert_int_equal(output_close(&o), -1);
    assert_int_equal(access(path, F_OK), -1);
}

/* A target whose temporary name would not fit is refused before anything
 * is created. */
static void test_path_too_long(void **state)
{
    (void)state;
    char path[PATH_MAX + 64];
    size_t n = (size_t)snprintf(path, sizeof path, "%s/", dir);
    memset(path + n, 'a', sizeof path - n - 1);
    path[sizeof path - 1] = '\0';
    Output o;
    assert_null(output_open(&o, path, NULL));
}

/* One scratch file at a time; a template too long is refused. */
static void test_scratch(void **state)
{
    (void)state;
    char a[64], b[64];
    path_in(a, sizeof a, "scratch-XXXXXX");
    path_in(b, sizeof b, "scratch-XXXXXX");
    int fd = output_scratch(a);
    assert_true(fd >= 0);
    errno = 0;
    assert_int_equal(output_scratch(b), -1);
    assert_int_equal(errno, EBUSY);
    close(fd);
    output_scratch_remove(a);
    assert_int_equal(access(a, F_OK), -1);

    char longer[PATH_MAX + 64];
    memset(longer, 'x', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    memcpy(longer + sizeof longer - 7, "XXXXXX", 6);
    errno = 0;
    assert_int_equal(output_scratch(longer), -1);
    assert_int_equal(errno, ENAMETOOLONG);
}

int main(void)
{
    output_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flush_fails),
        cmocka_unit_test(test_write_fails),
        cmocka_unit_test(test_path_too_long),
        cmocka_unit_test(test_scratch),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
