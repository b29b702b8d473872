/* report_json.c — the plan of one model as JSON (docs/report.md, "JSON"),
 * written with the JSON writer (json.h); entities by their names. */
#include "report_int.h"

#include <math.h>
#include <stdlib.h>

/* A record of a flow array: an object on one line, which in a model with
 * periods begins with its "period". */
static void record(Json *j, const char *period)
{
    json_object_line(j);
    if (period)
        json_key_string(j, "period", period);
}

/* The name of period t of lp's model, NULL when it has no such period. */
static const char *period_name(const Lp *lp, int t)
{
    return t >= 0 && t < lp->nperiods ? lp->m->periods[t].n.name : NULL;
}

static const char *shortfall_kind(ShortfallKind k)
{
    switch (k) {
    case SF_SUPPLY: return "supply";
    case SF_INTAKE: return "intake";
    case SF_OUTPUT: return "output";
    case SF_DEMAND: return "demand";
    }
    return "unknown";
}

/* The entity a shortfall is about, by name: a farm, a plant,
 * "plant/product" for a line, "market/product[/strategy]" for a class. */
static void shortfall_name(Buf *b, const Lp *lp, const Shortfall *sf)
{
    const Model *m = lp->m;
    int i = sf->index;
    switch (sf->kind) {
    case SF_SUPPLY:
        if (i >= 0 && i < m->nfarms)
            buf_puts(b, m->farms[i].n.name);
        return;
    case SF_INTAKE:
        if (i >= 0 && i < m->nplants)
            buf_puts(b, m->plants[i].n.name);
        return;
    case SF_OUTPUT:
        if (i >= 0 && i < m->nlines)
            buf_printf(b, "%s/%s", m->plants[m->lines[i].plant].n.name,
                       m->products[m->lines[i].product].n.name);
        return;
    case SF_DEMAND:
        if (i >= 0 && i < lp->nclasses) {
            const DemandClass *dc = &lp->classes[i];
            buf_printf(b, "%s/%s", m->markets[dc->market].n.name,
                       m->products[dc->product].n.name);
            if (dc->strategy >= 0)
                buf_printf(b, "/%s", m->strategies[dc->strategy].n.name);
        }
        return;
    }
}

/* One shortfall as a one-line JSON object: {[period,] kind, name, required,
 * achievable, limits, closed_plants}, each closed plant {plant, when_open},
 * when_open the shortfalls of the plan with the plant open (the same
 * members) or null. */
static void json_shortfall(Json *j, const Lp *lp, const Shortfall *sf, Buf *b)
{
    char tmp[32];
    buf_clear(b);
    const char *period = period_name(lp, sf->period);
    shortfall_name(b, period ? lp_part(lp, sf->period) : lp, sf);
    record(j, period);
    json_key_string(j, "kind", shortfall_kind(sf->kind));
    json_key_string(j, "name", buf_str(b));
    json_key_number(j, "required", sf->required);
    json_key_number(j, "achievable", sf->achievable);
    json_key(j, "limits");
    json_array_line(j);
    for (int k = 0; sf->limits && k < sf->nlimits; k++)
        json_string(j, rep_row_name(lp, sf->limits[k], tmp, sizeof tmp));
    json_end(j);
    json_key(j, "closed_plants");
    json_array_line(j);
    for (int k = 0; sf->closed && k < sf->nclosed; k++) {
        const Closure *c = &sf->closed[k];
        json_object_line(j);
        json_key_string(j, "plant", lp->m->plants[c->plant].n.name);
        json_key(j, "when_open");
        if (!c->explained || !c->when_open) {
            json_null(j);
        } else {
            json_array_line(j);
            for (int w = 0; w < c->nwhen_open; w++)
                json_shortfall(j, lp, &c->when_open[w], b);
            json_end(j);
        }
        json_end(j);
    }
    json_end(j);
    json_end(j);
}

