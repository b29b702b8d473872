/* explain.c — `dairy explain`: what to say of the program, in order: the
 * sets, the parameters (with their units and `file:line`), the variables,
 * the constraints and the objective, then (--expand) every row.  Families
 * come from lp_family.c and their counts from the built problem (row_kind,
 * col_family), never from a second description of the program. */
#include "explain_int.h"

#include "xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { SET_SHOWN = 12,    /* a set lists this many members, then its size */
       TABLE_ROWS = 30 }; /* a parameter table shows this many rows */

/* What the writers share: the program, its counts, the document. */
typedef struct {
    const Lp *lp;
    const Model *m;       /* names, stores; the scenario applied */
    const Lp *part;       /* the first part: its demand classes */
    Diag *diag;
    const ExplainOptions *o;
    Doc doc;
    int rows[LP_ROW_FAMILIES], cols[LP_COL_FAMILIES];
    char cur[8];          /* the currency, "" without money */
} Ex;

static void count_families(Ex *x)
{
    glp_prob *P = x->lp->P;
    for (int i = 1; i <= glp_get_num_rows(P); i++)
        x->rows[x->lp->row_kind[i]]++;
    for (int j = 1; j <= glp_get_num_cols(P); j++)
        x->cols[x->lp->col_family[j]]++;
}

/* A number of a parameter table: %.10g, `-` for none (infinite). */
static const char *num(char buf[32], double v)
{
    if (!isfinite(v))
        return "-";
    snprintf(buf, 32, "%.10g", v == 0 ? 0.0 : v);
    return buf;
}

static void cell_num(Doc *d, double v)
{
    char b[32];
    ex_cell(d, num(b, v));
}

static void cell_pct(Doc *d, double v)
{
    char b[32];
    ex_cellf(d, "%s%%", num(b, v * 100));
}

/* `file:line` of a span, `-` for none; a file of the standard library
 * as `std.NAME:line`, the same wherever the library is installed. */
static void cell_where(Ex *x, Span sp)
{
    if (sp.file < 0) {
        ex_cell(&x->doc, "-");
        return;
    }
    uint32_t line, col;
    diag_line_col(x->diag, sp.file, sp.lo, &line, &col);
    const char *path = diag_file(x->diag, sp.file)->path;
    for (int i = 0; i < x->o->nstd; i++) {
        size_t n = strlen(x->o->std_dirs[i]), len = strlen(path);
        if (strncmp(path, x->o->std_dirs[i], n) == 0 && path[n] == '/' && len > n + 7 &&
            strcmp(path + len - 6, ".dairy") == 0 && !strchr(path + n + 1, '/')) {
            ex_cellf(&x->doc, "std.%.*s:%u", (int)(len - n - 7), path + n + 1, line);
            return;
        }
    }
    ex_cellf(&x->doc, "%s:%u", path, line);
}

/* A farm's or product's last cells: its content of each component (at
 * most room of them; none given is 0), its grade, where it is declared. */
static void quality_cells(Ex *x, const double *content, int grade, int room, Span sp)
{
    const Model *m = x->m;
    for (int c = 0; c < m->ncomponents && c < room; c++)
        cell_pct(&x->doc, content ? content[c] : 0);
    if (m->ngrades)
        ex_cell(&x->doc, m->grades[grade].name);
    cell_where(x, sp);
}

/* A set's members: the first SET_SHOWN, then how many more. */
typedef struct {
    Buf b;
    int n;
} Members;

static void member(Members *ms, const char *name)
{
    if (ms->n < SET_SHOWN)
        buf_printf(&ms->b, "%s%s", ms->n ? ", " : "", name);
    else if (ms->n == SET_SHOWN)
        buf_puts(&ms->b, ", ...");
    ms->n++;
}

static void set_row(Doc *d, const char *set, const char *sym, Members *ms)
{
    if (ms->n == 0) {
        buf_free(&ms->b);
        return;
    }
    ex_cell(d, set);
    ex_cell(d, sym);
    ex_cellf(d, "%d", ms->n);
    ex_cell(d, buf_str(&ms->b));
    buf_free(&ms->b);
    *ms = (Members){0};
}

/* The n things of `stride` bytes at first, each beginning with its Named
 * (first may be NULL when n is 0). */
static void named_set(Doc *d, const char *set, const char *sym, const void *first,
                      size_t stride, int n)
{
    Members ms = {0};
    for (int i = 0; i < n; i++)
        member(&ms, ((const Named *)((const char *)first + stride * (size_t)i))->name);
    set_row(d, set, sym, &ms);
}

