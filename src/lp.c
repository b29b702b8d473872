/* lp.c — the code generator: checked model -> one GLPK problem (lp.h).
 *
 * Columns and rows are created in declaration order with readable names
 * (`x(north,city_dairy)`, `supply(north)`); the matrix is collected in
 * triplet arrays sized in advance and loaded with one glp_load_matrix.
 * The model has been checked, so every index and rate is valid: GLPK is
 * never handed anything it would abort on. */
#include "lp_int.h"

#include "names.h"
#include "scenario.h"
#include "xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void lp_ident(const char *name, char kind, int index, char *buf, size_t size)
{
    size_t n = strlen(name);
    bool ok = n > 0 && n <= 60;
    for (size_t i = 0; ok && i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
             (i > 0 && c >= '0' && c <= '9');
    }
    if (ok)
        snprintf(buf, size, "%s", name);
    else
        snprintf(buf, size, "%c%d", kind, index + 1);
}

/* Haulage per t on route r: the route's own cost, else rate x distance with
 * the milk rate (milk routes) or the product's rate. */
double lp_route_cost(const Model *m, int r, int product)
{
    const Route *rt = &m->routes[r];
    if (!rt->has_distance)
        return rt->cost;
    double rate = rt->kind == ROUTE_MILK ? m->transport.milk : m->products[product].transport;
    return rate * rt->distance;
}

/* Whether the model has `pay by`: the field is read only then (a model
 * without components never has it). */
static bool pays_by(const Model *m)
{
    return m->pay_by >= 0 && m->pay_by < m->ncomponents && m->pay_basis > 0;
}

double lp_farm_price(const Model *m, int f)
{
    const Farm *fm = &m->farms[f];
    if (!pays_by(m) || !fm->content)
        return fm->price;
    return fm->price * fm->content[m->pay_by] / m->pay_basis;
}

/* product k's content of component c (0 when it gives none) */
double lpi_product_content(const Model *m, int k, int c)
{
    const double *v = m->products[k].content;
    return v ? v[c] : 0;
}

double lpi_farm_content(const Model *m, int f, int c)
{
    const double *v = m->farms[f].content;
    return v ? v[c] : 0;
}

int lp_row_plant(const Lp *lp, RowKind kind, int index)
{
    int n = kind == RK_COMPONENT ? lp->m->ncomponents : lp->m->ngrades;
    return n > 0 ? index / n : -1;
}

int lp_row_item(const Lp *lp, RowKind kind, int index)
{
    int n = kind == RK_COMPONENT ? lp->m->ncomponents : lp->m->ngrades;
    return n > 0 ? index % n : -1;
}

void lp_classes(const Model *m, DemandClass **out, int *n)
{
    DemandClass *cls = xmalloc(sizeof *cls * (size_t)(m->ndemands + 1));
    int k = 0;
    for (int i = 0; i < m->ndemands; i++) {
        const Demand *d = &m->demands[i];
        if (!d->has_volume)
            continue;
        cls[k++] = (DemandClass){.market = d->market, .product = d->product, .strategy = -1,
                                 .demand = i, .volume = d->volume, .price = d->price};
    }
    *out = cls;
    *n = k;
}

void lpi_put(Triplets *t, int row, int col, double v)
{
    if (t->n + 1 >= t->cap) {
        t->cap = t->cap ? t->cap * 2 : 1024;
        t->ia = xrealloc(t->ia, sizeof(int) * (size_t)t->cap);
        t->ja = xrealloc(t->ja, sizeof(int) * (size_t)t->cap);
        t->ar = xrealloc(t->ar, sizeof(double) * (size_t)t->cap);
    }
    t->n++;
    t->ia[t->n] = row;
    t->ja[t->n] = col;
    t->ar[t->n] = v;
}

/* A row with bounds lo..hi; -INFINITY / INFINITY for a missing side. */
int lpi_add_row(glp_prob *P, const char *name, double lo, double hi)
{
    int i = glp_add_rows(P, 1);
    glp_set_row_name(P, i, name);
    int type = isinf(lo) && isinf(hi) ? GLP_FR : isinf(lo) ? GLP_UP : isinf(hi) ? GLP_LO
             : lo == hi ? GLP_FX : GLP_DB;
    glp_set_row_bnds(P, i, type, isinf(lo) ? 0 : lo, isinf(hi) ? 0 : hi);
    return i;
}

