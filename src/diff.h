/* diff.h — two versions of a model compared by meaning (language.md,
 * "Model diffs for git"; docs/diff.md).
 *
 * Both sides are checked models: names are resolved and every quantity is
 * in base units, so `9 t` and `9_000 kg` are the same supply, and layout,
 * comments, `use` and the file a table came from are not compared at all.
 * What differs becomes a list of items (added, removed, changed), in a
 * fixed order: the model's header, then each kind of thing in the order
 * of model.h, each in the new model's declaration order with what the old
 * one alone has after it.  --plan adds the items of the two plans. */
#ifndef DAIRY_DIFF_H
#define DAIRY_DIFF_H

#include "arena.h"
#include "model.h"

#include <stdbool.h>
#include <stdio.h>

typedef enum { DIFF_ADDED, DIFF_REMOVED, DIFF_CHANGED } DiffOp;

/* A value as printed (text) and, when it is a number or a range, in base
 * units (unit: the base unit, "" for a ratio, NULL when not a number). */
typedef struct {
    const char *text;       /* NULL: no value on this side */
    bool number, range;     /* range: lo..hi, else the number is hi */
    double lo, hi;
    const char *unit;
} DiffVal;

/* One difference.  `kind` and `name` say what it is about ("farm",
 * "north"; "route", "north → city_dairy"; "plan", "profit"), `what` the
 * property that changed, or NULL when the thing itself was added or
 * removed: then `before`/`after` hold its description. */
typedef struct {
    DiffOp op;
    bool plan;              /* an item of --plan */
    const char *kind, *name, *what;
    DiffVal before, after;
    const char *change;     /* --plan: the difference, signed ("+190 t") */
    const char *note;       /* instead of a value: "1 200 more customers
                               changed" (the rest of a long list) */
} DiffItem;

typedef struct {
    Arena arena;            /* every string of the items */
    DiffItem *items;
    int n, cap;
    int nplan;              /* items with plan set */
    bool planned;           /* diff_plans ran: the text says so when the
                               plans are the same */
} DiffList;

void diff_init(DiffList *d);
void diff_free(DiffList *d);

/* Append what differs from model a (old) to model b (new). */
void diff_models(DiffList *d, const Model *a, const Model *b);

/* --plan: how far a flow may move, in t, before it is reported; a
 * shadow price or the objective's parts move when they differ in the
 * printed (cent) digits. */
#define DIFF_TOLERANCE 0.001

typedef struct {
    double tolerance;       /* t; DIFF_TOLERANCE by default */
} DiffPlanOptions;

/* Solve the base case of a and of b and append what changed in the plan:
 * the status, the objective and its parts, flows that moved by more than
 * the tolerance, limits that started or stopped binding, shadow prices
 * that changed.  Returns 0, or -1 when GLPK failed on either (said on
 * stderr). */
int diff_plans(DiffList *d, const Model *a, const Model *b, const DiffPlanOptions *o);

/* The items as text (docs/diff.md), old and new naming the two sides in
 * the heading of the plan's part; nothing at all when there are none.
 * Returns 0, or -1 when writing failed. */
int diff_write_text(const DiffList *d, FILE *out);
/* The same as one JSON document (docs/schema/diff.schema.json). */
int diff_write_json(const DiffList *d, const char *old, const char *new_, bool plan,
                    FILE *out);

/* `dairy diff ARGS` (arguments after the command word), with the
 * folders of `use std.NAME`: the exit status, 0 the models mean the same,
 * 1 they differ, 2 an error (said on stderr). */
int diff_command(int argc, char **argv, const char *const *std_dirs, int nstd);

#endif
