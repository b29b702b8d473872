#!/usr/bin/env bash
# bench/run_lp_periods.sh — the generation / solve benchmark of
# bench/run_lp.sh on a year: the same dense instances with 12 periods
# (bench/gen_lp.c --periods 12: a seasonal farm supply, stores of butter
# and cheese), run by bench/run_lp.sh after its own table, or on its own.
#
# For each size (target variables of the whole program; the shape is that
# of size / 12 variables a period), under build/bench/lp12/vN/:
#
#   generation  dairy emit mps MODEL -o F        best of BENCH_LPP_RUNS, peak RSS
#   glpsol      glpsol --check --math model.mod --wfreemps F
#               on `dairy emit mathprog`'s file (written as the language
#               reads, see bench/README.md), up to BENCH_LPP_NATURAL_MAX
#               variables: its product balance is quadratic in the size
#   tuned       the same on tuned.mod (tune_mod_periods in bench/lp_common.sh)
#   end to end  dairy run MODEL --format json    the sizes of BENCH_LPP_RUN_SIZES
#               glpsol --math tuned.mod -o SOL   the same program, solved by glpsol
#
# Checks: dairy's MPS is byte for byte what glp_write_mps writes for the same
# program (build/unit/test_emit_mps); dairy's and glpsol's MPS files have the
# same rows, columns and non-zeros; glpsol writes the same bytes from
# model.mod and tuned.mod (but the NAME line); dairy's objective equals
# glpsol's to 1e-6 relative.  The aims: time and peak RSS per variable of
# `dairy emit mps` flat from size to size (linear), and generation < 2 % of
# `dairy run` on every size solved.  The large files (.mps, .mod) are
# removed once a size is done.  Exits 1 if a command fails or the results
# disagree, 2 if it cannot run; a missed aim fails only with BENCH_STRICT=1.
#
#   BENCH_LPP_PERIODS=12       periods of the year
#   BENCH_LPP_GEN_SIZES="12000 60000 240000 600000 1200000 2400000"
#                              sizes whose generation is measured
#   BENCH_LPP_RUN_SIZES="12000 60000 120000"  sizes solved end to end
#   BENCH_LPP_NATURAL_MAX=60000    largest size glpsol translates model.mod (240000: 4-5 min more)
#   BENCH_LPP_RUNS=3           runs per command (best time kept)
#   BENCH_LPP_BUDGET=60        seconds after which a command is not repeated
#   BENCH_LP_TMLIM=1800        glpsol --tmlim for the full solve
#   BENCH_LP_KIND=mip          `lp`: no optional plants (gen_lp --lp)
#   BENCH_DAIRY=path           the binary to measure (default: a copy of build/dairy)
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=build/bench/lp12
NPER=${BENCH_LPP_PERIODS:-12}
GEN_SIZES=${BENCH_LPP_GEN_SIZES:-12000 60000 240000 600000 1200000 2400000}
RUN_SIZES=${BENCH_LPP_RUN_SIZES:-12000 60000 120000}
NATURAL_MAX=${BENCH_LPP_NATURAL_MAX:-60000}
RUNS=${BENCH_LPP_RUNS:-3}
BUDGET=${BENCH_LPP_BUDGET:-60}
TMLIM=${BENCH_LP_TMLIM:-1800}
KIND=${BENCH_LP_KIND:-mip}
case $KIND in
mip) GENOPT= ;;
lp) GENOPT=--lp ;;
*) echo "bench lp periods: BENCH_LP_KIND must be mip or lp, not \`$KIND'" >&2; exit 2 ;;
esac
AIM_SHARE=2
mkdir -p "$OUT"

# shellcheck source=bench/lp_common.sh
. bench/lp_common.sh
lp_setup

in_list() { case " $2 " in *" $1 "*) return 0 ;; esac; return 1; }
load1() { cut -d' ' -f1 /proc/loadavg; }
# the MPS file without the lines that name the problem
mps_body() { grep -v -e '^NAME' -e '^\* Problem:' "$1"; }

printf 'dairy generation / solve benchmark, %s periods — %s, %s cores, %s, best of %s runs (a command is not repeated after %s s)\n' \
    "$NPER" "$(date -u +%Y-%m-%d)" "$(nproc)" "$(uname -m)" "$RUNS" "$BUDGET"
