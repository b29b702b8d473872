/* test_fmt.c — unit tests for the canonical printer (src/fmt.c).
 *
 * Every case formats a source text and compares the exact output, then
 * checks the two properties `dairy fmt` promises (language.md section 9):
 * formatting the output again changes nothing, and the output parses to
 * the same tree with the same comments (a dump of the tree without source
 * positions, plus the comment texts, is compared). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/arena.h"
#include "../../src/ast.h"
#include "../../src/diag.h"
#include "../../src/fmt.h"

typedef struct {
    Arena arena;
    Diag diag;
    FILE *err;
    char *errbuf;
    size_t errlen;
    AstFile *ast;
} Parsed;

/* Parse src as file "test.dairy"; the text is a malloc'd copy owned by the
 * Diag, as diag_add_file requires.  A syntax error fails the test with the
 * diagnostics. */
static void parse_src(Parsed *p, const char *src)
{
    memset(p, 0, sizeof *p);
    arena_init(&p->arena);
    p->err = open_memstream(&p->errbuf, &p->errlen);
    assert_non_null(p->err);
    diag_init(&p->diag, p->err);
    size_t n = strlen(src);
    char *text = malloc(n + 1);
    assert_non_null(text);
    memcpy(text, src, n + 1);
    int32_t id = diag_add_file(&p->diag, "test.dairy", text, n);
    p->ast = ast_parse(&p->arena, &p->diag, id);
    fflush(p->err);
    if (!p->ast->ok)
        fail_msg("does not parse:\n%s\n--- source:\n%s", p->errbuf, src);
}

static void parsed_free(Parsed *p)
{
    diag_free(&p->diag);
    arena_free(&p->arena);
    fclose(p->err);
    free(p->errbuf);
}

/* fmt_print into a string (malloc'd). */
static char *format_parsed(Parsed *p)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    assert_non_null(f);
    assert_int_equal(fmt_print(&p->diag, p->ast, f), 0);
    fclose(f);
    return out;
}

static char *format_src(const char *src)
{
    Parsed p;
    parse_src(&p, src);
    char *out = format_parsed(&p);
    parsed_free(&p);
    return out;
}

static const char *str_or(const char *s)
{
    return s ? s : "<null>";
}

static void dump_num(FILE *f, const Num *n)
{
    fprintf(f, "%c%s[%s]", n->sign ? n->sign : '_', str_or(n->text),
            str_or(n->unit));
}

static void dump_expr(FILE *f, const Expr *e)
{
    if (!e) {
        fputs("<none>", f);
        return;
    }
    fprintf(f, "(%d", (int)e->kind);
    switch (e->kind) {
    case E_NUM:
        fputc(' ', f);
        dump_num(f, &e->num);
        break;
    case E_STR: case E_NAME: case E_CALL:
        fprintf(f, " <%s>", str_or(e->text));
        break;
    case E_BOOL:
        fprintf(f, " %d", (int)e->bval);
        break;
    default:
        break;
    }
    if (e->a) {
        fputc(' ', f);
        dump_expr(f, e->a);
    }
    if (e->b) {
        fputc(' ', f);
        dump_expr(f, e->b);
    }
    for (const Expr *a = e->args; a; a = a->next) {
        fputs(" arg:", f);
        dump_expr(f, a);
    }
    fputc(')', f);
}

/* The tree without positions, then every comment's text (trailing blanks
 * trimmed): what fmt must keep. */