/* Identifiers for row and column names, unique within each kind: the
 * entity's own name where lp_ident keeps it, else the kind letter and
 * position — and where that is some other entity's name (a farm named `f2`
 * beside a Cyrillic second farm), `_2`, `_3`... until it is free. */
static char **unique_idents(const Named *first, size_t stride, int n, char kind, char **pool)
{
    char **out = xmalloc(sizeof(char *) * ((size_t)n + 1));
    NameMap used;
    names_init(&used);
    char buf[80];
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < n; i++) {
            const Named *nm = (const Named *)((const char *)first + stride * (size_t)i);
            lp_ident(nm->name, kind, i, buf, sizeof buf);
            bool own = strcmp(buf, nm->name) == 0;
            if (own != (pass == 0))
                continue; /* own names first: they are unique already */
            size_t len = strlen(buf);
            for (int k = 2; names_get(&used, buf) >= 0; k++)
                snprintf(buf + len, sizeof buf - len, "_%d", k);
            out[i] = *pool;
            *pool += strlen(buf) + 1;
            strcpy(out[i], buf);
            names_put(&used, out[i], i);
        }
    names_free(&used);
    return out;
}

static void idents_init(Idents *id, const Model *m)
{
    size_t n = (size_t)m->nfarms + (size_t)m->nplants + (size_t)m->nproducts +
               (size_t)m->ncomponents + (size_t)m->ngrades + (size_t)m->nperiods;
    id->block = xmalloc(n * 80 + 1);
    char *pool = id->block;
    id->farm = unique_idents(m->farms ? &m->farms[0].n : NULL, sizeof(Farm), m->nfarms, 'f', &pool);
    id->plant = unique_idents(m->plants ? &m->plants[0].n : NULL, sizeof(Plant), m->nplants, 'p',
                              &pool);
    id->product = unique_idents(m->products ? &m->products[0].n : NULL, sizeof(Product),
                                m->nproducts, 'k', &pool);
    id->comp = unique_idents(m->components, sizeof(Named), m->ncomponents, 'c', &pool);
    id->grade = unique_idents(m->grades, sizeof(Named), m->ngrades, 'g', &pool);
    id->period = unique_idents(m->periods ? &m->periods[0].n : NULL, sizeof(Period), m->nperiods,
                               't', &pool);
}

static void idents_free(Idents *id)
{
    free(id->farm);
    free(id->plant);
    free(id->product);
    free(id->comp);
    free(id->grade);
    free(id->period);
    free(id->block);
}

/* The name head(a), head(a,b), and with period t head(a,t) or
 * head(a,b,t), in out (size bytes, cut short if need be).  Every column and row gets one: concatenation, where snprintf took
 * a third of `dairy emit mps`. */
static const char *compose(char *out, size_t size, const char *head, const char *a,
                           const char *b, const char *t)
{
    size_t n = 0;
    const char *parts[] = {head, "(", a, b ? "," : NULL, b, t ? "," : NULL, t, ")"};
    for (size_t k = 0; k < sizeof parts / sizeof *parts; k++)
        for (const char *c = parts[k]; c && *c && n + 1 < size; c++)
            out[n++] = *c;
    out[n] = '\0';
    return out;
}

/* "d" and a demand class's number, counted from 1. */
const char *lpi_class_ident(char *out, int d)
{
    char digits[16];
    int n = 0;
    for (unsigned v = (unsigned)d + 1; v; v /= 10)
        digits[n++] = (char)('0' + v % 10);
    out[0] = 'd';
    for (int k = 0; k < n; k++)
        out[1 + k] = digits[n - 1 - k];
    out[1 + n] = '\0';
    return out;
}

/* The customer demand classes (see lp.h), appended to lp->classes in the
 * order market, product, strategy; a class exists when some customer
 * reaches it. */
