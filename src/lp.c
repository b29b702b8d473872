/* lp.c — the code generator: checked model -> one GLPK problem (lp.h).
 *
 * Columns and rows are created in declaration order with readable names
 * (`x(north,city_dairy)`, `supply(north)`); the matrix is collected in
 * triplet arrays sized in advance and loaded with one glp_load_matrix.
 * The model has been checked, so every index and rate is valid: GLPK is
 * never handed anything it would abort on. */
#include "lp.h"

#include "names.h"
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
static double product_content(const Model *m, int k, int c)
{
    const double *v = m->products[k].content;
    return v ? v[c] : 0;
}

static double farm_content(const Model *m, int f, int c)
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

typedef struct {
    int *ia, *ja;
    double *ar;
    int n, cap;
} Triplets;

static void put(Triplets *t, int row, int col, double v)
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

static int add_col(glp_prob *P, const char *name, int kind, double lo, double hi, double obj)
{
    int j = glp_add_cols(P, 1);
    glp_set_col_name(P, j, name);
    if (kind == GLP_BV) {
        glp_set_col_kind(P, j, GLP_IV);
        glp_set_col_bnds(P, j, lo == hi ? GLP_FX : GLP_DB, lo, hi);
    } else {
        glp_set_col_bnds(P, j, lo == hi ? GLP_FX : GLP_LO, lo, hi);
    }
    glp_set_obj_coef(P, j, obj);
    return j;
}

/* A row with bounds lo..hi; -INFINITY / INFINITY for a missing side. */
static int add_row(glp_prob *P, const char *name, double lo, double hi)
{
    int i = glp_add_rows(P, 1);
    glp_set_row_name(P, i, name);
    int type = isinf(lo) && isinf(hi) ? GLP_FR : isinf(lo) ? GLP_UP : isinf(hi) ? GLP_LO
             : lo == hi ? GLP_FX : GLP_DB;
    glp_set_row_bnds(P, i, type, isinf(lo) ? 0 : lo, isinf(hi) ? 0 : hi);
    return i;
}

/* Names of entities in row and column names (see lp_ident). */
typedef struct {
    char **farm, **plant, **product; /* one unique identifier per entity */
    char **comp, **grade;            /* per component and grade */
    char *block;
} Idents;

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
               (size_t)m->ncomponents + (size_t)m->ngrades;
    id->block = xmalloc(n * 80 + 1);
    char *pool = id->block;
    id->farm = unique_idents(m->farms ? &m->farms[0].n : NULL, sizeof(Farm), m->nfarms, 'f', &pool);
    id->plant = unique_idents(m->plants ? &m->plants[0].n : NULL, sizeof(Plant), m->nplants, 'p',
                              &pool);
    id->product = unique_idents(m->products ? &m->products[0].n : NULL, sizeof(Product),
                                m->nproducts, 'k', &pool);
    id->comp = unique_idents(m->components, sizeof(Named), m->ncomponents, 'c', &pool);
    id->grade = unique_idents(m->grades, sizeof(Named), m->ngrades, 'g', &pool);
}

static void idents_free(Idents *id)
{
    free(id->farm);
    free(id->plant);
    free(id->product);
    free(id->comp);
    free(id->grade);
    free(id->block);
}

/* The name head(a) or head(a,b) in out (size bytes, cut short if need
 * be).  Every column and row gets one: concatenation, where snprintf took
 * a third of `dairy emit mps`. */
static const char *compose(char *out, size_t size, const char *head, const char *a,
                           const char *b)
{
    size_t n = 0;
    const char *parts[] = {head, "(", a, b ? "," : NULL, b, ")"};
    for (size_t k = 0; k < sizeof parts / sizeof *parts; k++)
        for (const char *c = parts[k]; c && *c && n + 1 < size; c++)
            out[n++] = *c;
    out[n] = '\0';
    return out;
}

/* "d" and a demand class's number, counted from 1. */
static const char *class_ident(char *out, int d)
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

/* What lp_build's steps share: the problem under construction, the
 * identifiers for names, the coefficients collected so far and a buffer
 * for each column or row name. */
typedef struct {
    const Model *m;
    Lp *lp;
    glp_prob *P;
    Idents ids;
    Triplets t;
    double sign;     /* +1 maximising profit, -1 minimising cost */
    char name[256];
    char cls[16];
} Build;

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

/* The columns, in the order open, x, y, s; their numbers follow this
 * order, and so does every LP and MPS file.  A plant that always runs
 * puts its fixed cost in lp->obj_const instead of an `open` column. */
