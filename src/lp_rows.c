/* lp_rows.c — the row families of the program (docs/lp.md, "Constraints"):
 * supply, intake, the milk, component and grade balances, line output,
 * the product balances, demand and, with periods, store capacity; and
 * which entity and period each row belongs to.  Rows are added a family at
 * a time in this order, which every LP and MPS file follows. */
#include "lp_int.h"

#include "xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* 1. farm supply: one row a farm. */
static void add_supply_rows(Build *b)
{
    for (int f = 0; f < b->m->nfarms; f++) {
        const Farm *fm = &b->m->farms[f];
        lpi_bname(b, lpi_rhead(RK_SUPPLY), b->ids.farm[f], NULL);
        b->lp->row_supply[f] = lpi_add_row(b->P, b->name, fm->supply.lo, fm->supply.hi);
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
    lpi_bname(b, head, a, pr);
    if (closed)
        return lpi_add_row(b->P, b->name, -INFINITY, 0);
    if (!open)
        return lpi_add_row(b->P, b->name, r.lo, r.hi);
    int row = lpi_add_row(b->P, b->name, -INFINITY, 0);
    lpi_put(&b->t, row, open, -r.hi);
    if (r.lo > 0) {
        lpi_bname(b, head_min, a, pr);
        *min_row = lpi_add_row(b->P, b->name, 0, INFINITY);
        if (col)
            lpi_put(&b->t, *min_row, col, 1);
        lpi_put(&b->t, *min_row, open, -r.lo);
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
            if (lpi_product_content(m, k, c) != 0)
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
        lp->row_intake[p] = add_bounded_row(b, lpi_rhead(RK_INTAKE), lpi_rhead(RK_INTAKE_MIN), a, NULL,
                                            pl->closed, lp->col_open[p], pl->capacity, 0,
                                            &lp->row_intake_min[p]);
        lpi_bname(b, lpi_rhead(RK_MILK), a, NULL);
        lp->row_milk[p] = lpi_add_row(b->P, b->name, -INFINITY, 0);
        for (int c = 0; c < nc; c++)
            if (need_comp[p * nc + c]) {
                lpi_bname(b, lpi_rhead(RK_COMPONENT), a, b->ids.comp[c]);
                lp->row_comp[p * nc + c] = lpi_add_row(b->P, b->name, -INFINITY, 0);
            }
        for (int g = 1; g < ng; g++)
            if (need_grade[p * ng + g]) {
                lpi_bname(b, lpi_rhead(RK_GRADE), a, b->ids.grade[g]);
                lp->row_grade[p * ng + g] = lpi_add_row(b->P, b->name, -INFINITY, 0);
            }
    }
    free(need_comp);
    free(need_grade);
    for (int r = 0; r < m->nroutes; r++) {
        const Route *rt = &m->routes[r];
        if (rt->kind != ROUTE_MILK)
            continue;
        int p = rt->to, f = rt->from, x = lp->col_x[r];
        lpi_put(&b->t, lp->row_supply[f], x, 1);
        lpi_put(&b->t, lp->row_intake[p], x, 1);
        if (lp->row_intake_min[p])
            lpi_put(&b->t, lp->row_intake_min[p], x, 1);
        lpi_put(&b->t, lp->row_milk[p], x, -1);
        for (int c = 0; c < nc; c++) {
            int row = lp->row_comp[p * nc + c];
            double v = lpi_farm_content(m, f, c);
            if (row && v != 0)
                lpi_put(&b->t, row, x, -v);
        }
        for (int g = 1; g <= m->farms[f].grade && g < ng; g++)
            if (lp->row_grade[p * ng + g])
                lpi_put(&b->t, lp->row_grade[p * ng + g], x, -1);
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
            lpi_put(&b->t, lp->row_milk[p], y, milk);
            for (int g = 1; g <= m->products[k].grade && g < ng; g++)
                lpi_put(&b->t, lp->row_grade[p * ng + g], y, milk);
        }
        for (int c = 0; c < nc; c++) {
            double v = lpi_product_content(m, k, c);
            if (v != 0)
                lpi_put(&b->t, lp->row_comp[p * nc + c], y, v);
        }
        lp->row_output[l] = add_bounded_row(b, lpi_rhead(RK_OUTPUT), lpi_rhead(RK_OUTPUT_MIN), a, pr,
                                            pl->closed, lp->col_open[ln->plant], ln->output, y,
                                            &lp->row_output_min[l]);
        lpi_put(&b->t, lp->row_output[l], y, 1);
        lpi_bname(b, lpi_rhead(RK_STOCK), a, pr);
        lp->row_stock[l] = lpi_add_row(b->P, b->name, -INFINITY, 0);
        lpi_put(&b->t, lp->row_stock[l], y, -1);
    }
}

