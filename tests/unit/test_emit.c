/* test_emit.c — unit tests for the emitters (src/emit_mathprog.c,
 * src/emit_dot.c).
 *
 * MathProg: models are checked and compiled with lp_build, written with
 * emit_mathprog and solved by glpsol itself; the objective glpsol reports
 * must be the optimum derived by hand in the comments below, and the one
 * GLPK finds for lp_build's own problem (the two are the same program).
 * Dot: the exact text for a tiny chain. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

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
#include "fixture.h"

/* ------------------------------------------------------------ fixture */

typedef struct {
    Fix fix;            /* first: the shared fixture (fixture.h) */
    char dir[64];       /* scratch folder for the .mod and glpsol's files */
    char *text;         /* the last emitted text */
} C;

static void scratch(const C *c, const char *file, char *buf, size_t n)
{
    snprintf(buf, n, "%s/%s", c->dir, file);
}

static void c_extra_free(Fix *f)
{
    C *c = (C *)f;
    static const char *const files[] = {"m.mod", "m.sol", "m.log"};
    char path[128];
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        scratch(c, files[i], path, sizeof path);
        remove(path);
    }
    rmdir(c->dir);
    free(c->text);
}

static C *c_new(void)
{
    C *c = fix_new_ext(sizeof *c, c_extra_free);
    snprintf(c->dir, sizeof c->dir, "/tmp/dairy_emit_XXXXXX");
    assert_non_null(mkdtemp(c->dir));
    return c;
}

/* Check src and require a model. */
static Model *c_ok(C **cp, const char *src)
{
    C *c = c_new();
    *cp = c;
    return fix_model(&c->fix, src);
}

static Model *c_file(C **cp, const char *path)
{
    C *c = c_new();
    *cp = c;
    return fix_model_file(&c->fix, path);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    assert_non_null(mem);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        fwrite(chunk, 1, n, mem);
    fclose(f);
    fclose(mem);
    return buf;
}

/* The optimum GLPK finds for lp_build's problem. */
static double lp_optimum(Lp *lp)
{
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.presolve = GLP_ON;
    if (lp->mip) {
        glp_iocp ip;
        glp_init_iocp(&ip);
        ip.msg_lev = GLP_MSG_OFF;
        ip.presolve = GLP_ON;
        assert_int_equal(glp_intopt(lp->P, &ip), 0);
        assert_int_equal(glp_mip_status(lp->P), GLP_OPT);
        return glp_mip_obj_val(lp->P);
    }
    assert_int_equal(glp_simplex(lp->P, &sp), 0);
    assert_int_equal(glp_get_status(lp->P), GLP_OPT);
    return glp_get_obj_val(lp->P);
}

/* Emit m as MathProg (c->text keeps it), solve the file with glpsol and
 * return the objective glpsol reports; fails unless glpsol exits 0 with an
 * optimal solution.  The objective is read from glpsol's solution file
 * (`-w`), which has 15 significant digits.  When lp_obj is not NULL it gets
 * the optimum of lp_build's own problem. */
static double mathprog_optimum(C *c, const Model *m, double *lp_obj)
{
    Lp lp;
    assert_int_equal(fix_lp_build(m, &lp), 0);
    char mod[128], sol[128], log[128], cmd[512];
    scratch(c, "m.mod", mod, sizeof mod);
    scratch(c, "m.sol", sol, sizeof sol);
    scratch(c, "m.log", log, sizeof log);
    FILE *f = fopen(mod, "w");
    assert_non_null(f);
    int rc = emit_mathprog(&lp, f);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(rc, 0);
    free(c->text);
    c->text = slurp(mod);
    if (lp_obj)
        *lp_obj = lp_optimum(&lp);
    lp_free(&lp);

    remove(sol);
    snprintf(cmd, sizeof cmd, "glpsol --math '%s' -w '%s' >'%s' 2>&1", mod, sol, log);
    int status = system(cmd);
    if (status != 0) {
        char *out = slurp(log);
        fprintf(stderr, "%s\n--- glpsol said:\n%s\n", c->text, out);
        free(out);
        fail_msg("glpsol exited with status %d", status);
    }
    char *s = slurp(sol);
    /* "s bas ROWS COLS PST DST OBJ" or "s mip ROWS COLS STATUS OBJ" */
    char *line = strstr(s, "\ns ");
    assert_non_null(line);
    char kind[8], st1[8], st2[8];
    int rows, cols;
    double obj = NAN;
    if (strncmp(line + 3, "mip", 3) == 0) {
        assert_int_equal(sscanf(line + 1, "s %7s %d %d %7s %lf", kind, &rows, &cols, st1, &obj), 5);
        assert_string_equal(st1, "o"); /* integer optimal */
    } else {
        assert_int_equal(
            sscanf(line + 1, "s %7s %d %d %7s %7s %lf", kind, &rows, &cols, st1, &st2[0], &obj), 6);
        assert_string_equal(st1, "f"); /* primal feasible */
        assert_string_equal(st2, "f"); /* dual feasible: optimal */
    }
    free(s);
    return obj;
}

