/* check_entity.c — the properties of products, farms, plants, markets and
 * strategies, the transport block, and plant lines and demand lines. */
#include "check_int.h"
#include "vec.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ck_add_entity(Ck *c, EntityKind k, const char *name, const char *label, Span sp)
{
    Vec *v = NULL;
    switch (k) {
    case K_PRODUCT: v = &c->products; break;
    case K_FARM: v = &c->farms; break;
    case K_PLANT: v = &c->plants; break;
    case K_MARKET: v = &c->markets; break;
    case K_STRATEGY: v = &c->strategies; break;
    case K_SCENARIO: v = &c->scenarios; break;
    case K_SEGMENT: v = &c->segments; break;
    default: return -1;
    }
    Named *n = vec_push(v);
    n->name = name;
    n->label = label;
    n->span = sp;
    int index = (int)v->len - 1;
    /* NaN marks a required property not given (see final_checks) */
    if (k == K_STRATEGY)
        ((Strategy *)n)->volume = (Range){0, 1};
    else if (k == K_PRODUCT) {
        Product *p = (Product *)n;
        p->milk = NAN;
        if (c->m->ncomponents > 0) /* a component not given: none of it */
            p->content = arena_alloc(c->arena, sizeof(double) * (size_t)c->m->ncomponents);
    } else if (k == K_FARM) {
        Farm *f = (Farm *)n;
        f->supply.hi = f->price = NAN;
        if (c->m->ncomponents > 0) { /* every one required (ck_quality_final) */
            f->content = arena_alloc(c->arena, sizeof(double) * (size_t)c->m->ncomponents);
            for (int j = 0; j < c->m->ncomponents; j++)
                f->content[j] = NAN;
        }
    }
    else if (k == K_PLANT)
        ((Plant *)n)->capacity.hi = NAN;
    ck_declare(c, name, sp, k, index);
    return index;
}

/* The first line of each property in a block, for "given twice". */
typedef struct {
    const Atom *milk, *price, *transport, *supply, *at, *capacity, *fixed, *optional,
        *volume, *service, *offers, *grade;
    const Atom *content[CK_MAX_COMPONENTS];
} Seen;

void ck_product_props(Ck *c, const Decl *d, int pi)
{
    static const char *const props[] = {"milk", "price", "transport", NULL};
    Seen seen = {0};
    for (const Line *l = d->block->lines; l; l = l->next) {
        Args g;
        ck_args_of(l, &g);
        const Atom *p = g.a[0];
        Product *pr = &PRODUCTS[pi];
        if (ck_quality_prop(c, &g, seen.content, pr->content, &pr->grade, &seen.grade))
            continue;
        if (ck_is_word(p, "milk")) {
            if (!seen.milk)
                pr->has_milk = true;
            if (ck_qty_prop(c, &seen.milk, &g, "milk 21.0 t/t", dim_ratio(), "a milk norm",
                         &pr->milk) && pr->milk == 0) {
                diag_error(c->d, g.a[1]->span, "a milk norm must be above zero");
                diag_hint(c->d, "the norm is tonnes of raw milk per tonne of product, e.g. `milk 1.02 t/t`");
            }
        } else if (ck_is_word(p, "price")) {
            if (ck_qty_prop(c, &seen.price, &g, "price 10_400 BYN/t", dim_money_per_mass(),
                         "a price", &pr->price))
                pr->has_price = true;
        } else if (ck_is_word(p, "transport")) {
            if (ck_qty_prop(c, &seen.transport, &g, "transport 0.80 BYN/t/km",
                         dim_money_per_mass_distance(), "a transport rate", &pr->transport))
                pr->has_transport = true;
        } else if (!ck_quality_unknown(c, &g, "product")) {
            ck_unknown_property(c, p, "product", props);
        }
    }
}

void ck_farm_props(Ck *c, const Decl *d, int fi)
{
    static const char *const props[] = {"supply", "price", "at", NULL};
    Seen seen = {0};
    for (const Line *l = d->block->lines; l; l = l->next) {
        Args g;
        ck_args_of(l, &g);
        const Atom *p = g.a[0];
        Farm *f = &FARMS[fi];
        if (ck_quality_prop(c, &g, seen.content, f->content, &f->grade, &seen.grade))
            continue;
        if (ck_is_word(p, "supply")) {
            ck_range_prop(c, &seen.supply, &g, "supply 9_000 t", dim_mass(), "supply", &f->supply);
        } else if (ck_is_word(p, "price")) {
            ck_qty_prop(c, &seen.price, &g, "price 820 BYN/t", dim_money_per_mass(), "a milk price",
                     &f->price);
        } else if (ck_is_word(p, "at")) {
            if (ck_once(c, &seen.at, p) && ck_read_at(c, &g, &f->lat, &f->lon))
                f->has_at = true;
        } else if (!ck_quality_unknown(c, &g, "farm")) {
            ck_unknown_property(c, p, "farm", props);
        }
    }
}

