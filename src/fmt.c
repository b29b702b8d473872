/* fmt.c — the canonical printer: AST plus comments back to .dairy text.
 *
 * `dairy fmt` output (language.md, "The command line").  The layout rules:
 *
 *  1. Declarations in source order, each starting at column 0 on its own
 *     line; declarations that shared a line through `;` get a line each.
 *  2. Blank lines: where the source has one or more blank lines between two
 *     printed lines (declarations, block lines, comments), exactly one is
 *     printed.  Never at the start of the file, never right after a line
 *     ending in `{`, never before a `}`, never at the end of the file; the
 *     file ends with exactly one newline (an empty model prints nothing).
 *     This holds inside blocks too, so groups of properties stay grouped.
 *  3. Header declarations print their words separated by one space:
 *     `model "Title"`, `currency BYN`, `use std.products`, `use "path"`,
 *     `objective maximize profit`, `let r = EXPR`,
 *     `segment NAME "Label" when EXPR strategy S` (label and when only when
 *     written), `TABLE from "file.csv"`, `components fat, protein`,
 *     `grades second, first`, `pay by fat 3.4%` (atoms as in rule 6).
 *  4. Blocks: the head (`farm north "Label" {`, `transport {`, `farms {`,
 *     `routes matrix distance km {`), then one line per property or row
 *     indented two spaces, then `}` at column 0.  Property lines that were
 *     `;`-separated, or wrapped over several source lines, become one line
 *     each.  An empty block with no comment inside prints as `farm x {}` on
 *     one line; an empty block holding comments prints on several lines.
 *  5. Entity and transport blocks: a line's atoms are joined by one space.
 *     Table blocks (`farms { ... }`, `routes { ... }`, `routes matrix`):
 *     columns are aligned, each cell padded to the widest cell of its column
 *     counted in characters (UTF-8 code points, so Cyrillic aligns), two
 *     spaces between columns, no trailing spaces; a short row ends early.
 *     A matrix's first row (the destinations) gets an empty corner cell so
 *     that it stands over the data columns, unless it starts with `-`, which
 *     then is the corner as written.
 *  6. Atoms: words as written; labels in double quotes with `\"`, `\\` and
 *     `\n` escaped; numbers with their sign and digits as written and the
 *     unit attached (`85%`) for `%`, after one space otherwise (`9_000 t`);
 *     ranges `lo..hi` with each bound printed as a number (`150..380 t`,
 *     `7_000 t..7_500 t`); `-` for a missing cell; `*`; `name[unit]`; a comma
 *     sticks to the atom before it and is followed by a space
 *     (`at 53.9, 27.5`).
 *  7. Expressions: binary operators with one space on each side, `not x`,
 *     `-x`, `f(a, b)`, `x in ("a", "b")`; parentheses exactly where the
 *     source has them (never added or dropped).  A unary `+` is not kept in
 *     the tree, so it is not printed (it means nothing).
 *  8. Comments, each printed once, in source order, trailing blanks trimmed:
 *     - a comment alone on its source line is printed on its own line before
 *       the next declaration, block line or `}` that follows it, at that
 *       line's indent (two spaces before a `}`, since it is inside the
 *       block); after the last declaration, at column 0;
 *     - a comment after code on the same source line trails the output line
 *       that prints that code, two spaces after it (after the padded row in a
 *       table; on the `{` line when it follows the `{`); the trailing
 *       comments of consecutive block lines (no blank or comment line
 *       between) start in one column, two spaces after the longest line;
 *     - comments inside a statement that spans several source lines (a wrapped
 *       condition, a list continued after `,`) are printed with that
 *       statement: the first one trails it if it is a trailing comment, the
 *       others follow it on their own lines at its indent.
 *  9. The result parses to the same tree with the same comments, and
 *     formatting it again gives it back unchanged (idempotence): every rule
 *     above depends only on the tree, the comments and blank lines, which
 *     the output reproduces.
 */
#include "fmt.h"

#include "ast.h"

#include "arena.h"
#include "text.h"
#include "xalloc.h"
#include "vec.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- text */

/* A number with its sign, digits and unit as written (rule 6). */
static void put_num(Buf *b, const Num *n)
{
    text_put_num(b, n->sign, n->text, n->unit);
}

