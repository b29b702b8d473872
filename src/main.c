/* main.c — the command line: parse arguments, run the pipeline, map
 * outcomes to exit codes (0 ok, 1 the model has errors, 2 usage or I/O,
 * 3 solved without an optimal solution).  Nothing below main.c exits. */
#include "arena.h"
#include "ast.h"
#include "check.h"
#include "diag.h"
#include "emit.h"
#include "fmt.h"
#include "lp.h"
#include "model.h"
#include "output.h"
#include "report.h"
#include "scenario.h"
#include "segment.h"
#include "solve.h"

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

enum { EXIT_MODEL = 1, EXIT_USAGE = 2, EXIT_NO_OPTIMUM = 3 };

static const char usage_text[] =
    "usage: dairy COMMAND [OPTIONS] MODEL...\n"
    "\n"
    "commands:\n"
    "  check [--summary] [--dump] MODEL...   parse and check; --summary prints what\n"
    "                                        the model contains, --dump every fact\n"
    "  fmt [--check | -w [--force]] MODEL... print in canonical layout; --check lists\n"
    "                                        files that would change, -w rewrites them\n"
    "  run MODEL [--scenario NAME | --all-scenarios] [--format text|json]\n"
    "            [-o FILE [--force]] [--verbose]\n"
    "                                        solve and report the plan\n"
    "  emit lp|mps|mathprog|dot MODEL [--scenario NAME] [-o FILE [--force]]\n"
    "                                        the program in another language\n"
    "  emit sql MODEL [--create-table] [-o FILE [--force]]\n"
    "                                        the segmentation as an SQL view\n"
    "  segment MODEL [--format text|csv|json] [-o FILE [--force]]\n"
    "                                        each customer's segment and strategy\n"
    "  explain                               planned (see docs/cli.md)\n"
    "\n"
    "  dairy --help | --version\n"
    "\n"
    "-o FILE and -w replace files atomically, through symbolic links; they refuse\n"
    "devices, FIFOs, folders, the model's own files, and read-only files unless\n"
    "--force is given.\n"
    "\n"
    "exit status: 0 ok, 1 the model has errors, 2 usage or I/O error,\n"
    "             3 solved without an optimal solution (infeasible or unbounded)\n";

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
        if (m)
            segment_analyze(m, &d); /* warnings: the model is still good */
        diag_finish(&d); /* how many errors and warnings were not shown */
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

/* Finish an output whose writer returned rc.  A stream error is said by
 * output_close, with its reason; any other failure of the writer (said by
 * what, when given) leaves the target as it was rather than half-written. */
static int finish_output(Output *o, int rc, const char *what)
{
    if (rc != 0 && !ferror(o->fp)) {
        output_discard(o);
        if (what)
            fprintf(stderr, "dairy: error: cannot write the %s\n", what);
        return EXIT_USAGE;
    }
    return output_close(o) == 0 ? 0 : EXIT_USAGE;
}

static int cmd_fmt(int argc, char **argv)
{
    bool check = false, write = false, force = false;
    int nfiles = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--check") == 0)
            check = true;
        else if (strcmp(argv[i], "-w") == 0)
            write = true;
        else if (strcmp(argv[i], "--force") == 0)
            force = true;
        else if (argv[i][0] == '-' && argv[i][1])
            return usage_error("fmt: unknown option `%s`", argv[i]);
        else
            nfiles++;
    }
    if (check && write)
        return usage_error("%s", "fmt: give --check or -w, not both");
    if (force && !write)
        return usage_error("%s", "fmt: --force goes with -w (it lets -w replace read-only files)");
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
            diag_finish(&d);
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
                    Output o;
                    OutputOptions oo = {force, NULL}; /* the model is the file to replace */
                    if (!same && !output_open(&o, argv[i], &oo)) {
                        status = EXIT_USAGE;
                    } else if (!same) {
                        fwrite(text, 1, len, o.fp);
                        if (output_close(&o) != 0)
                            status = EXIT_USAGE;
                    }
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

/* What run and emit share: a checked model, and the folders it needs. */
typedef struct {
    Arena arena;
    Diag diag;
    StdDirs dirs;
    Model *model;
} Loaded;

