/* report_html.c — the plan as one self-contained HTML page (language.md
 * section 12, docs/report.md "HTML"): styles, pictures and the one script
 * inline, nothing fetched.  The chain drawn (report_html_chain.c), the
 * objective, the text report's tables (the same RepSink functions print
 * them as text), the limits in sentences, a year's periods and the cases
 * of --all-scenarios as bar charts side by side (report_html_chart.c), and
 * a place for the algebraic form of the program.  Byte for byte the same
 * on every run: no dates, declaration order, fixed number formats. */
#include "report_html_int.h"

#include "explain.h"

#include "xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void hx_esc(FILE *out, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        default: fputc((c < 0x20 && c != '\n') || c == 0x7f ? ' ' : c, out);
        }
    }
}

/* A section of the text report as an HTML table under an <h3>; a heading
 * "" continues the table before (a year of more than twelve periods). */
static void html_section(const RepSink *s, const char *heading, Table *t)
{
    FILE *out = s->out;
    if (t->nrows > 1) {
        if (*heading) {
            fputs("<h3>", out);
            hx_esc(out, heading);
            fputs("</h3>\n", out);
        }
        fputs("<table>\n", out);
        for (int i = 0; i < t->nrows; i++) {
            const char *cell = i == 0 ? "th" : "td";
            fputs(i == 0 ? "<thead><tr>" : "<tr>", out);
            for (int j = 0; j < t->ncols; j++) {
                fprintf(out, "<%s%s>", cell, t->align[j] == 'r' ? " class=\"num\"" : "");
                hx_esc(out, t->cells[i * t->ncols + j]);
                fprintf(out, "</%s>", cell);
            }
            fputs(i == 0 ? "</tr></thead>\n<tbody>\n" : "</tr>\n", out);
        }
        fputs("</tbody></table>\n", out);
    }
    rep_table_free(t);
}

static const char css[] =
    ":root{--farm:#e6f2dc;--plant:#dde8f6;--market:#fbecd8;--bind:#c0392b;--flow:#3f6fa6}\n"
    "body{font:15px/1.45 system-ui,\"Segoe UI\",Helvetica,Arial,sans-serif;color:#222;"
    "max-width:1120px;margin:2em auto;padding:0 1em}\n"
    "h1{font-size:1.6em;margin:0 0 .2em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;"
    "margin-top:1.8em}h3{font-size:1em;margin:1.3em 0 .3em}\n"
    "table{border-collapse:collapse;margin:.2em 0 1em;font-variant-numeric:tabular-nums}\n"
    "th,td{padding:.15em .7em;border-bottom:1px solid #e2e2e2;text-align:left;vertical-align:top}\n"
    "th{border-bottom:2px solid #aaa;font-weight:600}.num{text-align:right;white-space:nowrap}\n"
    "td:first-child{min-width:8em}\n"
    "svg text{font-family:Helvetica,Arial,sans-serif;font-size:11px;fill:#222}\n"
    "svg{max-width:100%;height:auto}figure{margin:1em 0}figcaption{font-size:.9em;color:#444}\n"
    ".route path{fill:none;stroke:var(--flow);stroke-opacity:.7;stroke-linecap:round}\n"
    ".route.unused path{stroke:#999;stroke-dasharray:4 3}\n"
    ".route text.flow{font-size:10px;text-anchor:middle;fill:#1d3557;paint-order:stroke;"
    "stroke:#fff;stroke-width:3px;stroke-linejoin:round}\n"
    ".node ellipse,.node rect{stroke:#555;stroke-width:1}.node.farm ellipse{fill:var(--farm)}\n"
    ".node.plant rect{fill:var(--plant)}.node.market rect{fill:var(--market)}\n"
    ".node text{text-anchor:middle}.node text.side{text-anchor:start}\n"
    ".node.binds ellipse,.node.binds rect{stroke:var(--bind);stroke-width:2.5}\n"
    ".node.closed rect{stroke-dasharray:2 2;fill:#eee}\n"
    "circle.badge{fill:var(--bind)}svg text.badge{fill:#fff;font-weight:bold;text-anchor:middle}\n"
    ".key{display:inline-block;width:1.25em;height:1.25em;line-height:1.25em;border-radius:50%;"
    "background:var(--bind);color:#fff;text-align:center;font-weight:bold}\n"
    ".sw{display:inline-block;width:.9em;height:.9em;border:1px solid #555;vertical-align:-.1em}\n"
    ".sw.farm{background:var(--farm);border-radius:50%}.sw.plant{background:var(--plant)}"
    ".sw.market{background:var(--market);border-radius:30%}\n"
    ".bars{display:inline-block;margin:0 2em 1em 0;vertical-align:top}\n"
    ".bars .s0{fill:#3f6fa6}.bars .s1{fill:#e39b3b}.bars .s2{fill:#5f9e47}.bars .s3{fill:#9c4f96}\n"
    ".bars text.cat{text-anchor:middle}.axis{stroke:#444}\n"
    "ul.sentences li{margin:.15em 0}.status{font-weight:600}.infeasible{color:var(--bind)}\n"
    ".note{background:#f5f5f5;border-left:4px solid #bbb;padding:.6em 1em}\n"
    "pre{white-space:pre-wrap;background:#fafafa;padding:.5em}\n"
    ".status pre{background:none;padding:0;font:inherit}\n"
    "svg,.key,.sw,.node,.bars{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
    "@page{size:A4;margin:14mm}\n"
    "@media print{body{font-size:10pt;max-width:none;margin:0;padding:0}"
    "h2,h3{break-after:avoid}table,figure{break-inside:avoid}table{font-size:8pt}"
    "section.case+section.case{break-before:page}.route path{stroke-opacity:1}}\n";

