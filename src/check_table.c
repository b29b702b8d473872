/* check_table.c — tables inline or from CSV files: headers with units,
 * rows, cells; what each row means is check_rows.c's. */
#include "check_int.h"
#include "xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A row of table ts was dropped after an error: remember its name, if it
 * has one, so that its uses are not reported as unknown (was_dropped). */
static void drop_row(Ck *c, const TableSpec *ts, const Atom *name)
{
    if (ts->declares && name && name->kind == A_WORD && name->text)
        names_put(&c->dropped, arena_strdup(c->arena, name->text), ts->declares - 1);
}

/* A table of ts lost rows that cannot be named (see Ck.lossy). */
static void drop_table(Ck *c, const TableSpec *ts)
{
    if (ts->declares)
        c->lossy[ts->declares - 1] = true;
}

static void unknown_column(Ck *c, Span sp, const char *name, const TableSpec *ts)
{
    diag_error(c->d, sp, "unknown column `%s` in a `%s` table", name, ts->table);
    const char *best = NULL;
    size_t bestd = 3;
    char list[256] = "";
    size_t len = 0;
    for (int i = 0; i < ts->ncols; i++) {
        size_t dd = diag_edit_distance(name, ts->cols[i].name, 2);
        if (dd < bestd) {
            bestd = dd;
            best = ts->cols[i].name;
        }
        if (len < sizeof list - 32)
            len += (size_t)snprintf(list + len, sizeof list - len, "%s`%s`", i ? ", " : "",
                                    ts->cols[i].name);
    }
    if (best)
        diag_hint(c->d, "did you mean `%s`?", best);
    else
        diag_hint(c->d, "its columns are %s", list);
}

/* The header: a column name per cell, optionally with [unit]. */
typedef struct {
    const char *name;
    const char *unit;
    Span span, unit_span;
} Header;

static bool match_header(Ck *c, const Header *h, int n, const TableSpec *ts, int *map,
                         Row *proto, Span hdr_span, bool csv)
{
    bool ok = true;
    memset(proto, 0, sizeof *proto);
    for (int i = 0; i < n; i++) {
        map[i] = -1;
        int j = 0;
        while (j < ts->ncols && strcmp(ts->cols[j].name, h[i].name) != 0)
            j++;
        if (j == ts->ncols) {
            unknown_column(c, h[i].span, h[i].name, ts);
            ok = false;
            continue;
        }
        if (proto->present[j]) {
            diag_error(c->d, h[i].span, "column `%s` appears twice", h[i].name);
            diag_hint(c->d, "remove one of them");
            ok = false;
            continue;
        }
        proto->present[j] = true;
        map[i] = j;
        if (ts->period && j == ts->period && !c->periods_decl) {
            diag_error(c->d, h[i].span, "a `period` column, but the model declares no `periods`");
            diag_hint(c->d, "declare the periods in order first: `periods jan, feb, mar, ...`");
            ok = false;
            continue;
        }
        if (h[i].unit && (ts->cols[j].flags & COLF_TEXT)) {
            diag_error(c->d, h[i].unit_span, "column `%s` holds names or text, not quantities",
                       h[i].name);
            diag_hint(c->d, "remove `[%s]` from its header", h[i].unit);
            ok = false;
            continue;
        }
        ck_parse_col_unit(c, h[i].unit, h[i].unit_span, &proto->unit[j]);
        proto->unit[j].col = ts->cols[j].name;
        proto->unit[j].csv = csv;
        if (proto->unit[j].bad)
            ok = false;
    }
    if (ok && ts->one_of[0] && !proto->present[ts->one_of[0]] && !proto->present[ts->one_of[1]]) {
        diag_error(c->d, hdr_span, "a `%s` table needs a `%s` or a `%s` column", ts->table,
                   ts->cols[ts->one_of[0]].name, ts->cols[ts->one_of[1]].name);
        diag_hint(c->d, "e.g. `from to distance`, with cells like `38 km`");
        ok = false;
    }
    for (int j = 0; ok && j < ts->ncols; j++)
        if ((ts->cols[j].flags & COLF_REQUIRED) && !proto->present[j]) {
            diag_error(c->d, hdr_span, "a `%s` table needs a `%s` column", ts->table,
                       ts->cols[j].name);
            diag_hint(c->d, "add `%s` to the header line", ts->cols[j].name);
            ok = false;
        }
    return ok;
}

