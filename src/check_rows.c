/* check_rows.c — what a row of each table means: the products, farms,
 * plants, markets, lines, demands and stores tables, one function a row
 * (check_table.c reads the rows; a row with a `period` cell goes to
 * check_period.c instead). */
#include "check_int.h"

#include <math.h>
#include <string.h>

static const char *cell_label(Ck *c, const Atom *a)
{
    if (!a)
        return NULL;
    if (a->kind == A_STRING || a->kind == A_WORD)
        return arena_strdup(c->arena, a->text);
    diag_error(c->d, a->span, "expected a label, found `%s`", ck_span_text(c, a->span));
    diag_hint(c->d, "write labels in double quotes: \"City Dairy\"");
    return NULL;
}

static bool cell_coord(Ck *c, const Atom *a, double lim, double *v)
{
    if (a->kind != A_NUMBER || a->lo.unit || fabs(a->lo.value) > lim) {
        diag_error(c->d, a->span, "expected degrees within ±%g, found `%s`", lim,
                   ck_span_text(c, a->span));
        diag_hint(c->d, "lat is -90..90 and lon -180..180, as bare numbers");
        return false;
    }
    *v = a->lo.value;
    return true;
}

static void row_at(Ck *c, Row *r, int lat_col, bool *has, double *lat, double *lon)
{
    const Atom *la = r->cell[lat_col], *lo = r->cell[lat_col + 1];
    if (!la && !lo)
        return;
    if (!la || !lo) {
        diag_error(c->d, r->span, "this row has only one of `lat` and `lon`");
        diag_hint(c->d, "give both, or neither");
        return;
    }
    if (cell_coord(c, la, 90, lat) && cell_coord(c, lo, 180, lon))
        *has = true;
}

/* The products and farms tables of a model with components or grades: the
 * base columns (a product's `milk` no longer required), then `grade`, then
 * one column per component; Ck.grade_col and Ck.content_col say where. */
static TableSpec quality_table(Ck *c, const TableSpec *base, ColSpec *cols)
{
    TableSpec ts = *base;
    memcpy(cols, base->cols, sizeof *cols * (size_t)base->ncols);
    int n = base->ncols;
    c->grade_col = c->content_col = -1;
    if (c->m->ncomponents > 0)
        for (int j = 0; j < n; j++)
            if (strcmp(cols[j].name, "milk") == 0)
                cols[j].flags &= ~COLF_REQUIRED;
    if (c->m->ngrades > 0) {
        c->grade_col = n;
        cols[n++] = (ColSpec){"grade", COLF_TEXT};
    }
    if (c->m->ncomponents > 0)
        c->content_col = n;
    for (int k = 0; k < c->m->ncomponents; k++)
        cols[n++] = (ColSpec){c->m->components[k].name, 0};
    ts.cols = cols;
    ts.ncols = n;
    return ts;
}

/* A row's grade and component cells. */
static void row_quality(Ck *c, Row *r, double *content, int *grade)
{
    if (c->grade_col >= 0 && r->cell[c->grade_col]) {
        int gi = ck_grade(c, r->cell[c->grade_col]);
        if (gi >= 0)
            *grade = gi;
    }
    for (int k = 0; c->content_col >= 0 && k < c->m->ncomponents; k++) {
        const Atom *a = r->cell[c->content_col + k];
        double v;
        if (!a)
            continue; /* a product's: none; a farm's: said as missing */
        content[k] = 0;
        if (ck_content(c, a, &r->unit[c->content_col + k], k, &v))
            content[k] = v;
    }
}

static const ColSpec products_cols[] = {
    {"name", COLF_REQUIRED | COLF_TEXT}, {"label", COLF_TEXT}, {"milk", COLF_REQUIRED}, {"price", 0}, {"transport", 0}};
static const TableSpec products_table = {"products", products_cols, 5, {0, 0}, K_PRODUCT + 1, 0};

