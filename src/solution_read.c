/* solution_read.c — a plan from glpsol's or CBC's solution file (see
 * solution_read.h for the formats and what must fit).
 *
 * glpsol's raw format is GLPK's own, so GLPK reads it (its messages caught
 * by a glp_term_hook hook, the last one becoming the error); CBC's is read
 * here, line by line, its names found with GLPK's name index.  Whatever the
 * format, the row activities are computed from the columns (CBC prints 8
 * significant digits; the sums here are the ones the reports use), and
 * verify() holds the plan to the program before anything is reported. */
#include "solution_read.h"

#include "xalloc.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { LINE_MAX_LEN = 4096 };

static double clean(double v)
{
    return fabs(v) < 1e-9 ? 0 : v;
}

static int fail(char *err, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, n, fmt, ap);
    va_end(ap);
    return -1;
}

/* The arrays of a plan of P's size; duals (dj, dual, rstat, cstat) only
 * with `duals`. */
static void plan_alloc(Solution *s, glp_prob *P, bool duals)
{
    s->ncols = glp_get_num_cols(P);
    s->nrows = glp_get_num_rows(P);
    s->col = xcalloc((size_t)s->ncols + 1, sizeof(double));
    s->row = xcalloc((size_t)s->nrows + 1, sizeof(double));
    if (duals) {
        s->dj = xcalloc((size_t)s->ncols + 1, sizeof(double));
        s->dual = xcalloc((size_t)s->nrows + 1, sizeof(double));
        s->rstat = xcalloc((size_t)s->nrows + 1, sizeof(int));
        s->cstat = xcalloc((size_t)s->ncols + 1, sizeof(int));
    }
}

/* Where a value sits among its bounds, for a file without basis statuses:
 * at the lower or upper bound (within 1e-9 relative; with a dual d, which
 * says it binds, within 1e-6 of the bound's or the row's size, as the
 * file's rounded values allow), fixed, or between (reported as basic:
 * nothing binds there). */
static int stat_of(int type, double lo, double hi, double v, double d, double size)
{
    double eps = fabs(d) > 1e-9 ? 1e-6 : 1e-9;
    double tl = eps * fmax(size, fabs(lo)), th = eps * fmax(size, fabs(hi));
    if (type == GLP_FX)
        return GLP_NS;
    if ((type == GLP_LO || type == GLP_DB) && fabs(v - lo) <= tl)
        return GLP_NL;
    if ((type == GLP_UP || type == GLP_DB) && fabs(v - hi) <= th)
        return GLP_NU;
    return type == GLP_FR ? GLP_NF : GLP_BS;
}

/* Is v within [lo, hi] of the given GLPK type, to 1e-6 of the bound's
 * size or of `size`, whichever is larger? */
static bool within(int type, double lo, double hi, double v, double size)
{
    if ((type == GLP_LO || type == GLP_DB || type == GLP_FX) &&
        v < lo - 1e-6 * fmax(size, fabs(lo)))
        return false;
    if ((type == GLP_UP || type == GLP_DB || type == GLP_FX) &&
        v > hi + 1e-6 * fmax(size, fabs(hi)))
        return false;
    return true;
}

static void bounds_text(char *b, size_t n, int type, double lo, double hi)
{
    switch (type) {
    case GLP_LO: snprintf(b, n, ">= %.10g", lo); break;
    case GLP_UP: snprintf(b, n, "<= %.10g", hi); break;
    case GLP_FX: snprintf(b, n, "= %.10g", lo); break;
    case GLP_DB: snprintf(b, n, "from %.10g to %.10g", lo, hi); break;
    default: snprintf(b, n, "free"); break;
    }
}

static const char *const WHICH =
    " — was it solved from `dairy emit` of this model (and this --scenario)?";

/* The plan in s->col against lp's program: column bounds and kinds, row
 * activities (into s->row, and row statuses where the file gave none),
 * the objective (file_obj, NAN when the file states none).  Row activities
 * are checked to 1e-6 of the largest term's size, so that the rounding of
 * a file's values does not count. */
