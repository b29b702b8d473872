/* lsp_feat.c — requests about names and places: hover, definition,
 * references, rename, document symbols, formatting.
 *
 * Names come from the check (Diag.on_name): every declaration and every
 * use it resolved, in .dairy and CSV files alike, so that definition and
 * references cross `use`d files and CSV rows.  Hover on anything else reads
 * the syntax tree (a number and its unit, a table column) or the CSV
 * header (a cell's column and its unit). */
#include "lsp_int.h"

#include "csv.h"
#include "fmt.h"
#include "text.h"
#include "units.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A request's document and position. */
typedef struct {
    Doc *doc;
    Analysis *an;   /* NULL when no check read the document */
    int32_t file;
    size_t off;
} At;

static bool get_doc(Server *s, cJSON *params, At *at, int *code, const char **msg)
{
    const char *uri = lj_get_str(lj_get(params, "textDocument"), "uri");
    if (!uri) {
        *code = RPC_INVALID_PARAMS;
        *msg = "textDocument.uri is missing";
        return false;
    }
    at->doc = lsp_doc(s, uri);
    if (!at->doc) {
        *code = RPC_INVALID_PARAMS;
        *msg = "the document is not open";
        return false;
    }
    at->an = lsp_owner(s, at->doc, &at->file);
    at->off = 0;
    return true;
}

static bool get_at(Server *s, cJSON *params, At *at, int *code, const char **msg)
{
    LspPos pos;
    if (!lj_get_pos(lj_get(params, "position"), &pos)) {
        *code = RPC_INVALID_PARAMS;
        *msg = "position is missing or not a position";
        return false;
    }
    if (!get_doc(s, params, at, code, msg))
        return false;
    if (at->an)
        at->off = lsp_file_offset(at->an, at->file, pos);
    return true;
}

/* The name under the cursor (its end included: the cursor after a word). */
static const NameRef *name_at(const At *at)
{
    if (!at->an)
        return NULL;
    const NameRef *r = at->an->names.data;
    for (size_t i = 0; i < at->an->names.len; i++)
        if (r[i].span.file == at->file && r[i].span.lo <= at->off && at->off <= r[i].span.hi)
            return &r[i];
    return NULL;
}

static const NameRef *decl_of(Analysis *an, const char *name)
{
    const NameRef *r = an->names.data;
    for (size_t i = 0; i < an->names.len; i++)
        if (r[i].decl && strcmp(r[i].name, name) == 0)
            return &r[i];
    return NULL;
}

static bool same_span(Span a, Span b)
{
    return a.file == b.file && a.lo == b.lo && a.hi == b.hi;
}

/* Every place of a name, each once, in the order the check met them. */
static Vec places(Analysis *an, const char *name, bool with_decl)
{
    Vec v;
    vec_init(&v, sizeof(Span));
    const NameRef *r = an->names.data;
    for (size_t i = 0; i < an->names.len; i++) {
        if (strcmp(r[i].name, name) != 0 || (r[i].decl && !with_decl))
            continue;
        bool seen = false;
        for (size_t j = 0; j < v.len && !seen; j++)
            seen = same_span(((Span *)v.data)[j], r[i].span);
        if (!seen)
            *(Span *)vec_push(&v) = r[i].span;
    }
    return v;
}

/* --- syntax under the cursor ------------------------------------------- */

static bool in(Span sp, int32_t file, size_t off)
{
    return sp.file == file && sp.lo <= off && off <= sp.hi;
}

/* The declaration whose span holds off, and the line and atom there. */
static const Decl *decl_at(AstFile *ast, int32_t file, size_t off, const Line **line,
                           const Atom **atom)
{
    *line = NULL;
    *atom = NULL;
    for (const Decl *d = ast ? ast->decls : NULL; d; d = d->next) {
        if (!in(d->span, file, off))
            continue;
        const Atom *first = d->kind == D_DECLARE ? d->atoms : NULL;
        for (const Line *l = d->block ? d->block->lines : NULL; l; l = l->next)
            if (in(l->span, file, off)) {
                *line = l;
                first = l->atoms;
            }
        for (const Atom *a = first; a; a = a->next)
            if (in(a->span, file, off) || (a->kind != A_HEADER && a->lo.unit && in(a->lo.unit_span, file, off)) ||
                (a->kind == A_RANGE && in(a->hi.unit_span, file, off)))
                *atom = a;
        return d;
    }
    return NULL;
}

