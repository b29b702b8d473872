/* lp_family.c — the families of rows and columns of the program (lp.h,
 * docs/lp.md): the heads lp.c names rows and columns with, and what
 * `dairy explain` says of each.  One table, so that the explanation and
 * the program it explains cannot drift apart.  Formulas are in the
 * notation of explain_math.c. */
#include "lp.h"

const LpFamily lp_row_family[LP_ROW_FAMILIES] = {
    [RK_SUPPLY] = {
        "supply", "f", true, "farm supply",
        "supply_lo[f@] <= sum{p} x[f,p@] <= supply_hi[f@]", NULL,
        "Farm f delivers at least its contracted minimum and at most what it can supply.",
        NULL, "t", NULL, NULL, NULL},
    [RK_INTAKE] = {
        "intake", "p", true, "plant intake",
        "cap_lo[p@] <= sum{f} x[f,p@] <= cap_hi[p@]",
        "sum{f} x[f,p@] - cap_hi[p@]*open[p] <= 0",
        "Plant p takes in at least its minimum and at most its capacity of raw milk.",
        "An optional plant takes in milk only when it runs:", "t", NULL, NULL, NULL},
    [RK_INTAKE_MIN] = {
        "intake_min", "p", true, "minimum intake of an optional plant",
        "sum{f} x[f,p@] - cap_lo[p@]*open[p] >= 0", NULL,
        "An optional plant that runs takes in at least its minimum intake.",
        NULL, "t", NULL, NULL, NULL},
    [RK_MILK] = {
        "milk", "p", true, "milk balance",
        "sum{k} milk[k@]*y[p,k@] - sum{f} x[f,p@] <= 0", NULL,
        "Plant p makes its products from no more raw milk than it takes in "
        "(in a model with components, only the products with a milk norm).",
        NULL, "t", NULL, NULL, NULL},
    [RK_OUTPUT] = {
        "output", "p,k", true, "line output",
        "out_lo[p,k@] <= y[p,k@] <= out_hi[p,k@]",
        "y[p,k@] - out_hi[p,k@]*open[p] <= 0",
        "The line of product k at plant p makes between its minimum and its maximum output.",
        "A line of an optional plant makes something only when the plant runs:",
        "t", NULL, NULL, NULL},
    [RK_OUTPUT_MIN] = {
        "output_min", "p,k", true, "minimum output of an optional plant's line",
        "y[p,k@] - out_lo[p,k@]*open[p] >= 0", NULL,
        "A line of an optional plant that runs makes at least its minimum output.",
        NULL, "t", NULL, NULL, NULL},
    [RK_STOCK] = {
        "stock", "p,k", true, "product balance",
        "sum{d} s[p,d@] - y[p,k@] <= 0",
        "sum{d} s[p,d,t] - y[p,k,t] + inv[p,k,t] - inv[p,k,t-1] <= 0",
        "Plant p ships no more of product k than it makes.",
        "Plant p ships no more of product k in period t than it makes, plus the stock it opens "
        "the period with, less the stock it closes it with; inv[p,k,0] is the opening stock, "
        "and only a product with a `stores` line has inv terms.", "t", NULL, NULL, NULL},
    [RK_DEMAND] = {
        "demand", "d", true, "demand",
        "lo[d@] <= sum{p} s[p,d@] <= hi[d@]", NULL,
        "Demand class d (a market, a product and, for customers, a strategy) takes at least "
        "what it must and at most what it may.",
        NULL, "t", NULL, NULL, NULL},
    [RK_COMPONENT] = {
        "comp", "p,c", true, "component balance",
        "sum{k} content[k,c]*y[p,k@] - sum{f} content[f,c@]*x[f,p@] <= 0", NULL,
        "Plant p's products contain no more of component c than the milk it takes in.",
        NULL, "t", NULL, NULL, NULL},
    [RK_GRADE] = {
        "grade", "p,g", true, "grade balance",
        "sum{k: grade[k] >= g} milk[k@]*y[p,k@] - sum{f: grade[f@] >= g} x[f,p@] <= 0", NULL,
        "Products that need milk of grade g or better are made at plant p from no more such "
        "milk than it takes in.",
        NULL, "t", NULL, NULL, NULL},
    [RK_STORE] = {
        "store", "p,k", true, "store capacity",
        "inv[p,k,t] <= store_cap[p,k]", NULL,
        "Plant p keeps no more of product k in store at the end of period t than it has room "
        "for.",
        NULL, "t", NULL, NULL, NULL},
};

const LpFamily lp_col_family[LP_COL_FAMILIES] = {
    [CF_X] = {
        "x", "f,p", true, "milk collected",
        "x[f,p@] >= 0", NULL,
        "Raw milk sent from farm f to plant p, one per milk route.",
        NULL,
        "t",
        "milk purchase and haulage",
        "- sum{f,p@} (price[f@] + haul[f,p])*x[f,p@]",
        "sum{f,p@} (price[f@] + haul[f,p])*x[f,p@]"},
    [CF_Y] = {
        "y", "p,k", true, "production",
        "y[p,k@] >= 0", NULL,
        "Output of product k at plant p, one per line.",
        NULL,
        "t",
        "processing",
        "- sum{p,k@} cost[p,k@]*y[p,k@]",
        "sum{p,k@} cost[p,k@]*y[p,k@]"},
    [CF_S] = {
        "s", "p,d", true, "sales",
        "s[p,d@] >= 0", NULL,
        "Product shipped from plant p to demand class d, one per product route and class of "
        "its market whose product the plant makes.",
        NULL,
        "t",
        "sales, less service and haulage",
        "sum{p,d@} (price[d@] - service[d@] - haul[p,d@])*s[p,d@]",
        "sum{p,d@} (service[d@] + haul[p,d@])*s[p,d@]"},
    [CF_OPEN] = {
        "open", "p", false, "plant decision",
        "open[p] in {0,1}", NULL,
        "1 when optional plant p runs, for the whole horizon.",
        NULL,
        "",
        "fixed costs of the optional plants",
        "- sum{p} fixed[p]*open[p]",
        "sum{p} fixed[p]*open[p]"},
    [CF_INV] = {
        "inv", "p,k", true, "closing stock",
        "inv[p,k,t] >= 0", NULL,
        "Stock of product k at plant p at the end of period t (in the last period at least the "
        "opening stock).",
        NULL,
        "t",
        "holding costs",
        "- sum{p,k,t} hold[p,k]*inv[p,k,t]",
        "sum{p,k,t} hold[p,k]*inv[p,k,t]"},
    [CF_FIXED] = {
        "fixed_costs", "", false, "fixed costs",
        "fixed_costs = 1", NULL,
        "The fixed costs of the plants that always run: a constant, carried by a column fixed "
        "at 1 so that every solver reports the same objective.",
        NULL,
        "",
        "fixed costs of the plants that always run",
        "- fixed_sum*fixed_costs",
        "fixed_sum*fixed_costs"},
};