static void collection_rows(Json *j, const Plan *pl, const char *period)
{
    const Model *m = pl->m;
    for (int r = 0; r < m->nroutes; r++)
        if (m->routes[r].kind == ROUTE_MILK && pl->x[r] > FLOW_EPS) {
            record(j, period);
            json_key_string(j, "farm", m->farms[m->routes[r].from].n.name);
            json_key_string(j, "plant", m->plants[m->routes[r].to].n.name);
            json_key_number(j, "tonnes", pl->x[r]);
            json_end(j);
        }
}

static void production_rows(Json *j, const Plan *pl, const char *period)
{
    const Model *m = pl->m;
    for (int l = 0; l < m->nlines; l++) {
        const ProdLine *ln = &m->lines[l];
        if (!pl->open[ln->plant])
            continue;
        record(j, period);
        json_key_string(j, "plant", m->plants[ln->plant].n.name);
        json_key_string(j, "product", m->products[ln->product].n.name);
        json_key_number(j, "tonnes", pl->y[l]);
        json_key_number(j, "max", ln->output.hi);
        json_end(j);
    }
}

static void shipment_rows(Json *j, const Plan *pl, const char *period)
{
    const Model *m = pl->m;
    int n;
    ShipRow *rows = rep_ship_rows(pl, &n);
    for (int i = 0; i < n; i++) {
        record(j, period);
        json_key_string(j, "plant", m->plants[rows[i].plant].n.name);
        json_key_string(j, "market", m->markets[rows[i].market].n.name);
        json_key_string(j, "product", m->products[rows[i].product].n.name);
        json_key_number(j, "tonnes", rows[i].t);
        json_end(j);
    }
    free(rows);
}

static void sales_rows(Json *j, const Plan *pl, const char *period)
{
    const Lp *lp = pl->lp;
    const Model *m = pl->m;
    for (int d = 0; d < lp->nclasses; d++) {
        const DemandClass *dc = &lp->classes[d];
        record(j, period);
        json_key_string(j, "market", m->markets[dc->market].n.name);
        json_key_string(j, "product", m->products[dc->product].n.name);
        json_key_string(j, "strategy",
                        dc->strategy >= 0 ? m->strategies[dc->strategy].n.name : NULL);
        json_key_number(j, "tonnes", pl->sold[d]);
        json_key_number(j, "min", dc->volume.lo);
        json_key_number(j, "max", dc->volume.hi);
        json_key_number(j, "price", dc->price);
        json_end(j);
    }
}

/* a components model: what the norms leave is not unprocessed milk
 * (report_text.c); "components" says what is left */
static void unprocessed_rows(Json *j, const Plan *pl, const char *period)
{
    const Model *m = pl->m;
    for (int p = 0; m->ncomponents == 0 && p < m->nplants; p++)
        if (pl->intake[p] - pl->used[p] > FLOW_EPS) {
            record(j, period);
            json_key_string(j, "plant", m->plants[p].n.name);
            json_key_number(j, "tonnes", pl->intake[p] - pl->used[p]);
            json_end(j);
        }
}

static void unsold_rows(Json *j, const Plan *pl, const char *period)
{
    const Model *m = pl->m;
    for (int l = 0; l < m->nlines; l++)
        if (rep_unsold(pl, l) > FLOW_EPS) {
            record(j, period);
            json_key_string(j, "plant", m->plants[m->lines[l].plant].n.name);
            json_key_string(j, "product", m->products[m->lines[l].product].n.name);
            json_key_number(j, "tonnes", rep_unsold(pl, l));
            json_end(j);
        }
}

/* Per open plant, each component in the milk taken in, in the products
 * and left. */