/* `makes P R cost C` — a plant's line. */
void ck_add_line(Ck *c, int plant, const Atom *prod, const Atom *out,
                     const ColUnit *out_cu, const Atom *cost, const ColUnit *cost_cu,
                     Span sp)
{
    int k = ck_resolve(c, prod->text, prod->span, K_PRODUCT);
    Range r;
    double cc = 0;
    bool ok = ck_atom_range(c, out, out_cu, dim_mass(), &r) &&
              ck_nonneg_range(c, out->span, r, "line output");
    if (cost)
        ok = ck_atom_qty(c, cost, cost_cu, dim_money_per_mass(), &cc) &&
             ck_nonneg(c, cost->span, cc, "a processing cost") && ok;
    if (plant >= 0 && (k < 0 || !ok))
        PLANTS[plant].n.bad = true; /* no "makes nothing" on top of this */
    if (k < 0 || !ok || plant < 0)
        return;
    int prev = pairs_put(&c->line_pairs, plant, k, (int)c->lines.len);
    if (prev >= 0) {
        diag_error(c->d, prod->span, "plant `%s` makes `%s` twice", PLANTS[plant].n.name,
                   prod->text);
        diag_note(c->d, ((ProdLine *)c->lines.data)[prev].span, "the first line is here");
        diag_hint(c->d, "a plant has one line per product; merge them");
        return;
    }
    ProdLine *nl = vec_push(&c->lines);
    nl->plant = plant;
    nl->product = k;
    nl->output = r;
    nl->cost = cc;
    nl->span = sp;
}

/* `stores P CAP cost C [start S]`. */
static void plant_store(Ck *c, int pi, const Args *g)
{
    if ((g->total != 5 && g->total != 7) || g->a[1]->kind != A_WORD ||
        !ck_is_word(g->a[3], "cost") || (g->total == 7 && !ck_is_word(g->a[5], "start"))) {
        diag_error(c->d, g->line->span, "storage is written `stores PRODUCT CAPACITY cost COST "
                                        "[start STOCK]`");
        diag_hint(c->d, "e.g. `stores butter 120 t cost 18 BYN/t start 20 t`");
        return;
    }
    const Atom *cell[4] = {g->a[1], g->a[2], g->a[4], g->total == 7 ? g->a[6] : NULL};
    ck_add_store(c, pi, cell, NULL, g->line->span);
}

void ck_plant_props(Ck *c, const Decl *d, int pi)
{
    static const char *const props[] = {"capacity", "makes", "fixed", "optional", "at",
                                        "stores", NULL};
    Seen seen = {0};
    for (const Line *l = d->block->lines; l; l = l->next) {
        Args g;
        ck_args_of(l, &g);
        const Atom *p = g.a[0];
        Plant *pl = &PLANTS[pi];
        if (ck_is_word(p, "capacity")) {
            ck_range_prop(c, &seen.capacity, &g, "capacity 15_000 t", dim_mass(), "capacity",
                       &pl->capacity);
        } else if (ck_is_word(p, "makes")) {
            if (g.total != 5 || g.a[1]->kind != A_WORD || !ck_is_word(g.a[3], "cost")) {
                diag_error(c->d, l->span, "a line is written `makes PRODUCT OUTPUT cost COST`");
                diag_hint(c->d, "e.g. `makes butter 400 t cost 310 BYN/t`");
                continue;
            }
            ck_add_line(c, pi, g.a[1], g.a[2], NULL, g.a[4], NULL, l->span);
        } else if (ck_is_word(p, "stores")) {
            plant_store(c, pi, &g);
        } else if (ck_is_word(p, "fixed")) {
            ck_qty_prop(c, &seen.fixed, &g, "fixed 120_000 BYN", dim_money(), "a fixed cost",
                     &pl->fixed);
        } else if (ck_is_word(p, "optional")) {
            if (ck_once(c, &seen.optional, p) && ck_arity(c, &g, 0, "optional"))
                pl->optional = true;
        } else if (ck_is_word(p, "at")) {
            if (ck_once(c, &seen.at, p) && ck_read_at(c, &g, &pl->lat, &pl->lon))
                pl->has_at = true;
        } else {
            ck_unknown_property(c, p, "plant", props);
        }
    }
}

