/* report_text.c — the plan of one model as text (docs/report.md, "Text"):
 * the objective and its parts, a table per section, the binding limits and
 * the reduced costs of unused routes; for an infeasible model, why. */
#include "report_int.h"

#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

/* A section as text: a blank line, its heading (none when ""), its table. */
static void text_section(const RepSink *s, const char *heading, Table *t)
{
    if (t->nrows > 1) {
        fprintf(s->out, "\n%s%s", heading, *heading ? "\n" : "");
        rep_table_print(t, "  ", s->out);
    }
    rep_table_free(t);
}

/* A section, wherever the sink puts it (report_html.c makes HTML of it). */
static void section(const RepSink *s, const char *heading, Table *t) { s->section(s, heading, t); }

void rep_objective_table(const Model *m, const Solution *sol, Table *t)
{
    bool profit = rep_profit_model(m);
    double sign = profit ? -1 : 1; /* costs lower a profit */
    const struct {
        const char *name;
        double v;
    } parts[] = {
        {"revenue", profit ? sol->revenue : 0},
        {"milk purchase", sign * sol->milk_cost},
        {"processing", sign * sol->processing_cost},
        {"transport", sign * sol->transport_cost},
        {"service", sign * sol->service_cost},
        {"fixed costs", sign * sol->fixed_cost},
        {"storage", sign * sol->storage_cost},
    };
    rep_table_init(t, "lr");
    rep_table_row(t, profit ? "profit" : "total cost", rep_money_unit(m, sol->objective).s);
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        if (!strcmp(rep_money(parts[i].v).s, "0.00"))
            continue;
        char name[32];
        snprintf(name, sizeof name, "  %s", parts[i].name);
        rep_table_row(t, name, rep_money_unit(m, parts[i].v).s);
    }
}

static void text_objective(const Model *m, const Solution *sol, FILE *out)
{
    Table t;
    rep_objective_table(m, sol, &t);
    fputc('\n', out);
    rep_table_print(&t, "", out);
    rep_table_free(&t);
}

/* The tables of the plan's flows: milk collected, raw milk intake,
 * production, shipments, sales. */
static void text_flows(const Plan *pl, const RepSink *out)
{
    const Lp *lp = pl->lp;
    const Model *m = pl->m;
    Table t;
    char per_t[16];
    snprintf(per_t, sizeof per_t, "%s/t", rep_cur(m));

    rep_table_init(&t, "llr");
    rep_table_row(&t, "farm", "plant", "t");
    for (int r = 0; r < m->nroutes; r++)
        if (m->routes[r].kind == ROUTE_MILK && pl->x[r] > FLOW_EPS)
            rep_table_row(&t, rep_disp(&m->farms[m->routes[r].from].n),
                          rep_disp(&m->plants[m->routes[r].to].n), rep_tonnes(pl->x[r]).s);
    section(out, "milk collected", &t);

    rep_table_init(&t, "lrrr");
    rep_table_row(&t, "plant", "t", "capacity t", "use");
    for (int p = 0; p < m->nplants; p++)
        if (pl->open[p])
            rep_table_row(&t, rep_disp(&m->plants[p].n), rep_tonnes(pl->intake[p]).s,
                          rep_tonnes(m->plants[p].capacity.hi).s,
                          rep_percent(pl->intake[p], m->plants[p].capacity.hi).s);
    section(out, "raw milk intake", &t);

    rep_table_init(&t, "llrrr");
    rep_table_row(&t, "plant", "product", "t", "max t", "use");
    for (int l = 0; l < m->nlines; l++) {
        const ProdLine *ln = &m->lines[l];
        if (pl->open[ln->plant])
            rep_table_row(&t, rep_disp(&m->plants[ln->plant].n), rep_disp(&m->products[ln->product].n),
                          rep_tonnes(pl->y[l]).s, rep_tonnes(ln->output.hi).s,
                          rep_percent(pl->y[l], ln->output.hi).s);
    }
    section(out, "production", &t);

    int nship;
    ShipRow *ships = rep_ship_rows(pl, &nship);
    rep_table_init(&t, "lllr");
    rep_table_row(&t, "plant", "market", "product", "t");
    for (int i = 0; i < nship; i++)
        rep_table_row(&t, rep_disp(&m->plants[ships[i].plant].n), rep_disp(&m->markets[ships[i].market].n),
                      rep_disp(&m->products[ships[i].product].n), rep_tonnes(ships[i].t).s);
    free(ships);
    section(out, "shipments", &t);

    rep_table_init(&t, "lllrrrr");
    rep_table_row(&t, "market", "product", "strategy", "t", "min t", "max t", per_t);
    for (int d = 0; d < lp->nclasses; d++) {
        const DemandClass *dc = &lp->classes[d];
        rep_table_row(&t, rep_disp(&m->markets[dc->market].n), rep_disp(&m->products[dc->product].n),
                      dc->strategy >= 0 ? rep_disp(&m->strategies[dc->strategy].n) : "-",
                      rep_tonnes(pl->sold[d]).s, rep_tonnes(dc->volume.lo).s, rep_tonnes(dc->volume.hi).s,
                      rep_money(dc->price).s);
    }
    section(out, "sales", &t);
}