static char *dump_parsed(Parsed *p)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    assert_non_null(f);
    for (const Decl *d = p->ast->decls; d; d = d->next) {
        fprintf(f, "decl %d %d <%s> <%s> <%s> <%s> %d <%s> ", (int)d->kind,
                (int)d->entity, str_or(d->name), str_or(d->name2),
                str_or(d->label), str_or(d->path), (int)d->use_std,
                str_or(d->strategy));
        dump_expr(f, d->expr);
        fputc('\n', f);
        if (!d->block)
            continue;
        fputs("{\n", f);
        for (const Line *ln = d->block->lines; ln; ln = ln->next) {
            fputs("  line", f);
            for (const Atom *a = ln->atoms; a; a = a->next) {
                fprintf(f, " %d<%s>%d:", (int)a->kind, str_or(a->text),
                        (int)a->reserved);
                if (a->kind == A_NUMBER || a->kind == A_RANGE ||
                    a->kind == A_HEADER)
                    dump_num(f, &a->lo);
                if (a->kind == A_RANGE) {
                    fputs("..", f);
                    dump_num(f, &a->hi);
                }
            }
            fputc('\n', f);
        }
        fputs("}\n", f);
    }
    const SrcFile *src = diag_file(&p->diag, p->ast->file);
    for (size_t i = 0; i < p->ast->ncomments; i++) {
        Span s = p->ast->comments[i].span;
        while (s.hi > s.lo && (src->text[s.hi - 1] == ' ' ||
                               src->text[s.hi - 1] == '\t' ||
                               src->text[s.hi - 1] == '\r'))
            s.hi--;
        fprintf(f, "comment %.*s\n", (int)(s.hi - s.lo), src->text + s.lo);
    }
    fclose(f);
    return out;
}

static char *dump_src(const char *src)
{
    Parsed p;
    parse_src(&p, src);
    char *out = dump_parsed(&p);
    parsed_free(&p);
    return out;
}

/* The exact output, idempotence, and the same tree and comments. */
static void check(const char *src, const char *want)
{
    char *got = format_src(src);
    if (strcmp(got, want) != 0)
        fail_msg("fmt output differs\n--- want:\n%s--- got:\n%s---", want, got);
    char *again = format_src(got);
    if (strcmp(again, got) != 0)
        fail_msg("fmt is not idempotent\n--- first:\n%s--- second:\n%s---",
                 got, again);
    char *d1 = dump_src(src), *d2 = dump_src(got);
    if (strcmp(d1, d2) != 0)
        fail_msg("fmt changed the tree or the comments\n--- source:\n%s"
                 "--- formatted:\n%s---", d1, d2);
    free(d1);
    free(d2);
    free(again);
    free(got);
}

/* ------------------------------------------------------------------ cases */

/* Trailing comments of consecutive lines share a column; a blank line, a
 * comment line or a line without a comment starts a new run. */
static void test_comment_columns(void **state)
{
    (void)state;
    check("plant p {\n"
          "  capacity 15_000 t # intake\n"
          "  makes butter 400 t cost 310 BYN/t # butter\n"
          "  fixed 1 BYN\n"
          "  optional # may close\n"
          "\n"
          "  at 1, 2 # here\n"
          "  # a note\n"
          "  makes milk32 9_000 t cost 95 BYN/t # milk\n"
          "}\n",
          "plant p {\n"
          "  capacity 15_000 t                  # intake\n"
          "  makes butter 400 t cost 310 BYN/t  # butter\n"
          "  fixed 1 BYN\n"
          "  optional  # may close\n"
          "\n"
          "  at 1, 2  # here\n"
          "  # a note\n"
          "  makes milk32 9_000 t cost 95 BYN/t  # milk\n"
          "}\n");
}

