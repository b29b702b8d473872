/* report.c — the plan as text and as JSON (docs/report.md).
 *
 * Everything is read from the program (lp.h: which column and row belongs
 * to which entity) and the solution (solve.h); quantities are recomputed
 * from the column values, never from row activities, so a row an optional
 * plant's binary enters reads the same as any other.  Iteration is in
 * declaration order; numbers have one fixed format each. */
#include "report.h"

#include "arena.h"
#include "text.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A flow, stock or change of at most FLOW_EPS t is none. */
#define FLOW_EPS 1e-6
/* A shadow price of at most DUAL_EPS currency per t is none. */
#define DUAL_EPS 1e-9
/* Values below this are rounded to 0 (JSON; text: text_fixed). */
#define JSON_ZERO 1e-9

/* ------------------------------------------------------------ strings */


/* A name or label as text: control characters (a label may hold `\n`)
 * become spaces, so that they cannot break a line or a table. */
static void buf_name(Buf *b, const char *s)
{
    for (; *s; s++) {
        char c = (unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s;
        buf_putn(b, &c, 1);
    }
}


/* ------------------------------------------------------------ numbers */

/* Room for any number text_fixed writes, and a unit. */
typedef struct {
    char s[64];
} NumStr;

/* v with `dec` decimals, or in exponent form from TEXT_BIG up (text.h);
 * -0.00 is never printed.  Not finite: "-". */
static NumStr fixed(double v, int dec)
{
    NumStr r;
    text_fixed(r.s, sizeof r.s, v, dec);
    return r;
}

static NumStr tonnes(double v) { return fixed(v, 3); }
static NumStr money(double v) { return fixed(v, 2); }

/* Tonnes in a sentence: 3 decimals, trailing zeros dropped ("150", "96.5"). */
static NumStr tonnes_short(double v)
{
    NumStr r = fixed(v, 3);
    if (strchr(r.s, '.') && !strchr(r.s, 'e')) {
        size_t n = strlen(r.s);
        while (r.s[n - 1] == '0')
            r.s[--n] = '\0';
        if (r.s[n - 1] == '.')
            r.s[n - 1] = '\0';
    }
    return r;
}

/* part / whole as a whole percent, "-" when whole is not a positive number. */
static NumStr percent(double part, double whole)
{
    NumStr r;
    if (!(whole > 0) || !isfinite(whole)) {
        strcpy(r.s, "-");
        return r;
    }
    /* snapped to 1e-6 first, so that solver noise around a half (37.4999999
     * or 37.5000001 for 150 t of 400 t) cannot flip the rounding */
    double v = round(100 * part / whole * 1e6) / 1e6;
    r = fixed(v, 0);
    strcat(r.s, "%");
    return r;
}

/* ------------------------------------------------------------ tables */

enum { TMAXC = 10 };

/* Rows of cells, printed with every column as wide as its widest cell (in
 * characters), two spaces between columns, per column aligned left ('l')
 * or right ('r'); nothing is printed after a row's last non-empty cell. */
typedef struct {
    const char *align;
    int ncols;
    char **cells;
    int nrows, cap;
} Table;

static void table_init(Table *t, const char *align)
{
    memset(t, 0, sizeof *t);
    t->align = align;
    t->ncols = (int)strlen(align);
}

/* Append a row of t->ncols cells (NULL is an empty cell). */
static void table_row(Table *t, ...)
{
    if (t->nrows == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 16;
        t->cells = xrealloc(t->cells, sizeof(char *) * (size_t)t->cap * (size_t)t->ncols);
    }
    va_list ap;
    va_start(ap, t);
    for (int j = 0; j < t->ncols; j++) {
        const char *c = va_arg(ap, const char *);
        Buf b = {0};
        buf_name(&b, c ? c : "");
        t->cells[t->nrows * t->ncols + j] = b.s ? b.s : xstrdup("");
    }
    va_end(ap);
    t->nrows++;
}

static void table_print(const Table *t, const char *indent, FILE *out)
{
    size_t w[TMAXC] = {0};
    for (int i = 0; i < t->nrows; i++)
        for (int j = 0; j < t->ncols; j++) {
            size_t n = text_width(t->cells[i * t->ncols + j]);
            if (n > w[j])
                w[j] = n;
        }
    for (int i = 0; i < t->nrows; i++) {
        char **row = t->cells + i * t->ncols;
        int last = t->ncols - 1;
        while (last >= 0 && !row[last][0])
            last--;
        if (last < 0) {
            fputc('\n', out);
            continue;
        }
        fputs(indent, out);
        for (int j = 0; j <= last; j++) {
            size_t pad = w[j] - text_width(row[j]);
            if (j > 0)
                fputs("  ", out);
            if (t->align[j] == 'r')
                fprintf(out, "%*s", (int)pad, "");
            fputs(row[j], out);
            if (t->align[j] != 'r' && j < last)
                fprintf(out, "%*s", (int)pad, "");
        }
        fputc('\n', out);
    }
}

static void table_free(Table *t)
{
    for (int i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i]);
    free(t->cells);
    memset(t, 0, sizeof *t);
}

/* ------------------------------------------------------------ the plan */

/* The solution read back onto the model's entities. */
typedef struct {
    const Lp *lp;
    const Model *m;
    const Solution *sol;
    bool ok;           /* optimal: the values below are a plan */
    double *x;         /* per route: raw milk (milk routes) */
    double *y;         /* per line: output */
    double *s;         /* per shipment */
    double *sold;      /* per demand class */
    double *shipped;   /* per line: sum of its shipments */
    double *intake;    /* per plant: sum of x into it */
    double *used;      /* per plant: raw milk its lines use */
    bool *open;        /* per plant */
} Plan;

/* Column j's value; 0 when there is no such column or no values. */
static double col_value(const Solution *sol, int j)
{
    if (j <= 0 || j > sol->ncols || !sol->col)
        return 0;
    double v = sol->col[j];
    return fabs(v) < JSON_ZERO ? 0 : v;
}

