/* diff.c — the list of differences, numbers as text, and the two outputs
 * (docs/diff.md): one line per item, or one JSON document. */
#include "diff_int.h"

#include "json.h"
#include "names.h"
#include "text.h"
#include "xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void diff_init(DiffList *d)
{
    *d = (DiffList){0};
    arena_init(&d->arena);
}

void diff_free(DiffList *d)
{
    free(d->items);
    arena_free(&d->arena);
    *d = (DiffList){0};
}

bool df_same(double a, double b)
{
    if (a == b || (isnan(a) && isnan(b)))
        return true;
    return fabs(a - b) <= 1e-12 * fmax(fabs(a), fabs(b));
}

const char *df_strdup(DiffList *d, const char *s)
{
    return s ? arena_strdup(&d->arena, s) : NULL;
}

DiffItem *df_item(DiffList *d, DiffOp op, const char *kind, const char *name, const char *what)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 64;
        d->items = xrealloc(d->items, (size_t)d->cap * sizeof *d->items);
    }
    DiffItem *it = &d->items[d->n++];
    *it = (DiffItem){.op = op, .kind = kind, .name = name, .what = what};
    return it;
}

void df_added(DiffList *d, const char *kind, const char *name, const char *desc)
{
    df_item(d, DIFF_ADDED, kind, name, NULL)->after.text = df_strdup(d, desc);
}

void df_removed(DiffList *d, const char *kind, const char *name, const char *desc)
{
    df_item(d, DIFF_REMOVED, kind, name, NULL)->before.text = df_strdup(d, desc);
}

/* One number with `digits` significant digits, its integer part's
 * thousands apart by a space: "9 000", "-1 250.5", "0.45"; exponent form
 * as printf gives it ("1e+20"). */
static void put_number(Buf *b, double v, int digits)
{
    char s[64];
    if (fabs(v) < 5e-13)
        v = 0; /* never "-0" or "1e-17" of rounding */
    snprintf(s, sizeof s, "%.*g", digits, v);
    if (strchr(s, 'e') || !isfinite(v)) {
        buf_puts(b, s);
        return;
    }
    df_put_grouped(b, s);
}

void df_put_grouped(Buf *b, const char *s)
{
    const char *p = s;
    if (*p == '-' || *p == '+')
        buf_putc(b, *p++);
    size_t whole = strcspn(p, ".");
    for (size_t i = 0; i < whole; i++) {
        if (i && (whole - i) % 3 == 0 && whole > 3)
            buf_putc(b, ' ');
        buf_putc(b, p[i]);
    }
    buf_puts(b, p + whole);
}

void df_put_num(Buf *b, DfNum v, int digits)
{
    double k = v.percent ? 100 : 1;
    if (v.range && v.lo != 0) {
        put_number(b, v.lo * k, digits);
        buf_puts(b, "..");
    }
    put_number(b, v.hi * k, digits);
    if (v.percent)
        buf_putc(b, '%');
    else if (v.unit && *v.unit) {
        buf_putc(b, ' ');
        buf_puts(b, v.unit);
    }
}

static const char *num_text(DiffList *d, DfNum v, int digits)
{
    Buf b = {0};
    df_put_num(&b, v, digits);
    const char *s = arena_strdup(&d->arena, buf_str(&b));
    buf_free(&b);
    return s;
}

const char *df_num_text(DiffList *d, DfNum v)
{
    return num_text(d, v, 10);
}

static DiffVal num_val(const char *text, DfNum v)
{
    return (DiffVal){text, true, v.range, v.lo, v.hi, v.unit ? v.unit : ""};
}

static bool num_same(DfNum a, DfNum b)
{
    return df_same(a.hi, b.hi) && df_same(a.range ? a.lo : 0, b.range ? b.lo : 0);
}

