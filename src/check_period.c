/* check_period.c — periods and storage (language.md, "Periods and
 * storage"): the `periods` declaration, the rows of tables that give one
 * period's values, `period NAME { … }` blocks, and `stores` lines and
 * tables.
 *
 * A period is a list of scenario actions (model.h, Period): first a `set`
 * for each value of each table row with that period in its `period` cell,
 * in reading order, then the statements of its blocks in the order
 * written.  Rows are kept (PeriodRow) and turned into actions once every
 * entity, line and demand line is known, so a period row may come before
 * its entity's base row. */
#include "check_int.h"
#include "buf.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { PT_FARMS, PT_PLANTS, PT_LINES, PT_DEMANDS } PeriodTable;

/* A table row with a period, its cells copied out of the CSV scratch. */
typedef struct {
    Row r;
    PeriodTable table;
    int period;
    int grade_col, content_col; /* a farms table's (Ck.grade_col, -1: none) */
} PeriodRow;

/* The periods, from the one `periods A, B, …` declaration. */
void ck_periods_header(Ck *c)
{
    const Decl **dv = c->decls.data;
    for (size_t i = 0; i < c->decls.len; i++) {
        const Decl *d = dv[i];
        if (d->kind != D_DECLARE || strcmp(d->name, "periods") != 0 ||
            !ck_declare_once(c, &c->periods_decl, d))
            continue;
        Named *list;
        int n;
        ck_name_list(c, d, "period", "jan, feb, mar", NULL, &list, &n);
        c->m->periods = arena_alloc(c->arena, sizeof(Period) * (size_t)(n ? n : 1));
        memset(c->m->periods, 0, sizeof(Period) * (size_t)(n ? n : 1));
        for (int k = 0; k < n; k++)
            c->m->periods[k].n = list[k];
        c->m->nperiods = n;
        c->m->periods_span = d->span;
    }
}

/* Periods are a kind of their own: no entity may share a period's name. */
void ck_period_names(Ck *c)
{
    for (int i = 0; i < c->m->nperiods; i++) {
        const Named *p = &c->m->periods[i].n;
        int v = names_get(&c->names, p->name);
        if (v < 0)
            continue;
        EntityKind k = KIND_OF(v);
        diag_error(c->d, p->span, "period `%s` has the name of a %s", p->name, ast_entity_name(k));
        diag_note(c->d, ck_named_at(c, k, INDEX_OF(v))->span, "%s `%s` is declared here",
                  ast_entity_name(k), p->name);
        diag_hint(c->d, "a period and an entity may not share a name; rename one of them");
    }
}

/* The index of period `name`, or -1 after an error with "did you mean". */
static int period_index(Ck *c, const char *name, Span sp)
{
    const Model *m = c->m;
    if (m->nperiods == 0)
        return -1; /* `periods` itself had an error, said there */
    const char **names = xmalloc(sizeof(char *) * (size_t)(m->nperiods + 1));
    int found = -1;
    for (int i = 0; i < m->nperiods; i++) {
        names[i] = m->periods[i].n.name;
        if (strcmp(names[i], name) == 0)
            found = i;
    }
    if (found < 0) {
        diag_error(c->d, sp, "unknown period `%s`", name);
        const char *best = diag_closest(name, names, (size_t)m->nperiods);
        if (best) {
            diag_hint(c->d, "did you mean `%s`?", best);
        } else {
            Buf b = {0};
            for (int i = 0; i < m->nperiods; i++)
                buf_printf(&b, "%s`%s`", i == 0 ? "" : i + 1 == m->nperiods ? " and " : ", ",
                           names[i]);
            diag_hint(c->d, "the periods are %s (`periods`, line %u)", buf_str(&b),
                      ck_line_of(c, m->periods_span));
            buf_free(&b);
        }
    }
    free(names);
    return found;
}

/* A copy of atom a in the arena (a CSV cell lives until the next record). */
static const Atom *keep_atom(Ck *c, const Atom *a)
{
    Atom *k = arena_alloc(c->arena, sizeof *k);
    *k = *a;
    k->next = NULL;
    if (a->text) {
        k->text = arena_strdup(c->arena, a->text);
        if (a->lo.text == a->text)
            k->lo.text = k->text;
    }
    return k;
}

