/* test_output.c — unit tests for output files (src/output.c): a file is
 * replaced only when finished, through symbolic links, keeping its mode;
 * directories, FIFOs, the model's own files and read-only files are refused
 * (read-only ones accepted with force); nothing temporary is left behind. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/diag.h"
#include "../../src/output.h"

/* ------------------------------------------------------------ helpers */

typedef struct {
    char dir[32];
    char path[8][300];
} Tmp;

static const char *tmp_path(Tmp *t, int i, const char *name)
{
    char dir[sizeof t->dir]; /* a copy: snprintf may not read what it writes into */
    memcpy(dir, t->dir, sizeof dir);
    snprintf(t->path[i], sizeof t->path[i], "%s/%s", dir, name);
    return t->path[i];
}

static void tmp_open(Tmp *t)
{
    memset(t, 0, sizeof *t);
    strcpy(t->dir, "/tmp/dairy-output-XXXXXX");
    assert_non_null(mkdtemp(t->dir));
}

/* Remove the folder and everything in it (one level, and one subfolder). */
static void rm_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char p[600];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
            rm_dir(p);
        else
            unlink(p);
    }
    closedir(d);
    rmdir(dir);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static char *read_all(const char *path)
{
    static char buf[4096];
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* Files in dir whose names contain ".tmp-". */
static int tmp_files(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += strstr(e->d_name, ".tmp-") != NULL;
    closedir(d);
    return n;
}

/* output_open with its message sent to /dev/null: the tests check what
 * it does; the wording is checked end to end (tests/io.sh). */
static FILE *open_quiet(Output *o, const char *path, const OutputOptions *opt)
{
    fflush(stderr);
    int saved = dup(2), null = open("/dev/null", O_WRONLY);
    dup2(null, 2);
    FILE *fp = output_open(o, path, opt);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    close(null);
    return fp;
}

/* ------------------------------------------------------------ tests */

static void test_new_file(void **state)
{
    (void)state;
    Tmp t;
    tmp_open(&t);
    const char *p = tmp_path(&t, 0, "out.txt");
    Output o;
    FILE *fp = output_open(&o, p, NULL);
    assert_non_null(fp);
    fputs("hello\n", fp);
    assert_int_equal(tmp_files(t.dir), 1);
    assert_null(read_all(p)); /* nothing at FILE until it is finished */
    assert_int_equal(output_close(&o), 0);
    assert_string_equal(read_all(p), "hello\n");
    assert_int_equal(tmp_files(t.dir), 0);
    mode_t mask = umask(0);
    umask(mask);
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0666 & ~mask);
    rm_dir(t.dir);
}

static void test_replace_keeps_mode(void **state)
{
    (void)state;
    Tmp t;
    tmp_open(&t);
    const char *p = tmp_path(&t, 0, "m.dairy");
    write_file(p, "old\n");
    chmod(p, 0640);
    Output o;
    fputs("new\n", output_open(&o, p, NULL));
    assert_int_equal(output_close(&o), 0);
    assert_string_equal(read_all(p), "new\n");
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0640);
    rm_dir(t.dir);
}

static void test_discard(void **state)
{
    (void)state;
    Tmp t;
    tmp_open(&t);
    const char *p = tmp_path(&t, 0, "out.txt");
    write_file(p, "old\n");
    Output o;
    fputs("half a rep", output_open(&o, p, NULL));
    output_discard(&o);
    assert_string_equal(read_all(p), "old\n");
    assert_int_equal(tmp_files(t.dir), 0);
    rm_dir(t.dir);
}