static void plan_init(Plan *pl, const Lp *lp, const Solution *sol)
{
    const Model *m = lp->m;
    memset(pl, 0, sizeof *pl);
    pl->lp = lp;
    pl->m = m;
    pl->sol = sol;
    pl->ok = sol->status == SOL_OPTIMAL;
    pl->x = xcalloc((size_t)m->nroutes + 1, sizeof(double));
    pl->y = xcalloc((size_t)m->nlines + 1, sizeof(double));
    pl->s = xcalloc((size_t)lp->nships + 1, sizeof(double));
    pl->sold = xcalloc((size_t)lp->nclasses + 1, sizeof(double));
    pl->shipped = xcalloc((size_t)m->nlines + 1, sizeof(double));
    pl->intake = xcalloc((size_t)m->nplants + 1, sizeof(double));
    pl->used = xcalloc((size_t)m->nplants + 1, sizeof(double));
    pl->open = xcalloc((size_t)m->nplants + 1, sizeof(bool));
    for (int p = 0; p < m->nplants; p++)
        pl->open[p] = !m->plants[p].closed &&
                      (!lp->col_open[p] || (pl->ok && col_value(sol, lp->col_open[p]) > 0.5));
    if (!pl->ok)
        return;
    for (int r = 0; r < m->nroutes; r++)
        if (m->routes[r].kind == ROUTE_MILK) {
            pl->x[r] = col_value(sol, lp->col_x[r]);
            pl->intake[m->routes[r].to] += pl->x[r];
        }
    for (int l = 0; l < m->nlines; l++) {
        pl->y[l] = col_value(sol, lp->col_y[l]);
        pl->used[m->lines[l].plant] += m->products[m->lines[l].product].milk * pl->y[l];
    }
    for (int k = 0; k < lp->nships; k++) {
        pl->s[k] = col_value(sol, lp->col_s[k]);
        pl->sold[lp->ships[k].cls] += pl->s[k];
        pl->shipped[lp->ships[k].line] += pl->s[k];
    }
}

static void plan_free(Plan *pl)
{
    free(pl->x);
    free(pl->y);
    free(pl->s);
    free(pl->sold);
    free(pl->shipped);
    free(pl->intake);
    free(pl->used);
    free(pl->open);
    memset(pl, 0, sizeof *pl);
}

/* Shipments summed over the demand classes of one product on one route
 * (customer demand has a class per strategy). */
typedef struct {
    int route, plant, market, product;
    double t;
} ShipRow;

/* A route's shipments are consecutive in lp->ships (lp.c makes them route
 * by route), so one per-product slot array, reset per route, sums them. */
static ShipRow *ship_rows(const Plan *pl, int *n)
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

/* ------------------------------------------------------------ words */

static const char *disp(const Named *n) { return n->label ? n->label : n->name; }

static const char *cur(const Model *m) { return m->currency; }

static bool profit_model(const Model *m) { return m->objective == OBJ_MAX_PROFIT; }

/* "412.00 BYN" (no unit when the model has no currency). */
static NumStr money_unit(const Model *m, double v)
{
    NumStr r = money(v);
    if (m->currency[0])
        snprintf(r.s + strlen(r.s), sizeof r.s - strlen(r.s), " %s", m->currency);
    return r;
}

/* What one more unit changes, seen from the objective: "is worth 412.00
 * BYN" (more profit, or less cost) or "would cost 12.00 BYN".  delta is
 * the change of the objective GLPK reports (a dual or a reduced cost). */
static void buf_worth(Buf *b, const Model *m, double delta)
{
    double gain = profit_model(m) ? delta : -delta;
    NumStr v = money(fabs(gain));
    bool loss = gain < 0 && strcmp(v.s, "0.00") != 0;
    buf_printf(b, "%s %s", loss ? "would cost" : "is worth", v.s);
    if (cur(m)[0])
        buf_printf(b, " %s", cur(m));
}

/* Which entity GLPK row i belongs to (lp.h's row_kind and row_index). */
typedef struct {
    bool known;
    RowKind kind;
    int index; /* farm, plant, line or demand class */
} RowRef;

static RowRef row_ref(const Lp *lp, int i)
{
    if (!lp->P || !lp->row_kind || !lp->row_index || i < 1 || i > glp_get_num_rows(lp->P))
        return (RowRef){false, RK_SUPPLY, -1};
    return (RowRef){true, (RowKind)lp->row_kind[i], lp->row_index[i]};
}

/* GLPK's name of row i, in buf ("row 12" when it has none). */
static const char *row_name(const Lp *lp, int i, char *buf, size_t size)
{
    if (lp->P && i >= 1 && i <= glp_get_num_rows(lp->P)) {
        const char *s = glp_get_row_name(lp->P, i);
        if (s)
            return s;
    }
    snprintf(buf, size, "row %d", i);
    return buf;
}

/* Whether row `ref` belongs to a plant that does not run in this plan
 * (closed by a scenario, or an optional plant left closed). */
static bool row_plant_idle(const Lp *lp, const Solution *sol, RowRef ref)
{
    const Model *m = lp->m;
    int p;
    switch (ref.kind) {
    case RK_INTAKE: case RK_INTAKE_MIN: case RK_MILK: p = ref.index; break;
    case RK_OUTPUT: case RK_OUTPUT_MIN: case RK_STOCK: p = m->lines[ref.index].plant; break;
    default: return false;
    }
    if (m->plants[p].closed)
        return true;
    int j = lp->col_open[p];
    return j > 0 && j <= sol->ncols && sol->col && sol->col[j] < 0.5;
}

/* "one more tonne of butter output at City Dairy is worth 412.00 BYN":
 * row i binds (at a bound, with a non-zero dual).  Returns false, writing
 * nothing, when it does not. */
static bool binding_text(Buf *b, const Lp *lp, const Solution *sol, int i)
{
    const Model *m = lp->m;
    if (!sol->dual || i < 1 || i > sol->nrows)
        return false;
    double d = sol->dual[i];
    if (!(fabs(d) > DUAL_EPS))
        return false;
    int st = sol->rstat ? sol->rstat[i] : GLP_NU;
    if (st == GLP_BS || st == GLP_NF)
        return false;
    bool lower = st == GLP_NL;
    RowRef ref = row_ref(lp, i);
    if (ref.known && row_plant_idle(lp, sol, ref))
        return false; /* a closed plant's limits are worth nothing while it is closed */
    buf_puts(b, "one more tonne of ");
    if (!ref.known) {
        char tmp[32];
        buf_puts(b, "`");
        buf_name(b, row_name(lp, i, tmp, sizeof tmp));
        buf_puts(b, "` ");
        buf_worth(b, m, d);
        return true;
    }
    switch (ref.kind) {
    case RK_SUPPLY:
        buf_puts(b, lower ? "contracted minimum supply at " : "supply at ");
        buf_name(b, disp(&m->farms[ref.index].n));
        break;
    case RK_INTAKE:
    case RK_INTAKE_MIN:
        buf_puts(b, lower || ref.kind == RK_INTAKE_MIN ? "minimum intake at "
                                                       : "intake capacity at ");
        buf_name(b, disp(&m->plants[ref.index].n));
        break;
    case RK_MILK:
        buf_puts(b, "raw milk on hand at ");
        buf_name(b, disp(&m->plants[ref.index].n));
        break;
    case RK_OUTPUT:
    case RK_OUTPUT_MIN:
    case RK_STOCK: {
        const ProdLine *ln = &m->lines[ref.index];
        if (ref.kind == RK_OUTPUT_MIN || (ref.kind == RK_OUTPUT && lower))
            buf_puts(b, "minimum ");
        buf_name(b, disp(&m->products[ln->product].n));
        buf_puts(b, ref.kind == RK_STOCK ? " on hand at " : " output at ");
        buf_name(b, disp(&m->plants[ln->plant].n));
        break;
    }
    case RK_DEMAND: {
        /* a fixed demand (lo = hi) is one the market must take too */
        const DemandClass *dc = &lp->classes[ref.index];
        lower = lower || st == GLP_NS;
        buf_name(b, disp(&m->products[dc->product].n));
        buf_puts(b, lower ? " that " : " demand at ");
        buf_name(b, disp(&m->markets[dc->market].n));
        if (lower)
            buf_puts(b, " must take");
        if (dc->strategy >= 0) {
            buf_puts(b, " (");
            buf_name(b, disp(&m->strategies[dc->strategy].n));
            buf_puts(b, ")");
        }
        break;
    }
    }
    buf_puts(b, " ");
    buf_worth(b, m, d);
    return true;
}

