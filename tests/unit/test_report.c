/* test_report.c — unit tests for the plan report (src/report_*.c): the exact
 * text and JSON of a tiny model's optimal plan, of an infeasible one with
 * its shortfalls, of unbounded and failed runs, and of cases side by side.
 * The program comes from check + lp_build; the solutions are made by hand
 * (values, statuses, duals), so that these tests do not depend on the
 * solver. */
#include <stdarg.h>
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
#include "fixture.h"

/* ------------------------------------------------------------ fixture */

/* Two farms and a contract farm, a plant and an optional one, one market;
 * a scenario that halves supply and closes the optional plant, and one
 * that asks for more butter than the line can make. */
static const char tiny[] =
    "model \"Tiny plan\"\n"
    "currency BYN\n"
    "product butter \"Butter\" { milk 20 t/t }\n"
    "product milk32 { milk 1 t/t }\n"
    "farm north { supply 100..1000 t; price 800 BYN/t }\n"
    "farm south \"Южная ферма\" { supply 500 t; price 790 BYN/t }\n"
    "farm east { supply 300 t; price 700 BYN/t }\n"
    "plant cd \"City Dairy\" {\n"
    "  capacity 1200 t\n"
    "  makes butter 20 t cost 300 BYN/t\n"
    "  makes milk32 800 t cost 90 BYN/t\n"
    "}\n"
    "plant px \"Powder\" {\n"
    "  optional\n"
    "  fixed 1000 BYN\n"
    "  capacity 100 t\n"
    "  makes milk32 50 t cost 10 BYN/t\n"
    "}\n"
    "market city \"City\" {\n"
    "  demand butter 10..30 t price 10000 BYN/t\n"
    "  demand milk32 700 t price 1400 BYN/t\n"
    "}\n"
    "transport {\n"
    "  milk 0.5 BYN/t/km\n"
    "  product 1 BYN/t/km\n"
    "}\n"
    "routes {\n"
    "  from   to    distance\n"
    "  north  cd    10 km\n"
    "  south  cd    20 km\n"
    "  east   cd    50 km\n"
    "  north  px    5 km\n"
    "  cd     city  5 km\n"
    "  px     city  5 km\n"
    "}\n"
    "scenario dry \"Dry summer\" {\n"
    "  scale farm * supply 50%\n"
    "  close plant px\n"
    "}\n"
    "scenario big \"Big butter contract\" { scale market city demand butter 300% }\n"
    "objective maximize profit\n";

typedef struct {
    Fix fix;            /* first: the shared fixture (fixture.h) */
    Lp lp;
} F;

static void f_extra_free(Fix *fix)
{
    lp_free(&((F *)fix)->lp);
}

static F *f_new(const char *src)
{
    F *f = fix_new_ext(sizeof *f, f_extra_free);
    if (!fix_check_text(&f->fix, "tiny.dairy", src))
        fail_msg("the test model has errors:\n%s", f->fix.out);
    fix_lp_build(f->fix.m, &f->lp);
    glp_create_index(f->lp.P);
    return f;
}

/* A scenario's program, built from the fixture's model into its arena. */
static void scenario_lp(F *f, int s, Lp *lp)
{
    Model *ms = scenario_apply(&f->fix.arena, f->fix.m, s);
    assert_non_null(ms);
    fix_lp_build(ms, lp);
    glp_create_index(lp->P);
}

/* ------------------------------------------------------------ solutions */

/* An empty solution of lp's size: every row basic, nothing set. */
static void sol_init(Solution *s, const Lp *lp, SolveStatus st)
{
    memset(s, 0, sizeof *s);
    s->status = st;
    s->ncols = glp_get_num_cols(lp->P);
    s->nrows = glp_get_num_rows(lp->P);
    s->col = calloc((size_t)s->ncols + 1, sizeof(double));
    s->dj = calloc((size_t)s->ncols + 1, sizeof(double));
    s->cstat = calloc((size_t)s->ncols + 1, sizeof(int));
    s->row = calloc((size_t)s->nrows + 1, sizeof(double));
    s->dual = calloc((size_t)s->nrows + 1, sizeof(double));
    s->rstat = calloc((size_t)s->nrows + 1, sizeof(int));
    for (int i = 1; i <= s->nrows; i++)
        s->rstat[i] = GLP_BS;
    for (int j = 1; j <= s->ncols; j++)
        s->cstat[j] = GLP_BS;
}

/* Everything, shortfalls and their closed plants included, as the solver's
 * own solutions are freed. */
static void sol_free(Solution *s)
{
    solve_free(s);
}

static int col(const Lp *lp, const char *name)
{
    int j = glp_find_col(lp->P, name);
    if (j <= 0)
        fail_msg("no column `%s`", name);
    return j;
}

