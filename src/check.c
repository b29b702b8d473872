/* check.c — from parsed files to the checked model.
 *
 * Passes, each over every declaration in reading order:
 *   0. header: model title, the one currency, objective
 *   1. names: every entity gets its index (declaration order) and its name
 *      in the one namespace; tables that declare entities are read here
 *   2. properties, lines, demands, routes, transport
 *   3. customers, then `let` and segments against the customer columns
 *   4. scenarios, which may name anything above; then periods (their
 *      table rows, then their blocks) and stores
 *   5. whole-model checks (required properties, rates routes need)
 * Names are resolved only once everything is read, so declarations may come
 * in any order and across `use`d files.
 *
 * This file holds the passes; what they call is in check_*.c, one job a
 * file (names, value, entity, table, rows, route, customers, expr,
 * scenario, quality, period, use), sharing the state Ck and the ck_ functions of check_int.h. */
#include "check_int.h"
#include "xalloc.h"
#include "vec.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const table_names[] = {"products", "farms",   "plants", "lines",
                                          "markets",  "demands", "routes", "customers",
                                          "stores",   NULL};


static void pass_header(Ck *c)
{
    const Decl **dv = c->decls.data;
    const Decl *title = NULL, *cur = NULL, *obj = NULL;
    for (size_t i = 0; i < c->decls.len; i++) {
        const Decl *d = dv[i];
        const Decl **first = d->kind == D_MODEL ? &title : d->kind == D_CURRENCY ? &cur
                           : d->kind == D_OBJECTIVE ? &obj : NULL;
        if (!first)
            continue;
        if (*first && d->kind == D_CURRENCY && strcmp((*first)->name, d->name) == 0)
            continue; /* a used file may repeat the model's currency */
        if (*first && d->kind == D_CURRENCY) {
            diag_error(c->d, d->name_span, "a second currency `%s`: the model's currency is `%s`",
                       d->name, (*first)->name);
            diag_note(c->d, (*first)->span, "the currency is declared here");
            diag_hint(c->d, "a model has one currency; convert amounts to %s", (*first)->name);
            continue;
        }
        if (*first) {
            diag_error(c->d, d->span, "the %s is declared twice",
                       d->kind == D_MODEL ? "model title" : "objective");
            diag_note(c->d, (*first)->span, "first declared here");
            diag_hint(c->d, "keep one of them");
            continue;
        }
        *first = d;
        if (d->kind == D_MODEL) {
            c->m->title = d->label;
        } else if (d->kind == D_CURRENCY) {
            const char *s = d->name;
            bool ok = strlen(s) == 3;
            for (int k = 0; ok && k < 3; k++)
                ok = s[k] >= 'A' && s[k] <= 'Z';
            if (!ok) {
                diag_error(c->d, d->name_span, "currency `%s` is not a currency code", s);
                diag_hint(c->d, "write three capital letters, as in `currency BYN`");
                c->currency_missing_said = true; /* no "no currency" after this */
                continue;
            }
            memcpy(c->m->currency, s, 4);
            c->has_currency = true;
            c->currency_span = d->name_span;
        } else {
            if (strcmp(d->name, "maximize") == 0 && strcmp(d->name2, "profit") == 0)
                c->m->objective = OBJ_MAX_PROFIT;
            else if (strcmp(d->name, "minimize") == 0 && strcmp(d->name2, "cost") == 0)
                c->m->objective = OBJ_MIN_COST;
            else {
                diag_error(c->d, (Span){d->name_span.file, d->name_span.lo, d->name2_span.hi},
                           "unknown objective `%s %s`", d->name, d->name2);
                diag_hint(c->d, "write `objective maximize profit` or `objective minimize cost`");
            }
        }
    }
    ck_quality_header(c);
    ck_periods_header(c);
}

static int table_kind(Ck *c, const Decl *d)
{
    for (int i = 0; table_names[i]; i++)
        if (strcmp(table_names[i], d->name) == 0)
            return i;
    diag_error(c->d, d->name_span, "unknown table `%s`", d->name);
    size_t ntables = sizeof table_names / sizeof *table_names - 1; /* NULL ends it */
    const char *best = diag_closest(d->name, table_names, ntables);
    if (best)
        diag_hint(c->d, "did you mean `%s`?", best);
    else
        diag_hint(c->d, "tables are products, farms, plants, lines, markets, demands, routes, "
                        "customers and stores");
    return -1;
}

