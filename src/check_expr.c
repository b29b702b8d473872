/* check_expr.c — the types and dimensions of `let` and segment `when`
 * expressions, and their resolved form for the model (rexpr.h). */
#include "check_int.h"
#include "vec.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A checked subexpression: its resolved node (NULL after an error, which
 * has been reported), and whether it is a number written without a unit,
 * which the checker alone needs (for "found a bare number"). */
typedef struct {
    RExpr *x;
    bool bare;
} Ty;

static const char *type_name(ValueType t)
{
    return t == T_NUMBER ? "a number" : t == T_TEXT ? "text" : "a condition";
}

static Ty check_expr(Ck *c, const Expr *e, int visible_lets);

static bool want_type(Ck *c, const Expr *e, Ty t, ValueType want, const char *where)
{
    if (!t.x)
        return false;
    if (t.x->type == want)
        return true;
    diag_error(c->d, e->span, "expected %s %s, found %s", type_name(want), where,
               type_name(t.x->type));
    if (want == T_BOOL)
        diag_hint(c->d, "compare it, e.g. `r >= 4` or `channel == \"horeca\"`");
    else
        diag_hint(c->d, "this needs %s", type_name(want));
    return false;
}

/* Numbers compared, added or listed together must have one dimension; a
 * bare number beside a quantity is an error that shows its unit. */
static bool same_dim(Ck *c, const Expr *e, const Expr *a, Ty ta, const Expr *b, Ty tb)
{
    if (dim_eq(ta.x->dim, tb.x->dim))
        return true;
    char na[64], nb[64], base[32];
    dim_name(ta.x->dim, na, sizeof na);
    dim_name(tb.x->dim, nb, sizeof nb);
    if (tb.bare || ta.bare) {
        const Expr *bare = tb.bare ? b : a;
        Dim other = tb.bare ? ta.x->dim : tb.x->dim;
        dim_name(other, na, sizeof na);
        dim_base_unit(other, ck_model_currency(c), base, sizeof base);
        diag_error(c->d, bare->span, "expected %s, found a bare number `%s`", na,
                   ck_span_text(c, bare->span));
        diag_hint(c->d, "write `%s %s`", ck_span_text(c, bare->span), base);
        return false;
    }
    diag_error(c->d, e->op_span.hi > e->op_span.lo ? e->op_span : e->span,
               "cannot combine %s with %s", na, nb);
    diag_hint(c->d, "both sides must be in the same dimension");
    return false;
}

/* A resolved node for e in the model's arena. */
static RExpr *node(Ck *c, RExprKind k, const Expr *e, ValueType t, Dim d)
{
    RExpr *x = arena_alloc(c->arena, sizeof *x);
    x->kind = k;
    x->type = t;
    x->dim = d;
    x->span = e->span;
    return x;
}

static Ty ty(RExpr *x)
{
    return (Ty){x, false};
}

/* A number literal: its value in base units (the unit converted exactly,
 * `%` a hundredth), and what printing it as written needs. */
static Ty number(Ck *c, const Expr *e)
{
    Unit u;
    if (e->num.unit && !ck_parse_unit(c, e->num.unit, e->num.unit_span, &u))
        return (Ty){0};
    RExpr *x = node(c, RX_NUM, e, T_NUMBER, e->num.unit ? u.dim : dim_ratio());
    x->value = e->num.unit ? unit_to_base(&u, e->num.value) : e->num.value;
    x->written = e->num.value;
    x->sign = e->num.sign;
    x->digits = e->num.text;
    x->unit = e->num.unit;
    return (Ty){x, !e->num.unit};
}

