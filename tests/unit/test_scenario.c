/* test_scenario.c — unit tests for scenario application (src/scenario.c):
 * every statement kind with the exact numbers it gives (base units), the
 * `*` forms, statement order, close/open, values derived from a changed one
 * (a demand line's price from its product, a product's rate from the
 * default), and copy-on-write: the base model is never changed and the
 * arrays no statement changes are shared with it. */
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
#include "../../src/model.h"
#include "../../src/scenario.h"
#include "fixture.h"

/* ------------------------------------------------------------ fixture */

/* Check src and require a model. */
static Model *c_ok(Fix **cp, const char *src)
{
    *cp = fix_new();
    return fix_model(*cp, src);
}

static char *dump(const Model *m)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_non_null(f);
    model_dump(m, f);
    fclose(f);
    return buf;
}

/* ------------------------------------------------------------ the model */

/* Products: butter has its own rate and a price, cheese takes the default
 * rate and has a price, whey has neither price nor own rate.  The demand
 * line `city cheese` takes the product's price. */
#define CHAIN                                                                                \
    "currency BYN\n"                                                                         \
    "product butter { milk 21 t/t; price 10_000 BYN/t; transport 0.8 BYN/t/km }\n"           \
    "product cheese { milk 10 t/t; price 8_000 BYN/t }\n"                                    \
    "product whey { milk 0.5 t/t }\n"                                                        \
    "farm north { supply 1_000..9_000 t; price 820 BYN/t }\n"                                \
    "farm south { supply 2_000..4_000 t; price 800 BYN/t }\n"                                \
    "plant p1 { capacity 2_000..15_000 t; fixed 1_000 BYN\n"                                 \
    "  makes butter 100..400 t cost 310 BYN/t\n"                                             \
    "  makes cheese 500 t cost 200 BYN/t }\n"                                                \
    "plant p2 { capacity 5_000 t; makes cheese 200..300 t cost 250 BYN/t; optional;"         \
    " fixed 5_000 BYN }\n"                                                                   \
    "market city { demand butter 150..380 t price 11_000 BYN/t; demand cheese 100..200 t }\n" \
    "market town { demand cheese 50..80 t price 9_000 BYN/t }\n"                             \
    "transport { milk 0.45 BYN/t/km; product 0.60 BYN/t/km }\n"                              \
    "routes {\n"                                                                             \
    "  from to distance\n"                                                                   \
    "  north p1 38 km\n"                                                                     \
    "  south p1 20 km\n"                                                                     \
    "  north p2 15 km\n"                                                                     \
    "  p1 city 12 km\n"                                                                      \
    "  p1 town 30 km\n"                                                                      \
    "  p2 city 25 km\n"                                                                      \
    "  p2 town 5 km\n"                                                                       \
    "}\n"

/* Indices in declaration order. */
enum { BUTTER, CHEESE, WHEY };
enum { NORTH, SOUTH };
enum { P1, P2 };
enum { P1_BUTTER, P1_CHEESE, P2_CHEESE };        /* lines */
enum { CITY_BUTTER, CITY_CHEESE, TOWN_CHEESE };  /* demand lines */

/* The chain with the scenario(s) `scen` appended.  Until check.c marks own
 * transport rates, the flags are set here as it will (butter's rate is its
 * own); test_checker_marks_own_rates checks check.c itself. */
static Model *chain(Fix **cp, const char *scen)
{
    size_t n = strlen(CHAIN) + strlen(scen) + 1;
    char *src = malloc(n);
    assert_non_null(src);
    snprintf(src, n, "%s%s", CHAIN, scen);
    Model *m = c_ok(cp, src);
    free(src);
    for (int i = 0; i < m->nproducts; i++)
        m->products[i].transport_is_own = i == BUTTER;
    return m;
}

/* Apply scenario `name` of m, requiring a model. */
static Model *apply(Fix *c, const char *name)
{
    Model *s = scenario_apply(&c->arena, c->m, fix_scenario_index(c->m, name));
    assert_non_null(s);
    assert_ptr_not_equal(s, c->m);
    return s;
}

/* ------------------------------------------------------------ tests */