static void pass_names(Ck *c, int *kinds)
{
    const Decl **dv = c->decls.data;
    for (size_t i = 0; i < c->decls.len; i++) {
        const Decl *d = dv[i];
        kinds[i] = -1;
        if (d->kind == D_ENTITY)
            kinds[i] = ck_add_entity(c, d->entity, d->name, d->label, d->name_span);
        else if (d->kind == D_SEGMENT)
            ck_add_entity(c, K_SEGMENT, d->name, d->label, d->name_span);
        else if (d->kind == D_TABLE) {
            kinds[i] = table_kind(c, d);
            if (kinds[i] == 0 || kinds[i] == 1 || kinds[i] == 2 || kinds[i] == 4)
                ck_read_table(c, d, kinds[i]); /* tables that declare entities */
        }
    }
}

static void pass_props(Ck *c, const int *kinds)
{
    const Decl **dv = c->decls.data;
    const Decl *first_transport = NULL;
    for (size_t i = 0; i < c->decls.len && !diag_full(c->d); i++) {
        const Decl *d = dv[i];
        if (d->kind == D_ENTITY && kinds[i] >= 0) {
            int before = c->d->errors;
            switch (d->entity) {
            case K_PRODUCT: ck_product_props(c, d, kinds[i]); break;
            case K_FARM: ck_farm_props(c, d, kinds[i]); break;
            case K_PLANT: ck_plant_props(c, d, kinds[i]); break;
            case K_MARKET: ck_market_props(c, d, kinds[i]); break;
            case K_STRATEGY: ck_strategy_props(c, d, kinds[i]); break;
            default: break;
            }
            if (c->d->errors > before)
                ck_named_at(c, d->entity, kinds[i])->bad = true;
        } else if (d->kind == D_TRANSPORT) {
            if (first_transport) {
                diag_error(c->d, d->kw_span, "`transport` is declared twice");
                diag_note(c->d, first_transport->kw_span, "first declared here");
                diag_hint(c->d, "a model has one `transport` block; merge them");
                continue;
            }
            first_transport = d;
            ck_transport_props(c, d);
        } else if (d->kind == D_TABLE) {
            if (kinds[i] == 3 || kinds[i] == 5 || kinds[i] == 8)
                ck_read_table(c, d, kinds[i]);
            else if (kinds[i] == 6)
                ck_read_routes(c, d);
        } else if (d->kind == D_MATRIX) {
            ck_matrix_routes(c, d);
        }
    }
}

/* A product that customers of a market buy needs a price there: the
 * market's `demand P price C` line or the product's own `price`. */
static void customer_prices(Ck *c)
{
    const Customers *cu = &c->m->customers;
    if (!cu->present || cu->market_col < 0)
        return;
    const int *mkt = cu->cols[cu->market_col].text;
    bool *priced = xmalloc(c->markets.len + 1);
    for (int j = 0; j < cu->ncols; j++) {
        const Column *col = &cu->cols[j];
        if (col->kind != COL_VOLUME || !col->num)
            continue;
        const Product *pr = &PRODUCTS[col->product];
        for (size_t k = 0; k < c->markets.len; k++)
            priced[k] = pr->has_price;
        const Demand *dm = c->demands.data;
        for (size_t k = 0; k < c->demands.len; k++)
            if (dm[k].product == col->product && dm[k].price_given)
                priced[dm[k].market] = true;
        for (size_t i = 0; i < cu->n; i++) {
            int m = mkt[i];
            if (m < 0 || priced[m] || !(col->num[i] > 0))
                continue;
            priced[m] = true; /* say it once per market */
            diag_error(c->d, col->span, "customers of market `%s` buy `%s`, but it has no price there",
                       MARKETS[m].n.name, pr->n.name);
            diag_hint(c->d, "add `demand %s price ... %s/t` to market `%s`, or a `price` to product `%s`",
                      pr->n.name, ck_model_currency(c) ? ck_model_currency(c) : "BYN",
                      MARKETS[m].n.name, pr->n.name);
        }
    }
    free(priced);
}

/* Properties an entity must have, said once the whole model is read: a
 * product's milk norm, a farm's supply and price, a plant's capacity and
 * at least one line. */
