/* explain_math.c — the formulas of lp_family.c in text, LaTeX or MathML.
 *
 * The notation is small on purpose: names (`x`, `supply_lo`), each with
 * an optional index list in brackets (`x[f,p@]`, `@` the period index
 * when there are periods), sums `sum{p}` and `sum{k: grade[k] >= g}`,
 * numbers, `in`, and the operators `<=`, `>=`, `=`, `+`, `-`, `*`, `:`,
 * `,`, parentheses and braces.  A formula is read a token at a time and
 * each token written in the target form; index lists and sum ranges are
 * formulas themselves, written recursively. */
#include "explain.h"

#include <string.h>

typedef enum { T_NAME, T_NUM, T_OP, T_SUM, T_AT } TokKind;

typedef struct {
    TokKind k;
    const char *s;        /* the token's text */
    size_t n;
    const char *sub;      /* T_NAME: its index list; T_SUM: its range */
    size_t nsub;          /* 0: none */
    bool space;           /* written after a space */
} Tok;

static bool is_name_char(char c, bool first)
{
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (!first && c >= '0' && c <= '9');
}

/* The text between an opening bracket at s[i] and its match: start and
 * length in *sub, *nsub; returns the index after the closing bracket. */
static size_t bracketed(const char *s, size_t n, size_t i, const char **sub, size_t *nsub)
{
    char open = s[i], close = open == '[' ? ']' : '}';
    int depth = 0;
    size_t j = i;
    for (; j < n; j++) {
        depth += s[j] == open;
        depth -= s[j] == close;
        if (depth == 0)
            break;
    }
    *sub = s + i + 1;
    *nsub = j - i - 1;
    return j < n ? j + 1 : n;
}

