/* test_check.c — unit tests for the checker (src/check.c): from model text
 * to the checked Model, with every quantity in base units, names resolved,
 * `use`, CSV tables, customers, lets, segments and scenarios; and the
 * errors, after which no model is returned. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/arena.h"
#include "../../src/check.h"
#include "../../src/diag.h"
#include "../../src/model.h"
#include "fixture.h"

/* ------------------------------------------------------------ fixture */

/* Check src as the file `name` in a new fixture *cp. */
static Model *c_check_named(Fix **cp, const char *name, const char *src)
{
    Fix *c = fix_new();
    *cp = c;
    fix_check_text(c, name, src);
    /* a model is returned exactly when no error was reported */
    if (c->d.errors > 0 && c->m)
        fail_msg("a model was returned after %d errors:\n%s", c->d.errors, c->out);
    if (c->d.errors == 0 && !c->m)
        fail_msg("no model and no error");
    return c->m;
}

/* Check src and require a model. */
static Model *c_ok(Fix **cp, const char *src)
{
    Model *m = c_check_named(cp, "t.dairy", src);
    if (!m)
        fail_msg("unexpected errors:\n%s\n--- in:\n%s", (*cp)->out, src);
    return m;
}

/* Check src and require errors (and so no model); returns the output. */
static const char *c_err(Fix **cp, const char *src)
{
    Model *m = c_check_named(cp, "t.dairy", src);
    if (m)
        fail_msg("expected errors, got a model for:\n%s", src);
    assert_true((*cp)->d.errors > 0);
    return (*cp)->out;
}

/* The output contains `want`. */
static void assert_has(const char *out, const char *want)
{
    if (!strstr(out, want))
        fail_msg("output lacks:\n%s\n--- output:\n%s", want, out);
}

/* Check src, expect errors, and expect each of the NULL-terminated
 * messages in the output; and exactly `nerrors` errors when >= 0. */
static void expect_errors(const char *src, int nerrors, ...)
{
    Fix *c = NULL;
    const char *out = c_err(&c, src);
    va_list ap;
    va_start(ap, nerrors);
    for (const char *w = va_arg(ap, const char *); w; w = va_arg(ap, const char *))
        assert_has(out, w);
    va_end(ap);
    if (nerrors >= 0 && c->d.errors != nerrors)
        fail_msg("want %d errors, got %d:\n%s", nerrors, c->d.errors, out);
    fix_close(&c);
}

#define EXPECT_ERRORS(src, n, ...) expect_errors((src), (n), __VA_ARGS__, (const char *)NULL)

/* A temporary folder for `use`d files and CSV tables. */
typedef struct {
    char dir[64];
    char *paths[16];
    int n;
} Tmp;

static void tmp_open(Tmp *t)
{
    memset(t, 0, sizeof *t);
    snprintf(t->dir, sizeof t->dir, "/tmp/dairy-check-XXXXXX");
    assert_non_null(mkdtemp(t->dir));
}