/* Every required cell of a row; a row with a period needs only the
 * columns that say whose values it gives (a name, or owner and product). */
static bool row_required(Ck *c, Row *r, const TableSpec *ts)
{
    bool ok = true;
    int keys = ts->period && r->cell[ts->period] ? (ts->declares ? 1 : 2) : ts->ncols;
    for (int j = 0; j < keys; j++)
        if ((ts->cols[j].flags & COLF_REQUIRED) && r->present[j] && !r->cell[j]) {
            diag_error(c->d, r->span, "this row has no `%s`", ts->cols[j].name);
            diag_hint(c->d, "every row of a `%s` table needs a `%s`", ts->table,
                      ts->cols[j].name);
            ok = false;
        }
    return ok;
}

/* A row read: a period's values (check_period.c) or a base row; false
 * when it is to be dropped. */
static bool row_take(Ck *c, Row *r, const TableSpec *ts, RowFn fn)
{
    if (!row_required(c, r, ts))
        return false;
    if (ts->period && r->cell[ts->period])
        ck_period_row(c, ts, r);
    else
        fn(c, r);
    return true;
}

/* Rows of an inline table: the first line is the header. */
static bool inline_rows(Ck *c, const Decl *d, const TableSpec *ts, RowFn fn)
{
    const Line *hl = d->block->lines;
    if (!hl) {
        diag_error(c->d, d->block->span, "a `%s` table needs a header line", ts->table);
        diag_hint(c->d, "the first line names the columns, e.g. `%s %s`", ts->cols[0].name,
                  ts->cols[1].name);
        return false;
    }
    Header h[16] = {{0}};
    int n = 0;
    bool ok = true;
    for (const Atom *a = hl->atoms; a; a = a->next) {
        if (n == 16) {
            diag_error(c->d, a->span, "too many columns (at most 16)");
            diag_hint(c->d, "a `%s` table has %d columns", ts->table, ts->ncols);
            return false;
        }
        if (a->kind == A_WORD)
            h[n++] = (Header){a->text, NULL, a->span, a->span};
        else if (a->kind == A_HEADER)
            h[n++] = (Header){a->text, a->lo.unit, a->lo.span, a->lo.unit_span};
        else {
            diag_error(c->d, a->span, "expected a column name, found `%s`",
                       ck_span_text(c, a->span));
            diag_hint(c->d, "the first line of a table names its columns, e.g. `name supply[t]`");
            ok = false;
        }
    }
    int map[16];
    Row proto;
    if (!match_header(c, h, n, ts, map, &proto, hl->span, false) || !ok)
        return false;
    for (const Line *l = hl->next; l; l = l->next) {
        if (diag_full(c->d))
            return true;
        Row r = proto;
        r.span = l->span;
        r.decl = d;
        const Atom *name = NULL; /* the `name` cell, for drop_row */
        int i = 0;
        for (const Atom *a = l->atoms; a; a = a->next, i++) {
            if (i < n && map[i] == 0)
                name = a;
            if (i >= n) {
                diag_error(c->d, a->span, "this row has more cells than the header has columns");
                diag_hint(c->d, "the header has %d; write `-` for a missing cell, quote text with spaces", n);
                ok = false;
                break;
            }
            if (map[i] >= 0 && a->kind != A_MISSING)
                r.cell[map[i]] = a;
        }
        if (i < n && ok) {
            diag_error(c->d, l->span, "this row has %d cells; the header has %d columns", i, n);
            diag_hint(c->d, "write `-` for a missing cell");
            drop_row(c, ts, name);
            continue;
        }
        if (!ok) {
            ok = true;
            drop_row(c, ts, name);
            continue;
        }
        if (!row_take(c, &r, ts, fn))
            drop_row(c, ts, name);
    }
    return true;
}