/* The token at s[i] (after spaces) into *t; returns the index after it. */
static size_t next_tok(const char *s, size_t n, size_t i, Tok *t)
{
    *t = (Tok){.space = false};
    while (i < n && s[i] == ' ') {
        t->space = true;
        i++;
    }
    t->s = s + i;
    t->k = T_OP;
    if (i >= n)
        return n; /* t->n 0: the end */
    size_t j = i;
    if (is_name_char(s[i], true)) {
        while (j < n && is_name_char(s[j], false))
            j++;
        t->k = T_NAME;
        t->n = j - i;
        bool sum = t->n == 3 && memcmp(t->s, "sum", 3) == 0;
        if (j < n && (s[j] == '[' || (sum && s[j] == '{'))) {
            t->k = sum ? T_SUM : T_NAME;
            j = bracketed(s, n, j, &t->sub, &t->nsub);
        }
        return j;
    }
    if (s[i] >= '0' && s[i] <= '9') {
        while (j < n && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.'))
            j++;
        t->k = T_NUM;
        t->n = j - i;
        return j;
    }
    t->k = s[i] == '@' ? T_AT : T_OP;
    t->n = (s[i] == '<' || s[i] == '>') && i + 1 < n && s[i + 1] == '=' ? 2 : 1;
    return i + t->n;
}

/* An operator in the target form: [text, LaTeX, MathML]. */
static const char *op_form(const Tok *t, ExplainFormat f)
{
    static const struct { const char *op, *form[3]; } ops[] = {
        {"<=", {"≤", "\\le", "≤"}}, {">=", {"≥", "\\ge", "≥"}}, {"*", {"·", "\\cdot", "·"}},
        {"-", {"−", "-", "−"}}, {"{", {"{", "\\{", "{"}}, {"}", {"}", "\\}", "}"}},
    };
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
        if (strlen(ops[i].op) == t->n && memcmp(ops[i].op, t->s, t->n) == 0)
            return ops[i].form[f];
    return NULL;
}

static void render(Buf *b, ExplainFormat f, const char *s, size_t n, bool periods);

/* A name with its index list, text `x[f,p]`, LaTeX `x_{f,p}`, MathML
 * msub; `in` is the set relation. */
static void put_name(Buf *b, ExplainFormat f, const Tok *t, bool periods)
{
    bool in = t->n == 2 && memcmp(t->s, "in", 2) == 0 && !t->nsub;
    static const char *const in_form[] = {"∈", "\\in", "<mo>∈</mo>"};
    if (in) {
        buf_puts(b, in_form[f]);
        return;
    }
    if (f == EXPLAIN_HTML && t->nsub)
        buf_puts(b, "<msub>");
    if (f == EXPLAIN_HTML)
        buf_puts(b, "<mi>");
    if (f == EXPLAIN_LATEX && t->n > 1)
        buf_puts(b, "\\mathit{");
    for (size_t i = 0; i < t->n; i++) {
        if (f == EXPLAIN_LATEX && t->s[i] == '_')
            buf_putc(b, '\\');
        buf_putc(b, t->s[i]);
    }
    if (f == EXPLAIN_LATEX && t->n > 1)
        buf_putc(b, '}');
    if (f == EXPLAIN_HTML)
        buf_puts(b, "</mi>");
    if (!t->nsub)
        return;
    static const char *const open[] = {"[", "_{", "<mrow>"};
    static const char *const close[] = {"]", "}", "</mrow></msub>"};
    buf_puts(b, open[f]);
    render(b, f, t->sub, t->nsub, periods);
    buf_puts(b, close[f]);
}

/* A sum over its range: text Σ_p or Σ_{k: ...}, LaTeX \sum_{...}, MathML
 * munder. */
static void put_sum(Buf *b, ExplainFormat f, const Tok *t, bool periods)
{
    bool simple = t->nsub == 1;
    static const char *const open[] = {"Σ_{", "\\sum_{", "<munder><mo>∑</mo><mrow>"};
    static const char *const close[] = {"}", "}", "</mrow></munder>"};
    buf_puts(b, f == EXPLAIN_TEXT && simple ? "Σ_" : open[f]);
    render(b, f, t->sub, t->nsub, periods);
    buf_puts(b, f == EXPLAIN_TEXT && simple ? "" : close[f]);
}

static void put_tok(Buf *b, ExplainFormat f, const Tok *t, bool periods)
{
    const char *form;
    switch (t->k) {
    case T_NAME:
        put_name(b, f, t, periods);
        break;
    case T_SUM:
        put_sum(b, f, t, periods);
        break;
    case T_AT:
        if (periods)
            buf_puts(b, f == EXPLAIN_HTML ? "<mo>,</mo><mi>t</mi>" : ",t");
        break;
    case T_NUM:
        buf_puts(b, f == EXPLAIN_HTML ? "<mn>" : "");
        buf_putn(b, t->s, t->n);
        buf_puts(b, f == EXPLAIN_HTML ? "</mn>" : "");
        break;
    case T_OP:
        form = op_form(t, f);
        buf_puts(b, f == EXPLAIN_HTML ? "<mo>" : "");
        if (form)
            buf_puts(b, form);
        else
            buf_putn(b, t->s, t->n);
        buf_puts(b, f == EXPLAIN_HTML ? "</mo>" : "");
        break;
    }
}

/* Whether b ends with a LaTeX control word (`\cdot`), which a letter
 * after it would lengthen. */
static bool control_word_end(const Buf *b)
{
    size_t i = b->len;
    while (i > 0 && ((b->s[i - 1] >= 'a' && b->s[i - 1] <= 'z') ||
                     (b->s[i - 1] >= 'A' && b->s[i - 1] <= 'Z')))
        i--;
    return i < b->len && i > 0 && b->s[i - 1] == '\\';
}

/* Spaces: text and LaTeX keep the formula's own, LaTeX adds one after a
 * control word (`\cdot y`); MathML none. */
static void render(Buf *b, ExplainFormat f, const char *s, size_t n, bool periods)
{
    for (size_t i = 0; i < n;) {
        Tok t;
        i = next_tok(s, n, i, &t);
        if (t.n == 0)
            break; /* nothing left but spaces */
        if ((t.space && f != EXPLAIN_HTML) || (f == EXPLAIN_LATEX && control_word_end(b)))
            buf_putc(b, ' ');
        put_tok(b, f, &t, periods);
    }
}

void explain_math(Buf *out, ExplainFormat f, const char *formula, bool periods)
{
    if (f == EXPLAIN_HTML)
        buf_puts(out, "<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\">"
                      "<mrow>");
    render(out, f, formula, strlen(formula), periods);
    if (f == EXPLAIN_HTML)
        buf_puts(out, "</mrow></math>");
}
