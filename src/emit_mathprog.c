/* emit_mathprog.c — the LP of lp.h as a GNU MathProg model with its data.
 *
 * The model section is fixed text: the sets, parameters, variables,
 * constraints and objective of language.md, "The program a model compiles
 * to", with comments for a reader who meets the model for the first
 * time.  Only the data section depends on the model.  Every number is
 * written so that it reads back as the very double lp.c used, and the
 * objective includes the constant fixed cost of the plants that are always
 * open, so that `glpsol --math` reports the objective value lp_build's
 * problem has.
 *
 * Closed plants (Plant.closed, set by a scenario) are treated as lp.c
 * treats them: their milk routes, lines and shipments keep their variables,
 * bounded to 0; they have no intake or output bounds, no `open` variable
 * and no fixed cost.  An optional plant that a scenario opened
 * (forced_open) keeps its `open` variable with a lower bound of 1. */
#include "emit.h"

#include "xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    FILE *out;
    bool bad;             /* a number MathProg cannot read (not finite) */
} W;

/* ------------------------------------------------------------ numbers */

/* The shortest of %.15g, %.16g, %.17g that reads back as v: exact, and
 * 0.45 stays "0.45" rather than "0.45000000000000001". */
static void num_text(W *w, double v, char *buf, size_t size)
{
    if (!isfinite(v)) {
        w->bad = true;
        snprintf(buf, size, "%s", isnan(v) ? "nan" : v > 0 ? "inf" : "-inf");
        return;
    }
    if (v == 0)
        v = 0; /* no "-0" */
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

/* ------------------------------------------------------------ names */

typedef struct {
    const char *s;
    int i;
} NameIx;

static int cmp_name(const void *a, const void *b)
{
    const NameIx *x = a, *y = b;
    int c = strcmp(x->s, y->s);
    return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Set element names for n entities of one kind (lp_ident), made unique
 * within the set: two names lp_ident maps to the same text ("f3" written by
 * hand and a third farm named in Cyrillic) get "_<index>" on the later one. */
static char **idents(const Model *m, char kind, int n)
{
    char **v = xcalloc((size_t)n + 1, sizeof *v);
    char buf[256];
    for (int i = 0; i < n; i++) {
        const char *name = kind == 'f'   ? m->farms[i].n.name
                           : kind == 'p' ? m->plants[i].n.name
                           : kind == 'k' ? m->products[i].n.name
                           : kind == 'c' ? m->components[i].name
                           : kind == 'g' ? m->grades[i].name
                                         : m->markets[i].n.name;
        lp_ident(name, kind, i, buf, sizeof buf);
        v[i] = xstrdup(buf);
    }
    NameIx *ix = xmalloc(sizeof *ix * ((size_t)n + 1));
    for (bool changed = true; changed;) {
        changed = false;
        for (int i = 0; i < n; i++)
            ix[i] = (NameIx){v[i], i};
        qsort(ix, (size_t)n, sizeof *ix, cmp_name);
        for (int i = 1; i < n; i++) {
            if (strcmp(ix[i].s, ix[i - 1].s) != 0)
                continue;
            int j = ix[i].i;
            snprintf(buf, sizeof buf, "%s_%d", v[j], j + 1);
            free(v[j]);
            v[j] = xstrdup(buf);
            changed = true;
        }
    }
    free(ix);
    return v;
}

static void free_idents(char **v, int n)
{
    for (int i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* ------------------------------------------------------------ tables */

/* A data table: rows of cells printed in aligned columns, each row with an
 * optional trailing comment.  The text is kept in one buffer, row after
 * row: the row's cells, then its comment ("" when none), each ending in
 * NUL; a million-row table is one allocation, not millions. */
typedef struct {
    int ncols;
    int nleft;            /* the first nleft columns (names) align left */
    int width[8];         /* widest cell of each column */
    char *buf;
    size_t len, cap;
    int nrows;
    int col;              /* cells of the row being filled */
} Table;

static void tab_init(Table *t, int ncols, int nleft)
{
    memset(t, 0, sizeof *t);
    t->ncols = ncols;
    t->nleft = nleft;
}

static void tab_put(Table *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        t->cap = t->cap ? t->cap * 2 : 4096;
        while (t->len + n + 1 > t->cap)
            t->cap *= 2;
        t->buf = xrealloc(t->buf, t->cap);
    }
    memcpy(t->buf + t->len, s, n);
    t->buf[t->len + n] = '\0';
    t->len += n + 1;
}

static void tab_cell(Table *t, const char *s)
{
    size_t n = strlen(s);
    tab_put(t, s, n);
    if ((int)n > t->width[t->col])
        t->width[t->col] = (int)n;
    if (++t->col == t->ncols) {
        tab_put(t, "", 0); /* no comment yet */
        t->col = 0;
        t->nrows++;
    }
}

static void tab_num(W *w, Table *t, double v)
{
    char buf[40];
    num_text(w, v, buf, sizeof buf);
    tab_cell(t, buf);
}

/* The comment of the row just completed: a and b with a space between,
 * line breaks and other control characters made spaces so that it stays
 * one `#` comment. */
static void tab_note(Table *t, const char *a, const char *b)
{
    t->len--; /* drop the empty comment */
    size_t at = t->len;
    tab_put(t, a, strlen(a));
    if (b && *b) {
        t->len--; /* append to a */
        if (*a) {
            tab_put(t, " ", 1);
            t->len--;
        }
        tab_put(t, b, strlen(b));
    }
    for (size_t i = at; i + 1 < t->len; i++)
        if ((unsigned char)t->buf[i] < 0x20 || t->buf[i] == 0x7f)
            t->buf[i] = ' ';
}

/* `param : NAMES :=` then the rows, columns aligned, `;`. */
static void tab_print(W *w, Table *t, const char *head)
{
    fputs(head, w->out);
    const char *p = t->buf;
    for (int r = 0; r < t->nrows; r++) {
        const char *note = p;
        for (int c = 0; c < t->ncols; c++)
            note += strlen(note) + 1;
        fputs("\n ", w->out);
        for (int c = 0; c < t->ncols; c++) {
            /* no padding after a last, left-aligned cell */
            int wd = c == t->ncols - 1 && !*note && c < t->nleft ? 0 : t->width[c];
            fprintf(w->out, " %*s", c < t->nleft ? -wd : wd, p);
            p += strlen(p) + 1;
        }
        if (*note)
            fprintf(w->out, "  # %s", note);
        p = note + strlen(note) + 1;
    }
    fputs(t->nrows ? "\n;\n" : " ;\n", w->out);
    free(t->buf);
}

/* `set NAME := a b c;`, wrapped before column 78. */
static void set_line(W *w, const char *name, char **elems, int n)
{
    int col = fprintf(w->out, "set %s :=", name);
    for (int i = 0; i < n; i++) {
        int len = (int)strlen(elems[i]);
        if (col + 1 + len > 78) {
            fputs("\n ", w->out);
            col = 1;
        }
        col += fprintf(w->out, " %s", elems[i]);
    }
    fputs(";\n", w->out);
}

/* A label or a name lp_ident replaced, for the comment of a data row. */
static void note_named(Table *t, const Named *n, const char *ident)
{
    bool renamed = strcmp(n->name, ident) != 0;
    if (renamed || n->label)
        tab_note(t, renamed ? n->name : "", n->label);
}

/* ------------------------------------------------------------ model text */

static const char model_sets[] =
    "/* ------------------------------------------------------------ sets */\n"
    "\n"
    "set FARMS;     # farms: where raw milk comes from\n"
    "set PLANTS;    # plants: where raw milk is made into products\n"
    "set PRODUCTS;  # what the plants make\n"
    "set MARKETS;   # where the products are sold\n"
    "set CLASSES;   # demand classes: what one market may take of one product\n"
    "               # at one price (one per demand line of a market)\n"
    "\n"
    "# Only listed routes and lines exist, and only they get variables.\n"
    "set MILK_ROUTES within FARMS cross PLANTS;  # (f,p): raw milk can go from f to p\n"
    "set LINES within PLANTS cross PRODUCTS;     # (p,k): plant p has a line making k\n"
    "set SHIPS within PLANTS cross CLASSES;      # (p,d): a product route goes from p to\n"
    "                                            # d's market and p makes d's product\n"
    "set OPTIONAL within PLANTS;  # plants that may stay closed: open[p] decides\n"
    "set FORCED within OPTIONAL;  # optional plants a scenario opened (open[p] = 1)\n"
    "set CLOSED within PLANTS;    # plants a scenario closed: no milk, no output,\n"
    "                             # no fixed cost\n"
    "set ALWAYS := PLANTS diff OPTIONAL diff CLOSED;  # plants that are open for sure\n"
    "\n";

static const char model_params[] =
    "/* ------------------------------------------------------------ parameters */\n"
    "\n"
    "# Quantities are in tonnes (t), money in %s.  Haulage is already a cost\n"
    "# per tonne: the rate times the distance, or the route's own cost.\n"
    "param supply_lo{FARMS};     # t: contracted minimum the farm must deliver\n"
    "param supply_hi{FARMS};     # t: most raw milk the farm can deliver\n"
    "param milk_price{FARMS};    # %s/t: price of the farm's raw milk\n"
    "param cap_lo{PLANTS};       # t: least raw milk an open plant takes in\n"
    "param cap_hi{PLANTS};       # t: most raw milk an open plant takes in\n"
    "param fixed{PLANTS};        # %s: fixed cost of running the plant\n"
    "param milk_norm{PRODUCTS};  # t of raw milk per t of product\n"
    "param out_lo{LINES};        # t: least output of the line of an open plant\n"
    "param out_hi{LINES};        # t: most output of the line\n"
    "param line_cost{LINES};     # %s/t: processing cost\n"
    "param milk_haul{MILK_ROUTES};  # %s/t: haulage of raw milk on the route\n"
    "param class_market{CLASSES} symbolic in MARKETS;    # the market of class d\n"
    "param class_product{CLASSES} symbolic in PRODUCTS;  # the product of class d\n"
    "param lo{CLASSES};          # t: what the market must take\n"
    "param hi{CLASSES};          # t: what the market may take\n"
    "param price{CLASSES};       # %s/t: selling price\n"
    "param service{CLASSES};     # %s/t: cost of serving the class\n"
    "param haul{SHIPS};          # %s/t: haulage of the product from p to d's market\n"
    "param unit_profit{SHIPS};   # %s/t: price[d] - service[d] - haul[p,d]\n"
    "\n"
    "# A shipment (p,d) takes product from p's line of d's product.\n"
    "check{(p,d) in SHIPS}: (p, class_product[d]) in LINES;\n"
    "\n";

static const char model_vars[] =
    "/* ------------------------------------------------------------ variables */\n"
    "\n"
    "# A closed plant's routes, lines and shipments carry nothing.\n"
    "var x{(f,p) in MILK_ROUTES} >= 0, <= if p in CLOSED then 0 else Infinity;\n"
    "    # t of raw milk farm f sends to plant p\n"
    "var y{(p,k) in LINES} >= 0, <= if p in CLOSED then 0 else Infinity;\n"
    "    # t of product k plant p makes\n"
    "var s{(p,d) in SHIPS} >= 0, <= if p in CLOSED then 0 else Infinity;\n"
    "    # t of d's product plant p ships to d's market\n"
    "var open{p in OPTIONAL} binary, >= if p in FORCED then 1 else 0;\n"
    "    # 1 when optional plant p runs, 0 when it stays closed\n"
    "\n";

static const char model_rows[] =
    "/* ------------------------------------------------------------ constraints */\n"
    "\n"
    "# Sums run over the members of a set that have a route or a line, e.g.\n"
    "# sum{p in PLANTS: (f,p) in MILK_ROUTES}: the plants farm f has a route to.\n"
    "\n"
    "# 1. Farm supply: each farm delivers at least its contracted minimum and at\n"
    "#    most what it has.\n"
    "s.t. supply{f in FARMS}:\n"
    "    supply_lo[f] <= sum{p in PLANTS: (f,p) in MILK_ROUTES} x[f,p] <= supply_hi[f];\n"
    "\n"
    "# 2. Plant intake: a plant takes in between its least and most capacity of\n"
    "#    raw milk.  For an optional plant both bounds are multiplied by open[p]:\n"
    "#    a plant that stays closed takes nothing, an open one as any other.\n"
    "s.t. intake{p in ALWAYS}:\n"
    "    cap_lo[p] <= sum{f in FARMS: (f,p) in MILK_ROUTES} x[f,p] <= cap_hi[p];\n"
    "s.t. intake_open{p in OPTIONAL}:\n"
    "    sum{f in FARMS: (f,p) in MILK_ROUTES} x[f,p] <= cap_hi[p] * open[p];\n"
    "s.t. intake_min{p in OPTIONAL: cap_lo[p] > 0}:\n"
    "    sum{f in FARMS: (f,p) in MILK_ROUTES} x[f,p] >= cap_lo[p] * open[p];\n"
    "\n"
    "# 3. Milk balance: a plant cannot process more raw milk than it collects;\n"
    "#    each t of product k uses milk_norm[k] t of raw milk.  Milk collected\n"
    "#    but not processed is allowed (and reported).\n"
    "s.t. milk{p in PLANTS}:\n"
    "    sum{k in PRODUCTS: (p,k) in LINES} milk_norm[k] * y[p,k]\n"
    "        <= sum{f in FARMS: (f,p) in MILK_ROUTES} x[f,p];\n"
    "\n"
    "# 4. Line output: each line makes between its least and most output; for\n"
    "#    an optional plant, only when the plant is open.\n"
    "s.t. output{(p,k) in LINES: p in ALWAYS}:\n"
    "    out_lo[p,k] <= y[p,k] <= out_hi[p,k];\n"
    "s.t. output_open{(p,k) in LINES: p in OPTIONAL}:\n"
    "    y[p,k] <= out_hi[p,k] * open[p];\n"
    "s.t. output_min{(p,k) in LINES: p in OPTIONAL and out_lo[p,k] > 0}:\n"
    "    y[p,k] >= out_lo[p,k] * open[p];\n"
    "\n"
    "# 5. Product balance: a plant ships no more of a product than it makes.\n"
    "#    What is made but not sold is stock (reported).\n"
    "s.t. stock{(p,k) in LINES}:\n"
    "    sum{d in CLASSES: class_product[d] = k and (p,d) in SHIPS} s[p,d] <= y[p,k];\n"
    "\n"
    "# 6. Demand: each market takes at least what it must and at most what it\n"
    "#    may of each class, from all plants together.\n"
    "s.t. demand{d in CLASSES}:\n"
    "    lo[d] <= sum{p in PLANTS: (p,d) in SHIPS} s[p,d] <= hi[d];\n"
    "\n";

static const char model_profit[] =
    "/* ------------------------------------------------------------ objective */\n"
    "\n"
    "# Profit: what the markets pay less service and product haulage, less the\n"
    "# raw milk bought and hauled, less processing, less fixed costs.  The\n"
    "# fixed costs of plants that are open for sure do not depend on the plan:\n"
    "# they are the constant last term.  (glpsol says \"constant term ...\n"
    "# ignored\" about this row: that is the row listing only, the objective\n"
    "# value includes it.)\n"
    "maximize profit:\n"
    "    sum{(p,d) in SHIPS} unit_profit[p,d] * s[p,d]\n"
    "  - sum{(f,p) in MILK_ROUTES} (%s + milk_haul[f,p]) * x[f,p]\n"
    "  - sum{(p,k) in LINES} line_cost[p,k] * y[p,k]\n"
    "  - sum{p in OPTIONAL} fixed[p] * open[p]\n"
    "  - sum{p in ALWAYS} fixed[p];\n"
    "\n";

static const char model_cost[] =
    "/* ------------------------------------------------------------ objective */\n"
    "\n"
    "# Cost: service and haulage of the products sold, the raw milk bought and\n"
    "# hauled, processing and fixed costs (revenue plays no part: the lower\n"
    "# bounds of demand make the plan do something).  The fixed costs of\n"
    "# plants that are open for sure are the constant last term.  (glpsol\n"
    "# says \"constant term ... ignored\" about this row: that is the row\n"
    "# listing only, the objective value includes it.)\n"
    "minimize cost:\n"
    "    sum{(p,d) in SHIPS} (service[d] + haul[p,d]) * s[p,d]\n"
    "  + sum{(f,p) in MILK_ROUTES} (%s + milk_haul[f,p]) * x[f,p]\n"
    "  + sum{(p,k) in LINES} line_cost[p,k] * y[p,k]\n"
    "  + sum{p in OPTIONAL} fixed[p] * open[p]\n"
    "  + sum{p in ALWAYS} fixed[p];\n"
    "\n";

/* Milk components and grades (language.md, "Milk components and grades"),
 * written only for a model that has them, so that the program of any other
 * model reads as it always did.  The balances exist where lp.c makes them:
 * a component where some line of the plant makes a product containing it,
 * a grade above the lowest where some line makes a product that needs it. */
static const char model_components[] =
    "/* ------------------------------------------------------------ milk components */\n"
    "\n"
    "set COMPONENTS;  # what milk contains that the model tracks (fat, protein)\n"
    "param farm_content{FARMS, COMPONENTS};             # share of a t of the farm's milk\n"
    "param prod_content{PRODUCTS, COMPONENTS} default 0;  # share of a t of product\n"
    "\n"
    "# 3a. Component balance: a plant's products contain no more of a component\n"
    "#     than the milk it takes in.  A product with milk_norm 0 draws only its\n"
    "#     components (the rest of the milk goes on to other products).\n"
    "s.t. comp{p in PLANTS, c in COMPONENTS:\n"
    "          exists{(q,k) in LINES: q = p} prod_content[k,c] <> 0}:\n"
    "    sum{k in PRODUCTS: (p,k) in LINES} prod_content[k,c] * y[p,k]\n"
    "        <= sum{f in FARMS: (f,p) in MILK_ROUTES} farm_content[f,c] * x[f,p];\n"
    "\n";

static const char model_pay_by[] =
    "# Pay by: milk_price is per t of milk at pay_basis of component pay_by; a\n"
    "# farm is paid milk_price * farm_content[f,pay_by] / pay_basis per t.\n"
    "param pay_by symbolic in COMPONENTS;\n"
    "param pay_basis;  # share of a t\n"
    "\n";

static const char model_grades[] =
    "/* ------------------------------------------------------------ milk grades */\n"
    "\n"
    "set GRADES;                           # milk grades\n"
    "param grade_rank{GRADES} integer;     # 1 the lowest, higher is better\n"
    "param farm_grade{FARMS} symbolic in GRADES;     # the grade of the farm's milk\n"
    "param prod_grade{PRODUCTS} symbolic in GRADES;  # lowest grade a product takes\n"
    "\n"
    "# 3b. Grade balance: the milk of grade g or better a plant's products use\n"
    "#     is no more than it takes in of grade g or better (for the lowest\n"
    "#     grade this is the milk balance).\n"
    "s.t. grade{p in PLANTS, g in GRADES: grade_rank[g] > 1 and\n"
    "          exists{(q,k) in LINES: q = p} grade_rank[prod_grade[k]] >= grade_rank[g]}:\n"
    "    sum{k in PRODUCTS: (p,k) in LINES and grade_rank[prod_grade[k]] >= grade_rank[g]}\n"
    "        milk_norm[k] * y[p,k]\n"
    "        <= sum{f in FARMS: (f,p) in MILK_ROUTES and\n"
    "               grade_rank[farm_grade[f]] >= grade_rank[g]} x[f,p];\n"
    "\n";

/* What of components and grades the model has. */
static bool has_components(const Model *m) { return m->ncomponents > 0; }
static bool has_grades(const Model *m) { return m->ngrades > 1; }
static bool has_pay_by(const Model *m)
{
    return m->pay_by >= 0 && m->pay_by < m->ncomponents && m->pay_basis > 0;
}

/* Text for a one-line `#` comment: control characters become spaces. */
static void comment_text(FILE *out, const char *s)
{
    for (; *s; s++)
        fputc((unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s, out);
}

/* ------------------------------------------------------------ the writer */

/* The opening comment and the fixed model section. */
static void write_model(const Lp *lp, FILE *out, const char *cur)
{
    const Model *m = lp->m;
    fputs("# GNU MathProg model written by `dairy emit mathprog`", out);
    if (m->title) {
        fputs(" from\n#   ", out);
        comment_text(out, m->title);
    }
    fputs("\n#\n"
          "# The transport-production model of a dairy chain: farms send raw milk\n"
          "# to plants, plants make products on their lines, plants ship products\n"
          "# to markets.  The plan decides how much goes where",
          out);
    fputs(lp->mip ? ", and which optional\n# plants run.\n" : ".\n", out);
    fputs("#\n# Solve it with:  glpsol --math THIS_FILE -o REPORT\n\n", out);

    fputs(model_sets, out);
    fprintf(out, model_params, cur, cur, cur, cur, cur, cur, cur, cur, cur);
    fputs(model_vars, out);
    fputs(model_rows, out);
    if (has_components(m))
        fputs(model_components, out);
    if (has_pay_by(m))
        fputs(model_pay_by, out);
    if (has_grades(m))
        fputs(model_grades, out);
    fprintf(out, m->objective == OBJ_MIN_COST ? model_cost : model_profit,
            has_pay_by(m) ? "milk_price[f] * farm_content[f,pay_by] / pay_basis"
                          : "milk_price[f]");
}

/* What the data section's steps share: the identifiers of each kind of
 * entity, and one scratch array long enough for the elements of any set. */
typedef struct {
    W *w;
    const Lp *lp;
    const Model *m;
    const char *cur;
    char **farm, **plant, **prod, **mkt;
    char **comp, **grade;   /* NULL without components / grades */
    char **list;
} Data;

/* A set whose n elements were built into list (xstrdup): written, then
 * freed. */
static void built_set(Data *D, const char *name, int n)
{
    set_line(D->w, name, D->list, n);
    for (int i = 0; i < n; i++)
        free(D->list[i]);
}

/* The sets: entities, classes, routes, lines, shipments, and the optional
 * plants in their three states. */
static void write_sets(Data *D)
{
    const Model *m = D->m;
    const Lp *lp = D->lp;
    W *w = D->w;
    char **list = D->list;
    char buf[256];
    set_line(w, "FARMS", D->farm, m->nfarms);
    set_line(w, "PLANTS", D->plant, m->nplants);
    set_line(w, "PRODUCTS", D->prod, m->nproducts);
    set_line(w, "MARKETS", D->mkt, m->nmarkets);
    for (int d = 0; d < lp->nclasses; d++) {
        snprintf(buf, sizeof buf, "d%d", d + 1);
        list[d] = xstrdup(buf);
    }
    built_set(D, "CLASSES", lp->nclasses);

    int n = 0;
    for (int r = 0; r < m->nroutes; r++) {
        const Route *rt = &m->routes[r];
        if (rt->kind != ROUTE_MILK)
            continue;
        snprintf(buf, sizeof buf, "(%s,%s)", D->farm[rt->from], D->plant[rt->to]);
        list[n++] = xstrdup(buf);
    }
    built_set(D, "MILK_ROUTES", n);
    for (int l = 0; l < m->nlines; l++) {
        snprintf(buf, sizeof buf, "(%s,%s)", D->plant[m->lines[l].plant],
                 D->prod[m->lines[l].product]);
        list[l] = xstrdup(buf);
    }
    built_set(D, "LINES", m->nlines);
    for (int s = 0; s < lp->nships; s++) {
        snprintf(buf, sizeof buf, "(%s,d%d)", D->plant[lp->ships[s].plant],
                 lp->ships[s].cls + 1);
        list[s] = xstrdup(buf);
    }
    built_set(D, "SHIPS", lp->nships);
    /* optional plants that run or may run (lp.c gives them an open column) */
    int nopt = 0, nforced = 0, nclosed = 0;
    for (int p = 0; p < m->nplants; p++)
        if (m->plants[p].optional && !m->plants[p].closed)
            list[nopt++] = D->plant[p];
    set_line(w, "OPTIONAL", list, nopt);
    for (int p = 0; p < m->nplants; p++)
        if (m->plants[p].optional && !m->plants[p].closed && m->plants[p].forced_open)
            list[nforced++] = D->plant[p];
    set_line(w, "FORCED", list, nforced);
    for (int p = 0; p < m->nplants; p++)
        if (m->plants[p].closed)
            list[nclosed++] = D->plant[p];
    set_line(w, "CLOSED", list, nclosed);
    fputc('\n', w->out);
}

/* The parameters of farms, plants and products, one table each. */
static void write_entity_params(Data *D)
{
    const Model *m = D->m;
    W *w = D->w;
    Table t;
    tab_init(&t, 4, 1);
    for (int f = 0; f < m->nfarms; f++) {
        const Farm *fa = &m->farms[f];
        tab_cell(&t, D->farm[f]);
        tab_num(w, &t, fa->supply.lo);
        tab_num(w, &t, fa->supply.hi);
        tab_num(w, &t, fa->price);
        note_named(&t, &fa->n, D->farm[f]);
    }
    tab_print(w, &t, "param : supply_lo supply_hi milk_price :=");

    tab_init(&t, 4, 1);
    for (int p = 0; p < m->nplants; p++) {
        const Plant *pl = &m->plants[p];
        tab_cell(&t, D->plant[p]);
        tab_num(w, &t, pl->capacity.lo);
        tab_num(w, &t, pl->capacity.hi);
        tab_num(w, &t, pl->fixed);
        note_named(&t, &pl->n, D->plant[p]);
    }
    tab_print(w, &t, "param : cap_lo cap_hi fixed :=");

    tab_init(&t, 2, 1);
    for (int k = 0; k < m->nproducts; k++) {
        tab_cell(&t, D->prod[k]);
        const Product *pr = &m->products[k];
        tab_num(w, &t, pr->milk); /* 0 for a product without a norm */
        note_named(&t, &m->products[k].n, D->prod[k]);
    }
    tab_print(w, &t, "param : milk_norm :=");
}

/* The parameters of lines and of milk routes (a route priced by distance
 * says how in a comment). */
static void write_line_route_params(Data *D)
{
    const Model *m = D->m;
    W *w = D->w;
    char buf[256];
    Table t;
    tab_init(&t, 5, 2);
    for (int l = 0; l < m->nlines; l++) {
        const ProdLine *ln = &m->lines[l];
        tab_cell(&t, D->plant[ln->plant]);
        tab_cell(&t, D->prod[ln->product]);
        tab_num(w, &t, ln->output.lo);
        tab_num(w, &t, ln->output.hi);
        tab_num(w, &t, ln->cost);
    }
    tab_print(w, &t, "param : out_lo out_hi line_cost :=");

    tab_init(&t, 3, 2);
    for (int r = 0; r < m->nroutes; r++) {
        const Route *rt = &m->routes[r];
        if (rt->kind != ROUTE_MILK)
            continue;
        tab_cell(&t, D->farm[rt->from]);
        tab_cell(&t, D->plant[rt->to]);
        tab_num(w, &t, D->lp->route_cost[r]);
        if (rt->has_distance) {
            char a[40], b[40];
            num_text(w, m->transport.milk, a, sizeof a);
            num_text(w, rt->distance, b, sizeof b);
            snprintf(buf, sizeof buf, "%s %s/t/km x %s km", a, D->cur, b);
            tab_note(&t, buf, NULL);
        }
    }
    tab_print(w, &t, "param : milk_haul :=");
}

/* The parameters of demand classes and of shipments. */
static void write_class_ship_params(Data *D)
{
    const Model *m = D->m;
    const Lp *lp = D->lp;
    W *w = D->w;
    char buf[256];
    Table t;
    tab_init(&t, 7, 3);
    for (int d = 0; d < lp->nclasses; d++) {
        const DemandClass *dc = &lp->classes[d];
        snprintf(buf, sizeof buf, "d%d", d + 1);
        tab_cell(&t, buf);
        tab_cell(&t, D->mkt[dc->market]);
        tab_cell(&t, D->prod[dc->product]);
        tab_num(w, &t, dc->volume.lo);
        tab_num(w, &t, dc->volume.hi);
        tab_num(w, &t, dc->price);
        tab_num(w, &t, dc->service);
        if (dc->strategy >= 0 && dc->strategy < m->nstrategies)
            tab_note(&t, "strategy", m->strategies[dc->strategy].n.name);
    }
    tab_print(w, &t, "param : class_market class_product lo hi price service :=");

    tab_init(&t, 4, 2);
    for (int s = 0; s < lp->nships; s++) {
        const Shipment *sh = &lp->ships[s];
        tab_cell(&t, D->plant[sh->plant]);
        snprintf(buf, sizeof buf, "d%d", sh->cls + 1);
        tab_cell(&t, buf);
        tab_num(w, &t, sh->haulage);
        tab_num(w, &t, sh->unit_profit);
        snprintf(buf, sizeof buf, "to %s", D->mkt[m->routes[sh->route].to]);
        tab_note(&t, buf, NULL);
    }
    tab_print(w, &t, "param : haul unit_profit :=");
}

/* The data of components, pay by and grades (only for a model with them). */
static void write_quality(Data *D)
{
    const Model *m = D->m;
    W *w = D->w;
    char buf[64];
    Table t;
    if (has_components(m)) {
        fputc('\n', w->out);
        set_line(w, "COMPONENTS", D->comp, m->ncomponents);
        tab_init(&t, 3, 2);
        for (int f = 0; f < m->nfarms; f++)
            for (int c = 0; c < m->ncomponents; c++) {
                tab_cell(&t, D->farm[f]);
                tab_cell(&t, D->comp[c]);
                tab_num(w, &t, m->farms[f].content ? m->farms[f].content[c] : 0);
            }
        tab_print(w, &t, "param farm_content :=");
        tab_init(&t, 3, 2);
        for (int k = 0; k < m->nproducts; k++)
            for (int c = 0; c < m->ncomponents; c++) {
                double v = m->products[k].content ? m->products[k].content[c] : 0;
                if (v == 0)
                    continue;
                tab_cell(&t, D->prod[k]);
                tab_cell(&t, D->comp[c]);
                tab_num(w, &t, v);
            }
        tab_print(w, &t, "param prod_content :=");
    }
    if (has_pay_by(m)) {
        fprintf(w->out, "param pay_by := %s;\n", D->comp[m->pay_by]);
        num_text(w, m->pay_basis, buf, sizeof buf);
        fprintf(w->out, "param pay_basis := %s;\n", buf);
    }
    if (has_grades(m)) {
        fputc('\n', w->out);
        set_line(w, "GRADES", D->grade, m->ngrades);
        tab_init(&t, 2, 1);
        for (int g = 0; g < m->ngrades; g++) {
            tab_cell(&t, D->grade[g]);
            snprintf(buf, sizeof buf, "%d", g + 1);
            tab_cell(&t, buf);
        }
        tab_print(w, &t, "param grade_rank :=");
        tab_init(&t, 2, 1);
        for (int f = 0; f < m->nfarms; f++) {
            int g = m->farms[f].grade;
            tab_cell(&t, D->farm[f]);
            tab_cell(&t, D->grade[g >= 0 && g < m->ngrades ? g : 0]);
        }
        tab_print(w, &t, "param farm_grade :=");
        tab_init(&t, 2, 1);
        for (int k = 0; k < m->nproducts; k++) {
            int g = m->products[k].grade;
            tab_cell(&t, D->prod[k]);
            tab_cell(&t, D->grade[g >= 0 && g < m->ngrades ? g : 0]);
        }
        tab_print(w, &t, "param prod_grade :=");
    }
}

int emit_mathprog(const Lp *lp, FILE *out)
{
    const Model *m = lp->m;
    W w = {out, false};
    const char *cur = m->currency[0] ? m->currency : "money";
    write_model(lp, out, cur);

    Data D = {.w = &w, .lp = lp, .m = m, .cur = cur};
    D.farm = idents(m, 'f', m->nfarms);
    D.plant = idents(m, 'p', m->nplants);
    D.prod = idents(m, 'k', m->nproducts);
    D.mkt = idents(m, 'm', m->nmarkets);
    if (has_components(m))
        D.comp = idents(m, 'c', m->ncomponents);
    if (has_grades(m))
        D.grade = idents(m, 'g', m->ngrades);
    int nmax = m->nplants;
    if (m->nroutes > nmax)
        nmax = m->nroutes;
    if (m->nlines > nmax)
        nmax = m->nlines;
    if (lp->nclasses > nmax)
        nmax = lp->nclasses;
    if (lp->nships > nmax)
        nmax = lp->nships;
    D.list = xcalloc((size_t)nmax + 1, sizeof *D.list);

    fputs("/* ------------------------------------------------------------ data */\n\n"
          "data;\n\n",
          out);
    write_sets(&D);
    write_entity_params(&D);
    write_line_route_params(&D);
    write_class_ship_params(&D);
    write_quality(&D);
    fputs("\nend;\n", out);

    free(D.list);
    free_idents(D.farm, m->nfarms);
    free_idents(D.plant, m->nplants);
    free_idents(D.prod, m->nproducts);
    free_idents(D.mkt, m->nmarkets);
    if (D.comp)
        free_idents(D.comp, m->ncomponents);
    if (D.grade)
        free_idents(D.grade, m->ngrades);
    return w.bad || ferror(out) ? -1 : 0;
}
