/* emit_sql.c — the segmentation as an SQL view (language.md,
 * "The command line").
 *
 * One portable statement defines customer_segments(id, segment, strategy)
 * over the table `customers`; the same text runs on PostgreSQL 15+ and
 * SQLite 3.40+ and gives every customer the segment of segment.c.  The view
 * is a chain of CTEs, each selecting everything of the one before and
 * adding one column:
 *
 *   base      id and every column the rules use, as csv.c and check
 *             read the cells: blanks (space, tab) stripped, missing (NULL)
 *             when nothing is left, whether the loader stored NULL or ''
 *             (text_cell, number_cell); numbers in base units:
 *             CAST(col AS DOUBLE PRECISION) * num / den, the operation C does
 *             (unit_to_base), so both give the same double; a product's
 *             column (a base volume) is 0 where missing, as in segment.c;
 *   step1..   one per `let` (named as the let) and one per quintile/ntile
 *             (a helper): a window function cannot be nested in another,
 *             nor used in the WHERE of its own SELECT, so each gets a step;
 *   rules     the number of the first segment whose condition is true;
 *
 * and the final SELECT maps that number to the segment's and strategy's
 * names (NULL when no rule matched).
 *
 * What makes the engines agree with C and with each other:
 * - every number is a double: columns are CAST, literals are written with
 *   a decimal point or exponent (REAL in SQLite; in PostgreSQL a NUMERIC
 *   constant beside a double is converted to the nearest double) and a
 *   literal beside another literal is CAST, so that `0.1 + 0.2` is the
 *   double sum, as in C, not the exact decimal one; literals are the base
 *   value C computes, in the shortest form that reads back to that double
 *   in C, PostgreSQL and SQLite (see sqlite_reads);
 * - `a / b` is `a / NULLIF(b, 0)`: missing, as in C (PostgreSQL would
 *   raise an error); a divisor that is a number other than 0 is written
 *   as it is;
 * - quintile/ntile: 1 + q * k / n in integers, k = RANK() - 1 among the
 *   present values (RANK counts the rows strictly before a row's peers,
 *   i.e. the strictly smaller values, so ties share), n = COUNT(x) (the
 *   present values); both engines truncate integer division and the
 *   operands are non-negative, so that is floor(q k / n) of C; the result
 *   is CAST to a double so that `(f + m) / 2` divides exactly;
 * - conditions are SQL boolean expressions with SQL's three-valued logic,
 *   which is the language's; a condition `let` is a boolean column in
 *   PostgreSQL and a 0/1/NULL one in SQLite, used only by AND, OR, NOT and
 *   WHEN, which treat both alike; CASE WHEN skips an unknown condition;
 * - identifiers are double-quoted (names may be SQL keywords or Cyrillic),
 *   text literals single-quoted with '' doubled. */
#include "emit.h"

#include "text.h"
#include "xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const Model *m;
    FILE *out;
    char prefix[16];        /* helper columns: no column or let starts with it */
    const RExpr **calls;    /* quintile/ntile calls given a column, in order */
    char **call_col;        /* the column of each (a let's name or a helper) */
    int ncalls, capcalls;
    int nargs, nscores;     /* helper columns so far */
    int nsteps;
    const char *prev;       /* the CTE the next step selects from */
    char prevbuf[32];
    const Let *note;        /* a let to name in a comment above the next step */
    bool *used;             /* per customer column: the rules read it */
} Sql;

/* ------------------------------------------------------------ lexical */

static void ident(FILE *out, const char *s)
{
    text_quoted(out, s, '"');
}

static void text_literal(FILE *out, const char *s)
{
    text_quoted(out, s, '\'');
}

/* A comment's text on one line. */
static void comment_text(FILE *out, const char *s)
{
    for (; *s; s++)
        fputc(*s == '\n' || *s == '\r' ? ' ' : *s, out);
}

/* The double SQLite (3.40) reads from a decimal literal: its sqlite3AtoF
 * takes up to 19 significant digits as an integer s and an exponent e, and
 * computes s / 10^-e or s * 10^e in long double, then rounds to double.
 * Rounding twice (to the long double's 64 bits, then to 53) gives another
 * double than strtod about once in 4,000 random 15-digit decimals
 * (727132.912063664 is one); PostgreSQL reads with strtod.  With the same
 * long double as the SQLite on this machine, this computes what it reads. */
