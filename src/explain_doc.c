/* explain_doc.c — how `dairy explain` writes its document in each format:
 * plain text for a terminal, a standalone LaTeX document for pdflatex
 * (texlive-latex-base alone: amsmath and longtable), and one
 * self-contained XHTML page with MathML formulas (no network). */
#include "explain_int.h"

#include "text.h"
#include "xalloc.h"

#include <stdarg.h>
#include <string.h>

/* One UTF-8 character of s at *i into b, for LaTeX: the few typographic
 * ones by their LaTeX names, Latin-1 and Latin Extended-A as they are
 * (utf8 input covers them), anything else a `?` (pdflatex's own fonts
 * have no Cyrillic). */
static void latex_char(Buf *b, const char *s, size_t *i)
{
    static const struct { const char *u, *tex; } named[] = {
        {"–", "--"}, {"—", "---"}, {"’", "'"}, {"‘", "`"}, {"…", "\\ldots{}"},
        {"≤", "$\\le$"}, {"≥", "$\\ge$"}, {"Σ", "$\\Sigma$"}, {"·", "$\\cdot$"},
        {"→", "$\\to$"}, {"×", "$\\times$"}, {"−", "--"},
    };
    for (size_t k = 0; k < sizeof named / sizeof *named; k++) {
        size_t n = strlen(named[k].u);
        if (strncmp(s + *i, named[k].u, n) == 0) {
            buf_puts(b, named[k].tex);
            *i += n;
            return;
        }
    }
    unsigned char c = (unsigned char)s[*i];
    size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    bool latin = n == 2 && c >= 0xc2 && c <= 0xc5;
    if (latin)
        buf_putn(b, s + *i, n);
    else
        buf_putc(b, '?');
    *i += strnlen(s + *i, n);
}

void ex_escape(Buf *b, ExplainFormat f, const char *s)
{
    for (size_t i = 0; s[i];) {
        char c = s[i];
        const char *rep = NULL;
        if (f == EXPLAIN_HTML)
            rep = c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : NULL;
        else if (f == EXPLAIN_LATEX && (unsigned char)c >= 0x80) {
            latex_char(b, s, &i);
            continue;
        } else if (f == EXPLAIN_LATEX)
            rep = c == '\\' ? "\\textbackslash{}" : c == '~' ? "\\textasciitilde{}"
                : c == '^' ? "\\textasciicircum{}" : c == '<' ? "$<$" : c == '>' ? "$>$"
                : c == '|' ? "$|$" : NULL;
        if (f == EXPLAIN_LATEX && !rep && c && strchr("_%&#${}", c))
            buf_putc(b, '\\'); /* then c itself */
        if (rep)
            buf_puts(b, rep);
        else
            buf_putc(b, c);
        i++;
    }
}

/* Write s escaped for the document's format. */
static void put(Doc *d, const char *s)
{
    Buf b = {0};
    ex_escape(&b, d->fmt, s);
    fputs(buf_str(&b), d->out);
    buf_free(&b);
}

static void wrap(Doc *d, const char *text, int indent);

static const char html_head[] =
    "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
    "<meta charset=\"utf-8\"/>\n<title>";
static const char html_style[] =
    "</title>\n<style>\n"
    "body { font-family: Georgia, serif; max-width: 60em; margin: 2em auto; padding: 0 1em; "
    "line-height: 1.4; }\n"
    "table { border-collapse: collapse; margin: 0.5em 0 1em; }\n"
    "th, td { padding: 0.15em 0.7em; border-bottom: 1px solid #ddd; text-align: left; }\n"
    "td.n { text-align: right; font-variant-numeric: tabular-nums; }\n"
    "h3 { margin-bottom: 0.2em; font-size: 1em; } h3 code { font-size: 1.1em; }\n"
    "pre { font-size: 0.85em; white-space: pre-wrap; }\n"
    "math[display=block] { margin: 0.4em 0 0.4em 2em; }\n"
    "</style>\n</head>\n<body>\n";
static const char latex_head[] =
    "\\documentclass[a4paper,10pt]{article}\n"
    "\\usepackage[utf8]{inputenc}\n\\usepackage{amsmath}\n\\usepackage{longtable}\n"
    "\\usepackage[margin=2cm]{geometry}\n"
    "\\setlength{\\parindent}{0pt}\\setlength{\\parskip}{0.5ex}\n"
    "\\begin{document}\n";