/* Check the model; on failure report and return the exit status. */
static int load(Loaded *L, const char *path)
{
    arena_init(&L->arena);
    diag_init(&L->diag, stderr);
    std_dirs(&L->dirs);
    CheckOptions opt = {(const char *const *)L->dirs.dirs, L->dirs.n};
    bool io = false;
    L->model = check_file(&L->arena, &L->diag, path, &opt, &io);
    if (L->model)
        segment_analyze(L->model, &L->diag);
    diag_finish(&L->diag); /* how many errors and warnings were not shown */
    return L->model ? 0 : io ? EXIT_USAGE : EXIT_MODEL;
}

static void unload(Loaded *L)
{
    model_free(L->model);
    diag_free(&L->diag);
    arena_free(&L->arena);
    std_dirs_free(&L->dirs);
}

/* The index of scenario `name`, or -1 after saying which there are. */
static int find_scenario(const Model *m, const char *name)
{
    for (int i = 0; i < m->nscenarios; i++)
        if (strcmp(m->scenarios[i].n.name, name) == 0)
            return i;
    fprintf(stderr, "dairy: error: the model has no scenario `%s`", name);
    for (int i = 0; i < m->nscenarios; i++)
        fprintf(stderr, "%s`%s`", i == 0 ? "; it has " : ", ", m->scenarios[i].n.name);
    fputs(m->nscenarios ? "\n" : "; it has none\n", stderr);
    return -1;
}

static int cmd_run(int argc, char **argv)
{
    const char *model = NULL, *scenario = NULL, *format = "text", *outpath = NULL;
    bool all = false, verbose = false, force = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--scenario") == 0 && i + 1 < argc)
            scenario = argv[++i];
        else if (strcmp(a, "--all-scenarios") == 0)
            all = true;
        else if (strcmp(a, "--format") == 0 && i + 1 < argc)
            format = argv[++i];
        else if (strcmp(a, "-o") == 0 && i + 1 < argc)
            outpath = argv[++i];
        else if (strcmp(a, "--verbose") == 0)
            verbose = true;
        else if (strcmp(a, "--force") == 0)
            force = true;
        else if (a[0] == '-' && a[1])
            return usage_error("run: unknown option or missing value `%s`", a);
        else if (model)
            return usage_error("run: one model at a time (found `%s` too)", a);
        else
            model = a;
    }
    if (!model)
        return usage_error("%s", "run: no model file given");
    if (scenario && all)
        return usage_error("%s", "run: give --scenario NAME or --all-scenarios, not both");
    if (force && !outpath)
        return usage_error("%s", "run: --force goes with -o FILE (it lets -o replace a read-only file)");
    bool json = strcmp(format, "json") == 0;
    if (!json && strcmp(format, "text") != 0)
        return usage_error("run: --format is text or json, not `%s`", format);
    Loaded L;
    int status = load(&L, model);
    if (status) {
        unload(&L);
        return status;
    }
    const Model *m = L.model;
    int first = -1, last = -1; /* scenarios to run besides (or instead of) the base */
    if (scenario) {
        first = find_scenario(m, scenario);
        if (first < 0) {
            unload(&L);
            return EXIT_USAGE;
        }
        last = first;
    } else if (all) {
        first = 0;
        last = m->nscenarios - 1;
    }
    /* opened before solving: a refused FILE costs no solve */
    Output o;
    OutputOptions oo = {force, &L.diag};
    FILE *out = output_open(&o, outpath, &oo);
    if (!out) {
        unload(&L);
        return EXIT_USAGE;
    }
    int ncases = scenario ? 1 : 1 + (all ? m->nscenarios : 0);
    Lp *lps = xcalloc((size_t)ncases, sizeof(Lp));
    Solution *sols = xcalloc((size_t)ncases, sizeof(Solution));
    ReportCase *cases = xcalloc((size_t)ncases, sizeof(ReportCase));
    SolveOptions so = {verbose};
    bool all_optimal = true, failed = false;
    for (int c = 0; c < ncases; c++) {
        int s = scenario ? first : c - 1; /* -1: the base model */
        const Model *mm = s < 0 ? m : scenario_apply(&L.arena, m, s);
        lp_build(mm, &lps[c]);
        if (solve(&lps[c], &so, &sols[c]) != 0)
            failed = true;
        all_optimal &= sols[c].status == SOL_OPTIMAL;
        cases[c] = (ReportCase){s < 0 ? "base" : m->scenarios[s].n.name,
                                NULL, &lps[c], &sols[c]}; /* short names head the columns */
    }
    (void)last;
    int rc;
    if (all)
        rc = json ? report_json_cases(cases, ncases, out) : report_text_cases(cases, ncases, out);
    else
        rc = json ? report_json(&lps[0], &sols[0], out) : report_text(&lps[0], &sols[0], out);
    status = finish_output(&o, rc, "report");
    for (int c = 0; c < ncases; c++) {
        solution_free(&sols[c]);
        lp_free(&lps[c]);
    }
    free(lps);
    free(sols);
    free(cases);
    unload(&L);
    if (status)
        return status;
    if (failed)
        return EXIT_USAGE;
    return all_optimal ? 0 : EXIT_NO_OPTIMUM;
}