printf '%s; %s; load average %s\n\n' "$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //')" \
    "$(glpsol --version | head -1)" "$(cut -d' ' -f1-3 /proc/loadavg)"

failed=0
gen_rows=()   # one line of numbers per size, for the tables
run_rows=()
notes=()
# shellcheck disable=SC2086
sizes=$(printf '%s\n' $GEN_SIZES $RUN_SIZES | sort -n -u)
for n in $sizes; do
    dir=$OUT/v$n
    mkdir -p "$dir"
    F='' P='' K='' M='' NOPT='' VARS=''
    # shellcheck disable=SC2086
    read -r F P K M NOPT VARS < <("$OUT/gen_lp" $GENOPT --periods "$NPER" "$dir" "$n") || true
    if [ -z "$VARS" ]; then
        echo "bench lp periods: gen_lp $GENOPT --periods $NPER $dir $n failed" >&2
        failed=1
        continue
    fi
    echo "size $n: $F farms, $P plants ($NOPT optional), $K products, $M markets, $NPER periods: $VARS variables (load $(load1))"
    if ! "$DAIRY" emit mathprog "$dir/model.dairy" -o "$dir/model.mod" 2>"$dir/emit_mathprog.err"; then
        echo "bench lp periods: \`dairy emit mathprog\` failed on $dir/model.dairy:" >&2
        head -20 "$dir/emit_mathprog.err" >&2
        failed=1
        continue
    fi
    tuned=1
    if ! tune_mod_periods "$dir/model.mod" "$dir/tuned.mod"; then
        echo "bench lp periods: the emitted MathProg is not the expected text; no tuned .mod" >&2
        tuned=0
        failed=1
    fi

    # (a) generation
    measure "$RUNS" "$BUDGET" "$dir/emit.log" "$DAIRY" emit mps "$dir/model.dairy" -o "$dir/dairy.mps"
    e_ns=$BEST_NS e_kb=$PEAK_KB e_cpu=$CPU_NS
    [ "$RC" = 0 ] || { echo "bench lp periods: dairy emit mps failed ($RC), see $dir/emit.log" >&2; failed=1; continue; }
    d1=$(mps_dims "$dir/dairy.mps")
    if in_list "$n" "$GEN_SIZES"; then
        g_ns=0 g_kb=0 g_w=0 g_cpu=0 t_ns=0 t_kb=0 t_w=0 t_cpu=0
        if [ "$n" -le "$NATURAL_MAX" ]; then
            measure "$RUNS" "$BUDGET" "$dir/translate.log" \
                glpsol --check --math "$dir/model.mod" --wfreemps "$dir/glpsol.mps"
            g_ns=$BEST_NS g_kb=$PEAK_KB g_w=$WRITE_NS g_cpu=$CPU_NS
            [ "$NRUN" = "$RUNS" ] || notes+=("v$n: glpsol on model.mod best of $NRUN")
            if [ "$RC" != 0 ]; then
                echo "bench lp periods: glpsol --check failed ($RC), see $dir/translate.log" >&2
                failed=1 g_ns=0
            elif [ "$(mps_dims "$dir/glpsol.mps")" != "$d1" ]; then
                echo "bench lp periods: v$n: the MPS files differ in size: dairy '$d1', glpsol '$(mps_dims "$dir/glpsol.mps")'" >&2
                failed=1
            fi
        fi
        if [ "$tuned" = 1 ]; then
            measure "$RUNS" "$BUDGET" "$dir/translate_tuned.log" \
                glpsol --check --math "$dir/tuned.mod" --wfreemps "$dir/tuned.mps"
            t_ns=$BEST_NS t_kb=$PEAK_KB t_w=$WRITE_NS t_cpu=$CPU_NS
            if [ "$RC" != 0 ]; then
                echo "bench lp periods: glpsol --check on the tuned .mod failed ($RC)" >&2
                failed=1 t_ns=0
            elif [ "$(mps_dims "$dir/tuned.mps")" != "$d1" ]; then
                echo "bench lp periods: v$n: the tuned .mod gives another problem size" >&2
                failed=1
            elif [ "$g_ns" != 0 ] && ! cmp -s <(mps_body "$dir/glpsol.mps") <(mps_body "$dir/tuned.mps"); then
                echo "bench lp periods: v$n: glpsol writes another program from tuned.mod" >&2
                failed=1
            fi
        fi
        same=no
        if build/unit/test_emit_mps "$dir/model.dairy" >"$dir/same.log" 2>&1; then
            same=yes
        else
            echo "bench lp periods: dairy's MPS is not what glp_write_mps writes for v$n, see $dir/same.log" >&2
            failed=1
        fi
        gen_rows+=("$VARS $P $e_ns $e_kb $e_cpu $g_ns $g_kb $g_w $g_cpu $t_ns $t_kb $t_w $t_cpu $same $(load1)")
    fi
    rm -f "$dir/dairy.mps" "$dir/glpsol.mps" "$dir/tuned.mps"

    # (b) end to end
    if in_list "$n" "$RUN_SIZES"; then
        measure "$RUNS" "$BUDGET" "$dir/run.log" "$DAIRY" run "$dir/model.dairy" --format json -o "$dir/run.json"
        r_ns=$BEST_NS r_kb=$PEAK_KB r_n=$NRUN r_cpu=$CPU_NS
        ours=
        if [ "$RC" = 0 ]; then
            ours=$(sed -n 's/^ *"objective": \([-0-9.eE+]*\).*/\1/p' "$dir/run.json" | head -1)
        else
            echo "bench lp periods: dairy run exited with $RC, see $dir/run.log" >&2
            failed=1
        fi
        s_ns=0 s_kb=0 s_n=0 s_cpu=0 theirs=
        [ "$tuned" = 1 ] && glpsol_solve "$dir/tuned.mod" "$dir" "$n" "bench lp periods"
        objectives_agree "$n" "bench lp periods"
        [ "$r_n" = "$RUNS" ] && [ "$s_n" = "$RUNS" ] ||
            notes+=("v$n: dairy run best of $r_n, glpsol solve best of $s_n (budget $BUDGET s)")
        run_rows+=("$VARS $e_ns $e_cpu $r_ns $r_kb $r_cpu $s_ns $s_kb $s_cpu $agreed $(load1)")
    fi
    rm -f "$dir/model.mod" "$dir/tuned.mod"