/* The demand class d of a part as `d1 city/butter[/strategy]`. */
static void class_name(char *buf, size_t size, const Model *m, const Lp *part, int d)
{
    const DemandClass *c = &part->classes[d];
    snprintf(buf, size, "d%d %s/%s%s%s", d + 1, m->markets[c->market].n.name,
             m->products[c->product].n.name, c->strategy >= 0 ? "/" : "",
             c->strategy >= 0 ? m->strategies[c->strategy].n.name : "");
}

static void write_sets(Ex *x)
{
    const Model *m = x->m;
    Doc *d = &x->doc;
    ex_section(d, "Sets");
    static const char *const head[] = {"set", "index", "size", "members"};
    ex_table(d, 4, head);
    named_set(d, "farms", "f", m->farms, sizeof *m->farms, m->nfarms);
    named_set(d, "plants", "p", m->plants, sizeof *m->plants, m->nplants);
    named_set(d, "products", "k", m->products, sizeof *m->products, m->nproducts);
    named_set(d, "markets", "m", m->markets, sizeof *m->markets, m->nmarkets);
    Members ms = {0};
    char buf[256];
    for (int i = 0; i < x->part->nclasses; i++) {
        class_name(buf, sizeof buf, m, x->part, i);
        member(&ms, buf);
    }
    set_row(d, "demand classes", "d", &ms);
    named_set(d, "components", "c", m->components, sizeof *m->components, m->ncomponents);
    named_set(d, "grades (lowest first)", "g", m->grades, sizeof *m->grades, m->ngrades);
    named_set(d, "PERIODS", "t", m->periods, sizeof *m->periods, m->nperiods);
    for (int i = 0; i < m->nstores; i++) {
        snprintf(buf, sizeof buf, "%s/%s", m->plants[m->stores[i].plant].n.name,
                 m->products[m->stores[i].product].n.name);
        member(&ms, buf);
    }
    set_row(d, "stores", "(p,k)", &ms);
    ex_table_end(d);
    if (x->lp->nperiods)
        ex_para(d, "Each period has its own demand classes, numbered from d1; those listed are "
                   "the first period's.");
}

/* `head (unit)` for a table head, in buf. */
static const char *unit_head(char *buf, size_t size, const char *head, const char *unit)
{
    snprintf(buf, size, "%s (%s)", head, unit);
    return buf;
}

/* "... and N more" under a table cut at TABLE_ROWS. */
static void more_rows(Doc *d, int n)
{
    if (n <= TABLE_ROWS)
        return;
    char buf[96];
    snprintf(buf, sizeof buf, "... and %d more (--expand shows every number).", n - TABLE_ROWS);
    ex_para(d, buf);
}

static void farm_table(Ex *x)
{
    const Model *m = x->m;
    Doc *d = &x->doc;
    char h[3][64];
    const char *head[EX_TABLE_COLS] = {"f", unit_head(h[0], 64, "supply_lo", "t"),
                                       unit_head(h[1], 64, "supply_hi", "t")};
    int n = 3;
    snprintf(h[2], 64, "price (%s/t)", x->cur);
    head[n++] = h[2];
    for (int c = 0; c < m->ncomponents && n < EX_TABLE_COLS - 2; c++)
        head[n++] = m->components[c].name;
    if (m->ngrades)
        head[n++] = "grade";
    head[n++] = "from";
    ex_table(d, n, head);
    for (int f = 0; f < m->nfarms && f < TABLE_ROWS; f++) {
        const Farm *fm = &m->farms[f];
        ex_cell(d, fm->n.name);
        cell_num(d, fm->supply.lo);
        cell_num(d, fm->supply.hi);
        cell_num(d, lp_farm_price(m, f));
        quality_cells(x, fm->content, fm->grade, EX_TABLE_COLS - 6, fm->n.span);
    }
    ex_table_end(d);
    more_rows(d, m->nfarms);
}