/* GLPK writes LP files by name only: write to a temporary file, then copy
 * it into out.  MPS has its own writer (emit_mps.c), the same bytes. */
static int glpk_write(glp_prob *P, bool mps, FILE *out)
{
    glp_sort_matrix(P);
    if (mps)
        return emit_mps(P, out);
    char tmp[] = "/tmp/dairy-emit-XXXXXX";
    int fd = output_scratch(tmp);
    if (fd < 0)
        return -1;
    close(fd);
    glp_term_out(GLP_OFF);
    int rc = glp_write_lp(P, NULL, tmp);
    if (rc == 0) {
        FILE *in = fopen(tmp, "rb");
        char buf[1 << 16];
        size_t n;
        while (in && (n = fread(buf, 1, sizeof buf, in)) > 0)
            fwrite(buf, 1, n, out);
        if (in)
            fclose(in);
        else
            rc = -1;
    }
    output_scratch_remove(tmp);
    return rc;
}

static int cmd_emit(int argc, char **argv)
{
    if (argc < 1)
        return usage_error("%s", "emit: say what to emit: lp, mps, mathprog or dot");
    const char *what = argv[0], *model = NULL, *scenario = NULL, *outpath = NULL;
    bool sql = strcmp(what, "sql") == 0, create_table = false, force = false;
    if (strcmp(what, "lp") && strcmp(what, "mps") && strcmp(what, "mathprog") &&
        strcmp(what, "dot") && !sql)
        return usage_error("emit: `%s` is not lp, mps, mathprog, dot or sql", what);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--scenario") == 0 && i + 1 < argc)
            scenario = argv[++i];
        else if (strcmp(a, "-o") == 0 && i + 1 < argc)
            outpath = argv[++i];
        else if (sql && strcmp(a, "--create-table") == 0)
            create_table = true;
        else if (strcmp(a, "--force") == 0)
            force = true;
        else if (a[0] == '-' && a[1])
            return usage_error("emit: unknown option or missing value `%s`", a);
        else if (model)
            return usage_error("emit: one model at a time (found `%s` too)", a);
        else
            model = a;
    }
    if (!model)
        return usage_error("%s", "emit: no model file given");
    if (force && !outpath)
        return usage_error("%s", "emit: --force goes with -o FILE (it lets -o replace a read-only file)");
    Loaded L;
    int status = load(&L, model);
    if (status) {
        unload(&L);
        return status;
    }
    const Model *m = L.model;
    if (scenario) {
        int s = find_scenario(m, scenario);
        if (s < 0) {
            unload(&L);
            return EXIT_USAGE;
        }
        m = scenario_apply(&L.arena, m, s);
    }
    if (sql) {
        if (!m->customers.present) {
            fprintf(stderr, "dairy: error: `%s` declares no customers: there is nothing to "
                            "segment in SQL\n", model);
            unload(&L);
            return EXIT_MODEL;
        }
        Output o;
        OutputOptions oo = {force, &L.diag};
        FILE *out = output_open(&o, outpath, &oo);
        status = out ? finish_output(&o, emit_sql(m, create_table, out), "sql file") : EXIT_USAGE;
        unload(&L);
        return status;
    }
    Output o;
    OutputOptions oo = {force, &L.diag};
    FILE *out = output_open(&o, outpath, &oo);
    if (!out) {
        unload(&L);
        return EXIT_USAGE;
    }
    Lp lp;
    lp_build(m, &lp);
    int rc = 0;
    if (strcmp(what, "lp") == 0 || strcmp(what, "mps") == 0)
        rc = glpk_write(lp.P, what[0] == 'm', out);
    else if (strcmp(what, "mathprog") == 0)
        rc = emit_mathprog(&lp, out);
    else {
        /* with the plan's flows when the model solves */
        Solution sol;
        SolveOptions so = {false};
        double *flows = NULL;
        if (solve(&lp, &so, &sol) == 0 && sol.status == SOL_OPTIMAL) {
            flows = xcalloc((size_t)m->nroutes + 1, sizeof(double));
            for (int r = 0; r < m->nroutes; r++)
                if (lp.col_x[r])
                    flows[r] = sol.col[lp.col_x[r]];
            for (int k = 0; k < lp.nships; k++)
                flows[lp.ships[k].route] += sol.col[lp.col_s[k]];
        }
        rc = emit_dot(m, flows, out);
        free(flows);
        solution_free(&sol);
    }
    char what_file[32];
    snprintf(what_file, sizeof what_file, "%s file", what);
    status = finish_output(&o, rc, what_file);
    lp_free(&lp);
    unload(&L);
    return status;
}

