/* diff_rules.c — the customer side and the cases: strategies, customers
 * (columns, and rows by id), lets, segments (and their order, which is
 * the order rules are tried in), scenarios and periods (their statements
 * compared in order: a statement applies to what the ones before left). */
#include "diff_int.h"

#include "text.h"
#include "xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Customers that are listed one by one, of each of added, removed and
 * changed; the rest are counted in one line. */
#define DIFF_MAX_CUSTOMERS 20

static const char *done(DiffList *d, Buf *b)
{
    const char *s = arena_strdup(&d->arena, buf_str(b));
    buf_free(b);
    return s;
}

/* ------------------------------------------------------------ strategies */

static DfNum pct_range(Range r)
{
    return (DfNum){true, true, r.lo, r.hi, ""};
}

static const char *offers(DiffList *d, const Model *m, const Strategy *s)
{
    if (!s->offers)
        return "every product";
    Buf b = {0};
    for (int i = 0; i < s->noffers; i++)
        buf_printf(&b, "%s%s", i ? ", " : "", m->products[s->offers[i]].n.name);
    return done(d, &b);
}

static const char *strategy_desc(DiffList *d, const Model *m, const Strategy *s)
{
    Buf b = {0};
    if (s->n.label) {
        df_put_label(&b, s->n.label);
        buf_puts(&b, ", ");
    }
    buf_puts(&b, "volume ");
    df_put_num(&b, pct_range(s->volume), 10);
    buf_puts(&b, ", price ");
    df_put_num(&b, df_pct(s->price), 10);
    buf_puts(&b, ", service ");
    df_put_num(&b, df_q(s->service, df_money(d, m, "/t")), 10);
    buf_printf(&b, ", offers %s", offers(d, m, s));
    return done(d, &b);
}

static void strategies(DiffList *d, const Model *a, const Model *b)
{
    DfMatch mt;
    df_match_named(&mt, a->strategies, a->nstrategies, b->strategies, b->nstrategies,
                   sizeof(Strategy));
    for (int j = 0; j < b->nstrategies; j++) {
        const Strategy *q = &b->strategies[j];
        int i = mt.a_of_b[j];
        if (i < 0) {
            df_added(d, "strategy", q->n.name, strategy_desc(d, b, q));
            continue;
        }
        const Strategy *p = &a->strategies[i];
        const char *n = q->n.name;
        df_str(d, "strategy", n, "label", p->n.label, q->n.label, true);
        df_num(d, "strategy", n, "volume", pct_range(p->volume), pct_range(q->volume));
        df_num(d, "strategy", n, "price", df_pct(p->price), df_pct(q->price));
        df_num(d, "strategy", n, "service", df_q(p->service, df_money(d, a, "/t")),
               df_q(q->service, df_money(d, b, "/t")));
        df_str(d, "strategy", n, "offers", offers(d, a, p), offers(d, b, q), false);
    }
    for (int i = 0; i < a->nstrategies; i++)
        if (mt.b_of_a[i] < 0)
            df_removed(d, "strategy", a->strategies[i].n.name,
                       strategy_desc(d, a, &a->strategies[i]));
    df_match_free(&mt);
}

/* ------------------------------------------------------------ customers */

/* What a column holds: "text", "market", "id", "number", "number (days)",
 * "butter volume (t)". */
static const char *column_type(DiffList *d, const Model *m, const Column *c)
{
    switch (c->kind) {
    case COL_ID: return "id";
    case COL_MARKET: return "market";
    case COL_TEXT: return "text";
    case COL_VOLUME:
        return arena_printf(&d->arena, "%s volume", m->products[c->product].n.name);
    default:
        if (dim_is_ratio(c->dim))
            return "number";
        char u[64];
        dim_base_unit(c->dim, m->currency, u, sizeof u);
        return arena_printf(&d->arena, "number (%s)", u);
    }
}

/* One cell as the CSV writes it: a number in the column's unit, a text,
 * a market's name; "-" when missing. */