/* Per open plant: each component in the milk taken in, in the products
 * made, left over (the skim or cream the plan leaves) and the share used;
 * each grade's milk taken in, drawn by the products that need it, and
 * the margin of that grade or better. */
static void text_quality(const Plan *pl, const RepSink *out)
{
    const Model *m = pl->m;
    int nc = m->ncomponents, ng = m->ngrades;
    Table t;
    if (pl->comp_in) {
        rep_table_init(&t, "llrrrr");
        rep_table_row(&t, "plant", "component", "in t", "in products t", "left t", "use");
        for (int p = 0; p < m->nplants; p++)
            for (int c = 0; pl->open[p] && c < nc; c++) {
                double in = pl->comp_in[p * nc + c], made = pl->comp_out[p * nc + c];
                rep_table_row(&t, rep_disp(&m->plants[p].n), rep_disp(&m->components[c]),
                              rep_tonnes(in).s, rep_tonnes(made).s, rep_tonnes(in - made).s,
                              rep_percent(made, in).s);
            }
        section(out, "milk components", &t);
    }
    if (pl->grade_in) {
        rep_table_init(&t, "llrrr");
        rep_table_row(&t, "plant", "grade", "in t", "drawn t", "margin t");
        for (int p = 0; p < m->nplants; p++)
            for (int g = 0; pl->open[p] && g < ng; g++) {
                double in = pl->grade_in[p * ng + g], drawn = pl->grade_drawn[p * ng + g];
                double margin = rep_grade_margin(pl, p, g);
                rep_table_row(&t, rep_disp(&m->plants[p].n), rep_disp(&m->grades[g]),
                              rep_tonnes(in).s, rep_tonnes(drawn).s, rep_tonnes(margin).s);
            }
        section(out, "milk by grade", &t);
    }
}

/* What the plan leaves over: unprocessed milk, or in a components model
 * the components and grades tables; in a model with periods, each
 * stored product's stock; unsold stock. */
static void text_leftovers(const Plan *pl, const RepSink *out)
{
    const Model *m = pl->m;
    Table t;

    /* In a components model a product without a milk norm draws the fat
     * and protein of milk, not its mass: milk "unprocessed" by the norms
     * may be the skim or cream whose components went into butter and
     * powder.  The components and grades tables say what is left there. */
    if (m->ncomponents == 0) {
        rep_table_init(&t, "lr");
        rep_table_row(&t, "plant", "t");
        for (int p = 0; p < m->nplants; p++)
            if (pl->intake[p] - pl->used[p] > FLOW_EPS)
                rep_table_row(&t, rep_disp(&m->plants[p].n),
                              rep_tonnes(pl->intake[p] - pl->used[p]).s);
        section(out, "unprocessed milk", &t);
    }
    text_quality(pl, out);

    if (pl->opening) {
        rep_table_init(&t, "llrrr");
        rep_table_row(&t, "plant", "product", "opening t", "closing t", "capacity t");
        for (int i = 0; i < m->nstores; i++) {
            const Store *st = &m->stores[i];
            if (pl->opening[st->line] > FLOW_EPS || pl->closing[st->line] > FLOW_EPS)
                rep_table_row(&t, rep_disp(&m->plants[st->plant].n),
                              rep_disp(&m->products[st->product].n),
                              rep_tonnes(pl->opening[st->line]).s,
                              rep_tonnes(pl->closing[st->line]).s, rep_tonnes(st->capacity).s);
        }
        section(out, "stock", &t);
    }

    rep_table_init(&t, "llr");
    rep_table_row(&t, "plant", "product", "t");
    for (int l = 0; l < m->nlines; l++)
        if (rep_unsold(pl, l) > FLOW_EPS)
            rep_table_row(&t, rep_disp(&m->plants[m->lines[l].plant].n),
                          rep_disp(&m->products[m->lines[l].product].n),
                          rep_tonnes(rep_unsold(pl, l)).s);
    section(out, "unsold stock", &t);
}

