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
 * (forced_open) keeps its `open` variable with a lower bound of 1.
 *
 * A model with periods has its own model section (emit_mathprog_periods.c);
 * the data writers here serve both, a period column added to each table
 * of what a period can change. */
#include "emit.h"
#include "emit_mathprog_int.h"

#include "xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

const char mp_model_pay_by[] =
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

/* ------------------------------------------------------------ the writer */

/* The opening comment and the fixed model section. */
static void write_model(const Lp *lp, FILE *out, const char *cur)
{
    const Model *m = lp->m;
    fputs("# GNU MathProg model written by `dairy emit mathprog`", out);
    if (m->title) {
        fputs(" from\n#   ", out);
        mp_comment_text(out, m->title);
    }
    fputs("\n#\n"
          "# The transport-production model of a dairy chain: farms send raw milk\n"
          "# to plants, plants make products on their lines, plants ship products\n"
          "# to markets.  The plan decides how much goes where",
          out);
    fputs(lp->mip ? ", and which optional\n# plants run.\n" : ".\n", out);
    fputs("#\n# Solve it with:  glpsol --math THIS_FILE -o REPORT\n\n", out);
    if (lp->nperiods) {
        mp_periods_model(lp, out, cur);
        return;
    }

    fputs(model_sets, out);
    fprintf(out, model_params, cur, cur, cur, cur, cur, cur, cur, cur, cur);
    fputs(model_vars, out);
    fputs(model_rows, out);
    if (mp_has_components(m))
        fputs(model_components, out);
    if (mp_has_pay_by(m))
        fputs(mp_model_pay_by, out);
    if (mp_has_grades(m))
        fputs(model_grades, out);
    fprintf(out, m->objective == OBJ_MIN_COST ? model_cost : model_profit,
            mp_has_pay_by(m) ? "milk_price[f] * farm_content[f,pay_by] / pay_basis"
                          : "milk_price[f]");
}

/* The parts of the program (one per period; without periods the one part
 * is lp itself) and the model of part t. */
static int nparts(const Data *D) { return D->T ? D->T : 1; }
static const Model *part_model(const Data *D, int t) { return lp_part(D->lp, t)->m; }

/* With periods, period t as the last key cell of a row. */
static void period_cell(const Data *D, Table *tab, int t)
{
    if (D->T)
        mp_tab_cell(tab, D->period[t]);
}

/* A tuple element "(a,b)", "(a,b,t)" or, with one part, "a" alone; with
 * periods the period's identifier closes it.  Into D->list[n]. */
static void tuple(Data *D, int n, const char *a, const char *b, int t)
{
    char buf[512];
    const char *pt = D->T ? D->period[t] : NULL;
    if (b)
        snprintf(buf, sizeof buf, "(%s,%s%s%s)", a, b, pt ? "," : "", pt ? pt : "");
    else if (pt)
        snprintf(buf, sizeof buf, "(%s,%s)", a, pt);
    else
        snprintf(buf, sizeof buf, "%s", a);
    D->list[n] = xstrdup(buf);
}

/* The sets: entities, classes, routes, lines, shipments, and the optional
 * plants in their three states.  With periods the classes, shipments and
 * closed plants are per period; OPTIONAL and FORCED are for the horizon
 * (lp.c's one `open` column). */
