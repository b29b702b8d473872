/* test_emit_mps.c — the MPS writer (src/emit_mps.c) against GLPK's own
 * glp_write_mps: the same bytes, always.
 *
 * The oracle is GLPK itself: each test builds a glp_prob, writes it with
 * glp_write_mps(GLP_MPS_FILE) and with emit_mps, and compares the files.
 *   numbers   hundreds of thousands of values (short decimals, integers,
 *             random doubles of every magnitude, the edges of the fast
 *             path: 0.002, 1e12, 12 characters, -0) as fixed bounds and
 *             objective coefficients of one problem
 *   problems  random problems with every row and column type, integer and
 *             binary columns, free rows (no objective row then), empty
 *             columns, missing names, names with spaces, an objective
 *             constant, matrices unsorted and sorted
 *   models    every example and golden model that checks, and each of its
 *             scenarios, compiled by lp_build
 *
 * Usage: test_emit_mps [MODEL...] — with models, compares only those
 * (bench/run_lp.sh does this on the benchmark instances). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <float.h>
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/arena.h"
#include "../../src/check.h"
#include "../../src/diag.h"
#include "../../src/emit.h"
#include "../../src/lp.h"
#include "../../src/model.h"
#include "../../src/scenario.h"

/* ------------------------------------------------------------ helpers */

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static int below(int n)
{
    return (int)(next() % (uint64_t)n);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = NULL;
    FILE *mem = open_memstream(&buf, len);
    assert_non_null(mem);
    char chunk[1 << 16];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        fwrite(chunk, 1, n, mem);
    fclose(f);
    assert_int_equal(fclose(mem), 0);
    return buf;
}

/* Fails, showing the first line that differs, unless emit_mps writes
 * exactly what glp_write_mps writes for P. */
static void same_as_glpk(glp_prob *P, const char *what)
{
    char path[] = "/tmp/dairy_mps_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    glp_term_out(GLP_OFF);
    assert_int_equal(glp_write_mps(P, GLP_MPS_FILE, NULL, path), 0);
    size_t glen;
    char *glpk = slurp(path, &glen);
    unlink(path);

    char *ours = NULL;
    size_t olen;
    FILE *mem = open_memstream(&ours, &olen);
    assert_non_null(mem);
    assert_int_equal(emit_mps(P, mem), 0);
    assert_int_equal(fclose(mem), 0);

    if (glen != olen || memcmp(glpk, ours, glen) != 0) {
        size_t i = 0, line = 1, start = 0;
        for (; i < glen && i < olen && glpk[i] == ours[i]; i++)
            if (glpk[i] == '\n')
                line++, start = i + 1;
        const char *g = glpk + start, *o = ours + start;
        fail_msg("%s: line %zu differs\n  glpk: %.*s\n  ours: %.*s", what, line,
                 (int)strcspn(g, "\n"), g, (int)strcspn(o, "\n"), o);
    }
    free(glpk);
    free(ours);
}

/* ------------------------------------------------------------ numbers */

/* One problem whose columns carry the values: column j is fixed at v[j]
 * (every value, zeros too, printed in BOUNDS) with objective coefficient
 * v[j] (printed in COLUMNS unless 0). */
static void numbers_same(const double *v, int n, const char *what)
{
    glp_prob *P = glp_create_prob();
    glp_set_prob_name(P, "numbers");
    glp_add_rows(P, 1);
    glp_set_row_bnds(P, 1, GLP_UP, 0, 1);
    glp_add_cols(P, n);
    for (int j = 1; j <= n; j++) {
        /* GLPK cannot write a negative number below 1e-99: -1.23457E-100
         * is 13 characters, and it stops on an assertion */
        double x = v[j - 1] < 0 && v[j - 1] > -1e-99 ? -v[j - 1] : v[j - 1];
        glp_set_col_bnds(P, j, GLP_FX, x, x);
        glp_set_obj_coef(P, j, x);
    }
    same_as_glpk(P, what);
    glp_delete_prob(P);
}

static double pow10i(int k)
{
    double p = 1;
    for (int i = 0; i < k; i++)
        p *= 10;
    return p;
}

/* The numbers a model is made of: m / 10^k, m up to 14 digits, both
 * signs — the fast path, and its limits (13 digits, 13 characters). */
