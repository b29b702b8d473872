/* check_customers.c — the customer table: each column's kind, then its
 * values, in two passes over the rows. */
#include "check_int.h"
#include "xalloc.h"
#include "vec.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CUST_MAX_COLS = 64 };

/* The customer table's rows as atoms, from an inline table or a CSV file
 * (mapped, never copied into the heap), read twice: once to learn each
 * column's kind and the number of rows, once to fill the columns. */
typedef struct {
    Ck *c;
    const Decl *d;
    int ncols;
    const Line *next_line;  /* inline */
    int32_t file;           /* CSV */
    CsvReader rd;
    bool csv;
    bool quiet;             /* second pass: errors were said in the first */
    bool classify;          /* first pass: only each cell's kind is needed */
    Atom atoms[CUST_MAX_COLS];
    const Atom *cell[CUST_MAX_COLS]; /* NULL: missing */
    Span where[CUST_MAX_COLS];       /* each cell, missing ones too */
    Span row;
} Rows;

typedef struct {
    const char *name;
    Span span;
    ColUnit cu;
    bool any_text;          /* a present cell that is not a number */
    const char *cell_unit;  /* the first unit an inline cell writes */
    Span cell_unit_span;
} CustCol;

static void rows_rewind(Rows *r)
{
    if (r->csv) {
        const SrcFile *sf = diag_file(r->c->d, r->file);
        csv_free(&r->rd);
        csv_init(&r->rd, sf->text, sf->len);
        csv_next(&r->rd); /* the header */
    } else {
        r->next_line = r->d->block->lines->next;
    }
}

/* The next row with as many cells as the header; a row with another count
 * is an error (said once) and skipped.  Returns false at the end. */