static void add_columns(Build *b)
{
    const Model *m = b->m;
    Lp *lp = b->lp;
    double sign = b->sign;
    for (int p = 0; p < m->nplants; p++) {
        const Plant *pl = &m->plants[p];
        if (pl->optional && !pl->closed) {
            lp->mip = true;
            compose(b->name, sizeof b->name, "open", b->ids.plant[p], NULL);
            double lo = pl->forced_open ? 1 : 0;
            lp->col_open[p] = add_col(b->P, b->name, GLP_BV, lo, 1, -sign * pl->fixed);
        } else if (!pl->closed) {
            lp->obj_const -= sign * pl->fixed;
        }
    }
    for (int r = 0; r < m->nroutes; r++) {
        const Route *rt = &m->routes[r];
        if (rt->kind != ROUTE_MILK)
            continue;
        compose(b->name, sizeof b->name, "x", b->ids.farm[rt->from], b->ids.plant[rt->to]);
        double hi = m->plants[rt->to].closed ? 0 : INFINITY;
        lp->col_x[r] = add_col(b->P, b->name, GLP_CV, 0, hi,
                               -sign * (lp_farm_price(m, rt->from) + lp->route_cost[r]));
    }
    for (int l = 0; l < m->nlines; l++) {
        const ProdLine *ln = &m->lines[l];
        compose(b->name, sizeof b->name, "y", b->ids.plant[ln->plant], b->ids.product[ln->product]);
        double hi = m->plants[ln->plant].closed ? 0 : INFINITY;
        lp->col_y[l] = add_col(b->P, b->name, GLP_CV, 0, hi, -sign * ln->cost);
    }
    bool profit = m->objective == OBJ_MAX_PROFIT;
    for (int s = 0; s < lp->nships; s++) {
        const Shipment *sh = &lp->ships[s];
        compose(b->name, sizeof b->name, "s", b->ids.plant[sh->plant], class_ident(b->cls, sh->cls));
        double hi = m->plants[sh->plant].closed ? 0 : INFINITY;
        double obj = profit ? sh->unit_profit : lp->classes[sh->cls].service + sh->haulage;
        lp->col_s[s] = add_col(b->P, b->name, GLP_CV, 0, hi, obj);
    }
}

/* 1. farm supply: one row a farm. */
static void add_supply_rows(Build *b)
{
    for (int f = 0; f < b->m->nfarms; f++) {
        const Farm *fm = &b->m->farms[f];
        compose(b->name, sizeof b->name, "supply", b->ids.farm[f], NULL);
        b->lp->row_supply[f] = add_row(b->P, b->name, fm->supply.lo, fm->supply.hi);
    }
}

/* A plant's bounded row, intake (head "intake", col 0) or a line's output
 * (head "output", col its y): r as bounds, except that a closed plant's
 * row is held at <= 0 and an optional plant's bounds move onto its `open`
 * column — the row <= r.hi x open, and when r.lo > 0 a second row,
 * head_min, >= r.lo x open, which gets col's coefficient here (intake's
 * come with the milk routes).  Returns the row; *min_row gets the second. */
static int add_bounded_row(Build *b, const char *head, const char *head_min, const char *a,
                           const char *pr, bool closed, int open, Range r, int col, int *min_row)
{
    compose(b->name, sizeof b->name, head, a, pr);
    if (closed)
        return add_row(b->P, b->name, -INFINITY, 0);
    if (!open)
        return add_row(b->P, b->name, r.lo, r.hi);
    int row = add_row(b->P, b->name, -INFINITY, 0);
    put(&b->t, row, open, -r.hi);
    if (r.lo > 0) {
        compose(b->name, sizeof b->name, head_min, a, pr);
        *min_row = add_row(b->P, b->name, 0, INFINITY);
        if (col)
            put(&b->t, *min_row, col, 1);
        put(&b->t, *min_row, open, -r.lo);
    }
    return row;
}

/* Which component and grade balances each plant needs (language.md,
 * "Milk components and grades"): component c where some line of the plant
 * makes a product containing it, grade g >= 1 where some line makes a
 * product drawing milk of grade g or higher.  A balance with nothing on
 * its left could never bind, so it is left out.  need[p * n + i]. */
static void balances_needed(const Model *m, bool *comp, bool *grade)
{
    int nc = m->ncomponents, ng = m->ngrades;
    for (int l = 0; l < m->nlines; l++) {
        int p = m->lines[l].plant, k = m->lines[l].product;
        for (int c = 0; c < nc; c++)
            if (product_content(m, k, c) != 0)
                comp[p * nc + c] = true;
        if (m->products[k].has_milk) /* every product without components */
            for (int g = 1; g <= m->products[k].grade && g < ng; g++)
                grade[p * ng + g] = true;
    }
}