static int verify(const Lp *lp, const char *path, Solution *s, double file_obj, bool stats,
                  char *err, size_t n)
{
    glp_prob *P = lp->P;
    char b[96];
    for (int j = 1; j <= s->ncols; j++) {
        int t = glp_get_col_type(P, j);
        double lo = glp_get_col_lb(P, j), hi = glp_get_col_ub(P, j), v = s->col[j];
        if (!within(t, lo, hi, v, 1)) {
            bounds_text(b, sizeof b, t, lo, hi);
            return fail(err, n, "`%s` does not fit this model: column `%s` is %.10g, but the "
                        "model bounds it %s%s", path, glp_get_col_name(P, j), v, b, WHICH);
        }
        if (glp_get_col_kind(P, j) != GLP_CV && fabs(v - round(v)) > 1e-6)
            return fail(err, n, "`%s` does not fit this model: column `%s` is %.10g, but it is "
                        "a plant decision, 0 or 1%s", path, glp_get_col_name(P, j), v, WHICH);
        if (stats && s->cstat)
            s->cstat[j] = stat_of(t, lo, hi, v, s->dj ? s->dj[j] : 0, 1);
    }
    int *ind = xmalloc(sizeof(int) * ((size_t)s->ncols + 1));
    double *val = xmalloc(sizeof(double) * ((size_t)s->ncols + 1));
    int rc = 0;
    for (int i = 1; i <= s->nrows && rc == 0; i++) {
        int len = glp_get_mat_row(P, i, ind, val), t = glp_get_row_type(P, i);
        double sum = 0, size = 0;
        for (int k = 1; k <= len; k++) {
            sum += val[k] * s->col[ind[k]];
            size = fmax(size, fabs(val[k] * s->col[ind[k]]));
        }
        double lo = glp_get_row_lb(P, i), hi = glp_get_row_ub(P, i);
        s->row[i] = clean(sum);
        if (!within(t, lo, hi, sum, fmax(1, size))) {
            bounds_text(b, sizeof b, t, lo, hi);
            rc = fail(err, n, "`%s` does not fit this model: its plan makes row `%s` %.10g, but "
                      "the model bounds it %s%s", path, glp_get_row_name(P, i), sum, b, WHICH);
        }
        if (stats && s->rstat)
            s->rstat[i] = stat_of(t, lo, hi, sum, s->dual ? s->dual[i] : 0, fmax(1, size));
    }
    free(ind);
    free(val);
    if (rc)
        return rc;
    double obj = glp_get_obj_coef(P, 0), cmax = 1;
    for (int j = 1; j <= s->ncols; j++) {
        obj += glp_get_obj_coef(P, j) * s->col[j];
        cmax = fmax(cmax, fabs(glp_get_obj_coef(P, j)));
    }
    /* the duals' signs at an optimum (GLPK's convention, which CBC shares):
     * maximising, a limit at its upper bound is worth >= 0 and one at its
     * lower bound <= 0; minimising, the other way round (a MIP's are those
     * of its last LP, with the plant decisions fixed) */
    int dir = glp_get_obj_dir(P) == GLP_MAX ? 1 : -1;
    for (int k = 1; k <= s->nrows + s->ncols; k++) {
        bool row = k <= s->nrows;
        int at = row ? k : k - s->nrows;
        const int *st = row ? s->rstat : s->cstat;
        const double *d = row ? s->dual : s->dj;
        if (!st || !d || (!row && glp_get_col_kind(P, at) != GLP_CV))
            continue; /* a plant decision is fixed in the LP its reduced cost is of */
        double signed_d = dir * d[at];
        if ((st[at] == GLP_NU && signed_d < -1e-6 * cmax) ||
            (st[at] == GLP_NL && signed_d > 1e-6 * cmax))
            return fail(err, n, "`%s` is not an optimum of this model: %s `%s` is at its %s "
                        "bound with a %s of %.10g, a sign that %s the objective — was the model, "
                        "which %s, solved as a %s? (an MPS file does not carry the sense: "
                        "`cbc FILE.mps %s solve ...`, `glpsol --%s`)", path,
                        row ? "row" : "column", row ? glp_get_row_name(P, at)
                                                    : glp_get_col_name(P, at),
                        st[at] == GLP_NU ? "upper" : "lower",
                        row ? "dual" : "reduced cost", d[at],
                        dir > 0 ? "minimises" : "maximises",
                        dir > 0 ? "maximises profit" : "minimises cost",
                        dir > 0 ? "minimum" : "maximum", dir > 0 ? "max" : "min",
                        dir > 0 ? "max" : "min");
    }
    if (!isnan(file_obj) && fabs(obj - file_obj) > 1e-6 * fmax(1, fabs(obj)))
        return fail(err, n, "`%s` does not fit this model: it states the objective %.10g, but "
                    "its plan makes this model's %.10g%s", path, file_obj, obj, WHICH);
    return 0;
}

/* ------------------------------------------------------------ glpsol */

/* GLPK's messages while it reads: the last line kept, for the error. */
static int capture(void *info, const char *s)
{
    char *last = info;
    size_t len = strcspn(s, "\n");
    if (len > 0) {
        if (len > 255)
            len = 255;
        memcpy(last, s, len);
        last[len] = '\0';
    }
    return 1;
}