static void put_cell(Buf *b, const Model *m, const Column *c, size_t row)
{
    const Customers *cs = &m->customers;
    if (c->kind == COL_ID) {
        text_put_escaped(b, cs->id_text + cs->id_at[row], true);
    } else if (c->num) {
        double v = c->num[row];
        if (isnan(v)) {
            buf_putc(b, '-');
            return;
        }
        Unit u = c->file_unit;
        bool unit = c->unit && *c->unit;
        DfNum n = df_q(u.num ? v * u.den / u.num : v, NULL);
        if (unit && u.percent)
            n = df_pct(v);
        char base[64] = "";
        if (!unit && !dim_is_ratio(c->dim)) { /* units in the cells: base units */
            n = df_q(v, NULL);
            dim_base_unit(c->dim, m->currency, base, sizeof base);
        }
        df_put_num(b, n, 10);
        if (unit && !u.percent)
            buf_printf(b, " %s", c->unit);
        else if (base[0])
            buf_printf(b, " %s", base);
    } else if (c->text[row] < 0) {
        buf_putc(b, '-');
    } else if (c->kind == COL_MARKET) {
        buf_puts(b, m->markets[c->text[row]].n.name);
    } else {
        df_put_label(b, cs->strings[c->text[row]]);
    }
}

static bool same_cell(const Model *a, const Column *ca, size_t ra, const Model *b,
                      const Column *cb, size_t rb)
{
    if (ca->num && cb->num)
        return df_same(ca->num[ra], cb->num[rb]);
    if (ca->num || cb->num || ca->kind != cb->kind)
        return false;
    if (ca->kind == COL_ID)
        return true; /* matched by it */
    int ta = ca->text[ra], tb = cb->text[rb];
    if (ta < 0 || tb < 0)
        return ta == tb;
    if (ca->kind == COL_MARKET)
        return strcmp(a->markets[ta].n.name, b->markets[tb].n.name) == 0;
    return strcmp(a->customers.strings[ta], b->customers.strings[tb]) == 0;
}

/* "market minsk, recency 12 days, channel "retail"" */
static const char *customer_desc(DiffList *d, const Model *m, size_t row)
{
    Buf b = {0};
    for (int k = 0; k < m->customers.ncols; k++) {
        const Column *c = &m->customers.cols[k];
        if (c->kind == COL_ID)
            continue;
        if (b.len)
            buf_puts(&b, ", ");
        buf_printf(&b, "%s ", c->name);
        put_cell(&b, m, c, row);
    }
    return done(d, &b);
}

/* A customer's id as text on one line: control characters escaped (an id
 * is a CSV cell, which may hold a line break). */
static const char *id_text(DiffList *d, const char *id)
{
    Buf b = {0};
    text_put_escaped(&b, id, true);
    return done(d, &b);
}

/* A customer's key: its id, else its row number ("#12"). */
static const char **customer_keys(Arena *ar, const Model *m)
{
    const Customers *c = &m->customers;
    const char **k = xmalloc((c->n ? c->n : 1) * sizeof *k);
    for (size_t i = 0; i < c->n; i++)
        k[i] = c->id_col >= 0 ? c->id_text + c->id_at[i] : arena_printf(ar, "#%zu", i + 1);
    return k;
}

static void more(DiffList *d, DiffOp op, size_t n, const char *what)
{
    if (n <= DIFF_MAX_CUSTOMERS)
        return;
    DiffItem *it = df_item(d, op, "customers", NULL, NULL);
    Buf b = {0};
    df_put_num(&b, df_q((double)(n - DIFF_MAX_CUSTOMERS), NULL), 17);
    buf_printf(&b, " more %s %s", n - DIFF_MAX_CUSTOMERS == 1 ? "customer" : "customers", what);
    it->note = done(d, &b);
}