static void test_short_decimals(void **state)
{
    (void)state;
    enum { N = 200000 };
    double *v = malloc(N * sizeof *v);
    assert_non_null(v);
    for (int i = 0; i < N; i++) {
        int digits = 1 + below(14), k = below(15);
        uint64_t m = next() % (uint64_t)pow10i(digits);
        v[i] = (double)m / pow10i(k) * (below(2) ? -1 : 1);
    }
    numbers_same(v, N, "short decimals");
    free(v);
}

/* Random doubles: every bit pattern that is finite (mostly huge or tiny),
 * and log-uniform over 1e-6 .. 1e15, where both paths meet. */
static void test_random_doubles(void **state)
{
    (void)state;
    enum { N = 200000 };
    double *v = malloc(N * sizeof *v);
    assert_non_null(v);
    for (int i = 0; i < N; i++) {
        if (i % 4 == 0) {
            uint64_t bits = next();
            memcpy(&v[i], &bits, sizeof v[i]);
            if (!isfinite(v[i]))
                v[i] = (double)bits;
        } else {
            double e = -6 + 21 * (double)(next() >> 11) / 9007199254740992.0;
            v[i] = pow(10, e) * (below(2) ? -1 : 1);
        }
    }
    numbers_same(v, N, "random doubles");
    free(v);
}

/* The edges of the fast path, each with its neighbours one ulp away. */
static void test_edges(void **state)
{
    (void)state;
    static const double base[] = {
        0, 1, 0.002, 0.0019999999, 0.00200000001, 0.001, 0.01, 0.1, 0.5,
        1e11, 1e12, 999999999999, 999999999999.5, 99999999999.95, 1e15, 1e16,
        123456.789012, 12345.6789012, 1234567.89012, 0.12345678901, 0.123456789012,
        0.0123456789, 0.00999999999, 0.1234567890125, 1.000000000005, 2.5e-5,
        4503599627370496.0, 9007199254740993.0, 1e-300, 1e300, DBL_MAX, DBL_MIN,
        4.9e-324, 1.0 / 3, 2.0 / 3, 0.3, 0.7, 1.1, 1e-5, 12345678901.5, 0.095,
        837.1, 817.45, 10392.8, 1442.8, 1.02, 21, 9.5, 1.05, 123456789012.0};
    enum { NB = sizeof base / sizeof *base };
    double v[NB * 6 + 2];
    int n = 0;
    for (int i = 0; i < NB; i++)
        for (int s = -1; s <= 1; s += 2) {
            double x = s * base[i];
            v[n++] = x;
            v[n++] = nextafter(x, -INFINITY);
            v[n++] = nextafter(x, INFINITY);
        }
    v[n++] = -0.0;
    v[n++] = 0.0;
    numbers_same(v, n, "edges");
}