bool df_num(DiffList *d, const char *kind, const char *name, const char *what, DfNum a, DfNum b)
{
    if (num_same(a, b))
        return false;
    /* as few digits as tell the two apart: 10 first, up to the 17 that
     * always do */
    int digits = 10;
    const char *ta, *tb;
    for (;; digits++) {
        ta = num_text(d, a, digits);
        tb = num_text(d, b, digits);
        if (strcmp(ta, tb) != 0 || digits == 17)
            break;
    }
    DiffItem *it = df_item(d, DIFF_CHANGED, kind, name, what);
    it->before = num_val(ta, a);
    it->after = num_val(tb, b);
    return true;
}

void df_num_opt(DiffList *d, const char *kind, const char *name, const char *what, bool has_a,
                DfNum a, bool has_b, DfNum b)
{
    if (has_a && has_b) {
        df_num(d, kind, name, what, a, b);
    } else if (has_a != has_b) {
        DiffItem *it = df_item(d, DIFF_CHANGED, kind, name, what);
        if (has_a)
            it->before = num_val(df_num_text(d, a), a);
        if (has_b)
            it->after = num_val(df_num_text(d, b), b);
    }
}

void df_put_label(Buf *b, const char *s)
{
    text_put_label(b, s);
}

bool df_str(DiffList *d, const char *kind, const char *name, const char *what, const char *a,
            const char *b, bool quoted)
{
    if ((!a && !b) || (a && b && strcmp(a, b) == 0))
        return false;
    DiffItem *it = df_item(d, DIFF_CHANGED, kind, name, what);
    const char *s[2] = {a, b};
    DiffVal *v[2] = {&it->before, &it->after};
    for (int i = 0; i < 2; i++) {
        if (!s[i])
            continue;
        if (quoted) {
            Buf buf = {0};
            df_put_label(&buf, s[i]);
            v[i]->text = arena_strdup(&d->arena, buf_str(&buf));
            buf_free(&buf);
        } else {
            v[i]->text = arena_strdup(&d->arena, s[i]);
        }
    }
    return true;
}

const char *df_money(DiffList *d, const Model *m, const char *per)
{
    return arena_printf(&d->arena, "%s%s", m->currency, per);
}

/* ------------------------------------------------------------ matching */

void df_match(DfMatch *mt, const char *const *ka, int na, const char *const *kb, int nb)
{
    mt->a_of_b = xmalloc((size_t)(nb ? nb : 1) * sizeof(int));
    mt->b_of_a = xmalloc((size_t)(na ? na : 1) * sizeof(int));
    NameMap map;
    names_init(&map);
    for (int i = 0; i < na; i++) {
        names_put(&map, ka[i], i);
        mt->b_of_a[i] = -1;
    }
    for (int j = 0; j < nb; j++) {
        int i = names_get(&map, kb[j]);
        mt->a_of_b[j] = i;
        if (i >= 0)
            mt->b_of_a[i] = j;
    }
    names_free(&map);
}

static const char **named_keys(const void *first, int n, size_t size)
{
    const char **k = xmalloc((size_t)(n ? n : 1) * sizeof *k);
    for (int i = 0; i < n; i++)
        k[i] = ((const Named *)((const char *)first + size * (size_t)i))->name;
    return k;
}

void df_match_named(DfMatch *mt, const void *a, int na, const void *b, int nb, size_t size)
{
    const char **ka = named_keys(a, na, size), **kb = named_keys(b, nb, size);
    df_match(mt, ka, na, kb, nb);
    free(ka);
    free(kb);
}

void df_match_free(DfMatch *mt)
{
    free(mt->a_of_b);
    free(mt->b_of_a);
}

/* ------------------------------------------------------------ output */

static const char *op_mark(DiffOp op)
{
    return op == DIFF_ADDED ? "+" : op == DIFF_REMOVED ? "-" : "~";
}

static const char *op_word(DiffOp op)
{
    return op == DIFF_ADDED ? "added" : op == DIFF_REMOVED ? "removed" : "changed";
}