/* 2. plant intake and 3. milk balance, then the plant's component and
 * grade balances, a plant at a time; then the milk routes' coefficients
 * in them and in the supply rows. */
static void add_plant_rows(Build *b)
{
    const Model *m = b->m;
    Lp *lp = b->lp;
    int nc = m->ncomponents, ng = m->ngrades;
    bool *need_comp = xcalloc((size_t)m->nplants * (size_t)nc + 1, 1);
    bool *need_grade = xcalloc((size_t)m->nplants * (size_t)ng + 1, 1);
    balances_needed(m, need_comp, need_grade);
    for (int p = 0; p < m->nplants; p++) {
        const Plant *pl = &m->plants[p];
        const char *a = b->ids.plant[p];
        lp->row_intake[p] = add_bounded_row(b, "intake", "intake_min", a, NULL, pl->closed,
                                            lp->col_open[p], pl->capacity, 0,
                                            &lp->row_intake_min[p]);
        compose(b->name, sizeof b->name, "milk", a, NULL);
        lp->row_milk[p] = add_row(b->P, b->name, -INFINITY, 0);
        for (int c = 0; c < nc; c++)
            if (need_comp[p * nc + c]) {
                compose(b->name, sizeof b->name, "comp", a, b->ids.comp[c]);
                lp->row_comp[p * nc + c] = add_row(b->P, b->name, -INFINITY, 0);
            }
        for (int g = 1; g < ng; g++)
            if (need_grade[p * ng + g]) {
                compose(b->name, sizeof b->name, "grade", a, b->ids.grade[g]);
                lp->row_grade[p * ng + g] = add_row(b->P, b->name, -INFINITY, 0);
            }
    }
    free(need_comp);
    free(need_grade);
    for (int r = 0; r < m->nroutes; r++) {
        const Route *rt = &m->routes[r];
        if (rt->kind != ROUTE_MILK)
            continue;
        int p = rt->to, f = rt->from, x = lp->col_x[r];
        put(&b->t, lp->row_supply[f], x, 1);
        put(&b->t, lp->row_intake[p], x, 1);
        if (lp->row_intake_min[p])
            put(&b->t, lp->row_intake_min[p], x, 1);
        put(&b->t, lp->row_milk[p], x, -1);
        for (int c = 0; c < nc; c++) {
            int row = lp->row_comp[p * nc + c];
            double v = farm_content(m, f, c);
            if (row && v != 0)
                put(&b->t, row, x, -v);
        }
        for (int g = 1; g <= m->farms[f].grade && g < ng; g++)
            if (lp->row_grade[p * ng + g])
                put(&b->t, lp->row_grade[p * ng + g], x, -1);
    }
}

/* 4. line output and 5. product balance, a line at a time; the line's
 * milk use goes into its plant's milk row. */
static void add_line_rows(Build *b)
{
    const Model *m = b->m;
    Lp *lp = b->lp;
    for (int l = 0; l < m->nlines; l++) {
        const ProdLine *ln = &m->lines[l];
        const Plant *pl = &m->plants[ln->plant];
        const char *a = b->ids.plant[ln->plant], *pr = b->ids.product[ln->product];
        int y = lp->col_y[l], p = ln->plant, k = ln->product;
        int nc = m->ncomponents, ng = m->ngrades;
        if (m->products[k].has_milk) {
            double milk = m->products[k].milk;
            put(&b->t, lp->row_milk[p], y, milk);
            for (int g = 1; g <= m->products[k].grade && g < ng; g++)
                put(&b->t, lp->row_grade[p * ng + g], y, milk);
        }
        for (int c = 0; c < nc; c++) {
            double v = product_content(m, k, c);
            if (v != 0)
                put(&b->t, lp->row_comp[p * nc + c], y, v);
        }
        lp->row_output[l] = add_bounded_row(b, "output", "output_min", a, pr, pl->closed,
                                            lp->col_open[ln->plant], ln->output, y,
                                            &lp->row_output_min[l]);
        put(&b->t, lp->row_output[l], y, 1);
        compose(b->name, sizeof b->name, "stock", a, pr);
        lp->row_stock[l] = add_row(b->P, b->name, -INFINITY, 0);
        put(&b->t, lp->row_stock[l], y, -1);
    }
}

/* 6. demand: one row a class, then each shipment in its line's stock row
 * and its class's demand row. */
