/* test_output_edges.c — failures and corners of src/output.c that a
 * command line does not reach: a write that fails before the file is
 * closed (the target is then left as it was, with no temporary file beside
 * it), a path too long for the temporary file's name, the one-at-a-time
 * scratch file, links (absolute, to a folder, in a loop, with no folder in
 * their path), a closed standard output; an output file and a scratch file
 * open together, block devices and sockets refused, a model file reached
 * through a link, model files given in memory or on another device, a
 * rename that fails, a scratch file whose folder is missing, a file owned
 * by someone else (as root), the file-size limit met by an unbuffered
 * write, and standard output found in error with errno cleared. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../src/diag.h"
#include "../../src/output.h"

static char dir[32];

static int setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/dairy-outedge-XXXXXX");
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

static size_t file_size(const char *path)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return (size_t)st.st_size;
}

/* The message output_open or output_close gives, caught from stderr. */
static char said[1024];

static int quiet_fd = -1;
static FILE *quiet_file;

static void quiet_begin(void)
{
    fflush(stderr);
    quiet_fd = dup(2);
    quiet_file = tmpfile();
    assert_non_null(quiet_file);
    dup2(fileno(quiet_file), 2);
}

static void quiet_end(void)
{
    fflush(stderr);
    dup2(quiet_fd, 2);
    close(quiet_fd);
    rewind(quiet_file);
    size_t n = fread(said, 1, sizeof said - 1, quiet_file);
    said[n] = '\0';
    fclose(quiet_file);
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

/* A scratch file made while an output file is open, and removed before
 * it: neither disturbs the other, and both are cleaned up. */
static void test_output_and_scratch(void **state)
{
    (void)state;
    char path[64], scratch[64];
    path_in(path, sizeof path, "out.txt");
    path_in(scratch, sizeof scratch, "lp-XXXXXX");
    Output o;
    FILE *fp = output_open(&o, path, NULL);
    assert_non_null(fp);
    int fd = output_scratch(scratch);
    assert_true(fd >= 0);
    assert_int_equal(access(scratch, F_OK), 0);
    fputs("plan\n", fp);
    close(fd);
    output_scratch_remove(scratch);
    assert_int_equal(access(scratch, F_OK), -1);
    assert_int_equal(output_close(&o), 0);
    assert_int_equal(file_size(path), 5);
    unlink(path);
}

/* A link named without any folder, in the current one: its target is
 * taken as it is. */
static void test_link_in_current_folder(void **state)
{
    (void)state;
    char cwd[PATH_MAX];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(dir), 0);
    assert_int_equal(symlink("target.txt", "link.txt"), 0);
    Output o;
    FILE *fp = output_open(&o, "link.txt", NULL);
    assert_non_null(fp);
    fputs("made\n", fp);
    int rc = output_close(&o);
    struct stat st;
    int lrc = lstat("link.txt", &st);
    bool is_link = lrc == 0 && S_ISLNK(st.st_mode);
    size_t n = file_size("target.txt");
    unlink("link.txt");
    unlink("target.txt");
    assert_int_equal(chdir(cwd), 0);
    assert_int_equal(rc, 0);
    assert_true(is_link);
    assert_int_equal(n, 5);
}

/* A block device and a socket are refused, each named for what it is. */
static void test_block_device_and_socket(void **state)
{
    (void)state;
    Output o;
    struct stat st;
    const char *blk = NULL;
    static const char *const blks[] = {"/dev/loop0", "/dev/sda", "/dev/vda", "/dev/nvme0n1"};
    for (size_t i = 0; i < sizeof blks / sizeof *blks && !blk; i++)
        if (stat(blks[i], &st) == 0 && S_ISBLK(st.st_mode))
            blk = blks[i];
    if (blk) {
        quiet_begin();
        FILE *fp = output_open(&o, blk, NULL);
        quiet_end();
        assert_null(fp);
        assert_non_null(strstr(said, "it is a block device, not a regular file"));
    }

    char sock[64];
    path_in(sock, sizeof sock, "sock");
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_true(s >= 0);
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    strcpy(addr.sun_path, sock);
    assert_int_equal(bind(s, (struct sockaddr *)&addr, sizeof addr), 0);
    quiet_begin();
    FILE *fp = output_open(&o, sock, NULL);
    quiet_end();
    close(s);
    unlink(sock);
    assert_null(fp);
    assert_non_null(strstr(said, "it is a socket, not a regular file"));
}

