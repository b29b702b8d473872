/* check_scenario.c — scenario statements (`scale`, `set`, `close`, `open`),
 * in scenarios and in `period` blocks alike: the chain's numbers, and the
 * customer side (a strategy's volume, price, service and package, and the
 * strategy a segment is served with). */
#include "check_int.h"
#include "vec.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *word;
    ScenarioProp prop;
    EntityKind kind;
    int product;    /* 0 no product, 1 required, 2 optional */
    bool range;
    int dim;        /* 0 mass, 1 money/mass, 2 money, 3 ratio, 4 money/mass/dist */
} PropSpec;

static const PropSpec scen_props[] = {
    {"supply", SP_SUPPLY, K_FARM, 0, true, 0},
    {"price", SP_PRICE, K_FARM, 0, false, 1},
    {"capacity", SP_CAPACITY, K_PLANT, 0, true, 0},
    {"fixed", SP_FIXED, K_PLANT, 0, false, 2},
    {"output", SP_OUTPUT, K_PLANT, 1, true, 0},
    {"cost", SP_COST, K_PLANT, 1, false, 1},
    {"demand", SP_DEMAND, K_MARKET, 2, true, 0},
    {"price", SP_PRICE, K_MARKET, 1, false, 1},
    {"milk", SP_MILK, K_PRODUCT, 0, false, 3},
    {"price", SP_PRICE, K_PRODUCT, 0, false, 1},
    {"transport", SP_TRANSPORT, K_PRODUCT, 0, false, 4},
    {"volume", SP_VOLUME, K_STRATEGY, 0, true, 3},
    {"price", SP_PRICE, K_STRATEGY, 0, false, 3},
    {"service", SP_SERVICE, K_STRATEGY, 0, false, 1},
    {"offers", SP_OFFERS, K_STRATEGY, 0, false, 3},
    {"strategy", SP_STRATEGY, K_SEGMENT, 0, false, 3},
};

/* A component content (any component of a farm or a product) and a farm's
 * grade: their words are the model's own, so they are matched apart. */
static const PropSpec content_spec = {"content", SP_CONTENT, K_FARM, 0, false, 3};
static const PropSpec grade_spec = {"grade", SP_GRADE, K_FARM, 0, false, 3};

static Dim spec_dim(int k)
{
    switch (k) {
    case 0: return dim_mass();
    case 1: return dim_money_per_mass();
    case 2: return dim_money();
    case 3: return dim_ratio();
    default: return dim_money_per_mass_distance();
    }
}

static void scen_usage(Ck *c)
{
    diag_hint(c->d, "scenario statements: `scale farm * supply 85%%`, `set farm north price 900 "
                    "BYN/t`, `close plant NAME`, `open plant NAME`");
}

/* Whether entity `e` of kind k (or any, e = -1) has product p where a
 * property needs it: a plant's line or a market's demand line. */
static bool has_product(Ck *c, EntityKind k, int e, int p)
{
    if (k == K_PLANT) {
        const ProdLine *ln = c->lines.data;
        for (size_t i = 0; i < c->lines.len; i++)
            if (ln[i].product == p && (e < 0 || ln[i].plant == e))
                return true;
    } else {
        const Demand *dm = c->demands.data;
        for (size_t i = 0; i < c->demands.len; i++)
            if (dm[i].product == p && (e < 0 || dm[i].market == e))
                return true;
    }
    return false;
}

/* `close plant NAME`, `open plant NAME` (an optional plant). */
static bool scenario_open_close(Ck *c, const Line *l, const Args *g, ScenarioAction *act)
{
    const Atom *op = g->a[0];
    act->op = op->text[0] == 'c' ? SC_CLOSE : SC_OPEN;
    act->kind = K_PLANT;
    if (g->total != 3 || !ck_is_word(g->a[1], "plant") || g->a[2]->kind != A_WORD) {
        diag_error(c->d, l->span, "write `%s plant NAME`", op->text);
        scen_usage(c);
        return false;
    }
    act->entity = ck_resolve(c, g->a[2]->text, g->a[2]->span, K_PLANT);
    if (act->entity < 0)
        return false;
    if (act->op == SC_OPEN && !PLANTS[act->entity].optional) {
        diag_error(c->d, g->a[2]->span, "plant `%s` is not optional: it is always open",
                   g->a[2]->text);
        diag_hint(c->d, "`open plant` forces an optional plant open; remove this line");
        return false;
    }
    return true;
}