/* language.md section 1, as written there. */
static void test_intro(void **state)
{
    (void)state;
    check("# examples/intro.dairy — two farms, one plant, one city\n"
          "model \"Intro: one plant, one city\"\n"
          "currency BYN\n"
          "\n"
          "product butter \"Butter 72.5%\" {\n"
          "  milk 21.0 t/t            # tonnes of raw milk per tonne of product\n"
          "}\n"
          "product milk32 \"Drinking milk 3.2%\" {\n"
          "  milk 1.02 t/t\n"
          "}\n"
          "\n"
          "farm north { supply 9_000 t;  price 820 BYN/t }\n"
          "farm south { supply 7_500 t;  price 790 BYN/t }\n"
          "\n"
          "plant city_dairy \"City Dairy\" {\n"
          "  capacity 15_000 t                      # raw-milk intake\n"
          "  makes butter 400 t   cost 310 BYN/t    # line: output up to 400 t\n"
          "  makes milk32 9_000 t cost 95 BYN/t\n"
          "}\n"
          "\n"
          "market city \"City\" {\n"
          "  demand butter 150..380 t   price 10_400 BYN/t   # must sell 150, may sell 380\n"
          "  demand milk32 8_000 t      price 1_450 BYN/t\n"
          "}\n"
          "\n"
          "transport {\n"
          "  milk    0.45 BYN/t/km\n"
          "  product 0.60 BYN/t/km\n"
          "}\n"
          "\n"
          "routes {\n"
          "  from        to          distance\n"
          "  north       city_dairy  38 km\n"
          "  south       city_dairy  61 km\n"
          "  city_dairy  city        12 km\n"
          "}\n"
          "\n"
          "objective maximize profit\n",

          "# examples/intro.dairy — two farms, one plant, one city\n"
          "model \"Intro: one plant, one city\"\n"
          "currency BYN\n"
          "\n"
          "product butter \"Butter 72.5%\" {\n"
          "  milk 21.0 t/t  # tonnes of raw milk per tonne of product\n"
          "}\n"
          "product milk32 \"Drinking milk 3.2%\" {\n"
          "  milk 1.02 t/t\n"
          "}\n"
          "\n"
          "farm north {\n"
          "  supply 9_000 t\n"
          "  price 820 BYN/t\n"
          "}\n"
          "farm south {\n"
          "  supply 7_500 t\n"
          "  price 790 BYN/t\n"
          "}\n"
          "\n"
          "plant city_dairy \"City Dairy\" {\n"
          "  capacity 15_000 t                  # raw-milk intake\n"
          "  makes butter 400 t cost 310 BYN/t  # line: output up to 400 t\n"
          "  makes milk32 9_000 t cost 95 BYN/t\n"
          "}\n"
          "\n"
          "market city \"City\" {\n"
          "  demand butter 150..380 t price 10_400 BYN/t  # must sell 150, may sell 380\n"
          "  demand milk32 8_000 t price 1_450 BYN/t\n"
          "}\n"
          "\n"
          "transport {\n"
          "  milk 0.45 BYN/t/km\n"
          "  product 0.60 BYN/t/km\n"
          "}\n"
          "\n"
          "routes {\n"
          "  from        to          distance\n"
          "  north       city_dairy  38 km\n"
          "  south       city_dairy  61 km\n"
          "  city_dairy  city        12 km\n"
          "}\n"
          "\n"
          "objective maximize profit\n");
}

/* Header declarations, one per line; `;` between declarations and between
 * block lines becomes a line end. */
static void test_semicolons(void **state)
{
    (void)state;
    check("model   \"Plan\";currency BYN ;  use std.products; use \"regions/minsk.dairy\"\n"
          "objective   minimize    cost\n"
          "strategy stimulate \"Sales stimulation\" { volume 0%..125%; price -5% }\n"
          "farm north {supply 9_000 t;price 820 BYN/t;at 53.9,27.5}\n"
          "farms from \"data/farms.csv\"; customers   from \"data/c.csv\"\n"
          "routes from \"r.csv\"\n",

          "model \"Plan\"\n"
          "currency BYN\n"
          "use std.products\n"
          "use \"regions/minsk.dairy\"\n"
          "objective minimize cost\n"
          "strategy stimulate \"Sales stimulation\" {\n"
          "  volume 0%..125%\n"
          "  price -5%\n"
          "}\n"
          "farm north {\n"
          "  supply 9_000 t\n"
          "  price 820 BYN/t\n"
          "  at 53.9, 27.5\n"
          "}\n"
          "farms from \"data/farms.csv\"\n"
          "customers from \"data/c.csv\"\n"
          "routes from \"r.csv\"\n");
}

/* Table columns are as wide as their widest cell in characters, so the
 * Cyrillic names and labels line up; two spaces between columns, short
 * rows end early, no trailing blanks. */