static int row(const Lp *lp, const char *name)
{
    int i = glp_find_row(lp->P, name);
    if (i <= 0)
        fail_msg("no row `%s`", name);
    return i;
}

static void set_col(Solution *s, const Lp *lp, const char *name, double v, double dj)
{
    int j = col(lp, name);
    s->col[j] = v;
    s->dj[j] = dj;
    s->cstat[j] = v == 0 ? GLP_NL : GLP_BS;
}

static void set_dual(Solution *s, const Lp *lp, const char *name, int stat, double dual)
{
    int i = row(lp, name);
    s->rstat[i] = stat;
    s->dual[i] = dual;
}

/* The base plan: north 400 t and south 500 t to City Dairy (east unused,
 * its route 12 BYN/t short of paying), 20 t of butter and 480 t of milk;
 * 20 t of milk unprocessed, 10 t of milk unsold; Powder closed. */
static void base_plan(Solution *s, const Lp *lp)
{
    sol_init(s, lp, SOL_OPTIMAL);
    set_col(s, lp, "x(north,cd)", 400, 0);
    set_col(s, lp, "x(south,cd)", 500, 0);
    set_col(s, lp, "x(east,cd)", -3e-10, -12); /* solver noise: zero */
    set_col(s, lp, "x(north,px)", 0, -7);       /* to a closed plant: not listed */
    set_col(s, lp, "open(px)", 0, 0);
    set_col(s, lp, "y(cd,butter)", 20, 0);
    set_col(s, lp, "y(cd,milk32)", 480, 0);
    set_col(s, lp, "y(px,milk32)", 0, 0);
    set_col(s, lp, "s(cd,d1)", 20, 0);
    set_col(s, lp, "s(cd,d2)", 470, 0);
    set_col(s, lp, "s(px,d2)", 0, 0);
    set_dual(s, lp, "supply(south)", GLP_NU, 35.2);
    set_dual(s, lp, "supply(north)", GLP_NL, -4.5);
    set_dual(s, lp, "output(cd,butter)", GLP_NU, 412);
    set_dual(s, lp, "milk(cd)", GLP_NU, 1e-12);  /* no shadow price */
    set_dual(s, lp, "demand(d2)", GLP_BS, 99);   /* basic: not binding */
    set_dual(s, lp, "demand(d1)", GLP_NL, -0.004);
    s->revenue = 858000;
    s->milk_cost = 715000;
    s->processing_cost = 49200;
    s->transport_cost = 9450;
    s->service_cost = -1e-12;
    s->fixed_cost = 0;
    s->objective = 84350;
}

/* The dry summer: half the supply, Powder closed by the scenario. */
static void dry_plan(Solution *s, const Lp *lp)
{
    sol_init(s, lp, SOL_OPTIMAL);
    set_col(s, lp, "x(north,cd)", 400, 0);
    set_col(s, lp, "x(south,cd)", 250, 0);
    set_col(s, lp, "x(east,cd)", 150, 0);
    set_col(s, lp, "y(cd,butter)", 20, 0);
    set_col(s, lp, "y(cd,milk32)", 250.0000005, 0);
    set_col(s, lp, "s(cd,d1)", 20, 0);
    set_col(s, lp, "s(cd,d2)", 250.0000005, 0);
    s->revenue = 550000;
    s->milk_cost = 622500;
    s->processing_cost = 28500;
    s->transport_cost = 10450;
    s->objective = -111450;
}

/* An infeasible run: butter 30 t wanted, 20 t can be made. */
static void short_plan(Solution *s, const Lp *lp)
{
    memset(s, 0, sizeof *s);
    s->status = SOL_INFEASIBLE;
    s->nshortfalls = 2;
    s->shortfalls = calloc(2, sizeof(Shortfall));
    s->shortfalls[0] = (Shortfall){.kind = SF_DEMAND, .index = 0, .required = 30,
                                   .achievable = 20, .limits = calloc(2, sizeof(int)),
                                   .nlimits = 2};
    s->shortfalls[0].limits[0] = row(lp, "output(cd,butter)");
    s->shortfalls[0].limits[1] = row(lp, "demand(d1)");
    s->shortfalls[1] = (Shortfall){.kind = SF_SUPPLY, .index = 0, .required = 100,
                                   .achievable = 87.5, .limits = calloc(1, sizeof(int)),
                                   .nlimits = 1};
    s->shortfalls[1].limits[0] = row(lp, "intake(cd)");
}

/* What report_text or report_json writes, as a string (the caller frees it). */
static char *capture_text(const Lp *lp, const Solution *sol, bool json)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    int rc = json ? report_json(lp, sol, fp) : report_text(lp, sol, fp);
    assert_int_equal(rc, 0);
    fclose(fp);
    return buf;
}

static char *capture_cases(const ReportCase *cases, int n, bool json)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    int rc = json ? report_json_cases(cases, n, fp) : report_text_cases(cases, n, fp);
    assert_int_equal(rc, 0);
    fclose(fp);
    return buf;
}