static void plant_table(Ex *x)
{
    const Model *m = x->m;
    Doc *d = &x->doc;
    char h[64];
    snprintf(h, sizeof h, "fixed (%s)", x->cur);
    static const char *const base[] = {"p", "cap_lo (t)", "cap_hi (t)", "", "optional", "from"};
    const char *head[6];
    memcpy(head, base, sizeof head);
    head[3] = h;
    ex_table(d, 6, head);
    for (int p = 0; p < m->nplants && p < TABLE_ROWS; p++) {
        const Plant *pl = &m->plants[p];
        ex_cell(d, pl->n.name);
        cell_num(d, pl->capacity.lo);
        cell_num(d, pl->capacity.hi);
        cell_num(d, pl->fixed);
        ex_cell(d, pl->optional ? "yes" : "no");
        cell_where(x, pl->n.span);
    }
    ex_table_end(d);
    more_rows(d, m->nplants);
}

static void product_table(Ex *x)
{
    const Model *m = x->m;
    Doc *d = &x->doc;
    char h[64];
    snprintf(h, sizeof h, "rate (%s/t/km)", x->cur);
    const char *head[EX_TABLE_COLS] = {"k", "milk (t/t)", h};
    int n = 3;
    for (int c = 0; c < m->ncomponents && n < EX_TABLE_COLS - 2; c++)
        head[n++] = m->components[c].name;
    if (m->ngrades)
        head[n++] = "grade";
    head[n++] = "from";
    ex_table(d, n, head);
    for (int k = 0; k < m->nproducts && k < TABLE_ROWS; k++) {
        const Product *pr = &m->products[k];
        ex_cell(d, pr->n.name);
        if (pr->has_milk)
            cell_num(d, pr->milk);
        else
            ex_cell(d, "-");
        if (pr->has_transport)
            cell_num(d, pr->transport);
        else
            ex_cell(d, "-");
        quality_cells(x, pr->content, pr->grade, EX_TABLE_COLS - 5, pr->n.span);
    }
    ex_table_end(d);
    more_rows(d, m->nproducts);
}

static void line_table(Ex *x)
{
    const Model *m = x->m;
    Doc *d = &x->doc;
    char h[64];
    snprintf(h, sizeof h, "cost (%s/t)", x->cur);
    const char *head[] = {"p", "k", "out_lo (t)", "out_hi (t)", h, "from"};
    ex_table(d, 6, head);
    for (int l = 0; l < m->nlines && l < TABLE_ROWS; l++) {
        const ProdLine *ln = &m->lines[l];
        ex_cell(d, m->plants[ln->plant].n.name);
        ex_cell(d, m->products[ln->product].n.name);
        cell_num(d, ln->output.lo);
        cell_num(d, ln->output.hi);
        cell_num(d, ln->cost);
        cell_where(x, ln->span);
    }
    ex_table_end(d);
    more_rows(d, m->nlines);
}

static void class_table(Ex *x)
{
    const Model *m = x->m;
    const Lp *part = x->part;
    Doc *d = &x->doc;
    char h[2][64];
    snprintf(h[0], 64, "price (%s/t)", x->cur);
    snprintf(h[1], 64, "service (%s/t)", x->cur);
    const char *head[] = {"d", "market", "product", "strategy", "lo (t)", "hi (t)",
                          h[0], h[1], "from"};
    ex_table(d, 9, head);
    for (int i = 0; i < part->nclasses && i < TABLE_ROWS; i++) {
        const DemandClass *c = &part->classes[i];
        ex_cellf(d, "d%d", i + 1);
        ex_cell(d, m->markets[c->market].n.name);
        ex_cell(d, m->products[c->product].n.name);
        ex_cell(d, c->strategy >= 0 ? m->strategies[c->strategy].n.name : "-");
        cell_num(d, c->volume.lo);
        cell_num(d, c->volume.hi);
        cell_num(d, c->price);
        cell_num(d, c->service);
        cell_where(x, c->demand >= 0 ? part->m->demands[c->demand].span : m->customers.span);
    }
    ex_table_end(d);
    more_rows(d, part->nclasses);
}

/* Routes: milk routes with haul[f,p], product routes with their distance
 * or cost (haul[p,d] is the product's rate x the distance, or the cost). */