static void required_properties(Ck *c)
{
    for (size_t i = 0; i < c->products.len; i++) {
        Product *p = &PRODUCTS[i];
        if (c->m->ncomponents > 0) { /* a norm is optional: without one, 0 */
            if (isnan(p->milk))
                p->milk = 0;
            continue;
        }
        p->has_milk = true;
        if (isnan(PRODUCTS[i].milk) && !PRODUCTS[i].n.bad) {
            diag_error(c->d, PRODUCTS[i].n.span, "product `%s` has no `milk` norm",
                       PRODUCTS[i].n.name);
            diag_hint(c->d, "add `milk 21.0 t/t`: tonnes of raw milk per tonne of product");
        }
    }
    for (size_t i = 0; i < c->farms.len; i++) {
        const Farm *f = &FARMS[i];
        if (f->n.bad)
            continue;
        if (isnan(f->supply.hi)) {
            diag_error(c->d, f->n.span, "farm `%s` has no `supply`", f->n.name);
            diag_hint(c->d, "add `supply 9_000 t` (or a range `7_000..9_000 t`)");
        }
        if (isnan(f->price)) {
            diag_error(c->d, f->n.span, "farm `%s` has no milk `price`", f->n.name);
            diag_hint(c->d, "add `price 820 %s/t`", ck_model_currency(c) ? ck_model_currency(c) : "BYN");
        }
    }
    bool *has_line = xcalloc(c->plants.len + 1, 1);
    const ProdLine *ln = c->lines.data;
    for (size_t i = 0; i < c->lines.len; i++)
        has_line[ln[i].plant] = true;
    for (size_t i = 0; i < c->plants.len; i++) {
        const Plant *p = &PLANTS[i];
        if (p->n.bad)
            continue;
        if (isnan(p->capacity.hi)) {
            diag_error(c->d, p->n.span, "plant `%s` has no `capacity`", p->n.name);
            diag_hint(c->d, "add `capacity 15_000 t`: the raw milk it can take in");
        }
        if (!has_line[i]) {
            diag_error(c->d, p->n.span, "plant `%s` makes nothing", p->n.name);
            diag_hint(c->d, "add a line: `makes butter 400 t cost 310 %s/t`",
                      ck_model_currency(c) ? ck_model_currency(c) : "BYN");
        }
    }
    free(has_line);
}

/* Each demand line: a volume exactly when its market does not take demand
 * from customers, and a price, its own or else the product's (filled in
 * here, now that every product is known). */
static void demand_lines(Ck *c)
{
    Demand *dm = c->demands.data;
    for (size_t i = 0; i < c->demands.len; i++) {
        const Market *mk = &MARKETS[dm[i].market];
        const Product *pr = &PRODUCTS[dm[i].product];
        if (mk->from_customers && dm[i].has_volume) {
            diag_error(c->d, dm[i].span, "market `%s` takes demand from customers: its `demand` "
                                         "lines give a price, not a volume", mk->n.name);
            diag_hint(c->d, "write `demand %s price ...`; the volume comes from the customers",
                      pr->n.name);
        } else if (!mk->from_customers && !dm[i].has_volume) {
            diag_error(c->d, dm[i].span, "demand for `%s` at market `%s` has no volume",
                       pr->n.name, mk->n.name);
            diag_hint(c->d, "write `demand %s 150..380 t price ...`, or add `demand from "
                            "customers` to the market", pr->n.name);
        }
        if (!dm[i].price_given) {
            if (pr->has_price)
                dm[i].price = pr->price;
            else {
                diag_error(c->d, dm[i].span, "demand for `%s` at market `%s` has no price",
                           pr->n.name, mk->n.name);
                diag_hint(c->d, "add `price 10_400 %s/t` to the line, or a `price` to product `%s`",
                          ck_model_currency(c) ? ck_model_currency(c) : "BYN", pr->n.name);
            }
        }
    }
}

/* The transport rates that routes given by distance need, each missing
 * rate said once, at the first route that needs it: the milk rate for a
 * milk route, and for a product route the rate of each product its plant
 * makes. */