static void test_base_values(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = chain(&c, "");
    assert_int_equal(m->nproducts, 3);
    assert_int_equal(m->nfarms, 2);
    assert_int_equal(m->nplants, 2);
    assert_int_equal(m->nlines, 3);
    assert_int_equal(m->ndemands, 3);
    assert_range(m->farms[SOUTH].supply, 2000, 4000);
    assert_range(m->plants[P2].capacity, 0, 5000);
    assert_range(m->lines[P1_CHEESE].output, 0, 500);
    assert_int_equal(m->lines[P2_CHEESE].plant, P2);
    assert_int_equal(m->demands[TOWN_CHEESE].market, 1);
    assert_near(m->demands[CITY_CHEESE].price, 8000);
    assert_false(m->demands[CITY_CHEESE].price_given);
    assert_near(m->products[CHEESE].transport, 0.6);
    assert_true(m->products[CHEESE].has_transport);
    assert_false(m->products[WHEY].has_price);
    fix_close(&c);
}

static void test_farm(void **state)
{
    (void)state;
    Fix *c = NULL;
    chain(&c, "scenario s {\n"
              "  scale farm north supply 50%\n"
              "  set farm south supply 3_000 t\n"
              "  set farm north price 900 BYN/t\n"
              "  scale farm south price 1.25\n"
              "}\n"
              "scenario r { set farm south supply 1_000..2_000 t }\n");
    Model *s = apply(c, "s");
    assert_range(s->farms[NORTH].supply, 500, 4500);
    assert_range(s->farms[SOUTH].supply, 0, 3000); /* a single value is 0..B */
    assert_near(s->farms[NORTH].price, 900);
    assert_near(s->farms[SOUTH].price, 1000);
    Model *r = apply(c, "r");
    assert_range(r->farms[SOUTH].supply, 1000, 2000);
    assert_range(r->farms[NORTH].supply, 1000, 9000);
    fix_close(&c);
}

static void test_farm_star(void **state)
{
    (void)state;
    Fix *c = NULL;
    chain(&c, "scenario s {\n"
              "  scale farm * supply 85%\n"
              "  scale farm * price 110%\n"
              "}\n");
    Model *s = apply(c, "s");
    assert_range(s->farms[NORTH].supply, 850, 7650);
    assert_range(s->farms[SOUTH].supply, 1700, 3400);
    assert_near(s->farms[NORTH].price, 902);
    assert_near(s->farms[SOUTH].price, 880);
    fix_close(&c);
}

static void test_plant_capacity_fixed(void **state)
{
    (void)state;
    Fix *c = NULL;
    chain(&c, "scenario s {\n"
              "  scale plant p1 capacity 50%\n"
              "  set plant p2 capacity 1_000..6_000 t\n"
              "  scale plant p1 fixed 2\n"
              "  set plant p2 fixed 7_000 BYN\n"
              "}\n"
              "scenario star {\n"
              "  scale plant * capacity 2\n"
              "  scale plant * fixed 10%\n"
              "}\n"
              "scenario single { set plant p1 capacity 8_000 t }\n");
    Model *s = apply(c, "s");
    assert_range(s->plants[P1].capacity, 1000, 7500);
    assert_range(s->plants[P2].capacity, 1000, 6000);
    assert_near(s->plants[P1].fixed, 2000);
    assert_near(s->plants[P2].fixed, 7000);
    Model *st = apply(c, "star");
    assert_range(st->plants[P1].capacity, 4000, 30000);
    assert_range(st->plants[P2].capacity, 0, 10000);
    assert_near(st->plants[P1].fixed, 100);
    assert_near(st->plants[P2].fixed, 500);
    Model *si = apply(c, "single");
    assert_range(si->plants[P1].capacity, 0, 8000);
    fix_close(&c);
}

static void test_plant_lines(void **state)
{
    (void)state;
    Fix *c = NULL;
    chain(&c, "scenario s {\n"
              "  scale plant p1 output butter 50%\n"
              "  set plant p2 output cheese 250 t\n"
              "  set plant p1 cost butter 300 BYN/t\n"
              "  scale plant p2 cost cheese 120%\n"
              "}\n"
              "scenario star {\n"
              "  scale plant * output cheese 2\n"
              "  scale plant * cost cheese 50%\n"
              "}\n");
    Model *s = apply(c, "s");
    assert_range(s->lines[P1_BUTTER].output, 50, 200);
    assert_range(s->lines[P1_CHEESE].output, 0, 500); /* another product's line */
    assert_range(s->lines[P2_CHEESE].output, 0, 250);
    assert_near(s->lines[P1_BUTTER].cost, 300);
    assert_near(s->lines[P1_CHEESE].cost, 200);
    assert_near(s->lines[P2_CHEESE].cost, 300);
    Model *st = apply(c, "star");
    /* every plant with a line of cheese; butter's line untouched */
    assert_range(st->lines[P1_CHEESE].output, 0, 1000);
    assert_range(st->lines[P2_CHEESE].output, 400, 600);
    assert_range(st->lines[P1_BUTTER].output, 100, 400);
    assert_near(st->lines[P1_CHEESE].cost, 100);
    assert_near(st->lines[P2_CHEESE].cost, 125);
    assert_near(st->lines[P1_BUTTER].cost, 310);
    fix_close(&c);
}

