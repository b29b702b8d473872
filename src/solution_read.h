/* solution_read.h — `dairy run --solution FILE`: a plan solved by another
 * program, read onto the program dairy builds, so that every report (the
 * plan, duals in words, scenarios) works with any solver.
 *
 * Two formats, told apart by their first line:
 * - glpsol's raw solution (`glpsol ... --write FILE`): `c` comment lines,
 *   then `s bas` (simplex), `s ipt` (interior point) or `s mip`; read by
 *   GLPK itself (glp_read_sol, glp_read_ipt, glp_read_mip) onto the
 *   program, row and column by position, so their counts must be the
 *   program's.  The comment `c Objective: ... (MINimum)` or `(MAXimum)`,
 *   when there, must be the model's sense;
 * - CBC's (`cbc FILE.mps [max] solve [printingOptions all] solu FILE`): a
 *   status line `Optimal - objective value 123.5`, then a line per column,
 *   `INDEX NAME VALUE REDUCED_COST` (by default only the columns that are
 *   not zero), and with `printingOptions all` first a line per row, `INDEX
 *   NAME ACTIVITY DUAL` (the index starts at 0 again at the first column).
 *   A line may start with `**` (a value CBC finds out of bounds).  Names are
 *   matched to the program's (those `dairy emit lp|mps` writes).
 * Either way the plan must fit the program: each name known, every row's
 * activity (computed from the columns) and every column within its bounds
 * to 1e-6 relative, a plant decision 0 or 1, and the objective the file
 * states equal to the plan's.  What does not fit is an error that says
 * what and where (a plan of another model or scenario, or a maximising
 * model solved as a minimum: MPS does not carry the sense).
 *
 * Duals: the file's when it has them (glpsol's simplex and interior point,
 * CBC's with `printingOptions all`); a MIP's solution has none, so its
 * report has no shadow prices. */
#ifndef DAIRY_SOLUTION_READ_H
#define DAIRY_SOLUTION_READ_H

#include "lp.h"
#include "solve.h"

#include <stddef.h>

/* Read path onto lp into sol (as solve_run would fill it; free it with
 * solve_free).  Returns 0, or -1 with the reason in err (sol then empty). */
int solution_read(Lp *lp, const char *path, Solution *sol, char *err, size_t errsize);

#endif