static void product_row(Ck *c, Row *r)
{
    const char *name = ck_cell_name(c, r->cell[0], "product");
    if (!name)
        return;
    int i = ck_add_entity(c, K_PRODUCT, arena_strdup(c->arena, name), cell_label(c, r->cell[1]),
                       r->cell[0]->span);
    Product *p = &PRODUCTS[i];
    row_quality(c, r, p->content, &p->grade);
    if (r->cell[2]) { /* optional in a model with components: no norm */
        p->milk = 0;
        p->has_milk = true;
        if (ck_atom_qty(c, r->cell[2], &r->unit[2], dim_ratio(), &p->milk) &&
            ck_nonneg(c, r->cell[2]->span, p->milk, "a milk norm") && p->milk == 0) {
            diag_error(c->d, r->cell[2]->span, "a milk norm must be above zero");
            diag_hint(c->d, "the norm is tonnes of raw milk per tonne of product, e.g. `1.02`");
        }
    }
    if (r->cell[3] && ck_atom_qty(c, r->cell[3], &r->unit[3], dim_money_per_mass(), &p->price))
        p->has_price = ck_nonneg(c, r->cell[3]->span, p->price, "a price");
    if (r->cell[4] &&
        ck_atom_qty(c, r->cell[4], &r->unit[4], dim_money_per_mass_distance(), &p->transport))
        p->has_transport = ck_nonneg(c, r->cell[4]->span, p->transport, "a transport rate");
}

static const ColSpec farms_cols[] = {{"name", COLF_REQUIRED | COLF_TEXT}, {"label", COLF_TEXT},
                                     {"supply", COLF_REQUIRED}, {"price", COLF_REQUIRED},
                                     {"lat", 0}, {"lon", 0}, {"period", COLF_TEXT}};
static const TableSpec farms_table = {"farms", farms_cols, 7, {0, 0}, K_FARM + 1, 6};

static void farm_row(Ck *c, Row *r)
{
    const char *name = ck_cell_name(c, r->cell[0], "farm");
    if (!name)
        return;
    int i = ck_add_entity(c, K_FARM, arena_strdup(c->arena, name), cell_label(c, r->cell[1]),
                       r->cell[0]->span);
    Farm *f = &FARMS[i];
    f->supply = (Range){0, 0};
    f->price = 0;
    if (ck_atom_range(c, r->cell[2], &r->unit[2], dim_mass(), &f->supply))
        ck_nonneg_range(c, r->cell[2]->span, f->supply, "supply");
    if (ck_atom_qty(c, r->cell[3], &r->unit[3], dim_money_per_mass(), &f->price))
        ck_nonneg(c, r->cell[3]->span, f->price, "a milk price");
    row_at(c, r, 4, &f->has_at, &f->lat, &f->lon);
    row_quality(c, r, f->content, &f->grade);
}

static const ColSpec plants_cols[] = {{"name", COLF_REQUIRED | COLF_TEXT}, {"label", COLF_TEXT},
                                      {"capacity", COLF_REQUIRED}, {"fixed", 0},
                                      {"optional", COLF_TEXT}, {"lat", 0}, {"lon", 0},
                                      {"period", COLF_TEXT}};
static const TableSpec plants_table = {"plants", plants_cols, 8, {0, 0}, K_PLANT + 1, 7};

static void plant_row(Ck *c, Row *r)
{
    const char *name = ck_cell_name(c, r->cell[0], "plant");
    if (!name)
        return;
    int i = ck_add_entity(c, K_PLANT, arena_strdup(c->arena, name), cell_label(c, r->cell[1]),
                       r->cell[0]->span);
    Plant *p = &PLANTS[i];
    p->capacity = (Range){0, 0};
    if (ck_atom_range(c, r->cell[2], &r->unit[2], dim_mass(), &p->capacity))
        ck_nonneg_range(c, r->cell[2]->span, p->capacity, "capacity");
    if (r->cell[3] && ck_atom_qty(c, r->cell[3], &r->unit[3], dim_money(), &p->fixed))
        ck_nonneg(c, r->cell[3]->span, p->fixed, "a fixed cost");
    const Atom *o = r->cell[4];
    if (o) {
        if (o->kind == A_WORD && (strcmp(o->text, "yes") == 0 || strcmp(o->text, "no") == 0))
            p->optional = o->text[0] == 'y';
        else {
            diag_error(c->d, o->span, "`optional` is `yes` or `no`, found `%s`",
                       ck_span_text(c, o->span));
            diag_hint(c->d, "write `yes` for a plant that may be closed");
        }
    }
    row_at(c, r, 5, &p->has_at, &p->lat, &p->lon);
}