static void assert_text(char *got, const char *want)
{
    if (strcmp(got, want) != 0) {
        /* the first differing line, then both texts */
        const char *g = got, *w = want;
        int line = 1;
        while (*g && *g == *w) {
            if (*g == '\n')
                line++;
            g++;
            w++;
        }
        fprintf(stderr, "--- want\n%s--- got\n%s---\n", want, got);
        free(got);
        fail_msg("output differs at line %d", line);
    }
    free(got);
}

/* ------------------------------------------------------------ tests */

static void test_text_optimal(void **state)
{
    (void)state;
    F *f = f_new(tiny);
    Solution s;
    base_plan(&s, &f->lp);
    assert_text(capture_text(&f->lp, &s, false),
                "Tiny plan\n"
                "status: optimal\n"
                "\n"
                "profit             84350.00 BYN\n"
                "  revenue         858000.00 BYN\n"
                "  milk purchase  -715000.00 BYN\n"
                "  processing      -49200.00 BYN\n"
                "  transport        -9450.00 BYN\n"
                "\n"
                "milk collected\n"
                "  farm         plant             t\n"
                "  north        City Dairy  400.000\n"
                "  Южная ферма  City Dairy  500.000\n"
                "\n"
                "raw milk intake\n"
                "  plant             t  capacity t  use\n"
                "  City Dairy  900.000    1200.000  75%\n"
                "\n"
                "production\n"
                "  plant       product        t    max t   use\n"
                "  City Dairy  Butter    20.000   20.000  100%\n"
                "  City Dairy  milk32   480.000  800.000   60%\n"
                "\n"
                "shipments\n"
                "  plant       market  product        t\n"
                "  City Dairy  City    Butter    20.000\n"
                "  City Dairy  City    milk32   470.000\n"
                "\n"
                "sales\n"
                "  market  product  strategy        t   min t    max t     BYN/t\n"
                "  City    Butter   -          20.000  10.000   30.000  10000.00\n"
                "  City    milk32   -         470.000   0.000  700.000   1400.00\n"
                "\n"
                "unprocessed milk\n"
                "  plant            t\n"
                "  City Dairy  20.000\n"
                "\n"
                "unsold stock\n"
                "  plant       product       t\n"
                "  City Dairy  milk32   10.000\n"
                "\n"
                "plants\n"
                "  plant   status\n"
                "  Powder  closed\n"
                "\n"
                "binding limits\n"
                "  one more tonne of contracted minimum supply at north would cost 4.50 BYN\n"
                "  one more tonne of supply at Южная ферма is worth 35.20 BYN\n"
                "  one more tonne of Butter output at City Dairy is worth 412.00 BYN\n"
                "  one more tonne of Butter that City must take is worth 0.00 BYN\n"
                "\n"
                "reduced costs of unused milk routes\n"
                "  sending a tonne from east to City Dairy would cost 12.00 BYN of profit\n");
    sol_free(&s);
    fix_free(&f->fix);
}

static void test_json_optimal(void **state)
{
    (void)state;
    F *f = f_new(tiny);
    Solution s;
    base_plan(&s, &f->lp);
    assert_text(
        capture_text(&f->lp, &s, true),
        "{\n"
        "  \"status\": \"optimal\",\n"
        "  \"objective\": 84350,\n"
        "  \"sense\": \"maximize profit\",\n"
        "  \"currency\": \"BYN\",\n"
        "  \"totals\": {\"revenue\": 858000, \"milk_cost\": 715000, \"processing_cost\": 49200, "
        "\"transport_cost\": 9450, \"service_cost\": 0, \"fixed_cost\": 0},\n"
        "  \"collection\": [\n"
        "    {\"farm\": \"north\", \"plant\": \"cd\", \"tonnes\": 400},\n"
        "    {\"farm\": \"south\", \"plant\": \"cd\", \"tonnes\": 500}\n"
        "  ],\n"
        "  \"production\": [\n"
        "    {\"plant\": \"cd\", \"product\": \"butter\", \"tonnes\": 20, \"max\": 20},\n"
        "    {\"plant\": \"cd\", \"product\": \"milk32\", \"tonnes\": 480, \"max\": 800}\n"
        "  ],\n"
        "  \"shipments\": [\n"
        "    {\"plant\": \"cd\", \"market\": \"city\", \"product\": \"butter\", \"tonnes\": 20},\n"
        "    {\"plant\": \"cd\", \"market\": \"city\", \"product\": \"milk32\", \"tonnes\": 470}\n"
        "  ],\n"
        "  \"sales\": [\n"
        "    {\"market\": \"city\", \"product\": \"butter\", \"strategy\": null, \"tonnes\": 20, "
        "\"min\": 10, \"max\": 30, \"price\": 10000},\n"
        "    {\"market\": \"city\", \"product\": \"milk32\", \"strategy\": null, \"tonnes\": 470, "
        "\"min\": 0, \"max\": 700, \"price\": 1400}\n"
        "  ],\n"
        "  \"unprocessed\": [\n"
        "    {\"plant\": \"cd\", \"tonnes\": 20}\n"
        "  ],\n"
        "  \"unsold\": [\n"
        "    {\"plant\": \"cd\", \"product\": \"milk32\", \"tonnes\": 10}\n"
        "  ],\n"
        "  \"plants\": [\n"
        "    {\"plant\": \"cd\", \"open\": true},\n"
        "    {\"plant\": \"px\", \"open\": false}\n"
        "  ],\n"
        "  \"binding\": [\n"
        "    {\"constraint\": \"supply(north)\", \"shadow_price\": -4.5, \"text\": \"one more tonne "
        "of contracted minimum supply at north would cost 4.50 BYN\"},\n"
        "    {\"constraint\": \"supply(south)\", \"shadow_price\": 35.2, \"text\": \"one more tonne "
        "of supply at Южная ферма is worth 35.20 BYN\"},\n"
        "    {\"constraint\": \"output(cd,butter)\", \"shadow_price\": 412, \"text\": \"one more "
        "tonne of Butter output at City Dairy is worth 412.00 BYN\"},\n"
        "    {\"constraint\": \"demand(d1)\", \"shadow_price\": -0.004, \"text\": \"one more tonne "
        "of Butter that City must take is worth 0.00 BYN\"}\n"
        "  ],\n"
        "  \"segments\": []\n"
        "}\n");
    sol_free(&s);
    fix_free(&f->fix);
}