/* `scale transport milk|product|PRODUCT RATIO`, `set transport ... RATE`. */
static bool scenario_transport(Ck *c, const Line *l, const Args *g, bool scale,
                               ScenarioAction *act)
{
    const Atom *op = g->a[0];
    const Atom *val = g->a[g->total - 1];
    /* scale transport milk 110% | set transport butter 0.8 BYN/t/km */
    act->kind = K_COUNT;
    act->entity = -1;
    const Atom *rate = g->a[2];
    if (g->total != 4 || rate->kind != A_WORD) {
        diag_error(c->d, l->span, "write `%s transport milk|product|PRODUCT VALUE`", op->text);
        scen_usage(c);
        return false;
    }
    const Transport *t = &c->m->transport;
    bool exists;
    if (strcmp(rate->text, "milk") == 0) {
        act->prop = SP_MILK;
        exists = t->has_milk;
    } else if (strcmp(rate->text, "product") == 0) {
        act->prop = SP_TRANSPORT;
        exists = t->has_product;
    } else {
        act->prop = SP_TRANSPORT;
        act->product = ck_resolve(c, rate->text, rate->span, K_PRODUCT);
        if (act->product < 0)
            return false;
        exists = PRODUCTS[act->product].has_transport || t->has_product;
    }
    if (!exists && scale) { /* `set` gives the rate; `scale` needs one */
        diag_error(c->d, rate->span, "the model has no `%s` transport rate to change",
                   rate->text);
        diag_hint(c->d, "a scenario changes what the model has; add the rate to `transport` first");
        return false;
    }
    if (scale)
        return ck_atom_qty(c, val, NULL, dim_ratio(), &act->ratio) &&
               ck_nonneg(c, val->span, act->ratio, "a scale");
    return ck_atom_qty(c, val, NULL, dim_money_per_mass_distance(), &act->value.lo) &&
           ck_nonneg(c, val->span, act->value.lo, "a transport rate") &&
           ((act->value.hi = act->value.lo), true);
}

/* The entity a `set`/`scale` line names: its kind word (farm, plant,
 * market, product, strategy, segment) into act->kind, its name into act->entity (-1 for `*`). */
static bool scenario_entity(Ck *c, const Args *g, ScenarioAction *act)
{
    const Atom *kind = g->a[1];
    EntityKind k;
    if (ck_is_word(kind, "farm"))
        k = K_FARM;
    else if (ck_is_word(kind, "plant"))
        k = K_PLANT;
    else if (ck_is_word(kind, "market"))
        k = K_MARKET;
    else if (ck_is_word(kind, "product"))
        k = K_PRODUCT;
    else if (ck_is_word(kind, "strategy"))
        k = K_STRATEGY;
    else if (ck_is_word(kind, "segment"))
        k = K_SEGMENT;
    else {
        diag_error(c->d, kind->span, "a scenario changes a farm, plant, market, product, "
                                     "strategy, segment or transport, not `%s`",
                   ck_span_text(c, kind->span));
        scen_usage(c);
        return false;
    }
    act->kind = k;
    const Atom *who = g->a[2];
    if (who->kind == A_STAR) {
        act->entity = -1;
    } else if (who->kind == A_WORD) {
        act->entity = ck_resolve(c, who->text, who->span, k);
        if (act->entity < 0)
            return false;
    } else {
        diag_error(c->d, who->span, "expected a %s name or `*`", ast_entity_name(k));
        scen_usage(c);
        return false;
    }
    return true;
}

/* The property word of a `set`/`scale` line, among those a scenario may
 * change for kind k; NULL (said, with the list) when it is not one. */