static void source_text(Buf *b, Analysis *an, Span sp)
{
    const SrcFile *f = &an->d.files[sp.file];
    size_t hi = sp.hi > f->len ? f->len : sp.hi;
    if (sp.lo < hi)
        buf_putn(b, f->text + sp.lo, hi - sp.lo);
}

/* "9_000 t" is mass: 9000 t in base units. */
static void quantity(Buf *b, const Num *lo, const Num *hi, const char *currency)
{
    const char *unit = hi && hi->unit ? hi->unit : lo->unit;
    buf_puts(b, "`");
    text_put_num(b, lo->sign, lo->text, hi ? NULL : unit);
    if (hi) {
        buf_puts(b, "..");
        text_put_num(b, hi->sign, hi->text, unit);
    }
    buf_puts(b, "`");
    if (!unit) {
        buf_puts(b, ": a number without a unit");
        return;
    }
    Unit u;
    if (unit_parse(unit, strlen(unit), &u, NULL, NULL) != UNIT_OK) {
        buf_printf(b, ": `%s` is not a unit", unit);
        return;
    }
    char dim[64], base[32], v[TEXT_DOUBLE_MAX];
    dim_name(u.dim, dim, sizeof dim);
    dim_base_unit(u.dim, u.currency[0] ? u.currency : currency, base, sizeof base);
    buf_printf(b, " — unit `%s`, %s\n\nin base units: %s", unit, dim,
               text_double(v, unit_to_base(&u, lo->value)));
    if (hi)
        buf_printf(b, "..%s", text_double(v, unit_to_base(&u, hi->value)));
    if (*base)
        buf_printf(b, " %s", base);
}

static const char *model_currency(Analysis *an)
{
    AstFile *ast = lsp_ast(an, an->root);
    for (const Decl *d = ast ? ast->decls : NULL; d; d = d->next)
        if (d->kind == D_CURRENCY && d->name)
            return d->name;
    return NULL;
}

/* A column header "supply[t]": its name and unit. */
static void column(Buf *b, const char *name, size_t nlen, const char *unit, size_t ulen)
{
    buf_puts(b, "column `");
    buf_putn(b, name, nlen);
    buf_puts(b, "`");
    if (!unit) {
        buf_puts(b, ", no unit");
        return;
    }
    buf_puts(b, ", unit `");
    buf_putn(b, unit, ulen);
    buf_puts(b, "`");
    Unit u;
    if (unit_parse(unit, ulen, &u, NULL, NULL) == UNIT_OK) {
        char dim[64];
        dim_name(u.dim, dim, sizeof dim);
        buf_printf(b, " (%s)", dim);
    }
}

/* Split "supply[t]" into name and unit. */
static void split_header(const char *p, size_t n, size_t *nlen, const char **unit, size_t *ulen)
{
    const char *br = memchr(p, '[', n);
    *unit = NULL;
    *nlen = n;
    if (br && n > 0 && p[n - 1] == ']') {
        *nlen = (size_t)(br - p);
        *unit = br + 1;
        *ulen = n - *nlen - 2;
    }
}

/* The CSV records of file: the header, and the record holding off (its
 * fields copied into *row, header fields into *head, as "a\0b\0"...). */
typedef struct {
    Buf text;          /* the fields, each NUL-terminated */
    size_t n;
    size_t at;         /* the field holding the offset, or n */
} Record;

static void record_copy(const CsvReader *r, Record *rec, size_t off)
{
    rec->n = r->nfields;
    rec->at = r->nfields;
    for (size_t i = 0; i < r->nfields; i++) {
        const CsvField *f = &r->fields[i];
        buf_putn(&rec->text, f->p, f->len);
        buf_putc(&rec->text, '\0');
        size_t end = f->offset + f->len + (f->quoted ? 2 : 0);
        if (f->offset <= off && off <= end)
            rec->at = i;
    }
}

static const char *field(const Record *rec, size_t i)
{
    const char *p = rec->text.s;
    for (size_t k = 0; p && k < i; k++)
        p += strlen(p) + 1;
    return p ? p : "";
}