static void test_market(void **state)
{
    (void)state;
    Fix *c = NULL;
    chain(&c, "scenario s {\n"
              "  scale market city demand butter 120%\n"
              "  set market town demand cheese 60..90 t\n"
              "  set market city price butter 12_000 BYN/t\n"
              "  scale market town price cheese 110%\n"
              "}\n"
              "scenario all_lines { scale market city demand 50% }\n"
              "scenario star {\n"
              "  scale market * demand cheese 2\n"
              "  scale market * price cheese 50%\n"
              "}\n"
              "scenario every { scale market * demand 10% }\n"
              "scenario single { set market city demand butter 300 t }\n");
    Model *s = apply(c, "s");
    assert_range(s->demands[CITY_BUTTER].volume, 180, 456);
    assert_range(s->demands[TOWN_CHEESE].volume, 60, 90);
    assert_range(s->demands[CITY_CHEESE].volume, 100, 200);
    assert_near(s->demands[CITY_BUTTER].price, 12000);
    assert_near(s->demands[TOWN_CHEESE].price, 9900);
    assert_near(s->demands[CITY_CHEESE].price, 8000);
    /* without a product: every demand line of the market */
    Model *a = apply(c, "all_lines");
    assert_range(a->demands[CITY_BUTTER].volume, 75, 190);
    assert_range(a->demands[CITY_CHEESE].volume, 50, 100);
    assert_range(a->demands[TOWN_CHEESE].volume, 50, 80);
    Model *st = apply(c, "star");
    assert_range(st->demands[CITY_CHEESE].volume, 200, 400);
    assert_range(st->demands[TOWN_CHEESE].volume, 100, 160);
    assert_range(st->demands[CITY_BUTTER].volume, 150, 380);
    assert_near(st->demands[CITY_CHEESE].price, 4000);
    assert_near(st->demands[TOWN_CHEESE].price, 4500);
    assert_near(st->demands[CITY_BUTTER].price, 11000);
    /* a line price a scenario changed is the line's own from then on */
    assert_true(st->demands[CITY_CHEESE].price_given);
    Model *e = apply(c, "every");
    assert_range(e->demands[CITY_BUTTER].volume, 15, 38);
    assert_range(e->demands[CITY_CHEESE].volume, 10, 20);
    assert_range(e->demands[TOWN_CHEESE].volume, 5, 8);
    Model *si = apply(c, "single");
    assert_range(si->demands[CITY_BUTTER].volume, 0, 300);
    fix_close(&c);
}

static void test_product(void **state)
{
    (void)state;
    Fix *c = NULL;
    chain(&c, "scenario milk {\n"
              "  set product cheese milk 12\n"
              "  scale product butter milk 0.5\n"
              "}\n"
              "scenario milk_star { scale product * milk 2 }\n"
              "scenario price {\n"
              "  scale product cheese price 110%\n"
              "  set product whey price 500 BYN/t\n"
              "}\n"
              "scenario price_star { scale product * price 50% }\n"
              "scenario rate {\n"
              "  set product whey transport 1 BYN/t/km\n"
              "  scale product butter transport 50%\n"
              "}\n");
    Model *mk = apply(c, "milk");
    assert_near(mk->products[CHEESE].milk, 12);
    assert_near(mk->products[BUTTER].milk, 10.5);
    assert_near(mk->products[WHEY].milk, 0.5);
    Model *ms = apply(c, "milk_star");
    assert_near(ms->products[BUTTER].milk, 42);
    assert_near(ms->products[CHEESE].milk, 20);
    assert_near(ms->products[WHEY].milk, 1);

    Model *p = apply(c, "price");
    assert_near(p->products[CHEESE].price, 8800);
    assert_true(p->products[WHEY].has_price); /* `set` gives a missing price */
    assert_near(p->products[WHEY].price, 500);
    /* the demand line without a price of its own follows the product */
    assert_near(p->demands[CITY_CHEESE].price, 8800);
    assert_near(p->demands[TOWN_CHEESE].price, 9000);
    /* `*` skips a product without a price */
    Model *ps = apply(c, "price_star");
    assert_near(ps->products[BUTTER].price, 5000);
    assert_near(ps->products[CHEESE].price, 4000);
    assert_false(ps->products[WHEY].has_price);
    assert_near(ps->demands[CITY_CHEESE].price, 4000);
    assert_near(ps->demands[CITY_BUTTER].price, 11000);

    Model *r = apply(c, "rate");
    assert_true(r->products[WHEY].has_transport);
    assert_true(r->products[WHEY].transport_is_own);
    assert_near(r->products[WHEY].transport, 1);
    assert_near(r->products[BUTTER].transport, 0.4);
    assert_near(r->products[CHEESE].transport, 0.6);
    assert_near(r->transport.product, 0.6); /* the default is not a product's */
    fix_close(&c);
}

