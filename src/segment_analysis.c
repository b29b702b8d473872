/* segment_analysis.c — the rule analysis (segment_analyze, segment.h):
 * which segments can never match and which combinations no rule takes.
 *
 * The scores (quintile/ntile, and lets that are only one) and the text
 * columns the rules compare with literals become synthetic columns holding
 * every combination of their values, one row each, and the program of
 * segment.c runs the rules over them.  A rule that reads anything else (a
 * raw number, two text columns, the ids) decides nothing: a note says so. */
#include "segment_int.h"

#include "xalloc.h"
#include "text.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The most combinations the rule analysis enumerates. */
#define MAX_COMBINATIONS 1000000.0

typedef struct {
    bool text;
    int order;               /* enumeration order (scores by let, texts by column) */
    /* a score */
    const RExpr *call;
    const char *name;        /* the let that is exactly this call, or NULL */
    uint16_t *score;         /* per combination */
    /* a text or market column */
    int col;
    const char **lits;       /* the literals the rules compare it with */
    int nlits, caplits;
    bool other;              /* a present value that is none of them */
    int *value;              /* per combination */
    int dom;                 /* values enumerated */
} Var;

enum { WHY_RAW = 1, WHY_ID, WHY_TWO };

struct Analysis {
    const Model *m;
    Var *vars;
    int nvars, capv;
    bool *let_ok;            /* the let depends on scores and constants only */
    const RExpr *bad;        /* the first comparison the analysis cannot enumerate */
    int why;
    bool any_score, any_text; /* what the variables are */
};

/* What the enumeration ranges over, in words. */
static const char *combinations(const Analysis *an, bool plural)
{
    if (!an->any_text)
        return plural ? "score combinations" : "score combination";
    if (!an->any_score)
        return plural ? "value combinations" : "value combination";
    return plural ? "combinations of scores and values" : "combination of scores and values";
}

const uint16_t *seg_an_scores(Analysis *an, const RExpr *call)
{
    for (int i = 0; i < an->nvars; i++)
        if (!an->vars[i].text && seg_expr_same(an->vars[i].call, call))
            return an->vars[i].score;
    return NULL;
}

const int *seg_an_texts(Analysis *an, int col)
{
    for (int i = 0; i < an->nvars; i++)
        if (an->vars[i].text && an->vars[i].col == col)
            return an->vars[i].value;
    return NULL;
}

static Var *an_var(Analysis *an)
{
    if (an->nvars == an->capv) {
        an->capv = an->capv ? an->capv * 2 : 8;
        an->vars = xrealloc(an->vars, sizeof(Var) * (size_t)an->capv);
    }
    Var *v = &an->vars[an->nvars++];
    memset(v, 0, sizeof *v);
    return v;
}

static void an_add_score(Analysis *an, const RExpr *call)
{
    for (int i = 0; i < an->nvars; i++)
        if (!an->vars[i].text && seg_expr_same(an->vars[i].call, call))
            return;
    const Model *m = an->m;
    Var *v = an_var(an);
    v->call = call;
    v->order = m->nlets + an->nvars;
    for (int li = 0; li < m->nlets; li++) {
        const RExpr *x = m->lets[li].expr;
        if (x->kind == RX_CALL && seg_expr_same(x, call)) {
            v->name = m->lets[li].n.name;
            v->order = li;
            break;
        }
    }
    v->dom = call->bins;
}

static Var *an_text_var(Analysis *an, int col)
{
    for (int i = 0; i < an->nvars; i++)
        if (an->vars[i].text && an->vars[i].col == col)
            return &an->vars[i];
    Var *v = an_var(an);
    v->text = true;
    v->col = col;
    v->order = col;
    return v;
}

static void var_lit(Var *v, const char *lit)
{
    for (int i = 0; i < v->nlits; i++)
        if (strcmp(v->lits[i], lit) == 0)
            return;
    if (v->nlits == v->caplits) {
        v->caplits = v->caplits ? v->caplits * 2 : 8;
        v->lits = xrealloc(v->lits, sizeof(const char *) * (size_t)v->caplits);
    }
    v->lits[v->nlits++] = lit;
}

