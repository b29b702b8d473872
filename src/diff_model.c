/* diff_model.c — the model's header and the chain: components and grades,
 * products, farms, plants and their lines and stores, markets and their
 * demand, routes and transport rates.  Things are matched by name (a line
 * by its plant and product, a route by its ends), so a rename is a removal
 * and an addition; values are compared in base units. */
#include "diff_int.h"

#include "arena.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static const char *disp_grade(const Model *m, int g)
{
    return m->ngrades ? m->grades[g].name : NULL;
}

/* A component's content, by the component's name; -1 when the model has
 * no such component. */
static int component(const Model *m, const char *name)
{
    for (int k = 0; k < m->ncomponents; k++)
        if (strcmp(m->components[k].name, name) == 0)
            return k;
    return -1;
}

/* The names of a list of Named, comma-separated: "low, mid, high". */
static const char *name_list(DiffList *d, const Named *n, int count)
{
    Buf b = {0};
    for (int i = 0; i < count; i++) {
        if (i)
            buf_puts(&b, ", ");
        buf_puts(&b, n[i].name);
    }
    const char *s = arena_strdup(&d->arena, buf_str(&b));
    buf_free(&b);
    return s;
}

static bool same_set(const Named *a, int na, const Named *b, int nb)
{
    if (na != nb)
        return false;
    for (int i = 0; i < na; i++) {
        bool found = false;
        for (int j = 0; j < nb && !found; j++)
            found = strcmp(a[i].name, b[j].name) == 0;
        if (!found)
            return false;
    }
    return true;
}

static const char *pay_text(DiffList *d, const Model *m)
{
    if (m->pay_by < 0)
        return NULL;
    Buf b = {0};
    buf_printf(&b, "%s ", m->components[m->pay_by].name);
    df_put_num(&b, df_pct(m->pay_basis), 10);
    const char *s = arena_strdup(&d->arena, buf_str(&b));
    buf_free(&b);
    return s;
}

/* The header: title, currency, objective; components, `pay by`, grades. */
static void header(DiffList *d, const Model *a, const Model *b)
{
    static const char *const obj[] = {"maximize profit", "minimize cost"};
    df_str(d, "model", NULL, "title", a->title, b->title, true);
    df_str(d, "model", NULL, "currency", a->currency[0] ? a->currency : NULL,
           b->currency[0] ? b->currency : NULL, false);
    df_str(d, "model", NULL, "objective", obj[a->objective], obj[b->objective], false);
    if (!same_set(a->components, a->ncomponents, b->components, b->ncomponents))
        df_str(d, "model", NULL, "components",
               a->ncomponents ? name_list(d, a->components, a->ncomponents) : NULL,
               b->ncomponents ? name_list(d, b->components, b->ncomponents) : NULL, false);
    df_str(d, "model", NULL, "pay by", pay_text(d, a), pay_text(d, b), false);
    df_str(d, "model", NULL, "grades", a->ngrades ? name_list(d, a->grades, a->ngrades) : NULL,
           b->ngrades ? name_list(d, b->grades, b->ngrades) : NULL, false);
}

/* ------------------------------------------------------------ descriptions */

/* ", " between the parts of a description. */
static void sep(Buf *b)
{
    if (b->len)
        buf_puts(b, ", ");
}

static void put_prop(Buf *b, const char *what, DfNum v)
{
    sep(b);
    buf_printf(b, "%s ", what);
    df_put_num(b, v, 10);
}

static void put_label(Buf *b, const char *label)
{
    if (label) {
        sep(b);
        df_put_label(b, label);
    }
}

static void put_at(Buf *b, bool has, double lat, double lon)
{
    if (has) {
        sep(b);
        buf_printf(b, "at %.10g, %.10g", lat, lon);
    }
}

static void put_quality(Buf *b, const Model *m, const double *content, int grade)
{
    for (int k = 0; k < m->ncomponents; k++)
        if (content[k] > 0)
            put_prop(b, m->components[k].name, df_pct(content[k]));
    if (m->ngrades) {
        sep(b);
        buf_printf(b, "grade %s", m->grades[grade].name);
    }
}

static const char *done(DiffList *d, Buf *b)
{
    const char *s = arena_strdup(&d->arena, buf_str(b));
    buf_free(b);
    return s;
}