static void component_rows(Json *j, const Plan *pl, const char *period)
{
    const Model *m = pl->m;
    int nc = m->ncomponents;
    for (int p = 0; pl->comp_in && p < m->nplants; p++)
        for (int c = 0; pl->open[p] && c < nc; c++) {
            double in = pl->comp_in[p * nc + c], made = pl->comp_out[p * nc + c];
            record(j, period);
            json_key_string(j, "plant", m->plants[p].n.name);
            json_key_string(j, "component", m->components[c].name);
            json_key_number(j, "in", in);
            json_key_number(j, "in_products", made);
            json_key_number(j, "left", in - made);
            json_end(j);
        }
}

/* Per open plant, each grade's milk taken in, drawn, and the margin of
 * it or better. */
static void grade_rows(Json *j, const Plan *pl, const char *period)
{
    const Model *m = pl->m;
    int ng = m->ngrades;
    for (int p = 0; pl->grade_in && p < m->nplants; p++)
        for (int g = 0; pl->open[p] && g < ng; g++) {
            record(j, period);
            json_key_string(j, "plant", m->plants[p].n.name);
            json_key_string(j, "grade", m->grades[g].name);
            json_key_number(j, "in", pl->grade_in[p * ng + g]);
            json_key_number(j, "drawn", pl->grade_drawn[p * ng + g]);
            json_key_number(j, "margin", rep_grade_margin(pl, p, g));
            json_end(j);
        }
}

/* Each stored product's stock at the start and end of the period. */
static void stock_rows(Json *j, const Plan *pl, const char *period)
{
    const Model *m = pl->m;
    for (int i = 0; pl->opening && i < m->nstores; i++) {
        const Store *st = &m->stores[i];
        record(j, period);
        json_key_string(j, "plant", m->plants[st->plant].n.name);
        json_key_string(j, "product", m->products[st->product].n.name);
        json_key_number(j, "opening", pl->opening[st->line]);
        json_key_number(j, "closing", pl->closing[st->line]);
        json_key_number(j, "capacity", st->capacity);
        json_end(j);
    }
}

typedef void RowsFn(Json *j, const Plan *pl, const char *period);

/* "key": the rows of each period's plan (the one plan without periods),
 * empty without a plan. */
static void rows_array(Json *j, const char *key, RowsFn *fn, const Plan *plans, int n,
                       const Model *top)
{
    json_key(j, key);
    json_array(j);
    for (int t = 0; t < n && plans[t].ok; t++)
        fn(j, &plans[t], top->nperiods ? top->periods[t].n.name : NULL);
    json_end(j);
}

/* The flows of the plan: "collection", "production", "shipments",
 * "sales", "unprocessed", "unsold" ("unprocessed" always empty in a
 * components model), then "components" and "grades" only in a model that
 * declares them, and "stock" only in one with periods. */
static void json_flows(Json *j, const Plan *plans, int n, const Model *top)
{
    static const struct {
        const char *key;
        RowsFn *fn;
    } arrays[] = {
        {"collection", collection_rows}, {"production", production_rows},
        {"shipments", shipment_rows},    {"sales", sales_rows},
        {"unprocessed", unprocessed_rows}, {"unsold", unsold_rows},
    };
    for (size_t i = 0; i < sizeof arrays / sizeof *arrays; i++)
        rows_array(j, arrays[i].key, arrays[i].fn, plans, n, top);
    if (top->ncomponents > 0)
        rows_array(j, "components", component_rows, plans, n, top);
    if (top->ngrades > 0)
        rows_array(j, "grades", grade_rows, plans, n, top);
    if (top->nperiods > 0)
        rows_array(j, "stock", stock_rows, plans, n, top);
}

/* "binding": every row that binds, with its shadow price and sentence
 * (and in a model with periods, its period). */