static bool an_fail(Analysis *an, const RExpr *at, int why)
{
    if (!an->bad) {
        an->bad = at;
        an->why = why;
    }
    return false;
}

enum { OPD_BAD, OPD_ID, OPD_LIT, OPD_COL };

/* A text operand: a literal, a text or market column (through text lets),
 * or the id column. */
static int text_operand(const Model *m, const RExpr *e, int *col, const char **lit)
{
    if (e->kind == RX_TEXT) {
        *lit = e->text;
        return OPD_LIT;
    }
    if (e->kind == RX_LET)
        return text_operand(m, m->lets[e->index].expr, col, lit);
    if (e->kind != RX_COLUMN)
        return OPD_BAD;
    ColumnKind k = m->customers.cols[e->index].kind;
    if (k == COL_ID)
        return OPD_ID;
    if (k != COL_TEXT && k != COL_MARKET)
        return OPD_BAD;
    *col = e->index;
    return OPD_COL;
}

/* A text comparison (==, !=, in) is enumerated when it compares one text
 * column with literals. */
static bool an_text_cmp(Analysis *an, const RExpr *e)
{
    /* the operands after a: b, or the list */
    const RExpr *const *rest = e->kind == RX_IN ? e->items : &e->b;
    int nrest = e->kind == RX_IN ? e->nitems : 1;
    int col = -1;
    for (int pass = 0; pass < 2; pass++) {
        Var *v = pass && col >= 0 ? an_text_var(an, col) : NULL;
        for (int k = -1; k < nrest; k++) {
            int c = -1;
            const char *lit = NULL;
            int kind = text_operand(an->m, k < 0 ? e->a : rest[k], &c, &lit);
            if (pass == 0) {
                if (kind == OPD_ID)
                    return an_fail(an, e, WHY_ID);
                if (kind == OPD_BAD || (kind == OPD_COL && col >= 0 && c != col))
                    return an_fail(an, e, WHY_TWO);
                if (kind == OPD_COL)
                    col = c;
            } else if (v && kind == OPD_LIT)
                var_lit(v, lit);
        }
    }
    return true;
}

/* Whether e depends on scores, constants and enumerated text comparisons
 * only; collects the scores and text columns.  cmp is the comparison e is
 * part of, for the note. */
static bool an_expr(Analysis *an, const RExpr *e, const RExpr *cmp)
{
    const Model *m = an->m;
    switch (e->kind) {
    case RX_NUM: case RX_TEXT: case RX_BOOL: return true;
    case RX_CALL:
        an_add_score(an, e);
        return true;
    case RX_LET: {
        const RExpr *x = m->lets[e->index].expr;
        if (x->kind == RX_CALL) {
            an_add_score(an, x);
            return true;
        }
        if (!an->let_ok[e->index] && !an_expr(an, x, cmp))
            return false;
        an->let_ok[e->index] = true;
        return true;
    }
    case RX_COLUMN: {
        ColumnKind k = m->customers.cols[e->index].kind;
        return an_fail(an, cmp ? cmp : e,
                       k == COL_ID ? WHY_ID : k == COL_NUMBER || k == COL_VOLUME ? WHY_RAW : WHY_TWO);
    }
    case RX_NEG: case RX_NOT: return an_expr(an, e->a, cmp);
    case RX_AND: case RX_OR: case RX_ADD: case RX_SUB: case RX_MUL: case RX_DIV:
        return an_expr(an, e->a, cmp) && an_expr(an, e->b, cmp);
    case RX_EQ: case RX_NE: case RX_LT: case RX_LE: case RX_GT: case RX_GE:
        if (e->a->type == T_TEXT)
            return an_text_cmp(an, e);
        return an_expr(an, e->a, e) && an_expr(an, e->b, e);
    case RX_IN:
        if (e->a->type == T_TEXT)
            return an_text_cmp(an, e);
        if (!an_expr(an, e->a, e))
            return false;
        for (int i = 0; i < e->nitems; i++)
            if (!an_expr(an, e->items[i], e))
                return false;
        return true;
    }
    return an_fail(an, cmp ? cmp : e, WHY_RAW);
}