/* Cells a period row cannot change: what an entity is, not its numbers. */
static bool fixed_cell(Ck *c, const TableSpec *ts, const Row *r)
{
    static const char *const fixed[] = {"label", "optional", "lat", "lon", NULL};
    bool ok = true;
    for (int j = 0; j < ts->period; j++) /* not the columns of components */
        for (int k = 0; fixed[k] && r->cell[j]; k++)
            if (strcmp(ts->cols[j].name, fixed[k]) == 0) {
                diag_error(c->d, r->cell[j]->span, "a `period` row cannot change `%s`",
                           fixed[k]);
                diag_hint(c->d, "`%s` is the same in every period: give it in the row without "
                                "a period, and leave this cell empty", fixed[k]);
                ok = false;
            }
    return ok;
}

static PeriodTable table_of(const TableSpec *ts)
{
    switch (ts->table[0]) {
    case 'f': return PT_FARMS;
    case 'p': return PT_PLANTS;
    case 'l': return PT_LINES;
    default: return PT_DEMANDS;
    }
}

/* A row with a `period` cell: checked for what it names, kept for later. */
void ck_period_row(Ck *c, const TableSpec *ts, const Row *r)
{
    const Atom *pa = r->cell[ts->period];
    if (pa->kind != A_WORD) {
        diag_error(c->d, pa->span, "expected a period name, found `%s`", ck_span_text(c, pa->span));
        diag_hint(c->d, "a `period` cell names one of `periods`, or is empty for the base row");
        return;
    }
    int p = period_index(c, pa->text, pa->span);
    if (p < 0 || !fixed_cell(c, ts, r))
        return;
    if (c->period_rows.size == 0) /* zero in a fresh Ck: a PeriodRow is ours */
        vec_init(&c->period_rows, sizeof(PeriodRow));
    PeriodRow *pr = vec_push(&c->period_rows);
    pr->r = *r;
    pr->table = table_of(ts);
    pr->period = p;
    pr->grade_col = pr->table == PT_FARMS ? c->grade_col : -1;
    pr->content_col = pr->table == PT_FARMS ? c->content_col : -1;
    for (int j = 0; j < ts->ncols; j++)
        if (r->cell[j])
            pr->r.cell[j] = keep_atom(c, r->cell[j]);
}

/* ------------------------------------------------------------ rows to actions */

static void push_set(Vec *acts, const ScenarioAction *base, ScenarioProp prop, const Atom *cell,
                     Range v, bool is_range)
{
    ScenarioAction *a = vec_push(acts);
    *a = *base;
    a->op = SC_SET;
    a->prop = prop;
    a->value = v;
    a->is_range = is_range;
    a->span = cell->span;
}

/* Cell j of a row as a range of mass (a supply, capacity, output, volume). */
static void set_range(Ck *c, Vec *acts, const ScenarioAction *base, const Row *r, int j,
                      ScenarioProp prop, const char *what)
{
    Range v;
    const Atom *a = r->cell[j];
    if (a && ck_atom_range(c, a, &r->unit[j], dim_mass(), &v) &&
        ck_nonneg_range(c, a->span, v, what))
        push_set(acts, base, prop, a, v, true);
}

/* Cell j of a row as one amount of dimension want. */
static void set_qty(Ck *c, Vec *acts, const ScenarioAction *base, const Row *r, int j,
                    ScenarioProp prop, Dim want, const char *what)
{
    double v;
    const Atom *a = r->cell[j];
    if (a && ck_atom_qty(c, a, &r->unit[j], want, &v) && ck_nonneg(c, a->span, v, what))
        push_set(acts, base, prop, a, (Range){v, v}, false);
}

/* The base entity of kind k a period row names, or -1 after an error. */
static int row_entity(Ck *c, const Atom *a, EntityKind k)
{
    int v = names_get(&c->names, a->text);
    if (v >= 0 && KIND_OF(v) == k)
        return INDEX_OF(v);
    if (ck_was_dropped(c, a->text, &k, 1))
        return -1;
    diag_error(c->d, a->span, "a `period` row for unknown %s `%s`", ast_entity_name(k), a->text);
    ck_suggest(c, a->text, k);
    return -1;
}