void ex_begin(Doc *d, const char *title, const char *subtitle)
{
    if (d->fmt == EXPLAIN_HTML) {
        fputs(html_head, d->out);
        put(d, title);
        fputs(html_style, d->out);
        fputs("<h1>", d->out);
        put(d, title);
        fputs("</h1>\n<p>", d->out);
        put(d, subtitle);
        fputs("</p>\n", d->out);
    } else if (d->fmt == EXPLAIN_LATEX) {
        fputs(latex_head, d->out);
        fputs("\\section*{", d->out);
        put(d, title);
        fputs("}\n", d->out);
        put(d, subtitle);
        fputs("\n\n", d->out);
    } else {
        fprintf(d->out, "%s\n", title);
        wrap(d, subtitle, 0);
    }
}

void ex_end(Doc *d)
{
    if (d->fmt == EXPLAIN_HTML)
        fputs("</body>\n</html>\n", d->out);
    else if (d->fmt == EXPLAIN_LATEX)
        fputs("\\end{document}\n", d->out);
}

void ex_section(Doc *d, const char *title)
{
    static const char *const open[] = {"\n", "\\subsection*{", "<h2>"};
    static const char *const close[] = {"\n", "}\n", "</h2>\n"};
    fputs(open[d->fmt], d->out);
    put(d, title);
    fputs(close[d->fmt], d->out);
}

/* Text: words wrapped at 78 columns under an indent. */
static void wrap(Doc *d, const char *text, int indent)
{
    int col = 0;
    for (const char *w = text; *w;) {
        size_t n = strcspn(w, " ");
        int wn = (int)text_width_n(w, n);
        if (col > indent && col + 1 + wn > 78) {
            fputc('\n', d->out);
            col = 0;
        }
        if (col == 0)
            col = fprintf(d->out, "%*s", indent, "");
        else
            col += fprintf(d->out, " ");
        fwrite(w, 1, n, d->out);
        col += wn;
        w += n;
        w += strspn(w, " ");
    }
    fputc('\n', d->out);
}

static void para(Doc *d, const char *text, int indent)
{
    if (d->fmt == EXPLAIN_TEXT) {
        wrap(d, text, indent);
        return;
    }
    fputs(d->fmt == EXPLAIN_HTML ? "<p>" : "", d->out);
    put(d, text);
    fputs(d->fmt == EXPLAIN_HTML ? "</p>\n" : "\n\n", d->out);
}

void ex_para(Doc *d, const char *text)
{
    para(d, text, 2);
}

void ex_note(Doc *d, const char *text)
{
    para(d, text, 4);
}

void ex_formula(Doc *d, const char *formula)
{
    Buf b = {0};
    explain_math(&b, d->fmt, formula, d->periods);
    static const char *const open[] = {"    ", "\\[ ", ""};
    static const char *const close[] = {"\n", " \\]\n", "\n"};
    fprintf(d->out, "%s%s%s", open[d->fmt], buf_str(&b), close[d->fmt]);
    buf_free(&b);
}

void ex_family(Doc *d, const char *name, const char *title, const char *count)
{
    if (d->fmt == EXPLAIN_TEXT) {
        fprintf(d->out, "\n  %s  %s, %s\n", name, title, count);
        return;
    }
    fputs(d->fmt == EXPLAIN_HTML ? "<h3><code>" : "\\paragraph{\\texttt{", d->out);
    put(d, name);
    fputs(d->fmt == EXPLAIN_HTML ? "</code> " : "} ", d->out);
    put(d, title);
    fputs(", ", d->out);
    put(d, count);
    fputs(d->fmt == EXPLAIN_HTML ? "</h3>\n" : "}\n", d->out);
}

void ex_table(Doc *d, int ncols, const char *const *head)
{
    d->ncols = ncols < EX_TABLE_COLS ? ncols : EX_TABLE_COLS;
    d->ncells = 0;
    memset(d->right, 0, sizeof d->right);
    for (int i = 0; i < d->ncols; i++)
        ex_cell(d, head[i]);
}

void ex_cell(Doc *d, const char *text)
{
    if (d->ncells == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 64;
        d->cells = xrealloc(d->cells, sizeof(Buf) * (size_t)d->cap);
    }
    Buf *b = &d->cells[d->ncells++];
    *b = (Buf){0};
    buf_puts(b, text);
}

void ex_cellf(Doc *d, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    ex_cell(d, tmp);
}

/* A number: digits with at most a sign, a point, an exponent and a `%`. */
static bool numeric(const char *s)
{
    if (*s == '-')
        s++;
    if (!(*s >= '0' && *s <= '9'))
        return false;
    return strspn(s, "0123456789.e+-%") == strlen(s);
}