static void test_table_alignment(void **state)
{
    (void)state;
    check("farms {\n"
          "  name supply price label\n"
          "  Смолевичи 9_000 t 820 BYN/t \"СПК «Смолевичи»\"\n"
          "  north 7_000..7_500 t 790 BYN/t \"North\"\n"
          "  x 1 t\n"
          "  longer_name_here - - -\n"
          "}\n",

          "farms {\n"
          "  name              supply          price      label\n"
          "  Смолевичи         9_000 t         820 BYN/t  \"СПК «Смолевичи»\"\n"
          "  north             7_000..7_500 t  790 BYN/t  \"North\"\n"
          "  x                 1 t\n"
          "  longer_name_here  -               -          -\n"
          "}\n");
    /* header units, reserved words as column names, a Cyrillic column */
    check("demands {\n"
          "market product volume[t] price[BYN/t] цена\n"
          "minsk_city milk32 55_000..95_000 1_560 x\n"
          "towns kefir 800..2_200 4_850 -\n"
          "}\n"
          "routes {\n"
          "    from   to   cost\n"
          "    a b 410 BYN/t\n"
          "}\n",

          "demands {\n"
          "  market      product  volume[t]       price[BYN/t]  цена\n"
          "  minsk_city  milk32   55_000..95_000  1_560         x\n"
          "  towns       kefir    800..2_200      4_850         -\n"
          "}\n"
          "routes {\n"
          "  from  to  cost\n"
          "  a     b   410 BYN/t\n"
          "}\n");
}

/* A matrix's destination row stands over the data columns (an empty
 * corner cell); `-` cells; a unit of several words; an explicit `-`
 * corner is kept as the corner. */
static void test_matrix(void **state)
{
    (void)state;
    check("routes matrix distance km {     # rows: origins, columns: destinations\n"
          "          plant1  plant2\n"
          "  north   38      95\n"
          "  south   61      -             # '-' : no route\n"
          "  Жодино 7\n"
          "}\n"
          "routes matrix cost BYN/t { a b; x 1 2 }\n"
          "routes matrix distance { - a b\n"
          "long_origin 1 2 }\n",

          "routes matrix distance km {  # rows: origins, columns: destinations\n"
          "          plant1  plant2\n"
          "  north   38      95\n"
          "  south   61      -  # '-' : no route\n"
          "  Жодино  7\n"
          "}\n"
          "routes matrix cost BYN/t {\n"
          "     a  b\n"
          "  x  1  2\n"
          "}\n"
          "routes matrix distance {\n"
          "  -            a  b\n"
          "  long_origin  1  2\n"
          "}\n");
}

/* Numbers as written: sign, underscores, exponent, trailing zeros; `%`
 * attached, other units after a space; ranges with a unit on either
 * bound. */
static void test_ranges_percentages(void **state)
{
    (void)state;
    check("strategy loyalty \"Loyalty: long-term partnership\" {\n"
          "  volume  100%..110%    # may serve 10% more\n"
          "  price   -3%\n"
          "  service 15   BYN/t\n"
          "}\n"
          "strategy reduce { volume 0 %..100 %; price +4% }\n"
          "farm f {\n"
          "  supply 7_000t..7_500t\n"
          "  contract 1.5e6 kg..2.0E+6 kg\n"
          "  spread -5%..+5%\n"
          "  ratio 0.50 t/t\n"
          "  low 150..380 t\n"
          "  bare 10..20\n"
          "  neg -4 -4 t +4\n"
          "}\n",

          "strategy loyalty \"Loyalty: long-term partnership\" {\n"
          "  volume 100%..110%  # may serve 10% more\n"
          "  price -3%\n"
          "  service 15 BYN/t\n"
          "}\n"
          "strategy reduce {\n"
          "  volume 0%..100%\n"
          "  price +4%\n"
          "}\n"
          "farm f {\n"
          "  supply 7_000 t..7_500 t\n"
          "  contract 1.5e6 kg..2.0E+6 kg\n"
          "  spread -5%..+5%\n"
          "  ratio 0.50 t/t\n"
          "  low 150..380 t\n"
          "  bare 10..20\n"
          "  neg -4 -4 t +4\n"
          "}\n");
}

/* Commas stick to the atom before them, lists wrapped after a comma join
 * into one line, `*` and labels with escapes. */