static int var_cmp(const void *pa, const void *pb)
{
    const Var *a = pa, *b = pb;
    if (a->text != b->text)
        return a->text ? 1 : -1;
    return (a->order > b->order) - (a->order < b->order);
}

/* A text variable's values: the literals it can hold, then `other`.  A
 * market column holds only markets with customers. */
static void text_domain(const Model *m, Var *v)
{
    if (m->customers.cols[v->col].kind == COL_MARKET) {
        int keep = 0;
        for (int i = 0; i < v->nlits; i++)
            for (int k = 0; k < m->nmarkets; k++)
                if (m->markets[k].from_customers && strcmp(m->markets[k].n.name, v->lits[i]) == 0) {
                    v->lits[keep++] = v->lits[i];
                    break;
                }
        v->nlits = keep;
        for (int k = 0; k < m->nmarkets && !v->other; k++) {
            if (!m->markets[k].from_customers)
                continue;
            bool named = false;
            for (int i = 0; i < v->nlits; i++)
                named |= strcmp(m->markets[k].n.name, v->lits[i]) == 0;
            v->other = !named;
        }
    } else
        v->other = true;
    if (v->nlits == 0)
        v->other = true;
    v->dom = v->nlits + v->other;
}

/* Combination `row` of the enumeration: the digits of row in the mixed
 * radix of the variables' domains, the first variable the most significant. */
static int digit_of(const Analysis *an, size_t row, int var)
{
    for (int i = an->nvars - 1; i > var; i--)
        row /= (size_t)an->vars[i].dom;
    return (int)(row % (size_t)an->vars[var].dom);
}

/* One combination in words: `r = 1, f = 5, channel = "horeca"`. */
static void put_combination(Buf *b, const Model *m, const Analysis *an, size_t row)
{
    for (int i = 0; i < an->nvars; i++) {
        const Var *v = &an->vars[i];
        int d = digit_of(an, row, i);
        if (i)
            buf_puts(b, ", ");
        if (!v->text) {
            if (v->name)
                buf_puts(b, v->name);
            else
                rexpr_put(b, v->call, REXPR_INNER);
            buf_printf(b, " = %d", d + 1);
            continue;
        }
        buf_puts(b, m->customers.cols[v->col].name);
        if (d < v->nlits) {
            buf_puts(b, " = ");
            text_put_label(b, v->lits[d]);
        } else if (v->nlits == 0)
            buf_puts(b, " = any value");
        else if (v->nlits == 1) {
            buf_puts(b, " != ");
            text_put_label(b, v->lits[0]);
        } else {
            buf_puts(b, " not in (");
            for (int k = 0; k < v->nlits; k++) {
                if (k)
                    buf_puts(b, ", ");
                text_put_label(b, v->lits[k]);
            }
            buf_putc(b, ')');
        }
    }
}

/* "`a`, `b` and `c`", at most five names. */
static void put_segment_names(Buf *b, const Model *m, const int *segs, int n)
{
    int shown = n > 5 ? 4 : n;
    for (int i = 0; i < shown; i++) {
        if (i)
            buf_puts(b, i == n - 1 ? " and " : ", ");
        buf_printf(b, "`%s`", m->segments[segs[i]].n.name);
    }
    if (shown < n)
        buf_printf(b, " and %d more", n - shown);
}

static const char *const why_text[] = {
    [WHY_RAW] = "compares a raw value, not a score",
    [WHY_ID] = "compares customer ids",
    [WHY_TWO] = "compares two text columns",
};

/* What running the first na rules over every combination found. */
typedef struct {
    size_t rows;             /* combinations */
    int *cond;               /* per rule: its program node */
    size_t *first_count;     /* per rule: the combinations it takes first */
    bool *ever;              /* per rule: true for some combination */
    uint8_t *cover;          /* cover[s][t]: t takes some of s (NULL above 2048 rules) */
    size_t unmatched, example; /* combinations no rule takes, the first of them */
} Outcome;