/* "+ farm east: supply 4 000 t, price 310 BYN/t", "- plant mill",
 * "~ farm north: supply 9 000 t → 9 500 t". */
static void put_item(const DiffItem *it, FILE *out)
{
    fprintf(out, "%s %s", op_mark(it->op), it->kind);
    if (it->name)
        fprintf(out, " %s", it->name);
    if (it->note) {
        fprintf(out, ": %s", it->note);
    } else if (it->op == DIFF_CHANGED) {
        fputs(":", out);
        if (it->what)
            fprintf(out, " %s", it->what);
        fprintf(out, " %s → %s", it->before.text ? it->before.text : "none",
                it->after.text ? it->after.text : "none");
        if (it->change)
            fprintf(out, " (%s)", it->change);
    } else {
        const char *desc = it->op == DIFF_ADDED ? it->after.text : it->before.text;
        if (desc && *desc)
            fprintf(out, ": %s", desc);
    }
    fputc('\n', out);
}

int diff_write_text(const DiffList *d, FILE *out)
{
    bool model = false, plan = false;
    for (int i = 0; i < d->n; i++) {
        const DiffItem *it = &d->items[i];
        if (it->plan && !plan) {
            fputs(model ? "\nplan (base case):\n" : "plan (base case):\n", out);
            plan = true;
        }
        model |= !it->plan;
        put_item(it, out);
    }
    if (d->planned && !plan)
        fputs(model ? "\nplan (base case): the same\n" : "plan (base case): the same\n", out);
    return ferror(out) ? -1 : 0;
}

static void json_val(Json *j, const char *key, const DiffVal *v)
{
    json_key(j, key);
    json_string(j, v->text);
    if (!v->number)
        return;
    char k[32];
    snprintf(k, sizeof k, "%s_value", key);
    json_key(j, k);
    if (v->range) {
        json_array_line(j);
        json_number(j, v->lo);
        json_number(j, v->hi);
        json_end(j);
    } else {
        json_number(j, v->hi);
    }
    snprintf(k, sizeof k, "%s_unit", key);
    json_key_string(j, k, v->unit);
}

static void json_items(Json *j, const DiffList *d, bool plan)
{
    json_array(j);
    for (int i = 0; i < d->n; i++) {
        const DiffItem *it = &d->items[i];
        if (it->plan != plan)
            continue;
        json_object_line(j);
        json_key_string(j, "op", op_word(it->op));
        json_key_string(j, "kind", it->kind);
        json_key_string(j, "name", it->name);
        if (it->note) {
            json_key_string(j, "note", it->note);
        } else if (it->op == DIFF_CHANGED) {
            json_key_string(j, "property", it->what);
            json_val(j, "old", &it->before);
            json_val(j, "new", &it->after);
            if (it->change)
                json_key_string(j, "change", it->change);
        } else {
            if (it->what)
                json_key_string(j, "property", it->what);
            json_key_string(j, "description",
                            it->op == DIFF_ADDED ? it->after.text : it->before.text);
        }
        json_end(j);
    }
    json_end(j);
}

int diff_write_json(const DiffList *d, const char *old, const char *new_, bool plan, FILE *out)
{
    Json j;
    json_init(&j, out);
    json_object(&j);
    json_key_string(&j, "old", old);
    json_key_string(&j, "new", new_);
    json_key(&j, "equal");
    json_bool(&j, d->n == 0);
    int counts[3] = {0};
    for (int i = 0; i < d->n; i++)
        counts[d->items[i].op] += !d->items[i].plan;
    json_key(&j, "counts");
    json_object_line(&j);
    for (int k = 0; k < 3; k++) {
        json_key(&j, op_word((DiffOp)k));
        json_size(&j, (size_t)counts[k]);
    }
    json_end(&j);
    json_key(&j, "changes");
    json_items(&j, d, false);
    if (plan) {
        json_key(&j, "plan");
        json_items(&j, d, true);
    }
    json_end(&j);
    return ferror(out) ? -1 : 0;
}