static const char *product_desc(DiffList *d, const Model *m, const Product *p)
{
    Buf b = {0};
    put_label(&b, p->n.label);
    if (p->has_milk)
        put_prop(&b, "milk", df_q(p->milk, "t/t"));
    if (p->has_price)
        put_prop(&b, "price", df_q(p->price, df_money(d, m, "/t")));
    if (p->transport_is_own)
        put_prop(&b, "transport", df_q(p->transport, df_money(d, m, "/t/km")));
    if (m->ncomponents || m->ngrades)
        put_quality(&b, m, p->content, p->grade);
    return done(d, &b);
}

static const char *farm_desc(DiffList *d, const Model *m, const Farm *f)
{
    Buf b = {0};
    put_label(&b, f->n.label);
    put_prop(&b, "supply", df_r(f->supply, "t"));
    put_prop(&b, "price", df_q(f->price, df_money(d, m, "/t")));
    put_at(&b, f->has_at, f->lat, f->lon);
    if (m->ncomponents || m->ngrades)
        put_quality(&b, m, f->content, f->grade);
    return done(d, &b);
}

static const char *plant_desc(DiffList *d, const Model *m, const Plant *p)
{
    Buf b = {0};
    put_label(&b, p->n.label);
    put_prop(&b, "capacity", df_r(p->capacity, "t"));
    if (p->fixed != 0)
        put_prop(&b, "fixed", df_q(p->fixed, m->currency));
    if (p->optional) {
        sep(&b);
        buf_puts(&b, "optional");
    }
    put_at(&b, p->has_at, p->lat, p->lon);
    return done(d, &b);
}

static const char *market_desc(DiffList *d, const Market *k)
{
    Buf b = {0};
    put_label(&b, k->n.label);
    if (k->from_customers) {
        sep(&b);
        buf_puts(&b, "demand from customers");
    }
    put_at(&b, k->has_at, k->lat, k->lon);
    return done(d, &b);
}

/* ------------------------------------------------------------ entities */

static void at_prop(DiffList *d, const char *kind, const char *name, bool ha, double lat_a,
                    double lon_a, bool hb, double lat_b, double lon_b)
{
    if (ha == hb && (!ha || (df_same(lat_a, lat_b) && df_same(lon_a, lon_b))))
        return;
    char sa[64], sb[64];
    snprintf(sa, sizeof sa, "%.10g, %.10g", lat_a, lon_a);
    snprintf(sb, sizeof sb, "%.10g, %.10g", lat_b, lon_b);
    df_str(d, kind, name, "at", ha ? sa : NULL, hb ? sb : NULL, false);
}

/* Contents of the components both models have, and the grade. */
static void quality(DiffList *d, const char *kind, const char *name, const Model *a,
                    const double *ca, int ga, const Model *b, const double *cb, int gb)
{
    for (int k = 0; k < b->ncomponents; k++) {
        int i = component(a, b->components[k].name);
        if (i >= 0)
            df_num(d, kind, name, b->components[k].name, df_pct(ca[i]), df_pct(cb[k]));
    }
    /* a model without grades has one grade: adding grades changes no
     * farm's or product's, until one is given */
    if (a->ngrades && b->ngrades)
        df_str(d, kind, name, "grade", disp_grade(a, ga), disp_grade(b, gb), false);
    else if (ga > 0 || gb > 0)
        df_str(d, kind, name, "grade", ga > 0 ? disp_grade(a, ga) : NULL,
               gb > 0 ? disp_grade(b, gb) : NULL, false);
}

static void products(DiffList *d, const Model *a, const Model *b)
{
    DfMatch mt;
    df_match_named(&mt, a->products, a->nproducts, b->products, b->nproducts, sizeof(Product));
    for (int j = 0; j < b->nproducts; j++) {
        const Product *q = &b->products[j];
        int i = mt.a_of_b[j];
        if (i < 0) {
            df_added(d, "product", q->n.name, product_desc(d, b, q));
            continue;
        }
        const Product *p = &a->products[i];
        const char *n = q->n.name;
        df_str(d, "product", n, "label", p->n.label, q->n.label, true);
        df_num_opt(d, "product", n, "milk", p->has_milk, df_q(p->milk, "t/t"), q->has_milk,
                   df_q(q->milk, "t/t"));
        df_num_opt(d, "product", n, "price", p->has_price, df_q(p->price, df_money(d, a, "/t")),
                   q->has_price, df_q(q->price, df_money(d, b, "/t")));
        /* a rate that is not the product's own follows `transport product` */
        df_num_opt(d, "product", n, "transport", p->transport_is_own,
                   df_q(p->transport, df_money(d, a, "/t/km")), q->transport_is_own,
                   df_q(q->transport, df_money(d, b, "/t/km")));
        quality(d, "product", n, a, p->content, p->grade, b, q->content, q->grade);
    }
    for (int i = 0; i < a->nproducts; i++)
        if (mt.b_of_a[i] < 0)
            df_removed(d, "product", a->products[i].n.name, product_desc(d, a, &a->products[i]));
    df_match_free(&mt);
}

