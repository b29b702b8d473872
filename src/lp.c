/* lp.c — the code generator: checked model -> one GLPK problem (lp.h).
 *
 * Columns and rows are created in declaration order with readable names
 * (`x(north,city_dairy)`, `supply(north)`); the matrix is collected in
 * triplet arrays sized in advance and loaded with one glp_load_matrix.
 * The model has been checked, so every index and rate is valid: GLPK is
 * never handed anything it would abort on. */
#include "lp.h"

#include "arena.h"

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
static void id_farm(const Model *m, int i, char *b, size_t n) { lp_ident(m->farms[i].n.name, 'f', i, b, n); }
static void id_plant(const Model *m, int i, char *b, size_t n) { lp_ident(m->plants[i].n.name, 'p', i, b, n); }
static void id_product(const Model *m, int i, char *b, size_t n) { lp_ident(m->products[i].n.name, 'k', i, b, n); }

int lp_build(const Model *m, Lp *lp)
{
    memset(lp, 0, sizeof *lp);
    lp->m = m;
    lp_classes(m, &lp->classes, &lp->nclasses);
    glp_prob *P = glp_create_prob();
    lp->P = P;
    glp_set_prob_name(P, "dairy");
    bool profit = m->objective == OBJ_MAX_PROFIT;
    glp_set_obj_dir(P, profit ? GLP_MAX : GLP_MIN);
    glp_set_obj_name(P, profit ? "profit" : "cost");
    double sign = profit ? 1 : -1; /* costs enter a profit negatively */

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
    lp->route_cost = xcalloc((size_t)nr + 1, sizeof(double));

    /* shipments: each product route p -> m with each class of m whose
     * product p makes; lines of a plant found through a per-plant index */
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

    char name[256], a[80], b[80];
    /* columns */
    for (int p = 0; p < np; p++) {
        const Plant *pl = &m->plants[p];
        if (pl->optional && !pl->closed) {
            lp->mip = true;
            id_plant(m, p, a, sizeof a);
            snprintf(name, sizeof name, "open(%s)", a);
            double lo = pl->forced_open ? 1 : 0;
            lp->col_open[p] = add_col(P, name, GLP_BV, lo, 1, -sign * pl->fixed);
        } else if (!pl->closed) {
            lp->obj_const -= sign * pl->fixed;
        }
    }
    for (int r = 0; r < nr; r++) {
        const Route *rt = &m->routes[r];
        if (rt->kind != ROUTE_MILK)
            continue;
        const Farm *f = &m->farms[rt->from];
        id_farm(m, rt->from, a, sizeof a);
        id_plant(m, rt->to, b, sizeof b);
        snprintf(name, sizeof name, "x(%s,%s)", a, b);
        double hi = m->plants[rt->to].closed ? 0 : INFINITY;
        lp->col_x[r] = add_col(P, name, GLP_CV, 0, hi, -sign * (f->price + lp->route_cost[r]));
    }
    for (int l = 0; l < nl; l++) {
        const ProdLine *ln = &m->lines[l];
        id_plant(m, ln->plant, a, sizeof a);
        id_product(m, ln->product, b, sizeof b);
        snprintf(name, sizeof name, "y(%s,%s)", a, b);
        double hi = m->plants[ln->plant].closed ? 0 : INFINITY;
        lp->col_y[l] = add_col(P, name, GLP_CV, 0, hi, -sign * ln->cost);
    }
    for (int s = 0; s < nships; s++) {
        const Shipment *sh = &ships[s];
        id_plant(m, sh->plant, a, sizeof a);
        snprintf(name, sizeof name, "s(%s,d%d)", a, sh->cls + 1);
        double hi = m->plants[sh->plant].closed ? 0 : INFINITY;
        double obj = profit ? sh->unit_profit : lp->classes[sh->cls].service + sh->haulage;
        lp->col_s[s] = add_col(P, name, GLP_CV, 0, hi, obj);
    }

    /* rows and coefficients */
    Triplets t = {0};
    size_t need = (size_t)nr * 3 + (size_t)nl * 5 + (size_t)nships * 2 + (size_t)np * 2 + 16;
    t.cap = (int)(need < 1u << 30 ? need : 1u << 30);
    t.ia = xmalloc(sizeof(int) * (size_t)t.cap);
    t.ja = xmalloc(sizeof(int) * (size_t)t.cap);
    t.ar = xmalloc(sizeof(double) * (size_t)t.cap);

    /* 1. farm supply */
    for (int f = 0; f < nf; f++) {
        id_farm(m, f, a, sizeof a);
        snprintf(name, sizeof name, "supply(%s)", a);
        lp->row_supply[f] = add_row(P, name, m->farms[f].supply.lo, m->farms[f].supply.hi);
    }
    /* 2. plant intake and 3. milk balance */
    for (int p = 0; p < np; p++) {
        const Plant *pl = &m->plants[p];
        id_plant(m, p, a, sizeof a);
        snprintf(name, sizeof name, "intake(%s)", a);
        int open = lp->col_open[p];
        if (pl->closed) {
            lp->row_intake[p] = add_row(P, name, -INFINITY, 0);
        } else if (open) {
            lp->row_intake[p] = add_row(P, name, -INFINITY, 0);
            put(&t, lp->row_intake[p], open, -pl->capacity.hi);
            if (pl->capacity.lo > 0) {
                snprintf(name, sizeof name, "intake_min(%s)", a);
                lp->row_intake_min[p] = add_row(P, name, 0, INFINITY);
                put(&t, lp->row_intake_min[p], open, -pl->capacity.lo);
            }
        } else {
            lp->row_intake[p] = add_row(P, name, pl->capacity.lo, pl->capacity.hi);
        }
        snprintf(name, sizeof name, "milk(%s)", a);
        lp->row_milk[p] = add_row(P, name, -INFINITY, 0);
    }
    for (int r = 0; r < nr; r++) {
        const Route *rt = &m->routes[r];
        if (rt->kind != ROUTE_MILK)
            continue;
        put(&t, lp->row_supply[rt->from], lp->col_x[r], 1);
        put(&t, lp->row_intake[rt->to], lp->col_x[r], 1);
        if (lp->row_intake_min[rt->to])
            put(&t, lp->row_intake_min[rt->to], lp->col_x[r], 1);
        put(&t, lp->row_milk[rt->to], lp->col_x[r], -1);
    }
    /* 4. line output and 5. product balance */
    for (int l = 0; l < nl; l++) {
        const ProdLine *ln = &m->lines[l];
        const Plant *pl = &m->plants[ln->plant];
        id_plant(m, ln->plant, a, sizeof a);
        id_product(m, ln->product, b, sizeof b);
        int open = lp->col_open[ln->plant];
        int y = lp->col_y[l];
        put(&t, lp->row_milk[ln->plant], y, m->products[ln->product].milk);
        snprintf(name, sizeof name, "output(%s,%s)", a, b);
        if (pl->closed) {
            lp->row_output[l] = add_row(P, name, -INFINITY, 0);
        } else if (open) {
            lp->row_output[l] = add_row(P, name, -INFINITY, 0);
            put(&t, lp->row_output[l], open, -ln->output.hi);
            if (ln->output.lo > 0) {
                snprintf(name, sizeof name, "output_min(%s,%s)", a, b);
                lp->row_output_min[l] = add_row(P, name, 0, INFINITY);
                put(&t, lp->row_output_min[l], y, 1);
                put(&t, lp->row_output_min[l], open, -ln->output.lo);
            }
        } else {
            lp->row_output[l] = add_row(P, name, ln->output.lo, ln->output.hi);
        }
        put(&t, lp->row_output[l], y, 1);
        snprintf(name, sizeof name, "stock(%s,%s)", a, b);
        lp->row_stock[l] = add_row(P, name, -INFINITY, 0);
        put(&t, lp->row_stock[l], y, -1);
    }
    /* 6. demand */
    for (int d = 0; d < lp->nclasses; d++) {
        const DemandClass *dc = &lp->classes[d];
        snprintf(name, sizeof name, "demand(d%d)", d + 1);
        lp->row_demand[d] = add_row(P, name, dc->volume.lo, dc->volume.hi);
    }
    for (int s = 0; s < nships; s++) {
        put(&t, lp->row_stock[ships[s].line], lp->col_s[s], 1);
        put(&t, lp->row_demand[ships[s].cls], lp->col_s[s], 1);
    }
    glp_set_obj_coef(P, 0, lp->obj_const);
    glp_load_matrix(P, t.n, t.ia, t.ja, t.ar);
    /* each row's owner, for reports and explanations */
    int nrows = glp_get_num_rows(P);
    lp->row_kind = xcalloc((size_t)nrows + 1, sizeof(int));
    lp->row_index = xcalloc((size_t)nrows + 1, sizeof(int));
    struct { int *rows; int n; RowKind k; } owners[] = {
        {lp->row_supply, nf, RK_SUPPLY}, {lp->row_intake, np, RK_INTAKE},
        {lp->row_intake_min, np, RK_INTAKE_MIN}, {lp->row_milk, np, RK_MILK},
        {lp->row_output, nl, RK_OUTPUT}, {lp->row_output_min, nl, RK_OUTPUT_MIN},
        {lp->row_stock, nl, RK_STOCK}, {lp->row_demand, lp->nclasses, RK_DEMAND},
    };
    for (size_t o = 0; o < sizeof owners / sizeof *owners; o++)
        for (int i = 0; i < owners[o].n; i++)
            if (owners[o].rows[i]) {
                lp->row_kind[owners[o].rows[i]] = (int)owners[o].k;
                lp->row_index[owners[o].rows[i]] = i;
            }
    free(t.ia);
    free(t.ja);
    free(t.ar);
    free(line_of);
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
    free(lp->route_cost);
    free(lp->row_kind);
    free(lp->row_index);
    memset(lp, 0, sizeof *lp);
}
