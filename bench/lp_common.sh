# shellcheck shell=bash disable=SC2034
# bench/lp_common.sh — what bench/run_lp.sh and bench/run_lp_periods.sh
# share; sourced (not run) from the repository's top folder, with OUT set
# to the script's output folder.
#
#   lp_setup      checks the tools (glpsol, cc, awk, GNU time), sets DAIRY
#                 (BENCH_DAIRY, or a private copy of build/dairy in $OUT),
#                 builds $OUT/gen_lp, build/unit/test_emit_mps and the
#                 glp_write_mps timer $OUT/mps_timer.so (SHIM; empty if it
#                 cannot be built)
#   measure       best wall time and peak RSS of a command over several runs
#   mps_dims      rows, columns, non-zeros of an MPS file, as glpsol reads it
#   agree         two numbers equal to 1e-6 relative
#   tune_mod      the hand-tuned MathProg of a model without periods
#   tune_mod_periods   the same for a model with periods

lp_setup() {
    for tool in glpsol cc awk; do
        if ! command -v $tool >/dev/null; then
            echo "bench lp: \`$tool\` is missing (make deps installs glpk-utils)" >&2
            exit 2
        fi
    done
    if [ ! -x /usr/bin/time ]; then
        echo "bench lp: installing GNU time"
        SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
        $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq time >/dev/null
    fi

    # The compiler: a private copy, so that a rebuild by someone else halfway
    # through does not disturb the runs.
    if [ -n "${BENCH_DAIRY:-}" ]; then
        DAIRY=$BENCH_DAIRY
    else
        for _ in 1 2 3; do
            [ -x build/dairy ] && break
            make -s build/dairy >/dev/null 2>&1 || sleep 2
        done
        if [ ! -x build/dairy ]; then
            echo "bench lp: build/dairy is missing and \`make build/dairy\` failed" >&2
            exit 2
        fi
        cp build/dairy "$OUT/dairy.tmp" && mv "$OUT/dairy.tmp" "$OUT/dairy"
        DAIRY=$OUT/dairy
    fi

    cc -std=c11 -O2 -Wall -Wextra -Werror bench/gen_lp.c -o "$OUT/gen_lp" -lm
    if ! make -s build/unit/test_emit_mps >/dev/null; then
        echo "bench lp: cannot build build/unit/test_emit_mps" >&2
        exit 2
    fi
    SHIM=
    if cc -std=c11 -shared -fPIC -O2 -Wall -Wextra -Werror bench/mps_timer.c -o "$OUT/mps_timer.so" -ldl; then
        SHIM=$(realpath "$OUT/mps_timer.so")
    else
        echo "bench lp: cannot build bench/mps_timer.c; the MPS writer is not timed apart" >&2
    fi
}

# measure MAXRUNS BUDGET_S LOG CMD...: runs CMD (stdout and stderr to LOG)
# up to MAXRUNS times, stopping early once the runs so far took BUDGET_S
# seconds (0: no budget).  Sets BEST_NS, PEAK_KB, NRUN and RC (the status
# of the last run; a nonzero status stops the repetition), WRITE_NS: the
# time the best run spent in glp_write_mps (0 if none or no shim), and
# CPU_NS: the least user + system time of a run (what other jobs on the
# machine disturb less than the wall time).
measure() {
    local maxruns=$1 budget=$2 log=$3 t0 t1 ns kb w cpu spent=0
    shift 3
    BEST_NS='' PEAK_KB=0 NRUN=0 RC=0 WRITE_NS=0 CPU_NS=
    while [ "$NRUN" -lt "$maxruns" ]; do
        rm -f "$log.mps_time"
        t0=$(date +%s%N)
        set +e
        if [ -n "$SHIM" ]; then
            MPS_TIMER_LOG=$log.mps_time LD_PRELOAD=$SHIM \
                /usr/bin/time -f '%e %M %U %S' -o "$log.time" "$@" >"$log" 2>&1
        else
            /usr/bin/time -f '%e %M %U %S' -o "$log.time" "$@" >"$log" 2>&1
        fi
        RC=$?
        set -e
        t1=$(date +%s%N)
        NRUN=$((NRUN + 1))
        ns=$((t1 - t0))
        kb=$(awk 'END { print $2 }' "$log.time")
        cpu=$(awk 'END { printf "%.0f", ($3 + $4) * 1e9 }' "$log.time")
        w=0
        [ -s "$log.mps_time" ] && w=$(awk '{ s += $1 } END { printf "%.0f", s * 1e9 }' "$log.mps_time")
        if [ -z "$BEST_NS" ] || [ "$ns" -lt "$BEST_NS" ]; then BEST_NS=$ns WRITE_NS=$w; fi
        if [ "${kb:-0}" -gt "$PEAK_KB" ]; then PEAK_KB=$kb; fi
        if [ -z "$CPU_NS" ] || [ "${cpu:-0}" -lt "$CPU_NS" ]; then CPU_NS=${cpu:-0}; fi
        [ "$RC" = 0 ] || break
        spent=$((spent + ns))
        if [ "$budget" != 0 ] && [ "$spent" -ge $((budget * 1000000000)) ]; then break; fi
    done
}

# rows, columns and non-zeros as glpsol reads an MPS file
mps_dims() {
    glpsol --freemps "$1" --check 2>&1 |
        sed -n 's/^\([0-9]*\) rows, \([0-9]*\) columns, \([0-9]*\) non-zeros$/\1 \2 \3/p' | head -1
}

