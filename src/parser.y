/* parser.y — the grammar of .dairy: syntax only, meaning is check's job.
 *
 * file  := decl (SEP decl)*
 * decl  := model "title" | currency CODE | use std.NAME | use "path"
 *        | objective WORD WORD
 *        | (product|farm|plant|market|strategy|scenario) NAME ["label"] block
 *        | transport block
 *        | TABLE block | TABLE from "file.csv"      TABLE: a word, routes, customers
 *        | routes matrix WHAT [UNIT] block
 *        | let NAME = expr
 *        | segment NAME ["label"] [when expr] strategy NAME
 *        | (components|grades|pay|periods) atom*     at the top level only
 *        | period NAME block
 * block := { line (SEP line)* }      line := atom+
 * atom  := word | "string" | qty | qty..qty | - | , | * | word[UNIT]
 */
%code requires {
#include "ast.h"
typedef void *yyscan_t;
typedef struct { Atom *first, *last; int n; } AtomList;
typedef struct { Line *first, *last; int n; } LineList;
typedef struct { Expr *first, *last; int n; } ExprList;
typedef struct { Decl *first, *last; int n; } DeclList;
#define YYLTYPE Span
#define YYLTYPE_IS_DECLARED 1
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                            \
    do {                                                                       \
        if (N) {                                                               \
            (Cur).file = YYRHSLOC(Rhs, 1).file;                                \
            (Cur).lo = YYRHSLOC(Rhs, 1).lo;                                    \
            (Cur).hi = YYRHSLOC(Rhs, N).hi;                                    \
        } else {                                                               \
            (Cur).file = YYRHSLOC(Rhs, 0).file;                                \
            (Cur).lo = (Cur).hi = YYRHSLOC(Rhs, 0).hi;                         \
        }                                                                      \
    } while (0)
}

%code {
#include "lexstate.h"
#include "lexer.h"
#include "vec.h"

#include <string.h>

#define ST ((LexState *)yyget_extra(scanner))
#define NEW(T) ((T *)arena_alloc(ST->arena, sizeof(T)))

static Atom *atom(LexState *st, AtomKind k, Span sp)
{
    Atom *a = arena_alloc(st->arena, sizeof *a);
    a->kind = k;
    a->span = sp;
    return a;
}

static Expr *expr_new(LexState *st, ExprKind k, Span sp, Expr *a, Expr *b)
{
    Expr *e = arena_alloc(st->arena, sizeof *e);
    e->kind = k;
    e->span = sp;
    e->a = a;
    e->b = b;
    int da = a ? a->depth : 0, db = b ? b->depth : 0;
    e->depth = 1 + (da > db ? da : db);
    e->poisoned = (a && a->poisoned) || (b && b->poisoned);
    return e;
}

/* Deep expressions would overflow the recursive passes after parsing:
 * refuse them here, once, and keep the tree shallow. */
static Expr *limit_depth(LexState *st, Expr *e)
{
    if (e->depth > AST_MAX_DEPTH) {
        if (!e->poisoned) { /* once per statement, not once per operator */
            diag_error(st->diag, e->span, "expression is nested too deeply");
            diag_hint(st->diag, "split it into several `let` definitions (at most %d levels)",
                      AST_MAX_DEPTH);
            st->syntax_errors++;
        }
        e->a = e->b = NULL;
        e->args = NULL;
        e->kind = E_BOOL;
        e->depth = 1;
        e->poisoned = true;
    }
    return e;
}

static Expr *binary(LexState *st, ExprKind k, Span sp, Span op, Expr *a, Expr *b)
{
    Expr *e = expr_new(st, k, sp, a, b);
    e->op_span = op;
    return limit_depth(st, e);
}

static Decl *decl_new(LexState *st, DeclKind k, Span sp, Span kw)
{
    Decl *d = arena_alloc(st->arena, sizeof *d);
    d->kind = k;
    d->span = sp;
    d->kw_span = kw;
    return d;
}

static void yyerror(Span *loc, yyscan_t scanner, const char *msg);
}

%define api.pure full
%define api.value.type union
%define parse.error custom
%define parse.lac full
%define lr.default-reduction accepting
%locations
%param {yyscan_t scanner}
%expect 0

