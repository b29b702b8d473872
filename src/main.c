/* main.c — the command line: parse arguments, run the pipeline, map
 * outcomes to exit codes (0 ok, 1 the model has errors, 2 usage or I/O,
 * 3 solved without an optimal solution).  Nothing below main.c exits. */
#include "arena.h"
#include "check.h"
#include "lsp.h"
#include "diag.h"
#include "diff.h"
#include "emit.h"
#include "explain.h"
#include "fmt.h"
#include "lp.h"
#include "model.h"
#include "output.h"
#include "report.h"
#include "scenario.h"
#include "segment.h"
#include "solve.h"
#include "solution_read.h"
#include "solve_ctl.h"
#include "xalloc.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
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
    "  run MODEL [--scenario NAME | --all-scenarios] [--period NAME]\n"
    "            [--explain] [--ranges] [--by segment] [--format text|json|html]\n"
    "            [-o FILE [--force]] [--verbose]\n"
    "            [--time-limit SECONDS] [--gap RATIO] [--progress | --quiet]\n"
    "            [--solution FILE]\n"
    "                                        solve and report the plan; --explain\n"
    "                                        derives each shadow price, --ranges says\n"
    "                                        how far prices, costs and limits may move,\n"
    "                                        --by segment adds the sales per segment;\n"
    "                                        --time-limit and Ctrl-C stop the solver\n"
    "                                        and report the best plan so far;\n"
    "                                        --solution reports glpsol's or CBC's\n"
    "                                        solution of `dairy emit lp|mps`\n"
    "  emit lp|mps|mathprog|dot MODEL [--scenario NAME] [-o FILE [--force]]\n"
    "                                        the program in another language\n"
    "  emit sql MODEL [--create-table] [--load CSV --dialect sqlite|postgresql]\n"
    "               [-o FILE [--force]]      the segmentation as an SQL view\n"
    "  segment MODEL [--format text|csv|json] [-o FILE [--force]]\n"
    "                                        each customer's segment and strategy\n"
    "  explain MODEL [--expand] [--format text|latex|html] [--scenario NAME]\n"
    "                [-o FILE [--force]]     the program in algebraic form, for teaching\n"
    "  diff OLD NEW | --git REV MODEL [--plan [--tolerance T]] [--format text|json]\n"
    "                                        what changed between two versions of a\n"
    "                                        model, by meaning; --plan also in the plan\n"
    "  lsp                                   a language server (LSP 3.17) on stdin and\n"
    "                                        stdout, for editors (docs/lsp.md)\n"
    "\n"
    "  dairy --help | --version\n"
    "\n"
    "-o FILE and -w replace files atomically, through symbolic links; they refuse\n"
    "devices, FIFOs, folders, the model's own files, and read-only files unless\n"
    "--force is given.\n"
    "\n"
    "exit status: 0 ok, 1 the model has errors, 2 usage or I/O error,\n"
    "             3 solved without an optimal solution (infeasible or unbounded,\n"
    "               or stopped by --time-limit or Ctrl-C);\n"
    "             diff: 0 the same, 1 they differ, 2 any error\n";

static int usage_error(const char *fmt, ...)
{
    fputs("dairy: error: ", stderr);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\n(run `dairy --help` for usage)\n", stderr);
    return EXIT_USAGE;
}

/* Standard-library folders: DAIRY_PATH (colon-separated), the stdlib/
 * folder beside the binary's folder, stdlib/ inside it, share/dairy/stdlib
 * beside it (an installed tree moved as a whole), then the share folder
 * the build was configured with. */
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
            size_t n = strlen(exe) + 32;
            char *a = xmalloc(n);
            snprintf(a, n, "%s/../stdlib", exe);
            s->dirs[s->n++] = a;
            char *b = xmalloc(n);
            snprintf(b, n, "%s/stdlib", exe);
            s->dirs[s->n++] = b;
            char *c = xmalloc(n);
            snprintf(c, n, "%s/../share/dairy/stdlib", exe);
            s->dirs[s->n++] = c;
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

