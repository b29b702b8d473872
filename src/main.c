/* main.c — the command line: parse arguments, run the pipeline, map
 * outcomes to exit codes (0 ok, 1 the model has errors, 2 usage or I/O,
 * 3 solved without an optimal solution).  Nothing below main.c exits. */
#include "arena.h"
#include "ast.h"
#include "check.h"
#include "diag.h"
#include "fmt.h"
#include "model.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DAIRY_VERSION "0.1.0"
#ifndef DAIRY_SHARE
#define DAIRY_SHARE "/usr/local/share/dairy"
#endif

enum { EXIT_MODEL = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
    "usage: dairy COMMAND [OPTIONS] MODEL...\n"
    "\n"
    "commands:\n"
    "  check [--summary] [--dump] MODEL...   parse and check; --summary prints what\n"
    "                                        the model contains, --dump every fact\n"
    "  fmt [--check | -w] MODEL...           print in canonical layout; --check lists\n"
    "                                        files that would change, -w rewrites them\n"
    "  run, emit, segment, explain           planned (see docs/cli.md)\n"
    "\n"
    "  dairy --help | --version\n"
    "\n"
    "exit status: 0 ok, 1 the model has errors, 2 usage or I/O error\n";

static int usage_error(const char *fmt, const char *arg)
{
    fputs("dairy: error: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\n(run `dairy --help` for usage)\n", stderr);
    return EXIT_USAGE;
}

/* Standard-library folders: DAIRY_PATH (colon-separated), the stdlib/
 * folder beside the binary's folder, then the installed share folder. */
typedef struct {
    char *dirs[32];
    int n;
    char *buf;
} StdDirs;

static void std_dirs(StdDirs *s)
{
    s->n = 0;
    s->buf = NULL;
    const char *env = getenv("DAIRY_PATH");
    if (env && *env) {
        s->buf = xstrdup(env);
        for (char *tok = strtok(s->buf, ":"); tok && s->n < 28; tok = strtok(NULL, ":"))
            if (*tok)
                s->dirs[s->n++] = xstrdup(tok);
    }
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        exe[len] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            size_t n = strlen(exe) + 16;
            char *a = xmalloc(n);
            snprintf(a, n, "%s/../stdlib", exe);
            s->dirs[s->n++] = a;
            char *b = xmalloc(n);
            snprintf(b, n, "%s/stdlib", exe);
            s->dirs[s->n++] = b;
        }
    }
    s->dirs[s->n++] = xstrdup(DAIRY_SHARE "/stdlib");
}

static void std_dirs_free(StdDirs *s)
{
    for (int i = 0; i < s->n; i++)
        free(s->dirs[i]);
    free(s->buf);
}

static void too_many(const Diag *d)
{
    if (d->errors >= DIAG_MAX_ERRORS)
        fprintf(stderr, "dairy: stopped after %d errors; fix these and run again\n",
                DIAG_MAX_ERRORS);
}

static int cmd_check(int argc, char **argv)
{
    bool summary = false, dump = false;
    int nfiles = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--summary") == 0)
            summary = true;
        else if (strcmp(argv[i], "--dump") == 0)
            dump = true;
        else if (argv[i][0] == '-' && argv[i][1])
            return usage_error("check: unknown option `%s`", argv[i]);
        else
            nfiles++;
    }
    if (!nfiles)
        return usage_error("%s", "check: no model file given");
    StdDirs sd;
    std_dirs(&sd);
    CheckOptions opt = {(const char *const *)sd.dirs, sd.n};
    int status = 0;
    for (int i = 0; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1])
            continue;
        Arena arena;
        arena_init(&arena);
        Diag d;
        diag_init(&d, stderr);
        bool io = false;
        Model *m = check_file(&arena, &d, argv[i], &opt, &io);
        too_many(&d);
        if (m) {
            if (dump)
                model_dump(m, stdout);
            else if (summary)
                model_summary(m, stdout);
            else
                model_summary_line(m, argv[i], stdout);
            model_free(m);
        } else {
            int s = io ? EXIT_USAGE : EXIT_MODEL;
            if (s > status)
                status = s;
        }
        diag_free(&d);
        arena_free(&arena);
    }
    std_dirs_free(&sd);
    return status;
}

