/* explain_int.h — what the explain files share (prefix ex_): a document
 * written the same way in text, LaTeX and HTML.  explain.c says what to
 * write (sets, parameters, variables, constraints, objective),
 * explain_expand.c every row, explain_doc.c how each format writes it. */
#ifndef DAIRY_EXPLAIN_INT_H
#define DAIRY_EXPLAIN_INT_H

#include "buf.h"
#include "explain.h"

#include <stdbool.h>
#include <stdio.h>

enum { EX_TABLE_COLS = 16 };

typedef struct {
    ExplainFormat fmt;
    FILE *out;
    bool periods;          /* formulas gain the period index t */
    /* the table being written: cells row by row, printed at its end (text
     * pads its columns to their widths) */
    Buf *cells;
    int ncols, ncells, cap;
    bool right[EX_TABLE_COLS]; /* column right-aligned (numbers) */
} Doc;

void ex_begin(Doc *d, const char *title, const char *subtitle);
void ex_end(Doc *d);
void ex_section(Doc *d, const char *title);
/* A paragraph of plain text (escaped for the format). */
void ex_para(Doc *d, const char *text);
/* A paragraph under a family or a term (text: indented further). */
void ex_note(Doc *d, const char *text);
/* A displayed formula in the notation of explain_math.c. */
void ex_formula(Doc *d, const char *formula);
/* A family of rows or columns: its name pattern (`supply(f)`), a few
 * words, and a count ("2 rows"). */
void ex_family(Doc *d, const char *name, const char *title, const char *count);
/* A table of ncols columns (at most EX_TABLE_COLS) under the head cells;
 * then its cells row by row with ex_cell, and ex_table_end. */
void ex_table(Doc *d, int ncols, const char *const *head);
void ex_cell(Doc *d, const char *text);
void ex_cellf(Doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ex_table_end(Doc *d);
/* Lines of the program as the solver sees them (--expand): code in text
 * and HTML, inline math in LaTeX.  ex_code_begin/end around them. */
void ex_code_begin(Doc *d);
void ex_code_line(Doc *d, const char *line);
void ex_code_end(Doc *d);
/* s escaped for the format: LaTeX specials, HTML's &, < and >. */
void ex_escape(Buf *b, ExplainFormat f, const char *s);

/* explain_expand.c: every row, the objective and the bounds. */
void ex_expand(Doc *d, const Lp *lp);
/* A number as the LP file writes it (%.15g). */
void ex_num(Buf *b, double v);

#endif