static void customer_classes(const Model *m, const Segmentation *seg, Lp *lp)
{
    const Customers *cu = &m->customers;
    if (!cu->present || cu->market_col < 0 || m->nsegments == 0)
        return;
    lp->segment_count = xcalloc((size_t)m->nsegments + 1, sizeof(size_t));
    memcpy(lp->segment_count, seg->count, sizeof(size_t) * (size_t)m->nsegments);
    lp->unsegmented = seg->unsegmented;
    size_t np = (size_t)m->nproducts, ns = (size_t)m->nstrategies;
    lp->segment_base = xcalloc((size_t)m->nsegments * (size_t)m->nmarkets * np + 1,
                               sizeof(double));
    segment_base_volumes(m, seg, lp->segment_base);
    size_t cells = (size_t)m->nmarkets * np * ns;
    double *lo = xcalloc(cells + 1, sizeof(double)), *hi = xcalloc(cells + 1, sizeof(double));
    bool *used = xcalloc(cells + 1, 1);
    const int *mkt = cu->cols[cu->market_col].text;
    for (int j = 0; j < cu->ncols; j++) {
        const Column *col = &cu->cols[j];
        if (col->kind != COL_VOLUME)
            continue;
        int p = col->product;
        for (size_t i = 0; i < cu->n; i++) {
            int s = seg->segment[i], mk = mkt[i];
            if (s < 0 || mk < 0)
                continue;
            int st = m->segments[s].strategy;
            const Strategy *str = &m->strategies[st];
            bool offered = !str->offers;
            for (int o = 0; !offered && o < str->noffers; o++)
                offered = str->offers[o] == p;
            if (!offered)
                continue;
            double v = isnan(col->num[i]) ? 0 : col->num[i];
            size_t k = ((size_t)mk * np + (size_t)p) * ns + (size_t)st;
            lo[k] += str->volume.lo * v;
            hi[k] += str->volume.hi * v;
            used[k] = true;
        }
    }
    size_t nnew = 0;
    for (size_t k = 0; k < cells; k++) {
        used[k] = used[k] && hi[k] > 0; /* `volume 0%` (end cooperation): nothing to sell */
        nnew += used[k];
    }
    lp->classes = xrealloc(lp->classes, sizeof(DemandClass) * ((size_t)lp->nclasses + nnew + 1));
    for (size_t k = 0; k < cells; k++) {
        if (!used[k])
            continue;
        int st = (int)(k % ns), p = (int)(k / ns % np), mk = (int)(k / ns / np);
        double price = m->products[p].price;
        for (int d = 0; d < m->ndemands; d++)
            if (m->demands[d].market == mk && m->demands[d].product == p &&
                m->demands[d].price_given)
                price = m->demands[d].price;
        const Strategy *str = &m->strategies[st];
        lp->classes[lp->nclasses++] = (DemandClass){
            .market = mk, .product = p, .strategy = st, .demand = -1,
            .volume = {lo[k], hi[k]}, .price = price * (1 + str->price), .service = str->service};
    }
    free(lo);
    free(hi);
    free(used);
}


/* The name heads of row and column families (lp_family.c). */
const char *lpi_rhead(RowKind k)
{
    return lp_row_family[k].head;
}

const char *lpi_chead(ColFamily f)
{
    return lp_col_family[f].head;
}

/* A column of family fam, recorded in b->fam for lp->col_family. */
int lpi_add_col(Build *b, ColFamily fam, const char *name, int kind, double lo, double hi,
                   double obj)
{
    glp_prob *P = b->P;
    int j = glp_add_cols(P, 1);
    glp_set_col_name(P, j, name);
    if (kind == GLP_BV) {
        glp_set_col_kind(P, j, GLP_IV);
        glp_set_col_bnds(P, j, lo == hi ? GLP_FX : GLP_DB, lo, hi);
    } else {
        glp_set_col_bnds(P, j, lo == hi ? GLP_FX : GLP_LO, lo, hi);
    }
    glp_set_obj_coef(P, j, obj);
    if (j >= b->fam_cap) {
        b->fam_cap = 2 * j + 16;
        b->fam = xrealloc(b->fam, sizeof(int) * (size_t)b->fam_cap);
    }
    b->fam[j] = (int)fam;
    return j;
}