static void add_demand_rows(Build *b)
{
    Lp *lp = b->lp;
    for (int d = 0; d < lp->nclasses; d++) {
        const DemandClass *dc = &lp->classes[d];
        compose(b->name, sizeof b->name, "demand", class_ident(b->cls, d), NULL);
        lp->row_demand[d] = add_row(b->P, b->name, dc->volume.lo, dc->volume.hi);
    }
    for (int s = 0; s < lp->nships; s++) {
        put(&b->t, lp->row_stock[lp->ships[s].line], lp->col_s[s], 1);
        put(&b->t, lp->row_demand[lp->ships[s].cls], lp->col_s[s], 1);
    }
}

/* Each row's owner (kind and entity index), for reports and explanations. */
static void record_row_owners(Lp *lp, const Model *m)
{
    int nrows = glp_get_num_rows(lp->P);
    int nf = m->nfarms, np = m->nplants, nl = m->nlines;
    lp->row_kind = xcalloc((size_t)nrows + 1, sizeof(int));
    lp->row_index = xcalloc((size_t)nrows + 1, sizeof(int));
    struct { int *rows; int n; RowKind k; } owners[] = {
        {lp->row_supply, nf, RK_SUPPLY}, {lp->row_intake, np, RK_INTAKE},
        {lp->row_intake_min, np, RK_INTAKE_MIN}, {lp->row_milk, np, RK_MILK},
        {lp->row_output, nl, RK_OUTPUT}, {lp->row_output_min, nl, RK_OUTPUT_MIN},
        {lp->row_stock, nl, RK_STOCK}, {lp->row_demand, lp->nclasses, RK_DEMAND},
        {lp->row_comp, lp->row_comp ? np * m->ncomponents : 0, RK_COMPONENT},
        {lp->row_grade, lp->row_grade ? np * m->ngrades : 0, RK_GRADE},
    };
    for (size_t o = 0; o < sizeof owners / sizeof *owners; o++)
        for (int i = 0; i < owners[o].n; i++)
            if (owners[o].rows[i]) {
                lp->row_kind[owners[o].rows[i]] = (int)owners[o].k;
                lp->row_index[owners[o].rows[i]] = i;
            }
}

/* The steps run in a fixed order — classes, shipments, columns, then the
 * row families 1-6 — because GLPK numbers rows and columns as they are
 * added, and the LP and MPS files (and their goldens) follow the numbers. */
int lp_build(const Model *m, const Segmentation *seg, Lp *lp)
{
    memset(lp, 0, sizeof *lp);
    lp->m = m;
    lp_classes(m, &lp->classes, &lp->nclasses);
    customer_classes(m, seg, lp);
    Build b = {.m = m, .lp = lp};
    idents_init(&b.ids, m);
    glp_prob *P = glp_create_prob();
    lp->P = b.P = P;
    glp_set_prob_name(P, "dairy");
    bool profit = m->objective == OBJ_MAX_PROFIT;
    glp_set_obj_dir(P, profit ? GLP_MAX : GLP_MIN);
    glp_set_obj_name(P, profit ? "profit" : "cost");
    b.sign = profit ? 1 : -1; /* costs enter a profit negatively */

    alloc_indexes(lp, m);
    find_shipments(m, lp);
    add_columns(&b);

    /* the matrix, sized for the usual count so it is rarely regrown */
    size_t need = (size_t)m->nroutes * 3 + (size_t)m->nlines * 5 + (size_t)lp->nships * 2 +
                  (size_t)m->nplants * 2 + 16;
    Triplets *t = &b.t;
    t->cap = (int)(need < 1u << 30 ? need : 1u << 30);
    t->ia = xmalloc(sizeof(int) * (size_t)t->cap);
    t->ja = xmalloc(sizeof(int) * (size_t)t->cap);
    t->ar = xmalloc(sizeof(double) * (size_t)t->cap);
    add_supply_rows(&b);
    add_plant_rows(&b);
    add_line_rows(&b);
    add_demand_rows(&b);
    /* The fixed costs of plants that always run are a constant.  LP and MPS
     * readers treat an objective constant differently (glpsol drops it from
     * LP files, CBC doubles it from MPS), so it rides on a column fixed at
     * 1: every solver then reports the same objective. */
    if (lp->obj_const != 0)
        add_col(P, "fixed_costs", GLP_CV, 1, 1, lp->obj_const);
    glp_load_matrix(P, t->n, t->ia, t->ja, t->ar);
    record_row_owners(lp, m);
    free(t->ia);
    free(t->ja);
    free(t->ar);
    idents_free(&b.ids);
    return 0;
}

void lp_free(Lp *lp)
{
    if (lp->P)
        glp_delete_prob(lp->P);
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
    free(lp->row_kind);
    free(lp->row_index);
    free(lp->segment_count);
    memset(lp, 0, sizeof *lp);
}
