/* emit_mathprog_int.h — what the MathProg writer's files share
 * (emit_mathprog.c: the program of a model without periods and the data
 * writers; emit_mathprog_periods.c: the program with periods;
 * emit_mathprog_tab.c: numbers, names and data tables).  Prefix mp_. */
#ifndef DAIRY_EMIT_MATHPROG_INT_H
#define DAIRY_EMIT_MATHPROG_INT_H

#include "lp.h"
#include "model.h"

#include <stdbool.h>
#include <stdio.h>

typedef struct {
    FILE *out;
    bool bad;             /* a number MathProg cannot read (not finite) */
} W;

/* The shortest of %.15g, %.16g, %.17g that reads back as v. */
void mp_num_text(W *w, double v, char *buf, size_t size);

/* Set element names for n entities of one kind ('f' farms, 'p' plants,
 * 'k' products, 'c' components, 'g' grades, 't' periods, 'm' markets),
 * unique within the set; mp_free_idents frees them. */
char **mp_idents(const Model *m, char kind, int n);
void mp_free_idents(char **v, int n);

/* A data table: rows of cells printed in aligned columns, each row with an
 * optional trailing comment (emit_mathprog_tab.c). */
typedef struct {
    int ncols;
    int nleft;            /* the first nleft columns (names) align left */
    int width[8];         /* widest cell of each column */
    char *buf;
    size_t len, cap;
    int nrows;
    int col;              /* cells of the row being filled */
} Table;

void mp_tab_init(Table *t, int ncols, int nleft);
void mp_tab_cell(Table *t, const char *s);
void mp_tab_num(W *w, Table *t, double v);
void mp_tab_note(Table *t, const char *a, const char *b);
void mp_tab_print(W *w, Table *t, const char *head);
/* `set NAME := a b c;`, wrapped before column 78. */
void mp_set_line(W *w, const char *name, char **elems, int n);
/* A label or a name lp_ident replaced, as the comment of the row just
 * completed. */
void mp_note_named(Table *t, const Named *n, const char *ident);
/* Text for a one-line `#` comment: control characters become spaces. */
void mp_comment_text(FILE *out, const char *s);

/* What of components and grades the model has. */
bool mp_has_components(const Model *m);
bool mp_has_grades(const Model *m);
bool mp_has_pay_by(const Model *m);

/* What the data section's steps share: the identifiers of each kind of
 * entity, and one scratch array long enough for the elements of any set.
 * With periods (T > 0) every table of what a period can change gets the
 * period as its last key, and each part (lp_part) gives its period's
 * numbers; without, the one part is lp itself. */
typedef struct {
    W *w;
    const Lp *lp;
    const Model *m;
    const char *cur;
    char **farm, **plant, **prod, **mkt;
    char **comp, **grade;   /* NULL without components / grades */
    char **period;          /* NULL without periods */
    int T;                  /* lp->nperiods */
    char **list;
} Data;

/* A set whose n elements were built into D->list (xstrdup): written, then
 * freed. */
void mp_built_set(Data *D, const char *name, int n);

/* The text that declares `pay by` (the same with and without periods). */
extern const char mp_model_pay_by[];

/* The model section of a model with periods (emit_mathprog_periods.c). */
void mp_periods_model(const Lp *lp, FILE *out, const char *cur);
/* The sets and parameters only a model with periods has: the periods, the
 * predecessor of each, the stores. */
void mp_periods_sets(Data *D);
void mp_periods_stores(Data *D);

#endif