/* Parse a CSV cell as a number: [+-] digits [. digits] [e [+-] digits],
 * `_` only between digits, no unit (units live in the header).  The value is
 * the double strtod reads, computed directly in the common case. */
CsvNum ck_csv_number(const char *s, size_t n, double *v)
{
    static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    if (n == 0 || n > 120)
        return CSVN_NOT;
    size_t i = 0;
    bool neg = s[0] == '-';
    if (s[0] == '-' || s[0] == '+')
        i++;
    uint64_t mant = 0;
    int digits = 0, scale = 0;
    bool exact = true, any = false, frac = false;
    for (; i < n; i++) {
        char ch = s[i];
        if (ch >= '0' && ch <= '9') {
            any = true;
            if (mant == 0 && ch == '0')
                ; /* a leading zero carries no digit */
            else if (digits < 19) {
                mant = mant * 10 + (uint64_t)(ch - '0');
                digits++;
            } else if (frac)
                continue; /* beyond 19 digits: strtod below */
            else
                scale++;
            if (digits >= 19)
                exact = false;
            if (frac)
                scale--;
        } else if (ch == '_' && i > 0 && i + 1 < n && s[i - 1] >= '0' && s[i - 1] <= '9' &&
                   s[i + 1] >= '0' && s[i + 1] <= '9') {
            continue;
        } else if (ch == '.' && !frac && any) {
            frac = true;
        } else
            break;
    }
    if (!any)
        return CSVN_NOT;
    int exp = 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        bool eneg = i < n && s[i] == '-';
        if (i < n && (s[i] == '-' || s[i] == '+'))
            i++;
        if (i >= n || !(s[i] >= '0' && s[i] <= '9'))
            return CSVN_NOT;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            if (exp < 100000)
                exp = exp * 10 + (s[i] - '0');
        if (eneg)
            exp = -exp;
    }
    if (i != n)
        return CSVN_NOT;
    int e10 = scale + exp;
    if (exact && mant <= (1ull << 53) && e10 >= -22 && e10 <= 22) {
        /* Clinger's fast path: both operands exact, one rounding, the
         * same double strtod gives */
        double d = (double)mant;
        d = e10 >= 0 ? d * pow10[e10] : d / pow10[-e10];
        *v = neg ? -d : d;
        return CSVN_OK;
    }
    char buf[128];
    size_t k = 0;
    for (size_t j = 0; j < n; j++)
        if (s[j] != '_')
            buf[k++] = s[j];
    buf[k] = '\0';
    *v = strtod(buf, NULL);
    if (!isfinite(*v) || fabs(*v) > 1e300)
        return CSVN_BIG;
    if (mant != 0 && fabs(*v) < 1e-300)
        return CSVN_SMALL;
    return CSVN_OK;
}

/* A CSV cell written as a number beyond the language's limits: an error at
 * the number, as written. */
void ck_csv_number_error(Ck *c, Span sp, const char *text, size_t n, CsvNum k)
{
    int shown = n > 40 ? 40 : (int)n;
    if (k == CSVN_BIG) {
        diag_error(c->d, sp, "number `%.*s` is too large", shown, text);
        diag_hint(c->d, "numbers are at most 1e300 in size, as in a model; check the exponent");
    } else {
        diag_error(c->d, sp, "number `%.*s` is too small: it would be read as 0", shown, text);
        diag_hint(c->d, "numbers other than 0 are at least 1e-300 in size; write `0` for zero");
    }
}

/* Fill a: number, range, text (A_STRING, or A_WORD when it is a name) or
 * missing, from a CSV field; spans point into the CSV file.  False after an
 * error in the cell (a number beyond the limits): the row is to be dropped. */
