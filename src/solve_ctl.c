/* solve_ctl.c — bounded runs: the clock, Ctrl-C, the MIP gap and the
 * progress line (see solve_ctl.h for how GLPK is stopped).
 *
 * One run at a time, so the state is static.  The signal handler only sets
 * a sig_atomic_t; everything else happens where GLPK calls back (its term
 * hook, its branch-and-bound callback) or between two solves. */
#include "solve_ctl.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum {
    OUT_FRQ_MS = 200,     /* how often GLPK's simplex reports (and is checked) */
    PROGRESS_DELAY = 1,   /* seconds of solving before the progress line shows */
    PROGRESS_WIDTH = 120, /* the longest progress line */
    CHUNK_MIN = 100,      /* simplex iterations between two checks (chunk_size) */
    CHUNK_MAX = 5000
};

static volatile sig_atomic_t got_sigint;

static struct {
    bool on;              /* between solve_ctl_begin and solve_ctl_end */
    CtlOptions o;
    struct timespec start;
    CtlStop stop;         /* sticky */
    long test_stop;       /* DAIRY_TEST_STOP: simplex iterations; 0: none */
    long test_nodes;      /* DAIRY_TEST_STOP_NODES: subproblems; 0: none */
    long test_used;       /* simplex iterations counted against test_stop */
    double bound;         /* the branch and bound's best bound, NAN: none */
    double last_show;     /* when the progress line was last written */
    int shown;            /* its length on screen, 0: none */
    bool sig_caught;      /* the old SIGINT disposition is in old_int */
    struct sigaction old_int;
} ctl = {.bound = NAN};

static void on_sigint(int sig)
{
    (void)sig;
    got_sigint = 1;
}

static double elapsed(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - ctl.start.tv_sec) + (now.tv_nsec - ctl.start.tv_nsec) / 1e9;
}

void solve_ctl_begin(const CtlOptions *o)
{
    ctl.on = true;
    ctl.o = *o;
    ctl.stop = CTL_RUNNING;
    ctl.bound = NAN;
    ctl.last_show = 0;
    ctl.shown = 0;
    ctl.test_used = 0;
    const char *t = getenv("DAIRY_TEST_STOP");
    ctl.test_stop = o->time_limit > 0 && t ? strtol(t, NULL, 10) : 0;
    t = getenv("DAIRY_TEST_STOP_NODES");
    ctl.test_nodes = o->time_limit > 0 && t ? strtol(t, NULL, 10) : 0;
    got_sigint = 0;
    clock_gettime(CLOCK_MONOTONIC, &ctl.start);
    ctl.sig_caught = false;
    if (o->sigint) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_sigint;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART; /* the report's writes go on undisturbed */
        ctl.sig_caught = sigaction(SIGINT, &sa, &ctl.old_int) == 0;
    }
}

static void progress_clear(void)
{
    if (ctl.shown > 0)
        fprintf(stderr, "\r%*s\r", ctl.shown, "");
    fflush(stderr);
    ctl.shown = 0;
}

void solve_ctl_solved(void)
{
    progress_clear();
    ctl.o.progress = false;
}

void solve_ctl_end(void)
{
    if (!ctl.on)
        return;
    progress_clear();
    if (ctl.sig_caught)
        sigaction(SIGINT, &ctl.old_int, NULL);
    ctl.sig_caught = false;
    ctl.on = false;
}

bool solve_ctl_on(void)
{
    return ctl.on;
}

CtlStop solve_ctl_stopped(void)
{
    return ctl.on ? ctl.stop : CTL_RUNNING;
}

CtlStop solve_ctl_check(void)
{
    if (!ctl.on)
        return CTL_RUNNING;
    if (ctl.stop == CTL_RUNNING && got_sigint)
        ctl.stop = CTL_INTERRUPTED;
    if (ctl.stop == CTL_RUNNING && ctl.o.time_limit > 0 && !ctl.test_stop && !ctl.test_nodes &&
        elapsed() >= ctl.o.time_limit)
        ctl.stop = CTL_TIME_LIMIT;
    return ctl.stop;
}

/* Milliseconds left of the time limit, at least 1; INT_MAX: no limit. */
static int remaining_ms(void)
{
    if (ctl.o.time_limit <= 0 || ctl.test_stop || ctl.test_nodes)
        return INT_MAX;
    double ms = ceil((ctl.o.time_limit - elapsed()) * 1000);
    return ms < 1 ? 1 : ms > INT_MAX - 1 ? INT_MAX - 1 : (int)ms;
}

/* Write the progress line (one line, refreshed with \r, padded over the
 * last one) when it is wanted, the solve has lasted PROGRESS_DELAY and the
 * last refresh is OUT_FRQ_MS old. */