static void write_sets(Data *D)
{
    const Model *m = D->m;
    const Lp *lp = D->lp;
    W *w = D->w;
    char **list = D->list;
    char buf[256];
    mp_set_line(w, "FARMS", D->farm, m->nfarms);
    mp_set_line(w, "PLANTS", D->plant, m->nplants);
    mp_set_line(w, "PRODUCTS", D->prod, m->nproducts);
    mp_set_line(w, "MARKETS", D->mkt, m->nmarkets);
    int n = 0;
    for (int t = 0; t < nparts(D); t++)
        for (int d = 0; d < lp_part(lp, t)->nclasses; d++) {
            snprintf(buf, sizeof buf, "d%d", d + 1);
            tuple(D, n++, buf, NULL, t);
        }
    mp_built_set(D, "CLASSES", n);

    n = 0;
    for (int r = 0; r < m->nroutes; r++) {
        const Route *rt = &m->routes[r];
        if (rt->kind != ROUTE_MILK)
            continue;
        snprintf(buf, sizeof buf, "(%s,%s)", D->farm[rt->from], D->plant[rt->to]);
        list[n++] = xstrdup(buf);
    }
    mp_built_set(D, "MILK_ROUTES", n);
    for (int l = 0; l < m->nlines; l++) {
        snprintf(buf, sizeof buf, "(%s,%s)", D->plant[m->lines[l].plant],
                 D->prod[m->lines[l].product]);
        list[l] = xstrdup(buf);
    }
    mp_built_set(D, "LINES", m->nlines);
    n = 0;
    for (int t = 0; t < nparts(D); t++) {
        const Lp *part = lp_part(lp, t);
        for (int s = 0; s < part->nships; s++) {
            snprintf(buf, sizeof buf, "d%d", part->ships[s].cls + 1);
            tuple(D, n++, D->plant[part->ships[s].plant], buf, t);
        }
    }
    mp_built_set(D, "SHIPS", n);
    /* optional plants that run or may run (lp.c gives them an open column) */
    int nopt = 0, nforced = 0;
    for (int p = 0; p < m->nplants; p++)
        if (lp->col_open[p])
            list[nopt++] = D->plant[p];
    mp_set_line(w, "OPTIONAL", list, nopt);
    for (int p = 0; p < m->nplants; p++)
        if (lp->col_open[p] && m->plants[p].forced_open)
            list[nforced++] = D->plant[p];
    mp_set_line(w, "FORCED", list, nforced);
    n = 0;
    for (int p = 0; p < m->nplants; p++)
        for (int t = 0; t < nparts(D); t++)
            if (part_model(D, t)->plants[p].closed)
                tuple(D, n++, D->plant[p], NULL, t);
    mp_built_set(D, "CLOSED", n);
    fputc('\n', w->out);
}

/* The parameters of farms, plants and products, one table each. */
static void write_entity_params(Data *D)
{
    const Model *m = D->m;
    W *w = D->w;
    int k1 = D->T ? 1 : 0; /* the period's key column */
    Table t;
    mp_tab_init(&t, 4 + k1, 1 + k1);
    for (int f = 0; f < m->nfarms; f++)
        for (int i = 0; i < nparts(D); i++) {
            const Farm *fa = &part_model(D, i)->farms[f];
            mp_tab_cell(&t, D->farm[f]);
            period_cell(D, &t, i);
            mp_tab_num(w, &t, fa->supply.lo);
            mp_tab_num(w, &t, fa->supply.hi);
            mp_tab_num(w, &t, fa->price);
            if (i == 0)
                mp_note_named(&t, &fa->n, D->farm[f]);
        }
    mp_tab_print(w, &t, "param : supply_lo supply_hi milk_price :=");

    mp_tab_init(&t, 4 + k1, 1 + k1);
    for (int p = 0; p < m->nplants; p++)
        for (int i = 0; i < nparts(D); i++) {
            const Plant *pl = &part_model(D, i)->plants[p];
            mp_tab_cell(&t, D->plant[p]);
            period_cell(D, &t, i);
            mp_tab_num(w, &t, pl->capacity.lo);
            mp_tab_num(w, &t, pl->capacity.hi);
            mp_tab_num(w, &t, pl->fixed);
            if (i == 0)
                mp_note_named(&t, &pl->n, D->plant[p]);
        }
    mp_tab_print(w, &t, "param : cap_lo cap_hi fixed :=");

    mp_tab_init(&t, 2 + k1, 1 + k1);
    for (int k = 0; k < m->nproducts; k++)
        for (int i = 0; i < nparts(D); i++) {
            const Product *pr = &part_model(D, i)->products[k];
            mp_tab_cell(&t, D->prod[k]);
            period_cell(D, &t, i);
            mp_tab_num(w, &t, pr->milk); /* 0 for a product without a norm */
            if (i == 0)
                mp_note_named(&t, &pr->n, D->prod[k]);
        }
    mp_tab_print(w, &t, "param : milk_norm :=");
}

/* The parameters of lines and of milk routes (a route priced by distance
 * says how in a comment). */
static void write_line_route_params(Data *D)
{
    const Model *m = D->m;
    W *w = D->w;
    int k1 = D->T ? 1 : 0;
    char buf[256];
    Table t;
    mp_tab_init(&t, 5 + k1, 2 + k1);
    for (int l = 0; l < m->nlines; l++)
        for (int i = 0; i < nparts(D); i++) {
            const ProdLine *ln = &part_model(D, i)->lines[l];
            mp_tab_cell(&t, D->plant[ln->plant]);
            mp_tab_cell(&t, D->prod[ln->product]);
            period_cell(D, &t, i);
            mp_tab_num(w, &t, ln->output.lo);
            mp_tab_num(w, &t, ln->output.hi);
            mp_tab_num(w, &t, ln->cost);
        }
    mp_tab_print(w, &t, "param : out_lo out_hi line_cost :=");

    mp_tab_init(&t, 3 + k1, 2 + k1);
    for (int r = 0; r < m->nroutes; r++)
        for (int i = 0; i < nparts(D); i++) {
            const Route *rt = &m->routes[r];
            if (rt->kind != ROUTE_MILK)
                continue;
            mp_tab_cell(&t, D->farm[rt->from]);
            mp_tab_cell(&t, D->plant[rt->to]);
            period_cell(D, &t, i);
            mp_tab_num(w, &t, lp_part(D->lp, i)->route_cost[r]);
            if (rt->has_distance) {
                char a[40], b[40];
                mp_num_text(w, part_model(D, i)->transport.milk, a, sizeof a);
                mp_num_text(w, rt->distance, b, sizeof b);
                snprintf(buf, sizeof buf, "%s %s/t/km x %s km", a, D->cur, b);
                mp_tab_note(&t, buf, NULL);
            }
        }
    mp_tab_print(w, &t, "param : milk_haul :=");
}