/* The plants a scenario or the plan opens or closes; with periods, also
 * the periods each plant is closed in (plans: each period's, else NULL). */
void rep_plants_table(const Model *m, const bool *open, const Plan *plans, int nperiods,
                      const RepSink *out)
{
    Table t;
    rep_table_init(&t, "ll");
    rep_table_row(&t, "plant", "status");
    Buf b = {0};
    for (int p = 0; p < m->nplants; p++) {
        const Plant *pp = &m->plants[p];
        buf_clear(&b);
        if (pp->closed)
            buf_puts(&b, "closed by the scenario");
        else if (pp->forced_open)
            buf_puts(&b, "open (opened by the scenario)");
        else if (pp->optional)
            buf_puts(&b, open[p] ? "open" : "closed");
        const char *sep = b.len ? "; closed in " : "closed in ";
        for (int k = 0; plans && !pp->closed && k < nperiods; k++)
            if (plans[k].m->plants[p].closed) {
                buf_puts(&b, sep);
                rep_name(&b, rep_disp(&m->periods[k].n));
                sep = ", ";
            }
        if (b.len)
            rep_table_row(&t, rep_disp(&pp->n), buf_str(&b));
    }
    buf_free(&b);
    section(out, "plants", &t);
}

/* The customers behind the customer demand classes, per segment. */
void rep_segments_table(const Plan *pl, const RepSink *out)
{
    const Lp *lp = pl->lp;
    const Model *m = pl->m;
    Table t;
    if (!lp->segment_count)
        return;
    size_t total = lp->unsegmented;
    for (int s = 0; s < m->nsegments; s++)
        total += lp->segment_count[s];
    rep_table_init(&t, "llrr");
    rep_table_row(&t, "segment", "strategy", "customers", "share");
    char n[32], share[32];
    for (int s = 0; s < m->nsegments; s++) {
        const Segment *sg = &m->segments[s];
        snprintf(n, sizeof n, "%zu", lp->segment_count[s]);
        snprintf(share, sizeof share, "%.0f%%",
                 total ? 100.0 * (double)lp->segment_count[s] / (double)total : 0.0);
        rep_table_row(&t, rep_disp(&sg->n), rep_disp(&m->strategies[sg->strategy].n), n, share);
    }
    if (lp->unsegmented) {
        snprintf(n, sizeof n, "%zu", lp->unsegmented);
        snprintf(share, sizeof share, "%.0f%%", 100.0 * (double)lp->unsegmented / (double)total);
        rep_table_row(&t, "(unsegmented: no demand)", "-", n, share);
    }
    section(out, "customer segments", &t);
}

typedef bool RowWords(Buf *b, const Lp *lp, const Solution *sol, int i);

/* The rows `words` says something about, a sentence each under heading. */
static void row_sentences(const Lp *lp, const Solution *sol, RowWords *words,
                          const char *heading, FILE *out)
{
    Buf b = {0};
    bool any = false;
    for (int i = 1; i <= sol->nrows; i++) {
        buf_clear(&b);
        if (!words(&b, lp, sol, i))
            continue;
        if (!any)
            fprintf(out, "\n%s\n", heading);
        any = true;
        fprintf(out, "  %s\n", buf_str(&b));
        if (words == rep_binding)
            rep_why(lp, sol, i, "      ", out);
    }
    buf_free(&b);
}

/* The binding limits, a sentence each (with periods, each names its
 * period), then what the lines, sales and farms the plan leaves unused
 * would cost. */
static void text_binding(const Lp *lp, const Solution *sol, FILE *out)
{
    row_sentences(lp, sol, rep_binding, "binding limits", out);
    row_sentences(lp, sol, rep_unused, "reduced costs of unused lines and sales", out);
}

bool rep_unused_route(Buf *b, const Plan *pl, int r)
{
    const Model *m = pl->m;
    const Route *rt = &m->routes[r];
    int j = pl->lp->col_x[r];
    if (rt->kind != ROUTE_MILK || !pl->open[rt->to] || pl->x[r] != 0 || !pl->sol->dj ||
        j < 1 || j > pl->sol->ncols)
        return false;
    rep_route(b, m, r, pl->sol->dj[j]);
    return true;
}