/* Write a file into the folder; returns its path (owned by t). */
static const char *tmp_write(Tmp *t, const char *name, const char *text)
{
    assert_true(t->n < 16);
    char *path = malloc(strlen(t->dir) + strlen(name) + 2);
    assert_non_null(path);
    sprintf(path, "%s/%s", t->dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(text, 1, strlen(text), f);
    fclose(f);
    t->paths[t->n++] = path;
    return path;
}

static void tmp_close(Tmp *t)
{
    for (int i = 0; i < t->n; i++) {
        unlink(t->paths[i]);
        free(t->paths[i]);
    }
    rmdir(t->dir);
}

static int find_column(const Customers *cu, const char *name)
{
    for (int j = 0; j < cu->ncols; j++)
        if (strcmp(cu->cols[j].name, name) == 0)
            return j;
    fail_msg("no customer column `%s`", name);
    return -1;
}

static const char *cell_text(const Customers *cu, const Column *col, size_t i)
{
    if (col->kind == COL_ID) /* ids are packed, not interned */
        return cu->id_text + cu->id_at[i];
    if (col->text[i] < 0)
        return NULL;
    return cu->strings[col->text[i]];
}

/* ------------------------------------------------------------ models */

/* A valid chain; tests append declarations after it (line 12 on). */
#define BASE                                                                   \
    "currency BYN\n"                                                           \
    "product butter \"Butter\" { milk 21 t/t; price 10_000 BYN/t }\n"          \
    "farm north { supply 9_000 t; price 820 BYN/t }\n"                         \
    "plant p1 { capacity 15_000 t; makes butter 400 t cost 310 BYN/t }\n"      \
    "market city { demand butter 150..380 t }\n"                               \
    "transport { milk 0.45 BYN/t/km; product 0.60 BYN/t/km }\n"                \
    "routes {\n"                                                               \
    "  from to distance\n"                                                     \
    "  north p1 38 km\n"                                                       \
    "  p1 city 12 km\n"                                                        \
    "}\n"

/* A chain whose market takes its demand from inline customers. */
#define BASE_CUSTOMERS                                                                 \
    "currency BYN\n"                                                                   \
    "product butter { milk 21 t/t }\n"                                                 \
    "farm north { supply 9_000 t; price 820 BYN/t }\n"                                 \
    "plant p1 { capacity 15_000 t; makes butter 400 t cost 310 BYN/t }\n"              \
    "market city { demand from customers; demand butter price 9_000 BYN/t }\n"         \
    "routes {\n"                                                                       \
    "  from to cost\n"                                                                 \
    "  north p1 10 BYN/t\n"                                                            \
    "  p1 city 20 BYN/t\n"                                                             \
    "}\n"                                                                              \
    "customers {\n"                                                                    \
    "  id    market  recency[days]  frequency  channel  monetary[BYN]  butter[t]\n"   \
    "  c001  city    12             24         retail   180_000        40\n"          \
    "  c002  city    -              3          horeca   -              2.5\n"         \
    "  c003  city    2 weeks        7          \"ABC\"    5_000          500 kg\n"     \
    "}\n"                                                                              \
    "strategy st \"Standard\" {}\n"                                                    \
    "strategy vip { volume 100%..110%; price -3%; service 15 BYN/t; offers butter }\n"

/* ------------------------------------------------------------ valid models */

static void test_small_model_values(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = c_ok(&c, small_model);
    assert_string_equal(m->title, "Small");
    assert_string_equal(m->currency, "BYN");
    assert_int_equal(m->objective, OBJ_MIN_COST);
    assert_int_equal(m->nfiles, 1);

    assert_int_equal(m->nproducts, 2);
    const Product *b = &m->products[0], *k = &m->products[1];
    assert_string_equal(b->n.name, "butter");
    assert_string_equal(b->n.label, "Butter");
    assert_near(b->milk, 21);
    assert_true(b->has_price);
    assert_near(b->price, 10000);
    assert_string_equal(k->n.name, "milk32");
    assert_null(k->n.label);
    assert_near(k->milk, 1.02); /* 1020 kg/t */
    assert_false(k->has_price);

    assert_int_equal(m->nfarms, 2);
    assert_string_equal(m->farms[0].n.name, "north");
    assert_range(m->farms[0].supply, 0.5, 2); /* 500 kg..2 t */
    assert_near(m->farms[0].price, 820);
    assert_true(m->farms[0].has_at);
    assert_near(m->farms[0].lat, 54.1);
    assert_near(m->farms[0].lon, 28.2);
    assert_range(m->farms[1].supply, 0, 7500); /* a single value is 0..B */
    assert_near(m->farms[1].price, 790);       /* 0.79 BYN/kg */
    assert_false(m->farms[1].has_at);

    assert_int_equal(m->nplants, 1);
    const Plant *p = &m->plants[0];
    assert_string_equal(p->n.label, "P One");
    assert_range(p->capacity, 1000, 15000);
    assert_near(p->fixed, 1000);
    assert_true(p->optional);
    assert_int_equal(m->nlines, 2);
    assert_int_equal(m->lines[0].plant, 0);
    assert_int_equal(m->lines[0].product, 0);
    assert_range(m->lines[0].output, 0, 400);
    assert_near(m->lines[0].cost, 310);
    assert_int_equal(m->lines[1].product, 1);
    assert_range(m->lines[1].output, 100, 9000);
    assert_near(m->lines[1].cost, 95);

    assert_int_equal(m->nmarkets, 1);
    assert_false(m->markets[0].from_customers);
    assert_int_equal(m->ndemands, 2);
    const Demand *d0 = &m->demands[0], *d1 = &m->demands[1];
    assert_int_equal(d0->market, 0);
    assert_int_equal(d0->product, 0);
    assert_true(d0->has_volume);
    assert_range(d0->volume, 150, 380);
    assert_near(d0->price, 10000); /* the product's price */
    assert_false(d0->price_given);
    assert_int_equal(d1->product, 1);
    assert_range(d1->volume, 0, 8000);
    assert_near(d1->price, 1450);
    assert_true(d1->price_given);

    assert_int_equal(m->nroutes, 3);
    assert_int_equal(m->routes[0].kind, ROUTE_MILK);
    assert_int_equal(m->routes[0].from, 0);
    assert_int_equal(m->routes[0].to, 0);
    assert_true(m->routes[0].has_distance);
    assert_near(m->routes[0].distance, 38);
    assert_int_equal(m->routes[1].from, 1);
    assert_near(m->routes[1].distance, 61);
    assert_int_equal(m->routes[2].kind, ROUTE_PRODUCT);
    assert_int_equal(m->routes[2].from, 0);
    assert_int_equal(m->routes[2].to, 0);
    assert_near(m->routes[2].distance, 12);

    assert_true(m->transport.has_milk);
    assert_near(m->transport.milk, 0.45);
    assert_true(m->transport.has_product);
    assert_near(m->transport.product, 0.6);
    /* the default product rate is applied to products without their own */
    assert_true(b->has_transport);
    assert_near(b->transport, 0.6);
    assert_true(k->has_transport);
    assert_near(k->transport, 0.7);

    assert_int_equal(m->nstrategies, 2);
    const Strategy *s = &m->strategies[0];
    assert_range(s->volume, 1, 1.1);
    assert_near(s->price, -0.03);
    assert_near(s->service, 15);
    assert_int_equal(s->noffers, 2);
    assert_int_equal(s->offers[0], 0);
    assert_int_equal(s->offers[1], 1);
    assert_range(m->strategies[1].volume, 0, 1.1); /* `volume 110%` is 0%..110% */
    assert_near(m->strategies[1].price, 0);
    assert_null(m->strategies[1].offers);
    assert_false(m->customers.present);
    fix_close(&c);
}

static void test_defaults(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = c_ok(&c, BASE "strategy s {}\n");
    assert_null(m->title);
    assert_int_equal(m->objective, OBJ_MAX_PROFIT);
    assert_near(m->plants[0].fixed, 0);
    assert_false(m->plants[0].optional);
    /* strategy defaults: volume 0%..100%, price 0%, service 0, all products */
    const Strategy *s = &m->strategies[0];
    assert_range(s->volume, 0, 1);
    assert_near(s->price, 0);
    assert_near(s->service, 0);
    assert_null(s->offers);
    fix_close(&c);
}

static void test_at_coordinates(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = c_ok(&c, BASE "market m2 { at -33.45 -70.66 }\nmarket m3 { at 53.9, 27.56 }\n");
    assert_true(m->markets[1].has_at);
    assert_near(m->markets[1].lat, -33.45); /* the comma is optional */
    assert_near(m->markets[1].lon, -70.66);
    assert_near(m->markets[2].lat, 53.9);
    assert_near(m->markets[2].lon, 27.56);
    assert_false(m->markets[0].has_at);
    fix_close(&c);
    EXPECT_ERRORS(BASE "market m2 { at 53.9 }\n", 1,
                  "error: `at` takes a latitude and a longitude in degrees\n");
    EXPECT_ERRORS(BASE "market m2 { at 53.9 km, 27 }\n", 1,
                  "error: `at` takes a latitude and a longitude in degrees\n");
    EXPECT_ERRORS(BASE "market m2 { at 27.5, 190 }\n", 1,
                  "t.dairy:12:22: error: coordinates out of range: latitude is -90..90, "
                  "longitude -180..180\n");
}

static void test_single_value_means_zero_to_b(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = c_ok(&c, BASE "strategy drop { volume 0% }\n"
                             "strategy exact { volume 110%..110% }\n");
    assert_range(m->farms[0].supply, 0, 9000);
    assert_range(m->plants[0].capacity, 0, 15000);
    assert_range(m->lines[0].output, 0, 400);
    assert_range(m->strategies[0].volume, 0, 0);
    assert_range(m->strategies[1].volume, 1.1, 1.1);
    fix_close(&c);
}

static void test_units_to_base(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = c_ok(&c,
                    "currency EUR\n"
                    "product cheese { milk 10_900 kg/t; price 4.5 EUR/kg; transport 0.0008 EUR/kg/km }\n"
                    "farm f { supply 6_500..6_500 t; price 0.35 EUR/kg }\n"
                    "plant p { capacity 500 kg..2 t; makes cheese 1_500 kg cost 0.61 EUR/kg;"
                    " fixed 6_500_000 EUR }\n"
                    "market m { demand cheese 1..2 t price 19_500 EUR/t }\n"
                    "routes {\n  from to cost\n  f p 1 EUR/kg\n  p m 2 EUR/t\n}\n");
    assert_string_equal(m->currency, "EUR");
    assert_near(m->products[0].milk, 10.9);
    assert_near(m->products[0].price, 4500);
    assert_near(m->products[0].transport, 0.8);
    assert_range(m->farms[0].supply, 6500, 6500);
    assert_near(m->farms[0].price, 350);
    assert_range(m->plants[0].capacity, 0.5, 2);
    assert_near(m->plants[0].fixed, 6.5e6);
    assert_range(m->lines[0].output, 0, 1.5);
    assert_near(m->lines[0].cost, 610);
    assert_false(m->routes[0].has_distance);
    assert_near(m->routes[0].cost, 1000);
    assert_near(m->routes[1].cost, 2);
    fix_close(&c);
}

static void test_bare_milk_norm_and_ratio_positions(void **state)
{
    (void)state;
    Fix *c = NULL;
    /* mass per mass cancels: `milk 21` is the norm 21 t/t; a bare number is
     * a ratio in a scale */
    Model *m = c_ok(&c, BASE "product kefir { milk 1.02 }\n"
                             "scenario s { scale farm * supply 0.85 }\n");
    assert_near(m->products[1].milk, 1.02);
    assert_near(m->scenarios[0].actions[0].ratio, 0.85);
    fix_close(&c);
}

static void test_demand_price_from_product(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = c_ok(&c, BASE "market town { demand butter 10 t; demand milk 5 t price 3 BYN/t }\n"
                             "product milk { milk 1 t/t }\n"
                             "plant p2 { capacity 1 t; makes milk 1 t cost 1 BYN/t }\n");
    assert_int_equal(m->ndemands, 3);
    const Demand *d = &m->demands[1];
    assert_int_equal(d->market, 1);
    assert_int_equal(d->product, 0);
    assert_near(d->price, 10000);
    assert_false(d->price_given);
    d = &m->demands[2];
    assert_int_equal(d->product, 1); /* declared below the market */
    assert_near(d->price, 3);
    assert_true(d->price_given);
    fix_close(&c);
}

static void test_transport_lines_for_products(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = c_ok(&c, "currency BYN\n"
                        "product a { milk 1 }\n"
                        "product b { milk 1; transport 0.9 BYN/t/km }\n"
                        "product d { milk 1 }\n"
                        "transport { product 0.5 BYN/t/km; a 0.8 BYN/t/km }\n");
    assert_true(m->products[0].has_transport);
    assert_near(m->products[0].transport, 0.8); /* its line in `transport` */
    assert_near(m->products[1].transport, 0.9); /* its own property */
    assert_near(m->products[2].transport, 0.5); /* the default */
    assert_false(m->transport.has_milk);
    fix_close(&c);

    /* without a default rate, a product without its own has none */
    m = c_ok(&c, "currency BYN\nproduct a { milk 1 }\ntransport { milk 0.4 BYN/t/km }\n");
    assert_false(m->products[0].has_transport);
    fix_close(&c);
}

static void test_declaration_order_is_free(void **state)
{
    (void)state;
    Fix *c = NULL;
    /* routes and lines name entities declared further down */
    Model *m = c_ok(&c, "routes {\n  from to distance\n  f p 1 km\n  p m 2 km\n}\n"
                        "transport { milk 1 BYN/t/km; product 1 BYN/t/km }\n"
                        "plant p { capacity 1 t; makes b 1 t cost 1 BYN/t }\n"
                        "market m { demand b 1 t }\n"
                        "product b { milk 1; price 1 BYN/t }\n"
                        "farm f { supply 1 t; price 1 BYN/t }\n"
                        "currency BYN\n");
    assert_int_equal(m->nroutes, 2);
    assert_int_equal(m->lines[0].product, 0);
    fix_close(&c);
}

static void test_inline_tables(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = c_ok(&c, "currency BYN\n"
                        "products {\n"
                        "  name   label      milk   price\n"
                        "  butter \"Butter\"   21     10_000 BYN/t\n"
                        "  kefir  -          1.02   -\n"
                        "}\n"
                        "farms {\n"
                        "  name  supply[t]      price[BYN/t]  lat    lon\n"
                        "  north 9_000          820           54.1   28.2\n"
                        "  south 7_000..7_500   790           -      -\n"
                        "  west  500 kg         0.8 BYN/kg    -      -\n"
                        "}\n"
                        "plants {\n"
                        "  name capacity fixed optional\n"
                        "  p1   10 t     5 BYN yes\n"
                        "  p2   20 t     -     no\n"
                        "}\n"
                        "lines {\n"
                        "  plant product output cost\n"
                        "  p1    butter  1..2 t 3 BYN/t\n"
                        "  p2    kefir   4 t    5 BYN/t\n"
                        "}\n"
                        "markets {\n"
                        "  name label\n"
                        "  city \"City\"\n"
                        "}\n"
                        "demands {\n"
                        "  market product volume[t] price[BYN/t]\n"
                        "  city   butter  100       -\n"
                        "  city   kefir   1..2      7\n"
                        "}\n");
    assert_int_equal(m->nproducts, 2);
    assert_string_equal(m->products[0].n.label, "Butter");
    assert_null(m->products[1].n.label);
    assert_near(m->products[1].milk, 1.02);
    assert_false(m->products[1].has_price);
    assert_int_equal(m->nfarms, 3);
    assert_range(m->farms[0].supply, 0, 9000);
    assert_true(m->farms[0].has_at);
    assert_range(m->farms[1].supply, 7000, 7500);
    assert_false(m->farms[1].has_at);
    assert_range(m->farms[2].supply, 0, 0.5); /* a cell's own unit, same dimension */
    assert_near(m->farms[2].price, 800);
    assert_true(m->plants[0].optional);
    assert_near(m->plants[0].fixed, 5);
    assert_false(m->plants[1].optional);
    assert_int_equal(m->nlines, 2);
    assert_range(m->lines[0].output, 1, 2);
    assert_int_equal(m->lines[1].plant, 1);
    assert_int_equal(m->lines[1].product, 1);
    assert_string_equal(m->markets[0].n.label, "City");
    assert_int_equal(m->ndemands, 2);
    assert_range(m->demands[0].volume, 0, 100);
    assert_near(m->demands[0].price, 10000);
    assert_range(m->demands[1].volume, 1, 2);
    assert_near(m->demands[1].price, 7);
    fix_close(&c);
}

static void test_routes_matrix(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = c_ok(&c, BASE "farm south { supply 1 t; price 1 BYN/t }\n"
                             "plant p2 { capacity 1 t; makes butter 1 t cost 1 BYN/t }\n"
                             "routes matrix distance km {\n"
                             "         p2\n"
                             "  north   95\n"
                             "  south   -\n"
                             "}\n"
                             "routes matrix cost {\n"
                             "     city\n"
                             "  p2 4 BYN/t\n"
                             "}\n");
    assert_int_equal(m->nroutes, 4);
    const Route *r = &m->routes[2];
    assert_int_equal(r->kind, ROUTE_MILK);
    assert_int_equal(r->from, 0);
    assert_int_equal(r->to, 1);
    assert_true(r->has_distance);
    assert_near(r->distance, 95);
    r = &m->routes[3];
    assert_int_equal(r->kind, ROUTE_PRODUCT);
    assert_int_equal(r->from, 1);
    assert_int_equal(r->to, 0);
    assert_false(r->has_distance);
    assert_near(r->cost, 4);
    fix_close(&c);
}

static void test_currency_may_repeat(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = c_ok(&c, BASE "currency BYN\n");
    assert_string_equal(m->currency, "BYN");
    fix_close(&c);
}

/* ------------------------------------------------------------ name errors */

static void test_unknown_name_did_you_mean(void **state)
{
    (void)state;
    Fix *c = NULL;
    c_err(&c, BASE "market m2 { demand buter 1 t }\n");
    assert_int_equal(c->d.errors, 1);
    assert_string_equal(c->out, "t.dairy:12:20: error: unknown product `buter`\n"
                               "  12 | market m2 { demand buter 1 t }\n"
                               "     |                    ^~~~~\n"
                               "hint: did you mean `butter` (t.dairy line 2)?\n");
    fix_close(&c);

    /* nothing close: no hint */
    c_err(&c, BASE "market m2 { demand yogurt 1 t }\n");
    assert_int_equal(c->d.errors, 1);
    assert_has(c->out, "error: unknown product `yogurt`\n");
    assert_null(strstr(c->out, "did you mean"));
    fix_close(&c);
}

static void test_wrong_kind(void **state)
{
    (void)state;
    Fix *c = NULL;
    c_err(&c, BASE "market m2 { demand north 1 t price 1 BYN/t }\n");
    assert_int_equal(c->d.errors, 1);
    assert_string_equal(c->out, "t.dairy:12:20: error: `north` is a farm, not a product\n"
                               "  12 | market m2 { demand north 1 t price 1 BYN/t }\n"
                               "     |                    ^~~~~\n"
                               "t.dairy:3:6: note: `north` is declared here\n"
                               "   3 | farm north { supply 9_000 t; price 820 BYN/t }\n"
                               "     |      ^~~~~\n");
    fix_close(&c);

    EXPECT_ERRORS(BASE "segment s strategy butter\ncustomers {\n id\n c1\n}\n", 1,
                  "t.dairy:12:20: error: `butter` is a product, not a strategy\n");
    EXPECT_ERRORS(BASE "scenario s { close plant city }\n", 1,
                  "error: `city` is a market, not a plant\n");
}

static void test_duplicate_names(void **state)
{
    (void)state;
    Fix *c = NULL;
    c_err(&c, BASE "plant north { capacity 1 t; makes butter 1 t cost 1 BYN/t }\n");
    assert_int_equal(c->d.errors, 1);
    assert_string_equal(c->out,
                        "t.dairy:12:7: error: `north` is already the name of a farm\n"
                        "  12 | plant north { capacity 1 t; makes butter 1 t cost 1 BYN/t }\n"
                        "     |       ^~~~~\n"
                        "t.dairy:3:6: note: `north` is first declared here\n"
                        "   3 | farm north { supply 9_000 t; price 820 BYN/t }\n"
                        "     |      ^~~~~\n"
                        "hint: names are unique across products, farms, plants, markets, "
                        "strategies, segments and scenarios; rename one\n");
    fix_close(&c);

    EXPECT_ERRORS(BASE "farm north { supply 1 t; price 1 BYN/t }\n", 1,
                  "t.dairy:12:6: error: farm `north` is declared twice\n");
    /* across a table and a declaration, and between a strategy and a scenario */
    EXPECT_ERRORS(BASE "markets {\n  name\n  city\n}\n", 1,
                  "t.dairy:14:3: error: market `city` is declared twice\n");
    EXPECT_ERRORS(BASE "strategy x {}\nscenario x {}\n", 1,
                  "t.dairy:13:10: error: `x` is already the name of a strategy\n");
}

static void test_route_errors(void **state)
{
    (void)state;
    EXPECT_ERRORS(BASE "routes {\n  from to distance cost\n  north p1 1 km 2 BYN/t\n}\n", 1,
                  "error: route `north → p1` gives both a distance and a cost\n");
    EXPECT_ERRORS(BASE "routes {\n  from to distance\n  north p1 40 km\n}\n", 1,
                  "t.dairy:14:3: error: route `north → p1` is given twice\n",
                  "note: the first is here\n");
    EXPECT_ERRORS(BASE "routes {\n  from to distance\n  north city 40 km\n}\n", 1,
                  "error: a route from farm `north` goes to a plant; `city` is a market\n");
    EXPECT_ERRORS(BASE "routes {\n  from to distance\n  city p1 40 km\n}\n", 1,
                  "error: a route starts at a farm or a plant; `city` is a market\n");
    EXPECT_ERRORS(BASE "routes {\n  from to distance\n  north p9 40 km\n}\n", 1,
                  "error: unknown plant `p9`\n", "hint: did you mean `p1`");
}

static void test_required_properties(void **state)
{
    (void)state;
    EXPECT_ERRORS(BASE "farm f2 { supply 1 t }\n", 1,
                  "t.dairy:12:6: error: farm `f2` has no milk `price`\n");
    EXPECT_ERRORS(BASE "farm f2 { price 1 BYN/t }\n", 1,
                  "t.dairy:12:6: error: farm `f2` has no `supply`\n");
    EXPECT_ERRORS(BASE "product p { price 1 BYN/t }\n", 1,
                  "t.dairy:12:9: error: product `p` has no `milk` norm\n");
    EXPECT_ERRORS(BASE "plant p2 { capacity 1 t }\n", 1,
                  "t.dairy:12:7: error: plant `p2` makes nothing\n");
    EXPECT_ERRORS(BASE "plant p2 { makes butter 1 t cost 1 BYN/t }\n", 1,
                  "t.dairy:12:7: error: plant `p2` has no `capacity`\n");
    EXPECT_ERRORS(BASE "product k { milk 1 }\nmarket m2 { demand k 1 t }\n", 1,
                  "error: demand for `k` at market `m2` has no price\n");
    EXPECT_ERRORS(BASE "plant p2 { capacity 1 t; makes butter 1 t }\n", -1,
                  "error: a line is written `makes PRODUCT OUTPUT cost COST`\n");
}

static void test_missing_transport_rate(void **state)
{
    (void)state;
    Fix *c = NULL;
    const char *out = c_err(&c, "currency BYN\n"
                                "product b { milk 1; price 1 BYN/t }\n"
                                "farm f { supply 1 t; price 1 BYN/t }\n"
                                "plant p { capacity 1 t; makes b 1 t cost 1 BYN/t }\n"
                                "market m { demand b 1 t }\n"
                                "routes {\n  from to distance\n  f p 1 km\n  p m 2 km\n}\n");
    assert_int_equal(c->d.errors, 2);
    assert_has(out, "t.dairy:8:3: error: route `f → p` is given by distance, but there is no "
                    "milk transport rate\n");
    assert_has(out, "t.dairy:9:3: error: route `p → m` is given by distance, but product `b` "
                    "has no transport rate\n");
    fix_close(&c);
}

/* ------------------------------------------------------------ unit errors */

static void test_unit_errors(void **state)
{
    (void)state;
    Fix *c = NULL;
    c_err(&c, BASE "farm f2 { supply 9_000; price 1 BYN/t }\n");
    assert_int_equal(c->d.errors, 1);
    assert_string_equal(c->out, "t.dairy:12:18: error: expected mass, found a bare number `9_000`\n"
                               "  12 | farm f2 { supply 9_000; price 1 BYN/t }\n"
                               "     |                  ^~~~~\n"
                               "hint: write `9_000 t`\n");
    fix_close(&c);

    EXPECT_ERRORS(BASE "farm f2 { supply 38 km; price 1 BYN/t }\n", 1,
                  "t.dairy:12:18: error: expected mass (e.g. \"9000 t\"), found distance \"38 km\"\n");
    EXPECT_ERRORS(BASE "farm f2 { supply 1 t; price 820 BYN/km }\n", 1,
                  "error: expected money per mass (e.g. \"820 BYN/t\"), found money per distance "
                  "\"820 BYN/km\"\n");
    EXPECT_ERRORS(BASE "plant p2 { capacity 1 t; makes butter 1 t cost 1 BYN/t; fixed 5 BYN/t }\n", 1,
                  "error: expected money (e.g. \"1000 BYN\"), found money per mass \"5 BYN/t\"\n");
    EXPECT_ERRORS(BASE "farm f2 { supply 1 t; price 820 RUB/t }\n", 1,
                  "t.dairy:12:33: error: currency `RUB` is not the model's currency `BYN`\n",
                  "hint: a model has one currency; convert the amount to BYN\n",
                  "t.dairy:1:10: note: the currency is declared here\n");
    EXPECT_ERRORS(BASE "farm f2 { supply 1 t; price 820 BYN/xyz }\n", 1,
                  "error: unknown unit `xyz`\n");
    EXPECT_ERRORS(BASE "farm f2 { supply 9..8 t; price 1 BYN/t }\n", 1,
                  "t.dairy:12:18: error: range `9..8 t` is empty: its lower bound is above its "
                  "upper bound\n");
    EXPECT_ERRORS(BASE "farm f2 { supply 1 t; price 1 BYN/t; at 95, 27 }\n", 1,
                  "error: coordinates out of range: latitude is -90..90, longitude -180..180\n");
    EXPECT_ERRORS(BASE "strategy s { volume 1 t }\n", 1,
                  "error: expected ratio (e.g. \"85%\"), found mass \"1 t\"\n");
    EXPECT_ERRORS(BASE "market m2 { demand butter 1..2 BYN/t }\n", 1,
                  "error: expected mass (e.g. \"9000 t\"), found money per mass");
}

/* A single quantity B is the range 0..B: a negative B is a negative
 * bound, not an empty range to accept. */
static void test_negative_single_value(void **state)
{
    (void)state;
    EXPECT_ERRORS(BASE "farm f2 { supply -5 t; price 1 BYN/t }\n", 1,
                  "t.dairy:12:18: error: supply cannot be negative\n");
    EXPECT_ERRORS(BASE "plant p2 { capacity -1 t; makes butter 1 t cost 1 BYN/t }\n", 1,
                  "error: capacity cannot be negative\n");
    EXPECT_ERRORS(BASE "market m2 { demand butter -2 t }\n", 1, "error: demand cannot be negative\n");
    EXPECT_ERRORS(BASE "plant p2 { capacity 1 t; makes butter -1 t cost 1 BYN/t }\n", 1,
                  "error: line output cannot be negative\n");
    EXPECT_ERRORS(BASE "strategy s { volume -10% }\n", 1, "error: a volume share cannot be negative\n");
    EXPECT_ERRORS(BASE "scenario s { set farm north supply -3 t }\n", 1,
                  "error: the value cannot be negative\n");
    /* with a lower bound written, it is caught */
    EXPECT_ERRORS(BASE "farm f2 { supply -5..1 t; price 1 BYN/t }\n", 1,
                  "error: supply cannot be negative\n");
}

static void test_money_without_currency(void **state)
{
    (void)state;
    Fix *c = NULL;
    c_err(&c, "product b { milk 1; price 10 BYN/t }\nfarm f { supply 1 t; price 2 BYN/t }\n");
    /* said once, with the code to declare */
    assert_int_equal(c->d.errors, 1);
    assert_string_equal(c->out, "t.dairy:1:30: error: money in `BYN/t` but the model declares no currency\n"
                               "   1 | product b { milk 1; price 10 BYN/t }\n"
                               "     |                              ^~~~~\n"
                               "hint: add `currency BYN` at the top of the model\n");
    fix_close(&c);
}

static void test_second_currency(void **state)
{
    (void)state;
    EXPECT_ERRORS(BASE "currency RUB\n", 1, "t.dairy:12:10: error: a second currency `RUB`");
    EXPECT_ERRORS("currency byn\n", 1, "error: currency `byn` is not a currency code\n");
}

static void test_header_errors(void **state)
{
    (void)state;
    EXPECT_ERRORS(BASE "model \"a\"\nmodel \"b\"\n", 1,
                  "t.dairy:13:1: error: the model title is declared twice\n");
    EXPECT_ERRORS(BASE "objective maximize profit\nobjective minimize cost\n", 1,
                  "error: the objective is declared twice\n");
    EXPECT_ERRORS(BASE "objective maximize cost\n", 1,
                  "t.dairy:12:11: error: unknown objective `maximize cost`\n");
}

static void test_table_errors(void **state)
{
    (void)state;
    EXPECT_ERRORS(BASE "farms {\n  name supply[t] price[BYN/t]\n  f2 5 km 1\n}\n", 1,
                  "t.dairy:14:8: error: unit `km` disagrees with the unit `t` given for the column\n");
    EXPECT_ERRORS(BASE "farms {\n  name supply prise\n  f2 5 t 1 BYN/t\n}\n", -1,
                  "error: unknown column `prise` in a `farms` table\n", "hint: did you mean `price`?\n");
    EXPECT_ERRORS(BASE "farms {\n  name supply price\n  f2 5 t\n}\n", 1,
                  "t.dairy:14:3: error: this row has 2 cells; the header has 3 columns\n");
    EXPECT_ERRORS(BASE "farms {\n  name supply price\n  f2 - 1 BYN/t\n}\n", 1,
                  "error: this row has no `supply`\n");
    EXPECT_ERRORS(BASE "frams {\n  name\n}\n", 1, "t.dairy:12:1: error: unknown table `frams`\n",
                  "hint: did you mean `farms`?\n");
    EXPECT_ERRORS(BASE "farms {\n  name supply price\n  f2 1 2 BYN/t\n}\n", 1,
                  "t.dairy:14:6: error: expected mass, found a bare number `1`\n",
                  "hint: write `1 t`, or give the column its unit in the header: `supply[t]`\n");
}

/* ------------------------------------------------------------ use */

static void test_use_relative_file(void **state)
{
    (void)state;
    Tmp t;
    tmp_open(&t);
    tmp_write(&t, "products.dairy", "product butter \"Butter\" { milk 21 t/t; price 10_000 BYN/t }\n");
    char name[256];
    snprintf(name, sizeof name, "%s/main.dairy", t.dir);
    Fix *c = NULL;
    Model *m = c_check_named(&c, name,
                             "currency BYN\n"
                             "use \"products.dairy\"\n"
                             "market city { demand butter 1 t }\n"
                             "farm north { supply 1 t; price 1 BYN/t }\n"
                             "plant p1 { capacity 1 t; makes butter 1 t cost 1 BYN/t }\n");
    if (!m)
        fail_msg("%s", c->out);
    assert_int_equal(m->nfiles, 2);
    assert_int_equal(m->nproducts, 1);
    assert_string_equal(m->products[0].n.label, "Butter");
    assert_near(m->demands[0].price, 10000);
    fix_close(&c);
    tmp_close(&t);
}

static void test_use_relative_to_the_using_file(void **state)
{
    (void)state;
    /* paths in a used file (its `use` and `from`) are relative to it */
    Tmp t;
    tmp_open(&t);
    char sub[256];
    snprintf(sub, sizeof sub, "%s/regions", t.dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    tmp_write(&t, "common.dairy", "product butter { milk 21 t/t; price 1 BYN/t }\n");
    tmp_write(&t, "regions/farms.csv", "name,supply[t],price[BYN/t]\nnorth,100,820\n");
    tmp_write(&t, "regions/minsk.dairy", "use \"../common.dairy\"\nfarms from \"farms.csv\"\n");
    char name[256];
    snprintf(name, sizeof name, "%s/main.dairy", t.dir);
    Fix *c = NULL;
    Model *m = c_check_named(&c, name, "currency BYN\nuse \"regions/minsk.dairy\"\n");
    if (!m)
        fail_msg("%s", c->out);
    assert_int_equal(m->nfiles, 3);
    assert_int_equal(m->nproducts, 1);
    assert_int_equal(m->nfarms, 1);
    assert_range(m->farms[0].supply, 0, 100);
    fix_close(&c);
    tmp_close(&t);
    rmdir(sub);
    rmdir(t.dir);
}

static void test_use_file_read_once_and_cycle(void **state)
{
    (void)state;
    Tmp t;
    tmp_open(&t);
    tmp_write(&t, "c.dairy", "product butter { milk 21 t/t }\n");
    tmp_write(&t, "a.dairy", "use \"c.dairy\"\nfarm fa { supply 1 t; price 1 BYN/t }\n");
    tmp_write(&t, "b.dairy", "use \"./c.dairy\"\nfarm fb { supply 1 t; price 1 BYN/t }\n");
    char name[256];
    snprintf(name, sizeof name, "%s/main.dairy", t.dir);
    Fix *c = NULL;
    Model *m = c_check_named(&c, name, "currency BYN\nuse \"a.dairy\"\nuse \"b.dairy\"\nuse \"a.dairy\"\n");
    if (!m)
        fail_msg("%s", c->out);
    /* main, a, c, b: c and a are read once */
    assert_int_equal(m->nfiles, 4);
    assert_int_equal(m->nproducts, 1);
    assert_int_equal(m->nfarms, 2);
    fix_close(&c);

    /* x uses y, y uses x: a cycle, named */
    const char *x = tmp_write(&t, "x.dairy", "use \"y.dairy\"\n");
    tmp_write(&t, "y.dairy", "use \"x.dairy\"\n");
    c = fix_new();
    bool io = true;
    c->m = check_file(&c->arena, &c->d, x, &fix_opts, &io);
    fflush(c->fp);
    assert_false(io);
    assert_null(c->m);
    assert_int_equal(c->d.errors, 1);
    char want[600];
    snprintf(want, sizeof want, "error: cycle of `use`: %s/x.dairy → %s/y.dairy → %s/x.dairy\n",
             t.dir, t.dir, t.dir);
    assert_has(c->out, want);
    fix_close(&c);
    tmp_close(&t);
}

static void test_use_std_module(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = c_ok(&c, BASE "use std.strategies\n");
    assert_int_equal(m->nfiles, 2);
    assert_int_equal(m->nstrategies, 4);
    assert_string_equal(m->strategies[0].n.name, "loyalty");
    assert_range(m->strategies[0].volume, 1, 1.1);
    assert_near(m->strategies[0].price, -0.03);
    assert_string_equal(m->strategies[3].n.name, "drop");
    assert_range(m->strategies[3].volume, 0, 0);
    assert_near(m->strategies[2].price, 0.04);
    fix_close(&c);
}

/* An unknown name with no close one: the hint lists the names there are
 * (one, a few, many) or says there are none. */
static void test_unknown_name_lists_kind(void **state)
{
    (void)state;
    EXPECT_ERRORS(BASE "farm south { supply 10 t; price 1 BYN/t }\n"
                       "routes {\n  from to distance\n  north zzzzzz 5 km\n}\n",
                  1, "error: unknown plant `zzzzzz`\n",
                  "hint: the only plant is `p1`\n");
    EXPECT_ERRORS(BASE "routes {\n  from to distance\n  qqqqqq p1 5 km\n}\n", 1,
                  "error: unknown farm or plant `qqqqqq`\n",
                  "hint: the only farm is `north`\nhint: the only plant is `p1`\n");
    EXPECT_ERRORS(BASE "farm south { supply 10 t; price 1 BYN/t }\n"
                       "farm east { supply 10 t; price 1 BYN/t }\n"
                       "routes {\n  from to distance\n  qqqqqq p1 5 km\n}\n",
                  1, "hint: the farms are `north`, `south` and `east`\n");
    EXPECT_ERRORS(BASE "farm f1 { supply 1 t; price 1 BYN/t }\nfarm f2 { supply 1 t; price 1 BYN/t }\n"
                       "farm f3 { supply 1 t; price 1 BYN/t }\nfarm f4 { supply 1 t; price 1 BYN/t }\n"
                       "farm f5 { supply 1 t; price 1 BYN/t }\nfarm f6 { supply 1 t; price 1 BYN/t }\n"
                       "routes {\n  from to distance\n  qqqqqqqq p1 5 km\n}\n",
                  1, "hint: check the spelling: none of the model's 7 farms is close\n");
    EXPECT_ERRORS(BASE "segment all when x > 1 strategy nostrategy\n", -1,
                  "error: unknown strategy `nostrategy`\n",
                  "hint: the model declares no strategies\n");
}

static void test_use_errors(void **state)
{
    (void)state;
    EXPECT_ERRORS(BASE "use std.nope\n", 1, "t.dairy:12:9: error: unknown standard module `std.nope`\n");
    EXPECT_ERRORS(BASE "use lib.products\n", 1, "error: unknown module prefix `lib`\n");
    EXPECT_ERRORS(BASE "use \"/nonexistent/dir/x.dairy\"\n", 1,
                  "t.dairy:12:5: error: cannot read `/nonexistent/dir/x.dairy`: No such file or directory\n");
}

/* A module dairy ships, when no folder searched holds it: say where it
 * looked, not "did you mean" the same name. */
static void test_use_std_not_installed(void **state)
{
    (void)state;
    static const char *const none[] = {"/nonexistent/std"};
    static const CheckOptions nowhere = {none, 1};
    static const char *const two[] = {"/nonexistent/a", "/nonexistent/b"};
    static const CheckOptions nowhere2 = {two, 2};
    static const CheckOptions no_dirs = {NULL, 0};
    static const struct {
        const CheckOptions *o;
        const char *want;
    } cases[] = {
        {&nowhere, "t.dairy:1:9: error: the standard library is not found: no `products.dairy` "
                   "in `/nonexistent/std`\n"},
        {&nowhere2, "t.dairy:1:9: error: the standard library is not found: no `products.dairy` "
                    "in `/nonexistent/a` or the other folders searched\n"},
        {&no_dirs, "t.dairy:1:9: error: the standard library is not found: no `products.dairy` "
                   "in any folder\n"},
    };
    const char *src = "use std.products\n";
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        Fix *c = fix_new();
        c->m = check_text(&c->arena, &c->d, "t.dairy", src, strlen(src), cases[i].o);
        fflush(c->fp);
        assert_null(c->m);
        assert_int_equal(c->d.errors, 1);
        assert_has(c->out, cases[i].want);
        assert_has(c->out, "hint: set DAIRY_PATH to the folder that holds `products.dairy` "
                           "(`stdlib/` in dairy's sources), or `make install`\n");
        assert_null(strstr(c->out, "did you mean"));
        fix_close(&c);
    }
}

static void test_check_file_io_error(void **state)
{
    (void)state;
    Fix *c = fix_new();
    bool io = false;
    c->m = check_file(&c->arena, &c->d, "/nonexistent/m.dairy", &fix_opts, &io);
    fflush(c->fp);
    assert_true(io);
    assert_null(c->m);
    assert_string_equal(c->out, "dairy: error: cannot read `/nonexistent/m.dairy`: No such file or directory\n");
    fix_close(&c);
}

/* ------------------------------------------------------------ CSV */

static void test_csv_farms(void **state)
{
    (void)state;
    Tmp t;
    tmp_open(&t);
    tmp_write(&t, "farms.csv",
              "\xef\xbb\xbfname,label,supply[t],price[BYN/t],lat,lon\r\n"
              "north,\"SPK North, Kletsk\",6000..8500,820,53.9,27.5\r\n"
              "south,\"Say \"\"Hi\"\"\",7_500,790,,\r\n"
              "west,,12000,0.5e3,,\r\n");
    char name[256];
    snprintf(name, sizeof name, "%s/main.dairy", t.dir);
    Fix *c = NULL;
    Model *m = c_check_named(&c, name, "currency BYN\nfarms from \"farms.csv\"\n");
    if (!m)
        fail_msg("%s", c->out);
    assert_int_equal(m->nfarms, 3);
    assert_string_equal(m->farms[0].n.name, "north");
    assert_string_equal(m->farms[0].n.label, "SPK North, Kletsk");
    assert_range(m->farms[0].supply, 6000, 8500);
    assert_near(m->farms[0].price, 820);
    assert_true(m->farms[0].has_at);
    assert_near(m->farms[0].lat, 53.9);
    assert_near(m->farms[0].lon, 27.5);
    assert_string_equal(m->farms[1].n.label, "Say \"Hi\"");
    assert_range(m->farms[1].supply, 0, 7500);
    assert_false(m->farms[1].has_at); /* empty cells are missing */
    assert_null(m->farms[2].n.label);
    assert_near(m->farms[2].price, 500);
    fix_close(&c);
    tmp_close(&t);
}

static void test_csv_errors_name_file_line_column(void **state)
{
    (void)state;
    Tmp t;
    tmp_open(&t);
    tmp_write(&t, "bad.csv", "name,supply[t],price[BYN/t]\n"
                             "north,abc,820\n"
                             "south,1,2,3\n"
                             "west,5..1,1\n"
                             "east,,1\n");
    char name[256];
    snprintf(name, sizeof name, "%s/main.dairy", t.dir);
    Fix *c = NULL;
    c_check_named(&c, name, "currency BYN\nfarms from \"bad.csv\"\n");
    assert_null(c->m);
    assert_int_equal(c->d.errors, 4);
    char want[512];
    snprintf(want, sizeof want, "%s/bad.csv:2:7: error: expected mass (e.g. \"9000 t\"), found `abc`\n"
                                "   2 | north,abc,820\n"
                                "     |       ^~~\n", t.dir);
    assert_has(c->out, want);
    snprintf(want, sizeof want, "%s/bad.csv:3:11: error: this row has 4 fields; the header has 3\n", t.dir);
    assert_has(c->out, want);
    snprintf(want, sizeof want, "%s/bad.csv:4:6: error: range `5..1` is empty", t.dir);
    assert_has(c->out, want);
    snprintf(want, sizeof want, "%s/bad.csv:5:1: error: this row has no `supply`\n", t.dir);
    assert_has(c->out, want);
    fix_close(&c);

    c_check_named(&c, name, "currency BYN\nfarms from \"missing.csv\"\n");
    assert_null(c->m);
    snprintf(want, sizeof want, "error: cannot read `%s/missing.csv`: No such file or directory\n", t.dir);
    assert_has(c->out, want);
    fix_close(&c);
    tmp_close(&t);
}

static void test_csv_customers(void **state)
{
    (void)state;
    Tmp t;
    tmp_open(&t);
    tmp_write(&t, "cust.csv",
              "id,market,recency[days],frequency,monetary[BYN],channel,butter[t],note,age[weeks]\r\n"
              "c1,city,12,24,180000,retail,40,a,1\r\n"
              "c2,city,,3,5,\"horeca, big\",,b,\r\n"
              "007,city,2 ,1,1.5e3,x,1.5,,2\r\n");
    char name[256];
    snprintf(name, sizeof name, "%s/main.dairy", t.dir);
    Fix *c = NULL;
    Model *m = c_check_named(&c, name,
                             "currency BYN\n"
                             "product butter { milk 21 t/t; price 1 BYN/t }\n"
                             "market city { demand from customers }\n"
                             "customers from \"cust.csv\"\n");
    if (!m)
        fail_msg("%s", c->out);
    const Customers *cu = &m->customers;
    assert_true(cu->present);
    assert_int_equal(cu->n, 3);
    assert_int_equal(cu->ncols, 9);
    assert_int_equal(cu->id_col, 0);
    assert_int_equal(cu->market_col, 1);
    assert_non_null(cu->path);

    const Column *id = &cu->cols[find_column(cu, "id")];
    assert_int_equal(id->kind, COL_ID);
    assert_string_equal(cell_text(cu, id, 0), "c1");
    assert_string_equal(cell_text(cu, id, 2), "007"); /* text as written */

    const Column *mk = &cu->cols[find_column(cu, "market")];
    assert_int_equal(mk->kind, COL_MARKET);
    assert_int_equal(mk->text[0], 0);
    assert_int_equal(mk->text[2], 0);

    const Column *rec = &cu->cols[find_column(cu, "recency")];
    assert_int_equal(rec->kind, COL_NUMBER);
    assert_true(dim_eq(rec->dim, dim_time()));
    assert_string_equal(rec->unit, "days");
    assert_near(rec->num[0], 12);
    assert_true(isnan(rec->num[1])); /* an empty cell is missing */
    assert_near(rec->num[2], 2);

    const Column *fr = &cu->cols[find_column(cu, "frequency")];
    assert_int_equal(fr->kind, COL_NUMBER);
    assert_true(dim_is_ratio(fr->dim));
    assert_null(fr->unit);
    assert_near(fr->num[1], 3);

    const Column *mon = &cu->cols[find_column(cu, "monetary")];
    assert_true(dim_eq(mon->dim, dim_money()));
    assert_near(mon->num[2], 1500);

    const Column *ch = &cu->cols[find_column(cu, "channel")];
    assert_int_equal(ch->kind, COL_TEXT);
    assert_string_equal(cell_text(cu, ch, 0), "retail");
    assert_string_equal(cell_text(cu, ch, 1), "horeca, big");

    const Column *bu = &cu->cols[find_column(cu, "butter")];
    assert_int_equal(bu->kind, COL_VOLUME);
    assert_int_equal(bu->product, 0);
    assert_true(dim_eq(bu->dim, dim_mass()));
    assert_near(bu->num[0], 40);
    assert_near(bu->num[2], 1.5);

    const Column *note = &cu->cols[find_column(cu, "note")];
    assert_int_equal(note->kind, COL_TEXT);
    assert_null(cell_text(cu, note, 2));

    const Column *age = &cu->cols[find_column(cu, "age")];
    assert_int_equal(age->kind, COL_NUMBER);
    assert_true(dim_eq(age->dim, dim_time()));
    assert_near(age->num[0], 7); /* weeks are 7 days */
    assert_near(age->num[2], 14);
    assert_true(isnan(age->num[1]));
    fix_close(&c);
    tmp_close(&t);
}

static void test_csv_customer_errors(void **state)
{
    (void)state;
    Tmp t;
    tmp_open(&t);
    tmp_write(&t, "c.csv", "id,market,frequency,butter[t]\n"
                           "c1,city,1,2\n"
                           "c1,city,2,3\n"
                           ",nowhere,x,4\n");
    char name[256];
    snprintf(name, sizeof name, "%s/main.dairy", t.dir);
    Fix *c = NULL;
    c_check_named(&c, name, "currency BYN\n"
                            "product butter { milk 21 t/t; price 1 BYN/t }\n"
                            "market city { demand from customers }\n"
                            "customers from \"c.csv\"\n");
    assert_null(c->m);
    assert_has(c->out, "c.csv:3:1: error: duplicate customer id `c1`\n");
    assert_has(c->out, "c.csv:4:1: error: customer has no `id`\n");
    assert_has(c->out, "c.csv:4:2: error: unknown market `nowhere`\n");
    fix_close(&c);
    tmp_close(&t);
}

/* ------------------------------------------------------------ customers */

static void test_inline_customers(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = c_ok(&c, BASE_CUSTOMERS);
    const Customers *cu = &m->customers;
    assert_true(cu->present);
    assert_null(cu->path);
    assert_int_equal(cu->n, 3);
    assert_true(m->markets[0].from_customers);
    const Column *rec = &cu->cols[find_column(cu, "recency")];
    assert_int_equal(rec->kind, COL_NUMBER);
    assert_near(rec->num[0], 12);
    assert_true(isnan(rec->num[1])); /* `-` is missing */
    assert_near(rec->num[2], 14);    /* 2 weeks in a days column */
    const Column *ch = &cu->cols[find_column(cu, "channel")];
    assert_int_equal(ch->kind, COL_TEXT); /* `24 retail`: retail is text */
    assert_string_equal(cell_text(cu, ch, 0), "retail");
    assert_string_equal(cell_text(cu, ch, 2), "ABC");
    const Column *mon = &cu->cols[find_column(cu, "monetary")];
    assert_true(isnan(mon->num[1]));
    assert_near(mon->num[0], 180000);
    const Column *bu = &cu->cols[find_column(cu, "butter")];
    assert_int_equal(bu->kind, COL_VOLUME);
    assert_near(bu->num[1], 2.5);
    assert_near(bu->num[2], 0.5); /* 500 kg */
    /* the market's own price line, without a volume */
    assert_int_equal(m->ndemands, 1);
    assert_false(m->demands[0].has_volume);
    assert_near(m->demands[0].price, 9000);
    fix_close(&c);
}

static void test_inline_customers_cell_units(void **state)
{
    (void)state;
    /* docs/language.md 7.1: without a unit in the header, the cells write
     * their own units (`12 days`, `180_000 BYN`, `40 t`) */
    Fix *c = NULL;
    Model *m = c_ok(&c, "currency BYN\n"
                        "product butter725 { milk 21 t/t }\n"
                        "product milk32 { milk 1.02 t/t }\n"
                        "market minsk { demand from customers; demand butter725 price 1 BYN/t;"
                        " demand milk32 price 1 BYN/t }\n"
                        "customers {\n"
                        "  id    market  recency  frequency  channel  monetary     butter725  milk32\n"
                        "  c001  minsk   12 days  24         retail   180_000 BYN  40 t       310 t\n"
                        "  c002  minsk   -        3          \"ABC\"    -            2.5 t      -\n"
                        "}\n");
    const Customers *cu = &m->customers;
    const Column *rec = &cu->cols[find_column(cu, "recency")];
    assert_int_equal(rec->kind, COL_NUMBER);
    assert_true(dim_eq(rec->dim, dim_time()));
    assert_near(rec->num[0], 12);
    const Column *mon = &cu->cols[find_column(cu, "monetary")];
    assert_true(dim_eq(mon->dim, dim_money()));
    assert_near(mon->num[0], 180000);
    const Column *b = &cu->cols[find_column(cu, "butter725")];
    assert_near(b->num[1], 2.5);
    fix_close(&c);
}

static void test_customer_column_errors(void **state)
{
    (void)state;
    EXPECT_ERRORS(BASE_CUSTOMERS "market m2 { demand from customers }\ncustomers {\n  id\n  x\n}\n", -1,
                  "error: customers are declared twice\n");
    EXPECT_ERRORS("currency BYN\nproduct b { milk 1 }\ncustomers {\n  name b[t]\n  x 1\n}\n", 1,
                  "error: customers need an `id` column\n");
    EXPECT_ERRORS("currency BYN\nproduct b { milk 1 }\nmarket m { demand from customers; demand b price 1 BYN/t }\n"
                  "customers {\n  id b[t]\n  x 1\n}\n", 1,
                  "error: customers need a `market` column: a market takes demand from customers\n");
    EXPECT_ERRORS("currency BYN\nproduct b { milk 1 }\nmarket m {}\n"
                  "customers {\n  id market\n  x m\n}\n", 1,
                  "t.dairy:6:5: error: market `m` does not take demand from customers\n");
    EXPECT_ERRORS("currency BYN\nproduct b { milk 1 }\n"
                  "customers {\n  id freq b[t]\n  x 1 y\n  z a 2\n}\n", 1,
                  "t.dairy:5:7: error: text `y` in numeric column `b`\n");
    EXPECT_ERRORS("currency BYN\nmarket m { demand from customers }\n", 1,
                  "error: market `m` takes demand from customers, but the model has no customers\n");
    EXPECT_ERRORS(BASE_CUSTOMERS "market m2 { demand from customers; demand butter 1 t price 1 BYN/t }\n", 1,
                  "error: market `m2` takes demand from customers: its `demand` lines give a price, "
                  "not a volume\n");
}

/* ------------------------------------------------------------ lets, segments */

static void test_lets_and_segments(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = c_ok(&c, BASE_CUSTOMERS
                    "let r = quintile(-recency)\n"
                    "let fm = (ntile(frequency, 4) + r) / 2\n"
                    "let big = monetary >= 100_000 BYN and recency <= 4 weeks\n"
                    "let per = monetary / butter\n"
                    "let ch = channel\n"
                    "segment champions \"Champions\" when r >= 4 and big strategy vip\n"
                    "segment horeca when channel in (\"horeca\", \"ABC\") or not big strategy st\n"
                    "segment money when per > 10 BYN/t strategy st\n"
                    "segment rest strategy st\n");
    assert_int_equal(m->nlets, 5);
    assert_string_equal(m->lets[0].n.name, "r");
    assert_int_equal(m->lets[0].type, T_NUMBER);
    assert_true(dim_is_ratio(m->lets[0].dim));
    assert_non_null(m->lets[0].expr);
    assert_int_equal(m->lets[1].type, T_NUMBER);
    assert_int_equal(m->lets[2].type, T_BOOL);
    assert_int_equal(m->lets[3].type, T_NUMBER);
    assert_true(dim_eq(m->lets[3].dim, dim_money_per_mass()));
    assert_int_equal(m->lets[4].type, T_TEXT);

    assert_int_equal(m->nsegments, 4);
    assert_string_equal(m->segments[0].n.name, "champions");
    assert_string_equal(m->segments[0].n.label, "Champions");
    assert_int_equal(m->segments[0].strategy, 1);
    assert_non_null(m->segments[0].when);
    assert_int_equal(m->segments[0].when->kind, RX_AND);
    assert_int_equal(m->segments[1].strategy, 0);
    assert_null(m->segments[3].when); /* every customer that reaches it */
    assert_null(m->segments[3].n.label);
    fix_close(&c);
}

static void test_let_segment_errors(void **state)
{
    (void)state;
    EXPECT_ERRORS(BASE_CUSTOMERS "let a = b + 1\nlet b = frequency\n", 1,
                  "t.dairy:19:9: error: `b` is defined below, at line 20\n");
    EXPECT_ERRORS(BASE_CUSTOMERS "let c = recency <= 30\n", 1,
                  "t.dairy:19:20: error: expected time, found a bare number `30`\n", "hint: write `30 days`\n");
    EXPECT_ERRORS(BASE_CUSTOMERS "let d = channel < \"x\"\n", 1,
                  "error: text is compared with `==`, `!=` or `in` only\n");
    EXPECT_ERRORS(BASE_CUSTOMERS "let e = quintile(chanel)\n", 1,
                  "t.dairy:19:18: error: unknown name `chanel`: not a customer column or a `let`\n",
                  "hint: did you mean `channel`?\n");
    EXPECT_ERRORS(BASE_CUSTOMERS "let f = ntile(frequency, 0)\n", 1,
                  "error: the number of bins must be a whole number from 1 to 1000\n");
    EXPECT_ERRORS(BASE_CUSTOMERS "let g = quintile(frequency, 2)\n", 1,
                  "error: `quintile` takes 1 argument, found 2\n");
    EXPECT_ERRORS(BASE_CUSTOMERS "let h = foo(frequency)\n", 1, "error: unknown function `foo`\n");
    EXPECT_ERRORS(BASE_CUSTOMERS "let c = 1\nlet c = 2\n", 1, "t.dairy:20:5: error: `let c` is defined twice\n");
    EXPECT_ERRORS(BASE_CUSTOMERS "let frequency = 2\n", 1,
                  "error: `frequency` is already a customer column\n");
    EXPECT_ERRORS(BASE_CUSTOMERS "let x = channel in (\"a\", 1)\n", 1,
                  "error: expected text in the list, found a number\n");
    EXPECT_ERRORS(BASE_CUSTOMERS "let x = recency + monetary\n", 1, "error: cannot combine time with money\n");
    EXPECT_ERRORS(BASE_CUSTOMERS "let x = channel == 1\n", 1, "error: cannot compare text with a number\n");
    EXPECT_ERRORS(BASE_CUSTOMERS "segment s when frequency strategy st\n", 1,
                  "t.dairy:19:16: error: expected a condition after `when`, found a number\n");
    EXPECT_ERRORS(BASE_CUSTOMERS "segment s when frequency > 1 strategy nope\n", 1,
                  "t.dairy:19:39: error: unknown strategy `nope`\n");
    EXPECT_ERRORS(BASE_CUSTOMERS "segment s when frequency > 1 and 2 strategy st\n", 1,
                  "error: expected a condition beside `and`, found a number\n");
    EXPECT_ERRORS(BASE_CUSTOMERS "segment st strategy st\n", 1,
                  "error: `st` is already the name of a strategy\n");
}

static void test_segments_need_customers(void **state)
{
    (void)state;
    EXPECT_ERRORS(BASE "strategy st {}\nsegment rest strategy st\n", 1,
                  "t.dairy:13:9: error: segment `rest` has no customers to segment\n");
    EXPECT_ERRORS(BASE "strategy st {}\nsegment s when x > 1 strategy st\n", 1,
                  "t.dairy:13:16: error: unknown customer column `x`: the model declares no customers\n");
}

/* ------------------------------------------------------------ scenarios */

static const char *const scenario_model =
    BASE
    "product milk32 { milk 1.02 t/t }\n"
    "plant p2 { capacity 1 t; makes milk32 1 t cost 1 BYN/t; optional; fixed 5 BYN }\n"
    "market town { demand milk32 1..2 t price 3 BYN/t }\n"
    "scenario dry \"Dry summer\" {\n"
    "  scale farm * supply 85%\n"
    "  set farm north price 900 BYN/t\n"
    "  scale market city demand butter 120%\n"
    "  set market town demand milk32 500 kg..2 t\n"
    "  set plant p1 output butter 500 t\n"
    "  scale plant * cost milk32 0.5\n"
    "  set plant p2 fixed 1_000 BYN\n"
    "  close plant p1\n"
    "  open plant p2\n"
    "  scale transport milk 110%\n"
    "  set transport product 0.7 BYN/t/km\n"
    "  set transport milk32 0.8 BYN/t/km\n"
    "  set product butter price 0.5 BYN/kg\n"
    "  set product butter milk 22\n"
    "  set market town price milk32 4 BYN/t\n"
    "}\n"
    "scenario empty {}\n";

static void test_scenario_actions(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = c_ok(&c, scenario_model);
    assert_int_equal(m->nscenarios, 2);
    const Scenario *s = &m->scenarios[0];
    assert_string_equal(s->n.name, "dry");
    assert_string_equal(s->n.label, "Dry summer");
    assert_int_equal(s->nactions, 15);
    assert_int_equal(m->scenarios[1].nactions, 0);
    const ScenarioAction *a = s->actions;

    /* scale farm * supply 85% */
    assert_int_equal(a[0].op, SC_SCALE);
    assert_int_equal(a[0].kind, K_FARM);
    assert_int_equal(a[0].entity, -1);
    assert_int_equal(a[0].prop, SP_SUPPLY);
    assert_int_equal(a[0].product, -1);
    assert_near(a[0].ratio, 0.85);
    /* set farm north price 900 BYN/t */
    assert_int_equal(a[1].op, SC_SET);
    assert_int_equal(a[1].kind, K_FARM);
    assert_int_equal(a[1].entity, 0);
    assert_int_equal(a[1].prop, SP_PRICE);
    assert_false(a[1].is_range);
    assert_range(a[1].value, 900, 900);
    /* scale market city demand butter 120% */
    assert_int_equal(a[2].op, SC_SCALE);
    assert_int_equal(a[2].kind, K_MARKET);
    assert_int_equal(a[2].entity, 0);
    assert_int_equal(a[2].prop, SP_DEMAND);
    assert_int_equal(a[2].product, 0);
    assert_near(a[2].ratio, 1.2);
    /* set market town demand milk32 500 kg..2 t */
    assert_int_equal(a[3].op, SC_SET);
    assert_int_equal(a[3].entity, 1);
    assert_int_equal(a[3].product, 1);
    assert_true(a[3].is_range);
    assert_range(a[3].value, 0.5, 2);
    /* set plant p1 output butter 500 t: a single value is 0..B */
    assert_int_equal(a[4].kind, K_PLANT);
    assert_int_equal(a[4].prop, SP_OUTPUT);
    assert_int_equal(a[4].product, 0);
    assert_true(a[4].is_range);
    assert_range(a[4].value, 0, 500);
    /* scale plant * cost milk32 0.5 */
    assert_int_equal(a[5].entity, -1);
    assert_int_equal(a[5].prop, SP_COST);
    assert_int_equal(a[5].product, 1);
    assert_near(a[5].ratio, 0.5);
    /* set plant p2 fixed 1_000 BYN */
    assert_int_equal(a[6].entity, 1);
    assert_int_equal(a[6].prop, SP_FIXED);
    assert_range(a[6].value, 1000, 1000);
    /* close plant p1, open plant p2 */
    assert_int_equal(a[7].op, SC_CLOSE);
    assert_int_equal(a[7].kind, K_PLANT);
    assert_int_equal(a[7].entity, 0);
    assert_int_equal(a[8].op, SC_OPEN);
    assert_int_equal(a[8].entity, 1);
    /* transport rates: kind K_COUNT, no entity */
    assert_int_equal(a[9].op, SC_SCALE);
    assert_int_equal(a[9].kind, K_COUNT);
    assert_int_equal(a[9].entity, -1);
    assert_int_equal(a[9].prop, SP_MILK);
    assert_int_equal(a[9].product, -1);
    assert_near(a[9].ratio, 1.1);
    assert_int_equal(a[10].op, SC_SET);
    assert_int_equal(a[10].kind, K_COUNT);
    assert_int_equal(a[10].prop, SP_TRANSPORT);
    assert_int_equal(a[10].product, -1);
    assert_range(a[10].value, 0.7, 0.7);
    assert_int_equal(a[11].prop, SP_TRANSPORT);
    assert_int_equal(a[11].product, 1);
    assert_range(a[11].value, 0.8, 0.8);
    /* product properties */
    assert_int_equal(a[12].kind, K_PRODUCT);
    assert_int_equal(a[12].entity, 0);
    assert_int_equal(a[12].prop, SP_PRICE);
    assert_range(a[12].value, 500, 500); /* 0.5 BYN/kg */
    assert_int_equal(a[13].prop, SP_MILK);
    assert_range(a[13].value, 22, 22);
    /* a market's price of a product */
    assert_int_equal(a[14].kind, K_MARKET);
    assert_int_equal(a[14].prop, SP_PRICE);
    assert_int_equal(a[14].product, 1);
    assert_range(a[14].value, 4, 4);
    fix_close(&c);
}

static void test_scenario_errors(void **state)
{
    (void)state;
    EXPECT_ERRORS(BASE "scenario s { scale farm nowhere supply 85% }\n", 1,
                  "t.dairy:12:25: error: unknown farm `nowhere`\n");
    EXPECT_ERRORS(BASE "scenario s { scale farm * supply 1 t }\n", 1,
                  "error: expected ratio (e.g. \"85%\"), found mass \"1 t\"\n");
    EXPECT_ERRORS(BASE "scenario s { set farm north price 900 }\n", 1,
                  "error: expected money per mass, found a bare number `900`\n");
    EXPECT_ERRORS(BASE "scenario s { open plant p1 }\n", 1,
                  "t.dairy:12:25: error: plant `p1` is not optional: it is always open\n");
    EXPECT_ERRORS(BASE "scenario s { scale plant p1 output cheese 1 }\n", 1,
                  "error: unknown product `cheese`\n");
    EXPECT_ERRORS(BASE "product k { milk 1 }\nscenario s { scale plant p1 output k 1 }\n", 1,
                  "error: plant `p1` has no line of `k`\n");
    EXPECT_ERRORS(BASE "scenario s { scale farm north capacity 1 }\n", 1,
                  "error: a scenario cannot change `capacity` of a farm\n");
    EXPECT_ERRORS(BASE "scenario s { scale city * demand 1 }\n", 1,
                  "error: a scenario changes a farm, plant, market, product, strategy, segment or transport, not `city`\n");
    EXPECT_ERRORS(BASE "scenario s { move farm north }\n", 1,
                  "error: unknown scenario statement `move`\n");
    EXPECT_ERRORS(BASE "scenario s { set market city demand 1 t }\n", 1,
                  "error: `set market ... demand` needs a product\n");
    EXPECT_ERRORS(BASE "scenario s { scale farm * supply -5% }\n", 1, "error: a scale cannot be negative\n");
}

/* docs/language.md 8: in a market with `demand from customers`, `set` of
 * its demand is an error (the volumes are the customers'). */
static void test_scenario_set_customer_demand(void **state)
{
    (void)state;
    Fix *c = NULL;
    /* scaling the customer classes is allowed */
    c_ok(&c, BASE_CUSTOMERS "scenario s { scale market city demand butter 50% }\n");
    fix_close(&c);
    c_check_named(&c, "t.dairy", BASE_CUSTOMERS "scenario s { set market city demand butter 1 t }\n");
    if (c->m)
        fail_msg("`set market city demand` in a customers market was accepted");
    assert_true(c->d.errors >= 1);
    fix_close(&c);
}

/* docs/language.md 8: `scale` of a missing value is an error, and `*` is an
 * error when no entity of the kind has the property. */
static void test_scenario_scale_missing_value(void **state)
{
    (void)state;
    Fix *c = NULL;
    /* milk32 has no price and no transport rate in this model */
    const char *model = "currency BYN\nproduct milk32 { milk 1.02 t/t }\n";
    static const char *const bad[] = {
        "scale product milk32 price 50%",
        "scale product * price 50%",
        "scale product milk32 transport 50%",
        "scale transport milk 110%",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char src[512];
        snprintf(src, sizeof src, "%sscenario s { %s }\n", model, bad[i]);
        c_check_named(&c, "t.dairy", src);
        if (c->m)
            fail_msg("`%s` of a value that is not given was accepted", bad[i]);
        assert_true(c->d.errors >= 1);
        fix_close(&c);
    }
}

/* docs/language.md 8: "`set` of a property that has no value yet (a
 * product's `price`, a product's own transport rate) gives it one". */
static void test_scenario_set_gives_missing_value(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = c_ok(&c, "currency BYN\nproduct milk32 { milk 1.02 t/t }\n"
                        "scenario s {\n"
                        "  set product milk32 price 2 BYN/t\n"
                        "  set product milk32 transport 0.5 BYN/t/km\n"
                        "}\n");
    const ScenarioAction *a = m->scenarios[0].actions;
    assert_int_equal(m->scenarios[0].nactions, 2);
    assert_int_equal(a[0].op, SC_SET);
    assert_int_equal(a[0].kind, K_PRODUCT);
    assert_int_equal(a[0].entity, 0);
    assert_int_equal(a[0].prop, SP_PRICE);
    assert_range(a[0].value, 2, 2);
    assert_int_equal(a[1].prop, SP_TRANSPORT);
    assert_range(a[1].value, 0.5, 0.5);
    fix_close(&c);
}

/* ------------------------------------------------------------ no model on error */

/* ------------------------------------------------------------ components and grades */

#define QUALITY                                                                              \
    "currency BYN\n"                                                                         \
    "components fat, protein\n"                                                              \
    "pay by fat 3.4%\n"                                                                      \
    "grades second, first, high, extra\n"                                                    \
    "farm north { supply 750 t; price 820 BYN/t; fat 3.9%; protein 3.25%; grade high }\n"   \
    "farm south { supply 500 t; price 790 BYN/t; fat 0.035; protein 3.1% }\n"               \
    "product butter { fat 74%; protein 0.6%; price 9_800 BYN/t }\n"                         \
    "product baby { milk 1.02 t/t; fat 3.2%; grade extra; price 4_000 BYN/t }\n"            \
    "plant p { capacity 900 t; makes butter 40 t cost 1 BYN/t; makes baby 90 t cost 1 BYN/t }\n" \
    "market m { demand butter 40 t; demand baby 90 t }\n"                                   \
    "routes {\n  from to distance\n  north p 10 km\n  south p 20 km\n  p m 5 km\n}\n"       \
    "transport { milk 0.5 BYN/t/km; product 0.7 BYN/t/km }\n"

static void test_quality_fields(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = c_ok(&c, QUALITY);
    assert_int_equal(m->ncomponents, 2);
    assert_string_equal(m->components[0].name, "fat");
    assert_string_equal(m->components[1].name, "protein");
    assert_int_equal(m->pay_by, 0);
    assert_true(fabs(m->pay_basis - 0.034) < 1e-12);
    assert_int_equal(m->ngrades, 4);
    assert_string_equal(m->grades[3].name, "extra");
    /* farms: every content, the grade (default the lowest) */
    assert_true(fabs(m->farms[0].content[0] - 0.039) < 1e-12);
    assert_true(fabs(m->farms[0].content[1] - 0.0325) < 1e-12);
    assert_int_equal(m->farms[0].grade, 2);
    assert_true(fabs(m->farms[1].content[0] - 0.035) < 1e-12);
    assert_int_equal(m->farms[1].grade, 0);
    /* products: a norm optional, a component not given is 0 */
    assert_false(m->products[0].has_milk);
    assert_true(m->products[0].milk == 0);
    assert_true(fabs(m->products[0].content[0] - 0.74) < 1e-12);
    assert_int_equal(m->products[0].grade, 0);
    assert_true(m->products[1].has_milk);
    assert_true(fabs(m->products[1].milk - 1.02) < 1e-12);
    assert_true(m->products[1].content[1] == 0);
    assert_int_equal(m->products[1].grade, 3);
    fix_close(&c);
}

/* Without `components` and `grades`: every product has its norm, nothing
 * else is filled. */
static void test_quality_absent(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = c_ok(&c, BASE);
    assert_int_equal(m->ncomponents, 0);
    assert_int_equal(m->ngrades, 0);
    assert_int_equal(m->pay_by, -1);
    assert_null(m->components);
    assert_null(m->grades);
    for (int i = 0; i < m->nproducts; i++) {
        assert_true(m->products[i].has_milk);
        assert_null(m->products[i].content);
        assert_int_equal(m->products[i].grade, 0);
    }
    for (int i = 0; i < m->nfarms; i++) {
        assert_null(m->farms[i].content);
        assert_int_equal(m->farms[i].grade, 0);
    }
    fix_close(&c);
}

static void test_quality_errors(void **state)
{
    (void)state;
    EXPECT_ERRORS("currency BYN\ncomponents fat\ncomponents fat\n", 1,
                  "`components` is declared twice");
    EXPECT_ERRORS("currency BYN\npay by fat 3%\n", 1, "declares no components");
    EXPECT_ERRORS("currency BYN\ncomponents fat\npay by fat 0%\n", 1, "not above 0");
    EXPECT_ERRORS("currency BYN\ncomponents price\n", 1, "cannot be named `price`");
    EXPECT_ERRORS("currency BYN\ngrades low, low\n", 1, "grade `low` is named twice");
    EXPECT_ERRORS("currency BYN\ncomponents fat\n"
                  "farm f { supply 1 t; price 1 BYN/t }\n", 1,
                  "farm `f` does not give its milk's `fat` content", "add `fat 3.9%`");
    EXPECT_ERRORS("currency BYN\ncomponents fat\n"
                  "farm f { supply 1 t; price 1 BYN/t; fat 101% }\n", 1, "over 100%");
    EXPECT_ERRORS("currency BYN\ncomponents fat\nproduct b { price 1 BYN/t }\n", 1,
                  "product `b` draws nothing");
    EXPECT_ERRORS("currency BYN\ncomponents fat\ngrades low, high\n"
                  "product b { fat 80%; grade high }\n", 1, "has no `milk` norm");
    EXPECT_ERRORS("currency BYN\ngrades low, high\n"
                  "farm f { supply 1 t; price 1 BYN/t; grade hihg }\n", 1,
                  "unknown grade `hihg`", "did you mean `high`?");
    EXPECT_ERRORS("currency BYN\nfarm f { supply 1 t; price 1 BYN/t; fat 3.9% }\n", 1,
                  "declare it at the top of the model: `components fat`");
}

/* The declaration words are not reserved: names elsewhere. */
static void test_quality_words_not_reserved(void **state)
{
    (void)state;
    Fix *c = NULL;
    Model *m = c_ok(&c, "currency BYN\nfarm pay { supply 1 t; price 1 BYN/t }\n"
                        "product components { milk 1 t/t }\nproduct grades { milk 2 t/t }\n");
    assert_string_equal(m->farms[0].n.name, "pay");
    assert_string_equal(m->products[0].n.name, "components");
    assert_string_equal(m->products[1].n.name, "grades");
    fix_close(&c);
}

static void test_no_model_after_any_error(void **state)
{
    (void)state;
    /* one bad value among a valid model: exactly one error, no model */
    Fix *c = NULL;
    c_err(&c, BASE "farm f2 { supply 1 t; price 1 BYN/t; at 1 }\n");
    assert_int_equal(c->d.errors, 1);
    assert_null(c->m);
    fix_close(&c);

    /* a syntax error stops before the checks: no cascade of name errors */
    c_err(&c, BASE "market m2 { demand nothing 1 t }\nfarm 12 {}\n");
    assert_int_equal(c->d.errors, 1);
    assert_has(c->out, "t.dairy:13:6: error: unexpected `12`, expected name\n");
    assert_null(strstr(c->out, "nothing"));
    fix_close(&c);

    /* an error in a used file counts as well */
    c_err(&c, BASE "use std.nope\n");
    assert_null(c->m);
    fix_close(&c);
}

static void test_many_errors_capped(void **state)
{
    (void)state;
    char src[8192];
    size_t k = (size_t)snprintf(src, sizeof src, "%s", BASE);
    for (int i = 0; i < 30; i++)
        k += (size_t)snprintf(src + k, sizeof src - k, "market m%d { demand nothing%d 1 t }\n", i, i);
    Fix *c = NULL;
    c_err(&c, src);
    assert_true(c->d.errors >= DIAG_MAX_ERRORS);
    int shown = 0;
    for (const char *p = strstr(c->out, ": error: "); p; p = strstr(p + 1, ": error: "))
        shown++;
    assert_int_equal(shown, DIAG_MAX_ERRORS);
    fix_close(&c);
}

static void test_check_twice_same_result(void **state)
{
    (void)state;
    /* two runs are independent: nothing is left over from the first */
    Fix *a = NULL, *b = NULL;
    Model *ma = c_ok(&a, small_model);
    Model *mb = c_ok(&b, small_model);
    assert_int_equal(ma->nproducts, mb->nproducts);
    assert_int_equal(ma->nroutes, mb->nroutes);
    assert_near(ma->farms[0].supply.lo, mb->farms[0].supply.lo);
    fix_close(&a);
    fix_close(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_model_values),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_at_coordinates),
        cmocka_unit_test(test_single_value_means_zero_to_b),
        cmocka_unit_test(test_units_to_base),
        cmocka_unit_test(test_bare_milk_norm_and_ratio_positions),
        cmocka_unit_test(test_demand_price_from_product),
        cmocka_unit_test(test_transport_lines_for_products),
        cmocka_unit_test(test_declaration_order_is_free),
        cmocka_unit_test(test_inline_tables),
        cmocka_unit_test(test_routes_matrix),
        cmocka_unit_test(test_currency_may_repeat),
        cmocka_unit_test(test_unknown_name_did_you_mean),
        cmocka_unit_test(test_wrong_kind),
        cmocka_unit_test(test_duplicate_names),
        cmocka_unit_test(test_route_errors),
        cmocka_unit_test(test_required_properties),
        cmocka_unit_test(test_missing_transport_rate),
        cmocka_unit_test(test_unit_errors),
        cmocka_unit_test(test_negative_single_value),
        cmocka_unit_test(test_money_without_currency),
        cmocka_unit_test(test_second_currency),
        cmocka_unit_test(test_header_errors),
        cmocka_unit_test(test_table_errors),
        cmocka_unit_test(test_use_relative_file),
        cmocka_unit_test(test_use_relative_to_the_using_file),
        cmocka_unit_test(test_use_file_read_once_and_cycle),
        cmocka_unit_test(test_use_std_module),
        cmocka_unit_test(test_unknown_name_lists_kind),
        cmocka_unit_test(test_use_errors),
        cmocka_unit_test(test_use_std_not_installed),
        cmocka_unit_test(test_check_file_io_error),
        cmocka_unit_test(test_csv_farms),
        cmocka_unit_test(test_csv_errors_name_file_line_column),
        cmocka_unit_test(test_csv_customers),
        cmocka_unit_test(test_csv_customer_errors),
        cmocka_unit_test(test_inline_customers),
        cmocka_unit_test(test_inline_customers_cell_units),
        cmocka_unit_test(test_customer_column_errors),
        cmocka_unit_test(test_lets_and_segments),
        cmocka_unit_test(test_let_segment_errors),
        cmocka_unit_test(test_segments_need_customers),
        cmocka_unit_test(test_scenario_actions),
        cmocka_unit_test(test_scenario_errors),
        cmocka_unit_test(test_scenario_set_customer_demand),
        cmocka_unit_test(test_scenario_scale_missing_value),
        cmocka_unit_test(test_scenario_set_gives_missing_value),
        cmocka_unit_test(test_quality_fields),
        cmocka_unit_test(test_quality_absent),
        cmocka_unit_test(test_quality_errors),
        cmocka_unit_test(test_quality_words_not_reserved),
        cmocka_unit_test(test_no_model_after_any_error),
        cmocka_unit_test(test_many_errors_capped),
        cmocka_unit_test(test_check_twice_same_result),
    };
    return cmocka_run_group_tests(tests, NULL, fix_close_leftovers);
}
