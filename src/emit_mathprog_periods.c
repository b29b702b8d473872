/* emit_mathprog_periods.c — the MathProg model section of a model with
 * periods (language.md, "Periods and storage"; docs/lp.md, "MathProg with
 * periods"), and the data only such a model has.
 *
 * It is the program lp_build_case builds: every variable and constraint of
 * a model without periods gains the period as its last index, every number
 * a period can change is given per period (the part of lp.h for that
 * period: base, the period's changes, the scenario), and each period has
 * its own demand classes and shipments, numbered d1, d2, ... within it.
 * The periods are named in order; `prev` gives each the one before it.
 * Stock of a store carries product from one period to the next; an
 * optional plant is opened or not once for the horizon, and pays the
 * fixed cost of each period it is not closed in.  A plant closed in a
 * period is treated as lp.c treats it: its flows of that period are
 * bounded to 0, it has no intake or output bounds and no fixed cost
 * there.  The data writers are emit_mathprog.c's, with a period column. */
#include "emit_mathprog_int.h"

#include "xalloc.h"

#include <stdlib.h>

static const char periods_sets[] =
    "/* ------------------------------------------------------------ sets */\n"
    "\n"
    "set PERIODS;   # the planning periods\n"
    "param first symbolic in PERIODS;  # the first period\n"
    "param last symbolic in PERIODS;   # the last period\n"
    "param prev{PERIODS diff {first}} symbolic in PERIODS;  # the period before t\n"
    "set FARMS;     # farms: where raw milk comes from\n"
    "set PLANTS;    # plants: where raw milk is made into products\n"
    "set PRODUCTS;  # what the plants make\n"
    "set MARKETS;   # where the products are sold\n"
    "set CLASSES dimen 2;  # (d,t): demand class d of period t, what one market\n"
    "                      # may take of one product at one price in t\n"
    "\n"
    "# Only listed routes and lines exist, and only they get variables.\n"
    "set MILK_ROUTES within FARMS cross PLANTS;  # (f,p): raw milk can go from f to p\n"
    "set LINES within PLANTS cross PRODUCTS;     # (p,k): plant p has a line making k\n"
    "set SHIPS within PLANTS cross CLASSES;      # (p,d,t): a product route goes from p\n"
    "                                            # to d's market and p makes d's product\n"
    "set STORES within LINES;     # (p,k): plant p may keep stock of k\n"
    "set OPTIONAL within PLANTS;  # plants that may stay closed: open[p] decides,\n"
    "                             # once for all the periods\n"
    "set FORCED within OPTIONAL;  # optional plants a scenario opened (open[p] = 1)\n"
    "set CLOSED within PLANTS cross PERIODS;  # (p,t): p is closed in period t: no\n"
    "                                         # milk, no output, no fixed cost\n"
    "set ALWAYS := ((PLANTS diff OPTIONAL) cross PERIODS) diff CLOSED;\n"
    "    # (p,t): plant p is open for sure in period t\n"
    "\n";

static const char periods_params[] =
    "/* ------------------------------------------------------------ parameters */\n"
    "\n"
    "# Quantities are in tonnes (t) per period, money in %s.  Haulage is\n"
    "# already a cost per tonne: the rate times the distance, or the route's\n"
    "# own cost.  A period's numbers are the base ones with its changes.\n"
    "param supply_lo{FARMS, PERIODS};    # t: contracted minimum of the farm\n"
    "param supply_hi{FARMS, PERIODS};    # t: most raw milk the farm can deliver\n"
    "param milk_price{FARMS, PERIODS};   # %s/t: price of the farm's raw milk\n"
    "param cap_lo{PLANTS, PERIODS};      # t: least raw milk an open plant takes in\n"
    "param cap_hi{PLANTS, PERIODS};      # t: most raw milk an open plant takes in\n"
    "param fixed{PLANTS, PERIODS};       # %s: fixed cost of running the plant\n"
    "param milk_norm{PRODUCTS, PERIODS}; # t of raw milk per t of product\n"
    "param out_lo{LINES, PERIODS};       # t: least output of the line of an open plant\n"
    "param out_hi{LINES, PERIODS};       # t: most output of the line\n"
    "param line_cost{LINES, PERIODS};    # %s/t: processing cost\n"
    "param milk_haul{MILK_ROUTES, PERIODS};  # %s/t: haulage of raw milk on the route\n"
    "param class_market{CLASSES} symbolic in MARKETS;    # the market of class (d,t)\n"
    "param class_product{CLASSES} symbolic in PRODUCTS;  # the product of class (d,t)\n"
    "param lo{CLASSES};          # t: what the market must take\n"
    "param hi{CLASSES};          # t: what the market may take\n"
    "param price{CLASSES};       # %s/t: selling price\n"
    "param service{CLASSES};     # %s/t: cost of serving the class\n"
    "param haul{SHIPS};          # %s/t: haulage of the product from p to d's market\n"
    "param unit_profit{SHIPS};   # %s/t: price[d,t] - service[d,t] - haul[p,d,t]\n"
    "param store_cap{STORES};    # t: most closing stock of any period\n"
    "param store_cost{STORES};   # %s/t: holding cost of a t of closing stock\n"
    "param start{STORES};        # t: opening stock before the first period, and the\n"
    "                            # least closing stock of the last\n"
    "\n"
    "# A shipment (p,d,t) takes product from p's line of d's product.\n"
    "check{(p,d,t) in SHIPS}: (p, class_product[d,t]) in LINES;\n"
    "\n";