/* dairy segment: each customer's segment and strategy, and the rule
 * analysis of the segments (warnings on stderr). */
static int cmd_segment(int argc, char **argv)
{
    const char *model = NULL, *format = "text", *outpath = NULL;
    bool force = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--format") == 0 && i + 1 < argc)
            format = argv[++i];
        else if (strcmp(a, "-o") == 0 && i + 1 < argc)
            outpath = argv[++i];
        else if (strcmp(a, "--force") == 0)
            force = true;
        else if (a[0] == '-' && a[1])
            return usage_error("segment: unknown option or missing value `%s`", a);
        else if (model)
            return usage_error("segment: one model at a time (found `%s` too)", a);
        else
            model = a;
    }
    if (!model)
        return usage_error("%s", "segment: no model file given");
    if (force && !outpath)
        return usage_error("%s", "segment: --force goes with -o FILE (it lets -o replace a read-only file)");
    int fmt = strcmp(format, "text") == 0 ? 0 : strcmp(format, "csv") == 0 ? 1
            : strcmp(format, "json") == 0 ? 2 : -1;
    if (fmt < 0)
        return usage_error("segment: --format is text, csv or json, not `%s`", format);
    Loaded L;
    int status = load(&L, model);
    if (status) {
        unload(&L);
        return status;
    }
    const Model *m = L.model;
    if (!m->customers.present) {
        fprintf(stderr, "dairy: error: `%s` declares no customers to segment\n", model);
        unload(&L);
        return EXIT_MODEL;
    }
    Output o;
    OutputOptions oo = {force, &L.diag};
    FILE *out = output_open(&o, outpath, &oo);
    if (!out) {
        unload(&L);
        return EXIT_USAGE;
    }
    Segmentation seg;
    segment_run(m, &seg);
    int rc = fmt == 0 ? segment_report_text(m, &seg, out) : fmt == 1
             ? segment_report_csv(m, &seg, out) : segment_report_json(m, &seg, out);
    status = finish_output(&o, rc, "segment report");
    segment_free(&seg);
    unload(&L);
    return status;
}

static int dispatch(int argc, char **argv);

int main(int argc, char **argv)
{
    output_init();
    int rc = dispatch(argc, argv);
    glp_free_env(); /* GLPK's own memory: nothing left for valgrind to find */
    /* every command, --help and --version included: output lost on a full
     * disk or a closed pipe is an error, not a success */
    if (output_finish() != 0)
        rc = EXIT_USAGE;
    return rc;
}

static int dispatch(int argc, char **argv)
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
    if (strcmp(cmd, "run") == 0)
        return cmd_run(argc - 2, argv + 2);
    if (strcmp(cmd, "emit") == 0)
        return cmd_emit(argc - 2, argv + 2);
    if (strcmp(cmd, "segment") == 0)
        return cmd_segment(argc - 2, argv + 2);
    if (strcmp(cmd, "explain") == 0)
        return usage_error("`%s` is not available yet in this version; `dairy check` is",
                           cmd);
    return usage_error("unknown command `%s`", cmd);
}