static void farms(DiffList *d, const Model *a, const Model *b)
{
    DfMatch mt;
    df_match_named(&mt, a->farms, a->nfarms, b->farms, b->nfarms, sizeof(Farm));
    for (int j = 0; j < b->nfarms; j++) {
        const Farm *g = &b->farms[j];
        int i = mt.a_of_b[j];
        if (i < 0) {
            df_added(d, "farm", g->n.name, farm_desc(d, b, g));
            continue;
        }
        const Farm *f = &a->farms[i];
        const char *n = g->n.name;
        df_str(d, "farm", n, "label", f->n.label, g->n.label, true);
        df_num(d, "farm", n, "supply", df_r(f->supply, "t"), df_r(g->supply, "t"));
        df_num(d, "farm", n, "price", df_q(f->price, df_money(d, a, "/t")),
               df_q(g->price, df_money(d, b, "/t")));
        at_prop(d, "farm", n, f->has_at, f->lat, f->lon, g->has_at, g->lat, g->lon);
        quality(d, "farm", n, a, f->content, f->grade, b, g->content, g->grade);
    }
    for (int i = 0; i < a->nfarms; i++)
        if (mt.b_of_a[i] < 0)
            df_removed(d, "farm", a->farms[i].n.name, farm_desc(d, a, &a->farms[i]));
    df_match_free(&mt);
}

static void plants(DiffList *d, const Model *a, const Model *b)
{
    DfMatch mt;
    df_match_named(&mt, a->plants, a->nplants, b->plants, b->nplants, sizeof(Plant));
    for (int j = 0; j < b->nplants; j++) {
        const Plant *q = &b->plants[j];
        int i = mt.a_of_b[j];
        if (i < 0) {
            df_added(d, "plant", q->n.name, plant_desc(d, b, q));
            continue;
        }
        const Plant *p = &a->plants[i];
        const char *n = q->n.name;
        df_str(d, "plant", n, "label", p->n.label, q->n.label, true);
        df_num(d, "plant", n, "capacity", df_r(p->capacity, "t"), df_r(q->capacity, "t"));
        df_num(d, "plant", n, "fixed", df_q(p->fixed, a->currency), df_q(q->fixed, b->currency));
        df_str(d, "plant", n, "optional", p->optional ? "yes" : "no", q->optional ? "yes" : "no",
               false);
        at_prop(d, "plant", n, p->has_at, p->lat, p->lon, q->has_at, q->lat, q->lon);
    }
    for (int i = 0; i < a->nplants; i++)
        if (mt.b_of_a[i] < 0)
            df_removed(d, "plant", a->plants[i].n.name, plant_desc(d, a, &a->plants[i]));
    df_match_free(&mt);
}

static void markets(DiffList *d, const Model *a, const Model *b)
{
    DfMatch mt;
    df_match_named(&mt, a->markets, a->nmarkets, b->markets, b->nmarkets, sizeof(Market));
    for (int j = 0; j < b->nmarkets; j++) {
        const Market *q = &b->markets[j];
        int i = mt.a_of_b[j];
        if (i < 0) {
            df_added(d, "market", q->n.name, market_desc(d, q));
            continue;
        }
        const Market *p = &a->markets[i];
        const char *n = q->n.name;
        df_str(d, "market", n, "label", p->n.label, q->n.label, true);
        df_str(d, "market", n, "demand from customers", p->from_customers ? "yes" : "no",
               q->from_customers ? "yes" : "no", false);
        at_prop(d, "market", n, p->has_at, p->lat, p->lon, q->has_at, q->lat, q->lon);
    }
    for (int i = 0; i < a->nmarkets; i++)
        if (mt.b_of_a[i] < 0)
            df_removed(d, "market", a->markets[i].n.name, market_desc(d, &a->markets[i]));
    df_match_free(&mt);
}

/* ------------------------------------------------------------ keyed rows */

