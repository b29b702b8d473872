/* diff_cmd.c — the command line of `dairy diff` (docs/diff.md):
 *
 *   dairy diff OLD NEW [--plan [--tolerance T]] [--format text|json]
 *   dairy diff --git REV MODEL [--plan [--tolerance T]] [--format text|json]
 *   dairy diff --textconv FILE
 *
 * Exit status as diff(1) has it: 0 the two mean the same, 1 they differ,
 * 2 an error (usage, a file that cannot be read, a model with errors, a
 * failed solve), so that a model with errors is never taken for a
 * difference. */
#include "diff_int.h"

#include "check.h"
#include "diag.h"
#include "fmt.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { DIFF_SAME = 0, DIFF_DIFFERENT = 1, DIFF_ERROR = 2 };

static int usage(const char *fmt, ...)
{
    fputs("dairy: error: diff: ", stderr);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\n(run `dairy --help` for usage)\n", stderr);
    return DIFF_ERROR;
}

/* One side: its compilation, and the name it goes by in the output. */
typedef struct {
    Arena arena;
    Diag diag;
    Model *model;
    const char *label;
    bool loaded;            /* arena and diag to free */
} Side;

/* Check the model at path (relative to the current folder); NULL after
 * its diagnostics, as `dairy check` prints them. */
static bool load(Side *s, const char *path, const CheckOptions *opt)
{
    s->loaded = true;
    arena_init(&s->arena);
    diag_init(&s->diag, stderr);
    bool io = false;
    s->model = check_file(&s->arena, &s->diag, path, opt, &io);
    diag_finish(&s->diag);
    return s->model != NULL;
}

static void unload(Side *s)
{
    if (!s->loaded)
        return;
    s->loaded = false;
    model_free(s->model);
    diag_free(&s->diag);
    arena_free(&s->arena);
}

/* `--textconv FILE`, for git's diff.dairy.textconv: the file in the
 * canonical layout of `dairy fmt`, comments kept, so that `git diff`
 * shows no line that only layout changed; a file that does not parse (an
 * old commit, a half-written model) as it is, silently, so that git diff
 * never stops at it. */
static int textconv(const char *path)
{
    FILE *null = fopen("/dev/null", "w");
    Diag d;
    diag_init(&d, null ? null : stderr);
    int err = 0;
    int32_t id = diag_load_file(&d, path, &err);
    if (id < 0) {
        diag_free(&d);
        if (null)
            fclose(null);
        fprintf(stderr, "dairy: error: cannot read `%s`: %s\n", path, diag_strerror(err));
        return DIFF_ERROR;
    }
    char *text = NULL;
    size_t len = 0;
    if (fmt_file(&d, id, &text, &len) == 0) {
        fwrite(text, 1, len, stdout);
    } else {
        const SrcFile *f = diag_file(&d, id);
        fwrite(f->text, 1, f->len, stdout);
    }
    free(text);
    diag_free(&d);
    if (null)
        fclose(null);
    return 0;
}

/* The folders of `use std.NAME` as absolute paths: the old model of
 * --git is read from inside the scratch folder. */
static char **absolute_dirs(const char *const *dirs, int n)
{
    char **abs = xcalloc((size_t)(n ? n : 1), sizeof *abs);
    for (int i = 0; i < n; i++) {
        char real[PATH_MAX];
        abs[i] = xstrdup(realpath(dirs[i], real) ? real : dirs[i]);
    }
    return abs;
}

/* The old model of --git: read from the commit's tree, by its path in the
 * repository, so that messages name the files as the repository does. */
static bool load_git(Side *s, const GitTree *t, const CheckOptions *opt)
{
    int here = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (here < 0 || chdir(t->tree) != 0) {
        fprintf(stderr, "dairy: error: cannot enter the scratch folder `%s`: %s\n", t->tree,
                strerror(errno));
        if (here >= 0)
            close(here);
        return false;
    }
    bool ok = load(s, t->rel, opt);
    if (fchdir(here) != 0) {
        fprintf(stderr, "dairy: error: cannot return to the current folder: %s\n",
                strerror(errno));
        ok = false;
    }
    close(here);
    return ok;
}