static bool csv_atom(Ck *c, int32_t file, const CsvField *f, char *text, Atom *a)
{
    memset(a, 0, sizeof *a);
    a->span = (Span){file, (uint32_t)f->offset, (uint32_t)(f->offset + f->len + (f->quoted ? 2 : 0))};
    size_t n = f->len;
    const char *s = f->p;
    while (n > 0 && (*s == ' ' || *s == '\t') && !f->quoted) {
        s++;
        n--;
        a->span.lo++;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t') && !f->quoted) {
        n--;
        a->span.hi--;
    }
    memcpy(text, s, n);
    text[n] = '\0';
    a->text = text;
    if (n == 0) {
        a->kind = A_MISSING;
        return true;
    }
    double v, w;
    const char *dots;
    CsvNum k = f->quoted ? CSVN_NOT : ck_csv_number(s, n, &v), kw;
    if (k != CSVN_NOT) {
        a->kind = A_NUMBER;
        a->lo.value = v;
        a->lo.text = text;
        a->lo.span = a->span;
        if (k != CSVN_OK) {
            ck_csv_number_error(c, a->span, text, n, k);
            return false;
        }
    } else if (!f->quoted && n >= 4 && (dots = strstr(text, "..")) &&
               (k = ck_csv_number(s, (size_t)(dots - text), &v)) != CSVN_NOT &&
               (kw = ck_csv_number(dots + 2, n - (size_t)(dots - text) - 2, &w)) != CSVN_NOT) {
        a->kind = A_RANGE;
        a->lo.value = v;
        a->hi.value = w;
        a->lo.span = a->hi.span = a->span;
        uint32_t cut = a->span.lo + (uint32_t)(dots - text);
        if (k != CSVN_OK) {
            ck_csv_number_error(c, (Span){file, a->span.lo, cut}, text, (size_t)(dots - text), k);
            return false;
        }
        if (kw != CSVN_OK) {
            ck_csv_number_error(c, (Span){file, cut + 2, a->span.hi}, dots + 2,
                             n - (size_t)(dots - text) - 2, kw);
            return false;
        }
    } else {
        bool ident = true;
        for (size_t i = 0; i < n && ident; i++) {
            unsigned char ch = (unsigned char)s[i];
            ident = ch == '_' || ch >= 0x80 || (ch >= 'a' && ch <= 'z') ||
                    (ch >= 'A' && ch <= 'Z') || (i > 0 && ch >= '0' && ch <= '9');
        }
        a->kind = ident ? A_WORD : A_STRING;
    }
    return true;
}

/* The folder part of a path, for resolving paths relative to a file. */
static char *dir_of(Arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return arena_strdup(a, ".");
    if (slash == path)
        return arena_strdup(a, "/");
    return arena_strndup(a, path, (size_t)(slash - path));
}

char *ck_relative_to(Ck *c, Span where, const char *path)
{
    if (path[0] == '/')
        return arena_strdup(c->arena, path);
    const SrcFile *f = diag_file(c->d, where.file);
    char *dir = dir_of(c->arena, f ? f->path : ".");
    if (strcmp(dir, ".") == 0)
        return arena_strdup(c->arena, path);
    return arena_printf(c->arena, "%s/%s", dir, path);
}

/* A CSV file is text: a NUL byte means a binary file or text saved as
 * UTF-16, where every cell would be wrong.  One error at the first. */
static bool csv_no_nul(Ck *c, int32_t file)
{
    const SrcFile *sf = diag_file(c->d, file);
    const char *nul = sf->len ? memchr(sf->text, '\0', sf->len) : NULL;
    if (!nul)
        return true;
    uint32_t at = (uint32_t)(nul - sf->text);
    diag_error(c->d, (Span){file, at, at + 1}, "found a NUL byte, but a CSV file is text");
    diag_hint(c->d, "is it the right file, or saved as UTF-16? Save it as UTF-8 (\"CSV UTF-8\" "
                    "in a spreadsheet)");
    return false;
}