/* mps_number on its own: the strings expected from the rule. */
static void test_number_strings(void **state)
{
    (void)state;
    static const struct {
        double v;
        const char *s;
    } cases[] = {
        {0, "0"},           {-0.0, "-0"},          {1, "1"},
        {-837.1, "-837.1"}, {0.002, "0.002"},      {0.001, "1.0000000E-3"},
        {1e12, "1E12"},     {123456.789012, "123456.78901"},
        {2.5e-5, "2.5000000E-5"}, {1.0 / 3, "0.3333333333"},
        {999999999999, "999999999999"}, {-999999999999, "-1E12"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char s[MPS_NUMBER_MAX];
        size_t n = emit_mps_number(cases[i].v, s);
        assert_string_equal(s, cases[i].s);
        assert_int_equal(n, strlen(cases[i].s));
    }
}

/* ------------------------------------------------------------ problems */

static void random_name(char *buf, size_t size, char kind, int i)
{
    switch (below(5)) {
    case 0:
        snprintf(buf, size, "%c name %d", kind, i);           /* spaces */
        break;
    default:
        snprintf(buf, size, "%c(%d,x_%d)", kind, i, below(1000));
        break;
    }
}

static double random_value(void)
{
    switch (below(4)) {
    case 0:
        return below(100) - 50;
    case 1:
        return (double)(below(2000000) - 1000000) / 1000;
    case 2:
        return ldexp((double)(next() >> 11), -40) - 4096;
    default:
        return pow(10, below(30) - 15) * (below(2) ? 1 : -1.5);
    }
}

static glp_prob *random_problem(int m, int n, bool free_row)
{
    glp_prob *P = glp_create_prob();
    char name[64];
    switch (below(3)) {
    case 0:
        break;                                                 /* no name */
    case 1:
        glp_set_prob_name(P, "a problem");
        break;
    default:
        glp_set_prob_name(P, "dairy");
    }
    glp_set_obj_dir(P, below(2) ? GLP_MAX : GLP_MIN);
    if (below(2))
        glp_set_obj_coef(P, 0, random_value());
    glp_add_rows(P, m);
    for (int i = 1; i <= m; i++) {
        if (below(6)) {
            random_name(name, sizeof name, 'r', i);
            glp_set_row_name(P, i, name);
        }
        double a = random_value(), b = a + fabs(random_value()) + 1;
        int type = GLP_LO + below(4);                         /* LO UP DB FX */
        if (free_row && i == m / 2 + 1)
            type = GLP_FR;
        glp_set_row_bnds(P, i, type, a, type == GLP_FX ? a : b);
    }
    glp_add_cols(P, n);
    for (int j = 1; j <= n; j++) {
        if (below(6)) {
            random_name(name, sizeof name, 'c', j);
            glp_set_col_name(P, j, name);
        }
        int kind = below(5) == 0 ? GLP_IV : below(6) == 0 ? GLP_BV : GLP_CV;
        glp_set_col_kind(P, j, kind);
        if (kind != GLP_BV) {
            double a = below(3) ? 0 : random_value(), b = a + fabs(random_value()) + 1;
            int type = below(2) ? GLP_LO : GLP_FR + below(5);
            glp_set_col_bnds(P, j, type, a, type == GLP_FX ? a : b);
        }
        if (below(3))
            glp_set_obj_coef(P, j, random_value());
    }
    /* about 3 entries a column, some columns empty; no duplicates */
    int cap = 3 * n + 1, ne = 0;
    int *ia = malloc((size_t)(cap + 1) * sizeof *ia);
    int *ja = malloc((size_t)(cap + 1) * sizeof *ja);
    double *ar = malloc((size_t)(cap + 1) * sizeof *ar);
    assert_true(ia && ja && ar);
    for (int j = 1; j <= n; j++) {
        int len = below(4), first = 1 + below(m);
        for (int k = 0; k < len && k < m && ne < cap; k++) {
            ne++;
            ia[ne] = 1 + (first - 1 + k * 7) % m;
            ja[ne] = j;
            ar[ne] = random_value();
            if (ar[ne] == 0)
                ar[ne] = 1;
            for (int q = 1; q < ne; q++)
                if (ia[q] == ia[ne] && ja[q] == j) {
                    ne--;
                    break;
                }
        }
    }
    /* shuffled, so that storage order is not row order */
    for (int k = ne; k > 1; k--) {
        int r = 1 + below(k);
        int ti = ia[k], tj = ja[k];
        double ta = ar[k];
        ia[k] = ia[r], ja[k] = ja[r], ar[k] = ar[r];
        ia[r] = ti, ja[r] = tj, ar[r] = ta;
    }
    glp_load_matrix(P, ne, ia, ja, ar);
    free(ia);
    free(ja);
    free(ar);
    return P;
}

static void test_random_problems(void **state)
{
    (void)state;
    char what[64];
    for (int t = 0; t < 300; t++) {
        int m = 1 + below(t < 200 ? 8 : 200), n = 1 + below(t < 200 ? 10 : 300);
        glp_prob *P = random_problem(m, n, t % 5 == 4);
        snprintf(what, sizeof what, "problem %d (%d x %d)", t, m, n);
        same_as_glpk(P, what);
        glp_sort_matrix(P);
        same_as_glpk(P, what);
        glp_delete_prob(P);
    }
}

/* Only continuous x >= 0 columns: no BOUNDS section; no double-bounded
 * row: no RANGES; an empty problem. */
static void test_sections_left_out(void **state)
{
    (void)state;
    glp_prob *P = glp_create_prob();
    glp_add_rows(P, 2);
    glp_set_row_bnds(P, 1, GLP_UP, 0, 10);
    glp_set_row_bnds(P, 2, GLP_LO, 3, 0);
    glp_add_cols(P, 2);
    glp_set_col_bnds(P, 1, GLP_LO, 0, 0);
    glp_set_col_bnds(P, 2, GLP_LO, 0, 0);
    glp_set_obj_coef(P, 1, 2);
    int ia[] = {0, 1, 2}, ja[] = {0, 1, 1};
    double ar[] = {0, 1, 1};
    glp_load_matrix(P, 2, ia, ja, ar);
    same_as_glpk(P, "no bounds, no ranges");

    char *text = NULL;
    size_t len;
    FILE *mem = open_memstream(&text, &len);
    assert_non_null(mem);
    assert_int_equal(emit_mps(P, mem), 0);
    fclose(mem);
    assert_null(strstr(text, "BOUNDS"));
    assert_null(strstr(text, "RANGES"));
    assert_non_null(strstr(text, "\n C0000002 R0000001 0 $ empty column\n"));
    free(text);
    glp_delete_prob(P);

    P = glp_create_prob();
    same_as_glpk(P, "empty problem");
    glp_delete_prob(P);
}

/* ------------------------------------------------------------ models */

static const char *const std_dirs[] = {"stdlib"};
static const CheckOptions opts = {std_dirs, 1};

static char **model_paths;
static int nmodel_paths;

/* lp_build's problem for m, sorted as `dairy emit mps` writes it. */
static void model_same(const Model *m, const char *what)
{
    Segmentation seg;
    segment_run(m, &seg);
    Lp lp;
    assert_int_equal(lp_build(m, &seg, &lp), 0);
    segment_free(&seg);
    glp_sort_matrix(lp.P);
    same_as_glpk(lp.P, what);
    lp_free(&lp);
}

/* Returns 1 when path checked (and was compared), 0 when it does not. */
static int compare_model(const char *path)
{
    Arena arena;
    arena_init(&arena);
    char *out = NULL;
    size_t outlen;
    FILE *fp = open_memstream(&out, &outlen);
    assert_non_null(fp);
    Diag d;
    diag_init(&d, fp);
    bool io = false;
    Model *m = check_file(&arena, &d, path, &opts, &io);
    int compared = 0;
    if (m) {
        model_same(m, path);
        char what[512];
        for (int s = 0; s < m->nscenarios; s++) {
            snprintf(what, sizeof what, "%s, scenario %s", path, m->scenarios[s].n.name);
            model_same(scenario_apply(&arena, m, s), what);
        }
        compared = 1;
    }
    model_free(m);
    diag_free(&d);
    fclose(fp);
    free(out);
    arena_free(&arena);
    return compared;
}

static void test_models(void **state)
{
    (void)state;
    int compared = 0;
    if (nmodel_paths > 0) {
        for (int i = 0; i < nmodel_paths; i++) {
            if (!compare_model(model_paths[i]))
                fail_msg("%s does not check", model_paths[i]);
            compared++;
        }
        printf("emit mps: %d models, the same bytes as glp_write_mps\n", compared);
        return;
    }
    /* the golden cases are in folders one or two levels down
     * (tests/golden/README.md); a folder's data/ holds companions */
    static const char *const patterns[] = {"examples/*.dairy", "tests/golden/*/*.dairy",
                                           "tests/golden/*/*/*.dairy"};
    for (size_t p = 0; p < sizeof patterns / sizeof *patterns; p++) {
        glob_t g;
        assert_int_equal(glob(patterns[p], 0, NULL, &g), 0);
        for (size_t i = 0; i < g.gl_pathc; i++)
            if (!strstr(g.gl_pathv[i], "/data/"))
                compared += compare_model(g.gl_pathv[i]);
        globfree(&g);
    }
    /* the examples and the goldens of good models: 150 when written; far
     * fewer means the cases moved where this does not look */
    printf("emit mps: %d example and golden models, the same bytes as glp_write_mps\n", compared);
    assert_true(compared >= 140);
}

int main(int argc, char **argv)
{
    model_paths = argv + 1;
    nmodel_paths = argc - 1;
    const struct CMUnitTest all[] = {
        cmocka_unit_test(test_number_strings),
        cmocka_unit_test(test_short_decimals),
        cmocka_unit_test(test_random_doubles),
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_random_problems),
        cmocka_unit_test(test_sections_left_out),
        cmocka_unit_test(test_models),
    };
    const struct CMUnitTest models_only[] = {cmocka_unit_test(test_models)};
    int rc = argc > 1 ? cmocka_run_group_tests(models_only, NULL, NULL)
                      : cmocka_run_group_tests(all, NULL, NULL);
    glp_free_env();
    return rc;
}