int diff_command(int argc, char **argv, const char *const *std_dirs, int nstd)
{
    const char *format = "text", *rev = NULL, *tolerance = NULL, *files[2];
    bool plan = false, conv = false;
    int nfiles = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        bool value = i + 1 < argc;
        if (strcmp(a, "--plan") == 0)
            plan = true;
        else if (strcmp(a, "--textconv") == 0)
            conv = true;
        else if (strcmp(a, "--format") == 0 && value)
            format = argv[++i];
        else if (strcmp(a, "--git") == 0 && value)
            rev = argv[++i];
        else if (strcmp(a, "--tolerance") == 0 && value)
            tolerance = argv[++i];
        else if (a[0] == '-' && a[1])
            return usage("unknown option or missing value `%s`", a);
        else if (nfiles == 2)
            return usage("two models at most (found `%s` too)", a);
        else
            files[nfiles++] = a;
    }
    if (conv) {
        if (plan || rev || tolerance || strcmp(format, "text") != 0 || nfiles != 1)
            return usage("%s", "--textconv takes one file and no other option (it is for "
                               "git's diff.dairy.textconv)");
        return textconv(files[0]);
    }
    bool json = strcmp(format, "json") == 0;
    if (!json && strcmp(format, "text") != 0)
        return usage("--format is text or json, not `%s`", format);
    DiffPlanOptions po = {DIFF_TOLERANCE};
    if (tolerance) {
        if (!plan)
            return usage("%s", "--tolerance goes with --plan (it is how far a flow may move "
                               "unreported)");
        char *end;
        errno = 0;
        po.tolerance = strtod(tolerance, &end);
        while (*end == ' ')
            end++;
        if (*end == 't' && end[1] == '\0')
            end++;
        if (end == tolerance || *end || errno || !(po.tolerance >= 0) || po.tolerance > 1e15)
            return usage("--tolerance is tonnes, a number from 0 up (0.5 or 0.5t), not `%s`",
                         tolerance);
    }
    if (rev && nfiles != 1)
        return usage("%s", nfiles ? "--git REV takes one model: the working copy, compared "
                                    "with the same file at REV"
                                  : "no model file given (dairy diff --git REV MODEL)");
    if (!rev && nfiles != 2)
        return usage("%s", nfiles ? "give two models, OLD and NEW, or --git REV MODEL"
                                  : "no model file given (dairy diff OLD NEW)");

    char **dirs = absolute_dirs(std_dirs, nstd);
    CheckOptions opt = {(const char *const *)dirs, nstd};
    GitTree tree = {0};
    Side old = {0}, new_ = {0};
    int status = DIFF_ERROR;
    bool have_old, have_new;
    if (rev) {
        if (df_git_tree(&tree, rev, files[0]) != 0)
            goto out;
        have_old = load_git(&old, &tree, &opt);
        old.label = tree.label;
        files[1] = files[0];
    } else {
        have_old = load(&old, files[0], &opt);
        old.label = files[0];
    }
    have_new = load(&new_, files[1], &opt);
    new_.label = files[1];
    if (!have_old || !have_new)
        goto out;
    DiffList d;
    diff_init(&d);
    diff_models(&d, old.model, new_.model);
    int rc = 0;
    if (plan && d.n)
        rc = diff_plans(&d, old.model, new_.model, &po);
    if (rc == 0) {
        rc = json ? diff_write_json(&d, old.label, new_.label, plan, stdout)
                  : diff_write_text(&d, stdout);
        status = d.n ? DIFF_DIFFERENT : DIFF_SAME;
        if (rc != 0)
            status = DIFF_ERROR; /* stdout is said by main's output_finish */
    }
    diff_free(&d);
out:
    unload(&old);
    unload(&new_);
    df_git_free(&tree);
    for (int i = 0; i < nstd; i++)
        free(dirs[i]);
    free(dirs);
    return status;
}
