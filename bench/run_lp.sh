#!/usr/bin/env bash
# bench/run_lp.sh — model generation and end-to-end benchmark of dairy
# against glpsol on the same program (run by `make bench` after the check
# benchmark, or on its own).
#
# For each size, bench/gen_lp.c writes a dense regional instance (F farms,
# P plants, K products, M markets, all routes) as .dairy + CSV under
# build/bench/lp/vN/, and `dairy emit mathprog` writes the same program as
# one GNU MathProg file (model and data).  Then, best wall time of
# BENCH_LP_RUNS runs, peak RSS over the runs (/usr/bin/time):
#
#   dairy emit mps MODEL                         generation (dairy)
#   glpsol --check --math X.mod --wfreemps F     translation (glpsol)
#   glpsol --check --math TUNED.mod --wfreemps F the same, on a hand-tuned
#                                                .mod (see bench/README.md)
#   dairy run MODEL --format json                end to end (dairy)
#   glpsol --math X.mod -o SOL --tmlim T         end to end (glpsol)
#
# `dairy emit mps` writes the file with its own writer (src/emit_mps.c),
# which gives the bytes GLPK's glp_write_mps gives: the benchmark checks
# that on every instance (build/unit/test_emit_mps MODEL compiles the model
# and writes it both ways).  glpsol writes with glp_write_mps;
# bench/mps_timer.c (an LD_PRELOAD shim) times that call, so the table also
# shows glpsol's translation without its writer, against our whole command.
#
# The script checks that both problems have the same rows, columns and non-zeros
# and that the two objectives agree to 1e-6 relative.  A solve is repeated
# only while its runs so far took less than BENCH_LP_SOLVE_BUDGET seconds.
# Exits 1 if a command fails or the results disagree, 2 if the benchmark
# cannot run.  The aims (largest size: generation >= 10x faster than
# glpsol's translator and < 10% of `dairy run`) are reported; with
# BENCH_STRICT=1 a miss also exits 1.
#
#   BENCH_LP_SIZES="1000 5000 20000 50000 100000 200000"  target variables
#   BENCH_LP_RUNS=5            runs per command (best time kept)
#   BENCH_LP_SOLVE_BUDGET=60   seconds after which a solve is not repeated
#   BENCH_LP_TMLIM=1800        glpsol --tmlim for the full solve
#   BENCH_LP_KIND=mip          `lp`: no optional plants (gen_lp --lp), a plain LP
#   BENCH_DAIRY=path           the binary to measure (default: a copy of build/dairy)
#   BENCH_LPP=0                skip bench/run_lp_periods.sh (the same on 12 periods), run after
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=build/bench/lp
SIZES=${BENCH_LP_SIZES:-1000 5000 20000 50000 100000 200000}
RUNS=${BENCH_LP_RUNS:-5}
BUDGET=${BENCH_LP_SOLVE_BUDGET:-60}
TMLIM=${BENCH_LP_TMLIM:-1800}
KIND=${BENCH_LP_KIND:-mip}
case $KIND in
mip) GENOPT= ;;
lp) GENOPT=--lp ;;
*) echo "bench lp: BENCH_LP_KIND must be mip or lp, not \`$KIND'" >&2; exit 2 ;;
esac
AIM_RATIO=10
AIM_SHARE=10
mkdir -p "$OUT"

# shared with bench/run_lp_periods.sh: the tools, the binary ($DAIRY),
# gen_lp, the MPS timer shim ($SHIM), measure, mps_dims, agree, tune_mod
# shellcheck source=bench/lp_common.sh
. bench/lp_common.sh
lp_setup

printf 'dairy generation / solve benchmark — %s, %s cores, %s, best of %s runs (solves: while under %s s)\n' \
    "$(date -u +%Y-%m-%d)" "$(nproc)" "$(uname -m)" "$RUNS" "$BUDGET"
printf '%s; %s\n\n' "$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //')" \
    "$(glpsol --version | head -1)"