static void progress_show(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void progress_show(const char *fmt, ...)
{
    if (!ctl.o.progress)
        return;
    double t = elapsed();
    if (t < PROGRESS_DELAY || (ctl.shown && t - ctl.last_show < OUT_FRQ_MS / 1000.0))
        return;
    char line[PROGRESS_WIDTH + 1];
    int n = snprintf(line, sizeof line, "dairy: ");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
    va_end(ap);
    size_t len = strlen(line);
    snprintf(line + len, sizeof line - len, ", %.1f s", t);
    len = strlen(line);
    fprintf(stderr, "\r%s%*s", line, ctl.shown > (int)len ? ctl.shown - (int)len : 0, "");
    fflush(stderr);
    if ((int)len > ctl.shown)
        ctl.shown = (int)len;
    ctl.last_show = t;
}

/* Simplex iterations between two checks: a second or two's worth, from
 * the problem's size alone (an iteration costs about its number of
 * columns; 80 000 columns run some 700 a second here), so that where a
 * run restarts, and so its path, is the same on every machine.  Each
 * restart costs a factorization and the pricing weights: at 1e8 / size the
 * 80 000-variable LP takes 4 % more CPU than in one go, at 3e7 / size 35 %. */
static int chunk_size(glp_prob *P)
{
    double n = (double)glp_get_num_cols(P) + glp_get_num_rows(P);
    double k = 1e8 / (n > 1 ? n : 1);
    return k < CHUNK_MIN ? CHUNK_MIN : k > CHUNK_MAX ? CHUNK_MAX : (int)k;
}

int solve_ctl_simplex(glp_prob *P, glp_smcp *p)
{
    if (!ctl.on)
        return glp_simplex(P, p);
    if (solve_ctl_check() != CTL_RUNNING)
        return GLP_EITLIM; /* not started: P holds no solution of this solve */
    /* the display lines feed the progress line (solve_ctl_message) */
    if (p->msg_lev < GLP_MSG_ON)
        p->msg_lev = GLP_MSG_ON;
    p->out_frq = OUT_FRQ_MS;
    /* a presolved solve that stops leaves nothing behind (glp_simplex
     * recovers the original problem's solution only from an optimum): under
     * a time limit no chunk is presolved, so that the limit finds a basis;
     * else the first chunk runs as the caller asks and, presolved and not
     * done, the next start again without presolve (its iterations lost),
     * each from the basis the last one left */
    int it_lim = p->it_lim, tm_lim = p->tm_lim, presolve = p->presolve;
    if (ctl.o.time_limit > 0)
        p->presolve = GLP_OFF;
    int chunk = chunk_size(P), used = 0, rc;
    for (;;) {
        int ms = remaining_ms(), lim = chunk;
        if (it_lim - used < lim)
            lim = it_lim - used;
        if (ctl.test_stop && ctl.test_stop - ctl.test_used < lim)
            lim = (int)(ctl.test_stop - ctl.test_used);
        if (lim <= 0) { /* DAIRY_TEST_STOP's iterations are spent */
            ctl.stop = CTL_TIME_LIMIT;
            rc = GLP_EITLIM;
            break;
        }
        p->it_lim = lim;
        p->tm_lim = ms < tm_lim ? ms : tm_lim;
        int before = glp_get_it_cnt(P);
        rc = glp_simplex(P, p);
        int n = glp_get_it_cnt(P) - before;
        used += n;
        ctl.test_used += n;
        if (rc == GLP_ETMLIM && ms < tm_lim && ctl.stop == CTL_RUNNING)
            ctl.stop = CTL_TIME_LIMIT;
        if (rc != GLP_EITLIM || used >= it_lim)
            break; /* done, failed, or the caller's own iteration limit */
        p->presolve = GLP_OFF;
        if (ctl.test_stop && ctl.test_used >= ctl.test_stop && ctl.stop == CTL_RUNNING)
            ctl.stop = CTL_TIME_LIMIT;
        if (solve_ctl_check() != CTL_RUNNING)
            break;
        progress_show("simplex phase %d, iteration %d, objective %.6g",
                      glp_get_prim_stat(P) == GLP_FEAS ? 2 : 1, glp_get_it_cnt(P),
                      glp_get_obj_val(P));
    }
    p->it_lim = it_lim;
    p->tm_lim = tm_lim;
    p->presolve = presolve;
    return rc;
}

void solve_ctl_iocp(glp_iocp *p)
{
    if (!ctl.on)
        return;
    int ms = remaining_ms();
    if (ms < p->tm_lim)
        p->tm_lim = ms;
    if (ctl.o.gap > 0)
        p->mip_gap = ctl.o.gap;
}

void solve_ctl_set_bound(double bound)
{
    ctl.bound = bound;
}

double solve_ctl_bound(void)
{
    return ctl.bound;
}

double solve_ctl_gap(double obj, double bound)
{
    if (isnan(obj) || isnan(bound))
        return NAN;
    return fabs(obj - bound) / (fabs(obj) + DBL_EPSILON);
}

void solve_ctl_node(glp_tree *T)
{
    if (!ctl.on)
        return;
    int best = glp_ios_best_node(T);
    if (best)
        ctl.bound = glp_ios_node_bound(T, best);
    int active, current, total;
    glp_ios_tree_size(T, &active, &current, &total);
    if (ctl.test_nodes && total > ctl.test_nodes && ctl.stop == CTL_RUNNING)
        ctl.stop = CTL_TIME_LIMIT;
    if (solve_ctl_check() != CTL_RUNNING) {
        glp_ios_terminate(T);
        return;
    }
    glp_prob *P = glp_ios_get_prob(T);
    int st = glp_mip_status(P);
    if (st == GLP_FEAS || st == GLP_OPT)
        progress_show("MIP %d nodes (%d open), incumbent %.4g, bound %.4g, gap %.2f%%", total,
                      active, glp_mip_obj_val(P), ctl.bound, 100 * glp_ios_mip_gap(T));
    else
        progress_show("MIP %d nodes (%d open), no incumbent yet, bound %.4g", total, active,
                      ctl.bound);
}

bool solve_ctl_message(const char *s)
{
    if (!ctl.on)
        return false;
    /* "*  1234: obj =  1.234567890e+05 inf =  0.000e+00 (12)": '*' is the
     * second phase (the basis is feasible), ' ' the first; the dual simplex
     * prints the same shape */
    char mark = s[0], word[8];
    int it;
    double obj;
    if (!(mark == ' ' || mark == '*') || sscanf(s + 1, "%d: %7s = %lf", &it, word, &obj) != 3)
        return false;
    progress_show("simplex phase %d, iteration %d, objective %.6g", mark == '*' ? 2 : 1, it,
                  obj);
    return true;
}