/* Records any script error into the page (data-errors on <html>, a
 * <pre class="js-error"> per error), which tests/html.sh reads back. */
static const char error_script[] =
    "(function(){var n=0;function rec(m){n++;var d=document.documentElement;"
    "d.setAttribute('data-errors',String(n));var p=document.createElement('pre');"
    "p.className='js-error';p.textContent=String(m);(document.body||d).appendChild(p);}"
    "window.addEventListener('error',function(e){rec(e.message);});"
    "window.addEventListener('unhandledrejection',function(e){rec(e.reason);});"
    "var ce=console.error;console.error=function(){rec(Array.prototype.join.call(arguments,' '));"
    "ce.apply(console,arguments);};})();";

static void page_head(const Model *m, FILE *out)
{
    const char *title = m->title ? m->title : "dairy plan";
    fputs("<!DOCTYPE html>\n<html lang=\"en\" data-errors=\"0\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"dairy run --format html\">\n<title>",
          out);
    hx_esc(out, title);
    fprintf(out, "</title>\n<style>\n%s</style>\n<script>%s</script>\n</head>\n<body>\n<h1>", css,
            error_script);
    hx_esc(out, title);
    fputs("</h1>\n", out);
}

/* The sentences each row (or route) yields, as a list under heading. */
static void sentence_list(const char *heading, Buf *items, FILE *out)
{
    if (!items->len)
        return;
    fputs("<h3>", out);
    hx_esc(out, heading);
    fputs("</h3>\n<ul class=\"sentences\">\n", out);
    for (const char *s = buf_str(items); *s;) {
        const char *e = strchr(s, '\n');
        fputs("<li>", out);
        char *one = xstrdup(s);
        one[e - s] = '\0';
        hx_esc(out, one);
        free(one);
        fputs("</li>\n", out);
        s = e + 1;
    }
    fputs("</ul>\n", out);
}

typedef bool RowWords(Buf *b, const Lp *lp, const Solution *sol, int i);

/* Each row's sentence, by words(), a line each into items. */
static void row_lines(const Lp *lp, const Solution *sol, RowWords *words, Buf *items)
{
    Buf b = {0};
    for (int i = 1; i <= sol->nrows; i++) {
        buf_clear(&b);
        if (words(&b, lp, sol, i))
            buf_printf(items, "%s\n", buf_str(&b));
    }
    buf_free(&b);
}

/* The binding limits, the unused options and the unused milk routes of
 * each part, in sentences (the text report's last sections). */
static void html_sentences(const Lp *lp, const Solution *sol, const Plan *plans, int n, FILE *out)
{
    Buf items = {0}, b = {0};
    fputs("<section id=\"limits\">\n<h2>The limits in words</h2>\n", out);
    row_lines(lp, sol, rep_binding, &items);
    sentence_list("binding limits", &items, out);
    buf_clear(&items);
    row_lines(lp, sol, rep_unused, &items);
    sentence_list("reduced costs of unused lines and sales", &items, out);
    buf_clear(&items);
    for (int t = 0; t < n; t++)
        for (int r = 0; r < plans[t].m->nroutes; r++) {
            buf_clear(&b);
            if (rep_unused_route(&b, &plans[t], r))
                buf_printf(&items, "%s\n", buf_str(&b));
        }
    sentence_list("reduced costs of unused milk routes", &items, out);
    fputs("</section>\n", out);
    buf_free(&items);
    buf_free(&b);
}

/* What a printer writes to a FILE, as preformatted HTML. */
static void pre_of(FILE *out, void (*print)(const Lp *, const Solution *, FILE *), const Lp *lp,
                   const Solution *sol)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem)
        return;
    print(lp, sol, mem);
    fclose(mem);
    fputs("<pre>", out);
    hx_esc(out, text);
    fputs("</pre>\n", out);
    free(text);
}