static bool rows_next(Rows *r)
{
    Ck *c = r->c;
    for (;;) {
        if (diag_full(c->d))
            return false;
        if (!r->csv) {
            const Line *l = r->next_line;
            if (!l)
                return false;
            r->next_line = l->next;
            if (l->natoms != r->ncols) {
                if (!r->quiet) {
                    diag_error(c->d, l->span, "this row has %d cells; the header has %d columns",
                               l->natoms, r->ncols);
                    diag_hint(c->d, "write `-` for a missing cell");
                }
                continue;
            }
            int i = 0;
            for (const Atom *a = l->atoms; a; a = a->next, i++) {
                r->cell[i] = a->kind == A_MISSING ? NULL : a;
                r->where[i] = a->span;
            }
            r->row = l->span;
            return true;
        }
        if (!ck_csv_record(c, r->file, &r->rd, r->ncols, r->quiet, NULL, -1))
            return false;
        r->row = (Span){r->file, (uint32_t)r->rd.rec_offset, (uint32_t)r->rd.rec_offset + 1};
        if (r->classify) {
            /* number, text or missing, decided as csv_atom and the quoted
             * numbers rule below decide it, without building atoms */
            for (int i = 0; i < r->ncols; i++) {
                const CsvField *f = &r->rd.fields[i];
                const char *s = f->p;
                size_t n = f->len;
                while (!f->quoted && n > 0 && (*s == ' ' || *s == '\t')) {
                    s++;
                    n--;
                }
                while (!f->quoted && n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
                    n--;
                double v;
                r->atoms[i].kind = ck_csv_number(s, n, &v) ? A_NUMBER : A_STRING;
                r->atoms[i].lo.unit = NULL;
                r->cell[i] = n ? &r->atoms[i] : NULL;
            }
            return true;
        }
        /* a cell with an error (said) drops its row, as in other tables */
        bool ok = ck_csv_record_atoms(c, r->file, &r->rd, r->ncols, r->atoms);
        for (int i = 0; i < r->ncols; i++) {
            Atom *a = &r->atoms[i];
            if (a->kind == A_STRING && r->rd.fields[i].quoted) {
                /* a quoted number is a number: CSV quotes say nothing of type */
                double v;
                CsvNum k = ck_csv_number(a->text, strlen(a->text), &v);
                if (k != CSVN_NOT) {
                    a->kind = A_NUMBER;
                    a->lo.value = v;
                    a->lo.text = a->text;
                    a->lo.span = a->span;
                }
                if (k == CSVN_BIG || k == CSVN_SMALL) {
                    ck_csv_number_error(c, a->span, a->text, strlen(a->text), k);
                    ok = false;
                }
            }
            r->cell[i] = a->kind == A_MISSING ? NULL : a;
            r->where[i] = a->span;
        }
        if (!ok)
            continue;
        r->row = (Span){r->file, (uint32_t)r->rd.rec_offset, (uint32_t)r->rd.rec_offset + 1};
        return true;
    }
}

/* The header: column names, each with its optional [unit]. */
static bool rows_start(Ck *c, const Decl *d, Rows *r, CustCol *cols)
{
    memset(r, 0, sizeof *r);
    r->c = c;
    r->d = d;
    if (!d->path) {
        const Line *hl = d->block->lines;
        if (!hl) {
            diag_error(c->d, d->block->span, "a `customers` table needs a header line");
            diag_hint(c->d, "e.g. `id market recency[days] butter[t]`");
            return false;
        }
        for (const Atom *a = hl->atoms; a; a = a->next) {
            if (r->ncols == CUST_MAX_COLS) {
                diag_error(c->d, a->span, "too many customer columns (at most %d)", CUST_MAX_COLS);
                diag_hint(c->d, "keep the columns the rules use");
                return false;
            }
            if (a->kind != A_WORD && a->kind != A_HEADER) {
                diag_error(c->d, a->span, "expected a column name, found `%s`", ck_span_text(c, a->span));
                diag_hint(c->d, "the first line names the columns, e.g. `id market recency[days]`");
                return false;
            }
            CustCol *cc = &cols[r->ncols++];
            cc->name = a->text;
            cc->span = a->kind == A_HEADER ? a->lo.span : a->span;
            ck_parse_col_unit(c, a->kind == A_HEADER ? a->lo.unit : NULL, a->lo.unit_span, &cc->cu);
            cc->cu.col = cc->name;
        }
        r->next_line = hl->next;
        return true;
    }
    char *full;
    r->file = ck_load_data_file(c, d, &full);
    if (r->file < 0)
        return false;
    r->csv = true;
    c->m->customers.file = r->file;
    c->m->customers.path = full;
    const SrcFile *sf = diag_file(c->d, r->file);
    csv_init(&r->rd, sf->text, sf->len);
    int rc = csv_next(&r->rd);
    Span first_line = {r->file, 0, (uint32_t)r->rd.pos};
    if (rc <= 0) {
        if (rc < 0)
            diag_error(c->d, (Span){r->file, (uint32_t)r->rd.err_offset, (uint32_t)r->rd.err_offset + 1},
                       "%s", r->rd.err_msg);
        else
            diag_error(c->d, d->path_span, "`%s` is empty", full);
        diag_hint(c->d, "the first line names the columns, e.g. `id,market,recency[days]`");
        return false;
    }
    if (r->rd.nfields > CUST_MAX_COLS) {
        diag_error(c->d, first_line, "too many customer columns (at most %d)", CUST_MAX_COLS);
        diag_hint(c->d, "keep the columns the rules use");
        return false;
    }
    r->ncols = (int)r->rd.nfields;
    for (int i = 0; i < r->ncols; i++) {
        const CsvField *f = &r->rd.fields[i];
        const char *lb = memchr(f->p, '[', f->len);
        size_t nlen = lb ? (size_t)(lb - f->p) : f->len;
        uint32_t base = (uint32_t)f->offset + (f->quoted ? 1 : 0);
        cols[i].name = arena_strndup(c->arena, f->p, nlen);
        cols[i].span = (Span){r->file, base, base + (uint32_t)nlen};
        if (lb) {
            if (f->p[f->len - 1] != ']' || f->len - nlen < 3) {
                diag_error(c->d, (Span){r->file, base + (uint32_t)nlen, base + (uint32_t)f->len},
                           "malformed unit in column header `%.*s`", (int)f->len, f->p);
                diag_hint(c->d, "write the unit in brackets after the name: `recency[days]`");
                return false;
            }
            const char *u = arena_strndup(c->arena, lb + 1, f->len - nlen - 2);
            ck_parse_col_unit(c, u, (Span){r->file, base + (uint32_t)nlen + 1, base + (uint32_t)f->len - 1},
                           &cols[i].cu);
        }
        cols[i].cu.col = cols[i].name;
        cols[i].cu.csv = true;
    }
    return true;
}

static int intern(NameMap *map, Vec *strings, Arena *a, const char *s)
{
    int v = names_get(map, s);
    if (v >= 0)
        return v;
    const char *copy = arena_strdup(a, s);
    *(const char **)vec_push(strings) = copy;
    v = (int)strings->len - 1;
    names_put(map, copy, v);
    return v;
}

/* Ids must be unique: an open-addressing set of customer indices, hashed
 * and compared by the id text (4 bytes a slot, freed after loading). */
typedef struct {
    uint32_t *slot;   /* customer index + 1, 0 empty */
    size_t cap;
} IdSet;

static uint64_t text_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211ull;
    return h;
}