static const char periods_vars[] =
    "/* ------------------------------------------------------------ variables */\n"
    "\n"
    "# A plant closed in a period takes in and makes nothing in it; it ships only\n"
    "# what it has in stock.\n"
    "var x{(f,p) in MILK_ROUTES, t in PERIODS} >= 0,\n"
    "    <= if (p,t) in CLOSED then 0 else Infinity;\n"
    "    # t of raw milk farm f sends to plant p in period t\n"
    "var y{(p,k) in LINES, t in PERIODS} >= 0, <= if (p,t) in CLOSED then 0 else Infinity;\n"
    "    # t of product k plant p makes in period t\n"
    "var s{(p,d,t) in SHIPS} >= 0,\n"
    "    <= if (p,t) in CLOSED and (p, class_product[d,t]) not in STORES then 0 else Infinity;\n"
    "    # t of d's product plant p ships to d's market in period t\n"
    "var inv{(p,k) in STORES, t in PERIODS} >= if t = last then start[p,k] else 0;\n"
    "    # t of k in stock at p at the end of period t\n"
    "var open{p in OPTIONAL} binary, >= if p in FORCED then 1 else 0;\n"
    "    # 1 when optional plant p runs (in every period it is not closed in)\n"
    "\n";

static const char periods_rows[] =
    "/* ------------------------------------------------------------ constraints */\n"
    "\n"
    "# Each constraint holds in each period t.\n"
    "\n"
    "# 1. Farm supply.\n"
    "s.t. supply{f in FARMS, t in PERIODS}:\n"
    "    supply_lo[f,t] <= sum{p in PLANTS: (f,p) in MILK_ROUTES} x[f,p,t]\n"
    "        <= supply_hi[f,t];\n"
    "\n"
    "# 2. Plant intake; for an optional plant the bounds are multiplied by open[p].\n"
    "s.t. intake{(p,t) in ALWAYS}:\n"
    "    cap_lo[p,t] <= sum{f in FARMS: (f,p) in MILK_ROUTES} x[f,p,t] <= cap_hi[p,t];\n"
    "s.t. intake_open{p in OPTIONAL, t in PERIODS: (p,t) not in CLOSED}:\n"
    "    sum{f in FARMS: (f,p) in MILK_ROUTES} x[f,p,t] <= cap_hi[p,t] * open[p];\n"
    "s.t. intake_min{p in OPTIONAL, t in PERIODS: (p,t) not in CLOSED and cap_lo[p,t] > 0}:\n"
    "    sum{f in FARMS: (f,p) in MILK_ROUTES} x[f,p,t] >= cap_lo[p,t] * open[p];\n"
    "\n"
    "# 3. Milk balance: a plant processes no more raw milk than it collects.\n"
    "s.t. milk{p in PLANTS, t in PERIODS}:\n"
    "    sum{k in PRODUCTS: (p,k) in LINES} milk_norm[k,t] * y[p,k,t]\n"
    "        <= sum{f in FARMS: (f,p) in MILK_ROUTES} x[f,p,t];\n"
    "\n"
    "# 4. Line output; for an optional plant only when the plant is open.\n"
    "s.t. output{(p,k) in LINES, t in PERIODS: (p,t) in ALWAYS}:\n"
    "    out_lo[p,k,t] <= y[p,k,t] <= out_hi[p,k,t];\n"
    "s.t. output_open{(p,k) in LINES, t in PERIODS: p in OPTIONAL and (p,t) not in CLOSED}:\n"
    "    y[p,k,t] <= out_hi[p,k,t] * open[p];\n"
    "s.t. output_min{(p,k) in LINES, t in PERIODS:\n"
    "          p in OPTIONAL and (p,t) not in CLOSED and out_lo[p,k,t] > 0}:\n"
    "    y[p,k,t] >= out_lo[p,k,t] * open[p];\n"
    "\n"
    "# 5. Product balance: what a plant ships in a period and keeps at its end\n"
    "#    is no more than it makes then and kept from the period before (the\n"
    "#    opening stock before the first).  A product without a store keeps\n"
    "#    nothing; what is made but neither shipped nor kept is unsold.\n"
    "s.t. stock{(p,k) in LINES, t in PERIODS}:\n"
    "    sum{(q,d,u) in SHIPS: q = p and u = t and class_product[d,u] = k} s[q,d,u]\n"
    "  + sum{(q,j) in STORES: q = p and j = k}\n"
    "        (inv[q,j,t] - (if t = first then start[q,j] else inv[q,j,prev[t]]))\n"
    "        <= y[p,k,t];\n"
    "\n"
    "# 6. Demand of each class in its period.\n"
    "s.t. demand{(d,t) in CLASSES}:\n"
    "    lo[d,t] <= sum{p in PLANTS: (p,d,t) in SHIPS} s[p,d,t] <= hi[d,t];\n"
    "\n"
    "# 7. Store capacity: the stock kept at the end of a period.\n"
    "s.t. store{(p,k) in STORES, t in PERIODS}: inv[p,k,t] <= store_cap[p,k];\n"
    "\n";