static void route_table(Ex *x)
{
    const Model *m = x->m;
    Doc *d = &x->doc;
    char h[64];
    snprintf(h, sizeof h, "cost (%s/t)", x->cur);
    const char *head[] = {"from", "to", "distance (km)", h, "from (file)"};
    ex_table(d, 5, head);
    int shown = 0;
    for (int r = 0; r < m->nroutes && shown < TABLE_ROWS; r++, shown++) {
        const Route *rt = &m->routes[r];
        bool milk = rt->kind == ROUTE_MILK;
        ex_cell(d, milk ? m->farms[rt->from].n.name : m->plants[rt->from].n.name);
        ex_cell(d, milk ? m->plants[rt->to].n.name : m->markets[rt->to].n.name);
        if (rt->has_distance)
            cell_num(d, rt->distance);
        else
            ex_cell(d, "-");
        if (!rt->has_distance)
            cell_num(d, rt->cost);
        else if (milk)
            cell_num(d, lp_route_cost(m, r, 0));
        else
            ex_cell(d, "by product");
        cell_where(x, rt->span);
    }
    ex_table_end(d);
    more_rows(d, m->nroutes);
}

static void store_table(Ex *x)
{
    const Model *m = x->m;
    Doc *d = &x->doc;
    char h[64];
    snprintf(h, sizeof h, "hold (%s/t)", x->cur);
    const char *head[] = {"p", "k", "store_cap (t)", h, "start (t)", "from"};
    ex_table(d, 6, head);
    for (int i = 0; i < m->nstores && i < TABLE_ROWS; i++) {
        const Store *st = &m->stores[i];
        ex_cell(d, m->plants[st->plant].n.name);
        ex_cell(d, m->products[st->product].n.name);
        cell_num(d, st->capacity);
        cell_num(d, st->cost);
        cell_num(d, st->start);
        cell_where(x, st->span);
    }
    ex_table_end(d);
    more_rows(d, m->nstores);
}

/* A parameter table under its heading, when its set has members. */
static void param_table(Ex *x, int n, const char *title, void (*table)(Ex *))
{
    if (n == 0)
        return;
    ex_para(&x->doc, title);
    table(x);
}

static void write_params(Ex *x)
{
    const Model *m = x->m;
    Doc *d = &x->doc;
    ex_section(d, "Parameters");
    ex_para(d, "In base units (t, km, the model's currency), with the file and line each comes "
               "from; `-` where there is no bound.");
    param_table(x, m->nfarms, "Farms: supply_lo, supply_hi, price[f] (per tonne as delivered).",
                farm_table);
    param_table(x, m->nplants, "Plants: cap_lo, cap_hi (raw-milk intake), fixed[p].", plant_table);
    param_table(x, m->nproducts, "Products: milk[k] (t of raw milk per t), the transport rate.",
                product_table);
    param_table(x, m->nlines, "Lines: out_lo, out_hi, cost[p,k].", line_table);
    param_table(x, x->part->nclasses, "Demand classes: lo[d], hi[d], price[d], service[d].",
                class_table);
    param_table(x, m->nroutes, "Routes: haul[f,p] (milk), and the distance a product's rate "
                               "multiplies for haul[p,d].", route_table);
    param_table(x, m->nstores, "Stores: store_cap[p,k], hold[p,k], the opening stock.",
                store_table);
    if (x->lp->nperiods)
        ex_para(d, "These are the base values (with the scenario); each period's table rows and "
                   "`period` blocks change them for that period, and --expand shows the numbers "
                   "of every period.");
}

/* `head(index)`, with `,t` in a model with periods; `head` alone when it
 * has no index. */
static void family_name(char *buf, size_t size, const LpFamily *f, bool periods)
{
    bool t = f->by_period && periods;
    if (!*f->index && !t)
        snprintf(buf, size, "%s", f->head);
    else
        snprintf(buf, size, "%s(%s%s%s)", f->head, f->index, *f->index && t ? "," : "",
                 t ? "t" : "");
}

static void write_family(Ex *x, const LpFamily *f, int count, const char *what)
{
    char name[64], n[64];
    family_name(name, sizeof name, f, x->doc.periods);
    snprintf(n, sizeof n, "%d %s%s", count, what, count == 1 ? "" : "s");
    ex_family(&x->doc, name, f->title, n);
}

static void write_variables(Ex *x)
{
    Doc *d = &x->doc;
    ex_section(d, "Variables");
    for (int c = 0; c < LP_COL_FAMILIES; c++) {
        const LpFamily *f = &lp_col_family[c];
        if (!x->cols[c])
            continue;
        write_family(x, f, x->cols[c], "column");
        ex_formula(d, f->formula);
        char buf[512];
        snprintf(buf, sizeof buf, "%s%s%s%s", f->meaning, *f->unit ? " Unit: " : "", f->unit,
                 *f->unit ? "." : "");
        ex_note(d, buf);
    }
}

