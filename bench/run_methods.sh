#!/usr/bin/env bash
# bench/run_methods.sh — GLPK's methods and settings on the LP benchmark's
# instances (issue 14; results and the choice made in bench/README.md,
# "Choosing GLPK's method").
#
# For each size, bench/gen_lp.c writes the instance of bench/run_lp.sh
# (build/bench/methods/vN/) and `dairy emit lp` its program; then
# bench/lp_methods.c (linked against build/libdairy.a) solves the LP
# relaxation with each method of BENCH_METHODS, one process per run, and
# prints its CPU time (the least of BENCH_METHODS_RUNS runs), objective,
# simplex iterations and sifting rounds.  Every objective must equal the
# first method's, and glpsol's (`glpsol --lp FILE --nomip`, up to
# BENCH_METHODS_GLPSOL_MAX variables) to 1e-6 relative.  A run is killed
# after BENCH_METHODS_TIMEOUT seconds (reported as `>T`), and a method that
# hit the timeout is not run on larger sizes.  The load average is printed
# beside each size.  Exits 1 when objectives disagree, 2 when it cannot run.
#
#   BENCH_METHODS_SIZES="22500 50000 168000"   target variables
#   BENCH_METHODS="..."                        methods (solve_method_parse words; see below)
#   BENCH_METHODS_RUNS=2                       runs per method (least CPU kept)
#   BENCH_METHODS_TIMEOUT=300                  seconds per run
#   BENCH_METHODS_GLPSOL_MAX=200000            largest size glpsol checks
#   BENCH_METHODS_KIND=mip                     `lp`: gen_lp --lp
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=build/bench/methods
SIZES=${BENCH_METHODS_SIZES:-22500 50000 168000}
RUNS=${BENCH_METHODS_RUNS:-2}
TIMEOUT=${BENCH_METHODS_TIMEOUT:-300}
GLPSOL_MAX=${BENCH_METHODS_GLPSOL_MAX:-200000}
KIND=${BENCH_METHODS_KIND:-mip}
# sift=0,presolve is what dairy did before issue 14 (GLPK's defaults:
# primal simplex, projected steepest edge, Harris' ratio test, presolve)
METHODS=${BENCH_METHODS:-sift=0,presolve sift=0,nopresolve sift=0,presolve,dual sift=0,nopresolve,dual sift=0,nopresolve,dualp sift=0,nopresolve,dual,flip sift=0,presolve,std sift=0,nopresolve,rstd sift=0,presolve,scale=gm+eq+2n sift=0,presolve,scale=auto sift=0,nopresolve,basis=adv sift=0,nopresolve,basis=cpx sift=0,ipm sift=1 sift=3 sift=5 sift=10 sift=3,dual,flip sift=3,scale=gm+eq+2n sift=3,ipm}
case $KIND in
mip) GENOPT= ;;
lp) GENOPT=--lp ;;
*) echo "bench methods: BENCH_METHODS_KIND must be mip or lp" >&2; exit 2 ;;
esac
for tool in cc glpsol timeout awk; do
    command -v $tool >/dev/null || { echo "bench methods: \`$tool\` is missing" >&2; exit 2; }
done
mkdir -p "$OUT"
make -s build/dairy build/libdairy.a >/dev/null || { echo "bench methods: build failed" >&2; exit 2; }
cp build/dairy "$OUT/dairy.tmp" && mv "$OUT/dairy.tmp" "$OUT/dairy"
cc -std=c11 -O2 -Wall -Wextra -Werror bench/gen_lp.c -o "$OUT/gen_lp" -lm
cc -std=c11 -O2 -Wall -Wextra -Werror bench/lp_methods.c build/libdairy.a -o "$OUT/lp_methods" -lglpk -lm

agree() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; s = (a < 0 ? -a : a); if (s < 1) s = 1; exit !(d <= 1e-6 * s) }'; }
field() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<<"$2"; }

failed=0
declare -A dead=()
RES=$OUT/results.txt
{
    echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(uname -m); least CPU s of $RUNS runs"
    printf '%-8s %-36s %9s %7s %6s %-18s %s\n' vars method cpu_s iters rounds objective load
} | tee "$RES"
for n in $SIZES; do
    dir=$OUT/v$n
    mkdir -p "$dir"
    vars=$("$OUT/gen_lp" $GENOPT "$dir" "$n" | awk '{ print $6 }')
    "$OUT/dairy" emit lp "$dir/model.dairy" -o "$dir/m.lp"
    ref=
    if [ "$n" -le "$GLPSOL_MAX" ]; then
        glpsol --lp "$dir/m.lp" --nomip -o "$dir/glpsol.sol" >"$dir/glpsol.log" 2>&1 || true
        ref=$(sed -n 's/^Objective: *[A-Za-z_0-9]* = \([-0-9.eE+]*\).*/\1/p' "$dir/glpsol.sol" | head -1)
    fi
    for meth in $METHODS; do
        if [ -n "${dead[$meth]:-}" ]; then
            printf '%-8s %-36s %9s\n' "$vars" "$meth" "skipped" | tee -a "$RES"
            continue
        fi
        best='' line='' r=0
        while [ "$r" -lt "$RUNS" ]; do
            r=$((r + 1))
            set +e
            out=$(timeout "$TIMEOUT" "$OUT/lp_methods" "$dir/m.lp" "$meth")
            rc=$?
            set -e
            if [ "$rc" = 124 ]; then best=">$TIMEOUT" line=""; dead[$meth]=1; break; fi
            cpu=$(field cpu "$out")
            if [ -z "$best" ] || awk -v a="$cpu" -v b="$best" 'BEGIN { exit !(a < b) }'; then
                best=$cpu line=$out
            fi
        done
        obj=$(field obj "$line")
        if [ -n "$obj" ]; then
            [ -n "$ref" ] || ref=$obj
            if ! agree "$obj" "$ref"; then
                echo "bench methods: v$n $meth: objective $obj, expected $ref" >&2
                failed=1
            fi
        fi
        printf '%-8s %-36s %9s %7s %6s %-18s %s\n' "$vars" "$meth" "$best" \
            "$(field iters "$line")" "$(field rounds "$line")" "${obj:--}" \
            "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$RES"
    done
done
exit $failed