/* A shortfall in the model's words, naming entities as the source does:
 * "market `city` must take 150 t of butter; at most 96 t can be delivered".
 * `but` joins the requirement and what can be reached ("; " or ", but ");
 * the intake and lines of plant `self` (or none: -1) are said as "it" and
 * "its line", for the sentence that says why that plant is closed. */
static void shortfall_text(Buf *b, const Lp *lp, const Shortfall *sf, int self, const char *but)
{
    const Model *m = lp->m;
    NumStr req = tonnes_short(sf->required), got = tonnes_short(sf->achievable);
    switch (sf->kind) {
    case SF_SUPPLY:
        if (sf->index < 0 || sf->index >= m->nfarms)
            break;
        buf_puts(b, "farm `");
        buf_name(b, m->farms[sf->index].n.name);
        buf_printf(b, "` must deliver at least %s t (contract)%sat most %s t can be taken",
                   req.s, but, got.s);
        return;
    case SF_INTAKE:
        if (sf->index < 0 || sf->index >= m->nplants)
            break;
        if (sf->index == self) {
            buf_puts(b, "it");
        } else {
            buf_puts(b, "plant `");
            buf_name(b, m->plants[sf->index].n.name);
            buf_puts(b, "`");
        }
        buf_printf(b, " must take in at least %s t of raw milk%sat most %s t can reach it",
                   req.s, but, got.s);
        return;
    case SF_OUTPUT:
        if (sf->index < 0 || sf->index >= m->nlines)
            break;
        buf_puts(b, m->lines[sf->index].plant == self ? "its line `" : "line `");
        buf_name(b, m->products[m->lines[sf->index].product].n.name);
        if (m->lines[sf->index].plant != self) {
            buf_puts(b, "` at `");
            buf_name(b, m->plants[m->lines[sf->index].plant].n.name);
        }
        buf_printf(b, "` must make at least %s t%sat most %s t can be made", req.s, but, got.s);
        return;
    case SF_DEMAND: {
        if (sf->index < 0 || sf->index >= lp->nclasses)
            break;
        const DemandClass *dc = &lp->classes[sf->index];
        buf_puts(b, "market `");
        buf_name(b, m->markets[dc->market].n.name);
        buf_printf(b, "` must take %s t of ", req.s);
        buf_name(b, m->products[dc->product].n.name);
        if (dc->strategy >= 0) {
            buf_puts(b, " (strategy `");
            buf_name(b, m->strategies[dc->strategy].n.name);
            buf_puts(b, "`)");
        }
        buf_printf(b, "%sat most %s t can be delivered", but, got.s);
        return;
    }
    }
    buf_printf(b, "a lower bound of %s t cannot be met%sat most %s t can be reached", req.s,
               but, got.s);
}

static void line_words(Buf *b, const Model *m, int l)
{
    buf_puts(b, "line `");
    buf_name(b, m->products[m->lines[l].product].n.name);
    buf_puts(b, "` at `");
    buf_name(b, m->plants[m->lines[l].plant].n.name);
    buf_puts(b, "`");
}

/* "at most 400 t", "between 150 and 380 t", "exactly 300 t": a row's
 * bounds as the model wrote them (the elastic re-solve that names limits
 * does not say which side holds). */
static void buf_range(Buf *b, Range r)
{
    if (r.lo == r.hi)
        buf_printf(b, "exactly %s t", tonnes_short(r.hi).s);
    else if (r.lo > 0 && isfinite(r.hi))
        buf_printf(b, "between %s and %s t", tonnes_short(r.lo).s, tonnes_short(r.hi).s);
    else if (r.lo > 0)
        buf_printf(b, "at least %s t", tonnes_short(r.lo).s);
    else
        buf_printf(b, "at most %s t", tonnes_short(r.hi).s);
}

/* A limit row in the model's words: "line `butter` at `city_dairy`: at most 400 t". */
static void limit_text(Buf *b, const Lp *lp, int row)
{
    const Model *m = lp->m;
    RowRef ref = row_ref(lp, row);
    int i = ref.index;
    if (!ref.known) {
        char tmp[32];
        buf_puts(b, "constraint `");
        buf_name(b, row_name(lp, row, tmp, sizeof tmp));
        buf_puts(b, "`");
        return;
    }
    switch (ref.kind) {
    case RK_SUPPLY:
        buf_puts(b, "farm `");
        buf_name(b, m->farms[i].n.name);
        buf_puts(b, "`: delivers ");
        buf_range(b, m->farms[i].supply);
        return;
    case RK_INTAKE:
    case RK_INTAKE_MIN:
    case RK_MILK: {
        const Plant *pl = &m->plants[i];
        buf_puts(b, "plant `");
        buf_name(b, pl->n.name);
        if (pl->closed) {
            buf_puts(b, "`: closed by the scenario");
        } else if (ref.kind == RK_MILK) {
            buf_puts(b, "`: its lines use no more raw milk than it takes in");
        } else {
            buf_puts(b, "`: takes in ");
            buf_range(b, ref.kind == RK_INTAKE && lp->col_open[i]
                             ? (Range){0, pl->capacity.hi}
                         : ref.kind == RK_INTAKE_MIN ? (Range){pl->capacity.lo, INFINITY}
                                                     : pl->capacity);
            buf_puts(b, lp->col_open[i] ? " of raw milk when open" : " of raw milk");
        }
        return;
    }
    case RK_OUTPUT:
    case RK_OUTPUT_MIN:
    case RK_STOCK: {
        const ProdLine *ln = &m->lines[i];
        line_words(b, m, i);
        if (m->plants[ln->plant].closed) {
            buf_puts(b, ": the plant is closed by the scenario");
        } else if (ref.kind == RK_STOCK) {
            buf_puts(b, ": ships no more than it makes");
        } else {
            buf_puts(b, ": ");
            bool optional = lp->col_open[ln->plant] != 0;
            buf_range(b, ref.kind == RK_OUTPUT && optional ? (Range){0, ln->output.hi}
                         : ref.kind == RK_OUTPUT_MIN       ? (Range){ln->output.lo, INFINITY}
                                                           : ln->output);
            if (optional)
                buf_puts(b, " when open");
        }
        return;
    }
    case RK_DEMAND: {
        const DemandClass *dc = &lp->classes[i];
        buf_puts(b, "market `");
        buf_name(b, m->markets[dc->market].n.name);
        buf_puts(b, "`: takes ");
        buf_range(b, dc->volume);
        buf_puts(b, " of ");
        buf_name(b, m->products[dc->product].n.name);
        if (dc->strategy >= 0) {
            buf_puts(b, " (strategy `");
            buf_name(b, m->strategies[dc->strategy].n.name);
            buf_puts(b, "`)");
        }
        return;
    }
    }
}

