/* mps_timer.c — an LD_PRELOAD shim for bench/run_lp.sh: times GLPK's MPS
 * writer inside `glpsol --wfreemps`, which calls glp_write_mps from
 * libglpk.so.  Each call appends its wall time in seconds, one line, to
 * the file named by MPS_TIMER_LOG (nothing is written when it is unset).
 * The benchmark subtracts it from glpsol's time, so that glpsol's MathProg
 * translator proper can be compared with the whole of `dairy emit mps`.
 * dairy no longer calls glp_write_mps (src/emit_mps.c writes the same
 * bytes itself), so under the shim it logs nothing and its time is whole.
 *
 *   cc -shared -fPIC -O2 bench/mps_timer.c -o mps_timer.so -ldl
 *   MPS_TIMER_LOG=t.txt LD_PRELOAD=./mps_timer.so glpsol --check --math M.mod --wfreemps x.mps */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef struct glp_prob glp_prob;
typedef struct glp_mpscp glp_mpscp;

int glp_write_mps(glp_prob *P, int fmt, const glp_mpscp *parm, const char *fname);

int glp_write_mps(glp_prob *P, int fmt, const glp_mpscp *parm, const char *fname)
{
    static int (*real)(glp_prob *, int, const glp_mpscp *, const char *);
    if (!real) {
        *(void **)&real = dlsym(RTLD_NEXT, "glp_write_mps");
        if (!real) {
            fputs("mps_timer: glp_write_mps not found\n", stderr);
            abort();
        }
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = real(P, fmt, parm, fname);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    const char *log = getenv("MPS_TIMER_LOG");
    if (log) {
        FILE *f = fopen(log, "a");
        if (f) {
            fprintf(f, "%.6f\n", (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9);
            fclose(f);
        }
    }
    return rc;
}