static void distance_rates(Ck *c)
{
    const Transport *t = &c->m->transport;
    const ProdLine *ln = c->lines.data;
    bool milk_said = false;
    bool *prod_said = xcalloc(c->products.len + 1, 1);
    const Route *rt = c->routes.data;
    /* lines grouped by plant (counting sort), so each route sees its own */
    int *by_plant = xcalloc(c->plants.len + 2, sizeof(int));
    int *order = xmalloc((c->lines.len + 1) * sizeof(int));
    for (size_t j = 0; j < c->lines.len; j++)
        by_plant[ln[j].plant + 2]++;
    for (size_t p = 0; p < c->plants.len; p++)
        by_plant[p + 2] += by_plant[p + 1];
    for (size_t j = 0; j < c->lines.len; j++)
        order[by_plant[ln[j].plant + 1]++] = (int)j;
    for (size_t i = 0; i < c->routes.len && !diag_full(c->d); i++) {
        if (!rt[i].has_distance)
            continue;
        if (rt[i].kind == ROUTE_MILK) {
            if (!t->has_milk && !milk_said) {
                milk_said = true;
                diag_error(c->d, rt[i].span, "route `%s → %s` is given by distance, but there is "
                                             "no milk transport rate",
                           FARMS[rt[i].from].n.name, PLANTS[rt[i].to].n.name);
                diag_hint(c->d, "add `transport { milk 0.45 %s/t/km }`, or give the route a `cost`",
                          ck_model_currency(c) ? ck_model_currency(c) : "BYN");
            }
            continue;
        }
        for (int j = by_plant[rt[i].from]; j < by_plant[rt[i].from + 1]; j++) {
            int k = ln[order[j]].product;
            if (PRODUCTS[k].has_transport || t->has_product || prod_said[k])
                continue;
            prod_said[k] = true;
            diag_error(c->d, rt[i].span, "route `%s → %s` is given by distance, but product `%s` "
                                         "has no transport rate",
                       PLANTS[rt[i].from].n.name, MARKETS[rt[i].to].n.name, PRODUCTS[k].n.name);
            diag_hint(c->d, "add `transport { product 0.60 %s/t/km }`, or give the route a `cost`",
                      ck_model_currency(c) ? ck_model_currency(c) : "BYN");
        }
    }
    free(prod_said);
    free(by_plant);
    free(order);
}

/* What no single line can show: required properties never given, demand
 * prices, and the transport rates that routes given by distance need.
 * The steps run in this order because the diagnostics come out in it. */
static void final_checks(Ck *c)
{
    required_properties(c);
    ck_quality_final(c);
    demand_lines(c);
    customer_prices(c);
    if (c->segments.len > INT16_MAX) {
        const Segment *s = &((Segment *)c->segments.data)[INT16_MAX];
        diag_error(c->d, s->n.span, "too many segments (at most %d)", INT16_MAX);
        diag_hint(c->d, "merge segments that share a strategy");
    }
    for (size_t i = 0; i < c->markets.len; i++)
        if (MARKETS[i].from_customers && !c->m->customers.present) {
            diag_error(c->d, MARKETS[i].n.span,
                       "market `%s` takes demand from customers, but the model has no customers",
                       MARKETS[i].n.name);
            diag_hint(c->d, "add `customers from \"customers.csv\"`");
        }
    distance_rates(c);
    /* every product's rate, resolved: its own, else the transport default */
    const Transport *t = &c->m->transport;
    for (size_t i = 0; i < c->products.len; i++) {
        PRODUCTS[i].transport_is_own = PRODUCTS[i].has_transport;
        if (!PRODUCTS[i].has_transport && t->has_product) {
            PRODUCTS[i].has_transport = true;
            PRODUCTS[i].transport = t->product;
        }
    }
}

static void *take(Vec *v, int *n)
{
    *n = (int)v->len;
    void *p = v->data;
    v->data = NULL;
    v->len = v->cap = 0;
    return p;
}

static Model *run_check(Ck *c)
{
    pass_header(c);
    int *kinds = xmalloc((c->decls.len + 1) * sizeof(int));
    pass_names(c, kinds);
    ck_period_names(c);
    pass_props(c, kinds);
    const Decl **dv = c->decls.data;
    for (size_t i = 0; i < c->decls.len; i++)
        if (dv[i]->kind == D_TABLE && kinds[i] == 7)
            ck_build_customers(c, dv[i]);
    ck_lets_and_segments(c);
    for (size_t i = 0; i < c->decls.len; i++)
        if (dv[i]->kind == D_ENTITY && dv[i]->entity == K_SCENARIO && kinds[i] >= 0)
            ck_scenario_props(c, dv[i], kinds[i]);
    ck_periods_finish(c);
    final_checks(c);
    free(kinds);
    Model *m = c->m;
    m->products = take(&c->products, &m->nproducts);
    m->farms = take(&c->farms, &m->nfarms);
    m->plants = take(&c->plants, &m->nplants);
    m->lines = take(&c->lines, &m->nlines);
    m->markets = take(&c->markets, &m->nmarkets);
    m->demands = take(&c->demands, &m->ndemands);
    m->routes = take(&c->routes, &m->nroutes);
    m->strategies = take(&c->strategies, &m->nstrategies);
    m->lets = take(&c->lets, &m->nlets);
    m->segments = take(&c->segments, &m->nsegments);
    m->scenarios = take(&c->scenarios, &m->nscenarios);
    m->nfiles = (int)c->files.len;
    return m;
}