/* The model file reached through a link is refused too, named by the link
 * and its target; model text given in memory, or read from another
 * device, keeps nothing else from being written. */
static void test_model_files(void **state)
{
    (void)state;
    char model[64], link[64], other[64];
    path_in(model, sizeof model, "m.dairy");
    path_in(link, sizeof link, "m-link.dairy");
    path_in(other, sizeof other, "report.txt");
    FILE *f = fopen(model, "w");
    assert_non_null(f);
    fputs("model \"m\"\n", f);
    fclose(f);
    assert_int_equal(symlink(model, link), 0);

    Diag d;
    diag_init(&d, stderr);
    char *text = strdup("model \"mem\"\n");
    assert_non_null(text);
    diag_add_file(&d, "<memory>", text, strlen(text)); /* no device, no inode */
    int err = 0;
    /* a file on another device than the folder (/dev/shm is a tmpfs) */
    char shm[64] = "";
    struct stat a, b;
    if (stat("/dev/shm", &a) == 0 && stat(dir, &b) == 0 && a.st_dev != b.st_dev) {
        strcpy(shm, "/dev/shm/dairy-outedge-XXXXXX");
        int fd = mkstemp(shm);
        assert_true(fd >= 0);
        close(fd);
        assert_true(diag_load_file(&d, shm, &err) >= 0);
    }
    assert_true(diag_load_file(&d, model, &err) >= 0);
    OutputOptions keep = {false, &d};
    Output o;
    quiet_begin();
    FILE *fp = output_open(&o, link, &keep);
    quiet_end();
    assert_null(fp);
    assert_non_null(strstr(said, "(a link to `"));
    assert_non_null(strstr(said, "the model reads it; give another output file"));

    fp = output_open(&o, other, &keep);
    assert_non_null(fp);
    fputs("ok\n", fp);
    assert_int_equal(output_close(&o), 0);
    assert_int_equal(file_size(other), 3);

    diag_free(&d);
    if (*shm)
        unlink(shm);
    unlink(other);
    unlink(link);
    unlink(model);
}

/* The target turned into a folder while the file was written: the rename
 * fails, said so; the folder stays and no temporary file is left. */
static void test_rename_fails(void **state)
{
    (void)state;
    char path[64], inside[80];
    path_in(path, sizeof path, "out.txt");
    snprintf(inside, sizeof inside, "%s/x", path);
    Output o;
    FILE *fp = output_open(&o, path, NULL);
    assert_non_null(fp);
    fputs("plan\n", fp);
    assert_int_equal(mkdir(path, 0755), 0);
    FILE *x = fopen(inside, "w");
    assert_non_null(x);
    fclose(x);
    quiet_begin();
    int rc = output_close(&o);
    quiet_end();
    assert_int_equal(rc, -1);
    assert_non_null(strstr(said, "cannot write `"));
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    unlink(inside);
    assert_int_equal(rmdir(path), 0); /* teardown's rmdir finds any .tmp- left */
}

/* mkstemp fails (no such folder): -1 with its errno, and nothing stays
 * armed, so the next scratch file is allowed. */
static void test_scratch_no_folder(void **state)
{
    (void)state;
    char bad[64], good[64];
    path_in(bad, sizeof bad, "none/lp-XXXXXX");
    path_in(good, sizeof good, "lp-XXXXXX");
    errno = 0;
    assert_int_equal(output_scratch(bad), -1);
    assert_int_equal(errno, ENOENT);
    int fd = output_scratch(good);
    assert_true(fd >= 0);
    close(fd);
    output_scratch_remove(good);
    assert_int_equal(access(good, F_OK), -1);
}

