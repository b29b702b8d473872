/* solve_ctl.h — bounded runs: a time limit, a MIP gap, Ctrl-C and the
 * progress line, for every LP and MIP one `dairy run` solves.
 *
 * The control is process-wide (GLPK's own hooks are): solve_ctl_begin()
 * before the first solve of a run, solve_ctl_end() after its report is
 * written.  Between the two, SIGINT only sets a flag; the solve in progress
 * stops at its next check and keeps what it has (solve.c reads the best plan
 * so far).  Without solve_ctl_begin(), or after solve_ctl_end(), every
 * function here is a no-op and the solves run exactly as before.
 *
 * How GLPK is stopped (GLPK 5.0 has no simplex callback, and copies
 * glp_smcp's limits when it starts):
 * - the simplex runs in chunks: glp_simplex with it_lim set to a number of
 *   iterations that depends on the problem's size only (so a run that is
 *   not stopped takes the same path on every machine), each chunk starting
 *   from the basis the last one left, and the flag and the clock checked
 *   between two.  A presolved solve that stops leaves no basis, so under a
 *   time limit no chunk is presolved, and without one only the first (a
 *   solve that ends within it is the one without the control, byte for
 *   byte; the next start again from the basis before it).  tm_lim carries the time limit into a chunk;
 * - the branch and bound: glp_iocp's callback (solve_ctl_node) calls
 *   glp_ios_terminate; tm_lim and mip_gap are glp_iocp's own.
 * The progress line reads the simplex's display lines (msg_lev GLP_MSG_ON,
 * every out_frq ms, through solve.c's glp_term_hook hook) and the
 * branch-and-bound tree. */
#ifndef DAIRY_SOLVE_CTL_H
#define DAIRY_SOLVE_CTL_H

#include <glpk.h>
#include <stdbool.h>

typedef enum { CTL_RUNNING, CTL_TIME_LIMIT, CTL_INTERRUPTED } CtlStop;

typedef struct {
    double time_limit; /* seconds for the whole run (every case); 0: none */
    double gap;        /* MIP: stop at this relative gap; 0: prove the optimum */
    bool progress;     /* the progress line on stderr, once a solve lasts 1 s */
    bool sigint;       /* SIGINT stops the solve instead of the process */
} CtlOptions;

/* Start the clock, catch SIGINT (with o->sigint).  For tests, with a time
 * limit, the environment variable DAIRY_TEST_STOP=N makes the limit fall
 * after N simplex iterations (over the run's LPs), DAIRY_TEST_STOP_NODES=N
 * once the branch and bound has more than N subproblems, instead of on the
 * clock: a test's partial plan is then deterministic. */
void solve_ctl_begin(const CtlOptions *o);
/* The solves are over: clear the progress line (before the report goes
 * to a terminal it may share) and show it no more. */
void solve_ctl_solved(void);
/* Clear the progress line, restore SIGINT's disposition. */
void solve_ctl_end(void);

/* Between solve_ctl_begin and solve_ctl_end. */
bool solve_ctl_on(void);
/* Why the run stopped (sticky: once stopped, every later solve of the run
 * stops at once); CTL_RUNNING while it may go on. */
CtlStop solve_ctl_stopped(void);
/* Check the flag and the clock now (and record a stop). */
CtlStop solve_ctl_check(void);

/* glp_simplex(P, p) under the control: p's msg_lev, out_frq and tm_lim
 * adjusted, p watched while it runs.  Returns glp_simplex's code; after a
 * stop (GLP_EITLIM or GLP_ETMLIM), solve_ctl_stopped() says why.  P's
 * status then says what it holds (glp_get_prim_stat: a feasible basis). */
int solve_ctl_simplex(glp_prob *P, glp_smcp *p);
/* The control's settings of a branch and bound: msg_lev, tm_lim, mip_gap. */
void solve_ctl_iocp(glp_iocp *p);
/* Call from glp_iocp's callback: the stop check (glp_ios_terminate), the
 * best bound and the progress line. */
void solve_ctl_node(glp_tree *T);
/* A bound known before the search (the LP relaxation's objective). */
void solve_ctl_set_bound(double bound);
/* The best bound the last branch and bound reached (NAN: none). */
double solve_ctl_bound(void);

/* Every message GLPK prints (from solve.c's glp_term_hook hook): the
 * simplex's display lines are read for the progress line.  Returns true
 * when the message is one of those lines. */
bool solve_ctl_message(const char *s);

/* The relative gap between a plan's objective and a bound, as GLPK
 * computes it: |obj - bound| / (|obj| + DBL_EPSILON); NAN without both. */
double solve_ctl_gap(double obj, double bound);

#endif