%token <const char *> IDENT "name" STRING "label" UNIT "unit"
%token <Num> NUMBER "number"
%token SEP "end of line"
%token KW_MODEL "`model`" KW_CURRENCY "`currency`" KW_USE "`use`"
%token KW_PRODUCT "`product`" KW_FARM "`farm`" KW_PLANT "`plant`"
%token KW_MARKET "`market`" KW_TRANSPORT "`transport`" KW_ROUTES "`routes`"
%token KW_MATRIX "`matrix`" KW_FROM "`from`" KW_TO "`to`"
%token KW_OBJECTIVE "`objective`" KW_MAXIMIZE "`maximize`"
%token KW_MINIMIZE "`minimize`" KW_PROFIT "`profit`" KW_COST "`cost`"
%token KW_CUSTOMERS "`customers`" KW_SEGMENT "`segment`" KW_WHEN "`when`"
%token KW_STRATEGY "`strategy`" KW_LET "`let`" KW_SCENARIO "`scenario`"
%token KW_SET "`set`" KW_SCALE "`scale`" KW_CLOSE "`close`" KW_OPEN "`open`"
%token KW_AND "`and`" KW_OR "`or`" KW_NOT "`not`" KW_IN "`in`"
%token KW_TRUE "`true`" KW_FALSE "`false`"
%token KW_COMPONENTS "`components`" KW_GRADES "`grades`" KW_PAY "`pay`"
%token KW_PERIODS "`periods`" KW_PERIOD "`period`"
%token NEG "`-`" POS "`+`" MINUS "`-` " PLUS "`+` " STAR "`*`" SLASH "`/`"
%token LBRACE "`{`" RBRACE "`}`" LPAREN "`(`" RPAREN "`)`"
%token LBRACK "`[`" RBRACK "`]`" COMMA "`,`" DOTDOT "`..`" DOT "`.`"
%token EQ "`==`" NE "`!=`" LE "`<=`" GE "`>=`" LT "`<`" GT "`>`"
%token ASSIGN "`=`" PERCENT "`%`"

%type <const char *> word opt_label unit_words column_kw declare_kw
%type <Num> num qty
%type <Atom *> atom
%type <AtomList> atoms opt_atoms
%type <Line *> line
%type <LineList> lines line_list
%type <Block *> block
%type <Expr *> expr opt_when
%type <ExprList> exprs
%type <Decl *> decl
%type <DeclList> decls decl_list
%type <EntityKind> entity_kw

%left KW_OR
%left KW_AND
%precedence KW_NOT
%nonassoc EQ NE LT LE GT GE KW_IN
%left PLUS MINUS NEG POS
%left STAR SLASH
%precedence UMINUS

%%

file
    : decls {
        AstFile *f = ST->result;
        f->decls = $1.first;
        f->ndecls = $1.n;
    }
    ;

decls
    : %empty            { $$ = (DeclList){0}; }
    | decl_list
    ;

decl_list
    : decl              { $$ = (DeclList){$1, $1, $1 ? 1 : 0}; }
    | decl_list SEP     { $$ = $1; }
    | decl_list SEP decl {
        $$ = $1;
        if ($3) {
            if ($$.last) $$.last->next = $3; else $$.first = $3;
            $$.last = $3;
            $$.n++;
        }
    }
    ;