/* "sending a tonne from south to City Dairy would cost 12.00 BYN of
 * profit": the reduced cost of an unused milk route. */
static void route_text(Buf *b, const Model *m, int r, double dj)
{
    const Route *rt = &m->routes[r];
    bool profit = profit_model(m);
    double loss = profit ? -dj : dj; /* what the objective loses per tonne */
    NumStr v = money(fabs(loss));
    bool gain = loss < 0 && strcmp(v.s, "0.00") != 0;
    buf_puts(b, "sending a tonne from ");
    buf_name(b, disp(&m->farms[rt->from].n));
    buf_puts(b, " to ");
    buf_name(b, disp(&m->plants[rt->to].n));
    if (profit)
        buf_printf(b, " would %s %s%s%s of profit", gain ? "add" : "cost", v.s,
                   cur(m)[0] ? " " : "", cur(m));
    else
        buf_printf(b, " would %s %s%s%s %s the cost", gain ? "take" : "add", v.s,
                   cur(m)[0] ? " " : "", cur(m), gain ? "off" : "to");
}

static const char *status_word(SolveStatus s)
{
    switch (s) {
    case SOL_OPTIMAL: return "optimal";
    case SOL_INFEASIBLE: return "infeasible";
    case SOL_UNBOUNDED: return "unbounded";
    case SOL_FAILED: return "failed";
    }
    return "failed";
}

/* One sentence for a run without a plan (and what GLPK said). */
static void status_sentence(FILE *out, const char *prefix, const Model *m,
                            const Solution *sol)
{
    fputs(prefix, out);
    switch (sol->status) {
    case SOL_OPTIMAL:
        fputs("optimal\n", out);
        return;
    case SOL_INFEASIBLE:
        fputs("infeasible — no plan meets every lower bound of the model\n", out);
        return;
    case SOL_UNBOUNDED:
        fprintf(out, "unbounded — the %s can %s without limit: some quantity has no "
                     "upper bound\n",
                profit_model(m) ? "profit" : "cost", profit_model(m) ? "grow" : "fall");
        break;
    case SOL_FAILED:
        fputs("failed — the solver stopped without finding a plan\n", out);
        break;
    }
    if (sol->message[0]) {
        Buf b = {0};
        buf_name(&b, sol->message);
        fprintf(out, "solver: %s\n", buf_str(&b));
        buf_free(&b);
    }
}

/* What holds shortfall sf back, under "limited by:" (indent: the
 * shortfall's own): its limit rows, then each optional plant the plan
 * keeps closed — "plant `p` is closed: open, it must take in at least 50 t
 * of raw milk, but at most 10 t can reach it" and, under it, what limits
 * that in the plan with the plant open. */
static void text_limits(const Lp *lp, const Shortfall *sf, int indent, FILE *out)
{
    if (sf->nlimits + sf->nclosed <= 0)
        return;
    fprintf(out, "%*slimited by:\n", indent + 2, "");
    Buf b = {0};
    for (int k = 0; k < sf->nlimits && sf->limits; k++) {
        buf_clear(&b);
        limit_text(&b, lp, sf->limits[k]);
        fprintf(out, "%*s%s\n", indent + 4, "", buf_str(&b));
    }
    for (int k = 0; k < sf->nclosed && sf->closed; k++) {
        const Closure *c = &sf->closed[k];
        buf_clear(&b);
        buf_puts(&b, "plant `");
        buf_name(&b, lp->m->plants[c->plant].n.name);
        buf_puts(&b, "` is closed");
        if (!c->explained || c->nwhen_open <= 0 || !c->when_open) {
            fprintf(out, "%*s%s\n", indent + 4, "", buf_str(&b));
            continue;
        }
        buf_puts(&b, ": open,");
        if (c->nwhen_open == 1) {
            buf_puts(&b, " ");
            shortfall_text(&b, lp, &c->when_open[0], c->plant, ", but ");
            fprintf(out, "%*s%s\n", indent + 4, "", buf_str(&b));
            text_limits(lp, &c->when_open[0], indent + 4, out);
            continue;
        }
        fprintf(out, "%*s%s\n", indent + 4, "", buf_str(&b));
        for (int w = 0; w < c->nwhen_open; w++) {
            buf_clear(&b);
            shortfall_text(&b, lp, &c->when_open[w], c->plant, ", but ");
            fprintf(out, "%*s%s\n", indent + 6, "", buf_str(&b));
            text_limits(lp, &c->when_open[w], indent + 6, out);
        }
    }
    buf_free(&b);
}

/* The shortfalls of an infeasible solution, each with its limits. */
static void text_shortfalls(const Lp *lp, const Solution *sol, const char *indent, FILE *out)
{
    if (sol->nshortfalls == 0 || !sol->shortfalls) {
        fprintf(out, "%sno single lower bound could be named as the cause\n", indent);
        return;
    }
    Buf b = {0};
    for (int i = 0; i < sol->nshortfalls; i++) {
        const Shortfall *sf = &sol->shortfalls[i];
        buf_clear(&b);
        shortfall_text(&b, lp, sf, -1, "; ");
        fprintf(out, "%s%s\n", indent, buf_str(&b));
        text_limits(lp, sf, (int)strlen(indent), out);
    }
    buf_free(&b);
}

/* ------------------------------------------------------------ text */

/* A section: a blank line, its heading, its table. */
static void section(FILE *out, const char *heading, Table *t)
{
    if (t->nrows > 1) {
        fprintf(out, "\n%s\n", heading);
        table_print(t, "  ", out);
    }
    table_free(t);
}