static void customer_rows(DiffList *d, const Model *a, const Model *b, const int *col_a)
{
    const Customers *ca = &a->customers, *cb = &b->customers;
    if (ca->n > (size_t)INT32_MAX || cb->n > (size_t)INT32_MAX)
        return;
    Arena ar;
    arena_init(&ar);
    const char **ka = customer_keys(&ar, a), **kb = customer_keys(&ar, b);
    DfMatch mt;
    df_match(&mt, ka, (int)ca->n, kb, (int)cb->n);
    size_t nadd = 0, nchg = 0, ndel = 0;
    for (size_t j = 0; j < cb->n; j++) {
        int i = mt.a_of_b[j];
        if (i < 0) {
            if (nadd++ < DIFF_MAX_CUSTOMERS)
                df_added(d, "customer", id_text(d, kb[j]), customer_desc(d, b, j));
            continue;
        }
        bool changed = false;
        for (int k = 0; k < cb->ncols; k++) {
            const Column *cl = &cb->cols[k];
            if (col_a[k] < 0 || cl->kind == COL_ID)
                continue;
            const Column *pl = &ca->cols[col_a[k]];
            if (same_cell(a, pl, (size_t)i, b, cl, j))
                continue;
            if (!changed && nchg++ >= DIFF_MAX_CUSTOMERS)
                break;
            changed = true;
            Buf x = {0}, y = {0};
            put_cell(&x, a, pl, (size_t)i);
            put_cell(&y, b, cl, j);
            df_str(d, "customer", id_text(d, kb[j]), cl->name, buf_str(&x), buf_str(&y), false);
            buf_free(&x);
            buf_free(&y);
        }
    }
    for (size_t i = 0; i < ca->n; i++)
        if (mt.b_of_a[i] < 0 && ndel++ < DIFF_MAX_CUSTOMERS)
            df_removed(d, "customer", id_text(d, ka[i]), customer_desc(d, a, i));
    more(d, DIFF_ADDED, nadd, "added");
    more(d, DIFF_REMOVED, ndel, "removed");
    more(d, DIFF_CHANGED, nchg, "changed");
    df_match_free(&mt);
    free(ka);
    free(kb);
    arena_free(&ar);
}

static void customers(DiffList *d, const Model *a, const Model *b)
{
    const Customers *ca = &a->customers, *cb = &b->customers;
    if (!ca->present && !cb->present)
        return;
    if (ca->present != cb->present) {
        char n[64];
        snprintf(n, sizeof n, "%zu %s", ca->present ? ca->n : cb->n,
                 (ca->present ? ca->n : cb->n) == 1 ? "customer" : "customers");
        if (cb->present)
            df_added(d, "customers", NULL, n);
        else
            df_removed(d, "customers", NULL, n);
        return;
    }
    /* columns by name; a cell is compared when its column is in both
     * with the same type */
    const char **na = xmalloc((size_t)(ca->ncols + 1) * sizeof *na);
    const char **nb = xmalloc((size_t)(cb->ncols + 1) * sizeof *nb);
    for (int k = 0; k < ca->ncols; k++)
        na[k] = ca->cols[k].name;
    for (int k = 0; k < cb->ncols; k++)
        nb[k] = cb->cols[k].name;
    DfMatch mt;
    df_match(&mt, na, ca->ncols, nb, cb->ncols);
    int *col_a = xmalloc((size_t)(cb->ncols + 1) * sizeof *col_a);
    for (int k = 0; k < cb->ncols; k++) {
        const Column *c = &cb->cols[k];
        int i = mt.a_of_b[k];
        col_a[k] = -1;
        if (i < 0) {
            df_added(d, "column", c->name, column_type(d, b, c));
            continue;
        }
        const char *ta = column_type(d, a, &ca->cols[i]), *tb = column_type(d, b, c);
        if (df_str(d, "column", c->name, "type", ta, tb, false))
            continue;
        col_a[k] = i;
    }
    for (int i = 0; i < ca->ncols; i++)
        if (mt.b_of_a[i] < 0)
            df_removed(d, "column", ca->cols[i].name, column_type(d, a, &ca->cols[i]));
    customer_rows(d, a, b, col_a);
    free(col_a);
    df_match_free(&mt);
    free(na);
    free(nb);
}

/* ------------------------------------------------------------ rules */

/* Two resolved expressions mean the same: the same operations on the same
 * names and the same values in base units (parentheses, digits and units
 * as written aside). */
