/* diff_int.h — what the files of `dairy diff` share (diff.h is the public
 * side); nothing outside diff*.c includes it.
 *
 *   diff.c        the list of items, numbers as text, the text and JSON output
 *   diff_model.c  the header, components, grades, products, farms, plants
 *                 and their lines and stores, markets and their demand,
 *                 routes, transport
 *   diff_rules.c  strategies, customers, lets, segments, scenarios, periods
 *   diff_plan.c   --plan: the two base plans
 *   diff_git.c    --git REV: the files of a commit in a scratch folder
 *   diff_cmd.c    the command line of `dairy diff`
 */
#ifndef DAIRY_DIFF_INT_H
#define DAIRY_DIFF_INT_H

#include "buf.h"
#include "diff.h"

#include <stdbool.h>

/* Two numbers are the same when they agree to 12 significant digits: a
 * value converted from another unit (`9_000 kg`) may be a last bit away
 * from the one written in base units. */
bool df_same(double a, double b);

/* A number (range false: the number is hi) or a range in base units, and
 * how it is printed: `unit` after it ("t", "BYN/t"; NULL none), or with
 * percent set as a percentage (0.85 is "85%", `unit` then being its base
 * unit ""). */
typedef struct {
    bool range, percent;
    double lo, hi;
    const char *unit;
} DfNum;

static inline DfNum df_q(double v, const char *unit)
{
    return (DfNum){false, false, 0, v, unit};
}
static inline DfNum df_r(Range r, const char *unit)
{
    return (DfNum){true, false, r.lo, r.hi, unit};
}
static inline DfNum df_pct(double v)
{
    return (DfNum){false, true, 0, v, ""};
}

/* v as text with `digits` significant digits, thousands apart by a space
 * ("9 000", "0.45", "1e+20"); a range lo..hi, or hi alone when lo is 0
 * (as the language writes `380 t`); then the unit. */
void df_put_num(Buf *b, DfNum v, int digits);
/* A number printf wrote in fixed notation (an optional sign, digits, an
 * optional fraction), its integer part's thousands apart by a space. */
void df_put_grouped(Buf *b, const char *s);
/* The same with 10 significant digits, into the list's arena. */
const char *df_num_text(DiffList *d, DfNum v);

/* A new item; kind, name and what must outlive the list (literals, the
 * models' names, or df_strdup). */
DiffItem *df_item(DiffList *d, DiffOp op, const char *kind, const char *name, const char *what);
const char *df_strdup(DiffList *d, const char *s);
/* Something added or removed, with its description (NULL: none). */
void df_added(DiffList *d, const char *kind, const char *name, const char *desc);
void df_removed(DiffList *d, const char *kind, const char *name, const char *desc);

/* A property that is a number or range: an item when a and b differ,
 * printed with as many digits as it takes to tell them apart.  Returns
 * whether they differ. */
bool df_num(DiffList *d, const char *kind, const char *name, const char *what, DfNum a, DfNum b);
/* A property given on one side only (has_a, has_b), or on both. */
void df_num_opt(DiffList *d, const char *kind, const char *name, const char *what, bool has_a,
                DfNum a, bool has_b, DfNum b);
/* A property that is text (NULL: none, printed `none`; quoted: as a label). */
bool df_str(DiffList *d, const char *kind, const char *name, const char *what, const char *a,
            const char *b, bool quoted);

/* The unit of money per t, money, money per t per km, in the model's
 * currency ("BYN/t"); into the list's arena. */
const char *df_money(DiffList *d, const Model *m, const char *per);

/* A label in double quotes, as the language writes it, into b. */
void df_put_label(Buf *b, const char *s);

/* Two lists of things matched by key (a name, or "plant\x1fproduct"):
 * a_of_b[j] is the index in a of the j-th of b, or -1; b_of_a the other
 * way.  Keys are unique within each list (the checker sees to it). */
typedef struct {
    int *a_of_b, *b_of_a;
} DfMatch;

void df_match(DfMatch *mt, const char *const *ka, int na, const char *const *kb, int nb);
/* The same for arrays of structs of `size` bytes that start with a Named. */
void df_match_named(DfMatch *mt, const void *a, int na, const void *b, int nb, size_t size);
void df_match_free(DfMatch *mt);

/* ------------------------------------------------------------ diff_rules.c */

void df_rules(DiffList *d, const Model *a, const Model *b);

/* The statements of a scenario or period as the language writes them
 * (`scale farm * supply 85%`), numbers with `digits` significant digits. */
void df_put_action(Buf *b, const Model *m, const ScenarioAction *act, int digits);

/* ------------------------------------------------------------ diff_git.c */

/* The files of a commit in a scratch folder. */
typedef struct {
    char *scratch;          /* the scratch folder, removed by df_git_free */
    char *tree;             /* the commit's files, laid out as in the repository */
    char *rel;              /* the model's path inside the repository */
    char *label;            /* "REV:path/in/repo.dairy", naming the old side */
} GitTree;

/* Write the files of commit rev of the repository that holds `model` into
 * a scratch folder.  0, or -1 after saying why on stderr (no git, not a
 * repository, no such commit, the model not in it). */
int df_git_tree(GitTree *t, const char *rev, const char *model);
/* Remove the scratch folder and free t (a zeroed t is fine). */
void df_git_free(GitTree *t);

#endif