/* The name of a column or row of the part being built (see compose). */
const char *lpi_bname(Build *b, const char *head, const char *a, const char *pr)
{
    return compose(b->name, sizeof b->name, head, a, pr, b->period);
}

/* The row and column index arrays, one slot per entity (0: none). */
static void alloc_indexes(Lp *lp, const Model *m)
{
    int nf = m->nfarms, np = m->nplants, nl = m->nlines, nr = m->nroutes;
    lp->col_x = xcalloc((size_t)nr + 1, sizeof(int));
    lp->col_y = xcalloc((size_t)nl + 1, sizeof(int));
    lp->col_open = xcalloc((size_t)np + 1, sizeof(int));
    lp->row_supply = xcalloc((size_t)nf + 1, sizeof(int));
    lp->row_intake = xcalloc((size_t)np + 1, sizeof(int));
    lp->row_intake_min = xcalloc((size_t)np + 1, sizeof(int));
    lp->row_milk = xcalloc((size_t)np + 1, sizeof(int));
    lp->row_output = xcalloc((size_t)nl + 1, sizeof(int));
    lp->row_output_min = xcalloc((size_t)nl + 1, sizeof(int));
    lp->row_stock = xcalloc((size_t)nl + 1, sizeof(int));
    lp->row_demand = xcalloc((size_t)lp->nclasses + 1, sizeof(int));
    if (m->ncomponents > 0)
        lp->row_comp = xcalloc((size_t)np * (size_t)m->ncomponents + 1, sizeof(int));
    if (m->ngrades > 0)
        lp->row_grade = xcalloc((size_t)np * (size_t)m->ngrades + 1, sizeof(int));
    lp->route_cost = xcalloc((size_t)nr + 1, sizeof(double));
}

/* The shipments: each product route p -> m with each class of m whose
 * product p makes, in route order and, within a route, class order.  The
 * lines of a plant are found through a per-plant index and the classes of
 * a market through a counting sort, so this stays linear in the model.
 * Also fills lp->route_cost. */
static void find_shipments(const Model *m, Lp *lp)
{
    int np = m->nplants, nl = m->nlines, nr = m->nroutes;
    int *line_of = xmalloc(sizeof(int) * ((size_t)np * (size_t)m->nproducts + 1));
    for (int i = 0; i < np * m->nproducts; i++)
        line_of[i] = -1;
    for (int l = 0; l < nl; l++)
        line_of[m->lines[l].plant * m->nproducts + m->lines[l].product] = l;
    int *cls_first = xcalloc((size_t)m->nmarkets + 2, sizeof(int));
    int *cls_order = xmalloc(sizeof(int) * ((size_t)lp->nclasses + 1));
    for (int d = 0; d < lp->nclasses; d++)
        cls_first[lp->classes[d].market + 2]++;
    for (int k = 0; k < m->nmarkets; k++)
        cls_first[k + 2] += cls_first[k + 1];
    for (int d = 0; d < lp->nclasses; d++)
        cls_order[cls_first[lp->classes[d].market + 1]++] = d;
    int nships = 0, cap = 16;
    Shipment *ships = xmalloc(sizeof *ships * (size_t)cap);
    for (int r = 0; r < nr; r++) {
        const Route *rt = &m->routes[r];
        if (rt->kind == ROUTE_MILK) {
            lp->route_cost[r] = lp_route_cost(m, r, 0);
            continue;
        }
        for (int j = cls_first[rt->to]; j < cls_first[rt->to + 1]; j++) {
            int d = cls_order[j];
            const DemandClass *dc = &lp->classes[d];
            int l = line_of[rt->from * m->nproducts + dc->product];
            if (l < 0)
                continue;
            if (nships == cap) {
                cap *= 2;
                ships = xrealloc(ships, sizeof *ships * (size_t)cap);
            }
            double haul = lp_route_cost(m, r, dc->product);
            ships[nships++] = (Shipment){.route = r, .cls = d, .plant = rt->from, .line = l,
                                         .haulage = haul,
                                         .unit_profit = dc->price - dc->service - haul};
        }
        lp->route_cost[r] = rt->has_distance ? 0 : rt->cost; /* per product: Shipment.haulage */
    }
    lp->ships = ships;
    lp->nships = nships;
    lp->col_s = xcalloc((size_t)nships + 1, sizeof(int));
    free(cls_first);
    free(cls_order);
    free(line_of);
}

