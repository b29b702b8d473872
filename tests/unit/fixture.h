/* fixture.h — the heap fixture the unit tests share: an arena, a Diag whose
 * output is collected in a memstream (out, outlen), and the checked Model.
 *
 * Fixtures live on the heap and are listed, so that the ones a failed test
 * leaves open (cmocka jumps out of it) are closed by the teardown
 * fix_close_leftovers: the sanitizer's leak report then points at the code
 * under test only.
 *
 * A test that needs nothing more uses Fix as it is (fix_new, fix_close).
 * One that needs more per fixture (an Lp, a Solution, a scratch folder)
 * declares its own struct with `Fix fix;` as its FIRST member, allocates it
 * with fix_new_ext(sizeof(TheStruct), its_extra_free) and frees it with
 * fix_free(&x->fix).  Both halves are needed: embedding keeps the file's
 * own fields typed and in the same allocation (no `void *` to cast at every
 * use), and the extra_free hook, kept in the Fix, is what lets the one list
 * and the one teardown free any file's fixture; the hook runs first, so an
 * Lp or a Solution goes before the Model it was made from.
 *
 * A test of a model's program and its solution uses Prog, a Fix with an
 * Lp, a Solution and a report's text (prog_new, prog_build, fix_free);
 * one that needs more embeds a Prog first in the same way, and its hook
 * calls prog_free_parts.
 *
 * Each test is its own program, so everything here is static; the
 * functions are inline so that the ones a test does not call draw no
 * -Wunused-function. */
#ifndef DAIRY_TESTS_UNIT_FIXTURE_H
#define DAIRY_TESTS_UNIT_FIXTURE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/arena.h"
#include "../../src/check.h"
#include "../../src/diag.h"
#include "../../src/lp.h"
#include "../../src/model.h"
#include "../../src/report.h"
#include "../../src/scenario.h"
#include "../../src/solve.h"

/* The tests run from the repository root (the Makefile does so). */
static const char *const fix_std_dirs[] = {"stdlib"};
static const CheckOptions fix_opts = {fix_std_dirs, 1};

typedef struct Fix Fix;
struct Fix {
    Arena arena;
    Diag d;
    FILE *fp;                   /* diagnostics, collected in out */
    char *out;
    size_t outlen;
    Model *m;
    void (*extra_free)(Fix *);  /* frees what the embedding struct adds, or NULL */
};

enum { FIX_MAX_OPEN = 16 };
static Fix *fix_open[FIX_MAX_OPEN];
static int fix_nopen;

/* A zeroed fixture of `size` bytes (a struct that begins with a Fix),
 * listed, with its arena, its diagnostics stream and its hook set. */
static inline void *fix_new_ext(size_t size, void (*extra_free)(Fix *))
{
    Fix *c = calloc(1, size);
    assert_non_null(c);
    assert_true(fix_nopen < FIX_MAX_OPEN);
    fix_open[fix_nopen++] = c;
    c->extra_free = extra_free;
    arena_init(&c->arena);
    c->fp = open_memstream(&c->out, &c->outlen);
    assert_non_null(c->fp);
    diag_init(&c->d, c->fp);
    return c;
}

static inline Fix *fix_new(void)
{
    return fix_new_ext(sizeof(Fix), NULL);
}

static inline void fix_free(Fix *c)
{
    for (int i = 0; i < fix_nopen; i++)
        if (fix_open[i] == c) {
            fix_open[i] = fix_open[--fix_nopen];
            break;
        }
    if (c->extra_free)
        c->extra_free(c);
    model_free(c->m);
    fclose(c->fp);
    free(c->out);
    diag_free(&c->d);
    arena_free(&c->arena);
    free(c);
}

static inline void fix_close(Fix **cp)
{
    fix_free(*cp);
    *cp = NULL;
}

/* Teardown (of a test or of the group): free what is still open. */
static inline int fix_close_leftovers(void **state)
{
    (void)state;
    while (fix_nopen > 0)
        fix_free(fix_open[fix_nopen - 1]);
    return 0;
}

/* Check src as the file `name` into c->m (NULL after errors, which are in
 * c->out); returns c->m. */
static inline Model *fix_check_text(Fix *c, const char *name, const char *src)
{
    c->m = check_text(&c->arena, &c->d, name, src, strlen(src), &fix_opts);
    fflush(c->fp);
    return c->m;
}