decl
    : KW_MODEL STRING {
        $$ = decl_new(ST, D_MODEL, @$, @1);
        $$->label = $2; $$->label_span = @2;
    }
    | KW_CURRENCY word {
        $$ = decl_new(ST, D_CURRENCY, @$, @1);
        $$->name = $2; $$->name_span = @2;
    }
    | KW_USE IDENT DOT word {
        $$ = decl_new(ST, D_USE, @$, @1);
        $$->use_std = true;
        $$->name = $4; $$->name_span = @4;
        $$->path = $2; $$->path_span = @2;  /* the prefix, `std` */
    }
    | KW_USE STRING {
        $$ = decl_new(ST, D_USE, @$, @1);
        $$->path = $2; $$->path_span = @2;
    }
    | KW_OBJECTIVE word word {
        $$ = decl_new(ST, D_OBJECTIVE, @$, @1);
        $$->name = $2; $$->name_span = @2;
        $$->name2 = $3; $$->name2_span = @3;
    }
    | entity_kw IDENT opt_label block {
        $$ = decl_new(ST, D_ENTITY, @$, @1);
        $$->kw_span = @1;
        $$->entity = $1;
        $$->name = $2; $$->name_span = @2;
        $$->label = $3; $$->label_span = @3;
        $$->block = $4;
    }
    | KW_TRANSPORT block {
        $$ = decl_new(ST, D_TRANSPORT, @$, @1);
        $$->kw_span = @1;
        $$->name = "transport";
        $$->block = $2;
    }
    | IDENT block {
        $$ = decl_new(ST, D_TABLE, @$, @1);
        $$->kw_span = @1; $$->name = $1; $$->name_span = @1;
        $$->block = $2;
    }
    | KW_ROUTES block {
        $$ = decl_new(ST, D_TABLE, @$, @1);
        $$->kw_span = @1; $$->name = "routes"; $$->name_span = @1;
        $$->block = $2;
    }
    | KW_CUSTOMERS block {
        $$ = decl_new(ST, D_TABLE, @$, @1);
        $$->kw_span = @1; $$->name = "customers"; $$->name_span = @1;
        $$->block = $2;
    }
    | IDENT KW_FROM STRING {
        $$ = decl_new(ST, D_TABLE, @$, @1);
        $$->kw_span = @1; $$->name = $1; $$->name_span = @1;
        $$->path = $3; $$->path_span = @3;
    }
    | KW_ROUTES KW_FROM STRING {
        $$ = decl_new(ST, D_TABLE, @$, @1);
        $$->kw_span = @1; $$->name = "routes"; $$->name_span = @1;
        $$->path = $3; $$->path_span = @3;
    }
    | KW_CUSTOMERS KW_FROM STRING {
        $$ = decl_new(ST, D_TABLE, @$, @1);
        $$->kw_span = @1; $$->name = "customers"; $$->name_span = @1;
        $$->path = $3; $$->path_span = @3;
    }
    | KW_ROUTES KW_MATRIX word unit_words block {
        $$ = decl_new(ST, D_MATRIX, @$, @1);
        $$->kw_span = @1;
        $$->name = $3; $$->name_span = @3;
        $$->name2 = $4; $$->name2_span = @4;
        $$->block = $5;
    }
    | KW_ROUTES KW_MATRIX word block {
        $$ = decl_new(ST, D_MATRIX, @$, @1);
        $$->kw_span = @1;
        $$->name = $3; $$->name_span = @3;
        $$->block = $4;
    }
    | KW_LET IDENT ASSIGN expr {
        $$ = decl_new(ST, D_LET, @$, @1);
        $$->name = $2; $$->name_span = @2;
        $$->expr = $4;
    }
    | KW_SEGMENT IDENT opt_label opt_when KW_STRATEGY IDENT {
        $$ = decl_new(ST, D_SEGMENT, @$, @1);
        $$->name = $2; $$->name_span = @2;
        $$->label = $3; $$->label_span = @3;
        $$->expr = $4;
        $$->strategy = $6; $$->strategy_span = @6;
    }
    | declare_kw opt_atoms {
        $$ = decl_new(ST, D_DECLARE, @$, @1);
        $$->name = $1; $$->name_span = @1;
        $$->atoms = $2.first;
        $$->natoms = $2.n;
    }
    | KW_PERIOD IDENT block {
        $$ = decl_new(ST, D_PERIOD, @$, @1);
        $$->name = $2; $$->name_span = @2;
        $$->block = $3;
    }
    | error             { $$ = NULL; }
    ;

/* Milk components and grades: `components fat, protein`, `grades low,
 * high`, `pay by fat 3.4%`; periods: `periods jan, feb` — a line of atoms
 * that check reads. */
declare_kw
    : KW_COMPONENTS     { $$ = "components"; }
    | KW_GRADES         { $$ = "grades"; }
    | KW_PAY            { $$ = "pay"; }
    | KW_PERIODS        { $$ = "periods"; }
    ;

opt_atoms
    : %empty            { $$ = (AtomList){0}; }
    | atoms
    ;

entity_kw
    : KW_PRODUCT        { $$ = K_PRODUCT; }
    | KW_FARM           { $$ = K_FARM; }
    | KW_PLANT          { $$ = K_PLANT; }
    | KW_MARKET         { $$ = K_MARKET; }
    | KW_STRATEGY       { $$ = K_STRATEGY; }
    | KW_SCENARIO       { $$ = K_SCENARIO; }
    ;

