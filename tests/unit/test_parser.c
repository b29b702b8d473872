/* test_parser.c — unit tests for the lexer and parser (src/lexer.l,
 * src/parser.y): statement ends, continuation, numbers, units, ranges,
 * labels, every declaration, expressions, spans, comments and syntax
 * errors with recovery. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/arena.h"
#include "../../src/ast.h"
#include "../../src/diag.h"

/* ------------------------------------------------------------ fixture */

typedef struct {
    Arena arena;
    Diag d;
    FILE *fp;
    char *out;    /* everything diag printed */
    size_t outlen;
    AstFile *f;
} P;

/* Fixtures live on the heap and are listed, so that the ones a failed
 * test leaves open are closed by the group teardown: the sanitizer's leak
 * report then points at the code under test only. */
enum { MAX_OPEN = 16 };
static P *open_fixtures[MAX_OPEN];
static int nopen;

/* Parse src (copied to the heap with its NUL, as diag_add_file wants) as
 * the file "t.dairy"; diagnostics go to a memstream. */
static P *p_parse_n(const char *src, size_t n)
{
    P *p = calloc(1, sizeof *p);
    assert_non_null(p);
    assert_true(nopen < MAX_OPEN);
    open_fixtures[nopen++] = p;
    arena_init(&p->arena);
    p->fp = open_memstream(&p->out, &p->outlen);
    assert_non_null(p->fp);
    diag_init(&p->d, p->fp);
    char *text = malloc(n + 1);
    assert_non_null(text);
    memcpy(text, src, n);
    text[n] = '\0';
    int32_t id = diag_add_file(&p->d, "t.dairy", text, n);
    p->f = ast_parse(&p->arena, &p->d, id);
    assert_non_null(p->f);
    fflush(p->fp);
    return p;
}

static P *p_parse(const char *src)
{
    return p_parse_n(src, strlen(src));
}

static void p_close(P *p)
{
    for (int i = 0; i < nopen; i++)
        if (open_fixtures[i] == p) {
            open_fixtures[i] = open_fixtures[--nopen];
            break;
        }
    fclose(p->fp);
    free(p->out);
    diag_free(&p->d);
    arena_free(&p->arena);
    free(p);
}

static int close_leftovers(void **state)
{
    (void)state;
    while (nopen > 0)
        p_close(open_fixtures[nopen - 1]);
    return 0;
}

/* Parse and require that there was no error at all. */
static P *p_ok(const char *src)
{
    P *p = p_parse(src);
    if (p->d.errors != 0 || !p->f->ok)
        fail_msg("unexpected errors for:\n%s\n--- output:\n%s", src, p->out);
    return p;
}

/* out begins with want: the message, the source line and the caret are
 * exact; hint lines may follow. */
static void assert_prefix(const char *out, const char *want)
{
    if (strncmp(out, want, strlen(want)) != 0)
        fail_msg("output does not begin with:\n%s--- output:\n%s", want, out);
}

static Decl *decl_at(const AstFile *f, int i)
{
    Decl *d = f->decls;
    for (int k = 0; k < i && d; k++)
        d = d->next;
    if (!d)
        fail_msg("no declaration %d (have %d)", i, f->ndecls);
    return d;
}

static Line *line_at(const Block *b, int i)
{
    assert_non_null(b);
    Line *l = b->lines;
    for (int k = 0; k < i && l; k++)
        l = l->next;
    if (!l)
        fail_msg("no line %d (have %d)", i, b->nlines);
    return l;
}

static Atom *atom_at(const Line *l, int i)
{
    Atom *a = l->atoms;
    for (int k = 0; k < i && a; k++)
        a = a->next;
    if (!a)
        fail_msg("no atom %d (have %d)", i, l->natoms);
    return a;
}

static int count_atoms(const Line *l)
{
    int n = 0;
    for (const Atom *a = l->atoms; a; a = a->next)
        n++;
    return n;
}

static void assert_span(Span sp, uint32_t lo, uint32_t hi)
{
    if (sp.lo != lo || sp.hi != hi)
        fail_msg("span %u..%u, want %u..%u", sp.lo, sp.hi, lo, hi);
}

/* The source text a span covers, in a static buffer. */
static const char *span_str(const P *p, Span sp)
{
    static char buf[256];
    const SrcFile *f = diag_file(&p->d, sp.file);
    assert_non_null(f);
    assert_true(sp.lo <= sp.hi && sp.hi <= f->len);
    size_t n = sp.hi - sp.lo;
    assert_true(n < sizeof buf);
    memcpy(buf, f->text + sp.lo, n);
    buf[n] = '\0';
    return buf;
}

static void assert_word(const Atom *a, const char *text)
{
    assert_int_equal(a->kind, A_WORD);
    assert_string_equal(a->text, text);
}

static void assert_num(const Num *n, double value, const char *unit)
{
    assert_true(fabs(n->value - value) <= 1e-9 * (fabs(value) + 1));
    if (unit) {
        assert_non_null(n->unit);
        assert_string_equal(n->unit, unit);
    } else {
        assert_null(n->unit);
    }
}

static void assert_number_atom(const Atom *a, double value, const char *unit)
{
    assert_int_equal(a->kind, A_NUMBER);
    assert_num(&a->lo, value, unit);
}

/* The expression of the only declaration (a let or a segment). */
static Expr *only_expr(P *p)
{
    assert_int_equal(p->f->ndecls, 1);
    assert_non_null(p->f->decls->expr);
    return p->f->decls->expr;
}

/* A compact prefix form of an expression, to compare whole trees. */
static void expr_str_rec(const Expr *e, char *buf, size_t size)
{
    static const char *const ops[] = {
        [E_AND] = "and", [E_OR] = "or", [E_EQ] = "==", [E_NE] = "!=", [E_LT] = "<",
        [E_LE] = "<=", [E_GT] = ">", [E_GE] = ">=", [E_ADD] = "+", [E_SUB] = "-",
        [E_MUL] = "*", [E_DIV] = "/",
    };
    size_t len = strlen(buf);
    char *o = buf + len;
    size_t room = size - len;
    if (!e) {
        snprintf(o, room, "NULL");
        return;
    }
    switch (e->kind) {
    case E_NUM:
        snprintf(o, room, "%g%s", e->num.value, e->num.unit ? e->num.unit : "");
        return;
    case E_STR: snprintf(o, room, "\"%s\"", e->text); return;
    case E_NAME: snprintf(o, room, "%s", e->text); return;
    case E_BOOL: snprintf(o, room, "%s", e->bval ? "true" : "false"); return;
    case E_NEG: snprintf(o, room, "(neg "); break;
    case E_NOT: snprintf(o, room, "(not "); break;
    case E_PAREN: snprintf(o, room, "(paren "); break;
    case E_CALL: snprintf(o, room, "(%s", e->text); break;
    case E_IN: snprintf(o, room, "(in "); break;
    default: snprintf(o, room, "(%s ", ops[e->kind]); break;
    }
    if (e->kind == E_CALL) {
        for (const Expr *a = e->args; a; a = a->next) {
            strncat(buf, " ", size - strlen(buf) - 1);
            expr_str_rec(a, buf, size);
        }
    } else {
        expr_str_rec(e->a, buf, size);
        if (e->b) {
            strncat(buf, " ", size - strlen(buf) - 1);
            expr_str_rec(e->b, buf, size);
        }
        for (const Expr *a = e->args; a; a = a->next) {
            strncat(buf, " ", size - strlen(buf) - 1);
            expr_str_rec(a, buf, size);
        }
    }
    strncat(buf, ")", size - strlen(buf) - 1);
}

static const char *expr_str(const Expr *e)
{
    static char buf[1024];
    buf[0] = '\0';
    expr_str_rec(e, buf, sizeof buf);
    return buf;
}