/* Read a CSV file and register it (so errors show its lines), or report. */
int32_t ck_load_data_file(Ck *c, const Decl *d, char **full)
{
    *full = ck_relative_to(c, d->path_span, d->path);
    int err = 0;
    int32_t id = diag_map_file(c->d, *full, &err);
    if (id < 0) {
        diag_error(c->d, d->path_span, "cannot read `%s`: %s", *full, diag_strerror(err));
        diag_hint(c->d, "the path is relative to the model file's folder");
    } else if (!csv_no_nul(c, id) ||
               !diag_check_text(c->d, id, "CSV file",
                                "save the file as UTF-8 (a spreadsheet's \"CSV UTF-8\")")) {
        return -1;
    }
    return id;
}

/* The next CSV record with n fields: one that cannot be read or has another
 * count is an error (unless quiet: said already) and skipped; ts (if not
 * NULL) learns the dropped row's name from field name_field (or that rows
 * were lost, for a record that cannot be split).  Returns false at the end
 * of the file or when diagnostics are full. */
bool ck_csv_record(Ck *c, int32_t file, CsvReader *rd, int n, bool quiet,
                       const TableSpec *ts, int name_field)
{
    while (!diag_full(c->d)) {
        int rc = csv_next(rd);
        if (rc == 0)
            return false;
        if (rc < 0) {
            if (!quiet) {
                diag_error(c->d, (Span){file, (uint32_t)rd->err_offset, (uint32_t)rd->err_offset + 1},
                           "%s", rd->err_msg);
                diag_hint(c->d, "CSV quotes a field with `\"` and doubles a quote inside it: `\"\"`");
            }
            if (ts)
                drop_table(c, ts);
            continue;
        }
        if ((int)rd->nfields != n) {
            if (!quiet) {
                size_t at = rd->nfields > (size_t)n ? rd->fields[n].offset : rd->rec_offset;
                diag_error(c->d, (Span){file, (uint32_t)at, (uint32_t)at + 1},
                           "this row has %zu fields; the header has %d", rd->nfields, n);
                diag_hint(c->d, "leave a cell empty for a missing value; quote fields that contain `,`");
            }
            if (ts && name_field >= 0 && (size_t)name_field < rd->nfields) {
                /* the name as csv_atom reads it: blanks around it trimmed */
                const CsvField *f = &rd->fields[name_field];
                const char *p = f->p;
                size_t len = f->len;
                while (!f->quoted && len > 0 && (*p == ' ' || *p == '\t')) {
                    p++;
                    len--;
                }
                while (!f->quoted && len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
                    len--;
                Atom name = {.kind = A_WORD, .text = arena_strndup(c->arena, p, len)};
                drop_row(c, ts, &name);
            }
            continue;
        }
        return true;
    }
    return false;
}

/* The current record's fields as atoms; their text lives in c->row_text
 * until the next record.  False after an error in a cell (said). */
bool ck_csv_record_atoms(Ck *c, int32_t file, const CsvReader *rd, int n, Atom *atoms)
{
    size_t need = rd->pos - rd->rec_offset + (size_t)n + 16;
    if (need > c->row_text_cap) {
        c->row_text_cap = need * 2;
        c->row_text = xrealloc(c->row_text, c->row_text_cap);
    }
    char *tp = c->row_text;
    bool ok = true;
    for (int i = 0; i < n; i++) {
        ok &= csv_atom(c, file, &rd->fields[i], tp, &atoms[i]);
        tp += strlen(tp) + 1;
    }
    return ok;
}

/* Rows of a CSV table.  The header may carry units, `supply[t]`; an empty
 * cell is missing.  Every bad row is an error at the CSV's line and column. */
static bool csv_rows(Ck *c, const Decl *d, const TableSpec *ts, RowFn fn)
{
    char *full;
    int32_t file = ck_load_data_file(c, d, &full);
    if (file < 0)
        return false;
    const SrcFile *sf = diag_file(c->d, file);
    CsvReader rd;
    csv_init(&rd, sf->text, sf->len);
    int rc = csv_next(&rd);
    if (rc <= 0) {
        Span sp = {file, rc < 0 ? (uint32_t)rd.err_offset : 0, rc < 0 ? (uint32_t)rd.err_offset + 1 : 0};
        if (rc < 0)
            diag_error(c->d, sp, "%s", rd.err_msg);
        else
            diag_error(c->d, d->path_span, "`%s` is empty", full);
        diag_hint(c->d, "the first line names the columns, e.g. `%s,%s`", ts->cols[0].name,
                  ts->cols[1].name);
        csv_free(&rd);
        return false;
    }
    Header h[16] = {{0}};
    int n = (int)rd.nfields;
    if (n > 16) {
        diag_error(c->d, (Span){file, (uint32_t)rd.fields[16].offset, (uint32_t)rd.fields[16].offset + 1},
                   "too many columns (at most 16)");
        diag_hint(c->d, "a `%s` table has %d columns", ts->table, ts->ncols);
        csv_free(&rd);
        return false;
    }
    bool ok = true;
    for (int i = 0; i < n; i++) {
        const CsvField *f = &rd.fields[i];
        const char *s = f->p;
        size_t len = f->len;
        const char *lb = memchr(s, '[', len);
        size_t nlen = lb ? (size_t)(lb - s) : len;
        h[i].name = arena_strndup(c->arena, s, nlen);
        uint32_t base = (uint32_t)f->offset + (f->quoted ? 1 : 0);
        h[i].span = (Span){file, base, base + (uint32_t)nlen};
        h[i].unit = NULL;
        if (lb) {
            const char *rb = memchr(lb, ']', len - nlen);
            if (!rb || rb != s + len - 1 || rb == lb + 1) {
                diag_error(c->d, (Span){file, base + (uint32_t)nlen, base + (uint32_t)len},
                           "malformed unit in column header `%.*s`", (int)len, s);
                diag_hint(c->d, "write the unit in brackets after the name: `supply[t]`");
                ok = false;
                continue;
            }
            h[i].unit = arena_strndup(c->arena, lb + 1, (size_t)(rb - lb - 1));
            h[i].unit_span = (Span){file, base + (uint32_t)nlen + 1, base + (uint32_t)len - 1};
        }
    }
    int map[16];
    Row proto;
    if (!match_header(c, h, n, ts, map, &proto, (Span){file, 0, (uint32_t)rd.pos}, true) || !ok) {
        csv_free(&rd);
        return false;
    }
    int name_field = -1; /* the field of the `name` column, if any */
    for (int i = 0; i < n; i++)
        if (map[i] == 0)
            name_field = i;
    Atom atoms[16];
    while (ck_csv_record(c, file, &rd, n, false, ts, name_field)) {
        Span rs = {file, (uint32_t)rd.rec_offset, (uint32_t)rd.pos};
        bool cells_ok = ck_csv_record_atoms(c, file, &rd, n, atoms);
        Row r = proto;
        r.decl = d;
        for (int i = 0; i < n; i++)
            if (map[i] >= 0 && atoms[i].kind != A_MISSING)
                r.cell[map[i]] = &atoms[i];
        while (rs.hi > rs.lo && (sf->text[rs.hi - 1] == '\n' || sf->text[rs.hi - 1] == '\r'))
            rs.hi--;
        r.span = rs;
        if (!cells_ok || !row_take(c, &r, ts, fn))
            drop_row(c, ts, r.cell[0]);
    }
    csv_free(&rd);
    return true;
}

void ck_table_rows(Ck *c, const Decl *d, const TableSpec *ts, RowFn fn)
{
    if (!(d->path ? csv_rows(c, d, ts, fn) : inline_rows(c, d, ts, fn)))
        drop_table(c, ts);
}

/* A name cell: an identifier. */
const char *ck_cell_name(Ck *c, const Atom *a, const char *what)
{
    if (a->kind == A_WORD && !a->reserved)
        return a->text;
    diag_error(c->d, a->span, "expected a %s name, found `%s`", what, ck_span_text(c, a->span));
    diag_hint(c->d, "names are identifiers: letters, digits and `_`, not starting with a digit");
    return NULL;
}