static const PropSpec *scenario_prop(Ck *c, const Args *g, EntityKind k)
{
    const Atom *op = g->a[0], *pw = g->a[3];
    if (pw->kind != A_WORD || g->total == 4) {
        diag_error(c->d, pw->span, "`%s %s` needs a property before the value", op->text,
                   ast_entity_name(k));
        scen_usage(c);
        return NULL;
    }
    for (size_t i = 0; i < sizeof scen_props / sizeof *scen_props; i++)
        if (scen_props[i].kind == k && ck_is_word(pw, scen_props[i].word))
            return &scen_props[i];
    char list[512] = "";
    size_t len = 0;
    for (size_t i = 0; i < sizeof scen_props / sizeof *scen_props; i++)
        if (scen_props[i].kind == k)
            len += (size_t)snprintf(list + len, sizeof list - len, "%s`%s`", len ? ", " : "",
                                    scen_props[i].word);
    if (k == K_FARM || k == K_PRODUCT) /* the model's components, a farm's grade */
        for (int i = 0; i < c->m->ncomponents && len < sizeof list - 64; i++)
            len += (size_t)snprintf(list + len, sizeof list - len, ", `%.40s`",
                                    c->m->components[i].name);
    if (k == K_FARM && c->m->ngrades > 0 && len < sizeof list - 16)
        len += (size_t)snprintf(list + len, sizeof list - len, ", `grade`");
    diag_error(c->d, pw->span, "a scenario cannot change `%s` of a %s", ck_span_text(c, pw->span),
               ast_entity_name(k));
    diag_hint(c->d, "a %s's changeable properties are %s", ast_entity_name(k), list);
    return NULL;
}

/* The atom count the property asks for, and its product when it takes one
 * (ps->product: 1 always, 2 optionally, and then `set` needs it): a
 * product the entity has a line or demand line of. */
static bool scenario_product(Ck *c, const Line *l, const Args *g, const PropSpec *ps, bool scale,
                             ScenarioAction *act)
{
    EntityKind k = act->kind;
    const Atom *pw = g->a[3], *who = g->a[2];
    int want_atoms = 5;
    if (ps->product == 1 || (ps->product == 2 && g->total == 6))
        want_atoms = 6;
    if (g->total != want_atoms) {
        diag_error(c->d, l->span, "`%s` of a %s takes %s", pw->text, ast_entity_name(k),
                   ps->product == 1 ? "a product and a value" : ps->product == 2
                                                                    ? "an optional product and a value"
                                                                    : "a value");
        scen_usage(c);
        return false;
    }
    if (want_atoms == 6) {
        const Atom *pa = g->a[4];
        if (pa->kind != A_WORD) {
            diag_error(c->d, pa->span, "expected a product name");
            scen_usage(c);
            return false;
        }
        act->product = ck_resolve(c, pa->text, pa->span, K_PRODUCT);
        if (act->product < 0)
            return false;
        if (!has_product(c, k, act->entity, act->product)) {
            if (act->entity < 0)
                diag_error(c->d, pa->span, "no %s has a %s of `%s`", ast_entity_name(k),
                           k == K_PLANT ? "line" : "demand line", pa->text);
            else
                diag_error(c->d, pa->span, "%s `%s` has no %s of `%s`", ast_entity_name(k),
                           who->text, k == K_PLANT ? "line" : "demand line", pa->text);
            diag_hint(c->d, "a scenario changes what the model has; add the line first");
            return false;
        }
    } else if (ps->product == 2 && !scale) {
        diag_error(c->d, l->span, "`set market ... demand` needs a product");
        diag_hint(c->d, "write `set market city demand butter 150..400 t`");
        return false;
    }
    return true;
}

/* A scenario changes what the model has: no `set` of a demand that
 * customers give, no `scale` of a product price or rate nobody has. */