static void text_objective(const Plan *pl, FILE *out)
{
    const Model *m = pl->m;
    const Solution *sol = pl->sol;
    bool profit = profit_model(m);
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
    table_init(&t, "lr");
    table_row(&t, profit ? "profit" : "total cost", money_unit(m, sol->objective).s);
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        if (!strcmp(money(parts[i].v).s, "0.00"))
            continue;
        char name[32];
        snprintf(name, sizeof name, "  %s", parts[i].name);
        table_row(&t, name, money_unit(m, parts[i].v).s);
    }
    fputc('\n', out);
    table_print(&t, "", out);
    table_free(&t);
}

static void text_plan(const Plan *pl, FILE *out)
{
    const Lp *lp = pl->lp;
    const Model *m = pl->m;
    const Solution *sol = pl->sol;
    Table t;
    char per_t[16];
    snprintf(per_t, sizeof per_t, "%s/t", cur(m));

    text_objective(pl, out);

    table_init(&t, "llr");
    table_row(&t, "farm", "plant", "t");
    for (int r = 0; r < m->nroutes; r++)
        if (m->routes[r].kind == ROUTE_MILK && pl->x[r] > FLOW_EPS)
            table_row(&t, disp(&m->farms[m->routes[r].from].n),
                      disp(&m->plants[m->routes[r].to].n), tonnes(pl->x[r]).s);
    section(out, "milk collected", &t);

    table_init(&t, "lrrr");
    table_row(&t, "plant", "t", "capacity t", "use");
    for (int p = 0; p < m->nplants; p++)
        if (pl->open[p])
            table_row(&t, disp(&m->plants[p].n), tonnes(pl->intake[p]).s,
                      tonnes(m->plants[p].capacity.hi).s,
                      percent(pl->intake[p], m->plants[p].capacity.hi).s);
    section(out, "raw milk intake", &t);

    table_init(&t, "llrrr");
    table_row(&t, "plant", "product", "t", "max t", "use");
    for (int l = 0; l < m->nlines; l++) {
        const ProdLine *ln = &m->lines[l];
        if (pl->open[ln->plant])
            table_row(&t, disp(&m->plants[ln->plant].n), disp(&m->products[ln->product].n),
                      tonnes(pl->y[l]).s, tonnes(ln->output.hi).s,
                      percent(pl->y[l], ln->output.hi).s);
    }
    section(out, "production", &t);

    int nship;
    ShipRow *ships = ship_rows(pl, &nship);
    table_init(&t, "lllr");
    table_row(&t, "plant", "market", "product", "t");
    for (int i = 0; i < nship; i++)
        table_row(&t, disp(&m->plants[ships[i].plant].n), disp(&m->markets[ships[i].market].n),
                  disp(&m->products[ships[i].product].n), tonnes(ships[i].t).s);
    free(ships);
    section(out, "shipments", &t);

    table_init(&t, "lllrrrr");
    table_row(&t, "market", "product", "strategy", "t", "min t", "max t", per_t);
    for (int d = 0; d < lp->nclasses; d++) {
        const DemandClass *dc = &lp->classes[d];
        table_row(&t, disp(&m->markets[dc->market].n), disp(&m->products[dc->product].n),
                  dc->strategy >= 0 ? disp(&m->strategies[dc->strategy].n) : "-",
                  tonnes(pl->sold[d]).s, tonnes(dc->volume.lo).s, tonnes(dc->volume.hi).s,
                  money(dc->price).s);
    }
    section(out, "sales", &t);

    table_init(&t, "lr");
    table_row(&t, "plant", "t");
    for (int p = 0; p < m->nplants; p++)
        if (pl->intake[p] - pl->used[p] > FLOW_EPS)
            table_row(&t, disp(&m->plants[p].n), tonnes(pl->intake[p] - pl->used[p]).s);
    section(out, "unprocessed milk", &t);

    table_init(&t, "llr");
    table_row(&t, "plant", "product", "t");
    for (int l = 0; l < m->nlines; l++)
        if (pl->y[l] - pl->shipped[l] > FLOW_EPS)
            table_row(&t, disp(&m->plants[m->lines[l].plant].n),
                      disp(&m->products[m->lines[l].product].n),
                      tonnes(pl->y[l] - pl->shipped[l]).s);
    section(out, "unsold stock", &t);

    table_init(&t, "ll");
    table_row(&t, "plant", "status");
    for (int p = 0; p < m->nplants; p++) {
        const Plant *pp = &m->plants[p];
        if (pp->closed)
            table_row(&t, disp(&pp->n), "closed by the scenario");
        else if (pp->forced_open)
            table_row(&t, disp(&pp->n), "open (opened by the scenario)");
        else if (pp->optional)
            table_row(&t, disp(&pp->n), pl->open[p] ? "open" : "closed");
    }
    section(out, "plants", &t);

    /* the customers behind the customer demand classes */
    if (lp->segment_count) {
        size_t total = lp->unsegmented;
        for (int s = 0; s < m->nsegments; s++)
            total += lp->segment_count[s];
        table_init(&t, "llrr");
        table_row(&t, "segment", "strategy", "customers", "share");
        char n[32], share[32];
        for (int s = 0; s < m->nsegments; s++) {
            const Segment *sg = &m->segments[s];
            snprintf(n, sizeof n, "%zu", lp->segment_count[s]);
            snprintf(share, sizeof share, "%.0f%%",
                     total ? 100.0 * (double)lp->segment_count[s] / (double)total : 0.0);
            table_row(&t, disp(&sg->n), disp(&m->strategies[sg->strategy].n), n, share);
        }
        if (lp->unsegmented) {
            snprintf(n, sizeof n, "%zu", lp->unsegmented);
            snprintf(share, sizeof share, "%.0f%%", 100.0 * (double)lp->unsegmented / (double)total);
            table_row(&t, "(unsegmented: no demand)", "-", n, share);
        }
        section(out, "customer segments", &t);
    }

    Buf b = {0};
    bool any = false;
    for (int i = 1; i <= sol->nrows; i++) {
        buf_clear(&b);
        if (!binding_text(&b, lp, sol, i))
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
        route_text(&b, m, r, sol->dj[j]);
        if (!any)
            fputs("\nreduced costs of unused milk routes\n", out);
        any = true;
        fprintf(out, "  %s\n", buf_str(&b));
    }
    buf_free(&b);
}

static void text_title(const Model *m, FILE *out)
{
    if (m->title) {
        Buf b = {0};
        buf_name(&b, m->title);
        fprintf(out, "%s\n", buf_str(&b));
        buf_free(&b);
    }
}

int report_text(const Lp *lp, const Solution *sol, FILE *out)
{
    const Model *m = lp->m;
    text_title(m, out);
    status_sentence(out, "status: ", m, sol);
    if (sol->status == SOL_OPTIMAL) {
        Plan pl;
        plan_init(&pl, lp, sol);
        text_plan(&pl, out);
        plan_free(&pl);
    } else if (sol->status == SOL_INFEASIBLE) {
        fputs("\nlower bounds that cannot be met\n", out);
        text_shortfalls(lp, sol, "  ", out);
    }
    return ferror(out) ? -1 : 0;
}