/* Check src as "t.dairy" and require a model. */
static inline Model *fix_model(Fix *c, const char *src)
{
    if (!fix_check_text(c, "t.dairy", src))
        fail_msg("unexpected errors:\n%s\n--- in:\n%s", c->out, src);
    return c->m;
}

/* Check the file at path and require a model. */
static inline Model *fix_model_file(Fix *c, const char *path)
{
    bool io = false;
    c->m = check_file(&c->arena, &c->d, path, &fix_opts, &io);
    fflush(c->fp);
    if (!c->m)
        fail_msg("%s: unexpected errors:\n%s", path, c->out);
    return c->m;
}

/* The index of the scenario `name` of m (a failure when there is none). */
static inline int fix_scenario_index(const Model *m, const char *name)
{
    for (int i = 0; i < m->nscenarios; i++)
        if (strcmp(m->scenarios[i].n.name, name) == 0)
            return i;
    fail_msg("no scenario `%s`", name);
    return -1;
}

/* a equals b to rel, relative (absolute below 1) */
#define assert_close(a, b, rel)                                                                    \
    do {                                                                                           \
        double a_ = (a), b_ = (b);                                                                 \
        if (!(fabs(a_ - b_) <= (rel) * fmax(1, fabs(b_))))                                         \
            fail_msg("%s = %.17g, expected %.17g", #a, a_, b_);                                    \
    } while (0)

/* a equals b but for rounding: to 1e-9, relative (absolute below 1) */
#define assert_near(a, b) assert_close(a, b, 1e-9)

/* A range of numbers, each end to 1e-9. */
static inline void assert_range(Range r, double lo, double hi)
{
    assert_near(r.lo, lo);
    assert_near(r.hi, hi);
}

/* ------------------------------------------------------------ Prog */

typedef struct {
    Fix fix;            /* first: the fixture above */
    Lp lp;
    Solution sol;
    bool built;         /* lp is built, to be freed */
    char *text;         /* a report, from prog_report */
    size_t len;
} Prog;

/* The column (row) of P named name, 0 when none. */
static inline int col_named(glp_prob *P, const char *name)
{
    for (int j = 1; j <= glp_get_num_cols(P); j++)
        if (strcmp(glp_get_col_name(P, j), name) == 0)
            return j;
    return 0;
}

static inline int row_named(glp_prob *P, const char *name)
{
    for (int i = 1; i <= glp_get_num_rows(P); i++)
        if (strcmp(glp_get_row_name(P, i), name) == 0)
            return i;
    return 0;
}

/* lp_build on m after segment_run, as `dairy run` does: the program of a
 * checked model (a scenario model included) for the tests. */
static inline int fix_lp_build(const Model *m, Lp *lp)
{
    Segmentation seg;
    segment_run(m, &seg);
    int rc = lp_build(m, &seg, lp);
    segment_free(&seg);
    return rc;
}

/* The hook of a Prog; the hook of a struct that embeds one calls it. */
static inline void prog_free_parts(Fix *f)
{
    Prog *p = (Prog *)f;
    solve_free(&p->sol);
    if (p->built)
        lp_free(&p->lp);
    free(p->text);
}

static inline Prog *prog_new(void)
{
    return fix_new_ext(sizeof(Prog), prog_free_parts);
}

/* Build the program of p->fix.m or, when scenario is not NULL, of that
 * scenario of it into p->lp; returns the model built. */
static inline const Model *prog_build(Prog *p, const char *scenario)
{
    const Model *m = p->fix.m;
    if (scenario) {
        m = scenario_apply(&p->fix.arena, p->fix.m, fix_scenario_index(p->fix.m, scenario));
        assert_non_null(m);
    }
    assert_int_equal(fix_lp_build(m, &p->lp), 0);
    p->built = true;
    return m;
}

/* The text (json false) or JSON report of p->sol, in p->text. */
static inline const char *prog_report(Prog *p, bool json)
{
    free(p->text);
    p->text = NULL;
    FILE *fp = open_memstream(&p->text, &p->len);
    assert_non_null(fp);
    int rc = json ? report_json(&p->lp, &p->sol, fp) : report_text(&p->lp, &p->sol, fp);
    fclose(fp);
    assert_int_equal(rc, 0);
    return p->text;
}

/* ------------------------------------------------------------ models */

/* A small model with one of nearly everything, every number worked into
 * the checked model by hand in test_check.c (test_small_model_values). */
static const char *const small_model =
    "model \"Small\"\n"
    "currency BYN\n"
    "product butter \"Butter\" { milk 21 t/t; price 10_000 BYN/t }\n"
    "product milk32 { milk 1020 kg/t; transport 0.7 BYN/t/km }\n"
    "farm north { supply 500 kg..2 t; price 820 BYN/t; at 54.1, 28.2 }\n"
    "farm south { supply 7_500 t; price 0.79 BYN/kg }\n"
    "plant p1 \"P One\" {\n"
    "  capacity 1_000..15_000 t\n"
    "  makes butter 400 t cost 310 BYN/t\n"
    "  makes milk32 100..9_000 t cost 95 BYN/t\n"
    "  fixed 1_000 BYN\n"
    "  optional\n"
    "}\n"
    "market city {\n"
    "  demand butter 150..380 t\n"
    "  demand milk32 8_000 t price 1_450 BYN/t\n"
    "}\n"
    "transport { milk 0.45 BYN/t/km; product 0.60 BYN/t/km }\n"
    "routes {\n"
    "  from to distance\n"
    "  north p1 38 km\n"
    "  south p1 61 km\n"
    "  p1 city 12 km\n"
    "}\n"
    "strategy loyal { volume 100%..110%; price -3%; service 15 BYN/t; offers butter, milk32 }\n"
    "strategy plain { volume 110% }\n"
    "objective minimize cost\n";

/* One farm, one plant, one product, one market: the program the report
 * and solver status tests change by hand.  SUPPLY is the farm's supply. */
#define ONE_PLANT(SUPPLY)                                                                          \
    "currency BYN\n"                                                                               \
    "product milk32 { milk 1.02 t/t }\n"                                                           \
    "farm north { supply " SUPPLY "; price 820 BYN/t }\n"                                          \
    "plant dairy { capacity 15_000 t; makes milk32 9_000 t cost 95 BYN/t }\n"                      \
    "market city { demand milk32 8_000 t price 1_450 BYN/t }\n"                                    \
    "routes {\n"                                                                                   \
    "  from   to     cost\n"                                                                       \
    "  north  dairy  17 BYN/t\n"                                                                   \
    "  dairy  city   7 BYN/t\n"                                                                    \
    "}\n"

/* Two farms, two plants, one product made 1:1 from raw milk, one market,
 * every haulage a route cost:
 *   farm a: 100 t at 10      farm b: 100 t at 20
 *   plant p: intake PCAP (CHAIN2: 150 t), line 150 t at cost 1, fixed 1000
 *   plant q: intake 150 t, line 150 t at cost 2 (QPLANT adds to it)
 *   routes a->p 1, a->q 5, b->p 3, b->q 2, p->city 4, q->city 1
 *   city takes 120..160 t at 100
 * EXTRA comes before the objective line. */
#define CHAIN2_PCAP(PCAP, QPLANT, OBJECTIVE, EXTRA)                                                \
    "model \"2x2\"\n"                                                                              \
    "currency BYN\n"                                                                               \
    "product whole { milk 1 t/t }\n"                                                               \
    "farm a { supply 100 t; price 10 BYN/t }\n"                                                    \
    "farm b { supply 100 t; price 20 BYN/t }\n"                                                    \
    "plant p { capacity " PCAP "; makes whole 150 t cost 1 BYN/t; fixed 1000 BYN }\n"              \
    "plant q { capacity 150 t; makes whole 150 t cost 2 BYN/t" QPLANT " }\n"                      \
    "market city { demand whole 120..160 t price 100 BYN/t }\n"                                    \
    "routes {\n"                                                                                   \
    "  from to   cost\n"                                                                           \
    "  a    p    1 BYN/t\n"                                                                        \
    "  a    q    5 BYN/t\n"                                                                        \
    "  b    p    3 BYN/t\n"                                                                        \
    "  b    q    2 BYN/t\n"                                                                        \
    "  p    city 4 BYN/t\n"                                                                        \
    "  q    city 1 BYN/t\n"                                                                        \
    "}\n" EXTRA "objective " OBJECTIVE "\n"
#define CHAIN2(QPLANT, OBJECTIVE, EXTRA) CHAIN2_PCAP("150 t", QPLANT, OBJECTIVE, EXTRA)

#endif