/* The customer with the same id, or -1 after adding customer i. */
static long idset_add(IdSet *set, const Customers *cu, size_t i)
{
    const char *id = cu->id_text + cu->id_at[i];
    size_t j = text_hash(id) & (set->cap - 1);
    while (set->slot[j]) {
        size_t k = set->slot[j] - 1;
        if (strcmp(cu->id_text + cu->id_at[k], id) == 0)
            return (long)k;
        j = (j + 1) & (set->cap - 1);
    }
    set->slot[j] = (uint32_t)i + 1;
    return -1;
}

/* Pass 1: each column's cell kinds (any text? the first unit an inline
 * cell writes) and the number of rows. */
static size_t classify_rows(Rows *rows, CustCol *cols)
{
    size_t nrows = 0;
    rows->classify = true;
    while (rows_next(rows)) {
        nrows++;
        for (int j = 0; j < rows->ncols; j++) {
            const Atom *a = rows->cell[j];
            if (!a)
                continue;
            if (a->kind != A_NUMBER)
                cols[j].any_text = true;
            else if (a->lo.unit && !cols[j].cell_unit) {
                cols[j].cell_unit = a->lo.unit;
                cols[j].cell_unit_span = a->lo.unit_span;
            }
        }
    }
    return nrows;
}

/* A numeric column's dimension: from the header's unit, else from the
 * first unit a cell writes, else a ratio; a product column must have a
 * unit.  Returns false when the unit is wrong (said). */
static bool numeric_dim(Ck *c, const CustCol *cc, bool is_product, Column *col)
{
    Unit u;
    if (cc->cu.has)
        col->dim = cc->cu.unit.dim;
    else if (cc->cu.bad)
        return false;
    else if (cc->cell_unit && ck_parse_unit(c, cc->cell_unit, cc->cell_unit_span, &u))
        col->dim = u.dim;
    else if (cc->cell_unit)
        return false;
    else if (is_product) {
        diag_error(c->d, cc->span, "product column `%s` needs a unit", cc->name);
        diag_hint(c->d, "it holds each customer's base volume: write the header as `%s[t]`",
                  cc->name);
        return false;
    } else
        col->dim = dim_ratio();
    return true;
}

/* Column j's kind from its name and pass 1, with room for nrows values.
 * Returns false when the column cannot be read (said). */
static bool setup_column(Ck *c, Customers *cu, const CustCol *cols, int j, size_t nrows)
{
    Column *col = &cu->cols[j];
    const CustCol *cc = &cols[j];
    col->name = cc->name;
    col->span = cc->span;
    col->unit = cc->cu.text;
    col->product = -1;
    col->file_unit = cc->cu.has ? cc->cu.unit : unit_ratio();
    int prev = names_put(&c->attrs, cc->name, j);
    if (prev >= 0) {
        diag_error(c->d, cc->span, "column `%s` appears twice", cc->name);
        diag_note(c->d, cols[prev].span, "first here");
        diag_hint(c->d, "rename or remove one of them");
        col->kind = COL_TEXT;
        return false;
    }
    int ev = names_get(&c->names, cc->name);
    bool is_product = ev >= 0 && KIND_OF(ev) == K_PRODUCT;
    if (strcmp(cc->name, "id") == 0) {
        col->kind = COL_ID;
        cu->id_col = j;
    } else if (strcmp(cc->name, "market") == 0) {
        col->kind = COL_MARKET;
        cu->market_col = j;
        col->text = xmalloc(sizeof(int) * (nrows + 1));
    } else if (!is_product && !cc->cu.has && cc->any_text) {
        col->kind = COL_TEXT;
        col->text = xmalloc(sizeof(int) * (nrows + 1));
    } else {
        col->kind = is_product ? COL_VOLUME : COL_NUMBER;
        col->product = is_product ? INDEX_OF(ev) : -1;
        bool ok = numeric_dim(c, cc, is_product, col);
        col->num = xmalloc(sizeof(double) * (nrows + 1));
        return ok;
    }
    return true;
}

/* Pass 2's state beside the columns: the interned text values, the id
 * text and its uniqueness set, and the last market read (files come
 * sorted by market more often than not, so one strcmp usually names it). */