/* Parse `let x = SRC` and compare the tree's prefix form. */
static void expect_let_tree(const char *src, const char *want)
{
    P *p;
    char text[512];
    snprintf(text, sizeof text, "let x = %s\n", src);
    p = p_ok(text);
    const char *got = expr_str(only_expr(p));
    if (strcmp(got, want) != 0)
        fail_msg("let x = %s\n  got  %s\n  want %s", src, got, want);
    p_close(p);
}

/* ------------------------------------------------------------ statements */

static void test_semicolon_and_newline_end_statements(void **state)
{
    (void)state;
    P *p;
    p = p_ok("farm north { supply 9_000 t;  price 820 BYN/t }\n"
             "model \"a\"; currency BYN\n");
    assert_int_equal(p->f->ndecls, 3);
    Decl *farm = decl_at(p->f, 0);
    assert_int_equal(farm->kind, D_ENTITY);
    assert_int_equal(farm->block->nlines, 2);
    Line *l0 = line_at(farm->block, 0), *l1 = line_at(farm->block, 1);
    assert_int_equal(l0->natoms, 2);
    assert_word(atom_at(l0, 0), "supply");
    assert_number_atom(atom_at(l0, 1), 9000, "t");
    assert_int_equal(l1->natoms, 2);
    assert_word(atom_at(l1, 0), "price");
    assert_number_atom(atom_at(l1, 1), 820, "BYN/t");
    assert_int_equal(decl_at(p->f, 1)->kind, D_MODEL);
    assert_int_equal(decl_at(p->f, 2)->kind, D_CURRENCY);
    p_close(p);
}

static void test_block_lines_end_at_newline(void **state)
{
    (void)state;
    P *p;
    p = p_ok("plant p {\n"
             "  capacity 15_000 t\n"
             "\n"
             "  # a comment line\n"
             "  makes butter 400 t cost 310 BYN/t\n"
             "  optional\n"
             "}\n");
    Decl *d = decl_at(p->f, 0);
    assert_int_equal(d->block->nlines, 3);
    assert_int_equal(line_at(d->block, 0)->natoms, 2);
    /* makes, butter, 400 t, cost, 310 BYN/t */
    assert_int_equal(line_at(d->block, 1)->natoms, 5);
    assert_int_equal(line_at(d->block, 2)->natoms, 1);
    assert_word(atom_at(line_at(d->block, 2), 0), "optional");
    assert_int_equal(count_atoms(line_at(d->block, 1)), 5);
    p_close(p);
}

static void test_blank_and_comment_lines_ignored(void **state)
{
    (void)state;
    P *p;
    p = p_ok("\n\n# head\n\n;;\nmodel \"x\"\n\n\n# more\n;\ncurrency BYN");
    assert_int_equal(p->f->ndecls, 2);
    assert_int_equal(decl_at(p->f, 0)->kind, D_MODEL);
    assert_int_equal(decl_at(p->f, 1)->kind, D_CURRENCY);
    assert_string_equal(decl_at(p->f, 1)->name, "BYN");
    p_close(p);
}

static void test_last_line_may_end_at_brace(void **state)
{
    (void)state;
    P *p;
    p = p_ok("farm f { supply 1 t }\nmarket m {}\nmarket n {\n}\n");
    assert_int_equal(p->f->ndecls, 3);
    assert_int_equal(decl_at(p->f, 0)->block->nlines, 1);
    assert_int_equal(decl_at(p->f, 1)->block->nlines, 0);
    assert_int_equal(decl_at(p->f, 2)->block->nlines, 0);
    p_close(p);
}

static void test_continuation_after_brace_comma_dotdot(void **state)
{
    (void)state;
    P *p;
    p = p_ok("strategy s {\n"
             "  offers butter,\n"
             "         milk32\n"
             "  volume 100%..\n"
             "         110%\n"
             "}\n");
    Decl *d = decl_at(p->f, 0);
    assert_int_equal(d->block->nlines, 2);
    Line *l0 = line_at(d->block, 0);
    assert_int_equal(l0->natoms, 4);
    assert_word(atom_at(l0, 1), "butter");
    assert_int_equal(atom_at(l0, 2)->kind, A_COMMA);
    assert_word(atom_at(l0, 3), "milk32");
    Line *l1 = line_at(d->block, 1);
    assert_int_equal(l1->natoms, 2);
    Atom *r = atom_at(l1, 1);
    assert_int_equal(r->kind, A_RANGE);
    assert_num(&r->lo, 100, "%");
    assert_num(&r->hi, 110, "%");
    p_close(p);
}

static void test_continuation_after_operators(void **state)
{
    (void)state;
    expect_let_tree("a +\n b", "(+ a b)");
    expect_let_tree("a *\n b", "(* a b)");
    expect_let_tree("a /\n 2", "(/ a 2)");
    expect_let_tree("a ==\n 1", "(== a 1)");
    expect_let_tree("a !=\n 1", "(!= a 1)");
    expect_let_tree("a <\n 1", "(< a 1)");
    expect_let_tree("a <=\n 1", "(<= a 1)");
    expect_let_tree("a >\n 1", "(> a 1)");
    expect_let_tree("a >=\n 1", "(>= a 1)");
    /* after `=` of a let */
    P *p;
    p = p_ok("let x =\n  a\nlet y = b\n");
    assert_int_equal(p->f->ndecls, 2);
    assert_string_equal(expr_str(decl_at(p->f, 0)->expr), "a");
    p_close(p);
}

static void test_continuation_after_and_or_not(void **state)
{
    (void)state;
    P *p;
    p = p_ok("segment s \"L\" when a and\n"
             "  b or\n"
             "  not\n"
             "  c strategy z\n"
             "segment t strategy z\n");
    assert_int_equal(p->f->ndecls, 2);
    Decl *d = decl_at(p->f, 0);
    assert_int_equal(d->kind, D_SEGMENT);
    assert_string_equal(expr_str(d->expr), "(or (and a b) (not c))");
    assert_string_equal(d->strategy, "z");
    p_close(p);
}

static void test_newline_inside_parentheses(void **state)
{
    (void)state;
    P *p;
    p = p_ok("segment loyal \"Loyal\" when (\n"
             "  (r == 5 and fm >= 3) or\n"
             "  (r == 4\n"
             "   and fm >= 4)\n"
             ") strategy loyalty\n"
             "let y = (a -\n"
             "  b)\n");
    assert_int_equal(p->f->ndecls, 2);
    assert_string_equal(expr_str(decl_at(p->f, 0)->expr),
                        "(paren (or (paren (and (== r 5) (>= fm 3))) "
                        "(paren (and (== r 4) (>= fm 4)))))");
    assert_string_equal(decl_at(p->f, 0)->strategy, "loyalty");
    assert_string_equal(expr_str(decl_at(p->f, 1)->expr), "(paren (- a b))");
    p_close(p);
}

static void test_lone_minus_at_line_end_ends_statement(void **state)
{
    (void)state;
    P *p;
    p = p_ok("routes matrix distance km {\n"
             "  a b\n"
             "  x 1 -\n"
             "  y - 2\n"
             "}\n"
             "farms {\n"
             "  name supply price\n"
             "  f1 - -\n"
             "  f2 1 t 2 BYN/t\n"
             "}\n");
    assert_int_equal(p->f->ndecls, 2);
    Decl *m = decl_at(p->f, 0);
    assert_int_equal(m->block->nlines, 3);
    Line *x = line_at(m->block, 1);
    assert_int_equal(x->natoms, 3);
    assert_word(atom_at(x, 0), "x");
    assert_number_atom(atom_at(x, 1), 1, NULL);
    assert_int_equal(atom_at(x, 2)->kind, A_MISSING);
    Line *y = line_at(m->block, 2);
    assert_int_equal(y->natoms, 3);
    assert_int_equal(atom_at(y, 1)->kind, A_MISSING);
    assert_number_atom(atom_at(y, 2), 2, NULL);

    Decl *t = decl_at(p->f, 1);
    assert_int_equal(t->block->nlines, 3);
    Line *f1 = line_at(t->block, 1);
    assert_int_equal(f1->natoms, 3);
    assert_int_equal(atom_at(f1, 1)->kind, A_MISSING);
    assert_int_equal(atom_at(f1, 2)->kind, A_MISSING);
    assert_int_equal(line_at(t->block, 2)->natoms, 3);
    p_close(p);
}