/* `demand P R price C`, `demand P R` (the product's price), `demand P price C`
 * (a customers market's price), `demand from customers`. */
void ck_add_demand(Ck *c, int market, const Atom *prod, const Atom *vol,
                       const ColUnit *vol_cu, const Atom *price, const ColUnit *price_cu,
                       Span sp)
{
    int k = ck_resolve(c, prod->text, prod->span, K_PRODUCT);
    Demand dm = {.market = market, .product = k, .span = sp};
    bool ok = true;
    if (vol) {
        dm.has_volume = true;
        ok = ck_atom_range(c, vol, vol_cu, dim_mass(), &dm.volume) &&
             ck_nonneg_range(c, vol->span, dm.volume, "demand");
    }
    if (price) {
        dm.price_given = true;
        ok = ck_atom_qty(c, price, price_cu, dim_money_per_mass(), &dm.price) &&
             ck_nonneg(c, price->span, dm.price, "a price") && ok;
    }
    if (k < 0 || !ok || market < 0)
        return;
    int prev = pairs_put(&c->demand_pairs, market, k, (int)c->demands.len);
    if (prev >= 0) {
        diag_error(c->d, prod->span, "market `%s` has two demand lines for `%s`",
                   MARKETS[market].n.name, prod->text);
        diag_note(c->d, ((Demand *)c->demands.data)[prev].span, "the first is here");
        diag_hint(c->d, "a market has one demand line per product; merge them");
        return;
    }
    *(Demand *)vec_push(&c->demands) = dm;
}

void ck_market_props(Ck *c, const Decl *d, int mi)
{
    static const char *const props[] = {"demand", "at", NULL};
    Seen seen = {0};
    for (const Line *l = d->block->lines; l; l = l->next) {
        Args g;
        ck_args_of(l, &g);
        const Atom *p = g.a[0];
        Market *mk = &MARKETS[mi];
        if (ck_is_word(p, "demand")) {
            if (g.total == 3 && ck_is_word(g.a[1], "from") && ck_is_word(g.a[2], "customers")) {
                if (mk->from_customers) {
                    diag_error(c->d, l->span, "`demand from customers` is given twice");
                    diag_hint(c->d, "keep one");
                }
                mk->from_customers = true;
                continue;
            }
            const Atom *vol = NULL, *price = NULL;
            bool shape = g.total >= 2 && g.a[1]->kind == A_WORD && !g.a[1]->reserved;
            int i = 2;
            if (shape && i < g.n && (g.a[i]->kind == A_NUMBER || g.a[i]->kind == A_RANGE))
                vol = g.a[i++];
            if (shape && i < g.n && ck_is_word(g.a[i], "price")) {
                if (i + 1 < g.n)
                    price = g.a[i + 1];
                i += 2;
            }
            if (!shape || i != g.total || (i > 2 && !vol && !price)) {
                diag_error(c->d, l->span, "a demand line is written `demand PRODUCT VOLUME price PRICE`");
                diag_hint(c->d, "e.g. `demand butter 150..380 t price 10_400 BYN/t`, or "
                                "`demand from customers`");
                continue;
            }
            ck_add_demand(c, mi, g.a[1], vol, NULL, price, NULL, l->span);
        } else if (ck_is_word(p, "at")) {
            if (ck_once(c, &seen.at, p) && ck_read_at(c, &g, &mk->lat, &mk->lon))
                mk->has_at = true;
        } else {
            ck_unknown_property(c, p, "market", props);
        }
    }
}