/* A row held at a lower bound of 0 that nobody wrote — the milk32 line
 * (`makes milk32 800 t`, 0..800), its demand (`700 t`, 0..700), east's
 * supply (`300 t`) — is an option the plan leaves unused: its dual is what
 * using it would cost, said as such, never a "minimum".  North's 100 t
 * contract is a minimum the model wrote. */
static void test_unused_options(void **state)
{
    (void)state;
    F *f = f_new(tiny);
    Solution s;
    base_plan(&s, &f->lp);
    set_dual(&s, &f->lp, "output(cd,milk32)", GLP_NL, -332.8);
    set_dual(&s, &f->lp, "demand(d2)", GLP_NL, -120);
    set_dual(&s, &f->lp, "supply(east)", GLP_NL, -6);
    char *text = capture_text(&f->lp, &s, false);
    assert_non_null(strstr(text, "\nreduced costs of unused lines and sales\n"
                                 "  buying a tonne of milk from east would cost 6.00 BYN of profit\n"
                                 "  making a tonne of milk32 at City Dairy would cost 332.80 BYN of "
                                 "profit\n"
                                 "  selling a tonne of milk32 to City would cost 120.00 BYN of "
                                 "profit\n"));
    assert_null(strstr(text, "minimum milk32"));
    assert_null(strstr(text, "milk32 that City must take"));
    assert_null(strstr(text, "minimum supply at east"));
    assert_non_null(strstr(text, "one more tonne of contracted minimum supply at north would cost "
                                 "4.50 BYN\n"));
    free(text);
    text = capture_text(&f->lp, &s, true);
    assert_non_null(strstr(text, "{\"constraint\": \"output(cd,milk32)\", \"shadow_price\": "
                                 "-332.8, \"text\": \"making a tonne of milk32 at City Dairy "
                                 "would cost 332.80 BYN of profit\"}"));
    free(text);
    sol_free(&s);
    fix_free(&f->fix);
}

static void test_text_infeasible(void **state)
{
    (void)state;
    F *f = f_new(tiny);
    Solution s;
    short_plan(&s, &f->lp);
    assert_text(capture_text(&f->lp, &s, false),
                "Tiny plan\n"
                "status: infeasible — no plan meets every lower bound of the model\n"
                "\n"
                "lower bounds that cannot be met\n"
                "  market `city` must take 30 t of butter; at most 20 t can be delivered\n"
                "    limited by:\n"
                "      line `butter` at `cd`: at most 20 t\n"
                "      market `city`: takes between 10 and 30 t of butter\n"
                "  farm `north` must deliver at least 100 t (contract); at most 87.5 t can be "
                "taken\n"
                "    limited by:\n"
                "      plant `cd`: takes in at most 1200 t of raw milk\n");
    sol_free(&s);
    fix_free(&f->fix);
}