static void test_lone_minus_in_expression_ends_statement(void **state)
{
    (void)state;
    /* `let x = a -` then a new line: the statement ends after the `-`,
     * so the expression is cut short (a syntax error), unlike `+`. */
    P *p;
    p = p_parse("let x = a -\n  b\n");
    assert_false(p->f->ok);
    assert_true(p->d.errors >= 1);
    assert_prefix(p->out, "t.dairy:1:12: error: unexpected end of line\n"
                          "   1 | let x = a -\n"
                          "     |            ^\n");
    p_close(p);
}

static void test_minus_spacing_in_expressions(void **state)
{
    (void)state;
    expect_let_tree("f - m", "(- f m)");
    expect_let_tree("f - 4", "(- f 4)");
    expect_let_tree("f-4", "(- f 4)");
    expect_let_tree("f -4", "(- f 4)");
    expect_let_tree("-recency", "(neg recency)");
}

/* ------------------------------------------------------------ numbers */

static void test_negative_and_signed_numbers(void **state)
{
    (void)state;
    P *p;
    /*        0         1         2
     *        0123456789012345678901234 */
    p = p_ok("x { a -4 -3% +4% 7 }\n");
    Line *l = line_at(decl_at(p->f, 0)->block, 0);
    assert_int_equal(l->natoms, 5);
    Atom *n = atom_at(l, 1);
    assert_number_atom(n, -4, NULL);
    assert_int_equal(n->lo.sign, '-');
    assert_string_equal(n->lo.text, "4");
    assert_span(n->lo.span, 6, 8); /* the sign belongs to the number */
    Atom *pc = atom_at(l, 2);
    assert_number_atom(pc, -3, "%");
    assert_int_equal(pc->lo.sign, '-');
    Atom *pos = atom_at(l, 3);
    assert_number_atom(pos, 4, "%");
    assert_int_equal(pos->lo.sign, '+');
    Atom *plain = atom_at(l, 4);
    assert_number_atom(plain, 7, NULL);
    assert_int_equal(plain->lo.sign, 0);
    p_close(p);
}

static void test_minus_with_space_is_missing_cell(void **state)
{
    (void)state;
    P *p;
    p = p_ok("x { a - 4 }\n");
    Line *l = line_at(decl_at(p->f, 0)->block, 0);
    assert_int_equal(l->natoms, 3);
    assert_int_equal(atom_at(l, 1)->kind, A_MISSING);
    assert_number_atom(atom_at(l, 2), 4, NULL);
    p_close(p);
}

static void test_underscore_separators(void **state)
{
    (void)state;
    P *p;
    p = p_ok("x { a 12_000 1_500_000.5 9_000 }\n");
    Line *l = line_at(decl_at(p->f, 0)->block, 0);
    assert_number_atom(atom_at(l, 1), 12000, NULL);
    assert_string_equal(atom_at(l, 1)->lo.text, "12_000");
    assert_number_atom(atom_at(l, 2), 1500000.5, NULL);
    assert_number_atom(atom_at(l, 3), 9000, NULL);
    p_close(p);
}

static void test_misplaced_underscore(void **state)
{
    (void)state;
    P *p;
    p = p_parse("x { a 1__2 }\n");
    assert_false(p->f->ok);
    assert_int_equal(p->d.errors, 1);
    assert_string_equal(p->out,
                        "t.dairy:1:7: error: misplaced `_` in number `1__2`\n"
                        "   1 | x { a 1__2 }\n"
                        "     |       ^~~~\n"
                        "hint: `_` separates digit groups, as in `12_000`\n");
    p_close(p);

    p = p_parse("x { a 12_ }\n");
    assert_false(p->f->ok);
    assert_int_equal(p->d.errors, 1);
    assert_non_null(strstr(p->out, "misplaced `_` in number `12_`"));
    p_close(p);
}

static void test_decimals_and_exponents(void **state)
{
    (void)state;
    P *p;
    p = p_ok("x { a 1.5e6 3.7 2E-3 1e+2 0.45 }\n");
    Line *l = line_at(decl_at(p->f, 0)->block, 0);
    assert_number_atom(atom_at(l, 1), 1.5e6, NULL);
    assert_string_equal(atom_at(l, 1)->lo.text, "1.5e6");
    assert_number_atom(atom_at(l, 2), 3.7, NULL);
    assert_number_atom(atom_at(l, 3), 0.002, NULL);
    assert_number_atom(atom_at(l, 4), 100, NULL);
    assert_number_atom(atom_at(l, 5), 0.45, NULL);
    p_close(p);
}

static void test_number_too_large(void **state)
{
    (void)state;
    P *p;
    p = p_parse("x { a 1e999 }\n");
    assert_false(p->f->ok);
    assert_int_equal(p->d.errors, 1);
    assert_non_null(strstr(p->out, "t.dairy:1:7: error: number `1e999` is too large\n"));
    p_close(p);
}

/* A sign written before the digits is shown with the number. */
static void test_number_too_large_signed(void **state)
{
    (void)state;
    P *p = p_parse("x { a -1e400 }\n");
    assert_false(p->f->ok);
    assert_int_equal(p->d.errors, 1);
    assert_prefix(p->out, "t.dairy:1:7: error: number `-1e400` is too large\n"
                          "   1 | x { a -1e400 }\n"
                          "     |       ^~~~~~\n");
    p_close(p);
}

/* A non-zero literal that would be read as 0 (or lose its digits) is an
 * error; zero written with any exponent is zero. */
static void test_number_too_small(void **state)
{
    (void)state;
    P *p = p_parse("x { a 1e-400; b +2.5e-301 }\n");
    assert_false(p->f->ok);
    assert_int_equal(p->d.errors, 2);
    assert_prefix(p->out, "t.dairy:1:7: error: number `1e-400` is too small: it would be read as 0\n"
                          "   1 | x { a 1e-400; b +2.5e-301 }\n"
                          "     |       ^~~~~~\n"
                          "hint: numbers other than 0 are at least 1e-300 in size; write `0` for zero\n"
                          "t.dairy:1:17: error: number `+2.5e-301` is too small");
    p_close(p);
    p = p_ok("x { a 0e-999; b 0.000e-400; c 1e-300; d -1e300 }\n");
    p_close(p);
}

/* A leading UTF-8 byte order mark is skipped; columns do not count it. */
static void test_bom(void **state)
{
    (void)state;
    P *p = p_ok("\xEF\xBB\xBFx { a 1 }\n");
    p_close(p);
    p = p_parse("\xEF\xBB\xBFx { a 1 } ]\n");
    assert_prefix(p->out, "t.dairy:1:11: error: ");
    p_close(p);
}

/* A lone CR (classic Mac OS) ends a line like LF and CRLF, in comments
 * and labels too. */
static void test_cr_line_ends(void **state)
{
    (void)state;
    P *p = p_ok("# comment\rx { a 1\r  b 2 }\rfarm y \"label\" { c 3 }\r\nz { }\r");
    assert_int_equal(p->f->ndecls, 3);
    p_close(p);
    p = p_parse("x { a 1 }\ry \"open\rz { }\r");
    assert_prefix(p->out, "t.dairy:2:3: error: unterminated label\n"
                          "   2 | y \"open\n"
                          "     |   ^~~~~\n");
    p_close(p);
}

