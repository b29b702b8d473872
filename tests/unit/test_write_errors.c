/* test_write_errors.c — every writer says when its output cannot be
 * written: the MPS, MathProg, Graphviz and SQL emitters, the plan reports
 * (one case and side by side, text and JSON) and the segment reports each
 * return -1 on /dev/full (unbuffered, so the first write fails), and 0 on a
 * stream that takes everything. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/emit.h"
#include "../../src/lp.h"
#include "../../src/report.h"
#include "../../src/segment.h"
#include "../../src/solve.h"
#include "fixture.h"

typedef struct {
    Prog p;             /* first: the program fixture (fixture.h) */
    Segmentation seg;
    bool segmented;
    FILE *full;         /* /dev/full, unbuffered */
    FILE *sink;         /* a memstream */
    char *sunk;
    size_t nsunk;
} C;

static void c_extra_free(Fix *f)
{
    C *c = (C *)f;
    if (c->segmented)
        segment_free(&c->seg);
    if (c->full)
        fclose(c->full);
    if (c->sink)
        fclose(c->sink);
    free(c->sunk);
    prog_free_parts(f);
}

static const char *const model =
    "model \"Write errors\"\n"
    "currency BYN\n"
    "product milk32 { milk 1.02 t/t; price 1_450 BYN/t }\n"
    "farm north { supply 9_000 t; price 820 BYN/t }\n"
    "plant dairy { capacity 15_000 t; makes milk32 9_000 t cost 95 BYN/t }\n"
    "market city { demand from customers }\n"
    "routes {\n"
    "  from   to     cost\n"
    "  north  dairy  17 BYN/t\n"
    "  dairy  city   7 BYN/t\n"
    "}\n"
    "customers {\n"
    "  id  market  frequency  milk32[t]\n"
    "  c1  city    40         5_000\n"
    "  c2  city    3          2_000\n"
    "}\n"
    "let f = ntile(frequency, 2)\n"
    "segment top when f == 2 strategy keep\n"
    "segment rest strategy keep\n"
    "strategy keep { volume 50%..100% }\n";

/* The model checked, built, solved and segmented, with both streams open. */
static C *c_new(void)
{
    C *c = fix_new_ext(sizeof(C), c_extra_free);
    fix_model(&c->p.fix, model);
    prog_build(&c->p, NULL);
    SolveOptions so = {false};
    assert_int_equal(solve_run(&c->p.lp, &so, &c->p.sol), 0);
    assert_int_equal(c->p.sol.status, SOL_OPTIMAL);
    assert_int_equal(segment_run(c->p.fix.m, &c->seg), 0);
    c->segmented = true;
    c->full = fopen("/dev/full", "w");
    assert_non_null(c->full);
    setvbuf(c->full, NULL, _IONBF, 0);
    c->sink = open_memstream(&c->sunk, &c->nsunk);
    assert_non_null(c->sink);
    return c;
}

/* A fresh error state on /dev/full before each writer. */
static FILE *full(C *c)
{
    clearerr(c->full);
    return c->full;
}

static void emitters(void **state)
{
    (void)state;
    C *c = c_new();
    assert_int_equal(emit_mps(c->p.lp.P, full(c)), -1);
    assert_int_equal(emit_mps(c->p.lp.P, c->sink), 0);
    assert_int_equal(emit_mathprog(&c->p.lp, full(c)), -1);
    assert_int_equal(emit_mathprog(&c->p.lp, c->sink), 0);
    assert_int_equal(emit_dot(c->p.fix.m, NULL, full(c)), -1);
    assert_int_equal(emit_dot(c->p.fix.m, NULL, c->sink), 0);
    SqlOptions so = {true, "c.csv", SQL_SQLITE};
    assert_int_equal(emit_sql(c->p.fix.m, &so, full(c)), -1);
    assert_int_equal(emit_sql(c->p.fix.m, &so, c->sink), 0);
    fix_free(&c->p.fix);
}

static void reports(void **state)
{
    (void)state;
    C *c = c_new();
    assert_int_equal(report_text(&c->p.lp, &c->p.sol, full(c)), -1);
    assert_int_equal(report_text(&c->p.lp, &c->p.sol, c->sink), 0);
    assert_int_equal(report_json(&c->p.lp, &c->p.sol, full(c)), -1);
    assert_int_equal(report_json(&c->p.lp, &c->p.sol, c->sink), 0);
    ReportCase cases[2] = {{"base", NULL, &c->p.lp, &c->p.sol}, {"again", "Again", &c->p.lp, &c->p.sol}};
    assert_int_equal(report_text_cases(cases, 2, full(c)), -1);
    assert_int_equal(report_text_cases(cases, 2, c->sink), 0);
    assert_int_equal(report_json_cases(cases, 2, full(c)), -1);
    assert_int_equal(report_json_cases(cases, 2, c->sink), 0);
    assert_int_equal(report_html(cases, 1, full(c)), -1);
    assert_int_equal(report_html(cases, 1, c->sink), 0);
    assert_int_equal(report_html(cases, 2, full(c)), -1);
    assert_int_equal(report_html(cases, 2, c->sink), 0);
    fix_free(&c->p.fix);
}

static void segment_reports(void **state)
{
    (void)state;
    C *c = c_new();
    assert_int_equal(c->seg.count[0], 1);
    assert_int_equal(c->seg.count[1], 1);
    assert_int_equal(segment_report_text(c->p.fix.m, &c->seg, full(c)), -1);
    assert_int_equal(segment_report_text(c->p.fix.m, &c->seg, c->sink), 0);
    assert_int_equal(segment_report_csv(c->p.fix.m, &c->seg, full(c)), -1);
    assert_int_equal(segment_report_csv(c->p.fix.m, &c->seg, c->sink), 0);
    assert_int_equal(segment_report_json(c->p.fix.m, &c->seg, full(c)), -1);
    assert_int_equal(segment_report_json(c->p.fix.m, &c->seg, c->sink), 0);
    fix_free(&c->p.fix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(emitters, fix_close_leftovers),
        cmocka_unit_test_teardown(reports, fix_close_leftovers),
        cmocka_unit_test_teardown(segment_reports, fix_close_leftovers),
    };
    return cmocka_run_group_tests(tests, NULL, fix_close_leftovers);
}
