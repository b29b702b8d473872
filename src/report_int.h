/* report_int.h — what the files of the report share (report.h is the
 * public side); nothing outside report_*.c includes it.
 *
 *   report_table.c  names, numbers and tables as text
 *   report_plan.c   the solution read back onto the model's entities
 *   report_words.c  the sentences: binding limits, shortfalls, closed plants
 *   report_text.c   one model's plan as text
 *   report_json.c   one model's plan as JSON
 *   report_cases.c  the cases of --all-scenarios side by side, text and JSON
 *   report_ranges.c the sensitivity ranges of --ranges, text and JSON
 *
 * Iteration is in declaration order; numbers have one fixed format each. */
#ifndef DAIRY_REPORT_INT_H
#define DAIRY_REPORT_INT_H

#include "json.h"
#include "report.h"
#include "text.h"

#include <stdbool.h>
#include <stdio.h>

/* A flow, stock or change of at most FLOW_EPS t is none. */
#define FLOW_EPS 1e-6
/* A shadow price of at most DUAL_EPS currency per t is none. */
#define DUAL_EPS 1e-9
/* Values below this are rounded to 0 (JSON; text: text_fixed). */
#define JSON_ZERO 1e-9

/* ------------------------------------------------------------ report_table.c */

/* A name or label as text: control characters (a label may hold `\n`)
 * become spaces, so that they cannot break a line or a table. */
void rep_name(Buf *b, const char *s);

/* Room for any number text_fixed writes, and a unit. */
typedef struct {
    char s[64];
} NumStr;

/* v with `dec` decimals, or in exponent form from TEXT_BIG up (text.h);
 * -0.00 is never printed.  Not finite: "-". */
NumStr rep_fixed(double v, int dec);
static inline NumStr rep_tonnes(double v) { return rep_fixed(v, 3); }
static inline NumStr rep_money(double v) { return rep_fixed(v, 2); }
/* Tonnes in a sentence: 3 decimals, trailing zeros dropped ("150", "96.5"). */
NumStr rep_tonnes_short(double v);
/* part / whole as a whole percent, "-" when whole is not a positive number. */
NumStr rep_percent(double part, double whole);
/* "412.00 BYN" (no unit when the model has no currency). */
NumStr rep_money_unit(const Model *m, double v);

enum { REP_MAXCOLS = 16 };

/* Rows of cells, printed with every column as wide as its widest cell (in
 * characters), two spaces between columns, per column aligned left ('l')
 * or right ('r'); nothing is printed after a row's last non-empty cell.
 * Cells are names: rep_name makes each one line. */
typedef struct {
    const char *align;
    int ncols;          /* at most REP_MAXCOLS */
    char **cells;
    int nrows, cap;
} Table;

void rep_table_init(Table *t, const char *align);
/* Append a row of t->ncols cells (NULL is an empty cell). */
void rep_table_row(Table *t, ...);
/* Append a row: `label`, then cells[0..n) (cells NULL: none), the rest empty. */
void rep_table_cells(Table *t, int n, const char *label, const char *const *cells);
void rep_table_print(const Table *t, const char *indent, FILE *out);
void rep_table_free(Table *t);

/* ------------------------------------------------------------ report_plan.c */

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
    /* Milk components (a model with `components`, else NULL), per plant
     * and component [p * ncomponents + c]: t in the milk taken in
     * (sum content[f,c] x) and in the products made (sum content[k,c] y). */
    double *comp_in, *comp_out;
    /* Milk grades (a model with `grades`, else NULL), per plant and grade
     * [p * ngrades + g]: t of raw milk taken in from farms of grade g, and
     * drawn (milk norm x output) by products that need grade g. */
    double *grade_in, *grade_drawn;
    /* Stock (a period of a model with periods, else NULL), per line: t at
     * the start and at the end of the period (rep_plan_stock). */
    double *opening, *closing;
} Plan;

/* The margin of grade g at plant p: milk of grade g or better taken in
 * less the milk drawn by products that need g or better (the slack of
 * grade(p,g); for the lowest grade that of milk(p)). */
double rep_grade_margin(const Plan *pl, int p, int g);

/* The plan of lp in sol; with periods, the whole year's (sums over the
 * periods, sales on the first period's demand classes, shipments 0). */
void rep_plan_init(Plan *pl, const Lp *lp, const Solution *sol);
/* Demand class d of program a in program b (the same market, product and
 * strategy), or -1. */
int rep_same_class(const Lp *a, int d, const Lp *b);
void rep_plan_free(Plan *pl);

/* The plan of each part (lp_part): each period's, with its stock, in a
 * model with periods; the one plan without.  There are lp_nparts; free
 * them with rep_year_free. */