static void test_percentage(void **state)
{
    (void)state;
    P *p;
    /*        0123456789012345 */
    p = p_ok("x { a 85% 85 % }\n");
    Line *l = line_at(decl_at(p->f, 0)->block, 0);
    assert_int_equal(l->natoms, 3);
    Atom *a = atom_at(l, 1);
    /* the value as written: the checker scales % */
    assert_number_atom(a, 85, "%");
    assert_span(a->lo.span, 6, 8);
    assert_span(a->lo.unit_span, 8, 9);
    assert_span(a->span, 6, 9);
    assert_number_atom(atom_at(l, 2), 85, "%");
    p_close(p);
}

static void test_range_unit_after_upper_bound(void **state)
{
    (void)state;
    P *p;
    /*        0         1         2
     *        0123456789012345678901234567 */
    p = p_ok("market c { demand b 150..380 t }\n");
    Line *l = line_at(decl_at(p->f, 0)->block, 0);
    assert_int_equal(l->natoms, 3);
    Atom *r = atom_at(l, 2);
    assert_int_equal(r->kind, A_RANGE);
    assert_num(&r->lo, 150, NULL);
    assert_num(&r->hi, 380, "t");
    assert_span(r->span, 20, 30);
    assert_span(r->lo.span, 20, 23);
    assert_span(r->hi.span, 25, 28);
    assert_span(r->hi.unit_span, 29, 30);
    p_close(p);
}

static void test_range_both_units(void **state)
{
    (void)state;
    P *p;
    p = p_ok("x { volume 100%..110%; supply 500 kg..2 t; s 0%..125% }\n");
    Block *b = decl_at(p->f, 0)->block;
    Atom *r = atom_at(line_at(b, 0), 1);
    assert_int_equal(r->kind, A_RANGE);
    assert_num(&r->lo, 100, "%");
    assert_num(&r->hi, 110, "%");
    r = atom_at(line_at(b, 1), 1);
    assert_int_equal(r->kind, A_RANGE);
    assert_num(&r->lo, 500, "kg");
    assert_num(&r->hi, 2, "t");
    r = atom_at(line_at(b, 2), 1);
    assert_num(&r->lo, 0, "%");
    assert_num(&r->hi, 125, "%");
    p_close(p);
}

/* ------------------------------------------------------------ units */

static void test_units_only_after_numbers(void **state)
{
    (void)state;
    P *p;
    p = p_ok("customers {\n"
             "  id market t\n"
             "  c001 12 retail\n"
             "  c002 12 BYN/t\n"
             "  t 12 t\n"
             "  c003 12 kgs\n"
             "  c004 3 days\n"
             "  c005 3 ABC\n"
             "}\n");
    Block *b = decl_at(p->f, 0)->block;
    assert_int_equal(b->nlines, 7);
    /* the header word `t` is a word, not a unit */
    assert_word(atom_at(line_at(b, 0), 2), "t");
    Line *l = line_at(b, 1);
    assert_int_equal(l->natoms, 3);
    assert_number_atom(atom_at(l, 1), 12, NULL);
    assert_word(atom_at(l, 2), "retail");
    l = line_at(b, 2);
    assert_int_equal(l->natoms, 2);
    assert_number_atom(atom_at(l, 1), 12, "BYN/t");
    l = line_at(b, 3);
    assert_int_equal(l->natoms, 2);
    assert_word(atom_at(l, 0), "t");
    assert_number_atom(atom_at(l, 1), 12, "t");
    /* a longer word that starts like a unit is a word */
    l = line_at(b, 4);
    assert_int_equal(l->natoms, 3);
    assert_number_atom(atom_at(l, 1), 12, NULL);
    assert_word(atom_at(l, 2), "kgs");
    l = line_at(b, 5);
    assert_int_equal(l->natoms, 2);
    assert_number_atom(atom_at(l, 1), 3, "days");
    /* three capitals after a number are a currency */
    l = line_at(b, 6);
    assert_int_equal(l->natoms, 2);
    assert_number_atom(atom_at(l, 1), 3, "ABC");
    p_close(p);
}

static void test_unit_not_read_across_lines(void **state)
{
    (void)state;
    P *p;
    p = p_ok("x {\n  a 12\n  t\n}\n");
    Block *b = decl_at(p->f, 0)->block;
    assert_int_equal(b->nlines, 2);
    assert_number_atom(atom_at(line_at(b, 0), 1), 12, NULL);
    assert_word(atom_at(line_at(b, 1), 0), "t");
    p_close(p);
}

static void test_compound_units(void **state)
{
    (void)state;
    P *p;
    p = p_ok("transport { milk 0.45 BYN/t/km; butter 21 t/t; x 5 kg/t }\n");
    Block *b = decl_at(p->f, 0)->block;
    assert_number_atom(atom_at(line_at(b, 0), 1), 0.45, "BYN/t/km");
    assert_number_atom(atom_at(line_at(b, 1), 1), 21, "t/t");
    assert_number_atom(atom_at(line_at(b, 2), 1), 5, "kg/t");
    p_close(p);
}

static void test_header_cells_with_units(void **state)
{
    (void)state;
    P *p;
    /*        0         1         2         3
     *        0123456789012345678901234567890123456 */
    p = p_ok("farms {\n"
             "  name supply[t] price[BYN/t] recency[days]\n"
             "  north 9000 820 3\n"
             "}\n");
    Line *h = line_at(decl_at(p->f, 0)->block, 0);
    assert_int_equal(h->natoms, 4);
    assert_word(atom_at(h, 0), "name");
    Atom *s = atom_at(h, 1);
    assert_int_equal(s->kind, A_HEADER);
    assert_string_equal(s->text, "supply");
    assert_string_equal(s->lo.unit, "t");
    assert_string_equal(span_str(p, s->lo.span), "supply");
    assert_string_equal(span_str(p, s->lo.unit_span), "t");
    assert_string_equal(span_str(p, s->span), "supply[t]");
    Atom *pr = atom_at(h, 2);
    assert_int_equal(pr->kind, A_HEADER);
    assert_string_equal(pr->text, "price");
    assert_string_equal(pr->lo.unit, "BYN/t");
    Atom *r = atom_at(h, 3);
    assert_int_equal(r->kind, A_HEADER);
    assert_string_equal(r->lo.unit, "days");
    p_close(p);
}

/* ------------------------------------------------------------ names, labels */

static void test_utf8_identifiers(void **state)
{
    (void)state;
    P *p;
    p = p_ok("farm Смолевичи \"СПК Смолевичи\" { supply 1 t }\n"
             "farm минск_1 { price 1 BYN/t }\n");
    Decl *d = decl_at(p->f, 0);
    assert_string_equal(d->name, "Смолевичи");
    assert_span(d->name_span, 5, 23); /* byte offsets: 9 letters of 2 bytes */
    assert_string_equal(d->label, "СПК Смолевичи");
    assert_string_equal(decl_at(p->f, 1)->name, "минск_1");
    p_close(p);
}

static void test_label_escapes(void **state)
{
    (void)state;
    P *p;
    p = p_ok("farm f \"a \\\"q\\\" b\\\\c\\nd # not a comment\" {}\n");
    Decl *d = decl_at(p->f, 0);
    assert_string_equal(d->label, "a \"q\" b\\c\nd # not a comment");
    assert_int_equal(p->f->ncomments, 0);
    p_close(p);
}

static void test_unknown_escape_reported_once(void **state)
{
    (void)state;
    P *p;
    p = p_parse("farm f \"b\\q\" {}\n");
    assert_false(p->f->ok);
    assert_int_equal(p->d.errors, 1);
    assert_string_equal(p->out,
                        "t.dairy:1:10: error: unknown escape `\\q` in label\n"
                        "   1 | farm f \"b\\q\" {}\n"
                        "     |          ^~\n"
                        "hint: labels know `\\\"`, `\\\\` and `\\n`; write `\\\\` for a backslash\n");
    p_close(p);
}