static const char *binary_op(ExprKind k)
{
    switch (k) {
    case E_AND: return "and";
    case E_OR: return "or";
    case E_EQ: return "==";
    case E_NE: return "!=";
    case E_LT: return "<";
    case E_LE: return "<=";
    case E_GT: return ">";
    case E_GE: return ">=";
    case E_ADD: return "+";
    case E_SUB: return "-";
    case E_MUL: return "*";
    case E_DIV: return "/";
    default: return "?";
    }
}

static void put_expr(Buf *b, const Expr *e);

static void put_list(Buf *b, const Expr *e)
{
    for (; e; e = e->next) {
        put_expr(b, e);
        if (e->next)
            buf_puts(b, ", ");
    }
}

/* An expression token by token in source order, on one line (rule 7).
 * Parentheses are nodes of the tree and no others are added, so the text
 * parses back to the same tree.  Recursion is bounded by the parser's
 * AST_MAX_DEPTH.  (The checked model's rules print through rexpr.c, which
 * gives the same text.) */
static void put_expr(Buf *b, const Expr *e)
{
    if (!e)
        return;
    switch (e->kind) {
    case E_NUM: put_num(b, &e->num); break;
    case E_STR: text_put_label(b, e->text); break;
    case E_NAME: buf_puts(b, e->text); break;
    case E_BOOL: buf_puts(b, e->bval ? "true" : "false"); break;
    case E_CALL:
        buf_puts(b, e->text);
        buf_putc(b, '(');
        put_list(b, e->args);
        buf_putc(b, ')');
        break;
    case E_NEG:
        buf_putc(b, '-');
        put_expr(b, e->a);
        break;
    case E_NOT:
        buf_puts(b, "not ");
        put_expr(b, e->a);
        break;
    case E_PAREN:
        buf_putc(b, '(');
        put_expr(b, e->a);
        buf_putc(b, ')');
        break;
    case E_IN:
        put_expr(b, e->a);
        buf_puts(b, " in (");
        put_list(b, e->args);
        buf_putc(b, ')');
        break;
    default:
        put_expr(b, e->a);
        buf_putc(b, ' ');
        buf_puts(b, binary_op(e->kind));
        buf_putc(b, ' ');
        put_expr(b, e->b);
        break;
    }
}

/* One atom of a property line or table row (rule 6); a comma is handled by
 * the caller, which attaches it to the atom before. */
static void put_atom(Buf *b, const Atom *a)
{
    switch (a->kind) {
    case A_WORD:
        buf_puts(b, a->text);
        break;
    case A_STRING:
        text_put_label(b, a->text);
        break;
    case A_NUMBER:
        put_num(b, &a->lo);
        break;
    case A_RANGE:
        put_num(b, &a->lo);
        buf_puts(b, "..");
        put_num(b, &a->hi);
        break;
    case A_MISSING:
        buf_putc(b, '-');
        break;
    case A_COMMA:
        buf_putc(b, ',');
        break;
    case A_STAR:
        buf_putc(b, '*');
        break;
    case A_HEADER:
        buf_puts(b, a->text);
        buf_putc(b, '[');
        buf_puts(b, a->lo.unit ? a->lo.unit : "");
        buf_putc(b, ']');
        break;
    }
}


/* The head of a block declaration, without the ` {` (rule 4). */
static void put_head(Buf *b, const Decl *d)
{
    switch (d->kind) {
    case D_ENTITY:
        buf_puts(b, ast_entity_name(d->entity));
        buf_putc(b, ' ');
        buf_puts(b, d->name);
        if (d->label) {
            buf_putc(b, ' ');
            text_put_label(b, d->label);
        }
        break;
    case D_TRANSPORT:
        buf_puts(b, "transport");
        break;
    case D_PERIOD:
        buf_puts(b, "period ");
        buf_puts(b, d->name);
        break;
    case D_MATRIX:
        buf_puts(b, "routes matrix ");
        buf_puts(b, d->name);
        if (d->name2) {
            buf_putc(b, ' ');
            buf_puts(b, d->name2);
        }
        break;
    default:
        buf_puts(b, d->name);
        break;
    }
}