/* The `open` columns, first of all: one per optional plant for the whole
 * horizon, its objective the fixed costs of the periods it is not closed
 * in (language.md, "Periods and storage"); a plant that always runs puts
 * those costs in top->obj_const instead.  part[0..T) are the periods'
 * parts (the one part, top itself, without periods); each gets the column
 * in its col_open, except a part whose plant is closed. */
static void add_open_columns(Build *b, Lp *top, Lp *part, int T)
{
    const Model *m = top->m;
    for (int p = 0; p < m->nplants; p++) {
        double fixed = 0;
        bool runs = false;
        for (int t = 0; t < T; t++) {
            const Plant *pl = &part[t].m->plants[p];
            runs |= !pl->closed;
            fixed += pl->closed ? 0 : pl->fixed;
        }
        const Plant *pl = &m->plants[p];
        int col = 0;
        if (pl->optional && runs) {
            top->mip = true;
            compose(b->name, sizeof b->name, lpi_chead(CF_OPEN), b->ids.plant[p], NULL, NULL);
            col = lpi_add_col(b, CF_OPEN, b->name, GLP_BV, pl->forced_open ? 1 : 0, 1,
                          -b->sign * fixed);
        } else if (runs) {
            top->obj_const -= b->sign * fixed;
        }
        top->col_open[p] = col;
        for (int t = 0; t < T; t++)
            part[t].col_open[p] = part[t].m->plants[p].closed ? 0 : col;
    }
}

bool lp_line_stored(const Model *m, int l)
{
    for (int i = 0; i < m->nstores; i++)
        if (m->stores[i].line == l)
            return true;
    return false;
}

/* The flow columns of one part, in the order x, y, s; their numbers
 * follow this order, and so does every LP and MPS file. */
static void add_flow_columns(Build *b)
{
    const Model *m = b->m;
    Lp *lp = b->lp;
    double sign = b->sign;
    for (int r = 0; r < m->nroutes; r++) {
        const Route *rt = &m->routes[r];
        if (rt->kind != ROUTE_MILK)
            continue;
        lpi_bname(b, lpi_chead(CF_X), b->ids.farm[rt->from], b->ids.plant[rt->to]);
        double hi = m->plants[rt->to].closed ? 0 : INFINITY;
        lp->col_x[r] = lpi_add_col(b, CF_X, b->name, GLP_CV, 0, hi,
                               -sign * (lp_farm_price(m, rt->from) + lp->route_cost[r]));
    }
    for (int l = 0; l < m->nlines; l++) {
        const ProdLine *ln = &m->lines[l];
        lpi_bname(b, lpi_chead(CF_Y), b->ids.plant[ln->plant], b->ids.product[ln->product]);
        double hi = m->plants[ln->plant].closed ? 0 : INFINITY;
        lp->col_y[l] = lpi_add_col(b, CF_Y, b->name, GLP_CV, 0, hi, -sign * ln->cost);
    }
    bool profit = m->objective == OBJ_MAX_PROFIT;
    for (int s = 0; s < lp->nships; s++) {
        const Shipment *sh = &lp->ships[s];
        lpi_bname(b, lpi_chead(CF_S), b->ids.plant[sh->plant], lpi_class_ident(b->cls, sh->cls));
        /* a plant closed in a period still ships what it has in stock */
        double hi = m->plants[sh->plant].closed && !lp_line_stored(m, sh->line) ? 0 : INFINITY;
        double obj = profit ? sh->unit_profit : lp->classes[sh->cls].service + sh->haulage;
        lp->col_s[s] = lpi_add_col(b, CF_S, b->name, GLP_CV, 0, hi, obj);
    }
}

/* The classes, shipments and index arrays of one part: the whole program
 * without periods, one period's with them. */