static void test_unterminated_label(void **state)
{
    (void)state;
    P *p;
    p = p_parse("model \"open\nfarm f {}\n");
    assert_false(p->f->ok);
    assert_true(p->d.errors >= 1);
    assert_non_null(strstr(p->out, "t.dairy:1:7: error: unterminated label\n"
                                  "   1 | model \"open\n"
                                  "     |       ^~~~~\n"
                                  "hint: close it with `\"` on the same line\n"));
    p_close(p);
}

/* ------------------------------------------------------------ declarations */

static void test_header_declarations(void **state)
{
    (void)state;
    P *p;
    p = p_ok("model \"Minsk region, plan 2027\"\n"
             "currency BYN\n"
             "use std.products\n"
             "use \"regions/minsk.dairy\"\n"
             "objective minimize cost\n"
             "objective maximize profit\n");
    assert_int_equal(p->f->ndecls, 6);
    Decl *d = decl_at(p->f, 0);
    assert_int_equal(d->kind, D_MODEL);
    assert_string_equal(d->label, "Minsk region, plan 2027");
    d = decl_at(p->f, 1);
    assert_int_equal(d->kind, D_CURRENCY);
    assert_string_equal(d->name, "BYN");
    assert_string_equal(span_str(p, d->name_span), "BYN");
    d = decl_at(p->f, 2);
    assert_int_equal(d->kind, D_USE);
    assert_true(d->use_std);
    assert_string_equal(d->path, "std");
    assert_string_equal(d->name, "products");
    assert_string_equal(span_str(p, d->name_span), "products");
    d = decl_at(p->f, 3);
    assert_int_equal(d->kind, D_USE);
    assert_false(d->use_std);
    assert_string_equal(d->path, "regions/minsk.dairy");
    assert_string_equal(span_str(p, d->path_span), "\"regions/minsk.dairy\"");
    d = decl_at(p->f, 4);
    assert_int_equal(d->kind, D_OBJECTIVE);
    assert_string_equal(d->name, "minimize");
    assert_string_equal(d->name2, "cost");
    d = decl_at(p->f, 5);
    assert_string_equal(d->name, "maximize");
    assert_string_equal(d->name2, "profit");
    p_close(p);
}

static void test_entity_declarations(void **state)
{
    (void)state;
    static const struct {
        const char *kw;
        EntityKind k;
    } kinds[] = {
        {"product", K_PRODUCT}, {"farm", K_FARM}, {"plant", K_PLANT},
        {"market", K_MARKET}, {"strategy", K_STRATEGY}, {"scenario", K_SCENARIO},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        char src[256];
        snprintf(src, sizeof src, "%s e1 \"Label %zu\" { a 1 }\n%s e2 {}\n", kinds[i].kw, i,
                 kinds[i].kw);
        P *p;
        p = p_ok(src);
        assert_int_equal(p->f->ndecls, 2);
        Decl *d = decl_at(p->f, 0);
        assert_int_equal(d->kind, D_ENTITY);
        assert_int_equal(d->entity, kinds[i].k);
        assert_string_equal(ast_entity_name(d->entity), kinds[i].kw);
        assert_string_equal(d->name, "e1");
        char want[32];
        snprintf(want, sizeof want, "Label %zu", i);
        assert_string_equal(d->label, want);
        assert_string_equal(span_str(p, d->kw_span), kinds[i].kw);
        assert_int_equal(d->block->nlines, 1);
        Decl *e = decl_at(p->f, 1);
        assert_int_equal(e->entity, kinds[i].k);
        assert_string_equal(e->name, "e2");
        assert_null(e->label);
        assert_int_equal(e->block->nlines, 0);
        p_close(p);
    }
}

static void test_transport_declaration(void **state)
{
    (void)state;
    P *p;
    p = p_ok("transport {\n"
             "  milk    0.45 BYN/t/km\n"
             "  product 0.60 BYN/t/km\n"
             "  butter  0.80 BYN/t/km\n"
             "}\n");
    Decl *d = decl_at(p->f, 0);
    assert_int_equal(d->kind, D_TRANSPORT);
    assert_string_equal(d->name, "transport");
    assert_int_equal(d->block->nlines, 3);
    /* `product` is a reserved word, still a word in a block */
    Atom *w = atom_at(line_at(d->block, 1), 0);
    assert_word(w, "product");
    assert_true(w->reserved);
    assert_false(atom_at(line_at(d->block, 0), 0)->reserved);
    assert_number_atom(atom_at(line_at(d->block, 2), 1), 0.8, "BYN/t/km");
    p_close(p);
}

static void test_table_declarations(void **state)
{
    (void)state;
    P *p;
    p = p_ok("farms {\n"
             "  name  supply          price\n"
             "  north 9_000 t         820 BYN/t\n"
             "  south 7_000..7_500 t  790 BYN/t\n"
             "}\n"
             "farms from \"data/farms.csv\"\n"
             "routes {\n"
             "  from to cost\n"
             "  a b 1 BYN/t\n"
             "}\n"
             "routes from \"r.csv\"\n"
             "customers from \"c.csv\"\n"
             "customers {\n"
             "  id market\n"
             "}\n");
    assert_int_equal(p->f->ndecls, 6);
    Decl *d = decl_at(p->f, 0);
    assert_int_equal(d->kind, D_TABLE);
    assert_string_equal(d->name, "farms");
    assert_null(d->path);
    assert_int_equal(d->block->nlines, 3);
    Atom *r = atom_at(line_at(d->block, 2), 1);
    assert_int_equal(r->kind, A_RANGE);
    assert_num(&r->lo, 7000, NULL);
    assert_num(&r->hi, 7500, "t");

    d = decl_at(p->f, 1);
    assert_int_equal(d->kind, D_TABLE);
    assert_string_equal(d->name, "farms");
    assert_string_equal(d->path, "data/farms.csv");
    assert_null(d->block);

    d = decl_at(p->f, 2);
    assert_int_equal(d->kind, D_TABLE);
    assert_string_equal(d->name, "routes");
    Line *h = line_at(d->block, 0);
    /* reserved words name columns */
    assert_word(atom_at(h, 0), "from");
    assert_true(atom_at(h, 0)->reserved);
    assert_word(atom_at(h, 1), "to");
    assert_true(atom_at(h, 1)->reserved);
    assert_word(atom_at(h, 2), "cost");
    assert_true(atom_at(h, 2)->reserved);

    d = decl_at(p->f, 3);
    assert_string_equal(d->name, "routes");
    assert_string_equal(d->path, "r.csv");
    d = decl_at(p->f, 4);
    assert_string_equal(d->name, "customers");
    assert_string_equal(d->path, "c.csv");
    d = decl_at(p->f, 5);
    assert_string_equal(d->name, "customers");
    assert_null(d->path);
    assert_int_equal(d->block->nlines, 1);
    p_close(p);
}

static void test_routes_matrix(void **state)
{
    (void)state;
    P *p;
    p = p_ok("routes matrix distance km {\n"
             "          plant1  plant2\n"
             "  north   38      95\n"
             "  south   61      -\n"
             "}\n"
             "routes matrix cost BYN/t {\n"
             "  p\n"
             "  a 1\n"
             "}\n"
             "routes matrix distance {\n"
             "  p\n"
             "  a 1 km\n"
             "}\n");
    assert_int_equal(p->f->ndecls, 3);
    Decl *d = decl_at(p->f, 0);
    assert_int_equal(d->kind, D_MATRIX);
    assert_string_equal(d->name, "distance");
    assert_string_equal(d->name2, "km");
    assert_string_equal(span_str(p, d->kw_span), "routes");
    assert_int_equal(d->block->nlines, 3);
    assert_int_equal(line_at(d->block, 0)->natoms, 2);
    assert_int_equal(atom_at(line_at(d->block, 2), 2)->kind, A_MISSING);
    d = decl_at(p->f, 1);
    assert_string_equal(d->name, "cost");
    assert_string_equal(d->name2, "BYN/t");
    d = decl_at(p->f, 2);
    assert_string_equal(d->name, "distance");
    assert_null(d->name2);
    assert_number_atom(atom_at(line_at(d->block, 1), 1), 1, "km");
    p_close(p);
}