/* The reduced costs of the unused milk routes of a plan (a period's, with
 * periods), a sentence each. */
static void text_reduced(const Plan *pl, FILE *out)
{
    const Model *m = pl->m;
    Buf b = {0};
    bool any = false;
    for (int r = 0; r < m->nroutes; r++) {
        buf_clear(&b);
        if (!rep_unused_route(&b, pl, r))
            continue;
        if (!any)
            fputs("\nreduced costs of unused milk routes\n", out);
        any = true;
        fprintf(out, "  %s\n", buf_str(&b));
    }
    buf_free(&b);
}

void rep_part_tables(const Plan *pl, const RepSink *s)
{
    text_flows(pl, s);
    text_leftovers(pl, s);
}

static void text_plan(const Plan *pl, bool by_segment, FILE *out)
{
    const RepSink s = {out, text_section};
    text_objective(pl->m, pl->sol, out);
    rep_part_tables(pl, &s);
    rep_plants_table(pl->m, pl->open, NULL, 0, &s);
    rep_segments_table(pl, &s);
    if (by_segment) { /* report_segment.c */
        rep_segment_totals_table(pl->lp, pl, &s);
        rep_segment_sales_table(pl, &s);
    }
    text_binding(pl->lp, pl->sol, out);
    text_reduced(pl, out);
}

/* ------------------------------------------------------------ a year */

/* One row of the year table: label, then v[t] for each period t0..t1 and,
 * when total, their sum over the whole year (add) or the last period's
 * value (stock). */
static void year_row(Table *t, const char *label, const double *v, int T, int t0, int t1,
                     bool total, bool money, bool add)
{
    NumStr cells[REP_MAXCOLS];
    const char *ptrs[REP_MAXCOLS];
    int n = 0;
    double sum = 0;
    for (int k = 0; k < T; k++)
        sum += v[k];
    if (!add)
        sum = v[T - 1]; /* stock: what the year closes with */
    for (int k = t0; k < t1; k++)
        cells[n++] = money ? rep_money(v[k]) : rep_tonnes(v[k]);
    if (total)
        cells[n++] = money ? rep_money(sum) : rep_tonnes(sum);
    for (int k = 0; k < n; k++)
        ptrs[k] = cells[k].s;
    rep_table_cells(t, n, label, ptrs);
}

enum { PERIODS_PER_TABLE = 12 };

/* Per period: milk collected, production, closing stock, sales and the
 * period's profit (or cost), in rows [0..REP_YEAR_ROWS) of v, T values each. */
void rep_year_values(const Lp *lp, const Solution *sol, const Plan *plans, double *v)
{
    const Model *m = lp->m;
    int T = lp->nperiods;
    bool profit = rep_profit_model(m);
    for (int t = 0; t < T; t++) {
        const Plan *pl = &plans[t];
        const Model *pm = pl->m;
        for (int r = 0; r < pm->nroutes; r++)
            v[0 * T + t] += pm->routes[r].kind == ROUTE_MILK ? pl->x[r] : 0;
        for (int l = 0; l < pm->nlines; l++)
            v[1 * T + t] += pl->y[l];
        for (int i = 0; i < m->nstores; i++)
            v[2 * T + t] += rep_closing(lp, sol, i, t);
        for (int d = 0; d < pl->lp->nclasses; d++)
            v[3 * T + t] += pl->sold[d];
        Solution part = {0};
        solve_part_totals(pl->lp, sol, &part);
        double storage = 0;
        for (int i = 0; i < m->nstores; i++)
            storage += rep_closing(lp, sol, i, t) * m->stores[i].cost;
        double cost = part.milk_cost + part.processing_cost + part.transport_cost +
                      part.service_cost + part.fixed_cost + storage;
        v[4 * T + t] = profit ? part.revenue - cost : cost;
    }
}