static void print_status(const Lp *lp, const Solution *sol, FILE *out)
{
    rep_status_sentence(out, "status: ", lp->m, sol);
}

static void print_shortfalls(const Lp *lp, const Solution *sol, FILE *out)
{
    rep_shortfalls(lp, sol, "  ", out);
}

/* The algebraic form of the program belongs here (language.md section
 * 12).  `dairy explain` writes it; until this page can call it, a note
 * says where it is, and the program's size. */
static void html_program(const Lp *lp, FILE *out)
{
    int rows = glp_get_num_rows(lp->P), cols = glp_get_num_cols(lp->P);
    fprintf(out, "<section id=\"program\">\n<h2>The program</h2>\n<p class=\"note\">"
                 "The model compiles to a linear program of %d rows and %d columns%s. Its "
                 "constraints, a family at a time; with the sets and parameters, "
                 "<code>dairy explain MODEL --format html</code> prints it whole:</p>\n<dl>\n",
            rows, cols, lp->mip ? " (a mixed-integer one: some plants are optional)" : "");
    int count[LP_ROW_FAMILIES] = {0};
    for (int i = 1; i <= rows; i++)
        count[lp->row_kind[i]]++;
    Buf math = {0};
    for (int k = 0; k < LP_ROW_FAMILIES; k++) {
        const LpFamily *f = &lp_row_family[k];
        if (!count[k])
            continue;
        buf_clear(&math);
        bool alt = k == RK_STOCK && lp->nperiods > 0 && f->formula_alt; /* stock carried */
        explain_math(&math, EXPLAIN_HTML, alt ? f->formula_alt : f->formula, lp->nperiods > 0);
        /* HTML knows <math> by itself: no namespace (and no URL) on the page */
        const char *ns = " xmlns=\"http://www.w3.org/1998/Math/MathML\"";
        char *at = strstr(math.s, ns);
        if (at) {
            memmove(at, at + strlen(ns), strlen(at + strlen(ns)) + 1);
            math.len -= strlen(ns);
        }
        fprintf(out, "<dt><code>%s(%s%s)</code> ", f->head, f->index,
                lp->nperiods > 0 && f->by_period ? ",t" : "");
        hx_esc(out, f->title);
        fprintf(out, ", %d row%s</dt>\n<dd>%s<br>", count[k], count[k] == 1 ? "" : "s",
                buf_str(&math));
        hx_esc(out, alt && f->meaning_alt ? f->meaning_alt : f->meaning);
        fputs("</dd>\n", out);
    }
    buf_free(&math);
    fputs("</dl>\n</section>\n", out);
}

/* Bar charts of the year: tonnes per period, and profit (or cost). */
static void year_charts(const Lp *lp, const double *v, FILE *out)
{
    const Model *m = lp->m;
    int T = lp->nperiods;
    const char **cats = xmalloc(sizeof(char *) * (size_t)T);
    for (int t = 0; t < T; t++)
        cats[t] = rep_disp(&m->periods[t].n);
    double *tonnes = xmalloc(sizeof(double) * 3 * (size_t)T);
    memcpy(tonnes, v, sizeof(double) * 2 * (size_t)T);         /* milk collected, production */
    memcpy(tonnes + 2 * T, v + 3 * T, sizeof(double) * (size_t)T); /* sales */
    HxBars c = {"Milk and products per period", "t", T, 3, cats,
                {"milk collected", "production", "sales"}, tonnes, false};
    hx_bars(&c, out);
    HxBars p = {rep_profit_model(m) ? "Profit per period" : "Cost per period", rep_cur(m), T, 1,
                cats, {rep_profit_model(m) ? "profit" : "cost"}, v + 4 * T, true};
    hx_bars(&p, out);
    free(tonnes);
    free(cats);
}

/* One case's plan: status, objective, the chain, the year (with
 * periods), the tables (each period's), the sentences, the program. */