static void test_through_symlink(void **state)
{
    (void)state;
    Tmp t;
    tmp_open(&t);
    const char *sub = tmp_path(&t, 0, "real");
    assert_int_equal(mkdir(sub, 0755), 0);
    const char *target = tmp_path(&t, 1, "real/target.txt");
    write_file(target, "old\n");
    const char *link = tmp_path(&t, 2, "link.txt");
    assert_int_equal(symlink("real/target.txt", link), 0);
    /* a link to a link, relative to its own folder */
    const char *link2 = tmp_path(&t, 3, "real/link2.txt");
    assert_int_equal(symlink("../link.txt", link2), 0);
    Output o;
    fputs("new\n", output_open(&o, link2, NULL));
    assert_int_equal(tmp_files(sub), 1); /* beside the target */
    assert_int_equal(output_close(&o), 0);
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(lstat(link2, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_string_equal(read_all(target), "new\n");
    assert_int_equal(tmp_files(t.dir) + tmp_files(sub), 0);

    /* a dangling link makes its target */
    const char *dangling = tmp_path(&t, 4, "dangling.txt");
    assert_int_equal(symlink("real/made.txt", dangling), 0);
    fputs("made\n", output_open(&o, dangling, NULL));
    assert_int_equal(output_close(&o), 0);
    assert_string_equal(read_all(tmp_path(&t, 5, "real/made.txt")), "made\n");

    /* a loop of links is an error, not a hang */
    const char *a = tmp_path(&t, 6, "loop_a");
    const char *b = tmp_path(&t, 7, "loop_b");
    assert_int_equal(symlink("loop_b", a), 0);
    assert_int_equal(symlink("loop_a", b), 0);
    assert_null(open_quiet(&o, a, NULL));
    rm_dir(t.dir);
}

static void test_refuses_special_files(void **state)
{
    (void)state;
    Tmp t;
    tmp_open(&t);
    Output o;
    assert_null(open_quiet(&o, t.dir, NULL));
    const char *fifo = tmp_path(&t, 0, "fifo");
    assert_int_equal(mkfifo(fifo, 0644), 0);
    assert_null(open_quiet(&o, fifo, NULL));
    struct stat st;
    assert_int_equal(stat(fifo, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    assert_null(open_quiet(&o, "/dev/null", NULL));
    assert_int_equal(stat("/dev/null", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    OutputOptions force = {true, NULL}; /* force is for read-only files only */
    assert_null(open_quiet(&o, fifo, &force));
    /* a folder that does not exist */
    assert_null(open_quiet(&o, tmp_path(&t, 1, "none/out.txt"), NULL));
    assert_int_equal(tmp_files(t.dir), 0);
    rm_dir(t.dir);
}

static void test_refuses_model_files(void **state)
{
    (void)state;
    Tmp t;
    tmp_open(&t);
    const char *model = tmp_path(&t, 0, "m.dairy");
    write_file(model, "model \"m\"\n");
    const char *hard = tmp_path(&t, 1, "hard.dairy");
    assert_int_equal(link(model, hard), 0);
    Diag d;
    diag_init(&d, stderr);
    int err = 0;
    assert_true(diag_load_file(&d, model, &err) >= 0);
    OutputOptions keep = {true, &d}; /* not even with force */
    Output o;
    assert_null(open_quiet(&o, model, &keep));
    assert_null(open_quiet(&o, hard, &keep));
    assert_string_equal(read_all(model), "model \"m\"\n");
    /* another file is fine */
    FILE *fp = output_open(&o, tmp_path(&t, 2, "report.txt"), &keep);
    assert_non_null(fp);
    assert_int_equal(output_close(&o), 0);
    diag_free(&d);
    rm_dir(t.dir);
}

static void test_read_only(void **state)
{
    (void)state;
    Tmp t;
    tmp_open(&t);
    const char *p = tmp_path(&t, 0, "ro.txt");
    write_file(p, "old\n");
    chmod(p, 0444);
    Output o;
    assert_null(open_quiet(&o, p, NULL));
    OutputOptions no = {false, NULL};
    assert_null(open_quiet(&o, p, &no));
    assert_string_equal(read_all(p), "old\n");
    OutputOptions force = {true, NULL};
    fputs("new\n", output_open(&o, p, &force));
    assert_int_equal(output_close(&o), 0);
    assert_string_equal(read_all(p), "new\n");
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0444);
    rm_dir(t.dir);
}

static void test_stdout(void **state)
{
    (void)state;
    Output o;
    assert_ptr_equal(output_open(&o, NULL, NULL), stdout);
    assert_int_equal(output_close(&o), 0);
    output_discard(&o); /* nothing to give up */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_file),
        cmocka_unit_test(test_replace_keeps_mode),
        cmocka_unit_test(test_discard),
        cmocka_unit_test(test_through_symlink),
        cmocka_unit_test(test_refuses_special_files),
        cmocka_unit_test(test_refuses_model_files),
        cmocka_unit_test(test_read_only),
        cmocka_unit_test(test_stdout),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