void ck_strategy_props(Ck *c, const Decl *d, int si)
{
    static const char *const props[] = {"volume", "price", "service", "offers", NULL};
    Seen seen = {0};
    for (const Line *l = d->block->lines; l; l = l->next) {
        Args g;
        ck_args_of(l, &g);
        const Atom *p = g.a[0];
        Strategy *s = &STRATEGIES[si];
        if (ck_is_word(p, "volume")) {
            Range r; /* a single value B is 0..B, as everywhere */
            if (ck_range_prop(c, &seen.volume, &g, "volume 100%..110%", dim_ratio(),
                           "a volume share", &r))
                s->volume = r;
        } else if (ck_is_word(p, "price")) {
            if (ck_qty_prop(c, &seen.price, &g, "price -3%", dim_ratio(), NULL, &s->price) &&
                s->price <= -1) {
                diag_error(c->d, g.a[1]->span, "a price change of %s leaves nothing to sell for",
                           ck_span_text(c, g.a[1]->span));
                diag_hint(c->d, "the change is added to the market price: `-3%%` is a 3%% discount");
            }
        } else if (ck_is_word(p, "service")) {
            ck_qty_prop(c, &seen.service, &g, "service 15 BYN/t", dim_money_per_mass(),
                     "a service cost", &s->service);
        } else if (ck_is_word(p, "offers")) {
            if (!ck_once(c, &seen.offers, p))
                continue;
            int *list = arena_alloc(c->arena, sizeof(int) * (size_t)g.total);
            int n = ck_product_list(c, g.a[0]->next, list, p->span, "offers butter, milk32");
            if (g.total == 1) {
                diag_error(c->d, p->span, "`offers` needs at least one product");
                diag_hint(c->d, "write `offers butter, milk32`");
            } else if (n > 0) {
                s->offers = list;
                s->noffers = n;
            }
        } else {
            ck_unknown_property(c, p, "strategy", props);
        }
    }
}

int ck_product_list(Ck *c, const Atom *first, int *list, Span line, const char *example)
{
    int n = 0;
    bool want_name = true, ok = true;
    for (const Atom *a = first; a; a = a->next) {
        if (want_name && a->kind == A_WORD) {
            int k = ck_resolve(c, a->text, a->span, K_PRODUCT);
            if (k < 0)
                ok = false; /* go on: every unknown name is reported */
            else
                list[n++] = k;
            want_name = false;
        } else if (!want_name && a->kind == A_COMMA) {
            want_name = true;
        } else {
            if (!want_name && a->kind == A_WORD)
                diag_error(c->d, a->span, "expected `,` before `%s`", a->text);
            else
                diag_error(c->d, a->span, "expected a product name, found `%s`",
                           ck_span_text(c, a->span));
            diag_hint(c->d, "write `%s`", example);
            return -1;
        }
    }
    if (first && want_name) { /* a last `,` */
        diag_error(c->d, line, "expected a product name after the last `,`");
        diag_hint(c->d, "write `%s`", example);
        return -1;
    }
    return ok ? n : -1;
}

void ck_transport_props(Ck *c, const Decl *d)
{
    Transport *t = &c->m->transport;
    t->span = d->span;
    for (const Line *l = d->block->lines; l; l = l->next) {
        Args g;
        ck_args_of(l, &g);
        const Atom *p = g.a[0];
        if (p->kind != A_WORD) {
            diag_error(c->d, p->span, "expected `milk`, `product` or a product name");
            diag_hint(c->d, "write `milk 0.45 BYN/t/km`");
            continue;
        }
        char form[96];
        snprintf(form, sizeof form, "%.40s 0.60 %s/t/km", p->text,
                 ck_model_currency(c) ? ck_model_currency(c) : "BYN");
        double v;
        if (!ck_arity(c, &g, 1, form) ||
            !ck_atom_qty(c, g.a[1], NULL, dim_money_per_mass_distance(), &v) ||
            !ck_nonneg(c, g.a[1]->span, v, "a transport rate"))
            continue;
        if (strcmp(p->text, "milk") == 0 || strcmp(p->text, "product") == 0) {
            bool milk = p->text[0] == 'm';
            bool *has = milk ? &t->has_milk : &t->has_product;
            if (*has) {
                diag_error(c->d, p->span, "the `%s` rate is given twice", p->text);
                diag_hint(c->d, "keep one");
                continue;
            }
            *has = true;
            *(milk ? &t->milk : &t->product) = v;
        } else {
            int k = names_get(&c->names, p->text);
            if (k < 0 || KIND_OF(k) != K_PRODUCT) {
                static const EntityKind product[] = {K_PRODUCT};
                if (k < 0 && ck_was_dropped(c, p->text, product, 1))
                    continue;
                ck_resolve(c, p->text, p->span, K_PRODUCT);
                diag_hint(c->d, "a transport line names `milk`, `product` or a product");
                continue;
            }
            Product *pr = &PRODUCTS[INDEX_OF(k)];
            if (pr->has_transport) {
                diag_error(c->d, p->span, "product `%s` has its transport rate twice", p->text);
                diag_hint(c->d, "give it once, in the product or in `transport`");
                continue;
            }
            pr->has_transport = true;
            pr->transport = v;
        }
    }
}