static bool scenario_applies(Ck *c, const Args *g, const PropSpec *ps, bool scale,
                             const ScenarioAction *act)
{
    const Atom *pw = g->a[3], *who = g->a[2];
    if (ps->prop == SP_DEMAND && !scale && act->entity >= 0 &&
        MARKETS[act->entity].from_customers) {
        diag_error(c->d, who->span, "market `%s` takes demand from customers: its volumes "
                                    "come from them", who->text);
        diag_hint(c->d, "`scale market %s demand 120%%` scales the customers' volumes instead",
                  who->text);
        return false;
    }
    if (scale && act->kind == K_PRODUCT && ps->prop == SP_MILK && c->m->ncomponents > 0) {
        bool any = false; /* with components a norm is optional */
        for (size_t i = 0; i < c->products.len; i++)
            any |= (act->entity < 0 || (int)i == act->entity) && PRODUCTS[i].has_milk;
        if (!any) {
            if (act->entity >= 0)
                diag_error(c->d, pw->span, "product `%s` has no `milk` norm to change", who->text);
            else
                diag_error(c->d, pw->span, "no product has a `milk` norm to change");
            diag_hint(c->d, "`set product %s milk 1.02 t/t` gives it one",
                      act->entity >= 0 ? who->text : "NAME");
            return false;
        }
    }
    if (scale && act->kind == K_PRODUCT && (ps->prop == SP_PRICE || ps->prop == SP_TRANSPORT)) {
        /* optional properties: `set` gives one, `scale` needs one to scale */
        bool any = false;
        for (size_t i = 0; i < c->products.len; i++) {
            if (act->entity >= 0 && (int)i != act->entity)
                continue;
            const Product *pr = &PRODUCTS[i];
            any |= ps->prop == SP_PRICE ? pr->has_price
                                        : pr->has_transport || c->m->transport.has_product;
        }
        if (!any) {
            if (act->entity >= 0)
                diag_error(c->d, pw->span, "product `%s` has no `%s` to change", who->text,
                           pw->text);
            else
                diag_error(c->d, pw->span, "no product has a `%s` to change", pw->text);
            diag_hint(c->d, "a scenario changes what the model has; give the product a `%s` first",
                      pw->text);
            return false;
        }
    }
    return true;
}

/* The line's last atom: a ratio for `scale`, else a value or range in the
 * property's dimension. */
/* A content of the entity (or of every one, `*`) scaled past 100 %, from
 * its base value. */
static bool content_scale_ok(Ck *c, const Atom *val, ScenarioAction *act)
{
    size_t n = act->kind == K_FARM ? c->farms.len : c->products.len;
    for (size_t i = 0; i < n; i++) {
        if (act->entity >= 0 && (int)i != act->entity)
            continue;
        const Named *e = ck_named_at(c, act->kind, (int)i);
        const double *content = act->kind == K_FARM ? FARMS[i].content : PRODUCTS[i].content;
        double v = content[act->component];
        if (v * act->ratio > 1) {
            diag_error(c->d, val->span, "scaling the `%s` content of %s `%s` by %s takes it over "
                                        "100%%", c->m->components[act->component].name,
                       ast_entity_name(act->kind), e->name, ck_span_text(c, val->span));
            diag_hint(c->d, "a content is at most 100%%; scale by less, or `set` the content");
            return false;
        }
    }
    return true;
}

