/* scenario.c — a scenario applied to a checked model (language.md, "Scenarios").
 *
 * The result is a struct copy of the base model.  An array is copied into
 * the arena just before a statement first changes it (copy-on-write: a
 * field still equal to base's pointer is base's array); every other array
 * is shared with base, which is never written.
 *
 * Statements apply in order, each to the values the ones before left:
 *   farm     supply (range), price, a component content, grade (set)
 *   plant    capacity (range), fixed, output P (the line's range), cost P
 *   market   demand [P] (demand lines' volume; in a customers market, `scale`
 *            scales the customers' volumes of P there, which are what its
 *            demand classes sum), price P (the demand line's price)
 *   product  milk (`set` gives one to a product without a norm), price,
 *            transport, a component content
 *   transport milk, product (the default: also every product whose rate is
 *            the default), or a product's own rate
 *   strategy volume (range), price (the ratio added to the market price:
 *            `scale` multiplies the change itself, -3% x 200% = -6%),
 *            service, offers (set: the package)
 *   segment  strategy (set: the strategy its customers are served with;
 *            the segmentation itself, who is in which segment, is not
 *            the model's and does not change)
 *   close / open plant
 * Entity -1 (`*`) means every entity of the kind that has the property.
 * Derived values follow what they come from: a demand line whose price was
 * not written takes the product's new price, and a product without its own
 * rate takes the new default transport rate.  A value a statement changes
 * becomes the entity's own: a line price a scenario sets or scales no longer
 * follows the product's price, a product rate it sets or scales no longer
 * follows the default. */
#include "scenario.h"

#include <string.h>

typedef struct {
    Arena *a;
    const Model *base;
    Model *m;
} Ap;

/* A copy of base's array `p` of n elements in the arena. */
static void *dup_array(Arena *a, const void *p, size_t n, size_t size)
{
    if (!p || n == 0)
        return (void *)p;
    void *q = arena_alloc(a, n * size);
    memcpy(q, p, n * size);
    return q;
}

/* Make m->FIELD the model's own array before it is written. */
#define OWN(ap, field, count)                                                                \
    do {                                                                                     \
        if ((ap)->m->field == (ap)->base->field)                                             \
            (ap)->m->field = dup_array((ap)->a, (ap)->base->field, (size_t)(ap)->base->count, \
                                       sizeof *(ap)->base->field);                          \
    } while (0)

static void fix_order(Range *r)
{
    if (r->lo > r->hi) {
        double t = r->lo;
        r->lo = r->hi;
        r->hi = t;
    }
}

/* scale: each bound × ratio; set: the value (a single amount was decoded as
 * 0..B by the checker). */
static void apply_range(Range *r, const ScenarioAction *act)
{
    if (act->op == SC_SCALE) {
        r->lo *= act->ratio;
        r->hi *= act->ratio;
    } else {
        *r = act->value;
    }
    fix_order(r);
}

static void apply_num(double *x, const ScenarioAction *act)
{
    if (act->op == SC_SCALE)
        *x *= act->ratio;
    else
        *x = act->value.lo;
}

/* The entity's own copy of its component contents, made before the first
 * change (base_content is base's array, shared until then). */
static double *own_content(Ap *ap, double **content, const double *base_content)
{
    if (*content == base_content)
        *content = dup_array(ap->a, base_content, (size_t)ap->base->ncomponents,
                             sizeof *base_content);
    return *content;
}

static bool picks(int entity, int i)
{
    return entity < 0 || entity == i;
}

static void farm_action(Ap *ap, const ScenarioAction *act)
{
    Model *m = ap->m;
    for (int i = 0; i < m->nfarms; i++) {
        if (!picks(act->entity, i))
            continue;
        OWN(ap, farms, nfarms);
        Farm *f = &m->farms[i];
        if (act->prop == SP_SUPPLY)
            apply_range(&f->supply, act);
        else if (act->prop == SP_PRICE)
            apply_num(&f->price, act);
        else if (act->prop == SP_CONTENT)
            apply_num(own_content(ap, &f->content, ap->base->farms[i].content) +
                      act->component, act);
        else if (act->prop == SP_GRADE)
            f->grade = (int)act->value.lo;
    }
}