# agree A B: equal to 1e-6 relative (absolute near zero)
agree() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; s = (a < 0 ? -a : a); if (s < 1) s = 1; exit !(d <= 1e-6 * s) }'; }

# glpsol_solve MOD DIR N WHO: glpsol solves MOD into DIR/glpsol.sol (best of
# $RUNS within $BUDGET s, --tmlim $TMLIM), setting s_ns, s_kb, s_n, s_cpu
# and theirs (its objective; empty without an optimum).  A time limit adds
# to notes; any other failure is said (WHO: the script) and sets failed=1.
glpsol_solve() {
    local mod=$1 dir=$2 n=$3 who=$4
    measure "$RUNS" "$BUDGET" "$dir/solve.log" glpsol --math "$mod" -o "$dir/glpsol.sol" --tmlim "$TMLIM"
    s_ns=$BEST_NS s_kb=$PEAK_KB s_n=$NRUN s_cpu=$CPU_NS theirs=
    if [ "$RC" = 0 ] && grep -q '^Status: *\(INTEGER \)\?OPTIMAL' "$dir/glpsol.sol"; then
        theirs=$(sed -n 's/^Objective: *[A-Za-z_]* = \([-0-9.eE+]*\).*/\1/p' "$dir/glpsol.sol" | head -1)
    elif grep -q 'TIME LIMIT EXCEEDED' "$dir/solve.log"; then
        notes+=("v$n: glpsol hit --tmlim $TMLIM; its time is the limit, not a solve")
    else
        echo "$who: glpsol did not solve v$n to optimality, see $dir/solve.log" >&2
        failed=1
    fi
}

# objectives_agree N WHO: agreed=yes when $ours and $theirs are both there
# and agree to 1e-6; when they differ, says so and sets failed=1.
objectives_agree() {
    local n=$1 who=$2
    agreed=no
    if [ -n "$ours" ] && [ -n "$theirs" ]; then
        if agree "$ours" "$theirs"; then
            agreed=yes
        else
            echo "$who: objectives differ on v$n: dairy $ours, glpsol $theirs" >&2
            failed=1
        fi
    fi
}

# The hand-tuned MathProg: the same model, with the product balance summed
# over an indexed set (the classes of one product) instead of filtering all
# classes, and without the `check` statement.  Prints nothing and fails if
# the emitted text is not the expected one.
tune_mod() {
    local in=$1 out=$2
    awk '
        /^check\{\(p,d\) in SHIPS\}: \(p, class_product\[d\]\) in LINES;$/ { n1++; next }
        /^s\.t\. stock\{\(p,k\) in LINES\}:$/ {
            print "set CLASSES_OF{k in PRODUCTS} := setof{d in CLASSES: class_product[d] = k} d;"
            n2++
        }
        {
            if (sub(/sum\{d in CLASSES: class_product\[d\] = k and \(p,d\) in SHIPS\}/,
                    "sum{d in CLASSES_OF[k]: (p,d) in SHIPS}")) n3++
            print
        }
        END { exit !(n1 == 1 && n2 == 1 && n3 == 1) }' "$in" >"$out"
}


# tune_mod_periods IN OUT: the hand-tuned MathProg of a model with periods
# (src/emit_mathprog_periods.c).  The emitted product balance
#   stock{(p,k) in LINES, t in PERIODS}:
#       sum{(q,d,u) in SHIPS: q = p and u = t and class_product[d,u] = k} ...
#     + sum{(q,j) in STORES: q = p and j = k} (inv[q,j,t] - ...)
# scans every shipment of every period for each of its P·K·T rows, which is
# quadratic in the size (P²·M·K²·T² tests).  Here it sums over an indexed
# set CLASSES_OF[k,t] (built once per product and period) with one
# membership test per class, the store term is a sum over {k}, and the
# `check` statement goes.  The program is the same: glpsol writes the same
# MPS bytes from both files but for the NAME line.  Prints nothing and fails
# if the emitted text is not the expected one.
tune_mod_periods() {
    local in=$1 out=$2
    awk '
        /^check\{\(p,d,t\) in SHIPS\}: \(p, class_product\[d,t\]\) in LINES;$/ { n1++; next }
        /^s\.t\. stock\{\(p,k\) in LINES, t in PERIODS\}:$/ {
            print "set CLASSES_OF{k in PRODUCTS, t in PERIODS} :="
            print "    setof{(d,u) in CLASSES: u = t and class_product[d,u] = k} d;"
            n2++
        }
        {
            if (sub(/sum\{\(q,d,u\) in SHIPS: q = p and u = t and class_product\[d,u\] = k\} s\[q,d,u\]/,
                    "sum{d in CLASSES_OF[k,t]: (p,d,t) in SHIPS} s[p,d,t]")) n3++
            if (sub(/sum\{\(q,j\) in STORES: q = p and j = k\}/, "sum{j in {k}: (p,j) in STORES}")) {
                n4++
                fix = 1
            } else if (fix) {
                n5 += gsub(/\[q,j/, "[p,j")
                fix = 0
            }
            print
        }
        END { exit !(n1 == 1 && n2 == 1 && n3 == 1 && n4 == 1 && n5 == 3) }' "$in" >"$out"
}