static void assert_contains(const char *text, const char *want)
{
    if (!strstr(text, want))
        fail_msg("missing:\n%s\n--- in:\n%s", want, text);
}

/* ------------------------------------------------------------ a 2x2 chain */

/* CHAIN2 (fixture.h): two farms, two plants, one product made 1:1 from raw
 * milk, one market.  Every haulage is a route cost, so the unit margins
 * are plain sums.
 *
 *   farm a: 100 t at 10      farm b: 100 t at 20
 *   plant p: 150 t, cost 1, fixed 1000     plant q: 150 t, cost 2 (QPLANT)
 *   routes a->p 1, a->q 5, b->p 3, b->q 2, p->city 4, q->city 1
 *   city takes 120..160 t at 100
 *
 * Margin per t along each path (price - milk - haul - processing - haul):
 *   a->p: 100-10-1-1-4 = 84     a->q: 100-10-5-2-1 = 82
 *   b->p: 100-20-3-1-4 = 72     b->q: 100-20-2-2-1 = 75
 * All are positive, so the city gets its 160 t.  Farm a's 100 t go the
 * better way, through p (84); the other 60 t come from b through q (75):
 *   profit = 100*84 + 60*75 - 1000 (fixed p) - fixed q = 12900 - 1000 - fq.
 * Costs per t (no revenue): a->p 16, a->q 18, b->p 28, b->q 25; minimising
 * cost the city gets only its 120 t: 100 from a through p, 20 from b
 * through q: 100*16 + 20*25 + 1000 + fq = 2100 + 1000 + fq. */

static void test_mathprog_profit(void **state)
{
    (void)state;
    C *c = NULL;
    Model *m = c_ok(&c, CHAIN2("; fixed 500 BYN", "maximize profit", ""));
    double lp_obj;
    double obj = mathprog_optimum(c, m, &lp_obj);
    assert_near(obj, 12900.0 - 1000 - 500);
    assert_near(lp_obj, 12900.0 - 1000 - 500);
    /* the data as written, and the constant fixed costs in the objective */
    assert_contains(c->text, "set FARMS := a b;\n");
    assert_contains(c->text, "set MILK_ROUTES := (a,p) (a,q) (b,p) (b,q);\n");
    assert_contains(c->text, "set SHIPS := (p,d1) (q,d1);\n");
    assert_contains(c->text, "set OPTIONAL :=;\n");
    assert_contains(c->text, "param : class_market class_product lo hi price service :=\n"
                             "  d1 city whole 120 160 100 0\n;\n");
    assert_contains(c->text, "param : haul unit_profit :=\n"
                             "  p d1 4 96  # to city\n"
                             "  q d1 1 99  # to city\n;\n");
    assert_contains(c->text, "maximize profit:");
    assert_contains(c->text, "  - sum{p in ALWAYS} fixed[p];\n");
    assert_contains(c->text, "\nend;\n");
    fix_free(&c->fix);
}

static void test_mathprog_cost(void **state)
{
    (void)state;
    C *c = NULL;
    Model *m = c_ok(&c, CHAIN2("; fixed 500 BYN", "minimize cost", ""));
    double lp_obj;
    double obj = mathprog_optimum(c, m, &lp_obj);
    assert_near(obj, 2100.0 + 1000 + 500);
    assert_near(lp_obj, 2100.0 + 1000 + 500);
    assert_contains(c->text, "minimize cost:");
    assert_true(strstr(c->text, "maximize") == NULL);
    fix_free(&c->fix);
}

/* q optional with a fixed cost of 5000: open, the plan above makes
 * 12900 - 1000 - 5000 = 6900; closed, everything goes through p, which
 * takes 150 t: a's 100 t (84) and 50 t of b's (72): 8400 + 3600 - 1000 =
 * 11000.  Closing q is better. */
static void test_mathprog_optional(void **state)
{
    (void)state;
    C *c = NULL;
    Model *m = c_ok(&c, CHAIN2("; fixed 5000 BYN; optional", "maximize profit", ""));
    double lp_obj;
    double obj = mathprog_optimum(c, m, &lp_obj);
    assert_near(obj, 11000);
    assert_near(lp_obj, 11000);
    assert_contains(c->text, "set OPTIONAL := q;\n");
    fix_free(&c->fix);
}