done

set +e
{
    echo "Generation ($NPER periods): dairy emit mps against glpsol's translator"
    echo
    printf '%s\n' "${gen_rows[@]+"${gen_rows[@]}"}" | awk '
        # fields: vars P e_ns e_kb e_cpu g_ns g_kb g_w g_cpu t_ns t_kb t_w t_cpu same load
        function sec(ns) { return ns / 1e9 }
        function gl(ns, kb, cpu, e) {
            if (ns == 0) return "-"
            return sprintf("%.2f (%.2f) / %.0f, %.0fx", sec(ns), sec(cpu), kb / 1024, cpu / e)
        }
        BEGIN {
            printf "| %9s | %3s | %21s | %6s | %5s | %12s | %26s | %26s | %11s | %5s | %4s |\n",
                "variables", "P", "dairy emit mps", "us/var", "B/var", "marginal", "glpsol model.mod",
                "glpsol tuned.mod", "tuned w/o", "same", "load"
            printf "| %9s | %3s | %21s | %6s | %5s | %12s | %26s | %26s | %11s | %5s | %4s |\n",
                "", "", "s (CPU s) / MB", "(CPU)", "(RSS)", "us, B / var", "s (CPU s) / MB, CPU ratio",
                "s (CPU s) / MB, CPU ratio", "MPS writer", "bytes", ""
            printf "|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n", "----------:", "----:", "----------------------:",
                "-------:", "------:", "-------------:", "---------------------------:",
                "---------------------------:", "------------:", ":-----:", "-----:"
        }
        {
            v = $1; e = sec($3); kb = $4; c = sec($5)
            marg = "-"
            if (nv) marg = sprintf("%.2f, %.0f", (c - pc) * 1e6 / (v - pv), (kb - pkb) * 1024 / (v - pv))
            own = $10 > 0 && $12 > 0 ? sprintf("%.2f s, %.0fx", sec($10 - $12), sec($10 - $12) / e) : "-"
            printf "| %9d | %3d | %6.3f (%6.3f) / %4.0f | %6.3f | %5.0f | %12s | %26s | %26s | %11s | %5s | %4.2f |\n",
                v, $2, e, c, kb / 1024, c * 1e6 / v, kb * 1024 / v, marg, gl($6, $7, $9, $5),
                gl($10, $11, $13, $5), own, $14, $15
            if (nv) { m[nv] = (c - pc) / (v - pv); mb[nv] = (kb - pkb) / (v - pv) }
            if ($6 > 0) { ng++; gv[ng] = v; gt[ng] = sec($9) }
            if ($10 > 0) { nt++; tv[nt] = v; tt[nt] = sec($13) }
            pv = v; pe = e; pc = c; pkb = kb; nv++
            if (nv == 1) { fv = v; fe = e; fc = c; fkb = kb }
        }
        END {
            if (!nv) exit 4
            print ""
            if (nv > 1)
                printf "dairy emit mps, %d -> %d variables (x%.1f): wall time x%.1f, CPU time x%.1f, peak RSS x%.1f\n",
                    fv, pv, pv / fv, pe / fe, pc / fc, pkb / fkb
            if (nv > 2)
                printf "marginal CPU time per variable, last interval / the one before: %.2f (1.0 = linear); marginal RSS: %.2f\n",
                    m[nv - 1] / m[nv - 2], mb[nv - 1] / mb[nv - 2]
            if (ng > 1)
                printf "glpsol on model.mod: CPU time grows as size^%.2f (%d -> %d variables)\n",
                    log(gt[ng] / gt[1]) / log(gv[ng] / gv[1]), gv[1], gv[ng]
            if (nt > 1)
                printf "glpsol on tuned.mod: CPU time grows as size^%.2f (%d -> %d variables)\n",
                    log(tt[nt] / tt[1]) / log(tv[nt] / tv[1]), tv[1], tv[nt]
        }'
    echo
    echo "End to end ($NPER periods): dairy run, and glpsol solving tuned.mod"
    echo
    printf '%s\n' "${run_rows[@]+"${run_rows[@]}"}" | awk -v aim="$AIM_SHARE" '
        # fields: vars e_ns e_cpu r_ns r_kb r_cpu s_ns s_kb s_cpu agreed load
        function sec(ns) { return ns / 1e9 }
        BEGIN {
            printf "| %9s | %14s | %22s | %14s | %22s | %5s | %4s |\n",
                "variables", "dairy emit mps", "dairy run", "share", "glpsol solve", "obj =", "load"
            printf "| %9s | %14s | %22s | %14s | %22s | %5s | %4s |\n",
                "", "s (CPU s)", "s (CPU s) / MB", "wall (CPU)", "s (CPU s) / MB", "", ""
            printf "|%s|%s|%s|%s|%s|%s|%s|\n", "----------:", "---------------:", "-----------------------:",
                "---------------:", "-----------------------:", ":-----:", "-----:"
        }
        {
            e = sec($2); ec = sec($3); r = sec($4); rc = sec($6); sh = 100 * e / r; shc = 100 * ec / rc
            gs = $7 > 0 ? sprintf("%6.2f (%6.2f) / %5.0f", sec($7), sec($9), $8 / 1024) : "-"
            printf "| %9d | %5.3f (%5.3f) | %6.2f (%6.2f) / %5.0f | %5.2f%% (%4.2f%%) | %22s | %5s | %4.2f |\n",
                $1, e, ec, r, rc, $5 / 1024, sh, shc, gs, $10, $11
            if (sh > worst) { worst = sh; wv = $1 }
            if (shc > worstc) { worstc = shc }
            nr++
        }
        END {
            if (!nr) exit 0
            print ""
            printf "generation share of dairy run: at most %.2f%% of the wall time (at %d variables), %.2f%% of the CPU time (aim < %d%%: %s)\n",
                worst, wv, worstc, aim, worst < aim ? "met" : "MISSED"
            if (worst >= aim) exit 3
        }'
} | tee "$OUT/results.txt"
aims=${PIPESTATUS[0]}
set -e
for note in "${notes[@]+"${notes[@]}"}"; do echo "note: $note" | tee -a "$OUT/results.txt"; done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/results.txt"

if [ "$failed" != 0 ]; then
    echo "bench lp periods: FAILED (see the messages above)" >&2
    exit 1
fi
if [ "$aims" = 3 ] && [ "${BENCH_STRICT:-0}" = 1 ]; then
    echo "bench lp periods: an aim is missed (BENCH_STRICT=1)" >&2
    exit 1
fi
exit 0