static void plant_action(Ap *ap, const ScenarioAction *act)
{
    Model *m = ap->m;
    switch (act->prop) {
    case SP_CAPACITY:
    case SP_FIXED:
        for (int i = 0; i < m->nplants; i++) {
            if (!picks(act->entity, i))
                continue;
            OWN(ap, plants, nplants);
            if (act->prop == SP_CAPACITY)
                apply_range(&m->plants[i].capacity, act);
            else
                apply_num(&m->plants[i].fixed, act);
        }
        break;
    case SP_OUTPUT:
    case SP_COST:
        for (int i = 0; i < m->nlines; i++) {
            if (!picks(act->entity, m->lines[i].plant) ||
                !picks(act->product, m->lines[i].product))
                continue;
            OWN(ap, lines, nlines);
            ProdLine *ln = &m->lines[i];
            if (act->prop == SP_OUTPUT)
                apply_range(&ln->output, act);
            else
                apply_num(&ln->cost, act);
        }
        break;
    default:
        break;
    }
}

/* `scale market M|* demand [P] R` in markets with demand from customers:
 * the customers' volumes of P (every product without P) in those markets. */
static void scale_customer_demand(Ap *ap, const ScenarioAction *act)
{
    Model *m = ap->m;
    Customers *cu = &m->customers;
    if (!cu->present || cu->market_col < 0 || cu->n == 0)
        return;
    bool any = false;
    for (int i = 0; i < m->nmarkets; i++)
        any |= picks(act->entity, i) && m->markets[i].from_customers;
    if (!any)
        return;
    const int *mkt = cu->cols[cu->market_col].text;
    for (int j = 0; j < cu->ncols; j++) {
        const Column *bc = &ap->base->customers.cols[j];
        if (bc->kind != COL_VOLUME || !bc->num || !picks(act->product, bc->product))
            continue;
        for (size_t i = 0; i < cu->n; i++) {
            int mk = mkt[i];
            if (mk < 0 || !picks(act->entity, mk) || !m->markets[mk].from_customers)
                continue;
            OWN(ap, customers.cols, customers.ncols);
            Column *col = &cu->cols[j];
            if (col->num == bc->num)
                col->num = dup_array(ap->a, bc->num, cu->n, sizeof *bc->num);
            col->num[i] *= act->ratio; /* NaN (missing) stays NaN */
        }
    }
}

static void market_action(Ap *ap, const ScenarioAction *act)
{
    Model *m = ap->m;
    if (act->prop != SP_DEMAND && act->prop != SP_PRICE)
        return;
    for (int i = 0; i < m->ndemands; i++) {
        const Demand *bd = &m->demands[i];
        if (!picks(act->entity, bd->market) || !picks(act->product, bd->product) ||
            (act->prop == SP_DEMAND && !bd->has_volume))
            continue;
        OWN(ap, demands, ndemands);
        Demand *dm = &m->demands[i];
        if (act->prop == SP_PRICE) {
            apply_num(&dm->price, act);
            dm->price_given = true; /* its own now: no longer the product's */
        } else {
            apply_range(&dm->volume, act);
        }
    }
    if (act->prop == SP_DEMAND && act->op == SC_SCALE)
        scale_customer_demand(ap, act);
}

/* Demand lines whose price is the product's follow product k's price. */
static void follow_product_price(Ap *ap, int k)
{
    Model *m = ap->m;
    const Product *pr = &m->products[k];
    if (!pr->has_price)
        return;
    for (int i = 0; i < m->ndemands; i++) {
        const Demand *bd = &m->demands[i];
        if (bd->product != k || bd->price_given || bd->price == pr->price)
            continue;
        OWN(ap, demands, ndemands);
        m->demands[i].price = pr->price;
    }
}

static void product_action(Ap *ap, const ScenarioAction *act)
{
    Model *m = ap->m;
    for (int i = 0; i < m->nproducts; i++) {
        const Product *bp = &m->products[i];
        if (!picks(act->entity, i) || (act->op == SC_SCALE && act->prop == SP_PRICE &&
                                       !bp->has_price) ||
            (act->op == SC_SCALE && act->prop == SP_MILK && !bp->has_milk) ||
            (act->op == SC_SCALE && act->prop == SP_TRANSPORT && !bp->has_transport))
            continue; /* nothing to scale */
        OWN(ap, products, nproducts);
        Product *pr = &m->products[i];
        switch (act->prop) {
        case SP_MILK:
            apply_num(&pr->milk, act);
            pr->has_milk = true; /* `set` gives a product without one a norm */
            break;
        case SP_CONTENT:
            apply_num(own_content(ap, &pr->content, ap->base->products[i].content) +
                      act->component, act);
            break;
        case SP_PRICE:
            apply_num(&pr->price, act);
            pr->has_price = true;
            follow_product_price(ap, i);
            break;
        case SP_TRANSPORT:
            apply_num(&pr->transport, act);
            pr->has_transport = true;
            pr->transport_is_own = true;
            break;
        default:
            break;
        }
    }
}