failed=0
rows=()   # one line of numbers per size, for the table
notes=()
for n in $SIZES; do
    dir=$OUT/v$n
    mkdir -p "$dir"
    F='' P='' K='' M='' NOPT='' VARS=''
    # shellcheck disable=SC2086
    read -r F P K M NOPT VARS < <("$OUT/gen_lp" $GENOPT "$dir" "$n") || true
    if [ -z "$VARS" ]; then
        echo "bench lp: gen_lp $GENOPT $dir $n failed" >&2
        failed=1
        continue
    fi
    echo "size $n: $F farms, $P plants ($NOPT optional), $K products, $M markets: $VARS variables"
    if ! "$DAIRY" emit mathprog "$dir/model.dairy" -o "$dir/model.mod" 2>"$dir/emit_mathprog.err"; then
        echo "bench lp: \`dairy emit mathprog\` failed on $dir/model.dairy:" >&2
        head -20 "$dir/emit_mathprog.err" >&2
        failed=1
        continue
    fi
    tuned=1
    tune_mod "$dir/model.mod" "$dir/tuned.mod" || tuned=0

    # (a) generation
    measure "$RUNS" 0 "$dir/emit.log" "$DAIRY" emit mps "$dir/model.dairy" -o "$dir/dairy.mps"
    e_ns=$BEST_NS e_kb=$PEAK_KB
    [ "$RC" = 0 ] || { echo "bench lp: dairy emit mps failed ($RC), see $dir/emit.log" >&2; failed=1; continue; }
    measure "$RUNS" 0 "$dir/translate.log" glpsol --check --math "$dir/model.mod" --wfreemps "$dir/glpsol.mps"
    g_ns=$BEST_NS g_kb=$PEAK_KB g_w=$WRITE_NS
    [ "$RC" = 0 ] || { echo "bench lp: glpsol --check failed ($RC), see $dir/translate.log" >&2; failed=1; continue; }
    t_ns=0
    if [ "$tuned" = 1 ]; then
        measure "$RUNS" 0 "$dir/translate_tuned.log" glpsol --check --math "$dir/tuned.mod" --wfreemps "$dir/tuned.mps"
        t_ns=$BEST_NS
        [ "$RC" = 0 ] || { echo "bench lp: glpsol --check on the tuned .mod failed ($RC)" >&2; failed=1; t_ns=0; }
    fi
    same=no
    if build/unit/test_emit_mps "$dir/model.dairy" >"$dir/same.log" 2>&1; then
        same=yes
    else
        echo "bench lp: dairy's MPS is not what glp_write_mps writes for v$n, see $dir/same.log" >&2
        failed=1
    fi
    d1=$(mps_dims "$dir/dairy.mps"); d2=$(mps_dims "$dir/glpsol.mps")
    if [ -z "$d1" ] || [ "$d1" != "$d2" ]; then
        echo "bench lp: the MPS files differ in size: dairy '$d1', glpsol '$d2'" >&2
        failed=1
    fi
    if [ "$tuned" = 1 ] && [ "$t_ns" != 0 ] && [ "$(mps_dims "$dir/tuned.mps")" != "$d2" ]; then
        echo "bench lp: the tuned .mod gives another problem size" >&2
        failed=1
    fi

    # (b) end to end
    measure "$RUNS" "$BUDGET" "$dir/run.log" "$DAIRY" run "$dir/model.dairy" --format json -o "$dir/run.json"
    r_ns=$BEST_NS r_kb=$PEAK_KB r_n=$NRUN
    ours=
    if [ "$RC" = 0 ]; then
        ours=$(sed -n 's/^ *"objective": \([-0-9.eE+]*\).*/\1/p' "$dir/run.json" | head -1)
    else
        echo "bench lp: dairy run exited with $RC, see $dir/run.log" >&2
        failed=1
    fi
    glpsol_solve "$dir/model.mod" "$dir" "$n" "bench lp"
    objectives_agree "$n" "bench lp"
    [ "$r_n" = "$RUNS" ] && [ "$s_n" = "$RUNS" ] ||
        notes+=("v$n: dairy run best of $r_n, glpsol solve best of $s_n (solve budget $BUDGET s)")
    rows+=("$VARS $e_ns $e_kb $g_ns $g_kb $t_ns $r_ns $r_kb $s_ns $s_kb $agreed $g_w $same")
done