/* Find the header and the record that holds off (or starts at off). */
static bool csv_records(Analysis *an, int32_t file, size_t off, Record *head, Record *row,
                        bool *is_head)
{
    const SrcFile *f = &an->d.files[file];
    CsvReader r;
    csv_init(&r, f->text, f->len);
    bool first = true, found = false;
    int k;
    while (!found && (k = csv_next(&r)) != 0) {
        if (k < 0)
            continue;
        size_t end = r.pos;
        if (first)
            record_copy(&r, head, off);
        if (r.rec_offset <= off && off < (end > r.rec_offset ? end : r.rec_offset + 1)) {
            found = true;
            *is_head = first;
            if (!first)
                record_copy(&r, row, off);
        }
        first = false;
    }
    csv_free(&r);
    return found;
}

static void record_props(Buf *b, const Record *head, const Record *row, size_t from)
{
    buf_puts(b, "\n\n```\n");
    for (size_t i = from; i < head->n && i < row->n; i++)
        buf_printf(b, "%s = %s\n", field(head, i), field(row, i));
    buf_puts(b, "```");
}

/* An entity: its kind, name, label and properties as written. */
static void entity_hover(Buf *b, Analysis *an, const NameRef *ref)
{
    const NameRef *dn = decl_of(an, ref->name);
    buf_printf(b, "**%s** `%s`", ast_entity_name((EntityKind)ref->kind), ref->name);
    if (!dn)
        return;
    Span at = dn->span;
    if (lsp_is_csv(an, at.file)) {
        Record head = {0}, row = {0};
        bool is_head = false;
        if (csv_records(an, at.file, at.lo, &head, &row, &is_head) && !is_head) {
            for (size_t i = 0; i < head.n; i++)
                if (strcmp(field(&head, i), "label") == 0 && i < row.n)
                    buf_printf(b, " — %s", field(&row, i));
            record_props(b, &head, &row, 1);
        }
        buf_free(&head.text);
        buf_free(&row.text);
        return;
    }
    AstFile *ast = lsp_ast(an, at.file);
    for (const Decl *d = ast ? ast->decls : NULL; d; d = d->next) {
        if ((d->kind == D_ENTITY || d->kind == D_SEGMENT) && d->name_span.lo == at.lo) {
            if (d->label)
                buf_printf(b, " — %s", d->label);
            buf_puts(b, "\n\n```dairy\n");
            for (const Line *l = d->block ? d->block->lines : NULL; l; l = l->next) {
                source_text(b, an, l->span);
                buf_putc(b, '\n');
            }
            if (d->kind == D_SEGMENT && d->strategy)
                buf_printf(b, "strategy %s\n", d->strategy);
            buf_puts(b, "```");
            return;
        }
        if (d->kind != D_TABLE || !d->block || !in(d->span, at.file, at.lo))
            continue;
        const Line *hl = d->block->lines; /* a table row: the header names its cells */
        for (const Line *l = hl ? hl->next : NULL; l; l = l->next) {
            if (!in(l->span, at.file, at.lo))
                continue;
            buf_puts(b, "\n\n```\n");
            const Atom *h = hl->atoms, *c = l->atoms;
            for (; h && c; h = h->next, c = c->next) {
                while (h && h->kind == A_COMMA)
                    h = h->next;
                while (c && c->kind == A_COMMA)
                    c = c->next;
                if (!h || !c)
                    break;
                source_text(b, an, h->span);
                buf_puts(b, " = ");
                source_text(b, an, c->kind == A_NUMBER && c->lo.unit
                                       ? (Span){c->span.file, c->span.lo, c->lo.unit_span.hi}
                                       : c->kind == A_RANGE && c->hi.unit
                                       ? (Span){c->span.file, c->span.lo, c->hi.unit_span.hi}
                                       : c->span);
                buf_putc(b, '\n');
            }
            buf_puts(b, "```");
            return;
        }
    }
}

/* The header cell above a table row's cell, when it gives a unit. */
static const Atom *header_of(const Decl *d, const Line *line, const Atom *cell)
{
    if (!d || (d->kind != D_TABLE && d->kind != D_MATRIX) || !d->block || !line ||
        line == d->block->lines)
        return NULL;
    int k = 0;
    for (const Atom *c = line->atoms; c && c != cell; c = c->next)
        k += c->kind != A_COMMA;
    for (const Atom *h = d->block->lines->atoms; h; h = h->next) {
        if (h->kind == A_COMMA)
            continue;
        if (k-- == 0)
            return h->kind == A_HEADER && h->lo.unit ? h : NULL;
    }
    return NULL;
}