static void test_transport(void **state)
{
    (void)state;
    Fix *c = NULL;
    chain(&c, "scenario milk { scale transport milk 200% }\n"
              "scenario milk_set { set transport milk 0.5 BYN/t/km }\n"
              "scenario def { set transport product 1 BYN/t/km }\n"
              "scenario def_scale { scale transport product 50% }\n"
              "scenario named {\n"
              "  set transport butter 0.9 BYN/t/km\n"
              "  scale transport cheese 2\n"
              "  scale transport product 2\n"
              "}\n");
    Model *mk = apply(c, "milk");
    assert_near(mk->transport.milk, 0.9);
    assert_near(mk->transport.product, 0.6);
    assert_near(apply(c, "milk_set")->transport.milk, 0.5);

    /* the default: every product whose rate is the default follows it,
     * butter keeps its own */
    Model *d = apply(c, "def");
    assert_near(d->transport.product, 1);
    assert_near(d->products[CHEESE].transport, 1);
    assert_near(d->products[WHEY].transport, 1);
    assert_near(d->products[BUTTER].transport, 0.8);
    Model *ds = apply(c, "def_scale");
    assert_near(ds->transport.product, 0.3);
    assert_near(ds->products[CHEESE].transport, 0.3);
    assert_near(ds->products[WHEY].transport, 0.3);
    assert_near(ds->products[BUTTER].transport, 0.8);
    assert_near(ds->transport.milk, 0.45);

    /* a product's rate, named: its own from then on */
    Model *n = apply(c, "named");
    assert_near(n->products[BUTTER].transport, 0.9);
    assert_near(n->products[CHEESE].transport, 1.2); /* not the default × 2 again */
    assert_true(n->products[CHEESE].transport_is_own);
    assert_near(n->transport.product, 1.2);
    assert_near(n->products[WHEY].transport, 1.2);
    fix_close(&c);
}

/* A model without a default rate: `set transport product` gives one to every
 * product without its own. */
static void test_transport_set_missing_default(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = c_ok(&c, "currency BYN\n"
                        "product butter { milk 21 t/t; price 10_000 BYN/t; transport 0.8 BYN/t/km }\n"
                        "product whey { milk 0.5 t/t }\n"
                        "scenario s { set transport product 0.7 BYN/t/km }\n"
                        "scenario t { set transport milk 0.4 BYN/t/km }\n");
    m->products[0].transport_is_own = true; /* as check.c marks it */
    assert_false(m->transport.has_product);
    assert_false(m->products[1].has_transport);
    Model *s = apply(c, "s");
    assert_true(s->transport.has_product);
    assert_near(s->transport.product, 0.7);
    assert_true(s->products[1].has_transport);
    assert_false(s->products[1].transport_is_own);
    assert_near(s->products[1].transport, 0.7);
    assert_near(s->products[0].transport, 0.8);
    assert_false(m->products[1].has_transport);
    assert_false(m->transport.has_milk);
    Model *t = apply(c, "t");
    assert_true(t->transport.has_milk);
    assert_near(t->transport.milk, 0.4);
    fix_close(&c);
}