static void html_case(const Lp *lp, const Solution *sol, FILE *out)
{
    const RepSink s = {out, html_section};
    fprintf(out, "<div class=\"status%s\">", sol->status == SOL_OPTIMAL ? "" : " infeasible");
    pre_of(out, print_status, lp, sol);
    fputs("</div>\n", out);
    if (!solve_has_plan(sol)) {
        if (sol->status == SOL_INFEASIBLE) {
            fputs("<h3>lower bounds that cannot be met</h3>\n", out);
            pre_of(out, print_shortfalls, lp, sol);
        }
        html_program(lp, out);
        return;
    }
    int n = lp_nparts(lp);
    Plan *plans = rep_year_init(lp, sol);
    Table t;
    rep_objective_table(lp->m, sol, &t);
    html_section(&s, "objective", &t);
    fputs("<section class=\"chain\">\n<h2>The chain</h2>\n", out);
    hx_chain(lp, sol, plans, n, out);
    fputs("</section>\n", out);
    if (lp->nperiods > 0) {
        fputs("<section class=\"year\">\n<h2>The year</h2>\n", out);
        double *v = xcalloc((size_t)REP_YEAR_ROWS * (size_t)n, sizeof(double));
        rep_year_values(lp, sol, plans, v);
        year_charts(lp, v, out);
        free(v);
        rep_year_table(lp, sol, plans, &s);
        rep_year_plants(lp, sol, plans, &s);
        fputs("</section>\n", out);
    }
    fputs("<section class=\"tables\">\n<h2>The plan</h2>\n", out);
    if (lp->nperiods == 0)
        rep_plants_table(lp->m, plans[0].open, NULL, 0, &s);
    rep_segments_table(&plans[0], &s);
    for (int k = 0; k < n; k++) {
        if (lp->nperiods > 0) {
            fputs("<h2 class=\"period\">", out);
            hx_esc(out, rep_disp(&lp->m->periods[k].n));
            fputs("</h2>\n", out);
        }
        rep_part_tables(&plans[k], &s);
    }
    fputs("</section>\n", out);
    html_sentences(lp, sol, plans, n, out);
    html_program(lp, out);
    rep_year_free(plans, n);
}

/* The name a case goes by on the page: the scenario's label, else its name. */
static const char *case_title(const ReportCase *c)
{
    const Model *m = c->lp->m;
    for (int s = 0; !c->label && s < m->nscenarios; s++)
        if (strcmp(m->scenarios[s].n.name, c->name) == 0)
            return rep_disp(&m->scenarios[s].n);
    return c->label ? c->label : c->name;
}

/* The cases side by side: bars of the objective and of the tonnes, then
 * the text report's side-by-side table. */
static void cases_overview(const ReportCase *cases, int n, const Plan *plans, FILE *out)
{
    const Model *m = cases[0].lp->m;
    const char **cats = xmalloc(sizeof(char *) * (size_t)n);
    double *obj = xmalloc(sizeof(double) * (size_t)n);
    double *tonnes = xcalloc(3 * (size_t)n, sizeof(double));
    for (int i = 0; i < n; i++) {
        const Plan *pl = &plans[i];
        cats[i] = cases[i].name;
        if (!pl->ok) { /* no bars */
            obj[i] = tonnes[i] = tonnes[n + i] = tonnes[2 * n + i] = NAN;
            continue;
        }
        obj[i] = cases[i].sol->objective;
        for (int r = 0; r < pl->m->nroutes; r++)
            tonnes[i] += pl->m->routes[r].kind == ROUTE_MILK ? pl->x[r] : 0;
        for (int l = 0; l < pl->m->nlines; l++)
            tonnes[n + i] += pl->y[l];
        for (int d = 0; d < pl->lp->nclasses; d++)
            tonnes[2 * n + i] += pl->sold[d];
    }
    HxBars o = {rep_profit_model(m) ? "Profit by case" : "Total cost by case", rep_cur(m), n, 1,
                cats, {rep_profit_model(m) ? "profit" : "total cost"}, obj, true};
    hx_bars(&o, out);
    HxBars t = {"Milk and products by case", "t", n, 3, cats,
                {"milk collected", "production", "sales"}, tonnes, false};
    hx_bars(&t, out);
    const RepSink s = {out, html_section};
    fputs("<h3>side by side</h3>\n", out);
    rep_cases_tables(cases, n, plans, &s);
    free(tonnes);
    free(obj);
    free(cats);
}

static void html_cases(const ReportCase *cases, int n, FILE *out)
{
    Plan *plans = xcalloc((size_t)n, sizeof(Plan));
    for (int i = 0; i < n; i++)
        rep_plan_init(&plans[i], cases[i].lp, cases[i].sol);
    fprintf(out, "<section id=\"cases\">\n<h2>%d cases side by side</h2>\n", n);
    cases_overview(cases, n, plans, out);
    fputs("</section>\n", out);
    for (int i = 0; i < n; i++) {
        fputs("<section class=\"case\" id=\"case-", out);
        hx_esc(out, cases[i].name);
        fputs("\">\n<h2>", out);
        hx_esc(out, i == 0 ? "The base model" : case_title(&cases[i]));
        fputs("</h2>\n", out);
        html_case(cases[i].lp, cases[i].sol, out);
        fputs("</section>\n", out);
        rep_plan_free(&plans[i]);
    }
    free(plans);
}

int report_html(const ReportCase *cases, int n, FILE *out)
{
    if (n <= 0)
        return ferror(out) ? -1 : 0;
    page_head(cases[0].lp->m, out);
    if (n == 1)
        html_case(cases[0].lp, cases[0].sol, out);
    else
        html_cases(cases, n, out);
    fputs("</body>\n</html>\n", out);
    return ferror(out) ? -1 : 0;
}