static void prepare_part(Lp *part, const Model *m, const Segmentation *seg)
{
    part->m = m;
    lp_classes(m, &part->classes, &part->nclasses);
    customer_classes(m, seg, part);
    alloc_indexes(part, m);
    find_shipments(m, part);
}

/* The stock columns inv(p,k,t) of period t, after its flow columns:
 * closing stock of at least 0 (the last period: the opening stock), at its
 * holding cost; the capacity is a row (add_store_rows), so that what a
 * tonne more of it is worth can be said. */
static void add_stock_columns(Build *b, Lp *top, int t)
{
    const Model *m = top->m;
    for (int i = 0; i < m->nstores; i++) {
        const Store *st = &m->stores[i];
        lpi_bname(b, lpi_chead(CF_INV), b->ids.plant[st->plant], b->ids.product[st->product]);
        double lo = t == top->nperiods - 1 ? st->start : 0;
        top->col_inv[i * top->nperiods + t] =
            lpi_add_col(b, CF_INV, b->name, GLP_CV, lo, INFINITY, -b->sign * st->cost);
    }
}

static void triplets_init(Triplets *t, const Lp *top, int nparts)
{
    size_t need = 16 + (size_t)top->m->nstores * 3 * (size_t)nparts;
    for (int i = 0; i < nparts; i++) {
        const Lp *part = top->nperiods ? &top->at[i] : top;
        const Model *m = part->m;
        need += (size_t)m->nroutes * 3 + (size_t)m->nlines * 5 + (size_t)part->nships * 2 +
                (size_t)m->nplants * 2;
    }
    t->cap = (int)(need < 1u << 30 ? need : 1u << 30);
    t->ia = xmalloc(sizeof(int) * (size_t)t->cap);
    t->ja = xmalloc(sizeof(int) * (size_t)t->cap);
    t->ar = xmalloc(sizeof(double) * (size_t)t->cap);
}

/* Build the columns and rows of part next, its names ending in period
 * (NULL without periods). */
static void enter_part(Build *b, Lp *part, const char *period)
{
    b->lp = part;
    b->m = part->m;
    b->period = period;
}

/* The case's models: without periods, the one part is lp itself, for the
 * model (the scenario applied to it); with periods, one part per period,
 * for base -> the period -> the scenario (language.md, "Periods and
 * storage"), and lp->m is the model with the scenario only. */
static void prepare_parts(Lp *lp, const Model *base, int scenario, const Segmentation *seg)
{
    arena_init(&lp->arena);
    const Model *m = scenario < 0 ? base : scenario_apply(&lp->arena, base, scenario);
    int T = base->nperiods;
    if (T == 0) {
        prepare_part(lp, m, seg);
        return;
    }
    lp->m = m;
    lp->nperiods = T;
    lp->at = xcalloc((size_t)T, sizeof(Lp));
    for (int t = 0; t < T; t++) {
        const Model *pm = period_apply(&lp->arena, base, t);
        if (scenario >= 0)
            pm = scenario_apply(&lp->arena, pm, scenario);
        prepare_part(&lp->at[t], pm, seg);
    }
    lp->col_inv = xcalloc((size_t)base->nstores * (size_t)T + 1, sizeof(int));
    lp->row_store = xcalloc((size_t)base->nstores * (size_t)T + 1, sizeof(int));
    lp->col_open = xcalloc((size_t)m->nplants + 1, sizeof(int));
}

/* The steps run in a fixed order — classes, shipments, columns (open,
 * then each period's x, y, s and inv), then each period's row families
 * 1-6 — because GLPK numbers rows and columns as they are added, and the
 * LP and MPS files (and their goldens) follow the numbers. */