/* ------------------------------------------------------------ JSON */

/* `"key": value` pairs inside one-line objects. */
static void jkey(FILE *out, const char *key, bool first)
{
    fprintf(out, "%s\"%s\": ", first ? "" : ", ", key);
}

static void jstr(FILE *out, const char *key, const char *v, bool first)
{
    jkey(out, key, first);
    text_json_string(out, v);
}

static void jnum(FILE *out, const char *key, double v, bool first)
{
    jkey(out, key, first);
    text_json_number(out, v);
}

/* An array of one-line objects, one per line, at indentation ind. */
typedef struct {
    FILE *out;
    int ind;
    bool empty;
} JArr;

static JArr jarr_begin(FILE *out, int ind, const char *key)
{
    fprintf(out, ",\n%*s\"%s\": [", ind, "", key);
    return (JArr){out, ind, true};
}

static void jarr_item(JArr *a)
{
    fprintf(a->out, "%s\n%*s{", a->empty ? "" : ",", a->ind + 2, "");
    a->empty = false;
}

static void jarr_end(JArr *a)
{
    if (!a->empty)
        fprintf(a->out, "\n%*s", a->ind, "");
    fputc(']', a->out);
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

/* One shortfall as the inside of a one-line JSON object, its closing
 * brace included: {kind, name, required, achievable, limits,
 * closed_plants}, each closed plant {plant, when_open}, when_open the
 * shortfalls of the plan with the plant open (the same members) or null. */
static void json_shortfall(FILE *out, const Lp *lp, const Shortfall *sf, Buf *b)
{
    char tmp[32];
    buf_clear(b);
    shortfall_name(b, lp, sf);
    jstr(out, "kind", shortfall_kind(sf->kind), true);
    jstr(out, "name", buf_str(b), false);
    jnum(out, "required", sf->required, false);
    jnum(out, "achievable", sf->achievable, false);
    jkey(out, "limits", false);
    fputc('[', out);
    for (int k = 0; sf->limits && k < sf->nlimits; k++) {
        if (k)
            fputs(", ", out);
        text_json_string(out, row_name(lp, sf->limits[k], tmp, sizeof tmp));
    }
    fputc(']', out);
    jkey(out, "closed_plants", false);
    fputc('[', out);
    for (int k = 0; sf->closed && k < sf->nclosed; k++) {
        const Closure *c = &sf->closed[k];
        fputs(k ? ", {" : "{", out);
        jstr(out, "plant", lp->m->plants[c->plant].n.name, true);
        jkey(out, "when_open", false);
        if (!c->explained || !c->when_open) {
            fputs("null}", out);
            continue;
        }
        fputc('[', out);
        for (int w = 0; w < c->nwhen_open; w++) {
            fputs(w ? ", {" : "{", out);
            json_shortfall(out, lp, &c->when_open[w], b);
        }
        fputs("]}", out);
    }
    fputs("]}", out);
}

/* The members of one report object, at indentation ind (the caller has
 * printed "{" and maybe members before; `first` says whether it has). */
static void json_members(const Lp *lp, const Solution *sol, int ind, bool first, FILE *out)
{
    const Model *m = lp->m;
    Plan pl;
    plan_init(&pl, lp, sol);
    bool ok = pl.ok;
    JArr a;

    fprintf(out, "%s\n%*s\"status\": ", first ? "" : ",", ind, "");
    text_json_string(out, status_word(sol->status));
    fprintf(out, ",\n%*s\"objective\": ", ind, "");
    text_json_number(out, ok ? sol->objective : NAN);
    fprintf(out, ",\n%*s\"sense\": ", ind, "");
    text_json_string(out, profit_model(m) ? "maximize profit" : "minimize cost");
    fprintf(out, ",\n%*s\"currency\": ", ind, "");
    text_json_string(out, m->currency);
    fprintf(out, ",\n%*s\"totals\": {", ind, "");
    jnum(out, "revenue", ok ? sol->revenue : NAN, true);
    jnum(out, "milk_cost", ok ? sol->milk_cost : NAN, false);
    jnum(out, "processing_cost", ok ? sol->processing_cost : NAN, false);
    jnum(out, "transport_cost", ok ? sol->transport_cost : NAN, false);
    jnum(out, "service_cost", ok ? sol->service_cost : NAN, false);
    jnum(out, "fixed_cost", ok ? sol->fixed_cost : NAN, false);
    fputc('}', out);

    a = jarr_begin(out, ind, "collection");
    for (int r = 0; ok && r < m->nroutes; r++)
        if (m->routes[r].kind == ROUTE_MILK && pl.x[r] > FLOW_EPS) {
            jarr_item(&a);
            jstr(out, "farm", m->farms[m->routes[r].from].n.name, true);
            jstr(out, "plant", m->plants[m->routes[r].to].n.name, false);
            jnum(out, "tonnes", pl.x[r], false);
            fputc('}', out);
        }
    jarr_end(&a);

    a = jarr_begin(out, ind, "production");
    for (int l = 0; ok && l < m->nlines; l++) {
        const ProdLine *ln = &m->lines[l];
        if (!pl.open[ln->plant])
            continue;
        jarr_item(&a);
        jstr(out, "plant", m->plants[ln->plant].n.name, true);
        jstr(out, "product", m->products[ln->product].n.name, false);
        jnum(out, "tonnes", pl.y[l], false);
        jnum(out, "max", ln->output.hi, false);
        fputc('}', out);
    }
    jarr_end(&a);

    a = jarr_begin(out, ind, "shipments");
    if (ok) {
        int n;
        ShipRow *rows = ship_rows(&pl, &n);
        for (int i = 0; i < n; i++) {
            jarr_item(&a);
            jstr(out, "plant", m->plants[rows[i].plant].n.name, true);
            jstr(out, "market", m->markets[rows[i].market].n.name, false);
            jstr(out, "product", m->products[rows[i].product].n.name, false);
            jnum(out, "tonnes", rows[i].t, false);
            fputc('}', out);
        }
        free(rows);
    }
    jarr_end(&a);

    a = jarr_begin(out, ind, "sales");
    for (int d = 0; ok && d < lp->nclasses; d++) {
        const DemandClass *dc = &lp->classes[d];
        jarr_item(&a);
        jstr(out, "market", m->markets[dc->market].n.name, true);
        jstr(out, "product", m->products[dc->product].n.name, false);
        jstr(out, "strategy", dc->strategy >= 0 ? m->strategies[dc->strategy].n.name : NULL,
             false);
        jnum(out, "tonnes", pl.sold[d], false);
        jnum(out, "min", dc->volume.lo, false);
        jnum(out, "max", dc->volume.hi, false);
        jnum(out, "price", dc->price, false);
        fputc('}', out);
    }
    jarr_end(&a);

    a = jarr_begin(out, ind, "unprocessed");
    for (int p = 0; ok && p < m->nplants; p++)
        if (pl.intake[p] - pl.used[p] > FLOW_EPS) {
            jarr_item(&a);
            jstr(out, "plant", m->plants[p].n.name, true);
            jnum(out, "tonnes", pl.intake[p] - pl.used[p], false);
            fputc('}', out);
        }
    jarr_end(&a);

    a = jarr_begin(out, ind, "unsold");
    for (int l = 0; ok && l < m->nlines; l++)
        if (pl.y[l] - pl.shipped[l] > FLOW_EPS) {
            jarr_item(&a);
            jstr(out, "plant", m->plants[m->lines[l].plant].n.name, true);
            jstr(out, "product", m->products[m->lines[l].product].n.name, false);
            jnum(out, "tonnes", pl.y[l] - pl.shipped[l], false);
            fputc('}', out);
        }
    jarr_end(&a);

    a = jarr_begin(out, ind, "plants");
    for (int p = 0; ok && p < m->nplants; p++) {
        jarr_item(&a);
        jstr(out, "plant", m->plants[p].n.name, true);
        jkey(out, "open", false);
        fputs(pl.open[p] ? "true" : "false", out);
        fputc('}', out);
    }
    jarr_end(&a);

    a = jarr_begin(out, ind, "binding");
    if (ok) {
        Buf b = {0};
        char tmp[32];
        for (int i = 1; i <= sol->nrows; i++) {
            buf_clear(&b);
            if (!binding_text(&b, lp, sol, i))
                continue;
            jarr_item(&a);
            jstr(out, "constraint", row_name(lp, i, tmp, sizeof tmp), true);
            jnum(out, "shadow_price", sol->dual[i], false);
            jstr(out, "text", buf_str(&b), false);
            fputc('}', out);
        }
        buf_free(&b);
        }
    jarr_end(&a);

    a = jarr_begin(out, ind, "segments");
    for (int s = 0; lp->segment_count && s < m->nsegments; s++) {
        const Segment *sg = &m->segments[s];
        jarr_item(&a);
        jstr(out, "segment", sg->n.name, true);
        jstr(out, "strategy", m->strategies[sg->strategy].n.name, false);
        jnum(out, "customers", (double)lp->segment_count[s], false);
        fputc('}', out);
    }
    jarr_end(&a);
    if (lp->segment_count)
        fprintf(out, ",\n%*s\"unsegmented\": %zu", ind, "", lp->unsegmented);

    if (sol->status == SOL_INFEASIBLE) {
        a = jarr_begin(out, ind, "shortfalls");
        Buf b = {0};
        for (int i = 0; sol->shortfalls && i < sol->nshortfalls; i++) {
            jarr_item(&a);
            json_shortfall(out, lp, &sol->shortfalls[i], &b);
        }
        buf_free(&b);
        jarr_end(&a);
    }
    plan_free(&pl);
}

int report_json(const Lp *lp, const Solution *sol, FILE *out)
{
    fputc('{', out);
    json_members(lp, sol, 2, true, out);
    fputs("\n}\n", out);
    return ferror(out) ? -1 : 0;
}

int report_json_cases(const ReportCase *cases, int n, FILE *out)
{
    fputs("{\n  \"scenarios\": [", out);
    for (int i = 0; i < n; i++) {
        fprintf(out, "%s\n    {\n      \"name\": ", i ? "," : "");
        text_json_string(out, cases[i].name);
        fputs(",\n      \"label\": ", out);
        text_json_string(out, cases[i].label);
        json_members(cases[i].lp, cases[i].sol, 6, false, out);
        fputs("\n    }", out);
    }
    fputs(n ? "\n  ]\n}\n" : "]\n}\n", out);
    return ferror(out) ? -1 : 0;
}

/* ------------------------------------------------------------ side by side */

/* Demand class d of case a's program in case b's: the same index when it
 * is the same market, product and strategy, else found by those. */
static int same_class(const Lp *a, int d, const Lp *b)
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

/* Does a row of values (one per case, NaN where a case has no plan)
 * change by more than FLOW_EPS between two cases with plans? */
static bool changed(const double *v, int n)
{
    double lo = INFINITY, hi = -INFINITY;
    for (int i = 0; i < n; i++)
        if (!isnan(v[i])) {
            lo = fmin(lo, v[i]);
            hi = fmax(hi, v[i]);
        }
    return hi - lo > FLOW_EPS;
}

/* A table row: a label, then one cell per case (NULL: none). */
static void cases_row(Table *t, int n, const char *label, const char *const *cells)
{
    if (t->nrows == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 16;
        t->cells = xrealloc(t->cells, sizeof(char *) * (size_t)t->cap * (size_t)t->ncols);
    }
    char **row = t->cells + t->nrows * t->ncols;
    for (int j = 0; j < t->ncols; j++) {
        const char *c = j == 0 ? label : j <= n && cells ? cells[j - 1] : "";
        Buf b = {0};
        buf_name(&b, c ? c : "");
        row[j] = b.s ? b.s : xstrdup("");
    }
    t->nrows++;
}

typedef char Cell[sizeof(NumStr)];

/* The cells as strings, for cases_row. */
static const char *const *cell_ptrs(const Cell *cells, const char **ptrs, int n)
{
    for (int i = 0; i < n; i++)
        ptrs[i] = cells[i];
    return ptrs;
}

/* A row of tonnes (NaN: "-"), added when it changed; its group heading
 * first, once. */
static void flow_row(Table *t, int n, const char *label, const double *v, Cell *cells,
                     const char **ptrs, const char *heading, bool *headed)
{
    if (!changed(v, n))
        return;
    if (!*headed)
        cases_row(t, n, heading, NULL);
    *headed = true;
    for (int i = 0; i < n; i++)
        snprintf(cells[i], sizeof cells[i], "%s", isnan(v[i]) ? "-" : tonnes(v[i]).s);
    cases_row(t, n, label, cell_ptrs(cells, ptrs, n));
}

int report_text_cases(const ReportCase *cases, int n, FILE *out)
{
    if (n <= 0)
        return ferror(out) ? -1 : 0;
    const Lp *lp0 = cases[0].lp;
    const Model *m = lp0->m;
    bool profit = profit_model(m);
    Plan *plans = xcalloc((size_t)n, sizeof(Plan));
    for (int i = 0; i < n; i++)
        plan_init(&plans[i], cases[i].lp, cases[i].sol);
    Cell *cells = xmalloc(sizeof(Cell) * (size_t)n);
    const char **ptrs = xmalloc(sizeof(char *) * (size_t)n);
    double *v = xmalloc(sizeof(double) * (size_t)n);
    char align[TMAXC + 1];
    Table t;
    Buf b = {0};

    text_title(m, out);
    fprintf(out, "%d cases side by side\n", n);

    /* a table has at most TMAXC columns: further cases fill further tables */
    int per = TMAXC - 1;
    for (int c0 = 0; c0 < n; c0 += per) {
        int k = n - c0 < per ? n - c0 : per;
        const ReportCase *cs = cases + c0;
        const Plan *ps = plans + c0;
        memset(align, 'r', (size_t)k + 1);
        align[0] = 'l';
        align[k + 1] = '\0';
        table_init(&t, align);
        fputc('\n', out);

        for (int i = 0; i < k; i++)
            ptrs[i] = cs[i].label ? cs[i].label : cs[i].name ? cs[i].name : "";
        cases_row(&t, k, "", ptrs);
        for (int i = 0; i < k; i++)
            snprintf(cells[i], sizeof cells[i], "%s", status_word(cs[i].sol->status));
        cases_row(&t, k, "status", cell_ptrs(cells, ptrs, k));

        /* the objective and its parts (a part zero in every case is left out) */
        double sign = profit ? -1 : 1;
        static const char *const pname[] = {"  revenue", "  milk purchase", "  processing",
                                            "  transport", "  service", "  fixed costs"};
        char objname[32];
        snprintf(objname, sizeof objname, "%s%s%s%s", profit ? "profit" : "total cost",
                 cur(m)[0] ? " (" : "", cur(m), cur(m)[0] ? ")" : "");
        for (int i = 0; i < k; i++)
            snprintf(cells[i], sizeof cells[i], "%s",
                     ps[i].ok ? money(cs[i].sol->objective).s : "-");
        cases_row(&t, k, objname, cell_ptrs(cells, ptrs, k));
        for (int p = profit ? 0 : 1; p < 6; p++) {
            bool any = false;
            for (int i = 0; i < k; i++) {
                const Solution *s = cs[i].sol;
                double parts[6] = {s->revenue, s->milk_cost, s->processing_cost,
                                   s->transport_cost, s->service_cost, s->fixed_cost};
                double val = p == 0 ? parts[0] : sign * parts[p];
                snprintf(cells[i], sizeof cells[i], "%s", ps[i].ok ? money(val).s : "-");
                any |= ps[i].ok && strcmp(cells[i], "0.00") != 0;
            }
            if (any)
                cases_row(&t, k, pname[p], cell_ptrs(cells, ptrs, k));
        }

        /* plants that are optional or closed in some case */
        bool headed = false;
        for (int p = 0; p < m->nplants; p++) {
            bool show = false;
            for (int i = 0; i < k; i++) {
                const Model *mi = cs[i].lp->m;
                show |= p < mi->nplants && (mi->plants[p].optional || mi->plants[p].closed);
            }
            if (!show)
                continue;
            if (!headed)
                cases_row(&t, k, "plants", NULL);
            headed = true;
            for (int i = 0; i < k; i++) {
                const Model *mi = cs[i].lp->m;
                const char *w = p >= mi->nplants ? "-"
                              : mi->plants[p].closed ? "closed"
                              : !ps[i].ok && cs[i].lp->col_open[p] ? "-"
                              : ps[i].open[p] ? "open" : "closed";
                snprintf(cells[i], sizeof cells[i], "%s", w);
            }
            buf_clear(&b);
            buf_puts(&b, "  ");
            buf_name(&b, disp(&m->plants[p].n));
            cases_row(&t, k, buf_str(&b), cell_ptrs(cells, ptrs, k));
        }

        /* flows that changed */
        headed = false;
        for (int r = 0; r < m->nroutes; r++) {
            if (m->routes[r].kind != ROUTE_MILK)
                continue;
            for (int i = 0; i < k; i++)
                v[i] = !ps[i].ok ? NAN : r < ps[i].m->nroutes ? ps[i].x[r] : 0;
            buf_clear(&b);
            buf_puts(&b, "  ");
            buf_name(&b, disp(&m->farms[m->routes[r].from].n));
            buf_puts(&b, " → ");
            buf_name(&b, disp(&m->plants[m->routes[r].to].n));
            flow_row(&t, k, buf_str(&b), v, cells, ptrs, "milk collected (t)", &headed);
        }
        headed = false;
        for (int l = 0; l < m->nlines; l++) {
            for (int i = 0; i < k; i++)
                v[i] = !ps[i].ok ? NAN : l < ps[i].m->nlines ? ps[i].y[l] : 0;
            buf_clear(&b);
            buf_puts(&b, "  ");
            buf_name(&b, disp(&m->plants[m->lines[l].plant].n));
            buf_puts(&b, ": ");
            buf_name(&b, disp(&m->products[m->lines[l].product].n));
            flow_row(&t, k, buf_str(&b), v, cells, ptrs, "production (t)", &headed);
        }
        headed = false;
        for (int d = 0; d < lp0->nclasses; d++) {
            const DemandClass *dc = &lp0->classes[d];
            for (int i = 0; i < k; i++) {
                int e = same_class(lp0, d, cs[i].lp);
                v[i] = !ps[i].ok ? NAN : e >= 0 ? ps[i].sold[e] : 0;
            }
            buf_clear(&b);
            buf_puts(&b, "  ");
            buf_name(&b, disp(&m->markets[dc->market].n));
            buf_puts(&b, ": ");
            buf_name(&b, disp(&m->products[dc->product].n));
            if (dc->strategy >= 0) {
                buf_puts(&b, " (");
                buf_name(&b, disp(&m->strategies[dc->strategy].n));
                buf_puts(&b, ")");
            }
            flow_row(&t, k, buf_str(&b), v, cells, ptrs, "sales (t)", &headed);
        }
        table_print(&t, "", out);
        table_free(&t);
    }

    /* why a case has no plan */
    for (int i = 0; i < n; i++) {
        if (cases[i].sol->status == SOL_OPTIMAL)
            continue;
        buf_clear(&b);
        buf_name(&b, cases[i].label ? cases[i].label : cases[i].name ? cases[i].name : "");
        buf_puts(&b, ": ");
        fputc('\n', out);
        status_sentence(out, buf_str(&b), cases[i].lp->m, cases[i].sol);
        if (cases[i].sol->status == SOL_INFEASIBLE)
            text_shortfalls(cases[i].lp, cases[i].sol, "  ", out);
    }

    buf_free(&b);
    free(v);
    free(ptrs);
    free(cells);
    for (int i = 0; i < n; i++)
        plan_free(&plans[i]);
    free(plans);
    return ferror(out) ? -1 : 0;
}