static void test_let_declaration(void **state)
{
    (void)state;
    P *p;
    /*        0         1
     *        012345678901234 */
    p = p_ok("let r = quintile(-recency)\n");
    Decl *d = decl_at(p->f, 0);
    assert_int_equal(d->kind, D_LET);
    assert_string_equal(d->name, "r");
    assert_span(d->name_span, 4, 5);
    assert_string_equal(expr_str(d->expr), "(quintile (neg recency))");
    p_close(p);
}

static void test_segment_declarations(void **state)
{
    (void)state;
    P *p;
    p = p_ok("segment champions \"Champions\" when r >= 4 strategy loyalty\n"
             "segment growing when f >= 3 strategy stimulate\n"
             "segment vip \"VIP\" strategy loyalty\n"
             "segment rest strategy reduce\n");
    assert_int_equal(p->f->ndecls, 4);
    Decl *d = decl_at(p->f, 0);
    assert_int_equal(d->kind, D_SEGMENT);
    assert_string_equal(d->name, "champions");
    assert_string_equal(d->label, "Champions");
    assert_string_equal(expr_str(d->expr), "(>= r 4)");
    assert_string_equal(d->strategy, "loyalty");
    assert_string_equal(span_str(p, d->strategy_span), "loyalty");
    d = decl_at(p->f, 1);
    assert_null(d->label);
    assert_string_equal(expr_str(d->expr), "(>= f 3)");
    assert_string_equal(d->strategy, "stimulate");
    d = decl_at(p->f, 2);
    assert_string_equal(d->label, "VIP");
    assert_null(d->expr);
    d = decl_at(p->f, 3);
    assert_null(d->label);
    assert_null(d->expr);
    assert_string_equal(d->strategy, "reduce");
    p_close(p);
}

static void test_scenario_lines(void **state)
{
    (void)state;
    P *p;
    p = p_ok("scenario drought \"Dry summer\" {\n"
             "  scale farm * supply 85%\n"
             "  set farm north price 900 BYN/t\n"
             "  close plant city_dairy\n"
             "}\n");
    Decl *d = decl_at(p->f, 0);
    assert_int_equal(d->entity, K_SCENARIO);
    assert_int_equal(d->block->nlines, 3);
    Line *l = line_at(d->block, 0);
    assert_int_equal(l->natoms, 5);
    assert_word(atom_at(l, 0), "scale");
    assert_true(atom_at(l, 0)->reserved);
    assert_int_equal(atom_at(l, 2)->kind, A_STAR);
    assert_number_atom(atom_at(l, 4), 85, "%");
    assert_int_equal(line_at(d->block, 2)->natoms, 3);
    p_close(p);
}

/* ------------------------------------------------------------ expressions */

static void test_precedence_logic(void **state)
{
    (void)state;
    expect_let_tree("a or b and not c == 1", "(or a (and b (not (== c 1))))");
    expect_let_tree("not a and b", "(and (not a) b)");
    expect_let_tree("a and b or c and d", "(or (and a b) (and c d))");
    expect_let_tree("a or b or c", "(or (or a b) c)");
    expect_let_tree("not not a", "(not (not a))");
}

static void test_precedence_arithmetic(void **state)
{
    (void)state;
    expect_let_tree("a + b * c", "(+ a (* b c))");
    expect_let_tree("a * b + c", "(+ (* a b) c)");
    expect_let_tree("a - b - c", "(- (- a b) c)");
    expect_let_tree("a / b / c", "(/ (/ a b) c)");
    expect_let_tree("-a * b", "(* (neg a) b)");
    expect_let_tree("a * -b", "(* a (neg b))");
    expect_let_tree("(f + m) / 2", "(/ (paren (+ f m)) 2)");
    expect_let_tree("a + b < c * d", "(< (+ a b) (* c d))");
    expect_let_tree("recency <= 30 days", "(<= recency 30days)");
    expect_let_tree("true or false", "(or true false)");
    expect_let_tree("channel == \"horeca\"", "(== channel \"horeca\")");
    /* a reserved word may name a customer column (docs/language.md 2.5) */
    expect_let_tree("market == \"minsk\"", "(== market \"minsk\")");
}

static void test_in_lists_and_calls(void **state)
{
    (void)state;
    expect_let_tree("channel in (\"a\", \"b\")", "(in channel \"a\" \"b\")");
    expect_let_tree("x in (1 t,\n 2 t)", "(in x 1t 2t)");
    expect_let_tree("not x in (\"a\") and y", "(and (not (in x \"a\")) y)");
    expect_let_tree("ntile(x, 4) + quintile(y)", "(+ (ntile x 4) (quintile y))");

    P *p;
    p = p_ok("let s = ntile(frequency, 4)\n");
    Expr *e = only_expr(p);
    assert_int_equal(e->kind, E_CALL);
    assert_string_equal(e->text, "ntile");
    assert_int_equal(e->nargs, 2);
    assert_int_equal(e->args->kind, E_NAME);
    assert_int_equal(e->args->next->kind, E_NUM);
    assert_string_equal(span_str(p, e->op_span), "ntile");
    p_close(p);

    p = p_ok("let s = c in (\"a\", \"b\", \"c\")\n");
    e = only_expr(p);
    assert_int_equal(e->kind, E_IN);
    assert_int_equal(e->nargs, 3);
    assert_string_equal(span_str(p, e->op_span), "in");
    p_close(p);
}

static void test_comparisons_do_not_chain(void **state)
{
    (void)state;
    P *p;
    p = p_parse("let x = a < b < c\n");
    assert_false(p->f->ok);
    assert_prefix(p->out, "t.dairy:1:15: error: unexpected `<`\n"
                          "   1 | let x = a < b < c\n"
                          "     |               ^\n");
    p_close(p);
}

/* ------------------------------------------------------------ spans */

static void test_spans_of_nodes(void **state)
{
    (void)state;
    P *p;
    /*        0         1         2         3         4
     *        01234567890123456789012345678901234567890123456 */
    p = p_ok("farm north \"N\" { supply 9_000 t }\n"
             "let x = a + 12 BYN\n");
    Decl *f = decl_at(p->f, 0);
    assert_span(f->span, 0, 33);
    assert_span(f->kw_span, 0, 4);
    assert_span(f->name_span, 5, 10);
    assert_string_equal(span_str(p, f->label_span), "\"N\"");
    assert_span(f->block->span, 15, 33);
    Line *l = line_at(f->block, 0);
    assert_string_equal(span_str(p, l->span), "supply 9_000 t");
    Atom *n = atom_at(l, 1);
    assert_string_equal(span_str(p, n->span), "9_000 t");
    assert_string_equal(span_str(p, n->lo.span), "9_000");
    assert_string_equal(span_str(p, n->lo.unit_span), "t");

    Decl *d = decl_at(p->f, 1);
    assert_string_equal(span_str(p, d->span), "let x = a + 12 BYN");
    Expr *e = d->expr;
    assert_int_equal(e->kind, E_ADD);
    assert_string_equal(span_str(p, e->span), "a + 12 BYN");
    assert_string_equal(span_str(p, e->op_span), "+");
    assert_string_equal(span_str(p, e->a->span), "a");
    assert_string_equal(span_str(p, e->b->span), "12 BYN");
    assert_string_equal(span_str(p, e->b->num.span), "12");
    assert_string_equal(span_str(p, e->b->num.unit_span), "BYN");
    for (int i = 0; i < 2; i++)
        assert_int_equal(decl_at(p->f, i)->span.file, p->f->file);
    p_close(p);
}