static void test_atoms(void **state)
{
    (void)state;
    check("strategy premium \"Say \\\"hi\\\"\\\\\\nbye\" {\n"
          "  offers butter ,milk32,\n"
          "         kefir\n"
          "  at 53.9 ,  27.5\n"
          "}\n"
          "scenario drought \"Dry summer\" {\n"
          "  scale farm   *   supply 85%\n"
          "  set farm north price 900 BYN/t\n"
          "  close   plant city_dairy\n"
          "  note \"tab\there\"\n"
          "}\n"
          "model \"a \\\"b\\\"\"\n",

          "strategy premium \"Say \\\"hi\\\"\\\\\\nbye\" {\n"
          "  offers butter, milk32, kefir\n"
          "  at 53.9, 27.5\n"
          "}\n"
          "scenario drought \"Dry summer\" {\n"
          "  scale farm * supply 85%\n"
          "  set farm north price 900 BYN/t\n"
          "  close plant city_dairy\n"
          "  note \"tab\there\"\n"
          "}\n"
          "model \"a \\\"b\\\"\"\n");
}

/* Operators with one space around, `not x`, `-x`, calls and `in` lists;
 * parentheses exactly where written; a unary `+` is not in the tree. */
static void test_expressions(void **state)
{
    (void)state;
    check("let r = quintile( -recency )\n"
          "let q=ntile(x,4)\n"
          "let a = (x+y)*-z/(w - -4)\n"
          "let b = not(a==1)and not b or c!=2\n"
          "let c = channel in (\"retail\",\"horeca\") and x in (1, 2 t)\n"
          "let d = ((x))\n"
          "let e = - -x - - 4\n"
          "let f = x-4 + +y\n"
          "let g = recency <= 30 days and monetary > 1_000 BYN or true and not false\n"
          "let h = \"a\\\"b\"\n"
          "let k = -(x) * 2% / 3 t\n"
          "segment champions \"Champions\" when r >= 4 and (f >= 4 or m >= 4) strategy loyalty\n"
          "segment at_risk   \"At risk\"   when r <= 2 and m >= 4            strategy loyalty\n"
          "segment growing               when f >= 3 or channel == \"horeca\" strategy stimulate\n"
          "segment rest                                                    strategy reduce\n",

          "let r = quintile(-recency)\n"
          "let q = ntile(x, 4)\n"
          "let a = (x + y) * -z / (w - -4)\n"
          "let b = not (a == 1) and not b or c != 2\n"
          "let c = channel in (\"retail\", \"horeca\") and x in (1, 2 t)\n"
          "let d = ((x))\n"
          "let e = --x - -4\n"
          "let f = x - 4 + y\n"
          "let g = recency <= 30 days and monetary > 1_000 BYN or true and not false\n"
          "let h = \"a\\\"b\"\n"
          "let k = -(x) * 2% / 3 t\n"
          "segment champions \"Champions\" when r >= 4 and (f >= 4 or m >= 4) strategy loyalty\n"
          "segment at_risk \"At risk\" when r <= 2 and m >= 4 strategy loyalty\n"
          "segment growing when f >= 3 or channel == \"horeca\" strategy stimulate\n"
          "segment rest strategy reduce\n");
}

/* Every place a comment can be: file start, own line between declarations,
 * trailing a declaration, on the `{` line, own line inside a block (at two
 * spaces), before `}` (at two spaces), trailing `}`, trailing a table row
 * after its padding, own line in a table, at the end of the file.
 * Trailing blanks are trimmed; text is kept byte for byte. */
static void test_comment_placement(void **state)
{
    (void)state;
    check("# first   \n"
          "currency BYN   # trailing a declaration\t \n"
          "# before a block\n"
          "farm north {   # on the brace\n"
          "# own line, column 0 in the source\n"
          "      supply 9_000 t # trailing a property\n"
          "        # indented deep in the source\n"
          "  price 820 BYN/t\n"
          "    # before the closing brace\n"
          "}   # after the closing brace\n"
          "farms {\n"
          "  name supply  # header row\n"
          "  # own line in a table\n"
          "  north 9_000 t    # trailing a row\n"
          "  a_longer_name 1 t\n"
          "}\n"
          "farm x { supply 1 t; price 2 BYN/t } # after a one-line block\n"
          "#no space after hash\n"
          "##double\n"
          "# last\n",

          "# first\n"
          "currency BYN  # trailing a declaration\n"
          "# before a block\n"
          "farm north {  # on the brace\n"
          "  # own line, column 0 in the source\n"
          "  supply 9_000 t  # trailing a property\n"
          "  # indented deep in the source\n"
          "  price 820 BYN/t\n"
          "  # before the closing brace\n"
          "}  # after the closing brace\n"
          "farms {\n"
          "  name           supply  # header row\n"
          "  # own line in a table\n"
          "  north          9_000 t  # trailing a row\n"
          "  a_longer_name  1 t\n"
          "}\n"
          "farm x {\n"
          "  supply 1 t\n"
          "  price 2 BYN/t\n"
          "}  # after a one-line block\n"
          "#no space after hash\n"
          "##double\n"
          "# last\n");
}