static bool same_expr(const RExpr *a, const RExpr *b)
{
    if (!a || !b)
        return a == b;
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case RX_NUM: return df_same(a->value, b->value) && dim_eq(a->dim, b->dim);
    case RX_TEXT: case RX_COLUMN: case RX_LET: return strcmp(a->text, b->text) == 0;
    case RX_BOOL: return a->truth == b->truth;
    case RX_CALL:
        return strcmp(a->text, b->text) == 0 && same_expr(a->a, b->a) && same_expr(a->b, b->b);
    case RX_IN:
        if (a->nitems != b->nitems || !same_expr(a->a, b->a))
            return false;
        for (int i = 0; i < a->nitems; i++)
            if (!same_expr(a->items[i], b->items[i]))
                return false;
        return true;
    default:
        return same_expr(a->a, b->a) && same_expr(a->b, b->b);
    }
}

static const char *expr_text(DiffList *d, const RExpr *e)
{
    if (!e)
        return NULL;
    Buf b = {0};
    rexpr_put(&b, e, REXPR_INNER);
    return done(d, &b);
}

static void expr_prop(DiffList *d, const char *kind, const char *name, const char *what,
                      const RExpr *a, const RExpr *b)
{
    if (same_expr(a, b))
        return;
    DiffItem *it = df_item(d, DIFF_CHANGED, kind, name, what);
    it->before.text = expr_text(d, a);
    it->after.text = expr_text(d, b);
}

static void lets(DiffList *d, const Model *a, const Model *b)
{
    DfMatch mt;
    df_match_named(&mt, a->lets, a->nlets, b->lets, b->nlets, sizeof(Let));
    for (int j = 0; j < b->nlets; j++) {
        int i = mt.a_of_b[j];
        if (i < 0)
            df_added(d, "let", b->lets[j].n.name, expr_text(d, b->lets[j].expr));
        else
            expr_prop(d, "let", b->lets[j].n.name, NULL, a->lets[i].expr, b->lets[j].expr);
    }
    for (int i = 0; i < a->nlets; i++)
        if (mt.b_of_a[i] < 0)
            df_removed(d, "let", a->lets[i].n.name, expr_text(d, a->lets[i].expr));
    df_match_free(&mt);
}

static const char *strategy_name(const Model *m, int s)
{
    return s >= 0 && s < m->nstrategies ? m->strategies[s].n.name : NULL;
}

static const char *segment_desc(DiffList *d, const Model *m, const Segment *s)
{
    Buf b = {0};
    if (s->n.label) {
        df_put_label(&b, s->n.label);
        buf_putc(&b, ' ');
    }
    if (s->when) {
        buf_puts(&b, "when ");
        rexpr_put(&b, s->when, REXPR_INNER);
        buf_putc(&b, ' ');
    }
    buf_printf(&b, "strategy %s", strategy_name(m, s->strategy));
    return done(d, &b);
}

/* The names of the n things of one model (structs of `size` bytes that
 * start with a Named) that the other model has too (other[i] >= 0), in
 * this model's order: when the two lists differ, segment rules are tried
 * or periods follow one another in another order. */
static const char *common_order(DiffList *d, const void *first, int n, size_t size,
                                const int *other)
{
    Buf b = {0};
    for (int i = 0; i < n; i++)
        if (other[i] >= 0)
            buf_printf(&b, "%s%s", b.len ? ", " : "",
                       ((const Named *)((const char *)first + size * (size_t)i))->name);
    return done(d, &b);
}