static Ty check_name(Ck *c, const Expr *e, int visible_lets)
{
    int v = names_get(&c->attrs, e->text);
    if (v >= 0 && (v & LET_BIT)) {
        int li = v & ~LET_BIT;
        const Let *l = &((Let *)c->lets.data)[li];
        if (li >= visible_lets) {
            diag_error(c->d, e->span, "`%s` is defined below, at line %u", e->text,
                       ck_line_of(c, l->n.span));
            diag_hint(c->d, "a `let` may use customer columns and the lets above it");
            return (Ty){0};
        }
        if (l->expr == NULL)
            return (Ty){0}; /* its error is reported */
        RExpr *x = node(c, RX_LET, e, l->type, l->dim);
        x->text = l->n.name;
        x->index = li;
        return ty(x);
    }
    if (v >= 0) {
        const Column *col = &c->m->customers.cols[v];
        bool num = col->kind == COL_NUMBER || col->kind == COL_VOLUME;
        RExpr *x = node(c, RX_COLUMN, e, num ? T_NUMBER : T_TEXT, num ? col->dim : dim_ratio());
        x->text = col->name;
        x->index = v;
        return ty(x);
    }
    if (!c->m->customers.present) {
        diag_error(c->d, e->span, "unknown customer column `%s`: the model declares no customers",
                   e->text);
        diag_hint(c->d, "add `customers from \"customers.csv\"` with a `%s` column", e->text);
        return (Ty){0};
    }
    diag_error(c->d, e->span, "unknown name `%s`: not a customer column or a `let`", e->text);
    const char *best = NULL;
    size_t bestd = 3;
    for (int i = 0; i < c->m->customers.ncols; i++) {
        size_t dd = diag_edit_distance(e->text, c->m->customers.cols[i].name, 2);
        if (dd < bestd) {
            bestd = dd;
            best = c->m->customers.cols[i].name;
        }
    }
    for (int i = 0; i < visible_lets; i++) {
        const char *ln = ((Let *)c->lets.data)[i].n.name;
        size_t dd = diag_edit_distance(e->text, ln, 2);
        if (dd < bestd) {
            bestd = dd;
            best = ln;
        }
    }
    if (best)
        diag_hint(c->d, "did you mean `%s`?", best);
    else
        diag_hint(c->d, "names here are the customer file's columns and `let` definitions");
    return (Ty){0};
}

/* quintile(x) and ntile(x, q): a score 1..q of a number attribute. */
static Ty check_call(Ck *c, const Expr *e, int visible_lets)
{
    bool quint = strcmp(e->text, "quintile") == 0;
    if (!quint && strcmp(e->text, "ntile") != 0) {
        diag_error(c->d, e->op_span, "unknown function `%s`", e->text);
        diag_hint(c->d, "the functions are `quintile(x)` and `ntile(x, q)`");
        return (Ty){0};
    }
    int want = quint ? 1 : 2;
    if (e->nargs != want) {
        diag_error(c->d, e->span, "`%s` takes %d argument%s, found %d", e->text, want,
                   want == 1 ? "" : "s", e->nargs);
        diag_hint(c->d, quint ? "write `quintile(frequency)`" : "write `ntile(frequency, 4)`");
        return (Ty){0};
    }
    Ty t = check_expr(c, e->args, visible_lets);
    if (!want_type(c, e->args, t, T_NUMBER, "to score"))
        return (Ty){0};
    RExpr *x = node(c, RX_CALL, e, T_NUMBER, dim_ratio());
    x->text = quint ? "quintile" : "ntile";
    x->a = t.x;
    x->bins = 5;
    if (!quint) {
        const Expr *q = e->args->next;
        if (q->kind != E_NUM || q->num.unit || q->num.value < 1 || q->num.value > 1000 ||
            q->num.value != floor(q->num.value)) {
            diag_error(c->d, q->span, "the number of bins must be a whole number from 1 to 1000");
            diag_hint(c->d, "write e.g. `ntile(frequency, 4)` for quartiles");
            return (Ty){0};
        }
        x->b = number(c, q).x;
        x->bins = (int)q->num.value;
    }
    return ty(x);
}

static const RExprKind binary_kind[] = {
    [E_AND] = RX_AND, [E_OR] = RX_OR, [E_EQ] = RX_EQ, [E_NE] = RX_NE,
    [E_LT] = RX_LT,   [E_LE] = RX_LE, [E_GT] = RX_GT, [E_GE] = RX_GE,
    [E_ADD] = RX_ADD, [E_SUB] = RX_SUB, [E_MUL] = RX_MUL, [E_DIV] = RX_DIV,
};

/* A binary node over checked operands. */
static Ty binary(Ck *c, const Expr *e, Ty a, Ty b, ValueType t, Dim d)
{
    RExpr *x = node(c, binary_kind[e->kind], e, t, d);
    x->a = a.x;
    x->b = b.x;
    return (Ty){x, a.bare && b.bare};
}