/* 6. demand: one row a class, then each shipment in its line's stock row
 * and its class's demand row. */
static void add_demand_rows(Build *b)
{
    Lp *lp = b->lp;
    for (int d = 0; d < lp->nclasses; d++) {
        const DemandClass *dc = &lp->classes[d];
        lpi_bname(b, lpi_rhead(RK_DEMAND), lpi_class_ident(b->cls, d), NULL);
        lp->row_demand[d] = lpi_add_row(b->P, b->name, dc->volume.lo, dc->volume.hi);
    }
    for (int s = 0; s < lp->nships; s++) {
        lpi_put(&b->t, lp->row_stock[lp->ships[s].line], lp->col_s[s], 1);
        lpi_put(&b->t, lp->row_demand[lp->ships[s].cls], lp->col_s[s], 1);
    }
}

/* Each row's owner (kind and entity index) and period, for reports and
 * explanations: part's rows into top's arrays. */
void lpi_record_row_owners(Lp *top, const Lp *part, int period)
{
    const Model *m = part->m;
    int nf = m->nfarms, np = m->nplants, nl = m->nlines;
    struct { const int *rows; int n; RowKind k; } owners[] = {
        {part->row_supply, nf, RK_SUPPLY}, {part->row_intake, np, RK_INTAKE},
        {part->row_intake_min, np, RK_INTAKE_MIN}, {part->row_milk, np, RK_MILK},
        {part->row_output, nl, RK_OUTPUT}, {part->row_output_min, nl, RK_OUTPUT_MIN},
        {part->row_stock, nl, RK_STOCK}, {part->row_demand, part->nclasses, RK_DEMAND},
        {part->row_comp, part->row_comp ? np * m->ncomponents : 0, RK_COMPONENT},
        {part->row_grade, part->row_grade ? np * m->ngrades : 0, RK_GRADE},
    };
    for (size_t o = 0; o < sizeof owners / sizeof *owners; o++)
        for (int i = 0; i < owners[o].n; i++) {
            int row = owners[o].rows[i];
            if (!row)
                continue;
            top->row_kind[row] = (int)owners[o].k;
            top->row_index[row] = i;
            if (top->row_period)
                top->row_period[row] = period;
        }
}

/* The rows of one part, families 1-6. */
void lpi_add_part_rows(Build *b)
{
    add_supply_rows(b);
    add_plant_rows(b);
    add_line_rows(b);
    add_demand_rows(b);
}

/* 7. store capacity, after period t's other rows: inv(p,k,t) <= capacity. */
void lpi_add_store_rows(Build *b, Lp *top, int t)
{
    const Model *m = top->m;
    for (int i = 0; i < m->nstores; i++) {
        const Store *st = &m->stores[i];
        lpi_bname(b, lpi_rhead(RK_STORE), b->ids.plant[st->plant], b->ids.product[st->product]);
        int row = lpi_add_row(b->P, b->name, -INFINITY, st->capacity);
        top->row_store[i * top->nperiods + t] = row;
        lpi_put(&b->t, row, top->col_inv[i * top->nperiods + t], 1);
    }
}

/* Stock in the product balances: sum_d s + inv[t] - inv[t-1] <= y, the
 * first period's inv[0] being the opening stock (its row's bound). */
void lpi_put_stock(Build *b, Lp *top)
{
    const Model *m = top->m;
    int T = top->nperiods;
    for (int i = 0; i < m->nstores; i++) {
        const Store *st = &m->stores[i];
        for (int t = 0; t < T; t++) {
            int col = top->col_inv[i * T + t];
            lpi_put(&b->t, top->at[t].row_stock[st->line], col, 1);
            if (t + 1 < T)
                lpi_put(&b->t, top->at[t + 1].row_stock[st->line], col, -1);
        }
        if (st->start != 0)
            glp_set_row_bnds(b->P, top->at[0].row_stock[st->line], GLP_UP, 0, st->start);
    }
}