static void segments(DiffList *d, const Model *a, const Model *b)
{
    DfMatch mt;
    df_match_named(&mt, a->segments, a->nsegments, b->segments, b->nsegments, sizeof(Segment));
    df_str(d, "segments", NULL, "order",
           common_order(d, a->segments, a->nsegments, sizeof(Segment), mt.b_of_a),
           common_order(d, b->segments, b->nsegments, sizeof(Segment), mt.a_of_b), false);
    for (int j = 0; j < b->nsegments; j++) {
        const Segment *q = &b->segments[j];
        int i = mt.a_of_b[j];
        if (i < 0) {
            df_added(d, "segment", q->n.name, segment_desc(d, b, q));
            continue;
        }
        const Segment *p = &a->segments[i];
        df_str(d, "segment", q->n.name, "label", p->n.label, q->n.label, true);
        expr_prop(d, "segment", q->n.name, "when", p->when, q->when);
        df_str(d, "segment", q->n.name, "strategy", strategy_name(a, p->strategy),
               strategy_name(b, q->strategy), false);
    }
    for (int i = 0; i < a->nsegments; i++)
        if (mt.b_of_a[i] < 0)
            df_removed(d, "segment", a->segments[i].n.name, segment_desc(d, a, &a->segments[i]));
    df_match_free(&mt);
}

/* ------------------------------------------------------------ scenarios */

static const char *kind_word(EntityKind k)
{
    switch (k) {
    case K_PRODUCT: return "product";
    case K_FARM: return "farm";
    case K_PLANT: return "plant";
    case K_MARKET: return "market";
    case K_STRATEGY: return "strategy";
    case K_SEGMENT: return "segment";
    default: return "transport";
    }
}

static const char *entity_name(const Model *m, EntityKind k, int i)
{
    if (i < 0)
        return "*";
    switch (k) {
    case K_PRODUCT: return m->products[i].n.name;
    case K_FARM: return m->farms[i].n.name;
    case K_PLANT: return m->plants[i].n.name;
    case K_MARKET: return m->markets[i].n.name;
    case K_STRATEGY: return m->strategies[i].n.name;
    case K_SEGMENT: return m->segments[i].n.name;
    default: return "?";
    }
}

void df_put_action(Buf *b, const Model *m, const ScenarioAction *act, int digits)
{
    static const char *const words[] = {
        [SP_SUPPLY] = "supply", [SP_PRICE] = "price", [SP_CAPACITY] = "capacity",
        [SP_FIXED] = "fixed", [SP_OUTPUT] = "output", [SP_COST] = "cost",
        [SP_DEMAND] = "demand", [SP_MILK] = "milk", [SP_TRANSPORT] = "transport",
        [SP_NONE] = "", [SP_CONTENT] = "", [SP_GRADE] = "grade",
        [SP_VOLUME] = "volume", [SP_SERVICE] = "service", [SP_OFFERS] = "offers",
        [SP_STRATEGY] = "strategy",
    };
    static const char *const ops[] = {"scale", "set", "close", "open"};
    /* a statement this file does not know yet prints as "?", never past
     * the tables (the lists of model.h may grow) */
    const char *op = (unsigned)act->op < sizeof ops / sizeof ops[0] ? ops[act->op] : "?";
    const char *word = (unsigned)act->prop < sizeof words / sizeof words[0] && words[act->prop]
                       ? words[act->prop] : "?";
    buf_printf(b, "%s %s", op, kind_word(act->kind));
    if (act->kind == K_COUNT) { /* transport: milk, product or a product's own rate */
        buf_printf(b, " %s", act->product >= 0 ? m->products[act->product].n.name
                             : act->prop == SP_MILK ? "milk" : "product");
    } else {
        buf_printf(b, " %s", entity_name(m, act->kind, act->entity));
        if (act->op == SC_CLOSE || act->op == SC_OPEN)
            return;
        if (act->prop == SP_CONTENT)
            buf_printf(b, " %s", m->components[act->component].name);
        else
            buf_printf(b, " %s", word);
        if (act->product >= 0)
            buf_printf(b, " %s", m->products[act->product].n.name);
    }
    buf_putc(b, ' ');
    if (act->op == SC_SCALE) {
        df_put_num(b, df_pct(act->ratio), digits);
        return;
    }
    if (act->prop == SP_GRADE) {
        int g = (int)act->value.lo;
        buf_puts(b, g >= 0 && g < m->ngrades ? m->grades[g].name : "?");
        return;
    }
    if (act->prop == SP_STRATEGY) {
        const char *name = strategy_name(m, (int)act->value.lo);
        buf_puts(b, name ? name : "?");
        return;
    }
    if (act->prop == SP_OFFERS) {
        for (int i = 0; i < act->noffers; i++)
            buf_printf(b, "%s%s", i ? ", " : "", m->products[act->offers[i]].n.name);
        return;
    }
    if (act->prop == SP_VOLUME) {
        df_put_num(b, pct_range(act->value), digits);
        return;
    }
    if (act->kind == K_STRATEGY && act->prop == SP_PRICE) {
        df_put_num(b, df_pct(act->value.hi), digits);
        return;
    }
    const char *unit = "";
    char u[16];
    switch (act->prop) {
    case SP_SUPPLY: case SP_CAPACITY: case SP_OUTPUT: case SP_DEMAND: unit = "t"; break;
    case SP_FIXED: unit = m->currency; break;
    case SP_PRICE: case SP_COST: case SP_SERVICE:
        snprintf(u, sizeof u, "%s/t", m->currency);
        unit = u;
        break;
    case SP_MILK:
        if (act->kind == K_COUNT) {
            snprintf(u, sizeof u, "%s/t/km", m->currency);
            unit = u;
        } else {
            unit = "t/t";
        }
        break;
    case SP_TRANSPORT: snprintf(u, sizeof u, "%s/t/km", m->currency); unit = u; break;
    default: break;
    }
    if (act->prop == SP_CONTENT)
        df_put_num(b, df_pct(act->value.hi), digits);
    else
        df_put_num(b, (DfNum){act->is_range, false, act->value.lo, act->value.hi, unit}, digits);
}