/* The synthetic columns: row r of the enumeration holds combination r. */
static void bind_vars(Analysis *an, Prog *p, size_t rows)
{
    for (int i = 0; i < an->nvars; i++) {
        Var *v = &an->vars[i];
        int *lit_value = xmalloc(sizeof(int) * ((size_t)v->dom + 1));
        for (int k = 0; k < v->dom; k++)
            lit_value[k] = k < v->nlits ? seg_text_value(p, v->lits[k]) : T_OTHER;
        if (v->text)
            v->value = xmalloc(sizeof(int) * (rows + 1));
        else
            v->score = xmalloc(sizeof(uint16_t) * (rows + 1));
        size_t stride = 1;
        for (int j = i + 1; j < an->nvars; j++)
            stride *= (size_t)an->vars[j].dom;
        for (size_t r = 0; r < rows; r++) {
            int dg = (int)(r / stride % (size_t)v->dom);
            if (v->text)
                v->value[r] = lit_value[dg];
            else
                v->score[r] = (uint16_t)(dg + 1);
        }
        free(lit_value);
    }
}

/* First match over every combination, as segment_run does over customers,
 * noting besides which rules are ever true and which earlier rules take
 * a later one's combinations. */
static void run_rules(const Model *m, Prog *p, int na, Outcome *o)
{
    o->cond = xmalloc(sizeof(int) * (size_t)na);
    for (int s = 0; s < na; s++)
        o->cond[s] = seg_compile(p, m->segments[s].when);
    o->first_count = xcalloc((size_t)na, sizeof(size_t));
    o->ever = xcalloc((size_t)na, sizeof(bool));
    if (na <= 2048)
        o->cover = xcalloc((size_t)na * (size_t)na, 1);
    int16_t first[BLOCK];
    for (size_t s0 = 0; s0 < o->rows; s0 += BLOCK) {
        size_t len = o->rows - s0 < BLOCK ? o->rows - s0 : BLOCK;
        for (size_t i = 0; i < len; i++)
            first[i] = -1;
        for (int s = 0; s < na; s++) {
            const int8_t *c = seg_eval(p, o->cond[s], s0, len);
            for (size_t i = 0; i < len; i++) {
                if (c[i] != C_TRUE)
                    continue;
                o->ever[s] = true;
                if (first[i] < 0)
                    first[i] = (int16_t)s;
                else if (o->cover)
                    o->cover[(size_t)s * (size_t)na + (size_t)first[i]] = 1;
            }
        }
        for (size_t i = 0; i < len; i++) {
            if (first[i] >= 0)
                o->first_count[first[i]]++;
            else if (o->unmatched++ == 0)
                o->example = s0 + i;
        }
    }
}

static void outcome_free(Outcome *o)
{
    free(o->cond);
    free(o->first_count);
    free(o->ever);
    free(o->cover);
}

/* A warning for each rule no combination reaches first: never true, or
 * taken by earlier rules (named when cover is known). */
static void report_unreachable(const Model *m, Diag *d, int na, const Analysis *an,
                               const Outcome *o)
{
    for (int s = 0; s < na; s++) {
        if (o->first_count[s])
            continue;
        const Segment *sg = &m->segments[s];
        if (!o->ever[s]) {
            diag_warning(d, sg->n.span, "segment `%s` can never match: its rule is never true",
                         sg->n.name);
            if (an->any_score)
                diag_hint(d, "no %s makes it true; quintile scores run from 1 to 5, "
                             "ntile(x, q) scores from 1 to q", combinations(an, false));
            else if (an->any_text)
                diag_hint(d, "no %s makes it true", combinations(an, false));
            continue;
        }
        diag_warning(d, sg->n.span,
                     "segment `%s` can never match: earlier rules take every customer it would match",
                     sg->n.name);
        if (o->cover) {
            int *by = xmalloc(sizeof(int) * (size_t)na);
            int nby = 0;
            for (int t = 0; t < s; t++)
                if (o->cover[(size_t)s * (size_t)na + (size_t)t])
                    by[nby++] = t;
            Buf b = {0};
            put_segment_names(&b, m, by, nby);
            diag_hint(d, "the customers it would match go to %s first", buf_str(&b));
            free(b.s);
            free(by);
        }
    }
}