static const ColSpec markets_cols[] = {{"name", COLF_REQUIRED | COLF_TEXT}, {"label", COLF_TEXT}, {"lat", 0}, {"lon", 0}};
static const TableSpec markets_table = {"markets", markets_cols, 4, {0, 0}, K_MARKET + 1, 0};

static void market_row(Ck *c, Row *r)
{
    const char *name = ck_cell_name(c, r->cell[0], "market");
    if (!name)
        return;
    int i = ck_add_entity(c, K_MARKET, arena_strdup(c->arena, name), cell_label(c, r->cell[1]),
                       r->cell[0]->span);
    Market *mk = &MARKETS[i];
    row_at(c, r, 2, &mk->has_at, &mk->lat, &mk->lon);
}

static const ColSpec lines_cols[] = {{"plant", COLF_REQUIRED | COLF_TEXT}, {"product", COLF_REQUIRED | COLF_TEXT},
                                     {"output", COLF_REQUIRED}, {"cost", COLF_REQUIRED},
                                     {"period", COLF_TEXT}};
static const TableSpec lines_table = {"lines", lines_cols, 5, {0, 0}, 0, 4};

static void line_row(Ck *c, Row *r)
{
    const char *pn = ck_cell_name(c, r->cell[0], "plant");
    if (!pn || !ck_cell_name(c, r->cell[1], "product"))
        return;
    int p = ck_resolve(c, pn, r->cell[0]->span, K_PLANT);
    ck_add_line(c, p, r->cell[1], r->cell[2], &r->unit[2], r->cell[3], &r->unit[3], r->span);
}

static const ColSpec demands_cols[] = {{"market", COLF_REQUIRED | COLF_TEXT}, {"product", COLF_REQUIRED | COLF_TEXT},
                                       {"volume", 0}, {"price", 0}, {"period", COLF_TEXT}};
static const TableSpec demands_table = {"demands", demands_cols, 5, {0, 0}, 0, 4};

static const ColSpec stores_cols[] = {{"plant", COLF_REQUIRED | COLF_TEXT},
                                      {"product", COLF_REQUIRED | COLF_TEXT},
                                      {"capacity", COLF_REQUIRED}, {"cost", COLF_REQUIRED},
                                      {"start", 0}};
static const TableSpec stores_table = {"stores", stores_cols, 5, {0, 0}, 0, 0};

static void store_row(Ck *c, Row *r)
{
    const char *pn = ck_cell_name(c, r->cell[0], "plant");
    if (!pn || !ck_cell_name(c, r->cell[1], "product"))
        return;
    int p = ck_resolve(c, pn, r->cell[0]->span, K_PLANT);
    ck_add_store(c, p, &r->cell[1], &r->unit[1], r->span);
}

static void demand_row(Ck *c, Row *r)
{
    const char *mn = ck_cell_name(c, r->cell[0], "market");
    if (!mn || !ck_cell_name(c, r->cell[1], "product"))
        return;
    int m = ck_resolve(c, mn, r->cell[0]->span, K_MARKET);
    ck_add_demand(c, m, r->cell[1], r->cell[2], &r->unit[2], r->cell[3], &r->unit[3], r->span);
}

/* A table of kind k (its index in the passes' table_names): products 0,
 * farms 1, plants 2, lines 3, markets 4, demands 5, stores 8. */
void ck_read_table(Ck *c, const Decl *d, int k)
{
    ColSpec cols[16];
    TableSpec ts;
    switch (k) {
    case 0:
        ts = quality_table(c, &products_table, cols);
        ck_table_rows(c, d, &ts, product_row);
        break;
    case 1:
        ts = quality_table(c, &farms_table, cols);
        ck_table_rows(c, d, &ts, farm_row);
        break;
    case 2: ck_table_rows(c, d, &plants_table, plant_row); break;
    case 3: ck_table_rows(c, d, &lines_table, line_row); break;
    case 4: ck_table_rows(c, d, &markets_table, market_row); break;
    case 5: ck_table_rows(c, d, &demands_table, demand_row); break;
    case 8: ck_table_rows(c, d, &stores_table, store_row); break;
    default: break;
    }
}