/* A second row for the same entity and period: an error at the second. */
static bool row_once(Ck *c, const PeriodRow *pr, int key, const char *what)
{
    int at = (int)(pr - (const PeriodRow *)c->period_rows.data);
    int prev = pairs_put(&c->period_pairs, (uint32_t)key, (uint32_t)pr->period, at);
    if (prev < 0)
        return true;
    const PeriodRow *first = &((const PeriodRow *)c->period_rows.data)[prev];
    diag_error(c->d, pr->r.span, "a second row for %s in period `%s`", what,
               c->m->periods[pr->period].n.name);
    diag_note(c->d, first->r.span, "the first is here");
    diag_hint(c->d, "give a period's values for it in one row");
    return false;
}

static void farm_period(Ck *c, const PeriodRow *pr, Vec *acts)
{
    const Row *r = &pr->r;
    ScenarioAction base = {.kind = K_FARM, .product = -1};
    base.entity = row_entity(c, r->cell[0], K_FARM);
    if (base.entity < 0 ||
        !row_once(c, pr, base.entity * 4 + PT_FARMS,
                  arena_printf(c->arena, "farm `%s`", r->cell[0]->text)))
        return;
    set_range(c, acts, &base, r, 2, SP_SUPPLY, "supply");
    set_qty(c, acts, &base, r, 3, SP_PRICE, dim_money_per_mass(), "a milk price");
    int gi;
    if (pr->grade_col >= 0 && r->cell[pr->grade_col] &&
        (gi = ck_grade(c, r->cell[pr->grade_col])) >= 0)
        push_set(acts, &base, SP_GRADE, r->cell[pr->grade_col], (Range){gi, gi}, false);
    for (int k = 0; pr->content_col >= 0 && k < c->m->ncomponents; k++) {
        const Atom *a = r->cell[pr->content_col + k];
        double v;
        base.component = k;
        if (a && ck_content(c, a, &r->unit[pr->content_col + k], k, &v))
            push_set(acts, &base, SP_CONTENT, a, (Range){v, v}, false);
    }
}

static void plant_period(Ck *c, const PeriodRow *pr, Vec *acts)
{
    const Row *r = &pr->r;
    ScenarioAction base = {.kind = K_PLANT, .product = -1};
    base.entity = row_entity(c, r->cell[0], K_PLANT);
    if (base.entity < 0 ||
        !row_once(c, pr, base.entity * 4 + PT_PLANTS,
                  arena_printf(c->arena, "plant `%s`", r->cell[0]->text)))
        return;
    set_range(c, acts, &base, r, 2, SP_CAPACITY, "capacity");
    set_qty(c, acts, &base, r, 3, SP_FIXED, dim_money(), "a fixed cost");
}

/* The line (plant, product) or demand line (market, product) a row names:
 * its index, or -1 after an error. */
static int row_pair(Ck *c, const PeriodRow *pr, int owner, int product)
{
    const Atom *oa = pr->r.cell[0], *pa = pr->r.cell[1];
    bool line = pr->table == PT_LINES;
    if (line) {
        const ProdLine *ln = c->lines.data;
        for (size_t i = 0; i < c->lines.len; i++)
            if (ln[i].plant == owner && ln[i].product == product)
                return (int)i;
    } else {
        const Demand *dm = c->demands.data;
        for (size_t i = 0; i < c->demands.len; i++)
            if (dm[i].market == owner && dm[i].product == product)
                return (int)i;
    }
    diag_error(c->d, pa->span, "a `period` row for %s `%s`, which has no %s of `%s`",
               line ? "plant" : "market", oa->text, line ? "line" : "demand line", pa->text);
    diag_hint(c->d, "a period changes what the model has: give the %s a row without a period "
                    "(or a `%s` line) first", line ? "plant" : "market",
              line ? "makes" : "demand");
    return -1;
}

/* A lines or demands row: `plant product output cost` or `market product
 * volume price`, as `set plant P output|cost K` or `set market M
 * demand|price K`. */