static bool scenario_value(Ck *c, const Atom *val, const PropSpec *ps, bool scale,
                           ScenarioAction *act)
{
    if (ps->prop == SP_GRADE) {
        if (scale) {
            diag_error(c->d, val->span, "a grade cannot be scaled");
            diag_hint(c->d, "`set farm NAME grade %s` gives a farm another grade",
                      c->m->grades[c->m->ngrades - 1].name);
            return false;
        }
        int gi = ck_grade(c, val);
        act->value.lo = act->value.hi = gi;
        return gi >= 0;
    }
    if (ps->prop == SP_CONTENT) {
        if (scale)
            return ck_atom_qty(c, val, NULL, dim_ratio(), &act->ratio) &&
                   ck_nonneg(c, val->span, act->ratio, "a scale") &&
                   content_scale_ok(c, val, act);
        if (!ck_content(c, val, NULL, act->component, &act->value.lo))
            return false;
        act->value.hi = act->value.lo;
        return true;
    }
    if (scale) {
        if (!ck_atom_qty(c, val, NULL, dim_ratio(), &act->ratio) ||
            !ck_nonneg(c, val->span, act->ratio, "a scale"))
            return false;
        return true;
    }
    if (ps->range) {
        act->is_range = true;
        return ck_atom_range(c, val, NULL, spec_dim(ps->dim), &act->value) &&
               ck_nonneg_range(c, val->span, act->value, "the value");
    }
    if (!ck_atom_qty(c, val, NULL, spec_dim(ps->dim), &act->value.lo))
        return false;
    act->value.hi = act->value.lo;
    if (ps->prop == SP_MILK && act->value.lo <= 0) {
        diag_error(c->d, val->span, "a milk norm must be above zero");
        diag_hint(c->d, "e.g. `set product butter milk 21.5`");
        return false;
    }
    return ck_nonneg(c, val->span, act->value.lo, "the value");
}

/* ------------------------------------------------- strategies and segments */

static void customer_usage(Ck *c)
{
    diag_hint(c->d, "strategy and segment statements: `scale strategy stimulate volume 90%%`, "
                    "`set strategy loyalty price -5%%`, `set strategy NAME offers butter, milk32`, "
                    "`set segment at_risk strategy loyalty`");
}

/* `set strategy NAME|* offers P, P…`: the package, as in a strategy's
 * block; the line may be longer than other statements. */
static bool strategy_offers(Ck *c, const Line *l, const Args *g, ScenarioAction *act)
{
    int *list = arena_alloc(c->arena, sizeof(int) * (size_t)g->total);
    int n = ck_product_list(c, g->a[3]->next, list, l->span,
                            "set strategy NAME offers butter, milk32");
    if (n < 0)
        return false;
    act->offers = list;
    act->noffers = n;
    return true;
}

/* `set segment NAME|* strategy S`: the segment's customers are served
 * with strategy S (nobody moves to another segment). */
static bool segment_strategy(Ck *c, const Line *l, const Args *g, ScenarioAction *act)
{
    const Atom *sa = g->total == 5 ? g->a[4] : NULL;
    if (!sa || sa->kind != A_WORD) {
        diag_error(c->d, l->span, "write `set segment NAME strategy STRATEGY`");
        customer_usage(c);
        return false;
    }
    int s = ck_resolve(c, sa->text, sa->span, K_STRATEGY);
    if (s < 0)
        return false;
    act->value.lo = act->value.hi = s;
    return true;
}

/* Strategy i's price change (price) or service cost as the statements of
 * the block read so far leave it (c->block_acts), from the base value. */
static double strategy_now(Ck *c, size_t i, bool price)
{
    const Strategy *st = &STRATEGIES[i];
    double v = price ? st->price : st->service;
    const ScenarioAction *a = c->block_acts ? c->block_acts->data : NULL;
    for (size_t k = 0; a && k < c->block_acts->len; k++)
        if (a[k].kind == K_STRATEGY && a[k].prop == (price ? SP_PRICE : SP_SERVICE) &&
            (a[k].entity < 0 || a[k].entity == (int)i))
            v = a[k].op == SC_SCALE ? v * a[k].ratio : a[k].value.lo;
    return v;
}

/* `scale strategy … price|service R` multiplies what the strategy has:
 * each strategy it names must have a price change or service cost to
 * scale (with `*`, at least one), and a price change must stay above
 * -100 %, judged from the values the statements before it leave. */