cJSON *lsp_hover(Server *s, cJSON *params, int *code, const char **msg)
{
    At at;
    if (!get_at(s, params, &at, code, msg))
        return NULL;
    if (!at.an)
        return NULL;
    Buf b = {0};
    Span range = {-1, 0, 0};
    const NameRef *ref = name_at(&at);
    if (ref) {
        entity_hover(&b, at.an, ref);
        range = ref->span;
    } else if (lsp_is_csv(at.an, at.file)) {
        Record head = {0}, row = {0};
        bool is_head = false;
        if (csv_records(at.an, at.file, at.off, &head, &row, &is_head)) {
            const Record *r = is_head ? &head : &row;
            if (r->at < head.n) {
                const char *h = field(&head, r->at), *unit;
                size_t nlen, ulen = 0;
                split_header(h, strlen(h), &nlen, &unit, &ulen);
                if (!is_head)
                    buf_printf(&b, "`%s`: ", field(&row, r->at));
                column(&b, h, nlen, unit, ulen);
            }
        }
        buf_free(&head.text);
        buf_free(&row.text);
    } else {
        const Line *line;
        const Atom *a;
        const Decl *d = decl_at(lsp_ast(at.an, at.file), at.file, at.off, &line, &a);
        const Atom *h = a && !a->lo.unit ? header_of(d, line, a) : NULL;
        if (h && (a->kind == A_NUMBER || a->kind == A_RANGE)) {
            /* a bare number in a table: the header's unit is its unit */
            Num lo = a->lo, hi = a->hi;
            lo.unit = hi.unit = h->lo.unit;
            buf_printf(&b, "column `%s`: ", h->text);
            quantity(&b, &lo, a->kind == A_RANGE ? &hi : NULL, model_currency(at.an));
            range = a->span;
        } else if (a && a->kind == A_HEADER) {
            column(&b, a->text, strlen(a->text), a->lo.unit, a->lo.unit ? strlen(a->lo.unit) : 0);
            range = a->span;
        } else if (a && (a->kind == A_NUMBER || a->kind == A_RANGE)) {
            quantity(&b, &a->lo, a->kind == A_RANGE ? &a->hi : NULL, model_currency(at.an));
            range = a->span;
        }
    }
    cJSON *res = NULL;
    if (b.len) {
        res = lj_obj("contents", lj_obj("kind", lj_str("markdown"), "value", lj_str(buf_str(&b)),
                                        NULL, NULL), NULL, NULL, NULL, NULL);
        if (range.file >= 0)
            lj_add(res, "range", lsp_range(at.an, range));
    }
    buf_free(&b);
    return res;
}

/* `use "file.dairy"` or `use std.NAME` under the cursor: the file. */
static cJSON *use_target(Server *s, At *at)
{
    const Line *line;
    const Atom *a;
    AstFile *ast = lsp_ast(at->an, at->file);
    const Decl *d = decl_at(ast, at->file, at->off, &line, &a);
    if (!d || d->kind != D_USE)
        return NULL;
    char *path = NULL;
    if (d->use_std && d->name) {
        for (int i = 0; i < s->opt->nstd && !path; i++) {
            char *p = arena_printf(&at->an->arena, "%s/%s.dairy", s->opt->std_dirs[i], d->name);
            if (access(p, R_OK) == 0)
                path = p;
        }
    } else if (d->path) {
        const char *from = at->an->d.files[at->file].path;
        const char *slash = strrchr(from, '/');
        path = d->path[0] == '/' || !slash
                   ? arena_strdup(&at->an->arena, d->path)
                   : arena_printf(&at->an->arena, "%.*s/%s", (int)(slash - from), from, d->path);
    }
    if (!path)
        return NULL;
    char *uri = lsp_uri_of_path(path);
    LspPos zero = {0, 0};
    cJSON *loc = lj_obj("uri", lj_str(uri), "range",
                        lj_obj("start", lj_pos(zero), "end", lj_pos(zero), NULL, NULL), NULL, NULL);
    free(uri);
    return loc;
}