/* Lower bounds on an optional plant's intake and output (intake_min,
 * output_min): q optional, fixed 100, intake 80..150 t, output 70..150 t.
 * Open, q must take at least 80 t.  The margins are as in the 2x2 chain
 * (a->p 84, a->q 82, b->q 75, b->p 72), the city still takes 160 t and
 * all of a's 100 t are used, so b sends 60 t, to q (75 > 72); q still
 * needs 20 t, which come from a at a loss of 2 a tonne against p:
 *   80*84 + 20*82 + 60*75 = 12860, less fixed 1000 + 100: 11760.
 * (Sending 80 t from b to q instead: 80*84 + 80*75 = 12720, worse.)
 * Closed, q costs nothing and p alone makes 11000 (see above): q opens. */
static void test_mathprog_minimums(void **state)
{
    (void)state;
    C *c = NULL;
    Model *m = c_ok(&c, "model \"2x2\"\n"
                        "currency BYN\n"
                        "product whole { milk 1 t/t }\n"
                        "farm a { supply 100 t; price 10 BYN/t }\n"
                        "farm b { supply 100 t; price 20 BYN/t }\n"
                        "plant p { capacity 150 t; makes whole 150 t cost 1 BYN/t; fixed 1000 BYN }\n"
                        "plant q { capacity 80..150 t; makes whole 70..150 t cost 2 BYN/t;"
                        " fixed 100 BYN; optional }\n"
                        "market city { demand whole 120..160 t price 100 BYN/t }\n"
                        "routes {\n"
                        "  from to   cost\n"
                        "  a    p    1 BYN/t\n"
                        "  a    q    5 BYN/t\n"
                        "  b    p    3 BYN/t\n"
                        "  b    q    2 BYN/t\n"
                        "  p    city 4 BYN/t\n"
                        "  q    city 1 BYN/t\n"
                        "}\n");
    double lp_obj;
    double obj = mathprog_optimum(c, m, &lp_obj);
    assert_near(obj, 11760);
    assert_near(lp_obj, 11760);
    fix_free(&c->fix);
}

/* Scenarios: `close plant q` (q always open otherwise, fixed 500) leaves
 * p alone: 11000 as above, and q's fixed cost is not paid.  `open plant q`
 * on an optional q with fixed 5000 forces the 6900 plan. */
static void test_mathprog_closed_and_forced(void **state)
{
    (void)state;
    C *c = NULL;
    Model *m = c_ok(&c, CHAIN2("; fixed 500 BYN", "maximize profit",
                               "scenario shut { close plant q }\n"));
    Model *s = scenario_apply(&c->fix.arena, m, fix_scenario_index(m, "shut"));
    assert_non_null(s);
    double lp_obj;
    double obj = mathprog_optimum(c, s, &lp_obj);
    assert_near(obj, 11000);
    assert_near(lp_obj, 11000);
    assert_contains(c->text, "set CLOSED := q;\n");
    fix_free(&c->fix);

    m = c_ok(&c, CHAIN2("; fixed 5000 BYN; optional", "maximize profit",
                        "scenario keep { open plant q }\n"));
    s = scenario_apply(&c->fix.arena, m, fix_scenario_index(m, "keep"));
    assert_non_null(s);
    obj = mathprog_optimum(c, s, &lp_obj);
    assert_near(obj, 6900);
    assert_near(lp_obj, 6900);
    assert_contains(c->text, "set OPTIONAL := q;\n");
    assert_contains(c->text, "set FORCED := q;\n");
    fix_free(&c->fix);
}

/* Names MathProg could not take become the kind's letter and index
 * (lp_ident); two that end up equal are told apart.  Labels and names
 * replaced go into comments. */