static void test_order(void **state)
{
    (void)state;
    Fix *c = NULL;
    chain(&c, "scenario set_scale {\n"
              "  set farm north supply 2_000 t\n"
              "  scale farm north supply 50%\n"
              "}\n"
              "scenario scale_set {\n"
              "  scale farm north supply 50%\n"
              "  set farm north supply 2_000 t\n"
              "}\n"
              "scenario twice {\n"
              "  scale plant p1 fixed 2\n"
              "  scale plant * fixed 3\n"
              "  set market town price cheese 1_000 BYN/t\n"
              "  scale market * price cheese 2\n"
              "}\n"
              "scenario line_then_product {\n"
              "  set market city price cheese 7_000 BYN/t\n"
              "  set product cheese price 9_999 BYN/t\n"
              "}\n");
    assert_range(apply(c, "set_scale")->farms[NORTH].supply, 0, 1000);
    assert_range(apply(c, "scale_set")->farms[NORTH].supply, 0, 2000);
    Model *t = apply(c, "twice");
    assert_near(t->plants[P1].fixed, 6000);
    assert_near(t->plants[P2].fixed, 15000);
    assert_near(t->demands[TOWN_CHEESE].price, 2000);
    assert_near(t->demands[CITY_CHEESE].price, 16000);
    /* a line price set by the scenario does not follow a later product price */
    Model *l = apply(c, "line_then_product");
    assert_near(l->demands[CITY_CHEESE].price, 7000);
    assert_near(l->products[CHEESE].price, 9999);
    fix_close(&c);
}

static void test_close_open(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = chain(&c, "scenario s {\n"
                         "  close plant p1\n"
                         "  open plant p2\n"
                         "}\n"
                         "scenario later_wins {\n"
                         "  open plant p2\n"
                         "  close plant p2\n"
                         "}\n"
                         "scenario closed_only { close plant p2 }\n");
    Model *s = apply(c, "s");
    assert_true(s->plants[P1].closed);
    assert_false(s->plants[P1].forced_open);
    assert_true(s->plants[P2].forced_open);
    assert_false(s->plants[P2].closed);
    /* numbers stay: closing is a flag */
    assert_range(s->plants[P1].capacity, 2000, 15000);
    assert_near(s->plants[P1].fixed, 1000);
    Model *l = apply(c, "later_wins");
    assert_true(l->plants[P2].closed);
    assert_false(l->plants[P2].forced_open);
    assert_false(l->plants[P1].closed);
    Model *o = apply(c, "closed_only");
    assert_true(o->plants[P2].closed);
    assert_false(o->plants[P1].closed);
    for (int i = 0; i < m->nplants; i++) {
        assert_false(m->plants[i].closed);
        assert_false(m->plants[i].forced_open);
    }
    fix_close(&c);
}

#define EVERY_STATEMENT                                                  \
    "scenario all {\n"                                                   \
    "  scale farm * supply 85%\n"                                        \
    "  set farm north price 900 BYN/t\n"                                 \
    "  scale plant * capacity 2\n"                                       \
    "  set plant p2 fixed 1 BYN\n"                                       \
    "  scale plant * output cheese 2\n"                                  \
    "  set plant p1 cost butter 1 BYN/t\n"                               \
    "  scale market * demand 3\n"                                        \
    "  set market city price butter 1 BYN/t\n"                           \
    "  set product whey price 1 BYN/t\n"                                 \
    "  scale product * milk 2\n"                                         \
    "  set product whey transport 3 BYN/t/km\n"                          \
    "  scale transport milk 2\n"                                         \
    "  scale transport product 2\n"                                      \
    "  set transport butter 2 BYN/t/km\n"                                \
    "  close plant p1\n"                                                 \
    "  open plant p2\n"                                                  \
    "}\n"                                                                \
    "scenario none {}\n"

/* Applying scenarios never changes the base model: its dump and its
 * arrays' bytes are the same before and after. */
static void test_base_unchanged(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = chain(&c, EVERY_STATEMENT);
    char *before = dump(m);
    Model copy = *m;
    size_t np = sizeof *m->products * (size_t)m->nproducts;
    size_t nd = sizeof *m->demands * (size_t)m->ndemands;
    Product *prods = malloc(np);
    Demand *dems = malloc(nd);
    assert_non_null(prods);
    assert_non_null(dems);
    memcpy(prods, m->products, np);
    memcpy(dems, m->demands, nd);
    for (int i = 0; i < m->nscenarios; i++) {
        Model *s = scenario_apply(&c->arena, m, i);
        assert_non_null(s);
    }
    char *after = dump(m);
    assert_string_equal(before, after);
    assert_memory_equal(&copy, m, sizeof copy);
    assert_memory_equal(prods, m->products, np);
    assert_memory_equal(dems, m->demands, nd);
    /* and the scenario did change things */
    Model *s = apply(c, "all");
    char *changed = dump(s);
    assert_string_not_equal(before, changed);
    free(changed);
    free(prods);
    free(dems);
    free(before);
    free(after);
    fix_close(&c);
}