cJSON *lsp_definition(Server *s, cJSON *params, int *code, const char **msg)
{
    At at;
    if (!get_at(s, params, &at, code, msg) || !at.an)
        return NULL;
    const NameRef *ref = name_at(&at);
    if (!ref)
        return use_target(s, &at);
    const NameRef *d = decl_of(at.an, ref->name);
    return d ? lsp_location(at.an, d->span) : NULL;
}

cJSON *lsp_references(Server *s, cJSON *params, int *code, const char **msg)
{
    At at;
    if (!get_at(s, params, &at, code, msg) || !at.an)
        return NULL;
    const NameRef *ref = name_at(&at);
    if (!ref)
        return NULL;
    bool with_decl = cJSON_IsTrue(lj_get(lj_get(params, "context"), "includeDeclaration"));
    Vec v = places(at.an, ref->name, with_decl);
    cJSON *res = cJSON_CreateArray();
    for (size_t i = 0; i < v.len; i++)
        cJSON_AddItemToArray(res, lsp_location(at.an, ((Span *)v.data)[i]));
    vec_free(&v);
    return res;
}

/* A name the language reads back as one: a letter or `_` (or any non-ASCII
 * character: Cyrillic), then letters, digits, `_`; not a reserved word. */
static bool valid_name(const char *n)
{
    if (!*n || (*n >= '0' && *n <= '9'))
        return false;
    for (const unsigned char *p = (const unsigned char *)n; *p; p++)
        if (!(*p >= 0x80 || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p == '_'))
            return false;
    return text_utf8_check(n, strlen(n), NULL) == strlen(n) && !ast_is_reserved(n);
}

cJSON *lsp_rename(Server *s, cJSON *params, int *code, const char **msg)
{
    const char *name = lj_get_str(params, "newName");
    if (!name) {
        *code = RPC_INVALID_PARAMS;
        *msg = "newName is missing";
        return NULL;
    }
    At at;
    if (!get_at(s, params, &at, code, msg))
        return NULL;
    const NameRef *ref = at.an ? name_at(&at) : NULL;
    if (!ref) {
        *code = LSP_REQUEST_FAILED;
        *msg = "there is no name of a product, farm, plant, market, strategy, scenario, "
               "segment or let here";
        return NULL;
    }
    if (!valid_name(name)) {
        *code = LSP_REQUEST_FAILED;
        *msg = "the new name is not a name: letters, digits and `_`, not starting with a "
               "digit, not a reserved word";
        return NULL;
    }
    Vec v = places(at.an, ref->name, true);
    cJSON *changes = cJSON_CreateObject();
    for (size_t i = 0; i < v.len; i++) {
        Span sp = ((Span *)v.data)[i];
        const char *uri = lsp_file_uri(at.an, sp.file);
        cJSON *edits = cJSON_GetObjectItemCaseSensitive(changes, uri);
        if (!edits) {
            edits = cJSON_CreateArray();
            cJSON_AddItemToObject(changes, uri, edits);
        }
        cJSON_AddItemToArray(edits, lj_obj("range", lsp_range(at.an, sp), "newText", lj_str(name),
                                           NULL, NULL));
    }
    vec_free(&v);
    return lj_obj("changes", changes, NULL, NULL, NULL, NULL);
}

/* --- outline --------------------------------------------------------- */

static int symbol_kind(const Decl *d)
{
    enum { MODULE = 2, CLASS = 5, FIELD = 8, INTERFACE = 11, FUNCTION = 12, VARIABLE = 13,
           CONSTANT = 14, ARRAY = 18, OBJECT = 19, STRUCT = 23, EVENT = 24 };
    switch (d->kind) {
    case D_ENTITY:
        switch (d->entity) {
        case K_PRODUCT: return STRUCT;
        case K_STRATEGY: return FUNCTION;
        case K_SCENARIO: return EVENT;
        default: return CLASS;
        }
    case D_SEGMENT: return INTERFACE;
    case D_LET: return VARIABLE;
    case D_USE: return MODULE;
    case D_TABLE:
    case D_MATRIX: return ARRAY;
    case D_TRANSPORT: return OBJECT;
    case D_PERIOD: return EVENT;
    default: return CONSTANT;
    }
    (void)FIELD;
}