static void write_constraints(Ex *x)
{
    static const RowKind order[] = {RK_SUPPLY, RK_INTAKE, RK_INTAKE_MIN, RK_MILK,
                                    RK_COMPONENT, RK_GRADE, RK_OUTPUT, RK_OUTPUT_MIN,
                                    RK_STOCK, RK_DEMAND, RK_STORE};
    Doc *d = &x->doc;
    ex_section(d, "Constraints");
    bool open = x->cols[CF_OPEN] > 0;
    for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
        RowKind k = order[i];
        const LpFamily *f = &lp_row_family[k];
        if (!x->rows[k])
            continue;
        write_family(x, f, x->rows[k], "row");
        bool stock_t = k == RK_STOCK && d->periods;
        if (!stock_t) {
            ex_formula(d, f->formula);
            ex_note(d, f->meaning);
        }
        if (f->formula_alt && (stock_t || (k != RK_STOCK && open))) {
            ex_note(d, f->meaning_alt);
            ex_formula(d, f->formula_alt);
        }
    }
}

static void write_objective(Ex *x)
{
    Doc *d = &x->doc;
    glp_prob *P = x->lp->P;
    bool profit = glp_get_obj_dir(P) == GLP_MAX;
    char buf[256];
    snprintf(buf, sizeof buf, "Objective: %s %s", profit ? "maximize" : "minimize",
             glp_get_obj_name(P));
    ex_section(d, buf);
    snprintf(buf, sizeof buf, "%s is the sum of these terms, one for each variable family:",
             glp_get_obj_name(P));
    ex_para(d, buf);
    for (int c = 0; c < LP_COL_FAMILIES; c++) {
        const LpFamily *f = &lp_col_family[c];
        if (!x->cols[c])
            continue;
        snprintf(buf, sizeof buf, "%s:", f->obj_title);
        ex_note(d, buf);
        ex_formula(d, profit ? f->obj_profit : f->obj_cost);
    }
    if (x->cols[CF_FIXED]) {
        int j = glp_get_num_cols(P); /* fixed_costs is the last column */
        char v[32];
        snprintf(buf, sizeof buf, "fixed_sum = %s %s.",
                 num(v, fabs(glp_get_obj_coef(P, j))), x->cur);
        ex_para(d, buf);
    }
}

/* "Intro: one plant, one city" and what the program is: its sense, its
 * size, and the scenario. */
static void write_title(Ex *x, const ExplainOptions *o)
{
    glp_prob *P = x->lp->P;
    char title[512], sub[768];
    snprintf(title, sizeof title, "%s%s%s", x->m->title ? x->m->title : o->path,
             o->scenario ? ", scenario " : "", o->scenario ? o->scenario : "");
    int nint = glp_get_num_int(P);
    char ints[64] = "";
    if (nint)
        snprintf(ints, sizeof ints, " (%d of them 0 or 1)", nint);
    snprintf(sub, sizeof sub,
             "The %s program `dairy run` solves: %s %s over %d columns%s, subject to %d "
             "rows with %d nonzero coefficients%s.", x->lp->mip ? "mixed-integer" : "linear",
             glp_get_obj_dir(P) == GLP_MAX ? "maximize" : "minimize", glp_get_obj_name(P),
             glp_get_num_cols(P), ints, glp_get_num_rows(P), glp_get_num_nz(P),
             x->lp->nperiods ? ", every period planned at once" : "");
    ex_begin(&x->doc, title, sub);
    ex_para(&x->doc, "Lower-case letters are indices (f a farm, p a plant, k a product, d a "
                     "demand class, c a component, g a grade, t a period); rows and columns are "
                     "named as in `dairy emit lp` (docs/lp.md).");
}

int explain_write(const Lp *lp, Diag *diag, const ExplainOptions *o, FILE *out)
{
    Ex x = {.lp = lp, .m = lp->m, .part = lp_part(lp, 0), .diag = diag, .o = o};
    x.doc = (Doc){.fmt = o->format, .out = out, .periods = lp->nperiods > 0};
    snprintf(x.cur, sizeof x.cur, "%s", lp->m->currency[0] ? lp->m->currency : "money");
    count_families(&x);
    write_title(&x, o);
    write_sets(&x);
    write_params(&x);
    write_variables(&x);
    write_constraints(&x);
    write_objective(&x);
    if (o->expand)
        ex_expand(&x.doc, lp);
    ex_end(&x.doc);
    free(x.doc.cells);
    return ferror(out) ? -1 : 0;
}