/* The parameters of demand classes and of shipments, a period at a time. */
static void write_class_ship_params(Data *D)
{
    const Model *m = D->m;
    W *w = D->w;
    int k1 = D->T ? 1 : 0;
    char buf[256];
    Table t;
    mp_tab_init(&t, 7 + k1, 3 + k1);
    for (int i = 0; i < nparts(D); i++) {
        const Lp *lp = lp_part(D->lp, i);
        for (int d = 0; d < lp->nclasses; d++) {
            const DemandClass *dc = &lp->classes[d];
            snprintf(buf, sizeof buf, "d%d", d + 1);
            mp_tab_cell(&t, buf);
            period_cell(D, &t, i);
            mp_tab_cell(&t, D->mkt[dc->market]);
            mp_tab_cell(&t, D->prod[dc->product]);
            mp_tab_num(w, &t, dc->volume.lo);
            mp_tab_num(w, &t, dc->volume.hi);
            mp_tab_num(w, &t, dc->price);
            mp_tab_num(w, &t, dc->service);
            if (dc->strategy >= 0 && dc->strategy < m->nstrategies)
                mp_tab_note(&t, "strategy", m->strategies[dc->strategy].n.name);
        }
    }
    mp_tab_print(w, &t, "param : class_market class_product lo hi price service :=");

    mp_tab_init(&t, 4 + k1, 2 + k1);
    for (int i = 0; i < nparts(D); i++) {
        const Lp *lp = lp_part(D->lp, i);
        for (int s = 0; s < lp->nships; s++) {
            const Shipment *sh = &lp->ships[s];
            mp_tab_cell(&t, D->plant[sh->plant]);
            snprintf(buf, sizeof buf, "d%d", sh->cls + 1);
            mp_tab_cell(&t, buf);
            period_cell(D, &t, i);
            mp_tab_num(w, &t, sh->haulage);
            mp_tab_num(w, &t, sh->unit_profit);
            snprintf(buf, sizeof buf, "to %s", D->mkt[m->routes[sh->route].to]);
            mp_tab_note(&t, buf, NULL);
        }
    }
    mp_tab_print(w, &t, "param : haul unit_profit :=");
}

/* The contents of farms' milk and of products (a model with components). */
static void write_contents(Data *D)
{
    const Model *m = D->m;
    W *w = D->w;
    int k1 = D->T ? 1 : 0;
    Table t;
    fputc('\n', w->out);
    mp_set_line(w, "COMPONENTS", D->comp, m->ncomponents);
    mp_tab_init(&t, 3 + k1, 2 + k1);
    for (int f = 0; f < m->nfarms; f++)
        for (int c = 0; c < m->ncomponents; c++)
            for (int i = 0; i < nparts(D); i++) {
                const Farm *fa = &part_model(D, i)->farms[f];
                mp_tab_cell(&t, D->farm[f]);
                mp_tab_cell(&t, D->comp[c]);
                period_cell(D, &t, i);
                mp_tab_num(w, &t, fa->content ? fa->content[c] : 0);
            }
    mp_tab_print(w, &t, "param farm_content :=");
    mp_tab_init(&t, 3 + k1, 2 + k1);
    for (int k = 0; k < m->nproducts; k++)
        for (int c = 0; c < m->ncomponents; c++)
            for (int i = 0; i < nparts(D); i++) {
                const Product *pr = &part_model(D, i)->products[k];
                double v = pr->content ? pr->content[c] : 0;
                if (v == 0)
                    continue;
                mp_tab_cell(&t, D->prod[k]);
                mp_tab_cell(&t, D->comp[c]);
                period_cell(D, &t, i);
                mp_tab_num(w, &t, v);
            }
    mp_tab_print(w, &t, "param prod_content :=");
}

/* The grades: their ranks, each farm's (per period with periods: a
 * period may `set` it) and each product's. */
