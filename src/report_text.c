/* report_text.c — the plan of one model as text (docs/report.md, "Text"):
 * the objective and its parts, a table per section, the binding limits and
 * the reduced costs of unused routes; for an infeasible model, why. */
#include "report_int.h"

#include <stdlib.h>
#include <string.h>

/* A section: a blank line, its heading, its table. */
static void section(FILE *out, const char *heading, Table *t)
{
    if (t->nrows > 1) {
        fprintf(out, "\n%s\n", heading);
        rep_table_print(t, "  ", out);
    }
    rep_table_free(t);
}

static void text_objective(const Plan *pl, FILE *out)
{
    const Model *m = pl->m;
    const Solution *sol = pl->sol;
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
    };
    Table t;
    rep_table_init(&t, "lr");
    rep_table_row(&t, profit ? "profit" : "total cost", rep_money_unit(m, sol->objective).s);
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        if (!strcmp(rep_money(parts[i].v).s, "0.00"))
            continue;
        char name[32];
        snprintf(name, sizeof name, "  %s", parts[i].name);
        rep_table_row(&t, name, rep_money_unit(m, parts[i].v).s);
    }
    fputc('\n', out);
    rep_table_print(&t, "", out);
    rep_table_free(&t);
}

/* The tables of the plan's flows: milk collected, raw milk intake,
 * production, shipments, sales. */
static void text_flows(const Plan *pl, FILE *out)
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
static void text_quality(const Plan *pl, FILE *out)
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

/* What the plan leaves over (unprocessed milk, or in a components model
 * the components and grades tables; unsold stock) and the plants a
 * scenario or the plan opens or closes. */
static void text_leftovers(const Plan *pl, FILE *out)
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

    rep_table_init(&t, "llr");
    rep_table_row(&t, "plant", "product", "t");
    for (int l = 0; l < m->nlines; l++)
        if (pl->y[l] - pl->shipped[l] > FLOW_EPS)
            rep_table_row(&t, rep_disp(&m->plants[m->lines[l].plant].n),
                          rep_disp(&m->products[m->lines[l].product].n),
                          rep_tonnes(pl->y[l] - pl->shipped[l]).s);
    section(out, "unsold stock", &t);

    rep_table_init(&t, "ll");
    rep_table_row(&t, "plant", "status");
    for (int p = 0; p < m->nplants; p++) {
        const Plant *pp = &m->plants[p];
        if (pp->closed)
            rep_table_row(&t, rep_disp(&pp->n), "closed by the scenario");
        else if (pp->forced_open)
            rep_table_row(&t, rep_disp(&pp->n), "open (opened by the scenario)");
        else if (pp->optional)
            rep_table_row(&t, rep_disp(&pp->n), pl->open[p] ? "open" : "closed");
    }
    section(out, "plants", &t);
}

/* The customers behind the customer demand classes, per segment. */
static void text_segments(const Plan *pl, FILE *out)
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

/* The binding limits and the reduced costs of unused milk routes, a
 * sentence each. */
static void text_sentences(const Plan *pl, FILE *out)
{
    const Lp *lp = pl->lp;
    const Model *m = pl->m;
    const Solution *sol = pl->sol;
    Buf b = {0};
    bool any = false;
    for (int i = 1; i <= sol->nrows; i++) {
        buf_clear(&b);
        if (!rep_binding(&b, lp, sol, i))
            continue;
        if (!any)
            fputs("\nbinding limits\n", out);
        any = true;
        fprintf(out, "  %s\n", buf_str(&b));
    }

    any = false;
    for (int r = 0; r < m->nroutes; r++) {
        const Route *rt = &m->routes[r];
        int j = lp->col_x[r];
        if (rt->kind != ROUTE_MILK || !pl->open[rt->to] || pl->x[r] != 0 || !sol->dj ||
            j < 1 || j > sol->ncols)
            continue;
        buf_clear(&b);
        rep_route(&b, m, r, sol->dj[j]);
        if (!any)
            fputs("\nreduced costs of unused milk routes\n", out);
        any = true;
        fprintf(out, "  %s\n", buf_str(&b));
    }
    buf_free(&b);
}

static void text_plan(const Plan *pl, FILE *out)
{
    text_objective(pl, out);
    text_flows(pl, out);
    text_leftovers(pl, out);
    text_segments(pl, out);
    text_sentences(pl, out);
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

int report_text(const Lp *lp, const Solution *sol, FILE *out)
{
    const Model *m = lp->m;
    rep_title(m, out);
    rep_status_sentence(out, "status: ", m, sol);
    if (sol->status == SOL_OPTIMAL) {
        Plan pl;
        rep_plan_init(&pl, lp, sol);
        text_plan(&pl, out);
        rep_plan_free(&pl);
    } else if (sol->status == SOL_INFEASIBLE) {
        fputs("\nlower bounds that cannot be met\n", out);
        rep_shortfalls(lp, sol, "  ", out);
    }
    return ferror(out) ? -1 : 0;
}