/* Keys of things named by two names: "north\x1fcity_dairy". */
static const char **pair_keys(Arena *ar, int n, const char *(*name)(const Model *, int, int),
                              const Model *m)
{
    const char **k = xmalloc((size_t)(n ? n : 1) * sizeof *k);
    for (int i = 0; i < n; i++)
        k[i] = arena_printf(ar, "%s\x1f%s", name(m, i, 0), name(m, i, 1));
    return k;
}

static const char *line_end(const Model *m, int i, int which)
{
    const ProdLine *l = &m->lines[i];
    return which ? m->products[l->product].n.name : m->plants[l->plant].n.name;
}

static const char *demand_end(const Model *m, int i, int which)
{
    const Demand *e = &m->demands[i];
    return which ? m->products[e->product].n.name : m->markets[e->market].n.name;
}

static const char *route_end(const Model *m, int i, int which)
{
    const Route *r = &m->routes[i];
    if (r->kind == ROUTE_MILK)
        return which ? m->plants[r->to].n.name : m->farms[r->from].n.name;
    return which ? m->markets[r->to].n.name : m->plants[r->from].n.name;
}

static const char *store_end(const Model *m, int i, int which)
{
    const Store *s = &m->stores[i];
    return which ? m->products[s->product].n.name : m->plants[s->plant].n.name;
}

/* Match the n* things of a and b named by `end`, calling each(d, a, i, b,
 * j) for a pair, with i or j -1 for a thing one side alone has (b's in
 * order, then a's). */
static void keyed(DiffList *d, const Model *a, int na, const Model *b, int nb,
                  const char *(*end)(const Model *, int, int),
                  void (*each)(DiffList *, const Model *, int, const Model *, int))
{
    Arena ar;
    arena_init(&ar);
    const char **ka = pair_keys(&ar, na, end, a), **kb = pair_keys(&ar, nb, end, b);
    DfMatch mt;
    df_match(&mt, ka, na, kb, nb);
    for (int j = 0; j < nb; j++)
        each(d, a, mt.a_of_b[j], b, j);
    for (int i = 0; i < na; i++)
        if (mt.b_of_a[i] < 0)
            each(d, a, i, b, -1);
    df_match_free(&mt);
    free(ka);
    free(kb);
    arena_free(&ar);
}

static const char *line_desc(DiffList *d, const Model *m, const ProdLine *l)
{
    Buf b = {0};
    put_prop(&b, "output", df_r(l->output, "t"));
    put_prop(&b, "cost", df_q(l->cost, df_money(d, m, "/t")));
    return done(d, &b);
}

/* "city_dairy makes butter" */
static void each_line(DiffList *d, const Model *a, int i, const Model *b, int j)
{
    const Model *m = j >= 0 ? b : a;
    int k = j >= 0 ? j : i;
    const char *n = df_strdup(d, arena_printf(&d->arena, "%s makes %s", line_end(m, k, 0),
                                              line_end(m, k, 1)));
    if (i < 0)
        df_added(d, "line", n, line_desc(d, b, &b->lines[j]));
    else if (j < 0)
        df_removed(d, "line", n, line_desc(d, a, &a->lines[i]));
    else {
        const ProdLine *p = &a->lines[i], *q = &b->lines[j];
        df_num(d, "line", n, "output", df_r(p->output, "t"), df_r(q->output, "t"));
        df_num(d, "line", n, "cost", df_q(p->cost, df_money(d, a, "/t")),
               df_q(q->cost, df_money(d, b, "/t")));
    }
}

static const char *demand_desc(DiffList *d, const Model *m, const Demand *e)
{
    Buf b = {0};
    if (e->has_volume)
        put_prop(&b, "volume", df_r(e->volume, "t"));
    put_prop(&b, "price", df_q(e->price, df_money(d, m, "/t")));
    return done(d, &b);
}

/* "butter at city"; a price the line does not give on either side is the
 * product's, whose change is the product's item. */
static void each_demand(DiffList *d, const Model *a, int i, const Model *b, int j)
{
    const Model *m = j >= 0 ? b : a;
    int k = j >= 0 ? j : i;
    const char *n = arena_printf(&d->arena, "%s at %s", demand_end(m, k, 1), demand_end(m, k, 0));
    if (i < 0)
        df_added(d, "demand", n, demand_desc(d, b, &b->demands[j]));
    else if (j < 0)
        df_removed(d, "demand", n, demand_desc(d, a, &a->demands[i]));
    else {
        const Demand *p = &a->demands[i], *q = &b->demands[j];
        df_num_opt(d, "demand", n, "volume", p->has_volume, df_r(p->volume, "t"), q->has_volume,
                   df_r(q->volume, "t"));
        if (p->price_given || q->price_given)
            df_num(d, "demand", n, "price", df_q(p->price, df_money(d, a, "/t")),
                   df_q(q->price, df_money(d, b, "/t")));
    }
}