/* A declaration without a block, on one line (rule 3). */
static void put_stmt(Buf *b, const Decl *d)
{
    switch (d->kind) {
    case D_MODEL:
        buf_puts(b, "model ");
        text_put_label(b, d->label);
        break;
    case D_CURRENCY:
        buf_puts(b, "currency ");
        buf_puts(b, d->name);
        break;
    case D_USE:
        buf_puts(b, "use ");
        if (d->use_std) {
            buf_puts(b, d->path ? d->path : "std");
            buf_putc(b, '.');
            buf_puts(b, d->name);
        } else {
            text_put_label(b, d->path);
        }
        break;
    case D_OBJECTIVE:
        buf_puts(b, "objective ");
        buf_puts(b, d->name);
        buf_putc(b, ' ');
        buf_puts(b, d->name2);
        break;
    case D_TABLE:
        buf_puts(b, d->name);
        buf_puts(b, " from ");
        text_put_label(b, d->path);
        break;
    case D_LET:
        buf_puts(b, "let ");
        buf_puts(b, d->name);
        buf_puts(b, " = ");
        put_expr(b, d->expr);
        break;
    case D_SEGMENT:
        buf_puts(b, "segment ");
        buf_puts(b, d->name);
        if (d->label) {
            buf_putc(b, ' ');
            text_put_label(b, d->label);
        }
        if (d->expr) {
            buf_puts(b, " when ");
            put_expr(b, d->expr);
        }
        buf_puts(b, " strategy ");
        buf_puts(b, d->strategy);
        break;
    case D_DECLARE: /* `components fat, protein`, `pay by fat 3.4%` */
        buf_puts(b, d->name);
        for (const Atom *a = d->atoms; a; a = a->next) {
            if (a->kind != A_COMMA)
                buf_putc(b, ' ');
            put_atom(b, a);
        }
        break;
    default: /* a block kind without its block: only in a broken tree */
        put_head(b, d);
        break;
    }
}

/* ---------------------------------------------------------------- cells */

typedef struct {
    int n;
    const char **cell;
} Row;

/* The printed cells of one block, one Row per line. */
typedef struct {
    Row *rows;
    int nrows;
    size_t *width; /* aligned blocks: widest cell of each column, in characters */
    int ncols;
    bool aligned;
} Cells;

/* The cells of a line: one per atom, except that a comma belongs to the
 * cell before it, so `at 53.9, 27.5` and `offers butter, milk32` print as
 * written.  `corner` puts an empty cell first (a matrix's header row). */
static Row line_cells(Arena *ar, Buf *tmp, const Line *ln, bool corner)
{
    int max = corner ? 1 : 0;
    for (const Atom *a = ln->atoms; a; a = a->next)
        max++;
    Row r = {0, arena_alloc(ar, (size_t)(max ? max : 1) * sizeof(const char *))};
    if (corner)
        r.cell[r.n++] = "";
    for (const Atom *a = ln->atoms; a; a = a->next) {
        tmp->len = 0;
        if (a->kind == A_COMMA && r.n > 0 && !(corner && r.n == 1)) {
            buf_puts(tmp, r.cell[r.n - 1]);
            buf_putc(tmp, ',');
            r.cell[r.n - 1] = arena_strndup(ar, tmp->s, tmp->len);
            continue;
        }
        put_atom(tmp, a);
        r.cell[r.n++] = arena_strndup(ar, tmp->s, tmp->len);
    }
    return r;
}

/* All rows of a declaration's block, with column widths for tables
 * (rule 5): D_TABLE and D_MATRIX align, entities and transport do not. */
static Cells *block_cells(Arena *ar, Buf *tmp, const Decl *d)
{
    Cells *c = arena_alloc(ar, sizeof *c);
    c->aligned = d->kind == D_TABLE || d->kind == D_MATRIX;
    int n = 0;
    for (const Line *ln = d->block->lines; ln; ln = ln->next)
        n++;
    c->rows = arena_alloc(ar, (size_t)(n ? n : 1) * sizeof(Row));
    for (const Line *ln = d->block->lines; ln; ln = ln->next) {
        bool corner = d->kind == D_MATRIX && c->nrows == 0 &&
                      !(ln->atoms && ln->atoms->kind == A_MISSING);
        c->rows[c->nrows++] = line_cells(ar, tmp, ln, corner);
    }
    for (int i = 0; i < c->nrows; i++)
        if (c->rows[i].n > c->ncols)
            c->ncols = c->rows[i].n;
    c->width = arena_alloc(ar, (size_t)(c->ncols ? c->ncols : 1) * sizeof(size_t));
    for (int i = 0; i < c->nrows; i++)
        for (int j = 0; j < c->rows[i].n; j++) {
            size_t w = text_width(c->rows[i].cell[j]);
            if (w > c->width[j])
                c->width[j] = w;
        }
    return c;
}