static void test_keyword_span_is_the_keyword(void **state)
{
    (void)state;
    /* Decl.kw_span is "the leading keyword or table word" (ast.h) for every
     * kind of declaration, not only for entities and tables. */
    P *p;
    p = p_ok("let x = a\nsegment s strategy z\nmodel \"m\"\ncurrency BYN\n"
             "use std.products\nobjective maximize profit\n");
    assert_string_equal(span_str(p, decl_at(p->f, 0)->kw_span), "let");
    assert_string_equal(span_str(p, decl_at(p->f, 1)->kw_span), "segment");
    assert_string_equal(span_str(p, decl_at(p->f, 2)->kw_span), "model");
    assert_string_equal(span_str(p, decl_at(p->f, 3)->kw_span), "currency");
    assert_string_equal(span_str(p, decl_at(p->f, 4)->kw_span), "use");
    assert_string_equal(span_str(p, decl_at(p->f, 5)->kw_span), "objective");
    p_close(p);
}

/* ------------------------------------------------------------ comments */

static void test_comments_recorded(void **state)
{
    (void)state;
    P *p;
    /*        0         1         2         3
     *        0123456 7890123456789012345678901234567 */
    p = p_ok("# head\nmodel \"a # b\" # tail\nfarm f {\n  # inside\n}\n#end");
    assert_int_equal(p->f->ncomments, 4);
    assert_span(p->f->comments[0].span, 0, 6);
    assert_string_equal(span_str(p, p->f->comments[1].span), "# tail");
    assert_string_equal(span_str(p, p->f->comments[2].span), "# inside");
    assert_string_equal(span_str(p, p->f->comments[3].span), "#end");
    assert_string_equal(decl_at(p->f, 0)->label, "a # b");
    assert_int_equal(p->f->ndecls, 2);
    p_close(p);
}

static void test_comment_after_number_and_unit(void **state)
{
    (void)state;
    P *p;
    p = p_ok("x {\n  a 12 # twelve\n  b 3 t# three\n}\n");
    Block *b = decl_at(p->f, 0)->block;
    assert_int_equal(b->nlines, 2);
    assert_number_atom(atom_at(line_at(b, 0), 1), 12, NULL);
    assert_number_atom(atom_at(line_at(b, 1), 1), 3, "t");
    assert_int_equal(p->f->ncomments, 2);
    assert_string_equal(span_str(p, p->f->comments[0].span), "# twelve");
    p_close(p);
}

/* ------------------------------------------------------------ errors */

static void test_error_brace_on_next_line(void **state)
{
    (void)state;
    P *p;
    p = p_parse("farm north\n{ supply 1 t }\n");
    assert_false(p->f->ok);
    assert_int_equal(p->d.errors, 1);
    assert_prefix(p->out, "t.dairy:1:11: error: unexpected end of line, expected label or `{`\n"
                          "   1 | farm north\n"
                          "     |           ^\n");
    p_close(p);
}

static void test_error_unclosed_block(void **state)
{
    (void)state;
    P *p;
    p = p_parse("farm north { supply 1 t\n");
    assert_false(p->f->ok);
    assert_int_equal(p->d.errors, 1);
    assert_string_equal(p->out,
                        "t.dairy:1:24: error: unexpected end of file\n"
                        "   1 | farm north { supply 1 t\n"
                        "     |                        ^\n"
                        "hint: a block `{` is not closed, or the last statement is cut short\n");
    p_close(p);
}

static void test_error_unexpected_token_text(void **state)
{
    (void)state;
    P *p;
    p = p_parse("model\n");
    assert_prefix(p->out, "t.dairy:1:6: error: unexpected end of line, expected label\n"
                          "   1 | model\n"
                          "     |      ^\n");
    p_close(p);

    p = p_parse("farm 12 {}\n");
    assert_string_equal(p->out,
                        "t.dairy:1:6: error: unexpected `12`, expected name\n"
                        "   1 | farm 12 {}\n"
                        "     |      ^~\n"
                        "hint: statements end at a line end or `;`; properties go inside a `{ ... }` block\n");
    p_close(p);
}

static void test_error_unexpected_character(void **state)
{
    (void)state;
    P *p;
    p = p_parse("farm f @ {}\n");
    assert_false(p->f->ok);
    assert_int_equal(p->d.errors, 1);
    assert_string_equal(p->out, "t.dairy:1:8: error: unexpected character `@`\n"
                               "   1 | farm f @ {}\n"
                               "     |        ^\n"
                               "hint: remove it; comments start with `#`\n");
    p_close(p);
}

static const char *const block_recovery_src =
    "farm f {\n"
    "  supply 1 t\n"
    "  price = 2\n"
    "  at 1, 2\n"
    "  price ) 2\n"
    "}\n"
    "market m {}\n";

static const char *const recovery_src =
    "farm 12 { supply 1 t }\n"
    "farm ok1 { supply 1 t; price 2 BYN/t }\n"
    "market ok2 {}\n"
    "plant { capacity 1 t }\n"
    "market ok3 {}\n";

static void test_recovery_reports_two_errors(void **state)
{
    (void)state;
    P *p;
    p = p_parse(recovery_src);
    assert_false(p->f->ok);
    assert_int_equal(p->d.errors, 2);
    assert_non_null(strstr(p->out, "t.dairy:1:6: error: unexpected `12`, expected name\n"));
    assert_non_null(strstr(p->out, "t.dairy:4:7: error: unexpected `{`, expected name\n"));
    p_close(p);
}

/* The tree returned after a syntax error is "possibly partial" (ast.h), but
 * the good declarations around the errors should be kept, not only the ones
 * after the last error. */
static void test_recovery_keeps_good_declarations(void **state)
{
    (void)state;
    P *p;
    p = p_parse(recovery_src);
    int seen = 0;
    for (Decl *d = p->f->decls; d; d = d->next)
        if (d->name && (strcmp(d->name, "ok1") == 0 || strcmp(d->name, "ok2") == 0 ||
                        strcmp(d->name, "ok3") == 0))
            seen++;
    assert_int_equal(seen, 3);
    p_close(p);

    p = p_parse("market ok0 {}\nfarm 12\nmarket ok2 {}\n");
    assert_int_equal(p->d.errors, 1);
    assert_int_equal(p->f->ndecls, 2);
    assert_string_equal(decl_at(p->f, 0)->name, "ok0");
    assert_string_equal(decl_at(p->f, 1)->name, "ok2");
    p_close(p);

    /* the same inside a block: the good lines around bad ones are kept */
    p = p_parse(block_recovery_src);
    Block *b = decl_at(p->f, 0)->block;
    assert_non_null(b);
    assert_int_equal(b->nlines, 2);
    assert_word(atom_at(line_at(b, 0), 0), "supply");
    assert_word(atom_at(line_at(b, 1), 0), "at");
    p_close(p);
}

static void test_recovery_inside_block(void **state)
{
    (void)state;
    P *p;
    p = p_parse(block_recovery_src);
    assert_false(p->f->ok);
    assert_int_equal(p->d.errors, 2);
    assert_prefix(p->out, "t.dairy:3:9: error: unexpected `=`\n"
                          "   3 |   price = 2\n"
                          "     |         ^\n");
    const char *second = strstr(p->out, "t.dairy:5:9: error: unexpected `)`\n");
    assert_non_null(second);
    assert_prefix(second, "t.dairy:5:9: error: unexpected `)`\n"
                          "   5 |   price ) 2\n"
                          "     |         ^\n");
    assert_int_equal(p->f->ndecls, 2);
    assert_string_equal(decl_at(p->f, 0)->name, "f");
    assert_string_equal(decl_at(p->f, 1)->name, "m");
    p_close(p);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    P *p;
    p = p_parse("farm f {}\nfarm \xff {}\n");
    assert_false(p->f->ok);
    assert_int_equal(p->d.errors, 1);
    assert_non_null(strstr(p->out, "t.dairy:2:6: error: model file is not valid UTF-8 (byte 0xff, a byte UTF-8 never uses)\n"));
    assert_int_equal(p->f->ndecls, 0);
    p_close(p);

    p = p_parse_n("farm f\0{}\n", 10);
    assert_false(p->f->ok);
    assert_int_equal(p->d.errors, 1);
    assert_non_null(strstr(p->out, "t.dairy:1:7: error: NUL byte in model file\n"));
    p_close(p);
}