/* Write text to path atomically: a temporary file in the same folder,
 * flushed and renamed over the original, keeping its permissions. */
static int write_atomic(const char *path, const char *text, size_t len)
{
    size_t n = strlen(path) + 32;
    char *tmp = xmalloc(n);
    snprintf(tmp, n, "%s.fmt-XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(stderr, "dairy: error: cannot write `%s`: %s\n", path, strerror(errno));
        free(tmp);
        return -1;
    }
    struct stat st;
    if (stat(path, &st) == 0)
        fchmod(fd, st.st_mode & 07777);
    FILE *fp = fdopen(fd, "wb");
    bool ok = fp && fwrite(text, 1, len, fp) == len && fflush(fp) == 0 && fsync(fd) == 0;
    if (fp)
        ok = fclose(fp) == 0 && ok;
    else
        close(fd);
    if (!ok || rename(tmp, path) != 0) {
        fprintf(stderr, "dairy: error: cannot write `%s`: %s\n", path, strerror(errno));
        unlink(tmp);
        free(tmp);
        return -1;
    }
    free(tmp);
    return 0;
}

static int cmd_fmt(int argc, char **argv)
{
    bool check = false, write = false;
    int nfiles = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--check") == 0)
            check = true;
        else if (strcmp(argv[i], "-w") == 0)
            write = true;
        else if (argv[i][0] == '-' && argv[i][1])
            return usage_error("fmt: unknown option `%s`", argv[i]);
        else
            nfiles++;
    }
    if (check && write)
        return usage_error("%s", "fmt: give --check or -w, not both");
    if (!nfiles)
        return usage_error("%s", "fmt: no model file given");
    int status = 0;
    for (int i = 0; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1])
            continue;
        Arena arena;
        arena_init(&arena);
        Diag d;
        diag_init(&d, stderr);
        int err = 0;
        int32_t id = diag_load_file(&d, argv[i], &err);
        if (id < 0) {
            fprintf(stderr, "dairy: error: cannot read `%s`: %s\n", argv[i], diag_strerror(err));
            status = EXIT_USAGE;
        } else {
            AstFile *ast = ast_parse(&arena, &d, id);
            too_many(&d);
            if (!ast->ok) {
                if (status < EXIT_MODEL)
                    status = EXIT_MODEL;
            } else {
                char *text = NULL;
                size_t len = 0;
                FILE *mem = open_memstream(&text, &len);
                fmt_print(&d, ast, mem);
                fclose(mem);
                const SrcFile *f = diag_file(&d, id);
                bool same = len == f->len && memcmp(text, f->text, len) == 0;
                if (check) {
                    if (!same) {
                        printf("%s\n", argv[i]);
                        if (status < EXIT_MODEL)
                            status = EXIT_MODEL;
                    }
                } else if (write) {
                    if (!same && write_atomic(argv[i], text, len) != 0)
                        status = EXIT_USAGE;
                } else {
                    fwrite(text, 1, len, stdout);
                }
                free(text);
            }
        }
        diag_free(&d);
        arena_free(&arena);
    }
    return status;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0) {
        puts("dairy " DAIRY_VERSION);
        return 0;
    }
    if (strcmp(cmd, "check") == 0)
        return cmd_check(argc - 2, argv + 2);
    if (strcmp(cmd, "fmt") == 0)
        return cmd_fmt(argc - 2, argv + 2);
    if (strcmp(cmd, "run") == 0 || strcmp(cmd, "emit") == 0 || strcmp(cmd, "segment") == 0 ||
        strcmp(cmd, "explain") == 0)
        return usage_error("`%s` is not available yet in this version; `dairy check` is",
                           cmd);
    return usage_error("unknown command `%s`", cmd);
}