static const char **action_texts(const Model *m, const ScenarioAction *acts, int n, int digits)
{
    const char **t = xmalloc((size_t)(n ? n : 1) * sizeof *t);
    for (int i = 0; i < n; i++) {
        Buf b = {0};
        df_put_action(&b, m, &acts[i], digits);
        t[i] = xstrdup(buf_str(&b));
        buf_free(&b);
    }
    return t;
}

static void free_texts(const char **t, int n)
{
    for (int i = 0; i < n; i++)
        free((char *)t[i]);
    free(t);
}

static void statement(DiffList *d, DiffOp op, const char *kind, const char *name,
                      const char *text)
{
    DiffItem *it = df_item(d, op, kind, name, "statement");
    DiffVal *v = op == DIFF_ADDED ? &it->after : &it->before;
    v->text = df_strdup(d, text);
}

/* Above this many cells, the statements between the common head and
 * tail are reported as removed and added without looking for a longest
 * common subsequence. */
#define DIFF_LCS_CELLS 4000000

/* The statements of one scenario or period, old and new: the longest
 * common subsequence of the two lists (in full precision) stays, the
 * rest is removed or added, in order. */
static void statements(DiffList *d, const char *kind, const char *name, const Model *a,
                       const ScenarioAction *pa, int na, const Model *b,
                       const ScenarioAction *pb, int nb)
{
    const char **ka = action_texts(a, pa, na, 17), **kb = action_texts(b, pb, nb, 17);
    const char **ta = action_texts(a, pa, na, 10), **tb = action_texts(b, pb, nb, 10);
    int lo = 0, ha = na, hb = nb;
    while (lo < na && lo < nb && strcmp(ka[lo], kb[lo]) == 0)
        lo++;
    while (ha > lo && hb > lo && strcmp(ka[ha - 1], kb[hb - 1]) == 0)
        ha--, hb--;
    int n = ha - lo, m = hb - lo;
    if ((double)(n + 1) * (m + 1) <= DIFF_LCS_CELLS) {
        /* L[i][j]: the longest common subsequence of a[lo+i..ha) and b[lo+j..hb) */
        int *L = xcalloc((size_t)(n + 1) * (size_t)(m + 1), sizeof *L);
#define AT(i, j) L[(size_t)(i) * (size_t)(m + 1) + (size_t)(j)]
        for (int i = n - 1; i >= 0; i--)
            for (int j = m - 1; j >= 0; j--)
                AT(i, j) = strcmp(ka[lo + i], kb[lo + j]) == 0 ? AT(i + 1, j + 1) + 1
                           : AT(i + 1, j) > AT(i, j + 1) ? AT(i + 1, j) : AT(i, j + 1);
        int i = 0, j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && strcmp(ka[lo + i], kb[lo + j]) == 0) {
                i++, j++;
            } else if (j == m || (i < n && AT(i + 1, j) >= AT(i, j + 1))) {
                statement(d, DIFF_REMOVED, kind, name, ta[lo + i++]);
            } else {
                statement(d, DIFF_ADDED, kind, name, tb[lo + j++]);
            }
        }