/* A statement wrapped over several source lines prints on one line; the
 * comments inside it follow it, in source order: the first trails it when
 * it followed code, the rest get lines of their own at its indent. */
static void test_comments_in_wrapped_statements(void **state)
{
    (void)state;
    check("let z = r >= 4 and   # recent\n"
          "   # an own-line comment inside the condition\n"
          "   f >= 4 and        # frequent\n"
          "   m >= 4\n"
          "segment s when (a or  # one\n"
          "  b) strategy x       # two\n"
          "let y = a and\n"
          "  # only own-line inside\n"
          "  b\n"
          "strategy s {\n"
          "  offers butter,   # dairy fats\n"
          "         milk32    # drinks\n"
          "  at 1,\n"
          "    # between\n"
          "    2\n"
          "}\n",

          "let z = r >= 4 and f >= 4 and m >= 4  # recent\n"
          "# an own-line comment inside the condition\n"
          "# frequent\n"
          "segment s when (a or b) strategy x  # one\n"
          "# two\n"
          "let y = a and b\n"
          "# only own-line inside\n"
          "strategy s {\n"
          "  offers butter, milk32  # dairy fats\n"
          "  # drinks\n"
          "  at 1, 2\n"
          "  # between\n"
          "}\n");
}

/* Blank lines: runs collapse to one, none at the start, the end, after `{`
 * or before `}`; kept between declarations, comments and block lines. */
static void test_blank_lines(void **state)
{
    (void)state;
    check("\n\n   \n"
          "model \"m\"\n"
          "\n\n\n"
          "currency BYN\n"
          "# about farms\n"
          "\n"
          "\n"
          "farm a {\n"
          "\n"
          "  supply 1 t\n"
          "   \t\n"
          "\n"
          "  price 2 BYN/t\n"
          "\n"
          "  # end of the prices\n"
          "\n"
          "}\n"
          "farm b { supply 1 t }\n"
          "\n"
          "\n"
          "farms {\n"
          "  name supply\n"
          "\n"
          "  c 1 t\n"
          "}\n"
          "\n\n\n",

          "model \"m\"\n"
          "\n"
          "currency BYN\n"
          "# about farms\n"
          "\n"
          "farm a {\n"
          "  supply 1 t\n"
          "\n"
          "  price 2 BYN/t\n"
          "\n"
          "  # end of the prices\n"
          "}\n"
          "farm b {\n"
          "  supply 1 t\n"
          "}\n"
          "\n"
          "farms {\n"
          "  name  supply\n"
          "\n"
          "  c     1 t\n"
          "}\n");
}

/* An empty block is `{}` on the head's line unless a comment is inside it
 * or trails its `{`. */
static void test_empty_blocks(void **state)
{
    (void)state;
    check("farm e {}\n"
          "farm f \"F\" {\n"
          "\n"
          "}\n"
          "transport { }   # no rates yet\n"
          "farms {\n"
          "  # filled in later\n"
          "}\n"
          "markets {   # none\n"
          "}\n",

          "farm e {}\n"
          "farm f \"F\" {}\n"
          "transport {}  # no rates yet\n"
          "farms {\n"
          "  # filled in later\n"
          "}\n"
          "markets {  # none\n"
          "}\n");
}

/* An empty file prints nothing; a file of comments keeps them; CRLF line
 * ends and a missing final newline give LF lines and one final newline. */
