/* diff_git.c — `dairy diff --git REV MODEL`: the files of commit REV in a
 * scratch folder, laid out as in the repository, so that the old model
 * reads the `use`d files, CSV tables and customers of that commit through
 * the ordinary loader.
 *
 * The tree is written by git itself into the scratch folder: `git
 * read-tree` into a scratch index (GIT_INDEX_FILE: the repository's own
 * index is never touched) and `git checkout-index --prefix`, which applies
 * the same filters and line endings as a checkout.  Children are started
 * with posix_spawnp (no shell, so no quoting of REV or of paths), and the
 * folder is removed on every way out: the end of the command, an error,
 * and SIGINT, SIGTERM, SIGHUP or SIGPIPE (by `rm -rf` from the handler:
 * fork and execve are async-signal-safe, a walk of the tree is not). */
#include "diff_int.h"

#include "buf.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* ------------------------------------------------------------ signals */

static const int caught[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
#define NCAUGHT (int)(sizeof caught / sizeof caught[0])
static struct sigaction saved[NCAUGHT];
static char scratch[PATH_MAX]; /* the folder to remove, "" when none */

static void on_signal(int sig)
{
    if (scratch[0]) {
        pid_t pid = fork();
        if (pid == 0) {
            char *argv[] = {"rm", "-rf", "--", scratch, NULL};
            execve("/bin/rm", argv, environ);
            _exit(127);
        }
        if (pid > 0)
            waitpid(pid, NULL, 0);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void arm(const char *dir)
{
    snprintf(scratch, sizeof scratch, "%s", dir);
    for (int i = 0; i < NCAUGHT; i++) {
        sigaction(caught[i], NULL, &saved[i]);
        if (saved[i].sa_handler == SIG_IGN)
            continue; /* ignored by the caller (nohup): stays ignored */
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(caught[i], &sa, NULL);
    }
}

static void disarm(void)
{
    for (int i = 0; i < NCAUGHT; i++)
        sigaction(caught[i], &saved[i], NULL);
    scratch[0] = '\0';
}

/* ------------------------------------------------------------ children */

/* Run argv (argv[0] found on PATH) with GIT_INDEX_FILE=index when index
 * is not NULL; its standard output into *out when out is not NULL (the
 * last line break dropped), its standard error to ours unless quiet.
 * Returns its exit status, or -1 when it could not be started. */
static int run(char *const argv[], const char *index, bool quiet, Buf *out)
{
    int fd[2] = {-1, -1};
    if (out && pipe(fd) != 0)
        return -1;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    if (out) {
        posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
        posix_spawn_file_actions_addclose(&fa, fd[0]);
        posix_spawn_file_actions_addclose(&fa, fd[1]);
    } else {
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    }
    if (quiet)
        posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    /* the environment, GIT_INDEX_FILE replaced */
    size_t n = 0;
    while (environ[n])
        n++;
    char **env = xmalloc((n + 2) * sizeof *env);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (strncmp(environ[i], "GIT_INDEX_FILE=", 15) != 0)
            env[k++] = environ[i];
    char *var = NULL;
    if (index) {
        var = xmalloc(strlen(index) + 16);
        sprintf(var, "GIT_INDEX_FILE=%s", index);
        env[k++] = var;
    }
    env[k] = NULL;
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, env);
    posix_spawn_file_actions_destroy(&fa);
    free(env);
    free(var);
    if (out)
        close(fd[1]);
    if (rc != 0) {
        if (out)
            close(fd[0]);
        return -1;
    }
    if (out) {
        char buf[4096];
        ssize_t got;
        while ((got = read(fd[0], buf, sizeof buf)) != 0) {
            if (got < 0 && errno == EINTR)
                continue;
            if (got < 0)
                break;
            buf_putn(out, buf, (size_t)got);
        }
        close(fd[0]);
        while (out->len && out->s[out->len - 1] == '\n')
            out->s[--out->len] = '\0';
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* ------------------------------------------------------------ the tree */

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (flag == FTW_DP)
        rmdir(path);
    else
        unlink(path);
    return 0;
}

void df_git_free(GitTree *t)
{
    if (t->scratch) {
        nftw(t->scratch, remove_one, 16, FTW_DEPTH | FTW_PHYS);
        disarm();
    }
    free(t->scratch);
    free(t->tree);
    free(t->rel);
    free(t->label);
    *t = (GitTree){0};
}

int df_git_tree(GitTree *t, const char *rev, const char *model)
{
    *t = (GitTree){0};
    if (!*rev || rev[0] == '-') {
        fprintf(stderr, "dairy: error: diff: `%s` is not a revision (--git takes a commit, "
                        "a branch or a tag: HEAD, main, HEAD~2)\n", rev);
        return -1;
    }
    char real[PATH_MAX];
    if (!realpath(model, real)) {
        fprintf(stderr, "dairy: error: cannot read `%s`: %s\n", model, strerror(errno));
        return -1;
    }
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", real);
    *strrchr(dir, '/') = '\0';
    if (!dir[0])
        snprintf(dir, sizeof dir, "/");
    /* the repository's top folder, and the model's path inside it */
    Buf top = {0}, commit = {0};
    char *top_argv[] = {"git", "-C", dir, "rev-parse", "--show-toplevel", NULL};
    int rc = run(top_argv, NULL, true, &top);
    if (rc < 0) {
        fprintf(stderr, "dairy: error: diff --git runs git, which cannot be started: "
                        "is it installed (Debian package git)?\n");
        buf_free(&top);
        return -1;
    }
    char top_real[PATH_MAX];
    if (rc != 0 || !top.len || !realpath(buf_str(&top), top_real)) {
        fprintf(stderr, "dairy: error: `%s` is not in a git repository\n", model);
        buf_free(&top);
        return -1;
    }
    buf_free(&top);
    size_t tl = strlen(top_real);
    if (strncmp(real, top_real, tl) != 0 || real[tl] != '/') {
        fprintf(stderr, "dairy: error: `%s` is not in the git repository at `%s`\n", model,
                top_real);
        return -1;
    }
    t->rel = xstrdup(real + tl + 1);
    /* REV as a commit */
    size_t rl = strlen(rev);
    char *spec = xmalloc(rl + 10);
    snprintf(spec, rl + 10, "%s^{commit}", rev);
    char *rev_argv[] = {"git", "-C", top_real, "rev-parse", "--verify", "--quiet", spec, NULL};
    rc = run(rev_argv, NULL, true, &commit);
    free(spec);
    if (rc != 0 || !commit.len) {
        fprintf(stderr, "dairy: error: `%s` is not a commit of the git repository at `%s`\n",
                rev, top_real);
        buf_free(&commit);
        df_git_free(t);
        return -1;
    }
    /* the scratch folder: the tree, and the index that writes it */
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp)
        tmp = "/tmp";
    Buf b = {0};
    buf_printf(&b, "%s/dairy-diff-XXXXXX", tmp);
    char *s = xstrdup(buf_str(&b));
    buf_free(&b);
    if (!mkdtemp(s)) {
        fprintf(stderr, "dairy: error: cannot make a scratch folder in `%s`: %s\n", tmp,
                strerror(errno));
        free(s);
        buf_free(&commit);
        df_git_free(t);
        return -1;
    }
    t->scratch = s;
    arm(s);
    size_t sl = strlen(s);
    char *index = xmalloc(sl + 8);
    snprintf(index, sl + 8, "%s/index", s);
    t->tree = xmalloc(sl + 8);
    snprintf(t->tree, sl + 8, "%s/tree/", s);
    char *commit_s = (char *)buf_str(&commit);
    char *read_argv[] = {"git", "-C", top_real, "read-tree", commit_s, NULL};
    char *co_argv[] = {"git", "-C", top_real, "checkout-index", "--all", "--force",
                       "--prefix", t->tree, NULL};
    /* checkout-index takes --prefix=DIR/ as one word */
    char *prefix = xmalloc(strlen(t->tree) + 16);
    sprintf(prefix, "--prefix=%s", t->tree);
    co_argv[6] = prefix;
    co_argv[7] = NULL;
    rc = run(read_argv, index, false, NULL);
    if (rc == 0)
        rc = run(co_argv, index, false, NULL);
    free(prefix);
    free(index);
    buf_free(&commit);
    if (rc != 0) {
        fprintf(stderr, "dairy: error: cannot write the files of `%s` into a scratch folder "
                        "(git read-tree and checkout-index failed)\n", rev);
        df_git_free(t);
        return -1;
    }
    t->tree[strlen(t->tree) - 1] = '\0'; /* no trailing slash from here on */
    struct stat st;
    Buf path = {0};
    buf_printf(&path, "%s/%s", t->tree, t->rel);
    bool there = stat(buf_str(&path), &st) == 0 && S_ISREG(st.st_mode);
    buf_free(&path);
    if (!there) {
        fprintf(stderr, "dairy: error: `%s` is not in commit `%s` (a new file: there is "
                        "nothing to compare it with)\n", t->rel, rev);
        df_git_free(t);
        return -1;
    }
    Buf label = {0};
    buf_printf(&label, "%s:%s", rev, t->rel);
    t->label = xstrdup(buf_str(&label));
    buf_free(&label);
    return 0;
}