/* glpsol's raw file: GLPK reads it onto P (kind 'b' simplex, 'i' interior
 * point, 'm' MIP). */
static int read_glpsol(Lp *lp, const char *path, char kind, int sense, Solution *s, char *err,
                       size_t n)
{
    glp_prob *P = lp->P;
    int dir = glp_get_obj_dir(P);
    if (sense && sense != dir)
        return fail(err, n, "`%s` %s the objective, but the model %s: solve it again with "
                    "`glpsol --%s` (an MPS file does not carry the sense)", path,
                    sense == GLP_MIN ? "minimises" : "maximises",
                    dir == GLP_MAX ? "maximises profit" : "minimises cost",
                    dir == GLP_MAX ? "max" : "min");
    char last[256] = "";
    int out = glp_term_out(GLP_ON);
    glp_term_hook(capture, last);
    int rc = kind == 'b' ? glp_read_sol(P, path) : kind == 'i' ? glp_read_ipt(P, path)
                                                               : glp_read_mip(P, path);
    glp_term_hook(NULL, NULL);
    glp_term_out(out);
    if (rc != 0)
        return fail(err, n, "cannot read `%s` as glpsol's solution of this model: %s%s", path,
                    last, strstr(last, "number of") ? WHICH : "");
    int st = kind == 'b' ? glp_get_status(P) : kind == 'i' ? glp_ipt_status(P)
                                                           : glp_mip_status(P);
    switch (st) {
    case GLP_OPT: s->status = SOL_OPTIMAL; break;
    case GLP_NOFEAS: case GLP_INFEAS: s->status = SOL_INFEASIBLE; return 0;
    case GLP_UNBND: s->status = SOL_UNBOUNDED; return 0;
    default:
        s->status = SOL_FAILED;
        snprintf(s->message, sizeof s->message, "`%s` holds %s", path,
                 st == GLP_FEAS ? "a feasible plan its solver did not prove optimal"
                                : "no solution");
        return 0;
    }
    plan_alloc(s, P, kind != 'm');
    for (int j = 1; j <= s->ncols; j++) {
        s->col[j] = clean(kind == 'b' ? glp_get_col_prim(P, j) : kind == 'i'
                          ? glp_ipt_col_prim(P, j) : glp_mip_col_val(P, j));
        if (kind != 'm')
            s->dj[j] = clean(kind == 'b' ? glp_get_col_dual(P, j) : glp_ipt_col_dual(P, j));
        if (kind == 'b')
            s->cstat[j] = glp_get_col_stat(P, j);
    }
    for (int i = 1; kind != 'm' && i <= s->nrows; i++) {
        s->dual[i] = clean(kind == 'b' ? glp_get_row_dual(P, i) : glp_ipt_row_dual(P, i));
        if (kind == 'b')
            s->rstat[i] = glp_get_row_stat(P, i);
    }
    double obj = kind == 'b' ? glp_get_obj_val(P) : kind == 'i' ? glp_ipt_obj_val(P)
                                                                : glp_mip_obj_val(P);
    return verify(lp, path, s, obj, kind == 'i', err, n);
}

/* ------------------------------------------------------------ CBC */

typedef struct {
    int index;
    char name[256];
    double value, dual;
} CbcLine;

/* One value line: `[**] INDEX NAME VALUE DUAL`. */
static bool cbc_line(const char *s, CbcLine *l)
{
    while (*s == ' ' || *s == '\t')
        s++;
    if (s[0] == '*' && s[1] == '*')
        s += 2;
    return sscanf(s, "%d %255s %lf %lf", &l->index, l->name, &l->value, &l->dual) == 4;
}