static void pair_period(Ck *c, const PeriodRow *pr, Vec *acts)
{
    const Row *r = &pr->r;
    bool line = pr->table == PT_LINES;
    EntityKind k = line ? K_PLANT : K_MARKET;
    ScenarioAction base = {.kind = k};
    base.entity = row_entity(c, r->cell[0], k);
    base.product = ck_resolve(c, r->cell[1]->text, r->cell[1]->span, K_PRODUCT);
    if (base.entity < 0 || base.product < 0)
        return;
    int at = row_pair(c, pr, base.entity, base.product);
    if (at < 0 ||
        !row_once(c, pr, at * 4 + (int)pr->table,
                  arena_printf(c->arena, "%s `%s` and product `%s`", ast_entity_name(k),
                               r->cell[0]->text, r->cell[1]->text)))
        return;
    if (!line && r->cell[2] && MARKETS[base.entity].from_customers) {
        diag_error(c->d, r->cell[2]->span, "market `%s` takes demand from customers: its "
                                           "volumes come from them", r->cell[0]->text);
        diag_hint(c->d, "leave the `volume` cell empty; a `period` block's `scale market %s "
                        "demand %s 120%%` scales the customers' volumes", r->cell[0]->text,
                  r->cell[1]->text);
        return;
    }
    set_range(c, acts, &base, r, 2, line ? SP_OUTPUT : SP_DEMAND, line ? "line output" : "demand");
    set_qty(c, acts, &base, r, 3, line ? SP_COST : SP_PRICE, dim_money_per_mass(),
            line ? "a processing cost" : "a price");
}

/* ----------------------------------------------------------------- blocks */

/* `period NAME { … }`: scenario statements, but no `open plant`. */
static void period_block(Ck *c, const Decl *d, Vec *acts)
{
    if (!c->periods_decl) {
        diag_error(c->d, d->kw_span, "a `period` block, but the model declares no `periods`");
        diag_hint(c->d, "declare the periods in order first: `periods jan, feb, mar, ...`");
        return;
    }
    int p = period_index(c, d->name, d->name_span);
    if (p < 0)
        return;
    c->block_acts = &acts[p]; /* the period's rows and blocks so far */
    for (const Line *l = d->block->lines; l; l = l->next) {
        ScenarioAction a;
        if (ck_is_word(l->atoms, "open")) {
            diag_error(c->d, l->span, "a period cannot open a plant");
            diag_hint(c->d, "an optional plant is opened or not once, for the whole horizon; "
                            "a scenario's `open plant` forces it open");
            continue;
        }
        if (ck_scenario_line(c, l, &a))
            *(ScenarioAction *)vec_push(&acts[p]) = a;
    }
    c->block_acts = NULL;
}

/* ----------------------------------------------------------------- stores */

/* `stores P CAP cost C [start S]` of plant `plant`, or a `stores` row:
 * cell[0] the product, cell[1] the capacity, cell[2] the cost, cell[3] the
 * start (NULL: 0), each with its column unit cu[] (NULL: none). */
void ck_add_store(Ck *c, int plant, const Atom *const *cell, const ColUnit *cu, Span sp)
{
    if (!c->periods_decl) {
        if (!c->stores_said) {
            diag_error(c->d, sp, "`stores`, but the model declares no `periods`");
            diag_hint(c->d, "stock is carried from one period to the next, and a model "
                            "without `periods` has one; declare them: `periods jan, feb, ...`");
        }
        c->stores_said = true;
        return;
    }
    Store s = {.plant = plant, .line = -1, .span = sp};
    s.product = ck_resolve(c, cell[0]->text, cell[0]->span, K_PRODUCT);
    const Atom *ca = cell[1], *sa = cell[3];
    bool ok = ck_atom_qty(c, ca, cu ? &cu[1] : NULL, dim_mass(), &s.capacity) &&
              ck_nonneg(c, ca->span, s.capacity, "a storage capacity");
    ok = ck_atom_qty(c, cell[2], cu ? &cu[2] : NULL, dim_money_per_mass(), &s.cost) &&
         ck_nonneg(c, cell[2]->span, s.cost, "a holding cost") && ok;
    if (sa)
        ok = ck_atom_qty(c, sa, cu ? &cu[3] : NULL, dim_mass(), &s.start) &&
             ck_nonneg(c, sa->span, s.start, "an opening stock") && ok;
    if (ok && s.start > s.capacity) {
        diag_error(c->d, sa->span, "an opening stock of %s is more than the storage capacity %s",
                   ck_span_text(c, sa->span), ck_span_text(c, ca->span));
        diag_hint(c->d, "the stock is at most the capacity in every period; lower `start` or "
                        "raise the capacity");
        ok = false;
    }
    if (plant < 0 || s.product < 0 || !ok)
        return;
    int prev = pairs_put(&c->store_pairs, (uint32_t)plant, (uint32_t)s.product, (int)c->stores.len);
    if (prev >= 0) {
        diag_error(c->d, cell[0]->span, "plant `%s` stores `%s` twice", PLANTS[plant].n.name,
                   cell[0]->text);
        diag_note(c->d, ((Store *)c->stores.data)[prev].span, "the first is here");
        diag_hint(c->d, "a plant has one `stores` line per product; merge them");
        return;
    }
    *(Store *)vec_push(&c->stores) = s;
    *(Span *)vec_push(&c->store_spans) = cell[0]->span;
}