static const char periods_profit[] =
    "/* ------------------------------------------------------------ objective */\n"
    "\n"
    "# Profit over the periods: what the markets pay less service and product\n"
    "# haulage, less the raw milk bought and hauled, less processing, less\n"
    "# holding stock, less fixed costs: an optional plant's are those of the\n"
    "# periods it is not closed in, when it runs; the fixed costs of plants\n"
    "# that are open for sure are the constant last term.  (glpsol says\n"
    "# \"constant term ... ignored\" about this row: that is the row listing\n"
    "# only, the objective value includes it.)\n"
    "maximize profit:\n"
    "    sum{(p,d,t) in SHIPS} unit_profit[p,d,t] * s[p,d,t]\n"
    "  - sum{(f,p) in MILK_ROUTES, t in PERIODS} (%s + milk_haul[f,p,t]) * x[f,p,t]\n"
    "  - sum{(p,k) in LINES, t in PERIODS} line_cost[p,k,t] * y[p,k,t]\n"
    "  - sum{(p,k) in STORES, t in PERIODS} store_cost[p,k] * inv[p,k,t]\n"
    "  - sum{p in OPTIONAL} (sum{t in PERIODS: (p,t) not in CLOSED} fixed[p,t]) * open[p]\n"
    "  - sum{(p,t) in ALWAYS} fixed[p,t];\n"
    "\n";

static const char periods_cost[] =
    "/* ------------------------------------------------------------ objective */\n"
    "\n"
    "# Cost over the periods: service and haulage of the products sold, the\n"
    "# raw milk bought and hauled, processing, holding stock and fixed costs\n"
    "# (an optional plant's: those of the periods it is not closed in).  The\n"
    "# fixed costs of plants that are open for sure are the constant last\n"
    "# term.  (glpsol says \"constant term ... ignored\" about this row: that\n"
    "# is the row listing only, the objective value includes it.)\n"
    "minimize cost:\n"
    "    sum{(p,d,t) in SHIPS} (service[d,t] + haul[p,d,t]) * s[p,d,t]\n"
    "  + sum{(f,p) in MILK_ROUTES, t in PERIODS} (%s + milk_haul[f,p,t]) * x[f,p,t]\n"
    "  + sum{(p,k) in LINES, t in PERIODS} line_cost[p,k,t] * y[p,k,t]\n"
    "  + sum{(p,k) in STORES, t in PERIODS} store_cost[p,k] * inv[p,k,t]\n"
    "  + sum{p in OPTIONAL} (sum{t in PERIODS: (p,t) not in CLOSED} fixed[p,t]) * open[p]\n"
    "  + sum{(p,t) in ALWAYS} fixed[p,t];\n"
    "\n";