static void write_grades(Data *D)
{
    const Model *m = D->m;
    W *w = D->w;
    int k1 = D->T ? 1 : 0;
    char buf[64];
    Table t;
    fputc('\n', w->out);
    mp_set_line(w, "GRADES", D->grade, m->ngrades);
    mp_tab_init(&t, 2, 1);
    for (int g = 0; g < m->ngrades; g++) {
        mp_tab_cell(&t, D->grade[g]);
        snprintf(buf, sizeof buf, "%d", g + 1);
        mp_tab_cell(&t, buf);
    }
    mp_tab_print(w, &t, "param grade_rank :=");
    mp_tab_init(&t, 2 + k1, 1 + k1);
    for (int f = 0; f < m->nfarms; f++)
        for (int i = 0; i < nparts(D); i++) {
            int g = part_model(D, i)->farms[f].grade;
            mp_tab_cell(&t, D->farm[f]);
            period_cell(D, &t, i);
            mp_tab_cell(&t, D->grade[g >= 0 && g < m->ngrades ? g : 0]);
        }
    mp_tab_print(w, &t, "param farm_grade :=");
    mp_tab_init(&t, 2, 1);
    for (int k = 0; k < m->nproducts; k++) {
        int g = m->products[k].grade;
        mp_tab_cell(&t, D->prod[k]);
        mp_tab_cell(&t, D->grade[g >= 0 && g < m->ngrades ? g : 0]);
    }
    mp_tab_print(w, &t, "param prod_grade :=");
}

/* The data of components, pay by and grades (only for a model with them). */
static void write_quality(Data *D)
{
    const Model *m = D->m;
    W *w = D->w;
    char buf[64];
    if (mp_has_components(m))
        write_contents(D);
    if (mp_has_pay_by(m)) {
        fprintf(w->out, "param pay_by := %s;\n", D->comp[m->pay_by]);
        mp_num_text(w, m->pay_basis, buf, sizeof buf);
        fprintf(w->out, "param pay_basis := %s;\n", buf);
    }
    if (mp_has_grades(m))
        write_grades(D);
}

/* The longest set the data section builds: D->list's length. */
static int longest_set(const Lp *lp)
{
    const Model *m = lp->m;
    int n = m->nplants * lp_nparts(lp), classes = 0, ships = 0;
    if (m->nroutes > n)
        n = m->nroutes;
    if (m->nlines > n)
        n = m->nlines;
    if (m->nstores > n)
        n = m->nstores;
    for (int t = 0; t < lp_nparts(lp); t++) {
        classes += lp_part(lp, t)->nclasses;
        ships += lp_part(lp, t)->nships;
    }
    return classes > n ? (ships > classes ? ships : classes) : ships > n ? ships : n;
}

int emit_mathprog(const Lp *lp, FILE *out)
{
    const Model *m = lp->m;
    W w = {out, false};
    const char *cur = m->currency[0] ? m->currency : "money";
    write_model(lp, out, cur);

    Data D = {.w = &w, .lp = lp, .m = m, .cur = cur};
    D.farm = mp_idents(m, 'f', m->nfarms);
    D.plant = mp_idents(m, 'p', m->nplants);
    D.prod = mp_idents(m, 'k', m->nproducts);
    D.mkt = mp_idents(m, 'm', m->nmarkets);
    if (mp_has_components(m))
        D.comp = mp_idents(m, 'c', m->ncomponents);
    if (mp_has_grades(m))
        D.grade = mp_idents(m, 'g', m->ngrades);
    D.T = lp->nperiods;
    if (D.T)
        D.period = mp_idents(m, 't', D.T);
    D.list = xcalloc((size_t)longest_set(lp) + 1, sizeof *D.list);

    fputs("/* ------------------------------------------------------------ data */\n\n"
          "data;\n\n",
          out);
    if (D.T)
        mp_periods_sets(&D);
    write_sets(&D);
    write_entity_params(&D);
    write_line_route_params(&D);
    write_class_ship_params(&D);
    if (D.T)
        mp_periods_stores(&D);
    write_quality(&D);
    fputs("\nend;\n", out);

    free(D.list);
    mp_free_idents(D.farm, m->nfarms);
    mp_free_idents(D.plant, m->nplants);
    mp_free_idents(D.prod, m->nproducts);
    mp_free_idents(D.mkt, m->nmarkets);
    if (D.comp)
        mp_free_idents(D.comp, m->ncomponents);
    if (D.grade)
        mp_free_idents(D.grade, m->ngrades);
    if (D.period)
        mp_free_idents(D.period, D.T);
    return w.bad || ferror(out) ? -1 : 0;
}