Plan *rep_year_init(const Lp *lp, const Solution *sol);
void rep_year_free(Plan *plans, int n);
/* Closing stock of store i in period t, t of product. */
double rep_closing(const Lp *lp, const Solution *sol, int i, int t);
/* The part of a period's output that is neither shipped nor stocked. */
double rep_unsold(const Plan *pl, int l);

/* Shipments summed over the demand classes of one product on one route
 * (customer demand has a class per strategy). */
typedef struct {
    int route, plant, market, product;
    double t;
} ShipRow;

/* The shipment rows of the plan (*n of them), route by route; the caller
 * frees the array. */
ShipRow *rep_ship_rows(const Plan *pl, int *n);

/* Which entity GLPK row i belongs to (lp.h's row_kind and row_index). */
typedef struct {
    bool known;
    RowKind kind;
    int index; /* farm, plant, line or demand class */
} RowRef;

RowRef rep_row_ref(const Lp *lp, int i);
/* GLPK's name of row i, in buf ("row 12" when it has none). */
const char *rep_row_name(const Lp *lp, int i, char *buf, size_t size);

/* ------------------------------------------------------------ report_words.c */

static inline const char *rep_disp(const Named *n) { return n->label ? n->label : n->name; }
static inline const char *rep_cur(const Model *m) { return m->currency; }
static inline bool rep_profit_model(const Model *m) { return m->objective == OBJ_MAX_PROFIT; }

/* "one more tonne of butter output at City Dairy is worth 412.00 BYN":
 * row i binds (at a bound, with a non-zero dual).  Returns false, writing
 * nothing, when it does not. */
bool rep_binding(Buf *b, const Lp *lp, const Solution *sol, int i);
/* What one more tonne of a binding row i is, "butter output at City Dairy
 * in jun" (the words rep_binding puts after "one more tonne of "); false,
 * writing nothing, for a row rep_binding says nothing of. */
bool rep_limit_noun(Buf *b, const Lp *lp, const Solution *sol, int i);
/* Whether row i is held at a lower bound of 0 that nobody set as a limit
 * (a supply, intake, line output or demand with nothing taken: `makes
 * butter 800 t` is 0..800); its dual is what using that option would cost,
 * said by rep_unused, never as a "minimum" by rep_binding. */
bool rep_unused_row(const Lp *lp, const Solution *sol, int i);
/* "making a tonne of Butter at City Dairy would cost 332.80 BYN of
 * profit" for such a row; false, writing nothing, for any other. */
bool rep_unused(Buf *b, const Lp *lp, const Solution *sol, int i);
/* Under binding row i, the derivation of its shadow price (report_why.c):
 * the activities the basis moves with it, their coefficients and the sum;
 * nothing without sol->why. */
void rep_why(const Lp *lp, const Solution *sol, int i, const char *indent, FILE *out);
/* The same as the member "why": [{column, change, coefficient}] of a
 * binding object (nothing without sol->why). */
void rep_json_why(Json *j, const Lp *lp, const Solution *sol, int i);
/* A shortfall in the model's words (report_words.c says more). */
void rep_shortfall(Buf *b, const Lp *lp, const Shortfall *sf, int self, const char *but);
/* "sending a tonne from south to City Dairy would cost 12.00 BYN of
 * profit": the reduced cost dj of unused milk route r. */
void rep_route(Buf *b, const Model *m, int r, double dj);
/* "optimal", "infeasible", "unbounded", "failed". */
const char *rep_status_word(SolveStatus s);
/* The status of sol's report: rep_status_word, or "within gap". */
const char *rep_sol_status_word(const Solution *sol);
/* One sentence for a run without a plan (and what GLPK said), after prefix. */
void rep_status_sentence(FILE *out, const char *prefix, const Model *m, const Solution *sol);
/* The shortfalls of an infeasible solution, each with its limits. */
void rep_shortfalls(const Lp *lp, const Solution *sol, const char *indent, FILE *out);

/* ------------------------------------------------------------ report_ranges.c */

/* The sensitivity ranges of a plan solved with SolveOptions.ranges, in
 * words (docs/report.md, "ranges"); nothing when sol has none. */
void rep_ranges_text(const Lp *lp, const Solution *sol, FILE *out);
/* The "ranges" key and its array, into the object the caller has begun;
 * nothing when sol has none. */
void rep_ranges_json(Json *j, const Lp *lp, const Solution *sol);

/* ------------------------------------------ report_text.c, report_json.c */

/* The model's title on a line of its own, when it has one (report_text.c). */
void rep_title(const Model *m, FILE *out);