/* An array no statement changes is base's own; a changed one is a copy. */
static void test_sharing(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = chain(&c, EVERY_STATEMENT
                         "scenario farms { scale farm north supply 50% }\n"
                         "scenario lines { set plant p1 cost butter 1 BYN/t }\n"
                         "scenario rate { scale transport milk 2 }\n"
                         "scenario closing { close plant p1 }\n"
                         "scenario nothing_to_scale { scale product * price 2 }\n");
    Model *n = apply(c, "none");
    assert_memory_equal(n, m, sizeof *m); /* every field, every pointer */

    Model *f = apply(c, "farms");
    assert_ptr_not_equal(f->farms, m->farms);
    assert_ptr_equal(f->products, m->products);
    assert_ptr_equal(f->plants, m->plants);
    assert_ptr_equal(f->lines, m->lines);
    assert_ptr_equal(f->markets, m->markets);
    assert_ptr_equal(f->demands, m->demands);
    assert_ptr_equal(f->routes, m->routes);
    assert_ptr_equal(f->strategies, m->strategies);
    assert_ptr_equal(f->scenarios, m->scenarios);
    assert_ptr_equal(f->customers.cols, m->customers.cols);
    assert_int_equal(f->nfarms, m->nfarms);
    assert_range(m->farms[NORTH].supply, 1000, 9000);
    /* the unchanged farm is copied with the array, as it was */
    assert_memory_equal(&f->farms[SOUTH], &m->farms[SOUTH], sizeof *m->farms);

    Model *l = apply(c, "lines");
    assert_ptr_not_equal(l->lines, m->lines);
    assert_ptr_equal(l->plants, m->plants);
    assert_ptr_equal(l->farms, m->farms);
    assert_ptr_equal(l->demands, m->demands);
    assert_near(m->lines[P1_BUTTER].cost, 310);

    Model *r = apply(c, "rate"); /* a struct field, no array */
    assert_ptr_equal(r->products, m->products);
    assert_ptr_equal(r->farms, m->farms);
    assert_near(m->transport.milk, 0.45);

    Model *cl = apply(c, "closing");
    assert_ptr_not_equal(cl->plants, m->plants);
    assert_ptr_equal(cl->lines, m->lines);
    assert_false(m->plants[P1].closed);

    /* butter and cheese have prices: only products (and the demand line
     * that follows cheese's price) are copied */
    Model *p = apply(c, "nothing_to_scale");
    assert_ptr_not_equal(p->products, m->products);
    assert_ptr_not_equal(p->demands, m->demands);
    assert_ptr_equal(p->farms, m->farms);

    Model *a = apply(c, "all");
    assert_ptr_not_equal(a->farms, m->farms);
    assert_ptr_not_equal(a->plants, m->plants);
    assert_ptr_not_equal(a->lines, m->lines);
    assert_ptr_not_equal(a->demands, m->demands);
    assert_ptr_not_equal(a->products, m->products);
    assert_ptr_equal(a->markets, m->markets);
    assert_ptr_equal(a->routes, m->routes);
    fix_close(&c);
}

/* Two applications of one scenario are independent copies. */
static void test_apply_twice(void **state)
{
    (void)state;
    Fix *c = NULL;
    chain(&c, "scenario s { scale farm north supply 50% }\n");
    Model *a = apply(c, "s");
    Model *b = apply(c, "s");
    assert_ptr_not_equal(a->farms, b->farms);
    assert_range(a->farms[NORTH].supply, 500, 4500);
    assert_range(b->farms[NORTH].supply, 500, 4500); /* not 250..2250 */
    fix_close(&c);
}

/* A customers market: `scale market M demand P` scales the customers'
 * volumes of P there (the demand classes sum them); other columns and the
 * base's volumes stay. */