/* Each store's line: a plant stores only a product it makes. */
static void store_lines(Ck *c)
{
    Store *st = c->stores.data;
    const ProdLine *ln = c->lines.data;
    for (size_t i = 0; i < c->stores.len; i++) {
        for (size_t j = 0; j < c->lines.len && st[i].line < 0; j++)
            if (ln[j].plant == st[i].plant && ln[j].product == st[i].product)
                st[i].line = (int)j;
        if (st[i].line >= 0 || PLANTS[st[i].plant].n.bad)
            continue;
        const Plant *p = &PLANTS[st[i].plant];
        diag_error(c->d, ((Span *)c->store_spans.data)[i], "plant `%s` does not make `%s`: it "
                   "can store only what it makes", p->n.name, PRODUCTS[st[i].product].n.name);
        Buf b = {0};
        int n = 0;
        for (size_t j = 0; j < c->lines.len; j++)
            if (ln[j].plant == st[i].plant)
                buf_printf(&b, "%s`%s`", n++ ? ", " : "", PRODUCTS[ln[j].product].n.name);
        diag_hint(c->d, "its lines make %s; add `makes %s ...` or store one of those",
                  buf_str(&b), PRODUCTS[st[i].product].n.name);
        buf_free(&b);
    }
}

/* ----------------------------------------------------------------- finish */

/* Once everything else is read: each period's actions (its rows, then its
 * blocks), the stores' lines, and both into the model. */
void ck_periods_finish(Ck *c)
{
    Model *m = c->m;
    Vec *acts = xmalloc(sizeof(Vec) * (size_t)(m->nperiods + 1));
    for (int p = 0; p < m->nperiods; p++)
        vec_init(&acts[p], sizeof(ScenarioAction));
    const PeriodRow *pr = c->period_rows.data;
    for (size_t i = 0; i < c->period_rows.len && !diag_full(c->d); i++) {
        switch (pr[i].table) {
        case PT_FARMS: farm_period(c, &pr[i], &acts[pr[i].period]); break;
        case PT_PLANTS: plant_period(c, &pr[i], &acts[pr[i].period]); break;
        default: pair_period(c, &pr[i], &acts[pr[i].period]); break;
        }
    }
    const Decl **dv = c->decls.data;
    for (size_t i = 0; i < c->decls.len && !diag_full(c->d); i++)
        if (dv[i]->kind == D_PERIOD)
            period_block(c, dv[i], acts);
    for (int p = 0; p < m->nperiods; p++) {
        Period *pd = &m->periods[p];
        pd->nactions = (int)acts[p].len;
        pd->actions = arena_alloc(c->arena, sizeof(ScenarioAction) * (acts[p].len + 1));
        if (acts[p].len)
            memcpy(pd->actions, acts[p].data, sizeof(ScenarioAction) * acts[p].len);
        vec_free(&acts[p]);
    }
    free(acts);
    store_lines(c);
    m->nstores = (int)c->stores.len;
    m->stores = arena_alloc(c->arena, sizeof(Store) * (c->stores.len + 1));
    if (c->stores.len)
        memcpy(m->stores, c->stores.data, sizeof(Store) * c->stores.len);
}