static DfNum route_value(DiffList *d, const Model *m, const Route *r)
{
    return r->has_distance ? df_q(r->distance, "km") : df_q(r->cost, df_money(d, m, "/t"));
}

/* "north → city_dairy": a distance or a cost per t. */
static void each_route(DiffList *d, const Model *a, int i, const Model *b, int j)
{
    const Model *m = j >= 0 ? b : a;
    int k = j >= 0 ? j : i;
    const char *n = arena_printf(&d->arena, "%s → %s", route_end(m, k, 0), route_end(m, k, 1));
    if (i < 0) {
        df_added(d, "route", n, df_num_text(d, route_value(d, b, &b->routes[j])));
    } else if (j < 0) {
        df_removed(d, "route", n, df_num_text(d, route_value(d, a, &a->routes[i])));
    } else {
        const Route *p = &a->routes[i], *q = &b->routes[j];
        if (p->has_distance == q->has_distance)
            df_num(d, "route", n, p->has_distance ? "distance" : "cost", route_value(d, a, p),
                   route_value(d, b, q));
        else {
            DiffItem *it = df_item(d, DIFF_CHANGED, "route", n, NULL);
            DfNum va = route_value(d, a, p), vb = route_value(d, b, q);
            it->before = (DiffVal){df_num_text(d, va), true, false, 0, va.hi, va.unit};
            it->after = (DiffVal){df_num_text(d, vb), true, false, 0, vb.hi, vb.unit};
        }
    }
}

static const char *store_desc(DiffList *d, const Model *m, const Store *s)
{
    Buf b = {0};
    put_prop(&b, "capacity", df_q(s->capacity, "t"));
    put_prop(&b, "cost", df_q(s->cost, df_money(d, m, "/t")));
    put_prop(&b, "start", df_q(s->start, "t"));
    return done(d, &b);
}

/* "butter at city_dairy" */
static void each_store(DiffList *d, const Model *a, int i, const Model *b, int j)
{
    const Model *m = j >= 0 ? b : a;
    int k = j >= 0 ? j : i;
    const char *n = arena_printf(&d->arena, "%s at %s", store_end(m, k, 1), store_end(m, k, 0));
    if (i < 0)
        df_added(d, "store", n, store_desc(d, b, &b->stores[j]));
    else if (j < 0)
        df_removed(d, "store", n, store_desc(d, a, &a->stores[i]));
    else {
        const Store *p = &a->stores[i], *q = &b->stores[j];
        df_num(d, "store", n, "capacity", df_q(p->capacity, "t"), df_q(q->capacity, "t"));
        df_num(d, "store", n, "cost", df_q(p->cost, df_money(d, a, "/t")),
               df_q(q->cost, df_money(d, b, "/t")));
        df_num(d, "store", n, "start", df_q(p->start, "t"), df_q(q->start, "t"));
    }
}

static void transport(DiffList *d, const Model *a, const Model *b)
{
    const Transport *p = &a->transport, *q = &b->transport;
    df_num_opt(d, "transport", NULL, "milk", p->has_milk, df_q(p->milk, df_money(d, a, "/t/km")),
               q->has_milk, df_q(q->milk, df_money(d, b, "/t/km")));
    df_num_opt(d, "transport", NULL, "product", p->has_product,
               df_q(p->product, df_money(d, a, "/t/km")), q->has_product,
               df_q(q->product, df_money(d, b, "/t/km")));
}

void diff_models(DiffList *d, const Model *a, const Model *b)
{
    header(d, a, b);
    products(d, a, b);
    farms(d, a, b);
    plants(d, a, b);
    keyed(d, a, a->nlines, b, b->nlines, line_end, each_line);
    markets(d, a, b);
    keyed(d, a, a->ndemands, b, b->ndemands, demand_end, each_demand);
    keyed(d, a, a->nroutes, b, b->nroutes, route_end, each_route);
    transport(d, a, b);
    keyed(d, a, a->nstores, b, b->nstores, store_end, each_store);
    df_rules(d, a, b);
}
