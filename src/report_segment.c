/* report_segment.c — sales per segment (docs/report.md, "Sales by
 * segment"): `run --by segment` as text, the JSON's "segments" and
 * "segment_sales", and the segment rows of --all-scenarios.
 *
 * The program has one demand class per market, product and strategy, not
 * one per segment, and it stays so: a class's customers are all served at
 * the same share of their base volume, since they share its bounds, price
 * and service cost.  So a segment's part of a class is its base volume
 * over the class's: it is served that share of what the class sells, its
 * bounds are that share of the class's bounds (the strategy's volume times
 * its own base, whatever the plan), and one more tonne of its lower bound
 * is one more tonne of the class's lower bound, whose price is the dual of
 * the class's demand row while the row sits at its lower bound (0 while it
 * does not: then the plan serves more than the minimum anyway). */
#include "report_int.h"

#include "xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The objective's change per tonne more of class d's lower bound: the
 * dual of its demand row at the lower bound (a fixed row, lo = hi,
 * counts).  A row the basis holds at its lower bound by chance (basic,
 * nothing above the minimum: a class nobody ships to) has a dual of 0,
 * but a tonne more must be shipped: then the best reduced cost of its
 * shipments at zero, the cheapest way to send it.  0 while the plan
 * serves more than the minimum. */
static double lower_dual(const Plan *pl, int d)
{
    const Lp *lp = pl->lp;
    const Solution *sol = pl->sol;
    int row = lp->row_demand[d];
    if (row < 1 || row > sol->nrows || !sol->dual || !sol->rstat)
        return 0;
    int st = sol->rstat[row];
    if (st == GLP_NL || st == GLP_NS)
        return sol->dual[row];
    if (st != GLP_BS || pl->sold[d] - lp->classes[d].volume.lo > FLOW_EPS || !sol->dj)
        return 0;
    bool profit = rep_profit_model(pl->m), any = false;
    double best = 0;
    for (int k = 0; k < lp->nships; k++) {
        int j = lp->col_s[k];
        if (lp->ships[k].cls != d || j < 1 || j > sol->ncols || sol->cstat[j] != GLP_NL)
            continue;
        double dj = sol->dj[j];
        if (!any || (profit ? dj > best : dj < best))
            best = dj;
        any = true;
    }
    return best;
}

SegSale *rep_segment_sales(const Plan *pl, int *n)
{
    const Lp *lp = pl->lp;
    const Model *m = pl->m;
    *n = 0;
    if (!lp->segment_base)
        return NULL;
    size_t nm = (size_t)m->nmarkets, np = (size_t)m->nproducts, ns = (size_t)m->nstrategies;
    size_t cells = nm * np * ns;
    int *cls = xmalloc(sizeof(int) * (cells + 1));
    double *cbase = xcalloc(cells + 1, sizeof(double));
    for (size_t k = 0; k < cells; k++)
        cls[k] = -1;
    for (int d = 0; d < lp->nclasses; d++) {
        const DemandClass *dc = &lp->classes[d];
        if (dc->strategy >= 0)
            cls[((size_t)dc->market * np + (size_t)dc->product) * ns + (size_t)dc->strategy] = d;
    }
    /* each class's base: the bases of the segments served with its strategy */
    size_t rows = 0;
    for (int g = 0; g < m->nsegments; g++)
        for (size_t k = 0; k < nm * np; k++) {
            double b = lp->segment_base[(size_t)g * nm * np + k];
            rows += b > 0;
            cbase[k * ns + (size_t)m->segments[g].strategy] += b;
        }
    SegSale *out = xcalloc(rows + 1, sizeof(SegSale));
    for (int g = 0; g < m->nsegments; g++) {
        size_t st = (size_t)m->segments[g].strategy;
        for (size_t k = 0; k < nm * np; k++) {
            double b = lp->segment_base[(size_t)g * nm * np + k];
            if (!(b > 0))
                continue;
            SegSale *r = &out[(*n)++];
            *r = (SegSale){.segment = g, .market = (int)(k / np), .product = (int)(k % np),
                           .strategy = (int)st, .cls = cls[k * ns + st], .base = b,
                           .price = NAN};
            if (r->cls < 0)
                continue; /* not offered, or a strategy that serves nothing */
            const DemandClass *dc = &lp->classes[r->cls];
            double share = b / cbase[k * ns + st];
            r->lo = dc->volume.lo * share;
            r->hi = dc->volume.hi * share;
            r->price = dc->price;
            if (pl->ok) {
                r->tonnes = pl->sold[r->cls] * share;
                r->revenue = r->tonnes * dc->price;
                r->service = r->tonnes * dc->service;
                r->min_dual = lower_dual(pl, r->cls);
            }
        }
    }
    free(cls);
    free(cbase);
    return out;
}