static void test_mathprog_names(void **state)
{
    (void)state;
    C *c = NULL;
    Model *m = c_ok(&c, "model \"Names\"\n"
                        "currency BYN\n"
                        "product молоко \"Milk \\\"fresh\\\"\" { milk 1 t/t }\n"
                        "farm f2 { supply 100 t; price 10 BYN/t }\n"
                        "farm ферма { supply 100 t; price 20 BYN/t }\n"
                        "plant p { capacity 150 t; makes молоко 150 t cost 1 BYN/t; fixed 1000 BYN }\n"
                        "plant q { capacity 150 t; makes молоко 150 t cost 2 BYN/t; fixed 500 BYN }\n"
                        "market city { demand молоко 120..160 t price 100 BYN/t }\n"
                        "routes {\n"
                        "  from  to   cost\n"
                        "  f2    p    1 BYN/t\n"
                        "  f2    q    5 BYN/t\n"
                        "  ферма p    3 BYN/t\n"
                        "  ферма q    2 BYN/t\n"
                        "  p     city 4 BYN/t\n"
                        "  q     city 1 BYN/t\n"
                        "}\n");
    double obj = mathprog_optimum(c, m, NULL);
    assert_near(obj, 12900.0 - 1000 - 500); /* the 2x2 chain, renamed */
    assert_contains(c->text, "set FARMS := f2 f2_2;\n");
    assert_contains(c->text, "set PRODUCTS := k1;\n");
    assert_contains(c->text, "  f2_2 0 100 20  # ферма\n");
    assert_contains(c->text, "  k1 1  # молоко Milk \"fresh\"\n");
    fix_free(&c->fix);
}

/* Numbers are written so that they read back exactly: the shortest of
 * 15..17 significant digits. */
static void test_mathprog_numbers(void **state)
{
    (void)state;
    C *c = NULL;
    Model *m = c_ok(&c, "currency BYN\n"
                        "product whole { milk 1.02 t/t }\n"
                        "farm a { supply 10..100 t; price 0.1 BYN/t }\n"
                        "plant p { capacity 150 t; makes whole 150 t cost 0.7 BYN/t }\n"
                        "market city { demand whole 0.3..160 t price 100 BYN/t }\n"
                        "transport { milk 0.36 BYN/t/km; product 0.45 BYN/t/km }\n"
                        "routes {\n"
                        "  from to   distance\n"
                        "  a    p    86 km\n"
                        "  p    city 3 km\n"
                        "}\n");
    double lp_obj;
    double obj = mathprog_optimum(c, m, &lp_obj);
    /* 100 t of milk make 100/1.02 t; each sells at 100 - 0.45*3, costs 0.7
     * to make; the milk costs 0.1 + 0.36*86 a tonne */
    double want = 100 / 1.02 * (100 - 0.45 * 3 - 0.7) - 100 * (0.1 + 0.36 * 86);
    assert_near(obj, want);
    assert_near(lp_obj, want);
    assert_contains(c->text, "  a 10 100 0.1\n");
    assert_contains(c->text, "  whole 1.02\n");
    assert_contains(c->text, "  a p 30.959999999999997  # 0.36 BYN/t/km x 86 km\n");
    assert_contains(c->text, "  d1 city whole 0.3 160 100 0\n");
    fix_free(&c->fix);
}

/* The examples and each of their scenarios: glpsol on the emitted file
 * finds the optimum lp_build's problem has. */
static void test_mathprog_examples(void **state)
{
    (void)state;
    static const char *const files[] = {"examples/intro.dairy", "examples/region.dairy",
                                        "examples/customers.dairy"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        if (access(files[i], R_OK) != 0)
            continue;
        C *c = NULL;
        Model *m = c_file(&c, files[i]);
        for (int s = -1; s < m->nscenarios; s++) {
            const Model *ms = s < 0 ? m : scenario_apply(&c->fix.arena, m, s);
            assert_non_null(ms);
            double lp_obj;
            double obj = mathprog_optimum(c, ms, &lp_obj);
            if (!(fabs(obj - lp_obj) <= 1e-9 * fmax(1, fabs(lp_obj))))
                fail_msg("%s, scenario %d: glpsol %.17g, lp_build %.17g", files[i], s, obj,
                         lp_obj);
        }
        fix_free(&c->fix);
    }
}

/* ------------------------------------------------------------ dot */

#define DOT_MODEL                                                                                  \
    "model \"Tiny \\\"dot\\\" chain\"\n"                                                           \
    "currency BYN\n"                                                                               \
    "product whole { milk 1 t/t }\n"                                                               \
    "farm a \"Farm \\\"A\\\" \\\\ north\" { supply 100 t; price 10 BYN/t }\n"                      \
    "farm b { supply 100 t; price 20 BYN/t }\n"                                                    \
    "plant p \"Plant P\" { capacity 150 t; makes whole 150 t cost 1 BYN/t }\n"                     \
    "plant q { capacity 150 t; makes whole 150 t cost 2 BYN/t; optional }\n"                       \
    "market city \"City\" { demand whole 120..160 t price 100 BYN/t }\n"                           \
    "routes {\n"                                                                                   \
    "  from to   cost\n"                                                                           \
    "  a    p    1 BYN/t\n"                                                                        \
    "  b    q    2 BYN/t\n"                                                                        \
    "  p    city 4 BYN/t\n"                                                                        \
    "  q    city 1 BYN/t\n"                                                                        \
    "}\n"                                                                                          \
    "scenario shut { close plant q }\n"