set +e
printf '%s\n' "${rows[@]}" | awk -v aim_r="$AIM_RATIO" -v aim_s="$AIM_SHARE" '
    function sec(ns) { return ns / 1e9 }
    BEGIN {
        printf "| %9s | %15s | %5s | %16s | %5s | %14s | %21s | %15s | %6s | %14s | %5s |\n",
            "variables", "dairy emit mps", "same", "glpsol translate", "ratio", "tuned .mod",
            "glpsol w/o MPS writer", "dairy run", "share", "glpsol solve", "obj ="
        printf "| %9s | %15s | %5s | %16s | %5s | %14s | %21s | %15s | %6s | %14s | %5s |\n",
            "", "s / MB", "bytes", "s / MB", "", "s (ratio)", "s (ratio)", "s / MB", "", "s / MB", ""
        printf "|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n", "----------:", "----------------:", ":-----:",
            "-----------------:", "------:", "---------------:", "----------------------:",
            "----------------:", "-------:", "---------------:", ":-----:"
    }
    {
        e = sec($2); g = sec($4); t = sec($6); r = sec($7); s = sec($9); gw = sec($12)
        tuned = t > 0 ? sprintf("%.3f (%.1fx)", t, t / e) : "-"
        own = gw > 0 ? sprintf("%.3f (%.1fx)", g - gw, (g - gw) / e) : "-"
        printf "| %9d | %5.3f / %6.1f | %5s | %6.3f / %6.1f | %4.1fx | %14s | %21s | %6.2f / %6.1f | %5.2f%% | %5.2f / %6.1f | %5s |\n",
            $1, e, $3 / 1024, $13, g, $5 / 1024, g / e, tuned, own, r, $8 / 1024, 100 * e / r,
            s, $10 / 1024, $11
        last_v = $1; last_ratio = g / e; last_share = 100 * e / r; last_t = t > 0 ? t / e : 0
        last_own = gw > 0 ? (g - gw) / e : 0; last_w = gw > 0 ? 100 * gw / g : 0
        pe = e; pg = g; pr = r; nv++
        if (nv == 1) { fe = e; fg = g; fr = r; fv = $1 }
    }
    END {
        if (!nv) exit 4
        print ""
        if (nv > 1)
            printf "growth from %d to %d variables (x%.0f): dairy emit x%.1f, glpsol translate x%.1f, dairy run x%.1f\n",
                fv, last_v, last_v / fv, pe / fe, pg / fg, pr / fr
        ok_r = last_ratio >= aim_r; ok_s = last_share < aim_s
        printf "largest (%d variables): generation %.1fx faster than glpsol'"'"'s translator (aim >= %dx: %s", last_v, last_ratio, aim_r, (ok_r ? "met" : "MISSED")
        if (last_t) printf "; %.1fx against the tuned .mod", last_t
        printf "), %.2f%% of dairy run (aim < %d%%: %s)\n", last_share, aim_s, (ok_s ? "met" : "MISSED")
        if (last_own)
            printf "glp_write_mps is %.0f%% of glpsol'"'"'s time; without it, glpsol still translates %.1fx slower than dairy generates and writes\n", last_w, last_own
        if (!ok_r || !ok_s) exit 3
    }' | tee "$OUT/results.txt"
aims=${PIPESTATUS[1]}
set -e
for note in "${notes[@]+"${notes[@]}"}"; do echo "note: $note" | tee -a "$OUT/results.txt"; done

cat <<EOF

Profiling \`dairy emit mps\` (see bench/README.md):
  valgrind --tool=callgrind --callgrind-out-file=$OUT/callgrind.out $DAIRY emit mps $OUT/v50000/model.dairy -o /tmp/x.mps
  callgrind_annotate --inclusive=yes $OUT/callgrind.out | head -60
EOF

if [ "$aims" != 0 ] && [ "$aims" != 3 ]; then
    echo "bench lp: no results table (status $aims)" >&2
    failed=1
fi

# The same benchmark on a year of 12 periods (bench/run_lp_periods.sh),
# with the same binary.  BENCH_LPP=0 skips it (it takes about 15 minutes).
if [ "${BENCH_LPP:-1}" != 0 ]; then
    echo
    if ! BENCH_DAIRY=$DAIRY bash bench/run_lp_periods.sh; then
        echo "bench lp: the benchmark of 12 periods (bench/run_lp_periods.sh) failed" >&2
        failed=1
    fi
fi
if [ "$failed" != 0 ]; then
    echo "bench lp: FAILED (see the messages above)" >&2
    exit 1
fi
if [ "$aims" = 3 ] && [ "${BENCH_STRICT:-0}" = 1 ]; then
    echo "bench lp: the largest size misses an aim (BENCH_STRICT=1)" >&2
    exit 1
fi
exit 0