/* The options of every command, filled in by parse_args. */
typedef struct {
    const char *scenario, *period, *format, *outpath, *load, *dialect;
    const char *by;  /* run --by segment */
    const char *time_limit, *gap;  /* run: a bounded solve */
    const char *solution;          /* run: another solver's solution file */
    bool summary, dump, check, write, force, all, verbose, create_table, why, ranges;
    bool progress, quiet;          /* run: the progress line */
    bool expand;  /* explain --expand */
    char **files; /* the model files, in order (argv's own slots, reused) */
    int nfiles;
} Opts;

/* One option: its name, whether a value follows it, and the Opts field it
 * sets (a const char * when it takes a value, else a bool set to true). */
typedef struct {
    const char *name;
    bool value;
    size_t field;
} OptSpec;

#define FLAG(name, f) {name, false, offsetof(Opts, f)}
#define VALUE(name, f) {name, true, offsetof(Opts, f)}

static const OptSpec check_opts[] = {FLAG("--summary", summary), FLAG("--dump", dump), {0}};
static const OptSpec fmt_opts[] = {FLAG("--check", check), FLAG("-w", write),
                                   FLAG("--force", force), {0}};
static const OptSpec run_opts[] = {VALUE("--scenario", scenario), FLAG("--all-scenarios", all),
                                   VALUE("--period", period), FLAG("--explain", why),
                                   VALUE("--format", format), VALUE("-o", outpath),
                                   FLAG("--verbose", verbose), FLAG("--force", force),
                                   FLAG("--ranges", ranges), VALUE("--by", by),
                                   VALUE("--time-limit", time_limit), VALUE("--gap", gap),
                                   FLAG("--progress", progress), FLAG("--quiet", quiet),
                                   VALUE("--solution", solution), {0}};
static const OptSpec emit_opts[] = {VALUE("--scenario", scenario), VALUE("-o", outpath),
                                    FLAG("--force", force), {0}};
static const OptSpec emit_sql_opts[] = {VALUE("--scenario", scenario), VALUE("-o", outpath),
                                        FLAG("--create-table", create_table),
                                        VALUE("--load", load), VALUE("--dialect", dialect),
                                        FLAG("--force", force), {0}};
static const OptSpec explain_opts[] = {FLAG("--expand", expand), VALUE("--format", format),
                                       VALUE("--scenario", scenario), VALUE("-o", outpath),
                                       FLAG("--force", force), {0}};
static const OptSpec segment_opts[] = {VALUE("--format", format), VALUE("-o", outpath),
                                       FLAG("--force", force), {0}};

/* Parse argv against spec into o (zeroed first).  Anything starting with
 * `-` but `-` alone is an option; the rest are model files, several when
 * many, else one.  On a usage error, says it (messages start with cmd) and
 * returns EXIT_USAGE; else 0.  "No model file given" is the caller's. */
static int parse_args(const char *cmd, const OptSpec *spec, bool many, int argc, char **argv,
                      Opts *o)
{
    *o = (Opts){.files = argv};
    bool values = false; /* does any option take a value */
    for (const OptSpec *p = spec; p->name; p++)
        values |= p->value;
    for (int i = 0; i < argc; i++) {
        char *a = argv[i];
        const OptSpec *p = spec;
        while (p->name && !(strcmp(a, p->name) == 0 && (!p->value || i + 1 < argc)))
            p++;
        if (p->name && p->value)
            *(const char **)((char *)o + p->field) = argv[++i];
        else if (p->name)
            *(bool *)((char *)o + p->field) = true;
        else if (a[0] == '-' && a[1])
            return usage_error(values ? "%s: unknown option or missing value `%s`"
                                      : "%s: unknown option `%s`", cmd, a);
        else if (o->nfiles && !many)
            return usage_error("%s: one model at a time (found `%s` too)", cmd, a);
        else
            o->files[o->nfiles++] = a; /* never past i: argv[i] is read already */
    }
    return 0;
}