opt_label
    : %empty            { $$ = NULL; }
    | STRING
    ;

opt_when
    : %empty            { $$ = NULL; }
    | KW_WHEN expr      { $$ = $2; }
    ;

unit_words
    : IDENT
    | unit_words SLASH IDENT { $$ = arena_printf(ST->arena, "%s/%s", $1, $3); }
    ;

block
    : LBRACE lines RBRACE {
        $$ = NEW(Block);
        $$->span = @$;
        $$->lines = $2.first;
        $$->nlines = $2.n;
    }
    ;

lines
    : %empty            { $$ = (LineList){0}; }
    | line_list
    ;

line_list
    : line              { $$ = (LineList){$1, $1, $1 ? 1 : 0}; }
    | line_list SEP     { $$ = $1; }
    | line_list SEP line {
        $$ = $1;
        if ($3) {
            if ($$.last) $$.last->next = $3; else $$.first = $3;
            $$.last = $3;
            $$.n++;
        }
    }
    ;

line
    : atoms {
        $$ = NEW(Line);
        $$->span = @$;
        $$->atoms = $1.first;
        $$->natoms = $1.n;
    }
    | error             { $$ = NULL; }
    ;

atoms
    : atom              { $$ = (AtomList){$1, $1, 1}; }
    | atoms atom        { $$ = $1; $$.last->next = $2; $$.last = $2; $$.n++; }
    ;

atom
    : word {
        $$ = atom(ST, A_WORD, @$);
        $$->text = $1;
        $$->reserved = ast_is_reserved($1);
    }
    | word LBRACK UNIT RBRACK {
        $$ = atom(ST, A_HEADER, @$);
        $$->text = $1;
        $$->lo.unit = $3;
        $$->lo.unit_span = @3;
        $$->lo.span = @1;
    }
    | STRING            { $$ = atom(ST, A_STRING, @$); $$->text = $1; }
    | qty               { $$ = atom(ST, A_NUMBER, @$); $$->lo = $1; }
    | qty DOTDOT qty    { $$ = atom(ST, A_RANGE, @$); $$->lo = $1; $$->hi = $3; }
    | MINUS             { $$ = atom(ST, A_MISSING, @$); }
    | COMMA             { $$ = atom(ST, A_COMMA, @$); }
    | STAR              { $$ = atom(ST, A_STAR, @$); }
    ;

num
    : NUMBER            { $$ = $1; $$.span = @$; }
    | NEG NUMBER        { $$ = $2; $$.value = -$$.value; $$.sign = '-'; $$.span = @$; }
    | POS NUMBER        { $$ = $2; $$.sign = '+'; $$.span = @$; }
    ;

qty
    : num               { $$ = $1; }
    | num UNIT          { $$ = $1; $$.unit = $2; $$.unit_span = @2; }
    ;

/* Any word: reserved words may name table columns and properties. */
word
    : IDENT
    | KW_MODEL { $$ = "model"; } | KW_CURRENCY { $$ = "currency"; }
    | KW_USE { $$ = "use"; } | KW_PRODUCT { $$ = "product"; }
    | KW_FARM { $$ = "farm"; } | KW_PLANT { $$ = "plant"; }
    | KW_MARKET { $$ = "market"; } | KW_TRANSPORT { $$ = "transport"; }
    | KW_ROUTES { $$ = "routes"; } | KW_MATRIX { $$ = "matrix"; }
    | KW_FROM { $$ = "from"; } | KW_TO { $$ = "to"; }
    | KW_OBJECTIVE { $$ = "objective"; } | KW_MAXIMIZE { $$ = "maximize"; }
    | KW_MINIMIZE { $$ = "minimize"; } | KW_PROFIT { $$ = "profit"; }
    | KW_COST { $$ = "cost"; } | KW_CUSTOMERS { $$ = "customers"; }
    | KW_SEGMENT { $$ = "segment"; } | KW_WHEN { $$ = "when"; }
    | KW_STRATEGY { $$ = "strategy"; } | KW_LET { $$ = "let"; }
    | KW_SCENARIO { $$ = "scenario"; } | KW_SET { $$ = "set"; }
    | KW_SCALE { $$ = "scale"; } | KW_CLOSE { $$ = "close"; }
    | KW_OPEN { $$ = "open"; } | KW_AND { $$ = "and"; }
    | KW_OR { $$ = "or"; } | KW_NOT { $$ = "not"; } | KW_IN { $$ = "in"; }
    | KW_TRUE { $$ = "true"; } | KW_FALSE { $$ = "false"; }
    ;