/* Where the tables of a plan go: the text report prints them
 * (report_text.c), the HTML report makes HTML tables of them
 * (report_html.c).  section(s, heading, t) shows t (its first row the
 * header; nothing when it has no other row) and frees it. */
typedef struct RepSink RepSink;
struct RepSink {
    FILE *out;
    void (*section)(const RepSink *s, const char *heading, Table *t);
};

/* The objective and its parts, a part that is zero left out. */
void rep_objective_table(const Model *m, const Solution *sol, Table *t);
/* The tables of one part's plan (docs/report.md, "Text"): milk collected,
 * raw milk intake, production, shipments, sales, unprocessed milk, milk
 * components, milk by grade, stock, unsold stock. */
void rep_part_tables(const Plan *pl, const RepSink *s);
/* The plants a scenario or the plan opens or closes; with periods also
 * the periods each is closed in (plans: each period's, else NULL). */
void rep_plants_table(const Model *m, const bool *open, const Plan *plans, int nperiods,
                      const RepSink *s);
/* The same for a year: the horizon's open and close decisions. */
void rep_year_plants(const Lp *lp, const Solution *sol, const Plan *plans, const RepSink *s);
/* The customers behind the customer demand classes, per segment. */
void rep_segments_table(const Plan *pl, const RepSink *s);
/* "sending a tonne from south to City Dairy would cost 12.00 BYN of
 * profit" when milk route r into an open plant carries nothing in plan
 * pl; false, writing nothing, otherwise. */
bool rep_unused_route(Buf *b, const Plan *pl, int r);

/* The rows of the year table: milk collected, production, closing stock,
 * sales and the period's profit (or cost), per period, in
 * v[row * nperiods + t] (zeroed by the caller). */
enum { REP_YEAR_ROWS = 5 };
void rep_year_values(const Lp *lp, const Solution *sol, const Plan *plans, double *v);
/* The cases of --all-scenarios side by side (report_cases.c), with their
 * plans: a column per case (nine a table), rows for the status, the
 * objective and its parts, the plants, and the flows that changed; each
 * table to the sink with heading "". */
void rep_cases_tables(const ReportCase *cases, int n, const Plan *plans, const RepSink *sink);

/* The year at a glance: a column per period (twelve a table, further
 * periods in further tables, headed ""), and the year's total. */
void rep_year_table(const Lp *lp, const Solution *sol, const Plan *plans, const RepSink *s);

/* The members of one report object (status ... shortfalls), into the
 * object the caller has begun (report_json.c). */
void rep_json_members(Json *j, const Lp *lp, const Solution *sol);

/* ------------------------------------------------------------ report_segment.c */

/* A segment's sales of one product at one market in one part's plan
 * (docs/report.md, "Sales by segment"): its share of the demand class its
 * customers are in, their base volume over the class's. */
typedef struct {
    int segment, market, product, strategy;
    int cls;            /* the part's demand class, -1: none (the strategy does
                           not offer the product, or serves nothing) */
    double base;        /* t: the segment's customers' base volume there */
    double lo, hi;      /* t: its share of the class's bounds */
    double tonnes;      /* t: its share of what the class sells */
    double price;       /* currency per t (the class's; NaN without one) */
    double revenue, service;  /* currency */
    double min_dual;    /* objective change per t more of its lower bound:
                           the class row's dual at its lower bound, else 0 */
} SegSale;

/* The rows of part plan pl (*n of them), segment by segment in order,
 * then market and product, for every one with a base volume; NULL (n 0)
 * without customers.  The caller frees the array. */
SegSale *rep_segment_sales(const Plan *pl, int *n);

/* A segment's sales summed over the markets, products and parts. */
typedef struct {
    double base, tonnes, revenue, service;
} SegTotal;

/* Per segment of plans[0].m, summed over the nplans part plans, into
 * tot (nsegments + 1 elements). */
void rep_segment_totals(const Plan *plans, int nplans, SegTotal *tot);
/* `--by segment`: per segment its customers, base volume, tonnes, share
 * served, revenue and service cost, over the parts of top (plans from
 * rep_year_init); nothing without customers or a plan. */
void rep_segment_totals_table(const Lp *top, const Plan *plans, const RepSink *s);
/* `--by segment`: part plan pl's rows of rep_segment_sales as a table. */
void rep_segment_sales_table(const Plan *pl, const RepSink *s);
/* The "segments" array, and in a model with customers "unsegmented" and
 * "segment_sales", into the object the caller has begun (plans from
 * rep_year_init of top). */
void rep_segments_json(Json *j, const Lp *top, const Plan *plans);

#endif