int lp_build_case(const Model *base, int scenario, const Segmentation *seg, Lp *lp)
{
    memset(lp, 0, sizeof *lp);
    prepare_parts(lp, base, scenario, seg);
    const Model *m = lp->m;
    int T = lp->nperiods, nparts = T ? T : 1;
    Lp *part = T ? lp->at : lp;
    Build b = {.m = m, .lp = lp};
    idents_init(&b.ids, m);
    glp_prob *P = glp_create_prob();
    lp->P = b.P = P;
    glp_set_prob_name(P, "dairy");
    bool profit = m->objective == OBJ_MAX_PROFIT;
    glp_set_obj_dir(P, profit ? GLP_MAX : GLP_MIN);
    glp_set_obj_name(P, profit ? "profit" : "cost");
    b.sign = profit ? 1 : -1; /* costs enter a profit negatively */

    add_open_columns(&b, lp, part, nparts);
    for (int t = 0; t < nparts; t++) {
        enter_part(&b, &part[t], T ? b.ids.period[t] : NULL);
        add_flow_columns(&b);
        if (T)
            add_stock_columns(&b, lp, t);
    }
    triplets_init(&b.t, lp, nparts);
    for (int t = 0; t < nparts; t++) {
        enter_part(&b, &part[t], T ? b.ids.period[t] : NULL);
        lpi_add_part_rows(&b);
        if (T)
            lpi_add_store_rows(&b, lp, t);
    }
    if (T)
        lpi_put_stock(&b, lp);
    /* The fixed costs of plants that always run are a constant.  LP and MPS
     * readers treat an objective constant differently (glpsol drops it from
     * LP files, CBC doubles it from MPS), so it rides on a column fixed at
     * 1: every solver then reports the same objective. */
    if (lp->obj_const != 0)
        lpi_add_col(&b, CF_FIXED, lpi_chead(CF_FIXED), GLP_CV, 1, 1, lp->obj_const);
    lp->col_family = b.fam;
    Triplets *t = &b.t;
    glp_load_matrix(P, t->n, t->ia, t->ja, t->ar);
    int nrows = glp_get_num_rows(P);
    lp->row_kind = xcalloc((size_t)nrows + 1, sizeof(int));
    lp->row_index = xcalloc((size_t)nrows + 1, sizeof(int));
    if (T)
        lp->row_period = xcalloc((size_t)nrows + 1, sizeof(int));
    for (int i = 0; i < m->nstores * T; i++) {
        lp->row_kind[lp->row_store[i]] = RK_STORE;
        lp->row_index[lp->row_store[i]] = i / T;
        lp->row_period[lp->row_store[i]] = i % T;
    }
    for (int i = 0; i < nparts; i++) {
        lpi_record_row_owners(lp, &part[i], i);
        part[i].P = P;
        part[i].row_kind = lp->row_kind;
        part[i].row_index = lp->row_index;
    }
    free(t->ia);
    free(t->ja);
    free(t->ar);
    idents_free(&b.ids);
    return 0;
}

int lp_nparts(const Lp *lp)
{
    return lp->nperiods ? lp->nperiods : 1;
}

const Lp *lp_part(const Lp *lp, int t)
{
    return lp->nperiods ? &lp->at[t] : lp;
}

int lp_row_period(const Lp *lp, int row)
{
    return lp->row_period ? lp->row_period[row] : -1;
}

int lp_build(const Model *m, const Segmentation *seg, Lp *lp)
{
    return lp_build_case(m, -1, seg, lp);
}

/* What a part owns (the index arrays, classes, shipments). */
static void free_part(Lp *lp)
{
    free(lp->classes);
    free(lp->ships);
    free(lp->col_x);
    free(lp->col_y);
    free(lp->col_s);
    free(lp->col_open);
    free(lp->row_supply);
    free(lp->row_intake);
    free(lp->row_intake_min);
    free(lp->row_milk);
    free(lp->row_output);
    free(lp->row_output_min);
    free(lp->row_stock);
    free(lp->row_demand);
    free(lp->row_comp);
    free(lp->row_grade);
    free(lp->route_cost);
    free(lp->segment_count);
    free(lp->segment_base);
}

void lp_free(Lp *lp)
{
    if (lp->P)
        glp_delete_prob(lp->P);
    free_part(lp);
    for (int t = 0; t < lp->nperiods; t++)
        free_part(&lp->at[t]);
    free(lp->at);
    free(lp->col_inv);
    free(lp->row_store);
    free(lp->row_kind);
    free(lp->row_index);
    free(lp->row_period);
    free(lp->col_family);
    arena_free(&lp->arena);
    memset(lp, 0, sizeof *lp);
}