/* Reserved words that may name a customer column in an expression (the
 * `market` column above all).  Not the words that end or build a condition:
 * `strategy`, `when`, `and`, `or`, `not`, `in`, `true`, `false`. */
column_kw
    : KW_MARKET { $$ = "market"; } | KW_PRODUCT { $$ = "product"; }
    | KW_FARM { $$ = "farm"; } | KW_PLANT { $$ = "plant"; }
    | KW_COST { $$ = "cost"; } | KW_PROFIT { $$ = "profit"; }
    | KW_FROM { $$ = "from"; } | KW_TO { $$ = "to"; }
    | KW_CUSTOMERS { $$ = "customers"; } | KW_SEGMENT { $$ = "segment"; }
    | KW_SCENARIO { $$ = "scenario"; } | KW_TRANSPORT { $$ = "transport"; }
    | KW_ROUTES { $$ = "routes"; } | KW_MATRIX { $$ = "matrix"; }
    | KW_MODEL { $$ = "model"; } | KW_CURRENCY { $$ = "currency"; }
    | KW_USE { $$ = "use"; } | KW_OBJECTIVE { $$ = "objective"; }
    | KW_MAXIMIZE { $$ = "maximize"; } | KW_MINIMIZE { $$ = "minimize"; }
    | KW_LET { $$ = "let"; } | KW_SET { $$ = "set"; } | KW_SCALE { $$ = "scale"; }
    | KW_CLOSE { $$ = "close"; } | KW_OPEN { $$ = "open"; }
    ;

expr
    : expr KW_OR expr   { $$ = binary(ST, E_OR, @$, @2, $1, $3); }
    | expr KW_AND expr  { $$ = binary(ST, E_AND, @$, @2, $1, $3); }
    | KW_NOT expr       { $$ = binary(ST, E_NOT, @$, @1, $2, NULL); }
    | expr EQ expr      { $$ = binary(ST, E_EQ, @$, @2, $1, $3); }
    | expr NE expr      { $$ = binary(ST, E_NE, @$, @2, $1, $3); }
    | expr LT expr      { $$ = binary(ST, E_LT, @$, @2, $1, $3); }
    | expr LE expr      { $$ = binary(ST, E_LE, @$, @2, $1, $3); }
    | expr GT expr      { $$ = binary(ST, E_GT, @$, @2, $1, $3); }
    | expr GE expr      { $$ = binary(ST, E_GE, @$, @2, $1, $3); }
    | expr PLUS expr    { $$ = binary(ST, E_ADD, @$, @2, $1, $3); }
    | expr POS expr     { $$ = binary(ST, E_ADD, @$, @2, $1, $3); }
    | expr MINUS expr   { $$ = binary(ST, E_SUB, @$, @2, $1, $3); }
    | expr NEG expr     { $$ = binary(ST, E_SUB, @$, @2, $1, $3); }
    | expr STAR expr    { $$ = binary(ST, E_MUL, @$, @2, $1, $3); }
    | expr SLASH expr   { $$ = binary(ST, E_DIV, @$, @2, $1, $3); }
    | MINUS expr %prec UMINUS { $$ = binary(ST, E_NEG, @$, @1, $2, NULL); }
    | NEG expr %prec UMINUS   { $$ = binary(ST, E_NEG, @$, @1, $2, NULL); }
    | PLUS expr %prec UMINUS  { $$ = $2; }
    | POS expr %prec UMINUS   { $$ = $2; }
    | expr KW_IN LPAREN exprs RPAREN {
        $$ = binary(ST, E_IN, @$, @2, $1, NULL);
        $$->args = $4.first;
        $$->nargs = $4.n;
    }
    | LPAREN expr RPAREN { $$ = binary(ST, E_PAREN, @$, @1, $2, NULL); }
    | NUMBER {
        $$ = expr_new(ST, E_NUM, @$, NULL, NULL);
        $$->num = $1; $$->num.span = @1;
    }
    | NUMBER UNIT {
        $$ = expr_new(ST, E_NUM, @$, NULL, NULL);
        $$->num = $1; $$->num.span = @1;
        $$->num.unit = $2; $$->num.unit_span = @2;
    }
    | STRING            { $$ = expr_new(ST, E_STR, @$, NULL, NULL); $$->text = $1; }
    | IDENT             { $$ = expr_new(ST, E_NAME, @$, NULL, NULL); $$->text = $1; }
    | column_kw         { $$ = expr_new(ST, E_NAME, @$, NULL, NULL); $$->text = $1; }
    | KW_TRUE           { $$ = expr_new(ST, E_BOOL, @$, NULL, NULL); $$->bval = true; }
    | KW_FALSE          { $$ = expr_new(ST, E_BOOL, @$, NULL, NULL); $$->bval = false; }
    | IDENT LPAREN exprs RPAREN {
        $$ = expr_new(ST, E_CALL, @$, NULL, NULL);
        $$->text = $1;
        $$->op_span = @1;
        $$->args = $3.first;
        $$->nargs = $3.n;
        int deep = 0;
        for (Expr *a = $3.first; a; a = a->next) {
            if (a->depth > deep) deep = a->depth;
            $$->poisoned |= a->poisoned;
        }
        $$->depth = deep + 1;
        $$ = limit_depth(ST, $$);
    }
    ;

