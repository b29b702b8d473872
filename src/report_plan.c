/* report_plan.c — the solution read back onto the model's entities: the
 * flows per route, line, shipment and demand class, which plant is open,
 * and which entity each GLPK row belongs to.  Quantities are recomputed
 * from the column values, never from row activities, so a row an optional
 * plant's binary enters reads the same as any other. */
#include "report_int.h"

#include "xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Column j's value; 0 when there is no such column or no values. */
static double col_value(const Solution *sol, int j)
{
    if (j <= 0 || j > sol->ncols || !sol->col)
        return 0;
    double v = sol->col[j];
    return fabs(v) < JSON_ZERO ? 0 : v;
}

/* The arrays of a plan of lp's sizes, zero. */
static void plan_alloc(Plan *pl, const Lp *lp, const Model *m, const Solution *sol)
{
    memset(pl, 0, sizeof *pl);
    pl->lp = lp;
    pl->m = m;
    pl->sol = sol;
    pl->ok = solve_has_plan(sol);
    pl->x = xcalloc((size_t)m->nroutes + 1, sizeof(double));
    pl->y = xcalloc((size_t)m->nlines + 1, sizeof(double));
    pl->s = xcalloc((size_t)lp->nships + 1, sizeof(double));
    pl->sold = xcalloc((size_t)lp->nclasses + 1, sizeof(double));
    pl->shipped = xcalloc((size_t)m->nlines + 1, sizeof(double));
    pl->intake = xcalloc((size_t)m->nplants + 1, sizeof(double));
    pl->used = xcalloc((size_t)m->nplants + 1, sizeof(double));
    pl->open = xcalloc((size_t)m->nplants + 1, sizeof(bool));
    int nc = m->ncomponents, ng = m->ngrades;
    if (nc > 0) {
        pl->comp_in = xcalloc((size_t)m->nplants * (size_t)nc + 1, sizeof(double));
        pl->comp_out = xcalloc((size_t)m->nplants * (size_t)nc + 1, sizeof(double));
    }
    if (ng > 0) {
        pl->grade_in = xcalloc((size_t)m->nplants * (size_t)ng + 1, sizeof(double));
        pl->grade_drawn = xcalloc((size_t)m->nplants * (size_t)ng + 1, sizeof(double));
    }
    for (int p = 0; p < m->nplants; p++)
        pl->open[p] = !m->plants[p].closed &&
                      (!lp->col_open[p] || (pl->ok && col_value(sol, lp->col_open[p]) > 0.5));
}

/* Demand class d of program a in program b: the same market, product and
 * strategy (the same index when it is that), or -1. */
int rep_same_class(const Lp *a, int d, const Lp *b)
{
    const DemandClass *x = &a->classes[d];
    if (d < b->nclasses && b->classes[d].market == x->market &&
        b->classes[d].product == x->product && b->classes[d].strategy == x->strategy)
        return d;
    for (int k = 0; k < b->nclasses; k++)
        if (b->classes[k].market == x->market && b->classes[k].product == x->product &&
            b->classes[k].strategy == x->strategy)
            return k;
    return -1;
}

/* The year of a model with periods as one plan (--all-scenarios compares
 * years): milk, output, intake and components summed over the periods,
 * sales summed onto the demand classes of the first period's program
 * (pl->lp); plants open for the horizon.  Shipments (pl->s) are left 0. */
static void plan_total(Plan *pl, const Lp *lp, const Solution *sol)
{
    const Model *m = lp->m;
    const Lp *first = lp_part(lp, 0);
    plan_alloc(pl, first, m, sol);
    for (int p = 0; p < m->nplants; p++)
        pl->open[p] = !m->plants[p].closed &&
                      (!lp->col_open[p] || (pl->ok && col_value(sol, lp->col_open[p]) > 0.5));
    int nc = m->ncomponents, ng = m->ngrades;
    for (int t = 0; pl->ok && t < lp->nperiods; t++) {
        Plan part;
        rep_plan_init(&part, lp_part(lp, t), sol);
        for (int r = 0; r < m->nroutes; r++)
            pl->x[r] += part.x[r];
        for (int l = 0; l < m->nlines; l++) {
            pl->y[l] += part.y[l];
            pl->shipped[l] += part.shipped[l];
        }
        for (int p = 0; p < m->nplants; p++) {
            pl->intake[p] += part.intake[p];
            pl->used[p] += part.used[p];
        }
        for (int i = 0; pl->comp_in && i < m->nplants * nc; i++) {
            pl->comp_in[i] += part.comp_in[i];
            pl->comp_out[i] += part.comp_out[i];
        }
        for (int i = 0; pl->grade_in && i < m->nplants * ng; i++) {
            pl->grade_in[i] += part.grade_in[i];
            pl->grade_drawn[i] += part.grade_drawn[i];
        }
        for (int d = 0; d < part.lp->nclasses; d++) {
            int e = rep_same_class(part.lp, d, first);
            if (e >= 0)
                pl->sold[e] += part.sold[d];
        }
        rep_plan_free(&part);
    }
}