void rep_segment_totals(const Plan *plans, int nplans, SegTotal *tot)
{
    const Model *m = plans[0].m;
    memset(tot, 0, sizeof *tot * (size_t)(m->nsegments + 1));
    for (int t = 0; t < nplans; t++) {
        int n;
        SegSale *rows = rep_segment_sales(&plans[t], &n);
        for (int i = 0; i < n; i++) {
            SegTotal *s = &tot[rows[i].segment];
            s->base += rows[i].base;
            s->tonnes += rows[i].tonnes;
            s->revenue += rows[i].revenue;
            s->service += rows[i].service;
        }
        free(rows);
    }
}

/* "What one more tonne of the minimum costs": the objective's change,
 * turned into a cost of profit (or an added cost). */
static double min_cost(const Model *m, double dual)
{
    double c = rep_profit_model(m) ? -dual : dual;
    return fabs(c) < DUAL_EPS ? 0 : c;
}

void rep_segment_totals_table(const Lp *top, const Plan *plans, const RepSink *s)
{
    int nplans = lp_nparts(top);
    const Lp *lp = plans[0].lp;
    const Model *m = plans[0].m;
    if (!lp->segment_count || !plans[0].ok)
        return;
    SegTotal *tot = xcalloc((size_t)m->nsegments + 1, sizeof(SegTotal));
    rep_segment_totals(plans, nplans, tot);
    char rev[32], svc[32];
    snprintf(rev, sizeof rev, "revenue %s", rep_cur(m));
    snprintf(svc, sizeof svc, "service %s", rep_cur(m));
    Table t;
    rep_table_init(&t, "llrrrrrr");
    rep_table_row(&t, "segment", "strategy", "customers", "base t", "t", "served", rev, svc);
    for (int g = 0; g < m->nsegments; g++) {
        const Segment *sg = &m->segments[g];
        char n[32];
        snprintf(n, sizeof n, "%zu", lp->segment_count[g]);
        const char *strategy = rep_disp(&m->strategies[sg->strategy].n);
        for (int p = 1; p < nplans; p++)
            if (plans[p].m->segments[g].strategy != sg->strategy)
                strategy = "(by period)"; /* a period block serves it otherwise */
        rep_table_row(&t, rep_disp(&sg->n), strategy, n,
                      rep_tonnes(tot[g].base).s, rep_tonnes(tot[g].tonnes).s,
                      rep_percent(tot[g].tonnes, tot[g].base).s, rep_money(tot[g].revenue).s,
                      rep_money(tot[g].service).s);
    }
    free(tot);
    s->section(s, nplans > 1 ? "sales by segment (the year)" : "sales by segment", &t);
}