#define DOT_HEAD                                                                                   \
    "digraph dairy {\n"                                                                            \
    "    graph [rankdir=LR, label=\"Tiny \\\"dot\\\" chain\", labelloc=t];\n"                      \
    "\n"                                                                                           \
    "    subgraph cluster_farms {\n"                                                               \
    "        label=\"Farms\";\n"                                                                   \
    "        node [shape=ellipse];\n"                                                              \
    "        \"a\" [label=\"Farm \\\"A\\\" \\\\ north\"];\n"                                       \
    "        \"b\" [label=\"b\"];\n"                                                               \
    "    }\n"                                                                                      \
    "\n"                                                                                           \
    "    subgraph cluster_plants {\n"                                                              \
    "        label=\"Plants\";\n"                                                                  \
    "        node [shape=box];\n"                                                                  \
    "        \"p\" [label=\"Plant P\"];\n"

#define DOT_MARKETS                                                                                \
    "    }\n"                                                                                      \
    "\n"                                                                                           \
    "    subgraph cluster_markets {\n"                                                             \
    "        label=\"Markets\";\n"                                                                 \
    "        node [shape=house];\n"                                                                \
    "        \"city\" [label=\"City\"];\n"                                                         \
    "    }\n"                                                                                      \
    "\n"

static char *dot_text(const Model *m, const double *flows)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(emit_dot(m, flows, f), 0);
    fclose(f);
    return buf;
}

static void test_dot(void **state)
{
    (void)state;
    C *c = NULL;
    Model *m = c_ok(&c, DOT_MODEL);

    char *text = dot_text(m, NULL);
    assert_string_equal(text, DOT_HEAD "        \"q\" [label=\"q\", style=dashed];\n" DOT_MARKETS
                                       "    \"a\" -> \"p\";\n"
                                       "    \"b\" -> \"q\";\n"
                                       "    \"p\" -> \"city\";\n"
                                       "    \"q\" -> \"city\";\n"
                                       "}\n");
    free(text);

    /* flows (one product: a value per route): solver noise reads as the
     * round number, nothing is unused */
    const double flows[] = {99.99999999999, 0, 100, 1e-12};
    text = dot_text(m, flows);
    assert_string_equal(text, DOT_HEAD "        \"q\" [label=\"q\", style=dashed];\n" DOT_MARKETS
                                       "    \"a\" -> \"p\" [label=\"100 t\"];\n"
                                       "    \"b\" -> \"q\" [label=\"0 t\", style=dashed];\n"
                                       "    \"p\" -> \"city\" [label=\"whole 100 t\"];\n"
                                       "    \"q\" -> \"city\" [label=\"0 t\", style=dashed];\n"
                                       "}\n");
    free(text);

    /* a closed plant is dotted; the output is the same every time */
    Model *s = scenario_apply(&c->fix.arena, m, fix_scenario_index(m, "shut"));
    assert_non_null(s);
    text = dot_text(s, NULL);
    char *again = dot_text(s, NULL);
    assert_string_equal(text, again);
    assert_contains(text, "        \"q\" [label=\"q\", style=dotted];\n");
    free(text);
    free(again);
    fix_free(&c->fix);
}

/* A model without a title, farms or routes still makes a graph. */
static void test_dot_bare(void **state)
{
    (void)state;
    C *c = NULL;
    Model *m = c_ok(&c, "product whole { milk 1 t/t }\n");
    char *text = dot_text(m, NULL);
    assert_string_equal(text, "digraph dairy {\n    graph [rankdir=LR];\n}\n");
    free(text);
    fix_free(&c->fix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_mathprog_profit, fix_close_leftovers),
        cmocka_unit_test_teardown(test_mathprog_cost, fix_close_leftovers),
        cmocka_unit_test_teardown(test_mathprog_optional, fix_close_leftovers),
        cmocka_unit_test_teardown(test_mathprog_minimums, fix_close_leftovers),
        cmocka_unit_test_teardown(test_mathprog_closed_and_forced, fix_close_leftovers),
        cmocka_unit_test_teardown(test_mathprog_names, fix_close_leftovers),
        cmocka_unit_test_teardown(test_mathprog_numbers, fix_close_leftovers),
        cmocka_unit_test_teardown(test_mathprog_examples, fix_close_leftovers),
        cmocka_unit_test_teardown(test_dot, fix_close_leftovers),
        cmocka_unit_test_teardown(test_dot_bare, fix_close_leftovers),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    glp_free_env(); /* GLPK's own state, so that valgrind sees nothing left */
    return failed;
}