void rep_plan_init(Plan *pl, const Lp *lp, const Solution *sol)
{
    if (lp->nperiods > 0) {
        plan_total(pl, lp, sol);
        return;
    }
    const Model *m = lp->m;
    plan_alloc(pl, lp, m, sol);
    int nc = m->ncomponents, ng = m->ngrades;
    if (!pl->ok)
        return;
    for (int r = 0; r < m->nroutes; r++)
        if (m->routes[r].kind == ROUTE_MILK) {
            pl->x[r] = col_value(sol, lp->col_x[r]);
            int p = m->routes[r].to;
            const Farm *f = &m->farms[m->routes[r].from];
            pl->intake[p] += pl->x[r];
            for (int c = 0; f->content && c < nc; c++)
                pl->comp_in[p * nc + c] += f->content[c] * pl->x[r];
            if (ng > 0 && f->grade >= 0 && f->grade < ng)
                pl->grade_in[p * ng + f->grade] += pl->x[r];
        }
    for (int l = 0; l < m->nlines; l++) {
        int p = m->lines[l].plant;
        const Product *k = &m->products[m->lines[l].product];
        pl->y[l] = col_value(sol, lp->col_y[l]);
        pl->used[p] += k->milk * pl->y[l];
        for (int c = 0; k->content && c < nc; c++)
            pl->comp_out[p * nc + c] += k->content[c] * pl->y[l];
        if (ng > 0 && k->grade >= 0 && k->grade < ng)
            pl->grade_drawn[p * ng + k->grade] += k->milk * pl->y[l];
    }
    for (int k = 0; k < lp->nships; k++) {
        pl->s[k] = col_value(sol, lp->col_s[k]);
        pl->sold[lp->ships[k].cls] += pl->s[k];
        pl->shipped[lp->ships[k].line] += pl->s[k];
    }
}

void rep_plan_free(Plan *pl)
{
    free(pl->x);
    free(pl->y);
    free(pl->s);
    free(pl->sold);
    free(pl->shipped);
    free(pl->intake);
    free(pl->used);
    free(pl->open);
    free(pl->comp_in);
    free(pl->comp_out);
    free(pl->grade_in);
    free(pl->grade_drawn);
    free(pl->opening);
    free(pl->closing);
    memset(pl, 0, sizeof *pl);
}

double rep_closing(const Lp *lp, const Solution *sol, int i, int t)
{
    return col_value(sol, lp->col_inv[i * lp->nperiods + t]);
}

Plan *rep_year_init(const Lp *lp, const Solution *sol)
{
    const Model *m = lp->m;
    int T = lp_nparts(lp);
    Plan *plans = xcalloc((size_t)T, sizeof(Plan));
    for (int t = 0; t < T; t++) {
        Plan *pl = &plans[t];
        rep_plan_init(pl, lp_part(lp, t), sol);
        if (!lp->nperiods)
            continue;
        pl->opening = xcalloc((size_t)m->nlines + 1, sizeof(double));
        pl->closing = xcalloc((size_t)m->nlines + 1, sizeof(double));
        for (int i = 0; pl->ok && i < m->nstores; i++) {
            int l = m->stores[i].line;
            pl->opening[l] = t == 0 ? m->stores[i].start : rep_closing(lp, sol, i, t - 1);
            pl->closing[l] = rep_closing(lp, sol, i, t);
        }
    }
    return plans;
}

void rep_year_free(Plan *plans, int n)
{
    for (int t = 0; t < n; t++)
        rep_plan_free(&plans[t]);
    free(plans);
}

double rep_unsold(const Plan *pl, int l)
{
    double v = pl->y[l] - pl->shipped[l];
    if (pl->opening)
        v -= pl->closing[l] - pl->opening[l];
    return v;
}

double rep_grade_margin(const Plan *pl, int p, int g)
{
    int ng = pl->m->ngrades;
    double in = 0, drawn = 0;
    for (int h = g; pl->grade_in && h < ng; h++) {
        in += pl->grade_in[p * ng + h];
        drawn += pl->grade_drawn[p * ng + h];
    }
    return in - drawn;
}

/* A route's shipments are consecutive in lp->ships (lp.c makes them route
 * by route), so one per-product slot array, reset per route, sums them. */
ShipRow *rep_ship_rows(const Plan *pl, int *n)
{
    const Lp *lp = pl->lp;
    const Model *m = pl->m;
    ShipRow *rows = xmalloc(sizeof *rows * ((size_t)lp->nships + 1));
    int *slot = xmalloc(sizeof(int) * ((size_t)m->nproducts + 1));
    for (int k = 0; k < m->nproducts; k++)
        slot[k] = -1;
    int nrows = 0, first = 0;
    for (int i = 0; i < lp->nships; i++) {
        const Shipment *sh = &lp->ships[i];
        if (i > 0 && sh->route != lp->ships[i - 1].route) {
            for (int j = first; j < nrows; j++)
                slot[rows[j].product] = -1;
            first = nrows;
        }
        if (!(pl->s[i] > FLOW_EPS))
            continue;
        int k = lp->classes[sh->cls].product;
        if (slot[k] < 0) {
            slot[k] = nrows;
            rows[nrows++] = (ShipRow){.route = sh->route, .plant = sh->plant,
                                      .market = m->routes[sh->route].to, .product = k};
        }
        rows[slot[k]].t += pl->s[i];
    }
    free(slot);
    *n = nrows;
    return rows;
}

RowRef rep_row_ref(const Lp *lp, int i)
{
    if (!lp->P || !lp->row_kind || !lp->row_index || i < 1 || i > glp_get_num_rows(lp->P))
        return (RowRef){false, RK_SUPPLY, -1};
    return (RowRef){true, (RowKind)lp->row_kind[i], lp->row_index[i]};
}

/* GLPK's name of row i, in buf ("row 12" when it has none). */
const char *rep_row_name(const Lp *lp, int i, char *buf, size_t size)
{
    if (lp->P && i >= 1 && i <= glp_get_num_rows(lp->P)) {
        const char *s = glp_get_row_name(lp->P, i);
        if (s)
            return s;
    }
    snprintf(buf, size, "row %d", i);
    return buf;
}