/* A row: cells joined by one space, or in a table padded to the column
 * width plus two spaces; the last cell is never padded. */
static void put_row(Buf *b, const Cells *c, const Row *r)
{
    for (int j = 0; j < r->n; j++) {
        buf_puts(b, r->cell[j]);
        if (j + 1 == r->n)
            break;
        if (c->aligned)
            buf_spaces(b, c->width[j] - text_width(r->cell[j]) + 2);
        else
            buf_putc(b, ' ');
    }
}

/* ---------------------------------------------------------------- items */

/* An output line that prints code, with the source bytes it covers. */
typedef enum { IT_STMT, IT_OPEN, IT_ROW, IT_CLOSE } ItemKind;

enum { SLOT_BEFORE, SLOT_TRAIL, SLOT_AFTER };

typedef struct {
    ItemKind kind;
    uint32_t lo, hi;
    const Decl *decl;
    const Cells *cells; /* IT_OPEN, IT_ROW, IT_CLOSE */
    int row;            /* IT_ROW */
    unsigned slots;     /* bit 1 << SLOT_x: some comment goes there */
} Item;

/* Where a comment is printed: before, trailing or after item `item`
 * (item == nitems: at the end of the file). */
typedef struct {
    size_t item;
    int slot;
} Target;

typedef struct {
    FILE *out;
    const char *src;
    size_t len;
    Item *items;
    size_t nitems;
    const Comment *cm;
    size_t ncm;
    Target *tgt;
    size_t next;   /* the next comment to print */
    bool started;  /* a line has been printed */
    bool opened;   /* the last line printed opens a block */
    uint32_t mark; /* end of the source printed so far */
    size_t run_end;   /* rows before this index share a comment column */
    size_t run_width; /* the widest row text of that run, in characters */
} Printer;

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Whether src[i] ends a line: LF, or a CR not followed by LF (an old Mac
 * line end; the CR of a CRLF is a blank before its LF), as the lexer says. */
static bool is_eol(const Printer *p, uint32_t i)
{
    return p->src[i] == '\n' || (p->src[i] == '\r' && (i + 1 >= p->len || p->src[i + 1] != '\n'));
}

/* Whether src[lo, hi) holds a newline. */
static bool has_newline(const Printer *p, uint32_t lo, uint32_t hi)
{
    for (uint32_t i = lo; i < hi && i < p->len; i++)
        if (is_eol(p, i))
            return true;
    return false;
}

/* Whether something other than blanks precedes offset `at` on its line. */
static bool code_before(const Printer *p, uint32_t at)
{
    while (at > 0 && !is_eol(p, at - 1)) {
        if (!is_blank(p->src[at - 1]))
            return true;
        at--;
    }
    return false;
}

/* Whether src[lo, hi) holds an empty line: two newlines with only blanks
 * between them (rule 2). */
static bool blank_line_between(const Printer *p, uint32_t lo, uint32_t hi)
{
    bool fresh = false; /* a newline seen and nothing but blanks since */
    for (uint32_t i = lo; i < hi && i < p->len; i++) {
        char c = p->src[i];
        if (is_eol(p, i)) {
            if (fresh)
                return true;
            fresh = true;
        } else if (!is_blank(c)) {
            fresh = false;
        }
    }
    return false;
}

/* Rule 8: give each comment its place.  With P the last item that starts
 * before the comment: inside P or after P's code on the same line, the
 * comment trails P (the first one only, and only if it follows code on its
 * line) or follows it; otherwise it goes before the next item.  Comments
 * and items are both in source order, so the places come out in output
 * order and one cursor prints them all in source order. */
static void place_comments(Printer *p)
{
    size_t k = 0; /* items that start before the comment */
    for (size_t i = 0; i < p->ncm; i++) {
        Span c = p->cm[i].span;
        while (k < p->nitems && p->items[k].lo < c.lo)
            k++;
        Target t = {k, SLOT_BEFORE};
        if (k > 0) {
            Item *prev = &p->items[k - 1];
            bool inside = c.lo < prev->hi;
            bool same_line = inside ? code_before(p, c.lo)
                                    : !has_newline(p, prev->hi, c.lo);
            if (inside || same_line) {
                bool vacant = !(prev->slots & (1u << SLOT_TRAIL | 1u << SLOT_AFTER));
                t = (Target){k - 1, same_line && vacant ? SLOT_TRAIL : SLOT_AFTER};
            }
        }
        if (t.item < p->nitems)
            p->items[t.item].slots |= 1u << t.slot;
        p->tgt[i] = t;
    }
}