typedef struct {
    Ck *c;
    Customers *cu;
    const CustCol *cols;
    const Rows *rows;
    bool any_market;        /* some market takes demand from customers */
    NameMap strmap;
    Vec strings, ids;
    IdSet set;
    int last_market;
    const char *last_market_name;
} Fill;

static void fill_init(Fill *f, Ck *c, const CustCol *cols, const Rows *rows, size_t nrows)
{
    memset(f, 0, sizeof *f);
    f->c = c;
    f->cu = &c->m->customers;
    f->cols = cols;
    f->rows = rows;
    for (size_t k = 0; k < c->markets.len; k++)
        f->any_market |= MARKETS[k].from_customers;
    names_init(&f->strmap);
    vec_init(&f->strings, sizeof(const char *));
    vec_init(&f->ids, 1);
    f->last_market = -1;
    if (f->cu->id_col >= 0) {
        f->cu->id_at = xmalloc(sizeof(uint32_t) * (nrows + 1));
        f->set.cap = 16;
        while (f->set.cap < nrows * 2)
            f->set.cap *= 2;
        f->set.slot = xcalloc(f->set.cap, sizeof(uint32_t));
    }
}

/* Customer i's id, appended to the id text; a missing or repeated id is
 * an error. */
static void fill_id(Fill *f, size_t i, int j, const Atom *a)
{
    Ck *c = f->c;
    Customers *cu = f->cu;
    Vec *ids = &f->ids;
    if (!a) {
        diag_error(c->d, f->rows->where[j], "customer has no `id`");
        diag_hint(c->d, "every customer needs a unique id");
    }
    const char *t = a ? ck_atom_text(c, a) : "";
    size_t len = strlen(t) + 1;
    if (ids->len + len > UINT32_MAX) {
        diag_error(c->d, f->rows->row, "the customer ids take more than 4 GB");
        diag_hint(c->d, "use shorter ids");
        return;
    }
    if (ids->len + len > ids->cap) {
        ids->cap = (ids->len + len) * 2;
        ids->data = xrealloc(ids->data, ids->cap);
    }
    cu->id_at[i] = (uint32_t)ids->len;
    memcpy((char *)ids->data + ids->len, t, len);
    ids->len += len;
    cu->id_text = ids->data; /* idset_add reads it */
    long first = a ? idset_add(&f->set, cu, i) : -1;
    if (first >= 0) {
        diag_error(c->d, a->span, "duplicate customer id `%s`", t);
        diag_note(c->d, (Span){f->rows->row.file, cu->row_offset[first],
                               cu->row_offset[first] + 1},
                  "`%s` first appears here", t);
        diag_hint(c->d, "ids must be unique");
    }
}

/* Customer i's market: one that takes demand from customers, else -1
 * (an error when some market does). */
static void fill_market(Fill *f, Column *col, size_t i, int j, const Atom *a)
{
    Ck *c = f->c;
    col->text[i] = -1;
    if (!a) {
        if (f->any_market) {
            diag_error(c->d, f->rows->where[j], "customer has no `market`");
            diag_hint(c->d, "name the market this customer buys in");
        }
        return;
    }
    /* a number or a range names no market: said as written */
    const char *mt = ck_atom_text(c, a);
    if (f->last_market_name && strcmp(f->last_market_name, mt) == 0) {
        col->text[i] = f->last_market;
        return;
    }
    int mv = names_get(&c->names, mt);
    if (mv < 0 || KIND_OF(mv) != K_MARKET) {
        ck_resolve(c, mt, a->span, K_MARKET);
        return;
    }
    const Market *mk = &MARKETS[INDEX_OF(mv)];
    if (!mk->from_customers) {
        diag_error(c->d, a->span, "market `%s` does not take demand from customers", mk->n.name);
        diag_hint(c->d, "add `demand from customers` to market `%s`", mk->n.name);
        return;
    }
    f->last_market = col->text[i] = INDEX_OF(mv);
    f->last_market_name = mk->n.name;
}

/* Customer i's value in a numeric column, in base units; NAN when missing
 * or wrong (said). */
static void fill_number(Fill *f, Column *col, size_t i, int j, const Atom *a)
{
    Ck *c = f->c;
    const ColUnit *cu = &f->cols[j].cu;
    col->num[i] = NAN;
    if (!a)
        return;
    if (a->kind != A_NUMBER) {
        diag_error(c->d, a->span, "text `%s` in numeric column `%s`", ck_atom_text(c, a),
                   col->name);
        diag_hint(c->d, col->kind == COL_VOLUME
                            ? "a product column holds the customer's base volume, e.g. `40`"
                            : "write a number, or leave the cell empty when it is unknown");
        return;
    }
    double v = NAN;
    if (!a->lo.unit && cu->has)
        v = unit_to_base(&cu->unit, a->lo.value); /* the fast, common case */
    else if (!ck_num_value(c, &a->lo, cu, col->dim, &v))
        return;
    if (col->kind == COL_VOLUME && !ck_nonneg(c, a->span, v, "a base volume"))
        return;
    col->num[i] = v;
}