static void test_json_infeasible(void **state)
{
    (void)state;
    F *f = f_new(tiny);
    Solution s;
    short_plan(&s, &f->lp);
    assert_text(capture_text(&f->lp, &s, true),
                "{\n"
                "  \"status\": \"infeasible\",\n"
                "  \"objective\": null,\n"
                "  \"sense\": \"maximize profit\",\n"
                "  \"currency\": \"BYN\",\n"
                "  \"totals\": {\"revenue\": null, \"milk_cost\": null, \"processing_cost\": null, "
                "\"transport_cost\": null, \"service_cost\": null, \"fixed_cost\": null},\n"
                "  \"collection\": [],\n"
                "  \"production\": [],\n"
                "  \"shipments\": [],\n"
                "  \"sales\": [],\n"
                "  \"unprocessed\": [],\n"
                "  \"unsold\": [],\n"
                "  \"plants\": [],\n"
                "  \"binding\": [],\n"
                "  \"segments\": [],\n"
                "  \"shortfalls\": [\n"
                "    {\"kind\": \"demand\", \"name\": \"city/butter\", \"required\": 30, "
                "\"achievable\": 20, \"limits\": [\"output(cd,butter)\", \"demand(d1)\"], "
                "\"closed_plants\": []},\n"
                "    {\"kind\": \"supply\", \"name\": \"north\", \"required\": 100, "
                "\"achievable\": 87.5, \"limits\": [\"intake(cd)\"], \"closed_plants\": []}\n"
                "  ]\n"
                "}\n");
    sol_free(&s);
    fix_free(&f->fix);
}

/* The farm's contract cannot be met because Powder is closed, and
 * Powder is closed because, open, its line would have to make 40 t of
 * which 10 t can be made: the closure is said in words, with the limits
 * of the plan with Powder open under it, and JSON carries the same. */
static void closure_plan(Solution *s, const Lp *lp)
{
    memset(s, 0, sizeof *s);
    s->status = SOL_INFEASIBLE;
    s->nshortfalls = 1;
    s->shortfalls = calloc(1, sizeof(Shortfall));
    Shortfall *sf = &s->shortfalls[0];
    *sf = (Shortfall){.kind = SF_SUPPLY, .index = 0, .required = 100, .achievable = 0,
                      .limits = calloc(1, sizeof(int)), .nlimits = 0,
                      .closed = calloc(2, sizeof(Closure)), .nclosed = 2};
    Shortfall *w = calloc(2, sizeof(Shortfall));
    w[0] = (Shortfall){.kind = SF_OUTPUT, .index = 2, .required = 40, .achievable = 10,
                       .limits = calloc(2, sizeof(int)), .nlimits = 2};
    w[0].limits[0] = row(lp, "supply(north)");
    w[0].limits[1] = row(lp, "milk(px)");
    w[1] = (Shortfall){.kind = SF_DEMAND, .index = 0, .required = 10, .achievable = 5,
                       .limits = calloc(1, sizeof(int)), .nlimits = 0,
                       .closed = calloc(1, sizeof(Closure)), .nclosed = 1};
    w[1].closed[0] = (Closure){.plant = 0};
    sf->closed[0] = (Closure){.plant = 1, .explained = true, .when_open = w, .nwhen_open = 1};
    sf->closed[1] = (Closure){.plant = 0};
}

static void test_closed_plant(void **state)
{
    (void)state;
    F *f = f_new(tiny);
    Solution s;
    closure_plan(&s, &f->lp);
    assert_text(capture_text(&f->lp, &s, false),
                "Tiny plan\n"
                "status: infeasible — no plan meets every lower bound of the model\n"
                "\n"
                "lower bounds that cannot be met\n"
                "  farm `north` must deliver at least 100 t (contract); at most 0 t can be taken\n"
                "    limited by:\n"
                "      plant `px` is closed: open, its line `milk32` must make at least 40 t, "
                "but at most 10 t can be made\n"
                "        limited by:\n"
                "          farm `north`: delivers between 100 and 1000 t\n"
                "          plant `px`: its lines use no more raw milk than it takes in\n"
                "      plant `cd` is closed\n");
    char *json = capture_text(&f->lp, &s, true);
    assert_non_null(strstr(
        json, "    {\"kind\": \"supply\", \"name\": \"north\", \"required\": 100, "
              "\"achievable\": 0, \"limits\": [], \"closed_plants\": [{\"plant\": \"px\", "
              "\"when_open\": [{\"kind\": \"output\", \"name\": \"px/milk32\", \"required\": 40, "
              "\"achievable\": 10, \"limits\": [\"supply(north)\", \"milk(px)\"], "
              "\"closed_plants\": []}]}, {\"plant\": \"cd\", \"when_open\": null}]}\n"));
    free(json);
    /* two things short with the plant open: each on its own line */
    s.shortfalls[0].closed[0].nwhen_open = 2;
    s.shortfalls[0].closed[1].plant = 1;
    s.shortfalls[0].nclosed = 1;
    assert_text(capture_text(&f->lp, &s, false),
                "Tiny plan\n"
                "status: infeasible — no plan meets every lower bound of the model\n"
                "\n"
                "lower bounds that cannot be met\n"
                "  farm `north` must deliver at least 100 t (contract); at most 0 t can be taken\n"
                "    limited by:\n"
                "      plant `px` is closed: open,\n"
                "        its line `milk32` must make at least 40 t, but at most 10 t can be made\n"
                "          limited by:\n"
                "            farm `north`: delivers between 100 and 1000 t\n"
                "            plant `px`: its lines use no more raw milk than it takes in\n"
                "        market `city` must take 10 t of butter, but at most 5 t can be delivered\n"
                "          limited by:\n"
                "            plant `cd` is closed\n");
    s.shortfalls[0].nclosed = 2;
    sol_free(&s);
    fix_free(&f->fix);
}