static void test_deep_nesting_error(void **state)
{
    (void)state;
    enum { N = 20000 };
    char *src = malloc(2 * N + 32);
    assert_non_null(src);
    size_t k = 0;
    k += (size_t)sprintf(src, "let x = ");
    for (int i = 0; i < N; i++)
        src[k++] = '(';
    src[k++] = 'a';
    for (int i = 0; i < N; i++)
        src[k++] = ')';
    src[k++] = '\n';
    src[k] = '\0';
    P *p;
    p = p_parse(src);
    assert_false(p->f->ok);
    assert_int_equal(p->d.errors, 1);
    assert_non_null(strstr(p->out, "error: the model is nested too deeply to parse\n"));
    assert_non_null(strstr(p->out, "hint: use fewer parentheses; split long conditions with `let`\n"));
    p_close(p);
    free(src);
}

static char *sum_chain(int n)
{
    char *src = malloc((size_t)n * 4 + 32);
    assert_non_null(src);
    size_t k = (size_t)sprintf(src, "let x = a");
    for (int i = 0; i < n; i++)
        k += (size_t)sprintf(src + k, " + 1");
    sprintf(src + k, "\n");
    return src;
}

static void test_ast_depth_limit(void **state)
{
    (void)state;
    /* a + 1 + ... with 199 additions: depth 200, the limit, is accepted */
    char *src = sum_chain(AST_MAX_DEPTH - 1);
    P *p;
    p = p_ok(src);
    assert_int_equal(only_expr(p)->depth, AST_MAX_DEPTH);
    p_close(p);
    free(src);

    /* one more is refused once, and the tree is cut short */
    src = sum_chain(AST_MAX_DEPTH);
    p = p_parse(src);
    assert_false(p->f->ok);
    assert_int_equal(p->d.errors, 1);
    assert_non_null(strstr(p->out, "t.dairy:1:9: error: expression is nested too deeply\n"));
    assert_non_null(strstr(p->out, "hint: split it into several `let` definitions (at most 200 levels)\n"));
    Expr *e = only_expr(p);
    assert_true(e->depth <= AST_MAX_DEPTH);
    p_close(p);
    free(src);
}

static void test_depth_limit_not_and_parentheses(void **state)
{
    (void)state;
    /* 300 nested `not`s and 300 nested parentheses: one error each */
    char src[4096];
    size_t k = (size_t)sprintf(src, "let x = ");
    for (int i = 0; i < 300; i++)
        k += (size_t)sprintf(src + k, "not ");
    sprintf(src + k, "a\n");
    P *p;
    p = p_parse(src);
    assert_false(p->f->ok);
    assert_int_equal(p->d.errors, 1);
    assert_non_null(strstr(p->out, "error: expression is nested too deeply\n"));
    p_close(p);

    k = (size_t)sprintf(src, "let x = ");
    for (int i = 0; i < 300; i++)
        src[k++] = '(';
    src[k++] = 'a';
    for (int i = 0; i < 300; i++)
        src[k++] = ')';
    sprintf(src + k, "\n");
    p = p_parse(src);
    assert_false(p->f->ok);
    assert_int_equal(p->d.errors, 1);
    assert_non_null(strstr(p->out, "error: expression is nested too deeply\n"));
    p_close(p);
}

static void test_empty_file(void **state)
{
    (void)state;
    P *p;
    p = p_ok("");
    assert_int_equal(p->f->ndecls, 0);
    assert_null(p->f->decls);
    p_close(p);
    p = p_ok("\n\n# only a comment\n");
    assert_int_equal(p->f->ndecls, 0);
    assert_int_equal(p->f->ncomments, 1);
    p_close(p);
}

static void test_reserved_words(void **state)
{
    (void)state;
    assert_true(ast_is_reserved("model"));
    assert_true(ast_is_reserved("false"));
    assert_true(ast_is_reserved("from"));
    assert_false(ast_is_reserved("supply"));
    assert_false(ast_is_reserved("farms"));
    assert_false(ast_is_reserved("Model"));
    int n = 0;
    while (ast_reserved_words[n])
        n++;
    assert_int_equal(n, 33);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_semicolon_and_newline_end_statements),
        cmocka_unit_test(test_block_lines_end_at_newline),
        cmocka_unit_test(test_blank_and_comment_lines_ignored),
        cmocka_unit_test(test_last_line_may_end_at_brace),
        cmocka_unit_test(test_continuation_after_brace_comma_dotdot),
        cmocka_unit_test(test_continuation_after_operators),
        cmocka_unit_test(test_continuation_after_and_or_not),
        cmocka_unit_test(test_newline_inside_parentheses),
        cmocka_unit_test(test_lone_minus_at_line_end_ends_statement),
        cmocka_unit_test(test_lone_minus_in_expression_ends_statement),
        cmocka_unit_test(test_minus_spacing_in_expressions),
        cmocka_unit_test(test_negative_and_signed_numbers),
        cmocka_unit_test(test_minus_with_space_is_missing_cell),
        cmocka_unit_test(test_underscore_separators),
        cmocka_unit_test(test_misplaced_underscore),
        cmocka_unit_test(test_decimals_and_exponents),
        cmocka_unit_test(test_number_too_large),
        cmocka_unit_test(test_number_too_large_signed),
        cmocka_unit_test(test_number_too_small),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_cr_line_ends),
        cmocka_unit_test(test_percentage),
        cmocka_unit_test(test_range_unit_after_upper_bound),
        cmocka_unit_test(test_range_both_units),
        cmocka_unit_test(test_units_only_after_numbers),
        cmocka_unit_test(test_unit_not_read_across_lines),
        cmocka_unit_test(test_compound_units),
        cmocka_unit_test(test_header_cells_with_units),
        cmocka_unit_test(test_utf8_identifiers),
        cmocka_unit_test(test_label_escapes),
        cmocka_unit_test(test_unknown_escape_reported_once),
        cmocka_unit_test(test_unterminated_label),
        cmocka_unit_test(test_header_declarations),
        cmocka_unit_test(test_entity_declarations),
        cmocka_unit_test(test_transport_declaration),
        cmocka_unit_test(test_table_declarations),
        cmocka_unit_test(test_routes_matrix),
        cmocka_unit_test(test_let_declaration),
        cmocka_unit_test(test_segment_declarations),
        cmocka_unit_test(test_scenario_lines),
        cmocka_unit_test(test_precedence_logic),
        cmocka_unit_test(test_precedence_arithmetic),
        cmocka_unit_test(test_in_lists_and_calls),
        cmocka_unit_test(test_comparisons_do_not_chain),
        cmocka_unit_test(test_spans_of_nodes),
        cmocka_unit_test(test_keyword_span_is_the_keyword),
        cmocka_unit_test(test_comments_recorded),
        cmocka_unit_test(test_comment_after_number_and_unit),
        cmocka_unit_test(test_error_brace_on_next_line),
        cmocka_unit_test(test_error_unclosed_block),
        cmocka_unit_test(test_error_unexpected_token_text),
        cmocka_unit_test(test_error_unexpected_character),
        cmocka_unit_test(test_recovery_reports_two_errors),
        cmocka_unit_test(test_recovery_keeps_good_declarations),
        cmocka_unit_test(test_recovery_inside_block),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_deep_nesting_error),
        cmocka_unit_test(test_ast_depth_limit),
        cmocka_unit_test(test_depth_limit_not_and_parentheses),
        cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_reserved_words),
    };
    return cmocka_run_group_tests(tests, NULL, close_leftovers);
}