/* A comment's text from `#` to the line end, trailing blanks trimmed. */
static void comment_text(const Printer *p, const Comment *c, const char **s,
                         size_t *n)
{
    uint32_t lo = c->span.lo, hi = c->span.hi;
    while (hi > lo && is_blank(p->src[hi - 1]))
        hi--;
    *s = p->src + lo;
    *n = hi - lo;
}

/* One output line (rules 2 and 8): a blank line first where the source has
 * one since what was printed last (not at the start, after `{` or before
 * `}`), the indent, the text and the trailing comment two spaces after. */
static void emit(Printer *p, int indent, const char *text, size_t n,
                 uint32_t lo, uint32_t hi, bool closing, const Comment *trail,
                 size_t pad_to)
{
    if (p->started && !p->opened && !closing &&
        blank_line_between(p, p->mark, lo))
        fputc('\n', p->out);
    for (int i = 0; i < indent; i++)
        fputc(' ', p->out);
    fwrite(text, 1, n, p->out);
    if (trail) {
        const char *s;
        size_t len;
        comment_text(p, trail, &s, &len);
        for (size_t w = text_width_n(text, n); w < pad_to; w++)
            fputc(' ', p->out);
        fputs("  ", p->out);
        fwrite(s, 1, len, p->out);
        if (trail->span.hi > hi)
            hi = trail->span.hi;
    }
    fputc('\n', p->out);
    p->started = true;
    p->opened = false;
    if (hi > p->mark)
        p->mark = hi;
}

/* Print, on lines of their own, the comments placed at (item, slot). */
static void emit_comments(Printer *p, size_t item, int slot, int indent)
{
    while (p->next < p->ncm && p->tgt[p->next].item == item &&
           p->tgt[p->next].slot == slot) {
        const Comment *c = &p->cm[p->next++];
        const char *s;
        size_t n;
        comment_text(p, c, &s, &n);
        emit(p, indent, s, n, c->span.lo, c->span.hi, false, NULL, 0);
    }
}

/* The comment trailing item `item`, if there is one. */
static const Comment *take_trail(Printer *p, size_t item)
{
    if (p->next < p->ncm && p->tgt[p->next].item == item &&
        p->tgt[p->next].slot == SLOT_TRAIL)
        return &p->cm[p->next++];
    return NULL;
}

static void add_item(Vec *v, ItemKind k, uint32_t lo, uint32_t hi,
                     const Decl *d, const Cells *c, int row)
{
    Item *it = vec_push(v);
    it->kind = k;
    it->lo = lo;
    it->hi = hi;
    it->decl = d;
    it->cells = c;
    it->row = row;
}

/* Rule 4: an empty block prints `{}` on the head's line when no comment
 * sits inside it or trails its `{`. */
static bool compact_block(const Printer *p, size_t open)
{
    const Item *it = &p->items[open];
    return it->cells->nrows == 0 && open + 1 < p->nitems &&
           !(it->slots & (1u << SLOT_TRAIL | 1u << SLOT_AFTER)) &&
           !(p->items[open + 1].slots & 1u << SLOT_BEFORE);
}

/* Trailing comments of consecutive rows line up, as gofmt does: a run is
 * rows of one block, each with a trailing comment, with no blank line and
 * no comment line between them.  The run starting at row `first` (if any)
 * is measured and remembered in run_end / run_width. */
static void comment_run(Printer *p, size_t first)
{
    p->run_end = first;
    p->run_width = 0;
    Buf tmp = {0};
    size_t i = first;
    while (i < p->nitems && p->items[i].kind == IT_ROW &&
           (p->items[i].slots & 1u << SLOT_TRAIL) &&
           (i == first || (!(p->items[i].slots & 1u << SLOT_BEFORE) &&
                           !(p->items[i - 1].slots & 1u << SLOT_AFTER) &&
                           p->items[i].decl == p->items[i - 1].decl &&
                           !blank_line_between(p, p->items[i - 1].hi, p->items[i].lo)))) {
        tmp.len = 0;
        put_row(&tmp, p->items[i].cells, &p->items[i].cells->rows[p->items[i].row]);
        size_t w = text_width_n(tmp.s, tmp.len);
        if (w > p->run_width)
            p->run_width = w;
        i++;
    }
    p->run_end = i > first ? i : first + 1;
    free(tmp.s);
}