void rep_segment_sales_table(const Plan *pl, const RepSink *s)
{
    const Model *m = pl->m;
    int n;
    SegSale *rows = rep_segment_sales(pl, &n);
    if (!rows || !pl->ok) {
        free(rows);
        return;
    }
    char per_t[16], cost[32];
    snprintf(per_t, sizeof per_t, "%s/t", rep_cur(m));
    snprintf(cost, sizeof cost, "min +1 t %s", rep_cur(m));
    Table t;
    rep_table_init(&t, "llllrrrrrr");
    rep_table_row(&t, "segment", "market", "product", "strategy", "base t", "min t", "max t", "t",
                  per_t, cost);
    for (int i = 0; i < n; i++) {
        const SegSale *r = &rows[i];
        bool has = r->cls >= 0;
        rep_table_row(&t, rep_disp(&m->segments[r->segment].n),
                      rep_disp(&m->markets[r->market].n), rep_disp(&m->products[r->product].n),
                      rep_disp(&m->strategies[r->strategy].n), rep_tonnes(r->base).s,
                      rep_tonnes(r->lo).s, rep_tonnes(r->hi).s, rep_tonnes(r->tonnes).s,
                      has ? rep_money(r->price).s : "-",
                      has ? rep_money(min_cost(m, r->min_dual)).s : "-");
    }
    free(rows);
    s->section(s, "sales by segment, market and product", &t);
}

/* "segments", "unsegmented" and "segment_sales" (the last two only in a
 * model with customers): each segment's customers and, over the whole
 * plan, its base volume, tonnes served, revenue and service cost (null
 * without a plan); then a record per segment, market and product with
 * base volume (its period's: a period block or a scenario may scale the
 * customers' volumes), the segment's bounds, tonnes, price, revenue,
 * service cost and the shadow price of its lower bound. */
void rep_segments_json(Json *j, const Lp *top_lp, const Plan *plans)
{
    int nplans = lp_nparts(top_lp);
    const Lp *lp = plans[0].lp;
    const Model *m = plans[0].m, *top = top_lp->m;
    bool ok = plans[0].ok, cust = lp->segment_count != NULL;
    SegTotal *tot = xcalloc((size_t)m->nsegments + 1, sizeof(SegTotal));
    if (cust)
        rep_segment_totals(plans, nplans, tot);
    json_key(j, "segments");
    json_array(j);
    for (int g = 0; cust && g < m->nsegments; g++) {
        const Segment *sg = &m->segments[g];
        json_object_line(j);
        json_key_string(j, "segment", sg->n.name);
        json_key_string(j, "strategy", m->strategies[sg->strategy].n.name);
        json_key_number(j, "customers", (double)lp->segment_count[g]);
        json_key_number(j, "base", tot[g].base);
        json_key_number(j, "tonnes", ok ? tot[g].tonnes : NAN);
        json_key_number(j, "revenue", ok ? tot[g].revenue : NAN);
        json_key_number(j, "service_cost", ok ? tot[g].service : NAN);
        json_end(j);
    }
    json_end(j);
    free(tot);
    if (!cust)
        return;
    json_key(j, "unsegmented");
    json_size(j, lp->unsegmented);
    json_key(j, "segment_sales");
    json_array(j);
    for (int t = 0; ok && t < nplans; t++) {
        const Plan *pl = &plans[t];
        const Model *pm = pl->m;
        int n;
        SegSale *rows = rep_segment_sales(pl, &n);
        for (int i = 0; i < n; i++) {
            const SegSale *r = &rows[i];
            json_object_line(j);
            if (top->nperiods)
                json_key_string(j, "period", top->periods[t].n.name);
            json_key_string(j, "segment", pm->segments[r->segment].n.name);
            json_key_string(j, "market", pm->markets[r->market].n.name);
            json_key_string(j, "product", pm->products[r->product].n.name);
            json_key_string(j, "strategy", pm->strategies[r->strategy].n.name);
            json_key_number(j, "base", r->base);
            json_key_number(j, "min", r->lo);
            json_key_number(j, "max", r->hi);
            json_key_number(j, "tonnes", r->tonnes);
            json_key_number(j, "price", r->price);
            json_key_number(j, "revenue", r->revenue);
            json_key_number(j, "service_cost", r->service);
            json_key_number(j, "min_shadow_price", r->cls >= 0 ? r->min_dual : NAN);
            json_end(j);
        }
        free(rows);
    }
    json_end(j);
}