#undef AT
        free(L);
    } else {
        for (int i = lo; i < ha; i++)
            statement(d, DIFF_REMOVED, kind, name, ta[i]);
        for (int j = lo; j < hb; j++)
            statement(d, DIFF_ADDED, kind, name, tb[j]);
    }
    free_texts(ka, na);
    free_texts(kb, nb);
    free_texts(ta, na);
    free_texts(tb, nb);
}

static const char *case_desc(DiffList *d, const Model *m, const Named *n,
                             const ScenarioAction *acts, int nacts)
{
    Buf b = {0};
    if (n->label)
        df_put_label(&b, n->label);
    for (int i = 0; i < nacts; i++) {
        buf_puts(&b, b.len ? "; " : "");
        df_put_action(&b, m, &acts[i], 10);
    }
    return done(d, &b);
}

static void scenarios(DiffList *d, const Model *a, const Model *b)
{
    DfMatch mt;
    df_match_named(&mt, a->scenarios, a->nscenarios, b->scenarios, b->nscenarios,
                   sizeof(Scenario));
    for (int j = 0; j < b->nscenarios; j++) {
        const Scenario *q = &b->scenarios[j];
        int i = mt.a_of_b[j];
        if (i < 0) {
            df_added(d, "scenario", q->n.name, case_desc(d, b, &q->n, q->actions, q->nactions));
            continue;
        }
        const Scenario *p = &a->scenarios[i];
        df_str(d, "scenario", q->n.name, "label", p->n.label, q->n.label, true);
        statements(d, "scenario", q->n.name, a, p->actions, p->nactions, b, q->actions,
                   q->nactions);
    }
    for (int i = 0; i < a->nscenarios; i++) {
        const Scenario *p = &a->scenarios[i];
        if (mt.b_of_a[i] < 0)
            df_removed(d, "scenario", p->n.name, case_desc(d, a, &p->n, p->actions, p->nactions));
    }
    df_match_free(&mt);
}

static void periods(DiffList *d, const Model *a, const Model *b)
{
    DfMatch mt;
    df_match_named(&mt, a->periods, a->nperiods, b->periods, b->nperiods, sizeof(Period));
    df_str(d, "periods", NULL, "order",
           common_order(d, a->periods, a->nperiods, sizeof(Period), mt.b_of_a),
           common_order(d, b->periods, b->nperiods, sizeof(Period), mt.a_of_b), false);
    for (int j = 0; j < b->nperiods; j++) {
        const Period *q = &b->periods[j];
        int i = mt.a_of_b[j];
        if (i < 0) {
            df_added(d, "period", q->n.name, case_desc(d, b, &q->n, q->actions, q->nactions));
            continue;
        }
        const Period *p = &a->periods[i];
        df_str(d, "period", q->n.name, "label", p->n.label, q->n.label, true);
        statements(d, "period", q->n.name, a, p->actions, p->nactions, b, q->actions,
                   q->nactions);
    }
    for (int i = 0; i < a->nperiods; i++) {
        const Period *p = &a->periods[i];
        if (mt.b_of_a[i] < 0)
            df_removed(d, "period", p->n.name, case_desc(d, a, &p->n, p->actions, p->nactions));
    }
    df_match_free(&mt);
}

void df_rules(DiffList *d, const Model *a, const Model *b)
{
    strategies(d, a, b);
    customers(d, a, b);
    lets(d, a, b);
    segments(d, a, b);
    scenarios(d, a, b);
    periods(d, a, b);
}