static bool strategy_scale_ok(Ck *c, const Atom *val, ScenarioAction *act)
{
    bool price = act->prop == SP_PRICE, any = false;
    for (size_t i = 0; i < c->strategies.len; i++) {
        if (act->entity >= 0 && (int)i != act->entity)
            continue;
        const Strategy *st = &STRATEGIES[i];
        double v = strategy_now(c, i, price);
        any |= v != 0;
        if (price && v * act->ratio <= -1) {
            diag_error(c->d, val->span, "scaling the price change of strategy `%s` (%.6g%%) by "
                                        "%s leaves nothing to sell for", st->n.name, v * 100,
                       ck_span_text(c, val->span));
            diag_hint(c->d, "the change is added to the market price and must stay above "
                            "-100%%; scale by less, or `set` the price change");
            return false;
        }
    }
    if (!any) {
        const char *what = price ? "price change" : "service cost";
        if (act->entity >= 0)
            diag_error(c->d, val->span, "strategy `%s` has no %s to scale",
                       STRATEGIES[act->entity].n.name, what);
        else
            diag_error(c->d, val->span, "no strategy has a %s to scale", what);
        diag_hint(c->d, "`set strategy %s %s` gives it one",
                  act->entity >= 0 ? STRATEGIES[act->entity].n.name : "NAME",
                  price ? "price -5%" : "service 15 BYN/t");
        return false;
    }
    return true;
}

/* The value of `set`/`scale strategy … volume|price|service`: a ratio
 * for `scale`; else a ratio range (a single share B is 0..B), a price
 * change above -100 %, or a service cost of 0 or more. */
static bool strategy_value(Ck *c, const Atom *val, bool scale, ScenarioAction *act)
{
    if (scale) {
        if (!ck_atom_qty(c, val, NULL, dim_ratio(), &act->ratio) ||
            !ck_nonneg(c, val->span, act->ratio, "a scale"))
            return false;
        return act->prop == SP_VOLUME || strategy_scale_ok(c, val, act);
    }
    if (act->prop == SP_VOLUME) {
        act->is_range = true;
        return ck_atom_range(c, val, NULL, dim_ratio(), &act->value) &&
               ck_nonneg_range(c, val->span, act->value, "a volume share");
    }
    if (act->prop == SP_SERVICE)
        return ck_atom_qty(c, val, NULL, dim_money_per_mass(), &act->value.lo) &&
               ck_nonneg(c, val->span, act->value.lo, "a service cost") &&
               ((act->value.hi = act->value.lo), true);
    if (!ck_atom_qty(c, val, NULL, dim_ratio(), &act->value.lo))
        return false;
    act->value.hi = act->value.lo;
    if (act->value.lo <= -1) {
        diag_error(c->d, val->span, "a price change of %s leaves nothing to sell for",
                   ck_span_text(c, val->span));
        diag_hint(c->d, "the change is added to the market price: `-3%%` is a 3%% discount");
        return false;
    }
    return true;
}

/* `set|scale strategy NAME|* volume|price|service VALUE`, `set strategy
 * NAME|* offers P, P…` and `set segment NAME|* strategy S`, after
 * scenario_entity has read the kind and the name. */
static bool scenario_customer(Ck *c, const Line *l, const Args *g, bool scale,
                              ScenarioAction *act)
{
    const Atom *op = g->a[0], *pw = g->a[3];
    const PropSpec *ps = NULL;
    for (size_t i = 0; pw->kind == A_WORD && i < sizeof scen_props / sizeof *scen_props; i++)
        if (scen_props[i].kind == act->kind && ck_is_word(pw, scen_props[i].word))
            ps = &scen_props[i];
    if (ps && g->total == 4) {
        diag_error(c->d, l->span, "`%s` of a %s takes %s", pw->text, ast_entity_name(act->kind),
                   ps->prop == SP_STRATEGY ? "a strategy's name"
                   : ps->prop == SP_OFFERS ? "a list of products" : "a value");
        customer_usage(c);
        return false;
    }
    if (!ps && !(ps = scenario_prop(c, g, act->kind)))
        return false;
    act->prop = ps->prop;
    if (scale && (ps->prop == SP_OFFERS || ps->prop == SP_STRATEGY)) {
        diag_error(c->d, op->span, "the %s of a %s cannot be scaled",
                   ps->prop == SP_OFFERS ? "products" : "strategy", ast_entity_name(act->kind));
        diag_hint(c->d, ps->prop == SP_OFFERS ? "`set strategy NAME offers butter, milk32` "
                                                "gives a strategy another package"
                                              : "`set segment NAME strategy loyalty` serves a "
                                                "segment with another strategy");
        return false;
    }
    if (ps->prop == SP_OFFERS)
        return strategy_offers(c, l, g, act);
    if (ps->prop == SP_STRATEGY)
        return segment_strategy(c, l, g, act);
    if (g->total != 5) {
        diag_error(c->d, l->span, "`%s` of a strategy takes one value", pw->text);
        customer_usage(c);
        return false;
    }
    return strategy_value(c, g->a[4], scale, act);
}