/* Beyond 1e15 a number in text is in exponent form (a 1e300 bound would
 * be 301 digits), in tables and in sentences; JSON is left as it is. */
static void test_huge_numbers(void **state)
{
    (void)state;
    F *f = f_new(tiny);
    Solution s;
    short_plan(&s, &f->lp);
    s.shortfalls[0].required = 1e300;
    s.shortfalls[1].required = 1.25e20;
    s.shortfalls[1].achievable = -1e-12;
    assert_text(capture_text(&f->lp, &s, false),
                "Tiny plan\n"
                "status: infeasible — no plan meets every lower bound of the model\n"
                "\n"
                "lower bounds that cannot be met\n"
                "  market `city` must take 1e+300 t of butter; at most 20 t can be delivered\n"
                "    limited by:\n"
                "      line `butter` at `cd`: at most 20 t\n"
                "      market `city`: takes between 10 and 30 t of butter\n"
                "  farm `north` must deliver at least 1.25e+20 t (contract); at most 0 t can be "
                "taken\n"
                "    limited by:\n"
                "      plant `cd`: takes in at most 1200 t of raw milk\n");
    sol_free(&s);
    base_plan(&s, &f->lp);
    s.objective = -4.6e301;
    s.revenue = 123456789012345.678;
    char *text = capture_text(&f->lp, &s, false);
    if (!strstr(text, "\nprofit                    -4.6e+301 BYN\n"
                      "  revenue        123456789012345.67 BYN\n"
                      "  milk purchase          -715000.00 BYN\n"))
        fail_msg("got:\n%s", text);
    free(text);
    sol_free(&s);
    fix_free(&f->fix);
}

static void test_unbounded_and_failed(void **state)
{
    (void)state;
    F *f = f_new(tiny);
    Solution s;
    memset(&s, 0, sizeof s);
    s.status = SOL_UNBOUNDED;
    assert_text(capture_text(&f->lp, &s, false),
                "Tiny plan\n"
                "status: unbounded — the profit can grow without limit: some quantity has no "
                "upper bound\n");
    s.status = SOL_FAILED;
    snprintf(s.message, sizeof s.message, "glp_simplex failed\n(code 5)");
    assert_text(capture_text(&f->lp, &s, false),
                "Tiny plan\n"
                "status: failed — the solver stopped without finding a plan\n"
                "solver: glp_simplex failed (code 5)\n");
    char *json = capture_text(&f->lp, &s, true);
    assert_non_null(strstr(json, "\"status\": \"failed\",\n  \"objective\": null,"));
    assert_null(strstr(json, "shortfalls"));
    free(json);
    fix_free(&f->fix);
}