static double sqlite_reads(const char *z)
{
    const unsigned long long big = 0x7fffffffffffffffULL;
    bool neg = *z == '-';
    if (*z == '-' || *z == '+')
        z++;
    unsigned long long sig = 0;
    int d = 0, e = 0, esign = 1;
    for (; *z >= '0' && *z <= '9'; z++) {
        if (sig < (big - 9) / 10)
            sig = sig * 10 + (unsigned)(*z - '0');
        else
            d++;
    }
    if (*z == '.')
        for (z++; *z >= '0' && *z <= '9'; z++)
            if (sig < (big - 9) / 10) {
                sig = sig * 10 + (unsigned)(*z - '0');
                d--;
            }
    if (*z == 'e' || *z == 'E') {
        z++;
        if (*z == '-' || *z == '+')
            esign = *z++ == '-' ? -1 : 1;
        for (; *z >= '0' && *z <= '9' && e < 10000; z++)
            e = e * 10 + (*z - '0');
    }
    e = e * esign + d;
    esign = e < 0 ? -1 : 1;
    e = e < 0 ? -e : e;
    if (sig == 0)
        return neg ? -0.0 : 0.0;
    for (; e > 0; e--) {
        if (esign > 0 ? sig >= big / 10 : sig % 10 != 0)
            break;
        sig = esign > 0 ? sig * 10 : sig / 10;
    }
    long double scale = 1.0L;
    for (; e % 22; e--)
        scale *= 10.0L;
    for (; e > 0; e -= 22)
        scale *= 1.0e22L;
    long double r = esign < 0 ? (long double)sig / scale : (long double)sig * scale;
    return neg ? -(double)r : (double)r;
}

/* The shortest decimal that reads back as v (in C, PostgreSQL and SQLite;
 * else 17 digits, which always do), always with a decimal point or an
 * exponent (a REAL literal in SQLite), without an exponent when the number
 * is of a size people write in full. */