static int cmd_check(int argc, char **argv)
{
    Opts o;
    if (parse_args("check", check_opts, true, argc, argv, &o))
        return EXIT_USAGE;
    if (!o.nfiles)
        return usage_error("%s", "check: no model file given");
    StdDirs sd;
    std_dirs(&sd);
    CheckOptions opt = {(const char *const *)sd.dirs, sd.n};
    int status = 0;
    for (int i = 0; i < o.nfiles; i++) {
        Arena arena;
        arena_init(&arena);
        Diag d;
        diag_init(&d, stderr);
        bool io = false;
        Model *m = check_file(&arena, &d, o.files[i], &opt, &io);
        if (m)
            segment_analyze(m, &d); /* warnings: the model is still good */
        diag_finish(&d); /* how many errors and warnings were not shown */
        if (m) {
            if (o.dump)
                model_dump(m, stdout);
            else if (o.summary)
                model_summary(m, stdout);
            else
                model_summary_line(m, o.files[i], stdout);
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
    Opts op;
    if (parse_args("fmt", fmt_opts, true, argc, argv, &op))
        return EXIT_USAGE;
    if (op.check && op.write)
        return usage_error("%s", "fmt: give --check or -w, not both");
    if (op.force && !op.write)
        return usage_error("%s", "fmt: --force goes with -w (it lets -w replace read-only files)");
    if (!op.nfiles)
        return usage_error("%s", "fmt: no model file given");
    argv = op.files;
    int status = 0;
    for (int i = 0; i < op.nfiles; i++) {
        Diag d;
        diag_init(&d, stderr);
        int err = 0;
        int32_t id = diag_load_file(&d, argv[i], &err);
        if (id < 0) {
            fprintf(stderr, "dairy: error: cannot read `%s`: %s\n", argv[i], diag_strerror(err));
            status = EXIT_USAGE;
        } else {
            char *text;
            size_t len;
            int rc = fmt_file(&d, id, &text, &len);
            diag_finish(&d);
            if (rc < 0) {
                fprintf(stderr, "dairy: error: cannot format `%s`: out of memory\n", argv[i]);
                status = EXIT_USAGE;
            } else if (rc > 0) {
                if (status < EXIT_MODEL)
                    status = EXIT_MODEL;
            } else {
                const SrcFile *f = diag_file(&d, id);
                bool same = len == f->len && memcmp(text, f->text, len) == 0;
                if (op.check) {
                    if (!same) {
                        printf("%s\n", argv[i]);
                        if (status < EXIT_MODEL)
                            status = EXIT_MODEL;
                    }
                } else if (op.write) {
                    Output o;
                    OutputOptions oo = {op.force, NULL}; /* the model is the file to replace */
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

static void unload(Loaded *L)
{
    model_free(L->model);
    diag_free(&L->diag);
    arena_free(&L->arena);
    std_dirs_free(&L->dirs);
}

/* Check the model; on failure report, release it all and return the exit
 * status. */
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
    if (L->model)
        return 0;
    unload(L);
    return io ? EXIT_USAGE : EXIT_MODEL;
}

/* Open -o FILE (stdout without it), run write(ctx, out) and finish the
 * output, `what` naming it in the message when the writer fails.  Called
 * once the model is loaded and the arguments are known good, but before
 * the work the writer does: a refused FILE costs no solve. */
static int write_output(Loaded *L, const char *outpath, bool force, const char *what,
                        int (*write)(void *ctx, FILE *out), void *ctx)
{
    Output o;
    OutputOptions oo = {force, &L->diag};
    FILE *out = output_open(&o, outpath, &oo);
    if (!out)
        return EXIT_USAGE;
    return finish_output(&o, write(ctx, out), what);
}

/* The index of the `what` called `name` among n named things (the
 * Named at the start of each of `size` bytes), or -1 after saying which
 * there are. */
static int find_named(const void *first, size_t size, int n, const char *what, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(((const Named *)((const char *)first + size * (size_t)i))->name, name) == 0)
            return i;
    fprintf(stderr, "dairy: error: the model has no %s `%s`", what, name);
    for (int i = 0; i < n; i++)
        fprintf(stderr, "%s`%s`", i == 0 ? "; it has " : ", ",
                ((const Named *)((const char *)first + size * (size_t)i))->name);
    fputs(n ? "\n" : "; it has none\n", stderr);
    return -1;
}

static int find_scenario(const Model *m, const char *name)
{
    return find_named(m->scenarios, sizeof *m->scenarios, m->nscenarios, "scenario", name);
}

/* dairy run: the cases to solve and how to report them; failed and
 * all_optimal come back for the exit status. */
typedef struct {
    const Model *m;
    int scenario;       /* --scenario's index, or -1 */
    int period;         /* --period's index, or -1 */
    bool all, json, html, verbose, why, ranges;
    bool by_segment;    /* --by segment */
    CtlOptions ctl;     /* --time-limit, --gap, the progress line */
    const char *solution; /* --solution FILE: the plan read, not solved */
    bool failed, all_optimal;
} RunJob;

/* Solve each case — the one --scenario, else the base and, with
 * --all-scenarios, every scenario after it — and report them. */
static int write_run(void *ctx, FILE *out)
{
    RunJob *j = ctx;
    const Model *m = j->m;
    int ncases = j->scenario >= 0 ? 1 : 1 + (j->all ? m->nscenarios : 0);
    Lp *lps = xcalloc((size_t)ncases, sizeof(Lp));
    Solution *sols = xcalloc((size_t)ncases, sizeof(Solution));
    ReportCase *cases = xcalloc((size_t)ncases, sizeof(ReportCase));
    SolveOptions so = {.verbose = j->verbose, .why = j->why, .ranges = j->ranges};
    Segmentation seg; /* one for every case: a scenario moves no customer */
    segment_run(m, &seg);
    j->all_optimal = true;
    j->failed = false;
    solve_ctl_begin(&j->ctl); /* until the report is written: Ctrl-C stops a solve only */
    for (int c = 0; c < ncases; c++) {
        int s = j->scenario >= 0 ? j->scenario : c - 1; /* -1: the base model */
        lp_build_case(m, s, &seg, &lps[c]);
        char err[512];
        if (j->solution && solution_read(&lps[c], j->solution, &sols[c], err, sizeof err) != 0) {
            fprintf(stderr, "dairy: error: %s\n", err); /* nothing is written */
            j->failed = true;
            solve_ctl_end();
            lp_free(&lps[c]);
            segment_free(&seg);
            free(lps);
            free(sols);
            free(cases);
            return -1;
        }
        if (j->solution ? sols[c].status == SOL_FAILED : solve_run(&lps[c], &so, &sols[c]) != 0)
            j->failed = true;
        j->all_optimal &= sols[c].status == SOL_OPTIMAL;
        cases[c] = (ReportCase){s < 0 ? "base" : m->scenarios[s].n.name,
                                NULL, &lps[c], &sols[c]}; /* short names head the columns */
    }
    solve_ctl_solved(); /* the progress line goes before the report comes */
    int rc;
    if (j->html)
        rc = report_html(cases, ncases, out);
    else if (j->all)
        rc = j->json ? report_json_cases(cases, ncases, out) : report_text_cases(cases, ncases, out);
    else
        rc = j->json ? report_json(&lps[0], &sols[0], out)
                     : report_text_opts(&lps[0], &sols[0],
                                        &(TextOptions){j->period, j->by_segment}, out);
    solve_ctl_end();
    for (int c = 0; c < ncases; c++) {
        solve_free(&sols[c]);
        lp_free(&lps[c]);
    }
    segment_free(&seg);
    free(lps);
    free(sols);
    free(cases);
    return rc;
}

/* A number, all of s (strtod's syntax, finite). */
static bool parse_number(const char *s, double *v)
{
    char *end;
    errno = 0;
    *v = strtod(s, &end);
    return *s && !*end && errno == 0 && isfinite(*v);
}

static int cmd_run(int argc, char **argv)
{
    Opts op;
    if (parse_args("run", run_opts, false, argc, argv, &op))
        return EXIT_USAGE;
    const char *model = op.nfiles ? op.files[0] : NULL, *scenario = op.scenario;
    const char *format = op.format ? op.format : "text", *outpath = op.outpath;
    bool all = op.all, verbose = op.verbose, force = op.force;
    if (!model)
        return usage_error("%s", "run: no model file given");
    if (scenario && all)
        return usage_error("%s", "run: give --scenario NAME or --all-scenarios, not both");
    if (op.period && (all || (op.format && strcmp(op.format, "text") != 0)))
        return usage_error("%s", "run: --period chooses the period tables of a text report; "
                                 "JSON and --all-scenarios carry every period");
    if (force && !outpath)
        return usage_error("%s", "run: --force goes with -o FILE (it lets -o replace a read-only file)");
    bool json = strcmp(format, "json") == 0, html = strcmp(format, "html") == 0;
    if (!json && !html && strcmp(format, "text") != 0)
        return usage_error("run: --format is text, json or html, not `%s`", format);
    if (op.by && strcmp(op.by, "segment") != 0)
        return usage_error("run: --by takes `segment` (sales per segment), not `%s`", op.by);
    if (op.by && html)
        return usage_error("%s", "run: --by segment is for the text report (JSON always carries "
                                 "the sales per segment)");
    if (op.solution && (all || op.ranges || op.why || op.time_limit || op.gap))
        return usage_error("%s", "run: --solution reads one case's plan: not with "
                                 "--all-scenarios, and without the basis GLPK would have "
                                 "(--ranges, --explain) or a solve to bound (--time-limit, --gap)");
    if (op.ranges && all && !json)
        return usage_error("%s", "run: --ranges with --all-scenarios needs --format json (each "
                                 "case carries its own ranges); the text report compares totals");
    CtlOptions ctl = {.sigint = true};
    if (op.progress && op.quiet)
        return usage_error("%s", "run: give --progress or --quiet, not both");
    if (op.time_limit && !(parse_number(op.time_limit, &ctl.time_limit) && ctl.time_limit > 0))
        return usage_error("run: --time-limit takes a number of seconds above 0, not `%s`",
                           op.time_limit);
    if (op.gap && !(parse_number(op.gap, &ctl.gap) && ctl.gap >= 0 && ctl.gap < 1))
        return usage_error("run: --gap takes a relative gap from 0 to below 1 (0.01 is 1 %%), "
                           "not `%s`", op.gap);
    /* the progress line: --progress, or stderr a terminal; never with
     * --quiet, nor beside GLPK's own messages (--verbose) */
    ctl.progress = !op.quiet && !verbose && (op.progress || isatty(STDERR_FILENO));
    Loaded L;
    int status = load(&L, model);
    if (status)
        return status;
    RunJob job = {.m = L.model, .scenario = -1, .period = -1, .why = op.why,
                  .all = all, .json = json, .html = html, .verbose = verbose,
                  .ranges = op.ranges, .by_segment = op.by != NULL, .ctl = ctl,
                  .solution = op.solution};
    if (scenario)
        job.scenario = find_scenario(L.model, scenario);
    if (op.period)
        job.period = find_named(L.model->periods, sizeof *L.model->periods, L.model->nperiods,
                                "period", op.period);
    if ((scenario && job.scenario < 0) || (op.period && job.period < 0)) {
        unload(&L);
        return EXIT_USAGE;
    }
    /* with --solution, a file that does not fit says so itself */
    status = write_output(&L, outpath, force, op.solution ? NULL : "report", write_run, &job);
    unload(&L);
    if (status)
        return status;
    if (job.failed)
        return EXIT_USAGE;
    return job.all_optimal ? 0 : EXIT_NO_OPTIMUM;
}

/* dairy emit: what to write and from which model. */
typedef struct {
    const char *what;   /* lp, mps, mathprog, dot or sql */
    const Model *m;     /* the model, --scenario applied */
    const Model *base;  /* the model as written */
    int scenario;       /* --scenario's index, or -1 */
    SqlOptions sql;     /* sql: the table and its loader */
} EmitJob;

static int write_emit(void *ctx, FILE *out)
{
    const EmitJob *j = ctx;
    if (strcmp(j->what, "sql") == 0)
        return emit_sql(j->m, &j->sql, out);
    Segmentation seg;
    segment_run(j->m, &seg);
    Lp lp;
    lp_build_case(j->base, j->scenario, &seg, &lp);
    segment_free(&seg);
    int rc;
    if (strcmp(j->what, "lp") == 0)
        rc = emit_lp(lp.P, out);
    else if (strcmp(j->what, "mps") == 0) {
        glp_sort_matrix(lp.P);
        rc = emit_mps(lp.P, out);
    } else if (strcmp(j->what, "mathprog") == 0)
        rc = emit_mathprog(&lp, out);
    else {
        double *flows = solve_flows(&lp); /* the plan's flows when the model solves */
        rc = emit_dot(j->m, flows, out);
        free(flows);
    }
    lp_free(&lp);
    return rc;
}

/* emit sql: --load CSV and --dialect go together; the file name is
 * written into a sqlite3 or psql command, which ends at a line break. */
static int sql_loader(const Opts *op, SqlOptions *so)
{
    if (op->dialect && strcmp(op->dialect, "sqlite") && strcmp(op->dialect, "postgresql"))
        return usage_error("emit: --dialect is sqlite or postgresql, not `%s`", op->dialect);
    if (op->dialect && !op->load)
        return usage_error("%s", "emit: --dialect goes with --load CSV (it says whose loader "
                                 "to write: sqlite3's .import or psql's \\copy)");
    if (op->load && !op->dialect)
        return usage_error("%s", "emit: --load CSV needs --dialect sqlite or --dialect "
                                 "postgresql (the loader is a sqlite3 or a psql command)");
    if (op->load && strpbrk(op->load, "\r\n"))
        return usage_error("%s", "emit: the --load file name holds a line break, which ends "
                                 "a sqlite3 or psql command: rename the file");
    if (op->dialect)
        so->dialect = strcmp(op->dialect, "sqlite") == 0 ? SQL_SQLITE : SQL_POSTGRESQL;
    return 0;
}

static int cmd_emit(int argc, char **argv)
{
    if (argc < 1)
        return usage_error("%s", "emit: say what to emit: lp, mps, mathprog or dot");
    const char *what = argv[0];
    bool sql = strcmp(what, "sql") == 0;
    if (strcmp(what, "lp") && strcmp(what, "mps") && strcmp(what, "mathprog") &&
        strcmp(what, "dot") && !sql)
        return usage_error("emit: `%s` is not lp, mps, mathprog, dot or sql", what);
    Opts op;
    if (parse_args("emit", sql ? emit_sql_opts : emit_opts, false, argc - 1, argv + 1, &op))
        return EXIT_USAGE;
    const char *model = op.nfiles ? op.files[0] : NULL, *scenario = op.scenario;
    const char *outpath = op.outpath;
    bool force = op.force;
    size_t nload = op.load ? strlen(op.load) : 0;
    if (!model && nload > 6 && strcmp(op.load + nload - 6, ".dairy") == 0)
        return usage_error("emit: --load takes the CSV file to load, not the model `%s` "
                           "(write --load CUSTOMERS.csv MODEL)", op.load);
    if (!model)
        return usage_error("%s", "emit: no model file given");
    if (force && !outpath)
        return usage_error("%s", "emit: --force goes with -o FILE (it lets -o replace a read-only file)");
    SqlOptions so = {op.create_table, op.load, SQL_ANY};
    if (sql_loader(&op, &so))
        return EXIT_USAGE;
    Loaded L;
    int status = load(&L, model);
    if (status)
        return status;
    EmitJob job = {what, L.model, L.model, -1, so};
    if (scenario) {
        int s = find_scenario(L.model, scenario);
        if (s < 0) {
            unload(&L);
            return EXIT_USAGE;
        }
        job.m = scenario_apply(&L.arena, L.model, s);
        job.scenario = s;
    }
    if (sql && !job.m->customers.present) {
        fprintf(stderr, "dairy: error: `%s` declares no customers: there is nothing to "
                        "segment in SQL\n", model);
        unload(&L);
        return EXIT_MODEL;
    }
    char what_file[32];
    snprintf(what_file, sizeof what_file, "%s file", what);
    status = write_output(&L, outpath, force, what_file, write_emit, &job);
    unload(&L);
    return status;
}

/* dairy segment: the model and the --format (0 text, 1 csv, 2 json). */
typedef struct {
    const Model *m;
    int fmt;
} SegmentJob;

static int write_segment(void *ctx, FILE *out)
{
    const SegmentJob *j = ctx;
    Segmentation seg;
    segment_run(j->m, &seg);
    int rc = j->fmt == 0 ? segment_report_text(j->m, &seg, out) : j->fmt == 1
             ? segment_report_csv(j->m, &seg, out) : segment_report_json(j->m, &seg, out);
    segment_free(&seg);
    return rc;
}

/* dairy segment: each customer's segment and strategy, and the rule
 * analysis of the segments (warnings on stderr). */
static int cmd_segment(int argc, char **argv)
{
    Opts op;
    if (parse_args("segment", segment_opts, false, argc, argv, &op))
        return EXIT_USAGE;
    const char *model = op.nfiles ? op.files[0] : NULL;
    const char *format = op.format ? op.format : "text", *outpath = op.outpath;
    bool force = op.force;
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
    if (status)
        return status;
    if (!L.model->customers.present) {
        fprintf(stderr, "dairy: error: `%s` declares no customers to segment\n", model);
        unload(&L);
        return EXIT_MODEL;
    }
    SegmentJob job = {L.model, fmt};
    status = write_output(&L, outpath, force, "segment report", write_segment, &job);
    unload(&L);
    return status;
}

/* dairy explain: the model, the case and how to write it. */
typedef struct {
    const Model *m;
    int scenario;       /* --scenario's index, or -1 */
    Diag *diag;         /* the model's files, for `file:line` */
    ExplainOptions eo;
} ExplainJob;

static int write_explain(void *ctx, FILE *out)
{
    const ExplainJob *j = ctx;
    Segmentation seg;
    segment_run(j->m, &seg);
    Lp lp;
    lp_build_case(j->m, j->scenario, &seg, &lp);
    segment_free(&seg);
    int rc = explain_write(&lp, j->diag, &j->eo, out);
    lp_free(&lp);
    return rc;
}

/* dairy explain: the program of `dairy run` in algebraic form
 * (language.md, "Teaching outputs"). */
static int cmd_explain(int argc, char **argv)
{
    Opts op;
    if (parse_args("explain", explain_opts, false, argc, argv, &op))
        return EXIT_USAGE;
    const char *model = op.nfiles ? op.files[0] : NULL;
    const char *format = op.format ? op.format : "text";
    if (!model)
        return usage_error("%s", "explain: no model file given");
    if (op.force && !op.outpath)
        return usage_error("%s", "explain: --force goes with -o FILE (it lets -o replace a "
                                 "read-only file)");
    ExplainJob job = {.scenario = -1, .eo = {.expand = op.expand, .scenario = op.scenario,
                                             .path = model}};
    if (strcmp(format, "latex") == 0)
        job.eo.format = EXPLAIN_LATEX;
    else if (strcmp(format, "html") == 0)
        job.eo.format = EXPLAIN_HTML;
    else if (strcmp(format, "text") != 0)
        return usage_error("explain: --format is text, latex or html, not `%s`", format);
    Loaded L;
    int status = load(&L, model);
    if (status)
        return status;
    job.m = L.model;
    job.diag = &L.diag;
    job.eo.std_dirs = (const char *const *)L.dirs.dirs;
    job.eo.nstd = L.dirs.n;
    if (op.scenario && (job.scenario = find_scenario(L.model, op.scenario)) < 0) {
        unload(&L);
        return EXIT_USAGE;
    }
    status = write_output(&L, op.outpath, op.force, "explanation", write_explain, &job);
    unload(&L);
    return status;
}

static int dispatch(int argc, char **argv);

/* The language server: the editor talks to it on stdin and stdout. */
static int cmd_lsp(int argc, char **argv)
{
    if (argc > 0)
        return usage_error("lsp: takes no arguments (found `%s`)", argv[0]);
    StdDirs sd;
    std_dirs(&sd);
    CheckOptions opt = {(const char *const *)sd.dirs, sd.n};
    int status = lsp_main(stdin, stdout, &opt);
    std_dirs_free(&sd);
    return status;
}

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
        return cmd_explain(argc - 2, argv + 2);
    if (strcmp(cmd, "diff") == 0) { /* exit status as diff(1): 0 same, 1 differ, 2 error */
        StdDirs sd;
        std_dirs(&sd);
        int rc = diff_command(argc - 2, argv + 2, (const char *const *)sd.dirs, sd.n);
        std_dirs_free(&sd);
        return rc;
    }
    if (strcmp(cmd, "lsp") == 0)
        return cmd_lsp(argc - 2, argv + 2);
    return usage_error("unknown command `%s`", cmd);
}