static cJSON *symbol(Analysis *an, const char *name, const char *detail, int kind, Span range,
                      Span sel)
{
    if (sel.file != range.file || sel.lo < range.lo || sel.hi > range.hi)
        sel = range;
    cJSON *j = lj_obj("name", lj_str(*name ? name : "?"), "detail", detail ? lj_str(detail) : NULL,
                      "kind", lj_int(kind));
    lj_add(j, "range", lsp_range(an, range));
    return lj_add(j, "selectionRange", lsp_range(an, sel));
}

cJSON *lsp_symbols(Server *s, cJSON *params, int *code, const char **msg)
{
    At at;
    if (!get_doc(s, params, &at, code, msg) || !at.an)
        return NULL;
    AstFile *ast = lsp_ast(at.an, at.file);
    cJSON *res = cJSON_CreateArray();
    for (const Decl *d = ast ? ast->decls : NULL; d; d = d->next) {
        char *name = NULL;
        const char *detail = NULL;
        Span sel = d->name_span;
        switch (d->kind) {
        case D_ENTITY:
        case D_SEGMENT:
            if (!d->name)
                continue;
            name = xstrdup(d->name);
            detail = d->kind == D_SEGMENT ? "segment" : ast_entity_name(d->entity);
            break;
        case D_LET: name = xstrdup(d->name ? d->name : "let"); detail = "let"; break;
        case D_PERIOD: name = xstrdup(d->name ? d->name : "period"); detail = "period"; break;
        case D_USE: {
            Buf b = {0};
            if (d->use_std)
                buf_printf(&b, "use %s.%s", d->path ? d->path : "std", d->name ? d->name : "");
            else
                buf_printf(&b, "use \"%s\"", d->path ? d->path : "");
            name = xstrdup(buf_str(&b));
            buf_free(&b);
            sel = d->span;
            break;
        }
        case D_TABLE:
        case D_MATRIX:
            name = xstrdup(d->kind == D_MATRIX ? "routes matrix" : d->name ? d->name : "table");
            detail = d->path ? d->path : "table";
            sel = d->kw_span;
            break;
        case D_TRANSPORT: name = xstrdup("transport"); sel = d->kw_span; break;
        default: continue; /* the header lines: model, currency, objective, ... */
        }
        cJSON *sym = symbol(at.an, name, detail, symbol_kind(d), d->span, sel);
        free(name);
        if (d->kind == D_TABLE && d->block && d->block->lines) { /* the rows' names */
            cJSON *kids = cJSON_CreateArray();
            for (const Line *l = d->block->lines->next; l; l = l->next)
                if (l->atoms && l->atoms->kind == A_WORD)
                    cJSON_AddItemToArray(kids, symbol(at.an, l->atoms->text, NULL, 8, l->span,
                                                      l->atoms->span));
            lj_add(sym, "children", kids);
        }
        cJSON_AddItemToArray(res, sym);
    }
    return res;
}

/* --- formatting -------------------------------------------------------- */

static void quiet(Diag *d, DiagKind kind, Span sp, const char *msg)
{
    (void)d, (void)kind, (void)sp, (void)msg;
}

cJSON *lsp_formatting(Server *s, cJSON *params, int *code, const char **msg)
{
    At at;
    if (!get_doc(s, params, &at, code, msg))
        return NULL;
    Doc *doc = at.doc;
    Diag d;
    diag_init(&d, NULL);
    d.sink = quiet;
    char *copy = xmalloc(doc->len + 1);
    memcpy(copy, doc->text, doc->len + 1);
    int32_t id = diag_add_file(&d, doc->path, copy, doc->len);
    char *text = NULL;
    size_t len = 0;
    int rc = fmt_file(&d, id, &text, &len);
    diag_free(&d);
    if (rc != 0) {
        free(text);
        *code = LSP_REQUEST_FAILED;
        *msg = rc > 0 ? "the file has a syntax error: fix it to format the file"
                      : "out of memory";
        return NULL;
    }
    cJSON *res = cJSON_CreateArray();
    if (len != doc->len || memcmp(text, doc->text, len) != 0) {
        size_t n;
        uint32_t *st = lsp_line_starts(doc->text, doc->len, &n);
        LspPos zero = {0, 0}, end = lsp_position(doc->text, doc->len, st, n, doc->len);
        free(st);
        cJSON_AddItemToArray(res, lj_obj("range", lj_obj("start", lj_pos(zero), "end", lj_pos(end),
                                                         NULL, NULL),
                                         "newText", lj_str(text), NULL, NULL));
    }
    free(text);
    return res;
}