#define CUSTOMERS_CHAIN                                                                  \
    "currency BYN\n"                                                                     \
    "product butter { milk 21 t/t }\n"                                                   \
    "product cheese { milk 10 t/t; price 8_000 BYN/t }\n"                                \
    "farm north { supply 9_000 t; price 820 BYN/t }\n"                                   \
    "plant p1 { capacity 15_000 t; makes butter 400 t cost 310 BYN/t;"                   \
    " makes cheese 400 t cost 200 BYN/t }\n"                                             \
    "market city { demand from customers; demand butter price 9_000 BYN/t;"              \
    " demand cheese price 8_500 BYN/t }\n"                                               \
    "market town { demand from customers; demand butter price 9_500 BYN/t }\n"           \
    "market shop { demand butter 10..20 t price 9_900 BYN/t }\n"                         \
    "routes {\n"                                                                         \
    "  from to cost\n"                                                                   \
    "  north p1 10 BYN/t\n"                                                              \
    "  p1 city 20 BYN/t\n"                                                               \
    "  p1 town 20 BYN/t\n"                                                               \
    "  p1 shop 20 BYN/t\n"                                                               \
    "}\n"                                                                                \
    "customers {\n"                                                                      \
    "  id    market  monetary[BYN]  butter[t]  cheese[t]\n"                              \
    "  c001  city    180_000        40         4\n"                                      \
    "  c002  town    -              2.5        -\n"                                      \
    "  c003  city    5_000          500 kg     1\n"                                      \
    "}\n"                                                                                \
    "strategy st \"Standard\" {}\n"

static int column(const Customers *cu, const char *name)
{
    for (int j = 0; j < cu->ncols; j++)
        if (strcmp(cu->cols[j].name, name) == 0)
            return j;
    fail_msg("no customer column `%s`", name);
    return -1;
}

static void test_customer_demand(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = c_ok(&c, CUSTOMERS_CHAIN
                    "scenario s { scale market city demand butter 120% }\n"
                    "scenario all { scale market * demand 2 }\n"
                    "scenario price { set market city price butter 1 BYN/t }\n");
    const Customers *bc = &m->customers;
    int jb = column(bc, "butter"), jc = column(bc, "cheese"), jm = column(bc, "monetary");

    Model *s = apply(c, "s");
    const Customers *cu = &s->customers;
    assert_ptr_not_equal(cu->cols, bc->cols);
    assert_ptr_not_equal(cu->cols[jb].num, bc->cols[jb].num);
    assert_near(cu->cols[jb].num[0], 48);
    assert_near(cu->cols[jb].num[1], 2.5); /* town */
    assert_near(cu->cols[jb].num[2], 0.6);
    /* other columns are base's arrays */
    assert_ptr_equal(cu->cols[jc].num, bc->cols[jc].num);
    assert_ptr_equal(cu->cols[jm].num, bc->cols[jm].num);
    assert_ptr_equal(cu->cols[bc->market_col].text, bc->cols[bc->market_col].text);
    assert_near(bc->cols[jb].num[0], 40);
    assert_near(bc->cols[jb].num[2], 0.5);
    assert_ptr_equal(s->demands, m->demands); /* no line has a volume to scale */

    Model *a = apply(c, "all");
    cu = &a->customers;
    assert_near(cu->cols[jb].num[0], 80);
    assert_near(cu->cols[jb].num[1], 5);
    assert_near(cu->cols[jb].num[2], 1);
    assert_near(cu->cols[jc].num[0], 8);
    assert_true(isnan(cu->cols[jc].num[1])); /* missing stays missing */
    assert_near(cu->cols[jc].num[2], 2);
    assert_near(cu->cols[jm].num[0], 180000); /* not a volume */
    assert_range(a->demands[3].volume, 20, 40); /* shop's line */
    assert_near(bc->cols[jc].num[0], 4);

    Model *p = apply(c, "price");
    assert_near(p->demands[0].price, 1);
    assert_ptr_equal(p->customers.cols, bc->cols);
    fix_close(&c);
}

/* Components and grades: contents set and scaled, a grade set, a norm given
 * to a product without one; the base's content arrays are never written. */
#define QUALITY_CHAIN                                                                        \
    "currency BYN\n"                                                                         \
    "components fat, protein\n"                                                              \
    "grades low, high\n"                                                                     \
    "farm north { supply 750 t; price 820 BYN/t; fat 4%; protein 3%; grade high }\n"        \
    "farm south { supply 500 t; price 790 BYN/t; fat 3.5%; protein 3.2% }\n"                \
    "product butter { fat 74%; protein 0.6%; price 9_800 BYN/t }\n"                         \
    "product milk32 { milk 1.02 t/t; fat 3.2%; price 1_500 BYN/t }\n"                       \
    "plant p { capacity 900 t; makes butter 40 t cost 1 BYN/t; makes milk32 90 t cost 1 BYN/t }\n" \
    "market m { demand butter 40 t; demand milk32 90 t }\n"                                 \
    "routes {\n  from to distance\n  north p 10 km\n  south p 20 km\n  p m 5 km\n}\n"       \
    "transport { milk 0.5 BYN/t/km; product 0.7 BYN/t/km }\n"