static void number_text(double v, char *buf, size_t size)
{
    if (v == 0) {
        snprintf(buf, size, "%s", signbit(v) ? "-0.0" : "0.0");
        return;
    }
    int p = 1;
    for (; p < 17; p++) {
        snprintf(buf, size, "%.*g", p, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    snprintf(buf, size, "%.*g", p, v);
    char *e = strchr(buf, 'e');
    if (e && fabs(v) >= 1e-4 && fabs(v) < 1e15) {
        int exp10 = atoi(e + 1);
        int decimals = p - 1 - exp10;
        snprintf(buf, size, "%.*f", decimals > 0 ? decimals : 0, v);
    }
    if (sqlite_reads(buf) != v)
        snprintf(buf, size, "%.17g", v);
    if (!strpbrk(buf, ".eEin"))
        strncat(buf, ".0", size - strlen(buf) - 1);
}

/* v as an SQL double: bare beside a double operand, else CAST. */
static void number(FILE *out, double v, bool bare)
{
    char buf[64];
    number_text(v, buf, sizeof buf);
    if (bare)
        fputs(buf, out);
    else
        fprintf(out, "CAST(%s AS DOUBLE PRECISION)", buf);
}

/* ------------------------------------------------------------ expressions */

/* No column, let or call: the value is the same for every customer. */
static bool constant(const RExpr *e)
{
    switch (e->kind) {
    case RX_COLUMN: case RX_LET: case RX_CALL:
        return false;
    case RX_NUM: case RX_TEXT: case RX_BOOL:
        return true;
    case RX_IN:
        return constant(e->a);
    default:
        return (!e->a || constant(e->a)) && (!e->b || constant(e->b));
    }
}

static int call_index(const Sql *s, const RExpr *e)
{
    for (int i = 0; i < s->ncalls; i++)
        if (s->calls[i] == e)
            return i;
    return -1;
}

static void expr_in(Sql *s, const RExpr *e, bool bare, bool paren);

/* e as SQL, each operation inside it in parentheses, so that the two
 * engines' precedence rules (which differ for IS, NOT and unary minus)
 * never matter.  bare: a number literal may be written bare (number()). */
static void expr(Sql *s, const RExpr *e, bool bare)
{
    expr_in(s, e, bare, false);
}

static void operand(Sql *s, const RExpr *e, const RExpr *other)
{
    expr_in(s, e, !constant(other), true);
}

/* SQL spells the logical operators and equality its own way; order and
 * arithmetic as the language does. */
static const char *binop(RExprKind k)
{
    switch (k) {
    case RX_AND: return "AND";
    case RX_OR:  return "OR";
    case RX_EQ:  return "=";
    case RX_NE:  return "<>";
    default:     return rexpr_op(k);
    }
}

static void expr_in(Sql *s, const RExpr *e, bool bare, bool paren)
{
    FILE *out = s->out;
    const char *open = paren ? "(" : "", *close = paren ? ")" : "";
    switch (e->kind) {
    case RX_NUM:
        number(out, e->value, bare);
        return;
    case RX_TEXT:
        text_literal(out, e->text);
        return;
    case RX_BOOL:
        fputs(e->truth ? "TRUE" : "FALSE", out);
        return;
    case RX_COLUMN:
        ident(out, s->m->customers.cols[e->index].name);
        return;
    case RX_LET:
        ident(out, s->m->lets[e->index].n.name);
        return;
    case RX_CALL: {
        int k = call_index(s, e);
        ident(out, k >= 0 ? s->call_col[k] : "?");
        return;
    }
    case RX_NEG:
        if (e->a->kind == RX_NUM) { /* exact: -(v) is the literal -v */
            number(out, -e->a->value, bare);
            return;
        }
        /* never `--`, a comment: - -3 is (- -3.0) */
        fprintf(out, "%s-%s", open,
                e->a->kind == RX_NEG && e->a->a->kind == RX_NUM && bare ? " " : "");
        expr_in(s, e->a, bare, true);
        fputs(close, out);
        return;
    case RX_NOT:
        fprintf(out, "%sNOT ", open);
        expr_in(s, e->a, true, true);
        fputs(close, out);
        return;
    case RX_DIV: {
        /* x / 0 is missing: NULLIF, unless the divisor is a number */
        bool plain = e->b->kind == RX_NUM && e->b->value != 0;
        fputs(open, out);
        operand(s, e->a, e->b);
        fputs(plain ? " / " : " / NULLIF(", out);
        operand(s, e->b, e->a);
        fputs(plain ? "" : ", 0)", out);
        fputs(close, out);
        return;
    }
    case RX_IN:
        fputs(open, out);
        expr_in(s, e->a, true, true);
        fputs(" IN (", out);
        for (int i = 0; i < e->nitems; i++) {
            if (i)
                fputs(", ", out);
            expr_in(s, e->items[i], !constant(e->a), true);
        }
        fprintf(out, ")%s", close);
        return;
    default:
        fputs(open, out);
        operand(s, e->a, e->b);
        fprintf(out, " %s ", binop(e->kind));
        operand(s, e->b, e->a);
        fputs(close, out);
        return;
    }
}

/* The expression as written in the model, in a comment. */
static void dairy_expr(FILE *out, const RExpr *e)
{
    Buf b = {0};
    rexpr_put(&b, e, REXPR_COMMENT);
    comment_text(out, buf_str(&b));
    buf_free(&b);
}

/* ------------------------------------------------------------ steps */

static void mark_columns(Sql *s, const RExpr *e)
{
    if (!e)
        return;
    if (e->kind == RX_COLUMN)
        s->used[e->index] = true;
    mark_columns(s, e->a);
    mark_columns(s, e->b);
    for (int i = 0; i < e->nitems; i++)
        mark_columns(s, e->items[i]);
}

static void step_open(Sql *s)
{
    s->nsteps++;
    fputs(",\n", s->out);
    if (s->note) {
        fprintf(s->out, "  -- let %s = ", s->note->n.name);
        dairy_expr(s->out, s->note->expr);
        fputc('\n', s->out);
        s->note = NULL;
    }
    fprintf(s->out, "  step%d AS (\n    SELECT *,", s->nsteps);
}

static void step_close(Sql *s)
{
    fprintf(s->out, "\n    FROM %s\n  )", s->prev);
    snprintf(s->prevbuf, sizeof s->prevbuf, "step%d", s->nsteps);
    s->prev = s->prevbuf;
}

/* The window arguments may be written inline when they are this simple;
 * anything else is computed in a step of its own first. */
static bool simple(const RExpr *e)
{
    if (e->kind == RX_NEG)
        e = e->a;
    return e->kind == RX_COLUMN || e->kind == RX_LET || e->kind == RX_CALL || e->kind == RX_NUM;
}

static void window_arg(Sql *s, const RExpr *arg, const char *argcol)
{
    if (argcol)
        ident(s->out, argcol);
    else
        expr_in(s, arg, false, true);
}

static char *helper_name(Sql *s, const char *what, int *count)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%s%s%d", s->prefix, what, ++*count);
    return strdup(buf);
}

/* Give a column to every quintile/ntile inside e, innermost first; the
 * outermost call of a let that is only that call takes the let's name. */
static void lift_calls(Sql *s, const RExpr *e, const char *let_name)
{
    if (!e)
        return;
    if (e->kind == RX_CALL) {
        const RExpr *arg = e->a;
        lift_calls(s, arg, NULL);
        double q = e->bins;
        /* the argument, in a column unless it is simple */
        char *argcol = NULL;
        if (!simple(arg)) {
            argcol = helper_name(s, "arg", &s->nargs);
            step_open(s);
            fputc(' ', s->out);
            expr(s, arg, false);
            fputs(" AS ", s->out);
            ident(s->out, argcol);
            step_close(s);
        }
        if (s->ncalls == s->capcalls) {
            s->capcalls = s->capcalls ? 2 * s->capcalls : 8;
            s->calls = xrealloc(s->calls, sizeof *s->calls * (size_t)s->capcalls);
            s->call_col = xrealloc(s->call_col, sizeof *s->call_col * (size_t)s->capcalls);
        }
        s->calls[s->ncalls] = e;
        s->call_col[s->ncalls] = let_name ? strdup(let_name) : helper_name(s, "score", &s->nscores);
        const char *col = s->call_col[s->ncalls];
        s->ncalls++;
        FILE *out = s->out;
        step_open(s);
        fputs("\n      CASE WHEN ", out);
        window_arg(s, arg, argcol);
        fputs(" IS NULL THEN NULL\n           ELSE CAST(1 + ", out);
        fprintf(out, "%.0f * (RANK() OVER (PARTITION BY (", q);
        window_arg(s, arg, argcol);
        fputs(" IS NULL) ORDER BY ", out);
        window_arg(s, arg, argcol);
        fputs(") - 1)\n                         / COUNT(", out);
        window_arg(s, arg, argcol);
        fputs(") OVER () AS DOUBLE PRECISION)\n      END AS ", out);
        ident(out, col);
        step_close(s);
        free(argcol);
        return;
    }
    lift_calls(s, e->a, NULL);
    lift_calls(s, e->b, NULL);
    for (int i = 0; i < e->nitems; i++)
        lift_calls(s, e->items[i], NULL);
}

/* ------------------------------------------------------------ the view */

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* A prefix for helper columns that no column or let name starts with. */
static void choose_prefix(Sql *s)
{
    const Model *m = s->m;
    size_t n = 1;
    for (;;) {
        memset(s->prefix, '_', n);
        s->prefix[n] = '\0';
        bool clash = false;
        for (int j = 0; j < m->customers.ncols && !clash; j++)
            clash = starts_with(m->customers.cols[j].name, s->prefix);
        for (int i = 0; i < m->nlets && !clash; i++)
            clash = starts_with(m->lets[i].n.name, s->prefix);
        if (!clash || n + 1 >= sizeof s->prefix)
            return;
        n++;
    }
}

static void create_table(const Model *m, FILE *out)
{
    const Customers *cu = &m->customers;
    fputs("-- One row per customer, as in the customer file: numbers in the file's\n"
          "-- units; the view reads a cell that is NULL, '' or blanks as missing.\n"
          "CREATE TABLE customers (", out);
    for (int j = 0; j < cu->ncols; j++) {
        const Column *c = &cu->cols[j];
        fputs("\n  ", out);
        ident(out, c->name);
        bool num = c->kind == COL_NUMBER || c->kind == COL_VOLUME;
        fputs(num ? " DOUBLE PRECISION" : " TEXT", out);
        if (j + 1 < cu->ncols)
            fputc(',', out);
        if (c->unit) {
            fputs("  -- ", out);
            comment_text(out, c->unit);
        }
    }
    fputs("\n);\n\n", out);
}

/* The blanks dairy strips from around an unquoted cell (csv_atom), which
 * SQLite's .import and PostgreSQL's COPY keep: a space and a tab, the tab
 * written as itself (no escape is common to both engines).  TRIM(x, chars)
 * is SQLite's TRIM and PostgreSQL's btrim. */
static const char BLANKS[] = "' \t'";

/* A text cell as dairy reads it: blanks stripped, missing when nothing is
 * left (.import stores an empty cell as '', COPY a quoted one as ''). */
static void text_cell(const char *name, FILE *out)
{
    fputs("NULLIF(TRIM(", out);
    ident(out, name);
    fprintf(out, ", %s), '')", BLANKS);
}

/* A numeric cell stored as a number (a DOUBLE PRECISION column), as text
 * (.import into a column without a type; '' for an empty cell, blanks
 * around a number) or NULL: its double, NULL when missing.  Only the test
 * for an empty cell goes through text: SQLite writes a REAL as text with
 * 15 digits, which would change the number. */
static void number_cell(const char *name, FILE *out)
{
    fputs("CASE WHEN TRIM(CAST(", out);
    ident(out, name);
    fprintf(out, " AS TEXT), %s) = '' THEN NULL ELSE CAST(", BLANKS);
    ident(out, name);
    fputs(" AS DOUBLE PRECISION) END", out);
}

static void base_column(const Column *c, FILE *out)
{
    bool num = c->kind == COL_NUMBER || c->kind == COL_VOLUME;
    if (!num) {
        text_cell(c->name, out);
    } else {
        /* a missing base volume is 0 (docs/language.md, "The customer
         * table", as segment.c reads it) */
        fputs(c->kind == COL_VOLUME ? "COALESCE(" : "", out);
        number_cell(c->name, out);
        fputs(c->kind == COL_VOLUME ? ", 0.0)" : "", out);
        if (c->file_unit.num != 1) {
            fputs(" * ", out);
            number(out, c->file_unit.num, true);
        }
        if (c->file_unit.den != 1) {
            fputs(" / ", out);
            number(out, c->file_unit.den, true);
        }
    }
    fputs(" AS ", out);
    ident(out, c->name);
}

/* A file name as an argument of a sqlite3 dot-command: in double quotes,
 * where the shell reads backslash escapes. */
static void sqlite_arg(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

/* The client command that loads o->load into the table: the header line
 * skipped, columns by position.  psql: an empty cell, quoted or not, is
 * NULL (FORCE_NULL), as in dairy; sqlite3 stores it as '', which the view
 * reads as missing.  Both read a UTF-8 BOM and CRLF line ends. */
static void load_statement(const Model *m, const SqlOptions *o, FILE *out)
{
    const Customers *cu = &m->customers;
    if (o->dialect == SQL_SQLITE) {
        fputs("-- sqlite3: the header line skipped, empty cells stored as ''\n"
              ".import --csv --skip 1 ", out);
        sqlite_arg(out, o->load);
        fputs(" customers\n\n", out);
        return;
    }
    fputs("-- psql: the header line skipped, empty cells (quoted or not) NULL\n"
          "\\copy customers FROM ", out);
    text_literal(out, o->load);
    fputs(" WITH (FORMAT csv, HEADER true, NULL '', FORCE_NULL (", out);
    for (int j = 0; j < cu->ncols; j++) {
        if (j)
            fputs(", ", out);
        ident(out, cu->cols[j].name);
    }
    fputs("), ENCODING 'UTF8')\n\n", out);
}

int emit_sql(const Model *m, const SqlOptions *o, FILE *out)
{
    const Customers *cu = &m->customers;
    Sql s = {.m = m, .out = out, .prev = "base"};
    s.used = xcalloc((size_t)cu->ncols + 1, sizeof(bool));
    choose_prefix(&s);

    fputs("-- dairy emit sql: the customer segments", out);
    if (m->title) {
        fputs(" of \"", out);
        comment_text(out, m->title);
        fputc('"', out);
    }
    fputs(",\n"
          "-- the view customer_segments(id, segment, strategy) over the table customers.\n"
          "-- Runs unchanged on PostgreSQL 15+ and SQLite 3.40+ and gives every customer\n"
          "-- the segment `dairy segment` gives (NULL segment and strategy: no rule\n"
          "-- matched).  quintile(x) = 1 + floor(5 k / n), k the customers with a smaller\n"
          "-- x, n those with an x, is 1 + 5 * (RANK() - 1) / COUNT(x) in integers.\n\n",
          out);
    if (o->load)
        fputs("DROP VIEW IF EXISTS customer_segments;\n"
              "DROP TABLE IF EXISTS customers;\n", out);
    if (o->create_table || o->load)
        create_table(m, out);
    if (o->load)
        load_statement(m, o, out);

    for (int i = 0; i < m->nlets; i++)
        mark_columns(&s, m->lets[i].expr);
    for (int i = 0; i < m->nsegments; i++)
        mark_columns(&s, m->segments[i].when);

    fputs("DROP VIEW IF EXISTS customer_segments;\n"
          "CREATE VIEW customer_segments (id, segment, strategy) AS\n"
          "WITH\n"
          "  -- the columns the rules use, numbers in base units (file value * num / den)",
          out);
    fputs("\n  base AS (\n    SELECT ", out);
    const char *id = cu->id_col >= 0 ? cu->cols[cu->id_col].name : "id";
    text_cell(id, out);
    fputs(" AS ", out);
    ident(out, id);
    for (int j = 0; j < cu->ncols; j++) {
        if (!s.used[j] || j == cu->id_col)
            continue;
        fputs(",\n           ", out);
        base_column(&cu->cols[j], out);
    }
    fputs("\n    FROM customers\n  )", out);

    for (int i = 0; i < m->nlets; i++) {
        const Let *l = &m->lets[i];
        s.note = l;
        if (l->expr->kind == RX_CALL) {
            lift_calls(&s, l->expr, l->n.name);
            continue;
        }
        lift_calls(&s, l->expr, NULL);
        step_open(&s);
        fputc(' ', out);
        expr(&s, l->expr, false);
        fputs(" AS ", out);
        ident(out, l->n.name);
        step_close(&s);
    }
    for (int i = 0; i < m->nsegments; i++)
        if (m->segments[i].when)
            lift_calls(&s, m->segments[i].when, NULL);

    char seg[32];
    snprintf(seg, sizeof seg, "%sseg", s.prefix);
    fputs(",\n  -- the first segment whose condition is true\n  rules AS (\n    SELECT ", out);
    ident(out, id);
    fputs(", ", out);
    if (m->nsegments == 0) {
        fputs("CAST(NULL AS INTEGER)", out);
    } else if (!m->segments[0].when) {
        fputs("1", out);
    } else {
        fputs("CASE", out);
        for (int i = 0; i < m->nsegments; i++) {
            const Segment *sg = &m->segments[i];
            fprintf(out, "\n      -- %s", sg->n.name);
            if (sg->when) {
                fputs(": ", out);
                dairy_expr(out, sg->when);
            }
            fputs("\n      ", out);
            if (!sg->when) {
                fprintf(out, "ELSE %d", i + 1);
                break;
            }
            fputs("WHEN ", out);
            expr(&s, sg->when, true);
            fprintf(out, " THEN %d", i + 1);
        }
        fputs("\n    END", out);
    }
    fputs(" AS ", out);
    ident(out, seg);
    fprintf(out, "\n    FROM %s\n  )\nSELECT ", s.prev);
    ident(out, id);
    for (int pass = 0; pass < 2; pass++) {
        fputs(",\n       ", out);
        if (m->nsegments == 0) {
            fputs("CAST(NULL AS TEXT)", out);
            continue;
        }
        fputs("CASE ", out);
        ident(out, seg);
        for (int i = 0; i < m->nsegments; i++) {
            const Segment *sg = &m->segments[i];
            fprintf(out, "\n         WHEN %d THEN ", i + 1);
            text_literal(out, pass == 0 ? sg->n.name
                              : sg->strategy >= 0 ? m->strategies[sg->strategy].n.name : "");
            if (!sg->when)
                break;
        }
        fputs("\n       END", out);
    }
    fputs("\nFROM rules;\n", out);

    for (int i = 0; i < s.ncalls; i++)
        free(s.call_col[i]);
    free(s.calls);
    free(s.call_col);
    free(s.used);
    return fflush(out) != 0 || ferror(out) ? -1 : 0;
}