static void ck_init(Ck *c, Arena *arena, Diag *d, const CheckOptions *opt)
{
    memset(c, 0, sizeof *c);
    c->arena = arena;
    c->d = d;
    c->opt = opt;
    c->m = arena_alloc(arena, sizeof(Model));
    c->m->customers.id_col = c->m->customers.market_col = -1;
    c->m->customers.file = -1;
    c->m->pay_by = -1;
    names_init(&c->names);
    names_init(&c->attrs);
    names_init(&c->dropped);
    vec_init(&c->files, sizeof(UsedFile));
    vec_init(&c->decls, sizeof(const Decl *));
    vec_init(&c->products, sizeof(Product));
    vec_init(&c->farms, sizeof(Farm));
    vec_init(&c->plants, sizeof(Plant));
    vec_init(&c->lines, sizeof(ProdLine));
    vec_init(&c->markets, sizeof(Market));
    vec_init(&c->demands, sizeof(Demand));
    vec_init(&c->routes, sizeof(Route));
    vec_init(&c->strategies, sizeof(Strategy));
    vec_init(&c->segments, sizeof(Segment));
    vec_init(&c->lets, sizeof(Let));
    vec_init(&c->scenarios, sizeof(Scenario));
    vec_init(&c->stores, sizeof(Store));
    vec_init(&c->store_spans, sizeof(Span));
}

static void ck_free(Ck *c)
{
    names_free(&c->names);
    names_free(&c->attrs);
    names_free(&c->dropped);
    UsedFile *uf = c->files.data;
    for (size_t i = 0; i < c->files.len; i++)
        free(uf[i].real);
    Vec *vs[] = {&c->files, &c->decls, &c->products, &c->farms, &c->plants, &c->lines,
                 &c->markets, &c->demands, &c->routes, &c->strategies, &c->segments,
                 &c->lets, &c->scenarios, &c->period_rows, &c->stores, &c->store_spans};
    for (size_t i = 0; i < sizeof vs / sizeof *vs; i++)
        vec_free(vs[i]);
    free(c->row_text);
    pairs_free(&c->route_pairs);
    pairs_free(&c->line_pairs);
    pairs_free(&c->demand_pairs);
    pairs_free(&c->period_pairs);
    pairs_free(&c->store_pairs);
}

/* Parse the root and everything it uses; check only when every file
 * parsed, so that one syntax error does not cascade into name errors. */
static Model *check_root(Ck *c, int32_t id, const char *path)
{
    UsedFile *uf = vec_push(&c->files);
    uf->real = realpath(path, NULL);
    if (!uf->real)
        uf->real = xstrdup(path);
    uf->id = id;
    ck_read_file(c);
    Model *m = NULL;
    if (c->d->errors == 0)
        m = run_check(c);
    if (c->d->errors > 0) {
        if (m)
            model_free(m);
        m = NULL;
    }
    ck_free(c);
    return m;
}

Model *check_file(Arena *arena, Diag *d, const char *path, const CheckOptions *opt,
                  bool *io_error)
{
    *io_error = false;
    int err = 0;
    int32_t id = diag_load_file(d, path, &err);
    if (id < 0) {
        diag_plain(d, "cannot read `%s`: %s", path, diag_strerror(err));
        *io_error = true;
        return NULL;
    }
    Ck c;
    ck_init(&c, arena, d, opt);
    return check_root(&c, id, path);
}

Model *check_text(Arena *arena, Diag *d, const char *name, const char *text, size_t len,
                  const CheckOptions *opt)
{
    char *copy = xmalloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    int32_t id = diag_add_file(d, name, copy, len);
    Ck c;
    ck_init(&c, arena, d, opt);
    return check_root(&c, id, name);
}