/* One scenario statement into act: `open`/`close plant`, `set`/`scale
 * transport`, or `set`/`scale KIND NAME|* PROPERTY [PRODUCT] VALUE`, each
 * part checked in reading order so the first mistake is the one said. */
bool ck_scenario_line(Ck *c, const Line *l, ScenarioAction *act)
{
    Args g;
    ck_args_of(l, &g);
    const Atom *op = g.a[0];
    memset(act, 0, sizeof *act);
    act->span = l->span;
    act->product = -1;
    act->prop = SP_NONE;
    if (ck_is_word(op, "close") || ck_is_word(op, "open"))
        return scenario_open_close(c, l, &g, act);
    bool scale = ck_is_word(op, "scale");
    if (!scale && !ck_is_word(op, "set")) {
        diag_error(c->d, op->span, "unknown scenario statement `%s`", ck_span_text(c, op->span));
        scen_usage(c);
        return false;
    }
    act->op = scale ? SC_SCALE : SC_SET;
    if (g.total < 4 || g.a[1]->kind != A_WORD) {
        diag_error(c->d, l->span, "`%s` needs a kind, a name, a property and a value", op->text);
        scen_usage(c);
        return false;
    }
    bool offers = ck_is_word(g.a[1], "strategy") && ck_is_word(g.a[3], "offers");
    if (g.total > 16 && !offers) { /* a package may list more products */
        diag_error(c->d, l->span, "scenario statement is too long");
        scen_usage(c);
        return false;
    }
    if (ck_is_word(g.a[1], "transport"))
        return scenario_transport(c, l, &g, scale, act);
    if (!scenario_entity(c, &g, act))
        return false;
    if (act->kind == K_STRATEGY || act->kind == K_SEGMENT)
        return scenario_customer(c, l, &g, scale, act);
    const Atom *pw = g.a[3];
    int comp = pw->kind == A_WORD ? ck_component(c, pw->text) : -1;
    const PropSpec *ps;
    if (comp >= 0 && (act->kind == K_FARM || act->kind == K_PRODUCT)) {
        ps = &content_spec;
        act->component = comp;
    } else if (act->kind == K_FARM && c->m->ngrades > 0 && ck_is_word(pw, "grade")) {
        ps = &grade_spec;
    } else {
        ps = scenario_prop(c, &g, act->kind);
    }
    if (!ps)
        return false;
    act->prop = ps->prop;
    return scenario_product(c, l, &g, ps, scale, act) &&
           scenario_applies(c, &g, ps, scale, act) &&
           scenario_value(c, g.a[g.total - 1], ps, scale, act);
}

void ck_scenario_props(Ck *c, const Decl *d, int si)
{
    Vec acts;
    vec_init(&acts, sizeof(ScenarioAction));
    c->block_acts = &acts;
    for (const Line *l = d->block->lines; l; l = l->next) {
        ScenarioAction a;
        if (ck_scenario_line(c, l, &a))
            *(ScenarioAction *)vec_push(&acts) = a;
    }
    c->block_acts = NULL;
    Scenario *s = &SCENARIOS[si];
    s->nactions = (int)acts.len;
    s->actions = arena_alloc(c->arena, sizeof(ScenarioAction) * (acts.len ? acts.len : 1));
    if (acts.len)
        memcpy(s->actions, acts.data, sizeof(ScenarioAction) * acts.len);
    vec_free(&acts);
}