void rep_year_table(const Lp *lp, const Solution *sol, const Plan *plans, const RepSink *s)
{
    const Model *m = lp->m;
    int T = lp->nperiods;
    double *v = xcalloc((size_t)REP_YEAR_ROWS * (size_t)T, sizeof(double));
    rep_year_values(lp, sol, plans, v);
    char money[32];
    snprintf(money, sizeof money, "%s %s", rep_profit_model(m) ? "profit" : "cost", rep_cur(m));
    const char *labels[REP_YEAR_ROWS] = {"milk collected t", "production t", "closing stock t",
                                     "sales t", money};
    for (int t0 = 0; t0 < T; t0 += PERIODS_PER_TABLE) {
        int t1 = t0 + PERIODS_PER_TABLE < T ? t0 + PERIODS_PER_TABLE : T;
        bool total = t1 == T;
        char align[REP_MAXCOLS + 1];
        int ncols = 1 + (t1 - t0) + total;
        memset(align, 'r', (size_t)ncols);
        align[0] = 'l';
        align[ncols] = '\0';
        Table t;
        rep_table_init(&t, align);
        const char *head[REP_MAXCOLS];
        for (int k = t0; k < t1; k++)
            head[k - t0] = rep_disp(&m->periods[k].n);
        if (total)
            head[t1 - t0] = "year";
        rep_table_cells(&t, t1 - t0 + total, "", head);
        for (int r = 0; r < REP_YEAR_ROWS; r++)
            if (r != 2 || m->nstores > 0)
                year_row(&t, labels[r], v + r * T, T, t0, t1, total, r == 4, r != 2);
        section(s, t0 == 0 ? "year plan" : "", &t);
    }
    free(v);
}

void rep_year_plants(const Lp *lp, const Solution *sol, const Plan *plans, const RepSink *s)
{
    const Model *m = lp->m;
    bool *open = xcalloc((size_t)m->nplants + 1, sizeof(bool)); /* the horizon's decisions */
    for (int p = 0; p < m->nplants; p++)
        open[p] = !m->plants[p].closed &&
                  (!lp->col_open[p] || sol->col[lp->col_open[p]] > 0.5);
    rep_plants_table(m, open, plans, lp->nperiods, s);
    free(open);
}

/* The plan of a model with periods: the year's objective, the year table,
 * the plants and customers (by_segment: and the year's sales per segment),
 * then each period's tables (or only those of period `only`, when it is
 * not -1; by_segment: with the period's sales per segment, market and
 * product), then the binding limits of the year, each naming its period. */
static void text_year(const Lp *lp, const Solution *sol, int only, bool by_segment, FILE *out)
{
    const Model *m = lp->m;
    int T = lp->nperiods;
    const RepSink s = {out, text_section};
    Plan *plans = rep_year_init(lp, sol);
    text_objective(m, sol, out);
    rep_year_table(lp, sol, plans, &s);
    rep_year_plants(lp, sol, plans, &s);
    rep_segments_table(&plans[0], &s);
    if (by_segment)
        rep_segment_totals_table(lp, plans, &s);
    for (int t = 0; t < T; t++) {
        if (only >= 0 && t != only)
            continue;
        Buf b = {0};
        rep_name(&b, rep_disp(&m->periods[t].n));
        fprintf(out, "\n=== %s ===\n", buf_str(&b));
        buf_free(&b);
        rep_part_tables(&plans[t], &s);
        if (by_segment)
            rep_segment_sales_table(&plans[t], &s);
        text_reduced(&plans[t], out);
    }
    text_binding(lp, sol, out);
    rep_year_free(plans, T);
}

void rep_title(const Model *m, FILE *out)
{
    if (m->title) {
        Buf b = {0};
        rep_name(&b, m->title);
        fprintf(out, "%s\n", buf_str(&b));
        buf_free(&b);
    }
}

int report_text_period(const Lp *lp, const Solution *sol, int period, FILE *out)
{
    const TextOptions o = {period, false};
    return report_text_opts(lp, sol, &o, out);
}

int report_text_opts(const Lp *lp, const Solution *sol, const TextOptions *o, FILE *out)
{
    const Model *m = lp->m;
    int period = o->period;
    rep_title(m, out);
    rep_status_sentence(out, "status: ", m, sol);
    if (solve_has_plan(sol) && lp->nperiods > 0) {
        text_year(lp, sol, period, o->by_segment, out);
    } else if (solve_has_plan(sol)) {
        Plan pl;
        rep_plan_init(&pl, lp, sol);
        text_plan(&pl, o->by_segment, out);
        rep_plan_free(&pl);
    }
    rep_ranges_text(lp, sol, out); /* --ranges: after everything else */
    if (sol->status == SOL_INFEASIBLE) {
        fputs("\nlower bounds that cannot be met\n", out);
        rep_shortfalls(lp, sol, "  ", out);
    }
    return ferror(out) ? -1 : 0;
}

int report_text(const Lp *lp, const Solution *sol, FILE *out)
{
    return report_text_period(lp, sol, -1, out);
}