/* As root, a file owned by someone else is replaced by one with the same
 * owner and mode. */
static void test_other_owner(void **state)
{
    (void)state;
    if (geteuid() != 0)
        skip();
    char path[64];
    path_in(path, sizeof path, "theirs.txt");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("old\n", f);
    fclose(f);
    assert_int_equal(chown(path, 4242, 4343), 0);
    assert_int_equal(chmod(path, 0640), 0);
    Output o;
    FILE *fp = output_open(&o, path, NULL);
    assert_non_null(fp);
    fputs("newer\n", fp);
    assert_int_equal(output_close(&o), 0);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_uid, 4242);
    assert_int_equal(st.st_gid, 4343);
    assert_int_equal(st.st_mode & 0777, 0640);
    assert_int_equal(st.st_size, 6);
    unlink(path);
}

/* Past the file-size limit, an unbuffered write fails part way; at close
 * the reason is found again (EFBIG), the temporary file removed and the
 * target never made.  In a child, whose limit it is. */
static void test_size_limit(void **state)
{
    (void)state;
    char path[64];
    path_in(path, sizeof path, "big.txt");
    int pipefd[2]; /* stderr: a file would be held to the limit too */
    assert_int_equal(pipe(pipefd), 0);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(pipefd[0]);
        dup2(pipefd[1], 2);
        struct rlimit rl = {4, RLIM_INFINITY};
        if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
            exit(3);
        Output o;
        FILE *fp = output_open(&o, path, NULL);
        if (!fp)
            exit(4);
        setvbuf(fp, NULL, _IONBF, 0);
        fputs("0123456789", fp);
        if (!ferror(fp))
            exit(5);
        int rc = output_close(&o);
        rl.rlim_cur = RLIM_INFINITY; /* what exit writes is not held back */
        setrlimit(RLIMIT_FSIZE, &rl);
        exit(rc == -1 ? 0 : 6);
    }
    close(pipefd[1]);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    ssize_t n = read(pipefd[0], said, sizeof said - 1);
    close(pipefd[0]);
    said[n > 0 ? n : 0] = '\0';
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_int_equal(access(path, F_OK), -1);
    assert_non_null(strstr(said, strerror(EFBIG)));
}

/* Standard output in error with nothing left to flush and errno cleared:
 * the reason given is an I/O error; once said, a later check fails
 * without saying it again, even with the error cleared. */
static void test_stdout_error_without_errno(void **state)
{
    (void)state;
    char err_path[64];
    path_in(err_path, sizeof err_path, "stderr.txt");
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (!freopen(err_path, "w", stderr))
            _exit(2);
        if (!freopen("/dev/null", "w", stdout))
            _exit(2);
        (void)fgetc(stdout); /* write-only: sets the stream's error flag */
        if (!ferror(stdout))
            exit(3);
        errno = 0;
        int first = output_stdout_check();
        clearerr(stdout);
        int again = output_stdout_check();
        exit(first == -1 && again == -1 ? 0 : 4);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    FILE *f = fopen(err_path, "r");
    assert_non_null(f);
    size_t n = fread(said, 1, sizeof said - 1, f);
    said[n] = '\0';
    fclose(f);
    unlink(err_path);
    char want[128];
    snprintf(want, sizeof want, "dairy: error: cannot write standard output: %s\n",
             strerror(EIO));
    assert_int_equal(strncmp(said, want, strlen(want)), 0);
    assert_null(strstr(said + strlen(want), "cannot write standard output")); /* once */
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
        cmocka_unit_test(test_output_and_scratch),
        cmocka_unit_test(test_link_in_current_folder),
        cmocka_unit_test(test_block_device_and_socket),
        cmocka_unit_test(test_model_files),
        cmocka_unit_test(test_rename_fails),
        cmocka_unit_test(test_scratch_no_folder),
        cmocka_unit_test(test_other_owner),
        cmocka_unit_test(test_size_limit),
        cmocka_unit_test(test_stdout_error_without_errno),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