exprs
    : expr              { $$ = (ExprList){$1, $1, 1}; }
    | exprs COMMA expr  { $$ = $1; $$.last->next = $3; $$.last = $3; $$.n++; }
    ;

%%

static void yyerror(Span *loc, yyscan_t scanner, const char *msg)
{
    LexState *st = ST;
    st->syntax_errors++;
    if (strcmp(msg, "memory exhausted") == 0) {
        diag_error(st->diag, *loc, "the model is nested too deeply to parse");
        diag_hint(st->diag, "use fewer parentheses; split long conditions with `let`");
    } else {
        diag_error(st->diag, *loc, "%s", msg);
    }
}

/* A token's name for messages: its alias without the surrounding quotes. */
static void symbol_text(yysymbol_kind_t k, char *buf, size_t size)
{
    const char *s = yysymbol_name(k);
    size_t n = strlen(s);
    if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
        s++;
        n -= 2;
    }
    while (n > 0 && s[n - 1] == ' ')
        n--;
    if (n >= size)
        n = size - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
}

/* "unexpected X, expected A, B or C" — X shows the token as written. */
static int yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner)
{
    LexState *st = ST;
    st->syntax_errors++;
    Span loc = *yypcontext_location(ctx);
    yysymbol_kind_t tok = yypcontext_token(ctx);
    const SrcFile *f = diag_file(st->diag, st->file);
    char found[96];
    if (tok == YYSYMBOL_YYEOF)
        snprintf(found, sizeof found, "end of file");
    else if (tok == YYSYMBOL_SEP && loc.hi > loc.lo &&
             (f->text[loc.lo] == '\n' || f->text[loc.lo] == '\r'))
        snprintf(found, sizeof found, "end of line");
    else if (loc.hi > loc.lo) {
        size_t n = loc.hi - loc.lo;
        bool cut = n > 40;
        snprintf(found, sizeof found, "`%.*s%s`", (int)(cut ? 40 : n),
                 f->text + loc.lo, cut ? "..." : "");
    } else
        symbol_text(tok, found, sizeof found);

    enum { MAXEXP = 6 };
    yysymbol_kind_t exp[MAXEXP];
    int n = yypcontext_expected_tokens(ctx, exp, MAXEXP);
    char msg[512];
    int len = snprintf(msg, sizeof msg, "unexpected %s", found);
    if (n > 0 && n < MAXEXP) {
        len += snprintf(msg + len, sizeof msg - (size_t)len, ", expected ");
        for (int i = 0; i < n && len < (int)sizeof msg; i++) {
            char name[64];
            symbol_text(exp[i], name, sizeof name);
            len += snprintf(msg + len, sizeof msg - (size_t)len, "%s%s",
                            i == 0 ? "" : i == n - 1 ? " or " : ", ", name);
        }
    }
    diag_error(st->diag, loc, "%s", msg);
    bool want_brace = false, want_unit = false;
    for (int i = 0; i < n && n < MAXEXP; i++) {
        want_brace |= exp[i] == YYSYMBOL_LBRACE;
        want_unit |= exp[i] == YYSYMBOL_UNIT;
    }
    if (tok == YYSYMBOL_SEP && want_brace)
        diag_hint(st->diag, "the `{` of a block goes on the same line as its declaration");
    else if (tok == YYSYMBOL_LBRACE)
        diag_hint(st->diag, "is a `}` missing above, closing an earlier block?");
    else if (tok == YYSYMBOL_EQ || tok == YYSYMBOL_NE || tok == YYSYMBOL_LT ||
             tok == YYSYMBOL_LE || tok == YYSYMBOL_GT || tok == YYSYMBOL_GE)
        diag_hint(st->diag, "comparisons do not chain: write `a < b and b < c`");
    else if (want_unit)
        diag_hint(st->diag, "units are t, kg, km, days, weeks, %% and a currency code, as in `[t]`");
    else if (tok == YYSYMBOL_YYEOF)
        diag_hint(st->diag, "a block `{` is not closed, or the last statement is cut short");
    else if (tok == YYSYMBOL_NUMBER || tok == YYSYMBOL_IDENT)
        diag_hint(st->diag, "statements end at a line end or `;`; properties go inside a `{ ... }` block");
    return 0;
}