static void transport_action(Ap *ap, const ScenarioAction *act)
{
    Model *m = ap->m;
    Transport *t = &m->transport;
    if (act->prop == SP_MILK) {
        if (act->op == SC_SCALE && !t->has_milk)
            return;
        apply_num(&t->milk, act);
        t->has_milk = true;
        return;
    }
    if (act->prop != SP_TRANSPORT)
        return;
    if (act->product >= 0) { /* a product's own rate */
        if (act->op == SC_SCALE && !m->products[act->product].has_transport)
            return;
        OWN(ap, products, nproducts);
        Product *pr = &m->products[act->product];
        apply_num(&pr->transport, act);
        pr->has_transport = true;
        pr->transport_is_own = true;
        return;
    }
    /* the default, and every product whose rate is the default */
    if (act->op == SC_SCALE && !t->has_product)
        return;
    apply_num(&t->product, act);
    t->has_product = true;
    for (int i = 0; i < m->nproducts; i++) {
        if (m->products[i].transport_is_own)
            continue;
        OWN(ap, products, nproducts);
        Product *pr = &m->products[i];
        pr->transport = t->product;
        pr->has_transport = true;
    }
}

static void strategy_action(Ap *ap, const ScenarioAction *act)
{
    Model *m = ap->m;
    for (int i = 0; i < m->nstrategies; i++) {
        if (!picks(act->entity, i))
            continue;
        OWN(ap, strategies, nstrategies);
        Strategy *st = &m->strategies[i];
        switch (act->prop) {
        case SP_VOLUME: apply_range(&st->volume, act); break;
        case SP_PRICE: apply_num(&st->price, act); break;
        case SP_SERVICE: apply_num(&st->service, act); break;
        case SP_OFFERS:
            st->offers = act->offers;
            st->noffers = act->noffers;
            break;
        default: break;
        }
    }
}

static void segment_action(Ap *ap, const ScenarioAction *act)
{
    Model *m = ap->m;
    for (int i = 0; i < m->nsegments; i++) {
        if (!picks(act->entity, i) || act->prop != SP_STRATEGY)
            continue;
        OWN(ap, segments, nsegments);
        m->segments[i].strategy = (int)act->value.lo;
    }
}

static void plant_state(Ap *ap, const ScenarioAction *act)
{
    Model *m = ap->m;
    for (int i = 0; i < m->nplants; i++) {
        if (!picks(act->entity, i))
            continue;
        OWN(ap, plants, nplants);
        /* the later statement wins: close after open closes, and back */
        m->plants[i].closed = act->op == SC_CLOSE;
        m->plants[i].forced_open = act->op == SC_OPEN;
    }
}

/* A copy of base with the statements acts[0..n) applied in order. */
static Model *apply_actions(Arena *a, const Model *base, const ScenarioAction *acts, int n)
{
    Model *m = arena_alloc(a, sizeof *m);
    if (!m)
        return NULL;
    *m = *base;
    Ap ap = {a, base, m};
    for (int i = 0; i < n; i++) {
        const ScenarioAction *act = &acts[i];
        if (act->op == SC_CLOSE || act->op == SC_OPEN) {
            plant_state(&ap, act);
            continue;
        }
        switch (act->kind) {
        case K_FARM: farm_action(&ap, act); break;
        case K_PLANT: plant_action(&ap, act); break;
        case K_MARKET: market_action(&ap, act); break;
        case K_PRODUCT: product_action(&ap, act); break;
        case K_STRATEGY: strategy_action(&ap, act); break;
        case K_SEGMENT: segment_action(&ap, act); break;
        case K_COUNT: transport_action(&ap, act); break;
        default: break;
        }
    }
    return m;
}

Model *scenario_apply(Arena *a, const Model *base, int s)
{
    if (!base || s < 0 || s >= base->nscenarios)
        return NULL;
    return apply_actions(a, base, base->scenarios[s].actions, base->scenarios[s].nactions);
}

Model *period_apply(Arena *a, const Model *base, int t)
{
    if (!base || t < 0 || t >= base->nperiods)
        return NULL;
    return apply_actions(a, base, base->periods[t].actions, base->periods[t].nactions);
}