static int read_cbc(Lp *lp, FILE *f, const char *path, const char *first, Solution *s, char *err,
                    size_t n)
{
    glp_prob *P = lp->P;
    const char *mark = strstr(first, " - objective value ");
    double file_obj = mark ? strtod(mark + 19, NULL) : NAN;
    size_t wlen = mark ? (size_t)(mark - first) : 0;
    char word[64];
    snprintf(word, sizeof word, "%.*s", (int)(wlen < 63 ? wlen : 63), first);
    if (strcmp(word, "Optimal") == 0) {
        s->status = SOL_OPTIMAL;
    } else if (strstr(word, "nfeasible")) {
        s->status = SOL_INFEASIBLE;
        return 0;
    } else if (strstr(word, "nbounded")) {
        s->status = SOL_UNBOUNDED;
        return 0;
    } else {
        s->status = SOL_FAILED;
        snprintf(s->message, sizeof s->message, "`%s` says `%s`: no optimal plan in it", path,
                 word);
        return 0;
    }
    /* the lines, in blocks: the index starts again at each block (rows,
     * then columns, with printingOptions all; else columns alone) */
    CbcLine *lines = NULL;
    size_t nl = 0, cap = 0, block2 = 0;
    char buf[LINE_MAX_LEN];
    int lineno = 1, prev = -1;
    while (fgets(buf, sizeof buf, f)) {
        lineno++;
        if (strspn(buf, " \t\r\n") == strlen(buf))
            continue;
        if (nl == cap) {
            cap = cap ? 2 * cap : 1024;
            lines = xrealloc(lines, cap * sizeof *lines);
        }
        if (!cbc_line(buf, &lines[nl])) {
            free(lines);
            return fail(err, n, "%s:%d: not a line of CBC's solution, `INDEX NAME VALUE "
                        "REDUCED_COST` (write it with `cbc MODEL.mps [max] solve solu FILE`)",
                        path, lineno);
        }
        if (lines[nl].index <= prev) {
            if (block2) {
                free(lines);
                return fail(err, n, "%s:%d: a third block of values: not CBC's solution "
                            "(rows, then columns)", path, lineno);
            }
            block2 = nl;
        }
        prev = lines[nl].index;
        nl++;
    }
    bool rows = block2 > 0; /* printingOptions all: the first block is the rows */
    plan_alloc(s, P, true);
    if (!rows) {
        free(s->dual);
        s->dual = NULL; /* no duals without the rows */
    }
    glp_create_index(P);
    int rc = 0;
    for (size_t k = 0; k < nl && rc == 0; k++) {
        const CbcLine *l = &lines[k];
        bool is_row = rows && k < block2;
        int at = is_row ? glp_find_row(P, l->name) : glp_find_col(P, l->name);
        if (at <= 0)
            rc = fail(err, n, "`%s` names %s `%s`, which this model's program does not have%s",
                      path, is_row ? "row" : "column", l->name, WHICH);
        else if (is_row)
            s->dual[at] = clean(l->dual);
        else {
            s->col[at] = clean(l->value);
            s->dj[at] = clean(l->dual);
        }
    }
    glp_delete_index(P);
    free(lines);
    if (rc)
        return rc;
    return verify(lp, path, s, file_obj, true, err, n);
}

/* ------------------------------------------------------------ either */

int solution_read(Lp *lp, const char *path, Solution *sol, char *err, size_t errsize)
{
    memset(sol, 0, sizeof *sol);
    sol->bound = sol->gap = NAN;
    FILE *f = fopen(path, "r");
    if (!f)
        return fail(err, errsize, "cannot read `%s`: %s", path, strerror(errno));
    char line[LINE_MAX_LEN];
    if (!fgets(line, sizeof line, f)) {
        fclose(f);
        return fail(err, errsize, "`%s` is empty: not a solution of glpsol (--write) or CBC "
                    "(solu)", path);
    }
    int rc;
    if (line[0] == 'c' || line[0] == 's') {
        /* glpsol: find the `s` line and the sense in the comments */
        char kind = 0;
        int sense = 0;
        for (;;) {
            if (line[0] == 'c' && strstr(line, "Objective:"))
                sense = strstr(line, "(MINimum)") ? GLP_MIN : strstr(line, "(MAXimum)") ? GLP_MAX
                                                                                         : 0;
            if (line[0] == 's')
                kind = strncmp(line, "s bas", 5) == 0 ? 'b' : strncmp(line, "s ipt", 5) == 0
                       ? 'i' : strncmp(line, "s mip", 5) == 0 ? 'm' : 0;
            if (line[0] != 'c' || !fgets(line, sizeof line, f))
                break;
        }
        fclose(f);
        if (!kind)
            return fail(err, errsize, "`%s` is not glpsol's raw solution (`glpsol --write`): "
                        "no `s bas`, `s ipt` or `s mip` line", path);
        rc = read_glpsol(lp, path, kind, sense, sol, err, errsize);
    } else if (strstr(line, " - objective value ")) {
        rc = read_cbc(lp, f, path, line, sol, err, errsize);
        fclose(f);
    } else {
        fclose(f);
        return fail(err, errsize, "`%s` is not a solution of glpsol (`--write FILE`) or CBC "
                    "(`solu FILE`): its first line is neither", path);
    }
    if (rc != 0) {
        solve_free(sol);
        return -1;
    }
    if (sol->status == SOL_OPTIMAL)
        solve_totals(lp, sol);
    return 0;
}