static Ty check_arith(Ck *c, const Expr *e, int visible_lets)
{
    Ty a = check_expr(c, e->a, visible_lets), b = check_expr(c, e->b, visible_lets);
    bool ok = want_type(c, e->a, a, T_NUMBER, "in arithmetic");
    ok = want_type(c, e->b, b, T_NUMBER, "in arithmetic") && ok;
    if (!ok)
        return (Ty){0};
    if (e->kind == E_ADD || e->kind == E_SUB) {
        if (!same_dim(c, e, e->a, a, e->b, b))
            return (Ty){0};
        return binary(c, e, a, b, T_NUMBER, a.x->dim);
    }
    int s = e->kind == E_MUL ? 1 : -1;
    Dim da = a.x->dim, db = b.x->dim;
    Dim d = {(signed char)(da.mass + s * db.mass), (signed char)(da.money + s * db.money),
             (signed char)(da.dist + s * db.dist), (signed char)(da.time + s * db.time)};
    return binary(c, e, a, b, T_NUMBER, d);
}

static Ty check_compare(Ck *c, const Expr *e, int visible_lets)
{
    Ty a = check_expr(c, e->a, visible_lets), b = check_expr(c, e->b, visible_lets);
    if (!a.x || !b.x)
        return (Ty){0};
    ValueType ta = a.x->type, tb = b.x->type;
    if (ta == T_BOOL || tb == T_BOOL || ta != tb) {
        diag_error(c->d, e->op_span, "cannot compare %s with %s", type_name(ta), type_name(tb));
        diag_hint(c->d, "compare numbers with numbers and text with text, e.g. "
                        "`channel == \"horeca\"`");
        return (Ty){0};
    }
    if (ta == T_TEXT && e->kind != E_EQ && e->kind != E_NE) {
        diag_error(c->d, e->op_span, "text is compared with `==`, `!=` or `in` only");
        diag_hint(c->d, "order applies to numbers");
        return (Ty){0};
    }
    if (ta == T_NUMBER && !same_dim(c, e, e->a, a, e->b, b))
        return (Ty){0};
    Ty r = binary(c, e, a, b, T_BOOL, dim_ratio());
    r.bare = false;
    return r;
}

static Ty check_in(Ck *c, const Expr *e, int visible_lets)
{
    Ty a = check_expr(c, e->a, visible_lets);
    if (!a.x)
        return (Ty){0};
    if (a.x->type == T_BOOL) {
        diag_error(c->d, e->a->span, "`in` tests a number or a text, found a condition");
        diag_hint(c->d, "write e.g. `channel in (\"retail\", \"horeca\")`");
        return (Ty){0};
    }
    const RExpr **items = arena_alloc(c->arena, sizeof *items * (size_t)(e->nargs + 1));
    int n = 0;
    bool ok = true;
    for (const Expr *x = e->args; x; x = x->next) {
        Ty t = check_expr(c, x, visible_lets);
        if (!t.x) {
            ok = false;
            continue;
        }
        if (t.x->type != a.x->type) {
            diag_error(c->d, x->span, "expected %s in the list, found %s", type_name(a.x->type),
                       type_name(t.x->type));
            diag_hint(c->d, "every item of the list is of the tested value's type");
            ok = false;
        } else if (a.x->type == T_NUMBER && !same_dim(c, e, e->a, a, x, t))
            ok = false;
        items[n++] = t.x;
    }
    if (!ok)
        return (Ty){0};
    RExpr *r = node(c, RX_IN, e, T_BOOL, dim_ratio());
    r->a = a.x;
    r->items = items;
    r->nitems = n;
    return ty(r);
}