static void test_cases(void **state)
{
    (void)state;
    F *f = f_new(tiny);
    Lp dry, big;
    scenario_lp(f, 0, &dry);
    scenario_lp(f, 1, &big);
    Solution s0, s1, s2;
    base_plan(&s0, &f->lp);
    dry_plan(&s1, &dry);
    short_plan(&s2, &big);
    s2.shortfalls[0].required = 30;
    ReportCase cases[] = {
        {"base", NULL, &f->lp, &s0},
        {"dry", "Dry summer", &dry, &s1},
        {"big", "Big \"butter\"\ncontract", &big, &s2},
    };
    assert_text(capture_cases(cases, 3, false),
                "Tiny plan\n"
                "3 cases side by side\n"
                "\n"
                "                                  base  Dry summer  Big \"butter\" contract\n"
                "status                         optimal     optimal             infeasible\n"
                "profit (BYN)                  84350.00  -111450.00                      -\n"
                "  revenue                    858000.00   550000.00                      -\n"
                "  milk purchase             -715000.00  -622500.00                      -\n"
                "  processing                 -49200.00   -28500.00                      -\n"
                "  transport                   -9450.00   -10450.00                      -\n"
                "plants\n"
                "  Powder                        closed      closed                      -\n"
                "milk collected (t)\n"
                "  Южная ферма → City Dairy     500.000     250.000                      -\n"
                "  east → City Dairy              0.000     150.000                      -\n"
                "production (t)\n"
                "  City Dairy: milk32           480.000     250.000                      -\n"
                "sales (t)\n"
                "  City: milk32                 470.000     250.000                      -\n"
                "\n"
                "Big \"butter\" contract: infeasible — no plan meets every lower bound of the model\n"
                "  market `city` must take 30 t of butter; at most 20 t can be delivered\n"
                "    limited by:\n"
                "      line `butter` at `cd`: at most 20 t\n"
                "      market `city`: takes between 30 and 90 t of butter\n"
                "  farm `north` must deliver at least 100 t (contract); at most 87.5 t can be taken\n"
                "    limited by:\n"
                "      plant `cd`: takes in at most 1200 t of raw milk\n");

    char *json = capture_cases(cases, 3, true);
    assert_non_null(strstr(json, "{\n  \"scenarios\": [\n    {\n      \"name\": \"base\",\n"
                                 "      \"label\": null,\n      \"status\": \"optimal\",\n"
                                 "      \"objective\": 84350,\n"));
    assert_non_null(strstr(json, "    },\n    {\n      \"name\": \"dry\",\n"
                                 "      \"label\": \"Dry summer\",\n"));
    assert_non_null(strstr(json, "      \"label\": \"Big \\\"butter\\\"\\u000acontract\",\n"));
    assert_non_null(strstr(json, "        {\"farm\": \"east\", \"plant\": \"cd\", \"tonnes\": 150}"));
    assert_non_null(strstr(json, "      \"segments\": [],\n      \"shortfalls\": [\n"));
    assert_non_null(strstr(json, "\n    }\n  ]\n}\n"));
    free(json);

    sol_free(&s0);
    sol_free(&s1);
    sol_free(&s2);
    lp_free(&dry);
    lp_free(&big);
    fix_free(&f->fix);
}

/* A minimize-cost model: parts are positive costs, no revenue line, a
 * saving is "worth" and a route "adds to the cost". */
static void test_text_min_cost(void **state)
{
    (void)state;
    F *f = f_new("currency EUR\n"
                 "product m { milk 1 t/t }\n"
                 "farm a { supply 10 t; price 5 EUR/t }\n"
                 "farm b { supply 10 t; price 6 EUR/t }\n"
                 "plant p { capacity 20 t; makes m 20 t cost 1 EUR/t }\n"
                 "market c { demand m 5..8 t price 9 EUR/t }\n"
                 "routes {\n  from to cost\n  a p 1 EUR/t\n  b p 1 EUR/t\n  p c 0 EUR/t\n}\n"
                 "objective minimize cost\n");
    Solution s;
    sol_init(&s, &f->lp, SOL_OPTIMAL);
    set_col(&s, &f->lp, "x(a,p)", 5, 0);
    set_col(&s, &f->lp, "x(b,p)", 0, 1);
    set_col(&s, &f->lp, "y(p,m)", 5, 0);
    set_col(&s, &f->lp, "s(p,d1)", 5, 0);
    set_dual(&s, &f->lp, "demand(d1)", GLP_NL, 7);
    set_dual(&s, &f->lp, "supply(a)", GLP_NU, -1);
    s.revenue = 45;
    s.milk_cost = 25;
    s.processing_cost = 5;
    s.transport_cost = 5;
    s.objective = 35;
    assert_text(capture_text(&f->lp, &s, false),
                "status: optimal\n"
                "\n"
                "total cost       35.00 EUR\n"
                "  milk purchase  25.00 EUR\n"
                "  processing      5.00 EUR\n"
                "  transport       5.00 EUR\n"
                "\n"
                "milk collected\n"
                "  farm  plant      t\n"
                "  a     p      5.000\n"
                "\n"
                "raw milk intake\n"
                "  plant      t  capacity t  use\n"
                "  p      5.000      20.000  25%\n"
                "\n"
                "production\n"
                "  plant  product      t   max t  use\n"
                "  p      m        5.000  20.000  25%\n"
                "\n"
                "shipments\n"
                "  plant  market  product      t\n"
                "  p      c       m        5.000\n"
                "\n"
                "sales\n"
                "  market  product  strategy      t  min t  max t  EUR/t\n"
                "  c       m        -         5.000  5.000  8.000   9.00\n"
                "\n"
                "binding limits\n"
                "  one more tonne of supply at a is worth 1.00 EUR\n"
                "  one more tonne of m that c must take would cost 7.00 EUR\n"
                "\n"
                "reduced costs of unused milk routes\n"
                "  sending a tonne from b to p would add 1.00 EUR to the cost\n");
    sol_free(&s);
    fix_free(&f->fix);
}

/* A scenario's closed plant is said to be closed by it; a plan that rounds
 * to zero money prints 0.00, never -0.00. */