/* Print every item with its comments, in order. */
static void print_items(Printer *p, Buf *b)
{
    for (size_t i = 0; i < p->nitems; i++) {
        const Item *it = &p->items[i];
        int indent = it->kind == IT_ROW ? 2 : 0;
        emit_comments(p, i, SLOT_BEFORE, it->kind == IT_CLOSE ? 2 : indent);
        b->len = 0;
        switch (it->kind) {
        case IT_STMT:
            put_stmt(b, it->decl);
            emit(p, 0, b->s, b->len, it->lo, it->hi, false, take_trail(p, i), 0);
            break;
        case IT_OPEN:
            put_head(b, it->decl);
            if (compact_block(p, i)) {
                buf_puts(b, " {}");
                i++; /* the `}` is printed here */
                emit(p, 0, b->s, b->len, it->lo, p->items[i].hi, false,
                     take_trail(p, i), 0);
            } else {
                buf_puts(b, " {");
                emit(p, 0, b->s, b->len, it->lo, it->hi, false, take_trail(p, i), 0);
                p->opened = true;
            }
            break;
        case IT_ROW:
            if (i >= p->run_end)
                comment_run(p, i);
            put_row(b, it->cells, &it->cells->rows[it->row]);
            emit(p, 2, b->s, b->len, it->lo, it->hi, false, take_trail(p, i),
                 i < p->run_end ? p->run_width : 0);
            break;
        case IT_CLOSE:
            emit(p, 0, "}", 1, it->lo, it->hi, true, take_trail(p, i), 0);
            break;
        }
        emit_comments(p, i, SLOT_AFTER, indent);
    }
    emit_comments(p, p->nitems, SLOT_BEFORE, 0);
}

int fmt_print(const Diag *d, const AstFile *ast, FILE *out)
{
    const SrcFile *f = diag_file(d, ast->file);
    if (!f)
        return -1;
    Arena ar;
    arena_init(&ar);
    Buf b = {0};
    Vec items;
    vec_init(&items, sizeof(Item));
    for (const Decl *dc = ast->decls; dc; dc = dc->next) {
        if (!dc->block) {
            add_item(&items, IT_STMT, dc->span.lo, dc->span.hi, dc, NULL, -1);
            continue;
        }
        const Cells *c = block_cells(&ar, &b, dc);
        const Block *bl = dc->block;
        add_item(&items, IT_OPEN, dc->span.lo, bl->span.lo + 1, dc, c, -1);
        int r = 0;
        for (const Line *ln = bl->lines; ln; ln = ln->next)
            add_item(&items, IT_ROW, ln->span.lo, ln->span.hi, dc, c, r++);
        add_item(&items, IT_CLOSE, bl->span.hi - 1, bl->span.hi, dc, c, -1);
    }
    Printer p = {
        .out = out, .src = f->text, .len = f->len,
        .items = items.data, .nitems = items.len,
        .cm = ast->comments, .ncm = ast->ncomments,
        .tgt = xcalloc(ast->ncomments ? ast->ncomments : 1, sizeof(Target)),
    };
    place_comments(&p);
    print_items(&p, &b);
    free(p.tgt);
    free(b.s);
    vec_free(&items);
    arena_free(&ar);
    if (fflush(out) != 0 || ferror(out))
        return -1;
    return 0;
}

int fmt_file(Diag *d, int32_t file, char **text, size_t *len)
{
    Arena arena;
    arena_init(&arena);
    AstFile *ast = ast_parse(&arena, d, file);
    *text = NULL;
    *len = 0;
    if (ast->ok) {
        FILE *mem = open_memstream(text, len);
        if (!mem) {
            arena_free(&arena);
            return -1;
        }
        fmt_print(d, ast, mem);
        fclose(mem);
    }
    bool ok = ast->ok;
    arena_free(&arena);
    return ok ? 0 : 1;
}