/* A warning at the last rule when some combinations match none, with the
 * first of them as an example. */
static void report_gaps(const Model *m, Diag *d, int na, const Analysis *an, const Outcome *o)
{
    const Segment *last = &m->segments[na - 1];
    if (an->nvars == 0)
        diag_warning(d, last->n.span, "no rule matches any customer");
    else {
        Buf b = {0};
        put_combination(&b, m, an, o->example);
        diag_warning(d, last->n.span, "no rule matches %zu of %zu %s, e.g. %s", o->unmatched,
                     o->rows, combinations(an, true), buf_str(&b));
        free(b.s);
    }
    diag_hint(d, "add a final rule without `when` to catch the rest, or extend the rules");
}

/* Order the variables and give each its domain; false, with a note, when
 * the rules combine too many values.  *total: the combinations. */
static bool plan(const Model *m, Diag *d, Analysis *an, double *total)
{
    if (an->nvars > 1)
        qsort(an->vars, (size_t)an->nvars, sizeof(Var), var_cmp);
    *total = 1;
    for (int i = 0; i < an->nvars; i++) {
        Var *v = &an->vars[i];
        if (v->text)
            text_domain(m, v);
        an->any_score |= !v->text;
        an->any_text |= v->text;
        *total *= v->dom;
    }
    if (*total <= MAX_COMBINATIONS)
        return true;
    diag_note(d, m->segments[0].n.span,
              "rule analysis cannot decide which rules overlap or leave gaps: the rules "
              "combine %.0f %s, more than the %.0f it enumerates",
              *total, combinations(an, true), MAX_COMBINATIONS);
    return false;
}

/* Enumerate every combination of the scores and text values the first na
 * rules use, run the rules over them and say which rules no combination
 * reaches first and, with gaps, which combinations no rule matches. */
static void decide(const Model *m, Diag *d, int na, bool gaps)
{
    if (na == 0)
        return;
    Analysis an = {0};
    an.m = m;
    an.let_ok = xcalloc((size_t)m->nlets + 1, sizeof(bool));
    for (int s = 0; s < na; s++)
        if (!an_expr(&an, m->segments[s].when, NULL))
            break;
    double total;
    if (an.bad) {
        Buf b = {0};
        rexpr_put(&b, an.bad, REXPR_INNER);
        diag_note(d, an.bad->span,
                  "rule analysis cannot decide which rules overlap or leave gaps, because `%s` %s",
                  buf_str(&b), why_text[an.why]);
        free(b.s);
    } else if (plan(m, d, &an, &total)) {
        Outcome o = {.rows = (size_t)total};
        Prog p;
        seg_prog_init(&p, m, o.rows, &an);
        bind_vars(&an, &p, o.rows);
        run_rules(m, &p, na, &o);
        report_unreachable(m, d, na, &an, &o);
        if (gaps && o.unmatched)
            report_gaps(m, d, na, &an, &o);
        outcome_free(&o);
        seg_prog_free(&p);
    }
    for (int i = 0; i < an.nvars; i++) {
        free(an.vars[i].lits);
        free(an.vars[i].score);
        free(an.vars[i].value);
    }
    free(an.vars);
    free(an.let_ok);
}

void segment_analyze(const Model *m, Diag *d)
{
    int nseg = seg_usable(m);
    int all = -1; /* the first rule without `when` */
    for (int s = 0; s < nseg && all < 0; s++)
        if (!m->segments[s].when)
            all = s;
    /* the rules before it are analysed; a catch-all leaves no gap (and is
     * never itself reported: it takes the customers with missing values) */
    decide(m, d, all >= 0 ? all : nseg, all < 0);
    for (int s = all + 1; all >= 0 && s < nseg; s++) {
        diag_warning(d, m->segments[s].n.span,
                     "segment `%s` can never match: earlier rules take every customer it would match",
                     m->segments[s].n.name);
        diag_hint(d, "segment `%s` has no `when`: it takes every customer that reaches it",
                  m->segments[all].n.name);
    }
}