/* Text: columns padded to their widths, numbers right-aligned. */
static void table_text(Doc *d)
{
    size_t w[EX_TABLE_COLS] = {0};
    for (int i = 0; i < d->ncells; i++) {
        size_t tw = text_width(buf_str(&d->cells[i]));
        w[i % d->ncols] = tw > w[i % d->ncols] ? tw : w[i % d->ncols];
    }
    for (int i = 0; i < d->ncells; i++) {
        int c = i % d->ncols;
        const char *s = buf_str(&d->cells[i]);
        size_t pad = w[c] - text_width(s);
        bool right = i >= d->ncols && d->right[c];
        fprintf(d->out, "%s%*s%s", c == 0 ? "  " : "  ", right ? (int)pad : 0, "", s);
        if (c + 1 == d->ncols)
            fputc('\n', d->out);
        else if (!right)
            fprintf(d->out, "%*s", (int)pad, "");
    }
}

/* LaTeX (longtable) and HTML. */
static void table_markup(Doc *d)
{
    bool html = d->fmt == EXPLAIN_HTML;
    if (html) {
        fputs("<table>\n", d->out);
    } else {
        fputs("\\begin{longtable}{", d->out);
        for (int c = 0; c < d->ncols; c++)
            fputc(d->right[c] ? 'r' : 'l', d->out);
        fputs("}\n", d->out);
    }
    for (int i = 0; i < d->ncells; i++) {
        int c = i % d->ncols;
        bool headrow = i < d->ncols;
        if (html)
            fprintf(d->out, "%s<%s%s>", c == 0 ? "<tr>" : "", headrow ? "th" : "td",
                    !headrow && d->right[c] ? " class=\"n\"" : "");
        else if (c > 0)
            fputs(" & ", d->out);
        put(d, buf_str(&d->cells[i]));
        if (html)
            fprintf(d->out, "</%s>%s", headrow ? "th" : "td", c + 1 == d->ncols ? "</tr>\n" : "");
        else if (c + 1 == d->ncols)
            fputs(headrow ? " \\\\ \\hline\n" : " \\\\\n", d->out);
    }
    fputs(html ? "</table>\n" : "\\end{longtable}\n", d->out);
}

void ex_table_end(Doc *d)
{
    for (int c = 0; c < d->ncols; c++) {
        bool num = false, other = false;
        for (int i = d->ncols + c; i < d->ncells; i += d->ncols) {
            const char *s = buf_str(&d->cells[i]);
            bool n = numeric(s);
            num |= n;
            other |= !n && *s && strcmp(s, "-") != 0;
        }
        d->right[c] = num && !other;
    }
    if (d->fmt == EXPLAIN_TEXT)
        table_text(d);
    else
        table_markup(d);
    for (int i = 0; i < d->ncells; i++)
        buf_free(&d->cells[i]);
    d->ncells = 0;
}

void ex_code_begin(Doc *d)
{
    if (d->fmt == EXPLAIN_HTML)
        fputs("<pre>", d->out);
    else if (d->fmt == EXPLAIN_LATEX)
        fputs("{\\ttfamily\\small\\raggedright\n", d->out);
}

/* LaTeX: a paragraph per line, breaking at its spaces, the rest of a
 * long line indented. */
/* The length of the chunk at w: up to the next ` + `, ` - `, ` <= `,
 * ` >= ` or ` = `, where a long line may break. */
static size_t next_term(const char *w)
{
    size_t n = 1;
    for (; w[n]; n++)
        if (w[n] == ' ' && w[n + 1] && strchr("+-<>=", w[n + 1]) &&
            (w[n + 2] == ' ' || (w[n + 2] == '=' && w[n + 3] == ' ')))
            break;
    return n;
}

void ex_code_line(Doc *d, const char *line)
{
    if (d->fmt == EXPLAIN_LATEX) {
        fputs("\\hangindent=2em\\hangafter=1 ", d->out);
        put(d, line);
        fputs("\\par\n", d->out);
        return;
    }
    /* text and HTML: broken at spaces past 78 columns, the rest of the
     * line indented by 6 */
    Buf b = {0};
    size_t col = 0, indent = d->fmt == EXPLAIN_TEXT ? 2 : 0;
    buf_spaces(&b, indent);
    col = indent;
    for (const char *w = line; *w;) {
        size_t n = next_term(w);
        if (col + n > 78 && col > indent + 6 && *w == ' ') {
            buf_putc(&b, '\n');
            buf_spaces(&b, indent + 4);
            col = indent + 4;
        }
        buf_putn(&b, w, n);
        col += n;
        w += n;
    }
    buf_putc(&b, '\n');
    if (d->fmt == EXPLAIN_HTML)
        put(d, buf_str(&b));
    else
        fputs(buf_str(&b), d->out);
    buf_free(&b);
}

void ex_code_end(Doc *d)
{
    if (d->fmt == EXPLAIN_HTML)
        fputs("</pre>\n", d->out);
    else if (d->fmt == EXPLAIN_LATEX)
        fputs("}\n", d->out);
}