static void json_binding(Json *j, const Lp *lp, const Solution *sol, bool ok)
{
    json_key(j, "binding");
    json_array(j);
    Buf b = {0};
    char tmp[32];
    for (int i = 1; ok && i <= sol->nrows; i++) {
        buf_clear(&b);
        if (!rep_binding(&b, lp, sol, i) && !rep_unused(&b, lp, sol, i))
            continue;
        record(j, period_name(lp, lp_row_period(lp, i)));
        json_key_string(j, "constraint", rep_row_name(lp, i, tmp, sizeof tmp));
        json_key_number(j, "shadow_price", sol->dual[i]);
        json_key_string(j, "text", buf_str(&b));
        rep_json_why(j, lp, sol, i);
        json_end(j);
    }
    buf_free(&b);
    json_end(j);
}

/* "plants": each plant open or not (with periods, for the whole horizon,
 * and "closed_in" the periods it is shut in). */
static void json_plants(Json *j, const Lp *lp, const Solution *sol, const Plan *plans)
{
    const Model *m = lp->m;
    json_key(j, "plants");
    json_array(j);
    for (int p = 0; plans[0].ok && p < m->nplants; p++) {
        json_object_line(j);
        json_key_string(j, "plant", m->plants[p].n.name);
        json_key(j, "open");
        json_bool(j, lp->nperiods ? !m->plants[p].closed && (!lp->col_open[p] ||
                                                             sol->col[lp->col_open[p]] > 0.5)
                                  : plans[0].open[p]);
        if (lp->nperiods) {
            json_key(j, "closed_in");
            json_array_line(j);
            for (int t = 0; t < lp->nperiods; t++)
                if (plans[t].m->plants[p].closed)
                    json_string(j, m->periods[t].n.name);
            json_end(j);
        }
        json_end(j);
    }
    json_end(j);
}

void rep_json_members(Json *j, const Lp *lp, const Solution *sol)
{
    const Model *m = lp->m;
    int n = lp_nparts(lp);
    Plan *plans = rep_year_init(lp, sol);
    bool ok = plans[0].ok;

    json_key_string(j, "status", rep_sol_status_word(sol));
    if (sol->within_gap || sol->status == SOL_TIME_LIMIT || sol->status == SOL_INTERRUPTED) {
        /* a bounded run (solve.h): the best bound and the gap, null when unknown */
        json_key_number(j, "bound", sol->bound);
        json_key_number(j, "gap", sol->gap);
    }
    json_key_number(j, "objective", ok ? sol->objective : NAN);
    json_key_string(j, "sense", rep_profit_model(m) ? "maximize profit" : "minimize cost");
    json_key_string(j, "currency", m->currency);
    json_key(j, "totals");
    json_object_line(j);
    json_key_number(j, "revenue", ok ? sol->revenue : NAN);
    json_key_number(j, "milk_cost", ok ? sol->milk_cost : NAN);
    json_key_number(j, "processing_cost", ok ? sol->processing_cost : NAN);
    json_key_number(j, "transport_cost", ok ? sol->transport_cost : NAN);
    json_key_number(j, "service_cost", ok ? sol->service_cost : NAN);
    json_key_number(j, "fixed_cost", ok ? sol->fixed_cost : NAN);
    if (lp->nperiods)
        json_key_number(j, "storage_cost", ok ? sol->storage_cost : NAN);
    json_end(j);

    json_flows(j, plans, n, m);
    json_plants(j, lp, sol, plans);
    json_binding(j, lp, sol, ok);
    rep_segments_json(j, lp, plans); /* report_segment.c */

    if (sol->status == SOL_INFEASIBLE) {
        json_key(j, "shortfalls");
        json_array(j);
        Buf b = {0};
        for (int i = 0; sol->shortfalls && i < sol->nshortfalls; i++)
            json_shortfall(j, lp, &sol->shortfalls[i], &b);
        buf_free(&b);
        json_end(j);
    }
    rep_ranges_json(j, lp, sol); /* --ranges */
    rep_year_free(plans, n);
}

int report_json(const Lp *lp, const Solution *sol, FILE *out)
{
    Json j;
    json_init(&j, out);
    json_object(&j);
    rep_json_members(&j, lp, sol);
    json_end(&j);
    return ferror(out) ? -1 : 0;
}