/* Components and grades, as in a model without periods, in each period. */
static const char periods_components[] =
    "/* ------------------------------------------------------------ milk components */\n"
    "\n"
    "set COMPONENTS;  # what milk contains that the model tracks (fat, protein)\n"
    "param farm_content{FARMS, COMPONENTS, PERIODS};  # share of a t of the farm's milk\n"
    "param prod_content{PRODUCTS, COMPONENTS, PERIODS} default 0;  # share of a t of product\n"
    "\n"
    "# 3a. Component balance: a plant's products contain no more of a component\n"
    "#     than the milk it takes in, in each period.\n"
    "s.t. comp{p in PLANTS, c in COMPONENTS, t in PERIODS:\n"
    "          exists{(q,k) in LINES: q = p} prod_content[k,c,t] <> 0}:\n"
    "    sum{k in PRODUCTS: (p,k) in LINES} prod_content[k,c,t] * y[p,k,t]\n"
    "        <= sum{f in FARMS: (f,p) in MILK_ROUTES} farm_content[f,c,t] * x[f,p,t];\n"
    "\n";

static const char periods_grades[] =
    "/* ------------------------------------------------------------ milk grades */\n"
    "\n"
    "set GRADES;                           # milk grades\n"
    "param grade_rank{GRADES} integer;     # 1 the lowest, higher is better\n"
    "param farm_grade{FARMS, PERIODS} symbolic in GRADES;  # the grade of the farm's milk\n"
    "param prod_grade{PRODUCTS} symbolic in GRADES;  # lowest grade a product takes\n"
    "\n"
    "# 3b. Grade balance, in each period.\n"
    "s.t. grade{p in PLANTS, g in GRADES, t in PERIODS: grade_rank[g] > 1 and\n"
    "          exists{(q,k) in LINES: q = p} grade_rank[prod_grade[k]] >= grade_rank[g]}:\n"
    "    sum{k in PRODUCTS: (p,k) in LINES and grade_rank[prod_grade[k]] >= grade_rank[g]}\n"
    "        milk_norm[k,t] * y[p,k,t]\n"
    "        <= sum{f in FARMS: (f,p) in MILK_ROUTES and\n"
    "               grade_rank[farm_grade[f,t]] >= grade_rank[g]} x[f,p,t];\n"
    "\n";

void mp_periods_model(const Lp *lp, FILE *out, const char *cur)
{
    const Model *m = lp->m;
    fputs(periods_sets, out);
    fprintf(out, periods_params, cur, cur, cur, cur, cur, cur, cur, cur, cur, cur);
    fputs(periods_vars, out);
    fputs(periods_rows, out);
    if (mp_has_components(m))
        fputs(periods_components, out);
    if (mp_has_pay_by(m))
        fputs(mp_model_pay_by, out);
    if (mp_has_grades(m))
        fputs(periods_grades, out);
    fprintf(out, m->objective == OBJ_MIN_COST ? periods_cost : periods_profit,
            mp_has_pay_by(m) ? "milk_price[f,t] * farm_content[f,pay_by,t] / pay_basis"
                             : "milk_price[f,t]");
}

void mp_periods_sets(Data *D)
{
    W *w = D->w;
    mp_set_line(w, "PERIODS", D->period, D->T);
    fprintf(w->out, "param first := %s;\nparam last := %s;\n", D->period[0],
            D->period[D->T - 1]);
    Table t;
    mp_tab_init(&t, 2, 2);
    for (int i = 1; i < D->T; i++) {
        mp_tab_cell(&t, D->period[i]);
        mp_tab_cell(&t, D->period[i - 1]);
    }
    mp_tab_print(w, &t, "param prev :=");
    fputc('\n', w->out);
}

void mp_periods_stores(Data *D)
{
    const Model *m = D->m;
    W *w = D->w;
    char buf[512];
    fputc('\n', w->out);
    for (int i = 0; i < m->nstores; i++) {
        const Store *st = &m->stores[i];
        snprintf(buf, sizeof buf, "(%s,%s)", D->plant[st->plant], D->prod[st->product]);
        D->list[i] = xstrdup(buf);
    }
    mp_built_set(D, "STORES", m->nstores);
    Table t;
    mp_tab_init(&t, 5, 2);
    for (int i = 0; i < m->nstores; i++) {
        const Store *st = &m->stores[i];
        mp_tab_cell(&t, D->plant[st->plant]);
        mp_tab_cell(&t, D->prod[st->product]);
        mp_tab_num(w, &t, st->capacity);
        mp_tab_num(w, &t, st->cost);
        mp_tab_num(w, &t, st->start);
    }
    mp_tab_print(w, &t, "param : store_cap store_cost start :=");
}