static void test_quality(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = c_ok(&c, QUALITY_CHAIN
                    "scenario s {\n"
                    "  set farm north fat 4.5%\n"
                    "  scale farm * protein 110%\n"
                    "  set farm south grade high\n"
                    "  set product butter fat 80%\n"
                    "  scale product * milk 200%\n"
                    "  set product butter milk 20 t/t\n"
                    "}\n"
                    "scenario none { set farm north price 800 BYN/t }\n");
    char *before = dump(m);
    const double *north = m->farms[0].content, *butter = m->products[0].content;
    Model *s = apply(c, "s");
    assert_near(s->farms[0].content[0], 0.045);
    assert_near(s->farms[0].content[1], 0.033);
    assert_near(s->farms[1].content[0], 0.035);
    assert_near(s->farms[1].content[1], 0.0352);
    assert_int_equal(s->farms[1].grade, 1);
    assert_int_equal(s->farms[0].grade, 1);
    assert_near(s->products[0].content[0], 0.80);
    assert_near(s->products[0].content[1], 0.006);
    assert_near(s->products[1].milk, 2.04); /* scaled: the one with a norm */
    assert_true(s->products[0].has_milk);   /* set: butter has one now */
    assert_near(s->products[0].milk, 20);
    /* the base is unchanged: its arrays are copied, not written */
    assert_ptr_equal(m->farms[0].content, north);
    assert_ptr_not_equal(s->farms[0].content, north);
    assert_ptr_not_equal(s->products[0].content, butter);
    assert_near(m->farms[0].content[0], 0.04);
    assert_false(m->products[0].has_milk);
    char *after = dump(m);
    assert_string_equal(before, after);
    /* a scenario that changes no content shares the base's arrays */
    Model *n = apply(c, "none");
    assert_ptr_equal(n->farms[0].content, north);
    assert_ptr_equal(n->products[0].content, butter);
    free(before);
    free(after);
    fix_close(&c);
}

static void test_bad_index(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = chain(&c, "scenario s {}\n");
    assert_null(scenario_apply(&c->arena, m, 1));
    assert_null(scenario_apply(&c->arena, m, -1));
    assert_non_null(scenario_apply(&c->arena, m, 0));
    fix_close(&c);
}

/* check.c marks which products' transport rates are their own: given in the
 * product, in a products table or on its line in `transport`; not the copied
 * default. */
static void test_checker_marks_own_rates(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = c_ok(&c, "currency BYN\n"
                        "product butter { milk 21 t/t; transport 0.8 BYN/t/km }\n"
                        "product cheese { milk 10 t/t }\n"
                        "product whey { milk 0.5 t/t }\n"
                        "products {\n"
                        "  name milk price transport\n"
                        "  cream 3 t/t 1 BYN/t 0.9 BYN/t/km\n"
                        "}\n"
                        "transport { product 0.6 BYN/t/km; whey 0.5 BYN/t/km }\n"
                        "scenario s { scale transport product 2 }\n");
    assert_int_equal(m->nproducts, 4);
    assert_true(m->products[0].transport_is_own);
    assert_false(m->products[1].transport_is_own);
    assert_true(m->products[1].has_transport);
    assert_true(m->products[2].transport_is_own);
    assert_true(m->products[3].transport_is_own);
    Model *s = apply(c, "s");
    assert_near(s->products[0].transport, 0.8);
    assert_near(s->products[1].transport, 1.2);
    assert_near(s->products[2].transport, 0.5);
    assert_near(s->products[3].transport, 0.9);
    fix_close(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_base_values),
        cmocka_unit_test(test_quality),
        cmocka_unit_test(test_farm),
        cmocka_unit_test(test_farm_star),
        cmocka_unit_test(test_plant_capacity_fixed),
        cmocka_unit_test(test_plant_lines),
        cmocka_unit_test(test_market),
        cmocka_unit_test(test_product),
        cmocka_unit_test(test_transport),
        cmocka_unit_test(test_transport_set_missing_default),
        cmocka_unit_test(test_order),
        cmocka_unit_test(test_close_open),
        cmocka_unit_test(test_base_unchanged),
        cmocka_unit_test(test_sharing),
        cmocka_unit_test(test_apply_twice),
        cmocka_unit_test(test_customer_demand),
        cmocka_unit_test(test_bad_index),
        cmocka_unit_test(test_checker_marks_own_rates),
    };
    return cmocka_run_group_tests(tests, NULL, fix_close_leftovers);
}