/* Customer i: each cell of the current row into its column. */
static void fill_row(Fill *f, size_t i)
{
    Customers *cu = f->cu;
    cu->row_offset[i] = f->rows->row.lo;
    for (int j = 0; j < cu->ncols; j++) {
        Column *col = &cu->cols[j];
        const Atom *a = f->rows->cell[j];
        switch (col->kind) {
        case COL_ID:
            fill_id(f, i, j, a);
            break;
        case COL_MARKET:
            fill_market(f, col, i, j, a);
            break;
        case COL_TEXT:
            /* a number, a range or a `*` in a text column is text */
            col->text[i] = a ? intern(&f->strmap, &f->strings, f->c->arena, ck_atom_text(f->c, a))
                             : -1;
            break;
        case COL_VOLUME:
        case COL_NUMBER:
            fill_number(f, col, i, j, a);
            break;
        }
    }
}

/* The customers need an `id` column, and a `market` column when some
 * market takes demand from customers. */
static void require_columns(Ck *c, const Decl *d, const Customers *cu, bool any_market)
{
    if (cu->id_col < 0) {
        diag_error(c->d, d->path ? (Span){cu->file, 0, 1} : d->span,
                   "customers need an `id` column");
        diag_hint(c->d, "add a first column `id` with a unique id per customer");
    }
    if (any_market && cu->market_col < 0) {
        diag_error(c->d, d->path ? (Span){cu->file, 0, 1} : d->span,
                   "customers need a `market` column: a market takes demand from customers");
        diag_hint(c->d, "add a `market` column naming each customer's market");
    }
}

/* Decide each column's kind, then fill it: `id` (unique text), `market` (a
 * market with `demand from customers`), a product's name (its base volume,
 * mass), any other column an attribute: numeric when it has a unit or every
 * present cell is a number, else text.  Two passes over the rows: the
 * first learns the kinds and the row count, so the second writes into
 * columns allocated once. */
void ck_build_customers(Ck *c, const Decl *d)
{
    Customers *cu = &c->m->customers;
    if (cu->present) {
        diag_error(c->d, d->span, "customers are declared twice");
        diag_note(c->d, cu->span, "the first declaration is here");
        diag_hint(c->d, "a model has one customers table");
        return;
    }
    cu->present = true;
    cu->span = d->span;
    cu->file = d->span.file;
    cu->id_col = cu->market_col = -1;
    CustCol *cols = xcalloc(CUST_MAX_COLS, sizeof *cols);
    Rows rows;
    if (!rows_start(c, d, &rows, cols)) {
        csv_free(&rows.rd);
        free(cols);
        return;
    }
    int n = rows.ncols;
    size_t nrows = classify_rows(&rows, cols);
    if (nrows > UINT32_MAX - 1) {
        diag_error(c->d, d->span, "more than 4 billion customers");
        diag_hint(c->d, "split the customer file");
        nrows = 0;
    }
    cu->n = nrows;
    cu->ncols = n;
    cu->cols = arena_alloc(c->arena, sizeof(Column) * (size_t)(n ? n : 1));
    cu->row_offset = xmalloc(sizeof(uint32_t) * (nrows + 1));
    bool ok_cols = true;
    for (int j = 0; j < n; j++)
        ok_cols &= setup_column(c, cu, cols, j, nrows);

    Fill f;
    fill_init(&f, c, cols, &rows, nrows);
    rows.quiet = true;
    rows.classify = false;
    rows_rewind(&rows);
    size_t i = 0;
    while (ok_cols && i < nrows && rows_next(&rows))
        fill_row(&f, i++);
    cu->n = i;
    cu->id_text = f.ids.data;
    cu->strings = f.strings.data;
    cu->nstrings = f.strings.len;
    names_free(&f.strmap);
    free(f.set.slot);
    csv_free(&rows.rd);
    free(cols);
    /* row offsets served the messages above; 4 bytes a customer saved */
    free(cu->row_offset);
    cu->row_offset = NULL;
    require_columns(c, d, cu, f.any_market);
}