static void test_scenario_closed_and_zero(void **state)
{
    (void)state;
    F *f = f_new(tiny);
    Lp dry;
    scenario_lp(f, 0, &dry);
    Solution s;
    dry_plan(&s, &dry);
    s.objective = -0.004;
    s.revenue = 0;
    s.processing_cost = 0.001;
    char *text = capture_text(&dry, &s, false);
    assert_non_null(strstr(text, "profit                 0.00 BYN\n"
                                 "  milk purchase  -622500.00 BYN\n"
                                 "  transport       -10450.00 BYN\n\n"));
    assert_null(strstr(text, "-0.00"));
    assert_non_null(strstr(text, "\nplants\n  plant   status\n  Powder  closed by the scenario\n"));
    assert_non_null(strstr(text, "  City Dairy  800.000    1200.000  67%\n"));
    assert_non_null(strstr(text, "\nunprocessed milk\n  plant             t\n"
                                 "  City Dairy  150.000\n"));
    assert_null(strstr(text, "unsold stock")); /* 5e-7 t is none */
    assert_null(strstr(text, "binding limits"));
    free(text);
    char *json = capture_text(&dry, &s, true);
    assert_non_null(strstr(json, "  \"objective\": -0.004,\n"));
    assert_non_null(strstr(json, "    {\"plant\": \"px\", \"open\": false}\n"));
    assert_non_null(strstr(json, "  \"unsold\": [],\n"));
    free(json);
    sol_free(&s);
    lp_free(&dry);
    fix_free(&f->fix);
}

/* Customer demand: a class per strategy (made here by hand, as the
 * segmentation stage will) is named with its strategy everywhere. */
static void test_strategy_classes(void **state)
{
    (void)state;
    char src[sizeof tiny + 128];
    snprintf(src, sizeof src, "%sstrategy loyalty \"Loyalty\" { volume 100%%..110%% }\n", tiny);
    F *f = f_new(src);
    f->lp.classes[0].strategy = 0;
    Solution s;
    base_plan(&s, &f->lp);
    char *text = capture_text(&f->lp, &s, false);
    assert_non_null(strstr(text, "  City    Butter   Loyalty    20.000  10.000   30.000  10000.00\n"));
    assert_non_null(strstr(text, "  City    milk32   -         470.000   0.000  700.000   1400.00\n"));
    assert_non_null(
        strstr(text, "  one more tonne of Butter that City must take (Loyalty) is worth 0.00 BYN\n"));
    free(text);
    char *json = capture_text(&f->lp, &s, true);
    assert_non_null(strstr(json, "\"product\": \"butter\", \"strategy\": \"loyalty\", "));
    free(json);
    sol_free(&s);
    short_plan(&s, &f->lp);
    text = capture_text(&f->lp, &s, false);
    assert_non_null(strstr(text, "  market `city` must take 30 t of butter (strategy `loyalty`); "
                                 "at most 20 t can be delivered\n"));
    assert_non_null(strstr(text, "      market `city`: takes between 10 and 30 t of butter "
                                 "(strategy `loyalty`)\n"));
    free(text);
    json = capture_text(&f->lp, &s, true);
    assert_non_null(strstr(json, "\"name\": \"city/butter/loyalty\""));
    free(json);
    sol_free(&s);
    fix_free(&f->fix);
}

/* More cases than one table holds (nine) continue in a second table. */
static void test_many_cases(void **state)
{
    (void)state;
    F *f = f_new(tiny);
    Solution s;
    base_plan(&s, &f->lp);
    ReportCase cases[11];
    char names[11][16];
    for (int i = 0; i < 11; i++) {
        snprintf(names[i], sizeof names[i], "c%d", i);
        cases[i] = (ReportCase){names[i], NULL, &f->lp, &s};
    }
    char *text = capture_cases(cases, 11, false);
    assert_non_null(strstr(text, "11 cases side by side\n\n"
                                 "                         c0          c1"));
    assert_non_null(strstr(text, "  c8\n"));
    assert_non_null(strstr(text, "\n\n                         c9         c10\n"
                                 "status              optimal     optimal\n"));
    assert_null(strstr(text, "milk collected")); /* nothing changed */
    free(text);
    sol_free(&s);
    fix_free(&f->fix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_optimal),
        cmocka_unit_test(test_json_optimal),
        cmocka_unit_test(test_unused_options),
        cmocka_unit_test(test_text_infeasible),
        cmocka_unit_test(test_json_infeasible),
        cmocka_unit_test(test_closed_plant),
        cmocka_unit_test(test_huge_numbers),
        cmocka_unit_test(test_unbounded_and_failed),
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_text_min_cost),
        cmocka_unit_test(test_scenario_closed_and_zero),
        cmocka_unit_test(test_strategy_classes),
        cmocka_unit_test(test_many_cases),
    };
    int rc = cmocka_run_group_tests(tests, NULL, fix_close_leftovers);
    glp_free_env(); /* GLPK's own state, so that valgrind sees nothing left */
    return rc;
}