static Ty check_expr(Ck *c, const Expr *e, int visible_lets)
{
    switch (e->kind) {
    case E_NUM: return number(c, e);
    case E_STR: {
        RExpr *x = node(c, RX_TEXT, e, T_TEXT, dim_ratio());
        x->text = e->text;
        return ty(x);
    }
    case E_BOOL: {
        RExpr *x = node(c, RX_BOOL, e, T_BOOL, dim_ratio());
        x->truth = e->bval;
        return ty(x);
    }
    case E_NAME: return check_name(c, e, visible_lets);
    case E_CALL: return check_call(c, e, visible_lets);
    case E_PAREN: {
        Ty t = check_expr(c, e->a, visible_lets);
        if (t.x)
            t.x->parens++;
        return t;
    }
    case E_NEG: case E_NOT: {
        Ty t = check_expr(c, e->a, visible_lets);
        bool neg = e->kind == E_NEG;
        if (!want_type(c, e->a, t, neg ? T_NUMBER : T_BOOL, neg ? "after `-`" : "after `not`"))
            return (Ty){0};
        RExpr *x = node(c, neg ? RX_NEG : RX_NOT, e, t.x->type, t.x->dim);
        x->a = t.x;
        return (Ty){x, t.bare};
    }
    case E_AND: case E_OR: {
        Ty a = check_expr(c, e->a, visible_lets), b = check_expr(c, e->b, visible_lets);
        const char *w = e->kind == E_AND ? "beside `and`" : "beside `or`";
        bool ok = want_type(c, e->a, a, T_BOOL, w);
        ok = want_type(c, e->b, b, T_BOOL, w) && ok;
        return ok ? binary(c, e, a, b, T_BOOL, dim_ratio()) : (Ty){0};
    }
    case E_EQ: case E_NE: case E_LT: case E_LE: case E_GT: case E_GE:
        return check_compare(c, e, visible_lets);
    case E_ADD: case E_SUB: case E_MUL: case E_DIV:
        return check_arith(c, e, visible_lets);
    case E_IN: return check_in(c, e, visible_lets);
    }
    return (Ty){0};
}

void ck_lets_and_segments(Ck *c)
{
    const Decl **dv = c->decls.data;
    /* names first, so a let that uses a later one gets a clear message */
    for (size_t i = 0; i < c->decls.len; i++) {
        const Decl *d = dv[i];
        if (d->kind != D_LET)
            continue;
        int idx = (int)c->lets.len;
        Let *l = vec_push(&c->lets);
        l->n.name = d->name;
        l->n.span = d->name_span;
        l->expr = NULL; /* until it is checked, and after an error */
        l->type = T_BOOL;
        int prev = names_put(&c->attrs, d->name, idx | LET_BIT);
        if (prev >= 0) {
            if (prev & LET_BIT) {
                diag_error(c->d, d->name_span, "`let %s` is defined twice", d->name);
                diag_note(c->d, ((Let *)c->lets.data)[prev & ~LET_BIT].n.span, "first defined here");
            } else {
                diag_error(c->d, d->name_span, "`%s` is already a customer column", d->name);
                diag_note(c->d, c->m->customers.cols[prev].span, "the column is here");
            }
            diag_hint(c->d, "choose another name");
        }
    }
    size_t li = 0;
    for (size_t i = 0; i < c->decls.len; i++) {
        const Decl *d = dv[i];
        if (d->kind != D_LET)
            continue;
        Ty t = check_expr(c, d->expr, (int)li);
        Let *l = &((Let *)c->lets.data)[li++];
        if (t.x) {
            l->expr = t.x;
            l->type = t.x->type;
            l->dim = t.x->dim;
        }
    }
    size_t si = 0;
    for (size_t i = 0; i < c->decls.len; i++) {
        const Decl *d = dv[i];
        if (d->kind != D_SEGMENT)
            continue;
        Segment *s = &((Segment *)c->segments.data)[si++];
        s->strategy = ck_resolve(c, d->strategy, d->strategy_span, K_STRATEGY);
        if (!d->expr)
            continue;
        Ty t = check_expr(c, d->expr, (int)c->lets.len);
        if (want_type(c, d->expr, t, T_BOOL, "after `when`"))
            s->when = t.x;
    }
    if (!c->m->customers.present && (c->lets.len || c->segments.len)) {
        /* already reported per name where a column is used; a rule without
         * any column still needs customers to run on */
        const Decl *first = NULL;
        for (size_t i = 0; i < c->decls.len && !first; i++)
            if (dv[i]->kind == D_SEGMENT && !dv[i]->expr)
                first = dv[i];
        if (first) {
            diag_error(c->d, first->name_span, "segment `%s` has no customers to segment",
                       first->name);
            diag_hint(c->d, "add `customers from \"customers.csv\"`");
        }
    }
}