static void test_degenerate_files(void **state)
{
    (void)state;
    check("", "");
    check("\n\n  \n", "");
    check("\n# only\n\n\n#  two  \n\n", "# only\n\n#  two\n");
    check("model \"x\"  # c \r\n\r\n\r\nfarm a {\r\n  supply 1 t\r\n}\r\n",
          "model \"x\"  # c\n\nfarm a {\n  supply 1 t\n}\n");
    check("let a = b", "let a = b\n");
    check("farm a { supply 1 t }", "farm a {\n  supply 1 t\n}\n");
}

/* language.md sections 4.1, 4.6, 4.7, 5 and 7, as written there. */
static void test_language_examples(void **state)
{
    (void)state;
    check("model \"Minsk region, plan 2027\"   # optional title, at most once\n"
          "currency BYN                      # required where any money appears\n"
          "use std.products                  # stdlib module (stdlib/products.dairy)\n"
          "use \"regions/minsk.dairy\"         # another file, relative to this one\n"
          "objective maximize profit         # or: objective minimize cost; default maximize profit\n",

          "model \"Minsk region, plan 2027\"  # optional title, at most once\n"
          "currency BYN  # required where any money appears\n"
          "use std.products  # stdlib module (stdlib/products.dairy)\n"
          "use \"regions/minsk.dairy\"  # another file, relative to this one\n"
          "objective maximize profit  # or: objective minimize cost; default maximize profit\n");
    check("routes {\n"
          "  from   to      distance\n"
          "  north  plant1  38 km\n"
          "  plant1 city    12 km\n"
          "}\n"
          "routes matrix distance km {     # rows: origins, columns: destinations\n"
          "          plant1  plant2\n"
          "  north   38      95\n"
          "  south   61      -             # '-' : no route\n"
          "}\n"
          "farms {\n"
          "  name        supply          price\n"
          "  north       9_000 t         820 BYN/t\n"
          "  south       7_000..7_500 t  790 BYN/t\n"
          "}\n"
          "farms from \"data/farms.csv\"          # relative to the model file\n",

          "routes {\n"
          "  from    to      distance\n"
          "  north   plant1  38 km\n"
          "  plant1  city    12 km\n"
          "}\n"
          "routes matrix distance km {  # rows: origins, columns: destinations\n"
          "         plant1  plant2\n"
          "  north  38      95\n"
          "  south  61      -  # '-' : no route\n"
          "}\n"
          "farms {\n"
          "  name   supply          price\n"
          "  north  9_000 t         820 BYN/t\n"
          "  south  7_000..7_500 t  790 BYN/t\n"
          "}\n"
          "farms from \"data/farms.csv\"  # relative to the model file\n");
    check("scenario drought \"Dry summer\" {\n"
          "  scale farm * supply 85%                 # every farm: bounds × 0.85\n"
          "  set farm north price 900 BYN/t\n"
          "  scale market city demand butter 120%\n"
          "  close plant city_dairy                  # an optional or fixed plant is closed\n"
          "}\n",

          "scenario drought \"Dry summer\" {\n"
          "  scale farm * supply 85%  # every farm: bounds × 0.85\n"
          "  set farm north price 900 BYN/t\n"
          "  scale market city demand butter 120%\n"
          "  close plant city_dairy  # an optional or fixed plant is closed\n"
          "}\n");
}

/* A stream that refuses writes makes fmt_print return -1. */
static void test_write_error(void **state)
{
    (void)state;
    Parsed p;
    parse_src(&p, "currency BYN\n");
    FILE *ro = fopen("/dev/null", "r");
    assert_non_null(ro);
    assert_int_equal(fmt_print(&p.diag, p.ast, ro), -1);
    fclose(ro);
    parsed_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_intro),
        cmocka_unit_test(test_comment_columns),
        cmocka_unit_test(test_semicolons),
        cmocka_unit_test(test_table_alignment),
        cmocka_unit_test(test_matrix),
        cmocka_unit_test(test_ranges_percentages),
        cmocka_unit_test(test_atoms),
        cmocka_unit_test(test_expressions),
        cmocka_unit_test(test_comment_placement),
        cmocka_unit_test(test_comments_in_wrapped_statements),
        cmocka_unit_test(test_blank_lines),
        cmocka_unit_test(test_empty_blocks),
        cmocka_unit_test(test_degenerate_files),
        cmocka_unit_test(test_language_examples),
        cmocka_unit_test(test_write_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
