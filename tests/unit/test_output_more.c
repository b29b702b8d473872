/* test_output_more.c — failures of src/output.c that a command line does
 * not reach: a write that fails before the file is closed (the target is
 * then left as it was, with no temporary file beside it), a path too long
 * for the temporary file's name, the one-at-a-time scratch file, links
 * (absolute, to a folder, in a loop) and a closed standard output. */
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
#include <sys/wait.h>
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

/* A link with an absolute target is followed to it; a link to a folder is
 * refused, naming both; a chain of links that loops is refused too. */
static void test_links(void **state)
{
    (void)state;
    char target[64], link[64], folder[64], flink[64], l1[64], l2[64];
    path_in(target, sizeof target, "target.txt");
    path_in(link, sizeof link, "link.txt");
    path_in(folder, sizeof folder, "folder");
    path_in(flink, sizeof flink, "flink");
    path_in(l1, sizeof l1, "loop1");
    path_in(l2, sizeof l2, "loop2");
    assert_int_equal(symlink(target, link), 0);
    Output o;
    FILE *fp = output_open(&o, link, NULL);
    assert_non_null(fp);
    fputs("plan\n", fp);
    assert_int_equal(output_close(&o), 0);
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(stat(target, &st), 0);
    assert_int_equal(st.st_size, 5);

    assert_int_equal(mkdir(folder, 0755), 0);
    assert_int_equal(symlink(folder, flink), 0);
    assert_null(output_open(&o, flink, NULL));

    assert_int_equal(symlink(l2, l1), 0);
    assert_int_equal(symlink(l1, l2), 0);
    assert_null(output_open(&o, l1, NULL));

    unlink(link);
    unlink(target);
    unlink(flink);
    rmdir(folder);
    unlink(l1);
    unlink(l2);
}

/* Standard output closed under dairy: the check says so once and fails,
 * and so does the final flush.  In a child, whose exit status answers. */
static void test_stdout_closed(void **state)
{
    (void)state;
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        FILE *quiet = freopen("/dev/null", "w", stderr);
        (void)quiet;
        close(STDOUT_FILENO);
        printf("a plan\n");
        int first = output_stdout_check();
        int again = output_stdout_check();
        int fin = output_finish();
        exit(first == -1 && again == -1 && fin == -1 ? 0 : 1);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

int main(void)
{
    output_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flush_fails),
        cmocka_unit_test(test_write_fails),
        cmocka_unit_test(test_path_too_long),
        cmocka_unit_test(test_scratch),
        cmocka_unit_test(test_links),
        cmocka_unit_test(test_stdout_closed),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