const char *const ast_reserved_words[] = {
    "model", "currency", "use", "product", "farm", "plant", "market",
    "transport", "routes", "matrix", "from", "to", "objective", "maximize",
    "minimize", "profit", "cost", "customers", "segment", "when", "strategy",
    "let", "scenario", "set", "scale", "close", "open", "and", "or", "not",
    "in", "true", "false", NULL,
};

bool ast_is_reserved(const char *w)
{
    for (int i = 0; ast_reserved_words[i]; i++)
        if (strcmp(ast_reserved_words[i], w) == 0)
            return true;
    return false;
}

const char *ast_entity_name(EntityKind k)
{
    static const char *const names[K_COUNT] = {
        "product", "farm", "plant", "market", "strategy", "scenario",
        "segment", "let",
    };
    return k < K_COUNT ? names[k] : "?";
}

const char *ast_entity_plural(EntityKind k)
{
    static const char *const names[K_COUNT] = {
        "products", "farms", "plants", "markets", "strategies", "scenarios",
        "segments", "lets",
    };
    return k < K_COUNT ? names[k] : "names";
}

AstFile *ast_parse(Arena *arena, Diag *d, int32_t file)
{
    AstFile *af = arena_alloc(arena, sizeof *af);
    af->file = file;
    const SrcFile *f = diag_file(d, file);
    if (f->len > UINT32_MAX - 16) {
        diag_plain(d, "%s: file too large (over 4 GB)", f->path);
        return af;
    }
    /* UTF-8 without NUL bytes before lexing: a binary or mis-encoded file
     * gets one clear error instead of a cascade, and the scanner's name
     * characters (any byte from 0x80) only ever see well-formed UTF-8. */
    if (!diag_check_text(d, file, "model file", "a .dairy file is UTF-8 text; is this the right file?"))
        return af;
    /* a UTF-8 byte order mark is an encoding marker, not a token */
    uint32_t bom = f->len >= 3 && memcmp(f->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    LexState st = {.arena = arena, .diag = d, .file = file, .src = f->text,
                   .pos = bom, .result = af};
    vec_init(&st.comments, sizeof(Comment));
    yyscan_t scanner;
    if (yylex_init_extra(&st, &scanner) != 0) {
        diag_plain(d, "cannot start the scanner");
        return af;
    }
    YY_BUFFER_STATE buf = yy_scan_bytes(f->text + bom, (int)(f->len - bom), scanner);
    int rc = yyparse(scanner);
    yy_delete_buffer(buf, scanner);
    yylex_destroy(scanner);
    af->ok = rc == 0 && st.syntax_errors == 0;
    af->ncomments = st.comments.len;
    if (st.comments.len) {
        af->comments = arena_alloc(arena, st.comments.len * sizeof(Comment));
        memcpy(af->comments, st.comments.data, st.comments.len * sizeof(Comment));
    }
    vec_free(&st.comments);
    return af;
}
